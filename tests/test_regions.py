"""Regions: divisions (full and short forms), zones, parks, strategies; resolution and mentions."""

from __future__ import annotations


import pytest

import futurepolicy
from futurepolicy.normalize import normalize

from conftest import CORPUS, SEEDS, check_document, load_expected, python_work, seed_text


def _norm(s: str) -> str:
    return normalize(s).text


def _regions(text: str, rules=None):
    doc = futurepolicy.extract(text, rules=rules)
    check_document(doc)
    return doc, doc.regions


def _by_full(regions, full_name):
    found = [r for r in regions if r.full_name == full_name]
    assert len(found) == 1, (full_name, [(r.name, r.full_name) for r in regions])
    return found[0]


def _as_rows(regions):
    return [
        {"name": r.name, "full_name": r.full_name, "level": r.level, "parent": r.parent, "code": r.code,
         "mentions": len(r.mentions)}
        for r in regions
    ]


# -- the seeds against hand-written expectations ------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_regions_complete_and_clean(seed_docs, seed):
    doc = seed_docs[seed]
    check_document(doc)
    expected = load_expected(f"{seed}.regions.json")["regions"]
    got = _as_rows(doc.regions)
    missing = [e for e in expected if e not in got]
    extra = [g for g in got if g not in expected]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"
    assert got == expected  # same order too: by first mention
    for r in doc.regions:
        for m in r.mentions:
            assert doc.text[m.start:m.end] == m.text
        assert r.name == r.mentions[0].text


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_regions_with_national_rules_only(seed):
    """The province packs only add knowledge: the national pack alone finds most places, nothing wrong."""
    doc = futurepolicy.extract(seed_text(seed), rules="national")
    check_document(doc)
    expected = {e["name"]: e for e in load_expected(f"{seed}.regions.json")["regions"]}
    names = {r.name for r in doc.regions}
    assert names <= set(expected), names - set(expected)
    assert len(names) >= 0.8 * len(expected)
    for r in doc.regions:
        if r.code:  # divisions need no province pack at all
            e = expected[r.name]
            assert (r.full_name, r.level, r.parent, r.code, len(r.mentions)) == (
                e["full_name"], e["level"], e["parent"], e["code"], e["mentions"])


def test_region_output_is_deterministic():
    text = seed_text("shanghai_2022")
    assert futurepolicy.extract(text).to_json() == futurepolicy.extract(text).to_json()


# -- divisions and short forms -----------------------------------------------------------------------


def test_short_forms_in_a_list_resolve_to_the_plans_districts():
    _, regions = _regions("在浦东、宝山、闵行、金山、奉贤等区域,打造未来健康产业集群。", rules="shanghai")
    rows = [(r.name, r.full_name, r.level, r.parent, r.code) for r in regions]
    assert rows == [
        ("浦东", "浦东新区", "district", "上海市", "310115"),
        ("宝山", "宝山区", "district", "上海市", "310113"),
        ("闵行", "闵行区", "district", "上海市", "310112"),
        ("金山", "金山区", "district", "上海市", "310116"),
        ("奉贤", "奉贤区", "district", "上海市", "310120"),
    ]


def test_shared_short_form_needs_the_plans_province():
    # 宝山 is also a district of 双鸭山 (黑龙江): without a 上海 context it is not resolved at all
    _, regions = _regions("在宝山布局一批项目。", rules="national")
    assert regions == []
    _, regions = _regions("上海市人民政府印发方案,上海将在宝山布局一批项目,支持上海企业。", rules="national")
    assert _by_full(regions, "宝山区").code == "310113"


def test_province_short_forms_and_partner_cities():
    _, regions = _regions("加强与北京、深圳等先进地区合作,对接宁夏、内蒙古、广西和新疆。", rules="national")
    got = {r.name: (r.full_name, r.level, r.code) for r in regions}
    assert got == {
        "北京": ("北京市", "province", "110000"),
        "深圳": ("深圳市", "city", "440300"),
        "宁夏": ("宁夏回族自治区", "province", "640000"),
        "内蒙古": ("内蒙古自治区", "province", "150000"),
        "广西": ("广西壮族自治区", "province", "450000"),
        "新疆": ("新疆维吾尔自治区", "province", "650000"),
    }
    assert _by_full(regions, "深圳市").parent == "广东省"


def test_province_wins_over_city_of_the_same_short_name():
    _, regions = _regions("吉林加快发展未来产业。", rules="national")
    assert [(r.full_name, r.code) for r in regions] == [("吉林省", "220000")]


def test_ambiguous_full_name_outside_the_region_has_no_code():
    _, regions = _regions("支持鼓楼区建设。", rules="national")
    assert [(r.name, r.full_name, r.level, r.code, r.parent) for r in regions] == [
        ("鼓楼区", "鼓楼区", "district", None, None)]
    _, regions = _regions("支持南京市鼓楼区建设。", rules="national")
    assert _by_full(regions, "鼓楼区").code == "320106"


def test_short_forms_inside_words_are_not_places():
    _, regions = _regions("坚持绿水青山就是金山银山,支持浙江北部发展。", rules="national")
    assert [r.full_name for r in regions] == ["浙江省"]


def test_places_inside_institution_or_zone_names_are_not_mentions():
    _, regions = _regions("支持重庆大学、中山大学和重庆高新区发展,在重庆举办论坛。", rules="national")
    chongqing = _by_full(regions, "重庆市")
    assert [m.text for m in chongqing.mentions] == ["重庆"]
    assert not any(r.full_name == "中山市" for r in regions)
    assert _by_full(regions, "重庆高新区").level == "zone"


def test_all_mentions_of_one_place_are_one_object():
    doc, regions = _regions("浦东新区先行。浦东要率先突破,带动浦东周边。", rules="shanghai")
    assert len(regions) == 1
    r = regions[0]
    assert (r.name, r.full_name, r.code) == ("浦东新区", "浦东新区", "310115")
    assert [m.text for m in r.mentions] == ["浦东新区", "浦东", "浦东"]


def test_district_short_form_of_another_province_is_not_reported():
    # 浦江 is a county of 浙江 金华; in a 上海 plan “浦江之星” is a programme
    _, regions = _regions("依托“浦江之星”计划,推动上海企业发展。", rules="shanghai")
    assert [r.full_name for r in regions] == ["上海市"]


# -- zones, parks and strategies ---------------------------------------------------------------------


def test_zones_by_suffix_need_a_proper_head():
    text = ("建设未来产业先导区和特色产业园区,推动科技园区和示范区发展,"
            "支持三亚崖州湾科技城、重庆高新区、苏州工业园区建设。")
    _, regions = _regions(text, rules="national")
    names = [r.name for r in regions]
    for generic in ("未来产业先导区", "特色产业园区", "科技园区", "示范区", "先导区"):
        assert generic not in names
    assert _by_full(regions, "三亚崖州湾科技城").parent == "三亚市"
    assert _by_full(regions, "苏州工业园区").level == "park"
    assert _by_full(regions, "重庆高新区").parent == "重庆市"


def test_strategies_and_national_new_areas():
    _, regions = _regions("深度融入成渝地区双城经济圈、长三角和粤港澳大湾区,学习雄安新区经验。", rules="national")
    got = {r.name: (r.full_name, r.level) for r in regions}
    assert got["成渝地区双城经济圈"] == ("成渝地区双城经济圈", "strategy")
    assert got["长三角"] == ("长江三角洲区域", "strategy")
    assert got["粤港澳大湾区"] == ("粤港澳大湾区", "strategy")
    assert got["雄安新区"] == ("河北雄安新区", "zone")


def test_province_pack_adds_local_zones():
    text = "谋划未来产业先导区,聚焦临港、张江、紫竹等,集聚创新要素。"
    _, national = _regions(text, rules="national")
    assert national == []
    _, regions = _regions(text, rules="shanghai")
    assert [(r.name, r.parent, r.rule) for r in regions] == [
        ("临港", "上海市", "shanghai/places#临港"),
        ("张江", "浦东新区", "shanghai/places#张江"),
        ("紫竹", "闵行区", "shanghai/places#紫竹"),
    ]


def test_traditional_script_names_keep_the_text_as_written():
    _, regions = _regions("支持三亞崖州灣科技城建設,推動甘肅發展。", rules="national")
    zone = _by_full(regions, "三亚崖州湾科技城")
    assert zone.name == "三亞崖州灣科技城"
    assert _by_full(regions, "甘肃省").name == "甘肅"


@pytest.mark.parametrize("text", ["", " ", "区区区区", "高新区" * 50, "，、。" * 20, "重庆" * 2000])
def test_odd_inputs_give_valid_output(text):
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)


# -- the corpus: hand-checked entities per text --------------------------------------------------------

CORPUS_EXPECT = {
    # file: (full names that must be found, full names / substrings that must not)
    "nanjing_2023": (["南京市", "长江三角洲区域", "江苏省"], []),
    "hainan_presser_2024": (["海南省", "三亚崖州湾科技城", "海南自由贸易港", "海口市"], []),
    "xiamen_2019": (["厦门市", "福州市", "泉州市", "漳州市", "福建省"], []),
    "suzhou_2023": (["苏州市", "苏州工业园区"], []),
    "guizhou_2026": (["贵州省", "贵州贵安新区"], []),
    "heilongjiang_2022_bio": (["黑龙江省", "哈尔滨市", "哈尔滨生物医药产业园区", "齐齐哈尔市", "大庆市"], ["核心区和"]),
    "heilongjiang_gwr_2024": (["黑龙江省", "佳木斯国家农业高新技术产业示范区"], ["高水平建设", "龙江县"]),
    "qingdao_2025_commentary": (["青岛市", "市南区", "崂山区"], []),
    "guangxi_ocean": (["广西壮族自治区"], ["海洋牧场示范区"]),
    "ningxia_2025": (["宁夏回族自治区", "银川市"], ["宁夏要构建新材料产业基地"]),
    "gansu_presser_2025": (["甘肃省", "兰州市"], []),
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECT))
def test_corpus_regions(name):
    doc = futurepolicy.extract((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), source=f"{name}.txt")
    check_document(doc)
    must, must_not = CORPUS_EXPECT[name]
    fulls = {r.full_name for r in doc.regions}
    for f in must:
        assert f in fulls, (f, sorted(fulls))
    for bad in must_not:
        assert not any(bad in (r.full_name or "") for r in doc.regions), (bad, sorted(fulls))


def test_corpus_parents_and_codes():
    doc = futurepolicy.extract((CORPUS / "heilongjiang_2022_bio.txt").read_text(encoding="utf-8"))
    assert _by_full(doc.regions, "哈尔滨生物医药产业园区").parent == "哈尔滨市"
    assert _by_full(doc.regions, "齐齐哈尔市").code == "230200"
    doc = futurepolicy.extract((CORPUS / "qingdao_2025_commentary.txt").read_text(encoding="utf-8"))
    assert _by_full(doc.regions, "崂山区").parent == "青岛市"


# -- speed -------------------------------------------------------------------------------------------


def test_scan_work_is_linear():
    """extract_regions + extract_institutions: 8x the text costs about 8x the work, never 64x."""
    from futurepolicy.context import Context
    from futurepolicy.extractors.institutions import extract_institutions
    from futurepolicy.extractors.regions import extract_regions
    from futurepolicy.pipeline import segmenter_for
    from futurepolicy.rules import resolve_rules

    parts = [seed_text(s) for s in SEEDS] + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    base = "\n".join(parts)[:60_000]
    rules = resolve_rules("national")

    def context(text):
        norm = normalize(text)
        ctx = Context(text=text, norm=norm, rules=rules)
        ctx.set_tokens(segmenter_for(rules).tokenize(norm.text))
        return ctx

    def scan(ctx):
        assert extract_regions(ctx) and extract_institutions(ctx)

    small, big = context(base * 2), context(base * 16)
    scan(context(base))  # build the matchers once
    assert python_work(scan, big) <= 12 * python_work(scan, small)


