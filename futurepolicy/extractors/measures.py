"""Measure extraction: one object per action / task / safeguard of a plan, from its structure.

A section is a measure when its own title or its parent's title holds a kind cue of the
``measure_words`` word lists (no vocabulary lives here):

* ``三、工作举措`` → its children ``(一)实施前沿技术创新策源行动`` … are measures; a child's own
  title decides first (``行动`` → ``action``), else the parent's (``举措`` → ``task``);
* ``四、保障措施`` → ``(一)强化统筹协调`` … are ``safeguard`` measures;
* a chapter with a cue but no sub-headings (``五、组织实施``) is one measure itself, unless it is
  generic and filled with run-in items (``五、保障措施 一是…;二是…``): then the items are;
* a section whose own title is an action (``第三章 实施…行动``) is a measure wherever it is, unless
  it is generic or counted (``重点行动``, ``实施六大行动``): then its sub-headings are;
* in a document of measures (``…若干措施``), every top-level article is one (``task`` unless its
  own title says otherwise).

Where the outline states no chapter of measures, the structure still does:

* an outline whose top-level headings are the tasks themselves (``一、加速布局… 二、稳步发展…``:
  most of them open with a task verb of the pack) gives those headings; beside a chapter of actions,
  the task chapters after it;
* a run-in series (``一是…``, ``第一,…``, ``1、…``, ``(1)…``) announced by a kind cue
  (``完成三项重点任务。一是…``) gives its items, titled by their first clause;
* outside the outline, paragraphs led by a short task sentence (``做大海洋新能源产业。重点发展…``,
  after a news lead ``《方案》指出,要…``) give that sentence, when two or more do or a lead introduces it.

Sections such as ``总体要求``, ``指导思想``, ``基本原则``, ``发展目标``, ``发展重点`` are never
measures; nor is a principle (``坚持…``), a goal (``到2027年…``, a quantitative target) or a bare verb
phrase (``加快推进``). A heading label before a colon is the title (``前瞻布局:抢占…`` → ``前瞻布局``).
Each measure lists the institutions, regions and industries named inside its span (their ``name``,
in order of first appearance inside it). ``instruments`` is left empty: the instrument coder
(``enrich/``) fills it.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("一、保障措施\\n(一)强化统筹协调\\n建立工作机制。\\n(二)加大资金支持\\n设立专项资金。")
    >>> [(m.title, m.kind) for m in doc.measures]
    [('强化统筹协调', 'safeguard'), ('加大资金支持', 'safeguard')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Optional

from ..context import Context, OutlineNode
from ..model import Measure, Span
from ..rules import RuleSet
from ..structure import numeral_value

__all__ = ["extract_measures", "measure_kind"]

_SECTION = "measure_words"
_KINDS = ("action", "task", "safeguard")
_SENTENCE_END = frozenset("。!?;.!?;)”\"")
_TRAILER_MAX = 40  # a trailing line this short without a full stop is a credit line, not body text
_ANNOUNCE_MAX = 60  # longest line that may announce a run of measures (具体工作举措:)
_LABEL_MIN, _LABEL_MAX = 2, 8  # a heading label before a colon (前瞻布局:…)
_ITEM_BEFORE = "。;:!?\n"  # a run-in item marker follows one of these (or opens the text)
_CLAUSE_END = re.compile("[。;:,!?\n]")  # a run-in item's title is its first clause
_ANNOUNCE_END = "。:"
_ITEM_MIN, _ITEM_MAX = 4, 30
_HEAD_MIN, _HEAD_MAX = 4, 24  # a task sentence leading a paragraph
_HEAD_BREAKS = ",、;:"
_NEST = 8  # spans before a position that may still hold it (measures, goals)
_FAR = 1 << 62
# a sentence that opens a paragraph or follows a full stop, with more of its paragraph after it
_SENTENCE = re.compile(r"(?:^|(?<=[\n。]))[^。\n]{4,60}。(?=[^\n]{8})")


@dataclass
class _Config:
    cues: dict[str, list[str]]
    excluded: list[str]
    joiners: str
    announce_suffixes: list[str]
    documents: list[str]
    closing: tuple[str, ...]
    verbs: tuple[str, ...]  # longest first
    openers: tuple[str, ...]
    principles: tuple[str, ...]
    horizons: tuple[str, ...]
    task_open: Any  # compiled: manner adverbs, then a task verb (特色化发展)
    verb_run: Any  # compiled: a run of task verbs (推进 after 加快)
    generic_run: Any  # compiled: a run of generic words (主要任务)
    count: Any  # compiled: a numeral and a count word (六大, 十项)
    markers: Any  # compiled alternation of the run-in item markers, one group per style
    lead: Any  # compiled: a news lead closing on an attribution verb (《方案》指出,要)

    @staticmethod
    def build(rules: RuleSet) -> "_Config":
        def words(name: str, section: str = _SECTION) -> tuple[str, ...]:
            return tuple(sorted({w for w in rules.word_list(section, name) if w}, key=lambda w: (-len(w), w)))

        cues = {k: [w for w in rules.word_list(_SECTION, k) if w] for k in _KINDS}
        excluded = [w for w in rules.word_list(_SECTION, "not_measure_titles") if w]
        generic = {w for ws in cues.values() for w in ws} | set(words("generic_modifiers"))
        return _Config(
            cues=cues,
            excluded=excluded,
            joiners="".join(w for w in rules.word_list(_SECTION, "title_joiners") if len(w) == 1),
            announce_suffixes=sorted(
                (w for w in rules.word_list(_SECTION, "announce_suffixes") if w), key=len, reverse=True
            ),
            documents=[w for w in rules.word_list(_SECTION, "measure_documents") if w],
            closing=tuple(w for w in rules.word_list(_SECTION, "closing_cues") if w),
            verbs=words("task_verbs"),
            openers=words("task_openers"),
            principles=words("principle_openers"),
            task_open=re.compile(f"{_alt(words('task_adverbs'))}*{_alt(words('task_verbs'))}"),
            verb_run=re.compile(_alt(words("task_verbs")) + "*"),
            generic_run=re.compile(_alt(tuple(generic)) + "*"),  # cue words and modifiers
            count=re.compile(f"[一二三四五六七八九十两0-9]+{_alt(words('count_words'))}"),
            horizons=words("horizon_words", "outline_words"),
            markers=_marker_pattern(rules.word_list(_SECTION, "run_in_markers")),
            lead=_lead_pattern(words("attribution_verbs")),
        )


def _alt(words: tuple[str, ...]) -> str:
    """A regex group matching any of ``words``, longest first (an empty list matches nothing)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(re.escape, ordered)) + ")" if ordered else "(?!)"


_CN_NUM = "[一二三四五六七八九十]{1,3}"
_AR_NUM = "[1-9][0-9]?"


def _marker_pattern(templates: list[str]) -> Any:
    """One regex over all run-in markers (一是, 第一,, 1、, (1) …), a named group ``m<i>`` per template."""
    parts = []
    for i, t in enumerate(templates):
        rx = re.escape(t).replace(re.escape("{cn}"), _CN_NUM).replace(re.escape("{ar}"), _AR_NUM)
        if t.endswith(("{ar}.", "{ar}、")):
            rx += "(?![0-9%])"  # not 1.2万亿元, not the list 1、2、3
        parts.append(f"(?P<m{i}>{rx})")
    # only where an item may start (checked again in _item_series): the scan skips running text fast
    return re.compile(f"(?<![^{re.escape(_ITEM_BEFORE)} ])(?:" + "|".join(parts) + ")") if parts else None


def _lead_pattern(verbs: tuple[str, ...]) -> Any:
    if not verbs:
        return None
    return re.compile("[^。;!?\n]{0,24}?(?:" + "|".join(map(re.escape, verbs)) + ")[,:]?要?")


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


def _verb_end(title: str, cfg: _Config) -> int:
    """End of the task verb a title opens with (after manner adverbs), or -1."""
    m = cfg.task_open.match(title)
    return m.end() if m else -1


def _reads_as_task(title: str, cfg: _Config) -> bool:
    """A title that states something to do: opens with a task verb, or with an opener (以, 围绕) and has
    a task verb further on; not a principle (坚持…), a horizon (到2027年…) or a bare verb phrase."""
    t = title.lstrip("“\"'‘「")
    if not t or t.startswith(cfg.principles) or _opens_with_horizon(t, cfg):
        return False
    end = _verb_end(t, cfg)
    if end < 0:
        if not t.startswith(cfg.openers) or not any(v in t[1:] for v in cfg.verbs):
            return False
        end = 0
    return len(t) - cfg.verb_run.match(t, end).end() >= 2  # 加快推进 alone says nothing


def _opens_with_horizon(title: str, cfg: _Config) -> bool:
    """到2027年… / 力争到2030年…: a goal, not a measure."""
    for h in cfg.horizons:
        k = title.find(h, 0, 4)
        if k >= 0 and title[k + len(h):k + len(h) + 1].isdigit():
            return True
    return False


def _is_generic(title: str, cfg: _Config) -> bool:
    """A heading made of cue words and modifiers only (主要任务, 具体保障措施, 其他)."""
    return cfg.generic_run.match(title).end() >= len(title)


def _is_container(title: str, cfg: _Config) -> bool:
    """A chapter title that holds measures rather than being one: generic (重点行动) or counted (实施六大行动)."""
    return _is_generic(title, cfg) or cfg.count.search(title) is not None


def _is_excluded(title: str, cfg: _Config) -> bool:
    return any(w in title for w in cfg.excluded)


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
                line = _announcement(text, cfg, n.start, "::", "。\n")
                if line is None:
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
            if own != "action" or _is_container(title, cfg) or any(_own_kind(_title(ctx, k), cfg) for k in kids):
                continue
        kind = own or parent_kind or announced.get(node.id) or (doc_kind if parent is None else None)
        if kind is None:
            continue
        out.append((node, kind))
        taken_end = node.end
    return out


@dataclass
class _Found:
    """A measure before it becomes a :class:`Measure` (normalised offsets)."""

    start: int  # where its span begins (the heading number, or the run-in title)
    title_start: int
    title_end: int
    body_start: int
    end: int
    kind: str
    section: Optional[str]


def _label_end(ctx: Context, start: int, end: int) -> int:
    """End of a heading's label: 前瞻布局:抢占量子科技与6G等新赛道 → 前瞻布局 (a short label before a colon)."""
    k = ctx.ntext.find(":", start, end)
    if _LABEL_MIN <= k - start <= _LABEL_MAX and end - k > 1:
        return k
    return end


def _from_node(ctx: Context, node: OutlineNode, kind: str) -> _Found:
    return _Found(node.start, node.title_start, _label_end(ctx, node.title_start, node.title_end),
                  node.body_start, node.end, kind, node.id)


def _children(ctx: Context) -> dict[str, list[OutlineNode]]:
    out: dict[str, list[OutlineNode]] = {}
    for n in ctx.outline:
        if n.parent is not None:
            out.setdefault(n.parent, []).append(n)
    return out


def _frame_measures(ctx: Context, cfg: _Config, found: list[_Found]) -> list[_Found]:
    """An outline whose top-level headings are the tasks themselves (一、加速布局… 二、稳步发展…).

    Candidates are the top-level headings that are neither a frame section (总体要求, 发展目标) nor
    a chapter of measures; a heading that holds a measure found already is left to it.

    * Without a chapter of actions or tasks, the candidates are measures when most of them read as
      tasks (whatever words the others use).
    * With one (三、重点行动 → (一)…), plans put focus sections before it (二、布局未来产业 → 五大
      集群) and further task chapters after it: only those after it that read as tasks are measures.
    """
    tops = {n.start for n in ctx.outline if n.parent is None}
    inner = [f.start for f in found if f.kind != "safeguard" and f.start not in tops]
    after = min(inner) if inner else -1
    cands = []
    for node in ctx.outline:
        if node.parent is not None or node.start < after:
            continue
        title = _title(ctx, node)
        if _is_excluded(title, cfg) or _own_kind(title, cfg) is not None or _is_generic(title, cfg):
            continue
        if title.startswith(cfg.principles) or _opens_with_horizon(title, cfg):
            continue
        if any(node.start <= f.start < node.end for f in found):
            continue
        cands.append((node, _reads_as_task(title, cfg)))
    tasks = sum(1 for _, is_task in cands if is_task)
    if not tasks or (after < 0 and 2 * tasks < len(cands)):
        return []
    return [_from_node(ctx, node, "task") for node, is_task in cands if is_task or after < 0]


# -- run-in items: 一是… 二是…, 第一,… 1、… inside a paragraph ----------------------------------------


def _item_series(ctx: Context, cfg: _Config, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Series of run-in item markers numbered 1, 2, 3 … in ``ntext[start:end]``: per series, the
    (marker start, marker end) of each item. A marker opens the text, a line or a sentence. A series
    may hold one item (an excerpt that stops after 一是…): whoever uses it decides."""
    if cfg.markers is None or end <= start:
        return []
    text = ctx.ntext
    open_: dict[str, list[tuple[int, int]]] = {}
    done: list[list[tuple[int, int]]] = []
    for m in cfg.markers.finditer(text, start, end):
        k = m.start()
        while k > start and text[k - 1] == " ":
            k -= 1
        if k > start and text[k - 1] not in _ITEM_BEFORE:
            continue
        value = numeral_value(m.group())
        style = m.lastgroup or ""
        run = open_.get(style)
        if value == 1:
            if run:
                done.append(run)
            open_[style] = [(m.start(), m.end())]
        elif run is not None and value == len(run) + 1:
            run.append((m.start(), m.end()))
    done.extend(open_.values())
    done.sort()
    out: list[list[tuple[int, int]]] = []
    for run in done:  # an inner series (1、 2、 inside 一是…) belongs to the item holding it
        if out and run[0][0] < _line_end(text, out[-1][-1][1], end):
            continue
        out.append(run)
    return out


def _line_end(text: str, pos: int, limit: int) -> int:
    nl = text.find("\n", pos, limit)
    return limit if nl < 0 else nl


def _series_measures(ctx: Context, cfg: _Config, run: list[tuple[int, int]], end: int, kind: str) -> list[_Found]:
    """One measure per item of a run-in series; the title is the item's first clause."""
    text = ctx.ntext
    out = []
    for i, (ms, me) in enumerate(run):
        item_end = run[i + 1][0] if i + 1 < len(run) else _line_end(text, me, end)
        ts = me
        while ts < item_end and text[ts] == " ":
            ts += 1
        stop = _CLAUSE_END.search(text, ts, item_end)
        te = stop.start() if stop else item_end
        title = text[ts:te].strip()
        if not (_ITEM_MIN <= len(title) <= _ITEM_MAX) or title.startswith(cfg.principles):
            continue
        if _opens_with_horizon(title, cfg) or _is_generic(title, cfg) or not _has_object(title, cfg):
            continue
        body = te + 1 if te < item_end else te
        out.append(_Found(ms, ts, ts + len(title), min(body, item_end), item_end,
                          _own_kind(title, cfg) or kind, ctx.section_id_at(ms)))
    return out


def _has_object(title: str, cfg: _Config) -> bool:
    """Not a bare verb phrase (加快推进)."""
    m = cfg.task_open.match(title)
    return m is None or len(title) - cfg.verb_run.match(title, m.end()).end() >= 2


def _announcing_kind(ctx: Context, cfg: _Config, pos: int) -> Optional[str]:
    """The kind cue of the sentence right before ``pos`` (…完成三项重点任务。 / 主要保障措施如下:)."""
    line = _announcement(ctx.ntext, cfg, pos, _ANNOUNCE_END, "。;!?\n")
    return None if line is None else _own_kind(line, cfg)


def _announcement(text: str, cfg: _Config, pos: int, ends: str, stops: str) -> Optional[str]:
    """The sentence right before ``pos`` when it ends in one of ``ends`` (its announcing suffix
    such as 如下 cut), starting after one of ``stops``; ``None`` if there is none or it is excluded."""
    end = pos
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    if end == 0 or text[end - 1] not in ends:
        return None
    start = end - 1
    while start > 0 and end - start < _ANNOUNCE_MAX and text[start - 1] not in stops:
        start -= 1
    line = text[start:end - 1]
    for suffix in cfg.announce_suffixes:
        if line.endswith(suffix):
            line = line[: -len(suffix)]
            break
    return None if _is_excluded(line, cfg) else line


def _announced_series(ctx: Context, cfg: _Config, found: list[_Found]) -> list[_Found]:
    """Run-in series announced by a kind cue (我省将完成三项重点任务。一是…;二是…), outside other measures."""
    out: list[_Found] = []
    taken = sorted((f.start, f.end) for f in found)
    for run in _item_series(ctx, cfg, 0, len(ctx.ntext)):
        first = run[0][0]
        if _inside(taken, first) or _in_excluded_section(ctx, cfg, first):
            continue
        kind = _announcing_kind(ctx, cfg, first)
        if kind is not None:
            out.extend(_series_measures(ctx, cfg, run, len(ctx.ntext), kind))
    return out


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies in one of ``spans`` (sorted; measures nest at most a few deep)."""
    i = bisect.bisect_right(spans, (pos, _FAR))
    return any(s <= pos < e for s, e in spans[max(0, i - _NEST):i])


def _in_excluded_section(ctx: Context, cfg: _Config, pos: int) -> bool:
    node = ctx.section_at(pos)
    chain = [node, *ctx.ancestors(node)] if node is not None else []
    return any(_is_excluded(_title(ctx, n), cfg) for n in chain)


# -- paragraphs led by a task: 做大海洋新能源产业。重点发展… --------------------------------------------


def _lead_in_measures(
    ctx: Context, cfg: _Config, node: Optional[OutlineNode] = None, kind: str = "task"
) -> list[_Found]:
    """Paragraphs that open with a short task sentence (a heading run into its paragraph, numbering
    lost): outside the outline, or in the body of ``node`` (五、保障措施 加强组织领导。建立…). A news
    lead may come first (《方案》指出,要…); without one, a paragraph counts only in a series of two
    or more."""
    text = ctx.ntext
    start, end = (node.body_start, node.end) if node is not None else (0, len(text))
    heads: list[tuple[int, int, bool]] = []
    for m in _SENTENCE.finditer(text, start, end):
        ts, lead = m.start(), False
        if node is None and ctx.section_at(ts) is not None:
            continue
        lm = cfg.lead.match(text, ts) if cfg.lead is not None else None
        if lm is not None and lm.end() < m.end():
            ts, lead = lm.end(), True
        elif ts > start and text[ts - 1] != "\n":
            continue  # inside a paragraph, only a news lead introduces a run-in heading
        if _is_task_head(ctx, cfg, ts, m.end() - 1):
            heads.append((ts, m.end() - 1, lead))
    if len(heads) < 2:
        heads = [h for h in heads if h[2]]
    out = []
    for ts, te, _ in heads:
        stop = _line_end(text, te, end)
        own = _own_kind(text[ts:te], cfg) or kind
        out.append(_Found(ts, ts, te, min(te + 1, stop), stop, own, node.id if node is not None else None))
    return out


def _is_task_head(ctx: Context, cfg: _Config, ts: int, te: int) -> bool:
    """``ntext[ts:te]`` (a sentence without its 。) is short, one clause, and reads as a task."""
    title = ctx.ntext[ts:te]
    if not (_HEAD_MIN <= len(title) <= _HEAD_MAX) or any(c in title for c in _HEAD_BREAKS):
        return False
    return not _is_excluded(title, cfg) and _reads_as_task(title, cfg) and not _overlaps_goal(ctx, ts, te)


def _overlaps_goal(ctx: Context, start: int, end: int) -> bool:
    """``ntext[start:end]`` overlaps a goal found before (培育100家专精特新企业)."""
    spans = ctx.results.get("_goal_spans")
    if spans is None:
        spans = ctx.results["_goal_spans"] = sorted((g.span.start, g.span.end) for g in ctx.results.get("goals") or [])
    span = ctx.span(start, end)
    i = bisect.bisect_left(spans, (span.end, -1))
    return any(gs < span.end and span.start < ge for gs, ge in spans[max(0, i - _NEST):i])


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


def _found_measures(ctx: Context, cfg: _Config) -> list[_Found]:
    """Every measure of the document, in document order: outline sections first, then what the
    outline does not hold (top-level tasks, announced run-in series, paragraphs led by a task)."""
    kids = _children(ctx)
    found: list[_Found] = []
    for node, kind in _measure_nodes(ctx, cfg):
        if node.id not in kids and _is_generic(_title(ctx, node), cfg):
            # 五、保障措施 一是…;二是… / 加强组织领导。建立…: the items are the measures
            items = [
                f for run in _item_series(ctx, cfg, node.body_start, node.end)
                for f in _series_measures(ctx, cfg, run, node.end, kind)
            ] or _lead_in_measures(ctx, cfg, node, kind)
            if items:
                found.extend(items)
                continue
        found.append(_from_node(ctx, node, kind))
    found = [f for f in found if _states_a_measure(ctx, cfg, f)]
    found.extend(_frame_measures(ctx, cfg, found))
    found.extend(_announced_series(ctx, cfg, found))
    taken = sorted((f.start, f.end) for f in found)
    found.extend(f for f in _lead_in_measures(ctx, cfg) if not _inside(taken, f.start))
    found = [f for f in found if _states_a_measure(ctx, cfg, f)]
    found.sort(key=lambda f: (f.start, f.title_start))
    return found


def _states_a_measure(ctx: Context, cfg: _Config, f: _Found) -> bool:
    """Not a principle (坚持…), a goal (到2027年… / a quantitative target) or a bare verb phrase."""
    title = ctx.ntext[f.title_start:f.title_end].lstrip("“\"'‘「")
    labelled = ctx.ntext[f.title_end:f.title_end + 1] == ":"  # 前瞻布局:抢占… says more after its label
    if title.startswith(cfg.principles) or _opens_with_horizon(title, cfg):
        return False
    if not labelled and not _has_object(title, cfg):
        return False
    return not _overlaps_goal(ctx, f.title_start, f.title_end)


def extract_measures(ctx: Context) -> list[Measure]:
    """All measures of the document, in document order.

    Args:
        ctx: the document context; reads ``ctx.outline`` and the goals, regions, institutions and
            industries found before (``ctx.results``).

    Returns:
        One :class:`~futurepolicy.model.Measure` per action / task / safeguard.
    """
    cfg = _config(ctx.rules)
    found = _found_measures(ctx, cfg)
    if not found:
        return []
    regions = _Index(ctx.results.get("regions"))
    institutions = _Index(ctx.results.get("institutions"))
    industries = _Index(ctx.results.get("industries"))
    out: list[Measure] = []
    for f in found:
        end = _trim_end(ctx, f.body_start, f.end, cfg.closing)
        body_start = min(f.body_start, end)
        span = ctx.span(f.start, max(end, f.title_end))
        body = ctx.original(body_start, end).strip() if end > body_start else ""
        out.append(
            Measure(
                title=ctx.original(f.title_start, f.title_end).strip(),
                kind=f.kind,  # type: ignore[arg-type]
                text=body,
                section=f.section,
                institutions=institutions.names_in(span),
                regions=regions.names_in(span),
                industries=industries.names_in(span),
                instruments=[],
                span=span,
            )
        )
    return out
