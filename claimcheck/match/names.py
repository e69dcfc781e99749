"""Names: fold a written name to comparable words, key it for blocking, score a pair.

A `Name` is a written name with case, accents, other scripts, punctuation, honorifics,
role words and legal suffixes folded away. `Lexicon.compare` classes each word pair
(same, nickname, initial, romanization, close spelling, same sound) with its evidence
in words; `candidates` picks the pairs worth scoring. All language knowledge is data
(claimcheck/data/{honorifics,orgwords,nicknames,romanization}.yaml), user-extendable.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein, Prefix

from claimcheck.records import pickled_as_tuple
from claimcheck.tables import DEFAULT, Tables

# Token pair classes, strongest first.
SAME, NICK, INIT, ROM, CLOSE, NEAR, SOUND, NONE = 7, 6, 5, 4, 3, 2, 1, 0
SOUND_JW = 0.70  # floor for "same sound": same phonetic key and at least this Jaro-Winkler
SOUND_FLOOR = 0.66  # ... or same length, first letter and key for words of up to 3 letters
CLOSE_JW = 0.88  # floor for "close spelling", with at most 1 edit per 4 letters ...
LONG = 5  # ... in words of at least 5 letters (or 1 edit and the same sound)
NEAR_JW = 0.85  # one edit in a shorter word: like "same sound", merges only with context

_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]|(?<!\w)['‘]([^'‘’]+)['’](?!\w)")
_CHUNK = re.compile(r"[^\w'’\-‐]+")
_NONE: frozenset[int] = frozenset()
_DOUBLE = re.compile(r"(.)\1")
_VOICE = str.maketrans("bdgvzxqc", "ptkfssks")


def _words(table: dict, key: str) -> frozenset[str]:
    return frozenset(str(w) for w in table.get(key, ()))


def _vowels(word: str) -> str:
    return "".join(c for c in word if c in "aeiouy")


def _trim(pairs: list[tuple[str, str]], front: frozenset[str], back: frozenset[str],
          dropped: list[str]) -> None:
    while len(pairs) > 1 and pairs[0][1] in front:
        dropped.append(pairs.pop(0)[0])
    while len(pairs) > 1 and pairs[-1][1] in back:
        dropped.append(pairs.pop()[0])


@dataclass(frozen=True, slots=True)
class Name:
    """A written name folded for comparison."""

    written: str  # as written, nickname and surrounding space removed
    tokens: tuple[str, ...]  # folded ASCII (or other-script) tokens, in written order
    words: tuple[str, ...]  # the same tokens as written, for messages
    dropped: tuple[str, ...] = ()  # honorifics, role words, legal suffixes removed
    stray: tuple[str, ...] = ()  # role words found INSIDE the name: a garble
    nicknames: tuple[str, ...] = ()
    key: tuple[str, ...] = ()  # the tokens sorted: one name whatever the word order


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Match:
    """How two names relate. `kind`: same | variant | contains | no.

    `short` is 0 when the first name is contained in the second, 1 otherwise.
    `needs_context` means the names merge only if the two carry an agreeing fact.
    """

    kind: str
    reason: str = ""
    variant: bool = False
    needs_context: bool = False
    short: int = 0


NO = Match("no")


class Lexicon:
    """The name knowledge in force, compiled once per `Tables`, with caches."""

    def __init__(self, tables: Tables) -> None:
        hon, org, rom = (tables.get(n) for n in ("honorifics", "orgwords", "romanization"))
        self.leading, self.trailing, self.roles = (_words(hon, k) for k in (
            "leading", "trailing", "roles"))
        self.suffixes, self.articles, self.stopwords = (_words(org, k) for k in (
            "suffixes", "articles", "stopwords"))
        self.particles = _words(rom, "particles")
        letters = {**rom.get("letters", {}), **rom.get("scripts", {})}
        self.letters = str.maketrans({str(k): str(v) for k, v in letters.items()})
        self.rewrites = [(re.compile(str(p)), str(r)) for p, r in rom.get("rewrites", ())]
        self.contrasts: set[tuple[str, str]] = set()
        for x, y in rom.get("contrasts", ()):
            x, y = str(x), str(y)
            cut = len(os.path.commonprefix([x, y]))
            self.contrasts |= {(x[cut:], y[cut:]), (y[cut:], x[cut:])}
        self.families: dict[str, frozenset[int]] = defaultdict(frozenset)
        for i, family in enumerate(tables.get("nicknames").get("families", ())):
            for word in map(self.fold, map(str, family)):
                self.families[word] |= {i}
        self.families = dict(self.families)
        self._rom: dict[str, str] = {}
        self._phon: dict[str, str] = {}
        self._cls: dict[tuple[str, str], tuple[int, str]] = {}
        self._word: dict[str, tuple[str, str]] = {}
        self._parsed: dict[tuple[str, str], Name] = {}

    def fold(self, text: str) -> str:
        """Lowercase, other scripts transliterated, accents and punctuation removed."""
        text = unicodedata.normalize("NFKD", text.casefold().translate(self.letters))
        return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))

    def rom(self, token: str) -> str:
        """The romanization key: spellings of one sound in different systems coincide."""
        key = self._rom.get(token)
        if key is None:
            key = token
            for pattern, repl in self.rewrites:
                key = pattern.sub(repl, key)
            self._rom[token] = key = key or token
        return key

    def phon(self, token: str) -> str:
        """A consonant skeleton of the romanization key (voicing merged), e.g. JN."""
        key = self._phon.get(token)
        if key is None:
            r = self.rom(token).replace("ng", "n").translate(_VOICE) or "?"
            key = "a" if r[0] in "aeiou" else r[0]
            for c in r[1:]:
                key += c if c not in "aeiouhwy" and c != key[-1] else ""
            self._phon[token] = key = key.upper() if r.isascii() else r
        return key

    def keys(self, token: str) -> list[str]:
        """Blocking keys of a token: phonetic, romanization, its start and end, nickname."""
        r = self.rom(token)
        ends = ["b" + r[:3], "e" + r[-3:]] if len(r) >= 5 else []
        return ["p" + self.phon(token), "r" + r, *ends,
                *(f"n{i}" for i in sorted(self.families.get(token, ())))]

    def contrast(self, a: str, b: str) -> bool:
        """Whether a and b differ only by a meaningful ending (Carla/Carlo, Chen/Cheng)."""
        cut = int(Prefix.similarity(a, b))
        return cut >= 2 and (a[cut:], b[cut:]) in self.contrasts

    def token_class(self, a: str, b: str) -> tuple[int, str]:
        """The class of a token pair and its evidence in words."""
        if a == b:
            return SAME, ""
        pair = (a, b) if a < b else (b, a)
        hit = self._cls.get(pair)
        if hit is None:
            hit = self._cls[pair] = self._token_class(*pair)
        return hit

    def _token_class(self, a: str, b: str) -> tuple[int, str]:
        if self.families.get(a, _NONE) & self.families.get(b, _NONE):
            return NICK, "nickname"
        if min(len(a), len(b)) == 1 and a[0] == b[0]:
            return INIT, "initial"
        ra, rb = self.rom(a), self.rom(b)
        jw = max(JaroWinkler.similarity(a, b), JaroWinkler.similarity(ra, rb))
        same_key = self.phon(a) == self.phon(b)
        if not same_key and jw < NEAR_JW:
            return NONE, ""
        if self.contrast(a, b) or self.contrast(ra, rb):
            why = f"different ending (a different name unless context agrees), Jaro-Winkler {jw:.2f}"
            return (SOUND if same_key else NONE), why
        single = _DOUBLE.sub(r"\1", a)
        doubled = single == _DOUBLE.sub(r"\1", b)
        if ra == rb or doubled:
            why = f"same romanization key {ra}" if ra == rb else "a doubled letter"
            if min(len(a), len(b)) > 3 or _vowels(a) == _vowels(b) or (
                    doubled and len(single) >= 3):
                return (ROM if len(ra) >= 3 else CLOSE), why  # Hsi/Xi, Ts'ai/Cai, Rossi/Rosi
            return SOUND, why + " (other vowels in a short word)"  # Chou/Chu, Li/Lee
        edits = min(Levenshtein.distance(a, b), Levenshtein.distance(ra, rb))
        n, apart = min(len(a), len(b), len(ra), len(rb)), f"{edits} letter{'s' * (edits > 1)}"
        if n >= LONG and edits == 1 and (jw >= CLOSE_JW or same_key):
            return CLOSE, f"{apart} apart, Jaro-Winkler {jw:.2f}"
        if n >= LONG and edits <= n // 4 and jw >= CLOSE_JW:  # two slips: as likely another name
            return SOUND, f"{apart} apart, Jaro-Winkler {jw:.2f} (more than one slip: needs context)"
        short = f"1 letter apart in a short word, Jaro-Winkler {jw:.2f}"
        if edits == 1 and n >= 4 and jw >= CLOSE_JW:
            return NEAR, f"1 letter apart, Jaro-Winkler {jw:.2f}"
        if same_key and abs(len(a) - len(b)) > max(2, n // 2):
            return NONE, ""  # a skeleton shared by a short word and a long one (Yan, Yangang): no slip
        if same_key and (jw >= SOUND_JW or (len(a) == len(b) <= 3 and a[0] == b[0])):
            return SOUND, f"same phonetic key {self.phon(a)}, Jaro-Winkler {jw:.2f}"
        return (SOUND, short) if edits == 1 and n >= 3 and jw >= NEAR_JW else (NONE, "")

    def parse(self, text: str, type: str = "") -> Name:
        """Fold one written name; quoted parts are nicknames (`Ann "Annie" Roe`). Cached: names repeat."""
        key = (text, type)
        name = self._parsed.get(key)
        if name is None:
            name = self._parsed[key] = self._parse(text, type)
        return name

    def _parse(self, text: str, type: str) -> Name:
        nicks = tuple(" ".join((m[0] or m[1]).split()) for m in _QUOTED.findall(text))
        bare = " ".join(_QUOTED.sub(" ", text).split()) if nicks else " ".join(text.split())
        head, _, tail = bare.partition(",")
        pairs, rest, dropped, stray = self._pairs(head), self._pairs(tail), [], []
        if any(f in self.roles or f in self.trailing or f in self.leading for _, f in rest):
            dropped += [w for w, _ in rest]  # "Roe, spokesman for Acme"
        else:
            pairs += rest
        if type != "person":  # "The Acme Corp."
            _trim(pairs, self.articles, self.suffixes, dropped)
        if type != "organization":  # "Dr. Ann Roe Jr.", then role words
            _trim(pairs, self.leading, self.trailing, dropped)
            roles = [i for i, (_, f) in enumerate(pairs) if f in self.roles]
            if roles and len(roles) < len(pairs):
                last = roles[-1]
                if 0 < last and len(pairs) - last > 2:  # "Acme CEO Ann Roe": affiliation
                    dropped += [w for w, _ in pairs[: last + 1]]
                    pairs = pairs[last + 1 :]
                else:  # "CEO Roe", "Roe CEO"; inside, "Ann CEO Roe" is a garble
                    stray = [pairs[i][0] for i in roles if 0 < i < len(pairs) - 1]
                    dropped += [pairs[i][0] for i in roles]
                    pairs = [p for i, p in enumerate(pairs) if i not in roles]
        if not pairs:
            pairs = [(bare, self.fold(bare) or bare.casefold())]
        tokens = tuple(f for _, f in pairs)
        return Name(bare, tokens, tuple(w for w, _ in pairs), tuple(dropped), tuple(stray),
                    nicks, tuple(sorted(tokens)))

    def _pairs(self, text: str) -> list[tuple[str, str]]:
        """(word as written, folded word) for each word; 'al-' and the like dropped."""
        out = []
        for chunk in _CHUNK.split(text):
            hit = self._word.get(chunk)
            if hit is None:
                word = chunk.strip("-‐'’")
                head, dash, rest = word.replace("‐", "-").partition("-")
                word = rest if dash and rest and self.fold(head) in self.particles else word
                hit = self._word[chunk] = (word, self.fold(word))
            if hit[1]:
                out.append(hit)
        return out

    def acronym(self, name: Name) -> str:
        letters = [t[0] for t in name.tokens if t not in self.stopwords]
        return "".join(letters) if len(letters) >= 2 else ""

    def compare(self, a: Name, b: Name, org: bool = False, person: bool = False) -> Match:
        """How name a relates to name b, from their words alone (no context yet).

        `org`: one of them is an organization (initials count); `person`: both may
        be people, so a word that is a stopword elsewhere ("Du", "De") is a surname."""
        flip = len(a.tokens) > len(b.tokens)
        if flip:
            a, b = b, a
        if "".join(a.tokens) in ("".join(b.tokens), "".join(b.key)):
            return Match("same", "written together or apart")
        if org and len(a.tokens) == 1 and a.tokens[0] == self.acronym(b):
            return Match("contains", f"'{a.written}' is the initials of '{b.written}'",
                         short=int(flip))
        cells: list[tuple[int, int, int, str]] = []
        for i, x in enumerate(a.tokens):
            row = [(-c, i, j, why) for j, y in enumerate(b.tokens)
                   for c, why in (self.token_class(x, y),) if c]
            if not row:
                return NO
            cells += row
        cells.sort()
        used_a, used_b, got = set(), set(), []
        for c, i, j, why in cells:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                got.append((-c, why, i, j))
        if len(got) < len(a.tokens):
            return NO
        notes = [f"'{a.words[i]}' ~ '{b.words[j]}': {why}" for c, why, i, j in got
                 if c != SAME and c != INIT]
        classes = [c for c, *_ in got]
        fuzzy = any(c <= ROM for c in classes)
        extra = [y for j, y in enumerate(b.tokens) if j not in used_b]
        if any(len(y) == 1 for y in extra) and any(len(x) == 1 for x in a.tokens):
            return NO  # "Ann B. Roe" vs "Ann C. B. Roe": initials tell them apart
        if extra and not person and all(x in self.stopwords for x in a.tokens):
            return NO  # "the" is in many names and names none
        if extra or INIT in classes:
            init_a = any(len(a.tokens[i]) == 1 for c, _, i, _ in got if c == INIT)
            if INIT in classes and len(a.tokens) == len(b.tokens) and not init_a:
                flip = not flip  # "John Roe" vs "J Roe": the initial's side is the short one
            return Match("contains", "; ".join(notes), fuzzy, any(c < ROM for c in classes),
                         int(flip))
        low = min(classes)
        if low >= NICK:
            return Match("same", "; ".join(notes) or "same words")
        # same sound only, a contrasting ending, or one letter in a short word beside an
        # agreeing word ("Mary Roe" / "Marie Roe"): context must agree
        need = low == SOUND or (low == NEAR and len(a.tokens) > 1)
        return Match("variant", "; ".join(notes), True, need)


@lru_cache(maxsize=8)
def lexicon(tables: Tables = DEFAULT) -> Lexicon:
    """The compiled name knowledge for `tables` (cached per Tables object)."""
    return Lexicon(tables)



# -- blocking: which pairs of unique names are scored at all --

MAX_CANDIDATES = 50  # name pairs scored per unique name, at most
BLOCK = 400  # names (or words) compared at once in one cdist call
SMALL = 12  # blocks up to this size are scored pair by pair; bigger ones by nearest
NEAREST = 6  # in a big block, each name is scored against its nearest few
QUERIES = 1024  # single words scored against one block's words in one cdist call, at most
FEW_QUERIES = 32  # below this many single words in a block, each is scored on its own (process.extract)


def candidates(lex: Lexicon, names: Sequence[Name], types: Sequence[str]
               ) -> tuple[list[tuple[int, int]], int]:
    """Pairs of names (indexes) worth scoring, at most MAX_CANDIDATES per name, and how
    many string pairs rapidfuzz compared to pick them. Blocks: the sorted phonetic keys
    of all words (F), of all but one (M: a garbled word), of a name one word shorter (F:
    a stray word); letters written together, initials (C). A one-word name meets the
    longer names holding it or one of its nearest words. Big blocks pair each name with
    its nearest few by Jaro-Winkler (cdist), never all pairs."""
    blocks: dict[str, list[int]] = defaultdict(list)
    post: dict[str, list[int]] = defaultdict(list)  # word -> longer names holding it
    texts = [" ".join(sorted(lex.rom(t) for t in n.tokens)) for n in names]
    singles, compared = [], 0
    for i, n in enumerate(names):
        keys = sorted(lex.phon(t) for t in n.tokens)
        for key in {"F" + "|".join(keys), "C" + "".join(n.tokens), "C" + "".join(n.key)}:
            blocks[key].append(i)
        if types[i] == "organization" and len(keys) > 1:
            blocks["C" + lex.acronym(n)].append(i)
        if len(keys) == 1:
            singles.append(i)
        for t in set(n.tokens) if len(keys) > 1 else ():
            post[t].append(i)
        for k in range(len(keys)) if len(keys) > 1 else ():
            rest = "|".join(keys[:k] + keys[k + 1 :])
            blocks["M" + rest].append(i)
            if len(keys) >= 3:
                blocks["F" + rest].append(i)

    firsts: list[int] = []  # every proposed pair, in order of proposal: (firsts[k], seconds[k])
    seconds: list[int] = []

    def in_block(members: list[int]) -> None:
        nonlocal compared
        if len(members) <= SMALL:
            for k, a in enumerate(members[:-1]):
                firsts.extend([a] * (len(members) - k - 1))
                seconds.extend(members[k + 1 :])
            return
        members.sort(key=texts.__getitem__)
        for start in range(0, max(1, len(members) - BLOCK // 2), BLOCK // 2):
            win = members[start : start + BLOCK]
            batch = [texts[m] for m in win]
            compared += len(win) * len(win)
            matrix = process.cdist(batch, list(batch), scorer=JaroWinkler.similarity,
                                   workers=1)
            near = matrix.argpartition(-min(NEAREST + 1, len(win)), axis=1)[:, -NEAREST - 1 :]
            rows = np.repeat(np.arange(len(win)), near.shape[1])
            cols = near.ravel()
            other = cols != rows  # row by row, in argpartition's order: as a loop over rows would
            ids = np.array(win)
            firsts.extend(ids[rows[other]].tolist())
            seconds.extend(ids[cols[other]].tolist())

    def one_word() -> None:
        nonlocal compared
        by_key: dict[str, list[str]] = defaultdict(list)
        for t in post:
            for k in lex.keys(t):
                if len(by_key[k]) < BLOCK:
                    by_key[k].append(t)
        # the nearest words of every block a single word is in, then the nearest of those: the same
        # as the nearest of the blocks' union (ties in the union's order), with no union built.
        # A block's words are scored against all the single words in it at once (cdist).
        asks: dict[str, list[tuple[int, int]]] = defaultdict(list)  # block -> (single, the key's place)
        for s, a in enumerate(singles):
            for ki, k in enumerate(lex.keys(names[a].tokens[0])):
                if k in by_key:
                    asks[k].append((s, ki))
        found: list[list[tuple[float, int, int, str]]] = [[] for _ in singles]
        for k, wants in asks.items():
            words = by_key[k]
            choices = [lex.rom(u) for u in words]
            compared += len(words) * len(wants)
            if len(wants) < FEW_QUERIES:  # a call per word costs less than a matrix
                for s, ki in wants:
                    t = names[singles[s]].tokens[0]
                    found[s] += [(-score, ki, j, words[j]) for _, score, j in process.extract(
                        lex.rom(t), choices, limit=NEAREST + 1, scorer=JaroWinkler.similarity,
                        score_cutoff=SOUND_FLOOR) if words[j] != t]
                continue
            for start in range(0, len(wants), QUERIES):
                part = wants[start:start + QUERIES]
                tokens = [names[singles[s]].tokens[0] for s, _ in part]
                scores = process.cdist([lex.rom(t) for t in tokens], choices, scorer=JaroWinkler.similarity,
                                       score_cutoff=SOUND_FLOOR, dtype=np.float64, workers=1)
                # the NEAREST + 1 best of each row, ties by position: what process.extract picks
                best = np.argsort(-scores, axis=1, kind="stable")[:, : NEAREST + 1].tolist()
                for (s, ki), t, row, top in zip(part, tokens, scores.tolist(), best, strict=True):
                    found[s] += [(-row[j], ki, j, words[j]) for j in top if row[j] >= SOUND_FLOOR and words[j] != t]
        for s, a in enumerate(singles):
            near = list(dict.fromkeys(u for *_, u in sorted(found[s])))[:NEAREST]
            pool = post.get(names[a].tokens[0], [])[:MAX_CANDIDATES]
            for u in near:
                pool += post[u][:NEAREST]
            firsts.extend([a] * len(pool))
            seconds.extend(pool)

    order = sorted(((key, m) for key, m in blocks.items() if len(m) > 1),  # most blocks hold one name
                   key=lambda kv: ("CFM".index(kv[0][0]), kv[0]))
    first = sum(1 for key, _ in order if key[0] != "M")
    for k, (_, members) in enumerate(order):
        if k == first:
            one_word()  # a surname alone before the garbled-word blocks
        in_block(list(dict.fromkeys(members)))
    if first == len(order):
        one_word()
    return _capped(firsts, seconds, types), compared


def _capped(firsts: list[int], seconds: list[int], types: Sequence[str]) -> list[tuple[int, int]]:
    """The proposed pairs kept, sorted: each pair once, of compatible types, taken in order
    of proposal while both of its names have had fewer than MAX_CANDIDATES pairs."""
    n = len(types)
    a, b = np.array(firsts, dtype=np.int64), np.array(seconds, dtype=np.int64)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    code = {t: i for i, t in enumerate(dict.fromkeys(types), 1)}
    code[""] = 0
    kind = np.array([code[t] for t in types], dtype=np.int64)
    ka, kb = kind[lo], kind[hi]
    ok = (lo != hi) & ((ka == 0) | (kb == 0) | (ka == kb))
    key = lo[ok] * n + hi[ok]
    _, at = np.unique(key, return_index=True)  # a pair proposed again changes nothing: its first time
    key = key[np.sort(at)]
    lo, hi = key // n, key % n
    pairs = np.bincount(lo, minlength=n) + np.bincount(hi, minlength=n)
    busy = pairs > MAX_CANDIDATES
    if busy.any():  # only pairs of a name with too many can be refused; the others all fit
        keep = np.ones(len(key), dtype=bool)
        load = [0] * n
        for k in np.flatnonzero(busy[lo] | busy[hi]).tolist():
            x, y = int(lo[k]), int(hi[k])
            if load[x] < MAX_CANDIDATES and load[y] < MAX_CANDIDATES:
                load[x] += 1
                load[y] += 1
            else:
                keep[k] = False
        key = key[keep]
    key = np.sort(key)
    return list(zip((key // n).tolist(), (key % n).tolist(), strict=True))
