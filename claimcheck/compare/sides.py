"""Many values of one fact: classes of agreeing values, the consensus and the odd ones out.

    distinct values -> verdicts pair by pair -> classes of agreeing values -> one Dispute per fact

Two values that agree fall in one class. Classes that some verdict sets against each
other speak of one fact: they form one Dispute, whatever number of sources and
wordings it has. The consensus is the class a `kind: primary` source states, else the
one the most independent sources state; where no class leads, there is none.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from claimcheck.match.partition import Partition
from claimcheck.records import Verdict

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Side(Generic[K]):
    """One class of agreeing values in a dispute; `verdict` sets it against the consensus
    (or, where there is none, against the side it disagrees with most)."""

    keys: tuple[K, ...]
    consensus: bool
    verdict: Verdict | None


@dataclass(frozen=True, slots=True)
class Dispute(Generic[K]):
    """Two or more classes of values of one fact: the consensus (if any) first, then the odd ones."""

    sides: tuple[Side[K], ...]
    verdict: Verdict  # the strongest disagreement between the consensus and an odd side

    @property
    def odd(self) -> tuple[Side[K], ...]:
        return tuple(s for s in self.sides if not s.consensus)


def disputes(keys: Sequence[K], verdict: Callable[[K, K], Verdict | None],
             weight: Callable[[tuple[K, ...]], tuple], strength: Callable[[Verdict], tuple],
             ) -> list[Dispute[K]]:
    """The disputes among `keys` (distinct values, commonest first).

    `verdict(a, b)` compares two values: None when they are not comparable (not one
    fact), a Verdict without code when they agree. `weight(keys)` ranks a class for
    the consensus (larger leads; a tie at the top means no consensus); `strength(v)`
    ranks disagreements (larger is stronger).
    """
    classes = Partition(keys)
    against: list[tuple[K, K, Verdict]] = []
    agree: list[tuple[K, K]] = []
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            v = verdict(a, b)
            if v is None:
                continue
            if v.code is None:
                agree.append((a, b))
            else:
                against.append((a, b, v))
    # agreement is not transitive ("judge" agrees with "district judge" and with "circuit judge"):
    # two classes join only where every value of one agrees with every value of the other
    agreeing = {frozenset(p) for p in agree}
    members_of: dict[K, list[K]] = {k: [k] for k in keys}
    for a, b in agree:
        ra, rb = classes.find(a), classes.find(b)
        if ra == rb or not all(frozenset((x, y)) in agreeing for x in members_of[ra] for y in members_of[rb]):
            continue
        classes.union(ra, rb)
        members_of[classes.find(ra)] = members_of.pop(ra) + members_of.pop(rb)
    root = classes.find
    members: dict[K, list[K]] = {}
    for k in keys:
        members.setdefault(root(k), []).append(k)
    # the strongest verdict between each pair of classes
    edge: dict[tuple[K, K], Verdict] = {}
    facts = Partition(members)
    for a, b, v in against:
        ra, rb = root(a), root(b)
        facts.union(ra, rb)
        for pair in ((ra, rb), (rb, ra)):
            old = edge.get(pair)
            if old is None or strength(v) > strength(old):
                edge[pair] = v
    by_fact: dict[K, list[K]] = {}
    for r in members:
        by_fact.setdefault(facts.find(r), []).append(r)
    out = []
    for roots in by_fact.values():
        if len(roots) < 2:
            continue
        ranked = sorted(roots, key=lambda r: weight(tuple(members[r])), reverse=True)
        lead = ranked[0] if weight(tuple(members[ranked[0]])) > weight(tuple(members[ranked[1]])) else None
        sides = []
        for r in ranked:
            if r == lead:
                sides.append(Side(tuple(members[r]), True, None))
                continue
            mine = [edge[(r, o)] for o in roots if (r, o) in edge and (lead is None or o == lead)]
            if not mine:  # set against another odd side only (not comparable with the consensus)
                mine = [edge[(r, o)] for o in roots if (r, o) in edge]
            sides.append(Side(tuple(members[r]), False, max(mine, key=strength)))
        worst = max((s.verdict for s in sides if s.verdict is not None), key=strength)
        out.append(Dispute(tuple(sides), worst))
    return out
