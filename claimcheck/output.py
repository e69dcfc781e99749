"""Writing reports: atomically, and never over an input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable

from claimcheck.errors import Exit, UserError


def write_atomic(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half of one.

    Refuses to write over any of `inputs` (claim files, source texts, config).
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
    fd, tmp = tempfile.mkstemp(prefix=".claimcheck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
