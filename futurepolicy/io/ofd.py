"""OFD (GB/T 33190) text: the format Chinese government documents increasingly ship in.

An ``.ofd`` file is a zip of XML: ``OFD.xml`` points to each document's ``Document.xml``, which lists
its pages; a page's ``Content.xml`` holds layers of ``TextObject`` elements, each with a
``Boundary`` (x y width height, in millimetres, y downwards), a font ``Size`` and ``TextCode`` runs
whose characters are placed at ``X``/``Y`` with the advances of ``DeltaX``/``DeltaY`` (``g N d``
repeats the advance ``d`` N times). The characters and their boxes go through the same layout
analysis as a PDF's (:func:`futurepolicy.io.pdf.layout_text`): lines, page numbers, paragraphs.

No library is needed: the Python OFD packages on PyPI render or write OFD, and reading the XML
directly is both simpler and faster. Page templates (backgrounds), annotations and signatures are
not read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import xml.etree.ElementTree as ET
from typing import Iterator

from ..errors import EmptyDocumentError, FileTooLargeError, ReaderError
from .pdf import Char, Page, layout_text

__all__ = ["ofd_text", "is_ofd"]

_ZIP_EXPANSION = 20  # the package may unpack to at most this many times max_bytes (zip bombs)
_A4 = (210.0, 297.0)


def is_ofd(names: set[str]) -> bool:
    """Whether a zip archive's member names are those of an OFD package."""
    return "OFD.xml" in names or "ofd.xml" in names


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in el if _local(c.tag) == name)


def _find(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el.iter() if _local(c.tag) == name), None)


def _numbers(s: str | None) -> list[float]:
    try:
        return [float(x) for x in (s or "").split()]
    except ValueError:
        return []


def _deltas(s: str | None) -> list[float]:
    """The advances of a DeltaX/DeltaY attribute, ``g N d`` runs expanded."""
    out: list[float] = []
    toks = (s or "").split()
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            try:
                out += [float(toks[i + 2])] * int(toks[i + 1])
            except ValueError:
                pass
            i += 3
            continue
        try:
            out.append(float(toks[i]))
        except ValueError:
            pass
        i += 1
    return out


def ofd_text(data: bytes, source: str, max_bytes: int | None) -> str:
    """The text of an OFD package, in reading order, paragraphs rebuilt.

    Raises:
        ReaderError: not a readable OFD package (the message says what is missing or broken).
        FileTooLargeError: the package unpacks to far more than ``max_bytes``.
        EmptyDocumentError: no text (a scan).
    """
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ReaderError(f"corrupt .ofd (not a readable zip archive: {e})", source=source) from None
    names = {i.filename for i in infos}
    if max_bytes is not None and sum(i.file_size for i in infos) > _ZIP_EXPANSION * max_bytes:
        raise FileTooLargeError("the .ofd unpacks to too many bytes (zip bomb?)", source=source)
    if not is_ofd(names):
        raise ReaderError("not an OFD package: the zip archive holds no OFD.xml", source=source)
    pages: list[Page] = []
    try:
        root = _xml(z, "OFD.xml" if "OFD.xml" in names else "ofd.xml", source)
        for body in (e for e in root.iter() if _local(e.tag) == "DocBody"):
            doc_root = _find(body, "DocRoot")
            if doc_root is None or not (doc_root.text or "").strip():
                continue
            pages += _document_pages(z, _path("", doc_root.text), source)
    except ReaderError:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError) as e:
        raise ReaderError(f"corrupt .ofd: {type(e).__name__}: {e}", source=source) from None
    if not pages:
        raise ReaderError("corrupt .ofd: no pages found", source=source)
    text = layout_text(pages)
    if not text.strip():
        raise EmptyDocumentError(f"no text in {len(pages)} page(s) (scanned OFD?): run OCR first", source=source)
    return text


def _path(base_dir: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _xml(z: zipfile.ZipFile, name: str, source: str) -> ET.Element:
    try:
        return ET.fromstring(z.read(name))
    except KeyError:
        raise ReaderError(f"corrupt .ofd: the package lacks {name}", source=source) from None
    except ET.ParseError as e:
        raise ReaderError(f"corrupt .ofd: {name} is not well-formed XML ({e})", source=source) from None


def _document_pages(z: zipfile.ZipFile, doc_path: str, source: str) -> list[Page]:
    doc = _xml(z, doc_path, source)
    base = posixpath.dirname(doc_path)
    box = _numbers(_find(doc, "PhysicalBox").text if _find(doc, "PhysicalBox") is not None else "")
    width, height = (box[2], box[3]) if len(box) == 4 else _A4
    pages_el = _find(doc, "Pages")
    out: list[Page] = []
    for page_el in _children(pages_el, "Page") if pages_el is not None else ():
        loc = page_el.get("BaseLoc")
        if not loc:
            continue
        page_path = _path(base, loc)
        page = _xml(z, page_path, source)
        pbox = _find(page, "PhysicalBox")
        w, h = width, height
        if pbox is not None and len(nums := _numbers(pbox.text)) == 4:
            w, h = nums[2], nums[3]
        out.append(Page(w, h, list(_page_chars(page))))
    return out


def _page_chars(page: ET.Element) -> Iterator[Char]:
    content = _find(page, "Content")
    if content is None:
        return
    for obj in content.iter():
        if _local(obj.tag) != "TextObject":
            continue
        bx, by, *_ = _numbers(obj.get("Boundary")) + [0.0, 0.0]
        size = float(obj.get("Size") or 0) or 3.5
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = abs(a * d - b * c) ** 0.5 or 1.0
        for code in _children(obj, "TextCode"):
            yield from _code_chars(code, bx, by, size, (a, b, c, d, e, f), scale)


def _code_chars(code: ET.Element, bx: float, by: float, size: float, ctm: tuple, scale: float) -> Iterator[Char]:
    """The characters of one TextCode with their boxes: the baseline point of each is (X, Y) moved
    by the advances before it (DeltaX/DeltaY; without them, a full em for CJK, half for ASCII)."""
    x, y = float(code.get("X") or 0), float(code.get("Y") or 0)
    dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
    a, b, c, d, e, f = ctm
    em = size * scale
    for i, ch in enumerate(code.text or ""):
        natural = 0.5 * size if ch.isascii() else size
        adv = dx[i] if i < len(dx) else (0.0 if i < len(dy) else natural)
        left, base = bx + a * x + c * y + e, by + b * x + d * y + f
        if ch.isspace():
            width = abs(adv) * scale
        else:  # the advance, up to an em: letter-spaced text advances far more than its glyphs take
            width = (min(abs(adv), size) if 0 < abs(adv) else natural) * scale
        yield Char(" " if ch.isspace() else ch, left, left + width, base - 0.88 * em, base + 0.12 * em, em)
        x += adv
        if i < len(dy):
            y += dy[i]
