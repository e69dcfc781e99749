"""Drafting rules about the roles people hold: appointments ("appointed X as"),
titles people become ("became chief executive") and roles stated outright
("who is tasked with", "his last role was").
"""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.extract.rules import is_title
from claimcheck.extract.view import ARTICLES, QUOTES, Draft, View, governed, strip_quotes, subject_before

_WHICH_ROLE = frozenset({"last", "current", "former", "new", "first", "previous", "official"})
_ROLE_NOUNS = frozenset({"role", "title", "position", "job"})
_ROLE_VERBS = {"appointed": "appointed as", "named": "named as", "hired": "hired as", "tapped": "appointed as"}
_SERVE = frozenset({"served", "serves", "serving", "acted", "acts", "works", "worked", "working"})
_TITLE_ENDS = frozenset({"of", "at", "for", "in", "after", "when", "since", "and", "until"})


def appointments(v: View) -> Iterator[Draft]:
    """"Acme appointed Ann Roe as its adviser" -> role and appointed as;
    "Ann Roe served as Acme's adviser" -> role."""
    for m in v.mentions:
        if not m.key:
            continue
        j = v.after(m)
        i = v.index(m.start)
        verb = v.low(i - 1)
        if verb in _ROLE_VERBS and v.low(j) == ",":  # skip an apposition: "named Ann Roe, formerly of X, as"
            j = next((x + 1 for x in range(j + 1, min(j + 12, len(v.toks))) if v.toks[x].text == ","), j)
        if verb in _ROLE_VERBS and v.low(j) == "as":
            org = v.ending(i - 2) or (v.ending(i - 3) if v.low(i - 2) in ("has", "had", "have", "also") else None)
            value, end = _phrase(v, j + 1)
            if value and org and org.key:
                quals = (("organization", v.doc.entities[org.key].name),)
                yield Draft(m.key, "role", value, org.start, end, "appointed as", quals)
                yield Draft(m.key, _ROLE_VERBS[verb], value, org.start, end, "appointed as", quals)
        if v.low(j) in _SERVE and v.low(j + 1) == "as":
            owner = v.starting(j + 2) if v.low(j + 3) in ("'s", "’s") else None
            value, end = _phrase(v, j + 4 if owner else j + 2)
            if value:
                employer = (("organization", v.doc.entities[owner.key].name),) if owner and owner.key else ()
                yield Draft(m.key, "role", value, v.toks[j].start, end, "served as", employer)


def became_titles(v: View) -> Iterator[Draft]:
    """"Ann Roe became chief executive in 2019", "Ann Roe, who remains chairman" -> title."""
    for i, t in enumerate(v.toks):
        became = t.low in ("became", "becomes", "remains", "remained") \
            or t.low in ("is", "was") and v.low(i - 1) == "who"
        if not became or v.low(i + 1) in ("tasked", "responsible", "charged"):
            continue
        who = subject_before(v, i)
        a = i + 1 + (v.low(i + 1) in ARTICLES)
        k = a
        while k < len(v.toks) and v.toks[k].word and v.low(k) not in _TITLE_ENDS:
            k += 1
        if who is None or v.type(who) != "person" or k == a or not is_title(v.text(a, k), v.lex) \
                or governed(v, who):
            continue
        owner = v.starting(k + 1 + (v.low(k + 1) == "the")) if v.low(k) in ("of", "at") else None
        quals = (("organization", owner.text),) if owner is not None and owner.key else ()
        start = v.toks[i - (v.low(i - 1) == "who")].start
        yield Draft(who.key, "title", v.text(a, k), start, v.toks[k - 1].end, "became title", quals)


def stated_roles(v: View) -> Iterator[Draft]:
    """"Ann Roe, who is tasked with X" -> role; "his last role at the company was X" -> title."""
    for i, t in enumerate(v.toks):
        if t.low == "who" and v.low(i + 1) in ("is", "was") and v.low(i + 2) in ("tasked", "responsible", "charged"):
            who = next((m for m in reversed(v.mentions) if m.end <= t.start and m.key and m.kind == "name"
                        and v.type(m) == "person"), None)
            value, end = _phrase(v, i + 4)
            if who is not None and value:
                yield Draft(who.key, "role", strip_quotes(value), t.start, end, "tasked with")
        if t.low not in ("his", "her", "their"):
            continue
        k = i + 1 + (v.low(i + 1) in _WHICH_ROLE)
        m = next((x for x in v.mentions if x.start == t.start and x.key), None)
        if m is None or v.low(k) not in _ROLE_NOUNS:
            continue
        rest = [v.low(x) for x in range(k + 1, min(k + 6, len(v.toks)))]
        verb = next((w for w in rest if w in ("was", "is")), "")
        if verb:
            value, end = _phrase(v, k + 1 + rest.index(verb) + 1, quotes=True)
            if value:
                yield Draft(m.key, "title", strip_quotes(value), t.start, end, "his role was")


def _phrase(v: View, a: int, quotes: bool = False) -> tuple[str, int]:
    """The words from token a to the next comma or the sentence's end (an article or "its"
    dropped), and where they end in the article."""
    if a < len(v.toks) and v.low(a) in ARTICLES | {"its", "his", "her", "their"}:
        a += 1
    k = a
    while k < len(v.toks) and v.toks[k].text not in (",", ";", ":", "(", "—", "–") \
            and not (v.toks[k].text == "." and k == len(v.toks) - 1):
        k += 1
    if k == a:
        return "", 0
    end = v.toks[k - 1].end
    if quotes and k < len(v.toks) and v.toks[k].text == "." and k + 1 < len(v.toks) and v.toks[k + 1].text in QUOTES:
        end = v.toks[k + 1].end
    return v.text(a, k), end

