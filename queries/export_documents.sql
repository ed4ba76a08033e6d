-- Open-data resource documents: the source documents in the package.
-- Purpose: what each document is (government, kind, scope, the layout it was read with, the unit
-- its tables are published in) and the files it was read from.
-- Grain: one row per document (department × year × kind × scope). Synthetic benchmark documents
-- are left out.
-- Parameters: none.
select
    d.department,
    d.year,
    d.document,
    d.government,
    d.kind,
    d.scope,
    d.layout,
    d.unit,
    d.title,
    d.source_files,
    d.source_file,
    d.sha256,
    d.line_count
from document as d
where not d.synthetic
order by d.department, d.year, d.document
