"""Writing reports: atomically, and never over an input."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable

from claimcheck.errors import Exit, UserError


def write_atomic(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half of one.

    Refuses to write over any of `inputs` (claim files, source texts, config), also
    through a link. A link at `path` is followed: the file it points to is replaced.
    The new file gets the old one's permissions, or the usual ones for a new file
    (not the temporary file's owner-only mode).
    """
    target = os.path.realpath(path)
    protected = {os.path.realpath(p) for p in inputs}
    if target in protected:
        raise UserError(f"{path} is one of the inputs; write the report somewhere else", Exit.USAGE)
    if os.path.isdir(target):
        raise UserError(f"{path} is a folder; give a file name for the report", Exit.USAGE)
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise UserError(f"folder {os.path.dirname(path)!r} does not exist; create it first", Exit.USAGE)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=".claimcheck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            fh.write(text)  # backslashreplace: a file name that is not UTF-8 cannot stop the write
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _mode_for(target: str) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
