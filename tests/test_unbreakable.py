"""Unbreakable batches (issue 17): every bad input is one line in errors.jsonl, never a hang, a
traceback or a lost batch; hostile packs are one RulePackError; output depends on the input only."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import futurepolicy
from conftest import check_document
from futurepolicy import batch
from futurepolicy.batch import convert
from futurepolicy.errors import FuturePolicyError, ReaderError, RulePackError
from futurepolicy.io.readers import read_file
from futurepolicy.rules import check_pack, load_rules

POSIX = os.name == "posix"
LINUX = sys.platform.startswith("linux")
ROOT = Path(__file__).resolve().parent.parent

# Plans of our own wording (short, so that batches stay fast).
PLAN_A = "某市培育未来产业行动方案\n一、发展目标\n到2027年，全市培育100家左右高新技术企业，未来产业规模达到500亿元。\n"
PLAN_B = "某省关于加快发展新兴产业的实施意见\n（一）总体目标\n到2030年，建成10个以上创新平台，引进高层次人才2000人。\n"
HUGE_MONEY = "到2027年，产业规模达到1" + "0" * 301 + "亿元。"  # 10^301 亿元 = 10^309 yuan: beyond a float
HUGE_COUNT = "到2030年，培育1" + "0" * 400 + "家企业。"  # the number itself is beyond a float

CLI = [sys.executable, "-c", "import sys; from futurepolicy.cli import main; sys.exit(main(sys.argv[1:]))"]


def _run_cli(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + args, capture_output=True, text=True, timeout=timeout)


def _errors(outdir: Path) -> dict[str, str]:
    path = outdir / "errors.jsonl"
    if not path.exists():
        return {}
    return {d["source"]: d["error"] for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


# -- 1. only regular files are read -------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="named pipes")
def test_a_fifo_is_an_error_line_not_a_hang(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "a.txt")
    (folder / "b.txt").write_text(PLAN_A, encoding="utf-8")
    os.mkfifo(tmp_path / "direct.txt")
    out = tmp_path / "out"
    try:
        proc = _run_cli(["convert", str(folder), str(tmp_path / "direct.txt"), "-o", str(out), "--workers", "1"],
                        timeout=60)
    except subprocess.TimeoutExpired:  # the batch hung on the pipe
        pytest.fail("convert hung on a named pipe")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = _errors(out)
    assert set(errors) == {str(folder / "a.txt"), str(tmp_path / "direct.txt")}
    assert set(errors.values()) == {"ReaderError"}
    assert (out / "b.json").exists()
    assert "named pipe" in (out / "errors.jsonl").read_text(encoding="utf-8")


@pytest.mark.skipif(not POSIX or not os.path.exists("/dev/zero"), reason="devices")
def test_a_device_is_refused_before_it_is_opened(tmp_path):
    link = tmp_path / "zero.txt"
    os.symlink("/dev/zero", link)  # an endless device, named like a plan
    with pytest.raises(ReaderError, match="not a regular file"):
        read_file(link, max_bytes=1000)  # a limit, so that a reader that opens it stops anyway


# -- 2. non-finite numbers never reach the model ---------------------------------------------------------


@pytest.mark.parametrize("text", [HUGE_MONEY, HUGE_COUNT], ids=["money", "count"])
def test_a_number_beyond_a_float_is_no_goal(text):
    doc = futurepolicy.extract(text)
    assert all(math.isfinite(v) for g in doc.goals for v in (g.value, g.value_max, g.value_cny) if v is not None)
    assert doc.goals == []  # decided in docs/contract.md: a value out of range is no goal
    check_document(doc)
    assert futurepolicy.PolicyDocument.from_json(doc.to_json()).goals == []


def test_a_large_but_finite_money_target_keeps_its_value():
    doc = futurepolicy.extract("到2030年，产业规模达到3.5万亿元。")
    assert [(g.value, g.unit, g.value_cny) for g in doc.goals] == [(3.5, "万亿元", 3.5e12)]


@pytest.mark.parametrize("fmt, workers", [("json", 1), ("jsonl", 2), ("json", 2)])
def test_a_huge_number_does_not_stop_the_batch(tmp_path, fmt, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN_A, encoding="utf-8")
    (folder / "b_huge.txt").write_text(PLAN_A + HUGE_MONEY, encoding="utf-8")
    (folder / "c.txt").write_text(PLAN_B, encoding="utf-8")
    out = tmp_path / "out"
    assert convert([folder], out, fmt=fmt, workers=workers, progress=False) == 0
    if fmt == "json":
        assert sorted(p.name for p in out.iterdir()) == ["a.json", "b_huge.json", "c.json"]
    else:
        assert len((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_an_exception_while_writing_one_document_is_that_documents_failure(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(PLAN_A, encoding="utf-8")
    real = futurepolicy.PolicyDocument.to_json

    def flaky(self, *args, **kwargs):
        if self.id == "b":
            raise ValueError("Out of range float values are not JSON compliant")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(futurepolicy.PolicyDocument, "to_json", flaky)
    out = tmp_path / "out"
    assert convert([folder], out, workers=1, progress=False) == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "errors.jsonl"]
    assert list(_errors(out).values()) == ["ExtractionError"]
    assert "Traceback" not in capsys.readouterr().err


# -- 3./4. any file name the OS gives -------------------------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="file names as raw bytes")
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet", "html"])
def test_a_file_name_that_is_not_utf8_converts_in_every_format(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"plan_\xff.txt"), "wb") as f:
        f.write(PLAN_A.encode("utf-8"))
    (folder / "ok.txt").write_text(PLAN_B, encoding="utf-8")
    out = tmp_path / "out"
    assert convert([folder], out, fmt=fmt, workers=1, progress=False) == 0
    names = sorted(os.listdir(os.fsencode(out)))
    assert not any(n.endswith(b".tmp") for n in names)
    if fmt in ("json", "html"):
        assert names == sorted([b"plan_\xff." + fmt.encode(), b"ok." + fmt.encode()])  # the name's bytes kept
    if fmt == "json":
        data = json.loads((out / os.fsdecode(b"plan_\xff.json")).read_bytes().decode("utf-8"))
        assert os.fsencode(data["source"]) == os.path.join(os.fsencode(folder), b"plan_\xff.txt")  # lossless
    if fmt == "jsonl":
        sources = [json.loads(ln)["source"] for ln in (out / "documents.jsonl").read_text("utf-8").splitlines()]
        assert os.fsencode(sources[1]).endswith(b"plan_\xff.txt")


def test_a_long_file_name_converts(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "长" * 80 + ".txt"  # 244 bytes: no room for the old temporary names
    (folder / name).write_text(PLAN_A, encoding="utf-8")
    out = tmp_path / "out"
    for fmt in ("json", "html", "jsonl"):
        assert convert([folder], out / fmt, fmt=fmt, workers=1, progress=False) == 0
    assert (out / "json" / ("长" * 80 + ".json")).exists()
    assert not list(out.rglob("*.tmp"))


def test_temporary_names_are_short_whatever_the_target(tmp_path):
    from futurepolicy.export import TEMP_PREFIX, write_atomic

    target = tmp_path / ("长" * 83 + ".json")  # 254 bytes: the longest name most file systems take
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        return real_replace(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "replace", spy)
        write_atomic(target, "x")
    assert target.read_text(encoding="utf-8") == "x"
    assert seen and seen[0].startswith(TEMP_PREFIX) and len(seen[0].encode()) < 64


# -- 5. built-in patterns run with no clock; pack patterns with a limit that grows with the text -------


def test_builtin_patterns_run_without_a_time_limit(monkeypatch):
    import futurepolicy.enrich.instruments as instruments
    import futurepolicy.structure as structure

    calls = []
    real = structure.rules_finditer

    def recording(pattern, text, *, source=None, timeout=None):
        calls.append(timeout)
        return real(pattern, text, source=source, timeout=timeout)

    monkeypatch.setattr(structure, "rules_finditer", recording)
    monkeypatch.setattr(instruments, "finditer", recording)
    futurepolicy.Extractor("national").extract(PLAN_A + "（二）重点任务\n1.加大财政资金支持力度，给予研发补贴。\n")
    assert calls and all(t is None for t in calls)  # no clock: the output depends on the text only


def test_pack_patterns_get_a_limit_that_grows_with_the_text(tmp_path, monkeypatch):
    import futurepolicy.enrich.instruments as instruments
    from futurepolicy.rules import REGEX_TIMEOUT, pattern_timeout

    pack = tmp_path / "cuepack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: cuepack\nversion: '1'\nextends: national\n", encoding="utf-8")
    (pack / "instruments.yaml").write_text(
        "- {id: voucher, side: 需求型, type: 政府采购, pattern: '创新券'}\n", encoding="utf-8"
    )
    limits = []
    real = instruments.finditer

    def recording(pattern, text, *, source=None, timeout=None):
        if pattern.pattern == "创新券":
            limits.append((len(text), timeout))
        return real(pattern, text, source=source, timeout=timeout)

    monkeypatch.setattr(instruments, "finditer", recording)
    body = "一、重点任务\n（一）发放创新券\n面向中小企业发放创新券，支持购买研发服务。\n"
    doc = futurepolicy.extract(body * 3, rules=str(pack))
    assert any(i.rule == "cuepack/instruments#voucher" for m in doc.measures for i in m.instruments)
    assert limits and all(t == pattern_timeout(n) and t >= REGEX_TIMEOUT for n, t in limits)
    assert pattern_timeout(10_000_000) > 10 * pattern_timeout(1000)


@pytest.mark.slow
def test_four_threads_twenty_rounds_equal_the_serial_result():
    text = (ROOT / "examples" / "plans" / "chongqing_2024.txt").read_text(encoding="utf-8")
    expected = futurepolicy.extract(text, source="plan.txt").to_json()
    results: list[str] = []
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(20):
                results.append(futurepolicy.extract(text, source="plan.txt").to_json())
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:1]
    assert len(results) == 80 and all(r == expected for r in results)


# -- 6. hostile and broken packs are one RulePackError ----------------------------------------------------


def _pack_error(path: Path, timeout: float = 20) -> str:
    started = time.monotonic()
    with pytest.raises(RulePackError) as info:
        check_pack(str(path))
    assert time.monotonic() - started < timeout
    message = str(info.value)
    assert "Traceback" not in message
    return message


def test_a_yaml_alias_bomb_is_refused_without_expanding(tmp_path):
    lines = ["name: bomb", "version: '1'", "extends: null", "lexicon:", "  a: &a [x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len((tmp_path / "bomb.yaml").read_bytes()) < 2000
    assert "aliases expand to more than" in _pack_error(tmp_path / "bomb.yaml", timeout=10)


def test_a_deeply_nested_yaml_is_refused(tmp_path):
    (tmp_path / "deep.yaml").write_text("name: deep\nversion: '1'\nlexicon:\n  a: " + "[" * 40 + "]" * 40 + "\n",
                                        encoding="utf-8")
    assert "nested more than" in _pack_error(tmp_path / "deep.yaml")


def test_a_regex_that_repeats_too_much_is_refused_before_compiling(tmp_path):
    (tmp_path / "rep.yaml").write_text(
        "name: rep\nversion: '1'\nheadings:\n- {id: big, pattern: '(?:(?:b{65535}){65535})', rank: 1}\n",
        encoding="utf-8",
    )
    message = _pack_error(tmp_path / "rep.yaml")
    assert "[headings -> 1 (big) -> pattern] regex repeats too much" in message


def test_ordinary_counted_repeats_are_fine():
    from futurepolicy.rules import _regex_problem

    for pattern in (r"第[一二三四五六七八九十]{1,3}章", r"\d{4}年", r"(?:[A-Z]{2,5}-?){1,3}", r"\{\d+\}"):
        assert _regex_problem(pattern) is None, pattern


def test_a_long_extends_chain_is_refused(tmp_path):
    n = 1500
    for i in range(n):
        base = f"extends: p{i + 1}.yaml" if i + 1 < n else "extends: null"
        (tmp_path / f"p{i}.yaml").write_text(f"name: p{i}\nversion: '1'\n{base}\n", encoding="utf-8")
    assert "more than 16 packs stacked" in _pack_error(tmp_path / "p0.yaml", timeout=60)


@pytest.mark.parametrize("target", ["../../../../../../etc/passwd", "/etc/passwd", "../outside"])
def test_extends_stays_inside_the_packs_folder(tmp_path, target):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "pack.yaml").write_text("name: outside\nversion: '1'\nsecret_key: 1\n", encoding="utf-8")
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "pack.yaml").write_text(f"name: mine\nversion: '1'\nextends: '{target}'\n", encoding="utf-8")
    message = _pack_error(pack)
    assert "inside its own folder" in message
    assert "root:" not in message and "nologin" not in message and "secret_key" not in message  # never read


def test_extends_to_a_pack_inside_the_folder_and_to_an_installed_name_still_work(tmp_path):
    pack = tmp_path / "mine"
    (pack / "base").mkdir(parents=True)
    (pack / "base" / "pack.yaml").write_text("name: minebase\nversion: '1'\nextends: national\n", encoding="utf-8")
    (pack / "pack.yaml").write_text("name: mine\nversion: '1'\nextends: [./base]\n", encoding="utf-8")
    assert futurepolicy.rules.resolve_rules(str(pack)).names == ["national", "minebase", "mine"]


def test_an_oversized_pack_file_is_refused_before_reading(tmp_path):
    pack = tmp_path / "big"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: big\nversion: '1'\n", encoding="utf-8")
    with open(pack / "places.csv", "wb") as f:
        f.truncate(49 * 1024 * 1024)  # sparse: 49 MB on paper, nothing on disk
    message = _pack_error(pack, timeout=10)
    assert "more than the limit of" in message and "bytes" in message


# -- 7. workers die with the parent; killed workers are retried; leftovers are cleaned ----------------------


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(not (LINUX and Path("/proc/self/task").exists()), reason="/proc")
def test_workers_die_with_a_killed_parent(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    big = (PLAN_A + PLAN_B) * 4000  # a few seconds per file
    for i in range(6):
        (folder / f"p{i}.txt").write_text(big, encoding="utf-8")
    proc = subprocess.Popen(CLI + ["convert", str(folder), "-o", str(tmp_path / "out"), "--workers", "2",
                                   "--max-bytes", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            workers = {c for c in _children(proc.pid) if _alive(c)}
            time.sleep(0.1)
        assert workers, "no worker started"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not any(_alive(w) for w in workers), "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # the workers this test started, should they have outlived their parent
            if _alive(w):
                os.kill(w, signal.SIGKILL)


def _fork_pool(monkeypatch):
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork to carry the monkeypatch into the workers")
    monkeypatch.setattr(batch, "_mp_context", lambda rules: multiprocessing.get_context("fork"))


def _killing_reader(marker_dir: Path, always: str, once: str):
    """extract_file that kills its own worker: always on files named ``always``, the first time on ``once``."""
    real = batch.extract_file

    def reader(source, **kwargs):
        name = os.path.basename(source)
        if name == always:
            os.kill(os.getpid(), signal.SIGKILL)
        if name == once and not (marker_dir / "killed").exists():
            (marker_dir / "killed").write_text("1")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(source, **kwargs)

    return reader


@pytest.mark.skipif(not POSIX, reason="SIGKILL")
def test_a_killed_worker_costs_no_good_file(tmp_path, monkeypatch):
    _fork_pool(monkeypatch)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"p{i}.txt").write_text(PLAN_A, encoding="utf-8")
    monkeypatch.setattr(batch, "extract_file", _killing_reader(tmp_path, always="p4.txt", once="p1.txt"))
    results = list(batch.extract_many([folder], workers=2, progress=False))
    assert [os.path.basename(r.source) for r in results] == [f"p{i}.txt" for i in range(6)]
    assert [r.ok for r in results] == [True, True, True, True, False, True]  # p1 retried; p4 died twice
    assert "died twice" in results[4].message
    assert (tmp_path / "killed").exists()


def test_leftover_temporary_files_are_removed_at_the_next_run(tmp_path):
    from futurepolicy.export import TEMP_PREFIX

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN_A, encoding="utf-8")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    dead = 2**22 + 12345  # above any pid_max: no such process
    stale = [out / f"{TEMP_PREFIX}{dead}-abc123.tmp", out / "sub" / f"{TEMP_PREFIX}{dead}-x_y.tmp"]
    live = out / f"{TEMP_PREFIX}{os.getpid()}-live.tmp"  # a write in progress in a running process
    for p in stale + [live]:
        p.write_text("{", encoding="utf-8")
    (out / "notes.tmp").write_text("mine", encoding="utf-8")  # not ours: left alone
    assert convert([folder], out, workers=1, progress=False) == 0
    assert not any(p.exists() for p in stale)
    assert live.exists() and (out / "notes.tmp").exists()


# -- 8. memory per MB of input ---------------------------------------------------------------------------


@pytest.mark.slow
def test_memory_per_mb_of_input_is_at_most_30_mb():
    # Python allocations (tracemalloc): the same on a busy machine, where RSS can be paged out;
    # benchmarks/bench.py reports the RSS (~16-19 MB/MB, against ~85 before)
    script = textwrap.dedent(
        """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        from bench import peak_memory_per_mb
        print(json.dumps(peak_memory_per_mb(500_000, traced=True)))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script, str(ROOT / "benchmarks")], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert report["traced_mb_per_mb"] <= 30, report


@pytest.mark.parametrize("stack", [["national"], ["national", "chongqing"]], ids=["national", "kept-words"])
@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_segmenting_in_pieces_gives_the_same_tokens(stack, backend):
    from futurepolicy.pipeline import _build_segmenter
    from futurepolicy.rules import resolve_rules
    from futurepolicy.segment import tokenize_table

    if backend == "rjieba":
        pytest.importorskip("rjieba")
    seg = _build_segmenter(resolve_rules(stack), backend)
    texts = [(ROOT / "examples" / "plans" / n).read_text(encoding="utf-8") for n in ("chongqing_2024.txt",
                                                                                       "shanghai_2022.txt")]
    if backend == "jieba":  # the slow one: a seed is enough
        texts = texts[:1]
    texts.append("两江新区建设西部(重庆)科学城。\n\n  第一行\r\n第二行。。没有换行的一段很长的文字" * 30)
    for text in texts:
        whole = seg.tokenize(text)
        for chunk in (16, 500):  # many cuts: after line breaks, after 。, and nowhere to cut
            table = tokenize_table(seg, text, chunk=chunk)
            assert len(table) == len(whole) and list(table) == whole
            assert table[3] == whole[3] and table[-1] == whole[-1] and table[2:5] == whole[2:5]
            assert list(table.starts) == [t.start for t in whole]


def test_position_sets_answer_like_sets():
    from futurepolicy.segment import PositionSet

    ps = PositionSet([0, 3, 7, 99], 10)  # 99 is beyond the text: dropped
    assert [i in ps for i in (-1, 0, 1, 3, 7, 10, 11)] == [False, True, False, True, True, False, False]
    assert "3" not in ps and list(ps) == [0, 3, 7] and len(ps) == 3
    both = ps | (10,)
    assert 10 in both and 10 not in ps and list(both) == [0, 3, 7, 10]


# -- 9. smaller ones -------------------------------------------------------------------------------------


def test_html_style_attributes_are_not_cut_by_quotes():
    from html.parser import HTMLParser

    styles = []

    class Styles(HTMLParser):
        def handle_starttag(self, tag, attrs):
            styles.extend(v for k, v in attrs if k == "style")

    Styles().feed(futurepolicy.extract(PLAN_A).to_html())
    fonts = [s for s in styles if "font-family" in s]
    assert fonts and all("sans-serif" in s and "Microsoft YaHei" in s for s in fonts)  # the whole value


def test_negative_max_bytes_is_an_argument_error(tmp_path, capsys):
    from futurepolicy.cli import main

    (tmp_path / "a.txt").write_text(PLAN_A, encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["convert", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--max-bytes", "-1"])
    assert info.value.code == 2 and "--max-bytes" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    with pytest.raises(FuturePolicyError, match="max_bytes"):
        convert([tmp_path / "a.txt"], tmp_path / "out2", max_bytes=-1)
    with pytest.raises(FuturePolicyError, match="max_bytes"):
        futurepolicy.extract_many([tmp_path / "a.txt"], max_bytes=-5)


def test_the_contract_says_what_measure_text_holds():
    contract = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    assert "Measure.text" in contract and "body" in contract


# -- the property: any mix of good and bad inputs --------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CONVERTING = ("good", "huge_number", "not_utf8_name", "long_name")
FAILING = ("fifo", "socket", "empty", "binary", "corrupt_pdf", "dangling_link", "too_large")
MIX_MAX_BYTES = 20_000


def _make_input(folder: Path, i: int, kind: str) -> bytes:
    """Create input ``i`` of ``kind`` in ``folder``; return its path as bytes."""
    base = os.fsencode(folder)
    name = {"not_utf8_name": f"{i:02d}_plan_".encode() + b"\xff\xfe.txt",
            "long_name": f"{i:02d}".encode() + ("长" * 79).encode() + b".txt",
            "corrupt_pdf": f"{i:02d}_scan.pdf".encode()}.get(kind, f"{i:02d}_{kind}.txt".encode())
    path = os.path.join(base, name)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        import socket

        s = socket.socket(socket.AF_UNIX)
        try:
            s.bind(path)
        finally:
            s.close()
    elif kind == "dangling_link":
        os.symlink(os.path.join(base, f"nowhere_{i}.txt".encode()), path)  # links to one file count once
    else:
        data = {"empty": b"", "binary": bytes(range(256)) * 8, "corrupt_pdf": b"%PDF-1.4\n\x00garbage",
                "huge_number": (PLAN_A + HUGE_MONEY + HUGE_COUNT).encode("utf-8"),
                "too_large": (PLAN_B * 400).encode("utf-8")}.get(kind, (PLAN_A if i % 2 else PLAN_B).encode("utf-8"))
        with open(path, "wb") as f:
            f.write(data)
    return path


def _expected_outputs(fmt: str, converted: list[bytes]) -> set[bytes]:
    if fmt in ("json", "html"):
        return {os.path.splitext(os.path.basename(p))[0] + b"." + fmt.encode() for p in converted}
    if fmt == "jsonl":
        return {b"documents.jsonl"}
    tables = ("documents", "goals", "industries", "measures", "regions", "institutions", "sections")
    return {f"{t}.csv".encode() for t in tables}


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="FIFOs, sockets and raw-byte file names")
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.tuples(st.sampled_from(FAILING), st.lists(st.sampled_from(CONVERTING + FAILING), max_size=5))
    .map(lambda t: [t[0], *t[1]]).flatmap(st.permutations),
    fmt=st.sampled_from(["json", "jsonl", "html", "csv"]),
    workers=st.sampled_from([1, 2]),
)
def test_any_mix_of_good_and_bad_inputs(kinds, fmt, workers):
    import contextlib
    import io
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        folder, out = Path(d) / "in", Path(d) / "out"
        folder.mkdir()
        paths = [_make_input(folder, i, kind) for i, kind in enumerate(kinds)]
        converted = [p for p, k in zip(paths, kinds) if k in CONVERTING]
        failed = [p for p, k in zip(paths, kinds) if k in FAILING]
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            code = convert([folder], out, fmt=fmt, workers=workers, max_bytes=MIX_MAX_BYTES, progress=False)
        assert code == 1
        assert "Traceback" not in err.getvalue()
        assert f"converted {len(converted)} of {len(paths)} file(s)" in err.getvalue()
        errors = _errors(out)
        assert {os.fsencode(s) for s in errors} == set(failed)  # every bad input listed, once
        assert sorted(os.listdir(os.fsencode(out))) == sorted(_expected_outputs(fmt, converted) | {b"errors.jsonl"})
        if fmt == "jsonl":
            lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
            assert [os.fsencode(json.loads(ln)["source"]) for ln in lines] == sorted(converted)
