"""`claimcheck extract`: drafts that load, exact quotes, expected drafts per article,
hostile text, never overwriting, and --merge leaving curated content untouched.

The articles in tests/cases/extract/ are stories written for these tests
(a court case, a company announcement, a disaster report, a bribery case, a recall); each has an
.expect.yaml listing drafts that must and must not be proposed.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from claimcheck.errors import Exit, UserError
from claimcheck.extract import (
    extract,
    merge,
    plan_write,
    read_article,
    source_id_for,
    text_path_for,
    write_draft,
)
from claimcheck.extract.claims import RULES
from claimcheck.extract.entities import read
from claimcheck.extract.view import View
from claimcheck.extract.yaml import load_text, scalar
from claimcheck.read.load import load_file
from claimcheck.read.quotes import attach_quotes
from claimcheck.records import ClaimSet

ROOT = Path(__file__).parent.parent
CLAIMS = ROOT / "claims"
CASES = Path(__file__).parent / "cases" / "extract"
SEEDS = ["techtarget", "wapo-retranslated"]
ARTICLES = sorted(p.stem for p in CASES.glob("*.txt"))
ALL_TEXTS = [CLAIMS / "texts" / f"{s}.txt" for s in SEEDS] + [CASES / f"{a}.txt" for a in ARTICLES]


def _draft_into(tmp_path: Path, text_file: Path) -> Path:
    """Copy an article into a claim folder and draft its claim file there (as the CLI does)."""
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    article = texts / text_file.name
    shutil.copyfile(text_file, article)
    out = tmp_path / f"{text_file.stem}.yaml"
    write_draft(str(article), str(out))
    return out


@pytest.mark.parametrize("text_file", ALL_TEXTS, ids=lambda p: p.stem)
def test_drafts_load_and_every_quote_is_exact(tmp_path, text_file):
    out = _draft_into(tmp_path, text_file)
    claim_file, problems = load_file(str(out), str(tmp_path))
    assert problems == []
    assert claim_file is not None and claim_file.claims
    assert claim_file.source.id == text_file.stem
    assert claim_file.source.text == os.path.realpath(tmp_path / "texts" / text_file.name)
    checked = attach_quotes(ClaimSet((claim_file,), ()))
    assert checked.problems == ()
    assert all(c.quote_match.status == "exact" for c in checked.files[0].claims)
    raw = out.read_text("utf-8")
    marks = re.findall(r"^ +x-status: draft$", raw, re.MULTILINE)
    assert len(marks) == len(claim_file.claims) + len(claim_file.entities) + 1  # + the source


def _names(claim_file) -> dict[str, set[str]]:
    return {e.key: {e.name, *e.aliases} for e in claim_file.entities}


def drafted(text: str) -> list[tuple[set[str], str, str]]:
    """(the subject's name and aliases, predicate, value) of every draft for `text`."""
    claim_file, problems = load_text(extract(text, "case"), "case.yaml")
    assert problems == []
    names = _names(claim_file)
    return [(names.get(c.subject, {c.subject}), c.predicate, str(c.value)) for c in claim_file.claims]


def _drafted(article: str):
    return drafted((CASES / f"{article}.txt").read_text("utf-8"))


def _cases():
    for article in ARTICLES:
        spec = yaml.safe_load((CASES / f"{article}.expect.yaml").read_text("utf-8"))
        for subject, predicate, value in spec.get("expect", []):
            yield pytest.param(article, subject, predicate, str(value), id=f"{article}:{subject}:{predicate}")


@pytest.mark.parametrize(("article", "subject", "predicate", "value"), list(_cases()))
def test_expected_draft(article, subject, predicate, value):
    drafted = _drafted(article)
    assert any(subject in names and p == predicate and v == value for names, p, v in drafted), (
        f"no draft {subject} | {predicate} | {value}; drafted for {subject}: "
        + "; ".join(f"{p}: {v}" for names, p, v in drafted if subject in names))


def _rejects():
    for article in ARTICLES:
        spec = yaml.safe_load((CASES / f"{article}.expect.yaml").read_text("utf-8"))
        for subject, predicate in spec.get("reject", []):
            yield pytest.param(article, subject, predicate, id=f"{article}:{subject}:{predicate}")


@pytest.mark.parametrize(("article", "subject", "predicate"), list(_rejects()))
def test_rejected_draft(article, subject, predicate):
    assert not [v for names, p, v in _drafted(article) if subject in names and p == predicate]


def test_every_case_article_has_expectations():
    for article in ARTICLES:
        spec = yaml.safe_load((CASES / f"{article}.expect.yaml").read_text("utf-8"))
        assert len(spec["expect"]) >= 10, article


@pytest.mark.parametrize("name", list(RULES))
def test_every_rule_has_a_docstring_and_drafts_something(name):
    rule = RULES[name]
    assert rule.__doc__ and rule.__doc__.strip()
    found = 0
    for path in ALL_TEXTS:
        doc = read(path.read_text("utf-8"))
        found += sum(1 for s in doc.sentences if not s.heading for _ in rule(View(doc, s)))
    assert found, f"rule {name} drafts nothing in any test article"


def test_every_rule_is_documented():
    doc = (ROOT / "docs" / "extract.md").read_text("utf-8")
    assert [name for name in RULES if f"| `{name}` |" not in doc] == []


def test_seed_entities_and_titles():
    """The founding story's two texts, a few drafts a curator certainly keeps."""
    tt, _ = load_text(extract((CLAIMS / "texts" / "techtarget.txt").read_text("utf-8"), "techtarget"), "t.yaml")
    jin = next(e for e in tt.entities if e.name == "Xinjiang Jin")
    assert jin.type == "person" and jin.aliases == ("Jin",)
    justice = next(e for e in tt.entities if e.name == "U.S. Justice Department")
    assert justice.aliases == ("Justice Department",)
    got = {(c.subject, c.predicate, str(c.value)) for c in tt.claims}
    assert {(jin.key, "title", "exec"), (jin.key, "fired by", "Zoom"), (jin.key, "age", "39")} - got == {
        (jin.key, "age", "39")}  # the age is in the other text
    wp, _ = load_text(extract((CLAIMS / "texts" / "wapo-retranslated.txt").read_text("utf-8"), "w"), "w.yaml")
    names = _names(wp)
    got = {(min(names.get(c.subject, {c.subject})), c.predicate, str(c.value)) for c in wp.claims}
    assert ("Jin", "age", "39") in got
    assert ("Jane", "also known as", "Julian Jane") in got
    assert ("Xinjiang CEO Jin", "title", "CEO") in got  # a garbled name is kept as written


def test_seed_scores_do_not_regress():
    """The measured figures (bench/extract_score.py) as a floor, so that a change that
    makes drafting worse fails here; the benchmark reports the actual figures."""
    from bench.extract_score import DEFAULT, score

    scores = [score(p) for p in DEFAULT]
    curated = sum(s.curated for s in scores)
    assert sum(s.covered for s in scores) / curated >= 0.60
    assert sum(s.kept for s in scores) / sum(s.drafts for s in scores) >= 0.75


def test_deterministic():
    """The same text gives the same drafts. How long drafting takes is a bench figure
    (`python -m bench.extract_score`, its seconds column), not a test."""
    text = (CLAIMS / "texts" / "wapo-retranslated.txt").read_text("utf-8")
    assert extract(text, "w") == extract(text, "w")


# --- the source block ------------------------------------------------------------------


def test_source_from_the_text():
    text = ("apinan - Fotolia\n\nAcme recalls toasters after fires\n\n"
            "Acme, a toaster maker, said on Monday that it would recall 4,000 toasters.\n")
    claim_file, problems = load_text(extract(text, "acme"), "acme.yaml")
    assert problems == []
    assert claim_file.source.title == "Acme recalls toasters after fires"
    assert claim_file.source.publisher == "TODO"  # not stated: never guessed
    stated = extract("Published by The Daily Example\nPublished: 2021-03-04\n\nAcme said on Monday that it grew.\n",
                     "acme")
    claim_file, _ = load_text(stated, "acme.yaml")
    assert claim_file.source.publisher == "The Daily Example"
    assert claim_file.source.published == "2021-03-04"


def test_no_title_line_is_a_todo():
    text = "Acme said on Monday that it would recall 4,000 toasters after a fire in Ohio.\n"
    drafted = extract(text, "acme")
    assert "title: TODO" in drafted and "title: the text has no title line" in drafted


def test_according_to_a_report_names_no_publisher():
    text = "Prosecutors accuse Jane Roe of fraud, according to a Daily Example report.\n"
    assert "publisher: TODO" in extract(text, "x")


def test_text_path_relative_to_the_claim_file(tmp_path):
    assert text_path_for(str(tmp_path / "texts" / "a.txt"), str(tmp_path / "a.yaml")) == "texts/a.txt"
    assert text_path_for(str(tmp_path / "a.txt"), str(tmp_path / "claims" / "a.yaml")) is None
    assert source_id_for("claims/My Story.yaml") == "my-story"
    assert source_id_for("claims/%%%.yaml") == "source"


def test_article_outside_the_claim_folder_leaves_text_as_todo(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("Acme said on Monday that it would recall 4,000 toasters.\n", "utf-8")
    (tmp_path / "claims").mkdir()
    out = tmp_path / "claims" / "story.yaml"
    write_draft(str(article), str(out))
    claim_file, problems = load_file(str(out), str(tmp_path / "claims"))
    assert problems == [] and claim_file.source.text == ""
    assert "text: put the article inside the claim folder" in out.read_text("utf-8")


@pytest.mark.parametrize("value", ["no", "yes", "on", "Off", "null", "~", "2020-12-18", "010", "39", "1e3",
                                   "a: b", "x # y", "- item", "[a]", "{a}", '"q"', "it's", "  padded ",
                                   "line\u2028break", "tab\there", "ünïcödé", "back\\slash", "&anchor", "*alias",
                                   "!tag", "%x", "@x", "`x", "?", "|", ">", "ends:", "'single'"])
def test_scalars_read_back_exactly(value):
    claim_file, problems = load_text(
        f"source:\n  id: s\nclaims:\n  - subject: {scalar('x')}\n    predicate: p\n    value: {scalar(value)}\n"
        f"    note: {scalar(value)}\n", "s.yaml")
    assert problems == []
    assert claim_file.claims[0].note == value == claim_file.claims[0].value
    assert scalar(39) == "39" and scalar("") == '""'


# --- hostile text ------------------------------------------------------------------------


def test_control_character_is_an_error_naming_line_and_column(tmp_path):
    article = tmp_path / "bad.txt"
    article.write_bytes(b"A fine line.\nJane Roe\x07 said so.\n")
    with pytest.raises(UserError) as err:
        read_article(str(article))
    assert f"{article}:2:9:" in str(err.value) and "U+0007" in str(err.value)
    assert err.value.status == Exit.INPUT
    with pytest.raises(UserError, match=r"<article>:1:5: .*U\+001B"):
        extract("Acme\x1b said.", "x")


def test_not_utf8_is_an_error_naming_line_and_column(tmp_path):
    article = tmp_path / "latin1.txt"
    article.write_bytes("Caf\u00e9 owner said so.\nJos\u00e9 Roe, 39, agreed.\n".encode("latin-1"))
    with pytest.raises(UserError, match=r"latin1\.txt:1:4: .*not UTF-8 \(byte 0xe9\)"):
        read_article(str(article))


def test_bom_is_fine_and_a_missing_article_is_a_usage_error(tmp_path):
    article = tmp_path / "bom.txt"
    article.write_bytes("\ufeffJane Roe, 39, said the plan works.\n".encode())
    assert read_article(str(article)).startswith("Jane Roe")
    with pytest.raises(UserError) as err:
        read_article(str(tmp_path / "missing.txt"))
    assert err.value.status == Exit.USAGE
    with pytest.raises(UserError, match="not a regular file"):
        read_article(str(tmp_path))


@pytest.mark.parametrize("text", ["", "\n\n\n", "...", "\"\"\"", "A" * 5000, "said said said.", ", , ,",
                                  "He said.", "\u202eJane Roe, 39, said that it works.", "1, 2, 3 and 4.",
                                  "Mr. Dr. St. Inc. U.S. e.g.", "“Quote,” said.", "- 5 percent -"])
def test_odd_text_still_gives_a_loadable_file(text):
    _, problems = load_text(extract(text, "odd"), "odd.yaml")
    assert [p for p in problems if p.severity == "error"] == []


def test_a_lone_surrogate_is_refused():
    with pytest.raises(UserError, match="lone surrogate"):
        extract("Jane \ud800 Roe said so.", "x")


def test_bad_source_id_is_refused():
    with pytest.raises(UserError, match="source id"):
        extract("Jane Roe said so.", "Bad Id")


# --- never overwrite, --merge ------------------------------------------------------------------


def test_plan_write(tmp_path):
    out = tmp_path / "a.yaml"
    assert plan_write(str(out), merge=False) == "create"
    assert plan_write(str(out), merge=True) == "create"
    out.write_text("source: {}\nclaims: []\n", "utf-8")
    with pytest.raises(UserError, match="exists; extract never overwrites") as err:
        plan_write(str(out), merge=False)
    assert err.value.status == Exit.USAGE
    assert plan_write(str(out), merge=True) == "merge"
    with pytest.raises(UserError, match="is a folder"):
        plan_write(str(tmp_path), merge=True)


def test_write_draft_to_stdout_and_merge_needs_a_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Jane Roe, 39, said the plan works.\n", "utf-8")
    result = write_draft(str(article))
    assert result.mode == "stdout" and "source:\n  id: a\n" in result.text and result.written == 2
    assert list(tmp_path.iterdir()) == [article]
    with pytest.raises(UserError, match="--output"):
        write_draft(str(article), merge_into=True)


def test_write_draft_never_overwrites(tmp_path):
    out = _draft_into(tmp_path, CASES / "court-case.txt")
    before = out.read_bytes()
    with pytest.raises(UserError):
        write_draft(str(tmp_path / "texts" / "court-case.txt"), str(out))
    assert out.read_bytes() == before


def _curated(tmp_path: Path, seed: str) -> Path:
    shutil.copytree(CLAIMS / "texts", tmp_path / "texts")
    shutil.copyfile(CLAIMS / f"{seed}.yaml", tmp_path / f"{seed}.yaml")
    return tmp_path / f"{seed}.yaml"


def _removed(merged: str, original: str) -> str:
    """The merged text with one contiguous inserted block taken out."""
    head = 0
    while head < len(original) and merged[head] == original[head]:
        head += 1
    tail = len(original) - head
    return merged[:head] + merged[len(merged) - tail:] if tail else merged[:head]


@pytest.mark.parametrize("seed", SEEDS)
def test_merge_keeps_the_curated_file_byte_for_byte(tmp_path, seed):
    path = _curated(tmp_path, seed)
    original = path.read_bytes()
    result = write_draft(str(tmp_path / "texts" / f"{seed}.txt"), str(path), merge_into=True)
    merged = path.read_bytes()
    assert result.mode == "merge" and 0 < result.written < result.drafted
    assert merged.startswith(original.rstrip(b"\n"))
    assert _removed(merged.decode(), original.decode()) == original.decode()
    claim_file, problems = load_file(str(path), str(tmp_path))
    assert problems == []
    curated, _ = load_file(str(CLAIMS / f"{seed}.yaml"), str(CLAIMS))
    def view(c):
        return c.pos.line, c.pos.col, c.id, c.subject, c.predicate, c.value, c.quote, c.qualifiers, c.note

    # the curated claims: the same, in the same order, at the same lines and columns
    assert [view(c) for c in claim_file.claims[:len(curated.claims)]] == [view(c) for c in curated.claims]
    added = claim_file.claims[len(curated.claims):]
    assert len(added) == result.written
    quotes = [c.quote for c in curated.claims if c.quote]
    assert not [c for c in added if any(c.quote in q for q in quotes)]
    keys = {e.key for e in curated.entities}
    assert all(c.subject in keys or c.entity == "" for c in added)
    again = write_draft(str(tmp_path / "texts" / f"{seed}.txt"), str(path), merge_into=True)
    assert again.written == 0 and path.read_bytes() == merged  # idempotent


def test_merge_maps_subjects_to_the_files_entities():
    existing = ("source:\n  id: s\nentities:\n  roe:\n    name: Jane Roe\n    aliases: [Roe]\n"
                "claims:\n  - subject: roe\n    predicate: age\n    value: 39\n    quote: \"Jane Roe, 39\"\n")
    drafted = extract("Jane Roe, 39, said the plan works. Acme fired Roe in May 2020.\n", "s")
    merged = merge(existing, drafted)
    assert merged.startswith(existing)
    claim_file, problems = load_text(merged, "s.yaml")
    assert problems == []
    added = claim_file.claims[1:]
    assert added and all(c.subject == "roe" for c in added)
    assert not [c for c in added if c.predicate == "age"]  # its quote is covered already


@pytest.mark.parametrize("existing", [
    "source:\n  id: s\nclaims: []\n",
    "source:\n  id: s\nclaims:\n",
    "source:\n  id: s\nclaims:\n- subject: x\n  predicate: p\n  value: v\n",
    "source:\n  id: s\nclaims:\n  - subject: x\n    predicate: p\n    value: v\n# trailing comment\n",
    "claims:\n  - subject: x\n    predicate: p\n    value: v\n\n# entities follow\nentities:\n  x:\n    name: X\n"
    "source:\n  id: s\n",
    "source:\r\n  id: s\r\nclaims:\r\n  - subject: x\r\n    predicate: p\r\n    value: v\r\n",
    "source:\n  id: s\nclaims:\n  - subject: x\n    predicate: p\n    value: v",
])
def test_merge_into_any_layout(existing):
    drafted = extract("Jane Roe, 39, said the plan works.\n", "s")
    merged = merge(existing, drafted)
    claim_file, problems = load_text(merged, "s.yaml")
    assert problems == []
    assert claim_file.claims[-1].predicate in ("said", "age")
    if "[]" not in existing:
        assert _removed(merged, existing) == existing
    if "\r\n" in existing:
        assert "\n" not in merged.replace("\r\n", "")


def test_merge_refuses_a_flow_list_and_a_broken_file():
    drafted = extract("Jane Roe, 39, said the plan works.\n", "s")
    with pytest.raises(UserError, match="flow list"):
        merge("source:\n  id: s\nclaims: [{subject: x, predicate: p, value: v}]\n", drafted)
    with pytest.raises(UserError, match="has errors") as err:
        merge("source:\n  id: s\nclaims:\n  - subject: x\n", drafted)
    assert err.value.status == Exit.INPUT
