"""Drafting accusations: what accusers say a person did, lawsuits "alleging" an act,
and a person "accused of" several acts, one claim per act.

"Prosecutors said (that) Ann Roe had moved the funds" -> Ann Roe accused of
"moved the funds", accused by Prosecutors; "a lawsuit alleging the company
shared data" -> the company accused of "shared data"; "an executive accused of
hiding losses and shredding files" -> two claims. The accusers are a word
list (data/extract.yaml `accusers`); documents that accuse are read by the
statement rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.said import statement_value
from claimcheck.extract.statements import clause_end, speaker
from claimcheck.extract.text import Mention
from claimcheck.extract.view import ARTICLES, PREPOSITIONS, Draft, View

_MIN_ACT = 2  # words
_PERFECT = frozenset({"had", "has", "have"})


def accusations(v: View) -> Iterator[Draft]:
    """"Prosecutors said Ann Roe had moved X" -> accused of "moved X" (and accused by);
    "alleging (that) Acme hid X" -> accused of; "accused of A and B-ing C" -> one claim each."""
    lex = v.lex
    for i, t in enumerate(v.toks):
        if t.low in lex.attribution and t.text.islower():
            key, sa, _ = speaker(v, i)
            if key and accuser(v, sa, i):
                yield from _accused_by_speaker(v, sa, i)
        elif t.low in lex.allegation_verbs and t.text.islower():
            a = i + 1 + (v.low(i + 1) == "that")
            who = _subject_at(v, a)
            if who is not None:
                for x, y in act_items(v, v.after(who), clause_end(v, a)):
                    yield Draft(who.key, "accused of", _act(v, x, y), t.start, v.toks[y - 1].end, "alleging")


def evidence(v: View) -> Iterator[Draft]:
    """"Citing bank records, investigators said ..." -> investigators cited: bank records."""
    predicate = v.lex.evidence.get(v.low(0), "")
    c = next((x for x in range(2, len(v.toks)) if v.toks[x].text == ","), 0) if predicate else 0
    who = _subject_at(v, c + 1) if c else None
    if who is not None:
        yield Draft(who.key, predicate, v.text(1, c), v.toks[0].start, who.end, "citing")


def accuser(v: View, sa: int, verb: int) -> str:
    """The words of the speaker from token sa to the attribution verb, if an accuser
    ("Federal prosecutors", "police investigators"); else ""."""
    e = verb
    while e > sa and v.low(e - 1) in v.lex.fillers | _PERFECT:
        e -= 1
    return v.text(sa, e) if {v.low(x) for x in range(sa, e)} & v.lex.accusers else ""


def _accused_by_speaker(v: View, sa: int, verb: int) -> Iterator[Draft]:
    """An accuser's statement whose subject is a person: the acts it says they did."""
    by = accuser(v, sa, verb)
    a = verb + 1
    while a < len(v.toks) and (v.low(a) in v.lex.fillers or v.low(a) in v.lex.dates) and v.low(a) != "that":
        a += 1
    a += v.low(a) == "that"
    who = _subject_at(v, a)
    if who is None or v.type(who) != "person":
        return
    end = clause_end(v, a)
    acts = act_items(v, _verb_after(v, who), end, split_gerunds=False)
    if not acts:
        return
    yield Draft(who.key, "accused by", by, v.toks[sa].start, who.end, "accuser says")
    for x, y in acts:
        yield Draft(who.key, "accused of", _act(v, x, y), v.toks[x].start, v.toks[y - 1].end, "accuser says",
                    (("accused by", by),))


def _subject_at(v: View, a: int) -> Mention | None:
    """The person or organization that opens a clause at token a ("the Paris-based Ann Roe",
    "a senior executive at Acme", "the company")."""
    k = a
    while k < len(v.toks) and (v.low(k) in ARTICLES or v.toks[k].low.endswith(v.lex.place_suffixes)):
        m = v.starting(k)
        if m is not None and m.key and m.kind != "place":  # "the company"
            break
        k += 1
    m = v.starting(k)
    if m is None or not m.key or v.type(m) not in ("person", "organization"):
        return None
    return m


def _verb_after(v: View, who: Mention) -> int:
    """The first token after a subject and the phrase that may qualify it ("at Acme")."""
    k = v.after(who)
    if v.low(k) in PREPOSITIONS:
        m = next((x for x in v.mentions if x.key and v.index(x.start) > k and v.index(x.start) <= k + 6), None)
        if m is not None:
            k = v.after(m)
    return k


def act_items(v: View, a: int, b: int, split_gerunds: bool = True) -> list[tuple[int, int]]:
    """The acts from token a to b: one range, split before ", <verb>ing" (a participle that
    adds an act); with split_gerunds, also "A-ing X and B-ing Y" into two."""
    if a >= b or not v.toks[a].word or not v.toks[a].text.islower() or v.low(a) in PREPOSITIONS \
            or v.low(a) in ARTICLES:
        return []
    out, start = [], a
    for x in range(a + 1, b - 1):
        nxt = v.low(x + 1)
        gerund = nxt.endswith("ing") and len(nxt) > 4 and v.toks[x + 1].text.islower()
        if gerund and (v.low(x) == "," or split_gerunds and v.low(x) == "and" and v.low(a).endswith("ing")):
            out.append((start, x))
            start = x + 1
    out.append((start, b))
    return [(x, y) for x, y in out if y - x >= _MIN_ACT]


def _act(v: View, a: int, b: int) -> str:
    """An act as a value: "had moved X" is "moved X" (the reported past), without "also"."""
    if v.low(a) in _PERFECT and a + 1 < b and v.low(a + 1).endswith(("ed", "en", "t")):
        a += 1
    return statement_value(v, v.text(a, b))
