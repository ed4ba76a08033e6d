-- purpose: the figures of the year before that documents state in their narrative (上年数, table
--          prior_year_figure), each beside the same measure of the loaded document of that year
--          when there is one (same government, department across its published names
--          (budgetlens/reference/department_aliases.csv), kind and scope). The stated figure and the
--          loaded one stay in separate columns: the trends page draws the stated ones as their own
--          series, budgetlens/checks_years.py compares the two.
-- grain: one row per stated figure (stating document × measure)
-- parameters: none (synthetic tells a generated benchmark document)
with docs as (
    select
        d.document,
        coalesce(d.government, '') as government,
        d.department,
        coalesce(al.department, d.department) as department_key,
        d.year,
        d.kind,
        d.scope,
        d.title,
        d.source_file,
        d.synthetic
    from document as d
    left join department_alias as al
        on al.government = d.government and al.published = d.department
)

select
    s.document,
    sd.government,
    sd.department,
    sd.department_key,
    sd.year,
    sd.kind,
    sd.scope,
    sd.title,
    sd.synthetic,
    s.measure,
    s.label,
    s.prior_year,
    s.value_wan,
    s.this_year_wan,
    s.change_wan,
    s.derivation,
    s.sentence,
    s.source_line,
    coalesce(sl.file, sd.source_file) as source_file,
    sl.page as source_page,
    ld.document as loaded_document,
    ld.title as loaded_title,
    k.value as loaded_wan,
    k.source_line as loaded_line,
    coalesce(lsl.file, ld.source_file) as loaded_file,
    lsl.page as loaded_page
from prior_year_figure as s
join docs as sd on sd.document = s.document
left join docs as ld
    on ld.government = sd.government
    and ld.department_key = sd.department_key
    and ld.year = s.prior_year
    and ld.kind = sd.kind
    and ld.scope = sd.scope
    and ld.synthetic = sd.synthetic
left join key_figure as k on k.document = ld.document and k.key = s.measure
left join source_location as sl on sl.document = s.document and sl.line = s.source_line
left join source_location as lsl on lsl.document = ld.document and lsl.line = k.source_line
order by sd.government, sd.department_key, s.measure, s.prior_year, sd.kind, sd.scope
