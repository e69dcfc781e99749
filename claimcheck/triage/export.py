"""Confirmed errors as schema.org ClaimReview (JSON-LD), for fact-check markup and aggregators.

    report + review entries + [export] config -> one ClaimReview per confirmed error -> JSON array

Each ClaimReview names the claim as the wrong source worded it (its quote,
else its value), the source (publisher and URL) that made it, the verdict in
words (reviewRating.alternateName, from data/claimreview.yaml) and the
checking organization from claimcheck.toml's [export] section.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from claimcheck.errors import UserError
from claimcheck.records import Discrepancy, Report, ReviewEntry, Sighting, Source
from claimcheck.render.common import value_text
from claimcheck.tables import DEFAULT, Tables
from claimcheck.triage.review import did_you_mean, evidence_url, valid_time

CONTEXT = "https://schema.org"
# [export] keys in claimcheck.toml: name -> (required, type, meaning)
ORG_KEYS: dict[str, tuple[bool, type, str]] = {
    "organization": (True, str, "the checking organization's name (author of every ClaimReview)"),
    "url": (True, str, "its home page, http(s)"),
    "review_url": (False, str, "where the reviews are published; {id} is replaced by the discrepancy id,"
                   " else '#<id>' is appended (default: url + '#<id>')"),
    "language": (False, str, "inLanguage of the reviews, a BCP 47 tag such as 'en'"),
    "rating_value": (False, int, "reviewRating.ratingValue given to every confirmed error"),
    "best_rating": (False, int, "reviewRating.bestRating"),
    "worst_rating": (False, int, "reviewRating.worstRating"),
}
_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def check_org(org: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Problems of an [export] section as (key, message), for config.py to place at file:line."""
    out = []
    for key, value in org.items():
        if key not in ORG_KEYS:
            hint = did_you_mean(key, ORG_KEYS) or f"; known keys: {', '.join(ORG_KEYS)}"
            out.append((key, f"unknown [export] key {key!r}{hint}"))
        elif not isinstance(value, ORG_KEYS[key][1]) or isinstance(value, bool):
            out.append((key, f"[export] {key} must be a {ORG_KEYS[key][1].__name__}"))
        elif key in ("url", "review_url") and not evidence_url(str(value).replace("{id}", "x")):
            out.append((key, f"[export] {key} {value!r} must be an http:// or https:// link"))
    return out


def _require(org: Mapping[str, Any]) -> None:
    problems = check_org(org) + [(k, f"[export] {k} is required: {meaning}")
                                 for k, (required, _, meaning) in ORG_KEYS.items() if required and not org.get(k)]
    if problems:
        raise UserError("claimcheck.toml: " + "; ".join(m for _, m in problems)
                        + ' (e.g. [export] organization = "Example Checks", url = "https://example.org")')


def confirmed_errors(report: Report, entries: Iterable[ReviewEntry]
                     ) -> tuple[list[tuple[ReviewEntry, Discrepancy]], list[str]]:
    """The confirmed verdicts that can be exported, with their discrepancy, and why others cannot."""
    by_id = {d.id: d for d in report.discrepancies}
    out, skipped = [], []
    for e in sorted(entries, key=lambda e: e.id):
        if e.status != "confirmed":
            continue
        d = by_id.get(e.id)
        if d is None:
            skipped.append(f"{e.id}: its discrepancy no longer exists (stale); not exported")
        elif not e.wrong_source or not any(v.source == e.wrong_source for v in d.values):
            skipped.append(f"{e.id}: no wrong_source among its sources; say which source is wrong to export it")
        else:
            out.append((e, d))
    return out, skipped


def _wrong_sighting(d: Discrepancy, entry: ReviewEntry) -> Sighting:
    """The wrong source's sighting, preferring one whose value is not the right one."""
    mine = [v for v in d.values if v.source == entry.wrong_source]
    right = entry.right_value.casefold()
    return next((v for v in mine if value_text(v.value).casefold() != right), mine[0])


def verdict_words(d: Discrepancy, entry: ReviewEntry, tables: Tables = DEFAULT) -> str:
    """The verdict in words, e.g. "Incorrect: the name is 'Ann Roe'"."""
    table = tables.get("claimreview")
    kind = "with_value" if entry.right_value else "without_value"
    words = table.get(kind) or {}
    template = str(words.get(d.code) or words.get("default") or "Incorrect")
    for name, value in (("{what}", d.predicate or "name"), ("{subject}", d.subject), ("{right}", entry.right_value)):
        template = template.replace(name, value)
    return template


def _review_url(org: Mapping[str, Any], did: str) -> str:
    base = str(org.get("review_url") or org["url"])
    if "{id}" in base:
        return base.replace("{id}", did)
    return base + did if base.endswith(("#", "/")) else f"{base}#{did}"


def claim_review(d: Discrepancy, entry: ReviewEntry, sources: Mapping[str, Source], org: Mapping[str, Any],
                 tables: Tables = DEFAULT) -> dict[str, Any]:
    """One ClaimReview (a dict in schema.org's vocabulary) for one confirmed error."""
    sighting = _wrong_sighting(d, entry)
    source = sources.get(entry.wrong_source)
    publisher = (source.publisher or source.title or source.id) if source else entry.wrong_source
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if source and evidence_url(source.url):
        appearance["url"] = source.url
    if source and source.title:
        appearance["headline"] = source.title
    claim: dict[str, Any] = {"@type": "Claim", "author": {"@type": "Organization", "name": publisher},
                             "appearance": appearance}
    if source and source.published:
        claim["datePublished"] = source.published
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict_words(d, entry, tables)}
    for key, prop in (("rating_value", "ratingValue"), ("best_rating", "bestRating"), ("worst_rating", "worstRating")):
        if key in org:
            rating[prop] = org[key]
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": _review_url(org, d.id),
        "claimReviewed": sighting.quote or value_text(sighting.value),
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": org["organization"], "url": org["url"]},
    }
    if entry.at and valid_time(entry.at):
        review["datePublished"] = entry.at[:10]
    if org.get("language"):
        review["inLanguage"] = org["language"]
    return review


def export_claimreview(report: Report, entries: Iterable[ReviewEntry], sources: Iterable[Source],
                       org: Mapping[str, Any], tables: Tables = DEFAULT) -> str:
    """The confirmed errors as a JSON array of ClaimReview objects, each with "@context": "https://schema.org".

    `org` is claimcheck.toml's [export] section (UserError when incomplete). The text is safe to
    paste inside an HTML <script type="application/ld+json"> element: <, > and & are escaped.
    Verdicts that cannot be exported are listed by `confirmed_errors`.
    """
    _require(org)
    by_id = {s.id: s for s in sources}
    items = [claim_review(d, e, by_id, org, tables) for e, d in confirmed_errors(report, entries)[0]]
    text = json.dumps(items, ensure_ascii=False, indent=2)
    for char, escape in _SAFE.items():
        text = text.replace(char, escape)
    return text + "\n"
