-- purpose: flows from source of funds to 功能分类 类, read from the 类 rows of the 收入总表 (for the sankey)
-- grain: one row per source of funds per 类 per department per year (zero and blank cells dropped)
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
            ('general_budget', cr.general_budget_wan),
            ('gov_fund', cr.gov_fund_wan),
            ('state_capital', cr.state_capital_wan),
            ('special_account', cr.special_account_wan),
            ('unit_funds', cr.unit_funds_wan),
            ('carried_over', cr.carried_over_wan)
    ) as u (source_key, amount_wan)
where coalesce(u.amount_wan, 0) <> 0
order by cr.seq, u.source_key
