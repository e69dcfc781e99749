"""Drafting figures: counts with their hedges and nouns, sums, percentages, ordinals.

"terminate at least four meetings" -> meetings terminated: at least four;
"employs more than 2,500 people" -> employees (the predicate table knows
"employs"); "killing at least 37 people" -> death toll; "120 homes were
destroyed" -> homes destroyed; "the 31st anniversary of X" -> X anniversary:
31st. The subject is the event named before the verb, else the nearest
person or organization that is not the object of a preposition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.extract.lexicon import base_form, inflections, past_participle
from claimcheck.extract.statements import speaker
from claimcheck.extract.text import Mention
from claimcheck.extract.view import PASSIVE, PREPOSITIONS, YEAR, Draft, View, date_span

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?\Z")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\Z")
_CURRENCY = frozenset("$€£¥₹")


def figures(v: View) -> Iterator[Draft]:
    """"terminate at least four meetings" -> meetings terminated: at least four;
    "employs more than 2,500 people" -> employees: more than 2,500; "the 31st anniversary of X"."""
    lex, toks, n = v.lex, v.toks, len(v.toks)
    i = 0
    last: Draft | None = None
    while i < n:
        fig = _figure(v, i)
        if fig is None:
            i += 1
            continue
        a, b, unit = fig
        i = b
        nouns_end = b
        while nouns_end < n and toks[nouns_end].word and nouns_end - b < 4 and (
                toks[nouns_end].cap or toks[nouns_end].low not in lex.stopwords) \
                and not (toks[nouns_end].text.islower() and toks[nouns_end].low in lex.attribution):
            nouns_end += 1
        nouns = [t.low for t in toks[b:nouns_end] if not t.cap]
        if _ORDINAL.match(toks[a].text) and nouns and v.low(nouns_end) == "of":
            obj = v.starting(nouns_end + 1 + (v.low(nouns_end + 1) == "the"))
            if obj and obj.key:
                qs = a - (v.low(a - 1) == "the")
                yield Draft(obj.key, nouns[-1], toks[a].text, toks[qs].start, obj.end, "ordinal")
            continue
        verb = a - 1
        if verb >= 0 and toks[verb].text in ("-", "—", "–"):  # "including - as of last year - 500"
            verb = next((x for x in range(verb - 1, max(verb - 9, -1), -1) if toks[x].text == toks[a - 1].text),
                        verb) - 1
        while verb >= 0 and v.low(verb) in ("now", "also", "only", "still", "already"):
            verb -= 1
        place = v.starting(b + 1) if v.low(b) == "in" else None
        if v.low(verb) == "including" and last and place is not None and place.key:
            yield Draft(last.subject, f"{last.predicate} in {place.text}", v.doc.text[toks[a].start:toks[b - 1].end],
                        toks[a].start, place.end, "figure part")
            continue
        predicate = _count_predicate(v, verb, nouns, unit)
        subj = _figure_subject(v, verb)
        if not predicate and v.low(nouns_end) in PASSIVE and nouns:  # "120 homes were destroyed"
            done = nouns_end + 1 + (v.low(nouns_end + 1) == "been")
            if done < n and toks[done].word and toks[done].text.islower() and toks[done].low.endswith(("ed", "en")):
                predicate = _count_predicate(v, done, nouns, unit)
                subj = _passive_subject(v, a)
                nouns_end = done + 1
        if not predicate or subj is None:
            continue
        value = v.doc.text[toks[a].start:toks[b - 1].end]
        start = subj.start if subj.sentence == v.s.index and v.index(subj.start) >= verb - 10 else toks[verb].start
        if start == toks[verb].start and predicate.startswith(v.low(verb - 1) + " "):
            start = toks[verb - 1].start  # "shares fell 9 percent"
        last = Draft(subj.key, predicate, value, start, toks[max(b, nouns_end) - 1].end, "figure")
        yield last
        yield from _relative(v, subj, nouns, nouns_end, start)


def _relative(v: View, subj: Mention, nouns: list[str], k: int, start: int) -> Iterator[Draft]:
    """"four meetings that marked the 31st anniversary of X" -> meetings marked: 31st anniversary of X."""
    done = v.toks[k + 1] if k + 1 < len(v.toks) else None
    if not nouns or v.low(k) not in ("that", "which") or done is None or not done.text.islower() \
            or not done.low.endswith("ed") or done.low in v.lex.attribution:
        return
    a = k + 2 + (v.low(k + 2) in ("a", "an", "the"))
    b = a
    while b < len(v.toks) and v.toks[b].text not in (",", ";", ".", "(", "-", "—", "–") \
            and v.low(b) not in ("and", "but", "after", "before", "when", "because", "while"):
        b += 1
    if b - a >= 1:
        yield Draft(subj.key, f"{nouns[-1]} {done.low}", v.text(a, b), start, v.toks[b - 1].end, "figure relative")


def _figure(v: View, i: int) -> tuple[int, int, bool] | None:
    """A figure at token i: (first token, end token, whether it carries a unit or currency)."""
    lex, toks, n = v.lex, v.toks, len(v.toks)
    if i > 0 and (toks[i - 1].text in _CURRENCY or _DIGITS.match(toks[i - 1].text) or v.low(i - 1) == ","
                  and i > 1 and v.ending(i - 2)):
        return None
    k = i
    hedge = v.phrase_at(k, lex.hedges)
    k += len(hedge)
    unit = False
    if k < n and toks[k].text in _CURRENCY:
        k, unit = k + 1, True
    vague = v.phrase_at(k, lex.vague)
    if vague:
        k += len(vague)
    elif k < n and (_DIGITS.match(toks[k].text) or toks[k].low in lex.number_words and toks[k].text.islower()):
        if YEAR.match(toks[k].text) and not hedge and not unit:
            return None
        if date_span(v, k - 1 if v.low(k - 1) in ("in", "on") else k):
            return None
        k += 1
    elif k < n and _ORDINAL.match(toks[k].text) and not hedge:
        return i, k + 1, False
    else:
        return None
    while k < n and toks[k].low in lex.number_words and toks[k].text.islower():
        k += 1  # "2.5 million", "twenty five"
    if k < n and (toks[k].low in lex.units or toks[k].text == "%") and toks[k].low not in ("m", "b"):
        k, unit = k + 1, True
    if k < n and re.fullmatch(r"\w+-year-old", toks[k].low or ""):
        return None
    return i, k, unit


def _count_predicate(v: View, verb: int, nouns: list[str], unit: bool) -> str:
    """The predicate for a figure: the verb's canonical predicate ("employs" -> employees,
    "killing" -> death toll), or the counted noun and the verb ("meetings terminated")."""
    lex = v.lex
    if verb < 0 or not v.toks[verb].word or not v.toks[verb].text.islower():
        return ""
    word = v.low(verb)
    if word in lex.stopwords - lex.light_verbs - {"worth"} or word in PREPOSITIONS:
        return ""
    done = past_participle(word, lex.irregular)
    for form in (word, done, *inflections(base_form(word, lex.irregular), lex.irregular)):
        pred = lex.predicates(form)
        if pred.kind == "number":
            return pred.name
    noun = nouns[-1] if nouns else ""
    if word in lex.light_verbs:
        return noun
    if noun:
        return f"{' '.join(nouns[-2:]) if len(nouns) > 1 and nouns[-2] not in lex.modifiers else noun} {done}"
    before = v.low(verb - 1)
    if unit and v.toks[verb - 1].word and v.toks[verb - 1].text.islower() and before not in lex.stopwords:
        return f"{before} {word}"  # "shares fell 9 percent"
    return done if unit else ""


def _figure_subject(v: View, verb: int) -> Mention | None:
    """Who or what a figure is about: an event named before the verb, else the nearest person
    or organization before it that is not the object of a preposition nor inside a relative
    clause. Inside a reported statement ("said that it would cut"), "it" and "we" are the speaker."""
    if verb < 0:
        return None
    before = [m for m in v.mentions if m.end <= v.toks[verb].start and m.key and _free(v, m, verb)]
    events = [m for m in before if v.type(m) == "event"]
    if events:
        return events[-1]
    for k in range(verb - 1, -1, -1):
        m = v.ending(k)
        if m is not None and m in before and m.kind != "place" and v.type(m) != "place":
            return m
        if v.low(k) in ("its", "their") and k == 0:  # "Its shares fell": the organization named just before
            earlier = [m for m in v.doc.mentions[v.s.index - 1] if m.key and v.type(m) == "organization"] \
                if v.s.index > 0 else []
            return earlier[-1] if earlier else None
        if v.low(k) in ("it", "we") and v.toks[k].text.islower() or v.toks[k].text == "We":
            said = next((x for x in range(k - 1, -1, -1) if v.low(x) in v.lex.attribution), -1)
            key, sa, _ = speaker(v, said) if said > 0 else ("", 0, False)
            return next((x for x in v.mentions if x.key == key and v.index(x.start) == sa), None)
        if v.low(k) in ("that", ":") or v.low(k) in v.lex.attribution:
            return None
    return None


def _passive_subject(v: View, a: int) -> Mention | None:
    """What a passive figure is about: the event named in the sentence, else the nearest
    name before the figure ("in Kessel, where 120 homes were destroyed")."""
    named = [m for m in v.mentions if m.key]
    events = [m for m in named if v.type(m) == "event"]
    before = [m for m in named if m.end <= v.toks[a].start]
    return events[-1] if events else (before[-1] if before else None)


def _free(v: View, m: Mention, verb: int) -> bool:
    """A mention that can be the verb's subject: not after a preposition, not inside a
    relative clause (", who ... ,") closed before the verb."""
    i = v.index(m.start)
    if v.low(i - 1) in PREPOSITIONS - {"to"}:
        return False
    opened = next((x for x in range(i - 1, -1, -1) if v.toks[x].text == ","), -1)
    relative = opened >= 0 and v.low(opened + 1) in ("who", "which", "whose", "where", "when")
    return not (relative and any(v.toks[x].text == "," for x in range(v.index(m.end), verb)))
