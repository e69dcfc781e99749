"""The engine knows nothing of the founding story: it must generalise to stories it never saw.

One scan over everything shipped in claimcheck/ (code, comments, knowledge
tables, templates); the founding story lives in claims/, tests/ and docs/.
"""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Names, places and outlets of the founding story (and of stories the resolver was first tried on).
# "yuan" alone is left out: it is a currency in data/numbers.yaml as well as a name.
STORY_WORDS = [
    "xinjiang", "jin", "jane", "julian", "julien", "hsinchiang", "jinping", "zoom", "zom", "webex", "webx",
    "eric yuan", "fengsu", "fengsuo", "zhou", "wang dan", "demers", "railton", "ducharme", "tiananmen",
    "citizen lab", "justice ministry", "washington post", "techtarget", "wapo", "china", "chinese", "fbi",
    "brooklyn", "toronto", "trump", "silicon valley", "facebook", "eastern district", "liaison",
    "young", "gaddafi", "qaddafi", "qadhafi", "navalny", "navalnyy", "maria", "mario", "garcia", "wang", "eric",
]
_BANNED = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in STORY_WORDS) + r")\b", re.IGNORECASE)


def test_nothing_story_specific_in_the_engine() -> None:
    files = sorted(p for p in ROOT.joinpath("claimcheck").rglob("*") if p.is_file() and p.suffix != ".pyc")
    assert len(files) > 40  # code, data and templates are all read
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in files
             for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if _BANNED.search(line)]
    assert not found, "\n".join(found)
