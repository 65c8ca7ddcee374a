"""The HTML view (_repr_html_ / to_html) and the quickstart notebook.

Validity is checked three ways: the stdlib HTML tokenizer (tags balanced, no <script> element),
lxml (the highlighted box reads back as exactly ``doc.text``) and the highlight classes found at
each character offset.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS_FILES, check_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import handmade

import futurepolicy
from futurepolicy.model import Goal, Industry, Measure, Mention, PolicyDocument, Provenance, Region, Span
from futurepolicy.notebook import document_html

ROOT = Path(__file__).resolve().parent.parent
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}


class _Balance(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def assert_balanced(markup: str) -> list[str]:
    p = _Balance()
    p.feed(markup)
    p.close()
    assert not p.errors, p.errors[:5]
    assert not p.stack, f"unclosed: {p.stack}"
    assert "script" not in p.tags
    assert p.tags.count("style") == (1 if markup.startswith("<!doctype") else 0)  # the page's body style only
    return p.tags


def text_box(markup: str):
    import lxml.html

    root = lxml.html.fromstring(markup)
    (box,) = root.find_class("fp-text")
    return box


def pieces(box) -> list[tuple[int, int, set[str], str]]:
    """``(start, end, classes, tooltip)`` of every text run in the box, offsets into the shown text."""
    out: list[tuple[int, int, set[str], str]] = []
    pos = 0

    def walk(el, classes: set[str], title: str) -> None:
        nonlocal pos
        own = classes | set((el.get("class") or "").split())
        tip = el.get("title") or title
        if el.text:
            out.append((pos, pos + len(el.text), own, tip))
            pos += len(el.text)
        for child in el:
            walk(child, own, tip)
            if child.tail:
                out.append((pos, pos + len(child.tail), own, tip))
                pos += len(child.tail)

    walk(box, set(), "")
    return out


def classes_at(runs, offset: int) -> tuple[set[str], str]:
    for s, e, cls, tip in runs:
        if s <= offset < e:
            return cls, tip
    raise AssertionError(f"offset {offset} not shown")


def test_fragment_is_balanced_escaped_and_shows_the_exact_text():
    doc = handmade("A")
    check_document(doc)
    frag = doc._repr_html_()
    assert not frag.lstrip().lower().startswith("<!doctype")
    assert_balanced(frag)
    assert "<script>" not in frag and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in frag
    assert "&amp; " in frag
    assert "<style" not in frag  # inline styles only: survives notebook sanitisers
    assert not re.search(r"\b(src|href)=|<link|<img|<iframe", frag)  # self-contained
    assert frag == handmade("A")._repr_html_()  # deterministic
    assert text_box(frag).text_content() == doc.text


def test_every_object_is_highlighted_by_type():
    doc = handmade("A")
    runs = pieces(text_box(doc._repr_html_()))
    for g in doc.goals:
        for i in range(g.span.start, g.span.end):
            assert "fp-goal" in classes_at(runs, i)[0], (g.text, i)
    for ind in doc.industries:
        for m in ind.mentions:
            assert all("fp-industry" in classes_at(runs, i)[0] for i in range(m.start, m.end)), m
    # Nested mentions: 甲市 (region) and 北京大学 (institution) inside 北京大学甲市碳基研究院.
    outer = doc.institutions[0].mentions[0]
    inner_region = doc.text.index("甲市", outer.start)
    cls, tip = classes_at(runs, inner_region)
    assert "fp-region" in cls and "北京大学甲市碳基研究院" in tip  # the enclosing name stays visible
    assert "fp-institution" in classes_at(runs, outer.start)[0]
    assert "fp-institution" in classes_at(runs, outer.end - 1)[0]
    # Plain text stays plain.
    assert classes_at(runs, doc.text.index("发展目标"))[0] == {"fp-text"}


def test_measures_are_wrappers_around_their_span():
    import lxml.html

    doc = handmade("A")
    root = lxml.html.fromstring(doc._repr_html_())
    bars = root.find_class("fp-measure")
    assert [b.text_content() for b in bars] == [doc.text[m.span.start:m.span.end] for m in doc.measures]
    assert "实施未来能源突破行动" in bars[0].get("title")
    assert "border-left" in bars[0].get("style")


def test_summary_metadata_goals_table_and_legend():
    import lxml.html

    doc = handmade("A")
    root = lxml.html.fromstring(doc._repr_html_())
    goals = root.find_class("fp-goals")[0]
    rows = [[td.text_content() for td in tr.findall("td")] for tr in goals.iter("tr") if tr.findall("td")]
    assert [r[1] for r in rows] == ["高新技术企业", "典型应用场景", "未来产业规模"]
    assert rows[0][2:6] == ["≈1000", "家", "2027", "1 发展目标"] and rows[1][2] == "10–15" and rows[2][2] == "≥5000"
    meta = root.find_class("fp-meta")[0].text_content()
    assert "甲市人民政府" in meta and "2024–2027" in meta and "999900" in meta
    legend = root.find_class("fp-legend")[0].text_content()
    assert "Goal 3" in legend and "Industry 3" in legend and "Measure 2" in legend and "4 sections" in legend


def test_standalone_page():
    import lxml.html

    doc = handmade("A")
    doc.meta.title = "<b>甲市</b>行动计划"
    page = doc.to_html()
    assert page.startswith("<!doctype html>") and '<meta charset="utf-8">' in page
    assert "<title>&lt;b&gt;甲市&lt;/b&gt;行动计划</title>" in page
    assert_balanced(page)
    tree = lxml.html.document_fromstring(page)
    assert tree.findtext(".//title") == "<b>甲市</b>行动计划"
    assert not tree.findall(".//b") and not tree.findall(".//script")
    assert text_box(page).text_content() == doc.text
    assert "max-height" not in text_box(page).get("style")  # the whole text, no scroll box on a page


def test_control_characters_and_carriage_returns():
    text = "第一行\r\n到2027年,培育\x00\x0b10家企业\x7f。\u2028完"
    doc = PolicyDocument(id="ctl", source=None, provenance=Provenance(futurepolicy="0"), text=text,
                         goals=[_goal(text, "培育\x00\x0b10家企业")])
    check_document(doc)
    frag = doc._repr_html_()
    assert_balanced(frag)
    shown = text_box(frag).text_content()
    assert shown == text.replace("\x00", "\ufffd").replace("\x0b", "\ufffd").replace("\x7f", "\ufffd")


def test_long_text_is_cut_in_the_notebook_only():
    text = "培育10家企业。" * 50
    doc = PolicyDocument(id="long", source=None, provenance=Provenance(futurepolicy="0"), text=text,
                         goals=[_goal(text, "培育10家企业")])
    frag = document_html(doc, standalone=False, max_chars=100)
    assert_balanced(frag)
    assert text_box(frag).text_content() == text[:100] and "Showing the first 100" in frag
    assert text_box(doc.to_html()).text_content() == text


def _goal(text: str, phrase: str) -> Goal:
    s = text.index(phrase)
    return Goal(phrase, "企业", 10.0, None, "家", None, False, "eq", 2027, None, "test/goals#x", Span(s, s + len(phrase)),
                [Mention(s, s + len(phrase), phrase)])


_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(
    ["goal", "industry", "region", "measure"])), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet="到年培育家<>&\"'\n 甲乙企业0123", min_size=1, max_size=60), spans=_spans)
def test_any_overlap_gives_balanced_html_with_the_text_intact(text, spans):
    """Crossing, nested, repeated, empty and out-of-range spans: tags never cross, text is intact."""
    goals, industries, regions, measures = [], [], [], []
    for a, b, kind in spans:
        s, e = min(a, b), max(a, b)
        m = Mention(s, e, text[s:e])
        if kind == "goal":
            goals.append(Goal(text[s:e], "m", 1.0, None, "个", None, False, "eq", None, None, "r", Span(s, e), [m]))
        elif kind == "industry":
            industries.append(Industry(text[s:e], "industry", None, None, None, [], "r", [m]))
        elif kind == "region":
            regions.append(Region(text[s:e], None, None, None, None, "r", [m]))
        else:
            measures.append(Measure("t", "task", text[s:e], None, [], [], [], [], Span(s, e)))
    doc = PolicyDocument(id="h", source=None, provenance=Provenance(futurepolicy="0"), text=text, goals=goals,
                         industries=industries, regions=regions, measures=measures)
    frag = doc._repr_html_()
    assert_balanced(frag)
    box = text_box(frag)
    assert box.text_content() == text
    runs = pieces(box)
    for g in goals:
        for i in range(g.span.start, min(g.span.end, len(text))):
            assert "fp-goal" in classes_at(runs, i)[0]
    for ind in industries:
        for i in range(ind.mentions[0].start, min(ind.mentions[0].end, len(text))):
            cls = classes_at(runs, i)[0]
            assert cls & {"fp-industry", "fp-region"}  # a shorter region may colour it, never nothing


def test_seed_documents_render(seed_docs):
    for doc in seed_docs.values():
        check_document(doc)
        frag = doc._repr_html_()
        assert_balanced(frag)
        box = text_box(frag)
        assert box.text_content() == doc.text
        runs = pieces(box)
        for g in doc.goals:
            assert "fp-goal" in classes_at(runs, g.span.start)[0]
        for r in doc.regions:
            m = r.mentions[0]
            assert classes_at(runs, m.start)[0] & {"fp-region", "fp-institution", "fp-industry"}
        assert len(box.find_class("fp-measure")) == len(
            [m for m in doc.measures if m.span.end > m.span.start]) or doc.measures


@pytest.mark.parametrize("path", CORPUS_FILES[::5], ids=lambda p: p.stem)
def test_corpus_documents_render(path):
    doc = futurepolicy.extract(path.read_text(encoding="utf-8"), source=path.name)
    check_document(doc)
    page = doc.to_html()
    assert_balanced(page)
    assert text_box(page).text_content() == doc.text.replace("\x00", "\ufffd") or "\ufffd" in page


@pytest.mark.slow
def test_quickstart_notebook_runs(tmp_path, monkeypatch):
    """examples/quickstart.ipynb is committed with its outputs, and runs top to bottom again."""
    import nbformat
    from nbclient import NotebookClient

    src = ROOT / "examples" / "quickstart.ipynb"
    nb = nbformat.read(src, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "commit it run top to bottom"
    assert all(c.outputs for c in code), "commit the notebook with its outputs"
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    # The kernel runs in the copy; it must import this checkout even when it is not installed.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    for cell in code:
        cell.outputs, cell.execution_count = [], None
    # A machine without any CJK font: plot_goals would (rightly) refuse; draw with boxes here instead.
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        "from futurepolicy import comparison as _c\n"
        "try:\n    _c.cjk_fonts()\n"
        "except Exception:\n    _c.cjk_fonts = lambda font=None: ['DejaVu Sans']\n"))
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path / "examples")}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html_out = [o["data"]["text/html"] for o in outputs if o.output_type in ("display_data", "execute_result")
                and "text/html" in o.get("data", {})]
    assert any("fp-text" in h for h in html_out), "the highlighted view is shown"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the comparison chart is shown"
    assert any("宁夏制造强区建设领导小组" in str(o) for o in outputs), "canonical names are shown"
    assert any("沪府发〔2022〕11号" in h for h in html_out), "the documents table is shown"
    from futurepolicy.spacy_bridge import DISPLACY_COLORS

    assert any('class="entities"' in h and DISPLACY_COLORS["INDUSTRY"] in h for h in html_out), \
        "displaCy shows the entities in our colours"
