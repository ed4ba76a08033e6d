-- purpose: the indicator tree of one performance table (一级 → 二级 → 三级) with the parsed target
-- grain: one row per indicator per period per project per department per year
-- parameters: $document (the document id: department, year, kind, scope), $project
select
    pi.period as period,
    pi.seq as seq,
    pi.level1 as level1,
    pi.level2 as level2,
    pi.name as name,
    pi.target_raw as target_raw,
    pi.target_kind as target_kind,
    pi.comparator as comparator,
    pi.target_value as target_value,
    pi.target_unit as target_unit,
    pi.time_year as time_year,
    pi.time_month as time_month,
    pi.time_qualifier as time_qualifier,
    pi.placed as placed,
    pi.problem as problem,
    pi.source_line as source_line
from performance_indicator as pi
where pi.document = $document and pi.project = $project
order by pi.period desc, pi.seq
