"""Name folding, keys, token classes, and the must-merge / must-not-merge pair table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.match.names import (
    CLOSE,
    INIT,
    MAX_CANDIDATES,
    NEAR,
    NICK,
    NONE,
    ROM,
    SAME,
    SOUND,
    Match,
    Name,
    _capped,
    lexicon,
)
from claimcheck.match.resolve import NameGroup, resolve
from claimcheck.tables import DEFAULT, Tables

ROOT = Path(__file__).resolve().parent.parent


def parse(text: str, type: str = "", tables: Tables | None = None) -> Name:
    return lexicon(tables or DEFAULT).parse(text, type)


def compare(a: str, b: str, tables: Tables | None = None) -> Match:
    lex = lexicon(tables or DEFAULT)
    return lex.compare(lex.parse(a), lex.parse(b))


PAIRS = yaml.safe_load((ROOT / "tests/cases/names/pairs.yaml").read_text("utf-8"))


def _id(case: dict) -> str:
    return f"{'merge' if case['merge'] else 'apart'}: {case['a']} | {case['b']}"


def _groups(case: dict) -> list[NameGroup]:
    facts = tuple(tuple(f) for f in case.get("facts", ()))
    return [
        NameGroup(src, src, (case[side],), case.get(f"type_{side}", case.get("type", "")), facts)
        for src, side in (("one", "a"), ("two", "b"))
    ]


@pytest.mark.parametrize("case", PAIRS, ids=_id)
def test_pair(case: dict) -> None:
    entities, where, _ = resolve(_groups(case))
    merged = where["one", "one"] == where["two", "two"]
    assert merged == case["merge"], [e.why for e in entities]
    if case["merge"]:
        (entity,) = entities
        if "variant" in case:
            assert bool(entity.variants) == case["variant"], entity
        if "why" in case:
            assert case["why"] in entity.why


def test_pair_table_is_big_and_balanced() -> None:
    assert len(PAIRS) >= 40
    assert sum(c["merge"] for c in PAIRS) >= 20
    assert sum(not c["merge"] for c in PAIRS) >= 20


@pytest.mark.parametrize(
    ("text", "tokens", "dropped", "stray", "nicks"),
    [
        ("Xinjiang CEO Jin", ("xinjiang", "jin"), ("CEO",), ("CEO",), ()),
        ('Xinjiang "Julien" Jin', ("xinjiang", "jin"), (), (), ("Julien",)),
        ("Xinjiang “Julien” Jin", ("xinjiang", "jin"), (), (), ("Julien",)),
        ("Dr. Ann Roe Jr.", ("ann", "roe"), ("Dr", "Jr"), (), ()),
        ("Zoom CEO Eric Yuan", ("eric", "yuan"), ("Zoom", "CEO"), (), ()),
        ("Eric Yuan, chief executive of Zoom", ("eric", "yuan"), ("chief", "executive", "of",
                                                                 "Zoom"), (), ()),
        ("Hsi Chin-p'ing", ("hsi", "chinping"), (), (), ()),
        ("Алексей Навальный", ("aleksey", "navalnyy"), (), (), ()),
        ("José  GARCÍA", ("jose", "garcia"), (), (), ()),
        ("Mr.", ("mr",), (), (), ()),
        ("習近平", ("習近平",), (), (), ()),
        ("", ("",), (), (), ()),
        ("O'Brien", ("obrien",), (), (), ()),
    ],
)
def test_parse(text: str, tokens: tuple, dropped: tuple, stray: tuple, nicks: tuple) -> None:
    name = parse(text)
    assert (name.tokens, name.dropped, name.stray, name.nicknames) == (
        tokens, dropped, stray, nicks)


def test_organization_words() -> None:
    assert parse("Zoom Video Communications, Inc.", "organization").tokens == (
        "zoom", "video", "communications")
    assert parse("The Washington Post", "organization").tokens == ("washington", "post")
    assert parse("General Dynamics Corp", "organization").tokens == ("general", "dynamics")
    assert parse("Ann Co", "person").tokens == ("ann", "co")


@pytest.mark.parametrize(
    ("a", "b", "cls"),
    [
        ("jin", "jin", SAME),
        ("bill", "william", NICK),
        ("j", "john", INIT),
        ("xinjiang", "hsinchiang", ROM),
        ("navalny", "navalnyy", ROM),
        ("zom", "zoom", ROM),
        ("fengsu", "fengsuo", CLOSE),
        ("julian", "julien", CLOSE),
        ("xi", "hsi", CLOSE),
        ("jane", "jin", SOUND),
        ("yuan", "young", SOUND),
        ("maria", "mario", SOUND),
        ("chen", "cheng", SOUND),
        ("dan", "fang", NONE),
        ("webx", "webex", NEAR),
        ("ola", "olga", SOUND),
        ("zhu", "zhou", SOUND),
        ("demers", "railton", NONE),
    ],
)
def test_token_class(a: str, b: str, cls: int) -> None:
    assert lexicon().token_class(a, b)[0] == cls
    assert lexicon().token_class(b, a)[0] == cls


def test_keys_catch_garbles() -> None:
    lex = lexicon()
    assert lex.phon("jane") == lex.phon("jin") == "JN"
    assert lex.rom("hsinchiang") == lex.rom("xinjiang")
    assert set(lex.keys("fengsu")) & set(lex.keys("fengsuo"))
    assert set(lex.keys("gaddafi")) & set(lex.keys("qadhafi"))


def test_compare_reasons_in_words() -> None:
    m = compare("Jane", "Jin")
    assert (m.kind, m.variant, m.needs_context) == ("variant", True, True)
    assert m.reason == "'Jane' ~ 'Jin': same phonetic key JN, Jaro-Winkler 0.75"
    assert compare("Jin", "Xinjiang Jin").kind == "contains"
    assert compare("Xinjiang Jin", "Jin").short == 1
    assert compare("Wang Dan", "Wang Fang").kind == "no"


def test_user_tables_extend_the_data() -> None:
    tables = Tables({"nicknames": {"families": [["zed", "zachary"]]},
                     "honorifics": {"leading": ["comrade"]}})
    assert compare("Zed Roe", "Zachary Roe", tables).kind == "same"
    assert parse("Comrade Ann Roe", tables=tables).tokens == ("ann", "roe")
    assert compare("Zed Roe", "Zachary Roe").kind != "same"


def _capped_by_loop(firsts: list[int], seconds: list[int], types: list[str]) -> list[tuple[int, int]]:
    """The rule `_capped` computes with arrays, as one loop over the proposals."""
    done: set[tuple[int, int]] = set()
    load = [0] * len(types)
    for a, b in zip(firsts, seconds, strict=True):
        pair = (min(a, b), max(a, b))
        ta, tb = types[a], types[b]
        if (a != b and pair not in done and (not ta or not tb or ta == tb)
                and load[a] < MAX_CANDIDATES and load[b] < MAX_CANDIDATES):
            done.add(pair)
            load[a] += 1
            load[b] += 1
    return sorted(done)


@pytest.mark.parametrize(("names", "proposals", "hubs", "seed"), [
    (5, 30, 0, 1),  # few names: repeats and self-pairs
    (200, 5000, 0, 2),  # no name near the cap
    (300, 20000, 3, 3),  # a few names proposed with hundreds of others: the cap refuses some
    (60, 20000, 60, 4),  # every name over the cap
])
def test_capped_pairs_are_the_loop_rule(names: int, proposals: int, hubs: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    types = [rng.choice(["", "person", "organization"]) for _ in range(names)]
    firsts, seconds = [], []
    for _ in range(proposals):
        a = rng.randrange(hubs) if hubs and rng.random() < 0.5 else rng.randrange(names)
        firsts.append(a)
        seconds.append(rng.randrange(names))
    got = _capped(firsts, seconds, types)
    assert got == _capped_by_loop(firsts, seconds, types)
    if hubs:
        assert max(sum(x in p for p in got) for x in range(hubs)) == MAX_CANDIDATES


@pytest.mark.parametrize(("surnames", "singles", "seed"), [
    (300, 200, 5),  # a few single words per block: each scored on its own
    (60, 3000, 6),  # crowded blocks: scored as one matrix
])
def test_single_words_pick_the_same_nearest_either_way(monkeypatch: pytest.MonkeyPatch, surnames: int,
                                                       singles: int, seed: int) -> None:
    """A single word's nearest words: one process.extract call per word and block, or one cdist matrix
    per block (ties by position, as extract breaks them) must give the very same candidate pairs."""
    import random

    import claimcheck.match.names as names_module

    rng = random.Random(seed)
    lex = lexicon(DEFAULT)

    def word() -> str:
        return "".join(rng.choice("bdgkmnrstvzaeiouy") for _ in range(rng.randint(2, 8))).capitalize()

    last = [word() for _ in range(surnames)]
    written = [f"{word()} {rng.choice(last)}" for _ in range(surnames * 2)]
    written += [rng.choice(last) if rng.random() < 0.5 else word() for _ in range(singles)]
    names = [lex.parse(w, "person") for w in written]
    types = ["person"] * len(names)
    monkeypatch.setattr(names_module, "FEW_QUERIES", 10**9)
    one_by_one = names_module.candidates(lex, names, types)
    monkeypatch.setattr(names_module, "FEW_QUERIES", 0)
    as_matrix = names_module.candidates(lex, names, types)
    assert as_matrix == one_by_one
    assert len(one_by_one[0]) > len(names)
