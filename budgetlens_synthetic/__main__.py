"""``python -m budgetlens_synthetic``: generate a synthetic city (and optionally ingest it)."""

from budgetlens_synthetic.generator import main

raise SystemExit(main())
