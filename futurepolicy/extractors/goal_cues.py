"""Cues that tell a target from a count, a result or a forecast in news, briefings and work reports.

Plans state targets; texts about plans mix them with other numbers. The helpers here look at the
words around one number (all word lists come from the pack's ``goal_words``):

* **list counts** — a count of a list the text gives next to it is not a target:
  打造A、B、C三条产业链 · 发展5个新兴产业,包括A、B、C、D、E (``list_intro_words``) · 建设A等13个集群
  followed by a paragraph headed "A…集群。";
* **annual targets** — 每年新增100家 has no target year (``annual_cues``);
* **forecasts and tallies** — 预计全年增长5% · 有望突破1000亿元 · 累计建成8个 describe the expected
  or reached outcome, not a target, unless a later year governs them (``forecast_cues``, ``result_cues``);
* **names** — a number inside a document's 《title》 is part of the name.

Examples:
    >>> count_of_list_before("打造甲产业、乙产业、丙产业", 0, len("打造甲产业、乙产业、丙产业"))
    3
    >>> count_of_list_after(",包括甲、乙和丙。", 0, ("包括",))
    3
"""

from __future__ import annotations

__all__ = ["count_of_list_before", "count_of_list_after", "example_heads_a_line", "annual_cue", "in_title"]

_ITEM_SEP = "、"
_LAST_JOINS = ("和", "及", "与", "以及")
_LIST_END = ";。!?\n"
_OPEN_LIST = ("等", "等等")  # 甲、乙等3个: the list names examples, not all of them


def _items(s: str) -> int:
    """The number of items of a 、-list (a final 和/及 joins one more)."""
    parts = [p for p in s.split(_ITEM_SEP)]
    if any(not p.strip() for p in parts):
        return 0
    n = len(parts)
    if any(j in parts[-1] for j in _LAST_JOINS):
        n += 1
    return n


def count_of_list_before(t: str, lo: int, ns: int) -> int:
    """Items of a 、-list that ends right before the number at ``ns`` (0: none):
    打造甲、乙、丙三条产业链 → 3; 甲、乙等3个 → 0 (an open list)."""
    s = t[lo:ns].rstrip(" ")
    if _ITEM_SEP not in s or s.endswith(_OPEN_LIST):
        return 0
    return _items(s)


def count_of_list_after(t: str, pos: int, intro: tuple[str, ...]) -> int:
    """Items of a list introduced right after ``pos`` (the end of a count's noun):
    5个新兴产业,包括甲、乙、丙、丁、戊 → 5; 0 when no list follows."""
    k = pos
    while k < len(t) and t[k] in " ,::(":
        k += 1
    w = next((w for w in intro if t.startswith(w, k)), None)
    if w is None:
        return 0
    k += len(w)
    e = k
    while e < len(t) and t[e] not in _LIST_END and t[e] != ",":
        e += 1
    s = t[k:e].strip(" :")
    return _items(s) if _ITEM_SEP in s else 0


def example_heads_a_line(t: str, lo: int, ns: int, ne: int) -> bool:
    """Whether the example before 等 in ``t[lo:ns]`` heads a later line: 建设甲集群等13个集群 …
    \n甲集群。… (the text goes on to list what it counts)."""
    s = t[lo:ns].rstrip(" ")
    if not s.endswith(_OPEN_LIST[0]):
        return False
    item = s[: -len(_OPEN_LIST[0])].split(_ITEM_SEP)[-1].strip(" ,")
    return len(item) >= 2 and t.find("\n" + item, ne) >= 0


def annual_cue(t: str, cs: int, ns: int, words: tuple[str, ...]) -> bool:
    """An annual target: 每年新增100家 (a rate per year, not a level due in a year)."""
    seg = t[cs:ns]
    return any(w in seg for w in words)


_TITLE_REACH = 120  # a 《title》 is at most this long


def in_title(t: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a 《…》 title: 落实《关于培育100家领军企业的意见》."""
    lo = max(0, pos - _TITLE_REACH)
    k = t.rfind("《", lo, pos)
    return k >= 0 and t.rfind("》", k, pos) < 0 and t.find("》", pos, pos + _TITLE_REACH) >= 0
