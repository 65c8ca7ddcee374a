"""Read policy documents from files: plain text in any common Chinese encoding, saved web pages,
Word ``.docx``, PDF with a text layer and OFD (GB/T 33190). This module dispatches; PDF and OFD
pages are read by layout in :mod:`futurepolicy.io.pdf` and :mod:`futurepolicy.io.ofd`.

The format is decided by content as well as extension: a ``.txt`` or ``.html`` that is really a PDF
(``%PDF-``), a Word file (a zip holding ``word/document.xml``) or an OFD package (a zip holding
``OFD.xml``) is read as one, a ``.txt`` holding a web page is read as HTML; a ``.pdf``/``.docx``/``.ofd``
whose bytes are not one is a :class:`ReaderError`; old binary ``.doc``/``.wps`` files are an
:class:`UnsupportedFormatError` asking for ``.docx``.

Every failure is a :class:`~futurepolicy.errors.ReaderError` subclass naming the file; the readers
never let an exception from deep inside a library escape.

Examples:
    >>> text, enc = decode_bytes("到2027年，培育1000家左右高新技术企业。".encode("gbk"))
    >>> text[:7], enc
    ('到2027年，', 'gb18030')
    >>> decode_bytes("到2027年".encode("utf-8"))
    ('到2027年', 'utf-8')
"""

from __future__ import annotations

import codecs
import functools
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import (
    DecodeError,
    EmptyDocumentError,
    FileTooLargeError,
    FuturePolicyError,
    MissingExtraError,
    NoTextLayerError,
    ReaderError,
    UnsupportedFormatError,
)

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "UNREADABLE_FORMATS",
    "DEFAULT_MAX_BYTES",
    "NoTextLayerError",
    "ReadResult",
    "read_file",
    "decode_bytes",
    "extract_file",
]

SUPPORTED_EXTENSIONS = (".txt", ".htm", ".html", ".docx", ".pdf", ".ofd")
# Document formats met among policy files that cannot be read: listed as failures when found in a
# folder (not skipped in silence), with what to do about them.
UNREADABLE_FORMATS = {
    ".doc": "old binary Word format: save it as .docx",
    ".wps": "WPS Office format: save it as .docx",
    ".et": "WPS spreadsheet format: save the text as .docx",
    ".rtf": "rich text format: save it as .docx",
    ".odt": "OpenDocument text: save it as .docx",
    ".ceb": "Apabi CEB e-document: export it as PDF",
    ".caj": "CNKI CAJ format: export it as PDF",
}
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # files larger than this fail with FileTooLargeError unless max_bytes says more
_ZIP_EXPANSION = 20  # a .docx may unpack to at most this many times max_bytes (zip bombs)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a reader got out of a file.

    Attributes:
        text: the document text, markup removed (``doc.text``).
        encoding: the text encoding used to decode it (``"utf-8"``, ``"gb18030"``, ``"big5"`` …), or
            ``None`` for ``.docx``/``.pdf`` whose text is not stored in a chosen encoding.
        format: ``"txt"``, ``"html"``, ``"docx"``, ``"pdf"`` or ``"ofd"`` (as detected from the content).
        reader: which reader ran, ``format:library`` (``"pdf:pypdfium2"``, ``"docx:python-docx"``,
            ``"html:futurepolicy"``, ``"ofd:xml"``, ``"txt"``); ``doc.provenance.reader``.
    """

    text: str
    encoding: str | None
    format: str
    reader: str = "txt"


# -- reading a file --------------------------------------------------------------------------------


def read_file(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int | None = None
) -> ReadResult:
    """Read one file and return its text (no extraction).

    Args:
        path: a ``.txt``, ``.htm``/``.html``, ``.docx``, ``.pdf`` or ``.ofd`` file.
        encoding: force this text encoding for ``.txt``/``.html`` (default: detect).
        max_bytes: fail files larger than this (checked before reading); ``None`` means
            :data:`DEFAULT_MAX_BYTES`, ``0`` means no limit.

    Raises:
        UnsupportedFormatError: the extension or content is not a supported format.
        FileTooLargeError: the file is larger than ``max_bytes``.
        EmptyDocumentError: the file holds no text (:class:`NoTextLayerError` for a scanned PDF).
        DecodeError: the bytes are binary or no known text encoding fits.
        MissingExtraError: the optional package for this format is not installed.
        ReaderError: the file is missing, unreadable or corrupt (the message says why).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
        >>> _ = p.write_bytes("（一）发展目标\\n到2027年，打造3—5个先导区。".encode("gb18030"))
        >>> r = read_file(p)
        >>> r.encoding, r.format, r.text.splitlines()[0]
        ('gb18030', 'txt', '（一）发展目标')
    """
    source = os.fspath(path)
    ext = Path(source).suffix.lower()
    if not os.path.lexists(source):
        raise ReaderError("no such file or folder", source=source)
    if ext not in SUPPORTED_EXTENSIONS:
        hint = f" ({UNREADABLE_FORMATS[ext]})" if ext in UNREADABLE_FORMATS else ""
        raise UnsupportedFormatError(
            f"unsupported file type {ext or '(no extension)'!r}{hint}; supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            source=source,
        )
    data = _read_bytes(source, _limit(max_bytes))
    kind = _sniff(data, ext, source)
    if kind == "pdf":
        from .pdf import pdf_text

        text, reader = pdf_text(data, source)
        return ReadResult(text, None, "pdf", f"pdf:{reader}")
    if kind == "docx":
        return ReadResult(_docx_text(data, source, _limit(max_bytes)), None, "docx", "docx:python-docx")
    if kind == "ofd":
        from .ofd import ofd_text

        return ReadResult(ofd_text(data, source, _limit(max_bytes)), None, "ofd", "ofd:xml")
    if kind == "html":
        text, enc = _html_text(data, source, encoding)
        return ReadResult(text, enc, "html", _HTML_READER)
    text, enc = decode_bytes(data, source=source, encoding=encoding)
    if ext == ".txt" and _looks_like_html(text):
        text, enc = _html_text(data, source, encoding)
        return ReadResult(text, enc, "html", _HTML_READER)
    return ReadResult(text, enc, "txt")


def _limit(max_bytes: int | None) -> int | None:
    if max_bytes is None:
        return DEFAULT_MAX_BYTES
    if max_bytes < 0:
        raise ValueError("max_bytes must be >= 0")
    return max_bytes or None


def _read_bytes(source: str, max_bytes: int | None) -> bytes:
    """The bytes of a regular file, checked before they are read.

    Only regular files are opened: a FIFO, socket or device named ``plan.txt`` would block or never
    end, so it is a :class:`ReaderError`. The file is opened non-blocking and checked again on the
    open descriptor, so a file swapped for a FIFO between the two looks cannot hang the reader.
    """
    try:
        st = os.stat(source)
    except FileNotFoundError:
        raise ReaderError("no such file or folder", source=source) from None
    except PermissionError:
        raise ReaderError("permission denied", source=source) from None
    except (OSError, ValueError) as e:
        raise ReaderError(f"cannot read the file: {getattr(e, 'strerror', None) or e}", source=source) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReaderError("is a directory, not a file", source=source)
    if not stat.S_ISREG(st.st_mode):
        raise ReaderError(f"is not a regular file ({_file_kind(st.st_mode)})", source=source)
    if max_bytes is not None and st.st_size > max_bytes:
        raise FileTooLargeError(
            f"file is {st.st_size:,} bytes, larger than the limit of {max_bytes:,} bytes "
            "(raise max_bytes / --max-bytes)",
            source=source,
        )
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise ReaderError("permission denied", source=source) from None
    except OSError as e:
        raise ReaderError(f"cannot read the file: {e.strerror or e}", source=source) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ReaderError(f"is not a regular file ({_file_kind(mode)})", source=source)
        with os.fdopen(fd, "rb") as f:
            fd = -1
            data = f.read(max_bytes + 1) if max_bytes is not None else f.read()
    except PermissionError:
        raise ReaderError("permission denied", source=source) from None
    except OSError as e:
        raise ReaderError(f"cannot read the file: {e.strerror or e}", source=source) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:  # grew while we looked
        raise FileTooLargeError(f"file is larger than the limit of {max_bytes:,} bytes", source=source)
    return data


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "an unknown kind of file"


_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _sniff(data: bytes, ext: str, source: str) -> str:
    """The format of ``data`` from its leading bytes, then its extension."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "ofd" if ext == ".ofd" or _zip_is_ofd(data) else "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnsupportedFormatError(
            "an old binary Word/WPS Office file (.doc/.wps), not supported: save it as .docx", source=source
        )
    if ext == ".pdf":
        if not data.strip():
            raise EmptyDocumentError("empty file", source=source)
        raise ReaderError("corrupt or mis-named PDF: the file does not start with %PDF-", source=source)
    if ext in (".docx", ".ofd"):
        if not data.strip():
            raise EmptyDocumentError("empty file", source=source)
        raise ReaderError(f"corrupt or mis-named {ext}: the file is not a zip archive", source=source)
    if ext in (".htm", ".html"):
        return "html"
    if _HTML_START.match(data[:4096].lstrip(codecs.BOM_UTF8)):
        return "html"
    return "txt"



def _zip_is_ofd(data: bytes) -> bool:
    """Whether a zip archive is an OFD package (a .docx/.txt-named .ofd is read as one)."""
    from .ofd import is_ofd

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return is_ofd(set(z.namelist()))
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4096].encode("utf-8", "replace")))


# -- decoding text ---------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "euccn", "ms936", "x_mac_simp_chinese"}
_BIG5_FAMILY = {"big5", "big5hkscs", "cp950", "big5_tw", "csbig5"}


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name.lower().replace("-", "_")


def decode_bytes(data: bytes, source: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file; returns ``(text, encoding used)``.

    Detection: a byte-order mark wins (UTF-8/UTF-16/UTF-32); then UTF-8 if the bytes are valid
    UTF-8; otherwise the candidates GB18030 (for the whole GBK family), Big5 and UTF-16 without BOM,
    plus charset-normalizer's guess, are decoded and the one that reads most like Chinese text is
    kept (share of CJK/ASCII/punctuation characters, and of the commonest characters of simplified
    or traditional Chinese). A result that is not mostly text is a :class:`DecodeError`.

    Args:
        data: the raw bytes.
        source: the file name, for error messages.
        encoding: force this encoding (``"gbk"``, ``"big5"`` …); no detection.

    Raises:
        EmptyDocumentError: no bytes, or only whitespace.
        DecodeError: binary data, or bytes that fit no encoding (or not the forced one).
        ReaderError: an unknown ``encoding`` name.

    Examples:
        >>> decode_bytes("發展未來產業".encode("big5"))
        ('發展未來產業', 'big5')
        >>> decode_bytes("未来产业".encode("utf-16"))
        ('未来产业', 'utf-16')
    """
    if not data or not data.strip(b" \t\r\n\x0b\x0c\x00"):
        raise EmptyDocumentError("empty file" if not data else "the file holds only whitespace", source=source)
    if encoding:
        return _decode_forced(data, source, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {name} byte-order mark but is not valid {name} ({e.reason} at byte {e.start})",
                    source=source,
                ) from None
            return _checked(text, name, source), name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.end == len(data):  # cut inside the last character
            return _checked(data.decode("utf-8", "replace"), "utf-8", source), "utf-8"
    else:
        if b"\x00" not in data:
            return _checked(text, "utf-8", source), "utf-8"
    best = _best_candidate(data)
    if best is None:
        lossy = _mostly_utf8(data)
        if lossy is not None:  # a few stray bytes in UTF-8 text: keep it, with U+FFFD for them
            return _checked(lossy, "utf-8", source), "utf-8"
        raise DecodeError(
            "not text in any supported encoding (binary file?); try --encoding / encoding=", source=source
        )
    text, name = best
    return _checked(text, name, source), name


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few invalid bytes (at most 1 in 1000), decoded with U+FFFD for them."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    return text if bad <= max(1, len(data) // 1000) else None


def _decode_forced(data: bytes, source: str | None, encoding: str) -> tuple[str, str]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ReaderError(f"unknown encoding {encoding!r}", source=source) from None
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as e:
        raise DecodeError(f"not valid {encoding} text ({e.reason} at byte {e.start})", source=source) from None
    if not text.strip():
        raise EmptyDocumentError("the file holds only whitespace", source=source)
    return text, name


def _checked(text: str, name: str, source: str | None) -> str:
    if not text.strip(" \t\r\n\x0b\x0c\x00\ufeff"):
        raise EmptyDocumentError("the file holds only whitespace", source=source)
    good, bad = _text_shares(text)
    if bad > 0.01 or good < 0.85:
        raise DecodeError(
            f"decoded as {name} but it is not text ({bad:.0%} control characters, {good:.0%} CJK/ASCII); binary file?",
            source=source,
        )
    return text


def _best_candidate(data: bytes) -> tuple[str, str] | None:
    names: list[str] = []
    guess = _charset_normalizer_guess(data)
    if guess:
        names.append(guess)
    names += ["gb18030", "big5", "cp950"]
    if len(data) % 2 == 0:
        names += ["utf-16-le", "utf-16-be"]
    seen: set[str] = set()
    best: tuple[tuple[float, ...], str, str] | None = None
    for name in names:
        key = _canonical(name)
        if key in seen:
            continue
        seen.add(key)
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        good, bad = _text_shares(text)
        if bad > 0.01 or good < 0.85:
            continue
        score = (round(_common_share(text), 2), round(good, 3))
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None or best[0][0] < 0.6:
        return None
    return best[1], best[2]


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a core dependency
        return None
    try:
        match = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - detection is advisory only
        return None
    if match is None:
        return None
    name = _canonical(match.encoding)
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _BIG5_FAMILY:
        return "big5" if name == "big5" else name
    if name in ("utf_16", "utf-16"):
        return None  # without a BOM: the explicit -le/-be candidates decide
    return name


def _char_class(cp: int) -> int:
    """1 = text-like (CJK, ASCII, punctuation, letters), -1 = control/private use, 0 = other."""
    if 0x20 <= cp < 0x7F or cp in (0x09, 0x0A, 0x0D, 0x0C):
        return 1
    if cp < 0x20 or 0x7F <= cp < 0xA0:
        return -1
    if (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF  # hanzi
        or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF or 0xFE30 <= cp <= 0xFE4F  # CJK punctuation, widths
        or 0x2000 <= cp <= 0x206F or 0x2100 <= cp <= 0x27BF  # general punctuation, symbols, ①, ■
        or 0xA0 <= cp <= 0x24F or 0x370 <= cp <= 0x4FF or 0x2E80 <= cp <= 0x2FDF or 0x3100 <= cp <= 0x31BF
        or cp == 0xFFFD
    ):
        return 1
    if 0xE000 <= cp <= 0xF8FF or 0xD800 <= cp <= 0xDFFF or 0xFFF0 <= cp <= 0xFFFF:
        return -1
    return 0


@functools.lru_cache(maxsize=65536)
def _char_class_cached(ch: str) -> int:
    return _char_class(ord(ch))


def _text_shares(text: str) -> tuple[float, float]:
    """(share of text-like characters, share of control/private-use characters) of a sample."""
    sample = text[:100_000]
    n = len(sample) or 1
    good = bad = 0
    for ch in sample:
        c = _char_class_cached(ch)
        if c > 0:
            good += 1
        elif c < 0:
            bad += 1
    return good / n, bad / n


@functools.lru_cache(maxsize=65536)
def _is_common_hanzi(ch: str) -> bool:
    """Whether ``ch`` is among the commonest hanzi: GB2312 level 1 (simplified) or Big5 level 1 (traditional)."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        if len(b) == 2 and 0xA4 <= b[0] <= 0xC6:
            return True
    except UnicodeEncodeError:
        pass
    return False


def _common_share(text: str) -> float:
    """Share of common hanzi among the hanzi of a sample (1.0 when there are none): a wrong
    decoding of Chinese text gives rare characters."""
    hanzi = [c for c in text[:100_000] if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"]
    if not hanzi:
        good, _ = _text_shares(text)
        return good
    return sum(1 for c in hanzi if _is_common_hanzi(c)) / len(hanzi)


# -- HTML ------------------------------------------------------------------------------------------

# Our own readability-style reader. Measured on gov.cn-style pages (10 pages, 180 body paragraphs):
# trafilatura 2.3 and readability-lxml 0.9 keep every paragraph and drop the chrome too, and are faster,
# but both drop the 信息公开 block (索引号, 发文机关, 成文日期 …) that the metadata needs; this one keeps it.
_HTML_READER = "html:futurepolicy"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _html_text(data: bytes, source: str, encoding: str | None) -> tuple[str, str]:
    """Decode a saved web page (forced encoding, BOM, meta charset, detection) and return its article text."""
    html, enc = _decode_html(data, source, encoding)
    text = html_to_text(html, source=source)
    if not text.strip():
        raise EmptyDocumentError("the web page has no body text", source=source)
    return text, enc


def _decode_html(data: bytes, source: str, encoding: str | None) -> tuple[str, str]:
    if encoding or any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data, source=source, encoding=encoding)
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "replace")
        name = _canonical(declared)
        if name in _GB_FAMILY:
            name = "gb18030"
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            pass  # the page lies about its charset (common): detect
    return decode_bytes(data, source=source)


_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select",
    "input", "textarea", "nav", "aside", "object", "embed", "map", "head", "title", "link", "meta",
)
# class/id tokens of page furniture (markup conventions, not document vocabulary)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|sidebar|share|copyright|toolbar|login|"
    r"search|topbar|skip|ad|ads|advert)(?:$|[\s_\d-])",
    re.I,
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hgroup hr li main menu ol p pre section summary table tbody thead tfoot "
    "tr td th ul caption html".split()
)
_PARA_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li td th pre blockquote dd dt".split())
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# a line break in the page source next to a CJK character is a source wrap, not a space
_WRAP_BETWEEN_CJK = re.compile(
    rf"(?<=[{_CJK}])[ \t\r\n\f]*\n[ \t\r\n\f]*(?=\S)|(?<=\S)[ \t\r\n\f]*\n[ \t\r\n\f]*(?=[{_CJK}])"
)
_WS_RUN = re.compile(r"[ \t\r\n\f]+")
_EDGE_WS = " \t\r\n\f\u00a0\u3000\u200b\ufeff"
_PUNCT = re.compile(r"[,，。、;；:：]")


def html_to_text(html: str, source: str | None = None) -> str:
    """The article text of a web page: navigation, scripts, styles, forms, headers and footers
    removed; headings, paragraphs and list items one per line; table rows one per line, cells
    separated by a tab.

    The article is picked readability-style: paragraphs credit their parent (and half their
    grandparent) by their length and punctuation; the best container, discounted by its link
    density, wins, and grows to enclosing wrappers that add little and mostly non-link text (the
    title and the 发文字号 block above a gov.cn article body).

    Raises:
        MissingExtraError: BeautifulSoup or lxml is not installed (``pip install "futurepolicy[html]"``).

    Examples:
        >>> page = ('<html><body><div class="nav"><a href="/">首页</a> <a href="/x">政务公开</a></div>'
        ...         '<div id="content"><h1>某市未来产业行动方案</h1><p>到2027年，培育100家企业。</p></div>'
        ...         '<div class="footer">版权所有</div><script>var a=1;</script></body></html>')
        >>> print(html_to_text(page))
        某市未来产业行动方案
        到2027年，培育100家企业。
    """
    soup = _soup(html, source)
    _strip_furniture(soup)
    root = _pick_article(soup)
    lines = _Renderer().render(root)
    chrome = _site_chrome()
    return "\n".join(line for line in lines if not _is_chrome(line, chrome))


@functools.lru_cache(maxsize=1)
def _site_chrome() -> frozenset[str]:
    """The site-chrome words of the national pack (``layout_words: site_chrome``)."""
    from ..rules import resolve_rules

    return frozenset(resolve_rules("national").word_list("layout_words", "site_chrome"))


_CHROME_SPLIT = re.compile(r"[\s【】\[\]()（）|｜:：/、,，>»·]+")


def _is_chrome(line: str, chrome: frozenset[str]) -> bool:
    """A line of page tools only: 【字号：大 中 小】【打印本页】【关闭窗口】, 分享到：微信 微博, 浏览次数：123."""
    tokens = [t for t in _CHROME_SPLIT.split(line) if t]
    words = [t for t in tokens if not t.isdigit()]
    return bool(words) and all(t in chrome for t in words)


def _soup(html: str, source: str | None):
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        raise MissingExtraError("html", "beautifulsoup4", purpose="read .html files", source=source) from None
    try:
        import lxml  # noqa: F401
    except ImportError:
        raise MissingExtraError("html", "lxml", purpose="read .html files", source=source) from None
    try:
        return BeautifulSoup(html, "lxml")
    except Exception as e:  # noqa: BLE001 - parser failure on garbage
        raise ReaderError(f"cannot parse the web page: {type(e).__name__}: {e}", source=source) from None


def _strip_furniture(soup: Any) -> None:
    """Drop scripts, styles, forms, hidden elements and page furniture (navigation, banners, footers,
    side menus by tag, ARIA role or class/id). A furniture-looking element that holds most of the
    page's text is kept: it is a layout wrapper with an unlucky class name, not furniture."""
    from bs4 import Comment

    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for el in soup.find_all(_DROP_TAGS):
        el.decompose()
    body = soup.body or soup
    sizes = _measure(body)
    page_total = max(sizes[id(body)][0], 1)

    def furniture(el: Any) -> bool:
        total, links, _ = sizes.get(id(el), (0, 0, 0))
        return links > 0.5 * total or total <= 0.5 * page_total

    doomed = []
    for el in body.find_all(True):
        attrs = el.attrs or {}
        style = str(attrs.get("style", "")).replace(" ", "").lower()
        if "display:none" in style or "hidden" in attrs:
            doomed.append(el)
            continue
        role = str(attrs.get("role", "")).lower()
        names = " ".join([*(attrs.get("class") or []), str(attrs.get("id", ""))])
        if (
            el.name == "footer"
            or (el.name == "header" and el.find_parent(["article", "main"]) is None)
            or role in ("navigation", "banner", "contentinfo", "search", "menu")
            or (names and _FURNITURE.search(names))
        ) and furniture(el):
            doomed.append(el)
    for el in doomed:
        if not el.decomposed:
            el.decompose()


def _measure(root: Any) -> dict[int, tuple[int, int, int]]:
    """(text length, link text length, punctuation count) of every element below ``root``,
    whitespace excluded, in one bottom-up pass (linear in the page)."""
    from bs4 import NavigableString, Tag

    sizes: dict[int, tuple[int, int, int]] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, visited = stack.pop()
        if not visited:
            stack.append((el, True))
            stack.extend((c, False) for c in el.children if isinstance(c, Tag))
            continue
        total = links = punct = 0
        for c in el.children:
            if isinstance(c, Tag):
                t, lk, pu = sizes[id(c)]
            elif isinstance(c, NavigableString):
                t, lk, pu = len(_WS_RUN.sub("", c)), 0, len(_PUNCT.findall(c))
            else:
                continue
            total, links, punct = total + t, links + lk, punct + pu
        sizes[id(el)] = (total, total if el.name == "a" else links, punct)
    return sizes


def _pick_article(soup: Any) -> Any:
    body = soup.body or soup
    sizes = _measure(body)
    scores: dict[int, float] = {}
    nodes: dict[int, Any] = {}
    for el in body.find_all(True):
        if el.name in _PARA_TAGS or (el.name in ("div", "section", "article", "span", "font") and _own_text(el)):
            total, links, punct = sizes[id(el)]
            plain = total - links
            if plain < 10:
                continue
            points = 1 + punct + min(plain / 100, 3)
            parent = el.parent
            if parent is None:
                continue
            for anc, share in ((parent, 1.0), (parent.parent, 0.5)):
                if anc is None or anc.name is None or id(anc) not in sizes:
                    continue
                scores[id(anc)] = scores.get(id(anc), 0.0) + points * share
                nodes[id(anc)] = anc
    if not scores:
        return body
    best, best_score = None, -1.0
    for key, s in scores.items():
        total, links, _ = sizes[key]
        s *= 1 - (links / total if total else 0)
        if s > best_score:
            best, best_score = nodes[key], s
    # grow to wrappers that add a little, mostly non-link text (title, date, 发文字号 above the body)
    cur_total, cur_links, _ = sizes[id(best)]
    while best.parent is not None and best.parent.name not in (None, "[document]", "html", "body"):
        total, links, _ = sizes[id(best.parent)]
        extra, extra_links = total - cur_total, links - cur_links
        if extra and (extra_links > 0.3 * extra or extra > 0.5 * max(cur_total, 1)):
            break
        best, cur_total, cur_links = best.parent, total, links
    return best


def _own_text(el: Any) -> bool:
    from bs4 import NavigableString

    return any(isinstance(c, NavigableString) and c.strip() for c in el.children)


class _Renderer:
    """Turns an element tree into lines: blocks break lines, ``<br>`` breaks, table rows one per line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.link_chars = 0

    def render(self, root: Any) -> list[str]:
        self._walk(root)
        self._flush()
        return self.lines

    def _flush(self) -> None:
        raw = "".join(self.buf)
        self.buf = []
        links, self.link_chars = self.link_chars, 0
        line = _clean_line(raw)
        if not line:
            return
        if links and links > 0.5 * len(_WS_RUN.sub("", line)) and len(self.lines) > 0:
            return  # a line of links (上一篇/下一篇, related items) left inside the article
        self.lines.append(line)

    def _walk(self, el: Any, in_link: bool = False) -> None:
        from bs4 import NavigableString

        for child in el.children:
            if isinstance(child, NavigableString):
                s = str(child)
                self.buf.append(s)
                if in_link:
                    self.link_chars += len(_WS_RUN.sub("", s))
                continue
            name = child.name
            if name == "br":
                self._flush()
            elif name == "tr":
                self._flush()
                self._row(child)
            elif name in _BLOCK_TAGS:
                self._flush()
                self._walk(child, in_link)
                self._flush()
            else:
                self._walk(child, in_link or name == "a")

    def _row(self, tr: Any) -> None:
        cells = []
        layout = False
        for cell in tr.find_all(["td", "th"], recursive=False):
            sub = _Renderer()
            sub._walk(cell)
            sub._flush()
            if len(sub.lines) > 1:
                layout = True
            cells.append(sub.lines)
        if layout:  # a layout table: its cells are blocks, not data
            self.lines.extend(line for lines in cells for line in lines)
            return
        row = "\t".join(" ".join(lines) for lines in cells)
        if row.strip():
            self.lines.append(row.rstrip("\t"))


def _clean_line(raw: str) -> str:
    s = _WRAP_BETWEEN_CJK.sub("", raw)
    s = _WS_RUN.sub(" ", s)
    return s.strip(_EDGE_WS)


# -- Word .docx ------------------------------------------------------------------------------------


def _docx_text(data: bytes, source: str, max_bytes: int | None) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise MissingExtraError("docx", "python-docx", purpose="read .docx files", source=source) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ReaderError(f"corrupt .docx (not a readable zip archive: {e})", source=source) from None
    if "word/document.xml" not in names:
        raise ReaderError("not a Word .docx: the zip archive holds no word/document.xml", source=source)
    if max_bytes is not None and unpacked > _ZIP_EXPANSION * max_bytes:
        raise FileTooLargeError(f"the .docx unpacks to {unpacked:,} bytes (zip bomb?)", source=source)
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        _docx_blocks(document.element.body, document, lines, Paragraph, Table, _DocxNumbering(document))
    except FuturePolicyError:
        raise
    except Exception as e:  # noqa: BLE001 - python-docx/lxml/zip errors on a corrupt file
        raise ReaderError(f"corrupt .docx: {type(e).__name__}: {e}", source=source) from None
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocumentError("the Word document has no text", source=source)
    return text


def _docx_blocks(
    parent: Any, document: Any, lines: list[str], Paragraph: Any, Table: Any, numbering: "_DocxNumbering"
) -> None:
    """Paragraphs (with their automatic numbers), the text boxes anchored in them, and table rows of a
    body element, in document order (content controls opened). Headers and footers are not part of
    the body: running heads and page numbers never reach the text."""
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            label = numbering.label(child)
            text = Paragraph(child, document).text.strip(_EDGE_WS)
            if text:
                lines.append(label + text)
            for box in _text_boxes(child):
                _docx_blocks(box, document, lines, Paragraph, Table, numbering)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell repeats
                    seen.add(id(cell._tc))
                    cells.append(_WS_RUN.sub(" ", cell.text).strip(_EDGE_WS))
                row_text = "\t".join(cells).rstrip("\t")
                if row_text.strip():
                    lines.append(row_text)
        elif tag == "sdt":
            for content in child.iterchildren():
                if isinstance(content.tag, str) and content.tag.endswith("}sdtContent"):
                    _docx_blocks(content, document, lines, Paragraph, Table, numbering)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(p: Any) -> list[Any]:
    """The outermost text-box contents (``w:txbxContent``) anchored in paragraph ``p``; the VML copy
    Word keeps in ``mc:Fallback`` for old readers is skipped (it repeats the same text)."""
    boxes = []
    for box in p.iter(_W + "txbxContent"):
        for up in box.iterancestors():
            if up is p:
                boxes.append(box)
                break
            if up.tag in (_W + "txbxContent", _MC_FALLBACK):
                break
    return boxes
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"  # Word's ideographTraditional numbering


def _wval(el: Any) -> str | None:
    return None if el is None else el.get(_W + "val")


def _format_number(n: int, fmt: str) -> str:
    """A list number in one of Word's numbering formats (``chineseCounting`` 3 → 三)."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "chineseLegalSimplified", "ideographLegalTraditional", "ideographDigital",
               "taiwaneseDigital"):
        import cn2an

        mode = "up" if "Legal" in fmt else "direct" if "Digital" in fmt else "low"
        return cn2an.an2cn(n, mode)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        out, rest = "", n
        for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while rest >= value:
                out, rest = out + sym, rest - value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


class _DocxNumbering:
    """Word's automatic paragraph numbers (一、 (一) 1. ①), rendered as printed.

    A heading numbered by a list style carries no number in its text; without this, ``一、总体要求``
    would read as ``总体要求`` and the outline would be lost.
    """

    def __init__(self, document: Any):
        self.levels: dict[str, dict[int, list[Any]]] = {}  # numId -> ilvl -> [format, text, start, suffix]
        self.counts: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str | None] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part
            root = None
        if root is not None:
            abstract: dict[str | None, dict[int, list[Any]]] = {}
            for an in root.findall(_W + "abstractNum"):
                levels = {}
                for lvl in an.findall(_W + "lvl"):
                    levels[int(lvl.get(_W + "ilvl", "0"))] = [
                        _wval(lvl.find(_W + "numFmt")) or "decimal",
                        _wval(lvl.find(_W + "lvlText")) or "",
                        int(_wval(lvl.find(_W + "start")) or 1),
                        _wval(lvl.find(_W + "suff")) or "tab",
                    ]
                abstract[an.get(_W + "abstractNumId")] = levels
            for num in root.findall(_W + "num"):
                levels = {k: list(v) for k, v in abstract.get(_wval(num.find(_W + "abstractNumId")), {}).items()}
                for ov in num.findall(_W + "lvlOverride"):
                    start = _wval(ov.find(_W + "startOverride"))
                    ilvl = int(ov.get(_W + "ilvl", "0"))
                    if start is not None and ilvl in levels:
                        levels[ilvl][2] = int(start)
                self.levels[num.get(_W + "numId")] = levels
        try:
            styles = document.styles.element.findall(_W + "style")
        except Exception:  # noqa: BLE001 - no styles part
            styles = []
        for st in styles:
            sid = st.get(_W + "styleId")
            self.style_parent[sid] = _wval(st.find(_W + "basedOn"))
            num_pr = st.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                ilvl = _wval(num_pr.find(_W + "ilvl"))
                self.style_numbering[sid] = (_wval(num_pr.find(_W + "numId")), int(ilvl) if ilvl else None)

    def _from_style(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_numbering:
                return self.style_numbering[style_id]
            style_id = self.style_parent.get(style_id)
        return None, None

    def label(self, p: Any) -> str:
        """The number printed before paragraph ``p`` ("" if none), counting it."""
        if not self.levels:
            return ""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id, ilvl = self._from_style(_wval(p.find(f"{_W}pPr/{_W}pStyle")))
        if num_pr is not None:
            num_id = _wval(num_pr.find(_W + "numId")) or num_id
            own = _wval(num_pr.find(_W + "ilvl"))
            ilvl = int(own) if own is not None else ilvl
        levels = self.levels.get(num_id or "")
        ilvl = ilvl or 0
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})  # type: ignore[arg-type]
        counts[ilvl] = counts.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new item restarts the levels below it
        fmt, text, _, suffix = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def number(m: "re.Match[str]") -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            return _format_number(counts.get(k, lv[2]), lv[0])

        out = re.sub(r"%([1-9])", number, text)
        return out + (" " if suffix == "space" else "")


# -- extraction ------------------------------------------------------------------------------------

def extract_file(
    path: str | os.PathLike[str],
    rules: Any = None,
    encoding: str | None = None,
    *,
    max_bytes: int | None = None,
    extractor: Any = None,
):
    """Read a file and extract a :class:`~futurepolicy.model.PolicyDocument` from it.

    Args:
        path: a ``.txt`` (UTF-8, GBK/GB18030, Big5, UTF-16), ``.htm``/``.html``, ``.docx``, ``.pdf`` or ``.ofd``.
        rules: ``None`` for auto (national + the plan's region pack), a pack name or path, or a list.
        encoding: force the text encoding of ``.txt``/``.html`` files.
        max_bytes: fail larger files before reading them (default :data:`DEFAULT_MAX_BYTES`; 0: no limit).
        extractor: a ready :class:`~futurepolicy.pipeline.Extractor` (overrides ``rules``).

    Returns:
        The document; ``doc.source`` is ``path`` as given, ``doc.provenance.encoding`` the encoding
        used (``None`` for .docx/.pdf/.ofd), ``doc.provenance.reader`` the reader that ran and ``doc.provenance.converted_from_traditional`` whether the
        text was matched through a traditional → simplified conversion.

    Raises:
        ReaderError: (or a subclass) the file cannot be read; see :func:`read_file`.

    Examples:
        >>> import futurepolicy, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "plan.txt"
        >>> _ = p.write_bytes("到2027年，培育1000家左右高新技术企业。".encode("gbk"))
        >>> doc = futurepolicy.extract_file(p)
        >>> doc.id, doc.provenance.encoding
        ('plan', 'gb18030')
    """
    result = read_file(path, encoding=encoding, max_bytes=max_bytes)
    from ..pipeline import shared_extractor

    ex = extractor if extractor is not None else shared_extractor(rules)
    return ex.extract(result.text, os.fspath(path), encoding=result.encoding, reader=result.reader)
