"""Drafting what happened to whom and when: "whose account was closed in May",
what an organization did ("it settled a lawsuit"), the date that opens a
sentence for the act it tells ("In May, Acme appointed Roe"), and what a
document is ("a complaint unsealed Friday in federal court").
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.said import statement_value
from claimcheck.extract.statements import clause_end
from claimcheck.extract.text import Mention
from claimcheck.extract.view import (
    ARTICLES,
    PASSIVE,
    PREPOSITIONS,
    Draft,
    View,
    clause_subject,
    date_span,
    leading_date,
)

_STOP_OBJECT = frozenset({",", ";", ".", "that", "which", "who", "after", "before", "when", "because", "while"})


def whose_acts(v: View) -> Iterator[Draft]:
    """"Ann Roe, whose account was closed in May," -> account closed: May (also of an organization:
    "Acme, whose plant was inspected last month")."""
    for i, t in enumerate(v.toks):
        if t.low != "whose":
            continue
        who = next((m for m in reversed(v.mentions) if m.end <= t.start and m.key and m.kind == "name"
                    and v.type(m) in ("person", "organization")), None)
        k, nouns = i + 1, []
        while k < len(v.toks) and v.low(k) not in PASSIVE and k - i < 8:
            m = v.starting(k)
            if v.low(k) in PREPOSITIONS:  # "whose call on Acme was cut"
                k = v.after(m) if (m := v.starting(k + 1)) is not None else k + 2
                continue
            if m is None and v.toks[k].text.islower() and v.toks[k].word:
                nouns.append(v.low(k))
            k = v.after(m) if m is not None else k + 1
        if who is None or not nouns or v.low(k) not in ("was", "were") or k + 1 >= len(v.toks):
            continue
        done = v.toks[k + 1]
        if not done.text.islower() or not done.low.endswith(("ed", "en")):
            continue
        x = k + 2
        while x < len(v.toks) and x - k < 7 and not date_span(v, x) and v.toks[x].text not in (",", "."):
            x += 1
        when = date_span(v, x) if x < len(v.toks) else None
        if when:
            yield Draft(who.key, f"{nouns[-1]} {done.low}", v.doc.text[when[0]:when[1]], t.start, when[1],
                        "whose act")


def organization_acts(v: View) -> Iterator[Draft]:
    """"Acme settled a lawsuit" -> settled: lawsuit; "In May, Acme appointed Ann Roe" -> appointment
    date: May (the verbs and nouns are data: subject_acts, act_nouns)."""
    lex = v.lex
    lead = leading_date(v)
    for i, t in enumerate(v.toks):
        base = lex.act_base.get(t.low)
        if not base or not t.text.islower() or v.low(i - 1) in PASSIVE:
            continue
        subj = clause_subject(v, i) or _it(v, i)
        if subj is None or v.index(subj.end) < i - 3:
            continue
        obj = v.starting(i + 1)
        if base in lex.subject_acts:
            a = i + 1 + (v.low(i + 1) in ARTICLES)
            b = a
            while b < len(v.toks) and v.low(b) not in _STOP_OBJECT and v.low(b) not in PREPOSITIONS \
                    and not (v.toks[b].text.islower() and v.low(b).endswith("ing")) and b - a < 6:
                b += 1
            if b > a:
                yield Draft(subj.key, lex.subject_acts[base], v.text(a, b), subj.start, v.toks[b - 1].end,
                            "organization act")
        noun = lex.act_nouns.get(base)
        if lead and noun:
            who = obj if obj is not None and obj.key and v.type(obj) == "person" else subj
            yield Draft(who.key, f"{noun} date", v.doc.text[lead[0]:lead[1]], v.toks[0].start,
                        (obj or t).end if who is obj else t.end, "date of the act")


def _it(v: View, i: int) -> Mention | None:
    """"it" just before token i, opening its clause: the organization that is the subject of
    the sentence before (or of this one)."""
    if v.low(i - 1) != "it" or not (i == 1 or v.toks[i - 2].text == ","):
        return None
    if v.s.index == 0:
        return None
    prev = View(v.doc, v.doc.sentences[v.s.index - 1])
    m = next((m for m in prev.mentions if m.key and prev.type(m) == "organization"
              and (prev.index(m.start) == 0 or prev.toks[prev.index(m.start) - 1].text == ",")), None)
    return Mention(v.toks[i - 1].start, v.toks[i - 1].end, "it", v.s.index, m.key, "pronoun") if m else None


def document_facts(v: View) -> Iterator[Draft]:
    """"as police alleged in a complaint unsealed Friday in federal court in Oslo" -> the
    complaint: filed by police, unsealed: Friday, court: federal court in Oslo."""
    lex = v.lex
    for m in v.mentions:
        if not m.key or v.type(m) != "thing":
            continue
        j = v.index(m.start) - 1
        j -= v.low(j) in ARTICLES
        if v.low(j) == "in" and v.low(j - 1) in lex.allegation_verbs:
            e = j - 1
            a = e - 1
            while a >= 0 and v.toks[a].word and v.low(a) not in ("as", "that") and e - a < 5:
                a -= 1
            if a + 1 < e:
                yield Draft(m.key, "filed by", v.text(a + 1, e), v.toks[a + 1].start, m.end, "document")
        k = v.after(m)
        if k >= len(v.toks) or not v.toks[k].text.islower() or not v.low(k).endswith("ed"):
            continue
        when = date_span(v, k + 1)
        if when:
            yield Draft(m.key, v.low(k), v.doc.text[when[0]:when[1]], m.start, when[1], "document")
            k = v.index(when[1])
        if v.low(k) == "in" and "court" in {v.low(x) for x in range(k + 1, min(k + 4, len(v.toks)))}:
            e = k + 1
            while e < len(v.toks) and v.toks[e].text not in (",", ";", ".", "-", "—", "–") and e - k < 8:
                e += 1
            yield Draft(m.key, "court", v.text(k + 1, e), v.toks[k + 1].start, v.toks[e - 1].end, "document")


def findings(v: View) -> Iterator[Draft]:
    """"Ann Roe discovered in May that the files had been copied, which ..." -> discovered:
    "the files had been copied" (the verbs are data: finding_verbs)."""
    for i, t in enumerate(v.toks):
        if t.low not in v.lex.findings or not t.text.islower():
            continue
        k = i + 1
        while k < len(v.toks) and k - i < 6 and v.low(k) != "that" and (v.toks[k].word or v.toks[k].text == ","):
            k += 1
        who = clause_subject(v, i)
        if v.low(k) != "that" or who is None:
            continue
        end = clause_end(v, k + 1)
        end = next((x for x in range(k + 2, end) if v.low(x) == "," and v.low(x + 1) == "which"), end)
        value = statement_value(v, v.text(k + 1, end))
        if len(value.split()) >= 3:
            yield Draft(who.key, t.low, value, who.start, v.toks[end - 1].end, "finding")


def inquiries(v: View) -> Iterator[Draft]:
    """"Acme placed staff on leave pending an internal investigation" -> investigation:
    internal investigation (the organization that opens the clause; nouns: inquiry_nouns)."""
    for i, t in enumerate(v.toks):
        adjective = v.toks[i - 1] if i > 1 else None
        if t.low not in v.lex.inquiries or adjective is None or not adjective.text.islower() \
                or adjective.low in ARTICLES or adjective.low in v.lex.stopwords or adjective.low == "own" \
                or v.starting(i - 1):
            continue
        who = clause_subject(v, i)
        if who is not None and v.type(who) == "organization":
            a = i - 1 - (v.low(i - 2) in ARTICLES)
            yield Draft(who.key, t.low, f"{adjective.low} {t.low}", v.toks[a].start, t.end, "inquiry")

