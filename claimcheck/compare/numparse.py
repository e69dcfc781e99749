"""Read a figure as a source writes it ("at least four", "more than $100 billion",
"39-year-old", "between 5 and 10", "31st") into an interval with its unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from claimcheck.compare.common import longest_match
from claimcheck.compare.numwords import Knowledge, knowledge, tokenize
from claimcheck.tables import DEFAULT, Tables

INF = math.inf
_NUM = re.compile(r"\d|\.\d")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read from a value: the interval it allows, in its unit.

    `shape` says how the figure was hedged: exact, ge (at least), gt (more
    than), le (at most), lt (less than), approx (about), below (nearly),
    range (between two figures) or vague (several, dozens).
    """

    text: str
    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False
    shape: str = "exact"
    hedge: str = ""
    figure: float = 0.0
    unit: str = ""
    dimension: str = ""
    factor: float = 1.0
    nouns: frozenset[str] = frozenset()
    ordinal: bool = False
    start: int = 0  # how many words come before the figure and its hedge
    half: float = 0.0  # half the last written digit of an exact figure ("33.5": 0.05; "4.7 million": 50,000)

    @property
    def base(self) -> tuple[float, float]:
        """The interval in the dimension's base unit, so that units convert."""
        return self.lo * self.factor, self.hi * self.factor


class _Figure(NamedTuple):
    lo: float
    hi: float
    ordinal: bool
    end: int
    scale: float  # the scale word's factor when written after digits ("10 million")
    half: float = 0.0  # half the last written digit, for figures written with decimals


class _Reader:
    """One pass over the tokens of a value, looking for its first figure."""

    def __init__(self, tokens: tuple[str, ...], k: Knowledge) -> None:
        self.t, self.k = tokens, k

    def tok(self, i: int) -> str:
        return self.t[i] if i < len(self.t) else ""

    def number(self, i: int, money: bool) -> _Figure | None:
        """The figure at i: low == high unless it is vague ("several", "dozens")."""
        k, t = self.k, self.tok(i)
        if _NUM.match(t):
            ordinal = t[-2:] in ("st", "nd", "rd", "th")
            value, scale = float(t[:-2] if ordinal else t), 1.0
            i += 1
            short = self.tok(i)
            if short in k.short and (money or short not in k.money_only) and not ordinal:
                scale, i = k.short[short], i + 1
            while self.tok(i) in k.scales and not ordinal:
                scale, i = scale * k.scales[self.tok(i)], i + 1
            places = len(t) - t.index(".") - 1 if "." in t and not ordinal else 0
            half = 0.5 * 10.0 ** -places * scale if places else 0.0
            return _Figure(value * scale, value * scale, ordinal, i, scale, half)
        phrase, j = longest_match(self.t, i, k.vague)
        if phrase:
            lo, hi = k.vague_range[phrase]
            of = int(self.tok(j) == "of")
            word = self.tok(j + of).removesuffix("s")
            if word in k.scales:
                return _Figure(lo * k.scales[word], hi * k.scales[word], False, j + of + 1, 1.0)
            return _Figure(lo, hi, False, j, 1.0)
        return self.words(i)

    def words(self, i: int) -> _Figure | None:
        k = self.k
        total = current = 0.0
        seen = ordinal = False
        if self.tok(i) in ("a", "an") and (self.tok(i + 1) in k.scales or self.tok(i + 1) in k.words):
            current, i = 1.0, i + 1
        while True:
            t = self.tok(i)
            if t in k.ordinals and not (t == "second" and seen and not current):
                v = k.ordinals[t]
                current = (current or 1) * v if v >= 100 else current + v
                seen = ordinal = True
                i += 1
                break
            if t in k.words:
                v = k.words[t]
                current = (current or 1) * v if t == "dozen" or v < 1 else current + v
            elif t in k.scales:
                if k.scales[t] < 1000:
                    current = (current or 1) * k.scales[t]
                else:
                    total, current = total + (current or 1) * k.scales[t], 0.0
            elif seen and t in ("-", "and", "a", "an") and self._continues(i + 1):
                i += 1
                continue
            else:
                break
            seen, i = True, i + 1
        if not seen:
            return None
        value = total + current
        return _Figure(value, value, ordinal, i, 1.0)

    def _continues(self, i: int) -> bool:
        t = self.tok(i)
        return t in self.k.words or t in self.k.scales or t in self.k.ordinals

    def unit(self, i: int) -> tuple[str, int]:
        """The unit written at i ("years", "-year-old", "%"), or ("", i)."""
        found, j = longest_match(self.t, self._skip_dash(i), self.k.units, 3)
        return (found, j) if found else ("", i)

    def suffix(self, i: int) -> tuple[str, int]:
        """The hedge written after a figure at i ("or more", "+", "-plus"), or ("", i)."""
        found, j = longest_match(self.t, self._skip_dash(i), self.k.after)
        return (found, j) if found else ("", i)

    def _skip_dash(self, i: int) -> int:
        while self.tok(i) == "-":
            i += 1
        return i


@lru_cache(maxsize=1 << 18)
def parse_quantity(text: str, tables: Tables = DEFAULT) -> Quantity | None:
    """The first figure in `text` with its hedge and unit, or None if there is none."""
    k = knowledge(tables)
    tokens = tokenize(text)
    reader = _Reader(tokens, k)
    for start, token in enumerate(tokens):
        if token in k.starts or _NUM.match(token):
            found = _read_at(reader, start, text)
            if found:
                return found
    return None


def _read_at(r: _Reader, i: int, text: str) -> Quantity | None:
    k = r.k
    start, shape, hedge = i, "exact", ""
    ranged = r.tok(i) in k.range_open
    if ranged:
        i += 1
    else:
        hedge, i = longest_match(r.t, i, k.before)
        shape = k.shape_of.get(hedge, "exact")
    unit, j = longest_match(r.t, i, k.units, 3)
    money = bool(unit) and k.unit_info[unit].money
    if money:
        i = j
    else:
        unit = ""
    first = r.number(i, money)
    if first is None:
        return None
    lo, hi, ordinal, i = first.lo, first.hi, first.ordinal, first.end
    if lo != hi:
        shape = "vague"
    second = None
    if r.tok(i) in k.range_join and (r.tok(i) != "and" or ranged) and lo == hi and not ordinal:
        second = r.number(i + 1, money)
    if second is not None and second.lo == second.hi:
        if first.scale == 1.0 and second.scale > 1.0:
            lo = lo * second.scale
        if second.lo > lo:
            shape, hedge, hi, i = "range", "", second.lo, second.end
    if ranged and shape != "range":
        return None
    suffix, i = r.suffix(i)
    if not unit:
        found, after_unit = r.unit(i)
        if found:
            unit, i = found, after_unit
    if not suffix:
        suffix, i = r.suffix(i)
    if suffix and shape == "exact":
        shape, hedge = k.shape_of[suffix], suffix
    rest = r.t[:start] + r.t[i:]
    nouns = frozenset(_singular(w) for w in rest if w.isalpha() and w not in k.fillers)
    half = first.half if second is None or shape != "range" else 0.0
    return _build(text, shape, hedge, lo, hi, unit, nouns, ordinal, start, k, half)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _build(
    text: str,
    shape: str,
    hedge: str,
    lo: float,
    hi: float,
    unit: str,
    nouns: frozenset[str],
    ordinal: bool,
    start: int,
    k: Knowledge,
    half: float = 0.0,
) -> Quantity:
    x, tol = lo, k.tolerance * abs(lo)
    floor = 0.0 if x >= 0 else -INF
    intervals = {
        "exact": (x, x, False, False),
        "ge": (x, INF, False, False),
        "gt": (x, INF, True, False),
        "le": (floor, x, False, False),
        "lt": (floor, x, False, True),
        "approx": (x - tol, x + tol, False, False),
        "below": (x - tol, x, False, False),
    }
    low, high, lo_open, hi_open = intervals.get(shape, (lo, hi, False, False))
    info = k.unit_info.get(unit)
    return Quantity(
        text=text,
        lo=low,
        hi=high,
        lo_open=lo_open,
        hi_open=hi_open,
        shape=shape,
        hedge=hedge,
        figure=x if shape != "range" else (lo + hi) / 2,
        unit=unit,
        dimension=info.dimension if info else "",
        factor=info.factor if info else 1.0,
        nouns=nouns,
        ordinal=ordinal,
        start=start,
        # a whole percentage is a rounded one ("33%" of 33.49%); other whole figures are counts, exact
        half=half or (0.5 if shape == "exact" and unit == "percent" and float(x).is_integer() else 0.0),
    )


@lru_cache(maxsize=1 << 18)
def figures(text: str, tables: Tables = DEFAULT) -> tuple[float, ...]:
    """Every figure written in `text`, in order ("four", "2,500", "31st", "2.5 million")."""
    reader = _Reader(tokenize(text), knowledge(tables))
    out, i = [], 0
    while i < len(reader.t):
        token = reader.t[i]
        found = reader.number(i, money=False) if token in reader.k.figure_starts or _NUM.match(token) else None
        if found is None or found.end == i:
            i += 1
            continue
        out.append(found.lo)
        i = found.end
    return tuple(out)
