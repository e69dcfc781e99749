"""Reading an article for `claimcheck extract`: tokens, sentences, and the records
the drafting rules share (Mention, Entity, Doc).

Sentences end at `.`, `!` or `?`, not after initials ("U.S.") or an
abbreviation ("Mr."), and a short line without end punctuation is a heading.
Offsets always refer to the article as given, so that every quote is its
exact words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from claimcheck.extract.lexicon import Lexicon

_LINE = re.compile(r"[^\r\n\u2028\u2029\x85]+")
_TOKEN = re.compile(r"\w+(?:(?:[-&.]|,(?=\d{3}\b)|['’](?![sS]\b))\w+)*|['’][sS]\b|\S")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z|[A-Z]\Z")
_END = frozenset(".!?")
_CLOSERS = frozenset("\"'”’)]")
_OPENERS = frozenset("\"“‘(")
_HEADING_WORDS = 15


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets in the whole article
    end: int
    word: bool
    low: str  # the text in lower case
    cap: bool  # a word starting with a capital letter


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: list[Token]
    heading: bool = False


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int
    key: str = ""  # the entity; "" when a pronoun or "the company" found no antecedent
    kind: str = "name"  # name | pronoun | ref


@dataclass(slots=True)
class Entity:
    key: str
    name: str
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    garbled: bool = False  # a role word inside a name ("Ann CEO Roe"): kept as written


@dataclass(frozen=True, slots=True)
class TitleHint:
    """A title written right before a name ("exec Ann Roe", "Acme CEO John Doe")."""

    sentence: int
    start: int  # of the title
    end: int  # of the name
    title: str
    name: str
    organization: str = ""


@dataclass(slots=True)
class Doc:
    text: str
    lex: Lexicon
    sentences: list[Sentence]
    mentions: list[list[Mention]]  # per sentence, in text order
    entities: dict[str, Entity]
    hints: list[TitleHint]
    form_key: dict[str, str]  # folded form -> entity key
    speakers: dict[int, str] = field(default_factory=dict)  # sentence -> who spoke in it (filled by rules)

    def key_of(self, form: str) -> str:
        return self.form_key.get(fold_name(form), "")

    def mention_at(self, sentence: int, start: int) -> Mention | None:
        return next((m for m in self.mentions[sentence] if m.start == start), None)


def fold_name(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.removeprefix("the ").split())


@lru_cache(maxsize=4096)
def kebab(name: str) -> str:
    """An entity key from a name: "Ann Roe" -> "ann-roe"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return key or "entity"


def tokenize(text: str, base: int, lex: Lexicon) -> list[Token]:
    """Tokens of one line; a dot after initials or an abbreviation stays in the word."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        is_word = word[0].isalnum() or word[0] == "_"
        end = m.end()
        if is_word and text[end:end + 1] == "." and (_INITIALS.match(word) or word.lower() in lex.abbreviations):
            end += 1
        if out and out[-1].end > base + m.start():
            continue  # the dot was taken by the word before
        tok = text[m.start():end]
        out.append(Token(tok, base + m.start(), base + end, is_word, tok.lower(), is_word and tok[0].isupper()))
    return out


def sentences(text: str, lex: Lexicon) -> list[Sentence]:
    """The article's sentences; a short line without end punctuation is a heading."""
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        tokens = tokenize(line.group(), line.start(), lex)
        if not tokens:
            continue
        first = len(out)
        begin = 0
        for i, tok in enumerate(tokens):
            if tok.word or tok.text not in _END:
                continue
            j = i + 1
            while j < len(tokens) and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
                j += 1
            if j < len(tokens):
                nxt = tokens[j]
                if nxt.start == tokens[j - 1].end or not (nxt.text[0].isupper() or nxt.text[0].isdigit()
                                                          or nxt.text in _OPENERS):
                    continue
            if j > begin:
                out.append(Sentence(len(out), tokens[begin].start, tokens[j - 1].end, tokens[begin:j]))
            begin = j
        if begin < len(tokens):
            out.append(Sentence(len(out), tokens[begin].start, tokens[-1].end, tokens[begin:]))
        if len(out) == first + 1:
            last = out[-1].tokens[-1].text
            words = sum(t.word for t in out[-1].tokens)
            out[-1].heading = last not in _END and last not in _CLOSERS and words <= _HEADING_WORDS
    return out


def at_start(tokens: list[Token], i: int) -> bool:
    """Whether token i opens the sentence or a quotation (where any word is capitalized)."""
    k = i - 1
    while k >= 0 and not tokens[k].word and _opening(tokens, k):
        k -= 1
    return k < 0 or k < i - 1


def _opening(tokens: list[Token], k: int) -> bool:
    """An opening quotation mark or bracket, or a colon or dash that starts a clause."""
    text = tokens[k].text
    if text in ("“", "‘", "(", ":", "-", "—", "–"):
        return True
    glued_after = k + 1 < len(tokens) and tokens[k + 1].start == tokens[k].end
    glued_before = k > 0 and tokens[k - 1].end == tokens[k].start
    return text in ("\"", "'") and glued_after and not glued_before


def span_text(text: str, tokens: list[Token], a: int, b: int) -> str:
    return text[tokens[a].start:tokens[b - 1].end]


def norm(tok: Token) -> str:
    return tok.low.replace(".", "")
