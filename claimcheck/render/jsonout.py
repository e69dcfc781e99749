"""The machine-readable report: one JSON document, schema_version 1 (a contract, see docs/claim-format.md)."""

from __future__ import annotations

import json

from claimcheck.records import Report, ReviewEntry, Side, Value
from claimcheck.render.common import fact_counts, severity_counts, verdicts


def _value(value: Value) -> object:
    return list(value) if isinstance(value, tuple) else value


def _review(entry: ReviewEntry | None) -> dict | None:
    if entry is None:
        return None
    return {"id": entry.id, "status": entry.status, "wrong_source": entry.wrong_source or None,
            "right_value": entry.right_value or None, "evidence": entry.evidence or None,
            "note": entry.note or None, "by": entry.by or None, "at": entry.at or None}


def _side(side: Side) -> dict:
    return {"role": side.role, "value": _value(side.value), "values": [_value(v) for v in side.values],
            "sources": list(side.sources), "code": side.code or None,
            "severity": side.severity.label if side.severity else None, "reason": side.reason or None}


def as_dict(report: Report) -> dict:
    reviews = verdicts(report)
    return {
        "schema_version": 1,
        "sources": [
            {"id": s.id, "file": s.file, "claims": n, "title": s.title, "publisher": s.publisher,
             "kind": s.kind, "language": s.language, "published": s.published, "url": s.url}
            for s, n in zip(report.sources, report.claim_counts, strict=True)
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type or None,
             "names": [{"source": n.source, "name": n.name} for n in e.names], "why": e.why}
            for e in report.entities
        ],
        "discrepancies": [
            {"id": d.id, "code": d.code, "severity": d.severity.label, "subject": d.subject,
             "predicate": d.predicate, "message": d.message, "why": d.why, "entity": d.entity,
             "review": _review(reviews.get(d.id)),
             "values": [
                 {"source": v.source, "subject": v.subject, "value": _value(v.value), "quote": v.quote,
                  "file": v.file, "line": v.line, "claim_id": v.claim_id or None, "quote_at": v.quote_at or None}
                 for v in d.values
             ],
             **({"sides": [_side(x) for x in d.sides]} if d.sides else {})}
            for d in report.discrepancies
        ],
        "coverage": [
            {"entity": c.entity, "subject": c.subject, "predicate": c.predicate,
             "present": list(c.present), "missing": list(c.missing), "status": c.status or None}
            for c in report.coverage
        ],
        "summary": severity_counts(report),
        "facts": fact_counts(report),
        "hidden": report.hidden,
        "stale": [_review(r) for r in report.stale],
    }


def render(report: Report) -> str:
    """The document with one record per line: easy to read and to diff, and written by
    json's C encoder (an indented dump goes through its pure-Python path, 5x slower)."""
    one = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": ")).encode
    parts = []
    for key, value in as_dict(report).items():
        if isinstance(value, list) and value:
            rows = ",\n".join("    " + one(item) for item in value)
            parts.append(f"  {one(key)}: [\n{rows}\n  ]")
        else:
            parts.append(f"  {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
