"""Normalisation: folds, deletions and the offset map back to the text as read."""

from __future__ import annotations

import pytest

from conftest import CORPUS_FILES, DOCS
from futurepolicy.normalize import _FOLD, normalize


def _check_map(original: str) -> None:
    n = normalize(original)
    assert len(n.text) <= len(original)
    prev = -1
    for i, ch in enumerate(n.text):
        s, e = n.span(i, i + 1)
        assert e == s + 1 and s > prev, (i, s, e)  # one original char per normalised char, in order
        prev = s
        src = original[s].translate(_FOLD)
        assert src == ch or n.traditional_chars, (i, ch, src)


@pytest.mark.parametrize(
    "raw, norm",
    [
        ("打造３—５个先导区", "打造3-5个先导区"),
        ("（一）总体要求", "(一)总体要求"),
        ("到２０２７年，", "到2027年,"),
        ("3～5家", "3~5家"),
        ("a\u3000\u3000b", "a b"),
        ("一行\r\n\r\n二行", "一行\n二行"),
        ("零\u200b宽", "零宽"),
        ("產(chǎn)業(yè)", "产业"),
        ("西(xi)安(an)航(hang)(hang)天", "西安航天"),
        ("新一代通信网络(NGN)", "新一代通信网络(NGN)"),  # upper-case acronyms are not pinyin debris
    ],
)
def test_normalize_folds(raw, norm):
    assert normalize(raw).text == norm
    _check_map(raw)


def test_normalize_span_maps_back_to_original():
    raw = "　　到２０２７年，培育１０００家左右高新技術企業。"
    n = normalize(raw)
    i = n.text.index("1000")
    s, e = n.span(i, i + 4)
    assert raw[s:e] == "１０００"
    j = n.text.index("高新技术企业")
    s, e = n.span(j, j + 6)
    assert raw[s:e] == "高新技術企業"
    assert n.converted_from_traditional is False or n.traditional_chars >= 3


def test_normalize_traditional_flag():
    raw = "關於印發《產業發展實施方案》的通知。堅持創新驅動,推動經濟高質量發展,加快建設現代化產業體系。"
    n = normalize(raw)
    assert n.converted_from_traditional
    assert "产业发展实施方案" in n.text
    simplified = (DOCS / "chongqing_2024.txt").read_text(encoding="utf-8")
    assert not normalize(simplified).converted_from_traditional


def test_normalize_joins_hard_wrapped_lines_only():
    para = "为了贯彻落实创新驱动发展战略全力做强创新引擎培育发展新动能打造未来产业创新高地发展壮大未来产业集群制定本行动方案"
    wrapped = "\n".join(para[i : i + 20] for i in range(0, len(para), 20))
    doc = "一、总体要求\n" + wrapped + "。\n" + wrapped + "。\n(一)指导思想\n" + wrapped + "。"
    n = normalize(doc)
    assert para + "。" in n.text
    assert "\n(一)指导思想\n" in n.text
    assert n.text.startswith("一、总体要求\n")
    _check_map(doc)
    shanghai = (DOCS / "shanghai_2022.txt").read_text(encoding="utf-8")
    assert normalize(shanghai).text.count("\n") == shanghai.strip().count("\n")


@pytest.mark.parametrize("path", CORPUS_FILES + sorted(DOCS.glob("*.txt")), ids=lambda p: p.name)
def test_normalize_offsets_on_real_texts(path):
    _check_map(path.read_text(encoding="utf-8"))
