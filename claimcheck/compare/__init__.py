"""Compare two values of one claim as the kind of thing they are.

    compare_values("four", "at least 4", kind="number")
    -> Verdict("number.hedge", "'four' is exactly 4; 'at least 4' is 4 or more: ...")

Figures are compared as intervals, dates as stretches of days, titles by rank,
names by spelling and free text by its words. Everything these comparisons
know about English (hedge words, title ranks, month names, ...) is data in
claimcheck/data/*.yaml, read through `Tables` so that users can extend it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from claimcheck.compare.common import as_text, fold, words
from claimcheck.compare.dateparse import parse_date
from claimcheck.compare.dates import compare_dates
from claimcheck.compare.names import compare_names
from claimcheck.compare.names import knowledge as name_knowledge
from claimcheck.compare.numbers import compare_numbers
from claimcheck.compare.numparse import parse_quantity
from claimcheck.compare.text import compare_text
from claimcheck.compare.titles import compare_titles, read_title, title_words
from claimcheck.records import Scalar, Value, Verdict
from claimcheck.tables import DEFAULT, Tables

__all__ = ["COMPARERS", "KINDS", "compare_values", "value_kind"]

Comparer = Callable[[str, str, Tables], "Verdict | None"]

# kind -> comparer; a comparer returns None when it cannot read a value as its
# kind, and the two values are then compared as free text.
COMPARERS: dict[str, Comparer] = {
    "number": compare_numbers,
    "date": compare_dates,
    "title": compare_titles,
    "name": compare_names,
    "text": compare_text,
}
KINDS = ("auto", *COMPARERS)

_YEAR = re.compile(r"^\d{4}$")
_NAME_WORD = re.compile(r"[^\s,;:()\"]+")
_MAX_NOUNS = 5  # a figure followed by more words than this is a sentence, not a figure
_MAX_TITLE = 6  # title words, once employer and places are dropped
_MAX_TITLE_TEXT = 12  # words as written: "acting attorney general of the northern region of ..."
_MAX_NAME = 8


def compare_values(a: Value, b: Value, kind: str = "auto", tables: Tables = DEFAULT) -> Verdict:
    """Whether two sources' values agree; if not, the discrepancy code and why.

    `kind` is one of KINDS; "auto" guesses it from both values.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return _compare(_hashable(a), _hashable(b), kind, tables)


def _hashable(value: Value | list) -> Value:
    return tuple(value) if isinstance(value, list) else value


@lru_cache(maxsize=1 << 18, typed=True)
def _compare(a: Value, b: Value, kind: str, tables: Tables) -> Verdict:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return _compare_lists(_items(a), _items(b), kind, tables)
    if kind == "auto":
        kind = _resolve(a, b, tables)
    ta, tb = as_text(a), as_text(b)
    verdict = COMPARERS[kind](ta, tb, tables)
    if verdict is not None:
        return verdict
    verdict = compare_text(ta, tb, tables)
    if verdict.agrees:
        return verdict
    return Verdict(verdict.code, f"not both read as a {kind}, compared as text: {verdict.reason}")


def _items(value: Value) -> tuple[Scalar, ...]:
    return value if isinstance(value, tuple) else (value,)


def _compare_lists(a: tuple[Scalar, ...], b: tuple[Scalar, ...], kind: str, tables: Tables) -> Verdict:
    """Lists compare as sets: every item must agree with an item of the other list."""
    if kind in ("date", "auto"):
        ja, jb = " and ".join(map(as_text, a)), " and ".join(map(as_text, b))
        joined = compare_dates(ja, jb, tables)
        if joined is not None:
            return joined
    left, right = list(a), list(b)
    for x in a:
        match = next((y for y in right if _compare(x, y, kind, tables).agrees), None)
        if match is not None:
            left.remove(x)
            right.remove(match)
    if not left and not right:
        return Verdict(None, "the lists have the same items")
    if left and right:
        verdicts = [_compare(x, y, kind, tables) for x, y in zip(left, right, strict=False)]
        worst = next((v for v in verdicts if v.code == "value.differs"), verdicts[0])
        return Verdict(worst.code, f"items differ: {worst.reason}")
    only = ", ".join(f"'{as_text(v)}'" for v in left or right)
    return Verdict("value.differs", f"one list has {only} and the other does not")


def _is_year(value: Value) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return 1000 <= value <= 2199
    return isinstance(value, str) and bool(_YEAR.match(value.strip()))


def _resolve(a: Value, b: Value, tables: Tables) -> str:
    """The kind to compare two values as, from the kinds each looks like."""
    ka, kb = value_kind(a, tables), value_kind(b, tables)
    if ka == kb:
        return ka
    kinds = {ka, kb}
    if kinds == {"date", "number"} and (_is_year(a) or _is_year(b)):
        return "date"
    if kinds == {"title", "name"}:
        return "title"
    return "text"


@lru_cache(maxsize=1 << 18, typed=True)
def value_kind(value: Value, tables: Tables = DEFAULT) -> str:
    """What a value looks like: "number", "date", "title", "name" or "text".

    A bare year ("2019") looks like a number; it is compared as a date when
    the other value is a date or the kind says so.
    """
    if isinstance(value, tuple):
        kinds = {value_kind(v, tables) for v in value}
        return kinds.pop() if len(kinds) == 1 else "text"
    if isinstance(value, bool):
        return "text"
    if isinstance(value, (int, float)):
        return "number"
    text = value.strip()
    if not text:
        return "text"
    if not _YEAR.match(text) and parse_date(text, tables):
        return "date"
    quantity = parse_quantity(text, tables)
    if quantity and quantity.start == 0 and len(quantity.nouns) <= _MAX_NOUNS:
        return "number"
    if _looks_like_title(text, tables):
        return "title"
    if _looks_like_name(text, tables):
        return "name"
    return "text"


def _looks_like_title(text: str, tables: Tables) -> bool:
    """A few words that end in a known title or generic word ("security executive",
    "assistant attorney general for national security")."""
    ws = words(text)
    if len(ws) > _MAX_TITLE_TEXT or not any(w in title_words(tables) for w in ws):
        return False
    title = read_title(text, tables)
    return title.headed and len(title.words) <= _MAX_TITLE


def _looks_like_name(text: str, tables: Tables) -> bool:
    """Every word that matters starts with a capital letter or a digit."""
    small = name_knowledge(tables).stopwords
    significant = [w for w in _NAME_WORD.findall(fold(text)) if w.lower() not in small]
    if not significant or len(significant) > _MAX_NAME:
        return False
    return any(c.isalpha() for c in text) and all(w[0].isupper() or w[0].isdigit() for w in significant)
