"""``python -m budgetlens_synthetic``: generate a synthetic city (and optionally ingest it), in
the Jincheng text layout or, with ``--layout shanghai-budget|jiangsu-budget``, as PDFs."""

from budgetlens_synthetic.generator import main

raise SystemExit(main())
