"""The matcher end to end: small claim sets as data, the founding set, stable ids.

tests/cases/diff/<case>/ holds claim files; tests/cases/diff-expect.yaml says per case:
  flag: discrepancies that must be found ({code, subject, predicate, sources} must all match)
  not:  patterns that must not match any discrepancy ({code}, {severity}, {predicate})
  a pattern's `consensus` / `odd`: exactly the sources on that side (or sides) of a disputed fact;
  `one_per_fact: true`: no two discrepancies share an entity and a predicate
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from claimcheck.checks import REGISTRY
from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import attach_quotes
from claimcheck.records import Report
from claimcheck.render import RENDERERS

ROOT = Path(__file__).parent.parent
CASES = sorted(p for p in (Path(__file__).parent / "cases" / "diff").iterdir() if p.is_dir())
EXPECT = yaml.safe_load((Path(__file__).parent / "cases" / "diff-expect.yaml").read_text())


def report_of(*paths: Path, missing: bool = False) -> Report:
    claim_set = attach_quotes(load_paths([str(p) for p in paths]))
    assert [p for p in claim_set.problems if p.severity == "error"] == []
    return build_report(claim_set, missing=missing)


def matches(d, pattern: dict) -> bool:
    if "code" in pattern and d.code != pattern["code"]:
        return False
    if "severity" in pattern and d.severity.label != pattern["severity"]:
        return False
    if "subject" in pattern and d.subject != pattern["subject"]:
        return False
    if "predicate" in pattern and d.predicate != pattern["predicate"]:
        return False
    for role in ("consensus", "odd"):  # the sources on that side (or sides) of a disputed fact
        if role in pattern and set(pattern[role]) != {s for side in d.sides if side.role == role for s in side.sources}:
            return False
    return "sources" not in pattern or set(pattern["sources"]) <= {v.source for v in d.values}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path) -> None:
    expect = EXPECT[case.name]
    report = report_of(case)
    found = [(d.code, d.severity.label, d.subject, d.predicate, d.message) for d in report.discrepancies]
    for pattern in expect["flag"]:
        assert any(matches(d, pattern) for d in report.discrepancies), (pattern, found)
    for pattern in expect["not"]:
        assert not any(matches(d, pattern) for d in report.discrepancies), (pattern, found)
    if expect.get("one_per_fact"):
        facts = [(d.entity, d.predicate) for d in report.discrepancies if d.predicate]
        assert len(facts) == len(set(facts)), found


def test_every_report_check_has_a_case() -> None:
    """Each discrepancy code is exercised by a must-flag case here or in the value-comparison cases."""
    codes = set()
    for expect in EXPECT.values():
        codes |= {p["code"] for p in expect["flag"] if "code" in p}
    for path in (Path(__file__).parent / "cases" / "compare").glob("*.yaml"):
        codes |= {c.get("expect") for c in yaml.safe_load(path.read_text())}
    codes |= {"quote.mismatch", "quote.missing", "coverage.missing"}  # tested below
    discrepancy_codes = {c for c, check in REGISTRY.items() if not check.is_file_check}
    assert discrepancy_codes - codes == set()


@pytest.fixture(scope="module")
def founding() -> Report:
    return report_of(ROOT / "claims")


def _find(report: Report, code: str, *words: str):
    return [d for d in report.discrepancies
            if d.code == code and all(w in d.message + " " + json.dumps([str(v.value) for v in d.values])
                                      for w in words)]


FOUNDING_FLAGS = [
    ("Jin's title differs: executive against chief executive", "title.inflated", ("executive", "chief executive")),
    ("Jin's title differs: executive against CEO", "title.inflated", ("CEO",)),
    ("'Jane' for Jin", "name.variant", ("Jane",)),
    ("'Julian Jane' for Jin", "name.variant", ("Julian Jane",)),
    ("'Zom' for Zoom", "name.variant", ("Zom",)),
    ("'WebX' for WebEx", None, ("WebX",)),
    ("'Justice Ministry' for Justice Department", None, ("Justice Ministry",)),
]


@pytest.mark.parametrize(("what", "code", "words"), FOUNDING_FLAGS, ids=[f[0] for f in FOUNDING_FLAGS])
def test_founding_flags(founding: Report, what: str, code: str | None, words: tuple[str, ...]) -> None:
    codes = [code] if code else ["name.variant", "value.variant", "source.inconsistent"]
    assert any(_find(founding, c, *words) for c in codes), what


def test_founding_no_high_alarm_between_agreeing_values(founding: Report) -> None:
    for d in founding.discrepancies:
        values = {str(v.value) for v in d.values}
        assert not (d.severity.label == "high" and values == {"at least four", "at least 4"}), d


def test_jin_resolved_across_sources(founding: Report) -> None:
    jin = [e for e in founding.entities if any(n.name == "Xinjiang Jin" for n in e.names)]
    assert len(jin) == 1
    forms = {(n.source, n.name) for n in jin[0].names}
    assert {("techtarget", "Xinjiang Jin"), ("wapo-retranslated", "Jane")} <= forms
    assert jin[0].why


def test_json_matches_contract(founding: Report) -> None:
    doc = json.loads(RENDERERS["json"](founding))
    assert doc["schema_version"] == 1
    assert {"id", "file", "claims"} <= set(doc["sources"][0])
    assert {"id", "name", "type", "names", "why"} <= set(doc["entities"][0])
    for d in doc["discrepancies"]:
        assert {"id", "code", "severity", "subject", "predicate", "message", "why", "values"} <= set(d)
        assert d["severity"] in ("high", "medium", "low")
        for v in d["values"]:
            assert {"source", "subject", "value", "quote", "file", "line"} <= set(v)


def test_ids_stable_when_unrelated_claims_added_and_lines_move(tmp_path: Path, founding: Report) -> None:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    path = tmp_path / "claims" / "techtarget.yaml"
    text = path.read_text()
    extra = "  - {subject: Somebody Else, predicate: age, value: 70}\n"
    text = text.replace("claims:\n", "claims:\n" + extra, 1)
    path.write_text("# a comment that moves every line\n\n" + text)
    after = report_of(tmp_path / "claims")
    assert {d.id for d in founding.discrepancies} <= {d.id for d in after.discrepancies}


def test_quotes_and_coverage(tmp_path: Path) -> None:
    report = report_of(ROOT / "tests" / "cases" / "cli" / "misquote", missing=True)
    codes = {d.code for d in report.discrepancies}
    assert {"quote.mismatch", "quote.missing"} <= codes
    pair = report_of(ROOT / "tests" / "cases" / "diff" / "hedge-agree", missing=True)
    rows = [d for d in pair.discrepancies if d.code == "coverage.missing"]
    assert any(d.predicate == "budget" and "c" in d.message for d in rows)
