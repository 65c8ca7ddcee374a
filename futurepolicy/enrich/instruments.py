"""Policy-instrument coding of measures: supply / environment / demand (Rothwell & Zegveld).

Each measure body is split into clauses (at the ``clause_breaks`` of the ``instrument_words`` pack
section: 。 ; ! ? and line breaks) and every clause is coded with the instrument types whose cues
(the ``instruments`` pack table: id, side, type, pattern) match in it. A clause gets each type at
most once, by the first rule of that type in table order; the result records the rule that fired
(``"national/instruments#talent-01"``) and the clause's span in ``doc.text``.

Types, in the 14-type scheme of Chinese policy-text studies:

* 供给型 supply: 人才培养, 资金投入, 科技信息支持, 基础设施建设, 公共服务
* 环境型 environment: 目标规划, 金融支持, 税收优惠, 法规管制, 策略性措施
* 需求型 demand: 政府采购, 示范工程, 服务外包, 海外机构

Examples:
    >>> [(c.text, c.type) for c in code_text("加快设立未来产业专项基金;引进海外高层次人才。")]
    [('加快设立未来产业专项基金', '金融支持'), ('引进海外高层次人才', '人才培养'), ('引进海外高层次人才', '海外机构')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from ..context import Context
from ..model import Instrument, Measure, PolicyDocument
from ..rules import RuleSet, finditer, pattern_timeout, resolve_rules
from ..rules._schema import SIDES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_TRIM = " \n\t,，、:："  # trimmed from both ends of a clause

__all__ = [
    "CodedClause",
    "InstrumentMatcher",
    "instrument_matcher",
    "code_text",
    "code_measures",
    "instrument_profile",
    "instrument_frame",
]


@dataclass(frozen=True, slots=True)
class CodedClause:
    """One (clause, type) code of :func:`code_text`; ``start``/``end`` index the text given."""

    start: int
    end: int
    text: str
    side: str
    type: str
    rule: str


class InstrumentMatcher:
    """The compiled ``instruments`` table of a rule set (build it with :func:`instrument_matcher`).

    Attributes:
        rules: ``(rule_id, side, type, compiled pattern)`` in table order.
        types: ``(side, type)`` pairs in scheme order: by side (供给型, 环境型, 需求型), then by first
            appearance in the table.
        breaks: the clause-break characters.
    """

    def __init__(self, rules: RuleSet) -> None:
        from ..rules import compile_pattern

        self.rules: list[tuple[str, str, str, Any]] = []
        self._limited: list[bool] = []  # per rule: from a pack outside futurepolicy, run time-limited
        seen: dict[tuple[str, str], int] = {}
        for row in rules.table("instruments"):
            self._limited.append(rules.timeout([row.get("_pack", "national")], 0) is not None)
            rule_id = f"{row.get('_pack', 'national')}/instruments#{row['id']}"
            key = (row["side"], row["type"])
            seen.setdefault(key, len(seen))
            self.rules.append((rule_id, row["side"], row["type"], compile_pattern(row["pattern"])))
        side_rank = {s: i for i, s in enumerate(SIDES)}
        self.types: list[tuple[str, str]] = sorted(seen, key=lambda k: (side_rank.get(k[0], len(SIDES)), seen[k]))
        self._type_rank = {k: i for i, k in enumerate(self.types)}
        self.breaks: frozenset[str] = frozenset(rules.word_list("instrument_words", "clause_breaks"))
        chars = "".join(sorted(self.breaks))
        self._break_re = re.compile("[" + re.escape(chars) + "]") if chars else None

    def clauses(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Clause spans of ``text[start:end]``: split at break characters, trimmed, empty ones dropped."""
        out: list[tuple[int, int]] = []
        cuts = [m.start() for m in self._break_re.finditer(text, start, end)] if self._break_re else []
        s = start
        for i in [*cuts, end]:
            seg = text[s:i]
            a = s + len(seg) - len(seg.lstrip(_TRIM))
            b = i - (len(seg) - len(seg.rstrip(_TRIM)))
            if b > a:
                out.append((a, b))
            s = i + 1
        return out

    def _scan(self, text: str, lo: int, hi: int, source: str) -> list[tuple[list[int], list[int]]]:
        """Every rule's matches in ``text[lo:hi]``: per rule, sorted starts and their ends (absolute)."""
        body = text[lo:hi]
        out = []
        limit = pattern_timeout(len(body))
        for (_rule_id, _side, _type, pattern), limited in zip(self.rules, self._limited):
            ms = [m for m in finditer(pattern, body, source=source, timeout=limit if limited else None)
                  if m.end() > m.start()]
            out.append(([lo + m.start() for m in ms], [lo + m.end() for m in ms]))
        return out

    def code_spans(
        self, text: str, spans: list[tuple[int, int]], *, source: str = ""
    ) -> list[list[tuple[int, int, str, str, str]]]:
        """Code several spans of one text; each pattern runs once over the range they cover.

        Returns, per span, ``(clause_start, clause_end, side, type, rule_id)`` in clause order, then
        scheme order; a match counts for the clause holding its first character.

        Raises:
            RegexTimeoutError: a pattern ran past the pack time limit.
        """
        live = [(s, e) for s, e in spans if e > s]
        if not live or not self.rules:
            return [[] for _ in spans]
        scans = self._scan(text, min(s for s, _ in live), max(e for _, e in live), source)
        results = []
        for start, end in spans:
            clauses = self.clauses(text, start, end) if end > start else []
            if not clauses:
                results.append([])
                continue
            cstarts = [c[0] for c in clauses]
            found: dict[tuple[int, tuple[str, str]], str] = {}
            for (rule_id, side, type_, _p), (mstarts, mends) in zip(self.rules, scans):
                j = bisect.bisect_left(mstarts, start)
                while j < len(mstarts) and mstarts[j] < end:
                    pos = mstarts[j]
                    k = bisect.bisect_right(cstarts, pos) - 1
                    if k >= 0 and pos < clauses[k][1] and mends[j] <= end:
                        found.setdefault((k, (side, type_)), rule_id)  # first rule of the type, in table order
                    j += 1
            ordered = sorted(found.items(), key=lambda kv: (kv[0][0], self._type_rank[kv[0][1]]))
            results.append([(clauses[k][0], clauses[k][1], key[0], key[1], rule_id) for (k, key), rule_id in ordered])
        return results

    def code(self, text: str, start: int, end: int, *, source: str = "") -> list[tuple[int, int, str, str, str]]:
        """Code ``text[start:end]``: ``(clause_start, clause_end, side, type, rule_id)``, in order."""
        return self.code_spans(text, [(start, end)], source=source)[0]


def instrument_matcher(rules: RuleSet) -> InstrumentMatcher:
    """The :class:`InstrumentMatcher` of a rule set, built once and cached on it."""
    return rules.memo("instruments:matcher", InstrumentMatcher)


def code_text(text: str, rules: Any = "national") -> list[CodedClause]:
    """Code free text (a measure body, a clause) without running the whole pipeline.

    Args:
        text: the text as written; it is normalised for matching and offsets map back to it.
        rules: a pack name, path, list of packs or a RuleSet.

    Examples:
        >>> [c.rule for c in code_text("适当放宽新兴领域产品和服务市场准入。")]
        ['national/instruments#regulation-01']
    """
    from ..errors import ReaderError
    from ..normalize import normalize

    if not isinstance(text, str):
        raise ReaderError(f"text must be str, got {type(text).__name__}")
    ruleset = resolve_rules(rules)
    norm = normalize(text)
    out = []
    for cs, ce, side, type_, rule_id in instrument_matcher(ruleset).code(norm.text, 0, len(norm.text)):
        s, e = norm.span(cs, ce)
        out.append(CodedClause(s, e, text[s:e], side, type_, rule_id))
    return out


def _body_start(ctx: Context, measure: Measure, ms: int, me: int) -> int:
    """Normalised offset where the measure's body begins (after its heading)."""
    by_id = ctx.results.get("_outline_by_id") or {n.id: n for n in ctx.outline}
    node = by_id.get(measure.section) if measure.section else None
    if node is not None and ms <= node.start < me and node.start <= node.body_start <= me:
        return node.body_start
    title = measure.title or ""
    if title:
        o_start = measure.span.start
        i = ctx.text.find(title, o_start, min(measure.span.end, o_start + len(title) + 16))
        if i >= 0:
            return max(ms, min(me, ctx.norm.norm(i + len(title))))
    return ms


def code_measures(ctx: Context) -> None:
    """Set ``instruments`` on every measure in ``ctx.results["measures"]``, in place.

    The body (the measure's span minus its heading) is split into clauses and coded; each
    :class:`~futurepolicy.model.Instrument` carries the clause span in ``doc.text`` and the rule id.
    """
    measures: list[Measure] = ctx.results.get("measures") or []
    if not measures:
        return
    matcher = instrument_matcher(ctx.rules)
    n = len(ctx.ntext)
    spans = []
    for m in measures:
        ms = min(n, ctx.norm.norm(m.span.start))
        me = min(n, max(ms, ctx.norm.norm(m.span.end)))
        spans.append((_body_start(ctx, m, ms, me), me))
    coded = matcher.code_spans(ctx.ntext, spans, source=ctx.source or "")
    for m, codes in zip(measures, coded):
        m.instruments = [Instrument(side, type_, rule_id, ctx.span(cs, ce)) for cs, ce, side, type_, rule_id in codes]


# -- profiles ----------------------------------------------------------------------------------------


def _scheme_for(doc: PolicyDocument) -> list[tuple[str, str]]:
    """The (side, type) pairs of the rule packs that produced ``doc`` (national if they are unavailable)."""
    from ..errors import FuturePolicyError

    names = [r.name for r in doc.provenance.rules] or ["national"]
    try:
        ruleset = resolve_rules(names)
    except FuturePolicyError:
        ruleset = resolve_rules("national")
    return instrument_matcher(ruleset).types


def instrument_profile(doc: PolicyDocument) -> dict[str, Any]:
    """Counts of coded instruments in a document, per side and per type.

    Every side and type of the scheme is present (zero when unused), so profiles of different plans
    line up. A count is a number of (clause, type) codes.

    Returns:
        ``{"total": int, "sides": {side: count}, "types": {side: {type: count}}}``. For pandas, use
        :func:`instrument_frame` (one row per document, side and type) or
        ``pd.Series(profile["sides"])``.

    Examples:
        >>> import futurepolicy
        >>> p = futurepolicy.extract("一、保障措施\\n(一)加强政策支持\\n设立专项基金。").instrument_profile()
        >>> sorted(p["sides"])
        ['供给型', '环境型', '需求型']
    """
    types: dict[str, dict[str, int]] = {s: {} for s in SIDES}
    for side, type_ in _scheme_for(doc):
        types.setdefault(side, {})[type_] = 0
    for m in doc.measures:
        for ins in m.instruments:
            bucket = types.setdefault(ins.side, {})
            bucket[ins.type] = bucket.get(ins.type, 0) + 1
    sides = {s: sum(t.values()) for s, t in types.items()}
    return {"total": sum(sides.values()), "sides": sides, "types": types}


def instrument_frame(docs: PolicyDocument | Iterable[Any]) -> "pd.DataFrame":
    """A tidy table of instrument counts: one row per (document, side, type), zeros included.

    Columns: ``document`` (string), ``side`` (string), ``type`` (string), ``count`` (Int64). Failure
    results of :func:`futurepolicy.extract_many` are skipped. Pivot with
    ``df.pivot_table(index="document", columns=["side", "type"], values="count")``.
    """
    import pandas as pd

    if isinstance(docs, PolicyDocument):
        docs = [docs]
    rows = []
    for doc in docs:
        if not getattr(doc, "ok", True):
            continue
        prof = instrument_profile(doc)
        for side, types in prof["types"].items():
            for type_, count in types.items():
                rows.append({"document": doc.id, "side": side, "type": type_, "count": count})
    cols = {"document": "string", "side": "string", "type": "string", "count": "Int64"}
    return pd.DataFrame(rows, columns=list(cols)).astype(cols)

