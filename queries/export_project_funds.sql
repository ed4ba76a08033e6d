-- Open-data resource project_funds: funds stated in each performance-target table, by period and
-- source (元).
-- Grain: one row per fund figure per period per project per document; synthetic documents are
-- left out.
-- Parameters: none.
select
    pf.department,
    pf.year,
    pf.document,
    pf.project,
    pf.period,
    pf.dimension,
    pf.source,
    pf.label,
    pf.amount_yuan,
    pf.source_line
from performance_fund as pf
join document as d on d.document = pf.document
where not d.synthetic
order by pf.department, pf.year, pf.document, pf.project, pf.source_line, pf.period
