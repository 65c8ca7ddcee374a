"""Industry extraction: the priority industries, clusters and technologies a plan lays out.

Three sources, all driven by the ``industry_words`` word lists and the ``industries`` lexicon of
the rule packs (no vocabulary lives here):

1. **Headings.** The children of the plan's focus section (``二、发展重点``, ``二、布局未来产业,
   打造未来产业集群``) are industries; their names are cut out of the titles
   (``(一)打造未来健康产业集群`` → ``未来健康``, a cluster), and their own children are its
   sub-industries (``1.脑机接口`` → parent ``未来健康``). The key technologies listed in an
   industry's paragraph become its ``technologies``
   (``重点发展卫星通信、导航定位、遥感等技术`` → ``卫星通信, 导航定位, 遥感``; also a bare list of
   short names closing its sentence: ``重点突破量子计算、量子通信。``).
2. **Enumerations of fields** anywhere in the text:
   ``聚焦量子信息、…、通用人工智能等前沿技术`` (kind ``technology``),
   ``在未来制造方向,重点发展未来显示和人形机器人2个细分领域`` (parent ``未来制造``).
3. **Mentions.** Every occurrence of a found industry (or of a lexicon alias of it) anywhere in the
   text is a mention: ``卫星互联网领域`` in the measures counts.

The lexicon (``industries.csv``) gives kinds and aliases of known industries, but headings and
enumerations work for names it does not know. ``category`` and ``taxonomy_id`` are left ``None``:
the taxonomy step (``enrich/``) fills them.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("聚焦量子信息、先进核能、人形机器人等前沿技术,培育一批新增长点。")
    >>> [(i.name, i.kind) for i in doc.industries]
    [('量子信息', 'technology'), ('先进核能', 'technology'), ('人形机器人', 'technology')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..context import Context, OutlineNode
from ..model import Industry
from ..rules import RuleSet
from ._matchers import Gazetteer
from .lists import CoordList, announced, find_lists, head_closes, is_bare_verb, names_no_field, opens_field_list

__all__ = ["extract_industries", "cut_industry_name"]

_SECTION = "industry_words"
# Characters that end a clause (where a list of items starts) — structure, not vocabulary.
_CLAUSE_BREAKS = frozenset(",。;:!?\n|,;:!? ()()【】[]")
_NAME_PUNCT = frozenset("“”\"'‘’《》「」〈〉")
_NUMERALS = "0-9一二三四五六七八九十两"
_LOOKBACK = 120  # longest list we read backwards from its closing phrase
_BARE_ITEM_MAX = 10  # longest item of a list without a closing 等…技术 (a longer one is a phrase)
_RUN_GAP = 8  # a break and the next clause's verb between two clauses of a run
_SINGLE_ITEM_MAX = 8  # longest field named alone after a strong verb (大力发展新材料,)
_BARE_ENDS = "。;;,,\n"  # a bare list closes its clause
_BRACKETED = re.compile(r"\(([^()]{1,8})\)")  # a bracketed part of a name: 智能家电(家居)
_HEADING_LEAD = 2  # a heading-like clause opens with its verb (特色化发展… : at most a short qualifier first)
# a short sentence opening a line or following another: a run-in heading (做大海洋新能源产业。重点发展…)
_RUNIN_RE = re.compile(r"(?m)(?:^|(?<=[。::]))[ \t\u3000]*(?P<s>[^。\n,,;;::]{4,24})。")
_LEAD_CHARS = 600  # a news text cites the plan it reports on in its lead
_KIND_RANK = {"heading": 3, "tail": 2, "lexicon": 1, "default": 0}


# -- configuration built once per rule set -------------------------------------------------------


@dataclass
class _Config:
    pack: str
    focus: Gazetteer
    not_industry_titles: list[str]
    not_focus_titles: list[str]
    measure_title_cues: list[str]
    prefixes: list[str]
    suffixes: list[str]
    cluster_cues: list[str]
    intros: Gazetteer
    verbs: Gazetteer
    single_intros: frozenset[str]
    field_tails: frozenset[str]
    technology_tails: frozenset[str]
    tail_re: Any
    count_re: Any
    not_after: tuple[str, ...]
    tech_tail_words: list[str]
    tech_not_tail_words: list[str]
    tech_intros: Gazetteer
    tech_list_intros: Gazetteer
    action_endings: tuple[str, ...]
    generic: frozenset[str]
    stop_substrings: Gazetteer
    joiners: list[str]
    pair_joiners: list[str]
    parent_re: Any
    topic_followers: tuple[str, ...]
    generic_stems: tuple[str, ...]  # 未来, 新兴: what a generic name (未来产业) keeps once its suffix is cut
    lexicon: dict[str, tuple[str, Optional[str]]]  # normalised name or alias -> (canonical, kind)
    lexicon_gaz: Gazetteer

    @staticmethod
    def build(rules: RuleSet) -> "_Config":
        import regex

        def words(name: str) -> list[str]:
            return [w for w in rules.word_list(_SECTION, name) if w]

        def alt(ws: list[str]) -> str:
            return "|".join(regex.escape(w) for w in sorted(set(ws), key=lambda w: (-len(w), w)))

        field_tails = words("field_tails")
        tech_tails = words("technology_tails")
        heads = field_tails + tech_tails
        mods = words("tail_modifiers")
        counts = words("count_words")
        tail_re = None
        if heads:
            count = rf"[{_NUMERALS}]{{1,3}}(?:{alt(counts)})" if counts else rf"[{_NUMERALS}]{{1,3}}"
            mod = rf"(?:{alt(mods)}){{0,3}}" if mods else ""
            tail_re = regex.compile(rf"(?P<lead>等?(?P<count>{count})?){mod}(?P<head>{alt(heads)})")
        ptails = words("parent_tails")
        parent_re = regex.compile(rf"(?:^|(?<=[,。;:\s,;]))在(?P<name>[^,。;、\s]{{2,14}}?)(?:{alt(ptails)})[,,::]?\s*$") if ptails else None

        lexicon: dict[str, tuple[str, Optional[str]]] = {}
        from ..normalize import normalize

        for row in rules.table("industries"):
            canon = normalize(row["name"]).text
            for term in [row["name"], *(row.get("aliases") or [])]:
                t = normalize(term).text
                if t and t not in lexicon:
                    lexicon[t] = (canon, row.get("kind"))
        measure_cues = [w for k in ("action", "task", "safeguard") for w in rules.word_list("measure_words", k)]
        pack = "national"
        for p in rules.packs:
            if _SECTION in p.words or "industries" in p.tables:
                pack = p.name
        return _Config(
            pack=pack,
            focus=Gazetteer((w, w) for w in words("focus_titles")),
            not_industry_titles=words("not_industry_titles"),
            not_focus_titles=words("not_focus_titles"),
            measure_title_cues=measure_cues,
            prefixes=_longest_first(words("title_prefixes")),
            suffixes=_longest_first(words("title_suffixes")),
            cluster_cues=words("cluster_cues"),
            intros=Gazetteer((w, w) for w in words("enum_intros")),
            verbs=Gazetteer((w, w) for w in words("enum_intros") + words("title_prefixes") if len(w) > 1),
            single_intros=frozenset(words("single_intros")),
            field_tails=frozenset(field_tails),
            technology_tails=frozenset(tech_tails),
            tail_re=tail_re,
            count_re=regex.compile(rf"[{_NUMERALS}]{{1,3}}(?:{alt(counts)})") if counts else None,
            not_after=tuple(_longest_first(words("enum_not_after"))),
            tech_tail_words=words("tech_tail_words"),
            tech_not_tail_words=words("tech_not_tail_words"),
            tech_intros=Gazetteer((w, w) for w in words("tech_intros")),
            tech_list_intros=Gazetteer((w, w) for w in words("tech_list_intros")),
            # an item ending like this is an action (关键材料研发, 场景应用), not a name
            action_endings=tuple(sorted({*words("tech_intros"), *words("tech_not_tail_words")} - {""})),
            generic=frozenset(words("generic_names")),
            stop_substrings=Gazetteer((w, w) for w in words("item_stop_substrings")),
            joiners=_longest_first(words("list_joiners")),
            pair_joiners=_longest_first(words("pair_joiners")),
            parent_re=parent_re,
            topic_followers=tuple(_longest_first(words("topic_head_followers"))),
            generic_stems=tuple(_longest_first([
                g[: -len(t)] for g in words("generic_names") for t in words("title_suffixes")
                if g.endswith(t) and len(g) > len(t)
            ])),
            lexicon=lexicon,
            lexicon_gaz=Gazetteer((t, v[0]) for t, v in lexicon.items()),
        )


def _longest_first(ws: list[str]) -> list[str]:
    """Distinct words, longest first, ties in code-point order (never in set order: see PYTHONHASHSEED)."""
    return sorted(set(ws), key=lambda w: (-len(w), w))


def _config(ctx: Context) -> _Config:
    return ctx.rules.memo("industries:config", _Config.build)


# -- names ---------------------------------------------------------------------------------------


def _first_clause(title: str) -> tuple[int, int]:
    """The first clause of a heading title: ``人工智能。聚焦…`` → ``人工智能``."""
    start = 0
    while start < len(title) and title[start] in " \u3000":
        start += 1
    end = start
    while end < len(title) and title[end] not in _CLAUSE_BREAKS:
        end += 1
    return start, end


def _cut(title: str, cfg: _Config) -> tuple[int, int]:
    """Offsets of the industry name inside a heading title (verbs and suffixes cut off)."""
    s, e = _first_clause(title)
    changed = True
    while changed:
        changed = False
        for p in cfg.prefixes:
            if title.startswith(p, s) and e - s - len(p) >= 2:
                s += len(p)
                changed = True
                break
    for suf in cfg.suffixes:
        if title.endswith(suf, s, e) and e - s - len(suf) >= 2:
            e -= len(suf)
            break
    while s < e and title[s] in _NAME_PUNCT:
        s += 1
    while e > s and title[e - 1] in _NAME_PUNCT:
        e -= 1
    return s, e


def cut_industry_name(title: str, rules: RuleSet) -> str:
    """The industry name inside a heading title, per the rule set's ``industry_words``.

    Examples:
        >>> from futurepolicy.rules import resolve_rules
        >>> cut_industry_name("打造未来健康产业集群", resolve_rules("national"))
        '未来健康'
        >>> cut_industry_name("人工智能。聚焦工业智能领域", resolve_rules("national"))
        '人工智能'
    """
    cfg = rules.memo("industries:config", _Config.build)
    s, e = _cut(title, cfg)
    return title[s:e]


def _valid_name(name: str, cfg: _Config, *, heading: bool = False) -> bool:
    if not 2 <= len(name) <= 16 or name in cfg.generic:
        return False
    if any(not (ch.isalnum() or ch in "+-/·") for ch in name):
        return False
    if name.isdigit() or (name.isascii() and len(name) < 2):
        return False
    if name in cfg.lexicon:
        return True
    if cfg.count_re is not None and cfg.count_re.match(name):
        return False  # 六大未来(产业): a count of industries, not one
    if any(name.startswith(j) or name.endswith(j) for j in cfg.pair_joiners):
        return False  # 聚焦高端产业与产业高端: a cut through a phrase
    if heading:
        return not any(w in name for w in cfg.not_industry_titles)
    return not cfg.stop_substrings.find(name)


# -- the registry of found industries -----------------------------------------------------------


@dataclass
class _Found:
    key: str
    kind: str
    kind_rank: int
    rule: str
    parent: Optional[str] = None  # key of the parent
    spans: list[tuple[int, int]] = field(default_factory=list)  # normalised spans of structural finds
    techs: dict[str, tuple[int, int]] = field(default_factory=dict)  # technology key -> normalised span


class _Registry:
    def __init__(self, cfg: _Config):
        self.cfg = cfg
        self.items: dict[str, _Found] = {}

    def key(self, name: str) -> str:
        hit = self.cfg.lexicon.get(name)
        return hit[0] if hit else name

    def add(self, name: str, span: tuple[int, int], kind: Optional[str], kind_rank: int, rule: str,
            parent: Optional[str] = None) -> _Found:
        key = self.key(name)
        lex = self.cfg.lexicon.get(name)
        if kind is None:
            kind, kind_rank = (lex[1], _KIND_RANK["lexicon"]) if lex and lex[1] else ("industry", 0)
        f = self.items.get(key)
        if f is None:
            f = self.items[key] = _Found(key, kind, kind_rank, rule)
        elif kind_rank > f.kind_rank:
            f.kind, f.kind_rank, f.rule = kind, kind_rank, rule
        if parent is not None and parent != key and f.parent is None:
            f.parent = self.key(parent)
        f.spans.append(span)
        return f


# -- 1. headings ---------------------------------------------------------------------------------


def _title_text(ctx: Context, node: OutlineNode) -> tuple[str, int]:
    return ctx.ntext[node.title_start:node.title_end], node.title_start


def _is_focus(title: str, cfg: _Config) -> bool:
    if not cfg.focus.find(title):
        return False
    # 三、优化空间布局 lays out places, 四、重点任务 measures
    return not any(w in title for w in cfg.measure_title_cues) and not any(
        w in title for w in cfg.not_focus_titles
    )


def _heading_industry(ctx: Context, node: OutlineNode, cfg: _Config, reg: _Registry,
                      parent: Optional[str], blocked: "_Blocked") -> Optional[_Found]:
    title, off = _title_text(ctx, node)
    s, e = _cut(title, cfg)
    name = title[s:e]
    cs, ce = _first_clause(title)
    if not _valid_name(name, cfg, heading=True) or any(w in title[cs:ce] for w in cfg.not_industry_titles):
        return None
    if blocked.starts and blocked.covers(*ctx.norm.span(off + s, off + e), strictly=False):
        return None  # (一)两江新区: a place or an organisation
    kind = "cluster" if any(c in title[cs:ce] for c in cfg.cluster_cues) else "industry"
    return reg.add(name, (off + s, off + e), kind, _KIND_RANK["heading"], "heading", parent)


def _announced(ctx: Context, cfg: _Config, first: OutlineNode) -> bool:
    """The sentence right before ``first`` announces a list of fields (优先布局6个未来产业方向。)."""
    text = ctx.ntext
    end = first.start
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    if end == 0 or text[end - 1] not in "。::" or cfg.tail_re is None:
        return False
    start = end - 1
    while start > 0 and end - start < _LOOKBACK and text[start - 1] not in "。\n":
        start -= 1
    for m in cfg.tail_re.finditer(text, start, end):
        if m.group("count") and m.end() >= end - 2 and m.group("head") not in cfg.technology_tails:
            return True
    return False


def _in_spans(starts: list[int], spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _from_headings(ctx: Context, cfg: _Config, reg: _Registry, blocked: "_Blocked") -> list[tuple[_Found, int, int]]:
    """Industries from headings; returns (industry, body start, body end) regions.

    The headings are the children of a focus section (二、发展重点), or a run of sibling headings
    announced by the sentence before them (优先布局6个未来产业方向。(一)人工智能。…).
    """
    children: dict[Optional[str], list[OutlineNode]] = {}
    for n in ctx.outline:
        children.setdefault(n.parent, []).append(n)
    by_id = {n.id: n for n in ctx.outline}
    groups: list[list[OutlineNode]] = []
    focus: list[tuple[int, int]] = []
    for node in ctx.outline:
        if focus and node.start < focus[-1][1]:
            continue  # inside a focus section already handled
        title, _ = _title_text(ctx, node)
        if _is_focus(title, cfg) and node.id in children:
            focus.append((node.start, node.end))
            groups.append(children[node.id])
    handled = {n.id for g in groups for n in g}
    focus_starts = [f[0] for f in focus]  # sorted, not overlapping
    for parent_id, sibs in children.items():
        parent = by_id.get(parent_id) if parent_id is not None else None
        if parent is not None and any(w in _title_text(ctx, parent)[0] for w in cfg.measure_title_cues):
            continue
        run: list[OutlineNode] = []
        for n in sibs:
            if run or (n.id not in handled and not _in_spans(focus_starts, focus, n.start)
                       and _announced(ctx, cfg, n)):
                run.append(n)
        if run:
            groups.append(run)
    regions: list[tuple[_Found, int, int]] = []
    while groups:
        group = groups.pop(0)
        for child in group:
            found = _heading_industry(ctx, child, cfg, reg, None, blocked)
            if found is None:
                # a grouping heading (一)前瞻布局六大未来产业 → its own children are the industries
                title = _title_text(ctx, child)[0]
                if child.id in children and not any(w in title for w in cfg.measure_title_cues):
                    groups.append(children[child.id])
                continue
            subs = children.get(child.id, [])
            own_end = subs[0].start if subs else child.end
            regions.append((found, child.body_start, own_end))
            for sub in subs:
                sub_found = _heading_industry(ctx, sub, cfg, reg, found.key, blocked)
                if sub_found is not None:
                    regions.append((sub_found, sub.body_start, sub.end))
            if subs and found.kind == "industry" and any(f.parent == found.key for f in reg.items.values()):
                found.kind = "cluster"
    return regions


# -- 2. enumerations -----------------------------------------------------------------------------


def _clause_start(text: str, pos: int, limit: int = _LOOKBACK) -> int:
    lo = max(0, pos - limit)
    i = pos
    while i > lo and text[i - 1] not in _CLAUSE_BREAKS:
        i -= 1
    return i


def _split_items(text: str, start: int, end: int, cfg: _Config, count: Optional[int]) -> list[tuple[int, int]]:
    """Item spans of a list ``A、B、C以及D`` in ``text[start:end]``.

    The last item of a 、-list splits at a list joiner (量子科技、脑机接口及6G) unless it is a known
    name or the count says the list is complete; a list without 、 splits at a pair joiner only when
    its count is 2 (未来显示和人形机器人2个细分领域), so 储能与氢能 stays whole.
    """
    parts: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        if text[i] == "、":
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    a, b = parts[-1]
    last = text[a:b]
    if len(parts) > 1:
        joiners = cfg.joiners if (count is None or count == len(parts) + 1) and last not in cfg.lexicon else []
    else:
        joiners = cfg.pair_joiners if count == 2 else []
    # the longest joiner splits (以及 over 及), else the rightmost one: 脑科学和类脑研究及AI+制药 → 脑科学和类脑研究 | AI+制药
    best: Optional[tuple[int, int]] = None  # (joiner length, position)
    for j in joiners:
        p = last.rfind(j)
        if p > 0 and p + len(j) < len(last) and (best is None or (len(j), p) > best):
            best = (len(j), p)
    if best is not None:
        n, p = best
        parts[-1:] = [(a, a + p), (a + p + n, b)]
    return [_trim(text, a, b) for a, b in parts]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a] in _NAME_PUNCT or text[a] == " "):
        a += 1
    while b > a and (text[b - 1] in _NAME_PUNCT or text[b - 1] == " "):
        b -= 1
    return a, b


def _count_value(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    digits = "".join(ch for ch in s if ch.isdigit())
    if digits:
        return int(digits)
    ch = "二" if s[0] == "两" else s[0]
    k = "一二三四五六七八九十".find(ch)
    return k + 1 if k >= 0 else None


def _list_start(text: str, seg_start: int, seg_end: int, intros: Gazetteer) -> tuple[int, Optional[str]]:
    """Where the items begin: after the last intro word that precedes the first 、."""
    first_sep = text.find("、", seg_start, seg_end)
    limit = seg_end if first_sep < 0 else first_sep
    best = None
    for h in intros.find(text[seg_start:limit]):
        if seg_start + h.end < limit:
            best = h
    if best is None:
        return seg_start, None
    return seg_start + best.end, best.term


def _enclosing(regions: list[tuple[_Found, int, int]], starts: list[int], pos: int) -> Optional[_Found]:
    i = bisect.bisect_right(starts, pos) - 1  # regions do not overlap: a parent's ends at its first child
    for j in range(i, max(-1, i - 3), -1):
        f, s, e = regions[j]
        if s <= pos < e:
            return f
    return None


def _from_enumerations(ctx: Context, cfg: _Config, reg: _Registry,
                       regions: list[tuple[_Found, int, int]], blocked: "_Blocked") -> list[tuple[int, int]]:
    """Industries listed in running text; returns the spans of the closing phrases used."""
    text = ctx.ntext
    used: list[tuple[int, int]] = []
    if cfg.tail_re is None:
        return used
    regions = sorted(regions, key=lambda r: r[1])
    starts = [r[1] for r in regions]
    for m in cfg.tail_re.finditer(text):
        head = m.group("head")
        lead = m.group("lead")
        rest = text[m.end():m.end() + 6]
        if rest.startswith(cfg.not_after):
            continue
        seg_start = _clause_start(text, m.start())
        items_start, intro = _list_start(text, seg_start, m.start(), cfg.intros)
        if items_start >= m.start():
            continue
        count = _count_value(m.group("count"))
        items = _split_items(text, items_start, m.start(), cfg, count)
        items = _plain_items(ctx, [(a, b) for a, b in items if b > a], blocked, opens_clause=intro is None)
        if count is not None and count >= 2 and len(items) < 2:
            continue  # 聚焦海洋九大产业: a qualifier of the count, not a list
        if items:
            # a verb left at the head of the first item (着力打造新能源、…) is not part of it
            a, b = items[0]
            cut = [h.end for h in cfg.verbs.find(text[a:b]) if h.end <= b - a - 2]
            if cut:
                items[0] = (a + cut[-1], b)
        if not lead:
            # a bare closing phrase (聚焦脑机接口领域): one item right after a strong intro
            if intro not in cfg.single_intros or len(items) != 1:
                continue
            if m.end() < len(text) and text[m.end()] not in _CLAUSE_BREAKS:
                continue  # 重点发展海洋领域大模型: the field qualifies a noun, it is not listed
        elif intro is None and len(items) < 3:
            continue
        good = [
            (a, b) for a, b in items
            if _valid_name(text[a:b], cfg) and not (blocked.starts and blocked.covers(*ctx.norm.span(a, b), strictly=False))
        ]
        if not good or (len(items) > 1 and len(good) * 2 < len(items)):
            continue
        used.append((m.start(), m.end()))
        technology = head in cfg.technology_tails
        parent: Optional[str] = None
        if not technology:
            encl = _enclosing(regions, starts, m.start())
            if encl is not None:
                parent = encl.key
            elif cfg.parent_re is not None:
                sent = seg_start
                while sent > 0 and text[sent - 1] not in "。\n" and seg_start - sent < _LOOKBACK:
                    sent -= 1
                pm = cfg.parent_re.search(text[sent:seg_start])
                if pm and _valid_name(pm.group("name"), cfg):
                    ps = sent + pm.start("name")
                    pf = reg.add(pm.group("name"), (ps, ps + len(pm.group("name"))), None, 0, "enumeration")
                    parent = pf.key
        kind = "technology" if technology else None
        rank = _KIND_RANK["tail"] if technology else 0
        for a, b in good:
            reg.add(text[a:b], (a, b), kind, rank, "enumeration", parent)
    return used


# -- 2b. every other priority list of running text -----------------------------------------------


def _list_items(text: str, lst: CoordList, cfg: _Config, rules: RuleSet, *, in_run: bool = False) -> list[tuple[int, int]]:
    """The items of a coordinated list that names industries, or ``[]``.

    A list closed by an industry head (…等海洋新兴产业, A、B两大产业集群, 以A、B为主的…产业链) needs a
    verb before it or three items; a head glued to the last item is cut off (石化、有色产业 → 有色)
    unless every item carries it; a bare list (大力发展A、B、C。) needs a strong verb and short names;
    a list closed by 等 alone needs a verb and a word of growth after it (推动A、B等发展).
    ``in_run``: the list is one of several clauses in a row that each name one industry.
    """
    if lst.closer == "ordinal":
        return _ordinal_items(text, lst, cfg, rules)
    if lst.target is None:
        if lst.closer == "bare" and (is_bare_verb(lst.verb, rules) or announced(text, lst, rules)):
            return _bare_items(text, lst, cfg, rules)
        if lst.closer == "deng" and lst.head is None and opens_field_list(text, lst, rules):
            return list(lst.items)
        return []
    if lst.target != "industry":
        return []
    items = list(lst.items)
    if lst.count is not None and lst.count >= 2 and len(items) < 2:
        return []  # 聚焦海洋九大产业: a qualifier of the count, not a list
    complete = lst.count is not None and lst.count == len(items)
    if not head_closes(text, lst, rules, allow_de=complete):
        return []  # 推进政务、广电等重点领域人工智能应用: the head qualifies a noun
    if lst.closer in ("deng", "count", "frame"):
        if lst.verb is None and len(items) < 3 and not complete:
            return []
    elif lst.closer == "shared":
        if lst.verb is None or len(items) < 2:
            return []
    elif lst.closer == "each":  # 发展A产业、B产业和C产业: each as written; one alone needs a strong verb
        if lst.verb is None or lst.head_span is None:
            return []
        if len(items) == 1:  # 大力发展海洋新能源产业: the head is cut off
            if not (in_run or is_bare_verb(lst.verb, rules)):
                return []
            a, b = items[0][0], lst.head_span[0]
            if b - a < 2 or (b - a < 3 and not in_run) or text[a:b].endswith(cfg.generic_stems):
                return []  # 发展未来产业, 文化产业, 推动创新资源向未来产业集聚: no name
            items = [(a, b)]
    return items


def _bare_items(text: str, lst: CoordList, cfg: _Config, rules: RuleSet) -> list[tuple[int, int]]:
    """大力发展A、B、C。 / 大力发展新材料,: short names closing their clause after a strong verb."""
    end = lst.clause_end
    items = list(lst.items)
    if (end < len(text) and text[end] not in _BARE_ENDS) or any(
        b - a > _BARE_ITEM_MAX or text[a:b].endswith(cfg.action_endings) for a, b in items
    ):
        return []
    if len(items) == 1 and (items[0][1] - items[0][0] > _SINGLE_ITEM_MAX or not is_bare_verb(lst.verb, rules)
                            or names_no_field(text[items[0][0]:items[0][1]], rules)):
        return []
    return items


def _ordinal_items(text: str, lst: CoordList, cfg: _Config, rules: RuleSet) -> list[tuple[int, int]]:
    """一是做大做强A;二是做优做精B产业: the field each ordinal clause develops, its suffix cut."""
    if not is_bare_verb(lst.verb, rules):
        return []
    out = []
    for a, b in lst.items:
        for suf in cfg.suffixes:
            if text.endswith(suf, a, b) and b - a - len(suf) >= 2:
                b -= len(suf)
                break
        if b - a <= _BARE_ITEM_MAX + 2:
            out.append((a, b))
    return out


def _in_runs(text: str, lists: list[CoordList]) -> set[int]:
    """Indexes of the one-industry clauses that stand in a run of three or more in a row
    (培育壮大A产业集群,加快发展B产业集群,积极建设C产业集群)."""
    out: set[int] = set()
    run: list[int] = []
    for k, lst in enumerate([*lists, None]):
        single = (lst is not None and lst.closer == "each" and len(lst.items) == 1 and lst.target == "industry"
                  and lst.verb is not None)
        gap = text[lists[run[-1]].clause_end:lst.start] if single and run else ""
        if single and run and len(gap) <= _RUN_GAP and gap[:1] in ",,;;" and lst.head == lists[run[-1]].head:
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [k] if single else []
    return out


def _plain_items(ctx: Context, items: list[tuple[int, int]], blocked: "_Blocked", *,
                 opens_clause: bool) -> list[tuple[int, int]]:
    """Items without the words of their clause: a place opening an item is cut (苏州市电子信息 → 电子信息),
    and when the list opens its clause (no verb before it), a first item much longer than every other
    carries the clause's own words: it is dropped."""
    out = []
    for a, b in items:
        if blocked.starts:
            os_, oe = ctx.norm.span(a, b)
            lead = blocked.leading(os_, oe)
            if lead is not None and oe - lead >= 2:
                a = ctx.norm.norm(lead)
        out.append((a, b))
    if opens_clause and len(out) >= 3:
        longest_other = max(b - a for a, b in out[1:])
        if out[0][1] - out[0][0] > longest_other + 2:
            out = out[1:]
    return out


def _list_name_ok(name: str, cfg: _Config, *, single_char: bool) -> bool:
    """A list item names an industry: brackets inside it are fine (石墨(烯), 新型电力(智能电网)), and
    in a list closed by 等…产业 one Han character is a name too (糖、铝、钢铁等传统产业链)."""
    if single_char and len(name) == 1 and "\u4e00" <= name <= "\u9fff" and name not in cfg.generic:
        return True
    plain = _BRACKETED.sub(r"\1", name)
    return plain.count("(") == plain.count(")") == 0 and _valid_name(plain, cfg)


def _from_lists(ctx: Context, cfg: _Config, reg: _Registry, regions: list[tuple[_Found, int, int]],
                blocked: "_Blocked", used: list[tuple[int, int]]) -> None:
    """Industries from the coordinated lists of :mod:`.lists` the enumerations did not read."""
    text = ctx.ntext
    regions = sorted(regions, key=lambda r: r[1])
    starts = [r[1] for r in regions]
    used_starts = sorted(s for s, _ in used)
    lists = find_lists(ctx)
    runs = _in_runs(text, lists)
    for n, lst in enumerate(lists):
        k = bisect.bisect_left(used_starts, lst.start)
        if lst.closer != "ordinal" and k < len(used_starts) and used_starts[k] <= lst.end:
            continue  # read as an enumeration already
        listed = _list_items(text, lst, cfg, ctx.rules, in_run=n in runs)
        items = _plain_items(ctx, listed, blocked, opens_clause=lst.verb is None)
        if lst.verb is None and len(items) < len(listed):
            continue  # 还将服务城市海洋经济、自然资源…等多领域: no verb, and the clause's words in the first item
        closed = lst.closer in ("deng", "count", "frame") and len(items) >= 3
        good = [
            (a, b) for a, b in items
            if _list_name_ok(text[a:b], cfg, single_char=closed)
            and not (blocked.starts and blocked.covers(*ctx.norm.span(a, b), strictly=False))
        ]
        if not good or (len(items) > 1 and len(good) * 2 < len(items)):
            continue
        if (lst.closer in ("shared", "each", "bare", "ordinal") or len(items) <= 2) and len(good) < len(items):
            continue  # a series without 等 or a count: every item must be a name (创新引领、布局合理)
        encl = _enclosing(regions, starts, lst.start)
        parent = encl.key if encl is not None else None
        for a, b in good:
            reg.add(text[a:b], (a, b), None, 0, "list", parent)


# -- 2c. the plan's own topic and run-in headings ------------------------------------------------


def _topic_names(title: str, cfg: _Config, places: list[str], heads: tuple[str, ...]) -> list[str]:
    """Industries a plan's title is about: the name before an industry head, verbs and places cut
    (黑龙江省人工智能产业三年行动计划 → 人工智能; 培育壮大新材料产业集群行动方案 → 新材料), and known
    names of the lexicon (…低空经济…行动计划)."""
    names: list[str] = []
    for h in cfg.lexicon_gaz.find(title):
        names.append(h.term)
    for head in heads:
        i = title.find(head)
        while i > 0:
            after = title[i + len(head):]
            if after and not after.startswith(cfg.topic_followers):
                i = title.find(head, i + len(head))
                continue  # 现代化产业体系: the head qualifies a noun, it names no industry
            start = max([0, *(h.end for h in cfg.verbs.find(title[:i]) if h.end < i)])
            name = title[start:i].strip("“”\"'《》+ ")
            cut = True
            while cut:
                cut = False
                for p in places:
                    if name.startswith(p) and len(name) > len(p):
                        name, cut = name[len(p):], True
            if name and len(name) <= _BARE_ITEM_MAX and not name.endswith(cfg.generic_stems):
                names.append(name)  # not 未来(产业), 全国新兴(产业): a generic head, no name
            i = title.find(head, i + len(head))
    return names


def _from_title(ctx: Context, cfg: _Config, reg: _Registry, blocked: "_Blocked") -> None:
    """The industry a plan is about (its title names it) is an industry of the plan."""
    from ..normalize import normalize

    text = ctx.ntext
    title = ctx.meta.title if ctx.meta is not None else None
    if not title:  # a news text on a plan: the first document its lead cites (《…行动方案》)
        lead = text[:_LEAD_CHARS]
        a = lead.find("《")
        b = lead.find("》", a + 1)
        title = lead[a + 1:b] if 0 <= a < b else None
    if not title:
        return
    places = sorted(
        {text[ctx.norm.norm(m.start):ctx.norm.norm(m.end)] for r in ctx.results.get("regions") or [] for m in r.mentions},
        key=lambda p: (-len(p), p),
    )
    heads = ctx.rules.memo("industries:list_heads", lambda r: tuple(_longest_first(r.word_list("list_words", "industry_heads"))))
    seen: set[str] = set()
    for name in _topic_names(normalize(title).text, cfg, places, heads):
        if name in seen or not _valid_name(name, cfg):
            continue
        seen.add(name)
        at = text.find(name)
        if at >= 0 and not (blocked.starts and blocked.covers(*ctx.norm.span(at, at + len(name)), strictly=False)):
            reg.add(name, (at, at + len(name)), None, 0, "title")


def _verb_head_name(text: str, a: int, b: int, cfg: _Config, verbs: Gazetteer, heads: tuple[str, ...]) -> Optional[tuple[int, int]]:
    """The field a heading-like clause ``VERB NAME HEAD`` develops (做大海洋新能源产业 → 海洋新能源),
    or ``None`` when the clause is not one."""
    head = next((h for h in heads if text.endswith(h, a, b)), None)
    if head is None or "、" in text[a:b] or any(ch.isdigit() for ch in text[a:b]):
        return None  # one field, no series and no figures (打造5个以上百亿级产业集群)
    hits = [h for h in verbs.find(text[a:b - len(head)])]
    if not hits or hits[0].start > _HEADING_LEAD:
        return None
    start, end = a + hits[-1].end, b - len(head)
    de = text.rfind("的", start, end)  # 发展以智算为重点的算力产业: the attribute is no part of the name
    start = de + 1 if de >= 0 else start
    name = text[start:end]
    if end - start < 3 and name not in cfg.lexicon or name.endswith(cfg.generic_stems):
        return None
    return (start, end) if _valid_name(name, cfg, heading=True) else None


def _from_runin_headings(ctx: Context, cfg: _Config, reg: _Registry, blocked: "_Blocked") -> None:
    """Headings of industry sections in any layout: an outline heading or a line's opening sentence
    that reads VERB NAME HEAD (二、做优做强新型材料产业 / ⏎培育新材料产业集群。重点…)."""
    text = ctx.ntext
    verbs = ctx.rules.memo("industries:heading_verbs", lambda r: Gazetteer(
        (w, w) for w in _longest_first([*r.word_list("list_words", "bare_industry_verbs"),
                                        *r.word_list("industry_words", "title_prefixes")])))
    heads = ctx.rules.memo("industries:list_heads", lambda r: tuple(_longest_first(r.word_list("list_words", "industry_heads"))))
    spans = [(n.title_start, n.title_start + _first_clause(text[n.title_start:n.title_end])[1]) for n in ctx.outline]
    spans += [m.span("s") for m in _RUNIN_RE.finditer(text)]
    for a, b in sorted(set(spans)):
        found = _verb_head_name(text, a, b, cfg, verbs, heads)
        if found is None or (blocked.starts and blocked.covers(*ctx.norm.span(*found), strictly=False)):
            continue
        reg.add(text[found[0]:found[1]], found, None, 0, "heading")


# -- technologies in an industry's paragraph ------------------------------------------------------


def _technologies(ctx: Context, cfg: _Config, regions: list[tuple[_Found, int, int]],
                  used: list[tuple[int, int]], reg: _Registry) -> None:
    text = ctx.ntext
    used_starts = sorted(s for s, _ in used)
    for found, start, end in regions:
        pos = text.find("等", start, end)
        while pos >= 0:
            k = bisect.bisect_left(used_starts, pos)
            tail_end = pos + 1
            while tail_end < end and tail_end - pos <= 14 and text[tail_end] not in _CLAUSE_BREAKS:
                tail_end += 1
            tail = text[pos + 1:tail_end]
            is_used = k < len(used_starts) and used_starts[k] == pos
            is_tech = (any(w in tail for w in cfg.tech_tail_words) or found.key in tail) and not any(
                w in tail for w in cfg.tech_not_tail_words
            )
            if is_tech and not is_used:
                seg_start = max(start, _clause_start(text, pos))
                items_start, _ = _list_start(text, seg_start, pos, cfg.tech_intros)
                for a, b in _split_items(text, items_start, pos, cfg, None):
                    name = text[a:b]
                    if 2 <= len(name) <= 20 and name not in cfg.generic and all(
                        ch.isalnum() or ch in "+-/·" for ch in name
                    ):
                        found.techs.setdefault(reg.key(name), (a, b))
            pos = text.find("等", pos + 1, end)
        # 重点突破量子计算、量子通信。: a list of short names opened by a tech intro and closing its sentence
        for h in cfg.tech_intros.find(text[start:end]):
            intro_start, at = start + h.start, start + h.end
            if intro_start - _clause_start(text, intro_start) > 2:
                continue  # the intro opens its clause (重点|突破 …)
            stop = at
            while stop < end and text[stop] not in _CLAUSE_BREAKS:
                stop += 1
            if stop >= len(text) or text[stop] not in "。;" or "等" in text[at:stop]:
                continue  # 等…技术 lists are read above; a clause that goes on is not a bare list
            items = _split_items(text, at, stop, cfg, None)
            names = [text[a:b] for a, b in items]
            if len(items) < 2 or not all(
                2 <= len(n) <= _BARE_ITEM_MAX and n not in cfg.generic and all(ch.isalnum() or ch in "+-/·" for ch in n)
                and not any(n.endswith(w) for w in cfg.action_endings) for n in names
            ):
                continue  # 加快关键材料研发、核心装备攻关: actions, not names
            for a, b in items:
                found.techs.setdefault(reg.key(text[a:b]), (a, b))
        # 发展关键技术如脑图谱、诊治技术、非侵入式脑机接口: a list after 如/包括 that names technologies
        for h in cfg.tech_list_intros.find(text[start:end]):
            at = start + h.end
            clause = text[max(start, _clause_start(text, at - len(h.term))):at - len(h.term)]
            if not any(w in clause for w in cfg.tech_tail_words):
                continue
            stop = at
            while stop < end and stop - at < _LOOKBACK and text[stop] not in _CLAUSE_BREAKS:
                stop += 1
            items = _split_items(text, at, stop, cfg, None)
            if len(items) < 2:
                continue
            for a, b in items:
                name = text[a:b]
                if 2 <= len(name) <= 20 and name not in cfg.generic and all(ch.isalnum() or ch in "+-/·" for ch in name):
                    found.techs.setdefault(reg.key(name), (a, b))


# -- 3. mentions and output ----------------------------------------------------------------------


class _Blocked:
    """Original-offset spans of region and institution names found before this step.

    An enumeration item that is one of them (依托甲区、乙区等产业载体) is not an industry, and an
    industry name inside a longer one (生物制造 in 器官智能生物制造工程研究中心) is not a mention.
    """

    def __init__(self, ctx: Context):
        spans = sorted(
            (m.start, m.end)
            for key in ("regions", "institutions")
            for obj in ctx.results.get(key) or []
            for m in getattr(obj, "mentions", [])
        )
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def leading(self, s: int, e: int) -> Optional[int]:
        """End of the longest name that starts at ``s`` and ends inside ``[s, e)`` (苏州市|电子信息)."""
        j = bisect.bisect_left(self.starts, s)
        best = None
        while j < len(self.starts) and self.starts[j] == s:
            if self.ends[j] < e and (best is None or self.ends[j] > best):
                best = self.ends[j]
            j += 1
        return best

    def covers(self, s: int, e: int, *, strictly: bool) -> bool:
        i = bisect.bisect_right(self.starts, s) - 1
        for j in range(i, max(-1, i - 8), -1):  # names nest a few deep at most
            if self.ends[j] >= e and ((self.ends[j] - self.starts[j]) > (e - s) or not strictly):
                return True
        return False


def extract_industries(ctx: Context) -> list[Industry]:
    """All industries of the document, ordered by first mention.

    Args:
        ctx: the document context; reads ``ctx.outline`` and ``ctx.results["institutions"]``.

    Returns:
        One :class:`~futurepolicy.model.Industry` per distinct industry, each with every mention.
    """
    cfg = _config(ctx)
    reg = _Registry(cfg)
    blocked = _Blocked(ctx)
    regions = _from_headings(ctx, cfg, reg, blocked)
    used = _from_enumerations(ctx, cfg, reg, regions, blocked)
    _from_lists(ctx, cfg, reg, regions, blocked, used)
    _from_title(ctx, cfg, reg, blocked)
    _from_runin_headings(ctx, cfg, reg, blocked)
    _technologies(ctx, cfg, regions, used, reg)
    if not reg.items:
        return []
    text = ctx.ntext
    # every written form of every industry, plus lexicon aliases of known ones
    forms: dict[str, str] = {}
    for f in reg.items.values():
        for s, e in f.spans:
            forms.setdefault(text[s:e], f.key)
    for term, (canon, _) in cfg.lexicon.items():
        if canon in reg.items:
            forms.setdefault(term, canon)
    gaz = Gazetteer(sorted(forms.items()))
    spans: dict[str, set[tuple[int, int]]] = {k: set(f.spans) for k, f in reg.items.items()}
    for h in gaz.find(text):
        if blocked.starts and blocked.covers(*ctx.norm.span(h.start, h.end), strictly=True):
            continue
        spans[h.value].add((h.start, h.end))
    first: dict[str, tuple[int, int]] = {k: min(v) for k, v in spans.items()}
    names = {k: ctx.original(*first[k]) for k in reg.items}
    has_children = {f.parent for f in reg.items.values() if f.parent}
    out: list[Industry] = []
    for key, f in reg.items.items():
        kind = f.kind
        if key in has_children and kind == "industry":
            kind = "cluster"
        techs = [ctx.original(s, e) for _, (s, e) in sorted(f.techs.items(), key=lambda kv: kv[1])]
        parent = names.get(f.parent) if f.parent and f.parent != key else None
        out.append(
            Industry(
                name=names[key],
                kind=kind,  # type: ignore[arg-type]
                parent=parent,
                category=None,
                taxonomy_id=None,
                technologies=techs,
                rule=f"{cfg.pack}/{_SECTION}#{f.rule}",
                mentions=[ctx.mention(s, e) for s, e in sorted(spans[key])],
            )
        )
    out.sort(key=lambda i: (i.mentions[0].start, i.name))
    return out
