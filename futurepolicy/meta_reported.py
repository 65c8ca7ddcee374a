"""The document a news text, briefing or work report is about.

Most texts users collect are not the plan itself but a page about it: 上海印发《X》 ·
《X》(以下简称《Y》)正式发布 · 内蒙古自治区…行动方案印发 · 省长作政府工作报告. This module finds
that document's title, its issuer (X印发, X关于印发, X研究出台了《, X第N次常务会审议通过《, 经X同意,
代表X作报告) and the date the text gives for it (a full date of the meeting that adopted or heard it, or
the date of a notice marked 此件主动公开). A page's own date (发布时间 next to 来源) is not the
document's: :func:`is_byline` tells those lines apart.

All cue words are pack data (``outline_words``); the code holds the shapes only.

Examples:
    >>> import futurepolicy
    >>> m = futurepolicy.extract("本报讯 日前,市科技局研究出台了《关于加快培育未来产业的行动计划"
    ...     "(2025—2027年)》(以下简称《计划》)。《计划》提出,到2027年培育10家领军企业。").meta
    >>> m.title, m.issuer, m.period.start, m.period.end
    ('关于加快培育未来产业的行动计划(2025—2027年)', '市科技局', 2025, 2027)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from .context import Context
from .structure import DATE_RE, date_iso, is_title_line

__all__ = ["Reported", "find_reported", "is_byline", "disclosed_date"]

_SEARCH_CHARS = 1500  # a reported document is named near the top of a page
_STANDALONE_LINES = 3  # a work report the text is about is named in its first lines …
_STANDALONE_CHARS = 600  # … and characters
_WINDOW = 12  # characters before 《 / after 》 searched for a cue
_BOOK_RE = re.compile(r"《([^《》\n]{4,120})》")
_CLAUSE_MARKS = ",。;:!?\n"
_ISSUER_MAX = 30
_REPORT_LINES = 12  # the lines where a work report says on whose behalf it is given


@dataclass(frozen=True, slots=True)
class Reported:
    """Spans (normalised offsets) of the reported document's title and issuer, and the date the
    text gives for it (ISO or ``None``)."""

    title: tuple[int, int]
    issuer: Optional[tuple[int, int]]
    date: Optional[str]


_LISTS = (
    "report_verbs report_verb_particles report_adverbs bare_title_verbs shorthand_cues citation_cues "
    "issuer_links standalone_titles report_issuer_suffixes report_delegates report_offices meeting_words "
    "disclosure_marks byline_cues"
).split()


@dataclass(frozen=True, slots=True)
class _Cues:
    words: dict[str, tuple[str, ...]]  # list name -> words, longest first
    shorthand: Optional[re.Pattern]  # 》(以下简称《Y》)
    bare_verb: Optional[re.Pattern]  # a publishing verb ending a clause
    standalone: Optional[re.Pattern]  # 政府工作报告, also spaced out (政 府 工 作 报 告)
    delegate: Optional[re.Pattern]  # 代表X人民政府
    office: Optional[re.Pattern]  # X人民政府代市长


def _alt(words) -> str:
    return "|".join(map(re.escape, words))


def _build(rules) -> _Cues:
    w = {n: tuple(sorted(set(rules.word_list("outline_words", n)), key=lambda x: (-len(x), x))) for n in _LISTS}
    ends = _alt(w["report_issuer_suffixes"])
    return _Cues(
        words=w,
        shorthand=re.compile(r" ?\((?:" + _alt(w["shorthand_cues"]) + r")[^()]{0,20}\)") if w["shorthand_cues"] else None,
        bare_verb=re.compile(r"(?:" + _alt(w["bare_title_verbs"]) + r")(?=[" + re.escape(_CLAUSE_MARKS) + r"]|$)")
        if w["bare_title_verbs"] else None,
        standalone=re.compile("|".join(" ?".join(map(re.escape, x)) for x in w["standalone_titles"]))
        if w["standalone_titles"] else None,
        delegate=re.compile(r"(?:" + _alt(w["report_delegates"]) + r")([^,。;:!?\n ]{1,20}?(?:" + ends + "))")
        if ends and w["report_delegates"] else None,
        office=re.compile(r"([^,。;:!?\n ]{1,20}?(?:" + ends + r"))(?:" + _alt(w["report_offices"]) + ")")
        if ends and w["report_offices"] else None,
    )


def _cues(ctx: Context) -> _Cues:
    return ctx.rules.memo("meta_reported:cues", _build)


def _words(ctx: Context, name: str) -> tuple[str, ...]:
    return _cues(ctx).words[name]


def _clause_start(text: str, pos: int, lo: int = 0) -> int:
    i = pos - 1
    while i >= lo and text[i] not in _CLAUSE_MARKS:
        i -= 1
    return i + 1


def _strip_start(s: str, words: tuple[str, ...]) -> int:
    """How many characters of ``s`` the leading ``words`` (repeated) and spaces take."""
    k, changed = 0, True
    while changed:
        changed = False
        while k < len(s) and s[k] == " ":
            k += 1
        for w in words:
            if s.startswith(w, k):
                k += len(w)
                changed = True
                break
    return k


def _is_title(ctx: Context, s: str) -> bool:
    """A document title: ends with a document type (方案, 规划 …) or is a standalone title (政府工作报告)."""
    core = re.sub(r" ?\([^()]{1,24}\)$", "", s.strip())
    return is_title_line(ctx.rules, s) or any(core.endswith(w) for w in _words(ctx, "standalone_titles"))


# -- 《X》 with a publishing cue ----------------------------------------------------------------------


def _book_cued(ctx: Context, a: int, b: int, lo: int) -> bool:
    """Whether the 《…》 at ``[a, b)`` names the document the text reports on: a publishing verb just
    before it (印发《 · 研究出台了《 · 审议通过的《) or after it (》正式发布 · 》(以下简称《Y》)出台 ·
    》政策解读), and no citation cue (贯彻落实《 · 按照《) in its clause."""
    text = ctx.ntext
    cs = _clause_start(text, a, lo)
    before = text[max(cs, a - _WINDOW) : a].rstrip(" ")
    if any(w in text[cs:a] for w in _words(ctx, "citation_cues")):
        return False
    verbs = _words(ctx, "report_verbs")
    trimmed = before.rstrip("".join(_words(ctx, "report_verb_particles")))
    if trimmed.endswith(verbs):
        return True
    after = text[b : b + 40]
    shorthand = _cues(ctx).shorthand
    if shorthand is not None and shorthand.match(after):
        return True
    k = _strip_start(after, _words(ctx, "report_adverbs"))
    return after[k:].startswith(verbs)


def _books(ctx: Context, lo: int, hi: int):
    text = ctx.ntext
    for m in _BOOK_RE.finditer(text, lo, hi):
        if _is_title(ctx, m.group(1)) and _book_cued(ctx, m.start(), m.end(), lo):
            yield m.start(1), m.end(1)


# -- a bare title before its verb: …行动方案印发, -------------------------------------------------------


def _bare_titles(ctx: Context, lo: int, hi: int):
    """A clause that is a title and a publishing verb: 内蒙古自治区…行动方案印发, (no 《》)."""
    text = ctx.ntext
    adverbs = _words(ctx, "report_adverbs")
    pat = _cues(ctx).bare_verb
    if pat is None:
        return
    for m in pat.finditer(text, lo, hi):
        cs = _clause_start(text, m.start(), lo)
        end = m.start()
        for w in adverbs:  # …行动方案正式印发
            if text.endswith(w, cs, end):
                end -= len(w)
                break
        title = text[cs:end].strip()
        if title and _is_title(ctx, title) and not any(w in title for w in _words(ctx, "citation_cues")):
            s = cs + (len(text[cs:end]) - len(text[cs:end].lstrip()))
            yield s, s + len(title)


# -- a standalone title the text is about: 政府工作报告 -------------------------------------------------


def _standalone(ctx: Context, lines, is_place: Callable[[str], int]) -> Optional[tuple[int, int]]:
    """The first mention of a document known by its kind alone (政府工作报告) in the text's first
    lines, with the year and the place written before it (合肥市2023年政府工作报告)."""
    text = ctx.ntext
    pat = _cues(ctx).standalone
    if pat is None:
        return None
    lead = [ln for ln in lines if text[ln.start : ln.end].strip()][:_STANDALONE_LINES]
    for ln in lead:
        if ln.start >= _STANDALONE_CHARS:
            break
        m = pat.search(text, ln.start, min(ln.end, _STANDALONE_CHARS + 40))
        if m is None:
            continue
        cs = _clause_start(text, m.start(), ln.start)
        if any(w in text[cs : m.start()] for w in _words(ctx, "citation_cues")):
            continue
        s = m.start()
        while True:  # 合肥市 2023年 政府工作报告: the place and the year written before it
            y = re.search(r"(?:19|20)\d\d ?年 ?$", text[max(cs, s - 7) : s])
            if y:
                s -= len(y.group())
                continue
            n = is_place(text[cs:s])
            if n:
                s -= n
                continue
            break
        return s, m.end()
    return None


# -- issuer -----------------------------------------------------------------------------------------


def _issuer_before(ctx: Context, a: int, lo: int, is_issuer: Callable[[str], bool]) -> Optional[tuple[int, int]]:
    """The issuer at the start of the clause before a reported title: 省工业和信息化厅联合相关部门制定出台了《
    → 省工业和信息化厅; 自治区政府第57次常务会审议通过《 → 自治区政府. The issuer ends where a link word
    (联合, 第, 研究, 印发 …) begins."""
    text = ctx.ntext
    cs = _clause_start(text, a, lo)
    cs += _strip_start(text[cs:a], _words(ctx, "report_adverbs"))
    links = _words(ctx, "issuer_links")
    clause = text[cs:a]
    for e in range(2, min(len(clause), _ISSUER_MAX) + 1):
        rest = clause[e:]
        if rest.startswith(links) and is_issuer(clause[:e]):
            return cs, cs + e
    return None


def _issuer_consent(ctx: Context, lo: int, hi: int, is_issuer: Callable[[str], bool]) -> Optional[tuple[int, int]]:
    """经X同意: the body that approved the document."""
    text = ctx.ntext
    for m in re.finditer(r"经([^,。;:!?\n]{2,30}?)同意", text[lo:hi]):
        if is_issuer(m.group(1)):
            return lo + m.start(1), lo + m.end(1)
    return None


def _report_issuer(ctx: Context, lines, is_issuer: Callable[[str], bool]) -> Optional[tuple[int, int]]:
    """The government a work report is given for: 代表X向大会作报告 · X(代)市长某某作报告."""
    text, cues = ctx.ntext, _cues(ctx)
    hi = min(len(text), lines[min(len(lines), _REPORT_LINES) - 1].end if lines else 0, _SEARCH_CHARS)
    if cues.delegate is not None:
        for m in cues.delegate.finditer(text, 0, hi):
            if is_issuer(m.group(1)):
                return m.start(1), m.end(1)
    pat = cues.office
    if pat is not None:
        for ln in lines:
            if ln.start >= hi:
                break
            for m in pat.finditer(text, ln.start, ln.end):
                s = m.start(1)
                k = next((k for k in range(s, m.end(1)) if is_issuer(text[k : m.end(1)])), None)
                if k is not None:
                    return k, m.end(1)
    return None


# -- dates ------------------------------------------------------------------------------------------


def _meeting_date(ctx: Context, lo: int, hi: int) -> Optional[str]:
    """A full date in a sentence about the meeting that adopted or heard the document:
    2026年1月28日,…人民代表大会第四次会议开幕 · ——2025年1月14日在…会议上."""
    text = ctx.ntext
    words = _words(ctx, "meeting_words")
    if not words:
        return None
    for m in DATE_RE.finditer(text, lo, hi):
        k = m.end()
        while k < len(text) and text[k] not in "。!?\n":
            k += 1
        if any(w in text[m.end() : k] for w in words) and (iso := date_iso(m)):
            return iso
    return None


def disclosed_date(ctx: Context, hi: int) -> Optional[str]:
    """The date of a notice printed just before its disclosure mark: 2023年1月18日(此件主动公开)."""
    text = ctx.ntext
    marks = _words(ctx, "disclosure_marks")
    if not marks:
        return None
    for m in DATE_RE.finditer(text, 0, hi):
        after = text[m.end() : m.end() + 12].lstrip(" (")
        if after.startswith(marks) and (iso := date_iso(m)):
            return iso
    return None


_BYLINE_REACH = 40  # characters around a page date searched for the rest of its byline


def is_byline(ctx: Context, start: int, end: int) -> bool:
    """Whether the page date at ``[start, end)`` stands in a byline (发布时间:… 来源:… / 日期:… 点击:):
    such a date is the page's, not the document's."""
    text = ctx.ntext
    lo = max(text.rfind("\n", 0, start) + 1, start - _BYLINE_REACH)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + _BYLINE_REACH)
    window = text[lo:hi]
    return any(w in window for w in _words(ctx, "byline_cues"))


# -- entry point ------------------------------------------------------------------------------------


def find_reported(
    ctx: Context, lines, is_issuer: Callable[[str], bool], is_place: Callable[[str], int]
) -> Optional[Reported]:
    """The document the text reports on, or ``None``.

    ``is_issuer(s)`` says whether ``s`` is an issuing body; ``is_place(s)`` gives the length of the
    place name ``s`` ends with (0: none). In order: a 《title》 with a publishing cue, a bare title
    clause ending in a publishing verb, a standalone title (政府工作报告) in the first lines; all
    before the first heading of the outline.
    """
    text = ctx.ntext
    hi = min(len(text), _SEARCH_CHARS)
    # a plan body's sections cite other documents; its own is named before them
    lead = min(hi, ctx.outline[0].start) if ctx.outline else hi
    span = next(_books(ctx, 0, lead), None)
    issuer = None
    if span is not None:
        issuer = _issuer_before(ctx, span[0] - 1, 0, is_issuer)
    else:
        span = next(_bare_titles(ctx, 0, lead), None)
    if span is None:
        span = _standalone(ctx, lines, is_place)
        if span is None:
            return None
        issuer = _report_issuer(ctx, lines, is_issuer)
    if issuer is None:
        issuer = _issuer_consent(ctx, 0, hi, is_issuer)
    return Reported(span, issuer, _meeting_date(ctx, 0, hi))
