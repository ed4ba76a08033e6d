"""The one translation table of the dashboard: Chinese (default) and English.

The dashboard's own sentences, headings and buttons are here; the terms, figure names, column
headers and units come from the library's vocabulary (:mod:`budgetlens.vocabulary`,
``budgetlens/reference/vocabulary.csv``), which the deck and the workbook use too, so one thing
has one name everywhere. Labels are looked up by key with :func:`t`; a key missing from both
shows the key itself (a visible, testable mistake rather than an exception).
"""

from __future__ import annotations

from budgetlens import vocabulary

LANG_NAMES = {"zh": "中文", "en": "English"}

# key: (中文, English)
TRANSLATIONS: dict[str, tuple[str, str]] = {
    # frame
    "app.tagline": ("预算透视 · 部门预算公开数据", "BudgetLens · department budget disclosures"),
    "filter.department": ("部门", "Department"),
    "filter.year": ("年度", "Year"),
    "filter.find_department": ("查找部门", "Find a department"),
    "msg.more_departments": (
        "另有 {n} 个部门符合，请输入更多文字缩小范围。",
        "{n} more departments match: type more of the name to narrow the list.",
    ),
    "filter.document": ("文件", "Document"),
    "doc.label": ("{scope}{kind}", "{scope} {kind}"),
    "doc_scope.部门": ("部门", "Department"),
    "doc_scope.单位": ("单位", "Unit"),
    "doc_kind.预算": ("预算", "budget"),
    "doc_kind.决算": ("决算", "final accounts"),
    "filter.class": ("功能分类（类）", "Functional class"),
    "filter.project": ("项目", "Project"),
    "filter.status": ("状态", "Status"),
    "filter.check_kind": ("核对类型", "Check kind"),
    "filter.unit": ("预算单位", "Budget unit"),
    "filter.group": ("经济科目类", "Economic group"),
    "nav.overview": ("总览", "Overview"),
    "nav.revenue_expenditure": ("收支", "Revenue & expenditure"),
    "nav.basic_project": ("基本支出与项目支出", "Basic vs project expenditure"),
    "nav.economic": ("经济科目", "Economic classification"),
    "nav.projects": ("项目", "Projects"),
    "nav.performance": ("绩效", "Performance targets"),
    "nav.checks": ("数据核对", "Reconciliation"),
    "nav.glossary": ("名词解释", "Glossary"),
    "nav.search": ("搜索", "Search"),
    "nav.presenter": ("演示模式", "Presenter mode"),
    "btn.previous": ("上一页", "Previous"),
    "btn.next": ("下一页", "Next"),
    "btn.deck": ("下载演示文稿（PPTX）", "Download the deck (PPTX)"),
    "btn.workbook": ("下载数据工作簿（XLSX）", "Download the workbook (XLSX)"),
    "msg.no_slides": ("本文件没有可演示的内容。", "This disclosure has nothing to present."),
    # messages
    "msg.no_database": (
        "无法打开数据库 {path}：{error}。请先运行 budgetlens ingest 导入数据。",
        "Cannot open the database {path}: {error}. Run budgetlens ingest first.",
    ),
    "msg.no_documents": (
        "数据库中还没有预算公开文件。请先运行 budgetlens ingest 导入数据。",
        "The database holds no disclosure yet. Run budgetlens ingest first.",
    ),
    "msg.bad_param": (
        "链接中的{what}“{value}”不存在，已改为显示现有的{what}。",
        "The link's {what} “{value}” does not exist; one that does is shown instead.",
    ),
    "msg.bad_page": (
        "链接中的页面“{value}”不存在，已改为显示首页。",
        "The link's page “{value}” does not exist; the home page is shown instead.",
    ),
    "msg.no_rows": ("本表无数据。", "This table has no rows."),
    "msg.no_revenue": (
        "未从本文件读取到按资金来源分列的收入。",
        "No revenue by source of funds was read from this disclosure.",
    ),
    "msg.no_expenditure": (
        "未从本文件读取到按功能分类分列的支出。",
        "No expenditure by function was read from this disclosure.",
    ),
    "msg.no_economic": (
        "未从本文件读取到基本支出经济分类表。",
        "No table of basic spending by economic class was read from this disclosure.",
    ),
    "msg.no_projects": (
        "未从本文件读取到项目支出明细表。",
        "No table of individual projects was read from this disclosure.",
    ),
    "msg.no_performance": (
        "未从本文件读取到绩效目标表。",
        "No performance-target tables were read from this disclosure.",
    ),
    "msg.no_indicators": ("该绩效目标表没有指标。", "This performance table has no indicators."),
    "msg.no_checks": ("没有核对结果。", "No reconciliation results."),
    "checks.rule_set": ("本文件适用的核对规则：", "Rules applied to this document: "),
    "msg.no_glossary": (
        "未从本文件读取到名词解释。",
        "No glossary was read from this disclosure.",
    ),
    "msg.no_split_basic_project": (
        "本文件的支出功能分类表没有分列基本支出和项目支出。",
        "This disclosure's expenditure-by-function table does not split basic and project "
        "spending.",
    ),
    "msg.no_split_personnel_public": (
        "本文件的基本支出经济分类表没有分列人员经费和公用经费。",
        "This disclosure's table of basic spending by economic class does not split personnel "
        "and public costs.",
    ),
    "msg.no_period_split": (
        "本文件的收支总表没有分列本年预算和上年结转，下表为收支总表原表。",
        "This disclosure's summary table does not split the current-year budget from the "
        "carry-over; the table below is the summary as published.",
    ),
    "msg.no_summary": (
        "未从本文件读取到收支总表。",
        "No summary table of revenue and expenditure was read from this disclosure.",
    ),
    "msg.no_procurement": (
        "未从本文件读取到政府采购预算表。",
        "No government procurement budget table was read from this disclosure.",
    ),
    "msg.procurement_raw": (
        "本文件的政府采购预算表按其他格式编列，未能逐项读取，请参阅原文{page}。",
        "This disclosure prints its procurement budget in a form not read item by item: see "
        "the original, {page}.",
    ),
    "msg.no_admin_operating": (
        "未从本文件读取到机关运行经费。",
        "No administrative operating costs were read from this disclosure.",
    ),
    "msg.no_facts": (
        "未从本文件读取到“三公”经费、机关运行经费、政府采购或人员编制。",
        "No “three public” expenses, operating costs, procurement or staff figures were read "
        "from this disclosure.",
    ),
    "msg.three_public_empty": (
        "“三公”经费预算表注明“本表无数据”：本年未安排“三公”经费。",
        "The “three public” expenses table states it has no data: none are budgeted this year.",
    ),
    "msg.table_empty": ("{title}：本表无数据。", "{title}: the table states it has no data."),
    "msg.no_scorecard": (
        "该项目没有公开绩效目标表。",
        "No performance-target table is published for this project.",
    ),
    "msg.search_hint": (
        "输入项目、指标、科目或名词，例如“科技”。",
        "Type a project, indicator, budget item or term, e.g. 科技.",
    ),
    "msg.search_none": ("没有找到“{q}”。", "Nothing found for “{q}”."),
    "msg.search_count": ("找到 {n} 条结果。", "{n} results."),
    "msg.period_same": (
        "实施期与年度指标一致，只显示年度。",
        "Implementation-period and annual targets agree; only the annual ones are shown.",
    ),
    "msg.no_cost_checks": (
        "没有成本指标或期间一致性核对。",
        "No cost or period-consistency checks.",
    ),
    # buttons, links, words
    "btn.page_xlsx": (
        "下载本页表格（Excel，每表一页）",
        "Download this page's tables (Excel, a sheet each)",
    ),
    "btn.page_csv": ("下载本页表格（CSV，ZIP）", "Download this page's tables (CSV files, ZIP)"),
    "help.page_downloads": (
        "本页显示的每张表格，数字与页面一致。单张表格也可从表格右上角的工具栏下载为 CSV。",
        "Every table shown on this page, with the numbers as shown. A single table also "
        "downloads as CSV from the toolbar at its top right.",
    ),
    "link.checks": ("查看数据核对", "Open the reconciliation"),
    "link.scorecard": ("查看绩效目标", "Open the performance scorecard"),
    "link.project": ("查看项目", "Open the project"),
    "link.open": ("打开", "Open"),
    "word.all": ("全部", "All"),
    "word.increase": ("增加", "up"),
    "word.decrease": ("减少", "down"),
    "word.yes": ("是", "yes"),
    "word.no": ("否", "no"),
    "word.long_term": ("长期（原文“{raw}”）", "Long-term (published as {raw})"),
    "word.dept_whole": ("部门整体", "Department as a whole"),
    "help.unit_wan": ("单位：万元", "Unit: 10k yuan (10,000 yuan)"),
    # sources
    "src.prefix": ("来源：", "Source: "),
    "src.table": ("，表{no}（{title}）", ", table {no} ({title})"),
    "src.lines": ("第{lines}行", ", lines {lines}"),
    "src.lead": ("，", ", "),
    "src.join": ("；", "; "),
    "src.narrative": ("说明第{lines}行", "narrative line {lines}"),
    "src.narrative_lines": ("，说明第{lines}行", ", narrative line {lines}"),
    "src.page": ("第{pages}页", "page {pages}"),
    "src.pages": ("第{pages}页", "pages {pages}"),
    "src.table_and_page": ("{table}{page}", "{table}, {page}"),
    "src.page_sep": ("、", ", "),
    "src.page_join": ("；", "; "),
    "src.file": ("（{file}）", " ({file})"),
    "src.pages_of_file": ("原文页码为 {file} 的页码。", "Pages are those of {file}."),
    "head.facts": ("其他信息", "Other facts"),
    # statuses
    # charts and headings
    "chart.with_unit": ("{title}（{unit}）", "{title} ({unit})"),
    "chart.revenue_by_source": ("收入来源", "Revenue by source"),
    "chart.expenditure_by_class": ("支出功能分类（类）", "Expenditure by functional class"),
    "chart.sankey": (
        "资金流向：收入来源 → 功能分类 → 基本/项目",
        "Money flow: source → function → basic/project",
    ),
    "chart.sankey_classes": (
        "资金流向：收入来源 → 功能分类",
        "Money flow: source → function",
    ),
    "chart.function_tree": (
        "支出功能分类：类 → 款 → 项",
        "Expenditure by function: class → section → item",
    ),
    "chart.function_classes": (
        "支出功能分类（类）：点击查看其下的款",
        "Expenditure by class: click a bar for its sections",
    ),
    "chart.function_sections": ("所选类下的款", "Sections of the chosen class"),
    "chart.by_period": (
        "本年预算与上年结转",
        "Current-year budget and carried over from last year",
    ),
    "chart.basic_project_by_class": (
        "基本支出与项目支出（按功能分类）",
        "Basic vs project expenditure by function",
    ),
    "chart.project_by_unit": ("项目支出（按预算单位）", "Project expenditure by budget unit"),
    # under the heading 人员经费与公用经费 (head.personnel_public): titled without repeating it
    "chart.personnel_public": ("基本支出构成", "What basic expenditure is made of"),
    "chart.personnel_public_groups": (
        "基本支出（按经济科目类）",
        "Basic expenditure by economic group",
    ),
    "chart.economic_groups": ("基本支出经济科目", "Basic expenditure by economic class"),
    "chart.projects": ("项目支出", "Project expenditure"),
    "chart.units_projects": ("预算单位 → 项目", "Budget units → projects"),
    "chart.project_funds": ("项目资金来源", "Project funds by source"),
    "chart.performance_overview": ("各项目指标构成", "Indicators per project"),
    "head.by_period": ("本年预算与上年结转", "Current-year budget and carried over from last year"),
    "head.summary": ("收支总表", "Summary of revenue and expenditure"),
    "head.by_function": ("按功能分类", "By function"),
    "head.by_unit": ("按预算单位", "By budget unit"),
    "head.personnel_public": ("人员经费与公用经费", "Personnel vs public costs"),
    "head.drilldown": ("经济科目明细", "Economic classes in detail"),
    "head.admin_operating": ("机关运行经费", "Administrative operating costs"),
    "head.procurement": ("政府采购预算", "Government procurement budget"),
    "metric.procurement_total": ("政府采购合计（万元）", "Procurement total (10k yuan)"),
    "metric.procurement_category": ("{category}（万元）", "{category} (10k yuan)"),
    "head.projects": ("项目列表", "Projects"),
    "head.project_detail": ("项目详情", "Project detail"),
    "head.scorecard": ("绩效目标", "Performance targets"),
    "head.indicator_tree": ("指标体系", "Indicator tree"),
    "head.quality": ("目标质量", "Target quality"),
    "head.period_diff": ("实施期与年度不同的指标", "Targets that differ between the periods"),
    "head.cost_checks": ("成本指标与期间一致性核对", "Cost and period-consistency checks"),
    "head.all_projects": ("全部项目概览", "All projects"),
    "head.funds": ("资金来源（万元）", "Funds by source (10k yuan)"),
    "head.summary_plain": ("概要", "In brief"),
    "msg.summary_source": (
        "以上数字与原因均来自文件本身，详见下方各项及其来源。",
        "The figures and the reason are the document's own; each is given with its source below.",
    ),
    "checks.contradictions": ("文件数字之间的矛盾", "Contradictions in the document"),
    "checks.none": ("文件的数字之间没有发现矛盾", "No contradiction found in the document"),
    "checks.count": ("{n} 处", "{n}"),
    "link.checks_explained": ("什么是数据核对", "What the reconciliation is"),
    "head.checks_explained": ("关于数据核对", "About the reconciliation"),
    "text.checks_explained": (
        "预算透视把文件里可以互相印证的数字逐一核对：合计是否等于各项之和，同一数字在不同表格中是否相同，"
        "说明文字中的数字是否与表格一致。“一致”表示相符；“尾差”表示各项分别四舍五入到分位后相差"
        "一两分，这不是错误；“不一致”表示文件自身的数字互相矛盾。页面上的数字都按文件原样公布，"
        "不作改动；读取不到的内容不算矛盾。",
        "BudgetLens checks every figure of the document that another can confirm: whether a total "
        "equals the sum of its items, whether a figure printed in two tables is the same, and "
        "whether the narrative's figures agree with the tables. “ok” means they match; "
        "“rounding” means each item was rounded to the cent and the sum differs by a cent or two, "
        "which is not an error; “mismatch” means the document contradicts itself. Every figure is "
        "shown as published, never corrected; what could not be read is not counted as a "
        "contradiction.",
    ),
    # tables, as their downloads are named (sheet and file names)
    "table.basic_project_by_function": (
        "基本支出与项目支出（按功能分类）",
        "Basic and project expenditure by function",
    ),
    "table.money_flow": ("资金流向", "Money flow"),
    "col.flow": ("资金流向", "Flow"),
    "table.project_by_unit": ("项目支出（按预算单位）", "Project expenditure by budget unit"),
    "table.expenditure_economic": ("基本支出经济科目", "Basic expenditure by economic class"),
    "table.admin_operating": ("机关运行经费", "Administrative operating costs"),
    "table.procurement": ("政府采购预算", "Government procurement budget"),
    "table.glossary": ("名词解释", "Glossary"),
    "table.prior_year": ("文件所述上年数", "Stated prior-year figures"),
    "table.checks": ("数据核对", "Reconciliation"),
    "table.checks_years": ("跨年度核对", "Checks between years"),
    "table.indicators": ("绩效指标", "Performance targets"),
    "table.indicators_impl": ("绩效指标（实施期）", "Performance targets (implementation period)"),
    "table.indicators_annual": ("绩效指标（年度）", "Performance targets (annual)"),
    "table.indicators_diff": ("实施期与年度不同的指标", "Targets that differ between the periods"),
    "table.project_checks": ("成本指标核对", "Cost checks"),
    "table.performance_overview": ("全部项目绩效概览", "Performance of all projects"),
    "table.scorecards": ("全部项目绩效目标", "Performance targets of all projects"),
    "table.projects": ("项目列表", "Projects"),
    "table.project_funds": ("项目资金来源", "Project funds by source"),
    "table.expenditure_function": ("支出功能分类", "Expenditure by function"),
    "table.expenditure_by_period": ("本年预算与上年结转", "Current-year budget and carried over"),
    "table.income_expense_summary": ("收支总表", "Summary of revenue and expenditure"),
    "table.revenue_by_source": ("收入来源", "Revenue by source"),
}
# the vocabulary's terms and columns; a key defined in both would be two names for one thing
if set(TRANSLATIONS) & set(vocabulary.table()):
    raise RuntimeError(
        f"terms in both ui.i18n and the vocabulary: {set(TRANSLATIONS) & set(vocabulary.table())}"
    )
TRANSLATIONS.update(vocabulary.table())


# pages over many documents: catalogue, comparison, trends, search across documents
_MANY_DOCUMENTS: dict[str, tuple[str, str]] = {
    "nav.catalogue": ("文件目录", "Catalogue"),
    "nav.compare": ("部门比较", "Compare departments"),
    "nav.trends": ("历年趋势", "Trends"),
    "filter.government": ("政府", "Government"),
    "filter.kind": ("类型", "Kind"),
    "filter.scope": ("范围", "Scope"),
    "filter.department_text": ("按部门名称筛选", "Filter by department name"),
    "col.government": ("政府", "Government"),
    "col.department": ("部门", "Department"),
    "col.published_name": ("公开名称", "Published name"),
    "col.year": ("年度", "Year"),
    "col.doc_kind": ("类型", "Kind"),
    "col.scope": ("范围", "Scope"),
    "col.expenditure_total_wan": ("支出总计（万元）", "Total expenditure (10k yuan)"),
    "col.basic_share": ("基本支出占比", "Basic share"),
    "col.three_public_wan": ("“三公”经费（万元）", "“Three public” expenses (10k yuan)"),
    "col.admin_operating_wan": (
        "机关运行经费（万元）",
        "Administrative operating costs (10k yuan)",
    ),
    "col.checks": ("数据核对", "Reconciliation"),
    "col.where": ("原文位置", "Where printed"),
    "col.open": ("打开", "Open"),
    "col.staff": ("实有人数", "Staff"),
    "col.per_staff_wan": ("人均支出（万元）", "Spending per staff member (10k yuan)"),
    "col.change_wan": ("比上年增减（万元）", "Change on the year before (10k yuan)"),
    "col.change_pct": ("比上年增减", "Change on the year before"),
    "col.document": ("文件", "Document"),
    "link.open_document": ("打开", "Open"),
    "link.compare": (
        "{government} {year}年 {n} 个{what}比较",
        "{government} {year}: compare {n} documents ({what})",
    ),
    "link.trend": ("{department}：{n} 个年度的趋势", "{department}: trend over {n} years"),
    "head.compare_links": ("部门比较", "Compare departments"),
    "msg.more_trends": (
        "另有 {n} 个部门有多个年度，见“历年趋势”页。",
        "{n} more departments have several years: see the page “Trends”.",
    ),
    "head.trend_links": ("历年趋势", "Trends"),
    "head.compare_table": ("比较明细", "The figures compared"),
    "head.departments": ("打开部门", "Open a department"),
    "link.department": ("{department} · {amount} {unit}", "{department} · {amount} {unit}"),
    "head.trend_table": ("各年度明细", "Year by year"),
    "head.years": ("打开年度文件", "Open a year's document"),
    "msg.catalogue_count": (
        "{n} 份文件符合条件（共 {total} 份）。",
        "{n} of {total} documents match.",
    ),
    "msg.catalogue_page": (
        "{n} 份文件符合条件（共 {total} 份），本页为第 {first}–{last} 份；"
        "完整列表见页面底部的下载。",
        "{n} of {total} documents match; this page shows {first}–{last}. The whole list is "
        "in the downloads at the bottom of the page.",
    ),
    "filter.sort": ("排序", "Sort by"),
    "filter.page": ("页码", "Page"),
    "msg.page_of": ("第 {page} 页（共 {pages} 页）", "page {page} of {pages}"),
    "sort.desc": ("{what} ↓ 从大到小", "{what} ↓ descending"),
    "sort.asc": ("{what} ↑ 从小到大", "{what} ↑ ascending"),
    "msg.catalogue_none": ("没有符合条件的文件。", "No document matches the filters."),
    "msg.checks_mismatch": ("{n} 处不一致", "{n} mismatches"),
    "msg.checks_clean": ("{n} 项核对一致", "{n} checks agree"),
    "msg.compare_what": (
        "{government} {year}年 {what}：{n} 份文件。各部门的链接在图下和比较明细中。",
        "{government}, {year}, {what}: {n} documents. Each department opens from the links "
        "under the charts and from the table.",
    ),
    "msg.compare_top": (
        "{what}：图中为最大的 {n} 个（共 {total} 个），全部见下载。",
        "{what}: the largest {n} of {total} are drawn; all are in the downloads.",
    ),
    "msg.compare_rest": (
        "表中为支出总计最大的 {n} 个部门（共 {total} 个）；"
        "全部部门见页面底部的下载，或在文件目录中逐页查看。",
        "The table shows the {n} largest of {total} departments by total expenditure; all of "
        "them are in the downloads at the bottom of the page, and page by page in the catalogue.",
    ),
    "link.catalogue_rest": (
        "在文件目录中查看全部 {n} 个部门",
        "All {n} departments in the catalogue",
    ),
    "msg.compare_one": (
        "该政府该年度只导入了一份此类文件，无可比较的部门。",
        "Only one such document of this government and year is loaded: nothing to compare.",
    ),
    "msg.compare_none": (
        "所选文件均未载明：{what}。",
        "None of these documents states: {what}.",
    ),
    "msg.dept_years": ("{department}（{n} 个年度）", "{department} ({n} years)"),
    "msg.trend_what": (
        "{department}，{what}，年度：{years}。",
        "{department}, {what}, years: {years}.",
    ),
    "msg.trend_names": (
        "本部门各年度以不同名称公开：{names}。按部门别名表视为同一部门，各年度文件保留其公开名称。",
        "This department published under several names: {names}. The alias table makes them "
        "one department; each year's document keeps its published name.",
    ),
    "trend.loaded": ("已导入文件", "loaded documents"),
    "trend.stated": ("{year}年文件所述", "stated in the {year} document"),
    "head.prior_year": ("文件所述上年数", "Prior-year figures the documents state"),
    "msg.prior_year_what": (
        "各年度文件在说明中写明与上年相比的增减额；本年数减去增减额即该文件所述的上年数。图中以"
        "“某年文件所述”单独标出未导入年度的这一数字，不与导入文件的数字混合；上年文件已导入时逐一"
        "核对。两者不同时不一定是错误：文件可能按调整后的预算陈述上年数。",
        "Each year's document states in its narrative how a figure changed on the year before; "
        "this year's figure less that change is the prior-year figure the document states. The "
        "charts mark it separately as “stated in the … document” for a year not loaded, never "
        "mixed with loaded figures; where the document of that year is loaded, the two are "
        "checked. A difference is not necessarily an error: a document may state the budget "
        "as adjusted during the year.",
    ),
    "col.prior_year": ("所述年度", "Year of the figure"),
    "col.measure": ("数字", "Figure"),
    "col.stated_wan": ("所述上年数（万元）", "Stated (10k yuan)"),
    "col.stated_in": ("所述文件", "Stated in"),
    "col.loaded_wan": ("该年度文件（万元）", "Document of that year (10k yuan)"),
    "col.check": ("核对", "Check"),
    "col.loaded_in": ("该年度文件", "Document of that year"),
    "msg.year_not_loaded": ("该年度文件未导入", "that year is not loaded"),
    "msg.trend_one": (
        "该部门只导入了一个年度的文件，暂无趋势。",
        "Only one year of this department is loaded: no trend yet.",
    ),
    "chart.cmp_total": ("支出总计", "Total expenditure"),
    "chart.cmp_basic_share": (
        "基本支出占支出总计比例",
        "Basic spending as a share of the total",
    ),
    "chart.cmp_three_public": ("“三公”经费", "“Three public” expenses"),
    "chart.cmp_admin": ("机关运行经费", "Administrative operating costs"),
    "chart.cmp_per_staff": ("人均支出（按实有人数）", "Spending per staff member"),
    "chart.cmp_class": ("{name}占支出总计比例", "{name}: share of the total"),
    "col.class_share": ("{name}占比", "{name} share"),
    "head.class_shares": (
        "各类支出占支出总计比例",
        "Each functional class as a share of the total",
    ),
    "chart.trend_total": (
        "支出总计：及比上年增减",
        "Total expenditure: with the change on the year before",
    ),
    "chart.trend_basic_project": ("基本支出与项目支出", "Basic and project spending"),
    "chart.trend_three_public": (
        "“三公”与运行经费：“三公”经费与机关运行经费",
        "Small costs: “three public” expenses and administrative operating costs",
    ),
    "chart.trend_classes": ("按功能分类（类）的支出", "Expenditure by functional class"),
    "unit.wan_per_person": ("万元/人", "10k yuan per person"),
    "src.catalogue": (
        "来源：各文件的支出总表（或收支总表）、“三公”经费表和机关运行经费表；“原文位置”列为各数字所在的原文页码（文本文件为行号）。",
        "Sources: each document's expenditure summary (or income and expenditure summary), "
        "“three public” expenses and administrative operating costs tables; the column "
        "“Where printed” gives the page (or line of a text document) of each figure.",
    ),
    "what.total": ("支出总计", "total expenditure"),
    "what.basic_project": ("基本/项目支出", "basic/project spending"),
    "what.three_public": ("“三公”经费", "“three public” expenses"),
    "what.admin": ("机关运行经费", "administrative operating costs"),
    "src.prefix_many": ("来源：{what}，", "Source: {what}, "),
    "src.at_page": ("第{page}页", "page {page}"),
    "src.at_line": ("第{line}行", "line {line}"),
    "src.see_table": (
        "{n} 份文件，各文件页码（第几页）见下表“原文位置”列",
        "{n} documents; the page of each is in the column “Where printed” below",
    ),
    "msg.no_source": ("文件未载明", "not stated"),
    "filter.search_here": ("只搜索当前文件", "Only the current document"),
    "head.search_topics": ("相关页面", "Pages on this topic"),
    "msg.of_project": ("所属项目：{project}", "of project {project}"),
    "msg.search_count_docs": (
        "在 {docs} 份文件中找到 {n} 条结果：项目和科目按金额排列，"
        "其后为文件载明的数字、绩效指标和名词解释。",
        "{n} results in documents: {docs}. Projects and budget items by amount, then stated "
        "figures, performance indicators and glossary terms.",
    ),
    "link.topic": ("查看“{page}”页", "Open the page “{page}”"),
    "link.topic_figure": (
        "{what} {value} {unit}（{where}）：查看“{page}”页",
        "{what} {value} {unit} ({where}): open the page “{page}”",
    ),
    "msg.hit": ("{kind}：{label}", "{kind}: {label}"),
    "kind.figure": ("文件载明的数字", "Stated figure"),
    "src.page_of": ("{what} 第{page}页", "{what} page {page}"),
    "src.line_of": ("{what} 第{line}行", "{what} line {line}"),
}
if TRANSLATIONS.keys() & _MANY_DOCUMENTS.keys():  # one key, one text: never redefined here
    raise KeyError(f"defined twice: {sorted(TRANSLATIONS.keys() & _MANY_DOCUMENTS.keys())}")
TRANSLATIONS.update(_MANY_DOCUMENTS)


# Budget against actual (pages/execution.py and the overview's line on it, issue 10).
_EXECUTION: dict[str, tuple[str, str]] = {
    "nav.execution": ("预算执行", "Budget execution"),
    "metric.current_year_final": ("本年支出合计（万元）", "Current-year spending (10k yuan)"),
    "chart.execution_by_class": (
        "预算数与决算数（按功能分类的类）",
        "Budgeted and actual by functional class",
    ),
    "head.execution_by_function": ("按功能分类", "By functional classification"),
    "head.execution_basic_project": ("基本支出与项目支出", "Basic and project spending"),
    "head.execution_three_public": ("“三公”经费", "“Three public” expenses"),
    "msg.execution_missing": (
        "未载入{department}{year}年度的{missing}，无法对比预算与决算。",
        "The {missing} of {department} for {year} is not loaded: "
        "budget and actual cannot be compared.",
    ),
    "msg.loaded": ("已载入", "Loaded"),
    "msg.not_loaded": ("未载入", "Not loaded"),
    "msg.execution_no_three_public": (
        "预算和决算均未列出“三公”经费。",
        "Neither the budget nor the final accounts list “three public” expenses.",
    ),
    "msg.execution_biggest": (
        "差额最大的款：{items}（万元）。",
        "Largest differences: {items} (10k yuan).",
    ),
    "msg.execution_overview": (
        "预算执行：预算数 {budget} 万元，决算数 {actual} 万元，执行率 {rate}。",
        "Budget execution: budgeted {budget}, actual {actual} (10k yuan), {rate} executed.",
    ),
    "link.execution": ("查看预算执行", "See budget execution"),
    "fmt.name_amount": ("{name}（{amount}）", "{name} ({amount})"),
    "metric.budgeted": ("预算数", "Budgeted"),
    "metric.actual": ("决算数", "Actual"),
    "metric.execution_rate": ("执行率", "Execution rate"),
    "col.total": ("合计", "Total"),
    "col.loaded": ("状态", "Status"),
    "col.budget_basic_wan": ("预算基本支出（万元）", "Budgeted basic (10k yuan)"),
    "col.actual_basic_wan": ("决算基本支出（万元）", "Actual basic (10k yuan)"),
    "col.budget_project_wan": ("预算项目支出（万元）", "Budgeted project (10k yuan)"),
    "col.actual_project_wan": ("决算项目支出（万元）", "Actual project (10k yuan)"),
    "head.execution_reasons": (
        "决算说明中的差异原因",
        "Reasons the final accounts give for the differences",
    ),
    "col.year_start_budget_wan": ("年初预算数（万元）", "Initial budget (10k yuan)"),
    "col.full_year_budget_wan": ("全年预算数（万元）", "Full-year budget (10k yuan)"),
    "col.stated_difference_wan": (
        "决算数与说明所列预算之差（万元）",
        "Actual minus the budget stated (10k yuan)",
    ),
    "col.reason": ("说明的原因", "Stated reason"),
    "col.stated_budget_wan": (
        "决算所列预算数（万元）",
        "Budget stated in the final accounts (10k yuan)",
    ),
}
if TRANSLATIONS.keys() & _EXECUTION.keys():
    raise KeyError(f"defined twice: {sorted(TRANSLATIONS.keys() & _EXECUTION.keys())}")
TRANSLATIONS.update(_EXECUTION)


def t(key: str, lang: str | None = None) -> str:
    """The label for ``key`` in ``lang`` (default: the language chosen in the sidebar/URL)."""
    if lang is None:
        from ui import state  # late import: state imports streamlit, i18n stays importable alone

        lang = state.lang()
    pair = TRANSLATIONS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
