-- Open-data resource fiscal_items: the rows of the “三公”经费 table and of the 机关运行经费 table
-- as each document prints them (a 决算 adds the 预算数 it states beside its 决算数).
-- Grain: one row per printed item per table per document; synthetic documents are left out.
-- Parameters: none.
select
    fi.department,
    fi.year,
    fi.document,
    fi.table_key as "table",
    fi.label,
    fi.total_wan as total,
    fi.general_budget_wan as general_budget,
    fi.gov_fund_wan as gov_fund,
    fi.state_capital_wan as state_capital,
    fi.source_line
from fiscal_item as fi
join document as d on d.document = fi.document
where not d.synthetic
order by fi.department, fi.year, fi.document, fi.table_key, fi.seq
