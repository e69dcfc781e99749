"""Properties of compare_values on arbitrary input: it never fails, and order does not matter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.compare import KINDS, compare_values

WORDS = [
    "at least",
    "four",
    "4",
    "$",
    "-",
    "October",
    "Oct.",
    "2019",
    "2019-10",
    "2019-02-30",
    "between",
    "and",
    "late",
    "1990s",
    "spring",
    "CEO",
    "vice",
    "president",
    "of",
    "at",
    "Acme",
    "Inc.",
    "Ministry",
    "not",
    "31st",
    "thirty-first",
    "%",
    "per cent",
    "year-old",
    "million",
    "bn",
    "dozen",
    "several",
    "first",
    "½",
    "ü",
    "'s",
    "(",
    ",",
    ".",
    "0",
    "-5",
    "10,000,000",
    "Q1",
    "winter",
    "or more",
    "+",
    "~",
    "about",
    "May",
]
phrases = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
scalars = st.one_of(phrases, st.text(max_size=20), st.integers(-(10**12), 10**12), st.floats(allow_nan=False))
values = st.one_of(scalars, st.lists(scalars, max_size=3).map(tuple))


@settings(max_examples=300, deadline=None)
@given(values, values, st.sampled_from(KINDS))
def test_never_fails_and_is_symmetric(a, b, kind: str) -> None:
    forward = compare_values(a, b, kind)
    assert forward.code is None or forward.reason
    assert compare_values(b, a, kind).code == forward.code
