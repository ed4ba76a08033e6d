-- Open-data resource expenditure_function: 支出总表 by 功能分类 科目, with the 本年 (当年预算) and
-- 上年结转 split taken from the 收入总表 row of the same 科目编码.
-- Grain: one row per 科目 (类, 款, 项) per department per year.
-- Parameters: none (every department and year in the database).
select
    ef.department,
    ef.year,
    ef.code,
    ef.name,
    ef.level,
    ef.total_wan as total,
    ef.basic_wan as basic,
    ef.project_wan as project,
    rf.total_wan as current_year,
    rf.carried_over_wan as carried_over,
    ef.source_line
from expenditure_function as ef
left join revenue_function as rf
    on rf.document = ef.document
    and rf.table_key = 'revenue_function'
    and rf.code = ef.code
where ef.table_key = 'expenditure_total'
    and ef.level between 1 and 3
order by ef.department, ef.year, ef.seq
