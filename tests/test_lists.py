"""Coordinated lists in running text (extractors/lists.py) and what the extractors make of them:
industries from priority lists, measures stated as lists. Every sentence here is our own wording;
each shape is checked in simplified and in traditional script."""

from __future__ import annotations

import pytest

import futurepolicy
from conftest import check_document
from futurepolicy.extractors.lists import count_value, scan_lists
from futurepolicy.rules import resolve_rules

NATIONAL = resolve_rules("national")


def _lists(text):
    return [(lst.closer, lst.verb, lst.head, lst.count, lst.target, lst.items_text(text)) for lst in scan_lists(text, NATIONAL)]


def _industries(text):
    doc = futurepolicy.extract(text)
    check_document(doc)
    return [i.name for i in doc.industries]


def _measures(text):
    doc = futurepolicy.extract(text)
    check_document(doc)
    return [(m.title, m.kind) for m in doc.measures]


# -- the list reader --------------------------------------------------------------------------------


def test_a_series_with_its_verb_count_and_head():
    t = "加快培育量子科技、生物制造和深海装备等3个未来产业。"
    assert _lists(t) == [("deng", "加快培育", "产业", 3, "industry", ["量子科技", "生物制造", "深海装备"])]


def test_a_count_cue_without_deng_and_a_measure_head():
    t = "今年将开展强基、扩链、护航三大行动。"
    assert _lists(t) == [("count", "开展", "行动", 3, "measure", ["强基", "扩链", "护航"])]


def test_a_head_on_every_item_keeps_each_item_whole():
    t = "全市将实施链主培育行动、场景开放工程和人才引育计划。"
    [lst] = scan_lists(t, NATIONAL)
    assert lst.closer == "each" and lst.items_text(t) == ["链主培育行动", "场景开放工程", "人才引育计划"]


def test_a_shared_head_is_cut_from_the_last_item():
    t = "推动纺织、食品和建材产业延链补链。"
    [lst] = scan_lists(t, NATIONAL)
    assert lst.closer == "shared" and lst.items_text(t) == ["纺织", "食品", "建材"]


def test_a_framed_series_starts_after_its_opener():
    t = "重点推动以光电子、新能源、高端装备等为主的新兴产业链做大做强。"
    assert _lists(t)[0] == ("frame", "推动", "产业链", None, "industry", ["光电子", "新能源", "高端装备"])


def test_ordinals_make_a_series_of_clauses():
    t = "一是做大做强光电子信息,加快集聚;二是培育壮大生物医药;三是前瞻布局深海科技。"
    ordinal = [x for x in _lists(t) if x[0] == "ordinal"]
    assert ordinal == [("ordinal", "做大做强", None, 3, None, ["光电子信息", "生物医药", "深海科技"])]


def test_the_count_asks_for_a_split_at_a_pair_joiner():
    # 与 joins inside names; the count 2 says the pair is two items
    assert _lists("聚焦储能与氢能等新赛道。")[0][-1] == ["储能与氢能"]
    assert _lists("聚焦储能与氢能两大新赛道。")[0][-1] == ["储能", "氢能"]


def test_count_values():
    assert [count_value(s) for s in ("3个", "七大", "两条", "十二大", "二十三项", "20个")] == [3, 7, 2, 12, 23, 20]


def test_several_series_in_one_clause():
    t = "海洋渔业、海洋旅游等传统产业向高端化、智能化方向转型"
    first = scan_lists(t, NATIONAL)[0]
    assert first.items_text(t) == ["海洋渔业", "海洋旅游"] and first.head == "产业"


# -- industries from priority lists -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "加快培育量子科技、生物制造和深海装备等3个未来产业。",
    "加快培育量子科技、生物製造和深海裝備等3個未來產業。",
])
def test_industries_listed_with_deng_and_a_count(text):
    names = _industries(text)
    assert len(names) == 3 and names[0] == "量子科技" and names[1] in ("生物制造", "生物製造")


@pytest.mark.parametrize("text,expected", [
    ("推动纺织、食品和建材产业延链补链。", ["纺织", "食品", "建材"]),
    ("推動紡織、食品和建材產業延鏈補鏈。", ["紡織", "食品", "建材"]),
])
def test_a_shared_suffix_is_removed(text, expected):
    assert _industries(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("大力发展生物林业、生物农业和林下经济。", ["生物林业", "生物农业", "林下经济"]),
    ("大力發展生物林業、生物農業和林下經濟。", ["生物林業", "生物農業", "林下經濟"]),
])
def test_names_that_only_look_alike_stay_whole(text, expected):
    assert _industries(text) == expected


def test_a_compound_item_stays_whole():
    names = _industries("重点发展可控核聚变及核技术应用、深海探测、类脑计算等未来产业。")
    assert names[0] == "可控核聚变及核技术应用" and "核技术应用" not in names


@pytest.mark.parametrize("text,expected", [
    ("重点推动以光电子、新能源、高端装备等为主的新兴产业链做大做强。", ["光电子", "新能源", "高端装备"]),
    ("重點推動以光電子、新能源、高端裝備等爲主的新興產業鏈做大做強。", ["光電子", "新能源", "高端裝備"]),
])
def test_a_framed_list(text, expected):
    assert _industries(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("一是做大做强光电子信息,加快集聚;二是培育壮大生物医药;三是前瞻布局深海科技。", ["光电子信息", "生物医药", "深海科技"]),
    ("一是做大做強光電子信息,加快集聚;二是培育壯大生物醫藥;三是前瞻佈局深海科技。", ["光電子信息", "生物醫藥", "深海科技"]),
])
def test_fields_stated_by_ordinals(text, expected):
    assert _industries(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("课题组梳理出3个未来产业,包括柔性电子、量子计算和深海科技。", ["柔性电子", "量子计算", "深海科技"]),
    ("課題組梳理出3個未來產業,包括柔性電子、量子計算和深海科技。", ["柔性電子", "量子計算", "深海科技"]),
])
def test_items_announced_after_a_count(text, expected):
    assert _industries(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("培育壮大新型储能产业集群,加快发展绿色氢能产业集群,积极建设智能网联汽车产业集群。",
     ["新型储能", "绿色氢能", "智能网联汽车"]),
    ("培育壯大新型儲能產業集羣,加快發展綠色氫能產業集羣,積極建設智能網聯汽車產業集羣。",
     ["新型儲能", "綠色氫能", "智能網聯汽車"]),
])
def test_a_run_of_one_industry_clauses(text, expected):
    assert _industries(text) == expected


def test_one_clause_alone_needs_a_strong_verb():
    assert _industries("会议要求,积极建设智能网联汽车产业集群,强化要素保障。") == []
    assert _industries("会议要求,大力发展绿色氢能产业,强化要素保障。") == ["绿色氢能"]


@pytest.mark.parametrize("text,expected", [
    ("二、做优做强新型材料产业\n支持企业扩能。\n三、强化要素保障\n落实用地。", ["新型材料"]),
    ("培育智能装备产业集群。依托龙头企业扩大规模。\n推动文旅产业发展。", ["智能装备"]),
    ("培育智能裝備產業集羣。依託龍頭企業擴大規模。", ["智能裝備"]),
])
def test_headings_of_industry_sections_in_any_layout(text, expected):
    assert _industries(text) == expected


@pytest.mark.parametrize("text", [
    "推进政务、广电等重点领域人工智能应用。",  # the head qualifies a noun
    "推進政務、廣電等重點領域人工智能應用。",
    "支持清华大学、北京大学等高校建设平台。",  # organisations
    "打造5个以上、力争10个以上的百亿级产业集群。",  # counts, not names
    "培育具有前瞻性、引领性和颠覆性的新兴产业。",  # attributes
    "加强基础研究、技术创新和产业化一体化部署。",  # 产业化 is no head
    "大力发展未来产业,培育壮大新兴产业。",  # generic names
])
def test_lists_that_name_no_industry(text):
    assert _industries(text) == []


def test_the_topic_of_a_plan_about_one_industry():
    text = "某省人工智能产业三年行动计划\n\n加快突破关键技术,推动人工智能与实体经济融合。"
    doc = futurepolicy.extract(text)
    check_document(doc)
    assert doc.meta.title == "某省人工智能产业三年行动计划"
    assert "人工智能" in [i.name for i in doc.industries]


# -- measures stated as lists ---------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("全市将实施链主培育行动、场景开放工程和人才引育计划。",
     [("链主培育行动", "action"), ("场景开放工程", "action"), ("人才引育计划", "action")]),
    ("全市將實施鏈主培育行動、場景開放工程和人才引育計劃。",
     [("鏈主培育行動", "action"), ("場景開放工程", "action"), ("人才引育計劃", "action")]),
])
def test_actions_listed_after_a_verb(text, expected):
    assert _measures(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("今年将开展强基、扩链、护航三大行动。", ["强基", "扩链", "护航"]),
    ("今年將開展強基、擴鏈、護航三大行動。", ["強基", "擴鏈", "護航"]),
])
def test_actions_counted_by_their_head(text, expected):
    assert [t for t, _ in _measures(text)] == expected


@pytest.mark.parametrize("text,expected", [
    ("文件从资金支持、用地保障、人才服务等5个方面提出具体举措。", ["资金支持", "用地保障", "人才服务"]),
    ("文件從資金支持、用地保障、人才服務等5個方面提出具體舉措。", ["資金支持", "用地保障", "人才服務"]),
])
def test_aspects_a_text_sets_out(text, expected):
    assert _measures(text) == [(t, "task") for t in expected]


@pytest.mark.parametrize("text,expected", [
    ("启动“数智赋能工程”,推进一批示范工程,实施重大工程。", ["数智赋能工程"]),
    ("啓動“數智賦能工程”,推進一批示範工程,實施重大工程。", ["數智賦能工程"]),
])
def test_a_named_project_but_no_generic_one(text, expected):
    assert [t for t, _ in _measures(text)] == expected


def test_a_plan_document_is_no_measure():
    assert _measures("市政府印发三年行动方案,部署实施制造强市三年行动方案。") == []


def test_the_outline_wins_over_a_list_naming_the_same_measure():
    text = ("会议提出实施链主培育行动、场景开放工程。\n"
            "一、重点任务\n(一)实施链主培育行动\n培育一批链主企业。\n(二)优化营商环境\n简化审批流程。\n")
    titles = [t for t, _ in _measures(text)]
    assert titles.count("链主培育行动") + titles.count("实施链主培育行动") == 1
    assert "场景开放工程" in titles


# -- the vocabulary is pack data ----------------------------------------------------------------


def test_a_pack_that_adds_a_head_word_changes_the_result(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: testheads\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "list_words.yaml").write_text("measure_heads: [战役]\nindustry_heads: [板块群]\n", encoding="utf-8")
    text = "全年开展稳链、强链两大战役。重点发展文旅、康养等特色板块群。"
    assert _measures(text) == [] and _industries(text) == []
    doc = futurepolicy.extract(text, rules=["national", str(tmp_path)])
    check_document(doc)
    assert [m.title for m in doc.measures] == ["稳链", "强链"]
    assert [i.name for i in doc.industries] == ["文旅", "康养"]


def test_an_unknown_list_name_in_a_pack_is_an_error(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: badlists\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "list_words.yaml").write_text("measure_headz: [战役]\n", encoding="utf-8")
    with pytest.raises(futurepolicy.FuturePolicyError) as e:
        futurepolicy.load_rules(str(tmp_path))
    assert "list_words" in str(e.value) and "measure_headz" in str(e.value)
