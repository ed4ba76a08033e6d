-- Open-data resource project_funds: funds stated in each performance-target table, by period and
-- source (元).
-- Grain: one row per fund figure per period per project per department per year.
-- Parameters: none.
select
    pf.department,
    pf.year,
    pf.project,
    pf.period,
    pf.dimension,
    pf.source,
    pf.label,
    pf.amount_yuan,
    pf.source_line
from performance_fund as pf
order by pf.department, pf.year, pf.project, pf.source_line, pf.period
