-- purpose: 支出 per 功能分类 类 split into 当年预算 and 上年结转 (from the 收支总表)
-- grain: one row per 类 (and the 支出总计 row) per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    si.seq as seq,
    si.item as item,
    sum(case when si.column_key = 'total' then si.amount_wan end) as total_wan,
    sum(case when si.column_key = 'current_year' then si.amount_wan end) as current_year_wan,
    sum(case when si.column_key = 'carried_over' then si.amount_wan end) as carried_over_wan,
    min(si.source_line) as source_line
from summary_item as si
where si.document = $document
    and si.table_key = 'income_expense_summary'
    and si.side = '支出'
group by si.seq, si.item
order by si.seq
