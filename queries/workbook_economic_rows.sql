-- purpose: the rows of every 经济分类 table of a document (基本支出, 财政拨款基本支出, 机关运行经费 by
--          经济分类); table_key tells which table
-- grain: one row per row of each economic table per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    ee.table_key as table_key,
    ee.seq as seq,
    ee.row_kind as row_kind,
    ee.code as code,
    ee.group_name as group_name,
    ee.dept_class as dept_class,
    ee.gov_class as gov_class,
    ee.total_wan as total_wan,
    ee.personnel_wan as personnel_wan,
    ee.public_wan as public_wan,
    ee.source_line as source_line
from expenditure_economic as ee
where ee.document = $document
order by ee.table_key, ee.seq
