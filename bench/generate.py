"""Seeded generator: S sources x C claims about E entities, as claim files (format v1),
with discrepancies injected at known places and the gold list of them (gold.json).

    python -m bench.generate --claims 100000 [--sources 1000] [--seed 1] [--out DIR]

Layout written under DIR: claims/<source>.yaml, claims/texts/<source>.txt (a few
sources carry their full text) and gold.json. The same arguments always give
the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from bench import world as w
from bench.world import Entity
from bench.write import Writer, said_index

CLAIMS_PER_SOURCE = 100
PRIMARY_P = 0.03  # share of sources that are kind: primary (they never deviate)
TRANSLATION_P = 0.07
PREDICATE_WEIGHT = 2.55  # mean claims one source makes about one entity it mentions


@dataclass(frozen=True)
class Options:
    mentions: float = 6.0  # mean number of sources that mention one entity
    inject_rate: float = 0.06  # share of (entity, predicate) groups (>= 3 sources) given a discrepancy
    garble_rate: float = 0.05  # share of entities (>= 3 sources) whose name one source garbles
    paraphrase_rate: float = 0.08  # share of `said` groups where one source paraphrases
    decoy_rate: float = 0.12  # share of persons that get a similar-named different person
    text_fraction: float = 0.05  # share of sources that carry their full text
    bare_fraction: float = 0.2  # share of sources that write names as subjects, without `entities:`
    misquote_rate: float = 0.03  # share of claims of text sources whose quote changes one word
    missing_rate: float = 0.01  # share of claims of text sources whose quote is not in the text


# -- the world -------------------------------------------------------------------
def _name_key(tokens: list[str]) -> str:
    return " ".join(sorted(t.lower().rstrip(".") for t in tokens))


def build_world(rng: random.Random, n_entities: int, opts: Options):
    n_org = max(2, round(n_entities * 0.25))
    n_event = max(1, round(n_entities * 0.10))
    n_person = max(2, n_entities - n_org - n_event)
    ents: list[Entity] = []
    seen: set[str] = set()
    decoys: list[tuple[int, int]] = []
    spacing = {"person": w.Spacing(), "organization": w.Spacing(), "event": w.Spacing()}

    def add(kind: str, shape: str, make, decoy: bool = False, optional: bool = False) -> Entity | None:
        space = spacing[kind]
        for _ in range(5 if decoy else 2000):
            got = make()
            if not got or _name_key(got[0]) in seen:
                continue
            # organizations and events: only the distinctive word counts ("Talks" is no name)
            words = got[0] if kind == "person" else got[0][:1]
            if decoy or not space.near(words):
                break
        else:
            if decoy or optional:
                return None
            raise RuntimeError(f"the syllable tables ran out of fresh {kind} names")
        space.add(words)
        seen.add(_name_key(got[0]))
        ent = Entity(len(ents), kind, shape, got[0], got[1])
        ents.append(ent)
        return ent

    orgs: list[Entity] = []
    while len(orgs) < n_org:
        if orgs and orgs[-1].idx not in {b for _, b in decoys} and rng.random() < opts.decoy_rate / 2:
            last = orgs[-1]
            o = add("organization", "org", lambda last=last: w.org_decoy(rng, last.tokens), decoy=True)
            if o is not None:
                decoys.append((last.idx, o.idx))
                orgs.append(o)
                continue
        orgs.append(add("organization", "org", lambda: w.org_name(rng)))
    roots = Counter(o.surname for o in orgs)
    for o in orgs:
        hedge = rng.choices([h for h, _ in w.HEDGE_WEIGHTS], [x for _, x in w.HEDGE_WEIGHTS])[0]
        o.facts = {"employees": (hedge, w.round_count(rng)),
                   "founded": (rng.randint(1950, 2021), rng.randint(1, 12) if rng.random() < 0.6 else 0),
                   "anniversary": rng.randint(2, 120), "root_alias": roots[o.surname] == 1}
    for _ in range(n_event):
        ev = add("event", "event", lambda: w.event_name(rng))
        ev.facts = {"date": (rng.randint(2012, 2023), rng.randint(1, 12), rng.randint(1, 28))}
    last: Entity | None = None
    for _ in range(n_person):
        p = None
        if last is not None and last.facts.get("decoy") is None and rng.random() < opts.decoy_rate:
            p = add("person", last.shape, lambda last=last: w.decoy_name(rng, last.shape, last.tokens), decoy=True)
            if p is not None:
                decoys.append((last.idx, p.idx))
                p.facts["decoy"] = last.idx
        if p is None:
            first = rng.choice(w.SHAPES)
            for shape in [first] + [x for x in w.SHAPES if x != first]:  # a full shape gives way to the others
                p = add("person", shape, lambda shape=shape: w.person_name(rng, shape), optional=True)
                if p is not None:
                    break
            else:
                raise RuntimeError("the syllable tables ran out of fresh person names")
        tpls = rng.sample(range(len(w.STATEMENTS)), 2 if rng.random() < 0.25 else 1)
        p.facts.update({
            "title": rng.choice(w.BASE_TITLES), "org": rng.choice(orgs).idx, "age": rng.randint(24, 78),
            "said": [(t, rng.choice([3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 120, 200]), w.city(rng))
                     for t in tpls],
        })
        last = p
    return ents, decoys, seen


# -- planning: who says what about whom ---------------------------------------------
def _predicates(kind: str) -> tuple[str, ...]:
    return w.PERSON_PREDICATES if kind == "person" else w.ORG_PREDICATES if kind == "organization" \
        else w.EVENT_PREDICATES


def plan_sources(rng: random.Random, ents: list[Entity], quotas: list[int]):
    plans: list[list[tuple[int, tuple[str, ...]]]] = []
    stating: dict[tuple[int, str], list[int]] = defaultdict(list)
    n = len(ents)
    for sidx, quota in enumerate(quotas):
        picked: set[int] = set()
        plan: list[tuple[int, tuple[str, ...]]] = []
        misses = 0
        while quota > 0 and misses < 50 * n:
            e = rng.randrange(n)
            if e in picked:
                misses += 1
                continue
            picked.add(e)
            preds = _predicates(ents[e].kind)
            k = {4: rng.choice((2, 3, 3, 4)), 3: rng.choice((1, 2, 2, 3))}.get(len(preds), 1)
            sample = rng.sample(preds, k)
            chosen = tuple(p for p in preds if p in sample)[:quota]
            plan.append((e, chosen))
            for p in chosen:
                stating[(e, p)].append(sidx)
            quota -= len(chosen)
        plans.append(plan)
    return plans, stating


# -- injection ---------------------------------------------------------------------
def _kinds(ent: Entity, pred: str) -> list[str]:
    if pred == "title":  # "executive" is a generic word: against a specific title it is less specific
        return ["title.inflated"] + (["title.conflict"] if ent.facts["title"] != "executive" else [])
    if pred in ("age", "anniversary"):
        return ["number.conflict"]
    if pred == "employees":
        hedge = ent.facts["employees"][0]
        return ["number.hedge"] + (["number.bound"] if hedge in w.BOUND else []) + \
            (["number.conflict"] if hedge in ("exact", "approx") else [])
    if pred == "founded":
        return ["date.conflict"] + (["date.precision", "date.overlap"] if ent.facts["founded"][1] else [])
    if pred == "date":
        return ["date.conflict", "date.precision"]
    if pred == "employer":
        return ["value.variant", "value.conflict"]
    if pred == "said":
        return ["text.changed"]
    return []


class Injector:
    """Chooses where discrepancies go, and what each deviating source writes instead."""

    def __init__(self, rng: random.Random, ents: list[Entity], seen: set[str], kinds: list[str]):
        self.rng, self.ents, self.seen = rng, ents, seen
        self.kinds = kinds  # source kind per source index
        self.values: dict[tuple[int, str], tuple[int, str, object, str]] = {}  # -> (source, code, value, detail)
        self.garbles: dict[tuple[int, int], tuple[list[str], str, str]] = {}  # (entity, source) -> tokens, kind, why
        self.paraphrase: dict[tuple[int, str], tuple[int, int]] = {}  # (entity, said) -> (source, variant)
        self.count: Counter[str] = Counter()

    def deviant(self, sources: list[int], need_said: Entity | None = None) -> int | None:
        pool = [s for s in sources if self.kinds[s] != "primary"]
        if need_said is not None:
            pool = [s for s in pool if said_index(s, need_said) == 0]
            if sum(said_index(s, need_said) == 0 for s in sources) < 2:
                return None
        return self.rng.choice(pool) if pool and len(sources) >= 3 else None

    def garble(self, e: int, sidx: int, why: str) -> bool:
        if (e, sidx) in self.garbles:
            return True
        ent, rng = self.ents[e], self.rng
        for _ in range(12):
            i = 0 if ent.kind != "person" else rng.randrange(len(ent.tokens))
            got = w.garble_token(rng, ent.tokens[i])
            if not got:
                continue
            tokens = list(ent.tokens)
            tokens[i] = got[0]
            key = _name_key(tokens)
            if key not in self.seen:
                self.seen.add(key)  # no other entity or garble may take this name
                self.garbles[(e, sidx)] = (tokens, got[1], why)
                return True
        return False

    def choose(self, stating: dict[tuple[int, str], list[int]], opts: Options) -> None:
        """Spread injections evenly over the codes: each code gets its share of the eligible groups."""
        rng, ents = self.rng, self.ents
        groups = [k for k, srcs in stating.items() if len(srcs) >= 3]
        rng.shuffle(groups)
        by_code: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for key in groups:
            for code in _kinds(ents[key[0]], key[1]):
                by_code[code].append(key)
        per_code = max(3, round(opts.inject_rate * len(groups) / max(1, len(by_code))))
        for _ in range(per_code):
            for code in sorted(by_code):
                queue = by_code[code]
                while queue:
                    key = queue.pop()
                    if key in self.values:
                        continue
                    ent = ents[key[0]]
                    sidx = self.deviant(stating[key], ent if key[1] == "said" else None)
                    if sidx is None:
                        continue
                    value, detail = self.value(ent, key[1], code, sidx)
                    if value is not None:
                        if code == "text.changed" and detail.startswith("name changed"):
                            code = "text.name-changed"  # a name replaced in a statement: medium, not high
                        self.values[key] = (sidx, code, value, detail)
                        self.count[code] += 1
                        break
        said_pool = [k for k in groups if k[1] == "said" and k not in self.values]
        # paraphrases (must not be flagged high) on `said` groups left clean
        n_para = max(3, round(opts.paraphrase_rate * len(said_pool)))
        for key in said_pool[:n_para]:
            sidx = self.deviant(stating[key], ents[key[0]])
            if sidx is not None:
                self.paraphrase[key] = (sidx, rng.randrange(3))
        # name garbles: one source writes an entity's name wrongly
        mentions: dict[int, list[int]] = defaultdict(list)
        for (e, _pred), srcs in stating.items():
            mentions[e].extend(srcs)
        cands = [e for e, srcs in mentions.items() if len(set(srcs)) >= 3]
        rng.shuffle(cands)
        for e in cands[: max(4, round(opts.garble_rate * len(cands)))]:
            per = Counter(mentions[e])
            pool = [s for s in sorted(per) if self.kinds[s] != "primary" and per[s] >= 2] or \
                   [s for s in sorted(per) if self.kinds[s] != "primary"]
            if pool:
                self.garble(e, rng.choice(pool), "name")

    def value(self, ent: Entity, pred: str, code: str, sidx: int) -> tuple[object, str]:
        """What the deviating source writes (the value's text), and the gold detail."""
        rng, f = self.rng, ent.facts
        if pred == "title":
            t = f["title"]
            new = w.INFLATE[t] if code == "title.inflated" else rng.choice(
                [c for c in w.CONFLICT_POOL if not set(c.split()) & set(t.split())])
            return new, f"{t!r} -> {new!r}"
        if pred == "age":
            new = f["age"] + rng.choice([-9, -7, -5, -3, 3, 4, 6, 8])
            return new, f"{f['age']} -> {new}"
        if pred == "anniversary":
            new = f["anniversary"] + rng.choice([2, 3, 4, 5, 10])
            return w.ordinal(new), f"{w.ordinal(f['anniversary'])} -> {w.ordinal(new)}"
        if pred == "employees":
            hedge, n = f["employees"]
            old = w.HEDGES[hedge][0].format(n=n)
            if code == "number.hedge":
                new = f"{n}" if hedge != "exact" else f"at least {n}"
            elif code == "number.bound":
                new = w.HEDGES[w.BOUND[hedge]][0].format(n=n)
            else:
                new = w.HEDGES[hedge][0].format(n=w.other_count(rng, n, far=hedge == "approx"))
            return new, f"{old!r} -> {new!r}"
        if pred == "founded":
            y, m = f["founded"]
            old = w.month_year(m, y) if m else str(y)
            if code == "date.conflict":
                new = w.month_year(((m - 1 + rng.choice([3, 4, 5, 7])) % 12) + 1, y) if m else \
                    str(y + rng.choice([-6, -4, -3, 3, 4, 6]))
            elif code == "date.precision":
                new = str(y)
            else:
                m2 = m + 1 if m < 12 else m - 1
                new = f"{w.MONTHS[min(m, m2) - 1]} and {w.MONTHS[max(m, m2) - 1]} {y}"
            return new, f"{old!r} -> {new!r}"
        if pred == "date":
            y, m, d = f["date"]
            old = f"{d} {w.MONTHS[m - 1]} {y}"
            if code == "date.conflict":
                new = f"{d} {w.MONTHS[((m - 1 + rng.choice([2, 3, 5])) % 12)]} {y}"
            else:
                new = w.month_year(m, y)
            return new, f"{old!r} -> {new!r}"
        if pred == "employer":
            org = self.ents[f["org"]]
            if code == "value.conflict":
                other = rng.choice([o for o in self.ents[: max(3, len(self.ents) // 4)]
                                    if o.kind == "organization" and o.idx != org.idx])
                return other.idx, f"{org.name!r} -> {other.name!r}"
            if not self.garble(org.idx, sidx, "employer"):
                return None, ""
            return org.idx, f"{org.name!r} -> {' '.join(self.garbles[(org.idx, sidx)][0])!r}"
        if pred == "said":
            tpl, n, c = f["said"][0]
            how = rng.choice(["number", "negation", "name"])
            if how == "number":
                new = w.STATEMENTS[tpl][0].format(n=w.other_count(rng, n), c=c)
            elif how == "negation":
                new = w.STATEMENTS[tpl][2].format(n=n, c=c)
            else:
                other = c
                while other == c:
                    other = w.city(rng)
                new = w.STATEMENTS[tpl][0].format(n=n, c=other)
            return new, f"{how} changed: {w.STATEMENTS[tpl][0].format(n=n, c=c)!r} -> {new!r}"
        return None, ""


# -- entry points ------------------------------------------------------------------------
@dataclass(frozen=True)
class Generated:
    root: str  # the folder holding claims/ and gold.json
    claims_dir: str
    gold_path: str
    claims: int
    sources: int
    entities: int
    seconds: float


def generate(out: str, claims: int, sources: int | None = None, seed: int = 1,
             opts: Options = Options()) -> Generated:
    """Write a claim set of about `claims` claims in `sources` files under `out`."""
    t0 = time.perf_counter()
    sources = sources or max(1, round(claims / CLAIMS_PER_SOURCE))
    rng = random.Random(seed)
    per = claims // sources
    quotas = [per + (1 if i < claims - per * sources else 0) for i in range(sources)]
    n_entities = max(12, round(claims / (opts.mentions * PREDICATE_WEIGHT)), 2 * round(per / PREDICATE_WEIGHT))
    ents, decoys, seen = build_world(rng, n_entities, opts)
    kinds = []
    for _ in range(sources):
        r = rng.random()
        kinds.append("primary" if r < PRIMARY_P else "translation" if r < PRIMARY_P + TRANSLATION_P else "report")
    texts = [rng.random() < opts.text_fraction for _ in range(sources)]
    if not any(texts):
        texts[0] = True
    bare = [rng.random() < opts.bare_fraction for _ in range(sources)]
    plans, stating = plan_sources(rng, ents, quotas)
    inj = Injector(rng, ents, seen, kinds)
    inj.choose(stating, opts)

    claims_dir = os.path.join(out, "claims")
    os.makedirs(os.path.join(claims_dir, "texts"), exist_ok=True)
    writer = Writer(seed, ents, inj, kinds, texts, bare, claims_dir, opts)
    total = sum(writer.write_source(sidx, plan) for sidx, plan in enumerate(plans))
    for org, people in writer.ceo.items():
        if len(people) >= 2:
            ids = sorted(people)
            writer.gold[("title.shared", ids[0], "title", "")] = {
                "code": "title.shared", "entity": f"g{ids[0]}", "predicate": "title",
                "sources": sorted({s for p in ids for s in people[p]}),
                "detail": f"several people called chief executive of {ents[org].name!r}",
                "entities": [f"g{p}" for p in ids]}
    gold = {
        "format": 1, "seed": seed, "claims": total, "sources": sources, "options": opts.__dict__,
        "entities": [{"id": e.gid, "name": e.name, "type": e.kind, "shape": e.shape} for e in ents],
        "decoys": [[f"g{a}", f"g{b}"] for a, b in decoys],
        "names": writer.names,
        "discrepancies": list(writer.gold.values()),
        "benign": writer.benign,
    }
    gold_path = os.path.join(out, "gold.json")
    with open(gold_path, "w", encoding="utf-8") as fh:
        json.dump(gold, fh, ensure_ascii=False, separators=(",", ":"))
    return Generated(out, claims_dir, gold_path, total, sources, len(ents), time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=1000)
    ap.add_argument("--sources", type=int, default=None, help=f"default: claims / {CLAIMS_PER_SOURCE}")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=None, help="default: a new temp folder")
    args = ap.parse_args(argv)
    out = args.out or tempfile.mkdtemp(prefix="claimcheck-bench-")
    g = generate(out, args.claims, args.sources, args.seed)
    gold = json.load(open(g.gold_path, encoding="utf-8"))
    codes = Counter(d["code"] for d in gold["discrepancies"])
    print(f"{g.claims} claims, {g.sources} sources, {g.entities} entities in {g.seconds:.2f} s -> {g.claims_dir}",
          file=sys.stderr)
    print("gold: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())), file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
