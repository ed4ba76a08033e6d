-- Open-data resource checks: the reconciliation of each document against itself.
-- Grain: one row per check per department per year.
-- Parameters: none.
select
    cr.department,
    cr.year,
    cr.check_kind as "check",
    cr.project,
    cr.subject,
    cr.expected,
    cr.actual,
    cr.difference,
    cr.status,
    cr.source_lines,
    cr.detail
from check_result as cr
order by cr.department, cr.year, cr.seq
