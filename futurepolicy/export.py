"""Exporters: JSON (deterministic) and pandas DataFrames (pandas imported lazily)."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .errors import MissingExtraError, SchemaError
from .model import Failure, PolicyDocument


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    """The process umask (read once: reading it means setting it, which is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["to_json", "to_frames", "write_atomic", "FRAME_COLUMNS"]


def to_json(doc: PolicyDocument, *, indent: int | None = 2) -> str:
    """Deterministic JSON of one document (contract key order, UTF-8 characters as is)."""
    return doc.to_json(indent=indent)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A crash or Ctrl-C leaves either the old file or the new one, never a half-written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600 files; outputs get the usual permissions
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# Column name -> pandas dtype, per table. ``tests/test_export.py`` checks that every field of the
# model (model.py) has its column here, so a field added to the model cannot be forgotten.
FRAME_COLUMNS: dict[str, dict[str, str]] = {
    "goals": {
        "document": "string", "metric": "string", "value": "Float64", "value_max": "Float64", "unit": "string",
        "value_cny": "Float64", "approx": "boolean", "comparator": "string", "target_year": "Int64",
        "section": "string", "section_title": "string", "text": "string", "rule": "string",
        "start": "Int64", "end": "Int64", "n_mentions": "Int64",
    },
    "industries": {
        "document": "string", "name": "string", "canonical": "string", "kind": "string", "parent": "string", "category": "string",
        "taxonomy_id": "string", "technologies": "object", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "measures": {
        "document": "string", "title": "string", "kind": "string", "section": "string", "section_title": "string",
        "text": "string", "institutions": "object", "regions": "object", "industries": "object",
        "instruments": "object", "n_instruments": "Int64", "start": "Int64", "end": "Int64",
    },
    "regions": {
        "document": "string", "name": "string", "canonical": "string", "full_name": "string", "level": "string", "parent": "string",
        "code": "string", "rule": "string", "n_mentions": "Int64", "start": "Int64", "end": "Int64",
    },
    "institutions": {
        "document": "string", "name": "string", "canonical": "string", "type": "string", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "sections": {
        "document": "string", "id": "string", "number": "string", "title": "string", "level": "Int64",
        "parent": "string", "start": "Int64", "end": "Int64",
    },
}


def _first_mention(mentions: list[Any]) -> tuple[int | None, int | None]:
    return (mentions[0].start, mentions[0].end) if mentions else (None, None)


def _rows(doc: PolicyDocument) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for one document, as tuples in ``FRAME_COLUMNS`` order."""
    d = doc.id
    titles = {s.id: s.title for s in doc.sections}
    out: dict[str, list[tuple[Any, ...]]] = {
        "goals": [
            (d, g.metric, g.value, g.value_max, g.unit, g.value_cny, g.approx, g.comparator, g.target_year,
             g.section, titles.get(g.section), g.text, g.rule, g.span.start, g.span.end, len(g.mentions))
            for g in doc.goals
        ],
        "industries": [
            (d, i.name, i.canonical, i.kind, i.parent, i.category, i.taxonomy_id, list(i.technologies), i.rule, len(i.mentions),
             *_first_mention(i.mentions))
            for i in doc.industries
        ],
        "measures": [
            (d, m.title, m.kind, m.section, titles.get(m.section), m.text, list(m.institutions), list(m.regions),
             list(m.industries), [f"{x.side}/{x.type}" for x in m.instruments], len(m.instruments),
             m.span.start, m.span.end)
            for m in doc.measures
        ],
        "regions": [
            (d, r.name, r.canonical, r.full_name, r.level, r.parent, r.code, r.rule, len(r.mentions), *_first_mention(r.mentions))
            for r in doc.regions
        ],
        "institutions": [
            (d, o.name, o.canonical, o.type, o.rule, len(o.mentions), *_first_mention(o.mentions)) for o in doc.institutions
        ],
        "sections": [
            (d, s.id, s.number, s.title, s.level, s.parent, s.span.start, s.span.end) for s in doc.sections
        ],
    }
    return out


def _as_document(obj: Any) -> PolicyDocument | None:
    """A document from a result of ``extract_many`` or a ``to_dict()`` mapping; ``None`` for a Failure."""
    if isinstance(obj, PolicyDocument):
        return obj
    if isinstance(obj, Failure) or getattr(obj, "ok", True) is False:
        return None
    if isinstance(obj, dict):
        return PolicyDocument.from_dict(obj)
    raise SchemaError(f"expected a PolicyDocument, a Failure or a to_dict() mapping, got {type(obj).__name__}")


def to_frames(docs: PolicyDocument | Iterable[Any]) -> dict[str, "pd.DataFrame"]:
    """One DataFrame per object type over one or many documents, with a ``document`` column.

    Columns are typed (nullable ``Int64``/``Float64``/``boolean``/``string``; lists stay Python
    lists in ``object`` columns); a table with no rows still has its columns, so frames of
    different plans concatenate cleanly. ``start``/``end`` are the offsets of the object's span
    (goals, measures, sections) or of its first mention (industries, regions, institutions).

    Args:
        docs: a document, or an iterable of documents, :class:`~futurepolicy.model.Failure`
            results (skipped) and ``to_dict()`` mappings (validated and rebuilt).

    Returns:
        ``{"goals", "industries", "measures", "regions", "institutions", "sections"}`` → DataFrame.

    Raises:
        SchemaError: an item is neither a document, a Failure nor a valid document mapping.

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("到2027年,培育1000家左右高新技术企业。")
        >>> goals = doc.to_frames()["goals"]
        >>> list(goals.columns[:4]), str(goals["value"].dtype)
        (['document', 'metric', 'value', 'value_max'], 'Float64')
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a core dependency
        raise MissingExtraError("all", "pandas", purpose="build DataFrames") from None

    if isinstance(docs, (PolicyDocument, dict)):
        docs = [docs]
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in FRAME_COLUMNS}
    for item in docs:
        doc = _as_document(item)
        if doc is None:
            continue
        for name, table_rows in _rows(doc).items():
            rows[name].extend(table_rows)
    frames = {}
    for name, cols in FRAME_COLUMNS.items():
        df = pd.DataFrame.from_records(rows[name], columns=list(cols)) if rows[name] else pd.DataFrame(
            {c: pd.Series([], dtype=object) for c in cols}
        )
        frames[name] = df.astype(cols)
    return frames
