"""Measure extraction: one object per action / task / safeguard section of a plan.

A section is a measure when its own title or its parent's title holds a kind cue of the
``measure_words`` word lists (no vocabulary lives here):

* ``三、工作举措`` → its children ``(一)实施前沿技术创新策源行动`` … are measures; a child's own
  title decides first (``行动`` → ``action``), else the parent's (``举措`` → ``task``);
* ``四、保障措施`` → ``(一)强化统筹协调`` … are ``safeguard`` measures;
* a chapter with a cue but no sub-headings (``五、组织实施``) is one measure itself;
* a section whose own title is an action (``第三章 实施…行动``) is a measure wherever it is;
* in a document of measures (``…若干措施``), every top-level article is one (``task`` unless its
  own title says otherwise).

Sections such as ``总体要求``, ``指导思想``, ``基本原则``, ``发展目标``, ``发展重点`` are never
measures. Each measure lists the institutions, regions and industries named inside its span (their
``name``, in order of first appearance inside it). ``instruments`` is left empty: the instrument
coder (``enrich/``) fills it.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("一、保障措施\\n(一)强化统筹协调\\n建立工作机制。\\n(二)加大资金支持\\n设立专项资金。")
    >>> [(m.title, m.kind) for m in doc.measures]
    [('强化统筹协调', 'safeguard'), ('加大资金支持', 'safeguard')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Optional

from ..context import Context, OutlineNode
from ..model import Measure, Span
from ..rules import RuleSet

__all__ = ["extract_measures", "measure_kind"]

_SECTION = "measure_words"
_KINDS = ("action", "task", "safeguard")
_SENTENCE_END = frozenset("。!?;.!?;)”\"")
_TRAILER_MAX = 40
_ANNOUNCE_MAX = 60  # longest line that may announce a run of measures (具体工作举措:)  # a trailing line this short without a full stop is a credit line, not body text


@dataclass
class _Config:
    cues: dict[str, list[str]]
    excluded: list[str]
    joiners: str
    announce_suffixes: list[str]
    documents: list[str]
    closing: tuple[str, ...]

    @staticmethod
    def build(rules: RuleSet) -> "_Config":
        return _Config(
            cues={k: [w for w in rules.word_list(_SECTION, k) if w] for k in _KINDS},
            excluded=[w for w in rules.word_list(_SECTION, "not_measure_titles") if w],
            joiners="".join(w for w in rules.word_list(_SECTION, "title_joiners") if len(w) == 1),
            announce_suffixes=sorted(
                (w for w in rules.word_list(_SECTION, "announce_suffixes") if w), key=len, reverse=True
            ),
            documents=[w for w in rules.word_list(_SECTION, "measure_documents") if w],
            closing=tuple(w for w in rules.word_list(_SECTION, "closing_cues") if w),
        )


def _config(rules: RuleSet) -> _Config:
    return rules.memo("measures:config", _Config.build)


def _clause_end(title: str, word: str, joiners: str) -> int:
    """Where ``word`` last closes a clause of ``title``, or -1 (实施六大计划,竞逐… yes; 为保障国家粮食安全 no)."""
    best = -1
    i = title.find(word)
    while i >= 0:
        j = i + len(word)
        if j >= len(title) or not ("\u4e00" <= title[j] <= "\u9fff") or title[j] in joiners:
            best = j
        i = title.find(word, i + 1)
    return best


def _own_kind(title: str, cfg: _Config) -> Optional[str]:
    """The kind whose cue closes the title last: 行动举措 → task, 实施六大计划,竞逐未来赛道 → action."""
    best, best_end = None, -1
    for kind in _KINDS:
        for w in cfg.cues[kind]:
            e = _clause_end(title, w, cfg.joiners)
            if e > best_end:
                best, best_end = kind, e
    return best


def measure_kind(title: str, parent_title: Optional[str], rules: RuleSet) -> Optional[str]:
    """The kind of a section from its title, else its parent's; ``None`` when it is not a measure.

    Examples:
        >>> from futurepolicy.rules import resolve_rules
        >>> r = resolve_rules("national")
        >>> measure_kind("实施前沿技术创新策源行动", "工作举措", r)
        'action'
        >>> measure_kind("强化统筹协调", "保障措施", r)
        'safeguard'
        >>> measure_kind("指导思想", "总体要求", r) is None
        True
    """
    cfg = _config(rules)
    if any(w in title for w in cfg.excluded):
        return None
    kind = _own_kind(title, cfg)
    if kind is None and parent_title is not None and not any(w in parent_title for w in cfg.excluded):
        kind = _own_kind(parent_title, cfg)
    return kind


def _title(ctx: Context, node: OutlineNode) -> str:
    return ctx.ntext[node.title_start:node.title_end]


def _announced_kinds(ctx: Context, cfg: _Config) -> dict[str, str]:
    """Kinds of sibling runs announced by the line before them (6个方面的具体工作举措:\\n1、…)."""
    text = ctx.ntext
    siblings: dict[Optional[str], list[OutlineNode]] = {}
    for n in ctx.outline:
        siblings.setdefault(n.parent, []).append(n)
    out: dict[str, str] = {}
    for sibs in siblings.values():
        kind = None
        for n in sibs:
            if kind is None:
                end = n.start
                while end > 0 and text[end - 1] in " \n":
                    end -= 1
                if end == 0 or text[end - 1] not in "::":
                    continue
                start = end - 1
                while start > 0 and end - start < _ANNOUNCE_MAX and text[start - 1] not in "。\n":
                    start -= 1
                line = text[start:end - 1]
                for suffix in cfg.announce_suffixes:
                    if line.endswith(suffix):
                        line = line[: -len(suffix)]
                        break
                if any(w in line for w in cfg.excluded):
                    continue
                kind = _own_kind(line, cfg)
            if kind is not None:
                out[n.id] = kind
    return out


def _measure_nodes(ctx: Context, cfg: _Config) -> list[tuple[OutlineNode, str]]:
    """The outline nodes that are measures, with their kind, in document order."""
    by_id = {n.id: n for n in ctx.outline}
    children_of: dict[str, list[OutlineNode]] = {}
    for n in ctx.outline:
        if n.parent is not None:
            children_of.setdefault(n.parent, []).append(n)
    has_children = set(children_of)
    announced = _announced_kinds(ctx, cfg)
    # a document of measures (支持未来产业发展的若干措施): each of its articles is a measure
    doc_title = ctx.meta.title if ctx.meta is not None else None
    doc_kind = "task" if doc_title and any(doc_title.endswith(w) for w in cfg.documents) else None
    out: list[tuple[OutlineNode, str]] = []
    taken_end = -1
    for node in ctx.outline:
        if node.start < taken_end:
            continue  # inside a measure already taken: its sub-items are part of its text
        title = _title(ctx, node)
        if any(w in title for w in cfg.excluded):
            continue
        own = _own_kind(title, cfg)
        parent = by_id.get(node.parent) if node.parent is not None else None
        parent_title = _title(ctx, parent) if parent is not None else None
        parent_kind = None
        if parent_title is not None and not any(w in parent_title for w in cfg.excluded):
            parent_kind = _own_kind(parent_title, cfg)
        if node.id in has_children and own is not None and parent_kind is None:
            # a chapter of measures (三、工作举措): its children are the measures, unless the chapter
            # is itself one action and none of its children has a kind of its own (第三章 实施…行动)
            kids = children_of.get(node.id, [])
            if own != "action" or any(_own_kind(_title(ctx, k), cfg) for k in kids):
                continue
        kind = own or parent_kind or announced.get(node.id) or (doc_kind if parent is None else None)
        if kind is None:
            continue
        out.append((node, kind))
        taken_end = node.end
    return out


def _trim_end(ctx: Context, body_start: int, end: int, closing: tuple[str, ...] = ()) -> int:
    """End of a measure's text: trailing spaces, short credit lines (每日经济新闻) and the document's
    closing clauses (本措施自2025年1月1日起施行) cut off."""
    text = ctx.ntext
    while end > body_start and text[end - 1] in " \n|":
        end -= 1
    while True:
        nl = text.rfind("\n", body_start, end)
        if nl < 0:
            break
        last = text[nl + 1:end].strip()
        before = text[body_start:nl].rstrip()
        if last and len(last) <= _TRAILER_MAX and last[-1] not in _SENTENCE_END and before and before[-1] in _SENTENCE_END:
            end = body_start + len(before)
            continue
        if last and before and last.startswith(closing):
            end = body_start + len(before)
            continue
        break
    return end


class _Index:
    """Sorted (original offset, name) pairs of one entity type, for range queries per measure."""

    def __init__(self, objects: Any):
        pairs = sorted(
            ((m.start, m.end, getattr(o, "name", "")) for o in objects or [] for m in getattr(o, "mentions", [])),
        )
        self.starts = [p[0] for p in pairs]
        self.pairs = pairs

    def names_in(self, span: Span) -> list[str]:
        i = bisect.bisect_left(self.starts, span.start)
        seen: dict[str, None] = {}
        while i < len(self.pairs) and self.pairs[i][0] < span.end:
            s, e, name = self.pairs[i]
            if e <= span.end and name:
                seen.setdefault(name, None)
            i += 1
        return list(seen)


def extract_measures(ctx: Context) -> list[Measure]:
    """All measures of the document, in document order.

    Args:
        ctx: the document context; reads ``ctx.outline`` and the regions, institutions and
            industries found before (``ctx.results``).

    Returns:
        One :class:`~futurepolicy.model.Measure` per action / task / safeguard section.
    """
    if not ctx.outline:
        return []
    cfg = _config(ctx.rules)
    regions = _Index(ctx.results.get("regions"))
    institutions = _Index(ctx.results.get("institutions"))
    industries = _Index(ctx.results.get("industries"))
    out: list[Measure] = []
    for node, kind in _measure_nodes(ctx, cfg):
        end = _trim_end(ctx, node.body_start, node.end, cfg.closing)
        body_start = min(node.body_start, end)
        span = ctx.span(node.start, max(end, node.title_end))
        body = ctx.original(body_start, end).strip() if end > body_start else ""
        out.append(
            Measure(
                title=ctx.original(node.title_start, node.title_end).strip(),
                kind=kind,  # type: ignore[arg-type]
                text=body,
                section=node.id,
                institutions=institutions.names_in(span),
                regions=regions.names_in(span),
                industries=industries.names_in(span),
                instruments=[],
                span=span,
            )
        )
    return out
