"""Alignment: who each claim is about, and which claims say the same kind of thing.

1. `name_groups` turns every file's entities, bare subjects and name-like
   values into NameGroups for the resolver (claimcheck.match.resolve).
2. `align` maps each claim to its resolved entity and its canonical
   predicate (through the shipped synonym table, data/predicates.yaml), and
   groups the claims about one entity with one predicate.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from claimcheck.compare import compare_values
from claimcheck.compare.dateparse import parse_date
from claimcheck.compare.dates import describe as describe_date
from claimcheck.compare.numbers import describe
from claimcheck.compare.numparse import parse_quantity
from claimcheck.match.resolve import NameGroup
from claimcheck.records import Claim, ClaimFile, ClaimSet, Value
from claimcheck.tables import DEFAULT, Tables

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Case, accents and spacing folded: the key for exact-but-for-typing matches."""
    if text.isascii():
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACE.sub(" ", text).strip().lower()


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str  # canonical name
    kind: str  # title | number | date | name | text | auto
    multi: bool  # several values can be true at once
    identifying: bool = False  # two different names as values mean two different entities


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Claims about one entity with one canonical predicate, across sources."""

    entity: str
    predicate: Predicate
    claims: tuple[Claim, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.claims))


class Predicates:
    """The predicate synonym table in force (shipped plus the user's)."""

    def __init__(self, tables: Tables = DEFAULT) -> None:
        self._by_form: dict[str, Predicate] = {}
        self._seen: dict[str, Predicate] = {}  # as written -> its Predicate (a few forms, used 100,000s of times)
        for name, spec in (tables.get("predicates").get("predicates") or {}).items():
            spec = spec or {}
            pred = Predicate(fold(name), spec.get("kind", "auto"), bool(spec.get("multi", False)),
                             bool(spec.get("identifying", False)))
            self._by_form[pred.name] = pred
            for synonym in spec.get("synonyms") or ():
                self._by_form.setdefault(fold(str(synonym)), pred)

    def __call__(self, predicate: str) -> Predicate:
        pred = self._seen.get(predicate)
        if pred is None:
            form = fold(predicate)
            pred = self._seen[predicate] = self._by_form.get(form) or Predicate(form, "auto", False)
        return pred


_FIGURE_KINDS = frozenset({"number", "date", "auto"})  # predicates whose values may be figures


@lru_cache(maxsize=65536)
def fact_value(value: str | int | float, kind: str = "auto") -> str:
    """A value as context evidence for the resolver: figures by what they mean, text folded.

    "at least four" and "at least 4" give the same fact, so two names that
    carry them can be recognised as one entity; dates are their days in ISO
    words ("12 May 2021" and "May 12, 2021": 2021-05-12). Values of title,
    name and text predicates are only folded (a statement is not read as a figure).
    """
    text = value if isinstance(value, str) else str(value)
    if kind not in _FIGURE_KINDS:
        return fold(text)
    if kind == "date":  # "8 February 2016" is 2016-02-08, not the figure 8
        span = parse_date(text)
        return describe_date(span) if span is not None and span.has_year else fold(text)
    q = parse_quantity(text)
    if q is not None and q.start == 0:
        # reads back as the same figure (incompatible() parses it again); the unit is left out
        # but for percent, so "41" and "41 years" as an age are one fact
        return describe(q if q.unit == "percent" else replace(q, unit=""))
    return fold(text)


def incompatible_facts(predicates: Predicates):
    """For the resolver: do two values of one predicate contradict each other?

    Single-valued predicates of kind number or date count (two ages, two
    founding years), and name predicates marked `identifying` in the table
    (two employers that are clearly different names): those are
    counter-evidence against merging two names. Names spelled alike ('Acme'
    and 'Acmee') are not a contradiction.
    """
    def incompatible(predicate: str, a: str, b: str) -> bool:
        info = predicates(predicate)
        if a == b or info.multi or info.kind not in ("number", "date", "name"):
            return False
        if info.kind == "name" and not info.identifying:
            return False
        conflict = "value.differs" if info.kind == "name" else f"{info.kind}.conflict"
        return compare_values(a, b, info.kind).code == conflict

    return incompatible


def _texts(value: Value) -> tuple[str, ...]:
    items = value if isinstance(value, tuple) else (value,)
    return tuple(v for v in items if isinstance(v, str))


def subject_key(claim: Claim, local_names: dict[str, str]) -> str:
    """The local key of a claim's subject: its entity key, or its folded bare name."""
    if claim.entity:
        return claim.entity
    return local_names.get(fold(claim.subject), "~" + fold(claim.subject))


def name_groups(claim_set: ClaimSet, predicates: Predicates,
                locals_: Sequence[dict[str, str]] | None = None) -> list[NameGroup]:
    """One NameGroup per local entity, bare subject and name-like value of every file.

    `locals_` is each file's `local_names`, when the caller has them already.
    One process does it: sending the groups back from forked copies costs more than
    making them (measured at 100k and 1M claims).
    """
    files = claim_set.files
    local = list(locals_) if locals_ is not None else [local_names(f) for f in files]
    return [g for f, loc in zip(files, local, strict=True) for g in _file_groups(f, loc, predicates)]


def _file_groups(f: ClaimFile, local: dict[str, str], predicates: Predicates) -> list[NameGroup]:
    primary = f.source.kind == "primary"
    forms: dict[str, list[str]] = {e.key: [e.name, *e.aliases] for e in f.entities}
    types = {e.key: e.type for e in f.entities}
    facts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for claim in f.claims:
        key = subject_key(claim, local)
        if key not in forms:
            forms[key] = [claim.subject]
            types[key] = ""
        pred = predicates(claim.predicate)
        value = claim.value
        if isinstance(value, tuple):
            facts[key].extend((pred.name, fact_value(v, pred.kind)) for v in value)
        else:
            facts[key].append((pred.name, fact_value(value, pred.kind)))
        if pred.kind == "name":
            for text in _texts(claim.value):
                vkey = local.get(fold(text), "~" + fold(text))
                if vkey not in forms:
                    forms[vkey] = [text]
                    types[vkey] = ""
    make, sid = NameGroup._make, f.source.id  # every field, in order
    return [make(sid, key, tuple(dict.fromkeys(names)), types.get(key, ""), tuple(dict.fromkeys(facts.get(key, ()))),
                 primary)
            for key, names in forms.items()]


def local_names(f) -> dict[str, str]:
    """Folded name or alias -> entity key, for one file."""
    local: dict[str, str] = {}
    for e in f.entities:
        for name in (e.name, *e.aliases):
            local.setdefault(fold(name), e.key)
    return local


def align(
    claim_set: ClaimSet, entity_of: dict[tuple[str, str], str], predicates: Predicates,
    locals_: Sequence[dict[str, str]] | None = None,
) -> tuple[list[ClaimGroup], dict[tuple[str, str], str]]:
    """Claims grouped by (entity, canonical predicate), and the entity each name-like value names.

    The second result maps (source, folded value text) to an entity id. `locals_`
    is each file's `local_names`, when the caller has them already.
    """
    buckets: dict[tuple[str, Predicate], list[Claim]] = defaultdict(list)
    value_entity: dict[tuple[str, str], str] = {}
    for i, f in enumerate(claim_set.files):
        local = locals_[i] if locals_ is not None else local_names(f)
        sid = f.source.id
        for claim in f.claims:
            eid = entity_of.get((sid, subject_key(claim, local)))
            if eid is None:
                continue
            buckets[(eid, predicates(claim.predicate))].append(claim)
        for folded, key in local.items():
            if (sid, key) in entity_of:
                value_entity[(sid, folded)] = entity_of[(sid, key)]
    for (source, key), eid in entity_of.items():
        if key.startswith("~"):
            value_entity.setdefault((source, key[1:]), eid)
    groups = [ClaimGroup(eid, pred, tuple(claims)) for (eid, pred), claims in buckets.items()]
    return groups, value_entity
