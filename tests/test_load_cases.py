"""Loader and validator cases as data: one file per case in tests/cases/load/.

Each file's first line says what loading it must report:
`# expect: <code> <line>:<col> [<path>]`, or `# expect: nothing`.
Every case runs with libyaml and with the pure-Python parser: both must agree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.checks import REGISTRY
from claimcheck.read.load import load_file

CASES = sorted((Path(__file__).parent / "cases" / "load").glob("*.yaml"))
_EXPECT = re.compile(r"#\s*expect:\s*(nothing|(\S+)\s+(\d+):(\d+)(?:\s+(\S+))?)")


def expectation(path: Path) -> tuple[str, int, int, str] | None:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    m = _EXPECT.search(first)
    assert m, f"{path.name}: first line must be '# expect: ...'"
    if m[1] == "nothing":
        return None
    return m[2], int(m[3]), int(m[4]), m[5] or ""


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, pure: bool) -> None:
    expected = expectation(case)
    claim_file, problems = load_file(str(case), str(case.parent), pure=pure)
    if expected is None:
        assert problems == []
        assert claim_file is not None
        return
    code, line, col, path = expected
    assert code in REGISTRY, f"{code} is not a registered check"
    got = [(p.code, p.pos.line, p.pos.col, p.path) for p in problems]
    assert (code, line, col, path) in got or (not path and any(g[:3] == (code, line, col) for g in got)), got


def test_values_kept_as_written() -> None:
    claim_file, problems = load_file(str(CASES[0].parent / "ok-as-written.yaml"), str(CASES[0].parent))
    assert problems == []
    values = {c.predicate: c.value for c in claim_file.claims}
    assert values == {
        "answer": "no", "date": "2020-12-18", "code": "010", "time": "1:20", "nan": ".nan",
        "age": 39, "tagged": "39", "list": ("on", "off", "yes"),
    }
    assert claim_file.source.id == "as-written"
    assert claim_file.entities[0].aliases == ("Jin",)
    assert all(c.name == "Xinjiang Jin" and c.entity == "jin" for c in claim_file.claims)
    first = claim_file.claims[0]
    assert (first.pos.line, first.pos.col) == (13, 5)


def test_every_file_check_has_a_case() -> None:
    covered = {expectation(c)[0] for c in CASES if expectation(c)}
    file_checks = {c for c, check in REGISTRY.items() if check.is_file_check and not c.startswith("review.")}
    untestable_here = {"file.unreadable", "file.too-large", "file.too-many-nodes",
                       "source.duplicate-id", "schema.empty",
                       "config.invalid"}  # these are tested in test_cli.py and test_diff.py
    assert file_checks - covered - untestable_here == set()


def test_parallel_load_gives_the_same_claim_set(tmp_path: Path) -> None:
    """Worker processes read large claim sets; the result must not depend on it."""
    import shutil

    from claimcheck.read.load import load_paths

    for i, case in enumerate(CASES):
        shutil.copy(case, tmp_path / f"{i:03d}-{case.name}")
    serial = load_paths([str(tmp_path)], workers=1)
    parallel = load_paths([str(tmp_path)], workers=2)
    assert parallel == serial
    assert serial.problems and serial.files


@pytest.mark.parametrize("byte", range(128))
def test_every_ascii_control_character_is_refused(byte: int) -> None:
    """ASCII text is checked by a fast road (bytes.translate); it must refuse exactly what the
    control-character pattern refuses, and find it at the same place."""
    from claimcheck.read.yamlsafe import _CONTROL, LoadError, decode

    text = "source:\n  id: s" + chr(byte) + "x\n"
    try:
        decode(text.encode("ascii"), "f.yaml")
        refused = None
    except LoadError as exc:
        refused = exc.problem
    if _CONTROL.search(text) is None:
        assert refused is None
    else:
        assert refused is not None and refused.code == "file.control-char"
        assert (refused.pos.line, refused.pos.col) == (2, 8)
