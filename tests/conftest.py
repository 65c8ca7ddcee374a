"""Shared fixtures and checks. Every test that produces a document should call ``check_document``."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The on-disk cache of validated packs: a private folder per test session (subprocesses inherit it),
# never the user's own cache.
if "FUTUREPOLICY_CACHE_DIR" not in os.environ:
    os.environ["FUTUREPOLICY_CACHE_DIR"] = tempfile.mkdtemp(prefix="futurepolicy-test-cache-")
    atexit.register(shutil.rmtree, os.environ["FUTUREPOLICY_CACHE_DIR"], True)

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = FIXTURES / "docs"
CORPUS = FIXTURES / "corpus"
EXPECTED = FIXTURES / "expected"
SEEDS = ["chongqing_2024", "shanghai_2022"]
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def seed_text(name: str) -> str:
    return (DOCS / f"{name}.txt").read_text(encoding="utf-8")


def load_expected(name: str):
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))


def check_document(doc) -> None:
    """The output contract: schema-valid, every span and mention points into doc.text."""
    from futurepolicy._schema_check import validate_document

    d = doc.to_dict()
    validate_document(d)
    text = doc.text
    n = len(text)

    def span_ok(span, expect=None):
        assert 0 <= span["start"] <= span["end"] <= n, span
        if expect is not None:
            assert text[span["start"]:span["end"]] == expect, (span, expect)

    for s in d["sections"]:
        span_ok(s["span"])
    for g in d["goals"]:
        span_ok(g["span"], g["text"])
        assert g["mentions"], g
        for m in g["mentions"]:
            span_ok(m, m["text"])
    for key in ("industries", "regions", "institutions"):
        for obj in d[key]:
            assert obj["mentions"], obj
            for m in obj["mentions"]:
                span_ok(m, m["text"])
            assert obj["name"] == obj["mentions"][0]["text"] or obj["name"] in text, obj
    for m in d["measures"]:
        span_ok(m["span"])
        for ins in m["instruments"]:
            span_ok(ins["span"])


@pytest.fixture(scope="session")
def seed_docs():
    """The seed plans extracted once per test session (auto rules), each checked against the contract."""
    import futurepolicy

    docs = {name: futurepolicy.extract(seed_text(name), source=f"{name}.txt") for name in SEEDS}
    for doc in docs.values():
        check_document(doc)
    return docs


@pytest.fixture(scope="session")
def corpus_docs():
    """Every corpus text extracted once per test session, by file stem, each checked against the contract."""
    import futurepolicy

    docs = {}
    for path in CORPUS_FILES:
        doc = futurepolicy.extract(path.read_text(encoding="utf-8"), source=path.name)
        check_document(doc)
        docs[path.stem] = doc
    return docs


def python_work(fn, *args, **kwargs) -> int:
    """Deterministic cost of a call: the number of Python and C function calls it makes.

    Tests use it to check that work grows linearly with input size without timing anything
    (wall-clock assertions are flaky on shared machines; benchmarks/bench.py reports times).
    """
    import sys

    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return calls
