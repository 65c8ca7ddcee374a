"""Matchers shared by the extractors: an Aho-Corasick gazetteer with token-boundary checks.

Build a :class:`Gazetteer` once per rule set (``ctx.rules.memo``) and scan each document once.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Generic, Iterable, Sequence, TypeVar

from ..segment import PositionSet, Token, TokenTable

__all__ = ["Gazetteer", "Hit", "TokenBounds", "spell_wide", "wide_text"]

T = TypeVar("T")


@dataclass(slots=True)
class Hit(Generic[T]):
    """A gazetteer match in normalised offsets: ``text[start:end] == term``."""

    start: int
    end: int
    term: str
    value: T


def spell_wide(text: str) -> str:
    """``text`` with every character spelled as two code units (UTF-16BE bytes as Latin-1).

    Aho-Corasick slows down with the number of distinct characters a node branches on (thousands
    of first characters in a gazetteer of divisions); over two-unit spellings a node branches on
    at most 256 values, which makes scans several times faster. Characters outside the BMP become
    U+FFFD first, so offsets stay ``2 * i``.
    """
    if text and max(text) > "\uffff":
        text = "".join(c if c <= "\uffff" else "\ufffd" for c in text)
    return text.encode("utf-16-be").decode("latin-1")


def wide_text(ctx: Any) -> str:
    """The document's normalised text in the spelling of :func:`spell_wide`, cached per document."""
    w = ctx.results.get("_wide_text")
    if w is None:
        w = ctx.results["_wide_text"] = spell_wide(ctx.ntext)
    return w


class TokenBounds:
    """Fast lookups of token boundaries for a tokenised text."""

    def __init__(self, tokens: Sequence[Token]):
        if isinstance(tokens, TokenTable):  # compact: offsets as arrays and byte flags
            size = tokens.ends[-1] if len(tokens) else 0
            self.starts: Any = PositionSet(tokens.starts, size)
            self.ends: Any = PositionSet(tokens.ends, size)
            self._starts_sorted: Any = tokens.starts
        else:
            self.starts = {t.start for t in tokens}
            self.ends = {t.end for t in tokens}
            self._starts_sorted = [t.start for t in tokens]
        self.tokens = tokens

    def is_start(self, i: int) -> bool:
        return i in self.starts

    def is_end(self, i: int) -> bool:
        return i in self.ends

    def aligned(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` starts and ends on token boundaries."""
        return start in self.starts and end in self.ends

    def token_at(self, i: int) -> Token | None:
        k = bisect.bisect_right(self._starts_sorted, i) - 1
        return self.tokens[k] if 0 <= k < len(self.tokens) else None


class Gazetteer(Generic[T]):
    """Multi-term exact search (pyahocorasick), leftmost-longest, non-overlapping.

    Args:
        entries: ``(term, value)`` pairs. A term given twice keeps its first value.

    Examples:
        >>> g = Gazetteer([("重庆", 1), ("重庆大学", 2), ("大学", 3)])
        >>> [(h.term, h.value) for h in g.find("支持重庆大学建设")]
        [('重庆大学', 2)]
    """

    def __init__(self, entries: Iterable[tuple[str, T]]):
        import ahocorasick

        self._auto = ahocorasick.Automaton()
        self._values: dict[str, T] = {}
        for term, value in entries:
            if term and term not in self._values:
                self._values[term] = value
        terms = list(self._values)
        wide = spell_wide("".join(terms))  # one conversion for all terms, sliced below
        pos = 0
        for term in terms:
            end = pos + 2 * len(term)
            self._auto.add_word(wide[pos:end], term)
            pos = end
        self._empty = not self._values
        if not self._empty:
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, term: str) -> bool:
        return term in self._values

    def get(self, term: str, default: Any = None) -> Any:
        return self._values.get(term, default)

    def items(self) -> list[tuple[str, T]]:
        return list(self._values.items())

    def iter_all(self, text: str, *, wide: str | None = None) -> list[Hit[T]]:
        """Every occurrence of every term, overlapping ones included, ordered by end offset.

        Args:
            wide: ``text`` already spelled by :func:`spell_wide` (pass :func:`wide_text` to scan a
                whole document with several gazetteers without spelling it again).
        """
        if self._empty:
            return []
        values = self._values
        out = []
        for end_idx, term in self._auto.iter(spell_wide(text) if wide is None else wide):
            if end_idx % 2:  # ends on a whole character, not inside one
                end = (end_idx + 1) // 2
                out.append(Hit(end - len(term), end, term, values[term]))
        return out

    def find(self, text: str, *, bounds: TokenBounds | None = None, strict_end: bool = False) -> list[Hit[T]]:
        """Leftmost-longest non-overlapping hits.

        Args:
            bounds: when given, a hit must start on a token boundary (and, with ``strict_end``,
                end on one) so that 江北 is not found inside 浙江北部.
        """
        hits = list(self.iter_all(text))
        if bounds is not None:
            hits = [
                h for h in hits if bounds.is_start(h.start) and (not strict_end or bounds.is_end(h.end))
            ]
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit[T]] = []
        last_end = -1
        for h in hits:
            if h.start >= last_end:
                out.append(h)
                last_end = h.end
        return out
