"""Guessing a value's kind, extending the knowledge tables."""

from __future__ import annotations

import pytest

from claimcheck.compare import KINDS, compare_values, value_kind
from claimcheck.tables import Tables

KIND_CASES = [
    ("at least four", "number"),
    ("more than $100 billion", "number"),
    ("39-year-old", "number"),
    (39, "number"),
    (2.5, "number"),
    ("31st anniversary of the founding", "number"),
    ("2019", "number"),  # a bare year is a number unless the other value is a date
    ("October 2019", "date"),
    ("2019-10-05", "date"),
    ("May and June 2020", "date"),
    ("late 1990s", "date"),
    ("CEO", "title"),
    ("a Berlin-based Acme executive", "title"),
    ("assistant attorney general for national security", "title"),
    ("Justice Department", "name"),
    ("WidgetX", "name"),
    ("last week", "text"),
    ("the firm fired him after he was charged", "text"),
    (("May 2020", "June 2020"), "date"),
    (("fraud", "Acme"), "text"),
    ("", "text"),
]


@pytest.mark.parametrize(("value", "kind"), KIND_CASES)
def test_value_kind(value, kind: str) -> None:
    assert value_kind(value) == kind


def test_kinds_are_listed() -> None:
    assert set(KINDS) == {"auto", "number", "date", "title", "name", "text"}


def test_a_list_passed_as_a_list_is_read_as_a_tuple() -> None:
    assert compare_values(["a", "b"], ("b", "a"), "text").agrees


def test_users_can_extend_hedges() -> None:
    plain = compare_values("north of 100", "more than 100", "number")
    assert not plain.agrees
    tables = Tables({"hedges": {"before": {"gt": ["north of"]}}})
    assert compare_values("north of 100", "more than 100", "number", tables).agrees


def test_users_can_extend_title_ladders() -> None:
    tables = Tables({"titles": {"ladders": {"church": [["archbishop"], ["bishop"]]}}})
    assert compare_values("archbishop", "bishop", "title", tables).code == "title.inflated"


def test_users_can_extend_institution_words() -> None:
    tables = Tables({"institutions": {"groups": {"ministry": ["secretariat", "commissariat"]}}})
    verdict = compare_values("Health Commissariat", "Health Ministry", "name", tables)
    assert verdict.code == "value.variant"


def test_reasons_quote_the_parsed_forms() -> None:
    verdict = compare_values("four", "at least four", "number")
    assert verdict.reason == "'four' is exactly 4; 'at least four' is 4 or more: the hedge was dropped"
