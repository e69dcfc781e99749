"""ClaimReview JSON-LD export: structure per schema.org / Google's ClaimReview documentation, config, safety."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from claimcheck.errors import UserError
from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import attach_quotes
from claimcheck.records import Report, ReviewEntry
from claimcheck.tables import Tables
from claimcheck.triage.export import check_org, confirmed_errors, export_claimreview, verdict_words
from claimcheck.triage.review import load_review, save_review
from claimcheck.triage.walk import decide

HERE = Path(__file__).parent / "cases" / "review"
ORG = {"organization": "Example Checks", "url": "https://checks.example"}
AT = "2026-11-23T10:00:00Z"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(attach_quotes(load_paths([str(HERE / "claims")])))


def did(report: Report, code: str) -> str:
    return next(d.id for d in report.discrepancies if d.code == code)


@pytest.fixture(scope="module")
def entries(report: Report) -> tuple[ReviewEntry, ...]:
    out: tuple[ReviewEntry, ...] = ()
    out, _ = decide(report, out, did(report, "number.conflict"), "confirmed", wrong_source="wire",
                    evidence="https://daily.example/minutes", by="ana", at=AT)
    out, _ = decide(report, out, did(report, "number.hedge"), "confirmed", wrong_source="daily", right_value="",
                    by="ana", at="2026-11-24")
    out, _ = decide(report, out, did(report, "title.inflated"), "accepted", by="ana", at=AT)
    return out + (ReviewEntry("cc-000000000000", "confirmed", "wire", "x", at=AT),)


def _is(obj: Any, kind: str) -> bool:
    return isinstance(obj, dict) and obj.get("@type") == kind


def check_claimreview(item: dict) -> None:
    """A ClaimReview as Google documents it: required properties and their types."""
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "ClaimReview"
    assert isinstance(item["claimReviewed"], str) and item["claimReviewed"]
    assert isinstance(item["url"], str) and item["url"].startswith(("http://", "https://"))
    rating = item["reviewRating"]
    assert _is(rating, "Rating") and isinstance(rating["alternateName"], str) and rating["alternateName"]
    for key in ("ratingValue", "bestRating", "worstRating"):
        assert key not in rating or isinstance(rating[key], int)
    author = item["author"]
    assert _is(author, "Organization") and isinstance(author["name"], str) and author["name"]
    dt.date.fromisoformat(item["datePublished"])
    claim = item["itemReviewed"]
    assert _is(claim, "Claim")
    assert _is(claim["author"], "Organization") and claim["author"]["name"]
    appearance = claim["appearance"]
    assert _is(appearance, "CreativeWork")
    assert "url" not in appearance or appearance["url"].startswith(("http://", "https://"))


def test_one_claimreview_per_confirmed_error(report: Report, entries: tuple[ReviewEntry, ...]) -> None:
    items = json.loads(export_claimreview(report, entries, report.sources, ORG))
    assert isinstance(items, list) and len(items) == 2
    for item in items:
        check_claimreview(item)
    age, hedge = sorted(items, key=lambda i: i["datePublished"])
    assert age["claimReviewed"] == "Ruiz, 25, [bold red]cut[/] the ribbon </script>"  # the wrong source's quote
    assert age["reviewRating"]["alternateName"] == "Incorrect: the figure is '52'"
    assert age["itemReviewed"]["author"]["name"] == "Wire Service"
    assert "url" not in age["itemReviewed"]["appearance"]  # javascript: is never a link
    assert age["url"] == f"https://checks.example#{did(report, 'number.conflict')}"
    assert age["datePublished"] == "2026-11-23"
    assert age["author"] == {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example"}
    assert hedge["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "url": "https://daily.example/bridge",
                                                   "headline": "Mayor opens the new bridge"}
    assert hedge["itemReviewed"]["datePublished"] == "2024-05-02"
    assert hedge["reviewRating"]["alternateName"] == "Misleading"  # no right value given


def test_safe_inside_a_script_element(report: Report, entries: tuple[ReviewEntry, ...]) -> None:
    text = export_claimreview(report, entries, report.sources, ORG)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "</script>" in json.loads(text)[0]["claimReviewed"] + json.loads(text)[1]["claimReviewed"]


def test_skipped_verdicts_are_explained(report: Report, entries: tuple[ReviewEntry, ...]) -> None:
    orphan = ReviewEntry(did(report, "title.inflated"), "confirmed")
    ok, skipped = confirmed_errors(report, entries + (orphan,))
    assert len(ok) == 2
    assert any("cc-000000000000" in s and "stale" in s for s in skipped)
    assert any("no wrong_source" in s for s in skipped)


def test_from_a_review_file(report: Report, entries: tuple[ReviewEntry, ...], tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    save_review(str(path), entries, report)
    loaded, _ = load_review(str(path))
    assert export_claimreview(report, loaded, report.sources, ORG) == export_claimreview(
        report, entries, report.sources, ORG)


def test_review_url_rating_and_language(report: Report, entries: tuple[ReviewEntry, ...]) -> None:
    org = dict(ORG, review_url="https://checks.example/r/{id}.html", language="en", rating_value=1,
               best_rating=5, worst_rating=1)
    item = json.loads(export_claimreview(report, entries, report.sources, org))[0]
    check_claimreview(item)
    assert item["url"].startswith("https://checks.example/r/cc-") and item["url"].endswith(".html")
    assert item["inLanguage"] == "en"
    assert item["reviewRating"] == {"@type": "Rating", "alternateName": item["reviewRating"]["alternateName"],
                                    "ratingValue": 1, "bestRating": 5, "worstRating": 1}
    item = json.loads(export_claimreview(report, entries, report.sources, dict(ORG, review_url="https://c.example/z#")))[0]
    assert item["url"].startswith("https://c.example/z#cc-")


def test_no_confirmed_errors_is_an_empty_array(report: Report) -> None:
    assert json.loads(export_claimreview(report, (), report.sources, ORG)) == []


@pytest.mark.parametrize(("org", "message"), [
    ({}, "organization is required"),
    ({"organization": "X"}, "url is required"),
    (dict(ORG, url="ftp://checks.example"), "http:// or https://"),
    (dict(ORG, organisation="X"), "did you mean 'organization'"),
    (dict(ORG, rating_value="1"), "rating_value must be a int"),
])
def test_config_mistakes(report: Report, org: dict, message: str) -> None:
    with pytest.raises(UserError, match=message):
        export_claimreview(report, (), report.sources, org)


def test_check_org_names_the_key() -> None:
    assert check_org(ORG) == []
    assert [k for k, _ in check_org({"organisation": "X", "review_url": "javascript:{id}"})] == [
        "organisation", "review_url"]


def test_verdict_words_come_from_the_table_and_can_be_extended(report: Report) -> None:
    d = next(d for d in report.discrepancies if d.code == "title.inflated")
    entry = ReviewEntry(d.id, "confirmed", "wire", "mayor")
    assert verdict_words(d, entry) == "Exaggerated: the title is 'mayor'"
    tables = Tables({"claimreview": {"with_value": {"title.inflated": "Overstated: {subject} is {what} {right}"}}})
    assert verdict_words(d, entry, tables) == "Overstated: Ana Ruiz is title mayor"
    assert verdict_words(d, ReviewEntry(d.id, "confirmed", "wire")) == "Exaggerated"
