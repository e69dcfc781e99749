"""The diff pipeline: resolve names, align claims, compare values, assemble a Report.

    claim set -> name groups -> resolve -> align -> compare per group -> Report

Everything a discrepancy says (message, reason, each source's value with its
quote and file:line) is decided here; renderers only lay it out.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from claimcheck import checks
from claimcheck.compare import compare_values
from claimcheck.compare.common import listing
from claimcheck.compare.numparse import parse_quantity
from claimcheck.compare.sides import Dispute, disputes
from claimcheck.compare.titles import other_time
from claimcheck.match.align import (
    ClaimGroup,
    Predicate,
    Predicates,
    align,
    fold,
    incompatible_facts,
    local_names,
    name_groups,
    subject_key,
)
from claimcheck.match.resolve import ResolvedEntity, resolve
from claimcheck.records import (
    Claim,
    ClaimSet,
    Coverage,
    Discrepancy,
    NameUse,
    Report,
    ReportEntity,
    Severity,
    Side,
    Sighting,
    Value,
    Verdict,
)
from claimcheck.tables import DEFAULT, Tables
from claimcheck.workers import collector_paused, fork_map

MAX_DISTINCT = 40  # distinct values compared pairwise in one group; more are compared to the commonest
Progress = Callable[[str], None]


def fingerprint(subject: str, predicate: str | None, code: str, pairs: Iterable[tuple[str, str]]) -> str:
    """A discrepancy's stable id: from the entity's name, predicate, code and the (source, value) pairs.

    Lines, claim ids and unrelated claims do not enter it, so it survives edits
    that do not touch the discrepancy itself.
    """
    parts = [fold(subject), fold(predicate or ""), code, *sorted(f"{s}={fold(v)}" for s, v in set(pairs))]
    return "cc-" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _text(value: Value) -> str:
    if isinstance(value, tuple):
        return ", ".join(_text(v) for v in value)
    return value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value)


def _sighting(claim: Claim, files: dict[str, str]) -> Sighting:
    qm = claim.quote_match
    at = f"{qm.line}:{qm.col}" if qm and qm.status != "missing" else ""
    return Sighting(claim.source, claim.name or claim.subject, claim.value, claim.quote,
                    files[claim.source], claim.pos.line, claim.id, at)


class _Builder:
    """Collects discrepancies with their severities in force."""

    def __init__(self, severities: dict[str, str]) -> None:
        self.severities = severities
        self.found: dict[str, Discrepancy] = {}

    def level(self, code: str) -> Severity:
        """The severity of a code in force (the user's, else the registry's)."""
        return Severity.parse(self.severities.get(code) or checks.get(code).severity)

    def add(self, code: str, entity: str, subject: str, predicate: str | None, message: str, why: str,
            values: tuple[Sighting, ...], sides: tuple[Side, ...] = (),
            odd: Iterable[tuple[str, str]] | None = None) -> None:
        """One discrepancy; a disputed fact (`odd`: its odd sides' (source, value) pairs) is known by
        its entity, predicate and odd sides, whatever code its strongest disagreement has."""
        if odd is not None:
            did = fingerprint(subject, predicate, "", odd)
        else:
            did = fingerprint(subject, predicate, code, ((v.source, _text(v.value)) for v in values))
        if did not in self.found:
            self.found[did] = Discrepancy(did, code, self.level(code), entity, subject, predicate,
                                          message, why, values, sides)


class _Recorder:
    """Records a group's findings where a forked worker compares it; the main process adds them in order."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def add(self, *call) -> None:
        self.calls.append(call)


def build_report(
    claim_set: ClaimSet, tables: Tables = DEFAULT, severities: dict[str, str] | None = None,
    missing: bool = False, progress: Progress | None = None,
) -> Report:
    """Every discrepancy of a loaded, quote-checked claim set."""
    with collector_paused():
        return _build_report(claim_set, tables, severities, missing, progress)


def _build_report(claim_set: ClaimSet, tables: Tables, severities: dict[str, str] | None,
                  missing: bool, progress: Progress | None) -> Report:
    say = progress or (lambda stage: None)
    clock = time.perf_counter
    stats: list[tuple[str, float]] = []
    files = {f.source.id: f.path for f in claim_set.files}
    predicates = Predicates(tables)

    say("resolving names")
    t = clock()
    locals_ = [local_names(f) for f in claim_set.files]
    groups: list[ClaimGroup] = []
    value_entity: dict[tuple[str, str], str] = {}
    align_s = 0.0

    def align_now(entity_of: dict[tuple[str, str], str]) -> None:  # while the entity records are made
        nonlocal groups, value_entity, align_s
        say("aligning claims")
        start = clock()
        groups, value_entity = align(claim_set, entity_of, predicates, locals_)
        align_s = clock() - start

    entities, entity_of, rstats = resolve(name_groups(claim_set, predicates, locals_), tables,
                                          incompatible_facts(predicates), align_now)
    stats += [("resolve_s", clock() - t - align_s), ("match_s", rstats.match_s),
              ("pairs_scored", rstats.pairs_scored), ("unique_names", rstats.unique_names), ("align_s", align_s)]
    names = {e.id: e.name for e in entities}

    say("comparing values")
    t = clock()
    before, after = _Recorder(), _Recorder()  # what needs no comparison, found while the values are compared
    known, level = _Sources(claim_set), _Builder(severities or {}).level
    coverage: tuple[Coverage, ...] = ()

    def others() -> None:
        nonlocal coverage
        _name_variants(before, entities, claim_set, entity_of, files)
        _unresolved(before, entities, groups, files)
        _shared_titles(after, groups, names, value_entity, tables, files)
        _quotes(after, claim_set, locals_, entity_of, predicates, names, files)
        coverage = _coverage(groups, names, claim_set)

    def compare(group: ClaimGroup) -> list[tuple]:
        found = _Recorder()
        _compare_group(found, group, names[group.entity], value_entity, tables, files, known, level)
        return found.calls

    compared = fork_map(compare, groups, work=sum(len(g.claims) for g in groups), meanwhile=others)
    out = _Builder(severities or {})
    for calls in (before.calls, *compared, after.calls):  # in the order of one process's loop
        for call in calls:
            out.add(*call)
    if missing:
        for row in coverage:
            if row.missing:
                out.add("coverage.missing", row.entity, row.subject, row.predicate,
                        f"{row.subject} / {row.predicate}: stated by {', '.join(row.present)};"
                        f" not by {', '.join(row.missing)}",
                        "sources that name this entity but do not state this", ())
    stats.append(("compare_s", clock() - t))
    coverage = _statuses(coverage, out.found.values(), entities)
    return Report(
        sources=claim_set.sources,
        claim_counts=tuple(len(f.claims) for f in claim_set.files),
        entities=tuple(ReportEntity(e.id, e.name, e.type, tuple(NameUse._make(s, n) for s, n in e.names), e.why)
                       for e in entities),
        discrepancies=tuple(sorted(out.found.values(), key=Discrepancy.sort_key)),
        coverage=coverage,
        stats=tuple(stats),
    )


def _name_variants(out: _Builder | _Recorder, entities: tuple[ResolvedEntity, ...], claim_set: ClaimSet,
                   entity_of: dict[tuple[str, str], str], files: dict[str, str]) -> None:
    """name.variant: an entity that some source names with a garbled form."""
    if not any(e.variants for e in entities):
        return
    wanted = {source for e in entities for v in e.variants for source, _ in v.forms}
    by_source: dict[str, list[Claim]] = defaultdict(list)
    by_name: dict[tuple[str, str], Claim] = {}
    for claim in (c for f in claim_set.files if f.source.id in wanted for c in f.claims):
        by_source[claim.source].append(claim)
        by_name.setdefault((claim.source, fold(claim.subject)), claim)
        by_name.setdefault((claim.source, fold(claim.name)), claim)
    for entity in entities:
        for variant in entity.variants:
            values = []
            shown = set(variant.odd) | {(s, f) for s, f in variant.forms if f == variant.likely}
            for source, form in (pair for pair in variant.forms if pair in shown):
                claim = by_name.get((source, fold(form))) or _claim_quoting(by_source[source], form)
                values.append(Sighting(source, form, form, claim.quote if claim else "", files[source],
                                       claim.pos.line if claim else 1, claim.id if claim else ""))
            odd = "; ".join(f"{s} writes {f!r}" for s, f in variant.odd)
            out.add("name.variant", entity.id, entity.name, None,
                    f"{entity.name}: {odd}; most likely right: {variant.likely!r}",
                    variant.evidence, tuple(values))


def _claim_quoting(claims: list[Claim], form: str) -> Claim | None:
    """The first claim of a source whose quote uses `form`."""
    for claim in claims:
        if form in claim.quote:
            return claim
    return None


def _value_key(claim: Claim, value_entity: dict[tuple[str, str], str]) -> str:
    """What a value stands for: the entity it names, else its folded text."""
    if type(claim.value) is str:  # nearly every value: the general road below, in short
        folded = fold(claim.value)
        eid = value_entity.get((claim.source, folded))
        return "@" + eid if eid else folded
    items = claim.value if isinstance(claim.value, tuple) else (claim.value,)
    eids = [value_entity.get((claim.source, fold(v))) if isinstance(v, str) else None for v in items]
    if all(eids):
        return "@" + ",".join(sorted(set(eids)))  # type: ignore[arg-type]
    return fold(_text(claim.value))


def _qualifiers_compatible(a: Claim, b: Claim, value_entity: dict[tuple[str, str], str]) -> bool:
    """Shared qualifier keys must not name clearly different things."""
    qa, qb = dict(a.qualifiers), dict(b.qualifiers)
    for key in qa.keys() & qb.keys():
        va, vb = _text(qa[key]), _text(qb[key])
        if fold(va) == fold(vb):
            continue
        ea, eb = value_entity.get((a.source, fold(va))), value_entity.get((b.source, fold(vb)))
        if ea and ea == eb:
            continue
        if compare_values(va, vb, "auto").code not in (None, "value.variant", "text.paraphrase",
                                                       "date.precision"):
            return False
    return True


# Verdicts that do not set two values of a many-valued predicate against each other: each
# source may name another of the true values ("charged with", "bribes paid to").
_MANY = frozenset(("value.conflict", "value.differs", "text.paraphrase", "title.conflict", "text.other-language"))
_LANGUAGE_BLIND = ("number.", "date.", "value.conflict")  # readings that do not depend on the words' language
_REPORTS_ONLY = frozenset(("translation", "aggregator"))  # never outvote reports


class _Sources:
    """What the comparison needs to know of each source: language, kind, origin."""

    def __init__(self, claim_set: ClaimSet) -> None:
        self.language = {s.id: s.language.split("-")[0].lower() for s in claim_set.sources}
        self.kind = {s.id: s.kind for s in claim_set.sources}
        self.origin = {s.id: s.derived_from or s.id for s in claim_set.sources}

    def weight(self, sources: set[str]) -> tuple[int, int, int]:
        """How strongly a class of values stands for the consensus: `kind: primary` sources, then
        independent reports (a source derived from another counts once with it); translations
        and aggregators count only where no report stands on either side."""
        primary = sum(self.kind.get(s) == "primary" for s in sources)
        reports = {self.origin.get(s, s) for s in sources if self.kind.get(s) not in _REPORTS_ONLY}
        return (primary, len(reports), 0 if reports else len(sources))


def _verdict(ka: str, kb: str, a: Claim, b: Claim, predicate: Predicate, tables: Tables,
             sources: _Sources) -> Verdict | None:
    """Two values of one group compared: names of resolved entities as entities, other values by kind,
    and values of sources in different languages never on their wording alone.

    Two different entities cannot both be the value where the predicate holds one entity (an
    employer, a birthplace: `identifying` in data/predicates.yaml); elsewhere ("accused by":
    prosecutors and their department) they are only worded differently. A title dated to
    another time ("former chairman", "president-elect") is not set against one that is not:
    None, not comparable.
    """
    kind, one = predicate.kind, predicate.identifying
    if ka.startswith("@") or kb.startswith("@"):
        if ka == kb:
            return Verdict(None, "both name one entity")
        verdict = compare_values(_text(a.value), _text(b.value), "name", tables)
        if ka.startswith("@") and kb.startswith("@") and verdict.code == "value.differs" and one:
            verdict = Verdict("value.conflict", f"they name different entities: {verdict.reason}")
    else:
        verdict = compare_values(a.value, b.value, kind, tables)
    if verdict.code and verdict.code.startswith("title.") and \
            other_time(_text(a.value), tables) != other_time(_text(b.value), tables):
        return None
    la, lb = sources.language.get(a.source, ""), sources.language.get(b.source, "")
    if verdict.code and la and lb and la != lb and verdict.code.startswith("number.") and \
            _one_unit_unread(a.value, b.value, tables):
        verdict = Verdict("text.other-language",
                          f"{a.source} writes in {la}, {b.source} in {lb}, and the unit of one figure could not be"
                          f" read: not compared (as figures: {verdict.code}, {verdict.reason})")
    if verdict.code and la and lb and la != lb and not verdict.code.startswith(_LANGUAGE_BLIND):
        verdict = Verdict("text.other-language",
                          f"{a.source} writes in {la}, {b.source} in {lb}: not compared word by word"
                          f" (as words: {verdict.code}, {verdict.reason})")
    return verdict


def _one_unit_unread(a: Value, b: Value, tables: Tables) -> bool:
    """Exactly one of two figures has a unit: in another language, the other's unit word may be
    one the tables do not know ("20 años" against "240 months")."""
    qa, qb = parse_quantity(_text(a), tables), parse_quantity(_text(b), tables)
    return qa is not None and qb is not None and bool(qa.unit) != bool(qb.unit)


def _compare_group(out: _Builder | _Recorder, group: ClaimGroup, subject: str, value_entity: dict[tuple[str, str], str],
                   tables: Tables, files: dict[str, str], sources: _Sources, level: Callable[[str], Severity]) -> None:
    """Compare the distinct values of one group; one discrepancy per disputed fact, with every side."""
    distinct: dict[str, list[Claim]] = defaultdict(list)
    for claim in group.claims:
        distinct[_value_key(claim, value_entity)].append(claim)
    if len(distinct) < 2:
        return
    keys = sorted(distinct, key=lambda k: -len(distinct[k]))[:MAX_DISTINCT]
    raw: dict[tuple[str, str], Verdict] = {}
    for i, ka in enumerate(keys):
        a = distinct[ka][0]
        for kb in keys[i + 1:]:
            b = distinct[kb][0]
            if _qualifiers_compatible(a, b, value_entity):
                v = _verdict(ka, kb, a, b, group.predicate, tables, sources)
                if v is not None:
                    raw[ka, kb] = v
    multi = group.predicate.multi or _looks_multi(raw, distinct)

    def verdict(ka: str, kb: str) -> Verdict | None:
        v = raw.get((ka, kb)) or raw.get((kb, ka))
        return None if v is None or (multi and v.code in _MANY) else v

    def weight(ks: tuple[str, ...]) -> tuple[int, int, int]:
        return sources.weight({c.source for k in ks for c in distinct[k]})

    def strength(v: Verdict) -> tuple[int, str]:
        return (level(v.code or ""), v.code or "")

    for dispute in disputes(keys, verdict, weight, strength):
        _flag(out, group, subject, dispute, distinct, files, level)


def _looks_multi(raw: dict[tuple[str, str], Verdict], distinct: dict[str, list[Claim]]) -> bool:
    """A predicate not in the table is many-valued when one source gives dissimilar values for it."""
    for (ka, kb), verdict in raw.items():
        if verdict.code in ("value.differs", "text.paraphrase"):
            if {c.source for c in distinct[ka]} & {c.source for c in distinct[kb]}:
                return True
    return False


def _flag(out: _Builder | _Recorder, group: ClaimGroup, subject: str, dispute: Dispute[str],
          distinct: dict[str, list[Claim]], files: dict[str, str], level: Callable[[str], Severity]) -> None:
    pred = group.predicate.name
    sides, lead = [], None
    for side in dispute.sides:
        claims = [c for k in side.keys for c in distinct[k]]
        texts = tuple(dict.fromkeys(_text(c.value) for c in claims))
        srcs = tuple(dict.fromkeys(c.source for c in claims))
        code = side.verdict.code or "" if side.verdict else ""
        made = Side("consensus" if side.consensus else "odd", distinct[side.keys[0]][0].value,
                    tuple(dict.fromkeys(_hashable(c.value) for c in claims)), srcs, code,
                    level(code) if code else None, side.verdict.reason if side.verdict else "")
        sides.append((made, claims, texts))
        if side.consensus:
            lead = made
    code = dispute.verdict.code or "value.differs"
    everyone = {s for made, _, _ in sides for s in made.sources}

    def said(made: Side) -> str:
        return f"{_text(made.value)!r} ({listing(made.sources)})"

    odd = [made for made, _, _ in sides if made.role == "odd"]
    if len(everyone) == 1:
        code = "source.inconsistent" if checks.get(code).severity != "high" else code
        message = f"{subject} / {pred}: {next(iter(everyone))} says " + " and ".join(
            repr(_text(m.value)) for m, _, _ in sides)
        why = "one source gives several values; " + "; ".join(m.reason for m in odd if m.reason)
    elif lead is not None:
        n = len(lead.sources)
        message = (f"{subject} / {pred}: {n} source{'s say' if n != 1 else ' says'} {said(lead)}; "
                   + "; ".join(f"odd: {said(m)}" for m in odd))
        why = "; ".join(f"{_text(m.value)!r}: {m.reason}" for m in odd)
    else:
        message = f"{subject} / {pred}: no value leads: " + " vs ".join(said(m) for m, _, _ in sides)
        why = "; ".join(dict.fromkeys(m.reason for m in odd if m.reason))
    values = tuple(_sighting(c, files) for _, claims, _ in sides for c in claims)
    pairs = [(c.source, _text(c.value)) for made, claims, _ in sides if made.role == "odd" for c in claims]
    out.add(code, group.entity, subject, pred, message, why, values, tuple(m for m, _, _ in sides), pairs)


def _hashable(value: Value) -> Value:
    return tuple(value) if isinstance(value, list) else value


def _shared_titles(out: _Builder | _Recorder, groups: list[ClaimGroup], names: dict[str, str],
                   value_entity: dict[tuple[str, str], str], tables: Tables, files: dict[str, str]) -> None:
    """title.shared: two different entities given one exclusive title of one organization."""
    exclusive = {fold(t) for t in tables.get("exclusive").get("titles") or ()}
    holders: dict[tuple[str, str, str], list[tuple[str, Claim, str]]] = defaultdict(list)
    titles: dict[str, str] = {}  # value -> the exclusive title it is ("" if none): values repeat
    for group in groups:
        if group.predicate.kind != "title":
            continue
        for claim in group.claims:
            value = _text(claim.value)
            if value not in titles:
                titles[value] = _exclusive_title(value, exclusive, tables)
            title = titles[value]
            if not title:
                continue
            for key, qvalue in claim.qualifiers:
                org = value_entity.get((claim.source, fold(_text(qvalue)))) or fold(_text(qvalue))
                holders[(title, fold(key), org)].append((group.entity, claim, _text(qvalue)))
    for (title, _key, _org), items in holders.items():
        people = list(dict.fromkeys(eid for eid, _, _ in items))
        if len(people) < 2:
            continue
        claims = [c for _, c, _ in items]
        who = " and ".join(repr(names[p]) for p in people)
        out.add("title.shared", people[0], names[people[0]], "title",
                f"{who} are each called {title!r} of {items[0][2]}",
                f"{title!r} is held by one person at a time (data/exclusive.yaml), yet "
                + "; ".join(f"{c.source} gives it to {c.name!r} ({_text(c.value)!r})" for c in claims),
                tuple(_sighting(c, files) for c in claims))


def _exclusive_title(value: str, exclusive: set[str], tables: Tables) -> str:
    for title in exclusive:
        if compare_values(value, title, "title", tables).code is None:
            return title
    return ""


def _quotes(out: _Builder | _Recorder, claim_set: ClaimSet, locals_: list[dict[str, str]],
            entity_of: dict[tuple[str, str], str], predicates: Predicates, names: dict[str, str],
            files: dict[str, str]) -> None:
    """quote.mismatch / quote.missing as discrepancies between a claim file and its source text."""
    for f, local in zip(claim_set.files, locals_, strict=True):
        for claim in f.claims:
            qm = claim.quote_match
            if qm is None or qm.status == "exact":
                continue
            eid = entity_of.get((f.source.id, subject_key(claim, local)), "")
            subject = names.get(eid, claim.name)
            if qm.status == "mismatch":
                out.add("quote.mismatch", eid, subject, predicates(claim.predicate).name,
                        f"{f.source.id} misquotes its text at {qm.line}:{qm.col}",
                        f"the text reads {qm.actual!r}; differs: {qm.diff}", (_sighting(claim, files),))
            else:
                out.add("quote.missing", eid, subject, predicates(claim.predicate).name,
                        f"{f.source.id}: quote not found in its text", f"quote {claim.quote!r}",
                        (_sighting(claim, files),))


def _coverage(groups: list[ClaimGroup], names: dict[str, str], claim_set: ClaimSet) -> tuple[Coverage, ...]:
    """For each aligned group: the sources that state it and those that name the entity but do not."""
    ids = [s.id for s in claim_set.sources]
    order = {sid: i for i, sid in enumerate(ids)}  # sources by their rank, as numbers: cheap to sort
    stated = [{order[c.source] for c in group.claims} for group in groups]
    mentions: dict[str, set[int]] = defaultdict(set)
    for group, present in zip(groups, stated, strict=True):
        mentions[group.entity] |= present
    make = Coverage._make
    rows = [make(group.entity, names[group.entity], group.predicate.name,
                 tuple(ids[i] for i in sorted(present)),
                 tuple(ids[i] for i in sorted(mentions[group.entity] - present)), "")
            for group, present in zip(groups, stated, strict=True)]
    lower = {name: name.lower() for name in names.values()}
    return tuple(sorted(rows, key=lambda r: (lower[r.subject], r.predicate)))


def _statuses(coverage: tuple[Coverage, ...], found: Iterable[Discrepancy],
              entities: tuple[ResolvedEntity, ...]) -> tuple[Coverage, ...]:
    """Each group's standing: disputed, agree (compared, no discrepancy), single (one source states it),
    or not-compared (an entity kept apart from this one states it too: see entity.unresolved)."""
    disputed = {(d.entity, d.predicate) for d in found if d.predicate}
    apart: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        for other, _ in e.apart:
            apart[e.id].add(other)
            apart[other].add(e.id)
    stated = {(r.entity, r.predicate) for r in coverage} if apart else set()
    make = Coverage._make

    def status(r: Coverage) -> str:
        if (r.entity, r.predicate) in disputed:
            return "disputed"
        if any((o, r.predicate) in stated for o in apart.get(r.entity, ())):
            return "not-compared"
        return "single" if len(r.present) == 1 else "agree"

    return tuple(make(r.entity, r.subject, r.predicate, r.present, r.missing, status(r)) for r in coverage)


def _unresolved(out: _Builder | _Recorder, entities: tuple[ResolvedEntity, ...], groups: list[ClaimGroup],
                files: dict[str, str]) -> None:
    """entity.unresolved: names that could be one entity but were kept apart, and the facts left uncompared
    (one finding per name and reason, naming every candidate)."""
    kept: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in entities:
        for other, why in e.apart:
            kept[e.id, why].append(other)
    if not kept:
        return
    by_id = {e.id: e for e in entities}
    wanted = {eid for eid, _ in kept} | {o for others in kept.values() for o in others}
    facts: dict[str, dict[str, tuple[Claim, ...]]] = defaultdict(dict)
    for g in groups:
        if g.entity in wanted and not g.predicate.multi:
            facts[g.entity][g.predicate.name] = g.claims

    def said(claims: tuple[Claim, ...]) -> str:
        return f"{_text(claims[0].value)!r} ({listing(c.source for c in claims)})"

    for (eid, why), others in kept.items():
        e = by_id[eid]
        mine = facts.get(eid, {})
        notes, claims, n_shared = [], [], 0
        for oid in others:
            theirs = facts.get(oid, {})
            for p in (p for p in mine if p in theirs):
                n_shared += 1
                same = {fold(_text(c.value)) for c in mine[p]} == {fold(_text(c.value)) for c in theirs[p]}
                if len(notes) < 3:
                    notes.append(f"{p}: {said(mine[p])} {'and' if same else 'vs'} {said(theirs[p])}")
                    claims += [mine[p][0], theirs[p][0]]
        names = " or ".join(repr(by_id[o].name) for o in others)
        kind = e.type if e.type and all(by_id[o].type == e.type for o in others) else "entity"
        message = f"{e.name!r} may be one {kind} with {names}, kept apart"
        if n_shared:
            message += f"; {n_shared} fact{'s' if n_shared != 1 else ''} not compared: " + "; ".join(notes)
        if not claims:  # no fact in common: show where each is named
            for x in (eid, *others):
                first = next((c for cs in facts.get(x, {}).values() for c in cs), None)
                claims += [first] if first else []
        written = "; ".join(f"{x.name!r} is named by {listing(s for s, _ in x.names)}"
                            for x in (e, *(by_id[o] for o in others)))
        out.add("entity.unresolved", e.id, e.name, None, message, f"{why}; {written}",
                tuple(_sighting(c, files) for c in claims))
