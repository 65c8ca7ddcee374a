"""File readers: encodings, web pages, Word, PDF; typed errors for bad input.

Real files of every kind are built from the seed plans; each must give the same document objects
as ``futurepolicy.extract`` on the UTF-8 text. The builders here are reused by test_batch/test_cli.
"""

from __future__ import annotations

import functools
import html as html_lib
import io
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

import futurepolicy
from conftest import CORPUS_FILES, SEEDS, check_document, seed_text
from futurepolicy.errors import (
    DecodeError,
    EmptyDocumentError,
    FileTooLargeError,
    FuturePolicyError,
    MissingExtraError,
    ReaderError,
    UnsupportedFormatError,
)
from futurepolicy.io.readers import NoTextLayerError, decode_bytes, extract_file, html_to_text, read_file
from futurepolicy.normalize import normalize
from futurepolicy.pipeline import Extractor

# -- builders: real files from a text ---------------------------------------------------------------

NAV = ["首页", "政务公开", "政策文件", "互动交流", "到2099年建成999个导航栏目"]
FOOTER = "主办：某某市人民政府办公厅 版权所有 地址：某某市人民路1号 网站标识码5000000095 ICP备05003300号"
SCRIPT = 'var hint = "到2088年培育888家脚本企业";'


@functools.lru_cache(maxsize=None)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """Simplified → traditional (Taiwan standard, so every character exists in Big5)."""
    return _opencc("s2tw").convert(text)


def make_html(text: str, charset: str = "utf-8") -> bytes:
    """A gov.cn-style page: nav bar, side menu, info table, article body one <p> per line, a table,
    prev/next links, a footer and scripts; encoded in ``charset`` as the meta tag says."""
    paras = "\n".join(
        f'      <p style="text-indent:2em">　　{html_lib.escape(line)}</p>' for line in text.split("\n")
    )
    nav = "".join(f'<li><a href="/n{i}">{w}</a></li>' for i, w in enumerate(NAV))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>政策文件_某某市人民政府网</title><script>{SCRIPT}</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="header"><div class="top-nav"><ul>{nav}</ul></div></div>
<div class="container">
  <div class="left-menu"><a href="/a">通知公告</a><a href="/b">政策解读</a><a href="/c">到2077年公开777项</a></div>
  <div class="article">
    <div id="UCAP-CONTENT" class="TRS_Editor">
{paras}
    </div>
    <div class="pages-nav">上一篇：<a href="/p">关于某事的通知</a> 下一篇：<a href="/n">关于另一事的通知</a></div>
  </div>
</div>
<div class="footer"><p>{FOOTER}</p></div>
<script>document.write("统计代码 到2066年666家");</script>
</body></html>"""
    # pages that declare gb2312 really use GBK (as browsers assume)
    return page.encode("gbk" if charset.lower() == "gb2312" else charset)


def make_docx(text: str, path: Path, table: list[list[str]] | None = None) -> Path:
    """A Word file: one paragraph per line; ``table`` (rows of cells) after the first paragraph."""
    import docx

    d = docx.Document()
    lines = text.split("\n")
    d.add_paragraph(lines[0])
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    for line in lines[1:]:
        d.add_paragraph(line)
    d.save(str(path))
    return path


_HEADING_NUMBER = re.compile(r"^(?:(?P<l0>[一二三四五六七八九十]+、)|(?P<l1>\([一二三四五六七八九十]+\))|(?P<l2>\d+\.))")


def make_numbered_docx(text: str, path: Path) -> Path:
    """A Word file whose heading numbers (一、 (一) 1.) come from Word's automatic list numbering,
    not from the text, as when headings use a numbered style."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "(%2)"), ("decimal", "%3.")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{t}"/>'
        f'<w:suff w:val="nothing"/></w:lvl>'
        for k, (fmt, t) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for line in text.split("\n"):
        m = _HEADING_NUMBER.match(line)
        para = d.add_paragraph(line[m.end():] if m else line)
        if m:
            level = [k for k in range(3) if m.group(f"l{k}")][0]
            para._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))
    d.save(str(path))
    return path


def make_pdf(text: str, path: Path, *, width_em: int = 36, font_size: int = 12, header: str | None = None) -> Path:
    """A PDF with a text layer in the built-in CID font STSong-Light (no font file needed), lines
    hard-wrapped at ``width_em`` ems like a printed plan, page numbers "- n -" in the footer and an
    optional running ``header`` on every page."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    y, page = height - 60, 1

    def footer():
        c.setFont(font, 10)
        c.drawCentredString(width / 2, 30, f"- {page} -")
        if header:
            c.drawCentredString(width / 2, height - 30, header)

    for para in text.split("\n"):
        lines, line = [], ""
        for ch in para:
            if pdfmetrics.stringWidth(line + ch, font, font_size) > width_em * font_size:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
        for ln in lines:
            if y < 60:
                footer()
                c.showPage()
                page += 1
                y = height - 60
            c.setFont(font, font_size)
            c.drawString(60, y, ln)
            y -= font_size * 1.5
    footer()
    c.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A PDF page with only a picture-like drawing: no text layer."""
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)
    c.save()
    return path


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build_seed_files(root: Path, name: str) -> dict[str, Path]:
    """Every kind of file for one seed: {kind: path}."""
    text = seed_text(name)
    files = {
        "utf8": write(root / f"{name}.utf8.txt", text.encode("utf-8")),
        "utf8_bom": write(root / f"{name}.bom.txt", text.encode("utf-8-sig")),
        "gbk": write(root / f"{name}.gbk.txt", text.encode("gbk")),
        "utf16": write(root / f"{name}.u16.txt", text.encode("utf-16")),
        "utf16le": write(root / f"{name}.u16le.txt", text.encode("utf-16-le")),
        "big5": write(root / f"{name}.big5.txt", to_traditional(text).encode("big5")),
        "html": write(root / f"{name}.html", make_html(text, "gbk")),
        "docx": make_docx(text, root / f"{name}.docx"),
        "pdf": make_pdf(text, root / f"{name}.pdf"),
    }
    return files


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def objects(doc, *, squash_text: bool = False) -> dict:
    """A document's objects without offsets (the same plan read from another format has other
    offsets); with ``squash_text`` whitespace is removed from strings (PDF line wraps)."""

    def clean(v):
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if k not in ("span", "start", "end")}
        if isinstance(v, list):
            return [clean(x) for x in v]
        if isinstance(v, str) and squash_text:
            return squash(v)
        return v

    d = doc.to_dict()
    out = {k: clean(d[k]) for k in ("sections", "goals", "industries", "measures", "regions", "institutions")}
    out["meta"] = clean(d["meta"])
    return out


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("seedfiles")
    return {name: build_seed_files(root, name) for name in SEEDS}


@pytest.fixture(scope="module")
def reference_docs():
    return {name: futurepolicy.pipeline.extract(seed_text(name), source=f"{name}.txt") for name in SEEDS}


# -- every format gives the same document ----------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize(
    "kind,encoding",
    [("utf8", "utf-8"), ("utf8_bom", "utf-8-sig"), ("gbk", "gb18030"), ("utf16", "utf-16"), ("utf16le", "utf-16-le")],
)
def test_text_files_in_any_encoding_give_the_same_document(seed_files, reference_docs, name, kind, encoding):
    doc = extract_file(seed_files[name][kind])
    check_document(doc)
    assert doc.text == seed_text(name)
    assert doc.provenance.encoding == encoding
    assert doc.provenance.converted_from_traditional is False
    assert objects(doc) == objects(reference_docs[name])
    assert doc.source == str(seed_files[name][kind])


@pytest.mark.parametrize("name", SEEDS)
def test_big5_traditional_file(seed_files, reference_docs, name):
    """Big5 decodes to the traditional text as written; matching runs on simplified characters."""
    trad = to_traditional(seed_text(name))
    doc = extract_file(seed_files[name]["big5"])
    check_document(doc)
    assert doc.text == trad  # doc.text stays as written
    assert "產業" in doc.text and "产业" not in doc.text
    assert doc.provenance.encoding == "big5"
    assert doc.provenance.converted_from_traditional is True
    # the reader adds nothing: same objects as the same traditional text given directly
    assert objects(doc) == objects(futurepolicy.pipeline.extract(trad, source="x.txt"))
    # and the plan reads the same as the simplified original (names compared in simplified script)
    t2s = _opencc("t2s").convert
    ref = reference_docs[name]
    assert [(g.value, g.value_max, t2s(g.unit), g.comparator, g.target_year, g.section) for g in doc.goals] == [
        (g.value, g.value_max, g.unit, g.comparator, g.target_year, g.section) for g in ref.goals
    ]
    assert [(s.id, s.number, s.level) for s in doc.sections] == [(s.id, s.number, s.level) for s in ref.sections]
    assert sorted(r.code or "" for r in doc.regions) == sorted(r.code or "" for r in ref.regions)


@pytest.mark.parametrize("name", SEEDS)
def test_html_page_gives_the_article_only(seed_files, reference_docs, name):
    doc = extract_file(seed_files[name]["html"])
    check_document(doc)
    assert doc.provenance.encoding == "gb18030"  # from <meta charset=gbk>
    for junk in [*NAV, FOOTER, "统计代码", "到2088年", "上一篇", "通知公告", "政策文件_某某市人民政府网", "p {"]:
        assert junk not in doc.text
    assert squash(doc.text) == squash(seed_text(name))
    # one line per paragraph
    expected_lines = [line.strip() for line in seed_text(name).split("\n") if line.strip()]
    assert doc.text.split("\n") == expected_lines
    assert objects(doc, squash_text=True) == objects(reference_docs[name], squash_text=True)


@pytest.mark.parametrize("name", SEEDS)
def test_docx_gives_the_same_document(seed_files, reference_docs, name):
    doc = extract_file(seed_files[name]["docx"])
    check_document(doc)
    assert doc.provenance.encoding is None
    assert squash(doc.text) == squash(seed_text(name))
    assert objects(doc, squash_text=True) == objects(reference_docs[name], squash_text=True)


@pytest.mark.parametrize("name", SEEDS)
def test_pdf_gives_the_same_document(seed_files, reference_docs, name):
    doc = extract_file(seed_files[name]["pdf"])
    check_document(doc)
    assert "- 1 -" not in doc.text  # page numbers dropped
    assert squash(doc.text) == squash(seed_text(name))
    # the reader rebuilds the paragraphs from the line geometry: one line per paragraph, as written
    assert [squash(p) for p in doc.text.split("\n")] == [squash(p) for p in seed_text(name).split("\n") if p.strip()]
    assert doc.provenance.reader in ("pdf:pypdfium2", "pdf:pdfminer.six")
    ref = objects(reference_docs[name], squash_text=True)
    got = objects(doc, squash_text=True)
    for key in ("goals", "regions", "industries", "institutions", "meta"):
        assert got[key] == ref[key], key


@pytest.mark.parametrize("name", SEEDS)
def test_pdf_sections_and_measures_match(seed_files, reference_docs, name):
    got = objects(extract_file(seed_files[name]["pdf"]), squash_text=True)
    ref = objects(reference_docs[name], squash_text=True)
    assert (got["sections"], got["measures"]) == (ref["sections"], ref["measures"])


def test_html_reader_keeps_headings_lists_and_table_rows():
    page = """<html><head><meta charset="utf-8"></head><body>
    <nav><a href="/">首页</a></nav>
    <div class="content"><h1>某市未来产业行动方案</h1>
      <h2>一、总体要求</h2><p>到2027年，培育
         100家企业。</p>
      <ul><li>建设平台；</li><li>引进人才。</li></ul>
      <table><tr><th>指标</th><th>目标值</th></tr><tr><td>产值</td><td>500亿元</td></tr></table>
      <p>第一行<br/>第二行</p>
    </div><footer>版权所有</footer></body></html>"""
    assert html_to_text(page).split("\n") == [
        "某市未来产业行动方案", "一、总体要求", "到2027年，培育100家企业。", "建设平台；", "引进人才。",
        "指标\t目标值", "产值\t500亿元", "第一行", "第二行",
    ]


def test_html_charset_meta_that_lies_falls_back_to_detection(tmp_path):
    text = "到2027年，打造3—5个未来产业先导区。"
    body = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'.encode("gb18030")
    r = read_file(write(tmp_path / "x.htm", body))
    assert (r.text, r.encoding, r.format) == (text, "gb18030", "html")


def test_docx_tables_in_document_order(tmp_path):
    p = make_docx("第一段。\n第二段。", tmp_path / "t.docx", table=[["指标", "2027年"], ["高新技术企业", "1000家"]])
    assert read_file(p).text.split("\n") == ["第一段。", "指标\t2027年", "高新技术企业\t1000家", "第二段。"]


# -- detection on the real corpus -------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le", "utf-16-be"])
def test_decode_detects_every_corpus_file(encoding):
    for f in CORPUS_FILES:
        text = f.read_text(encoding="utf-8")
        decoded, used = decode_bytes(text.encode(encoding), source=f.name)
        assert (decoded, used) == (text, encoding), f.name


def test_decode_big5_corpus_files():
    n = 0
    for f in CORPUS_FILES:
        trad = to_traditional(f.read_text(encoding="utf-8"))
        try:
            data = trad.encode("big5")
        except UnicodeEncodeError:
            continue  # mojibake or rare characters Big5 lacks
        assert decode_bytes(data, source=f.name) == (trad, "big5"), f.name
        n += 1
    assert n >= 20


@pytest.mark.parametrize(
    "text,encoding",
    [("未来产业", "gb18030"), ("未來產業", "big5"), ("发展未来产业", "utf-16-le"), ("发展未来产业", "utf-16-be"),
     ("plain ASCII plan", "utf-8")],
)
def test_decode_short_texts(text, encoding):
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_decode_forced_encoding():
    data = "产业".encode("gbk")
    assert decode_bytes(data, encoding="gbk") == ("产业", "gbk")
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode_bytes(data, source="f.txt", encoding="utf-8")
    with pytest.raises(ReaderError, match="unknown encoding"):
        decode_bytes(data, encoding="no-such-codec")


def test_forced_encoding_through_extract_file(tmp_path):
    p = write(tmp_path / "p.txt", "到2027年，培育1000家企业。".encode("gbk"))
    assert extract_file(p, encoding="gbk").provenance.encoding == "gbk"
    with pytest.raises(DecodeError):
        extract_file(p, encoding="utf-8")


@pytest.mark.parametrize(
    "data",
    [os.urandom(4000), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, b"\x00" * 50 + b"abc",
     bytes(i % 32 for i in range(2000))],
    ids=["random", "png", "nul", "controls"],
)
def test_binary_is_a_decode_error(tmp_path, data):
    p = write(tmp_path / "bin.txt", data)
    with pytest.raises(DecodeError) as e:
        extract_file(p)
    assert str(p) in str(e.value)


# -- content sniffing, bad input --------------------------------------------------------------------


def test_format_is_sniffed_from_content(tmp_path, seed_files):
    pdf_as_txt = write(tmp_path / "really_a_pdf.txt", seed_files["shanghai_2022"]["pdf"].read_bytes())
    assert read_file(pdf_as_txt).format == "pdf"
    docx_as_html = write(tmp_path / "really_a_docx.html", seed_files["shanghai_2022"]["docx"].read_bytes())
    assert read_file(docx_as_html).format == "docx"
    html_as_txt = write(tmp_path / "page.txt", make_html("到2027年，培育100家企业。"))
    r = read_file(html_as_txt)
    assert (r.format, r.text) == ("html", "到2027年，培育100家企业。")


@pytest.mark.parametrize(
    "name,data,error,words",
    [
        ("empty.txt", b"", EmptyDocumentError, "empty"),
        ("blank.txt", b" \n\r\n\t ", EmptyDocumentError, "whitespace"),
        ("empty.pdf", b"", EmptyDocumentError, "empty"),
        ("fake.pdf", b"<html><body>404 Not Found</body></html>", ReaderError, "%PDF"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", ReaderError, "PDF"),
        ("random.docx", os.urandom(500), ReaderError, "zip"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFormatError, ".docx"),
        ("plan.rtf", b"{\\rtf1 x}", UnsupportedFormatError, "supported"),
        ("noext", b"abc", UnsupportedFormatError, "no extension"),
        ("ole.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFormatError, ".doc"),
        ("empty.html", b"<html><body><script>x=1</script></body></html>", EmptyDocumentError, "no body text"),
    ],
)
def test_bad_files_raise_typed_errors_naming_the_file(tmp_path, name, data, error, words):
    p = write(tmp_path / name, data)
    with pytest.raises(error) as e:
        extract_file(p)
    assert str(p) in str(e.value) and words in str(e.value)


def test_zip_that_is_not_word(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "x")
    with pytest.raises(ReaderError, match="word/document.xml"):
        read_file(write(tmp_path / "a.docx", buf.getvalue()))


def test_truncated_docx_is_a_reader_error(tmp_path, seed_files):
    data = seed_files["chongqing_2024"]["docx"].read_bytes()
    p = write(tmp_path / "cut.docx", data[: len(data) // 2])
    with pytest.raises(ReaderError, match="corrupt"):
        read_file(p)


def test_truncated_pdf_is_a_reader_error(tmp_path, seed_files):
    data = seed_files["chongqing_2024"]["pdf"].read_bytes()
    p = write(tmp_path / "cut.pdf", data[: len(data) // 3])
    with pytest.raises(ReaderError):
        read_file(p)


def test_scanned_pdf_says_no_text_layer(tmp_path):
    p = make_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayerError, match=r"no text layer .*scanned PDF\?"):
        extract_file(p)
    assert issubclass(NoTextLayerError, ReaderError)


def test_encrypted_pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    p = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(p), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(50, 800, "secret plan")
    c.save()
    with pytest.raises(ReaderError) as e:
        read_file(p)
    assert str(p) in str(e.value)


def test_too_large_is_checked_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(20 * 1024**3)  # sparse: reading it would take minutes
    with pytest.raises(FileTooLargeError, match="larger than the limit"):
        read_file(p)
    small = write(tmp_path / "small.txt", "到2027年".encode() * 100)
    with pytest.raises(FileTooLargeError):
        read_file(small, max_bytes=100)
    assert read_file(small, max_bytes=0).text.startswith("到2027年")  # 0: no limit


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReaderError, match="no such file") as e:
        extract_file(tmp_path / "nope.txt")
    assert "nope.txt" in str(e.value)
    d = tmp_path / "dir.txt"
    d.mkdir()
    with pytest.raises(ReaderError, match="directory"):
        extract_file(d)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path):
    p = write(tmp_path / "locked.txt", "产业".encode())
    p.chmod(0)
    try:
        with pytest.raises(ReaderError, match="permission denied"):
            extract_file(p)
    finally:
        p.chmod(0o644)


@pytest.mark.parametrize(
    "modules,kind,extra",
    [(["bs4"], "html", "html"), (["docx"], "docx", "docx"), (["pypdfium2", "pdfminer.high_level"], "pdf", "pdf")],
)
def test_missing_extra_names_the_pip_command(monkeypatch, seed_files, modules, kind, extra):
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)  # import fails
    with pytest.raises(MissingExtraError) as e:
        read_file(seed_files["shanghai_2022"][kind])
    assert f'pip install "futurepolicy[{extra}]"' in str(e.value)
    assert str(seed_files["shanghai_2022"][kind]) in str(e.value)


def test_every_reader_error_is_a_futurepolicy_error():
    for cls in (ReaderError, EmptyDocumentError, DecodeError, UnsupportedFormatError, FileTooLargeError,
                NoTextLayerError, MissingExtraError):
        assert issubclass(cls, FuturePolicyError)


def test_extract_file_is_public_and_takes_rules(seed_files):
    doc = futurepolicy.extract_file(seed_files["shanghai_2022"]["gbk"], rules="national")
    assert [r.name for r in doc.provenance.rules] == ["national"]
    ex = Extractor("national")
    assert extract_file(seed_files["shanghai_2022"]["gbk"], extractor=ex).to_json() == doc.to_json()


def test_utf8_cut_inside_the_last_character_or_with_stray_bytes():
    text = seed_text("shanghai_2022")
    data = text.encode("utf-8")
    cut = data[:-1]  # the file ends inside a character
    assert decode_bytes(cut) == (text[:-1] + "\ufffd", "utf-8")
    k = data.index("未来健康".encode())
    stray = data[:k] + b"\xff" + data[k:]  # one bad byte in 11 KB
    decoded, enc = decode_bytes(stray)
    assert enc == "utf-8" and decoded.replace("\ufffd", "") == text


def test_html_wrapper_with_a_furniture_class_name_is_kept():
    body = "".join(f"<p>第{k}条：到2027年，培育{k}家企业，建设一批创新平台。</p>" for k in range(1, 30))
    page = (f'<html><body><div class="page sidebar-layout"><div class="nav"><a href="/">首页</a></div>'
            f'<div class="text">{body}</div><div class="footer">版权所有 某某市人民政府</div></div></body></html>')
    lines = html_to_text(page).split("\n")
    assert lines[0] == "第1条：到2027年，培育1家企业，建设一批创新平台。" and len(lines) == 29


def test_docx_automatic_numbering_is_rendered(tmp_path, reference_docs):
    import docx

    name = "shanghai_2022"  # one heading per line
    path = make_numbered_docx(seed_text(name), tmp_path / "numbered.docx")
    runs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "明确总体要求" in runs and "指导思想" in runs  # the numbers are not in the text runs
    doc = extract_file(path)
    check_document(doc)
    assert doc.text.split("\n") == [line.strip() for line in seed_text(name).split("\n") if line.strip()]
    assert objects(doc, squash_text=True) == objects(reference_docs[name], squash_text=True)


def test_pdf_letter_spaced_lines_are_read_without_spaces(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    lines = ["到2027年，培育1000家左右高新技术企业。", "打造3-5个未来产业先导区。", "支持 XR 终端产品和应用软件开发。"]
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(tmp_path / "justified.pdf"))
    for i, (line, spacing) in enumerate(zip(lines, [3, 2, 0])):  # justified text: extra space between characters
        t = c.beginText(50, 800 - 30 * i)
        t.setFont("STSong-Light", 12)
        t.setCharSpace(spacing)
        t.textLine(line)
        c.drawText(t)
    c.save()
    assert read_file(tmp_path / "justified.pdf").text.split("\n") == lines


def test_pdf_running_header_and_page_numbers_dropped(tmp_path):
    text = seed_text("shanghai_2022")
    p = make_pdf(text, tmp_path / "headed.pdf", header="某某市人民政府办公厅 内部资料")
    got = read_file(p).text
    assert "内部资料" not in got and "- 2 -" not in got
    assert squash(got) == squash(text)


def test_html_old_layout_table_site():
    body = "".join(f"<p>第{k}条：到2027年，培育{k}家企业，建设一批创新平台。</p>" for k in range(1, 6))
    page = f"""<html><body><table width="100%">
    <tr><td colspan="2"><img src="logo.gif"><a href="/">首页</a> | <a href="/a">机构</a> | <a href="/b">公开</a></td></tr>
    <tr><td width="200"><a href="/1">通知</a><br><a href="/2">公告</a><br><a href="/3">文件</a></td>
    <td><table><tr><td align="center"><b>某市关于加快发展未来产业的实施意见</b></td></tr>
    <tr><td>索引号：000014349/2024-00012　发布日期：2024-05-06</td></tr>
    <tr><td>{body}</td></tr></table></td></tr>
    <tr><td colspan="2">版权所有：某市人民政府办公室　技术支持：某某公司</td></tr></table></body></html>"""
    lines = html_to_text(page).split("\n")
    assert lines[:2] == ["某市关于加快发展未来产业的实施意见", "索引号：000014349/2024-00012\u3000发布日期：2024-05-06"]
    assert lines[2:] == [f"第{k}条：到2027年，培育{k}家企业，建设一批创新平台。" for k in range(1, 6)]
