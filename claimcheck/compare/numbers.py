"""Compare two figures as intervals: number.conflict, number.hedge, number.bound, number.unit."""

from __future__ import annotations

from claimcheck.compare.common import close, number_text, quoted
from claimcheck.compare.numparse import Quantity, parse_quantity
from claimcheck.records import Verdict
from claimcheck.tables import DEFAULT, Tables

# Hedges of one family bound a figure from the same side; two of one family
# that differ are number.bound, two of different families are number.hedge.
_FAMILY = {
    "ge": "lower",
    "gt": "lower",
    "le": "upper",
    "lt": "upper",
    "approx": "approx",
    "below": "below",
    "range": "range",
    "vague": "range",
}


def describe(q: Quantity) -> str:
    """The interval a figure allows, in words: "exactly 4", "4 or more", "5 to 10"."""

    def fig(x: float) -> str:
        if q.unit == "percent":
            return f"{number_text(x)}%"
        return f"{number_text(x)} {q.unit}" if q.unit else number_text(x)

    if q.ordinal:
        return f"the ordinal {number_text(q.figure)}"
    forms = {
        "exact": lambda: f"exactly {fig(q.lo)}",
        "ge": lambda: f"{fig(q.lo)} or more",
        "gt": lambda: f"more than {fig(q.lo)}",
        "le": lambda: f"{fig(q.hi)} or less",
        "lt": lambda: f"less than {fig(q.hi)}",
        "approx": lambda: f"about {fig(q.figure)} ({fig(q.lo)} to {fig(q.hi)})",
        "below": lambda: f"just under {fig(q.figure)} ({fig(q.lo)} to {fig(q.hi)})",
    }
    return forms.get(q.shape, lambda: f"{fig(q.lo)} to {fig(q.hi)}")()


def _before(hi: float, hi_open: bool, lo: float, lo_open: bool) -> bool:
    """Whether an interval ending at `hi` lies wholly before one starting at `lo`."""
    if close(hi, lo):
        return hi_open or lo_open
    return hi < lo


def _things(q: Quantity) -> frozenset[str]:
    """What a figure counts: its words, and its unit when the unit has no dimension."""
    return q.nouns | {q.unit} if q.unit and not q.dimension else q.nouns


def _unit_clash(a: Quantity, b: Quantity) -> bool:
    if not (a.unit and b.unit) or a.unit == b.unit:
        return False
    return not a.dimension or a.dimension != b.dimension


def compare_numbers(a: str, b: str, tables: Tables = DEFAULT) -> Verdict | None:
    """The verdict on two figures, or None when either has no figure to read."""
    qa, qb = parse_quantity(a, tables), parse_quantity(b, tables)
    if qa is None or qb is None:
        return None
    return compare_quantities(qa, qb)


def _dropped_strict_hedge(qa: Quantity, qb: Quantity, fa: float, fb: float) -> bool:
    """'more than 15' against '15': the same figure, its strict hedge dropped.

    As intervals they do not meet (15 is not more than 15), but a reader sees a
    dropped hedge, not two incompatible figures.
    """
    shapes = {qa.shape, qb.shape}
    return "exact" in shapes and bool(shapes & {"gt", "lt"}) and close(fa, fb) and not (qa.ordinal or qb.ordinal)


def _at_precision(qa: Quantity, qb: Quantity, fa: float, fb: float, ka: float, kb: float) -> Verdict:
    """Two exact figures, at least one written with decimals (or a whole percentage): each stands for
    what rounds to it ("33.5" is 33.45 up to 33.55), and they agree where those stretches meet."""
    la, ha = fa - qa.half * ka, fa + qa.half * ka
    lb, hb = fb - qb.half * kb, fb + qb.half * kb
    slack = 1e-9 * max(abs(fa), abs(fb), 1.0)
    if not qa.half:
        meet = lb - slack <= fa < hb - slack
    elif not qb.half:
        meet = la - slack <= fb < ha - slack
    else:
        meet = max(la, lb) < min(ha, hb) - slack
    if meet or close(fa, fb):
        return Verdict(None, f"'{qa.text}' and '{qb.text}' are the same figure at the precision each is written to")
    return Verdict("number.conflict", f"'{qa.text}' is {describe(qa)}, '{qb.text}' is {describe(qb)}: "
                                      "different even at the precision each is written to")


def compare_quantities(qa: Quantity, qb: Quantity) -> Verdict:
    """The verdict on two parsed figures."""
    sa, sb = f"'{qa.text}' is {describe(qa)}", f"'{qb.text}' is {describe(qb)}"
    if _unit_clash(qa, qb):
        return Verdict(
            "number.unit",
            f"'{qa.text}' is in {qa.unit}, '{qb.text}' in {qb.unit}: units that do not convert, not compared",
        )
    ta, tb = _things(qa), _things(qb)
    if ta and tb and not ta & tb:
        things = f"'{qa.text}' counts {quoted(sorted(ta))}, '{qb.text}' counts {quoted(sorted(tb))}"
        if close(qa.lo, qb.lo) and close(qa.hi, qb.hi) and qa.shape == qb.shape:
            # one fact of one claim group, the same figure: the counted thing is described two ways
            return Verdict(None, f"{things}: the same figure, the counted thing worded two ways")
    # A figure without a unit is read in the other's unit ("39" and "39-year-old").
    both = bool(qa.unit and qb.unit)
    (alo, ahi), (blo, bhi) = (qa.base, qb.base) if both else ((qa.lo, qa.hi), (qb.lo, qb.hi))
    fa, fb = (qa.figure * qa.factor, qb.figure * qb.factor) if both else (qa.figure, qb.figure)
    if qa.shape == qb.shape == "exact" and (qa.half or qb.half) and not (qa.ordinal or qb.ordinal):
        return _at_precision(qa, qb, fa, fb, qa.factor if both else 1.0, qb.factor if both else 1.0)
    if _dropped_strict_hedge(qa, qb, fa, fb):
        return Verdict("number.hedge", f"{sa}; {sb}: the hedge was dropped")
    if _before(ahi, qa.hi_open, blo, qb.lo_open) or _before(bhi, qb.hi_open, alo, qa.lo_open):
        what = "different ordinals" if qa.ordinal and qb.ordinal else "both cannot be true"
        return Verdict("number.conflict", f"{sa}; {sb}: {what}")
    if close(alo, blo) and close(ahi, bhi) and (qa.lo_open, qa.hi_open) == (qb.lo_open, qb.hi_open):
        return Verdict(None, f"'{qa.text}' and '{qb.text}' are both {describe(qa)}")
    if "exact" in (qa.shape, qb.shape):  # the other is hedged: equal points were caught above
        hedged = qb if qa.shape == "exact" else qa
        exact_fig, hedged_fig = (fa, fb) if hedged is qb else (fb, fa)
        lo, hi = (blo, bhi) if hedged is qb else (alo, ahi)
        if hedged.shape in ("approx", "below") and not close(exact_fig, hedged_fig) and lo <= exact_fig <= hi:
            return Verdict(None, f"{sa}; {sb}: the exact figure is within what the rounded one allows")
        what = "the hedge was dropped"
        if _FAMILY[hedged.shape] == "range":
            what = "a range was narrowed to one figure"
        elif not close(fa, fb):
            what += " and the figure differs"
        return Verdict("number.hedge", f"{sa}; {sb}: {what}")
    if _FAMILY[qa.shape] == _FAMILY[qb.shape]:
        if close(fa, fb):
            what = "the bound differs at the edge"
        else:
            what = "the bounds differ"
        return Verdict("number.bound", f"{sa}; {sb}: {what}")
    return Verdict("number.hedge", f"{sa}; {sb}: the hedges differ in kind")
