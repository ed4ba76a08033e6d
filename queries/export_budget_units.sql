-- Open-data resource budget_units: each department and its budget units.
-- Grain: one row per unit per document (plus one for the department as a whole); synthetic
-- documents are left out.
-- Parameters: none.
select
    bu.department,
    bu.year,
    bu.document,
    bu.unit,
    bu.parent_unit,
    bu.is_department,
    bu.source_line
from budget_unit as bu
join document as d on d.document = bu.document
where not d.synthetic
order by bu.department, bu.year, bu.document, bu.is_department desc, bu.source_line
