"""Hostile input, case by case: one file per case in tests/hostile/, plus big ones made here.

Every row of both tables in hostile-inputs.md has cases (`test_every_row_has_cases`).
A corpus file starts with comment lines:

    # expect: <code> <line>:<col> [<path>]     or  # expect: nothing
    # pure: <code> <line>:<col> | nothing      the pure parser's outcome, where it differs
    # stdout: <text>                           must appear in `claimcheck validate`'s output
    # status: <n>                              validate's exit status, when not implied by the code
    # any other comment says why

Each case runs through the loader with libyaml and with the pure parser, and through
`claimcheck validate` and `claimcheck diff` (CliRunner): documented exit status (3 for
input that cannot be loaded), `file:line:col` and `[code]` on one line of the output, no
traceback, no control or bidi character in what is printed. Bombs (aliases, depth,
size) must be refused in well under a second: a safety bound, not a benchmark.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.checks import REGISTRY
from claimcheck.cli import app
from claimcheck.read.load import load_file
from claimcheck.read.yamlsafe import Limits

HOSTILE = Path(__file__).parent / "hostile"
CORPUS = sorted(HOSTILE.glob("*.yaml"))
BOMB_ROWS = ("alias", "deep", "size")
BOUND_S = 1.0

# Rows of hostile-inputs.md (first table, then the output table) -> file-name prefix of their cases.
ROWS = {
    "alias": "anchors, aliases, merge keys (billion laughs)",
    "deep": "deep nesting",
    "tag": "explicit tags",
    "dupkey": "duplicate keys",
    "key": "non-string keys",
    "scalar": "no/yes/on/off/dates/010/1:20/.nan kept as written",
    "date": "invalid date such as 2020-02-30",
    "bytes": "not UTF-8, NUL, raw ESC, BOM (and line ends)",
    "escape": "control characters by escape, bidi overrides, U+FFFE",
    "doc": "empty file, comments only, top-level list, two documents",
    "tab": "tabs for indentation",
    "size": "very large file (and the node cap)",
    "textpath": "text: path outside the claim set",
    "echo": "terminal: error messages that echo hostile keys and values",
}
# The other output rows (terminal rendering, Markdown, JSON, HTML, writing reports) are
# held by tests/test_properties.py and tests/test_files.py.

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_HEADER = re.compile(r"#\s*(expect|pure|stdout|status):\s*(.*)")
_EXPECT = re.compile(r"(nothing)|(\S+)\s+(\d+):(\d+)(?:\s+(\S+))?\Z")


@dataclass
class Case:
    name: str
    path: Path
    expect: tuple | None  # (code, line, col, path) or None for "nothing"
    pure: tuple | None
    stdout: list[str] = field(default_factory=list)
    status: int | None = None
    args: list[str] = field(default_factory=list)
    target: Path | None = None  # what the CLI is given (default: the file itself)

    @property
    def row(self) -> str:
        return self.name.split("-", 1)[0]

    @property
    def bomb(self) -> bool:
        """Refused for its size or shape: must be refused in well under a second."""
        return self.row in BOMB_ROWS and self.expect is not None

    def validate_status(self) -> int:
        if self.status is not None:
            return self.status
        if self.expect is None:
            return 0
        return 3 if REGISTRY[self.expect[0]].severity == "error" else 1


def _expectation(text: str) -> tuple | None:
    m = _EXPECT.match(text.strip())
    assert m, f"bad expectation {text!r}"
    return None if m[1] else (m[2], int(m[3]), int(m[4]), m[5] or "")


def read_case(path: Path) -> Case:
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    fields: dict[str, list[str]] = {}
    for raw in re.split(rb"\r\n|\r|\n", data):
        if not raw.startswith(b"#"):
            break
        m = _HEADER.match(raw.decode("utf-8", "replace"))
        if m:
            fields.setdefault(m[1], []).append(m[2])
    assert "expect" in fields, f"{path.name}: first line must be '# expect: ...'"
    expect = _expectation(fields["expect"][0])
    pure = _expectation(fields["pure"][0]) if "pure" in fields else expect
    status = int(fields["status"][0]) if "status" in fields else None
    return Case(path.stem, path, expect, pure, fields.get("stdout", []), status)


def _found(expect: tuple | None, problems) -> bool:
    if expect is None:
        return problems == []
    code, line, col, path = expect
    return any((p.code, p.pos.line, p.pos.col) == (code, line, col) and (not path or p.path == path) for p in problems)


def _invoke(args: list[str]):
    start = time.perf_counter()
    result = CliRunner().invoke(app, args, prog_name="claimcheck")
    return result, time.perf_counter() - start


def _assert_clean_output(result, command: str) -> str:
    out = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
    assert "Traceback" not in out, (command, out)
    bad = _UNPRINTABLE.search(out)
    assert bad is None, f"{command}: unescaped U+{ord(bad.group()):04X} printed: {out!r}"
    return out


def _assert_names_position(case: Case, out: str, command: str) -> None:
    code, line, col, _ = case.expect
    where = f"{case.path}:{line}:{col}: "
    assert any(where in row and f"[{code}]" in row for row in out.splitlines()), (command, where, code, out[:2000])


def check(case: Case) -> None:
    """The whole contract for one hostile file."""
    root = str(case.path.parent)
    target = str(case.target or case.path)
    for pure, expect in ((False, case.expect), (True, case.pure)):
        start = time.perf_counter()
        _, problems = load_file(str(case.path), root, _limits(case.args), pure=pure)
        took = time.perf_counter() - start
        assert _found(expect, problems), (("pure" if pure else "libyaml"), expect, [str(p) for p in problems])
        assert all(p.pos.line >= 1 and p.pos.col >= 1 for p in problems)
        if case.bomb:
            assert took < BOUND_S, f"{case.name}: loading took {took:.2f} s"

    status = case.validate_status()
    result, took = _invoke(["validate", target, *case.args])
    out = _assert_clean_output(result, "validate")
    assert result.exit_code == status, (result.exit_code, status, out[:2000])
    if case.expect is not None:
        _assert_names_position(case, out, "validate")
    for text in case.stdout:
        assert text in out, (text, out[:2000])
    if case.bomb:
        assert took < BOUND_S, f"{case.name}: validate took {took:.2f} s"

    result, took = _invoke(["diff", target, *case.args])
    out = _assert_clean_output(result, "diff")
    assert result.exit_code == (3 if status == 3 else 0), (result.exit_code, out[:2000])
    if case.expect is not None:
        _assert_names_position(case, out, "diff")
    if case.bomb:
        assert took < BOUND_S, f"{case.name}: diff took {took:.2f} s"


def _limits(args: list[str]) -> Limits:
    """The CLI's limit options as load_file's Limits (for the in-process half of a check)."""
    opts = dict(zip(args[::2], args[1::2], strict=True))
    return Limits(
        max_bytes=int(opts.get("--max-file-size", 16)) * 1024 * 1024,
        max_depth=int(opts.get("--max-depth", 32)),
        max_nodes=int(opts.get("--max-nodes", 2_000_000)),
    )


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Import what a command imports once, so that time bounds measure the work, not imports."""
    _invoke(["validate", str(HOSTILE / "scalar-kept-as-written.yaml")])
    _invoke(["diff", str(HOSTILE / "scalar-kept-as-written.yaml")])


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus(path: Path) -> None:
    check(read_case(path))


# -- cases made at test time: too big to commit, or links, pipes and folders ----------------

_CLAIMS = "claims:\n  - subject: Jin\n    predicate: age\n    value: 39\n"


def _deep_brackets(tmp: Path) -> Case:
    path = tmp / "deep.yaml"
    path.write_text("x: " + "[" * 100_000 + "\n")  # 100 KB of [
    return Case("deep-100kb-brackets", path, ("yaml.depth", 1, 35, ""), ("yaml.depth", 1, 35, ""))


def _deep_indent(tmp: Path) -> Case:
    lines, size, i = [], 0, 0
    while size < 100_000:  # ~100 KB of ever deeper indented keys
        lines.append(" " * i + f"k{i}:\n")
        size += len(lines[-1])
        i += 1
    path = tmp / "deep-indent.yaml"
    path.write_text("".join(lines) + " " * i + "end\n")
    return Case("deep-100kb-indented", path, ("yaml.depth", 33, 33, ""), ("yaml.depth", 33, 33, ""))


def _size_40mb(tmp: Path) -> Case:
    path = tmp / "big.yaml"
    row = b"  - {subject: Jin, predicate: age, value: 39}\n"
    with open(path, "wb") as fh:
        fh.write(b"source: {title: t}\nclaims:\n" + row * (40 * 1024 * 1024 // len(row) + 1))
    return Case("size-40mb", path, ("file.too-large", 1, 1, ""), ("file.too-large", 1, 1, ""),
                stdout=["raise it with --max-file-size", "over the limit of 16,777,216 bytes (16 MB)"])


def _just_over(tmp: Path, extra: int) -> Path:
    head = ("source: {title: t}\n" + _CLAIMS + "x-pad: ").encode()
    path = tmp / f"pad{extra}.yaml"
    path.write_bytes(head + b"a" * (1024 * 1024 - len(head) - 1 + extra) + b"\n")
    assert path.stat().st_size == 1024 * 1024 + extra
    return path


def _size_over_lowered_cap(tmp: Path) -> Case:
    exp = ("file.too-large", 1, 1, "")
    return Case("size-one-byte-over-1mb", _just_over(tmp, 1), exp, exp,
                stdout=["file is 1,048,577 bytes, over the limit of 1,048,576 bytes (1 MB)"],
                args=["--max-file-size", "1"])


def _size_at_lowered_cap(tmp: Path) -> Case:
    return Case("size-exactly-1mb-ok", _just_over(tmp, 0), None, None, args=["--max-file-size", "1"])


def _size_nodes(tmp: Path) -> Case:
    path = tmp / "nodes.yaml"
    path.write_text("source: {title: t}\n" + _CLAIMS + "x-many: [" + ", ".join(["1"] * 200) + "]\n")
    # 16 nodes before the list's items (root, 2 keys with a 2-key mapping, ...), so the 101st is item 84
    exp = ("file.too-many-nodes", 6, len("x-many: [") + 3 * 84 + 1, "")
    return Case("size-too-many-nodes", path, exp, exp, args=["--max-nodes", "100"])


def _empty(tmp: Path) -> Case:
    path = tmp / "empty.yaml"
    path.write_bytes(b"")
    exp = ("file.empty", 1, 1, "")
    return Case("doc-empty-file", path, exp, exp, stdout=["the file is empty"])


def _bom_only(tmp: Path) -> Case:
    path = tmp / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf")
    return Case("doc-bom-only", path, ("file.empty", 1, 1, ""), ("file.empty", 1, 1, ""))


def _claim_set(tmp: Path, text_line: str) -> Path:
    folder = tmp / "set"
    (folder / "texts").mkdir(parents=True, exist_ok=True)
    path = folder / "a.yaml"
    path.write_text(f"source:\n  text: {text_line}\n" + _CLAIMS)
    return path


def _text_link_out(tmp: Path) -> Case:
    (tmp / "outside.txt").write_text("a secret\n")
    path = _claim_set(tmp, "texts/link.txt")
    os.symlink(tmp / "outside.txt", path.parent / "texts" / "link.txt")
    exp = ("source.text-outside", 2, 9, "source.text")
    return Case("textpath-symlink-pointing-out", path, exp, exp, stdout=["leads outside the claim set's folder"])


def _text_link_in(tmp: Path) -> Case:
    path = _claim_set(tmp, "texts/link.txt")
    (path.parent / "texts" / "real.txt").write_text("Jin is 39.\n")
    os.symlink(path.parent / "texts" / "real.txt", path.parent / "texts" / "link.txt")
    return Case("textpath-symlink-inside-ok", path, None, None)


def _text_folder_link_out(tmp: Path) -> Case:
    (tmp / "elsewhere").mkdir()
    (tmp / "elsewhere" / "t.txt").write_text("x\n")
    path = _claim_set(tmp, "texts/away/t.txt")
    os.symlink(tmp / "elsewhere", path.parent / "texts" / "away")
    exp = ("source.text-outside", 2, 9, "source.text")
    return Case("textpath-folder-link-pointing-out", path, exp, exp)


def _text_fifo(tmp: Path) -> Case:
    path = _claim_set(tmp, "texts/pipe.txt")
    os.mkfifo(path.parent / "texts" / "pipe.txt")
    exp = ("source.text-missing", 2, 9, "source.text")
    return Case("textpath-pipe", path, exp, exp, stdout=["is not a regular file"])


def _claim_file_fifo(tmp: Path) -> Case:
    """A pipe named like a claim file in a claim folder: reading it blocked forever before."""
    os.mkfifo(tmp / "pipe.yaml")
    exp = ("file.unreadable", 1, 1, "")
    return Case("size-pipe-as-claim-file", tmp / "pipe.yaml", exp, exp, stdout=["not a regular file"], target=tmp)


def _bidi_flood(tmp: Path) -> Case:
    """100,000 bidi controls on one line: finding their positions took quadratic time (minutes)."""
    path = tmp / "bidi.yaml"
    path.write_text("source:\n  title: " + "\u202e" * 100_000 + "\n" + _CLAIMS)
    exp = ("file.bidi", 2, 10, "")
    return Case("size-bidi-flood", path, exp, exp, stdout=["99,980 more bidirectional controls from here on"])


GENERATED = {
    "deep-100kb-brackets": _deep_brackets,
    "deep-100kb-indented": _deep_indent,
    "size-40mb": _size_40mb,
    "size-one-byte-over-1mb": _size_over_lowered_cap,
    "size-exactly-1mb-ok": _size_at_lowered_cap,
    "size-too-many-nodes": _size_nodes,
    "size-pipe-as-claim-file": _claim_file_fifo,
    "size-bidi-flood": _bidi_flood,
    "doc-empty-file": _empty,
    "doc-bom-only": _bom_only,
    "textpath-symlink-pointing-out": _text_link_out,
    "textpath-symlink-inside-ok": _text_link_in,
    "textpath-folder-link-pointing-out": _text_folder_link_out,
    "textpath-pipe": _text_fifo,
}


@pytest.mark.parametrize("name", list(GENERATED))
def test_generated(name: str, tmp_path: Path) -> None:
    if ("pipe" in name or "symlink" in name or "link" in name) and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes or links here")
    case = GENERATED[name](tmp_path)
    assert case.name == name
    check(case)


def test_every_row_has_cases() -> None:
    rows = [n.split("-", 1)[0] for n in [p.stem for p in CORPUS] + list(GENERATED)]
    assert set(ROWS) - set(rows) == set(), "a row of hostile-inputs.md without a case"
    assert set(rows) - set(ROWS) == set(), "a case whose name starts with no known row"


def test_corpus_counts_per_row() -> None:
    """Prints the number of cases per row with `pytest -s` (for the report); every row has some."""
    names = [p.stem for p in CORPUS] + list(GENERATED)
    counts = {row: sum(n.startswith(row + "-") for n in names) for row in ROWS}
    assert all(counts.values())
    print("\n" + "\n".join(f"{row:9} {n:3}  {ROWS[row]}" for row, n in counts.items()))


# -- values as written -------------------------------------------------------------------


def test_scalars_kept_as_written() -> None:
    claim_file, problems = load_file(str(HOSTILE / "scalar-kept-as-written.yaml"), str(HOSTILE))
    assert problems == []
    assert claim_file.source.id == "1.10"  # not 1.1
    assert claim_file.source.title == "1e3"  # not 1000.0
    values = [c.value for c in claim_file.claims]
    assert values == [
        "1:20", ".nan", "010", "yes", "no", "on", "off", "true", "2020-12-18", "0x1F", "0o17", "1_000",
        "+.inf", "-.inf", ".NaN", "1e999", 39, -1.5, 1000.0, "12:30:45", "39", 1, 1.5,
    ]  # documented: only plain YAML numbers become numbers (39, -1.5, 1e3); nothing else changes


def test_latin1_message_exactly() -> None:
    _, problems = load_file(str(HOSTILE / "bytes-latin1.yaml"), str(HOSTILE))
    assert [p.message for p in problems] == ["not UTF-8 (byte 0xe9) at 4:10; save the file as UTF-8"]


# -- crash isolation: the deep case in its own process ------------------------------------


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.mark.parametrize(("levels", "extra"), [
    (100_000, []),
    # libyaml's own composer recursion dies near 25,000 levels; we build from events, without recursion,
    # so 30,000 levels are built (and freed) and the file is refused with a message at its end.
    # 100,000 levels with this limit work too, but libyaml's scanner is quadratic in flow depth
    # (~20 s): set CLAIMCHECK_SLOW=1 to run that one.
    (30_000, ["--max-depth", "100000"]),
    pytest.param(100_000, ["--max-depth", "100000"], marks=pytest.mark.skipif(
        not os.environ.get("CLAIMCHECK_SLOW"), reason="~20 s in libyaml's scanner; CLAIMCHECK_SLOW=1 runs it")),
], ids=["100kb-default", "30k-levels-max-depth-100000", "100kb-max-depth-100000"])
def test_deep_nesting_in_a_subprocess(tmp_path: Path, levels: int, extra: list[str]) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("x: " + "[" * levels + "\n")
    done = _run(["validate", str(path), *extra], timeout=120)
    assert done.returncode >= 0, f"killed by signal {-done.returncode}"
    assert done.returncode == 3
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error: .*\[yaml\.(depth|syntax)\]", done.stdout), done.stdout
    assert "Traceback" not in done.stderr




@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize(("levels", "max_depth", "expect"), [
    (1_100, 2_000, None),  # past libyaml 0.2.6's own 1,000 levels: loads under a raised limit
    (1_100, 32, ("yaml.depth", 1, 33)),  # refused at the user's limit, where it is crossed
    (40, 32, ("yaml.depth", 1, 33)),  # within libyaml's limit: its events reach the check
])
def test_flow_nesting_is_judged_by_the_users_limit(levels: int, max_depth: int, expect, pure: bool) -> None:
    """Whatever libyaml version is installed, nesting is refused at --max-depth, never at libyaml's
    own limit (PyYAML 6.0.4 bundles a libyaml that stops at 1,000 levels while scanning ahead)."""
    from claimcheck.read.yamlsafe import LoadError, parse

    text = "[" * levels + "]" * levels + "\n"
    if expect is None:
        node = parse(text, "deep.yaml", Limits(max_depth=max_depth), pure=pure)
        depth = 0
        while isinstance(node.value, list) and node.value:
            node, depth = node.value[0], depth + 1
        assert depth == levels - 1
        return
    with pytest.raises(LoadError) as err:
        parse(text, "deep.yaml", Limits(max_depth=max_depth), pure=pure)
    problem = err.value.problem
    assert (problem.code, problem.pos.line, problem.pos.col) == expect, str(problem)
