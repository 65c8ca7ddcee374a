"""Document metadata (placeholder)."""

from __future__ import annotations

from .context import Context
from .model import Meta

__all__ = ["extract_meta"]


def extract_meta(ctx: Context) -> Meta:
    return Meta()
