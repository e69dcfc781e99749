"""Check a parsed claim file against format v1 and build its records.

Every problem is collected (not only the first) with file, line, column and
the dotted path of the key; nothing here prints or raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re

from claimcheck.read.yamlsafe import Node, show
from claimcheck.records import Claim, ClaimFile, Entity, Position, Problem, Source

SOURCE_KEYS = (
    "id", "title", "publisher", "url", "published", "language", "kind", "derived_from", "text",
)
ENTITY_KEYS = ("name", "type", "aliases")
CLAIM_KEYS = ("id", "subject", "predicate", "value", "quote", "qualifiers", "note")
TOP_KEYS = ("source", "entities", "claims")
_KNOWN = {keys: frozenset(keys) for keys in (SOURCE_KEYS, ENTITY_KEYS, CLAIM_KEYS, TOP_KEYS)}
KINDS = ("report", "primary", "statement", "translation", "aggregator")
TYPES = ("person", "organization", "place", "event", "thing")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z]+)?\Z")


class _Checker:
    """Walks one file's tree, collecting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def pos(self, node: Node) -> Position:
        return Position(self.file, node.line, node.col)

    def error(self, node: Node, path: str, code: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.pos(node), code, message, path, severity))

    def mapping(self, node: Node, path: str, known: tuple[str, ...]) -> dict[str, tuple[Node, Node]]:
        """The node's items if it is a mapping (unknown keys reported, x- keys dropped)."""
        if type(node.value) is not dict:
            self.error(node, path, "schema.type", f"must be a mapping (key: value), not a {node.kind}")
            return {}
        fixed = _KNOWN.get(known)  # (the entities: block's keys are any names: no short cut)
        if fixed is not None and fixed.issuperset(node.value):  # the common case: nothing unknown, no x- keys
            return node.value
        items = {}
        for key, (knode, vnode) in node.value.items():
            if key.startswith("x-"):
                continue
            if key not in known:
                near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f"; did you mean {near[0]!r}?" if near else f"; known keys: {', '.join(known)}"
                self.error(knode, _join(path, key), "schema.unknown-key", f"unknown key {show(key)}{hint}")
                continue
            items[key] = (knode, vnode)
        return items

    def text(self, items: dict, key: str, path: str, required: bool = False, parent: Node | None = None) -> str:
        """A text field: a scalar (numbers are kept as their written digits)."""
        if key not in items:
            if required and parent is not None:
                self.error(parent, _join(path, key), "schema.missing-key", f"missing required key {key!r}")
            return ""
        knode, vnode = items[key]
        value = vnode.value
        if type(value) is str and value:
            return value
        if value is None or value == "":
            self.error(knode, _join(path, key), "schema.empty", f"{key!r} is empty; give it a value")
            return ""
        if vnode.kind != "scalar":
            self.error(vnode, _join(path, key), "schema.type", f"{key!r} must be text, not a {vnode.kind}")
            return ""
        return _written(vnode)


def _written(node: Node) -> str:
    """A scalar's text as written (`1e3` stays `1e3`, not `1000.0`)."""
    value = node.value
    if isinstance(value, str):
        return value
    return node.written or (repr(value) if isinstance(value, float) else str(value))


def _join(path: str, key: str) -> str:
    key = key if len(key) <= 60 else key[:59] + "\u2026"  # a path is for finding the key, not quoting it
    return f"{path}.{key}" if path else key


def build(root: Node, file: str, claim_root: str) -> tuple[ClaimFile | None, list[Problem]]:
    """A parsed file -> its ClaimFile (None when unusable) and its problems."""
    c = _Checker(file)
    if root.kind != "mapping":
        c.error(root, "", "schema.top-level",
                f"the top level must be a mapping with `source:` and `claims:`, not a {root.kind}")
        return None, c.problems
    top, source, entities = _head(c, root, file, claim_root, ("source", "claims"))
    sid = source.id if source else _stem_id(file)
    claims = _claims(c, top, sid, {e.key: e for e in entities})
    if source is None:
        return None, c.problems
    return ClaimFile(file, source, tuple(entities), tuple(claims), claim_root), c.problems


def build_head(root: Node, file: str, claim_root: str) -> tuple[Source, list[Entity]] | None:
    """The source and entities of a file's head (everything above `claims:`); None when the
    head has any problem (the whole file is then read by `build`, which reports it)."""
    c = _Checker(file)
    if root.kind != "mapping":
        return None
    _, source, entities = _head(c, root, file, claim_root, ("source",))
    return None if c.problems or source is None else (source, entities)


def _head(c: _Checker, root: Node, file: str, claim_root: str, required: tuple[str, ...]
          ) -> tuple[dict, Source | None, list[Entity]]:
    top = c.mapping(root, "", TOP_KEYS)
    for key in required:
        if key not in top:
            c.error(root, key, "schema.missing-key", f"missing required key {key!r}")
    source = _source(c, top, file, claim_root) if "source" in top else None
    return top, source, _entities(c, top, source.id if source else _stem_id(file))


def _stem_id(file: str) -> str:
    stem = os.path.splitext(os.path.basename(file))[0].lower()
    slug = re.sub(r"[^a-z0-9._-]+", "-", stem).strip("-._")
    return slug or "source"


def _source(c: _Checker, top: dict, file: str, claim_root: str) -> Source | None:
    knode, node = top["source"]
    items = c.mapping(node, "source", SOURCE_KEYS)
    if node.kind != "mapping":
        return None
    sid = c.text(items, "id", "source") or _stem_id(file)
    if "id" in items and not _ID.match(sid):
        c.error(items["id"][1], "source.id", "schema.value",
                f"id {show(sid)} must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")
    kind = c.text(items, "kind", "source") or "report"
    if kind not in KINDS:
        c.error(items["kind"][1], "source.kind", "schema.value",
                f"kind {show(kind)} is not one of {', '.join(KINDS)}{_near(kind, KINDS)}")
    language = c.text(items, "language", "source")
    if language and not _LANG.match(language):
        c.error(items["language"][1], "source.language", "schema.value",
                f"language {show(language)} is not a BCP 47 tag such as 'en' or 'zh-Hant'")
    published = c.text(items, "published", "source")
    if published:
        _check_date(c, items["published"][1], published)
    url = c.text(items, "url", "source")
    if url and not url.lower().startswith(("http://", "https://")):
        c.error(items["url"][1], "source.url", "schema.url",
                f"url {show(url)} is not an http or https link; it will not be linked", "warning")
    text = c.text(items, "text", "source")
    if text:
        text = _text_path(c, items["text"][1], text, file, claim_root)
    return Source(
        id=sid, file=file, pos=c.pos(node), title=c.text(items, "title", "source"),
        publisher=c.text(items, "publisher", "source"), url=url, published=published,
        language=language, kind=kind, derived_from=c.text(items, "derived_from", "source"),
        text=text,
    )


def _near(word: str, choices: tuple[str, ...]) -> str:
    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""


def _check_date(c: _Checker, node: Node, text: str) -> None:
    m = _ISO.match(text)
    problem = None if m else "is not an ISO date such as 2020-12-22"
    if m:
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            dt.date(year, month, day)
        except ValueError as exc:
            problem = f"is not a real date ({exc})"
    if problem:
        c.error(node, "source.published", "schema.date", f"published {show(text)} {problem}")


def _text_path(c: _Checker, node: Node, text: str, file: str, claim_root: str) -> str:
    """Resolve `source.text`; it must stay inside the claim set's folder."""
    if os.path.isabs(text) or text.startswith(("\\", "~")) or re.match(r"[A-Za-z]:", text):
        c.error(node, "source.text", "source.text-outside",
                f"text path {show(text)} must be relative to the claim file, inside the claim set's folder")
        return ""
    target = os.path.realpath(os.path.join(os.path.dirname(file), text))
    root = os.path.realpath(claim_root)
    if os.path.commonpath([target, root]) != root:
        c.error(node, "source.text", "source.text-outside",
                f"text path {show(text)} leads outside the claim set's folder {claim_root!r};"
                " keep source texts inside it")
        return ""
    if not os.path.isfile(target):  # a pipe or a device would block or never end: refused too
        what = ("is a folder" if os.path.isdir(target) else
                "is not a regular file" if os.path.exists(target) else "does not exist")
        c.error(node, "source.text", "source.text-missing",
                f"text file {show(text)} {what}; fix the path or remove `text:`")
        return ""
    return target


def _entities(c: _Checker, top: dict, sid: str) -> list[Entity]:
    if "entities" not in top:
        return []
    _, node = top["entities"]
    if node.value is None:
        return []
    known = tuple(node.value) if node.kind == "mapping" else ()  # any key names an entity
    out = []
    for key, (_knode, enode) in c.mapping(node, "entities", known).items():
        path = f"entities.{key}"
        items = c.mapping(enode, path, ENTITY_KEYS)
        if enode.kind != "mapping":
            continue
        name = c.text(items, "name", path, required=True, parent=enode)
        etype = c.text(items, "type", path)
        if etype and etype not in TYPES:
            c.error(items["type"][1], f"{path}.type", "schema.value",
                    f"type {show(etype)} is not one of {', '.join(TYPES)}{_near(etype, TYPES)}")
        aliases = _texts(c, items, "aliases", path)
        if name:
            out.append(Entity(sid, key, name, c.pos(enode), etype, aliases))
    return out


def _texts(c: _Checker, items: dict, key: str, path: str) -> tuple[str, ...]:
    if key not in items:
        return ()
    _, node = items[key]
    if node.kind == "scalar" and isinstance(node.value, str) and node.value:
        return (node.value,)
    if node.kind != "sequence":
        c.error(node, _join(path, key), "schema.type", f"{key!r} must be a list of names")
        return ()
    out = []
    for i, item in enumerate(node.value):
        if item.kind != "scalar" or item.value in (None, ""):
            c.error(item, f"{path}.{key}[{i}]", "schema.type", "each alias must be a non-empty name")
        else:
            out.append(_written(item))
    return tuple(out)


def _claims(c: _Checker, top: dict, sid: str, entities: dict[str, Entity]) -> list[Claim]:
    if "claims" not in top:
        return []
    _, node = top["claims"]
    if node.value is None:
        return []
    if node.kind != "sequence":
        c.error(node, "claims", "schema.type", f"claims must be a list (lines starting with '- '), not a {node.kind}")
        return []
    out, seen = [], {}
    for i, cnode in enumerate(node.value):
        path = f"claims[{i}]"
        items = c.mapping(cnode, path, CLAIM_KEYS)
        if type(cnode.value) is not dict:
            continue
        subject = c.text(items, "subject", path, required=True, parent=cnode)
        predicate = c.text(items, "predicate", path, required=True, parent=cnode)
        value = _value(c, items, path, cnode)
        cid = c.text(items, "id", path)
        if cid:
            if cid in seen:
                c.error(items["id"][1], f"{path}.id", "claim.duplicate-id",
                        f"claim id {show(cid)} is used already at line {seen[cid]}; ids must be unique in a file")
            else:
                seen[cid] = items["id"][1].line
        qualifiers = _qualifiers(c, items, path)
        if not (subject and predicate and value is not None):
            continue
        entity = entities.get(subject)
        out.append(Claim(
            source=sid, index=i, pos=c.pos(cnode), subject=subject, predicate=predicate,
            value=value, id=cid, quote=c.text(items, "quote", path),
            qualifiers=qualifiers, note=c.text(items, "note", path),
            entity=entity.key if entity else "", name=entity.name if entity else subject,
        ))
    return out


def _value(c: _Checker, items: dict, path: str, parent: Node):
    if "value" not in items:
        c.error(parent, f"{path}.value", "schema.missing-key", "missing required key 'value'")
        return None
    knode, node = items["value"]
    if node.kind == "scalar":
        if node.value is None or node.value == "":
            c.error(knode, f"{path}.value", "schema.empty", "'value' is empty; give the value as the source states it")
            return None
        return node.value
    if node.kind == "sequence" and node.value:
        values = []
        for j, item in enumerate(node.value):
            if item.kind != "scalar" or item.value in (None, ""):
                c.error(item, f"{path}.value[{j}]", "schema.type",
                        "each item of a list value must be a non-empty scalar")
                return None
            values.append(item.value)
        return tuple(values)
    what = "an empty list" if node.kind == "sequence" else "a mapping"
    c.error(node, f"{path}.value", "schema.type", f"'value' must be a scalar or a list of scalars, not {what}")
    return None


def _qualifiers(c: _Checker, items: dict, path: str) -> tuple:
    if "qualifiers" not in items:
        return ()
    _, node = items["qualifiers"]
    if node.value is None:
        return ()
    if node.kind != "mapping":
        c.error(node, f"{path}.qualifiers", "schema.type", "qualifiers must be a mapping (key: value)")
        return ()
    out = []
    for key, (_knode, vnode) in node.value.items():
        if key.startswith("x-"):
            continue
        if vnode.kind != "scalar" or vnode.value in (None, ""):
            c.error(vnode, f"{path}.qualifiers.{key}", "schema.type", "a qualifier must be a non-empty scalar")
            continue
        out.append((key, vnode.value))
    return tuple(sorted(out))
