-- purpose: find projects, performance indicators, 功能分类 科目 (of the function table the 收支 page
--          shows) and glossary terms whose text contains the search string (case-insensitive),
--          with the page that shows them
-- grain: one row per match per department per year (kind tells which table it came from)
-- parameters: $document (the document id: department, year, kind, scope), $pattern (an ILIKE pattern such as '%科技%', with \ escaping % and _)
with chosen as (
    -- the function table the 收支 page shows: the 支出总表, else the one standing in for it
    select ef.table_key as table_key
    from expenditure_function as ef
    where ef.document = $document
        and ef.level >= 1
        and ef.table_key in ('expenditure_total', 'fiscal_expenditure', 'general_budget_expenditure')
    group by ef.table_key
    order by
        case ef.table_key
            when 'expenditure_total' then 1
            when 'fiscal_expenditure' then 2
            else 3
        end
    limit 1
)
select
    'project' as kind,
    pb.project as label,
    pb.unit as context,
    pb.total_wan as amount_wan,
    pb.project as target_key,
    pb.source_line as source_line
from project_budget as pb
where pb.document = $document
    and pb.row_kind = 'project' and pb.project ilike $pattern escape '\'
union all
select
    'indicator' as kind,
    pi.name as label,
    pi.project || ' · ' || coalesce(pi.level2, '') || ' · ' || pi.target_raw as context,
    null as amount_wan,
    pi.project as target_key,
    pi.source_line as source_line
from performance_indicator as pi
where pi.document = $document
    and pi.period = '年度' and (pi.name ilike $pattern escape '\' or pi.target_raw ilike $pattern escape '\')
union all
select
    'function' as kind,
    ef.name as label,
    ef.code as context,
    ef.total_wan as amount_wan,
    left(ef.code, 3) as target_key,
    ef.source_line as source_line
from expenditure_function as ef
where ef.document = $document
    and ef.table_key = (select c.table_key from chosen as c)
    and ef.level >= 1
    and (ef.name ilike $pattern escape '\' or ef.code ilike $pattern escape '\')
union all
select
    'glossary' as kind,
    gt.term as label,
    gt.definition as context,
    null as amount_wan,
    gt.term as target_key,
    gt.source_line as source_line
from glossary_term as gt
where gt.document = $document
    and (gt.term ilike $pattern escape '\' or gt.definition ilike $pattern escape '\')
order by kind, source_line
limit 200
