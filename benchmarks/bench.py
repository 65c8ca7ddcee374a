"""Speed and memory of futurepolicy, as ratios to plain ``jieba.lcut`` on the same text.

Run from the repo root:

    python benchmarks/bench.py            # full run (~1-2 minutes), table on stdout, JSON in benchmarks/results/
    python benchmarks/bench.py --quick    # smoke run for CI (small inputs, no timing claims)

What it measures (targets from issue 9, on a 2-core machine):

* ``extract`` latency and throughput (KB/s) per seed and on a 1 MB concatenation, and its ratio to
  ``jieba.lcut`` on the same text in the same process (target: ≤ 3×);
* linearity: time(10× text) / time(text) (target: ≤ 12);
* cold start: ``import futurepolicy`` + first ``extract`` in a fresh interpreter (target: < 2 s);
* peak memory (max RSS) of a fresh process extracting 1 MB (target: < 300 MB);
* peak memory per MB of input for 1 and 10 MB, over the warm process (target: ≤ 30 MB per MB);
* ``convert`` of 200 plans with 1 and 2 worker processes (target: 2 workers ≥ 1.7× the throughput of
  one), end to end and in throughput once started;
* PDF reading: pages per second of the layout reader on the seeds typeset as GB/T 9704 documents
  (tests/officedocs.py, reportlab), with each character source (pypdfium2, pdfminer.six) that is
  installed, and of ``extract_file`` end to end.

The package is byte-compiled first, as ``pip install`` does, and rule packs are cached in a private
folder (the first cold start runs with it empty).

Nothing here asserts: the numbers are reported, and the README's Performance section quotes them.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "examples" / "plans").glob("*.txt"))
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def _big_text(n_bytes: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in SEEDS + CORPUS]
    out, size, i = [], 0, 0
    while size < n_bytes:
        t = parts[i % len(parts)]
        out.append(t)
        size += len(t.encode("utf-8")) + 1
        i += 1
    return "\n".join(out)


def bench_latency(quick: bool) -> list[dict]:
    import jieba

    import futurepolicy

    jieba.setLogLevel(60)
    jieba.lcut("预热")  # dictionary load is a one-off cost, not part of the ratio
    ex = futurepolicy.Extractor()
    ex.extract("预热。到2027年,培育10家企业。")
    rows = []
    inputs = [(p.stem, p.read_text(encoding="utf-8")) for p in SEEDS]
    inputs.append(("concat_100KB" if quick else "concat_1MB", _big_text(100_000 if quick else 1_000_000)))
    repeat = 1 if quick else 3
    for name, text in inputs:
        kb = len(text.encode("utf-8")) / 1024
        r = repeat if kb < 500 else max(1, repeat - 1)
        t_extract = _best(lambda: ex.extract(text), r)
        t_jieba = _best(lambda: jieba.lcut(text), r)
        rows.append({
            "input": name, "kb": round(kb, 1), "extract_s": round(t_extract, 4), "jieba_s": round(t_jieba, 4),
            "ratio_to_jieba": round(t_extract / t_jieba, 2), "kb_per_s": round(kb / t_extract, 1),
        })
    return rows


def bench_linearity(quick: bool) -> dict:
    import futurepolicy

    ex = futurepolicy.Extractor()
    small = _big_text(20_000 if quick else 100_000)
    big = "\n".join([small] * 10)
    ex.extract(small)
    t1 = _best(lambda: ex.extract(small), 1 if quick else 3)
    t10 = _best(lambda: ex.extract(big), 1 if quick else 2)
    return {"small_kb": round(len(small.encode()) / 1024, 1), "t_small_s": round(t1, 4), "t_10x_s": round(t10, 4),
            "ratio_10x": round(t10 / t1, 2)}


_COLD = r"""
import time, sys
t = time.perf_counter()
import futurepolicy
t_import = time.perf_counter() - t
futurepolicy.extract(open(sys.argv[1], encoding="utf-8").read())
t_total = time.perf_counter() - t
heavy = sorted(m for m in ("pandas", "spacy", "matplotlib", "dask", "pdfminer", "docx") if m in sys.modules)
import json
print(json.dumps([t_import, t_total, ",".join(heavy)]))
"""

_MEM = r"""
import sys

def hwm_mb():  # peak resident set of this process image (ru_maxrss would carry the parent's peak over exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

import futurepolicy
text = open(sys.argv[1], encoding="utf-8").read()
base = hwm_mb()
doc = futurepolicy.extract(text)
doc.to_json()
print(base, hwm_mb())
"""


def bench_cold_start(quick: bool) -> dict:
    """A fresh interpreter: ``import futurepolicy`` + the first ``extract``; the first run with an
    empty rule-pack cache (a first use), the others with it filled (every later process)."""
    shutil.rmtree(Path(os.environ["FUTUREPOLICY_CACHE_DIR"]) / "packs", ignore_errors=True)
    runs = []
    for _ in range(2 if quick else 4):
        out = subprocess.run([sys.executable, "-c", _COLD, str(SEEDS[0])], capture_output=True, text=True, check=True,
                             cwd=ROOT)
        t_import, t_total, heavy = json.loads(out.stdout)
        runs.append((t_import, t_total, heavy))
    later = runs[1:]
    return {"import_s": round(statistics.median(r[0] for r in later), 3),
            "import_plus_first_extract_s": round(statistics.median(r[1] for r in later), 3),
            "first_use_import_plus_first_extract_s": round(runs[0][1], 3),
            "heavy_modules_loaded": runs[0][2] or "none"}


def bench_memory(quick: bool) -> dict:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "big.txt"
        p.write_text(_big_text(100_000 if quick else 1_000_000), encoding="utf-8")
        out = subprocess.run([sys.executable, "-c", _MEM, str(p)], capture_output=True, text=True, check=True, cwd=ROOT)
        base, peak = map(float, out.stdout.split())
        return {"input_mb": round(p.stat().st_size / 1e6, 2), "rss_after_import_mb": round(base, 1),
                "peak_rss_mb": round(peak, 1)}


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1e6 if sys.platform == "darwin" else 1e3)


def peak_memory_per_mb(n_bytes: int, *, traced: bool = False) -> dict:
    """MB of peak memory per MB of input for one ``extract`` of ``n_bytes`` of plans; call it in a
    fresh process. The rules, segmenter and matchers are built first on a small plan (a one-off
    cost); the growth of the peak resident size (max RSS) from just before the extraction (text
    in memory, ``rss_warm_mb``) to its end is what the input costs (target: at most 30 MB per MB).
    Max RSS, unlike the current size, does not drop when the machine pages memory out.

    ``traced=True`` measures the peak of Python allocations with ``tracemalloc`` instead: slower,
    blind to memory of compiled extensions, but the same on a busy machine (used by the tests)."""
    import futurepolicy

    ex = futurepolicy.Extractor()
    ex.extract(_big_text(50_000))
    text = _big_text(n_bytes)
    mb = len(text.encode("utf-8")) / 1e6
    if traced:
        import tracemalloc

        tracemalloc.start()
        start_bytes = tracemalloc.get_traced_memory()[0]
        ex.extract(text)
        peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"input_mb": round(mb, 2), "traced_mb_per_mb": round((peak_bytes - start_bytes) / 1e6 / mb, 1)}
    before = _max_rss_mb()
    started = time.perf_counter()
    ex.extract(text)
    secs = time.perf_counter() - started
    peak = _max_rss_mb()
    return {"input_mb": round(mb, 2), "rss_warm_mb": round(before, 1), "peak_rss_mb": round(peak, 1),
            "mb_per_mb": round((peak - before) / mb, 1), "extract_s": round(secs, 1)}


_PER_MB = ("import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]; from bench import peak_memory_per_mb; "
           "print(json.dumps(peak_memory_per_mb(int(sys.argv[3]))))")


def bench_memory_per_mb(quick: bool) -> list[dict]:
    """:func:`peak_memory_per_mb` for 1 and 10 MB (quick: 0.2 and 1 MB), each in a fresh process."""
    sizes = (200_000, 1_000_000) if quick else (1_000_000, 10_000_000)
    # fill the pack cache first: validating packs from their files peaks higher than a small input
    subprocess.run([sys.executable, "-c", "import futurepolicy; futurepolicy.extract('到2027年,培育10家企业。')"],
                   capture_output=True, check=True, cwd=ROOT)
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, "-c", _PER_MB, str(ROOT / "benchmarks"), str(ROOT), str(n)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        rows.append(json.loads(out.stdout))
    return rows


def _convert_time(src: Path, out: Path, workers: int) -> float:
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "futurepolicy.cli", "convert", str(src), "-o", str(out), "--workers",
                    str(workers), "--no-progress"], capture_output=True, cwd=ROOT, check=True)
    return time.perf_counter() - start


def bench_workers(quick: bool) -> dict:
    """``convert`` with 1 and 2 worker processes on N copies of the example plans (full plans,
    11-14 KB each, three rule stacks), each timing the best of 3 runs:

    * end to end: the wall time of the whole command for N files, start-up included;
    * throughput: files per second once running, (N - k) / (t(N) - t(k)), where the k-file run
      (one of each plan) pays the same start-up (interpreter, rules, segmenter, matchers of every
      stack) and nothing else.
    """
    n = 20 if quick else 200
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as d:
        few, many = Path(d) / "few", Path(d) / "many"
        few.mkdir()
        many.mkdir()
        for f in SEEDS:
            shutil.copy(f, few / f.name)
        for i in range(n):
            f = SEEDS[i % len(SEEDS)]
            shutil.copy(f, many / f"{i:04d}_{f.name}")
        k = len(SEEDS)
        res: dict = {"files": n, "plans": [f.name for f in SEEDS], "repeat": repeat}
        for w in (1, 2):
            t_few = min(_convert_time(few, Path(d) / "out", w) for _ in range(repeat))
            t_many = min(_convert_time(many, Path(d) / "out", w) for _ in range(repeat))
            res[f"workers_{w}_s"] = round(t_many, 3)
            res[f"workers_{w}_startup_s"] = round(t_few, 3)
            res[f"workers_{w}_files_per_s"] = round((n - k) / max(t_many - t_few, 1e-9), 1)
        res["speedup_2_vs_1"] = round(res["workers_1_s"] / res["workers_2_s"], 2)
        res["throughput_2_vs_1"] = round(res["workers_2_files_per_s"] / res["workers_1_files_per_s"], 2)
        return res


def bench_pdf(quick: bool) -> dict:
    """Pages per second of reading typeset PDFs (text only, per character source) and of extract_file."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return {"skipped": "reportlab is not installed"}
    sys.path.insert(0, str(ROOT / "tests"))
    import officedocs as od

    import futurepolicy
    from futurepolicy.io import pdf as pdf_reader

    tmp = Path(tempfile.mkdtemp(prefix="futurepolicy-bench-pdf-"))
    files, pages = [], 0
    for p in SEEDS:
        body = [line for line in p.read_text(encoding="utf-8").split("\n") if line.strip()]
        o = od.Official(("某某市发展和改革委员会", "某某市科学技术局"), "某发改〔2025〕1号", "某某市未来产业行动方案",
                        "2025年3月8日", body)
        files.append(od.make_pdf(o, tmp / f"{p.stem}.pdf"))
        pages += od.layout(o).pages
    datas = [f.read_bytes() for f in files]
    repeat = 1 if quick else 3
    res: dict = {"files": len(files), "pages": pages}
    sources = {"pypdfium2": pdf_reader._pdfium_pages, "pdfminer.six": pdf_reader._pdfminer_pages}
    for name, read in sources.items():
        try:
            read(datas[0], "warm-up")
        except Exception as e:  # noqa: BLE001 - a source that is not installed
            res[f"{name}_pages_per_s"] = None
            res[f"{name}_error"] = type(e).__name__
            continue
        t = _best(lambda read=read: [pdf_reader.layout_text(read(d, "bench")) for d in datas], repeat)
        res[f"{name}_pages_per_s"] = round(pages / t, 1)
    t = _best(lambda: [futurepolicy.extract_file(f) for f in files], repeat)
    res["extract_file_pages_per_s"] = round(pages / t, 1)
    shutil.rmtree(tmp, ignore_errors=True)
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs, one repetition (CI smoke run)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "bench.json"))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    compileall.compile_dir(str(ROOT / "futurepolicy"), quiet=1)  # as pip install does
    cache = tempfile.TemporaryDirectory(prefix="futurepolicy-bench-cache-")
    os.environ["FUTUREPOLICY_CACHE_DIR"] = cache.name  # subprocesses inherit it
    import futurepolicy

    result = {
        "futurepolicy": futurepolicy.__version__, "python": platform.python_version(), "cpus": os.cpu_count(),
        "machine": platform.machine(), "quick": args.quick,
        "latency": bench_latency(args.quick),
        "linearity": bench_linearity(args.quick),
        "cold_start": bench_cold_start(args.quick),
        "memory": bench_memory(args.quick),
        "memory_per_mb": bench_memory_per_mb(args.quick),
        "workers": bench_workers(args.quick),
        "pdf": bench_pdf(args.quick),
    }
    print(f"{'input':<16}{'KB':>9}{'extract s':>11}{'jieba s':>10}{'ratio':>8}{'KB/s':>10}")
    for r in result["latency"]:
        print(f"{r['input']:<16}{r['kb']:>9}{r['extract_s']:>11}{r['jieba_s']:>10}{r['ratio_to_jieba']:>8}{r['kb_per_s']:>10}")
    lin, cold, mem, wk = result["linearity"], result["cold_start"], result["memory"], result["workers"]
    print(f"linearity: 10x text costs {lin['ratio_10x']}x ({lin['t_small_s']}s -> {lin['t_10x_s']}s)")
    print(f"cold start: import {cold['import_s']}s, import + first extract {cold['import_plus_first_extract_s']}s "
          f"(first use, empty pack cache: {cold['first_use_import_plus_first_extract_s']}s; "
          f"heavy modules loaded: {cold['heavy_modules_loaded']})")
    print(f"memory: peak RSS {mem['peak_rss_mb']} MB for {mem['input_mb']} MB input "
          f"(after import: {mem['rss_after_import_mb']} MB)")
    for r in result["memory_per_mb"]:
        print(f"memory per MB of input: {r['mb_per_mb']} MB/MB for {r['input_mb']} MB (peak RSS {r['peak_rss_mb']} MB, "
              f"{r['rss_warm_mb']} MB before; extract {r['extract_s']}s; target <= 30)")
    print(f"convert {wk['files']} plans: 1 worker {wk['workers_1_s']}s, 2 workers {wk['workers_2_s']}s "
          f"(end to end {wk['speedup_2_vs_1']}x; start-up {wk['workers_1_startup_s']}s / {wk['workers_2_startup_s']}s); "
          f"throughput {wk['workers_1_files_per_s']} vs {wk['workers_2_files_per_s']} files/s ({wk['throughput_2_vs_1']}x)")
    pdf = result["pdf"]
    if "skipped" in pdf:
        print(f"pdf: skipped ({pdf['skipped']})")
    else:
        print(f"pdf: {pdf['pages']} GB/T pages; read {pdf['pypdfium2_pages_per_s']} pages/s with pypdfium2, "
              f"{pdf['pdfminer.six_pages_per_s']} with pdfminer.six; extract_file {pdf['extract_file_pages_per_s']} pages/s")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
