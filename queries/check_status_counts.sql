-- purpose: how many reconciliation checks ended ok, rounding, mismatch or unjudged (only mismatch is a contradiction)
-- grain: one row per status per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    cr.status as status,
    count(*) as checks_n
from check_result as cr
where cr.document = $document
group by cr.status
order by cr.status
