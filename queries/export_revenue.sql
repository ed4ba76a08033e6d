-- Open-data resource revenue: revenue by source as the 收支总表 states it (收入 side), including
-- 上年结转; the closing totals and subtotals (本年收入合计, 当年收入小计, 收入总计) are left out.
-- Grain: one row per source of funds per document; synthetic documents are left out.
-- Parameters: none.
select
    si.department,
    si.year,
    si.document,
    si.item as source,
    si.amount_wan as amount,
    si.source_line
from summary_item as si
join document as d on d.document = si.document
where not d.synthetic
    and si.table_key = 'income_expense_summary'
    and si.side = '收入'
    and si.column_key = 'amount'
    and si.parent_item is null
    and si.item not like '%合计%'
    and si.item not like '%小计%'
    and si.item not like '%总计%'
order by si.department, si.year, si.document, si.seq
