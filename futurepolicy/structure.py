"""Outline parsing: the heading hierarchy of a plan (GB/T 9704 style) as a tree of sections.

Heading styles (一、 / (一) / 1. / (1) / ① / 第一章 / 第一条 / —— bullets) are data: the ``headings``
table of the rule packs. This module finds heading numbers at the start of a line, or after a space
in one-line web text, and keeps those that fit the document's numbering:

* **levels by nesting** — a style seen for the first time nests below the current heading, so a
  document that starts at (一), or uses 第一章 > 第一条, still gets a correct tree;
* **numbers in sequence** — a heading must continue its level (二、 after 一、, (三) after (二)); a new
  level must start at 1. A list item inside a sentence ("推动“1-100”产业", a "(1)" mid-sentence, the
  chunk markers "1、2、3、" of a scraped page, 2022.9.24, 1.2万亿元) fails these checks and is dropped;
* **context** — a heading follows the end of a sentence, a short line or another heading's title.

It also finds where the plan proper begins (:func:`find_body_start`): after a news wrapper and after
an 印发…的通知 notice, at the plan's own title line.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("一、总体要求\\n(一)指导思想\\n坚持创新驱动。\\n(二)发展目标\\n到2027年,培育10家企业。")
    >>> [(s.id, s.number, s.title, s.level) for s in doc.sections]
    [('1', '一、', '总体要求', 1), ('1.1', '(一)', '指导思想', 2), ('1.2', '(二)', '发展目标', 2)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .context import Context, OutlineNode
from .model import Section
from .rules import RuleSet, compile_pattern, pattern_timeout
from .rules import finditer as rules_finditer

__all__ = [
    "parse_outline",
    "outline_sections",
    "find_body_start",
    "numeral_value",
    "HeadingStyle",
    "Line",
    "line_index",
    "find_notice",
    "Notice",
    "title_key",
    "as_written",
]

# Characters that end a sentence or clause: a heading at a line start must follow one of them (or a
# short line), and an inline heading must follow one of them (or another heading's title).
_SENTENCE_END = "。;!?:」』”\")》|"
_TITLE_END_LINE = "。;!?:"  # a heading title at the start of a line ends at these, a space or the line end
_TITLE_END_DASH = "。;"
_GLUE = "。;"  # a heading run into the paragraph before it follows one of these (…建立专班。(二)加大资金支持。)  # a —— bullet's title: up to the first 。 or ;
_BAD_TITLE_START = ",、。;:!?)]%-~.·"
_MAX_CONTINUATION = 40  # a longer previous line that does not end a sentence is wrapped text, not a heading
_MAX_TITLE_LINE = 100  # a standalone title line is at most this long
_MIN_TITLE_LINE = 8
_MAX_SHORT_HEADING = 40  # a heading line this short without a sentence mark is all title

_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def numeral_value(s: str) -> Optional[int]:
    """The number in a heading number or date part: Arabic, Chinese or circled.

    Examples:
        >>> [numeral_value(x) for x in ["(三)", "十二、", "第二十一条", "12.", "⑤", "二〇二二", "--"]]
        [3, 12, 21, 12, 5, 2022, None]
    """
    digits = "".join(c for c in s if c.isascii() and c.isdigit())
    if digits:
        return int(digits)
    for c in s:
        if "\u2460" <= c <= "\u2473":
            return ord(c) - 0x2460 + 1
    chars = [c for c in s if c in _CN_DIGIT or c in _CN_UNIT]
    if not chars:
        return None
    if not any(c in _CN_UNIT for c in chars):  # 二〇二二: digit by digit
        v = 0
        for c in chars:
            v = v * 10 + _CN_DIGIT[c]
        return v
    total, cur = 0, 0
    for c in chars:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        else:
            total += (cur or 1) * _CN_UNIT[c]
            cur = 0
    return total + cur


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    """One row of the ``headings`` table, ready to use."""

    id: str
    rank: int
    inline: bool
    paragraph: bool
    continuous: bool
    rule: str


@dataclass(frozen=True, slots=True)
class _Styles:
    styles: tuple[HeadingStyle, ...]
    pattern: object  # compiled `regex` alternation, one named group per style
    limited: bool = False  # a style comes from a pack outside futurepolicy: run under a time limit


def _build_styles(rules: RuleSet) -> _Styles:
    rows = sorted(rules.table("headings"), key=lambda r: (r["rank"], r["id"]))
    styles, parts = [], []
    for i, row in enumerate(rows):
        styles.append(
            HeadingStyle(
                id=row["id"],
                rank=row["rank"],
                inline=bool(row.get("inline")),
                paragraph=bool(row.get("paragraph")),
                continuous=bool(row.get("continuous")),
                rule=f"{row.get('_pack', 'national')}/headings#{row['id']}",
            )
        )
        compile_pattern(row["pattern"])  # validate early
        parts.append(f"(?P<h{i}>{row['pattern']})")
    if not parts:
        return _Styles((), None)
    # a heading number starts a line or follows a space (or, continuing its level, a full stop)
    pattern = compile_pattern(r"(?:^|(?<=[\n " + _GLUE + "]))(?:" + "|".join(parts) + ")")
    limited = rules.timeout({row.get("_pack", "national") for row in rows}, 0) is not None
    return _Styles(tuple(styles), pattern, limited)


def _styles(rules: RuleSet) -> _Styles:
    return rules.memo("structure:styles", _build_styles)


# -- lines ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the normalised text: ``ntext[start:end]`` (no newline)."""

    start: int
    end: int


def line_index(ctx: Context) -> list[Line]:
    """The lines of ``ctx.ntext`` (computed once per document)."""
    lines = ctx.results.get("_lines")
    if lines is None:
        lines, pos, text = [], 0, ctx.ntext
        while True:
            nl = text.find("\n", pos)
            if nl < 0:
                lines.append(Line(pos, len(text)))
                break
            lines.append(Line(pos, nl))
            pos = nl + 1
        ctx.results["_lines"] = lines
    return lines


def as_written(ctx: Context, start: int, end: int) -> str:
    """The ``doc.text`` characters behind each normalised character of ``[start, end)``.

    Unlike :meth:`Context.original` this skips what normalisation dropped (converter debris such as
    ``發(fā)``, zero-width characters, extra spaces), so a title reads as printed: ``發展規劃``.
    """
    norm, text = ctx.norm, ctx.text
    return "".join(text[norm.orig(i)] for i in range(start, end))


def title_key(s: str) -> str:
    """A title without spaces and quote marks, to compare two printings of one title."""
    return re.sub(r"[\s“”\"'‘’「」]", "", s)


def _words(rules: RuleSet, name: str) -> list[str]:
    return rules.word_list("outline_words", name)


# -- notice and body start ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """The covering notice of a plan (关于印发《X》的通知 / 现将《X》印发给你们), normalised offsets."""

    line: int  # index of the notice line
    title_start: int  # X inside 《》
    title_end: int
    issuer_start: int  # the text before 关于 on a "…关于印发《X》的通知" line (empty span if none)
    issuer_end: int


_BOOK_RE = re.compile(r"《([^《》\n]{4,120})》")
_NOTICE_SCAN_LINES = 60


def find_notice(ctx: Context) -> Optional[Notice]:
    """The covering notice near the top of the document, if any (computed once per document)."""
    if "_notice" in ctx.results:
        return ctx.results["_notice"]
    text, rules = ctx.ntext, ctx.rules
    verbs = _words(rules, "notice_verbs")
    notice_words = _words(rules, "notice_words")
    handover = _words(rules, "notice_handover")
    found = None
    for i, ln in enumerate(line_index(ctx)[:_NOTICE_SCAN_LINES]):
        line = text[ln.start : ln.end]
        m = _BOOK_RE.search(line)
        if not m or not any(v in line for v in verbs):
            continue
        after = line[m.end() :]
        is_header = any(w in after[:4] for w in notice_words)
        is_handover = any(h in line for h in handover)
        if not (is_header or is_handover):
            continue
        istart = iend = ln.start
        if is_header:
            k = max((line.rfind(a, 0, m.start()) for a in _words(rules, "about_words")), default=-1)
            if k > 0:
                istart, iend = ln.start, ln.start + k
                while iend > istart and text[iend - 1] == " ":
                    iend -= 1
        found = Notice(i, ln.start + m.start(1), ln.start + m.end(1), istart, iend)
        break
    ctx.results["_notice"] = found
    return found


def _strip_tail_parens(s: str) -> str:
    s = s.rstrip()
    while s.endswith(")") and "(" in s:
        k = s.rfind("(")
        if len(s) - k > 24:
            break
        s = s[:k].rstrip()
    return s


def is_title_line(rules: RuleSet, line: str) -> bool:
    """A line that is only a plan title: ends with a document type (方案, 计划 …) and an optional (…)."""
    s = line.strip()
    if not (_MIN_TITLE_LINE <= len(s) <= _MAX_TITLE_LINE) or any(c in s for c in "。,;:!?") or s[0].isdigit():
        return False
    if any(s.startswith(c) for c in _words(rules, "wrapper_cues")):
        return False
    core = _strip_tail_parens(s)
    return any(core.endswith(w) for w in _words(rules, "doc_types"))


def _first_raw_heading(ctx: Context) -> int:
    st = _styles(ctx.rules)
    if st.pattern is None:
        return len(ctx.ntext)
    text = ctx.ntext
    for m in _heading_matches(st, text, ctx.source):
        if m.start() == 0 or text[m.start() - 1] == "\n":
            return m.start()
    return len(text)


def _heading_matches(st: "_Styles", text: str, source: str | None) -> list:
    """Matches of the packs' heading patterns. Built-in ones run unlimited (the tests probe them);
    with a style from another pack the pattern is time-limited like every such regex, a limit that
    grows with the text (a pattern that backtracks badly fails this document with
    RegexTimeoutError instead of hanging a batch)."""
    timeout = pattern_timeout(len(text)) if st.limited else None
    return rules_finditer(st.pattern, text, source=source, timeout=timeout)


def find_body_start(ctx: Context) -> int:
    """Where the plan proper begins, in normalised offsets (0 when the text starts with the plan).

    After a covering notice, the plan begins at its own title line (the notice's 《X》); without a
    notice, at the last line that is only a plan title before the first heading (a news wrapper or
    web-page header before it is skipped).
    """
    text, rules = ctx.ntext, ctx.rules
    lines = line_index(ctx)
    notice = find_notice(ctx)
    if notice is not None:
        want = title_key(_strip_tail_parens(text[notice.title_start : notice.title_end]))
        for ln in lines[notice.line + 1 : notice.line + 1 + _NOTICE_SCAN_LINES]:
            key = title_key(_strip_tail_parens(text[ln.start : ln.end]))
            if key and key == want:
                return ln.start
        # no title line: the plan starts after the notice block (signature, date, 此件公开发布)
        last = notice.line
        for j in range(notice.line + 1, min(len(lines), notice.line + 10)):
            s = text[lines[j].start : lines[j].end].strip()
            if _is_date_only(s) or (s.startswith("(") and s.endswith(")") and len(s) <= 20):
                last = j
        if last + 1 < len(lines):
            return lines[last + 1].start
        return lines[notice.line].end
    limit = _first_raw_heading(ctx)
    best = 0
    for ln in lines[:_NOTICE_SCAN_LINES]:
        if ln.start >= limit:
            break
        if ln.start > 0 and is_title_line(rules, text[ln.start : ln.end]):
            best = ln.start
    return best


# -- dates (shared with meta.py) ---------------------------------------------------------------

DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2}) ?年 ?(?P<m>\d{1,2}) ?月 ?(?P<d>\d{1,2}) ?日"
    r"|(?P<y2>(?:19|20)\d{2})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?![\d.])"
    r"|(?P<y3>[一二三四五六七八九〇零○]{4})年(?P<m3>[一二三四五六七八九十]{1,3})月(?P<d3>[一二三四五六七八九十]{1,3})日"
)


def date_iso(m: "re.Match[str]") -> Optional[str]:
    """The ISO date of a :data:`DATE_RE` match, or ``None`` when it is not a real date."""
    import datetime

    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    elif m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y, mo, d = (numeral_value(m.group(g)) or 0 for g in ("y3", "m3", "d3"))
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _is_date_only(s: str) -> bool:
    m = DATE_RE.fullmatch(s.strip())
    return bool(m and date_iso(m))


# -- the outline -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    style: HeadingStyle
    last: Optional[int]
    node: OutlineNode
    children: int = 0


def _title_bounds(text: str, pos: int, style: HeadingStyle, inline: bool = False) -> tuple[int, int, int]:
    """(title_start, title_end, body_start) of a heading whose number ends at ``pos``.

    A heading line without a sentence in it is all title (一、前瞻布局:抢占量子科技与6G等新赛道);
    otherwise the title ends at the first 。 ; ! ? : (。 or ; for bullets), at a space followed by
    the body (one-line pages), or at the end of the line.
    """
    n = len(text)
    while pos < n and text[pos] == " ":
        pos += 1
    start = pos
    if not inline and not style.paragraph:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        if line_end - pos <= _MAX_SHORT_HEADING and not any(c in "。;!?" for c in text[pos:line_end]):
            end = line_end
            while end > start and text[end - 1] in " :":
                end -= 1
            body = line_end
            while body < n and text[body] in " \n":
                body += 1
            if end > start and " " not in text[start:end]:
                return start, end, body
    stops = _TITLE_END_DASH if style.paragraph else _TITLE_END_LINE
    while pos < n:
        c = text[pos]
        if c == "\n" or c in stops:
            break
        if c == " " and not style.paragraph and pos > start:
            break
        pos += 1
    end = pos
    while end > start and text[end - 1] == " ":
        end -= 1
    body = pos
    if body < n and text[body] in stops:
        body += 1
    while body < n and text[body] in " \n":
        body += 1
    return start, end, body


def _blank_line_before(ctx: Context, start: int) -> bool:
    """The original text has an empty line right before normalised offset ``start`` (a paragraph break)."""
    o, text = ctx.norm.orig(start), ctx.text
    newlines, k = 0, o - 1
    while k >= 0 and o - k <= 40 and text[k] in " \t\r\n\u3000\u00a0":
        newlines += text[k] == "\n"
        k -= 1
    return newlines >= 2


def _context_ok(ctx: Context, start: int, style: HeadingStyle, prev_title_end: int) -> bool:
    """A heading follows the end of a sentence, a short line, a paragraph break, or (inline) another
    heading's title."""
    if start == 0:
        return True
    text = ctx.ntext
    before = text[start - 1]
    if before == " ":
        if not style.inline:
            return False
        if start - 1 == prev_title_end:
            return True
        k = start - 1
        while k > 0 and text[k - 1] == " ":
            k -= 1
        return k == 0 or text[k - 1] in _SENTENCE_END or text[k - 1] == "\n"
    # at a line start: the previous line ends a sentence, is short, or is a heading
    k = start - 1
    ls = text.rfind("\n", 0, k) + 1
    prev = text[ls:k].rstrip()
    if not prev or prev[-1] in _SENTENCE_END or len(prev) <= _MAX_CONTINUATION:
        return True
    if ls + len(prev) == prev_title_end:  # the previous line is a heading and its title
        return True
    return _blank_line_before(ctx, start)


def _continues(stack: list["_Open"], style: HeadingStyle, ordinal: Optional[int]) -> bool:
    """A heading run into the paragraph before it (…。(二)…) counts only as the next number of a level
    that is open: the outline did not survive copying, the numbering did."""
    if style.paragraph or ordinal is None:
        return False
    return any(o.style.id == style.id and o.last is not None and o.last + 1 == ordinal for o in stack)


def _doc_end(ctx: Context, from_pos: int) -> int:
    """End of the text that headings may govern: trailing wrapper lines and ``|`` debris removed."""
    text = ctx.ntext
    end = len(text)
    cues = _words(ctx.rules, "wrapper_cues")
    lines = line_index(ctx)
    # drop trailing short lines without a sentence end (site names, bylines) after the last sentence
    for ln in reversed(lines):
        if ln.start <= from_pos:
            break
        s = text[ln.start : ln.end].strip()
        if s and (any(s.startswith(c) for c in cues) or (len(s) <= 30 and not any(c in s for c in "。;!?"))):
            end = ln.start
            continue
        break
    while end > from_pos and text[end - 1] in " \n|":
        end -= 1
    return end


def parse_outline(ctx: Context) -> list[OutlineNode]:
    """The heading tree of the document, in document order (normalised offsets).

    Also sets ``ctx.body_start`` (see :func:`find_body_start`).

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("一、发展重点 (一)卫星互联网 重点发展卫星通信。 (二)生物制造 重点研发合成生物技术。")
        >>> [(s.id, s.number, s.title, s.parent) for s in doc.sections]
        [('1', '一、', '发展重点', None), ('1.1', '(一)', '卫星互联网', '1'), ('1.2', '(二)', '生物制造', '1')]
    """
    text = ctx.ntext
    ctx.body_start = find_body_start(ctx)
    st = _styles(ctx.rules)
    if st.pattern is None or not text:
        return []
    nodes: list[OutlineNode] = []
    stack: list[_Open] = []
    top_count = 0
    last_continuous: dict[str, int] = {}
    prev_title_end = -2
    pos_floor = ctx.body_start
    for m in _heading_matches(st, text, ctx.source):
        start = m.start()
        if start < pos_floor:
            continue
        style = st.styles[int(m.lastgroup[1:])]
        glued = text[start - 1 : start] in _GLUE if start > 0 else False
        if glued:
            if not _continues(stack, style, numeral_value(m.group())):
                continue
        elif not _context_ok(ctx, start, style, prev_title_end):
            # "2、" continuing a sentence: the open "1、" of that style was a chunk marker too
            ordinal = numeral_value(m.group())
            idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style.id == style.id), None)
            if idx is not None and ordinal is not None and stack[idx].last == ordinal - 1:
                dropped = stack[idx].node
                del nodes[nodes.index(dropped) :]
                del stack[idx:]
                if stack:
                    stack[-1].children -= 1
                else:
                    top_count -= 1
                prev_title_end = -2
            continue
        t_start, t_end, body = _title_bounds(text, m.end(), style, inline=glued or text[start - 1 : start] == " ")
        if t_end <= t_start or text[t_start] in _BAD_TITLE_START:
            continue
        ordinal = numeral_value(m.group())
        idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].style.id == style.id), None)
        if style.continuous and style.id in last_continuous:
            expected = last_continuous[style.id] + 1
        elif idx is not None:
            expected = (stack[idx].last or 0) + 1
        elif not nodes and style.rank == 1 and ordinal is not None:
            expected = ordinal  # an excerpt may start at 二、: the first top-rank heading sets the count
        else:
            expected = 1
        if ordinal is not None and ordinal != expected:
            continue
        if idx is None:
            idx = len(stack)
            while idx > 0 and stack[idx - 1].style.paragraph:  # a bullet paragraph holds no headings
                idx -= 1
        del stack[idx:]
        parent = stack[-1] if stack else None
        if parent is not None:
            parent.children += 1
            node_id = f"{parent.node.id}.{parent.children}"
        else:
            top_count += 1
            node_id = str(top_count)
        node = OutlineNode(
            id=node_id,
            number=as_written(ctx, start, m.end()),
            title=as_written(ctx, t_start, t_end),
            level=idx + 1,
            parent=parent.node.id if parent else None,
            start=start,
            title_start=t_start,
            title_end=t_end,
            body_start=body,
            end=len(text),
            style=style.id,
        )
        stack.append(_Open(style, ordinal, node))
        if style.continuous and ordinal is not None:
            last_continuous[style.id] = ordinal
        nodes.append(node)
        prev_title_end = t_end
    _set_ends(ctx, nodes, st)
    return nodes


def _set_ends(ctx: Context, nodes: list[OutlineNode], st: _Styles) -> None:
    """A section ends where the next heading of its level or above begins (trailing space trimmed)."""
    if not nodes:
        return
    text = ctx.ntext
    doc_end = max(_doc_end(ctx, nodes[-1].body_start), nodes[-1].title_end)
    paragraph = {s.id for s in st.styles if s.paragraph}

    def trim(e: int, floor: int) -> int:
        while e > floor and text[e - 1] in " \n":
            e -= 1
        return e

    open_: list[OutlineNode] = []
    for node in nodes:
        while open_ and open_[-1].level >= node.level:
            done = open_.pop()
            done.end = trim(node.start, done.title_end)
        open_.append(node)
    for done in open_:
        done.end = max(doc_end, done.title_end)
    # bullets are one paragraph: end with their line unless a child runs further
    last_child_end: dict[str, int] = {}
    for node in reversed(nodes):
        if node.style in paragraph:
            nl = text.find("\n", node.title_end)
            line_end = trim(nl if nl >= 0 else len(text), node.title_end)
            node.end = max(min(node.end, line_end), last_child_end.get(node.id, 0))
        if node.parent is not None:
            last_child_end[node.parent] = max(last_child_end.get(node.parent, 0), node.end)


def outline_sections(ctx: Context) -> list[Section]:
    """The outline as model :class:`~futurepolicy.model.Section` objects (spans in ``doc.text``)."""
    return [
        Section(
            id=n.id,
            number=n.number,
            title=n.title,
            level=n.level,
            parent=n.parent,
            span=ctx.span(n.start, n.end),
        )
        for n in ctx.outline
    ]
