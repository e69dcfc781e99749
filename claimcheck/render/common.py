"""Helpers shared by the renderers: how values and places are written."""

from __future__ import annotations

from collections import Counter

from claimcheck.records import Report, Severity, Sighting, Value


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
    return (f"{len(report.sources)} sources, {sum(report.claim_counts)} claims, {len(report.entities)} entities: "
            f"{total} discrepanc{'y' if total == 1 else 'ies'} ({parts})")
