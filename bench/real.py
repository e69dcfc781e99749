"""python -m bench.real [--corpora DIR] [--output FILE] [--reports DIR] [--no-write]: the real claim sets.

Runs `claimcheck diff DIR --format json` on every `<story>/` folder of a corpora directory that has a
`<story>.gold.yaml` beside it (default `../shared/corpora` from the repository root), scores each report
with the corpora's own `score.py` (called, never copied: `python score.py GOLD REPORT --verbose`), counts
the findings by severity from the report, and replaces the section between `<!-- real -->` and
`<!-- /real -->` in bench/results.md (appending it when absent); the rest of the file is kept as it is.

Both claimcheck and score.py run as subprocesses: this module imports nothing of claimcheck and reads
only the JSON contract of docs/claim-format.md (`discrepancies[].severity`) and score.py's printed lines.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.run import REAL  # results.md's section that this module owns

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPORA = os.path.join(REPO, "..", "shared", "corpora")
RESULTS = os.path.join(HERE, "results.md")

SEVERITIES = ("high", "medium", "low")
LIST_CAP = 12  # lines of score.py's verbose output shown per kind and set

# issue 17's targets on the four shipped sets (totals)
TARGET_PRECISION = 0.60
TARGET_REPEATED = 15
TARGET_FINDINGS = 208
TARGET_CORE = (32, 43)

LAST_LINE = re.compile(
    r"core recall (?P<core>\d+)/(?P<n_core>\d+), stretch (?P<stretch>\d+)/(?P<n_stretch>\d+), "
    r"high precision \d+% \((?P<high_true>\d+)/(?P<highs>\d+)\), false alarms (?P<false_alarms>\d+), "
    r"split entities (?P<split>-?\d+), wrong merges (?P<wrong>\d+), facts repeated (?P<repeated>\d+)")
# score.py's verbose lines worth a developer's eye, by the kind each starts with
KINDS = {"FALSE ALARM": "false alarms", "UNEXPLAINED HIGH": "unexplained highs",
         "DUPLICATE HIGH": "duplicate highs", "SPLIT ENTITY": "split entities", "WRONG MERGE": "wrong merges"}


@dataclass
class SetScore:
    name: str
    findings: int = 0
    severity: Counter = field(default_factory=Counter)
    figures: dict = field(default_factory=dict)  # LAST_LINE's groups as ints; empty when not parsed
    lines: dict = field(default_factory=dict)  # KINDS value -> score.py's lines of that kind
    missed: list = field(default_factory=list)  # score.py's MISS lines: (item id, tier)
    seconds: float = 0.0  # claimcheck diff, wall time
    error: str = ""


def default_corpora() -> str | None:
    """The default corpora directory when it exists (with a score.py), else None."""
    path = os.path.normpath(DEFAULT_CORPORA)
    return path if os.path.isfile(os.path.join(path, "score.py")) else None


def stories(corpora: str) -> list[tuple[str, str, str]]:
    """(name, folder, gold file) of every `<story>/` with a `<story>.gold.yaml` beside it, by name."""
    found = []
    for name in sorted(os.listdir(corpora)):
        folder, gold = os.path.join(corpora, name), os.path.join(corpora, name + ".gold.yaml")
        if os.path.isdir(folder) and os.path.isfile(gold):
            found.append((name, folder, gold))
    return found


def parse_score(stdout: str) -> tuple[dict, dict, list]:
    """score.py's output: the figures of its last `core recall ...` line, its verbose lines by kind,
    and its missed items."""
    figures: dict = {}
    lines: dict = {kind: [] for kind in KINDS.values()}
    missed = []
    for line in stdout.splitlines():
        line = line.rstrip()
        m = LAST_LINE.search(line)
        if m:
            figures = {k: int(v) for k, v in m.groupdict().items()}
        for prefix, kind in KINDS.items():
            if line.startswith(prefix):
                lines[kind].append(line)
        if line.startswith("MISS"):
            parts = line.split()
            missed.append((parts[1] if len(parts) > 1 else "?", parts[2] if len(parts) > 2 else "?"))
    return figures, lines, missed


def severity_counts(report: dict) -> Counter:
    return Counter(str(d.get("severity", "")).lower() for d in report.get("discrepancies") or [])


def run_set(name: str, folder: str, gold: str, score_py: str, workdir: str) -> SetScore:
    res = SetScore(name)
    out = os.path.join(workdir, name + ".json")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "claimcheck", "diff", folder, "--format", "json",
                           "--fail-on", "none", "-o", out], capture_output=True, text=True, cwd=REPO)
    res.seconds = time.perf_counter() - t
    if not os.path.isfile(out):
        res.error = f"claimcheck diff exited {done.returncode}: {_last(done.stderr)}"
        return res
    try:
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        res.error = f"unreadable report: {e}"
        return res
    res.severity = severity_counts(report)
    res.findings = len(report.get("discrepancies") or [])
    scored = subprocess.run([sys.executable, score_py, gold, out, "--verbose"], capture_output=True, text=True,
                            cwd=REPO)
    res.figures, res.lines, res.missed = parse_score(scored.stdout)
    if not res.figures:
        res.error = f"score.py printed no `core recall` line (exit {scored.returncode}): " \
                    f"{_last(scored.stderr or scored.stdout)}"
    return res


def _last(text: str) -> str:
    lines = [x for x in (text or "").strip().splitlines() if x.strip()]
    return lines[-1][:200] if lines else "no output"


def score_all(corpora: str, reports: str | None = None) -> list[SetScore]:
    score_py = os.path.join(corpora, "score.py")
    if not os.path.isfile(score_py):
        raise FileNotFoundError(f"no score.py in {corpora}")
    if reports:
        os.makedirs(reports, exist_ok=True)
        return [run_set(n, d, g, score_py, reports) for n, d, g in stories(corpora)]
    with tempfile.TemporaryDirectory(prefix="cc-real-") as tmp:
        return [run_set(n, d, g, score_py, tmp) for n, d, g in stories(corpora)]


# ---------------------------------------------------------------- rendering

def _mark(good: bool) -> str:
    return "✅" if good else "❌"


def _pct(a: int, b: int) -> str:
    return f"{a / b:.0%} ({a}/{b})" if b else "n/a (0 high)"


def _totals(scores: list[SetScore]) -> dict:
    ok = [s for s in scores if s.figures]
    tot = {k: sum(s.figures[k] for s in ok) for k in LAST_LINE.groupindex}
    tot["split"] = sum(max(s.figures["split"], 0) for s in ok)
    tot["findings"] = sum(s.findings for s in scores)
    for sev in SEVERITIES:
        tot[sev] = sum(s.severity[sev] for s in scores)
    return tot


def targets(tot: dict) -> list[tuple[str, str, bool]]:
    """(target, value now, met) for issue 17's four targets on the totals."""
    precision = tot["high_true"] / tot["highs"] if tot["highs"] else 1.0
    core_ok = tot["n_core"] > 0 and tot["core"] * TARGET_CORE[1] >= TARGET_CORE[0] * tot["n_core"]
    return [
        (f"high precision >= {TARGET_PRECISION:.0%}", _pct(tot["high_true"], tot["highs"]),
         precision >= TARGET_PRECISION),
        (f"facts repeated <= {TARGET_REPEATED}", str(tot["repeated"]), tot["repeated"] <= TARGET_REPEATED),
        (f"findings <= {TARGET_FINDINGS}", str(tot["findings"]), tot["findings"] <= TARGET_FINDINGS),
        (f"core recall >= {TARGET_CORE[0]}/{TARGET_CORE[1]}", f"{tot['core']}/{tot['n_core']}", core_ok),
    ]


def _code(line: str, prefix: str) -> str:
    """The finding code in one of score.py's verbose lines (FALSE ALARM has the severity first)."""
    words = line[len(prefix):].split()
    if prefix == "FALSE ALARM":
        words = words[1:]
    return words[0] if words else "?"


def classes(scores: list[SetScore]) -> Counter:
    """(kind, code) -> count over every set: false alarms, unexplained and duplicate highs."""
    out: Counter = Counter()
    for s in scores:
        for prefix in ("FALSE ALARM", "UNEXPLAINED HIGH", "DUPLICATE HIGH"):
            for line in s.lines.get(KINDS[prefix], []):
                out[(KINDS[prefix], _code(line, prefix))] += 1
    return out


def render(scores: list[SetScore], corpora: str, meta: dict | None = None) -> str:
    meta = meta or {}
    lines = [
        "## Real claim sets", "",
        f"`python -m bench.real` at {meta.get('revision', 'unknown')}, {meta.get('date', '')}: "
        f"`claimcheck diff` on each story of `{meta.get('corpora_label', corpora)}` that has a gold list, "
        f"scored with that directory's `score.py` (its last line; *high precision*: distinct true findings "
        f"among the high ones). *findings*, *high*, *medium*, *low* are counted from the JSON report. "
        f"claimcheck diff took {sum(s.seconds for s in scores):.1f} s in all.", "",
        "| set | findings | high | medium | low | high precision | core recall | stretch recall | false alarms "
        "| split entities | wrong merges | facts repeated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        if not s.figures:
            lines.append(f"| {s.name} | {s.findings} | {s.severity['high']} | {s.severity['medium']} "
                         f"| {s.severity['low']} | error: {_cell(s.error)} | | | | | | |")
            continue
        f = s.figures
        split = str(f["split"]) if f["split"] >= 0 else "n/a (no entities)"
        lines.append(f"| {s.name} | {s.findings} | {s.severity['high']} | {s.severity['medium']} "
                     f"| {s.severity['low']} | {_pct(f['high_true'], f['highs'])} | {f['core']}/{f['n_core']} "
                     f"| {f['stretch']}/{f['n_stretch']} | {f['false_alarms']} | {split} | {f['wrong']} "
                     f"| {f['repeated']} |")
    tot = _totals(scores)
    marks = {t[0].split(" ")[0]: _mark(t[2]) for t in targets(tot)}  # high, facts, findings, core
    lines.append(f"| **total** | {tot['findings']} {marks['findings']} | {tot['high']} | {tot['medium']} "
                 f"| {tot['low']} | **{_pct(tot['high_true'], tot['highs'])}** {marks['high']} "
                 f"| {tot['core']}/{tot['n_core']} {marks['core']} | {tot['stretch']}/{tot['n_stretch']} "
                 f"| {tot['false_alarms']} | {tot['split']} | {tot['wrong']} | {tot['repeated']} {marks['facts']} |")
    lines += ["", "Targets (issue 17, on the totals): "
              + "; ".join(f"{name}: {now} {_mark(ok)}" for name, now, ok in targets(tot)) + "."]
    errors = [s for s in scores if s.error]
    if errors:
        lines += ["", "Errors: " + "; ".join(f"{s.name}: {_cell(s.error)}" for s in errors) + "."]
    cls = classes(scores)
    if cls:
        lines += ["", "Largest classes of noise among the findings (all sets, by code): "
                  + ", ".join(f"{code} {n} ({kind})" for (kind, code), n in cls.most_common(10)) + "."]
    lines += ["", "### Real claim sets: false alarms per set", "",
              "score.py's `--verbose` lines: *false alarms* (a high finding between wordings the gold says "
              "agree, or a medium or high one between wordings it lists as not worth raising), *unexplained "
              "highs* (a high finding that matches no gold item: noise, or a true finding the gold lacks), "
              "*duplicate highs* (a second high finding of one gold item)."]
    for s in scores:
        lines += ["", *_details(s)]
    return "\n".join(lines) + "\n"


def _details(s: SetScore) -> list[str]:
    counts = [f"{len(s.lines.get(kind, []))} {kind}" for kind in KINDS.values() if s.lines.get(kind)]
    core_missed = [i for i, tier in s.missed if tier == "core"]
    other_missed = [i for i, tier in s.missed if tier != "core"]
    summary = f"{s.name}: " + (", ".join(counts) if counts else "nothing flagged by score.py")
    out = [f"<details><summary>{_html(summary)}</summary>", ""]
    if core_missed or other_missed:
        out.append("Missed: " + ", ".join([f"`{i}`" for i in core_missed] + [f"`{i}` (stretch)" for i in other_missed])
                   + ".")
        out.append("")
    body = []
    for kind in KINDS.values():
        got = s.lines.get(kind, [])
        body += got[:LIST_CAP]
        if len(got) > LIST_CAP:
            body.append(f"... and {len(got) - LIST_CAP} more {kind}")
    if body:
        out += ["```", *(line.replace("```", "'''") for line in body), "```", ""]
    out.append("</details>")
    return out


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- results.md

def read_section(path: str) -> str | None:
    """The real section of results.md (markers included), or None."""
    if not os.path.exists(path):
        return None
    old = open(path, encoding="utf-8").read()
    start, end = REAL
    if start in old and end in old:
        return old[old.index(start):old.index(end) + len(end)] + "\n"
    return None


def write_section(path: str, section: str) -> None:
    """Replace the real section of `path` by `section` (with or without its markers), or append it;
    the rest of the file is kept byte for byte."""
    start, end = REAL
    block = section if section.startswith(start) else f"{start}\n{section}{end}\n"
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if start in old and end in old:
        new = old[:old.index(start)] + block + old[old.index(end) + len(end):].lstrip("\n")
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + block
    from claimcheck.output import write_atomic

    write_atomic(path, new)


def meta(corpora: str) -> dict:
    from bench.run import machine  # revision and date, as the rest of results.md states them

    absolute = os.path.abspath(corpora)
    label = os.path.relpath(absolute, REPO) if absolute.startswith(os.path.dirname(REPO) + os.sep) else absolute
    return {**machine(), "corpora_label": label}


def section(corpora: str, reports: str | None = None) -> str:
    """Run and score every story of `corpora`; the Markdown section (without markers)."""
    return render(score_all(corpora, reports), corpora, meta(corpora))


def run(corpora: str, output: str | None = RESULTS, reports: str | None = None) -> str:
    """Score `corpora`, print the section, write it into `output` (None: print only); returns it."""
    text = section(corpora, reports)
    print(text, flush=True)
    if output:
        write_section(output, text)
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.real", description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=None,
                    help="folder of <story>/ + <story>.gold.yaml + score.py (default: ../shared/corpora)")
    ap.add_argument("--output", default=RESULTS, help="results file (its `Real claim sets` section)")
    ap.add_argument("--reports", default=None, help="keep each story's JSON report in this folder")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    corpora = args.corpora or default_corpora()
    if not corpora or not os.path.isdir(corpora):
        print(f"python -m bench.real: no corpora folder ({args.corpora or os.path.normpath(DEFAULT_CORPORA)})",
              file=sys.stderr)
        return 2
    if not stories(corpora):
        print(f"python -m bench.real: no <story>/ with a <story>.gold.yaml in {corpora}", file=sys.stderr)
        return 2
    run(corpora, None if args.no_write else args.output, args.reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
