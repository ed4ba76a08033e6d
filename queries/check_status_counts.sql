-- purpose: how many reconciliation checks ended ok, rounding or mismatch
-- grain: one row per status per department per year
-- parameters: $department, $year
select
    cr.status as status,
    count(*) as checks_n
from check_result as cr
where cr.department = $department and cr.year = $year
group by cr.status
order by cr.status
