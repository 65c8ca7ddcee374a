"""The pipeline: auto rules switch to the plan's province pack, including its heading styles."""

from __future__ import annotations

from pathlib import Path

import futurepolicy
from conftest import check_document

PLAN = (
    "海南省人民政府关于印发《海南省示范行动方案》的通知\n"
    "海南省示范行动方案\n"
    "【一】总体要求\n坚持创新驱动,推动高质量发展。\n"
    "【二】重点任务\n到2027年,培育10家左右高新技术企业。\n"
)


def _write_distribution(root: Path) -> None:
    """An installed pack for 海南省 that brings a heading style the national pack lacks."""
    pkg = root / "futurepolicy_hainan_headings"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "pack.yaml").write_text(
        "name: hainan_headings\nversion: '1.0'\nextends: national\nregion: 海南省\nregion_code: '460000'\n",
        encoding="utf-8",
    )
    (pkg / "headings.yaml").write_text(
        "- id: lenticular\n  pattern: '【[一二三四五六七八九十]{1,3}】'\n  rank: 1\n", encoding="utf-8"
    )
    info = root / "futurepolicy_hainan_headings-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: futurepolicy-hainan-headings\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[futurepolicy.rules]\nhainan_headings = futurepolicy_hainan_headings\n",
                                           encoding="utf-8")


def test_pipeline_auto_rules_use_the_province_packs_heading_styles(tmp_path, monkeypatch):
    from futurepolicy.rules import refresh

    national = futurepolicy.extract(PLAN, rules="national")
    assert national.meta.region == "海南省"
    assert [s.number for s in national.sections] == []  # 【一】 is no national heading style

    _write_distribution(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        doc = futurepolicy.Extractor().extract(PLAN)
        check_document(doc)
        assert [r.name for r in doc.provenance.rules] == ["national", "hainan_headings"]
        assert [(s.number, s.title) for s in doc.sections] == [("【一】", "总体要求"), ("【二】", "重点任务")]
        assert doc.goals and doc.goals[0].section == "2"
    finally:
        monkeypatch.undo()
        refresh()
