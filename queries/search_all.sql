-- purpose: find, in every loaded document, projects, 功能分类 科目 (of the function table each
--          document's 收支 page shows), 政府采购 items and their 专项 subtotals, performance
--          indicators, key figures and glossary terms whose text contains the search string
--          (case-insensitive), with the document and the project each hit belongs to. Ranked as
--          a reader asks: projects, 科目 and 采购 items by amount (largest first), then stated
--          figures, then indicators, then glossary terms.
-- grain: one row per match per document (kind tells which table it came from; page: the PDF
--        page of its line, null for a text document)
-- parameters: $pattern (an ILIKE pattern such as '%科技%', with \ escaping % and _); the
--             column synthetic tells a generated benchmark document (the dashboard leaves them out
--             unless its settings show them)
with docs as (
    select d.document, d.department, d.year, d.title, d.synthetic
    from document as d
),

-- per document, the function table the 收支 page shows: the 支出总表, else the one standing in
chosen as (
    select
        ef.document,
        arg_min(
            ef.table_key,
            case ef.table_key
                when 'expenditure_total' then 1
                when 'fiscal_expenditure' then 2
                else 3
            end
        ) as table_key
    from expenditure_function as ef
    where ef.level >= 1
        and ef.table_key in ('expenditure_total', 'fiscal_expenditure', 'general_budget_expenditure')
    group by ef.document
),

hits as (
    select
        1 as rank_group,
        'project' as kind,
        pb.document,
        pb.project as label,
        pb.project as project,
        pb.unit as context,
        pb.total_wan as amount_wan,
        pb.project as target_key,
        pb.source_line
    from project_budget as pb
    where pb.row_kind = 'project' and pb.project ilike $pattern escape '\'
    union all
    select
        1 as rank_group,
        'function' as kind,
        ef.document,
        ef.name as label,
        null as project,
        ef.code as context,
        ef.total_wan as amount_wan,
        left(ef.code, 3) as target_key,
        ef.source_line
    from expenditure_function as ef
    join chosen as c on c.document = ef.document and c.table_key = ef.table_key
    where ef.level >= 1
        and (ef.name ilike $pattern escape '\' or ef.code ilike $pattern escape '\')
    union all
    select
        1 as rank_group,
        'procurement' as kind,
        pr.document,
        coalesce(pr.item, pr.project, pr.economic) as label,
        null as project,
        case
            when pr.row_kind = 'item' then coalesce(pr.project, pr.economic, pr.unit)
            else pr.unit
        end as context,
        pr.total_wan as amount_wan,
        null as target_key,
        pr.source_line
    from procurement_item as pr
    where (pr.row_kind = 'item' and pr.item ilike $pattern escape '\')
        or (
            pr.row_kind = 'group'
            and (pr.project ilike $pattern escape '\' or pr.economic ilike $pattern escape '\')
        )
    union all
    select
        2 as rank_group,
        'figure' as kind,
        kf.document,
        kf.label as label,
        null as project,
        kf.sentence as context,
        case when kf.unit = '万元' then kf.value end as amount_wan,
        kf.key as target_key,
        kf.source_line
    from key_figure as kf
    where kf.label ilike $pattern escape '\' and kf.key not like '%.mention.%'
    union all
    select
        3 as rank_group,
        'indicator' as kind,
        pi.document,
        pi.name as label,
        pi.project as project,
        coalesce(pi.level2, '') || ' · ' || pi.target_raw as context,
        null as amount_wan,
        pi.project as target_key,
        pi.source_line
    from performance_indicator as pi
    where pi.period = '年度'
        and (pi.name ilike $pattern escape '\' or pi.target_raw ilike $pattern escape '\')
    union all
    select
        4 as rank_group,
        'glossary' as kind,
        gt.document,
        gt.term as label,
        null as project,
        gt.definition as context,
        null as amount_wan,
        gt.term as target_key,
        gt.source_line
    from glossary_term as gt
    where gt.term ilike $pattern escape '\' or gt.definition ilike $pattern escape '\'
)

select
    h.kind,
    h.document,
    d.department,
    d.year,
    d.title,
    h.label,
    h.project,
    h.context,
    h.amount_wan,
    h.target_key,
    h.source_line,
    sl.page,
    d.synthetic
from hits as h
join docs as d on d.document = h.document
left join source_location as sl on sl.document = h.document and sl.line = h.source_line
order by h.rank_group, h.amount_wan desc nulls last, d.year desc, d.department, h.source_line
limit 500
