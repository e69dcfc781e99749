"""The word lists `claimcheck extract` reads articles with, gathered once per Tables.

data/extract.yaml holds what is particular to drafting (attribution verbs,
role words, relation verbs...); the other shipped tables are reused for what
they already know: title words (titles, honorifics), dates, hedges, number
words and units (numbers), organization suffixes (orgwords), stopwords (text)
and canonical predicate names (predicates).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from claimcheck.match.align import Predicates
from claimcheck.tables import DEFAULT, Tables


@dataclass(frozen=True, slots=True)
class Lexicon:
    abbreviations: frozenset[str]
    openers: frozenset[str]  # capitalized at a sentence start, yet not names
    stopwords: frozenset[str]
    dates: frozenset[str]  # month and weekday names
    months: frozenset[str]
    periods: frozenset[str]  # spring, summer, q1...
    courtesy: frozenset[str]
    name_titles: frozenset[str]  # words that are a title when capitalized before a name
    connectors: frozenset[str]
    place_suffixes: tuple[str, ...]  # "-based", "-born"
    extensions: dict[str, str]  # lower-case noun after a name -> entity type
    common_nouns: dict[str, str]  # unnamed entities: "the earthquake", "the complaint" -> type
    institution_words: frozenset[str]
    place_words: frozenset[str]
    org_words: frozenset[str]
    legal_suffixes: frozenset[str]  # "Inc", "Ltd": the same organization with or without them
    roles: frozenset[str]  # words that head a title
    modifiers: frozenset[str]  # words that may stand inside a title
    company_descriptors: frozenset[str]
    person_descriptors: frozenset[str]
    wealth: frozenset[str]
    attribution: frozenset[str]
    participles: frozenset[str]  # "saying", "adding": a statement by the clause's subject
    context_adverbs: frozenset[str]  # "also": left out of a statement's value
    modals: frozenset[str]
    findings: frozenset[str]  # "discovered": a finding, drafted under the verb's name
    inquiries: frozenset[str]  # "investigation", "audit"
    fillers: frozenset[str]
    accusers: frozenset[str]
    allegation_verbs: frozenset[str]
    evidence: dict[str, str]  # "citing" -> "cited"
    documents: tuple[tuple[str, ...], ...]
    speaker_roles: frozenset[str]
    company_refs: tuple[tuple[str, ...], ...]
    relations: dict[str, str]  # inflected verb -> predicate ("fired" -> "fired by")
    relation_base: dict[str, str]  # inflected verb -> base form
    relation_objects: dict[str, dict[str, str]]  # base -> preposition -> predicate
    places: dict[tuple[str, ...], str]
    pleas: dict[tuple[str, ...], str]
    dated_verbs: dict[str, str]  # inflected verb -> predicate
    subject_acts: dict[str, str]  # base -> predicate ("settle" -> "settled")
    act_nouns: dict[str, str]  # base -> noun ("appoint" -> "appointment")
    act_base: dict[str, str]  # inflected verb of either -> base
    irregular: dict[str, str]
    light_verbs: frozenset[str]
    pronouns: frozenset[str]
    place_index: dict[str, tuple[tuple[str, ...], ...]]
    plea_index: dict[str, tuple[tuple[str, ...], ...]]
    hedges: dict[str, tuple[tuple[str, ...], ...]]  # hedge phrases before a figure, by first word
    number_words: frozenset[str]
    vague: dict[str, tuple[tuple[str, ...], ...]]
    units: frozenset[str]
    predicates: Predicates


# An unquoted on / off / yes / no in a shipped YAML list reads as a boolean (YAML 1.1);
# read it back as the words it can have been.
_BOOLEAN_WORDS = {True: ("on", "yes"), False: ("off", "no")}


def _set(values) -> frozenset[str]:
    out: set[str] = set()
    for v in values or ():
        out.update(_BOOLEAN_WORDS[v] if isinstance(v, bool) else (str(v).lower(),))
    return frozenset(out)


def _phrases(values) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({tuple(str(v).lower().split()) for v in values or ()}, key=lambda p: -len(p)))


def index(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, longest first, for View.phrase_at."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -len(p))) for k, v in out.items()}


def inflections(base: str, irregular: dict[str, str]) -> tuple[str, ...]:
    """base, -s, -ed (or the irregular form) and -ing forms of an English verb."""
    stem = base[:-1] if base.endswith("e") else base
    third = base[:-1] + "ies" if base.endswith("y") and base[-2:-1] not in "aeiou" else (
        base + "es" if base.endswith(("s", "sh", "ch", "x", "z")) else base + "s")
    return (base, third, participle(base, irregular), stem + "ing")


def participle(base: str, irregular: dict[str, str]) -> str:
    """The past participle: "terminate" -> "terminated", "hold" -> "held"."""
    if base in irregular:
        return irregular[base]
    if base.endswith("ed"):
        return base
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ied"
    return base + "ed"


def past_participle(word: str, irregular: dict[str, str]) -> str:
    """The past participle of a verb as written: "killing" -> "killed", "employs" -> "employed"."""
    word = word.lower()
    if word in irregular.values():
        return word
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        for base in (stem + "e", stem):
            if base in irregular:
                return irregular[base]
        return stem + "ed"
    return participle(base_form(word, irregular), irregular)


def base_form(verb: str, irregular: dict[str, str]) -> str:
    """A best guess at the base form of an inflected verb ("employs" -> "employ")."""
    verb = verb.lower()
    back = {v: k for k, v in irregular.items()}
    if verb in back:
        return back[verb]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")):
        if verb.endswith(suffix):
            return verb[: -len(suffix)] + repl
    if verb.endswith("ed") and len(verb) > 4:
        stem = verb[:-2]
        return stem + "e" if stem.endswith(("at", "it", "ut", "iz", "is", "in", "ir", "v", "c", "g", "ur")) else stem
    if verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3:
        return verb[:-1]
    return verb


@lru_cache(maxsize=16)
def lexicon(tables: Tables = DEFAULT) -> Lexicon:
    x = tables.get("extract")
    titles, hon = tables.get("titles"), tables.get("honorifics")
    dates, numbers = tables.get("dates"), tables.get("numbers")
    stop = _set(tables.get("text").get("stopwords"))
    irregular = {str(k): str(v) for k, v in (x.get("irregular") or {}).items()}
    relations, relation_base = {}, {}
    for base, pred in (x.get("relations") or {}).items():
        for form in inflections(str(base), irregular):
            relations[form] = str(pred)
            relation_base[form] = str(base)
    dated = {form: str(pred) for base, pred in (x.get("dated_verbs") or {}).items()
             for form in inflections(str(base), irregular)}
    dated["born"] = dated.get("born", "born on")
    subject_acts = {str(k): str(p) for k, p in (x.get("subject_acts") or {}).items()}
    act_nouns = {str(k): str(p) for k, p in (x.get("act_nouns") or {}).items()}
    act_base = {form: base for base in {*subject_acts, *act_nouns} for form in inflections(base, irregular)}
    hedges = [h for group in (tables.get("hedges").get("before") or {}).values() for h in group]
    suffix_words = _set(tables.get("orgwords").get("suffixes"))
    institutions = _set(x.get("institution_words"))
    abbreviations = _set((titles.get("abbreviations") or {}).keys())
    heads = _set(x.get("role_words")) | _set(hon.get("roles")) | _set((titles.get("generic") or {}).keys())
    title_abbreviations = frozenset(k for k, v in (titles.get("abbreviations") or {}).items()
                                    if str(v).split()[-1] in heads)
    roles = _set(x.get("role_words")) | _set(hon.get("roles")) | abbreviations | _set(
        (titles.get("generic") or {}).keys())
    places = {tuple(str(k).lower().split()): str(v) for k, v in (x.get("places") or {}).items()}
    pleas = {tuple(str(k).lower().split()): str(v) for k, v in (x.get("pleas") or {}).items()}
    units = {str(w).lower() for spec in (numbers.get("units") or {}).values() for w in spec.get("words", ())}
    return Lexicon(
        abbreviations=_set(x.get("abbreviations")),
        openers=_set(x.get("openers")) | stop,
        stopwords=stop,
        dates=_set(dates.get("months")) | _set(x.get("weekdays")),
        months=_set(dates.get("months")),
        periods=_set(dates.get("periods")),
        courtesy=_set(x.get("courtesy")),
        name_titles=(_set(hon.get("leading")) | _set(hon.get("roles")) | title_abbreviations) - _set(
            x.get("courtesy")),
        connectors=_set(x.get("connectors")),
        place_suffixes=tuple(str(s).lower() for s in titles.get("ignore_suffixes") or ()),
        extensions={str(w): str(kind) for kind, ws in (x.get("name_extensions") or {}).items() for w in ws},
        common_nouns={str(w): str(kind) for kind, ws in (x.get("unnamed_entities") or {}).items() for w in ws},
        institution_words=institutions,
        place_words=_set(x.get("place_words")),
        org_words=institutions | _set(x.get("company_words")) | suffix_words,
        legal_suffixes=suffix_words - {"group", "holdings", "holding"},
        roles=roles,
        modifiers=_set(x.get("role_modifiers")) | _set(titles.get("raise")) | _set(titles.get("lower")),
        company_descriptors=_set(x.get("company_descriptors")),
        person_descriptors=_set(x.get("person_descriptors")),
        wealth=_set(x.get("wealth_words")),
        attribution=_set(x.get("attribution_verbs")),
        participles=_set(x.get("attribution_participles")),
        context_adverbs=_set(x.get("context_adverbs")),
        modals=_set(x.get("modals")),
        findings=_set(x.get("finding_verbs")),
        inquiries=_set(x.get("inquiry_nouns")),
        fillers=_set(x.get("attribution_fillers")),
        accusers=_set(x.get("accusers")),
        allegation_verbs=_set(x.get("allegation_verbs")),
        evidence={str(k).lower(): str(p) for k, p in (x.get("evidence_participles") or {}).items()},
        documents=_phrases(x.get("accusing_documents")),
        speaker_roles=_set(x.get("speaker_roles")),
        company_refs=_phrases(x.get("company_refs")),
        relations=relations,
        relation_base=relation_base,
        relation_objects={str(k): {str(p): str(v) for p, v in (d or {}).items()}
                          for k, d in (x.get("relation_objects") or {}).items()},
        places=places,
        pleas=pleas,
        place_index=index(places),
        plea_index=index(pleas),
        dated_verbs=dated,
        subject_acts=subject_acts,
        act_nouns=act_nouns,
        act_base=act_base,
        irregular=irregular,
        light_verbs=_set(x.get("light_verbs")),
        pronouns=_set(x.get("person_pronouns")),
        hedges=index(_phrases(h for h in hedges if any(c.isalpha() for c in str(h)))),
        number_words=_set((numbers.get("words") or {}).keys()) | _set((numbers.get("scales") or {}).keys()),
        vague=index(_phrases((numbers.get("vague") or {}).keys())),
        units=frozenset(units),
        predicates=Predicates(tables),
    )
