-- Open-data resource expenditure_function: each document's all-funds expenditure by 功能分类 科目,
-- whatever the published layout.
-- Purpose: where a document has an all-funds 支出总表 by 类/款/项 (Jincheng's 支出总表, Shanghai's
-- 支出预算总表), its 类, 款 and 项 rows with total, basic and project, and the 本年 (当年预算) and
-- 上年结转 split taken from the 收入总表 row of the same 科目编码 (a 预算's; a 决算's 支出决算表 rows
-- have no such split). Where a layout breaks all funds
-- down by function only at 类 level (Jiangsu: the 支出功能分类 side of the 收支预算总表, printed by
-- name without codes), those 类 rows, with the 3-digit code of their name in the national 类 list.
-- 财政拨款 tables are not here (export_fiscal_expenditure_function.sql).
-- Grain: one row per 科目 (类, 款, 项) per document; synthetic documents are left out.
-- Parameters: none. Reads function_class (code, name): the 类 list of
-- budgetlens/reference/function_classes.csv, which budgetlens.export registers beside the database.
with by_code as (
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
        rf.total_wan as current_year,
        rf.carried_over_wan as carried_over,
        ef.source_line,
        ef.seq
    from expenditure_function as ef
    join document as d
        on d.document = ef.document
    -- a 决算's 收入决算表 states the year's revenue by function, not a split of what was spent:
    -- its rows leave current_year and carried_over empty
    left join revenue_function as rf
        on rf.document = ef.document
        and rf.table_key = 'revenue_function'
        and rf.code = ef.code
        and d.kind = '预算'
    where ef.table_key = 'expenditure_total'
        and ef.level between 1 and 3
),

by_name as (
    select
        si.department,
        si.year,
        si.document,
        si.table_key as "table",
        fc.code,
        si.item as name,
        1 as level,
        si.amount_wan as total,
        null as basic,
        null as project,
        null as current_year,
        null as carried_over,
        si.source_line,
        si.seq
    from summary_item as si
    left join function_class as fc
        on fc.name = replace(replace(si.item, ' ', ''), '　', '')
    where si.table_key = 'income_expense_summary'
        and si.side = '支出'
        and si.column_group = '功能分类'
        and not exists (select 1 from by_code as bc where bc.document = si.document)
),

rows as (
    select * from by_code
    union all
    select * from by_name
)

select
    r.department,
    r.year,
    r.document,
    r."table",
    r.code,
    r.name,
    r.level,
    r.total,
    r.basic,
    r.project,
    r.current_year,
    r.carried_over,
    r.source_line
from rows as r
join document as d on d.document = r.document
where not d.synthetic
order by r.department, r.year, r.document, r.seq
