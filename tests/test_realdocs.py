"""Real documents as governments publish them: GB/T 9704 红头文件 typeset as PDF and OFD, the same as
Word and as a government web page (tests/officedocs.py builds them from the seeds and corpus texts).

Each must give the same objects and metadata as the plain text of the same page, and the metadata
the 红头文件 says: the title of the plan it issues, every joint issuer, the 发文字号 and the date.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import futurepolicy
import officedocs as od
from conftest import CORPUS, SEEDS, check_document, seed_text
from futurepolicy.errors import EmptyDocumentError, ReaderError, UnsupportedFormatError
from futurepolicy.io.readers import read_file
from test_readers import objects, squash

pytest.importorskip("reportlab")

CORPUS_SAMPLE = [
    "hefei_2025", "qingdao_2025", "ningxia_2025", "jiangxi_2022", "xinjiang_gwr_2023", "liaoning_2024",
    "nanjing_2023", "suzhou_2023", "wuhan_2024", "guangxi_chain",
]
NAMES = SEEDS + CORPUS_SAMPLE
DATE_CN, DATE_ISO = "2025年3月8日", "2025-03-08"
PAGE_NUMBER_LINE = re.compile(r"^[\s\-—–－]*\d{1,4}[\s\-—–－]*$|第\s*\d+\s*页")
LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){3,}")


def _plain(name: str) -> str:
    return seed_text(name) if name in SEEDS else (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def _official(name: str) -> od.Official:
    """The plan as the body of a joint 印发 notice by two bodies of its region."""
    text = _plain(name)
    plain = futurepolicy.extract(text, source=f"{name}.txt")
    region = plain.meta.region or "某某市"
    title = plain.meta.title or f"{region}未来产业发展行动方案"
    return od.Official(
        (f"{region}发展和改革委员会", f"{region}科学技术局"), "某发改〔2025〕12号", title, DATE_CN,
        [line for line in text.split("\n") if line.strip()],
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every document in every format, built once per session: {name: {kind: path or text}}."""
    root = tmp_path_factory.mktemp("realdocs")
    out = {}
    for name in NAMES:
        o = _official(name)
        out[name] = {
            "official": o,
            "pdf": od.make_pdf(o, root / f"{name}.pdf"),
            "txt": od.page_text(o),
        }
    for name in SEEDS + CORPUS_SAMPLE[:3]:
        o = out[name]["official"]
        out[name]["ofd"] = od.make_ofd(o, root / f"{name}.ofd")
        out[name]["docx"] = od.make_docx(o, root / f"{name}.docx")
        html = root / f"{name}.html"
        html.write_bytes(od.make_html(o))
        out[name]["html"] = html
        out[name]["web_txt"] = od.web_text(o)
    return out


@pytest.fixture(scope="session")
def from_text(built):
    """The plain text of each page, extracted: what every format must match."""
    return {name: futurepolicy.extract(b["txt"], source=f"{name}.txt") for name, b in built.items()}


def _check_header_meta(doc, o: od.Official) -> None:
    m = doc.meta
    assert squash(m.title) == squash(o.title)  # the plan it issues, not the notice
    assert m.issuer == " ".join(o.issuers)  # every joint issuer, the letter-spaced one too
    assert m.doc_number == o.doc_number
    assert m.publish_date == DATE_ISO


def _clean_of_furniture(text: str) -> None:
    for line in text.split("\n"):
        assert not PAGE_NUMBER_LINE.search(line.strip()), line
    assert not LETTER_SPACED.search(text)


@pytest.mark.parametrize("name", NAMES)
def test_gbt_pdf_reads_like_the_text(built, from_text, name):
    b = built[name]
    doc = futurepolicy.extract_file(b["pdf"])
    check_document(doc)
    assert doc.provenance.reader in ("pdf:pypdfium2", "pdf:pdfminer.six")
    # paragraphs, not typeset lines; the masthead's letter spacing undone; no page numbers
    assert [squash(x) for x in doc.text.split("\n")] == [squash(x) for x in b["txt"].split("\n")]
    _clean_of_furniture(doc.text)
    assert objects(doc, squash_text=True) == objects(from_text[name], squash_text=True)
    _check_header_meta(doc, b["official"])


@pytest.mark.parametrize("name", SEEDS)
def test_gbt_pdf_keeps_the_plans_own_objects(built, seed_docs, name):
    """The notice around the plan adds its issuers, not other goals or sections."""
    doc = futurepolicy.extract_file(built[name]["pdf"])
    ref = seed_docs[name]
    assert [(g.value, g.unit, g.target_year) for g in doc.goals] == [(g.value, g.unit, g.target_year) for g in ref.goals]
    assert [(s.number, squash(s.title)) for s in doc.sections] == [(s.number, squash(s.title)) for s in ref.sections]


def test_pdfminer_fallback_reads_the_same(built, monkeypatch):
    pytest.importorskip("pdfminer")
    import sys

    path = built["shanghai_2022"]["pdf"]
    fast = read_file(path)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    slow = read_file(path)
    assert (fast.reader, slow.reader) == ("pdf:pypdfium2", "pdf:pdfminer.six")
    assert [squash(x) for x in slow.text.split("\n")] == [squash(x) for x in fast.text.split("\n")]


@pytest.mark.parametrize("name", SEEDS + CORPUS_SAMPLE[:3])
def test_ofd_reads_like_the_text(built, from_text, name):
    b = built[name]
    doc = futurepolicy.extract_file(b["ofd"])
    check_document(doc)
    assert doc.provenance.reader == "ofd:xml"
    assert [squash(x) for x in doc.text.split("\n")] == [squash(x) for x in b["txt"].split("\n")]
    _clean_of_furniture(doc.text)
    assert objects(doc, squash_text=True) == objects(from_text[name], squash_text=True)
    _check_header_meta(doc, b["official"])


@pytest.mark.parametrize("name", SEEDS + CORPUS_SAMPLE[:3])
def test_docx_reads_like_the_text(built, from_text, name):
    b = built[name]
    doc = futurepolicy.extract_file(b["docx"])
    check_document(doc)
    assert doc.provenance.reader == "docx:python-docx"
    assert "内部资料" not in doc.text and "— 1 —" not in doc.text  # header and footer dropped
    assert doc.text.count("文件") == b["txt"].count("文件")  # the text box read once (not its VML copy)
    ref = objects(from_text[name], squash_text=True)
    got = objects(doc, squash_text=True)
    for key in ("goals", "industries", "measures", "regions", "institutions", "sections", "meta"):
        assert got[key] == ref[key], key
    _check_header_meta(doc, b["official"])


@pytest.mark.parametrize("name", SEEDS + CORPUS_SAMPLE[:3])
def test_web_page_with_information_block(built, name):
    b = built[name]
    doc = futurepolicy.extract_file(b["html"])
    check_document(doc)
    assert doc.provenance.reader == "html:futurepolicy"
    for chrome in ("大 中 小", "打印本页", "关闭窗口", "分享到", "QQ空间", "版权所有", "政务公开"):
        assert chrome not in doc.text, chrome
    assert [squash(x) for x in doc.text.split("\n")] == [squash(x) for x in b["web_txt"].split("\n")]
    ref = futurepolicy.extract(b["web_txt"], source=f"{name}.txt")
    assert objects(doc, squash_text=True) == objects(ref, squash_text=True)
    _check_header_meta(doc, b["official"])


# -- OFD: bad packages --------------------------------------------------------------------------------


def _zip(path: Path, files: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for k, v in files.items():
            z.writestr(k, v)
    return path


def test_ofd_errors_name_the_file_and_the_problem(tmp_path):
    cases = [
        (_zip(tmp_path / "a.ofd", {"readme.txt": "x"}), ReaderError, "OFD.xml"),
        (_zip(tmp_path / "b.ofd", {"OFD.xml": "<ofd:OFD"}), ReaderError, "not well-formed"),
        (_zip(tmp_path / "c.ofd", {"OFD.xml": '<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>'}),
         ReaderError, "lacks Doc_0/Document.xml"),
        (_zip(tmp_path / "d.ofd", {"OFD.xml": "<OFD/>"}), ReaderError, "no pages"),
    ]
    p = tmp_path / "e.ofd"
    p.write_bytes(b"not a zip at all")
    cases.append((p, ReaderError, "not a zip"))
    for path, error, words in cases:
        with pytest.raises(error) as e:
            read_file(path)
        assert str(path) in str(e.value) and words in str(e.value), str(e.value)


def test_ofd_without_text_is_empty(tmp_path):
    doc = '<Document><CommonData><PhysicalBox>0 0 210 297</PhysicalBox></CommonData><Pages>' \
          '<Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></Pages></Document>'
    page = '<Page><Content><Layer><PathObject ID="2" Boundary="0 0 10 10"/></Layer></Content></Page>'
    p = _zip(tmp_path / "scan.ofd", {"OFD.xml": "<OFD><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>",
                                      "Doc_0/Document.xml": doc, "Doc_0/Pages/Page_0/Content.xml": page})
    with pytest.raises(EmptyDocumentError, match="no text"):
        read_file(p)


def test_convert_takes_ofd_files_from_a_folder(built, tmp_path):
    from futurepolicy.batch import convert

    src = tmp_path / "in"
    src.mkdir()
    (src / "plan.ofd").write_bytes(built["hefei_2025"]["ofd"].read_bytes())
    (src / "notes.xyz").write_text("not a plan", encoding="utf-8")
    out = tmp_path / "out"
    convert([src], out, workers=1, progress=False)
    assert sorted(p.name for p in out.iterdir()) == ["plan.json"]
    assert '"reader": "ofd:xml"' in (out / "plan.json").read_text(encoding="utf-8")


def test_ofd_named_docx_is_sniffed(built, tmp_path):
    p = tmp_path / "misnamed.docx"
    p.write_bytes(built["shanghai_2022"]["ofd"].read_bytes())
    assert read_file(p).format == "ofd"


@pytest.mark.parametrize("name", ["plan.wps", "plan.doc"])
def test_old_binary_office_files_are_a_clear_error(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200)
    with pytest.raises(UnsupportedFormatError, match=r"save it as \.docx") as e:
        futurepolicy.extract_file(p)
    assert str(p) in str(e.value)
    wps_in_txt = tmp_path / "renamed.txt"
    wps_in_txt.write_bytes(p.read_bytes())
    with pytest.raises(UnsupportedFormatError, match=r"\.doc/\.wps"):
        read_file(wps_in_txt)


def test_page_tools_and_share_bars_dropped_but_sentences_with_their_words_kept():
    from futurepolicy.io.readers import html_to_text

    body = "".join(f"<p>第{k}条：到2027年，培育{k}家企业，建设一批创新平台。</p>" for k in range(1, 8))
    page = (
        '<html><body><div class="art"><h1>某市促进大中小企业融通发展的若干措施</h1>'
        "<div>【字号：大 中 小】 【打印本页】 【关闭窗口】</div><div>浏览次数：1024 | 收藏 | 纠错</div>"
        f"{body}<p>推动大中小企业融通发展，打印、复印等服务纳入清单。</p>"
        "<div>分享到：<span>微信</span> <span>微博</span> QQ空间</div></div></body></html>"
    )
    lines = html_to_text(page).split("\n")
    assert lines[0] == "某市促进大中小企业融通发展的若干措施"
    assert lines[1:8] == [f"第{k}条：到2027年，培育{k}家企业，建设一批创新平台。" for k in range(1, 8)]
    assert lines[8:] == ["推动大中小企业融通发展，打印、复印等服务纳入清单。"]
