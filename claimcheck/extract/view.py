"""What every drafting rule works with: the Draft it proposes, the View of one
sentence it reads, and the small questions rules share (who is the subject
before a verb, is a name the object of a preposition, where a date phrase
ends, where a title written before a name begins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimcheck.extract.text import Doc, Mention, Sentence, Token

ARTICLES = frozenset({"a", "an", "the"})


PREPOSITIONS = frozenset({"in", "of", "at", "from", "for", "with", "by", "on", "to", "within", "without", "after",
                           "before", "over", "under", "about", "around", "than", "per", "via", "among",
                           "between", "during", "across", "through", "toward", "towards", "against",
                           "despite", "into", "onto", "upon", "like", "since", "until"})


PASSIVE = frozenset({"was", "were", "been", "be", "is", "are", "being"})


QUOTES = "\"'“”‘’"


YEAR = re.compile(r"1[0-9]{3}|2[01][0-9]{2}\Z")


_DECADE = re.compile(r"(?:1[0-9]|20)[0-9]0s\Z")
_RELATIVE = frozenset({"last", "this", "next", "earlier", "later"})
_RELATIVE_UNITS = frozenset({"week", "month", "year", "weekend", "summer", "spring", "autumn", "fall", "winter",
                             "morning", "afternoon", "evening", "night", "quarter", "decade", "century"})


_PARTS = frozenset({"early", "mid", "late", "mid-"})


@dataclass(frozen=True, slots=True)
class Draft:
    """A proposed claim: the subject is an entity key, or a name as the text writes it."""

    subject: str
    predicate: str
    value: str | int
    start: int  # the quote: article[start:end]
    end: int
    rule: str
    qualifiers: tuple[tuple[str, str], ...] = ()


class View:
    """One sentence with its tokens and mentions, and the questions rules ask of it."""

    def __init__(self, doc: Doc, s: Sentence) -> None:
        self.doc, self.s, self.toks, self.lex = doc, s, s.tokens, doc.lex
        self.mentions = doc.mentions[s.index]
        self._index = {t.start: i for i, t in enumerate(s.tokens)}
        self._starts: dict[int, Mention] = {}
        self._ends: dict[int, Mention] = {}
        for m in self.mentions:
            self._starts.setdefault(m.start, m)
            self._ends.setdefault(m.end, m)

    def index(self, offset: int) -> int:
        """The token at or after an offset."""
        if offset in self._index:
            return self._index[offset]
        return next((i for i, t in enumerate(self.toks) if t.start >= offset), len(self.toks))

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def phrase_at(self, i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[str, ...]:
        """The longest of `phrases` (indexed by first word) that the words from token i spell, or ()."""
        for phrase in phrases.get(self.low(i), ()):
            if all(self.low(i + x) == w for x, w in enumerate(phrase)):
                return phrase
        return ()

    def text(self, a: int, b: int) -> str:
        """The article's text from token a to token b - 1."""
        return self.doc.text[self.toks[a].start:self.toks[b - 1].end] if b > a else ""

    def starting(self, i: int) -> Mention | None:
        return self._starts.get(self.toks[i].start) if 0 <= i < len(self.toks) else None

    def ending(self, i: int) -> Mention | None:
        return self._ends.get(self.toks[i].end) if 0 <= i < len(self.toks) else None

    def after(self, m: Mention) -> int:
        """The token just after a mention."""
        return self.index(m.end)

    def before(self, m: Mention) -> int:
        return self.index(m.start) - 1

    def type(self, m: Mention) -> str:
        return self.doc.entities[m.key].type if m.key else ""

    def subject(self, m: Mention) -> str:
        return m.key


def strip_quotes(text: str) -> str:
    """A phrase without the quotation marks and end punctuation around it."""
    text = text.strip()
    while text and text[-1] in ",.;:" + QUOTES:
        text = text[:-1].rstrip()
    while text and text[0] in QUOTES:
        text = text[1:].lstrip()
    return text


def title_run(v: View, end: int) -> int:
    """The first token of the title written just before token `end` ("security technical
    leader"), or `end` when the word before it is not a title word."""
    lex = v.lex
    k = end - 1
    if k < 0 or title_norm(v.toks[k]) not in lex.roles:
        return end
    while k - 1 >= 0 and v.toks[k - 1].word and (
            title_norm(v.toks[k - 1]) in lex.roles or title_norm(v.toks[k - 1]) in lex.modifiers):
        k -= 1
    while k < end and v.low(k) == "and":
        k += 1
    return k


def title_norm(tok: Token) -> str:
    return tok.low.replace(".", "") if tok.low not in ("u.s.", "u.k.") else tok.low


def owner_before(v: View, i: int) -> tuple[Mention | None, int]:
    """The organization written before token i as "Acme's" / "the company's" / "Acme",
    and the first token of it."""
    if i - 1 >= 0 and v.toks[i - 1].text in ("'s", "’s"):
        m = v.ending(i - 2)
        return (m, v.index(m.start)) if m and m.key else (None, i)
    m = v.ending(i - 1)
    if m and m.key and v.type(m) == "organization":
        return m, v.index(m.start)
    return None, i


def governed(v: View, m: Mention) -> bool:
    """Whether a mention is the object of a preposition ("at the video giant Acme"), so
    not the subject of the verb after it."""
    k = v.index(m.start) - 1
    while k >= 0 and v.toks[k].word and (v.toks[k].text.islower() and v.low(k) not in v.lex.stopwords
                                          or v.low(k) in ARTICLES):
        k -= 1
    return k >= 0 and v.low(k) in ("at", "of", "in", "for", "from", "with", "by", "on", "about", "to")


def subject_before(v: View, i: int) -> Mention | None:
    """The nearest person or organization (or pronoun, or "the company") before token i."""
    for m in reversed([m for m in v.mentions if m.end <= v.toks[i].start]):
        if m.key and m.kind != "place" and v.type(m) in ("person", "organization", ""):
            return m
    return None


def leading_date(v: View) -> tuple[int, int] | None:
    """A date phrase opening the sentence and closed by a comma: "In October 2019, ..."."""
    span = date_span(v, 0)
    if span and v.index(span[1]) < len(v.toks) and v.toks[v.index(span[1])].text == ",":
        return span
    return None


def date_span(v: View, i: int) -> tuple[int, int] | None:
    """The offsets of a date phrase at token i, a leading preposition left out: "October 2019",
    "last week", "May and June", "the late 1990s", "Friday"."""
    lex, n = v.lex, len(v.toks)
    if v.low(i) in ("in", "on", "since", "during", "by", "until", "from"):
        i += 1
    a = i
    if v.low(i) == "the" and v.low(i + 1) in _PARTS:
        i += 1
    if v.low(i) in _PARTS:
        i += 1
    k = i
    if v.low(k) in _RELATIVE and (v.low(k + 1) in _RELATIVE_UNITS or v.low(k + 1) in lex.dates):
        k += 2
    else:
        while k < n:
            if v.low(k) in lex.dates or v.low(k) in lex.periods:
                k += 1
                if k < n and v.toks[k].text.isdigit() and len(v.toks[k].text) <= 2:
                    k += 1
                if k + 1 < n and v.toks[k].text == "," and YEAR.match(v.toks[k + 1].text):
                    k += 1
            elif YEAR.match(v.toks[k].text) or _DECADE.match(v.toks[k].text):
                k += 1
            elif k > i and v.low(k) == "and" and (v.low(k + 1) in lex.dates or YEAR.match(v.toks[k + 1].text)
                                                  if k + 1 < n else False):
                k += 1
            else:
                break
    if k == i or v.low(k - 1) == "and":
        return None
    return v.toks[a].start, v.toks[k - 1].end


CLAUSE_OPENERS = frozenset({",", ";", "after", "before", "when", "because", "that", "and", "but", "while", "as",
                            "since", "if", "although", "though", "once", "until"})


def clause_subject(v: View, i: int) -> Mention | None:
    """The subject of the clause that ends before token i: the last person or organization
    that opens a clause (at the sentence's start or after "after", "that", ",", ...) and is
    followed by a lower-case word ("after the ministry closed it" -> the ministry)."""
    for m in reversed([m for m in v.mentions if m.end <= v.toks[i].start if m.key]):
        if v.type(m) not in ("person", "organization", "") or m.kind == "place":
            continue
        k = v.index(m.start) - 1
        while k >= 0 and v.low(k) in ARTICLES:
            k -= 1
        nxt = v.after(m)
        if (k < 0 or v.low(k) in CLAUSE_OPENERS) and nxt <= i and v.toks[nxt].word and v.toks[nxt].text.islower():
            return m
    return None

