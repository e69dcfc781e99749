"""The review file: a fact-checker's verdicts on discrepancies, kept beside the claims.

    claims/review.yaml -> load_review -> entries -> apply_review(report) -> Report
    decide(report, entries, id, status, ...) -> entries -> save_review

Plain YAML, one entry per decided discrepancy, written sorted by id with a
fixed key order so that diffs stay small. It is read with the claim files'
protections (yamlsafe) and every problem comes back as a Problem at
file:line:col with a `review.*` code; nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import replace

import yaml

from claimcheck.errors import Exit, UserError
from claimcheck.output import write_atomic
from claimcheck.read.yamlsafe import Limits, LoadError, Node, decode, parse
from claimcheck.records import Discrepancy, Position, Problem, Report, ReviewEntry

FILE_NAME = "review.yaml"
VERSION = 1
STATUSES = ("confirmed", "accepted", "needs-work")
TOP_KEYS = ("version", "reviews")
# The order keys are written in; `code` and `subject` are informative (refreshed from the report).
ENTRY_KEYS = ("id", "status", "code", "subject", "wrong_source", "right_value", "evidence", "note", "by", "at")
HEADER = (
    "# claimcheck review file: one entry per decided discrepancy (see docs/triage.md).\n"
    "# status: confirmed (an error) | accepted (not an error; hidden) | needs-work.\n"
    "# Rewritten sorted by id by `claimcheck review`; comments here are not kept.\n"
)
_ID = re.compile(r"cc-[0-9a-f]{12}\Z")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?\Z")
_URLISH = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):\S*\Z")
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\n\r\t\x85\u2028\u2029]")


def default_path(paths: Sequence[str]) -> str:
    """review.yaml beside the claims: in the first folder given, or the first file's folder."""
    first = paths[0] if paths else "claims"
    folder = first if os.path.isdir(first) else os.path.dirname(first) or "."
    return os.path.join(folder, FILE_NAME)


# -- reading ---------------------------------------------------------------


def load_review(path: str, limits: Limits = Limits()) -> tuple[tuple[ReviewEntry, ...], list[Problem]]:
    """The entries of a review file and its problems; a file that does not exist has no entries.

    Entries with errors are left out; warnings (`review.evidence-url`) keep theirs.
    """
    problems: list[Problem] = []
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe or a device could block or never end
            return (), [Problem(Position(path, 1, 1), "file.unreadable", "not a regular file; give a file")]
        with open(path, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
    except FileNotFoundError:
        return (), []
    except OSError as exc:
        return (), [Problem(Position(path, 1, 1), "file.unreadable", f"cannot read the file: {exc.strerror or exc}")]
    try:
        text, warnings = decode(data, path, limits)
        problems.extend(warnings)
        root = parse(text, path, limits, problems=problems)
    except LoadError as exc:
        if exc.problem.code == "file.empty":
            return (), problems
        return (), problems + [exc.problem]
    entries = _Reader(path, problems).read(root)
    return entries, problems


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the nearest of `choices`, or ""."""
    near = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""


def _written(value: object) -> str:
    return repr(value) if isinstance(value, float) else str(value)


class _Reader:
    """Walks a parsed review file, collecting problems."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def error(self, node: Node, path: str, code: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(Position(self.file, node.line, node.col), code, message, path, severity))

    def mapping(self, node: Node, path: str, known: tuple[str, ...]) -> dict[str, tuple[Node, Node]] | None:
        if node.kind != "mapping":
            self.error(node, path, "review.type", f"must be a mapping (key: value), not a {node.kind}")
            return None
        items = {}
        value: dict[str, tuple[Node, Node]] = node.value  # type: ignore[assignment]
        for key, (knode, vnode) in value.items():
            if key.startswith("x-"):
                continue
            if key not in known:
                hint = did_you_mean(key, known) or f"; known keys: {', '.join(known)}"
                self.error(knode, f"{path}.{key}" if path else key, "review.unknown-key",
                           f"unknown key {key!r}{hint}")
            else:
                items[key] = (knode, vnode)
        return items

    def read(self, root: Node) -> tuple[ReviewEntry, ...]:
        if root.kind != "mapping":
            self.error(root, "", "review.top-level",
                       f"the top level must be a mapping with `version:` and `reviews:`, not a {root.kind}")
            return ()
        top = self.mapping(root, "", TOP_KEYS) or {}
        if "version" in top and top["version"][1].value != VERSION:
            self.error(top["version"][1], "version", "review.version",
                       f"version {top['version'][1].value!r} is not supported; this claimcheck reads version 1")
            return ()
        if "reviews" not in top or top["reviews"][1].value is None:
            return ()
        node = top["reviews"][1]
        if node.kind != "sequence":
            self.error(node, "reviews", "review.type",
                       f"reviews must be a list (lines starting with '- '), not a {node.kind}")
            return ()
        out: list[ReviewEntry] = []
        seen: dict[str, int] = {}
        listed: list[Node] = node.value  # type: ignore[assignment]
        for i, enode in enumerate(listed):
            entry = self.entry(enode, f"reviews[{i}]")
            if entry is None:
                continue
            if entry.id in seen:
                self.error(enode.value["id"][1], f"reviews[{i}].id", "review.duplicate-id",  # type: ignore[index]
                           f"{entry.id} has an entry already at line {seen[entry.id]}; keep one of them")
                continue
            seen[entry.id] = entry.line
            out.append(entry)
        return tuple(out)

    def entry(self, node: Node, path: str) -> ReviewEntry | None:
        items = self.mapping(node, path, ENTRY_KEYS)
        if items is None:
            return None
        before = len(self.problems)
        fields: dict[str, str] = {}
        for key, (_knode, vnode) in items.items():
            if vnode.kind != "scalar":
                self.error(vnode, f"{path}.{key}", "review.type", f"{key!r} must be text, not a {vnode.kind}")
            elif vnode.value is not None:
                fields[key] = vnode.value if isinstance(vnode.value, str) else _written(vnode.value)
        for key in ("id", "status"):
            if key not in items:
                self.error(node, f"{path}.{key}", "review.missing-key", f"missing required key {key!r}")
            elif items[key][1].value in (None, ""):
                self.error(items[key][0], f"{path}.{key}", "review.missing-key", f"{key!r} is empty; give it a value")
        did, status, at, evidence = (fields.get(k, "") for k in ("id", "status", "at", "evidence"))
        if did and not _ID.match(did):
            self.error(items["id"][1], f"{path}.id", "review.id",
                       f"{did!r} is not a discrepancy id (cc- and 12 hex digits, as `claimcheck diff` shows)")
        if status and status not in STATUSES:
            self.error(items["status"][1], f"{path}.status", "review.status",
                       f"status {status!r} is not one of {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}")
        if at and not valid_time(at):
            self.error(items["at"][1], f"{path}.at", "review.timestamp",
                       f"at {at!r} is not an ISO 8601 date or date-time such as 2026-11-23T10:00:00Z")
        if odd_scheme(evidence):
            self.error(items["evidence"][1], f"{path}.evidence", "review.evidence-url",
                       f"evidence {evidence!r} is a {odd_scheme(evidence)}: link, not an http:// or https:// one;"
                       " it is kept as a note and never linked", "warning")
        if any(p.severity == "error" for p in self.problems[before:]):
            return None
        kept = {k: v for k, v in fields.items() if k in ReviewEntry.__dataclass_fields__}
        return ReviewEntry(**kept, line=node.line)


def valid_time(text: str) -> bool:
    """An ISO 8601 date (2026-11-23) or date-time (2026-11-23T10:00:00Z) that exists."""
    if not _ISO.match(text):
        return False
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def evidence_url(evidence: str) -> str:
    """The evidence when it is an http(s) link, else "" (it is a note)."""
    return evidence if re.match(r"https?://\S+\Z", evidence, re.I) else ""


def odd_scheme(evidence: str) -> str:
    """The scheme of evidence that is a link but not an http(s) one (javascript, file, ...), else ""."""
    m = _URLISH.match(evidence)
    return m[1] if m and not evidence_url(evidence) else ""


def check_review(report: Report, entries: Iterable[ReviewEntry], path: str) -> list[Problem]:
    """Warnings that need the report: a wrong_source the discrepancy does not involve."""
    by_id = {d.id: d for d in report.discrepancies}
    out = []
    for e in entries:
        d = by_id.get(e.id)
        if d and e.wrong_source and e.wrong_source not in involved(d):
            out.append(Problem(Position(path, e.line or 1, 1), "review.wrong-source",
                               f"{e.id}: wrong_source {e.wrong_source!r} is not one of the sources involved"
                               f" ({', '.join(involved(d))}){did_you_mean(e.wrong_source, involved(d))}",
                               "wrong_source", "warning"))
    return out


def involved(d: Discrepancy) -> tuple[str, ...]:
    """The sources a discrepancy involves, in the order it lists them."""
    return tuple(dict.fromkeys(v.source for v in d.values))


# -- writing ---------------------------------------------------------------


def clean(text: str) -> str:
    """User text made storable: control characters removed (the loader refuses them), ends trimmed."""
    return _UNSAFE.sub("", text).strip()


def _scalar(text: str) -> str:
    """A YAML scalar that reads back (with yamlsafe) as exactly `text`, on one line; control
    characters, which the loader refuses, are dropped."""
    text = _UNSAFE.sub("", text)
    if not _BREAKS.search(text):
        out = yaml.safe_dump(text, allow_unicode=True, width=1 << 30)
        out = out[: -len("\n...\n")] if out.endswith("\n...\n") else out.rstrip("\n")
        if "\n" not in out and _reads_as(out, text):
            return out
    out = json.dumps(text, ensure_ascii=False)
    return out.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _reads_as(scalar: str, text: str) -> bool:
    """Whether yamlsafe reads `scalar` back as `text` (its number rules are not PyYAML's: 0E0)."""
    try:
        return parse(f"k: {scalar}", "").value["k"][1].value == text  # type: ignore[index]
    except LoadError:
        return False


def dump_review(entries: Iterable[ReviewEntry], extras: dict[str, dict[str, str]] | None = None) -> str:
    """The review file's text: entries sorted by id, keys in a fixed order, empty fields left out.

    `extras` gives per id the informative `code` and `subject`, and any `x-` keys to keep.
    """
    entries = sorted(entries, key=lambda e: e.id)
    extras = extras or {}
    lines = [HEADER + f"version: {VERSION}", "reviews:" + (" []" if not entries else "")]
    for e in entries:
        more = extras.get(e.id, {})
        values = {"id": e.id, "status": e.status, "code": more.get("code", ""), "subject": more.get("subject", ""),
                  "wrong_source": e.wrong_source, "right_value": e.right_value, "evidence": e.evidence,
                  "note": e.note, "by": e.by, "at": e.at}
        values.update(sorted((k, v) for k, v in more.items() if k.startswith("x-")))
        keys = [k for k in values if values[k]]
        lines += [f"{'  - ' if n == 0 else '    '}{_scalar(k) if k.startswith('x-') else k}: {_scalar(values[k])}"
                  for n, k in enumerate(keys)]
    return "\n".join(lines) + "\n"


def _extras_in_file(path: str) -> dict[str, dict[str, str]]:
    """Per id, the `code`, `subject` and scalar `x-` keys written in an existing review file
    (best effort: {} on any trouble; load_review reports the file's problems)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return {}
        with open(path, "rb") as fh:
            text, _ = decode(fh.read(Limits().max_bytes + 1), path)
        root = parse(text, path)
        out: dict[str, dict[str, str]] = {}
        for item in root.value["reviews"][1].value:  # type: ignore[index]
            fields = {k: v.value for k, (_, v) in item.value.items() if v.kind == "scalar" and v.value is not None}
            if isinstance(fields.get("id"), str):
                out[fields["id"]] = {k: v if isinstance(v, str) else _written(v) for k, v in fields.items()
                                     if k in ("code", "subject") or k.startswith("x-")}
        return out
    except (OSError, LoadError, KeyError, TypeError, AttributeError):
        return {}


def save_review(path: str, entries: Iterable[ReviewEntry], report: Report | None = None,
                inputs: Iterable[str] = ()) -> None:
    """Write the review file atomically (never over an input).

    `code` and `subject` come from the report (or are kept from the file when the discrepancy is
    gone); `x-` keys of entries are kept; comments are not.
    """
    extras = _extras_in_file(path)
    for d in report.discrepancies if report else ():
        extras.setdefault(d.id, {}).update(code=d.code, subject=d.subject)
    write_atomic(path, dump_review(entries, extras), inputs)


# -- applying --------------------------------------------------------------


def apply_review(report: Report, entries: Iterable[ReviewEntry], show_all: bool = False) -> Report:
    """The report with the verdicts attached: accepted discrepancies removed (unless show_all) and
    counted in `hidden`; entries whose discrepancy no longer exists in `stale`.

    Apply it to the whole report, before filtering by severity, so that nothing is wrongly stale.
    """
    ids = {d.id for d in report.discrepancies}
    entries = tuple(entries)
    reviews = tuple(e for e in entries if e.id in ids)
    stale = tuple(sorted((e for e in entries if e.id not in ids), key=lambda e: (e.line, e.id)))
    accepted = {e.id for e in reviews if e.status == "accepted"}
    kept = report.discrepancies if show_all else tuple(d for d in report.discrepancies if d.id not in accepted)
    return replace(report, discrepancies=kept, reviews=reviews, stale=stale,
                   hidden=len(report.discrepancies) - len(kept))


def fail_on_errors(path: str, problems: Sequence[Problem]) -> None:
    """Raise UserError (status 3) when the review file has errors; warnings pass."""
    errors = sum(p.severity == "error" for p in problems)
    if errors:
        raise UserError(f"{path}: {errors} error(s) in the review file; fix them and run again", Exit.INPUT)
