-- purpose: the funds of one performance table, by period and source (项目: 元; 部门整体: by source and direction)
-- grain: one row per fund figure per project per department per year
-- parameters: $document (the document id: department, year, kind, scope), $project
select
    pf.period as period,
    pf.dimension as dimension,
    pf.source as source_key,
    pf.label as label,
    pf.amount_yuan as amount_yuan,
    pf.source_line as source_line
from performance_fund as pf
where pf.document = $document and pf.project = $project
order by pf.dimension desc, pf.source_line, pf.period
