"""Metadata of the document a news text, briefing or work report is about (futurepolicy/meta_reported.py).

Every text here is written for the test; each kind comes in simplified and traditional script, with
the cases that must stay null.
"""

from __future__ import annotations

import pytest

from futurepolicy.context import Context
from futurepolicy.meta import extract_meta
from futurepolicy.normalize import normalize
from futurepolicy.rules import resolve_rules
from futurepolicy.structure import parse_outline


def meta_of(text: str):
    ctx = Context(text=text, norm=normalize(text), rules=resolve_rules("national"))
    ctx.set_outline(parse_outline(ctx))
    return extract_meta(ctx)


# -- the title in 《》 with a publishing cue --------------------------------------------------------


@pytest.mark.parametrize(
    "text,title,issuer",
    [
        ("本报讯 近日,河南省人民政府印发《河南省低空经济高质量发展行动方案(2025—2027年)》,明确了五项任务。",
         "河南省低空经济高质量发展行动方案(2025—2027年)", "河南省人民政府"),
        ("本報訊 近日,河南省人民政府印發《河南省低空經濟高質量發展行動方案(2025—2027年)》,明確了五項任務。",
         "河南省低空經濟高質量發展行動方案(2025—2027年)", "河南省人民政府"),
        # a parent document cited first is not the one reported
        ("为贯彻国务院《关于加快发展数字经济的指导意见》,日前,《郑州市数字经济行动计划》(以下简称《计划》)出台。",
         "郑州市数字经济行动计划", None),
        ("為貫徹國務院《關於加快發展數字經濟的指導意見》,日前,《鄭州市數字經濟行動計劃》(以下簡稱《計劃》)出臺。",
         "鄭州市數字經濟行動計劃", None),
        # the verb after the title; the issuer is the body whose meeting adopted it
        ("3月2日,自治区政府第12次常务会议审议通过《关于加快氢能产业发展的实施意见》,提出三项目标。",
         "关于加快氢能产业发展的实施意见", "自治区政府"),
        ("洛阳市科技局第一时间研究出台了《关于培育未来产业的三年行动计划(2024—2026)》,推出十项工程。",
         "关于培育未来产业的三年行动计划(2024—2026)", "洛阳市科技局"),
        ("按照部署,省工业和信息化厅联合相关部门制定出台了《河南省生物制造行动方案》。",
         "河南省生物制造行动方案", "省工业和信息化厅"),
        ("記者從《河南省構建現代化產業體系行動計劃》政策解讀新聞發布會上獲悉,該省將發展低空經濟。",
         "河南省構建現代化產業體系行動計劃", None),
        # a bare title clause ending in its verb
        ("7月3日,河南省先进制造业集群培育行动方案印发,其中提出重点建设一批集群。",
         "河南省先进制造业集群培育行动方案", None),
        ("7月3日,河南省先進製造業集群培育行動方案正式印發,其中提出重點建設一批集群。",
         "河南省先進製造業集群培育行動方案", None),
    ],
)
def test_reported_title_and_issuer(text, title, issuer):
    m = meta_of(text)
    assert (m.title, m.issuer) == (title, issuer)
    assert m.publish_date is None  # 近日 / 日前 / a date without its year date nothing


@pytest.mark.parametrize(
    "text",
    [
        "为落实《河南省数字经济促进条例》,全省加快建设算力中心。",  # cited, and not a plan type
        "根据《郑州市数字经济行动计划》,郑州将建设10个算力中心。",  # cited with 根据
        "依據《鄭州市數字經濟行動計劃》,鄭州將建設10個算力中心。",
        "郑州市今年发布促进未来产业发展的若干举措,引来多方关注。",  # no title named
    ],
)
def test_cited_or_unnamed_documents_give_no_title(text):
    m = meta_of(text)
    assert (m.title, m.issuer) == (None, None)


def test_consent_gives_the_issuer():
    m = meta_of("经市人民政府同意,《开封市氢能产业实施方案》近日印发。")
    assert (m.title, m.issuer) == ("开封市氢能产业实施方案", "市人民政府")


# -- the government work report -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,title,issuer,date",
    [
        ("2025年1月20日,河南省第十四届人民代表大会第三次会议开幕。会上,省长王某某代表河南省人民政府向大会作政府工作报告。",
         "政府工作报告", "河南省人民政府", "2025-01-20"),
        ("2025年1月20日,河南省第十四屆人民代表大會第三次會議開幕。會上,省長王某某代表河南省人民政府向大會作政府工作報告。",
         "政府工作報告", "河南省人民政府", "2025-01-20"),
        # the place and year written before it; a date without its year dates nothing
        ("“算力”郑州市2025年政府工作报告:打造算力高地\n1月8日,郑州市人民政府代市长李某作报告。",
         "郑州市2025年政府工作报告", "郑州市人民政府", None),
        ("1月8日,省长李某作《政府工作报告》,提出加快建设算力高地。", "政府工作报告", None, None),
    ],
)
def test_work_report(text, title, issuer, date):
    m = meta_of(text)
    assert (m.title, m.issuer, m.publish_date) == (title, issuer, date)
    assert (m.period.start, m.period.end) == (None, None)  # a work report has no planning period


@pytest.mark.parametrize(
    "text",
    [
        "按照省政府工作报告任务分工,全省加快推进产业振兴。",  # a cited report
        "郑州召开新闻发布会\n\n副市长介绍了产业情况。\n\n目前产值已超过5000亿元。\n\n今年郑州市政府工作报告提出,要建设算力高地。",
    ],
)
def test_cited_work_report_is_not_the_title(text):
    assert meta_of(text).title is None


# -- dates: the document's, not the page's --------------------------------------------------------


@pytest.mark.parametrize(
    "text,date",
    [
        ("某市未来产业行动方案\n来源:某市发展改革委 发布时间:2024-05-06\n正文。", None),  # a byline
        ("某市未來產業行動方案\n來源:某市發展改革委 發布時間:2024-05-06\n正文。", None),
        ("某市未来产业行动方案\n发布时间:2024-05-06\n正文。", "2024-05-06"),  # the page is the plan
        ("发布时间:2024-05-06\n日前,《某市未来产业行动方案》正式发布。", None),  # a news page's date
        ("各区人民政府:现将《某市未来产业行动方案》印发给你们,请认真贯彻落实。2023年3月8日(此件主动公开)某市未来产业行动方案",
         "2023-03-08"),
        ("各區人民政府:現將《某市未來產業行動方案》印發給你們,請認真貫徹落實。2023年3月8日(此件主動公開)某市未來產業行動方案",
         "2023-03-08"),
    ],
)
def test_document_dates(text, date):
    assert meta_of(text).publish_date == date


# -- periods from the title -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,period",
    [
        ("据报道,中共河南省委关于制定河南省国民经济和社会发展第十五个五年规划的建议发布。", (2026, 2030)),
        ("據報道,中共河南省委關於制定河南省國民經濟和社會發展第十五個五年規劃的建議發布。", (2026, 2030)),
        ("日前,《关于做强高成长企业的三年行动计划(2019—2021)》正式发布。", (2019, 2021)),
        ("日前,《某市“十四五”数字经济发展规划》正式发布。到2025年,产值达到1000亿元。", (2021, 2025)),
        ("日前,《某市数字经济行动方案》正式发布。到2027年,产值达到1000亿元。", (None, None)),  # one target's year
    ],
)
def test_reported_period(text, period):
    m = meta_of(text)
    assert (m.period.start, m.period.end) == period


def test_issuer_from_the_reported_title():
    m = meta_of("据报道,中共河南省委关于制定河南省国民经济和社会发展第十五个五年规划的建议发布。")
    assert m.title == "中共河南省委关于制定河南省国民经济和社会发展第十五个五年规划的建议"
    assert m.issuer == "中共河南省委"
    assert m.region == "河南省"


def test_a_document_named_inside_a_plan_body_is_not_the_title():
    body = "一、发展背景\n2017年,国务院印发《新一代人工智能发展规划》,提出三步走目标。\n二、主要目标\n到2027年,产值达到100亿元。"
    assert meta_of(body).title is None
    assert meta_of("2017年,国务院印发《新一代人工智能发展规划》,提出三步走目标。").title == "新一代人工智能发展规划"


def test_a_page_date_before_a_long_body_line_is_the_plans():
    text = "某市未来产业行动方案 发表时间:2024-08-12 16:52 未来产业是前沿科技的产业化。" + "发展基因编辑等技术。" * 20
    assert meta_of(text).publish_date == "2024-08-12"
