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


# -- region packs keep their words over the national segmenter ------------------------------------


class _Fixed:
    """A base segmenter with scripted tokens, to pin the re-segmentation down."""

    name = "fixed"

    def __init__(self, split):
        self.split = split  # text -> words

    def tokenize(self, text):
        from futurepolicy.segment import _with_offsets

        return _with_offsets((w, "x") for w in self.split(text))

    def cut(self, text):
        return self.split(text)


def _chars(text):
    return list(text)


def test_kept_words_become_whole_tokens_and_only_their_neighbourhood_changes():
    from futurepolicy.segment import KeptWordsSegmenter

    seg = KeptWordsSegmenter(_Fixed(_chars), [("青梧", "nt"), ("青梧智擎", "nt"), ("翠屿", "ns")])
    toks = seg.tokenize("在青梧智擎和翠屿。")
    assert [(t.word, t.pos) for t in toks] == [
        ("在", "x"), ("青梧智擎", "nt"), ("和", "x"), ("翠屿", "ns"), ("。", "x")  # leftmost-longest
    ]
    assert all("在青梧智擎和翠屿。"[t.start:t.end] == t.word for t in toks)


def test_a_kept_word_inside_a_longer_base_token_is_left_there():
    from futurepolicy.segment import KeptWordsSegmenter

    base = _Fixed(lambda t: ["翠屿片区", "建设"] if t == "翠屿片区建设" else list(t))
    seg = KeptWordsSegmenter(base, [("翠屿", "ns")])
    assert seg.cut("翠屿片区建设") == ["翠屿片区", "建设"]


def test_the_text_around_a_kept_word_is_resegmented_as_if_the_word_were_a_separator():
    from futurepolicy.segment import KeptWordsSegmenter

    calls = []

    def split(text):
        calls.append(text)
        if text == "甲乙丙丁":
            return ["甲乙", "丙丁"]  # the base cuts through the kept word 乙丙
        return list(text)

    seg = KeptWordsSegmenter(_Fixed(split), [("乙丙", "nz")])
    assert seg.cut("甲乙丙丁") == ["甲", "乙丙", "丁"]
    assert calls == ["甲乙丙丁", "甲", "丁"]


@pytest.mark.parametrize("pack", ["chongqing", "shanghai"])
def test_region_stacks_share_the_national_dictionary_with_the_same_tokens(pack):
    from conftest import CORPUS_FILES
    from futurepolicy.normalize import normalize
    from futurepolicy.pipeline import _user_words, segmenter_for
    from futurepolicy.rules import resolve_rules
    from futurepolicy.segment import KeptWordsSegmenter

    stack = resolve_rules(pack)
    shared = segmenter_for(stack)
    assert isinstance(shared, KeptWordsSegmenter) and shared.base is segmenter_for(resolve_rules("national"))
    own = make_segmenter(_user_words(stack))  # what a dictionary of the stack's own would give
    texts = [seed_text(n) for n in SEEDS] + [p.read_text(encoding="utf-8") for p in CORPUS_FILES]
    for text in texts:
        norm = normalize(text).text
        assert shared.tokenize(norm) == own.tokenize(norm)


def test_a_stack_that_removes_national_words_gets_a_dictionary_of_its_own(tmp_path):
    from futurepolicy.pipeline import segmenter_for
    from futurepolicy.rules import resolve_rules
    from futurepolicy.segment import KeptWordsSegmenter

    place = resolve_rules("national").table("places")[0]["name"]
    pack = tmp_path / "strict"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        f"name: strict\nversion: '1'\nextends: national\nremove:\n  places: [{place}]\n", encoding="utf-8"
    )
    (pack / "institutions.csv").write_text("name,type\n青梧智擎研究院,institute\n", encoding="utf-8")
    seg = segmenter_for(resolve_rules(str(pack)))
    assert not isinstance(seg, KeptWordsSegmenter)
    assert "青梧智擎研究院" in seg.cut("支持青梧智擎研究院发展")


# -- property: kept words never break the token invariants ------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["青梧智擎", "青梧", "智擎实验室", "两江协同创新区", "两江", "张江", "科学城", "建设", "到2027年", "，", "。",
           " ", "\n", "a", "1", "发展", "新区", "实验"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=40))
def test_kept_words_tokens_cover_any_text_exactly(pieces):
    from futurepolicy.segment import KeptWordsSegmenter

    text = "".join(pieces)
    seg = KeptWordsSegmenter(_BASE, [("青梧智擎", "nt"), ("青梧", "nz"), ("智擎实验室", "nt"), ("两江协同创新区", "ns")])
    toks = seg.tokenize(text)
    assert "".join(t.word for t in toks) == text
    pos = 0
    for t in toks:
        assert t.start == pos and t.end == pos + len(t.word) and text[t.start:t.end] == t.word and t.word
        pos = t.end
    assert seg.tokenize(text) == toks  # deterministic


_BASE = make_segmenter()
