"""The benchmark script runs (smoke run with small inputs); it reports, it never asserts times."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_benchmark_quick_run_writes_its_report(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {r["input"] for r in report["latency"]} >= {"chongqing_2024", "shanghai_2022"}
    assert all(r["ratio_to_jieba"] > 0 for r in report["latency"])
    assert report["cold_start"]["heavy_modules_loaded"] == "none"  # spaCy, pandas … stay lazy
    assert report["memory"]["peak_rss_mb"] > report["memory"]["rss_after_import_mb"] > 0
    per_mb = report["memory_per_mb"]
    assert len(per_mb) == 2 and all(r["input_mb"] > 0 and r["mb_per_mb"] >= 0 for r in per_mb)
    assert "memory per MB of input" in proc.stdout
    assert report["workers"]["files"] == 20 and report["workers"]["workers_2_files_per_s"] > 0
    assert "ratio" in proc.stdout and "cold start" in proc.stdout
    assert report["pdf"]["pypdfium2_pages_per_s"] > 0 and report["pdf"]["extract_file_pages_per_s"] > 0
    assert "pages/s" in proc.stdout
