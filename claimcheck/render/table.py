"""The terminal report (rich): discrepancies grouped by entity, readable at 80 columns.

User text is always handed to rich as Text (never parsed as markup), with
control characters escaped, and without emoji or highlighting.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from claimcheck.errors import printable
from claimcheck.records import Discrepancy, Report, Sighting
from claimcheck.render.common import facts_line, listing, summary_line, value_text, verdict_text, verdicts, where

STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def _t(text: str, style: str = "") -> Text:
    return Text(printable(text).replace("\n", " "), style=style)


def render(report: Report, width: int = 80, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, emoji=False, markup=False, soft_wrap=False)
    reviews = verdicts(report)
    console.print(_t(summary_line(report), "bold"))  # the verdict first: a reader may stop here
    if report.coverage:
        console.print(_t(facts_line(report), "dim"))
    console.print()
    items = sorted(report.discrepancies, key=lambda d: (d.subject.lower(), d.sort_key()))
    for subject, group in groupby(items, key=lambda d: d.subject):
        console.print(_t(subject, "bold underline"))
        for d in group:
            head = Text.assemble(_t(f"{d.severity.label:<6} ", STYLES[d.severity.label]), _t(d.code, "bold"),
                                 _t(f"  {d.predicate or 'name'}", "dim"), _t(f"  {d.id}", "dim"))
            console.print(Padding(head, (0, 0, 0, 2), expand=False))
            console.print(Padding(_t(d.message), (0, 0, 0, 4), expand=False))
            if d.why:
                console.print(Padding(_t("why: " + d.why, "dim"), (0, 0, 0, 4), expand=False))
            if d.id in reviews:
                verdict = _t("verdict: " + verdict_text(reviews[d.id]), "bold green")
                console.print(Padding(verdict, (0, 0, 0, 4), expand=False))
            if d.sides:
                _sides(console, d)
            else:
                for v in d.values:
                    _sighting(console, v, 6)
        console.print()
    for entry in report.stale:
        console.print(_t(f"stale review entry {entry.id} (line {entry.line}): its discrepancy no longer exists",
                         "yellow"))
    console.print(_t(summary_line(report), "bold"))
    return _trim(buf.getvalue())


SHOWN = {"consensus": 2, "odd": 4}  # sightings printed per side; the rest are counted


def _sides(console: Console, d: Discrepancy) -> None:
    """Each side: its value and sources at a glance, then a few sightings with their quotes."""
    for side in d.sides:
        label = side.role + (f" ({side.code}, {side.severity.label})" if side.code and side.severity else "")
        line = Text.assemble(_t(f"{label}: ", "bold"), _t(repr(value_text(side.value))),
                             _t(f"  {listing(side.sources)}", "dim"))
        console.print(Padding(line, (0, 0, 0, 4), expand=False))
        mine = [v for v in d.values if v.source in side.sources and v.value in side.values]
        for v in mine[:SHOWN[side.role]]:
            _sighting(console, v, 6)
        if len(mine) > SHOWN[side.role]:
            console.print(Padding(_t(f"and {len(mine) - SHOWN[side.role]} more", "dim"), (0, 0, 0, 6), expand=False))


def _sighting(console: Console, v: Sighting, indent: int) -> None:
    line = Text.assemble(_t(f"{v.source}: ", "bold"), _t(repr(value_text(v.value))), _t(f"  {where(v)}", "dim"))
    console.print(Padding(line, (0, 0, 0, indent), expand=False))
    if v.quote:
        console.print(Padding(_t(f"\u201c{v.quote}\u201d", "italic"), (0, 0, 0, indent + 2), expand=False))


def _trim(text: str) -> str:
    """No trailing blanks: rich pads wrapped lines to the full width."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def render_entities(report: Report, width: int = 80, color: bool = False) -> str:
    """`claimcheck entities`: each resolved entity, every name each source used, and why they merged."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, emoji=False, markup=False)
    for e in report.entities:
        console.print(Text.assemble(_t(f"{e.id} ", "dim"), _t(e.name, "bold"), _t(f"  {e.type}" if e.type else "")))
        for source, uses in groupby(e.names, key=lambda n: n.source):
            line = _t(f"{source}: " + ", ".join(repr(n.name) for n in uses))
            console.print(Padding(line, (0, 0, 0, 2), expand=False))
        if e.why:
            console.print(Padding(_t("why: " + e.why, "dim"), (0, 0, 0, 2), expand=False))
    console.print(_t(f"{len(report.entities)} entities", "bold"))
    return _trim(buf.getvalue())
