"""Rule packs: loading, validation, merging, installed packs, the segmenter dictionary, pack examples.

A new province is data, not code: these tests build packs on disk and check that they change what
is extracted, that broken packs fail with one clear line per problem, and that no gazetteer or
keyword list hides in the Python code.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import futurepolicy
from futurepolicy.errors import FuturePolicyError, RegexTimeoutError, RulePackError, UnknownRulePackError
from futurepolicy.pipeline import segmenter_for
from futurepolicy.rules import (
    BUILTIN_DIR,
    check_examples,
    check_pack,
    finditer,
    installed_packs,
    load_rules,
    resolve_rules,
)

from conftest import FIXTURES, check_document

RULES = FIXTURES / "rules"
BROKEN = RULES / "broken"
REPO = Path(__file__).resolve().parents[1]
TOY_TEXT = "支持青梧智擎联合澜汐翠屿企业开展关键技术攻关。"


def _run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from futurepolicy.cli import main; sys.exit(main(sys.argv[1:]))", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(REPO),
        timeout=120,
    )


# -- loading and merging ---------------------------------------------------------------------------


def test_builtin_packs_load_and_validate():
    names = {p.name for p in installed_packs()}
    assert {"national", "chongqing", "shanghai"} <= names
    for name in ("national", "chongqing", "shanghai"):
        pack = check_pack(name)
        assert pack.name == name and pack.version
    assert load_rules("chongqing").region == "重庆市"
    assert load_rules("national").extends == []
    assert load_rules("shanghai").extends == ["national"]


def test_rules_list_cli_shows_builtin_packs_with_versions():
    res = _run_cli("rules", "list")
    assert res.returncode == 0, res.stderr
    rows = dict(line.split("\t")[:2] for line in res.stdout.splitlines())
    for name in ("national", "chongqing", "shanghai"):
        assert rows[name] == load_rules(name).version


def test_folder_and_single_file_packs_read_the_same_data():
    folder = load_rules(RULES / "toy")
    single = load_rules(str(RULES / "toy_single.yaml"))
    assert folder.name == "toyland" and single.name == "toyland_single"
    place = folder.tables["places"][0]
    assert place["name"] == "澜汐翠屿" and place["level"] == "area"
    assert place["aliases"] == ["翠屿片区"]  # CSV list cells are split on |
    assert single.tables["places"][0]["aliases"] == ["翠屿片区"]
    # the {key: {fields}} mapping form becomes entries with the key filled in
    assert {r["name"]: r["type"] for r in single.tables["institutions"]} == {"澜汐大学": "university", "青梧智擎": "platform"}
    assert folder.tables["examples"][0]["expect"][0] == {"label": "institution", "text": "青梧智擎"}


def test_stacking_overrides_removes_and_adds_by_key():
    rs = resolve_rules([str(RULES / "toy_single.yaml"), str(RULES / "override.yaml")])
    assert rs.names == ["national", "toyland_single", "toyland", "toyland_override"]
    inst = {r["name"]: (r["type"], r["_pack"]) for r in rs.table("institutions")}
    assert inst["青梧智擎"] == ("lab", "toyland_override")  # later pack wins by key
    assert inst["翠屿研究院"] == ("institute", "toyland_override")  # added
    assert "澜汐大学" not in inst  # removed from the pack below
    assert "翠屿片区" not in rs.word_list("lexicon", "segmenter_words")  # removed word
    # without the override the entries below are intact
    base = resolve_rules([str(RULES / "toy_single.yaml"), str(RULES / "toy")])
    assert {r["name"] for r in base.table("institutions") if r["_pack"] != "national"} == {"澜汐大学", "青梧智擎"}
    assert base.word_list("lexicon", "segmenter_words")[-1:] == ["翠屿片区"]  # after the national words


def test_auto_rules_add_the_region_pack():
    assert resolve_rules(None).names == ["national"]
    assert resolve_rules(None, region="重庆市").names == ["national", "chongqing"]
    assert resolve_rules(None, region_code="310000").names == ["national", "shanghai"]
    assert resolve_rules(None, region="澜汐省").names == ["national"]
    # each pack once, even when listed twice or pulled in by extends
    assert resolve_rules(["national", "shanghai", "national"]).names == ["national", "shanghai"]


def test_ruleset_pickles_as_data_and_is_shared_in_process():
    import pickle

    rs = resolve_rules(RULES / "toy")
    clone = pickle.loads(pickle.dumps(rs))
    assert clone.key == rs.key and clone.table("places") == rs.table("places")
    assert clone is rs  # same process: the rule set (and its built matchers) is reused
    ex = pickle.loads(pickle.dumps(futurepolicy.Extractor(str(RULES / "toy"))))
    assert ex.extract(TOY_TEXT).provenance.rules[-1].name == "toyland"


def test_pickled_rules_need_no_pack_files(tmp_path):
    import pickle
    import shutil as sh

    pack = tmp_path / "gone"
    sh.copytree(RULES / "toy", pack)
    blob = tmp_path / "extractor.pickle"
    blob.write_bytes(pickle.dumps(futurepolicy.Extractor(resolve_rules(pack))))
    sh.rmtree(pack)  # like a worker that never had the folder
    script = (
        "import pickle, sys; ex = pickle.loads(open(sys.argv[1], 'rb').read()); "
        f"doc = ex.extract({TOY_TEXT!r}); print([r.name for r in doc.provenance.rules])"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    res = subprocess.run([sys.executable, "-c", script, str(blob)], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "['national', 'toyland']"


def test_changed_pack_files_are_reloaded(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("name: p\nversion: '1'\ninstitutions: [{name: 甲乙实验室, type: lab}]\n", encoding="utf-8")
    assert load_rules(str(pack)).tables["institutions"][0]["type"] == "lab"
    time.sleep(0.01)
    pack.write_text("name: p\nversion: '1'\ninstitutions: [{name: 甲乙实验室, type: platform}]\n", encoding="utf-8")
    os.utime(pack, (time.time() + 5, time.time() + 5))
    assert load_rules(str(pack)).tables["institutions"][0]["type"] == "platform"
    merged = {r["name"]: r["type"] for r in resolve_rules(str(pack)).table("institutions")}
    assert merged["甲乙实验室"] == "platform"


# -- broken packs: one clear line per problem, naming the file and the entry -------------------------

BROKEN_CASES = [
    # (pack, file named, entry named, problem text)
    ("bad_yaml.yaml", "bad_yaml.yaml", "line 5", "invalid YAML"),
    ("unknown_key.yaml", "unknown_key.yaml", "[placez]", "unknown key"),
    ("unknown_field.yaml", "unknown_field.yaml", "[places -> 1 (甲区) -> levle]", "unknown field"),
    ("wrong_type.yaml", "wrong_type.yaml", "[headings -> 1 (chapter) -> rank]", "should be an integer, got 'two'"),
    ("bad_choice.yaml", "bad_choice.yaml", "[places -> 2 (乙镇) -> level]", "'twon' is not one of"),
    ("bad_regex.yaml", "bad_regex.yaml", "[instruments -> 1 (subsidy) -> pattern]", "regex does not compile"),
    ("catastrophic_nested.yaml", "catastrophic_nested.yaml", "[instruments -> 2 (nested) -> pattern]",
     "backtracks catastrophically"),
    ("catastrophic_words.yaml", "catastrophic_words.yaml", "[headings -> 1 (words) -> pattern]",
     "backtracks catastrophically"),
    ("ragged", "places.csv", "[line 3]", "has 5 cells but the header has 6"),
    ("unknown_extends.yaml", "unknown_extends.yaml", "[extends] 'nowhere_province'", "unknown rule pack"),
    ("circle/a.yaml", "a.yaml", "[extends]", "extend each other in a circle"),
]


@pytest.mark.parametrize("pack, file, entry, problem", BROKEN_CASES, ids=[c[0] for c in BROKEN_CASES])
def test_broken_pack_fails_with_one_clear_line(pack, file, entry, problem):
    path = str(BROKEN / pack)
    with pytest.raises(RulePackError) as info:
        check_pack(path)
    message = str(info.value)
    assert file in message
    lines = [ln for ln in message.splitlines() if problem in ln]
    assert len(lines) == 1, message  # the problem is stated once, on one line ...
    assert entry in lines[0] or entry in message.splitlines()[0], message  # ... with its entry
    assert "Traceback" not in message
    # the same through extract(): a RulePackError, never another exception
    with pytest.raises(RulePackError):
        futurepolicy.extract("到2027年,培育10家企业。", rules=path)


@pytest.mark.parametrize("pack", [c[0] for c in BROKEN_CASES])
def test_rules_check_cli_exits_non_zero_with_one_line_per_problem(pack, capsys):
    from futurepolicy.cli import main

    assert main(["rules", "check", str(BROKEN / pack)]) == 1  # returns: no exception escapes
    err = capsys.readouterr().err
    assert err.startswith("futurepolicy: RulePackError [R00") and "Traceback" not in err
    assert main(["rules", "check", str(RULES / "toy")]) == 0
    assert "ok: toyland 0.1" in capsys.readouterr().out


def test_rules_check_cli_process_exit_code():
    bad = _run_cli("rules", "check", str(BROKEN / "catastrophic_words.yaml"))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "catastrophic_words.yaml: [headings -> 1 (words) -> pattern] regex backtracks" in bad.stderr
    assert _run_cli("rules", "check", str(RULES / "toy")).returncode == 0


def test_every_problem_of_a_pack_is_reported_at_once(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: many\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "places.csv").write_text(
        "name,level\n甲区,zone\n乙区,twon\n丙区,\n丁区,zone,extra\n", encoding="utf-8"
    )
    (tmp_path / "instruments.yaml").write_text(
        "- {id: a, side: 供应型, type: 资金投入, pattern: '(x+)+y'}\n", encoding="utf-8"
    )
    (tmp_path / "plces.csv").write_text("name\n甲\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(tmp_path)
    problems = info.value.problems
    assert len(problems) == 6, problems
    joined = "\n".join(problems)
    assert "places.csv: [places -> line 3 (乙区) -> level] 'twon'" in joined
    assert "places.csv: [places -> line 4 (丙区) -> level] is required" in joined
    assert "places.csv: [line 5] has 3 cells" in joined
    assert "instruments.yaml: [instruments -> 1 (a) -> side] '供应型' is not one of" in joined
    assert "instruments.yaml: [instruments -> 1 (a) -> pattern] regex backtracks" in joined
    assert "plces.csv: unknown section 'plces'" in joined


def test_a_wrong_csv_header_is_reported_once(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: header\nversion: '1'\n", encoding="utf-8")
    rows = "".join(f"地点{i},zone\n" for i in range(200))
    (tmp_path / "places.csv").write_text("name,levle\n" + rows, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(tmp_path)
    assert info.value.problems == [
        "places.csv: [header -> levle] unknown column; known: name, full_name, level, parent, code, aliases",
        "places.csv: [header] the required column 'level' is missing",
    ]


def test_long_problem_lists_are_capped(tmp_path):
    pack = tmp_path / "many.yaml"
    entries = "".join(f"  - {{name: 地点{i}, level: twon}}\n" for i in range(80))
    pack.write_text("name: many\nversion: '1'\nplaces:\n" + entries, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack))
    assert str(info.value).splitlines()[0].endswith("80 problems (one line each):")
    assert len(info.value.problems) == 51 and info.value.problems[-1] == "… and 30 more"


def test_list_items_are_words(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "name: p\nversion: '1'\nplaces:\n  - {name: 甲区, level: zone, aliases: [2046, {x: 1}]}\n", encoding="utf-8"
    )
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack))
    assert info.value.problems == ["p.yaml: [places -> 1 (甲区) -> aliases] should be a list of words, got an item {'x': 1}"]


def test_unknown_pack_name_lists_the_available_ones():
    with pytest.raises(UnknownRulePackError) as info:
        load_rules("zhejang")
    assert "unknown rule pack 'zhejang'" in str(info.value) and "national" in str(info.value)
    with pytest.raises(UnknownRulePackError):
        load_rules("no/such/pack.yaml")
    with pytest.raises(RulePackError):
        resolve_rules([])
    with pytest.raises(RulePackError):
        resolve_rules(42)


def test_yaml_is_loaded_safely(tmp_path):
    evil = tmp_path / "evil.yaml"
    evil.write_text("name: !!python/object/apply:os.system ['echo pwned']\nversion: '1'\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(evil))
    assert "invalid YAML" in str(info.value)


def test_pack_regexes_have_a_time_limit_at_run_time():
    import regex

    slow = regex.compile(r"(\w+\s?)*$")  # bypasses the load-time probe on purpose
    with pytest.raises(RegexTimeoutError) as info:  # raised only by the time limit firing
        finditer(slow, "发展" * 5000 + "!", timeout=0.05, source="x.txt")
    assert isinstance(info.value, FuturePolicyError) and "time limit" in str(info.value)
    assert [m.group() for m in finditer(r"给予.{0,6}补贴", "对企业给予研发补贴。")] == ["给予研发补贴"]


# -- packs change the output ---------------------------------------------------------------------


def test_segmenter_dictionary_comes_from_the_packs():
    text = "支持青梧智擎建设创新平台。"
    plain = [t.word for t in segmenter_for(resolve_rules("national")).tokenize(text)]
    assert "青梧智擎" not in plain  # jieba splits the invented name by default ...
    with_pack = [t.word for t in segmenter_for(resolve_rules(RULES / "toy")).tokenize(text)]
    assert "青梧智擎" in with_pack  # ... and keeps it whole with the pack
    alias = [t.word for t in segmenter_for(resolve_rules(RULES / "toy")).tokenize("在翠屿片区布局。")]
    assert "翠屿片区" in alias


def _names(objs):
    return {o.name for o in objs} | {m.text for o in objs for m in o.mentions}


def test_toy_pack_teaches_an_invented_place_and_organisation():
    without = futurepolicy.extract(TOY_TEXT, rules="national")
    check_document(without)
    assert "澜汐翠屿" not in _names(without.regions)
    assert "青梧智擎" not in _names(without.institutions)

    doc = futurepolicy.extract(TOY_TEXT, rules=str(RULES / "toy"))
    check_document(doc)
    assert [r.name for r in doc.provenance.rules] == ["national", "toyland"]
    region = next(r for r in doc.regions if r.name == "澜汐翠屿")
    assert region.level == "area" and region.full_name == "澜汐翠屿协同发展区"
    assert region.rule.startswith("toyland/places")
    org = next(o for o in doc.institutions if o.name == "青梧智擎")
    assert org.type == "platform" and org.rule.startswith("toyland/institutions")
    for obj in (region, org):
        m = obj.mentions[0]
        assert doc.text[m.start:m.end] == obj.name
    assert check_examples(RULES / "toy") == []
    assert check_examples(RULES / "toy", rules="national") != []  # the examples need the pack


def _builtin_examples():
    cases = []
    for pack_dir in sorted(p for p in BUILTIN_DIR.iterdir() if (p / "pack.yaml").exists()):
        pack = load_rules(pack_dir.name)
        for i, ex in enumerate(pack.tables.get("examples", [])):
            cases.append(pytest.param(pack.name, ex, id=f"{pack.name}-{i + 1}"))
    return cases or [pytest.param(None, None, id="no-examples")]


@pytest.mark.parametrize("pack, example", _builtin_examples())
def test_builtin_pack_examples(pack, example):
    if pack is None:
        pytest.skip("no built-in pack has an examples.yaml yet")
    doc = futurepolicy.extract(example["text"], rules=pack)
    check_document(doc)
    from futurepolicy.rules import _found

    missed = [e for e in example["expect"] if not _found(doc, e["label"], e["text"])]
    assert not missed, f"{pack}: {example['text']!r} misses {missed}"


def test_worked_example_pack_adds_local_places(capsys):
    pack = REPO / "examples" / "new_province" / "hainan"
    assert check_pack(pack).region == "海南省"
    assert check_examples(pack) == []
    text = (FIXTURES / "corpus" / "hainan_2024.txt").read_text(encoding="utf-8")
    national = futurepolicy.extract(text, rules="national")
    local = futurepolicy.extract(text, rules=str(pack))
    check_document(local)
    added = {r.full_name for r in local.regions} - {r.full_name for r in national.regions}
    assert "洋浦经济开发区" in added  # the national pack reads 洋浦 and 东方 as places of a list only
    yangpu = next(r for r in local.regions if r.full_name == "洋浦经济开发区")
    assert yangpu.rule == "hainan/places#洋浦" and yangpu.parent == "儋州市"
    # the walkthrough script runs and reports the additions
    sys.path.insert(0, str(pack.parent))
    try:
        import compare
    finally:
        sys.path.remove(str(pack.parent))
    assert compare.show(FIXTURES / "corpus" / "hainan_2024.txt", pack) == 0
    out = capsys.readouterr().out
    assert "→ zone · 洋浦经济开发区 · hainan/places#洋浦" in out and "examples.yaml: all found" in out


def test_docs_describe_every_section():
    from futurepolicy.rules._schema import PACK_KEYS, SECTIONS, WordsSpec

    doc = (REPO / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    for name, spec in SECTIONS.items():
        if isinstance(spec, WordsSpec):
            assert f"`{name}`" in doc, name
        else:
            assert f"### `{name}` (table, key `{spec.key}`)" in doc, name
            for field_name in spec.fields:
                assert f"`{field_name}`" in doc, (name, field_name)
    for key in PACK_KEYS:
        assert f"`{key}`" in doc, key


# -- third-party packs through the entry-point group -------------------------------------------------


def _write_distribution(root: Path) -> None:
    pkg = root / "futurepolicy_testland"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('"""A rule pack shipped as a package."""\n', encoding="utf-8")
    (pkg / "pack.yaml").write_text(
        "name: testland\nversion: '3.1.4'\nextends: national\nregion: 澜汐省\n", encoding="utf-8"
    )
    (pkg / "places.csv").write_text("name,level\n澜汐翠屿,area\n", encoding="utf-8")
    (pkg / "institutions.csv").write_text("name,type\n青梧智擎,platform\n", encoding="utf-8")
    info = root / "futurepolicy_testland-3.1.4.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: futurepolicy-testland\nVersion: 3.1.4\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[futurepolicy.rules]\ntestland = futurepolicy_testland\n", encoding="utf-8"
    )
    (info / "RECORD").write_text("", encoding="utf-8")


def test_installed_pack_is_listed_and_used(tmp_path):
    _write_distribution(tmp_path)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(REPO)]))
    listed = _run_cli("rules", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = dict(line.split("\t")[:2] for line in listed.stdout.splitlines())
    assert rows["testland"] == "3.1.4" and {"national", "chongqing", "shanghai"} <= set(rows)
    assert _run_cli("rules", "check", "testland", env=env).returncode == 0

    script = textwrap.dedent(
        f"""
        import json, futurepolicy
        from futurepolicy.pipeline import segmenter_for
        from futurepolicy.rules import installed_packs, resolve_rules
        info = {{p.name: p for p in installed_packs()}}["testland"]
        doc = futurepolicy.extract({TOY_TEXT!r}, rules="testland")
        words = [t.word for t in segmenter_for(resolve_rules("testland")).tokenize({TOY_TEXT!r})]
        print(json.dumps({{
            "origin": info.origin,
            "rules": [[r.name, r.version] for r in doc.provenance.rules],
            "auto": resolve_rules(None, region="澜汐省").names,
            "whole": "青梧智擎" in words,
            "regions": [r.name for r in doc.regions],
            "institutions": [o.name for o in doc.institutions],
        }}, ensure_ascii=False))
        """
    )
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    import json

    out = json.loads(res.stdout)
    assert out["origin"] == "futurepolicy-testland 3.1.4"
    assert out["rules"] == [["national", load_rules("national").version], ["testland", "3.1.4"]]
    assert out["auto"] == ["national", "testland"]  # rules=None picks the installed pack by region
    assert out["whole"]
    assert "澜汐翠屿" in out["regions"] and "青梧智擎" in out["institutions"]


def test_installed_packs_are_found_in_process_and_lookups_are_cached(tmp_path, monkeypatch):
    from futurepolicy.rules import available_rules, find_region_pack, refresh

    _write_distribution(tmp_path)
    assert "testland" not in available_rules()
    monkeypatch.syspath_prepend(str(tmp_path))  # a new sys.path: installed packs are looked up again
    assert available_rules()["testland"] == "3.1.4"
    assert find_region_pack("澜汐省") == "testland"
    import importlib.metadata

    scans = []
    real = importlib.metadata.entry_points
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **kw: scans.append(kw) or real(**kw))
    for _ in range(1000):
        resolve_rules(None, region="澜汐省")  # once per document in auto mode: must not rescan
    assert scans == []  # installed distributions are scanned once per sys.path, not per document
    monkeypatch.undo()
    refresh()
    assert "testland" not in available_rules()


def test_broken_installed_pack_is_listed_not_fatal(tmp_path):
    _write_distribution(tmp_path)
    (tmp_path / "futurepolicy_testland" / "places.csv").write_text("name,level\n澜汐翠屿,twon\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(REPO)]))
    listed = _run_cli("rules", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "testland\t(invalid)" in listed.stdout
    bad = _run_cli("rules", "check", "testland", env=env)
    assert bad.returncode == 1 and "places.csv: [places -> line 2 (澜汐翠屿) -> level]" in bad.stderr


# -- no vocabulary in Python ------------------------------------------------------------------------


def _cjk_strings(node: ast.AST) -> int:
    elts = []
    if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
        elts = node.elts
    elif isinstance(node, ast.Dict):
        elts = [k for k in node.keys if k is not None] + list(node.values)
    return sum(
        1
        for e in elts
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and any("\u4e00" <= c <= "\u9fff" for c in e.value)
    )


def _is_numeral_table(node: ast.AST) -> bool:
    """{"一": 1, "二": 2, …}: how numbers are written is language structure, not vocabulary."""
    return (
        isinstance(node, ast.Dict)
        and all(isinstance(k, ast.Constant) and isinstance(k.value, str) and len(k.value) == 1 for k in node.keys)
        and all(isinstance(v, ast.Constant) and isinstance(v.value, int) for v in node.values)
    )


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _vocabulary_in_code(root: Path, limit: int = 8) -> list[str]:
    found = []
    for py in sorted(root.rglob("*.py")):
        tree = ast.parse(py.read_text(encoding="utf-8"), filename=str(py))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if id(node) in docs or _is_numeral_table(node):
                continue
            n = _cjk_strings(node)
            if n >= limit:
                where = f"{py.relative_to(root.parent)}:{node.lineno}"
                found.append(f"{where}: {type(node).__name__} of {n} Chinese strings")
            for const in (node.value,) if isinstance(node, ast.Constant) else ():
                # a long alternation of Chinese words inside one regex string is a word list too
                if isinstance(const, str) and const.count("|") >= limit - 1:
                    words = [w for w in const.split("|") if any("\u4e00" <= c <= "\u9fff" for c in w)]
                    if len(words) >= limit:
                        where = f"{py.relative_to(root.parent)}:{node.lineno}"
                        found.append(f"{where}: regex alternation of {len(words)} Chinese words")
    return found


def test_the_scan_finds_word_lists(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "SUFFIXES = ('大学', '学院', '研究院', '研究所', '实验室', '中心', '医院', '集团')\n"
        "PAT = '(?:新区|园区|开发区|高新区|经开区|自贸区|保税区|示范区)'\n"
        "OK = ['一', 'two']\n"
        "DIGITS = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}\n"
        "def f():\n    '''Docs may list 新区|园区|开发区|高新区|经开区|自贸区|保税区|示范区.'''\n",
        encoding="utf-8",
    )
    assert len(_vocabulary_in_code(pkg)) == 2


def test_no_gazetteer_or_keyword_list_in_python_code():
    found = _vocabulary_in_code(REPO / "futurepolicy")
    assert not found, "move these word lists into rule-pack data files:\n" + "\n".join(found)


def test_docstring_examples_run():
    import doctest

    import futurepolicy.distributed
    import futurepolicy.rules

    for module in (futurepolicy.rules, futurepolicy.distributed):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_builtin_pack_patterns_pass_the_probe():
    # built-in packs skip the load-time backtracking probe (start-up cost): this test is the probe
    from futurepolicy.rules import BUILTIN_DIR, _regex_problem
    from futurepolicy.rules._schema import SECTIONS, TableSpec

    checked = 0
    for folder in sorted(p for p in BUILTIN_DIR.iterdir() if (p / "pack.yaml").exists()):
        pack = load_rules(folder.name)
        for section, rows in pack.tables.items():
            spec = SECTIONS[section]
            assert isinstance(spec, TableSpec)
            for name, field_spec in spec.fields.items():
                if field_spec.type != "regex":
                    continue
                for row in rows:
                    if row.get(name):
                        assert _regex_problem(row[name]) is None, (folder.name, section, row)
                        checked += 1
    assert checked >= 10


def test_packs_loaded_by_path_are_probed(tmp_path):
    pack = tmp_path / "slow"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: slow\nversion: '1'\nextends: national\n", encoding="utf-8")
    (pack / "headings.yaml").write_text(
        "- {id: bad, pattern: '(\\w+\\s?)*$', rank: 1}\n", encoding="utf-8"
    )
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack))
    assert "backtracks catastrophically" in str(info.value) and str(info.value).count("\n  ") == 1


# -- the on-disk cache of validated packs ----------------------------------------------------------


def _toy_copy(tmp_path):
    import shutil

    dst = tmp_path / "toy"
    shutil.copytree(FIXTURES / "rules" / "toy", dst)
    return dst


def test_a_validated_pack_is_cached_and_read_back_the_same(tmp_path, monkeypatch):
    from dataclasses import asdict

    from futurepolicy.rules import _read_pack, _read_pack_files

    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    pack_dir = _toy_copy(tmp_path)
    first = _read_pack(pack_dir)
    entries = list((tmp_path / "cache" / "packs").glob("*.json"))
    assert len(entries) == 1
    again = _read_pack(pack_dir)
    assert asdict(again) == asdict(first) == asdict(_read_pack_files(pack_dir, probe=True)[0])
    # the cached copy is what is served: a marker planted in it shows up
    data = json.loads(entries[0].read_text(encoding="utf-8"))
    data["title"] = "served from the cache"
    entries[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _read_pack(pack_dir).title == "served from the cache"


def test_an_edited_pack_is_validated_again_even_with_the_same_size_and_time(tmp_path, monkeypatch):
    from futurepolicy.rules import _read_pack

    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    pack_dir = _toy_copy(tmp_path)
    _read_pack(pack_dir)
    places = pack_dir / "places.csv"
    st = places.stat()
    text = places.read_text(encoding="utf-8")
    assert ",area," in text
    places.write_text(text.replace(",area,", ",arex,", 1), encoding="utf-8")  # same length
    os.utime(places, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(RulePackError) as info:
        _read_pack(pack_dir)
    assert "'arex' is not one of" in str(info.value)


def test_a_corrupt_or_unwritable_cache_never_breaks_loading(tmp_path, monkeypatch):
    from futurepolicy.rules import _read_pack

    cache = tmp_path / "cache"
    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", str(cache))
    pack_dir = _toy_copy(tmp_path)
    expected = _read_pack(pack_dir).tables
    for entry in (cache / "packs").glob("*.json"):
        entry.write_text('{"format": 1, "name": ', encoding="utf-8")  # truncated
    assert _read_pack(pack_dir).tables == expected
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", str(blocked))
    assert _read_pack(pack_dir).tables == expected
    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", "")  # off
    assert _read_pack(pack_dir).tables == expected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_a_pack_folder_is_reported_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("FUTUREPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    pack_dir = _toy_copy(tmp_path)
    os.mkfifo(pack_dir / "places2.csv")  # reading it would block forever
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack_dir))
    assert "places2.csv: not a regular file" in str(info.value)


# -- rules check: examples and every problem at once (issue 18) ------------------------------------


def _toy_copy(tmp_path: Path) -> Path:
    import shutil

    dst = tmp_path / "toy"
    shutil.copytree(RULES / "toy", dst)
    return dst


def test_rules_check_runs_the_packs_examples(tmp_path, capsys):
    from futurepolicy.cli import main

    pack = _toy_copy(tmp_path)
    with open(pack / "examples.yaml", "a", encoding="utf-8") as f:
        f.write("- text: 在澜汐翠屿建设创新平台。\n  expect:\n    - {label: institution, text: 白鹭数算中心}\n")
    with pytest.raises(RulePackError) as info:
        check_pack(pack)
    assert "[examples -> 2 (在澜汐翠屿建设创新平台。)] no institution '白鹭数算中心' found" in str(info.value)
    assert check_pack(pack, examples=False).name == "toyland"
    assert main(["rules", "check", str(pack)]) == 1
    assert "白鹭数算中心" in capsys.readouterr().err
    assert main(["rules", "check", str(RULES / "toy")]) == 0
    assert "1 example found as stated" in capsys.readouterr().out


def test_rules_check_reports_a_typo_in_extends_with_the_other_problems(tmp_path):
    pack = _toy_copy(tmp_path)
    meta = (pack / "pack.yaml").read_text(encoding="utf-8").replace("extends: national", "extends: natoinal")
    (pack / "pack.yaml").write_text(meta, encoding="utf-8")
    with open(pack / "places.csv", "a", encoding="utf-8") as f:
        f.write("雾屿新城,雾屿新城,twon,,,\n")
    with pytest.raises(RulePackError) as info:
        check_pack(pack)
    lines = str(info.value).splitlines()
    assert "2 problems" in lines[0]
    assert "[extends] 'natoinal'" in lines[1] and "unknown rule pack" in lines[1]  # first, not after a fix
    assert "places.csv" in lines[2] and "'twon'" in lines[2]


def test_rules_check_reports_a_broken_pack_below(tmp_path):
    (tmp_path / "base.yaml").write_text("name: base\nversion: '1'\nplaces:\n  - {name: 甲区, level: twon}\n",
                                        encoding="utf-8")
    (tmp_path / "top.yaml").write_text("name: top\nversion: '1'\nextends: [./base.yaml]\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        check_pack(tmp_path / "top.yaml")
    message = str(info.value)
    assert "[extends] './base.yaml'" in message and "'twon' is not one of" in message
