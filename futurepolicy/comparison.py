"""Side-by-side tables across plans, and a chart of their goals.

Usage::

    tables = futurepolicy.compare([chongqing, shanghai])
    tables["industries"]   # (category, industry) × plan: mentions per plan, 0 where absent
    tables["goals"]        # (metric family, n) × (plan, field): value, unit, target year …
    tables["measures"]     # (kind, n) × plan: measure titles
    tables["institutions"] # canonical name × plan: mentions per plan (also "regions")
    futurepolicy.plot_goals([chongqing, shanghai])

Goals are aligned by *metric family* (高新技术企业, 产值/规模, 应用场景, 标志性产品, 专精特新企业 …).
The families and their keywords are data, in ``futurepolicy/data/compare.yaml``; a goal that fits
no family forms a family of its own named after its metric, so equal metrics still line up.
pandas and matplotlib are imported on first use.
"""

from __future__ import annotations

import functools
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from .errors import FuturePolicyError, MissingExtraError
from .model import Goal, PolicyDocument

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["compare", "plot_goals", "cjk_fonts", "metric_family", "plan_labels", "MetricFamily", "load_families"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "compare.yaml"
MEASURE_KINDS = ("action", "task", "safeguard")
UNCATEGORISED = "—"
GOAL_FIELDS = {"metric": "string", "value": "Float64", "value_max": "Float64", "unit": "string",
               "target_year": "Int64"}


@dataclass(frozen=True, slots=True)
class MetricFamily:
    """A family of comparable goal metrics, read from ``data/compare.yaml``."""

    label: str
    keywords: tuple[str, ...]
    units: tuple[str, ...] = ()


@functools.lru_cache(maxsize=4)
def _load(path: str) -> tuple[tuple[MetricFamily, ...], tuple[str, ...]]:
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        families = tuple(
            MetricFamily(str(f["label"]), tuple(str(k) for k in f.get("keywords") or ()),
                         tuple(str(u) for u in f.get("units") or ()))
            for f in data["families"]
        )
        fonts = tuple(str(f) for f in data.get("plot_fonts") or ())
    except (OSError, KeyError, TypeError, yaml.YAMLError) as e:
        raise FuturePolicyError(f"cannot read the metric families: {type(e).__name__}: {e}", source=path) from None
    return families, fonts


def load_families(path: str | Path | None = None) -> tuple[MetricFamily, ...]:
    """The metric families, in matching order (``data/compare.yaml`` unless ``path`` is given)."""
    return _load(str(path or DATA_FILE))[0]


@functools.lru_cache(maxsize=4096)
def _simplified(s: str) -> str:
    from .normalize import normalize

    return normalize(s).text


def metric_family(goal: Goal, families: Sequence[MetricFamily] | None = None) -> str:
    """The family label of a goal (see ``data/compare.yaml`` for the matching order).

    Examples:
        >>> from futurepolicy.model import Goal, Span
        >>> g = Goal("孵化培育百家高新技术企业", "高新技术企业", 100.0, None, "家", None, False, "eq", 2027, None,
        ...          "national/goals#count", Span(0, 12))
        >>> metric_family(g)
        '高新技术企业'
    """
    families = load_families() if families is None else families
    metric, text = _simplified(goal.metric or ""), _simplified(goal.text or "")
    for haystack in (metric, text):
        for fam in families:
            if any(k in haystack for k in fam.keywords):
                return fam.label
    for fam in families:
        if goal.unit and goal.unit in fam.units:
            return fam.label
    return metric or goal.unit or "?"


def _documents(docs: Iterable[Any]) -> list[PolicyDocument]:
    from .export import _as_document

    if isinstance(docs, (PolicyDocument, dict)):
        docs = [docs]
    out = [d for d in (_as_document(x) for x in docs) if d is not None]
    return out


def plan_labels(docs: Sequence[PolicyDocument]) -> list[str]:
    """Column labels for plans: the region (``上海市``), or the document id where regions are unknown
    or shared (two plans of one region get ``重庆市 (chongqing_2024)``)."""
    base = [d.meta.region or d.id for d in docs]
    counts = Counter(base)
    labels = [b if counts[b] == 1 else (f"{b} ({d.id})" if b != d.id else b) for b, d in zip(base, docs)]
    seen: Counter[str] = Counter()
    out = []
    for label in labels:  # the same id twice: number them
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return out


def _industries(pd: Any, docs: list[PolicyDocument], labels: list[str], kinds: Optional[Sequence[str]]) -> Any:
    # One row per taxonomy entry when known (脑机接口 and 脑机接口技术 of two plans share an entry), else per
    # canonical name (寧夏… and 宁夏… are one); the row is labelled with the shortest canonical name.
    counts: dict[tuple[str, str], dict[str, int]] = {}
    names: dict[tuple[str, str], str] = {}
    for doc, label in zip(docs, labels):
        for ind in doc.industries:
            if kinds is not None and ind.kind not in kinds:
                continue
            name = ind.canonical
            key = (ind.category or UNCATEGORISED, ind.taxonomy_id or "name:" + name)
            row = counts.setdefault(key, {})
            row[label] = row.get(label, 0) + max(1, len(ind.mentions))
            if key not in names or (len(name), name) < (len(names[key]), names[key]):
                names[key] = name
    keys = sorted(counts, key=lambda k: (k[0] == UNCATEGORISED, k[0], -len(counts[k]), names[k]))
    index = pd.MultiIndex.from_tuples([(k[0], names[k]) for k in keys], names=["category", "industry"])
    data = {label: [counts[k].get(label, 0) for k in keys] for label in labels}
    df = pd.DataFrame(data, index=index, columns=labels).astype("Int64")
    df.columns.name = "plan"
    return df


def _entities(pd: Any, docs: list[PolicyDocument], labels: list[str], attr: str, index_name: str) -> Any:
    """Mentions per plan of each region or institution, one row per ``canonical`` name; rows shared
    by most plans first, then by name."""
    counts: dict[str, dict[str, int]] = {}
    for doc, label in zip(docs, labels):
        for obj in getattr(doc, attr):
            row = counts.setdefault(obj.canonical, {})
            row[label] = row.get(label, 0) + max(1, len(obj.mentions))
    keys = sorted(counts, key=lambda k: (-len(counts[k]), k))
    data = {label: [counts[k].get(label, 0) for k in keys] for label in labels}
    df = pd.DataFrame(data, index=pd.Index(keys, name=index_name, dtype="string"), columns=labels).astype("Int64")
    df.columns.name = "plan"
    return df


def _goals_long(pd: Any, docs: list[PolicyDocument], labels: list[str]) -> Any:
    families = load_families()
    order = {f.label: i for i, f in enumerate(families)}
    rows = []
    for doc, label in zip(docs, labels):
        for g in doc.goals:
            rows.append((label, doc.id, metric_family(g, families), g.metric, g.value, g.value_max, g.unit,
                         g.value_cny, g.comparator, g.target_year, g.text))
    cols = {"plan": "string", "document": "string", "family": "string", "metric": "string", "value": "Float64",
            "value_max": "Float64", "unit": "string", "value_cny": "Float64", "comparator": "string",
            "target_year": "Int64", "text": "string"}
    df = pd.DataFrame.from_records(rows, columns=list(cols)) if rows else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in cols})
    df = df.astype(cols)
    # Known families in file order, then the metric-named ones alphabetically; plans in input order.
    fam_rank = df["family"].map(lambda f: (order.get(f, len(order)), "" if f in order else f))
    plan_rank = df["plan"].map({label: i for i, label in enumerate(labels)})
    df = df.assign(_f=fam_rank, _p=plan_rank).sort_values(["_f", "_p"], kind="stable").drop(columns=["_f", "_p"])
    return df.reset_index(drop=True)


def _goals_wide(pd: Any, long: Any, labels: list[str]) -> Any:
    n = long.groupby(["family", "plan"], sort=False).cumcount() + 1
    first = {fam: i for i, fam in reversed(list(enumerate(long["family"])))}  # families in table order
    keys = sorted(set(zip(long["family"], n)), key=lambda fk: (first[fk[0]], fk[1]))
    cells = {(fam, k, row.plan): row for fam, k, row in zip(long["family"], n, long.itertuples())}
    index = pd.MultiIndex.from_tuples(keys, names=["family", "n"]) if keys else pd.MultiIndex.from_tuples(
        [], names=["family", "n"])
    columns = pd.MultiIndex.from_tuples([(label, f) for label in labels for f in GOAL_FIELDS], names=["plan", "field"])
    data = {}
    for label in labels:
        for f in GOAL_FIELDS:
            data[(label, f)] = [getattr(cells[(fam, k, label)], f) if (fam, k, label) in cells else None
                                for fam, k in index]
    df = pd.DataFrame(data, index=index, columns=columns)
    return df.astype({(label, f): t for label in labels for f, t in GOAL_FIELDS.items()})


def _measures(pd: Any, docs: list[PolicyDocument], labels: list[str]) -> Any:
    per_plan: dict[str, dict[str, list[str]]] = {}
    for doc, label in zip(docs, labels):
        by_kind: dict[str, list[str]] = {}
        for m in doc.measures:
            by_kind.setdefault(m.kind, []).append(m.title)
        per_plan[label] = by_kind
    kinds = [k for k in MEASURE_KINDS if any(k in p for p in per_plan.values())]
    kinds += sorted({k for p in per_plan.values() for k in p} - set(MEASURE_KINDS))
    keys = [(k, i + 1) for k in kinds for i in range(max(len(p.get(k, [])) for p in per_plan.values()))]
    index = pd.MultiIndex.from_tuples(keys, names=["kind", "n"]) if keys else pd.MultiIndex.from_tuples(
        [], names=["kind", "n"])
    data = {label: [(per_plan[label].get(k) or [])[i - 1] if i <= len(per_plan[label].get(k) or []) else None
                    for k, i in keys] for label in labels}
    df = pd.DataFrame(data, index=index, columns=labels).astype("string")
    df.columns.name = "plan"
    return df


def _plans(pd: Any, docs: list[PolicyDocument], labels: list[str]) -> Any:
    cols = {"plan": "string", "document": "string", "title": "string", "region": "string", "issuer": "string",
            "publish_date": "string", "period_start": "Int64", "period_end": "Int64", "goals": "Int64",
            "industries": "Int64", "measures": "Int64", "regions": "Int64", "institutions": "Int64"}
    rows = [(label, d.id, d.meta.title, d.meta.region, d.meta.issuer, d.meta.publish_date, d.meta.period.start,
             d.meta.period.end, len(d.goals), len(d.industries), len(d.measures), len(d.regions),
             len(d.institutions)) for d, label in zip(docs, labels)]
    df = pd.DataFrame.from_records(rows, columns=list(cols)) if rows else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in cols})
    return df.astype(cols).set_index("plan")


def compare(
    docs: Iterable[Any],
    *,
    labels: Optional[Sequence[str]] = None,
    industry_kinds: Optional[Sequence[str]] = None,
) -> dict[str, "pd.DataFrame"]:
    """Tables that put several plans side by side.

    Args:
        docs: documents (``Failure`` results of ``extract_many`` are skipped; ``to_dict()``
            mappings are accepted).
        labels: column labels for the plans, in order (default :func:`plan_labels`: the region).
        industry_kinds: the industry kinds to count, e.g. ``("cluster", "industry")``
            (default ``None``: all, technologies included).

    Returns:
        A dict of DataFrames:

        * ``"plans"``: one row per plan (title, region, period, counts of each object type);
        * ``"industries"``: rows ``(category, industry)`` — the national category and taxonomy
          entry when known, else ``—`` and the ``canonical`` name — × one column per plan, holding
          the number of mentions (0: not in that plan). Within a category, industries shared by
          most plans come first; uncategorised ones come last.
        * ``"goals"``: rows ``(family, n)`` (the n-th goal of that family in a plan) × columns
          ``(plan, field)`` with the fields metric, value, value_max, unit, target_year;
        * ``"goals_long"``: the same goals as one row per goal, with ``family``, ``value_cny``,
          ``comparator`` and ``text`` (for filtering and plotting);
        * ``"measures"``: rows ``(kind, n)`` × one column per plan, holding measure titles;
        * ``"regions"``, ``"institutions"``: one row per ``canonical`` name (so 寧夏… and 宁夏…
          are one row) × one column per plan, holding the number of mentions.

    Raises:
        FuturePolicyError: ``labels`` does not give one distinct label per plan, or an item is
            not a document.

    Examples:
        >>> import futurepolicy
        >>> a = futurepolicy.extract("到2027年,培育1000家左右高新技术企业。", source="a.txt")
        >>> b = futurepolicy.extract("到2030年,培育50家高新技术企业。", source="b.txt")
        >>> t = futurepolicy.compare([a, b])
        >>> sorted(t)
        ['goals', 'goals_long', 'industries', 'institutions', 'measures', 'plans', 'regions']
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a core dependency
        raise MissingExtraError("all", "pandas", purpose="compare plans") from None

    documents = _documents(docs)
    if labels is None:
        names = plan_labels(documents)
    else:
        names = [str(x) for x in labels]
        if len(names) != len(documents) or len(set(names)) != len(names):
            raise FuturePolicyError(f"labels must give one distinct label per plan: {len(documents)} plans, "
                                    f"labels {names!r}")
    long = _goals_long(pd, documents, names)
    return {
        "plans": _plans(pd, documents, names),
        "industries": _industries(pd, documents, names, industry_kinds),
        "goals": _goals_wide(pd, long, names),
        "goals_long": long,
        "measures": _measures(pd, documents, names),
        "regions": _entities(pd, documents, names, "regions", "region"),
        "institutions": _entities(pd, documents, names, "institutions", "institution"),
    }


# -- chart ---------------------------------------------------------------------------------------


NO_CJK_FONT = (
    "no font with Chinese characters is installed, so the chart would show boxes; install one "
    "(Debian/Ubuntu: apt install fonts-noto-cjk) or pass plot_goals(..., font='/path/to/font.ttf' or a font name)"
)


def _preferred_fonts() -> list[str]:
    """Installed fonts from ``plot_fonts`` in ``data/compare.yaml``, in preference order."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in _load(str(DATA_FILE))[1] if f in installed]


def _covers_cjk(path: str) -> bool:
    """Whether the font file has a glyph for a common Chinese character."""
    from matplotlib import ft2font

    try:
        return ord("中") in ft2font.FT2Font(path).get_charmap()
    except Exception:  # noqa: BLE001 - an unreadable font file is no candidate
        return False


def _any_cjk_font() -> list[str]:
    """Any other known font that draws Chinese (first by name, for a deterministic choice)."""
    from matplotlib import font_manager

    for entry in sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name, f.fname)):
        if _covers_cjk(entry.fname):
            return [entry.name]
    return []


def _add_new_system_fonts() -> int:
    """Add fonts installed since matplotlib cached its font list (its stale cache otherwise keeps
    drawing boxes); returns how many were added."""
    from matplotlib import font_manager

    known = {f.fname for f in font_manager.fontManager.ttflist}
    added = 0
    for path in sorted(font_manager.findSystemFonts()):
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
                added += 1
            except Exception:  # noqa: BLE001 - a broken font file
                continue
    return added


def cjk_fonts(font: Optional[str] = None) -> list[str]:
    """The font family names to draw Chinese labels with, best first.

    Args:
        font: a font file (added to matplotlib) or an installed font's name; default: the first
            installed of ``plot_fonts`` in ``data/compare.yaml``, else any installed font with
            Chinese glyphs (matplotlib's font list is refreshed once if it finds none).

    Raises:
        FuturePolicyError: no such font, or no installed font draws Chinese (the message names the fix).
    """
    from matplotlib import font_manager

    if font is not None:
        if Path(font).is_file():
            font_manager.fontManager.addfont(str(font))
            return [font_manager.FontProperties(fname=str(font)).get_name()]
        if font not in {f.name for f in font_manager.fontManager.ttflist}:
            raise FuturePolicyError(f"no installed font is named {font!r}; pass a font file or one of the "
                                    "names matplotlib.font_manager.get_font_names() lists")
        return [font]
    fonts = _preferred_fonts() or _any_cjk_font()
    if not fonts and _add_new_system_fonts():
        fonts = _preferred_fonts() or _any_cjk_font()
    if not fonts:
        raise FuturePolicyError(NO_CJK_FONT)
    return fonts


def _regular_weight(name: str) -> Any:
    """The font's weight closest to regular (400): some CJK fonts come only in 500, and asking them
    for "normal" makes matplotlib log a warning on every draw."""
    from matplotlib import font_manager

    weights = [f.weight for f in font_manager.fontManager.ttflist if f.name == name]
    numeric = [font_manager.weight_dict.get(w, w) if isinstance(w, str) else w for w in weights]
    numeric = [w for w in numeric if isinstance(w, int)]
    return min(numeric, key=lambda w: (abs(w - 400), w)) if numeric else "normal"


def plot_goals(
    docs: Iterable[Any],
    *,
    families: Optional[Sequence[str]] = None,
    labels: Optional[Sequence[str]] = None,
    max_families: int = 9,
    figsize: Optional[tuple[float, float]] = None,
    font: Optional[str] = None,
) -> "Figure":
    """Bar charts of the goals of several plans, one panel per metric family.

    Each bar is one goal of one plan, labelled with its value, unit and target year (a range
    ``10-15`` draws the upper end lighter). Money goals are drawn in 亿元 from ``value_cny``, so
    ``5000亿元`` and ``1.5万亿元`` share a scale.

    Args:
        docs: documents, as for :func:`compare`.
        families: the family labels to draw (default: those found, most plans first, at most
            ``max_families``).
        labels: plan labels, as for :func:`compare`.
        max_families: the number of panels when ``families`` is not given.
        figsize: the figure size in inches (default: from the number of panels).
        font: a font file or font name for the Chinese labels (default: an installed CJK font,
            see :func:`cjk_fonts`).

    Returns:
        A matplotlib ``Figure`` (not shown by pyplot; a notebook displays it as the cell's value).

    Raises:
        MissingExtraError: matplotlib is not installed (``pip install "futurepolicy[plot]"``).
        FuturePolicyError: no installed font draws Chinese (install one, e.g.
            ``apt install fonts-noto-cjk``, or pass ``font=``), or ``font`` is not found.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError("plot", "matplotlib", purpose="plot goals") from None

    fonts = cjk_fonts(font)  # before drawing: boxes and a warning per glyph help nobody
    tables = compare(docs, labels=labels)
    long = tables["goals_long"]
    plans = list(tables["plans"].index)
    if families is None:
        spread = long.groupby("family", sort=False)["plan"].nunique()
        chosen = sorted(spread.index, key=lambda f: -spread[f])[:max_families]
        families = [f for f in dict.fromkeys(long["family"]) if f in chosen]
    families = list(families)
    n = max(1, len(families))
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=figsize or (5.2 * cols, 0.6 + 2.4 * rows), squeeze=False)
    colors = plt.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
    plan_color = {p: colors[i % len(colors)] for i, p in enumerate(plans)}
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    if not families:
        ax = axes.flat[0]
        ax.text(0.5, 0.5, "no goals", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    for ax, fam in zip(axes.flat, families):
        sub = long[long["family"] == fam]
        ylabels, values, uppers, notes, bar_colors = [], [], [], [], []
        for row in sub.itertuples():
            money = not _isna(row.value_cny)
            scale = (row.value_cny / row.value) / 1e8 if money and row.value else 1.0
            value = float(row.value) * scale
            upper = float(row.value_max) * scale if not _isna(row.value_max) else value
            unit = "亿元" if money else (row.unit or "")
            year = "" if _isna(row.target_year) else f" ({int(row.target_year)})"
            values.append(value)
            uppers.append(upper)
            notes.append(f"{_fmt(value)}{'-' + _fmt(upper) if upper != value else ''} {unit}{year}")
            ylabels.append(f"{row.plan}: {row.metric}")
            bar_colors.append(plan_color.get(row.plan, "C0"))
        y = list(range(len(values)))[::-1]
        ax.barh(y, uppers, height=0.6, color=bar_colors, alpha=0.35)
        ax.barh(y, values, height=0.6, color=bar_colors)
        ax.set_ylim(-0.8, max(len(values), 2) - 0.2)
        for yi, v, note in zip(y, uppers, notes):
            ax.text(v, yi, " " + note, va="center", fontsize=8)
        ax.set_yticks(y, ylabels, fontsize=8)
        ax.set_title(fam, fontsize=10)
        ax.set_xlim(0, max(uppers) * 1.6 if uppers and max(uppers) > 0 else 1)
        ax.spines[["top", "right"]].set_visible(False)
    import matplotlib.text

    weight = _regular_weight(fonts[0])
    for t in fig.findobj(matplotlib.text.Text):  # one font for all: CJK fonts draw Latin and digits too
        t.set_fontfamily([fonts[0]])
        t.set_fontweight(weight)
    with warnings.catch_warnings():  # many plans in one panel: a cramped layout is still a layout
        warnings.simplefilter("ignore", UserWarning)
        fig.tight_layout()
    plt.close(fig)
    return fig


def _isna(x: Any) -> bool:
    try:
        import pandas as pd

        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.4g}"
