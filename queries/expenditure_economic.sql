-- purpose: the 基本支出 table by 经济分类: 合计, groups (类) and items (部门经济科目 → 政府经济科目 where
--          published, else the item with its code); the document's 一般公共预算 基本支出 table
--          (basic_economic) when it has one, else its 财政拨款 基本支出 table (fiscal_basic_economic)
-- grain: one row per row of that table per document
-- parameters: $document (the document id: department, year, kind, scope)
with chosen as (
    select ee.table_key as table_key
    from expenditure_economic as ee
    where ee.document = $document
        and ee.table_key in ('basic_economic', 'fiscal_basic_economic')
    group by ee.table_key
    order by ee.table_key = 'basic_economic' desc
    limit 1
)
select
    ee.seq as seq,
    ee.row_kind as row_kind,
    ee.code as code,
    ee.group_name as group_name,
    ee.dept_class as dept_class,
    ee.gov_class as gov_class,
    ee.total_wan as total_wan,
    ee.personnel_wan as personnel_wan,
    ee.public_wan as public_wan,
    ee.source_line as source_line,
    ee.table_key as table_key
from expenditure_economic as ee
join chosen as c
    on c.table_key = ee.table_key
where ee.document = $document
order by ee.seq
