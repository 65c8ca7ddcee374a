"""Outline parsing (futurepolicy/structure.py): heading tree, ids, levels, titles, spans, body start."""

from __future__ import annotations


import pytest

import futurepolicy
from futurepolicy.context import Context
from futurepolicy.normalize import normalize
from futurepolicy.rules import resolve_rules
from futurepolicy.structure import numeral_value, outline_sections, parse_outline

from conftest import CORPUS, CORPUS_FILES, SEEDS, check_document, load_expected, python_work, seed_text


def outline_ctx(text: str, rules="national") -> Context:
    """Normalise and parse the outline only (no tokens needed), as the pipeline does."""
    ctx = Context(text=text, norm=normalize(text), rules=resolve_rules(rules))
    ctx.set_outline(parse_outline(ctx))
    return ctx


def rows(text: str, rules="national") -> list[tuple]:
    ctx = outline_ctx(text, rules)
    return [(s.id, s.number, s.title, s.level, s.parent) for s in outline_sections(ctx)]


def assert_tree(doc_text: str, sections) -> None:
    """Spans start at their number, children lie inside their parent, siblings in order and disjoint."""
    by_id = {s.id: s for s in sections}
    assert len(by_id) == len(sections), "ids are unique"
    last_end: dict = {}
    for s in sections:
        assert doc_text[s.span.start :].startswith(s.number), (s.id, s.number)
        assert s.span.start < s.span.end
        if s.parent is None:
            assert s.level == 1 and "." not in s.id
        else:
            p = by_id[s.parent]
            assert s.level == p.level + 1 and s.id.rsplit(".", 1)[0] == p.id
            assert p.span.start < s.span.start and s.span.end <= p.span.end, (s.id, p.id)
        assert s.span.start >= last_end.get(s.parent, 0), f"{s.id} overlaps its previous sibling"
        last_end[s.parent] = s.span.end


# -- the seeds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_outline_matches_hand_written_list(seed_docs, name):
    doc = seed_docs[name]
    check_document(doc)
    expected = load_expected(f"{name}.sections.json")
    got = [{"id": s.id, "number": s.number, "title": s.title, "level": s.level, "parent": s.parent} for s in doc.sections]
    assert got == [{k: e[k] for k in ("id", "number", "title", "level", "parent")} for e in expected]
    assert_tree(doc.text, doc.sections)
    for s, e in zip(doc.sections, expected):
        if "ends_with" in e:
            assert doc.text[s.span.start : s.span.end].endswith(e["ends_with"]), (s.id, doc.text[s.span.end - 30 : s.span.end])


def test_shanghai_body_starts_at_plan_title_after_news_lead_and_notice():
    text = seed_text("shanghai_2022")
    ctx = outline_ctx(text)
    body = ctx.ntext[ctx.body_start :]
    assert body.startswith("上海打造未来产业创新高地发展壮大未来产业集群行动方案\n为了贯彻落实")
    assert "关于印发" in ctx.ntext[: ctx.body_start] and "全文内容如下" in ctx.ntext[: ctx.body_start]
    assert ctx.outline[0].start > ctx.body_start


def test_chongqing_body_starts_at_its_title_line():
    ctx = outline_ctx(seed_text("chongqing_2024"))
    assert ctx.body_start == 0


def test_section_at_uses_outline():
    text = seed_text("shanghai_2022")
    ctx = outline_ctx(text)
    pos = ctx.ntext.index("加速非侵入式脑机接口技术", ctx.body_start)
    assert ctx.section_id_at(pos) == "2.1.1"
    assert ctx.section_at(ctx.ntext.index("每日经济新闻综合")) is None  # the footer is outside every section


# -- layouts and styles -------------------------------------------------------------------------


def test_line_layout_levels_and_titles():
    text = "一、总体要求\n(一)指导思想\n坚持创新驱动。\n(二)发展目标\n到2027年,培育10家企业。\n二、重点任务\n1.脑机接口。加速非侵入式脑机接口技术。\n2.生物安全。突破关键技术。"
    assert rows(text) == [
        ("1", "一、", "总体要求", 1, None),
        ("1.1", "(一)", "指导思想", 2, "1"),
        ("1.2", "(二)", "发展目标", 2, "1"),
        ("2", "二、", "重点任务", 1, None),
        ("2.1", "1.", "脑机接口", 2, "2"),
        ("2.2", "2.", "生物安全", 2, "2"),
    ]


def test_inline_layout_title_ends_at_space():
    text = "行动计划 为培育未来产业,制定本计划。 一、总体要求 (一)工作思路 坚持创新。 (二)基本原则 前瞻规划、营造生态。系统布局。 二、发展重点 (一)卫星互联网 重点发展卫星通信。"
    assert rows(text) == [
        ("1", "一、", "总体要求", 1, None),
        ("1.1", "(一)", "工作思路", 2, "1"),
        ("1.2", "(二)", "基本原则", 2, "1"),
        ("2", "二、", "发展重点", 1, None),
        ("2.1", "(一)", "卫星互联网", 2, "2"),
    ]


def test_full_width_numbers_are_reported_as_printed():
    text = "一、总体要求\n（一）指导思想\n坚持创新。\n（二）发展目标\n到２０２７年。"
    got = rows(text)
    assert [r[1] for r in got] == ["一、", "（一）", "（二）"]
    doc = futurepolicy.extract(text)
    check_document(doc)
    assert doc.text[doc.sections[1].span.start :].startswith("（一）指导思想")


def test_traditional_titles_as_written():
    text = "一、總體要求\n(一)發展目標\n到2027年,產業規模達到1000億元。"
    assert [r[2] for r in rows(text)] == ["總體要求", "發展目標"]


def test_document_starting_at_paren_level():
    text = "(一)指导思想\n坚持创新。\n(二)基本原则\n1.聚焦主攻方向。按照原则推进。\n2.坚持市场主导。发挥企业作用。\n(三)发展目标\n到2027年。"
    assert rows(text) == [
        ("1", "(一)", "指导思想", 1, None),
        ("2", "(二)", "基本原则", 1, None),
        ("2.1", "1.", "聚焦主攻方向", 2, "2"),
        ("2.2", "2.", "坚持市场主导", 2, "2"),
        ("3", "(三)", "发展目标", 1, None),
    ]


def test_chapters_and_articles_numbered_across_chapters():
    text = "第一章 总则\n第一条 为了培育未来产业,制定本办法。\n第二条 本办法适用于全市。\n第二章 支持措施\n第三条 设立专项资金。\n第四条 支持人才引进。"
    assert rows(text) == [
        ("1", "第一章", "总则", 1, None),
        ("1.1", "第一条", "为了培育未来产业,制定本办法", 2, "1"),
        ("1.2", "第二条", "本办法适用于全市", 2, "1"),
        ("2", "第二章", "支持措施", 1, None),
        ("2.1", "第三条", "设立专项资金", 2, "2"),
        ("2.2", "第四条", "支持人才引进", 2, "2"),
    ]


def test_dash_bullets_title_and_paragraph_span():
    text = "(一)发展目标\n到2030年,产值达到5000亿元。\n——建设未来高地;依托各类主体。\n——做强未来引擎。打造5个集群。\n到2035年,形成若干集群。\n(二)主要任务\n推进建设。"
    secs = outline_sections(outline_ctx(text))
    assert [(s.id, s.number, s.title, s.parent) for s in secs] == [
        ("1", "(一)", "发展目标", None),
        ("1.1", "——", "建设未来高地", "1"),
        ("1.2", "——", "做强未来引擎", "1"),
        ("2", "(二)", "主要任务", None),
    ]
    assert text[secs[2].span.start : secs[2].span.end] == "——做强未来引擎。打造5个集群。"
    assert text[secs[0].span.start : secs[0].span.end].endswith("到2035年,形成若干集群。")


def test_circled_and_paren_arabic_nest():
    text = "1.加强组织。\n(1)建立机制。完善制度。\n①市级层面。统筹推进。\n②区级层面。联动落实。\n(2)强化考核。定期评估。"
    assert [(r[0], r[1], r[3]) for r in rows(text)] == [
        ("1", "1.", 1),
        ("1.1", "(1)", 2),
        ("1.1.1", "①", 3),
        ("1.1.2", "②", 3),
        ("1.2", "(2)", 2),
    ]


# -- false headings -----------------------------------------------------------------------------


def test_list_items_inside_sentences_are_not_headings():
    text = (
        "一、总体要求\n发布融合试验场景,推动“1-100”产业加速孵化,以大规模示范推动“100-100万”的爆发式增长。"
        "重点是(1)技术;(2)人才。 (3)资金也要保障。\n"
        "2022.9.24\n1.2万亿元规模的产业集群基本形成。\n二、重点任务\n推进建设。"
    )
    assert [(r[0], r[1]) for r in rows(text)] == [("1", "一、"), ("2", "二、")]


def test_out_of_sequence_numbers_are_rejected():
    text = "一、总体要求\n(一)指导思想\n坚持创新。\n(三)发展目标\n到2027年。\n三、保障措施\n加强组织。\n二、重点任务\n推进建设。"
    assert [(r[0], r[1]) for r in rows(text)] == [("1", "一、"), ("1.1", "(一)"), ("2", "二、")]


def test_new_level_must_start_at_one():
    text = "一、总体要求\n(二)发展目标\n到2027年。"
    assert [r[1] for r in rows(text)] == ["一、"]


def test_an_excerpt_may_start_at_a_later_top_heading():
    text = "推进建设。\n二、发展重点\n(一)卫星互联网\n重点发展卫星通信。\n三、保障措施\n加强组织。"
    assert [(r[0], r[1]) for r in rows(text)] == [("1", "二、"), ("1.1", "(一)"), ("2", "三、")]
    assert rows("推进建设。\n(二)发展目标\n到2027年。") == []  # only the top rank may start late


def test_chunk_markers_of_a_scraped_page_are_not_headings():
    long1 = "1、江西省未来产业发展中长期规划的通知各市、县(区)人民政府,省政府各部门:现将规划印发给你们,请认真贯彻落实。" + "未来产业代表新一轮科技革命和产业变革的发展方向" * 3 + ",下好发展先手机,构筑"
    long2 = "2、竞争新优势,特编制本规划。" + "经过接续努力,江西已从整体上跨越工业化中期并加速迈向中后期" * 3 + ",产业"
    text = "规划全文\n" + long1 + "\n" + long2 + "\n3、规模持续扩大,新能源产业规模超百亿。"
    assert rows(text) == []


def test_headings_before_body_start_are_ignored():
    text = (
        "1.新闻导语。上海印发方案。\n"
        "上海市人民政府关于印发《未来产业行动方案》的通知\n沪府发〔2022〕11号\n现将《未来产业行动方案》印发给你们。\n"
        "上海市人民政府\n2022年9月24日\n未来产业行动方案\n一、总体要求\n推进建设。"
    )
    ctx = outline_ctx(text)
    assert ctx.ntext[ctx.body_start :].startswith("未来产业行动方案\n一、")
    assert [(n.id, n.number) for n in ctx.outline] == [("1", "一、")]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "一、", "(一)", "——", "1.\n2.\n3.", "第一章", "\x00\x01一、\ud7ff"])
def test_garbage_gives_valid_outline(text):
    doc = futurepolicy.extract(text)
    check_document(doc)
    assert_tree(doc.text, doc.sections)


# -- data, not code -----------------------------------------------------------------------------


def test_heading_styles_are_pack_data(tmp_path):
    pack = tmp_path / "nobullets.yaml"
    pack.write_text(
        "name: nobullets\nversion: '1'\nremove: {headings: [dash]}\n"
        "headings:\n- {id: letter, pattern: '[A-H]\\.', rank: 3}\n",
        encoding="utf-8",
    )
    text = "一、发展目标\n——建设未来高地。依托主体。\n二、重点任务\nA.脑机接口。加速突破。\nB.生物安全。突破技术。"
    assert [(r[0], r[1], r[2]) for r in rows(text, [str(pack)])] == [
        ("1", "一、", "发展目标"),
        ("2", "二、", "重点任务"),
        ("2.1", "A.", "脑机接口"),
        ("2.2", "B.", "生物安全"),
    ]
    assert [r[1] for r in rows(text)] == ["一、", "——", "二、"]  # national alone: dash, no letters


@pytest.mark.parametrize(
    "s,value", [("(三)", 3), ("十二、", 12), ("二十一", 21), ("第一百零一条", 101), ("12.", 12), ("⑤", 5), ("二〇二二", 2022), ("--", None)]
)
def test_numeral_value(s, value):
    assert numeral_value(s) == value


# -- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_outline_is_a_valid_tree(path):
    text = path.read_text(encoding="utf-8")
    ctx = outline_ctx(text)
    secs = outline_sections(ctx)
    assert_tree(text, secs)
    for n in ctx.outline:
        assert n.start >= ctx.body_start
        assert n.title and len(n.title) < 120
    # numbers run in sequence among siblings
    by_parent: dict = {}
    for n in ctx.outline:
        v = numeral_value(n.number)
        if v is not None and n.style != "article":
            by_parent.setdefault((n.parent, n.style), []).append(v)
    for seq in by_parent.values():
        assert seq == list(range(1, len(seq) + 1)), seq


def test_corpus_ningxia_2023_main_goals_heading_and_bullets():
    ctx = outline_ctx((CORPUS / "ningxia_2023.txt").read_text(encoding="utf-8"))
    got = [(n.id, n.number, n.title) for n in ctx.outline]
    assert got[:3] == [("1", "一、", "主要目标"), ("1.1", "——", "工业运行更加稳健"), ("1.2", "——", "产业结构更加优化")]
    assert ("2", "二、", "推动产业发展再上新台阶") in got
    assert ("2.1", "1.", "做优做强新型材料产业") in got


def test_corpus_liaoning_2024_skips_web_header():
    ctx = outline_ctx((CORPUS / "liaoning_2024.txt").read_text(encoding="utf-8"))
    assert ctx.ntext[ctx.body_start :].startswith("辽宁省人民政府办公厅关于科技引领未来产业创新发展的实施意见")
    assert [(n.id, n.title) for n in ctx.outline][:3] == [("1", "总体要求"), ("2", "发展方向"), ("2.1", "人工智能")]


def test_corpus_scraped_chunk_markers_give_no_outline():
    ctx = outline_ctx((CORPUS / "jiangxi_2023.txt").read_text(encoding="utf-8"))
    assert [n.number for n in ctx.outline if n.style == "arabic-dun"] == []


def test_corpus_converts_with_sections(tmp_path):
    for path in CORPUS_FILES:
        doc = futurepolicy.extract_file(path)
        check_document(doc)
        assert_tree(doc.text, doc.sections)


# -- speed --------------------------------------------------------------------------------------


def test_linear_work():
    from futurepolicy.meta import extract_meta

    base = "\n".join(seed_text(n) for n in SEEDS) + "\n"
    rules = resolve_rules("national")

    def outline_and_meta(text):
        ctx = Context(text=text, norm=normalize(text), rules=rules)
        ctx.set_outline(parse_outline(ctx))
        extract_meta(ctx)

    outline_and_meta(base)  # warm the rule-set memo
    assert python_work(outline_and_meta, base * 40) <= 12 * python_work(outline_and_meta, base * 5)  # 8x text


def test_a_bullet_paragraph_is_never_a_parent():
    text = "政府工作报告\n——2025年1月14日在第三次会议上\n一、2024年工作回顾\n过去一年,经济稳中有进。\n二、2025年工作安排\n推进建设。"
    assert [(r[0], r[1], r[2], r[4]) for r in rows(text)] == [
        ("1", "——", "2025年1月14日在第三次会议上", None),
        ("2", "一、", "2024年工作回顾", None),
        ("3", "二、", "2025年工作安排", None),
    ]


def test_paragraphs_separated_by_blank_lines_keep_their_numbers():
    text = (
        "6个方面的具体工作举措:\n\n1、提升产业基金引导服务效应\n\n将原来的基金拆分为两只基金,分别聚焦未来产业的天使种子期和创业型基金的不同阶段\n\n"
        "2、支持新型研发机构发展创新\n\n组建10个龙头企业牵头的产业联合创新中心"
    )
    assert [(r[1], r[2]) for r in rows(text)] == [("1、", "提升产业基金引导服务效应"), ("2、", "支持新型研发机构发展创新")]


def test_short_heading_line_with_colon_is_all_title():
    text = "一、前瞻布局:抢占量子科技与6G等新赛道\n布局量子科技。\n二、主要目标:到2027年,产业规模达到1000亿元。"
    assert [r[2] for r in rows(text)] == ["前瞻布局:抢占量子科技与6G等新赛道", "主要目标"]


def test_random_heading_soup_gives_a_valid_tree():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        ["一、", "二、", "(一)", "（二）", "1.", "2、", "(1)", "①", "——", "第一章", "第二条", "总体要求", "。", ";", ":",
         " ", "\n", "\n\n", "2022.9.24", "1.2万亿元", "“1-100”", "《方案》", "关于印发", "的通知", "發展規劃", "(fā)"]
    )

    @settings(max_examples=150, deadline=None)
    @given(st.lists(pieces, max_size=40))
    def check(parts):
        text = "".join(parts)
        ctx = outline_ctx(text)
        assert 0 <= ctx.body_start <= len(ctx.ntext)
        secs = outline_sections(ctx)
        if text.strip():
            assert_tree(text, secs)
        from futurepolicy.meta import extract_meta

        extract_meta(ctx)

    check()


def test_boxes_are_sections_numbered_across_the_document():
    text = (
        "某省未来产业发展规划\n一、重点任务\n(一)建设先导区\n在甲市建设先导区。\n"
        "专栏1 未来产业先导区建设工程\n建设10个先导区。\n(二)培育企业\n培育领军企业。\n"
        "专栏2 企业培育工程\n培育100家企业。\n二、保障措施\n开设专栏3个,宣传典型。\n"
    )
    doc = futurepolicy.extract(text)
    check_document(doc)
    got = [(s.number, s.title, s.level) for s in doc.sections]
    assert ("专栏1", "未来产业先导区建设工程", 3) in got and ("专栏2", "企业培育工程", 3) in got
    assert len(got) == 6  # 开设专栏3个 in running text is no heading
