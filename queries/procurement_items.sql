-- purpose: the rows of a document's 政府采购预算表 in the table's order: its 合计, the categories
--          (货物 / 工程 / 服务), the 专项 or 经济科目 subtotals (group), the units' subtotals and
--          the items, with their amounts in 万元 as published
-- grain: one row per printed row of the 政府采购预算表 per document (row_kind says which)
-- parameters: $document (the document id: department, year, kind, scope)
select
    pr.seq as seq,
    pr.row_kind as row_kind,
    pr.category as category,
    pr.unit as unit,
    pr.project as project,
    pr.economic as economic,
    pr.item as item,
    pr.method as method,
    pr.total_wan as total_wan,
    pr.general_budget_wan as general_budget_wan,
    pr.source_line as source_line
from procurement_item as pr
where pr.document = $document
order by pr.seq
