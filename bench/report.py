"""Lay out bench results as Markdown (bench/results.md): tables, targets beside figures."""

from __future__ import annotations

import statistics

from bench import run as r
from bench.run import SizeResult

CODES = ["name.variant", "title.inflated", "title.conflict", "number.hedge", "number.conflict", "number.bound",
         "date.conflict", "date.overlap", "date.precision", "value.variant", "value.conflict", "text.changed",
         "text.paraphrase", "quote.mismatch", "quote.missing"]


def _f(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _ok(good: bool | None) -> str:
    return "" if good is None else (" ✅" if good else " ❌")


def render(results: list[SizeResult], machine: dict, seed: int) -> str:
    out = ["# claimcheck benchmark results", "",
           f"- date: {machine['date']}",
           f"- machine: {machine['platform']} ({machine['machine']}), {machine['cpus']} CPUs, "
           f"Python {machine['python']}",
           f"- claimcheck {machine['claimcheck']}, revision {machine['revision']}",
           f"- generator seed {seed}; {r.CLAIMS_PER_SOURCE} claims per file; regenerate with "
           f"`python -m bench --sizes {','.join(str(x.claims) for x in results)} --seed {seed}`",
           "- the benchmark reports, it does not assert: ✅/❌ mark figures against their targets", ""]
    out += (_scale(results) + _targets(results, machine.get("version_s", [])) + _baselines(results)
            + _accuracy(results) + _examples(results))
    return "\n".join(out) + "\n"


def _scale(results: list[SizeResult]) -> list[str]:
    rows = ["## Time and memory", "",
            "Stages are timed in one process through the public API (load_paths, attach_quotes, build_report's "
            "stats, RENDERERS['json']); *end to end* is `claimcheck diff DIR --format json --output FILE` in a "
            "subprocess, wall time and peak RSS (os.wait4); up to 100k claims it runs three times, above that "
            "twice, and the fastest time is shown (the largest peak; every time is listed below the table).", "",
            "| claims | files | entities | generate s | load s | quotes s | resolve s | align s | compare s "
            "| render s | stages peak MB | end to end s | end to end peak MB | exit | unique names | pairs scored "
            "| pairs / name |",
            "|" + "---:|" * 17]
    for x in results:
        s = x.stages
        names, pairs = s.get("unique_names"), s.get("pairs_scored")
        per = pairs / names if names and pairs is not None else None
        rows.append("| " + " | ".join([
            f"{x.claims:,}", f"{x.files:,}", f"{x.entities:,}", _f(x.generate_s), _f(s.get("load_s")),
            _f(s.get("quotes_s")), _f(s.get("resolve_s")), _f(s.get("align_s")), _f(s.get("compare_s")),
            _f(s.get("render_s")), _f(s.get("maxrss_mb"), 0), _f(x.e2e_s), _f(x.e2e_mb, 0),
            str(x.e2e_status if x.e2e_status is not None else "–"),
            f"{names:,}" if names is not None else "–", f"{pairs:,}" if pairs is not None else "–",
            _f(per, 1) + _ok(per <= r.TARGET_PAIRS_PER_NAME if per is not None else None)]) + " |")
    rows.append("\nEnd to end, every run (s), and before each in brackets the speed probe, one fixed piece of"
                " pure-Python work untouched by claimcheck (higher: the machine was slower at that moment): "
                + "; ".join(f"{x.claims:,}: " + ", ".join(
                    f"{t:.2f} [{p:.2f}]" for t, p in zip(x.e2e_runs, x.probes, strict=True))
                    for x in results if x.e2e_runs) + ".")
    for x in results:
        if x.paired:
            rows.append(f"\nPaired runs for the growth from {r.GROWTH[0]:,} to {x.claims:,} claims: the {r.GROWTH[0]:,}"
                        f" set end to end before, between and after the {x.claims:,} runs: "
                        + ", ".join(f"{t:.2f}" for t in x.paired) + " s.")
    rows.append("\nLoad average (1 min) before / after each size, a hint of other work on the machine: "
                + "; ".join(f"{x.claims:,}: {x.load_avg[0]:.1f} / {x.load_avg[1]:.1f}" for x in results)
                + f" ({r.os.cpu_count()} CPUs).")
    for x in results:
        if x.stages_error:
            rows.append(f"\n- {x.claims:,} claims: stage timing failed: `{x.stages_error}`")
        if x.e2e_error:
            rows.append(f"\n- {x.claims:,} claims: end to end: `{x.e2e_error}`")
        if x.stages.get("problems"):
            rows.append(f"\n- {x.claims:,} claims: {x.stages['problems']} load problems, e.g. "
                        f"`{x.stages['problem_examples'][0]}`")
    return rows + [""]


def _growth(results: list[SizeResult]) -> list[str]:
    """The growth row: the median of the paired ratios (each larger run against the smaller runs
    just before and after it); without pairs, fastest against fastest."""
    small, large = r.GROWTH
    e2e = {x.claims: (x, x.e2e_s) for x in results if x.e2e_s}
    if small not in e2e or large not in e2e:
        return []
    fastest = e2e[large][1] / e2e[small][1]
    pairs = e2e[large][0].growth_pairs()
    head = f"| end to end from {small:,} to {large:,} claims grows <= {r.TARGET_GROWTH:g}x"
    if not pairs:
        return [f"{head} (fastest runs) | {fastest:.1f}x{_ok(fastest <= r.TARGET_GROWTH)} |"]
    growth = statistics.median(pairs)
    return [f"{head} (runs paired in time, median) | {growth:.1f}x{_ok(growth <= r.TARGET_GROWTH)} (pairs: "
            f"{', '.join(f'{g:.1f}x' for g in pairs)}; fastest {large:,} run against fastest {small:,} run,"
            f" minutes apart: {fastest:.1f}x) |"]


def _targets(results: list[SizeResult], version_s: list[float]) -> list[str]:
    rows = ["## Targets", "", "| target | figure |", "|---|---|"]
    if version_s:
        rows.append(f"| `claimcheck --version` < {r.TARGET_VERSION_S:g} s | {min(version_s):.2f} s"
                    f"{_ok(min(version_s) < r.TARGET_VERSION_S)} (runs: {', '.join(f'{t:.2f}' for t in version_s)}) |")
    rows += _growth(results)
    for x in results:
        if x.claims in r.TARGET_E2E and x.e2e_s is not None:
            goal = r.TARGET_E2E[x.claims]
            rows.append(f"| {x.claims:,} claims in {x.files:,} files end to end <= {goal:g} s "
                        f"| {x.e2e_s:.1f} s{_ok(x.e2e_s <= goal)} |")
        if x.claims in r.TARGET_MEM_MB and x.e2e_mb is not None:
            goal = r.TARGET_MEM_MB[x.claims]
            rows.append(f"| {x.claims:,} claims peak memory <= {goal / 1024:g} GB "
                        f"| {x.e2e_mb / 1024:.2f} GB{_ok(x.e2e_mb <= goal)} |")
    for x in results:
        s = x.stages
        if s.get("unique_names"):
            per = s["pairs_scored"] / s["unique_names"]
            rows.append(f"| {x.claims:,} claims: <= {r.TARGET_PAIRS_PER_NAME} name pairs scored per unique name "
                        f"| {per:.1f}{_ok(per <= r.TARGET_PAIRS_PER_NAME)} |")
        b = s.get("blocking")
        if b and b["variants"]:
            share = b["reached"] / b["variants"]
            rows.append(f"| {x.claims:,} claims: >= {r.TARGET_BLOCKING} of injected name garbles reach the scorer "
                        f"| {b['reached']:,} of {b['variants']:,} ({share:.3f}){_ok(share >= r.TARGET_BLOCKING)} |")
    for x in results:
        if x.score is None:
            continue
        codes = [c for c in CODES if c in x.score.codes]
        low = [(c, v) for c in codes for v in (x.score.codes[c],)
               if (v.precision is not None and v.precision < r.TARGET_PR)
               or (v.recall is not None and v.recall < r.TARGET_PR)]
        rows.append(f"| {x.claims:,} claims: precision and recall >= {r.TARGET_PR} per code "
                    f"| {len(codes) - len(low)} of {len(codes)} codes meet it{_ok(not low)}"
                    + (f"; below: {', '.join(c for c, _ in low)}" if low else "") + " |")
        rows.append(f"| {x.claims:,} claims: no high-severity flag on a paraphrase "
                    f"| {x.score.paraphrase_high} of {x.score.paraphrases}{_ok(x.score.paraphrase_high == 0)} |")
    return rows + [""]


def _baselines(results: list[SizeResult]) -> list[str]:
    rows = ["## Baselines (same run)", "",
            "Load: a bare PyYAML C-loader load (`yaml.load(text, Loader=yaml.CSafeLoader)` over the same files, "
            "reading included) against claimcheck's `load_paths` (reading, safe parsing, validation); two "
            "interleaved runs each, the best of each.", "",
            f"| claims | PyYAML CSafeLoader s | claimcheck load s | ratio (target <= {r.TARGET_YAML_RATIO}) |",
            "|---:|---:|---:|---:|"]
    for x in results:
        s = x.stages
        if s.get("yaml_s") and s.get("load_s") is not None:
            ratio = s["load_s"] / s["yaml_s"]
            rows.append(f"| {x.claims:,} | {s['yaml_s']:.2f} | {s['load_s']:.2f} | "
                        f"{ratio:.2f}{_ok(ratio <= r.TARGET_YAML_RATIO)} |")
    for x in results:
        if not x.naive:
            continue
        match, resolve = x.stages.get("match_s"), x.stages.get("resolve_s")
        rows += ["", f"Names, {x.claims:,} claims, {x.naive[0]['names']:,} unique names as written, "
                 f"{x.naive[0]['pairs']:,} pairs: a naive all-pairs loop against claimcheck's name comparison "
                 "(`match_s`: choosing candidate pairs by blocking and scoring them) and against its whole "
                 "resolve stage (also building name groups, clustering and explaining merges).", "",
                 "| naive loop | naive s | how | claimcheck name comparison s | speed-up "
                 f"(target >= {r.TARGET_NAIVE_RATIO}x) | claimcheck resolve s | speed-up |",
                 "|---|---:|---|---:|---:|---:|---:|"]
        for n in x.naive:
            how = (f"{n['timed_pairs']:,} pairs in {n['timed_s']:.0f} s, extrapolated" if n["extrapolated"]
                   else "all pairs timed")
            loop = ("difflib `SequenceMatcher.ratio`" if n["scorer"] == "difflib"
                    else "rapidfuzz `fuzz.ratio`")
            cells = [loop, f"{n['seconds']:.2f}", how]
            for ours, mark in ((match, True), (resolve, False)):
                if ours:
                    ratio = n["seconds"] / ours
                    cells += [f"{ours:.2f}", f"{ratio:.1f}x" + (_ok(ratio >= r.TARGET_NAIVE_RATIO) if mark else "")]
                else:
                    cells += ["–", "–"]
            rows.append("| " + " | ".join(cells) + " |")
    return rows + [""]


def _accuracy(results: list[SizeResult]) -> list[str]:
    scored = [x for x in results if x.score]
    if not scored:
        return ["## Accuracy", "", "No report could be scored.", ""]
    rows = ["## Accuracy against the gold list", "",
            "Per code: precision / recall (gold entries, reported). Matching rule: bench/README.md. "
            "`–`: nothing to measure.", "",
            "| code | " + " | ".join(f"{x.claims:,} claims" for x in scored) + " |",
            "|---|" + "---|" * len(scored)]
    codes = [c for c in CODES if any(c in x.score.codes for x in scored)]
    codes += sorted({c for x in scored for c in x.score.codes} - set(codes))
    for c in codes:
        cells = []
        for x in scored:
            v = x.score.codes.get(c)
            if v is None:
                cells.append("–")
                continue
            ok = all(m is None or m >= r.TARGET_PR for m in (v.precision, v.recall))
            cells.append(f"{_pct(v.precision)} / {_pct(v.recall)} ({v.gold}, {v.found}){_ok(ok)}")
        rows.append(f"| {c} | " + " | ".join(cells) + " |")
    rows.append("| **all codes** | " + " | ".join(
        "{} / {}".format(*(_pct(m) for m in x.score.overall())) for x in scored) + " |")
    rows += ["", "Entity merges (pairs of (source, name as written) put in one entity) and guard rails:", "",
             "| | " + " | ".join(f"{x.claims:,} claims" for x in scored) + " |", "|---|" + "---|" * len(scored)]

    def line(label: str, fn) -> None:
        rows.append(f"| {label} | " + " | ".join(fn(x.score) for x in scored) + " |")

    line("merge precision / recall", lambda s: f"{_pct(s.merge_precision)} / {_pct(s.merge_recall)}"
         + _ok(all(m is not None and m >= r.TARGET_PR for m in (s.merge_precision, s.merge_recall))))
    line("pairs: right / reported / gold", lambda s: " / ".join(f"{n:,}" for n in s.merge_pairs))
    line("decoy pairs (similar names, different entities) merged", lambda s: f"{s.decoys_merged} of {s.decoys}")
    line("reported entities mixing several gold entities (largest: how many)",
         lambda s: f"{s.over_merged:,} ({s.largest_merge})")
    line("gold entities split over several reported entities", lambda s: f"{s.split:,}")
    line("gold names missing from `entities` / unknown names", lambda s: f"{s.items_missing} / {s.items_unknown}")
    line("false alarms on over-merged entities (values of several gold entities)",
         lambda s: f"{sum(c.false_merged for c in s.codes.values()):,} of "
                   f"{sum(c.found - c.found_ok for c in s.codes.values()):,} false alarms")
    line("gold entries missed on an entity the report merged with another",
         lambda s: f"{sum(c.missed_merged for c in s.codes.values()):,} of "
                   f"{sum(c.gold - c.gold_hit for c in s.codes.values()):,} misses")
    line("paraphrases flagged high (must be 0); on over-merged entities", lambda s: f"{s.paraphrase_high} of "
         f"{s.paraphrases}{_ok(s.paraphrase_high == 0)}; {s.paraphrase_high_merged}")
    line("benign name forms (order, honorific, surname alone) named as a name.variant's odd form",
         lambda s: str(s.benign_flagged))
    line("entities / discrepancies reported", lambda s: f"{s.entities:,} / {s.discrepancies:,}")
    return rows + [""]


def _examples(results: list[SizeResult]) -> list[str]:
    scored = [x for x in results if x.score]
    if not scored:
        return []
    x = scored[-1]
    s = x.score
    rows = [f"## Examples ({x.claims:,} claims)", ""]
    for code, v in s.codes.items():
        if v.missed or v.false or v.false_merge_examples:
            rows.append(f"### {code}")
            rows += [f"- missed: {m}" for m in v.missed]
            rows += [f"- false alarm: {_cut(m)}" for m in v.false]
            rows += [f"- false alarm on an over-merged entity: {_cut(m)}" for m in v.false_merge_examples[:2]]
            rows.append("")
    if s.decoy_examples or s.largest_merge > 1:
        rows += ["### over-merged entities", *[f"- decoys merged: {m}" for m in s.decoy_examples],
                 f"- the largest reported entity holds {s.largest_merge} gold entities: {_cut(s.largest_example)}", ""]
    if s.split_examples:
        rows += ["### split entities", f"- e.g. {', '.join(s.split_examples)}", ""]
    if s.paraphrase_examples:
        rows += ["### paraphrases flagged high", *[f"- {_cut(m)}" for m in s.paraphrase_examples], ""]
    if s.benign_examples:
        rows += ["### benign name forms named as odd", *[f"- {_cut(m)}" for m in s.benign_examples], ""]
    return rows


def _cut(text: str, width: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
