"""Names: fold a written name to comparable tokens, key it for blocking, score a pair.

A `Name` is what is left of a written name once case, accents, other scripts,
punctuation, honorifics, role words and legal suffixes are folded away. Two
names are compared token by token; each token pair gets a class (same,
nickname, initial, romanization, close spelling, same sound, none) with its
evidence in words, and `compare` turns the classes into a `Match`.

All language knowledge is data: claimcheck/data/{honorifics,orgwords,
nicknames,romanization}.yaml, extendable by the user through `Tables`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein, Prefix

from claimcheck.tables import DEFAULT, Tables

# Token pair classes, strongest first.
SAME, NICK, INIT, ROM, CLOSE, SOUND, NONE = 6, 5, 4, 3, 2, 1, 0
CLASS_WORDS = {NICK: "nickname", INIT: "initial", ROM: "romanization", CLOSE: "spelling",
               SOUND: "sound"}
SOUND_JW = 0.70  # floor for "same sound": same phonetic key and at least this Jaro-Winkler
SOUND_FLOOR = 0.66  # ... or same length, first letter and key for words of up to 3 letters
CLOSE_JW = 0.88  # floor for "close spelling", with at most 1 edit per 4 letters
LONG = 5  # one edit in a word this long is close spelling when the two sound alike

_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]|(?<!\w)['‘]([^'‘’]+)['’](?!\w)")
_CHUNK = re.compile(r"[^\w'’\-‐]+")
_NONE: frozenset[int] = frozenset()
_DOUBLE = re.compile(r"(.)\1")
_VOICE = str.maketrans("bdgvzxqc", "ptkfssks")


@dataclass(frozen=True, slots=True)
class Name:
    """A written name folded for comparison."""

    written: str  # as written, nickname and surrounding space removed
    tokens: tuple[str, ...]  # folded ASCII (or other-script) tokens, in written order
    words: tuple[str, ...]  # the same tokens as written, for messages
    dropped: tuple[str, ...] = ()  # honorifics, role words, legal suffixes removed
    stray: tuple[str, ...] = ()  # role words found INSIDE the name: a garble
    nicknames: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(sorted(self.tokens))


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
        hon, org = tables.get("honorifics"), tables.get("orgwords")
        rom, nick = tables.get("romanization"), tables.get("nicknames")
        self.leading = frozenset(hon.get("leading", ()))
        self.trailing = frozenset(hon.get("trailing", ()))
        self.roles = frozenset(hon.get("roles", ()))
        self.suffixes = frozenset(org.get("suffixes", ()))
        self.articles = frozenset(org.get("articles", ()))
        self.stopwords = frozenset(org.get("stopwords", ()))
        letters = {**rom.get("letters", {}), **rom.get("scripts", {})}
        self.letters = str.maketrans({str(k): str(v) for k, v in letters.items()})
        self.rewrites = [(re.compile(str(p)), str(r)) for p, r in rom.get("rewrites", ())]
        self.particles = frozenset(rom.get("particles", ()))
        self.contrasts: set[tuple[str, str]] = set()
        for x, y in rom.get("contrasts", ()):
            x, y = str(x), str(y)
            cut = len(os.path.commonprefix([x, y]))
            self.contrasts |= {(x[cut:], y[cut:]), (y[cut:], x[cut:])}
        self.families: dict[str, frozenset[int]] = {}
        for i, family in enumerate(nick.get("families", ())):
            for word in family:
                w = self.fold(str(word))
                self.families[w] = self.families.get(w, frozenset()) | {i}
        self._rom: dict[str, str] = {}
        self._phon: dict[str, str] = {}
        self._cls: dict[tuple[str, str], tuple[int, str]] = {}
        self._word: dict[str, tuple[str, str]] = {}

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
            r = self.rom(token).replace("ng", "n")
            if not r.isascii():
                key = r
            else:
                key = "a" if r[0] in "aeiou" else r[0].translate(_VOICE)
                for c in r[1:].translate(_VOICE):
                    if c not in "aeiouhwy" and c != key[-1]:
                        key += c
                key = key.upper()
            self._phon[token] = key
        return key

    def keys(self, token: str) -> list[str]:
        """Blocking keys of a token: phonetic, romanization, its start and end, nickname."""
        r = self.rom(token)
        out = ["p" + self.phon(token), "r" + r]
        if len(r) >= 5:
            out += ["b" + r[:3], "e" + r[-3:]]
        out += [f"n{i}" for i in sorted(self.families.get(token, ()))]
        return out

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
        if not same_key and jw < CLOSE_JW:
            return NONE, ""
        if self.contrast(a, b):
            why = f"different ending (a different name unless context agrees), Jaro-Winkler {jw:.2f}"
            return (SOUND if same_key else NONE), why
        if ra == rb or _DOUBLE.sub(r"\1", a) == _DOUBLE.sub(r"\1", b):
            why = f"same romanization key {ra}" if ra == rb else "a doubled letter"
            return (ROM if len(ra) >= 3 else CLOSE), why
        edits, n = Levenshtein.distance(ra, rb), min(len(ra), len(rb))
        if n >= 4 and edits <= max(1, n // 4) and (
                jw >= CLOSE_JW or (edits == 1 and n >= LONG and same_key)):
            return CLOSE, f"{edits} letter{'s' * (edits > 1)} apart, Jaro-Winkler {jw:.2f}"
        if same_key and (jw >= SOUND_JW or (len(a) == len(b) <= 3 and a[0] == b[0])):
            return SOUND, f"same phonetic key {self.phon(a)}, Jaro-Winkler {jw:.2f}"
        return NONE, ""

    def parse(self, text: str, type: str = "") -> Name:
        """Fold one written name; quoted parts are nicknames (`Ann "Annie" Roe`)."""
        nicks = tuple(" ".join((m[0] or m[1]).split()) for m in _QUOTED.findall(text))
        bare = " ".join(_QUOTED.sub(" ", text).split()) if nicks else " ".join(text.split())
        head, comma, tail = bare.partition(",")
        pairs = self._pairs(head)
        dropped: list[str] = []
        tail_pairs = self._pairs(tail)
        if comma and any(f in self.roles or f in self.trailing or f in self.leading
                         for _, f in tail_pairs):
            dropped += [w for w, _ in tail_pairs]  # "Roe, spokesman for Acme"
        else:
            pairs += tail_pairs
        stray: list[str] = []
        if type != "person":
            while len(pairs) > 1 and pairs[0][1] in self.articles:
                dropped.append(pairs.pop(0)[0])
            while len(pairs) > 1 and pairs[-1][1] in self.suffixes:
                dropped.append(pairs.pop()[0])
        if type != "organization":
            while len(pairs) > 1 and pairs[0][1] in self.leading:
                dropped.append(pairs.pop(0)[0])
            while len(pairs) > 1 and pairs[-1][1] in self.trailing:
                dropped.append(pairs.pop()[0])
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
        return Name(bare, tuple(f for _, f in pairs), tuple(w for w, _ in pairs),
                    tuple(dropped), tuple(stray), nicks)

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

    def compare(self, a: Name, b: Name, org: bool = False) -> Match:
        """How name a relates to name b, from their words alone (no context yet)."""
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
        used_a: set[int] = set()
        used_b: set[int] = set()
        got: list[tuple[int, str, int, int]] = []
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
        if extra and all(x in self.stopwords for x in a.tokens):
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
        need = low == SOUND  # same sound only, or a contrasting ending: context must agree
        return Match("variant", "; ".join(notes), True, need)


@lru_cache(maxsize=8)
def lexicon(tables: Tables = DEFAULT) -> Lexicon:
    """The compiled name knowledge for `tables` (cached per Tables object)."""
    return Lexicon(tables)


def parse(text: str, type: str = "", tables: Tables = DEFAULT) -> Name:
    """Fold one written name (see `Lexicon.parse`)."""
    return lexicon(tables).parse(text, type)


def compare(a: str, b: str, tables: Tables = DEFAULT, type: str = "") -> Match:
    """Compare two written names (a convenience for tests and callers)."""
    lex = lexicon(tables)
    return lex.compare(lex.parse(a, type), lex.parse(b, type))


# -- blocking: which pairs of unique names are scored at all --

MAX_CANDIDATES = 50  # name pairs scored per unique name, at most
BLOCK = 400  # names (or words) compared at once in one cdist call
SMALL = 12  # blocks up to this size are scored pair by pair; bigger ones by nearest
NEAREST = 6  # in a big block, each name is scored against its nearest few


def candidates(lex: Lexicon, names: Sequence[Name], types: Sequence[str]
               ) -> tuple[list[tuple[int, int]], int]:
    """Pairs of names (indexes) worth scoring, at most MAX_CANDIDATES per name, and how
    many string pairs rapidfuzz compared (vectorized) to pick them.

    Names are blocked on the sorted phonetic keys of their words: all of them (F), all
    but one (M: one word may be garbled) and, for longer names, those of every name one
    word shorter (F: a stray or middle word); on their letters written together and an
    organization's initials (C). A one-word name meets the longer names holding it or
    one of its nearest words (a surname alone). Big blocks pair each name with its
    nearest few by Jaro-Winkler (rapidfuzz cdist), so no block is scored all-pairs.
    """
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

    def in_block(members: list[int]) -> Iterator[tuple[int, int]]:
        nonlocal compared
        if len(members) <= SMALL:
            yield from ((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
            return
        members.sort(key=texts.__getitem__)
        for start in range(0, max(1, len(members) - BLOCK // 2), BLOCK // 2):
            win = members[start : start + BLOCK]
            batch = [texts[m] for m in win]
            compared += len(win) * len(win)
            matrix = process.cdist(batch, list(batch), scorer=JaroWinkler.similarity,
                                   workers=1)
            near = matrix.argpartition(-min(NEAREST + 1, len(win)), axis=1)
            for k, row in enumerate(near[:, -NEAREST - 1 :]):
                yield from ((win[k], win[j]) for j in row if j != k)

    def one_word() -> Iterator[tuple[int, int]]:
        nonlocal compared
        by_key: dict[str, list[str]] = defaultdict(list)
        for t in post:
            for k in lex.keys(t):
                by_key[k].append(t)
        for a in singles:
            (t,) = names[a].tokens
            mates = list({u for k in lex.keys(t) for u in by_key.get(k, ())[:BLOCK]} - {t})
            compared += len(mates)
            near = process.extract(lex.rom(t), [lex.rom(u) for u in mates], limit=NEAREST,
                                   scorer=JaroWinkler.similarity, score_cutoff=SOUND_FLOOR)
            pool = post.get(t, [])[:MAX_CANDIDATES]
            for _, _, j in near:
                pool += post[mates[j]][:NEAREST]
            yield from ((a, b) for b in pool)

    done: set[tuple[int, int]] = set()
    load = [0] * len(names)
    order = sorted(blocks.items(), key=lambda kv: ("CFM".index(kv[0][0]), kv[0]))
    streams = [in_block(list(dict.fromkeys(m))) for _, m in order if len(m) > 1]
    first = sum(1 for key, m in order if len(m) > 1 and key[0] != "M")
    streams.insert(first, one_word())  # a surname alone before the garbled-word blocks
    for a, b in (pair for stream in streams for pair in stream):
        pair = (a, b) if a < b else (b, a)
        ta, tb = types[a], types[b]
        if (a != b and pair not in done and (not ta or not tb or ta == tb)
                and load[a] < MAX_CANDIDATES and load[b] < MAX_CANDIDATES):
            done.add(pair)
            load[a] += 1
            load[b] += 1
    return sorted(done), compared
