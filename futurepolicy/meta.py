"""Document metadata: title, issuer, 发文字号, publication date, planning period and region.

Every value comes from the text; what the text does not say stays ``None``. Cue words (印发, 通知,
发表时间, 来源 …), document types (方案, 计划 …), issuer endings and the 发文字号 prefix table are
rule-pack data (``outline_words``, ``doc_prefixes``); administrative divisions come from the
``divisions`` table.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract(
    ...     "上海市人民政府关于印发《上海打造未来产业创新高地发展壮大未来产业集群行动方案》的通知\\n"
    ...     "沪府发〔2022〕11号\\n上海市人民政府\\n2022年9月24日\\n"
    ...     "上海打造未来产业创新高地发展壮大未来产业集群行动方案\\n到2030年,培育1000家左右高新技术企业。")
    >>> m = doc.meta
    >>> m.title, m.issuer, m.doc_number, m.publish_date, m.period.end, m.region, m.region_code
    ('上海打造未来产业创新高地发展壮大未来产业集群行动方案', '上海市人民政府', '沪府发〔2022〕11号', '2022-09-24', 2030, '上海市', '310000')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Optional

from .context import Context
from .meta_reported import Reported, disclosed_date, find_reported, is_byline
from .layout import parse_layout
from .model import Meta, Period
from .rules import RuleSet
from .structure import (
    DATE_RE,
    as_written,
    date_iso,
    find_notice,
    is_title_line,
    line_index,
    numeral_value,
)

__all__ = ["extract_meta", "parse_doc_number"]

_HEADER_LINES = 60  # metadata is looked for in the first lines (and the notice's signature)
_HEADER_CHARS = 3000  # of a long (one-line) header line, only this much is searched for metadata
_MIN_YEAR, _MAX_YEAR = 1949, 2100

# 发文字号: a short CJK prefix, the year in brackets of any kind, the serial number, 号.
_DOC_NO_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s?[〔\[(【［（]\s?(?P<year>(?:19|20)\d{2})\s?[〕\])】］）]\s?第?(?P<num>\d{1,4})\s?号"
)
# one year in a title, not a horizon (到2027年) nor part of a range: 数智贵州建设2026年工作要点, 2024年度…
_TITLE_YEAR_RE = re.compile(r"(?<![\d到至前~-])((?:19|20)\d{2}) ?年度?(?![\d~至到-])")
_PERIOD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2}) ?年? ?[-~至到] ?((?:19|20)\d{2}) ?年(?!\d)")
_FYP_RE = re.compile(r"(?P<q>[“\"])?十(?P<n>[一二三四五六七八九]?)五(?(q)[”\"])|第十(?P<nth>[一二三四五六七八九]?)个五年")
# a period in brackets at a title's end without 年: …三年行动计划(2019—2021)
_TITLE_PERIOD_RE = re.compile(r"\(((?:19|20)\d{2}) ?[-~至到] ?((?:19|20)\d{2})\)$")


# -- rule data built once per rule set ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _MetaRules:
    divisions_by_code: dict[str, dict[str, Any]]
    division_names: Any  # Gazetteer: name/short -> code (province and city levels)
    division_terms: dict[str, str]  # term -> code, for prefix lookups (longest prefix wins)
    division_term_lengths: tuple[int, ...]  # the distinct term lengths, longest first
    prefixes: list[tuple[str, str, Optional[str]]]  # (prefix, region, code), longest first
    horizon_re: Any
    date_cue_re: Any
    national_region: tuple[Optional[str], Optional[str]]


_LEVEL_ORDER = {"province": 0, "city": 1, "district": 2, "county": 3}


def _build(rules: RuleSet) -> _MetaRules:
    from .extractors._matchers import Gazetteer

    by_code = {r["code"]: r for r in rules.table("divisions")}
    rows = sorted(by_code.values(), key=lambda r: (_LEVEL_ORDER.get(r["level"], 9), r["code"]))
    terms: dict[str, str] = {}
    for r in rows:
        for t in [r["name"], *(r.get("short") or [])]:
            if t and len(t) >= 2:
                terms.setdefault(t, r["code"])
    gaz_terms = [(t, c) for t, c in terms.items() if by_code[c]["level"] in ("province", "city")]
    prefixes = sorted(
        ((r["prefix"], r["region"], r.get("code")) for r in rules.table("doc_prefixes")),
        key=lambda p: (-len(p[0]), p[0]),
    )
    horizon = rules.word_list("outline_words", "horizon_words")
    horizon_re = re.compile(
        "(?:" + "|".join(map(re.escape, sorted(horizon, key=len, reverse=True))) + r") ?((?:19|20)\d{2}) ?年"
    ) if horizon else None
    cues = rules.word_list("outline_words", "date_cues")
    date_cue_re = re.compile(
        "(?:" + "|".join(map(re.escape, sorted(cues, key=len, reverse=True))) + r") ?[::]? ?"
    ) if cues else None
    national = next((p for p in rules.packs if p.name == "national"), None)
    return _MetaRules(
        divisions_by_code=by_code,
        division_names=Gazetteer(gaz_terms),
        division_terms=dict(terms),
        division_term_lengths=tuple(sorted({len(t) for t in terms}, reverse=True)),
        prefixes=prefixes,
        horizon_re=horizon_re,
        date_cue_re=date_cue_re,
        national_region=(national.region, national.region_code) if national else ("全国", "000000"),
    )


def _rules(ctx: Context) -> _MetaRules:
    return ctx.rules.memo("meta:rules", _build)


def _words(ctx: Context, name: str) -> list[str]:
    return ctx.rules.word_list("outline_words", name)


def _clean_title(s: str) -> str:
    """A title as written, without the spaces web pages put around its parts."""
    return re.sub(r"(?<![A-Za-z0-9]) +| +(?![A-Za-z0-9])", "", s.strip())


def _clean_issuer(s: str) -> str:
    """An issuer as written; joint issuers keep one space between them."""
    return re.sub(r" {2,}", " ", s.strip())


# -- title ---------------------------------------------------------------------------------------


def _title_prefix(ctx: Context, start: int, end: int) -> Optional[tuple[int, int]]:
    """A plan title at the start of ``ntext[start:end]`` (a one-line page): up to a document type
    and an optional (period); the prefix must not hold a sentence mark."""
    text = ctx.ntext
    line = text[start:end]
    ends = [k + len(w) for w in _words(ctx, "doc_types") if (k := line.find(w)) >= 0]
    if not ends:
        return None
    best = min(ends)
    m = re.match(r" ?\([^()\n]{1,20}\)", line[best:])
    e = best + (m.end() if m else 0)
    head = line[:e]
    if len(head) < 6 or any(c in head for c in "。,;:!?《》") or head[0].isdigit():
        return None
    return start, start + e


def _find_title(ctx: Context, lines) -> Optional[tuple[int, int]]:
    text = ctx.ntext
    notice = find_notice(ctx)
    if notice is not None:
        return (notice.title_start, notice.title_end)
    if ctx.body_start > 0:
        ln = next((x for x in lines if x.start == ctx.body_start), None)
        if ln is not None and is_title_line(ctx.rules, text[ln.start : ln.end]):
            return (ln.start, ln.end)
    for ln in lines[:_HEADER_LINES]:
        s = text[ln.start : ln.end]
        if is_title_line(ctx.rules, s):
            return (ln.start, ln.end)
        if not s.strip():
            continue
        # a doc number before the title (辽政办发[2024]4号 辽宁省…实施意见) or a one-line page
        m = _DOC_NO_RE.match(s)
        off = ln.start + (m.end() if m else 0)
        while off < ln.end and text[off] == " ":
            off += 1
        tp = _title_prefix(ctx, off, min(ln.end, off + _HEADER_CHARS))
        if tp and ln is lines[0]:
            return tp
    # a page that opens with 《X》 (a news text naming its document with a verb: meta_reported)
    m = re.match(r"《([^《》\n]{4,120})》", text)
    if m and is_title_line(ctx.rules, m.group(1)):
        return m.start(1), m.end(1)
    return None


# -- issuer --------------------------------------------------------------------------------------


def _is_issuer(ctx: Context, s: str) -> bool:
    s = s.strip()
    if s in _words(ctx, "national_issuers"):
        return True
    return 2 <= len(s) <= 30 and not any(c in s for c in "。,;:!?《》()") and any(
        s.endswith(x) for x in _words(ctx, "issuer_suffixes")
    )


def _find_signature(ctx: Context, lines) -> tuple[Optional[tuple[int, int]], Optional[str]]:
    """(issuer span, ISO date) of a notice signature: an issuer line followed by a date-only line."""
    text = ctx.ntext
    for i in range(1, len(lines)):
        s = text[lines[i].start : lines[i].end].strip()
        if len(s) > 20:
            continue
        m = DATE_RE.fullmatch(s)
        if not m or not (iso := date_iso(m)):
            continue
        prev = text[lines[i - 1].start : lines[i - 1].end].strip()
        if _is_issuer(ctx, prev):
            return (lines[i - 1].start, lines[i - 1].end), iso
    return None, None


def _find_issuer(
    ctx: Context, ntitle: Optional[str], tspan: Optional[tuple[int, int]], signature: Optional[tuple[int, int]]
) -> Optional[tuple[int, int]]:
    """The issuer's span: the notice header (X关于印发…), its signature, or the title's "X关于…"."""
    notice = find_notice(ctx)
    if notice is not None and notice.issuer_end > notice.issuer_start:
        a, b = notice.issuer_start, notice.issuer_end
        s = ctx.ntext[a:b]
        k = max(s.rfind(","), s.rfind("。"))  # 8月12日,中共海南省委办公厅 海南省人民政府办公厅关于印发…
        if k >= 0:
            a += k + 1
            s = s[k + 1 :]
        if all(_is_issuer(ctx, part) for part in s.split()):
            return a + (len(s) - len(s.lstrip())), b
    if signature:
        return signature
    if tspan and ntitle:
        for about in _words(ctx, "about_words"):
            k = ctx.ntext.find(about, tspan[0], tspan[1])
            if k > tspan[0] and _is_issuer(ctx, ctx.ntext[tspan[0] : k]):
                return tspan[0], k
    return None


# -- doc number ----------------------------------------------------------------------------------


def parse_doc_number(s: str, prefixes: list[tuple[str, str, Optional[str]]] = ()) -> Optional[tuple[str, str]]:
    """Canonical form and issuer prefix of a 发文字号 (brackets as 〔〕, half-width digits).

    Examples:
        >>> parse_doc_number("辽政办发[2024]4号")
        ('辽政办发〔2024〕4号', '辽政办发')
        >>> parse_doc_number("沪府发（2022）11号")
        ('沪府发〔2022〕11号', '沪府发')
    """
    s = s.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)})
    m = _DOC_NO_RE.search(s)
    if not m:
        return None
    prefix = m.group("prefix")
    # a longer CJK run before the number: keep from a known issuer abbreviation on (…印发沪府发…)
    if len(prefix) > 6:
        for p, _, _ in prefixes:
            k = prefix.rfind(p)
            if k >= 0 and len(prefix) - k <= 8:
                prefix = prefix[k:]
                break
        else:
            return None
    return f"{prefix}〔{m.group('year')}〕{int(m.group('num'))}号", prefix


def _find_doc_number(ctx: Context, lines, mr: _MetaRules) -> tuple[Optional[str], Optional[str], Optional[int]]:
    """(doc number, its prefix, line index) of the document's own 发文字号 (not one it cites)."""
    text = ctx.ntext
    cited = ("》", *_words(ctx, "citation_ends"))
    for i, ln in enumerate(lines[:_HEADER_LINES]):
        s = text[ln.start : min(ln.end, ln.start + _HEADER_CHARS)]
        for m in _DOC_NO_RE.finditer(s):
            before = s[: m.start()].rstrip(" (")
            if before.endswith(cited):  # a cited document: 《…的通知》(国发〔2016〕67号)
                continue
            own_line = not before.strip() or len(s) <= 60 or (m.start() > 0 and s[m.start() - 1] == "(")
            if not own_line:
                continue
            parsed = parse_doc_number(m.group(), mr.prefixes)
            if parsed:
                return parsed[0], parsed[1], i
    return None, None, None


# -- dates ---------------------------------------------------------------------------------------


def _find_date(
    ctx: Context, lines, mr: _MetaRules, sig_date: Optional[str], docno_line: Optional[int],
    reported: Optional[Reported],
) -> Optional[str]:
    """The document's own date: its signature, a date line of its notice or 发文字号, a notice date
    before 此件主动公开, the meeting that heard a reported work report; a page date (发布时间:) only
    when the page is not a report on the document and the line is no byline (来源 …)."""
    text = ctx.ntext
    if sig_date:
        return sig_date
    notice = find_notice(ctx)
    if notice is not None:  # a date-only line in the notice block (no signature line above it)
        for ln in lines[notice.line + 1 : notice.line + 10]:
            s = text[ln.start : ln.end].strip()
            m = DATE_RE.fullmatch(s)
            if m and (iso := date_iso(m)):
                return iso
    if docno_line is not None:  # the date printed with the 发文字号 (that line, or a short one repeating it)
        for i, ln in enumerate(lines[:_HEADER_LINES]):
            if i != docno_line and (ln.end - ln.start > 60 or not _DOC_NO_RE.search(text, ln.start, ln.end)):
                continue
            m = DATE_RE.search(text, ln.start, ln.end)
            if m and (iso := date_iso(m)):
                return iso
    disclosed = disclosed_date(ctx, _HEADER_CHARS * 2)
    if disclosed or reported is not None:
        return disclosed or (reported.date if reported is not None else None)
    if mr.date_cue_re is not None:
        for ln in lines[:_HEADER_LINES]:
            for c in mr.date_cue_re.finditer(text, ln.start, min(ln.end, ln.start + _HEADER_CHARS)):
                m = DATE_RE.match(text, c.end(), ln.end)
                if m and (iso := date_iso(m)) and not is_byline(ctx, c.start(), m.end()):
                    return iso
    for ln in lines[:_HEADER_LINES]:
        s = text[ln.start : ln.end].strip()
        m = DATE_RE.fullmatch(s)
        if m and (iso := date_iso(m)) and not is_byline(ctx, ln.start, ln.end):
            return iso
    return None


# -- period --------------------------------------------------------------------------------------


def _period_in(s: str) -> Optional[Period]:
    m = _PERIOD_RE.search(s)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        if _MIN_YEAR <= a <= b <= _MAX_YEAR and b - a <= 30:
            return Period(a, b)
    return None


def _find_period(ctx: Context, title: Optional[str], mr: _MetaRules, own_title: bool = True) -> Period:
    """From the title (2024—2026年, 十四五, 第十五个五年规划, an annual plan's year); for the text's own
    document also a period cue (规划期为…), a period printed after a document type, or the horizon
    (到2030年) of a plan with its covering notice."""
    text = ctx.ntext
    if title:
        norm_title = title.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}).replace("—", "-").replace("–", "-")
        p = _period_in(norm_title)
        m = _TITLE_PERIOD_RE.search(norm_title)
        if p is None and m and int(m.group(1)) <= int(m.group(2)) <= int(m.group(1)) + 30:
            p = Period(int(m.group(1)), int(m.group(2)))
        if p:
            return p
        m = _FYP_RE.search(norm_title)
        after = norm_title[m.end() : m.end() + 8] if m else ""
        if m and (m.group("q") or any(after.startswith(w) for w in _words(ctx, "five_year_plan_words"))):
            n = 10 + (numeral_value(m.group("n") or m.group("nth") or "") or 0)
            start = 1956 + 5 * (n - 1)  # the 3rd plan began in 1966; the 14th in 2021
            return Period(start, start + 4)
        m = mr.horizon_re.search(norm_title) if mr.horizon_re is not None else None
        if m and _MIN_YEAR <= int(m.group(1)) <= _MAX_YEAR:
            return Period(None, int(m.group(1)))  # 关于推动未来产业发展到2027年的行动方案
        years = _TITLE_YEAR_RE.findall(norm_title)
        if len(years) == 1 and any(norm_title.endswith(w) for w in _words(ctx, "doc_types")):
            y = int(years[0])  # an annual plan: 2026年工作要点, 2024年度工作计划
            if _MIN_YEAR <= y <= _MAX_YEAR:
                return Period(y, y)
    if not own_title:
        return Period()  # a news text's other figures belong to other documents
    # a period after a cue (规划期为2023-2035年) or printed after a document type: 行动计划(2018-2020年)
    for cue in _words(ctx, "period_cues"):
        k = text.find(cue)
        if k >= 0:
            p = _period_in(text[k + len(cue) : k + len(cue) + 16])
            if p:
                return p
    head_end = ctx.outline[0].start if ctx.outline else len(text)  # not a plan cited in the body
    head_end = min(head_end, ctx.body_start + _HEADER_CHARS)
    for w in _words(ctx, "doc_types"):
        for m in re.finditer(re.escape(w) + r" ?\(", text[:head_end]):
            p = _period_in(text[m.end() : m.end() + 16])
            if p:
                return p
    if mr.horizon_re is not None and find_notice(ctx) is not None:
        # the horizon of an issued plan (its covering notice is in the text); elsewhere a 到2027年
        # is one target's year, not the document's period
        for lo in (ctx.body_start, 0):
            m = mr.horizon_re.search(text, lo)
            if m:
                y = int(m.group(1))
                if _MIN_YEAR <= y <= _MAX_YEAR:
                    return Period(None, y)
    return Period()


# -- region --------------------------------------------------------------------------------------


def _division_at_start(mr: _MetaRules, s: str, skip: tuple[str, ...] = ()) -> Optional[dict[str, Any]]:
    for p in skip:
        if s.startswith(p):
            s = s[len(p) :]
            break
    for n in mr.division_term_lengths:  # a dict probe per length, not a scan of every division name
        code = mr.division_terms.get(s[:n]) if len(s) >= n else None
        if code is not None:
            return mr.divisions_by_code[code]
    return None


def _place_at_end(mr: _MetaRules, s: str) -> int:
    """The length of the division name ``s`` ends with (0: none): 合肥市 in …“量子”合肥市."""
    for n in mr.division_term_lengths:
        if len(s) >= n and s[-n:] in mr.division_terms:
            return n
    return 0


def _find_region(
    ctx: Context, mr: _MetaRules, issuer: Optional[str], prefix: Optional[str], title: Optional[str]
) -> tuple[Optional[str], Optional[str], Optional[dict[str, Any]]]:
    """(region, code, division row or None) from the issuer, doc-number prefix, title, text."""
    national = set(_words(ctx, "national_issuers"))
    if issuer:
        if any(issuer.startswith(n) for n in national) or any(issuer.startswith(p) for p in _words(ctx, "national_prefixes")):
            return mr.national_region[0], mr.national_region[1], None
        row = _division_at_start(mr, issuer, tuple(_words(ctx, "issuer_skip_prefixes")))
        if row:
            return row["name"], row["code"], row
    if prefix:
        for p, region, code in mr.prefixes:
            if prefix.startswith(p):
                row = mr.divisions_by_code.get(code or "")
                return region, code, row
    heads = [title] if title else []
    first = ctx.ntext[: ctx.ntext.find("\n")] if "\n" in ctx.ntext else ctx.ntext
    heads.append(first[:40])  # a headline: 内蒙古:重点建设…
    for head in heads:
        row = _division_at_start(mr, _clean_title(head))
        if row:
            return row["name"], row["code"], row
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for h in mr.division_names.find(ctx.ntext):
        counts[h.value] += 1
        first.setdefault(h.value, h.start)
    if counts:
        code, n = min(counts.items(), key=lambda kv: (-kv[1], first[kv[0]]))
        row = mr.divisions_by_code[code]
        province = _province_over(ctx, mr, row, counts)
        if province is not None:
            return province["name"], province["code"], province
        if n >= 2:
            return row["name"], row["code"], row
    return None, None, None


def _province_over(ctx: Context, mr: _MetaRules, row: dict[str, Any], counts: Counter[str]) -> Optional[dict[str, Any]]:
    """The province of the most-mentioned city when the text is about the province: the province is
    named too, and either the text speaks of 全省 more than of 全市, or it names several of the
    province's other cities while the city itself is not named far more often than the province
    (a provincial plan lists its cities; a city's news page lists its neighbours in passing)."""
    parent = mr.divisions_by_code.get(row.get("parent") or "")
    if row["level"] == "province" or parent is None or parent["level"] != "province" or not counts.get(parent["code"]):
        return None
    siblings = sum(
        1 for c in counts
        if c not in (row["code"], parent["code"]) and mr.divisions_by_code[c].get("parent") == parent["code"]
    )
    text = ctx.ntext
    province_scope = sum(text.count(w) for w in _words(ctx, "province_scope_words"))
    city_scope = sum(text.count(w) for w in _words(ctx, "city_scope_words"))
    if province_scope > city_scope:
        return parent
    return parent if siblings >= 2 and counts[row["code"]] <= 2 * counts[parent["code"]] else None


def _issuer_level(ctx: Context, issuer: Optional[str], row: Optional[dict[str, Any]], mr: _MetaRules) -> Optional[str]:
    if not issuer:
        return None

    def label(name: str) -> Optional[str]:
        ws = _words(ctx, f"issuer_level_{name}")
        return ws[0] if ws else None

    if any(issuer.startswith(n) for n in _words(ctx, "national_issuers")):
        return label("national")
    for p in _words(ctx, "issuer_skip_prefixes"):
        if issuer.startswith(p):
            issuer = issuer[len(p) :]
            break
    if row is not None and issuer.startswith((row["name"], *(row.get("short") or []))):
        return label(row["level"])
    if any(issuer.startswith(p) for p in _words(ctx, "national_prefixes")) or (
        row is None and any(issuer.endswith(s) for s in _words(ctx, "ministry_suffixes"))
    ):
        return label("ministry")
    return None


# -- entry point ---------------------------------------------------------------------------------


def extract_meta(ctx: Context) -> Meta:
    """The metadata of the document in ``ctx`` (run after :func:`~futurepolicy.structure.parse_outline`).

    Title: the 《X》 of a covering notice, the plan's own title line, a title opening a one-line
    page, or else the document a news text, briefing or work report is about
    (:mod:`~futurepolicy.meta_reported`). Issuer: the notice header or its signature, the "X关于…"
    of the title, or the body the report names (X印发《 · 经X同意 · 代表X作报告). Date: the
    document's own (signature, notice, 发文字号 line, 此件主动公开, the meeting that heard a report),
    never a news page's. Period: from the title, a period cue, or an issued plan's horizon. Region:
    from the issuer, the 发文字号 prefix, the title, or the most frequent province/city in the
    text, in that order.
    """
    mr = _rules(ctx)
    lines = line_index(ctx)
    tspan = _find_title(ctx, lines)
    own_title, reported = tspan is not None, None
    if tspan is None:  # a news text, briefing or work report: the document it is about
        reported = find_reported(ctx, lines, lambda s: _is_issuer(ctx, s), lambda s: _place_at_end(mr, s))
        tspan = reported.title if reported else None
    title = _clean_title(as_written(ctx, *tspan)) if tspan else None
    ntitle = _clean_title(ctx.ntext[tspan[0] : tspan[1]]) if tspan else None
    sig_span, sig_date = _find_signature(ctx, lines)
    ispan = _find_issuer(ctx, ntitle, tspan, sig_span) or (reported.issuer if reported else None)
    issuer = _clean_issuer(as_written(ctx, *ispan)) if ispan else None
    nissuer = _clean_issuer(ctx.ntext[ispan[0] : ispan[1]]) if ispan else None
    doc_number, prefix, docno_line = _find_doc_number(ctx, lines, mr)
    publish_date = _find_date(ctx, lines, mr, sig_date, docno_line, reported)
    lay = parse_layout(ctx)  # a 红头文件 page or a web 信息公开 block: its fields come first
    if lay is not None:
        title, ntitle = (lay.title, lay.norm_title) if lay.title else (title, ntitle)
        issuer, nissuer = (lay.issuer, lay.norm_issuer) if lay.issuers else (issuer, nissuer)
        doc_number, prefix = parse_doc_number(lay.doc_number or "", mr.prefixes) or (doc_number, prefix)
        publish_date = lay.date or publish_date
    period = _find_period(ctx, ntitle, mr, own_title)
    region, code, row = _find_region(ctx, mr, nissuer, prefix, ntitle)
    return Meta(
        title=title,
        issuer=issuer,
        doc_number=doc_number,
        publish_date=publish_date,
        period=period,
        region=region,
        region_code=code,
        issuer_level=_issuer_level(ctx, nissuer, row, mr),
    )
