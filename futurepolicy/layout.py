"""The layout of an official document, whatever format it came in: the GB/T 9704 红头文件 page and
the 信息公开 block of government web pages.

A 红头文件 opens with the 发文机关标志 (one or more issuers, each on its own line or side by side,
often letter-spaced, followed by 文件), the 发文字号, and a title wrapped over one to three lines
(``关于印发…的通知`` or the document's name); then the 主送机关 line, the body, the 附件 list, the
signature (issuers and the 成文日期) and at the end the 版记 (抄送, 印发机关 and 印发日期). Web pages
print a block of labelled fields above the article (索引号, 发文机关, 发文字号, 成文日期, 发布日期,
标题, 主题分类), as a table or as ``label：value`` runs.

:func:`parse_layout` reads these from the normalised text of a document and returns a
:class:`Layout`, or ``None`` when the text has neither. :mod:`futurepolicy.meta` takes its fields
first. Cue words (文件, 抄送, 印发, the web labels) are the ``layout_words`` section of the rule packs;
issuer endings come from ``outline_words``.

Examples:
    >>> import futurepolicy
    >>> doc = futurepolicy.extract(
    ...     "某某市科学技术局\\n某 某 市 财 政 局\\n文件\\n某科发〔2025〕3号\\n关于印发某某市未来产业\\n"
    ...     "培育行动计划的通知\\n各区县科技部门：\\n现将《某某市未来产业培育行动计划》印发给你们。\\n"
    ...     "某某市科学技术局　　某某市财政局\\n2025年3月8日\\n某某市未来产业培育行动计划\\n到2027年，培育10家企业。")
    >>> doc.meta.title, doc.meta.issuer, doc.meta.doc_number, doc.meta.publish_date
    ('某某市未来产业培育行动计划', '某某市科学技术局 某某市财政局', '某科发〔2025〕3号', '2025-03-08')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .context import Context
from .structure import DATE_RE, as_written, date_iso, line_index

__all__ = ["Layout", "parse_layout"]

_SCAN_LINES = 14  # the masthead, doc number and title are within the first lines
_WEB_SCAN_LINES = 40  # the 信息公开 block is above the article
_MAX_TITLE_LINES = 3
_MAX_TITLE_CHARS = 120
_MAX_ISSUER = 30
_SIGNATURE_SCAN = 400  # the notice's signature is within this many lines of the title
_MAX_LINE = 300  # of a longer line (a one-line web page) only the start is looked at
_MAX_NAME_LINE = 30  # a line of a wrapped document name is short
_DOC_NO = re.compile(
    r"[\u4e00-\u9fff]{1,12} ?[〔\[(【［（] ?(?:19|20)\d{2} ?[〕\])】］）] ?第?\d{1,4} ?号"
)
_SENTENCE_MARKS = "。;!?,"
_FIELD_SEP = re.compile(r"[ 、,;]+")


@dataclass(frozen=True, slots=True)
class Layout:
    """What the layout says about a document (strings as written; dates ISO).

    Attributes:
        kind: ``"redhead"`` (a GB/T 9704 page) or ``"web"`` (a 信息公开 block).
        title: the document's title; for a 印发/转发 notice, the title of the document it issues.
        notice_title: the notice's own title (``关于印发…的通知``) when it issues another document.
        issuers: every issuer, in the order printed.
        doc_number: the 发文字号 (in the matching copy: simplified script, half-width digits).
        written_date: the 成文日期 (signature date, or the web block's).
        published_date: the web block's 发布日期.
        printed_date: the 版记's 印发日期.
        printer: the 版记's 印发机关.
        copied_to: the 版记's 抄送 list, as printed.
        attachments: the 附件 list between the notice and its signature, one name per item.
        subject: the web block's 主题分类.
        index_number: the web block's 索引号.
    """

    kind: str
    title: Optional[str] = None
    notice_title: Optional[str] = None
    issuers: tuple[str, ...] = ()
    doc_number: Optional[str] = None
    written_date: Optional[str] = None
    published_date: Optional[str] = None
    printed_date: Optional[str] = None
    printer: Optional[str] = None
    copied_to: Optional[str] = None
    subject: Optional[str] = None
    index_number: Optional[str] = None
    attachments: tuple[str, ...] = ()
    norm_title: Optional[str] = None  # the title and issuers in the matching copy (simplified script)
    norm_issuers: tuple[str, ...] = ()

    @property
    def issuer(self) -> Optional[str]:
        """The issuers as one string, joint issuers separated by one space (as ``meta.issuer``)."""
        return " ".join(self.issuers) or None

    @property
    def norm_issuer(self) -> Optional[str]:
        return " ".join(self.norm_issuers) or None

    @property
    def date(self) -> Optional[str]:
        """The document's own date: 成文日期, else 发布日期, else 印发日期."""
        return self.written_date or self.published_date or self.printed_date


def parse_layout(ctx: Context) -> Optional[Layout]:
    """The 红头文件 layout or the 信息公开 block of the document in ``ctx`` (computed once per document)."""
    if "_layout" in ctx.results:
        return ctx.results["_layout"]
    found = _Parser(ctx).parse()
    ctx.results["_layout"] = found
    return found


# -- helpers over the normalised text ---------------------------------------------------------------


def _words(ctx: Context, section: str, name: str) -> list[str]:
    return ctx.rules.word_list(section, name)


def _squeeze(s: str) -> str:
    """A printed name without its letter spacing: spaces between CJK characters go."""
    return re.sub(r"(?<=[\u3400-\u9fff])[ \u3000\t]+(?=[\u3400-\u9fff])", "", s.strip())


def _chunks(s: str) -> list[str]:
    """The names side by side on one line: runs separated by spaces, with letter-spaced runs (one
    character between spaces) put back together."""
    out: list[str] = []
    single = ""
    for tok in s.split():
        if len(tok) == 1:
            single += tok
            continue
        if single:
            out.append(single)
            single = ""
        out.append(tok)
    if single:
        out.append(single)
    return out


class _Parser:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.ntext
        self.lines = line_index(ctx)
        self.suffixes = tuple(_words(ctx, "outline_words", "issuer_suffixes"))
        self.national = set(_words(ctx, "outline_words", "national_issuers"))

    # -- small predicates ------------------------------------------------------------------------

    def line(self, i: int) -> str:
        ln = self.lines[i]
        return self.text[ln.start : min(ln.end, ln.start + _MAX_LINE)].strip()

    def written(self, i: int) -> str:
        """Line ``i`` as printed (doc.text characters), edges trimmed."""
        ln = self.lines[i]
        return as_written(self.ctx, ln.start, min(ln.end, ln.start + _MAX_LINE)).strip()

    def is_issuer(self, name: str) -> bool:
        if name in self.national:
            return True
        return (
            2 <= len(name) <= _MAX_ISSUER
            and not any(c in name for c in "。,;:!?《》()“”\"")
            and not any(c.isdigit() for c in name)
            and name.endswith(self.suffixes)
        )

    def issuers_in(self, s: str) -> Optional[list[str]]:
        """The issuer names of a line (side by side, letter-spaced or not), or ``None`` if any part is
        not an issuer."""
        if not s.strip():
            return None
        whole = _squeeze(s)
        if " " not in whole and self.is_issuer(whole):
            return [whole]
        parts = _chunks(s)
        if parts and all(self.is_issuer(p) for p in parts):
            return parts
        return None

    def written_issuers(self, i: int, names: list[str]) -> list[tuple[str, str]]:
        """(name, name as printed) for the ``names`` that open line ``i`` (traditional script kept,
        letter spacing removed)."""
        flat = [c for c in self.written(i) if not c.isspace()]
        if len(flat) < sum(map(len, names)):
            return [(n, n) for n in names]
        out, k = [], 0
        for n in names:
            out.append((n, "".join(flat[k : k + len(n)])))
            k += len(n)
        return out

    # -- the 红头文件 page -----------------------------------------------------------------------

    def parse(self) -> Optional[Layout]:
        return self.redhead() or self.web_block()

    def redhead(self) -> Optional[Layout]:
        n = len(self.lines)
        masthead_words = tuple(_words(self.ctx, "layout_words", "masthead_words"))
        prelude = tuple(_words(self.ctx, "layout_words", "prelude_words"))
        i = 0
        while i < min(n, _SCAN_LINES) and (not self.line(i) or self._is_prelude(self.line(i), prelude)):
            i += 1
        issuers: list[tuple[str, str]] = []
        marked = False
        while i < min(n, _SCAN_LINES):
            s = self.line(i)
            if not s:
                i += 1
                continue
            mark = next((w for w in masthead_words if _squeeze(s).endswith(w)), None)
            if mark:
                marked = True
                s = re.sub(" ?".join(map(re.escape, mark)) + r" *$", "", s).strip()
                if not s:
                    i += 1
                    continue
            names = self.issuers_in(s)
            if names is None:
                break
            issuers += self.written_issuers(i, names)
            i += 1
        doc_number, i = self._doc_number_line(i)
        if not (marked or doc_number):  # issuer lines alone are no masthead (a signature, a byline)
            return self._titled_notice()
        title_lines, after = self._title_lines(i)
        return self._finish(issuers, doc_number, title_lines, after)

    @staticmethod
    def _is_prelude(s: str, prelude: tuple[str, ...]) -> bool:
        core = s.replace(" ", "")
        return core.isdigit() and len(core) <= 8 or any(core.startswith(w) for w in prelude) and len(core) <= 12

    def _doc_number_line(self, i: int) -> tuple[Optional[str], int]:
        """The 发文字号 on line ``i`` or the next (alone, or with a 签发人 field): (number, next line)."""
        signer = tuple(_words(self.ctx, "layout_words", "signer_words"))
        for k in range(i, min(i + 2, len(self.lines))):
            s = self.line(k)
            m = _DOC_NO.search(s)
            if not m:
                if s:
                    return None, i
                continue
            rest = (s[: m.start()] + s[m.end() :]).strip()
            if rest and not any(rest.startswith(w) or w in rest for w in signer):
                return None, i
            return m.group().strip(), k + 1
        return None, i

    def _title_lines(self, i: int) -> tuple[list[int], int]:
        """Lines ``i``… that make the title (one to three, up to the 主送机关 line or the body)."""
        out: list[int] = []
        k = i
        while k < len(self.lines) and not self.line(k):
            k += 1
        while k < len(self.lines) and len(out) < _MAX_TITLE_LINES:
            s = self.line(k)
            if not s:
                if out:
                    break
                k += 1
                continue
            if any(c in s for c in _SENTENCE_MARKS) or s.endswith(":") or DATE_RE.fullmatch(s) or _DOC_NO.fullmatch(s):
                break
            out.append(k)
            if sum(len(self.line(j)) for j in out) > _MAX_TITLE_CHARS:
                out.pop()
                break
            k += 1
        return out, k

    def _titled_notice(self) -> Optional[Layout]:
        """A page without masthead or number: an optional issuer line, then a 关于… title wrapped over
        one to three lines and the 主送机关 line (``各区县人民政府：``), or a document's name wrapped
        over two or three short lines (``某某市加快培育未来产业`` / ``三年行动计划（2024—2026年）``)
        above the body."""
        about = tuple(_words(self.ctx, "outline_words", "about_words"))
        i = 0
        while i < len(self.lines) and not self.line(i):
            i += 1
        issuers: list[tuple[str, str]] = []
        names = self.issuers_in(self.line(i)) if i < len(self.lines) else None
        if names:
            issuers = self.written_issuers(i, names)
            i += 1
        title_lines, after = self._title_lines(i)
        if not title_lines:
            return None
        joined = "".join(self.line(k) for k in title_lines)
        addressed = after < len(self.lines) and self.line(after).endswith(":") and len(self.line(after)) <= 80
        if addressed and any(
            joined.startswith(a) or (a in joined and self.is_issuer(joined[: joined.find(a)])) for a in about
        ):
            return self._finish(issuers, None, title_lines, after)
        for m in range(len(title_lines), 1, -1):  # a wrapped name: the longest run of lines that ends as one
            head = title_lines[:m]
            name = "".join(_squeeze(self.line(k)) for k in head)
            plain = all(len(self.line(k)) <= _MAX_NAME_LINE and not set(self.line(k)) & set(":|<>") for k in head)
            if plain and self._ends_as_name(name):  # (a breadcrumb 首页 > 政策 is no title line)
                return self._finish(issuers, None, head, head[-1] + 1)
        return None

    def _finish(self, issuers: list[tuple[str, str]], doc_number: Optional[str], title_lines: list[int], after: int) -> Layout:
        title = notice_title = norm_title = None
        if title_lines and self._is_title("".join(_squeeze(self.line(k)) for k in title_lines)):
            written = "".join(_squeeze(self.written(k)) for k in title_lines)
            norm = "".join(_squeeze(self.line(k)) for k in title_lines)
            title, notice_title, norm_title = self._issued_title(norm, written)
            if not issuers:
                issuers = [(norm[a:b], written[a:b]) for a, b in self._title_issuers(norm)]
        sig_issuers, sig_date, sig_end = self._signature(after)
        attachments = self._attachments(after, sig_end or after + _SIGNATURE_SCAN)
        if len(sig_issuers) > len(issuers) or not issuers:
            issuers = sig_issuers or issuers
        printer, printed, copied = self._colophon(sig_end if sig_end is not None else after)
        return Layout(
            kind="redhead",
            title=title,
            notice_title=notice_title,
            issuers=tuple(dict.fromkeys(w for _, w in issuers)),
            norm_issuers=tuple(dict.fromkeys(n for n, _ in issuers)),
            norm_title=norm_title,
            doc_number=doc_number,
            written_date=sig_date,
            printed_date=printed,
            printer=printer,
            copied_to=copied,
            attachments=attachments,
        )

    def _ends_as_name(self, s: str) -> bool:
        """Whether ``s`` ends with a document type (方案, 规划 …), a bracketed period aside."""
        core = re.sub(r"\([^()]{1,24}\)$", "", s)
        return core.endswith(tuple(self.ctx.rules.word_list("outline_words", "doc_types")))

    def _is_title(self, s: str) -> bool:
        """A document title: it holds 关于 (事由) or ends with a document type (方案, 通知 …), brackets aside."""
        words = self.ctx.rules
        core = re.sub(r"\([^()]{1,24}\)$", "", s)
        ends = (*words.word_list("outline_words", "doc_types"), *words.word_list("outline_words", "notice_words"))
        return any(a in s for a in words.word_list("outline_words", "about_words")) or core.endswith(tuple(ends))

    def _title_issuers(self, title: str) -> list[tuple[int, int]]:
        """Issuer spans (in ``title``) before its 关于: 重庆市人民政府关于… ."""
        for a in _words(self.ctx, "outline_words", "about_words"):
            k = title.find(a)
            if k > 0:
                head = title[:k]
                if self.is_issuer(head):
                    return [(0, k)]
        return []

    def _issued_title(self, norm: str, written: str) -> tuple[str, Optional[str], str]:
        """(title, notice title, title in the matching copy): a 关于印发X的通知 title gives X."""
        verbs = _words(self.ctx, "outline_words", "notice_verbs")
        notices = _words(self.ctx, "outline_words", "notice_words")
        abouts = _words(self.ctx, "outline_words", "about_words")
        for about in abouts:
            k = norm.find(about)
            if k < 0:
                continue
            rest = norm[k + len(about) :]
            verb = next((v for v in verbs if rest.startswith(v)), None)
            if verb is None:
                continue
            for w in notices:
                tail = "的" + w
                if norm.endswith(tail):
                    a, b = k + len(about) + len(verb), len(norm) - len(tail)
                    if norm[a:a + 1] == "《" and norm[b - 1 : b] == "》":
                        a, b = a + 1, b - 1
                    if b - a >= 4 and len(written) == len(norm):
                        return written[a:b], written, norm[a:b]
        return written, None, norm

    def _signature(self, start: int) -> tuple[list[tuple[str, str]], Optional[str], Optional[int]]:
        """(issuers, ISO date, line after) of the first signature below ``start``: issuer lines (or
        issuers before the date on one line) followed by a date line."""
        end = min(len(self.lines), start + _SIGNATURE_SCAN)
        for k in range(start, end):
            s = self.line(k)
            if not s or len(s) > 80:
                continue
            m = DATE_RE.search(s)
            if not m or m.end() != len(s) or not (iso := date_iso(m)):
                continue
            before = s[: m.start()].strip()
            if before:
                names = self.issuers_in(before)
                if names:
                    return self.written_issuers(k, names), iso, k + 1
                continue
            found: list[tuple[str, str]] = []
            j = k - 1
            while j >= start and k - j <= 3:
                names = self.issuers_in(self.line(j)) if self.line(j) else None
                if not names:
                    break
                found = self.written_issuers(j, names) + found
                j -= 1
            if found:
                return found, iso, k + 1
        return [], None, None

    def _attachments(self, start: int, end: int) -> tuple[str, ...]:
        """The 附件 list: ``附件：名称`` and the numbered names on the lines below it."""
        cues = tuple(_words(self.ctx, "layout_words", "attachment_cues"))
        for k in range(start, min(end, len(self.lines))):
            s = self.line(k)
            cue = next((c for c in cues if s.startswith(c)), None)
            if cue is None or not s[len(cue) :].lstrip().startswith(":"):
                continue
            items = [re.sub(r"^\d{1,2}[.、] ?", "", s[len(cue) :].lstrip()[1:].strip())]
            for j in range(k + 1, min(end, len(self.lines))):
                nxt = self.line(j)
                if not re.match(r"^\d{1,2}[.、]", nxt):
                    break
                items.append(re.sub(r"^\d{1,2}[.、] ?", "", nxt))
            return tuple(i for i in items if i)
        return ()

    def _colophon(self, start: int) -> tuple[Optional[str], Optional[str], Optional[str]]:
        """(印发机关, 印发日期, 抄送 list) of the 版记 below ``start``."""
        copy_cues = tuple(_words(self.ctx, "layout_words", "copy_cues"))
        print_words = tuple(_words(self.ctx, "layout_words", "print_words"))
        printer = printed = copied = None
        for k in range(start, len(self.lines)):
            s = self.line(k)
            if not s or len(s) > 200:
                continue
            if copied is None and s.startswith(copy_cues):
                copied = self.written(k)
                continue
            word = next((w for w in print_words if s.endswith(w)), None)
            if word is None:
                continue
            m = DATE_RE.search(s)
            if m and m.end() == len(s) - len(word) and (iso := date_iso(m)):
                names = self.issuers_in(s[: m.start()])
                if names:
                    printer, printed = " ".join(w for _, w in self.written_issuers(k, names)), iso
                    break
        return printer, printed, copied

    # -- the 信息公开 block of a web page --------------------------------------------------------

    def web_block(self) -> Optional[Layout]:
        fields = ("index", "issuer", "doc_number", "written", "published", "title", "subject", "other")
        labels: list[tuple[str, str]] = []
        for f in fields:
            for w in _words(self.ctx, "layout_words", f"web_label_{f}"):
                labels.append((w, f))
        if not labels:
            return None
        labels.sort(key=lambda lf: (-len(lf[0]), lf[0]))
        alt = "|".join(" ?".join(map(re.escape, w)) for w, _ in labels)
        label_re = re.compile(rf"(?<!\S)(?P<label>{alt})(?: ?: ?| )")
        by_label = {w: f for w, f in labels}
        values: dict[str, tuple[int, int]] = {}
        for ln in self.lines[:_WEB_SCAN_LINES]:
            hits = list(label_re.finditer(self.text, ln.start, ln.end))
            for h, nxt in zip(hits, [*hits[1:], None]):
                field = by_label.get(h.group("label").replace(" ", ""))
                a, b = h.end(), (nxt.start() if nxt else ln.end)
                while b > a and self.text[b - 1] == " ":
                    b -= 1
                if field and field != "other" and b > a and field not in values:
                    values[field] = (a, b)
        if len(values) < 2 or not ({"index", "issuer", "doc_number", "written"} & values.keys()):
            return None

        def val(f: str) -> Optional[str]:
            span = values.get(f)
            return as_written(self.ctx, *span).strip() if span else None

        def day(f: str) -> Optional[str]:
            span = values.get(f)
            if not span:
                return None
            m = DATE_RE.search(self.text, span[0], span[1])
            return date_iso(m) if m else None

        issuers: list[tuple[str, str]] = []
        if values.get("issuer"):
            a, b = values["issuer"]
            norm, written = self.text[a:b], as_written(self.ctx, a, b)
            parts = [p for p in _FIELD_SEP.split(norm) if p]
            if len(written) == len(norm) and all(self.is_issuer(p) for p in parts):
                issuers = [(m.group(), written[m.start() : m.end()]) for m in re.finditer(r"[^ 、,;]+", norm)]
            else:
                issuers = [(norm.strip(), written.strip())]
        title = notice_title = norm_title = None
        if values.get("title"):
            a, b = values["title"]
            title, notice_title, norm_title = self._issued_title(
                _squeeze(self.text[a:b]), _squeeze(as_written(self.ctx, a, b)))
        doc_number = None
        if values.get("doc_number"):
            m = _DOC_NO.search(self.text, *values["doc_number"])
            doc_number = m.group().strip() if m else None
        return Layout(
            kind="web",
            title=title,
            notice_title=notice_title,
            issuers=tuple(w for _, w in issuers),
            norm_issuers=tuple(n for n, _ in issuers),
            norm_title=norm_title,
            doc_number=doc_number,
            written_date=day("written"),
            published_date=day("published"),
            subject=val("subject"),
            index_number=val("index"),
        )
