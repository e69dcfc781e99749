"""The quote check: find a claim's quote in its source's full text.

A quote is the source's own words, so only typography may differ: curly
versus straight quote marks, the kind of dash, and how white space is laid
out. Everything else (case, spelling, numbers, punctuation) counts. A quote
found word for word is `exact`; one that is close to a passage is a
`mismatch`, reported with that passage and a word-by-word diff; anything
else is `missing`. Positions always refer to the original text.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cached_property, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from claimcheck.records import Claim, ClaimFile, ClaimSet, Problem, QuoteMatch

_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_SPACE = re.compile(r"\s+")  # str patterns: any Unicode white space, NBSP included
_WIDE_SPACE = re.compile(r"\s{2,}")
_LEAD_PUNCT = re.compile(r"^\W+")
_TRAIL_PUNCT = re.compile(r"\W+$")

# A mismatch needs fuzz.ratio(quote, passage) >= 70 and at least half of the
# quote's words (ignoring case and edge punctuation) in the passage. One
# changed, dropped or added word scores 85 to 98 on quotes of five words or
# more; whole sentences of two reports of the same events, written
# independently, score at most 65 against each other. Short
# phrases that share most of their words with the text ("Acme customers in
# the United States") can still come out as a mismatch: the passage is shown.
THRESHOLD = 70.0
_VOTE_BUDGET = 20_000  # word occurrences to look at per quote, bounds the cost
_CANDIDATES = 5  # windows scored with rapidfuzz per quote


def normalize(text: str) -> str:
    """The text with typographic variants unified and white space collapsed."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHY)).strip()


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """The form a word is indexed under: a changed case or a trailing comma
    should not stop the word from anchoring a near match. Cached: a text's words repeat."""
    return _TRAIL_PUNCT.sub("", _LEAD_PUNCT.sub("", word)).lower() or word


class SourceText:
    """A source's full text, prepared once for many quote look-ups."""

    def __init__(self, text: str) -> None:
        self.text = text
        typo = text.translate(_TYPOGRAPHY)  # one char for one char: offsets kept
        self.norm = _SPACE.sub(" ", typo).strip()
        # Offset map: only runs of two or more white-space characters shift
        # positions, so after each one a segment starts in which an original
        # offset is the normalized one plus a fixed shift.
        shift = len(typo) - len(typo.lstrip())
        self._seg_norm, self._seg_orig = [0], [shift]
        for m in _WIDE_SPACE.finditer(typo, shift):
            shift += m.end() - m.start() - 1
            self._seg_norm.append(m.end() - shift)
            self._seg_orig.append(m.end())

    @classmethod
    def from_file(cls, path: str) -> SourceText:
        """Read a UTF-8 text (a BOM is dropped); line endings are kept as in the file."""
        with open(path, encoding="utf-8-sig", newline="") as f:
            return cls(f.read())

    def original(self, npos: int) -> int:
        """The offset in the original text of offset `npos` in the normalized one."""
        i = bisect_right(self._seg_norm, npos) - 1
        return self._seg_orig[i] + npos - self._seg_norm[i]

    def line_col(self, npos: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a normalized offset."""
        pos = self.original(npos)
        line_start = self.text.rfind("\n", 0, pos) + 1
        return self.text.count("\n", 0, pos) + 1, pos - line_start + 1

    def span(self, start: int, end: int) -> str:
        """The original text behind the normalized span [start, end)."""
        return self.text[self.original(start) : self.original(end - 1) + 1]

    @cached_property
    def _words(self) -> tuple[list[str], list[int]]:
        """The normalized text's words and their start offsets, built on first need."""
        words = self.norm.split(" ")
        starts, pos = [], 0
        for w in words:
            starts.append(pos)
            pos += len(w) + 1
        return words, starts

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        """Word key -> positions (word numbers) where it occurs."""
        words = self._words[0]
        keys = {w: _key(w) for w in set(words)}
        index: dict[str, list[int]] = {}
        for i, w in enumerate(words):
            index.setdefault(keys[w], []).append(i)
        return index


def _find_exact(q: str, norm: str) -> int:
    """First offset where `q` occurs in `norm` without cutting a word in two."""
    pos = norm.find(q)
    while pos >= 0:
        end = pos + len(q)
        cut_start = q[0].isalnum() and pos > 0 and norm[pos - 1].isalnum()
        cut_end = q[-1].isalnum() and end < len(norm) and norm[end].isalnum()
        if not (cut_start or cut_end):
            return pos
        pos = norm.find(q, pos + 1)
    return -1


def _candidate_starts(qwords: list[str], src: SourceText) -> list[int]:
    """Word numbers where the quote may start, rarest words voting first.

    Each occurrence of a quote word votes for the start it implies; the
    passage the quote came from collects a vote from nearly every word.
    """
    occurrences = [(src._index.get(_key(w), []), k) for k, w in enumerate(qwords)]
    occurrences = sorted((o for o in occurrences if o[0]), key=lambda o: len(o[0]))
    votes: Counter[int] = Counter()
    spent = 0
    for n, (positions, k) in enumerate(occurrences):
        if n >= 3 and spent + len(positions) > _VOTE_BUDGET:
            break
        spent += len(positions)
        votes.update(t - k for t in positions)
    slack = max(3, len(qwords) // 4)
    chosen: list[int] = []
    for start, _ in votes.most_common(10 * _CANDIDATES):
        if all(abs(start - c) > slack for c in chosen):
            chosen.append(start)
            if len(chosen) == _CANDIDATES:
                break
    return chosen


def _closest_span(q: str, qwords: list[str], src: SourceText) -> tuple[int, int, float]:
    """The normalized span most like `q`, as (start, end, score); score 0 if none."""
    words, starts = src._words
    slack = max(3, len(qwords) // 4)
    best = (0, 0, 0.0)
    for start in _candidate_starts(qwords, src):
        lo = max(0, start - slack)
        hi = min(len(words), start + len(qwords) + slack)
        if lo >= hi:
            continue
        w0 = starts[lo]
        window = src.norm[w0 : starts[hi - 1] + len(words[hi - 1])]
        hit = fuzz.partial_ratio_alignment(q, window)
        if hit is None:
            continue
        first = bisect_right(starts, w0 + hit.dest_start) - 1
        last = bisect_right(starts, w0 + max(hit.dest_end - 1, hit.dest_start)) - 1
        span = _refine(q, qwords, src, first, last)
        if span[2] > best[2]:
            best = span
    return best


def _refine(
    q: str, qwords: list[str], src: SourceText, first: int, last: int
) -> tuple[int, int, float]:
    """Snap a rough alignment to whole words: the span nearest to the quote
    in edits, as (start, end, fuzz.ratio).

    Each end may move by two words. Where the quote's first (last) word is
    among the choices, the span starts (ends) there, so that a quote dropping
    a long word is not "matched" by a span cut short before its last word.
    Levenshtein counts a changed word as a substitution, so a changed last
    word ("government" for "authorities") stays in the span. A span may leave
    out its edge punctuation: a quote ending "Roe" does not differ from "Roe."
    """
    words, starts, norm = *src._words, src.norm
    spans = []
    for i in _near(words, first, _key(qwords[0])):
        lead = len(words[i]) - len(_LEAD_PUNCT.sub("", words[i]))
        for j in _near(words, last, _key(qwords[-1])):
            end = starts[j] + len(words[j])
            trail = len(words[j]) - len(_TRAIL_PUNCT.sub("", words[j]))
            spans += [(s, e) for s in {starts[i], starts[i] + lead} for e in {end, end - trail}]
    spans = [(s, e) for s, e in spans if e > s]
    if not spans:
        return 0, 0, 0.0
    s, e = min(spans, key=lambda se: (Levenshtein.distance(q, norm[se[0] : se[1]]), se))
    return s, e, fuzz.ratio(q, norm[s:e])


def _near(words: list[str], at: int, key: str) -> list[int]:
    """Word numbers within two of `at`; only those equal to `key`, if any are."""
    near = range(max(0, at - 2), min(len(words), at + 3))
    return [i for i in near if _key(words[i]) == key] or list(near)


def _shared(qwords: list[str], span_words: list[str]) -> int:
    """How many of the quote's words the span has, in order, ignoring case
    and edge punctuation."""
    matcher = SequenceMatcher(None, [_key(w) for w in qwords], [_key(w) for w in span_words])
    return sum(block.size for block in matcher.get_matching_blocks())


def word_diff(quote: str, actual: str) -> str:
    """How the quote's words differ from the source's, e.g.
    "'fired' -> 'dismissed'; missing 'U.S.'; added 'former'".

    `a -> b`: the quote says a where the source says b; `missing`: the source
    has words the quote leaves out; `added`: the quote has words the source
    does not.
    """
    qw, aw = normalize(quote).split(), normalize(actual).split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, qw, aw, autojunk=False).get_opcodes():
        said, source = " ".join(qw[i1:i2]), " ".join(aw[j1:j2])
        if op == "replace":
            parts.append(f"'{said}' -> '{source}'")
        elif op == "insert":
            parts.append(f"missing '{source}'")
        elif op == "delete":
            parts.append(f"added '{said}'")
    return "; ".join(parts)


def check_quote(quote: str, text: SourceText) -> QuoteMatch:
    """Where `quote` stands in `text`: exact, a near mismatch, or missing."""
    q = normalize(quote)
    if not q or not text.norm:
        return QuoteMatch(status="missing")
    pos = _find_exact(q, text.norm)
    if pos >= 0:
        line, col = text.line_col(pos)
        actual = text.span(pos, pos + len(q))
        # the quote's own string when the text reads the same: one string kept, and sent, not two
        return QuoteMatch("exact", line, col, quote if actual == quote else actual, score=100.0)
    qwords = q.split(" ")
    start, end, score = _closest_span(q, qwords, text)
    if score < THRESHOLD or _shared(qwords, text.norm[start:end].split(" ")) * 2 < len(qwords):
        return QuoteMatch(status="missing", score=round(score, 1))
    line, col = text.line_col(start)
    actual = text.span(start, end)
    return QuoteMatch("mismatch", line, col, actual, word_diff(q, actual), round(score, 1))


def attach_quotes(claim_set: ClaimSet, max_bytes: int = 16 * 1024 * 1024) -> ClaimSet:
    """The quote-check stage: locate every quote in its source's text.

    Returns the claim set with each claim's `quote_match` filled in where the
    source has a text, and a `quote.mismatch` / `quote.missing` problem (a
    warning) for each quote that is not found as written. (`load_paths` can
    run `quote_file` on each file as it is loaded instead.)
    """
    problems = list(claim_set.problems)
    files = []
    for f in claim_set.files:
        f, found = quote_file(f, max_bytes)
        files.append(f)
        problems += found
    return replace(claim_set, files=tuple(files), problems=tuple(sorted(problems, key=Problem.sort_key)))


def quote_file(f: ClaimFile, max_bytes: int = 16 * 1024 * 1024) -> tuple[ClaimFile, list[Problem]]:
    """One file's quote check: the file with `quote_match` filled in, and its quote problems."""
    if not f.source.text or not any(c.quote for c in f.claims):
        return f, []
    size = os.path.getsize(f.source.text)
    if size > max_bytes:
        return f, [Problem(
            f.source.pos, "file.too-large",
            f"the source text {os.path.basename(f.source.text)} is {size:,} bytes, over the limit of"
            f" {max_bytes:,}; raise it with --max-file-size", "source.text",
        )]
    try:
        text = SourceText.from_file(f.source.text)
    except (OSError, UnicodeDecodeError) as exc:
        return f, [Problem(
            f.source.pos, "file.encoding" if isinstance(exc, UnicodeDecodeError) else "file.unreadable",
            f"cannot read the source text {f.source.text}: {exc}; save it as UTF-8",
            "source.text",
        )]
    claims, problems = [], []
    for claim in f.claims:
        if claim.quote:
            match = check_quote(claim.quote, text)
            claim = replace(claim, quote_match=match)
            if match.status != "exact":
                problems.append(_quote_problem(claim, match, f.source.text))
        claims.append(claim)
    return replace(f, claims=tuple(claims)), problems


def _quote_problem(claim: Claim, match: QuoteMatch, text_path: str) -> Problem:
    name = os.path.basename(text_path)
    if match.status == "missing":
        message = f"quote not found in {name}: {claim.quote!r}; copy the source's own words"
        code = "quote.missing"
    else:
        message = (
            f"misquote: {name}:{match.line}:{match.col} reads {match.actual!r}; differs: {match.diff}"
        )
        code = "quote.mismatch"
    where = f"claims[{claim.index}].quote"
    return Problem(claim.pos, code, message, where, "warning")
