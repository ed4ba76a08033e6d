-- Open-data resource key_figures: figures stated in the narrative and the department profile.
-- Grain: one row per key figure per department per year.
-- Parameters: none.
select
    kf.department,
    kf.year,
    kf.key,
    kf.value,
    kf.unit,
    kf.label,
    kf.source_line
from key_figure as kf
order by kf.department, kf.year, kf.source_line, kf.key
