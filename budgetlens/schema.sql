-- BudgetLens schema: Chinese department budget disclosures (部门预算公开), normalised.
--
-- Every table is keyed by department and year (one disclosure per department per year), so many
-- departments and years live side by side. Re-ingesting a disclosure for the same department and
-- year replaces all of its rows. Every row that holds a figure keeps its source: the document id
-- and the 1-based line of the source text it was read from (source_line).
--
-- Amounts: columns ending in _wan are 万元 (DECIMAL, exact as published, converted from 元 when a
-- table is published in 元); columns ending in _yuan are 元.

-- One row per ingested source document (department × year).
create table if not exists document (
    department    varchar not null,   -- 部门名称, as published
    year          integer not null,   -- budget (or final-accounts) year, e.g. 2024
    document      varchar not null,   -- stable id: department, year, kind and scope
    document_id   varchar not null,   -- first 16 hex chars of the source's sha256 (of all its files)
    government    varchar,            -- 晋城市, 上海市普陀区, 江苏省… as read from the document
    kind          varchar not null,   -- 预算 | 决算
    scope         varchar not null,   -- 部门 (the department with its units) | 单位 (one unit)
    layout        varchar not null,   -- the declared layout it was read with
    unit          varchar,            -- amount unit(s) as published, e.g. 元 or 元/万元
    source_files  varchar not null,   -- file names, '; '-separated, in reading order
    title         varchar not null,   -- e.g. 晋城市科学技术局2024年度部门预算公开
    source_file   varchar not null,   -- first file name the document was read from
    sha256        varchar not null,
    line_count    integer not null,
    synthetic     boolean not null default false,  -- true only for generated benchmark data
    ingested_at   timestamp not null,
    primary key (document)
);

-- The documents of one department, year and scope (its 预算 beside its 决算: budget against
-- actual), seen from each of them: for every document, itself and its siblings with their kind.
-- Synthetic documents pair only with synthetic ones.
create view if not exists document_sibling as
select
    me.document as of_document,
    d.kind,
    d.document,
    d.title,
    me.department,
    me.year
from document as me
join document as d
    on d.department = me.department
    and d.year = me.year
    and d.scope = me.scope
    and d.synthetic = me.synthetic;

-- One row per standard table (收支总表 … 项目支出预算表) found in a document, including the ones that
-- say 本表无数据 (is_empty = true): present and empty is not the same as missing.
create table if not exists source_table (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    table_key     varchar not null,   -- e.g. expenditure_total, see budgetlens/mappings.py
    title         varchar not null,   -- title as published
    amount_unit   varchar,            -- 万元 or 元 as declared by the table's 单位 line
    is_empty      boolean not null,   -- the table states 本表无数据 (or has no figures)
    row_count     integer not null,   -- data rows read
    source_line   integer not null,   -- line of the title
    note          varchar,            -- an empty table's own note, as printed (注：…故本表无数据)
    primary key (document, table_key)
);

-- Budget units (预算单位) of a department, one row per unit plus one row for the department as a
-- whole (is_department = true, parent_unit null). A department's own office (机关) is usually a
-- unit with the department's name. Inferred from the project tables' subtotals and checked.
create table if not exists budget_unit (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    unit          varchar not null,
    parent_unit   varchar,
    is_department boolean not null,   -- the department as a whole (its own 机关 is a unit too)
    source_line   integer not null,
    primary key (document, unit, is_department)
);

-- One row per 功能分类 科目 row per function-classified table (支出总表, 一般公共预算支出表, 政府性基金
-- 支出表): level 1 类, 2 款, 3 项; the table's 合计 row has level 0 and code null.
create table if not exists expenditure_function (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    table_key     varchar not null,
    seq           integer not null,   -- row order within the table
    code          varchar,            -- 3/5/7-digit 科目编码; null on the 合计 row
    name          varchar not null,   -- 科目名称 as published in this table
    level         integer not null,   -- 0 合计, 1 类, 2 款, 3 项
    total_wan     decimal(24, 6),
    basic_wan     decimal(24, 6),
    project_wan   decimal(24, 6),
    source_line   integer not null
);

-- One row per 功能分类 科目 row of the 收入总表 (revenue by function and by source of funds), and of
-- the revenue sides of the 政府性基金 and 国有资本经营 tables: filter on table_key.
create table if not exists revenue_function (
    department          varchar not null,
    year                integer not null,
    document      varchar not null,
    document_id         varchar not null,
    table_key           varchar not null,
    seq                 integer not null,
    code                varchar,
    name                varchar not null,
    level               integer not null,
    total_wan           decimal(24, 6),   -- 本年收入 合计 (without 上年结转, which has its column)
    general_budget_wan  decimal(24, 6),   -- 一般公共预算
    gov_fund_wan        decimal(24, 6),   -- 政府性基金
    state_capital_wan   decimal(24, 6),   -- 国有资本经营预算
    special_account_wan decimal(24, 6),   -- 财政专户管理资金
    unit_funds_wan      decimal(24, 6),   -- 单位资金
    carried_over_wan    decimal(24, 6),   -- 上年结转
    fiscal_appropriation_wan decimal(24, 6), -- 财政拨款收入 (layouts that do not split it)
    business_income_wan decimal(24, 6),   -- 事业收入
    operating_income_wan decimal(24, 6),  -- 事业单位经营收入
    other_income_wan    decimal(24, 6),   -- 其他收入
    source_line         integer not null
);

-- One row per non-blank cell of the two summary tables (收支总表, 财政拨款收支总表): side 收入/支出,
-- the row label as published, and the column it sits in.
create table if not exists summary_item (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    table_key     varchar not null,   -- income_expense_summary | fiscal_summary
    side          varchar not null,   -- 收入 | 支出
    seq           integer not null,   -- row order within the side
    label         varchar not null,   -- as published, e.g. 六、科学技术支出
    item          varchar not null,   -- label without its ordinal, e.g. 科学技术支出
    parent_item   varchar,            -- e.g. 上年财政拨款结转 for the sources listed under it
    column_key    varchar not null,   -- amount | total | current_year | carried_over | general_budget | …
    column_group  varchar,            -- the column group where a side has several (功能分类 | 支出用途)
    amount_wan    decimal(24, 6) not null,
    source_line   integer not null
);

-- One row per row of the 基本支出分经济科目表: the 合计, each group (类) and each item.
create table if not exists expenditure_economic (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    table_key     varchar not null default 'basic_economic',  -- or admin_operating, fiscal_basic_economic
    seq           integer not null,
    row_kind      varchar not null,   -- total | group | item | subtotal (人员经费合计 and
                                      -- 公用经费合计 of a 决算's two-panel table, no 合计)
    code          varchar,            -- 经济分类 code where published (301, 30101), else null
    group_name    varchar,            -- 工资福利支出 | 商品和服务支出 | 对个人和家庭的补助 | …
    dept_class    varchar,            -- 部门预算支出经济科目名称
    gov_class     varchar,            -- 政府预算支出经济科目名称
    total_wan     decimal(24, 6),
    personnel_wan decimal(24, 6),     -- 人员经费
    public_wan    decimal(24, 6),     -- 公用经费
    source_line   integer not null
);

-- One row per row of the “三公”经费 table and of the 机关运行经费 table (table_key tells which).
create table if not exists fiscal_item (
    department          varchar not null,
    year                integer not null,
    document      varchar not null,
    document_id         varchar not null,
    table_key           varchar not null,  -- three_public (决算数 in a 决算) | admin_operating |
                                           -- three_public_budget (a 决算's 预算数)
    seq                 integer not null,
    label               varchar not null,  -- item (三公) or unit name (机关运行经费)
    total_wan           decimal(24, 6),
    general_budget_wan  decimal(24, 6),
    gov_fund_wan        decimal(24, 6),
    state_capital_wan   decimal(24, 6),
    source_line         integer not null
);

-- One row per row of the 项目支出预算表 (本年预算 and 上年结转): the department total, each budget
-- unit's subtotal and each project.
create table if not exists project_budget (
    department          varchar not null,
    year                integer not null,
    document      varchar not null,
    document_id         varchar not null,
    carried_over        boolean not null,  -- true for 上年结转
    seq                 integer not null,
    row_kind            varchar not null,  -- department | unit | project
    unit                varchar,           -- the budget unit (null on the department row)
    project             varchar,           -- null on department and unit rows
    total_wan           decimal(24, 6),
    general_budget_wan  decimal(24, 6),
    gov_fund_wan        decimal(24, 6),
    state_capital_wan   decimal(24, 6),
    special_account_wan decimal(24, 6),
    unit_funds_wan      decimal(24, 6),
    source_line         integer not null
);

-- One row per row of a 政府采购预算表 (PDF layouts): the table's 合计, each category (货物 / 工程 /
-- 服务), each 专项 or 经济科目 subtotal (group), each unit's subtotal (unit) and each item. The
-- leaves (items; the categories of a table that lists no items) add up to the 合计.
create table if not exists procurement_item (
    department          varchar not null,
    year                integer not null,
    document      varchar not null,
    document_id         varchar not null,
    table_key           varchar not null,  -- procurement
    seq                 integer not null,
    row_kind            varchar not null,  -- total | category | group | unit | item
    category            varchar,           -- 货物 | 工程 | 服务 where the table states it
    unit                varchar,           -- the unit (西安: its subtotal row's name)
    project             varchar,           -- 专项名称 / 采购项目 as published
    economic            varchar,           -- 经济科目 (江苏)
    item                varchar,           -- 采购物品名称 / 采购目录 as published
    method              varchar,           -- 采购组织形式 (江苏)
    total_wan           decimal(24, 6),
    general_budget_wan  decimal(24, 6),
    gov_fund_wan        decimal(24, 6),
    state_capital_wan   decimal(24, 6),
    special_account_wan decimal(24, 6),
    unit_funds_wan      decimal(24, 6),
    source_line         integer not null
);

-- One row per performance-target table: the department-level table (project = 部门整体) and each
-- 项目支出绩效目标表.
create table if not exists performance_table (
    department          varchar not null,
    year                integer not null,
    document      varchar not null,
    document_id         varchar not null,
    project             varchar not null,
    is_department       boolean not null,
    supervisor          varchar,   -- 主管部门及代码 as published, e.g. 108-晋城市科学技术局
    supervisor_code     varchar,   -- the code before the dash, e.g. 108
    implementing_unit   varchar,   -- 实施单位
    attribute           varchar,   -- 项目属性
    duration            varchar,   -- 项目期, e.g. 99年
    summary             varchar,   -- 项目概况
    basis               varchar,   -- 立项依据
    necessity           varchar,   -- 项目设立必要性
    safeguards          varchar,   -- 保证项目实施的制度、措施
    plan                varchar,   -- 项目实施计划
    goal_impl           varchar,   -- 总体目标 (实施期)
    goal_annual         varchar,   -- 总体目标 (年度)
    fill_date           varchar,   -- 填报日期 as published
    source_line         integer not null   -- line of the table's title
);

-- One row per fund figure of a performance table: the project's funds by period and source; for
-- the department-level table (published in 万元), by source and by direction. Always in 元.
create table if not exists performance_fund (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    project       varchar not null,
    period        varchar not null,   -- 实施期 | 年度
    dimension     varchar not null,   -- source | direction
    source        varchar not null,   -- total | central | provincial | municipal | self_raised | other
                                      -- | general_budget | gov_fund | state_capital | social_insurance
                                      -- | special_account | unit_funds | basic | project
    label         varchar not null,   -- as published
    amount_yuan   decimal(24, 2),     -- null when the cell is blank
    source_line   integer not null
);

-- One row per indicator row (三级指标) of a performance table, in both periods. Nothing is dropped:
-- a row that cannot be placed in the tree is kept with placed = false and a problem text.
create table if not exists performance_indicator (
    department     varchar not null,
    year           integer not null,
    document      varchar not null,
    document_id    varchar not null,
    project        varchar not null,  -- 部门整体 for the department-level table
    period         varchar not null,  -- 实施期 | 年度
    seq            integer not null,  -- order within project and period
    level1         varchar,           -- 一级指标: 产出指标 | 效益指标 | 满意度指标
    level2         varchar,           -- 二级指标, canonical (e.g. 服务对象满意度指标)
    level2_raw     varchar,           -- the label as it stood in the extracted row order
    name           varchar,           -- 三级指标
    target_raw     varchar,           -- 指标值 as published ('' when the cell is missing)
    target_kind    varchar not null,  -- numeric | time | qualitative | empty | unparsed
    comparator     varchar,           -- ≥ ≤ > < =
    target_value   double,
    target_unit    varchar,
    time_year      integer,
    time_month     integer,
    time_qualifier varchar,
    placed         boolean not null,
    problem        varchar,           -- why a row is uncertain or could not be placed
    source_line    integer not null
);

-- One row per figure stated in the narrative (第三部分) and in the department profile (staffing).
create table if not exists key_figure (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    key           varchar not null,   -- e.g. revenue_total, revenue_change, three_public_total
    value         decimal(24, 6) not null,
    unit          varchar not null,   -- 万元 | % | 个 | 人 | 辆 | 平方米 | 台(套)
    label         varchar not null,   -- what the figure is, in Chinese
    sentence      varchar not null,   -- the clause it was read from
    source_line   integer not null,
    primary key (document, key)
);

-- One row per figure of the year before that a document's narrative states (上年数): this year's
-- figure less the change the narrative states ("与上年相比…增加 X 万元"). Kept apart from the
-- loaded documents' figures: the year before the first loaded one is shown as stated in this
-- document, and budgetlens/checks_years.py compares it with the loaded document of that year.
create table if not exists prior_year_figure (
    department    varchar not null,
    year          integer not null,   -- the year of the stating document
    document      varchar not null,   -- the stating document
    document_id   varchar not null,
    seq           integer not null,
    measure       varchar not null,   -- the key figure it is the prior-year value of:
                                      -- expenditure_total (收支总计) | three_public_total
    label         varchar not null,   -- the published words naming this year's figure
    prior_year    integer not null,   -- the year the figure is of (named, else year − 1)
    value_wan     decimal(24, 6) not null,  -- the prior-year figure as stated
    this_year_wan decimal(24, 6) not null,  -- this year's figure in the same sentence
    change_wan    decimal(24, 6) not null,  -- the stated change (减少: negative; 持平: 0)
    derivation    varchar not null,   -- this_year_minus_change (value = this year − change)
    sentence      varchar not null,   -- the clause, as published (normalised spacing)
    source_line   integer not null,
    primary key (document, measure)
);

-- One row per 功能分类 项 a 决算's narrative explains (一般公共预算财政拨款支出决算具体情况): its
-- budget and actual as the narrative states them, and the stated reason for the difference; and
-- one row (item_name 合计, class and 款 names empty, code null) for the statement of the whole.
create table if not exists execution_note (
    department            varchar not null,
    year                  integer not null,
    document              varchar not null,
    document_id           varchar not null,
    seq                   integer not null,
    code                  varchar,          -- the 项 code of the function tables; null when the
                                            -- names printed match no 项 there
    class_name            varchar not null, -- 类, 款 and 项 names as printed in the narrative
    kuan_name             varchar not null,
    item_name             varchar not null,
    year_start_budget_wan decimal(24, 6),   -- 年初预算 where stated
    full_year_budget_wan  decimal(24, 6),   -- 全年预算 (adjusted during the year) where stated
    actual_wan            decimal(24, 6) not null,  -- 支出决算
    stated_rate           decimal(24, 6),   -- 完成…预算的 N%
    rate_of               varchar,          -- 年初 | 全年: the budget the rate is of
    reason                varchar,          -- 主要原因 as printed, or 持平
    source_line           integer not null
);

-- One row per term of 名词解释 (glossary).
create table if not exists glossary_term (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    seq           integer not null,
    term          varchar not null,
    definition    varchar not null,
    source_line   integer not null
);

-- One row per entry of the appendix 政府购买服务指导性目录 (a 4-level catalogue), under the heading of
-- the department it is listed for.
create table if not exists service_catalogue (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    seq           integer not null,
    section       varchar not null,   -- the department heading, e.g. 宣传部
    code          varchar not null,   -- A, A15, A1502, A150201
    level         integer not null,   -- 1..4
    name          varchar not null,
    source_line   integer not null
);

-- One row per text section of 第一部分 (duties, internal organisation).
create table if not exists text_section (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    seq           integer not null,
    section       varchar not null,   -- 本部门职责 | 机构设置情况
    heading       varchar,            -- e.g. 办公室 for an organisation entry
    body          varchar not null,
    source_line   integer not null
);

-- One row per reconciliation result: the document checked against itself.
create table if not exists check_result (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    seq           integer not null,
    check_kind    varchar not null,   -- e.g. column_total, subtotal, cross_table, name_consistency
    project       varchar,            -- the performance table a check is about (部门整体 for the
                                      -- department), null for checks of the budget tables
    subject       varchar not null,   -- what was compared, in words
    expected      decimal(24, 6),
    actual        decimal(24, 6),
    difference    decimal(24, 6),
    tolerance     decimal(24, 6),     -- the rounding allowance: 0.01 per item summed
    status        varchar not null,   -- ok | rounding | mismatch | unjudged (a value missing or
                                      -- not read: the detail says which)
    source_lines  varchar not null,   -- comma-separated line numbers
    detail        varchar,
    rule_set      varchar             -- the rule set applied (budgetlens.checks.RULE_SETS)
);

-- One row per parse notice: things the parser kept but could not read cleanly (e.g. a missing
-- target cell), so that nothing is silently dropped.
create table if not exists parse_note (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    seq           integer not null,
    table_key     varchar not null,
    message       varchar not null,
    source_line   integer not null
);

-- One row per non-empty cell of a table kept as published but not interpreted: tables a layout
-- declares as raw (政府采购预算表) and tables the layout does not know (reported at ingest).
create table if not exists raw_cell (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    table_key     varchar not null,
    title         varchar not null,
    row_no        integer not null,
    col_no        integer not null,
    text          varchar not null,
    source_line   integer not null
);

-- Where each line of a document's reading text comes from: for a PDF, the file and page (a
-- figure's source_line leads here); for a text file, the file (page null).
create table if not exists source_location (
    department    varchar not null,
    year          integer not null,
    document      varchar not null,
    document_id   varchar not null,
    line          integer not null,
    file          varchar not null,
    page          integer,
    primary key (document, line)
);
