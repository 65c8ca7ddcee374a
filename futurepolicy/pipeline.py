"""The extraction pipeline: normalise → outline → metadata (→ region pack) → segment → extractors → enrichment.

:class:`Extractor` holds the rule choice and is cheap to build; everything expensive (the
segmenter's dictionary, automata, compiled patterns) is built once per rule set and cached on the
:class:`~futurepolicy.rules.RuleSet`, so a batch compiles nothing per document. Extractors pickle
as their rule specification and rebuild their matchers in the receiving process.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePath
from typing import Any

from . import __version__
from .context import Context
from .errors import ExtractionError, FuturePolicyError, ReaderError
from .model import PolicyDocument, Provenance, RuleRef
from .normalize import normalize
from .rules import RuleSet, gc_paused, resolve_rules
from .segment import KeptWordsSegmenter, make_segmenter, tokenize_table

__all__ = ["Extractor", "extract", "shared_extractor", "document_id", "segmenter_for"]

TAXONOMY_VERSION = "miit-2024"


def _user_words(rules: RuleSet) -> list[tuple[str, str]]:
    words: dict[str, str] = {}
    for row in rules.table("divisions"):
        words.setdefault(row["name"], "ns")
        for s in row.get("short") or []:
            if len(s) >= 2:
                words.setdefault(s, "ns")
    for row in rules.table("places"):
        for w in [row["name"], row.get("full_name") or "", *(row.get("aliases") or [])]:
            if len(w) >= 2:
                words.setdefault(w, "ns")
    for row in rules.table("institutions"):
        for w in [row["name"], *(row.get("aliases") or [])]:
            if len(w) >= 2:
                words.setdefault(w, "nt")
    for row in rules.table("industries"):
        for w in [row["name"], *(row.get("aliases") or [])]:
            if len(w) >= 2:
                words.setdefault(w, "nz")
    for w in rules.word_list("lexicon", "segmenter_words"):
        words.setdefault(w, "n")
    return sorted(words.items())


def segmenter_for(rules: RuleSet):
    """The segmenter of a rule set, its dictionary built from the packs (cached on the rule set).

    A stack on top of a base pack (national + a region) shares the base pack's segmenter and keeps
    its own extra words whole over it (:class:`~futurepolicy.segment.KeptWordsSegmenter`), so a
    batch spanning many regions loads one dictionary, not one per region. A stack that removes
    base words gets a dictionary of its own.
    """
    backend = os.environ.get("FUTUREPOLICY_SEGMENTER") or None
    return rules.memo(f"segmenter:{backend}", lambda r: _build_segmenter(r, backend))


def _build_segmenter(rules: RuleSet, backend: str | None):
    words = rules.memo("segmenter:words", _user_words)
    if len(rules.packs) > 1:
        base_rules = resolve_rules(rules.packs[0])
        base_words = set(base_rules.memo("segmenter:words", _user_words))
        if base_words.issubset(words):
            extra = [w for w in words if w not in base_words]
            base = segmenter_for(base_rules)
            return KeptWordsSegmenter(base, extra) if extra else base
    return make_segmenter(words, backend=backend)


def document_id(source: str | None, text: str) -> str:
    """The id of a document: its file stem, or ``sha256:<12 hex>`` of the text."""
    if source:
        return PurePath(str(source)).stem or str(source)
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class Extractor:
    """A reusable extractor: ``Extractor(rules).extract(text)``.

    Args:
        rules: ``None`` (auto: national + the pack of the plan's region), a pack name or path, a
            :class:`~futurepolicy.rules.RulePack`, or a list of those stacked in order.
    """

    def __init__(self, rules: Any = None):
        self.rules_spec = rules
        self._fixed = None if rules is None else resolve_rules(rules)
        if rules is None:
            resolve_rules("national")  # fail early on a broken install

    def __reduce__(self):
        # a fixed rule set travels as its pack data, so packs given by path work in any process
        return (Extractor, (self._fixed if self._fixed is not None else None,))

    def extract(
        self,
        text: str,
        source: str | os.PathLike[str] | None = None,
        *,
        encoding: str | None = None,
        join_wrapped: bool | None = None,
        reader: str | None = None,
    ) -> PolicyDocument:
        """Extract a :class:`PolicyDocument` from ``text`` (taken as given, no markup stripping).

        Raises:
            ReaderError: ``text`` is not a string or holds lone surrogates.
            ExtractionError: an internal error (a bug); the message names the step and the source.
        """
        src = os.fspath(source) if source is not None else None
        if not isinstance(text, str):
            raise ReaderError(f"text must be str, got {type(text).__name__}", source=src)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ReaderError(
                f"text holds a lone surrogate at offset {e.start} (not valid Unicode text)", source=src
            ) from None
        # An extraction allocates many objects (tokens, hits, spans) that live until it ends: the
        # cyclic collector would walk them again and again, ~18% of the time on a 1 MB text and
        # growing faster than the text. Reference counting still frees everything as usual.
        with gc_paused():
            return self._extract(text, src, encoding, join_wrapped, reader)

    def _extract(
        self, text: str, src: str | None, encoding: str | None, join_wrapped: bool | None, reader: str | None = None
    ) -> PolicyDocument:
        step = "normalise"
        try:
            norm = normalize(text, join_wrapped=join_wrapped)
            rules = self._fixed or resolve_rules("national")
            ctx = Context(text=text, norm=norm, rules=rules, source=src)
            from .structure import parse_outline

            step = "outline"  # outline and metadata read the text only: segment once, with the final rules
            ctx.set_outline(parse_outline(ctx))
            step = "metadata"
            from .meta import extract_meta

            ctx.meta = extract_meta(ctx)
            if self._fixed is None:
                regional = resolve_rules(None, region=ctx.meta.region, region_code=ctx.meta.region_code)
                if regional.key != rules.key:
                    ctx.rules = regional
                    added = [p for p in regional.packs if p.name not in set(rules.names)]
                    if any("headings" in p.tables or "outline_words" in p.words for p in added):
                        step = "outline"  # the province pack brings heading styles or cues of its own
                        ctx.set_outline(parse_outline(ctx))
            step = "segment"
            ctx.set_tokens(tokenize_table(segmenter_for(ctx.rules), norm.text))  # compact, in pieces
            step = "extractors"
            return self._run_extractors(ctx, encoding, reader)
        except FuturePolicyError:
            raise
        except RecursionError:
            raise ExtractionError(f"input too deeply nested in step '{step}'", source=src) from None
        except Exception as e:  # noqa: BLE001 - a bug: report it as ours, with the step and the cause
            raise ExtractionError(f"internal error in step '{step}': {type(e).__name__}: {e}", source=src) from e

    def _run_extractors(self, ctx: Context, encoding: str | None, reader: str | None = None) -> PolicyDocument:
        from .enrich import enrich
        from .extractors import run_extractors

        run_extractors(ctx)
        enrich(ctx)
        r = ctx.results
        sha = hashlib.sha256(ctx.text.encode("utf-8")).hexdigest()
        prov = Provenance(
            futurepolicy=__version__,
            rules=[RuleRef(n, v) for n, v in ctx.rules.refs()],
            taxonomy=r.get("taxonomy_version", TAXONOMY_VERSION),
            sha256=sha,
            encoding=encoding,
            converted_from_traditional=ctx.norm.converted_from_traditional,
            reader=reader,
        )
        return PolicyDocument(
            id=document_id(ctx.source, ctx.text),
            source=ctx.source,
            provenance=prov,
            text=ctx.text,
            meta=ctx.meta,
            sections=r.get("sections", []),
            goals=r.get("goals", []),
            industries=r.get("industries", []),
            measures=r.get("measures", []),
            regions=r.get("regions", []),
            institutions=r.get("institutions", []),
        )


_SHARED: dict[Any, Extractor] = {}  # one Extractor per rules spec, per process


def _rules_key(rules: Any) -> Any:
    """A hashable key for a rules spec given by value (names, paths, lists of them), else None."""
    if rules is None or isinstance(rules, str):
        return rules
    if isinstance(rules, RuleSet):  # e.g. unpickled on a worker: the same packs share one extractor
        return ("ruleset",) + rules.key
    if isinstance(rules, os.PathLike):
        return os.fspath(rules)
    if isinstance(rules, (list, tuple)) and all(isinstance(r, (str, os.PathLike)) for r in rules):
        return tuple(os.fspath(r) for r in rules)
    return None  # objects: not cached by value


def shared_extractor(rules: Any = None) -> Extractor:
    """The process-wide :class:`Extractor` for a rules spec (packs loaded, matchers built once).

    An :class:`Extractor` is returned as it is; specs given as objects get a new one each call.
    """
    if isinstance(rules, Extractor):
        return rules
    key = _rules_key(rules)
    if key is None and rules is not None:
        return Extractor(rules)
    ex = _SHARED.get(key)
    if ex is None:
        ex = _SHARED[key] = Extractor(rules)
    return ex


def extract(text: str, source: str | os.PathLike[str] | None = None, rules: Any = None) -> PolicyDocument:
    """Extract goals, industries, measures, regions and institutions from a plan's text.

    Args:
        text: the document text, taken as given (no markup stripping; use :func:`extract_file` for files).
        source: where the text came from (becomes ``doc.source`` and the document id).
        rules: ``None`` for auto (national + the plan's region pack), a pack name or path, or a list.

    Examples:
        >>> doc = extract("到2027年,培育1000家左右高新技术企业。")
        >>> [(g.value, g.unit, g.metric) for g in doc.goals]
        [(1000.0, '家', '高新技术企业')]
    """
    return shared_extractor(rules).extract(text, source)
