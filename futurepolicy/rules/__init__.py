"""Rule packs: data that tells the extractors about places, organisations, industries and phrasings.

A pack is a folder (``pack.yaml`` plus one file per section: ``places.csv``, ``lexicon.yaml`` …) or
a single YAML file holding the same keys. Packs are looked up by path, then among installed
packages registering the ``futurepolicy.rules`` entry-point group, then among the built-in packs.
Loading is safe (``yaml.safe_load``, no code), validated against :mod:`._schema`, and every problem
is reported at once, one line each.

Examples:
    >>> rules = load_rules("national")
    >>> rules.name, bool(rules.version)
    ('national', True)
"""

from __future__ import annotations

import csv
import functools
import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import RegexTimeoutError, RulePackError, UnknownRulePackError
from ._schema import PACK_KEYS, SECTIONS, FieldSpec, TableSpec, WordsSpec

__all__ = [
    "RulePack",
    "RuleSet",
    "load_rules",
    "available_rules",
    "resolve_rules",
    "check_pack",
    "compile_pattern",
    "REGEX_TIMEOUT",
]

BUILTIN_DIR = Path(__file__).resolve().parent
ENTRY_POINT_GROUP = "futurepolicy.rules"
REGEX_TIMEOUT = 0.5  # seconds any one pack regex may run on one text
_PROBE_TIMEOUT = 0.05
_IGNORED_FILES = {"README.md", "README", "LICENSE", "__init__.py", "__pycache__", ".DS_Store"}


# -- one pack -------------------------------------------------------------------------------------


@dataclass
class RulePack:
    """One validated rule pack, as written (not yet merged with the packs below it)."""

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

    def __repr__(self) -> str:
        return f"<RulePack {self.name} {self.version} ({self.path})>"


def _yaml_load(path: Path) -> Any:
    import yaml

    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RulePackError(f"invalid YAML{where}: {problem}", source=str(path)) from None
    except UnicodeDecodeError:
        raise RulePackError("not UTF-8 text", source=str(path)) from None
    except OSError as e:
        raise RulePackError(f"cannot read: {e.strerror}", source=str(path)) from None


def _csv_load(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RulePackError("not UTF-8 text", source=str(path)) from None
    rows = []
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        if None in row:
            raise RulePackError(
                f"row {reader.line_num} has more cells than the header ({', '.join(reader.fieldnames or [])})",
                source=str(path),
            )
        rows.append({k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k})
    return rows


def _check_value(spec: FieldSpec, value: Any, loc: str, problems: list[str], *, from_csv: bool) -> Any:
    """Validate and coerce one field value; append a problem line when it is wrong."""
    if value is None or value == "":
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
        if isinstance(value, bool):
            problems.append(f"[{loc}] should be an integer, got {value!r}")
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            problems.append(f"[{loc}] should be an integer, got {value!r}")
            return None
    if t == "float":
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
        err = _regex_problem(value)
        if err:
            problems.append(f"[{loc}] {err}")
    return value


def _probe_strings(pattern: str) -> list[str]:
    """Adversarial inputs for a pattern: long runs of its own literal characters, then a mismatch."""
    chars = {c for c in pattern if c.isalnum() or "\u4e00" <= c <= "\u9fff"} or {"a"}
    probes = []
    for c in sorted(chars)[:12]:
        probes.append(c * 3000 + "\u0001")
    probes.append("".join(sorted(chars)) * 300 + "\u0001")
    probes.append("发展" * 1500 + "\u0001")
    return probes


def _regex_problem(pattern: str) -> str | None:
    import regex

    try:
        compiled = regex.compile(pattern)
    except regex.error as e:
        return f"regex does not compile: {e}"
    for probe in _probe_strings(pattern):
        try:
            for _ in compiled.finditer(probe, timeout=_PROBE_TIMEOUT):
                pass
        except TimeoutError:
            return "regex backtracks catastrophically (ran past its time limit on a long repetitive input)"
    return None


@functools.lru_cache(maxsize=4096)
def compile_pattern(pattern: str):
    """Compile a pack pattern with the ``regex`` module (cached). Use :func:`finditer` to run it."""
    import regex

    return regex.compile(pattern)


def finditer(pattern: Any, text: str, *, source: str = "", timeout: float = REGEX_TIMEOUT):
    """All matches of a pack pattern, with a time limit; raises :class:`RegexTimeoutError` past it."""
    if isinstance(pattern, str):
        pattern = compile_pattern(pattern)
    try:
        return list(pattern.finditer(text, timeout=timeout))
    except TimeoutError:
        raise RegexTimeoutError(
            f"pattern {pattern.pattern!r} ran past its {timeout}s time limit", source=source or None
        ) from None


def _validate_section(
    name: str, data: Any, where: str, problems: list[str], *, from_csv: bool
) -> tuple[list[dict[str, Any]] | None, dict[str, list[str]] | None]:
    spec = SECTIONS[name]
    if isinstance(spec, TableSpec):
        if isinstance(data, dict) and name != "examples":
            # allow {key: {fields}} mappings too
            data = [{spec.key: k, **(v or {})} if isinstance(v, dict) else v for k, v in data.items()]
        if not isinstance(data, list):
            problems.append(f"[{name}] should be a list of entries, got {type(data).__name__}")
            return [], None
        rows = []
        for i, entry in enumerate(data):
            loc = f"{name} -> {i + 1}"
            if not isinstance(entry, dict):
                problems.append(f"[{loc}] should be a mapping of fields, got {type(entry).__name__}")
                continue
            row: dict[str, Any] = {}
            for k in entry:
                if k not in spec.fields:
                    problems.append(f"[{loc} -> {k}] unknown field; known: {', '.join(spec.fields)}")
            for fname, fspec in spec.fields.items():
                row[fname] = _check_value(fspec, entry.get(fname), f"{loc} -> {fname}", problems, from_csv=from_csv)
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
        if not isinstance(words, list) or not all(isinstance(w, (str, int)) and not isinstance(w, bool) for w in words):
            problems.append(f"[{loc}] should be a list of words")
            continue
        lists[str(lname)] = [str(w) for w in words]
    return None, lists


def _read_pack(path: Path) -> RulePack:
    """Read and validate one pack (folder or YAML file) without resolving ``extends``."""
    problems: list[str] = []
    sections: dict[str, tuple[Any, bool, str]] = {}  # name -> (data, from_csv, file)
    if path.is_dir():
        meta_file = path / "pack.yaml"
        if not meta_file.exists():
            meta_file = path / "pack.yml"
        if not meta_file.exists():
            raise RulePackError("a rule-pack folder needs a pack.yaml", source=str(path))
        meta = _yaml_load(meta_file)
        for f in sorted(path.iterdir()):
            if f.name in _IGNORED_FILES or f.name.startswith(".") or f == meta_file:
                continue
            stem, ext = f.stem, f.suffix.lower()
            if stem not in SECTIONS or ext not in (".csv", ".yaml", ".yml"):
                problems.append(f"[{f.name}] unknown file; sections are: {', '.join(SECTIONS)} (.csv or .yaml)")
                continue
            if ext == ".csv":
                if not isinstance(SECTIONS[stem], TableSpec):
                    problems.append(f"[{f.name}] this section is word lists: write it as YAML")
                    continue
                try:
                    sections[stem] = (_csv_load(f), True, f.name)
                except RulePackError as e:
                    problems.append(f"[{f.name}] {e.message}")
            else:
                try:
                    sections[stem] = (_yaml_load(f), False, f.name)
                except RulePackError as e:
                    problems.append(f"[{f.name}] {e.message}")
        source = str(meta_file)
    elif path.is_file():
        meta = _yaml_load(path)
        source = str(path)
    else:
        raise UnknownRulePackError("no such rule pack file or folder", source=str(path))

    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise RulePackError(f"should be a mapping of keys, got {type(meta).__name__}", source=source)
    values: dict[str, Any] = {}
    for k, v in meta.items():
        if k in PACK_KEYS:
            if k == "extends" and v is None:
                values[k] = []
                continue
            values[k] = _check_value(PACK_KEYS[k], v, k, problems, from_csv=False)
        elif k in SECTIONS:
            if k in sections:
                problems.append(f"[{k}] given both inline and as a file")
            sections[k] = (v, False, path.name)
        else:
            problems.append(f"[{k}] unknown key; known: {', '.join(list(PACK_KEYS) + list(SECTIONS))}")
    for req in ("name", "version"):
        if req not in meta:
            problems.append(f"[{req}] is required")

    tables: dict[str, list[dict[str, Any]]] = {}
    words: dict[str, dict[str, list[str]]] = {}
    for sname, (data, from_csv, fname) in sections.items():
        sub: list[str] = []
        rows, lists = _validate_section(sname, data if data is not None else [], fname, sub, from_csv=from_csv)
        problems.extend(f"{fname}: {p}" if fname != path.name else p for p in sub)
        if rows is not None:
            tables[sname] = rows
        if lists is not None:
            words[sname] = lists

    remove = values.get("remove") or {}
    for k, keys in remove.items():
        base = str(k).split(".", 1)[0]
        if base not in SECTIONS:
            problems.append(f"[remove -> {k}] unknown section")
        elif not isinstance(keys, list):
            problems.append(f"[remove -> {k}] should be a list")

    if problems:
        n = len(problems)
        raise RulePackError(f"{n} problem{'s' if n > 1 else ''} (one line each):", source=source, problems=problems)

    name = str(values.get("name"))
    extends = values.get("extends", None if name == "national" else ["national"])
    if "extends" in meta and meta["extends"] is None:
        extends = []
    if extends is None:
        extends = []
    return RulePack(
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
        remove={str(k): [str(x) for x in v] for k, v in remove.items()},
    )


# -- lookup ---------------------------------------------------------------------------------------


def _entry_points() -> dict[str, Any]:
    from importlib.metadata import entry_points

    try:
        return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    except Exception:  # a broken third-party distribution must not break lookup
        return {}


def _builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.iterdir() if p.is_dir() and (p / "pack.yaml").exists())


def _entry_point_path(name: str, ep: Any) -> Path:
    try:
        obj = ep.load()
    except Exception as e:
        raise RulePackError(f"installed pack {name!r} cannot be loaded: {e}", source=ep.value) from None
    if callable(obj) and not isinstance(obj, type):
        obj = obj()
    if hasattr(obj, "__path__"):
        obj = list(obj.__path__)[0]
    elif hasattr(obj, "__file__"):
        obj = os.path.dirname(obj.__file__)
    return Path(obj)


def available_rules() -> dict[str, str]:
    """Installed packs: ``{name: version}`` for built-in and entry-point packs."""
    out = {}
    for name in _builtin_names():
        out[name] = _load_by_name(name).version
    for name, ep in _entry_points().items():
        try:
            out[name] = _load_by_name(name).version
        except RulePackError:
            out[name] = "(invalid)"
    return dict(sorted(out.items()))


_lock = threading.RLock()


@functools.lru_cache(maxsize=64)
def _load_by_name(name: str) -> RulePack:
    eps = _entry_points()
    if name in eps:
        return _read_pack(_entry_point_path(name, eps[name]))
    p = BUILTIN_DIR / name
    if p.is_dir() and (p / "pack.yaml").exists():
        return _read_pack(p)
    known = sorted(set(_builtin_names()) | set(eps))
    raise UnknownRulePackError(f"unknown rule pack {name!r}; available: {', '.join(known)}")


@functools.lru_cache(maxsize=64)
def _load_by_path(path: str, mtime: float) -> RulePack:
    return _read_pack(Path(path))


def _looks_like_path(spec: str) -> bool:
    return os.sep in spec or "/" in spec or spec.endswith((".yaml", ".yml")) or os.path.exists(spec)


def load_rules(name_or_path: "str | os.PathLike[str] | RulePack") -> RulePack:
    """Load one pack by name (installed or built-in) or by path, validated.

    Raises:
        RulePackError: the pack is unknown, unreadable or invalid (every problem listed).
    """
    if isinstance(name_or_path, RulePack):
        return name_or_path
    spec = os.fspath(name_or_path)
    with _lock:
        if _looks_like_path(spec):
            p = Path(spec).resolve()
            if not p.exists():
                raise UnknownRulePackError("no such rule pack file or folder", source=spec)
            mtime = max([p.stat().st_mtime] + ([f.stat().st_mtime for f in p.iterdir()] if p.is_dir() else []))
            return _load_by_path(str(p), mtime)
        return _load_by_name(spec)


def check_pack(name_or_path: str) -> RulePack:
    """Validate a pack and the packs it extends; raise :class:`RulePackError` on the first bad one."""
    pack = load_rules(name_or_path)
    for base in pack.extends:
        check_pack(base)
    return pack


def find_region_pack(region: str | None, region_code: str | None = None) -> str | None:
    """The installed pack whose ``region`` (or ``region_code``) matches, if any."""
    if not region and not region_code:
        return None
    names = _builtin_names() + sorted(_entry_points())
    for name in names:
        try:
            pack = _load_by_name(name)
        except RulePackError:
            continue
        if name == "national":
            continue
        if (region and pack.region == region) or (region_code and pack.region_code == region_code):
            return name
    return None


# -- stacks of packs --------------------------------------------------------------------------------


class RuleSet:
    """Packs stacked in order and merged into one view; holds the matchers built from them.

    Extractors read merged data with :meth:`table` and :meth:`words`, and build their matchers once
    per rule set with :meth:`memo` (so a batch compiles nothing per document).
    """

    def __init__(self, packs: Sequence[RulePack]):
        self.packs = list(packs)
        self.tables: dict[str, list[dict[str, Any]]] = {}
        self.words: dict[str, dict[str, list[str]]] = {}
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.Lock()
        self._merge()

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(f"{p.name}@{p.version}@{p.path}" for p in self.packs)

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
                    for k in keys:
                        if d is not None:
                            d.pop(k, None)
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
                self._memo[name] = build(self)
            return self._memo[name]

    def __reduce__(self):  # pickles as its packs; matchers are rebuilt on the other side
        return (RuleSet, (self.packs,))

    def __repr__(self) -> str:
        return f"<RuleSet {' + '.join(f'{n}@{v}' for n, v in self.refs())}>"


def _chain(pack: RulePack, seen: set[str], out: list[RulePack], stack: tuple[str, ...] = ()) -> None:
    if pack.name in stack:
        raise RulePackError(f"packs extend each other in a circle: {' -> '.join(stack + (pack.name,))}")
    for base in pack.extends:
        _chain(load_rules(base), seen, out, stack + (pack.name,))
    if pack.name not in seen:
        seen.add(pack.name)
        out.append(pack)


@functools.lru_cache(maxsize=32)
def _ruleset_cached(key: tuple[str, ...], specs: tuple[str, ...]) -> RuleSet:
    out: list[RulePack] = []
    seen: set[str] = set()
    for s in specs:
        _chain(load_rules(s), seen, out)
    return RuleSet(out)


def resolve_rules(rules: "str | os.PathLike[str] | RulePack | RuleSet | Iterable[Any] | None", *, region: str | None = None, region_code: str | None = None) -> RuleSet:
    """The rule set for an ``extract(..., rules=…)`` argument.

    ``None`` is *auto*: the national pack plus the installed pack for ``region``, if any.
    A name, path or :class:`RulePack` is that pack on top of the packs it extends; a list stacks them.
    """
    if isinstance(rules, RuleSet):
        return rules
    if rules is None:
        specs = ["national"]
        regional = find_region_pack(region, region_code)
        if regional:
            specs.append(regional)
    elif isinstance(rules, (str, os.PathLike, RulePack)):
        specs = [rules]
    else:
        specs = list(rules)
    packs = [load_rules(s) for s in specs]
    key = tuple(f"{p.name}@{p.version}@{p.path}" for p in packs)
    return _ruleset_cached(key, tuple(p.path if p.path else p.name for p in packs))
