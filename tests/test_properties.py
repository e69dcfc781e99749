"""Properties on arbitrary input (hypothesis).

The loader: whatever bytes or YAML-shaped text it is given, with libyaml or the pure
parser, the only things that come out are a ClaimFile or Problems with a position
(line >= 1, col >= 1); never an exception.

The renderers: arbitrary user text (values, quotes, names, subjects, predicates with
`<script>`, `[/]`, `[link=x]`, `:warning:`, ESC sequences, `|`, newlines, bidi controls)
in a report with discrepancies: Markdown keeps one table row per row, output that is not
for a terminal has no ESC and no other C0 control but newline and tab, JSON parses and
gives the text back, the terminal table never raises (rich's MarkupError), HTML keeps
user markup inert.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.findings import build_report
from claimcheck.read.load import load_file, load_paths
from claimcheck.records import Claim, ClaimFile, ClaimSet, Entity, Position, Problem, Report, Source
from claimcheck.render import RENDERERS, table

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# -- the loader ------------------------------------------------------------------------

HOSTILE_SNIPPETS = [
    "&a ", "*a", "<<: ", "? ", "!!python/object/apply:os.system ", "!include ", "!!binary ", "!!str ", "!!int ",
    "\t", "---\n", "...\n", "[", "]", "{", "}", ",", ": ", "- ", "|\n", ">-\n", "#", "'", '"', "\\", "%TAG ! tag:x:\n",
    "%YAML 1.1\n", "\x00", "\x1b[2J", "\x85", "\u202e", "\ufeff", "\ufffe", "\r", "\r\n", "\u2028", "\u2029",
    '"\\e[2J"', '"\\ud800"', '"\\U00110000"', '"\\u202e"', '"\\x9b"', "2020-02-30", "010", "1:20", ".nan", "1e999",
    "yes", "~", "null", "true", "<script>", "[/]", "source", "claims", "subject", "predicate", "value", "text",
    "../../etc/passwd", "/etc/passwd", "published", "x-",
]

_SCALAR = st.one_of(
    st.text(max_size=12), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.none(), st.sampled_from(["yes", "no", "010", "1:20", ".nan", "2020-12-18", "2020-02-30", "<<", "&x", "*x"]),
)
_DOC = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=8), st.integers(),
                                                                                  st.booleans()), inner, max_size=4)),
    max_leaves=20,
)
_CLAIMISH = st.fixed_dictionaries({
    "source": st.one_of(_DOC, st.fixed_dictionaries({}, optional={
        k: _SCALAR for k in ("id", "title", "publisher", "url", "published", "language", "kind", "text")})),
    "claims": st.one_of(_DOC, st.lists(st.fixed_dictionaries({}, optional={
        k: _DOC for k in ("id", "subject", "predicate", "value", "quote", "qualifiers", "note")}), max_size=3)),
}, optional={"entities": _DOC})


@st.composite
def yaml_shaped(draw) -> bytes:
    """A YAML document (claim-shaped or not, block or flow style), with hostile snippets spliced in."""
    doc = draw(st.one_of(_CLAIMISH, _DOC))
    text = yaml.safe_dump(doc, default_flow_style=draw(st.sampled_from([None, True, False])), allow_unicode=True,
                          width=draw(st.sampled_from([20, 80, 1 << 20])))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + text[at:]
    return text.encode("utf-8", "surrogatepass")


_ANY_BYTES = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(HOSTILE_SNIPPETS), max_size=25).map(lambda xs: "".join(xs).encode("utf-8")),
    yaml_shaped(),
)


def _load_anything(tmp_path: Path, data: bytes, pure: bool) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    claim_file, problems = load_file(str(path), str(tmp_path), pure=pure)  # must not raise
    assert claim_file is None or isinstance(claim_file, ClaimFile)
    assert all(isinstance(p, Problem) for p in problems)
    for p in problems:
        assert p.pos.file == str(path) and p.pos.line >= 1 and p.pos.col >= 1, p
        assert p.message and p.code
    if claim_file is None:
        assert any(p.severity == "error" for p in problems), "nothing loaded, yet no error said why"


@SETTINGS
@given(data=_ANY_BYTES)
def test_loader_libyaml_never_raises(tmp_path: Path, data: bytes) -> None:
    _load_anything(tmp_path, data, pure=False)


@SETTINGS
@given(data=_ANY_BYTES)
def test_loader_pure_never_raises(tmp_path: Path, data: bytes) -> None:
    _load_anything(tmp_path, data, pure=True)


@SETTINGS
@given(data=_ANY_BYTES)
def test_both_parsers_load_what_the_other_loads(tmp_path: Path, data: bytes) -> None:
    """Where both parsers accept a file, they read the same claims (the CLI uses libyaml, tests both)."""
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    a, pa = load_file(str(path), str(tmp_path))
    b, pb = load_file(str(path), str(tmp_path), pure=True)
    if a is not None and b is not None and not [p for p in pa + pb if p.severity == "error"]:
        assert [(c.subject, c.predicate, c.value) for c in a.claims] == [(c.subject, c.predicate, c.value)
                                                                          for c in b.claims]


# -- the renderers ---------------------------------------------------------------------

HOSTILE_TEXT = [
    "<script>alert(1)</script>", "</script><script>steal()</script>", "[/]", "[link=https://evil.example]x[/link]",
    "[bold red]", ":warning:", ":smile:", "\x1b[2J", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "\x1b",
    "|", "||", "\\|", "\n", "\r\n", "\r", "\t", "\u202e", "\u2066", "\u200f", "\u2028", "\u0085", "\x07", "\x7f",
    "\x9b", "`", "``` ", "*", "_", "#", "<b>", "&amp;", "javascript:alert(1)", '"', "'", "{{ 7*7 }}", "{% raw %}",
    "\ufeff", "\ufffe", "Jin", "Xinjiang", "CEO", "at least 4", "five", "2020",
]
_USER = st.lists(st.one_of(st.sampled_from(HOSTILE_TEXT),
                           st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                                   max_size=6)),
                 min_size=1, max_size=5).map("".join)
_C0 = re.compile("[\x00-\x08\x0b-\x1f]")  # ESC included; newline and tab allowed
_SHOWN = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _claim_set(texts: list[str]) -> ClaimSet:
    """Two sources that name one subject and give it different values: discrepancies to render."""
    subject, predicate, name, quote, title = texts[:5]
    files = []
    for i, value in enumerate((f"4 {texts[5]}", f"5 {texts[6]}")):
        sid = f"s{i}"
        path = f"claims/{sid}-{texts[7]}.yaml"
        pos = Position(path, 3, 5)
        entity = Entity(sid, "e", name, pos, "person", (subject,))
        claims = (
            Claim(sid, 0, pos, "e", predicate, value, quote=quote, entity="e", name=name),
            Claim(sid, 1, pos, "e", "title", ("chief executive", "vice president")[i] + " " + texts[i], quote=quote,
                  entity="e", name=name),
            Claim(sid, 2, pos, subject, "age", (39, 40)[i], quote=quote, name=subject),
        )
        source = Source(sid, path, pos, title=title, publisher=texts[i], url=texts[8] if i else "javascript:x()",
                        kind="report", language="en")
        files.append(ClaimFile(path, source, (entity,), claims, "claims"))
    return ClaimSet(tuple(files), ())


def _report(texts: list[str]) -> Report:
    return build_report(_claim_set(texts), missing=True)


def _unescaped_pipes(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row.replace("\\\\", "")))


def _markdown_tables(text: str) -> list[tuple[str, list[str]]]:
    """(header, rows) of every table: a `|` line followed by a `|---` line, rows until a line without `|`."""
    lines = text.split("\n")
    tables = []
    for i in range(len(lines) - 1):
        if lines[i].startswith("|") and lines[i + 1].startswith("|---"):
            rows = []
            for line in lines[i + 2:]:
                if not line.startswith("|"):
                    break
                rows.append(line)
            tables.append((lines[i], rows))
    return tables


def check_markdown(report: Report, text: str) -> None:
    tables = _markdown_tables(text)
    assert tables
    for header, rows in tables:
        for row in rows:
            assert _unescaped_pipes(row) == _unescaped_pipes(header), (header, row)
    if report.discrepancies:
        by_header = {h: rows for h, rows in tables}
        summary = by_header["| severity | code | subject | predicate | message |"]
        assert len(summary) == len(report.discrepancies)
        value_tables = [rows for h, rows in tables if h.startswith("| source | as written |")]
        assert [len(rows) for rows in value_tables] == [len(d.values) for d in report.discrepancies
                                                        if d.values][: len(value_tables)]


def check_not_terminal(name: str, text: str) -> None:
    """No ESC, no other C0 control but newline and tab; and, in what people read, no raw bidi or C1 control."""
    bad = _C0.search(text)
    assert bad is None, f"{name}: U+{ord(bad.group()):04X} in the output"
    if name in ("markdown", "table"):
        bad = _SHOWN.search(text)
        assert bad is None, f"{name}: U+{ord(bad.group()):04X} in the output"


def _as_json(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def check_json(report: Report, text: str) -> None:
    """JSON parses and gives every user string back unchanged."""
    doc = json.loads(text)
    assert doc["schema_version"] == 1
    assert len(doc["discrepancies"]) == len(report.discrepancies)
    for d, jd in zip(report.discrepancies, doc["discrepancies"], strict=True):
        assert (jd["subject"], jd["predicate"], jd["message"]) == (d.subject, d.predicate, d.message)
        for v, jv in zip(d.values, jd["values"], strict=True):
            assert (jv["value"], jv["quote"], jv["subject"], jv["file"]) == (_as_json(v.value), v.quote, v.subject,
                                                                             v.file)


def check_html(text: str) -> None:
    lowered = text.lower()
    assert "<script>alert(" not in lowered and "<script>steal(" not in lowered
    assert 'href="javascript:' not in lowered and "href='javascript:" not in lowered


@SETTINGS
@given(texts=st.lists(_USER, min_size=9, max_size=9))
def test_renderers_keep_user_text_inert(texts: list[str]) -> None:
    report = _report(texts)
    assert report.discrepancies  # the ages 39 and 40 always differ
    for name, render in RENDERERS.items():
        out = render(report)  # never raises: no MarkupError from `[/]`, no template error
        assert isinstance(out, str) and out
        if name == "table":
            render(report, color=True, width=40)
            entities = table.render_entities(report)  # `claimcheck entities`
            check_not_terminal("table", entities)
        check_not_terminal(name, out)
        if name == "markdown":
            check_markdown(report, out)
        elif name == "json":
            check_json(report, out)
        elif name == "html":
            check_html(out)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, and line breaks YAML would fold written as escapes."""
    out = json.dumps(text, ensure_ascii=False)
    return out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\x85")


@SETTINGS
@given(texts=st.lists(st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=10)
                      .map(lambda t: t.replace("\ufffe", "").replace("\uffff", "")), min_size=4, max_size=4))
def test_loaded_text_survives_to_json_unchanged(tmp_path_factory: pytest.TempPathFactory, texts: list[str]) -> None:
    """Any text the loader accepts reaches the JSON report as written (written here as YAML double-quoted scalars)."""
    folder = tmp_path_factory.mktemp("set")
    subject, predicate, quote, extra = texts
    quote = "q " + quote
    for i in range(2):
        value = f"{39 + i} {extra}"
        (folder / f"s{i}.yaml").write_text(
            f"source: {{id: s{i}}}\nclaims:\n  - subject: {_quoted('Jin ' + subject)}\n"
            f"    predicate: {_quoted('age ' + predicate)}\n    value: {_quoted(value)}\n"
            f"    quote: {_quoted(quote)}\n", "utf-8")
    claim_set = load_paths([str(folder)])
    assert [p for p in claim_set.problems if p.severity == "error"] == []
    doc = json.loads(RENDERERS["json"](build_report(claim_set)))
    for d in doc["discrepancies"]:
        for v in d["values"]:
            assert v["value"] in (f"39 {extra}", f"40 {extra}")
            assert v["quote"] == quote


def test_markdown_rows_hold_with_every_hostile_fragment_at_once() -> None:
    everything = "".join(HOSTILE_TEXT)
    report = _report([everything] * 9)
    text = RENDERERS["markdown"](report)
    check_markdown(report, text)
    check_not_terminal("markdown", text)
    for name in RENDERERS:
        check_not_terminal(name, RENDERERS[name](report))

