"""Datasets for analysts (issue 18): a documents table, ids that join, outputs that behave alike,
clear errors for bad paths, CSV that Excel and pandas read back, progress in notebooks."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

import futurepolicy
from futurepolicy.batch import InputFile, collect_inputs, convert, document_ids, extract_many
from futurepolicy.cli import main
from futurepolicy.errors import ReaderError
from futurepolicy.export import FRAME_COLUMNS, read_frames

PLAN_A = (
    "甲省未来产业培育行动方案\n甲省人民政府\n甲政发〔2025〕7号\n2025年3月1日\n"
    "一、发展目标\n到2027年,培育10家未来产业领军企业。\n"
    "二、重点任务\n(一)发展脑机接口\n支持建设脑机接口创新中心。\n"
    "(二)发展人形机器人\n(三)发展量子信息\n(四)发展新型储能\n(五)发展氢能\n"
    "(六)发展生物制造\n(七)发展合成生物\n(八)发展具身智能\n(九)发展低空经济\n(十)发展未来网络\n"
    "到2027年,新建5个未来产业先导区。\n"
)
PLAN_B = "乙市未来产业发展计划\n到2030年,培育50家专精特新企业。\n"


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture()
def two_plans_one_name(tmp_path):
    """Two different plans, each called plan.txt, in two folders, plus a third plan."""
    root = tmp_path / "in"
    return [_write(root / "east" / "plan.txt", PLAN_A), _write(root / "west" / "plan.txt", PLAN_B),
            _write(root / "other.txt", PLAN_B)]


# -- the documents table -----------------------------------------------------------------------------


def test_to_frames_has_a_documents_table_with_meta_period_and_provenance():
    doc = futurepolicy.extract(PLAN_A, source="plans/jia.txt")
    frames = futurepolicy.to_frames([doc])
    docs = frames["documents"]
    assert list(docs.columns) == list(FRAME_COLUMNS["documents"])
    assert len(docs) == 1
    row = docs.iloc[0]
    assert row["document"] == "jia" and row["source"] == "plans/jia.txt"
    assert row["title"] == doc.meta.title and row["doc_number"] == "甲政发〔2025〕7号"
    assert row["publish_date"] == "2025-03-01"
    assert row["futurepolicy"] == futurepolicy.__version__ and row["rules"].startswith("national ")
    assert row["sha256"] == doc.provenance.sha256 and not row["converted_from_traditional"]
    assert docs["error"].isna().all()
    # every table joins to it on `document`, and carries the source too
    for name, df in frames.items():
        assert list(df.columns[:2]) == ["document", "source"], name
    joined = frames["goals"].merge(docs[["document", "publish_date"]], on="document")
    assert len(joined) == len(doc.goals) and set(joined["publish_date"]) == {"2025-03-01"}


def test_documents_table_has_a_row_for_a_failed_input():
    fail = futurepolicy.Failure(source="in/broken.pdf", error="ReaderError", message="corrupt")
    docs = futurepolicy.to_frames([futurepolicy.extract(PLAN_B, source="b.txt"), fail])["documents"]
    assert docs["document"].tolist() == ["b", "broken"]
    assert docs["error"].tolist()[1] == "ReaderError" and docs["message"].tolist()[1] == "corrupt"
    assert docs["title"].isna().tolist() == [False, True]


def test_to_frames_accepts_paths_and_folders(two_plans_one_name, tmp_path):
    frames = futurepolicy.to_frames(two_plans_one_name[0].parent.parent, workers=1, progress=False)
    ids = frames["documents"]["document"].tolist()
    assert ids == ["east/plan", "other", "west/plan"]  # sorted folder walk; colliding stems get their path
    assert set(frames["goals"]["document"]) == {"east/plan", "other", "west/plan"}
    one = futurepolicy.to_frames(str(two_plans_one_name[2]), progress=False)
    assert one["documents"]["document"].tolist() == ["other"]
    with pytest.raises(ReaderError, match="no such file or folder"):
        futurepolicy.to_frames([tmp_path / "nope.txt"])


# -- ids ------------------------------------------------------------------------------------------------


def test_document_ids_are_unique_and_stable():
    def ids(*rels):
        return document_ids([InputFile(f"root/{r}", Path(r)) for r in rels])

    assert ids("a.txt", "b.docx") == ["a", "b"]  # no collision: the stem, as before
    assert ids("x/plan.txt", "y/plan.txt", "z.pdf") == ["x/plan", "y/plan", "z"]
    assert ids("x/plan.txt", "x/plan.pdf") == ["x/plan.txt", "x/plan.pdf"]  # twins in one folder
    assert ids("x/plan.txt", "y/plan.txt") == ids("x/plan.txt", "y/plan.txt")  # same run, same ids


def test_files_given_directly_with_one_name_get_paths_below_their_common_folder(two_plans_one_name):
    east, west, _ = two_plans_one_name
    inputs = collect_inputs([east, west])
    assert [i.rel.as_posix() for i in inputs] == ["east/plan.txt", "west/plan.txt"]
    results = list(extract_many([east, west], workers=1, progress=False))
    assert [r.id for r in results] == ["east/plan", "west/plan"]
    assert [r.source for r in results] == [str(east), str(west)]


@pytest.mark.parametrize("fmt", ["json", "html", "jsonl", "csv"])
def test_convert_keeps_inputs_with_one_name_apart(two_plans_one_name, tmp_path, fmt):
    east, west, _ = two_plans_one_name
    out = tmp_path / "out"
    assert convert([east, west], out, fmt=fmt, workers=1, progress=False) == 0
    if fmt in ("json", "html"):
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
            f"east/plan.{fmt}", f"west/plan.{fmt}"]
    if fmt == "json":
        assert json.loads((out / "east" / "plan.json").read_text())["id"] == "east/plan"
    if fmt == "jsonl":
        lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(x)["id"] for x in lines] == ["east/plan", "west/plan"]
    if fmt == "csv":
        assert read_frames(out)["documents"]["document"].tolist() == ["east/plan", "west/plan"]


# -- files, permissions, errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_every_output_gets_the_same_permissions(two_plans_one_name, tmp_path, fmt):
    out = tmp_path / "out"
    bad = _write(tmp_path / "in" / "empty.txt", "")
    old = os.umask(0o022)
    try:
        assert convert([*two_plans_one_name, bad], out, fmt=fmt, workers=1, progress=False) == 1
    finally:
        os.umask(old)
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    assert "errors.jsonl" in modes and len(modes) > 1
    assert set(modes.values()) == {0o644}, modes


def test_a_missing_path_fails_before_anything_is_written(two_plans_one_name, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["convert", str(two_plans_one_name[0]), str(tmp_path / "in" / "plan"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no such file or folder" in err and str(tmp_path / "in" / "plan") in err
    assert "unsupported file type" not in err
    assert not out.exists()
    with pytest.raises(ReaderError, match="no such file or folder"):
        convert([tmp_path / "missing"], out)
    assert not out.exists()


def test_extract_many_names_a_missing_file_as_missing(tmp_path):
    (r,) = extract_many([tmp_path / "plan"], progress=False)
    assert not r.ok and r.message == "no such file or folder"


def test_unreadable_documents_in_a_folder_are_listed_as_failures(tmp_path):
    src = tmp_path / "in"
    _write(src / "plan.txt", PLAN_B)
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (src / "sub").mkdir()
    (src / "sub" / "notice.wps").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (src / "photo.jpg").write_bytes(b"\xff\xd8")  # not a document: still ignored
    out = tmp_path / "out"
    assert convert([src], out, fmt="jsonl", workers=1, progress=False) == 1
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(e["source"]).name for e in errors] == ["old.doc", "notice.wps"]
    assert {e["error"] for e in errors} == {"UnsupportedFormatError"}
    assert "save it as .docx" in errors[0]["message"] and "WPS" in errors[1]["message"]
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1


# -- CSV for Excel and pandas -----------------------------------------------------------------------------------


def test_csv_has_a_bom_and_reads_back_with_ids_as_text(tmp_path):
    heads = "".join(f"({n})第{n}项任务\n支持建设新型研发机构。\n" for n in "一二三四五六七八九十")
    text = "丙市未来产业行动方案\n一、总体要求\n二、发展目标\n到2027年,培育10家企业。\n三、重点任务\n" + heads
    src = _write(tmp_path / "2024.txt", text)
    out = tmp_path / "csv"
    assert convert([src], out, fmt="csv", workers=1, progress=False) == 0
    raw = (out / "sections.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows reads UTF-8 only with a BOM
    frames = read_frames(out)
    ids = frames["sections"]["id"].tolist()
    assert "3.10" in ids and "3.1" in ids  # not both the float 3.1
    assert frames["documents"]["document"].tolist() == ["2024"]  # a numeric-looking id stays text
    for name, cols in FRAME_COLUMNS.items():
        assert {c: str(t) for c, t in frames[name].dtypes.items()} == cols, name
    assert frames["goals"]["value"].tolist() == [10.0]
    direct = futurepolicy.to_frames([futurepolicy.extract(text, source=str(src))])
    assert frames["sections"]["id"].tolist() == direct["sections"]["id"].tolist()


def test_parquet_reads_back_the_same(tmp_path):
    pytest.importorskip("pyarrow")
    src = _write(tmp_path / "jia.txt", PLAN_A)
    out = tmp_path / "pq"
    assert convert([src], out, fmt="parquet", workers=1, progress=False) == 0
    frames = read_frames(out)
    direct = futurepolicy.to_frames([futurepolicy.extract_file(src)])
    for name in FRAME_COLUMNS:
        assert frames[name].astype(str).equals(direct[name].astype(str)), name


def test_read_frames_of_a_folder_without_tables(tmp_path):
    with pytest.raises(ReaderError, match="no futurepolicy tables"):
        read_frames(tmp_path)


# -- progress in notebooks, stdin -----------------------------------------------------------------------------


def test_progress_shows_in_a_notebook_through_tqdm_auto(monkeypatch, two_plans_one_name):
    import tqdm.auto

    from futurepolicy import batch

    bars = []

    class Bar:
        def __init__(self, *a, **kw):
            bars.append(kw)
            self.n = 0

        def update(self, k):
            self.n += k

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            bars[-1]["done"] = self.n

    monkeypatch.setattr(tqdm.auto, "tqdm", Bar)
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a kernel's stderr is no terminal
    monkeypatch.setattr(batch, "_in_notebook", lambda: True)
    assert len(list(extract_many(two_plans_one_name, workers=1))) == 3
    assert bars and bars[0]["done"] == 3
    monkeypatch.setattr(batch, "_in_notebook", lambda: False)
    bars.clear()
    list(extract_many(two_plans_one_name, workers=1))
    assert bars == []  # a script writing to a file or pipe: no bar


def test_in_notebook_is_false_outside_a_kernel():
    from futurepolicy.batch import _in_notebook

    assert _in_notebook() is False


def test_extract_from_stdin_keeps_the_encoding(monkeypatch, capsys):
    data = PLAN_B.encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["extract", "-"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["provenance"]["encoding"] == "gb18030" and doc["source"] is None
