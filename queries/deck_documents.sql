-- purpose: every document the deck and workbook commands can be pointed at (synthetic ones too,
--          flagged), so that a wrong --department/--year can be answered with what exists
-- grain: one row per document (department × year)
-- parameters: none
select
    d.department as department,
    d.year as year,
    d.title as title,
    d.document as document,
    d.synthetic as synthetic
from document as d
order by d.department, d.year
