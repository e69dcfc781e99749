"""Run the benchmark: generate, time claimcheck's stages and its CLI end to end,
score the JSON report against gold, measure the baselines, write results.md.

The benchmark reports; it does not assert. Targets are printed beside figures.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

from bench.generate import CLAIMS_PER_SOURCE, generate
from bench.score import Score, score_files

TIMEOUT = 3600  # seconds for one subprocess
# Sizes up to BEST_OF run end to end RUNS times, larger ones RUNS_LARGE times (a minute or more
# each), and the fastest wall time is reported, every time listed: this machine's speed drifts
# by 15% or more from one minute to the next.
BEST_OF = 100_000
RUNS = 3
RUNS_LARGE = 2
NAIVE_BUDGET = 30.0  # seconds a naive all-pairs loop may run before it is extrapolated
NAIVE_SCORERS = ("difflib", "rapidfuzz")  # the two naive baselines
TARGET_E2E = {100_000: 8.0, 1_000_000: 90.0}
TARGET_MEM_MB = {1_000_000: 4096}
TARGET_PAIRS_PER_NAME = 50
TARGET_PR = 0.95
TARGET_YAML_RATIO = 1.5
TARGET_NAIVE_RATIO = 50
TARGET_GROWTH = 12.0  # end to end from 100k to 1M claims, at most this many times longer
# The growth is measured in pairs: each 1M run against the 100k runs just before and after it
# (the 100k set is kept for them), so that both sizes see the machine at the same speed.
GROWTH = (100_000, 1_000_000)
TARGET_VERSION_S = 0.3
TARGET_BLOCKING = 0.95  # of the injected name garbles, at least this share reaches the scorer
EXTRACT = ("<!-- extract -->", "<!-- /extract -->")  # results.md's section that bench.extract_score owns
REAL = ("<!-- real -->", "<!-- /real -->")  # results.md's section that bench.real owns
WORKERS = ("<!-- workers -->", "<!-- /workers -->")  # results.md's note on forked copies (measured by hand)


def say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


@dataclass
class SizeResult:
    claims: int
    files: int
    entities: int = 0
    generate_s: float = 0.0
    stages: dict = field(default_factory=dict)
    stages_error: str = ""
    e2e_s: float | None = None
    e2e_mb: float | None = None
    e2e_status: int | None = None
    e2e_error: str = ""
    e2e_runs: list[float] = field(default_factory=list)  # every end-to-end wall time, in order
    probes: list[float] = field(default_factory=list)  # speed_probe() just before each end-to-end run
    summary: str = ""
    score: Score | None = None
    naive: list[dict] = field(default_factory=list)
    load_avg: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after this size
    paired: list[float] = field(default_factory=list)  # 1M only: 100k runs before, between and after its runs
    held: str = ""  # the generated folder, kept for the paired growth runs (removed by run())

    def growth_pairs(self) -> list[float]:
        """Each end-to-end run's time over the mean of the paired smaller runs just before and after it."""
        if len(self.paired) != len(self.e2e_runs) + 1:
            return []
        return [t / ((self.paired[i] + self.paired[i + 1]) / 2) for i, t in enumerate(self.e2e_runs)]


def _cli() -> list[str]:
    exe = shutil.which("claimcheck")
    return [exe] if exe else [sys.executable, "-m", "claimcheck"]


def run_cli(claims_dir: str, out_json: str) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, exit status, stderr) of `claimcheck diff DIR --format json --output FILE`."""
    cmd = _cli() + ["diff", claims_dir, "--format", "json", "--output", out_json]
    err = tempfile.TemporaryFile()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=os.path.dirname(claims_dir))
    deadline = t + TIMEOUT
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    return wall, usage.ru_maxrss / 1024, proc.returncode, text


def speed_probe() -> float:
    """Seconds for one fixed piece of pure-Python work (a loop of dict and string operations),
    untouched by claimcheck: how fast the machine runs Python at the moment. This machine's
    speed drifts (other tenants), and the end-to-end times drift with it."""
    t = time.perf_counter()
    counts: dict[str, int] = {}
    for i in range(1_000_000):
        key = str(i & 4095)
        counts[key] = counts.get(key, 0) + i
    return time.perf_counter() - t


def run_stages(claims_dir: str) -> tuple[dict, str]:
    proc = subprocess.run([sys.executable, "-m", "bench.stages", claims_dir], capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if proc.returncode != 0:
        return {}, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"status {proc.returncode}"
    return json.loads(proc.stdout), ""


def _difflib_ratio():
    from difflib import SequenceMatcher

    def ratio(a: str, b: str) -> float:
        return SequenceMatcher(None, a, b).ratio()

    return ratio


def naive_all_pairs(names: list[str], scorer: str, budget: float = NAIVE_BUDGET) -> dict:
    """A Python loop over every pair of unique names (`scorer`: difflib's SequenceMatcher.ratio or
    rapidfuzz's fuzz.ratio); extrapolated from the pairs done when it passes `budget` seconds."""
    from rapidfuzz import fuzz

    ratio = _difflib_ratio() if scorer == "difflib" else fuzz.ratio
    n = len(names)
    total = n * (n - 1) // 2
    done = 0
    t = time.perf_counter()
    for i in range(n):
        a = names[i]
        for b in names[i + 1:]:
            ratio(a, b)
        done += n - 1 - i
        if time.perf_counter() - t > budget:
            break
    spent = time.perf_counter() - t
    return {"scorer": scorer, "names": n, "pairs": total, "timed_pairs": done, "timed_s": spent,
            "seconds": spent * total / done if done else 0.0, "extrapolated": done < total}


def run_size(size: int, seed: int, keep: bool, naive: bool, hold: bool = False, pair_with: str = ""
             ) -> SizeResult:
    """One size, end to end. `hold`: keep the generated folder (res.held) for later paired runs;
    `pair_with`: a smaller claim set run before, between and after this size's end-to-end runs."""
    root = tempfile.mkdtemp(prefix=f"claimcheck-bench-{size}-")
    res = SizeResult(size, max(1, round(size / CLAIMS_PER_SOURCE)))
    before = os.getloadavg()[0]
    try:
        say(f"{size:,} claims: generating in {root}")
        g = generate(root, size, seed=seed)
        res.files, res.entities, res.generate_s = g.sources, g.entities, g.seconds
        say(f"{size:,} claims: generated in {g.seconds:.1f} s; timing stages")
        res.stages, res.stages_error = run_stages(g.claims_dir)
        say(f"{size:,} claims: running claimcheck diff end to end")
        out_json = os.path.join(root, "report.json")

        def paired() -> None:
            if pair_with:
                res.paired.append(run_cli(pair_with, os.path.join(root, "paired.json"))[0])

        paired()
        res.probes = [speed_probe()]
        res.e2e_s, res.e2e_mb, res.e2e_status, stderr = run_cli(g.claims_dir, out_json)
        res.e2e_runs = [res.e2e_s]
        runs = RUNS if size <= BEST_OF else RUNS_LARGE
        for _ in range(runs - 1 if res.e2e_status in (0, 1) else 0):
            paired()
            res.probes.append(speed_probe())
            again = run_cli(g.claims_dir, out_json)
            res.e2e_runs.append(again[0])
            res.e2e_s, res.e2e_mb = min(res.e2e_s, again[0]), max(res.e2e_mb, again[1])
        paired()
        lines = [x for x in stderr.strip().splitlines() if x.strip()]
        res.summary = lines[-1] if lines else ""
        if res.e2e_status in (0, 1) and os.path.exists(out_json):
            res.score = score_files(g.gold_path, out_json)
        elif res.e2e_status == 3:
            res.e2e_error = "exit 3: the generated files failed to load: " + " | ".join(lines[:3])
        else:
            res.e2e_error = f"exit {res.e2e_status}: " + " | ".join(lines[-3:])
        if naive:
            with open(g.gold_path, encoding="utf-8") as fh:
                names = sorted({" ".join(form.split()) for _, form, _ in json.load(fh)["names"]})
            say(f"{size:,} claims: naive all-pairs baseline over {len(names):,} unique names")
            res.naive = [naive_all_pairs(names, scorer) for scorer in NAIVE_SCORERS]
    finally:
        res.load_avg = (before, os.getloadavg()[0])
        if keep:
            say(f"kept {root}")
        elif hold:
            res.held = g.claims_dir
        else:
            shutil.rmtree(root, ignore_errors=True)
    return res


def version_times(runs: int = 5) -> list[float]:
    """Wall seconds of `claimcheck --version` in a subprocess, `runs` times (start-up: imports are lazy)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(_cli() + ["--version"], capture_output=True, timeout=60)
        times.append(time.perf_counter() - t)
    return times


def run(sizes: list[int], seed: int, keep: bool, out_md: str, naive_size: int = 10_000) -> int:
    """The naive name baseline runs on the size nearest 10k (the headline) and on every larger one."""
    naive_at = min(sizes, key=lambda s: abs(s - naive_size))
    results = []
    say("timing claimcheck --version")
    version = version_times()
    pairing = all(s in sizes for s in GROWTH)
    held = ""  # the smaller growth size's claims, for the paired runs of the larger one
    try:
        for size in sizes:
            res = run_size(size, seed, keep, naive=size >= naive_at, hold=pairing and size == GROWTH[0],
                           pair_with=held if size == GROWTH[1] else "")
            held = res.held or held
            results.append(res)
            from bench.report import render  # late: keeps `python -m bench --help` light

            # rewritten after each size: partial runs still report
            write_results(out_md, render(results, {**machine(), "version_s": version}, seed))
    finally:
        if held:
            shutil.rmtree(os.path.dirname(held), ignore_errors=True)
    say(f"wrote {out_md}")
    return 0


def write_results(path: str, text: str) -> None:
    """Write results.md atomically, keeping the sections that `python -m bench.real`,
    `python -m bench.extract_score` and a hand measurement (workers) wrote there (this part of the
    run does not measure them)."""
    from claimcheck.output import write_atomic

    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    for start, end in (WORKERS, REAL, EXTRACT):
        if start in old and end in old:
            text = text.rstrip("\n") + "\n\n" + old[old.index(start):old.index(end) + len(end)] + "\n"
    write_atomic(path, text)


def machine() -> dict:
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=repo).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "claimcheck"], capture_output=True,
                               text=True, cwd=repo).stdout.strip()
    except OSError:
        rev, dirty = "", ""
    from claimcheck import __version__

    return {"platform": platform.platform(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "claimcheck": __version__,
            "revision": (rev or "unknown") + (" + uncommitted changes in claimcheck/" if dirty else ""),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
