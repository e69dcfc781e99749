"""Read one YAML file safely into position-carrying nodes.

PyYAML is used only as an event parser (libyaml's where present, the pure
one otherwise); the tree is built here, in one loop without recursion, so
that every hostile construct is refused before anything is built from it:
anchors and aliases (alias bombs), explicit tags, deep nesting, huge files,
duplicate and non-string keys, control characters, bytes that are not UTF-8.

Scalars keep the text as written: only plain scalars that are YAML numbers
become numbers (`39`, `-1.5`; not `010`, `1:20` or `.nan`), and such a node
still carries its text as `written` (`1e3`, `1.50`); plain `~`, `null` or
nothing become None; `yes`, `no`, `on`, `off`, `true` and dates stay text.

Lines are counted as YAML counts them (`\n`, `\r\n`, a lone `\r`, U+2028,
U+2029), so that every position in a message is the one the parser saw.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from claimcheck.records import Position, Problem

_Parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_LIBYAML_DEPTH = "exceeded maximum nesting depth"  # libyaml's own limit (1,000 levels), not the user's
PURE = yaml.SafeLoader

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z"
    r"|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_START = frozenset("0123456789+-.")  # the first character of every YAML number _number accepts
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_PLAIN_ASCII = bytes([9, 10, 13, *range(32, 127)])  # ASCII but _CONTROL's characters
_SURROGATE = re.compile("[\ud800-\udfff]")  # only from \\u escapes: decoded UTF-8 has none
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
MAX_BIDI_LISTED = 20  # bidirectional controls listed one by one per file; the rest are counted
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "seq", "map")}


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep hostile files cheap to refuse; each has a CLI option."""

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 32
    max_nodes: int = 2_000_000


@dataclass(slots=True)
class Node:
    """A YAML node with its place: `value` is a scalar, a list of Nodes, or a
    dict from key to (key Node, value Node)."""

    value: object
    line: int
    col: int
    quoted: bool = False
    written: str | None = None  # the scalar as written, when it became a number

    @property
    def kind(self) -> str:
        v = self.value
        return "mapping" if isinstance(v, dict) else "sequence" if isinstance(v, list) else "scalar"


class LoadError(Exception):
    """A file that cannot be read as a claim-file YAML document."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _positions(text: str, indices: list[int]) -> list[tuple[int, int]]:
    """1-based (line, column) of ascending offsets in `text`, in one pass."""
    out, line, start, pos = [], 1, 0, 0
    for index in indices:
        for m in _BREAK.finditer(text, pos, index):
            line, start = line + 1, m.end()
        pos = index
        out.append((line, index - start + 1))
    return out


def _line_col(text: str, index: int) -> tuple[int, int]:
    return _positions(text, [index])[0]


def show(text: object, limit: int = 60) -> str:
    """User text quoted for a message, cut to `limit` characters (a key can be megabytes long)."""
    text = str(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


def _fail(file: str, line: int, col: int, code: str, message: str, path: str = "") -> LoadError:
    return LoadError(Problem(Position(file, line, col), code, message, path))


def decode(
    data: bytes, file: str, limits: Limits = Limits(), size: int | None = None
) -> tuple[str, list[Problem]]:
    """Bytes -> text, refusing what is not UTF-8 or carries control characters.

    `size` is the whole file's size when `data` was read only up to the cap.
    Returns the text and warnings (bidirectional controls); raises LoadError.
    """
    if max(size or 0, len(data)) > limits.max_bytes:
        what = f"{size:,} bytes" if size is not None else f"more than {limits.max_bytes:,} bytes"
        raise _fail(
            file, 1, 1, "file.too-large",
            f"file is {what}, over the limit of {limits.max_bytes:,} bytes"
            f" ({limits.max_bytes / 2**20:g} MB); raise it with --max-file-size",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8")  # valid: the first bad byte is at exc.start
        line, col = _line_col(head, len(head))
        raise _fail(
            file, line, col, "file.encoding",
            f"not UTF-8 (byte 0x{data[exc.start]:02x}) at {line}:{col}; save the file as UTF-8",
        ) from None
    if text.isascii() and not data.translate(None, _PLAIN_ASCII):
        return text, []  # the common case, in two C loops: no control character, no bidi control
    bad = _CONTROL.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        raise _fail(
            file, line, col, "file.control-char",
            f"control character U+{ord(bad.group()):04X} is not allowed; remove it",
        )
    found = list(itertools.islice(_BIDI.finditer(text), MAX_BIDI_LISTED + 1))
    if not found:
        return text, []
    places = _positions(text, [m.start() for m in found])
    listed = zip(places[:MAX_BIDI_LISTED], found[:MAX_BIDI_LISTED], strict=True)
    warnings = [_bidi(Position(file, *at), m.group()) for at, m in listed]
    if len(found) > MAX_BIDI_LISTED:
        more = len(_BIDI.findall(text, found[-1].start()))
        warnings.append(Problem(
            Position(file, *places[-1]), "file.bidi",
            f"{more:,} more bidirectional controls from here on are not listed one by one;"
            " remove them unless they are needed", severity="warning",
        ))
    return text, warnings


def _bidi(pos: Position, char: str, how: str = "") -> Problem:
    return Problem(
        pos, "file.bidi",
        f"bidirectional control U+{ord(char):04X}{how} can make text display"
        " differently from what it says; remove it unless it is needed",
        severity="warning",
    )


def _scalar(ev: yaml.ScalarEvent, file: str) -> Node:
    """A scalar event -> its Node; text from escapes is checked like raw text."""
    text = ev.value
    tag = ev.tag
    mark = ev.start_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    quoted = not ev.implicit[0]  # quoted, block or tagged: never null, never a number by itself
    if tag and tag != "!":
        if tag not in _ALLOWED_TAGS:
            raise _fail(file, line, col, "yaml.tag",
                        f"explicit tag {show(tag)} is not allowed; remove it (only !!str, !!int, !!float)")
        if not tag.endswith(":str"):
            number = _number(text)
            if number is None:
                raise _fail(file, line, col, "yaml.tag", f"{show(text)} is not a number; remove the tag {show(tag)}")
            return Node(number, line, col, True, text)
    elif not quoted:
        if text in _NULLS:
            return Node(None, line, col)
        number = _number(text)
        if number is not None:
            return Node(number, line, col, False, text)
    if quoted:  # only escapes in quoted scalars can make what decode() did not see
        bad = _CONTROL.search(text)
        if bad:
            raise _fail(file, line, col, "file.control-char",
                        f"control character U+{ord(bad.group()):04X} (from an escape) is not allowed; remove it")
        bad = _SURROGATE.search(text)
        if bad:
            raise _fail(file, line, col, "yaml.syntax",
                        f"invalid YAML: \\u{ord(bad.group()):04x} is half of a UTF-16 pair, not a character;"
                        " write the character itself")
    return Node(text, line, col, quoted)


def _escaped_bidi(node: Node, ev: yaml.ScalarEvent, text: str) -> str:
    """A bidirectional control that an escape (`"\\u202e"`) put in the scalar, or ""."""
    value = node.value
    if not isinstance(value, str) or not _BIDI.search(value):
        return ""
    start, end = ev.start_mark, ev.end_mark
    raw = Counter(_BIDI.findall(text, start.index, end.index)) if start and end else Counter()
    made = Counter(_BIDI.findall(value)) - raw
    return min(made) if made else ""


def _number(text: str) -> int | float | None:
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        number = float(text)
        return number if math.isfinite(number) else None  # 1e999 stays text: JSON has no infinity
    return None


def _syntax_problem(exc: yaml.YAMLError, file: str, text: str) -> LoadError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "end of stream" in str(getattr(exc, "problem", "")) and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    lines = _BREAK.split(text, maxsplit=line)
    here = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if here == "\t" or (problem and "'\\t'" in problem):
        return _fail(file, line, col, "yaml.tab", "tabs cannot indent YAML; use spaces")
    context = getattr(exc, "context", None)
    msg = f"{context}: {problem}" if context else problem
    return _fail(file, line, col, "yaml.syntax", f"invalid YAML: {msg}")


def parse(
    text: str, file: str, limits: Limits = Limits(), pure: bool = False,
    problems: list[Problem] | None = None,
) -> Node:
    """Text of one YAML document -> its root Node; raises LoadError.

    (Plain claim files are read straight into records by claimcheck.read.loadfast first.)

    Problems that do not stop the reading (duplicate keys: the first is kept)
    are appended to `problems`. The loop is the hot path of loading a large
    claim set: plain and quoted text take a short road, and only double-quoted
    scalars (the one style with escapes) are checked again for what decode()
    could not see.
    """
    problems = [] if problems is None else problems
    found_before = len(problems)
    loader = (PURE if pure else _Parser)(text)
    get_event = loader.get_event
    stack: list[list] = []  # frames: [node, pending key node or None, is a sequence]
    root: Node | None = None
    documents = 0
    nodes = 0
    max_nodes, max_depth = limits.max_nodes, limits.max_depth
    bidi_listed = 0  # warnings for bidirectional controls made by escapes (raw ones: decode())
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        while True:
            ev = get_event()
            if ev is None:
                break
            cls = type(ev)
            if cls is scalar_event or cls is mapping_start or cls is sequence_start:
                mark = ev.start_mark
                line, col = mark.line + 1, mark.column + 1
                if ev.anchor is not None:
                    raise _fail(file, line, col, "yaml.anchor",
                                f"anchor &{show(ev.anchor)[1:-1]} is not allowed; write the value out")
                nodes += 1
                if nodes > max_nodes:
                    raise _fail(file, line, col, "file.too-many-nodes",
                                f"more than {max_nodes:,} YAML nodes;"
                                " raise the limit with --max-nodes")
                if cls is scalar_event:
                    value = ev.value
                    if ev.implicit[0] and ev.tag is None:  # plain: text, null or a number
                        if value in _NULLS:
                            node = Node(None, line, col)
                        elif value[0] in _NUMBER_START and (number := _number(value)) is not None:
                            node = Node(number, line, col, False, value)
                        else:
                            node = Node(value, line, col)
                    elif ev.tag is not None or (
                            ev.style == '"' and text.find("\\", mark.index, ev.end_mark.index) >= 0):
                        node = _scalar(ev, file)
                        made = node.quoted and bidi_listed < MAX_BIDI_LISTED and _escaped_bidi(node, ev, text)
                        if made:
                            bidi_listed += 1
                            problems.append(_bidi(Position(file, line, col), made, " (from an escape)"))
                    else:  # quoted without escapes, or block text: decode() saw every character
                        node = Node(value, line, col, True)
                else:
                    tag = ev.tag
                    if tag and tag != "!" and tag not in _ALLOWED_TAGS:
                        raise _fail(file, line, col, "yaml.tag",
                                    f"explicit tag {show(tag)} is not allowed; remove it")
                    if len(stack) >= max_depth:
                        raise _fail(file, line, col, "yaml.depth",
                                    f"nested deeper than {max_depth} levels;"
                                    " raise the limit with --max-depth")
                    node = Node({} if cls is mapping_start else [], line, col)
                if stack:
                    frame = stack[-1]
                    if frame[2]:
                        frame[0].value.append(node)
                    else:
                        _attach(stack, frame, node, file, problems)
                if cls is not scalar_event:
                    stack.append([node, None, cls is sequence_start])
                elif not stack:
                    root = node
            elif cls is mapping_end or cls is sequence_end:
                node = stack.pop()[0]
                if not stack:
                    root = node
            elif cls is yaml.AliasEvent:
                mark = ev.start_mark
                raise _fail(file, mark.line + 1, mark.column + 1, "yaml.alias",
                            f"alias *{show(ev.anchor)[1:-1]} is not allowed; write the value out")
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = ev.start_mark
                    raise _fail(file, mark.line + 1, mark.column + 1, "yaml.documents",
                                "more than one YAML document; use one document per file")
    except yaml.YAMLError as exc:
        if not pure and _LIBYAML_DEPTH in str(getattr(exc, "problem", "")):
            # libyaml 0.2.6 (PyYAML 6.0.4) refuses flow nesting past 1,000 levels while scanning
            # ahead, before the events reach the depth check here: the pure parser reads on, so
            # the file gets its own yaml.depth at the right place, or loads under a raised --max-depth
            del problems[found_before:]
            return parse(text, file, limits, pure=True, problems=problems)
        raise _syntax_problem(exc, file, text) from None
    except (ValueError, OverflowError):  # the pure scanner: chr() of an escape out of range
        mark = loader.get_mark() if hasattr(loader, "get_mark") else None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _fail(file, line, col, "yaml.syntax",
                    "invalid YAML: found invalid Unicode character escape code") from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose:
            dispose()
    if root is None or root.value is None:
        raise _fail(file, 1, 1, "file.empty",
                    "the file is empty; a claim file needs `source:` and `claims:`")
    return root


_SKIP = Node(None, 0, 0)


def _path(stack: list[list], last: str) -> str:
    """The dotted path of the key being read (for messages only)."""
    parts = []
    for node, *_ in stack[:-1]:
        if isinstance(node.value, list):
            parts.append(f"[{len(node.value) - 1}]")
        elif node.value:
            parts.append("." + next(reversed(node.value)))
    parts.append("." + last)
    return "".join(parts).lstrip(".")


def _attach(stack: list[list], frame: list, node: Node, file: str, problems: list[Problem]) -> None:
    """Put `node` in the mapping being read: as its next key, or as the pending key's value."""
    parent = frame[0]
    key = frame[1]
    if key is None:  # this node is a key
        if not isinstance(node.value, str):  # a collection, null, number, also `!!int 1:`
            raise _fail(file, node.line, node.col, "yaml.key",
                        "keys must be text; quote the key or rename it")
        if node.value == "<<" and not node.quoted:
            raise _fail(file, node.line, node.col, "yaml.merge",
                        "merge keys (<<) are not allowed; write the keys out")
        first = parent.value.get(node.value)
        if first is not None:
            problems.append(Problem(
                Position(file, node.line, node.col), "yaml.duplicate-key",
                f"duplicate key {show(node.value)} (first at line {first[0].line}); keep one of them",
                _path(stack, str(node.value)),
            ))
            node = _SKIP
        frame[1] = node
    else:
        if key is not _SKIP:
            parent.value[key.value] = (key, node)
        frame[1] = None


def plain(node: Node) -> object:
    """A parsed tree as plain Python values (dicts, lists, scalars as written), for shipped tables."""
    value = node.value
    if isinstance(value, dict):
        return {key: plain(v) for key, (_k, v) in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
