"""doc.to_spacy() and the ``futurepolicy`` spaCy pipeline component."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest
from conftest import check_document
from test_export import handmade

import futurepolicy
from futurepolicy.errors import ExtractionError
from futurepolicy.model import Goal, Mention, PolicyDocument, Provenance, Span

spacy = pytest.importorskip("spacy")


def test_span_groups_hold_every_mention_by_type():
    doc = handmade("A")
    check_document(doc)
    sdoc = doc.to_spacy()
    assert sdoc.text == doc.text
    assert set(sdoc.spans) == {"goals", "industries", "measures", "regions", "institutions", "futurepolicy"}
    assert [s.text for s in sdoc.spans["goals"]] == [g.text for g in doc.goals]
    assert sorted(s.text for s in sdoc.spans["industries"]) == sorted(
        m.text for i in doc.industries for m in i.mentions)
    assert len(sdoc.spans["regions"]) == sum(len(r.mentions) for r in doc.regions)
    assert [s.text for s in sdoc.spans["measures"]] == [doc.text[m.span.start:m.span.end] for m in doc.measures]
    assert len(sdoc.spans["futurepolicy"]) == sum(len(sdoc.spans[k]) for k in
                                                 ("goals", "industries", "measures", "regions", "institutions"))
    starts = [s.start_char for s in sdoc.spans["futurepolicy"]]
    assert starts == sorted(starts)
    # Nested mentions are both kept (span groups may overlap).
    assert {"北京大学", "北京大学甲市碳基研究院"} <= {s.text for s in sdoc.spans["institutions"]}


def test_labels_ids_kb_ids_and_extension_attributes():
    doc = handmade("A")
    sdoc = doc.to_spacy()
    storage = [s for s in sdoc.spans["industries"] if s.text == "新型储能"]
    assert {s.label_ for s in storage} == {"INDUSTRY"}
    assert {s.kb_id_ for s in storage} == {"miit-2024:未来能源/新型储能"}
    assert storage[0].id_ == "industries/1" and storage[0]._.futurepolicy["category"] == "未来能源"
    region = sdoc.spans["regions"][0]
    assert region.label_ == "REGION" and region.kb_id_ == "999900"
    goal = sdoc.spans["goals"][1]
    assert goal._.futurepolicy["value_max"] == 15.0 and goal.label_ == "GOAL"
    assert sdoc._.futurepolicy.to_dict() == doc.to_dict()
    assert sdoc._.futurepolicy_alignment == {"expanded": 0, "unaligned": 0}


def test_docbin_round_trip_keeps_spans_and_objects():
    from spacy.tokens import Doc, DocBin

    sdoc = handmade("B").to_spacy()
    data = DocBin(docs=[sdoc], store_user_data=True).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(sdoc.vocab)
    assert [s.text for s in back.spans["goals"]] == [s.text for s in sdoc.spans["goals"]]
    assert back._.futurepolicy.goals[0].metric == "专精特新企业"
    copy = Doc(sdoc.vocab).from_bytes(sdoc.to_bytes())
    assert copy.spans["industries"][0]._.futurepolicy["name"] == "未来能源产业集群"


def test_spans_inside_tokens_are_expanded_and_counted():
    text = "重点发展高新技术企业集群。"
    # 新技 starts and ends inside jieba tokens (高新技术 / 企业): the span must grow to token edges.
    s = text.index("新技")
    doc = PolicyDocument(id="x", source=None, provenance=Provenance(futurepolicy="0"), text=text, goals=[
        Goal("新技", "m", 1.0, None, "个", None, False, "eq", None, None, "r", Span(s, s + 2),
             [Mention(s, s + 2, "新技")])])
    sdoc = doc.to_spacy()
    (span,) = sdoc.spans["goals"]
    assert span.start_char <= s and span.end_char >= s + 2 and span.text != "新技"
    assert sdoc._.futurepolicy_alignment["expanded"] == 1
    import spacy.displacy

    out = spacy.displacy.render(sdoc, style="span", options={"spans_key": "goals"})
    assert "GOAL" in out


def test_displacy_renders_every_span_group():
    import spacy.displacy

    from futurepolicy.spacy_bridge import DISPLACY_COLORS

    sdoc = handmade("A").to_spacy()
    for key, label in [("goals", "GOAL"), ("industries", "INDUSTRY"), ("measures", "MEASURE"), ("regions", "REGION"),
                       ("institutions", "INSTITUTION"), ("futurepolicy", "INSTITUTION")]:
        out = spacy.displacy.render(sdoc, style="span", options={"spans_key": key, "colors": DISPLACY_COLORS})
        assert label in out and DISPLACY_COLORS[label] in out
        assert "<script" not in out and "&lt;" in out


def test_a_given_pipeline_is_used_and_a_mismatched_text_is_refused():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("sentencizer")
    sdoc = handmade("A").to_spacy(nlp)
    assert sdoc.has_annotation("SENT_START")
    from futurepolicy.spacy_bridge import fill_spans

    other = nlp.make_doc("别的文本")
    with pytest.raises(ExtractionError):
        fill_spans(other, handmade("A"))


def test_pipeline_component_fills_the_same_span_groups():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("futurepolicy", config={"rules": "national"})
    assert nlp.get_pipe_meta("futurepolicy").assigns == ["doc.spans", "doc._.futurepolicy"]
    text = "到2027年,培育1000家左右高新技术企业,打造10-15个典型应用场景。"
    sdoc = nlp(text)
    fp = futurepolicy.extract(text, rules="national")
    check_document(fp)
    assert sdoc._.futurepolicy.to_dict() == fp.to_dict()
    assert [s.text for s in sdoc.spans["goals"]] == [fp.text[g.span.start:g.span.end] for g in fp.goals
                                                    for _ in (g.mentions or [g.span])][: len(sdoc.spans["goals"])]
    assert set(sdoc.spans) == {"goals", "industries", "measures", "regions", "institutions", "futurepolicy"}
    # The component is skipped when its pipeline is given to to_spacy (no second extraction).
    again = fp.to_spacy(nlp)
    assert [s.text for s in again.spans["futurepolicy"]] == [s.text for s in sdoc.spans["futurepolicy"]]


def test_component_is_found_through_the_entry_point_without_importing_the_bridge():
    eps = [e for e in importlib.metadata.entry_points(group="spacy_factories") if e.name == "futurepolicy"]
    if not eps:
        pytest.skip("futurepolicy is not installed (pip install -e .): entry points are not registered")
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'segmenter': 'jieba'}}})\n"
        "nlp.add_pipe('futurepolicy')\n"
        "d = nlp('到2027年,培育1000家左右高新技术企业。')\n"
        "print(sorted(d.spans))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "'futurepolicy', 'goals', 'industries'" in out.stdout


def test_importing_futurepolicy_does_not_import_spacy_pandas_or_matplotlib():
    code = ("import sys, futurepolicy\n"
            "print(sorted(m for m in ('spacy', 'pandas', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_seed_documents_to_spacy(seed_docs):
    for doc in seed_docs.values():
        sdoc = doc.to_spacy()
        assert sdoc.text == doc.text
        n = sum(len(g.mentions) or 1 for g in doc.goals) + sum(
            len(x.mentions) for x in [*doc.industries, *doc.regions, *doc.institutions]) + len(doc.measures)
        counts = sdoc._.futurepolicy_alignment
        assert len(sdoc.spans["futurepolicy"]) + counts["unaligned"] == n
        for span in sdoc.spans["regions"]:
            assert span._.futurepolicy["name"] in doc.text


def test_span_keys_match_the_table_names():
    from futurepolicy.export import FRAME_COLUMNS

    sdoc = handmade("A").to_spacy()
    assert set(sdoc.spans) - {"futurepolicy"} == set(FRAME_COLUMNS) - {"documents", "sections"}


def test_ents_are_the_longest_non_overlapping_mentions():
    doc = handmade("A")
    sdoc = doc.to_spacy()
    ents = list(sdoc.ents)
    assert ents and {e.label_ for e in ents} <= {"GOAL", "INDUSTRY", "REGION", "INSTITUTION"}
    for a, b in zip(ents, ents[1:]):
        assert a.end <= b.start  # sorted, never overlapping
    texts = {e.text for e in ents}
    assert "北京大学甲市碳基研究院" in texts and "北京大学" not in texts  # the longer of two nested mentions
    assert all(e.label_ != "MEASURE" for e in ents)  # whole sections are no entities
    import spacy.displacy

    out = spacy.displacy.render(sdoc, style="ent")
    assert "北京大学甲市碳基研究院" in out and "INSTITUTION" in out


def test_ents_keep_a_pipelines_own_entities_where_ours_do_not_reach():
    from spacy.tokens import Span as SpacySpan

    from futurepolicy.spacy_bridge import blank_chinese, fill_spans

    doc = handmade("A")
    sdoc = blank_chinese().make_doc(doc.text)
    free = next(t.i for t in sdoc if t.text == "行动")  # in the title: no mention of ours there
    sdoc.ents = [SpacySpan(sdoc, free, free + 1, label="OTHER")]
    fill_spans(sdoc, doc)
    labels = [e.label_ for e in sdoc.ents]
    assert "OTHER" in labels and "INSTITUTION" in labels


def test_displacy_uses_our_colours_without_options():
    import spacy.displacy

    from futurepolicy.spacy_bridge import DISPLACY_COLORS

    sdoc = handmade("A").to_spacy()
    ent = spacy.displacy.render(sdoc, style="ent")
    span = spacy.displacy.render(sdoc, style="span", options={"spans_key": "industries"})
    assert DISPLACY_COLORS["INSTITUTION"] in ent and DISPLACY_COLORS["INDUSTRY"] in span


def test_displacy_colours_are_registered_by_entry_point():
    eps = [e for e in importlib.metadata.entry_points(group="spacy_displacy_colors") if e.name == "futurepolicy"]
    if not eps:
        pytest.skip("futurepolicy is not installed (pip install -e .): entry points are not registered")
    code = ("from spacy.util import registry\n"
            "print(sorted(registry.displacy_colors.get('futurepolicy')().items())[0])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "GOAL" in out.stdout


def test_to_spacy_does_not_print_jiebas_loading_messages():
    code = ("import futurepolicy\n"
            "d = futurepolicy.extract('到2027年,培育1000家左右高新技术企业。').to_spacy()\n"
            "print(len(d.spans['goals']))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "1"
    assert "prefix dict" not in out.stderr and "Loading model" not in out.stderr
    assert out.stderr == ""
