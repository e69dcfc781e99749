"""The fused claims reader must build exactly what the usual road builds, or decline.

The usual road is the event parser and validate (`parse`, `build`);
a file read fast must give the same ClaimFile and the usual road must find no
problem in it. Evidence: hand-written cases, every YAML file of the
repository, and generated claim files with random damage (hypothesis).
"""

from __future__ import annotations

import os
import pathlib
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/ is not installed

from bench.generate import generate  # noqa: E402
from claimcheck.read.loadfast import read  # noqa: E402
from claimcheck.read.validate import build  # noqa: E402
from claimcheck.read.yamlsafe import Limits, LoadError, decode, parse  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILE = "set/s.yaml"
HEAD = "source:\n  id: s1\n  kind: report\n"


def _usual(text: str, limits: Limits = Limits(), file: str = FILE, root: str = "set"):
    """(ClaimFile or None, problems) by the event parser and validate."""
    try:
        tree = parse(text, file, limits)
    except LoadError as exc:
        return None, [exc.problem]
    return build(tree, file, root)


def _agrees(text: str, limits: Limits = Limits(), file: str = FILE, root: str = "set") -> bool:
    fast = read(text, file, root, limits)
    if fast is None:
        return True
    usual, problems = _usual(text, limits, file, root)
    return not problems and fast == usual


READS = [  # (case, claims list): read fast, and the same as the usual road
    ("plain and quoted", "  - id: c1\n    subject: Ann Roe\n    predicate: age\n    value: 41\n"
                         "    quote: \"Ann Roe, 41, said\"\n"),
    ("key order and note", "  - subject: 'Ann''s firm'\n    value: \"x\"\n    predicate: p\n    note: n\n"),
    ("list at its key's indent", "- subject: A\n  predicate: p\n  value: v\n"
                                 "- subject: B\n  predicate: p\n  value: w\n"),
    ("escapes", '  - subject: A\n    predicate: says\n    value: "she said \\"no\\" \\\\ twice"\n'),
    ("numbers as text", "  - id: 7\n    subject: 2020\n    predicate: p\n    value: 1.50\n"),
    ("flow list value", "  - subject: A\n    predicate: p\n    value: [x, \"y z\", 3]\n"),
    ("qualifiers", "  - subject: A\n    predicate: title\n    value: CEO\n    qualifiers:\n"
                   "      organization: Zoom\n      since: 2019\n    quote: q\n"),
    ("comments and blank lines", "  # first\n  - subject: A  # who\n\n    predicate: p\n    value: v #v\n"),
    ("wide dash", "  -   subject: A\n      predicate: p\n      value: v\n"),
    ("no newline at the end", "  - subject: A\n    predicate: p\n    value: v"),
    ("words that are not booleans", "  - subject: A\n    predicate: p\n    value: yes\n"),
    ("digits that are not a number", "  - id: 010\n    subject: 3M\n    predicate: 2020 revenue\n"
                                     "    value: 4 people\n    quote: 4 people died\n    note: 1:20\n"
                                     "    qualifiers:\n      since: 2019-05\n"),
]

ENTITIES = "entities:\n  ann:\n    name: Ann Roe\n    type: person\n    aliases: [Roe]\n"

DECLINES = [  # (case, claims list): some problem, or outside the layout: the usual road reads it
    ("null value", "  - subject: A\n    predicate: p\n    value: ~\n"),
    ("empty quotes", "  - subject: A\n    predicate: p\n    value: \"\"\n"),
    ("empty value", "  - subject: A\n    predicate: p\n    value:\n"),
    ("missing value", "  - subject: A\n    predicate: p\n"),
    ("duplicate key", "  - subject: A\n    subject: B\n    predicate: p\n    value: v\n"),
    ("duplicate id", "  - id: c1\n    subject: A\n    predicate: p\n    value: v\n"
                     "  - id: c1\n    subject: B\n    predicate: p\n    value: v\n"),
    ("unknown key", "  - subject: A\n    predicate: p\n    value: v\n    sourse: x\n"),
    ("x- key", "  - subject: A\n    predicate: p\n    value: v\n    x-mine: x\n"),
    ("block scalar", "  - subject: A\n    predicate: p\n    value: >\n      folded\n"),
    ("multi-line plain", "  - subject: A\n    predicate: p\n    value: one\n      two\n"),
    ("list in a text field", "  - subject: [A, B]\n    predicate: p\n    value: v\n"),
    ("empty list", "  - subject: A\n    predicate: p\n    value: []\n"),
    ("block list value", "  - subject: A\n    predicate: p\n    value:\n      - x\n"),
    ("qualifiers with nothing below", "  - subject: A\n    predicate: p\n    value: v\n    qualifiers:\n"),
    ("flow qualifiers", "  - subject: A\n    predicate: p\n    value: v\n    qualifiers: {a: b}\n"),
    ("empty qualifier", "  - subject: A\n    predicate: p\n    value: v\n    qualifiers:\n      a: ''\n"),
    ("text after a quote", '  - subject: A\n    predicate: p\n    value: "x" y\n'),
    ("mapping value in text", "  - subject: A\n    predicate: p\n    value: b: c\n"),
    ("no space after the colon", "  - subject: A\n    predicate: p\n    value:v\n"),
    ("another dash indent", "  - subject: A\n    predicate: p\n    value: v\n"
                            " - subject: B\n   predicate: p\n   value: v\n"),
    ("bad indent", "  - subject: A\n     predicate: p\n    value: v\n"),
    ("scalar item", "  - just text\n"),
    ("key after the list", "  - subject: A\n    predicate: p\n    value: v\nmore: x\n"),
    ("tab", "  - subject: A\n    predicate: p\n    value:\tv\n"),
    ("no items", "\n"),
    ("anchor", "  - subject: &a A\n    predicate: p\n    value: v\n"),
    ("dashes of other widths", "  - subject: A\n    predicate: p\n    value: v\n"
                               "  -   subject: B\n      predicate: p\n      value: v\n"),
]


def _file(claims: str, head: str = HEAD) -> str:
    return head + "claims:\n" + claims


@pytest.mark.parametrize("case,claims", READS, ids=[c for c, _ in READS])
def test_reads_the_layout(case: str, claims: str) -> None:
    for head in (HEAD, HEAD + ENTITIES):
        text = _file(claims, head)
        fast = read(text, FILE, "set")
        assert fast is not None, case
        usual, problems = _usual(text)
        assert problems == []
        assert fast == usual


@pytest.mark.parametrize("case,claims", DECLINES, ids=[c for c, _ in DECLINES])
def test_declines_the_rest(case: str, claims: str) -> None:
    assert read(_file(claims), FILE, "set") is None, case


def test_head_with_a_problem_is_declined() -> None:
    claims = "  - subject: A\n    predicate: p\n    value: v\n"
    assert read(_file(claims, HEAD + "  url: ftp://x\n"), FILE, "set") is None  # a warning
    assert read(_file(claims, HEAD + "  kind: blog\n"), FILE, "set") is None
    assert read(_file(claims, "entities:\n  a:\n    name: A\n"), FILE, "set") is None  # no source
    assert read(claims, FILE, "set") is None  # no claims key


def test_entity_subjects_take_the_entity_name() -> None:
    fast = read(_file("  - subject: ann\n    predicate: age\n    value: 41\n", HEAD + ENTITIES), FILE, "set")
    assert fast is not None
    assert (fast.claims[0].entity, fast.claims[0].name) == ("ann", "Ann Roe")


def test_repeated_subjects_and_predicates_are_one_object() -> None:
    """A file's claims share one string per distinct subject and predicate (memory at 1M claims)."""
    claims = "".join(f"  - subject: {s}\n    predicate: age\n    value: {i}\n"
                     for i, s in enumerate(["ann", "Bo Li", "ann", "Bo Li"]))
    fast = read(_file(claims, HEAD + ENTITIES), FILE, "set")
    assert fast is not None and fast == _usual(_file(claims, HEAD + ENTITIES))[0]
    a, b, c, d = fast.claims
    assert a.predicate is b.predicate is c.predicate is d.predicate
    assert a.subject is c.subject is fast.entities[0].key and b.subject is d.subject


def test_limits_hand_the_file_back() -> None:
    text = _file("  - subject: A\n    predicate: p\n    value: v\n")
    assert read(text, FILE, "set", Limits(max_depth=4)) is None
    assert read(text, FILE, "set", Limits(max_nodes=len(text))) is None
    assert _agrees(text, Limits(max_nodes=len(text) + 1))


def test_every_yaml_file_of_the_repository() -> None:
    read_fast = 0
    for path in sorted(ROOT.rglob("*.y*ml")):
        if {".git", ".venv", ".venv-ci", "node_modules"} & set(path.parts):
            continue
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except LoadError:
            continue
        file, root = str(path), str(path.parent)
        assert _agrees(text, Limits(), file, root), path
        read_fast += read(text, file, root) is not None
    assert read_fast >= 5  # most test files are flow style or broken on purpose: read the usual way


def test_generated_claim_sets_are_read_fast(tmp_path) -> None:
    """The benchmark's files (the layout of a large claim set) take the fast road, and agree."""
    generate(str(tmp_path), 1000, seed=5)
    paths = sorted((tmp_path / "claims").glob("*.yaml"))
    read_fast = 0
    for path in paths:
        text, _ = decode(path.read_bytes(), str(path))
        file, root = str(path), str(path.parent)
        assert _agrees(text, Limits(), file, root), path
        read_fast += read(text, file, root) is not None
    assert read_fast == len(paths) > 5


# -- generated claim files, then damaged --

_words = st.text(alphabet=st.sampled_from("abcXY z019.-_:#'\"\\/[]{},&*!|>%@`~é中 "), min_size=0, max_size=10)
_keys = st.sampled_from(["id", "subject", "predicate", "value", "quote", "note", "id", "other", "x-a"])


def _scalar(draw) -> str:
    word = draw(_words)
    style = draw(st.sampled_from(["plain", "single", "double", "flow"]))
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "flow":
        return "[" + ", ".join(draw(st.lists(_words, max_size=3))) + "]"
    return word


@st.composite
def _claim_file(draw) -> str:
    dash = draw(st.sampled_from([0, 2]))
    wide = draw(st.sampled_from([1, 1, 3]))
    lines = [HEAD.rstrip("\n"), "claims:"]
    for _ in range(draw(st.integers(1, 3))):
        keys = ["subject", "predicate", "value"] + draw(st.lists(_keys, max_size=3))
        keys = draw(st.permutations(keys))
        first = True
        for key in keys:
            pad = " " * dash + "-" + " " * wide if first else " " * (dash + 1 + wide)
            first = False
            comment = draw(st.sampled_from(["", "", "  # c", " #c"]))
            lines.append(f"{pad}{key}: {_scalar(draw)}{comment}")
            if draw(st.integers(0, 5)) == 0:
                lines.append(" " * (dash + 1 + wide) + "qualifiers:")
                for q in draw(st.lists(st.sampled_from(["org", "since", "x-b", "org"]), min_size=0, max_size=2)):
                    lines.append(" " * (dash + 3 + wide) + f"{q}: {_scalar(draw)}")
    return "\n".join(lines) + "\n"


@st.composite
def _damaged(draw) -> str:
    text = draw(_claim_file())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(len(HEAD), len(text)))
        text = text[:at] + draw(st.sampled_from(list(" \n-:#'\"[],\\xa&*!|>{}~"))) + text[at:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claim_file())
def test_generated_claim_files(text: str) -> None:
    assert _agrees(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damaged())
def test_damaged_claim_files(text: str) -> None:
    assert _agrees(text)


def test_unescape_reads_every_sequence_of_escapes() -> None:
    """Every well-formed run of text, \\" and \\\\ (up to six pieces) reads as a regular
    expression reading one escape at a time would."""
    import itertools
    import re

    from claimcheck.read.loadfast import _unescape

    one_at_a_time = re.compile(r'\\(["\\])')
    pieces = ["a", '\\"', "\\\\", "é"]
    for n in range(7):
        for combo in itertools.product(pieces, repeat=n):
            text = "".join(combo)
            assert _unescape(text) == one_at_a_time.sub(r"\1", text), text
