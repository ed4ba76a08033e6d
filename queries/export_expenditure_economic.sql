-- Open-data resource expenditure_economic: 基本支出 by 经济科目, table by table.
-- Grain: one row per row of each 经济科目 table (the 合计, each group, each item) per document;
-- "table" tells which table (basic_economic: 一般公共预算基本支出; fiscal_basic_economic: 财政拨款基本
-- 支出; admin_operating: 机关运行经费), row_kind which row. Synthetic documents are left out.
-- Parameters: none.
select
    ee.department,
    ee.year,
    ee.document,
    ee.table_key as "table",
    ee.row_kind,
    ee.group_name as "group",
    ee.code,
    ee.dept_class,
    ee.gov_class,
    ee.total_wan as total,
    ee.personnel_wan as personnel,
    ee.public_wan as public,
    ee.source_line
from expenditure_economic as ee
join document as d on d.document = ee.document
where not d.synthetic
order by ee.department, ee.year, ee.document, ee.table_key, ee.seq
