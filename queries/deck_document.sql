-- purpose: the source document of one department-year: title, kind and scope, file(s), checksum,
--          size, load time
-- grain: one row per document
-- parameters: $document (the document id: department, year, kind, scope)
select
    d.department as department,
    d.year as year,
    d.document_id as document_id,
    d.document as document,
    d.title as title,
    d.kind as kind,
    d.scope as scope,
    d.layout as layout,
    d.source_file as source_file,
    d.source_files as source_files,
    d.sha256 as sha256,
    d.line_count as line_count,
    d.synthetic as synthetic,
    d.ingested_at as ingested_at
from document as d
where d.document = $document
