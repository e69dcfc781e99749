"""The CLI against whole expected outputs (golden files in tests/golden/).

Each case runs one command through typer's CliRunner from the repository's
root and compares exit status, stdout and stderr with its golden file.
Regenerate after an intended change with: UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck import __version__
from claimcheck.cli import app

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"

CASES = [
    ("version", ["--version"], 0),
    ("validate-claims", ["validate", "claims"], 0),
    ("validate-bad", ["validate", "tests/cases/cli/bad"], 3),
    ("validate-misquote", ["validate", "tests/cases/cli/misquote"], 1),
    ("validate-nowhere", ["validate", "no/such/folder"], 2),
    ("validate-bad-option", ["validate", "--no-such-option"], 2),
    ("checks", ["checks"], 0),
]


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, prog_name="claimcheck")
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("name", "args", "status"), CASES, ids=[c[0] for c in CASES])
def test_golden(name: str, args: list[str], status: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run(args)
    got = f"$ claimcheck {' '.join(args)}\n--- exit\n{code}\n--- stdout\n{out}--- stderr\n{err}"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, "utf-8")
    assert code == status, got
    assert got == path.read_text("utf-8")


def test_default_path_is_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run(["validate"]) == run(["validate", "claims"])


def test_python_m_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"claimcheck {__version__}\n"
