"""The segmenter interface: both backends, offsets, and the cheap rjieba load."""

import re
import subprocess
import sys
import textwrap

import pytest

from conftest import SEEDS, seed_text
from futurepolicy.segment import JiebaSegmenter, RJiebaSegmenter, make_segmenter

pytest.importorskip("rjieba")


def _split_hyphens(words):
    # jieba-rs keeps hyphenated runs (10-15, 2024-08-12) whole where jieba splits at the hyphen
    return [p for w in words for p in re.split(r"(-)", w) if p]


def test_backends_agree_on_the_seed_plans():
    rs, js = RJiebaSegmenter(), JiebaSegmenter()
    for name in SEEDS:
        text = seed_text(name)
        assert _split_hyphens(rs.cut(text)) == _split_hyphens(js.cut(text)), name


def test_tokens_cover_the_text_with_offsets():
    seg = make_segmenter([("青梧智擎实验室", "nt")])
    text = "支持青梧智擎实验室建设。\n到2027年,培育10家企业。"
    toks = seg.tokenize(text)
    assert "".join(t.word for t in toks) == text
    assert all(text[t.start:t.end] == t.word for t in toks)
    assert any(t.word == "青梧智擎实验室" and t.pos == "nt" for t in toks)


def test_user_words_stay_private_to_their_segmenter():
    with_word = make_segmenter([("青梧智擎", "nz")])
    without = make_segmenter()
    assert "青梧智擎" in with_word.cut("青梧智擎平台")
    assert "青梧智擎" not in without.cut("青梧智擎平台")


def test_rjieba_loads_without_its_default_instance_and_stays_importable():
    code = textwrap.dedent("""
        import sys
        from futurepolicy.segment import make_segmenter
        seg = make_segmenter([("青梧智擎", "nz")])
        assert seg.name == "rjieba"
        assert "rjieba" not in sys.modules  # the package __init__ (and its default Jieba) never ran
        import rjieba
        assert rjieba.Jieba is sys.modules["rjieba.rjieba"].Jieba
        assert "青梧智擎" not in rjieba.cut("青梧智擎平台")  # the default instance is untouched
        assert seg.cut("青梧智擎平台") == ["青梧智擎", "平台"]
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
