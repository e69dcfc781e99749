"""Drafting rules about who someone is: titles, descriptions, wealth, ages, other names (roles: extract_roles).

Each rule reads one sentence (a View) and yields Drafts; its docstring says
what it drafts, with an example of the wording it reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimcheck.compare import value_kind
from claimcheck.extract.lexicon import Lexicon
from claimcheck.extract.text import Mention, Token
from claimcheck.extract.view import (
    ARTICLES,
    Draft,
    View,
    owner_before,
    title_norm,
    title_run,
)

_REL = frozenset({"who", "whose", "which", "where", "when", "whom", "that"})
_MAX_APPOSITION = 14


def appositions(v: View) -> Iterator[Draft]:
    """"Ann Roe, chief executive of Acme," -> title; "Acme, a maker of toys," -> description."""
    for m in v.mentions:
        if m.kind not in ("name", "garbled") or not m.key:
            continue
        j = v.after(m)
        if v.low(j) != "," or j + 1 >= len(v.toks):
            continue
        k = j + 1
        while k < len(v.toks) and v.toks[k].text not in (",", ";", ".", "(", ")", "—", "–") \
                and v.low(k) not in _REL:
            k += 1
        phrase = v.toks[j + 1:k]
        if not phrase or len(phrase) > _MAX_APPOSITION or not _apposition_ok(phrase, v.lex):
            continue
        if k < len(v.toks) and v.toks[k].text == "." and k + 1 < len(v.toks):
            continue
        a = j + 1 + (phrase[0].low in ARTICLES)
        head_end, org, owner = k, "", None
        for x in range(a, k):
            if v.low(x) in ("of", "at", "for", "with"):
                y = x + 1 + (v.low(x + 1) == "the")
                owner = v.starting(y)
                head_end = x
                if owner and owner.key and v.index(owner.end) >= k:
                    org = owner.text
                break
        head = v.text(a, head_end)
        if v.low(a) in ("formerly", "previously") and org:
            yield Draft(m.key, "previous employer", org, m.start, v.toks[k - 1].end, "formerly of")
            continue
        if not head:
            continue
        if v.toks[a].text.lower().startswith("one") or not is_title(head, v.lex):
            if owner is not None and owner.key and v.type(owner) == "organization" and v.low(head_end) == "at" \
                    and len(head.split()) == 1:  # "Ann Roe, a researcher at the Example Institute"
                yield Draft(m.key, f"{head} at", owner.text, m.start, owner.end, "apposition")
                continue
            yield Draft(m.key, "description", v.text(a, k), m.start, v.toks[k - 1].end, "apposition")
            continue
        quals: tuple[tuple[str, str], ...] = ()
        if org and owner is not None:
            quals = (("for" if v.type(owner) == "person" else "organization", org),)
        yield Draft(m.key, "title", head, m.start, v.toks[k - 1].end, "apposition", quals)
        yield from _founder(v, m, head, org, m.start, v.toks[k - 1].end)


def _apposition_ok(phrase: list[Token], lex: Lexicon) -> bool:
    first = phrase[0]
    if not first.word or first.text[0].isdigit():
        return False
    if first.cap and first.low not in ARTICLES and first.low != "one" and title_norm(first) not in lex.roles:
        return False
    if first.low in lex.openers and first.low not in ARTICLES and first.low != "one":
        return False
    if first.low in lex.relations or first.low in lex.dated_verbs or first.low.endswith("ed") and first.low != "based":
        return False  # "Acme, fired Ann Roe": a verb, not an apposition
    return not any(t.low in lex.attribution or t.low in ("is", "was", "are", "were", "has", "had") for t in phrase)


def is_title(head: str, lex: Lexicon) -> bool:
    last = head.split()[-1].lower().replace(".", "")
    if last in lex.person_descriptors or last in lex.company_descriptors:
        return False
    return value_kind(head) == "title" or last in lex.roles


def _founder(v: View, m: Mention, title: str, org: str, start: int, end: int) -> Iterator[Draft]:
    """A founder's title also says who founded the organization."""
    words = {w.lower() for w in re.findall(r"[\w-]+", title)}
    key = v.doc.key_of(org) if org else ""
    if key and words & {"founder", "co-founder", "cofounder"}:
        yield Draft(key, "founder", v.doc.entities[m.key].name if m.kind == "name" else m.text, start, end,
                    "founder title")


def titles_before(v: View) -> Iterator[Draft]:
    """"fired exec Ann Roe", "the company's security technical leader Ann Roe",
    "Acme CEO Ann Roe" -> title."""
    done = set()
    for h in v.doc.hints:
        if h.sentence == v.s.index:
            key = v.doc.key_of(h.name)
            org_key = v.doc.key_of(h.organization) if h.organization else ""
            quals = (("organization", h.organization),) if h.organization else ()
            if org_key and v.doc.entities[org_key].garbled:
                continue
            done.add(h.end)
            yield Draft(key, "title", h.title, h.start, h.end, "title before name", quals)
    for m in v.mentions:
        if m.kind not in ("name", "garbled") or not m.key or m.end in done or v.type(m) not in ("person", ""):
            continue
        i = v.index(m.start)
        a = title_run(v, i)
        if a == i:
            continue
        owner, start = owner_before(v, a)
        quals = (("organization", v.doc.entities[owner.key].name),) if owner else ()
        yield Draft(m.key, "title", v.text(a, i), v.toks[start].start, m.end, "title before name", quals)


def role_titles(v: View) -> Iterator[Draft]:
    """"a senior executive at Acme", "a Paris-based Acme executive", said of the one person
    with that title -> title (+ organization)."""
    for m in v.mentions:
        i = v.index(m.start)
        if m.kind != "role" or not m.key or v.low(i - 1) not in ("a", "an"):
            continue
        end = v.after(m)
        a = title_run(v, end)
        if a == end:
            continue
        owner, _ = owner_before(v, a)
        last = m.end
        if owner is None and v.low(end) in ("at", "of", "with"):
            owner = next((x for x in v.mentions if x.key and end < v.index(x.start) <= end + 5
                          and v.type(x) == "organization"), None)
            last = owner.end if owner is not None else last
        quals = (("organization", v.doc.entities[owner.key].name),) if owner is not None and owner.key else ()
        yield Draft(m.key, "title", v.text(a, end), v.toks[i - 1].start, last, "title of a role", quals)


def possessive_titles(v: View) -> Iterator[Draft]:
    """"Acme's CEO, Ann Roe," and "the founder and CEO of Acme, Ann Roe," -> title."""
    for m in v.mentions:
        if m.kind != "name" or not m.key or v.type(m) not in ("person", ""):
            continue
        i = v.index(m.start)
        if v.low(i - 1) != ",":
            continue
        c = i - 1
        if v.low(c - 1) in ("company", "firm") or v.ending(c - 1):  # "... of the company, Ann Roe"
            of = c - 1
            while of > 0 and v.low(of) != "of" and c - of < 5:
                of -= 1
            owner = v.ending(c - 1)
            if v.low(of) != "of" or owner is None or not owner.key:
                continue
            a = title_run(v, of)
            if a == of:
                continue
            quals = (("organization", v.doc.entities[owner.key].name),)
            title = v.text(a, of)
            yield from _wealth(v, m, a)
            yield Draft(m.key, "title", title, v.toks[_article(v, a)].start, m.end, "title of organization", quals)
            yield from _founder(v, m, title, v.doc.entities[owner.key].name, v.toks[_article(v, a)].start, m.end)
            continue
        a = title_run(v, c)
        owner, start = owner_before(v, a)
        if a == c or owner is None:
            continue
        quals = ((("for" if v.type(owner) == "person" else "organization"), v.doc.entities[owner.key].name),)
        yield Draft(m.key, "title", v.text(a, c), v.toks[_article(v, start)].start, m.end, "possessive title", quals)


def _wealth(v: View, m: Mention, a: int) -> Iterator[Draft]:
    """"the billionaire founder of Acme, Ann Roe" -> wealth: billionaire (the word before token a)."""
    if v.low(a - 1) in v.lex.wealth:
        yield Draft(m.key, "wealth", v.low(a - 1), v.toks[_article(v, a - 1)].start, max(m.end, v.toks[a - 1].end),
                    "wealth")


def _article(v: View, i: int) -> int:
    """Token i, or the article just before it (so that a quote reads "The company's CEO")."""
    return i - 1 if i - 1 >= 0 and v.low(i - 1) in ARTICLES else i


def ages(v: View) -> Iterator[Draft]:
    """"Ann Roe, 39," / "39-year-old Ann Roe" / "Ann Roe, aged 39" -> age."""
    for m in v.mentions:
        if m.kind not in ("name", "pronoun", "garbled") or not m.key or v.type(m) not in ("person", ""):
            continue
        j = v.after(m)
        k = j + 1 + (v.low(j + 1) == "aged")
        if v.low(j) == "," and k < len(v.toks) and v.toks[k].text.isdigit() and _age_end(v, k + 1):
            age = int(v.toks[k].text)
            if 0 < age < 125:
                yield Draft(m.key, "age", age, m.start, v.toks[k].end, "age after name")
        i = v.index(m.start)
        a = title_run(v, i)
        old = re.fullmatch(r"(\d{1,3})-year-old", v.toks[a - 1].text) if a > 0 else None
        if old and 0 < int(old.group(1)) < 125:
            yield Draft(m.key, "age", int(old.group(1)), v.toks[a - 1].start, m.end, "age before name")


def _age_end(v: View, k: int) -> bool:
    return k >= len(v.toks) or v.toks[k].text in (",", ";", ")") or (v.toks[k].text == "." and k == len(v.toks) - 1) \
        or v.low(k) in ("and", "who", "said", "was", "is", "has", "had")


def other_names(v: View) -> Iterator[Draft]:
    """"Ann Roe, also known as Jenny Roe" -> also known as."""
    for m1, m2 in zip(v.mentions, v.mentions[1:], strict=False):
        between = v.doc.text[m1.end:m2.start]
        if m1.key and re.fullmatch(r",?\s*(?:also\s+)?(?:known\s+as|aka|a\.k\.a\.|nicknamed)\s+\"?", between):
            yield Draft(m1.key, "also known as", m2.text, m1.start, m2.end, "also known as")


def descriptions(v: View) -> Iterator[Draft]:
    """"the video startup Acme" -> description "video startup"."""
    for m in v.mentions:
        if m.kind != "name" or not m.key:
            continue
        i = v.index(m.start)
        k = i - 1
        if k < 1 or not v.toks[k].word or not v.toks[k].text.islower():
            continue
        noun = v.low(k)
        if noun not in v.lex.company_descriptors and noun not in v.lex.person_descriptors or noun in v.lex.roles:
            continue
        a = k
        while a - 1 >= 0 and v.toks[a - 1].word and v.toks[a - 1].text.islower() \
                and v.low(a - 1) not in v.lex.stopwords and k - a < 3:
            a -= 1
        rich = next((x for x in range(a, k + 1) if v.low(x) in v.lex.wealth), -1)
        if rich >= 0:  # "the billionaire Ann Roe", "the billionaire shipping magnate Ann Roe"
            yield from _wealth(v, m, rich + 1)
        if a - 1 >= 0 and v.low(a - 1) in ARTICLES and not (rich == a == k):
            yield Draft(m.key, "description", v.text(a, i), v.toks[a - 1].start, m.end, "description before name")
