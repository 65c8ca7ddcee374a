"""What a province pack changes: extract a plan with the national pack, then with the pack on top.

    python examples/new_province/compare.py                       # the Hainan example
    python examples/new_province/compare.py PLAN.txt PACK_FOLDER   # your plan and your pack

Prints the regions and institutions found with each rule set and what the pack added, removed or
changed (level / type / rule), then runs the pack's own examples.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import futurepolicy
from futurepolicy.rules import check_examples, check_pack

HERE = Path(__file__).resolve().parent
DEFAULT_PLAN = HERE.parents[1] / "tests" / "fixtures" / "corpus" / "hainan_2024.txt"
DEFAULT_PACK = HERE / "hainan"


def entities(doc: futurepolicy.PolicyDocument) -> dict[str, dict[str, str]]:
    """``{"regions": {name: "level · full name · rule"}, "institutions": {name: "type · rule"}}``."""
    return {
        "regions": {r.name: f"{r.level} · {r.full_name or '-'} · {r.rule}" for r in doc.regions},
        "institutions": {o.name: f"{o.type} · {o.rule}" for o in doc.institutions},
    }


def show(plan: Path, pack: Path) -> int:
    text = futurepolicy.extract_file(plan, rules="national").text
    check_pack(pack)  # fails with one line per problem if the pack is broken
    before = entities(futurepolicy.extract(text, source=str(plan), rules="national"))
    with_pack = futurepolicy.extract(text, source=str(plan), rules=str(pack))
    after = entities(with_pack)
    print(f"plan: {plan.name}\nrules: national  →  {' + '.join(r.name for r in with_pack.provenance.rules)}\n")
    for kind in ("regions", "institutions"):
        print(f"== {kind}")
        for name in sorted(set(before[kind]) | set(after[kind]), key=lambda n: (n not in before[kind], n)):
            b, a = before[kind].get(name), after[kind].get(name)
            if b == a:
                print(f"    {name:<16} {a}")
            elif b is None:
                print(f"  + {name:<16} {a}")
            elif a is None:
                print(f"  - {name:<16} {b}")
            else:
                print(f"  ~ {name:<16} {b}\n    {'':<16} → {a}")
        print()
    missed = check_examples(pack)
    print("examples.yaml:", "all found" if not missed else "")
    for line in missed:
        print("  ", line)
    return 1 if missed else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    plan = Path(args[0]) if args else DEFAULT_PLAN
    pack = Path(args[1]) if len(args) > 1 else DEFAULT_PACK
    sys.exit(show(plan, pack))
