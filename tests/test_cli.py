"""The CLI against whole expected outputs (golden files in tests/golden/).

Each case runs one command through typer's CliRunner from the repository's
root and compares exit status, stdout and stderr with its golden file.
Regenerate after an intended change with: UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py
"""

from __future__ import annotations

import json
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
    ("diff-claims", ["diff", "claims"], 1),
    ("diff-claims-json", ["diff", "claims", "--format", "json"], 1),
    ("diff-claims-markdown", ["diff", "claims", "--format", "markdown", "--min-severity", "medium"], 1),
    ("diff-fail-on-none", ["diff", "claims", "--min-severity", "high", "--fail-on", "none"], 0),
    ("diff-bad-input", ["diff", "tests/cases/cli/bad"], 3),
    ("entities-claims", ["entities", "claims"], 0),
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


def test_output_written_atomically_and_never_over_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.json"
    code, stdout, stderr = run(["diff", "claims", "-f", "json", "-o", str(out)])
    assert code == 1 and stdout == "" and "written to" in stderr
    assert json.loads(out.read_text())["schema_version"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".claimcheck-")]
    before = (ROOT / "claims" / "techtarget.yaml").read_bytes()
    code, _, stderr = run(["diff", "claims", "-o", "claims/techtarget.yaml"])
    assert code == 2 and "is one of the inputs" in stderr
    assert (ROOT / "claims" / "techtarget.yaml").read_bytes() == before


def test_config_file(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    (tmp_path / "claims" / "claimcheck.toml").write_text(
        '[options]\nmin_severity = "high"\n\n[severity]\n"name.variant" = "low"\n'
    )
    code, out, _ = run(["diff", str(tmp_path / "claims"), "-f", "json"])
    doc = json.loads(out)
    assert {d["severity"] for d in doc["discrepancies"]} == {"high"}
    assert not [d for d in doc["discrepancies"] if d["code"] == "name.variant"]
    (tmp_path / "claims" / "claimcheck.toml").write_text('[options]\nmin_severty = "high"\n')
    code, out, err = run(["diff", str(tmp_path / "claims")])
    assert code == 2
    assert "claimcheck.toml:2:1: error: min_severty: unknown option 'min_severty'; did you mean 'min_severity'?" in err


def test_default_path_is_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run(["validate"]) == run(["validate", "claims"])


def test_python_m_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"claimcheck {__version__}\n"


def test_review_flow_through_the_cli(tmp_path: Path) -> None:
    """Decide with --set, rerun diff, add a claim, export: as a new user would."""
    import shutil

    claims = tmp_path / "claims"
    shutil.copytree(ROOT / "claims", claims)
    doc = json.loads(run(["diff", str(claims), "-f", "json"])[1])
    by_code = {d["code"]: d for d in doc["discrepancies"]}
    variant, inflated = by_code["name.variant"], by_code["title.inflated"]
    code, _, err = run(["review", str(claims), "--set", variant["id"], "--status", "confirmed",
                        "--wrong-source", variant["values"][-1]["source"], "--evidence", "https://example.org/x",
                        "--by", "tester", "--at", "2026-11-23T10:00:00Z"])
    assert code == 0, err
    code, _, err = run(["review", str(claims), "--set", inflated["id"], "--status", "accepted", "--by", "tester",
                        "--at", "2026-11-23T10:01:00Z"])
    assert code == 0, err
    assert (claims / "review.yaml").exists()
    after = json.loads(run(["diff", str(claims), "-f", "json"])[1])
    ids = {d["id"]: d for d in after["discrepancies"]}
    assert inflated["id"] not in ids and after["hidden"] == 1
    assert ids[variant["id"]]["review"]["status"] == "confirmed"
    with_all = json.loads(run(["diff", str(claims), "-f", "json", "--all"])[1])
    assert inflated["id"] in {d["id"] for d in with_all["discrepancies"]}
    path = claims / "techtarget.yaml"
    added = "claims:\n  - {subject: New Person, predicate: age, value: 50}\n"
    path.write_text(path.read_text().replace("claims:\n", added, 1))
    again = json.loads(run(["diff", str(claims), "-f", "json"])[1])
    assert again["stale"] == [] and variant["id"] in {d["id"] for d in again["discrepancies"]}
    (claims / "claimcheck.toml").write_text('[export]\norganization = "Check Desk"\nurl = "https://check.example.org"\n')
    code, out, err = run(["export", str(claims)])
    assert code == 0, err
    items = json.loads(out)
    assert len(items) == 1 and items[0]["@type"] == "ClaimReview"
    assert items[0]["author"] == {"@type": "Organization", "name": "Check Desk", "url": "https://check.example.org"}


def test_report_command_writes_html_and_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    page = tmp_path / "report.html"
    code, _, err = run(["report", "claims", "-o", str(page)])
    assert code == 0, err
    text = page.read_text()
    assert "Content-Security-Policy" in text and "Zom" in text and "<script src" not in text
    md = tmp_path / "report.md"
    assert run(["report", "claims", "-f", "markdown", "-o", str(md)])[0] == 0
    assert md.read_text().startswith("# claimcheck report")
    assert run(["report", "claims", "-o", "claims/techtarget.yaml"])[0] == 2


def test_extract_command_drafts_and_never_overwrites(tmp_path: Path) -> None:
    import shutil

    article = tmp_path / "story.txt"
    shutil.copy(ROOT / "claims" / "texts" / "techtarget.txt", article)
    out = tmp_path / "story.yaml"
    code, _, err = run(["extract", str(article), "-o", str(out)])
    assert code == 0 and "draft claims" in err, err
    assert run(["validate", str(tmp_path)])[0] == 0
    before = out.read_bytes()
    code, _, err = run(["extract", str(article), "-o", str(out)])
    assert code == 2 and "--merge" in err
    code, _, err = run(["extract", str(article), "-o", str(out), "--merge"])
    assert code == 0 and out.read_bytes() == before
    code, stdout, _ = run(["extract", str(article)])
    assert code == 0 and "x-status: draft" in stdout
