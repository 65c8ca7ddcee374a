"""Goals in news, briefings and work reports (futurepolicy/extractors/goal_cues.py and its use in goals.py).

Sentences written for these tests, in simplified and traditional script; each rule has its negative case.
"""

from __future__ import annotations

import pytest

from conftest import check_document

from futurepolicy import __version__
from futurepolicy.context import Context
from futurepolicy.extractors.goal_cues import count_of_list_after, count_of_list_before, in_title
from futurepolicy.extractors.goals import extract_goals
from futurepolicy.model import Period, PolicyDocument, Provenance
from futurepolicy.normalize import normalize
from futurepolicy.pipeline import segmenter_for
from futurepolicy.rules import resolve_rules


def goals(text: str, *, publish_date=None, period=None):
    rs = resolve_rules("national")
    ctx = Context(text=text, norm=normalize(text), rules=rs)
    ctx.set_tokens(segmenter_for(rs).tokenize(ctx.ntext))
    ctx.set_outline([])
    ctx.meta.publish_date = publish_date
    if period:
        ctx.meta.period = Period(*period)
    doc = PolicyDocument(id="t", source=None, provenance=Provenance(futurepolicy=__version__), text=text,
                         goals=extract_goals(ctx))
    check_document(doc)
    return doc.goals


def values(text: str, **kw):
    return [(g.value, g.unit, g.target_year) for g in goals(text, **kw)]


# -- numbers inside names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "到2027年,全面落实《关于培育100家领军企业的若干意见》。",
        "到2027年,全面落實《關於培育100家領軍企業的若干意見》。",
        "到2027年,深入开展“培育百家企业上云”专项行动。",
    ],
)
def test_numbers_in_titles_and_quoted_names_are_not_goals(text):
    assert goals(text) == []


def test_a_number_after_a_title_still_counts():
    assert values("到2027年,落实《领军企业培育意见》,培育100家领军企业。") == [(100, "家", 2027)]


def test_in_title():
    t = "落实《培育100家企业的意见》,培育50家企业"
    assert in_title(t, t.index("100")) and not in_title(t, t.index("50"))


# -- forecasts, tallies and past results ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "预计全年全省地区生产总值增长5.5%左右。",
        "預計全年全省地區生產總值增長5.5%左右。",
        "今年全市软件业务收入有望突破1000亿元。",
        "今年全市軟件業務收入有望突破1000億元。",
        "全省累计建成算力中心12个。",  # a tally no year governs
        "全省累計建成算力中心12個。",
    ],
)
def test_forecasts_and_tallies_are_not_goals(text):
    assert goals(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("到2030年,全市软件业务收入有望突破1000亿元。", [(1000, "亿元", 2030)]),  # a later year governs
        ("到2027年,全省累计建成算力中心12个。", [(12, "个", 2027)]),
        ("到2027年,全省累計建成算力中心12個。", [(12, "个", 2027)]),
    ],
)
def test_forecasts_and_tallies_of_a_later_year_are_goals(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025年,我市出台了人才新政;新增高新技术企业600家。",  # a past cue across the ;
        "2025年,我市出臺了人才新政;新增高新技術企業600家。",
        "2024—2025年,全市工业投资年均增长12%。",  # a span that has ended
        "2024—2025年,全市工業投資年均增長12%。",
    ],
)
def test_results_of_the_publication_year_or_before_are_not_goals(text):
    assert goals(text, publish_date="2026-01-20") == []


def test_without_a_date_the_latest_year_leading_a_clause_is_the_present():
    text = "2019年,该区制定了发展战略;新增各类市场主体三万多家。"
    assert goals(text) == []
    assert values("2019年,该区制定了发展战略。到2021年,新增各类市场主体三万多家。") == [(30000, "家", 2021)]


def test_the_same_sentences_a_year_ahead_are_goals():
    assert values("2027年,我市出台人才新政;新增高新技术企业600家。", publish_date="2026-01-20") == [(600, "家", 2027)]
    assert values("2026—2027年,全市工业投资年均增长12%。", publish_date="2026-01-20") == [(12, "%", None)]


# -- annual targets and annual documents ----------------------------------------------------------


@pytest.mark.parametrize("text", ["到2027年,每年新增高新技术企业100家。", "到2027年,每年新增高新技術企業100家。"])
def test_annual_targets_have_no_target_year(text):
    assert values(text) == [(100, "家", None)]


def test_an_annual_document_gives_its_year():
    text = "一、推进算力建设\n1.培育10个以上行业大模型应用标杆。\n2.每年举办宣讲活动40场以上。"
    assert values(text, period=(2026, 2026)) == [(10, "个", 2026), (40, "场", None)]
    assert values(text, period=(2024, 2026)) == [(10, "个", None), (40, "场", None)]  # a plan period: no


# -- a shared verb --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["到2027年,两项比重分别达到60%、35%以上。", "到2027年,兩項比重分別達到60%、35%以上。",
     "到2027年,两项比重分别达到60%和35%以上。"],
)
def test_a_shared_verb_distributes(text):
    got = goals(text)
    assert [(g.value, g.comparator, g.target_year) for g in got] == [(60, "eq", 2027), (35, "gte", 2027)]


# -- counts of a list the text gives ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "到2027年,打造甲产业链、乙产业链、丙产业链三条产业链。",
        "到2027年,打造甲產業鏈、乙產業鏈、丙產業鏈三條產業鏈。",
        "到2027年,发展4个新兴产业,包括甲产业、乙产业、丙产业和丁产业。",
        "到2027年,發展4個新興產業,包括甲產業、乙產業、丙產業和丁產業。",
    ],
)
def test_counts_of_a_given_list_are_not_goals(text):
    assert goals(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("到2027年,建设甲电站、乙电站等3-4个抽水蓄能电站。", (3, "个")),  # examples of more: a target
        ("到2027年,发展4个新兴产业,推动产业升级。", (4, "个")),  # no list given
        ("到2027年,打造甲产业链、乙产业链两条以上产业链。", None),
    ],
)
def test_counts_next_to_examples_or_alone_are_goals(text, expected):
    got = [(g.value, g.unit) for g in goals(text)]
    assert got == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("到2027年,重点建设甲材料等3个产业集群。\n甲材料产业集群。发挥资源优势。\n乙装备产业集群。", []),
        ("到2027年,重點建設甲材料等3個產業集群。\n甲材料產業集群。發揮資源優勢。", []),
        ("到2027年,重点建设甲材料等3个产业集群。\n发挥资源优势,壮大甲材料产业。", [(3, "个")]),  # no heading
    ],
)
def test_a_count_whose_example_heads_the_list_that_follows(text, expected):
    assert [(g.value, g.unit) for g in goals(text)] == expected


def test_list_counting():
    assert count_of_list_before("打造甲、乙和丙", 0, 7) == 3  # 打造甲 / 乙 / 丙
    assert count_of_list_before("建设甲、乙等", 0, 6) == 0
    assert count_of_list_after(":包括甲、乙、丙;", 0, ("包括",)) == 3
    assert count_of_list_after(",推动升级。", 0, ("包括",)) == 0


# -- scale words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("到2027年,培育壮大千亿产业集群和百亿园区。", [(1, "千亿", 1e11), (1, "百亿", 1e10)]),
        ("到2027年,培育壯大千億產業集群和百億園區。", [(1, "千亿", 1e11), (1, "百亿", 1e10)]),
        ("到2027年,打造千亿级先进材料产业集群。", [(1, "千亿级", 1e11)]),
        ("到2027年,生物制造产业产值超百亿。", [(1, "百亿", 1e10)]),
        ("到2027年,打造萬億級電子信息產業。", [(1, "万亿级", 1e12)]),
        ("到2027年,打造两千亿级电子信息产业。", [(2000, "亿元", 2e11)]),  # a count of billions: money
    ],
)
def test_scale_words_are_goals_with_their_scale(text, expected):
    got = goals(text)
    assert [(g.value, g.unit, g.value_cny) for g in got] == expected
    assert all(g.comparator == "gte" and g.target_year == 2027 for g in got)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("到2027年,产值超百亿企业达到20户。", [(20, "户")]),  # the scale describes what is counted
        ("全市已形成千亿级产业集群。", []),  # a result
        ("到2027年,打造5个千亿级产业集群。", [(5, "个")]),  # the scale is part of the counted noun
        ("全市百亿元资金已到位。", []),  # money, and a result
    ],
)
def test_scale_words_that_are_not_goals(text, expected):
    if expected == [(20, "户")]:
        assert goals(text)[0].metric == "产值超百亿企业"  # the scale stays in the counted noun
    assert [(g.value, g.unit) for g in goals(text)] == expected


# -- a lead restating a target without its year ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["·全市软件业务收入达到500亿元\n方案提出,到2027年,全市软件业务收入达到500亿元。",
     "·全市軟件業務收入達到500億元\n方案提出,到2027年,全市軟件業務收入達到500億元。"],
)
def test_a_restatement_without_a_year_is_a_mention(text):
    (g,) = goals(text)
    assert (g.value, g.unit, g.target_year, len(g.mentions)) == (500, "亿元", 2027, 2)


def test_the_same_value_in_two_years_is_two_goals():
    got = values("到2025年,软件业务收入达到500亿元。到2027年,软件业务收入达到500亿元以上。")
    assert got == [(500, "亿元", 2025), (500, "亿元", 2027)]


# -- a change from a starting value ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["五年来,全省海洋生产总值从1000亿元增长到1500亿元,年均增长8%。",
     "全省海洋生產總值從1000億元增長到1500億元,年均增長8%。",
     "全省数字经济比重由20%上升到26%。"],
)
def test_a_change_no_year_governs_is_a_result(text):
    assert goals(text) == []


def test_a_change_to_a_target_year_is_a_goal():
    assert values("到2027年,全省数字经济比重由20%提高到30%。") == [(30, "%", 2027)]
