"""Region extraction (placeholder: returns nothing yet)."""

from __future__ import annotations

from ..context import Context
from ..model import Region

__all__ = ["extract_regions"]


def extract_regions(ctx: Context) -> list[Region]:
    """All regions of the document."""
    return []
