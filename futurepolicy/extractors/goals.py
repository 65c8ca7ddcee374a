"""Goals: every quantitative target of a plan, normalised, with the year it is due.

A goal is a number with a unit (``units`` table of the rule pack) that a verb of achievement governs
(``goal_words.achievement_verbs``): 培育1000家左右高新技术企业 · 未来产业产值达到5000亿元左右 ·
年均增长12%以上 · 打造10-15个典型应用场景 · 达到万亿级. How it works, in one pass over the text:

1. **Numbers.** One regex finds ``number [range] unit [qualifier]``. Numbers are Arabic (``1.3``) or
   Chinese (``十五``, ``两千``, a bare ``百``/``千``/``万`` as in 百家 → 100), with a magnitude
   (万 / 亿 / 万亿) that is folded into the value (1.3万家 → 13000 家) except for money, which keeps
   it in the unit (5000亿元 → 5000 亿元, ``value_cny`` 5e11). A scale word (千亿级, 万亿级, 百亿
   园区, 产值超百亿) is a *scale* target: value 1 with the scale as its unit (1 千亿级, ``value_cny``
   1e11); with digits (100亿元级) it is money of that order (100 亿元); comparator ``gte``
   ("reach the 100-billion level"), ``approx`` false.
2. **Is it a goal?** The nearest verb before the number in its clause must be an achievement verb
   (not 提出/印发/聚焦/给予 …); the clause must not hold a subsidy cue (最高, 奖励 …) or describe the
   document (本方案 …); the sentence before the number must not hold a past cue (已, 去年, 同比,
   连续 …, token-aligned); the number must not be a starting value (从/由1423亿元), sit in quotes
   (“1-100”), follow 第/数/每, or sit in a review of the past: a section titled 工作回顾 / 发展基础 …,
   a review lead (过去一年,…) until a target year or a plan cue (今年, 主要预期目标 …), or a clause led
   by a year before the document's year (``meta.publish_date``, else the first full date in the text,
   else the first year of the plan's period, else the year of an annual document a news text reports on:
   2026年…政府工作报告) or by a span of years that has ended (2021—2023年,…). In texts about plans
   (:mod:`.goal_cues`): forecasts (预计全年, 有望), past cues anywhere in a sentence dated the current
   year, and counts of a list given next to them (打造A、B、C三条产业链) are not goals either.
3. **Comparator.** ``range`` (10-15个, 1~2个, 10至15个) > ``gte`` (超过 不少于 … before, 以上 after;
   突破 only when the metric is the subject: 产值突破5000亿元) > ``lte`` (不超过, 以内) > ``approx``
   (约 近 左右 多 余); else ``eq``. ``approx`` is true whenever an approximate qualifier is present.
4. **Metric.** For counts the noun phrase after the unit, cut after its last 的/等 token
   (特色鲜明的未来产业先导区 → 未来产业先导区); for money and rates the words between verb and
   number (实现营业收入1000亿元 → 营业收入) or else the subject before the verb, scope words
   stripped (全市未来产业总产值突破5000亿元 → 未来产业总产值); growth verbs stay in the metric
   (研发经费投入年均增长).
5. **Target year.** 到2027年 / 到二〇二七年 / 2025年前 / 2027年底 / "十四五"末 (→ 2025) / a clause-leading 2027年
   set the year for everything after them (across —— bullets) until the next year or a chapter: a
   top-level outline section of the highest chapter style (一、 / 第一章, or (一) when that is the top;
   never 1、 items), or a 一、 / 第一章 heading while the outline is empty. An annual document
   (2026年工作要点, ``meta.period`` of one year) gives its year to goals no other year governs;
   annual targets (每年新增100家) have none. Dates (2022年9月24日),
   periods (2024-2027年), topic years (2025年是…) and years inside names never set a year. A
   statement without a metric of its own takes its neighbour's (分别达到25%和15%以上) or the previous
   subject of its sentence (产值突破2000亿元,年均增长12%).
6. **Indicator tables.** A header row with year cells (2023年(基期) 2027年 2030年; cells are one per
   space, as readers write table rows) and rows ``指标名称(单位) 值 值 …`` below it: one goal per
   target-year value; the base-year column (tagged 基期, else the first of several years) is a result.
7. **One goal per target.** Statements with the same value, unit and year (or no year: a news lead
   restating a target without it) and a compatible metric are one goal with several ``mentions``;
   its ``text``/``span``/``section`` come from the first statement in the plan body
   (``ctx.body_start``), its year from the first statement that gives one.

All vocabulary comes from the pack (``goal_words`` lists and the ``units`` table); the regexes here
encode only the shape of numbers and years.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract("到2027年,打造3-5个特色鲜明的未来产业先导区,产值突破5000亿元。")
    >>> [(g.metric, g.value, g.value_max, g.unit, g.comparator, g.target_year) for g in doc.goals]
    [('未来产业先导区', 3.0, 5.0, '个', 'range', 2027), ('产值', 5000.0, None, '亿元', 'gte', 2027)]
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from ..context import Context
from ..model import Goal, Mention
from ..structure import numeral_value
from ._matchers import Gazetteer, TokenBounds
from .goal_cues import annual_cue, count_of_list_after, count_of_list_before, example_heads_a_line, in_title

__all__ = ["extract_goals", "parse_number"]

_SECTION = "goal_words"

# -- numbers ----------------------------------------------------------------------------------------

_CN_DIGITS = "〇零一二两三四五六七八九"
_CN_SMALL = "十百千"
_MAGNITUDES = ("万亿", "亿", "万")
_MAGNITUDE_VALUE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}

_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{_CN_DIGITS}{_CN_SMALL}]+)(?:万亿|亿|万)?|万亿|万"
_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
_HEAD_CHARS = 400  # where a news text names the document it reports on
_CN_YEAR = "(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}"  # 二〇二七年, as some formal documents write years
_CN_MONTH = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}|\d{1,2})\s*月")  # after a year: a date (二〇二五年十二月)
_BOUNDARY = ",;。:!?\n…"  # clause boundaries in the normalised text (full-width forms are folded)
_SENTENCE_END = ";。!?\n"
_FULL_STOP = "。!?\n"  # a sentence across its ; parts
_NP_BREAK = _BOUNDARY + "[] "
_QUOTES = "“\"'‘《<"
_MAX_CLAUSE = 200  # a clause longer than this (text without punctuation) is cut: keeps every step linear


_SCALE_WORDS = ("", "十", "百", "千")  # 千亿级 / 百亿 / 万亿级: a scale word, not a count of billions
_SPAN_START = re.compile(r"(?:19|20)\d\d ?[-~至到] ?$")  # the first year of 2021-2023年, before its end year
_DIGIT_RUN = re.compile(f"[{_CN_DIGITS[2:]}][{_CN_DIGITS}]")  # 一二 / 二零二五: a code or a year, not a numeral


@functools.lru_cache(maxsize=1)
def _cn2an():
    import cn2an  # imported on the first Chinese numeral, not at start-up

    return cn2an.cn2an


def _parse_coefficient(s: str) -> Optional[float]:
    """``"1.3"`` → 1.3, ``"两千"`` → 2000, ``"十五"`` → 15, ``"百"`` → 100, ``""`` → 1.

    Chinese numerals are read by cn2an; a bare 百/千 (百家, 千亿级) is read as 一百/一千.
    """
    if not s:
        return 1.0
    if s[0].isdigit():
        try:
            value = float(s.replace(",", ""))  # 1,000
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    if _DIGIT_RUN.search(s):
        return None
    try:
        return float(_cn2an()("一" + s if s[0] in "百千" else s, "normal"))
    except (ValueError, KeyError, IndexError):
        return None


def _fold(value: float, mag: str, row: dict[str, Any]) -> tuple[float, str, Optional[float]]:
    """(value, unit, value_cny) of a number with magnitude ``mag`` (万/亿) in the unit of ``row``:
    money keeps the magnitude in its unit (5000 亿元, value_cny 5e11); counts fold it (1.3万家 → 13000 家)."""
    unit = row.get("canonical") or row["unit"]
    value_cny = None
    if row["kind"] in ("money", "scale"):
        unit = mag + unit
        if row.get("cny") is not None:
            value_cny = value * _MAGNITUDE_VALUE.get(mag, 1.0) * row["cny"]
    elif row["kind"] in ("count", "quantity"):
        value *= _MAGNITUDE_VALUE.get(mag, 1.0)
    return value, unit, value_cny


def parse_number(text: str) -> Optional[tuple[float, str]]:
    """Split a written number into its coefficient and its magnitude (万 / 亿 / 万亿).

    Examples:
        >>> parse_number("1.2万亿"), parse_number("两千亿"), parse_number("百"), parse_number("万")
        ((1.2, '万亿'), (2000.0, '亿'), (100.0, ''), (1.0, '万'))
    """
    mag = next((m for m in _MAGNITUDES if text.endswith(m)), "")
    coef = _parse_coefficient(text[: len(text) - len(mag)])
    if coef is None:
        return None
    return coef, mag


# -- matchers (built once per rule set) ---------------------------------------------------------------


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


@dataclass(slots=True)
class _Matchers:
    number: re.Pattern
    number_after_unit: Optional[re.Pattern]
    bare_scale: re.Pattern  # 千亿产业集群 / 超百亿: a scale word without a unit
    table_head: re.Pattern  # a year cell of an indicator table's header: 2025年 / 2023年(基期)
    table_year: re.Pattern
    table_value: re.Pattern  # a value cell: ≥1500 / 3000以上 / 3.5%
    year: re.Pattern
    plan_period: re.Pattern
    date: re.Pattern
    top_heading: re.Pattern
    units: dict[str, dict[str, Any]]
    cues: Gazetteer  # word -> frozenset of roles
    words: dict[str, tuple[str, ...]]  # list name -> words, longest first


_ROLES = (
    "achievement_verbs",
    "non_goal_verbs",
    "past_cues",
    "review_cues",
    "subsidy_cues",
    "self_cues",
    "plan_cues",
    "forecast_cues",
    "result_cues",
)


def _build(rules) -> _Matchers:
    def wl(name: str) -> list[str]:
        return rules.word_list(_SECTION, name)

    units = {row["unit"]: row for row in rules.table("units")}
    unit_alt = _alternation([u for u, row in units.items() if not row.get("before")]) or r"(?!x)x"
    unit_before = _alternation([u for u, row in units.items() if row.get("before")])
    post = _alternation(wl("post_gte") + wl("post_lte") + wl("post_approx")) or r"(?!x)x"
    infix = _alternation(wl("infix_approx")) or r"(?!x)x"
    number = re.compile(
        # the look-behind keeps a failed attempt from restarting inside the same digit run (linear on 1234567890…)
        rf"(?<![\d.{_CN_DIGITS}{_CN_SMALL}])(?P<n1>{_NUM})(?:(?P<u1>{unit_alt})?\s*(?P<sep>-|~|至|到)\s*(?P<n2>{_NUM}))?"
        rf"(?P<infix>{infix})?(?P<unit>{unit_alt})(?P<post>{post})?"
    )
    # a unit before the number (百分之三十以上), with the same groups (never matching ones empty)
    number_after_unit = re.compile(
        rf"(?P<unit>{unit_before})(?P<n1>[{_CN_DIGITS}{_CN_SMALL}]+点[{_CN_DIGITS}]+|{_NUM})(?P<u1>(?!))?(?P<sep>(?!))?(?P<n2>(?!))?(?P<infix>(?!))?"
        rf"(?P<post>{post})?(?![\d.点{_CN_DIGITS}{_CN_SMALL}])"
    ) if unit_before else None
    # a bare scale word before a noun or a boundary (千亿产业集群 · 产值超百亿), no unit after it
    bare_scale = re.compile(
        rf"(?<![\d.{_CN_DIGITS}{_CN_SMALL}])(?P<n1>[百千]亿|万亿)(?P<u1>(?!))?(?P<sep>(?!))?(?P<n2>(?!))?(?P<infix>(?!))?"
        rf"(?P<unit>)(?P<post>(?!))?(?!{unit_alt}|元|美元)"
    )
    units.setdefault("", {"unit": "", "kind": "scale", "cny": 1})
    before = _alternation(wl("year_before") + wl("year_before_past")) or r"(?!x)x"
    after = _alternation(wl("year_after") + wl("year_after_past")) or r"(?!x)x"
    year = re.compile(rf"(?:(?P<pre>{before})\s*)?(?P<y>(?:19|20)\d\d|{_CN_YEAR})\s*年(?P<post>{after})?")
    period_after = _alternation(wl("plan_period_after")) or r"(?!x)x"
    plan_period = re.compile(rf"十(?P<n>[一二三四五六七八九])五[”\"']?(?:规划)?(?P<post>{period_after})")
    date = re.compile(r"((?:19|20)\d\d)(?:\s*年\s*(?:1[0-2]|0?[1-9])\s*月|[-/.](?:1[0-2]|0?[1-9])[-/.]\d\d?)")
    top_heading = re.compile(r"(?:^|(?<=[\s。]))(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[章部])")
    roles: dict[str, set[str]] = {}
    for role in _ROLES:
        for w in wl(role):
            roles.setdefault(w, set()).add(role)
    cues = Gazetteer((w, frozenset(r)) for w, r in sorted(roles.items()))
    word_names = (
        "change_verbs pre_gte pre_gte_subject pre_lte pre_approx post_gte post_lte post_approx infix_approx "
        "subject_cuts number_blockers change_from unit_words non_goal_metrics subject_prefixes subject_suffixes "
        "np_stops np_cuts year_before year_after year_before_past year_after_past year_topic_after annual_documents "
        "table_base_tags table_target_tags list_intro_words annual_cues size_words"
    ).split()
    words = {n: tuple(sorted(set(wl(n)), key=lambda w: (-len(w), w))) for n in word_names}
    pre_any = {x for n in ("pre_gte", "pre_lte", "pre_approx", "pre_gte_subject") for x in words[n]}
    words["pre_any"] = tuple(sorted(pre_any, key=lambda w: (-len(w), w)))
    tags = _alternation(wl("table_base_tags") + wl("table_target_tags")) or r"(?!x)x"
    year_cell = rf"((?:19|20)\d\d)年?(?:\(?(?P<tag>{tags})\)?)?"
    table_year = re.compile(year_cell)
    table_head = re.compile(rf"(?:^|(?<= )){year_cell}(?= |$)", re.M)
    pre_words = _alternation(wl("pre_gte") + wl("pre_lte") + wl("pre_approx")) or r"(?!x)x"
    table_value = re.compile(rf"(?P<pre>[≥>≤<]|{pre_words})?(?P<n>\d+(?:\.\d+)?)(?P<unit>%|万|亿)?(?P<post>{post})?")
    return _Matchers(number, number_after_unit, bare_scale, table_head, table_year, table_value, year, plan_period, date,
                     top_heading, units, cues, words)


# -- per document -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Statement:
    start: int  # normalised span of the statement (verb … metric)
    end: int
    metric: str
    value: float
    value_max: Optional[float]
    unit: str
    value_cny: Optional[float]
    approx: bool
    comparator: str
    year: Optional[int]
    kind: str
    rule: str
    growth: str = ""  # the growth verb of a rate without its own subject (…产值突破2000亿元,年均增长12%)


def _ends_with_any(text: str, words: tuple[str, ...]) -> str:
    return next((w for w in words if text.endswith(w)), "")


def _starts_with_any(text: str, words: tuple[str, ...]) -> str:
    return next((w for w in words if text.startswith(w)), "")


def _is_cut(tk, words: tuple[str, ...]) -> bool:
    """A cut token: the word itself, or an auxiliary glued to what precedes it (业等, tagged u)."""
    return tk.word in words or (tk.pos.startswith("u") and bool(_ends_with_any(tk.word, words)))


class _Doc:
    """The goal extraction of one document (keeps the per-document indexes together)."""

    def __init__(self, ctx: Context, m: _Matchers):
        self.ctx, self.m, self.t = ctx, m, ctx.ntext
        self.bounds = TokenBounds(ctx.tokens)
        hits = [h for h in m.cues.iter_all(self.t)]
        self.verbs = sorted(
            (h for h in hits if h.value & {"achievement_verbs", "non_goal_verbs"}), key=lambda h: (h.end, h.start)
        )
        self.verb_ends = [h.end for h in self.verbs]
        self.tokenised = bool(ctx.tokens)  # without tokens every cue counts as aligned
        b = self.bounds
        aligned = [h for h in hits if not self.tokenised or (b.is_start(h.start) and b.is_end(h.end))]
        self.past = sorted(h.start for h in aligned if "past_cues" in h.value)
        self.subsidy = sorted(h.start for h in hits if "subsidy_cues" in h.value)
        self.self_cues = sorted(h.start for h in hits if "self_cues" in h.value)
        self.review = sorted(h.start for h in hits if "review_cues" in h.value)
        self.plan_cues = sorted(h.start for h in hits if "plan_cues" in h.value)
        self.forecast = sorted(h.start for h in hits if "forecast_cues" in h.value)
        self.tallies = sorted(h.start for h in hits if "result_cues" in h.value)
        period = ctx.meta.period
        # an annual document (2026年工作要点): its year governs what no other year does
        self.annual_year = period.start if period.start is not None and period.start == period.end else None
        # every number with a unit, goal or not (第3位 / 每万人 are not numbers at all)
        matches = list(m.number.finditer(self.t))
        if m.number_after_unit is not None:
            prefixed = list(m.number_after_unit.finditer(self.t))
            if prefixed:  # 百分之三十: drop plain matches inside it (百分 is no number)
                taken = [(x.start(), x.end()) for x in prefixed]
                k = 0
                kept = []
                for x in matches:
                    while k < len(taken) and taken[k][1] <= x.start():
                        k += 1
                    if not (k < len(taken) and taken[k][0] < x.end()):
                        kept.append(x)
                matches = sorted(kept + prefixed, key=lambda x: x.start())
        bare = list(m.bare_scale.finditer(self.t))
        if bare:
            matches = sorted(matches + bare, key=lambda x: x.start())
        self.matches = [x for x in matches if self._number_context_ok(x)]
        self.match_starts = [x.start() for x in self.matches]
        if bare:  # 超百亿企业达到20户: a scale word describing what a later number counts is no number
            self.matches = [x for x in self.matches if x.group("unit") or not self._counted_later(x.end(), self.clause_end(x.end()))]
            self.match_starts = [x.start() for x in self.matches]
        # starting values of a change (从1423亿元增长到…): where a sentence reports a change
        self.from_values = [x.start() for x in self.matches if _ends_with_any(
            self.t[max(0, x.start() - 2) : x.start()], m.words["change_from"])]
        self._scope()

    def _number_context_ok(self, mt: re.Match) -> bool:
        """Not a number in a code (CARTIFAN-1), an ordinal (第3位), a vague count (数十亿元), a quote,
        or a unit of account (万元 in 单位万元GDP能耗)."""
        ns = mt.start()
        if self.m.units[mt.group("unit")]["kind"] == "money" and mt.group("n1") in _MAGNITUDES:
            return False
        before = self.t[max(0, ns - 4) : ns]
        last = before[-1:]
        if last and last.isascii() and (last.isalnum() or last in ".-~"):
            return False
        if last == "," and before[-2:-1].isdigit():
            return False  # the tail of a number: 1,000 seen from its 000
        return not (last and last in _QUOTES) and not _ends_with_any(before, self.m.words["number_blockers"])

    # -- text helpers -------------------------------------------------------------------------------
    def clause_start(self, pos: int, chars: str = _BOUNDARY) -> int:
        t = self.t
        i, stop = pos - 1, max(0, pos - _MAX_CLAUSE)
        while i >= stop and t[i] not in chars:
            i -= 1
        return i + 1

    def clause_end(self, pos: int, chars: str = _BOUNDARY) -> int:
        t, n = self.t, min(len(self.t), pos + _MAX_CLAUSE)
        while pos < n and t[pos] not in chars:
            pos += 1
        return pos

    @staticmethod
    def _any_in(sorted_pos: list[int], lo: int, hi: int) -> bool:
        i = bisect.bisect_left(sorted_pos, lo)
        return i < len(sorted_pos) and sorted_pos[i] < hi

    # -- target-year scope --------------------------------------------------------------------------
    def _reference_year(self) -> Optional[int]:
        meta = self.ctx.meta
        if meta.publish_date and meta.publish_date[:4].isdigit():
            return int(meta.publish_date[:4])
        d = self.m.date.search(self.t)
        if d:
            return int(d.group(1))
        if meta.period.start:
            return meta.period.start  # a plan for 2024-2035 looks back on 2023 and before
        # a news text on an annual document: 2026年吉林省政府工作报告中,… (2025年,… is then past)
        head = self.t[:_HEAD_CHARS]
        for y in _YEAR_ONLY.finditer(head):
            clause = head[y.end() : y.end() + 20]
            cut = next((i for i, c in enumerate(clause) if c in _BOUNDARY), len(clause))
            if any(w in clause[:cut] for w in self.m.words["annual_documents"]):
                return int(y.group(1))
        return None

    def _scope(self) -> None:
        """Year events ``(pos, end, year)`` and intervals of past results, in document order."""
        t, m, w = self.t, self.m, self.m.words
        ref = self.ref_year = self._reference_year()
        # chapters reset the year: top-level sections of a chapter style (一、 / 第一章, or (一) when that
        # is the highest level), not numbered items (1、 2、) that happen to have no parent
        rank = {row["id"]: row.get("rank") or 1 for row in self.ctx.rules.table("headings")}
        top = [n for n in self.ctx.outline if n.parent is None]
        top_rank = min((rank.get(n.style, 1) for n in top), default=1)
        roots = [n.start for n in top if rank.get(n.style, 1) == top_rank] if top_rank <= 2 else []
        if not self.ctx.outline:
            roots = [h.start() for h in m.top_heading.finditer(t)]
        roots.sort()

        def next_root(pos: int) -> int:
            i = bisect.bisect_right(roots, pos)
            return roots[i] if i < len(roots) else len(t)

        events: list[tuple[int, int, Optional[int]]] = [(r, r, None) for r in roots]
        bare_years: list[int] = []
        past: list[tuple[int, int]] = []

        def target(s: int, e: int, year: int) -> None:
            if ref is not None and year < ref:  # a year gone by when the document was written
                events.append((s, e, None))
                past.append((s, next_root(s)))
            else:
                events.append((s, e, year))

        for y in m.year.finditer(t):
            s, e = y.start("y"), y.end()
            pre, post = y.group("pre") or "", y.group("post") or ""
            nxt = t[e : e + 2]
            prev = t[s - 1] if s else ""
            if prev and (prev.isdigit() or prev in "-~." + _CN_DIGITS + _CN_SMALL) or (nxt[:1].isdigit() and not post):
                span = _SPAN_START.search(t, max(0, s - 7), s)  # 2021-2023年,…: a span that has ended
                if span and self._clause_head(span.start()) and ref is not None and (numeral_value(y.group("y")) or 0) < ref:
                    past.append((span.start(), next_root(span.start())))
                continue  # part of a number, a date (2022年9月) or the end of a period (2024-2027年)
            if not post and _CN_MONTH.match(t, e):
                continue  # a date: 二〇二五年十二月
            if not post and (nxt[:1] in "-~至到" and nxt[1:2].isdigit()):
                if self._clause_head(y.start()):  # 2018年至2023年,…: a period; past once it has ended
                    end_year = re.match(r"[-~至到]((?:19|20)\d\d)", t[e : e + 6])
                    if end_year and ref is not None and int(end_year.group(1)) < ref:
                        past.append((s, next_root(s)))
                continue
            if pre and y.start() > 0 and t[y.start() - 1] == "年":
                continue  # …年至2025年: the end of a period
            if post in w["year_after"] and nxt[:1] and nxt[:1] in _CN_DIGITS + _CN_SMALL:
                post = ""  # 2025年前三季度: 前 belongs to what follows
            year = numeral_value(y.group("y")) or 0
            if pre in w["year_before_past"] or post in w["year_after_past"]:
                past.append((y.start(), self.clause_end(e, _SENTENCE_END)))  # 截至2023年底 / 2020年以来
            elif pre in w["year_before"] or post in w["year_after"]:
                target(y.start(), e, year)
            elif self._clause_head(s) and not (nxt[:1] and nxt[:1] in "度代份内") and not _starts_with_any(
                t[e : e + 4], w["year_topic_after"]
            ):
                target(s, e, year)  # a bare year leading a clause: 2027年,… / 2022年全社会研发投入…
                bare_years.append(year)
            elif self._any_in(self.plan_cues, e, self.clause_end(e)):
                target(s, e, year)  # a year naming the plan's targets: 吉林省2026年经济社会发展主要预期目标是:
        for p in m.plan_period.finditer(t):
            target(p.start(), p.end(), 1955 + 5 * (10 + "一二三四五六七八九".index(p.group("n")) + 1))
        for r in self.review:
            if r - self.clause_start(r, _SENTENCE_END) > 8:
                continue  # a passing word, not a review heading or lead
            node = self.ctx.section_at(r) if self.ctx.outline else None
            if node is not None and node.start <= r < max(node.title_end, node.body_start):
                past.append((r, node.end))  # the review is a section of its own: all of it
            elif self.ctx.outline:
                past.append((r, len(t)))  # a lead (过去一年,…): until a target year or a plan cue
            else:
                past.append((r, next_root(r)))
        events.sort(key=lambda ev: (ev[0], ev[1]))
        # the year a text speaks from: its reference year, else the latest year leading a clause (2019年,…)
        self.now_year = ref if ref is not None else max(bare_years, default=None)
        self.events = events
        self.event_starts = [ev[0] for ev in events]
        plan_cues = [h for h in self.plan_cues if self.clause_start(h, _SENTENCE_END) + 8 >= h]
        self.target_starts = sorted([ev[0] for ev in events if ev[2] is not None] + plan_cues)
        past.sort()
        self.past_iv = past
        self.past_starts = [p[0] for p in past]

    def _clause_head(self, s: int) -> bool:
        t = self.t
        j = s - 1
        while j >= 0 and t[j] == " ":
            j -= 1
        return j < 0 or t[j] in _BOUNDARY + "、 " or bool(
            _ends_with_any(t[max(0, j - 3) : j + 1], self.m.words["subject_prefixes"])
        )

    def scope_at(self, pos: int) -> tuple[Optional[int], int]:
        """The target year at ``pos`` and the end of the cue that set it (-1: none)."""
        i = bisect.bisect_right(self.event_starts, pos) - 1
        while i >= 0 and self.events[i][1] > pos:  # the cue contains pos (not a number then)
            i -= 1
        if i < 0:
            return None, -1
        _, end, year = self.events[i]
        return year, (end if year is not None else -1)

    def in_past(self, pos: int) -> bool:
        """Inside a review of the past not overridden by a later target year or plan cue (今年主要目标)."""
        i = bisect.bisect_right(self.past_starts, pos) - 1
        # the nearest intervals only (a bound keeps pathological texts linear)
        for k in range(i, max(-1, i - 64), -1):
            s, e = self.past_iv[k]
            if pos < e and not self._any_in(self.target_starts, s + 1, pos):
                return True
        return False

    def _is_result_or_forecast(self, ns: int, year: Optional[int], cue_end: int) -> bool:
        """A forecast of the year (预计全年…, 有望…), a tally or a change no year governs (全省累计建成… ·
        从1423亿元增长到2559亿元,年均增长12.5%), or, in a sentence dated the current year or before
        (2019年,…制定了…;新增…), a result: a past cue anywhere earlier in the sentence, across its ;."""
        full = self.clause_start(ns, _FULL_STOP)
        ref = self.now_year
        if year is None and self._any_in(self.tallies, self.clause_start(ns), ns):
            return True
        if year is None and self._any_in(self.from_values, full, ns):
            return True  # 从1423亿元增长到2559亿元,年均增长12.5%: a change no target year governs
        if (year is None or (ref is not None and year <= ref)) and self._any_in(self.forecast, full, ns):
            return True
        return year is not None and ref is not None and year <= ref and self._any_in(self.past, max(full, cue_end), ns)

    # -- one number ---------------------------------------------------------------------------------
    def nearest_verb(self, lo: int, hi: int):
        """The last verb cue in ``[lo, hi)``: token-aligned (抢占 holds no 占), or touching the number
        (引育超万家 is one token)."""
        i = bisect.bisect_right(self.verb_ends, hi) - 1
        best = None
        b = self.bounds
        while i >= 0 and self.verbs[i].end >= lo:
            h = self.verbs[i]
            ok = h.start >= lo and (b.is_start(h.start) or not self.tokenised) and self.t[h.end : h.end + 1] not in "”\"'"
            if ok and self.tokenised and not (b.is_end(h.end) or h.end == hi):
                tk = b.token_at(h.start)
                ok = tk is not None and self.t[h.end : tk.end] in self.m.words["pre_any"]
            if ok and (best is None or (h.end == best.end and h.start < best.start)):
                best = h
            elif best is not None and h.end < best.end:
                break
            i -= 1
        return best

    def previous_match_end(self, lo: int, pos: int) -> int:
        """End of the last number match ending in ``[lo, pos]`` (``lo`` when none)."""
        i = bisect.bisect_left(self.match_starts, pos) - 1
        if i >= 0 and lo <= self.matches[i].end() <= pos:
            return self.matches[i].end()
        return lo

    def subject_bounds(self, lo: int, verb_start: int) -> tuple[int, int]:
        """Where the subject of a verb may lie: after the previous number and before the verb, or,
        when that number is a starting value (比重由29.0%上升到33.9%), before its 由/从."""
        hi = verb_start
        i = bisect.bisect_left(self.match_starts, hi) - 1
        if i >= 0 and lo <= self.matches[i].end() <= hi and not self.t[self.matches[i].end() : hi].strip():
            start = self.matches[i].start()
            cf = _ends_with_any(self.t[max(lo, start - 2) : start], self.m.words["change_from"])
            if cf:
                hi = start - len(cf)
        return self.previous_match_end(lo, hi), hi

    def _counts_a_given_list(self, coef: float, cs: int, ns: int, ne: int, np_e: int, verb_end: int) -> bool:
        """A count of a list the text gives: 打造甲、乙、丙三条产业链 · 发展5个新兴产业,包括… ·
        建设甲等13个集群…\n甲集群。"""
        t = self.t
        return coef in (count_of_list_before(t, cs, ns), count_of_list_after(t, np_e, self.m.words["list_intro_words"])) \
            or example_heads_a_line(t, verb_end, ns, ne)

    def _due_year(self, year: Optional[int], cs: int, ns: int) -> Optional[int]:
        """The target year of a statement: none for an annual target (每年新增100家); the annual
        document's year when no other year governs."""
        if annual_cue(self.t, cs, ns, self.m.words["annual_cues"]):
            return None
        return self.annual_year if year is None else year

    def _counted_later(self, lo: int, hi: int) -> bool:
        """A number with a unit other than a scale in ``[lo, hi)``."""
        i = bisect.bisect_left(self.match_starts, lo)
        while i < len(self.matches) and self.match_starts[i] < hi:
            if self.m.units[self.matches[i].group("unit")]["kind"] != "scale":
                return True
            i += 1
        return False

    def number_between(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.match_starts, lo)
        return i < len(self.match_starts) and self.match_starts[i] < hi

    def np_after(self, start: int, end: int) -> tuple[int, int, int]:
        """The noun phrase after a unit: (raw start, metric start after 的/等, end)."""
        ctx, t, w = self.ctx, self.t, self.m.words
        toks = ctx.tokens
        k = ctx.token_index(start) if toks else 0
        np_end, cut = start, start
        while k < len(toks):
            tk = toks[k]
            k += 1
            if tk.end <= start:
                continue
            s = max(tk.start, start)
            if s >= end or s - start >= 24:
                break
            word = t[s : tk.end]
            if word[0] in _NP_BREAK:
                break
            if s > start and (word in w["np_stops"] or tk.pos.startswith("p")):
                break
            if tk.pos.startswith("c") or word == "、":
                if s == start or self.number_between(tk.end, min(tk.end + 12, end)):
                    break
            np_end = min(tk.end, end)
            if _is_cut(tk, w["np_cuts"]):
                cut = np_end
        if cut >= np_end:
            cut = start
        while np_end > cut and t[np_end - 1 : np_end] in w["np_cuts"]:
            np_end -= 1  # 应用场景等 -> 应用场景
        return start, cut, np_end

    def subject(self, lo: int, verb_start: int) -> tuple[int, str]:
        """The subject before a verb, scope words stripped: ``全市未来产业总产值`` → 未来产业总产值."""
        w = self.m.words
        s, e = lo, verb_start
        changed = True
        while changed and s < e:
            changed = False
            seg = self.t[s:e]
            close = seg.find(")")
            if close >= 0 and "(" not in seg[:close]:  # the tail of a parenthesis: (人民币,下同)
                s += close + 1
                changed = True
                continue
            stripped = seg.lstrip(" -—·•●、]")
            if len(stripped) != len(seg):
                s += len(seg) - len(stripped)
                changed = True
                continue
            p = _starts_with_any(seg, w["subject_prefixes"])
            if p:
                s += len(p)
                changed = True
                continue
            q = _ends_with_any(seg, w["subject_suffixes"])
            if q and len(q) < len(seg):
                e -= len(q)
                changed = True
        toks = self.ctx.tokens
        k = self.ctx.token_index(s) if toks else len(toks)
        while k < len(toks) and toks[k].start < e:  # 海洋电力业、…等新兴产业增加值 -> 新兴产业增加值
            if _is_cut(toks[k], w["subject_cuts"]) and s <= toks[k].start and toks[k].end < e:
                s = toks[k].end
            k += 1
        return s, self.t[s:e].strip()

    def statement(self, mt: re.Match) -> Optional[_Statement]:
        """The goal statement of one ``number unit`` match, or ``None`` when it states no target.

        Examples (normalised text): ``培育1000家左右高新技术企业`` → 1000 家 approx, metric 高新技术企业;
        ``给予最高300万元奖励`` → ``None`` (a subsidy ceiling).
        """
        t, m, w = self.t, self.m, self.m.words
        ns, ne = mt.start(), mt.end()
        unit_s, unit_e = mt.span("unit")
        row = m.units[mt.group("unit")]
        kind = row["kind"]
        before = t[max(0, ns - 4) : ns]
        cs = self.clause_start(ns)
        if t.rfind("“", cs, ns) > t.rfind("”", cs, ns):
            return None  # inside a quoted name or slogan: “四大计划、十项工程”
        if in_title(t, ns):
            return None  # inside a document's name: 《关于培育100家领军企业的意见》
        if _starts_with_any(t[unit_s : unit_s + 4], w["unit_words"]):
            return None  # the unit is the first character of a word: 5部门, 10条件, 3人才
        n1, n2 = parse_number(mt.group("n1")), parse_number(mt.group("n2")) if mt.group("n2") else None
        if n1 is None or (mt.group("n2") and n2 is None):
            return None
        if mt.group("n1") == _CN_DIGITS[2] and not n2 and kind != "times":  # 一个 / 一项: rhetoric (翻一番 counts)
            return None
        if mt.group("u1") and mt.group("u1") != mt.group("unit"):
            return None
        coef, mag = n1
        if coef == 0:
            return None  # 0个 / 零家: nothing to reach
        if n2 is not None and not mag and n2[1]:
            mag = n2[1]  # 3-5万家: the magnitude is shared
        if kind == "scale" and not mag:
            return None
        # is it a goal?
        ss = self.clause_start(ns, _SENTENCE_END)
        year, cue_end = self.scope_at(ns)
        if self.in_past(ns):
            return None
        if self._any_in(self.past, max(ss, cue_end), ns):
            return None
        if self._is_result_or_forecast(ns, year, cue_end):
            return None
        if self._any_in(self.subsidy, cs, ns) or self._any_in(self.self_cues, cs, ns):
            return None
        lo = max(cs, cue_end if cue_end <= ns else cs)
        verb = self.nearest_verb(lo, ns)
        if verb is None or "achievement_verbs" not in verb.value:
            return None
        # value and unit
        value, unit, value_cny = _fold(coef, mag, row)
        if kind == "scale" and mt.group("n1")[: len(mt.group("n1")) - len(mag)] in _SCALE_WORDS:
            value, unit = 1.0, mt.group("n1") + mt.group("unit")  # 千亿级 / 百亿: the scale as written
        value_max = n2[0] if n2 else None
        if value_max is not None and kind in ("count", "quantity"):
            value_max *= _MAGNITUDE_VALUE.get(n2[1] or mag, 1.0)
        # metric
        cend = self.clause_end(ne)
        _, np_cut, np_e = self.np_after(ne, cend)
        owned = not self.number_between(verb.end, ns)
        b_s = verb.end if owned else self.previous_match_end(lo, ns)
        b_e = ns - len(_ends_with_any(t[b_s:ns], w["pre_any"]))  # 达到约5000亿元: 约 is no metric
        while b_s < b_e and t[b_s] in " 、":
            b_s += 1
        if not owned and b_s < b_e and self.ctx.tokens:
            tk = self.ctx.tokens[self.ctx.token_index(b_s)]
            if tk.pos.startswith("c") and tk.start == b_s:  # 和15%以上: a conjunction, not a metric
                b_s = min(tk.end, b_e)
        b_e -= len(_ends_with_any(t[b_s:b_e], w["np_cuts"]))
        between = t[b_s:b_e].strip()
        b_s += len(t[b_s:b_e]) - len(t[b_s:b_e].lstrip())
        subj_s, subj = self.subject(*self.subject_bounds(lo, verb.start)) if owned else (ns, "")
        growth = t[verb.start : verb.end] if t[verb.start : verb.end] in w["change_verbs"] else ""
        if subj and growth:
            subj = subj + growth
        after = t[np_cut:np_e].strip()
        span_s = verb.start if owned else ns
        if not owned:
            pq = _ends_with_any(before, w["pre_any"])
            span_s = ns - len(pq)
        span_e = ne
        source = ""
        if kind in ("count", "quantity", "scale"):
            order = ("after", "between", "subject")
        else:
            order = ("between", "subject", "after")
        for src in order:
            val = {"after": after, "between": between, "subject": subj}[src]
            if val:
                source, metric = src, val
                break
        else:
            metric = ""
        if source == "after":
            span_e = np_e
        elif source == "subject":
            span_s = subj_s
        elif source == "between":
            span_s = min(span_s, b_s)  # 海洋牧场示范区6个
        if metric and _ends_with_any(metric, w["non_goal_metrics"]):
            return None
        if kind == "count" and self._counts_a_given_list(coef, cs, ns, ne, np_e, verb.end):
            return None
        year = self._due_year(year, cs, ns)
        # comparator
        post = mt.group("post") or ""
        pre_gte = _ends_with_any(before, w["pre_gte"])
        pre_sub = _ends_with_any(before, w["pre_gte_subject"]) if source != "after" else ""
        pre_lte = _ends_with_any(before, w["pre_lte"])
        approx = bool(_ends_with_any(before, w["pre_approx"]) or post in w["post_approx"] or mt.group("infix"))
        if value_max is not None:
            comparator = "range"
        elif kind == "scale":
            comparator, approx = "gte", False
        elif pre_gte or pre_sub or post in w["post_gte"]:
            comparator = "gte"
        elif pre_lte or post in w["post_lte"]:
            comparator = "lte"
        elif approx:
            comparator = "approx"
        else:
            comparator = "eq"
        rule_name = {"count": "count", "quantity": "count", "money": "money", "scale": "scale"}.get(kind, "rate")
        while span_s < span_e and t[span_s] in " -":
            span_s += 1
        return _Statement(
            start=span_s,
            end=span_e,
            metric=metric,
            value=float(value),
            value_max=None if value_max is None else float(value_max),
            unit=unit,
            value_cny=value_cny,
            approx=approx,
            comparator=comparator,
            year=year,
            kind=kind,
            rule=f"{row.get('_pack') or 'national'}/goals#{rule_name}",
            growth=growth if not metric else "",
        )

    def table_statements(self) -> list[tuple[_Statement, int]]:
        """Goals in indicator tables: the row's metric (unit in brackets) and its value under each
        target-year column; the base-year column (基期, or the first of several years) and years
        before the document's are results, not goals."""
        t, out = self.t, []
        ref: Optional[int] = None
        pack = self.ctx.rules.names[0] if self.ctx.rules.names else "national"
        done = -1  # rows read so far
        base_tags = set(self.m.words["table_base_tags"])
        for hm in self.m.table_head.finditer(t):
            if hm.start() < done:
                continue
            ls = t.rfind("\n", 0, hm.start()) + 1
            le = t.find("\n", hm.end())
            le = len(t) if le < 0 else le
            done = le
            head = _cells(t, ls, le)
            years = [(n, mt) for n, (a, b) in enumerate(head) if (mt := self.m.table_year.fullmatch(t, a, b))]
            if not years or years[0][0] == 0 or len(head) > 12:
                continue
            if ref is None:
                ref = self._reference_year() or 0
            tagged_base = [n for n, mt in years if mt.group("tag") in base_tags]
            base = set(tagged_base) if tagged_base else ({years[0][0]} if len(years) > 1 else set())
            rs = le + 1
            while rs < len(t):
                re_ = t.find("\n", rs)
                re_ = len(t) if re_ < 0 else re_
                row = _cells(t, rs, re_)
                off = len(head) - len(row)  # merged cells on the left (类别) shift a row to the right
                metric_at = years[0][0] - 1 - off
                if not row or off < 0 or metric_at < 0:
                    break
                ms, me = row[metric_at]
                if not any("\u4e00" <= c <= "\u9fff" for c in t[ms:me]):
                    break
                found = False
                for n, ym in years:
                    if not 0 <= n - off < len(row):
                        continue
                    vs, ve = row[n - off]
                    vm = self.m.table_value.fullmatch(t, vs, ve)
                    if vm is None:
                        continue
                    found = True
                    year = int(ym.group(1))
                    if n in base or year < ref:
                        continue
                    st = self._table_statement(ms, me, vm, year, pack)
                    if st is not None:
                        out.append((st, vs))
                if not found:
                    break
                done = re_
                rs = re_ + 1
        return out

    def _table_statement(self, ms: int, me: int, vm: re.Match, year: int, pack: str) -> Optional[_Statement]:
        t, m = self.t, self.m
        metric = t[ms:me]
        um = _TABLE_UNIT.search(metric)
        unit = um.group(1) if um else (vm.group("unit") or "")
        if um:
            metric = metric[: um.start()]
        if not metric or not unit:
            return None
        value = float(vm.group("n"))
        if not math.isfinite(value):
            return None
        mag = next((x for x in _MAGNITUDES if unit.startswith(x) and unit[len(x):] in m.units), "")
        row = m.units.get(unit[len(mag):]) or {"unit": unit[len(mag):], "kind": "quantity"}
        kind = row["kind"]
        value, unit_out, value_cny = _fold(value, mag, row)
        pre, post, w = vm.group("pre") or "", vm.group("post") or "", m.words
        if pre in "≥>" and pre or pre in w["pre_gte"] or post in w["post_gte"]:
            comparator = "gte"
        elif pre in "≤<" and pre or pre in w["pre_lte"] or post in w["post_lte"]:
            comparator = "lte"
        elif pre in w["pre_approx"] or post in w["post_approx"]:
            comparator = "approx"
        else:
            comparator = "eq"
        return _Statement(
            start=ms, end=vm.end(), metric=metric, value=value, value_max=None, unit=unit_out,
            value_cny=value_cny, approx=comparator == "approx", comparator=comparator, year=year,
            kind=kind, rule=f"{pack}/goals#table",
        )

    def statements(self) -> list[tuple[_Statement, int]]:
        """Every goal statement in text order, with the offset of its number."""
        out: list[tuple[_Statement, int]] = []
        covered = -1  # numbers inside the noun phrase of the previous goal belong to its metric
        for mt in self.matches:
            if mt.start() < covered:
                continue
            if _ends_with_any(self.t[max(0, mt.start() - 2) : mt.start()], self.m.words["change_from"]):
                continue
            st = self.statement(mt)
            if st is None:
                continue
            covered = max(covered, st.end)
            out.append((st, mt.start()))
        # a coordinated number without its own noun borrows one from its neighbour in the clause:
        # 分别达到25%和15%以上 (the previous one's), 5个以上、力争10个以上…集群 (the next one's)
        for i, (st, _) in enumerate(out):
            if st.metric:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(out) and out[j][0].metric:
                    a, b = sorted((out[j][0], st), key=lambda x: x.start)
                    if b.start - a.end <= 12 and not any(c in self.t[a.end : b.start] for c in _BOUNDARY):
                        st.metric = out[j][0].metric
                        break
            if not st.metric and i > 0:
                # 产值突破2000亿元,年均增长12% / 总产值年均增长8%,到2026年突破2万亿元: the previous subject
                prev = out[i - 1][0]
                base = prev.metric
                growth = _ends_with_any(base, self.m.words["change_verbs"])
                if growth and len(growth) < len(base):
                    base = base[: -len(growth)]
                if base and not any(c in self.t[prev.end : st.start] for c in _SENTENCE_END):
                    st.metric = base + st.growth
        return out


# -- indicator tables ---------------------------------------------------------------------------------
# A table row per line, cells separated by a space (readers put tabs between cells; normalisation
# makes them one space):  类别 指标 2022年(基期) 2025年 属性 / 产业规模 未来产业营业收入(亿元) 500 1500 预期性
_TABLE_UNIT = re.compile(r"\(([^()]{1,8})\)$")


def _cells(t: str, s: int, e: int) -> list[tuple[int, int]]:
    """The space-separated cells of ``t[s:e]`` as spans."""
    out, k = [], s
    for part in t[s:e].split(" "):
        if part:
            out.append((k, k + len(part)))
        k += len(part) + 1
    return out


def _compatible(a: str, b: str, kind: str, size_words: tuple[str, ...] = ()) -> bool:
    if a == b or (a and b and (a.endswith(b) or b.endswith(a))):
        return True
    if kind == "scale" and any(x.endswith(size_words) for x in (a, b) if x) and size_words:
        return True  # 形成百亿产业规模 / 产值超百亿: one scale stated twice
    # a headline's short form of a money metric (营收规模 for 未来产业相关产业营业收入规模)
    short, long_ = sorted((a, b), key=len)
    return kind in ("money", "scale") and 2 <= len(short) <= 4 and short[-2:] == long_[-2:]


def extract_goals(ctx: Context) -> list[Goal]:
    """All quantitative goals of the document, one per distinct target, in order of first mention.

    Examples:
        >>> import futurepolicy
        >>> g = futurepolicy.extract("到2030年,未来产业产值达到5000亿元左右,培育1000家左右高新技术企业。").goals
        >>> [(x.metric, x.value, x.unit, x.value_cny, x.comparator, x.approx) for x in g]  # doctest: +NORMALIZE_WHITESPACE
        [('未来产业产值', 5000.0, '亿元', 500000000000.0, 'approx', True),
         ('高新技术企业', 1000.0, '家', None, 'approx', True)]
    """
    if not ctx.ntext:
        return []
    m = ctx.rules.memo("goals:matchers", _build)
    doc = _Doc(ctx, m)
    groups: list[list[_Statement]] = []
    by_key: dict[tuple, list[list[_Statement]]] = {}
    for st, _ in sorted(doc.statements() + doc.table_statements(), key=lambda x: x[1]):
        if not _in_range(st):
            continue
        key = (st.kind == "scale", st.value, st.value_max, st.unit)
        for g in by_key.get(key, []):
            # one target: a compatible metric, and the same year or none (a lead restating it: ·产值达到30%)
            year = _group_year(g)
            if (
                _compatible(g[0].metric, st.metric, st.kind, m.words["size_words"])
                and (st.year == year or st.year is None or year is None)
                and g[-1].start != st.start
            ):
                g.append(st)  # statements come in text order: a repeat of the same start is the last one
                break
        else:
            g = [st]
            groups.append(g)
            by_key.setdefault(key, []).append(g)
    goals = []
    for g in groups:
        main = next((x for x in g if x.start >= ctx.body_start), g[0])
        mentions = [ctx.mention(x.start, x.end) for x in sorted(g, key=lambda x: x.start)]
        span = ctx.span(main.start, main.end)
        goals.append(
            Goal(
                text=ctx.text[span.start : span.end],
                metric=main.metric,
                value=main.value,
                value_max=main.value_max,
                unit=main.unit,
                value_cny=main.value_cny,
                approx=main.approx,
                comparator=main.comparator,  # type: ignore[arg-type]
                target_year=main.year if main.year is not None else _group_year(g),
                section=ctx.section_id_at(main.start),
                rule=main.rule,
                span=span,
                mentions=_dedupe(mentions),
            )
        )
    goals.sort(key=lambda x: (x.mentions[0].start, x.metric))
    return goals


def _group_year(g: list[_Statement]) -> Optional[int]:
    """The target year of a group of statements of one target: the first one that states a year."""
    return next((x.year for x in g if x.year is not None), None)


def _in_range(st: _Statement) -> bool:
    """Whether every number of a statement is a finite float: a target too large for one
    (1 followed by 400 zeros, or 10^301 亿元 in yuan) is no goal, so non-finite values never reach
    the model (JSON has no infinity)."""
    return all(v is None or math.isfinite(v) for v in (st.value, st.value_max, st.value_cny))


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mn in mentions:
        if not out or (mn.start, mn.end) != (out[-1].start, out[-1].end):
            out.append(mn)
    return out
