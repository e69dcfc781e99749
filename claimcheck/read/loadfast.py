"""Read the claims list of a plain, valid claim file straight into Claim records.

Nearly every claim file is a head (`source:`, `entities:`) and then a long
`claims:` list of flat items, one `key: value` per line. Building a YAML node
per key and per value and then validating each node costs two thirds of
loading; here the list is read line by line, each line cut into its parts
by one regular expression, and each item becomes its Claim directly.

`read` answers only for a file it is sure of: the head is read by the usual
road (claimcheck.read.yamlsafe.parse, then validate), and the list must be in the
layout below and free of every problem validate would report. Anything else
(a comment where a value belongs, a block scalar, an empty or null value, a
duplicate key or id, a limit within reach) gives None, and the file is read
the usual way, which then reports what is wrong. So a file loads the same
either way; tests/test_loadfast.py holds it to that.

Handled in the list: items opened by a dash at one indent, followed by as
many spaces in every item; the keys of format v1 at the item's indent, each
once, with a value on its line (plain,
'single' or "double" quoted with the escapes \\" and \\\\ only, or a flow
list); `qualifiers:` with a block mapping of such values below it; blank
lines, comment lines and comments after a value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.read.validate import CLAIM_KEYS, build_head
from claimcheck.read.yamlsafe import _NULLS, _NUMBER_START, Limits, LoadError, Node, _number, parse
from claimcheck.records import Claim, ClaimFile, Position

# -- values of the block layout (one line each), shared by the claims reader below

MAX_KEY = 1000  # libyaml refuses a key longer than 1,024 characters; longer ones go to it

_DOUBLE = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW_ITEM = re.compile(  # one item of a flow list and what ends it: , or ]
    r' *(?:"((?:[^"\\]|\\["\\])*)"|\'((?:[^\']|\'\')*)\''
    r"|([^\s,\[\]{}#\"'!&*|>%@`?:-][^,\[\]{}]*?)) *([,\]])"
)
_UNHANDLED_CHARS = ("\t", "\r", "\x85", "\u2028", "\u2029")  # tabs, line breaks other than \n
_MARKERS = ("---", "...", "%")  # a document marker or a directive at the start of a line


class _Other(Exception):
    """Outside the handled layout: the event parser reads this file."""


# A plain scalar of the commonest kind (read with one regular expression).
_PLAIN = r"""[^\s"'\-?:,\[\]{}#&*!|>%@`](?:[^\n: #]|:(?=[^ \n])| +(?=[^ \n#])|(?<! )\#)*"""



def plain_layout(text: str) -> bool:
    """No tab, no line break but \\n, no document marker or directive: the layout may be read here."""
    return not (any(c in text for c in _UNHANDLED_CHARS) or text.startswith(_MARKERS) or any(
        "\n" + m in text for m in _MARKERS))  # plain `in` scans: a regex search cost 5x more


def _plain(text: str, number: int, col: int) -> Node:
    if text in _NULLS:
        return Node(None, number, col)
    if text[0] in _NUMBER_START:
        figure = _number(text)
        if figure is not None:
            return Node(figure, number, col, False, text)
    return Node(text, number, col)


def _unescape(text: str) -> str:
    """A double-quoted scalar's text with its escapes \\" and \\\\ read (the only ones matched).
    Split at each escaped backslash, left to right, as the escapes are read: a re.sub with a
    template costs ten times more."""
    if "\\" not in text:
        return text
    return "\\".join(part.replace('\\"', '"') for part in text.split("\\\\"))


def _tail_ok(tail: str) -> bool:
    return not tail or (tail[0] == " " and tail.lstrip(" ")[:1] in ("", "#"))


def _value(text: str, number: int, col: int) -> Node:
    """A value of a rarer style at column `col` (0-based): single quotes, escapes, a flow list."""
    first = text[0]
    if first == '"' or first == "'":
        m = (_DOUBLE if first == '"' else _SINGLE).match(text)
        if m is None or not _tail_ok(text[m.end():]):
            raise _Other
        value = m.group(1)
        value = value.replace("''", "'") if first == "'" else _unescape(value)
        return Node(value, number, col + 1, True)
    if first != "[":
        raise _Other
    node = Node([], number, col + 1)
    if text[1:].lstrip(" ")[:1] == "]":
        stop = text.index("]") + 1
    else:
        stop, closed = 1, False
        while not closed:
            m = _FLOW_ITEM.match(text, stop)
            if m is None:
                raise _Other
            double, single, plain, sep = m.groups()
            if plain is not None:
                if " #" in plain or plain.endswith(":") or ": " in plain:
                    raise _Other
                node.value.append(_plain(plain, number, col + m.start(3) + 1))
            else:
                value = single.replace("''", "'") if double is None else _unescape(double)
                node.value.append(Node(value, number, col + m.start(1 if double is not None else 2), True))
            stop, closed = m.end(), sep == "]"
    if not _tail_ok(text[stop:]):
        raise _Other
    return node


# -- the claims list

_CLAIMS = re.compile(r"^claims:(?: +#[^\n]*| *)\n", re.M)  # the top-level key that opens the list
_TEXT_KEYS = frozenset({"id", "subject", "predicate", "quote", "note"})
_KEYS = frozenset(CLAIM_KEYS)
MIN_DEPTH = 8  # below this nesting limit a file goes the usual way, which applies it exactly

_PLAIN_VALUE = re.compile(_PLAIN)


class _Item:
    """One claim item being read: its place and its values so far."""

    __slots__ = ("line", "col", "values", "qualifiers")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.values: dict[str, object] = {}
        self.qualifiers: dict[str, object] | None = None


def read(text: str, file: str, claim_root: str, limits: Limits = Limits()) -> ClaimFile | None:
    """The file's ClaimFile exactly as `validate.build` makes it with no problems; None otherwise."""
    if limits.max_depth < MIN_DEPTH or not plain_layout(text):
        return None
    at = _CLAIMS.search(text)
    if at is None:
        return None
    head_text, body = text[: at.start()], text[at.end():]
    if not body.endswith("\n"):
        body += "\n"
    if len(text) >= limits.max_nodes:
        return None  # every node takes a character at least: only a file this long can reach the limit
    head_lines = head_text.count("\n")
    problems: list = []
    try:  # the head may take any form (a block scalar in a note): the usual parser reads it
        root = parse(head_text, file, limits, problems=problems)
    except LoadError:
        return None
    head = build_head(root, file, claim_root) if not problems else None
    if head is None:
        return None
    source, entities = head
    try:
        items = _items(body, head_lines + 2)
    except _Other:
        return None
    if not items:
        return None
    names = {e.key: e for e in entities}
    claims, seen = [], set()
    # one object per distinct subject and predicate of the file (each claim's line gave a new
    # one): a tenth of the strings to keep, and a worker's pickle sends each once
    words: dict[str, str] = {e.key: e.key for e in entities}
    word = words.setdefault
    sid = source.id
    make, place = Claim._make, Position._make  # every field given, in order
    for i, item in enumerate(items):
        v = item.values
        if "subject" not in v or "predicate" not in v or "value" not in v:
            return None
        cid = v.get("id", "")
        if cid:
            if cid in seen:
                return None
            seen.add(cid)
        subject, predicate = word(v["subject"], v["subject"]), v["predicate"]
        entity = names.get(subject)
        claims.append(make(
            sid, i, place(file, item.line, item.col), subject, word(predicate, predicate), v["value"], cid,
            v.get("quote", ""), tuple(sorted(item.qualifiers.items())) if item.qualifiers else (),
            v.get("note", ""), entity.key if entity else "", entity.name if entity else subject, None,
        ))
    return ClaimFile(file, source, tuple(entities), tuple(claims), claim_root)


_FIRST_DASH = re.compile(r"(?: *(?:#[^\n]*)?\n)*( *)-( +)(?=[^ \n])")  # the first item's dash, past blank lines
_KEY_TEXT = r"[^\W\d][\w.\-]*(?: [\w.\-]+)*"  # a key: words with single spaces (of a claim, of a qualifier)
_SIMPLE = r"[A-Za-z_][\w.,'()/\-]*(?: [\w.,'()/\-]+)*"  # plain text that YAML reads as itself (but null)


@lru_cache(maxsize=32)
def _lines(dash_at: int, key_at: int) -> re.Pattern[str]:
    """One line of a list whose dashes are at `dash_at` and keys at `key_at`: (dash, key indent,
    deeper indent, key, "double quoted", simple plain, any other rest, a line outside the layout).
    Every line matches once (a blank or comment line with no group), so lines are counted."""
    return re.compile(
        rf"^(?:( {{{dash_at}}}-{' ' * (key_at - dash_at - 1)})|( {{{key_at}}})|( {{{key_at + 1},}}))"
        rf'({_KEY_TEXT}):(?: ("[^"\\\n]*")$| ({_SIMPLE})$|( .*)$|$)'
        r"|^ *(?:#.*)?$|^(.+)$",
        re.M,
    )


def _items(body: str, number: int) -> list[_Item]:  # noqa: C901 - one loop, kept flat for speed
    """The list's items with their values; raises _Other for anything outside the layout
    (every item's dash as the first one's, with as many spaces after it)."""
    first = _FIRST_DASH.match(body)
    if first is None:
        raise _Other
    dash_at = len(first[1])
    key_at = dash_at + 1 + len(first[2])
    items: list[_Item] = []
    item: _Item | None = None
    sub_at = -1  # the indent of an item's qualifiers
    in_sub = False  # after `qualifiers:`
    number -= 1
    for dash, _, deeper, key, quoted, simple, rest, other in _lines(dash_at, key_at).findall(body):
        number += 1
        if not key:
            if other:
                raise _Other
            continue  # a blank or comment line
        if in_sub and sub_at < 0 and not deeper:
            raise _Other  # `qualifiers:` with nothing below it
        if dash:
            in_sub = False
            item = _Item(number, key_at + 1)
            items.append(item)
        elif item is None:
            raise _Other
        elif deeper:
            if not in_sub or (sub_at >= 0 and len(deeper) != sub_at):
                raise _Other
            sub_at = len(deeper)
        else:
            in_sub = False
        if quoted:
            value: object = quoted[1:-1]  # the common cases: double quotes with no escape, then simple text
        elif simple:
            value = simple if simple not in _NULLS else _plain(simple, number, 0)  # a null is a Node, as below
        elif rest.strip(" "):  # a value in another style
            text = rest.lstrip(" ")
            value = _scalar(text, number, (len(deeper) if deeper else key_at) + len(key) + 1 + len(rest) - len(text))
        else:
            value = None
        if value == "":
            raise _Other  # an empty value, which validate reports
        if in_sub and deeper:
            subs = item.qualifiers
            if type(value) is Node:
                value = value.value
            if (value is None or type(value) is tuple or key in subs or key in _NULLS or len(key) > MAX_KEY
                    or key.startswith("x-")):
                raise _Other  # an empty or list value; a duplicate, dropped or odd key
            subs[key] = value
            continue
        if key == "qualifiers":
            if item.qualifiers is not None or value is not None or rest:
                raise _Other  # a duplicate; only a block mapping below the key is read here
            item.qualifiers, in_sub, sub_at = {}, True, -1
            continue
        values = item.values
        if key in values or key not in _KEYS:
            raise _Other  # a duplicate or unknown key
        if type(value) is not str:
            if type(value) is Node:  # a plain number (text keeps its digits as written), or null
                value = value.written if key in _TEXT_KEYS and value.written is not None else value.value
            if value is None or (type(value) is tuple and key in _TEXT_KEYS):
                raise _Other  # an empty value, or a list where text belongs
        values[key] = value
    if in_sub and sub_at < 0:
        raise _Other
    return items


def _scalar(text: str, number: int, col: int) -> object:
    """A value in a rarer style (`text`, at 0-based column `col`): text, a tuple (a flow
    list), or a Node for a plain number (which keeps its digits) or a null."""
    if text[0] in "\"'[":  # other quoted values and flow lists: _value reads them
        node = _value(text, number, col)
        if type(node.value) is not list:
            return node.value
        if not node.value or any(n.value in (None, "") for n in node.value):
            raise _Other  # an empty list or an empty item
        return tuple(n.value for n in node.value)
    m = _PLAIN_VALUE.match(text)
    if m is None or not _tail_ok(text[m.end():]):
        raise _Other
    value = m[0]
    if value[0] in _NUMBER_START or value in _NULLS:
        return _plain(value, number, 0)  # a number (with its digits) or a null
    return value
