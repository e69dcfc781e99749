"""Names in an article, as mentions: runs of capitalized words, minus the common word
that opens a sentence.

A role word in front of a name is a title ("exec Ann Roe", "Interior
Minister Ann Roe"); a lower-case event or government noun after one extends
it ("Example Square protests", "Smith administration"); a name made of two
names the text uses alone is split ("Acme France"); a role word inside a name
splits it into employer, title and person ("Acme CEO Ann Roe") unless the
name without it is used elsewhere, when it is a garbled name kept whole.
Unnamed events and documents ("the earthquake", "a federal complaint") are
mentions too.
"""

from __future__ import annotations

import re
from collections import Counter

from claimcheck.extract.lexicon import Lexicon
from claimcheck.extract.text import Mention, Sentence, Token, at_start, norm, span_text

Hint = tuple[int, int, int, int, int]  # sentence, title tokens [a, b), name tokens [c, d)

_DEMONYM = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ch)\Z")
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that"})


def name_mentions(text: str, sents: list[Sentence], lex: Lexicon) -> tuple[list[list[Mention]], list[Hint]]:
    """The mentions of each sentence (names, places of "-based", unnamed events and
    documents), and where a title stands before a name."""
    lower = {t.low for s in sents for t in s.tokens if t.word and t.text.islower()}
    cap_inside = {t.text for s in sents for i, t in enumerate(s.tokens) if t.cap and not at_start(s.tokens, i)}
    raw: list[list[tuple[int, int, str]]] = []  # per sentence: (first token, end token, kind)
    hints: list[Hint] = []
    for s in sents:
        raw.append(_spans(s, lex, lower, cap_inside, hints))
    forms = Counter(span_text(text, s.tokens, a, b) for s, spans in zip(sents, raw, strict=True)
                    for a, b, _k in spans)
    mentions = [_split_joined(text, s, spans, forms, hints, lex)
                for s, spans in zip(sents, raw, strict=True)]
    mentions = _drop_modifiers(sents, mentions, lex)
    for sent, ms in zip(sents, mentions, strict=True):
        ms.extend(_common_mentions(text, sent, ms, lex))
        ms.sort(key=lambda m: m.start)
    return mentions, hints


def _spans(s: Sentence, lex: Lexicon, lower: set[str], cap_inside: set[str],
           hints: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, str]]:
    """Token ranges of the names in one sentence, with a kind (name | place | event | organization)."""
    toks, i, n = s.tokens, 0, len(s.tokens)
    out: list[tuple[int, int, str]] = []
    if s.heading:
        return out
    while i < n:
        tok = toks[i]
        based = next((x for x in lex.place_suffixes if tok.low.endswith(x) and len(tok.low) > len(x)), "")
        if tok.cap and based:
            out.append((i, i + 1, "based"))
            i += 1
            continue
        if not tok.cap or tok.low in lex.dates or tok.text == "I":
            i += 1
            continue
        j = i + 1
        while j < n:
            if toks[j].cap and toks[j].low not in lex.dates and not any(
                    toks[j].low.endswith(x) for x in lex.place_suffixes):
                j += 1
            elif toks[j].low in lex.connectors and j + 1 < n and toks[j + 1].cap and _joins(toks, i, j, lex):
                j += 2
            elif toks[j].low == "of" and j + 2 < n and toks[j + 1].low == "the" and toks[j + 2].cap \
                    and _joins(toks, i, j, lex):
                j += 3
            else:
                break
        a, b = i, j
        i = j
        start = at_start(toks, a)
        while a < b and start and (toks[a].low in lex.openers or toks[a].low in lex.dates):
            a += 1
        if a == b:
            continue
        if b - a == 1 and start and (_common(toks[a], lex, lower, cap_inside) or _plural_start(toks, a, cap_inside)):
            continue
        if b - a == 1 and norm(toks[a]) in lex.name_titles:
            continue
        while a < b - 1 and norm(toks[a]) in lex.courtesy:
            a += 1
        k = _leading_title(toks, a, b, lex)
        if k > a:
            hints.append((s.index, a, k, k, b))
            a = k
        kind = "name"
        if b < n and toks[b].word and toks[b].text.islower() and toks[b].low in lex.extensions:
            kind = lex.extensions[toks[b].low]
            b += 1
        out.append((a, b, kind))
    return out


def _plural_start(toks: list[Token], a: int, cap_inside: set[str]) -> bool:
    """"Rescue teams were...", "Analysts at...": a capitalized common noun opening a sentence."""
    nxt = toks[a + 1] if a + 1 < len(toks) else None
    if toks[a].text in cap_inside or nxt is None or not (nxt.word and nxt.text.islower()):
        return False
    return toks[a].low.endswith("s") or nxt.low.endswith("s") and not nxt.low.endswith("ss")


def _joins(toks: list[Token], i: int, j: int, lex: Lexicon) -> bool:
    """Whether the lower-case word at j may stand inside the name that starts at i: "of"
    and "for" only in an institution's name ("Department of Justice"), "van", "bin"... always."""
    if toks[j].low not in ("of", "for", "&", "and"):
        return True
    return any(norm(t) in lex.org_words for t in toks[i:j])


def _leading_title(toks: list[Token], a: int, b: int, lex: Lexicon) -> int:
    """The end of a title written in capitals before a name ("Interior Minister Ann Roe",
    "District Attorney Ann Roe"), or `a` when there is none."""
    k, end = a, a
    while k < b - 1 and (norm(toks[k]) in lex.name_titles or norm(toks[k]) in lex.modifiers):
        k += 1
        if norm(toks[k - 1]) in lex.name_titles:
            end = k
    rest = toks[end:b]
    if end == a or not rest or any(norm(t) in lex.org_words for t in rest) or rest[0].low in lex.connectors:
        return a
    return end


def _common(tok: Token, lex: Lexicon, lower: set[str], cap_inside: set[str]) -> bool:
    """A lone capitalized word opening a sentence that is an ordinary word, not a name."""
    if tok.text.isupper() and len(tok.text) > 1:
        return False
    if tok.low in lex.openers:
        return True
    if tok.text in cap_inside:
        return False
    return tok.low in lower or tok.low.endswith(("ing", "ly"))


def _split_joined(text: str, s: Sentence, spans: list[tuple[int, int, str]], forms: Counter,
                  hints: list[tuple[int, int, int, int, int]], lex: Lexicon) -> list[Mention]:
    """Mentions of one sentence. A name made of two names the text uses alone more often
    ("Acme France") is two mentions; a role word inside a name splits it into an employer,
    a title and a person ("Acme CEO Ann Roe") unless the name without the role word is
    used elsewhere ("Ann CEO Roe" beside "Ann Roe": a garbled name, kept whole)."""
    toks, out = s.tokens, []
    for a, b, kind in spans:
        if kind == "based":
            tok = toks[a]
            cut = tok.text.rfind("-")
            out.append(Mention(tok.start, tok.start + cut, tok.text[:cut], s.index, kind="place"))
            continue
        whole = span_text(text, toks, a, b)
        parts = _two_names(text, toks, a, b, forms) if kind == "name" else None
        inner = _inner_role(text, toks, a, b, forms, lex.name_titles, lex.org_words) \
            if kind == "name" and not parts else None
        if parts:
            out.extend(Mention(toks[x].start, toks[y - 1].end, span_text(text, toks, x, y), s.index)
                       for x, y in parts)
        elif inner:
            k, m = inner
            out.append(Mention(toks[a].start, toks[k - 1].end, span_text(text, toks, a, k), s.index,
                               kind="employer"))
            out.append(Mention(toks[m].start, toks[b - 1].end, span_text(text, toks, m, b), s.index))
            hints.append((s.index, k, m, m, b))
        else:
            garbled = _inner_role(text, toks, a, b, forms, lex.name_titles, lex.org_words, garble=True) \
                if kind == "name" else None
            out.append(Mention(toks[a].start, toks[b - 1].end, whole, s.index,
                               kind="garbled" if garbled else kind))
            if garbled:  # "Ann CEO Roe": the role word still says what the text calls him
                hints.append((s.index, garbled[0], garbled[1], a, b))
    return out


def _two_names(text: str, toks: list[Token], a: int, b: int, forms: Counter) -> list[tuple[int, int]] | None:
    whole = span_text(text, toks, a, b)
    for k in range(a + 1, b):
        left, right = span_text(text, toks, a, k), span_text(text, toks, k, b)
        if forms[left] >= 2 and forms[right] >= 2 and forms[whole] < min(forms[left], forms[right]):
            return [(a, k), (k, b)]
    return None


def _inner_role(text: str, toks: list[Token], a: int, b: int, forms: Counter,
                titles: frozenset[str], org_words: frozenset[str], garble: bool = False) -> tuple[int, int] | None:
    """(first, end) tokens of a run of role words inside a name, or None."""
    if not titles or b - a < 3:
        return None
    for k in range(a + 1, b - 1):
        if norm(toks[k]) not in titles:
            continue
        m = k
        while m < b - 1 and norm(toks[m]) in titles:
            m += 1
        if any(norm(t) in org_words for t in toks[m:b]):
            return None
        rest = span_text(text, toks, a, k) + " " + span_text(text, toks, m, b)
        known = forms[rest] > 0
        return (k, m) if known == garble else None
    return None


def _drop_modifiers(sents: list[Sentence], mentions: list[list[Mention]], lex: Lexicon) -> list[list[Mention]]:
    """Drop one-word acronyms and nationality words only ever used before a lower-case
    noun ("French law", "IP addresses", "American tech giants"): labels, not entities."""
    used_alone: set[str] = set()
    single: set[str] = set()
    for s, ms in zip(sents, mentions, strict=True):
        for m in ms:
            if m.kind != "name" or " " in m.text or not _label_like(m.text):
                continue
            single.add(m.text)
            after = [t for t in s.tokens if t.start >= m.end]
            if after and after[0].text in ("'", "’") and after[0].start == m.end:
                after = after[1:]
            nxt = after[0] if after else None
            if not (nxt and nxt.word and nxt.text.islower() and nxt.low not in lex.stopwords
                    and nxt.low not in lex.attribution and nxt.low not in lex.relations
                    and not nxt.low.endswith("ed")):
                used_alone.add(m.text)
    modifiers = single - used_alone
    return [[m for m in ms if not (m.kind == "name" and m.text in modifiers)] for ms in mentions]


def _label_like(word: str) -> bool:
    plain = word.replace(".", "")
    return plain.isupper() and len(plain) > 1 or bool(_DEMONYM.search(word))


def _common_mentions(text: str, s: Sentence, ms: list[Mention], lex: Lexicon) -> list[Mention]:
    """Unnamed events and documents the story is about ("the earthquake", "a federal
    complaint"), as mentions of an entity named by the noun and its adjectives."""
    taken = {(m.start, m.end) for m in ms}
    out = []
    toks = s.tokens
    for i, tok in enumerate(toks):
        kind = lex.common_nouns.get(tok.low)
        if not kind or not tok.text.islower() or any(a <= tok.start < b for a, b in taken):
            continue
        a = i
        while a - 1 >= 0 and i - a < 3 and toks[a - 1].word \
                and (toks[a - 1].text.islower() or toks[a - 1].text[0].isdigit()) \
                and toks[a - 1].low not in lex.stopwords and toks[a - 1].low not in _DETERMINERS \
                and toks[a - 1].low not in lex.openers and not toks[a - 1].low.endswith("est"):
            a -= 1
        if a - 1 >= 0 and toks[a - 1].low in _DETERMINERS:
            out.append(Mention(toks[a].start, tok.end, text[toks[a].start:tok.end], s.index, kind=kind))
    return out
