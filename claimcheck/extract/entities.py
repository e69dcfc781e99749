"""Who is who in an article: entities from the mentions, their types, and what
pronouns and "the company" refer to.

Forms are joined by the text's own evidence only: the same words, a shorter
form that ends a longer one ("Roe", "Ann Roe") or begins one that goes on with
company words only ("Acme", "Acme Robotics"), legal suffixes ("Acme
Inc." = "Acme"), an acronym of the words ("U.S." = "United States"), "also
known as" and "X (ACRONYM)". Types come from the words in and around each
mention (org words, "in X", a title or an age, "-based"). A pronoun goes to
the nearest person before it (not the subject of its own clause for
him/her); "the company" to the organization the text names most; "the bank"
to the latest organization whose name ends with "Bank".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from claimcheck.extract.lexicon import Lexicon, lexicon
from claimcheck.extract.names import name_mentions
from claimcheck.extract.text import Doc, Entity, Mention, Sentence, TitleHint, Token, fold_name, kebab, sentences
from claimcheck.match.partition import Partition
from claimcheck.tables import DEFAULT, Tables


def read(text: str, tables: Tables = DEFAULT) -> Doc:
    """Sentences, mentions and entities of an article."""
    lex = lexicon(tables)
    sents = sentences(text, lex)
    mentions, hints = name_mentions(text, sents, lex)
    entities, form_key = _group(text, sents, mentions, lex)
    doc = Doc(text, lex, sents, mentions, entities, [], form_key)
    for m in (m for ms in mentions for m in ms):
        m.key = form_key.get(fold_name(m.text), "")
        entities[m.key].mentions += 1
    _type(doc)
    doc.hints = [h for h in (_hint(doc, *raw) for raw in hints) if h is not None]
    _add_references(doc)
    from claimcheck.extract.claims import role_references  # the title rules say who holds which title

    role_references(doc)
    return doc

_PLACE_PREPS = {"in": 1.0, "across": 1.0, "throughout": 1.0, "near": 1.0, "inside": 1.0,
                "outside": 0.5, "from": 0.25, "to": 0.25}
_COREF_WINDOW = 6  # sentences a pronoun may look back for its person


def _initials(form: str, skip: frozenset[str]) -> tuple[str, str]:
    words = re.findall(r"[^\W\d_][\w'-]*", form)
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in skip).upper()
    return every, content


def _group(text: str, sents: list[Sentence], mentions: list[list[Mention]],
           lex: Lexicon) -> tuple[dict[str, Entity], dict[str, str]]:
    """Entities from the mentions: forms joined by the text's own evidence."""
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    variants: dict[str, dict[str, None]] = {}  # folded form -> the ways the text writes it
    garbled: set[str] = set()
    for m in (m for ms in mentions for m in ms):
        f = fold_name(m.text)
        counts[f] += 1
        written.setdefault(f, m.text)
        variants.setdefault(f, {})[m.text] = None
        if m.kind == "garbled":
            garbled.add(f)
    classes = Partition(counts)
    find, union = classes.find, classes.union

    bare: dict[str, str] = {}
    for f in counts:  # "Acme Inc." and "Acme" are one name
        words = f.split()
        while len(words) > 1 and words[-1].strip(".,") in lex.legal_suffixes:
            words = words[:-1]
        if len(words) < len(f.split()):
            bare[f] = " ".join(words)
    for f, g in bare.items():
        if g in classes.parent:
            union(f, g)
    folded = sorted(counts, key=lambda f: (-len(f.split()), f))
    for f in folded:  # a shorter form joins the one longer form it ends ("Roe" -> "Ann Roe")
        words = f.split()
        longer = {find(g) for g in folded if len(g.split()) > len(words) and g.split()[-len(words):] == words
                  and g not in garbled and (len(words) > 1 or not _has(g, lex.org_words) and " of " not in g)}
        if len(longer) == 1 and f not in garbled:
            union(f, longer.pop())
    for f in folded:  # "Acme" for "Acme Robotics": the rest of the longer name is company words
        words = f.split()
        longer = {find(g) for g in folded if len(g.split()) > len(words) and g.split()[:len(words)] == words
                  and all(w.strip(".,") in lex.org_words for w in g.split()[len(words):]) and g not in garbled}
        if len(longer) == 1 and f not in garbled and not _has(f, lex.org_words):
            union(f, longer.pop())
    for f in folded:  # acronyms ("U.S." = "United States")
        letters = f.replace(".", "").upper()
        if written[f].replace(".", "").isupper() and 2 <= len(letters) <= 6:
            match = {find(g) for g in folded if g != f and letters in _initials(written[g], lex.connectors)}
            if len(match) == 1:
                union(f, match.pop())
    for ms in mentions:  # "X, also known as Y", "X (Y)"
        for m1, m2 in zip(ms, ms[1:], strict=False):
            between = text[m1.end:m2.start].strip().lower()
            acronym = between == "(" and m2.text.replace(".", "").isupper()
            if acronym or re.fullmatch(r",?\s*(?:also\s+)?(?:known\s+as|aka|a\.k\.a\.|alias|nicknamed)", between):
                union(fold_name(m2.text), fold_name(m1.text))
    groups: dict[str, list[str]] = {}
    for f in folded:
        groups.setdefault(find(f), []).append(f)
    entities: dict[str, Entity] = {}
    form_key: dict[str, str] = {}
    for members in groups.values():
        names = [n for f in members for n in variants[f]]
        name = max(names, key=lambda n: (len(n.split()), counts[fold_name(n)], -text.find(n)))
        key, n = kebab(name), 1
        while key in entities:
            n += 1
            key = f"{kebab(name)}-{n}"
        aliases = sorted({n for n in names if n != name}, key=text.find)
        entities[key] = Entity(key, name, aliases=aliases, garbled=any(f in garbled for f in members))
        for f in members:
            form_key[f] = key
    return entities, form_key


def _has(form: str, words: frozenset[str]) -> bool:
    return any(w.strip(".,'") in words for w in form.split())


def _type(doc: Doc) -> None:
    """Person, organization, place or event, from the words in and around each mention."""
    lex = doc.lex
    score: dict[str, defaultdict[str, float]] = {}
    for s, ms in zip(doc.sentences, doc.mentions, strict=True):
        toks = s.tokens
        for m in ms:
            votes = score.setdefault(m.key, defaultdict(float))
            i = next(k for k, t in enumerate(toks) if t.start == m.start)
            j = next(k for k, t in enumerate(toks) if t.end >= m.end) + 1
            words = [t.low.replace("’", "'") for t in toks[i:j]]
            before = [t.low for t in toks[max(0, i - 4):i]]
            lead = before[:-1] if before[-1:] == ["the"] else before
            after = toks[j] if j < len(toks) else None
            if m.kind == "place":
                votes["place"] += 2
            if m.kind == "employer":
                votes["organization"] += 2
            if m.kind in ("event", "organization", "thing"):
                votes[m.kind] += 3
            if any(w.strip(".") in lex.org_words for w in words):
                votes["organization"] += 2
            dateline = i == 0 and m.text.isupper() and j < len(toks) and toks[j].text in ("(", "-", "—", "–", ",")
            if dateline:  # "PARIS (Agency) -"
                votes["place"] += 3
            elif m.text.replace(".", "").isupper() and len(m.text) > 1 and "." not in m.text:
                votes["organization"] += 1
            if any(w.strip(".") in lex.place_words for w in words):
                votes["place"] += 1
            if lead and lead[-1] in _PLACE_PREPS:
                votes["place"] += _PLACE_PREPS[lead[-1]]
            if after is not None and after.word and after.text.islower() and after.low in lex.roles:
                votes["organization"] += 1
            if len(before) >= 2 and before[-1] in ("of", "at", "for") and before[-2] in lex.roles:
                votes["organization"] += 1
            if len(before) >= 3 and before[-1] == "the" and before[-2] in ("of", "at", "for") \
                    and before[-3] in lex.roles:
                votes["organization"] += 1
            if len(words) > 1 and not any(w in lex.connectors for w in words):
                votes["person"] += 0.25
            if before and before[-1] in lex.roles and toks[i - 1].text.islower():
                votes["person"] += 1  # "exec Ann Roe", "mayor Ann Roe"
            if toks[j:j + 1] and toks[j].text == "," and j + 1 < len(toks) and toks[j + 1].text.isdigit():
                votes["person"] += 2
            if toks[j:j + 1] and toks[j].text == ",":
                apposition = _until_comma(toks, j + 1)
                votes["organization"] += any(_singular(t.low) in lex.company_descriptors for t in apposition)
                votes["person"] += any(_singular(t.low) in lex.person_descriptors for t in apposition)
    for key, votes in score.items():
        entity = doc.entities[key]
        if votes.get("event") or votes.get("thing"):
            entity.type = "event" if votes["event"] >= votes["thing"] else "thing"
        elif any(votes.values()):
            entity.type = max(votes.items(), key=lambda kv: (kv[1], kv[0] != "person"))[0]


def _until_comma(toks: list[Token], i: int) -> list[Token]:
    out: list[Token] = []
    while i < len(toks) and toks[i].text not in (",", ";", ".") and len(out) < 10:
        out.append(toks[i])
        i += 1
    return out


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _hint(doc: Doc, si: int, a: int, k: int, b: int, c: int) -> TitleHint | None:
    toks = doc.sentences[si].tokens
    name = doc.text[toks[b].start:toks[c - 1].end]
    if b < a:  # a role word inside a garbled name: the quote is the name
        return TitleHint(si, toks[b].start, toks[c - 1].end, doc.text[toks[a].start:toks[k - 1].end], name)
    if not doc.key_of(name):
        return None
    org = ""
    if a > 0 and k == b:  # "Acme CEO Ann Roe": the employer is the mention before the title
        before = [m for m in doc.mentions[si] if m.end == toks[a - 1].end and m.kind == "employer"]
        org = before[0].text if before else ""
    return TitleHint(si, toks[a].start, toks[c - 1].end, doc.text[toks[a].start:toks[k - 1].end], name, org)


def _clause_break(toks: list[Token], a: int, b: int) -> bool:
    return any(t.text in (",", ";", ":") or t.low in ("and", "but", "after", "before", "when", "because", "while",
                                                       "since", "until", "that", "who", "which") for t in toks[a:b])


def _add_references(doc: Doc) -> None:
    """Pronoun, "the company" and "the bank" mentions, resolved to the entity they most likely mean."""
    lex = doc.lex
    people = {k for k, e in doc.entities.items() if e.type == "person"}
    companies = [e for e in doc.entities.values() if e.type == "organization"
                 and not _has(fold_name(e.name), lex.institution_words)]
    main = max(companies, key=lambda e: e.mentions).key if companies else ""
    last_person: tuple[int, str] = (-99, "")
    previous_person, last_start = "", 0
    by_head: dict[str, str] = {}  # last word of an organization's name -> its latest mention's entity
    for s, ms in zip(doc.sentences, doc.mentions, strict=True):
        extra: list[Mention] = []
        names = iter(sorted(ms, key=lambda m: m.start))
        pending = next(names, None)
        toks = s.tokens
        for i, tok in enumerate(toks):
            while pending is not None and pending.start <= tok.start:
                if pending.key in people:
                    if pending.key != last_person[1]:
                        previous_person = last_person[1]
                    last_person = (s.index, pending.key)
                    last_start = next(k for k, t in enumerate(toks) if t.start >= pending.start)
                if pending.kind in ("name", "organization", "event") and pending.key:
                    by_head[fold_name(doc.entities[pending.key].name).split()[-1]] = pending.key
                pending = next(names, None)
            if tok.word and tok.low in lex.pronouns:
                key = last_person[1] if s.index - last_person[0] <= _COREF_WINDOW else ""
                if tok.low in ("him", "her") and key and previous_person and last_person[0] == s.index \
                        and not _clause_break(toks, last_start, i):
                    key = previous_person  # "Judge Roe ordered him": him is not Judge Roe
                extra.append(Mention(tok.start, tok.end, tok.text, s.index, key, "pronoun"))
            ref = _company_ref(toks, i, lex)
            if ref:
                extra.append(Mention(tok.start, toks[ref - 1].end, doc.text[tok.start:toks[ref - 1].end],
                                     s.index, main, "ref"))
            elif tok.low == "the" and i + 1 < len(toks) and toks[i + 1].text.islower() \
                    and by_head.get(toks[i + 1].low):  # "the bank": the latest "... Bank"
                extra.append(Mention(tok.start, toks[i + 1].end, doc.text[tok.start:toks[i + 1].end],
                                     s.index, by_head[toks[i + 1].low], "ref"))
        ms.extend(extra)
        ms.sort(key=lambda m: (m.start, -m.end))


def _company_ref(toks: list[Token], i: int, lex: Lexicon) -> int:
    """The end token of "the company" (or "the Paris-based company") at token i, or 0."""
    for ref in lex.company_refs:
        words = list(range(i, min(i + len(ref) + 1, len(toks))))
        if len(words) > 2 and any(toks[words[1]].low.endswith(x) for x in lex.place_suffixes):
            del words[1]
        words = words[:len(ref)]
        if len(words) == len(ref) and tuple(toks[k].low for k in words) == ref:
            return words[-1] + 1
    return 0
