"""Split CPU-bound work of a large claim set across the machine's cores (and keep the
garbage collector out of it).

`fork_map(fn, items)` is `[fn(x) for x in items]`, computed by this process
and forked copies of it (fork shares everything already built, so `fn` may
be a closure over the resolver's state); each copy sends its results back
pickled through a pipe. Results come back in order, so the output is the
same as a plain loop's. Below `min_items`, on one core, or where fork is
missing (Windows), it is that plain loop. A copy that fails is not trusted:
its share is computed again here.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4
MIN_ITEMS = 20_000  # below this, forking costs more than it saves


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: a stage that builds millions of small acyclic
    records (loading, resolving) frees nothing by it, and at 1M claims each full
    collection scans them all (about 10% of the run); reference counting still frees."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cores() -> int:
    """Processes to use: CLAIMCHECK_WORKERS when set (1 = never fork), else the cores this process may run on."""
    asked = os.environ.get("CLAIMCHECK_WORKERS", "").strip()
    if asked.isdigit() and int(asked) >= 1:
        return int(asked)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def fork_map(fn: Callable[[T], R], items: Sequence[T], work: int | None = None,
             workers: int | None = None, lead: float = 0.0) -> list[R]:
    """`[fn(x) for x in items]`, shared with forked copies of this process when large.

    `work` sizes the job in claims or name pairs when an item stands for many
    (a file); by default it is the number of items. `workers` given decides
    the number of processes whatever the size (1: this process alone). `lead`:
    how much larger this process's share is than a copy's (0.15: 15% more),
    when results are costly to send back (a copy pickles them after its
    share, this process unpickles them after its own).
    """
    if workers is None:
        big = (len(items) if work is None else work) >= MIN_ITEMS
        workers = min(cores(), MAX_WORKERS) if big else 1
    if workers < 2 or len(items) < 2 or not hasattr(os, "fork"):
        return [fn(x) for x in items]
    size = len(items) / (workers + lead)
    cuts = [0, *(round(size * (k + 1 + lead)) for k in range(workers - 1)), len(items)]
    shares = [items[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    children = [_start(fn, share) for share in shares[1:]]
    out = [fn(x) for x in shares[0]]
    for share, child in zip(shares[1:], children, strict=True):
        got = _collect(child)
        out.extend(got if got is not None and len(got) == len(share) else [fn(x) for x in share])
    return out


def _start(fn: Callable[[T], R], share: Sequence[T]) -> tuple[int, int] | None:
    """Fork a copy that computes `share` and writes the pickled results to a pipe."""
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the copy: compute, send, and leave without running any exit handler
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps([fn(x) for x in share], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int] | None) -> list | None:
    """A copy's results, or None when it failed."""
    if child is None:
        return None
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a broken copy's output is recomputed, never trusted
        return None
