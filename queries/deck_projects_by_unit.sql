-- purpose: project spending per budget unit (本年预算 and 上年结转 projects together), with the
--          number of projects and the first line of the unit's projects
-- grain: one row per budget unit per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    pb.unit as unit,
    count(distinct pb.project) as projects_n,
    sum(pb.total_wan) as total_wan,
    sum(case when not pb.carried_over then pb.total_wan end) as current_year_wan,
    sum(case when pb.carried_over then pb.total_wan end) as carried_over_wan,
    min(pb.source_line) as source_line
from project_budget as pb
where pb.document = $document
    and pb.row_kind = 'project'
group by pb.unit
order by total_wan desc, source_line
