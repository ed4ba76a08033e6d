-- purpose: every indicator row of every performance-target table of a disclosure, both periods,
--          with the parsed target and any parse problem
-- grain: one row per indicator per period per project (部门整体 for the department) per
--        department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    pi.project as project,
    pi.period as period,
    pi.level1 as level1,
    pi.level2 as level2,
    pi.name as name,
    pi.target_raw as target_raw,
    pi.target_kind as target_kind,
    pi.comparator as comparator,
    pi.target_value as target_value,
    pi.target_unit as target_unit,
    pi.placed as placed,
    pi.problem as problem,
    pi.source_line as source_line
from performance_indicator as pi
where pi.document = $document
order by pi.source_line, pi.period desc, pi.seq
