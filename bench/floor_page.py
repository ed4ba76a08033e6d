"""An empty page: the floor of the page-cost benchmark (registered only with
BUDGETLENS_BENCH_FLOOR=1). It draws nothing, so its rerun time is Streamlit's own cost."""
