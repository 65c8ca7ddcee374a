"""Batch conversion: extract_many and convert (formats, errors, workers, resume, interruption)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import futurepolicy
from conftest import CORPUS_FILES, SEEDS, check_document, seed_text
from futurepolicy import batch
from futurepolicy.batch import (
    InputFile,
    collect_inputs,
    convert,
    extract_many,
    output_paths,
    process_chunk,
    process_one,
)
from futurepolicy.errors import FuturePolicyError
from futurepolicy.model import Failure, PolicyDocument
from test_readers import make_docx, make_html, make_pdf, to_traditional, write

BAD = {  # name -> error class name expected in errors.jsonl
    "bad/empty.txt": "EmptyDocumentError",
    "bad/binary.txt": "DecodeError",
    "bad/corrupt.pdf": "ReaderError",
    "bad/corrupt.docx": "ReaderError",
    "bad/huge.txt": "FileTooLargeError",
}
MAX_BYTES = 200_000


def _tree(root: Path) -> Path:
    """A folder of plans in every format, corpus excerpts, bad files, and files to ignore."""
    src = root / "plans"
    for name in SEEDS:
        text = seed_text(name)
        write(src / f"{name}.txt", text.encode("gbk"))
        write(src / "web" / f"{name}.html", make_html(text, "utf-8"))
        (src / "word").mkdir(exist_ok=True)
        make_docx(text, src / "word" / f"{name}.docx")
    write(src / "trad" / "shanghai_2022.txt", to_traditional(seed_text("shanghai_2022")).encode("big5"))
    (src / "pdf").mkdir()
    make_pdf(seed_text("shanghai_2022"), src / "pdf" / "shanghai_2022.pdf")
    make_pdf(seed_text("shanghai_2022")[:800], src / "pdf" / "shanghai_2022_short.pdf")
    for f in CORPUS_FILES[:6]:
        write(src / "corpus" / f.name, f.read_bytes())
    # same stem, two formats, one folder
    write(src / "twins" / "plan.txt", seed_text("chongqing_2024").encode("utf-8"))
    make_pdf(seed_text("chongqing_2024")[:600], src / "twins" / "plan.pdf")
    # bad inputs
    write(src / "bad" / "empty.txt", b"")
    write(src / "bad" / "binary.txt", bytes(range(256)) * 40)
    write(src / "bad" / "corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R" + b"\x00garbage" * 50)
    write(src / "bad" / "corrupt.docx", b"PK\x03\x04" + os.urandom(300))
    write(src / "bad" / "huge.txt", (seed_text("chongqing_2024") * 20).encode("utf-8"))
    # ignored
    write(src / "notes.md", b"# notes")
    write(src / "image.png", b"\x89PNG")
    write(src / "word" / "~$chongqing_2024.docx", b"lock")
    write(src / ".hidden.txt", b"hidden")
    return src


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return _tree(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def serial_run(tree, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "serial"
    code = convert([tree], out, workers=1, max_bytes=MAX_BYTES, progress=False)
    return code, out


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_collect_inputs_sorted_and_filtered(tree):
    rels = [str(i.rel) for i in collect_inputs([tree])]
    assert rels == sorted(rels, key=lambda r: Path(r).parts)
    assert "notes.md" not in rels and "image.png" not in rels and ".hidden.txt" not in rels
    assert "word/~$chongqing_2024.docx" not in rels
    assert {"chongqing_2024.txt", "web/shanghai_2022.html", "word/chongqing_2024.docx", "pdf/shanghai_2022.pdf",
            "twins/plan.txt", "twins/plan.pdf", *BAD} <= set(rels)
    # a file given directly is kept as given, even an unsupported or missing one
    given = collect_inputs([tree / "notes.md", "missing.txt"])
    assert [i.path for i in given] == [str(tree / "notes.md"), "missing.txt"]


def test_output_paths_keep_extension_only_for_twins():
    ins = [InputFile(f"d/{r}", Path(r)) for r in ["plan.txt", "plan.pdf", "a/plan.txt", "other.docx"]]
    assert [str(p) for p in output_paths(ins, ".json")] == [
        "plan.txt.json", "plan.pdf.json", "a/plan.json", "other.json"]
    clash = [InputFile("x/plan.txt", Path("plan.txt")), InputFile("y/plan.txt", Path("plan.txt"))]
    with pytest.raises(FuturePolicyError, match="both be written"):
        output_paths(clash, ".json")


def test_convert_json_with_bad_files(tree, serial_run, capsys):
    code, out = serial_run
    assert code == 1
    files = _files(out)
    inputs = collect_inputs([tree])
    expected = {str(o) for i, o in zip(inputs, output_paths(inputs, ".json")) if str(i.rel) not in BAD}
    assert set(files) == expected | {"errors.jsonl"}  # nothing else: no temp files
    assert "twins/plan.txt.json" in files and "twins/plan.pdf.json" in files
    errors = [json.loads(line) for line in files["errors.jsonl"].decode().splitlines()]
    assert {str(Path(e["source"]).relative_to(tree)): e["error"] for e in errors} == BAD
    assert all(set(e) == {"source", "error", "message"} and e["message"] for e in errors)
    # every good output is a full, valid document that reads back
    for rel, data in files.items():
        if rel == "errors.jsonl":
            continue
        doc = PolicyDocument.from_json(data.decode())
        check_document(doc)
        assert doc.source and Path(doc.source).is_relative_to(tree)
    gbk = PolicyDocument.from_json(files["chongqing_2024.json"].decode())
    ref = futurepolicy.pipeline.extract(seed_text("chongqing_2024"), source=gbk.source)
    assert gbk.provenance.encoding == "gb18030"
    assert gbk.provenance.reader == "txt"  # read from a file (extract(text) has no reader)
    assert gbk.to_json() == ref.to_json().replace('"encoding": null', '"encoding": "gb18030"').replace(
        '"reader": null', '"reader": "txt"')
    trad = PolicyDocument.from_json(files["trad/shanghai_2022.json"].decode())
    assert trad.provenance.converted_from_traditional and trad.provenance.encoding == "big5"


def test_stderr_reports_failures_and_summary(tree, tmp_path, capsys):
    code = convert([tree / "bad", tree / "chongqing_2024.txt"], tmp_path / "o", workers=1, max_bytes=MAX_BYTES,
                   progress=False)
    err = capsys.readouterr().err
    assert code == 1
    for name, kind in BAD.items():
        assert f"{tree / name}: {kind}" in err
    assert "converted 1 of 6 file(s)" in err and "5 failed" in err
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("workers", [2, 4])
def test_workers_give_byte_identical_output(tree, serial_run, tmp_path, workers):
    _, serial = serial_run
    out = tmp_path / f"w{workers}"
    assert convert([tree], out, workers=workers, max_bytes=MAX_BYTES, progress=False) == 1
    assert _files(out) == _files(serial)


def test_extract_many_in_input_order_never_raises(tree):
    paths = [tree / "bad" / "empty.txt", tree / "chongqing_2024.txt", tree / "missing.txt", tree / "notes.md",
             tree / "web"]
    serial = list(extract_many(paths, workers=1, progress=False))
    assert [type(r).__name__ for r in serial] == ["Failure", "PolicyDocument", "Failure", "Failure",
                                                  "PolicyDocument", "PolicyDocument"]
    assert [getattr(r, "error", None) for r in serial] == ["EmptyDocumentError", None, "ReaderError",
                                                           "UnsupportedFormatError", None, None]
    assert [r.ok for r in serial] == [False, True, False, False, True, True]
    assert serial[4].source.endswith("web/chongqing_2024.html") and serial[5].id == "shanghai_2022"  # sorted
    # two plans with one stem in a run: ids from their relative paths, unique and stable
    assert (serial[1].id, serial[4].id) == ("chongqing_2024.txt", "chongqing_2024.html")
    for r in serial:
        if r.ok:
            check_document(r)
    pooled = list(futurepolicy.extract_many(paths, workers=2, progress=False))
    assert [r.to_dict() if not r.ok else r.to_json() for r in pooled] == [
        r.to_dict() if not r.ok else r.to_json() for r in serial
    ]


def test_extract_many_bad_rules_fail_before_any_file(tree):
    with pytest.raises(FuturePolicyError):
        extract_many([tree / "chongqing_2024.txt"], rules="no-such-pack-xyz")


def test_process_one_and_chunk_are_picklable_workers(tree):
    import pickle

    assert pickle.loads(pickle.dumps(process_one)) is process_one
    assert pickle.loads(pickle.dumps(process_chunk)) is process_chunk
    res = process_chunk([str(tree / "chongqing_2024.txt"), str(tree / "bad" / "empty.txt")], None, None, None)
    assert res[0].ok and res[1] == Failure(str(tree / "bad" / "empty.txt"), "EmptyDocumentError", "empty file")
    ex = futurepolicy.Extractor("national")
    assert process_one(tree / "chongqing_2024.txt", ex).provenance.rules[0].name == "national"


def test_internal_error_becomes_a_failure(tree, monkeypatch):
    def boom(*a, **k):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(batch, "extract_file", boom)
    r = process_one(tree / "chongqing_2024.txt")
    assert (r.ok, r.error) == (False, "ExtractionError") and "ZeroDivisionError" in r.message


def test_skip_existing_resumes(tree, serial_run, tmp_path, capsys):
    _, serial = serial_run
    out = tmp_path / "resume"
    sub = [tree / "chongqing_2024.txt", tree / "pdf", tree / "bad" / "empty.txt"]
    assert convert(sub, out, workers=1, progress=False) == 1
    (out / "chongqing_2024.json").unlink()  # as if interrupted before this one
    (out / "shanghai_2022.json").write_text("SENTINEL")  # must not be rewritten
    capsys.readouterr()
    assert convert(sub, out, workers=1, skip_existing=True, progress=False) == 1
    err = capsys.readouterr().err
    assert "converted 1 of 4 file(s)" in err and "2 skipped (output exists)" in err
    assert (out / "shanghai_2022.json").read_text() == "SENTINEL"
    assert (out / "chongqing_2024.json").read_bytes() == (serial / "chongqing_2024.json").read_bytes()
    assert (out / "shanghai_2022_short.json").read_bytes() == (serial / "pdf" / "shanghai_2022_short.json").read_bytes()
    assert json.loads((out / "errors.jsonl").read_text())["error"] == "EmptyDocumentError"
    # a later run where everything converts removes the stale errors.jsonl
    assert convert(sub[:2], out, workers=1, skip_existing=True, progress=False) == 0
    assert not (out / "errors.jsonl").exists()


def test_jsonl_in_input_order(tree, tmp_path):
    out = tmp_path / "jl"
    paths = [tree / "web", tree / "chongqing_2024.txt", tree / "bad" / "binary.txt"]
    assert convert(paths, out, fmt="jsonl", workers=2, progress=False) == 1
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "errors.jsonl"]
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [PolicyDocument.from_json(line) for line in lines]
    assert [Path(d.source).relative_to(tree).as_posix() for d in docs] == [
        "web/chongqing_2024.html", "web/shanghai_2022.html", "chongqing_2024.txt"]
    for d in docs:
        check_document(d)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_load_in_pandas_with_document_column(tree, tmp_path, fmt):
    import pandas as pd

    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / fmt
    paths = [tree / "chongqing_2024.txt", tree / "web" / "shanghai_2022.html", tree / "bad" / "empty.txt"]
    assert convert(paths, out, fmt=fmt, workers=1, progress=False) == 1
    names = ["goals", "industries", "measures", "regions", "institutions", "sections"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{n}.{fmt}" for n in ["documents", *names]] + ["errors.jsonl"])
    docs = [d for d in extract_many(paths[:2], workers=1, progress=False)]
    for name in names:
        df = pd.read_csv(out / f"{name}.csv") if fmt == "csv" else pd.read_parquet(out / f"{name}.parquet")
        assert list(df.columns[:2]) == ["document", "source"]
        counts = df["document"].value_counts().to_dict() if len(df) else {}
        assert counts == {d.id: len(getattr(d, name)) for d in docs if len(getattr(d, name))}, name
        assert list(dict.fromkeys(df["document"])) == [d.id for d in docs if len(getattr(d, name))]  # input order
    secs = pd.read_csv(out / f"sections.{fmt}") if fmt == "csv" else pd.read_parquet(out / "sections.parquet")
    assert len(secs) > 10
    if fmt == "csv":  # list columns are JSON arrays
        ind = pd.read_csv(out / "industries.csv")
        if len(ind):
            assert all(isinstance(json.loads(v), list) for v in ind["technologies"])


def test_html_format(tree, tmp_path):
    doc = futurepolicy.pipeline.extract("到2027年，培育100家企业。")
    try:
        doc.to_html()
    except (NotImplementedError, ImportError) as e:  # the notebook module may not be there yet
        pytest.skip(f"to_html not available: {e}")
    out = tmp_path / "h"
    assert convert([tree / "web"], out, fmt="html", workers=1, progress=False) == 0
    assert sorted(p.name for p in out.iterdir()) == ["chongqing_2024.html", "shanghai_2022.html"]
    assert "<html" in (out / "shanghai_2022.html").read_text(encoding="utf-8").lower()


def test_interrupt_leaves_no_partial_file(tree, tmp_path, monkeypatch):
    real = batch.extract_file
    calls = []

    def interrupted_on_third(path, **kw):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, **kw)

    monkeypatch.setattr(batch, "extract_file", interrupted_on_third)
    for fmt in ("json", "jsonl", "csv"):
        calls.clear()
        out = tmp_path / fmt
        with pytest.raises(KeyboardInterrupt):
            convert([tree / "web", tree / "chongqing_2024.txt", tree / "twins"], out, fmt=fmt, workers=1,
                    progress=False)
        left = sorted(p.name for p in out.rglob("*"))
        assert not [n for n in left if n.startswith(".") or n.endswith(".tmp")], left
        if fmt == "json":  # finished outputs are complete files
            assert left == ["chongqing_2024.html.json", "shanghai_2022.json"]
            for n in left:
                PolicyDocument.from_json((out / n).read_text(encoding="utf-8"))
        else:
            assert left == []


def test_convert_bad_arguments(tree, tmp_path, capsys):
    with pytest.raises(FuturePolicyError, match="unknown format"):
        convert([tree], tmp_path / "x", fmt="xml")
    f = write(tmp_path / "file", b"x")
    with pytest.raises(FuturePolicyError, match="not a folder"):
        convert([tree], f)
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    assert convert([empty], tmp_path / "o", progress=False) == 1
    assert "no .txt" in capsys.readouterr().err


def test_output_folder_inside_input_folder_is_not_read_back(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", "到2027年，培育100家企业。".encode())
    write(src / "out" / "a.html", b"<html><body><p>an output of an earlier run</p></body></html>")
    assert [i.rel.as_posix() for i in collect_inputs([src])] == ["a.txt", "out/a.html"]
    assert [i.rel.as_posix() for i in collect_inputs([src], exclude=src / "out")] == ["a.txt"]
    assert convert([src], src / "out", workers=1, progress=False) == 0
    assert sorted(p.name for p in (src / "out").iterdir()) == ["a.html", "a.json"]


def test_parquet_without_pyarrow_fails_before_converting(tree, tmp_path, monkeypatch):
    import sys

    from futurepolicy.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError, match=r'pip install "futurepolicy\[parquet\]"'):
        convert([tree / "chongqing_2024.txt"], tmp_path / "pq", fmt="parquet", workers=1, progress=False)
    assert list((tmp_path / "pq").iterdir()) == []


def test_html_output_never_overwrites_an_html_input(tmp_path):
    src = write(tmp_path / "site" / "plan.html", make_html("到2027年，培育100家企业。"))
    with pytest.raises(FuturePolicyError, match="overwrite the input"):
        convert([src.parent], src.parent, fmt="html", workers=1, progress=False)
    assert src.read_bytes() == make_html("到2027年，培育100家企业。")
