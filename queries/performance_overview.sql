-- purpose: one scorecard line per performance table: indicator counts by kind, 二级 categories
--          present, measurable targets, problems (all counted on the 年度 targets), budget (万元) and
--          failed cost/period checks
-- grain: one row per performance table (project) per department per year
-- parameters: $document (the document id: department, year, kind, scope)
with ind as (
    select
        pi.project as project,
        count(*) as indicators_n,
        count(*) filter (where pi.target_kind = 'numeric') as numeric_n,
        count(*) filter (where pi.target_kind = 'time') as time_n,
        count(*) filter (where pi.target_kind = 'qualitative') as qualitative_n,
        count(*) filter (where pi.target_kind in ('empty', 'unparsed')) as empty_n,
        count(*) filter (where pi.problem is not null) as problems_n,
        count(distinct pi.level2) as level2_n
    from performance_indicator as pi
    where pi.document = $document and pi.period = '年度'
    group by pi.project
),
budget as (
    select
        pb.project as project,
        sum(pb.total_wan) as budget_wan
    from project_budget as pb
    where pb.document = $document and pb.row_kind = 'project'
    group by pb.project
),
-- 部门整体 has no row in the 项目支出预算表: its funds come from its own table, in 元.
table_funds as (
    select
        pf.project as project,
        max(pf.amount_yuan) / 10000 as funds_wan
    from performance_fund as pf
    where pf.document = $document
        and pf.period = '年度' and pf.dimension = 'source' and pf.source = 'total'
    group by pf.project
),
checks as (
    select
        pt.project as project,
        count(*) filter (where cr.status = 'mismatch') as mismatches_n
    from performance_table as pt
    join check_result as cr
        on cr.document = pt.document
        and cr.check_kind in ('cost_indicator', 'period_consistency')
        and cr.project = pt.project
    where pt.document = $document
    group by pt.project
)
select
    pt.project as project,
    pt.is_department as is_department,
    pt.implementing_unit as implementing_unit,
    coalesce(b.budget_wan, tf.funds_wan) as budget_wan,
    coalesce(i.indicators_n, 0) as indicators_n,
    coalesce(i.level2_n, 0) as level2_n,
    coalesce(i.numeric_n, 0) + coalesce(i.time_n, 0) as measurable_n,
    coalesce(i.qualitative_n, 0) as qualitative_n,
    coalesce(i.empty_n, 0) as empty_n,
    coalesce(i.problems_n, 0) as problems_n,
    coalesce(c.mismatches_n, 0) as mismatches_n,
    pt.source_line as source_line
from performance_table as pt
left join ind as i on i.project = pt.project
left join budget as b on b.project = pt.project
left join table_funds as tf on tf.project = pt.project
left join checks as c on c.project = pt.project
where pt.document = $document
order by pt.is_department desc, pt.source_line
