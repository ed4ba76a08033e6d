-- Open-data resource execution_notes: what a 决算's narrative states of each 功能分类 项 (年初预算,
-- 全年预算, 支出决算, the rate it states and the reason for the difference) and, in the row whose
-- item is 合计, of the whole.
-- Grain: one row per 项 the narrative explains per document (and its 合计 row); synthetic documents
-- are left out.
-- Parameters: none.
select
    en.department,
    en.year,
    en.document,
    en.code,
    en.class_name,
    en.kuan_name,
    en.item_name,
    en.year_start_budget_wan as year_start_budget,
    en.full_year_budget_wan as full_year_budget,
    en.actual_wan as actual,
    en.stated_rate,
    en.rate_of,
    en.reason,
    en.source_line
from execution_note as en
join document as d on d.document = en.document
where not d.synthetic
order by en.department, en.year, en.document, en.seq
