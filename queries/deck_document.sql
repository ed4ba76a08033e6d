-- purpose: the source document of one department-year: title, file, checksum, size, load time
-- grain: one row per document per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    d.department as department,
    d.year as year,
    d.document_id as document_id,
    d.title as title,
    d.source_file as source_file,
    d.sha256 as sha256,
    d.line_count as line_count,
    d.synthetic as synthetic,
    d.ingested_at as ingested_at
from document as d
where d.document = $document
