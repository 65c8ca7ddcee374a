"""File readers: bytes on disk → the text of a policy document.

:func:`~futurepolicy.io.readers.extract_file` reads ``.txt`` (UTF-8, GBK/GB18030, Big5, UTF-16),
``.htm``/``.html`` (the article body of a saved web page), ``.docx``, ``.pdf`` (text layer, read by
layout) and ``.ofd`` and
runs the extraction; :func:`~futurepolicy.io.readers.read_file` only reads.
"""

from __future__ import annotations

from .readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_EXTENSIONS,
    NoTextLayerError,
    ReadResult,
    decode_bytes,
    extract_file,
    read_file,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "NoTextLayerError",
    "ReadResult",
    "decode_bytes",
    "extract_file",
    "read_file",
]
