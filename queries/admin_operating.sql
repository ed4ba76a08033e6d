-- purpose: the 机关运行经费 rows a document publishes: the rows of a 机关运行经费 table by unit or
--          in one cell (fiscal_item), or by 经济分类 (expenditure_economic); row_kind 'total' marks
--          the table's total (a row labelled …合计, as 部门合计, or the only row of a one-row table)
-- grain: one row per published row per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    'fiscal' as origin,
    fi.seq as seq,
    case when fi.label like '%合计%' or count(*) over () = 1 then 'total' else 'unit' end as row_kind,
    null as code,
    fi.label as label,
    fi.total_wan as total_wan,
    fi.source_line as source_line
from fiscal_item as fi
where fi.document = $document
    and fi.table_key = 'admin_operating'
union all
select
    'economic' as origin,
    ee.seq as seq,
    ee.row_kind as row_kind,
    ee.code as code,
    coalesce(ee.dept_class, ee.group_name, '') as label,
    ee.total_wan as total_wan,
    ee.source_line as source_line
from expenditure_economic as ee
where ee.document = $document
    and ee.table_key = 'admin_operating'
order by origin, seq
