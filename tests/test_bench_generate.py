"""The benchmark's generator and scorer: deterministic, loadable, gold that points at real places."""

from __future__ import annotations

import hashlib
import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/ is not installed

from bench.generate import generate  # noqa: E402
from bench.score import score  # noqa: E402
from claimcheck.read.load import load_paths  # noqa: E402
from claimcheck.read.quotes import attach_quotes  # noqa: E402

SIZE = 1000
INJECTED = {"name.variant", "title.inflated", "title.conflict", "number.hedge", "number.conflict", "number.bound",
            "date.conflict", "date.overlap", "date.precision", "value.variant", "value.conflict", "text.changed",
            "quote.mismatch", "quote.missing"}


def _digest(root: str) -> str:
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = str(tmp_path_factory.mktemp("bench"))
    g = generate(root, SIZE, seed=3)
    with open(g.gold_path, encoding="utf-8") as fh:
        return g, json.load(fh)


def test_same_seed_same_bytes(tmp_path):
    a = generate(str(tmp_path / "a"), 600, seed=11)
    b = generate(str(tmp_path / "b"), 600, seed=11)
    c = generate(str(tmp_path / "c"), 600, seed=12)
    assert _digest(a.root) == _digest(b.root)
    assert _digest(a.root) != _digest(c.root)


def test_files_load_with_no_problems(small):
    g, gold = small
    claim_set = load_paths([g.claims_dir])
    assert claim_set.problems == ()
    assert len(claim_set.files) == g.sources == gold["sources"]
    assert sum(len(f.claims) for f in claim_set.files) == g.claims == SIZE


def test_quote_check_sees_exactly_the_injected_misquotes(small):
    g, gold = small
    claim_set = attach_quotes(load_paths([g.claims_dir]))
    found = sorted(p.code for p in claim_set.problems)
    expected = sorted(d["code"] for d in gold["discrepancies"] if d["code"].startswith("quote."))
    assert found == expected


def test_gold_points_at_existing_sources_and_entities(small):
    g, gold = small
    sources = {f[:-5] for f in os.listdir(g.claims_dir) if f.endswith(".yaml")}
    entities = {e["id"] for e in gold["entities"]}
    for entry in gold["discrepancies"] + gold["benign"]:
        assert entry["sources"] and set(entry["sources"]) <= sources, entry
        assert entry["entity"] in entities, entry
        assert set(entry.get("entities", ())) <= entities, entry
        for alt in entry.get("alt", ()):
            assert alt["entity"] in entities, entry
    for source, form, gid in gold["names"]:
        assert source in sources and gid in entities and form.strip()
    for a, b in gold["decoys"]:
        assert a in entities and b in entities and a != b


def test_gold_sources_write_what_gold_says(small):
    """Each gold name is written in its source's file; each garble's odd form is too."""
    g, gold = small
    text = {s: open(os.path.join(g.claims_dir, f"{s}.yaml"), encoding="utf-8").read() for s in
            {n[0] for n in gold["names"]}}
    for source, form, _gid in gold["names"]:
        assert json.dumps(form, ensure_ascii=False) in text[source]


def test_every_injected_kind_is_in_gold(small):
    _, gold = small
    codes = {d["code"] for d in gold["discrepancies"]}
    assert INJECTED <= codes
    assert any(b["code"] == "text.paraphrase" and b["expect"] == "not-high" for b in gold["benign"])
    assert gold["decoys"], "similar-named different entities must be present"
    shapes = {e["shape"] for e in gold["entities"]}
    assert {"zh", "ar", "sl", "en"} <= shapes


def test_scoring_gold_against_itself_is_perfect(small):
    """A report that says exactly what gold says scores 1.0 everywhere (the scorer's own check)."""
    _, gold = small
    by_gid: dict[str, list[dict]] = {}
    for source, form, gid in gold["names"]:
        by_gid.setdefault(gid, []).append({"source": source, "name": form})
    report = {"entities": [{"id": gid, "names": names} for gid, names in by_gid.items()], "discrepancies": []}
    for d in gold["discrepancies"]:
        if d["code"] == "name.variant":
            message = "; ".join(f"{s} writes 'x'" for s in d["sources"])
        else:
            message = "m"
        report["discrepancies"].append({
            "code": d["code"], "severity": "high", "entity": d["entity"], "predicate": d["predicate"],
            "message": message, "values": [{"source": s, "subject": ""} for s in d["sources"]]})
    s = score(gold, report)
    assert s.merge_precision == 1.0 and s.merge_recall == 1.0
    for code, cs in s.codes.items():
        assert (cs.precision, cs.recall) == (1.0, 1.0), code
    assert s.decoys_merged == 0 and s.paraphrase_high == 0


def test_scoring_counts_misses_and_false_alarms(small):
    _, gold = small
    entry = next(d for d in gold["discrepancies"] if d["code"] == "number.conflict")
    wrong = dict(entry, sources=["nowhere"])
    report = {"entities": [], "discrepancies": [
        {"code": "number.conflict", "severity": "high", "entity": entry["entity"], "predicate": entry["predicate"],
         "message": "m", "values": [{"source": s, "subject": ""} for s in wrong["sources"]]}]}
    cs = score(gold, report).codes["number.conflict"]
    assert cs.found == 1 and cs.found_ok == 0 and cs.gold_hit == 0


@pytest.mark.parametrize("old, expected", [
    ("", "# new\n"),  # no results yet
    ("# old\n", "# new\n"),  # no extract section to keep
    ("# old\n\n<!-- extract -->\nkept\n<!-- /extract -->\n", "# new\n\n<!-- extract -->\nkept\n<!-- /extract -->\n"),
])
def test_results_keep_the_extract_section(tmp_path, old, expected):
    """`python -m bench` rewrites results.md but keeps what `python -m bench.extract_score` wrote."""
    from bench.run import write_results

    path = tmp_path / "results.md"
    if old:
        path.write_text(old, encoding="utf-8")
    write_results(str(path), "# new\n")
    assert path.read_text(encoding="utf-8") == expected
    assert os.listdir(tmp_path) == ["results.md"]  # the temp file is gone


@pytest.mark.parametrize("paired, runs, fastest, expect", [
    # each 1M run against the mean of the 100k runs just before and after it; the median of those
    ([5.0, 6.0, 5.0], [66.0, 55.0], 4.0, "11.0x ✅ (pairs: 12.0x, 10.0x; fastest 1,000,000 run against fastest"
                                          " 100,000 run, minutes apart: 13.8x)"),
    ([4.0, 4.0, 4.0], [60.0, 52.0], 4.0, "14.0x ❌ (pairs: 15.0x, 13.0x;"),
    ([], [60.0], 5.0, "12.0x ✅"),  # no paired runs: fastest against fastest
])
def test_growth_is_measured_in_pairs(paired, runs, fastest, expect):
    """The 100k-to-1M growth compares runs made minutes apart only when no pairs were run."""
    from bench.report import _growth
    from bench.run import SizeResult

    small = SizeResult(100_000, 1_000, e2e_s=fastest, e2e_runs=[fastest])
    large = SizeResult(1_000_000, 10_000, e2e_s=min(runs), e2e_runs=runs, paired=paired)
    (row,) = _growth([small, large])
    assert row.startswith("| end to end from 100,000 to 1,000,000 claims grows <= 12x")
    assert ("(runs paired in time, median)" in row) == bool(paired)
    assert "| " + expect in row, row
