"""Split CPU-bound work of a large claim set across the machine's cores (and keep the
garbage collector out of it).

`fork_map(fn, items)` is `[fn(x) for x in items]`, computed by this process
and forked copies of it (fork shares everything already built, so `fn` may
be a closure over the resolver's state); each copy sends its results back
pickled through a pipe, piece by piece, and this process unpickles each piece
between two of its own items, so that neither side waits for the other.
Results come back in order, so the output is the same as a plain loop's.
Below MIN_ITEMS, on one core, or where fork is missing (Windows), it is that
plain loop. A copy that fails is not trusted: its share is computed again here.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TypeVar

try:
    import fcntl
except ImportError:  # Windows: no fork either, so no copies
    fcntl = None  # type: ignore[assignment]

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
             workers: int | None = None) -> list[R]:
    """`[fn(x) for x in items]`, shared with forked copies of this process when large.

    `work` sizes the job in claims or name pairs when an item stands for many
    (a file); by default it is the number of items. `workers` given decides
    the number of processes whatever the size (1: this process alone).
    """
    if workers is None:
        big = (len(items) if work is None else work) >= MIN_ITEMS
        workers = min(cores(), MAX_WORKERS) if big else 1
    if workers < 2 or len(items) < 2 or not hasattr(os, "fork"):
        return [fn(x) for x in items]
    size = -(-len(items) // workers)
    shares = [items[i:i + size] for i in range(0, len(items), size)]
    copies = [_Copy(fn, share) for share in shares[1:]]
    for copy in copies:  # threads only once every copy is forked
        copy.start()
    out = []
    for x in shares[0]:
        out.append(fn(x))
        for copy in copies:  # what the copies have sent so far is unpickled between items
            copy.take()
    for share, copy in zip(shares[1:], copies, strict=True):
        got = copy.finish()
        out.extend(got if got is not None and len(got) == len(share) else [fn(x) for x in share])
    return out


CHUNKS = 64  # a copy sends its results in this many pieces, so that they are unpickled as they come
_HEADER = 8  # bytes of a piece's length


class _Copy:
    """A forked copy computing one share, and a thread here that receives its pieces."""

    def __init__(self, fn: Callable[[T], R], share: Sequence[T]) -> None:
        self.pieces: deque[bytes] = deque()
        self.results: list = []
        self.broken = False
        self.pid = -1
        try:
            read_end, write_end = os.pipe()
        except OSError:
            self.broken = True
            return
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            self.broken = True
            return
        if self.pid == 0:
            os.close(read_end)
            _compute(fn, share, write_end)
        os.close(write_end)
        self.thread = threading.Thread(target=self._receive, args=(read_end,), daemon=True)

    def start(self) -> None:
        if self.pid > 0:
            self.thread.start()

    def _receive(self, fd: int) -> None:
        """Read length-prefixed pieces until the copy closes its end (the read waits without the GIL)."""
        with os.fdopen(fd, "rb") as pipe:
            while header := pipe.read(_HEADER):
                size = int.from_bytes(header, "little") if len(header) == _HEADER else -1
                data = pipe.read(size) if size >= 0 else b""
                if size < 0 or len(data) != size:
                    self.broken = True
                    return
                self.pieces.append(data)

    def take(self) -> None:
        """Unpickle the pieces received so far."""
        while self.pieces:
            try:
                self.results += pickle.loads(self.pieces.popleft())
            except Exception:  # noqa: BLE001 - a broken copy's output is recomputed, never trusted
                self.broken = True

    def finish(self) -> list | None:
        """Every result of the share, or None when the copy failed."""
        if self.pid <= 0:
            return None
        while self.thread.is_alive():  # unpickle while the rest arrives
            self.take()
            self.thread.join(0.002)
        _, status = os.waitpid(self.pid, 0)
        self.take()
        return None if self.broken or status != 0 else self.results


def _compute(fn: Callable[[T], R], share: Sequence[T], fd: int) -> None:
    """In the copy: compute the share piece by piece, send each piece, and leave without
    running any exit handler."""
    code = 1
    try:
        with suppress(OSError, AttributeError):  # a larger pipe: the copy rarely waits for a read
            fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        step = max(1, -(-len(share) // CHUNKS))
        with os.fdopen(fd, "wb") as pipe:
            for i in range(0, len(share), step):
                data = pickle.dumps([fn(x) for x in share[i:i + step]], protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(len(data).to_bytes(_HEADER, "little"))
                pipe.write(data)
                pipe.flush()
        code = 0
    finally:
        os._exit(code)
