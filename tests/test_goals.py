"""Goals: quantitative targets, normalised, with their target year (futurepolicy/extractors/goals.py).

Most tests run the goal extractor on a context built here (normalise → segment → goals, no outline),
so they check this module alone and do not move when other steps change; ``check_document`` runs on
every document they build. ``test_seed_goals_through_the_pipeline`` runs the full pipeline.
"""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, CORPUS_FILES, SEEDS, check_document, load_expected, python_work, seed_text

import futurepolicy
from futurepolicy import __version__
from futurepolicy.context import Context, OutlineNode
from futurepolicy.extractors.goals import extract_goals, parse_number
from futurepolicy.model import PolicyDocument, Provenance
from futurepolicy.normalize import normalize
from futurepolicy.pipeline import segmenter_for
from futurepolicy.rules import resolve_rules

FIELDS = ("metric", "value", "value_max", "unit", "value_cny", "approx", "comparator", "target_year", "rule")


def make_context(text: str, rules="national", *, publish_date=None, body_start=0, outline=()) -> Context:
    rs = resolve_rules(rules)
    ctx = Context(text=text, norm=normalize(text), rules=rs, body_start=body_start)
    ctx.set_tokens(segmenter_for(rs).tokenize(ctx.ntext))
    ctx.set_outline(list(outline))
    ctx.meta.publish_date = publish_date
    return ctx


def goals_doc(text: str, rules="national", **kw) -> PolicyDocument:
    """A document holding only the goals of ``text``; checked against the output contract."""
    ctx = make_context(text, rules, **kw)
    doc = PolicyDocument(
        id="test", source=None, provenance=Provenance(futurepolicy=__version__), text=text, goals=extract_goals(ctx)
    )
    check_document(doc)
    return doc


def goals(text: str, **kw):
    return goals_doc(text, **kw).goals


def one(text: str, **kw):
    gs = goals(text, **kw)
    assert len(gs) == 1, [(g.text, g.value, g.unit) for g in gs]
    return gs[0]


def row(g) -> dict:
    return {f: getattr(g, f) for f in FIELDS}


# -- the seeds, both ways -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_goals_match_the_hand_written_list(seed):
    expected = load_expected(f"{seed}.goals.json")["goals"]
    got = goals(seed_text(seed))
    want = {(e["text"], *(e[f] for f in FIELDS), e["mentions"]) for e in expected}
    have = {(g.text, *(getattr(g, f) for f in FIELDS), len(g.mentions)) for g in got}
    assert not (want - have), f"missing: {sorted(want - have, key=str)}"
    assert not (have - want), f"extra: {sorted(have - want, key=str)}"
    assert len(got) == len(expected)  # one object per target


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_goals_through_the_pipeline(seed):
    import futurepolicy
    from futurepolicy.errors import ExtractionError

    try:
        doc = futurepolicy.extract(seed_text(seed), source=f"{seed}.txt")
    except ExtractionError as e:  # another step mid-change must not hide this module's own results
        if "goals" in str(e):
            raise
        pytest.skip(f"pipeline broken outside goals: {e}")
    check_document(doc)
    expected = load_expected(f"{seed}.goals.json")["goals"]
    want = {(e["metric"], e["value"], e["value_max"], e["unit"], e["comparator"], e["target_year"]) for e in expected}
    have = {(g.metric, g.value, g.value_max, g.unit, g.comparator, g.target_year) for g in doc.goals}
    assert have == want
    for g in doc.goals:  # the span is a statement in the plan body, and its section is the one it sits in
        assert doc.text[g.span.start : g.span.end] == g.text
        assert g.span.start >= min(m.start for m in g.mentions)
        if doc.sections:  # every seed target sits in chapter 一 (总体要求 / 发展目标)
            assert g.section is not None and g.section.split(".")[0] == "1", (g.text, g.section)


def test_news_lead_restating_the_plan_adds_mentions_not_goals():
    text = seed_text("shanghai_2022")
    doc = goals_doc(text)
    g = next(g for g in doc.goals if g.metric == "高新技术企业")
    assert [m.text for m in g.mentions] == ["培育1000家左右高新技术企业"] * 2
    body = text.index("上海打造未来产业创新高地发展壮大未来产业集群行动方案\n为了")
    # with the plan body known, text/span come from the body statement (the second mention)
    ctx = make_context(text, body_start=normalize(text).norm(body))
    g2 = next(g for g in extract_goals(ctx) if g.metric == "高新技术企业")
    assert g2.span.start == g2.mentions[1].start > body
    assert g.span.start == g.mentions[0].start < body  # without it: the first mention


def test_different_metrics_with_one_value_stay_apart():
    gs = goals("到2027年,新一代信息技术产业规模达到2000亿元,人工智能产业规模达到2000亿元。")
    assert [g.metric for g in gs] == ["新一代信息技术产业规模", "人工智能产业规模"]
    gs = goals("到2027年营收规模破千亿元。到2027年,未来产业相关产业营业收入规模突破1000亿元。")
    assert [(g.metric, len(g.mentions)) for g in gs] == [("营收规模", 2)]


def test_section_is_the_outline_node_of_the_statement():
    text = "一、目标\n到2027年,培育100家高新技术企业。\n二、任务\n建设10个创新中心。"
    n = normalize(text).text
    a, b = n.index("一、"), n.index("二、")
    outline = [
        OutlineNode("1", "一、", "目标", 1, None, a, a + 2, a + 4, a + 5, b),
        OutlineNode("2", "二、", "任务", 1, None, b, b + 2, b + 4, b + 5, len(n)),
    ]
    gs = extract_goals(make_context(text, outline=outline))
    assert [(g.metric, g.section, g.target_year) for g in gs] == [("高新技术企业", "1", 2027), ("创新中心", "2", None)]


# -- numbers, units, qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, value_max, unit, comparator, approx",
    [
        ("重点突破30项前沿关键核心技术", 30, None, "项", "eq", False),
        ("形成20个标志性产品", 20, None, "个", "eq", False),
        ("培育1000家左右高新技术企业", 1000, None, "家", "approx", True),
        ("推出100件左右高端产品", 100, None, "件", "approx", True),
        ("打造10-15个典型应用场景", 10, 15, "个", "range", False),
        ("打造3—5个特色鲜明的未来产业先导区", 3, 5, "个", "range", False),
        ("建设10至15个创新中心", 10, 15, "个", "range", False),
        ("引进3~5家龙头企业", 3, 5, "家", "range", False),
        ("形成1到2个千亿级产业集群", 1, 2, "个", "range", False),
        ("突破百项前沿关键核心技术", 100, None, "项", "eq", False),
        ("建设十五个未来产业园区", 15, None, "个", "eq", False),
        ("培育百家专精特新企业", 100, None, "家", "eq", False),
        ("引育超万家科技型企业", 10000, None, "家", "gte", False),
        ("培育1.3万家科技型中小企业", 13000, None, "家", "eq", False),
        ("培育3-5万家科技型中小企业", 30000, 50000, "家", "range", False),
        ("新增上规企业100家左右", 100, None, "家", "approx", True),
        ("培育10家以上独角兽企业", 10, None, "家", "gte", False),
        ("培育不少于20家链主企业", 20, None, "家", "gte", False),
        ("引进约50个重大项目", 50, None, "个", "approx", True),
        ("建设近30个创新平台", 30, None, "个", "approx", True),
        ("新增能耗控制在50万吨以内", 500000, None, "吨", "lte", False),
        ("年均增长12%以上", 12, None, "%", "gte", False),
        ("数字经济核心产业增加值占比达到30%", 30, None, "%", "eq", False),
        ("研发投入强度提高2个百分点", 2, None, "个百分点", "eq", False),  # the unit as written
        ("研发投入强度提高2百分点", 2, None, "百分点", "eq", False),
        ("产业规模增长1倍", 1, None, "倍", "eq", False),
        ("未来产业规模翻一番", 1, None, "番", "eq", False),
        ("新兴产业增加值增速达到10%-15%", 10, 15, "%", "range", False),
    ],
)
def test_counts_ranges_rates_and_qualifiers(text, value, value_max, unit, comparator, approx):
    g = one("到2027年," + text + "。")
    assert (g.value, g.value_max, g.unit, g.comparator, g.approx) == (value, value_max, unit, comparator, approx)
    assert g.target_year == 2027
    assert g.value_cny is None


@pytest.mark.parametrize(
    "text, value, unit, cny, comparator, metric",
    [
        ("未来产业产值达到5000亿元左右", 5000, "亿元", 5e11, "approx", "未来产业产值"),
        ("产业规模力争突破2000亿元", 2000, "亿元", 2e11, "gte", "产业规模"),
        ("全市未来产业总产值突破1.2万亿元", 1.2, "万亿元", 1.2e12, "gte", "未来产业总产值"),
        ("生物经济总产值达到两千亿元", 2000, "亿元", 2e11, "eq", "生物经济总产值"),
        ("实现营业收入800万元", 800, "万元", 8e6, "eq", "营业收入"),
        ("热带特色高效农业产值超千亿元", 1000, "亿元", 1e11, "gte", "热带特色高效农业产值"),
    ],
)
def test_money_keeps_its_unit_and_gets_value_cny(text, value, unit, cny, comparator, metric):
    g = one("到2030年," + text + "。")
    assert (g.value, g.unit, g.comparator, g.metric, g.rule) == (value, unit, comparator, metric, "national/goals#money")
    assert g.value_cny == pytest.approx(cny)


def test_scale_targets_are_gte_with_their_scale_as_written():
    g = one("到2030年,打造千亿级未来产业集群。")
    assert (g.value, g.unit, g.value_cny, g.comparator, g.approx) == (1, "千亿级", 1e11, "gte", False)
    assert (g.metric, g.rule) == ("未来产业集群", "national/goals#scale")
    g = one("到2030年,电子信息产业达到万亿级。")
    assert (g.value, g.unit, g.value_cny, g.comparator) == (1, "万亿级", 1e12, "gte")
    # a scale with digits keeps its money form
    g = one("到2030年,电子信息产业达到3000亿级。")
    assert (g.value, g.unit, g.value_cny) == (3000, "亿元", 3e11)
    # a scale inside the noun of a count belongs to its metric, not to a goal of its own
    g = one("到2027年,打造5个以上100亿级未来产业集群。")
    assert (g.value, g.unit, g.comparator, g.metric) == (5, "个", "gte", "100亿级未来产业集群")


def test_rates_take_the_subject_as_metric():
    gs = goals("到2027年,规模以上工业增加值达到2800亿元以上,全区研发经费投入年均增长10%以上,占比达到45%。")
    assert [(g.metric, g.value, g.unit, g.comparator, g.rule.split("#")[1]) for g in gs] == [
        ("规模以上工业增加值", 2800, "亿元", "gte", "money"),
        ("研发经费投入年均增长", 10, "%", "gte", "rate"),
        ("占比", 45, "%", "eq", "rate"),
    ]


def test_subject_restarts_after_an_enumeration():
    g = one("到2026年,海洋电力业、海水淡化与综合利用业等新兴产业增加值平均增速超15%。")
    assert (g.metric, g.value, g.comparator, g.text) == ("新兴产业增加值平均增速", 15, "gte", "新兴产业增加值平均增速超15%")


def test_a_money_target_without_subject_takes_the_previous_one():
    gs = goals("全市规上工业总产值年均增长8%,到2026年突破2万亿元。")
    assert [(g.metric, g.value, g.unit, g.target_year) for g in gs] == [
        ("规上工业总产值年均增长", 8, "%", None),
        ("规上工业总产值", 2, "万亿元", 2026),
    ]


def test_metric_before_the_number():
    gs = goals("到2027年,每年推出应用场景100个以上,建设国家级渔港经济区2个、海洋牧场示范区6个,产值达到约5000亿元。")
    assert [(g.metric, g.value, g.text) for g in gs] == [
        ("应用场景", 100, "推出应用场景100个以上"),
        ("国家级渔港经济区", 2, "建设国家级渔港经济区2个"),
        ("海洋牧场示范区", 6, "海洋牧场示范区6个"),
        ("产值", 5000, "产值达到约5000亿元"),
    ]


def test_coordinated_numbers_share_their_noun_or_subject():
    gs = goals("到2027年,比重分别达到25%和15%以上。打造5个以上、力争10个以上千亿级产业集群。")
    assert [(g.metric, g.value, g.comparator) for g in gs] == [
        ("比重", 25, "eq"),
        ("比重", 15, "gte"),
        ("千亿级产业集群", 5, "gte"),
        ("千亿级产业集群", 10, "gte"),
    ]


def test_thousands_separators_and_zero():
    assert [(g.value, g.metric) for g in goals("到2027年,建设5,000个基站,新增0个园区。")] == [(5000, "基站")]


def test_parse_number():
    assert parse_number("5000") == (5000.0, "")
    assert parse_number("1,000") == (1000.0, "")
    assert parse_number("1.2万亿") == (1.2, "万亿")
    assert parse_number("两千亿") == (2000.0, "亿")
    assert parse_number("十五") == (15.0, "")
    assert parse_number("一百二十") == (120.0, "")
    assert parse_number("百") == (100.0, "")
    assert parse_number("万") == (1.0, "万")
    assert parse_number("二零二五") is None  # a digit string, not a numeral


# -- target years -----------------------------------------------------------------------------------------


def test_target_year_governs_until_the_next_year():
    text = seed_text("shanghai_2022")
    gs = goals(text)
    assert {g.target_year for g in gs} == {2030}  # the —— bullets sit under 到2030年
    gs = goals("到2025年,培育100家企业。\n——建设10个平台。\n到2035年,形成5个产业集群。")
    assert [(g.metric, g.target_year) for g in gs] == [("企业", 2025), ("平台", 2025), ("产业集群", 2035)]


@pytest.mark.parametrize(
    "text, year",
    [
        ("到2027年,培育100家企业。", 2027),
        ("力争到2030年培育100家企业。", 2030),
        ("2025年前,培育100家企业。", 2025),
        ("到2027年底,培育100家企业。", 2027),
        ("“十四五”末,培育100家企业。", 2025),
        ("“十五五”期间,培育100家企业。", 2030),
        ("2027年,培育100家企业。", 2027),
        ("到二〇二七年,培育100家企业。", 2027),  # years in Chinese digits
        ("到二○三〇年底,培育100家企业。", 2030),
        ("二〇二五年十二月,培育100家企业。", None),  # a date, not a target year
        ("培育100家企业。", None),
    ],
)
def test_target_year_phrasings(text, year):
    assert one(text).target_year == year


def test_dates_periods_and_numbers_in_names_are_not_years_or_goals():
    text = (
        "重庆市未来产业集群培育行动计划 (2024—2027年)发表时间:2024-08-12 16:52 打造“33618”现代制造业集群体系,"
        "重点实施六大行动。上海市人民政府 2022年9月24日 沪府发〔2022〕11号 摄图网_500628783 "
        "培育一批企业,形成若干集群,发布硬核科技百强榜单,推动“1-100”产业加速孵化,以大规模示范推动“100-100万”的爆发式增长,"
        "实施“四大计划、十项工程”,实现“从0到1”的突破。"
    )
    assert goals(text) == []
    assert one("(2024—2027年) 培育100家企业。").target_year is None


def test_top_level_section_resets_the_year():
    gs = goals("一、发展目标 到2027年,培育100家企业。 二、重点任务 建设10个平台。")
    assert [(g.metric, g.target_year) for g in gs] == [("企业", 2027), ("平台", None)]


# -- not goals ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "过去五年,地区生产总值年均增长12.3%。",
        "全市已建成8个创新中心。",
        "去年规模以上工业总产值超过1.5万亿元。",
        "一季度高技术产业投资同比增长20.1%。",
        "目前已形成1个7000亿元级、6个千亿元级的产业集群。",
        "连续2年规模以上工业总产值突破4万亿元。",
        "本方案提出30条措施。",
        "联合5个部门印发实施。",
        "联合5部门印发。",
        "对新认定的企业给予最高300万元奖励。",
        "最高补助500万元。",
        "聚焦13个细分领域。",
        "重点发展元宇宙、未来网络5个细分领域。",
        "截至2023年底,建成5G基站8万个。",
        "居全国第3位。",
        "每年拿出数十亿元资金。",
    ],
)
def test_past_results_self_descriptions_and_subsidies_are_not_goals(text):
    assert goals("到2027年," + text) == []


def test_a_unit_of_account_is_not_a_number():
    g = one("到2027年,单位万元GDP能耗下降3%。")
    assert (g.metric, g.value, g.unit) == ("单位万元GDP能耗下降", 3, "%")


def test_the_starting_value_of_a_change_is_not_a_target():
    g = one("到2027年,海洋生产总值从1423亿元增长到2559亿元。")
    assert (g.value, g.unit) == (2559, "亿元")


def test_cumulative_targets_are_goals():
    gs = goals("到2025年,全省累计建成5G基站8万个,高新技术企业累计达到150家。")
    assert [(g.metric, g.value, g.target_year) for g in gs] == [("5G基站", 80000, 2025), ("高新技术企业", 150, 2025)]


def test_a_year_before_the_document_date_is_past():
    got = goals("2023年实现产值500亿元。到2027年,产值达到1000亿元。", publish_date="2024-05-01")
    assert [(g.value, g.target_year) for g in got] == [(1000, 2027)]
    text = "2022年,全社会研发投入占地区生产总值比重4%。到2030年,研发投入占比达到5%。"
    assert [(g.value, g.target_year) for g in goals(text, publish_date="2023-09-04")] == [(5, 2030)]
    # the document date may also come from the text itself
    assert [g.value for g in goals("发布时间: 2023-09-04\n" + text)] == [5]


def test_without_a_date_the_plan_period_tells_what_is_past():
    text = (
        "某市未来产业发展规划(2024-2035年)\n第一章 发展基础\n2023年未来产业规模达到800亿元,集聚相关企业500家。\n"
        "第二章 发展目标\n到2030年,未来产业规模突破3000亿元。"
    )
    doc = futurepolicy.extract(text)
    assert [(g.value, g.target_year) for g in doc.goals] == [(3000, 2030)]


def test_review_section_holds_no_goals_until_the_targets_start():
    text = (
        "一、2024年工作回顾\n过去一年,新增国家现代农业产业园3个,创建15个全国美丽宜居示范村。\n"
        "二、2025年工作安排\n2025年,培育100家专精特新企业。"
    )
    gs = goals(text, publish_date="2025-01-14")
    assert [(g.metric, g.value, g.target_year) for g in gs] == [("专精特新企业", 100, 2025)]


@pytest.mark.parametrize("style, resets", [("cn-dun", True), ("paren-cn", True), ("arabic-dot", False)])
def test_top_level_sections_of_the_outline_reset_the_year(style, resets):
    text = "甲 到2027年,培育100家企业。\n乙 建设10个平台。"
    n = normalize(text).text
    a, b = 0, n.index("乙")
    outline = [
        OutlineNode("1", "甲", "甲", 1, None, a, a, a + 1, a + 2, b, style=style),
        OutlineNode("2", "乙", "乙", 1, None, b, b, b + 1, b + 2, len(n), style=style),
    ]
    gs = extract_goals(make_context(text, outline=outline))
    assert [g.target_year for g in gs] == [2027, None if resets else 2027]


def test_review_lead_outlasts_numbered_items_until_the_plan_starts():
    text = (
        "2024年工作回顾\n过去一年,全区经济稳中有进。\n1.乡村振兴扎实推进\n新增国家现代农业产业园3个。\n"
        "2.产业集群效应显现\n建成3个千万千瓦级新能源基地。\n今年主要预期目标是:地区生产总值增长6%左右。"
    )
    n = normalize(text).text
    a, b, c = n.index("1.乡村"), n.index("2.产业"), n.index("今年")
    outline = [  # numbered items without a parent, as the outline parser gives them for this layout
        OutlineNode("1", "1.", "乡村振兴扎实推进", 1, None, a, a + 2, a + 10, a + 11, b, style="arabic-dot"),
        OutlineNode("2", "2.", "产业集群效应显现", 1, None, b, b + 2, b + 10, b + 11, c, style="arabic-dot"),
    ]
    gs = extract_goals(make_context(text, outline=outline))
    assert [(g.metric, g.value, g.comparator) for g in gs] == [("地区生产总值增长", 6, "approx")]
    # without the outline the review runs to the end of the text unless a plan cue ends it
    assert [(g.metric, g.value) for g in goals(text)] == [("地区生产总值增长", 6)]


# -- rule packs ---------------------------------------------------------------------------------------------


def test_units_and_cues_come_from_the_pack(tmp_path):
    pack = tmp_path / "testgoals"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: testgoals\nversion: '1'\n", encoding="utf-8")
    (pack / "units.yaml").write_text("- {unit: 床, kind: count}\n", encoding="utf-8")
    (pack / "goal_words.yaml").write_text("achievement_verbs: [扩充]\n", encoding="utf-8")
    text = "到2027年,扩充500床康复床位。"
    assert goals(text) == []  # national knows neither 床 nor 扩充
    g = one(text, rules=str(pack))
    assert (g.value, g.unit, g.metric, g.rule) == (500, "床", "康复床位", "testgoals/goals#count")


# -- the corpus: hand-checked goals in texts from other provinces -----------------------------------------


def corpus_goals(stem: str):
    doc = goals_doc((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
    return {(g.metric, g.value, g.value_max, g.unit, g.comparator, g.target_year): g for g in doc.goals}


@pytest.mark.parametrize(
    "stem, expected",
    [
        (
            "ningxia_2023",
            [
                ("规模以上工业增加值", 2800, None, "亿元", "gte", 2027),
                ("规模以上制造业占规上工业增加值的比重", 70, None, "%", "eq", 2027),
                ("增速高于全区GDP增速", 1, None, "个百分点", "eq", 2027),
                ("研发经费投入年均增长", 10, None, "%", "gte", 2027),
                ("关键工序数控化率", 70, None, "%", "eq", 2027),
            ],
        ),
        (
            "qingdao_2025",
            [
                ("创新平台和新型研发机构", 10, None, "家", "approx", 2027),
                ("关键核心技术、前沿技术、共性通用技术", 50, None, "项", "approx", 2027),
                ("高成长企业", 30, None, "家", "approx", 2027),
                ("未来产业应用场景", 30, None, "个", "approx", 2027),
                ("标志性创新产品", 20, None, "个", "approx", 2027),
            ],
        ),
        (
            "suzhou_2023",
            [
                ("未来产业总产值", 5000, None, "亿元", "gte", 2030),
                ("未来产业总产值", 10000, None, "亿元", "gte", 2035),
                ("千亿级未来产业创新集群", 1, 2, "个", "range", 2035),
                ("未来产业先导园区", 10, None, "个", "gte", 2030),
            ],
        ),
        (
            "wuhan_2024",
            [
                ("新型研发机构", 13, None, "个", "gte", 2027),
                ("未来产业企业", 10000, None, "家", "gte", 2027),
                ("规上企业", 1000, None, "家", "eq", 2027),
                ("专精特新企业", 100, None, "家", "eq", 2027),
                ("独角兽企业", 10, None, "家", "gte", 2027),
            ],
        ),
        (
            "nanjing_2023",
            [
                ("GDP", 2, None, "万亿元", "gte", 2025),
                ("制造业增加值的占比", 30, None, "%", "gte", 2025),
            ],
        ),
        (
            "chengdu_2022_bio",
            [
                ("生物经济总产值", 1.2, None, "万亿元", "eq", 2025),
                ("国家级生物科技创新平台", 3, 5, "个", "range", 2025),
                ("生物经济年均增速", 15, None, "%", "approx", 2025),
            ],
        ),
        (
            "heilongjiang_2018_ai",  # traditional script
            [
                ("人工智能产业规模", 50, None, "亿元", "eq", 2020),
                ("人工智能创新平台", 3, 5, "个", "range", 2020),
                ("自动化生产线", 1000, None, "条", "eq", 2020),
            ],
        ),
        (
            "jilin_gwr_2026",  # news on a 2026 work report: its 2026 targets, not its 2025 results
            [
                ("地区生产总值增长", 5, None, "%", "approx", 2026),
                ("新能源产业产值增长", 8, None, "%", "gte", 2026),
                ("城镇调查失业率", 5.5, None, "%", "approx", 2026),
            ],
        ),
        (
            "xian_2020",
            [
                ("千亿级支柱产业", 5, None, "个", "eq", 2022),
                ("规模以上先进制造业总产值", 10000, None, "亿元", "gte", 2025),
                ("千亿级支柱产业", 6, None, "个", "gte", 2025),
            ],
        ),
    ],
)
def test_corpus_goals(stem, expected):
    found = corpus_goals(stem)
    for key in expected:
        assert key in found, f"{stem}: {key} not in {sorted(found, key=str)}"


def test_corpus_restatements_merge_into_one_goal():
    found = corpus_goals("suzhou_2023")
    assert len(found[("未来产业总产值", 5000, None, "亿元", "gte", 2030)].mentions) == 3  # simplified + traditional


@pytest.mark.parametrize(
    "stem, not_values",
    [
        ("nanjing_2023", [1.5, 7000, 20.1, 13.8, 5.2, 29]),  # 去年 / 目前已形成 / 同比 / 近几年
        ("suzhou_2023", [4]),  # 连续2年…突破4万亿元; 2022年…比重4%
        ("wuhan_2024", [33, 19, 155, 21]),  # 今年上半年 / 已建立了
        ("yunnan_presser_2026", [13000]),  # 已形成1.3万架
        ("jilin_gwr_2026", [13.3, 1350, 58.6, 19.8]),  # 2025年,… / “十四五”期间 in a 2026 report
    ],
)
def test_corpus_past_results_are_not_goals(stem, not_values):
    found = corpus_goals(stem)
    assert not [k for k in found if k[1] in not_values]


@pytest.mark.parametrize("stem", ["xinjiang_gwr_2025", "neimenggu_gwr_2025", "jiangxi_2023", "heilongjiang_2026_ai"])
def test_reviews_of_past_years_yield_no_goals(stem):
    assert corpus_goals(stem) == {}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_every_corpus_file_gives_valid_grounded_goals(path):
    text = path.read_text(encoding="utf-8")
    doc = goals_doc(text)  # check_document: schema and every span/mention
    n = normalize(text).text
    for g in doc.goals:
        assert g.metric == g.metric.strip()
        assert g.value >= 0 and (g.value_max is None or g.value_max > g.value)
        assert g.target_year is None or 2000 <= g.target_year <= 2060
        assert g.comparator in ("eq", "approx", "gte", "lte", "range")
        assert g.unit in n or g.unit == "百分点" or g.rule.endswith("#scale")
        assert g.mentions == sorted(g.mentions, key=lambda m: m.start)
    assert [g.mentions[0].start for g in doc.goals] == sorted(g.mentions[0].start for g in doc.goals)


# -- robustness and speed -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "123", "万", "亿元", "1-", "到2027年", "十四五末", "%" * 50, "到2027年,培育" + "1" * 400 + "家企业",
     "达到" * 500 + "5个", "、".join(["100家"] * 300), "\ufeff到２０２７年，培育１０００家企业。"],
)
def test_garbage_in_valid_document_out(text):
    doc = goals_doc(text)
    assert isinstance(doc.goals, list)


_ALPHABET = "0123456789.,-~%年到至前底末十百千万亿两一二三五个家项元级倍百分点左右以上以内约超过突破达到培育打造建设已去年同比最高补助本方案“”《》()、,;。:\n 企业集群产值增长占比回顾"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_fuzz_never_raises_and_stays_grounded(text):
    doc = goals_doc(text)
    for g in doc.goals:
        assert g.value >= 0
        assert g.comparator in ("eq", "approx", "gte", "lte", "range")


def test_context_without_tokens():
    ctx = make_context("到2027年,培育1000家左右高新技术企业。")
    ctx.set_tokens([])
    assert [(g.value, g.unit) for g in extract_goals(ctx)] == [(1000, "家")]


def test_full_width_and_traditional_text_maps_back():
    text = "到２０２７年，培育１０００家左右高新技術企業。"
    g = one(text)
    assert (g.value, g.unit, g.target_year, g.text) == (1000, "家", 2027, "培育１０００家左右高新技術企業")


def test_deterministic():
    text = seed_text("shanghai_2022")
    assert goals_doc(text).to_json() == goals_doc(text).to_json()


def test_linear_work():
    base = seed_text("chongqing_2024") + "\n" + seed_text("shanghai_2022")
    small, big = make_context(base * 3), make_context(base * 24)
    extract_goals(small)  # build the matchers once
    assert python_work(extract_goals, big) <= 12 * python_work(extract_goals, small)  # 8x text, never 64x




@pytest.mark.parametrize(
    "text, expected",
    [
        ("到2027年,数字经济核心产业增加值占GDP比重达到百分之十五以上。",
         ("数字经济核心产业增加值占GDP比重", 15, "%", "gte")),
        ("到2027年,研发投入强度达到百分之三点五左右。", ("研发投入强度", 3.5, "%", "approx")),
        ("到2027年,研发投入强度提高至3.5%。", ("研发投入强度", 3.5, "%", "eq")),  # a level: 提高至 is no change
        ("到2027年,研发经费投入年均增长12%。", ("研发经费投入年均增长", 12, "%", "eq")),  # a change keeps its verb
        ("到2027年,海洋经济占全省GDP的比重由29.0%上升到33.9%。", ("海洋经济占全省GDP的比重", 33.9, "%", "eq")),
        ("到2027年,企业数量由10家增加到20家。", ("企业数量", 20, "家", "eq")),
        ("到2027年,智能算力规模达到10EFLOPS。", ("智能算力规模", 10, "EFLOPS", "eq")),
    ],
)
def test_percent_words_levels_and_changes(text, expected):
    g = one(text)
    assert (g.metric, g.value, g.unit, g.comparator) == expected
    assert g.target_year == 2027


def test_percent_words_inside_other_numbers_are_not_split():
    # 百分之 is a unit only before a number; 百分点 / 百分比 stay what they are
    assert [(g.value, g.unit) for g in goals("到2027年,占比提高5个百分点。")] == [(5, "个百分点")]
    assert goals("到2027年,提高百分比。") == []


def test_a_news_text_on_an_annual_report_takes_its_year():
    text = (
        "新华网1月27日电 2026年某省政府工作报告中,“发展”出现67次。\n省长表示,2025年,全省地区生产总值增长5%。\n"
        "报告显示,某省2026年经济社会发展主要预期目标是:地区生产总值增长6%左右。"
    )
    assert [(g.value, g.target_year) for g in futurepolicy.extract(text).goals] == [(6, 2026)]


# -- indicator tables ----------------------------------------------------------------------------------

_TABLE = (
    "某省未来产业发展规划(2024-2030年)\n专栏1 主要发展指标\n"
    "类别\t指标\t2023年（基期）\t2027年\t2030年\t属性\n"
    "产业规模\t未来产业营业收入（亿元）\t500\t1500\t3000以上\t预期性\n"
    "\t研发投入强度（%）\t2.5\t3.0\t约3.5\t预期性\n"  # 类别 merged with the row above
    "创新能力\t未来产业领军企业（家）\t10\t≥30\t50\t预期性\n"
    "\n一、总体要求\n2025年 2026年 两年间 持续推进。\n"
)


def test_indicator_table_rows_give_goals_per_target_year():
    doc = futurepolicy.extract(_TABLE)
    check_document(doc)
    got = [(g.metric, g.value, g.unit, g.comparator, g.target_year) for g in doc.goals]
    assert got == [
        ("未来产业营业收入", 1500, "亿元", "eq", 2027),
        ("未来产业营业收入", 3000, "亿元", "gte", 2030),
        ("研发投入强度", 3.0, "%", "eq", 2027),
        ("研发投入强度", 3.5, "%", "approx", 2030),
        ("未来产业领军企业", 30, "家", "gte", 2027),
        ("未来产业领军企业", 50, "家", "eq", 2030),
    ]  # the 基期 column holds results; the prose line with two years is no table
    assert doc.goals[0].value_cny == 1.5e11 and doc.goals[0].rule.endswith("goals#table")
    assert doc.goals[0].text.startswith("未来产业营业收入（亿元）")


def test_indicator_table_without_tags_takes_the_first_year_as_base(tmp_path):
    pytest.importorskip("docx")
    from test_readers import make_docx

    path = make_docx(
        "某市未来产业行动方案\n到2027年,培育企业10家。",
        tmp_path / "plan.docx",
        table=[["指标", "2024年", "2027年"], ["未来产业规模(亿元)", "300", "1000"], ["备注", "无", "无"]],
    )
    doc = futurepolicy.extract_file(path)
    assert [(g.metric, g.value, g.target_year) for g in doc.goals if g.rule.endswith("#table")] == [
        ("未来产业规模", 1000, 2027)
    ]
