"""The project file, claimcheck.toml: option defaults, severity overrides, table extensions.

    [options]            # defaults for command-line options
    min_severity = "medium"
    fail_on = "high"
    missing = false

    [severity]           # override a check's default severity
    "text.paraphrase" = "medium"

    [tables.predicates.predicates."head coach"]   # extend a shipped table (claimcheck/data/<name>.yaml)
    kind = "title"

Checked like a claim file: every problem is reported at file:line.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from claimcheck.records import Position, Problem, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FILE_NAME = "claimcheck.toml"
MAX_BYTES = 1024 * 1024
OPTIONS = {"min_severity": str, "fail_on": str, "missing": bool, "format": str}
FORMATS = ("table", "json", "markdown")
SEVERITIES = tuple(s.label for s in Severity)


@dataclass(frozen=True)
class Config:
    path: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    export: dict[str, Any] = field(default_factory=dict)  # [export]: the checking organization


def find(paths: list[str]) -> str | None:
    """claimcheck.toml beside the claims: in the first folder given, or the first file's folder."""
    for path in paths:
        folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
        candidate = os.path.join(folder, FILE_NAME)
        if os.path.isfile(candidate):
            return candidate
    return None


def _line_of(text: str, key: str) -> int:
    m = re.search(rf'^\s*"?{re.escape(key)}"?\s*=|^\s*\[[^\]]*\b{re.escape(key)}\b', text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def load(path: str) -> tuple[Config, list[Problem]]:
    """Read and check a config file; problems come back with their lines."""
    from claimcheck.checks import REGISTRY
    from claimcheck.tables import shipped

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return Config(path), [Problem(Position(path, 1, 1), "config.invalid",
                                          f"larger than {MAX_BYTES:,} bytes; a project file is a few lines")]
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(path), [Problem(Position(path, 1, 1), "config.invalid", f"cannot read: {exc}")]
    except RecursionError:
        return Config(path), [Problem(Position(path, 1, 1), "config.invalid",
                                      "nested too deeply to read; a project file is a few flat tables")]
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        return Config(path), [Problem(Position(path, line, col), "config.invalid", f"invalid TOML: {exc}")]
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        problems.append(Problem(Position(path, _line_of(text, key), 1), "config.invalid", message, key))

    sections = ("options", "severity", "tables", "export")
    for key in data.keys() - set(sections):
        bad(key, f"unknown section {key!r}{_near(key, sections)}")
    options = data.get("options", {})
    for key, value in options.items():
        if key not in OPTIONS:
            bad(key, f"unknown option {key!r}{_near(key, tuple(OPTIONS))}")
        elif not isinstance(value, OPTIONS[key]):
            bad(key, f"option {key!r} must be a {OPTIONS[key].__name__}")
        elif key in ("min_severity", "fail_on") and value not in SEVERITIES + ("none",) * (key == "fail_on"):
            bad(key, f"{key} must be one of {', '.join(SEVERITIES)}" + " or none" * (key == "fail_on"))
        elif key == "format" and value not in FORMATS:
            bad(key, f"format must be one of {', '.join(FORMATS)}")
    severities = data.get("severity", {})
    for code, level in severities.items():
        if code not in REGISTRY or REGISTRY[code].is_file_check:
            bad(code, f"no discrepancy check {code!r}{_near(code, tuple(REGISTRY))}; see `claimcheck checks`")
        elif level not in SEVERITIES:
            bad(code, f"severity of {code!r} must be one of {', '.join(SEVERITIES)}")
    tables = data.get("tables", {})
    for name, extra in tables.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            bad(name, f"no shipped table {name!r}; tables are the files in claimcheck/data/")
            continue
        try:
            shipped(name)
        except (FileNotFoundError, OSError):
            bad(name, f"no shipped table {name!r}; tables are the files in claimcheck/data/")
            continue
        if not isinstance(extra, dict):
            bad(name, f"[tables.{name}] must be a table")
    export = data.get("export", {})
    if export:
        from claimcheck.triage.export import check_org

        for key, message in check_org(export):
            bad(key, message)
    return Config(path, options, severities, tables, export), problems


def _near(word: str, choices: tuple[str, ...]) -> str:
    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""
