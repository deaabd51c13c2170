"""Schema findings placed in the file: NewsML-G2 errors at the file's line and column (a NITF body's
too), each problem once; ninjs documents against their version's IPTC schema; the two warning checks
(unknown ninjs properties, an empty body)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

import newsitem
from newsitem.cli import rules
from newsitem.cli.checks import empty_body, unknown_properties
from newsitem.cli.main import main
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


# --- ninjs --------------------------------------------------------------------------------

NINJS_3 = {
    "standard": {"name": "ninjs", "version": "3.1"},
    "uri": "urn:newsitem:test:1",
    "type": "text",
    "headlines": [{"value": "Pay talks resume"}],
    "bodies": [{"role": "text", "contentType": "text/plain", "value": "Talks resumed on Monday."}],
}
NINJS_2 = {
    "uri": "urn:newsitem:test:2",
    "type": "text",
    "versioncreated": "2024-05-01T10:00:00Z",
    "headlines": [{"value": "Pay talks resume"}],
    "bodies": [{"role": "text", "contenttype": "text/plain", "value": "Talks resumed on Monday."}],
}
NINJS_1 = {
    "uri": "urn:newsitem:test:3",
    "type": "text",
    "headline": "Pay talks resume",
    "body_text": "Talks resumed on Monday.",
}


def _json(doc: object) -> bytes:
    return json.dumps(doc).encode("utf-8")


@pytest.mark.parametrize("doc", [NINJS_1, NINJS_2, NINJS_3], ids=["1.x", "2.x", "3.x"])
def test_no_unknown_property_in_each_version(doc: dict[str, object]) -> None:
    """A document using only its version's properties (1.x's body_* pattern too) has none unknown."""
    assert unknown_properties(_json(doc)) == []


@pytest.mark.parametrize(
    ("doc", "key", "meant"),
    [
        (NINJS_1, "headlnie", "headline"),
        (NINJS_2, "headlnies", "headlines"),
        (NINJS_3, "pubstatus", "pubStatus"),
    ],
    ids=["1.x", "2.x", "3.x"],
)
def test_misspelt_property_named_with_the_nearest(doc: dict[str, object], key: str, meant: str) -> None:
    """A misspelt key is reported at its JSON path, naming the nearest property of its version."""
    (problem,) = unknown_properties(_json({**doc, key: "x"}))
    assert problem.where == f"$.{key}"
    assert f"did you mean {meant!r}" in problem.message


def test_unknown_properties_of_each_member() -> None:
    """In a JSON array each member's unknown key is placed under its index; bad JSON gives none."""
    problems = unknown_properties(_json([NINJS_3, {**NINJS_3, "headlnie": "x"}]))
    assert [p.where for p in problems] == ["$[1].headlnie"]
    assert unknown_properties(b"{not json") == []


def test_empty_body() -> None:
    """A story with no body, or a body without text, is an empty-body problem; a story with text is not."""
    bare = newsitem.Story(headline="FLASH: Pay talks resume")
    problem = empty_body(bare)
    assert problem is not None and problem.path == "body"
    assert empty_body(newsitem.loads(_json(NINJS_3), format="ninjs")) is None


def _findings(data: bytes, ninjs_schema: str | None = None) -> list[rules.Finding]:
    return rules.check("story.json", data, rules.Policy(ninjs_schema=ninjs_schema), layout="ninjs")


def _rule(name: str) -> str:
    """The id G registered for a rule name (the two new warnings: unknown-property, empty-body)."""
    found = [rule for rule, row in rules.RULES.items() if row[1] == name]
    if not found:
        pytest.fail(f"no rule named {name} in newsitem.cli.rules.RULES")
    return found[0]


def test_validate_warns_of_misspelt_key_and_empty_body() -> None:
    """validate --format ninjs warns of a misspelt key and of an empty body (it passed both before)."""
    doc = {key: value for key, value in NINJS_3.items() if key != "bodies"} | {"headlnie": "Pay talks"}
    found = {(f.rule, f.severity, f.where or f.path) for f in _findings(_json(doc))}
    assert (_rule("unknown-property"), "warning", "$.headlnie") in found
    assert (_rule("empty-body"), "warning", "body") in found
    assert not [f for f in _findings(_json(NINJS_3)) if f.rule in rules.RULES and f.severity == "error"]


@pytest.mark.parametrize(
    ("doc", "version"),
    [
        (NINJS_1 | {"urgency": "high"}, "1.6"),
        (NINJS_2 | {"urgency": "high"}, "2.2"),
        (NINJS_3 | {"urgency": "high"}, "3.1"),
    ],
    ids=["1.x", "2.x", "3.x"],
)
def test_each_version_against_its_schema(doc: dict[str, object], version: str) -> None:
    """With the schema folder given, each document is checked against its own version's IPTC
    schema: the break is reported once, naming that schema, at its JSON path."""
    folder = str(_needs(NINJS_SCHEMAS))
    schema_rule = _rule("ninjs-schema")
    found = [f for f in _findings(_json(doc), ninjs_schema=folder) if f.rule == schema_rule]
    assert [(f.where, f"ninjs {version} schema" in f.message) for f in found] == [("$.urgency", True)]
    clean = {key: value for key, value in doc.items() if key != "urgency"}
    assert not [f for f in _findings(_json(clean), ninjs_schema=folder) if f.rule == schema_rule]


def test_cli_newsml_schema_position_in_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`validate --newsml-schema DIR` reports a body error as FILE:LINE:COLUMN of the file, once."""
    text = _g2_document().replace("<p>Paragraph 1.", "<p><bogus>x</bogus>Paragraph 1.")
    story = tmp_path / "item.xml"
    story.write_text(text, "utf-8")
    argv = ["validate", "--isolated", "--newsml-schema", str(_needs(G2_SCHEMAS)), str(story)]
    assert main(argv) == 1
    line, column = _place(text, "<bogus>")
    found = [row for row in capsys.readouterr().out.splitlines() if "NI301" in row]
    assert len(found) == 1 and found[0].startswith(f"{story}:{line}:{column}: ")


def test_cli_ninjs_schema_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """$NEWSITEM_NINJS_SCHEMA_DIR turns the schema check on: a 2.x document breaking the 2.2 schema
    is reported at its JSON path, naming that schema."""
    monkeypatch.setenv("NEWSITEM_NINJS_SCHEMA_DIR", str(_needs(NINJS_SCHEMAS)))
    story = tmp_path / "item.json"
    story.write_bytes(_json(NINJS_2 | {"urgency": "high"}))
    assert main(["validate", "--isolated", "--from", "ninjs", "--output-format", "jsonl", str(story)]) == 1
    rows = [json.loads(row) for row in capsys.readouterr().out.splitlines()]
    schema_rule = _rule("ninjs-schema")
    assert [(r["where"], "ninjs 2.2 schema" in r["message"]) for r in rows if r["rule"] == schema_rule] == [
        ("$.urgency", True)
    ]
