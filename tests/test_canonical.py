"""`canonical`: one name per entity across scripts, widths and converter debris (issue 18)."""

from __future__ import annotations

import json

import pytest

import futurepolicy
from conftest import check_document
from futurepolicy.model import Industry, Institution, Mention, PolicyDocument, Provenance, Region


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("甘肅省數字經濟發展領導小組", "甘肃省数字经济发展领导小组"),  # traditional -> simplified
        ("甘肃省数字经济发展领导小组", "甘肃省数字经济发展领导小组"),  # already canonical: unchanged
        ("湖(hú)南(nán)省先進計算研究院", "湖南省先进计算研究院"),  # pronunciation debris after characters
        ("湖南省先進計算研究院（長沙）", "湖南省先进计算研究院(长沙)"),  # full-width brackets folded
        ("６Ｇ通信", "6G通信"),  # full-width letters and digits
        ("量子 信息", "量子信息"),  # a PDF line break or space between characters
        ("  Ａ股 市場 ", "A股市场"),
        ("新一代通信网络(NGN)", "新一代通信网络(NGN)"),  # an acronym in brackets is not debris
    ],
)
def test_canonical_name(raw, canonical):
    assert futurepolicy.canonical_name(raw) == canonical


def test_extracted_entities_carry_canonical_names_and_keep_the_written_name():
    trad = futurepolicy.extract("長沙市加快發展腦機接口、人形機器人等未來產業,支持湖南大學與中南大學共建實驗室。")
    simp = futurepolicy.extract("长沙市加快发展脑机接口、人形机器人等未来产业,支持湖南大学与中南大学共建实验室。")
    check_document(trad)
    for attr in ("industries", "regions", "institutions"):
        t, s = getattr(trad, attr), getattr(simp, attr)
        assert t, attr
        assert [x.canonical for x in t] == [x.canonical for x in s], attr
        assert all(x.name == x.mentions[0].text for x in t)  # the name stays as written
    assert "湖南大學" in [i.name for i in trad.institutions]
    assert "湖南大学" in [i.canonical for i in trad.institutions]


def test_canonical_is_in_json_and_the_schema_and_survives_a_round_trip():
    doc = futurepolicy.extract("支持湖南大學建設實驗室。")
    d = json.loads(doc.to_json())
    inst = d["institutions"][0]
    assert list(inst)[:2] == ["name", "canonical"] and inst["canonical"] == "湖南大学"
    schema = futurepolicy.json_schema()
    for name in ("Industry", "Region", "Institution"):
        assert "canonical" in schema["$defs"][name]["required"]
    again = PolicyDocument.from_json(doc.to_json())
    assert again.institutions[0].canonical == "湖南大学"
    without = {**d, "institutions": [{k: v for k, v in inst.items() if k != "canonical"}]}
    assert PolicyDocument.from_dict(without, validate=False).institutions[0].canonical == "湖南大学"


def test_handmade_entities_fill_in_canonical():
    m = [Mention(0, 4, "寧夏大學")]
    assert Institution("寧夏大學", "university", "x", m).canonical == "宁夏大学"
    assert Region("寧夏", "寧夏回族自治區", "province", None, "640000", "x", m).canonical == "宁夏"
    assert Industry("人工智慧", "industry", None, None, None, [], "x", m).canonical == "人工智慧"  # no phrase rewrite
    assert Institution("宁夏大学", "university", "x", m, canonical="given").canonical == "given"


def _doc(doc_id: str, institutions: list[str]) -> PolicyDocument:
    text = "".join(institutions)
    insts, pos = [], 0
    for name in institutions:
        insts.append(Institution(name, "university", "t", [Mention(pos, pos + len(name), name)]))
        pos += len(name)
    return PolicyDocument(id=doc_id, source=f"{doc_id}.txt", provenance=Provenance("0"), text=text,
                          institutions=insts)


def test_compare_and_profile_group_by_canonical():
    a = _doc("a", ["寧夏大學", "北方民族大学"])
    b = _doc("b", ["宁夏大学"])
    table = futurepolicy.compare([a, b])["institutions"]
    assert list(table.index) == ["宁夏大学", "北方民族大学"]  # one row for both scripts, shared first
    assert table.loc["宁夏大学"].tolist() == [1, 1]
    both = _doc("c", ["寧夏大學", "宁夏大学", "北方民族大学"])
    prof = futurepolicy.profile([both])
    assert prof.loc[0, "n_institutions"] == 2


def test_simplified_texts_never_load_opencc():
    """canonical costs nothing on simplified plans: OpenCC (80 ms to load) stays unloaded."""
    import subprocess
    import sys

    code = ("import sys, futurepolicy\n"
            "d = futurepolicy.extract('支持北京大学重庆研究院发展新型储能,建设两江协同创新区。')\n"
            "print(len(d.institutions) > 0, 'opencc' in sys.modules, futurepolicy.canonical_name('寧夏'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "False", "宁夏"]
