"""Work shared with forked copies gives the very result of one process."""

from __future__ import annotations

import os
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # bench/ is not installed

from bench.generate import generate  # noqa: E402
from claimcheck import workers  # noqa: E402
from claimcheck.findings import build_report  # noqa: E402
from claimcheck.read.load import load_paths  # noqa: E402
from claimcheck.read.quotes import attach_quotes, quote_file  # noqa: E402
from claimcheck.render import RENDERERS  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is what is tested")


def _fork_always(monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    monkeypatch.setattr(workers, "MIN_ITEMS", 0)
    monkeypatch.setattr(workers, "cores", lambda: cores)


@pytest.mark.parametrize("cores", [2, 3])
@pytest.mark.parametrize("n", [1, 2, 3, 7, 1001, 20000])
def test_fork_map_keeps_order(monkeypatch: pytest.MonkeyPatch, cores: int, n: int) -> None:
    _fork_always(monkeypatch, cores)
    got = workers.fork_map(lambda x: (x, "x" * (x % 50)), list(range(n)))
    assert got == [(x, "x" * (x % 50)) for x in range(n)]


def test_every_process_takes_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunks are shared out as the processes go: each one computes some (here the items are
    slow enough that both take part), and each item is computed once where results are kept."""
    _fork_always(monkeypatch, 2)
    parent = os.getpid()

    def where(x: int) -> tuple[int, bool]:
        time.sleep(0.0005)
        return x, os.getpid() == parent

    got = workers.fork_map(where, list(range(2000)))
    assert [x for x, _ in got] == list(range(2000))
    here = sum(mine for _, mine in got)
    assert 0 < here < 2000


def test_results_larger_than_a_pipe_arrive_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    _fork_always(monkeypatch, 2)
    big = "y" * 3_000_000  # each piece is far larger than the pipe: the copy waits for reads
    assert workers.fork_map(lambda x: big + str(x), list(range(40))) == [big + str(x) for x in range(40)]


@pytest.mark.parametrize(("fails_at", "how"), [
    (0, "raises"),  # on its first item: it sends nothing
    (500, "raises"),  # half way: the chunks it sent are kept, the one it took is computed here
    (900, "dies"),  # after some pieces were sent
])
def test_a_failing_copy_is_recomputed(monkeypatch: pytest.MonkeyPatch, fails_at: int, how: str) -> None:
    _fork_always(monkeypatch, 2)
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() != parent and x >= fails_at:
            if how == "raises":
                raise RuntimeError("the copy fails")
            os._exit(3)
        return x * 3

    assert workers.fork_map(fn, list(range(1000))) == [x * 3 for x in range(1000)]


@pytest.mark.parametrize("cores", [1, 2])
def test_meanwhile_runs_once_here(monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    """The other work runs once, in this process, while the copies take chunks (first when
    there are none); the results are the loop's."""
    _fork_always(monkeypatch, cores)
    parent, ran = os.getpid(), []

    def slow(x: int) -> tuple[int, bool]:
        time.sleep(0.0002)
        return x, os.getpid() == parent

    got = workers.fork_map(slow, list(range(1000)), meanwhile=lambda: ran.append((os.getpid(), len(ran))))
    assert ran == [(parent, 0)]
    assert [x for x, _ in got] == list(range(1000))
    if cores == 2:  # the copy went on while this process did the other work
        assert not all(mine for _, mine in got)


def test_a_failing_meanwhile_leaves_no_copy_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    _fork_always(monkeypatch, 2)

    def fail() -> None:
        raise ValueError("the other work fails")

    with pytest.raises(ValueError, match="other work"):
        workers.fork_map(lambda x: x, list(range(100_000)), meanwhile=fail)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every copy was waited for


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


@pytest.mark.parametrize("fmt", ["json", "markdown", "table"])
def test_renderers_pause_the_collector(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """A renderer makes many short-lived objects: the cyclic collector is off while it runs,
    and as it was afterwards."""
    import gc

    from claimcheck.render import jsonout, markdown, table

    module = {"json": jsonout, "markdown": markdown, "table": table}[fmt]
    seen = []
    monkeypatch.setattr(module, "render", lambda report, **options: seen.append(gc.isenabled()) or "")
    was = gc.isenabled()
    gc.enable()
    try:
        assert RENDERERS[fmt](None) == ""
        assert seen == [False]
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
