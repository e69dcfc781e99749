"""Compare job titles: title.inflated, title.conflict, title.less-specific."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.compare.common import fold, longest_match, phrase_index, quoted, words
from claimcheck.records import Verdict
from claimcheck.tables import DEFAULT, Tables

_RAW = re.compile(r"[^\s,;:()/\"]+")
_SPLIT = re.compile(r"[-.']+")
_CONNECTORS = frozenset({"of", "for", "and", "in", "to", "on"})
_ORG_START = frozenset({"at", "with"})  # "executive at Acme": the rest names the employer
_ORG_MAYBE = frozenset({"of", "for", "in"})  # ... when a capitalized name follows


@dataclass(frozen=True, slots=True)
class Knowledge:
    replace: dict[tuple[str, ...], tuple[str, ...]]  # abbreviations and synonyms
    ignore: frozenset[str]
    ignore_suffixes: tuple[str, ...]
    raise_: frozenset[str]
    lower: frozenset[str]
    generic: dict[tuple[str, ...], str]
    tiers: dict[str, int]
    ladders: dict[tuple[str, ...], tuple[tuple[str, int], ...]]
    vocabulary: frozenset[str]
    heads: frozenset[str]  # words of ladder titles and generic words
    by_word: dict[str, tuple[tuple[str, ...], ...]]  # word -> ladder titles with it


@dataclass(frozen=True, slots=True)
class Title:
    """A title as read: its canonical words, its place in rank ladders, its extra words."""

    text: str
    words: tuple[str, ...]
    wordset: frozenset[str]
    ranks: dict[str, int]  # ladder name -> level (0 is the top)
    core: str  # the ladder title found in it, or ""
    domain: frozenset[str]  # words beside the ladder title ("software" engineer)
    tier: int | None  # the generic tier when the title is only a generic word
    headed: bool  # ends (before any "of ...") in a word of a known title or a generic word

    @property
    def shown(self) -> str:
        norm = " ".join(self.words)
        return f"'{self.text}'" if norm == self.text.lower() else f"'{self.text}' ({norm})"


@lru_cache(maxsize=16)
@lru_cache(maxsize=16)
def _other_time_phrases(tables: Tables) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words(str(p))) for p in tables.get("titles").get("other_time") or ())


@lru_cache(maxsize=1 << 16)
def other_time(value: str, tables: Tables = DEFAULT) -> bool:
    """Whether a title is dated to another time than the story's ("former chairman", "president-elect"):
    the `other_time` words of data/titles.yaml."""
    ws = words(value)
    return any(ws[i:i + len(p)] == p for p in _other_time_phrases(tables) for i in range(len(ws) - len(p) + 1))


def knowledge(tables: Tables = DEFAULT) -> Knowledge:
    """The title tables of `tables`, compiled for lookup."""
    t = tables.get("titles")
    ladders: dict[tuple[str, ...], list[tuple[str, int]]] = {}
    for name, levels in t.get("ladders", {}).items():
        for level, titles in enumerate(levels):
            for title in titles:
                ladders.setdefault(tuple(title.split()), []).append((name, level))
    abbreviations = {k.lower(): tuple(v.split()) for k, v in t.get("abbreviations", {}).items()}
    replace: dict[tuple[str, ...], tuple[str, ...]] = {(k,): v for k, v in abbreviations.items()}
    replace.update({tuple(k.split()): tuple(v.split()) for k, v in t.get("synonyms", {}).items()})
    generic = {k: int(v) for k, v in t.get("generic", {}).items()}
    vocabulary = {w for key in ladders for w in key} | set(abbreviations)
    vocabulary |= {w for v in abbreviations.values() for w in v}
    vocabulary |= {w for g in generic for w in g.split()}
    vocabulary |= set(t.get("raise", [])) | set(t.get("lower", []))
    return Knowledge(
        replace=replace,
        ignore=frozenset(t.get("ignore", [])),
        ignore_suffixes=tuple(t.get("ignore_suffixes", [])),
        raise_=frozenset(t.get("raise", [])),
        lower=frozenset(t.get("lower", [])),
        generic=phrase_index(generic),
        tiers=generic,
        ladders={k: tuple(v) for k, v in ladders.items()},
        vocabulary=frozenset(vocabulary),
        by_word=_by_word(ladders),
        heads=frozenset({w for key in ladders for w in key} | {w for g in generic for w in g.split()}),
    )


def title_words(tables: Tables = DEFAULT) -> frozenset[str]:
    """Every word the title tables know; a title has at least one of them."""
    return knowledge(tables).vocabulary


def _by_word(ladders: dict[tuple[str, ...], list[tuple[str, int]]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for key in ladders:
        for word in set(key):
            out.setdefault(word, []).append(key)
    return {w: tuple(keys) for w, keys in out.items()}


def _raw_words(text: str, k: Knowledge) -> list[str]:
    """The words of a title, without the employer, places and possessives around it."""
    raw = _RAW.findall(fold(text))
    alpha = [w for w in raw if w[0].isalpha() and w.lower() not in _CONNECTORS | _ORG_START]
    title_case = all(w[0].isupper() for w in alpha)
    out: list[str] = []
    for n, word in enumerate(raw):
        low = word.lower().strip(".")
        if low in _ORG_START and out:
            break
        if low in _ORG_MAYBE and out:
            following = [w for w in raw[n + 1 :] if w.lower() not in ("the", "a", "an")]
            if following and following[0][0].isupper() and not title_case:
                break
        if low.endswith(("'s", "s'")) or low.endswith(k.ignore_suffixes):
            continue
        plain = _SPLIT.sub("", low)
        if word[0].isupper() and not title_case and plain not in k.vocabulary:
            continue
        out.append(low)
    return out


def _expand(words: tuple[str, ...], table: dict[tuple[str, ...], tuple[str, ...]]) -> list[str]:
    """`words` with every phrase of `table` replaced, longest first.

    A replacement that already stands in full is not doubled: with "staff" ->
    "staff member", "staff member" stays "staff member".
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        size = next((n for n in range(min(4, len(words) - i), 0, -1) if words[i : i + n] in table), 0)
        if not size:
            out.append(words[i])
            i += 1
            continue
        key, new = words[i : i + size], table[words[i : i + size]]
        shared = next((n for n in range(len(key), -1, -1) if new[:n] == key[:n]), 0)
        tail = new[shared:]
        i += size
        if shared and words[i : i + len(tail)] == tail:
            i += len(tail)
        out.extend(new)
    return out


def _canonical(text: str, k: Knowledge) -> tuple[str, ...]:
    words = [w for raw in _raw_words(text, k) for w in _SPLIT.split(raw.replace(".", "")) if w]
    return tuple(w for w in _expand(tuple(words), k.replace) if w not in k.ignore)


def _subsequence(needle: tuple[str, ...], hay: tuple[str, ...]) -> bool:
    it = iter(hay)
    return all(w in it for w in needle)


@lru_cache(maxsize=1 << 18)
def read_title(text: str, tables: Tables = DEFAULT) -> Title:
    """`text` read as a job title."""
    k = knowledge(tables)
    words = _canonical(text, k)
    candidates = {key for w in set(words) for key in k.by_word.get(w, ())}
    found = sorted((key for key in candidates if _subsequence(key, words)), key=lambda key: (-len(key), key))
    core = found[0] if found else ()
    ranks: dict[str, int] = {}
    for key in reversed([key for key in found if len(key) == len(core)]):
        ranks.update(k.ladders[key])  # the longest ladder titles found; the first sorted wins
    wordset = frozenset(words) - _CONNECTORS
    domain = wordset - set(core) - k.raise_ - k.lower
    tier = None
    if not core and words:
        for start in range(len(words)):
            phrase, end = longest_match(words, start, k.generic, 3)
            if phrase and end == len(words):
                tier = k.tiers[phrase]
                break
    before = next((n for n, w in enumerate(words) if w in _CONNECTORS), len(words))
    headed = before > 0 and words[before - 1] in k.heads
    return Title(text, words, wordset, ranks, " ".join(core), frozenset(domain), tier, headed)


def _ladder(a: Title, b: Title) -> str:
    """A ladder both titles stand on at different levels, or ""."""
    return next((n for n in a.ranks if n in b.ranks and a.ranks[n] != b.ranks[n]), "")


def compare_titles(a: str, b: str, tables: Tables = DEFAULT) -> Verdict | None:
    """The verdict on two job titles, or None when either has no title words left."""
    k = knowledge(tables)
    ta, tb = read_title(a, tables), read_title(b, tables)
    if not ta.words or not tb.words:
        return None
    if ta.wordset == tb.wordset:
        return Verdict(None, f"{ta.shown} and {tb.shown} are the same title")
    ladder = _ladder(ta, tb)
    if ladder:
        hi, lo = (ta, tb) if ta.ranks[ladder] < tb.ranks[ladder] else (tb, ta)
    if ta.wordset < tb.wordset or tb.wordset < ta.wordset:
        small, big = (ta, tb) if ta.wordset < tb.wordset else (tb, ta)
        extra = big.wordset - small.wordset
        if ladder:
            return _inflated(hi, lo, f"so says the {ladder} ladder of titles.yaml")
        if extra & (k.raise_ | k.lower):
            up = extra & k.raise_
            hi, lo = (big, small) if up else (small, big)
            word = sorted(up or extra & k.lower)
            how = "raises" if up else "lowers"
            return _inflated(hi, lo, f"{quoted(word)} {how} the rank")
        return Verdict(None, f"{big.shown} only adds {quoted(sorted(extra))} to {small.shown}")
    if (ta.tier is None) != (tb.tier is None):
        gen, spec = (ta, tb) if ta.tier is not None else (tb, ta)
        return Verdict(
            "title.less-specific",
            f"{gen.shown} is a generic word; {spec.shown} is a specific title",
        )
    if ta.tier is not None and tb.tier is not None:
        if ta.tier == tb.tier:
            return Verdict(None, f"{ta.shown} and {tb.shown} are generic words of one kind")
        hi, lo = (ta, tb) if ta.tier > tb.tier else (tb, ta)
        return _inflated(hi, lo, "a higher tier of generic words in titles.yaml")
    if ladder and (ta.domain == tb.domain or not ta.domain or not tb.domain):
        return _inflated(hi, lo, f"so says the {ladder} ladder of titles.yaml")
    return Verdict("title.conflict", f"{ta.shown} and {tb.shown} are different titles")


def _inflated(hi: Title, lo: Title, why: str) -> Verdict:
    return Verdict("title.inflated", f"{hi.shown} ranks above {lo.shown}: {why}")
