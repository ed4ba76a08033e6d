-- purpose: the document a department-year stands for when no document is named (deck, workbook):
--          its 部门 预算 first, then any other, in a stable order
-- grain: one row per document of the department and year, the one to take first
-- parameters: $department, $year
select d.document as document
from document as d
where d.department = $department and d.year = $year
order by d.scope = '部门' desc, d.kind = '预算' desc, d.document
