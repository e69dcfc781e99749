"""Helpers shared by the renderers: how values and places are written."""

from __future__ import annotations

from collections import Counter

from claimcheck.compare.common import listing  # noqa: F401 - the renderers name sources with it
from claimcheck.records import Report, ReviewEntry, Severity, Sighting, Value


def value_text(value: Value) -> str:
    if isinstance(value, tuple):
        return "; ".join(value_text(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def where(s: Sighting) -> str:
    return f"{s.file}:{s.line}"


def severity_counts(report: Report) -> dict[str, int]:
    counts = Counter(d.severity.label for d in report.discrepancies)
    return {sev.label: counts.get(sev.label, 0) for sev in sorted(Severity, reverse=True)}


FACT_STATES = ("disputed", "agree", "single", "not-compared")


def fact_counts(report: Report) -> dict[str, int]:
    """Aligned claim groups by standing: disputed, compared and agree, stated by one source only,
    not compared (an entity kept apart states it too)."""
    counts = Counter(c.status for c in report.coverage)
    return {state: counts.get(state, 0) for state in FACT_STATES}


def facts_line(report: Report) -> str:
    """'12 facts compared: 3 disputed, 9 agree; 40 stated by one source only; 2 not compared (...)'."""
    n = fact_counts(report)
    line = (f"{n['disputed'] + n['agree']} facts compared by several sources: {n['disputed']} disputed, "
            f"{n['agree']} agree; {n['single']} stated by one source only")
    if n["not-compared"]:
        line += f"; {n['not-compared']} not compared (names kept apart: entity.unresolved)"
    return line


def summary_line(report: Report) -> str:
    counts = severity_counts(report)
    total = sum(counts.values())
    parts = ", ".join(f"{n} {label}" for label, n in counts.items())
    line = (f"{len(report.sources)} sources, {sum(report.claim_counts)} claims, {len(report.entities)} entities: "
            f"{total} discrepanc{'y' if total == 1 else 'ies'} ({parts})")
    if report.hidden:
        line += f"; {report.hidden} accepted hidden (--all shows them)"
    if report.stale:
        line += f"; {len(report.stale)} stale review entr{'y' if len(report.stale) == 1 else 'ies'}"
    return line


def verdicts(report: Report) -> dict[str, ReviewEntry]:
    """The fact-checker's verdict per discrepancy id."""
    return {r.id: r for r in report.reviews}


def verdict_text(entry: ReviewEntry) -> str:
    """A verdict in one line: 'confirmed: source-a is wrong; right value: X (evidence: URL)'."""
    parts = [entry.status]
    if entry.wrong_source:
        parts.append(f"{entry.wrong_source} is wrong")
    if entry.right_value:
        parts.append(f"right value: {entry.right_value}")
    if entry.evidence:
        parts.append(f"evidence: {entry.evidence}")
    if entry.note:
        parts.append(entry.note)
    if entry.by or entry.at:
        parts.append(" ".join(x for x in (f"by {entry.by}" if entry.by else "", entry.at) if x))
    return "; ".join(parts)
