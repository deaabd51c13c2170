"""The canonical JSON format: round trip, byte stability, the schema, and bad input."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import ParseError, Story, ValidationError
from newsitem.formats import json as njson
from newsitem.strategies import stories

from .conftest import DATA
from .examples import full_story
from .test_invalid import rendered

VALID = sorted((DATA / "json" / "valid").glob("*.json"))
VALID = [path for path in VALID if not path.name.endswith(".canonical.json")]
INVALID = sorted((DATA / "json" / "invalid").glob("*.json"))
VALIDATOR = jsonschema.Draft202012Validator(newsitem.json_schema())


def _is_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except ValueError:
        return False
    return True


WELL_FORMED_INVALID = [path for path in INVALID if _is_json(path)]


def offsets(story: Story) -> list[timedelta | None]:
    """The offsets of the story's three times (None where a time is absent)."""
    return [None if t is None else t.utcoffset() for t in (story.published, story.updated, story.embargoed)]


class TestRoundTrip:
    """Indented documents, byte stability, the two backends and the schema over generated stories."""

    @given(stories(), st.sampled_from([0, 2]))
    def test_indented_round_trip(self, story: Story, indent: int) -> None:
        """An indented document reads back exactly too (compact ones: tests/test_contract.py)."""
        assert newsitem.loads(newsitem.dumps(story, indent=indent)) == story

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
    def test_only_json_types(self, story: Story) -> None:
        """The intermediate form holds only JSON types, the marker first."""
        document = njson._to_builtins(story)
        assert next(iter(document)) == "newsitem"
        assert json.loads(json.dumps(document)) == json.loads(newsitem.dumps(story))


class TestLayout:
    """The shape of the written document."""

    def test_marker_first_and_compact(self) -> None:
        """Compact output starts with the version marker."""
        assert newsitem.dumps(Story(headline="Hi")) == '{"newsitem":"1","headline":"Hi"}'

    def test_indent(self) -> None:
        """indent= gives a document for people."""
        assert (
            newsitem.dumps(Story(headline="Hi"), indent=2) == '{\n  "newsitem": "1",\n  "headline": "Hi"\n}'
        )

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

    def test_full_fixture_is_the_full_story(self) -> None:
        """full.json holds exactly the story of tests/examples.py, offsets included."""
        story = newsitem.load(DATA / "json" / "valid" / "full.json")
        assert story == full_story()
        assert offsets(story) == offsets(full_story())

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
        path.write_text('{"newsitem": "1", "headline": 7}', "utf-8")
        with pytest.raises(ValidationError) as exc:
            newsitem.load(path)
        assert str(exc.value) == f"{path}: $.headline: expected a string, got the number 7 (json)"


class TestMalformed:
    """Hostile input gives our errors and nothing else."""

    def test_deep_nesting(self) -> None:
        """100,000 nested arrays are a ParseError, not a RecursionError."""
        text = '{"newsitem": "1", "headline": "x", "body": ' + "[" * 100_000 + "]" * 100_000 + "}"
        for backend in ("json", "orjson"):
            with pytest.raises(ParseError, match="malformed JSON: nested too deeply"):
                njson._loads(text, backend)  # type: ignore[arg-type]

    def test_fifty_megabyte_unterminated_string(self) -> None:
        """A 50 MB string that never ends: ParseError with a short message."""
        text = '{"newsitem": "1", "headline": "' + "x" * 50_000_000
        with pytest.raises(ParseError) as exc:
            newsitem.loads(text)
        assert exc.value.line == 1
        assert len(str(exc.value)) < 200

    def test_fifty_megabyte_string_of_the_wrong_type(self) -> None:
        """A 50 MB string where an array belongs: ValidationError with a short message."""
        text = '{"newsitem": "1", "headline": "x", "keywords": "' + "k" * 50_000_000 + '"}'
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(text)
        assert exc.value.problems[0].path == "$.keywords"
        assert len(str(exc.value)) < 200

    def test_fifty_megabyte_headline_is_valid(self) -> None:
        """A 50 MB headline is long but lawful: it reads back intact."""
        story = newsitem.loads('{"newsitem": "1", "headline": "' + "h" * 50_000_000 + '"}')
        assert len(story.headline) == 50_000_000

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity_are_not_json(self, constant: str) -> None:
        """Both backends refuse the non-standard constants the stdlib would accept."""
        for backend in ("json", "orjson"):
            with pytest.raises(ParseError, match="malformed JSON"):
                njson._loads(f'{{"newsitem": "1", "headline": "x", "urgency": {constant}}}', backend)  # type: ignore[arg-type]

    def test_lone_surrogate_escape(self) -> None:
        r"""A JSON \ud800 escape is valid JSON but not XML-safe text: ValidationError."""
        with pytest.raises(ValidationError, match=r"\$.headline: must not contain U\+D800"):
            njson._loads('{"newsitem": "1", "headline": "a\\ud800"}', "json")

    def test_bom_is_skipped(self) -> None:
        """A UTF-8 byte-order mark before the document is ignored."""
        assert newsitem.loads(b'\xef\xbb\xbf{"newsitem": "1", "headline": "x"}') == Story(headline="x")

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
            document = {"newsitem": "1", "headline": "x", key: value}
            try:
                result = newsitem.loads(json.dumps(document))
            except ValidationError:
                continue
            assert isinstance(result, Story)
