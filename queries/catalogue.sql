-- purpose: the catalogue of loaded documents: what each is (government, department, year, kind,
--          scope) with its headline figures and its reconciliation status. 支出总计 and “三公”经费 as
--          the document states them (key figures); 基本支出 and 项目支出 from the all-funds 支出总表's
--          合计 row where the document has one, else as stated; 机关运行经费 as stated, else the total
--          of its table; staff as stated in the department profile. Each figure keeps its line.
--          department_key is the department a document belongs to across years (the published
--          name, or the department it is an alias of in budgetlens/reference/department_aliases.csv).
-- grain: one row per document (department × year × kind × scope)
-- parameters: none (synthetic tells a generated benchmark document: the dashboard leaves
--             them out unless its settings show them)
with kf as (
    select
        k.document,
        k.key,
        k.value,
        k.source_line
    from key_figure as k
    where k.key in (
        'expenditure_total', 'basic_total', 'project_total', 'three_public_total',
        'admin_operating_total', 'dept_staff_actual', 'dept_staff_authorised'
    )
),

stated as (
    select
        kf.document,
        max(kf.value) filter (where kf.key = 'expenditure_total') as total_wan,
        max(kf.source_line) filter (where kf.key = 'expenditure_total') as total_line,
        max(kf.value) filter (where kf.key = 'basic_total') as basic_wan,
        max(kf.source_line) filter (where kf.key = 'basic_total') as basic_line,
        max(kf.value) filter (where kf.key = 'project_total') as project_wan,
        max(kf.source_line) filter (where kf.key = 'project_total') as project_line,
        max(kf.value) filter (where kf.key = 'three_public_total') as three_public_wan,
        max(kf.source_line) filter (where kf.key = 'three_public_total') as three_public_line,
        max(kf.value) filter (where kf.key = 'admin_operating_total') as admin_wan,
        max(kf.source_line) filter (where kf.key = 'admin_operating_total') as admin_line,
        max(kf.value) filter (where kf.key = 'dept_staff_actual') as staff_actual,
        max(kf.value) filter (where kf.key = 'dept_staff_authorised') as staff_authorised,
        max(kf.source_line) filter (
            where kf.key in ('dept_staff_actual', 'dept_staff_authorised')
        ) as staff_line
    from kf
    group by kf.document
),

-- the first 合计 row of the all-funds 支出总表 (the overview's headline reads the same row)
total_row as (
    select
        ef.document,
        ef.basic_wan,
        ef.project_wan,
        ef.source_line,
        row_number() over (partition by ef.document order by ef.seq) as n
    from expenditure_function as ef
    where ef.table_key = 'expenditure_total' and ef.level = 0
),

-- 机关运行经费 from its table: the first row of the 机关运行经费 table (部门合计), else the total
-- row of the economic 机关运行经费 table
admin_table as (
    select
        a.document,
        a.total_wan,
        a.source_line,
        row_number() over (partition by a.document order by a.origin, a.seq) as n
    from (
        select fi.document, 1 as origin, fi.seq, fi.total_wan, fi.source_line
        from fiscal_item as fi
        where fi.table_key = 'admin_operating' and fi.total_wan is not null
        union all
        select ee.document, 2 as origin, ee.seq, ee.total_wan, ee.source_line
        from expenditure_economic as ee
        where ee.table_key = 'admin_operating' and ee.row_kind = 'total'
            and ee.total_wan is not null
    ) as a
),

checks as (
    select
        cr.document,
        count(*) filter (where cr.status = 'ok') as checks_ok,
        count(*) filter (where cr.status = 'rounding') as checks_rounding,
        count(*) filter (where cr.status = 'mismatch') as checks_mismatch,
        count(*) filter (where cr.status = 'unjudged') as checks_unjudged
    from check_result as cr
    group by cr.document
),

figures as (
    select
        d.document,
        coalesce(d.government, '') as government,
        d.department,
        coalesce(al.department, d.department) as department_key,
        d.year,
        d.kind,
        d.scope,
        d.layout,
        d.title,
        d.synthetic,
        s.total_wan,
        s.total_line,
        case when tr.basic_wan is not null then tr.basic_wan else s.basic_wan end as basic_wan,
        case when tr.basic_wan is not null then tr.source_line else s.basic_line end as basic_line,
        case when tr.project_wan is not null then tr.project_wan else s.project_wan end as project_wan,
        case
            when tr.project_wan is not null then tr.source_line else s.project_line
        end as project_line,
        s.three_public_wan,
        s.three_public_line,
        coalesce(s.admin_wan, adm.total_wan) as admin_operating_wan,
        case when s.admin_wan is not null then s.admin_line else adm.source_line end as admin_line,
        s.staff_actual,
        s.staff_authorised,
        s.staff_line,
        coalesce(c.checks_ok, 0) as checks_ok,
        coalesce(c.checks_rounding, 0) as checks_rounding,
        coalesce(c.checks_mismatch, 0) as checks_mismatch,
        coalesce(c.checks_unjudged, 0) as checks_unjudged
    from document as d
    left join stated as s on s.document = d.document
    left join total_row as tr on tr.document = d.document and tr.n = 1
    left join admin_table as adm on adm.document = d.document and adm.n = 1
    left join checks as c on c.document = d.document
    left join department_alias as al
        on al.government = d.government and al.published = d.department
)

-- the PDF page each figure was printed on (null for a text document: its lines are the source)
select
    f.*,
    (select sl.page from source_location as sl
        where sl.document = f.document and sl.line = f.total_line) as total_page,
    (select sl.page from source_location as sl
        where sl.document = f.document and sl.line = f.basic_line) as basic_page,
    (select sl.page from source_location as sl
        where sl.document = f.document and sl.line = f.three_public_line) as three_public_page,
    (select sl.page from source_location as sl
        where sl.document = f.document and sl.line = f.admin_line) as admin_page
from figures as f
order by f.government, f.year desc, f.department, f.scope = '部门' desc, f.kind = '预算' desc
