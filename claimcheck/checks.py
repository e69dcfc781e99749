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
    _c("entity.unresolved", "medium", """Names that were candidates for one entity but were kept apart: a
        contradicting fact vetoed the merge, or a short name fits several entities. The facts of the two were not
        compared with each other; the finding names the reason and the facts that differ, so that a garbled name
        whose source also gives a wrong figure does not vanish from the report."""),
    _c("title.inflated", "high", """One source gives a title that ranks above another's for the same person on
        the rank ladders of data/titles.yaml ("chief executive" against "executive", even though one contains
        the other; "director" against "manager")."""),
    _c("title.conflict", "medium", """Two specific titles of different families for one person ("software engineer"
        against "security technical leader"): typed, but the engine cannot show that one person cannot be both."""),
    _c("title.less-specific", "low", "A generic word (employee, official) against a specific title: less precise, not wrong."),
    _c("title.shared", "high", """Two different people are each given a title that one person holds at a time
        (chief executive, president) of the same organization."""),
    _c("number.conflict", "high", """Two numbers that cannot both be true: disjoint intervals after hedges, units and
        scale words are read, or different ordinals ("31st" against "35th anniversary")."""),
    _c("number.hedge", "medium", "A hedge dropped, added or changed in kind (\"four\" against \"at least four\")."),
    _c("number.bound", "medium", "Both hedged, but the bounds differ at the edge (\"fewer than ten\" against \"no more than 10\")."),
    _c("number.unit", "low", """Figures in different units or currencies ("43 billion won" against "$38 million"):
        not one quantity, so not compared; no exchange rate is invented."""),
    _c("date.conflict", "high", "Dates or periods that do not overlap."),
    _c("date.overlap", "medium", "Periods that overlap without being the same (\"May and June 2020\" against \"June 2020\")."),
    _c("date.precision", "low", "The same date given more or less precisely (\"October\" against \"October 2019\")."),
    _c("value.variant", "medium", """A name inside a value spelled or worded differently ("WidgetX" against "WidgetEx",
        "Interior Ministry" against "Interior Department")."""),
    _c("value.conflict", "high", """Values that name different resolved entities: the employer is one organization
        in some sources and another in others."""),
    _c("value.differs", "low", """Values of no kind the engine can read (free text, names it could not resolve)
        that say different things: worth a look; the engine cannot tell whether they disagree."""),
    _c("text.changed", "high", "Similar text in which a figure or a negation changed: the statements cannot both be true."),
    _c("text.name-changed", "medium", """Similar text in which a name-like word was replaced by another (a demonym for a
        country's initials, one town for another): the engine cannot tell whether both name one thing."""),
    _c("text.paraphrase", "low", "The same statement in other words; worth a look, rarely an error."),
    _c("text.other-language", "low", """Values from sources in different languages that the engine cannot read as
        one kind (a figure, a date): not compared word by word; a translation is never a discrepancy on wording alone."""),
    _c("source.inconsistent", "medium", "One source gives incompatible values for the same entity and predicate."),
    _c("coverage.missing", "low", "A source that names an entity does not state what other sources state about it (--missing)."),
])


# What each severity promises, applied by every discrepancy check (docs/severity.md says it at length).
SEVERITY_POLICY = (
    ("high", "the engine can show the values cannot both be true: figures of one quantity (same unit, "
             "currency and counted thing) whose stretches do not meet at the precision each is written to; "
             "dates of one event that do not overlap; a title ranked above another on a shipped ladder; "
             "values naming different resolved entities where the predicate holds one; a statement and its "
             "negation, or a changed figure; a garbled name."),
    ("medium", "typed and softer: a hedge dropped, added or changed; a changed bound; two specific titles "
               "of different families; a name in a value spelled differently; a name-like word replaced in "
               "otherwise similar text; names kept apart (entity.unresolved)."),
    ("low", "worded differently, and the engine cannot tell whether they disagree: a paraphrase, a "
            "description it has no table for, a value in another language it cannot read, figures in "
            "different units or currencies, a date given more or less precisely."),
)
POLICY_RULE = ("Free text, descriptive titles and translations are never high on wording alone. One disputed "
               "fact is one finding: its severity is that of the strongest disagreement between the consensus "
               "and an odd side.")


def get(code: str) -> Check:
    return REGISTRY[code]
