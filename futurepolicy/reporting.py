"""A report across plans: one self-contained HTML file an analyst can open, read and send.

Usage::

    docs = list(futurepolicy.extract_many(["plans/"]))
    futurepolicy.report(docs, "report.html")          # or: futurepolicy report plans/ -o report.html

The page holds, for the plans given:

* an overview table (title, region, issuer, 发文字号, date, period, counts of each object type), sortable;
* the goals aligned by metric family and target year (the families of :func:`futurepolicy.compare`,
  ``data/compare.yaml``), and bar charts (inline SVG) of the families that two or more plans state in one
  unit (money in 亿元, from ``value_cny``);
* a region × industry matrix: industries by canonical name, grouped by the national taxonomy's directions;
* the policy-instrument profile of each plan (:func:`~futurepolicy.enrich.instruments.instrument_profile`);
* each plan's text with its evidence highlighted (the document view of ``doc.to_html()``), once per plan.

Every figure and name links to its evidence as ``#e<plan>:<start>-<end>`` — character offsets into that
plan's ``doc.text``, exactly the object's span; a click opens the plan's text with the span highlighted
(a second click on a name with several mentions moves to the next one). A filter box narrows every table:
terms that match a plan (its region, title, issuer, 发文字号, id) keep those plans; other terms keep the
rows they match (an industry, a metric family, an instrument type) and the plans with a value there. The
page reads ``?q=…`` or ``#q=…`` from its URL to start filtered.

The page needs no network and no server: CSS and script (``data/report/``) are inlined, and its
Content-Security-Policy forbids loading anything. Everything taken from the texts is escaped; document
data sits in element text and attributes only, never inside the script.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from .comparison import UNCATEGORISED, load_families, metric_family, plan_labels
from .errors import FuturePolicyError
from .model import Goal, Mention, PolicyDocument, Span
from .notebook import _esc, _goal_value, _highlighted_text, _legend, _meta_rows, _num

__all__ = ["report", "render_report"]

ASSETS = Path(__file__).resolve().parent / "data" / "report"
MAX_LINKED_MENTIONS = 20  # mentions a name cycles through on repeated clicks
NO_YEAR = "—"
_SLOT = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True, slots=True)
class _Plan:
    """A plan of the report: its position (the ``p`` of every link and column), label and document."""

    p: int
    label: str
    doc: PolicyDocument


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    try:
        return {name: (ASSETS / f"report.{name}").read_text(encoding="utf-8") for name in ("html", "css", "js")}
    except OSError as e:  # pragma: no cover - a broken installation
        raise FuturePolicyError(f"cannot read the report template: {e}", source=str(ASSETS)) from None


# -- small builders -------------------------------------------------------------------------------


def _link(plan: _Plan, spans: Sequence[Span | Mention], label: str, tip: str = "") -> str:
    """An evidence link: ``label`` pointing at the first span; the next ones in ``data-more``."""
    n = len(plan.doc.text)
    good = [(s.start, s.end) for s in spans if 0 <= s.start < s.end <= n]
    if not good:
        return _esc(label)
    (start, end), rest = good[0], good[1:MAX_LINKED_MENTIONS]
    more = f' data-more="{" ".join(f"{a}-{b}" for a, b in rest)}"' if rest else ""
    title = f' title="{_esc(tip)}"' if tip else ""
    return f'<a class="ev" href="#e{plan.p}:{start}-{end}"{more}{title}>{_esc(label)}</a>'


def _find(doc: PolicyDocument, value: Optional[str]) -> list[Span]:
    """The first place ``value`` (a metadata field) is written in the text, if it is written as is."""
    i = doc.text.find(value) if value else -1
    return [Span(i, i + len(value))] if value and i >= 0 else []


def _plan_head(plans: Sequence[_Plan], first: str) -> str:
    cells = "".join(f'<th data-p="{pl.p}" title="{_esc(pl.doc.meta.title or pl.doc.id)}">{_esc(pl.label)}</th>'
                    for pl in plans)
    return f"<thead><tr><th>{_esc(first)}</th>{cells}</tr></thead>"


def _group_row(label: str, plans: Sequence[_Plan]) -> str:
    return f'<tr class="grp"><th colspan="{len(plans) + 1}">{_esc(label)}</th></tr>'


def _matrix(table_id: str, head: str, rows: Iterable[str]) -> str:
    return f'<div class="wrap"><table class="matrix" id="{table_id}">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _canonical(obj: Any) -> str:
    """The normalised name of an entity (``canonical`` where the model has it, else simplified ``name``)."""
    from .comparison import _simplified

    return getattr(obj, "canonical", None) or _simplified(obj.name)


# -- overview -------------------------------------------------------------------------------------

_COUNTS = ("goals", "industries", "measures", "regions", "institutions")


def _overview(plans: Sequence[_Plan]) -> str:
    head = ["#", "Plan", "Title", "Region", "Issuer", "发文字号", "Date", "Period",
            *(c.capitalize() for c in _COUNTS)]
    rows = []
    for pl in plans:
        d, m = pl.doc, pl.doc.meta
        keys = " ".join(x for x in (pl.label, d.id, d.source, m.title, m.region, m.issuer, m.doc_number) if x)
        period = f"{m.period.start or '…'}–{m.period.end or '…'}" if (m.period.start or m.period.end) else ""
        cells = [
            f'<td class="n" data-v="{pl.p + 1}">{pl.p + 1}</td>',
            f'<td><a href="#doc{pl.p}">{_esc(pl.label)}</a></td>',
            f'<td class="t">{_link(pl, _find(d, m.title), m.title or d.id, "the title in the text")}</td>',
            f"<td>{_esc(m.region or '')}</td>",
            f"<td>{_link(pl, _find(d, m.issuer), m.issuer or '')}</td>",
            f"<td>{_link(pl, _find(d, m.doc_number), m.doc_number or '')}</td>",
            f"<td>{_esc(m.publish_date or '')}</td>",
            f'<td data-v="{m.period.end or ""}">{_esc(period)}</td>',
            *(f'<td class="n"><a href="#doc{pl.p}">{len(getattr(d, c))}</a></td>' for c in _COUNTS),
        ]
        rows.append(f'<tr data-p="{pl.p}" data-k="{_esc(keys)}">{"".join(cells)}</tr>')
    ths = "".join(f"<th>{_esc(h)}</th>" for h in head)
    return (f'<div class="wrap"><table class="sortable" id="t-plans"><thead><tr>{ths}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


# -- goals ----------------------------------------------------------------------------------------


def _goal_groups(plans: Sequence[_Plan]) -> dict[str, dict[Any, dict[int, list[Goal]]]]:
    """family → target year → plan → goals; families in the order of ``compare`` (data file order, then
    metric-named families alphabetically), years ascending with unknown last."""
    families = load_families()
    order = {f.label: i for i, f in enumerate(families)}
    groups: dict[str, dict[Any, dict[int, list[Goal]]]] = {}
    for pl in plans:
        for g in pl.doc.goals:
            fam = metric_family(g, families)
            year = g.target_year if g.target_year is not None else NO_YEAR
            groups.setdefault(fam, {}).setdefault(year, {}).setdefault(pl.p, []).append(g)
    fam_order = sorted(groups, key=lambda f: (order.get(f, len(order)), "" if f in order else f))
    return {f: {y: groups[f][y] for y in sorted(groups[f], key=lambda y: (y == NO_YEAR, str(y)))} for f in fam_order}


def _goal_cell(pl: _Plan, goals: list[Goal], family: str) -> str:
    parts = []
    for g in goals:
        tip = f"{g.metric}: {_goal_value(g)} {g.unit}" + (f" by {g.target_year}" if g.target_year else "")
        label = f"{_goal_value(g)} {g.unit}".strip()
        metric = f"<small>{_esc(g.metric)}</small>" if g.metric and g.metric != family else "<br>"
        parts.append(_link(pl, [*g.mentions] or [g.span], label, tip) + metric)  # <small> is a block
    return "".join(parts)


def _goals_table(plans: Sequence[_Plan], groups: dict[str, dict[Any, dict[int, list[Goal]]]]) -> str:
    rows = []
    for fam, years in groups.items():
        rows.append(_group_row(fam, plans))
        for year, by_plan in years.items():
            metrics = " ".join(sorted({g.metric for gs in by_plan.values() for g in gs if g.metric}))
            cells = "".join(f"<td>{_goal_cell(pl, by_plan[pl.p], fam) if pl.p in by_plan else ''}</td>"
                            for pl in plans)
            rows.append(f'<tr data-k="{_esc(f"{fam} {year} {metrics}")}"><th>{_esc(year)}</th>{cells}</tr>')
    return _matrix("t-goals", _plan_head(plans, "Family / target year"), rows)


# -- the chart --------------------------------------------------------------------------------------

_BAR_STEP, _BAR_H, _TOP, _LABEL_W, _BARS_W, _WIDTH = 18, 13, 4, 170, 240, 590
_METRIC_CHARS = 9  # a metric other than the family's name is shown after the value, cut to this length


def _comparable(g: Goal) -> tuple[str, float, float]:
    """``(unit, value, upper)`` on a shared scale: money in 亿元 (from ``value_cny``), else as stated."""
    upper = g.value_max if g.value_max is not None else g.value
    if g.value_cny is not None and g.value:
        scale = g.value_cny / g.value / 1e8
        return "亿元", g.value * scale, upper * scale
    return g.unit or "", g.value, upper


def _charts(plans: Sequence[_Plan], groups: dict[str, dict[Any, dict[int, list[Goal]]]]) -> str:
    """One bar chart per (family, unit) that two or more plans state; a bar per goal, linked to it."""
    by_p = {pl.p: pl for pl in plans}
    figures = []
    for fam, years in groups.items():
        series: dict[str, list[tuple[_Plan, Goal, float, float]]] = {}
        for by_plan in years.values():
            for p, goals in by_plan.items():
                for g in goals:
                    unit, value, upper = _comparable(g)
                    series.setdefault(unit, []).append((by_p[p], g, value, upper))
        for unit, bars in series.items():
            if len({pl.p for pl, *_ in bars}) < 2:
                continue
            bars.sort(key=lambda b: (b[0].p, b[1].target_year or 0))
            figures.append(_chart(fam, unit, bars))
    if not figures:
        return '<p class="note">No goal family is stated in one unit by two or more plans.</p>'
    return f'<div class="charts">{"".join(figures)}</div>'


def _chart(family: str, unit: str, bars: list[tuple[_Plan, Goal, float, float]]) -> str:
    top = max(upper for *_, upper in bars) or 1.0
    gs = []
    for k, (pl, g, value, upper) in enumerate(bars):
        w, wu = _BARS_W * max(value, 0) / top, _BARS_W * max(upper, 0) / top
        year = f" {g.target_year}" if g.target_year else ""
        shown = _num(value) + (f"–{_num(upper)}" if upper != value else "")
        metric = g.metric if g.metric and g.metric != family else ""
        note = shown + (f" {metric[:_METRIC_CHARS]}{'…' if len(metric) > _METRIC_CHARS else ''}" if metric else "")
        href = f"#e{pl.p}:{g.span.start}-{g.span.end}"
        gs.append(
            f'<g class="bar" data-p="{pl.p}" transform="translate(0,{_TOP + k * _BAR_STEP})">'
            f'<a class="ev" href="{href}"><title>{_esc(f"{pl.label}: {g.metric} {shown} {unit}{year}")}</title>'
            f'<text x="{_LABEL_W - 6}" y="{_BAR_H - 2}" text-anchor="end">{_esc(pl.label + year)}</text>'
            f'<rect class="r" x="{_LABEL_W}" width="{wu:.1f}" height="{_BAR_H}"/>'
            f'<rect class="v" x="{_LABEL_W}" width="{w:.1f}" height="{_BAR_H}"/>'
            f'<text x="{_LABEL_W + wu + 4:.1f}" y="{_BAR_H - 2}">{_esc(note)}</text></a></g>'
        )
    height = _TOP + len(bars) * _BAR_STEP + 4
    caption = f"{family} ({unit})" if unit else family
    return (f'<figure data-k="{_esc(family + " " + unit)}"><figcaption>{_esc(caption)}</figcaption>'
            f'<svg class="chart" width="{_WIDTH}" height="{height}" data-top="{_TOP}" data-step="{_BAR_STEP}" '
            f'role="img" aria-label="{_esc(caption)}">{"".join(gs)}</svg></figure>')


# -- industries -------------------------------------------------------------------------------------


def _taxonomy_name(taxonomy_id: Optional[str]) -> Optional[str]:
    """The name of a taxonomy entry (``miit-2024:未来健康/脑机接口`` → ``脑机接口``), if it is known."""
    from .enrich.taxonomy import UnknownTaxonomyError, load_taxonomy

    if not taxonomy_id or ":" not in taxonomy_id:
        return None
    try:
        entry = load_taxonomy(taxonomy_id.split(":", 1)[0]).by_id.get(taxonomy_id)
    except UnknownTaxonomyError:
        return None
    return entry.name if entry is not None else None


def _industries_table(plans: Sequence[_Plan]) -> str:
    """Rows: industries by taxonomy entry, else canonical name, grouped by national direction; columns: plans."""
    from .enrich.taxonomy import directions

    cells: dict[tuple[str, str], dict[int, list[Any]]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for pl in plans:
        for ind in pl.doc.industries:
            canonical = _canonical(ind)
            key = (ind.category or UNCATEGORISED, ind.taxonomy_id or "name:" + canonical)
            cells.setdefault(key, {}).setdefault(pl.p, []).append(ind)
            names.setdefault(key, set()).update((canonical, ind.name))
    label = {k: _taxonomy_name(k[1]) or _canonical_of(k, cells) for k in cells}
    group_order = {d: i for i, d in enumerate(directions())}
    keys = sorted(cells, key=lambda k: (group_order.get(k[0], len(group_order) + (k[0] == UNCATEGORISED)),
                                        k[0], -len(cells[k]), label[k]))
    rows, current = [], None
    for key in keys:
        if key[0] != current:
            current = key[0]
            rows.append(_group_row(current if current != UNCATEGORISED else "— (no national direction)", plans))
        tds = "".join(_industry_cell(pl, cells[key].get(pl.p) or []) for pl in plans)
        keywords = f"{label[key]} {key[0]} {' '.join(sorted(names[key]))}"
        rows.append(f'<tr data-k="{_esc(keywords)}"><th>{_esc(label[key])}</th>{tds}</tr>')
    if not rows:
        return '<p class="note">No industries found.</p>'
    return _matrix("t-industries", _plan_head(plans, "Industry (mentions)"), rows)


def _industry_cell(pl: _Plan, found: list[Any]) -> str:
    """The mentions of one row's industries in one plan: their count, linked to each mention in turn."""
    if not found:
        return "<td></td>"
    mentions = sorted((m for ind in found for m in ind.mentions), key=lambda m: (m.start, m.end))
    written = "、".join(dict.fromkeys(ind.name for ind in found))
    return f'<td class="n">{_link(pl, mentions, str(len(mentions)), f"{written}: {len(mentions)} mentions")}</td>'


def _canonical_of(key: tuple[str, str], cells: dict[tuple[str, str], dict[int, list[Any]]]) -> str:
    """The shortest canonical name written for a row (the label when no taxonomy entry names it)."""
    return min((_canonical(ind) for found in cells[key].values() for ind in found), key=lambda s: (len(s), s))


# -- instruments ------------------------------------------------------------------------------------


def _instruments_table(plans: Sequence[_Plan]) -> str:
    """Rows: instrument sides (with totals) and types; columns: plans; cells: clause counts, linked."""
    from .enrich.instruments import instrument_profile

    profiles = {pl.p: instrument_profile(pl.doc) for pl in plans}
    spans: dict[int, dict[tuple[str, str], list[Span]]] = {pl.p: {} for pl in plans}
    for pl in plans:
        for m in pl.doc.measures:
            for ins in m.instruments:
                spans[pl.p].setdefault((ins.side, ins.type), []).append(ins.span)
    scheme: dict[str, dict[str, None]] = {}
    for prof in profiles.values():
        for side, types in prof["types"].items():
            scheme.setdefault(side, {}).update(dict.fromkeys(types))
    rows = []
    for side, types in scheme.items():
        rows.append(_group_row(side, plans))
        tds = []
        for pl in plans:
            total, n = profiles[pl.p]["total"], profiles[pl.p]["sides"].get(side, 0)
            share = f"{n} ({100 * n / total:.0f}%)" if total else ""
            tds.append(f'<td class="n">{_esc(share) if n else ""}</td>')
        rows.append(f'<tr class="sum" data-k="{_esc(side)}"><th>{_esc(side)} total</th>{"".join(tds)}</tr>')
        for type_ in types:
            tds = []
            for pl in plans:
                found = spans[pl.p].get((side, type_), [])
                tip = f"{side}/{type_}: {len(found)} clauses"
                tds.append(f'<td class="n">{_link(pl, found, str(len(found)), tip) if found else ""}</td>')
            rows.append(f'<tr data-k="{_esc(f"{type_} {side}")}"><th>{_esc(type_)}</th>{"".join(tds)}</tr>')
    if not scheme:
        return '<p class="note">No policy instruments coded.</p>'
    return _matrix("t-instruments", _plan_head(plans, "Instrument (clauses)"), rows)


# -- evidence ---------------------------------------------------------------------------------------


def _evidence(plans: Sequence[_Plan]) -> str:
    """Each plan's text once, with every extracted object highlighted (the document view of ``to_html``)."""
    parts = []
    for pl in plans:
        d = pl.doc
        meta = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in _meta_rows(d))
        parts.append(
            f'<details class="plan" id="doc{pl.p}" data-p="{pl.p}"><summary>{_esc(pl.label)} — '
            f'{_esc(d.meta.title or d.id)}</summary><table>{meta}</table>{_legend(d)}'
            f'<div class="fp-text" id="text{pl.p}">{_highlighted_text(d, None)}</div></details>'
        )
    return "".join(parts)


# -- the page ---------------------------------------------------------------------------------------


def _documents(docs: Iterable[Any]) -> list[PolicyDocument]:
    from .comparison import _documents as as_documents

    if isinstance(docs, (str, os.PathLike)):
        raise FuturePolicyError("report() takes extracted documents; use extract_many(paths) first",
                                source=os.fspath(docs))
    return as_documents(docs)


def render_report(
    docs: Iterable[Any], *, title: Optional[str] = None, labels: Optional[Sequence[str]] = None
) -> str:
    """The report page of several plans, as a string (see the module docs for what it holds).

    Args:
        docs: documents (``Failure`` results of ``extract_many`` are skipped; ``to_dict()`` mappings are
            accepted).
        title: the page title (default ``futurepolicy report: N plans``).
        labels: one distinct label per plan (default :func:`~futurepolicy.comparison.plan_labels`: the region).

    Raises:
        FuturePolicyError: no documents, ``labels`` not one distinct label per plan, or an item that is
            not a document.

    Examples:
        >>> import futurepolicy
        >>> a = futurepolicy.extract("到2027年,培育1000家高新技术企业。", source="a.txt")
        >>> page = render_report([a], title="<b>")
        >>> page.startswith("<!doctype html>"), "<title>&lt;b&gt;</title>" in page
        (True, True)
    """
    from . import __version__

    documents = _documents(docs)
    if not documents:
        raise FuturePolicyError("no documents to report on")
    names = plan_labels(documents) if labels is None else [str(x) for x in labels]
    if len(names) != len(documents) or len(set(names)) != len(names):
        raise FuturePolicyError(f"labels must give one distinct label per plan: {len(documents)} plans, "
                                f"labels {names!r}")
    plans = [_Plan(i, label, d) for i, (label, d) in enumerate(zip(names, documents))]
    heading = title or f"futurepolicy report: {len(plans)} plan{'s' if len(plans) != 1 else ''}"
    groups = _goal_groups(plans)
    body = (
        f'<header><h1>{_esc(heading)}</h1>'
        '<input id="fp-q" type="search" placeholder="Filter: a region, title, industry, metric …" '
        'aria-label="Filter plans and rows">'
        f'<span id="fp-status">{len(plans)} plans</span>'
        '<nav><a href="#plans">Plans</a><a href="#goals">Goals</a><a href="#industries">Industries</a>'
        '<a href="#instruments">Instruments</a><a href="#texts">Texts</a></nav></header><main>'
        '<h2 id="plans">Plans</h2><p class="note">Click a column heading to sort; click any figure or name '
        'to see it in its plan\'s text.</p>' + _overview(plans)
        + '<h2 id="goals">Comparable goals</h2><p class="note">Goal families that two or more plans state in '
        'one unit; money in 亿元. The lighter bar is the upper end of a range.</p>' + _charts(plans, groups)
        + '<h2 id="goal-table">Goals by metric family and target year</h2>' + _goals_table(plans, groups)
        + '<h2 id="industries">Industries by national direction</h2>' + _industries_table(plans)
        + '<h2 id="instruments">Policy instruments</h2>' + _instruments_table(plans)
        + '<h2 id="texts">Texts</h2>' + _evidence(plans) + f'<p class="note">futurepolicy {_esc(__version__)}</p>'
        + "</main>"
    )
    assets = _assets()
    slots = {"title": _esc(heading), "version": _esc(__version__), "css": assets["css"], "js": assets["js"],
             "body": body}
    return _SLOT.sub(lambda m: slots[m.group(1)], assets["html"])


def report(
    docs: Iterable[Any], path: str | os.PathLike[str], *, title: Optional[str] = None,
    labels: Optional[Sequence[str]] = None,
) -> Path:
    """Write the report page of several plans to ``path`` (atomically) and return the path.

    Args:
        docs, title, labels: as for :func:`render_report`.
        path: the HTML file to write (its folder is created if missing).

    Raises:
        FuturePolicyError: as for :func:`render_report`; or the file cannot be written.
    """
    from .export import write_atomic

    page = render_report(docs, title=title, labels=labels)
    target = Path(path)
    try:
        write_atomic(target, page)
    except OSError as e:
        raise FuturePolicyError(f"cannot write the report: {e.strerror or e}", source=str(target)) from None
    return target


# -- the command ------------------------------------------------------------------------------------

JSON_SUFFIXES = (".json", ".jsonl")


def _load_json(path: str) -> list[Any]:
    """Documents from a ``convert`` output file (.json: one document; .jsonl: one per line), or a Failure."""
    from .model import Failure

    try:
        text = Path(path).read_text(encoding="utf-8")
        lines = [x for x in text.splitlines() if x.strip()] if path.lower().endswith(".jsonl") else [text]
        return [PolicyDocument.from_json(x) for x in lines]
    except FuturePolicyError as e:
        return [Failure(path, e.kind, e.message)]
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return [Failure(path, type(e).__name__, str(e))]


def report_files(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    rules: Any = None,
    workers: Optional[int] = None,
    max_bytes: Optional[int] = None,
    encoding: Optional[str] = None,
    title: Optional[str] = None,
    progress: Optional[bool] = None,
) -> int:
    """``futurepolicy report PATH... -o FILE.html``: extract the plans and write their report; the exit code.

    Folders expand as for ``convert``; ``.json``/``.jsonl`` files given by name are read as documents
    already converted. Failed inputs are listed on stderr and left out of the report.

    Returns:
        0 if every input went into the report, 1 otherwise (some failed, or none succeeded: no file then).
    """
    import sys

    from .batch import collect_inputs, extract_many

    given = [os.fspath(p) for p in paths]
    to_extract = [p for p in given if not (p.lower().endswith(JSON_SUFFIXES) and os.path.isfile(p))]
    extracted = iter(extract_many(to_extract, rules=rules, workers=workers, progress=progress is not False,
                                  max_bytes=max_bytes, encoding=encoding)) if to_extract else iter(())
    results: list[Any] = []
    for p in given:
        if p in to_extract:
            results.extend(next(extracted) for _ in collect_inputs([p]))
        else:
            results.extend(_load_json(p))
    failures = [r for r in results if not getattr(r, "ok", True)]
    docs = [r for r in results if getattr(r, "ok", True)]
    for f in failures:
        print(f"futurepolicy: FAILED {f.source}: {f.error}: {f.message}", file=sys.stderr)
    if not docs:
        print("futurepolicy: no plan to report on", file=sys.stderr)
        return 1
    target = report(docs, out, title=title)
    print(f"futurepolicy: report of {len(docs)} plan(s) written to {target}"
          + (f"; {len(failures)} input(s) failed" if failures else ""), file=sys.stderr)
    return 1 if failures else 0
