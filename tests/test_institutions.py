"""Institutions: gazetteer + suffix recogniser, one object per name, named parents, no generic phrases."""

from __future__ import annotations

import pytest

import futurepolicy
from futurepolicy.normalize import normalize

from conftest import CORPUS, SEEDS, check_document, load_expected, seed_text


def _orgs(text: str, rules="national"):
    doc = futurepolicy.extract(text, rules=rules)
    check_document(doc)
    return doc, doc.institutions


def _names(orgs):
    return [o.name for o in orgs]


# -- the seeds against hand-written expectations ------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_institutions_complete_and_clean(seed_docs, seed):
    doc = seed_docs[seed]
    check_document(doc)
    expected = load_expected(f"{seed}.institutions.json")["institutions"]
    got = [{"name": o.name, "type": o.type, "mentions": len(o.mentions)} for o in doc.institutions]
    missing = [e for e in expected if e not in got]
    extra = [g for g in got if g not in expected]
    assert not missing and not extra, f"missing {missing}\nextra {extra}"
    assert got == expected  # order of first mention
    for o in doc.institutions:
        assert o.name == o.mentions[0].text
        for m in o.mentions:
            assert doc.text[m.start:m.end] == m.text


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_institutions_with_national_rules_only(seed):
    doc = futurepolicy.extract(seed_text(seed), rules="national")
    check_document(doc)
    expected = {e["name"]: e for e in load_expected(f"{seed}.institutions.json")["institutions"]}
    got = {o.name: o for o in doc.institutions}
    assert set(got) <= set(expected), set(got) - set(expected)
    assert len(got) >= 0.9 * len(expected)
    for name, o in got.items():
        assert o.type == expected[name]["type"], name


# -- the recogniser ------------------------------------------------------------------------------------


def test_a_long_name_is_one_institution_and_its_named_parent_another():
    doc, orgs = _orgs("推进北京大学重庆碳基集成电路研究院等新型研发机构加快发展。")
    assert [(o.name, o.type) for o in orgs] == [
        ("北京大学", "university"),
        ("北京大学重庆碳基集成电路研究院", "institute"),
    ]
    parent, full = orgs
    assert parent.mentions[0].start == full.mentions[0].start  # the parent's mention is inside the name
    assert doc.regions == []  # 重庆 inside the name is not a place mention


def test_no_fragments_around_names():
    text = ("推进西南大学联合食品企业建立研发平台。推动企业联合重庆大学、重庆邮电大学建设平台。"
            "支持陆军军医大学器官智能生物制造工程研究中心进一步发挥作用。")
    _, orgs = _orgs(text)
    names = _names(orgs)
    for fragment in ("研究中心", "推进西南大学", "联合重庆大学", "工程研究中心", "器官智能生物制造工程研究中心",
                     "西南大学联合食品企业", "研发平台"):
        assert fragment not in names
    assert {"西南大学", "重庆大学", "重庆邮电大学", "陆军军医大学器官智能生物制造工程研究中心"} <= set(names)


def test_generic_phrases_are_never_institutions():
    text = ("鼓励本地高校和科研院所开展研究,支持龙头企业、领军企业和新型研发机构,"
            "各区人民政府,市政府各委、办、局:加强与国家部委对接。按照市委、市政府部署,"
            "支持本地高校争设国家未来技术学院,建设未来产业研究院,组建一批未来产业创新中心,"
            "打造科技创新中心,发挥院士(专家)工作站作用。")
    _, orgs = _orgs(text)
    assert orgs == []


def test_joiners_inside_one_name_and_between_two():
    _, orgs = _orgs("推进重庆新型储能材料与装备研究院发展,支持重庆脑与智能科学中心做强做优。")
    assert _names(orgs) == ["重庆新型储能材料与装备研究院", "重庆脑与智能科学中心"]
    _, orgs = _orgs("支持重庆大学与西南大学共建平台。")
    assert _names(orgs) == ["重庆大学", "西南大学"]
    _, orgs = _orgs("发挥中国工程院院士专家成果展示与转化中心作用。")
    assert _names(orgs) == ["中国工程院", "中国工程院院士专家成果展示与转化中心"]


def test_government_bodies_and_leading_groups():
    _, orgs = _orgs("依托市制造强市建设领导小组,由省科技厅、上海市人民政府和市产业技术创新战略咨询委员会牵头。")
    assert [(o.name, o.type) for o in orgs] == [
        ("市制造强市建设领导小组", "leading_group"),
        ("省科技厅", "government"),
        ("上海市人民政府", "government"),
        ("市产业技术创新战略咨询委员会", "government"),
    ]


def test_future_industry_bodies_and_task_forces():
    # 未来 alone is a time word (it would end the name): the lexicon keeps 未来产业 whole
    _, orgs = _orgs("建立省未来产业发展领导小组,组建市人工智能产业发展工作专班,统筹推进重大事项。")
    assert [(o.name, o.type) for o in orgs] == [
        ("省未来产业发展领导小组", "leading_group"),
        ("市人工智能产业发展工作专班", "leading_group"),
    ]


def test_person_and_title_do_not_join_the_name():
    _, orgs = _orgs("吉林省省长胡玉亭代表吉林省人民政府作报告。")
    assert _names(orgs) == ["吉林省人民政府"]


def test_gazetteer_aliases_merge_and_keep_the_written_name():
    _, orgs = _orgs("中科院与中国科学院深海科学与工程研究所合作,工信部支持。")
    by_name = {o.name: o for o in orgs}
    assert by_name["中科院"].type == "academy"
    assert len(by_name["中科院"].mentions) == 2  # 中科院 and 中国科学院 (parent of the institute)
    assert by_name["工信部"].rule == "national/institutions#工业和信息化部"


def test_province_pack_adds_local_names():
    text = "依托市制造强市建设领导小组,着力推进明月湖实验室建设。"
    _, national = _orgs(text, rules="national")
    assert "明月湖实验室" not in _names(national)
    _, orgs = _orgs(text, rules="chongqing")
    lab = next(o for o in orgs if o.name == "明月湖实验室")
    assert lab.type == "lab" and lab.rule == "chongqing/institutions#明月湖实验室"


def test_institutions_are_deterministic_and_sorted():
    text = seed_text("chongqing_2024")
    a = futurepolicy.extract(text).institutions
    b = futurepolicy.extract(text).institutions
    assert a == b
    starts = [o.mentions[0].start for o in a]
    assert starts == sorted(starts)


# -- the corpus ----------------------------------------------------------------------------------------

CORPUS_EXPECT = {
    # file: (normalised names that must be found with their type, substrings no name may contain)
    "nanjing_2023": ({"紫金山实验室": "lab", "东南大学": "university", "南京市工业和信息化局": "government"}, []),
    "hainan_presser_2024": ({"中国海洋大学": "university", "中国科学院深海科学与工程研究所": "institute"}, []),
    "xiamen_2019": ({"厦门市科技局": "government"}, []),
    "suzhou_2023": ({"苏州市发展和改革委员会": "government", "苏州市人民政府": "government"}, []),
    "guizhou_2026": ({"省科技厅": "government", "贵州大数据集团": "company", "华为": "company"}, []),
    "wuhan_2024": ({"武汉经济技术开发区管委会": "government", "工信部": "government"}, []),
    "xian_2019_presser": ({"中科院国家授时中心": "platform", "中科院": "academy", "国务院": "government"}, []),
    "jilin_gwr_2026": ({"吉林省人民政府": "government"}, ["胡玉亭", "省长"]),
    "guangxi_ocean": ({}, ["涉海创新平台"]),
    "chengdu_2022_bio": ({}, ["关联产业基金"]),
    "liaoning_2024": ({"辽宁省人民政府办公厅": "government", "国务院": "government"}, []),
    "ningxia_2025": ({"宁夏制造强区建设领导小组": "leading_group"}, []),
}


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECT))
def test_corpus_institutions(name):
    doc = futurepolicy.extract((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), source=f"{name}.txt")
    check_document(doc)
    must, must_not = CORPUS_EXPECT[name]
    got = {normalize(o.name).text: o.type for o in doc.institutions}
    for n, typ in must.items():
        assert got.get(n) == typ, (n, got)
    for bad in must_not:
        assert not any(bad in n for n in got), (bad, got)


def test_no_bare_suffix_or_generic_name_anywhere_in_the_corpus():
    from futurepolicy.rules import resolve_rules

    generic = set(resolve_rules("national").word_list("org_words", "generic"))
    for path in sorted(CORPUS.glob("*.txt")):
        doc = futurepolicy.extract(path.read_text(encoding="utf-8"), source=path.name)
        for o in doc.institutions:
            n = normalize(o.name).text
            assert n not in generic, (path.name, n)
            assert not n.startswith(("推进", "联合", "支持", "依托", "推动")), (path.name, n)


def test_brands_before_a_company_suffix():
    _, orgs = _orgs("支持宇通集团、潍柴集团牵头组建创新联合体,组建产业集团,推动国有集团改革,支持区块链公司发展。")
    assert [(o.name, o.type) for o in orgs] == [("宇通集团", "company"), ("潍柴集团", "company")]
