"""`--merge`: add drafts to a curated claim file without touching what is there.

The existing file is kept byte for byte: the new claims are inserted after
the last line of its top-level `claims:` list (an empty `claims: []` is the
one exception: it becomes a block list). A draft is new when its quote is not
part of a quote the file has already; its subject is
the file's entity with the same name or alias, else the name as written.
"""

from __future__ import annotations

import os
import re

from claimcheck.errors import Exit, UserError
from claimcheck.extract.yaml import claim_lines, load_text
from claimcheck.read.quotes import normalize


def merge(existing: str, drafted: str, file: str = "claims.yaml") -> str:
    """The existing claim file, unchanged byte for byte, with the drafts whose quotes it does
    not cover yet appended to its `claims:` list (subjects mapped to its entities)."""
    old, problems = load_text(existing, file)
    errors = [p for p in problems if p.severity == "error"]
    if old is None or errors:
        raise UserError(f"{file} has errors ({errors[0] if errors else 'unreadable'}); fix them before --merge",
                        Exit.INPUT)
    new, _ = load_text(drafted, "draft.yaml")
    if new is None:
        raise AssertionError("the drafted text does not load")
    covered = [normalize(c.quote) for c in old.claims if c.quote]
    forms = {_fold(n): e.key for e in old.entities for n in (e.name, *e.aliases)}
    draft_forms = {e.key: (e.name, *e.aliases) for e in new.entities}
    ids = {c.id for c in old.claims if c.id}
    rules = re.findall(r"^ +x-rule: (.*)$", drafted, re.MULTILINE)  # x- keys are not in the records
    items: list[str] = []
    newline = "\r\n" if "\r\n" in existing else "\n"
    indent = _item_indent(existing)
    for n, c in enumerate(new.claims):
        q = normalize(c.quote)
        if not q or any(q in k for k in covered):
            continue
        names = draft_forms.get(c.subject, (c.subject,))
        subject = next((forms[_fold(n)] for n in names if _fold(n) in forms), names[0])
        base, number = c.id.rsplit("-", 1)[0], 1
        cid = c.id
        while cid in ids:  # "<subject>-<predicate>-<n>": the next number the file does not use
            number += 1
            cid = f"{base}-{number}"
        ids.add(cid)
        covered.append(q)
        fields: list[tuple[str, object]] = [("id", cid), ("subject", subject), ("predicate", c.predicate),
                                            ("value", c.value), ("quote", c.quote)]
        if c.qualifiers:
            fields.append(("qualifiers", c.qualifiers))
        fields.append(("x-status", "draft"))
        if n < len(rules):
            fields.append(("x-rule", rules[n]))
        items.extend(claim_lines(fields, indent))
    if not items:
        return existing
    merged = _insert(existing, newline.join(items) + newline, newline)
    _, after = load_text(merged, file)
    if [p for p in after if p.severity == "error"]:
        raise AssertionError("merged file does not load: " + "; ".join(map(str, after)))
    return merged


def _fold(name: str) -> str:
    return " ".join(name.lower().split())


_TOP_CLAIMS = re.compile(r"^claims[ \t]*:(?P<rest>[^\r\n]*)(?=\r\n|\n|\r|\Z)", re.MULTILINE)


def _item_indent(text: str) -> str:
    m = _TOP_CLAIMS.search(text)
    item = re.compile(r"^([ \t]*)-[ \t]", re.MULTILINE).search(text, m.end()) if m else None
    return item.group(1) if item else "  "


def _insert(text: str, block: str, newline: str) -> str:
    """`block` put after the last line of the top-level claims list; nothing else changes."""
    m = _TOP_CLAIMS.search(text)
    if m is None:
        raise UserError("the claim file has no top-level `claims:` key to add drafts to", Exit.INPUT)
    rest = m.group("rest").split("#", 1)[0].strip()
    if rest == "[]":  # no curated claims yet: the empty flow list becomes a block list
        start = m.start("rest") + m.group("rest").index("[]")
        text = text[:start] + text[start + 2:]
        m = _TOP_CLAIMS.search(text)
        assert m is not None
    elif rest:
        raise UserError("`claims:` is written as a flow list ([...]); write it as a block list (lines"
                        " starting with '- ') to merge drafts into it", Exit.INPUT)
    end = m.end()
    for line in re.finditer(r"[^\r\n]*(?:\r\n|\n|\r|$)", text[m.end():]):
        if not line.group():
            break
        body = line.group().rstrip("\r\n")
        if body[:1] not in ("", " ", "\t", "#", "-") or body.startswith(("---", "...")):
            break  # the next top-level key: the list ended before it
        if body.strip() and not body.startswith("#"):
            end = m.end() + line.start() + len(body)
    if end == len(text) or text[end:end + 1] not in ("\r", "\n"):
        return text[:end] + newline + block.rstrip("\r\n") + text[end:]
    line_end = end + (2 if text.startswith("\r\n", end) else 1)
    return text[:line_end] + block + text[line_end:]


def plan_write(out_path: str, merge: bool) -> str:
    """"create" or "merge" for an output path; never overwrite: an existing file without
    --merge is a UserError."""
    if os.path.isdir(out_path):
        raise UserError(f"{out_path} is a folder; give a file name such as claims/<id>.yaml")
    if os.path.exists(out_path):
        if not merge:
            raise UserError(f"{out_path} exists; extract never overwrites a claim file: pass --merge to add"
                            " the new drafts to it, or choose another --output")
        return "merge"
    return "create"
