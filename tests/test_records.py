"""Records pickled as tuples come back equal, and their makers build what __init__ builds."""

from __future__ import annotations

import pickle
from dataclasses import fields

import pytest

from claimcheck.match.names import Match
from claimcheck.match.resolve import NameGroup, NameVariant, ResolvedEntity
from claimcheck.records import Claim, ClaimFile, Coverage, Entity, NameUse, Position, QuoteMatch, Source

AT = Position("set/a.yaml", 12, 5)
SOURCE = Source(id="a", file="set/a.yaml", pos=AT, title="T", kind="report")
CLAIM = Claim("a", 0, AT, "Ann Roe", "age", 41, "c1", "Ann Roe, 41", (("since", 2019),), "n", "ann", "Ann Roe",
              QuoteMatch("exact", 3, 4, "Ann Roe, 41", ""))

RECORDS = [  # (case, record): one of each record pickled as a tuple
    ("position", AT),
    ("source", SOURCE),
    ("entity", Entity("a", "ann", "Ann Roe", AT, "person", ("Roe",))),
    ("claim", CLAIM),
    ("claim file", ClaimFile("set/a.yaml", SOURCE, (), (CLAIM,), "set")),
    ("match", Match("variant", "1 letter apart", True, False, 1)),
    ("name use", NameUse("a", "Ann Roe")),
    ("coverage", Coverage("e1", "Ann Roe", "age", ("a", "b"), ("c",))),
    ("name group", NameGroup("a", "ann", ("Ann Roe", "Roe"), "person", (("age", "41"),), True)),
    ("resolved entity", ResolvedEntity("e1", "Ann Roe", "person", (("a", "ann"),), (("a", "Ann Roe"),), "",
                                       (NameVariant("Ann Roe", (("a", "Ann Roe"),), (("b", "Ann Rue"),), "x"),))),
]


@pytest.mark.parametrize("case,record", RECORDS, ids=[c for c, _ in RECORDS])
def test_pickled_records_come_back_equal(case: str, record: object) -> None:
    back = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == record and type(back) is type(record), case
    assert hash(back) == hash(record)


@pytest.mark.parametrize("case,record", RECORDS, ids=[c for c, _ in RECORDS])
def test_the_maker_builds_what_init_builds(case: str, record: object) -> None:
    cls = type(record)
    values = [getattr(record, f.name) for f in fields(cls)]
    made = cls._make(*values)
    assert made == cls(*values) and type(made) is cls, case
    with pytest.raises(AttributeError):  # still frozen
        made.__setattr__(fields(cls)[0].name, None)
