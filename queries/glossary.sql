-- purpose: the 名词解释 (glossary) of a disclosure
-- grain: one row per term per department per year
-- parameters: $department, $year
select
    gt.seq as seq,
    gt.term as term,
    gt.definition as definition,
    gt.source_line as source_line
from glossary_term as gt
where gt.department = $department and gt.year = $year
order by gt.seq
