-- Open-data resource performance_indicators: every indicator row of every performance-target
-- table, both periods, with the parsed target.
-- Grain: one row per indicator per period per project (部门整体 for the department) per document;
-- synthetic documents are left out.
-- Parameters: none.
select
    pi.department,
    pi.year,
    pi.document,
    pi.project,
    pi.period,
    pi.level1,
    pi.level2,
    pi.name,
    pi.target_raw,
    pi.comparator,
    pi.target_value,
    pi.target_unit,
    pi.target_kind,
    pi.placed,
    pi.problem,
    pi.source_line
from performance_indicator as pi
join document as d on d.document = pi.document
where not d.synthetic
order by pi.department, pi.year, pi.document, pi.project, pi.period, pi.seq
