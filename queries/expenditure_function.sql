-- purpose: expenditure by 功能分类 (类 → 款 → 项) with the 基本/项目 split where published, and each
--          row's 类 and parent, from the document's most complete function table: the 支出总表
--          (all funds) when it has one, else the 财政拨款支出表, else the 一般公共预算支出表
--          (table_key says which, for the source note)
-- grain: one row per 科目 per document (level 0 is the table's 合计 row)
-- parameters: $document (the document id: department, year, kind, scope)
with chosen as (
    select ef.table_key as table_key
    from expenditure_function as ef
    where ef.document = $document
        and ef.level >= 1
        and ef.table_key in ('expenditure_total', 'fiscal_expenditure', 'general_budget_expenditure')
    group by ef.table_key
    order by
        case ef.table_key
            when 'expenditure_total' then 1
            when 'fiscal_expenditure' then 2
            else 3
        end
    limit 1
)
select
    ef.seq as seq,
    ef.level as level,
    ef.code as code,
    ef.name as name,
    case when ef.level >= 1 then left(ef.code, 3) end as class_code,
    case
        when ef.level = 2 then left(ef.code, 3)
        when ef.level = 3 then left(ef.code, 5)
    end as parent_code,
    ef.total_wan as total_wan,
    ef.basic_wan as basic_wan,
    ef.project_wan as project_wan,
    ef.source_line as source_line,
    ef.table_key as table_key
from expenditure_function as ef
join chosen as c
    on c.table_key = ef.table_key
where ef.document = $document
order by ef.seq
