"""Institutions without a gazetteer entry or a plain suffix (issue 15): party bodies, abbreviated
offices, labs and centres named by a level or an event, companies named by a list."""

from __future__ import annotations

import pytest

import futurepolicy

from conftest import check_document


def _orgs(text: str) -> list[tuple[str, str]]:
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    return [(o.name, o.type) for o in doc.institutions]


def _names(text: str) -> list[str]:
    return [n for n, _ in _orgs(text)]


# -- party bodies and governments named by place --------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("中共江西省委宣传部举行发布会,长沙市委召开常委会。",
     ["中共江西省委", "中共江西省委宣传部", "长沙市委"]),
    ("中共江西省委宣傳部舉行發布會,長沙市委召開常委會。",
     ["中共江西省委", "中共江西省委宣傳部", "長沙市委"]),
])
def test_party_bodies_are_institutions(text, expected):
    assert _names(text) == expected


def test_a_numbered_session_stays_inside_the_body_name():
    assert _orgs("中国共产党湖南省第十二届委员会全体会议召开。") == [
        ("中国共产党湖南省第十二届委员会", "government")]


@pytest.mark.parametrize("text", ["昆明市政府印发方案。", "昆明市政府印發方案。"])
def test_a_place_and_government_is_an_institution(text):
    assert _orgs(text) == [(text[:5], "government")]


def test_bare_levels_and_generic_governments_are_not_institutions():
    text = "按照省委、省政府部署,市委书记强调,市政府各部门、地方政府和数字政府要落实成都市政府工作报告。"
    assert _orgs(text) == []


# -- abbreviated offices --------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("责任单位:省工信厅、省大数据局、市文旅局。", ["省工信厅", "省大数据局", "市文旅局"]),
    ("責任單位:省工信廳、省大數據局、市文旅局。", ["省工信廳", "省大數據局", "市文旅局"]),
])
def test_abbreviated_offices_with_a_level(text, expected):
    assert _orgs(text) == [(n, "government") for n in expected]


def test_no_office_without_a_name():
    assert _orgs("责任单位:省级有关部门、各市局。") == []


# -- labs and centres ----------------------------------------------------------------------------------


def test_labs_and_centres_named_by_a_level_or_a_name_only_suffix():
    text = "支持柳州市建设国家新能源汽车技术创新中心,用好省量子计算实验室,支持超导材料全国重点实验室建设。"
    assert _orgs(text) == [
        ("国家新能源汽车技术创新中心", "platform"),
        ("省量子计算实验室", "lab"),
        ("超导材料全国重点实验室", "lab"),
    ]


def test_traditional_lab_named_by_a_level():
    assert _orgs("用好省量子計算實驗室。") == [("省量子計算實驗室", "lab")]


def test_bodies_named_by_a_founding_event():
    assert _orgs("海底科学实验室揭牌运行,新材料研究院挂牌成立。") == [
        ("海底科学实验室", "lab"), ("新材料研究院", "institute")]
    assert _orgs("海底科學實驗室揭牌運行。") == [("海底科學實驗室", "lab")]


def test_generic_labs_and_centres_stay_out():
    text = ("建设国家产业创新中心、省重点实验室,打造国家重要先进制造业中心,建设一批全国重点实验室。"
            "实验室揭牌运行,新建的研究院挂牌成立,高校和龙头企业共建平台。")
    assert _orgs(text) == []


# -- companies and bodies named by a list ---------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("引进宁德时代、比亚迪等龙头企业。", ["宁德时代", "比亚迪"]),
    ("引進寧德時代、比亞迪等龍頭企業。", ["寧德時代", "比亞迪"]),
])
def test_brands_in_a_list_of_companies(text, expected):
    assert _orgs(text) == [(n, "company") for n in expected]


def test_industries_in_a_list_of_companies_are_not_companies():
    assert _orgs("培育人工智能、生物医药、软件等企业,支持重庆、四川等地企业。") == []


def test_an_item_of_a_list_of_institutions_is_one():
    names = _names("联合中国科学院、北京大学、航天五院等单位攻关。")
    assert names == ["中国科学院", "北京大学", "航天五院"]
    # one known institution does not make a list of them
    assert _names("联合北京大学、航天五院、软件企业攻关。") == ["北京大学"]


def test_other_items_of_a_list_of_institutions_are_not_places():
    orgs = _orgs("依托重庆大学、西南大学、两江新区、中兴等单位。")
    assert orgs == [("重庆大学", "university"), ("西南大学", "university"), ("中兴", "other")]


# -- a company named in full, then by the head of its name ----------------------------------------------


@pytest.mark.parametrize("text, short", [
    ("杭州云启智能科技有限公司发布新品,云启智能表示将扩大产能。", "云启智能"),
    ("杭州雲啟智能科技有限公司發布新品,雲啟智能表示將擴大產能。", "雲啟智能"),
])
def test_a_company_short_name_after_its_full_name(text, short):
    orgs = _orgs(text)
    assert (short, "company") in orgs
    assert len(orgs) == 2


def test_a_company_head_followed_by_a_noun_is_a_phrase():
    orgs = _orgs("杭州云启智能科技有限公司发布新品,打造云启智能产业高地。")
    assert [n for n, _ in orgs] == ["杭州云启智能科技有限公司"]


def test_a_generic_noun_before_a_name_only_suffix_is_not_a_name():
    assert _orgs("支持生物、新材料等重点领域全国重点实验室建设。") == []
    assert _orgs("支持生物、新材料等重點領域全國重點實驗室建設。") == []
