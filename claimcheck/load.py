"""Load a claim set: find the files, read each safely, validate, check ids.

`load_paths` never raises on bad input: every problem comes back as a
Problem with its file, line and column.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence

from claimcheck.records import ClaimFile, ClaimSet, Position, Problem
from claimcheck.validate import build
from claimcheck.yamlsafe import Limits, LoadError, decode, parse

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
        else:
            raise PathError(f"{path}: no such file or folder")
    if not found:
        raise PathError(f"no claim files (*.yaml, *.yml) in {', '.join(paths)}")
    return found


def load_file(
    file: str, claim_root: str, limits: Limits = Limits(), pure: bool = False
) -> tuple[ClaimFile | None, list[Problem]]:
    """Read, parse and validate one file."""
    problems: list[Problem] = []
    try:
        with open(file, "rb") as fh:
            data = fh.read(limits.max_bytes + 1)
        text, warnings = decode(data, file, limits)
        problems.extend(warnings)
        root = parse(text, file, limits, pure=pure, problems=problems)
    except LoadError as exc:
        return None, problems + [exc.problem]
    except OSError as exc:
        return None, [Problem(Position(file, 1, 1), "file.unreadable",
                              f"cannot read the file: {exc.strerror or exc}")]
    claim_file, found = build(root, file, claim_root)
    return claim_file, problems + found


def load_paths(
    paths: Sequence[str], limits: Limits = Limits(), pure: bool = False
) -> ClaimSet:
    """Load every claim file under `paths` into one ClaimSet (raises PathError only)."""
    files: list[ClaimFile] = []
    problems: list[Problem] = []
    enabled = gc.isenabled()
    gc.disable()  # building many small records: the collector only costs time here
    try:
        for file, root in find_files(paths):
            claim_file, found = load_file(file, root, limits, pure)
            problems.extend(found)
            if claim_file is not None:
                files.append(claim_file)
    finally:
        if enabled:
            gc.enable()
    problems.extend(_duplicate_sources(files))
    return ClaimSet(tuple(files), tuple(sorted(problems, key=Problem.sort_key)))


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
