-- purpose: where each line of a document's reading text was printed: the PDF file and page (for
--          source notes such as 第9页); a text document has no rows here
-- grain: one row per line of the reading text per document (PDF documents only)
-- parameters: $document (the document id: department, year, kind, scope)
select
    sl.line as line,
    sl.file as file,
    sl.page as page
from source_location as sl
where sl.document = $document
    and sl.page is not null
order by sl.line
