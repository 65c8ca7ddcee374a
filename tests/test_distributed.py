"""The Dask cluster mode: the same conversion on a real LocalCluster (2 worker processes).

Checks that results are byte-identical to the serial run and come back in input order, that a bad
file becomes a Failure, that killing a worker mid-run loses nothing, that workers keep one
extractor per rule set, and that the lazy dask DataFrames equal ``to_frames``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")

import futurepolicy  # noqa: E402
from futurepolicy import distributed as fpd  # noqa: E402
from futurepolicy.errors import MissingExtraError, RulePackError  # noqa: E402
from futurepolicy.export import FRAME_COLUMNS, to_frames  # noqa: E402

from conftest import CORPUS_FILES, DOCS, FIXTURES, SEEDS, check_document  # noqa: E402

SEED_FILES = [DOCS / f"{s}.txt" for s in SEEDS]
ALL_FILES = [str(p) for p in SEED_FILES + CORPUS_FILES]
TOY = str(FIXTURES / "rules" / "toy")


def serial(paths, rules=None):
    """The serial run the cluster must reproduce: extract_many with one worker when the batch
    module provides it, else the same batch function in this process."""
    try:
        from futurepolicy.batch import extract_many
    except ImportError:
        return fpd.process_batch([str(p) for p in paths], rules)
    return list(extract_many([str(p) for p in paths], rules=rules, workers=1, progress=False))


def as_json(results):
    return [r.to_json() if r.ok else r.to_dict() for r in results]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40
    ) as cluster, Client(cluster) as c:
        yield c


@pytest.mark.slow
def test_cluster_output_is_byte_identical_to_the_serial_run(client):
    expected = serial(ALL_FILES)
    got = list(fpd.run_on_dask(ALL_FILES, client=client))
    assert [r.source for r in got] == ALL_FILES  # input order
    assert all(r.ok for r in got), [r for r in got if not r.ok]
    assert as_json(got) == as_json(expected)
    for doc in got[:3]:
        check_document(doc)
    # the public entry point gives the same (when the batch module is there to route client=)
    try:
        from futurepolicy.batch import extract_many
    except ImportError:
        return
    via_api = list(extract_many(ALL_FILES, client=client, progress=False))
    assert as_json(via_api) == as_json(expected)


@pytest.mark.slow
def test_rules_given_by_path_travel_as_data(client):
    shipped = fpd._ship_rules([TOY])
    assert isinstance(shipped, futurepolicy.rules.RuleSet)  # data, not a path the workers must see
    assert fpd._ship_rules("shanghai") == "shanghai"  # installed packs travel by name
    got = list(fpd.run_on_dask(ALL_FILES[:4], rules=[TOY], client=client, batch_size=1))
    assert [[r.name for r in d.provenance.rules] for d in got] == [["national", "toyland"]] * 4
    assert as_json(got) == as_json(serial(ALL_FILES[:4], rules=[TOY]))


@pytest.mark.slow
def test_workers_build_their_extractor_once(client):
    list(fpd.run_on_dask(ALL_FILES, client=client, batch_size=2))

    def extractors():
        from futurepolicy import pipeline

        return {repr(k): id(v) for k, v in pipeline._SHARED.items()}

    before = client.run(extractors)
    list(fpd.run_on_dask(ALL_FILES, client=client, batch_size=2))
    after = client.run(extractors)
    assert before == after  # the same extractor objects served the second run
    for per_worker in after.values():
        assert "None" in per_worker  # auto rules: one extractor per worker process


@pytest.mark.slow
def test_a_bad_file_is_a_failure_not_a_failed_graph(client, tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SEED_FILES[0], good)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe" * 400)
    big = tmp_path / "big.txt"
    big.write_text("到2027年,培育10家企业。" * 2000, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    paths = [str(good), str(binary), str(missing), str(big), str(good)]
    got = list(fpd.run_on_dask(paths, client=client, max_bytes=20_000, batch_size=5))
    assert [r.source for r in got] == paths
    assert [r.ok for r in got] == [True, False, False, False, True]
    assert got[3].error == "FileTooLargeError"
    assert all(r.error and r.message for r in got if not r.ok)
    assert as_json(got) == as_json(fpd.process_batch(paths, None, 20_000, None))


@pytest.mark.slow
def test_bad_rules_fail_on_the_client_before_any_task(client):
    with pytest.raises(RulePackError):
        next(fpd.run_on_dask(ALL_FILES, rules=str(FIXTURES / "rules" / "broken" / "bad_choice.yaml"), client=client))


@pytest.mark.slow
def test_killing_a_worker_mid_run_loses_nothing(tmp_path):
    from distributed import Client, LocalCluster

    # 30 small files and 2 big ones, so that work is still in flight when a worker dies
    paths = []
    for i in range(30):
        src = CORPUS_FILES[i % len(CORPUS_FILES)]
        dst = tmp_path / f"{i:03d}_{src.name}"
        shutil.copy(src, dst)
        paths.append(str(dst))
    big_text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS_FILES) * 3
    for i in range(2):
        dst = tmp_path / f"big_{i}.txt"
        dst.write_text(big_text, encoding="utf-8")
        paths.insert(10 * i + 5, str(dst))
    expected = as_json(fpd.process_batch(paths))

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=50
    ) as cluster, Client(cluster) as c:
        before = set(c.scheduler_info()["workers"])
        results = fpd.run_on_dask(paths, client=c, batch_size=1)
        got = [next(results)]
        victim = None
        deadline = time.monotonic() + 30
        while victim is None and time.monotonic() < deadline:
            busy = [w for w, tasks in c.processing().items() if tasks]
            victim = busy[0] if busy else None
            if victim is None:
                time.sleep(0.01)
        assert victim is not None, "no task in flight to interrupt"
        pid = c.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)  # the worker process dies mid-task, like a lost machine
        got.extend(results)
        c.wait_for_workers(2, timeout=60)
        after = set(c.scheduler_info()["workers"])
    assert victim in before and victim not in after  # the worker really died (its nanny restarted it)
    assert [r.source for r in got] == paths
    assert as_json(got) == expected  # nothing lost, nothing changed


@pytest.mark.slow
def test_dask_dataframes_equal_to_frames(client, tmp_path):
    import dask
    import pandas as pd

    frames = futurepolicy.to_dask_dataframes(ALL_FILES, batch_size=10)
    assert set(frames) == set(FRAME_COLUMNS)
    expected = to_frames([r for r in serial(ALL_FILES) if r.ok])
    for name, ddf in frames.items():
        assert ddf.npartitions == 6
        assert dict(ddf.dtypes.astype(str)) == FRAME_COLUMNS[name]  # meta, before computing
    computed = dict(zip(frames, dask.compute(*frames.values())))  # all tables in one pass
    for name, got in computed.items():
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected[name].reset_index(drop=True))
    # straight to Parquet, all tables in one pass, typed alike in every partition
    fpd.write_parquet(frames, tmp_path)
    for name in FRAME_COLUMNS:
        back = pd.read_parquet(tmp_path / name)
        assert list(back.columns) == list(FRAME_COLUMNS[name]) and len(back) == len(expected[name])
    industries = pd.read_parquet(tmp_path / "industries", dtype_backend="numpy_nullable")
    assert industries["name"].tolist() == expected["industries"]["name"].tolist()


def test_plan_batches_sizes_by_count_and_bytes(tmp_path):
    names = [f"f{i}.txt" for i in range(100)]
    assert [len(b) for b in fpd.plan_batches(names, threads=2)] == [13] * 7 + [9]
    assert fpd.plan_batches(names[:3], threads=8) == [["f0.txt"], ["f1.txt"], ["f2.txt"]]
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1000)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x")
    batches = fpd.plan_batches([str(small), str(big), str(small), str(small)], threads=1, batch_size=10, max_bytes=500)
    assert batches == [[str(small)], [str(big)], [str(small), str(small)]]
    assert sum(batches, []) == [str(small), str(big), str(small), str(small)]  # order kept
    assert fpd.plan_batches([], threads=4) == []


@pytest.mark.slow
def test_local_scheduler_starts_and_stops_its_own_cluster():
    got = list(fpd.run_on_dask([str(SEED_FILES[1])], client="local"))
    assert len(got) == 1 and got[0].ok and got[0].id == SEEDS[1]


@pytest.mark.slow
def test_cli_convert_on_a_cluster_writes_the_same_files(client, tmp_path):
    from futurepolicy.cli import main

    inputs = [str(p) for p in SEED_FILES + CORPUS_FILES[:6]]
    address = client.scheduler.address
    assert main(["convert", *inputs, "-o", str(tmp_path / "dask"), "--scheduler", address, "--no-progress"]) == 0
    assert main(["convert", *inputs, "-o", str(tmp_path / "serial"), "--workers", "1", "--no-progress"]) == 0
    dask_files = sorted(p.relative_to(tmp_path / "dask") for p in (tmp_path / "dask").rglob("*") if p.is_file())
    serial_files = sorted(p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*") if p.is_file())
    assert dask_files == serial_files and len(dask_files) == len(inputs)
    for rel in dask_files:
        assert (tmp_path / "dask" / rel).read_bytes() == (tmp_path / "serial" / rel).read_bytes()


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    from futurepolicy.errors import FuturePolicyError

    monkeypatch.setattr(fpd, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(FuturePolicyError) as info:
        next(fpd.run_on_dask(ALL_FILES[:1], client="tcp://127.0.0.1:1"))
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in str(info.value)


def test_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError) as info:
        next(fpd.run_on_dask(ALL_FILES[:1], client="local"))
    assert 'futurepolicy[dask]' in str(info.value)
