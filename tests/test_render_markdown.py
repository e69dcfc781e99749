"""Markdown cells: user text cannot break a table or become a link, an image or HTML."""

from __future__ import annotations

import pytest

from claimcheck.render.markdown import cell

CASES = [
    ("a | b", "a \\| b"),
    ("line one\nline two", "line one<br>line two"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("![x](https://tracker.example/p.gif)", "!\\[x\\](https://tracker.example/p.gif)"),
    ("[click](https://evil.example)", "\\[click\\](https://evil.example)"),
    ("`code`", "\\`code\\`"),
    ("\x1b[2J", "\\\\u001b\\[2J"),  # escaped for the terminal, then for Markdown
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cell(text: str, expected: str) -> None:
    assert cell(text) == expected
