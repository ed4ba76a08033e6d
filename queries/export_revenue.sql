-- Open-data resource revenue: revenue by source as the 收支总表 states it (收入 side), including
-- 上年结转; the closing totals (本年收入合计, 收入总计) are left out.
-- Grain: one row per source of funds per department per year.
-- Parameters: none.
select
    si.department,
    si.year,
    si.item as source,
    si.amount_wan as amount,
    si.source_line
from summary_item as si
where si.table_key = 'income_expense_summary'
    and si.side = '收入'
    and si.column_key = 'amount'
    and si.parent_item is null
    and si.item not like '%合计%'
    and si.item not like '%总计%'
order by si.department, si.year, si.seq
