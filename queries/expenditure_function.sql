-- purpose: the 支出总表 by 功能分类 (类 → 款 → 项) with 基本/项目 split, and each row's 类 and parent
-- grain: one row per 科目 per department per year (level 0 is the table's 合计 row)
-- parameters: $document (the document id: department, year, kind, scope)
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
    ef.source_line as source_line
from expenditure_function as ef
where ef.document = $document
    and ef.table_key = 'expenditure_total'
order by ef.seq
