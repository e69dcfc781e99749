"""Split CPU-bound work of a large claim set across the machine's cores (and keep the
garbage collector out of it).

`fork_map(fn, items)` is `[fn(x) for x in items]`, computed by this process
and forked copies of it (fork shares everything already built, so `fn` may
be a closure over the resolver's state); each copy sends its results back
pickled through a pipe, piece by piece, and this process unpickles each piece
between two of its own items, so that neither side waits for the other.
The work is cut into chunks that every process takes from one queue as it
goes, so a faster process takes more and all end together. Results are put
back in order, so the output is the same as a plain loop's. `meanwhile` is
other work that this process does while its copies start on the chunks (the
next stage's imports, a side stage that needs none of the results). Below MIN_ITEMS,
on one core, or where fork is missing (Windows), it is that plain loop. A
chunk that a failing copy took and did not deliver whole is computed here.
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
             workers: int | None = None, meanwhile: Callable[[], object] | None = None) -> list[R]:
    """`[fn(x) for x in items]`, shared with forked copies of this process when large.

    `work` sizes the job in claims or name pairs when an item stands for many
    (a file); by default it is the number of items. `workers` given decides
    the number of processes whatever the size (1: this process alone).
    `meanwhile` is other work of this process that does not need the results:
    it runs here once the copies are forked (they take the chunks meanwhile),
    or first when there are no copies. It must not fork.
    """
    if workers is None:
        big = (len(items) if work is None else work) >= MIN_ITEMS
        workers = min(cores(), MAX_WORKERS) if big else 1
    queue = None
    if workers >= 2 and len(items) >= 2 and hasattr(os, "fork"):
        step = -(-len(items) // min(len(items), CHUNKS * workers))
        bounds = [(i, min(i + step, len(items))) for i in range(0, len(items), step)]
        queue = _queue(len(bounds))
    if queue is None:
        if meanwhile is not None:
            meanwhile()
        return [fn(x) for x in items]
    results: list[list | None] = [None] * len(bounds)
    copies = [_Copy(fn, items, bounds, queue, results) for _ in range(workers - 1)]
    for copy in copies:  # threads only once every copy is forked
        copy.start()
    try:
        if meanwhile is not None:
            meanwhile()
    except BaseException:
        with os.fdopen(queue, "rb", buffering=0) as chunks:
            while _next(chunks) is not None:
                pass  # no chunk left to take: the copies end with the one they have
        for copy in copies:
            copy.finish()
        raise
    with os.fdopen(queue, "rb", buffering=0) as chunks:
        while (k := _next(chunks)) is not None:
            got = []
            for x in items[bounds[k][0]:bounds[k][1]]:
                got.append(fn(x))
                for copy in copies:  # what the copies have sent so far is unpickled between items
                    copy.take()
            results[k] = got
        for copy in copies:
            copy.finish()
    out: list[R] = []
    for (a, b), got in zip(bounds, results, strict=True):  # a chunk a failed copy took is computed here
        out.extend(got if got is not None and len(got) == b - a else [fn(x) for x in items[a:b]])
    return out


CHUNKS = 64  # chunks per process: each process takes the next chunk when it is done with one
_HEADER = 8  # bytes of a piece's length
_INDEX = 4  # bytes of a chunk number in the queue


def _queue(n: int) -> int | None:
    """A pipe holding the chunk numbers 0..n-1, its write end closed: each process reads the next
    number (a read this small is atomic) until the pipe is empty; None if no pipe can be made."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        with suppress(OSError, AttributeError):
            fcntl.fcntl(write_end, getattr(fcntl, "F_SETPIPE_SZ", 1031), max(1 << 16, n * _INDEX))
        data = b"".join(k.to_bytes(_INDEX, "little") for k in range(n))
        if os.write(write_end, data) != len(data):
            raise OSError("the pipe is too small for the chunk numbers")
    except OSError:
        os.close(read_end)
        return None
    finally:
        os.close(write_end)
    return read_end


def _next(chunks) -> int | None:
    """The next chunk number from the queue; None when every chunk is taken."""
    data = chunks.read(_INDEX)
    return int.from_bytes(data, "little") if data and len(data) == _INDEX else None


class _Copy:
    """A forked copy computing chunks, and a thread here that receives its pieces."""

    def __init__(self, fn: Callable[[T], R], items: Sequence[T], bounds: list[tuple[int, int]], queue: int,
                 results: list[list | None]) -> None:
        self.pieces: deque[bytes] = deque()
        self.results = results
        self.pid = -1
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        try:
            self.pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if self.pid == 0:
            os.close(read_end)
            _compute(fn, items, bounds, queue, write_end)
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
                    return  # a piece cut short: the copy died; its missing chunks are computed here
                self.pieces.append(data)

    def take(self) -> None:
        """Unpickle the pieces received so far into their chunks."""
        while self.pieces:
            try:
                k, got = pickle.loads(self.pieces.popleft())
            except Exception:  # noqa: BLE001 - a broken piece is recomputed, never trusted
                continue
            self.results[k] = got

    def finish(self) -> None:
        """Wait for the copy, unpickling the rest as it arrives."""
        if self.pid <= 0:
            return
        while self.thread.is_alive():
            self.take()
            self.thread.join(0.002)
        os.waitpid(self.pid, 0)
        self.take()


def _compute(fn: Callable[[T], R], items: Sequence[T], bounds: list[tuple[int, int]], queue: int,
             fd: int) -> None:
    """In the copy: take chunks from the queue, send each one's results, and leave without
    running any exit handler."""
    code = 1
    try:
        with suppress(OSError, AttributeError):  # a larger pipe: the copy rarely waits for a read
            fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        with os.fdopen(queue, "rb", buffering=0) as chunks, os.fdopen(fd, "wb") as pipe:
            while (k := _next(chunks)) is not None:
                a, b = bounds[k]
                data = pickle.dumps((k, [fn(x) for x in items[a:b]]), protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(len(data).to_bytes(_HEADER, "little"))
                pipe.write(data)
                pipe.flush()
        code = 0
    finally:
        os._exit(code)
