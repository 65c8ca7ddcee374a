"""Industries: focus-section headings, enumerations of fields, technologies and mentions.

Seeds are checked against hand-written expectations (tests/fixtures/expected/*.industries.json) in
both directions; corpus_docs texts against a few hand-checked facts each; invented names check that the
rules are general (nothing here is in the lexicon).
"""

from __future__ import annotations

import json
import re

import pytest

import futurepolicy
from futurepolicy.extractors.industries import cut_industry_name, extract_industries
from futurepolicy.model import Institution, Mention
from futurepolicy.normalize import normalize
from futurepolicy.rules import resolve_rules

from conftest import CORPUS, CORPUS_FILES, SEEDS, check_document, load_expected, python_work, seed_text


def _norm(s: str) -> str:
    """A name in simplified script without converter debris (飛行汽車 → 飞行汽车)."""
    import opencc

    return opencc.OpenCC("t2s").convert(re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)", "", s))


def _by_name(doc) -> dict:
    return {_norm(i.name): i for i in doc.industries}


def make_context(text: str, rules="national"):
    """A context run up to the extractors (normalised, segmented, outlined), as the pipeline does."""
    from futurepolicy.context import Context
    from futurepolicy.pipeline import segmenter_for
    from futurepolicy.structure import parse_outline

    rs = resolve_rules(rules)
    ctx = Context(text=text, norm=normalize(text), rules=rs)
    ctx.set_tokens(segmenter_for(rs).tokenize(ctx.ntext))
    ctx.set_outline(parse_outline(ctx))
    return ctx


# -- seed_docs against hand-written expectations ------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_industries_match_expectations_both_ways(seed_docs, name):
    expected = load_expected(f"{name}.industries.json")["industries"]
    got = _by_name(seed_docs[name])
    assert sorted(got) == sorted(e["name"] for e in expected)  # nothing missing, nothing extra
    for e in expected:
        ind = got[e["name"]]
        assert (ind.kind, ind.parent) == (e["kind"], e["parent"]), e["name"]
        assert set(e["technologies"]) <= set(ind.technologies), (e["name"], ind.technologies)
        assert len(ind.mentions) >= e["mentions_min"], (e["name"], ind.mentions)
        assert ind.rule.startswith("national/industry_words#")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_mentions_point_at_the_name_and_are_ordered(seed_docs, name):
    doc = seed_docs[name]
    for ind in doc.industries:
        assert ind.name == ind.mentions[0].text
        starts = [m.start for m in ind.mentions]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        for m in ind.mentions:
            assert doc.text[m.start:m.end] == m.text
    firsts = [(i.mentions[0].start, i.name) for i in doc.industries]
    assert firsts == sorted(firsts)


def test_extractor_leaves_taxonomy_fields_to_the_enrich_step():
    found = extract_industries(make_context(seed_text("shanghai_2022")))
    assert found and all(i.category is None and i.taxonomy_id is None for i in found)


def test_mention_in_a_measure_counts(seed_docs):
    doc = seed_docs["chongqing_2024"]
    sat = _by_name(doc)["卫星互联网"]
    measure = next(m for m in doc.measures if m.title == "实施前沿技术创新策源行动")
    inside = [m for m in sat.mentions if measure.span.start <= m.start < measure.span.end]
    assert inside and doc.text[inside[0].end:inside[0].end + 2] == "领域"


def test_technologies_are_not_applications(seed_docs):
    bio = _by_name(seed_docs["chongqing_2024"])["生物制造"]
    # 推动其在创新药、医美产品、微生物菌株、食品技术等领域应用: places of application
    assert not {"创新药", "医美产品", "微生物菌株"} & set(bio.technologies)
    brain = _by_name(seed_docs["shanghai_2022"])["脑机接口"]
    assert not {"肢体运动障碍", "精神疾病"} & set(brain.technologies)


def test_generic_words_and_measures_are_not_industries(seed_docs, corpus_docs):
    generic = set(resolve_rules("national").word_list("industry_words", "generic_names"))
    titles = {m.title for d in seed_docs.values() for m in d.measures}
    for doc in list(seed_docs.values()) + list(corpus_docs.values()):
        for ind in doc.industries:
            assert _norm(ind.name) not in generic, (doc.id, ind.name)
            assert ind.name not in titles
            # one character only as an item of a closed list (糖、铝、钢铁等传统产业链)
            assert 2 <= len(_norm(ind.name)) <= 16 or (len(ind.name) == 1 and ind.rule.endswith("#list"))


# -- corpus_docs: hand-checked facts from texts of other provinces --------------------------------------


CORPUS_FACTS = {
    # file: {industry: (kind or None, parent or None)}; read from the texts by hand
    "qingdao_2025": {"太赫兹": ("technology", None), "海洋电子信息": ("industry", None), "卫星互联网": ("industry", None),
                     "先进半导体材料": ("industry", None)},
    "suzhou_2023": {"前沿新材料": ("industry", None), "光子芯片与光器件": ("industry", None), "数字金融": ("industry", None),
                    "细胞和基因诊疗": ("industry", None), "空天开发": ("industry", None)},
    "nanjing_2023": {"第三代半导体": ("industry", None), "基因与细胞": ("industry", None),
                     "未来网络与先进通信": ("industry", None), "储能与氢能": ("industry", None)},
    "wuhan_2024": {"未来制造": ("cluster", None), "未来健康": ("cluster", None), "未来显示": ("industry", "未来制造"),
                   "人形机器人": ("industry", "未来制造"), "脑机接口": ("industry", "未来健康"),
                   "先进半导体": ("industry", "未来信息")},
    "liaoning_2024": {"人工智能": ("cluster", None), "脑机接口": ("industry", "人工智能"), "氢能": ("industry", "新能源")},
    "chengdu_2024": {"未来交通": ("cluster", None), "飞行汽车": ("industry", "未来交通"), "类脑智能": (None, "数字智能"),
                     "卫星互联网": ("industry", "泛在网络")},
    "guangxi_ocean": {"海洋渔业": ("industry", None), "海洋电力业": ("industry", None)},
    "hefei_2024_speech": {"量子信息": (None, None), "空天信息": ("industry", None)},
}


@pytest.mark.parametrize("stem", sorted(CORPUS_FACTS))
def test_corpus_hand_checked_industries(corpus_docs, stem):
    got = _by_name(corpus_docs[stem])
    for name, (kind, parent) in CORPUS_FACTS[stem].items():
        assert name in got, (stem, name, sorted(got))
        ind = got[name]
        if kind:
            assert ind.kind == kind, (stem, name, ind.kind)
        assert (_norm(ind.parent) if ind.parent else None) == parent, (stem, name, ind.parent)


def test_corpus_noise_is_not_an_industry(corpus_docs):
    names = {stem: set(_by_name(d)) for stem, d in corpus_docs.items()}
    assert "海洋" not in names["guangxi_ocean"]  # 聚焦海洋九大产业: a qualifier of the count
    assert not {"网络", "泛在网络方面"} & names["chengdu_2024"]  # 在泛在网络方面: 在 inside the name
    assert not any(n.startswith(("着力", "打造", "了")) for ns in names.values() for n in ns)


def test_corpus_never_crashes_and_stays_valid(corpus_docs):
    assert len(corpus_docs) == len(CORPUS_FILES) >= 50
    assert sum(len(d.industries) for d in corpus_docs.values()) > 100


# -- general rules on invented names ---------------------------------------------------------------


def test_heading_names_are_cut_out_of_titles():
    rules = resolve_rules("national")
    assert cut_industry_name("打造未来健康产业集群", rules) == "未来健康"
    assert cut_industry_name("培育壮大星河织造产业", rules) == "星河织造"
    assert cut_industry_name("卫星互联网 重点发展卫星通信", rules) == "卫星互联网"
    assert cut_industry_name("蓝湾牧场。聚焦深远海养殖领域", rules) == "蓝湾牧场"


def test_focus_section_headings_of_unknown_industries():
    text = (
        "一、总体要求\n(一)指导思想\n坚持创新驱动。\n"
        "二、重点领域\n(一)打造星河织造产业集群\n在甲区、乙区等区域,打造星河织造产业集群。\n"
        "1.云纹纤维。重点发展量子纺纱、光子染整、织物传感等技术,推动云纹纤维产业化。\n"
        "2.晶丝材料。加快突破晶丝拉制、晶丝编织等关键技术。\n"
        "(二)深蓝牧场\n推动深蓝牧场在远海养殖等领域应用。\n"
        "三、保障措施\n(一)加强组织领导\n统筹推进星河织造发展。\n"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    got = _by_name(doc)
    assert set(got) == {"星河织造", "云纹纤维", "晶丝材料", "深蓝牧场"}
    assert (got["星河织造"].kind, got["星河织造"].parent) == ("cluster", None)
    assert (got["云纹纤维"].kind, got["云纹纤维"].parent) == ("industry", "星河织造")
    assert got["云纹纤维"].technologies == ["量子纺纱", "光子染整", "织物传感"]
    assert got["晶丝材料"].technologies == ["晶丝拉制", "晶丝编织"]
    assert got["深蓝牧场"].technologies == []  # 在远海养殖等领域应用: application, not technology
    assert len(got["星河织造"].mentions) == 3  # title, body, the safeguard


def test_enumerations_of_unknown_fields():
    text = (
        "聚焦星链织造、量子酿造、深蓝牧场等前沿技术,培育一批新增长点。"
        "在云端制造方向,重点发展晶丝材料和光伏织物2个细分领域。"
        "推动其在创新药、医美产品等领域应用。依托甲区、乙区、丙区等产业载体建设。"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    got = {i.name: (i.kind, i.parent) for i in doc.industries}
    assert got == {
        "星链织造": ("technology", None),
        "量子酿造": ("technology", None),
        "深蓝牧场": ("technology", None),
        "云端制造": ("cluster", None),
        "晶丝材料": ("industry", "云端制造"),
        "光伏织物": ("industry", "云端制造"),
    }


def test_a_single_field_needs_a_strong_intro_and_a_count_needs_a_list():
    doc = futurepolicy.extract(
        "聚焦星链织造领域,突破关键技术。聚焦海洋九大产业,推动发展。发展相关领域。重点发展海洋领域大模型。"
        "聚焦高端产业与产业高端。",
        rules="national",
    )
    assert [i.name for i in doc.industries] == ["星链织造"]


def test_traditional_text_keeps_names_as_written():
    doc = futurepolicy.extract("重點培育飛行汽車、新一代無人機、商業航天等細分領域。", rules="national")
    check_document(doc)
    assert [i.name for i in doc.industries] == ["飛行汽車", "新一代無人機", "商業航天"]


def test_lexicon_alias_adds_mentions_and_keeps_first_form_as_name():
    doc = futurepolicy.extract("重点发展基因与细胞、元宇宙等未来产业。推动细胞和基因治疗加快发展。", rules="national")
    check_document(doc)
    gene = _by_name(doc)["基因与细胞"]
    assert [m.text for m in gene.mentions] == ["基因与细胞", "细胞和基因治疗"]


def test_an_industry_inside_an_institution_name_is_not_a_mention():
    text = "重点发展星链织造、量子酿造等未来产业。支持星链织造研究院建设。推动星链织造集聚。"
    ctx = make_context(text)
    inst_start = text.index("星链织造研究院")
    ctx.results["institutions"] = [
        Institution("星链织造研究院", "institute", "test", [Mention(inst_start, inst_start + 7, "星链织造研究院")])
    ]
    ind = {i.name: i for i in extract_industries(ctx)}["星链织造"]
    assert [m.start for m in ind.mentions] == [text.index("星链织造"), text.rindex("星链织造")]


def test_province_pack_can_add_a_focus_title(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: testland\nversion: '1'\n", encoding="utf-8")
    (tmp_path / "industry_words.yaml").write_text("focus_titles: [主攻产业]\n", encoding="utf-8")
    text = "一、主攻产业\n(一)星河织造\n推动星河织造发展。\n(二)深蓝牧场\n推动发展。\n"
    assert futurepolicy.extract(text, rules="national").industries == []
    doc = futurepolicy.extract(text, rules=str(tmp_path))
    assert [i.name for i in doc.industries] == ["星河织造", "深蓝牧场"]
    assert doc.industries[0].rule == "testland/industry_words#heading"


# -- determinism, robustness, speed ------------------------------------------------------------------


def test_deterministic(seed_docs):
    again = futurepolicy.extract(seed_text("shanghai_2022"), source="shanghai_2022.txt")
    assert json.dumps(again.to_dict()["industries"], ensure_ascii=False) == json.dumps(
        seed_docs["shanghai_2022"].to_dict()["industries"], ensure_ascii=False
    )


@pytest.mark.parametrize("text", ["", "等", "等领域", "、、、等领域", "聚焦等前沿技术", "在方向,重点发展和2个细分领域", "一、发展重点\n(一)\n"])
def test_degenerate_input(text):
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)


def test_linear_work():
    base = (CORPUS / "wuhan_2024.txt").read_text(encoding="utf-8") + seed_text("chongqing_2024")
    small, big = make_context(base * 4), make_context(base * 32)
    extract_industries(small)  # build the rule-set memo once
    small.results.pop("_lists", None)  # the lists of a document are cached on it: measure them again
    assert python_work(extract_industries, big) <= 12 * python_work(extract_industries, small)  # 8x text


def test_a_listed_place_is_not_an_industry():
    from futurepolicy.model import Region

    text = "重点发展星河新区、量子酿造、云端牧场等未来产业。"
    ctx = make_context(text)
    i = text.index("星河新区")
    ctx.results["regions"] = [Region("星河新区", None, "zone", None, None, "test", [Mention(i, i + 4, "星河新区")])]
    assert [x.name for x in extract_industries(ctx)] == ["量子酿造", "云端牧场"]


def test_last_item_splits_at_a_joiner_unless_the_count_or_lexicon_says_whole():
    def names(text):
        return [i.name for i in futurepolicy.extract(text, rules="national").industries]

    assert names("积极抢占量子酿造、星链织造及云端牧场等前沿赛道。") == ["量子酿造", "星链织造", "云端牧场"]
    assert names("布局量子酿造、星链织造及云端牧场2条新赛道。") == ["量子酿造", "星链织造及云端牧场"]
    assert names("重点发展量子酿造、储能与氢能等未来产业。") == ["量子酿造", "储能与氢能"]
    assert names("重点发展量子酿造、基因和细胞治疗等未来产业。") == ["量子酿造", "基因和细胞治疗"]


def test_technologies_listed_after_ru():
    text = "二、发展重点\n(一)星河织造\n发展关键技术如量子纺纱、光子染整、织物传感,推动产业化。\n(二)云端牧场\n推动发展。\n"
    got = _by_name(futurepolicy.extract("一、总体要求\n坚持创新。\n" + text, rules="national"))
    assert got["星河织造"].technologies == ["量子纺纱", "光子染整", "织物传感"]


def test_grouping_heading_inside_the_focus_section():
    text = (
        "一、总体要求\n坚持创新驱动。\n二、发展重点\n(一)前瞻布局六大未来产业\n"
        "1.星河织造。重点发展量子纺纱等技术。\n2.云端牧场。推动产业化。\n"
        "(二)超前布局前沿技术\n1.量子酿造。开展前沿研究。\n三、保障措施\n(一)加强组织领导\n建立机制。\n"
    )
    doc = futurepolicy.extract(text, rules="national")
    check_document(doc)
    assert [(i.name, i.parent) for i in doc.industries] == [("星河织造", None), ("云端牧场", None), ("量子酿造", None)]
    assert doc.industries[0].technologies == ["量子纺纱"]


def test_a_layout_of_places_is_not_a_focus_section():
    text = (
        "一、总体要求\n坚持创新。\n二、优化空间布局\n(一)星河核心\n建设星河核心。\n(二)云端走廊\n建设走廊。\n"
        "三、发展重点\n(一)量子酿造\n推动发展。\n(二)甲城新区\n推动甲城新区建设。\n"
    )
    ctx = make_context(text)
    from futurepolicy.model import Region

    i = text.index("甲城新区")
    ctx.results["regions"] = [Region("甲城新区", None, "zone", None, None, "test", [Mention(i, i + 4, "甲城新区")])]
    assert [x.name for x in extract_industries(ctx)] == ["量子酿造"]


def test_bare_lists_of_short_names_in_an_industry_paragraph_are_its_technologies():
    import futurepolicy

    doc = futurepolicy.extract(
        "二、重点方向\n（一）量子信息。重点突破量子计算、量子通信。\n（二）生命健康。重点发展基因技术、合成生物、细胞治疗。\n"
        "（三）未来材料。加快推进关键材料研发、核心装备攻关。\n（四）未来网络。加快发展6G、卫星互联网,推动应用。\n"
    )
    techs = {i.name: i.technologies for i in doc.industries}
    assert techs["量子信息"] == ["量子计算", "量子通信"]
    assert techs["生命健康"] == ["基因技术", "合成生物", "细胞治疗"]
    assert techs["未来材料"] == []  # actions (…研发, …攻关), not names
    assert techs["未来网络"] == []  # the clause goes on: not a bare list
