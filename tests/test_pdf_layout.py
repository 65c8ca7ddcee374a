"""PDF layout analysis (futurepolicy/io/pdf.py) on small pages drawn here: page numbers in every style,
letter spacing, vertical names, table rows, paragraphs across pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from futurepolicy.io.pdf import Char, Page, layout_text
from futurepolicy.io.readers import read_file

pytest.importorskip("reportlab")
FONT = "STSong-Light"
BODY = [  # single-line paragraphs of clearly different lengths (none is a wrapped line)
    "为加快培育未来产业，抢占新一轮科技革命和产业变革制高点，结合本市实际，制定本方案。",
    "到2027年，全市未来产业规模突破500亿元，培育30家左右骨干企业。",
    "支持高校、科研院所与企业共建创新联合体，开展技术攻关。",
    "完善人才引进和培养机制，建设人才培养基地。",
]


def _canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(str(path), pagesize=A4, invariant=1), A4


def _body(c, y: float, lines=BODY, x: float = 72, size: int = 12) -> float:
    for line in lines:
        c.setFont(FONT, size)
        c.drawString(x, y, line)
        y -= size * 1.8
    return y


@pytest.mark.parametrize("style", ["— {n} —", "- {n} -", "{n}", "第{n}页 共4页", "第 {n} 页", "{n}/4", "Page {n} of 4"])
def test_page_numbers_in_every_style_are_dropped(tmp_path, style):
    c, (w, h) = _canvas(tmp_path / "p.pdf")
    for n in range(1, 5):
        _body(c, h - 150, [BODY[n - 1]])
        c.setFont(FONT, 10)
        label = style.format(n=n)
        (c.drawRightString if n % 2 else c.drawString)(w - 80 if n % 2 else 80, 40, label)
        c.showPage()
    c.save()
    text = read_file(tmp_path / "p.pdf").text
    assert text.split("\n") == BODY


def test_page_number_split_over_three_lines_is_dropped(tmp_path):
    c, (w, h) = _canvas(tmp_path / "split.pdf")
    for n in range(1, 3):
        _body(c, h - 150, [BODY[n - 1]])
        c.setFont(FONT, 10)
        c.drawString(w / 2 - 20, 46, "—")  # the dashes a little above and below the number
        c.drawString(w / 2, 40, str(n))
        c.drawString(w / 2 + 20, 34, "—")
        c.showPage()
    c.save()
    text = read_file(tmp_path / "split.pdf").text
    assert text.split("\n") == BODY[:2]


def test_letter_spaced_names_with_gaps_or_typed_spaces(tmp_path):
    c, (w, h) = _canvas(tmp_path / "spaced.pdf")
    c.setFont(FONT, 22)
    c.drawString(72, h - 130, "某      某      市")  # spaced out by typed spaces
    c.drawString(72, h - 180, "附    件")
    _body(c, h - 240)
    t = c.beginText(72, h - 80)
    t.setFont(FONT, 22)
    t.setCharSpace(30)  # set wide by the typesetter
    t.textLine("某某市科学技术局")
    c.drawText(t)
    c.save()
    lines = read_file(tmp_path / "spaced.pdf").text.split("\n")
    assert lines[:3] == ["某某市科学技术局", "某某市", "附件"]
    assert lines[3:] == BODY


def test_a_vertical_name_beside_the_body_never_enters_it(tmp_path):
    c, (w, h) = _canvas(tmp_path / "vertical.pdf")
    _body(c, h - 100, x=90)
    c.setFont(FONT, 12)
    for k, ch in enumerate("某某市人民政府"):  # one character a line, down the left margin
        c.drawString(40, h - 100 - 14 * k, ch)
    c.save()
    lines = read_file(tmp_path / "vertical.pdf").text.split("\n")
    assert [x for x in lines if x in BODY] == BODY  # every body line whole
    assert set(lines) - set(BODY) <= {"某某市人民政府"}  # the name read top to bottom, or nothing


def test_table_rows_stay_rows_with_tab_separated_cells(tmp_path):
    c, (w, h) = _canvas(tmp_path / "table.pdf")
    rows = [["指标", "2025年", "2027年"], ["未来产业规模（亿元）", "300", "500"], ["骨干企业（家）", "20", "30"]]
    y = h - 80
    for row in rows:
        c.setFont(FONT, 12)
        for x, cell in zip((72, 300, 420), row):
            c.drawString(x, y, cell)
        y -= 24
    _body(c, y - 20)
    c.save()
    lines = read_file(tmp_path / "table.pdf").text.split("\n")
    assert lines[:3] == ["\t".join(r) for r in rows]
    assert lines[3:] == BODY


def _justified(c, text: str, x: float, y: float, width: float, size: int = 12) -> list[str]:
    """Draw ``text`` justified between x and x + width; returns the typeset lines."""
    from reportlab.pdfbase import pdfmetrics

    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > width:
            lines.append(line)
            line = ch
        else:
            line += ch
    lines.append(line)
    return lines


def test_paragraph_runs_on_across_a_page_break(tmp_path):
    from reportlab.pdfbase import pdfmetrics

    para = "".join(BODY) * 3
    c, (w, h) = _canvas(tmp_path / "flow.pdf")
    width, size = 360, 12
    lines = _justified(c, para, 72, 0, width)
    y, page = h - 80, 1
    for k, line in enumerate(lines):
        if k == 6:  # a page break in mid-paragraph
            c.setFont(FONT, 10)
            c.drawCentredString(w / 2, 40, f"- {page} -")
            c.showPage()
            y, page = h - 80, page + 1
        t = c.beginText(72 + (2 * size if k == 0 else 0), y)
        t.setFont(FONT, size)
        if k + 1 < len(lines):
            room = width - (2 * size if k == 0 else 0) - pdfmetrics.stringWidth(line, FONT, size)
            t.setCharSpace(room / max(len(line) - 1, 1))
        t.textLine(line)
        c.drawText(t)
        y -= size * 1.8
    c.setFont(FONT, 10)
    c.drawCentredString(w / 2, 40, f"- {page} -")
    c.save()
    assert read_file(tmp_path / "flow.pdf").text == para


def test_layout_from_characters_directly():
    """The layout analysis works on any source of positioned characters (PDF or OFD)."""
    def chars(text: str, x: float, top: float, size: float = 10.0, step: float = 10.0):
        return [Char(ch, x + k * step, x + k * step + size, top, top + size, size) for k, ch in enumerate(text)]

    page = Page(200, 300, chars("某某市文件", 20, 20, step=30) + chars("到2027年培育企业", 20, 60) + chars("- 1 -", 90, 285))
    assert layout_text([page]).split("\n") == ["某某市文件", "到2027年培育企业"]


def test_two_column_gazette_page_reads_down_each_column(tmp_path):
    from reportlab.pdfbase import pdfmetrics

    def wrapped(text: str) -> list[str]:
        lines = [""]
        for ch in text:
            if pdfmetrics.stringWidth(lines[-1] + ch, FONT, 12) > 220:
                lines.append("")
            lines[-1] += ch
        return lines

    left_paras, right_paras = [BODY[0], BODY[1], BODY[2], BODY[1]], [BODY[3], BODY[1], BODY[0], BODY[2]]
    c, (w, h) = _canvas(tmp_path / "gazette.pdf")
    c.setFont(FONT, 18)
    c.drawCentredString(w / 2, h - 60, "某某市人民政府公报")  # a headline across both columns
    for x, paras in ((60, left_paras), (320, right_paras)):
        y = h - 110
        for para in paras:
            lines = wrapped(para)
            for k, line in enumerate(lines):
                t = c.beginText(x, y)
                t.setFont(FONT, 12)
                if k + 1 < len(lines):  # justified to the column's edge
                    t.setCharSpace((230 - pdfmetrics.stringWidth(line, FONT, 12)) / (len(line) - 1))
                t.textLine(line)
                c.drawText(t)
                y -= 20
    c.save()
    lines = read_file(tmp_path / "gazette.pdf").text.split("\n")
    assert lines == ["某某市人民政府公报", *left_paras, *right_paras]


def test_radical_code_points_from_font_maps_become_ideographs():
    def chars(text: str, top: float):
        return [Char(ch, 20 + 10 * k, 30 + 10 * k, top, top + 10, 10.0) for k, ch in enumerate(text)]

    page = Page(300, 300, chars("⾏动⽅案：建设⼀批⼯程", 40))
    assert layout_text([page]) == "行动方案：建设一批工程"
