"""Institution extraction (placeholder: returns nothing yet)."""

from __future__ import annotations

from ..context import Context
from ..model import Institution

__all__ = ["extract_institutions"]


def extract_institutions(ctx: Context) -> list[Institution]:
    """All institutions of the document."""
    return []
