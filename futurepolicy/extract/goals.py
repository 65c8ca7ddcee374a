"""Goal extraction (placeholder: returns nothing yet)."""

from __future__ import annotations

from ..context import Context
from ..model import Goal

__all__ = ["extract_goals"]


def extract_goals(ctx: Context) -> list[Goal]:
    """All goals of the document."""
    return []
