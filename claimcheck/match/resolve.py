"""Who is who: decide which local entities of all sources are one thing, and say why.

1. Identical names (after case, accents, scripts, honorifics, word order) join.
2. Candidate pairs (`names.candidates`: blocking, capped per name) are scored by
   `names.Lexicon.compare`; merges that need no context join.
3. A name contained in others (a surname alone, "Ann Roe" in "Ann Q Roe") joins the one
   cluster it fits, else the one its own source names; ambiguous ones stay apart.
4. Merges that need context (same sound only, a contrasting ending, a short alias, a
   garbled part of a longer name) join when both clusters carry an agreeing fact.

Every merge records its reason in words; garbles become `NameVariant`s.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from claimcheck.match.names import MAX_CANDIDATES, Match, Name, candidates, lexicon
from claimcheck.match.partition import Partition
from claimcheck.records import pickled_as_tuple
from claimcheck.tables import DEFAULT, Tables
from claimcheck.workers import fork_map

__all__ = ["MAX_CANDIDATES", "NameGroup", "NameVariant", "ResolvedEntity", "ResolveStats",
           "resolve"]


@pickled_as_tuple  # sent back by the processes that make them (align.name_groups)
@dataclass(frozen=True, slots=True)
class NameGroup:
    """One local entity: the forms ONE source uses for ONE thing."""

    source: str
    key: str  # local key (an entities: key, or the bare subject string)
    forms: tuple[str, ...]  # forms[0] is the fullest name; then aliases; as written
    type: str = ""  # person | organization | place | event | thing | ""
    facts: tuple[tuple[str, str], ...] = ()  # (predicate, normalized value): context
    primary: bool = False  # the source is kind: primary


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class NameVariant:
    """One name.variant finding: sources write one name in garbled ways."""

    likely: str  # the form most sources (or a primary source) use
    forms: tuple[tuple[str, str], ...]  # (source, form) for every form of the entity
    odd: tuple[tuple[str, str], ...]  # (source, form) garbled variants of `likely`
    evidence: str


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class ResolvedEntity:
    id: str  # e1, e2, ... by first source, then first appearance
    name: str  # the likely form
    type: str
    members: tuple[tuple[str, str], ...]  # (source, local key) of merged groups
    names: tuple[tuple[str, str], ...]  # (source, form), deduplicated, in order
    why: str  # every merge's reason; "" for one identical form
    variants: tuple[NameVariant, ...]
    apart: tuple[tuple[str, str], ...] = ()  # (other entity id, why): candidates for one entity, kept apart


@dataclass(frozen=True, slots=True)
class ResolveStats:
    pairs_scored: int  # name pairs scored by Lexicon.compare
    unique_names: int  # distinct (normalized name, type)
    token_pairs: int = 0  # string pairs compared in vectorized blocking
    match_s: float = field(default=0.0, compare=False)  # seconds choosing candidate pairs and scoring them


class _Item:
    """One unique name (normalized words, type) and the groups that write it."""

    __slots__ = ("idx", "name", "type", "groups", "alias", "uses", "tokset")

    def __init__(self, idx: int, name: Name, type: str) -> None:
        self.idx, self.name, self.type, self.tokset = idx, name, type, frozenset(name.tokens)
        self.groups: list[int] = []  # groups that write it as a full name
        self.alias: list[int] = []  # groups that write it only as a short alias ("Roe")
        self.uses: list[tuple[int, Name]] = []  # (group, the name as that group wrote it)


def _own(sets: list, i: int) -> set:
    """sets[i] as a set of its own, to grow in place (a shared frozenset is copied once)."""
    mine = sets[i]
    if type(mine) is not set:
        mine = sets[i] = set(mine)
    return mine


def _fits(a: str, b: str) -> bool:
    return not a or not b or a == b


def _carry(shared: list[tuple[str, str]]) -> str:
    p, v = shared[0]
    more = f" (and {len(shared) - 1} more shared facts)" if len(shared) > 1 else ""
    return f"both carry '{p}' = '{v}'{more}"


Incompatible = Callable[[str, str, str], bool]

# Shared facts are evidence that two names are one entity when fewer than COMMON_SHARE of all
# unique names carry them all: in a large claim set one age or one title belongs to hundreds of
# names, so two similar names sharing it are not therefore one (an age and a title together
# still can be). A fact carried by at most COMMON_FLOOR names always counts.
COMMON_SHARE = 0.005
COMMON_FLOOR = 20


class _Resolver:
    def __init__(self, groups: Sequence[NameGroup], tables: Tables, incompatible: Incompatible | None = None) -> None:
        self.groups, self.lex = list(groups), lexicon(tables)
        self.incompatible = incompatible
        self.clusters = Partition(range(len(self.groups)))  # of group indexes
        self.find = self.clusters.find
        # per cluster root, its sources and facts: frozensets shared by the groups of one source, or
        # one set of facts, until a merge gives the root a set of its own (_own); a set per group
        # cost 300 MB at 1M claims
        one: dict[str, frozenset[str]] = {}
        self.srcs: list[set[str] | frozenset[str]] = [
            one.get(g.source) or one.setdefault(g.source, frozenset((g.source,))) for g in self.groups]
        norm: dict[tuple, tuple[str, str]] = {}  # facts repeat (one age, one employer in many sources)

        def fact(f: tuple) -> tuple[str, str]:
            got = norm.get(f)
            if got is None:
                got = norm[f] = (f[0].strip().casefold(), str(f[1]).strip().casefold())
            return got

        same: dict[tuple, frozenset[tuple[str, str]]] = {}  # groups that state the same facts, or none

        def facts(g: NameGroup) -> frozenset[tuple[str, str]]:
            got = same.get(g.facts)
            if got is None:
                got = same[g.facts] = frozenset(map(fact, g.facts))
            return got

        self.facts: list[set[tuple[str, str]] | frozenset[tuple[str, str]]] = list(map(facts, self.groups))
        self.why: list[tuple[int, str]] = []  # (group, reason)
        self.edges: list[tuple[int, int, int, str]] = []  # (group, item, item, evidence)
        self.apart: list[tuple[int, int, str]] = []  # (group, group, why): candidates kept apart (entity.unresolved)
        self.items: list[_Item] = []
        self.forms: list[list[Name]] = []  # per group, every form parsed
        self._written: dict[int, tuple[str, ...]] = {}
        self.pairs = self.token_pairs = 0
        self.common: dict[tuple[str, str], float] = {}  # fact -> share of names carrying it (build)
        self.match_s = 0.0

    def union(self, a: int, b: int, why: str = "") -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if len(self.srcs[ra]) < len(self.srcs[rb]):
                ra, rb = rb, ra
            self.clusters.union(rb, ra)  # ra stays the root: it keeps the merged sources and facts
            _own(self.srcs, ra).update(self.srcs[rb])
            _own(self.facts, ra).update(self.facts[rb])
        if why:
            self.why.append((a, why))

    def build(self) -> None:
        """Parse every form; dedupe into unique names (an untyped name takes the one type
        its words have elsewhere)."""
        # many groups write one name: parse and look up each (forms, type) once
        seen: dict[tuple, tuple[list[Name], list[tuple[Name, bool]]]] = {}
        types: dict[tuple[str, ...], set[str]] = defaultdict(set)
        hits = []
        for g in self.groups:
            hit = seen.get((g.forms, g.type))
            if hit is None:
                hit, by_key = self.parse(g)
                if not by_key:  # a group with no usable form is named by its key: not shared
                    seen[g.forms, g.type] = hit
                for n, _ in hit[1]:
                    types[n.key].add(g.type)
            self.forms.append(hit[0])
            hits.append(hit)
        index: dict[tuple[tuple[str, ...], str], _Item] = {}
        typed: dict[tuple[str, ...], str] = {}
        resolved: dict[int, list[tuple[_Item, bool, Name]]] = {}
        for gi, hit in enumerate(hits):
            uses = resolved.get(id(hit))
            if uses is None:
                uses = resolved[id(hit)] = []
                t0 = self.groups[gi].type
                for n, short in hit[1]:
                    t = t0
                    if not t:
                        guess = typed.get(n.key)
                        if guess is None:
                            known = types[n.key] - {""}
                            guess = typed[n.key] = next(iter(known)) if len(known) == 1 else ""
                        t = guess
                    item = index.get((n.key, t))
                    if item is None:
                        item = index[n.key, t] = _Item(len(self.items), n, t)
                        self.items.append(item)
                    uses.append((item, short, n))
            for item, short, n in uses:
                if short:
                    if not item.alias or item.alias[-1] != gi:
                        item.alias.append(gi)
                    continue
                if not item.groups or item.groups[-1] != gi:
                    item.groups.append(gi)
                item.uses.append((gi, n))
        # how many different names carry each fact: a common one is weak evidence (shared())
        carriers: Counter[tuple[str, str]] = Counter()
        for it in self.items:
            carriers.update(set().union(*(self.facts[gi] for gi in it.groups)))
        self.common = {f: c / len(self.items) for f, c in carriers.items() if c > COMMON_FLOOR}

    def parse(self, g: NameGroup) -> tuple[tuple[list[Name], list[tuple[Name, bool]]], bool]:
        """A group's forms parsed, and each use: (name, is only a short alias of another form);
        whether the group had no usable form, so that its key stands for its name."""
        names = [self.lex.parse(f, g.type) for f in g.forms if f and f.strip()]
        by_key = not names
        names = names or [self.lex.parse(g.key or "?", g.type)]
        uses = [(n, any(len(n.tokens) < len(m.tokens) and set(n.tokens) <= set(m.tokens)
                        for m in names)) for n in names]
        uses += [(self.lex.parse(f"{nick} {n.words[-1]}", g.type), False)
                 for n in names for nick in n.nicknames if len(n.tokens) > 1]
        return (names, uses), by_key

    def score(self) -> list[tuple[_Item, _Item, Match]]:
        start = time.perf_counter()
        items = self.items
        pairs, self.token_pairs = candidates(self.lex, [it.name for it in items],
                                             [it.type for it in items])
        self.pairs = len(pairs)
        lex = self.lex

        def match(pair: tuple[int, int]) -> Match:
            a, b = items[pair[0]], items[pair[1]]
            if a.name.key == b.name.key:
                return Match("no")
            return lex.compare(a.name, b.name, "organization" in (a.type, b.type),
                               a.type in ("person", "") and b.type in ("person", "") and "person" in (a.type, b.type))

        scored = [(items[i], items[j], m) for (i, j), m in zip(pairs, fork_map(match, pairs), strict=True)]
        self.match_s = time.perf_counter() - start
        return scored

    def cluster(self) -> None:
        scored = self.score()
        contains: dict[int, list[tuple[_Item, Match]]] = defaultdict(list)
        for a, b, m in scored:
            if m.kind == "contains" and a.groups and b.groups:
                short, full = (a, b) if m.short == 0 else (b, a)
                contains[short.idx].append((full, m))
        short = {i for i, ms in contains.items() if any(not m.needs_context for _, m in ms)}
        # a part of several full names ("Smith" of "Ann Smith" and "Bo Smith"): each source's use
        # is decided on its own, never joined across sources first, or one surname would chain them
        ambiguous = {i for i, ms in contains.items() if i not in short and len({f.idx for f, _ in ms}) > 1}
        for it in self.items:
            if it.idx not in short and it.idx not in ambiguous:
                self.join_same(it, it.groups)
        later = []
        # closest spellings first: a garble joins the name it is nearest to before a chain can form
        alike = [t for t in scored if t[2].kind in ("same", "variant")]
        alike.sort(key=lambda t: -JaroWinkler.similarity(" ".join(t[0].name.tokens), " ".join(t[1].name.tokens)))
        for a, b, m in alike:
            if a.idx not in short and b.idx not in short:
                if m.needs_context or not a.groups or not b.groups:  # aliases need context
                    later.append((a, b, m))
                else:
                    self.merge(a, b, m)
        for idx in sorted(short, key=lambda i: (-len(self.items[i].tokset), i)):
            self.contain(self.items[idx], [(b, m) for b, m in contains[idx]
                                           if not m.needs_context])
        for a, b, m in later:
            self.merge(a, b, m, context=True)
        for idx, ms in sorted(contains.items()):
            if idx not in short:
                self.contain_by_facts(self.items[idx], ms)

    def contain_by_facts(self, it: _Item, fulls: list[tuple[_Item, Match]]) -> None:
        """Each use of a contained name that needs context joins the one full name it shares a fact
        with (and does not contradict); undecided uses stay as they are, apart from the others."""
        left = []
        for gi in it.groups:
            mine = self.find(gi)
            cands: dict[int, tuple[_Item, Match, str]] = {}
            for b, m in fulls:
                r = self.find(b.groups[0])
                if r == mine or not _fits(it.type, b.type):
                    continue
                shared = self.shared(mine, r)
                if shared and not self.clash(mine, r):
                    cands.setdefault(r, (b, m, _carry(shared)))
            if len(cands) == 1:
                self.attach(it, [gi], *next(iter(cands.values())), "the only candidate sharing a fact")
            else:
                left.append(gi)
                if len(cands) > 1:
                    names = " or ".join(sorted(f"'{b.name.written}'" for b, _, _ in cands.values()))
                    self.apart.extend((gi, r, f"'{it.name.written}' could be {names}: left apart (ambiguous)")
                                      for r in cands)
        for gi in left:  # joined, they could mix people
            self.join_same(it, [gi])

    def join_same(self, it: _Item, groups: list[int]) -> None:
        """Join the groups that write one unique name; say how their writings differ."""
        first, seen, wanted = (it.uses[0][1] if it.uses else None), set(), set(groups)
        for gi, n in it.uses:
            if gi not in wanted:
                continue
            self.union(groups[0], gi)
            if n.written in seen:
                continue
            seen.add(n.written)
            if n.stray:
                words = ", ".join(f"'{w}'" for w in n.stray)
                self.why.append((gi, f"'{n.written}' = '{' '.join(n.words)}' (stray word {words}"
                                     " inside the name)"))
                self.edges.append((gi, it.idx, it.idx, f"stray word {words} inside the name"))
            elif first and n.written != first.written:
                how = "order" if n.tokens != first.tokens else "normalization"
                dropped = ", ".join(f"'{w}'" for w in dict.fromkeys(n.dropped + first.dropped))
                how = f"dropped {dropped}" if dropped and how == "normalization" else how
                self.why.append((gi, f"'{n.written}' = '{first.written}' ({how})"))

    def rep(self, it: _Item) -> int | None:
        """The group that stands for an item; for a short alias, only if its users agree."""
        if it.groups:
            return it.groups[0]
        return it.alias[0] if len({self.find(g) for g in it.alias}) == 1 else None

    def merge(self, a: _Item, b: _Item, m: Match, context: bool = False) -> None:
        ga, gb = self.rep(a), self.rep(b)
        if ga is None or gb is None:
            return
        ra, rb = self.find(ga), self.find(gb)
        if ra == rb:
            return
        why = m.reason if len(a.tokset) == len(b.tokset) == 1 else (
            f"'{a.name.written}' ~ '{b.name.written}': {m.reason}")
        shared = self.shared(ra, rb)
        if context:  # names alike only in sound: a shared fact, and no contradicting one
            if not shared:
                return
            if self.clash(ra, rb):
                self.apart.append((ga, gb, f"{why}; but {self.clashing(ra, rb)}"))
                return
            why += "; " + _carry(shared)
        elif m.variant and self.clash(ra, rb) > len({p for p, _ in shared}):
            # spelled alike, but more predicates contradict than agree: two people
            self.apart.append((ga, gb, f"{why}; but {self.clashing(ra, rb)}"))
            return
        self.union(ga, gb, why)
        if m.variant:
            self.edges.append((ga, a.idx, b.idx, why))

    def clash(self, ra: int, rb: int) -> int:
        """How many predicates have values in two clusters that cannot both be true of one
        entity (two ages, two employers)?"""
        if self.incompatible is None:
            return 0
        by_pred: dict[str, list[str]] = defaultdict(list)
        for p, v in self.facts[rb]:
            by_pred[p].append(v)
        return len({p for p, v in self.facts[ra] for w in by_pred.get(p, ()) if self.incompatible(p, v, w)})

    def clashing(self, ra: int, rb: int) -> str:
        """The facts of two clusters that cannot both be true of one entity, in words."""
        by_pred: dict[str, list[str]] = defaultdict(list)
        for p, v in self.facts[rb]:
            by_pred[p].append(v)
        found = sorted({f"'{p}' is '{v}' against '{w}'" for p, v in self.facts[ra] for w in by_pred.get(p, ())
                        if self.incompatible is not None and self.incompatible(p, v, w)})
        return "; ".join(found[:3]) + (f" (and {len(found) - 3} more)" if len(found) > 3 else "")

    def shared(self, ra: int, rb: int) -> list[tuple[str, str]]:
        """The facts two clusters share, when together they are evidence of one entity: fewer
        than COMMON_SHARE of all names carry them all (as far as one can tell from each)."""
        facts = sorted(self.facts[ra] & self.facts[rb])
        share = 1.0
        for f in facts:
            share *= self.common.get(f, 0.0)
        return facts if share <= COMMON_SHARE else []

    def contain(self, it: _Item, fulls: list[tuple[_Item, Match]]) -> None:
        """Join each use of a contained name to the one cluster it fits (or its own source names).

        Each use is decided on its own facts: a use that contradicts a candidate (another
        age) does not count it, so "Roe" in two sources can be two different Roes."""
        left, named, kept = [], set(), []
        for gi in it.groups:
            mine, src = self.find(gi), self.groups[gi].source
            every = {}
            for b, m in fulls:
                r = self.find(b.groups[0])
                if _fits(it.type, b.type):
                    every.setdefault(r, (b, m, ""))
            # the full name its own source writes: first mention, then the surname (a contradiction
            # between them is the source's own, and is reported as such)
            hits = [c for r, c in every.items() if src in self.srcs[self.find(r)]]
            if len(hits) == 1:
                self.attach(it, [gi], *hits[0], "the only candidate its own source names")
                continue
            cands = {r: c for r, c in every.items() if not self.clash(mine, r)}
            if len(cands) == 1:
                self.attach(it, [gi], *next(iter(cands.values())), "no other candidate fits")
                continue
            hits = [c for r, c in cands.items() if src in self.srcs[self.find(r)]]
            shared = [(c, self.shared(mine, self.find(r))) for r, c in cands.items()]
            shared = [(c, f) for c, f in shared if f]
            if len(hits) == 1:
                self.attach(it, [gi], *hits[0], "the only candidate its own source names")
            elif len(shared) == 1:
                (b, m, _), f = shared[0]
                self.attach(it, [gi], b, m, _carry(f), "the only candidate sharing a fact")
            else:
                left.append(gi)
                named.update(f"'{b.name.written}'" for b, _, _ in cands.values())
                kept.extend((gi, r) for r in cands)
        for gi in left:  # undecided: each source's use stays apart; joined, they could mix people
            self.join_same(it, [gi])
        if left and named:
            text = f"'{it.name.written}' could be {' or '.join(sorted(named))}: left apart (ambiguous)"
            self.why.append((left[0], text))
            self.apart.extend((a, b, text) for a, b in kept)

    def attach(self, it: _Item, groups: list[int], b: _Item, m: Match, ctx: str, how: str) -> None:
        why = f"'{it.name.written}' is part of '{b.name.written}' and {how} (containment)"
        why += (f": {m.reason}" if m.reason else "") + (f"; {ctx}" if ctx else "")
        self.join_same(it, groups)
        self.union(groups[0], b.groups[0], why)
        if m.variant:
            self.edges.append((groups[0], it.idx, b.idx, why))

    def entities(self, meanwhile: Callable[[dict[tuple[str, str], str]], object] | None = None,
                 ) -> tuple[tuple[ResolvedEntity, ...], dict[tuple[str, str], str]]:
        groups, find = self.groups, self.find
        root = [find(gi) for gi in range(len(groups))]  # each group's cluster, looked up once
        rank_src: dict[str, int] = {}
        clusters: dict[int, list[int]] = defaultdict(list)
        first: dict[int, tuple[int, int]] = {}  # cluster -> (rank of its first source, group)
        for gi, g in enumerate(groups):
            rank = rank_src.setdefault(g.source, len(rank_src))
            r = root[gi]
            clusters[r].append(gi)
            if r not in first or rank < first[r][0]:
                first[r] = (rank, gi)
        items_of: dict[int, set[int]] = defaultdict(set)
        for it in self.items:
            for gi in it.groups + it.alias:
                items_of[root[gi]].add(it.idx)
        why_of: dict[int, list[str]] = defaultdict(list)
        for gi, text in self.why:
            why_of[root[gi]].append(text)
        edges_of: dict[int, dict[tuple[int, int, str], None]] = defaultdict(dict)
        for gi, x, y, text in self.edges:
            edges_of[root[gi]][x, y, text] = None
        ordered = sorted(clusters.items(), key=lambda kv: first[kv[0]])
        where = {}
        for n, (_, gs) in enumerate(ordered, 1):
            where.update(((groups[gi].source, groups[gi].key), f"e{n}") for gi in gs)
        eid = {r: f"e{n}" for n, (r, _) in enumerate(ordered, 1)}
        apart_of: dict[int, dict[tuple[str, str], None]] = defaultdict(dict)
        for ga, gb, text in self.apart:
            ra, rb = root[ga], root[gb]
            if ra != rb and (eid[ra], text) not in apart_of[rb]:
                apart_of[ra][eid[rb], text] = None
        out = fork_map(lambda n: self.entity(f"e{n + 1}", ordered[n][1], items_of[ordered[n][0]],
                                             why_of[ordered[n][0]], list(edges_of[ordered[n][0]]),
                                             tuple(apart_of.get(ordered[n][0], ()))),
                       range(len(ordered)), work=len(groups),
                       meanwhile=None if meanwhile is None else lambda: meanwhile(where))
        return tuple(out), where

    def written(self, gi: int) -> tuple[str, ...]:
        """Every form a group writes, nicknames included (shared by the groups that write one name)."""
        forms = self.forms[gi]
        got = self._written.get(id(forms))
        if got is None:
            got = self._written[id(forms)] = tuple(form for n in forms for form in (n.written, *n.nicknames))
        return got

    def entity(self, eid: str, gs: list[int], idxs: set[int], whys: list[str],
               edges: list[tuple[int, int, str]], apart: tuple[tuple[str, str], ...] = ()) -> ResolvedEntity:
        inside, items, groups, written = set(gs), self.items, self.groups, self.written
        seen: dict[tuple[str, str], None] = {}  # (source, form) in order
        writers: dict[tuple[str, ...], set[str]] = defaultdict(set)  # who writes each name
        tok_src: dict[str, set[str]] = defaultdict(set)
        primary, forms, members, kinds = set(), {}, [], []
        for gi in gs:  # one pass over the groups for every per-group fact
            g = groups[gi]
            src = g.source
            members.append((src, g.key))
            if g.type:
                kinds.append(g.type)
            for form in written(gi):
                seen[src, form] = None
            for n in self.forms[gi]:
                forms.setdefault(n.key, n)
                writers[n.key].add(src)
                for t in n.tokens:
                    tok_src[t].add(src)
            if g.primary:
                primary.update(n.key for n in self.forms[gi])
        names = tuple(seen)

        def rank(i: int) -> tuple:
            it = items[i]
            srcs = writers.get(it.name.key) or {self.groups[g].source for g, _ in it.uses}
            return (len(srcs), it.name.key in primary, sum(len(tok_src[t]) for t in it.tokset),
                    len(it.name.tokens), len("".join(it.name.tokens)), -i)

        def shown(i: int) -> str:
            clean = Counter((n.written, -len(n.dropped)) for g, n in items[i].uses
                            if g in inside and not n.stray)
            best = max(clean, key=lambda k: (clean[k], k[1]), default=None)
            return best[0] if best else " ".join(items[i].name.words)

        multi = any(len(items[i].tokset) > 1 for i in idxs)
        full = [i for i in idxs if len(items[i].tokset) > 1 or not multi
                or items[i].type not in ("person", "")]
        found: dict[str, tuple[dict[tuple[str, str], None], dict[str, None]]] = {}
        for x, y, text in edges:
            good, bad = (x, y) if rank(x) >= rank(y) else (y, x)
            likely, part, odd_words = shown(good), items[good].tokset, items[bad].tokset
            if x == y:
                odd = [(self.groups[g].source, n.written) for g, n in items[x].uses
                       if g in inside and n.stray]
            else:
                odd_words -= part
                odd = [(self.groups[g].source, n.written) for g in dict.fromkeys(
                    items[bad].groups + items[bad].alias) if g in inside
                    for n in self.forms[g] if not n.stray and not odd_words.isdisjoint(n.tokens)]
            if len(items[bad].tokset) < len(part):  # name the part that some source writes
                parts = [(len(writers[k]), n.written) for k, n in forms.items() if set(k) < part
                         and self.lex.compare(items[bad].name, n).kind == "variant"]
                likely = max(parts)[1] if parts else likely
            entry = found.setdefault(likely, ({}, {}))
            entry[0].update(dict.fromkeys(odd))
            entry[1][text] = None
        types = Counter(kinds)
        return ResolvedEntity(
            eid, shown(max(full or idxs, key=rank)) if idxs else self.groups[gs[0]].key,
            types.most_common(1)[0][0] if types else "",
            tuple(members), names,
            "; ".join(dict.fromkeys(whys)),
            tuple(NameVariant(k, names, tuple(o), "; ".join(ev)) for k, (o, ev) in found.items()
                  if o),
            apart)


def resolve(groups: Sequence[NameGroup], tables: Tables = DEFAULT,
            incompatible: Incompatible | None = None,
            meanwhile: Callable[[dict[tuple[str, str], str]], object] | None = None,
            ) -> tuple[tuple[ResolvedEntity, ...], dict[tuple[str, str], str], ResolveStats]:
    """Cluster the name groups of all sources into entities, with reasons and variants.

    `incompatible(predicate, value_a, value_b)` says when two facts cannot both
    hold of one entity (two different ages): counter-evidence that keeps two
    similarly spelled names apart unless they also share a fact.
    `meanwhile(where)` is the caller's next stage, which needs only that map
    (aligning claims): it runs while the entity records are made.
    Returns the entities, a map (source, local key) -> entity id, and counts for benchmarks.
    """
    r = _Resolver(groups, tables, incompatible)
    r.build()
    r.cluster()
    entities, where = r.entities(meanwhile)
    return entities, where, ResolveStats(r.pairs, len(r.items), r.token_pairs, r.match_s)
