"""The canonical JSON format: round trip, byte stability, the schema, version 1, containers and bad input."""

from __future__ import annotations

import json
import time
import typing
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import (
    Byline,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    ParseError,
    Preformatted,
    Quote,
    Run,
    Story,
    Subject,
    Table,
    ValidationError,
)
from newsitem.formats import _converter
from newsitem.formats import json as njson
from newsitem.model import Block, is_uri
from newsitem.strategies import stories

from .conftest import DATA
from .examples import full_story
from .test_invalid import rendered

VALID = sorted((DATA / "json" / "valid").glob("*.json"))
VALID = [path for path in VALID if not path.name.endswith(".canonical.json")]
INVALID = sorted((DATA / "json" / "invalid").glob("*.json"))
CONTAINERS = DATA / "json" / "containers"
SCHEMA = newsitem.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
VALIDATOR_1 = jsonschema.Draft202012Validator(
    json.loads(resources.files("newsitem").joinpath("schemas/newsitem-1.schema.json").read_text("utf-8"))
)


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


WELL_FORMED_INVALID = [path for path in INVALID if _is_json(path)]


def offsets(story: Story) -> list[timedelta | None]:
    """The offsets of the story's three times (None where a time is absent or a day)."""
    return [
        t.utcoffset() if isinstance(t, datetime) else None
        for t in (story.published, story.updated, story.embargoed)
    ]


def kinds(story: Story) -> list[type | None]:
    """The exact types of the story's three times: a day (date) is never a datetime."""
    return [None if t is None else type(t) for t in (story.published, story.updated, story.embargoed)]


def blocks_story() -> Story:
    """A headline-less story with every block kind, a day, an organisation byline and a QCode."""
    return Story(
        bylines=[Byline(name="Reuters", kind="organisation"), Byline(name="Ana Ruiz", role="editor")],
        published=date(2017, 7, 27),
        updated=datetime(2017, 7, 28, 6, 5, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
        subjects=[Subject(code="FIEG_Categories:CRO", name="Cronaca"), Subject(code="medtop:20000002")],
        body=[
            Paragraph.plain("Results of the regional final."),
            Heading(runs=["How it ", Run(text="went", emphasis=True)]),
            Heading(runs=["Second half"], level=4),
            Quote(body=["We played well.", "We will be back."], attribution="The coach"),
            Quote(body=[Paragraph(runs=[Run(text="Unattributed", strong=True)])]),
            ListBlock(items=["First", "Second"]),
            ListBlock(
                items=["Lift", Paragraph(runs=["Read ", Run(text="more", link="https://example.com/m")])],
                ordered=True,
            ),
            Table(
                rows=[("Team", "Pts"), ("North", "21"), ("South", ""), ("Abandoned: rain",)], header_rows=1
            ),
            Table(rows=[(" ", "x")]),
            Preformatted(text="NORTH  21\n\tSOUTH  17\n"),
            Figure(
                uri="https://example.com/photo.jpg",
                caption="The final",
                credit="Photo/Desk",
                alt="Players on a pitch",
            ),
            Figure(uri="urn:example:picture:7"),
        ],
    )


class TestRoundTrip:
    """Compact and indented documents, byte stability, the two backends and the schema over generated stories."""

    @given(stories(), st.sampled_from([None, 0, 2]))
    def test_round_trip(self, story: Story, indent: int | None) -> None:
        """Every generated story (all block kinds, no headline, days, organisations, QCodes) reads back equal, compact or indented, its times of the same type with the same offsets."""
        back = newsitem.loads(newsitem.dumps(story, indent=indent))
        assert back == story
        assert kinds(back) == kinds(story)
        assert offsets(back) == offsets(story)

    @given(stories())
    def test_byte_stable(self, story: Story) -> None:
        """dumps(loads(dumps(s))) == dumps(s)."""
        text = newsitem.dumps(story)
        assert newsitem.dumps(newsitem.loads(text)) == text

    @given(stories())
    def test_backends_agree(self, story: Story) -> None:
        """The stdlib and orjson backends write the same document and read it the same way."""
        stdlib = njson.dumps(story, backend="json")
        assert njson.dumps(story, backend="orjson") == stdlib
        assert njson._loads(stdlib, "json") == njson._loads(stdlib.encode(), "orjson") == story

    @given(stories())
    def test_documents_validate_against_the_schema(self, story: Story) -> None:
        """Every generated document is valid under the shipped JSON Schema."""
        errors = [error.message for error in VALIDATOR.iter_errors(json.loads(newsitem.dumps(story)))]
        assert errors == []

    @given(stories())
    def test_deterministic(self, story: Story) -> None:
        """An equal story built anew gives the same bytes and the same minted guid (mint_guid hashes this document)."""
        again = attrs.evolve(story, body=list(story.body), bylines=list(story.bylines))
        assert again is not story
        assert njson.dumps(again) == njson.dumps(story)
        assert newsitem.mint_guid(again) == newsitem.mint_guid(story)

    @given(stories())
    def test_only_json_types(self, story: Story) -> None:
        """The intermediate form holds only JSON types, the marker first."""
        document = njson._to_builtins(story)
        assert next(iter(document)) == "newsitem"
        assert json.loads(json.dumps(document)) == json.loads(newsitem.dumps(story))


class TestLayout:
    """The shape of the written document."""

    def test_marker_first_and_compact(self) -> None:
        """Compact output starts with the version marker."""
        assert newsitem.dumps(Story(headline="Hi")) == '{"newsitem":"2","headline":"Hi"}'

    def test_indent(self) -> None:
        """indent= gives a document for people."""
        assert (
            newsitem.dumps(Story(headline="Hi"), indent=2) == '{\n  "newsitem": "2",\n  "headline": "Hi"\n}'
        )

    def test_no_headline_is_no_key(self) -> None:
        """A story without a headline has no headline key (null is never written)."""
        assert newsitem.dumps(Story(summary="Only this")) == '{"newsitem":"2","summary":"Only this"}'

    def test_blocks_are_tagged_first_paragraphs_are_not(self) -> None:
        """A paragraph is a string or an array; every other block is an object whose first key is its type, then its fields at a non-default value."""
        body = json.loads(newsitem.dumps(blocks_story()))["body"]
        assert body[0] == "Results of the regional final."
        assert body[2] == {"type": "heading", "runs": "Second half", "level": 4}
        assert body[5] == {"type": "list", "items": ["First", "Second"]}
        assert body[8] == {"type": "table", "rows": [[" ", "x"]]}
        assert body[11] == {"type": "figure", "uri": "urn:example:picture:7"}
        tags = [next(iter(block.values())) for block in body if type(block) is dict]
        assert [key for block in body if type(block) is dict for key in list(block)[:1]] == ["type"] * len(
            tags
        )
        assert set(tags) == set(_converter.BLOCK_TAGS.values())

    def test_every_block_class_has_a_tag(self) -> None:
        """Every class of the Block union is the paragraph or has a type tag of its own."""
        classes = set(typing.get_args(Block))
        assert classes == {Paragraph, *_converter.BLOCK_TAGS}
        assert len(set(_converter.BLOCK_TAGS.values())) == len(_converter.BLOCK_TAGS)

    def test_day_and_midnight_differ(self) -> None:
        """A day is written YYYY-MM-DD and a midnight datetime in full, and each reads back as what it was."""
        day = Story(headline="x", published=date(2024, 5, 1), updated=date(2024, 5, 2))
        midnight = Story(
            headline="x",
            published=datetime(2024, 5, 1),
            updated=datetime(2024, 5, 2, tzinfo=timezone(timedelta(0))),
        )
        assert json.loads(newsitem.dumps(day))["published"] == "2024-05-01"
        assert json.loads(newsitem.dumps(midnight))["published"] == "2024-05-01T00:00:00"
        assert kinds(newsitem.loads(newsitem.dumps(day))) == [date, date, None]
        assert kinds(newsitem.loads(newsitem.dumps(midnight))) == [datetime, datetime, None]
        assert newsitem.loads(newsitem.dumps(day)) != midnight

    def test_byline_kind_only_when_organisation(self) -> None:
        """A person byline has no kind key (the default); an organisation's is written "organisation"."""
        story = Story(headline="x", bylines=[Byline(name="A"), Byline(name="AFP", kind="organization")])
        assert json.loads(newsitem.dumps(story))["bylines"] == [
            {"name": "A"},
            {"name": "AFP", "kind": "organisation"},
        ]

    def test_non_ascii_written_as_is(self) -> None:
        """Non-ASCII text is written as UTF-8, not escaped."""
        assert "Zürich 𝕳" in newsitem.dumps(Story(headline="Zürich 𝕳"))

    def test_key_order_is_model_order(self) -> None:
        """Keys follow the model's field order, whatever the input order."""
        keys = list(json.loads(newsitem.dumps(full_story())))
        fields = ["newsitem", *(f.name for f in Story.__attrs_attrs__)]
        assert keys == fields

    def test_dumps_needs_a_story(self) -> None:
        """Passing something else is a TypeError, not a silent dict dump."""
        with pytest.raises(TypeError, match="takes a Story"):
            njson.dumps({"headline": "x"})  # type: ignore[arg-type]

    def test_unknown_backend(self) -> None:
        """A backend name is checked."""
        with pytest.raises(ValueError, match="backend must be"):
            njson.dumps(Story(headline="x"), backend="simplejson")  # type: ignore[arg-type]


class TestFixtures:
    """Files in tests/data/json: valid ones with their canonical form; invalid ones (their errors: tests/test_invalid.py)."""

    @pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
    def test_valid(self, path: Path) -> None:
        """A valid file reads, and writes back (indent=2) as its .canonical.json, or as itself."""
        story = newsitem.load(path)
        canonical = path.with_name(path.stem + ".canonical.json")
        expected = (canonical if canonical.exists() else path).read_text("utf-8")
        assert newsitem.dumps(story, indent=2) + "\n" == expected
        assert list(VALIDATOR.iter_errors(json.loads(expected))) == []

    @pytest.mark.parametrize("name", ["full.json", "v1-full.json"])
    def test_full_fixture_is_the_full_story(self, name: str) -> None:
        """full.json holds exactly the story of tests/examples.py, offsets included; its version-1
        form all of it but the fields version 1 had no key for (located, ednote, links)."""
        story = newsitem.load(DATA / "json" / "valid" / name)
        expected = full_story() if name == "full.json" else _version_1_fields(full_story())
        assert story == expected
        assert offsets(story) == offsets(expected)

    def test_blocks_fixture(self) -> None:
        """blocks.json holds the every-block story: no headline, a day, an organisation, a QCode whose alias holds '_'."""
        story = newsitem.load(DATA / "json" / "valid" / "blocks.json")
        assert story == blocks_story()
        assert story.headline is None
        assert kinds(story) == [date, datetime, None]
        assert offsets(story) == offsets(blocks_story())

    def test_version_1_and_2_give_the_same_guid(self) -> None:
        """The same story read from a version-1 and a version-2 document mints the same guid."""
        one = newsitem.load(DATA / "json" / "valid" / "v1-full.json")
        two = _version_1_fields(newsitem.load(DATA / "json" / "valid" / "full.json"))
        assert newsitem.mint_guid(attrs.evolve(one, url=None)) == newsitem.mint_guid(
            attrs.evolve(two, url=None)
        )

    @pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
    def test_invalid_stdlib_backend(self, path: Path) -> None:
        """The stdlib backend raises the class orjson raises (tests/test_invalid.py checks orjson's against .expected), and the same validation problems and refused numbers."""
        errors = []
        for backend in ("orjson", "json"):
            with pytest.raises((ParseError, ValidationError)) as exc:
                njson._loads(path.read_bytes(), backend)
            errors.append(exc.value)
        assert type(errors[1]) is type(errors[0])
        if isinstance(errors[1], ValidationError) or "too large" in str(errors[0]):
            assert rendered(errors[1]) == path.with_suffix(".expected").read_text("utf-8")

    @pytest.mark.parametrize(
        ("text", "column", "message"),
        [
            ('{"a": NaN}', 7, "NaN is not a JSON value"),
            ('{"a": [1, -Infinity]}', 11, "-Infinity is not a JSON value"),
            ('{"a": "NaN 1e400", "b": 1e400}', 25, "a number too large"),
            ('{"a": -1' + "0" * 5000 + "}", 7, "a number too large"),
        ],
    )
    def test_stdlib_refused_values_are_placed(self, text: str, column: int, message: str) -> None:
        """Values the standard library parses and the format refuses (NaN, Infinity, a number too large) are our ParseError at the value."""
        with pytest.raises(ParseError, match=message) as exc:
            njson._loads(text, "json")
        assert (exc.value.line, exc.value.column) == (1, column)
        assert "sys." not in exc.value.message

    @pytest.mark.parametrize("path", WELL_FORMED_INVALID, ids=lambda p: p.name)
    def test_schema_agrees_on_invalid(self, path: Path) -> None:
        """What the reader refuses in well-formed JSON, the schema refuses too."""
        assert not VALIDATOR.is_valid(json.loads(path.read_bytes()))

    def test_load_names_the_file(self, tmp_path: Path) -> None:
        """Errors from load() lead with the file name."""
        path = tmp_path / "story.json"
        path.write_text('{"newsitem": "2", "headline": 7}', "utf-8")
        with pytest.raises(ValidationError) as exc:
            newsitem.load(path)
        assert str(exc.value) == f"{path}: $.headline: expected a string, got the number 7 (json)"


class TestMalformed:
    """Hostile input gives our errors and nothing else."""

    def test_deep_nesting(self) -> None:
        """100,000 nested arrays are a ParseError, not a RecursionError."""
        text = '{"newsitem": "2", "headline": "x", "body": ' + "[" * 100_000 + "]" * 100_000 + "}"
        for backend in ("json", "orjson"):
            with pytest.raises(ParseError, match="malformed JSON: nested too deeply"):
                njson._loads(text, backend)  # type: ignore[arg-type]

    def test_fifty_megabyte_unterminated_string(self) -> None:
        """A 50 MB string that never ends: ParseError with a short message."""
        text = '{"newsitem": "2", "headline": "' + "x" * 50_000_000
        with pytest.raises(ParseError) as exc:
            newsitem.loads(text)
        assert exc.value.line == 1
        assert len(str(exc.value)) < 200

    def test_fifty_megabyte_string_of_the_wrong_type(self) -> None:
        """A 50 MB string where an array belongs: ValidationError with a short message."""
        text = '{"newsitem": "2", "headline": "x", "keywords": "' + "k" * 50_000_000 + '"}'
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(text)
        assert exc.value.problems[0].path == "$.keywords"
        assert len(str(exc.value)) < 200

    def test_fifty_megabyte_headline_is_valid(self) -> None:
        """A 50 MB headline is long but lawful: it reads back intact."""
        story = newsitem.loads('{"newsitem": "2", "headline": "' + "h" * 50_000_000 + '"}')
        assert story.headline is not None
        assert len(story.headline) == 50_000_000

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity_are_not_json(self, constant: str) -> None:
        """Both backends refuse the non-standard constants the stdlib would accept."""
        for backend in ("json", "orjson"):
            with pytest.raises(ParseError, match="malformed JSON"):
                njson._loads(f'{{"newsitem": "2", "headline": "x", "urgency": {constant}}}', backend)  # type: ignore[arg-type]

    def test_lone_surrogate_escape(self) -> None:
        r"""A JSON \ud800 escape is valid JSON but not XML-safe text: ValidationError."""
        with pytest.raises(ValidationError, match=r"\$.headline: must not contain U\+D800"):
            njson._loads('{"newsitem": "2", "headline": "a\\ud800"}', "json")

    def test_bom_is_skipped(self) -> None:
        """A UTF-8 byte-order mark before the document is ignored."""
        assert newsitem.loads(b'\xef\xbb\xbf{"newsitem": "2", "headline": "x"}') == Story(headline="x")

    def test_loads_needs_text(self) -> None:
        """A non-text argument is a TypeError."""
        with pytest.raises(TypeError, match="takes str or bytes"):
            newsitem.loads(123)  # type: ignore[arg-type]

    @given(
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(),
            lambda inner: (
                st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=20,
        )
    )
    def test_arbitrary_json_values(self, value: object) -> None:
        """Any JSON value in any field position gives a Story or ValidationError."""
        for key in ("headline", "bylines", "body", "extras", "source", "published", "urgency"):
            document = {"newsitem": "2", "headline": "x", key: value}
            try:
                result = newsitem.loads(json.dumps(document))
            except ValidationError:
                continue
            assert isinstance(result, Story)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)


class TestBlockInput:
    """Any JSON in a block gives a Story or our ValidationError, and the schema agrees with the reader."""

    @given(st.sampled_from(sorted(_converter.BLOCK_TAGS.values())), st.text(max_size=12), JSON_VALUES)
    def test_arbitrary_block_members(self, tag: str, key: str, value: object) -> None:
        """A block object with any member holding any JSON value reads or is refused with a ValidationError, as the schema says."""
        for field in ("runs", "body", "items", "rows", "text", "uri", "level", "ordered", "header_rows", key):
            document = {"newsitem": "2", "headline": "x", "body": [{"type": tag, field: value}]}
            try:
                newsitem.loads(json.dumps(document))
            except ValidationError:
                continue
            assert VALIDATOR.is_valid(document)


def _defs_of(name: str) -> dict[str, Any]:
    definition: dict[str, Any] = SCHEMA["$defs"][name]
    return definition


class TestSchema:
    """The shipped JSON Schema (draft 2020-12) describes format version 2, every block and every field."""

    def test_is_version_2(self) -> None:
        """newsitem.json_schema() is the version-2 schema and a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(SCHEMA)
        assert SCHEMA["properties"]["newsitem"] == {
            "const": "2",
            "description": SCHEMA["properties"]["newsitem"]["description"],
        }
        assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    @pytest.mark.parametrize(
        ("cls", "definition"),
        [(Story, None), (Byline, "byline"), (Subject, "subject")]
        + [(cls, tag) for cls, tag in _converter.BLOCK_TAGS.items()],
        ids=lambda value: getattr(value, "__name__", str(value)),
    )
    def test_every_field_is_described(self, cls: type, definition: str | None) -> None:
        """Each model class's fields (and a block's "type") are exactly the properties its schema object names."""
        schema = SCHEMA if definition is None else _defs_of(definition)
        expected = {field.name for field in attrs.fields(cls)}
        expected |= {"newsitem"} if definition is None else set()
        expected |= {"type"} if cls in _converter.BLOCK_TAGS else set()
        assert set(schema["properties"]) == expected
        assert schema["additionalProperties"] is False
        if cls in _converter.BLOCK_TAGS:
            assert schema["properties"]["type"] == {"const": _converter.BLOCK_TAGS[cls]}

    def test_every_block_is_in_the_union(self) -> None:
        """The schema's block is one of the paragraph and one object per type tag."""
        names = [ref["$ref"].removeprefix("#/$defs/") for ref in _defs_of("block")["oneOf"]]
        assert names == ["paragraph", *_converter.BLOCK_TAGS.values()]

    @given(stories())
    def test_not_a_version_1_document(self, story: Story) -> None:
        """A version-2 document never passes as version 1: the marker differs."""
        assert not VALIDATOR_1.is_valid(json.loads(newsitem.dumps(story)))

    @pytest.mark.parametrize(
        "document",
        [
            {"newsitem": "2"},
            {"newsitem": "2", "body": []},
            {"newsitem": "2", "headline": "x", "published": "2024-05-01T"},
            {"newsitem": "2", "headline": "x", "embargoed": "2024-05-01"},
            {"newsitem": "2", "headline": "x", "subjects": [{"code": "no colon"}]},
            {"newsitem": "2", "headline": "x", "bylines": [{"name": "A", "kind": "company"}]},
            {"newsitem": "2", "headline": "x", "body": [{"type": "paragraph", "runs": "x"}]},
            {"newsitem": "2", "headline": "x", "body": [{"type": "table", "rows": [["a\tb"]]}]},
        ],
    )
    def test_schema_and_reader_refuse_alike(self, document: dict[str, Any]) -> None:
        """Documents the reader refuses (no headline, body or summary; a bad day; a bad code, kind, tag or cell) the schema refuses too."""
        with pytest.raises(ValidationError):
            newsitem.loads(json.dumps(document))
        assert not VALIDATOR.is_valid(document)


def _as_version_1(story: Story) -> Story:
    """The story made expressible in format version 1 (a headline, person bylines, URI codes, datetimes,
    paragraphs, no located, ednote or links)."""
    return attrs.evolve(
        story,
        located=None,
        ednote=None,
        links=(),
        headline=story.headline or "x",
        bylines=[attrs.evolve(byline, kind="person") for byline in story.bylines],
        subjects=[
            subject if subject.code is None or is_uri(subject.code) else attrs.evolve(subject, code="urn:x:y")
            for subject in story.subjects
        ],
    )


def _version_1_documents() -> list[Path]:
    """Every version-1 document in tests/data outside invalid/ folders, whatever its format's folder."""
    found = []
    for path in sorted(DATA.rglob("*.json")):
        if "invalid" in path.parts:
            continue
        try:
            document = json.loads(path.read_bytes())
        except ValueError:
            continue
        if type(document) is dict and document.get("newsitem") == "1":
            found.append(path)
    return found


class TestVersion1:
    """Version-1 documents still read, as the same stories; what only version 2 says is refused in them."""

    @given(stories(days=False, blocks=False).map(_as_version_1))
    def test_version_1_document_reads_the_same_story(self, story: Story) -> None:
        """A story version 1 could hold, written as a version-1 document (valid under the version-1 schema), reads back equal."""
        document = json.loads(newsitem.dumps(story))
        document["newsitem"] = "1"
        assert VALIDATOR_1.is_valid(document)
        assert newsitem.loads(json.dumps(document)) == story

    @pytest.mark.parametrize("path", _version_1_documents(), ids=lambda p: p.relative_to(DATA).as_posix())
    def test_version_1_documents_in_tests_data_read(self, path: Path) -> None:
        """Every version-1 document in tests/data reads, is valid under the version-1 schema and writes as version 2."""
        story = newsitem.load(path)
        assert VALIDATOR_1.is_valid(json.loads(path.read_bytes()))
        assert json.loads(newsitem.dumps(story))["newsitem"] == "2"

    def test_there_are_version_1_documents(self) -> None:
        """The version-1 fixtures of tests/data/json are among them (the parametrized test is not empty)."""
        names = {path.name for path in _version_1_documents()}
        assert {"v1-full.json", "v1-lenient.json", "v1-minimal.json"} <= names

    @pytest.mark.parametrize(
        ("member", "value", "path"),
        [
            ("published", "2024-05-01", "$.published"),
            ("updated", "2024-05-01", "$.updated"),
            ("bylines", [{"name": "AFP", "kind": "organisation"}], "$.bylines[0].kind"),
            ("subjects", [{"code": "FIEG_Categories:CRO"}], "$.subjects[0].code"),
            ("body", ["p", {"type": "preformatted", "text": "x"}], "$.body[1]"),
            ("located", "Pittsburgh", "$.located"),
            ("ednote", "Adds a quote", "$.ednote"),
            ("links", [{"uri": "https://example.com/a.jpg"}], "$.links"),
        ],
    )
    def test_version_2_only_is_refused_in_version_1(self, member: str, value: object, path: str) -> None:
        """A version-1 document that says what only version 2 can is refused at that path, naming version 2."""
        document = {"newsitem": "1", "headline": "x", member: value}
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(json.dumps(document))
        assert [(problem.path, "format version 2" in problem.message) for problem in exc.value.problems] == [
            (path, True)
        ]
        document["newsitem"] = "2"
        assert newsitem.loads(json.dumps(document)).headline == "x"

    def test_version_1_still_needs_a_headline(self) -> None:
        """A version-1 document without a headline is refused as it always was; as version 2 it reads."""
        with pytest.raises(ValidationError, match=r"\$\.headline: required field missing"):
            newsitem.loads('{"newsitem": "1", "summary": "s"}')
        assert newsitem.loads('{"newsitem": "2", "summary": "s"}') == Story(summary="s")

    @pytest.mark.parametrize("version", ["3", "0", "2.0", 2, None, ["2"]])
    def test_other_versions_are_refused(self, version: object) -> None:
        """Any marker but "1" and "2" is refused with a message naming the versions this newsitem reads."""
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(json.dumps({"newsitem": version, "headline": "x"}))
        assert exc.value.problems[0].path == "$.newsitem"
        if version is not None:
            assert "this newsitem reads '2' and '1'" in exc.value.problems[0].message


def _expected_parts(path: Path) -> list[dict[str, Any]]:
    expected: list[dict[str, Any]] = json.loads(
        path.with_name(path.name.split(".")[0] + ".expected.json").read_text("utf-8")
    )
    return expected


def _as_expected(part: newsitem.Part) -> dict[str, Any]:
    """A part as an .expected.json entry holds it: where, then the canonical story or the rendered error."""
    if part.error is not None:
        assert isinstance(part.error, ParseError | ValidationError)
        assert part.error.format == "json"
        return {"where": part.where, "error": rendered(part.error)}
    return {"where": part.where, "story": json.loads(newsitem.dumps(part.unwrap()))}


class TestContainers:
    """loads_all reads JSON Lines and JSON arrays of documents, one part per story; loads refuses them."""

    @pytest.mark.parametrize("name", ["lines.jsonl", "array.json"])
    def test_fixtures(self, name: str) -> None:
        """Each container fixture gives the parts of its .expected.json: bad members with their errors, the others read."""
        path = CONTAINERS / name
        parts = list(newsitem.loads_all(path.read_bytes(), "json", name=name))
        assert [_as_expected(part) for part in parts] == _expected_parts(path)
        assert [part.locator for part in parts] == [f"{name}#{index}" for index in range(1, len(parts) + 1)]

    @given(
        st.lists(stories(), min_size=2, max_size=4),
        st.lists(st.sampled_from(["", " ", "\t", "\r"]), max_size=3),
    )
    def test_json_lines(self, stories_: list[Story], blanks: list[str]) -> None:
        """JSON Lines of generated stories, blank lines between, give every story in order with its line number."""
        lines = [newsitem.dumps(story) for story in stories_]
        text = "\n".join([*blanks, *(line + "\n" + "\n".join(blanks) for line in lines)])
        parts = list(njson.loads_all(text.encode()))
        assert [part.unwrap() for part in parts] == stories_
        numbers = [int(str(part.where).removeprefix("line ")) for part in parts]
        assert [text.split("\n")[number - 1] for number in numbers] == lines

    @given(st.lists(stories(), min_size=0, max_size=4), st.sampled_from([None, 2]))
    def test_json_array(self, stories_: list[Story], indent: int | None) -> None:
        """A JSON array of generated documents gives every story in order, each placed at $[i]."""
        text = json.dumps(
            [json.loads(newsitem.dumps(story)) for story in stories_], indent=indent, ensure_ascii=False
        )
        parts = list(njson.loads_all(text))
        assert [part.unwrap() for part in parts] == stories_
        assert [part.where for part in parts] == [f"$[{index}]" for index in range(len(stories_))]

    @given(st.lists(stories(), min_size=2, max_size=4), st.data())
    def test_one_bad_line(self, stories_: list[Story], data: st.DataObject) -> None:
        """A line that is not JSON gives its part a ParseError at that line, and every other line still reads."""
        lines = [newsitem.dumps(story) for story in stories_]
        bad = data.draw(st.integers(0, len(lines) - 1))
        lines[bad] = lines[bad][:-1]
        parts = list(njson.loads_all("\n".join(lines)))
        assert isinstance(parts[bad].error, ParseError)
        assert parts[bad].error.line == bad + 1
        assert [part.story for index, part in enumerate(parts) if index != bad] == [
            story for index, story in enumerate(stories_) if index != bad
        ]

    def test_loads_refuses_json_lines(self) -> None:
        """loads on JSON Lines is a ParseError at the second document that names loads_all."""
        with pytest.raises(ParseError, match=r"JSON Lines .* newsitem\.loads_all") as exc:
            newsitem.loads('{"newsitem": "2", "headline": "a"}\n{"newsitem": "2", "headline": "b"}\n')
        assert (exc.value.line, exc.value.column) == (2, 1)

    def test_loads_refuses_an_array(self) -> None:
        """loads on an array of documents is a ValidationError at $ that names loads_all."""
        with pytest.raises(ValidationError, match=r"\$: expected a JSON object .* newsitem.loads_all"):
            newsitem.loads('[{"newsitem": "2", "headline": "a"}]')

    def test_one_document(self) -> None:
        """loads_all on one document, even pretty-printed over many lines, gives one part with no place."""
        parts = list(njson.loads_all(newsitem.dumps(blocks_story(), indent=2), tz="Europe/Rome"))
        assert [(part.index, part.where, part.story) for part in parts] == [(1, None, blocks_story())]

    def test_one_invalid_document_raises(self) -> None:
        """An invalid single document is an error about the whole input: loads_all raises it, as loads does."""
        with pytest.raises(ValidationError, match=r"\$\.headline: expected a string"):
            njson.loads_all('{"newsitem": "2", "headline": 7}')

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "\n\n",
            '{\n  "newsitem": "2",\n  "headline": "x",,\n}',
            '[{"newsitem": "2"',
            '{"headline": "x"}\n{"a": 1}',
        ],
    )
    def test_malformed_container_raises(self, text: str) -> None:
        """Input that is neither one document, an array, nor JSON Lines of documents is a ParseError."""
        with pytest.raises(ParseError):
            njson.loads_all(text)

    def test_parse_all_detects_an_array(self) -> None:
        """parse_all recognises an array of canonical documents as json and reads every one."""
        parts = list(
            newsitem.parse_all(b'[ {"newsitem": "2", "headline": "a"}, {"newsitem": "1", "headline": "b"} ]')
        )
        assert [(part.layout, part.unwrap().headline) for part in parts] == [("json", "a"), ("json", "b")]

    def test_nested_too_deeply_line(self) -> None:
        """A line nested too deeply is that line's ParseError; the next line still reads."""
        text = (
            '{"newsitem": "2", "headline": "a"}\n'
            + "[" * 100_000
            + "\n"
            + '{"newsitem": "2", "headline": "b"}'
        )
        parts = list(njson.loads_all(text))
        assert isinstance(parts[1].error, ParseError)
        assert parts[1].error.line == 2
        assert [parts[0].unwrap().headline, parts[2].unwrap().headline] == ["a", "b"]

    def test_many_bad_lines_in_linear_time(self) -> None:
        """Ten thousand bad lines read in about ten times the time of a thousand: no scan from the start per line."""
        small = "\n".join(['{"newsitem": "2", "headline": "a"'] * 1_000)
        large = "\n".join(
            ['{"newsitem": "2", "headline": "a"'] * 10_000 + ['{"newsitem": "2", "headline": "b"}']
        )
        times = []
        for text in (small + '\n{"newsitem": "2", "headline": "b"}', large):
            best = float("inf")
            for _ in range(3):  # CPU time, best of three: other processes do not count
                start = time.process_time()
                parts = list(njson.loads_all(text))
                best = min(best, time.process_time() - start)
            times.append(best)
            assert parts[-1].unwrap().headline == "b"
            assert isinstance(parts[-2].error, ParseError)
            assert parts[-2].error.line == len(parts) - 1
        assert times[1] < times[0] * 40  # linear gives about 10, a scan per line about 100


def _version_1_fields(story: Story) -> Story:
    """``story`` without the fields format version 1 has no key for."""
    return attrs.evolve(story, located=None, ednote=None, links=())
