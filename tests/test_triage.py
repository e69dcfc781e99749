"""The interactive walk, driven by scripted answers: what is asked, what is written, and when."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from rich.text import Text

from claimcheck.errors import Exit, UserError
from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import attach_quotes
from claimcheck.records import Report, ReviewEntry
from claimcheck.triage.review import load_review
from claimcheck.triage.walk import DECISIONS, Outcome, card, open_discrepancies, terminal, walk

HERE = Path(__file__).parent / "cases" / "review"
AT = "2026-11-23T10:00:00Z"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(attach_quotes(load_paths([str(HERE / "claims")])))


class Script:
    """`ask` answering from a list; an answer that is an exception class is raised instead."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[str, list[str]]] = []

    def __call__(self, prompt: str, choices: list[str]) -> str:
        self.asked.append((prompt, choices))
        answer = self.answers.pop(0)
        if isinstance(answer, type) and issubclass(answer, BaseException):
            raise answer()
        return str(answer() if callable(answer) else answer)


class Screen:
    """`show` that renders what it is given as a terminal would, and keeps the renderables."""

    def __init__(self) -> None:
        self.shown: list[RenderableType] = []
        self.console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard",
                               highlight=False, emoji=False, markup=False)

    def __call__(self, renderable: RenderableType) -> None:
        assert not isinstance(renderable, str), "user text must be shown as rich Text, never as a markup string"
        self.shown.append(renderable)
        self.console.print(renderable)

    @property
    def text(self) -> str:
        return self.console.file.getvalue()  # type: ignore[attr-defined]


def run(report: Report, path: Path, *answers: object, entries: tuple[ReviewEntry, ...] = (),
        now: Callable[[], str] = lambda: AT, **options: object) -> tuple[Outcome, Script, Screen]:
    ask, show = Script(*answers), Screen()
    outcome = walk(report, str(path), ask, show, now, entries=entries, by="ana", **options)  # type: ignore[arg-type]
    return outcome, ask, show


def saved(path: Path) -> list[ReviewEntry]:
    entries, problems = load_review(str(path))
    assert problems == []
    return [dataclasses.replace(e, line=0) for e in entries]


def test_walk_asks_in_order_of_severity_and_writes_each_verdict(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    todo = open_discrepancies(report, ())
    assert [d.code for d in todo] == ["number.conflict", "title.inflated", "number.hedge"]
    outcome, ask, show = run(
        report, path,
        "confirm", "wire", "", "https://daily.example/bridge", "the wire misread the age",  # age: Enter takes 52
        "a", "deputy and mayor both in the minutes",
        "needs-work", "",
    )
    assert outcome == Outcome(3, 0, 0)
    assert saved(path) == sorted([
        ReviewEntry(todo[0].id, "confirmed", "wire", "52", "https://daily.example/bridge", "the wire misread the age",
                    "ana", AT),
        ReviewEntry(todo[1].id, "accepted", note="deputy and mayor both in the minutes", by="ana", at=AT),
        ReviewEntry(todo[2].id, "needs-work", by="ana", at=AT),
    ], key=lambda e: e.id)
    prompts = [p for p, _ in ask.asked]
    assert prompts[0] == "decision" and ask.asked[0][1] == list(DECISIONS)
    assert ask.asked[1] == ("which source is wrong? (Enter: wire)", ["daily", "wire"])  # the odd one proposed
    assert prompts[2] == "the right value (Enter: '52')"
    assert "3 verdict(s) saved" in show.text
    text = path.read_text()
    assert "code: number.conflict" in text and "subject: Ana Ruiz" in text


def test_interrupted_on_the_third_question_keeps_the_first_two_answers(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    todo = open_discrepancies(report, ())
    outcome, ask, show = run(report, path, "accept", "", "needs-work", "later", KeyboardInterrupt)
    assert outcome == Outcome(2, 0, 1, interrupted=True)
    assert [(e.id, e.status) for e in saved(path)] == sorted([(todo[0].id, "accepted"), (todo[1].id, "needs-work")])
    assert [p for p, _ in ask.asked].count("decision") == 3
    assert "stopped: 2 verdict(s) saved" in show.text


def test_interrupted_inside_a_verdict_loses_only_that_one(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    outcome, _, _ = run(report, path, "accept", "", "confirm", "daily", "", KeyboardInterrupt)
    assert outcome.interrupted and outcome.decided == 1
    assert [e.status for e in saved(path)] == ["accepted"]


def test_end_of_input_stops_like_ctrl_c(report: Report, tmp_path: Path) -> None:
    outcome, _, _ = run(report, tmp_path / "review.yaml", EOFError)
    assert outcome == Outcome(0, 0, 3, interrupted=True)
    assert not (tmp_path / "review.yaml").exists()


def test_skip_quit_and_the_next_run_sees_only_what_is_left(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    outcome, _, _ = run(report, path, "skip", "accept", "ok", "quit")
    assert outcome == Outcome(1, 1, 1)
    entries, _ = load_review(str(path))
    left = open_discrepancies(report, entries)
    assert len(left) == 2
    outcome, ask, _ = run(report, path, "q", entries=entries)
    assert outcome == Outcome(0, 0, 2)
    outcome, ask, show = run(report, path, "accept", "", "accept", "", entries=entries)
    assert outcome == Outcome(2, 0, 0)
    entries, _ = load_review(str(path))
    assert len(entries) == 3
    outcome, ask, show = run(report, path, entries=entries)
    assert outcome == Outcome(0, 0, 0) and ask.asked == [] and "nothing to review" in show.text


def test_revisit_walks_needs_work_again_and_shows_the_earlier_verdict(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    todo = open_discrepancies(report, ())
    entries = (ReviewEntry(todo[0].id, "needs-work", note="ask the desk", by="bo", at=AT),
               ReviewEntry(todo[1].id, "accepted", by="bo", at=AT))
    assert [d.id for d in open_discrepancies(report, entries)] == [todo[2].id]
    assert [d.id for d in open_discrepancies(report, entries, revisit=True)] == [todo[0].id, todo[2].id]
    outcome, _, show = run(report, path, "confirm", "wire", "52", "", "", "quit", entries=entries, revisit=True)
    assert outcome == Outcome(1, 0, 1)
    assert "earlier verdict: needs-work; ask the desk; by bo" in show.text
    assert {e.id: e.status for e in saved(path)} == {todo[0].id: "confirmed", todo[1].id: "accepted"}


def test_bad_answers_are_asked_again(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    outcome, ask, show = run(report, path, "maybe", "", "c", "nobody", "w", "fifty-two",
                             "javascript:alert(1)", "file:///etc/passwd", "see: the minutes", "", "quit")
    assert outcome.decided == 1
    [entry] = saved(path)
    assert (entry.wrong_source, entry.right_value, entry.evidence) == ("wire", "fifty-two", "see: the minutes")
    assert show.text.count("answer one of:") == 3
    assert show.text.count("is not an http:// or https:// link") == 2


def test_user_text_is_never_markup_and_control_characters_are_escaped(report: Report) -> None:
    d = open_discrepancies(report, ())[0]
    assert "[bold red]cut[/]" in next(v.quote for v in d.values if v.source == "wire")
    d = dataclasses.replace(d, message=d.message + " \x1b[2J\u202eevil", why="[link=https://x.example]click[/link]")
    screen = Screen()
    screen(card(d, 1, 1))
    assert "[bold red]cut[/]" in screen.text and "[link=https://x.example]click[/link]" in screen.text
    assert "\x1b[2J" not in screen.text and "\\u001b[2J" in screen.text and "\\u202e" in screen.text
    assert "\u202e" not in screen.text


def test_terminal_ask_and_show(monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=80, highlight=False, emoji=False, markup=False)
    ask, show = terminal(console)
    monkeypatch.setattr("builtins.input", lambda prompt="": "accept")
    assert ask("the right value (Enter: '[b]x[/b]')", ["confirm", "accept"]) == "accept"
    show(Text("[red]shown as written[/red]"))
    out = buf.getvalue()
    assert "the right value (Enter: '[b]x[/b]') [confirm/accept]: " in out
    assert "[red]shown as written[/red]" in out


def test_edits_made_to_the_file_during_the_walk_are_kept(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    todo = open_discrepancies(report, ())

    def edit_by_hand() -> str:
        text = path.read_text().replace("    by: ana\n", "    by: ana\n    note: added by hand\n")
        path.write_text(text + "  - id: cc-000000000000\n    status: accepted\n")
        return "accept"

    outcome, _, _ = run(report, path, "accept", "", edit_by_hand, "", "quit")
    assert outcome.decided == 2
    assert [(e.id, e.note) for e in saved(path)] == sorted(
        [("cc-000000000000", ""), (todo[0].id, "added by hand"), (todo[1].id, "")])


def test_reads_the_review_file_itself_when_not_given_entries(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    run(report, path, "accept", "", "quit")
    ask, show = Script("quit"), Screen()
    outcome = walk(report, str(path), ask, show, lambda: AT)
    assert outcome == Outcome(0, 0, 2)
    path.write_text("version: 1\nreviews:\n  - id: cc-000000000000\n    stauts: accepted\n")
    with pytest.raises(UserError) as exc:
        walk(report, str(path), Script(), Screen(), lambda: AT)
    assert exc.value.status == Exit.INPUT


def test_refuses_an_unwritable_review_path_before_asking(report: Report, tmp_path: Path) -> None:
    claim = tmp_path / "a.yaml"
    claim.write_text("x")
    for path, inputs in ((tmp_path / "no" / "review.yaml", ()), (claim, (str(claim),))):
        ask = Script()
        with pytest.raises(UserError):
            walk(report, str(path), ask, Screen(), lambda: AT, entries=(), inputs=inputs)
        assert ask.asked == []
    assert claim.read_text() == "x"
