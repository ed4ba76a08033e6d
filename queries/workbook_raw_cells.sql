-- purpose: the cells of the tables a document keeps as published without reading them (e.g. a
--          政府采购预算表), for the workbook's sheet of each
-- grain: one row per non-empty cell per raw table per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    rc.table_key as table_key,
    rc.row_no as row_no,
    rc.col_no as col_no,
    rc.text as text,
    rc.source_line as source_line
from raw_cell as rc
where rc.document = $document
order by rc.table_key, rc.row_no, rc.col_no
