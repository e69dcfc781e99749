"""Cluster-level behaviour of resolve(): containment, same-source merges, variants, ids, scale."""

from __future__ import annotations

import random

import pytest

from claimcheck.match.resolve import MAX_CANDIDATES, NameGroup, _Resolver, resolve
from claimcheck.tables import DEFAULT

G = NameGroup
MEETINGS = ("meetings terminated", "at least 4")


def story() -> list[NameGroup]:
    return [
        G("doj", "jin", ('Xinjiang "Julien" Jin', "Jin"), "person", (("age", "39"),), True),
        G("doj", "zoom", ("Zoom Video Communications, Inc.", "Zoom"), "organization"),
        G("wapo", "jin", ("Xinjiang Jin", "Jin"), "person", (MEETINGS, ("age", "39"))),
        G("wapo", "yuan", ("Eric Yuan",), "person", (("title", "ceo"),)),
        G("wapo", "zhou", ("Zhou Fengsuo",), "person"),
        G("tt", "Jin Xinjiang", ("Jin Xinjiang",)),
        G("tt", "Jin", ("Jin",)),
        G("tt", "Zhou Fengsuo", ("Zhou Fengsuo",)),
        G("retr", "jin", ("Xinjiang Jin",), "person"),
        G("retr", "Xinjiang CEO Jin", ("Xinjiang CEO Jin",)),
        G("retr", "jane", ("Julian Jane", "Jane"), "person", (MEETINGS,)),
        G("retr", "Zom", ("Zom",)),
        G("retr", "Zhou Fengsu", ("Zhou Fengsu",)),
        G("retr", "Eric Yuan", ("Eric Yuan",), "", (("title", "ceo"),)),
    ]


def by_name(entities):
    return {e.name: e for e in entities}


def test_story_clusters_with_reasons_and_variants() -> None:
    entities, where, _ = resolve(story())
    assert [e.id for e in entities] == ["e1", "e2", "e3", "e4"]
    ents = by_name(entities)
    assert set(ents) == {"Xinjiang Jin", "Zoom Video Communications, Inc.", "Eric Yuan",
                         "Zhou Fengsuo"}
    jin = ents["Xinjiang Jin"]
    assert jin.type == "person"
    assert {where[m] for m in jin.members} == {jin.id}
    assert ("retr", "jane") in jin.members and ("retr", "Xinjiang CEO Jin") in jin.members
    assert ("doj", "Julien") in jin.names  # the quoted nickname is a form of its own
    assert "'Jin Xinjiang' = 'Xinjiang Jin' (order)" in jin.why
    assert "'Jin' is part of 'Xinjiang Jin' and the only candidate its own source names (containment)" in jin.why
    assert "same phonetic key JN" in jin.why
    odd = {o for v in jin.variants for o in v.odd}
    assert odd == {("retr", "Xinjiang CEO Jin"), ("retr", "Julian Jane"), ("retr", "Jane")}
    stray = next(v for v in jin.variants if ("retr", "Xinjiang CEO Jin") in v.odd)
    assert stray.likely == "Xinjiang Jin"
    assert stray.forms == jin.names
    zoom = ents["Zoom Video Communications, Inc."]
    assert zoom.variants[0].likely == "Zoom" and zoom.variants[0].odd == (("retr", "Zom"),)
    fengsu = ents["Zhou Fengsuo"].variants[0]
    assert (fengsu.likely, fengsu.odd) == ("Zhou Fengsuo", (("retr", "Zhou Fengsu"),))
    assert "'Fengsuo' ~ 'Fengsu': 1 letter apart" in fengsu.evidence
    assert ents["Eric Yuan"].why == "" and not ents["Eric Yuan"].variants


def test_containment_ambiguity_stays_apart() -> None:
    groups = [G("a", "dan", ("Wang Dan",)), G("b", "fang", ("Wang Fang",)), G("c", "w", ("Wang",))]
    entities, where, _ = resolve(groups)
    assert len(entities) == 3
    wang = next(e for e in entities if e.members == (("c", "w"),))
    assert "could be 'Wang Dan' or 'Wang Fang'" in wang.why
    assert all("Wang'" not in e.why for e in entities if e is not wang)


def test_containment_prefers_the_candidate_of_the_same_source() -> None:
    groups = [G("a", "dan", ("Wang Dan",)), G("b", "fang", ("Wang Fang",)),
              G("b", "w", ("Wang",)), G("c", "w", ("Wang",))]
    _, where, _ = resolve(groups)
    assert where["b", "w"] == where["b", "fang"]
    assert where["c", "w"] not in (where["a", "dan"], where["b", "fang"])


CONTAINED_USES = [  # (case, groups, (source, key) -> the (source, key) it joins, or None: stays apart)
    ("each use by its own facts",
     [G("a", "ann", ("Ann Roe",), "person", (("age", "30"),)), G("d", "bo", ("Bo Roe",), "person", (("age", "50"),)),
      G("b", "roe", ("Roe",), "", (("age", "30"),)), G("c", "roe", ("Roe",), "", (("age", "50"),))],
     {("b", "roe"): ("a", "ann"), ("c", "roe"): ("d", "bo")}),
    ("a contradicted lone candidate is not joined",
     [G("a", "ann", ("Ann Roe",), "person", (("age", "30"),)), G("b", "roe", ("Roe",), "", (("age", "51"),))],
     {("b", "roe"): None}),
    ("its own source's full name, even when the source contradicts itself",
     [G("a", "ann", ("Ann Roe",), "person", (("employer", "acme"),)),
      G("a", "roe", ("Roe",), "", (("employer", "beta"),))],
     {("a", "roe"): ("a", "ann")}),
]


@pytest.mark.parametrize("case,groups,expect", CONTAINED_USES, ids=[c for c, _, _ in CONTAINED_USES])
def test_contained_names_are_decided_per_use(case: str, groups, expect) -> None:
    from claimcheck.match.align import Predicates, incompatible_facts

    _, where, _ = resolve(groups, DEFAULT, incompatible_facts(Predicates(DEFAULT)))
    for use, joins in expect.items():
        if joins is None:
            assert sum(where[use] == v for v in where.values()) == 1, case
        else:
            assert where[use] == where[joins], case


def test_identifying_facts_keep_sound_alikes_apart() -> None:
    from claimcheck.match.align import Predicates, incompatible_facts

    # alike in sound only: they merge on a shared fact, unless an identifying fact (employer) differs
    agree = [G("a", "x", ("Deng Yan",), "person", (("age", "40"), ("employer", "acme"))),
             G("b", "y", ("Dong Yan",), "person", (("age", "40"), ("employer", "acme")))]
    differ = [agree[0], G("b", "y", ("Dong Yan",), "person", (("age", "40"), ("employer", "velorix labs")))]
    inc = incompatible_facts(Predicates(DEFAULT))
    assert len(resolve(agree, DEFAULT, inc)[0]) == 1
    assert len(resolve(differ, DEFAULT, inc)[0]) == 2


def _crowd(fact: tuple[str, str], n: int) -> list[NameGroup]:
    """n people with unrelated names who all carry `fact`."""
    first = ["Abel", "Bruno", "Cyril", "Dmitri", "Elmer", "Fausto", "Gideon", "Horace", "Ivo", "Jasper"]
    last = ["Quist", "Ramsey", "Sutter", "Tobin", "Upton", "Vance", "Wexler", "Yost", "Zeller", "Orcutt"]
    return [G(f"c{i}", f"p{i}", (f"{first[i % 10]} {last[i // 10 % 10]}",), "person", (fact,))
            for i in range(n)]


@pytest.mark.parametrize(("crowd", "facts", "merged"), [
    (0, (("age", "40"),), True),  # few names: a shared age is evidence
    (80, (("age", "40"),), False),  # 82 of 82 names are 40: sharing it tells nothing
    (80, (("age", "40"), ("employer", "Velorix Labs")), True),  # a rare fact counts whatever else
])
def test_a_fact_many_names_carry_is_no_evidence(crowd: int, facts: tuple, merged: bool) -> None:
    from claimcheck.match.align import Predicates, incompatible_facts

    pair = [G("a", "x", ("Deng Yan",), "person", facts), G("b", "y", ("Dong Yan",), "person", facts)]
    groups = pair + _crowd(("age", "40"), crowd)
    _, where, _ = resolve(groups, DEFAULT, incompatible_facts(Predicates(DEFAULT)))
    assert (where[("a", "x")] == where[("b", "y")]) is merged


@pytest.mark.parametrize(("value", "kind", "fact"), [
    ("8 February 2016", "date", "2016-02-08"),  # a date is its days, not the figure 8
    ("February 8, 2016", "date", "2016-02-08"),
    ("May 2021", "date", "2021-05"),
    ("12 May", "date", "12 may"),  # no year: compared as written
    ("41 years", "number", "exactly 41"),  # one age with or without its unit
    ("41", "number", "exactly 41"),
    ("at least four meetings", "number", "4 or more"),
    ("12%", "number", "exactly 12%"),
    ("Chief Executive", "title", "chief executive"),
])
def test_facts_are_normalized_by_kind(value: str, kind: str, fact: str) -> None:
    from claimcheck.match.align import fact_value

    assert fact_value(value, kind) == fact


def test_containment_respects_types() -> None:
    groups = [G("a", "p", ("Ann Roe",), "person"), G("b", "o", ("Roe",), "organization")]
    entities, _, _ = resolve(groups)
    assert len(entities) == 2


def test_same_source_groups_merge() -> None:
    groups = [G("s", "jin", ("Xinjiang Jin",), "person", (MEETINGS,)),
              G("s", "Xinjiang CEO Jin", ("Xinjiang CEO Jin",)),
              G("s", "jane", ("Jane",), "person", (MEETINGS,))]
    entities, _, _ = resolve(groups)
    (entity,) = entities
    assert "both carry 'meetings terminated' = 'at least 4'" in entity.why


def test_short_aliases_merge_on_sound_only_with_context() -> None:
    jin = G("a", "jin", ("Xinjiang Jin", "Jin"), "person", (MEETINGS,))
    jane = G("b", "jane", ("Julian Jane", "Jane"), "person", (MEETINGS,))
    other = G("c", "jin", ("Xinjiang Jin",), "person")
    (entity,), _, _ = resolve([jin, jane, other])
    (variant,) = entity.variants
    assert variant.likely == "Jin"
    assert variant.odd == (("b", "Julian Jane"), ("b", "Jane"))
    assert "'Jin' ~ 'Jane': same phonetic key JN" in variant.evidence
    assert "both carry 'meetings terminated' = 'at least 4'" in variant.evidence
    apart = G("b", "jane", ("Julian Jane", "Jane"), "person", (("age", "40"),))
    assert len(resolve([jin, apart])[0]) == 2


def test_likely_form_is_the_majority_then_primary() -> None:
    groups = [G(s, "z", ("Zhou Fengsuo",)) for s in "abc"] + [G("d", "z", ("Zhou Fengsu",))]
    (entity,), _, _ = resolve(groups)
    assert entity.name == "Zhou Fengsuo"
    assert entity.variants[0].odd == (("d", "Zhou Fengsu"),)
    tie = [G("a", "z", ("Zhou Fengsu",)), G("b", "z", ("Zhou Fengsuo",), primary=True)]
    (entity,), _, _ = resolve(tie)
    assert entity.variants[0].likely == "Zhou Fengsuo"
    assert entity.variants[0].odd == (("a", "Zhou Fengsu"),)


def test_two_people_with_one_role_stay_apart() -> None:
    ceo = (("title", "ceo"), ("employer", "acme"))
    groups = [G("a", "x", ("Eric Yuan",), "person", ceo), G("b", "y", ("Xinjiang Jin",), "person",
                                                               ceo)]
    assert len(resolve(groups)[0]) == 2


def test_ids_are_stable_and_ordered_by_source_then_appearance() -> None:
    groups = story()
    first, where, _ = resolve(groups)
    again, _, _ = resolve(list(groups))
    assert first == again
    assert first[0].members[0] == ("doj", "jin") and first[1].members[0] == ("doj", "zoom")
    more = groups + [G("zz", "new", ("Someone Else",))]
    later, _, _ = resolve(more)
    assert [(e.id, e.name) for e in later[: len(first)]] == [(e.id, e.name) for e in first]
    assert set(where) == {(g.source, g.key) for g in groups}


def test_no_crash_on_odd_input() -> None:
    groups = [G("a", "k", ("",)), G("a", "x", ("習近平",)), G("b", "x", ("習近平",)),
              G("c", "m", ("Mr.", "Dr.")), G("d", "q", ('"',)), G("e", "e", ())]
    entities, where, _ = resolve(groups)
    assert where["a", "x"] == where["b", "x"]
    assert len(where) == 6
    assert resolve([]) == ((), {}, resolve([])[2])


# -- synthetic claim sets: recall of injected garbles and scale --

SYL = ["ka", "li", "mo", "ran", "sen", "to", "vi", "dar", "nu", "pel", "xin", "jian", "zhou",
       "bor", "mi", "kha", "lev", "ush", "fen", "qing", "dra", "go", "ta", "yu", "wen", "ri"]


def synthetic(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        given = "".join(rng.choice(SYL) for _ in range(rng.choice((1, 2, 2, 3))))
        family = "".join(rng.choice(SYL) for _ in range(rng.choice((1, 2, 2, 3))))
        out.add(f"{given.title()} {family.title()}")
    return sorted(out)


REWRITES = [("x", "hs"), ("j", "ch"), ("zh", "j"), ("q", "ch"), ("ou", "u"), ("u", "ou"),
            ("k", "q"), ("kh", "h"), ("i", "y"), ("ao", "au"), ("v", "w")]


def garble(name: str, rng: random.Random) -> str:
    given, family = name.split(" ")
    op = rng.randrange(7)
    word = rng.choice((given, family))
    if op == 0:  # vowel change
        spots = [i for i, c in enumerate(word) if c in "aeiou"] or [len(word) - 1]
        i = rng.choice(spots)
        new = word[:i] + rng.choice([v for v in "aeiou" if v != word[i].lower()]) + word[i + 1:]
    elif op == 1 and len(word) > 3:  # dropped letter
        i = rng.randrange(1, len(word))
        new = word[:i] + word[i + 1:]
    elif op == 2:  # doubled letter
        i = rng.randrange(1, len(word))
        new = word[:i] + word[i] + word[i:]
    elif op == 3:  # a romanization rewrite
        fits = [(a, b) for a, b in REWRITES if a in word.lower()]
        a, b = rng.choice(fits) if fits else ("a", "e")
        new = word.lower().replace(a, b, 1).title()
    elif op == 4:
        return f"{family} {given}"
    elif op == 5:
        return f"Dr. {given} {family}"
    else:
        return family
    return name.replace(word, new, 1)


def test_injected_garbles_reach_the_scorer() -> None:
    rng = random.Random(3)
    names = synthetic(3000)
    groups = [G(f"s{i % 50}", n, (n,)) for i, n in enumerate(names)]
    pairs = []
    for i, n in enumerate(rng.sample(names, 400)):
        bad = garble(n, rng)
        groups.append(G(f"g{i}", bad, (bad,)))
        pairs.append((n, bad))
    r = _Resolver(groups, DEFAULT)
    r.build()
    scored = {frozenset((a.idx, b.idx)) for a, b, _ in r.score()}
    item_of = {}
    for it in r.items:
        for gi in it.groups:
            item_of.setdefault(r.groups[gi].key, it.idx)
    same = sum(item_of[a] == item_of[b] for a, b in pairs)
    reached = sum(frozenset((item_of[a], item_of[b])) in scored for a, b in pairs)
    assert (same + reached) / len(pairs) >= 0.95
    assert r.pairs <= MAX_CANDIDATES * len(r.items)


@pytest.mark.parametrize("n", [20000])
def test_scale_smoke(n: int) -> None:
    names = synthetic(n, seed=11)
    groups = [G(f"s{i % 500}", name, (name,)) for i, name in enumerate(names)]
    entities, where, stats = resolve(groups)  # timings are the benchmark's (bench/), not a test's
    assert stats.unique_names <= n  # "Ann Roe" and "Roe Ann" are one name
    assert stats.pairs_scored <= MAX_CANDIDATES * stats.unique_names
    assert len(where) == n
