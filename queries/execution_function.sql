-- purpose: budget against actual by 功能分类 类 and 款: the 预算's all-funds expenditure by
--          function (its 支出总表, else 财政拨款支出表, else 一般公共预算支出表) beside the 决算's
--          支出决算表 (本年支出), with 基本/项目, the difference (actual − budget) and the execution
--          rate (actual / budget, %; null where nothing was budgeted); level 0 is the 合计 row
-- grain: one row per 类 or 款 code found in either document (and the 合计 row)
-- parameters: $document (the document id of either the 预算 or the 决算)
with docs as (
    select s.kind, s.document
    from document_sibling as s
    where s.of_document = $document
),
budget_table as (
    select ef.table_key
    from expenditure_function as ef
    join docs
        on docs.document = ef.document and docs.kind = '预算'
    where ef.level >= 1
        and ef.table_key in ('expenditure_total', 'fiscal_expenditure', 'general_budget_expenditure')
    group by ef.table_key
    order by
        case ef.table_key
            when 'expenditure_total' then 1
            when 'fiscal_expenditure' then 2
            else 3
        end
    limit 1
),
budget as (
    select
        coalesce(ef.code, '') as k,
        ef.code, ef.name, ef.level, ef.seq, ef.total_wan, ef.basic_wan, ef.project_wan,
        ef.source_line, ef.table_key
    from expenditure_function as ef
    join docs
        on docs.document = ef.document and docs.kind = '预算'
    join budget_table as bt
        on bt.table_key = ef.table_key
    where ef.level <= 2
),
actual as (
    select
        coalesce(ef.code, '') as k,
        ef.code, ef.name, ef.level, ef.seq, ef.total_wan, ef.basic_wan, ef.project_wan,
        ef.source_line, ef.table_key
    from expenditure_function as ef
    join docs
        on docs.document = ef.document and docs.kind = '决算'
    where ef.table_key = 'expenditure_total' and ef.level <= 2
)
select
    coalesce(a.level, b.level) as level,
    nullif(coalesce(a.k, b.k), '') as code,
    case when coalesce(a.level, b.level) >= 1 then left(coalesce(a.k, b.k), 3) end as class_code,
    coalesce(a.name, b.name) as name,
    b.total_wan as budget_wan,
    b.basic_wan as budget_basic_wan,
    b.project_wan as budget_project_wan,
    a.total_wan as actual_wan,
    a.basic_wan as actual_basic_wan,
    a.project_wan as actual_project_wan,
    coalesce(a.total_wan, 0) - coalesce(b.total_wan, 0) as difference_wan,
    case
        when b.total_wan > 0 then round(coalesce(a.total_wan, 0) * 100 / b.total_wan, 2)
    end as execution_rate,
    b.source_line as budget_line,
    b.table_key as budget_table,
    a.source_line as actual_line,
    a.table_key as actual_table
from budget as b
full outer join actual as a
    on a.k = b.k
order by coalesce(a.k, b.k) = '' desc, coalesce(a.k, b.k)
