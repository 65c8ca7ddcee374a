"""Validated rule packs cached on disk as JSON, keyed by the bytes of the pack's files.

Reading and validating the national pack (12,000 divisions) takes ~60 ms, paid by every new
process: each ``convert`` run, each worker started without ``fork``. A pack whose files are
byte-for-byte unchanged, read by the same futurepolicy code, validates to the same data, so that
data is kept in the user cache folder and read back in a few milliseconds.

The key covers every file of the pack (names and contents) and the loader's own code, so an
edited pack or a new futurepolicy is never served stale data. JSON, not pickle: a cache file
holds data only. A missing, unreadable or corrupt cache entry is ignored (the pack is read from
its files and the entry written again); a read-only cache folder just means no cache.

``FUTUREPOLICY_CACHE_DIR`` chooses the folder; set it to an empty string (or ``off``) to disable.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when the cached layout changes
KEEP = 64  # entries kept; older ones (edited packs, earlier versions) are removed when one is written


def cache_dir() -> Path | None:
    """The folder of cached packs, or None when caching is off."""
    env = os.environ.get("FUTUREPOLICY_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "none", "false") else Path(env) / "packs"
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("futurepolicy", appauthor=False)) / "packs"
    except Exception:  # noqa: BLE001 - not installed, or no home folder: no cache
        return None


@functools.lru_cache(maxsize=1)
def _code_stamp() -> bytes:
    """The loader's code: a changed schema or validator must not read data it did not validate."""
    from .. import __version__

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    here = Path(__file__).parent
    for name in ("__init__.py", "_schema.py", "_cache.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:
            h.update(b"?")
    return h.digest()


def pack_key(path: Path, *, probe: bool) -> str | None:
    """The cache key of the pack at ``path``: its files' names and bytes, ``probe``, the loader code.

    None when a file cannot be read (the loader then reports it).
    """
    h = hashlib.sha256(_code_stamp())
    h.update(b"probe" if probe else b"trusted")
    try:
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if not f.name.startswith("."))
        else:
            files = [path]
        for f in files:
            h.update(b"\0" + f.name.encode("utf-8", "surrogatepass") + b"\0")
            # only regular files are read (a FIFO would block); the loader reports anything else
            h.update(f.read_bytes() if f.is_file() else b"<dir>" if f.is_dir() else b"<other>")
    except OSError:
        return None
    return h.hexdigest()


def load(key: str) -> dict[str, Any] | None:
    """The cached data of a pack, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def store(key: str, data: dict[str, Any]) -> None:
    """Cache a pack's data (written whole or not at all; data JSON cannot hold exactly is skipped)."""
    folder = cache_dir()
    if folder is None:
        return
    record = {"format": FORMAT, **data}
    try:
        text = json.dumps(record, ensure_ascii=False)
        if json.loads(text) != record:  # e.g. a mapping with number keys: not cached
            return
        from ..export import write_atomic  # a temporary file and a rename: whole or not at all

        write_atomic(folder / f"{key}.json", text)
        _prune(folder)
    except (OSError, TypeError, ValueError):
        return


def _prune(folder: Path) -> None:
    entries = []
    for f in folder.glob("*.json"):
        try:
            entries.append((f.stat().st_mtime, f))
        except OSError:
            continue
    for _, f in sorted(entries, reverse=True)[KEEP:]:
        try:
            f.unlink()
        except OSError:
            pass
