"""Helpers shared by the renderers: how values and places are written."""

from __future__ import annotations

from collections import Counter

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
