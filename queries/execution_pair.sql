-- purpose: the 预算 and the 决算 of the document's department, year and scope (budget against
--          actual): which of the two are loaded, with their ids and titles (null when missing)
-- grain: one row
-- parameters: $document (the document id: department, year, kind, scope)
with me as (
    select d.department, d.year, d.scope, d.synthetic
    from document as d
    where d.document = $document
),
pair as (
    select d.kind, d.document, d.title
    from document as d
    join me
        on d.department = me.department
        and d.year = me.year
        and d.scope = me.scope
        and d.synthetic = me.synthetic
)
select
    (select p.document from pair as p where p.kind = '预算') as budget_document,
    (select p.title from pair as p where p.kind = '预算') as budget_title,
    (select p.document from pair as p where p.kind = '决算') as final_document,
    (select p.title from pair as p where p.kind = '决算') as final_title,
    (select me.department from me) as department,
    (select me.year from me) as year
