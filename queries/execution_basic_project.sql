-- purpose: budget against actual of 基本支出 and 项目支出 (and their 合计): the 合计 row of the
--          预算's all-funds function table beside the 决算's 支出决算表, with the difference
--          (actual − budget) and the execution rate (actual / budget, %)
-- grain: one row per part (basic, project, total), in that order
-- parameters: $document (the document id of either the 预算 or the 决算)
with docs as (
    select s.kind, s.document
    from document_sibling as s
    where s.of_document = $document
),
totals as (
    select
        docs.kind,
        ef.table_key,
        ef.total_wan,
        ef.basic_wan,
        ef.project_wan,
        ef.source_line,
        row_number() over (
            partition by docs.kind
            order by
                case ef.table_key
                    when 'expenditure_total' then 1
                    when 'fiscal_expenditure' then 2
                    else 3
                end
        ) as pick
    from expenditure_function as ef
    join docs
        on docs.document = ef.document
    where ef.level = 0
        and ef.table_key in ('expenditure_total', 'fiscal_expenditure', 'general_budget_expenditure')
),
b as (select * from totals where kind = '预算' and pick = 1),
a as (select * from totals where kind = '决算' and pick = 1),
parts as (
    select 1 as ord, 'basic' as part, b.basic_wan as budget_wan, a.basic_wan as actual_wan,
        b.source_line as budget_line, b.table_key as budget_table,
        a.source_line as actual_line, a.table_key as actual_table
    from b full outer join a on true
    union all
    select 2, 'project', b.project_wan, a.project_wan,
        b.source_line, b.table_key, a.source_line, a.table_key
    from b full outer join a on true
    union all
    select 3, 'total', b.total_wan, a.total_wan,
        b.source_line, b.table_key, a.source_line, a.table_key
    from b full outer join a on true
)
select
    part,
    budget_wan,
    actual_wan,
    coalesce(actual_wan, 0) - coalesce(budget_wan, 0) as difference_wan,
    case when budget_wan > 0 then round(coalesce(actual_wan, 0) * 100 / budget_wan, 2) end
        as execution_rate,
    budget_line,
    budget_table,
    actual_line,
    actual_table
from parts
order by ord
