"""Batch conversion: many files in, one result per file out, in input order.

:func:`extract_many` is the Python API (a generator of documents and :class:`~futurepolicy.model.Failure`
objects); :func:`convert` is ``futurepolicy convert PATH... -o OUTDIR``, which writes the results as
JSON, JSONL, CSV, Parquet or HTML. Both run files in a process pool (``workers``) or on a Dask cluster
(``client`` / ``scheduler``) and give exactly the same results as a serial run.

Every worker process builds its :class:`~futurepolicy.pipeline.Extractor` once (rules load once per
process); files travel to workers in chunks. :func:`process_one` and :func:`process_chunk` are the
picklable worker functions, reused by :mod:`futurepolicy.distributed`.

Example::

    import futurepolicy
    for r in futurepolicy.extract_many(["plans/"], workers=4):
        if r.ok:
            print(r.id, len(r.goals))
        else:
            print("failed:", r.source, r.error, r.message)
"""

from __future__ import annotations

import collections
import json
import math
import os
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import FuturePolicyError
from .export import _umask, encode_text, process_alive, remove_stale_temp_files, temp_file, write_atomic
from .io.readers import SUPPORTED_EXTENSIONS, UNREADABLE_FORMATS, extract_file
from .model import Failure, PolicyDocument

__all__ = [
    "FORMATS",
    "InputFile",
    "collect_inputs",
    "document_ids",
    "require_paths",
    "extract_many",
    "process_one",
    "process_chunk",
    "convert",
    "output_paths",
]

Result = "PolicyDocument | Failure"

FORMATS = ("json", "jsonl", "csv", "parquet", "html")
ERRORS_FILE = "errors.jsonl"
JSONL_FILE = "documents.jsonl"
_TASKS_PER_WORKER = 4  # chunks per worker: enough to balance uneven files
_MAX_CHUNK = 16
_MIN_FILES_PER_AUTO_WORKER = 4  # starting a worker costs about as much as extracting a few plans
_IGNORED_PREFIXES = (".", "~$")  # hidden files, AppleDouble ._x.docx, Word lock files ~$x.docx


# -- inputs ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: ``path`` as given or found, and ``rel``, its place below the folder it was found in
    (just the file name for a file given directly), which the outputs mirror."""

    path: str
    rel: PurePath


def collect_inputs(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, exclude: str | os.PathLike[str] | None = None
) -> list[InputFile]:
    """Expand folders to the supported files below them, sorted; keep files as given, in order.

    Documents in formats that cannot be read (``.doc``, ``.wps`` …, see ``UNREADABLE_FORMATS``) are
    kept, so that they are reported as failures; other files in folders are ignored, and so are
    hidden files and Word lock files (``~$plan.docx``). A path that is not a folder is kept as a
    file even if it does not exist (it becomes a Failure). Files given directly under one name from
    different folders (``a/plan.txt b/plan.txt``) get ``rel`` below their common folder.

    Args:
        paths: files and folders (a single path is accepted too).
        exclude: a folder not to descend into (the output folder of a conversion).

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> for name in ["b/plan.pdf", "a.txt", "notes.md", "b/plan.txt"]:
        ...     (d / name).parent.mkdir(exist_ok=True); _ = (d / name).write_text("x")
        >>> [str(i.rel) for i in collect_inputs([d])]
        ['a.txt', 'b/plan.pdf', 'b/plan.txt']
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    skip = os.path.realpath(exclude) if exclude is not None else None
    out: list[InputFile] = []
    for p in paths:
        p = os.fspath(p)
        if not os.path.isdir(p):
            out.append(InputFile(p, PurePath(Path(p).name)))
            continue
        found: list[tuple[tuple[str, ...], str]] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = [
                d for d in dirs
                if not d.startswith(".") and (skip is None or os.path.realpath(os.path.join(root, d)) != skip)
            ]
            for name in files:
                suffix = Path(name).suffix.lower()
                if name.startswith(_IGNORED_PREFIXES) or (
                    suffix not in SUPPORTED_EXTENSIONS and suffix not in UNREADABLE_FORMATS
                ):
                    continue
                full = os.path.join(root, name)
                found.append((PurePath(os.path.relpath(full, p)).parts, full))
        for parts, full in sorted(found):
            out.append(InputFile(full, PurePath(*parts)))
    return _disambiguate(out)


def _disambiguate(inputs: list[InputFile]) -> list[InputFile]:
    """Inputs that share a ``rel`` but are different files get ``rel`` below their common folder."""
    by_rel: dict[PurePath, set[str]] = collections.defaultdict(set)
    for i in inputs:
        by_rel[i.rel].add(os.path.realpath(i.path))
    clashing = {rel for rel, files in by_rel.items() if len(files) > 1}
    if not clashing:
        return inputs
    out = []
    for i in inputs:
        if i.rel in clashing:
            same = [os.path.abspath(j.path) for j in inputs if j.rel == i.rel]
            common = os.path.commonpath([os.path.dirname(p) for p in same])
            i = InputFile(i.path, PurePath(Path(os.path.relpath(os.path.abspath(i.path), common)).as_posix()))
        out.append(i)
    return out


def document_ids(inputs: Sequence[InputFile]) -> list[str]:
    """Ids unique within a run and stable: the file stem, or where stems collide the relative path
    without its extension (``a/plan``), or with it (``a/plan.txt``) where that still collides.

    Examples:
        >>> document_ids([InputFile("x/a/plan.txt", PurePath("a/plan.txt")), InputFile("x/b/plan.txt",
        ...               PurePath("b/plan.txt")), InputFile("x/c/road.pdf", PurePath("c/road.pdf"))])
        ['a/plan', 'b/plan', 'road']
    """
    files = [os.path.realpath(i.path) for i in inputs]

    def unique(keys: list[str]) -> list[bool]:
        owners: dict[str, set[str]] = collections.defaultdict(set)
        for k, f in zip(keys, files):
            owners[k].add(f)
        return [len(owners[k]) == 1 for k in keys]

    stems = [PurePath(i.path).stem or i.path for i in inputs]
    paths = [i.rel.with_suffix("").as_posix() if i.rel.suffix else i.rel.as_posix() for i in inputs]
    full = [i.rel.as_posix() for i in inputs]
    ids = [s if ok else p for s, p, ok in zip(stems, paths, unique(stems))]
    ids = [x if ok else f for x, f, ok in zip(ids, full, unique(ids))]
    numbers: dict[str, dict[str, int]] = collections.defaultdict(dict)
    out = []
    for x, f in zip(ids, files):  # still shared (one rel for two folders): number them in input order
        n = numbers[x].setdefault(f, len(numbers[x]) + 1)
        out.append(x if n == 1 else f"{x}#{n}")
    return out


def require_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str]) -> None:
    """Raise before any work when an input path does not exist.

    Raises:
        ReaderError: "no such file or folder", naming the path(s).
    """
    from .errors import ReaderError

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    missing = [os.fspath(p) for p in paths if not os.path.lexists(os.fspath(p))]
    if len(missing) == 1:
        raise ReaderError("no such file or folder", source=missing[0])
    if missing:
        raise ReaderError("no such file or folder: " + ", ".join(missing), source=missing[0])


def output_paths(inputs: Sequence[InputFile], suffix: str) -> list[PurePath]:
    """Output file names (relative to OUTDIR) for per-input formats.

    ``plan.txt`` → ``plan.json``; when two inputs share a stem in one folder both keep their
    extension (``plan.txt.json``, ``plan.pdf.json``).

    Raises:
        FuturePolicyError: two different inputs would still be written to the same file.

    Examples:
        >>> ins = [InputFile("a/plan.txt", PurePath("plan.txt")), InputFile("a/plan.pdf", PurePath("plan.pdf")),
        ...        InputFile("a/x/y.docx", PurePath("x/y.docx"))]
        >>> [str(p) for p in output_paths(ins, ".json")]
        ['plan.txt.json', 'plan.pdf.json', 'x/y.json']
    """
    stems = collections.Counter((i.rel.parent, i.rel.stem) for i in inputs)
    out = []
    for i in inputs:
        name = i.rel.name if stems[(i.rel.parent, i.rel.stem)] > 1 else i.rel.stem
        out.append(i.rel.parent / (name + suffix))
    seen: dict[PurePath, str] = {}
    for i, o in zip(inputs, out):
        if o in seen and seen[o] != i.path:
            raise FuturePolicyError(
                f"{seen[o]} and {i.path} would both be written to {o}; convert them in separate runs"
            )
        seen[o] = i.path
    return out


# -- worker side -----------------------------------------------------------------------------------

_TASK_ARGS: tuple[Any, int | None, str | None] = (None, None, None)
_TASK_RENDER: str | None = None  # a worker of `convert` also renders its documents (json/jsonl/html)


def _extractor_for(rules: Any):
    from .pipeline import shared_extractor

    return shared_extractor(rules)


def process_one(
    path: str | os.PathLike[str], rules: Any = None, max_bytes: int | None = None, encoding: str | None = None
) -> PolicyDocument | Failure:
    """Read and extract one file; never raises (except KeyboardInterrupt): errors become a Failure.

    Args:
        path: the file.
        rules: a rules spec as for :func:`futurepolicy.extract`, or a ready ``Extractor``.
        max_bytes: fail files larger than this (``None``: the readers' default limit; 0: none).
        encoding: force the text encoding.
    """
    source = os.fspath(path)
    try:
        return extract_file(source, encoding=encoding, max_bytes=max_bytes, extractor=_extractor_for(rules))
    except FuturePolicyError as e:
        return Failure(source=source, error=e.kind, message=e.message)
    except Exception as e:  # noqa: BLE001 - one bad file must never stop a batch
        return Failure(source=source, error="ExtractionError", message=f"internal error: {type(e).__name__}: {e}")


def process_chunk(
    paths: Sequence[str | os.PathLike[str]],
    rules: Any = None,
    max_bytes: int | None = None,
    encoding: str | None = None,
) -> list[PolicyDocument | Failure]:
    """:func:`process_one` over a list of files (one task of a pool or cluster)."""
    return [process_one(p, rules, max_bytes, encoding) for p in paths]


def _init_worker(
    rules: Any, max_bytes: int | None, encoding: str | None, render: str | None = None, owner: int | None = None
) -> None:
    """Pool initializer: die with the parent; Ctrl-C is the parent's business; build the extractor once."""
    global _TASK_ARGS, _TASK_RENDER
    _die_with_parent(owner)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _TASK_ARGS = (_extractor_for(rules), max_bytes, encoding)
    _TASK_RENDER = render


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_PARENT_POLL = 1.0  # seconds between looks at the parent where prctl is not available


def _die_with_parent(owner: int | None) -> None:
    """Make this worker process end when its parent does (``kill -9`` of a batch must not leave
    workers running on). On Linux the kernel sends SIGKILL (``PR_SET_PDEATHSIG``); elsewhere a
    daemon thread polls the parent id. A worker whose batch process (``owner``) is gone already
    ends at once."""
    parent = os.getppid()
    if owner is not None and owner != os.getpid() and not process_alive(owner):
        os._exit(1)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the request took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="futurepolicy-parent-watch", daemon=True).start()


def _render(result: Any, fmt: str | None) -> str | None:
    """The output text of a document for ``fmt`` (json, jsonl, html); None when not applicable or
    when rendering fails here (the parent then renders again and reports the error per file)."""
    if fmt is None or not result.ok:
        return None
    try:
        if fmt == "json":
            return result.to_json() + "\n"
        if fmt == "jsonl":
            return result.to_json(indent=None) + "\n"
        if fmt == "html":
            return result.to_html()
    except Exception:  # noqa: BLE001
        return None
    return None


def _run_chunk(paths: list[str]) -> list[Any]:
    """A pool task: extract a chunk; for `convert`, also render each document (serialising is as
    costly as extracting, so it belongs in the workers, not in the parent that writes the files)."""
    rules, max_bytes, encoding = _TASK_ARGS
    results = process_chunk(paths, rules, max_bytes, encoding)
    if _TASK_RENDER is None:
        return results
    out = []
    for r in results:
        text = _render(r, _TASK_RENDER)
        # the parent needs only the text to write: unpickling a whole document costs more than its file
        out.append((_Rendered(r.source) if text is not None else r, text))
    return out


@dataclass(frozen=True, slots=True)
class _Rendered:
    """Stands for a converted document whose output text a worker already rendered."""

    source: str | None
    ok: bool = True


# -- running ---------------------------------------------------------------------------------------


def _serial(sources: Sequence[str], rules: Any, max_bytes: int | None, encoding: str | None) -> Iterator[Any]:
    ex = _extractor_for(rules)
    for s in sources:
        yield process_one(s, ex, max_bytes, encoding)


def _mp_context(rules: Any):
    """``fork`` from a warm parent where that is safe (Linux, a single thread: the CLI, a plain
    script), so workers start with the rules loaded and the matchers built instead of paying the
    cold start each; otherwise ``forkserver`` (or ``spawn``), which is safe with threads."""
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        try:
            _extractor_for(rules).extract("预热。到2027年,培育十家企业。")  # build what workers will need
        except Exception:  # noqa: BLE001 - a bad rule spec fails in the workers, per file, as usual
            pass
        return mp.get_context("fork")
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(sources: Sequence[str], workers: int) -> Iterator[tuple[int, list[str]]]:
    """``(index of first file, files)`` tasks, shrinking as the batch runs out (guided scheduling):
    large chunks first to keep task overhead low, single files at the end so that no worker idles
    while another finishes a long chunk."""
    i = 0
    while i < len(sources):
        size = max(1, min(_MAX_CHUNK, math.ceil((len(sources) - i) / (workers * _TASKS_PER_WORKER))))
        yield i, list(sources[i:i + size])
        i += size


def _pooled(
    sources: Sequence[str],
    rules: Any,
    workers: int,
    max_bytes: int | None,
    encoding: str | None,
    render: str | None = None,
) -> Iterator[Any]:
    """Chunks of files on a process pool; results in input order.

    A worker that dies (crash, out of memory, killed from outside) takes the pool with it: every
    file that was in flight is retried once, alone in a fresh worker, and only a file whose worker
    dies again becomes a Failure — an innocent file never fails because a neighbour killed the pool.
    """
    queue: collections.deque[tuple[int, list[str]]] = collections.deque(_chunks(sources, workers))
    suspects: collections.deque[tuple[int, list[str]]] = collections.deque()  # retried one at a time
    deaths: dict[int, int] = {}  # file index -> times its worker died under it
    done: dict[int, list[Any]] = {}
    next_index = 0
    executor: ProcessPoolExecutor | None = None
    running: dict[Future, tuple[int, list[str]]] = {}
    try:
        while queue or suspects or running:
            if executor is None:
                executor = ProcessPoolExecutor(
                    workers, mp_context=_mp_context(rules), initializer=_init_worker,
                    initargs=(rules, max_bytes, encoding, render, os.getpid()),
                )
            if suspects:
                if not running:
                    task = suspects.popleft()
                    running[executor.submit(_run_chunk, task[1])] = task
            else:
                while queue and len(running) < 2 * workers:
                    task = queue.popleft()
                    running[executor.submit(_run_chunk, task[1])] = task
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken: list[tuple[int, list[str]]] = []
            for fut in finished:
                task = running.pop(fut)
                try:
                    done[task[0]] = fut.result()
                except BrokenProcessPool:
                    broken.append(task)
                except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be pickled
                    done[task[0]] = [
                        Failure(source=s, error="ExtractionError", message=f"worker error: {type(e).__name__}: {e}")
                        for s in task[1]
                    ]
            if broken:
                broken += list(running.values())  # every task in flight died with the pool
                running.clear()
                _kill(executor)
                executor = None
                retry = []
                for index, paths in broken:
                    for k, path in enumerate(paths):
                        deaths[index + k] = deaths.get(index + k, 0) + 1
                        if deaths[index + k] > 1:
                            done[index + k] = [Failure(
                                source=path, error="ExtractionError",
                                message="the worker process died twice on this file (crash, out of memory or killed)",
                            )]
                        else:
                            retry.append((index + k, [path]))
                suspects = collections.deque(sorted([*suspects, *retry]))  # in input order
            while next_index in done:
                chunk = done.pop(next_index)
                yield from chunk
                next_index += len(chunk)
    finally:
        if executor is not None:
            if queue or suspects or running:
                _kill(executor)
            else:
                executor.shutdown(wait=True)


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel queued work and terminate its processes (Ctrl-C, dead worker)."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        try:
            p.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    for p in procs:
        p.join(timeout=5)


def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (where stderr is no terminal but a bar still shows)."""
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    try:
        ip = get() if get is not None else None
    except Exception:  # noqa: BLE001
        return False
    return ip is not None and hasattr(ip, "kernel")


def _with_progress(results: Iterator[Any], total: int, progress: bool | None, desc: str) -> Iterator[Any]:
    """A progress bar over ``results``: on a terminal, or in a notebook (``tqdm.auto`` widgets)."""
    notebook = _in_notebook()
    show = progress is not False and total > 0 and (sys.stderr.isatty() or notebook)
    if not show:
        yield from results
        return
    try:
        if notebook:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
    except ImportError:
        yield from results
        return
    with tqdm(total=total, file=sys.stderr, unit="file", desc=desc, dynamic_ncols=True) as bar:
        for r in results:
            bar.update(1)
            yield r


def _with_ids(results: Iterator[Any], ids: Sequence[str]) -> Iterator[Any]:
    """Give each document of ``results`` (in input order) its id of the run."""
    for r, doc_id in zip(results, ids):
        if isinstance(r, PolicyDocument):
            r.id = doc_id
        yield r


def _results(
    sources: Sequence[str],
    *,
    rules: Any,
    workers: int | None,
    client: Any,
    max_bytes: int | None,
    encoding: str | None,
    render: str | None = None,
) -> Iterator[Any]:
    """Results in input order: documents/Failures, or (result, rendered text) pairs from pool
    workers when ``render`` names a format."""
    if not sources:
        return iter(())
    if client is not None:
        from .distributed import run_on_dask

        return run_on_dask(list(sources), rules=rules, client=client, max_bytes=max_bytes, encoding=encoding,
                           workers=workers)
    if workers is None:  # default: one process per core, but only as many as have a few files each
        n = min(os.cpu_count() or 1, math.ceil(len(sources) / _MIN_FILES_PER_AUTO_WORKER))
    else:
        n = min(workers, len(sources))
    if n <= 1:
        return _serial(sources, rules, max_bytes, encoding)
    return _pooled(sources, rules, n, max_bytes, encoding, render)


def extract_many(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    rules: Any = None,
    workers: int | None = None,
    progress: bool | None = True,
    client: Any = None,
    *,
    max_bytes: int | None = None,
    encoding: str | None = None,
) -> Iterator[PolicyDocument | Failure]:
    """Extract many files: one result per file, in input order; never raises part-way.

    Args:
        paths: files and folders (folders expand to their .txt .htm .html .docx .pdf files, sorted,
            and to documents in formats that cannot be read, which become Failures). Ids are
            unique within the call (:func:`document_ids`).
        rules: as for :func:`futurepolicy.extract`.
        workers: processes (default: ``os.cpu_count()``, fewer for small batches so that each has
            a few files; 1 runs in this process). Results are the same whatever the number.
        progress: show a progress bar on stderr when stderr is a terminal, or in a Jupyter
            notebook (``False``: never).
        client: a ``dask.distributed.Client`` (or a scheduler address, or ``"local"``) to run on.
        max_bytes: inputs larger than this fail with ``FileTooLargeError`` (default 64 MiB; 0: no limit).
        encoding: force the text encoding of .txt/.html inputs.

    Returns:
        An iterator of :class:`PolicyDocument` and :class:`Failure` (``ok`` is False, with ``source``,
        ``error`` — the error class name — and ``message``).

    Note:
        Worker processes are started with ``forkserver``/``spawn``, so a *script* that calls this with
        ``workers > 1`` needs the usual ``if __name__ == "__main__":`` guard (notebooks do not).

    Raises:
        RulePackError: the rules cannot be loaded (raised here, before any file is read).
    """
    _check_max_bytes(max_bytes)
    if rules is not None:
        _extractor_for(rules)  # a bad pack fails now, not once per file
    inputs = collect_inputs(paths)
    sources = [i.path for i in inputs]
    results = _results(sources, rules=rules, workers=workers, client=client, max_bytes=max_bytes, encoding=encoding)
    return _with_progress(_with_ids(iter(results), document_ids(inputs)), len(sources), progress, "extracting")


def _check_max_bytes(max_bytes: Any) -> None:
    """A bad ``max_bytes`` is an argument error of the call, not a failure of every file."""
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0):
        raise FuturePolicyError(f"max_bytes should be a whole number of bytes >= 0 (0: no limit), got {max_bytes!r}")


# -- convert: results to files ---------------------------------------------------------------------


class _AtomicStream:
    """A file written line by line and renamed into place at the end (the streaming form of
    :func:`~futurepolicy.export.write_atomic`): an interrupted run leaves no partial file."""

    def __init__(self, path: Path):
        self.path = path
        fd, self.tmp = temp_file(path.parent)
        self.f = os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n")  # as encode_text

    def write(self, s: str) -> None:
        self.f.write(s)

    def commit(self) -> None:
        self.f.flush()
        os.fsync(self.f.fileno())
        self.f.close()
        os.chmod(self.tmp, 0o666 & ~_umask())  # as write_atomic: mkstemp's 0600 is not an output's mode
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if not self.f.closed:
            self.f.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _require_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        from .errors import MissingExtraError

        raise MissingExtraError("parquet", "pyarrow", purpose="write Parquet files") from None


def _frame_bytes(df: Any, fmt: str) -> bytes:
    if fmt == "csv":
        df = df.copy()
        for col in df.columns:
            if df[col].dtype == object:
                df[col] = [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in df[col]]
        # a BOM, so that Excel on Chinese Windows reads UTF-8 (ids stay text: see export.read_frames)
        return df.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    _require_pyarrow()
    import io

    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def convert(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    rules: Any = None,
    fmt: str = "json",
    workers: int | None = None,
    scheduler: Any = None,
    skip_existing: bool = False,
    max_bytes: int | None = None,
    encoding: str | None = None,
    progress: bool | None = None,
) -> int:
    """``futurepolicy convert``: convert files and folders into OUTDIR; returns the exit code.

    Writes ``OUTDIR/<stem>.json`` (json; folders mirrored), ``OUTDIR/documents.jsonl`` (jsonl),
    ``OUTDIR/documents.csv``, ``OUTDIR/goals.csv`` … (csv/parquet: the tables of
    :func:`~futurepolicy.export.to_frames`, one row per input in ``documents``; CSV in UTF-8 with a BOM) or
    ``OUTDIR/<stem>.html`` (html); every file atomically. Failed inputs go to ``OUTDIR/errors.jsonl``
    (only when some failed) and to stderr, with the run summary.

    Args:
        paths: files and folders.
        out: the output folder (created if missing).
        rules, workers, max_bytes, encoding: as for :func:`extract_many`.
        fmt: ``json``, ``jsonl``, ``csv``, ``parquet`` or ``html``.
        scheduler: a Dask scheduler address, ``"local"``, or a Client: run on Dask instead of a pool.
        skip_existing: skip inputs whose json/html output exists (resume an interrupted run).
        progress: ``None`` shows a bar when stderr is a terminal; ``False`` never.

    Returns:
        0 if every input converted, 1 otherwise (some failed, or nothing to convert).

    Raises:
        FuturePolicyError: bad arguments (format, output folder, clashing outputs, rules);
            ``ReaderError`` for a path that does not exist (before anything is written).
        KeyboardInterrupt: Ctrl-C; finished outputs stay, no partial file is left.
    """
    started = time.monotonic()
    if fmt not in FORMATS:
        raise FuturePolicyError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    require_paths(paths)  # a mistyped path fails before the output folder is made
    outdir = Path(out)
    if outdir.exists() and not outdir.is_dir():
        raise FuturePolicyError(f"the output path {outdir} exists and is not a folder")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FuturePolicyError(f"cannot create the output folder {outdir}: {e.strerror or e}") from None
    _check_max_bytes(max_bytes)
    if rules is not None:
        _extractor_for(rules)  # fail on a bad pack before anything runs
    remove_stale_temp_files(outdir)  # of a run that was killed mid-write
    if fmt == "parquet":
        _require_pyarrow()

    inputs, seen = [], set()
    for i in collect_inputs(paths, exclude=outdir):
        key = os.path.realpath(i.path)
        if key not in seen:
            seen.add(key)
            inputs.append(i)
    if not inputs:
        print("futurepolicy: no .txt .htm .html .docx .pdf files to convert", file=sys.stderr)
        return 1

    per_input = fmt in ("json", "html")
    targets: list[Path | None] = [None] * len(inputs)
    if per_input:
        targets = [outdir / p for p in output_paths(inputs, "." + fmt)]
        clobbered = sorted(seen & {os.path.realpath(t) for t in targets})  # type: ignore[arg-type]
        if clobbered:
            raise FuturePolicyError(f"the output would overwrite the input {clobbered[0]}; choose another -o OUTDIR")
    skipped = 0
    todo = list(range(len(inputs)))
    if skip_existing:
        if per_input:
            todo = [k for k in todo if not targets[k].exists()]  # type: ignore[union-attr]
            skipped = len(inputs) - len(todo)
        else:
            print(f"futurepolicy: --skip-existing applies to json and html output only; ignored for {fmt}",
                  file=sys.stderr)

    ids = document_ids(inputs)
    # workers render json/jsonl/html with the documents' own ids: only when no id had to change
    stems_are_ids = ids == [PurePath(i.path).stem or i.path for i in inputs]
    sources = [inputs[k].path for k in todo]
    results = _results(sources, rules=rules, workers=workers, client=scheduler, max_bytes=max_bytes, encoding=encoding,
                       render=fmt if fmt in ("json", "jsonl", "html") and stems_are_ids else None)
    results = _with_progress(iter(results), len(sources), progress, "converting")  # a generator

    failures: list[Failure] = []
    converted = 0
    stream = _AtomicStream(outdir / JSONL_FILE) if fmt == "jsonl" else None
    frames: dict[str, list[Any]] = collections.defaultdict(list)
    writer = _writer(fmt, stream, frames)
    try:
        for k, item in zip(todo, results):
            result, rendered = item if isinstance(item, tuple) else (item, None)
            target = targets[k]
            if isinstance(result, PolicyDocument):
                result.id = ids[k]
            if result.ok:
                try:
                    writer(result, target, rendered)
                    converted += 1
                    continue
                except Exception as e:  # noqa: BLE001 - one document that cannot be written is its own failure
                    result = _write_failure(result.source or inputs[k].path, fmt, e)
            failures.append(result)
            if fmt in ("csv", "parquet"):
                frames["documents"].append(_failure_frame(result, ids[k]))
            _remove_stale_output(target)
        if stream is not None:
            stream.commit()
            stream = None
        if fmt in ("csv", "parquet"):
            _write_tables(outdir, fmt, frames)
    finally:
        results.close()  # stops a pool at once on Ctrl-C or an error
        if stream is not None:
            stream.discard()

    errors_path = outdir / ERRORS_FILE
    if failures:
        write_atomic(errors_path, "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in failures))
    elif errors_path.exists():
        errors_path.unlink()  # from an earlier run: every input converted this time

    _summary(len(inputs), converted, skipped, failures, outdir, fmt, time.monotonic() - started)
    return 0 if not failures else 1


def _remove_stale_output(target: Path | None) -> None:
    """Remove the output an earlier run wrote for an input that failed now: it would claim the
    input converted."""
    if target is None:
        return
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    except OSError as e:
        print(f"futurepolicy: cannot remove the stale output {target}: {e.strerror or e}", file=sys.stderr)


def _write_failure(source: str, fmt: str, e: Exception) -> Failure:
    """The Failure of a document that converted but could not be rendered or written."""
    if isinstance(e, FuturePolicyError):
        kind, msg = e.kind, e.message
    elif isinstance(e, (NotImplementedError, ImportError, OSError)):
        kind, msg = type(e).__name__, str(e)
    else:
        kind, msg = "ExtractionError", f"internal error: {type(e).__name__}: {e}"
    return Failure(source=source, error=kind, message=f"cannot write {fmt}: {msg}")


def _writer(
    fmt: str, stream: _AtomicStream | None, frames: dict[str, list[Any]]
) -> Callable[[Any, Path | None, str | None], None]:
    """A function writing one document; ``rendered`` is its text when a worker made it already."""
    if fmt == "json":
        return lambda doc, target, rendered: write_atomic(target, rendered or doc.to_json() + "\n")
    if fmt == "html":
        return lambda doc, target, rendered: write_atomic(target, rendered or doc.to_html())
    if fmt == "jsonl":
        return lambda doc, target, rendered: stream.write(  # type: ignore[union-attr]
            rendered or doc.to_json(indent=None) + "\n"
        )

    def add_frames(doc: Any, target: Any, rendered: Any = None) -> None:
        import dataclasses

        from .export import to_frames

        safe_id, safe_source = _safe(doc.id), _safe(doc.source)  # a file name that is not UTF-8
        if (safe_id, safe_source) != (doc.id, doc.source):
            doc = dataclasses.replace(doc, id=safe_id, source=safe_source)
        for name, df in to_frames([doc]).items():
            frames[name].append(df)

    return add_frames


def _failure_frame(failure: Failure, doc_id: str) -> Any:
    """The ``documents`` row of a failed input, under its id of the run."""
    from .export import to_frames

    import dataclasses

    df = to_frames([dataclasses.replace(failure, source=_safe(failure.source))])["documents"]
    df["document"] = _safe(doc_id)
    return df


def _safe(text: str | None) -> str | None:
    """``text`` with a file name's undecodable bytes as escapes (see :func:`~futurepolicy.export.encode_text`)."""
    return None if text is None else encode_text(text).decode("utf-8")


def _write_tables(outdir: Path, fmt: str, frames: dict[str, list[Any]]) -> None:
    import pandas as pd

    from .export import FRAME_COLUMNS, to_frames

    empty = to_frames([])
    for name in FRAME_COLUMNS:
        parts = [df for df in frames.get(name, []) if len(df)]
        df = pd.concat(parts, ignore_index=True) if parts else empty[name]
        df = df.astype(empty[name].dtypes.to_dict())
        write_atomic(outdir / f"{name}.{fmt}", _frame_bytes(df, fmt))


def _summary(
    total: int, converted: int, skipped: int, failures: list[Failure], outdir: Path, fmt: str, secs: float
) -> None:
    for f in failures:
        print(f"futurepolicy: FAILED {f.source}: {f.error}: {f.message}", file=sys.stderr)
    parts = [f"converted {converted} of {total} file(s) to {outdir} ({fmt}) in {secs:.1f}s"]
    if skipped:
        parts.append(f"{skipped} skipped (output exists)")
    if failures:
        parts.append(f"{len(failures)} failed (see {outdir / ERRORS_FILE})")
    print("futurepolicy: " + "; ".join(parts), file=sys.stderr)
