"""The review file: reading it (cases as data), writing it, deciding, and applying it to a report.

tests/cases/review/*.yaml are review files; each one's first line says what
loading it must report: `# expect: <code> <line>:<col> [<path>]`, or
`# expect: nothing`. tests/cases/review/claims/ is a small claim set with
three discrepancies.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checks import REGISTRY
from claimcheck.errors import Exit, UserError
from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import attach_quotes
from claimcheck.read.yamlsafe import Limits
from claimcheck.records import Report, ReviewEntry
from claimcheck.triage.review import (
    apply_review,
    check_review,
    default_path,
    dump_review,
    fail_on_errors,
    load_review,
    save_review,
)
from claimcheck.triage.walk import decide, likely_value, likely_wrong

ROOT = Path(__file__).parent.parent
HERE = Path(__file__).parent / "cases" / "review"
CASES = sorted(HERE.glob("*.yaml"))
_EXPECT = re.compile(r"#\s*expect:\s*(nothing|(\S+)\s+(\d+):(\d+)(?:\s+(\S+))?)")

# The problem codes of the review file, to be listed in claimcheck.checks.REGISTRY.
REVIEW_CODES = {
    "review.top-level": "error",
    "review.unknown-key": "error",
    "review.version": "error",
    "review.type": "error",
    "review.missing-key": "error",
    "review.id": "error",
    "review.status": "error",
    "review.duplicate-id": "error",
    "review.timestamp": "error",
    "review.evidence-url": "warning",
    "review.wrong-source": "warning",
}


def report_of(path: Path) -> Report:
    claim_set = attach_quotes(load_paths([str(path)]))
    assert [p for p in claim_set.problems if p.severity == "error"] == []
    return build_report(claim_set)


@pytest.fixture(scope="module")
def small() -> Report:
    return report_of(HERE / "claims")


def by_code(report: Report, code: str) -> str:
    return next(d.id for d in report.discrepancies if d.code == code)


# -- reading: cases as data ----------------------------------------------------


def expectation(path: Path) -> tuple[str, int, int, str] | None:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    m = _EXPECT.search(first)
    assert m, f"{path.name}: first line must be '# expect: ...'"
    return None if m[1] == "nothing" else (m[2], int(m[3]), int(m[4]), m[5] or "")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path) -> None:
    expected = expectation(case)
    entries, problems = load_review(str(case))
    got = [(p.code, p.pos.line, p.pos.col, p.path) for p in problems]
    if expected is None:
        assert got == []
        return
    code, line, col, path = expected
    assert code in REVIEW_CODES or code in REGISTRY, code
    assert (code, line, col, path) in got or (not path and any(g[:3] == (code, line, col) for g in got)), got
    assert all(str(p).startswith(f"{case}:") for p in problems)


def test_every_review_code_has_a_case() -> None:
    covered = {expectation(c)[0] for c in CASES if expectation(c)}  # type: ignore[index]
    assert set(REVIEW_CODES) - covered == {"review.wrong-source"}  # needs a report: tested below


def test_review_codes_match_the_registry_once_registered() -> None:
    registered = {c for c in REGISTRY if c.startswith("review.")}
    if registered:
        assert registered == set(REVIEW_CODES)
        assert all(REGISTRY[c].severity == s for c, s in REVIEW_CODES.items())


def test_ok_case_read_as_written() -> None:
    entries, problems = load_review(str(HERE / "ok.yaml"))
    assert problems == []
    first, second, third = sorted(entries, key=lambda e: e.line)
    assert first == ReviewEntry("cc-1a2b3c4d5e6f", "confirmed", "wapo-retranslated", "Xinjiang Jin",
                                "https://www.justice.gov/opa/pr/example", "machine translation garbled the name",
                                "ana", "2026-11-23T10:00:00Z", line=5)
    assert (second.status, second.at, second.by) == ("accepted", "2026-11-23", "")
    assert third.right_value == "39"  # a number kept as its written text


def test_missing_file_has_no_entries(tmp_path: Path) -> None:
    assert load_review(str(tmp_path / "review.yaml")) == ((), [])


def test_limits_apply(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text("version: 1\nreviews:\n" + "  - {id: cc-000000000001, status: accepted}\n" * 200)
    _, problems = load_review(str(path), Limits(max_bytes=1000))
    assert [p.code for p in problems] == ["file.too-large"]
    _, problems = load_review(str(path), Limits(max_nodes=100))
    assert [p.code for p in problems] == ["file.too-many-nodes"]


def test_errors_fail_and_warnings_pass() -> None:
    _, problems = load_review(str(HERE / "evidence-scheme.yaml"))
    fail_on_errors("x", problems)
    _, problems = load_review(str(HERE / "bad-status.yaml"))
    with pytest.raises(UserError) as exc:
        fail_on_errors("x", problems)
    assert exc.value.status == Exit.INPUT


def test_default_path() -> None:
    assert default_path(["claims"]) == os.path.join("claims", "review.yaml")
    assert default_path(["claims/a.yaml"]) == os.path.join("claims", "review.yaml")
    assert default_path(["a.yaml"]) == os.path.join(".", "review.yaml")
    assert default_path([]) == os.path.join("claims", "review.yaml")


# -- writing -----------------------------------------------------------------------


ENTRIES = (
    ReviewEntry("cc-bbbbbbbbbbbb", "accepted", note="same meaning", by="ana", at="2026-11-23T10:00:00Z"),
    ReviewEntry("cc-aaaaaaaaaaaa", "confirmed", "wire", "52", "https://example.org/x", "typo", "ana",
                "2026-11-23T10:01:00Z"),
)


def test_written_sorted_with_fixed_key_order() -> None:
    text = dump_review(ENTRIES, {"cc-aaaaaaaaaaaa": {"code": "number.conflict", "subject": "Ana Ruiz"}})
    body = text[text.index("version:"):]
    assert body == (
        "version: 1\nreviews:\n"
        "  - id: cc-aaaaaaaaaaaa\n    status: confirmed\n    code: number.conflict\n    subject: Ana Ruiz\n"
        "    wrong_source: wire\n    right_value: '52'\n    evidence: https://example.org/x\n    note: typo\n"
        "    by: ana\n    at: '2026-11-23T10:01:00Z'\n"
        "  - id: cc-bbbbbbbbbbbb\n    status: accepted\n    note: same meaning\n    by: ana\n"
        "    at: '2026-11-23T10:00:00Z'\n"
    )
    assert dump_review(()).endswith("version: 1\nreviews: []\n")


def test_save_is_atomic_and_never_over_an_input(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    save_review(str(path), ENTRIES)
    assert os.listdir(tmp_path) == ["review.yaml"]
    entries, problems = load_review(str(path))
    assert problems == []
    assert [dataclasses.replace(e, line=0) for e in entries] == sorted(ENTRIES, key=lambda e: e.id)
    claim = tmp_path / "a.yaml"
    claim.write_text("x")
    with pytest.raises(UserError):
        save_review(str(claim), ENTRIES, inputs=[str(claim)])
    assert claim.read_text() == "x"


def test_labels_kept_for_entries_whose_discrepancy_is_gone(tmp_path: Path, small: Report) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(dump_review(ENTRIES, {"cc-aaaaaaaaaaaa": {"code": "number.conflict", "subject": "Ana Ruiz"}}))
    save_review(str(path), ENTRIES, small)
    assert "subject: Ana Ruiz" in path.read_text()


def test_extension_keys_are_kept_and_comments_are_not(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text("version: 1\nreviews:\n  - id: cc-aaaaaaaaaaaa  # a comment\n    status: accepted\n"
                    "    x-ticket: 1234\n    'x-a: b': c\n    x-list: [1, 2]\n")
    entries, problems = load_review(str(path))
    assert problems == []
    save_review(str(path), [dataclasses.replace(entries[0], note="kept")])
    assert path.read_text().endswith("  - id: cc-aaaaaaaaaaaa\n    status: accepted\n    note: kept\n"
                                     "    'x-a: b': c\n    x-ticket: '1234'\n")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=(
    [chr(c) for c in range(0x20) if c not in (9, 10, 13)] + [chr(c) for c in range(0x7f, 0xa0)] + ["\ufffe", "\uffff"]
)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(note=_TEXT, right=_TEXT, by=_TEXT)
def test_any_text_reads_back_as_written(tmp_path_factory: pytest.TempPathFactory, note: str, right: str,
                                        by: str) -> None:
    path = tmp_path_factory.mktemp("rt") / "review.yaml"
    entry = ReviewEntry("cc-aaaaaaaaaaaa", "needs-work", right_value=right, note=note, by=by)
    save_review(str(path), [entry])
    entries, problems = load_review(str(path))
    assert [p for p in problems if p.severity == "error"] == []
    assert dataclasses.replace(entries[0], line=0) == entry


# -- deciding ----------------------------------------------------------------------


def test_decide_fills_defaults(small: Report) -> None:
    age = by_code(small, "number.conflict")
    entries, entry = decide(small, (), age, "confirmed", wrong_source="wire", by="ana", at="2026-11-23T10:00:00Z")
    assert entry == ReviewEntry(age, "confirmed", "wire", "52", "", "", "ana", "2026-11-23T10:00:00Z")
    assert entries == (entry,)
    entries, again = decide(small, entries, age[:8], "needs-work", note="ask the desk", by="bo")
    assert entries == (again,) and again.status == "needs-work" and re.fullmatch(r"\d{4}-.*Z", again.at)
    _, blank = decide(small, (), age, "confirm", wrong_source="wire", right_value="")
    assert blank.right_value == ""


@pytest.mark.parametrize(("args", "message"), [
    (("cc-ffffffffffff", "accepted"), "no discrepancy"),
    (("cc-", "accepted"), "no discrepancy"),
    (("{age}", "acepted"), "did you mean 'accepted'"),
    (("{age}", "confirmed", {"wrong_source": "wier"}), "did you mean 'wire'"),
    (("{age}", "confirmed", {"wrong_source": "wire", "evidence": "javascript:alert(1)"}), "not an http"),
    (("{age}", "accepted", {"at": "yesterday"}), "ISO 8601"),
])
def test_decide_refuses_mistakes(small: Report, args: tuple, message: str) -> None:
    did, status, *rest = args
    with pytest.raises(UserError, match=re.escape(message)):
        decide(small, (), did.format(age=by_code(small, "number.conflict")), status, **(rest[0] if rest else {}))


def test_confirmed_takes_the_odd_source_or_asks_for_it(small: Report) -> None:
    age = by_code(small, "number.conflict")
    _, entry = decide(small, (), age, "confirmed")  # the aggregator against the report: the odd one out
    assert (entry.wrong_source, entry.right_value) == ("wire", "52")
    tie = dataclasses.replace(small, discrepancies=tuple(
        dataclasses.replace(d, sides=()) if d.id == age else d for d in small.discrepancies))
    with pytest.raises(UserError, match=re.escape("--wrong-source daily | wire")):
        decide(tie, (), age, "confirmed")


def test_evidence_note_and_control_characters(small: Report) -> None:
    age = by_code(small, "number.conflict")
    _, entry = decide(small, (), age, "accepted", evidence="see: the minutes", note="bell\x07 \x1b[31mred ")
    assert (entry.evidence, entry.note) == ("see: the minutes", "bell [31mred")


def test_likely_wrong_and_value(small: Report) -> None:
    d = next(d for d in small.discrepancies if d.code == "number.conflict")
    assert likely_wrong(d) == "wire"  # the aggregator against the report: the odd one out
    assert likely_wrong(dataclasses.replace(d, sides=())) == ""  # two sources, no consensus: for the fact-checker
    assert likely_value(d, "wire") == "52" and likely_value(d, "daily") == "25"
    one = dataclasses.replace(d, values=d.values[1:], sides=())
    assert likely_wrong(one) == "wire"
    name = dataclasses.replace(d, code="name.variant", message="Zoom: wire writes 'Zom'; most likely right: 'Zoom'",
                               values=(dataclasses.replace(d.values[0], value="Zom"),
                                       dataclasses.replace(d.values[1], value="Zoom")))
    assert (likely_wrong(name), likely_value(name)) == ("wire", "Zoom")


def test_wrong_source_not_involved_is_a_warning(small: Report) -> None:
    age = by_code(small, "number.conflict")
    entries = (ReviewEntry(age, "confirmed", "tribune", line=7),)
    problems = check_review(small, entries, "review.yaml")
    assert [(p.code, p.pos.line, p.severity) for p in problems] == [("review.wrong-source", 7, "warning")]


# -- applying ----------------------------------------------------------------------


def test_apply_hides_accepted_attaches_verdicts_and_finds_stale(small: Report) -> None:
    age, title = by_code(small, "number.conflict"), by_code(small, "title.inflated")
    entries = (ReviewEntry(age, "confirmed", "wire", "52"), ReviewEntry(title, "accepted"),
               ReviewEntry("cc-000000000000", "accepted", line=9))
    shown = apply_review(small, entries)
    assert [d.id for d in shown.discrepancies] == [d.id for d in small.discrepancies if d.id != title]
    assert (shown.hidden, [e.id for e in shown.reviews], [e.id for e in shown.stale]) == (
        1, [age, title], ["cc-000000000000"])
    everything = apply_review(small, entries, show_all=True)
    assert everything.discrepancies == small.discrepancies and everything.hidden == 0
    assert apply_review(small, ()) == small


def test_verdicts_survive_an_added_claim_and_moved_lines(tmp_path: Path) -> None:
    """The review flow on the founding set: decide, add a claim, rerun: the verdicts stay attached."""
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    before = report_of(tmp_path / "claims")
    review = tmp_path / "claims" / "review.yaml"
    entries: tuple[ReviewEntry, ...] = ()
    for d in before.discrepancies[:3]:
        entries, _ = decide(before, entries, d.id, "accepted", note="seen", by="ana")
    for d in before.discrepancies[3:5]:
        entries, _ = decide(before, entries, d.id, "confirmed", wrong_source=d.values[-1].source, by="ana")
    save_review(str(review), entries, before)
    path = tmp_path / "claims" / "techtarget.yaml"
    extra = "  - {subject: Somebody Else, predicate: age, value: 70}\n"
    text = path.read_text().replace("claims:\n", "claims:\n" + extra, 1)
    path.write_text("# a comment that moves every line\n\n" + text)

    after = report_of(tmp_path / "claims")  # review.yaml in the folder is not read as a claim file
    loaded, problems = load_review(str(review))
    assert problems == [] and len(loaded) == 5
    shown = apply_review(after, loaded)
    assert shown.stale == ()
    assert {e.id for e in shown.reviews} == {e.id for e in entries}
    assert shown.hidden == 3
    accepted = {d.id for d in before.discrepancies[:3]}
    assert {d.id for d in shown.discrepancies} == {d.id for d in after.discrepancies} - accepted


def test_entry_goes_stale_when_its_discrepancy_is_fixed(tmp_path: Path, small: Report) -> None:
    shutil.copytree(HERE / "claims", tmp_path / "claims")
    age, title = by_code(small, "number.conflict"), by_code(small, "title.inflated")
    entries = (ReviewEntry(age, "confirmed", "wire", "52", line=4), ReviewEntry(title, "accepted", line=9))
    wire = tmp_path / "claims" / "wire.yaml"
    wire.write_text(wire.read_text().replace("value: 25", "value: 52"))
    shown = apply_review(report_of(tmp_path / "claims"), entries)
    assert [e.id for e in shown.stale] == [age]
    assert [e.id for e in shown.reviews] == [title]


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "review.yaml"
    os.mkfifo(fifo)
    entries, problems = load_review(str(fifo))
    assert entries == () and [p.code for p in problems] == ["file.unreadable"]
