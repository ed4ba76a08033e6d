-- purpose: the 基本支出分经济科目表: 合计, groups (类) and items (部门经济科目 → 政府经济科目)
-- grain: one row per row of the table per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    ee.seq as seq,
    ee.row_kind as row_kind,
    ee.group_name as group_name,
    ee.dept_class as dept_class,
    ee.gov_class as gov_class,
    ee.total_wan as total_wan,
    ee.personnel_wan as personnel_wan,
    ee.public_wan as public_wan,
    ee.source_line as source_line
from expenditure_economic as ee
where ee.document = $document
order by ee.seq
