"""Deciding on discrepancies: one verdict at a time (`review --set`) or an interactive walk.

    report + review file -> open discrepancies -> ask -> decide -> save after each answer

The walk talks to the user only through two functions, `ask(prompt, choices)`
and `show(renderable)`, so that tests drive it with scripted answers;
`terminal()` makes the pair for a real terminal. User text is always shown
as rich Text (never markup), with control characters escaped.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from claimcheck.errors import UserError, printable
from claimcheck.records import Discrepancy, Report, ReviewEntry
from claimcheck.render.common import value_text, verdict_text, where
from claimcheck.triage.review import (
    STATUSES,
    clean,
    did_you_mean,
    fail_on_errors,
    involved,
    load_review,
    odd_scheme,
    save_review,
    valid_time,
)

Ask = Callable[[str, list[str]], str]
Show = Callable[[RenderableType], None]
DECISIONS = {"confirm": "confirmed", "accept": "accepted", "needs-work": "needs-work", "skip": "", "quit": ""}
LEGEND = ("confirm: it is an error (say which source and the right value); accept: not an error (hidden from"
          " now on); needs-work: decide later; skip; quit. A first letter is enough; each verdict is saved at once.")
_LIKELY = re.compile(r"most likely right: ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\Z")


def now_utc() -> str:
    """Now, in UTC, to the second: 2026-11-23T10:00:00Z."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_reviewer() -> str:
    """$USER (or $USERNAME), else git's user.name, else ""."""
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if name:
        return clean(name)
    try:
        done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return clean(done.stdout) if done.returncode == 0 else ""


def likely_value(d: Discrepancy, wrong_source: str = "") -> str:
    """The value most likely right: a name.variant's likely name, else the commonest value of the
    sources other than the wrong one ("" when there is none)."""
    m = _LIKELY.search(d.message)
    if d.code == "name.variant" and m:
        import ast

        return str(ast.literal_eval(m[1]))
    lead = next((side for side in d.sides if side.role == "consensus"), None)
    if lead is not None and wrong_source and wrong_source not in lead.sources:
        return value_text(lead.value)  # the consensus the odd source departs from
    others = Counter(value_text(v.value) for v in d.values if v.source != wrong_source)
    return others.most_common(1)[0][0] if others and wrong_source else ""


def likely_wrong(d: Discrepancy) -> str:
    """The source most likely wrong: the only one involved, or the only one writing a name.variant's
    odd form; "" when it is for the fact-checker to say."""
    sources = involved(d)
    if len(sources) == 1:
        return sources[0]
    lead = next((side for side in d.sides if side.role == "consensus"), None)
    if lead is not None:  # the one odd source against a consensus
        odd = {s for side in d.sides if side.role == "odd" for s in side.sources} - set(lead.sources)
        if len(odd) == 1:
            return next(iter(odd))
    if d.code == "name.variant":
        right = likely_value(d).casefold()
        odd = list(dict.fromkeys(v.source for v in d.values if value_text(v.value).casefold() != right))
        if len(odd) == 1:
            return odd[0]
    return ""


def find(report: Report, did: str) -> Discrepancy:
    """The discrepancy with id `did` (or a unique prefix of it, 5 characters or more); UserError otherwise."""
    did = did.strip().lower()
    hits = [d for d in report.discrepancies if d.id == did] or [
        d for d in report.discrepancies if len(did) >= 5 and d.id.startswith(did)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise UserError(f"{did!r} starts {len(hits)} ids ({', '.join(d.id for d in hits)}); give more of it")
    raise UserError(f"no discrepancy {did!r} in these claims{did_you_mean(did, [d.id for d in report.discrepancies])};"
                    " `claimcheck diff -f json` lists the ids")


def set_entry(entries: Iterable[ReviewEntry], entry: ReviewEntry) -> tuple[ReviewEntry, ...]:
    """`entries` with `entry` added, replacing any entry with its id; sorted by id."""
    return tuple(sorted([e for e in entries if e.id != entry.id] + [entry], key=lambda e: e.id))


def decide(report: Report, entries: Iterable[ReviewEntry], did: str, status: str, *, wrong_source: str = "",
           right_value: str | None = None, evidence: str = "", note: str = "", by: str = "",
           at: str = "") -> tuple[tuple[ReviewEntry, ...], ReviewEntry]:
    """Record a verdict (`claimcheck review --set`): check it, return the new entries and the entry.

    For `confirmed`, the wrong source defaults to `likely_wrong` and the right value to
    `likely_value` (pass right_value="" to leave it empty). `by` defaults to `default_reviewer()`,
    `at` to now. Raises UserError for an unknown id, status or source, a non-http link or a bad time.
    """
    d = find(report, did)
    status = clean(status).lower()
    status = {"confirm": "confirmed", "accept": "accepted"}.get(status, status)
    if status not in STATUSES:
        raise UserError(f"status {status!r} is not one of {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}")
    sources = involved(d)
    wrong_source = clean(wrong_source)
    if wrong_source and wrong_source not in sources:
        raise UserError(f"{wrong_source!r} is not one of the sources of {d.id}: {', '.join(sources)}"
                        f"{did_you_mean(wrong_source, sources)}")
    if status == "confirmed" and not wrong_source:
        wrong_source = likely_wrong(d)
        if not wrong_source:
            raise UserError(f"say which source is wrong: --wrong-source {' | '.join(sources)}")
    if right_value is None:
        right_value = likely_value(d, wrong_source) if status == "confirmed" else ""
    evidence = clean(evidence)
    if odd_scheme(evidence):
        raise UserError(f"evidence {evidence!r} is not an http:// or https:// link; give a URL or a note in words")
    at = clean(at) or now_utc()
    if not valid_time(at):
        raise UserError(f"{at!r} is not an ISO 8601 date-time such as 2026-11-23T10:00:00Z")
    entry = ReviewEntry(d.id, status, wrong_source, clean(right_value), evidence, clean(note),
                        clean(by) or default_reviewer(), at)
    return set_entry(entries, entry), entry


# -- the interactive walk ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a walk ended: verdicts written, discrepancies skipped, open ones not reached."""

    decided: int
    skipped: int
    left: int
    interrupted: bool = False  # Ctrl-C or end of input


def open_discrepancies(report: Report, entries: Iterable[ReviewEntry], revisit: bool = False) -> list[Discrepancy]:
    """The discrepancies without a verdict (and those marked needs-work, with `revisit`), most severe first."""
    done = {e.id for e in entries if not (revisit and e.status == "needs-work")}
    return sorted((d for d in report.discrepancies if d.id not in done), key=Discrepancy.sort_key)


def _t(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)


def card(d: Discrepancy, number: int, total: int, previous: ReviewEntry | None = None) -> RenderableType:
    """One discrepancy as the walk shows it: what, why, each source's value, quote and place."""
    rows: list[RenderableType] = [
        Text.assemble(_t(f"[{number}/{total}] ", "dim"), _t(d.severity.label, "bold"), " ", _t(d.code, "bold"),
                      _t(f"  {d.id}", "dim")),
        _t(d.message, "bold"),
    ]
    if d.why:
        rows.append(_t("why: " + d.why, "dim"))
    for v in d.values:
        rows.append(Padding(Text.assemble(_t(f"{v.source}: ", "bold"), _t(repr(value_text(v.value))),
                                          _t(f"  {where(v)}", "dim")), (0, 0, 0, 2), expand=False))
        if v.quote:
            rows.append(Padding(_t(f"\u201c{v.quote}\u201d", "italic"), (0, 0, 0, 4), expand=False))
    if previous:
        rows.append(_t("earlier verdict: " + verdict_text(previous), "yellow"))
    return Group(*rows)


def _choose(ask: Ask, show: Show, prompt: str, choices: list[str], default: str = "") -> str:
    """Ask until the answer is one of `choices` (or a unique start of one); Enter takes `default`."""
    while True:
        answer = clean(ask(prompt + (f" (Enter: {default})" if default else ""), choices)).lower()
        if not answer and default:
            return default
        hits = [c for c in choices if c == answer] or [c for c in choices if answer and c.startswith(answer)]
        if len(hits) == 1:
            return hits[0]
        show(_t(f"answer one of: {', '.join(choices)}", "red"))


def _text(ask: Ask, prompt: str, default: str = "") -> str:
    answer = clean(ask(prompt + (f" (Enter: {default!r})" if default else " (Enter: none)"), []))
    return answer or default


def _evidence(ask: Ask, show: Show) -> str:
    while True:
        answer = _text(ask, "evidence: a URL or a note")
        if not odd_scheme(answer):
            return answer
        show(_t(f"{answer!r} is not an http:// or https:// link; give a URL or a note in words", "red"))


def _verdict(report: Report, entries: tuple[ReviewEntry, ...], d: Discrepancy, status: str, ask: Ask, show: Show,
             by: str, at: str) -> tuple[tuple[ReviewEntry, ...], ReviewEntry]:
    """Ask what a verdict needs and record it."""
    wrong = right = evidence = ""
    if status == "confirmed":
        sources = list(involved(d))
        wrong = sources[0] if len(sources) == 1 else _choose(ask, show, "which source is wrong?", sources,
                                                               likely_wrong(d))
        right = _text(ask, "the right value", likely_value(d, wrong))
        evidence = _evidence(ask, show)
    note = _text(ask, "note")
    return decide(report, entries, d.id, status, wrong_source=wrong, right_value=right, evidence=evidence,
                  note=note, by=by, at=at)


def walk(report: Report, review_path: str, ask: Ask, show: Show, now: Callable[[], str] = now_utc, *,
         entries: Iterable[ReviewEntry] | None = None, by: str = "", revisit: bool = False,
         inputs: Iterable[str] = ()) -> Outcome:
    """Walk the open discrepancies of `report`, asking for a verdict on each.

    The review file is written (atomically) after every verdict, so Ctrl-C or the end of input loses
    at most the verdict being asked. `entries` are the review file's entries, already loaded (and
    its problems printed) by the caller; None: read them here (UserError, status 3, on errors).
    `inputs` are the files never to write over (the claim files).
    """
    inputs = tuple(inputs)
    if not os.path.isdir(os.path.dirname(os.path.abspath(review_path))):
        raise UserError(f"folder of {review_path!r} does not exist; create it first or give another --review")
    if os.path.realpath(review_path) in {os.path.realpath(p) for p in inputs}:
        raise UserError(f"{review_path} is one of the inputs; give another --review")
    if entries is None:
        entries, problems = load_review(review_path)
        fail_on_errors(review_path, problems)
    entries = tuple(entries)
    by = by or default_reviewer()
    todo = open_discrepancies(report, entries, revisit)
    previous = {e.id: e for e in entries}
    if not todo:
        show(_t("nothing to review: every discrepancy has a verdict", "green"))
        return Outcome(0, 0, 0)
    show(_t(LEGEND, "dim"))
    decided = skipped = 0
    try:
        for number, d in enumerate(todo, 1):
            show(card(d, number, len(todo), previous.get(d.id)))
            choice = _choose(ask, show, "decision", list(DECISIONS))
            if choice == "quit":
                break
            if choice == "skip":
                skipped += 1
                continue
            entries, entry = _verdict(report, entries, d, DECISIONS[choice], ask, show, by, now())
            entries = _merged(review_path, entries, entry)
            save_review(review_path, entries, report, inputs)
            decided += 1
            show(_t(f"saved {entry.id}: {verdict_text(entry)}", "green"))
    except (KeyboardInterrupt, EOFError):
        outcome = Outcome(decided, skipped, len(todo) - decided - skipped, True)
        show(_t(f"\nstopped: {_summary(outcome, review_path)}", "yellow"))
        return outcome
    outcome = Outcome(decided, skipped, len(todo) - decided - skipped)
    show(_t(_summary(outcome, review_path), "bold"))
    return outcome


def _merged(path: str, entries: tuple[ReviewEntry, ...], entry: ReviewEntry) -> tuple[ReviewEntry, ...]:
    """The file's entries as they are now (edited by hand or by another walk meanwhile) plus `entry`;
    the walk's own when the file is missing or cannot be read cleanly."""
    on_disk, problems = load_review(path)
    if not os.path.isfile(path) or any(p.severity == "error" for p in problems):
        return entries
    return set_entry(on_disk, entry)


def _summary(outcome: Outcome, path: str) -> str:
    more = " (run `claimcheck review` again to go on)" if outcome.left else ""
    return f"{outcome.decided} verdict(s) saved in {path}; {outcome.skipped} skipped; {outcome.left} left{more}"


def terminal(console: Console | None = None) -> tuple[Ask, Show]:
    """`ask` and `show` for a real terminal (stderr, so that stdout stays clean)."""
    console = console or Console(stderr=True, highlight=False, emoji=False, markup=False)

    def ask(prompt: str, choices: list[str]) -> str:
        hint = f" [{'/'.join(choices)}]" if choices else ""
        return console.input(Text.assemble(_t(prompt, "bold"), _t(hint, "dim"), ": "))

    def show(renderable: RenderableType) -> None:
        console.print(renderable)
        if isinstance(renderable, Group):
            console.print()

    return ask, show
