-- purpose: the “三公”经费 budget against actual: each item's amount in the 预算's 三公 table, the
--          预算数 the 决算 states beside its 决算数 (they may differ: a budget adjusted during the
--          year), the 决算数, the difference (决算数 − the 预算's figure) and the execution rate
-- grain: one row per 三公 item found in either document
-- parameters: $document (the document id of either the 预算 or the 决算)
with docs as (
    select s.kind, s.document
    from document_sibling as s
    where s.of_document = $document
),
items as (
    select
        case
            when docs.kind = '预算' then 'budget'
            when fi.table_key = 'three_public_budget' then 'stated_budget'
            else 'actual'
        end as col,
        fi.label, fi.total_wan, fi.source_line, fi.seq
    from fiscal_item as fi
    join docs
        on docs.document = fi.document
    where fi.table_key in ('three_public', 'three_public_budget')
),
labels as (
    select label, min(case label
        when '合计' then 0
        when '因公出国（境）费' then 1
        when '公务用车购置及运行费' then 2
        when '公务用车购置费' then 3
        when '公务用车运行费' then 4
        when '公务接待费' then 5
        else 6 + seq
    end) as ord
    from items
    group by label
)
select
    l.label as label,
    b.total_wan as budget_wan,
    s.total_wan as stated_budget_wan,
    a.total_wan as actual_wan,
    coalesce(a.total_wan, 0) - coalesce(b.total_wan, 0) as difference_wan,
    case when b.total_wan > 0 then round(coalesce(a.total_wan, 0) * 100 / b.total_wan, 2) end
        as execution_rate,
    b.source_line as budget_line,
    s.source_line as stated_budget_line,
    a.source_line as actual_line
from labels as l
left join items as b on b.label = l.label and b.col = 'budget'
left join items as s on s.label = l.label and s.col = 'stated_budget'
left join items as a on a.label = l.label and a.col = 'actual'
order by l.ord, l.label
