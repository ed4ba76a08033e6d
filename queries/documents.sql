-- purpose: the departments and years that can be shown (generated benchmark documents excluded)
-- grain: one row per document (department × year × kind × scope)
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
-- within a year, the 部门 document first (the default choice), then 单位; 预算 before 决算
order by d.department, d.year desc, d.scope = '部门' desc, d.kind = '预算' desc, d.document
