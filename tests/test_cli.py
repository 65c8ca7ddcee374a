"""The command line: convert and extract, exit codes, stderr, Ctrl-C, the Dask scheduler option."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS_FILES, check_document, seed_text
from futurepolicy import batch
from futurepolicy.cli import main
from futurepolicy.model import PolicyDocument
from test_readers import make_docx, make_html, write

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def plans(tmp_path):
    src = tmp_path / "plans"
    write(src / "chongqing_2024.txt", seed_text("chongqing_2024").encode("gbk"))
    write(src / "web" / "shanghai_2022.htm", make_html(seed_text("shanghai_2022"), "gb2312"))
    src.joinpath("word").mkdir()
    make_docx(seed_text("shanghai_2022"), src / "word" / "shanghai_2022.docx")
    return src


def test_convert_ok_exit_0(plans, tmp_path, capsys):
    out = tmp_path / "new" / "out"  # created with its parents
    assert main(["convert", str(plans), "-o", str(out), "--workers", "1"]) == 0
    cap = capsys.readouterr()
    assert cap.out == ""
    assert "converted 3 of 3 file(s)" in cap.err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "chongqing_2024.json", "web/shanghai_2022.json", "word/shanghai_2022.json"]
    assert not (out / "errors.jsonl").exists()
    doc = PolicyDocument.from_json((out / "web" / "shanghai_2022.json").read_text(encoding="utf-8"))
    check_document(doc)
    assert doc.provenance.encoding in ("gb18030", "gb2312")


def test_convert_with_failures_exit_1(plans, tmp_path, capsys):
    write(plans / "broken.pdf", b"%PDF-1.4 truncated")
    write(plans / "big.txt", b"x" * 150_000)
    out = tmp_path / "out"
    code = main(["convert", str(plans), "-o", str(out), "--workers", "1", "--max-bytes", "100000", "--format", "jsonl"])
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"FAILED {plans / 'broken.pdf'}: ReaderError" in err
    assert f"FAILED {plans / 'big.txt'}: FileTooLargeError" in err
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["source"]).name, e["error"]) for e in errors] == [
        ("big.txt", "FileTooLargeError"), ("broken.pdf", "ReaderError")]
    assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_convert_forced_encoding(tmp_path, capsys):
    write(tmp_path / "in" / "a.txt", "到2027年，培育1000家左右高新技术企业。".encode("big5", "replace"))
    out = tmp_path / "out"
    assert main(["convert", str(tmp_path / "in"), "-o", str(out), "--encoding", "gbk", "--workers", "1"]) == 1
    assert json.loads((out / "errors.jsonl").read_text())["error"] == "DecodeError"
    assert main(["convert", str(tmp_path / "in"), "-o", str(out), "--encoding", "big5", "--workers", "1"]) == 0
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["provenance"]["encoding"] == "big5"


def test_extract_file_to_stdout(plans, capsys):
    assert main(["extract", str(plans / "chongqing_2024.txt")]) == 0
    d = json.loads(capsys.readouterr().out)
    doc = PolicyDocument.from_dict(d)
    check_document(doc)
    assert d["provenance"]["encoding"] == "gb18030"
    assert d["text"] == seed_text("chongqing_2024")


def test_extract_stdin_gbk(monkeypatch, capsys):
    data = seed_text("shanghai_2022").encode("gbk")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["extract", "-"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["text"] == seed_text("shanghai_2022") and d["source"] is None


def test_extract_bad_file_is_one_line_no_traceback(tmp_path, capsys):
    p = write(tmp_path / "x.txt", bytes(range(256)) * 10)
    assert main(["extract", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DecodeError" in err and str(p) in err and "Traceback" not in err


def test_progress_bar_only_on_a_terminal(plans, tmp_path, monkeypatch):
    pytest.importorskip("tqdm")

    class Tty(io.StringIO):
        def isatty(self):
            return True

    fake = Tty()
    monkeypatch.setattr(sys, "stderr", fake)
    assert main(["convert", str(plans), "-o", str(tmp_path / "a"), "--workers", "1"]) == 0
    assert "converting" in fake.getvalue() and "3/3" in fake.getvalue()
    fake2 = Tty()
    monkeypatch.setattr(sys, "stderr", fake2)
    assert main(["convert", str(plans), "-o", str(tmp_path / "b"), "--workers", "1", "--no-progress"]) == 0
    assert "3/3" not in fake2.getvalue() and "converted 3 of 3" in fake2.getvalue()


def _run_cli(args, **kw):
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "futurepolicy.cli", *args], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_real_process_exit_codes(plans, tmp_path):
    p = _run_cli(["convert", str(plans), "-o", str(tmp_path / "o"), "--format", "csv", "--workers", "2"])
    out, err = p.communicate(timeout=300)
    assert p.returncode == 0, err.decode()
    assert out == b"" and "converted 3 of 3" in err.decode()
    assert (tmp_path / "o" / "goals.csv").exists()
    p = _run_cli(["convert", str(tmp_path / "nothing.txt"), "-o", str(tmp_path / "o2")])
    _, err = p.communicate(timeout=300)
    assert p.returncode == 1 and "no such file" in err.decode()


def test_ctrl_c_stops_the_pool_and_leaves_no_partial_file(tmp_path):
    src = tmp_path / "many"
    for k in range(400):
        f = CORPUS_FILES[k % len(CORPUS_FILES)]
        write(src / f"{k:03d}_{f.name}", f.read_bytes())
    out = tmp_path / "out"
    p = _run_cli(["convert", str(src), "-o", str(out), "--format", "jsonl", "--workers", "2"],
                 start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out.is_dir() and any(out.iterdir())) and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # until the run writes its (temporary) documents.jsonl
    time.sleep(2)  # and the workers are busy
    if p.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    os.killpg(p.pid, signal.SIGINT)  # like Ctrl-C: the whole process group
    _, err = p.communicate(timeout=120)
    assert p.returncode == 130, err.decode()
    assert "interrupted" in err.decode()
    assert list(out.iterdir()) == []  # no documents.jsonl, no temp file


@pytest.mark.slow
def test_scheduler_local_equals_serial(plans, tmp_path):
    pytest.importorskip("distributed")
    assert main(["convert", str(plans), "-o", str(tmp_path / "serial"), "--workers", "1"]) == 0
    assert main(["convert", str(plans), "-o", str(tmp_path / "dask"), "--scheduler", "local", "--workers", "2"]) == 0

    def files(d):
        return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}

    assert files(tmp_path / "dask") == files(tmp_path / "serial")


def test_convert_passes_the_scheduler_to_dask(plans, tmp_path, monkeypatch):
    import futurepolicy.distributed as dist

    seen = {}

    def fake_run_on_dask(sources, *, rules, client, max_bytes, encoding, workers):
        seen.update(sources=list(sources), client=client, max_bytes=max_bytes, encoding=encoding, workers=workers)
        return iter([batch.process_one(s, rules, max_bytes, encoding) for s in sources])

    monkeypatch.setattr(dist, "run_on_dask", fake_run_on_dask)
    code = main(["convert", str(plans), "-o", str(tmp_path / "o"), "--scheduler", "tcp://10.0.0.1:8786",
                 "--max-bytes", "9000000", "--workers", "3"])
    assert code == 0
    assert seen["client"] == "tcp://10.0.0.1:8786" and seen["max_bytes"] == 9000000
    assert seen["workers"] == 3  # the size of a --scheduler local cluster
    assert [Path(s).name for s in seen["sources"]] == ["chongqing_2024.txt", "shanghai_2022.htm", "shanghai_2022.docx"]
