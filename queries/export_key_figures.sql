-- Open-data resource key_figures: the figures each document states — its narrative's (and
-- department profile's) figures, and for layouts whose narrative is not read, the totals its
-- tables state (收入总计, 支出总计, 基本支出, 项目支出, “三公”经费合计).
-- Purpose: every key figure as ingested (derived = false). Where a document's key figures lack
-- basic_total or project_total but its 支出总表 states them on its 合计 row, that row's figure is
-- added with derived = true and the 合计 row's line (Jincheng's narrative states no project_total
-- key: its 项目支出 comes from the 支出总表).
-- Grain: one row per key figure per document; synthetic documents are left out.
-- Parameters: none.
with total_row as (
    select
        ef.department,
        ef.year,
        ef.document,
        ef.basic_wan,
        ef.project_wan,
        ef.source_line,
        row_number() over (partition by ef.document order by ef.seq) as n
    from expenditure_function as ef
    where ef.table_key = 'expenditure_total'
        and ef.level = 0
),

from_tables as (
    select
        tr.department,
        tr.year,
        tr.document,
        'basic_total' as key,
        tr.basic_wan as value,
        '万元' as unit,
        '基本支出（支出总表合计行）' as label,
        tr.source_line
    from total_row as tr
    where tr.n = 1 and tr.basic_wan is not null
    union all
    select
        tr.department,
        tr.year,
        tr.document,
        'project_total' as key,
        tr.project_wan as value,
        '万元' as unit,
        '项目支出（支出总表合计行）' as label,
        tr.source_line
    from total_row as tr
    where tr.n = 1 and tr.project_wan is not null
),

figures as (
    select
        kf.department,
        kf.year,
        kf.document,
        kf.key,
        kf.value,
        kf.unit,
        kf.label,
        kf.source_line,
        false as derived
    from key_figure as kf
    union all
    select
        ft.department,
        ft.year,
        ft.document,
        ft.key,
        ft.value,
        ft.unit,
        ft.label,
        ft.source_line,
        true as derived
    from from_tables as ft
    where not exists (
        select 1 from key_figure as kf where kf.document = ft.document and kf.key = ft.key
    )
)

select
    f.department,
    f.year,
    f.document,
    f.key,
    f.value,
    f.unit,
    f.label,
    f.source_line,
    f.derived
from figures as f
join document as d on d.document = f.document
where not d.synthetic
order by f.department, f.year, f.document, f.source_line, f.key
