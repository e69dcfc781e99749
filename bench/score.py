"""Score a claimcheck JSON report against the generator's gold list.

Read independently of claimcheck's code: only the JSON report contract
(docs/claim-format.md) and bench's gold.json are used. The matching rules are
written out in bench/README.md; in short:

- A name as a source writes it, (source, form), is an *item*. gold.json maps
  every item to its gold entity; a reported entity maps to the gold entity most
  of its items belong to.
- Entity merges are scored as pairs of items put in one entity (pair counting
  over the items both sides know).
- A reported discrepancy matches a gold entry when the code is the same (or
  one of the entry's `alt` codes), its gold entity is among the gold entities
  of the discrepancy's values (or of its reported entity), the predicate is the
  same, and every gold source is among the discrepancy's sources (for
  name.variant: the sources the message names as writing the odd form).
"""

from __future__ import annotations

import ast
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

_WRITES = re.compile(r"([a-z0-9][a-z0-9._-]*) writes ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")
EXAMPLES = 3


def _norm(text: object) -> str:
    return " ".join(str(text).split())


@dataclass
class CodeScore:
    gold: int = 0  # gold entries expected to be flagged
    found: int = 0  # discrepancies reported
    found_ok: int = 0  # reported ones that match a gold entry
    gold_hit: int = 0  # gold entries matched by a report
    false_merged: int = 0  # reported ones that match nothing and mix values of several gold entities
    missed_merged: int = 0  # gold entries missed whose entity the report merged with another
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)  # examples, false alarms on one gold entity first
    false_merge_examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.found_ok / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.gold_hit / self.gold if self.gold else None


@dataclass
class Score:
    codes: dict[str, CodeScore]
    merge_precision: float | None
    merge_recall: float | None
    merge_pairs: tuple[int, int, int]  # (true, reported, gold)
    items_missing: int  # gold items absent from the report's entities
    items_unknown: int  # reported items gold does not know
    decoys_merged: int
    decoys: int
    decoy_examples: list[str]
    over_merged: int  # reported entities holding names of several gold entities
    largest_merge: int  # most gold entities in one reported entity
    largest_example: str
    split: int  # gold entities whose names are spread over several reported entities
    split_examples: list[str]
    paraphrase_high: int  # benign paraphrases flagged high on one gold entity (must be 0)
    paraphrase_high_merged: int  # ... on an over-merged entity (an effect of the merge)
    paraphrases: int
    paraphrase_examples: list[str]
    benign_flagged: int  # benign name forms (order, honorific, alias) named as the odd form of a name.variant
    benign_examples: list[str]
    entities: int
    discrepancies: int

    def overall(self) -> tuple[float | None, float | None]:
        found = sum(c.found for c in self.codes.values())
        ok = sum(c.found_ok for c in self.codes.values())
        gold = sum(c.gold for c in self.codes.values())
        hit = sum(c.gold_hit for c in self.codes.values())
        return (ok / found if found else None, hit / gold if gold else None)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score(gold: dict, report: dict) -> Score:
    item_gid: dict[tuple[str, str], str] = {}
    for source, form, gid in gold["names"]:
        item_gid.setdefault((source, _norm(form)), gid)
    gname = {e["id"]: e["name"] for e in gold["entities"]}

    # -- entities: which gold entity each reported one is, and pair counting --
    tool_gid: dict[str, str | None] = {}
    seen_items: set[tuple[str, str]] = set()
    cells: Counter[tuple[str, str]] = Counter()
    per_tool: Counter[str] = Counter()
    per_gold: Counter[str] = Counter()
    unknown = 0
    members: dict[str, set[str]] = defaultdict(set)  # gold entity -> reported entities holding its items
    for ent in report.get("entities", ()):
        votes: Counter[str] = Counter()
        for n in ent.get("names", ()):
            item = (n["source"], _norm(n["name"]))
            gid = item_gid.get(item)
            if gid is None:
                unknown += 1
                continue
            if item in seen_items:
                continue
            seen_items.add(item)
            votes[gid] += 1
            cells[(ent["id"], gid)] += 1
            per_tool[ent["id"]] += 1
            per_gold[gid] += 1
            members[gid].add(ent["id"])
        tool_gid[ent["id"]] = votes.most_common(1)[0][0] if votes else None
    gold_of: dict[str, set[str]] = defaultdict(set)
    for tid, gid in cells:
        gold_of[tid].add(gid)
    merged = sorted(gold_of.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    split = sorted(gid for gid, tids in members.items() if len(tids) > 1)
    true_pairs = sum(_pairs(n) for n in cells.values())
    tool_pairs = sum(_pairs(n) for n in per_tool.values())
    gold_pairs = sum(_pairs(n) for n in per_gold.values())
    decoy_hits = [(a, b) for a, b in gold.get("decoys", ()) if members[a] & members[b]]

    # -- discrepancies --
    codes: dict[str, CodeScore] = defaultdict(CodeScore)
    index: dict[tuple[str, str, str | None], list[int]] = defaultdict(list)
    entries = [g for g in gold["discrepancies"] if g.get("expect", "flag") == "flag"]
    for i, g in enumerate(entries):
        codes[g["code"]].gold += 1
        for gid in g.get("entities") or [g["entity"]]:
            index[(g["code"], gid, g["predicate"])].append(i)
        for alt in g.get("alt", ()):
            index[(alt["code"], alt["entity"], alt.get("predicate"))].append(i)
    benign = defaultdict(list)
    benign_forms: set[tuple[str, str]] = set()
    for b in gold.get("benign", ()):
        benign[(b["entity"], b["predicate"])].append(b)
        if b["code"] == "name.form" and b.get("form"):
            benign_forms.add((b["sources"][0], _norm(b["form"])))
    hit = [False] * len(entries)
    para_high: list[str] = []
    para_high_merged = 0
    benign_flags: list[str] = []
    found = report.get("discrepancies", ())
    for d in found:
        code, pred = d["code"], d.get("predicate")
        if code == "entity.unresolved":
            continue  # names kept apart, told to the user: about resolving, scored by the merge figures

        values = d.get("values") or ()
        sources = {v["source"] for v in values}
        value_gids = {item_gid.get((v["source"], _norm(v.get("subject", "")))) for v in values} - {None}
        gids = value_gids | {tool_gid.get(d.get("entity", ""))} - {None}
        mixed = len(value_gids) > 1
        if code == "name.variant":
            odd = _odd_forms(d.get("message", ""))
            sources = {src for src, _ in odd} or sources
            main = tool_gid.get(d.get("entity", ""))
            for src, form in odd:  # a benign form of this very entity named as garbled
                if not mixed and (src, _norm(form)) in benign_forms and item_gid.get((src, _norm(form))) == main:
                    benign_flags.append(f"{d['message']} (benign form: {src} writes {form!r})")
        cs = codes[code]
        cs.found += 1
        ok = False
        for gid in gids:
            for i in index.get((code, gid, pred), ()):
                g = entries[i]
                alt_pred = next((a.get("predicate") for a in g.get("alt", ()) if a["code"] == code
                                 and a["entity"] == gid), "-")
                if (g["predicate"] == pred or alt_pred == pred) and set(g["sources"]) <= sources:
                    hit[i] = ok = True
        touched = [b for gid in gids for b in benign.get((gid, pred), ()) if set(b["sources"]) & sources]
        if not ok and code == "text.paraphrase" and any(b["code"] == "text.paraphrase" for b in touched):
            ok = True  # a paraphrase reported as one (low) is right
        # a high flag that is itself in the gold list (a misquote of the paraphrased claim) is right
        if not ok and any(b["code"] == "text.paraphrase" for b in touched) and d.get("severity") == "high":
            if mixed:
                para_high_merged += 1
            else:
                para_high.append(f"{d['message']} [{code}] -- why: {d.get('why', '')}")
        if ok:
            cs.found_ok += 1
        elif mixed:
            cs.false_merged += 1
            if len(cs.false_merge_examples) < EXAMPLES:
                names = ", ".join(sorted(gname.get(g, g) for g in value_gids))
                cs.false_merge_examples.append(f"{d['message']} [one entity made of: {names}]")
        elif len(cs.false) < EXAMPLES:
            cs.false.append(f"{d['message']} -- why: {d.get('why', '')}")
    mixed_gids = {gid for gs in gold_of.values() if len(gs) > 1 for gid in gs}
    for i, g in enumerate(entries):
        cs = codes[g["code"]]
        if hit[i]:
            cs.gold_hit += 1
        elif g["entity"] in mixed_gids:
            cs.missed_merged += 1
        elif len(cs.missed) < EXAMPLES:
            cs.missed.append(f"{gname.get(g['entity'], g['entity'])} / {g['predicate'] or 'name'} in "
                             f"{', '.join(g['sources'])}: {g['detail']}")
    n_para = sum(b["code"] == "text.paraphrase" for b in gold.get("benign", ()))
    return Score(
        codes=dict(sorted(codes.items())),
        merge_precision=true_pairs / tool_pairs if tool_pairs else None,
        merge_recall=true_pairs / gold_pairs if gold_pairs else None,
        merge_pairs=(true_pairs, tool_pairs, gold_pairs),
        items_missing=len({k for k in item_gid} - seen_items),
        items_unknown=unknown,
        decoys_merged=len(decoy_hits), decoys=len(gold.get("decoys", ())),
        decoy_examples=[f"{gname[a]!r} + {gname[b]!r}" for a, b in decoy_hits[:EXAMPLES]],
        over_merged=sum(len(g) > 1 for _, g in merged),
        largest_merge=len(merged[0][1]) if merged else 0,
        largest_example=", ".join(sorted(gname.get(g, g) for g in merged[0][1])) if merged else "",
        split=len(split), split_examples=[gname.get(g, g) for g in split[:EXAMPLES]],
        paraphrase_high=len(para_high), paraphrase_high_merged=para_high_merged, paraphrases=n_para,
        paraphrase_examples=para_high[:EXAMPLES],
        benign_flagged=len(benign_flags), benign_examples=benign_flags[:EXAMPLES],
        entities=len(report.get("entities", ())), discrepancies=len(found),
    )


def _odd_forms(message: str) -> list[tuple[str, str]]:
    """(source, form) pairs a name.variant message names as odd ("s00012 writes 'Wang Dna'")."""
    out = []
    for m in _WRITES.finditer(message):
        try:
            form = ast.literal_eval(m.group(2))
        except (ValueError, SyntaxError):
            continue
        out.append((m.group(1), str(form)))
    return out


def score_files(gold_path: str, report_path: str) -> Score:
    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)
    with open(report_path, encoding="utf-8") as fh:
        report = json.load(fh)
    return score(gold, report)
