"""Read a date as a source writes it ("Oct. 2019", "5 October 2019", "2019-10-05",
"May and June 2020", "late 1990s", "spring 2020") into the days it covers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from claimcheck.compare.common import fold, longest_match, phrase_index, words
from claimcheck.tables import DEFAULT, Tables

REF_YEAR = 2000  # a leap year: where dates without a year are placed
_TOKEN = re.compile(
    r"(?P<iso>\d{4}[-/]\d{1,2}(?:[-/]\d{1,2})?)(?:t[\d:.]+z?)?(?![\d])"
    r"|(?P<decade>\d{3}0)'?s(?![a-z])"
    r"|(?P<num>\d+)(?:st|nd|rd|th)?(?![a-z\d])"
    r"|[a-z]+\d*|[-&,]"
)

Interval = tuple[int, int]  # first and last day, as date.toordinal()


@dataclass(frozen=True, slots=True)
class Span:
    """The days a date value covers; `single` when it names one stretch of the calendar."""

    text: str
    intervals: tuple[Interval, ...]
    has_year: bool
    single: bool


@dataclass(frozen=True, slots=True)
class _Point:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: int | None = None
    period: tuple[int, int] | None = None
    part: str = ""


@dataclass(frozen=True, slots=True)
class Knowledge:
    months: dict[str, int]
    periods: dict[tuple[str, ...], str]
    period_months: dict[str, tuple[int, int]]
    parts: dict[str, dict[str, tuple[int, int]]]
    union: frozenset[str]
    span: frozenset[str]
    span_open: frozenset[str]
    fillers: frozenset[str]
    vocabulary: frozenset[str]  # every word a date can be written with, besides figures


@lru_cache(maxsize=16)
def knowledge(tables: Tables = DEFAULT) -> Knowledge:
    """The date tables of `tables`, compiled for lookup."""
    d = tables.get("dates")
    periods = {k: (int(v[0]), int(v[1])) for k, v in d.get("periods", {}).items()}
    return Knowledge(
        months={k: int(v) for k, v in d.get("months", {}).items()},
        periods=phrase_index(periods),
        period_months=periods,
        parts={k: {u: (int(r[0]), int(r[1])) for u, r in v.items()} for k, v in d.get("parts", {}).items()},
        union=frozenset(d.get("union", [])),
        span=frozenset(d.get("span", [])),
        span_open=frozenset(d.get("span_open", [])),
        fillers=frozenset(d.get("fillers", [])),
        vocabulary=frozenset(
            {*d.get("months", {}), *d.get("parts", {}), *d.get("union", []), *d.get("span", [])}
            | {*d.get("span_open", []), *d.get("fillers", [])}
            | {w for p in periods for w in p.split()}
        ),
    )


def _tokens(text: str, k: Knowledge) -> tuple[str, ...]:
    out = []
    for m in _TOKEN.finditer(fold(text).lower()):
        tok = m["iso"] or (m["decade"] + "s" if m["decade"] else None) or m["num"] or m[0]
        if tok not in k.fillers:
            out.append(tok)
    return tuple(out)


class _Reader:
    def __init__(self, tokens: tuple[str, ...], k: Knowledge) -> None:
        self.t, self.k = tokens, k

    def tok(self, i: int) -> str:
        return self.t[i] if i < len(self.t) else ""

    def year(self, i: int) -> int | None:
        t = self.tok(i)
        return int(t) if t.isdigit() and len(t) == 4 and 1000 <= int(t) <= 2199 else None

    def day(self, i: int) -> int | None:
        t = self.tok(i)
        return int(t) if t.isdigit() and len(t) <= 2 and 1 <= int(t) <= 31 else None

    def point(self, i: int) -> tuple[_Point, int] | None:
        """One date at i and the position after it."""
        k, t = self.k, self.tok(i)
        if t[:4].isdigit() and t[4:5] in ("-", "/"):  # an ISO date, as the tokenizer read it
            parts = [int(x) for x in re.split(r"[-/]", t)]
            return _Point(parts[0], parts[1], parts[2] if len(parts) > 2 else None), i + 1
        part = ""
        if t in k.parts:
            part, i = t, i + 1 + (self.tok(i + 1) == "-")
            t = self.tok(i)
        if t.endswith("s") and t[:-1].isdigit():
            return _Point(decade=int(t[:-1]), part=part), i + 1
        period, j = longest_match(self.t, i, k.periods, 3)
        if period:
            return _Point(self.year(j), period=k.period_months[period], part=part), j + (self.year(j) is not None)
        if t in k.months:
            day = self.day(i + 1)
            j = i + 1 + (day is not None)
            return _Point(self.year(j), k.months[t], day, part=part), j + (self.year(j) is not None)
        if self.day(i) is not None and self.tok(i + 1) in k.months and not part:
            year = self.year(i + 2)
            return _Point(year, k.months[self.tok(i + 1)], self.day(i)), i + 2 + (year is not None)
        if self.year(i) is not None:
            return _Point(self.year(i), part=part), i + 1
        if self.day(i) is not None and not part:
            year = self.year(i + 1)
            return _Point(year, day=self.day(i)), i + 1 + (year is not None)
        return None


@lru_cache(maxsize=1 << 18)
def parse_date(text: str, tables: Tables = DEFAULT) -> Span | None:
    """The days `text` covers, or None when it is not a date that can be placed."""
    k = knowledge(tables)
    if any(w not in k.vocabulary and not any(c.isdigit() for c in w) for w in words(text)):
        return None  # a word no date is written with ("last week", "Friday")
    reader = _Reader(_tokens(text, k), k)
    i, opened = 0, reader.tok(0) in k.span_open
    i += opened
    points: list[_Point] = []
    joins: list[str] = []
    while i < len(reader.t):
        if points:
            t = reader.tok(i)
            if t in k.span or (opened and t in k.union):
                joins.append("span")
                i += 1
            elif t in k.union:
                joins.append("union")
                i += 1
            else:
                joins.append("union")
        found = reader.point(i)
        if found is None:
            return None
        points.append(found[0])
        i = found[1]
    if not points:
        return None
    try:
        return _span(text, _fill(points), joins, k)
    except ValueError:  # a day that does not exist, such as 2019-02-30
        return None


def _fill(points: list[_Point]) -> list[_Point] | None:
    """Give each point the year (and, for a bare day, the month) of its neighbours."""
    out = []
    for n, p in enumerate(points):
        order = points[n + 1 :] + points[:n][::-1]
        if p.year is None and p.decade is None:
            p = replace(p, year=next((q.year for q in order if q.year is not None), None))
        if p.month is None and p.day is not None:
            month = next((q.month for q in order if q.month is not None), None)
            if month is None:
                return None
            p = replace(p, month=month)
        out.append(p)
    return out


def _last(year: int, month: int) -> int:
    return date(year, month, calendar.monthrange(year, month)[1]).toordinal()


def _first(year: int, month: int, day: int = 1) -> int:
    return date(year, month, day).toordinal()


def _days(p: _Point, k: Knowledge) -> list[Interval]:
    y = p.year if p.year is not None else REF_YEAR
    part = k.parts.get(p.part, {})
    if p.decade is not None:
        a, b = part.get("decade", (0, 9))
        return [(_first(p.decade + a, 1), _last(p.decade + b, 12))]
    if p.month is not None and p.day is not None:
        return [(_first(y, p.month, p.day),) * 2]
    if p.month is not None:
        last = calendar.monthrange(y, p.month)[1]
        a, b = part.get("month", (1, last))
        return [(_first(y, p.month, a), _first(y, p.month, min(b, last)))]
    if p.period is not None:
        a, b = p.period
        if a <= b:
            return [(_first(y, a), _last(y, b))]
        if p.year is None:
            return [(_first(y, 1), _last(y, b)), (_first(y, a), _last(y, 12))]
        return [(_first(y - 1, a), _last(y, b))]
    a, b = part.get("year", (1, 12))
    return [(_first(y, a), _last(y, b))]


def merge(intervals: list[Interval]) -> tuple[Interval, ...]:
    """Sorted intervals with overlapping and touching ones joined."""
    out: list[Interval] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def _span(text: str, points: list[_Point] | None, joins: list[str], k: Knowledge) -> Span | None:
    if points is None:
        return None
    groups = [_days(points[0], k)]
    for join, p in zip(joins, points[1:], strict=True):
        days = _days(p, k)
        if join == "span":
            groups[-1] = [(min(groups[-1][0][0], days[0][0]), max(groups[-1][-1][1], days[-1][1]))]
        else:
            groups.append(days)
    has_year = any(p.year is not None or p.decade is not None for p in points)
    return Span(text, merge([i for g in groups for i in g]), has_year, len(points) == 1)
