"""Measures a text states as lists in running text, where its outline does not give them.

News reports, briefings, work reports and plans whose outline did not survive copying name their
actions in a sentence:

* ``实施A行动、B工程和C计划`` → ``A行动``, ``B工程``, ``C计划`` (each as written, without the verb);
* ``开展A、B、C七大行动`` / ``通过实施A、B等措施`` → ``A``, ``B``, ``C``;
* ``从A、B等6个方面提出`` → ``A``, ``B``;
* ``启动“X工程”`` / ``实施X、Y联动计划`` → one named measure.

The series come from :mod:`futurepolicy.extractors.lists`; a series is a list of measures when a
``measure_verbs`` word opens it and a ``measure_heads`` word closes it (``list_words`` of the packs).
Measures the outline already gives win: a list item with the same title or inside the span of an
outline measure is dropped. Each named measure is reported once, at its first statement.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("会议提出,全市将实施链主培育行动、场景开放工程,加快发展。")
    >>> [(m.title, m.kind) for m in doc.measures]
    [('链主培育行动', 'action'), ('场景开放工程', 'action')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from ..context import Context
from ..model import Measure
from ..rules import RuleSet
from .lists import CoordList, find_lists

__all__ = ["list_measures", "merge_list_measures"]

_ITEM_MAX = 30  # a longer item is a sentence, not the name of a measure
_LISTED_MAX = 16  # items of a 等…/N大… list are short phrases (科技创新策源)
_QUOTE_CLOSE = "”’」\""


@dataclass
class _Config:
    verbs: frozenset[str]
    heads: frozenset[str]
    heads_longest: tuple[str, ...]
    action_heads: tuple[str, ...]
    generic: tuple[str, ...]
    bad_starts: tuple[str, ...]
    bad_ends: tuple[str, ...]

    @staticmethod
    def build(rules: RuleSet) -> "_Config":
        words = lambda s, n: [w for w in rules.word_list(s, n) if w]  # noqa: E731
        return _Config(
            verbs=frozenset(words("list_words", "measure_verbs")),
            heads=frozenset(words("list_words", "measure_heads")),
            heads_longest=tuple(sorted(set(words("list_words", "measure_heads")), key=lambda w: (-len(w), w))),
            action_heads=tuple(words("measure_words", "action")),
            generic=tuple(words("list_words", "not_measure_names")),
            bad_starts=tuple(words("list_words", "not_name_starts")),
            bad_ends=tuple(words("list_words", "not_name_ends")),
        )


def _config(rules: RuleSet) -> _Config:
    return rules.memo("list_measures:config", _Config.build)


def _name_ok(name: str, cfg: _Config, *, head: Optional[str]) -> bool:
    """A named measure: not generic (一批工程, 重大行动), not a document (《…》), not a sentence."""
    if any(ch in name for ch in "《》、,。;") or not any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return False
    name = name.strip("“”\"' ")
    own = next((h for h in cfg.heads_longest if name.endswith(h)), None) if head else None
    stem = (name[: -len(own)] if own else name).strip("“”\"' ")
    if len(stem) < 2 or stem.startswith(cfg.bad_starts) or stem.endswith(cfg.bad_ends):
        return False
    return not any(w in stem for w in cfg.generic)


def _close_quote(text: str, a: int, b: int) -> int:
    """Include the closing quote of an item quoted up to its head (人工智能“双百行动”)."""
    item = text[a:b]
    if b < len(text) and text[b] in _QUOTE_CLOSE and item.count("“") > item.count("”"):
        return b + 1
    return b


def _items(text: str, lst: CoordList, cfg: _Config) -> list[tuple[int, int]]:
    """The measures a list names, or ``[]`` when it is not a list of measures."""
    if lst.target != "measure" or lst.verb not in cfg.verbs or lst.head_span is None:
        return []
    rest = text[lst.head_span[1]:lst.clause_end].strip("”’」\" ")
    if lst.closer == "each":
        if rest:
            return []  # 实施…三年行动方案: the head is part of a longer name
        items = [(a, _close_quote(text, a, b)) for a, b in lst.items]
        if all(len(text[a:b]) <= _ITEM_MAX and _name_ok(text[a:b], cfg, head=lst.head) for a, b in items):
            return items
        return []
    if lst.closer == "shared":
        # 实施A、B和C联动计划: one named measure, its head shared by the series
        if rest:
            return []
        a, b = lst.items[0][0], _close_quote(text, lst.items[0][0], lst.head_span[1])
        return [(a, b)] if len(text[a:b]) <= _ITEM_MAX and _name_ok(text[a:b].replace("、", ""), cfg, head=lst.head) else []
    if lst.closer in ("deng", "count") and len(lst.items) >= 2:
        items = list(lst.items)
        if all(2 <= b - a <= _LISTED_MAX and _name_ok(text[a:b], cfg, head=None) for a, b in items):
            return items
    return []


def list_measures(ctx: Context) -> list[Measure]:
    """Measures named by the lists of running text, in document order, each named once."""
    cfg = _config(ctx.rules)
    text = ctx.ntext
    out: list[Measure] = []
    seen: set[str] = set()
    for lst in find_lists(ctx):
        items = _items(text, lst, cfg)
        kind = "action" if lst.head and any(w in lst.head for w in cfg.action_heads) else "task"
        for a, b in items:
            key = text[a:b].strip("“”\"' ")
            if key in seen:
                continue
            seen.add(key)
            span = ctx.span(a, b)
            out.append(Measure(
                title=ctx.original(a, b), kind=kind, text=ctx.original(a, b),  # type: ignore[arg-type]
                section=ctx.section_id_at(a), institutions=[], regions=[], industries=[],
                instruments=[], span=span,
            ))
    return out


def _plain(title: str) -> str:
    return "".join(ch for ch in title if ch not in "“”\"'‘’「」 ")


def _overlaps(spans: list[tuple[int, int]], starts: list[int], max_len: int, s: int, e: int) -> bool:
    j = bisect.bisect_left(starts, e) - 1  # spans starting before e, nearest first
    while j >= 0 and starts[j] + max_len > s:
        if spans[j][1] > s:
            return True
        j -= 1
    return False


def merge_list_measures(ctx: Context, outline: list[Measure]) -> list[Measure]:
    """``outline`` plus the list measures it does not already give (a title holding theirs, or a span
    overlapping theirs).

    The result is in document order; the outline's measures keep their order among themselves.
    """
    extra = list_measures(ctx)
    if not extra:
        return outline
    titles = {_plain(m.title) for m in outline}
    spans = sorted((m.span.start, m.span.end) for m in outline)
    starts = [s for s, _ in spans]
    max_len = max((e - s for s, e in spans), default=0)
    kept = []
    for m in extra:
        plain = _plain(m.title)
        if any(plain in t for t in titles):
            continue  # the outline gives it (实施链主培育行动 holds 链主培育行动)
        if not _overlaps(spans, starts, max_len, m.span.start, m.span.end):
            kept.append(m)
    if not kept:
        return outline
    return sorted([*outline, *kept], key=lambda m: (m.span.start, m.span.end))
