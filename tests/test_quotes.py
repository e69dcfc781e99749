"""The quote check, as tables of quotes and where they must be found.

Every expected line:col was read off the text by hand (or, for the
synthetic text, follows from how it is built), never from the code under test.
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

import pytest

from claimcheck.read.quotes import SourceText, check_quote

TEXTS = Path(__file__).parent.parent / "claims" / "texts"
TT = "techtarget.txt"
WAPO = "wapo-retranslated.txt"


@cache
def seed(name: str) -> SourceText:
    return SourceText.from_file(str(TEXTS / name))


# file, quote, line, col, actual (the original text at that place)
EXACT = [
    (TT, "Zoom has fired exec Xinjiang Jin.", 5, 136, "Zoom has fired exec Xinjiang Jin."),
    (TT, "Last week, Zoom fired executive", 9, 1, "Last week, Zoom fired executive"),
    (TT, "Zoom fired executive Xinjiang Jin", 9, 12, "Zoom fired executive Xinjiang Jin"),
    # across a paragraph break: "\n\n" in the text, one space in the quote
    (
        TT,
        "Zoom has fired exec Xinjiang Jin. Zoom has fired a China-based executive",
        5,
        136,
        "Zoom has fired exec Xinjiang Jin.\n\nZoom has fired a China-based executive",
    ),
    # the text's straight quotes written curly, its hyphen written as an en dash
    (
        TT,
        "The complaint also “lays bare the Faustian bargain”",
        13,
        170,
        'The complaint also "lays bare the Faustian bargain"',
    ),
    (TT, "a China–based Zoom executive", 5, 36, "a China-based Zoom executive"),
    # the text's curly quotes written straight
    (
        WAPO,
        '"a limited amount of individual user data with the Chinese authorities,"',
        21,
        28,
        "“a limited amount of individual user data with the Chinese authorities,”",
    ),
    (
        WAPO,
        "the company “must comply with the laws in the countries in which we operate”",
        41,
        42,
        'the company "must comply with the laws in the countries in which we operate"',
    ),
    # the text's " - " written as an em dash
    (
        WAPO,
        "government — as FBI agents alleged",
        9,
        37,
        "government - as FBI agents alleged",
    ),
    # the passage occurs twice: the first one is reported
    (WAPO, "Eric Yuan, was born in China", 25, 20, "Eric Yuan, was born in China"),
]


@pytest.mark.parametrize(("file", "quote", "line", "col", "actual"), EXACT)
def test_exact(file: str, quote: str, line: int, col: int, actual: str) -> None:
    match = check_quote(quote, seed(file))
    assert (match.status, match.line, match.col, match.actual) == ("exact", line, col, actual)
    assert match.score == 100
    assert match.diff == ""


# file, quote, line, col, actual, diff (quote's words -> source's words)
MISMATCH = [
    (
        TT,
        "Last week, Zoom dismissed executive Xinjiang Jin after the U.S. Justice Department",
        9,
        1,
        "Last week, Zoom fired executive Xinjiang Jin after the U.S. Justice Department",
        "'dismissed' -> 'fired'",
    ),
    (
        TT,
        "Last week, Zoom fired executive Xinjiang Jin after the Justice Department charged him",
        9,
        1,
        "Last week, Zoom fired executive Xinjiang Jin after the U.S. Justice Department "
        "charged him",
        "missing 'U.S.'",
    ),
    (
        TT,
        "Zoom fired executive Jin",
        9,
        12,
        "Zoom fired executive Xinjiang Jin",
        "missing 'Xinjiang'",
    ),
    (
        TT,
        "Zoom fired former executive Xinjiang Jin",
        9,
        12,
        "Zoom fired executive Xinjiang Jin",
        "added 'former'",
    ),
    (
        TT,
        "last week, zoom fired executive Xinjiang Jin",
        9,
        1,
        "Last week, Zoom fired executive Xinjiang Jin",
        "'last' -> 'Last'; 'zoom' -> 'Zoom'",
    ),
    (
        TT,
        "acting U.S. Attorney for the Eastern District of New York",
        13,
        32,
        "acting U.S. attorney for the Eastern District of New York",
        "'Attorney' -> 'attorney'",
    ),
    (
        TT,
        "Jin would face up to 15 years in prison if tried in the United States",
        11,
        1,
        "Jin would face up to 10 years in prison if tried in the United States",
        "'15' -> '10'",
    ),
    # the source's sentence goes on past the quote ("information to the government.")
    (
        TT,
        "The Justice Department has accused a China-based Zoom executive of sending "
        "Chinese dissidents' private information",
        5,
        1,
        "The Justice Department has accused a China-based Zoom executive of sending "
        "Chinese dissidents' personal information",
        "'private' -> 'personal'",
    ),
    (
        WAPO,
        "in addition to data of no more than 12 users outside of China",
        21,
        101,  # in characters: the curly quotes before it are 3 bytes each
        "in addition to data of no more than 10 users outside of China",
        "'12' -> '10'",
    ),
    # curly quotes in the text, straight in the quote; the diff shows them straight
    (
        WAPO,
        '"a limited amount of individual user data with the Chinese government,"',
        21,
        28,
        "“a limited amount of individual user data with the Chinese authorities,”",
        "'government,\"' -> 'authorities,\"'",
    ),
]


@pytest.mark.parametrize(("file", "quote", "line", "col", "actual", "diff"), MISMATCH)
def test_mismatch(file: str, quote: str, line: int, col: int, actual: str, diff: str) -> None:
    match = check_quote(quote, seed(file))
    assert (match.status, match.line, match.col) == ("mismatch", line, col)
    assert (match.actual, match.diff) == (actual, diff)
    assert 70 <= match.score < 100


# file, quote
MISSING = [
    # whole sentences of the other article on the same story
    (TT, "The company said it shares a limited amount of individual user data with the Chinese"),
    (
        TT,
        "Jin monitored Zoom's video system for discussions on political and religious topics "
        "that the ruling Communist Party in China deemed unacceptable",
    ),
    (
        WAPO,
        "Zoom also placed several other employees on administrative leave pending the "
        "completion of an internal investigation.",
    ),
    (WAPO, "Jin would face up to 10 years in prison if tried in the United States."),
    (TT, "The quick brown fox jumps over the lazy dog"),
    (TT, ""),
    (TT, " \n\u00a0"),
    # only part of a word ("fired")
    (TT, "fire"),
]


@pytest.mark.parametrize(("file", "quote"), MISSING)
def test_missing(file: str, quote: str) -> None:
    match = check_quote(quote, seed(file))
    assert (match.status, match.line, match.col, match.actual, match.diff) == (
        "missing",
        0,
        0,
        "",
        "",
    )


# text, quote, status, line, col, actual: white space and typography in small texts
SMALL = [
    ("Alpha beta\u00a0gamma\n\t delta", "beta gamma delta", "exact", 1, 7,
     "beta\u00a0gamma\n\t delta"),
    ("\n\n  Hello  world", "Hello world", "exact", 3, 3, "Hello  world"),
    ("He said ‘no’ ― twice.", "He said 'no' - twice.", "exact", 1, 1, "He said ‘no’ ― twice."),
    ("He said 'no' - twice.", "said ‚no‛ ‒ twice", "exact", 1, 4, "said 'no' - twice"),
    ("«Oui», dit-il.", '"Oui", dit−il.', "exact", 1, 1, "«Oui», dit-il."),
    ("x\r\ny\r\nsome words here", "y some words", "exact", 2, 1, "y\r\nsome words"),
    ("one two three four five six", "one two THREE four five six", "mismatch", 1, 1,
     "one two three four five six"),
    ("", "anything", "missing", 0, 0, ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "quote", "status", "line", "col", "actual"), SMALL)
def test_small_texts(text: str, quote: str, status: str, line: int, col: int, actual: str) -> None:
    match = check_quote(quote, SourceText(text))
    assert (match.status, match.line, match.col, match.actual) == (status, line, col, actual)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_from_file_keeps_newlines_and_drops_bom(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "source.txt"
    path.write_bytes(("\ufeffTitle" + newline + "He was “fired” today.").encode())
    match = check_quote('"fired" today', SourceText.from_file(str(path)))
    assert (match.status, match.line, match.col, match.actual) == ("exact", 2, 8, "“fired” today")
    across = check_quote("Title He", SourceText.from_file(str(path)))
    assert (across.line, across.col, across.actual) == (1, 1, "Title" + newline + "He")


# A deterministic text of more than 1 MB: 14,000 lines of 12 words drawn from
# the TechTarget article, with known sentences planted near the end.
PLANTED = (
    "Last week, Zoom fired executive Xinjiang Jin after the U.S. Justice Department charged him"
)


@pytest.fixture(scope="module")
def big() -> SourceText:
    vocab = (TEXTS / TT).read_text(encoding="utf-8").split()
    rng = random.Random(2024)
    lines = [" ".join(rng.choice(vocab) for _ in range(12)) for _ in range(14_000)]
    lines[13_989] = "Quoted here: " + PLANTED  # line 13990, the quote at col 14
    lines[13_994] = "Jin would face up to 10 years in prison"  # line 13995 ...
    lines[13_995] = "if tried in the United States."  # ... running on to 13996
    text = "\n".join(lines) + "\n"
    assert len(text) > 1_000_000
    return SourceText(text)


# quote, status, line, col, diff
BIG = [
    (PLANTED, "exact", 13990, 14, ""),
    (PLANTED.replace("fired", "dismissed"), "mismatch", 13990, 14, "'dismissed' -> 'fired'"),
    (PLANTED.replace("U.S. ", ""), "mismatch", 13990, 14, "missing 'U.S.'"),
    (PLANTED.replace("Last week", "last week"), "mismatch", 13990, 14, "'last' -> 'Last'"),
    ("Jin would face up to 10 years in prison if tried in the United States.", "exact",
     13995, 1, ""),
    ("Jin would face up to 15 years in prison if tried in the United States.", "mismatch",
     13995, 1, "'15' -> '10'"),
    ("Jin monitored Zoom's video system for discussions on political and religious topics",
     "missing", 0, 0, ""),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "status", "line", "col", "diff"), BIG)
def test_one_megabyte_text(
    big: SourceText, quote: str, status: str, line: int, col: int, diff: str
) -> None:
    match = check_quote(quote, big)
    assert (match.status, match.line, match.col, match.diff) == (status, line, col, diff)
