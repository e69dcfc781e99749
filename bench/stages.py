"""Time claimcheck's stages through its public API, in a process of their own
(so that peak memory is this claim set's alone), plus the PyYAML baseline.

    python -m bench.stages CLAIMS_DIR   -> one JSON object on stdout
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import time


def _yaml_files(root: str) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(dirnames)
        out += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith((".yaml", ".yml"))]
    return out


def yaml_baseline(root: str) -> float:
    """Seconds for a bare PyYAML C-loader load of every claim file (reading included)."""
    import yaml

    t = time.perf_counter()
    for path in _yaml_files(root):
        with open(path, encoding="utf-8") as fh:
            yaml.load(fh.read(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - t


_VARIANT = re.compile(r"'(.+)' written '(.+)' \((\w+)\)\Z")  # a gold name.variant's detail


def blocking_recall(claim_set, gold_path: str) -> dict:
    """Of the injected name garbles (gold name.variant), how many reach the name scorer: the
    garbled form and the right one are one unique name already, or blocking proposes the pair.
    The unique names are the ones the run resolves (its name groups, parsed as it parses them)."""
    from claimcheck.match.align import Predicates, name_groups
    from claimcheck.match.names import candidates
    from claimcheck.match.resolve import _Resolver
    from claimcheck.tables import DEFAULT

    with open(gold_path, encoding="utf-8") as fh:
        gold = json.load(fh)
    resolver = _Resolver(name_groups(claim_set, Predicates()), DEFAULT)
    resolver.build()
    items = resolver.items
    pairs = set(candidates(resolver.lex, [it.name for it in items], [it.type for it in items])[0])
    by_key: dict[tuple, list[int]] = {}
    for it in items:
        by_key.setdefault(it.name.key, []).append(it.idx)
    reached = total = 0
    for d in gold["discrepancies"]:
        m = _VARIANT.match(d.get("detail", "")) if d["code"] == "name.variant" else None
        if m is None:
            continue
        total += 1
        right = by_key.get(resolver.lex.parse(m[1]).key, [])
        wrong = by_key.get(resolver.lex.parse(m[2]).key, [])
        reached += any(a == b or (min(a, b), max(a, b)) in pairs for a in right for b in wrong)
    return {"variants": total, "reached": reached}


def measure(root: str) -> dict:
    for path in _yaml_files(root):  # warm the page cache for both loaders alike
        with open(path, "rb") as fh:
            fh.read()
    clock = time.perf_counter
    t = clock()
    from claimcheck.findings import build_report
    from claimcheck.read.load import load_paths
    from claimcheck.read.quotes import attach_quotes
    from claimcheck.render import RENDERERS

    out: dict = {"import_s": clock() - t}
    # the load ratio is the point: interleave two runs of each loader, keep each one's best
    yaml_times, load_times = [], []
    for _ in range(2):
        yaml_times.append(yaml_baseline(root))
        t = clock()
        claim_set = load_paths([root])
        load_times.append(clock() - t)
    out["yaml_s"], out["load_s"] = min(yaml_times), min(load_times)
    out["problems"] = len(claim_set.problems)
    out["problem_examples"] = [str(p) for p in claim_set.problems[:3]]
    t = clock()
    claim_set = attach_quotes(claim_set)
    out["quotes_s"] = clock() - t
    t = clock()
    report = build_report(claim_set)
    out["report_s"] = clock() - t
    out.update(dict(report.stats))
    t = clock()
    text = RENDERERS["json"](report)
    out["render_s"] = clock() - t
    out["json_bytes"] = len(text)
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gold = os.path.join(os.path.dirname(os.path.abspath(root)), "gold.json")
    if os.path.exists(gold):  # after the peak is taken: this rebuilds the resolver's names
        out["blocking"] = blocking_recall(claim_set, gold)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.stages CLAIMS_DIR", file=sys.stderr)
        return 2
    json.dump(measure(argv[0]), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
