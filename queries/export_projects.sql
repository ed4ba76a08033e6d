-- Open-data resource projects: every project of the 项目支出预算表 (本年预算 and 上年结转) with
-- its budget unit.
-- Grain: one row per project per budget table per department per year.
-- Parameters: none.
select
    pb.department,
    pb.year,
    pb.unit,
    pb.project,
    pb.total_wan as total,
    pb.general_budget_wan as general_budget,
    pb.carried_over,
    pb.source_line
from project_budget as pb
where pb.row_kind = 'project'
order by pb.department, pb.year, pb.carried_over, pb.seq
