"""The named, immutable records that flow through the pipeline.

load -> validate -> quotes -> resolve -> align -> compare -> report
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from enum import IntEnum

Scalar = str | int | float
Value = Scalar | tuple[Scalar, ...]


def pickled_as_tuple(cls: type) -> type:
    """Pickle a record as (its maker, field values), and give it that maker: `cls._make(*values)`
    with every field in order.

    A frozen dataclass sets each field through object.__setattr__; the maker sets the slots
    directly, twice as fast, which counts where records are made by the million (loading a
    large claim set, and unpickling what worker processes hand back). Records with a
    __post_init__ must not use it (the maker does not call __init__).
    """
    names = [f.name for f in fields(cls)]
    values = operator.attrgetter(*names)
    setters = {f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)}
    args = ", ".join(names)
    source = f"def _make({args}):\n    self = _new(_cls)\n" + "".join(
        f"    _set{i}(self, {name})\n" for i, name in enumerate(names)) + "    return self\n"
    scope = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, scope)  # noqa: S102 - the source is built from the field names above
    make = scope["_make"]
    make.__module__, make.__qualname__ = cls.__module__, f"{cls.__qualname__}._make"
    make.__doc__ = f"A {cls.__name__} from all its field values in order, without __init__."

    def __reduce__(self):  # noqa: N807
        return make, values(self)

    cls._make = staticmethod(make)
    cls.__reduce__ = __reduce__
    return cls


class Severity(IntEnum):
    """How much a finding matters; higher is worse."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with an input file, found while loading or validating it."""

    pos: Position
    code: str
    message: str
    path: str = ""  # dotted path to the key, e.g. claims[3].quote
    severity: str = "error"  # error | warning

    def sort_key(self) -> tuple:
        return (self.pos.file, self.pos.line, self.pos.col, self.code)

    def __str__(self) -> str:
        """`file:line:col: error: path.to.key: message [code]`, safe to print."""
        from claimcheck.errors import printable

        path = f"{self.path}: " if self.path else ""
        return printable(f"{self.pos}: {self.severity}: {path}{self.message} [{self.code}]")


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Source:
    """One source: the `source:` block of a claim file."""

    id: str
    file: str
    pos: Position
    title: str = ""
    publisher: str = ""
    url: str = ""
    published: str = ""
    language: str = ""
    kind: str = "report"
    derived_from: str = ""
    text: str = ""  # resolved path of the source text, or ""


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Entity:
    """An entity as ONE source names it (the `entities:` block)."""

    source: str
    key: str
    name: str
    pos: Position
    type: str = ""
    aliases: tuple[str, ...] = ()


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """Where a claim's quote stands in its source text."""

    status: str  # exact | mismatch | missing
    line: int = 0  # 1-based, in the source text; 0 when missing
    col: int = 0
    actual: str = ""  # the source's own words at that place
    diff: str = ""  # word-by-word difference, e.g. "'fired' -> 'dismissed'"
    score: float = 0.0


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class Claim:
    """One claim of one source."""

    source: str
    index: int  # position in the file's claims list, 0-based
    pos: Position
    subject: str  # as written in the file (an entity key or a name)
    predicate: str
    value: Value
    id: str = ""
    quote: str = ""
    qualifiers: tuple[tuple[str, Scalar], ...] = ()
    note: str = ""
    entity: str = ""  # the local entity key when `subject` names one
    name: str = ""  # the subject as the source names it (the entity's name, or `subject`)
    quote_match: QuoteMatch | None = None


@pickled_as_tuple
@dataclass(frozen=True, slots=True)
class ClaimFile:
    """Everything one claim file says."""

    path: str
    source: Source
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    root: str = ""  # the claim set's folder


@dataclass(frozen=True, slots=True)
class ClaimSet:
    files: tuple[ClaimFile, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(f.source for f in self.files)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for f in self.files for c in f.claims)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of comparing two values: `code` is None when they agree.

    `code` is a dotted check code from claimcheck.checks (e.g. "number.hedge");
    `reason` says why, in words a fact-checker can verify.
    """

    code: str | None
    reason: str = ""

    @property
    def agrees(self) -> bool:
        return self.code is None


@dataclass(frozen=True, slots=True)
class Sighting:
    """One source's side of a discrepancy: what it says and where."""

    source: str
    subject: str  # the name as that source wrote it
    value: Value
    quote: str
    file: str
    line: int
    claim_id: str = ""
    quote_at: str = ""  # "line:col" of the quote in the source text, when located


@dataclass(frozen=True, slots=True)
class Side:
    """One class of agreeing values in a discrepancy: the consensus, or an odd one out.

    `code`, `severity` and `reason` set an odd side against the consensus (or, where no
    class leads, against the side it disagrees with most); the consensus has none.
    """

    role: str  # consensus | odd
    value: Value  # the class's commonest value, as written
    values: tuple[Value, ...]  # every distinct wording of the class, as written
    sources: tuple[str, ...]
    code: str = ""
    severity: Severity | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """Something sources (or one source) say differently, with why it matters."""

    id: str  # stable fingerprint (see claimcheck.fingerprint)
    code: str
    severity: Severity
    entity: str  # resolved entity id
    subject: str  # the entity's chosen name
    predicate: str | None  # None when the discrepancy is about a name
    message: str
    why: str
    values: tuple[Sighting, ...]
    sides: tuple[Side, ...] = ()  # the classes of agreeing values, consensus first (where one leads)

    def sort_key(self) -> tuple:
        return (-self.severity, self.subject.lower(), self.predicate or "", self.code, self.id)


@pickled_as_tuple  # made by the hundred thousand: _make
@dataclass(frozen=True, slots=True)
class NameUse:
    source: str
    name: str


@dataclass(frozen=True, slots=True)
class ReportEntity:
    id: str
    name: str
    type: str
    names: tuple[NameUse, ...]
    why: str


@pickled_as_tuple  # made by the hundred thousand: _make
@dataclass(frozen=True, slots=True)
class Coverage:
    """Which sources state something about one aligned claim group."""

    entity: str
    subject: str
    predicate: str
    present: tuple[str, ...]
    missing: tuple[str, ...]
    status: str = ""  # agree | disputed | single (one source states it) | not-compared (see entity.unresolved)


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """A fact-checker's verdict on one discrepancy (one entry of review.yaml)."""

    id: str  # the discrepancy's fingerprint
    status: str  # confirmed | accepted | needs-work
    wrong_source: str = ""  # which source is wrong (confirmed)
    right_value: str = ""  # what the right value is
    evidence: str = ""  # a URL or a note
    note: str = ""
    by: str = ""
    at: str = ""  # ISO 8601 date-time of the decision
    line: int = 0  # where the entry stands in the review file


@dataclass(frozen=True, slots=True)
class Report:
    sources: tuple[Source, ...]
    claim_counts: tuple[int, ...]  # per source, same order
    entities: tuple[ReportEntity, ...]
    discrepancies: tuple[Discrepancy, ...]
    coverage: tuple[Coverage, ...] = ()
    stats: tuple[tuple[str, float], ...] = ()  # stage timings and counters for the benchmark
    reviews: tuple[ReviewEntry, ...] = ()  # verdicts on discrepancies of this report
    stale: tuple[ReviewEntry, ...] = ()  # verdicts whose discrepancy no longer exists
    hidden: int = 0  # discrepancies hidden because they were accepted (shown with --all)
