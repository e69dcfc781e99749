"""Work shared with forked copies gives the very result of one process."""

from __future__ import annotations

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/ is not installed

from bench.generate import generate  # noqa: E402
from claimcheck import workers  # noqa: E402
from claimcheck.load import load_paths  # noqa: E402
from claimcheck.quotes import attach_quotes, quote_file  # noqa: E402
from claimcheck.render import RENDERERS  # noqa: E402
from claimcheck.report import build_report  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is what is tested")


def _fork_always(monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 0)
    monkeypatch.setattr(workers, "cores", lambda: cores)


@pytest.mark.parametrize("cores", [2, 3])
@pytest.mark.parametrize("lead", [0.0, 0.15, 1.0])
@pytest.mark.parametrize("n", [1, 2, 3, 7, 1001])
def test_fork_map_keeps_order(monkeypatch: pytest.MonkeyPatch, cores: int, lead: float, n: int) -> None:
    _fork_always(monkeypatch, cores)
    got = workers.fork_map(lambda x: (x, x * x), list(range(n)), lead=lead)
    assert got == [(x, x * x) for x in range(n)]


def test_the_lead_gives_this_process_the_larger_share(monkeypatch: pytest.MonkeyPatch) -> None:
    _fork_always(monkeypatch, 2)
    parent = os.getpid()
    here = workers.fork_map(lambda x: os.getpid() == parent, list(range(1000)), lead=0.15)
    assert sum(here) == 535 and all(here[:535])


def test_a_failing_copy_is_recomputed(monkeypatch: pytest.MonkeyPatch) -> None:
    _fork_always(monkeypatch, 2)
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return x + 1

    assert workers.fork_map(fn, list(range(10))) == list(range(1, 11))


def test_a_shared_report_is_the_serial_report(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    generate(str(tmp_path), 2000, seed=7)
    claim_set = attach_quotes(load_paths([str(tmp_path / "claims")], workers=1))
    serial = RENDERERS["json"](build_report(claim_set))
    _fork_always(monkeypatch, 2)
    shared_load = attach_quotes(load_paths([str(tmp_path / "claims")], workers=2))
    assert shared_load == claim_set
    quoted_where_loaded = load_paths([str(tmp_path / "claims")], workers=2, then=quote_file)
    assert quoted_where_loaded == claim_set
    assert any(p.code == "quote.mismatch" for p in claim_set.problems)
    assert RENDERERS["json"](build_report(shared_load)) == serial
