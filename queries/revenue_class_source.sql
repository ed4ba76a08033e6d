-- purpose: flows from source of funds to 功能分类 类, read from the 类 rows of the 收入总表 (for the sankey)
-- grain: one row per source of funds per 类 per document (zero and blank cells dropped)
-- parameters: $document (the document id: department, year, kind, scope)
with class_rows as (
    select rf.*
    from revenue_function as rf
    where rf.document = $document
        and rf.table_key = 'revenue_function'
        and rf.level = 1
)
select
    cr.code as class_code,
    cr.name as class_name,
    u.source_key as source_key,
    u.amount_wan as amount_wan,
    cr.source_line as source_line
from class_rows as cr,
    lateral (
        values
            (1, 'fiscal_appropriation', cr.fiscal_appropriation_wan),
            (2, 'general_budget', cr.general_budget_wan),
            (3, 'gov_fund', cr.gov_fund_wan),
            (4, 'state_capital', cr.state_capital_wan),
            (5, 'special_account', cr.special_account_wan),
            (6, 'unit_funds', cr.unit_funds_wan),
            (7, 'business_income', cr.business_income_wan),
            (8, 'operating_income', cr.operating_income_wan),
            (9, 'other_income', cr.other_income_wan),
            (10, 'carried_over', cr.carried_over_wan)
    ) as u (ord, source_key, amount_wan)
where coalesce(u.amount_wan, 0) <> 0
order by cr.seq, u.ord
