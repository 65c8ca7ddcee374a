"""Institution extraction: every named organisation, typed, with all its mentions.

Sources, all driven by rule-pack data:

* a **gazetteer** (``institutions`` tables: national bodies, ministries, academies, well-known
  universities; province packs add local labs and leading groups), matched in one Aho-Corasick
  pass with token-boundary checks;
* a **suffix recogniser**: an org suffix from ``org_words.yaml`` (``suffix_<type>`` lists: 大学,
  研究院, 实验室, 中心, 领导小组, 人民政府, 集团 …) extended left over the tokens of its name
  (:func:`walk_name_left`) until a boundary — a governing verb (支持, 推进, 依托, 联合 …), a
  function word (的, 等), punctuation, or 与/和 between two names. The name is then trimmed to
  start at its first proper token: a place name, a known institution or a jieba ``ns/nr/nt``
  token (government bodies and leading groups may start with a bare level prefix: 市制造强市建设领导小组).
  Without such a head a phrase is generic and is dropped (未来技术学院, 科技创新中心, 高校).
  Labs and centres may also start at a named level (国家石化产业技术创新中心, 省人工智能实验室);
  suffixes that only name bodies take any stem (认知智能全国重点实验室); a clause that is a bare
  name before a founding event is one (深空探测实验室揭牌运行);
* **lists**: the items of a list ending in 等 + a company noun (博彦科技、东软等企业), and the proper
  items of a list holding two institutions already (航天四院、中科院国家授时中心);
* **short names** of companies named in full earlier (传奇生物 after 南京传奇生物科技有限公司).

Decisions (applied everywhere):

* A long name is **one** institution: 北京大学重庆碳基集成电路研究院 is not split.
* A **named parent** at the start of a longer name is also reported as an institution of its own,
  and that occurrence counts as one of its mentions: 北京大学 in 北京大学重庆碳基集成电路研究院,
  中国工程院 in 中国工程院院士专家成果展示与转化中心. Names inside a longer name that do not start
  it are parts of that name, not mentions.
* A place inside an institution name is not a region mention (see :mod:`.regions`).

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("支持重庆大学、北京大学重庆碳基集成电路研究院建设。", rules="national")
    >>> [(i.name, i.type) for i in doc.institutions]
    [('重庆大学', 'university'), ('北京大学', 'university'), ('北京大学重庆碳基集成电路研究院', 'institute')]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from ..context import Context
from ..model import Institution
from ..rules import RuleSet
from ._matchers import Gazetteer, Hit, wide_text


__all__ = [
    "extract_institutions",
    "find_institution_spans",
    "walk_name_left",
    "NameWords",
    "name_words",
    "item_lists",
    "stem_start",
]

_SUFFIX_PREFIX = "suffix_"


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@dataclass
class NameWords:
    """The vocabulary of the name walker (from ``org_words``), built once per rule set."""

    boundaries: frozenset[str]
    joiners: frozenset[str]
    proper_pos: frozenset[str]
    stop_pos: frozenset[str]
    level_prefixes: frozenset[str]
    edge_chars: frozenset[str]
    name_verbs: frozenset[str]
    task_words: frozenset[str]
    not_proper: frozenset[str]
    brand_pos: frozenset[str] = frozenset()
    brand_types: frozenset[str] = frozenset()
    session_markers: frozenset[str] = frozenset()
    max_tokens: int = 12


def name_words(rules: RuleSet) -> NameWords:
    """The shared name-walker vocabulary of a rule set (cached)."""

    def build(r: RuleSet) -> NameWords:
        w = lambda n: frozenset(r.word_list("org_words", n))  # noqa: E731
        return NameWords(
            boundaries=w("name_boundaries"),
            joiners=w("name_joiners"),
            proper_pos=w("proper_pos"),
            stop_pos=w("stop_pos"),
            level_prefixes=w("level_prefixes"),
            edge_chars=frozenset(r.word_list("place_words", "edge_chars")),
            name_verbs=w("name_verbs"),
            task_words=w("task_words"),
            not_proper=w("not_proper"),
            brand_pos=w("brand_pos"),
            brand_types=w("brand_types"),
            session_markers=w("session_marker"),
        )

    return rules.memo("institutions:name_words", build)


class Edges:
    """Token-boundary checks for a document: a name must not start or end inside a word."""

    def __init__(self, ctx: Context, words: NameWords):
        self.text = ctx.ntext
        # tokens cover the text: every token end is the next token's start (or the end of the text)
        self.starts = self.ends = ctx.token_boundaries()
        self.edge_chars = words.edge_chars

    def start_ok(self, s: int) -> bool:
        if s <= 0 or s in self.starts:
            return True
        prev = self.text[s - 1]
        return not _is_cjk(prev) or prev in self.edge_chars

    def end_ok(self, e: int) -> bool:
        if e >= len(self.text) or e in self.ends:
            return True
        nxt = self.text[e]
        return not _is_cjk(nxt) or nxt in self.edge_chars


def edges(ctx: Context) -> Edges:
    e = ctx.results.get("_edges")
    if e is None:
        e = ctx.results["_edges"] = Edges(ctx, name_words(ctx.rules))
    return e


def walk_name_left(
    ctx: Context,
    words: NameWords,
    suffix_start: int,
    proper_starts: set[int] | frozenset[int],
    *,
    level_head: bool = False,
    level_start: frozenset[str] = frozenset(),
    ends_name: Optional[Callable[[str], bool]] = None,
) -> Optional[int]:
    """Where the name ending in a suffix at ``suffix_start`` begins, or ``None`` when it has no head.

    Walks left over tokens until a boundary (a word of ``name_boundaries``, a token tagged with a
    ``stop_pos`` tag, a verb not in ``name_verbs``, punctuation, or 与/和 between two names), then
    trims the phrase to begin at its first proper token: one tagged ``proper_pos``, one where a
    known place or institution starts (``proper_starts``) or, with ``level_head``, a level prefix
    (市, 省, 国家 …; also a level glued by the segmenter to the name: 省大|数据局), or a word of
    ``level_start`` (a level that may open a name without relaxing the walk). ``ends_name(word)``
    tells whether a word ends a name (then a joiner before the
    current name separates two names); without it joiners always end the walk.

    Examples:
        依托|市|制造|强市|建设|领导小组 → 市制造强市建设领导小组 (level_head);
        推进|重庆|新型储能|材料|与|装备|研究院 → 重庆新型储能材料与装备研究院;
        联合|重庆大学|与|西南|大学 → 西南大学; 建设|未来|产业|研究院 → None.
    """
    toks = ctx.tokens
    if not toks:
        return None
    flags = ctx.results.get("_token_flags")
    if flags is None or len(flags) != len(toks):
        flags = ctx.results["_token_flags"] = [-1] * len(toks)
    ti = ctx.token_index(suffix_start)
    tok = toks[ti]
    head: list[int] = []  # token indices of the name's head, right to left
    if tok.start < suffix_start:
        head.append(ti)
    ti -= 1
    crossed = False

    def flag(i: int) -> int:
        f = flags[i]
        if f < 0:
            f = flags[i] = _token_flag(words, toks[i])
        return f

    def is_proper(i: int) -> bool:
        return toks[i].start in proper_starts or bool(flag(i) & _PROPER)

    def has_name() -> bool:  # a known name or a place-tagged token: strong evidence of a name of its own
        return any(toks[i].start in proper_starts or flag(i) & _NS for i in head)

    steps = 0
    while ti >= 0 and steps < words.max_tokens:
        f = flag(ti)
        if f & _BREAK:
            break
        if f & _JOINER:
            # inside a name only when what follows is not a name of its own
            if ends_name is None or crossed or has_name() or ti == 0:
                break
            left = flag(ti - 1)
            if left & (_STOP | _BREAK) or ends_name(toks[ti - 1].word):
                break
            crossed = True
            head.append(ti)
            ti -= 1
            continue
        if not is_proper(ti):
            if f & _GLUED_JOINER:
                break  # 和泛, 与其: a joiner glued to the next word by the segmenter
            if f & _GLUED_LEVEL and level_head:
                glued = toks[ti].start + 1  # 由省|科技厅: a function word glued to the level prefix
                return glued if glued < suffix_start else None
            if level_head and f & _LEVEL:
                pass
            elif f & _STOP or (f & _TASK and not level_head) or f & _BAD_VERB:
                break
        head.append(ti)
        ti -= 1
        steps += 1
    # trim to the first proper token (leftmost first)
    straddle = head[0] if head and toks[head[0]].start < suffix_start else -1
    for i in reversed(head):
        f = flag(i)
        if f & _JOINER:
            continue
        if is_proper(i) or (level_head and f & _LEVEL) or toks[i].word in level_start:
            start = toks[i].start
            return start if start < suffix_start else None
        if i == straddle and level_head and ctx.ntext[toks[i].start:suffix_start] in words.level_prefixes:
            return toks[i].start  # 省大|数据局, 省工|信厅: the level glued to the first word of the suffix
    return None


_BREAK, _JOINER, _GLUED_JOINER, _GLUED_LEVEL, _LEVEL, _STOP, _TASK, _BAD_VERB, _PROPER, _NS = (1 << k for k in range(10))


def _token_flag(words: NameWords, t: Any) -> int:
    """What a token is to the name walker, as bit flags (computed once per token and document)."""
    w = t.word
    if not w.strip() or not any(_is_cjk(c) or c.isalnum() for c in w):
        return _BREAK
    f = 0
    if w in words.joiners:
        f |= _JOINER
    elif len(w) > 1 and w[0] in words.joiners:
        f |= _GLUED_JOINER
    if len(w) > 1 and w[0] in words.edge_chars and w[1:] in words.level_prefixes:
        f |= _GLUED_LEVEL
    if w in words.level_prefixes:
        f |= _LEVEL
    if w in words.boundaries or (t.pos in words.stop_pos and not _is_session(w, words)):
        f |= _STOP
    if w in words.task_words:
        f |= _TASK
    elif t.pos == "v" and w not in words.name_verbs:
        f |= _BAD_VERB
    if w not in words.not_proper:
        if t.pos in words.proper_pos:
            f |= _PROPER
        if t.pos == "ns":
            f |= _NS
    return f


_NUMERALS = frozenset("0123456789零〇一二三四五六七八九十百")


def _is_session(word: str, words: NameWords) -> bool:
    """An ordinal session inside a body's name: 第十四届 (第 + numeral + a ``session_marker``)."""
    return (len(word) >= 3 and word[0] == "第" and word[-1] in words.session_markers
            and all(c in _NUMERALS for c in word[1:-1]))


# -- the per-rule-set index ------------------------------------------------------------------------


@dataclass
class _OrgIndex:
    gazetteer: Gazetteer  # term -> row
    suffixes: Gazetteer  # suffix -> (type, kind) kind: "free" | "office"
    level_types: frozenset[str]
    blockers: Gazetteer
    generic: frozenset[str]
    canon: dict[str, str] = field(default_factory=dict)
    suffix_terms: tuple[str, ...] = ()
    named_level_types: frozenset[str] = frozenset()
    named_level_prefixes: frozenset[str] = frozenset()
    generic_stems: frozenset[str] = frozenset()
    named_suffixes: frozenset[str] = frozenset()
    founding_events: tuple[str, ...] = ()
    weak_suffixes: frozenset[str] = frozenset()
    list_heads: tuple[str, ...] = ()
    list_quantifiers: tuple[str, ...] = ()
    not_brands: frozenset[str] = frozenset()
    brand_list_pos: frozenset[str] = frozenset()


def _build_index(rules: RuleSet) -> _OrgIndex:
    from ..rules._schema import INSTITUTION_TYPES

    terms: list[tuple[str, dict[str, Any]]] = []
    canon: dict[str, str] = {}
    for row in rules.table("institutions"):
        for t in [row["name"], *(row.get("aliases") or [])]:
            if t:
                terms.append((t, row))
                canon[t] = row["name"]
    suffixes: list[tuple[str, tuple[str, str]]] = []
    for office in rules.word_list("org_words", "office_suffixes"):
        suffixes.append((office, ("government", "office")))
    for typ in INSTITUTION_TYPES:
        for s in rules.word_list("org_words", _SUFFIX_PREFIX + typ):
            suffixes.append((s, (typ, "free")))
    return _OrgIndex(
        gazetteer=Gazetteer(terms),
        suffixes=Gazetteer(suffixes),
        level_types=frozenset(rules.word_list("org_words", "level_head_types")),
        blockers=Gazetteer((b, True) for b in rules.word_list("org_words", "suffix_blockers")),
        generic=frozenset(rules.word_list("org_words", "generic")),
        canon=canon,
        suffix_terms=tuple(sorted({t for t, _ in suffixes})),
        named_level_types=frozenset(rules.word_list("org_words", "named_level_types")),
        named_level_prefixes=frozenset(rules.word_list("org_words", "named_level_prefixes")),
        generic_stems=frozenset(rules.word_list("org_words", "generic_stems")),
        named_suffixes=frozenset(rules.word_list("org_words", "named_suffixes")),
        founding_events=tuple(sorted(set(rules.word_list("org_words", "founding_events")))),
        weak_suffixes=frozenset(rules.word_list("org_words", "weak_suffixes")),
        list_heads=tuple(sorted(set(rules.word_list("org_words", "company_list_heads")))),
        list_quantifiers=tuple(sorted(set(rules.word_list("org_words", "company_list_quantifiers")))),
        not_brands=frozenset(rules.word_list("org_words", "not_brands")),
        brand_list_pos=frozenset(rules.word_list("org_words", "brand_list_pos")),
    )


def _index(rules: RuleSet) -> _OrgIndex:
    return rules.memo("institutions:index", _build_index)


def _build_scanner(rules: RuleSet) -> Gazetteer:
    """One automaton for every term of both extractors: places, zone suffixes, organisations,
    org suffixes and blockers (one pass over the text instead of five)."""
    from .regions import _index as region_index

    r, o = region_index(rules), _index(rules)
    combined: dict[str, list[tuple[str, Any]]] = {}
    for cat, gaz in (("place", r.gazetteer), ("zone_suffix", r.suffixes), ("org", o.gazetteer),
                     ("org_suffix", o.suffixes), ("org_block", o.blockers)):
        for term, value in gaz.items():
            combined.setdefault(term, []).append((cat, value))
    return Gazetteer(sorted(combined.items()))


def scan(ctx: Context) -> dict[str, list[Hit]]:
    """All term occurrences of the document by category (``place``, ``zone_suffix``, ``org``,
    ``org_suffix``, ``org_block``), in order of their end; one automaton pass, cached per document."""
    cached = ctx.results.get("_entity_hits")
    if cached is None:
        cached = {c: [] for c in ("place", "zone_suffix", "org", "org_suffix", "org_block")}
        scanner = ctx.rules.memo("entities:scanner", _build_scanner)
        for h in scanner.iter_all(ctx.ntext, wide=wide_text(ctx)):
            for cat, value in h.value:
                cached[cat].append(Hit(h.start, h.end, h.term, value))
        ctx.results["_entity_hits"] = cached
    return cached


# -- finding names ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    key: str  # canonical name (gazetteer) or the normalised text
    type: str
    rule: str
    known: bool  # from the gazetteer


def _is_generic(name: str, idx: _OrgIndex, words: NameWords) -> bool:
    if name in idx.generic:
        return True
    return any(name.startswith(p) and name[len(p):] in idx.generic for p in words.level_prefixes)


def _candidates(ctx: Context) -> list[_Cand]:
    from .regions import place_starts

    idx = _index(ctx.rules)
    words = name_words(ctx.rules)
    edge = edges(ctx)
    text = ctx.ntext
    out: list[_Cand] = []
    known_starts: set[int] = set()
    hits = scan(ctx)
    for h in hits["org"]:
        if edge.start_ok(h.start) and edge.end_ok(h.end):
            row = h.value
            out.append(_Cand(h.start, h.end, row["name"], row["type"], f"{row['_pack']}/institutions#{row['name']}", True))
            known_starts.add(h.start)
    proper_starts = set(place_starts(ctx)) | known_starts
    blocked: set[int] = set()
    for h in hits["org_block"]:
        blocked.update(range(h.start, h.end))
    # the longest suffix ending at each position
    best: dict[int, tuple[int, str, tuple[str, str]]] = {}
    for h in hits["org_suffix"]:
        cur = best.get(h.end)
        if cur is None or h.start < cur[0]:
            best[h.end] = (h.start, h.term, h.value)
    pack = ctx.rules.names[0] if ctx.rules.names else "national"
    suffix_set = idx.suffix_terms

    def ends_name(word: str) -> bool:
        return any(word.endswith(x) for x in suffix_set if len(x) <= len(word))

    for end in sorted(best):
        s, term, (typ, kind) = best[end]
        if s in blocked or (end - 1) in blocked or not edge.end_ok(end):
            continue
        start = _name_start(ctx, idx, words, s, end, typ, kind, proper_starts, ends_name)
        if start is None:
            continue
        name = text[start:end]
        if _is_generic(name, idx, words):
            continue
        key = idx.canon.get(name, name)
        rule = f"{pack}/org_words#{'office_suffixes' if kind == 'office' else _SUFFIX_PREFIX + typ}"
        out.append(_Cand(start, end, key, typ, rule, False))
    out.extend(_list_members(ctx, idx, words, out, pack))
    out.extend(_company_short_forms(ctx, idx, out, proper_starts))
    return out


def _name_start(ctx: Context, idx: _OrgIndex, words: NameWords, s: int, end: int, typ: str, kind: str,
                proper_starts: set[int], ends_name: Callable[[str], bool]) -> Optional[int]:
    """Where the name ending in the suffix ``[s, end)`` starts, or ``None`` for a generic phrase.

    In order: the name walker (a proper head; a level head for government bodies; a named level
    such as 国家/省 for labs and centres, with a stem that is not generic), a brand before a company
    suffix, any stem before a suffix that only names bodies (认知智能全国重点实验室), and the whole
    clause before a founding event (深空探测实验室揭牌运行).
    """
    text = ctx.ntext
    level_head = kind == "office" or typ in idx.level_types
    named_level = typ in idx.named_level_types and text[s:end] not in idx.weak_suffixes
    level_start = idx.named_level_prefixes if named_level else frozenset()
    start = walk_name_left(ctx, words, s, proper_starts, level_head=level_head, level_start=level_start,
                           ends_name=ends_name)
    if start is not None:
        head = text[start:s]
        if kind == "free" and level_head and head in words.level_prefixes:
            start = None  # 市委员会, 市领导小组: a level and a suffix, no name
        else:
            level = max((p for p in level_start if head.startswith(p)), key=len, default=None)
            stem = head[len(level):] if level else None
            if level and (not stem or stem in idx.generic_stems):
                start = None  # 国家产业创新中心, 省重点实验室
    if start is None and typ in words.brand_types:
        start = _brand_head(ctx, words, s)
    if start is None and text.startswith(idx.founding_events, end):
        start = _clause_start(ctx, words, s, idx)
    if start is None and text[s:end] in idx.named_suffixes:
        start = stem_start(ctx, words, s, idx.generic_stems)
    return start


_CLAUSE_RE = None


def item_lists(ctx: Context) -> list[tuple[list[tuple[int, int]], int]]:
    """The 、-lists of the document: per clause with a 、, its item spans (at least two) and the
    clause's end (see :func:`_list_items`); cached per document."""
    cached = ctx.results.get("_item_lists")
    if cached is None:
        import re

        global _CLAUSE_RE
        if _CLAUSE_RE is None:
            _CLAUSE_RE = re.compile(r"[^,.;:!?。,;:!?\n()（）《》“”\"'\[\]【】]+")
        words = name_words(ctx.rules)
        cached = []
        for m in _CLAUSE_RE.finditer(ctx.ntext):
            if "、" in m.group():
                items = _list_items(ctx, words, m.start(), m.end())
                if len(items) >= 2:
                    cached.append((items, m.end()))
        ctx.results["_item_lists"] = cached
    return cached


def _list_members(ctx: Context, idx: _OrgIndex, words: NameWords, found: list[_Cand], pack: str) -> list[_Cand]:
    """Institutions named by their place in a list (A、B、C): every item of a list that ends in
    等 + a company noun (博彦科技、东软等企业) is a company; the other items of a list whose items
    are institutions already (at least two: 航天四院、中科院国家授时中心、…) are institutions too
    (companies among companies, else of type ``other``). An item must be a short name carrying a proper-name tag, not a
    generic word, an industry or a place."""
    from .regions import place_ends

    text = ctx.ntext
    spans = {(c.start, c.end): c for c in found}
    out: list[_Cand] = []
    for items, clause_end in item_lists(ctx):
        tail = text[items[-1][1]:clause_end]
        company_list = tail.startswith("等") and _company_tail(tail[1:], idx)
        known = [spans[it] for it in items if it in spans]
        if company_list or (len(known) >= 2 and all(c.type == "company" for c in known)):
            typ = "company"
        elif len(known) >= 2:
            typ = "other"
        else:
            continue
        rule = f"{pack}/org_words#{'company_list_heads' if company_list else 'brand_list_pos'}"
        for s, e in items:
            if (s, e) in spans or e in place_ends(ctx, s) or not _brand_like(ctx, idx, words, s, e):
                continue
            out.append(_Cand(s, e, text[s:e], typ, rule, False))
    return out


def _company_short_forms(ctx: Context, idx: _OrgIndex, found: list[_Cand], proper_starts: set[int]) -> list[_Cand]:
    """A company named in full (南京传奇生物科技有限公司) and later by the head of its name
    (传奇生物表示): the longest head of the name after its place, at least four characters long,
    that occurs outside the full name, ends on a word boundary and is not followed by a noun
    (中国航天|动力之城 is a phrase) is the company's short name."""
    import bisect

    text = ctx.ntext
    edge = edges(ctx)
    full = sorted((c.start, c.end) for c in found)
    full_starts = [s for s, _ in full]
    reach = list(itertools.accumulate((e for _, e in full), max))  # furthest end up to each span

    def inside_full(i: int) -> bool:
        k = bisect.bisect_right(full_starts, i) - 1
        return k >= 0 and reach[k] > i

    out: list[_Cand] = []
    done: set[str] = set()
    for c in found:
        if c.type != "company" or c.known or c.key in done or not text.endswith("公司", 0, c.end):
            continue
        done.add(c.key)
        suffix = max((t for t in idx.suffix_terms if text.endswith(t, c.start, c.end)), key=len, default="")
        body_start = _place_end(ctx, c.start, c.end) if c.start in proper_starts else c.start
        body = text[body_start:c.end - len(suffix)]
        for n in range(len(body) - 1, 3, -1):
            short = body[:n]
            hits = [i for i in _occurrences(text, short)
                    if edge.end_ok(i + n) and not _noun_at(ctx, i + n) and not inside_full(i)]
            if hits:
                out.extend(_Cand(i, i + n, short, "company", c.rule, False) for i in hits)
                break
    return out


def _place_end(ctx: Context, start: int, limit: int) -> int:
    """End of the place name that starts a company name at ``start`` (南京|传奇生物…)."""
    from .regions import place_ends

    return max((e for e in place_ends(ctx, start) if e < limit), default=start)


def _noun_at(ctx: Context, pos: int) -> bool:
    toks = ctx.tokens
    if pos >= len(ctx.ntext) or not toks:
        return False
    t = toks[ctx.token_index(pos)]
    return t.start == pos and t.pos.startswith("n")


def _occurrences(text: str, term: str) -> list[int]:
    out, i = [], text.find(term)
    while i >= 0:
        out.append(i)
        i = text.find(term, i + 1)
    return out


def _company_tail(tail: str, idx: _OrgIndex) -> bool:
    """Whether the words after a list's 等 name companies: an optional quantifier, then a head."""
    for q in idx.list_quantifiers:
        if tail.startswith(q):
            tail = tail[len(q):]
            break
    return tail.startswith(idx.list_heads)


def _list_items(ctx: Context, words: NameWords, start: int, end: int) -> list[tuple[int, int]]:
    """The items of the 、-list in the clause ``[start, end)``: the first item without the words
    governing the list, the last one up to 等 or the first word that is not part of a name."""
    text = ctx.ntext
    parts: list[tuple[int, int]] = []
    pos = start
    for piece in text[start:end].split("、"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    toks = ctx.tokens
    items = []
    for k, (s, e) in enumerate(parts):
        if k == 0:  # drop the words before the list: keep the tokens after the last non-name word
            i = ctx.token_index(e - 1)
            while i >= 0 and toks[i].start >= s and not _token_flag(words, toks[i]) & (_STOP | _BREAK | _BAD_VERB | _TASK):
                i -= 1
            s = toks[i + 1].start if i + 1 < len(toks) and toks[i + 1].start >= s else e
        if k == len(parts) - 1:
            cut = text.find("等", s, e)
            e = cut if cut >= 0 else e
        if s < e:
            items.append((s, e))
    return items


def _brand_like(ctx: Context, idx: _OrgIndex, words: NameWords, s: int, e: int) -> bool:
    """A list item that can be a name: 2-8 characters, no generic word or industry, no function word
    or verb, and one token with a ``brand_list_pos`` tag."""
    name = ctx.ntext[s:e]
    if not 2 <= len(name) <= 8 or not all(_is_cjk(c) or c.isalnum() for c in name):
        return False
    if name in idx.generic or name in idx.not_brands or name in words.not_proper:
        return False
    toks = [t for t in ctx.tokens[ctx.token_index(s):ctx.token_index(e - 1) + 1]]
    if not toks or toks[0].start != s or toks[-1].end != e:
        return False
    if any(t.word in idx.not_brands or _token_flag(words, t) & (_STOP | _BREAK | _BAD_VERB) for t in toks):
        return False
    return any(t.pos in idx.brand_list_pos and t.word not in words.not_proper for t in toks)


def stem_start(ctx: Context, words: NameWords, s: int, generic: frozenset[str],
               extra_pos: frozenset[str] = frozenset()) -> Optional[int]:
    """Start of the words right before ``s`` up to a boundary (no verb, stop word or punctuation;
    words tagged ``extra_pos`` do not stop it unless they are boundary words), or ``None`` when
    they are fewer than two characters or a ``generic`` stem."""
    toks = ctx.tokens
    i = ctx.token_index(s - 1) if s > 0 else -1
    start = None
    while i >= 0 and s - toks[i].start <= 12:
        t = toks[i]
        f = _token_flag(words, t)
        if f & _STOP and t.pos in extra_pos and t.word not in words.boundaries:
            f &= ~_STOP
        if f & (_BREAK | _STOP | _BAD_VERB | _TASK | _JOINER | _GLUED_JOINER):
            break
        start = t.start
        i -= 1
    if start is None:
        return None
    stem = ctx.ntext[start:s]
    return start if len(stem) >= 2 and stem not in generic else None


def _clause_start(ctx: Context, words: NameWords, s: int, idx: _OrgIndex) -> Optional[int]:
    """Start of the clause that ends in the suffix at ``s`` when the clause is a bare name: at most
    12 characters after punctuation, with no function word or governing word (verbs that may sit in
    a name, 探测 and 推进, are kept)."""
    toks = ctx.tokens
    i = ctx.token_index(s - 1) if s > 0 else -1
    start = None
    while i >= 0:
        f = _token_flag(words, toks[i])
        if f & _BREAK:
            break
        if f & (_STOP | _JOINER | _GLUED_JOINER) and toks[i].word not in words.task_words:
            return None
        start = toks[i].start
        i -= 1
        if s - start > 12:
            return None
    if start is None:
        return None
    stem = ctx.ntext[start:s]
    return start if len(stem) >= 2 and stem not in idx.generic_stems else None


def _brand_head(ctx: Context, words: NameWords, suffix_start: int) -> Optional[int]:
    """Start of a brand before a company suffix (支持|宇通|集团): one short word the segmenter does not
    know as a common word (tagged ``brand_pos``), right after a boundary; ``None`` otherwise."""
    toks = ctx.tokens
    if not toks or suffix_start == 0:
        return None
    i = ctx.token_index(suffix_start - 1)
    tok = toks[i]
    if tok.end != suffix_start or not 2 <= len(tok.word) <= 4 or tok.pos not in words.brand_pos:
        return None
    if not all(_is_cjk(c) for c in tok.word) or tok.word in words.boundaries or tok.word in words.not_proper:
        return None
    if i > 0:
        prev = toks[i - 1]
        if not (_token_flag(words, prev) & (_BREAK | _STOP) or prev.word in words.joiners):
            return None  # the tail of a longer phrase, not a name of its own
    return tok.start


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Outermost names, plus named parents that start a longer name; leftmost-longest otherwise."""
    # one candidate per span; the gazetteer wins over the recogniser on the same span
    by_span: dict[tuple[int, int], _Cand] = {}
    for c in cands:
        cur = by_span.get((c.start, c.end))
        if cur is None or (c.known and not cur.known):
            by_span[(c.start, c.end)] = c
    ordered = sorted(by_span.values(), key=lambda c: (c.start, -(c.end - c.start)))
    outer: list[_Cand] = []
    for c in ordered:
        if outer and c.start < outer[-1].end:
            continue  # inside or overlapping an earlier, longer name
        outer.append(c)
    # named parents: the longest candidate that starts an outer name and ends inside it
    keep = list(outer)
    outer_by_start = {o.start: o for o in outer}
    parent_at: dict[int, _Cand] = {}
    for c in ordered:  # longest first at each start
        o = outer_by_start.get(c.start)
        if o is not None and c is not o and c.end < o.end and c.start not in parent_at:
            parent_at[c.start] = c
            keep.append(c)
    keep.sort(key=lambda c: (c.start, c.end))
    return keep


def find_institution_spans(ctx: Context) -> list[tuple[int, int]]:
    """Normalised spans of the outermost institution names (regions inside them are not mentions)."""
    found = _found(ctx)
    spans = sorted((c.start, c.end) for c in found)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


def _found(ctx: Context) -> list[_Cand]:
    cached = ctx.results.get("_institution_cands")
    if cached is None:
        cached = ctx.results["_institution_cands"] = _select(_candidates(ctx))
    return cached


def extract_institutions(ctx: Context) -> list[Institution]:
    """All named institutions of the document, one per distinct name, in order of first mention.

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("依托市制造强市建设领导小组,支持金凤实验室、西南大学发展。", rules="national")
        >>> [(i.name, i.type) for i in doc.institutions]
        [('市制造强市建设领导小组', 'leading_group'), ('金凤实验室', 'lab'), ('西南大学', 'university')]
    """
    groups: dict[str, list[_Cand]] = {}
    for c in _found(ctx):
        groups.setdefault(c.key, []).append(c)
    out: list[Institution] = []
    for key, cs in groups.items():
        cs.sort(key=lambda c: (c.start, c.end))
        first = cs[0]
        known = next((c for c in cs if c.known), first)
        mentions = []
        seen = set()
        for c in cs:
            if (c.start, c.end) not in seen:
                seen.add((c.start, c.end))
                mentions.append(ctx.mention(c.start, c.end))
        out.append(
            Institution(
                name=ctx.original(first.start, first.end),
                type=known.type,
                rule=known.rule,
                mentions=mentions,
            )
        )
    out.sort(key=lambda i: (i.mentions[0].start, i.name))
    return out
