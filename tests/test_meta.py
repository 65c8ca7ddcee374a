"""Document metadata (futurepolicy/meta.py): title, issuer, 发文字号, date, period, region."""

from __future__ import annotations

import dataclasses

import pytest

from futurepolicy.context import Context
from futurepolicy.meta import extract_meta, parse_doc_number
from futurepolicy.normalize import normalize
from futurepolicy.rules import resolve_rules
from futurepolicy.structure import parse_outline

from conftest import CORPUS, CORPUS_FILES, SEEDS, check_document, load_expected


def meta_of(text: str, rules="national"):
    ctx = Context(text=text, norm=normalize(text), rules=resolve_rules(rules))
    ctx.set_outline(parse_outline(ctx))
    return extract_meta(ctx)


def corpus_meta(name: str):
    return meta_of((CORPUS / name).read_text(encoding="utf-8"))


# -- the seeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_meta_matches_hand_written(seed_docs, name):
    doc = seed_docs[name]
    check_document(doc)
    assert dataclasses.asdict(doc.meta) == load_expected(f"{name}.meta.json")


# -- documents built here -----------------------------------------------------------------------

NOTICE = (
    "{lead}"
    "青岛市人民政府办公厅关于印发《青岛市加快培育发展未来产业行动方案(2025—2027年)》的通知\n"
    "{docno}\n"
    "各区、市人民政府,市政府各部门:\n"
    "《青岛市加快培育发展未来产业行动方案(2025—2027年)》已经市委、市政府研究同意,现印发给你们,请认真贯彻执行。\n"
    "青岛市人民政府办公厅\n"
    "2025年4月14日\n"
    "青岛市加快培育发展未来产业行动方案(2025—2027年)\n"
    "一、总体要求\n到2027年,集聚30家左右高成长企业。到2030年,形成产业集群。"
)


def test_notice_gives_title_issuer_date_period_region():
    m = meta_of(NOTICE.format(lead="", docno="青政办发〔2025〕3号"))
    assert m.title == "青岛市加快培育发展未来产业行动方案(2025—2027年)"
    assert m.issuer == "青岛市人民政府办公厅"
    assert m.publish_date == "2025-04-14"
    assert (m.period.start, m.period.end) == (2025, 2027)
    assert (m.region, m.region_code, m.issuer_level) == ("青岛市", "370200", "市")


def test_signature_date_wins_over_news_dateline():
    m = meta_of(NOTICE.format(lead="2025-04-20 09:30\n来源:青岛日报\n", docno=""))
    assert m.publish_date == "2025-04-14"


@pytest.mark.parametrize(
    "printed,canonical",
    [
        ("沪府发〔2022〕11号", "沪府发〔2022〕11号"),
        ("沪府发[2022]11号", "沪府发〔2022〕11号"),
        ("沪府发(2022)11号", "沪府发〔2022〕11号"),
        ("沪府发（２０２２）１１号", "沪府发〔2022〕11号"),
        ("沪府发【2022】11号", "沪府发〔2022〕11号"),
        ("渝府办发〔2024〕第5号", "渝府办发〔2024〕5号"),
    ],
)
def test_doc_number_variants(printed, canonical):
    m = meta_of(f"关于印发未来产业行动方案的通知\n{printed}\n各区人民政府:\n现将方案印发给你们。")
    assert m.doc_number == canonical
    assert parse_doc_number(printed)[0] == canonical


def test_doc_number_prefix_gives_region_when_nothing_else_does():
    m = meta_of("沪府发〔2022〕11号\n各区人民政府:\n现将方案印发给你们,请认真按照执行。")
    assert (m.region, m.region_code) == ("上海市", "310000")
    assert m.issuer is None and m.issuer_level is None


def test_cited_doc_number_is_not_the_documents_own():
    m = meta_of("为进一步贯彻落实《国务院关于印发“十三五”国家战略性新兴产业发展规划的通知》(国发〔2016〕67号)精神,特制定本计划。")
    assert m.doc_number is None


@pytest.mark.parametrize(
    "text,date",
    [
        ("发表时间:2024-08-12 16:52 未来产业是重大前沿科技创新成果产业化后形成的产业。", "2024-08-12"),
        ("发布日期:2024/8/2\n正文。", "2024-08-02"),
        ("2024-08-12\n正文。", "2024-08-12"),
        ("上海市人民政府\n二〇二二年九月二十四日\n正文。", "2022-09-24"),
        ("发表时间:2024-02-30\n正文。", None),
        ("10月11日,上海印发方案。", None),
    ],
)
def test_publish_date_forms(text, date):
    assert meta_of(text).publish_date == date


@pytest.mark.parametrize(
    "text,period",
    [
        ("重庆市未来产业集群培育行动计划 (2024—2027年)发表时间:2024-08-12 到2030年,产值翻番。", (2024, 2027)),
        ("某省未来产业行动方案\n规划期为2024-2027年。到2030年,建成高地。", (2024, 2027)),
        ("某省未来产业行动方案\n2024-2027年累计投资100亿元。", (None, None)),
        ("某省未来产业行动方案(2022-2025年)\n正文。", (2022, 2025)),
        # a horizon is the period's end only in an issued plan (its covering notice is in the text)
        ("某市人民政府关于印发《某市未来产业行动方案》的通知\n现将《某市未来产业行动方案》印发给你们。\n"
         "某市未来产业行动方案\n到2030年,产值达到5000亿元左右。到2035年,形成若干集群。", (None, 2030)),
        ("到2030年,产值达到5000亿元左右。到2035年,形成若干集群。", (None, None)),
        ("某市未来产业工作意见\n到2030年,产值达到5000亿元左右。", (None, None)),
        ("某省“十四五”生物经济发展规划\n正文。", (2021, 2025)),
        ("某省未来产业工作意见\n一、总体要求\n落实《国家战略性新兴产业发展规划(2016-2020年)》。", (None, None)),
        ("某省“十五五”数字经济发展规划\n正文。", (2026, 2030)),
        ("某省十四五规划纲要\n正文。", (2021, 2025)),
        ("某省支持未来产业发展十五条措施\n正文。", (None, None)),
        ("数智某省建设2026年工作要点\n一、总体要求\n正文。", (2026, 2026)),  # an annual plan
        ("某市2024年度未来产业工作计划\n正文。", (2024, 2024)),
        ("关于推动未来产业发展到2027年的行动方案\n正文。", (None, 2027)),  # a horizon, not a year
        ("某省2025年未来产业发展报告发布会\n正文。", (None, None)),  # not a plan's title
    ],
)
def test_period_forms(text, period):
    m = meta_of(text)
    assert (m.period.start, m.period.end) == period


def test_joint_issuers_after_a_news_date():
    m = meta_of(
        "8月12日,中共海南省委办公厅 海南省人民政府办公厅关于印发《海洋强省三年行动方案(2024—2026年)》的通知。\n"
        "《通知》指出,做大海洋新能源产业。"
    )
    assert m.issuer == "中共海南省委办公厅 海南省人民政府办公厅"
    assert (m.region, m.issuer_level, m.title) == ("海南省", "省", "海洋强省三年行动方案(2024—2026年)")


def test_national_issuer():
    m = meta_of("国务院关于印发《新一代人工智能发展规划》的通知\n国发〔2017〕35号\n现将《新一代人工智能发展规划》印发给你们。\n国务院\n2017年7月8日\n新一代人工智能发展规划\n一、战略态势")
    assert (m.issuer, m.region, m.region_code, m.issuer_level) == ("国务院", "全国", "000000", "国家")
    assert m.title == "新一代人工智能发展规划"


def test_issuer_is_null_when_the_text_does_not_say():
    m = meta_of("某地未来产业行动计划\n一、总体要求\n加快发展未来产业。")
    assert m.issuer is None and m.issuer_level is None and m.doc_number is None


def test_region_from_most_frequent_division():
    m = meta_of("支持宁波、杭州建设未来产业先导区。杭州重点发展人工智能,杭州还将建设实验室。")
    assert (m.region, m.region_code) == ("杭州市", "330100")


def test_meta_cues_are_pack_data(tmp_path):
    pack = tmp_path / "cues.yaml"
    pack.write_text(
        "name: cues\nversion: '1'\noutline_words: {date_cues: [上线于]}\n"
        "doc_prefixes:\n- {prefix: 测, region: 上海市, code: '310000'}\n",
        encoding="utf-8",
    )
    text = "测政发〔2024〕1号\n上线于2024-03-05\n正文。"
    national, extended = meta_of(text), meta_of(text, [str(pack)])
    assert (national.doc_number, national.publish_date, national.region) == ("测政发〔2024〕1号", None, None)
    assert (extended.publish_date, extended.region, extended.region_code) == ("2024-03-05", "上海市", "310000")


# -- the corpus (hand-checked values) ----------------------------------------------------------


def test_corpus_ningxia_2023():
    m = corpus_meta("ningxia_2023.txt")
    assert m.doc_number == "宁政办发〔2023〕13号"
    assert (m.region, m.region_code) == ("宁夏回族自治区", "640000")
    assert (m.period.start, m.period.end) == (None, None)  # no title, no notice: 到2027年 is the targets' year
    assert m.issuer is None and m.title is None  # the excerpt names neither


def test_corpus_liaoning_2024():
    m = corpus_meta("liaoning_2024.txt")
    assert m.doc_number == "辽政办发〔2024〕4号"  # printed first as 辽政办发[2024]4号
    assert m.title == "辽宁省人民政府办公厅关于科技引领未来产业创新发展的实施意见"
    assert (m.issuer, m.issuer_level) == ("辽宁省人民政府办公厅", "省")
    assert m.publish_date == "2024-09-09"
    assert (m.region, m.region_code) == ("辽宁省", "210000")


def test_corpus_traditional_script_ningxia_2025():
    m = corpus_meta("ningxia_2025.txt")
    assert m.title == "自治區培育壯大新材料產業集群行動方案(2025—2027年)"  # as written, converter debris dropped
    assert (m.period.start, m.period.end) == (2025, 2027)
    assert m.region == "宁夏回族自治区"


def test_corpus_heilongjiang_2026_notice_after_blog_intro():
    m = corpus_meta("heilongjiang_2026_ai.txt")
    assert m.title == "黑龙江省深入实施“人工智能+”行动的实施方案"
    assert (m.issuer, m.publish_date, m.region, m.issuer_level) == ("黑龙江省人民政府", "2026-02-14", "黑龙江省", "省")


def test_corpus_bingtuan_handover_notice_without_doc_number():
    m = corpus_meta("xinjiang_bingtuan_2018.txt")
    assert m.title == "兵团培育发展战略性新兴产业三年行动计划(2018-2020年)"
    assert m.publish_date == "2018-07-20"
    assert (m.period.start, m.period.end) == (2018, 2020)
    assert m.doc_number is None  # 国发〔2016〕67号 is a cited document


def test_corpus_unnamed_issuer_is_not_guessed():
    m = corpus_meta("hefei_2025.txt")  # attribution to 合肥 is inferred by the corpus notes, not stated
    assert (m.issuer, m.region, m.title) == (None, None, None)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_meta_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    m = meta_of(text)
    if m.publish_date:
        assert len(m.publish_date) == 10 and m.publish_date[4] == "-"
    if m.period.start is not None and m.period.end is not None:
        assert m.period.start <= m.period.end
    if m.region_code:
        assert m.region and len(m.region_code) == 6
    if m.doc_number:
        assert m.doc_number.endswith("号") and "〔" in m.doc_number
    assert (m.issuer_level is None) or m.issuer


def test_region_counted_from_a_provincial_text_is_the_province():
    # no title, issuer or 发文字号: the region comes from the divisions the text names
    text = (
        "本报讯 30日,《某某规划》正式发布。到2025年,全省生物经济总规模达到4200亿元以上。"
        "支持哈尔滨建设生物医药产业园区,哈尔滨、大庆、齐齐哈尔协同发展,黑龙江省将加大支持。"
    )
    m = meta_of(text)
    assert (m.region, m.region_code) == ("黑龙江省", "230000")


def test_region_counted_from_a_city_text_stays_the_city():
    text = (
        "直通屏山|福州|厦门|泉州|漳州\n厦门启动未来产业培育工程。厦门将聚焦第三代半导体,全市布局一批项目。"
        "厦门火炬高新区、厦门大学参与。福建省支持厦门先行先试,厦门力争到2025年形成集群。"
    )
    m = meta_of(text)
    assert (m.region, m.region_code) == ("厦门市", "350200")
