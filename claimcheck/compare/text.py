"""Compare free text: text.paraphrase, text.changed, text.name-changed, value.differs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claimcheck.compare.common import fold, number_text, quoted, words
from claimcheck.compare.numparse import figures
from claimcheck.records import Verdict
from claimcheck.tables import DEFAULT, Tables

# Similarity of the meaningful words (0-100, rapidfuzz token_set_ratio) from
# which two texts count as one statement reworded, or as one statement in
# which a figure, a negation or a name was changed.
PARAPHRASE = 70
CHANGED = 70  # "otherwise similar": below this, two texts say different things
_CASED = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?:;]$")
_OPENERS = " \t\n\"'([{"
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


@dataclass(frozen=True, slots=True)
class Knowledge:
    negations: frozenset[str]
    stopwords: frozenset[str]


@dataclass(frozen=True, slots=True)
class Text:
    """Free text as compared: its words, the words that carry meaning, figures, negations, names."""

    words: tuple[str, ...]
    content: str
    figures: Counter[float]
    negations: int
    names: frozenset[str]
    plain: frozenset[str]  # the words without possessive endings


@lru_cache(maxsize=16)
def knowledge(tables: Tables = DEFAULT) -> Knowledge:
    """The text tables of `tables`."""
    t = tables.get("text")
    return Knowledge(frozenset(t.get("negations", [])), frozenset(t.get("stopwords", [])))


def _stem(word: str) -> str:
    for _ in range(2):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
    return word.removesuffix("e") if len(word) > 3 else word


def _plain(word: str) -> str:
    """A word without its possessive ending: "Canada's" is "canada"."""
    return word.removesuffix("'s").removesuffix("'")


def _names(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Capitalized words: names, unless a common word opens a sentence."""
    out = set()
    for m in _CASED.finditer(text):
        word = m[0]
        if not word[0].isupper():
            continue
        before = text[: m.start()].rstrip(_OPENERS)
        name = _plain(word.lower())
        if (not before or _SENTENCE_END.search(before)) and name in stopwords:
            continue
        out.add(name)
    return frozenset(out)


@lru_cache(maxsize=1 << 18)
def read_text(text: str, tables: Tables = DEFAULT) -> Text:
    """`text` read for comparison."""
    k = knowledge(tables)
    ws = words(text)
    negations = sum(w in k.negations or w.endswith("n't") for w in ws)
    content = " ".join(sorted({_stem(w) for w in ws if w not in k.stopwords and not w[0].isdigit()}))
    names = _names(fold(text), k.stopwords)
    return Text(ws, content, Counter(figures(text, tables)), negations, names, frozenset(map(_plain, ws)))


def _changes(a: Text, b: Text, ta: str, tb: str) -> tuple[list[str], list[str]]:
    """What was changed, not merely added: (a figure replaced or a negation, a name replaced)."""
    out: list[str] = []
    fa, fb = a.figures - b.figures, b.figures - a.figures
    if fa and fb and _same_kind_of_figure(fa, fb):
        out.append(
            f"figures {_listed(number_text(x) for x in fa.elements())} vs "
            f"{_listed(number_text(x) for x in fb.elements())}"
        )
    if a.negations != b.negations:
        has = ta if a.negations > b.negations else tb
        out.append(f"a negation in '{has}' only")
    na = [n for n in a.names if n not in b.plain]
    nb = [n for n in b.names if n not in a.plain]
    names = [f"names {_listed(na)} vs {_listed(nb)}"] if na and nb else []
    return out, names


def _is_year(x: float) -> bool:
    return x == int(x) and 1000 <= x <= 2199


def _same_kind_of_figure(fa: Counter, fb: Counter) -> bool:
    """A figure replaced by another of its kind: a year by a year, a count by a count.

    "the 31st anniversary" and "the 1989 massacre" carry different figures,
    but a year set against an ordinal or a count is not a changed figure.
    """
    return any(_is_year(x) == _is_year(y) for x in fa for y in fb)


def _listed(items: Iterable[str]) -> str:
    return quoted(sorted(items))


def compare_text(a: str, b: str, tables: Tables = DEFAULT) -> Verdict:
    """The verdict on two pieces of free text."""
    ra, rb = read_text(a, tables), read_text(b, tables)
    if ra.words == rb.words:
        return Verdict(None, f"'{a}' and '{b}' are the same words")
    similarity = fuzz.token_set_ratio(ra.content, rb.content)
    changes, names = _changes(ra, rb, a, b) if similarity >= CHANGED else ([], [])
    if changes:
        return Verdict(
            "text.changed",
            f"'{a}' and '{b}' say much the same ({similarity:.0f}% alike) but differ in "
            + "; ".join(changes + names),
        )
    if names:
        return Verdict(
            "text.name-changed",
            f"'{a}' and '{b}' say much the same ({similarity:.0f}% alike) but differ in " + "; ".join(names)
            + ": they may or may not name one thing",
        )
    if similarity >= PARAPHRASE:
        return Verdict(
            "text.paraphrase",
            f"'{a}' and '{b}' use different words ({similarity:.0f}% alike) with the same figures, names and negations",
        )
    return Verdict("value.differs", f"'{a}' and '{b}' say different things ({similarity:.0f}% alike)")
