"""futurepolicy.report(): one HTML page across plans, checked through an HTML parser and in headless Chromium."""

from __future__ import annotations

import html.parser
import json
import re
import time
import urllib.parse

import pytest
from browser import CHROMIUM, Browser
from conftest import CORPUS_FILES, DOCS, SEEDS, check_document

import futurepolicy
from futurepolicy.cli import main
from futurepolicy.errors import FuturePolicyError, SchemaError
from futurepolicy.model import Failure
from futurepolicy.reporting import render_report

CORPUS_SAMPLE = CORPUS_FILES[::5][:10]  # ten corpus texts of different kinds
HOSTILE_TITLE = '丙市<script>alert("x")</script>未来产业&行动方案'
HOSTILE_TEXT = (
    "丙市推进未来产业发展行动方案 𠀀𠀁\n"  # two characters outside the BMP before every span
    "一、发展目标\n"
    "到2028年,培育200家高新技术企业,建成8个未来产业先导区。<img src=x onerror=alert(1)>\n"
    "二、重点任务\n"
    "(一)发展脑机接口。设立未来产业专项基金,支持丙市大学建设类脑智能实验室。"
    "\"引号\" & </table>\n"
)


# -- a minimal DOM over html.parser -------------------------------------------------------------------

_VOID = {"meta", "input", "br", "link", "img", "hr", "wbr", "source", "col", "area", "base", "embed"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs: str):
        for n in self.iter():
            if (tag is None or n.tag == tag) and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                yield n

    def by_id(self, id_: str) -> "Node":
        found = list(self.find_all(id=id_))
        assert len(found) == 1, (id_, len(found))
        return found[0]

    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Builder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        assert n is not None, f"stray </{tag}>"
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(page: str) -> Node:
    b = _Builder()
    b.feed(page)
    b.close()
    return b.root


# -- fixtures ---------------------------------------------------------------------------------------


def _hostile():
    doc = futurepolicy.extract(HOSTILE_TEXT, source="丙市.txt")
    doc.meta.title = HOSTILE_TITLE
    doc.meta.issuer = "丙市人民政府\"><b>"
    check_document(doc)
    return doc


@pytest.fixture(scope="module")
def docs(seed_docs):
    corpus = [futurepolicy.extract(p.read_text(encoding="utf-8"), source=p.name) for p in CORPUS_SAMPLE]
    for d in corpus:
        check_document(d)
    return [seed_docs[name] for name in SEEDS] + corpus + [_hostile()]


@pytest.fixture(scope="module")
def page(docs):
    return render_report(docs)


@pytest.fixture(scope="module")
def dom(page):
    return parse(page)


def _link_spans(node: Node) -> list[tuple[int, int, int]]:
    """(plan, start, end) of every evidence link of a node, its data-more mentions included."""
    out = []
    for a in node.find_all("a"):
        if "ev" not in a.classes():
            continue
        m = re.fullmatch(r"#e(\d+):(\d+)-(\d+)", a.attrs["href"])
        assert m, a.attrs["href"]
        p = int(m[1])
        out.append((p, int(m[2]), int(m[3])))
        for extra in (a.attrs.get("data-more") or "").split():
            s, e = extra.split("-")
            out.append((p, int(s), int(e)))
    return out


def _object_spans(doc) -> set[tuple[int, int]]:
    spans = {(g.span.start, g.span.end) for g in doc.goals}
    spans |= {(m.start, m.end) for g in doc.goals for m in g.mentions}
    for kind in (doc.industries, doc.regions, doc.institutions):
        spans |= {(m.start, m.end) for obj in kind for m in obj.mentions}
    spans |= {(i.span.start, i.span.end) for m in doc.measures for i in m.instruments}
    return spans


# -- content through the parser ---------------------------------------------------------------------


def test_every_plan_is_present_once_with_its_text(docs, dom):
    rows = list(dom.by_id("t-plans").find_all("tr"))[1:]
    assert [r.attrs["data-p"] for r in rows] == [str(i) for i in range(len(docs))]
    for i, d in enumerate(docs):
        assert (d.meta.title or d.id) in rows[i].text()
        assert dom.by_id(f"text{i}").text() == d.text  # the whole text, offsets intact
        assert dom.by_id(f"doc{i}").attrs["data-p"] == str(i)
        title = d.meta.title or d.id
        longest = max((x for x in d.text.split("\n") if x not in title and title not in x), key=len)
        assert dom.text().count(longest) == 1, longest  # the text once per plan, not repeated in tables
    for table in ("t-goals", "t-industries", "t-instruments"):
        head = [th.attrs.get("data-p") for th in next(dom.by_id(table).find_all("tr")).find_all("th")]
        assert head == [None] + [str(i) for i in range(len(docs))]


def test_every_link_resolves_to_an_extracted_span(docs, dom):
    links = _link_spans(dom.by_id("plans").parent)
    assert len(links) > 100
    for p, start, end in links:
        doc = docs[p]
        assert 0 <= start < end <= len(doc.text)
        meta = {doc.meta.title, doc.meta.issuer, doc.meta.doc_number}
        assert (start, end) in _object_spans(doc) or doc.text[start:end] in meta, (doc.id, start, end)


def test_every_goal_industry_and_instrument_type_is_linked(docs, dom):
    linked = set(_link_spans(dom.by_id("t-goals")))
    for p, d in enumerate(docs):
        for g in d.goals:
            first = g.mentions[0] if g.mentions else g.span
            assert (p, first.start, first.end) in linked, g.text
    industry_links = set(_link_spans(dom.by_id("t-industries")))
    for p, d in enumerate(docs):
        for ind in d.industries:
            assert any((p, m.start, m.end) in industry_links for m in ind.mentions), ind.name
    rows = {r.attrs.get("data-k", "").split(" ")[0] for r in dom.by_id("t-instruments").find_all("tr")}
    for d in docs:
        for m in d.measures:
            assert {ins.type for ins in m.instruments} <= rows


def test_goal_cells_line_up_by_family_and_year(docs, dom):
    # Each goal sits in the row of its metric family and target year, in its plan's column.
    from futurepolicy.comparison import metric_family

    rows = {}
    for r in dom.by_id("t-goals").find_all("tr"):
        if r.attrs.get("data-k"):
            fam, year = r.attrs["data-k"].split(" ")[:2]
            rows[(fam, year)] = [c for c in r.children if isinstance(c, Node) and c.tag == "td"]
    for p, d in enumerate(docs):
        for g in d.goals:
            first = g.mentions[0] if g.mentions else g.span
            cell = rows[(metric_family(g), str(g.target_year or "—"))][p]
            assert (p, first.start, first.end) in _link_spans(cell), g.text
    hostile = rows[("高新技术企业", "2028")][len(docs) - 1]
    assert hostile.text().startswith("200 家")


def test_industry_matrix_groups_by_national_direction(dom):
    from futurepolicy.enrich.taxonomy import directions

    groups = [r.text() for r in dom.by_id("t-industries").find_all("tr") if "grp" in r.classes()]
    known = [g for g in groups if g in directions()]
    assert known == sorted(known, key=directions().index) and len(known) >= 3
    assert groups[-1].startswith("—")  # uncategorised industries last
    names = [r.children[0].text() for r in dom.by_id("t-industries").find_all("tr") if r.attrs.get("data-k")]
    assert "脑机接口" in names


def test_industry_rows_join_simplified_and_traditional_names():
    a = futurepolicy.extract("甲市未来产业行动方案\n一、重点领域\n聚焦脑机接口、低空经济等前沿领域。\n", source="a.txt")
    b = futurepolicy.extract("乙市未來產業行動方案\n一、重點領域\n聚焦腦機接口、低空經濟等前沿領域。\n", source="b.txt")
    c = futurepolicy.extract("丙市未来产业行动方案\n一、重点领域\n聚焦氢能等前沿领域。\n", source="c.txt")
    table = parse(render_report([a, b, c], labels=["甲", "乙", "丙"])).by_id("t-industries")
    rows = {r.children[0].text(): [c.text() for c in r.children[1:]]
            for r in table.find_all("tr") if r.attrs.get("data-k")}
    assert rows["脑机接口"] == ["1", "1", ""]  # one row: the taxonomy entry's name
    assert rows["低空经济"] == ["1", "1", ""]  # one row: the simplified name (no taxonomy entry)
    assert "腦機接口" not in rows and "低空經濟" not in rows
    assert rows["氢能"] == ["", "", "1"]


def test_text_from_the_plans_is_escaped(dom, page, docs):
    scripts = list(dom.find_all("script"))
    assert len(scripts) == 1 and "alert" not in scripts[0].text()
    assert not list(dom.find_all("img")) and not list(dom.find_all("b"))
    assert HOSTILE_TITLE in dom.by_id("t-plans").text()
    hostile = len(docs) - 1
    assert HOSTILE_TITLE in next(dom.by_id(f"doc{hostile}").find_all("summary")).text()
    assert "<img src=x" in dom.by_id(f"text{hostile}").text()
    assert '<script>alert("x")' not in page
    titled = parse(render_report(docs[:1], title="</title><script>x()</script>"))
    assert list(titled.find_all("title"))[0].text() == "</title><script>x()</script>"
    assert len(list(titled.find_all("script"))) == 1


def test_page_is_self_contained_and_small(page, docs):
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    css = re.search(r"<style>(.*?)</style>", page, re.S)[1]
    js = re.search(r"<script>(.*?)</script>", page, re.S)[1]
    assert len(css) < 4000 and len(js) < 10000
    text_bytes = sum(len(d.text.encode()) for d in docs)
    assert len(page.encode()) < 6 * text_bytes + 30_000 * len(docs)


def test_render_is_deterministic_and_fast(docs):
    extra = [futurepolicy.extract(p.read_text(encoding="utf-8"), source=p.name) for p in CORPUS_FILES[1::2]]
    thirty = (docs + extra)[:30]
    assert len(thirty) == 30
    render_report(thirty)  # warm: taxonomy, families, assets
    start = time.perf_counter()
    first = render_report(thirty)
    assert time.perf_counter() - start < 1.0
    assert render_report(thirty) == first


def test_labels_title_and_failures(docs):
    page = render_report([Failure("x.txt", "DecodeError", "bad"), docs[0], docs[1].to_dict()],
                         labels=["甲", "乙"], title="两个规划")
    dom = parse(page)
    assert [r.attrs["data-p"] for r in list(dom.by_id("t-plans").find_all("tr"))[1:]] == ["0", "1"]
    assert "两个规划" in list(dom.find_all("title"))[0].text()
    assert "甲" in dom.by_id("t-plans").text()


@pytest.mark.parametrize("bad, error", [
    ([], FuturePolicyError),
    ("plans/", FuturePolicyError),
    ([42], SchemaError),
])
def test_bad_input_raises_typed_errors(bad, error):
    with pytest.raises(error):
        render_report(bad)


def test_docstring_examples_run():
    import doctest

    import futurepolicy.reporting

    result = doctest.testmod(futurepolicy.reporting)
    assert result.failed == 0 and result.attempted > 0


def test_labels_must_be_distinct(docs):
    with pytest.raises(FuturePolicyError, match="one distinct label"):
        render_report(docs[:2], labels=["甲", "甲"])


def test_report_writes_atomically_and_names_unwritable_paths(docs, tmp_path):
    out = futurepolicy.report(docs[:2], tmp_path / "sub" / "r.html")
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["r.html"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FuturePolicyError, match="cannot write the report") as e:
        futurepolicy.report(docs[:1], blocker / "r.html")
    assert str(blocker / "r.html") in str(e.value)


# -- the command ----------------------------------------------------------------------------------------


def test_cli_report_from_plans_and_json(tmp_path, capsys):
    js = tmp_path / "chongqing.json"
    js.write_text(futurepolicy.extract_file(DOCS / "chongqing_2024.txt").to_json(), encoding="utf-8")
    out = tmp_path / "report.html"
    code = main(["report", str(DOCS / "shanghai_2022.txt"), str(js), "-o", str(out), "--no-progress",
                 "--workers", "1", "--title", "沪渝"])
    assert code == 0
    dom = parse(out.read_text(encoding="utf-8"))
    titles = [r.text() for r in list(dom.by_id("t-plans").find_all("tr"))[1:]]
    assert "上海" in titles[0] and "重庆" in titles[1]  # input order
    assert "2 plan(s)" in capsys.readouterr().err


def test_cli_report_lists_failures_and_writes_the_rest(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    out = tmp_path / "r.html"
    code = main(["report", str(DOCS / "shanghai_2022.txt"), str(broken), str(tmp_path / "missing.txt"),
                 "-o", str(out), "--no-progress", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 1 and out.exists()
    assert "broken.json" in err and "missing.txt" in err
    only_bad = tmp_path / "none.html"
    assert main(["report", str(broken), "-o", str(only_bad), "--no-progress"]) == 1
    assert not only_bad.exists() and "no plan to report on" in capsys.readouterr().err


# -- in a browser -------------------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
READY = "document.documentElement.dataset.ready === '1'"


@pytest.fixture(scope="module")
def browser():
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def page_url(page, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path.as_uri()


def _load(browser, url: str) -> None:
    browser.open(url, READY)
    assert browser.js("document.documentElement.dataset.jsError || ''") == ""


def _shown(browser) -> list[int]:
    return [int(x) for x in browser.js("document.documentElement.dataset.shown").split()]


def _visible(browser, selector: str, attr: str) -> list[str]:
    """``attr`` of the elements matching ``selector`` that are displayed (no hidden ancestor either)."""
    return browser.js(f"Array.from(document.querySelectorAll({selector!r}))"
                      f".filter(e => e.getClientRects().length).map(e => e.getAttribute({attr!r}))")


def _type(browser, query: str, status_prefix: str) -> None:
    browser.js("(() => { const q = document.getElementById('fp-q'); q.value = %s; "
               "q.dispatchEvent(new Event('input')); })()" % json.dumps(query))
    browser.wait(f"document.getElementById('fp-status').textContent.startsWith({json.dumps(status_prefix)})")


@needs_chromium
def test_chromium_renders_every_section(browser, page_url, docs):
    _load(browser, page_url)
    assert _shown(browser) == list(range(len(docs)))
    assert browser.js("document.getElementById('fp-status').textContent") == f"{len(docs)} plans"
    assert _visible(browser, "#t-plans tbody tr", "data-p") == [str(i) for i in range(len(docs))]
    for table in ("t-goals", "t-industries", "t-instruments"):
        assert browser.js(f"document.getElementById('{table}').getBoundingClientRect().height") > 50
    assert browser.js("document.querySelectorAll('svg.chart g.bar').length") > 0
    assert browser.js("getComputedStyle(document.querySelector('.fp-text')).whiteSpace") == "pre-wrap"


@needs_chromium
def test_chromium_filter_by_plan_narrows_every_table(browser, page_url, docs):
    _load(browser, page_url)
    shanghai = [str(i) for i, d in enumerate(docs) if "上海" in (d.meta.region or "") + (d.meta.title or "")]
    _type(browser, "上海", f"{len(shanghai)} of")
    assert _visible(browser, "#t-plans tbody tr", "data-p") == shanghai
    for table in ("t-goals", "t-industries", "t-instruments"):
        assert _visible(browser, f"#{table} thead th[data-p]", "data-p") == shanghai
    assert set(_visible(browser, "svg.chart g.bar", "data-p")) <= set(shanghai)
    assert _visible(browser, "details.plan", "data-p") == shanghai
    _type(browser, "", f"{len(docs)} plans")  # clearing the box shows everything again
    assert len(_visible(browser, "details.plan", "data-p")) == len(docs)


@needs_chromium
def test_chromium_filter_by_term_keeps_matching_rows_and_their_plans(browser, page_url, docs):
    _load(browser, page_url + "#q=" + urllib.parse.quote("脑机接口"))
    having = [i for i, d in enumerate(docs) if any("脑机接口" in ind.name for ind in d.industries)]
    assert having and _shown(browser) == having
    rows = _visible(browser, "#t-industries tbody tr[data-k]", "data-k")
    assert rows and all("脑机接口" in k for k in rows)
    assert "matching rows" in browser.js("document.getElementById('fp-status').textContent")
    _load(browser, page_url + "?q=" + urllib.parse.quote("上海 脑机接口"))  # a plan and a term: both narrow
    assert _shown(browser) == [i for i in having if "上海" in (docs[i].meta.region or "")]


@needs_chromium
def test_chromium_link_opens_the_exact_span_and_cycles_through_mentions(browser, page_url, docs):
    _load(browser, page_url)
    link = "document.querySelector('#t-industries a.ev[data-more]')"
    href, more = browser.js(f"[{link}.getAttribute('href'), {link}.dataset.more]")
    p, first = re.fullmatch(r"#e(\d+):(\d+-\d+)", href).groups()
    spans = [first, *more.split()]
    seen = []
    for _ in range(len(spans) + 1):
        browser.js(f"{link}.click()")
        seen.append(browser.js("document.documentElement.dataset.evidence"))
        start, end = map(int, seen[-1].split(":")[1].split("-"))
        assert browser.js("document.documentElement.dataset.evidenceText") == docs[int(p)].text[start:end]
    assert seen == [f"e{p}:{s}" for s in spans] + [f"e{p}:{first}"]  # the next mention each click, then round
    assert browser.js(f"document.getElementById('doc{p}').open") is True


@needs_chromium
def test_chromium_evidence_counts_characters_outside_the_bmp(browser, page_url, docs):
    p = len(docs) - 1  # the plan with characters outside the BMP before its spans
    goal = docs[p].goals[0]
    _load(browser, page_url + f"#e{p}:{goal.span.start}-{goal.span.end}")
    assert browser.js("document.documentElement.dataset.evidence") == f"e{p}:{goal.span.start}-{goal.span.end}"
    assert browser.js("document.documentElement.dataset.evidenceText") == goal.text
    browser.js(f"document.querySelector('#t-goals a.ev[href=\"#e{p}:{goal.span.start}-{goal.span.end}\"]').click()")
    assert browser.js("document.documentElement.dataset.evidenceText") == goal.text


@needs_chromium
def test_chromium_sorts_the_overview(browser, page_url, docs):
    _load(browser, page_url)
    goals_col = 8  # #, Plan, Title, Region, Issuer, 发文字号, Date, Period, Goals
    browser.js(f"document.querySelectorAll('#t-plans thead th')[{goals_col}].click()")
    order = browser.js("Array.from(document.querySelectorAll('#t-plans tbody tr')).map(r => +r.dataset.p)")
    counts = [len(docs[p].goals) for p in order]
    assert counts == sorted(counts) and sorted(order) == list(range(len(docs)))
    browser.js(f"document.querySelectorAll('#t-plans thead th')[{goals_col}].click()")
    order = browser.js("Array.from(document.querySelectorAll('#t-plans tbody tr')).map(r => +r.dataset.p)")
    assert [len(docs[p].goals) for p in order] == sorted(counts, reverse=True)
