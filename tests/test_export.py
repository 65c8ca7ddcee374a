"""to_frames: typed tables over one or many documents.

The extractors are developed in parallel, so most tests build documents by hand (``handmade``),
with offsets found in the text, never typed in. ``handmade`` is also used by test_notebook,
test_spacy and test_compare.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import check_document

import futurepolicy
from futurepolicy.errors import FuturePolicyError, SchemaError
from futurepolicy.export import FRAME_COLUMNS
from futurepolicy.model import (
    Failure,
    Goal,
    Industry,
    Institution,
    Instrument,
    Measure,
    Mention,
    Meta,
    Period,
    PolicyDocument,
    Provenance,
    Region,
    Section,
    Span,
)

PLAN_A = (
    "甲市未来产业行动计划(2024—2027年)\n"
    "一、发展目标\n"
    "到2027年,培育1000家左右高新技术企业,打造10-15个典型应用场景,未来产业规模突破5000亿元。\n"
    "二、重点任务\n"
    "(一)实施未来能源突破行动。支持北京大学甲市碳基研究院在甲市高新区发展新型储能、氢能。\n"
    "(二)强化要素保障。<script>alert('x')</script> & 新型储能\n"
)
PLAN_B = (
    "乙省未来产业集群行动方案\n"
    "一、目标\n"
    "到2030年,培育百家专精特新企业和50家高新技术企业,形成20个标志性产品。\n"
    "二、行动\n"
    "(一)未来能源产业集群。发展新型储能和先进核能,支持乙省能源实验室。\n"
)


def _at(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def _mentions(text: str, needle: str) -> list[Mention]:
    out, start = [], text.find(needle)
    while start >= 0:
        out.append(Mention(start, start + len(needle), needle))
        start = text.find(needle, start + len(needle))
    return out


def _goal(text, phrase, metric, value, unit, year, value_max=None, comparator="eq", cny=None, section="1"):
    span = _at(text, phrase)
    return Goal(text=phrase, metric=metric, value=float(value), value_max=value_max, unit=unit, value_cny=cny,
                approx=comparator == "approx", comparator=comparator, target_year=year, section=section,
                rule="national/goals#count", span=span, mentions=[Mention(span.start, span.end, phrase)])


def _section_span(text: str, start_phrase: str, end_phrase: str | None) -> Span:
    s = text.index(start_phrase)
    e = text.index(end_phrase, s) if end_phrase else len(text)
    return Span(s, e)


def handmade(which: str = "A") -> PolicyDocument:
    """A small plan with every object type, overlapping mentions and markup in the text."""
    if which == "A":
        t = PLAN_A
        goals = [
            _goal(t, "培育1000家左右高新技术企业", "高新技术企业", 1000, "家", 2027, comparator="approx"),
            _goal(t, "打造10-15个典型应用场景", "典型应用场景", 10, "个", 2027, value_max=15.0, comparator="range"),
            _goal(t, "未来产业规模突破5000亿元", "未来产业规模", 5000, "亿元", 2027, comparator="gte", cny=5.0e11),
        ]
        industries = [
            Industry("未来能源", "cluster", None, "未来能源", "miit-2024:未来能源", [], "national/industries#未来能源",
                     _mentions(t, "未来能源")),
            Industry("新型储能", "industry", "未来能源", "未来能源", "miit-2024:未来能源/新型储能", ["固态电池"],
                     "national/industries#新型储能", _mentions(t, "新型储能")),
            Industry("氢能", "industry", "未来能源", "未来能源", "miit-2024:未来能源/氢能", [],
                     "national/industries#氢能", _mentions(t, "氢能")),
        ]
        regions = [
            Region("甲市", "甲市", "city", None, "999900", "test/places#甲市", _mentions(t, "甲市")),
            Region("甲市高新区", "甲市高新技术产业开发区", "zone", "甲市", None, "test/places#甲市高新区",
                   _mentions(t, "甲市高新区")),
        ]
        institutions = [
            Institution("北京大学甲市碳基研究院", "institute", "test/institutions#suffix",
                        _mentions(t, "北京大学甲市碳基研究院")),
            Institution("北京大学", "university", "national/institutions#北京大学", _mentions(t, "北京大学")),
        ]
        sections = [
            Section("1", "一、", "发展目标", 1, None, _section_span(t, "一、", "二、")),
            Section("2", "二、", "重点任务", 1, None, _section_span(t, "二、", None)),
            Section("2.1", "(一)", "实施未来能源突破行动", 2, "2", _section_span(t, "(一)", "(二)")),
            Section("2.2", "(二)", "强化要素保障", 2, "2", _section_span(t, "(二)", None)),
        ]
        measures = [
            Measure("实施未来能源突破行动", "action", t[sections[2].span.start:sections[2].span.end], "2.1",
                    ["北京大学甲市碳基研究院"], ["甲市高新区"], ["新型储能", "氢能"],
                    [Instrument("供给型", "科技支持", "national/instruments#tech", _at(t, "支持北京大学"))],
                    sections[2].span),
            Measure("强化要素保障", "safeguard", t[sections[3].span.start:], "2.2", [], [], ["新型储能"], [],
                    sections[3].span),
        ]
        meta = Meta(title="甲市未来产业行动计划", issuer="甲市人民政府", doc_number=None, publish_date="2024-08-12",
                    period=Period(2024, 2027), region="甲市", region_code="999900")
        doc_id = "plan_a"
    else:
        t = PLAN_B
        goals = [
            _goal(t, "培育百家专精特新企业", "专精特新企业", 100, "家", 2030),
            _goal(t, "50家高新技术企业", "高新技术企业", 50, "家", 2030),
            _goal(t, "形成20个标志性产品", "标志性产品", 20, "个", 2030),
        ]
        industries = [
            Industry("未来能源产业集群", "cluster", None, "未来能源", "miit-2024:未来能源", [], "national/industries#未来能源",
                     _mentions(t, "未来能源产业集群")),
            Industry("新型储能", "industry", "未来能源", "未来能源", "miit-2024:未来能源/新型储能", [],
                     "national/industries#新型储能", _mentions(t, "新型储能")),
            Industry("先进核能", "industry", "未来能源", "未来能源", None, [], "national/industries#先进核能",
                     _mentions(t, "先进核能")),
        ]
        regions = [Region("乙省", "乙省", "province", None, "999000", "test/places#乙省", _mentions(t, "乙省"))]
        institutions = [Institution("乙省能源实验室", "lab", "test/institutions#suffix", _mentions(t, "乙省能源实验室"))]
        sections = [
            Section("1", "一、", "目标", 1, None, _section_span(t, "一、", "二、")),
            Section("2", "二、", "行动", 1, None, _section_span(t, "二、", None)),
        ]
        measures = [Measure("未来能源产业集群", "action", t[_at(t, "(一)").start:], "2", [], ["乙省"], ["新型储能"], [],
                            _section_span(t, "(一)", None))]
        meta = Meta(title="乙省未来产业集群行动方案", region="乙省", period=Period(None, 2030))
        doc_id = "plan_b"
    return PolicyDocument(
        id=doc_id, source=f"{doc_id}.txt", provenance=Provenance(futurepolicy=futurepolicy.__version__), text=t,
        meta=meta, sections=sections, goals=goals, industries=industries, measures=measures, regions=regions,
        institutions=institutions,
    )


def test_handmade_documents_are_valid():
    for which in "AB":
        check_document(handmade(which))


def test_tables_have_one_row_per_object_and_typed_columns():
    doc = handmade("A")
    frames = doc.to_frames()
    assert set(frames) == set(FRAME_COLUMNS)
    for name, cols in FRAME_COLUMNS.items():
        assert list(frames[name].columns) == list(cols), name
        assert {c: str(t) for c, t in frames[name].dtypes.items()} == cols, name
    assert len(frames["goals"]) == 3 and len(frames["industries"]) == 3 and len(frames["measures"]) == 2
    assert len(frames["regions"]) == 2 and len(frames["institutions"]) == 2 and len(frames["sections"]) == 4

    goals = frames["goals"]
    rng = goals[goals["metric"] == "典型应用场景"].iloc[0]
    assert (rng["value"], rng["value_max"], rng["comparator"]) == (10.0, 15.0, "range")
    money = goals[goals["unit"] == "亿元"].iloc[0]
    assert money["value_cny"] == 5.0e11 and money["comparator"] == "gte"
    assert goals["value_max"].isna().sum() == 2  # nullable, not NaN-in-object
    assert goals["section_title"].tolist() == ["发展目标"] * 3
    assert list(goals["approx"]) == [True, False, False]
    for row in goals.itertuples():
        assert doc.text[row.start:row.end] == row.text


def test_first_mention_offsets_lists_and_instruments():
    doc = handmade("A")
    f = doc.to_frames()
    ind = f["industries"].set_index("name")
    assert ind.loc["新型储能", "n_mentions"] == 2  # in section (一) and after the markup in (二)
    s, e = ind.loc["新型储能", ["start", "end"]]
    assert doc.text[s:e] == "新型储能"
    assert ind.loc["新型储能", "technologies"] == ["固态电池"]
    m = f["measures"].set_index("title")
    assert m.loc["实施未来能源突破行动", "instruments"] == ["供给型/科技支持"]
    assert m.loc["实施未来能源突破行动", "n_instruments"] == 1
    assert m.loc["强化要素保障", "section_title"] == "强化要素保障"
    assert pd_isna(f["regions"].set_index("name").loc["甲市高新区", "code"])
    assert f["sections"]["parent"].tolist()[2] == "2"


def pd_isna(x) -> bool:
    import pandas as pd

    return x is pd.NA or pd.isna(x)


def test_many_documents_concatenate_and_failures_are_skipped():
    a, b = handmade("A"), handmade("B")
    fail = Failure(source="broken.pdf", error="DecodeError", message="not text")
    frames = futurepolicy.to_frames([a, fail, b.to_dict()])
    goals = frames["goals"]
    assert goals["document"].tolist() == ["plan_a"] * 3 + ["plan_b"] * 3
    assert frames["institutions"]["document"].value_counts().to_dict() == {"plan_a": 2, "plan_b": 1}
    assert str(goals["target_year"].dtype) == "Int64"


def test_empty_tables_keep_columns_and_types():
    doc = futurepolicy.extract("无内容的文本。")
    check_document(doc)
    doc.goals, doc.industries, doc.sections = [], [], []
    frames = doc.to_frames()
    for name in ("goals", "industries", "sections"):
        assert frames[name].empty
    for name, cols in FRAME_COLUMNS.items():
        assert {c: str(t) for c, t in frames[name].dtypes.items()} == cols
    empty = futurepolicy.to_frames([])
    assert all(df.empty and list(df.columns) == list(FRAME_COLUMNS[n]) for n, df in empty.items())
    # Concatenating an empty and a full frame keeps the dtypes.
    import pandas as pd

    both = pd.concat([empty["goals"], handmade("A").to_frames()["goals"]], ignore_index=True)
    assert str(both["target_year"].dtype) == "Int64" and str(both["approx"].dtype) == "boolean"


def test_bad_items_raise_a_futurepolicy_error():
    with pytest.raises(SchemaError):
        futurepolicy.to_frames([42])
    with pytest.raises(SchemaError):
        futurepolicy.to_frames([handmade("A"), "plan.txt"])  # paths and documents mixed
    with pytest.raises(FuturePolicyError):
        futurepolicy.to_frames([{"id": "x"}])  # a mapping that is not a document


def test_every_model_field_has_a_column():
    """A field added to the model must get its column (or a deliberate mapping) in FRAME_COLUMNS."""
    mapped = {"span": {"start", "end"}, "mentions": {"n_mentions", "start", "end"}}
    for name, cls in [("goals", Goal), ("industries", Industry), ("measures", Measure), ("regions", Region),
                      ("institutions", Institution), ("sections", Section)]:
        cols = set(FRAME_COLUMNS[name])
        for f in dataclasses.fields(cls):
            assert (mapped.get(f.name, {f.name}) & cols), f"{name}.{f.name} has no column"


def test_every_meta_and_provenance_field_has_a_documents_column():
    from futurepolicy.model import Meta, Provenance

    cols = set(FRAME_COLUMNS["documents"])
    for cls in (Meta, Provenance):
        for f in dataclasses.fields(cls):
            wanted = {"period_start", "period_end"} if f.name == "period" else {f.name}
            assert wanted <= cols, f"documents has no column for {cls.__name__}.{f.name}"


def test_json_round_trip_gives_the_same_frames():
    doc = handmade("A")
    again = PolicyDocument.from_json(doc.to_json())
    a, b = doc.to_frames(), again.to_frames()
    for name in FRAME_COLUMNS:
        assert a[name].astype(str).equals(b[name].astype(str)), name
    assert json.loads(doc.to_json())["goals"][0]["metric"] == "高新技术企业"


def test_seed_frames_end_to_end(seed_docs):
    for doc in seed_docs.values():
        check_document(doc)
        frames = doc.to_frames()
        assert len(frames["goals"]) == len(doc.goals) and len(frames["measures"]) == len(doc.measures)
        for row in frames["goals"].itertuples():
            assert doc.text[row.start:row.end] == row.text
    both = futurepolicy.to_frames(list(seed_docs.values()))
    assert set(both["sections"]["document"]) <= set(seed_docs) and len(both["goals"]) == sum(
        len(d.goals) for d in seed_docs.values())
