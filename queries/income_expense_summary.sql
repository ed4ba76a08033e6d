-- purpose: the 收支总表 as published, 收入 side then 支出 side: each row label with its amount (the 合计
--          or single amount column) and the column group it sits in where a side has several
-- grain: one row per row label per side of the 收支总表 per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    si.side as side,
    si.seq as seq,
    si.label as label,
    si.parent_item as parent_item,
    si.column_group as column_group,
    si.amount_wan as amount_wan,
    si.source_line as source_line
from summary_item as si
where si.document = $document
    and si.table_key = 'income_expense_summary'
    and si.column_key in ('amount', 'total')
order by si.side = '支出', si.seq
