-- purpose: 收入 by source of funds, read from the 合计 row of the 收入总表 (本年收入 columns plus 上年结转;
--          layouts that publish 财政拨款, 事业收入, 经营收入 and 其他收入 columns give those instead)
-- grain: one row per source of funds per document (sources whose column the table lacks are null)
-- parameters: $document (the document id: department, year, kind, scope)
with total_row as (
    select rf.*
    from revenue_function as rf
    where rf.document = $document
        and rf.table_key = 'revenue_function'
        and rf.level = 0
)
select
    u.ord as ord,
    u.source_key as source_key,
    u.amount_wan as amount_wan,
    tr.source_line as source_line
from total_row as tr,
    lateral (
        values
            (1, 'fiscal_appropriation', tr.fiscal_appropriation_wan),
            (2, 'general_budget', tr.general_budget_wan),
            (3, 'gov_fund', tr.gov_fund_wan),
            (4, 'state_capital', tr.state_capital_wan),
            (5, 'special_account', tr.special_account_wan),
            (6, 'unit_funds', tr.unit_funds_wan),
            (7, 'business_income', tr.business_income_wan),
            (8, 'operating_income', tr.operating_income_wan),
            (9, 'other_income', tr.other_income_wan),
            (10, 'carried_over', tr.carried_over_wan)
    ) as u (ord, source_key, amount_wan)
order by u.ord
