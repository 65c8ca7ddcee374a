"""PDF text by layout: characters with their positions → lines → paragraphs.

A printed plan is typeset: its text layer holds lines, not paragraphs, often letter-spaced names
(``唐      山      市``), page numbers in every style (``— 3 —``, ``- 3 -``, ``第3页 共8页``), running
headers, and now and then a name set vertically, one character per line. This module reads the
characters and their boxes and rebuilds what was written:

* characters are grouped into lines by their vertical position, and a line's text is built from the
  gaps between them: a gap as wide as the line's usual spacing is nothing (justified and
  letter-spaced text), a wider one a space, a column-wide one a tab (table cells, side-by-side names);
* a stack of single characters one above the other is read top to bottom as one line;
* page numbers and lines repeated at the top or bottom of most pages are dropped;
* a line that runs to the right margin continues into the next line when that one starts at the left
  margin (not indented) in the same font size: paragraphs are rebuilt across lines and pages, so
  ``doc.text`` holds paragraphs; table rows (lines with a tab) stay lines.

Characters come from pypdfium2 (PDFium) when it is installed — measured about ten times faster than
pdfminer.six on typeset Chinese pages, with the same characters and boxes — else from pdfminer.six's
layout objects. :data:`READERS` names them; the one that ran is returned with the text.
"""

from __future__ import annotations

import collections
import functools
import io
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..errors import DecodeError, MissingExtraError, NoTextLayerError, ReaderError

__all__ = ["pdf_text", "layout_text", "Char", "Page", "READERS"]

READERS = ("pypdfium2", "pdfminer.six")


@dataclass(frozen=True, slots=True)
class Char:
    """One character and its box (PDF units, y grows downwards from the page top)."""

    ch: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Page:
    """A page's size and characters; ``unmapped`` counts glyphs whose font gives no Unicode."""

    width: float
    height: float
    chars: list[Char]
    unmapped: int = 0


@dataclass(slots=True)
class _Line:
    chars: list[Char]
    text: str = ""
    tabbed: bool = False
    page: int = 0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    column: int = 0  # 0: the page's single column (or the left one), 1: the right column
    extra: dict = field(default_factory=dict)

    def measure(self) -> None:
        cs = [c for c in self.chars if c.ch != " "] or self.chars
        self.x0 = min(c.x0 for c in cs)
        self.x1 = max(c.x1 for c in cs)
        self.top = min(c.top for c in cs)
        self.bottom = max(c.bottom for c in cs)
        self.size = statistics.median(c.size for c in cs)


# -- reading characters ------------------------------------------------------------------------------


def pdf_text(data: bytes, source: str) -> tuple[str, str]:
    """The text of a PDF, paragraphs rebuilt; returns ``(text, reader)``.

    Raises:
        MissingExtraError: neither pypdfium2 nor pdfminer.six is installed.
        ReaderError: a corrupt or encrypted file.
        NoTextLayerError: no text (a scan).
        DecodeError: fonts without a Unicode mapping.
    """
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        pages, reader = _pdfminer_pages(data, source), "pdfminer.six"
    else:
        pages, reader = _pdfium_pages(data, source), "pypdfium2"
    if not pages:
        raise ReaderError("corrupt PDF: no pages found", source=source)
    unmapped = sum(p.unmapped for p in pages)
    if unmapped and unmapped > sum(len(p.chars) for p in pages):
        raise DecodeError("the PDF's fonts have no Unicode mapping (only glyph codes)", source=source)
    text = layout_text(pages)
    if not text.strip():
        raise NoTextLayerError(f"no text layer in {len(pages)} page(s) (scanned PDF?): run OCR first", source=source)
    return text, reader


def _pdfium_pages(data: bytes, source: str) -> list[Page]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ReaderError("the PDF is encrypted (password protected)", source=source) from None
        raise ReaderError(f"corrupt PDF: {msg}", source=source) from None
    except Exception as e:  # noqa: BLE001 - PDFium binding errors on garbage
        raise ReaderError(f"corrupt PDF: {type(e).__name__}: {e}", source=source) from None
    pages: list[Page] = []
    rect = raw.FS_RECTF()
    try:
        for k in range(len(pdf)):
            page = pdf[k]
            width, height = page.get_size()
            tp = page.get_textpage()
            handle = tp.raw
            chars: list[Char] = []
            unmapped = 0
            for i in range(raw.FPDFText_CountChars(handle)):
                code = raw.FPDFText_GetUnicode(handle, i)
                if code in (0, 0xFFFD) or 0xE000 <= code <= 0xF8FF:
                    unmapped += 1
                    continue
                if code < 32 and code != 9 or code in (0xFFFE, 0xFFFF) or raw.FPDFText_IsGenerated(handle, i) == 1:
                    continue
                if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
                    continue
                size = raw.FPDFText_GetFontSize(handle, i) or (rect.top - rect.bottom) or 1.0
                ch = " " if code in (9, 0xA0, 0x3000) else chr(code)
                chars.append(Char(ch, rect.left, rect.right, height - rect.top, height - rect.bottom, size))
            tp.close()
            page.close()
            pages.append(Page(width, height, chars, unmapped))
    except ReaderError:
        raise
    except Exception as e:  # noqa: BLE001
        raise ReaderError(f"corrupt PDF: {type(e).__name__}: {e}", source=source) from None
    finally:
        pdf.close()
    return pages


def _pdfminer_pages(data: bytes, source: str) -> list[Page]:
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar
    except ImportError:
        raise MissingExtraError("pdf", "pypdfium2", purpose="read .pdf files", source=source) from None
    import logging

    log = logging.getLogger("pdfminer")
    if log.level == logging.NOTSET:
        log.setLevel(logging.ERROR)  # pdfminer warns about every odd font; keep batch stderr readable
    pages: list[Page] = []

    unmapped = [0]

    def walk(el: Any, out: list[Char], height: float) -> None:
        if isinstance(el, LTChar):
            s = el.get_text()
            if s.startswith("(cid:"):
                unmapped[0] += 1
            elif s:
                mid = height - (el.y0 + el.y1) / 2
                size = el.size or (el.y1 - el.y0) or 1.0
                for ch in s:
                    out.append(Char(ch, el.x0, el.x1, mid - size / 2, mid + size / 2, size))
            return
        if hasattr(el, "__iter__"):
            for child in el:
                walk(child, out, height)

    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            chars: list[Char] = []
            unmapped[0] = 0
            for el in page:
                walk(el, chars, page.height)
            pages.append(Page(page.width, page.height, chars, unmapped[0]))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many types on corrupt or encrypted files
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReaderError("the PDF is encrypted (password protected)", source=source) from None
        raise ReaderError(f"corrupt PDF: {name}: {e}".rstrip(": "), source=source) from None
    return pages


# -- characters → lines ------------------------------------------------------------------------------

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_LATIN = re.compile(r"[A-Za-z]")  # English words wrap at a space; numbers (2027) wrap without one


def _group_lines(chars: list[Char]) -> list[_Line]:
    """Characters grouped by vertical position (top to bottom), each group ordered left to right."""
    if not chars:
        return []
    order = sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0))
    groups: list[list[Char]] = [[order[0]]]
    anchor = (order[0].top + order[0].bottom) / 2
    for c in order[1:]:
        mid = (c.top + c.bottom) / 2
        if abs(mid - anchor) <= 0.35 * min(c.size, groups[-1][0].size):
            groups[-1].append(c)
        else:
            groups.append([c])
            anchor = mid
    lines = []
    for g in groups:
        if all(c.ch == " " for c in g):
            continue
        g.sort(key=lambda c: c.x0)
        ln = _Line(g)
        ln.measure()
        lines.append(ln)
    return lines


def _uniform(gaps: list[float], size: float) -> bool:
    """Gaps of a letter-spaced run: all wide, all about equal."""
    return len(gaps) >= 2 and min(gaps) >= 0.3 * size and max(gaps) - min(gaps) <= 0.25 * size + 0.1 * max(gaps)


_SPACED_OUT = re.compile(r"^[\u3400-\u9fff](?: [\u3400-\u9fff]){2,}$")


def _line_text(ln: _Line) -> None:
    """Build a line's text from its characters and the gaps between them (a space character in the
    PDF counts as a gap)."""
    seen = [c for c in ln.chars if c.ch != " "]
    size = ln.size or 1.0
    if not seen:
        ln.text = ""
        return
    gaps = [b.x0 - a.x1 for a, b in zip(seen, seen[1:])]
    pair = len(seen) == 2 and all("\u3400" <= c.ch <= "\u9fff" for c in seen) and gaps[0] < 3 * size
    if pair or _uniform(gaps, size):  # 唐      山      市
        ln.text = "".join(c.ch for c in seen)
        return
    base = max(0.0, statistics.median(gaps)) if len(gaps) >= 3 else 0.0
    base = min(base, 0.3 * size)  # justification spreads characters a little, never by a space
    out = [seen[0].ch]
    spaced = set()
    prev = None
    for c in ln.chars:  # a typed space between two visible characters
        if c.ch == " ":
            if prev is not None:
                spaced.add(id(prev))
        else:
            prev = c
    for a, b, g in zip(seen, seen[1:], gaps):
        eff = g - base
        if eff >= 2.0 * size:
            out.append("\t")
            ln.tabbed = True
        elif id(a) in spaced or eff >= (0.15 if _ASCII_WORD.match(a.ch) or _ASCII_WORD.match(b.ch) else 0.3) * size:
            out.append(" ")
        out.append(b.ch)
    text = "".join(out)
    ln.text = text.replace(" ", "") if _SPACED_OUT.match(text) else text


def _lift_vertical(lines: list[_Line]) -> list[_Line]:
    """Read stacks of lone characters set one above the other (a vertical name) as one line each."""
    lone: list[tuple[int, Char]] = []
    for k, ln in enumerate(lines):
        cs = [c for c in ln.chars if c.ch != " "]
        gaps = [b.x0 - a.x1 for a, b in zip(cs, cs[1:])]
        if len(cs) > 1 and _uniform(gaps, ln.size):
            continue  # a letter-spaced line: its characters are not lone
        for i, c in enumerate(cs):
            left = cs[i].x0 - cs[i - 1].x1 if i else 1e9
            right = cs[i + 1].x0 - cs[i].x1 if i + 1 < len(cs) else 1e9
            if min(left, right) > 1.5 * c.size:
                lone.append((k, c))
    if len(lone) < 2:
        return lines
    lone.sort(key=lambda kc: (round((kc[1].x0 + kc[1].x1) / 2 / max(kc[1].size * 0.3, 0.1)), kc[1].top))
    stacks: list[list[tuple[int, Char]]] = []
    for k, c in lone:
        if stacks:
            pk, p = stacks[-1][-1]
            same_x = abs((p.x0 + p.x1) / 2 - (c.x0 + c.x1) / 2) <= 0.3 * c.size
            step = c.top - p.top
            if same_x and k > pk and 0.7 * c.size <= step <= 1.8 * c.size:
                stacks[-1].append((k, c))
                continue
        stacks.append([(k, c)])
    taken: set[int] = set()
    new: list[_Line] = []
    for st in stacks:
        if len(st) < 2:
            continue
        chars = [c for _, c in st]
        taken.update(id(c) for c in chars)
        ln = _Line(chars)
        ln.measure()
        ln.text = "".join(c.ch for c in chars)
        ln.extra["vertical"] = True
        new.append(ln)
    if not new:
        return lines
    kept = []
    for ln in lines:
        rest = [c for c in ln.chars if id(c) not in taken]
        if len(rest) == len(ln.chars):
            kept.append(ln)
        elif rest:
            nl = _Line(rest)
            nl.measure()
            kept.append(nl)
    return sorted(kept + new, key=lambda ln: (ln.top, ln.x0))


# -- two columns (gazettes) -------------------------------------------------------------------------


def _gutter(lines: list[_Line], page: Page) -> float | None:
    """The x of the gap between two columns of text, if the page is set in two: most lines either
    have a wide gap there with a run of text on each side, or lie wholly on one side of it."""
    if len(lines) < 8:
        return None
    candidates: list[float] = []
    for ln in lines:
        cs = [c for c in ln.chars if c.ch != " "]
        for a, b in zip(cs, cs[1:]):
            mid = (a.x1 + b.x0) / 2
            if b.x0 - a.x1 >= 1.5 * ln.size and 0.3 * page.width <= mid <= 0.7 * page.width:
                candidates.append(mid)
    for g in sorted(set(round(x) for x in candidates)):
        split = long_both = 0
        for ln in lines:
            cs = [c for c in ln.chars if c.ch != " "]
            left = [c for c in cs if c.x1 <= g]
            right = [c for c in cs if c.x0 >= g]
            if len(left) + len(right) < len(cs):
                continue  # a character across the gutter: a spanning line (a headline)
            split += 1
            long_both += len(left) >= 8 and len(right) >= 8
        if long_both >= 0.3 * len(lines) and split >= 0.8 * len(lines):
            return float(g)
    return None


def _split_columns(lines: list[_Line], page: Page) -> list[_Line]:
    """Two-column pages in reading order: down the left column, then the right, block by block
    between lines that span both (headlines)."""
    g = _gutter(lines, page)
    if g is None:
        return lines
    out: list[_Line] = []
    block: tuple[list[_Line], list[_Line]] = ([], [])

    def flush() -> None:
        out.extend(block[0] + block[1])
        block[0].clear()
        block[1].clear()

    for ln in lines:
        left = [c for c in ln.chars if c.x1 <= g]
        right = [c for c in ln.chars if c.x0 >= g]
        if len(left) + len(right) < len(ln.chars):
            flush()
            out.append(ln)
            continue
        for k, part in enumerate((left, right)):
            if any(c.ch != " " for c in part):
                half = _Line(part, column=k)
                half.measure()
                _line_text(half)
                block[k].append(half)
    flush()
    return out


# -- page furniture ----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·~～]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／,，]?\s*(?:共|of)?\s*\d{1,4}\s*页?)?[\s\-—–－_·~～]*$"
    r"|^(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_PIECE = re.compile(r"^[\s\-—–－_·~～]+$|^\d{1,4}$")
_EDGE_SHARE = 0.13  # page numbers live in the top or bottom 13% of the page
_DIGITS = re.compile(r"\d+")


def _drop_page_numbers(lines: list[_Line], page: Page) -> list[_Line]:
    """Page numbers in the top or bottom band, whole (``— 3 —``, ``第3页 共8页``) or in pieces on
    separate lines (``—`` / ``3`` / ``—``)."""
    top_band, bottom_band = _EDGE_SHARE * page.height, (1 - _EDGE_SHARE) * page.height

    def edge(ln: _Line) -> bool:
        return ln.bottom <= top_band or ln.top >= bottom_band

    kept = [ln for ln in lines if not (edge(ln) and _PAGE_NUMBER.match(ln.text))]
    while kept and edge(kept[-1]) and _PIECE.match(kept[-1].text):
        kept.pop()
    while kept and edge(kept[0]) and _PIECE.match(kept[0].text):
        kept.pop(0)
    return kept


def _drop_running_heads(pages: list[list[_Line]]) -> None:
    """Drop running headers and footers: a first or last line repeated (numbers aside) on most of
    three or more pages."""
    if len(pages) < 3:
        return
    for edge in (0, -1):
        counts = collections.Counter(_DIGITS.sub("#", p[edge].text.strip()) for p in pages if p)
        for key, n in sorted(counts.items()):
            if key and n >= 3 and n >= 0.6 * len(pages):
                for p in pages:
                    if p and _DIGITS.sub("#", p[edge].text.strip()) == key:
                        p.pop(edge)


# -- lines → paragraphs ------------------------------------------------------------------------------


def _margins(lines: Iterable[_Line]) -> dict[int, tuple[float, float]]:
    """The left and right margins of each column: where most of its long lines start and end."""
    by_column: dict[int, list[_Line]] = {}
    for ln in lines:
        by_column.setdefault(ln.column, []).append(ln)
    return {col: _column_margins(lns) for col, lns in sorted(by_column.items())}


def _column_margins(lines: list[_Line]) -> tuple[float, float]:
    long = [ln for ln in lines if len(ln.chars) >= 8 and not ln.tabbed]
    if not long:
        return 0.0, 0.0
    starts = collections.Counter(round(ln.x0) for ln in long)
    left = float(min(starts, key=lambda x: (-sum(starts[y] for y in range(x - 1, x + 2)), x)))
    ends = sorted(ln.x1 for ln in long)
    right = ends[int(0.9 * (len(ends) - 1))]
    full = sum(1 for ln in long if ln.x1 >= right - 1.2 * ln.size)
    if full < 3:
        return left, float("inf")  # no margin the lines run to: nothing is wrapped
    return left, right


_WIDTHS = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_ENDS_SENTENCE = tuple("。;!?:")


def _starts_item(prev: str, line: str) -> bool:
    """A numbered heading or item after a finished sentence: a new paragraph even when the sentence
    filled its last line (text set without first-line indents)."""
    from ..normalize import _HEADING_START

    return prev.translate(_WIDTHS).rstrip().endswith(_ENDS_SENTENCE) and bool(
        _HEADING_START.match(line.translate(_WIDTHS).lstrip())
    )


def _continues(a: _Line, b: _Line, margins: dict[int, tuple[float, float]], same_page: bool) -> bool:
    """Whether line ``b`` continues the paragraph of line ``a``: ``a`` runs to the right margin, ``b``
    starts at the left one in the same size, close below; without first-line indents a finished
    sentence ends a paragraph."""
    if a.tabbed or b.tabbed or a.extra or b.extra or _starts_item(a.text, b.text):
        return False
    a_left, right = margins[a.column]
    left = margins[b.column][0]
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.15 * size:
        return False
    if a.x1 < right - 1.2 * a.size or b.x0 > left + 0.5 * b.size:
        return False
    if not a_left - 2 * a.size <= a.x0 <= a_left + 2.6 * a.size:
        return False  # a line that starts mid-page (文件 beside a masthead, a signature) is no body text
    return not same_page or a.column != b.column or b.top - a.bottom <= 1.5 * size


def layout_text(pages: list[Page]) -> str:
    """The text of laid-out pages: lines rebuilt, furniture dropped, paragraphs joined."""
    per_page: list[list[_Line]] = []
    for page in pages:
        lines = _group_lines(page.chars)
        for ln in lines:
            _line_text(ln)
        lines = _lift_vertical(lines)
        for ln in lines:
            if not ln.text:
                _line_text(ln)
        lines = _split_columns(lines, page)
        per_page.append(_drop_page_numbers([ln for ln in lines if ln.text.strip()], page))
    _drop_running_heads(per_page)
    margins = _margins(ln for p in per_page for ln in p)
    paras: list[str] = []
    prev: _Line | None = None
    prev_page = -1
    for k, lines in enumerate(per_page):
        for ln in lines:
            if prev is not None and _continues(prev, ln, margins, prev_page == k):
                joint = " " if _LATIN.match(paras[-1][-1:]) and _LATIN.match(ln.text[:1]) else ""
                paras[-1] += joint + ln.text
            else:
                paras.append(ln.text)
            prev, prev_page = ln, k
    return "\n".join(p.strip() for p in paras if p.strip()).translate(_radicals())


@functools.lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    """Kangxi radicals and compatibility ideographs that fonts' Unicode maps give for ordinary
    characters (⾏ U+2F8F for 行, ⽅ for 方): mapped to the unified ideograph (NFKC)."""
    table = {}
    for cp in (*range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)):
        to = unicodedata.normalize("NFKC", chr(cp))
        if len(to) == 1 and "\u3400" <= to <= "\u9fff":
            table[cp] = to
    return table
