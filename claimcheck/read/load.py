"""Load a claim set: find the files, read each safely, validate, check ids.

`load_paths` never raises on bad input: every problem comes back as a
Problem with its file, line and column. Only regular files are read (a pipe
named `x.yaml` would block forever), and a link found in a claim folder is
not followed out of it: a claim set passed around must not read the
reader's own files (a file given by name on the command line is read).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence

from claimcheck.read import loadfast
from claimcheck.read.validate import build
from claimcheck.read.yamlsafe import Limits, LoadError, decode, parse
from claimcheck.records import ClaimFile, ClaimSet, Position, Problem
from claimcheck.workers import MAX_WORKERS, collector_paused, cores, fork_map

CLAIM_SUFFIXES = (".yaml", ".yml")
NOT_CLAIM_FILES = frozenset({"review.yaml", "review.yml"})


class PathError(Exception):
    """A PATH argument that names nothing usable (a usage error)."""


def find_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(file, claim-set folder) for every claim file under `paths`, in a stable order."""
    found: list[tuple[str, str]] = []
    for path in paths:
        if os.path.isdir(path):
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if (
                        name.lower().endswith(CLAIM_SUFFIXES)
                        and not name.startswith(".")
                        and name.lower() not in NOT_CLAIM_FILES
                    ):
                        found.append((os.path.join(dirpath, name), path))
        elif os.path.isfile(path):
            found.append((path, os.path.dirname(path) or "."))
        elif os.path.exists(path):
            raise PathError(f"{path}: not a regular file or folder (a pipe or a device)")
        else:
            raise PathError(f"{path}: no such file or folder")
    if not found:
        raise PathError(f"no claim files (*.yaml, *.yml) in {', '.join(paths)}")
    return found


class _NotRegular(Exception):
    """A path that is a pipe, a socket or a device: reading it could block or never end."""


def read_capped(file: str, cap: int) -> tuple[bytes, int]:
    """At most `cap` + 1 bytes of a regular file, and the file's size; never blocks on a pipe."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(file)
        return fh.read(cap + 1), info.st_size


def load_file(
    file: str, claim_root: str, limits: Limits = Limits(), pure: bool = False, fast: bool = True,
) -> tuple[ClaimFile | None, list[Problem]]:
    """Read, parse and validate one file.

    With `fast`, a plain valid file has its claims read straight into records
    (claimcheck.read.loadfast); any other file, or that reader's refusal, takes the
    usual road: the YAML tree, then validation with every problem reported.
    """
    problems: list[Problem] = []
    try:
        data, size = read_capped(file, limits.max_bytes)
        text, warnings = decode(data, file, limits, size)
        problems.extend(warnings)
        if fast:
            claim_file = loadfast.read(text, file, claim_root, limits)
            if claim_file is not None:
                return claim_file, problems
        root = parse(text, file, limits, pure=pure, problems=problems)
    except LoadError as exc:
        return None, problems + [exc.problem]
    except OSError as exc:
        return None, [Problem(Position(file, 1, 1), "file.unreadable",
                              f"cannot read the file: {exc.strerror or exc}")]
    except _NotRegular:
        return None, [Problem(Position(file, 1, 1), "file.unreadable",
                              "not a regular file (a pipe or a device); claim files are ordinary files")]
    claim_file, found = build(root, file, claim_root)
    return claim_file, problems + found


PARALLEL_FILES = 64  # from this many files on, load in worker processes (where fork is available)


def load_paths(
    paths: Sequence[str], limits: Limits = Limits(), pure: bool = False, workers: int | None = None,
    then: FileStage | None = None, meanwhile: Callable[[], object] | None = None,
) -> ClaimSet:
    """Load every claim file under `paths` into one ClaimSet (raises PathError only).

    Large claim sets are read by several processes (`workers`; default: from
    64 files, up to 4, one per core, or CLAIMCHECK_WORKERS) since parsing YAML
    is most of the cost; the result is the same, in the same order
    (claimcheck.workers.fork_map). `then` is a stage of one file (the quote
    check, `quotes.quote_file`) run on each file by the process that loaded
    it: it shares the workers, and its result is sent back once. `meanwhile`
    is other work of this process that does not need the claims (importing
    the next stages): it runs while the workers load.
    """
    given = {os.path.normpath(p) for p in paths if not os.path.isdir(p)}
    jobs = [(file, root, os.path.normpath(file) in given) for file, root in find_files(paths)]
    if workers is None:
        workers = min(cores(), MAX_WORKERS) if len(jobs) >= PARALLEL_FILES else 1
    with collector_paused():
        results = fork_map(lambda job: _load_job(job, limits, pure, then), jobs, workers=workers,
                           meanwhile=meanwhile)
    files = [f for f, _ in results if f is not None]
    problems = [p for _, found in results for p in found]
    problems.extend(_duplicate_sources(files))
    return ClaimSet(tuple(files), tuple(sorted(problems, key=Problem.sort_key)))


Job = tuple[str, str, bool]  # file, claim-set folder, named on the command line
FileStage = Callable[[ClaimFile], tuple[ClaimFile, list[Problem]]]


def _load_job(job: Job, limits: Limits, pure: bool, then: FileStage | None
              ) -> tuple[ClaimFile | None, list[Problem]]:
    file, root, named = job
    if not named and not _inside(file, root):
        return None, [Problem(
            Position(file, 1, 1), "file.unreadable",
            "a link to a file outside the claim set's folder; not read"
            " (give the file itself on the command line to read it)",
        )]
    claim_file, problems = load_file(file, root, limits, pure)
    if claim_file is not None and then is not None:
        claim_file, more = then(claim_file)
        problems += more
    return claim_file, problems


def _inside(file: str, root: str) -> bool:
    """Whether `file`, links followed, is inside the folder `root` (found in it, not merely linked from it)."""
    real, top = os.path.realpath(file), os.path.realpath(root)
    return os.path.commonpath([real, top]) == top


def _duplicate_sources(files: Iterable[ClaimFile]) -> list[Problem]:
    first: dict[str, ClaimFile] = {}
    out = []
    for f in files:
        sid = f.source.id
        if sid in first:
            out.append(Problem(
                f.source.pos, "source.duplicate-id",
                f"source id {sid!r} is used already by {first[sid].path}; give each source its own id",
                "source.id",
            ))
        else:
            first[sid] = f
    return out
