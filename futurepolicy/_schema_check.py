"""Validation of output dictionaries against the generated JSON Schema (used by ``from_dict`` and tests)."""

from __future__ import annotations

import functools
from typing import Any

from .errors import SchemaError

__all__ = ["validate_document", "schema_validator"]


@functools.lru_cache(maxsize=1)
def schema_validator():
    import jsonschema

    from .model import json_schema

    schema = json_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate_document(data: Any) -> None:
    """Raise :class:`SchemaError` listing (at most 10) schema violations of ``data``."""
    errors = sorted(schema_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"[{' -> '.join(str(p) for p in e.absolute_path) or '(root)'}] {e.message}" for e in errors[:10]]
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise SchemaError(f"{len(errors)} schema problem(s){more}:\n" + "\n".join("  " + x for x in lines))
