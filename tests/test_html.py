"""The editor report (claimcheck.render.html): golden files, hostile text, quotes in context.

The golden report is built by hand, so that it stays fixed while the matcher
evolves, and holds what the founding case lacks: three sources with one
outlier, a misquote, reviews, a stale review, a hidden count, links.
Regenerate after an intended change with: UPDATE_GOLDEN=1 python -m pytest tests/test_html.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimcheck.findings import build_report
from claimcheck.read.load import load_paths
from claimcheck.read.quotes import SourceText, attach_quotes
from claimcheck.records import (
    Coverage,
    Discrepancy,
    NameUse,
    Position,
    Report,
    ReportEntity,
    ReviewEntry,
    Severity,
    Sighting,
    Source,
)
from claimcheck.render import RENDERERS
from claimcheck.render import html as html_report

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW


def _source(sid: str, publisher: str, **fields: str) -> Source:
    return Source(sid, f"claims/{sid}.yaml", Position(f"claims/{sid}.yaml", 2, 3), publisher=publisher, **fields)


TEXTS = {
    "wire": "Zoom fired executive Xinjiang Jin last week. Jin, 39, worked for the U.S. company since 2016.\n\n"
            "The complaint said he helped end at least four meetings.\n",
    "daily": "Zoom fired the chief executive Xinjiang Jane on Friday.\nJane, 39, had worked there since 2016. "
             "He ended four meetings, the complaint said.\n",
}


def fixed_report() -> Report:
    """Three sources: `daily` (a translation) is the outlier; `blog` has no text."""
    jin = "Xinjiang Jin"

    def seen(source: str, subject: str, value: str | int, quote: str, line: int, at: str = "") -> Sighting:
        return Sighting(source, subject, value, quote, f"claims/{source}.yaml", line, f"c{line}", at)

    discrepancies = (
        Discrepancy("cc-000000000001", "name.variant", HIGH, "e1", jin, None,
                    f"{jin}: daily writes 'Xinjiang Jane'; most likely right: 'Xinjiang Jin'",
                    "'Jin' ~ 'Jane': same phonetic key JN, Jaro-Winkler 0.75", (
                        seen("wire", jin, jin, "Zoom fired executive Xinjiang Jin", 12, "1:1"),
                        seen("blog", jin, jin, "Xinjiang Jin was let go", 8),
                        seen("daily", "Xinjiang Jane", "Xinjiang Jane", "the chief executive Xinjiang Jane", 9,
                             "1:11"))),
        Discrepancy("cc-000000000002", "title.inflated", HIGH, "e1", jin, "title",
                    f"{jin} / title: 'chief executive' (daily) vs 'executive' (wire, blog)",
                    "'chief executive' ranks above 'executive': 'chief' raises the rank", (
                        seen("daily", "Xinjiang Jane", "chief executive", "the chief executive Xinjiang Jane", 9,
                             "1:11"),
                        seen("wire", jin, "executive", "Zoom fired executive Xinjiang Jin", 12, "1:1"),
                        seen("blog", "Jin", "exec", "Xinjiang Jin was let go", 8))),
        Discrepancy("cc-000000000003", "quote.mismatch", HIGH, "e1", jin, "age",
                    "daily misquotes its text at 2:1",
                    "the text reads 'Jane, 39, had worked there since 2016'; differs: 'has' -> 'had'", (
                        seen("daily", "Jane", 39, "Jane, 39, has worked there since 2016", 15, "2:1"),)),
        Discrepancy("cc-000000000004", "number.hedge", MEDIUM, "e1", jin, "meetings ended",
                    f"{jin} / meetings ended: 'four' (daily) vs 'at least four' (wire)",
                    "'at least four' is 4 or more; 'four' is exactly 4: the hedge is dropped", (
                        seen("daily", "He", "four", "He ended four meetings", 21, "2:40"),
                        seen("wire", "he", "at least four", "he helped end at least four meetings", 30, "3:20"))),
        Discrepancy("cc-000000000005", "source.inconsistent", LOW, "e1", jin, "employer since",
                    f"{jin} / employer since: blog says both '2015' and '2016'",
                    "one source gives both values; 2015 and 2016 do not overlap", (
                        seen("blog", "Jin", "2015", "with Zoom since 2015", 14),
                        seen("blog", "Jin", "2016", "joined Zoom in 2016", 20))),
    )
    return Report(
        sources=(
            _source("wire", "Example Wire", title="Zoom fires China executive", url="https://example.org/wire/1",
                    published="2020-12-18", language="en", kind="report", text="texts/wire.txt"),
            _source("daily", "The Daily Example", title="Zoom-Chef entlassen", published="2020-12-19",
                    language="de", kind="translation", derived_from="wire", text="texts/daily.txt"),
            _source("blog", "Blog Example", title="Zoom and China", url="http://blog.example.net/p?a=1&b=2",
                    language="en", kind="aggregator"),
        ),
        claim_counts=(6, 5, 3),
        entities=(
            ReportEntity("e1", jin, "person", (NameUse("wire", jin), NameUse("wire", "Jin"),
                                               NameUse("daily", "Xinjiang Jane"), NameUse("daily", "Jane"),
                                               NameUse("blog", jin), NameUse("blog", "Jin")),
                         "'Jin' ~ 'Jane': same phonetic key JN, Jaro-Winkler 0.75; both carry 'age' = '39'"),
            ReportEntity("e2", "Zoom", "organization", (NameUse("wire", "Zoom"), NameUse("daily", "Zoom"),
                                                        NameUse("blog", "Zoom")), ""),
            ReportEntity("e3", "complaint", "thing", (NameUse("wire", "complaint"), NameUse("daily", "complaint")), ""),
        ),
        discrepancies=discrepancies,
        coverage=(
            Coverage("e3", "complaint", "said", ("wire", "daily"), ()),
            Coverage("e1", jin, "age", ("wire", "daily"), ("blog",)),
            Coverage("e1", jin, "employer since", ("wire", "blog"), ("daily",)),
            Coverage("e1", jin, "meetings ended", ("wire", "daily"), ("blog",)),
            Coverage("e1", jin, "title", ("wire", "daily", "blog"), ()),
            Coverage("e2", "Zoom", "fired", ("wire", "daily"), ("blog",)),
        ),
        reviews=(
            ReviewEntry("cc-000000000002", "confirmed", wrong_source="daily", right_value="executive",
                        evidence="https://example.org/complaint.pdf", by="Ana", at="2020-12-20T10:00:00Z", line=3),
            ReviewEntry("cc-000000000004", "needs-work", note="ask the desk", by="Ben", line=9),
        ),
        stale=(ReviewEntry("cc-0000000000ff", "accepted", note="wording changed since", line=14),),
        hidden=1,
    )


@pytest.mark.parametrize("name", ["report.html", "report.md"])
def test_golden(name: str) -> None:
    render = html_report.render if name.endswith(".html") else html_report.render_markdown
    got = render(fixed_report(), TEXTS)
    assert got == render(fixed_report(), TEXTS), "output must be deterministic"
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, "utf-8")
    assert got == path.read_text("utf-8")


def test_registered_as_a_format() -> None:
    assert RENDERERS["html"](fixed_report()) == html_report.render(fixed_report())
    assert RENDERERS["html"](fixed_report(), texts=TEXTS) == html_report.render(fixed_report(), TEXTS)


def test_the_outlier_alone_differs_where_most_sources_agree() -> None:
    view = html_report.build_view(fixed_report(), TEXTS)
    states = {(r["predicate"], c["source"]): (c["state"], c["severity"]) for r in view["rows"] for c in r["cells"]}
    assert states[("title", "daily")] == ("differs", "high")
    assert states[("title", "wire")] == states[("title", "blog")] == ("agree", "")
    assert states[("name as written", "daily")] == ("differs", "high")
    assert states[("name as written", "wire")] == ("agree", "")
    assert states[("meetings ended", "wire")] == ("differs", "medium")  # one against one: both differ
    assert states[("meetings ended", "blog")] == ("missing", "")
    assert states[("employer since", "daily")] == ("missing", "")
    assert [r["predicate"] for r in view["rows"]] == ["age", "name as written", "title", "meetings ended",
                                                      "employer since"]  # worst first, then most differing
    assert [r["predicate"] for r in view["quiet"]] == ["said", "fired"]
    daily = view["sources"][1]
    assert (daily["odd_rows"], daily["odd_high"]) == (4, 3)
    forms = {f["name"]: f["odd"] for per_source in view["entities"][0]["forms"] for f in per_source}
    assert forms == {"Xinjiang Jin": False, "Jin": False, "Xinjiang Jane": True, "Jane": False}


def test_sides_are_read_from_the_real_pipeline(tmp_path: Path) -> None:
    """Three real claim files: the one that says 93 is the odd one out; the two that say 39 agree."""
    for sid, age in (("a", 39), ("b", 39), ("c", 93)):
        (tmp_path / f"{sid}.yaml").write_text(textwrap.dedent(f"""\
            source:
              id: {sid}
              publisher: {sid.upper()} News
            claims:
              - subject: Xinjiang Jin
                predicate: age
                value: {age}
                quote: Jin, {age}, was fired
            """), "utf-8")
    report = build_report(attach_quotes(load_paths([str(tmp_path)])))
    assert len(report.discrepancies) == 1
    row = html_report.build_view(report)["rows"][0]
    assert [c["state"] for c in row["cells"]] == ["agree", "agree", "differs"]


def test_founding_case_names_the_garbling_source() -> None:
    report = build_report(attach_quotes(load_paths([str(ROOT / "claims")])))
    texts = {s.id: SourceText.from_file(s.text).text for s in report.sources if s.text}
    view = html_report.build_view(report, texts)
    names = [r for r in view["rows"] if r["predicate"] == "name as written" and r["subject"] == "Xinjiang Jin"]
    assert [c["state"] for c in names[0]["cells"]] == ["agree", "differs"]
    page = html_report.render(report, texts)
    assert page.count('<article id="cc-') == len(report.discrepancies)
    assert "<mark" in page


def test_quote_in_its_sentence_with_the_differing_words_marked() -> None:
    view = html_report.build_view(fixed_report(), TEXTS)
    by_id = {x["d"].id: x for x in view["discrepancies"]}

    def marked(did: str, source: str) -> tuple[str, list[str]]:
        sighting = next(s for g in by_id[did]["groups"] for s in g["sightings"] if s["v"].source == source)
        runs = sighting["context"] or sighting["quote"]
        return "".join(r["text"] for r in runs), [r["text"] for r in runs if r["mark"]]

    sentence, marks = marked("cc-000000000002", "daily")
    assert sentence == "Zoom fired the chief executive Xinjiang Jane on Friday."
    assert marks == ["chief"]
    sentence, marks = marked("cc-000000000002", "wire")  # every word shared: the value itself is marked
    assert sentence == "Zoom fired executive Xinjiang Jin last week."
    assert marks == ["executive"]
    sentence, marks = marked("cc-000000000003", "daily")  # a misquote: the text's own word is marked
    assert (sentence, marks) == ("Jane, 39, had worked there since 2016.", ["had"])
    sighting = by_id["cc-000000000003"]["groups"][0]["sightings"][0]
    assert [r["text"] for r in sighting["quote"] if r["mark"]] == ["has"]
    sentence, marks = marked("cc-000000000004", "wire")
    assert sentence == "The complaint said he helped end at least four meetings."
    assert marks == ["at least"]
    sentence, marks = marked("cc-000000000001", "blog")  # no text for blog: the quote alone
    assert (sentence, marks) == ("Xinjiang Jin was let go", ["Jin"])


@pytest.mark.parametrize(("text", "quote", "sentence"), [
    ("He left. Jin worked for the U.S. Justice Department. Mr. Smith said so.", "Justice Department",
     "Jin worked for the U.S. Justice Department."),
    ("Intro\n\nHeadline without a stop\n\nBody. More.", "without a", "Headline without a stop"),
    ("She said: \"It ended.\" Then he left.", "It ended", "She said: \"It ended.\""),
    ("It rained. Jin left! It stopped.", "Jin", "Jin left!"),
    ("Initials such as J. R. R. Tolkien do not end it.", "Tolkien", "Initials such as J. R. R. Tolkien do not end it."),
])
def test_sentence_bounds(text: str, quote: str, sentence: str) -> None:
    start = text.index(quote)
    lo, hi = html_report._sentence(text, start, start + len(quote))
    assert text[lo:hi] == sentence


def test_a_quote_not_in_the_text_is_shown_alone() -> None:
    texts = {"wire": "Nothing of the sort is written here.", "daily": ""}
    view = html_report.build_view(fixed_report(), texts)
    for x in view["discrepancies"]:
        for g in x["groups"]:
            for s in g["sightings"]:
                assert s["context"] is None
                assert "".join(r["text"] for r in s["quote"]) == s["v"].quote


def test_long_text_without_sentence_ends_is_cut_around_the_quote() -> None:
    text = "word " * 2000 + "Zoom fired executive Xinjiang Jin" + " word" * 2000
    view = html_report.build_view(fixed_report(), {"wire": text})
    runs = view["discrepancies"][1]["groups"][1]["sightings"][0]["context"]
    shown = "".join(r["text"] for r in runs)
    assert shown.startswith("\u2026 ") and shown.endswith(" \u2026")
    assert len(shown) < 2 * html_report.WINDOW + 100


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a?b=1&c=2", True), ("http://x.example", True), ("HTTPS://X.EXAMPLE/", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>", False), ("//evil.example", False), ("/etc/passwd", False), ("", False),
    ("https://ex.example/\"onmouseover=alert(1)", False), ("https://a b.example", False),
])
def test_only_http_and_https_links(url: str, kept: bool) -> None:
    assert html_report.safe_url(url) == (url.strip() if kept else "")


# --- Hostile text -----------------------------------------------------------------------------------------------

EVIL = ['<script>alert("x")</script>', "</script><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "[click](javascript:alert(1))", "a | b", "line one\nline two", "\u202eevil\u202c", "{{ 7*7 }}",
        "\" onmouseover=\"alert(1)", "<!-- x -->", "`code`", "**bold** _it_", "&amp; &lt;"]
PAYLOAD = " ".join(EVIL)


def hostile_report() -> Report:
    """Every piece of user text carries every trap."""
    def sighting(source: str) -> Sighting:
        return Sighting(source, PAYLOAD, PAYLOAD + source, PAYLOAD, PAYLOAD, 1, PAYLOAD, "1:1")

    src = [Source(sid, PAYLOAD, Position(PAYLOAD, 1, 1), title=PAYLOAD, publisher=PAYLOAD, url="javascript:alert(1)",
                  published=PAYLOAD, language=PAYLOAD, kind=PAYLOAD, derived_from=PAYLOAD) for sid in ("x<b>", "y|z")]
    discrepancy = Discrepancy(PAYLOAD, "value.conflict", HIGH, "e1", PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD,
                              (sighting("x<b>"), sighting("y|z")))
    return Report(
        sources=tuple(src), claim_counts=(1, 1),
        entities=(ReportEntity("e1", PAYLOAD, PAYLOAD, (NameUse("x<b>", PAYLOAD), NameUse("y|z", PAYLOAD)),
                               PAYLOAD),),
        discrepancies=(discrepancy,),
        coverage=(Coverage("e1", PAYLOAD, PAYLOAD, ("x<b>", "y|z"), ()),),
        reviews=(ReviewEntry(PAYLOAD, "confirmed", PAYLOAD, PAYLOAD, "javascript:alert(1)", PAYLOAD, PAYLOAD,
                             PAYLOAD),),
        stale=(ReviewEntry(PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD),),
    )


HOSTILE_TEXTS = {"x<b>": f"Before. {PAYLOAD} After.", "y|z": PAYLOAD}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "ul", "li", "span",
        "nav", "a", "form", "fieldset", "legend", "label", "input", "select", "option", "button", "output", "main",
        "section", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "small", "code", "details",
        "summary", "article", "strong", "blockquote", "mark", "br", "footer", "script"}
ATTRS = {"lang", "charset", "http-equiv", "content", "name", "id", "class", "href", "rel", "title", "hidden",
         "aria-label", "aria-live", "role", "type", "value", "checked", "placeholder", "scope", "data-filter",
         "data-severities", "data-codes", "data-sources", "data-cell"}


def test_hostile_text_is_inert_in_html() -> None:
    page = html_report.render(hostile_report(), HOSTILE_TEXTS)
    parsed = _Collect()
    parsed.feed(page)
    parsed.close()
    assert {tag for tag, _ in parsed.tags} <= TAGS
    assert {name for _, attrs in parsed.tags for name in attrs} <= ATTRS
    assert not parsed.comments
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or re.match(r"https?://", href), href
        if tag == "img":
            pytest.fail("an image element came from user text")
    assert "javascript:" not in " ".join(a.get("href") or "" for _, a in parsed.tags if a.get("href", "#")[0] != "#")
    # Two scripts: the data (JSON, with </script> escaped) and ours; one style, ours.
    assert [a.get("type") for t, a in parsed.tags if t == "script"] == ["application/json", None]
    data, code = parsed.scripts
    assert "</" not in data and "<script" not in data.lower()
    cells = json.loads(data)["cells"]
    assert any("</script>" in v for c in cells.values() for v in c["values"])
    assert "alert" not in code and "alert" not in parsed.styles[0]
    # The CSP allows exactly our style and script, nothing external.
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "http" not in csp and "unsafe" not in csp
    for body in (code, parsed.styles[0]):
        assert "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() in csp
    # Bidi controls are shown as escapes; Jinja syntax in data is not evaluated.
    assert "\u202e" not in page and "\\u202e" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page


def _rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row.replace("\\\\", ""))) - 1


def test_hostile_text_is_inert_in_markdown() -> None:
    from markdown_it import MarkdownIt

    text = html_report.render_markdown(hostile_report(), HOSTILE_TEXTS)
    tables: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            tables[-1:] = [tables[-1] + [line]] if tables and tables[-1] else [[line]]
        elif tables and tables[-1]:
            tables.append([])
    for table in filter(None, tables):  # every row has as many cells as its header
        assert {_cells(row) for row in table} == {_cells(table[0])}, table
    assert "<script" not in text and "<img" not in text and "\u202e" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # no link syntax from user text
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<code>" not in rendered
    assert "<em>it</em>" not in rendered and "<!--" not in rendered
    assert not re.search(r"href=\"(?!https?://)", rendered)
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', rendered))


def test_markdown_cells_keep_pipes_and_newlines_inside() -> None:
    text = html_report.render_markdown(hostile_report())
    assert "a \\| b" in text and "line one<br>line two" in text
