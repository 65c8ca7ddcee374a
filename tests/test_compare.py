"""futurepolicy.compare(): plans side by side; plot_goals(): the goals chart."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest
from conftest import check_document
from test_export import handmade

import futurepolicy
from futurepolicy.comparison import DATA_FILE, load_families, metric_family, plan_labels
from futurepolicy.comparison import cjk_fonts as REAL_CJK_FONTS  # before drawable_labels patches it
from futurepolicy.errors import FuturePolicyError, MissingExtraError
from futurepolicy.model import Failure, Goal, Span


@pytest.fixture(autouse=True)
def drawable_labels(monkeypatch):
    """On a machine without any CJK font plot_goals refuses to draw boxes; the chart tests here are
    about bars and labels, so they draw with matplotlib's own font there (the font tests below
    set up what they need themselves)."""
    try:
        from futurepolicy import comparison

        comparison.cjk_fonts()
    except ImportError:
        return
    except FuturePolicyError:
        monkeypatch.setattr(comparison, "cjk_fonts", lambda font=None: ["DejaVu Sans"])


@pytest.fixture()
def two_plans():
    a, b = handmade("A"), handmade("B")
    check_document(a)
    check_document(b)
    return a, b


def test_industries_matrix_puts_shared_industries_first(two_plans):
    t = futurepolicy.compare(two_plans)
    ind = t["industries"]
    assert list(ind.columns) == ["甲市", "乙省"] and ind.columns.name == "plan"
    assert ind.index.names == ["category", "industry"]
    # 新型储能 and the 未来能源 cluster are in both plans; they come first. The two plans write the cluster
    # differently (未来能源 / 未来能源产业集群) but share its taxonomy entry: one row, the shorter name.
    shared = [k for k, row in ind.iterrows() if (row > 0).all()]  # within 未来能源: shared first
    assert shared == [("未来能源", "新型储能"), ("未来能源", "未来能源")]
    assert list(ind.index[:2]) == shared
    assert ind.loc[("未来能源", "新型储能"), "甲市"] == 2  # mention counts
    assert ind.loc[("未来能源", "氢能"), "乙省"] == 0
    assert str(ind.dtypes.iloc[0]) == "Int64"


def test_goals_are_aligned_by_metric_family(two_plans):
    t = futurepolicy.compare(two_plans)
    goals = t["goals"]
    assert goals.index.names == ["family", "n"] and goals.columns.names == ["plan", "field"]
    row = goals.loc[("高新技术企业", 1)]
    assert (row[("甲市", "value")], row[("乙省", "value")]) == (1000.0, 50.0)
    assert (row[("甲市", "target_year")], row[("乙省", "target_year")]) == (2027, 2030)
    assert row[("甲市", "unit")] == "家"
    scen = goals.loc[("应用场景", 1)]
    assert (scen[("甲市", "value")], scen[("甲市", "value_max")]) == (10.0, 15.0)
    assert scen.isna()[("乙省", "value")]  # 乙省 has no scenario goal
    assert goals.loc[("产值/规模", 1)][("甲市", "metric")] == "未来产业规模"  # via the keyword 规模
    assert goals.loc[("标志性产品", 1)][("乙省", "value")] == 20.0
    assert str(goals[("甲市", "target_year")].dtype) == "Int64"
    # Families follow the order of data/compare.yaml.
    order = [f.label for f in load_families()]
    fams = list(dict.fromkeys(goals.index.get_level_values("family")))
    assert fams == sorted(fams, key=order.index)
    long = t["goals_long"]
    assert len(long) == 6 and set(long["family"]) == set(fams)
    assert long.loc[long["unit"] == "亿元", "value_cny"].iloc[0] == 5.0e11


def test_several_goals_of_one_family_get_numbered_rows(two_plans):
    a, b = two_plans
    extra = Goal("新增20家高新技术企业", "高新技术企业", 20.0, None, "家", None, False, "eq", 2025, None, "r", Span(0, 0))
    a.goals.append(extra)
    goals = futurepolicy.compare([a, b])["goals"]
    assert goals.loc[("高新技术企业", 2)][("甲市", "value")] == 20.0
    assert goals.loc[("高新技术企业", 2)].isna()[("乙省", "value")]


def test_measures_side_by_side(two_plans):
    m = futurepolicy.compare(two_plans)["measures"]
    assert m.index.names == ["kind", "n"]
    assert m.loc[("action", 1)].tolist() == ["实施未来能源突破行动", "未来能源产业集群"]
    assert m.loc[("safeguard", 1), "甲市"] == "强化要素保障" and m.isna().loc[("safeguard", 1), "乙省"]


def test_plans_table_labels_and_failures(two_plans):
    a, b = two_plans
    t = futurepolicy.compare([a, Failure("x.pdf", "DecodeError", "bad"), b.to_dict()])
    assert list(t["plans"].index) == ["甲市", "乙省"]
    assert t["plans"].loc["甲市", "goals"] == 3 and t["plans"].loc["乙省", "period_end"] == 2030
    b2 = handmade("B")
    b2.meta.region = "甲市"
    assert plan_labels([a, b2]) == ["甲市 (plan_a)", "甲市 (plan_b)"]
    b2.meta.region, b2.id = None, "plan_a"
    a.meta.region = None
    assert plan_labels([a, b2]) == ["plan_a", "plan_a #2"]
    custom = futurepolicy.compare([handmade("A"), handmade("B")], labels=["CQ", "SH"])
    assert list(custom["industries"].columns) == ["CQ", "SH"]
    with pytest.raises(FuturePolicyError):
        futurepolicy.compare([handmade("A"), handmade("B")], labels=["same", "same"])


def test_no_plans_gives_empty_tables():
    t = futurepolicy.compare([])
    assert all(df.empty for df in t.values())
    assert list(t["goals_long"].columns)[:3] == ["plan", "document", "family"]


def test_family_matching_uses_metric_then_text_then_unit():
    def g(metric, text, unit="个"):
        return Goal(text, metric, 1.0, None, unit, None, False, "eq", None, None, "r", Span(0, 0))

    assert metric_family(g("专精特新“小巨人”企业", "培育10家专精特新“小巨人”企业")) == "专精特新企业"
    assert metric_family(g("高新技术企業", "高新技术企業", "家")) == "高新技术企业"  # traditional script
    assert metric_family(g("总量", "未来产业总产值达到", "亿元")) == "产值/规模"  # from the text
    assert metric_family(g("总量", "总量达到", "亿元")) == "产值/规模"  # from the unit
    assert metric_family(g("示范线", "建设5条示范线", "条")) == "示范线"  # a family of its own


def test_families_are_data_not_code():
    import yaml

    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    labels = [f["label"] for f in data["families"]]
    assert {"高新技术企业", "产值/规模", "应用场景", "标志性产品", "专精特新企业"} <= set(labels)
    source = (Path(futurepolicy.__file__).parent / "comparison.py").read_text(encoding="utf-8")
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith((">>>", "...", "#")))
    code = re.sub(r'"""[\s\S]*?"""', "", code)  # docstrings may show examples
    for label in labels:
        assert label not in code, f"family {label!r} is hard-coded in comparison.py"


def test_plot_goals_draws_one_panel_per_family(two_plans):
    pytest.importorskip("matplotlib")
    fig = futurepolicy.plot_goals(two_plans)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    titles = [ax.get_title() for ax in visible]
    assert titles[:2] == ["高新技术企业", "专精特新企业"] and "应用场景" in titles
    hightech = visible[0]
    assert sorted(round(p.get_width()) for p in hightech.patches) == [50, 50, 1000, 1000]  # value + range bars
    labels = [t.get_text() for t in hightech.texts]
    assert any("1000 家 (2027)" in x for x in labels) and any("50 家 (2030)" in x for x in labels)
    money = visible[titles.index("产值/规模")]
    assert any("5000 亿元" in t.get_text() for t in money.texts)
    one = futurepolicy.plot_goals(two_plans, families=["应用场景"])
    assert [ax.get_title() for ax in one.axes if ax.get_visible()] == ["应用场景"]
    assert any("10-15 个" in t.get_text() for t in one.axes[0].texts)


def test_plot_goals_without_matplotlib_names_the_extra(monkeypatch, two_plans):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("No module named 'matplotlib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(MissingExtraError, match=r"futurepolicy\[plot\]"):
        futurepolicy.plot_goals(two_plans)


def test_seed_plans_side_by_side(seed_docs):
    """The two seeds share future-energy industries and goal families (高新技术企业 …)."""
    cq, sh = seed_docs["chongqing_2024"], seed_docs["shanghai_2022"]
    for d in (cq, sh):
        check_document(d)
    t = futurepolicy.compare([cq, sh])
    cols = list(t["industries"].columns)
    assert len(cols) == 2
    ind = t["industries"]
    shared = ind[(ind > 0).all(axis=1)]
    shared_names = set(shared.index.get_level_values("industry")) | set(shared.index.get_level_values("category"))
    assert shared_names & {"未来能源", "新型储能"}, shared
    goals = t["goals"]
    both = [fam for fam in dict.fromkeys(goals.index.get_level_values("family"))
            if all(goals.loc[fam][(c, "value")].notna().any() for c in cols)]
    assert "高新技术企业" in both, goals
    fig = futurepolicy.plot_goals([cq, sh])
    assert any(ax.get_title() == "高新技术企业" for ax in fig.axes)


def test_compare_stays_callable_whatever_the_import_order():
    import subprocess
    import sys

    code = ("from futurepolicy.comparison import plot_goals\n"
            "import futurepolicy\n"
            "print(sorted(futurepolicy.compare([])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "'goals'" in out.stdout


def test_seed_comparison_matches_the_hand_written_expectation(seed_docs):
    from conftest import load_expected

    exp = load_expected("compare_seeds.json")
    docs = [seed_docs[d] for d in exp["plans"]]
    t = futurepolicy.compare(docs)
    label = dict(zip(exp["plans"], t["plans"].index))
    assert label == exp["plans"]
    ind = t["industries"]
    for name in exp["shared_industries"]:
        rows = ind[ind.index.get_level_values("industry") == name]
        assert len(rows) and (rows.sum() > 0).all(), (name, rows)
    long = t["goals_long"]
    for family, per_plan in exp["goals"].items():
        for doc_id, want in per_plan.items():
            got = long[(long["family"] == family) & (long["document"] == doc_id)]
            matches = [r for r in got.itertuples() if r.value == want["value"] and r.unit == want["unit"]
                       and r.target_year == want["target_year"]
                       and (pd_na(r.value_max) if "value_max" not in want else r.value_max == want["value_max"])]
            assert matches, (family, doc_id, want, got[["metric", "value", "value_max", "unit", "target_year"]])
    measures = t["measures"]
    for doc_id, n in exp["actions"].items():
        assert measures.loc["action", exp["plans"][doc_id]].notna().sum() == n


def pd_na(x) -> bool:
    import pandas as pd

    return x is None or bool(pd.isna(x))


# -- fonts ---------------------------------------------------------------------------------------


@pytest.fixture()
def no_fonts(monkeypatch):
    """matplotlib's font list without any font that draws Chinese, and no new system fonts.
    Returns a CJK font file of this machine, or None."""
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from futurepolicy import comparison

    system_cjk = next((p for p in sorted(font_manager.findSystemFonts()) if comparison._covers_cjk(p)), None)
    latin = [f for f in font_manager.fontManager.ttflist if not comparison._covers_cjk(f.fname)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", latin)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    monkeypatch.setattr(comparison, "cjk_fonts", REAL_CJK_FONTS)  # undo drawable_labels
    return system_cjk


def _need(font_file):
    if font_file is None:
        pytest.skip("no CJK font on this machine (apt install fonts-noto-cjk) to test finding one")
    return font_file


def test_plot_goals_without_a_cjk_font_says_how_to_get_one(no_fonts, two_plans):
    with pytest.raises(FuturePolicyError) as e:
        futurepolicy.plot_goals(two_plans)
    assert "apt install fonts-noto-cjk" in str(e.value) and "font=" in str(e.value)


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(no_fonts, monkeypatch, two_plans):
    """The stale cache: the font file is on the system but not in matplotlib's list."""
    from matplotlib import font_manager

    from futurepolicy import comparison

    cjk = _need(no_fonts)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [cjk])
    fonts = comparison.cjk_fonts()
    assert fonts and cjk in {f.fname for f in font_manager.fontManager.ttflist}
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = futurepolicy.plot_goals(two_plans)
        fig.canvas.draw()
    assert fig.axes[0].title.get_fontfamily()[0] == fonts[0]
    assert not [w for w in caught if "missing from" in str(w.message)]  # no boxes


def test_the_font_argument_takes_a_font_file_or_name(no_fonts, two_plans):
    from matplotlib import font_manager

    cjk = _need(no_fonts)
    fig = futurepolicy.plot_goals(two_plans, font=cjk)
    name = font_manager.FontProperties(fname=cjk).get_name()
    assert fig.axes[0].title.get_fontfamily()[0] == name
    again = futurepolicy.plot_goals(two_plans, font=name)  # added above: known by name now
    assert again.axes[0].title.get_fontfamily()[0] == name
    with pytest.raises(FuturePolicyError, match="no installed font is named"):
        futurepolicy.plot_goals(two_plans, font="No Such Font Sans")


def test_any_installed_font_with_chinese_glyphs_is_used_when_none_is_preferred(monkeypatch):
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from futurepolicy import comparison

    fake = [font_manager.FontEntry(fname="/fonts/b.ttf", name="Zeta Song"),
            font_manager.FontEntry(fname="/fonts/a.ttf", name="Alpha Latin"),
            font_manager.FontEntry(fname="/fonts/c.ttf", name="Beta Kai")]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", fake)
    monkeypatch.setattr(comparison, "_covers_cjk", lambda path: path != "/fonts/a.ttf")
    assert REAL_CJK_FONTS() == ["Beta Kai"]  # the first by name that draws Chinese
