"""Rule packs: data that tells the extractors about places, organisations, industries and phrasings.

A pack is a folder (``pack.yaml`` plus one file per section: ``places.csv``, ``lexicon.yaml`` …) or
a single YAML file holding the same keys. Packs are looked up by path, then among installed
packages registering the ``futurepolicy.rules`` entry-point group, then among the built-in packs.
Loading is safe (``yaml.safe_load``, no code), validated against :mod:`._schema`, and every problem
is reported at once, one line each, naming the file and the entry::

    RulePackError [R002]: packs/toy: 2 problems (one line each):
      places.csv: [places -> line 3 (两江协同创新区) -> level] 'twon' is not one of: province, city, …
      instruments.yaml: [instruments -> 2 (subsidy) -> pattern] regex backtracks catastrophically …

Packs stack: a later pack adds entries, replaces entries with the same key and drops entries of the
packs below it with ``remove:``. :func:`resolve_rules` turns an ``extract(..., rules=…)`` argument
into the merged :class:`RuleSet` the extractors read.

Examples:
    >>> rules = load_rules("national")
    >>> rules.name, bool(rules.version)
    ('national', True)
    >>> resolve_rules(["national"]).names
    ['national']
"""

from __future__ import annotations

import contextlib
import csv
import functools
import gc
import hashlib
import io
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import RegexTimeoutError, RulePackError, UnknownRulePackError
from . import _cache
from ._schema import PACK_KEYS, SECTIONS, FieldSpec, TableSpec, WordsSpec

__all__ = [
    "RulePack",
    "RuleSet",
    "PackInfo",
    "load_rules",
    "available_rules",
    "installed_packs",
    "resolve_rules",
    "check_pack",
    "check_examples",
    "find_region_pack",
    "refresh",
    "compile_pattern",
    "finditer",
    "search",
    "REGEX_TIMEOUT",
    "pattern_timeout",
    "ENTRY_POINT_GROUP",
    "EXAMPLE_LABELS",
]

BUILTIN_DIR = Path(__file__).resolve().parent
ENTRY_POINT_GROUP = "futurepolicy.rules"
REGEX_TIMEOUT = 0.5  # seconds a pattern of a pack from outside futurepolicy may run on a short text …
REGEX_TIMEOUT_PER_CHAR = 2e-6  # … plus this per character (2 s per million): the limit grows with the text
_PROBE_TIMEOUT = 0.05  # seconds a pattern may take on one adversarial probe at load time
_DATA_SUFFIXES = (".csv", ".yaml", ".yml")
# Files a pack folder may hold besides its data (docs, packaging); reported nowhere.
_SKIPPED_SUFFIXES = (".md", ".rst", ".py", ".pyc", ".typed", ".txt", ".cfg", ".toml", ".json", ".lock")
_MAX_PROBLEMS = 50  # lines listed in one error; the count says how many there are
# Bounds on what a pack may ask of the loader (hostile or broken packs fail with a RulePackError):
MAX_PACK_FILE_BYTES = 16 * 1024 * 1024  # one data file (the national pack's largest is ~130 KB)
MAX_PACK_BYTES = 32 * 1024 * 1024  # all the files of one pack
MAX_YAML_NODES = 2_000_000  # values of one YAML file with every alias expanded
MAX_YAML_DEPTH = 32  # nesting of lists and mappings in one YAML file
MAX_EXTENDS_DEPTH = 16  # packs stacked through `extends`, bottom to top
MAX_PATTERN_CHARS = 4096  # characters of one pack regex
MAX_PATTERN_REPEAT = 100_000  # positions one regex asks for through counted repeats such as (?:a{100}){100}
_PACK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Object types an ``examples`` entry can expect, as in PolicyDocument.
EXAMPLE_LABELS = ("region", "institution", "industry", "goal", "measure")


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while building long-lived tables and matchers.

    Building a gazetteer of 12,000 divisions allocates objects that all survive; the collector
    would walk them again and again (30-50 ms of every start-up) to find no garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- one pack -------------------------------------------------------------------------------------


@dataclass
class RulePack:
    """One validated rule pack, as written (not yet merged with the packs below it).

    ``tables`` maps a table section to its entries (dicts with every schema field);
    ``words`` maps a word-list section to ``{list name: [words]}``; ``remove`` holds the
    ``{section: [keys]}`` / ``{section.list: [words]}`` to drop from the packs below.
    """

    name: str
    version: str
    path: str
    extends: list[str] = field(default_factory=list)
    region: str | None = None
    region_code: str | None = None
    title: str | None = None
    description: str | None = None
    source: str | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    remove: dict[str, list[str]] = field(default_factory=dict)
    fingerprint: str = ""  # hash of the pack's files (name, size, mtime): changes when the data does

    def __repr__(self) -> str:
        return f"<RulePack {self.name} {self.version} ({self.path})>"

    @property
    def builtin(self) -> bool:
        """Shipped inside futurepolicy: its patterns are probed by the test suite and run unlimited."""
        try:
            return Path(self.path).resolve().parent == BUILTIN_DIR
        except (OSError, ValueError):
            return False

    @property
    def folder(self) -> Path:
        """The folder relative ``extends:`` paths are resolved against."""
        p = Path(self.path)
        return p if p.is_dir() else p.parent


def _read_limited(path: Path, what: str = "") -> bytes:
    """The bytes of a pack file, refusing files over :data:`MAX_PACK_FILE_BYTES` before reading."""
    try:
        st = path.stat()
        if not path.is_file():
            raise RulePackError("not a regular file", source=str(path))
        if st.st_size > MAX_PACK_FILE_BYTES:
            raise RulePackError(
                f"{st.st_size:,} bytes, larger than the limit of {MAX_PACK_FILE_BYTES:,} bytes for one pack file",
                source=str(path),
            )
        with open(path, "rb") as f:
            return f.read(MAX_PACK_FILE_BYTES + 1)  # a file grown since stat() fails in _decode_pack_text
    except OSError as e:
        raise RulePackError(f"cannot read: {e.strerror or e}", source=str(path)) from None


def _decode_pack_text(data: bytes, path: Path) -> str:
    if len(data) > MAX_PACK_FILE_BYTES:
        raise RulePackError(f"larger than the limit of {MAX_PACK_FILE_BYTES:,} bytes for one pack file",
                            source=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RulePackError("not UTF-8 text", source=str(path)) from None


def _yaml_load(path: Path) -> Any:
    """A YAML pack file, safely: no code, bounded size, and aliases and nesting checked on the
    parsed node graph before any Python object is built (an alias bomb never expands)."""
    import yaml

    text = _decode_pack_text(_read_limited(path), path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml: 10x faster, same safety
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        problem = _node_graph_problem(node)
        if problem:
            raise RulePackError(problem, source=str(path))
        return loader.construct_document(node)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RulePackError(f"invalid YAML{where}: {problem}", source=str(path)) from None
    except (RecursionError, MemoryError) as e:
        raise RulePackError(f"YAML too deeply nested or too large ({type(e).__name__})", source=str(path)) from None
    finally:
        loader.dispose()


def _node_graph_problem(root: Any) -> str | None:
    """Why a composed YAML document is too big to build, or None: its size with every alias
    expanded (counted on the shared node graph, without expanding it) and its nesting depth."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            kids = _node_children(node)
            size[key] = min(1 + sum(size[id(k)] for k in kids), MAX_YAML_NODES + 1)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            on_path.discard(key)
            if size[key] > MAX_YAML_NODES:
                return (f"aliases expand to more than {MAX_YAML_NODES:,} values (an alias bomb?); "
                        "write the entries out")
            if depth[key] > MAX_YAML_DEPTH:
                return f"nested more than {MAX_YAML_DEPTH} levels deep"
            continue
        if key in size:
            continue
        if key in on_path:
            return "a recursive alias (a list or mapping that contains itself)"
        on_path.add(key)
        stack.append((node, True))
        for k in _node_children(node):
            if id(k) not in size:
                stack.append((k, False))
    return None


def _node_children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, tuple):
                out.extend(item)  # (key node, value node) of a mapping
            else:
                out.append(item)
        return out
    return []


def _csv_load(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    """Rows of a CSV table as dicts (``_line``: the line number). Lines starting with ``#`` are comments.

    A row with more or fewer cells than the header is a problem (one line each), not a guess.
    """
    text = _decode_pack_text(_read_limited(path), path)
    lines = [(i + 1, ln) for i, ln in enumerate(text.splitlines()) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return []
    try:
        parsed = list(csv.reader(io.StringIO("\n".join(ln for _, ln in lines))))
    except csv.Error as e:
        raise RulePackError(f"invalid CSV: {e}", source=str(path)) from None
    if len(parsed) != len(lines):  # a quoted cell spanning lines: keep CSV semantics, lose exact numbers
        numbers = list(range(lines[0][0], lines[0][0] + len(parsed)))
    else:
        numbers = [n for n, _ in lines]
    header = [h.strip() for h in parsed[0]]
    if len(set(header)) != len(header) or "" in header:
        problems.append(f"[line {numbers[0]}] the header has an empty or repeated column: {','.join(header)}")
        return []
    rows = []
    for n, cells in zip(numbers[1:], parsed[1:]):
        if len(cells) != len(header):
            problems.append(
                f"[line {n}] has {len(cells)} cells but the header has {len(header)} ({','.join(header)})"
            )
            continue
        row: dict[str, Any] = {h: c.strip() for h, c in zip(header, cells)}
        row["_line"] = n
        rows.append(row)
    return rows


def _check_value(
    spec: FieldSpec, value: Any, loc: str, problems: list[str], *, from_csv: bool, probe: bool = True
) -> Any:
    """Validate and coerce one field value; append a problem line when it is wrong."""
    if value is None or value == "" or value == []:
        if spec.required:
            problems.append(f"[{loc}] is required")
        return [] if spec.type == "list" else None
    t = spec.type
    if t == "list":
        if from_csv and isinstance(value, str):
            value = [v.strip() for v in value.split("|") if v.strip()]
        elif isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            problems.append(f"[{loc}] should be a list, got {type(value).__name__}")
            return []
        return value
    if t == "int":
        if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
            problems.append(f"[{loc}] should be an integer, got {value!r}")
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            problems.append(f"[{loc}] should be an integer, got {value!r}")
            return None
    if t == "float":
        if isinstance(value, bool):
            problems.append(f"[{loc}] should be a number, got {value!r}")
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            problems.append(f"[{loc}] should be a number, got {value!r}")
            return None
    if t == "bool":
        if isinstance(value, bool):
            return value
        if from_csv and str(value).lower() in ("true", "false", "1", "0", "yes", "no"):
            return str(value).lower() in ("true", "1", "yes")
        problems.append(f"[{loc}] should be true or false, got {value!r}")
        return None
    if t == "dict":
        if not isinstance(value, dict):
            problems.append(f"[{loc}] should be a mapping, got {type(value).__name__}")
            return {}
        return value
    # str and regex
    if isinstance(value, (int, float)) and not isinstance(value, bool) and t == "str":
        value = str(value)
    if not isinstance(value, str):
        problems.append(f"[{loc}] should be text, got {type(value).__name__}")
        return None
    if spec.choices and value not in spec.choices:
        problems.append(f"[{loc}] {value!r} is not one of: {', '.join(spec.choices)}")
    if t == "regex":
        err = _regex_problem(value, probe=probe)
        if err:
            problems.append(f"[{loc}] {err}")
    return value


# -- user regexes: compiled with `regex`, probed at load, time-limited at run time ------------------


def _probe_strings(pattern: str) -> list[str]:
    """Adversarial inputs for a pattern: long runs of its own characters, then a character that fails.

    Nested quantifiers (``(a+)+$``, ``(\\w+\\s?)*$``) take exponential time on such runs; linear
    patterns take microseconds.
    """
    chars = {c for c in pattern if c.isalnum() or c.isspace()} | {"a", "1", "发"}
    probes = []
    for c in sorted(chars)[:16]:
        probes.append(c * 2000 + "\u0001")
    probes.append("".join(sorted(chars)) * 200 + "\u0001")
    probes.append("a " * 1000 + "\u0001")
    probes.append("发展，" * 700 + "\u0001")
    return probes


def _regex_problem(pattern: str, *, probe: bool = True) -> str | None:
    """Why a pack pattern is unusable (does not compile, or backtracks catastrophically), or None.

    ``probe=False`` only compiles: for the packs shipped inside futurepolicy, whose patterns the
    test suite probes (``test_builtin_pack_patterns_pass_the_probe``).
    """
    import regex

    if len(pattern) > MAX_PATTERN_CHARS:
        return f"regex is {len(pattern):,} characters long, more than the limit of {MAX_PATTERN_CHARS:,}"
    weight = _repeat_weight(pattern)
    if weight > MAX_PATTERN_REPEAT:
        return (f"regex repeats too much: its counted repeats ask for {weight:,} positions, "
                f"more than the limit of {MAX_PATTERN_REPEAT:,} (nested {{n}} multiply)")
    try:
        compiled = compile_pattern(pattern)
    except regex.error as e:
        return f"regex does not compile: {e}"
    except (ValueError, OverflowError, RecursionError, MemoryError) as e:
        return f"regex does not compile: {type(e).__name__}: {e}"
    for text in _probe_strings(pattern) if probe else ():
        try:
            for _ in compiled.finditer(text, timeout=_PROBE_TIMEOUT):
                pass
        except TimeoutError:
            return (
                "regex backtracks catastrophically (nested repetition such as (a+)+ ran past "
                f"{_PROBE_TIMEOUT}s on a {len(text)}-character input)"
            )
    return None


_COUNTED = re.compile(r"\{(\d*)(?:,(\d*))?\}")


def _repeat_weight(pattern: str) -> int:
    """How many positions a pattern spells out through counted repeats: ``a{3}`` 3, ``(?:ab{10}){100}``
    1,100 … nested counts multiply. The ``regex`` module compiles a counted repeat by unrolling it, so
    a 42-byte ``(?:(?:b{65535}){65535})`` would need gigabytes: such patterns are refused up front.
    The estimate is an upper bound on the nesting of groups, classes and escapes, not a parser."""
    stack: list[int] = [0]  # weight of the sequence built so far, per open group
    last = 0  # weight of the last atom (what a quantifier applies to)
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            last = 1
        elif c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            last = 1
        elif c == "(":
            stack.append(0)
            i += 1
            last = 0
            continue
        elif c == ")":
            inner = stack.pop() if len(stack) > 1 else 0
            i += 1
            last = max(inner, 1)
        elif c == "{" and (m := _COUNTED.match(pattern, i)) and (m.group(1) or m.group(2)):
            hi = max(int(m.group(1) or 0), int(m.group(2) or 0))
            stack[-1] += last * max(hi - 1, 0)  # the atom counted once already
            last = last * hi
            i = m.end()
            continue
        elif c == "|":
            i += 1
            continue
        else:
            i += 1
            last = 1
        stack[-1] += last
        if stack[-1] > 10 * MAX_PATTERN_REPEAT:
            return stack[-1]
    return sum(stack)


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str):
    """Compile a pack pattern with the ``regex`` module (cached). Run it with :func:`finditer`."""
    import regex

    return regex.compile(pattern)


def pattern_timeout(n_chars: int) -> float:
    """The time limit of a pattern from a pack outside futurepolicy on a text of ``n_chars``:
    :data:`REGEX_TIMEOUT` plus :data:`REGEX_TIMEOUT_PER_CHAR` per character. Such patterns passed the
    load-time probe, so a linear one runs far below it on any machine; the limit only stops one that
    backtracks on some text the probe did not try."""
    return REGEX_TIMEOUT + REGEX_TIMEOUT_PER_CHAR * n_chars


def finditer(
    pattern: Any, text: str, *, source: str | None = None, timeout: float | None = REGEX_TIMEOUT
) -> list:
    """All matches of a pack pattern in ``text``, with a time limit (``None``: none, for patterns
    of the built-in packs, which the tests probe once).

    Examples:
        >>> [m.group() for m in finditer(r"给予.{0,6}补贴", "对企业给予研发补贴。")]
        ['给予研发补贴']

    Raises:
        RegexTimeoutError: the pattern ran past ``timeout`` seconds on this text.
    """
    if isinstance(pattern, str):
        pattern = compile_pattern(pattern)
    try:
        return list(pattern.finditer(text, timeout=timeout))
    except TimeoutError:
        raise RegexTimeoutError(
            f"pattern {pattern.pattern!r} ran past its {timeout}s time limit", source=source
        ) from None


def search(pattern: Any, text: str, *, source: str | None = None, timeout: float | None = REGEX_TIMEOUT):
    """The first match of a pack pattern in ``text`` or ``None``, with a time limit (see :func:`finditer`)."""
    if isinstance(pattern, str):
        pattern = compile_pattern(pattern)
    try:
        return pattern.search(text, timeout=timeout)
    except TimeoutError:
        raise RegexTimeoutError(
            f"pattern {pattern.pattern!r} ran past its {timeout}s time limit", source=source
        ) from None


# -- validation -------------------------------------------------------------------------------------


def _entry_loc(section: str, i: int, entry: Any, key: str, line: int | None) -> str:
    where = f"line {line}" if line else str(i + 1)
    label = entry.get(key) if isinstance(entry, dict) else None
    if label not in (None, "") and not isinstance(label, (dict, list)):
        text = str(label)
        return f"{section} -> {where} ({text if len(text) <= 24 else text[:23] + '…'})"
    return f"{section} -> {where}"


def _check_words(value: list[Any], loc: str, problems: list[str]) -> list[str]:
    """Items of a list field (aliases, short forms) are words: numbers become text, anything else is wrong."""
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            problems.append(f"[{loc}] should be a list of words, got an item {item!r}")
            continue
        out.append(str(item))
    return out


def _check_expect(value: Any, loc: str, problems: list[str]) -> list[dict[str, str]]:
    out = []
    for j, item in enumerate(value or []):
        if not isinstance(item, dict) or set(item) - {"label", "text"} or not item.get("label") or not item.get("text"):
            problems.append(f"[{loc} -> {j + 1}] should be a mapping {{label: …, text: …}}, got {item!r}")
            continue
        if item["label"] not in EXAMPLE_LABELS:
            problems.append(f"[{loc} -> {j + 1} -> label] {item['label']!r} is not one of: {', '.join(EXAMPLE_LABELS)}")
            continue
        out.append({"label": str(item["label"]), "text": str(item["text"])})
    return out


def _validate_section(
    name: str, data: Any, problems: list[str], *, from_csv: bool, probe: bool = True
) -> tuple[list[dict[str, Any]] | None, dict[str, list[str]] | None]:
    spec = SECTIONS[name]
    if isinstance(spec, TableSpec):
        if isinstance(data, dict) and name != "examples":
            # {key: {fields}} mappings are accepted too
            data = [{spec.key: k, **v} if isinstance(v, dict) else v for k, v in data.items()]
        if not isinstance(data, list):
            problems.append(f"[{name}] should be a list of entries, got {type(data).__name__}")
            return [], None
        rows = []
        # a CSV states its fields once, in the header: report a wrong header once, not on every row
        header = [k for k in data[0] if k != "_line"] if from_csv and data else []
        unknown_columns = [k for k in header if k not in spec.fields]
        missing_columns = [f for f, fs in spec.fields.items() if fs.required and from_csv and data and f not in header]
        for k in unknown_columns:
            problems.append(f"[header -> {k}] unknown column; known: {', '.join(spec.fields)}")
        for k in missing_columns:
            problems.append(f"[header] the required column {k!r} is missing")
        for i, entry in enumerate(data):
            line = entry.pop("_line", None) if isinstance(entry, dict) else None
            loc = _entry_loc(name, i, entry, spec.key, line)
            if not isinstance(entry, dict):
                problems.append(f"[{loc}] should be a mapping of fields, got {type(entry).__name__}")
                continue
            row: dict[str, Any] = {}
            for k in entry:
                if k not in spec.fields and not from_csv:
                    problems.append(f"[{loc} -> {k}] unknown field; known: {', '.join(spec.fields)}")
            for fname, fspec in spec.fields.items():
                if fname in missing_columns:
                    row[fname] = None
                    continue
                row[fname] = _check_value(
                    fspec, entry.get(fname), f"{loc} -> {fname}", problems, from_csv=from_csv, probe=probe
                )
                if fspec.type == "list" and name != "examples":
                    row[fname] = _check_words(row[fname], f"{loc} -> {fname}", problems)
            if name == "examples":
                row["expect"] = _check_expect(row.get("expect"), f"{loc} -> expect", problems)
            rows.append(row)
        return rows, None
    assert isinstance(spec, WordsSpec)
    if not isinstance(data, dict):
        problems.append(f"[{name}] should be a mapping of list name -> words, got {type(data).__name__}")
        return None, {}
    lists: dict[str, list[str]] = {}
    for lname, words in data.items():
        loc = f"{name} -> {lname}"
        if not spec.open and lname not in spec.lists:
            problems.append(f"[{loc}] unknown list; known: {', '.join(spec.lists)}")
            continue
        if isinstance(words, str):
            words = [words]
        if words is None:
            words = []
        if not isinstance(words, list) or not all(isinstance(w, (str, int)) and not isinstance(w, bool) for w in words):
            problems.append(f"[{loc}] should be a list of words")
            continue
        lists[str(lname)] = [str(w) for w in words]
    return None, lists


def _fingerprint(files: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        try:
            st = f.stat()
        except OSError:
            continue
        h.update(f"{f.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _read_pack(path: Path, *, probe: bool = True) -> RulePack:
    """Read and validate one pack (folder or YAML file) without resolving ``extends``, through the
    on-disk cache of validated packs (:mod:`._cache`).

    ``probe=False`` skips the backtracking probe of its patterns (built-in packs: probed by the tests).
    """
    with gc_paused():
        return _read_pack_cached(path, probe=probe)


def _read_pack_cached(path: Path, *, probe: bool) -> RulePack:
    key = _cache.pack_key(path, probe=probe)
    cached = _cache.load(key) if key else None
    if cached is not None:
        try:
            files = [path / n for n in cached["files"]] if path.is_dir() else [path]
            return RulePack(
                **{k: cached[k] for k in _CACHED_FIELDS}, path=str(path), fingerprint=_fingerprint(files)
            )
        except (KeyError, TypeError):
            pass  # a cache entry of another shape: read the files
    pack, files = _read_pack_files(path, probe=probe)
    if key:
        record = {k: getattr(pack, k) for k in _CACHED_FIELDS}
        _cache.store(key, {**record, "files": [f.name for f in files]})
    return pack


_CACHED_FIELDS = ("name", "version", "extends", "region", "region_code", "title", "description", "source",
                  "tables", "words", "remove")


def _read_pack_files(path: Path, *, probe: bool) -> tuple[RulePack, list[Path]]:
    """:func:`_read_pack` from the files: the pack and the files it was read from.

    Raises:
        RulePackError: with one line per problem, each naming the file and the entry.
    """
    problems: list[str] = []
    sections: dict[str, tuple[Any, bool, str]] = {}  # name -> (data, from_csv, file name)
    if path.is_dir():
        meta_file = path / "pack.yaml"
        if not meta_file.exists():
            meta_file = path / "pack.yml"
        if not meta_file.exists():
            raise RulePackError("a rule-pack folder needs a pack.yaml", source=str(path))
        files = [meta_file]
        total = sum(f.stat().st_size for f in path.iterdir() if f.is_file() and f.suffix.lower() in _DATA_SUFFIXES)
        if total > MAX_PACK_BYTES:
            raise RulePackError(
                f"the pack's data files hold {total:,} bytes, more than the limit of {MAX_PACK_BYTES:,}",
                source=str(path),
            )
        try:
            meta = _yaml_load(meta_file)
        except RulePackError as e:
            problems.append(f"{meta_file.name}: {e.message}")
            meta = None
        for f in sorted(path.iterdir()):
            if f == meta_file or f.name.startswith((".", "_")) or f.is_dir():
                continue
            if not f.is_file():
                problems.append(f"{f.name}: not a regular file")
                continue
            stem, ext = f.stem, f.suffix.lower()
            if ext not in _DATA_SUFFIXES:
                if ext in _SKIPPED_SUFFIXES or f.name.upper().startswith(("LICENSE", "README", "NOTICE", "COPYING")):
                    continue
                problems.append(f"{f.name}: unknown file; a section file is <section>.csv or <section>.yaml")
                continue
            if stem not in SECTIONS:
                problems.append(f"{f.name}: unknown section {stem!r}; sections are: {', '.join(SECTIONS)}")
                continue
            if stem in sections:
                problems.append(f"{f.name}: section {stem!r} is given twice ({sections[stem][2]} and {f.name})")
                continue
            files.append(f)
            if ext == ".csv":
                if not isinstance(SECTIONS[stem], TableSpec):
                    problems.append(f"{f.name}: {stem!r} is a section of word lists: write it as {stem}.yaml")
                    continue
                sub: list[str] = []
                try:
                    rows = _csv_load(f, sub)
                except RulePackError as e:
                    problems.append(f"{f.name}: {e.message}")
                    continue
                problems.extend(f"{f.name}: {p}" for p in sub)
                sections[stem] = (rows, True, f.name)
            else:
                try:
                    sections[stem] = (_yaml_load(f), False, f.name)
                except RulePackError as e:
                    problems.append(f"{f.name}: {e.message}")
        meta_name = meta_file.name
    elif path.is_file():
        files = [path]
        meta = _yaml_load(path)
        meta_name = path.name
    else:
        raise UnknownRulePackError("no such rule pack file or folder", source=str(path))

    meta_unreadable = meta is None and bool(problems)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise RulePackError(f"should be a mapping of keys, got {type(meta).__name__}", source=str(path))
    values: dict[str, Any] = {}
    for k, v in meta.items():
        if k in PACK_KEYS:
            if k == "extends" and v is None:
                values[k] = []
                continue
            values[k] = _check_value(PACK_KEYS[k], v, k, problems, from_csv=False)
        elif k in SECTIONS:
            if k in sections:
                problems.append(f"{meta_name}: [{k}] given both in {meta_name} and in {sections[k][2]}")
                continue
            sections[k] = (v, False, meta_name)
        else:
            problems.append(f"{meta_name}: [{k}] unknown key; known: {', '.join(list(PACK_KEYS) + list(SECTIONS))}")
    # _check_value appended un-prefixed lines for the pack keys: name their file
    problems = [p if not p.startswith("[") else f"{meta_name}: {p}" for p in problems]
    for req in ("name", "version"):
        if req not in meta and not meta_unreadable:
            problems.append(f"{meta_name}: [{req}] is required")
    name = values.get("name")
    if isinstance(name, str) and not _PACK_NAME.match(name):
        problems.append(f"{meta_name}: [name] {name!r} should be a code of letters, digits, _ . - (e.g. zhejiang)")

    tables: dict[str, list[dict[str, Any]]] = {}
    words: dict[str, dict[str, list[str]]] = {}
    for sname, (data, from_csv, fname) in sections.items():
        sub = []
        rows, lists = _validate_section(sname, data if data is not None else [], sub, from_csv=from_csv, probe=probe)
        problems.extend(f"{fname}: {p}" for p in sub)
        if rows is not None:
            tables[sname] = rows
        if lists is not None:
            words[sname] = lists

    remove: dict[str, list[str]] = {}
    for k, keys in (values.get("remove") or {}).items():
        sec, _, lst = str(k).partition(".")
        spec = SECTIONS.get(sec)
        if spec is None:
            problems.append(f"{meta_name}: [remove -> {k}] unknown section; sections are: {', '.join(SECTIONS)}")
            continue
        if lst and not isinstance(spec, WordsSpec):
            problems.append(
                f"{meta_name}: [remove -> {k}] {sec!r} is a table: remove its entries by key ({sec}: [keys])"
            )
            continue
        if isinstance(keys, (str, int)) and not isinstance(keys, bool):
            keys = [keys]
        if not isinstance(keys, list) or not all(isinstance(x, (str, int)) for x in keys):
            problems.append(f"{meta_name}: [remove -> {k}] should be a list of keys or words")
            continue
        remove[str(k)] = [str(x) for x in keys]

    if problems:
        n = len(problems)
        if n > _MAX_PROBLEMS:
            problems = problems[:_MAX_PROBLEMS] + [f"… and {n - _MAX_PROBLEMS} more"]
        raise RulePackError(f"{n} problem{'s' if n > 1 else ''} (one line each):", source=str(path), problems=problems)

    name = str(values["name"])
    extends = values.get("extends", None if name == "national" else ["national"])
    if extends is None:
        extends = []
    pack = RulePack(
        name=name,
        version=str(values.get("version")),
        path=str(path),
        extends=[str(e) for e in extends],
        region=values.get("region"),
        region_code=values.get("region_code"),
        title=values.get("title"),
        description=values.get("description"),
        source=values.get("source"),
        tables=tables,
        words=words,
        remove=remove,
        fingerprint=_fingerprint(files),
    )
    return pack, files


# -- lookup ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackInfo:
    """An installed pack, as ``futurepolicy rules list`` shows it."""

    name: str
    version: str
    origin: str  # "built-in", or the distribution that registers it ("futurepolicy-guangdong 1.0")
    path: str
    region: str | None = None
    problem: str | None = None  # set when the pack does not load


def _entry_points() -> dict[str, Any]:
    """Installed packs by name. Scanning distributions takes ~10 ms, so it is cached per ``sys.path``."""
    return _entry_points_for(tuple(sys.path))


@functools.lru_cache(maxsize=8)
def _entry_points_for(path: tuple[str, ...]) -> dict[str, Any]:
    from importlib.metadata import entry_points

    try:
        return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    except Exception:  # noqa: BLE001 - a broken third-party distribution must not break lookup
        return {}


@functools.lru_cache(maxsize=1)
def _builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if p.is_dir() and (p / "pack.yaml").exists())


def refresh() -> None:
    """Forget cached packs and installed entry points (after installing a pack in a running session)."""
    _entry_points_for.cache_clear()
    _builtin_names.cache_clear()
    _load_by_name.cache_clear()
    _region_packs.cache_clear()


def _entry_point_path(name: str, ep: Any) -> Path:
    """The pack folder or file an entry point names.

    The entry point's value may be a package (its folder is the pack, or holds ``pack.yaml``), a
    module attribute holding a path, or a function returning one::

        [futurepolicy.rules]
        guangdong = futurepolicy_guangdong
    """
    try:
        obj = ep.load()
        if callable(obj) and not isinstance(obj, type) and not hasattr(obj, "__path__"):
            obj = obj()
    except Exception as e:  # noqa: BLE001 - third-party code: report, never crash
        raise RulePackError(
            f"installed pack {name!r} cannot be loaded ({ep.value}): {type(e).__name__}: {e}",
            source=f"entry point {ENTRY_POINT_GROUP}:{name}",
        ) from None
    if hasattr(obj, "__path__"):
        obj = list(obj.__path__)[0]
    elif hasattr(obj, "__file__"):
        obj = os.path.dirname(obj.__file__)
    if not isinstance(obj, (str, os.PathLike)):
        raise RulePackError(
            f"installed pack {name!r} ({ep.value}) should name a package, a folder or a file, got {type(obj).__name__}",
            source=f"entry point {ENTRY_POINT_GROUP}:{name}",
        )
    return Path(obj)


def _origin(ep: Any) -> str:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "installed"
    try:
        return f"{dist.metadata['Name']} {dist.version}"
    except Exception:  # noqa: BLE001
        return "installed"


def installed_packs() -> list[PackInfo]:
    """Every pack reachable by name: built-in ones, then those of installed distributions.

    A pack that does not load is listed with its ``problem`` instead of failing the listing.
    """
    out: dict[str, PackInfo] = {}
    eps = _entry_points()
    for name in _builtin_names():
        if name in eps:
            continue
        pack = _load_by_name(name)
        out[name] = PackInfo(name, pack.version, "built-in", pack.path, pack.region)
    for name, ep in sorted(eps.items()):
        try:
            pack = _load_by_name(name)
            out[name] = PackInfo(name, pack.version, _origin(ep), pack.path, pack.region)
        except RulePackError as e:
            first = str(e).splitlines()[0]
            out[name] = PackInfo(name, "(invalid)", _origin(ep), str(ep.value), None, first)
    return [out[k] for k in sorted(out)]


def available_rules() -> dict[str, str]:
    """Installed packs: ``{name: version}`` for built-in and entry-point packs.

    Examples:
        >>> sorted(available_rules())[:1], "national" in available_rules()
        (['chongqing'], True)
    """
    return {p.name: p.version for p in installed_packs()}


_lock = threading.RLock()


@functools.lru_cache(maxsize=64)
def _load_by_name(name: str) -> RulePack:
    eps = _entry_points()
    if name in eps:
        path = _entry_point_path(name, eps[name])
        pack = _read_pack(path)
        if pack.name != name:
            raise RulePackError(
                f"installed as {name!r} but its pack.yaml says name: {pack.name!r}", source=str(path)
            )
        return pack
    p = BUILTIN_DIR / name
    if _PACK_NAME.match(name) and p.is_dir() and (p / "pack.yaml").exists():
        return _read_pack(p, probe=False)  # shipped with futurepolicy: its patterns are probed in the tests
    known = sorted(set(_builtin_names()) | set(eps))
    raise UnknownRulePackError(f"unknown rule pack {name!r}; available: {', '.join(known)}")


@functools.lru_cache(maxsize=64)
def _load_by_path(path: str, stamp: str) -> RulePack:
    return _read_pack(Path(path))


def _looks_like_path(spec: str) -> bool:
    return os.sep in spec or "/" in spec or spec.endswith((".yaml", ".yml")) or os.path.exists(spec)


def _path_stamp(p: Path) -> str:
    return _fingerprint([p, *(f for f in p.iterdir() if f.is_file())] if p.is_dir() else [p])


def load_rules(name_or_path: "str | os.PathLike[str] | RulePack") -> RulePack:
    """Load one pack by name (installed or built-in) or by path (folder or YAML file), validated.

    A pack read from a path is cached until one of its files changes.

    Examples:
        >>> load_rules("chongqing").region
        '重庆市'

    Raises:
        UnknownRulePackError: no pack of that name is installed, or nothing is at that path.
        RulePackError: the pack is unreadable or invalid (every problem listed, one line each).
    """
    if isinstance(name_or_path, RulePack):
        return name_or_path
    try:
        spec = os.fspath(name_or_path)
    except TypeError:
        raise RulePackError(
            f"a rule pack is a name, a path or a RulePack, got {type(name_or_path).__name__}"
        ) from None
    if not isinstance(spec, str) or not spec.strip():
        raise UnknownRulePackError(f"a rule pack name or path is needed, got {spec!r}")
    with _lock:
        if _looks_like_path(spec):
            p = Path(spec).expanduser().resolve()
            if not p.exists():
                raise UnknownRulePackError("no such rule pack file or folder", source=spec)
            return _load_by_path(str(p), _path_stamp(p))
        return _load_by_name(spec)


def _chain(pack: RulePack, seen: set[tuple[str, str]], out: list[RulePack], stack: tuple[RulePack, ...] = ()) -> None:
    """Append ``pack`` after the packs it extends (depth first, each pack once)."""
    if any(p.name == pack.name and p.path == pack.path for p in stack):
        circle = " -> ".join(f"{p.name} ({p.path})" for p in stack + (pack,))
        raise RulePackError(f"[extends] packs extend each other in a circle: {circle}", source=stack[-1].path)
    if len(stack) >= MAX_EXTENDS_DEPTH:
        raise RulePackError(
            f"[extends] more than {MAX_EXTENDS_DEPTH} packs stacked through extends "
            f"({stack[0].name} -> {stack[1].name} -> … -> {pack.name})", source=stack[0].path,
        )
    for base in pack.extends:
        spec = _extends_spec(pack, base)
        try:
            if os.path.isabs(spec):
                below = load_rules(spec)
            else:
                with _lock:  # a name is an installed pack, never a folder that happens to be in the CWD
                    below = _load_by_name(spec)
        except UnknownRulePackError as e:
            raise RulePackError(f"[extends] {base!r}: {e.message}", source=pack.path) from None
        _chain(below, seen, out, stack + (pack,))
    key = (pack.name, pack.path)
    if key not in seen:
        seen.add(key)
        out.append(pack)


def _extends_spec(pack: RulePack, base: str) -> str:
    """The target of an ``extends:`` entry of ``pack`` (see :func:`_extends_target`)."""
    return _extends_target(Path(pack.folder), base, pack.path)


def _extends_target(pack_folder: Path, base: str, source: "str | None") -> str:
    """What an ``extends:`` entry of ``pack`` names: an installed pack (a name, returned as is), or a
    pack file or folder inside the pack's own folder, relative to it (a path with a slash or a
    ``.yaml`` name; returned absolute). Anything else — ``../other``, ``/etc/passwd``, a link leading
    out — is refused before it is read."""
    if not (any(c in base for c in "/\\") or base.endswith((".yaml", ".yml"))):  # a name: an installed pack
        return base
    folder = Path(os.path.realpath(pack_folder))
    target = Path(os.path.realpath(folder / os.path.expanduser(base)))
    if target == folder or folder not in target.parents:
        raise RulePackError(
            f"[extends] {base!r}: a pack may extend an installed pack by name or a pack inside its own "
            f"folder ({folder}), not {target}",
            source=source,
        )
    return str(target)


def check_pack(name_or_path: "str | os.PathLike[str]", *, examples: bool = True) -> RulePack:
    """Validate a pack and every pack below it, and run its ``examples``; report every problem at once.

    The problems of ``extends:`` (a pack that cannot be found, a broken pack below, a circle) come
    first, even when the pack itself has problems too; then the pack's own problems; then the
    examples it states that extraction misses (run only on a pack that loads).

    Args:
        name_or_path: the pack.
        examples: run the pack's ``examples`` (:func:`check_examples`).

    Raises:
        UnknownRulePackError: no such pack.
        RulePackError: with one line per problem.
    """
    spec = name_or_path if isinstance(name_or_path, str) else os.fspath(name_or_path)
    own: list[str] = []
    source: str | None = spec
    pack: RulePack | None = None
    try:
        pack = load_rules(name_or_path)
        source = pack.path
    except UnknownRulePackError:
        raise
    except RulePackError as e:
        own = e.problems or [e.message]
        source = e.source or source
    below = _extends_problems(pack, spec)
    missed = check_examples(pack) if pack is not None and examples and not below else []
    problems = below + own + missed
    if problems:
        n = len(problems)
        raise RulePackError(f"{n} problem{'s' if n > 1 else ''} (one line each):", source=source, problems=problems)
    assert pack is not None
    return pack


def _extends_problems(pack: RulePack | None, spec: str) -> list[str]:
    """Problems of the packs below: each ``extends`` entry loaded, then the whole chain (circles)."""
    if pack is None:
        extends, folder = _declared_extends(spec)
    else:
        extends, folder = pack.extends, pack.folder
    problems = []
    for base in extends:
        try:
            target = _extends_target(Path(folder), base, None)
            _chain(load_rules(target), set(), [])
        except RulePackError as e:
            problems.append(f"[extends] {base!r}: {e.message.splitlines()[0]}")
            problems.extend(f"[extends] {base!r}: {p}" for p in e.problems)
    if pack is not None and not problems:
        try:
            _chain(pack, set(), [])
        except RulePackError as e:
            problems.append(e.message)
    return problems


def _declared_extends(spec: str) -> tuple[list[str], Path]:
    """``extends`` as written in a pack that does not load (best effort), and its folder."""
    path = Path(spec).expanduser()
    meta = path / "pack.yaml" if path.is_dir() else path
    if path.is_dir() and not meta.exists():
        meta = path / "pack.yml"
    try:
        data = _yaml_load(meta) if meta.is_file() else None
    except RulePackError:
        data = None
    folder = path if path.is_dir() else path.parent
    if not isinstance(data, dict):
        return [], folder
    extends = data.get("extends", None if data.get("name") == "national" else ["national"])
    if isinstance(extends, str):
        extends = [extends]
    if not isinstance(extends, list):
        return [], folder
    return [str(e) for e in extends if isinstance(e, (str, int))], folder


def find_region_pack(region: str | None, region_code: str | None = None) -> str | None:
    """The installed pack whose ``region`` (or ``region_code``) matches, if any.

    Examples:
        >>> find_region_pack("上海市")
        'shanghai'
    """
    if not region and not region_code:
        return None
    for name, pack_region, pack_code in _region_packs(tuple(sorted(set(_builtin_names()) | set(_entry_points())))):
        if (region and pack_region == region) or (region_code and pack_code == region_code):
            return name
    return None


@functools.lru_cache(maxsize=8)
def _region_packs(names: tuple[str, ...]) -> list[tuple[str, str | None, str | None]]:
    out = []
    for name in names:
        if name == "national":
            continue
        try:
            pack = _load_by_name(name)
        except RulePackError:
            continue
        out.append((name, pack.region, pack.region_code))
    return out


# -- stacks of packs --------------------------------------------------------------------------------


class RuleSet:
    """Packs stacked in order and merged into one view; holds the matchers built from them.

    Merging, bottom pack first: a pack's ``remove:`` drops entries of the packs below it, then its
    table entries replace entries with the same key (and move to the end) and its words are added
    to the lists of the same name. Extractors read the result with :meth:`table` and
    :meth:`word_list`, and build their matchers once per rule set with :meth:`memo`.

    Examples:
        >>> rs = RuleSet([RulePack("a", "1", "", tables={"institutions": [{"name": "甲实验室", "type": "lab"}]}),
        ...               RulePack("b", "1", "", tables={"institutions": [{"name": "甲实验室", "type": "platform"}]})])
        >>> [(r["name"], r["type"], r["_pack"]) for r in rs.table("institutions")]
        [('甲实验室', 'platform', 'b')]
    """

    def __init__(self, packs: Sequence[RulePack]):
        self.packs = list(packs)
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.words: dict[str, dict[str, list[str]]] = {}
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.RLock()  # a build may memo other things of the same rule set
        with gc_paused():
            self._merge()

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    @property
    def key(self) -> tuple[str, ...]:
        """Identifies the data: equal keys mean equal merged rules."""
        return tuple(f"{p.name}@{p.version}@{p.path}@{p.fingerprint}" for p in self.packs)

    def refs(self) -> list[tuple[str, str]]:
        """``(name, version)`` of every pack in the stack, bottom first."""
        return [(p.name, p.version) for p in self.packs]

    def _merge(self) -> None:
        tables: dict[str, dict[Any, dict[str, Any]]] = {}
        words: dict[str, dict[str, dict[str, None]]] = {}
        for pack in self.packs:
            for target, keys in pack.remove.items():
                sec, _, lst = target.partition(".")
                if lst:
                    d = words.get(sec, {}).get(lst)
                    if d is not None:
                        for k in keys:
                            d.pop(k, None)
                elif isinstance(SECTIONS.get(sec), WordsSpec):
                    for k in keys:
                        words.get(sec, {}).pop(k, None)
                else:
                    t = tables.get(sec)
                    if t is not None:
                        for k in keys:
                            t.pop(k, None)
            for sec, rows in pack.tables.items():
                key = SECTIONS[sec].key  # type: ignore[union-attr]
                t = tables.setdefault(sec, {})
                for row in rows:
                    r = dict(row)
                    r["_pack"] = pack.name
                    t.pop(r[key], None)  # re-insert: a later pack's entry comes later
                    t[r[key]] = r
            for sec, lists in pack.words.items():
                for lname, ws in lists.items():
                    d = words.setdefault(sec, {}).setdefault(lname, {})
                    for w in ws:
                        d[w] = None
        self.tables = {k: list(v.values()) for k, v in tables.items()}
        self.words = {s: {ln: list(d) for ln, d in lists.items()} for s, lists in words.items()}

    def timeout(self, pack_names: Iterable[str], n_chars: int) -> float | None:
        """The time limit of patterns from these packs on a text of ``n_chars``: ``None`` (no limit:
        the result depends on the text only) when every one is a built-in pack, else
        :func:`pattern_timeout`."""
        outside = {p.name for p in self.packs if not p.builtin}
        if not any(name in outside for name in pack_names):
            return None
        return pattern_timeout(n_chars)

    def table(self, section: str) -> list[dict[str, Any]]:
        """Merged entries of a table section, bottom pack first (each has ``_pack``: its pack's name)."""
        return self.tables.get(section, [])

    def word_list(self, section: str, name: str) -> list[str]:
        """A merged word list (``[]`` when no pack defines it)."""
        return self.words.get(section, {}).get(name, [])

    def memo(self, name: str, build: Callable[["RuleSet"], Any]) -> Any:
        """Build something from this rule set once (matchers, automata, segmenter) and reuse it."""
        try:
            return self._memo[name]
        except KeyError:
            pass
        with self._memo_lock:
            if name not in self._memo:
                with gc_paused():
                    self._memo[name] = build(self)
            return self._memo[name]

    def __reduce__(self):  # pickles as its packs (data only); matchers are rebuilt on the other side
        return (_ruleset_from_packs, (tuple(self.packs),))

    def __dask_tokenize__(self):  # deterministic task keys for pure Dask tasks
        return ("futurepolicy.RuleSet", self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"<RuleSet {' + '.join(f'{n}@{v}' for n, v in self.refs())}>"


_by_key: dict[tuple[str, ...], RuleSet] = {}


def _ruleset_from_packs(packs: tuple[RulePack, ...]) -> RuleSet:
    """A rule set for these packs, shared within the process (so unpickling reuses built matchers)."""
    key = tuple(f"{p.name}@{p.version}@{p.path}@{p.fingerprint}" for p in packs)
    with _lock:
        rs = _by_key.get(key)
        if rs is None:
            if len(_by_key) >= 32:
                _by_key.pop(next(iter(_by_key)))
            rs = _by_key[key] = RuleSet(packs)
        return rs


def resolve_rules(
    rules: "str | os.PathLike[str] | RulePack | RuleSet | Iterable[Any] | None",
    *,
    region: str | None = None,
    region_code: str | None = None,
) -> RuleSet:
    """The rule set for an ``extract(..., rules=…)`` argument.

    ``None`` is *auto*: the national pack plus the installed pack for ``region`` (or
    ``region_code``), if any. A name, path or :class:`RulePack` is that pack on top of the packs it
    extends; a list stacks them in order (each pack once, below the first pack that needs it).

    Examples:
        >>> resolve_rules(None, region="重庆市").names
        ['national', 'chongqing']
        >>> resolve_rules("shanghai").names
        ['national', 'shanghai']

    Raises:
        RulePackError: a pack is unknown or invalid, or packs extend each other in a circle.
    """
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        specs: list[Any] = ["national"]
        regional = find_region_pack(region, region_code)
        if regional:
            specs.append(regional)
    elif isinstance(rules, (str, os.PathLike, RulePack)):
        specs = [rules]
    else:
        try:
            specs = list(rules)
        except TypeError:
            raise RulePackError(
                f"rules should be a pack name, a path, a RulePack or a list of them, got {type(rules).__name__}"
            ) from None
        if not specs:
            raise RulePackError("rules is an empty list; give at least one pack (or None for auto)")
    out: list[RulePack] = []
    seen: set[tuple[str, str]] = set()
    for s in specs:
        _chain(load_rules(s), seen, out)
    return _ruleset_from_packs(tuple(out))


# -- examples ---------------------------------------------------------------------------------------


def _found(doc: Any, label: str, text: str) -> bool:
    if label == "goal":
        return any(text in (g.text, g.metric) or text in g.text for g in doc.goals)
    if label == "measure":
        return any(text == m.title or text in (m.title or "") for m in doc.measures)
    objs = {"region": doc.regions, "institution": doc.institutions, "industry": doc.industries}[label]
    for o in objs:
        names = {o.name, getattr(o, "full_name", None)} | {m.text for m in o.mentions}
        if text in names:
            return True
    return False


def check_examples(name_or_path: "str | os.PathLike[str] | RulePack", rules: Any = None) -> list[str]:
    """Run a pack's ``examples`` through :func:`futurepolicy.extract`; one line per expectation missed.

    Args:
        name_or_path: the pack whose examples to run.
        rules: the rules to extract with (default: that pack, on top of the packs it extends).

    Examples:
        >>> check_examples("national")
        []
    """
    from ..pipeline import Extractor

    pack = load_rules(name_or_path)
    extractor = Extractor(rules if rules is not None else pack)
    missed = []
    for i, ex in enumerate(pack.tables.get("examples", [])):
        doc = extractor.extract(ex["text"])
        for exp in ex["expect"]:
            if not _found(doc, exp["label"], exp["text"]):
                short = ex["text"] if len(ex["text"]) <= 30 else ex["text"][:29] + "…"
                missed.append(f"[examples -> {i + 1} ({short})] no {exp['label']} {exp['text']!r} found")
    return missed
