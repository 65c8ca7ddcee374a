"""Measures: one per action / task / safeguard section, with the entities named inside it.

Seeds are checked against hand-written expectations (tests/fixtures/expected/*.measures.json) in
both directions; plan styles the seed_docs lack (重点任务 → (一)…, 第X章, a chapter without
sub-headings) are checked on small invented plans and on corpus_docs texts.
"""

from __future__ import annotations

import json

import pytest

import futurepolicy
from futurepolicy.extractors.measures import extract_measures, measure_kind
from futurepolicy.model import Institution, Mention, Region
from futurepolicy.rules import resolve_rules

from conftest import SEEDS, check_document, load_expected, python_work, seed_text
from test_industries import make_context


# -- seed_docs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_measures_match_expectations_both_ways(seed_docs, name):
    expected = load_expected(f"{name}.measures.json")["measures"]
    got = [
        {"title": m.title, "kind": m.kind, "section": m.section, "industries": m.industries}
        for m in seed_docs[name].measures
    ]
    assert got == expected  # same measures, same order, nothing extra


@pytest.mark.parametrize("name", SEEDS)
def test_seed_measure_spans_and_text(seed_docs, name):
    doc = seed_docs[name]
    sections = {s.id: s for s in doc.sections}
    for m in doc.measures:
        covered = doc.text[m.span.start:m.span.end]
        sec = sections[m.section]
        assert covered.startswith(sec.number + m.title)  # the span starts at the heading number
        assert covered.endswith(m.text) and m.text and m.text == m.text.strip()
        assert m.span.end <= sec.span.end
        assert m.instruments == [] or all(m.span.start <= i.span.start < m.span.end for i in m.instruments)
    last = doc.measures[-1].text
    assert last.endswith("。")  # trailing page furniture (每日经济新闻, " |") is not body text


def test_seed_bodies_are_the_section_bodies(seed_docs):
    doc = seed_docs["shanghai_2022"]
    first = doc.measures[0]
    assert first.text.startswith("筹划组建一批未来技术学院") and first.text.endswith("国际技术转移和创新合作中心。")
    cq = seed_docs["chongqing_2024"].measures
    assert cq[6].text.startswith("依托市制造强市建设领导小组") and cq[6].text.endswith("资源要素保障。")


def test_measure_entities_are_those_inside_its_span(seed_docs):
    for doc in seed_docs.values():
        for m in doc.measures:
            for key, names in (("regions", m.regions), ("institutions", m.institutions), ("industries", m.industries)):
                objs = {o.name: o for o in getattr(doc, key)}
                firsts = []
                for n in names:
                    inside = [x.start for x in objs[n].mentions if m.span.start <= x.start and x.end <= m.span.end]
                    assert inside, (m.title, key, n)
                    firsts.append(inside[0])
                assert firsts == sorted(firsts), (m.title, key)
                # and nothing named inside is left out
                for o in objs.values():
                    if any(m.span.start <= x.start and x.end <= m.span.end for x in o.mentions):
                        assert o.name in names, (m.title, key, o.name)


# -- kinds and styles on invented plans --------------------------------------------------------------


def test_kind_from_own_title_then_parent():
    r = resolve_rules("national")
    assert measure_kind("实施云端制造专项行动", "重点任务", r) == "action"
    assert measure_kind("建设星河织造平台", "重点任务", r) == "task"
    assert measure_kind("加大资金支持", "保障措施", r) == "safeguard"
    assert measure_kind("建立推进机制", "组织实施", r) == "safeguard"
    assert measure_kind("基本原则", "总体要求", r) is None
    assert measure_kind("发展目标", None, r) is None
    assert measure_kind("为保障粮食安全作出新贡献", None, r) is None  # 保障 does not close a clause


PLAN_TASKS = (
    "为加快发展云端产业,制定本方案。\n"
    "一、总体要求\n(一)指导思想\n坚持创新驱动。\n(二)基本原则\n统筹推进。\n(三)发展目标\n到2027年,培育10家企业。\n"
    "二、发展重点\n(一)星河织造\n重点发展量子纺纱等技术。\n"
    "三、重点任务\n(一)建设星河织造创新平台\n支持星河织造研究院建设。\n(二)实施云端场景开放行动\n发布场景清单。\n"
    "四、组织实施\n建立工作专班,统筹推进星河织造发展。\n"
)


def test_task_chapter_and_a_chapter_without_subheadings():
    doc = futurepolicy.extract(PLAN_TASKS, rules="national")
    check_document(doc)
    got = [(m.title, m.kind) for m in doc.measures]
    assert got == [
        ("建设星河织造创新平台", "task"),
        ("实施云端场景开放行动", "action"),
        ("组织实施", "safeguard"),
    ]
    assert doc.measures[-1].text == "建立工作专班,统筹推进星河织造发展。"
    assert doc.measures[0].industries == ["星河织造"]


def test_chapter_style_plan():
    text = (
        "第一章 总体要求\n坚持创新驱动,加快发展云端产业。\n"
        "第二章 主要任务\n一、实施云端技术攻关行动\n突破关键技术。\n二、培育云端企业梯队\n引育一批企业。\n"
        "第三章 保障措施\n一、加强组织领导\n建立工作机制。\n二、强化资金保障\n设立专项资金。\n"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    assert [(m.title, m.kind) for m in doc.measures] == [
        ("实施云端技术攻关行动", "action"),
        ("培育云端企业梯队", "task"),
        ("加强组织领导", "safeguard"),
        ("强化资金保障", "safeguard"),
    ]
    assert [m.section for m in doc.measures] == ["2.1", "2.2", "3.1", "3.2"]


def test_sub_items_belong_to_their_measure():
    text = (
        "一、总体要求\n坚持创新驱动。\n二、行动举措\n(一)实施云端产业培育行动。\n聚焦九大产业,推动转型。\n"
        "1.云端渔业。建设渔港经济区。\n2.云端旅游。发展滨海旅游。\n(二)实施云端科技攻关行动\n突破关键技术。\n"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    assert [m.title for m in doc.measures] == ["实施云端产业培育行动", "实施云端科技攻关行动"]
    assert "2.云端旅游。发展滨海旅游。" in doc.measures[0].text


def test_entities_in_order_of_first_appearance_inside_the_measure():
    text = "一、保障措施\n(一)加强协同\n支持乙大学与甲区合作,甲区牵头,乙大学参与。\n(二)加强宣传\n丙学院办好论坛。\n"
    ctx = make_context(text)

    def mention(name):
        i = text.index(name)
        return Mention(i, i + len(name), name)

    ctx.results["regions"] = [Region("甲区", None, "district", None, None, "test", [mention("甲区")])]
    ctx.results["institutions"] = [
        Institution("丙学院", "university", "test", [mention("丙学院")]),
        Institution("乙大学", "university", "test", [mention("乙大学")]),
    ]
    ms = extract_measures(ctx)
    assert [(m.title, m.institutions, m.regions) for m in ms] == [
        ("加强协同", ["乙大学"], ["甲区"]),
        ("加强宣传", ["丙学院"], []),
    ]


# -- corpus_docs --------------------------------------------------------------------------------------------


def test_corpus_hand_checked_measures(corpus_docs):
    ocean = corpus_docs["guangxi_ocean"].measures
    assert [(m.title, m.kind) for m in ocean] == [("实施海洋产业培育壮大行动", "action")]
    assert "海洋渔业" in ocean[0].industries and "1.海洋渔业。" in ocean[0].text
    guizhou = corpus_docs["guizhou_2022"].measures  # 二、重点任务 → (一)…; 主要目标 is not a measure
    assert [m.kind for m in guizhou] == ["task"] and guizhou[0].section == "2.1"
    # a work report's review item is not a safeguard because a sentence says 为保障…
    assert corpus_docs["xinjiang_gwr_2025"].measures == []
    # 主要目标 and its —— bullets are no measures; the plan's other top-level heading is a task itself,
    # and the actions its lead sentence names (实施…行动) are measures too
    ningxia = corpus_docs["ningxia_2023"].measures
    assert not any(w in m.title for m in ningxia for w in ("目标", "——"))
    assert ("推动产业发展再上新台阶", "2") in [(m.title, m.section) for m in ningxia]
    wuhan = corpus_docs["wuhan_2024"].measures  # 6个方面的具体工作举措: 1、… 6、 (a news list of the plan's tasks)
    assert [m.kind for m in wuhan] == ["task"] * 6
    assert [m.title for m in wuhan][:2] == ["提升武汉产业基金引导服务效应", "支持新型研发机构发展创新"]
    assert wuhan[0].text.startswith("将原来武汉基金分别拆分成为武汉基金和江城基金")


def test_corpus_never_yields_excluded_sections(corpus_docs):
    excluded = resolve_rules("national").word_list("measure_words", "not_measure_titles")
    for doc in corpus_docs.values():
        for m in doc.measures:
            assert not any(w in m.title for w in excluded), (doc.id, m.title)
            assert doc.text[m.span.start:m.span.end].endswith(m.text)


# -- determinism, robustness, speed -------------------------------------------------------------------


def test_deterministic(seed_docs):
    again = futurepolicy.extract(seed_text("chongqing_2024"), source="chongqing_2024.txt")
    assert json.dumps(again.to_dict()["measures"], ensure_ascii=False) == json.dumps(
        seed_docs["chongqing_2024"].to_dict()["measures"], ensure_ascii=False
    )


@pytest.mark.parametrize("text", ["", "三、保障措施", "三、保障措施\n", "(一)实施行动\n", "第一章 保障措施\n一、\n"])
def test_degenerate_input(text):
    check_document(futurepolicy.extract(text, rules="national"))


def test_linear_work():
    plan = seed_text("chongqing_2024")
    small, big = make_context(plan * 2), make_context(plan * 16)
    extract_measures(small)
    assert python_work(extract_measures, big) <= 12 * python_work(extract_measures, small)  # 8x text


def test_a_chapter_that_is_one_action_keeps_its_items_inside():
    text = (
        "第一章 总体要求\n坚持创新驱动。\n"
        "第二章 实施云端技术攻关行动\n一、建设创新平台\n建设实验室。\n二、突破关键技术\n攻关核心部件。\n"
        "第三章 行动举措\n一、加快云端渔业转型\n建设渔港。\n二、发展云端旅游\n发展滨海旅游。\n"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    assert [(m.title, m.kind, m.section) for m in doc.measures] == [
        ("实施云端技术攻关行动", "action", "2"),
        ("加快云端渔业转型", "task", "3.1"),  # 行动举措 ends with 举措: a chapter of tasks
        ("发展云端旅游", "task", "3.2"),
    ]
    assert "二、突破关键技术" in doc.measures[0].text


def test_a_run_announced_by_the_line_before_it():
    text = "发布会介绍了方案。\n主要保障措施如下:\n1、加大资金支持\n设立专项资金。\n2、强化人才引育\n引进人才。\n"
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    assert [(m.title, m.kind) for m in doc.measures] == [("加大资金支持", "safeguard"), ("强化人才引育", "safeguard")]
    text = "方案提出了发展目标:\n1、产业规模突破千亿\n到2027年实现。\n2、企业数量倍增\n培育企业。\n"
    assert futurepolicy.extract(text, rules="national").measures == []


def test_every_article_of_a_document_of_measures_is_a_measure():
    text = (
        "某市支持未来产业发展的若干措施\n"
        "为加快培育未来产业,制定如下措施。\n"
        "一、支持前沿技术攻关。每年组织实施重大科技项目20项左右,对单个项目给予最高1000万元资助。\n"
        "二、实施场景开放行动。每年发布应用场景清单。\n"
        "三、强化金融支持。设立未来产业基金。\n"
        "本措施自2025年1月1日起施行,由市科技局负责解释。\n"
    )
    doc = futurepolicy.extract(text)
    check_document(doc)
    assert [(m.title, m.kind) for m in doc.measures] == [
        ("支持前沿技术攻关", "task"), ("实施场景开放行动", "action"), ("强化金融支持", "task"),
    ]
    last = doc.measures[-1]
    assert doc.text[last.span.start:last.span.end].endswith("设立未来产业基金。")  # the closing clause is cut
    assert last.institutions == []


def test_articles_of_a_plan_are_not_measures_by_themselves():
    doc = futurepolicy.extract("某市未来产业行动方案\n一、发展背景\n我市基础较好。\n二、发展目标\n到2027年,培育10家企业。\n")
    assert doc.measures == []
