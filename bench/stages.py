"""Time claimcheck's stages through its public API, in a process of their own
(so that peak memory is this claim set's alone), plus the PyYAML baseline.

    python -m bench.stages CLAIMS_DIR   -> one JSON object on stdout
"""

from __future__ import annotations

import json
import os
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


def measure(root: str) -> dict:
    for path in _yaml_files(root):  # warm the page cache for both loaders alike
        with open(path, "rb") as fh:
            fh.read()
    clock = time.perf_counter
    t = clock()
    from claimcheck.load import load_paths
    from claimcheck.quotes import attach_quotes
    from claimcheck.render import RENDERERS
    from claimcheck.report import build_report

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
