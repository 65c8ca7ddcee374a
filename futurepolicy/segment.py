"""Word segmentation behind one small interface.

:class:`RJiebaSegmenter` (jieba-rs through ``rjieba``: jieba's dictionary and tokens, 20–30× faster)
is the default; :class:`JiebaSegmenter` (pure-Python jieba) is the fallback when ``rjieba`` is not
installed. Each segmenter instance owns its own dictionary, built from the active rule packs, so
pack entries (zones, labs, leading groups) stay whole tokens and the global ``jieba.dt`` is never
touched.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from typing import Iterable, NamedTuple, Protocol, runtime_checkable

__all__ = ["Token", "Segmenter", "RJiebaSegmenter", "JiebaSegmenter", "make_segmenter"]


class Token(NamedTuple):
    """A word with its part-of-speech tag (jieba's tag set) and offsets in the segmented text."""

    word: str
    pos: str
    start: int
    end: int


@runtime_checkable
class Segmenter(Protocol):
    """What the pipeline needs from a segmenter."""

    name: str

    def tokenize(self, text: str) -> list[Token]:
        """Tokens covering ``text`` completely and in order (whitespace tokens included)."""
        ...

    def cut(self, text: str) -> list[str]:
        """The words only, as ``jieba.lcut`` gives them."""
        ...


def _with_offsets(tagged: Iterable[tuple[str, str]]) -> list[Token]:
    out = []
    pos = 0
    for word, tag in tagged:
        end = pos + len(word)
        out.append(Token(word, tag, pos, end))
        pos = end
    return out


def _rjieba_class():
    """``rjieba.Jieba`` without importing the ``rjieba`` package, whose ``__init__`` builds a default
    instance we never use (a full dictionary load, ~70 ms of every cold start). The compiled module
    is loaded under its own name, so a later ``import rjieba`` finds and reuses it."""
    loaded = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
    if loaded is not None:
        return loaded.Jieba
    try:
        spec = importlib.util.find_spec("rjieba")
        folder = Path(spec.origin).parent if spec and spec.origin else None
        suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
        binaries = sorted(b for b in folder.glob("rjieba.*") if b.name.endswith(suffixes)) if folder else []
        if binaries:
            ext = importlib.util.spec_from_file_location("rjieba.rjieba", binaries[0])
            if ext is not None and ext.loader is not None:
                module = importlib.util.module_from_spec(ext)
                ext.loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
                return module.Jieba
    except (ImportError, OSError, AttributeError):
        pass
    import rjieba  # the plain way (raises ImportError when rjieba is not installed)

    return rjieba.Jieba


class RJiebaSegmenter:
    """jieba-rs segmenter with a private user dictionary."""

    name = "rjieba"

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()):
        self._jieba = _rjieba_class()()
        for word, tag in user_words:
            self._jieba.add_word(word, None, tag or "nz")

    def tokenize(self, text: str) -> list[Token]:
        return _with_offsets(self._jieba.tag(text))

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text)


class JiebaSegmenter:
    """Pure-Python jieba with its own ``Tokenizer`` (never the shared default one)."""

    name = "jieba"

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()):
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tok = jieba.Tokenizer()
        self._pos = jieba.posseg.POSTokenizer(self._tok)
        for word, tag in user_words:
            self._tok.add_word(word, None, tag or "nz")
            self._pos.word_tag_tab[word] = tag or "nz"

    def tokenize(self, text: str) -> list[Token]:
        return _with_offsets((p.word, p.flag) for p in self._pos.cut(text))

    def cut(self, text: str) -> list[str]:
        return self._tok.lcut(text)


def make_segmenter(user_words: Iterable[tuple[str, str]] = (), *, backend: str | None = None) -> Segmenter:
    """The fastest available segmenter (``rjieba``, else ``jieba``), loaded with ``user_words``.

    Args:
        user_words: ``(word, pos_tag)`` pairs to keep whole.
        backend: force ``"rjieba"`` or ``"jieba"``.
    """
    words = list(user_words)
    if backend in (None, "rjieba"):
        try:
            return RJiebaSegmenter(words)
        except ImportError:
            if backend == "rjieba":
                raise
    return JiebaSegmenter(words)
