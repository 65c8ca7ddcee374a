"""Outline parsing (placeholder)."""

from __future__ import annotations

from .context import Context, OutlineNode
from .model import Section

__all__ = ["parse_outline", "outline_sections"]


def parse_outline(ctx: Context) -> list[OutlineNode]:
    return []


def outline_sections(ctx: Context) -> list[Section]:
    return [
        Section(id=n.id, number=ctx.original(n.start, n.title_start).strip(), title=n.title, level=n.level,
                parent=n.parent, span=ctx.span(n.start, n.end))
        for n in ctx.outline
    ]
