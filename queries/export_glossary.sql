-- Open-data resource glossary: 名词解释 as each document states it.
-- Grain: one row per term per department per year.
-- Parameters: none.
select
    gt.department,
    gt.year,
    gt.term,
    gt.definition,
    gt.source_line
from glossary_term as gt
order by gt.department, gt.year, gt.seq
