-- Open-data resource fiscal_expenditure_function: the 财政拨款 tables by 功能分类 科目 — Jiangsu's
-- 财政拨款支出预算表（功能科目）, and every layout's 一般公共预算支出表, 政府性基金支出表 and 国有资本
-- 经营预算支出表 — each kept apart by its table key.
-- Purpose: the appropriation (财政拨款) side by function, beside the all-funds expenditure_function.
-- Grain: one row per 科目 (类, 款, 项) per table per document; the tables' 合计 rows and synthetic
-- documents are left out.
-- Parameters: none.
select
    ef.department,
    ef.year,
    ef.document,
    ef.table_key as "table",
    ef.code,
    ef.name,
    ef.level,
    ef.total_wan as total,
    ef.basic_wan as basic,
    ef.project_wan as project,
    ef.source_line
from expenditure_function as ef
join document as d on d.document = ef.document
where not d.synthetic
    and ef.table_key <> 'expenditure_total'
    and ef.level between 1 and 3
order by ef.department, ef.year, ef.document, ef.table_key, ef.seq
