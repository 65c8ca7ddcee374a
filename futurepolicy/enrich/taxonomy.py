"""Industry taxonomies: map an industry name to a national direction and a taxonomy entry.

Two taxonomies ship as package data (``futurepolicy/data/taxonomy/*.yaml``), each naming its source:

* ``miit-2024`` — the six directions of 工信部联科〔2024〕12号 (未来制造, 未来信息, 未来材料, 未来能源,
  未来空间, 未来健康), the sub-fields the text names under each, and its 标志性产品;
* ``sei-2018`` — the nine areas of 国家统计局《战略性新兴产业分类(2018)》 with their codes.

A name matches an entry exactly, through a known alias, or after stripping a suffix listed in the
data file (``脑机接口技术`` → ``脑机接口``; ``未来健康产业集群`` → ``未来健康``). Nothing else: a name that
fits no entry gets ``None`` — never a guess.

Examples:
    >>> tax = load_taxonomy()
    >>> e = tax.lookup("卫星互联网")
    >>> e.direction, e.id
    ('未来信息', 'miit-2024:未来信息/卫星互联网')
    >>> tax.lookup("未来智能产业集群").id
    'miit-2024:未来信息'
    >>> tax.lookup("元宇宙") is None
    True
    >>> load_taxonomy("sei-2018").lookup("新材料").code
    '3'
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from ..context import Context
from ..errors import FuturePolicyError

__all__ = [
    "DEFAULT_TAXONOMY",
    "directions",
    "TaxonomyEntry",
    "Taxonomy",
    "UnknownTaxonomyError",
    "load_taxonomy",
    "available_taxonomies",
    "categorize",
    "categorize_industries",
]

DEFAULT_TAXONOMY = "miit-2024"
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "taxonomy"


class UnknownTaxonomyError(FuturePolicyError):
    """No taxonomy of that version ships with futurepolicy, or its data file is broken."""

    code = "T001"


@dataclass(frozen=True, slots=True)
class TaxonomyEntry:
    """One entry of a taxonomy.

    Attributes:
        id: stable id, ``"miit-2024:未来健康/脑机接口"``, ``"miit-2024:未来信息"``, ``"sei-2018:3"``.
        name: the entry's name (``脑机接口``).
        level: ``"direction"``, ``"field"``, ``"product"`` (miit-2024) or ``"area"`` (sei-2018).
        direction: the national direction the entry belongs to (``未来健康``); ``None`` for products and
            for sei-2018 areas.
        code: the official code where the source has one (sei-2018: ``"3"``), else ``None``.
    """

    id: str
    name: str
    level: str
    direction: Optional[str] = None
    code: Optional[str] = None


def _key(name: str) -> str:
    """Matching key of a name: normalised (widths, traditional → simplified), no spaces or punctuation."""
    from ..normalize import normalize

    text = normalize(name).text if name else ""
    return "".join(
        c.casefold() for c in text if not c.isspace() and not unicodedata.category(c).startswith(("P", "S"))
    )


class Taxonomy:
    """A loaded taxonomy: its entries and a name/alias index.

    Args:
        data: the parsed YAML of a taxonomy data file.
        path: the file it came from (named in errors).
    """

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        if not isinstance(data, dict) or not data.get("version"):
            raise UnknownTaxonomyError("a taxonomy file needs a mapping with a 'version'", source=path or None)
        self.version: str = str(data["version"])
        self.title: str = str(data.get("title") or "")
        self.source: str = str(data.get("source") or "")
        self.entries: list[TaxonomyEntry] = []
        self._by_key: dict[str, TaxonomyEntry] = {}
        self.by_id: dict[str, TaxonomyEntry] = {}
        suffixes = [_key(s) for s in data.get("strip_suffixes") or []]
        self.strip_suffixes: tuple[str, ...] = tuple(sorted({s for s in suffixes if s}, key=lambda s: (-len(s), s)))
        joins = {str(c) for c in data.get("conjunctions") or [] if str(c)}
        self.conjunctions: tuple[str, ...] = tuple(sorted(joins, key=lambda s: (-len(s), s)))
        v = self.version
        try:
            for d in data.get("directions") or []:
                direction = str(d["name"])
                self._add(TaxonomyEntry(f"{v}:{direction}", direction, "direction", direction), d.get("aliases"))
                for f in d.get("fields") or []:
                    self._add(
                        TaxonomyEntry(f"{v}:{direction}/{f['name']}", str(f["name"]), "field", direction),
                        f.get("aliases"),
                    )
            for p in data.get("products") or []:
                self._add(TaxonomyEntry(f"{v}:标志性产品/{p['name']}", str(p["name"]), "product"), p.get("aliases"))
            for a in data.get("areas") or []:
                code = str(a["code"])
                self._add(TaxonomyEntry(f"{v}:{code}", str(a["name"]), "area", None, code), a.get("aliases"))
        except (KeyError, TypeError) as e:
            raise UnknownTaxonomyError(f"malformed entry in taxonomy {v!r}: {e!r}", source=path or None) from None

    def _add(self, entry: TaxonomyEntry, aliases: Optional[Iterable[str]]) -> None:
        self.entries.append(entry)
        self.by_id[entry.id] = entry
        for name in [entry.name, *(aliases or [])]:
            k = _key(str(name))
            if k:
                self._by_key.setdefault(k, entry)  # first entry wins: data order decides, deterministically

    def lookup(self, name: str) -> Optional[TaxonomyEntry]:
        """The entry ``name`` denotes, exactly, by alias, or after stripping listed suffixes; else ``None``.

        A joined name (``量子科技与6G``) whose parts all match entries of one direction gives that
        direction's entry; parts of different directions, or a part that matches nothing, give ``None``.

        Examples:
            >>> load_taxonomy().lookup("先进核能技术").id
            'miit-2024:未来能源/核能'
            >>> load_taxonomy().lookup("前沿新材料产业").direction
            '未来材料'
            >>> load_taxonomy().lookup("量子科技与6G").id, load_taxonomy().lookup("脑机接口及6G")
            ('miit-2024:未来信息', None)
        """
        if not isinstance(name, str):
            return None
        k = _key(name)
        hit = self._lookup_key(k)
        if hit is not None or not self.conjunctions:
            return hit
        parts = [name]
        for c in self.conjunctions:
            parts = [p for part in parts for p in part.split(c)]
        parts = [_key(p) for p in parts]
        parts = [p for p in parts if p]
        if len(parts) < 2:
            return None
        hits = [self._lookup_key(p) for p in parts]
        if any(h is None for h in hits):
            return None
        dirs = {h.direction for h in hits}  # type: ignore[union-attr]
        if len(dirs) != 1 or None in dirs:
            return None
        if len({h.id for h in hits}) == 1:  # type: ignore[union-attr]
            return hits[0]
        return self.by_id.get(f"{self.version}:{dirs.pop()}")

    def _lookup_key(self, k: str) -> Optional[TaxonomyEntry]:
        while k:
            hit = self._by_key.get(k)
            if hit is not None:
                return hit
            for suffix in self.strip_suffixes:
                if k.endswith(suffix) and len(k) > len(suffix):
                    k = k[: -len(suffix)]
                    break
            else:
                return None
        return None

    def __repr__(self) -> str:
        return f"<Taxonomy {self.version}: {len(self.entries)} entries>"


def available_taxonomies() -> list[str]:
    """Versions of the taxonomies that ship with futurepolicy (``['miit-2024', 'sei-2018']``)."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=8)
def load_taxonomy(version: str = DEFAULT_TAXONOMY) -> Taxonomy:
    """Load a shipped taxonomy by version (cached).

    Raises:
        UnknownTaxonomyError: no such taxonomy, or its file is malformed.
    """
    import yaml

    if not isinstance(version, str) or "/" in version or "\\" in version:
        raise UnknownTaxonomyError(f"unknown taxonomy {version!r}; available: {', '.join(available_taxonomies())}")
    path = DATA_DIR / f"{version}.yaml"
    if not path.is_file():
        raise UnknownTaxonomyError(f"unknown taxonomy {version!r}; available: {', '.join(available_taxonomies())}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise UnknownTaxonomyError(f"cannot parse: {e}", source=str(path)) from None
    return Taxonomy(data, str(path))


def directions(version: str = DEFAULT_TAXONOMY) -> list[str]:
    """The national directions of a taxonomy, in source order (``['未来制造', '未来信息', …]``)."""
    return [e.name for e in load_taxonomy(version).entries if e.level == "direction"]


def categorize(
    name: str,
    parent: Optional[str] = None,
    *,
    taxonomy: Taxonomy | str = DEFAULT_TAXONOMY,
    overrides: Optional[dict[str, str]] = None,
) -> tuple[Optional[str], Optional[str]]:
    """``(category, taxonomy_id)`` of an industry name.

    Order: a rule-pack override for the name (``overrides``: matching key → taxonomy id), the name's
    own taxonomy entry, then — only if the name itself matches nothing — the entry of ``parent`` (the
    cluster the plan puts it under: 上海 lists 生物安全 under its 未来健康 cluster). Products have an id
    but no direction, so their category is ``None``.

    Examples:
        >>> categorize("脑机接口")
        ('未来健康', 'miit-2024:未来健康/脑机接口')
        >>> categorize("人形机器人")
        (None, 'miit-2024:标志性产品/人形机器人')
        >>> categorize("生物安全"), categorize("生物安全", parent="未来健康")
        ((None, None), ('未来健康', 'miit-2024:未来健康'))
    """
    tax = load_taxonomy(taxonomy) if isinstance(taxonomy, str) else taxonomy
    for candidate in (name, parent):
        if not candidate or not isinstance(candidate, str):
            continue
        if overrides:
            tid = overrides.get(_key(candidate))
            if tid:
                entry = tax.by_id.get(tid)
                return (entry.direction if entry else None), tid
        entry = tax.lookup(candidate)
        if entry is not None:
            return entry.direction, entry.id
    return None, None


def _pack_overrides(rules) -> dict[str, str]:
    """Rule-pack ``industries`` rows that set ``taxonomy_id``: matching key of name/alias → id."""
    out: dict[str, str] = {}
    for row in rules.table("industries"):
        tid = row.get("taxonomy_id")
        if not tid:
            continue
        for n in [row.get("name"), *(row.get("aliases") or [])]:
            if n:
                out[_key(str(n))] = str(tid)  # later packs come later in the merged table: they win
    return out


def categorize_industries(ctx: Context, version: str = DEFAULT_TAXONOMY) -> None:
    """Fill ``category`` and ``taxonomy_id`` of every industry in ``ctx.results["industries"]``, in place.

    Also sets ``ctx.results["taxonomy_version"]`` (recorded in ``provenance.taxonomy``).
    """
    tax = load_taxonomy(version)
    ctx.results["taxonomy_version"] = tax.version
    overrides = ctx.rules.memo(f"taxonomy-overrides:{tax.version}", _pack_overrides)
    for ind in ctx.results.get("industries") or []:
        ind.category, ind.taxonomy_id = categorize(ind.name, ind.parent, taxonomy=tax, overrides=overrides)
