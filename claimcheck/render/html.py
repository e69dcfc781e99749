"""The editor report: one self-contained HTML page, and the same content in Markdown.

The page carries its CSS and script inline (allowed by hash in its
Content-Security-Policy, nothing external), reads fully without JavaScript and
prints. All user text reaches it through autoescaping templates, or as JSON
through `tojson`; only http and https URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from claimcheck import __version__
from claimcheck.errors import printable
from claimcheck.read.quotes import SourceText, check_quote, normalize
from claimcheck.records import Discrepancy, Report, ReviewEntry, Severity, Sighting
from claimcheck.render.common import facts_line, severity_counts, summary_line, value_text, where
from claimcheck.render.markdown import cell
from claimcheck.tables import DEFAULT

LEVELS = [s.label for s in sorted(Severity, reverse=True)]  # high, medium, low
GLYPHS = {"differs": "\u2260", "agree": "\u2713", "missing": "\u2013", "none": ""}
TAGS = {True: "odd one out", False: "majority"}
WINDOW = 300  # characters of context shown at most on each side of a quote
_WORD = re.compile(r"\w+(?:[.\-]\w+)*")
_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
                  r"|\n[ \t]*\r?\n")


def render(report: Report, texts: dict[str, str] | None = None) -> str:
    """The HTML report. `texts` maps a source id to its full text, to show each quote in its sentence."""
    view = build_view(report, texts)
    return _env().get_template("report.html.j2").render(view=view, data=_script_data(view))


def render_markdown(report: Report, texts: dict[str, str] | None = None) -> str:
    """The same report in Markdown, for a CMS or a ticket; every cell escaped (markdown.cell)."""
    return _env().get_template("report.md.j2").render(view=build_view(report, texts))


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("claimcheck", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, finalize=_finalize)
    env.filters.update(csp_hash=_csp_hash, md=_md, mdsegs=_md_segments)
    return env


def _finalize(value: object) -> object:
    """Every printed string: control and bidi characters made visible (Markup is ours, left alone)."""
    return value if isinstance(value, Markup) or not isinstance(value, str) else printable(value)


def _csp_hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(str(code).encode("utf-8")).digest()).decode("ascii")


def _md(text: object) -> Markup:
    """Text for a Markdown cell or line: markdown.cell, and no emphasis or link syntax."""
    return Markup(re.sub(r"([*_])", r"\\\1", cell(str(text))))  # cell() already escapes brackets


def _md_segments(segments: list[dict[str, Any]]) -> Markup:
    """A sentence for Markdown: its marked words in bold."""
    parts = [f"**{_md(' '.join(s['text'].split()))}**" if s["mark"] else _md(re.sub(r"\s+", " ", s["text"]))
             for s in segments]
    return Markup("".join(parts).replace("** **", " "))


def safe_url(url: str) -> str:
    """`url` when it is an http or https URL, else "" (no javascript:, data: or relative links)."""
    url = url.strip()
    return url if re.match(r"https?://[^\s\"'<>\\]+$", url, re.I) else ""


def build_view(report: Report, texts: dict[str, str] | None = None) -> dict:
    """Everything the templates lay out, decided once: matrix cells, sides, quotes in context."""
    order = [s.id for s in report.sources]
    col = {sid: f"s{i}" for i, sid in enumerate(order)}
    split = {d.id: _split(d) for d in report.discrepancies}
    reviews = {r.id: _review(r) for r in report.reviews}
    entities = {e.id: e for e in report.entities}
    context = _Context(texts or {})
    rows = _rows(report, order, split)
    for i, row in enumerate(rows):
        row["cid"] = f"r{i}"
        for j, c in enumerate(row["cells"]):
            c["cid"] = f"r{i}-{j}"
    discrepancies = []
    for d in report.discrepancies:
        sides, odd = split[d.id]
        named = {v.source for v in d.values}
        involved = [s for s in order if s in named] + sorted(named - set(col))
        if len(set(sides)) >= 2:  # one column per side of the disagreement: the consensus, then the odd ones
            keys = [(k, [v for v, side in zip(d.values, sides, strict=True) if side == k])
                    for k in sorted(set(sides))]
        else:  # one column per source
            keys = [(0, [v for v in d.values if v.source == s]) for s in involved]
        tags = {True: "differs", False: "agrees"} if all(side in odd for side, _ in keys) else TAGS
        other = {side: {value_text(v.value) for v, s in zip(d.values, sides, strict=True) if s != side}
                 for side in set(sides) | {0}}
        groups = [{"sources": list(dict.fromkeys(v.source for v in vs)), "odd": side in odd,
                   "tag": tags[side in odd] if len(keys) > 1 else "flagged",
                   "sightings": [context.sighting(v, d, other[side]) for v in vs]} for side, vs in keys]
        entity = entities.get(d.entity)
        merge = entity.why if entity and d.predicate is None and entity.why and entity.why != d.why else ""
        discrepancies.append({"d": d, "severity": d.severity.label, "predicate": d.predicate or "name as written",
                              "merge": merge, "review": reviews.get(d.id), "groups": groups,
                              "sources": " ".join(col.get(s, "") for s in involved)})
    sources = []
    for j, (s, n) in enumerate(zip(report.sources, report.claim_counts, strict=True)):
        odd_cells = [r["cells"][j] for r in rows if r["cells"][j]["state"] == "differs"]
        sources.append({"s": s, "col": col[s.id], "claims": n, "url": safe_url(s.url), "odd_rows": len(odd_cells),
                        "odd_high": sum(c["severity"] == "high" for c in odd_cells),
                        "involved": sum(any(v.source == s.id for v in d.values) for d in report.discrepancies)})
    forms = {(v.source, value_text(v.value)) for d in report.discrepancies if d.predicate is None
             for v, side in zip(d.values, split[d.id][0], strict=True) if side and side in split[d.id][1]}
    return {
        "version": __version__, "summary": summary_line(report),
        "facts": facts_line(report) if report.coverage else "", "counts": severity_counts(report),
        "levels": LEVELS, "glyphs": GLYPHS, "sources": sources, "rows": [r for r in rows if r["ds"]],
        "quiet": [r for r in rows if not r["ds"]], "discrepancies": discrepancies,
        "codes": sorted({d.code for d in report.discrepancies}),
        "entities": [{"e": e, "forms": [[{"name": n.name, "odd": (n.source, n.name) in forms}
                                         for n in e.names if n.source == sid] for sid in order]}
                     for e in report.entities],
        "stale": [_review(r) for r in report.stale],
    }


def _review(r: ReviewEntry) -> dict:
    return {"r": r, "evidence_url": safe_url(r.evidence)}


def _split(d: Discrepancy) -> tuple[list[int], set[int]]:
    """Each value's side of the disagreement (0 or 1), and which sides are the odd one out.

    Report records do not carry the sides; they are read back from the order of
    the values and report.py's message. When that fails: one side, odd.
    """
    if d.sides:  # the report says: each value's class, and which are odd
        where = {(s, value_text(v)): i for i, side in enumerate(d.sides) for s in side.sources for v in side.values}
        return ([where.get((v.source, value_text(v.value)), 0) for v in d.values],
                {i for i, side in enumerate(d.sides) if side.role == "odd"})
    n, texts, srcs = len(d.values), [value_text(v.value) for v in d.values], [v.source for v in d.values]
    if d.predicate is None:  # a name: the forms other than the likely right one
        right = [t for t in texts if d.message.endswith(f"most likely right: {t!r}")]
        if right:
            return [int(t != right[0]) for t in texts], {1}
    for k in range(1, n):  # the values run side a, then side b: "'x' (s1, s2) vs 'y' (s3)"
        a, b = list(dict.fromkeys(srcs[:k])), list(dict.fromkeys(srcs[k:]))
        sides = [0] * k + [1] * (n - k)
        if f" ({', '.join(a)}) vs " in d.message and d.message.endswith(f" ({', '.join(b)})"):
            only_a, only_b = len(set(a) - set(b)), len(set(b) - set(a))  # the minority is the odd one out
            return sides, {side for side, mine, theirs in ((0, only_a, only_b), (1, only_b, only_a)) if mine <= theirs}
        if len(set(srcs)) == 1 and f"says both {texts[0]!r} and {texts[k]!r}" in d.message:
            return sides, {0, 1}
    return [0] * n, {0}


def _rows(report: Report, order: list[str], split: dict[str, tuple[list[int], set[int]]]) -> list[dict]:
    """Matrix rows: every aligned claim group (and every name in dispute), flagged ones first, worst first."""
    rows: dict[tuple[str, str | None], dict] = {}
    for c in report.coverage:
        rows[(c.entity, c.predicate)] = {"subject": c.subject, "predicate": c.predicate, "present": set(c.present),
                                         "missing": set(c.missing), "ds": []}
    naming = {e.id: {n.source for n in e.names} for e in report.entities}
    for d in report.discrepancies:
        if d.values:  # coverage.missing has none: the matrix shows it as "missing" already
            row = rows.setdefault((d.entity, d.predicate), {
                "subject": d.subject, "predicate": d.predicate or "name as written", "missing": set(),
                "present": naming.get(d.entity, set()) | {v.source for v in d.values}, "ds": []})
            row["ds"].append(d)
    out = []
    for row in rows.values():
        cells = []
        for s in order:
            said = [(side in split[d.id][1], d, value_text(v.value)) for d in row["ds"]
                    for v, side in zip(d.values, split[d.id][0], strict=True) if v.source == s]
            odd = [d for is_odd, d, _ in said if is_odd]
            state = "differs" if odd else "agree" if s in row["present"] else "missing" if s in row["missing"] \
                else "none"
            cells.append({"source": s, "state": state, "severity": max(d.severity for d in odd).label if odd else "",
                          "said": list(dict.fromkeys(t for _, _, t in sorted(said, key=lambda x: not x[0]))),
                          "ids": list(dict.fromkeys(d.id for _, d, _ in said))})
        worst = max((d.severity for d in row["ds"]), default=None)
        row.update(cells=cells, worst=worst.label if worst else "none",
                   severities=" ".join(sorted({d.severity.label for d in row["ds"]})) or "none",
                   codes=" ".join(sorted({d.code for d in row["ds"]})),
                   sources=" ".join(f"s{i}" for i, c in enumerate(cells) if c["ids"]),
                   odd=sum(c["state"] == "differs" for c in cells))
        out.append(row)
    return sorted(out, key=lambda r: (-(Severity.parse(r["worst"]) if r["ds"] else 0), -r["odd"],
                                      r["subject"].lower(), r["predicate"]))


def _script_data(view: dict) -> dict:
    """What the page's script needs, handed over as JSON (never as markup): the matrix cells' values."""
    names = [s["s"].id for s in view["sources"]]
    return {"cells": {c["cid"]: {"row": f"{printable(r['subject'])} / {printable(r['predicate'])}",
                                 "source": printable(names[j]), "state": c["state"], "severity": c["severity"],
                                 "values": [printable(v) for v in c["said"]], "ids": c["ids"]}
                      for r in view["rows"] for j, c in enumerate(r["cells"])}}


class _Context:
    """Quotes shown in their sentence of the source text, the words that differ marked."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.prepared: dict[str, tuple[SourceText, list[int]]] = {}
        self.found: dict[tuple[str, str], tuple[int, int, str, str] | None] = {}

    def sighting(self, v: Sighting, d: Discrepancy, other: set[str]) -> dict:
        """A value with its quote; `other` holds the values of the other side, whose words are not marked."""
        key = (v.source, v.quote)
        if key not in self.found:
            self.found[key] = self._locate(v) if v.quote else None
        found = self.found[key]
        quote_marks: list[tuple[int, int]] = []
        text_marks: list[tuple[int, int]] = []
        if found and d.code == "quote.mismatch":
            quote_marks, text_marks = _diff_marks(v.quote, found[2], found[0])
        elif found:
            text_marks = _value_marks(found[3], found[0], found[1], value_text(v.value), other)
        if not found and not d.code.startswith("quote."):
            quote_marks = _value_marks(v.quote, 0, len(v.quote), value_text(v.value), other)
        context = _segments(found[3], found[0], found[1], text_marks) if found else None
        return {"v": v, "value": value_text(v.value), "where": where(v), "context": context,
                "quote": _segments(v.quote, 0, len(v.quote), quote_marks, whole=True)}

    def _locate(self, v: Sighting) -> tuple[int, int, str, str] | None:
        """(start, end, actual words, text) of the quote in its source's text, or None."""
        text = self.texts.get(v.source)
        if text is None:
            return None
        if v.source not in self.prepared:
            self.prepared[v.source] = (SourceText(text), [0] + [m.end() for m in re.finditer("\n", text)])
        src, starts = self.prepared[v.source]
        match = check_quote(v.quote, src)
        if match.status == "missing" or not 0 < match.line <= len(starts):
            return None
        start = starts[match.line - 1] + match.col - 1
        end = start + len(match.actual)
        return (start, end, match.actual, text) if text[start:end] == match.actual else None


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(str(w).lower() for w in DEFAULT.get("text").get("stopwords") or ())


def _value_marks(text: str, a: int, b: int, mine: str, other: set[str]) -> list[tuple[int, int]]:
    """Where in text[a:b] this value differs from the other side's: its own words, else the whole value."""
    theirs = {w.lower() for o in other for w in _WORD.findall(o)}
    own = {w.lower() for w in _WORD.findall(mine)} - theirs
    tokens = list(_WORD.finditer(text, a, b))
    keys = [m.group().lower() for m in tokens]
    hit = [k in own and k not in _stopwords() for k in keys]
    if any(hit):  # a differing stop word ("at least") joins a marked word it touches
        hit = [h or (k in own and (i > 0 and hit[i - 1] or i + 1 < len(hit) and hit[i + 1]))
               for i, (h, k) in enumerate(zip(hit, keys, strict=True))]
    elif mine.strip():
        phrase = re.compile(r"\W+".join(re.escape(w) for w in _WORD.findall(mine)) or re.escape(mine), re.I)
        m = phrase.search(text, a, b)
        if m:
            return [m.span()]
        hit = [k in {w.lower() for w in _WORD.findall(mine)} - _stopwords() for k in keys]
    spans: list[tuple[int, int]] = []
    for m, h in zip(tokens, hit, strict=True):
        if h and spans and not text[spans[-1][1]:m.start()].strip():
            spans[-1] = (spans[-1][0], m.end())  # one mark over neighbouring words
        elif h:
            spans.append(m.span())
    return spans


def _diff_marks(quote: str, actual: str, at: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A misquote: the quote's words the text lacks, and the text's words the quote changed or left out."""
    qs, xs = list(re.finditer(r"\S+", quote)), list(re.finditer(r"\S+", actual))
    qw, xw = normalize(quote).split(), normalize(actual).split()
    if len(qs) != len(qw) or len(xs) != len(xw):
        return [], []
    in_quote, in_text = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, qw, xw, autojunk=False).get_opcodes():
        if op != "equal" and i2 > i1:
            in_quote.append((qs[i1].start(), qs[i2 - 1].end()))
        if op != "equal" and j2 > j1:
            in_text.append((at + xs[j1].start(), at + xs[j2 - 1].end()))
    return in_quote, in_text


def _segments(text: str, a: int, b: int, marks: list[tuple[int, int]], whole: bool = False) -> list[dict[str, Any]]:
    """The sentence around text[a:b] as runs of {text, quote, mark}: the quote's span and the marked words.

    With `whole`, all of `text` (a bare quote) with its marks."""
    lo, hi = (0, len(text)) if whole else _sentence(text, a, b)
    cuts = sorted(p for p in {lo, hi, a, b, *(p for m in marks for p in m)} if lo <= p <= hi)
    runs: list[dict[str, Any]] = [
        {"text": text[i:j], "quote": a <= i < b and not whole, "mark": any(m0 <= i < m1 for m0, m1 in marks)}
        for i, j in zip(cuts, cuts[1:], strict=False) if text[i:j]]
    if not whole and runs:
        runs[0]["text"] = ("\u2026 " if lo > 0 and lo == max(0, a - WINDOW) else "") + runs[0]["text"].lstrip()
        runs[-1]["text"] = runs[-1]["text"].rstrip() + (" \u2026" if hi == b + WINDOW < len(text) else "")
    return runs


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    """The bounds of the sentence(s) holding text[a:b], at most WINDOW characters beyond it on each side."""
    lo, hi = max(0, a - WINDOW), min(len(text), b + WINDOW)
    start = max((m.end() for m in _END.finditer(text, lo, a + 2) if m.end() <= a), default=lo)
    end = _END.search(text, max(a, b - 3), hi)
    return start, (end.start() + len(end.group().rstrip()) if end else hi)
