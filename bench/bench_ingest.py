"""Ingest benchmark: the seed document, and a bulk load of a synthetic city.

Measures, in one run on one machine (so that ratios compare like with like on a noisy machine):

(a) the seed document: ``parse_document`` alone, and parse + reconcile + ``db.load`` into a
    fresh database, each the median of ``--runs`` runs (≥ 15);
(b) a synthetic city of ``--docs`` documents (default 1000): generation, parse + reconcile (with
    a progress bar on stderr), then one bulk load with ``db.load_many`` into a fresh database;
    documents per second, totals and the process's peak RSS. A sample of the same parsed
    documents is also loaded one by one with ``db.load`` (what ``budgetlens ingest`` does), so the
    per-document cost of both load paths is compared within the run.

Writes the results as the ``## Ingest`` section of docs/benchmarks.md (replacing only that
section) unless ``--no-write``. Synthetic data is generated into a temporary folder and loaded into
temporary databases; nothing touches data/budget.duckdb.

    .venv/bin/python bench/bench_ingest.py [--docs 1000] [--runs 15] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from budgetlens import checks, db  # noqa: E402
from budgetlens.ingest import parse_document  # noqa: E402
from budgetlens_synthetic import generate_city, progress_bar  # noqa: E402

SEED = ROOT / "data" / "raw" / "jincheng-kejiju-2024.txt"
REPORT = ROOT / "docs" / "benchmarks.md"
SECTION = "## Ingest"


def machine() -> dict[str, str]:
    """nproc, CPU model, OS, Python and DuckDB versions."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
    }


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def bench_seed(runs: int, work: Path) -> dict[str, list[float]]:
    """Seed document: parse alone, and parse + checks + load into a fresh database."""
    parse_document(SEED)  # warm up imports and caches: the first run is not representative
    parse_times = [timed(lambda: parse_document(SEED)) for _ in range(runs)]
    full_times = []
    for k in range(runs):
        con = db.connect(work / f"seed-{k}.duckdb")
        try:

            def full(con=con) -> None:
                p = parse_document(SEED)
                db.load(con, p, checks.run_checks(p.rows))

            full_times.append(timed(full))
        finally:
            con.close()
    return {"parse": parse_times, "parse_load": full_times}


def bench_bulk(n: int, work: Path, sample: int) -> dict[str, float]:
    """Generate ``n`` documents, parse them all, then load them in bulk into a fresh database."""
    t0 = time.perf_counter()
    paths = generate_city(n, [2024], work / "city")
    generate_s = time.perf_counter() - t0

    started = time.perf_counter()
    parsed = []
    for k, path in enumerate(paths, start=1):
        p = parse_document(path)
        parsed.append((p, checks.run_checks(p.rows)))
        if k % 10 == 0 or k == n:
            print(progress_bar(k, n, started), end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    parse_s = time.perf_counter() - started

    con = db.connect(work / "bulk.duckdb")
    try:
        t1 = time.perf_counter()
        counts = db.load_many(con, parsed)
        load_s = time.perf_counter() - t1
        stored = con.execute("select count(*) from document").fetchall()[0][0]
    finally:
        con.close()
    assert stored == n, f"{stored} documents stored, {n} expected"

    # The per-document path on a sample of the same documents, for the ratio.
    con = db.connect(work / "per-document.duckdb")
    try:
        t2 = time.perf_counter()
        for p, c in parsed[:sample]:
            db.load(con, p, c)
        per_doc_s = time.perf_counter() - t2
    finally:
        con.close()
    rss_all_parsed = peak_rss_mb()
    del parsed  # free it before the streaming run: the machine is small

    # The streaming path (`make synthetic`): parse and load a batch of 200 at a time, in a child
    # process so that its peak RSS is its own.
    probe = (
        "import json, sys; from pathlib import Path; "
        "from budgetlens_synthetic import ingest_city; "
        "paths = sorted(Path(sys.argv[1]).glob('*.txt')); "
        "result = ingest_city(paths, sys.argv[2], progress=False); "
        # VmHWM is the peak RSS of this process image only: ru_maxrss of a child would also
        # count the parent's memory at fork time
        "status = Path('/proc/self/status').read_text().splitlines(); "
        "result['hwm_kb'] = next((int(x.split()[1]) for x in status "
        "if x.startswith('VmHWM')), 0); "
        "print(json.dumps(result))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(work / "city"), str(work / "streamed.duckdb")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    streamed = json.loads(out.stdout)
    return {
        "rss_all_parsed_mb": rss_all_parsed,
        "stream_total_s": streamed["total_s"],
        "stream_workers": streamed["workers"],
        "stream_parse_s": streamed["parse_s"],
        "stream_load_s": streamed["load_s"],
        "stream_rss_mb": streamed["hwm_kb"] / 1024,
        "documents": n,
        "rows": sum(counts.values()),
        "generate_s": generate_s,
        "parse_s": parse_s,
        "load_s": load_s,
        "total_s": parse_s + load_s,
        "sample": sample,
        "per_doc_load_s": per_doc_s,
        "db_mb": (work / "bulk.duckdb").stat().st_size / 1e6,
    }


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def ms(v: float) -> str:
    return f"{v * 1000:.1f} ms"


def report(info: dict, seed: dict, bulk: dict, rss: float, command: str, runs: int) -> str:
    med_parse = statistics.median(seed["parse"])
    med_full = statistics.median(seed["parse_load"])
    n = bulk["documents"]
    bulk_load_per_doc = bulk["load_s"] / n
    single_load_per_doc = bulk["per_doc_load_s"] / bulk["sample"]
    lines = [
        SECTION,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} "
        "by `bench/bench_ingest.py`.",
        "",
        f"- Machine: {info['nproc']} CPU(s), {info['cpu']}; {info['os']}",
        f"- Python {info['python']}, DuckDB {info['duckdb']}",
        f"- Command: `{command}`",
        "",
        "### Seed document (data/raw/jincheng-kejiju-2024.txt)",
        "",
        f"{runs} runs each, after one warm-up parse.",
        "",
        "| measure | median | min | max |",
        "| --- | --- | --- | --- |",
        f"| parse (`parse_document`) | {ms(med_parse)} | {ms(min(seed['parse']))} "
        f"| {ms(max(seed['parse']))} |",
        f"| parse + reconcile + `db.load` into a fresh database | {ms(med_full)} "
        f"| {ms(min(seed['parse_load']))} | {ms(max(seed['parse_load']))} |",
        "",
        f"Ratio parse+load / parse: {med_full / med_parse:.2f}.",
        "",
        f"### Bulk ingest of {n} synthetic documents (one city, 2024)",
        "",
        "| step | total | per document | documents/s |",
        "| --- | --- | --- | --- |",
        f"| generate (`generate_city`) | {bulk['generate_s']:.1f} s "
        f"| {ms(bulk['generate_s'] / n)} | {n / bulk['generate_s']:.0f} |",
        f"| parse + reconcile | {bulk['parse_s']:.1f} s | {ms(bulk['parse_s'] / n)} "
        f"| {n / bulk['parse_s']:.1f} |",
        f"| load (`db.load_many`, batches of 200) | {bulk['load_s']:.1f} s "
        f"| {ms(bulk_load_per_doc)} | {n / bulk['load_s']:.1f} |",
        f"| **parse + load** | **{bulk['total_s']:.1f} s** | {ms(bulk['total_s'] / n)} "
        f"| **{n / bulk['total_s']:.1f}** |",
        f"| for comparison: `db.load` one by one ({bulk['sample']} of the same documents) "
        f"| {bulk['per_doc_load_s']:.1f} s | {ms(single_load_per_doc)} "
        f"| {1 / single_load_per_doc:.1f} |",
        f"| streaming (`budgetlens_synthetic.ingest_city`, what `make synthetic` runs: parse in "
        f"{bulk['stream_workers']} processes and load 200 at a time) "
        f"| {bulk['stream_total_s']:.1f} s "
        f"| {ms(bulk['stream_total_s'] / n)} | {n / bulk['stream_total_s']:.1f} |",
        "",
        f"- {bulk['rows']:,} rows written; database file {bulk['db_mb']:.0f} MB.",
        f"- Peak RSS: {bulk['rss_all_parsed_mb']:.0f} MB for the benchmark process after parsing "
        f"all {n} documents before the load (as `budgetlens ingest` does; {rss:.0f} MB at the "
        f"end); {bulk['stream_rss_mb']:.0f} MB for the streaming run's main process, which "
        "holds one batch and the database connection (its parse workers are not counted).",
        f"- `load_many` vs `load` per document, same run: "
        f"{single_load_per_doc / bulk_load_per_doc:.1f}× faster. "
        "Parsing + reconciling dominates the bulk path "
        f"({bulk['parse_s'] / bulk['total_s']:.0%} of parse + load).",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, path: Path = REPORT) -> None:
    """Replace the ``## Ingest`` section of docs/benchmarks.md (or add it); keep the others."""
    head = (
        "# Benchmarks\n\n"
        "Speed is measured here, never asserted in tests. The machine is noisy (2 cores): compare\n"
        "ratios measured in the same run rather than absolute times across runs. One section per\n"
        "benchmark; each benchmark script replaces only its own section.\n\n"
    )
    old = path.read_text(encoding="utf-8") if path.exists() else head
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    new = (
        pattern.sub(lambda _: text, old, count=1)
        if pattern.search(old)
        else (old.rstrip("\n") + "\n\n" + text)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="synthetic documents (default 1000)")
    parser.add_argument("--runs", type=int, default=15, help="seed runs per measure (default 15)")
    parser.add_argument("--sample", type=int, default=100, help="documents loaded one by one")
    parser.add_argument("--no-write", action="store_true", help="print, do not update the docs")
    args = parser.parse_args(argv)
    if args.runs < 15:
        parser.error("--runs must be at least 15 (medians of fewer runs are too noisy here)")
    command = "python bench/bench_ingest.py " + " ".join(argv if argv is not None else sys.argv[1:])
    work = Path(tempfile.mkdtemp(prefix="budgetlens-bench-"))
    try:
        info = machine()
        print(f"machine: {info}", file=sys.stderr)
        seed = bench_seed(args.runs, work)
        print(
            f"seed: parse median {ms(statistics.median(seed['parse']))}, parse+load median "
            f"{ms(statistics.median(seed['parse_load']))}",
            file=sys.stderr,
        )
        bulk = bench_bulk(args.docs, work, min(args.sample, args.docs))
        text = report(info, seed, bulk, peak_rss_mb(), command.strip(), args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"wrote section {SECTION!r} of {REPORT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
