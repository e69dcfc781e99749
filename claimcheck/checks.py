"""The registry of every check claimcheck makes, by stable dotted code.

Each check has a code, a default severity and a docstring that is its user
documentation (`claimcheck checks` prints them). File checks find problems
in claim files (severity error or warning); discrepancy checks find drift
between sources (severity high, medium or low, overridable per code in
claimcheck.toml). Codes never change meaning once released.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: str  # error | warning (file checks); high | medium | low (discrepancies)
    doc: str

    @property
    def is_file_check(self) -> bool:
        return self.severity in ("error", "warning")


def _c(code: str, severity: str, doc: str) -> tuple[str, Check]:
    return code, Check(code, severity, " ".join(doc.split()))


REGISTRY: dict[str, Check] = dict([
    # -- reading files -----------------------------------------------------
    _c("file.too-large", "error", "The file is larger than the size cap (--max-file-size)."),
    _c("file.too-many-nodes", "error", "The file has more YAML nodes than the cap (--max-nodes)."),
    _c("file.encoding", "error", "The file is not UTF-8; the first bad byte and its place are named."),
    _c("file.control-char", "error", "A control character (other than tab and newline), raw or written as an escape, is in the file."),
    _c("file.bidi", "warning", "A bidirectional control character can make text display differently from what it says."),
    _c("file.empty", "error", "The file has no YAML document, or only comments."),
    _c("file.unreadable", "error", "The file could not be read (permissions, a broken link)."),
    _c("yaml.syntax", "error", "The file is not valid YAML."),
    _c("yaml.tab", "error", "A tab is used to indent; YAML allows spaces only."),
    _c("yaml.documents", "error", "More than one YAML document (`---`) in one file."),
    _c("yaml.anchor", "error", "Anchors (&name) are refused: together with aliases they can expand without bound."),
    _c("yaml.alias", "error", "Aliases (*name) are refused: write the value out."),
    _c("yaml.merge", "error", "Merge keys (<<) are refused: write the keys out."),
    _c("yaml.tag", "error", "Explicit tags other than !!str, !!int, !!float, !!seq, !!map are refused."),
    _c("yaml.depth", "error", "Nesting deeper than the cap (--max-depth)."),
    _c("yaml.key", "error", "A mapping key that is not text (a number, a list, nothing)."),
    _c("yaml.duplicate-key", "error", "The same key twice in one mapping; the first one's line is named."),
    # -- the claim-file format ---------------------------------------------
    _c("schema.top-level", "error", "The top level of a claim file must be a mapping."),
    _c("schema.missing-key", "error", "A required key is missing: `source`, `claims`, a claim's `subject`, `predicate` or `value`, an entity's `name`."),
    _c("schema.unknown-key", "error", "A key the format does not know (keys starting with `x-` are extensions and ignored); the nearest known key is suggested."),
    _c("schema.type", "error", "A value of the wrong shape (a list where text is expected, ...)."),
    _c("schema.empty", "error", "A key is present with no value."),
    _c("schema.value", "error", "A value outside what the format allows (source id, kind, language, entity type)."),
    _c("schema.date", "error", "`source.published` is not a real ISO date."),
    _c("schema.url", "warning", "`source.url` is not an http or https link; reports will not link it."),
    _c("source.duplicate-id", "error", "Two files in one claim set have the same source id."),
    _c("source.text-outside", "error", "`source.text` leads outside the claim set's folder (absolute, `..`, or a link pointing out)."),
    _c("source.text-missing", "error", "`source.text` names a file that does not exist, or a folder."),
    _c("config.invalid", "error", "claimcheck.toml is not valid TOML, or names an unknown option, check, severity or table."),
    _c("claim.duplicate-id", "error", "Two claims in one file have the same id."),
    # -- the review file (claimcheck review; docs/triage.md) ------------------
    _c("review.top-level", "error", "The top level of the review file is not a mapping."),
    _c("review.unknown-key", "error", "A key the review file format does not know; the nearest known key is suggested."),
    _c("review.version", "error", "A review file version other than 1."),
    _c("review.type", "error", "`reviews` is not a list, an entry is not a mapping, or a field is not text."),
    _c("review.missing-key", "error", "An entry without `id` or `status`."),
    _c("review.id", "error", "An id that is not `cc-` and 12 hex digits."),
    _c("review.status", "error", "A status other than confirmed, accepted or needs-work."),
    _c("review.duplicate-id", "error", "The same discrepancy id twice; the first one's line is named."),
    _c("review.timestamp", "error", "`at` is not a real ISO 8601 date or date-time."),
    _c("review.evidence-url", "warning", "Evidence that is a link but not http or https; kept as a note, never linked."),
    _c("review.wrong-source", "warning", "`wrong_source` is not among the sources of the discrepancy."),
    # -- quotes against the source text ------------------------------------
    _c("quote.mismatch", "high", """A claim's quote differs from the source's text (beyond typographic
        quotes, dashes and white space): a misquote. The source's actual words and their line:col in
        the text are shown, with what differs word by word."""),
    _c("quote.missing", "medium", """A claim's quote cannot be found in the source's text at all:
        wrong source, invented wording, or text from another version of the article."""),
    # -- discrepancies between sources (claimcheck diff) --------------------
    _c("name.variant", "high", """Sources name one entity with forms that differ beyond order, honorifics or a surname
        alone: a transliteration or machine-translation garble ("Smyth" for "Smith", "Acmee" for "Acme"). The form most
        sources (or a primary source) use is named as the likely right one, with the evidence of the merge."""),
    _c("title.inflated", "high", """One source gives a title that ranks above another's for the same person on
        the rank ladders of data/titles.yaml ("chief executive" against "executive", even though one contains
        the other; "director" against "manager")."""),
    _c("title.conflict", "high", "Two different specific titles for one person (\"software engineer\" against \"security technical leader\")."),
    _c("title.less-specific", "low", "A generic word (employee, official) against a specific title: less precise, not wrong."),
    _c("title.shared", "high", """Two different people are each given a title that one person holds at a time
        (chief executive, president) of the same organization."""),
    _c("number.conflict", "high", """Two numbers that cannot both be true: disjoint intervals after hedges, units and
        scale words are read, or different ordinals ("31st" against "35th anniversary")."""),
    _c("number.hedge", "medium", "A hedge dropped, added or changed in kind (\"four\" against \"at least four\")."),
    _c("number.bound", "medium", "Both hedged, but the bounds differ at the edge (\"fewer than ten\" against \"no more than 10\")."),
    _c("date.conflict", "high", "Dates or periods that do not overlap."),
    _c("date.overlap", "medium", "Periods that overlap without being the same (\"May and June 2020\" against \"June 2020\")."),
    _c("date.precision", "low", "The same date given more or less precisely (\"October\" against \"October 2019\")."),
    _c("value.variant", "medium", """A name inside a value spelled or worded differently ("WidgetX" against "WidgetEx",
        "Interior Ministry" against "Interior Department")."""),
    _c("value.conflict", "medium", "Different values for the same thing, of no more specific kind."),
    _c("text.changed", "high", "Similar text in which a number, a negation or a name changed."),
    _c("text.paraphrase", "low", "The same statement in other words; worth a look, rarely an error."),
    _c("source.inconsistent", "medium", "One source gives incompatible values for the same entity and predicate."),
    _c("coverage.missing", "low", "A source that names an entity does not state what other sources state about it (--missing)."),
])


def get(code: str) -> Check:
    return REGISTRY[code]
