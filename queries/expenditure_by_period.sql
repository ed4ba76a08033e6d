-- purpose: 支出 per row of the 收支总表 split into 当年预算 and 上年结转 where the table has those
--          columns; total_wan is the 合计 column, or the single amount column of a table without the
--          split
-- grain: one row per 支出 row of the 收支总表 (类 or 支出用途, and the total rows) per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    si.seq as seq,
    si.item as item,
    coalesce(
        sum(case when si.column_key = 'total' then si.amount_wan end),
        sum(case when si.column_key = 'amount' then si.amount_wan end)
    ) as total_wan,
    sum(case when si.column_key = 'current_year' then si.amount_wan end) as current_year_wan,
    sum(case when si.column_key = 'carried_over' then si.amount_wan end) as carried_over_wan,
    min(si.source_line) as source_line
from summary_item as si
where si.document = $document
    and si.table_key = 'income_expense_summary'
    and si.side = '支出'
group by si.seq, si.item
order by si.seq
