"""Exporters: JSON (deterministic) and pandas DataFrames (pandas imported lazily)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .model import PolicyDocument

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
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# Column name -> pandas dtype. NOTE: keep in sync with the model in model.py.
FRAME_COLUMNS: dict[str, dict[str, str]] = {
    "goals": {
        "document": "string", "metric": "string", "value": "Float64", "value_max": "Float64", "unit": "string",
        "value_cny": "Float64", "approx": "boolean", "comparator": "string", "target_year": "Int64",
        "section": "string", "text": "string", "rule": "string", "start": "Int64", "end": "Int64",
        "n_mentions": "Int64",
    },
    "industries": {
        "document": "string", "name": "string", "kind": "string", "parent": "string", "category": "string",
        "taxonomy_id": "string", "technologies": "object", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "measures": {
        "document": "string", "title": "string", "kind": "string", "section": "string", "text": "string",
        "institutions": "object", "regions": "object", "industries": "object", "instruments": "object",
        "n_instruments": "Int64", "start": "Int64", "end": "Int64",
    },
    "regions": {
        "document": "string", "name": "string", "full_name": "string", "level": "string", "parent": "string",
        "code": "string", "rule": "string", "n_mentions": "Int64", "start": "Int64", "end": "Int64",
    },
    "institutions": {
        "document": "string", "name": "string", "type": "string", "rule": "string", "n_mentions": "Int64",
        "start": "Int64", "end": "Int64",
    },
    "sections": {
        "document": "string", "id": "string", "number": "string", "title": "string", "level": "Int64",
        "parent": "string", "start": "Int64", "end": "Int64",
    },
}


def _rows(doc: PolicyDocument) -> dict[str, list[dict[str, Any]]]:
    d = doc.id
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in FRAME_COLUMNS}
    for g in doc.goals:
        out["goals"].append({
            "document": d, "metric": g.metric, "value": g.value, "value_max": g.value_max, "unit": g.unit,
            "value_cny": g.value_cny, "approx": g.approx, "comparator": g.comparator, "target_year": g.target_year,
            "section": g.section, "text": g.text, "rule": g.rule, "start": g.span.start, "end": g.span.end,
            "n_mentions": len(g.mentions),
        })
    for i in doc.industries:
        first = i.mentions[0] if i.mentions else None
        out["industries"].append({
            "document": d, "name": i.name, "kind": i.kind, "parent": i.parent, "category": i.category,
            "taxonomy_id": i.taxonomy_id, "technologies": list(i.technologies), "rule": i.rule,
            "n_mentions": len(i.mentions), "start": first.start if first else None, "end": first.end if first else None,
        })
    for m in doc.measures:
        out["measures"].append({
            "document": d, "title": m.title, "kind": m.kind, "section": m.section, "text": m.text,
            "institutions": list(m.institutions), "regions": list(m.regions), "industries": list(m.industries),
            "instruments": [f"{x.side}/{x.type}" for x in m.instruments], "n_instruments": len(m.instruments),
            "start": m.span.start, "end": m.span.end,
        })
    for r in doc.regions:
        first = r.mentions[0] if r.mentions else None
        out["regions"].append({
            "document": d, "name": r.name, "full_name": r.full_name, "level": r.level, "parent": r.parent,
            "code": r.code, "rule": r.rule, "n_mentions": len(r.mentions),
            "start": first.start if first else None, "end": first.end if first else None,
        })
    for o in doc.institutions:
        first = o.mentions[0] if o.mentions else None
        out["institutions"].append({
            "document": d, "name": o.name, "type": o.type, "rule": o.rule, "n_mentions": len(o.mentions),
            "start": first.start if first else None, "end": first.end if first else None,
        })
    for s in doc.sections:
        out["sections"].append({
            "document": d, "id": s.id, "number": s.number, "title": s.title, "level": s.level,
            "parent": s.parent, "start": s.span.start, "end": s.span.end,
        })
    return out


def to_frames(docs: PolicyDocument | Iterable[PolicyDocument]) -> dict[str, "pd.DataFrame"]:
    """One DataFrame per object type over one or many documents, with a ``document`` column.

    Columns are typed (nullable ``Int64``/``Float64``/``boolean``/``string``); a table with no rows
    still has its columns, so frames of different plans concatenate cleanly.
    """
    import pandas as pd

    if isinstance(docs, PolicyDocument):
        docs = [docs]
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in FRAME_COLUMNS}
    for doc in docs:
        if not getattr(doc, "ok", True):
            continue  # a Failure from extract_many
        for k, v in _rows(doc).items():
            rows[k].extend(v)
    frames = {}
    for name, cols in FRAME_COLUMNS.items():
        df = pd.DataFrame(rows[name], columns=list(cols))
        frames[name] = df.astype(cols)
    return frames
