"""Compare two dates as stretches of days: date.conflict, date.precision, date.overlap."""

from __future__ import annotations

import calendar
from datetime import date

from claimcheck.compare.dateparse import REF_YEAR, Interval, Span, merge, parse_date
from claimcheck.records import Verdict
from claimcheck.tables import DEFAULT, Tables


def _day(o: int) -> date:
    return date.fromordinal(o)


def _date(d: date, has_year: bool) -> str:
    return d.isoformat() if has_year else f"{d:%B} {d.day}"


def _one(a: int, b: int, has_year: bool) -> str:
    da, db = _day(a), _day(b)
    if a == b:
        return _date(da, has_year)
    whole_months = da.day == 1 and db.day == calendar.monthrange(db.year, db.month)[1]
    if whole_months and has_year and (da.month, db.month) == (1, 12):
        return str(da.year) if da.year == db.year else f"{da.year} to {db.year}"
    if whole_months:
        mfmt = "%Y-%m" if has_year else "%B"
        if (da.year, da.month) == (db.year, db.month):
            return da.strftime(mfmt)
        return f"{da.strftime(mfmt)} to {db.strftime(mfmt)}"
    return f"{_date(da, has_year)} to {_date(db, has_year)}"


def describe(span: Span) -> str:
    """The days a date covers, in ISO words: "2019-10", "2020-05 to 2020-06"."""
    text = " and ".join(_one(a, b, span.has_year) for a, b in span.intervals)
    return text if span.has_year else f"{text}, no year given"


def _project(intervals: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """Dated intervals moved to the reference year, for comparison with a date without one."""
    out: list[Interval] = []
    start_ref, end_ref = date(REF_YEAR, 1, 1).toordinal(), date(REF_YEAR, 12, 31).toordinal()
    for a, b in intervals:
        if b - a >= 365:
            return ((start_ref, end_ref),)
        da, db = _day(a), _day(b)
        pa = da.replace(year=REF_YEAR).toordinal()
        pb = db.replace(year=REF_YEAR).toordinal()
        out.extend([(pa, pb)] if da.year == db.year else [(pa, end_ref), (start_ref, pb)])
    return merge(out)


def _inside(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> bool:
    return all(any(c <= x and y <= d for c, d in b) for x, y in a)


def _meet(a: tuple[Interval, ...], b: tuple[Interval, ...]) -> bool:
    return any(x <= d and c <= y for x, y in a for c, d in b)


def compare_dates(a: str, b: str, tables: Tables = DEFAULT) -> Verdict | None:
    """The verdict on two dates, or None when either cannot be placed on a calendar."""
    sa, sb = parse_date(a, tables), parse_date(b, tables)
    if sa is None or sb is None:
        return None
    return compare_spans(sa, sb)


def compare_spans(sa: Span, sb: Span) -> Verdict:
    """The verdict on two parsed dates."""
    da, db = f"'{sa.text}' is {describe(sa)}", f"'{sb.text}' is {describe(sb)}"
    ia, ib = sa.intervals, sb.intervals
    yearless = sa.has_year != sb.has_year
    if yearless:
        ia, ib = (ia, _project(ib)) if not sa.has_year else (_project(ia), ib)
    if not _meet(ia, ib):
        return Verdict("date.conflict", f"{da}; {db}: no day in common, both cannot be true")
    if ia == ib:
        if yearless:
            return Verdict("date.precision", f"{da}; {db}: the same days, one without the year")
        return Verdict(None, f"'{sa.text}' and '{sb.text}' are both {describe(sa)}")
    a_in_b, b_in_a = _inside(ia, ib), _inside(ib, ia)
    if a_in_b or b_in_a:
        wide = sb if a_in_b else sa
        if wide.single:
            return Verdict("date.precision", f"{da}; {db}: the same time, one less precise")
        return Verdict(
            "date.overlap",
            f"{da}; {db}: '{wide.text}' covers more than the other, not only less precisely",
        )
    return Verdict("date.overlap", f"{da}; {db}: the periods overlap, neither contains the other")
