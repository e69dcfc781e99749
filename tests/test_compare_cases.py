"""Value comparison, driven by the cases in tests/cases/compare/*.yaml.

Each case is {a, b, kind, expect} and optionally `not` (the code or codes it
guards against). Values are read as the claim format reads them: `no` and
`2020-12-18` stay text, a YAML number is a number, a list is a tuple.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.compare import compare_values

CASES = Path(__file__).parent / "cases" / "compare"

# Every code compare_values can return; each needs a case that must flag it
# and a case that must not.
CODES = (
    "number.conflict",
    "number.hedge",
    "number.bound",
    "number.unit",
    "date.conflict",
    "date.precision",
    "date.overlap",
    "title.inflated",
    "title.conflict",
    "title.less-specific",
    "value.variant",
    "text.paraphrase",
    "text.changed",
    "text.name-changed",
    "value.differs",
)


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates and yes/no as the words written."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _value(v):
    return tuple(v) if isinstance(v, list) else v


def _load() -> list:
    cases = []
    for path in sorted(CASES.glob("*.yaml")):
        for n, case in enumerate(yaml.load(path.read_text("utf-8"), Loader=_TextLoader)):
            nots = case.get("not", [])
            case = dict(
                case, a=_value(case["a"]), b=_value(case["b"]), not_=tuple(nots if isinstance(nots, list) else [nots])
            )
            label = f"{path.stem}-{n}: {case['a']!r} vs {case['b']!r}"
            cases.append(pytest.param(case, id=label))
    return cases


ALL = _load()


@pytest.mark.parametrize("case", ALL)
def test_case(case: dict) -> None:
    verdict = compare_values(case["a"], case["b"], case.get("kind", "auto"))
    assert verdict.code == case["expect"], verdict.reason
    assert verdict.code not in case["not_"]
    if verdict.code:
        assert verdict.reason and "\n" not in verdict.reason


@pytest.mark.parametrize("case", ALL)
def test_case_is_symmetric(case: dict) -> None:
    forward = compare_values(case["a"], case["b"], case.get("kind", "auto"))
    backward = compare_values(case["b"], case["a"], case.get("kind", "auto"))
    assert forward.code == backward.code, (forward.reason, backward.reason)


def test_every_code_has_cases() -> None:
    cases = [p.values[0] for p in ALL]
    flagged = {c["expect"] for c in cases}
    guarded = {code for c in cases for code in c["not_"]}
    missing = [code for code in CODES if code not in flagged]
    unguarded = [code for code in CODES if code not in guarded]
    assert not missing, f"codes without a must-flag case: {missing}"
    assert not unguarded, f"codes without a must-not-flag case: {unguarded}"


def test_cases_only_use_known_codes() -> None:
    for p in ALL:
        case = p.values[0]
        assert case["expect"] in (None, *CODES), case
        assert set(case["not_"]) <= set(CODES), case


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        compare_values("a", "b", kind="colour")
