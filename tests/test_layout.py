"""The official-document layout (futurepolicy/layout.py): the GB/T 9704 红头文件 page and the web
信息公开 block, read from text of any format; metadata takes their fields first."""

from __future__ import annotations

import futurepolicy
from conftest import check_document
from futurepolicy.context import Context
from futurepolicy.layout import parse_layout
from futurepolicy.normalize import normalize
from futurepolicy.rules import resolve_rules


def layout_of(text: str):
    ctx = Context(text=text, norm=normalize(text), rules=resolve_rules("national"), source=None)
    return parse_layout(ctx)


def meta_of(text: str):
    doc = futurepolicy.extract(text)
    check_document(doc)
    return doc.meta


JOINT = """某某省财政厅
某 某 省 科 学 技 术 厅
文件
某财发〔2024〕3号
关于印发某某省未来产业
培育行动方案的通知
各市（州）人民政府，省直有关部门：
现将《某某省未来产业培育行动方案》印发给你们，请结合实际认真贯彻落实。
附件：某某省未来产业重点领域清单
某某省财政厅　　　　某某省科学技术厅
2024年5月6日
（此件公开发布）
某某省未来产业培育行动方案
为贯彻落实《国家中长期科学和技术发展规划纲要》，制定本方案。
一、发展目标
到2027年，培育50家左右未来产业领军企业。
抄送：省委办公厅，省人大常委会办公厅。
某某省财政厅办公室　　　　2024年5月8日印发"""


def test_joint_notice_gives_the_issued_plan_and_every_issuer():
    lay = layout_of(JOINT)
    assert lay.kind == "redhead"
    assert lay.title == "某某省未来产业培育行动方案"
    assert lay.notice_title == "关于印发某某省未来产业培育行动方案的通知"
    assert lay.issuers == ("某某省财政厅", "某某省科学技术厅")  # the letter-spaced one put back together
    assert lay.doc_number == "某财发〔2024〕3号"
    assert (lay.written_date, lay.printed_date) == ("2024-05-06", "2024-05-08")
    assert lay.printer == "某某省财政厅办公室"
    assert lay.copied_to.startswith("抄送")
    assert lay.attachments == ("某某省未来产业重点领域清单",)
    m = meta_of(JOINT)
    # the 《》 title cited in the plan's first sentence is not the document's title
    assert (m.title, m.issuer, m.doc_number, m.publish_date) == (
        "某某省未来产业培育行动方案", "某某省财政厅 某某省科学技术厅", "某财发〔2024〕3号", "2024-05-06")


def test_numbered_attachment_list():
    text = JOINT.replace("附件：某某省未来产业重点领域清单", "附件：1．重点领域清单\n2．重点任务分工表")
    assert layout_of(text).attachments == ("重点领域清单", "重点任务分工表")


def test_traditional_script_keeps_the_names_as_printed():
    trad = (
        "某某市經濟和信息化局\n某某市科學技術局\n文件\n某經信發〔2025〕8號\n關於印發《某某市未來產業\n"
        "發展三年行動計劃》的通知\n各區縣人民政府：\n現將《某某市未來產業發展三年行動計劃》印發給你們。\n"
        "某某市經濟和信息化局\n某某市科學技術局\n二〇二五年二月十日\n某某市未來產業發展三年行動計劃\n"
        "到2027年，培育20家領軍企業。"
    )
    lay = layout_of(trad)
    assert lay.title == "某某市未來產業發展三年行動計劃"
    assert lay.issuers == ("某某市經濟和信息化局", "某某市科學技術局")
    assert lay.written_date == "2025-02-10"  # a date in Chinese numerals
    m = meta_of(trad)
    assert (m.title, m.issuer, m.doc_number) == (
        "某某市未來產業發展三年行動計劃", "某某市經濟和信息化局 某某市科學技術局", "某经信发〔2025〕8号")


def test_single_issuer_masthead_and_a_title_that_is_not_a_notice():
    text = (
        "某某市人民政府办公室文件\n某府办发〔2023〕21号\n某某市人民政府办公室\n关于加快发展低空经济的实施意见\n"
        "各县（区）人民政府，市直各单位：\n为加快发展低空经济，培育新质生产力，经市政府同意，现提出如下意见，请结合实际认真贯彻落实。\n"
        "一、总体要求\n到2026年，建成通用机场3个，低空经济规模达到200亿元左右，培育一批龙头企业和专精特新企业。\n"
        "二、重点任务\n（一）完善基础设施。\n"
    )
    lay = layout_of(text)
    assert lay.issuers == ("某某市人民政府办公室",)
    assert lay.title == "某某市人民政府办公室关于加快发展低空经济的实施意见"  # the title as printed
    assert lay.notice_title is None


def test_a_title_page_without_masthead():
    text = (
        "某某区科技局\n关于印发《某某区促进人工智能产业\n发展若干措施》的通知\n区属各单位：\n"
        "现将《某某区促进人工智能产业发展若干措施》印发给你们，请遵照执行。\n某某区科技局\n2024年12月2日"
    )
    lay = layout_of(text)
    assert (lay.title, lay.issuers, lay.written_date) == (
        "某某区促进人工智能产业发展若干措施", ("某某区科技局",), "2024-12-02")


def test_web_information_block():
    text = (
        "索引号：11330000002482870Q/2024-12345　　主题分类：科技、教育/科技\n"
        "发布机构：某某省发展和改革委员会 某某省科学技术厅　　成文日期：2024-03-15\n"
        "发文字号：某发改规划〔2024〕56号　　发布日期：2024-03-20\n"
        "标题：关于印发《某某省未来产业先导区建设方案》的通知\n"
        "关于印发《某某省未来产业先导区建设方案》的通知\n各市发展改革委：\n"
        "到2027年，建设10个左右未来产业先导区。"
    )
    lay = layout_of(text)
    assert lay.kind == "web"
    assert lay.issuers == ("某某省发展和改革委员会", "某某省科学技术厅")
    assert (lay.written_date, lay.published_date) == ("2024-03-15", "2024-03-20")
    assert lay.subject == "科技、教育/科技"
    assert lay.index_number == "11330000002482870Q/2024-12345"
    m = meta_of(text)
    assert (m.title, m.issuer, m.doc_number, m.publish_date) == (
        "某某省未来产业先导区建设方案", "某某省发展和改革委员会 某某省科学技术厅", "某发改规划〔2024〕56号", "2024-03-15")


def test_web_block_as_table_rows_in_traditional_script():
    text = (
        "索 引 號\t000014349/2025-00077\t主題分類\t工業\n發文機關\t某某市人民政府\t成文日期\t2025-01-09\n"
        "標　　題\t某某市未來產業發展規劃\n某某市未來產業發展規劃\n到2030年，產業規模達到1000億元。"
    )
    lay = layout_of(text)
    assert (lay.kind, lay.title, lay.issuers, lay.written_date) == (
        "web", "某某市未來產業發展規劃", ("某某市人民政府",), "2025-01-09")


def test_no_layout_in_plain_news_or_bylines():
    news = (
        "某某日报讯 近日，某某市人民政府印发《某某市未来产业发展行动方案》。\n"
        "方案提出，到2027年，培育100家企业。（记者 张三）"
    )
    assert layout_of(news) is None
    byline = "某某市科学技术局\n2024年5月6日\n到2027年，培育100家企业。"
    assert layout_of(byline) is None  # an issuer and a date alone are a signature or byline, not a masthead
    cited = "根据《国务院关于印发新一代人工智能发展规划的通知》（国发〔2017〕35号），制定本方案。\n到2027年，培育100家企业。"
    assert layout_of(cited) is None
    labels = "分类施策 推进产业升级\n标题党不可取\n到2027年，培育100家企业。"
    assert layout_of(labels) is None  # label words without the block's anchor fields


def test_masthead_line_that_is_not_an_issuer_stops_the_masthead():
    text = "关于做好2024年未来产业工作的几点思考\n某某市发展研究中心 张三\n到2027年，培育100家企业。"
    assert layout_of(text) is None


def test_lines_after_the_number_that_are_no_title_give_no_title():
    text = (
        "某某市人民政府文件\n某府发〔2024〕9号\n（此件公开发布）\n各区县人民政府，市政府各部门：\n"
        "为加快发展未来产业，经市政府同意，现就有关事项通知如下，请认真贯彻落实，确保各项任务落到实处。\n"
        "一、发展目标\n到2027年，培育未来产业企业100家，建成创新平台20个，产业规模达到300亿元左右。"
    )
    lay = layout_of(text)
    assert (lay.issuers, lay.doc_number, lay.title) == (("某某市人民政府",), "某府发〔2024〕9号", None)


def test_a_document_name_wrapped_over_lines_is_one_title():
    text = (
        "某某市加快培育未来产业\n三年行动计划（2024—2026年）\n"
        "为抢抓新一轮科技革命和产业变革机遇，加快培育发展未来产业，结合我市实际，制定本行动计划。\n"
        "一、总体要求\n到2026年，未来产业规模达到500亿元左右，培育领军企业20家。"
    )
    lay = layout_of(text)
    assert lay.title == "某某市加快培育未来产业三年行动计划（2024—2026年）"
    m = meta_of(text)
    assert m.title == "某某市加快培育未来产业三年行动计划（2024—2026年）"
    assert (m.period.start, m.period.end) == (2024, 2026)
    # two short lines that do not end as a document's name are no title
    headline = ("厦门前瞻布局\n制胜未来产业新赛道\n本报讯 近日，某某市出台措施，到2027年培育100家企业，"
                "打造一批创新平台和应用场景。")
    assert layout_of(headline) is None


def test_page_furniture_above_a_title_is_not_part_of_it():
    text = (
        "网站无障碍 长者模式\n当前位置：首页 > 政务公开 > 规划计划\n某某市关于加快培育未来产业的实施意见\n"
        "各区县人民政府，市政府各部门：\n为加快培育未来产业，现提出如下意见，请结合实际认真贯彻落实，确保取得实效。"
    )
    assert layout_of(text) is None
