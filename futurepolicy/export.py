"""Exporters: JSON (deterministic) and pandas DataFrames (pandas imported lazily)."""

from __future__ import annotations

import functools
import os
import re
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

__all__ = [
    "to_json", "to_frames", "write_atomic", "encode_text", "temp_file", "remove_stale_temp_files", "process_alive",
    "FRAME_COLUMNS",
]


def to_json(doc: PolicyDocument, *, indent: int | None = 2) -> str:
    """Deterministic JSON of one document (contract key order, UTF-8 characters as is)."""
    return doc.to_json(indent=indent)


TEMP_PREFIX = ".futurepolicy-"  # temporary files of this tool: .futurepolicy-<pid>-<random>.tmp
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.futurepolicy-(\d+)-[A-Za-z0-9_]+\.tmp$")


def encode_text(text: str) -> bytes:
    """UTF-8 bytes of an output text. A lone surrogate (a file name that is not valid UTF-8, as
    Python decodes it: ``plan_\\udcff.txt``) is written as the escape ``\\udcff``, which JSON
    reads back as the same character, instead of failing the write."""
    return text.encode("utf-8", "backslashreplace")


def temp_file(folder: str | os.PathLike[str]) -> tuple[int, str]:
    """A new temporary file in ``folder``: ``(fd, path)``. Its name is short whatever the name of
    the file it will replace (a 250-byte file name has no room for a suffix) and carries this
    process id, so that :func:`remove_stale_temp_files` can tell a leftover from a live write."""
    return tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)


def remove_stale_temp_files(folder: str | os.PathLike[str]) -> int:
    """Remove the temporary files this tool left below ``folder`` (a run killed mid-write) whose
    process is gone; returns how many. Files of running processes and all other files stay."""
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            m = _TEMP_NAME.match(name)
            if m is None or process_alive(int(m.group(1))):
                continue
            try:
                os.unlink(os.path.join(root, name))
                removed += 1
            except OSError:
                pass
    return removed


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or we cannot tell: leave its file alone
    return True


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A crash or Ctrl-C leaves either the old file or the new one, never a half-written file; text
    is encoded by :func:`encode_text`. Any name the OS gives works (the temporary name is short).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_file(path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(encode_text(data) if isinstance(data, str) else data)
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
    "documents": {
        "document": "string", "source": "string", "title": "string", "issuer": "string", "doc_number": "string",
        "publish_date": "string", "period_start": "Int64", "period_end": "Int64", "region": "string",
        "region_code": "string", "issuer_level": "string", "futurepolicy": "string", "rules": "string",
        "taxonomy": "string", "sha256": "string", "encoding": "string", "converted_from_traditional": "boolean",
        "reader": "string", "error": "string", "message": "string",
    },
    "goals": {
        "document": "string", "source": "string", "metric": "string", "value": "Float64", "value_max": "Float64", "unit": "string",
        "value_cny": "Float64", "approx": "boolean", "comparator": "string", "target_year": "Int64",
        "section": "string", "section_title": "string", "text": "string", "rule": "string",
        "start": "Int64", "end": "Int64", "n_mentions": "Int64",
    },
    "industries": {
        "document": "string", "source": "string", "name": "string", "canonical": "string", "kind": "string", "parent": "string", "category": "string",
        "taxonomy_id": "string", "technologies": "object", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "measures": {
        "document": "string", "source": "string", "title": "string", "kind": "string", "section": "string", "section_title": "string",
        "text": "string", "institutions": "object", "regions": "object", "industries": "object",
        "instruments": "object", "n_instruments": "Int64", "start": "Int64", "end": "Int64",
    },
    "regions": {
        "document": "string", "source": "string", "name": "string", "canonical": "string", "full_name": "string", "level": "string", "parent": "string",
        "code": "string", "rule": "string", "n_mentions": "Int64", "start": "Int64", "end": "Int64",
    },
    "institutions": {
        "document": "string", "source": "string", "name": "string", "canonical": "string", "type": "string", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "sections": {
        "document": "string", "source": "string", "id": "string", "number": "string", "title": "string", "level": "Int64",
        "parent": "string", "start": "Int64", "end": "Int64",
    },
}


def _first_mention(mentions: list[Any]) -> tuple[int | None, int | None]:
    return (mentions[0].start, mentions[0].end) if mentions else (None, None)


def document_row(doc: PolicyDocument | Failure, doc_id: str | None = None) -> tuple[Any, ...]:
    """The ``documents`` row of one input: id, source, every meta field, provenance; for a
    :class:`~futurepolicy.model.Failure`, the id, source and error, the rest null."""
    if isinstance(doc, Failure):
        from .pipeline import document_id

        return (doc_id or document_id(doc.source, ""), doc.source, *[None] * 16, doc.error, doc.message)
    m, p = doc.meta, doc.provenance
    rules = ", ".join(f"{r.name} {r.version}" for r in p.rules)
    return (doc_id or doc.id, doc.source, m.title, m.issuer, m.doc_number, m.publish_date, m.period.start,
            m.period.end, m.region, m.region_code, m.issuer_level, p.futurepolicy, rules, p.taxonomy, p.sha256,
            p.encoding, p.converted_from_traditional, p.reader, None, None)


def _rows(doc: PolicyDocument) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for one document, as tuples in ``FRAME_COLUMNS`` order."""
    d, src = doc.id, doc.source
    titles = {s.id: s.title for s in doc.sections}
    out: dict[str, list[tuple[Any, ...]]] = {
        "documents": [document_row(doc)],
        "goals": [
            (d, src, g.metric, g.value, g.value_max, g.unit, g.value_cny, g.approx, g.comparator, g.target_year,
             g.section, titles.get(g.section), g.text, g.rule, g.span.start, g.span.end, len(g.mentions))
            for g in doc.goals
        ],
        "industries": [
            (d, src, i.name, i.canonical, i.kind, i.parent, i.category, i.taxonomy_id, list(i.technologies), i.rule,
             len(i.mentions), *_first_mention(i.mentions))
            for i in doc.industries
        ],
        "measures": [
            (d, src, m.title, m.kind, m.section, titles.get(m.section), m.text, list(m.institutions),
             list(m.regions), list(m.industries), [f"{x.side}/{x.type}" for x in m.instruments],
             len(m.instruments), m.span.start, m.span.end)
            for m in doc.measures
        ],
        "regions": [
            (d, src, r.name, r.canonical, r.full_name, r.level, r.parent, r.code, r.rule, len(r.mentions),
             *_first_mention(r.mentions))
            for r in doc.regions
        ],
        "institutions": [
            (d, src, o.name, o.canonical, o.type, o.rule, len(o.mentions), *_first_mention(o.mentions))
            for o in doc.institutions
        ],
        "sections": [
            (d, src, s.id, s.number, s.title, s.level, s.parent, s.span.start, s.span.end) for s in doc.sections
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


def to_frames(
    docs: PolicyDocument | Iterable[Any] | str | os.PathLike[str],
    *,
    rules: Any = None,
    workers: int | None = None,
    progress: bool | None = True,
) -> dict[str, "pd.DataFrame"]:
    """One DataFrame per object type over one or many documents, with ``document`` and ``source`` columns.

    ``documents`` has one row per input: its id (the ``document`` key the other tables join on),
    source, every ``meta`` field (the period as ``period_start``/``period_end``), the provenance, and
    ``error``/``message`` for an input that failed. Columns are typed (nullable
    ``Int64``/``Float64``/``boolean``/``string``; lists stay Python lists in ``object`` columns); a
    table with no rows still has its columns, so frames of different plans concatenate cleanly.
    ``start``/``end`` are the offsets of the object's span (goals, measures, sections) or of its first
    mention (industries, regions, institutions).

    Args:
        docs: a document; files and folders of plans (extracted with
            :func:`futurepolicy.extract_many`, ids unique within the call); or an iterable of
            documents, :class:`~futurepolicy.model.Failure` results and ``to_dict()`` mappings.
        rules, workers, progress: passed to :func:`futurepolicy.extract_many` when ``docs`` are paths.

    Returns:
        ``{"documents", "goals", "industries", "measures", "regions", "institutions", "sections"}`` → DataFrame.

    Raises:
        SchemaError: an item is neither a path, a document, a Failure nor a valid document mapping,
            or paths and documents are mixed.
        ReaderError: a path does not exist (nothing is extracted then).

    Examples:
        >>> import futurepolicy
        >>> doc = futurepolicy.extract("到2027年,培育1000家左右高新技术企业。")
        >>> goals = doc.to_frames()["goals"]
        >>> list(goals.columns[:4]), str(goals["value"].dtype)
        (['document', 'source', 'metric', 'value'], 'Float64')
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a core dependency
        raise MissingExtraError("all", "pandas", purpose="build DataFrames") from None

    docs = _documents_or_paths(docs, rules=rules, workers=workers, progress=progress)
    rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in FRAME_COLUMNS}
    for item in docs:
        if isinstance(item, Failure):
            rows["documents"].append(document_row(item))
            continue
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


def _is_path(x: Any) -> bool:
    return isinstance(x, (str, os.PathLike))


def _documents_or_paths(docs: Any, *, rules: Any, workers: int | None, progress: bool | None) -> Iterable[Any]:
    """``docs`` as an iterable of results: paths are checked and extracted, documents passed on."""
    if isinstance(docs, (PolicyDocument, dict, Failure)):
        return [docs]
    if _is_path(docs):
        docs = [docs]
    items = list(docs)
    paths = [x for x in items if _is_path(x)]
    if not paths:
        return items
    if len(paths) != len(items):
        raise SchemaError("give to_frames either paths or documents, not both")
    from .batch import extract_many, require_paths

    require_paths(paths)
    return extract_many(paths, rules=rules, workers=workers, progress=progress)


def read_frames(folder: str | os.PathLike[str]) -> dict[str, "pd.DataFrame"]:
    """Read the tables of ``futurepolicy convert --format csv|parquet`` back, with their types.

    CSV has no types: ``pd.read_csv`` reads a section id ``2.10`` as the float 2.1 and a region
    code as a number. This reads every column as written (ids and codes stay text), restores the
    nullable types of :func:`to_frames` and the list columns (JSON in CSV cells).

    Args:
        folder: the output folder of a csv or parquet conversion.

    Returns:
        The same tables as :func:`to_frames` (a table whose file is missing is empty).

    Raises:
        ReaderError: the folder holds no ``documents``/``goals`` … table in csv or parquet.
    """
    import json

    import pandas as pd

    from .errors import ReaderError

    base = Path(folder)
    found = {n: f for n in FRAME_COLUMNS for f in (base / f"{n}.parquet", base / f"{n}.csv") if f.is_file()}
    if not found:
        raise ReaderError("no futurepolicy tables (documents.csv, goals.parquet …) in this folder", source=str(base))
    frames = {}
    for name, cols in FRAME_COLUMNS.items():
        path = found.get(name)
        if path is None:
            frames[name] = to_frames([])[name]
            continue
        if path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
        df = df.reindex(columns=list(cols))
        for col, dtype in cols.items():
            df[col] = _typed_column(df[col], dtype, json)
        frames[name] = df.astype(cols)
    return frames


def _typed_column(col: "pd.Series", dtype: str, json: Any) -> Any:
    """A column read from CSV/Parquet converted to ``dtype`` (lists parsed, numbers and booleans typed)."""
    import pandas as pd

    def missing(v: Any) -> bool:
        return v is None or (not isinstance(v, (list, tuple)) and not hasattr(v, "__len__") and pd.isna(v))

    if dtype == "object":
        return [v if missing(v) else json.loads(v) if isinstance(v, str) else list(v) for v in col]
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(col, errors="raise").astype(dtype)
    if dtype == "boolean":
        return col.map(lambda v: None if missing(v) else v if isinstance(v, bool) else str(v) == "True").astype(dtype)
    return col.astype("string")
