-- Open-data resource checks: the reconciliation of each document against itself.
-- Grain: one row per check per document; synthetic documents are left out.
-- Parameters: none.
select
    cr.department,
    cr.year,
    cr.document,
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
join document as d on d.document = cr.document
where not d.synthetic
order by cr.department, cr.year, cr.document, cr.seq
