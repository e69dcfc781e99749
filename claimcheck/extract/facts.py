"""Drafting rules about what happened between named parties: relations ("fired",
"charged ... with"), pleas and verdicts, dated acts ("founded in"), places
("lives in", "-based", "in Oslo") and partners ("worked with").
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.accusations import act_items
from claimcheck.extract.lexicon import participle
from claimcheck.extract.statements import clause_end, speaker
from claimcheck.extract.text import Mention
from claimcheck.extract.view import (
    ARTICLES,
    PASSIVE,
    Draft,
    View,
    date_span,
    governed,
    leading_date,
    strip_quotes,
    subject_before,
    title_run,
)


def relations(v: View) -> Iterator[Draft]:
    """"Acme fired Ann Roe" -> Ann Roe fired by Acme; "accused X of Y" -> accused of Y;
    "charged X with Y and Z" -> charged with Y, charged with Z."""
    lex, toks, n = v.lex, v.toks, len(v.toks)
    lead = leading_date(v)
    for i, t in enumerate(toks):
        base = lex.relation_base.get(t.low)
        if not base:
            continue
        done = participle(base, lex.irregular)
        before = v.ending(i - 1)
        if t.low == done and before is not None and before.key and v.type(before) == "person" \
                and v.low(i + 1) in lex.relation_objects.get(base, {}):  # "an executive accused of X"
            yield from _what(v, before, i + 1, lex.relation_objects[base][v.low(i + 1)], t.start)
            continue
        if v.low(i - 1) in PASSIVE:  # "Ann Roe was fired for X" / "was arrested by police"
            obj = v.ending(i - 2) or (v.ending(i - 3) if v.low(i - 2) in ("has", "had", "have") else None)
            if obj is None and v.low(i - 2) == ",":  # "Ann Roe, 58, is accused of"
                p = next((x for x in range(i - 3, max(i - 10, 0), -1) if v.toks[x].text == ","), 0)
                obj = v.ending(p - 1) if p else None
            if obj is not None and obj.key and v.type(obj) in ("person", "organization", "") \
                    and v.low(i + 1) in lex.relation_objects.get(base, {}):  # "Roe was charged with X"
                yield from _what(v, obj, i + 1, lex.relation_objects[base][v.low(i + 1)], obj.start)
            elif obj is not None and obj.key and v.type(obj) in ("person", "organization", ""):
                speaking = v.doc.speakers.get(v.s.index, "")
                if v.low(i + 1) == "by":
                    agent, end = _noun_phrase(v, i + 2)
                    if agent:
                        yield Draft(obj.key, lex.relations[t.low], agent, obj.start, end, "relation verb")
                elif speaking in v.doc.entities and v.doc.entities[speaking].type == "organization" \
                        and speaking != obj.key:  # "Acme said Ann Roe was fired": by Acme
                    yield Draft(obj.key, lex.relations[t.low], v.doc.entities[speaking].name, v.toks[0].start,
                                t.end, "announced relation")
                yield from _reason(v, obj, i + 1, participle(base, lex.irregular), obj.start)
            continue
        k = i + 1
        while k < n and (v.low(k) in ARTICLES or v.toks[k].text.islower() and title_run(v, k + 1) <= k) \
                and k - i < 5 and not v.starting(k):
            k += 1
        obj = v.starting(k)
        if obj is None or not obj.key or v.type(obj) not in ("person", "organization", ""):
            continue
        agent, sa, _ = speaker(v, i)
        if not agent or agent == obj.key:
            continue
        value = v.doc.entities[agent].name if agent in v.doc.entities else agent
        if agent in v.doc.entities:
            m = next((x for x in v.mentions if x.key == agent and v.index(x.start) >= sa), None)
            value = m.text if m is not None and m.kind == "name" else value
        yield Draft(obj.key, lex.relations[t.low], value, toks[sa].start, obj.end, "relation verb")
        if lead and v.index(lead[1]) + 1 == sa - (v.low(sa - 1) in ARTICLES):
            yield Draft(obj.key, participle(base, lex.irregular) + " when", v.doc.text[lead[0]:lead[1]],
                        toks[0].start, obj.end, "date of the act")
        for prep, predicate in lex.relation_objects.get(base, {}).items():
            yield from _object(v, obj, i, prep, predicate)
        after = v.after(obj)
        when = date_span(v, after) if v.low(after) in ("in", "on") else None
        if when:
            yield Draft(obj.key, participle(base, lex.irregular) + " when", v.doc.text[when[0]:when[1]],
                        toks[sa].start, when[1], "date of the act")
            after = v.index(when[1])
        yield from _reason(v, obj, after, participle(base, lex.irregular), toks[sa].start)


def _reason(v: View, obj: Mention, j: int, predicate: str, start: int) -> Iterator[Draft]:
    """"fired X for violating rules" / "after the ministry charged him" -> fired: for ..."""
    if v.low(j) not in ("for", "after", "over") or j + 1 >= len(v.toks) or v.toks[j + 1].text[0].isdigit():
        return
    k = j + 1
    while k < len(v.toks) and v.toks[k].text not in (",", ";", ".", "(", ")"):
        m = v.starting(k + 1)
        base = v.lex.relation_base.get(v.low(k))
        if base and m is not None and v.low(v.after(m)) in v.lex.relation_objects.get(base, {}):
            k = v.after(m)  # "after the ministry charged him": what with is a claim of its own
            break
        k += 1
    if k - j >= 3:
        yield Draft(obj.key, predicate, v.text(j, k), start, v.toks[k - 1].end, "reason")


def _governing(v: View, a: int, b: int) -> str:
    """"conspiracy to" in "conspiracy to commit X": the words that govern a verb, or ""."""
    to = next((x for x in range(a + 1, min(a + 4, b - 1)) if v.low(x) == "to"), 0)
    return v.text(a, to + 1) if to and all(v.toks[x].text.islower() for x in range(a, to + 2)) else ""


def _bare_verb(v: View, a: int, b: int) -> bool:
    """Whether a listed item starts with a verb that the item before governs: a lower-case
    word followed by a particle or an article ("pass on a method", "transfer the funds")."""
    first = v.low(a)
    return b - a >= 3 and v.toks[a].text.islower() and first not in ARTICLES and "to" not in \
        {v.low(x) for x in range(a, b)} and not first.endswith(("ing", "ion", "ment", "ity", "ness", "ance", "ence")) \
        and v.low(a + 1) in ("a", "an", "the", "on", "off", "up", "out", "over", "away", "back")


def _noun_phrase(v: View, a: int) -> tuple[str, int]:
    """A name, or up to four words that are not function words, from token a."""
    m = v.starting(a + (v.low(a) == "the"))
    if m is not None:
        return m.text, m.end
    k = a + (v.low(a) in ARTICLES)
    b = k
    while b < len(v.toks) and v.toks[b].word and v.low(b) not in v.lex.stopwords and b - k < 4:
        b += 1
    return (v.text(k, b), v.toks[b - 1].end) if b > k else ("", 0)


def _object(v: View, obj: Mention, verb: int, prep: str, predicate: str) -> Iterator[Draft]:
    """What X is accused of / charged with, after the object and any apposition."""
    j = v.after(obj)
    if v.low(j) != prep:
        j = next((x for x in range(j, len(v.toks)) if v.low(x) == prep and v.low(x - 1) == ","), -1)
        if j < 0:
            return
    yield from _what(v, obj, j, predicate, v.toks[verb].start)


def _what(v: View, obj: Mention, j: int, predicate: str, qs: int) -> Iterator[Draft]:
    """The charges or acts after the preposition at token j: one claim each."""
    end = clause_end(v, j + 1)
    if predicate.startswith("charged"):
        items, a = [], j + 1
        for x in range(j + 1, end + 1):
            if x == end or v.low(x) in (",", "and") and x - a >= 2 and v.low(x + 1) not in ("the",):
                items.append((a, x))
                a = x + 1
        head = _governing(v, *items[0]) if items else ""
        for n, (a, b) in enumerate(items):
            value = v.text(a, b)
            if n and head and _bare_verb(v, a, b):  # "conspiracy to commit X and pass on Y"
                value = f"{head} {value}"
            yield Draft(obj.key, predicate, value, qs if n == 0 else v.toks[a].start, v.toks[b - 1].end,
                        "charged with")
        return
    acts = act_items(v, j + 1, end) if v.low(j + 1).endswith("ing") else [(j + 1, end)]
    for n, (a, b) in enumerate(acts):
        value = strip_quotes(v.text(a, b))
        if len(value.split()) >= 2:
            yield Draft(obj.key, predicate, value, v.toks[j if n == 0 else a].start, v.toks[b - 1].end, "accused of")


def dated_acts(v: View) -> Iterator[Draft]:
    """"founding Acme in 2011", "Acme was founded in 2011", "born on May 5" -> founded, born on."""
    lex = v.lex
    for i, t in enumerate(v.toks):
        predicate = lex.dated_verbs.get(t.low)
        if not predicate:
            continue
        if v.low(i - 1) in PASSIVE:
            subj = v.ending(i - 2)
            if subj is None and v.low(i - 2) in ("which", "who") and v.low(i - 3) == ",":
                subj = v.ending(i - 4)  # "Acme, which was founded in 2008"
            k = i + 1
        else:
            subj = v.starting(i + 1)
            k = v.index(subj.end) if subj else i + 1
        when = date_span(v, k)
        if subj is None or not subj.key or when is None or v.low(k) not in ("in", "on"):
            continue
        start = min(subj.start, t.start)
        yield Draft(subj.key, predicate, v.doc.text[when[0]:when[1]], start, when[1], "date of founding or birth")


def pleas(v: View) -> Iterator[Draft]:
    """"Ann Roe pleaded guilty to fraud", "was convicted of X", "was acquitted of X"."""
    lex = v.lex
    for i in range(len(v.toks)):
        phrase = v.phrase_at(i, lex.plea_index)
        if phrase:
            predicate = lex.pleas[phrase]
            subj = v.ending(i - 1) or subject_before(v, i)
            if subj is None or not subj.key or v.type(subj) not in ("person", "organization", ""):
                continue
            k = i + len(phrase)
            when = date_span(v, k) if v.low(k) in ("in", "on") else None
            k = v.index(when[1]) if when else k
            if v.low(k) not in ("to", "of", "on"):
                continue
            end = k + 1
            while end < len(v.toks) and v.toks[end].text not in (",", ";", ".") and v.low(end) != "after":
                end += 1
            if end - k > 1:
                start = subj.start if v.index(subj.start) >= i - 6 else v.toks[i].start
                yield Draft(subj.key, predicate, v.text(k + 1, end), start, v.toks[end - 1].end, "plea or verdict")


def places(v: View) -> Iterator[Draft]:
    """"Ann Roe lives in Paris", "born in", "moved to", "worked for", "the Paris-based company"."""
    lex = v.lex
    for i in range(len(v.toks)):
        phrase = v.phrase_at(i, lex.place_index)
        if phrase:
            predicate = lex.places[phrase]
            subj = subject_before(v, i)
            k = i + len(phrase)
            while k < len(v.toks) and v.toks[k].word and v.toks[k].text.islower() and k - i - len(phrase) < 4 \
                    and not v.starting(k):
                k += 1
            obj = v.starting(k)
            if subj is None or obj is None or obj.kind not in ("name", "place") or obj.key == subj.key:
                continue
            end, value = obj.end, obj.text
            date = date_span(v, v.after(obj)) if predicate == "moved to" else None
            if date:
                end, value = date[1], v.doc.text[obj.start:date[1]]
            start = subj.start if subj.sentence == v.s.index and v.index(subj.start) >= i - 8 else v.toks[i].start
            yield Draft(subj.key, predicate, value, start, end, "place verb")
    for m in v.mentions:
        if m.kind != "place" or not m.key:
            continue
        j = v.index(m.start) + 1
        obj = next((x for x in v.mentions if x.kind == "role" and x.start <= m.start < x.end), None) or next(
            (x for x in v.mentions if x.key and j < len(v.toks) and x.start <= v.toks[j].start < x.end
             and x.kind in ("name", "ref", "garbled")), None)
        if obj is None or v.low(v.after(obj)) in lex.roles:
            continue
        start = min(obj.start, v.toks[j - 2].start if j >= 2 and v.low(j - 2) in ARTICLES else m.start)
        yield Draft(obj.key, "based in", m.text, start, obj.end, "based in")
    for m in v.mentions:  # "the Example Institute in Oslo"
        j = v.after(m)
        place = v.starting(j + 1) if v.low(j) == "in" else None
        if m.kind == "name" and v.type(m) == "organization" and place is not None and place.key \
                and v.type(place) == "place" and v.low(v.after(place)) not in ("and", "or"):
            yield Draft(m.key, "based in", place.text, m.start, place.end, "organization in place")


def partners(v: View) -> Iterator[Draft]:
    """"Ann Roe worked with the police" / "worked with unnamed others" -> worked with."""
    lex = v.lex
    for i in range(1, len(v.toks)):
        if v.low(i) not in ("worked", "works") or v.low(i + 1) != "with":
            continue
        subj = subject_before(v, i)
        if subj is None or v.toks[i - 1].text == "," or governed(v, subj):
            continue
        a = i + 2 + (v.low(i + 2) == "the")
        obj = v.starting(a)
        if obj is not None and obj.key:
            value, end = obj.text, obj.end
        else:
            k = a
            while k < len(v.toks) and v.toks[k].word and v.toks[k].text.islower() and k - a < 4 \
                    and v.low(k) not in lex.stopwords:
                k += 1
            if k == a:
                continue
            value, end = v.text(a, k), v.toks[k - 1].end
        start = subj.start if v.index(subj.start) >= i - 6 else v.toks[i].start
        yield Draft(subj.key, "worked with", value, start, end, "worked with")
