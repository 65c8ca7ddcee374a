"""Typed results: :class:`PolicyDocument` and the objects extracted from it.

Why stdlib dataclasses and not pydantic models: extraction creates hundreds of small objects per
document, on the hot path, in every worker process. Slotted dataclasses cost nothing to import and
little to build, pickle cheaply to worker processes and Dask, and keep the model readable as plain
Python. Validation belongs at the edges: :meth:`PolicyDocument.from_dict` checks its input against the
JSON Schema, and the schema itself is generated from these classes by pydantic (imported lazily,
only by :func:`json_schema`), so the schema can never drift from the model.

Every ``span`` and ``mentions`` entry holds character offsets into :attr:`PolicyDocument.text`
(the document as read), never into the normalised copy that the extractors match on.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

__all__ = [
    "SCHEMA_VERSION",
    "Span",
    "Mention",
    "Period",
    "Meta",
    "RuleRef",
    "Provenance",
    "Section",
    "Goal",
    "Industry",
    "Instrument",
    "Measure",
    "Region",
    "Institution",
    "PolicyDocument",
    "Failure",
    "json_schema",
]

SCHEMA_VERSION = "1"

Comparator = Literal["eq", "approx", "gte", "lte", "range"]
IndustryKind = Literal["cluster", "industry", "technology"]
MeasureKind = Literal["action", "task", "safeguard"]


@dataclass(slots=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into ``doc.text``."""

    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """One place in ``doc.text`` where an object is stated; ``doc.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Period:
    """The planning period, in years (``(2024—2027年)`` → 2024, 2027)."""

    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(slots=True)
class Meta:
    """Document metadata. Unknown values are ``None``, never guessed."""

    title: Optional[str] = None
    issuer: Optional[str] = None
    doc_number: Optional[str] = None
    publish_date: Optional[str] = None
    period: Period = field(default_factory=Period)
    region: Optional[str] = None
    region_code: Optional[str] = None
    issuer_level: Optional[str] = None  # 国家 / 省 / 市 / 部委 … (addition to the contract)


@dataclass(slots=True)
class RuleRef:
    """A rule pack that took part in an extraction."""

    name: str
    version: str


@dataclass(slots=True)
class Provenance:
    """How a document was produced: library and rule versions, input hash, decoding, and the file
    reader that ran (``"pdf:pypdfium2"``, ``"docx:python-docx"``, ``"ofd:xml"`` …; ``None`` for
    text given directly)."""

    futurepolicy: str
    rules: list[RuleRef] = field(default_factory=list)
    taxonomy: Optional[str] = None
    sha256: str = ""
    encoding: Optional[str] = None
    converted_from_traditional: bool = False
    reader: Optional[str] = None


@dataclass(slots=True)
class Section:
    """A heading of the outline (一、 / (一) / 1. / (1) / ① / 第一章 …) and the text it governs.

    ``number`` is the heading number as printed (``(一)``, ``一、``); ``id`` is positional
    (``"2.1"`` = first child of the second top-level section); ``span`` runs from the heading to the
    end of its body, children included.
    """

    id: str
    number: str
    title: str
    level: int
    parent: Optional[str]
    span: Span


@dataclass(slots=True)
class Goal:
    """A quantitative target still to be reached (培育1000家左右高新技术企业)."""

    text: str
    metric: str
    value: float
    value_max: Optional[float]
    unit: str
    value_cny: Optional[float]
    approx: bool
    comparator: Comparator
    target_year: Optional[int]
    section: Optional[str]
    rule: str
    span: Span
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Industry:
    """A priority industry, cluster or technology (未来健康产业集群 → 脑机接口).

    ``name`` is as written (first mention); ``canonical`` is :func:`canonical_name` of it, the key to
    group by across documents (:func:`futurepolicy.canonical_name`, filled in when not given).
    """

    name: str
    canonical: str = field(default="", kw_only=True)
    kind: IndustryKind
    parent: Optional[str]
    category: Optional[str]
    taxonomy_id: Optional[str]
    technologies: list[str]
    rule: str
    mentions: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        _fill_canonical(self)


@dataclass(slots=True)
class Instrument:
    """A policy instrument coded on one clause of a measure (supply / environment / demand)."""

    side: str
    type: str
    rule: str
    span: Span


@dataclass(slots=True)
class Measure:
    """An action, task or safeguard section of a plan (实施前沿技术创新策源行动)."""

    title: str
    kind: MeasureKind
    text: str
    section: Optional[str]
    institutions: list[str]
    regions: list[str]
    industries: list[str]
    instruments: list[Instrument]
    span: Span


@dataclass(slots=True)
class Region:
    """A named place: division, zone, park or regional strategy (浦东 → 浦东新区, 310115).

    ``canonical``: the name to group by, as for :class:`Industry`.
    """

    name: str
    canonical: str = field(default="", kw_only=True)
    full_name: Optional[str]
    level: Optional[str]
    parent: Optional[str]
    code: Optional[str]
    rule: str
    mentions: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        _fill_canonical(self)


@dataclass(slots=True)
class Institution:
    """A named organisation: university, lab, institute, government body, platform, company.

    ``canonical``: the name to group by, as for :class:`Industry`.
    """

    name: str
    canonical: str = field(default="", kw_only=True)
    type: Optional[str]
    rule: str
    mentions: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        _fill_canonical(self)


@dataclass(slots=True)
class PolicyDocument:
    """One policy document and everything extracted from it."""

    id: str
    source: Optional[str]
    provenance: Provenance
    text: str
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    industries: list[Industry] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    ok = True  # class attribute: a document is a successful result (see Failure)

    # -- serialisation -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A plain ``dict`` of JSON types, keys in contract order (``schema_version`` first)."""
        d = _to_plain(self)
        return {"schema_version": d.pop("schema_version"), **d}

    def to_json(self, *, indent: int | None = 2) -> str:
        """Deterministic JSON: same input, rules and version give byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, validate: bool = True) -> "PolicyDocument":
        """Rebuild a document from :meth:`to_dict` output (lossless round trip).

        Raises:
            SchemaError: ``data`` does not match the output schema.
        """
        if validate:
            from ._schema_check import validate_document

            validate_document(data)
        return _from_plain(cls, data)

    @classmethod
    def from_json(cls, text: str, *, validate: bool = True) -> "PolicyDocument":
        """Rebuild a document from :meth:`to_json` output."""
        return cls.from_dict(json.loads(text), validate=validate)

    # -- views (implemented in export.py / notebook.py, imported lazily) -------------------------
    def to_frames(self) -> dict[str, Any]:
        """One pandas DataFrame per object type (goals, industries, …, sections)."""
        from .export import to_frames

        return to_frames([self])

    def to_html(self) -> str:
        """A standalone HTML page: summary, goals table and the text with highlighted evidence."""
        from .notebook import document_html

        return document_html(self, standalone=True)

    def _repr_html_(self) -> str:
        from .notebook import document_html

        return document_html(self, standalone=False)

    def to_spacy(self, nlp: Any = None) -> Any:
        """A spaCy ``Doc`` whose ``doc.spans`` hold the extracted objects by type."""
        from .spacy_bridge import document_to_spacy

        return document_to_spacy(self, nlp=nlp)

    def instrument_profile(self) -> dict[str, Any]:
        """Counts of coded policy instruments per side and type."""
        from .enrich.instruments import instrument_profile

        return instrument_profile(self)

    def __repr__(self) -> str:
        title = self.meta.title or "?"
        return (
            f"<PolicyDocument {self.id!r} {title!r}: {len(self.sections)} sections, "
            f"{len(self.goals)} goals, {len(self.industries)} industries, {len(self.measures)} measures, "
            f"{len(self.regions)} regions, {len(self.institutions)} institutions>"
        )


@dataclass(slots=True)
class Failure:
    """A failed input in :func:`futurepolicy.extract_many`: ``ok`` is ``False``."""

    source: str
    error: str  # the error class name, e.g. "DecodeError"
    message: str
    ok: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "error": self.error, "message": self.message}


def _fill_canonical(entity: Any) -> None:
    """Set ``entity.canonical`` from its name when it was not given."""
    if not entity.canonical:
        from .normalize import canonical_name

        entity.canonical = canonical_name(entity.name)


# -- generic (de)serialisation over the dataclasses above -------------------------------------------


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool, type(None))


def _to_plain(obj: Any) -> Any:
    """Dataclasses to dicts (field order), lists to lists; scalars as they are (floats stay floats)."""
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, list):
        return [_to_plain(x) for x in obj]
    names = _FIELD_NAMES.get(type(obj))
    if names is None:
        names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    return {n: _to_plain(getattr(obj, n)) for n in names}


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    h = _HINTS.get(cls)
    if h is None:
        h = _HINTS[cls] = typing.get_type_hints(cls)
    return h


def _from_plain(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(args[0], value) if len(args) == 1 else value
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_from_plain(arg, v) for v in value]
    if origin is Literal:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: _from_plain(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value}
        return tp(**kwargs)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`PolicyDocument.to_dict` output, generated from the model."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(PolicyDocument).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "futurepolicy PolicyDocument"
    schema["properties"]["schema_version"] = {"const": SCHEMA_VERSION, "type": "string"}
    _close_objects(schema)
    return schema


def _close_objects(node: Any) -> None:
    """Every object in the output has exactly the model's keys: forbid extras, require all."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
            node["required"] = sorted(node["properties"])
        for v in node.values():
            _close_objects(v)
    elif isinstance(node, list):
        for v in node:
            _close_objects(v)
