-- purpose: the cost-indicator and 实施期/年度 consistency checks of one performance table
-- grain: one row per check per project per department per year
-- parameters: $document (the document id: department, year, kind, scope), $project
select
    cr.seq as seq,
    cr.check_kind as check_kind,
    cr.subject as subject,
    cr.expected as expected_value,
    cr.actual as actual_value,
    cr.difference as difference_value,
    cr.status as status,
    cr.source_lines as source_lines,
    cr.detail as detail
from check_result as cr
where cr.document = $document
    and cr.check_kind in ('cost_indicator', 'period_consistency')
    and cr.project = $project
order by cr.status = 'ok', cr.seq
