-- purpose: the standard tables of one disclosure, numbered 表1… in the order they appear, with
--          their title, unit and whether the table says 本表无数据 (for source lines and empty states)
-- grain: one row per standard table per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    st.table_key as table_key,
    row_number() over (order by st.source_line) as table_no,
    st.title as title,
    st.amount_unit as amount_unit,
    st.is_empty as is_empty,
    st.row_count as row_count,
    st.source_line as source_line,
    d.title as document_title
from source_table as st
join document as d
    on d.document = st.document
where st.document = $document
order by st.source_line
