"""bench.real: the real claim sets run through claimcheck and scored by the corpora's own score.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import real
from bench.run import write_results

SCORE_PY = '''\
import json, sys
report = json.load(open(sys.argv[2]))
print("MISS some-item                 core")
print("FALSE ALARM high number.conflict Ann Roe age ['39', '40']")
print("UNEXPLAINED HIGH title.conflict Ann Roe / title | x")
print(f"discrepancies={len(report['discrepancies'])}")
print("core recall 3/4, stretch 1/2, high precision 50% (1/2), false alarms 1, split entities 0, "
      "wrong merges 0, facts repeated 2")
'''


def corpora(tmp_path: Path) -> Path:
    root = tmp_path / "corpora"
    story = root / "roe"
    story.mkdir(parents=True)
    (story / "a.yaml").write_text("source: {id: a}\nclaims:\n  - {subject: Ann Roe, predicate: age, value: 39}\n")
    (story / "b.yaml").write_text("source: {id: b}\nclaims:\n  - {subject: Ann Roe, predicate: age, value: 40}\n")
    (root / "roe.gold.yaml").write_text("must: []\n")
    (root / "lonely").mkdir()  # no gold list beside it: not a story
    (root / "score.py").write_text(SCORE_PY)
    return root


def test_each_story_is_run_scored_and_counted(tmp_path: Path) -> None:
    root = corpora(tmp_path)
    assert [name for name, _, _ in real.stories(str(root))] == ["roe"]
    [score] = real.score_all(str(root))
    assert score.error == ""
    assert (score.findings, score.severity["high"]) == (1, 1)  # claimcheck's own report: one age conflict
    assert score.figures == {"core": 3, "n_core": 4, "stretch": 1, "n_stretch": 2, "high_true": 1, "highs": 2,
                             "false_alarms": 1, "split": 0, "wrong": 0, "repeated": 2}
    assert score.missed == [("some-item", "core")]
    text = real.render([score], str(root))
    assert "| roe | 1 | 1 | 0 | 0 | 50% (1/2) | 3/4 | 1/2 | 1 | 0 | 0 | 2 |" in text
    assert "high precision >= 60%: 50% (1/2) ❌" in text and "facts repeated <= 15: 2 ✅" in text
    assert "number.conflict 1 (false alarms)" in text


def test_the_section_is_replaced_and_kept_by_the_other_writers(tmp_path: Path) -> None:
    path = tmp_path / "results.md"
    path.write_text("# results\n\nsizes\n")
    real.write_section(str(path), "## Real claim sets\n\nfirst\n")
    real.write_section(str(path), "## Real claim sets\n\nsecond\n")
    text = path.read_text()
    assert text.count("<!-- real -->") == 1 and "second" in text and "first" not in text
    assert text.startswith("# results\n\nsizes\n")
    write_results(str(path), "# results\n\nnew sizes\n")  # python -m bench rewrites its part only
    text = path.read_text()
    assert "new sizes" in text and "second" in text and "<!-- /real -->" in text


def test_a_report_that_cannot_be_scored_is_an_error_row(tmp_path: Path) -> None:
    root = corpora(tmp_path)
    (root / "score.py").write_text("print('nothing useful')\n")
    [score] = real.score_all(str(root))
    assert "no `core recall` line" in score.error
    assert "| roe | 1 | 1 | 0 | 0 | error:" in real.render([score], str(root))


SHIPPED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


@pytest.mark.skipif(not (SHIPPED / "score.py").is_file(), reason="../shared/corpora is not beside the project")
def test_the_shipped_corpora_are_found() -> None:
    names = [name for name, _, _ in real.stories(str(SHIPPED))]
    assert {"jin", "maxwell", "samsung", "taiwan"} <= set(names)
    assert os.path.normpath(real.default_corpora() or "") == os.path.normpath(str(SHIPPED))
