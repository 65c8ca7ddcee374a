"""Industry taxonomy: shipped data, name matching, categories on extracted industries."""

from __future__ import annotations

import pytest
import yaml

from conftest import CORPUS_FILES, SEEDS, check_document, load_expected

from futurepolicy.enrich import taxonomy as tx
from futurepolicy.enrich.taxonomy import (
    UnknownTaxonomyError,
    categorize,
    categorize_industries,
    directions,
    load_taxonomy,
)
from futurepolicy.errors import FuturePolicyError

SIX = ["未来制造", "未来信息", "未来材料", "未来能源", "未来空间", "未来健康"]


# -- the data files ------------------------------------------------------------------------------


def test_miit_directions_in_source_order():
    assert directions() == SIX


@pytest.mark.parametrize("version", ["miit-2024", "sei-2018"])
def test_data_files_name_their_source_and_have_unique_ids(version):
    raw = yaml.safe_load((tx.DATA_DIR / f"{version}.yaml").read_text(encoding="utf-8"))
    assert raw["version"] == version
    assert "〔2024〕12号" in raw["source"] if version == "miit-2024" else "国家统计局令第23号" in raw["source"]
    tax = load_taxonomy(version)
    ids = [e.id for e in tax.entries]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(version + ":") for i in ids)


def test_every_miit_direction_has_fields_and_fields_point_to_their_direction():
    tax = load_taxonomy()
    for d in SIX:
        fields = [e for e in tax.entries if e.level == "field" and e.direction == d]
        assert len(fields) >= 3, d
        assert all(e.id == f"miit-2024:{d}/{e.name}" for e in fields)
    products = [e for e in tax.entries if e.level == "product"]
    assert {"人形机器人", "量子计算机"} <= {p.name for p in products}
    assert all(p.direction is None for p in products)


def test_sei_2018_nine_areas_with_codes():
    tax = load_taxonomy("sei-2018")
    areas = {e.code: e.name for e in tax.entries}
    assert sorted(areas, key=int) == [str(i) for i in range(1, 10)]
    assert areas["1"] == "新一代信息技术产业" and areas["9"] == "相关服务业"
    assert tax.lookup("新材料").code == "3"
    assert tax.lookup("新能源汽车产业集群").code == "5"
    assert tax.lookup("新能源").code == "6"  # not 新能源汽车: matching is exact after suffix stripping


def test_unknown_taxonomy_is_a_typed_error():
    with pytest.raises(UnknownTaxonomyError) as e:
        load_taxonomy("miit-1999")
    assert isinstance(e.value, FuturePolicyError)
    assert "miit-2024" in str(e.value)  # names what is available
    with pytest.raises(FuturePolicyError):
        load_taxonomy("../../etc/passwd")


def test_malformed_taxonomy_data_is_a_typed_error():
    with pytest.raises(UnknownTaxonomyError):
        tx.Taxonomy({"title": "no version"})
    with pytest.raises(UnknownTaxonomyError):
        tx.Taxonomy({"version": "x", "directions": [{"fields": []}]})


# -- matching --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, category, tid",
    [
        ("脑机接口", "未来健康", "miit-2024:未来健康/脑机接口"),
        ("脑机交互", "未来健康", "miit-2024:未来健康/脑机接口"),  # the national wording
        ("卫星互联网", "未来信息", "miit-2024:未来信息/卫星互联网"),
        ("新型储能", "未来能源", "miit-2024:未来能源/新型储能"),
        ("生物制造", "未来制造", "miit-2024:未来制造/生物制造"),
        ("前沿新材料", "未来材料", "miit-2024:未来材料/前沿新材料"),
        ("未来智能", "未来信息", "miit-2024:未来信息"),
        ("脑机接口技术", "未来健康", "miit-2024:未来健康/脑机接口"),  # suffix stripped
        ("未来健康产业集群", "未来健康", "miit-2024:未来健康"),
        ("可控核聚变", "未来能源", "miit-2024:未来能源/核聚变"),
        ("腦機接口", "未来健康", "miit-2024:未来健康/脑机接口"),  # traditional script
        ("ＤＮＡ", None, None),
        ("量子科技与6G", "未来信息", "miit-2024:未来信息"),  # joined parts of one direction
        ("脑机接口及6G", None, None),  # parts of two directions: no guess
        ("氢能与储能", None, None),  # one part unknown: no guess
        ("人形机器人", None, "miit-2024:标志性产品/人形机器人"),  # a product: no direction in the text
        ("元宇宙", None, None),
        ("生命科学", None, None),
        ("数字经济", None, None),
        ("", None, None),
    ],
)
def test_categorize(name, category, tid):
    assert categorize(name) == (category, tid)


def test_no_partial_or_substring_guessing():
    # a name that merely contains an entry is not that entry
    for name in ["智能制造装备", "工业互联网平台企业", "量子点薄膜", "海洋电子信息", "生物"]:
        assert categorize(name)[0] is None, name


def test_parent_used_only_when_the_name_itself_matches_nothing():
    assert categorize("生物安全", parent="未来健康") == ("未来健康", "miit-2024:未来健康")
    # the name's own entry wins over the cluster it is listed under
    assert categorize("脑机接口", parent="未来智能") == ("未来健康", "miit-2024:未来健康/脑机接口")
    assert categorize("生物安全", parent="生命科学") == (None, None)


def test_non_string_names_do_not_raise():
    tax = load_taxonomy()
    assert tax.lookup(None) is None  # type: ignore[arg-type]
    assert tax.lookup(42) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_names_alone(seed):
    exp = load_expected(f"{seed}.categories.json")
    got = {name: categorize(name)[0] for name in exp["names"]}
    assert got == exp["names"]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_industries_as_placed_by_the_plan(seed):
    exp = load_expected(f"{seed}.categories.json")
    for item in exp["industries"]:
        got = categorize(item["name"], parent=item["parent"])
        assert got == (item["category"], item["taxonomy_id"]), item


# -- end to end ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_documents_end_to_end(seed, seed_docs):
    doc = seed_docs[seed]
    check_document(doc)
    assert doc.provenance.taxonomy == "miit-2024"
    exp = {i["name"]: i for i in load_expected(f"{seed}.categories.json")["industries"]}
    found = [i for i in doc.industries if i.name in exp]
    if not doc.industries:
        pytest.skip("the industries extractor found nothing (not wired yet?)")
    assert len(found) >= len(exp) // 2, [i.name for i in doc.industries]
    for ind in found:
        e = exp[ind.name]
        assert (ind.category, ind.taxonomy_id) == (e["category"], e["taxonomy_id"]), ind


def _industry(name, parent=None):
    from futurepolicy.model import Industry, Mention

    return Industry(name=name, kind="industry", parent=parent, category="stale", taxonomy_id="stale",
                    technologies=[], rule="test", mentions=[Mention(0, len(name), name)])


def _context(text, rules):
    from futurepolicy.context import Context
    from futurepolicy.normalize import normalize
    from futurepolicy.rules import resolve_rules

    return Context(text=text, norm=normalize(text), rules=resolve_rules(rules))


def test_categorize_industries_fills_in_place_and_sets_version():
    ctx = _context("脑机接口 元宇宙", "national")
    inds = [_industry("脑机接口"), _industry("元宇宙")]
    ctx.results["industries"] = inds
    categorize_industries(ctx)
    assert ctx.results["taxonomy_version"] == "miit-2024"
    assert [(i.category, i.taxonomy_id) for i in inds] == [
        ("未来健康", "miit-2024:未来健康/脑机接口"),
        (None, None),  # stale values are overwritten, never kept
    ]


def test_rule_pack_taxonomy_id_overrides(tmp_path):
    pack = tmp_path / "testprov"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: testprov\nversion: '1'\nextends: national\n", encoding="utf-8")
    (pack / "industries.csv").write_text(
        "name,kind,taxonomy_id,aliases,parent\n数字智能,cluster,miit-2024:未来信息,数智|数字智能产业,\n",
        encoding="utf-8",
    )
    ctx = _context("数字智能", ["national", str(pack)])
    inds = [_industry("数字智能"), _industry("数智"), _industry("卫星互联网")]
    ctx.results["industries"] = inds
    categorize_industries(ctx)
    assert [(i.category, i.taxonomy_id) for i in inds] == [
        ("未来信息", "miit-2024:未来信息"),
        ("未来信息", "miit-2024:未来信息"),
        ("未来信息", "miit-2024:未来信息/卫星互联网"),
    ]
    # without the pack the local name is unknown
    assert categorize("数字智能") == (None, None)


def test_corpus_categories_are_consistent_and_deterministic():
    import futurepolicy

    tax = load_taxonomy()
    seen = 0
    for path in CORPUS_FILES:
        text = path.read_text(encoding="utf-8")
        doc = futurepolicy.extract(text, source=path.name)
        check_document(doc)
        for ind in doc.industries:
            assert ind.category in (None, *SIX), ind
            if ind.taxonomy_id is not None:
                entry = tax.by_id[ind.taxonomy_id]
                assert entry.direction == ind.category, ind
                seen += ind.category is not None
            else:
                assert ind.category is None
        again = futurepolicy.extract(text, source=path.name)
        assert [(i.name, i.category, i.taxonomy_id) for i in again.industries] == [
            (i.name, i.category, i.taxonomy_id) for i in doc.industries
        ]
    if seen == 0:
        pytest.skip("no categorised industries in the corpus (industries extractor not wired?)")


def test_odd_names_never_raise():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=10)))
    def check(name, parent):
        category, tid = categorize(name, parent=parent)
        assert category in (None, *SIX)
        assert tid is None or tid in load_taxonomy().by_id

    check()
    assert categorize(None, parent=7) == (None, None)  # type: ignore[arg-type]
