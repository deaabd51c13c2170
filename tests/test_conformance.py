"""The standards' own suites: every NewsML-G2 and ninjs conformance file is read or refused
with the reason, and nothing raises a foreign exception (rules in tests/conformance_report.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsitem.errors import ParseError, UsageError, ValidationError

from . import conformance_report as cr

PENDING: dict[str, str] = {}
"""Files known to fail, with why; their owners are fixing them (see /work/brief/conformance.md).
A fixed file passes (XPASS) and leaves the list when it is next refreshed."""

FILES = list(cr.files()) if cr.CORPUS.is_dir() else []


def _param(path: Path, fmt: str) -> object:
    name = str(path.relative_to(cr.CORPUS))
    marks = [pytest.mark.xfail(reason=PENDING[name], strict=False)] if name in PENDING else []
    return pytest.param(path, fmt, id=name, marks=marks)


@pytest.mark.skipif(not FILES, reason=f"needs the shared corpus at {cr.CORPUS} (CI has it; a clone does not)")
@pytest.mark.parametrize(("path", "fmt"), [_param(p, f) for p, f in FILES] or [pytest.param(None, None)])
def test_conformance_file(path: Path, fmt: str) -> None:
    """The file is read, or refused with the reason (should-pass), or gives only our errors."""
    outcome = cr.outcome(path, fmt)
    assert outcome.status != "failed", outcome.detail


@pytest.mark.skipif(not FILES, reason=f"needs the shared corpus at {cr.CORPUS}")
def test_pending_files_exist() -> None:
    """Every pending entry names a file of the suites, so the list cannot hide a typo."""
    names = {str(p.relative_to(cr.CORPUS)) for p, _ in FILES}
    assert set(PENDING) <= names


@pytest.mark.skipif(not FILES, reason=f"needs the shared corpus at {cr.CORPUS}")
def test_both_suites_and_both_expectations_are_run() -> None:
    """The run covers both suites, and should-pass and should-fail folders of each."""
    seen = {(p.relative_to(cr.CORPUS).parts[0], p.parent.name) for p, _ in FILES}
    for suite, _ in cr.SUITES:
        assert {(suite, "should_pass"), (suite, "should_fail")} <= seen


# --- the judge itself, on small documents of our own --------------------------------------


def _write(tmp_path: Path, expectation: str, name: str, text: str) -> Path:
    folder = tmp_path / expectation
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


G2_PICTURE = """<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g" version="1"
 standard="NewsML-G2" standardversion="2.35" conformance="power">
 <!-- a comment before the item class -->
 <itemMeta><itemClass qcode="ninat:picture"/><provider qcode="nprov:X"/>
 <versionCreated>2024-01-01T00:00:00Z</versionCreated></itemMeta></newsItem>"""


def test_declared_kind_from_the_raw_document(tmp_path: Path) -> None:
    """The kind comes from the root element, the itemClass (QCode or URI) or the ninjs type."""
    assert cr.declared_kind(_write(tmp_path, "should_pass", "p.xml", G2_PICTURE), "newsml-g2") == "picture"
    package = '<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>'
    assert cr.declared_kind(_write(tmp_path, "should_pass", "k.xml", package), "newsml-g2") == "package"
    by_uri = G2_PICTURE.replace('qcode="ninat:picture"', 'uri="http://cv.iptc.org/newscodes/ninat/video/"')
    assert cr.declared_kind(_write(tmp_path, "should_pass", "v.xml", by_uri), "newsml-g2") == "video"
    text = G2_PICTURE.replace("ninat:picture", "ninat:text")
    assert cr.declared_kind(_write(tmp_path, "should_pass", "t.xml", text), "newsml-g2") is None
    event = json.dumps({"uri": "u", "type": "event"})
    assert cr.declared_kind(_write(tmp_path, "should_pass", "e.json", event), "ninjs") == "event"
    plain = json.dumps({"uri": "u", "type": "text"})
    assert cr.declared_kind(_write(tmp_path, "should_pass", "t.json", plain), "ninjs") is None


def test_a_refusal_must_name_the_declared_kind(tmp_path: Path) -> None:
    """A NewsML-G2 picture is accepted as refused only because the reader says 'picture'."""
    path = _write(tmp_path, "should_pass", "p.xml", G2_PICTURE)
    outcome = cr.outcome(path, "newsml-g2")
    assert outcome.status == "refused", outcome.detail
    assert "picture" in outcome.detail
    assert cr._reasoned(ValidationError.single("$", "no headline"), "picture") is not None
    assert cr._reasoned(ParseError("the item is a photo", format="x"), "picture") is None


def test_a_refusal_without_a_kind_must_say_there_is_no_text() -> None:
    """A fragment may be refused for having no text; an unexplained refusal fails; UsageError fails."""
    assert (
        cr._reasoned(ValidationError.single("$", "a story needs a headline, a body or a summary"), None)
        is None
    )
    assert cr._reasoned(ParseError("something went wrong", format="x"), None) is not None
    assert cr._reasoned(UsageError("no"), None) is not None


def test_should_fail_documents_may_read_or_be_refused(tmp_path: Path) -> None:
    """A should-fail document with a story reads (its notes counted: what was invalid); one that is
    not JSON is refused by our error."""
    story = _write(tmp_path, "should_fail", "s.json", json.dumps({"uri": "u", "headline": "Hello"}))
    assert (cr.outcome(story, "ninjs").status, cr.outcome(story, "ninjs").notes) == ("read", 0)
    noted = _write(
        tmp_path, "should_fail", "n.json", json.dumps({"uri": "u", "headline": "H", "language": "x y"})
    )
    assert cr.outcome(noted, "ninjs").notes == 1  # what was invalid is said
    broken = _write(tmp_path, "should_fail", "b.json", '{"uri": ')
    outcome = cr.outcome(broken, "ninjs")
    assert outcome.status == "refused", outcome.detail


def test_a_media_item_read_as_a_story_fails(tmp_path: Path) -> None:
    """A should-pass ninjs picture that the reader turns into a story is a failure, saying so."""
    picture = {"uri": "u", "type": "picture", "headline": "A cat", "body_text": "It sits."}
    path = _write(tmp_path, "should_pass", "p.json", json.dumps(picture))
    outcome = cr.outcome(path, "ninjs")
    if outcome.status != "failed":  # the ninjs reader refuses pictures: then it must say so
        assert outcome.status == "refused" and "picture" in outcome.detail.lower()
    else:
        assert "picture item read as a story" in outcome.detail
