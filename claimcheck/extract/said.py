"""What a statement says, as a value: the words kept and left out, one statement read as
two (a report and a promise), an organization speaking of itself as "it", and a
speaker who goes on in the next sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.view import Draft, View, strip_quotes

_TRAILING = re.compile(r",\s+(?:as\s+(?:he|she|they|it|\w+)\s+put\s+it|according\s+to\s.*|as\s+stated\s+in\s.*)$",
                       re.IGNORECASE | re.DOTALL)
MIN_STATEMENT = 3  # words
_CREDIT = re.compile(r"\s*\((?:[A-Z][\w.&'-]*\s*){1,4}\)\Z")  # a photo or wire credit: "(Agency)"
_AUX = frozenset({"had", "has", "have", "was", "were", "is", "are"})
QUOTE_MARKS = frozenset("\"“”")


def statement_value(v: View, text: str) -> str:
    """A statement as its value: without a trailing "according to ...", a credit "(Agency)",
    the quotation marks around it, and a word like "also" that points at the sentences before."""
    text = strip_quotes(_CREDIT.sub("", _TRAILING.sub("", text)))
    words = text.split(" ")
    for n, w in enumerate(words[:8]):
        if w.lower() in v.lex.context_adverbs and words[n + 1:n + 2] != ["known"] and len(words) > 1:
            return " ".join(words[:n] + words[n + 1:])
    return text


def itself(v: View, key: str, value: str, pronoun: str) -> str:
    """An organization's statement speaks of it as "it": "We will ..." or, said by "she",
    "she regrets ..." is "it will ...", "it regrets ..."."""
    first, _, rest = value.partition(" ")
    verb = rest.split(" ", 1)[0].lower()
    agrees = verb in v.lex.modals or verb in ("had", "did") or verb.endswith("ed") or first.lower() == pronoun
    if rest and agrees and key in v.doc.entities and v.doc.entities[key].type == "organization" \
            and (first.lower() == "we" or pronoun and first.lower() == pronoun):
        return f"it {rest}"  # not "we take" (that would read "it take")
    return value


def promise(v: View, a: int, b: int) -> tuple[int, int] | None:
    """In "it had repaid X and would no longer Y": the auxiliary after the subject ("had") and
    the "and" before a modal, when the modal differs from that auxiliary."""
    for x in range(a + 2, b - 1):
        if v.low(x) == "and" and v.low(x + 1) in v.lex.modals:
            aux = next((y for y in range(a + 1, min(a + 4, x)) if v.low(y) in _AUX | v.lex.modals), None)
            return None if aux is None or v.low(aux) == v.low(x + 1) else (aux, x)
    return None


def continued(v: View) -> Iterator[Draft]:
    """The speaker of the sentence before goes on: 'Roe said X. The plan "will not work."'"""
    doc, toks = v.doc, v.toks
    before = v.s.index - 1
    key = doc.speakers.get(before)
    if not key or before < 0 or "\n" in doc.text[doc.sentences[before].end:v.s.start] \
            or not any(t.text in QUOTE_MARKS for t in toks) \
            or any(t.low in v.lex.attribution and t.text.islower() or t.low == "according" for t in toks):
        return
    b = len(toks)
    while b > 0 and (toks[b - 1].text in (".", "!", "?") or toks[b - 1].text in QUOTE_MARKS):
        b -= 1
    value = statement_value(v, v.text(0, b))
    if len(value.split()) >= MIN_STATEMENT:
        doc.speakers[v.s.index] = key
        yield Draft(key, "said", value, toks[0].start, toks[b - 1].end, "statement continued")
