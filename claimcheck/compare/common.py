"""Helpers the comparers share: folding text, splitting words, naming figures."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from claimcheck.records import Value

_ASCII = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """`text` with accents removed and typographic dashes, quotes and spaces made plain."""
    if text.isascii():
        return text.strip()
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


@lru_cache(maxsize=1 << 18)
def words(text: str) -> tuple[str, ...]:
    """The lowercase words and numbers of `text`, accents folded, punctuation dropped."""
    return tuple(_WORDS.findall(fold(text).lower()))


def as_text(value: Value) -> str:
    """A scalar as the text a source would write; a list joined with commas."""
    if isinstance(value, tuple):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def number_text(x: float) -> str:
    """A figure as a reader would write it: 4, 2.5, 2,500, 100 billion."""
    if math.isinf(x):
        return "infinity" if x > 0 else "minus infinity"
    for scale, name in _SCALES:
        if abs(x) >= scale and round(x / scale, 3) * scale == round(x, 0):
            return f"{x / scale:g} {name}"
    if float(x).is_integer():
        return f"{int(x):,}" if abs(x) >= 10000 else str(int(x))
    return f"{x:.6g}"


def quoted(items: Iterable[str]) -> str:
    """'a', 'b' and 'c'."""
    items = [f"'{i}'" for i in items]
    if not items:
        return "nothing"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def listing(items: Iterable[str], shown: int = 3) -> str:
    """Sources named at a glance: 'a, b, c and 12 more' (each once, in order)."""
    items = list(dict.fromkeys(items))
    if not items:
        return ""
    if len(items) <= shown + 1:
        return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]
    return f"{', '.join(items[:shown])} and {len(items) - shown} more"


def close(x: float, y: float) -> bool:
    """Whether two figures are the same number, up to float rounding."""
    if math.isinf(x) or math.isinf(y):
        return x == y
    return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def phrase_index(phrases: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Phrases keyed by their words, for longest-match lookup in a word list."""
    return {tuple(p.split()): p for p in phrases}


def longest_match(
    tokens: tuple[str, ...], start: int, index: dict[tuple[str, ...], str], longest: int = 5
) -> tuple[str, int]:
    """The longest phrase of `index` at tokens[start:], and the position after it ("", start)."""
    for size in range(min(longest, len(tokens) - start), 0, -1):
        key = tokens[start : start + size]
        if key in index:
            return index[key], start + size
    return "", start
