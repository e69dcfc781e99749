"""Files: reports are written atomically and never over an input; `text:` stays inside the claim set;
file names that are not UTF-8 do not crash anything."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import Format, app
from claimcheck.errors import UserError
from claimcheck.output import write_atomic
from claimcheck.read.load import load_paths

CLAIM = """source:
  id: {sid}
  text: {text}
claims:
  - subject: Xinjiang Jin
    predicate: age
    value: {age}
    quote: Jin, {age},
"""

needs_links = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="POSIX links")


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, prog_name="claimcheck")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def claim_set(tmp_path: Path) -> Path:
    """Two sources that disagree on an age, each with its text."""
    folder = tmp_path / "claims"
    (folder / "texts").mkdir(parents=True)
    for sid, age in (("wire", 39), ("paper", 40)):
        (folder / "texts" / f"{sid}.txt").write_text(f"Jin, {age}, was charged.\n")
        (folder / f"{sid}.yaml").write_text(CLAIM.format(sid=sid, text=f"texts/{sid}.txt", age=age))
    return folder


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".claimcheck-")]


# -- atomic writes ------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_an_interrupted_write_leaves_the_old_report_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    report = tmp_path / "report.md"
    report.write_text("old report\n")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt if where == "fsync" else OSError(28, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(*args, **kwargs):
            fh = real_fdopen(*args, **kwargs)
            real_write = fh.write

            class Half:
                def __getattr__(self, name):
                    return getattr(fh, name)

                def __enter__(self):
                    fh.__enter__()
                    return self

                def __exit__(self, *exc):
                    return fh.__exit__(*exc)

                def write(self, text):
                    real_write(text[: len(text) // 2])  # half of it reaches the temp file, then the disk is full
                    fh.flush()
                    boom()

            return Half()

        monkeypatch.setattr(os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(os, where, boom)
    with pytest.raises((OSError, KeyboardInterrupt)):
        write_atomic(str(report), "new report\n" * 1000)
    assert report.read_text() == "old report\n"
    assert _leftovers(tmp_path) == []


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old\n")
    write_atomic(str(report), "new\n")
    assert report.read_text() == "new\n" and _leftovers(tmp_path) == []


def test_a_new_report_is_readable_like_any_new_file(tmp_path: Path) -> None:
    """The temp file is owner-only (mkstemp); the report must not stay that way."""
    umask = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "new.md"), "x\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644


def test_a_rewritten_report_keeps_its_permissions(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old\n")
    report.chmod(0o640)
    write_atomic(str(report), "new\n")
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_text_that_is_not_utf8_encodable_is_still_written(tmp_path: Path) -> None:
    """A lone surrogate (a file name that is not UTF-8) is written escaped, not a crash half way."""
    write_atomic(str(tmp_path / "r.json"), json.dumps({"file": "caf\udce9.yaml"}, ensure_ascii=False))
    assert json.loads((tmp_path / "r.json").read_text())["file"] == "caf\udce9.yaml"


# -- never over an input ------------------------------------------------------------------


@needs_links
@pytest.mark.parametrize("target", ["claim file", "source text", "link to a claim file", "dotted path",
                                    "link to the folder", "config"])
def test_diff_refuses_to_write_over_an_input(claim_set: Path, tmp_path: Path, target: str) -> None:
    (claim_set / "claimcheck.toml").write_text('[options]\nmissing = false\n')
    os.symlink(claim_set / "wire.yaml", tmp_path / "link.yaml")
    os.symlink(claim_set, tmp_path / "also-claims")
    path = {
        "claim file": claim_set / "wire.yaml",
        "source text": claim_set / "texts" / "wire.txt",
        "link to a claim file": tmp_path / "link.yaml",
        "dotted path": claim_set / "texts" / ".." / "paper.yaml",
        "link to the folder": tmp_path / "also-claims" / "paper.yaml",
        "config": claim_set / "claimcheck.toml",
    }[target]
    before = {p: p.read_bytes() for p in claim_set.rglob("*") if p.is_file()}
    code, out, err = run(["diff", str(claim_set), "-f", "markdown", "-o", str(path)])
    assert code == 2, (code, err)
    assert "is one of the inputs; write the report somewhere else" in err
    assert {p: p.read_bytes() for p in claim_set.rglob("*") if p.is_file()} == before
    assert _leftovers(claim_set) == [] and _leftovers(claim_set / "texts") == []
    assert os.path.islink(tmp_path / "link.yaml")


@needs_links
def test_a_hard_link_to_an_input_is_replaced_not_written_through(claim_set: Path, tmp_path: Path) -> None:
    """os.replace swaps the name: the input's own file (the other link) keeps its bytes."""
    os.link(claim_set / "wire.yaml", tmp_path / "hard.yaml")
    before = (claim_set / "wire.yaml").read_bytes()
    code, _, err = run(["diff", str(claim_set), "-f", "json", "-o", str(tmp_path / "hard.yaml"), "--fail-on", "none"])
    assert code == 0, err
    assert (claim_set / "wire.yaml").read_bytes() == before
    assert json.loads((tmp_path / "hard.yaml").read_text())["schema_version"] == 1


def test_diff_writes_the_report_it_would_print(claim_set: Path, tmp_path: Path) -> None:
    code, printed, _ = run(["diff", str(claim_set), "-f", "json"])
    code2, out, err = run(["diff", str(claim_set), "-f", "json", "-o", str(tmp_path / "r.json")])
    assert code == code2 == 1 and out == "" and "written to" in err
    assert (tmp_path / "r.json").read_text() == printed
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(("target", "message"), [
    ("no/such/folder/r.md", "does not exist; create it first"),
    (".", "is a folder; give a file name for the report"),
])
def test_diff_output_that_cannot_be_a_file(claim_set: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           target: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["diff", str(claim_set), "-o", target])
    assert code == 2 and message in err


def test_write_atomic_refuses_inputs_directly(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x")
    with pytest.raises(UserError, match="is one of the inputs"):
        write_atomic(str(tmp_path / "a.yaml"), "y", [str(tmp_path / "." / "a.yaml")])
    assert (tmp_path / "a.yaml").read_text() == "x"


# -- text: paths stay inside the claim set ------------------------------------------------


@needs_links
@pytest.mark.parametrize(("text", "code", "words"), [
    ("../outside.txt", "source.text-outside", "leads outside the claim set's folder"),
    ("texts/../../outside.txt", "source.text-outside", "leads outside the claim set's folder"),
    ("{outside}", "source.text-outside", "must be relative to the claim file"),
    ("texts/link-out.txt", "source.text-outside", "leads outside the claim set's folder"),
    ("texts/dir-link/outside.txt", "source.text-outside", "leads outside the claim set's folder"),
    ("texts", "source.text-missing", "is a folder"),
    ("texts/pipe.txt", "source.text-missing", "is not a regular file"),
])
def test_text_cannot_leave_the_claim_set(claim_set: Path, tmp_path: Path, text: str, code: str, words: str) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("Jin, 39, SECRET-WORDS\n")
    os.symlink(secret, claim_set / "texts" / "link-out.txt")
    os.symlink(tmp_path, claim_set / "texts" / "dir-link")
    os.mkfifo(claim_set / "texts" / "pipe.txt")
    text = text.format(outside=secret)
    (claim_set / "wire.yaml").write_text(CLAIM.format(sid="wire", text=text, age=39))
    claim_set_loaded = load_paths([str(claim_set)])
    found = [(p.code, p.pos.line, p.pos.col, p.path) for p in claim_set_loaded.problems]
    assert (code, 3, 9, "source.text") in found, found
    code_, out, err = run(["validate", str(claim_set)])
    assert code_ == 3
    assert "wire.yaml:3:9: error: source.text: " in out and words in out and f"[{code}]" in out
    assert "SECRET" not in out + err  # the outside file was never read into a message


# -- file names that are not UTF-8 ----------------------------------------------------------

needs_bytes_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="byte file names (Linux)")


@pytest.fixture
def latin1_named_set(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    folder.mkdir()
    for name, age in ((b"caf\xe9.yaml", 39), (b"wire.yaml", 40)):
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(f"source: {{title: t}}\nclaims:\n  - {{subject: Xinjiang Jin, predicate: age, value: {age}}}\n"
                     .encode())
    return folder


@needs_bytes_names
def test_a_file_name_that_is_not_utf8_is_printed_escaped(latin1_named_set: Path) -> None:
    bad = latin1_named_set / "caf\udce9.yaml"
    bad.write_text("claims: [\n")  # a syntax error, so that the name is printed
    code, out, err = run(["validate", str(latin1_named_set)])
    assert code == 3
    assert "caf\\udce9.yaml:2:1: error:" in out and "\udce9" not in out + err


@needs_bytes_names
@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_a_report_naming_a_file_that_is_not_utf8_is_written(latin1_named_set: Path, tmp_path: Path,
                                                            fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    code, _, err = run(["diff", str(latin1_named_set), "-f", fmt, "-o", str(out), "--fail-on", "none"])
    assert code == 0, err
    text = out.read_text("utf-8")  # valid UTF-8: the byte is escaped
    assert "caf" in text and "\udce9" not in text


@needs_bytes_names
def test_json_to_stdout_naming_a_file_that_is_not_utf8(latin1_named_set: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "claimcheck", "diff", str(latin1_named_set), "-f", "json",
                           "--fail-on", "none"], capture_output=True, env={**os.environ,
                           "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}, check=False)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")[-500:]
    assert json.loads(done.stdout)["schema_version"] == 1


# -- links to claim files, and the size of source texts ---------------------------------------


@needs_links
def test_a_linked_claim_file_pointing_out_of_the_folder_is_not_read(claim_set: Path, tmp_path: Path) -> None:
    """A claim set passed around could link `x.yaml` to one of the reader's own files: not followed."""
    (tmp_path / "private").mkdir()
    secret = tmp_path / "private" / "notes.yaml"
    secret.write_text("source: {title: SECRET-TITLE}\nclaims:\n  - {subject: Jin, predicate: age, value: 41}\n")
    os.symlink(secret, claim_set / "x.yaml")
    os.symlink(claim_set / "wire.yaml", claim_set / "y-inside.yaml")  # a link inside the set is fine
    code, out, err = run(["validate", str(claim_set)])
    assert f"{claim_set / 'x.yaml'}:1:1: error: a link to a file outside the claim set's folder" in out
    assert code == 3 and "SECRET" not in out + err
    code, out, err = run(["diff", str(claim_set), "-f", "json"])
    assert code == 3 and "SECRET" not in out + err
    code, out, _ = run(["validate", str(claim_set / "x.yaml")])  # named on the command line: read
    assert code == 0, out


def test_a_huge_source_text_is_refused_like_a_huge_claim_file(claim_set: Path) -> None:
    with open(claim_set / "texts" / "wire.txt", "r+b") as fh:
        fh.truncate(17 * 1024 * 1024)  # sparse: 17 MB of nothing, over the 16 MB default cap
    code, out, err = run(["validate", str(claim_set)])
    assert code == 3 and "--max-file-size" in out + err


def test_a_deeply_nested_claimcheck_toml_is_a_config_error(claim_set: Path) -> None:
    (claim_set / "claimcheck.toml").write_text("[options]\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    result = CliRunner().invoke(app, ["diff", str(claim_set)], prog_name="claimcheck")
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert result.exit_code == 2 and "[config.invalid]" in result.stderr
