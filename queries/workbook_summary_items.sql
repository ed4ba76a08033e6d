-- purpose: the cells of the summary tables (收支总表, 财政拨款收支总表, and a layout's 收入/支出
--          summaries), 收入 side then 支出 side; table_key tells which table a cell belongs to
-- grain: one row per non-blank cell (row label × column) per summary table per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    si.table_key as table_key,
    si.side as side,
    si.seq as seq,
    si.label as label,
    si.parent_item as parent_item,
    si.column_key as column_key,
    si.column_group as column_group,
    si.amount_wan as amount_wan,
    si.source_line as source_line
from summary_item as si
where si.document = $document
order by si.table_key, si.side = '支出', si.seq, si.source_line
