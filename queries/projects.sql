-- purpose: every project with its 本年预算 and 上年结转 amounts, its share of all project spending,
--          and whether it has a performance-target table
-- grain: one row per project per budget unit per department per year
-- parameters: $document (the document id: department, year, kind, scope)
with project_rows as (
    select
        pb.unit as unit,
        pb.project as project,
        sum(case when not pb.carried_over then pb.total_wan else 0 end) as current_year_wan,
        sum(case when pb.carried_over then pb.total_wan else 0 end) as carried_over_wan,
        sum(pb.total_wan) as total_wan,
        min(pb.source_line) as source_line
    from project_budget as pb
    where pb.document = $document
        and pb.row_kind = 'project'
    group by pb.unit, pb.project
)
select
    pr.unit as unit,
    pr.project as project,
    pr.current_year_wan as current_year_wan,
    pr.carried_over_wan as carried_over_wan,
    pr.total_wan as total_wan,
    round(100 * pr.total_wan / nullif(sum(pr.total_wan) over (), 0), 2) as share_pct,
    -- exists, not a join: a project named in several 绩效 tables is still one row
    exists (
        select 1
        from performance_table as pt
        where pt.document = $document and pt.project = pr.project
    ) as has_scorecard,
    pr.source_line as source_line
from project_rows as pr
order by pr.source_line
