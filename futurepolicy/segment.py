"""Word segmentation behind one small interface.

:class:`RJiebaSegmenter` (jieba-rs through ``rjieba``: jieba's dictionary and tokens, 20–30× faster)
is the default; :class:`JiebaSegmenter` (pure-Python jieba) is the fallback when ``rjieba`` is not
installed. Each segmenter instance owns its own dictionary, built from the active rule packs, so
pack entries (zones, labs, leading groups) stay whole tokens and the global ``jieba.dt`` is never
touched.
"""

from __future__ import annotations

import bisect
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from array import array
from typing import Iterable, Iterator, NamedTuple, Protocol, Sequence, overload, runtime_checkable

__all__ = [
    "Token",
    "TokenTable",
    "PositionSet",
    "Segmenter",
    "RJiebaSegmenter",
    "JiebaSegmenter",
    "KeptWordsSegmenter",
    "make_segmenter",
    "tokenize_table",
]


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


class TokenTable(Sequence[Token]):
    """The tokens of a document, stored compactly: a read-only sequence of :class:`Token`.

    A list of 180,000 ``Token`` tuples (a 1 MB plan) takes ~35 MB; here each token costs two
    offsets and a tag number in arrays and a reference to a shared word string (~3 MB), and a
    ``Token`` is made when one is read. ``starts``/``ends`` are the offset arrays (``bisect`` works
    on them).
    """

    __slots__ = ("words", "tags", "starts", "ends", "_strings", "_tag_names", "_tag_ids")

    def __init__(self, size: int = 0) -> None:
        offsets = "i" if size < 2**31 else "q"  # ``size``: the length of the text
        self.words: list[str] = []
        self.tags = array("H")  # index into _tag_names
        self.starts = array(offsets)
        self.ends = array(offsets)
        self._strings: dict[str, str] = {}  # one copy of each word
        self._tag_names: list[str] = []
        self._tag_ids: dict[str, int] = {}

    def extend(self, tokens: Iterable[Token], offset: int = 0) -> None:
        """Append tokens, shifting their offsets by ``offset``."""
        strings, tag_ids = self._strings, self._tag_ids
        for word, tag, start, end in tokens:
            self.words.append(strings.setdefault(word, word))
            t = tag_ids.get(tag)
            if t is None:
                t = tag_ids[tag] = len(self._tag_names)
                self._tag_names.append(tag)
            self.tags.append(t)
            self.starts.append(start + offset)
            self.ends.append(end + offset)

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return Token(self.words[i], self._tag_names[self.tags[i]], self.starts[i], self.ends[i])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.words, map(self._tag_names.__getitem__, self.tags), self.starts, self.ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (TokenTable, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<TokenTable of {len(self)} tokens>"


class PositionSet:
    """A set of text offsets in ``0..size`` as one byte each (``in`` as for a ``set``): 180,000
    token boundaries take 0.3 MB instead of the ~10 MB of a ``set`` of ints."""

    __slots__ = ("_flags",)

    def __init__(self, positions: Iterable[int], size: int):
        self._flags = bytearray(size + 1)
        for p in positions:
            if 0 <= p <= size:
                self._flags[p] = 1

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i < len(self._flags) and self._flags[i] == 1

    def __iter__(self) -> Iterator[int]:
        return (i for i, f in enumerate(self._flags) if f)

    def __len__(self) -> int:
        return self._flags.count(1)

    def __or__(self, other: Iterable[int]) -> "PositionSet":
        out = PositionSet((), len(self._flags) - 1)
        out._flags[:] = self._flags
        for p in other:
            if 0 <= p < len(out._flags):
                out._flags[p] = 1
        return out


_CHUNK_CHARS = 1 << 16  # characters segmented at once by tokenize_table
_CUT_AFTER = ("\n", "。")  # separators segmenters never join to a neighbour: safe places to cut


def tokenize_table(segmenter: "Segmenter", text: str, *, chunk: int = _CHUNK_CHARS) -> TokenTable:
    """:meth:`Segmenter.tokenize` over a whole document into a :class:`TokenTable`, a piece at a time.

    The text is cut right after a line break (else a 。) near every ``chunk`` characters: jieba
    splits its input at such characters before segmenting, so the tokens are the same as in one
    call, while the segmenter's own list of tuples never holds more than a piece.
    """
    table = TokenTable(len(text))
    n, pos = len(text), 0
    while pos < n:
        end = _cut(text, pos, chunk)
        table.extend(segmenter.tokenize(text[pos:end]), pos)
        pos = end
    return table


def _cut(text: str, pos: int, chunk: int) -> int:
    """The end of the piece of ``text`` from ``pos``: just after the first separator past ``pos + chunk``."""
    if len(text) - pos <= chunk:
        return len(text)
    found = [k for k in (text.find(sep, pos + chunk) for sep in _CUT_AFTER) if k >= 0]
    return min(found) + 1 if found else len(text)


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

    def dictionary_tag(self, word: str) -> str | None:
        """The tag ``word`` keeps when added as a user word: jieba-rs keeps a dictionary word's own tag."""
        if not self._jieba.has_word(word):
            return None
        tagged = self._jieba.tag(word)
        return tagged[0][1] if len(tagged) == 1 else None


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


class KeptWordsSegmenter:
    """A base segmenter plus words kept whole, without a dictionary of its own.

    Loading a jieba dictionary costs ~80 ms, once per segmenter. A region pack adds a few hundred
    words (zones, labs, local programmes) to the national dictionary; rather than load the whole
    dictionary again for every region of a batch, its words are applied over the base tokens:
    where a kept word is cut apart, the tokens around it are re-segmented as if the word were a
    separator and the word becomes one token with its tag. A kept word that lies inside a longer
    base token is left there. Elsewhere the tokens are exactly the base segmenter's. (Unlike a
    jieba dictionary, this also keeps words with punctuation whole: 西部(重庆)科学城.)
    """

    def __init__(self, base: Segmenter, user_words: Iterable[tuple[str, str]]):
        import ahocorasick

        self.base = base
        self.name = base.name
        self._automaton = ahocorasick.Automaton()
        dictionary_tag = getattr(base, "dictionary_tag", None)
        for word, tag in user_words:
            if word:
                # the tag the word would get in a dictionary of its own (see RJiebaSegmenter.dictionary_tag)
                tag = (dictionary_tag(word) if dictionary_tag else None) or tag or "nz"
                self._automaton.add_word(word, (word, tag))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def _kept(self, text: str) -> list[tuple[int, int, str, str]]:
        """Leftmost-longest, non-overlapping occurrences of kept words."""
        best: dict[int, tuple[int, str, str]] = {}
        for end, (word, tag) in self._automaton.iter(text):
            start = end + 1 - len(word)
            if start not in best or best[start][0] < end + 1:
                best[start] = (end + 1, word, tag)
        out = []
        last = 0
        for start in sorted(best):
            end, word, tag = best[start]
            if start >= last:
                out.append((start, end, word, tag))
                last = end
        return out

    def _base_tokens(self, text: str, offset: int) -> list[Token]:
        return [Token(t.word, t.pos, t.start + offset, t.end + offset) for t in self.base.tokenize(text)] if text else []

    def tokenize(self, text: str) -> list[Token]:
        tokens = self.base.tokenize(text)
        if self._empty or not tokens:
            return tokens
        starts = [t.start for t in tokens]
        regions: list[list] = []  # [first token, last token, kept words]
        for s, e, word, tag in self._kept(text):
            a = bisect.bisect_right(starts, s) - 1
            b = bisect.bisect_left(starts, e) - 1
            if a == b and tokens[a].end - tokens[a].start >= e - s:
                if tokens[a].start == s and tokens[a].end == e:
                    tokens[a] = Token(word, tag, s, e)  # whole already: the tag it gets as a user word
                continue  # else inside a longer token: left there
            if regions and a <= regions[-1][1]:
                regions[-1][1] = max(regions[-1][1], b)
                regions[-1][2].append((s, e, word, tag))
            else:
                regions.append([a, b, [(s, e, word, tag)]])
        if not regions:
            return tokens
        out: list[Token] = []
        done = 0
        for a, b, kept in regions:
            out.extend(tokens[done:a])
            pos = tokens[a].start
            for s, e, word, tag in kept:
                out.extend(self._base_tokens(text[pos:s], pos))
                out.append(Token(word, tag, s, e))
                pos = e
            out.extend(self._base_tokens(text[pos:tokens[b].end], pos))
            done = b + 1
        out.extend(tokens[done:])
        return out

    def cut(self, text: str) -> list[str]:
        return [t.word for t in self.tokenize(text)]


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
