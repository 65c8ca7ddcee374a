#!/usr/bin/env python3
"""Build ``futurepolicy/rules/national/divisions.csv`` from the ``cpca`` package's GB/T 2260 table.

Source: the MIT-licensed ``cpca`` package on PyPI (https://github.com/DQinYuan/chinese_province_city_area_mapper),
file ``cpca/resources/adcodes.csv`` (12-digit GB/T 2260 codes, 2020 snapshot) and
``cpca/resources/56_nations.csv`` (ethnic-group names, used to shorten 自治区/州/县 names). ``cpca`` is
only read at build time; it is not a runtime dependency of futurepolicy.

Usage::

    pip download --no-deps cpca -d /tmp/cpca      # or pass an unpacked folder / the wheel itself
    python scripts/build_divisions.py /tmp/cpca/cpca-0.5.5-py3-none-any.whl

Output columns (see the ``divisions`` section in ``futurepolicy/rules/_schema.py``):
``code`` (6 digits), ``name``, ``level`` (province / city / district / county), ``parent``
(code of the parent division; districts and counties of 北京 上海 天津 重庆 hang directly under the
municipality; 省直辖县级行政区划 under their province), ``short`` ("|"-separated short forms:
浦东新区 → 浦东, 宁夏回族自治区 → 宁夏, 恩施土家族苗族自治州 → 恩施) and ``local_short`` (short forms that
are only safe inside their own province, because another division shares them: 宝山区 → 宝山).

Short-form policy: a short form has at least two characters; it is not a common word (listed in
``place_words.yaml`` → ``common_word_short_forms``); when several divisions share one, it stays in
``short`` only if one of them is a province or a prefecture-level city (the extractor then prefers
that one), otherwise it moves to ``local_short`` of each division that has it.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "futurepolicy" / "rules" / "national" / "divisions.csv"
PLACE_WORDS = ROOT / "futurepolicy" / "rules" / "national" / "place_words.yaml"

# Pseudo divisions of GB/T 2260 that group counties without being a place themselves.
PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
MUNICIPALITY_PREFIXES = {"11", "12", "31", "50"}


def read_source(src: Path) -> tuple[str, str]:
    """The text of adcodes.csv and 56_nations.csv from a wheel, an unpacked wheel or a folder."""
    if src.suffix == ".whl":
        with zipfile.ZipFile(src) as z:
            return (z.read("cpca/resources/adcodes.csv").decode("utf-8-sig"),
                    z.read("cpca/resources/56_nations.csv").decode("utf-8-sig"))
    for base in (src / "cpca" / "resources", src / "resources", src):
        if (base / "adcodes.csv").exists():
            return ((base / "adcodes.csv").read_text("utf-8-sig"), (base / "56_nations.csv").read_text("utf-8-sig"))
    raise SystemExit(f"no cpca adcodes.csv under {src}")


def common_words() -> set[str]:
    import yaml

    if not PLACE_WORDS.exists():
        return set()
    data = yaml.safe_load(PLACE_WORDS.read_text("utf-8")) or {}
    return set(data.get("common_word_short_forms") or [])


def strip_ethnic(name: str, nations: list[str]) -> str:
    """宁夏回族 → 宁夏, 恩施土家族苗族 → 恩施 (names of ethnic groups with or without 族, longest first)."""
    changed = True
    while changed:
        changed = False
        for n in nations:
            if name.endswith(n) and len(name) - len(n) >= 2:
                name, changed = name[: -len(n)], True
                break
    return name


def short_forms(name: str, level: str, nations: list[str]) -> list[str]:
    """Candidate short forms of one division name (before the ambiguity filter)."""
    out: list[str] = []
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗"):
        if name.endswith(suffix):
            out.append(strip_ethnic(name[: -len(suffix)], nations))
            break
    else:
        for suffix in ("新区", "林区", "特区", "矿区", "地区", "省", "市", "区", "县", "盟"):
            if name.endswith(suffix):
                out.append(name[: -len(suffix)])
                break
    return [s for s in out if len(s) >= 2 and s != name and s not in nations]


def build(adcodes: str, nations_text: str) -> list[dict[str, str]]:
    nations = [n.strip() for n in nations_text.splitlines() if n.strip()]
    nations = sorted({*nations, *(n[:-1] for n in nations if n.endswith("族") and len(n) > 2)}, key=len, reverse=True)
    rows = list(csv.DictReader(io.StringIO(adcodes)))
    by_code = {r["adcode"][:6]: r["name"].strip() for r in rows}
    out = []
    for code, name in sorted(by_code.items()):
        if name in PSEUDO:
            continue
        prov = code[:2] + "0000"
        pref = code[:4] + "00"
        if code == prov:
            level, parent = "province", ""
        elif code == pref:
            level, parent = "city", prov
        else:
            level = "district" if name.endswith("区") and not name.endswith("林区") else "county"
            parent = pref if pref in by_code and by_code[pref] not in PSEUDO else prov
        if code[:2] in MUNICIPALITY_PREFIXES and level != "province":
            parent = prov
        out.append({"code": code, "name": name, "level": level, "parent": parent})
    # short forms and the ambiguity filter
    common = common_words()
    full_names = {r["name"] for r in out}
    owners: dict[str, list[dict[str, str]]] = defaultdict(list)
    cands: dict[str, list[str]] = {}
    for r in out:
        cands[r["code"]] = [s for s in short_forms(r["name"], r["level"], nations) if s not in common]
        for s in cands[r["code"]]:
            owners[s].append(r)
    for r in out:
        short, local = [], []
        for s in cands[r["code"]]:
            shared = owners[s]
            if s in full_names:  # a short form that is another division's full name (县 vs 县级市) is ambiguous
                local.append(s)
            elif len(shared) == 1 or any(o["level"] in ("province", "city") for o in shared):
                short.append(s)
            elif sum(o["code"][:2] == r["code"][:2] for o in shared) == 1:
                local.append(s)
        r["short"] = "|".join(short)
        r["local_short"] = "|".join(local)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="cpca wheel, unpacked wheel or folder holding adcodes.csv")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build(*read_source(args.source))
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["code", "name", "level", "parent", "short", "local_short"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} divisions to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
