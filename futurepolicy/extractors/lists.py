"""Coordinated lists: the series a plan states in running text, with the verb and the head around them.

A list is one clause ``VERB A、B和C等N大HEAD``: the items joined by 、 (the last two possibly by
和/及/与/以及), the verb that opens it (培育, 聚焦, 实施 …), and what closes it:

* ``等`` and/or a count cue and a head: ``培育A、B等10个未来产业``, ``开展A、B、C七大行动``;
* a frame: ``以A、B等为主的优势产业链``;
* a head glued to the last item and shared by all (``石化、有色产业`` → 石化, 有色) or ending every item
  (``实施A行动、B工程和C计划``, each kept as written);
* nothing (``大力发展A、B、C。``): a bare list, up to the end of its clause.

The head decides the target (``industry_heads`` / ``measure_heads``); all the vocabulary is in the
``list_words`` section of the rule packs. :func:`find_lists` reads every clause of the document once
(one regex scan for clauses, one gazetteer scan per clause) and caches the result on the context, so
the industry and measure extractors share it.

See :func:`scan_lists` for an example.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Optional

from ..context import Context
from ..rules import RuleSet
from ._matchers import Gazetteer, spell_wide, wide_text

__all__ = ["CoordList", "find_lists", "scan_lists", "count_value"]

_SECTION = "list_words"
_BREAKS = ",。;:!?\n,;:!?|【】[]"  # characters that end a clause (structure, not vocabulary)
_QUOTES = "“”\"'‘’《》「」〈〉 "
_NUMERALS = "0-9一二三四五六七八九十两"
_MAX_CLAUSE = 300  # longer clauses are tables or run-on text, not lists
_ORDINALS = "一二三四五六七八九十"
_MAX_MODS = 10  # qualifiers between 等/the count and the head (等海洋新兴产业)


@dataclass(frozen=True)
class CoordList:
    """One series in normalised offsets.

    Attributes:
        items: ``(start, end)`` of each item, in order, quotes trimmed.
        verb: the verb opening the series (``None`` when the series opens its clause).
        head: the head word it closes on (``产业``, ``行动`` …), ``None`` for a bare list.
        head_span: where the head stands (after the last item, or glued to it).
        count: the number of its count cue (``等10个`` → 10), ``None`` without one.
        closer: ``"deng"`` (等…), ``"count"`` (N大…), ``"frame"`` (以…为主的), ``"shared"`` (a head
            glued to the last item, shared by all), ``"each"`` (every item ends with the head),
            ``"ordinal"`` (一是…二是…) or ``"bare"``.
        target: ``"industry"``, ``"measure"`` or ``None``, from the head.
        clause_end: where the clause of the list ends.
    """

    items: tuple[tuple[int, int], ...]
    verb: Optional[str]
    head: Optional[str]
    head_span: Optional[tuple[int, int]]
    count: Optional[int]
    closer: str
    target: Optional[str]
    clause_end: int

    @property
    def start(self) -> int:
        return self.items[0][0]

    @property
    def end(self) -> int:
        return self.head_span[1] if self.head_span else self.items[-1][1]

    def items_text(self, text: str) -> list[str]:
        return [text[a:b] for a, b in self.items]


@dataclass
class _Config:
    joiners: list[str]
    weak_joiners: frozenset[str]
    industry_heads: frozenset[str]
    measure_heads: frozenset[str]
    heads: Gazetteer
    verbs: Gazetteer
    bare_verbs: frozenset[str]
    industry_verbs: frozenset[str]
    measure_verbs: frozenset[str]
    frame_openers: Gazetteer
    topic_counters: tuple[str, ...]
    particles: tuple[str, ...]
    head_modifiers: tuple[str, ...]
    closer_re: Any
    ordinal_re: Any
    count_re: Any
    clause_re: Any

    @staticmethod
    def build(rules: RuleSet) -> "_Config":
        import regex

        def words(name: str) -> list[str]:
            return sorted({w for w in rules.word_list(_SECTION, name) if w}, key=lambda w: (-len(w), w))

        def alt(ws: list[str]) -> str:
            return "|".join(regex.escape(w) for w in ws) or r"(?!x)x"

        ind, mea = words("industry_heads"), words("measure_heads")
        heads = sorted(set(ind) | set(mea), key=lambda w: (-len(w), w))
        count = rf"[{_NUMERALS}]{{1,3}}(?:{alt(words('count_words'))})"
        frames = alt(words("frame_closers"))
        # after the last item: 等 [count] [qualifiers] head | 等 为主的 [qualifiers] head | count [qualifiers] head
        closer = (
            rf"(?:(?P<deng>等)(?:(?P<frame>{frames})的?)?(?P<count>{count})?|(?P<count2>{count}))"
            rf"(?P<mods>[^、等0-9{regex.escape(_BREAKS)}]{{0,{_MAX_MODS}}}?)(?P<head>{alt(heads)})"
        )
        verbs = words("industry_verbs") + words("measure_verbs")
        return _Config(
            joiners=words("final_joiners"),
            weak_joiners=frozenset(words("weak_joiners")),
            industry_heads=frozenset(ind),
            measure_heads=frozenset(mea),
            heads=Gazetteer((h, h) for h in heads),
            verbs=Gazetteer((v, v) for v in sorted(set(verbs), key=lambda w: (-len(w), w))),
            bare_verbs=frozenset(words("bare_industry_verbs")),
            industry_verbs=frozenset(words("industry_verbs")),
            measure_verbs=frozenset(words("measure_verbs")),
            frame_openers=Gazetteer((w, w) for w in words("frame_openers")),
            topic_counters=tuple(words("topic_count_words")),
            particles=tuple(words("verb_particles")),
            head_modifiers=tuple(words("head_modifiers")),
            closer_re=regex.compile(closer),
            # 一是…;二是… (ordinals opening clauses): structure, not vocabulary
            ordinal_re=regex.compile(rf"(?:^|(?<=[{regex.escape(_BREAKS)}]))\s*(?P<n>[{_ORDINALS}])是"),
            count_re=regex.compile(count),
            clause_re=regex.compile(rf"[^{regex.escape(_BREAKS)}]+"),
        )


def _config(rules: RuleSet) -> _Config:
    return rules.memo("lists:config", _Config.build)


def count_value(s: Optional[str]) -> Optional[int]:
    """The number of a count cue: ``10个`` → 10, ``七大`` → 7, ``两条`` → 2, ``十二大`` → 12."""
    if not s:
        return None
    digits = "".join(ch for ch in s if ch.isdigit())
    if digits:
        return int(digits)
    nums = "一二三四五六七八九"
    s = s.replace("两", "二")
    if s[0] == "十":
        k = nums.find(s[1]) if len(s) > 1 else -1
        return 10 + (k + 1 if k >= 0 else 0)
    k = nums.find(s[0])
    if k < 0:
        return None
    if len(s) > 1 and s[1] == "十":
        k2 = nums.find(s[2]) if len(s) > 2 else -1
        return (k + 1) * 10 + (k2 + 1 if k2 >= 0 else 0)
    return k + 1


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _QUOTES:
        a += 1
    while b > a and text[b - 1] in _QUOTES:
        b -= 1
    return a, b


def _split_at_joiner(text: str, a: int, b: int, joiners: list[str], weak: frozenset[str], *,
                     pair: bool) -> Optional[int]:
    """Where the span ``[a, b)`` splits into two items: at its longest, else rightmost joiner.

    A weak joiner (与) joins inside names (储能与氢能): it splits only when ``pair`` (the count asks).
    """
    best: Optional[tuple[int, int]] = None
    for j in joiners:
        if j in weak and not pair:
            continue
        p = text.rfind(j, a + 1, b - 1)
        if p > a and p + len(j) < b and (best is None or (len(j), p) > best):
            best = (len(j), p)
    return None if best is None else best[1] * 1000 + best[0]  # position and length, packed


def _split_items(text: str, start: int, end: int, cfg: _Config, count: Optional[int]) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    s = start
    p = text.find("、", start, end)
    while p >= 0:
        parts.append((s, p))
        s = p + 1
        p = text.find("、", s, end)
    parts.append((s, end))
    want_more = count is not None and count == len(parts) + 1
    if want_more or (count is None and len(parts) > 1):
        # the count asks for one more item: split the last part with a joiner (做大三产和主体倍增、…)
        order = range(len(parts) - 1, -1, -1) if want_more else [len(parts) - 1]
        for i in order:
            a, b = parts[i]
            packed = _split_at_joiner(text, a, b, cfg.joiners, cfg.weak_joiners, pair=want_more)
            if packed is not None:
                pos, n = divmod(packed, 1000)
                parts[i:i + 1] = [(a, pos), (pos + n, b)]
                break
    return [_trim(text, a, b) for a, b in parts]


def _split_each(text: str, items: list[tuple[int, int]], cfg: _Config, heads: frozenset[str]) -> list[tuple[int, int]]:
    """Items that each end with a head: ``A行动和B工程`` splits after the head."""
    out = []
    for a, b in items:
        cut = None
        for j in cfg.joiners:
            p = text.find(j, a, b)
            while p > a and cut is None:
                if any(text.endswith(h, a, p) for h in heads) and p + len(j) < b:
                    cut = (p, p + len(j))
                p = text.find(j, p + 1, b)
            if cut:
                break
        out.extend([(a, cut[0]), (cut[1], b)] if cut else [(a, b)])
    return out


class _Hits:
    """Leftmost-longest hits of one gazetteer over the whole text (one scan), queried per clause."""

    def __init__(self, gaz: Gazetteer, text: str, wide: Optional[str]):
        hits = gaz.iter_all(text, wide=wide)
        hits.sort(key=lambda h: (h.start, h.start - h.end))
        self.hits: list[Any] = []
        last_end = -1
        for h in hits:  # leftmost-longest, not overlapping (as Gazetteer.find)
            if h.start >= last_end:
                self.hits.append(h)
                last_end = h.end
        self.starts = [h.start for h in self.hits]

    def within(self, a: int, b: int) -> list[Any]:
        """Hits inside ``[a, b)``, in text order."""
        out = []
        i = bisect.bisect_left(self.starts, a)
        while i < len(self.hits) and self.starts[i] < b:
            if self.hits[i].end <= b:
                out.append(self.hits[i])
            i += 1
        return out


@dataclass
class _Scan:
    text: str
    cfg: _Config
    rules: RuleSet
    verbs: _Hits
    heads: _Hits
    frames: _Hits
    closers: list[Any]  # matches of the closing phrase over the whole text, in order
    closer_starts: list[int]


def _has_hit(starts: list[int], a: int, b: int) -> bool:
    """Some start lies in ``[a, b)``."""
    i = bisect.bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _single_worth(sc: _Scan, cs: int, ce: int) -> bool:
    """A clause without a series is read only for one named item: a strong verb (大力发展新材料), a
    list closed by 等 alone, or a verb and a head closing the clause (实施X工程; 加快发展X产业集群)."""
    verbs = sc.verbs.within(cs, ce)
    if not verbs:
        return False
    if any(h.term in sc.cfg.bare_verbs for h in verbs) or sc.text.find("等", cs, ce) >= 0:
        return True
    end = ce
    while end > cs and sc.text[end - 1] in _QUOTES:
        end -= 1
    i = bisect.bisect_left(sc.heads.starts, cs + 1)
    while i < len(sc.heads.starts) and sc.heads.starts[i] < end:
        if sc.heads.hits[i].end == end:
            return True
        i += 1
    return False


def _opening(sc: _Scan, ss: int, limit: int, preferred: frozenset[str]) -> tuple[int, Optional[str]]:
    """Where the items begin (after ``ss``, before ``limit``), and the verb before them: the last one
    of the list's own kind (提出|做优一产、… 6个方面: 提出), else the last one."""
    hits = [h for h in sc.verbs.within(ss, limit) if h.end < limit]
    own = [h for h in hits if h.term in preferred]
    best = own[-1] if own else hits[-1] if hits else None
    if best is None:
        return ss, None
    return best.end, best.term


def _parse_clause(sc: _Scan, cs: int, ce: int) -> list[CoordList]:
    """The series of one clause: one per closing phrase (等…产业; N大行动), then the rest of the clause
    (A、B产业集群; 实施A行动、B工程; 大力发展A、B)."""
    out: list[CoordList] = []
    seg = cs
    i = bisect.bisect_left(sc.closer_starts, cs)
    while i < len(sc.closers) and sc.closer_starts[i] < ce:
        m = sc.closers[i]
        i += 1
        if m.start() <= seg:
            continue
        lst = _series(sc, seg, ce, m)
        if lst is not None:
            out.append(lst)
        seg = m.end()
    if ce - seg >= 2:
        lst = _series(sc, seg, ce, None)
        if lst is not None:
            out.append(lst)
    return out


def _series(sc: _Scan, ss: int, ce: int, m: Any) -> Optional[CoordList]:
    """One series starting at ``ss``: closed by the match ``m`` of a closing phrase, else by a head
    glued to its last item, else by the clause end ``ce``."""
    text, cfg = sc.text, sc.cfg
    if m is not None:
        closer = "frame" if m.group("frame") else "deng" if m.group("deng") else "count"
        head, head_span = m.group("head"), m.span("head")
        count = count_value(m.group("count") or m.group("count2"))
        items_end = m.start()
    else:
        closer, head, head_span, count, items_end = "bare", None, None, None, ce
        last_sep = text.rfind("、", ss, ce)
        tail_from = last_sep + 1 if last_sep >= 0 else ss
        # a head glued to the last item (石化、有色产业; 实施A行动、B工程): the one closing the
        # clause, else the first (精细化工产业延链补链)
        hits = sc.heads.within(tail_from + 1, ce)
        deng = text.find("等", tail_from + 1, ce)
        if hits and (deng < 0 or hits[0].start < deng):
            hit = hits[-1] if hits[-1].end == ce else hits[0]
            head, head_span = hit.term, (hit.start, hit.end)
            items_end, closer = head_span[1], "shared"
        elif deng > 0:  # 推动A、B等发展; 包括A、B等: closed by 等 without a head
            items_end, closer = deng, "deng"
        else:  # 推动A、B等加速起势、做大做强: a word of growth after 等, a series of actions after it
            deng = text.find("等", ss + 1, tail_from)
            if deng > 0 and text.startswith(_open_followers(sc.rules), deng + 1):
                items_end, closer = deng, "deng"
    first_sep = text.find("、", ss, items_end)
    limit = first_sep if first_sep >= 0 else items_end
    if limit <= ss:
        return None
    preferred = cfg.measure_verbs if head in cfg.measure_heads else cfg.industry_verbs
    start, verb = _opening(sc, ss, limit, preferred)
    if closer == "frame":  # 推动以A、B等为主的…: the items start after the opener
        openers = [h for h in sc.frames.within(start, limit) if h.end < limit]
        if openers:
            start, verb = openers[-1].end, verb or openers[-1].term
    de = text.rfind("的", start, limit)  # 打造有特色的新材料、…: the attribute is not part of the item
    if verb is not None and de >= start and limit - de > 2:
        start = de + 1
    if verb is not None and text.startswith(cfg.particles, start):  # 布局了A、B
        start += next(len(p) for p in cfg.particles if text.startswith(p, start))
    # a quoted series: the items start inside the quotes (通过“A、B、C”四大策略)
    q = text.rfind("“", start, limit)
    if q >= 0 and text[ss:items_end].rstrip().endswith("”") and "”" not in text[q:limit]:
        start = q + 1
    if start >= items_end:
        return None
    items = _split_items(text, start, items_end, cfg, count)
    if closer == "shared":
        heads = cfg.measure_heads if head in cfg.measure_heads else cfg.industry_heads
        ends_with_head = [any(text.endswith(h, a, b) for h in heads) for a, b in items]
        if len(items) > 1 and all(ends_with_head[:-1]) or len(items) == 1:
            closer = "each"
            items = _split_each(text, items, cfg, heads)
        else:
            # the head is shared by the series: cut it (and its qualifiers) off the last item
            a, b = items[-1]
            items[-1] = (a, _strip_modifiers(text, a, head_span[0], cfg)) if head_span[0] > a else (a, b)
    items = [part for a, b in items if b > a for part in _split_example(text, a, b)]
    if not items:
        return None
    target = "measure" if head in cfg.measure_heads else "industry" if head in cfg.industry_heads else None
    cue = (m.group("count") or m.group("count2")) if m is not None else None
    if target == "measure" and cue and cue.endswith(cfg.topic_counters):
        target = "industry"  # 六份专项行动计划: one document per item, the items are its topics
    return CoordList(tuple(items), verb, head, head_span, count, closer, target, ce)


def _split_example(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """An item naming an example and its kind (第三代半导体等宽禁带半导体材料) gives both."""
    p = text.find("等", a + 2, b - 2)
    return [(a, p), (p + 1, b)] if p > 0 else [(a, b)]


def _strip_modifiers(text: str, a: int, b: int, cfg: _Config) -> int:
    """End of the last item once the qualifiers of a shared head are cut (装备制造全|产业链)."""
    changed = True
    while changed:
        changed = False
        for w in cfg.head_modifiers:
            if b - a - len(w) >= 2 and text.endswith(w, a, b):
                b -= len(w)
                changed = True
                break
    return b


def scan_lists(text: str, rules: RuleSet, *, wide: Optional[str] = None) -> list[CoordList]:
    """Every series of ``text``, in text order.

    Examples:
        >>> from futurepolicy.rules import resolve_rules
        >>> t = "培育量子科技、生物制造等3个未来产业,实施强链行动、数字赋能工程。"
        >>> [(lst.items_text(t), lst.head, lst.count, lst.target) for lst in scan_lists(t, resolve_rules("national"))]
        [(['量子科技', '生物制造'], '产业', 3, 'industry'), (['强链行动', '数字赋能工程'], '工程', None, 'measure')]
    """
    cfg = _config(rules)
    closers = list(cfg.closer_re.finditer(text))
    wide = spell_wide(text) if wide is None else wide
    sc = _Scan(text, cfg, rules, _Hits(cfg.verbs, text, wide), _Hits(cfg.heads, text, wide),
               _Hits(cfg.frame_openers, text, wide), closers, [m.start() for m in closers])
    out: list[CoordList] = []
    for cm in cfg.clause_re.finditer(text):
        cs, ce = cm.span()
        if ce - cs > _MAX_CLAUSE or ce - cs < 3:
            continue
        if not _has_hit(sc.closer_starts, cs, ce) and (
            not _has_hit(sc.verbs.starts, cs, ce) or (text.find("、", cs, ce) < 0 and not _single_worth(sc, cs, ce))
        ):
            continue  # no closing phrase and no verb, or no series: at most a single named item is read
        out.extend(_parse_clause(sc, cs, ce))
    out.extend(_ordinal_lists(sc))
    out.sort(key=lambda lst: (lst.start, lst.end))
    return out


def _ordinal_lists(sc: _Scan) -> list[CoordList]:
    """Series stated by ordinals: 一是做大做强A,…;二是做优B;三是前瞻布局C → A, B, C (after each verb).

    Only items opened by a verb are kept; the list's verb is the first item's.
    """
    text, cfg = sc.text, sc.cfg
    out: list[CoordList] = []
    run: list[tuple[int, int, Optional[str]]] = []
    expect = 0
    for m in cfg.ordinal_re.finditer(text):
        k = _ORDINALS.find(m.group("n"))
        if k != expect:
            if len(run) >= 2:
                out.append(_ordinal_list(run))
            run, expect = [], 0
            if k != 0:
                continue
        end = m.end()
        while end < len(text) and end - m.end() < _MAX_CLAUSE and text[end] not in _BREAKS:
            end += 1
        start, verb = _opening(sc, m.end(), end, cfg.industry_verbs)
        if verb is not None and end - start >= 2:
            a, b = _trim(text, start, end)
            run.append((a, b, verb))
        expect = k + 1
    if len(run) >= 2:
        out.append(_ordinal_list(run))
    return out


def _ordinal_list(run: list[tuple[int, int, Optional[str]]]) -> CoordList:
    items = tuple((a, b) for a, b, _ in run)
    return CoordList(items, run[0][2], None, None, len(items), "ordinal", None, items[-1][1])


def find_lists(ctx: Context) -> list[CoordList]:
    """The series of the document's normalised text, scanned once and cached on ``ctx``."""
    cached = ctx.results.get("_lists")
    if cached is None:
        cached = ctx.results["_lists"] = scan_lists(ctx.ntext, ctx.rules, wide=wide_text(ctx))
    return cached


def is_measure_verb(verb: Optional[str], rules: RuleSet) -> bool:
    return verb is not None and verb in _config(rules).measure_verbs


def is_bare_verb(verb: Optional[str], rules: RuleSet) -> bool:
    return verb is not None and verb in _config(rules).bare_verbs


def head_closes(text: str, lst: CoordList, rules: RuleSet, *, allow_de: bool = False) -> bool:
    """The list's head closes its clause or is followed by one of ``industry_head_followers``
    (石化、有色产业延链补链); ``allow_de``: also by ``的`` (A、B两大产业集群的竞争力)."""
    if lst.head_span is None:
        return False
    end = lst.head_span[1]
    if end >= lst.clause_end:
        return True
    rest = text[end:lst.clause_end].lstrip("”’」\" ")
    if not rest:
        return True
    followers = rules.memo("lists:followers", lambda r: tuple(
        sorted({w for w in r.word_list(_SECTION, "industry_head_followers") if w}, key=lambda w: (-len(w), w))))
    if rest.startswith(followers) or (allow_de and rest.startswith("的")):
        return True
    # 推动A、B等前沿新材料产业化: the head is the start of a word of growth (not one of several
    # actions: 等关键部件研发及产业化)
    mods = text[lst.items[-1][1]:lst.head_span[0]]
    return (lst.closer == "deng" and text.startswith(_open_followers(rules), lst.head_span[0])
            and not any(j in mods for j in _config(rules).joiners))


def announced(text: str, lst: CoordList, rules: RuleSet) -> bool:
    """A bare list opened by an announcing verb right after a clause closing on a count and an
    industry head: …梳理出10个未来产业,包括A、B、C."""
    cfg = _config(rules)
    if lst.verb is None or lst.verb not in _announce_verbs(rules):
        return False
    before = text[max(0, lst.start - 80):lst.start]
    cut = max(before.rfind(ch) for ch in ",,")
    prev = before[:cut] if cut > 0 else ""
    clause = prev[max(prev.rfind(ch) for ch in _BREAKS) + 1:]
    m = cfg.count_re.search(clause)
    return m is not None and any(clause.endswith(h) for h in cfg.industry_heads)


def opens_field_list(text: str, lst: CoordList, rules: RuleSet) -> bool:
    """A list closed by 等 without a head names fields when an industry verb opens it and a word of
    growth follows (推动A、B、C等发展), or when it announces the fields of the clause before it
    (一是做大做强先进基础材料,包括A、B等;)."""
    cfg = _config(rules)
    if lst.verb is None:
        return False
    end = lst.items[-1][1] + 1  # after 等
    rest = text[end:lst.clause_end]
    if lst.verb in cfg.industry_verbs and rest.startswith(_open_followers(rules)):
        return True
    if lst.verb in _announce_verbs(rules) and not rest.strip():
        before = text[max(0, lst.start - 60):lst.start]
        prev = before[max(before.rfind(ch) for ch in "。;;\n") + 1:]
        return any(v in prev for v in cfg.bare_verbs)
    return False


def _announce_verbs(rules: RuleSet) -> frozenset[str]:
    return rules.memo("lists:announce", lambda r: frozenset(w for w in r.word_list(_SECTION, "announce_verbs") if w))


def names_no_field(name: str, rules: RuleSet) -> bool:
    """The item holds a noun that is no field (创新主体, 企业矩阵, 增长点)."""
    words = rules.memo("lists:not_field", lambda r: tuple(w for w in r.word_list(_SECTION, "not_field_words") if w))
    return any(w in name for w in words)


def _open_followers(rules: RuleSet) -> tuple[str, ...]:
    return rules.memo("lists:open_followers", lambda r: tuple(
        sorted({w for w in r.word_list(_SECTION, "open_list_followers") if w}, key=lambda w: (-len(w), w))))
