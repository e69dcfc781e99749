"""The Markdown report: ready to paste into a ticket or a CMS.

Cell text is escaped so that a `|`, a newline or HTML in a quote cannot
break a table or inject markup.
"""

from __future__ import annotations

import html
from itertools import groupby

from claimcheck.errors import printable
from claimcheck.records import Report
from claimcheck.render.common import facts_line, summary_line, value_text, verdict_text, verdicts, where


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    text = printable(html.escape(text, quote=False))
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    text = text.replace("[", "\\[").replace("]", "\\]")  # no links or images from user text
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def render(report: Report) -> str:
    out = ["# claimcheck report", "", cell(summary_line(report)), "",
           *([cell(facts_line(report)), ""] if report.coverage else []), "## Sources", "",
           "| id | publisher | kind | language | claims | file |", "|---|---|---|---|---|---|"]
    for s, n in zip(report.sources, report.claim_counts, strict=True):
        out.append(f"| {cell(s.id)} | {cell(s.publisher)} | {cell(s.kind)} | {cell(s.language)} | {n} "
                   f"| {cell(s.file)} |")
    out += ["", "## Discrepancies", ""]
    if not report.discrepancies:
        out.append("None found.")
    out += ["| severity | code | subject | predicate | message |", "|---|---|---|---|---|"] * bool(
        report.discrepancies)
    for d in report.discrepancies:
        out.append(f"| {d.severity.label} | `{d.code}` | {cell(d.subject)} | {cell(d.predicate or '(name)')} "
                   f"| {cell(d.message)} |")
    reviews = verdicts(report)
    by_subject = sorted(report.discrepancies, key=lambda d: (d.subject.lower(), d.sort_key()))
    for subject, items in groupby(by_subject, key=lambda d: d.subject):
        out += ["", f"### {cell(subject)}"]
        for d in items:
            out += ["", f"#### {d.severity.label}: `{d.code}` {cell(d.predicate or 'name')} ({d.id})", "",
                    cell(d.message), "", f"*Why:* {cell(d.why)}", ""]
            if d.id in reviews:
                out += [f"**Verdict:** {cell(verdict_text(reviews[d.id]))}", ""]
            if d.sides:  # the consensus and the odd ones side by side
                out += ["| side | value | wordings | sources | how it differs |", "|---|---|---|---|---|"]
                for side in d.sides:
                    how = f"`{side.code}` ({side.severity.label}): {cell(side.reason)}" if side.severity else ""
                    wordings = "; ".join(value_text(v) for v in side.values)
                    out.append(f"| **{side.role}** | {cell(value_text(side.value))} | {cell(wordings)} "
                               f"| {cell(', '.join(side.sources))} | {how} |")
                out.append("")
            if d.values:
                out += ["| source | as written | value | quote | where |", "|---|---|---|---|---|"]
                for v in d.values:
                    quote = f"{cell(v.quote)}" + (f" (text {v.quote_at})" if v.quote_at else "")
                    out.append(f"| {cell(v.source)} | {cell(v.subject)} | {cell(value_text(v.value))} | {quote} "
                               f"| {cell(where(v))} |")
    out += _facts(report)
    if report.stale:
        out += ["", "## Stale review entries", "",
                "Their discrepancy no longer exists; remove them from the review file.", ""]
        out += [f"- `{cell(r.id)}` ({cell(r.status)}, line {r.line})" for r in report.stale]
    if report.entities:
        out += ["", "## Entities", "", "| id | name | names used | why merged |", "|---|---|---|---|"]
        for e in report.entities:
            names = "; ".join(f"{n.source}: {n.name}" for n in e.names)
            out.append(f"| {e.id} | {cell(e.name)} | {cell(names)} | {cell(e.why)} |")
    return "\n".join(out) + "\n"


def _facts(report: Report) -> list[str]:
    """The facts that agree, those only one source states and those not compared, each named."""
    out: list[str] = []
    titles = {"not-compared": "Facts not compared (names kept apart; see entity.unresolved)",
              "agree": "Facts compared that agree", "single": "Facts only one source states"}
    for state, title in titles.items():
        rows = [c for c in report.coverage if c.status == state]
        if not rows:
            continue
        out += ["", f"## {title}", "", "| subject | predicate | sources |", "|---|---|---|"]
        out += [f"| {cell(c.subject)} | {cell(c.predicate)} | {cell(', '.join(c.present))} |" for c in rows]
    return out
