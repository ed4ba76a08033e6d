-- purpose: what the 决算's narrative says of each 功能分类 项 beside the numbers: 年初预算 and 全年
--          预算 as it states them, the 支出决算, the difference from the budget it states (全年 where
--          given, else 年初) and the stated reason, largest difference first; with the 预算
--          document's own figure for the 项 where it is loaded
-- grain: one row per 项 the narrative explains
-- parameters: $document (the document id of either the 预算 or the 决算)
with docs as (
    select s.kind, s.document
    from document_sibling as s
    where s.of_document = $document
),
budget as (
    select ef.code, max(ef.total_wan) as total_wan
    from expenditure_function as ef
    join docs
        on docs.document = ef.document and docs.kind = '预算'
    where ef.table_key = 'expenditure_total' and ef.level = 3
    group by ef.code
)
select
    en.code as code,
    en.class_name as class_name,
    en.kuan_name as kuan_name,
    en.item_name as item_name,
    b.total_wan as budget_wan,
    en.year_start_budget_wan as year_start_budget_wan,
    en.full_year_budget_wan as full_year_budget_wan,
    en.actual_wan as actual_wan,
    en.actual_wan - coalesce(en.full_year_budget_wan, en.year_start_budget_wan) as difference_wan,
    en.reason as reason,
    en.source_line as source_line
from execution_note as en
join docs
    on docs.document = en.document and docs.kind = '决算'
left join budget as b
    on b.code = en.code
order by abs(coalesce(difference_wan, 0)) desc, en.seq
