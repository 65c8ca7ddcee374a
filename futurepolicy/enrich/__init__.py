"""Enrichment after extraction: industry taxonomy categories and policy-instrument coding."""

from __future__ import annotations

from ..context import Context

__all__ = ["enrich"]


def enrich(ctx: Context) -> None:
    """Add taxonomy categories to industries and instrument codes to measures, in place."""
    return None
