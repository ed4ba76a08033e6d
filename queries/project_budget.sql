-- purpose: the 项目支出预算表 (本年预算 and 上年结转): department total, unit subtotals, projects
-- grain: one row per table row (department | unit | project) per period per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    pb.carried_over as carried_over,
    pb.seq as seq,
    pb.row_kind as row_kind,
    pb.unit as unit,
    pb.project as project,
    pb.total_wan as total_wan,
    pb.general_budget_wan as general_budget_wan,
    pb.gov_fund_wan as gov_fund_wan,
    pb.state_capital_wan as state_capital_wan,
    pb.special_account_wan as special_account_wan,
    pb.unit_funds_wan as unit_funds_wan,
    pb.source_line as source_line
from project_budget as pb
where pb.document = $document
order by pb.carried_over, pb.seq
