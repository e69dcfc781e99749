"""A fast reader for the block layout that nearly every claim file has.

`yamlsafe.parse` asks `read` first. It returns the very Node tree that the
event parser would build, or None the moment it meets anything outside the
layout below; then the event parser reads the file and reports whatever is
wrong with it. So a file reads the same either way, and only the common case
is fast (a third of the event parser's time: libyaml makes a Python object
per event and per mark; this reads a line with one regular expression).

Handled: block mappings and sequences indented with spaces (a list may sit
at its key's indent), plain keys, values on one line (plain, 'single' or
"double" quoted, with the escapes \\" and \\\\ only), comment lines and
comments after a value.

Anything else gives None: flow collections, block or multi-line scalars,
anchors, aliases, tags, quoted or non-text keys, other escapes, empty
values, an item on the line after its dash, document markers and
directives, tabs, line breaks other than \\n, duplicate keys, a limit reached.
tests/test_yamlfast.py holds it to the event parser's trees.
"""

from __future__ import annotations

import re

from claimcheck.yamlsafe import _NULLS, _NUMBER_START, Limits, Node, _number

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


# One line: indent, a dash, a key, then the commonest values (a plain scalar, or double
# quotes without escapes); `rest` is what follows: spaces and a comment, or a value of
# another style (single quotes, escapes, a flow list), read by _value.
_PLAIN = r"""[^\s"'\-?:,\[\]{}#&*!|>%@`](?:[^\n: #]|:(?=[^ \n])| +(?=[^ \n#])|(?<! )\#)*"""
_LINE = re.compile(
    r"(?P<indent> *)(?:(?P<dash>-)(?: +|(?=\n)))?(?:(?P<key>[^\W\d][\w.\-]*):(?: +|(?=\n)))?"
    r'(?:"(?P<quoted>[^"\\\n]*)"|(?P<plain>' + _PLAIN + r"))?(?P<rest>[^\n]*)\n"
)


def plain_layout(text: str) -> bool:
    """No tab, no line break but \\n, no document marker or directive: the layout may be read here."""
    return not (any(c in text for c in _UNHANDLED_CHARS) or text.startswith(_MARKERS) or any(
        "\n" + m in text for m in _MARKERS))  # plain `in` scans: a regex search cost 5x more


def read(text: str, limits: Limits = Limits()) -> Node | None:
    """The file's Node tree, exactly as the event parser builds it; None when not handled."""
    if not plain_layout(text):
        return None
    try:
        return _read(text if text.endswith("\n") else text + "\n", limits)
    except _Other:
        return None


def _read(text: str, limits: Limits) -> Node:  # noqa: C901 - one loop, kept flat for speed
    stack: list[list] = []  # open collections: [indent, node, is a sequence]
    pending: tuple[list, Node] | None = None  # (mapping frame, key) whose value starts below
    root = None
    nodes, max_nodes, max_depth = 0, limits.max_nodes, limits.max_depth
    number = 0
    for m in _LINE.finditer(text):  # every line matches (all its parts are optional): no gaps
        start = m.start()
        number += 1
        indent_text, dash, key, quoted, plain, rest = m.groups()
        indent = len(indent_text)
        value: Node | None = None
        if quoted is not None or plain is not None:
            if rest and not _tail_ok(rest):
                raise _Other  # text after a value that is not a comment
            if quoted is not None:  # the opening quote is the scalar's column
                value = Node(quoted, number, m.start(4) - start, True)
            elif plain[0] in _NUMBER_START or plain in _NULLS:
                value = _plain(plain, number, m.start(5) - start + 1)
            else:
                value = Node(plain, number, m.start(5) - start + 1)
            nodes += 1
        elif rest and rest[0] != "#":
            value = _value(rest, number, m.start(6) - start)
            nodes += len(value.value) + 1 if isinstance(value.value, list) else 1
        elif dash is None and key is None:
            continue  # a blank or comment line
        if dash is not None:  # a list item: find (or open) its list
            if pending is not None:
                if indent < pending[0][0]:
                    raise _Other  # an empty value
                seq = _below(pending, stack, Node([], number, indent + 1), indent, max_depth)
                pending = None
                nodes += 1
            else:
                while stack and stack[-1][0] > indent:
                    stack.pop()
                if not stack or stack[-1][0] != indent or not stack[-1][2]:
                    raise _Other
                seq = stack[-1][1]
            if key is None:
                if value is None or (type(value.value) is list and len(stack) >= max_depth):
                    raise _Other  # the item is on the next lines, or a list too deep
                seq.value.append(value)
                continue
            col = m.start(3) - start
            item = Node({}, number, col + 1)
            seq.value.append(item)
            if len(stack) >= max_depth:
                raise _Other
            stack.append([col, item, False])
            nodes += 1
            frame = stack[-1]
        elif key is None:
            raise _Other  # a scalar where a key belongs
        else:
            if root is None:
                root = Node({}, number, indent + 1)
                stack.append([indent, root, False])
                nodes += 1
            if pending is not None:
                if indent <= pending[0][0]:
                    raise _Other  # an empty value
                _below(pending, stack, Node({}, number, indent + 1), indent, max_depth)
                pending = None
                nodes += 1
            elif stack[-1][0] != indent or stack[-1][2]:  # not the next key of the open mapping
                while stack and (stack[-1][0] > indent or (stack[-1][0] == indent and stack[-1][2])):
                    stack.pop()
                if not stack or stack[-1][0] != indent:
                    raise _Other
            frame = stack[-1]
            col = indent
        mapping = frame[1].value
        if key in mapping or key in _NULLS or len(key) > MAX_KEY:
            raise _Other  # a duplicate key, a key that reads as null, or one too long for libyaml
        knode = Node(key, number, col + 1)
        nodes += 1
        if value is None:
            pending = (frame, knode)
        elif type(value.value) is list and len(stack) >= max_depth:
            raise _Other
        else:
            mapping[key] = (knode, value)
        if nodes > max_nodes:
            raise _Other
    if pending is not None or root is None:
        raise _Other  # an empty value at the end, or nothing at all
    return root


def _below(pending: tuple[list, Node], stack: list[list], node: Node, indent: int, max_depth: int) -> Node:
    """The pending key's value is the collection `node` that starts on this line: open it."""
    if len(stack) >= max_depth:
        raise _Other
    frame, key = pending
    frame[1].value[key.value] = (key, node)
    stack.append([indent, node, type(node.value) is list])
    return node


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
