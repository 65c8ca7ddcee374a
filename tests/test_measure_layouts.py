"""Measures from the structure of a text in any layout, on invented texts in both scripts.

Layouts: an outline whose top-level headings are the tasks themselves; run-in series (一是…, 第一,…,
1、…) announced by a kind cue or filling a task chapter; headings run into the paragraph before them
(…。(二)…); paragraphs led by a short task sentence when the outline is lost; a label before a colon.
Each layout has negative cases: principles, goals, bare verb phrases, generic headings, focus sections.
"""

from __future__ import annotations

import pytest

import futurepolicy

from conftest import check_document


def measures(text: str, rules="national") -> list[tuple[str, str]]:
    doc = futurepolicy.extract(text, rules=rules)
    check_document(doc)
    for m in doc.measures:  # the span starts at the measure's heading and holds its title
        assert m.title and m.title in doc.text[m.span.start:m.span.end]
    return [(m.title, m.kind) for m in doc.measures]


# -- an outline of tasks -------------------------------------------------------------------------------

TASK_OUTLINE = (
    "某市星河经济发展行动方案\n"
    "一、总体要求\n(一)指导思想\n坚持创新驱动。\n(二)发展目标\n到2027年,星河产业规模突破500亿元。\n"
    "二、加速布局星河基础设施\n(一)建设星河算力网\n建设一批节点。\n"
    "三、稳步发展云端制造产业\n培育一批云端制造企业。\n"
    "四、保障措施\n(一)加强组织领导\n建立工作专班。\n(二)加大资金支持\n设立专项基金。\n"
)


def test_top_level_headings_that_are_tasks_are_measures():
    assert measures(TASK_OUTLINE) == [
        ("加速布局星河基础设施", "task"),
        ("稳步发展云端制造产业", "task"),
        ("加强组织领导", "safeguard"),
        ("加大资金支持", "safeguard"),
    ]
    doc = futurepolicy.extract(TASK_OUTLINE, rules="national")
    assert [m.section for m in doc.measures][:2] == ["2", "3"]
    assert "(一)建设星河算力网" in doc.measures[0].text  # its sub-headings are part of it


def test_top_level_tasks_in_traditional_script():
    trad = (
        "某市雲端產業行動方案\n一、總體要求\n堅持創新驅動。\n"
        "二、加速佈局星河基礎設施\n建設一批設施。\n三、穩步發展雲端製造產業\n培育企業。\n"
    )
    assert measures(trad) == [("加速佈局星河基礎設施", "task"), ("穩步發展雲端製造產業", "task")]


def test_top_level_headings_that_are_not_tasks():
    # topic headings of a news text: most do not read as tasks
    news = "一、星河算力\n全市算力规模领先。\n二、云端数据\n数据产业增长较快。\n三、加快模型应用\n发布场景清单。\n"
    assert measures(news) == []
    # background, principles, goals and a generic heading are never tasks
    frame = (
        "一、发展背景\n我市基础较好。\n二、坚持创新驱动\n强化企业主体地位。\n"
        "三、到2027年建成星河产业高地\n产业规模突破500亿元。\n四、其他\n本方案由市经信局解释。\n"
    )
    assert measures(frame) == []


def test_beside_a_chapter_of_actions_other_chapters_are_not_tasks():
    text = (
        "一、总体要求\n坚持创新驱动。\n"
        "二、布局未来产业,打造未来产业集群\n(一)打造未来健康产业集群\n发展脑机接口。\n"
        "(二)打造未来能源产业集群\n发展先进核能。\n"
        "三、实施三大行动\n(一)实施星河筑基行动\n建设平台。\n(二)实施云端领跑行动\n培育企业。\n"
    )
    assert measures(text) == [("实施星河筑基行动", "action"), ("实施云端领跑行动", "action")]


def test_task_chapters_after_a_generic_chapter_of_actions():
    text = (
        "关于深入实施星河智能+行动的意见\n一、总体要求\n坚持创新驱动。\n"
        "二、重点行动\n(一)星河智能+科学技术\n1.加速科学发现进程。建设平台。\n(二)星河智能+产业发展\n培育企业。\n"
        "三、强化基础支撑能力\n(一)提升模型基础能力。加强研究。\n(二)加强数据供给创新。建设数据集。\n"
        "四、组织实施\n建立工作机制。\n"
    )
    assert measures(text) == [
        ("星河智能+科学技术", "action"),  # 重点行动 says nothing by itself: its sub-headings are the actions
        ("星河智能+产业发展", "action"),
        ("强化基础支撑能力", "task"),  # a task chapter after the chapter of actions
        ("组织实施", "safeguard"),
    ]
    trad = "一、總體要求\n堅持創新驅動。\n二、重點行動\n(一)星河智能+科學技術\n建設平台。\n三、強化基礎支撐能力\n加強研究。\n"
    assert measures(trad) == [("星河智能+科學技術", "action"), ("強化基礎支撐能力", "task")]


def test_a_counted_chapter_of_actions_holds_its_measures():
    assert measures("三、实施六大行动\n(一)星河筑基\n建设平台。\n(二)云端领跑\n培育企业。\n") == [
        ("星河筑基", "action"), ("云端领跑", "action"),
    ]
    assert measures("三、實施兩大工程\n(一)星河築基\n建設平台。\n(二)雲端領跑\n培育企業。\n") == [
        ("星河築基", "action"), ("雲端領跑", "action"),
    ]
    # one action whose sub-headings are its steps stays one measure
    one = "第二章 实施云端技术攻关行动\n一、建设创新平台\n建设实验室。\n二、突破关键技术\n攻关。\n"
    assert measures(one) == [("实施云端技术攻关行动", "action")]


def test_a_chapter_of_work_measures_holds_tasks():
    text = "一、总体要求\n坚持创新驱动。\n二、工作措施\n(一)加快建设星河平台\n建设平台。\n三、保障措施\n(一)加强组织领导\n建立机制。\n"
    assert measures(text) == [("加快建设星河平台", "task"), ("加强组织领导", "safeguard")]


def test_news_headings_after_a_sentence_that_counts_the_tasks():
    text = (
        "近日,某省印发星河智能发展行动方案。\n方案明确了三大重点任务。\n"
        "(一)提升星河算力供给水平\n建设智算中心。\n(二)推动云端模型行业应用\n发布场景清单。\n"
    )
    assert measures(text) == [("提升星河算力供给水平", "task"), ("推动云端模型行业应用", "task")]


# -- run-in series ----------------------------------------------------------------------------------


def test_a_series_announced_by_a_kind_cue():
    text = "会议指出,要完成三项重点任务。一是加快建设星河算力网络,布局智算中心;二是培育云端数据产业;三是推动模型应用落地。"
    assert measures(text) == [
        ("加快建设星河算力网络", "task"), ("培育云端数据产业", "task"), ("推动模型应用落地", "task"),
    ]
    trad = "會議指出,要實施兩大行動:第一,加快建設星河算力網絡。第二,培育雲端數據產業。"
    assert measures(trad) == [("加快建設星河算力網絡", "action"), ("培育雲端數據產業", "action")]


def test_an_excerpt_that_stops_after_the_first_item():
    assert measures("根据《计划》,我市将完成三项重点任务。一是加强云端创新能力建设。") == [("加强云端创新能力建设", "task")]


def test_series_that_are_not_measures():
    # no kind cue before it: reasons, not measures
    assert measures("发展星河产业有三个优势。一是有基础,产业链完整;二是有政策,支持力度大。") == []
    # announced as goals
    assert measures("主要目标如下:一是产业规模突破500亿元;二是培育10家领军企业。") == []
    # principles and bare verb phrases
    assert measures("重点任务如下:一是坚持创新驱动;二是加快推进。") == []


def test_a_safeguard_chapter_filled_with_run_in_items():
    text = (
        "一、总体要求\n坚持创新驱动。\n二、保障措施\n"
        "一是加强组织领导,建立工作专班。二是加大资金投入,设立专项基金。三是强化人才支撑,引进领军人才。\n"
    )
    assert measures(text) == [("加强组织领导", "safeguard"), ("加大资金投入", "safeguard"), ("强化人才支撑", "safeguard")]
    trad = "一、總體要求\n堅持創新驅動。\n二、保障措施\n一是加強組織領導,建立工作專班。二是加大資金投入,設立專項基金。\n"
    assert measures(trad) == [("加強組織領導", "safeguard"), ("加大資金投入", "safeguard")]


def test_a_safeguard_chapter_of_paragraphs_led_by_tasks():
    text = "一、总体要求\n坚持创新驱动。\n二、保障措施\n加强组织领导。建立工作专班,统筹推进。\n加大资金投入。设立专项基金,引导社会资本。\n"
    assert measures(text) == [("加强组织领导", "safeguard"), ("加大资金投入", "safeguard")]
    trad = "二、保障措施\n加強組織領導。建立工作專班,統籌推進。\n加大資金投入。設立專項基金,引導社會資本。\n"
    assert measures(trad) == [("加強組織領導", "safeguard"), ("加大資金投入", "safeguard")]
    one = "二、保障措施\n加强组织领导。建立工作专班,统筹推进各项工作。\n"
    assert measures(one) == [("保障措施", "safeguard")]  # one paragraph is no series: the chapter stays


def test_a_named_measure_keeps_its_own_items_inside():
    text = "一、保障措施\n(一)强化统筹协调\n一是建立联席会议制度;二是完善考核机制。\n(二)加大金融支持\n设立基金。\n"
    assert measures(text) == [("强化统筹协调", "safeguard"), ("加大金融支持", "safeguard")]
    # a chapter without sub-headings or items stays one measure
    assert measures("一、总体要求\n坚持创新驱动。\n二、组织实施\n建立工作专班,统筹推进。\n") == [("组织实施", "safeguard")]


# -- headings run into their paragraph -----------------------------------------------------------------


def test_headings_run_into_the_paragraph_before_them():
    text = "三、保障措施\n(一)加强组织领导。建立专班。(二)加大资金支持。设立基金。(三)强化人才支撑。引进人才。"
    assert measures(text) == [("加强组织领导", "safeguard"), ("加大资金支持", "safeguard"), ("强化人才支撑", "safeguard")]
    trad = "二、主要任務\n1.提升雲端創新能力。建設一批實驗室。2.壯大星河企業梯隊。培育一批企業;3.拓展應用場景。發布清單。"
    assert measures(trad) == [("提升雲端創新能力", "task"), ("壯大星河企業梯隊", "task"), ("拓展應用場景", "task")]


def test_a_number_in_running_text_is_not_a_heading():
    doc = futurepolicy.extract("一、发展重点\n(一)云端制造。重点发展星河装备。1.一号方向。这是说明。2.5%的增速。", rules="national")
    assert [s.title for s in doc.sections] == ["发展重点", "云端制造"]  # 1. opens no level; 2.5% is a number
    assert doc.measures == []


# -- paragraphs led by a task, outline lost ----------------------------------------------------------------


def test_paragraphs_led_by_a_task_sentence():
    text = (
        "近日,某省印发星河经济行动方案。\n"
        "《方案》指出,要加快建设星河算力网络。重点布局智算中心,建设一批数据中心。\n"
        "特色化发展云端数据产业。培育数据企业,完善数据交易体系。\n"
    )
    assert measures(text) == [("加快建设星河算力网络", "task"), ("特色化发展云端数据产业", "task")]
    trad = "做大星河新能源產業。重點發展海上風電產業鏈,推進示範工程。\n以“星雲兩極”引領創新發展。支持兩市建設創新型城市。\n"
    assert measures(trad) == [("做大星河新能源產業", "task"), ("以“星雲兩極”引領創新發展", "task")]


def test_a_news_lead_alone_introduces_one_task():
    text = "据某公众号消息,某省建议发布。其中提到,培育壮大星河新兴产业。着力打造新能源、新材料等新兴产业。"
    assert measures(text) == [("培育壮大星河新兴产业", "task")]


def test_paragraphs_that_do_not_lead_with_a_task():
    one = "加快建设星河算力网络。重点布局智算中心,建设一批数据中心。\n"
    assert measures(one) == []  # a single paragraph without a lead is no series
    principles = "坚持创新驱动。强化企业主体地位,推动产学研合作。\n坚持开放合作。深化区域合作,引进外资企业。\n"
    assert measures(principles) == []
    goals = "力争到2027年产业规模突破500亿元。培育一批企业,建设一批平台。\n到2030年建成星河产业高地。形成完整产业链条。\n"
    assert measures(goals) == []
    long_first = (
        "加大与周边地区合作力度,加强星河资源共同开发。推动区域联动。\n"
        "加快推进。这是一段很长很长很长的说明文字。\n"  # a bare verb phrase
    )
    assert measures(long_first) == []


def test_principles_goals_and_bare_verbs_are_not_measures_even_in_a_task_chapter():
    text = (
        "二、重点任务\n(一)坚持创新驱动\n强化主体。\n(二)培育100家专精特新企业\n培育企业。\n"
        "(三)加快推进\n推进。\n(四)建设星河平台\n建设平台。\n"
    )
    assert measures(text) == [("建设星河平台", "task")]
    trad = "重點任務如下:一是培育10家領軍企業;二是建設星河平台。"
    assert measures(trad) == [("建設星河平台", "task")]


# -- titles -------------------------------------------------------------------------------------------


def test_a_label_before_a_colon_is_the_title():
    text = (
        "以下是某市促进星河产业发展的具体举措:\n"
        "一、前瞻布局:抢占星河算力新赛道\n加快发展量子计算。\n二、载体建设:打造十大孵化园\n建设孵化园。\n"
    )
    assert measures(text) == [("前瞻布局", "task"), ("载体建设", "task")]


def test_task_words_are_pack_data(tmp_path):
    text = "一、总体要求\n坚持创新驱动。\n二、焕新星河制造体系\n推动设备更新。\n三、焕新云端服务体系\n发展云服务。\n"
    assert measures(text) == []  # 焕新 is no task verb of the national pack
    pack = tmp_path / "renew.yaml"
    pack.write_text("name: renew\nversion: '1'\nmeasure_words:\n  task_verbs: [焕新]\n", encoding="utf-8")
    assert measures(text, rules=["national", str(pack)]) == [("焕新星河制造体系", "task"), ("焕新云端服务体系", "task")]


@pytest.mark.parametrize("text", ["一是", "重点任务:一是", "一、加快\n", "。(二)", "做大。做强。\n做优。"])
def test_degenerate_layouts(text):
    check_document(futurepolicy.extract(text, rules="national"))
