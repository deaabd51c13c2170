"""The model's rules: every invalid value raises ValidationError naming the field and the rule."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsitem import (
    Byline,
    Extras,
    Paragraph,
    PubStatus,
    Rights,
    Role,
    Run,
    Source,
    Story,
    Subject,
    ValidationError,
    model,
)
from newsitem.strategies import stories

PLUS2 = timezone(timedelta(hours=2))


def problem(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    assert len(exc.value.problems) == 1
    path, message, *_ = exc.value.problems[0]
    return path, message


class TestStoryRules:
    """Each rule of Story, with the path and the message it gives."""

    @pytest.mark.parametrize(
        ("kwargs", "path", "message"),
        [
            ({"headline": ""}, "Story.headline", "must not be empty; use None for an absent value"),
            ({"headline": "  \u00a0"}, "Story.headline", "must not be blank (whitespace only)"),
            ({"headline": 5}, "Story.headline", "expected a string, got 5 (int)"),
            (
                {"headline": "Two\nlines"},
                "Story.headline",
                "must not contain U+000A (LF) at index 3: a single-line field holds no CR, LF or TAB",
            ),
            (
                {"headline": "tab\there"},
                "Story.headline",
                "must not contain U+0009 (TAB) at index 3: a single-line field holds no CR, LF or TAB",
            ),
            (
                {"headline": "x", "summary": "a\r\nb"},
                "Story.summary",
                "must not contain U+000D (CR) at index 1: line breaks are LF, never CR",
            ),
            (
                {"headline": "bell\x07"},
                "Story.headline",
                "must not contain U+0007 at index 4: only characters XML 1.0 can carry are allowed",
            ),
            (
                {"headline": "x\ufffe"},
                "Story.headline",
                "must not contain U+FFFE at index 1: only characters XML 1.0 can carry are allowed",
            ),
            (
                {"headline": "x", "summary": "lone \ud800 surrogate"},
                "Story.summary",
                "must not contain U+D800 at index 5: only characters XML 1.0 can carry are allowed",
            ),
            ({"headline": "x", "subheadline": ""}, "Story.subheadline", "must not be empty"),
            ({"headline": "x", "dateline": "A\nB"}, "Story.dateline", "a single-line field"),
            ({"headline": "x", "section": " "}, "Story.section", "must not be blank"),
            ({"headline": "x", "genre": "\t"}, "Story.genre", "must not be blank"),
            ({"headline": "x", "slugline": "a\nb"}, "Story.slugline", "a single-line field"),
            ({"headline": "x", "priority": ""}, "Story.priority", "must not be empty"),
            ({"headline": "x", "keywords": ["ok", ""]}, "Story.keywords[1]", "must not be empty"),
            ({"headline": "x", "keywords": ["a\tb"]}, "Story.keywords[0]", "a single-line field"),
            ({"headline": "x", "keywords": "a,b"}, "Story.keywords", "expected a sequence, got 'a,b' (str)"),
            (
                {"headline": "x", "urgency": 0},
                "Story.urgency",
                "expected an integer from 1 to 9, got 0 (int)",
            ),
            ({"headline": "x", "urgency": 10}, "Story.urgency", "expected an integer from 1 to 9, got 10"),
            ({"headline": "x", "urgency": True}, "Story.urgency", "got True (bool)"),
            ({"headline": "x", "urgency": "3"}, "Story.urgency", "got '3' (str)"),
            ({"headline": "x", "version": 0}, "Story.version", "expected an integer >= 1, got 0 (int)"),
            ({"headline": "x", "version": None}, "Story.version", "expected an integer >= 1, got None"),
            ({"headline": "x", "version": 1.0}, "Story.version", "got 1.0 (float)"),
            (
                {"headline": "x", "status": "killed"},
                "Story.status",
                "expected a PubStatus ('usable', 'withheld', 'canceled'), got 'killed' (str)",
            ),
            (
                {"headline": "x", "language": "en_US"},
                "Story.language",
                "expected a BCP 47 language tag such as 'en' or 'pt-BR', got 'en_US' (str)",
            ),
            ({"headline": "x", "language": "toolongtag"}, "Story.language", "BCP 47"),
            (
                {"headline": "x", "url": "example.com/story"},
                "Story.url",
                "expected an absolute URI: a scheme, no spaces, '%' only before two hex digits, at most one '#',"
                " brackets only around an IPv6 host (https://...), got 'example.com/story'",
            ),
            ({"headline": "x", "url": "https://example.com/a b"}, "Story.url", "absolute URI"),
            ({"headline": "x", "guid": "urn:x y"}, "Story.guid", "must not contain spaces, got 'urn:x y'"),
            (
                {"headline": "x", "published": "2024-05-01"},
                "Story.published",
                "expected a datetime, or a date where the source gives only the day, got '2024",
            ),
            (
                {
                    "headline": "x",
                    "updated": datetime(2024, 5, 1, tzinfo=timezone(timedelta(hours=14, minutes=30))),
                },
                "Story.updated",
                "the offset 14:30:00 is beyond ±14:00",
            ),
            (
                {"headline": "x", "embargoed": datetime(2024, 5, 1, tzinfo=timezone(timedelta(seconds=30)))},
                "Story.embargoed",
                "the offset 0:00:30 is not a whole number of minutes",
            ),
            (
                {"headline": "x", "bylines": ["Jane Doe"]},
                "Story.bylines[0]",
                "expected a Byline, got 'Jane Doe'",
            ),
            ({"headline": "x", "subjects": [None]}, "Story.subjects[0]", "expected a Subject, got None"),
            (
                {"headline": "x", "body": [5]},
                "Story.body[0]",
                "expected a body block (Paragraph, Heading",
            ),
            ({"headline": "x", "source": "AP"}, "Story.source", "expected a Source, got 'AP' (str)"),
            ({"headline": "x", "provider": {"name": "AP"}}, "Story.provider", "expected a Source"),
            ({"headline": "x", "rights": "Copyright applies."}, "Story.rights", "expected a Rights"),
            (
                {"headline": "x", "extras": {"anpa.selector": ""}},
                "Story.extras['anpa.selector']",
                "must not be empty",
            ),
            (
                {"headline": "x", "extras": {"has space": "v"}},
                "Story.extras",
                "a key must be a non-empty string",
            ),
            ({"headline": "x", "extras": [("k", "1"), ("k", "2")]}, "Story.extras['k']", "duplicate key"),
            ({"headline": "x", "extras": 5}, "Story.extras", "expected a mapping or (key, value) pairs"),
        ],
    )
    def test_rule(self, kwargs: dict[str, Any], path: str, message: str) -> None:
        """The error names the field (with index or key) and states the rule."""
        with pytest.raises(ValidationError) as exc:
            Story(**kwargs)
        got_path, got_message = problem(exc)
        assert (path, True) == (got_path, message in got_message), got_message

    def test_a_story_needs_something_to_show(self) -> None:
        """A story with no headline, no body and no summary is refused, naming the three."""
        with pytest.raises(ValidationError) as exc:
            Story()
        assert problem(exc) == ("Story", "a story needs a headline, a body or a summary")

    def test_keyword_only(self) -> None:
        """Fields are keyword-only, so positional construction fails."""
        with pytest.raises(TypeError):
            Story("Headline")  # type: ignore[misc]

    def test_frozen(self) -> None:
        """A story cannot be changed in place; attrs.evolve makes a changed copy."""
        story = Story(headline="Old")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            story.headline = "New"  # type: ignore[misc]
        assert attrs.evolve(story, headline="New").headline == "New"

    def test_slotted(self) -> None:
        """Instances have no __dict__."""
        assert not hasattr(Story(headline="x"), "__dict__")

    def test_evolve_validates(self) -> None:
        """attrs.evolve re-runs the validators."""
        with pytest.raises(ValidationError, match=r"Story\.urgency"):
            attrs.evolve(Story(headline="x"), urgency=12)

    def test_defaults(self) -> None:
        """Absent fields are None, empty tuples, empty extras, usable and version 1."""
        story = Story(headline="x")
        assert (story.bylines, story.keywords, story.body, story.subjects) == ((), (), (), ())
        assert (story.published, story.url, story.rights, story.urgency) == (None, None, None, None)
        assert (story.status, story.version, len(story.extras)) == (PubStatus.USABLE, 1, 0)

    def test_sequences_become_tuples(self) -> None:
        """Lists and generators are accepted and held as tuples, order kept."""
        story = Story(
            headline="x", keywords=(k for k in ["b", "a"]), bylines=[Byline(name="Z"), Byline(name="A")]
        )
        assert story.keywords == ("b", "a")
        assert [b.name for b in story.bylines] == ["Z", "A"]

    def test_enum_values_accepted(self) -> None:
        """A status or role may be given by its value."""
        assert Story(headline="x", status="canceled").status is PubStatus.CANCELED
        assert Byline(name="A", role="editor").role is Role.EDITOR

    def test_text_property(self) -> None:
        """Story.text joins the paragraphs with a blank line."""
        story = Story(headline="x", body=[Paragraph.plain("One."), Paragraph.plain("Two.")])
        assert story.text == "One.\n\nTwo."

    def test_multiline_fields_keep_lf_and_tab(self) -> None:
        """Summary, rights statements and extras values may hold LF and TAB."""
        story = Story(
            headline="x",
            summary="line one\n\tline two",
            rights=Rights(notice="Copyright\napplies."),
            extras={"anpa.note": "a\nb"},
        )
        assert story.summary == "line one\n\tline two"


class TestDatetimes:
    """Datetimes: aware or naive, offsets whole minutes within ±14:00, never converted."""

    def test_offsets_change_equality(self) -> None:
        """Two stories whose times differ only in their offset are not equal."""
        a = Story(headline="x", published=datetime(2024, 5, 1, 10, 0, tzinfo=PLUS2))
        b = Story(headline="x", published=datetime(2024, 5, 1, 8, 0, tzinfo=UTC))
        assert a.published == b.published  # the same instant, for Python
        assert a != b
        assert hash(a) != hash(b) or a != b

    def test_naive_differs_from_utc(self) -> None:
        """A naive time is not the same as that wall time in UTC."""
        naive = Story(headline="x", published=datetime(2024, 5, 1, 8, 0))
        utc = Story(headline="x", published=datetime(2024, 5, 1, 8, 0, tzinfo=UTC))
        assert naive != utc

    def test_equal_when_same_wall_time_and_offset(self) -> None:
        """Equal wall time and offset are equal, whatever tzinfo object carries them."""
        fixed = Story(headline="x", published=datetime(2024, 7, 1, 12, 0, tzinfo=PLUS2))
        named = Story(headline="x", published=datetime(2024, 7, 1, 12, 0, tzinfo=ZoneInfo("Europe/Berlin")))
        assert fixed == named
        assert hash(fixed) == hash(named)

    def test_named_zone_reduced_to_fixed_offset(self) -> None:
        """A named zone is held as its offset at that time; the wall time is not converted."""
        story = Story(
            headline="x", published=datetime(2024, 1, 15, 9, 30, tzinfo=ZoneInfo("America/New_York"))
        )
        assert story.published is not None
        assert story.published.tzinfo == timezone(timedelta(hours=-5))
        assert (story.published.hour, story.published.minute) == (9, 30)

    def test_naive_stays_naive(self) -> None:
        """No zone is invented."""
        story = Story(headline="x", updated=datetime(2024, 1, 15, 9, 30))
        assert story.updated is not None
        assert story.updated.tzinfo is None

    @pytest.mark.parametrize("minutes", [-840, -1, 0, 345, 840])
    def test_extreme_offsets_allowed(self, minutes: int) -> None:
        """±14:00 and odd minute offsets are valid."""
        when = datetime(2024, 1, 1, tzinfo=timezone(timedelta(minutes=minutes)))
        story = Story(headline="x", published=when)
        assert story.published is not None
        assert story.published.utcoffset() == timedelta(minutes=minutes)

    def test_lmt_offset_with_seconds_rejected(self) -> None:
        """A historical zone offset with seconds (Amsterdam LMT) cannot be held."""
        when = datetime(1900, 1, 1, tzinfo=ZoneInfo("Europe/Amsterdam"))
        with pytest.raises(ValidationError, match="not a whole number of minutes"):
            Story(headline="x", published=when)

    @given(stories())
    def test_generated_stories_equal_themselves(self, story: Story) -> None:
        """Equality and hashing are consistent for every valid story."""
        copy = attrs.evolve(story)
        assert copy == story
        assert hash(copy) == hash(story)


class TestParts:
    """Byline, Source, Rights, Subject, Run, Paragraph and Extras."""

    @pytest.mark.parametrize(
        ("build", "path", "message"),
        [
            (lambda: Byline(name=""), "Byline.name", "must not be empty"),
            (lambda: Byline(name="A", role="boss"), "Byline.role", "expected a Role ('author', 'submitter'"),
            (lambda: Byline(name="A", title="Chief\nEditor"), "Byline.title", "a single-line field"),
            (lambda: Byline(name="A", affiliation=""), "Byline.affiliation", "must not be empty"),
            (Source, "Source", "needs at least one of name, code"),
            (lambda: Source(url="https://ap.org"), "Source", "needs at least one of name, code"),
            (lambda: Source(name="AP", url="ap.org"), "Source.url", "absolute URI"),
            (
                lambda: Source(name="AP", url="https://ap.org/%zz"),
                "Source.url",
                "'%' only before two hex digits",
            ),
            (lambda: Source(name="AP", url="https://ap.org/a#b#c"), "Source.url", "at most one '#'"),
            (Rights, "Rights", "needs at least one of notice, holder, license, terms"),
            (lambda: Rights(license="CC BY 4.0"), "Rights.license", "absolute URI"),
            (Subject, "Subject", "needs at least one of code, name"),
            (lambda: Subject(code="politics"), "Subject.code", "expected a QCode (alias:code"),
            (lambda: Subject(code="a b:c"), "Subject.code", "or an absolute IRI, without spaces"),
            (lambda: Subject(code=":x"), "Subject.code", "expected a QCode"),
            (lambda: Run(text=""), "Run.text", "must not be empty"),
            (
                lambda: Run(text="a\rb"),
                "Run.text",
                "must not contain U+000D (CR) at index 1: line breaks are LF, never CR",
            ),
            (lambda: Run(text="a", emphasis=1), "Run.emphasis", "expected True or False, got 1 (int)"),
            (lambda: Run(text="a", link="not a uri"), "Run.link", "absolute URI"),
            (lambda: Paragraph(runs=()), "Paragraph.runs", "a paragraph must hold some text"),
            (
                lambda: Paragraph(runs=[" ", Run(text="\n", emphasis=True)]),
                "Paragraph.runs",
                "must hold some text",
            ),
            (lambda: Paragraph(runs=[5]), "Paragraph.runs[0]", "expected a Run or a string, got 5 (int)"),
            (lambda: Paragraph.plain(""), "Run.text", "must not be empty"),
            (lambda: Run(text=5), "Run.text", "expected a string, got 5 (int)"),
            (lambda: Extras({"k": 5}), "Extras['k']", "expected a string, got 5 (int)"),
            (lambda: Extras({"": "v"}), "Extras", "a key must be a non-empty string without spaces"),
            (lambda: Extras([("k",)]), "Extras", "expected (key, value) pairs"),
        ],
    )
    def test_rule(self, build: Any, path: str, message: str) -> None:
        """The error names the class and field and states the rule."""
        with pytest.raises(ValidationError) as exc:
            build()
        got_path, got_message = problem(exc)
        assert (path, True) == (got_path, message in got_message), got_message

    def test_byline_defaults_to_author(self) -> None:
        """A byline without a role is an author."""
        assert Byline(name="Jane Doe").role is Role.AUTHOR

    def test_paragraph_canonical_form(self) -> None:
        """Adjacent runs with the same marks merge; empty strings vanish; strings are plain runs."""
        para = Paragraph(
            runs=[
                "Read ",
                "",
                Run(text="this "),
                Run(text="now", emphasis=True),
                Run(text="!", emphasis=True),
                ".",
            ]
        )
        assert para.runs == (
            Run(text="Read this "),
            Run(text="now!", emphasis=True),
            Run(text="."),
        )
        assert para == Paragraph(runs=[Run(text="Read this "), Run(text="now!", emphasis=True), "."])
        assert para.text == "Read this now!."
        assert not para.is_plain

    def test_paragraph_marks_distinguish(self) -> None:
        """Runs with different links do not merge."""
        para = Paragraph(
            runs=[Run(text="a", link="https://a.example"), Run(text="b", link="https://b.example")]
        )
        assert len(para.runs) == 2

    def test_plain_paragraph(self) -> None:
        """Paragraph.plain gives a single unmarked run."""
        para = Paragraph.plain("Hello.")
        assert para.runs == (Run(text="Hello."),)
        assert para.is_plain

    def test_whitespace_run_between_marks(self) -> None:
        """A whitespace-only run is valid inside a paragraph with text."""
        para = Paragraph(runs=[Run(text="a", strong=True), " ", Run(text="b", emphasis=True)])
        assert [run.text for run in para.runs] == ["a", " ", "b"]


class TestExtras:
    """Extras: an immutable, ordered str → str mapping."""

    def test_order_kept(self) -> None:
        """Iteration follows input order."""
        extras = Extras([("z.b", "1"), ("a.a", "2")])
        assert list(extras) == ["z.b", "a.a"]
        assert extras["a.a"] == "2"

    def test_order_sensitive_equality(self) -> None:
        """Two Extras with the same items in another order differ; against a dict, order is ignored."""
        one = Extras([("a", "1"), ("b", "2")])
        two = Extras([("b", "2"), ("a", "1")])
        assert one != two
        assert one == {"b": "2", "a": "1"}

    def test_immutable(self) -> None:
        """Extras cannot be changed."""
        extras = Extras({"a": "1"})
        with pytest.raises(TypeError):
            extras["a"] = "2"  # type: ignore[index]

    def test_hashable_and_picklable(self) -> None:
        """Stories with extras hash and pickle."""
        story = Story(headline="x", extras={"anpa.selector": "aaa", "anpa.take": "2"})
        assert pickle.loads(pickle.dumps(story)) == story
        assert hash(story) == hash(Story(headline="x", extras=[("anpa.selector", "aaa"), ("anpa.take", "2")]))

    def test_repr(self) -> None:
        """The repr shows the items."""
        assert repr(Extras({"a": "1"})) == "Extras({'a': '1'})"


def _accepted(**fields: object) -> bool:
    """Whether a story with these fields (and a headline) can be built."""
    try:
        Story(**{"headline": "x", **fields})  # type: ignore[arg-type]
    except ValidationError:
        return False
    return True


# Text that often lands near a rule's edge: schemes, escapes, spaces, tags, control characters.
_EDGY = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "https:",
                "urn:",
                "//",
                "[::1]",
                "%",
                "%2F",
                "%zz",
                "#",
                " ",
                "\t",
                "\n",
                "\r",
                "-",
                "_",
                "en",
                "x",
            ]
        ),
        st.text(max_size=4),
    ),
    max_size=6,
).map("".join)


class TestPredicates:
    """The model's public predicates answer exactly what its validators decide."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("https://example.com/a?b=c#d", True),
            ("urn:newsml:example.com:20240501:1", True),
            ("https://[2001:db8::1]/x", True),
            ("https://example.com/100%25", True),
            ("https://example.com/100%zz", False),
            ("https://example.com/a b", False),
            ("/relative/path", False),
            ("https://example.com/#a#b", False),
            ("", False),
            (None, False),
        ],
    )
    def test_is_uri(self, value: object, expected: bool) -> None:
        """is_uri takes an absolute URI and refuses spaces, a stray '%', two '#' and relative references."""
        assert model.is_uri(value) is expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("en", True), ("pt-BR", True), ("zh-Hant-TW", True), ("en_US", False), ("", False), ("e n", False)],
    )
    def test_is_language(self, value: str, expected: bool) -> None:
        """is_language takes the shape of a BCP 47 tag and nothing else."""
        assert model.is_language(value) is expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [("urn:x:1", True), ("a-b_c", True), ("a b", False), ("a\tb", False), ("", False)],
    )
    def test_is_token(self, value: str, expected: bool) -> None:
        """is_token refuses whitespace, control characters and the empty string."""
        assert model.is_token(value) is expected

    @pytest.mark.parametrize(
        ("value", "line", "text"),
        [
            (" a b ", True, True),
            ("a\nb", False, True),
            ("a\tb", False, True),
            ("a\r\nb", False, False),
            ("   ", False, False),
            ("a\x00", False, False),
            ("", False, False),
        ],
    )
    def test_is_line_and_is_text(self, value: str, line: bool, text: bool) -> None:
        """is_line refuses line breaks and tabs; both refuse CR, blank values and characters XML cannot carry."""
        assert (model.is_line(value), model.is_text(value)) == (line, text)

    @given(_EDGY)
    def test_predicates_agree_with_the_validators(self, value: str) -> None:
        """For any string, each predicate says yes exactly when the model takes the value in its field."""
        assert model.is_uri(value) == _accepted(url=value)
        assert model.is_language(value) == _accepted(language=value)
        assert model.is_token(value) == _accepted(guid=value)
        assert model.is_line(value) == _accepted(dateline=value)
        assert model.is_text(value) == _accepted(summary=value)
