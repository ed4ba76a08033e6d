-- Open-data resource projects: every project of the 项目支出预算表 (本年预算 and 上年结转) with
-- its budget unit.
-- Grain: one row per project per budget table per document; synthetic documents are left out.
-- Parameters: none.
select
    pb.department,
    pb.year,
    pb.document,
    pb.unit,
    pb.project,
    pb.total_wan as total,
    pb.general_budget_wan as general_budget,
    pb.carried_over,
    pb.source_line
from project_budget as pb
join document as d on d.document = pb.document
where not d.synthetic
    and pb.row_kind = 'project'
order by pb.department, pb.year, pb.document, pb.carried_over, pb.seq
