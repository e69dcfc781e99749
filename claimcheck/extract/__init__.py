"""`claimcheck extract`: draft a claim file from an article's plain text.

    extract(text, source_id, text_path) -> the YAML text of a claim file
    merge(existing_yaml, drafted_yaml)   -> the existing file plus the new drafts only
    plan_write(out_path, merge)          -> "create" | "merge", or UserError
    write_draft(article, out_path, ...)  -> all of `claimcheck extract` but printing

Offline and rule-based: claimcheck.extract.entities reads sentences, names and
who is who; the rules registered in claimcheck.extract.claims draft claims;
the English word lists are data/extract.yaml. Every draft is marked
`x-status: draft` with the rule that proposed it (`x-rule`), every quote is
checked to be the article's exact words, and the file is checked to load
under the format contract before it is returned. What the text does not say
(publisher, date, url) is left as a TODO for the curator; nothing is guessed.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass

from claimcheck.errors import Exit, UserError
from claimcheck.extract.claims import draft_claims
from claimcheck.extract.entities import read
from claimcheck.extract.merge import merge, plan_write
from claimcheck.extract.text import Doc, kebab
from claimcheck.extract.view import Draft
from claimcheck.extract.yaml import claim_lines, load_text, scalar
from claimcheck.read.load import read_capped
from claimcheck.read.quotes import SourceText, check_quote
from claimcheck.read.yamlsafe import Limits, LoadError, decode
from claimcheck.tables import DEFAULT, Tables

__all__ = ["check_text", "extract", "merge", "plan_write", "read_article", "source_id_for", "text_path_for",
           "write_draft"]

_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_TITLE_WORDS = (3, 25)
_PUBLISHER = re.compile(r"^\s*(?:published\s+by|publisher:|©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<p>[^\n]+?)\s*$",
                        re.IGNORECASE | re.MULTILINE)


_PUBLISHED = re.compile(r"^\s*(?:published|posted)(?:\s+on)?:?\s*(?P<d>\d{4}-\d{2}-\d{2})\b",
                        re.IGNORECASE | re.MULTILINE)
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+\s+\((?P<p>[^()\n]{2,60})\)\s*[-–—]", re.MULTILINE)  # "PARIS (Agency) -"
_ENGLISH = frozenset("the a an of to in and is was that for on with as by he she it said".split())


@dataclass(frozen=True, slots=True)
class Result:
    """What `write_draft` did: the mode, how many drafts were proposed and how many written."""

    mode: str  # create | merge | stdout
    drafted: int
    written: int
    text: str


def read_article(path: str, limits: Limits = Limits()) -> str:
    """An article's text, checked as the loader checks claim files: UTF-8 (a BOM is fine),
    no control characters; a problem is a UserError naming path:line:col."""
    if os.path.exists(path) and not os.path.isfile(path):
        raise UserError(f"{path}: not a regular file; give the article as a text file")
    try:
        data, size = read_capped(path, limits.max_bytes)
        text, _warnings = decode(data, path, limits, size)
    except LoadError as exc:
        raise UserError(str(exc.problem), Exit.INPUT) from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read the article: {exc.strerror or exc}") from None
    return text


def check_text(text: str, name: str = "<article>") -> str:
    """`text` checked like a file read by read_article (control characters refused)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UserError(f"{name}: not valid text (a lone surrogate at offset {exc.start})", Exit.INPUT) from None
    try:
        return decode(data, name)[0]
    except LoadError as exc:
        raise UserError(str(exc.problem), Exit.INPUT) from None


def source_id_for(path: str) -> str:
    """A source id from a file name: its stem, made a valid id."""
    stem = os.path.splitext(os.path.basename(path))[0].lower()
    stem = re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-._")
    return stem if _ID.match(stem or "") else "source"


def text_path_for(article: str, out: str) -> str | None:
    """The article's path relative to the claim file, or None when it would lead out of
    the claim file's folder (the format refuses that)."""
    rel = os.path.relpath(os.path.abspath(article), os.path.dirname(os.path.abspath(out)))
    return None if rel.startswith("..") or os.path.isabs(rel) else rel.replace(os.sep, "/")


def drafts(text: str, tables: Tables = DEFAULT) -> tuple[Doc, list[Draft]]:
    """The article read, and the drafts whose quotes are its exact words."""
    doc = read(text, tables)
    source = SourceText(text)
    return doc, [d for d in draft_claims(doc) if check_quote(text[d.start:d.end], source).status == "exact"]


def extract(text: str, source_id: str, text_path: str | None = None, tables: Tables = DEFAULT) -> str:
    """The YAML text of a draft claim file for an article."""
    text = check_text(text)
    if not _ID.match(source_id):
        raise UserError(f"source id {source_id!r} is not valid: use lower-case letters, digits, '.', '_' and '-'")
    doc, found = drafts(text, tables)
    out = _source_block(text, source_id, text_path)
    used = _used_entities(doc, found)
    if used:
        out.append("")
        out.append("entities:")
        for key in used:
            out.extend(_entity_lines(doc, key))
    out.append("")
    out.append("claims:" if found else "claims: []")
    ids: Counter[str] = Counter()
    for d in found:
        out.extend(claim_lines(_claim_fields(doc, d, ids), "  "))
    yaml_text = "\n".join(out) + "\n"
    _self_check(yaml_text)
    return yaml_text


def _source_block(text: str, source_id: str, text_path: str | None) -> list[str]:
    lines = [
        "# Draft claim file written by `claimcheck extract`. Every entity and claim below is a",
        "# proposal (x-status: draft): check each against the text, correct or delete it, and",
        "# remove its x-status once curated. x-todo lists what the text does not say.",
        "source:",
        f"  id: {scalar(source_id)}",
    ]
    todo = []
    title = _title(text)
    lines.append(f"  title: {scalar(title or 'TODO')}")
    if not title:
        todo.append("title: the text has no title line; write the headline as published")
    publisher = _PUBLISHER.search(text)
    lines.append(f"  publisher: {scalar(publisher.group('p') if publisher else 'TODO')}")
    credit = _DATELINE.search(text)
    if credit and not publisher:  # a wire credit names who wrote the story, not who published it
        todo.append(f"publisher: the dateline credits {credit.group('p')}; fill in who published this text")
    elif not publisher:
        todo.append("publisher: the text does not state it; fill in who published this text")
    published = _PUBLISHED.search(text)
    if published:
        lines.append(f"  published: {scalar(published.group('d'))}")
    else:
        todo.append("published: the publication date (ISO, e.g. 2020-12-22) if known; the text does not state it")
    todo.append("url: a link to the article, if any")
    words = re.findall(r"[a-z]+", text.lower())
    if words and sum(w in _ENGLISH for w in words) / len(words) > 0.1:
        lines.append("  language: en")
    else:
        todo.append("language: the text's language (BCP 47); the drafting rules read English only")
    lines.append("  kind: report")
    todo.append("kind: report unless the text is a primary source, a statement, a translation or an aggregator")
    if text_path:
        lines.append(f"  text: {scalar(text_path)}")
    else:
        todo.append("text: put the article inside the claim folder and give its path, for the quote check")
    lines.append("  x-status: draft")
    lines.append("  x-todo:")
    lines.extend(f"    - {scalar(t)}" for t in todo)
    return lines


def _title(text: str) -> str:
    """The first of the first two non-empty lines that reads like a headline."""
    for line in [x.strip() for x in text.splitlines() if x.strip()][:2]:
        words = line.split()
        if _TITLE_WORDS[0] <= len(words) <= _TITLE_WORDS[1] and line[0].isupper() and line[-1] not in ".!?:;,":
            return line
    return ""


def _used_entities(doc: Doc, found: list[Draft]) -> list[str]:
    """Entities in the order the text first names them; all but lone unnamed nouns."""
    first: dict[str, int] = {}
    for ms in doc.mentions:
        for m in ms:
            if m.key and m.kind not in ("pronoun", "ref"):
                first.setdefault(m.key, m.start)
    used = {d.subject for d in found}
    return [k for k in sorted(first, key=lambda k: first[k]) if k in used or doc.entities[k].type not in ("", "thing")]


def _entity_lines(doc: Doc, key: str) -> list[str]:
    e = doc.entities[key]
    lines = [f"  {key}:", f"    name: {scalar(e.name)}"]
    if e.type:
        lines.append(f"    type: {e.type}")
    if e.aliases:
        lines.append("    aliases:")
        lines.extend(f"      - {scalar(a)}" for a in e.aliases)
    lines.append("    x-status: draft")
    return lines


def _claim_fields(doc: Doc, d: Draft, ids: Counter[str]) -> list[tuple[str, object]]:
    subject = d.subject if d.subject in doc.entities else (doc.key_of(d.subject) or d.subject)
    base = f"{kebab(subject)}-{kebab(d.predicate)}"
    ids[base] += 1
    fields: list[tuple[str, object]] = [("id", f"{base}-{ids[base]}"), ("subject", subject),
                                        ("predicate", d.predicate), ("value", d.value),
                                        ("quote", doc.text[d.start:d.end])]
    if d.qualifiers:
        fields.append(("qualifiers", d.qualifiers))
    fields.append(("x-status", "draft"))
    fields.append(("x-rule", d.rule))
    return fields


def _self_check(yaml_text: str) -> None:
    _, problems = load_text(yaml_text, "draft.yaml")
    if problems:  # a bug in the writer, not the user's mistake
        raise AssertionError("draft does not load: " + "; ".join(map(str, problems)))


def write_draft(article: str, out_path: str | None = None, merge_into: bool = False,
                source_id: str | None = None, tables: Tables = DEFAULT, limits: Limits = Limits()) -> Result:
    """Everything `claimcheck extract ARTICLE [-o FILE] [--merge] [--id ID]` does but printing:
    read and check the article, draft, and write FILE atomically (or return the text for stdout)."""
    from claimcheck.output import write_atomic

    if merge_into and not out_path:
        raise UserError("--merge adds drafts to a claim file: give it with --output FILE")
    mode = plan_write(out_path, merge_into) if out_path else "stdout"
    text = read_article(article, limits)
    sid = source_id or source_id_for(out_path or article)
    rel = text_path_for(article, out_path) if out_path else None
    drafted = extract(text, sid, rel, tables)
    count = drafted.count("\n  - id: ")
    if out_path is None:
        return Result(mode, count, count, drafted)
    if mode == "merge":
        existing = read_article(out_path, limits)  # the same checks: UTF-8, no control characters
        merged = merge(existing, drafted, out_path)
        if merged == existing:
            return Result(mode, count, 0, merged)
        write_atomic(out_path, merged, inputs=[article])
        before, after = load_text(existing, out_path)[0], load_text(merged, out_path)[0]
        added = len(after.claims) - len(before.claims) if before is not None and after is not None else 0
        return Result(mode, count, added, merged)
    write_atomic(out_path, drafted, inputs=[article])
    return Result(mode, count, count, drafted)
