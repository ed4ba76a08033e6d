-- Open-data resource documents: the source documents in the package.
-- Grain: one row per document (department × year). Synthetic benchmark documents are excluded.
-- Parameters: none.
select
    d.department,
    d.year,
    d.title,
    d.source_file,
    d.sha256,
    d.line_count
from document as d
where not d.synthetic
order by d.department, d.year
