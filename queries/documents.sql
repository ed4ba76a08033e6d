-- purpose: the departments and years that can be shown (generated benchmark documents excluded)
-- grain: one row per document (department × year)
-- parameters: none
select
    d.department as department,
    d.year as year,
    d.title as title,
    d.document_id as document_id,
    d.document as document,
    d.kind as kind,
    d.scope as scope
from document as d
where not d.synthetic
order by d.department, d.year desc
