-- Open-data resource procurement: every row of the 政府采购预算表 (the table's 合计, its
-- categories, 专项 / unit subtotals and items, row_kind saying which), in 万元.
-- Grain: one row per row of the 政府采购预算表 per document; synthetic documents are left out.
-- Parameters: none.
select
    pr.department,
    pr.year,
    pr.document,
    pr.row_kind,
    pr.category,
    pr.unit,
    pr.project,
    pr.item,
    pr.method,
    pr.total_wan as total,
    pr.general_budget_wan as general_budget,
    pr.source_line
from procurement_item as pr
join document as d on d.document = pr.document
where not d.synthetic
order by pr.department, pr.year, pr.document, pr.seq
