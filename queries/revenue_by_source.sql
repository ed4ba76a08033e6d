-- purpose: 收入 by source of funds, read from the 合计 row of the 收入总表 (本年收入 columns plus 上年结转)
-- grain: one row per source of funds per department per year
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
            (1, 'general_budget', tr.general_budget_wan),
            (2, 'gov_fund', tr.gov_fund_wan),
            (3, 'state_capital', tr.state_capital_wan),
            (4, 'special_account', tr.special_account_wan),
            (5, 'unit_funds', tr.unit_funds_wan),
            (6, 'carried_over', tr.carried_over_wan)
    ) as u (ord, source_key, amount_wan)
order by u.ord
