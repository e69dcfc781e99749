"""Shipped knowledge tables (claimcheck/data/*.yaml), extendable by the user.

A table is a YAML mapping. User extensions (from claimcheck.toml) are merged
key by key: a mapping extends a mapping, a list extends a list, a scalar
replaces a scalar.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def shipped(name: str) -> dict[str, Any]:
    """The shipped table `name` (data/<name>.yaml) as a mapping."""
    from claimcheck.read.yamlsafe import parse, plain

    path = f"claimcheck/data/{name}.yaml"
    text = resources.files("claimcheck").joinpath("data", f"{name}.yaml").read_text("utf-8")
    # our own reader: words such as "on", "no" and "off" stay words (YAML 1.1 would make them booleans)
    data = plain(parse(text, path))
    return data if isinstance(data, dict) else {}


def merge(base: Any, extra: Any) -> Any:
    """Merge `extra` into `base` without mutating either."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [v for v in extra if v not in base]
    return extra


class Tables:
    """The knowledge tables in force for one run: shipped data plus user extensions."""

    def __init__(self, extra: dict[str, dict[str, Any]] | None = None) -> None:
        self._extra = extra or {}
        self._cache: dict[str, dict[str, Any]] = {}

    def get(self, name: str) -> dict[str, Any]:
        if name not in self._cache:
            self._cache[name] = merge(shipped(name), self._extra.get(name, {}))
        return self._cache[name]


DEFAULT = Tables()
