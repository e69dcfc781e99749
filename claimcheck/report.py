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
from claimcheck.align import (
    ClaimGroup,
    Predicates,
    align,
    fold,
    incompatible_facts,
    local_names,
    name_groups,
    subject_key,
)
from claimcheck.compare import compare_values
from claimcheck.partition import Partition
from claimcheck.records import (
    Claim,
    ClaimSet,
    Coverage,
    Discrepancy,
    NameUse,
    Report,
    ReportEntity,
    Severity,
    Sighting,
    Value,
    Verdict,
)
from claimcheck.resolve import ResolvedEntity, resolve
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

    def add(self, code: str, entity: str, subject: str, predicate: str | None, message: str, why: str,
            values: tuple[Sighting, ...]) -> None:
        level = self.severities.get(code) or checks.get(code).severity
        did = fingerprint(subject, predicate, code, ((v.source, _text(v.value)) for v in values))
        if did not in self.found:
            self.found[did] = Discrepancy(did, code, Severity.parse(level), entity, subject, predicate,
                                          message, why, values)


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
    coverage: tuple[Coverage, ...] = ()

    def others() -> None:
        nonlocal coverage
        _name_variants(before, entities, claim_set, entity_of, files)
        _shared_titles(after, groups, names, value_entity, tables, files)
        _quotes(after, claim_set, locals_, entity_of, predicates, names, files)
        coverage = _coverage(groups, names, claim_set)

    def compare(group: ClaimGroup) -> list[tuple]:
        found = _Recorder()
        _compare_group(found, group, names[group.entity], value_entity, tables, files)
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


def _compare_group(out: _Builder | _Recorder, group: ClaimGroup, subject: str, value_entity: dict[tuple[str, str], str],
                   tables: Tables, files: dict[str, str]) -> None:
    """Compare the distinct values of one group; flag each pair of disagreeing value classes."""
    distinct: dict[str, list[Claim]] = defaultdict(list)
    for claim in group.claims:
        distinct[_value_key(claim, value_entity)].append(claim)
    if len(distinct) < 2:
        return
    keys = sorted(distinct, key=lambda k: -len(distinct[k]))[:MAX_DISTINCT]
    classes = Partition(keys)
    root = classes.find

    verdicts: list[tuple[str, str, Verdict]] = []
    for i, ka in enumerate(keys):
        a = distinct[ka][0]
        for kb in keys[i + 1:]:
            b = distinct[kb][0]
            if not _qualifiers_compatible(a, b, value_entity):
                continue
            if ka.startswith("@") or kb.startswith("@"):
                verdict = Verdict(None) if ka == kb else compare_values(_text(a.value), _text(b.value), "name", tables)
            else:
                verdict = compare_values(a.value, b.value, group.predicate.kind, tables)
            if verdict.code is None:
                classes.union(ka, kb)
            else:
                verdicts.append((ka, kb, verdict))
    multi = group.predicate.multi or _looks_multi(verdicts, distinct)
    seen: set[tuple[str, str]] = set()
    for ka, kb, verdict in verdicts:
        pair = tuple(sorted((root(ka), root(kb))))
        if pair[0] == pair[1] or pair in seen:
            continue
        if multi and verdict.code in ("value.conflict", "text.paraphrase", "title.conflict"):
            continue
        seen.add(pair)  # type: ignore[arg-type]
        side_a = [c for k in keys if root(k) == pair[0] for c in distinct[k]]
        side_b = [c for k in keys if root(k) == pair[1] for c in distinct[k]]
        _flag(out, group, subject, verdict, side_a, side_b, files)


def _looks_multi(verdicts: list[tuple[str, str, Verdict]], distinct: dict[str, list[Claim]]) -> bool:
    """A predicate not in the table is many-valued when one source gives dissimilar values for it."""
    for ka, kb, verdict in verdicts:
        if verdict.code == "value.conflict" or verdict.code == "text.paraphrase":
            if {c.source for c in distinct[ka]} & {c.source for c in distinct[kb]}:
                return True
    return False


def _flag(out: _Builder | _Recorder, group: ClaimGroup, subject: str, verdict: Verdict,
          side_a: list[Claim], side_b: list[Claim], files: dict[str, str]) -> None:
    sources = {c.source for c in side_a} | {c.source for c in side_b}
    code = verdict.code or "value.conflict"
    pred = group.predicate.name
    va, vb = _text(side_a[0].value), _text(side_b[0].value)
    sa = ", ".join(dict.fromkeys(c.source for c in side_a))
    sb = ", ".join(dict.fromkeys(c.source for c in side_b))
    message = f"{subject} / {pred}: {va!r} ({sa}) vs {vb!r} ({sb})"
    why = verdict.reason
    if len(sources) == 1:
        why = f"one source gives both values; {why}"
        code = "source.inconsistent" if checks.get(code).severity != "high" else code
        message = f"{subject} / {pred}: {next(iter(sources))} says both {va!r} and {vb!r}"
    values = tuple(_sighting(c, files) for c in side_a + side_b)
    out.add(code, group.entity, subject, pred, message, why, values)


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
                 tuple(ids[i] for i in sorted(mentions[group.entity] - present)))
            for group, present in zip(groups, stated, strict=True)]
    lower = {name: name.lower() for name in names.values()}
    return tuple(sorted(rows, key=lambda r: (lower[r.subject], r.predicate)))
