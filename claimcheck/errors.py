"""Exit statuses and the one exception type for the user's mistakes."""

from __future__ import annotations

import re
from enum import IntEnum


class Exit(IntEnum):
    """claimcheck's exit statuses (documented in README.md)."""

    OK = 0  # clean: nothing found (at or above --fail-on)
    FINDINGS = 1  # findings: problems in the claims or discrepancies at or above --fail-on
    USAGE = 2  # usage error: bad option, missing path, bad configuration
    INPUT = 3  # input that could not be loaded: a claim file with errors
    INTERNAL = 4  # a bug in claimcheck


class UserError(Exception):
    """A mistake the user can fix; the message says what to do."""

    def __init__(self, message: str, status: Exit = Exit.USAGE) -> None:
        super().__init__(message)
        self.status = status


_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def printable(text: str) -> str:
    """User text made safe for a terminal or a log: control and bidi characters escaped.

    Also escaped: line and paragraph separators (U+2028, U+2029: some viewers break
    lines there) and lone surrogates (a file name that is not UTF-8 becomes one, and
    writing it out as UTF-8 would fail).
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
