"""Extract one plan and print its goals.

    python examples/extract_one.py [examples/plans/shanghai_2022.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

import futurepolicy

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "plans" / "shanghai_2022.txt"
doc = futurepolicy.extract_file(path)
print(f"{doc.meta.title} ({doc.meta.region}, {doc.meta.doc_number or 'no doc number'}, {doc.meta.publish_date})")
print(f"{len(doc.sections)} sections, {len(doc.goals)} goals, {len(doc.industries)} industries, "
      f"{len(doc.measures)} measures, {len(doc.regions)} regions, {len(doc.institutions)} institutions")
for g in doc.goals:
    value = f"{g.value:g}" + (f"-{g.value_max:g}" if g.value_max is not None else "")
    print(f"  {g.target_year or '----'}  {g.metric:<16} {value:>8} {g.unit:<4} {g.comparator:<6} {g.text}")
