"""Writing draft claims as YAML that reads back exactly, and reading it back."""

from __future__ import annotations

import json
import os
import re

from claimcheck.read.validate import build
from claimcheck.read.yamlsafe import LoadError, parse
from claimcheck.records import ClaimFile, Problem

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .'()/&-]*\Z")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_KEEP = ("source.text-outside", "source.text-missing")  # a path checked where the file is written


def scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when that is safe, else a
    double-quoted (JSON-style) string."""
    if isinstance(value, bool):
        return json.dumps(str(value).lower())
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and text == text.strip() and "  " not in text:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for ch in ("\u2028", "\u2029", "\ufeff", "\x85"):  # line breaks and BOM to YAML, not characters
        quoted = quoted.replace(ch, f"\\u{ord(ch):04x}")
    return quoted


def claim_lines(fields: list[tuple[str, object]], indent: str) -> list[str]:
    """One claim as block YAML lines, the first starting with `indent` + "- "."""
    out = []
    for n, (key, value) in enumerate(fields):
        lead = f"{indent}- " if n == 0 else f"{indent}  "
        if key == "qualifiers" and isinstance(value, tuple):
            out.append(f"{lead}qualifiers:")
            out.extend(f"{indent}    {scalar(k)}: {scalar(v)}" for k, v in value)
        elif isinstance(value, tuple):
            out.append(f"{lead}{key}:")
            out.extend(f"{indent}    - {scalar(v)}" for v in value)
        else:
            out.append(f"{lead}{key}: {scalar(value)}")
    return out


def load_text(yaml_text: str, file: str) -> tuple[ClaimFile | None, list[Problem]]:
    """A claim file's text read as the loader reads it, as if it were `file`; a `text:`
    path that does not lead to a file from there is not a problem here (the draft is
    checked before it is written where that path is right)."""
    problems: list[Problem] = []
    try:
        root = parse(yaml_text, file, problems=problems)
    except LoadError as exc:
        return None, [exc.problem]
    claim_file, found = build(root, file, os.path.dirname(os.path.abspath(file)))
    return claim_file, [p for p in problems + found if p.code not in _KEEP]
