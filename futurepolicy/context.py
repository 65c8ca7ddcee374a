"""The state one extraction passes from step to step.

Extractors read the normalised text, its tokens and the outline from a :class:`Context`, and
create results through :meth:`Context.span` / :meth:`Context.mention`, which map normalised offsets
back to ``doc.text``. No extractor ever computes an original offset by hand.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from .model import Mention, Meta, Span
from .normalize import NormText
from .rules import RuleSet
from .segment import PositionSet, Token, TokenTable

__all__ = ["Context", "OutlineNode"]


@dataclass(slots=True)
class OutlineNode:
    """A heading found by :mod:`futurepolicy.structure`, in normalised offsets.

    ``start``: the heading's first character (its number); ``title_start``/``title_end``: the title;
    ``body_start``: where the body text begins; ``end``: the end of the section, children included.
    """

    id: str
    number: str
    title: str
    level: int
    parent: Optional[str]
    start: int
    title_start: int
    title_end: int
    body_start: int
    end: int
    style: str = ""  # id of the heading style that matched (e.g. "cn-dun", "paren-cn", "dash")


@dataclass
class Context:
    """Everything the extractors share for one document."""

    text: str  # the document as read
    norm: NormText
    rules: RuleSet
    source: Optional[str] = None
    tokens: list[Token] = field(default_factory=list)  # over norm.text
    outline: list[OutlineNode] = field(default_factory=list)  # document order
    meta: Meta = field(default_factory=Meta)
    body_start: int = 0  # normalised offset where the plan proper starts (after a news wrapper / notice)
    results: dict[str, Any] = field(default_factory=dict)  # extractors' outputs, by type name
    _token_starts: list[int] = field(default_factory=list, repr=False)
    _node_starts: list[int] = field(default_factory=list, repr=False)
    _boundaries: Optional[PositionSet] = field(default=None, repr=False)

    @property
    def ntext(self) -> str:
        """The normalised text every extractor matches on."""
        return self.norm.text

    # -- offsets ----------------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        """The ``doc.text`` span of the normalised span ``[start, end)``."""
        s, e = self.norm.span(start, end)
        return Span(s, e)

    def mention(self, start: int, end: int) -> Mention:
        """A :class:`Mention` (offsets and text in ``doc.text``) for a normalised span."""
        s, e = self.norm.span(start, end)
        return Mention(s, e, self.text[s:e])

    def original(self, start: int, end: int) -> str:
        """The ``doc.text`` characters behind a normalised span (a name "as written")."""
        s, e = self.norm.span(start, end)
        return self.text[s:e]

    # -- tokens -----------------------------------------------------------------------------------
    def set_tokens(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens  # type: ignore[assignment]
        self._token_starts = tokens.starts if isinstance(tokens, TokenTable) else [t.start for t in tokens]
        self._boundaries = None

    def token_boundaries(self) -> PositionSet:
        """The offsets where a token starts, plus the end of the text (tokens cover the text, so
        every token end is one of them), as a compact set built once per document."""
        if self._boundaries is None:
            self._boundaries = PositionSet(self._token_starts, len(self.ntext)) | (len(self.ntext),)
        return self._boundaries

    def token_index(self, pos: int) -> int:
        """Index of the token containing normalised offset ``pos``."""
        return max(0, bisect.bisect_right(self._token_starts, pos) - 1)

    # -- outline ----------------------------------------------------------------------------------
    def set_outline(self, nodes: list[OutlineNode]) -> None:
        self.outline = nodes
        self._node_starts = [n.start for n in nodes]

    def section_at(self, pos: int) -> Optional[OutlineNode]:
        """The innermost section containing normalised offset ``pos`` (``None`` before the first)."""
        i = bisect.bisect_right(self._node_starts, pos) - 1
        while i >= 0:
            node = self.outline[i]
            if node.start <= pos < node.end:
                return node
            i -= 1
        return None

    def section_id_at(self, pos: int) -> Optional[str]:
        node = self.section_at(pos)
        return node.id if node else None

    def ancestors(self, node: OutlineNode) -> list[OutlineNode]:
        """``node``'s ancestors, nearest first."""
        by_id = self.results.setdefault("_outline_by_id", {n.id: n for n in self.outline})
        out = []
        p = node.parent
        while p is not None and p in by_id:
            out.append(by_id[p])
            p = by_id[p].parent
        return out
