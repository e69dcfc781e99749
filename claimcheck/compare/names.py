"""Compare names inside values (employers, agencies, places): value.variant, value.differs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from claimcheck.compare.common import quoted, words
from claimcheck.records import Verdict
from claimcheck.tables import DEFAULT, Tables

# Two spellings are one name's variants from these similarities up (0..1).
EDIT_SIMILARITY = 0.75  # Levenshtein, normalized by the longer name
JARO_WINKLER = 0.9  # rewards a shared beginning: "Widget" vs "WidgetEx"
_DOTS = re.compile(r"(?<=\w)\.(?=\w|\s|$)")  # "U.S." is "US", "S.A." is "SA"


@dataclass(frozen=True, slots=True)
class Knowledge:
    suffixes: frozenset[str]
    abbreviations: dict[str, tuple[str, ...]]
    stopwords: frozenset[str]
    group: dict[str, str]


@lru_cache(maxsize=16)
def knowledge(tables: Tables = DEFAULT) -> Knowledge:
    """The institution tables of `tables`, compiled for lookup."""
    t = tables.get("institutions")
    group = {w: name for name, ws in t.get("groups", {}).items() for w in ws}
    return Knowledge(
        suffixes=frozenset(t.get("suffixes", [])),
        abbreviations={k: tuple(words(v)) for k, v in t.get("abbreviations", {}).items()},
        stopwords=frozenset(t.get("stopwords", [])),
        group=group,
    )


@lru_cache(maxsize=1 << 18)
def read_name(text: str, tables: Tables = DEFAULT) -> tuple[str, ...]:
    """The words that tell a name apart: folded, abbreviations spelled out, legal form dropped."""
    k = knowledge(tables)
    plain = _DOTS.sub("", text).replace("&", " and ")
    out = [x for w in words(plain) for x in k.abbreviations.get(w, (w,))]
    while len(out) > 1 and out[-1] in k.suffixes:
        out.pop()
    return tuple(w for w in out if w not in k.stopwords) or tuple(out)


def _initials_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "J Smith" and "John Smith": word by word equal, or an initial of the other."""
    if len(a) != len(b):
        return False
    return all(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(a, b, strict=True))


def compare_names(a: str, b: str, tables: Tables = DEFAULT) -> Verdict | None:
    """The verdict on two names, or None when either has no words."""
    k = knowledge(tables)
    na, nb = read_name(a, tables), read_name(b, tables)
    if not na or not nb:
        return None
    shown = f"'{a}' ({' '.join(na)}) and '{b}' ({' '.join(nb)})"
    if na == nb:
        return Verdict(None, f"{shown} are the same name")
    if sorted(na) == sorted(nb) or set(na) == set(nb):
        return Verdict(None, f"{shown} are the same words in another order")
    if _initials_agree(na, nb):
        return Verdict(None, f"{shown} agree, initials for words")
    sa, sb = set(na), set(nb)
    if sa < sb or sb < sa:
        return Verdict(None, f"{shown}: one is a shorter form of the other")
    ga, gb = {k.group.get(w, w) for w in sa}, {k.group.get(w, w) for w in sb}
    if ga <= gb or gb <= ga:
        swapped = sorted((sa ^ sb) & k.group.keys())
        return Verdict(
            "value.variant",
            f"{shown} differ in the institution words {quoted(swapped)}: not the same word, maybe not the same body",
        )
    da = tuple(w for w in na if w not in sb)
    db = tuple(w for w in nb if w not in sa)
    if _acronym(da, db) or _acronym(db, da):
        short, long_ = (da, db) if len(da) == 1 else (db, da)
        return Verdict(None, f"{shown} agree: '{short[0]}' stands for '{' '.join(long_)}'")
    ja, jb = " ".join(da), " ".join(db)
    edit = Levenshtein.normalized_similarity(ja, jb)
    jw = JaroWinkler.similarity(ja, jb)
    if edit >= EDIT_SIMILARITY or jw >= JARO_WINKLER:
        return Verdict(
            "value.variant",
            f"{shown}: '{ja}' and '{jb}' are {Levenshtein.distance(ja, jb)} letter edit(s) "
            f"apart (similarity {edit:.2f}), a spelling variant",
        )
    return Verdict("value.differs", f"{shown} are different names: '{ja}' is not '{jb}' ({edit:.2f})")


def _acronym(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """ "ny" for "new york", "un" for "united nations"."""
    return len(short) == 1 and len(long_) > 1 and short[0] == "".join(w[0] for w in long_)
