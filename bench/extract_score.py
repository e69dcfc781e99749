"""python -m bench.extract_score: how close `claimcheck extract` comes to curated claim files.

For each curated file with a text (by default the founding story's two in
claims/), the text is drafted with claimcheck.extract and the drafts are
compared with the curated claims:

- coverage: the share of curated claims that some draft matches;
- kept: the share of drafts that match some curated claim. This is a proxy
  for "a curator would keep it": a correct draft the curator happened not to
  record counts as not kept, so the figure is a lower bound.

A draft matches a curated claim when all three agree:
- entity: some name of the one (entity name, aliases, or the bare subject)
  and some name of the other are equal once folded, or the words of one are
  all among the words of the other ("Jin" and "Xinjiang Jin");
- predicate: the same canonical predicate (claimcheck.match.align.Predicates);
- value: claimcheck.compare.compare_values(...) finds no discrepancy (code
  None) for the predicate's kind, or the values are equal once folded.
The lenient columns also accept `text.paraphrase` (same words reordered or a
few dropped, same figures, names and negations): how many misses are wording.

Prints a table and replaces the section between `<!-- extract -->` and
`<!-- /extract -->` in bench/results.md (appending it when absent); the rest
of that file belongs to `python -m bench`.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from dataclasses import dataclass

from bench.run import EXTRACT
from claimcheck.compare import compare_values
from claimcheck.extract import extract
from claimcheck.extract.yaml import load_text
from claimcheck.match.align import Predicates
from claimcheck.output import write_atomic
from claimcheck.read.load import load_file
from claimcheck.records import Claim, ClaimFile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT = [os.path.join(ROOT, "claims", "techtarget.yaml"), os.path.join(ROOT, "claims", "wapo-retranslated.yaml")]
START, END = EXTRACT
TARGET = 0.60
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class Score:
    source: str
    curated: int
    covered: int
    drafts: int
    kept: int
    covered_lenient: int
    kept_lenient: int
    seconds: float
    by_rule: Counter
    kept_by_rule: Counter
    missed: Counter  # canonical predicate -> curated claims no draft matches (even leniently)


def _names(claim: Claim, f: ClaimFile) -> tuple[str, ...]:
    for e in f.entities:
        if e.key == claim.entity:
            return (e.name, *e.aliases)
    return (claim.subject,)


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(name.lower()) if w != "the")


def same_entity(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    for x in a:
        for y in b:
            wx, wy = _words(x), _words(y)
            if wx and wy and (wx <= wy or wy <= wx):
                return True
    return False


def _fold(value) -> str:
    return " ".join(str(value).lower().split())


def match(c: Claim, cf: ClaimFile, d: Claim, df: ClaimFile, preds: Predicates, lenient: bool) -> bool:
    pc, pd = preds(c.predicate), preds(d.predicate)
    if pc.name != pd.name or not same_entity(_names(c, cf), _names(d, df)):
        return False
    if _fold(c.value) == _fold(d.value):
        return True
    code = compare_values(c.value, d.value, kind=pc.kind).code
    return code is None or (lenient and code == "text.paraphrase")


def score(curated_path: str) -> Score:
    curated, problems = load_file(curated_path, os.path.dirname(curated_path))
    if curated is None or not curated.source.text:
        raise SystemExit(f"{curated_path}: cannot be scored (no file or no source.text): {problems}")
    with open(curated.source.text, encoding="utf-8-sig") as fh:
        text = fh.read()
    started = time.perf_counter()
    drafted = extract(text, curated.source.id)
    seconds = time.perf_counter() - started
    draft, _ = load_text(drafted, "draft.yaml")
    assert draft is not None
    rules = _rules(drafted)
    preds = Predicates()
    cov = [any(match(c, curated, d, draft, preds, False) for d in draft.claims) for c in curated.claims]
    cov_l = [any(match(c, curated, d, draft, preds, True) for d in draft.claims) for c in curated.claims]
    kept = [any(match(c, curated, d, draft, preds, False) for c in curated.claims) for d in draft.claims]
    kept_l = [any(match(c, curated, d, draft, preds, True) for c in curated.claims) for d in draft.claims]
    by_rule = Counter(rules)
    kept_by_rule = Counter(r for r, k in zip(rules, kept, strict=True) if k)
    missed = Counter(preds(c.predicate).name for c, hit in zip(curated.claims, cov_l, strict=True) if not hit)
    return Score(curated.source.id, len(curated.claims), sum(cov), len(draft.claims), sum(kept),
                 sum(cov_l), sum(kept_l), seconds, by_rule, kept_by_rule, missed)


def _rules(drafted: str) -> list[str]:
    return re.findall(r"^    x-rule: (.*)$", drafted, re.MULTILINE)


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "-"


def _mark(a: int, b: int) -> str:
    return "✅" if b and a / b >= TARGET else "❌"


def render(scores: list[Score]) -> str:
    total = Score("all", *(sum(getattr(s, f) for s in scores) for f in
                           ("curated", "covered", "drafts", "kept", "covered_lenient", "kept_lenient", "seconds")),
                  sum((s.by_rule for s in scores), Counter()), sum((s.kept_by_rule for s in scores), Counter()),
                  sum((s.missed for s in scores), Counter()))
    lines = [
        "## extract",
        "",
        "`python -m bench.extract_score`: `claimcheck extract` run on each curated source's text and its drafts"
        " compared with the curated claims (same entity, same canonical predicate, agreeing value; see the"
        " module docstring). *Coverage*: share of curated claims some draft matches. *Kept*: share of drafts"
        " that match a curated claim, a proxy for what a curator would keep (a right draft the curator did not"
        " record counts as not kept). *Lenient* also accepts a reworded statement (`text.paraphrase`)."
        f" Target: both at least {TARGET:.0%}.",
        "",
        "| source | curated claims | covered | coverage | drafts | kept | kept share | lenient coverage"
        " | lenient kept | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in [*scores, total]:
        name = f"**{s.source}**" if s is total else s.source
        lines.append(
            f"| {name} | {s.curated} | {s.covered} | {_pct(s.covered, s.curated)} {_mark(s.covered, s.curated)}"
            f" | {s.drafts} | {s.kept} | {_pct(s.kept, s.drafts)} {_mark(s.kept, s.drafts)}"
            f" | {_pct(s.covered_lenient, s.curated)} | {_pct(s.kept_lenient, s.drafts)} | {s.seconds:.2f} |")
    lines += ["", "Drafts and kept share per rule (all sources):", "",
              "| rule | drafts | kept | kept share |", "|---|---:|---:|---:|"]
    for rule, n in total.by_rule.most_common():
        lines.append(f"| {rule} | {n} | {total.kept_by_rule[rule]} | {_pct(total.kept_by_rule[rule], n)} |")
    missed = sum(total.missed.values())
    top = ", ".join(f"{p} {n}" for p, n in total.missed.most_common(12))
    lines += ["", f"Curated claims no draft matches even leniently: {missed}, by canonical predicate: {top}."
              " Most are phrased by the curator (\"meetings terminated\" for \"worked to finish ... video"
              " conferences\"), inferred from context (what \"the two countries\" or \"the CEO\" stand for), split"
              " differently (one claim per listed item) or trimmed statements; rules over the text's own words do"
              " not reach them."]
    return "\n".join(lines) + "\n"


def write_section(path: str, section: str) -> None:
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    block = f"{START}\n{section}{END}\n"
    if START in old and END in old:
        new = old[:old.index(START)] + block + old[old.index(END) + len(END):].lstrip("\n")
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + block
    write_atomic(path, new)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.extract_score", description=__doc__.splitlines()[0])
    ap.add_argument("curated", nargs="*", default=DEFAULT, help="curated claim files with a source.text")
    ap.add_argument("--output", default=os.path.join(HERE, "results.md"), help="results file (its extract section)")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    section = render([score(p) for p in args.curated])
    print(section)
    if not args.no_write:
        write_section(args.output, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
