"""The number tables (claimcheck/data/numbers.yaml and hedges.yaml) compiled for reading
figures, and the tokenizer that both the tables and the figures go through."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.compare.common import fold
from claimcheck.tables import DEFAULT, Tables

_TOKEN = re.compile(
    # digit groups as outlets write them: 4,671,021; Indian 7,50,000; a stray space "4,671, 021";
    # a mistyped separator "3.690,466" (groups of three after a dot and a comma are not decimals)
    r"(?P<num>\d{1,3}(?:[.,]\d{3})*(?:,\s?\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<ord>st|nd|rd|th)(?![a-z]))?"
    r"|[a-z]+(?:'[a-z]+)?|[$€£¥₹%~+<>=/-]"
)
# "15½", "15 1/2": a whole number and a fraction, read as one figure before folding (which would
# turn "½" into "1⁄2")
_VULGAR = re.compile(r"(\d*)\s?([\u00bc-\u00be\u2150-\u215e])")
_SLASHED = re.compile(r"\b(\d+)\s+(\d)/(\d{1,2})\b")


def _fractions(text: str) -> str:
    if _VULGAR.search(text):
        text = _VULGAR.sub(lambda m: f"{int(m[1] or 0) + unicodedata.numeric(m[2]):g}", text)
    if "/" in text:
        text = _SLASHED.sub(lambda m: f"{int(m[1]) + int(m[2]) / int(m[3]):g}" if int(m[3]) else m[0], text)
    return text


def _digits(raw: str) -> str:
    """A number token as plain digits: group separators (and stray spaces) dropped."""
    if "," not in raw:
        return raw
    whole, dot, decimals = raw.replace(" ", "").partition(".") if raw.count(".") <= 1 and not re.search(
        r"\.\d{3},", raw) else (raw.replace(" ", "").replace(".", ""), "", "")
    return whole.replace(",", "") + dot + decimals


@dataclass(frozen=True, slots=True)
class Unit:
    label: str
    dimension: str
    factor: float
    money: bool


@dataclass(frozen=True, slots=True)
class Knowledge:
    words: dict[str, float]
    scales: dict[str, float]
    short: dict[str, float]
    money_only: frozenset[str]
    ordinals: dict[str, float]
    vague: dict[tuple[str, ...], str]
    vague_range: dict[str, tuple[float, float]]
    units: dict[tuple[str, ...], str]
    unit_info: dict[str, Unit]
    before: dict[tuple[str, ...], str]
    after: dict[tuple[str, ...], str]
    shape_of: dict[str, str]
    range_open: frozenset[str]
    range_join: frozenset[str]
    fillers: frozenset[str]
    tolerance: float
    figure_starts: frozenset[str]  # words a figure can start with ("four", "a", "several")
    starts: frozenset[str]  # ... and words a hedged figure can start with ("at", "$", "between")


def tokenize(text: str) -> tuple[str, ...]:
    """Lowercase words, numbers (commas removed, ordinal suffix kept) and symbols."""
    out = []
    for m in _TOKEN.finditer(fold(_fractions(text)).lower()):
        out.append(_digits(m["num"]) + (m["ord"] or "") if m["num"] else m[0])
    return tuple(out)


def _index(phrases: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tokenize(p): v for p, v in phrases.items() if tokenize(p)}


@lru_cache(maxsize=16)
def knowledge(tables: Tables = DEFAULT) -> Knowledge:
    """The number tables of `tables`, compiled for lookup."""
    num, hedges = tables.get("numbers"), tables.get("hedges")
    units, info, shape_of = {}, {}, {}
    for label, spec in num.get("units", {}).items():
        money = bool(spec.get("money"))
        info[label] = Unit(label, str(spec.get("dimension", "")), spec.get("factor", 1), money)
        units.update(_index({w: label for w in spec.get("words", [])}))
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for table, out in ((hedges.get("before", {}), before), (hedges.get("after", {}), after)):
        for shape, phrases in table.items():
            out.update({p: shape for p in phrases})
            shape_of.update({p: shape for p in phrases})
    rng = hedges.get("range", {})
    vague = {str(k): (float(v[0]), float(v[1])) for k, v in num.get("vague", {}).items()}
    money_words = [w for spec in num.get("units", {}).values() if spec.get("money") for w in spec.get("words", [])]
    figure_starts = {"a", "an"} | {tokenize(p)[0] for p in vague if tokenize(p)}
    figure_starts |= set(num.get("words", {})) | set(num.get("scales", {})) | set(num.get("ordinals", {}))
    starts = {tokenize(p)[0] for p in [*before, *money_words] if tokenize(p)} | set(rng.get("open", []))
    return Knowledge(
        words={k: float(v) for k, v in num.get("words", {}).items()},
        scales={k: float(v) for k, v in num.get("scales", {}).items()},
        short={k: float(v) for k, v in num.get("short_scales", {}).items()},
        money_only=frozenset(num.get("money_only_short_scales", [])),
        ordinals={k: float(v) for k, v in num.get("ordinals", {}).items()},
        vague=_index({k: k for k in vague}),
        vague_range=vague,
        units=units,
        unit_info=info,
        before=_index({p: p for p in before}),
        after=_index({p: p for p in after}),
        shape_of=shape_of,
        range_open=frozenset(rng.get("open", [])),
        range_join=frozenset(rng.get("join", [])),
        fillers=frozenset(num.get("fillers", [])),
        tolerance=float(hedges.get("tolerance", 0.1)),
        figure_starts=frozenset(figure_starts),
        starts=frozenset(figure_starts | starts),
    )
