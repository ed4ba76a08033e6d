-- purpose: the 名词解释 (glossary) of a disclosure
-- grain: one row per term per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    gt.seq as seq,
    gt.term as term,
    gt.definition as definition,
    gt.source_line as source_line
from glossary_term as gt
where gt.document = $document
order by gt.seq
