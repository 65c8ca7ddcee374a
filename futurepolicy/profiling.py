"""Comparable documents: one row of evidence columns per plan.

:func:`profile` turns extracted plans into the table that PMC-index and policy-instrument studies
otherwise fill in by hand: who issued the plan and for where, its period, how many quantitative and
money targets it sets, which national directions its industries fall under, how its measures split
over supply / environment / demand instruments, and whether it has safeguard measures.

Examples:
    >>> import futurepolicy
    >>> df = futurepolicy.profile([futurepolicy.extract("到2027年,培育1000家左右高新技术企业。")])
    >>> list(df.columns[:4]), str(df["n_goals"].dtype), str(df["money_cny_sum"].dtype)
    (['id', 'source', 'title', 'region'], 'Int64', 'Float64')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from .model import PolicyDocument
from .rules._schema import SIDES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["profile", "profile_columns", "issuer_level_from_code"]

_BASE_COLUMNS: dict[str, str] = {
    "id": "string",
    "source": "string",
    "title": "string",
    "region": "string",
    "region_code": "string",
    "issuer": "string",
    "issuer_level": "string",
    "doc_number": "string",
    "publish_date": "string",
    "period_start": "Int64",
    "period_end": "Int64",
    "n_goals": "Int64",
    "n_money_goals": "Int64",
    "money_cny_sum": "Float64",
    "money_cny_max": "Float64",
}
_TAIL_COLUMNS: dict[str, str] = {
    "n_instruments": "Int64",
    "has_safeguards": "boolean",
    "n_measures": "Int64",
    "n_industries": "Int64",
    "n_regions": "Int64",
    "n_institutions": "Int64",
}


def profile_columns() -> dict[str, str]:
    """The columns of :func:`profile` and their pandas dtypes, in order.

    ``industries_<direction>`` holds one column per national direction of the taxonomy
    (``industries_未来制造`` … ``industries_未来健康``) plus ``industries_uncategorized`` (category null);
    ``instruments_<side>`` one per side (``instruments_供给型``, ``instruments_环境型``, ``instruments_需求型``).
    """
    from .enrich.taxonomy import directions

    cols = dict(_BASE_COLUMNS)
    for d in directions():
        cols[f"industries_{d}"] = "Int64"
    cols["industries_uncategorized"] = "Int64"
    for s in SIDES:
        cols[f"instruments_{s}"] = "Int64"
    cols.update(_TAIL_COLUMNS)
    return cols


def issuer_level_from_code(region_code: Optional[str]) -> Optional[str]:
    """Administrative level of a GB/T 2260 region code: ``国家``, ``省``, ``市`` or ``县``; else ``None``.

    Province-level municipalities count as ``省`` (上海市 310000 → 省).

    Examples:
        >>> issuer_level_from_code("310000"), issuer_level_from_code("510100"), issuer_level_from_code("310115")
        ('省', '市', '县')
    """
    if not region_code or len(region_code) != 6 or not region_code.isdigit():
        return None
    if region_code == "000000":
        return "国家"
    if region_code.endswith("0000"):
        return "省"
    if region_code.endswith("00"):
        return "市"
    return "县"


def _row(doc: PolicyDocument, dirs: list[str]) -> dict[str, Any]:
    meta = doc.meta
    money = [g.value_cny for g in doc.goals if g.value_cny is not None]
    row: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "title": meta.title,
        "region": meta.region,
        "region_code": meta.region_code,
        "issuer": meta.issuer,
        "issuer_level": meta.issuer_level or issuer_level_from_code(meta.region_code),
        "doc_number": meta.doc_number,
        "publish_date": meta.publish_date,
        "period_start": meta.period.start,
        "period_end": meta.period.end,
        "n_goals": len(doc.goals),
        "n_money_goals": len(money),
        "money_cny_sum": float(sum(money)) if money else None,
        "money_cny_max": float(max(money)) if money else None,
    }
    counts = {d: 0 for d in dirs}
    uncategorized = 0
    industries = _distinct(doc.industries, lambda i: (i.category, i.canonical))
    for ind in industries:
        if ind.category in counts:
            counts[ind.category] += 1
        else:
            uncategorized += 1
    for d in dirs:
        row[f"industries_{d}"] = counts[d]
    row["industries_uncategorized"] = uncategorized
    sides = {s: 0 for s in SIDES}
    for m in doc.measures:
        for ins in m.instruments:
            if ins.side in sides:
                sides[ins.side] += 1
    for s in SIDES:
        row[f"instruments_{s}"] = sides[s]
    row["n_instruments"] = sum(len(m.instruments) for m in doc.measures)
    row["has_safeguards"] = any(m.kind == "safeguard" for m in doc.measures)
    row["n_measures"] = len(doc.measures)
    row["n_industries"] = len(industries)
    row["n_regions"] = len(_distinct(doc.regions))
    row["n_institutions"] = len(_distinct(doc.institutions))
    return row


def _distinct(entities: list[Any], key: Callable[[Any], Any] = lambda e: e.canonical) -> list[Any]:
    """The first entity of each ``canonical`` name (寧夏… and 宁夏… count once), in order; industries
    are counted once per name within their category."""
    first: dict[Any, Any] = {}
    for e in entities:
        first.setdefault(key(e), e)
    return list(first.values())


def profile(docs: PolicyDocument | Iterable[Any]) -> "pd.DataFrame":
    """One row per document with comparable evidence columns (see :func:`profile_columns`).

    Args:
        docs: a :class:`~futurepolicy.model.PolicyDocument` or an iterable of them; ``Failure``
            results of :func:`futurepolicy.extract_many` are skipped.

    Returns:
        A tidy DataFrame with typed columns (nullable ``Int64``/``Float64``/``boolean``/``string``), in
        input order. ``money_cny_*`` are ``<NA>`` when a plan sets no money target; ``issuer_level``
        comes from the metadata, else from the region code (``issuer_level_from_code``). Industries,
        regions and institutions are counted once per ``canonical`` name.

    Examples:
        >>> import futurepolicy
        >>> df = futurepolicy.profile(futurepolicy.extract("设立专项基金。"))
        >>> "industries_未来健康" in df.columns, "instruments_供给型" in df.columns, len(df)
        (True, True, 1)
    """
    import pandas as pd

    from .enrich.taxonomy import directions

    if isinstance(docs, PolicyDocument):
        docs = [docs]
    dirs = directions()
    cols = profile_columns()
    rows = [_row(d, dirs) for d in docs if getattr(d, "ok", True) and isinstance(d, PolicyDocument)]
    return pd.DataFrame(rows, columns=list(cols)).astype(cols).reset_index(drop=True)
