"""Normalisation: a matching copy of the text, with a map back to the text as read.

Extractors never match on ``doc.text`` directly. They match on :attr:`NormText.text`, where

* full-width ASCII (``２０２７``, ``（一）``, ``，``) is folded to half width, and every dash
  (``—`` ``–`` ``－`` ``─``) becomes ``-`` and every wave dash (``～`` ``〜``) ``~``;
* traditional characters are converted to simplified (OpenCC ``t2s``) where the text has any;
* pronunciation debris left by converters after a character (``產(chǎn)業(yè)``) is dropped;
* zero-width characters, ``\\r`` and control characters are dropped, runs of spaces collapse to one
  space and runs of newlines to one newline; lines hard-wrapped by PDF or web extraction are joined.

Every character of the normalised text comes from exactly one character of the original, so
:meth:`NormText.span` maps any normalised span back to ``doc.text`` exactly.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

__all__ = ["NormText", "normalize", "canonical_name"]

# -- length-preserving character folds --------------------------------------------------------------


def _build_fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII block -> ASCII
        table[cp] = cp - 0xFEE0
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\ufe58\ufe63\uff0d\u2e3a\u2e3b":
        table[ord(ch)] = ord("-")
    for ch in "\uff5e\u301c\u223c":
        table[ord(ch)] = ord("~")
    for ch in "\t\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f\v\f":
        table[ord(ch)] = ord(" ")
    table[ord("\r")] = ord("\n")
    table[ord("\u2028")] = ord("\n")
    table[ord("\u2029")] = ord("\n")
    table[ord("\u00b7")] = ord("·")
    table[ord("陜")] = ord("陕")  # a variant of 陝/陕 that OpenCC leaves alone (陜西省)
    return table


_FOLD = _build_fold_table()

# Dropped or collapsed in the second pass. Each match keeps at most its first character.
_PINYIN = r"(?:[a-zü]|[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])"
_DROP_RE = re.compile(
    # pronunciation debris after a CJK character: 產(chǎn) 西(xi); repeated (ye)(ye) too
    r"(?<=[\u4e00-\u9fff])(?:\(" + _PINYIN + r"{1,6}\))+"
    # zero-width and other invisible characters, BOM, controls (not \n)
    r"|[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0b-\x1f\x7f]+"
)
_SPACE_RUN = re.compile(r"(?P<lead>^[ \n]+)|(?P<edge> +(?=\n)|(?<=\n) +)|(?P<run> {2,}|\n{2,})")


@dataclass(slots=True)
class NormText:
    """The normalised text and its map back to the original.

    ``runs`` is a sorted list of ``(norm_start, orig_start, length)``: each run of normalised
    characters copies (folded) a run of original characters one to one.
    """

    text: str
    original: str
    runs: list[tuple[int, int, int]]
    converted_from_traditional: bool = False
    traditional_chars: int = 0
    _starts: list[int] = field(init=False, repr=False)
    _origs: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._starts = [r[0] for r in self.runs]
        self._origs = [r[1] for r in self.runs]

    def orig(self, i: int) -> int:
        """Original offset of normalised character ``i`` (``i == len(text)`` maps to the end)."""
        if i >= len(self.text):
            return len(self.original) if not self.runs else self._run_end()
        k = bisect.bisect_right(self._starts, i) - 1
        ns, os_, _ = self.runs[k]
        return os_ + (i - ns)

    def _run_end(self) -> int:
        ns, os_, n = self.runs[-1]
        return os_ + n

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to original offsets (an empty span stays empty)."""
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1

    def norm(self, orig_offset: int) -> int:
        """The first normalised offset whose original offset is at or after ``orig_offset``."""
        k = bisect.bisect_right(self._origs, orig_offset) - 1
        if k < 0:
            return 0
        ns, os_, n = self.runs[k]
        if orig_offset < os_ + n:
            return ns + (orig_offset - os_)
        return ns + n


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported lazily: only texts with traditional characters pay for it

    return opencc.OpenCC("t2s")


# Cheap pre-check: a character that exists only in traditional script. A text without any of these
# is never sent through OpenCC (nearly every plan we see is simplified already).
_TRAD_HINT = re.compile(
    "[們個來國產業發實現與開關鍵應業務區會體機構專設進運營營創聯導權內貿歸對電網龍紀練術約級經結統經濟黨際層"
    "據場檢協員備傳標準廣態時間萬億興戰資訊價質領權規劃劃點務總負報響類]"
)


def _to_simplified(text: str) -> tuple[str, int]:
    """Convert traditional characters to simplified, keeping the length. Returns (text, changed)."""
    if not _TRAD_HINT.search(text):
        return text, 0
    cc = _t2s()
    out = cc.convert(text)
    if len(out) != len(text):  # a phrase rule changed length: fall back line by line, then char by char
        parts = []
        for line in text.splitlines(keepends=True):
            conv = cc.convert(line)
            if len(conv) != len(line):
                conv = "".join(c if len(c2 := cc.convert(c)) != 1 else c2 for c in line)
            parts.append(conv)
        out = "".join(parts)
    changed = sum(1 for a, b in zip(text, out) if a != b)
    return out, changed


# -- names ------------------------------------------------------------------------------------------

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACE_IN_NAME = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


@functools.lru_cache(maxsize=65536)
def canonical_name(name: str) -> str:
    """The form of an entity name to group by: simplified script, widths folded, debris removed.

    Full-width letters, digits and brackets become ASCII, traditional characters simplified (OpenCC
    ``t2s``), pronunciation debris left by converters (``區(qū)``) and invisible characters dropped,
    spaces between Chinese characters removed and other runs of space collapsed. Deterministic and
    cached; ``name`` itself is never changed (objects keep it as written).

    Examples:
        >>> canonical_name("寧夏制造強區(qū)建設領導小組")
        '宁夏制造强区建设领导小组'
        >>> canonical_name("中國（上海）自由貿易試驗區"), canonical_name("５Ｇ  應 用")
        ('中国(上海)自由贸易试验区', '5G 应用')
    """
    s = _DROP_RE.sub("", name.translate(_FOLD))
    if not _simplified_only(s):
        s = _t2s().convert(s)
    s = _SPACE_IN_NAME.sub("", s)
    return " ".join(s.split())


def _simplified_only(s: str) -> bool:
    """True when ``s`` surely has no traditional character: GB 2312 holds simplified characters only,
    so a name it can encode needs no OpenCC (which is then never loaded for simplified texts)."""
    try:
        s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# -- hard-wrapped lines ------------------------------------------------------------------------------

_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、]|\(\d{1,2}\)|[①-⑳]|第[一二三四五六七八九十百]+[章节条]|-{1,2})"
)


def _wrap_joins(text: str) -> list[int]:
    """Offsets of newlines that only wrap a long line (PDF or fixed-width web text), to be dropped.

    A text counts as hard-wrapped when most of its long lines have nearly the same length; then a
    newline after a line of about that length, before a line that does not start a heading, is a
    wrap — whatever the line ends with: in a wrapped one-line page a full line may well end in 。 or
    in a heading number like (三) whose title starts the next line.
    """
    lines = text.split("\n")
    lengths = [len(x) for x in lines if len(x) >= 12]
    if len(lengths) < 6:
        return []
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    width = max(sorted(counts), key=lambda n: sum(counts.get(m, 0) for m in range(n - 2, n + 1)))
    near = sum(counts.get(m, 0) for m in range(width - 2, width + 1))
    if near < 0.5 * len(lengths) or width < 15 or width > 200:
        return []
    joins = []
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        if (
            len(line) >= width - 2
            and line
            and nxt
            and not _HEADING_START.match(nxt.lstrip())
        ):
            joins.append(pos)
        pos += 1
    return joins


def normalize(text: str, *, join_wrapped: bool | None = None) -> NormText:
    """Build the matching copy of ``text`` with its offset map.

    Args:
        text: the document as read.
        join_wrapped: join hard-wrapped lines; ``None`` decides from the line lengths.

    Examples:
        >>> n = normalize("打造３—５个先导区")
        >>> n.text
        '打造3-5个先导区'
        >>> n.span(2, 5)
        (2, 5)
    """
    folded = text.translate(_FOLD)
    folded, changed = _to_simplified(folded)
    cjk = sum(1 for c in folded if "\u4e00" <= c <= "\u9fff") if changed else 0
    converted = changed >= 10 or (changed >= 3 and changed >= 0.01 * max(cjk, 1))

    # Second pass: drop characters. Collect (start, end, keep_first) cut points, then copy runs.
    cuts: list[tuple[int, int, int]] = []  # (start, end, kept) : keep `kept` leading chars of the match
    for m in _DROP_RE.finditer(folded):
        cuts.append((m.start(), m.end(), 0))
    if cuts:
        # dropping debris may create new space runs; apply the drop first, then collapse on the result
        kept_text, runs = _apply_cuts(folded, cuts, [(0, 0, len(folded))])
    else:
        kept_text, runs = folded, [(0, 0, len(folded))] if folded else []

    cuts = []
    for m in _SPACE_RUN.finditer(kept_text):
        cuts.append((m.start(), m.end(), 1 if m.lastgroup == "run" else 0))
    if cuts:
        kept_text, runs = _apply_cuts(kept_text, cuts, runs)

    if join_wrapped is not False:
        joins = _wrap_joins(kept_text) if join_wrapped is None or join_wrapped else []
        if joins:
            kept_text, runs = _apply_cuts(kept_text, [(j, j + 1, 0) for j in joins], runs)

    # trailing whitespace
    stripped = kept_text.rstrip(" \n")
    if len(stripped) != len(kept_text):
        kept_text, runs = _apply_cuts(kept_text, [(len(stripped), len(kept_text), 0)], runs)

    return NormText(
        text=kept_text,
        original=text,
        runs=runs,
        converted_from_traditional=converted,
        traditional_chars=changed,
    )


def _apply_cuts(
    src: str, cuts: list[tuple[int, int, int]], runs: list[tuple[int, int, int]]
) -> tuple[str, list[tuple[int, int, int]]]:
    """Remove ``cuts`` from ``src`` (which maps to the original through ``runs``); return new text, runs."""
    # kept intervals of src
    keep: list[tuple[int, int]] = []
    pos = 0
    for s, e, k in cuts:
        if s < pos:  # overlapping cut: skip what is already cut
            s = pos
            if s >= e:
                continue
        keep.append((pos, s + k))
        pos = e
    keep.append((pos, len(src)))
    keep = [(a, b) for a, b in keep if b > a]

    out_parts = []
    new_runs: list[tuple[int, int, int]] = []
    starts = [r[0] for r in runs]
    n = 0
    for a, b in keep:
        out_parts.append(src[a:b])
        # split [a, b) over the runs of src
        i = a
        k = bisect.bisect_right(starts, i) - 1
        while i < b:
            ns, os_, ln = runs[k]
            run_end = ns + ln
            take = min(b, run_end) - i
            if take > 0:
                orig = os_ + (i - ns)
                if new_runs and new_runs[-1][0] + new_runs[-1][2] == n and new_runs[-1][1] + new_runs[-1][2] == orig:
                    ps, po, pl = new_runs[-1]
                    new_runs[-1] = (ps, po, pl + take)
                else:
                    new_runs.append((n, orig, take))
                n += take
                i += take
            k += 1
    return "".join(out_parts), new_runs
