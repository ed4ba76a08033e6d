-- purpose: every figure stated in the narrative and the department profile (收入总计, 三公经费, staffing …)
-- grain: one row per key figure per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    kf.key as key,
    kf.value as value,
    kf.unit as unit,
    kf.label as label,
    kf.sentence as sentence,
    kf.source_line as source_line
from key_figure as kf
where kf.document = $document
order by kf.source_line, kf.key
