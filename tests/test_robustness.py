"""Hostile and random input: extract returns a valid document or raises a FuturePolicyError — nothing else.

Budgets are bounded (hypothesis max_examples, deadline=None) so the suite stays fast in CI; no test
asserts wall-clock time. Regex hangs would show up as the test never finishing (pytest's own run limits).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import futurepolicy
from conftest import CORPUS_FILES, DOCS, check_document
from futurepolicy.errors import FuturePolicyError

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.txt")) + CORPUS_FILES]
EX = futurepolicy.Extractor()


def _extract_ok(text: str):
    try:
        doc = EX.extract(text)
    except FuturePolicyError:
        return None
    check_document(doc)
    again = EX.extract(text)
    assert again.to_json() == doc.to_json()  # deterministic
    return doc


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=400))
def test_robust_arbitrary_unicode(text):
    _extract_ok(text)


@SETTINGS
@given(st.text(alphabet="一二三四五六七八九十()、.0123456789-—年月日到%亿万元个家项左右以上约突破培育打造\n ", max_size=300))
def test_robust_outline_and_number_soup(text):
    _extract_ok(text)


@SETTINGS
@given(st.integers(0, len(TEXTS) - 1), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, len(TEXTS) - 1),
       st.integers(0, 10**6))
def test_robust_slices_and_splices_of_real_texts(i, a, b, j, c):
    t, u = TEXTS[i], TEXTS[j]
    a, b = sorted((a % (len(t) + 1), b % (len(t) + 1)))
    c = c % (len(u) + 1)
    _extract_ok(t[a:b] + u[c:] + t[:a])


@pytest.mark.parametrize(
    "name, text",
    [
        ("empty", ""),
        ("spaces", " \n\t\u3000" * 100),
        ("nested headings", "".join(f"({'一二三四五六七八九十'[k % 10]})标题{k} " for k in range(10000))),
        ("deep mixed headings", "".join(f"{k}、标题 (一)小标题 {k}.条目 ({k})细目 ①要点 " for k in range(2000))),
        ("one long line", "到2027年,培育1000家左右高新技术企业," * 30000),
        ("only digits", "1234567890" * 50000),
        ("only punctuation", "。,、;:!?()《》“”——…" * 20000),
        ("NUL bytes", "到2027年\x00培育\x0010家\x00企业" * 1000),
        ("pinyin noise", "產(chǎn)業(yè)" * 5000),
        ("numbers without end", "达到" + "9" * 5000 + "亿元"),
        ("repeated qualifiers", "突破" * 20000 + "左右" * 20000),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "",
)
def test_robust_nasty_shapes(name, text):
    doc = _extract_ok(text)
    assert doc is not None, name  # these are all plain text: they must give a document, not an error


def test_robust_five_megabyte_single_line():
    text = ("培育1000家左右高新技术企业,打造10-15个典型应用场景," * 80000)[: 5_000_000]
    doc = EX.extract(text)
    assert doc.text is text or doc.text == text
    assert all(doc.text[g.span.start:g.span.end] == g.text for g in doc.goals)


def test_robust_random_byte_garbage_decoded_leniently():
    rnd = random.Random(7)
    for _ in range(20):
        data = bytes(rnd.randrange(256) for _ in range(2000))
        _extract_ok(data.decode("utf-8", "replace"))
