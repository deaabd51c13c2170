"""Real corpus files read right field by field (tests/data/<format>/<stem>.fields.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsitem import Byline, Story

from . import corpus_fields as cf
from . import corpus_report, pending
from .conftest import DATA

CHECKS = cf.checks()


def _message(outcome: cf.Outcome) -> str:
    lines = [f"{outcome.check.source}: {outcome.status} {outcome.error or ''}".rstrip()]
    lines += [f"  {name}: expected {exp!r}, got {got!r}" for name, (exp, got) in outcome.wrong.items()]
    return "\n".join(lines)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.stem)
def test_corpus_fields(check: cf.Check) -> None:
    """The corpus file reads with every checked field right (or is refused as checked),
    and each field marked ``wrong`` is still wrong, so a fix forces the check's update."""
    if not check.corpus_file.exists():
        pytest.skip(f"needs the shared corpus at {check.corpus_file}")
    if not cf.registered(check.format):
        pytest.skip(f"format {check.format!r} is not registered yet (being written for this issue)")
    outcome = cf.run(check)
    assert outcome.status == ("refused" if check.refused is not None else "read"), _message(outcome)
    unexpected = {k: v for k, v in outcome.wrong.items() if k not in check.wrong}
    assert not unexpected, _message(outcome)
    fixed = sorted(set(check.wrong) - set(outcome.wrong))
    assert not fixed, f"{check.source}: now right, drop from 'wrong': {fixed}"
    if outcome.precision is not None and outcome.recall is not None:
        shown = f"{check.source}: precision {outcome.precision:.3f}, recall {outcome.recall:.3f}"
        assert outcome.precision >= check.least("precision"), shown
        assert outcome.recall >= check.least("recall"), shown


@pytest.mark.parametrize("folder", cf.FOLDERS)
def test_corpus_is_covered(folder: str) -> None:
    """Every file of the corpus folder has expected values, a field check, is known to hold
    no story, or is listed as pending; none is both checked and pending."""
    corpus = cf.CORPUS / folder
    if not corpus.exists():
        pytest.skip(f"needs the shared corpus at {corpus}")
    names = {p.name for p in corpus.iterdir() if p.is_file()}
    expected = {p.name.replace(".expected.json", "") for p in (DATA / folder).glob("*.expected.json")}
    stems = {Path(n).stem: n for n in names}
    known = {stems[s] for s in expected if s in stems}
    known |= cf.covered()[folder]
    waiting: set[str] = set()
    if folder == "newsml-g2":
        from .test_newsmlg2 import NOT_STORIES  # the NewsML-G2 tests own the list of non-stories

        known |= {stems[s] for s in NOT_STORIES if s in stems}
        waiting = {stems[s] for s in pending.NEWSML_G2 if s in stems}
    elif folder == "ninjs":
        waiting = set(pending.NINJS)
    else:
        waiting = set(pending.OTHER.get(folder, frozenset()))
    assert not known & waiting, f"checked yet still pending: {sorted(known & waiting)}"
    assert names <= known | waiting, f"not covered: {sorted(names - known - waiting)}"


def test_check_sources_exist_and_match_their_name() -> None:
    """Each field check names a corpus file of its own folder with its own stem."""
    for check in CHECKS:
        assert check.path.parent.name == check.folder, check.path
        assert Path(check.source).stem == check.stem, check.path
        if cf.CORPUS.exists():
            assert check.corpus_file.exists(), check.source


def test_observed_maps_a_story() -> None:
    """observed() gives each checked field of a story: names, ISO times, kinds, word count."""
    story = Story(
        headline="H",
        bylines=[Byline(name="Ana Lima"), Byline(name="AP", kind="organisation")],
        body=["one two", "three"],
    )
    got = cf.observed(story)
    assert got["bylines"] == ["Ana Lima", "AP"]
    assert got["byline_kinds"] == ["person", "organisation"]
    assert (got["body_first"], got["body_last"], got["body_blocks"]) == ("one two", "three", 2)
    assert got["body_kinds"] == {"paragraph": 2}
    assert got["body_words"] == 3
    assert got["published"] is None


def test_compare_collapses_whitespace_and_kinds() -> None:
    """Text compares after collapsing whitespace; body_kinds rejects an unnamed kind."""
    assert cf.same("headline", "A  b\n c", "A b c")
    assert not cf.same("headline", "A b", "A c")
    assert cf.same("body_kinds", {"table": 1}, {"paragraph": 3, "table": 1})
    assert not cf.same("body_kinds", {"table": 1}, {"table": 1, "heading": 1})
    assert not cf.same("body_kinds", {"table": 1}, {"paragraph": 3})


def test_word_count_range_and_overlap() -> None:
    """A word count may be a range, and overlap counts shared words as multisets, case folded."""
    assert cf.same("body_words", [10, 12], 11)
    assert not cf.same("body_words", [10, 12], 13)
    assert not cf.same("body_words", 11, 12)
    precision, recall = cf.overlap("The cat, the CAT sat", "the cat sat on the mat")
    assert (precision, recall) == (4 / 5, 4 / 6)
    assert cf.overlap("", "") == (1.0, 1.0)
    assert cf.overlap("", "words here") == (0.0, 0.0)


def test_bad_check_file_is_rejected(tmp_path: Path) -> None:
    """A field-check file naming an unknown field, or both refused and fields, is an error."""
    bad = tmp_path / "x.fields.json"
    bad.write_text(json.dumps({"source": "ninjs/x.json", "format": "ninjs", "fields": {"colour": 1}}))
    with pytest.raises(ValueError, match="unknown fields"):
        cf.load_check(bad)
    bad.write_text(json.dumps({"source": "ninjs/x.json", "format": "ninjs", "fields": {}, "refused": "x"}))
    with pytest.raises(ValueError, match="exactly one"):
        cf.load_check(bad)


def test_wrong_must_name_a_checked_field(tmp_path: Path) -> None:
    """A field marked ``wrong`` that the file does not check is an error, so no mark is stale."""
    bad = tmp_path / "x.fields.json"
    data = {"source": "ninjs/x.json", "format": "ninjs", "fields": {"headline": "H"}, "wrong": {"url": "why"}}
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="'wrong' field is not checked"):
        cf.load_check(bad)


def test_report_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """python -m tests.corpus_report prints per folder the field checks and every file read/refused/failed."""
    if not cf.CORPUS.exists():
        pytest.skip(f"needs the shared corpus at {cf.CORPUS}")
    corpus_report.main([])
    out = capsys.readouterr().out
    assert "newsml-g2" in out and "fields right" in out
    assert re.search(r"all \d+ files: read \d+ / refused \d+ / failed \d+", out)
