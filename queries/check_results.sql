-- purpose: every reconciliation check of a disclosure with expected, actual, difference and status
-- grain: one row per check per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    cr.seq as seq,
    cr.status as status,
    cr.check_kind as check_kind,
    cr.subject as subject,
    cr.expected as expected_value,
    cr.actual as actual_value,
    cr.difference as difference_value,
    cr.tolerance as tolerance_value,
    cr.source_lines as source_lines,
    cr.detail as detail,
    cr.rule_set as rule_set
from check_result as cr
where cr.document = $document
order by cr.seq
