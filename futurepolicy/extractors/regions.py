"""Region extraction: every named place, resolved to a division where it is one.

Sources, all from rule-pack data:

* ``divisions`` (GB/T 2260): full names (重庆市, 浦东新区) and short forms (重庆, 浦东, 宁夏). A
  ``local_short`` form (宝山 for 上海宝山区, shared with a 双鸭山 district) is used only in plans of
  the division's own province.
* ``places``: zones, parks, regional strategies, partner areas and foreign countries
  (成渝地区双城经济圈, 长三角, 两江新区), with aliases.
* zone and park **suffixes** (``place_words.yaml``: 高新区, 科技城, 示范区, 产业园 …) with a
  proper-name head found by the institution name walker (:func:`.institutions.walk_name_left`):
  重庆高新区, 三亚崖州湾科技城; never a generic phrase (未来产业先导区, 特色产业园区). Endings that
  only name one place (``named_zone_suffixes``: 科创城, 硅谷, 产业走廊) take any non-generic stem.
* **lists of places**: in a 、-list with two known places, a place-tagged word (洋浦) or a division
  short form that is a common word elsewhere (东方 of 东方市) is a place too.

Decisions (applied everywhere):

* A name must start and end on word boundaries: 江北 is not found in 浙江北部; phrases listed in
  ``not_places`` (金山银山) hide the places inside them.
* A place inside a longer zone or institution name is **not** a mention of that place: 重庆 in
  重庆大学 or in 重庆高新区 does not count for 重庆市; nor is one that opens a media outlet's name
  (香港商报网) or is a given name before a title (郭金华女士).
* A place without a code that shares its spelling with a division (南海 the sea, 南海区) is the
  division in plans of that division's province.
* Ambiguous names go to a division inside the document's region (``ctx.meta.region_code``; when
  the metadata step left it empty, the province named most often in the text), else to the
  highest level (province, then prefecture city). A full name shared by divisions of the same level
  outside the region (鼓楼区) is reported without a code, parent or level.
* One object per distinct place (divisions by code, other places by full name) with every mention;
  ``name`` is the first mention as written; output is sorted by first mention.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("加强与北京、深圳等地合作,建设重庆高新区。", rules="national")
    >>> [(r.name, r.full_name, r.level, r.code) for r in doc.regions]
    [('北京', '北京市', 'province', '110000'), ('深圳', '深圳市', 'city', '440300'), ('重庆高新区', '重庆高新区', 'zone', None)]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from ..context import Context
from ..model import Region
from ..rules import RuleSet
from ._matchers import Gazetteer
from .institutions import scan

__all__ = ["extract_regions", "place_starts", "place_ends", "document_region_code"]

_LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 3}


@dataclass
class _RegionIndex:
    gazetteer: Gazetteer  # term -> list of (kind, row); kind: full | short | local | place | block
    by_code: dict[str, dict[str, Any]]
    suffixes: Gazetteer  # zone/park suffix -> level
    generic_heads: frozenset[str]
    media_suffixes: tuple[str, ...] = ()
    media_followers: tuple[str, ...] = ()
    person_titles: tuple[str, ...] = ()
    suffix_terms: tuple[str, ...] = ()
    word_shorts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    named_suffixes: frozenset[str] = frozenset()
    generic_stems: frozenset[str] = frozenset()
    stem_pos: frozenset[str] = frozenset()
    not_proper: frozenset[str] = frozenset()


def _build_index(rules: RuleSet) -> _RegionIndex:
    terms: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    def add(term: str, kind: str, row: dict[str, Any]) -> None:
        if term and len(term) >= 2:
            terms.setdefault(term, []).append((kind, row))

    by_code = {}
    for row in rules.table("divisions"):
        by_code[row["code"]] = row
        add(row["name"], "full", row)
        for s in row.get("short") or []:
            add(s, "short", row)
        for s in row.get("local_short") or []:
            add(s, "local", row)
    for row in rules.table("places"):
        names = {row["name"], *(row.get("aliases") or [])}
        if row.get("code") not in by_code:  # a nickname of a division (龙江) keeps the division's full name
            names.add(row.get("full_name") or "")
        for t in sorted(names):
            # a place entry goes before a division term of the same spelling (see _prefer_division)
            if t and len(t) >= 2:
                terms[t] = [("place", row)] + [c for c in terms.get(t, []) if c[0] != "place"]
    for t in rules.word_list("place_words", "not_places"):
        terms[t] = [("block", {})]
    suffixes = [(s, "zone") for s in rules.word_list("place_words", "zone_suffixes")]
    suffixes += [(s, "park") for s in rules.word_list("place_words", "park_suffixes")]
    return _RegionIndex(
        gazetteer=Gazetteer(sorted(terms.items())),
        by_code=by_code,
        suffixes=Gazetteer(suffixes),
        generic_heads=frozenset(rules.word_list("place_words", "generic_zone_heads")),
        media_suffixes=tuple(sorted(set(rules.word_list("place_words", "media_suffixes")))),
        media_followers=tuple(sorted(set(rules.word_list("place_words", "media_followers")))),
        person_titles=tuple(sorted(set(rules.word_list("place_words", "person_titles")))),
        suffix_terms=tuple(sorted({t for t, _ in suffixes})),
        word_shorts=_word_shorts(rules, by_code),
        named_suffixes=frozenset(rules.word_list("place_words", "named_zone_suffixes")),
        generic_stems=frozenset(rules.word_list("place_words", "generic_zone_heads"))
        | frozenset(rules.word_list("place_words", "generic_zone_stems")),
        stem_pos=frozenset(rules.word_list("place_words", "named_zone_stem_pos")),
        not_proper=frozenset(rules.word_list("org_words", "not_proper")),
    )


def _word_shorts(rules: RuleSet, by_code: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Short forms left out of the gazetteer because they are common words (东方 of 东方市): used
    only as items of a list of places."""
    words = set(rules.word_list("place_words", "common_word_short_forms"))
    out: dict[str, list[dict[str, Any]]] = {}
    for code in sorted(by_code):
        row = by_code[code]
        name = row["name"]
        if name[:-1] in words and name[-1] in "市县区旗":
            out.setdefault(name[:-1], []).append(row)
    return out


def _index(rules: RuleSet) -> _RegionIndex:
    return rules.memo("regions:index", _build_index)


# -- per document ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kind: str  # division | place | zone | block
    key: str
    row: Optional[dict[str, Any]]
    cands: list[tuple[str, dict[str, Any]]]


def _raw_hits(ctx: Context) -> list[_Hit]:
    """Gazetteer hits on word boundaries, leftmost-longest (short forms unusable here dropped)."""
    cached = ctx.results.get("_place_hits")
    if cached is not None:
        return cached
    from .institutions import edges

    edge = edges(ctx)
    found = [h for h in scan(ctx)["place"] if edge.start_ok(h.start) and edge.end_ok(h.end)]
    region = _infer_region(ctx, found)
    ctx.results["_doc_region"] = region or ""
    prov = region[:2] if region else None
    hits = []
    usable: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for h in found:
        cands = usable.get(h.term)
        if cands is None:
            cands = usable[h.term] = [(k, r) for k, r in h.value if _usable(k, r, prov)]
        if not cands:
            continue
        cands = _prefer_division(cands, prov)
        kind = cands[0][0]
        kind = "block" if kind == "block" else "place" if kind == "place" else "division"
        hits.append(_Hit(h.start, h.end, kind, h.term, cands[0][1] if kind == "place" else None, cands))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[_Hit] = []
    last = -1
    for h in hits:
        if h.start >= last:
            out.append(h)
            last = h.end
    ctx.results["_place_hits"] = out
    return out


def _infer_region(ctx: Context, found: list[Any]) -> Optional[str]:
    """The document's region code: from the metadata, else from the province pack in use, else the
    province named most often by unambiguous full names and province/city short forms (at least
    twice, and more than any other)."""
    code = ctx.meta.region_code
    if code and code != "000000":
        return code
    for pack in reversed(ctx.rules.packs):  # a province pack in use says where the plan is from
        if pack.region_code and pack.region_code != "000000":
            return pack.region_code
    counts: Counter[str] = Counter()
    for h in found:
        provs = {r["code"][:2] for k, r in h.value if k in ("full", "short") and (k == "full" or r["level"] in ("province", "city"))}
        if len(provs) == 1 and all(k in ("full", "short", "local") for k, _ in h.value):
            counts[provs.pop()] += 1
    top = counts.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0] + "0000"
    return None


def _prefer_division(cands: list[tuple[str, dict[str, Any]]], prov: Optional[str]) -> list[tuple[str, dict[str, Any]]]:
    """A place without a code (南海, the sea) yields to a division of the same spelling (南海区) in
    plans of that division's province; elsewhere the place alone stands for the name."""
    if cands[0][0] != "place" or len(cands) == 1:
        return cands
    if not cands[0][1].get("code") and prov:
        local = [c for c in cands[1:] if c[1]["code"][:2] == prov]
        if local:
            return local
    return cands[:1]


def _usable(kind: str, row: dict[str, Any], prov: Optional[str]) -> bool:
    """Short forms of districts and counties only inside the document's province (浦江 of 浙江 is
    not meant in a 上海 plan); ``local_short`` forms likewise, and never when the province is unknown."""
    if kind == "local":
        return bool(prov) and row["code"][:2] == prov
    if kind == "short" and row.get("level") in ("district", "county"):
        return not prov or row["code"][:2] == prov
    return True


def place_starts(ctx: Context) -> list[int]:
    """Normalised offsets where a known place name starts (heads of zone and institution names)."""
    return [h.start for h in _raw_hits(ctx) if h.kind != "block"]


def place_ends(ctx: Context, start: int) -> list[int]:
    """Ends of the known place names that start at normalised offset ``start``."""
    by_start = ctx.results.get("_place_ends")
    if by_start is None:
        by_start = ctx.results["_place_ends"] = {}
        for h in _raw_hits(ctx):
            if h.kind != "block":
                by_start.setdefault(h.start, []).append(h.end)
    return by_start.get(start, [])


def document_region_code(ctx: Context) -> Optional[str]:
    """The document's region code: ``ctx.meta.region_code``, else the province named most often."""
    _raw_hits(ctx)
    return ctx.results.get("_doc_region") or None


def _resolve(ctx: Context, hit: _Hit, prev: Optional[_Hit], region: Optional[str]) -> Optional[dict[str, Any]]:
    """The division a name stands for, or ``None`` when it is ambiguous."""
    rows = _candidate_rows(ctx, hit, region)
    if len(rows) == 1:
        return rows[0]
    # a parent named just before (南京市鼓楼区, 北京朝阳区)
    if prev is not None and prev.end == hit.start and prev.kind == "division":
        parents = {r["code"] for _, r in prev.cands}
        under = [r for r in rows if r.get("parent") in parents]
        if len(under) == 1:
            return under[0]
    best = min(_LEVEL_RANK[r["level"]] for r in rows)
    top = [r for r in rows if _LEVEL_RANK[r["level"]] == best]
    return top[0] if len(top) == 1 else None


def _candidate_rows(ctx: Context, hit: _Hit, region: Optional[str]) -> list[dict[str, Any]]:
    """The divisions a name may stand for, narrowed to the document's region when any is inside it
    (cached per name and document: the answer does not depend on where the name occurs)."""
    cache = ctx.results.setdefault("_region_rows", {})
    rows = cache.get(hit.key)
    if rows is None:
        rows = [r for _, r in hit.cands]
        if region and len(rows) > 1:
            prefix = region[:2] if region.endswith("0000") else region[:4]
            inside = [r for r in rows if r["code"].startswith(prefix)]
            rows = inside or rows
        cache[hit.key] = rows
    return rows


def _zones(ctx: Context) -> list[_Hit]:
    """Zones and parks found by their suffix and a proper-name head (not a ``generic_zone_heads``
    word), or by a suffix that only names places and any non-generic words before it (聚变科创城)."""
    from .institutions import edges, name_words, stem_start, walk_name_left

    idx = _index(ctx.rules)
    words = name_words(ctx.rules)
    edge = edges(ctx)
    text = ctx.ntext
    starts = set(place_starts(ctx))
    best: dict[int, tuple[int, str, str]] = {}
    for h in scan(ctx)["zone_suffix"]:
        cur = best.get(h.end)
        if cur is None or h.start < cur[0]:
            best[h.end] = (h.start, h.term, h.value)
    def ends_name(word: str) -> bool:  # 黄河流域生态保护和高质量发展先行区 is one name; 北京和上海自贸区 two
        return word.endswith(idx.suffix_terms)

    out = []
    for end in sorted(best):
        s, term, level = best[end]
        if not edge.end_ok(end):
            continue
        start = walk_name_left(ctx, words, s, starts, ends_name=ends_name)
        if start is None and term in idx.named_suffixes:
            start = stem_start(ctx, words, s, idx.generic_stems, idx.stem_pos)
        if start is None:
            continue
        if text[start:s] in idx.generic_heads:
            continue
        name = text[start:end]
        out.append(_Hit(start, end, "zone", name, {"level": level}, []))
    return out


def _list_places(ctx: Context, hits: list[_Hit], region: Optional[str]) -> list[_Hit]:
    """Short place names made places by a list of places (儋州洋浦、东方、临高): in a 、-list with at
    least two items that open with a known place, an item or a word right after a place that the
    segmenter tags as a place (ns), or a division short form that is also a common word (东方)."""
    from .institutions import item_lists

    idx = _index(ctx.rules)
    starts = {h.start: h for h in hits}
    ends = {h.end for h in hits}
    toks = ctx.tokens
    prov = region[:2] if region else None
    pack = ctx.rules.names[0] if ctx.rules.names else "national"
    out: list[_Hit] = []
    for items, _ in item_lists(ctx):
        if sum(1 for s, _ in items if s in starts) < 2:
            continue
        for s, e in items:
            i = ctx.token_index(s)
            if s in starts:  # a known place: a place-tagged word glued to it (儋州|洋浦)
                while i < len(toks) and toks[i].end <= starts[s].end:
                    i += 1
                if i >= len(toks) or toks[i].start not in ends:
                    continue
            tok = toks[i] if i < len(toks) else None
            if tok is None or tok.start < s or tok.end > e or tok.start in starts:
                continue
            hit = _list_place(idx, tok, prov, pack)
            if hit is not None:
                out.append(hit)
    return out


def _list_place(idx: _RegionIndex, tok: Any, prov: Optional[str], pack: str) -> Optional[_Hit]:
    """The place a list item's word stands for, or ``None``."""
    rows = [r for r in idx.word_shorts.get(tok.word, []) if not prov or r["code"][:2] == prov]
    if rows:
        return _Hit(tok.start, tok.end, "division", tok.word, None, [("short", r) for r in rows])
    if tok.pos == "ns" and 2 <= len(tok.word) <= 4 and tok.word not in idx.not_proper and tok.word not in idx.generic_heads:
        row = {"name": tok.word, "full_name": tok.word, "level": None, "_pack": pack,
               "_rule": f"{pack}/place_words#list_items"}
        return _Hit(tok.start, tok.end, "place", tok.word, row, [("place", row)])
    return None


def _zone_parent(ctx: Context, name: str, region: Optional[str]) -> Optional[str]:
    """The division that begins a zone's name (苏州工业园区 → 苏州市), when it resolves unambiguously."""
    idx = _index(ctx.rules)
    prov = region[:2] if region else None
    best = None
    for h in idx.gazetteer.iter_all(name):
        if h.start == 0 and (best is None or h.end > best.end):
            best = h
    if best is None:
        return None
    cands = [(k, r) for k, r in best.value if k in ("full", "short", "local") and _usable(k, r, prov)]
    if not cands:
        if best.value and best.value[0][0] == "place" and best.value[0][1].get("code") in idx.by_code:
            return idx.by_code[best.value[0][1]["code"]]["name"]
        return None
    row = _resolve(ctx, _Hit(0, best.end, "division", best.term, None, cands), None, region)
    return row["name"] if row else None


def _not_a_mention(ctx: Context, idx: _RegionIndex, h: _Hit) -> bool:
    """A place that opens a media outlet's name (香港商报网) or is a given name (郭金华女士)."""
    text = ctx.ntext
    if text.startswith(idx.person_titles, h.end):
        return True
    after = h.end
    while True:  # 商报 + 网
        m = next((m for m in idx.media_suffixes if text.startswith(m, after)), None)
        if m is None:
            break
        after += len(m)
    if after == h.end:
        return False
    return after >= len(text) or not _cjk(text[after]) or text.startswith(idx.media_followers, after)


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (s, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


def extract_regions(ctx: Context) -> list[Region]:
    """All named places of the document, one per distinct place, in order of first mention.

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("上海市人民政府:在浦东、宝山、金山等区域布局,聚焦长三角。", rules="national")
        >>> [(r.name, r.full_name, r.parent, r.code) for r in doc.regions][:2]
        [('浦东', '浦东新区', '上海市', '310115'), ('宝山', '宝山区', '上海市', '310113')]
    """
    from .institutions import find_institution_spans

    idx = _index(ctx.rules)
    orgs = find_institution_spans(ctx)
    hits = [h for h in _raw_hits(ctx) if h.kind != "block"]
    zones = [z for z in _zones(ctx) if not _inside(orgs, z.start, z.end)]
    # a known place at the end of a zone name is that place (重庆两江新区 → 两江新区): keep the gazetteer's
    known_ends = {h.end: h for h in hits if h.kind == "place" or any(k == "full" for k, _ in h.cands)}
    zone_spans: list[tuple[int, int]] = []
    kept_zones: list[_Hit] = []
    for z in sorted(zones, key=lambda z: (z.start, -(z.end - z.start))):
        if zone_spans and z.start < zone_spans[-1][1]:
            continue
        k = known_ends.get(z.end)
        if k is not None and z.start <= k.start:
            if z.start < k.start:  # 重庆两江新区: the known 两江新区 stands for it; 重庆 is part of its name
                zone_spans.append((z.start, k.start))
            continue
        zone_spans.append((z.start, z.end))
        kept_zones.append(z)
    region = document_region_code(ctx)
    hits = sorted(hits + _list_places(ctx, hits, region), key=lambda h: (h.start, -(h.end - h.start)))
    items: list[tuple[int, int, str, dict[str, Any]]] = []  # start, end, key, fields
    prev: Optional[_Hit] = None
    for h in hits:
        if _inside(orgs, h.start, h.end) or _not_a_mention(ctx, idx, h):
            prev = None
            continue
        if _inside(zone_spans, h.start, h.end):
            prev = h
            continue
        if h.kind == "place":
            row = h.row or {}
            div = idx.by_code.get(row.get("code") or "")
            key = "code:" + row["code"] if div else "place:" + row["name"]
            dparent = idx.by_code.get((div or {}).get("parent") or "")
            items.append((h.start, h.end, key, {
                "full_name": div["name"] if div else row.get("full_name") or row["name"],
                "level": div["level"] if div else row.get("level"),
                "parent": (dparent or {}).get("name") if div else row.get("parent"),
                "code": row.get("code"),
                "rule": row.get("_rule") or f"{row['_pack']}/places#{row['name']}",
            }))
        else:
            row = _resolve(ctx, h, prev, region)
            if row is None:
                levels = {r["level"] for _, r in h.cands}
                full = h.key if any(k == "full" for k, _ in h.cands) else None
                items.append((h.start, h.end, "name:" + h.key, {
                    "full_name": full, "level": levels.pop() if len(levels) == 1 else None,
                    "parent": None, "code": None, "rule": f"{h.cands[0][1]['_pack']}/divisions#ambiguous",
                }))
            else:
                parent = idx.by_code.get(row.get("parent") or "")
                items.append((h.start, h.end, "code:" + row["code"], {
                    "full_name": row["name"], "level": row["level"],
                    "parent": parent["name"] if parent else None, "code": row["code"],
                    "rule": f"{row['_pack']}/divisions#{row['code']}",
                }))
        prev = h
    pack = ctx.rules.names[0] if ctx.rules.names else "national"
    for z in kept_zones:
        parent = _zone_parent(ctx, z.key, region)
        items.append((z.start, z.end, "zone:" + z.key, {
            "full_name": z.key, "level": (z.row or {}).get("level"), "parent": parent, "code": None,
            "rule": f"{pack}/place_words#{(z.row or {}).get('level')}_suffixes",
        }))
    groups: dict[str, list[tuple[int, int, dict[str, Any]]]] = {}
    for s, e, key, fields in sorted(items, key=lambda x: (x[0], x[1])):
        groups.setdefault(key, []).append((s, e, fields))
    out = []
    for key, ms in groups.items():
        s0, e0, fields = ms[0]
        out.append(Region(
            name=ctx.original(s0, e0),
            full_name=fields["full_name"],
            level=fields["level"],
            parent=fields["parent"],
            code=fields["code"],
            rule=fields["rule"],
            mentions=[ctx.mention(s, e) for s, e, _ in ms],
        ))
    out.sort(key=lambda r: (r.mentions[0].start, r.name))
    return out
