"""futurepolicy.profile(docs): one typed row of comparable evidence per plan."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import CORPUS_FILES, SEEDS, check_document, seed_text

import futurepolicy
from futurepolicy.model import (
    Failure,
    Goal,
    Industry,
    Instrument,
    Measure,
    Mention,
    Meta,
    Period,
    PolicyDocument,
    Provenance,
    Span,
)
from futurepolicy.profiling import issuer_level_from_code, profile, profile_columns

DIRECTIONS = ["未来制造", "未来信息", "未来材料", "未来能源", "未来空间", "未来健康"]


@pytest.fixture(scope="module")
def all_docs(seed_docs):
    docs = [seed_docs[s] for s in SEEDS]
    for path in CORPUS_FILES:
        docs.append(futurepolicy.extract(path.read_text(encoding="utf-8"), source=path.name))
    return docs


def test_columns_are_typed_and_complete():
    cols = profile_columns()
    for c in ["id", "title", "region", "region_code", "issuer", "issuer_level", "period_start", "period_end",
              "n_goals", "money_cny_sum", "money_cny_max", "has_safeguards", "n_measures", "n_regions",
              "n_institutions"]:
        assert c in cols
    assert [c for c in cols if c.startswith("industries_")] == [f"industries_{d}" for d in DIRECTIONS] + [
        "industries_uncategorized"
    ]
    assert [c for c in cols if c.startswith("instruments_")] == ["instruments_供给型", "instruments_环境型", "instruments_需求型"]


def test_seeds_and_corpus_give_a_tidy_frame(all_docs):
    for d in all_docs:
        check_document(d)
    mixed = [*all_docs[:1], Failure("broken.txt", "DecodeError", "not text"), *all_docs[1:]]
    df = futurepolicy.profile(mixed)
    cols = profile_columns()
    assert list(df.columns) == list(cols)
    assert {c: str(t) for c, t in df.dtypes.items()} == cols
    assert len(df) == len(all_docs) == len(SEEDS) + len(CORPUS_FILES)
    assert list(df["id"]) == [d.id for d in all_docs]  # input order, Failure skipped
    assert df["id"].is_unique
    assert list(df.index) == list(range(len(df)))
    for doc, (_, row) in zip(all_docs, df.iterrows()):
        assert row["n_goals"] == len(doc.goals)
        assert row["n_measures"] == len(doc.measures)
        assert row["n_regions"] == len(doc.regions)
        assert row["n_institutions"] == len(doc.institutions)
        assert row["n_industries"] == len(doc.industries)
        assert sum(row[f"industries_{d}"] for d in DIRECTIONS) + row["industries_uncategorized"] == len(doc.industries)
        assert row["instruments_供给型"] + row["instruments_环境型"] + row["instruments_需求型"] == row["n_instruments"]
        assert bool(row["has_safeguards"]) == any(m.kind == "safeguard" for m in doc.measures)
        money = [g.value_cny for g in doc.goals if g.value_cny is not None]
        if money:
            assert row["money_cny_max"] == max(money) and row["money_cny_sum"] == pytest.approx(sum(money))
        else:
            assert pd.isna(row["money_cny_sum"]) and pd.isna(row["money_cny_max"])


def test_seed_rows(all_docs):
    df = profile(all_docs[:2]).set_index("id")
    cq, sh = df.loc["chongqing_2024"], df.loc["shanghai_2022"]
    # 重庆: six industries and six technologies; 上海: five clusters and their fields (hand-checked fixtures)
    assert cq["industries_未来信息"] >= 2 and cq["industries_未来能源"] >= 2
    assert sh["industries_未来健康"] >= 4 and sh["industries_未来能源"] >= 2
    for row in (cq, sh):
        assert row["n_measures"] >= 10 and bool(row["has_safeguards"])
        assert row["instruments_供给型"] > 0 and row["instruments_环境型"] > 0 and row["instruments_需求型"] > 0


def _hand_built() -> PolicyDocument:
    text = seed_text("shanghai_2022")
    s = text.index("未来产业产值达到5000亿元左右")
    goal_text = "未来产业产值达到5000亿元左右"
    g1 = Goal(text=goal_text, metric="未来产业产值", value=5000.0, value_max=None, unit="亿元", value_cny=5e11,
              approx=True, comparator="approx", target_year=2030, section=None, rule="t", span=Span(s, s + len(goal_text)),
              mentions=[Mention(s, s + len(goal_text), goal_text)])
    g2 = Goal(text=goal_text, metric="x", value=1.0, value_max=None, unit="亿元", value_cny=1e8, approx=False,
              comparator="eq", target_year=None, section=None, rule="t", span=Span(s, s + len(goal_text)),
              mentions=[Mention(s, s + len(goal_text), goal_text)])
    g3 = Goal(text=goal_text, metric="y", value=10.0, value_max=None, unit="家", value_cny=None, approx=False,
              comparator="eq", target_year=None, section=None, rule="t", span=Span(s, s + len(goal_text)),
              mentions=[Mention(s, s + len(goal_text), goal_text)])
    b = text.index("脑机接口")
    inds = [
        Industry("脑机接口", "industry", None, "未来健康", "miit-2024:未来健康/脑机接口", [], "t", [Mention(b, b + 4, "脑机接口")]),
        Industry("脑机接口", "industry", None, None, None, [], "t", [Mention(b, b + 4, "脑机接口")]),
    ]
    ins = [Instrument("供给型", "人才培养", "national/instruments#talent-01", Span(0, 2)),
           Instrument("需求型", "示范工程", "national/instruments#demo-01", Span(0, 2))]
    measures = [Measure("m", "task", text[:2], None, [], [], [], ins, Span(0, 2))]
    meta = Meta(title="t", issuer="上海市人民政府", region="上海市", region_code="310000", period=Period(None, 2030))
    return PolicyDocument(id="hand", source=None, text=text, meta=meta, goals=[g1, g2, g3], industries=inds,
                          measures=measures, provenance=Provenance(futurepolicy="0"))


def test_hand_built_document_values():
    doc = _hand_built()
    check_document(doc)
    row = profile(doc).iloc[0]
    assert row["n_goals"] == 3 and row["n_money_goals"] == 2
    assert row["money_cny_sum"] == 5e11 + 1e8 and row["money_cny_max"] == 5e11
    assert row["industries_未来健康"] == 1 and row["industries_uncategorized"] == 1
    assert row["instruments_供给型"] == 1 and row["instruments_需求型"] == 1 and row["instruments_环境型"] == 0
    assert not row["has_safeguards"]
    assert row["issuer_level"] == "省"  # from the region code: a province-level municipality
    assert pd.isna(row["period_start"]) and row["period_end"] == 2030


def test_metadata_issuer_level_wins_over_the_code():
    doc = _hand_built()
    doc.meta.issuer_level = "部委"
    assert profile(doc).loc[0, "issuer_level"] == "部委"


@pytest.mark.parametrize(
    "code, level",
    [("000000", "国家"), ("310000", "省"), ("500000", "省"), ("510100", "市"), ("310115", "县"),
     (None, None), ("", None), ("31", None), ("abcdef", None)],
)
def test_issuer_level_from_code(code, level):
    assert issuer_level_from_code(code) == level


def test_empty_input_still_has_the_columns():
    df = profile([])
    assert len(df) == 0 and list(df.columns) == list(profile_columns())
    assert str(df["n_goals"].dtype) == "Int64"


def test_profile_is_callable_after_importing_the_submodule():
    import importlib

    importlib.import_module("futurepolicy.profiling")
    assert callable(futurepolicy.profile)
    assert len(futurepolicy.profile([_hand_built()])) == 1
