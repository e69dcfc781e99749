"""Drafting attributed statements: who said what ("said", "told", "according to").

Reads "X said (that) S", "S, X said", '"S," said X', "According to X, S",
"As X explains, S". The speaker is a name, a pronoun (the speaker of the
statements just before, else the nearest person), "the company", or the noun
phrase as written ("Human rights activists"). A statement by an accusing
document ("According to the complaint, Ann Roe did X") is drafted as
"Ann Roe accused of X" instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.said import MIN_STATEMENT, QUOTE_MARKS, continued, itself, promise, statement_value
from claimcheck.extract.view import ARTICLES, YEAR, Draft, View, clause_subject, date_span

_SKIP_BEFORE_VERB = frozenset({"also", "later", "previously", "has", "had", "have", "then", "further", "again",
                               "recently", "separately", "publicly", "once", "first", "reportedly", "will",
                               "would", "could", "may", "might", "can", "now", "already", "still"})


# Attribution verbs that report a statement only with "that", a colon or a quotation after
# them, or after the statement ("added 4 companies to a list" is no statement).
_NEEDS_THAT = frozenset({"added", "adds", "noted", "reported", "confirmed", "continued", "acknowledged",
                         "claimed", "announced", "warned", "recalled", "admitted", "conceded", "stressed",
                         "told", "tells", "explained", "emphasized", "emphasised", "insisted", "argued",
                         "declared", "testified", "wrote", "writes"})

def speaker(v: View, i: int) -> tuple[str, int, bool]:
    """Who does what the verb at token i says: (entity key or name as written, first token,
    whether it is a document that accuses). ("", i, False) when there is nobody to name."""
    lex = v.lex
    k = i - 1
    while k >= 0 and (v.low(k) in _SKIP_BEFORE_VERB or v.low(k) in lex.dates and v.low(k - 1) in ("on", "in")):
        k -= 1 if v.low(k) in _SKIP_BEFORE_VERB else 2  # "Prosecutors on Tuesday charged"
    if k < 0:
        return "", i, False
    m = v.ending(k)
    if m is not None and m.kind in ("pronoun", "ref"):
        return m.key, v.index(m.start), False
    if v.low(k) == ",":
        q = k
        for _ in range(3):  # "Ann Roe, a lawyer at Acme, said" / "Acme's lawyer, Ann Roe, said"
            p = q - 1
            while p >= 0 and v.toks[p].text != ",":
                p -= 1
            whole = v.ending(q - 1)
            if whole is not None and whole.key and whole.kind == "name" and v.index(whole.start) == p + 1:
                return whole.key, p + 1, False
            m = v.ending(p - 1) if p > 0 else None
            if m is not None and m.key and m.kind in ("name", "garbled"):
                return m.key, v.index(m.start), False
            if p <= 0:
                break
            q = p
        return "", i, False
    x = k
    while x >= 0 and k - x < 8:
        m = v.ending(x)
        if m is not None:
            x = v.index(m.start) - 1
            y = x - (v.low(x) == "the")
            if v.low(y) in ("in", "of", "at", "from", "for") and y >= 1 and v.toks[y - 1].word \
                    and v.low(y - 1) not in lex.stopwords:
                x = y - 1  # "prosecutors in the United States"
                continue
            break
        if not v.toks[x].word or v.low(x) in lex.stopwords:
            break
        x -= 1
    a = x + 1
    while a <= k and v.low(a) in ARTICLES:
        a += 1
    if a > k:
        return "", i, False
    words = [v.low(y) for y in range(a, k + 1)]
    document = any(tuple(words[-len(d):]) == d for d in lex.documents)
    inside = [y for y in v.mentions if v.toks[a].start <= y.start and y.end <= v.toks[k].end and y.key]
    whole = next((y for y in inside if y.start == v.toks[a].start and y.end == v.toks[k].end), None)
    if whole is not None:
        return whole.key, a, document or v.type(whole) == "thing"
    if inside and (words[-1] in lex.speaker_roles or words[-1] in ("report", "statement", "suit")
                   or any(words[-1] == d[-1] for d in lex.documents)):
        return inside[-1].key, a, document
    if all(w in lex.speaker_roles for w in words):  # "the statement said": whoever spoke just before
        recent = next((v.doc.speakers[x] for x in (v.s.index, v.s.index - 1, v.s.index - 2)
                       if x in v.doc.speakers), "")
        return recent, a, False
    if len(words) == 1 and words[0] in lex.openers:
        return "", i, False
    return v.text(a, k + 1), a, document


def clause_end(v: View, a: int) -> int:
    """The token where the clause starting at token a ends (before a trailing "according to")."""
    b = len(v.toks)
    while b > a and v.toks[b - 1].text in (".", "!", "?"):
        b -= 1
    for x in range(a + 1, b):
        if v.toks[x].text != ",":
            continue
        if x + 1 < b and v.toks[x + 1].text in QUOTE_MARKS and v.toks[x + 1].start == v.toks[x].end \
                and (x + 2 >= b or v.toks[x + 2].start > v.toks[x + 1].end):
            return x  # '..., X," the company said' / 'it shares "X," in addition to': the quotation closes
        if v.low(x + 1) == "according" or v.low(x + 1) == "as" and v.low(x + 2) in ("stated", "he", "she", "they"):
            return x
        if v.low(x + 1) in v.lex.participles:  # "..., adding that ...": another statement
            return x
        if v.low(x + 1) in ("and", "but") and any(v.low(y) in v.lex.attribution and v.toks[y].text.islower()
                                                  and v.low(y + 1) == "that" for y in range(x + 2, min(x + 7, b))):
            return x  # ", and the statement stated that ...": another statement
    return b


def _statement(v: View, key: str, a: int, b: int, qs: int, qe: int, rule: str, document: bool,
               quals: tuple = (), pronoun: str = "") -> Iterator[Draft]:
    value = itself(v, key, statement_value(v, v.text(a, b)), pronoun)
    if not key or len(value.split()) < MIN_STATEMENT:
        return
    if rule in ("speaker said", "statement before speaker"):
        v.doc.speakers[v.s.index] = key  # who "he added" in the sentences after means
    if document:  # "According to the complaint, Ann Roe did X" -> Ann Roe accused of X
        while a < b and not v.toks[a].word:
            a += 1
        m = v.starting(a)
        if m is not None and m.key and v.type(m) in ("person", "organization") and v.index(m.end) < b \
                and v.toks[v.index(m.end)].word:
            rest = statement_value(v, v.text(v.index(m.end), b))
            if len(rest.split()) >= MIN_STATEMENT:
                name = key if key not in v.doc.entities else v.doc.entities[key].name
                yield Draft(m.key, "accused of", rest, m.start, v.toks[b - 1].end, "document says",
                            (("according to", name),))
                if rule != "statement before speaker":  # "S, the complaint said" is also its statement
                    return
    split = promise(v, a, b) if qs <= a and qe == b else None
    if split is not None:  # "it had repaid X and would no longer Y": a report and a promise
        aux, x = split
        yield Draft(key, "said", statement_value(v, v.text(a, x)), v.toks[qs].start, v.toks[x - 1].end, rule, quals)
        yield Draft(key, "said", f"{v.text(a, aux)} {statement_value(v, v.text(x + 1, b))}", v.toks[x + 1].start,
                    v.toks[qe - 1].end, rule, quals)
        return
    yield Draft(key, "said", value, v.toks[qs].start, v.toks[qe - 1].end, rule, quals)


def statements(v: View) -> Iterator[Draft]:
    """"Ann Roe said (that) X", "X, Ann Roe said", "According to Y, X", "Acme closed the plant,
    saying X" -> said; a sentence with a quotation right after a statement, in the same
    paragraph and attributed to nobody else, is the same speaker's."""
    found = False
    for d in _attributed(v):
        found = True
        yield d
    if not found:
        yield from continued(v)


def _attributed(v: View) -> Iterator[Draft]:
    lex, toks, n = v.lex, v.toks, len(v.toks)
    for i, t in enumerate(toks):
        if not t.word:
            continue
        if t.low in ("according", "stated") and v.low(i + 1) in ("to", "in"):
            k = i + 2
            while k < n and toks[k].text not in (",", ".", ";"):
                k += 1
            key, document = _source_phrase(v, i + 2, k)
            if i == 0 or all(not x.word or x.low in lex.openers for x in toks[:i]):
                yield from _statement(v, key, k + 1, clause_end(v, k + 1), 0, n, "according to", document)
            elif v.low(i - 1) == "," or (v.low(i - 1) == "as" and v.low(i - 2) == ","):
                c = i - 1 if v.low(i - 1) == "," else i - 2
                yield from _statement(v, key, 0, c, 0, k, "according to", document)
            continue
        if t.low in lex.participles and t.text.islower() and i > 1 and toks[i - 1].text == ",":
            spoke = v.doc.speakers.get(v.s.index, "")  # "Roe said X, adding that Y"
            subj = spoke or (m.key if (m := clause_subject(v, i - 1)) is not None else "")
            a = i + 1 + (v.low(i + 1) == "that")
            if subj:
                yield from _statement(v, subj, a, clause_end(v, a), i, clause_end(v, a), "saying", False)
            continue
        if t.low not in lex.attribution and t.low not in ("explains", "put", "notes", "reports") \
                or not t.text.islower():
            continue
        if i >= 2 and v.low(i + 1) == "," and _as_speaker(v, i):  # "As the ministry explains, X"
            key, sa, document = speaker(v, i)
            if key:
                yield from _statement(v, key, i + 2, clause_end(v, i + 2), 0, clause_end(v, i + 2),
                                      "as speaker says", document)
            continue
        if t.low not in lex.attribution:
            continue
        if t.low in ("said", "says", "added", "adds") and i > 1 and toks[i - 1].text in "\"”'’" \
                and toks[i - 2].text in (",", "?", "!"):  # '"...," said Ann Roe.'
            k = i + 1
            while k < n and not v.starting(k) and (toks[k].word and toks[k].text[0].isupper() or v.low(k) in ARTICLES
                                                   or v.low(k) in lex.roles or v.low(k) in lex.modifiers):
                k += 1  # '"...," said chief executive Ann Roe'

            m = v.starting(k)
            if m is not None and m.key and m.kind in ("name", "garbled"):
                v.doc.speakers[v.s.index] = m.key
                yield from _statement(v, m.key, 0, i - 2, 0, v.index(m.end), "said before speaker", False)
            continue
        key, sa, document = speaker(v, i)
        if not key and v.low(i - 1) in lex.pronouns and v.starting(i - 1):  # a pronoun no person is named for
            sa = i - 1
        pronoun = v.low(sa) if v.low(sa) in lex.pronouns else ""
        if pronoun:  # "he added": the speaker of the statements just before
            key = next((v.doc.speakers[x] for x in (v.s.index, v.s.index - 1, v.s.index - 2)
                        if x in v.doc.speakers), key)
        if not key:
            continue
        sa -= sa > 0 and v.low(sa - 1) in ARTICLES
        if sa > 0 and _ends_statement(v, i) and (toks[sa - 1].text == "," or toks[sa - 1].text in "\"”'’"
                                                  and sa > 1 and toks[sa - 2].text in (",", "?", "!")):
            c = sa - 1 if toks[sa - 1].text == "," else sa - 2
            yield from _statement(v, key, 0, c, 0, _attribution_end(v, i + 1), "statement before speaker", document,
                                  pronoun=pronoun)
            continue
        a, quals = _after_verb(v, i)
        if a >= n or toks[a].text == ",":
            continue
        if t.low in _NEEDS_THAT and not (v.low(a - 1) in ("that", ":") or toks[a].text in "\"“"):
            continue
        qs = sa if sa < i and v.toks[i - 1].text != "," else i
        end = clause_end(v, a)
        if {v.low(x) for x in range(sa, i)} & lex.accusers:  # "..., sharing X": an act of its own (accusation)
            end = next((x for x in range(a + 3, end - 1) if v.low(x) == "," and v.low(x + 1).endswith("ing")
                        and v.toks[x + 1].text.islower()), end)
        yield from _statement(v, key, a, end, qs, end, "speaker said", document, quals, pronoun)


def _source_phrase(v: View, a: int, b: int) -> tuple[str, bool]:
    """Who "according to" names (tokens a to b): a name, the name in "a Daily Example
    report", or the words as written ("two people familiar with the inquiry"); and whether
    it is a document that accuses."""
    lex = v.lex
    if a < b and v.low(a) in ARTICLES:
        a += 1
    if a >= b:
        return "", False
    words = [v.low(x) for x in range(a, b)]
    document = any(tuple(words[-len(d):]) == d for d in lex.documents)
    inside = [m for m in v.mentions if v.toks[a].start <= m.start and m.end <= v.toks[b - 1].end and m.key]
    whole = next((m for m in inside if m.start == v.toks[a].start and m.end == v.toks[b - 1].end), None)
    if whole is not None:
        return whole.key, document or v.type(whole) == "thing"
    if inside and len(words) <= 4 and (words[-1] in lex.speaker_roles or words[-1] in ("report", "statement")
                                       or any(words[-1] == d[-1] for d in lex.documents)):
        return inside[-1].key, document
    if inside and inside[0].start == v.toks[a].start and v.type(inside[0]) == "thing":
        return inside[0].key, True  # "an indictment unsealed on Tuesday in federal court"
    return v.text(a, b), document


def _as_speaker(v: View, i: int) -> bool:
    """Whether the verb at token i is in "As <speaker> <verb>," opening the sentence."""
    k = i - 1
    while k >= 0 and v.toks[k].word and v.low(k) != "as":
        k -= 1
    return k >= 0 and v.low(k) == "as" and all(not t.word for t in v.toks[:k])


def _ends_statement(v: View, i: int) -> bool:
    """Whether the attribution verb at token i closes the sentence's statement ("..., she
    told reporters on Friday." / "..., he added, but ..."): only fillers follow it."""
    k = i + 1
    while k < len(v.toks) and (v.low(k) in v.lex.fillers or v.low(k) in v.lex.dates or v.starting(k)):
        m = v.starting(k)
        k = v.index(m.end) if m else k + 1
    return k >= len(v.toks) or v.toks[k].text in (",", ".", ";", "!", "?")


def _after_verb(v: View, i: int) -> tuple[int, tuple]:
    """Where the statement after an attribution verb starts: after the listener of "told",
    fillers ("in a statement on Friday") and "that"; with the qualifiers found on the way."""
    lex, n = v.lex, len(v.toks)
    k = i + 1
    quals: list[tuple[str, str]] = []
    if v.low(i) in ("told", "tells"):
        m = v.starting(k + (v.low(k) == "the"))
        if m is not None:
            quals.append(("to", m.text))
            k = v.index(m.end)
        else:  # "told local radio that", "told reporters"
            x = k + (v.low(k) in ARTICLES)
            while x < n and x - k < 4 and v.toks[x].word and v.low(x) not in lex.stopwords:
                x += 1
            if x > k and v.low(x) in ("that", ":", "on", "in", ","):
                quals.append(("to", v.text(k, x)))
                k = x
    start = k
    while k < n and k - start < 10 and (v.low(k) in lex.fillers or v.toks[k].low in lex.dates
                                         or YEAR.match(v.toks[k].text) or v.starting(k)):
        m = v.starting(k)
        k = v.index(m.end) if m else k + 1
    if k < n and v.low(k) in ("that", ":") and k > start - 1:
        when = date_span(v, start)
        if when:
            quals.append(("when", v.doc.text[when[0]:when[1]]))
        return k + 1, tuple(quals)
    if k < n and v.low(k) == "that":
        return k + 1, tuple(quals)
    return (start + 1 if v.low(start) == "that" else start), tuple(quals)


def _attribution_end(v: View, k: int) -> int:
    """The end of "he told the Daily Example on Friday" after a statement."""
    n = len(v.toks)
    while k < n and v.toks[k].text not in (",", ".", ";"):
        k += 1
    return k
