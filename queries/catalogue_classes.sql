-- purpose: every document's all-funds expenditure by 功能分类 类, for comparisons and trends: the
--          类 rows of the 支出总表 where the document has one, else the 支出功能分类 side of its
--          收支预算总表 (Jiangsu prints the all-funds 类 only there, by name without a code: the
--          code comes from the national 类 list, budgetlens/reference/function_classes.csv, read as
--          function_class; a label that is no 类 of the list is left out).
--          财政拨款-only tables are left out: a share of the 支出总计 must be of all funds.
--          name is the 类 name without its ordinal and spaces, so that one 类 is one name across
--          documents of one edition; published_name is the name as printed.
-- grain: one row per 类 per document (page: the PDF page of its line; null for a text document)
-- parameters: none (synthetic tells a generated benchmark document: the dashboard leaves
--             them out unless its settings show them)
with by_code as (
    select
        ef.document,
        'expenditure_total' as table_key,
        ef.seq,
        ef.code,
        ef.name as published_name,
        ef.total_wan,
        ef.source_line
    from expenditure_function as ef
    where ef.table_key = 'expenditure_total' and ef.level = 1
),

by_name as (
    select
        si.document,
        si.table_key,
        si.seq,
        fc.code,
        si.label as published_name,
        si.amount_wan as total_wan,
        si.source_line
    from summary_item as si
    join function_class as fc
        on fc.name = regexp_replace(si.item, '[\s　]+', '', 'g')
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
    r.document,
    r.table_key,
    r.seq,
    r.code,
    regexp_replace(
        regexp_replace(r.published_name, '^[一二三四五六七八九十百]+、', ''), '[\s　]+', '', 'g'
    ) as name,
    r.published_name,
    r.total_wan,
    r.source_line,
    sl.page,
    d.synthetic
from rows as r
join document as d on d.document = r.document
left join source_location as sl on sl.document = r.document and sl.line = r.source_line
order by r.document, r.seq
