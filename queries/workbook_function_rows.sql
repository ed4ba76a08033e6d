-- purpose: the 科目 rows of every function-classified table (收入总表, 支出总表, 一般公共预算支出表,
--          政府性基金 and 国有资本经营 tables), revenue and expenditure alike; table_key tells which
--          table (the 国有资本经营 table is stored in two halves, state_capital_revenue and
--          state_capital_expenditure)
-- grain: one row per 科目 row per table per department per year (level 0 is the 合计 row)
-- parameters: $document (the document id: department, year, kind, scope)
select
    rf.table_key as table_key,
    '收入' as part,
    rf.seq as seq,
    rf.code as code,
    rf.name as name,
    rf.level as level,
    rf.total_wan as total_wan,
    null::decimal(24, 6) as basic_wan,
    null::decimal(24, 6) as project_wan,
    rf.general_budget_wan as general_budget_wan,
    rf.gov_fund_wan as gov_fund_wan,
    rf.state_capital_wan as state_capital_wan,
    rf.special_account_wan as special_account_wan,
    rf.unit_funds_wan as unit_funds_wan,
    rf.carried_over_wan as carried_over_wan,
    rf.fiscal_appropriation_wan as fiscal_appropriation_wan,
    rf.business_income_wan as business_income_wan,
    rf.operating_income_wan as operating_income_wan,
    rf.other_income_wan as other_income_wan,
    rf.source_line as source_line
from revenue_function as rf
where rf.document = $document
union all
select
    ef.table_key as table_key,
    '支出' as part,
    ef.seq as seq,
    ef.code as code,
    ef.name as name,
    ef.level as level,
    ef.total_wan as total_wan,
    ef.basic_wan as basic_wan,
    ef.project_wan as project_wan,
    null::decimal(24, 6) as general_budget_wan,
    null::decimal(24, 6) as gov_fund_wan,
    null::decimal(24, 6) as state_capital_wan,
    null::decimal(24, 6) as special_account_wan,
    null::decimal(24, 6) as unit_funds_wan,
    null::decimal(24, 6) as carried_over_wan,
    null::decimal(24, 6) as fiscal_appropriation_wan,
    null::decimal(24, 6) as business_income_wan,
    null::decimal(24, 6) as operating_income_wan,
    null::decimal(24, 6) as other_income_wan,
    ef.source_line as source_line
from expenditure_function as ef
where ef.document = $document
order by table_key, source_line
