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
-- a department-year's documents (部门 and 单位, 预算 and 决算) by id: the listing is the same each time
order by d.department, d.year, d.document
