-- purpose: the departments and years that can be shown (generated benchmark documents excluded)
-- grain: one row per document (department × year)
-- parameters: none
select
    d.department as department,
    d.year as year,
    d.title as title,
    d.document_id as document_id
from document as d
where not d.synthetic
order by d.department, d.year desc
