"""The typed model: JSON round trip, schema, validation errors."""

from __future__ import annotations

import json

import pytest

import futurepolicy
from futurepolicy.errors import SchemaError
from futurepolicy.model import (
    Goal,
    Industry,
    Institution,
    Instrument,
    Measure,
    Mention,
    PolicyDocument,
    Provenance,
    Region,
    RuleRef,
    Section,
    Span,
    json_schema,
)


def _doc() -> PolicyDocument:
    text = "到2027年,培育1000家左右高新技术企业。支持重庆大学在两江协同创新区建设脑机接口平台。"
    g = text.index("培育")
    return PolicyDocument(
        id="t",
        source="t.txt",
        provenance=Provenance(futurepolicy="0", rules=[RuleRef("national", "1")], sha256="x"),
        text=text,
        sections=[Section("1", "一、", "总体", 1, None, Span(0, len(text)))],
        goals=[
            Goal(text[g : g + 15], "高新技术企业", 1000.0, None, "家", None, True, "approx", 2027, "1",
                 "national/goals#count", Span(g, g + 15), [Mention(g, g + 15, text[g : g + 15])])
        ],
        industries=[Industry("脑机接口", "industry", "未来健康", "未来健康", "x", ["脑机融合技术"], "r",
                             [Mention(text.index("脑机"), text.index("脑机") + 4, "脑机接口")])],
        measures=[Measure("m", "action", "b", "1", ["重庆大学"], [], [], [Instrument("供给型", "人才培养", "r", Span(0, 3))],
                          Span(0, 5))],
        regions=[Region("两江协同创新区", None, "zone", "重庆市", None, "r",
                        [Mention(text.index("两江"), text.index("两江") + 7, "两江协同创新区")])],
        institutions=[Institution("重庆大学", "university", "r", [Mention(text.index("重庆大学"), text.index("重庆大学") + 4, "重庆大学")])],
    )


def test_model_round_trip_is_lossless():
    doc = _doc()
    d = doc.to_dict()
    assert list(d)[0] == "schema_version"
    again = PolicyDocument.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()
    assert isinstance(again.goals[0].value, float) and isinstance(again.goals[0].span, Span)


def test_model_schema_validates_output_and_rejects_bad_input():
    from futurepolicy._schema_check import validate_document

    d = _doc().to_dict()
    validate_document(d)
    bad = json.loads(json.dumps(d))
    bad["goals"][0]["value"] = "many"
    bad["goals"][0]["comparator"] = "about"
    del bad["meta"]["title"]
    bad["extra"] = 1
    with pytest.raises(SchemaError) as e:
        PolicyDocument.from_dict(bad)
    msg = str(e.value)
    assert "goals -> 0 -> value" in msg and "comparator" in msg and "extra" in msg


def test_model_schema_is_draft_2020_and_closed():
    s = json_schema()
    assert s["$schema"].endswith("2020-12/schema")
    assert s["properties"]["schema_version"]["const"] == "1"
    assert s["$defs"]["Goal"]["additionalProperties"] is False
    assert set(s["$defs"]["Goal"]["required"]) >= {"value", "unit", "comparator", "mentions", "span"}


def test_model_extract_text_document_id_and_determinism():
    text = "到2027年,培育1000家左右高新技术企业。"
    a = futurepolicy.extract(text)
    b = futurepolicy.extract(text)
    assert a.id.startswith("sha256:") and len(a.id) == len("sha256:") + 12
    assert a.source is None
    assert a.to_json() == b.to_json()
    assert futurepolicy.extract(text, source="dir/plan.txt").id == "plan"


def test_model_extract_rejects_non_text_with_typed_error():
    with pytest.raises(futurepolicy.FuturePolicyError):
        futurepolicy.extract(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(futurepolicy.FuturePolicyError) as e:
        futurepolicy.extract("abc\ud800def")
    assert "surrogate" in str(e.value)


def test_model_public_functions_are_not_shadowed_by_submodules():
    import importlib
    import types

    for mod in ("futurepolicy.extractors.goals", "futurepolicy.profiling", "futurepolicy.comparison"):
        importlib.import_module(mod)
    for name in ("extract", "profile", "compare", "extract_file", "extract_many", "to_frames"):
        assert isinstance(getattr(futurepolicy, name), types.FunctionType), name
