"""The fast block-layout reader must build exactly the event parser's tree, or decline.

Three tables of evidence: hand-written cases (what it reads, what it hands
back), every YAML file of the repository (claims, test cases, the hostile
corpus), and generated documents with random damage (hypothesis).
"""

from __future__ import annotations

import itertools
import pathlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.yamlfast import _unescape, read
from claimcheck.yamlsafe import Limits, LoadError, decode, parse

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _slow(text: str, limits: Limits = Limits()):
    try:
        return parse(text, "t.yaml", limits, fast=False)
    except LoadError:
        return None


def _agrees(text: str, limits: Limits = Limits()) -> bool:
    fast = read(text, limits)
    return fast is None or fast == _slow(text, limits)


READS = [  # (case, text): the fast reader answers, and its tree is the event parser's
    ("mapping", "a: 1\nb: two\n"),
    ("nested", "source:\n  id: s1\n  kind: report\nclaims:\n  - id: c1\n    value: 4\n"),
    ("list at its key's indent", "claims:\n- id: c1\n  subject: Ann\n- id: c2\n  subject: Bo\n"),
    ("scalar items", "a:\n  - x\n  - 'y'\n  - \"z\"\n"),
    ("double quotes with escapes", 'q: "she said \\"no\\" \\\\ twice"\n'),
    ("single quotes", "q: 'it''s'\n"),
    ("comments", "# head\na: 1  # one\n\n  # indented comment\nb: x#y\n"),
    ("numbers and nulls", "a: 010\nb: 1.50\nc: 1e3\nd: ~\ne: null\ng: 1:20\n"),
    ("words that are not booleans", "a: yes\nb: on\nc: 2020-01-01\n"),
    ("flow list", "aliases: [Jin, \"X. Jin\", 'Ann''s', 3]\nnone: []\n"),
    ("colon inside text", "url: http://example.com/a:b\n"),
    ("unicode", "name: Łukasz Żółć\nnote: 中文 — “quotes”\n"),
    ("qualifiers", "claims:\n  - id: c1\n    qualifiers:\n      organization: Zoom\n      since: 2019\n"),
]

DECLINES = [  # (case, text): outside the layout; the event parser reads it
    ("block scalar", "note: >-\n  folded\n  text\n"),
    ("literal", "note: |\n  kept\n"),
    ("anchor", "a: &x 1\nb: *x\n"),
    ("tag", "a: !!str 1\n"),
    ("flow mapping", "a: {b: 1}\n"),
    ("multi-line plain", "a: one\n  two\n"),
    ("multi-line quoted", 'a: "one\n  two"\n'),
    ("other escape", 'a: "line\\nbreak"\n'),
    ("empty value", "a:\nb: 1\n"),
    ("empty value at the end", "a: 1\nb:\n"),
    ("duplicate key", "a: 1\na: 2\n"),
    ("quoted key", '"a": 1\n'),
    ("number key", "1: a\n"),
    ("null key", "null: a\n"),
    ("merge key", "<<: a\n"),
    ("tab", "a:\t1\n"),
    ("crlf", "a: 1\r\nb: 2\r\n"),
    ("document marker", "---\na: 1\n"),
    ("directive", "%YAML 1.1\n---\na: 1\n"),
    ("top-level list", "- a\n- b\n"),
    ("item below its dash", "a:\n  -\n    b: 1\n"),
    ("text after a quote", 'a: "x" y\n'),
    ("mapping value in text", "a: b: c\n"),
    ("bad indent", "a:\n    b: 1\n  c: 2\n"),
    ("empty", ""),
    ("comment only", "# nothing\n"),
    ("long key", "k" * 1100 + ": v\n"),
]


@pytest.mark.parametrize("case,text", READS, ids=[c for c, _ in READS])
def test_reads_the_layout(case: str, text: str) -> None:
    fast = read(text)
    assert fast is not None, case
    assert fast == _slow(text)


@pytest.mark.parametrize("case,text", DECLINES, ids=[c for c, _ in DECLINES])
def test_declines_the_rest(case: str, text: str) -> None:
    assert read(text) is None, case


def test_limits_hand_the_file_back() -> None:
    text = "a:\n  b:\n    c:\n      d: 1\n"
    assert read(text, Limits(max_depth=3)) is None
    assert read(text, Limits(max_depth=4)) == _slow(text)
    assert read("a: 1\nb: 2\n", Limits(max_nodes=4)) is None  # root, 2 keys, 2 values


def _repository_yaml() -> list[pathlib.Path]:
    return sorted(p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and ".venv" not in p.parts
                  and "node_modules" not in p.parts)


def test_every_yaml_file_of_the_repository() -> None:
    read_fast = 0
    for path in _repository_yaml():
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except LoadError:
            continue
        assert _agrees(text), path
        read_fast += read(text) is not None
    assert read_fast >= 50  # most test cases use the layout


# -- generated documents, then damaged --

_words = st.text(alphabet=st.sampled_from("abcXY z019.-_:#'\"\\/[]{},&*!|>%@`~é中 "), min_size=1, max_size=12)
_keys = st.from_regex(r"[a-z][a-z0-9_.\-]{0,8}", fullmatch=True)


def _scalar(draw) -> str:
    word = draw(_words)
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


@st.composite
def _document(draw) -> str:
    lines: list[str] = []

    def mapping(indent: int, depth: int) -> None:
        for key in draw(st.lists(_keys, min_size=1, max_size=4, unique=True)):
            kind = draw(st.sampled_from(["scalar", "scalar", "map", "seq", "flow"] if depth < 3 else ["scalar"]))
            pad = " " * indent
            if kind == "scalar":
                comment = draw(st.sampled_from(["", "  # c", " #c"]))
                lines.append(f"{pad}{key}: {_scalar(draw)}{comment}")
            elif kind == "flow":
                items = draw(st.lists(st.builds(lambda: None), max_size=3))
                lines.append(f"{pad}{key}: [{', '.join(_scalar(draw) for _ in items)}]")
            elif kind == "map":
                lines.append(f"{pad}{key}:")
                mapping(indent + draw(st.sampled_from([2, 4])), depth + 1)
            else:
                lines.append(f"{pad}{key}:")
                dash = indent + draw(st.sampled_from([0, 2]))
                for _ in range(draw(st.integers(1, 3))):
                    if draw(st.booleans()):
                        lines.append(" " * dash + "- " + _scalar(draw))
                    else:
                        first = len(lines)
                        mapping(dash + 2, depth + 1)
                        lines[first] = " " * dash + "- " + lines[first][dash + 2:]

    mapping(0, 0)
    return "\n".join(lines) + "\n"


@st.composite
def _damaged(draw) -> str:
    text = draw(_document())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(list(" \n-:#'\"[],\\xa&*!|>{}"))) + text[at:]
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document())
def test_generated_documents(text: str) -> None:
    assert _agrees(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damaged())
def test_damaged_documents(text: str) -> None:
    assert _agrees(text)


def test_unescape_reads_every_sequence_of_escapes() -> None:
    """Every well-formed run of text, \\" and \\\\ (up to six pieces) reads as a regular
    expression reading one escape at a time would."""
    one_at_a_time = re.compile(r'\\(["\\])')
    pieces = ["a", '\\"', "\\\\", "é"]
    for n in range(7):
        for combo in itertools.product(pieces, repeat=n):
            text = "".join(combo)
            assert _unescape(text) == one_at_a_time.sub(r"\1", text), text
