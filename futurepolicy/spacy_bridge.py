"""spaCy integration: a document as a spaCy ``Doc`` with span groups, and a pipeline component.

>>> import futurepolicy, spacy
>>> doc = futurepolicy.extract("到2027年,培育1000家左右高新技术企业。")
>>> sdoc = doc.to_spacy()
>>> [(s.text, s.label_) for s in sdoc.spans["goals"]]            # doctest: +SKIP
[('培育1000家左右高新技术企业', 'GOAL')]
>>> spacy.displacy.render(sdoc, style="span", options={"spans_key": "futurepolicy"})  # doctest: +SKIP
>>> spacy.displacy.render(sdoc, style="ent")                    # doctest: +SKIP

Span groups (``doc.spans``) are named like the tables of ``to_frames``: ``"goals"``, ``"industries"``,
``"measures"``, ``"regions"``, ``"institutions"``, and ``"futurepolicy"`` with all of them. Each mention of an object is one span,
labelled ``GOAL`` / ``INDUSTRY`` / …; ``span.id_`` is ``"<list>/<index>"`` (``"goals/0"``) into the
:class:`~futurepolicy.model.PolicyDocument`, ``span.kb_id_`` the taxonomy id of an industry or the
division code of a region, and ``span._.futurepolicy`` the object as a JSON-style ``dict``.
``doc._.futurepolicy`` rebuilds the whole :class:`PolicyDocument`. Everything is stored as plain
data in ``doc.user_data``, so ``Doc.to_bytes`` and ``DocBin`` keep working.

``doc.ents`` holds the longest non-overlapping mentions of goals, industries, regions and
institutions (measures are whole sections, not entities), so ``displacy.render(doc, style="ent")``
shows them; the label colours (:data:`DISPLACY_COLORS`) are registered with displaCy, for the
``ent`` and ``span`` styles alike. jieba's loading messages are silenced.

Character spans are aligned to the tokens with ``alignment_mode="expand"``; the number of spans
that had to grow to token boundaries is in ``doc._.futurepolicy_alignment`` (``{"expanded": n,
"unaligned": m}``), because the segmenter does not always cut where the extractors did
(``培育1000家左右高新技术企业`` may start inside a token).

Installing futurepolicy registers the ``futurepolicy`` pipeline component (entry point
``spacy_factories``): ``nlp.add_pipe("futurepolicy", config={"rules": "national"})`` runs the
extraction on ``doc.text`` and fills ``doc.spans`` the same way. This module is imported by spaCy
whenever a pipeline is created, so it imports nothing heavy at module level besides spaCy itself.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, List, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from .errors import ExtractionError, FuturePolicyError, MissingExtraError

__all__ = [
    "document_to_spacy",
    "fill_spans",
    "blank_chinese",
    "make_component",
    "FuturePolicyComponent",
    "SPAN_KEYS",
    "ALL_SPANS_KEY",
    "DISPLACY_COLORS",
    "ENT_KEYS",
    "displacy_colors",
]

# Attribute of PolicyDocument -> (span group key, span label).
SPAN_KEYS: dict[str, tuple[str, str]] = {
    "goals": ("goals", "GOAL"),
    "industries": ("industries", "INDUSTRY"),
    "measures": ("measures", "MEASURE"),
    "regions": ("regions", "REGION"),
    "institutions": ("institutions", "INSTITUTION"),
}
ENT_KEYS = ("goals", "industries", "regions", "institutions")  # span groups that make up doc.ents
ALL_SPANS_KEY = "futurepolicy"
# The colours of the notebook view, registered with displaCy (below, and as the
# ``spacy_displacy_colors`` entry point), so ``displacy.render`` uses them without options.
DISPLACY_COLORS = {"GOAL": "#ffd27f", "INDUSTRY": "#9ccaf4", "MEASURE": "#f3a6c4", "REGION": "#a9d8ab",
                   "INSTITUTION": "#d6a8e0"}


def displacy_colors() -> dict[str, str]:
    """The label colours for displaCy (a registry function: displaCy calls it)."""
    return dict(DISPLACY_COLORS)


registry.displacy_colors.register("futurepolicy", func=displacy_colors)
_DATA = "futurepolicy"  # doc.user_data key: the PolicyDocument as a plain dict, text left out
_ALIGN = "futurepolicy_alignment"  # doc.user_data key: alignment counts
JIEBA_CONFIG = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}

_blank: list[Language] = []


def blank_chinese() -> Language:
    """``spacy.blank("zh")`` with the jieba segmenter (no model download needed), built once."""
    if not _blank:
        import spacy

        try:
            _quiet_jieba()
            _blank.append(spacy.blank("zh", config=JIEBA_CONFIG))
        except ImportError:  # pragma: no cover - jieba is a core dependency
            raise MissingExtraError("all", "jieba", purpose="segment Chinese text for spaCy") from None
    return _blank[0]


def _quiet_jieba() -> None:
    """Keep jieba from printing "Building prefix dict … Loading model cost …" to stderr."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


# -- extension attributes -------------------------------------------------------------------------


def _document(doc: Doc) -> Any:
    data = doc.user_data.get(_DATA)
    if data is None:
        return None
    from .model import PolicyDocument

    return PolicyDocument.from_dict({**data, "text": doc.text}, validate=False)


def _span_object(span: Span) -> Optional[dict[str, Any]]:
    data = span.doc.user_data.get(_DATA)
    ref = span.id_
    if data is None or "/" not in ref:
        return None
    attr, _, index = ref.partition("/")
    items = data.get(attr)
    if items is None or not index.isdigit() or int(index) >= len(items):
        return None
    return items[int(index)]


Doc.set_extension("futurepolicy", getter=_document, force=True)
Doc.set_extension("futurepolicy_alignment", getter=lambda doc: doc.user_data.get(_ALIGN), force=True)
Span.set_extension("futurepolicy", getter=_span_object, force=True)


# -- filling doc.spans ----------------------------------------------------------------------------


def _char_spans(fp_doc: Any) -> Iterator[tuple[str, int, int, int, str]]:
    """``(attribute, index, start, end, kb_id)`` for every mention of every object."""
    for i, g in enumerate(fp_doc.goals):
        for m in g.mentions or [g.span]:
            yield "goals", i, m.start, m.end, ""
    for i, ind in enumerate(fp_doc.industries):
        for m in ind.mentions:
            yield "industries", i, m.start, m.end, ind.taxonomy_id or ""
    for i, meas in enumerate(fp_doc.measures):
        yield "measures", i, meas.span.start, meas.span.end, ""
    for i, r in enumerate(fp_doc.regions):
        for m in r.mentions:
            yield "regions", i, m.start, m.end, r.code or ""
    for i, o in enumerate(fp_doc.institutions):
        for m in o.mentions:
            yield "institutions", i, m.start, m.end, ""


def fill_spans(doc: Doc, fp_doc: Any) -> Doc:
    """Put the objects of ``fp_doc`` into ``doc.spans`` (see the module docs); ``doc`` is returned.

    Args:
        doc: a spaCy ``Doc`` whose ``doc.text`` is ``fp_doc.text``.
        fp_doc: the :class:`~futurepolicy.model.PolicyDocument` extracted from that text.

    Raises:
        ExtractionError: the two texts differ, so the offsets would not point at the right words.
    """
    if doc.text != fp_doc.text:
        raise ExtractionError("the spaCy Doc's text differs from the document's text; offsets would not match",
                              source=fp_doc.source)
    groups: dict[str, list[Span]] = {key: [] for key, _label in SPAN_KEYS.values()}
    expanded = unaligned = 0
    for attr, index, start, end, kb_id in _char_spans(fp_doc):
        key, label = SPAN_KEYS[attr]
        span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=f"{attr}/{index}",
                             alignment_mode="expand")
        if span is None or len(span) == 0:
            unaligned += 1
            continue
        if span.start_char != start or span.end_char != end:
            expanded += 1
        groups[key].append(span)
    everything: list[Span] = []
    for key, spans in groups.items():
        spans.sort(key=lambda s: (s.start_char, s.end_char))
        doc.spans[key] = spans
        everything.extend(spans)
    everything.sort(key=lambda s: (s.start_char, s.end_char, s.label_))
    doc.spans[ALL_SPANS_KEY] = everything
    # a pipeline's own entities stay where ours do not cover them
    doc.ents = filter_spans([*doc.ents, *(s for key in ENT_KEYS for s in groups[key])])
    data = fp_doc.to_dict()
    del data["text"]
    doc.user_data[_DATA] = data
    doc.user_data[_ALIGN] = {"expanded": expanded, "unaligned": unaligned}
    return doc


def document_to_spacy(fp_doc: Any, nlp: Optional[Language] = None) -> Doc:
    """A spaCy ``Doc`` of ``fp_doc.text`` whose ``doc.spans`` hold the extracted objects by type.

    Args:
        fp_doc: a :class:`~futurepolicy.model.PolicyDocument`.
        nlp: the pipeline to tokenise (and annotate) with; its components run, except a
            ``futurepolicy`` component, which would extract again. Default: :func:`blank_chinese`.

    Returns:
        The ``Doc``, with span groups ``goals``, ``industries``, ``measures``, ``regions``,
        ``institutions`` and ``futurepolicy`` (all), and ``doc.ents``, ready for
        ``spacy.displacy.render(doc, style="span", options={"spans_key": "industries"})`` or
        ``spacy.displacy.render(doc, style="ent")``.

    Raises:
        ExtractionError: ``nlp``'s tokenizer does not preserve the text.

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("支持北京大学重庆碳基集成电路研究院发展新型储能。")
        >>> sdoc = doc.to_spacy()
        >>> sorted(sdoc.spans)
        ['futurepolicy', 'goals', 'industries', 'institutions', 'measures', 'regions']
    """
    nlp = nlp if nlp is not None else blank_chinese()
    try:
        doc = nlp.make_doc(fp_doc.text)
        for _name, proc in nlp.pipeline:
            if not isinstance(proc, FuturePolicyComponent):
                doc = proc(doc)
    except FuturePolicyError:
        raise
    except Exception as e:  # noqa: BLE001 - a third-party pipeline failed on this text
        raise ExtractionError(f"spaCy failed on the text: {type(e).__name__}: {e}", source=fp_doc.source) from e
    return fill_spans(doc, fp_doc)


# -- the pipeline component ------------------------------------------------------------------------


class FuturePolicyComponent:
    """Runs :func:`futurepolicy.extract` on ``doc.text`` and fills ``doc.spans`` (see :func:`fill_spans`).

    The extractor (and its matchers) is built on first use, so adding the pipe is cheap.
    """

    def __init__(self, nlp: Language, name: str = "futurepolicy", rules: Any = None):
        self.name = name
        self.rules = rules
        self._extractor: Any = None

    def __call__(self, doc: Doc) -> Doc:
        if self._extractor is None:
            from .pipeline import Extractor

            self._extractor = Extractor(self.rules)
        return fill_spans(doc, self._extractor.extract(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(
    "futurepolicy",
    default_config={"rules": None},
    assigns=["doc.spans", "doc._.futurepolicy"],
)
def make_component(nlp: Language, name: str, rules: Optional[Union[str, List[str]]]) -> FuturePolicyComponent:
    """The spaCy factory behind ``nlp.add_pipe("futurepolicy", config={"rules": …})``.

    Args:
        nlp: the pipeline.
        name: the component's name in the pipeline.
        rules: ``None`` (auto: the national pack plus the pack of the plan's region), a pack
            name or path, or a list of them stacked in order.
    """
    return FuturePolicyComponent(nlp, name, rules)
