"""HTML views of a document: the evidence at a glance, in a notebook or as a standalone page.

:func:`document_html` renders a compact summary (metadata, counts, the goals table) and the text
with every extracted object highlighted by type: goals (amber, underlined), industries (blue),
regions (green), institutions (purple), and measures as a bar in the left margin. Hovering a
highlight shows what was extracted (``industry 新型储能 · category 未来能源``).

Overlaps are resolved without ever crossing tags: measures (sections, which nest) become wrapper
elements; inside them the text is cut at every mention boundary and each piece gets the colour of
its innermost (shortest) mention, keeping the goal underline when it lies inside a goal. All text
and attribute values are escaped, styles are inline (no ``<style>``, no JavaScript), and colours are
translucent so the view reads in light and dark notebook themes alike.
"""

from __future__ import annotations

import heapq
import html
import re
from typing import Any, Iterable, Optional

from .model import Goal, Measure, PolicyDocument

__all__ = ["document_html", "HIGHLIGHT_STYLES"]

# Object type -> (label, RGB). Translucent fills so both light and dark themes work.
_TYPE_RGB: dict[str, tuple[str, str]] = {
    "goal": ("Goal", "255,160,0"),
    "industry": ("Industry", "30,136,229"),
    "region": ("Region", "67,160,71"),
    "institution": ("Institution", "142,36,170"),
    "measure": ("Measure", "216,27,96"),
}
# Object type -> (label, inline CSS of its highlight).
HIGHLIGHT_STYLES: dict[str, tuple[str, str]] = {
    kind: (label, f"border-left:3px solid rgba({rgb},.85);" if kind == "measure" else f"background:rgba({rgb},.30);")
    for kind, (label, rgb) in _TYPE_RGB.items()
}
# Which colour wins when mentions of two types have the same length (lower wins).
_PRIORITY = {"institution": 0, "region": 1, "industry": 2}
_MARK_CSS = "border-radius:2px;color:inherit;"
_GOAL_UNDERLINE = "border-bottom:2px solid rgba(255,143,0,.95);"  # kept under nested industries, regions …


def _outer_underline(kind: str) -> str:
    """The mark of an enclosing mention under a nested one (北京大学 inside 北京大学重庆…研究院)."""
    return f"box-shadow:inset 0 -3px 0 rgba({_TYPE_RGB[kind][1]},.75);"
_MEASURE_CSS = (
    "padding-left:4px;-webkit-box-decoration-break:clone;box-decoration-break:clone;"
    + HIGHLIGHT_STYLES["measure"][1]
)
# single quotes inside: the value sits in a style="…" attribute
_FONT = "font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;"
_CELL = "padding:2px 8px;border-bottom:1px solid rgba(128,128,128,.35);text-align:left;vertical-align:top;"
_HEAD = _CELL + "font-weight:600;border-bottom:1px solid rgba(128,128,128,.7);"
# C0/C1 controls (bar tab, newline, carriage return) and non-characters are not allowed in HTML text.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_COMPARATOR_SIGN = {"eq": "", "approx": "≈", "gte": "≥", "lte": "≤", "range": ""}

NOTEBOOK_MAX_CHARS = 200_000


def _esc(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute; control characters become U+FFFD.

    A carriage return is written as ``&#13;``: HTML parsers turn a literal CR LF into LF, which would
    change the text shown.
    """
    return html.escape(_NOT_HTML.sub("\ufffd", str(value)), quote=True).replace("\r", "&#13;")


def _num(x: Optional[float]) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else f"{x:g}"


def _goal_value(g: Goal) -> str:
    """``≈1000``, ``10–15``, ``≥5000``: the value as a reader would say it."""
    value = _num(g.value)
    if g.value_max is not None and g.value_max != g.value:
        value = f"{value}–{_num(g.value_max)}"
    return _COMPARATOR_SIGN.get(g.comparator, "") + value


def _goal_tip(g: Goal) -> str:
    year = f" by {g.target_year}" if g.target_year else ""
    return f"goal {g.metric}: {_goal_value(g)} {g.unit}{year}"


# -- collecting what to highlight ---------------------------------------------------------------


def _marks(doc: PolicyDocument) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, tooltip)`` of every mention to highlight, valid and non-empty."""
    n = len(doc.text)
    out: list[tuple[int, int, str, str]] = []

    def add(start: int, end: int, kind: str, tip: str) -> None:
        start, end = max(0, start), min(n, end)
        if start < end:
            out.append((start, end, kind, tip))

    for g in doc.goals:
        tip = _goal_tip(g)
        spans = [(m.start, m.end) for m in g.mentions] or [(g.span.start, g.span.end)]
        for s, e in spans:
            add(s, e, "goal", tip)
    for i in doc.industries:
        tip = f"industry {i.name}" + (f" · category {i.category}" if i.category else "") + f" · {i.kind}"
        for m in i.mentions:
            add(m.start, m.end, "industry", tip)
    for r in doc.regions:
        tip = f"region {r.full_name or r.name}" + (f" · {r.level}" if r.level else "") + (
            f" · {r.code}" if r.code else "")
        for m in r.mentions:
            add(m.start, m.end, "region", tip)
    for o in doc.institutions:
        tip = f"institution {o.name}" + (f" · {o.type}" if o.type else "")
        for m in o.mentions:
            add(m.start, m.end, "institution", tip)
    return out


def _measure_ranges(doc: PolicyDocument) -> list[tuple[int, int, Measure]]:
    """Measure spans made properly nested: a span crossing the end of an enclosing one is clipped."""
    n = len(doc.text)
    spans = sorted(
        ((max(0, m.span.start), min(n, m.span.end), i, m) for i, m in enumerate(doc.measures)),
        key=lambda t: (t[0], -t[1], t[2]),
    )
    out: list[tuple[int, int, Measure]] = []
    open_ends: list[int] = []
    for s, e, _i, m in spans:
        while open_ends and open_ends[-1] <= s:
            open_ends.pop()
        if open_ends:
            e = min(e, open_ends[-1])
        if s < e:
            out.append((s, e, m))
            open_ends.append(e)
    return out


# -- rendering the text -------------------------------------------------------------------------


def _highlighted_text(doc: PolicyDocument, limit: Optional[int]) -> str:
    """The text with marks and measure wrappers; linear in text + O(k log k) in the number of marks."""
    text = doc.text if limit is None else doc.text[:limit]
    n = len(text)
    marks = sorted((m for m in _marks(doc) if m[0] < n), key=lambda m: (m[0], m[1]))
    measures = [(s, min(e, n), m) for s, e, m in _measure_ranges(doc) if s < n]
    cuts = {0, n}
    for s, e, *_ in marks:
        cuts.add(s)
        cuts.add(min(e, n))
    for s, e, _m in measures:
        cuts.add(s)
        cuts.add(e)
    positions = sorted(cuts)

    parts: list[str] = []
    open_measures: list[int] = []  # ends of the open measure wrappers, innermost last
    mi = ki = 0
    goals: list[tuple[int, int, int, str]] = []  # heap of open goal marks: (length, start, end, tip)
    entities: list[tuple[int, int, int, str, str]] = []  # heap of open other marks: (length, priority, end, kind, tip)
    outer: list[tuple[int, int, int, str, str]] = []  # the same marks, longest first: (-length, …)
    for a, b in zip(positions, positions[1:]):
        while open_measures and open_measures[-1] <= a:
            open_measures.pop()
            parts.append("</span>")
        while mi < len(measures) and measures[mi][0] == a:
            s, e, m = measures[mi]
            tip = f"measure ({m.kind}): {m.title}" + (f" · §{m.section}" if m.section else "")
            parts.append(f'<span class="fp-measure" style="{_MEASURE_CSS}" title="{_esc(tip)}">')
            open_measures.append(e)
            mi += 1
        while ki < len(marks) and marks[ki][0] == a:
            s, e, kind, tip = marks[ki]
            if kind == "goal":
                heapq.heappush(goals, (e - s, s, e, tip))
            else:
                heapq.heappush(entities, (e - s, _PRIORITY.get(kind, 9), e, kind, tip))
                heapq.heappush(outer, (s - e, _PRIORITY.get(kind, 9), e, kind, tip))
            ki += 1
        while goals and goals[0][2] <= a:
            heapq.heappop(goals)
        while entities and entities[0][2] <= a:
            heapq.heappop(entities)
        while outer and outer[0][2] <= a:
            heapq.heappop(outer)
        # Lazy deletion only clears the top; an ended mark further down is skipped when it surfaces.
        chunk = _esc(text[a:b])
        if not goals and not entities:
            parts.append(chunk)
            continue
        classes, style, tips = [], _MARK_CSS, []
        if entities:  # the innermost mention gives the colour
            kind, tip = entities[0][3], entities[0][4]
            classes.append(f"fp-{kind}")
            style += HIGHLIGHT_STYLES[kind][1]
            tips.append(tip)
            if outer[0][0] != -entities[0][0] or outer[0][2] != entities[0][2]:  # nested in a longer mention
                style += _outer_underline(outer[0][3])
                tips.append(outer[0][4])
        if goals:
            classes.append("fp-goal")
            style += ("" if entities else HIGHLIGHT_STYLES["goal"][1]) + _GOAL_UNDERLINE
            tips.append(goals[0][3])
        parts.append(f'<span class="{" ".join(classes)}" style="{style}" title="{_esc(" | ".join(tips))}">'
                     f"{chunk}</span>")
    parts.extend("</span>" for _ in open_measures)
    return "".join(parts)


# -- summary ------------------------------------------------------------------------------------


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]], css_class: str) -> str:
    head = "".join(f'<th style="{_HEAD}">{_esc(h)}</th>' for h in header)
    head = f"<thead><tr>{head}</tr></thead>" if head else ""
    body = "".join("<tr>" + "".join(f'<td style="{_CELL}">{_esc(c)}</td>' for c in row) + "</tr>" for row in rows)
    return (f'<table class="{css_class}" style="border-collapse:collapse;margin:4px 0 8px 0;font-size:90%;'
            f'background:transparent;color:inherit">{head}<tbody>{body}</tbody></table>')


def _meta_rows(doc: PolicyDocument) -> list[tuple[str, str]]:
    m = doc.meta
    period = ""
    if m.period.start or m.period.end:
        period = f"{m.period.start or '…'}–{m.period.end or '…'}"
    region = (m.region or "") + (f" ({m.region_code})" if m.region_code else "")
    rows = [("Issuer", m.issuer), ("Number", m.doc_number), ("Published", m.publish_date), ("Period", period),
            ("Region", region), ("Source", doc.source)]
    return [(k, v if v else "—") for k, v in rows]


def _legend(doc: PolicyDocument) -> str:
    counts = {"goal": len(doc.goals), "industry": len(doc.industries), "region": len(doc.regions),
              "institution": len(doc.institutions), "measure": len(doc.measures)}
    items = []
    for kind, (label, css) in HIGHLIGHT_STYLES.items():
        swatch = _MEASURE_CSS if kind == "measure" else _MARK_CSS + css + (_GOAL_UNDERLINE if kind == "goal" else "")
        items.append(f'<span class="fp-legend-{kind}" style="{swatch}padding:0 4px;margin-right:10px;'
                     f'white-space:nowrap">{_esc(label)} {counts[kind]}</span>')
    sections = f'<span style="opacity:.75">{len(doc.sections)} sections</span>'
    return f'<div class="fp-legend" style="margin:6px 0">{"".join(items)}{sections}</div>'


def document_html(doc: PolicyDocument, standalone: bool = False, *, max_chars: Optional[int] = None) -> str:
    """HTML of a document: summary, goals table, legend and the text with highlighted evidence.

    Args:
        doc: the document to show.
        standalone: ``True`` for a whole page (``<!doctype html>``, UTF-8 charset, title), as written
            by :meth:`PolicyDocument.to_html` and ``futurepolicy convert --format html``; ``False`` for
            a fragment, as shown by Jupyter through :meth:`PolicyDocument._repr_html_`.
        max_chars: show at most this many characters of the text (default: all of it on a page,
            the first 200,000 in a notebook, with a note saying so).

    Returns:
        The HTML as a string. Every piece of document text is escaped: a plan containing
        ``<script>`` shows it as text.

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("到2027年,培育1000家左右高新技术企业。<script>")
        >>> html_page = doc.to_html()
        >>> html_page.startswith("<!doctype html>"), "&lt;script&gt;" in html_page
        (True, True)
    """
    if max_chars is None and not standalone:
        max_chars = NOTEBOOK_MAX_CHARS
    limit = max_chars if max_chars is not None and len(doc.text) > max_chars else None
    title = doc.meta.title or doc.id

    section_titles = {sec.id: sec.title for sec in doc.sections}
    goals_rows = [
        (i + 1, g.metric, _goal_value(g), g.unit, g.target_year or "",
         f"{g.section} {section_titles.get(g.section, '')}".strip() if g.section else "", g.text)
        for i, g in enumerate(doc.goals)
    ]
    goals_html = (
        _table(["#", "Metric", "Value", "Unit", "Year", "Section", "Text"], goals_rows, "fp-goals")
        if goals_rows else '<div style="opacity:.75">No goals found.</div>'
    )
    note = ""
    if limit is not None:
        note = (f'<div style="opacity:.75;margin-top:4px">Showing the first {limit:,} of {len(doc.text):,} '
                f"characters; doc.to_html() writes the whole text.</div>")
    box = "white-space:pre-wrap;word-break:break-word;line-height:1.75;padding:8px 10px;" \
          "border:1px solid rgba(128,128,128,.35);border-radius:4px;"
    if not standalone:
        box += "max-height:36em;overflow:auto;"
    fragment = (
        f'<div class="futurepolicy-doc" style="{_FONT}color:inherit;line-height:1.5;max-width:100%">'
        f'<div style="font-size:115%;font-weight:600">{_esc(title)}</div>'
        f'<div style="opacity:.75;font-size:85%">{_esc(doc.id)}</div>'
        + _table([], _meta_rows(doc), "fp-meta")
        + f'<details open><summary style="cursor:pointer;font-weight:600">Goals ({len(doc.goals)})</summary>'
        f"{goals_html}</details>"
        + _legend(doc)
        + f'<div class="fp-text" style="{box}">{_highlighted_text(doc, limit)}</div>{note}</div>'
    )
    if not standalone:
        return fragment
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{_esc(title)}</title>"
        "<style>body{margin:1.5em auto;max-width:64em;padding:0 1em}"
        "@media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#e0e0e0}}</style>"
        f"</head><body>{fragment}</body></html>\n"
    )
