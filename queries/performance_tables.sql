-- purpose: the performance-target tables of a disclosure (部门整体 first, then each project) with
--          their descriptive fields (概况, 立项依据, 实施计划, 总体目标)
-- grain: one row per performance table (project) per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    pt.project as project,
    pt.is_department as is_department,
    pt.supervisor as supervisor,
    pt.implementing_unit as implementing_unit,
    pt.attribute as attribute,
    pt.duration as duration,
    pt.summary as summary,
    pt.basis as basis,
    pt.necessity as necessity,
    pt.safeguards as safeguards,
    pt.plan as plan,
    pt.goal_impl as goal_impl,
    pt.goal_annual as goal_annual,
    pt.fill_date as fill_date,
    pt.source_line as source_line
from performance_table as pt
where pt.document = $document
order by pt.is_department desc, pt.source_line
