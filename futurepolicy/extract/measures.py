"""Measure extraction (placeholder: returns nothing yet)."""

from __future__ import annotations

from ..context import Context
from ..model import Measure

__all__ = ["extract_measures"]


def extract_measures(ctx: Context) -> list[Measure]:
    """All measures of the document."""
    return []
