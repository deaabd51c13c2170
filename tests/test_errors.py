"""The error hierarchy: builtins to catch, positions and paths to report, pickling."""

from __future__ import annotations

import pickle

import pytest

from newsitem import (
    NewsItemError,
    ParseError,
    Problem,
    SchemaNotFoundError,
    SerializeError,
    UnknownFormatError,
    UsageError,
    ValidationError,
)


class TestHierarchy:
    """Each error is a NewsItemError and the builtin a caller would catch."""

    @pytest.mark.parametrize(
        ("cls", "builtin"),
        [
            (ParseError, ValueError),
            (ValidationError, ValueError),
            (SerializeError, ValueError),
            (UnknownFormatError, LookupError),
            (UsageError, TypeError),
            (SchemaNotFoundError, FileNotFoundError),
        ],
    )
    def test_subclasses(self, cls: type[Exception], builtin: type[Exception]) -> None:
        """except ValueError / LookupError keeps working."""
        assert issubclass(cls, NewsItemError)
        assert issubclass(cls, builtin)


class TestParseError:
    """ParseError carries where the fault is."""

    def test_at_offset_computes_line_and_column(self) -> None:
        """Line and column are 1-based and the excerpt starts on the fault's line."""
        text = '{\n  "headline": "x",\n  oops\n}'
        error = ParseError.at_offset("expected a key", text, text.index("oops"), format="json")
        assert (error.line, error.column, error.offset) == (3, 3, text.index("oops"))
        assert error.excerpt == "  oops"
        assert str(error) == "3:3: expected a key (json) near '  oops'"

    def test_with_source(self) -> None:
        """The file name leads the message, as editors and CI logs expect."""
        error = ParseError("bad", format="anpa-1312", line=4, column=1).with_source("wire/a.txt")
        assert str(error) == "wire/a.txt:4:1: bad (anpa-1312)"

    def test_excerpt_trimmed(self) -> None:
        """An excerpt never carries more than 40 characters of the input."""
        error = ParseError.at_offset("bad", "x" * 10_000, 5_000)
        assert error.excerpt is not None
        assert len(error.excerpt) == 40
        assert len(str(error)) < 100

    def test_offset_clamped(self) -> None:
        """An offset past the end points at the end."""
        error = ParseError.at_offset("unexpected end", "ab\ncd", 99)
        assert (error.line, error.column) == (2, 3)

    def test_pickles(self) -> None:
        """Errors cross process boundaries (parallel conversion) intact."""
        error = ParseError("bad", format="json", line=2, column=5, offset=9, excerpt="abc", source="f.json")
        copy = pickle.loads(pickle.dumps(error))
        assert (type(copy), str(copy), copy.offset) == (ParseError, str(error), 9)


class TestValidationError:
    """ValidationError carries one problem per failure, each with a path."""

    def test_one_problem_per_line(self) -> None:
        """Several problems print one per line."""
        error = ValidationError(
            [Problem("$.headline", "required field missing"), Problem("$.urgency", "too big")]
        )
        assert str(error) == "2 problems:\n  $.headline: required field missing\n  $.urgency: too big"

    def test_prefixed_replaces_the_head(self) -> None:
        """Model paths (Byline.role) and JSON paths ($.role) re-root under a prefix."""
        error = ValidationError(
            [Problem("Byline.role", "bad"), Problem("$[2]", "worse"), Problem("Extras['k']", "x")]
        )
        paths = [p.path for p in error.prefixed("$.bylines[1]").problems]
        assert paths == ["$.bylines[1].role", "$.bylines[1][2]", "$.bylines[1]['k']"]

    def test_needs_a_problem(self) -> None:
        """An empty ValidationError is a programming error."""
        with pytest.raises(ValueError, match="at least one problem"):
            ValidationError([])

    def test_pickles(self) -> None:
        """Problems and source survive pickling."""
        error = ValidationError([Problem("$.a", "b")], source="x.json")
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.problems, copy.source, str(copy)) == (error.problems, "x.json", "x.json: $.a: b")

    def test_located_names_the_format_and_the_place(self) -> None:
        """located() adds the format and the document path or line and column, keeping the model path."""
        error = ValidationError([Problem("Story.url", "expected an absolute URI")]).located(
            format="ninjs", where="$.renditions[0].href"
        )
        assert error.format == "ninjs"
        assert error.problems == (Problem("Story.url", "expected an absolute URI", "$.renditions[0].href"),)
        assert str(error) == "$.renditions[0].href: expected an absolute URI (model: Story.url) (ninjs)"
        text = ValidationError.single("Story.headline", "must not be empty").located(
            format="anpa-1312", line=4, column=2
        )
        assert str(text) == "4:2: must not be empty (model: Story.headline) (anpa-1312)"

    def test_located_keeps_positions_a_problem_has(self) -> None:
        """A problem that already knows where it was keeps its own position; the others take the new one."""
        error = ValidationError(
            [Problem("$.a", "x", where="item/a", line=3, column=1), Problem("$.b", "y")]
        ).located(format="newsml-g2", where="item", line=1, column=1)
        assert [(p.where, p.line, p.column) for p in error.problems] == [("item/a", 3, 1), ("item", 1, 1)]

    def test_placed_asks_the_reader_for_each_unplaced_problem(self) -> None:
        """placed() gives each problem without a document path the place the reader names for it, and keeps the others."""
        error = ValidationError(
            [Problem("Story.bylines[1].name", "x"), Problem("Story.url", "y", where="$.uri", line=2)]
        )
        asked: list[tuple[str, int | None]] = []

        def place(problem: Problem) -> tuple[str | None, int | None]:
            asked.append(problem.field)
            return "$.authors[1].name", 7

        placed = error.placed(format="ninjs", place=place)
        assert asked == [("bylines", 1)]
        assert placed.format == "ninjs"
        assert [(p.where, p.line) for p in placed.problems] == [("$.authors[1].name", 7), ("$.uri", 2)]

    @pytest.mark.parametrize(
        ("path", "field"),
        [
            ("Story.bylines[1].name", ("bylines", 1)),
            ("$.headline", ("headline", None)),
            ("Story", ("Story", None)),
        ],
    )
    def test_field_names_the_top_level_field(self, path: str, field: tuple[str, int | None]) -> None:
        """Problem.field is the story field a model path starts with and the item's index in it."""
        assert Problem(path, "m").field == field

    def test_located_pickles(self) -> None:
        """The format and each problem's place survive pickling."""
        error = ValidationError([Problem("$.a", "b", where="x/a", line=2, column=3)], format="html")
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.problems, copy.format, str(copy)) == (error.problems, "html", str(error))


class TestSerializeError:
    """SerializeError names what a writer would drop."""

    def test_lost_survives_pickling(self) -> None:
        """The lost fields are a tuple, kept through pickling with the message."""
        error = SerializeError("ninjs cannot carry these fields", lost=["dateline", "extras"])
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.lost, str(copy)) == (("dateline", "extras"), "ninjs cannot carry these fields")

    def test_refusing_words_the_option_asked_for(self) -> None:
        """A strict write's refusal is built from the format and the lost fields, naming lossy=True or --lossy."""
        python = SerializeError.refusing("anpa", ["rights", "extras"])
        command_line = SerializeError.refusing("anpa", ("rights", "extras"), option="--lossy")
        assert str(python) == "anpa cannot carry rights, extras; pass lossy=True to write what it keeps"
        assert str(command_line) == "anpa cannot carry rights, extras; use --lossy to write what it keeps"
        copy = pickle.loads(pickle.dumps(command_line))
        assert (copy.format, copy.lost, str(copy)) == ("anpa", ("rights", "extras"), str(command_line))


class TestUnknownFormatError:
    """UnknownFormatError lists what would have worked."""

    def test_message(self) -> None:
        """Unknown names list the known ones."""
        assert (
            str(UnknownFormatError("xml", ["json", "html"]))
            == "unknown format 'xml'; known formats: json, html"
        )

    def test_cannot(self) -> None:
        """A format that exists but cannot do the action says so."""
        error = UnknownFormatError("anpa-1312", ["json"], action="write")
        assert str(error) == "format 'anpa-1312' cannot write; formats that can write: json"
        assert str(pickle.loads(pickle.dumps(error))) == str(error)
