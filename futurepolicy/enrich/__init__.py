"""Enrichment after extraction: industry taxonomy categories and policy-instrument coding.

:func:`enrich` runs after the extractors and fills, in place:

* ``Industry.category`` / ``Industry.taxonomy_id`` from the shipped taxonomy (:mod:`.taxonomy`);
* ``Measure.instruments`` from the ``instruments`` rule-pack table (:mod:`.instruments`);
* ``ctx.results["taxonomy_version"]``, recorded as ``provenance.taxonomy``.
"""

from __future__ import annotations

from ..context import Context

__all__ = ["enrich"]


def enrich(ctx: Context) -> None:
    """Add taxonomy categories to industries and instrument codes to measures, in place."""
    from .instruments import code_measures
    from .taxonomy import categorize_industries

    categorize_industries(ctx)
    code_measures(ctx)
