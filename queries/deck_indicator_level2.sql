-- purpose: the 年度 performance indicators of every performance table counted by 二级指标, with how
--          many have a measurable (numeric or time) target
-- grain: one row per 二级指标 per performance table (project) per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    pi.project as project,
    pi.level1 as level1,
    coalesce(pi.level2, '（未归类）') as level2,
    count(*) as indicators_n,
    count(*) filter (where pi.target_kind in ('numeric', 'time')) as measurable_n,
    min(pi.seq) as first_seq,
    min(pi.source_line) as source_line
from performance_indicator as pi
where pi.document = $document
    and pi.period = '年度'
group by pi.project, pi.level1, coalesce(pi.level2, '（未归类）')
order by pi.project, first_seq
