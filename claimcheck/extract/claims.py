"""The registry of every drafting rule, `draft_claims`, which runs them, and
`role_references`, which uses the title rules to find who "the executive" is.

RULES maps a rule's name to its function; the function's docstring is the
rule's documentation (docs/extract.md lists them). No import-time magic: a
new rule is a function added here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from claimcheck.compare.titles import read_title
from claimcheck.extract.accusations import accusations, evidence
from claimcheck.extract.events import document_facts, findings, inquiries, organization_acts, whose_acts
from claimcheck.extract.facts import dated_acts, partners, places, pleas, relations
from claimcheck.extract.figures import figures
from claimcheck.extract.roles import appointments, became_titles, stated_roles
from claimcheck.extract.rules import (
    ages,
    appositions,
    descriptions,
    other_names,
    possessive_titles,
    role_titles,
    titles_before,
)
from claimcheck.extract.statements import statements
from claimcheck.extract.text import Doc, Mention
from claimcheck.extract.view import ARTICLES, Draft, View

Rule = Callable[[View], Iterator[Draft]]


# Every drafting rule, by name; each function's docstring says what it drafts.
RULES: dict[str, Rule] = {
    "apposition": appositions,
    "title-before-name": titles_before,
    "possessive-title": possessive_titles,
    "role-title": role_titles,
    "age": ages,
    "also-known-as": other_names,
    "description": descriptions,
    "appointment": appointments,
    "became-title": became_titles,
    "stated-role": stated_roles,
    "place": places,
    "worked-with": partners,
    "statement": statements,
    "accusation": accusations,
    "evidence": evidence,
    "relation": relations,
    "dated-act": dated_acts,
    "organization-act": organization_acts,
    "whose-act": whose_acts,
    "document": document_facts,
    "finding": findings,
    "inquiry": inquiries,
    "plea": pleas,
    "figure": figures,
}


def draft_claims(doc: Doc) -> list[Draft]:
    """Every rule over every sentence (headings left out), without repeats."""
    out: list[Draft] = []
    seen: set[tuple] = set()
    for s in doc.sentences:
        if s.heading:
            continue
        view = View(doc, s)
        for rule in RULES.values():
            for d in rule(view):
                key = (d.subject, d.predicate, str(d.value).lower(), d.start, d.end)
                if d.subject and key not in seen and d.end > d.start:
                    seen.add(key)
                    out.append(d)
    return out


def role_references(doc: Doc) -> None:
    """Mentions for a person named by a title alone ("a Paris-based Acme executive", "the
    senator"): the one person the text gives a title with that head word, if only one."""
    heads: dict[str, set[str]] = {}
    for s in doc.sentences:
        if s.heading:
            continue
        v = View(doc, s)
        for rule in (appositions, titles_before, possessive_titles):
            for d in rule(v):
                if d.predicate == "title" and d.subject in doc.entities and doc.entities[d.subject].type == "person":
                    for head in {_head(str(d.value)), _written_head(str(d.value))}:  # "chief executive":
                        heads.setdefault(head, set()).add(d.subject)  # an officer and an executive
    unique = {h: next(iter(keys)) for h, keys in heads.items() if h and len(keys) == 1}
    for s, ms in zip(doc.sentences, doc.mentions, strict=True):
        toks = s.tokens
        for i, t in enumerate(toks):
            if t.low not in ARTICLES or i + 1 >= len(toks):
                continue
            for k in range(i + 1, min(i + 6, len(toks))):
                if not toks[k].word:
                    break
                key = unique.get(_head(toks[k].text)) if toks[k].text.islower() else None
                after = toks[k + 1] if k + 1 < len(toks) else None
                if key and not (after is not None and (after.cap or after.text in ("'s", "’s", ","))):
                    ms.append(Mention(toks[i + 1].start, toks[k].end, doc.text[toks[i + 1].start:toks[k].end],
                                      s.index, key, "role"))
                    break
                if toks[k].text.islower() and toks[k].low in doc.lex.stopwords:
                    break
        ms.sort(key=lambda m: (m.start, -m.end))


def _written_head(title: str) -> str:
    """The last word of a title as written, before "of", "for", "at" or "and"."""
    words = title.lower().split()
    ends = [n for n, w in enumerate(words) if w in ("of", "for", "at", "and")]
    words = words[:ends[0]] if ends else words
    return words[-1].strip(".") if words else ""


def _head(title: str) -> str:
    """The word a title is about: "exec" and "security executive" -> "executive"."""
    words = read_title(title).words
    ends = [n for n, w in enumerate(words) if w in ("of", "for", "at", "and")]
    words = words[:ends[0]] if ends else words
    return words[-1] if words else ""
