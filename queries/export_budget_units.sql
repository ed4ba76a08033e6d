-- Open-data resource budget_units: each department and its budget units.
-- Grain: one row per unit per department per year (plus one for the department as a whole).
-- Parameters: none.
select
    bu.department,
    bu.year,
    bu.unit,
    bu.parent_unit,
    bu.is_department,
    bu.source_line
from budget_unit as bu
order by bu.department, bu.year, bu.is_department desc, bu.source_line
