-- purpose: the 预算 and the 决算 of the document's department, year and scope (budget against
--          actual): which of the two are loaded, with their ids and titles (null when missing)
-- grain: one row
-- parameters: $document (the document id: department, year, kind, scope)
with pair as (
    select s.kind, s.document, s.title, s.department, s.year
    from document_sibling as s
    where s.of_document = $document
)
select
    (select p.document from pair as p where p.kind = '预算') as budget_document,
    (select p.title from pair as p where p.kind = '预算') as budget_title,
    (select p.document from pair as p where p.kind = '决算') as final_document,
    (select p.title from pair as p where p.kind = '决算') as final_title,
    (select any_value(p.department) from pair as p) as department,
    (select any_value(p.year) from pair as p) as year
