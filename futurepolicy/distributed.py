"""The same conversion on a Dask cluster (``pip install "futurepolicy[dask]"``).

:func:`run_on_dask` is what ``extract_many(paths, client=…)`` and ``futurepolicy convert
--scheduler ADDRESS|local`` use: files are grouped into batches, each batch is one pure task with
``retries``, and the results come back to the client in input order, where the outputs are written
(atomically, by the caller). Every worker process builds its extractor once per rule set and keeps
it. Packs given by path travel as data (their tables and word lists), so they also work on
workers that do not have that path; built-in and installed packs travel by name.

A file that fails becomes a :class:`~futurepolicy.model.Failure`, never a failed graph. A worker
that dies mid-run loses nothing: the scheduler runs its tasks again elsewhere, and a batch that
still cannot be computed becomes one ``Failure`` per file.

Example::

    from dask.distributed import Client
    import futurepolicy

    client = Client("tcp://scheduler:8786")           # or Client() for a laptop
    for doc in futurepolicy.extract_many(paths, client=client):
        ...
    frames = futurepolicy.to_dask_dataframes(paths)   # lazy dask DataFrames per object type
    write_parquet(frames, "out/")                     # out/goals/, out/industries/, … in one pass

The input files must be readable by the workers under the same paths (a shared file system or the
same machine).
"""

from __future__ import annotations

import contextlib
import math
import os
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from .errors import FuturePolicyError, MissingExtraError
from .model import Failure, PolicyDocument

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe as dd
    from distributed import Client

__all__ = [
    "run_on_dask",
    "open_client",
    "to_dask_dataframes",
    "write_parquet",
    "parquet_schema",
    "plan_batches",
    "process_batch",
]

#: batches per worker thread: enough to balance uneven files, few enough to keep overhead low
BATCHES_PER_THREAD = 4
#: a batch holds at most this many bytes of input (big files get batches of their own)
MAX_BATCH_BYTES = 8 * 1024 * 1024
#: how often the scheduler retries a task whose code raised (a dead worker is handled separately)
RETRIES = 2
#: how long to wait for a scheduler given by address
CONNECT_TIMEOUT = "10s"


def _require_distributed(purpose: str = "run on a Dask cluster"):
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MissingExtraError("dask", "distributed", purpose=purpose) from None
    return distributed


# -- worker side ------------------------------------------------------------------------------------

def _extractor(rules: Any):
    """The Extractor for ``rules`` in this worker process, built on first use and then reused."""
    from .pipeline import shared_extractor

    return shared_extractor(rules)


def _process_one(path: str, rules: Any, max_bytes: int | None, encoding: str | None) -> PolicyDocument | Failure:
    """One file → a document or a Failure, exactly as the serial batch does it (``batch.process_one``)."""
    from .batch import process_one

    try:
        return process_one(path, _extractor(rules), max_bytes, encoding)
    except Exception as e:  # noqa: BLE001 - process_one never raises; this guards against a broken install
        return Failure(source=path, error="ExtractionError", message=f"internal error: {type(e).__name__}: {e}")


def process_batch(
    paths: Sequence[str], rules: Any = None, max_bytes: int | None = None, encoding: str | None = None
) -> list[PolicyDocument | Failure]:
    """Convert a batch of files in this process: one result per path, in order; never raises.

    This is the task every worker runs. It is pure (same files and rules → same results), so the
    scheduler may run it again after a worker dies.
    """
    return [_process_one(str(p), rules, max_bytes, encoding) for p in paths]


# -- client side ------------------------------------------------------------------------------------


def _worker_threads(client: "Client") -> int:
    try:
        info = client.scheduler_info(n_workers=-1)
    except TypeError:  # older distributed
        info = client.scheduler_info()
    except Exception:  # noqa: BLE001
        return 1
    return max(1, sum(int(w.get("nthreads", 1) or 1) for w in info.get("workers", {}).values()))


def plan_batches(
    paths: Sequence[str], threads: int, *, batch_size: int | None = None, max_bytes: int = MAX_BATCH_BYTES
) -> list[list[str]]:
    """Group paths (in order) into batches: about ``n / (4 × threads)`` files, at most ``max_bytes`` each.

    Examples:
        >>> [len(b) for b in plan_batches([f"f{i}.txt" for i in range(10)], threads=2)]
        [2, 2, 2, 2, 2]
    """
    if not paths:
        return []
    size = batch_size or max(1, math.ceil(len(paths) / (BATCHES_PER_THREAD * max(1, threads))))
    batches: list[list[str]] = []
    current: list[str] = []
    current_bytes = 0
    for p in paths:
        try:
            n = os.path.getsize(p)
        except OSError:
            n = 0
        if current and (len(current) >= size or current_bytes + n > max_bytes):
            batches.append(current)
            current, current_bytes = [], 0
        current.append(p)
        current_bytes += n
    if current:
        batches.append(current)
    return batches


def _ship_rules(rules: Any) -> Any:
    """Rules as they travel to workers, validated here first.

    ``None`` (auto) and names of installed packs travel as they are (workers have the same
    packages); packs given by path or as objects travel as a RuleSet, i.e. as data.
    """
    from .rules import _looks_like_path, resolve_rules

    if rules is None:
        return None
    resolved = resolve_rules(rules)
    specs = [rules] if isinstance(rules, str) else rules if isinstance(rules, (list, tuple)) else None
    if specs is not None and all(isinstance(s, str) and not _looks_like_path(s) for s in specs):
        return rules if isinstance(rules, str) else tuple(rules)
    return resolved


@contextlib.contextmanager
def open_client(scheduler: "str | Client | None", *, workers: int | None = None) -> Iterator["Client"]:
    """A Dask client for ``--scheduler``: ``"local"`` starts a LocalCluster (closed on exit),
    an address (``tcp://host:8786``) connects to a running scheduler, a Client is used as is.

    Raises:
        MissingExtraError: dask.distributed is not installed.
        FuturePolicyError: the scheduler cannot be reached.
    """
    _require_distributed()
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler in (None, "", "local"):
        n = workers or os.cpu_count() or 1
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            with Client(cluster) as client:
                yield client
        return
    try:
        client = Client(str(scheduler), timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise FuturePolicyError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    with client:
        yield client


def run_on_dask(
    sources: Iterable["str | os.PathLike[str]"],
    *,
    rules: Any = None,
    client: "Client | str | None" = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
    batch_size: int | None = None,
    retries: int = RETRIES,
    workers: int | None = None,
) -> Iterator[PolicyDocument | Failure]:
    """Convert files on a Dask cluster; yield one result per source, in input order.

    Args:
        sources: paths of the files (readable by the workers under the same paths).
        rules: as for :func:`futurepolicy.extract` (``None``: auto per document).
        client: a ``distributed.Client``, a scheduler address, or ``None``/``"local"`` for a
            LocalCluster on this machine (closed when the iteration ends).
        max_bytes: inputs larger than this become ``Failure(error="FileTooLargeError")``
            (``None``: the readers' default limit; 0: no limit), as in the serial batch.
        encoding: decode text files with this encoding (default: detect).
        batch_size: files per task (default: about n / (4 × worker threads)).
        retries: how often a task that raised is retried (a dead worker's tasks are always rerun).
        workers: worker processes of the LocalCluster started for ``client="local"`` (default: cores).

    Yields:
        :class:`PolicyDocument` or :class:`Failure` (``ok`` is False), never raising part-way.

    Raises:
        MissingExtraError: dask.distributed is not installed.
        RulePackError: the rules are invalid (checked on the client before anything is sent).
    """
    _require_distributed()
    paths = [os.fspath(s) for s in sources]
    shipped = _ship_rules(rules)  # validate on the client: a bad pack fails fast, once
    if not isinstance(client, (type(None), str)):
        yield from _run(paths, shipped, client, max_bytes, encoding, batch_size, retries)
        return
    with open_client(client, workers=workers) as c:
        yield from _run(paths, shipped, c, max_bytes, encoding, batch_size, retries)


def _run(
    paths: list[str],
    rules: Any,
    client: "Client",
    max_bytes: int | None,
    encoding: str | None,
    batch_size: int | None,
    retries: int,
) -> Iterator[PolicyDocument | Failure]:
    if not paths:
        return
    threads = _worker_threads(client)
    batches = plan_batches(paths, threads, batch_size=batch_size)
    window = max(2, 2 * BATCHES_PER_THREAD * threads)  # batches in flight: bounded client memory
    pending: deque = deque()
    todo = iter(batches)

    def submit_next() -> bool:
        batch = next(todo, None)
        if batch is None:
            return False
        fut = client.submit(
            process_batch, batch, rules, max_bytes, encoding, pure=True, retries=retries
        )
        pending.append((batch, fut))
        return True

    try:
        for _ in range(window):
            if not submit_next():
                break
        while pending:
            batch, fut = pending.popleft()
            try:
                results = fut.result()
            except Exception as e:  # noqa: BLE001 - e.g. KilledWorker after repeated crashes
                why = f"the task failed on the cluster: {type(e).__name__}: {e}"
                results = [Failure(source=p, error="ExtractionError", message=why) for p in batch]
            fut.release()
            submit_next()
            yield from results
    finally:
        for _, fut in pending:
            fut.release()


# -- lazy dask DataFrames -----------------------------------------------------------------------------


def _batch_frames(paths: Sequence[str], rules: Any, max_bytes: int | None, encoding: str | None) -> dict:
    from .export import to_frames

    return to_frames([r for r in process_batch(paths, rules, max_bytes, encoding) if getattr(r, "ok", True)])


def _pick(frames: dict, name: str):
    return frames[name]


def to_dask_dataframes(
    paths: Iterable["str | os.PathLike[str]"],
    rules: Any = None,
    *,
    max_bytes: int | None = None,
    encoding: str | None = None,
    batch_size: int | None = None,
) -> "dict[str, dd.DataFrame]":
    """Lazily computed dask DataFrames per object type, with the columns and dtypes of ``to_frames``.

    Each partition is one batch of files; files that fail are left out. The frames share their
    tasks, so compute them together to convert each file once (:func:`write_parquet` does)::

        frames = futurepolicy.to_dask_dataframes(paths)
        write_parquet(frames, "out/")           # or: dask.compute(*frames.values())

    Args:
        paths: files to convert (readable by the workers).
        rules: as for :func:`futurepolicy.extract`.
        batch_size: files per partition (default: about 100 files, fewer for small corpora).

    Raises:
        MissingExtraError: dask[dataframe] is not installed.
    """
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise MissingExtraError("dask", "dask[dataframe]", purpose="build dask DataFrames") from None
    import pandas as pd

    from .export import FRAME_COLUMNS

    files = [os.fspath(p) for p in paths]
    shipped = _ship_rules(rules)
    size = batch_size or max(1, min(100, math.ceil(len(files) / 8)))
    batches = [files[i : i + size] for i in range(0, len(files), size)] or [[]]
    with dask.config.set({"dataframe.convert-string": False}):
        parts = [
            dask.delayed(_batch_frames, pure=True)(b, shipped, max_bytes, encoding) for b in batches
        ]
        out = {}
        for name, cols in FRAME_COLUMNS.items():
            meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
            pieces = [dask.delayed(_pick, pure=True)(p, name) for p in parts]
            out[name] = dd.from_delayed(pieces, meta=meta, verify_meta=False)
    return out


def parquet_schema(name: str):
    """The pyarrow schema of one table (``FRAME_COLUMNS[name]``; list columns are lists of strings)."""
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtraError("parquet", "pyarrow", purpose="write Parquet") from None
    from .export import FRAME_COLUMNS

    types = {
        "string": pa.string(),
        "Int64": pa.int64(),
        "Float64": pa.float64(),
        "boolean": pa.bool_(),
        "object": pa.list_(pa.string()),
    }
    def arrow(t: str):
        if t in types:
            return types[t]
        import pandas as pd

        return pa.from_numpy_dtype(pd.Series(dtype=t).to_numpy().dtype)

    return pa.schema([(col, arrow(t)) for col, t in FRAME_COLUMNS[name].items()])


def write_parquet(frames: "dict[str, dd.DataFrame]", outdir: "str | os.PathLike[str]", **kwargs: Any) -> None:
    """Write every table of :func:`to_dask_dataframes` to ``outdir/<table>/`` in one pass.

    The tables are computed together, so each file is converted once; each table gets its explicit
    schema, so empty partitions and list columns are typed alike. Extra ``kwargs`` go to
    ``DataFrame.to_parquet`` (e.g. ``compression="zstd"``).
    """
    import dask

    out = Path(outdir)
    writes = [
        df.to_parquet(out / name, compute=False, write_index=False, schema=parquet_schema(name), **kwargs)
        for name, df in frames.items()
    ]
    dask.compute(*writes)
