"""Industry extraction (placeholder: returns nothing yet)."""

from __future__ import annotations

from ..context import Context
from ..model import Industry

__all__ = ["extract_industries"]


def extract_industries(ctx: Context) -> list[Industry]:
    """All industries of the document."""
    return []
