"""Schema findings placed in the file: NewsML-G2 errors at the file's line and column (a NITF body's
too), each problem once; ninjs documents against their version's IPTC schema; the two warning checks
(unknown ninjs properties, an empty body)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import newsitem
from newsitem.errors import ValidationError
from newsitem.formats.newsmlg2 import schema as newsml

SHARED = Path(__file__).resolve().parents[2] / "shared"
G2_SCHEMAS = SHARED / "schemas" / "newsml-g2-2.35"
NINJS_SCHEMAS = SHARED / "schemas" / "ninjs"


def _needs(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"needs the IPTC schemas in {folder} (CI has ../shared; a user's clone does not)")
    return folder


def _g2_document(paragraphs: int = 2) -> str:
    """A schema-valid NewsML-G2 item written by newsitem, one element a line."""
    story = newsitem.Story(
        headline="Pay talks resume",
        body=tuple(newsitem.Paragraph(runs=[f"Paragraph {n}."]) for n in range(paragraphs)),
        language="en",
        guid="urn:newsitem:test:1",
    )
    tree = etree.fromstring(newsitem.dumps(story, format="newsml-g2"))
    etree.indent(tree)
    return etree.tostring(tree, encoding="unicode")


def _message(item: str, items: int) -> str:
    """A newsMessage of ``items`` copies of ``item``."""
    body = "\n".join(item for _ in range(items))
    return (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">\n'
        "<header><sent>2024-05-01T10:00:00Z</sent></header>\n"
        f"<itemSet>\n{body}\n</itemSet>\n</newsMessage>\n"
    )


def _problems(text: str) -> list[newsitem.Problem]:
    with pytest.raises(ValidationError) as caught:
        newsml.validate(text.encode("utf-8"), schema_dir=_needs(G2_SCHEMAS))
    return list(caught.value.problems)


def _place(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """The 1-based line and column of the ``occurrence``-th ``needle`` in ``text``."""
    offset = [m.start() for m in re.finditer(re.escape(needle), text)][occurrence]
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_valid_item_has_no_problem() -> None:
    """The unmodified document the other tests break is schema-valid (so each problem below is the break)."""
    newsml.validate(_g2_document().encode("utf-8"), schema_dir=_needs(G2_SCHEMAS))


def test_body_error_at_file_line_and_column() -> None:
    """An element the NITF schema refuses inside a body is reported at its line and column in the file."""
    text = _g2_document().replace("<p>Paragraph 1.", "<p><bogus>x</bogus>Paragraph 1.")
    (problem,) = _problems(text)
    assert (problem.line, problem.column) == _place(text, "<bogus>")
    assert problem.message.startswith("NITF body: ")
    assert problem.where is not None and problem.where.endswith("/body.content/p[2]/bogus")


def test_item_error_has_column() -> None:
    """A NewsML-G2 error outside the body has the column of the element's start tag too."""
    text = _g2_document().replace("<headline>", '<headline bogus="1">')
    (problem,) = _problems(text)
    assert (problem.line, problem.column) == _place(text, "<headline")


def test_prefixed_body_errors_at_file_lines() -> None:
    """A body written with a namespace prefix (whose libxml2 path names the prefix) is placed in the
    file too, not at a line counted from the start of the body."""
    item = _g2_document().replace("<nitf xmlns=", '<n:nitf version="9" xmlns:n=')
    item = item.replace("</nitf>", "</n:nitf>").replace("<body>", "<n:body>").replace("</body>", "</n:body>")
    item = re.sub(r"<(/?)(body\.content|p)>", r"<\1n:\2>", item)
    problems = _problems(item)
    assert problems
    for problem in problems:
        assert problem.line is not None and problem.line >= _place(item, "<n:nitf")[0]
        assert problem.where is not None and "n:" not in problem.where and problem.column is not None
    assert (problems[0].line, problems[0].column) == _place(item, "<n:nitf")


def test_message_problems_once_each_at_their_items() -> None:
    """In a newsMessage of three items with the same break, each item's problem is reported once,
    at that item's place, and no problem twice."""
    item = _g2_document().split("\n", 1)[1] if _g2_document().startswith("<?xml") else _g2_document()
    item = item.replace("<p>Paragraph 0.", "<p><bogus/>Paragraph 0.")
    text = _message(item, 3)
    problems = _problems(text)
    places = [(p.line, p.column) for p in problems if "bogus" in p.message]
    assert places == [_place(text, "<bogus/>", n) for n in range(3)]
    keys = [(p.line, p.column, p.where, p.message) for p in problems]
    assert len(keys) == len(set(keys))
