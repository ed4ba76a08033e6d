-- Open-data resource glossary: 名词解释 as each document states it.
-- Grain: one row per term per document; synthetic documents are left out.
-- Parameters: none.
select
    gt.department,
    gt.year,
    gt.document,
    gt.term,
    gt.definition,
    gt.source_line
from glossary_term as gt
join document as d on d.document = gt.document
where not d.synthetic
order by gt.department, gt.year, gt.document, gt.seq
