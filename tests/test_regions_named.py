"""Regions beyond divisions (issue 15): named zones and corridors, seas and straits, short names
made places by a list, and place names that are not mentions (media outlets, given names)."""

from __future__ import annotations

import pytest

import futurepolicy

from conftest import check_document


def _regions(text: str, rules="national"):
    doc = futurepolicy.extract(text, rules=rules)
    check_document(doc)
    return doc.regions


def _rows(text: str, rules="national") -> list[tuple[str, str | None]]:
    return [(r.name, r.level) for r in _regions(text, rules)]


# -- zones, corridors and areas ------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("做强杭州都市圈,建设长沙国际医学城。", ["杭州都市圈", "长沙国际医学城"]),
    ("做強杭州都市圈,建設長沙國際醫學城。", ["杭州都市圈", "長沙國際醫學城"]),
])
def test_named_zones_and_areas(text, expected):
    assert _rows(text) == [(n, "zone") for n in expected]


def test_a_zone_name_runs_across_and_when_no_name_ends_before_it():
    assert _rows("支持黄河流域生态保护和产业转型示范区建设。") == [("黄河流域生态保护和产业转型示范区", "zone")]
    # two names: 北京 ends a name of its own
    assert _rows("支持北京和上海自贸区建设。") == [("北京", "province"), ("上海自贸区", "zone")]


def test_generic_zones_and_corridors_are_not_places():
    assert _rows("建设未来产业先导区,打造特色产业走廊和一批经济走廊。") == []


# -- seas and straits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("开发南海油气,建设琼州海峡通道,保护渤海生态。", ["南海", "琼州海峡", "渤海"]),
    ("開發南海油氣,建設瓊州海峽通道。", ["南海", "瓊州海峽"]),
])
def test_seas_and_straits(text, expected):
    assert _rows(text) == [(n, "area") for n in expected]


def test_a_sea_yields_to_the_district_of_the_plans_province():
    regions = _regions("广东省佛山市:推动南海制造业升级。")
    nanhai = [r for r in regions if r.name == "南海"]
    assert [(r.full_name, r.code) for r in nanhai] == [("南海区", "440605")]


# -- short names in lists of places --------------------------------------------------------------------


def test_a_common_word_short_form_is_a_place_in_a_list_of_places():
    rows = [(r.name, r.full_name) for r in _regions("推进万宁、东方、琼海等市县项目。")]
    assert rows == [("万宁", "万宁市"), ("东方", "东方市"), ("琼海", "琼海市")]
    rows = [(r.name, r.full_name) for r in _regions("推進萬寧、東方、瓊海等市縣項目。")]
    assert rows == [("萬寧", "万宁市"), ("東方", "东方市"), ("瓊海", "琼海市")]


def test_a_place_tagged_word_is_a_place_in_a_list_of_places():
    assert [r.name for r in _regions("在海口、三亚、洋浦等地布局。")] == ["海口", "三亚", "洋浦"]


def test_no_list_of_places_no_short_place():
    assert _regions("弘扬东方文化,学习东方、西方经验。") == []
    assert [r.name for r in _regions("在海口、洋浦、科研院所布局。")] == ["海口"]


# -- places that are not mentions ---------------------------------------------------------------------


def test_a_place_in_a_media_name_or_a_given_name_is_not_a_mention():
    regions = _regions("来源:湖南日报 。湖南日报记者报道,郭金华女士表示。")
    assert regions == []
    regions = _regions("金华市推进建设,湖南网络安全产业加快发展。")
    assert [r.full_name for r in regions] == ["金华市", "湖南省"]


def test_a_variant_character_of_a_province():
    regions = _regions("陜西省西安市推进陜西航天经济技术开发区建设。")
    assert [(r.name, r.full_name) for r in regions] == [
        ("陜西省", "陕西省"), ("西安市", "西安市"), ("陜西航天经济技术开发区", "陕西航天经济技术开发区")]


@pytest.mark.parametrize("text, expected", [
    ("加快建设熔盐科创城,推进未来大科学城和郑洛产业走廊。", ["熔盐科创城", "未来大科学城", "郑洛产业走廊"]),
    ("加快建設熔鹽科創城,推進未來大科學城。", ["熔鹽科創城", "未來大科學城"]),
])
def test_endings_that_only_name_places_need_no_proper_head(text, expected):
    assert [r.name for r in _regions(text)] == expected


def test_generic_words_before_such_endings_are_not_names():
    text = "建设科学城,打造一批科学城,建设世界级产业走廊,建设具有国际影响力的科学城,建成3个科学城,融入科学城。"
    assert _regions(text) == []
