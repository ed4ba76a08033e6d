-- Open-data resource expenditure_economic: 一般公共预算基本支出 by 经济科目.
-- Grain: one row per row of the 经济科目表 (the 合计, each group, each 部门/政府经济科目 pair)
-- per department per year; row_kind tells which.
-- Parameters: none.
select
    ee.department,
    ee.year,
    ee.row_kind,
    ee.group_name as "group",
    ee.dept_class,
    ee.gov_class,
    ee.total_wan as total,
    ee.personnel_wan as personnel,
    ee.public_wan as public,
    ee.source_line
from expenditure_economic as ee
order by ee.department, ee.year, ee.seq
