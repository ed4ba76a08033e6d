-- purpose: rows of the “三公”经费 table and of the 机关运行经费 table
-- grain: one row per table row per table per department per year
-- parameters: $document (the document id: department, year, kind, scope)
select
    fi.table_key as table_key,
    fi.seq as seq,
    fi.label as label,
    fi.total_wan as total_wan,
    fi.general_budget_wan as general_budget_wan,
    fi.gov_fund_wan as gov_fund_wan,
    fi.state_capital_wan as state_capital_wan,
    fi.source_line as source_line
from fiscal_item as fi
where fi.document = $document
order by fi.table_key, fi.seq
