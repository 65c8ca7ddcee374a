"""Official documents as governments publish them, built from a plain text for the tests.

:class:`Official` is a 红头文件 (GB/T 9704): joint issuers in the 发文机关标志 (the second one
letter-spaced to the width of the first) with 文件 beside them, the 发文字号, a 关于印发…的通知 title
wrapped over lines, the 主送机关, the notice, the signature (issuers and date), then the document it
issues (its title and the plain text's paragraphs) and the 版记 (抄送, 印发机关 and 印发日期).

The page is laid out once (:func:`layout`: positioned runs in millimetres, GB/T 9704 geometry:
A4, 28 characters a line, 22 lines a page, first-line indents, ``— N —`` page numbers alternating
right and left) and written as PDF (reportlab, STSong-Light), as OFD (GB/T 33190 zip of XML, built
here by hand), as Word (python-docx: masthead in a text box, page numbers in the footer) and as a
government web page (信息公开 block, site chrome, share bar). :func:`page_text` is the text a reader
should get: the page's lines top to bottom, each paragraph on one line.
"""

from __future__ import annotations

import html as html_lib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MM = 72 / 25.4  # points per millimetre
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP = 28.0, 37.0
BODY_PT = 16.0
EM = BODY_PT / MM  # 3号 character width in mm (≈ 5.64)
CHARS = 28
TEXT_W = CHARS * EM
PITCH = 225.0 / 22  # 22 lines a page
BOTTOM = TOP + 22 * PITCH
FONT = "STSong-Light"


@dataclass
class Official:
    """A 印发 notice of joint issuers carrying a plan (``body``: the plan's paragraphs)."""

    issuers: tuple[str, str]
    doc_number: str
    title: str
    date_cn: str  # 2025年3月8日
    body: list[str]
    recipients: str = "各区县人民政府，市政府有关部门："
    copy_to: str = "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。"
    printed: str = ""  # the 版记 line, default: first issuer's office + date + 印发

    def notice_lines(self) -> list[str]:
        return [
            self.recipients,
            f"现将《{self.title}》印发给你们，请认真贯彻执行。",
        ]

    def colophon(self) -> list[str]:
        printed = self.printed or f"{self.issuers[0]}办公室\t{self.date_cn}印发"
        return [self.copy_to, printed]


def width_mm(text: str, pt: float) -> float:
    """The printed width of ``text`` in STSong-Light at ``pt`` points, in mm (reportlab's metrics)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics.stringWidth(text, FONT, pt) / MM


def _wrap(text: str, first: float, width: float, size_mm: float) -> list[str]:
    """Hard-wrap a paragraph by the font's widths."""
    pt = size_mm * MM
    lines, line, used, limit = [], "", 0.0, width - first
    for ch in text:
        w = width_mm(ch, pt)
        if used + w > limit + 1e-6 and line:
            lines.append(line)
            line, used, limit = "", 0.0, width
        line += ch
        used += w
    lines.append(line)
    return lines


@dataclass
class Run:
    """A string placed on a page: left x and baseline y in mm from the top-left corner."""

    page: int
    x: float
    y: float
    size_pt: float
    text: str
    char_space_mm: float = 0.0
    red: bool = False


@dataclass
class Laid:
    runs: list[Run] = field(default_factory=list)
    pages: int = 1


def title_lines(title: str) -> list[str]:
    """关于印发…的通知 wrapped at 20 characters of 2号, as a title is set (two or three lines)."""
    return _wrap(f"关于印发{title}的通知", 0, 20 * 7.76, 7.76)


def layout(o: Official) -> Laid:
    """Place the whole document on GB/T 9704 pages."""
    laid = Laid()
    page, y = 1, TOP
    runs = laid.runs

    def newline(step: float = PITCH) -> None:
        nonlocal page, y
        y += step
        if y > BOTTOM:
            page += 1
            y = TOP + PITCH * 0.8

    def centred(text: str, pt: float, *, red: bool = False) -> None:
        runs.append(Run(page, LEFT + (TEXT_W - width_mm(text, pt)) / 2, y, pt, text, red=red))

    def paragraph(text: str, *, indent: bool = True) -> None:
        """Justified: every line but the last spread to the right margin."""
        lines = _wrap(text, 2 * EM if indent else 0, TEXT_W, EM)
        for k, line in enumerate(lines):
            x = LEFT + (2 * EM if indent and k == 0 else 0)
            spread = 0.0
            if k + 1 < len(lines) and len(line) > 1:
                spread = (LEFT + TEXT_W - x - width_mm(line, BODY_PT)) / (len(line) - 1)
            runs.append(Run(page, x, y, BODY_PT, line, char_space_mm=spread))
            newline()

    # 发文机关标志: two issuers, the second letter-spaced to the first's width; 文件 centred beside them
    big = 30.0
    a, b = o.issuers
    w_a = width_mm(a, big)
    space = (w_a - width_mm(b, big)) / max(len(b) - 1, 1)
    y = TOP + 8
    runs.append(Run(page, LEFT, y, big, a, red=True))
    runs.append(Run(page, LEFT + w_a + big / MM, y + 7.5, big, "文件", red=True))
    y += 15
    runs.append(Run(page, LEFT, y, big, b, char_space_mm=space, red=True))
    y += 2 * PITCH
    centred(o.doc_number, BODY_PT)
    y += 2 * PITCH
    for line in title_lines(o.title):
        centred(line, 22.0)
        newline(PITCH * 1.2)
    newline()
    paragraph(o.notice_lines()[0], indent=False)
    for line in o.notice_lines()[1:]:
        paragraph(line)
    newline()
    # signature: the issuers side by side, the date below them on the right
    runs.append(Run(page, LEFT + 2 * EM, y, BODY_PT, a))
    runs.append(Run(page, LEFT + 2 * EM + (len(a) + 4) * EM, y, BODY_PT, b))
    newline()
    runs.append(Run(page, LEFT + TEXT_W - (len(o.date_cn) + 2) * EM * 0.8, y, BODY_PT, o.date_cn))
    newline(2 * PITCH)
    # the document it issues
    centred(o.title, 22.0)
    newline(PITCH * 1.5)
    for para in o.body:
        paragraph(para)
    newline()
    copy_to, printed = o.colophon()
    paragraph(copy_to, indent=False)
    office, when = printed.split("\t")
    runs.append(Run(page, LEFT + EM, y, 14.0, office))
    runs.append(Run(page, LEFT + TEXT_W - width_mm(when, 14.0) - EM, y, 14.0, when))
    laid.pages = page
    return laid


def page_text(o: Official) -> str:
    """The text of the document as a reader of the printed page gets it (paragraphs on one line)."""
    a, b = o.issuers
    copy_to, printed = o.colophon()
    lines = [a, "文件", b, o.doc_number, *title_lines(o.title), *o.notice_lines(),
             f"{a}\t{b}", o.date_cn, o.title, *o.body, copy_to, printed]
    return "\n".join(lines)


def _page_number(n: int) -> tuple[float, str]:
    """x (mm) and text of page number n: right on odd pages, left on even ones, one em in."""
    text = f"— {n} —"
    w = width_mm(text, 14.0)
    return (LEFT + TEXT_W - EM - w if n % 2 else LEFT + EM), text


# -- PDF ---------------------------------------------------------------------------------------------


def make_pdf(o: Official, path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    laid = layout(o)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W * MM, PAGE_H * MM), invariant=1)
    for n in range(1, laid.pages + 1):
        for r in (r for r in laid.runs if r.page == n):
            t = c.beginText(r.x * MM, (PAGE_H - r.y) * MM)
            t.setFont(FONT, r.size_pt)
            t.setCharSpace(r.char_space_mm * MM)
            c.setFillColorRGB(0.85, 0, 0) if r.red else c.setFillColorRGB(0, 0, 0)
            t.textOut(r.text)
            c.drawText(t)
        if n == 1:  # the red rule under the masthead
            c.setStrokeColorRGB(0.85, 0, 0)
            c.setLineWidth(1.5)
            c.line(LEFT * MM, (PAGE_H - TOP - 23 - PITCH) * MM, (LEFT + TEXT_W) * MM, (PAGE_H - TOP - 23 - PITCH) * MM)
        x, text = _page_number(n)
        c.setFillColorRGB(0, 0, 0)
        dash, num, _ = text.split(" ")
        # the number and its dashes as three separate strings, as many typesetters leave them
        for k, piece in enumerate((dash, num, dash)):
            c.setFont(FONT, 14)
            c.drawString((x + k * 14.0 / MM * 1.4) * MM, (PAGE_H - BOTTOM - 12) * MM, piece)
        c.showPage()
    c.save()
    return path


# -- OFD (GB/T 33190) --------------------------------------------------------------------------------

_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def make_ofd(o: Official, path: Path) -> Path:
    """An OFD package: OFD.xml → Doc_0/Document.xml → one Content.xml per page, TextObjects with
    Boundary, Size and DeltaX (the letter-spaced issuer through its advances)."""
    laid = layout(o)
    files: dict[str, str] = {}
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_NS} DocType="OFD" Version="1.0"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )
    pages = "".join(
        f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n - 1}/Content.xml"/>' for n in range(1, laid.pages + 1)
    )
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_NS}><ofd:CommonData><ofd:MaxUnitID>9999'
        f"</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    )
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    uid = 100
    for n in range(1, laid.pages + 1):
        objs = []
        runs = [r for r in laid.runs if r.page == n]
        x, text = _page_number(n)
        runs.append(Run(n, x, BOTTOM + 12, 14.0, text))
        for r in runs:
            size = r.size_pt / MM
            adv = [width_mm(c, r.size_pt) + r.char_space_mm for c in r.text]
            width = sum(adv)
            uid += 1
            deltas = " ".join(f"{d:.3f}" for d in adv[:-1])
            objs.append(
                f'<ofd:TextObject ID="{uid}" Boundary="{r.x:.3f} {r.y - size:.3f} {width + 1:.3f} {size * 1.4:.3f}" '
                f'Font="1" Size="{size:.3f}"><ofd:TextCode X="0" Y="{size:.3f}" DeltaX="{deltas}">'
                f"{html_lib.escape(r.text, quote=False)}</ofd:TextCode></ofd:TextObject>"
            )
        files[f"Doc_0/Pages/Page_{n - 1}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_NS}><ofd:Content><ofd:Layer ID="{uid + 5000}">'
            + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            z.writestr(name, files[name])
    return path


# -- Word --------------------------------------------------------------------------------------------


def make_docx(o: Official, path: Path) -> Path:
    """A Word file laid out like the page: masthead in red (the second issuer letter-spaced), 文件 in
    a text box, page numbers and a running head in the header/footer (never part of the text)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "内部资料 注意保存"
    fp = sec.footer.paragraphs[0]
    fp.text = "— 1 —"
    a, b = o.issuers

    def para(text: str, *, center=False, red=False, spacing_pt=0.0, indent=True):
        p = d.add_paragraph()
        run = p.add_run(text)
        if red:
            run.font.color.rgb = RGBColor(0xD9, 0, 0)
            run.font.size = Pt(30)
        if spacing_pt:
            run._r.get_or_add_rPr().append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{int(spacing_pt * 20)}"/>'))
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(32)
        return p

    para(a, red=True, indent=False)
    anchor = para(b, red=True, spacing_pt=(len(a) - len(b)) * 30 / max(len(b) - 1, 1), indent=False)
    # 文件 in a text box anchored in the second issuer's paragraph (the modern drawing markup, with
    # the VML copy Word keeps for old readers)
    box = (
        f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
        "<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文件</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文件"
        "</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    anchor._p.append(parse_xml(box))
    para(o.doc_number, center=True)
    for line in title_lines(o.title):
        para(line, center=True)
    para(o.notice_lines()[0], indent=False)
    for line in o.notice_lines()[1:]:
        para(line)
    para(f"{a}\t{b}", indent=False)
    para(o.date_cn, indent=False)
    para(o.title, center=True)
    for line in o.body:
        para(line)
    copy_to, printed = o.colophon()
    para(copy_to, indent=False)
    para(printed, indent=False)
    d.save(str(path))
    return path


# -- a government web page ----------------------------------------------------------------------------

CHROME = ["【字号：大 中 小】【打印本页】【关闭窗口】", "分享到： 微信 微博 QQ空间"]


def make_html(o: Official, index_number: str = "11500000MB1234567X/2025-00031") -> bytes:
    """A gov.cn-style page: navigation, the 信息公开 block as a table above the article, the article
    (title, notice, signature, the plan), the page tools and a share bar, a footer."""
    a, b = o.issuers
    iso = o.date_cn.replace("年", "-").replace("月", "-").replace("日", "")
    y, m, dd = iso.split("-")
    iso = f"{y}-{int(m):02d}-{int(dd):02d}"
    title = f"关于印发{o.title}的通知"
    info = (
        '<table class="zwgk-info">'
        f"<tr><td>索引号：</td><td>{index_number}</td><td>主题分类：</td><td>工业/科技</td></tr>"
        f"<tr><td>发文机关：</td><td>{a} {b}</td><td>成文日期：</td><td>{iso}</td></tr>"
        f"<tr><td>标　　题：</td><td colspan=\"3\">{html_lib.escape(title)}</td></tr>"
        f"<tr><td>发文字号：</td><td>{o.doc_number}</td><td>发布日期：</td><td>{iso}</td></tr>"
        "</table>"
    )
    esc = html_lib.escape
    paras = "\n".join(
        f"<p>{esc(line)}</p>"
        for line in [*o.notice_lines(), f"{a}　　{b}", o.date_cn]
    )
    body = "\n".join(f'<p style="text-indent:2em">{esc(line)}</p>' for line in o.body)
    nav = "".join(f'<li><a href="/n{i}">{w}</a></li>' for i, w in enumerate(["首页", "政务公开", "政策文件", "互动交流"]))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(title)}_某某市人民政府网</title></head>
<body>
<div class="header"><ul class="nav">{nav}</ul></div>
<div class="main">
  <div class="zwgk">
    {info}
    <div class="article">
      <h1>{esc(title)}</h1>
      <div class="tools">{CHROME[0]}</div>
      <div class="content">
{paras}
<p style="text-align:center">{esc(o.title)}</p>
{body}
      </div>
      <div class="bdshare">{CHROME[1]}</div>
    </div>
  </div>
</div>
<div class="footer"><p>主办：某某市人民政府办公厅 版权所有</p></div>
</body></html>"""
    return page.encode("utf-8")


def web_text(o: Official, index_number: str = "11500000MB1234567X/2025-00031") -> str:
    """The text a reader should get from :func:`make_html`: the 信息公开 block's rows, the title, the
    article; no chrome."""
    a, b = o.issuers
    iso = o.date_cn.replace("年", "-").replace("月", "-").replace("日", "")
    y, m, dd = iso.split("-")
    iso = f"{y}-{int(m):02d}-{int(dd):02d}"
    title = f"关于印发{o.title}的通知"
    return "\n".join([
        f"索引号：\t{index_number}\t主题分类：\t工业/科技",
        f"发文机关：\t{a} {b}\t成文日期：\t{iso}",
        f"标　　题：\t{title}",
        f"发文字号：\t{o.doc_number}\t发布日期：\t{iso}",
        title, *o.notice_lines(), f"{a}　　{b}", o.date_cn, o.title, *o.body,
    ])
