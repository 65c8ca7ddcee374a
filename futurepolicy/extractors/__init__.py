"""Extractors, one module per result type. Each reads a :class:`~futurepolicy.context.Context`
and stores its list of results in ``ctx.results[<type>]``; later extractors may read earlier ones
(measures use the regions, institutions and industries found inside them).
"""

from __future__ import annotations

from ..context import Context

__all__ = ["run_extractors"]


def run_extractors(ctx: Context) -> None:
    """Run every extractor on ``ctx`` in dependency order."""
    from ..structure import outline_sections
    from .goals import extract_goals
    from .industries import extract_industries
    from .institutions import extract_institutions
    from .measures import extract_measures
    from .regions import extract_regions

    ctx.results["sections"] = outline_sections(ctx)
    ctx.results["goals"] = extract_goals(ctx)
    ctx.results["regions"] = extract_regions(ctx)
    ctx.results["institutions"] = extract_institutions(ctx)
    ctx.results["industries"] = extract_industries(ctx)
    ctx.results["measures"] = extract_measures(ctx)
    # measures stated as lists in running text (实施A行动、B工程), where the outline does not give them
    from .list_measures import merge_list_measures

    ctx.results["measures"] = merge_list_measures(ctx, ctx.results["measures"])
