"""futurepolicy: typed, source-grounded extraction from Chinese industrial-policy plans.

>>> import futurepolicy
>>> doc = futurepolicy.extract("到2027年,打造10-15个典型应用场景。")
>>> doc.goals[0].value, doc.goals[0].value_max, doc.goals[0].unit
(10.0, 15.0, '个')

The public API is this module's ``__all__``; heavier parts (file readers, pandas, spaCy, Dask)
are imported on first use, so ``import futurepolicy`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import FuturePolicyError, RulePackError  # noqa: E402
from .model import (  # noqa: E402
    Failure,
    Goal,
    Industry,
    Institution,
    Measure,
    Meta,
    PolicyDocument,
    Region,
    Section,
)
from .pipeline import Extractor, extract  # noqa: E402
from .rules import RulePack, available_rules, load_rules  # noqa: E402

__all__ = [
    "__version__",
    "extract",
    "extract_file",
    "extract_many",
    "Extractor",
    "PolicyDocument",
    "Meta",
    "Section",
    "Goal",
    "Industry",
    "Measure",
    "Region",
    "Institution",
    "Failure",
    "load_rules",
    "available_rules",
    "RulePack",
    "to_frames",
    "read_frames",
    "canonical_name",
    "compare",
    "profile",
    "plot_goals",
    "report",
    "to_dask_dataframes",
    "json_schema",
    "FuturePolicyError",
    "RulePackError",
]

_LAZY = {
    "extract_file": ("futurepolicy.io.readers", "extract_file"),
    "extract_many": ("futurepolicy.batch", "extract_many"),
    "to_frames": ("futurepolicy.export", "to_frames"),
    "read_frames": ("futurepolicy.export", "read_frames"),
    "canonical_name": ("futurepolicy.normalize", "canonical_name"),
    "compare": ("futurepolicy.comparison", "compare"),
    "profile": ("futurepolicy.profiling", "profile"),
    "plot_goals": ("futurepolicy.comparison", "plot_goals"),
    "report": ("futurepolicy.reporting", "report"),
    "to_dask_dataframes": ("futurepolicy.distributed", "to_dask_dataframes"),
    "json_schema": ("futurepolicy.model", "json_schema"),
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        mod, attr = _LAZY[name]
        value = getattr(importlib.import_module(mod), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'futurepolicy' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
