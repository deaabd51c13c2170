"""ninjs: 3.1 and 2.2 written and schema-valid, 3.x/2.x/1.x read, real files, the projection."""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

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
    Preformatted,
    Quote,
    Rights,
    Role,
    Run,
    SerializeError,
    Source,
    Story,
    Subject,
    Table,
)
from newsitem.formats import ninjs
from newsitem.strategies import stories

from . import pending
from .conftest import DATA, SHARED

SCHEMAS = SHARED / "schemas" / "ninjs"
CORPUS = SHARED / "corpus" / "ninjs"
EXPECTED = sorted((DATA / "ninjs").glob("*.expected.json"))
PLAIN_URIS = st.from_regex(r"(https|urn|tag):[a-z0-9]{1,12}(/[A-Za-z0-9._~-]{1,10}){0,3}", fullmatch=True)
# Built once: a strategy built inside a composite's draw is built and validated
# again for every example (that was most of the 70 s the properties took in CI).
AWARE_STORIES = stories(naive=False)


@functools.cache
def _validator(version: str, *, skip: bool = True) -> jsonschema.Draft202012Validator | None:
    """The IPTC schema of ``version`` with format checking, built once; without ../shared,
    a skip (or None when ``skip`` is false)."""
    path = SCHEMAS / f"ninjs-schema_{version}.json"
    if not path.exists():
        if not skip:
            return None
        pytest.skip(f"needs the ninjs schemas in {SCHEMAS} (CI has ../shared; a user's clone does not)")
    return jsonschema.Draft202012Validator(
        json.loads(path.read_text("utf-8")), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@st.composite
def ninjs_stories(draw: st.DrawFn) -> Story:
    """Every story stock ninjs carries, from newsitem.strategies: times with offsets, a URI guid."""
    story = ninjs.carried(draw(AWARE_STORIES))
    return attrs.evolve(story, guid=draw(PLAIN_URIS))


def test_format_checker_is_active() -> None:
    """The schema check really checks formats: a naive time and a non-URI uri are refused."""
    validator = _validator("3.1")
    assert validator is not None
    assert not validator.is_valid({"uri": "not a uri"})
    assert not validator.is_valid({"uri": "urn:x:1", "firstCreated": "2024-05-01T09:30:00"})
    assert validator.is_valid({"uri": "urn:x:1", "firstCreated": "2024-05-01T09:30:00+02:00"})


class TestWriting:
    """dumps gives schema-valid ninjs, and reads back exactly on the projection."""

    @pytest.mark.parametrize("version", ["3.1", "2.2"])
    @given(story=ninjs_stories())
    def test_written_documents(self, version: str, story: Story) -> None:
        """Every 3.1 and 2.2 document is valid under its IPTC schema and reads back exactly, offsets included, without notes."""
        text = newsitem.dumps(story, format="ninjs", version=version)
        validator = _validator(version, skip=False)
        if validator is not None:  # one generation serves both checks (see AWARE_STORIES)
            assert [e.message for e in validator.iter_errors(json.loads(text))] == []
        reading = newsitem.read(text, layout="ninjs")
        back = reading.story
        assert (back, reading.notes) == (story, ())
        assert [t.utcoffset() for t in (back.published, back.updated) if t] == [
            t.utcoffset() for t in (story.published, story.updated) if t
        ]

    @given(AWARE_STORIES)
    def test_lossy_gives_the_projection(self, story: Story) -> None:
        """lossy=True writes what carried() keeps (given a URI guid)."""
        story = attrs.evolve(story, guid="urn:newsitem:test")
        back = newsitem.loads(newsitem.dumps(story, format="ninjs", lossy=True), format="ninjs")
        assert back == ninjs.carried(story)

    def test_shape(self) -> None:
        """The mapping of the docs page, on one story."""
        story = Story(
            headline="H",
            subheadline="S",
            guid="urn:x:1",
            bylines=[Byline(name="A"), Byline(name="B"), Byline(name="D", role=Role.SUBMITTER)],
            source=Source(name="Daily", code="DLY"),
            published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
            section="World",
            keywords=["k1"],
            subjects=[Subject(code="medtop:20000002", name="politics")],
            url="https://news.example/a",
            rights=Rights(notice="N", license="https://creativecommons.org/licenses/by/4.0/"),
            body=[Paragraph(runs=["Talks ", Run(text="stalled", emphasis=True), " <now> & then"])],
        )
        doc = json.loads(newsitem.dumps(story, format="ninjs"))
        assert doc["by"] == "By A and B"
        assert doc["headlines"] == [{"role": "main", "value": "H"}, {"role": "subhead", "value": "S"}]
        assert doc["infoSources"][-1] == {"role": "origcont", "name": "Daily", "literal": "DLY"}
        assert doc["subjects"] == [
            {"rel": "about", "name": "politics", "uri": "medtop:20000002"},
            {"name": "World", "rel": "section"},
            {"name": "k1", "rel": "keyword"},
        ]
        assert doc["bodies"][0]["value"] == "<p>Talks <em>stalled</em> &lt;now&gt; &amp; then</p>"
        assert doc["renditions"] == [
            {"name": "web", "href": "https://news.example/a", "contentType": "text/html"}
        ]
        assert doc["firstCreated"] == "2024-05-01T09:30:00+02:00"

    def test_naive_time_needs_naive_tz(self) -> None:
        """A naive time is refused, naming the field; naive_tz= states its zone (never UTC by default)."""
        story = Story(headline="H", guid="urn:x:1", updated=datetime(2024, 1, 15, 9, 30))
        with pytest.raises(SerializeError, match="updated is naive; pass naive_tz="):
            newsitem.dumps(story, format="ninjs")
        doc = json.loads(newsitem.dumps(story, format="ninjs", naive_tz="America/New_York"))
        assert doc["versionCreated"] == "2024-01-15T09:30:00-05:00"

    @pytest.mark.parametrize("option", [{"version": "4.0"}, {"naive_tz": "Mars/Base"}])
    def test_bad_options_are_usage_errors(self, option: dict[str, str]) -> None:
        """A version or a zone ninjs does not know is the caller's mistake: UsageError, before the story is looked at."""
        # No guid, and a byline title stock ninjs cannot carry: refused either way, were it looked at.
        refused = Story(headline="H", bylines=[Byline(name="A", title="Editor")])
        with pytest.raises(newsitem.UsageError, match=next(iter(option.values()))):
            newsitem.dumps(refused, format="ninjs", **option)

    @given(AWARE_STORIES)
    def test_strict_refuses_exactly_what_carried_drops(self, story: Story) -> None:
        """A strict write refuses a story exactly when carried() changes it, naming the fields that differ."""
        story = attrs.evolve(story, guid="urn:newsitem:test")
        kept = ninjs.carried(story)
        try:
            newsitem.dumps(story, format="ninjs")
        except SerializeError as exc:
            assert kept != story
            assert exc.lost and all(getattr(kept, field) != getattr(story, field) for field in exc.lost)
        else:
            assert kept is story

    def test_guid_must_be_a_uri(self) -> None:
        """ninjs' uri is required: no guid, or one that is not a URI, is refused, and the message names newsitem.mint_guid."""
        for story in (Story(headline="H"), Story(headline="H", guid="12345")):
            with pytest.raises(SerializeError, match=r"guid as a URI.*newsitem\.mint_guid\(story\)"):
                newsitem.dumps(story, format="ninjs", lossy=True)

    def test_minted_guid_is_written(self) -> None:
        """A story given newsitem.mint_guid's guid is written with it as uri, and reads back with it."""
        story = Story(headline="H", url="https://news.example/a")
        minted = attrs.evolve(story, guid=newsitem.mint_guid(story))
        text = newsitem.dumps(minted, format="ninjs")
        assert json.loads(text)["uri"] == minted.guid
        assert ninjs.loads(text) == minted

    def test_reading_never_invents_a_guid(self) -> None:
        """A document without uri (nor guid) reads as a story without a guid."""
        story = ninjs.loads('{"headlines": [{"role": "main", "value": "H"}]}')
        assert story.guid is None

    def test_strict_names_what_would_be_lost(self) -> None:
        """Without lossy, a story with fields stock ninjs cannot carry is refused."""
        story = Story(headline="H", guid="urn:x:1", priority="r", bylines=[Byline(name="A", title="Editor")])
        with pytest.raises(
            SerializeError, match=r"ninjs cannot carry bylines, priority; pass lossy=True"
        ) as exc:
            newsitem.dumps(story, format="ninjs")
        assert exc.value.lost == ("bylines", "priority")


class TestReading:
    """Real ninjs files and the version rules."""

    @pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".")[0])
    def test_corpus_file(self, expected: Path) -> None:
        """Each file in ../shared/corpus/ninjs reads into its expected story (tests/data/ninjs)."""
        source = CORPUS / expected.name.replace(".expected.json", ".json")
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source} (CI has it; a user's clone does not)")
        assert newsitem.load(source, format="ninjs") == newsitem.load(expected)

    def test_corpus_is_covered(self) -> None:
        """Every corpus file has its expected values or is listed as pending."""
        if not CORPUS.exists():
            pytest.skip(f"needs the shared corpus at {CORPUS}")
        expected = {p.name.replace(".expected", "") for p in EXPECTED}
        expected |= {p.name.replace(".fields", "") for p in (DATA / "ninjs").glob("*.fields.json")}
        assert not expected & pending.NINJS, "a file with expected values is still listed as pending"
        assert {p.name for p in CORPUS.glob("*.json")} == expected | pending.NINJS

    def test_unknown_properties_kept(self) -> None:
        """Properties with no home stay in extras as JSON text."""
        story = ninjs.loads(
            '{"uri": "urn:x:1", "headlines": [{"role": "main", "value": "H"}], "profile": "n", '
            '"altIds": [{"role": "x", "value": "1"}]}'
        )
        assert dict(story.extras) == {"ninjs.profile": "n", "ninjs.altIds": '[{"role": "x", "value": "1"}]'}

    @pytest.mark.parametrize(
        ("document", "headline"),
        [
            (
                '{"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.5.json", "uri": "urn:x:1", '
                '"headline": "One", "body_text": "B"}',
                "One",
            ),
            (
                '{"$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json", "uri": "urn:x:1", '
                '"headlines": [{"role": "main", "value": "Two"}], "firstcreated": "2024-05-01T09:30:00+02:00"}',
                "Two",
            ),
            (
                '{"uri": "urn:x:1", "standard": {"name": "ninjs", "version": "3.0"}, '
                '"headlines": [{"role": "main", "value": "Three"}], "firstCreated": "2024-05-01T09:30:00+02:00"}',
                "Three",
            ),
        ],
    )
    def test_version_declarations(self, document: str, headline: str) -> None:
        """$schema and standard.version name the version; the declarations are not kept as extras."""
        story = ninjs.loads(document)
        assert story.headline == headline
        assert not [key for key in story.extras if "schema" in key or "standard" in key]
        if headline != "One":
            assert story.published == datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))

    def test_example_31(self) -> None:
        """IPTC-style 3.1 example from ../shared/docs reads with every mapped field."""
        path = SHARED / "docs" / "ninjs-3.1-example.json"
        if not path.exists():
            pytest.skip(f"needs {path}")
        story = newsitem.load(path, format="ninjs")
        assert story.headline == "Climate talks stall over finance"
        assert [(b.name, b.role.value) for b in story.bylines] == [
            ("Jane Doe", "author"),
            ("John Roe", "author"),
            ("Sam Desk", "submitter"),
        ]
        assert story.provider == Source(name="Example Wire", code="example-wire")
        assert (story.section, story.keywords, story.genre) == (
            "World",
            ("climate", "United Nations"),
            "Analysis",
        )
        assert story.published is not None and story.published.utcoffset() == timedelta(hours=1)
        assert story.body[0].runs[1] == Run(text="stalled", emphasis=True)
        assert story.url == "https://news.example/world/2025/03/01/climate-talks"
        assert "ninjs.by" not in story.extras

    @pytest.mark.parametrize(
        ("text", "error", "message"),
        [
            ("[1]", newsitem.ParseError, "a ninjs document is a JSON object"),
            ('{"uri": "urn:x:1"', newsitem.ParseError, "malformed JSON"),
            ('{"uri": "urn:x:1"}', newsitem.ValidationError, "a story needs a headline, a body or a summary"),
            (b'{"uri": "urn:x:1", "headline": "caf\xe9"}', newsitem.ParseError, "invalid UTF-8 at byte 35"),
            ('{"uri": "urn:x:1", "headline": NaN}', newsitem.ParseError, "malformed JSON"),
        ],
    )
    def test_bad_input(self, text: str | bytes, error: type[Exception], message: str) -> None:
        """Our errors, with what was expected."""
        with pytest.raises(error, match=message):
            ninjs.loads(text)

    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "uri",
                    "headline",
                    "headlines",
                    "by",
                    "infoSources",
                    "subjects",
                    "bodies",
                    "genres",
                    "renditions",
                    "firstCreated",
                    "priority",
                    "version",
                    "body_html",
                    "subject",
                    "standard",
                    "organisations",
                    "descriptions",
                    "data",
                    "items",
                ]
            ),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                lambda inner: (
                    st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
                ),
                max_leaves=8,
            ),
        )
    )
    def test_arbitrary_documents(self, document: dict[str, object]) -> None:
        """Any JSON object gives a Story or one of our errors, never another exception."""
        try:
            result = ninjs.loads(json.dumps(document))
        except (newsitem.ParseError, newsitem.ValidationError):
            return
        assert isinstance(result, Story)

    def test_detected(self) -> None:
        """detect() tells ninjs from newsitem's own JSON."""
        story = Story(headline="H", guid="urn:x:1")
        assert newsitem.detect(newsitem.dumps(story, format="ninjs")).layout == "ninjs"
        assert newsitem.detect(newsitem.dumps(story)).layout == "json"


HEAD = '"uri": "urn:x:1", "headlines": [{"role": "main", "value": "H"}]'


class TestForeignValues:
    """A value the model refuses in somebody else's ninjs is kept in extras with a note; the item reads."""

    def test_rendition_href_with_a_space(self) -> None:
        """The issue's example: a web rendition whose href has a space reads, the href kept in extras."""
        document = (
            "{" + HEAD + ', "renditions": [{"name": "web", "href": "https://news.example/a b", '
            '"contentType": "text/html"}]}'
        )
        reading = newsitem.read(document, layout="ninjs")
        assert reading.story.url is None
        assert reading.story.extras["ninjs.renditions[0].href"] == "https://news.example/a b"
        [note] = reading.notes
        assert (note.code, note.format, note.where) == ("kept-in-extras", "ninjs", "$.renditions[0].href")
        assert "ninjs.renditions[0].href" in note.message

    @pytest.mark.parametrize(
        ("properties", "key", "where"),
        [
            ('"language": "en gb"', "ninjs.language", "$.language"),
            ('"firstCreated": "yesterday"', "ninjs.firstCreated", "$.firstCreated"),
            ('"firstCreated": "2024-05-01T09:30:00+15:00"', "ninjs.firstCreated", "$.firstCreated"),
            ('"urgency": 12', "ninjs.urgency", "$.urgency"),
            ('"pubStatus": "draft"', "ninjs.pubStatus", "$.pubStatus"),
            (
                '"rightsInfo": {"linkedRights": "see our terms"}',
                "ninjs.rightsInfo.linkedRights",
                "$.rightsInfo.linkedRights",
            ),
            (
                '"infoSources": [{"role": "origcont", "name": "Daily", "uri": "https://x/100%zz"}]',
                "ninjs.infoSources[0].uri",
                "$.infoSources[0].uri",
            ),
            (
                '"subjects": [{"name": "politics", "uri": "medtop 20000002"}]',
                "ninjs.subjects.0.code",
                "$.subjects[0].uri",
            ),
        ],
    )
    def test_refused_values(self, properties: str, key: str, where: str) -> None:
        """Each kind of value the model refuses (a URI, a language tag, a time, a code) goes to extras with a note."""
        reading = newsitem.read("{" + HEAD + ", " + properties + "}", layout="ninjs")
        assert key in reading.story.extras
        assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", where)]

    def test_guid_with_a_space(self) -> None:
        """A uri the model cannot hold as a guid (it has a space) is kept in extras, the story has no guid."""
        reading = newsitem.read(
            '{"uri": "urn:x 1", "headlines": [{"role": "main", "value": "H"}]}', layout="ninjs"
        )
        assert (reading.story.guid, reading.story.extras["ninjs.uri"]) == (None, "urn:x 1")
        assert [n.where for n in reading.notes] == ["$.uri"]

    def test_notes_use_the_documents_own_names(self) -> None:
        """In a 2.x document the note names the lowercase property the value was read from."""
        document = (
            '{"uri": "urn:x:1", "headlines": [{"role": "main", "value": "H"}], "versioncreated": "soon"}'
        )
        reading = newsitem.read(document, layout="ninjs")
        assert reading.story.extras["ninjs.versionCreated"] == "soon"
        assert [n.where for n in reading.notes] == ["$.versioncreated"]

    @pytest.mark.parametrize(
        ("properties", "where"),
        [
            ('"body_html": "<p>One.</p><p>See <a href=\\"https://x/100%zz\\">this</a>.</p>"', "$.body_html"),
            (
                '"bodies": [{"contentType": "text/html", "value": '
                '"<p>One.</p><p>See <a href=\\"https://x/100%zz\\">this</a>.</p>"}]',
                "$.bodies[0].value",
            ),
        ],
    )
    def test_body_link_the_model_refuses(self, properties: str, where: str) -> None:
        """A body link the model refuses keeps its text as a plain run, the href in extras with a note placed in the body."""
        reading = newsitem.read("{" + HEAD + ", " + properties + "}", layout="ninjs")
        assert reading.story.text == "One.\n\nSee this."
        assert all(run.link is None for p in reading.story.body for run in p.runs)
        assert dict(reading.story.extras) == {"ninjs.body[1].link[0]": "https://x/100%zz"}
        assert [(n.code, n.format, n.where) for n in reading.notes] == [
            ("kept-in-extras", "ninjs", where + "/p[1]/a[0]")
        ]

    @pytest.mark.parametrize(
        ("properties", "where", "extra"),
        [
            ('"body_text": 5', "$.body_text", '{"value": 5, "contentType": "text/plain"}'),
            ('"bodies": [{"value": ["x"]}]', "$.bodies[0].value", '{"value": ["x"]}'),
            ('"bodies": ["x"]', "$.bodies[0]", "x"),
        ],
    )
    def test_body_that_is_no_text(self, properties: str, where: str, extra: str) -> None:
        """A body that is not a string is kept in extras as sent, with a kept-in-extras note at its path."""
        reading = newsitem.read("{" + HEAD + ", " + properties + "}", layout="ninjs")
        assert reading.story.body == ()
        assert dict(reading.story.extras) == {"ninjs.bodies.0": extra}
        assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", where)]

    def test_body_links_the_model_takes_or_cannot_hold(self) -> None:
        """A body link the model takes stays a link; a relative one is dropped without a note (the model holds absolute URIs only)."""
        body = '<p><a href=\\" https://x.example/a \\">a</a> <a href=\\"/rel\\">b</a></p>'
        reading = newsitem.read("{" + HEAD + ', "body_html": "' + body + '"}', layout="ninjs")
        assert [run.link for run in reading.story.body[0].runs] == ["https://x.example/a", None]
        assert (dict(reading.story.extras), reading.notes) == ({}, ())


class TestErrorsLocated:
    """A text the model refuses is a ValidationError with the document path and the model path."""

    @pytest.mark.parametrize(
        ("document", "where", "path"),
        [
            (
                '{"uri": "urn:x:1", "headlines": [{"role": "main", "value": "a\\ufffeb"}]}',
                "$.headlines[0].value",
                "Story.headline",
            ),
            ('{"uri": "urn:x:1", "headline": "a\\ufffeb"}', "$.headline", "Story.headline"),
            (
                '{"uri": "urn:x:1", "headlines": [{"role": "main", "value": "H"}], "firstcreated": "2024-05-01T09:30:00Z", '
                '"copyrightholder": "a\\tb"}',
                "$.copyrightholder",
                "Story.rights.holder",
            ),
            (
                "{"
                + HEAD
                + ', "infoSources": [{"role": "author", "name": "A"}, {"role": "editor", "name": "B\\tC"}]}',
                "$.infoSources[1].name",
                "Story.bylines[1].name",
            ),
            (
                "{" + HEAD + ', "subjects": [{"rel": "keyword", "name": "x\\ny"}]}',
                "$.subjects[0].name",
                "Story.keywords[0]",
            ),
        ],
    )
    def test_located(self, document: str, where: str, path: str) -> None:
        """3.x, 1.x and 2.x documents: the error names where the value was and which model field refused it."""
        with pytest.raises(newsitem.ValidationError) as exc:
            ninjs.loads(document)
        assert exc.value.format == "ninjs"
        assert [(p.where, p.path) for p in exc.value.problems] == [(where, path)]

    def test_story_with_nothing_is_located(self) -> None:
        """A document with no headline, body nor summary is an error of the whole story, at $."""
        with pytest.raises(newsitem.ValidationError) as exc:
            ninjs.loads('{"uri": "urn:x:1", "headlines": [{"role": "subhead", "value": "S"}]}')
        assert [(p.where, p.path) for p in exc.value.problems] == [("$", "Story")]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def damaged_documents(draw: st.DrawFn) -> str:
    """Our own ninjs (3.1 or 2.2) with one value anywhere replaced by an arbitrary JSON value."""
    story = draw(ninjs_stories())
    document = json.loads(
        newsitem.dumps(story, format="ninjs", version=draw(st.sampled_from(["3.1", "2.2"])))
    )
    places: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                places.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                places.append((node, index))
                walk(value)

    walk(document)
    container, key = draw(st.sampled_from(places))
    container[key] = draw(JSON_VALUES)  # type: ignore[index]
    return json.dumps(document)


@given(damaged_documents())
def test_damaged_documents_give_our_errors(text: str) -> None:
    """A damaged document gives a Story or our errors, never another exception."""
    try:
        result = ninjs.loads(text)
    except (newsitem.ParseError, newsitem.ValidationError):
        return
    assert isinstance(result, Story)


SAMPLES = DATA / "ninjs" / "samples"
SINGLE_SAMPLES = sorted(p for p in SAMPLES.glob("*.expected.json") if not p.name.startswith("list-"))


class TestSamples:
    """Our own samples in tests/data/ninjs/samples read into their expected values."""

    @pytest.mark.parametrize("expected", SINGLE_SAMPLES, ids=lambda p: p.name.split(".")[0])
    def test_sample(self, expected: Path) -> None:
        """Each sample (an organisation credited as author, a headline-less alert, a day-only 1.x item, absent values, 1.x renderings, people and links, a NITF body, a blank byline name, a headline whose only role is "simple", superdesk's associations with renditions by name and no uri, CR and CRLF line ends in strings, a label line and a lead repeating the summary, superdesk's authors, AP bylines whose title is a newsroom, a plain-text body holding HTML, Reuters credit lines and a desk sign-off) reads as expected."""
        source = expected.with_name(expected.name.replace(".expected.json", ".json"))
        assert newsitem.load(source, format="ninjs") == newsitem.load(expected)

    def test_version_zero_is_kept(self) -> None:
        """AP's version 0 (its API counts from 0) is kept in extras with a note saying why, not read as 1."""
        with newsitem.notes.collect() as found:
            story = ninjs.loads('{"uri": "urn:x:1", "version": 0, "headline": "H"}')
        assert (story.version, story.extras["ninjs.version"]) == (1, "0")
        assert [(n.code, n.where) for n in found] == [("kept-in-extras", "$.version")]
        assert "counts from 0" in found[0].message

    def test_text_holding_html_is_noted(self) -> None:
        """A plain-text body that is clearly HTML is read as HTML, with a note saying so."""
        with newsitem.notes.collect() as found:
            newsitem.load(SAMPLES / "text-holding-html.json", format="ninjs")
        assert [(n.code, n.where) for n in found] == [("unknown-vocabulary", "$.body_text")]

    def test_label_line_is_kept_with_a_note(self) -> None:
        """A line of labelled fields before the first paragraph (TT's div.dat) leaves the body with a note, kept in extras."""
        with newsitem.notes.collect() as found:
            story = newsitem.load(SAMPLES / "label-line.json", format="ninjs")
        assert json.loads(story.extras["ninjs.body.labels"]) == {"vignette": "Hamn", "source": "EXP"}
        assert [(n.code, n.where) for n in found] == [("kept-in-extras", "$.bodies[1].value")]

    @pytest.mark.parametrize(
        ("html", "texts"),
        [
            ('<div><span class="a">Hamn</span><span class="b">EXP</span></div>', []),
            (
                '<p>One.</p><div><span class="a">Hamn</span> <span class="b">EXP</span></div>',
                ["One.", "Hamn EXP"],
            ),
            ("<p>One.</p><div><span>Ha</span><span>mn</span></div>", ["One.", "Hamn"]),
            ('<p>One.</p><div><span class="a">Ha</span>-<span class="b">mn</span></div>', ["One.", "Ha-mn"]),
            ('<p><span class="a">Ha</span><span class="b">mn</span></p>', ["Hamn"]),
            (
                '<div>One.</div><div><span class="a">Hamn</span><span class="b">EXP</span></div>',
                ["One.", "Hamn EXP"],
            ),
        ],
        ids=["leading", "later", "no-class", "text-between", "in-a-p", "after-a-div-of-text"],
    )
    def test_fields_lines(self, html: str, texts: list[str]) -> None:
        """Only a div of classed spans with nothing between them is a fields line (a space between its fields; a leading one leaves the body); inline spans elsewhere stay as a browser joins them."""
        doc = {"uri": "urn:x:1", "headlines": [{"value": "H"}], "bodies": [{"role": "html", "value": html}]}
        story = ninjs.loads(json.dumps(doc))
        assert [block.text for block in story.body] == texts

    @pytest.mark.parametrize(
        ("body", "texts"),
        [
            ("Teaser one.\n\nTeaser two.\n\nStory.", ["Story."]),
            ("Teaser one.\n\nStory.", ["Story."]),
            ("Teaser  one.\n\nTeaser two.", ["Teaser one.", "Teaser two."]),
            ("Teaser two.\n\nTeaser one.\n\nStory.", ["Teaser two.", "Teaser one.", "Story."]),
        ],
        ids=["both", "first", "all-of-it", "out-of-order"],
    )
    def test_summary_not_repeated(self, body: str, texts: list[str]) -> None:
        """Leading paragraphs that repeat the summary's, in order, leave the body, unless that empties it."""
        doc = {"uri": "urn:x:1", "description_text": "Teaser one.\nTeaser two.", "body_text": body}
        story = ninjs.loads(json.dumps(doc))
        assert [block.text for block in story.body] == texts

    @pytest.mark.parametrize("name", ["list-of-three", "list-search-result"])
    def test_listed(self, name: str) -> None:
        """A JSON array of ninjs objects, and a search result listing them under ``item`` (with
        ``total``, ``limit``, ``offset``), give one part per object, each with its path and story."""
        parts = list(newsitem.loads_all((SAMPLES / f"{name}.json").read_bytes(), format="ninjs"))
        expected = json.loads((SAMPLES / f"{name}.expected.json").read_text("utf-8"))
        assert [(p.index, p.where) for p in parts] == [(i, e["where"]) for i, e in enumerate(expected, 1)]
        assert [p.unwrap() for p in parts] == [newsitem.loads(json.dumps(e["story"])) for e in expected]


ONE = '{"uri": "urn:x:%d", "headlines": [{"role": "main", "value": "H%d"}]}'


def _one(n: int) -> str:
    return ONE % (n, n)


class TestContainers:
    """loads_all reads arrays, envelopes and JSON Lines of ninjs objects; loads reads one."""

    @pytest.mark.parametrize(
        ("text", "wheres"),
        [
            (f"[{_one(1)}, {_one(2)}, {_one(3)}]", ["$[0]", "$[1]", "$[2]"]),
            ('{"api_version": "2.0", "data": {"item": ' + _one(1) + "}}", ["$.data.item"]),
            (
                '{"data": {"items": [{"meta": {}, "item": ' + _one(1) + "}, " + _one(2) + "]}}",
                ["$.data.items[0].item", "$.data.items[1]"],
            ),
            ('{"items": [' + _one(1) + ", " + _one(2) + "]}", ["$.items[0]", "$.items[1]"]),
            (
                '{"total": 2, "offset": 0, "item": [' + _one(1) + ", " + _one(2) + "]}",
                ["$.item[0]", "$.item[1]"],
            ),
            ('{"_meta": {"total": 1}, "_items": [' + _one(1) + "]}", ["$._items[0]"]),
            (f"{_one(1)}\n\n{_one(2)}\r\n{_one(3)}\n", ["line 1", "line 3", "line 4"]),
            (_one(1), [None]),
        ],
    )
    def test_shapes(self, text: str, wheres: list[str | None]) -> None:
        """Each shape gives one part per object, in order, with its JSON path or line."""
        parts = list(newsitem.loads_all(text, format="ninjs"))
        assert [p.where for p in parts] == wheres
        assert [p.unwrap().headline for p in parts] == [f"H{i}" for i in range(1, len(wheres) + 1)]

    def test_bad_member(self) -> None:
        """A member that is no object, a bad JSON line or a story the model refuses gives its part's error; the rest read."""
        listed = list(ninjs.loads_all(f'[{_one(1)}, 5, {{"uri": "urn:x:3"}}, {_one(4)}]'))
        assert [p.story is not None for p in listed] == [True, False, False, True]
        assert isinstance(listed[1].error, newsitem.ParseError)
        assert "got the number 5 at $[1]" in str(listed[1].error)
        assert isinstance(listed[2].error, newsitem.ValidationError)
        assert [p.where for p in listed[2].error.problems] == ["$[2]"]
        lines = list(ninjs.loads_all(f'{_one(1)}\n{{"uri": \n{_one(3)}\n'))
        assert [p.where for p in lines] == ["line 1", "line 2", "line 3"]
        error = lines[1].error
        assert isinstance(error, newsitem.ParseError) and (error.line, error.message[:13]) == (
            2,
            "malformed JSO",
        )

    def test_member_paths(self) -> None:
        """A member's notes and errors name their place in the whole input ($.data.items[1].language)."""
        text = (
            '{"data": {"items": [' + _one(1) + ', {"uri": "urn:x:2", "body_text": "B", "language": "??"}]}}'
        )
        with newsitem.notes.collect() as found:
            parts = list(ninjs.loads_all(text))
        assert [p.story is not None for p in parts] == [True, True]
        assert [n.where for n in parts[1].notes] == ["$.data.items[1].language"]
        assert found == []  # each member's notes are its own
        bad = list(
            ninjs.loads_all('[{"uri": "urn:x:1", "headlines": [{"role": "main", "value": "a\\ufffeb"}]}]')
        )
        assert isinstance(bad[0].error, newsitem.ValidationError)
        assert [p.where for p in bad[0].error.problems] == ["$[0].headlines[0].value"]

    def test_malformed_container_raises(self) -> None:
        """Text whose first line is not JSON is one malformed document: loads_all raises, as loads does."""
        with pytest.raises(newsitem.ParseError, match="malformed JSON"):
            list(ninjs.loads_all('{"uri": \n' + _one(2)))

    def test_empty_array(self) -> None:
        """An empty array holds no story: no parts, and loads refuses it."""
        assert list(ninjs.loads_all("[]")) == []
        with pytest.raises(newsitem.ParseError, match="a JSON array of 0"):
            ninjs.loads("[]")

    def test_loads_reads_a_container_of_one(self) -> None:
        """loads reads the one story of an envelope or array; several are refused, naming loads_all."""
        assert ninjs.loads('{"data": {"item": ' + _one(7) + "}}").headline == "H7"
        assert ninjs.loads(f"[{_one(8)}]").headline == "H8"
        with pytest.raises(
            newsitem.ParseError, match=r"JSON Lines of 2: read its stories with newsitem\.loads_all"
        ):
            ninjs.loads(f"{_one(1)}\n{_one(2)}")

    def test_ap_envelope(self) -> None:
        """The AP Media API response in the corpus is an envelope of one item at $.data.item."""
        path = CORPUS / "ap-api-text.json"
        if not path.exists():
            pytest.skip(f"needs {path}")
        parts = list(newsitem.loads_all(path.read_bytes(), format="ninjs"))
        assert [(p.where, p.unwrap().headline) for p in parts] == [
            ("$.data.item", "Review: Documentary about electric racing holds little spark")
        ]

    def test_detected(self) -> None:
        """detect() recognises a JSON array of ninjs objects as ninjs."""
        story = Story(headline="H", guid="urn:x:1", body=["B"])
        text = "[" + newsitem.dumps(story, format="ninjs") + "]"
        assert newsitem.detect(text).layout == "ninjs"

    def test_parse_all_detects_a_search_result(self) -> None:
        """parse_all finds every ninjs item of a search result (``total``, ``limit``, ``offset``, ``item``) untold."""
        listed = list(newsitem.parse_all((SAMPLES / "list-search-result.json").read_bytes(), name="s.json"))
        assert [(p.layout, p.where, p.unwrap().headline) for p in listed] == [
            ("ninjs", "$.item[0]", "Bridge closed for inspection"),
            ("ninjs", "$.item[1]", "Market hall gets a new roof"),
        ]

    def test_parse_all_detects(self) -> None:
        """parse_all finds the ninjs parts of the list sample and of JSON Lines without being told the format."""
        listed = list(newsitem.parse_all((SAMPLES / "list-of-three.json").read_bytes(), name="l.json"))
        assert [(p.locator, p.layout) for p in listed] == [(f"l.json#{i}", "ninjs") for i in (1, 2, 3)]
        lines = "\n".join(
            newsitem.dumps(Story(headline=f"H{i}", guid=f"urn:x:{i}"), format="ninjs") for i in range(3)
        )
        assert [p.unwrap().headline for p in newsitem.parse_all(lines)] == ["H0", "H1", "H2"]

    @pytest.mark.parametrize("listed", [True, False], ids=["list", "object"])
    def test_parse_all_detects_2x_and_3x_names(self, listed: bool) -> None:
        """parse_all finds a ninjs 2.x/3.x object (uri with a ninjs type, headlines, bodies), alone
        or in a list, without being told the format (it was "no known layout")."""
        two = {"uri": "urn:x:1", "type": "text", "headlines": [{"value": "H"}], "bodies": [{"value": "B"}]}
        three = {"uri": "urn:x:2", "type": "text", "bodies": [{"contentType": "text/plain", "value": "B3"}]}
        for doc, headline in ((two, "H"), (three, None)):
            parts = list(newsitem.parse_all(json.dumps([doc] if listed else doc)))
            assert [(p.layout, p.unwrap().headline) for p in parts] == [("ninjs", headline)]

    def test_uri_and_type_alone_or_canonical_json_are_not_ninjs(self) -> None:
        """One hint is not ninjs (a uri with type "text" and nothing else ninjs names), and newsitem's
        own JSON, whose body blocks hold "type" and a figure's "uri", stays json, alone or listed."""
        assert ninjs.sniff('{"uri": "https://x/1", "type": "text", "name": "n"}') is None
        story = Story(
            guid="urn:x:1",
            slugline="s",
            body=[Heading(runs=["H"]), Figure(uri="https://x/p.jpg", alt="A"), Paragraph.plain("B")],
        )
        own = newsitem.dumps(story)
        assert ninjs.sniff(own) is None
        for text in (own, f"[{own}, {own}]", f"{own}\n{own}"):
            assert newsitem.detect(text).layout == "json"
            assert [p.layout for p in newsitem.parse_all(text)] == ["json"] * text.count('"newsitem"')


class TestNewModel:
    """Headline-less stories, organisations, QCodes and days, both ways."""

    def test_headline_less(self) -> None:
        """A story without a headline is written without headlines (a subhead alone if it has one) and reads back as None."""
        for story in (
            Story(guid="urn:x:1", body=["An alert."]),
            Story(guid="urn:x:1", subheadline="S", summary="Sum"),
        ):
            doc = json.loads(newsitem.dumps(story, format="ninjs"))
            assert [h["role"] for h in doc.get("headlines", [])] == (["subhead"] if story.subheadline else [])
            assert ninjs.loads(json.dumps(doc)) == story

    @pytest.mark.parametrize("value", ["", "  "])
    def test_empty_headline_is_none(self, value: str) -> None:
        """An empty or blank headline (an STT item's, a wire alert's) reads as no headline, not an error."""
        document = {"uri": "urn:x:1", "headlines": [{"role": "main", "value": value}], "body_text": "Alert."}
        story = ninjs.loads(json.dumps(document))
        assert (story.headline, story.text, dict(story.extras)) == (None, "Alert.", {})

    def test_simple_headline(self) -> None:
        """A headline without a role (ninjs' simple headline) is the main one when none says main."""
        story = ninjs.loads(
            '{"uri": "urn:x:1", "headlines": [{"value": "Simple"}, {"role": "subhead", "value": "S"}]}'
        )
        assert (story.headline, story.subheadline, dict(story.extras)) == ("Simple", "S", {})

    def test_organisation_credited(self) -> None:
        """An organisation byline is written in infoSources (its place) and organisations (its kind), and reads back."""
        story = Story(
            headline="H",
            guid="urn:x:1",
            bylines=[Byline(name="Ana"), Byline(name="BBC News", kind="organisation", role=Role.CONTRIBUTOR)],
        )
        doc = json.loads(newsitem.dumps(story, format="ninjs"))
        assert doc["infoSources"] == [
            {"name": "Ana", "role": "author"},
            {"name": "BBC News", "role": "contributor"},
        ]
        assert doc["organisations"] == [{"name": "BBC News", "rel": "contributor"}]
        assert ninjs.loads(json.dumps(doc)) == story

    def test_same_name_person_and_organisation(self) -> None:
        """Where a person and an organisation share name and role, the projection puts the organisation first, and strict refuses."""
        person, org = Byline(name="X"), Byline(name="X", kind="organisation")
        story = Story(headline="H", guid="urn:x:1", bylines=[person, org])
        assert ninjs.carried(story).bylines == (org, person)
        with pytest.raises(SerializeError, match="bylines"):
            newsitem.dumps(story, format="ninjs")
        back = ninjs.loads(newsitem.dumps(story, format="ninjs", lossy=True))
        assert back.bylines == (org, person)

    def test_qcode_subject(self) -> None:
        """A QCode that is no URI is written as the subject's literal (schema-valid) and reads back as the code."""
        story = Story(headline="H", guid="urn:x:1", subjects=[Subject(code="FIEG_Categories:CRO")])
        doc = json.loads(newsitem.dumps(story, format="ninjs"))
        assert doc["subjects"] == [{"rel": "about", "literal": "FIEG_Categories:CRO"}]
        validator = _validator("3.1")
        assert validator is not None and validator.is_valid(doc)
        assert ninjs.loads(json.dumps(doc)) == story

    @pytest.mark.parametrize("field", ["published", "updated"])
    def test_day_only(self, field: str) -> None:
        """A day alone has no place in ninjs (it needs a date-time): strict refuses it, lossy leaves it out."""
        from datetime import date

        story = attrs.evolve(Story(headline="H", guid="urn:x:1"), **{field: date(2020, 1, 16)})
        with pytest.raises(SerializeError, match=field) as caught:
            newsitem.dumps(story, format="ninjs")
        assert caught.value.lost == (field,)
        assert ninjs.loads(newsitem.dumps(story, format="ninjs", lossy=True)) == attrs.evolve(
            story, **{field: None}
        )

    def test_day_only_read(self) -> None:
        """A date alone in a foreign file is a date for firstCreated; embargoedUntil needs a time and keeps it in extras."""
        from datetime import date

        reading = newsitem.read(
            "{" + HEAD + ', "firstCreated": "2017-07-27", "embargoedUntil": "2017-07-29"}', layout="ninjs"
        )
        assert type(reading.story.published) is date and reading.story.published == date(2017, 7, 27)
        assert reading.story.extras["ninjs.embargoedUntil"] == "2017-07-29"
        assert [n.where for n in reading.notes] == ["$.embargoedUntil"]


@given(st.lists(JSON_VALUES, max_size=4), st.sampled_from(["array", "data.items", "items", "lines"]))
def test_arbitrary_containers(members: list[object], shape: str) -> None:
    """Any container of arbitrary JSON values gives one part per member, each a Story or our error, never another exception."""
    if shape == "lines":
        text = "\n".join(["{}", *(json.dumps(m) for m in members)])
        members = [{}, *members]
    elif shape == "array":
        text = json.dumps(members)
    else:
        text = json.dumps({"data": {"items": members}} if shape == "data.items" else {"items": members})
    parts = list(ninjs.loads_all(text))
    assert len(parts) == len(members)
    assert all(isinstance(p.error, (newsitem.ParseError, newsitem.ValidationError)) or p.story for p in parts)


EVERY_BLOCK = (
    Heading(runs=["Results ", Run(text="so far", emphasis=True)], level=3),
    Paragraph(runs=["See ", Run(text="the table", link="https://news.example/t"), " <below> & more."]),
    Quote(body=["We will rebuild.", "Soon."], attribution="The mayor"),
    ListBlock(items=["One", "Two"]),
    ListBlock(items=["First", "Second"], ordered=True),
    Table(rows=[("Team", "Pts"), ("Lions", "12"), ("", "")], header_rows=1),
    Preformatted(text="  col1\tcol2\n\n  a   b"),
    Figure(uri="https://news.example/p.jpg", caption="The bridge", credit="Photo: A. Lens", alt="A bridge"),
)


class TestBodyBlocks:
    """Every block kind goes through body_html both ways, and the documents stay schema-valid."""

    @pytest.mark.parametrize("version", ["3.1", "2.2"])
    def test_every_block_kind(self, version: str) -> None:
        """A story with every block kind is written as h2..h6, blockquote, ul, ol, table, pre and figure, validates, and reads back."""
        story = Story(headline="H", guid="urn:x:1", body=EVERY_BLOCK)
        doc = json.loads(newsitem.dumps(story, format="ninjs", version=version))
        html = doc["bodies"][0]["value"]
        for tag in ("<h3>", "<p>", "<blockquote>", "<ul>", "<ol>", "<table>", "<pre>", "<figure>"):
            assert tag in html
        validator = _validator(version)
        assert validator is not None
        assert [e.message for e in validator.iter_errors(doc)] == []
        assert ninjs.loads(json.dumps(doc)) == story

    def test_foreign_blocks(self) -> None:
        """Subheads, lists and tables in somebody else's body_html are read as blocks, not paragraphs."""
        body = "<h2>Sub</h2><p>Text.</p><ul><li>a</li><li>b</li></ul><table><tr><td>x</td><td>1</td></tr></table>"
        story = ninjs.loads(json.dumps({"uri": "urn:x:1", "headline": "H", "body_html": body}))
        assert [type(block) for block in story.body] == [Heading, Paragraph, ListBlock, Table]
        assert story.body[3] == Table(rows=[("x", "1")])

    @given(stories(naive=False, days=False).map(ninjs.carried))
    def test_block_stories_validate(self, story: Story) -> None:
        """Every generated story (all block kinds) writes a 3.1 document the schema accepts, which reads back exactly."""
        story = attrs.evolve(story, guid="urn:newsitem:test")
        text = newsitem.dumps(story, format="ninjs")
        validator = _validator("3.1")
        assert validator is not None
        assert [e.message for e in validator.iter_errors(json.loads(text))] == []
        assert ninjs.loads(text) == story


def test_many_organisations_read_in_linear_time() -> None:
    """40,000 bylines half credited in organisations read in seconds (matching them is not quadratic)."""
    import time

    n = 40_000
    document = {
        "uri": "urn:x:1",
        "headlines": [{"role": "main", "value": "H"}],
        "infoSources": [{"name": f"N{i}", "role": "author"} for i in range(n)],
        "organisations": [{"name": f"N{i}", "rel": "author"} for i in range(0, n, 2)],
    }
    start = time.perf_counter()
    story = ninjs.loads(json.dumps(document))
    assert time.perf_counter() - start < 20  # about 1.5 s here; a scan per byline is 8 * 10^8 steps
    assert [b.kind.value for b in story.bylines[:3]] == ["organisation", "person", "organisation"]


def _doc(**properties: object) -> str:
    """A 3.x ninjs document with a uri and the given properties."""
    return json.dumps({"uri": "urn:newsitem:test:1", **properties})


class TestAgencyFeeds:
    """Issue 16: ninjs as agencies send it (1.x to 3.x, TT, AP, IPTC's examples), rule by rule."""

    @pytest.mark.parametrize("absent", ["", None, "  "], ids=["empty", "null", "blank"])
    def test_absent_values_are_no_error(self, absent: object) -> None:
        """An empty string, null or blank in any property is an absent value: the story reads without it."""
        names = ("slugline", "language", "located", "edNote", "by", "urgency", "versionCreated", "pubStatus")
        story = ninjs.loads(
            _doc(
                headlines=[{"role": "main", "value": absent}, {"value": "H"}], **dict.fromkeys(names, absent)
            )
        )
        assert (story.headline, story.slugline, story.language, story.located, story.ednote) == (
            "H",
            None,
            None,
            None,
            None,
        )
        assert (story.bylines, story.urgency, story.updated, dict(story.extras)) == ((), None, None, {})

    def test_error_path_names_the_documents_own_property(self) -> None:
        """An error names the property as the document spells it: 1.x headline_<name>, 2.x lower case."""
        with pytest.raises(newsitem.ValidationError) as one:
            ninjs.loads('{"uri": "urn:x:1", "headline": "A\\ufffeB", "body_text": "T"}')
        with pytest.raises(newsitem.ValidationError) as two:
            ninjs.loads(
                '{"uri": "urn:x:1", "versioncreated": "2024-01-01T00:00:00Z", "headlines": [{"value": "H"}], "copyrightholder": "A\\nB"}'
            )
        assert [p.where for p in one.value.problems] == ["$.headline"]
        assert [p.where for p in two.value.problems] == ["$.copyrightholder"]

    def test_a_dateline_printed_in_the_first_paragraph_is_the_dateline(self) -> None:
        """In another's document without a dateline, the one printed at the start of the first paragraph
        is the dateline (the place), and the paragraph keeps its text; a sentence is no dateline."""
        text = "WASHINGTON, March 3 (Reuters) - The Fed held rates.\nMarkets rose."
        story = ninjs.loads(_doc(headlines=[{"value": "H"}], bodies=[{"role": "text", "value": text}]))
        assert (story.dateline, story.body[0].text) == ("WASHINGTON", text.split("\n", maxsplit=1)[0])
        plain = ninjs.loads(
            _doc(headlines=[{"value": "H"}], bodies=[{"role": "text", "value": "The Fed held."}])
        )
        assert plain.dateline is None

    def test_wrapped_single_line_fields_are_one_line(self) -> None:
        """In another's document, a headline or slugline wrapped with line breaks or TABs reads as one line
        (the breaks and the spaces around them one space), NBSP kept; it does not fail the document."""
        story = ninjs.loads(
            _doc(headlines=[{"value": "Council \n  approves\tbudget\u00a0now"}], slugline="a\r\nb")
        )
        assert (story.headline, story.slugline) == ("Council approves budget\u00a0now", "a b")

    def test_headline_without_role_is_main(self) -> None:
        """The first headline without a role is the main headline; a kicker is the subheadline, as in
        NewsML-G2; another role stays in extras."""
        story = ninjs.loads(
            _doc(
                headlines=[
                    {"role": "kicker", "value": "K"},
                    {"value": "Main"},
                    {"role": "short", "value": "S"},
                ]
            )
        )
        assert (story.headline, story.subheadline) == ("Main", "K")
        assert json.loads(story.extras["ninjs.headlines"]) == [{"role": "short", "value": "S"}]

    @pytest.mark.parametrize("role", ["html", "html5", "richtext", "xhtml"])
    def test_html_body_roles_win_over_plain_text(self, role: str) -> None:
        """A body whose role names HTML is the body even after a plain-text one, which stays in extras."""
        bodies = [
            {"role": "text", "contentType": "text/plain", "value": "Plain"},
            {"role": role, "value": "<p>Rich <em>text</em></p>"},
        ]
        story = ninjs.loads(_doc(headlines=[{"value": "H"}], bodies=bodies))
        assert story.body == (Paragraph(runs=["Rich ", Run(text="text", emphasis=True)]),)
        assert json.loads(story.extras["ninjs.bodies.0"])["value"] == "Plain"

    def test_1x_named_renderings(self) -> None:
        """IPTC 1.6's body_<name> and headline_<name>: TT's body_html5 wins over body_text, headline_subhead is the subheadline."""
        story = ninjs.loads(
            json.dumps(
                {
                    "uri": "urn:x:1",
                    "headline": "H",
                    "headline_subhead": "S",
                    "body_text": "Plain",
                    "body_html5": "<p>Rich</p>",
                }
            )
        )
        assert (story.subheadline, story.body, story.extras["ninjs.body_text"]) == (
            "S",
            (Paragraph.plain("Rich"),),
            "Plain",
        )

    def test_plain_text_lines_are_paragraphs(self) -> None:
        """Plain text with single line breaks (and no blank line) gives a paragraph per line."""
        story = ninjs.loads(_doc(bodies=[{"contentType": "text/plain", "value": "One.\nTwo.\r\nThree."}]))
        assert story.body == tuple(Paragraph.plain(t) for t in ("One.", "Two.", "Three."))

    def test_html_whitespace_collapsed_as_a_browser_does(self) -> None:
        """Layout whitespace in another's HTML (indentation, line breaks, tabs) is one space, none at the edges."""
        story = ninjs.loads(
            _doc(bodies=[{"contentType": "text/html", "value": "\n  <p>\n    A  b\n\tc </p>\n"}])
        )
        assert story.body == (Paragraph.plain("A b c"),)

    def test_nitf_body_read_as_nitf(self) -> None:
        """A text/vnd.IPTC.NITF body gives its blocks, and its hedline, byline and abstract where the document has none."""
        value = "<body><body.head><hedline><hl1>H</hl1></hedline><byline>By Jo Doe</byline></body.head><body.content><p>P.</p></body.content></body>"
        story = ninjs.loads(_doc(bodies=[{"contentType": "text/vnd.IPTC.NITF", "value": value}]))
        assert (story.headline, [b.name for b in story.bylines], story.body) == (
            "H",
            ["Jo Doe"],
            (Paragraph.plain("P."),),
        )

    def test_subjects_of_every_rel(self) -> None:
        """Subjects with rel classifies (TT) or another rel are subjects; a rel beyond about/classifies stays in extras."""
        subjects = [
            {"name": "Sport", "rel": "classifies", "uri": "http://cv.iptc.org/newscodes/mediatopic/15000000"},
            {"name": "Oslo", "rel": "mentions"},
        ]
        story = ninjs.loads(_doc(headlines=[{"value": "H"}], subjects=subjects))
        assert [s.name for s in story.subjects] == ["Sport", "Oslo"]
        assert story.subjects[0].code == "http://cv.iptc.org/newscodes/mediatopic/15000000"
        assert dict(story.extras) == {"ninjs.subjects.1": '{"rel": "mentions"}'}

    @pytest.mark.parametrize("role", ["text", "lead", "summary"])
    def test_summary_roles(self, role: str) -> None:
        """A description with the role text, lead or summary is the summary; an HTML one gives its text."""
        plain = ninjs.loads(
            _doc(descriptions=[{"role": "caption", "value": "C"}, {"role": role, "value": "S"}])
        )
        html = ninjs.loads(
            _doc(descriptions=[{"role": role, "contentType": "text/html", "value": "<p>S <b>x</b></p>"}])
        )
        assert (plain.summary, html.summary) == ("S", "S x")

    @pytest.mark.parametrize(
        ("by", "names", "affiliation"),
        [
            ("Von Marco Krefting und Sunrita Sen, dpa", ["Marco Krefting", "Sunrita Sen"], "dpa"),
            ("By ASHOK SHARMA", ["ASHOK SHARMA"], None),
            ("Martin Hardenberger/TT", ["Martin Hardenberger"], "TT"),
            ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"], None),
        ],
    )
    def test_by_line_split(self, by: str, names: list[str], affiliation: str | None) -> None:
        """The by line is split as the wire layouts split one: By/Von/Par, and/und/et, the agency after a comma or slash."""
        story = ninjs.loads(_doc(headlines=[{"value": "H"}], by=by))
        assert [(b.name, b.affiliation) for b in story.bylines] == [(name, affiliation) for name in names]
        assert "ninjs.by" not in story.extras

    def test_structured_bylines_and_author_people(self) -> None:
        """bylines[] (first and last names, job title) and people with an author-like rel are bylines, each person once."""
        story = ninjs.loads(
            _doc(
                headlines=[{"value": "H"}],
                by="Anna Lind/TT",
                bylines=[
                    {"firstname": "Anna", "lastname": "Lind", "jobtitle": "Reporter"},
                    {"by": "By MARK KENNEDY", "title": "AP Writer"},
                ],
                people=[
                    {"name": "Lars Berg", "rel": "photographer"},
                    {"name": "Anna Lind", "rel": "author"},
                    {"name": "X", "rel": "about"},
                ],
            )
        )
        assert [(b.name, b.role.value, b.title) for b in story.bylines] == [
            ("Anna Lind", "author", "Reporter"),
            ("MARK KENNEDY", "author", "AP Writer"),
            ("Lars Berg", "photographer", None),
        ]
        assert json.loads(story.extras["ninjs.people"]) == [{"name": "X", "rel": "about"}]

    def test_1x_recognised_by_names_anywhere(self) -> None:
        """A 1.x document whose ninjs names come after a long opening is still ninjs (not a list near the start)."""
        doc = {
            "uri": "urn:x:1",
            "padding": "x" * 5000,
            "headline": "H",
            "body_text": "B",
            "versioncreated": "2024-01-01T00:00:00Z",
        }
        found = ninjs.sniff(json.dumps(doc))
        assert found is not None and found[0] >= 0.7
        assert newsitem.detect(json.dumps(doc)).layout == "ninjs"

    @pytest.mark.parametrize(
        "doc",
        [
            {
                "urn": "urn:newsml:dpa.com:20090101:1",
                "version": 2,
                "headline": "H",
                "byline": "Von A, dpa",
                "article_html": "<p/>",
            },
            {"id": 7, "title": "Post", "headline": "H", "byline": "B", "mimetype": "text/html", "body": "x"},
        ],
        ids=["digitalwires", "api-json"],
    )
    def test_other_json_not_claimed(self, doc: dict[str, object]) -> None:
        """JSON that merely says headline or byline (dpa digitalwires, another API) has no ninjs uri and is not ninjs."""
        assert ninjs.sniff(json.dumps(doc)) is None

    def test_ap_envelope_items(self) -> None:
        """AP's data.items: parse_all reads every item, and a list of usage terms is kept, one a line."""
        item = {
            "uri": "urn:ap:%d",
            "type": "text",
            "headline": "H%d",
            "usageterms": ["One.", "Two."],
            "versioncreated": "2024-01-01T00:00:00Z",
        }
        items = [
            {"item": {k: (v.replace("%d", str(i)) if isinstance(v, str) else v) for k, v in item.items()}}
            for i in (1, 2)
        ]
        text = json.dumps({"api_version": "2.0", "data": {"items": items}})
        assert ninjs.sniff(text) is not None
        parts = list(newsitem.parse_all(text))
        assert [(p.layout, p.where, p.unwrap().headline) for p in parts] == [
            ("ninjs", f"$.data.items[{i - 1}].item", f"H{i}") for i in (1, 2)
        ]
        assert parts[0].unwrap().rights == Rights(terms="One.\nTwo.")

    @pytest.mark.parametrize(
        ("kind", "said"),
        [
            ("picture", "a picture"),
            ("video", "a video"),
            ("audio", "an audio item"),
            ("graphic", "a graphic"),
        ],
    )
    def test_media_items_refused(self, kind: str, said: str) -> None:
        """Pictures, video, audio and graphics are refused as NewsML-G2 refuses them, saying what they are; in a list, that part only."""
        doc = {"uri": "urn:x:1", "type": kind, "headlines": [{"value": "Caption"}]}
        with pytest.raises(newsitem.ParseError, match=f"{said} .*not a text story"):
            ninjs.loads(json.dumps(doc))
        parts = list(ninjs.loads_all(json.dumps([doc, {"uri": "urn:x:2", "headline": "Text"}])))
        assert isinstance(parts[0].error, newsitem.ParseError) and "$[0].type" in parts[0].error.message
        assert parts[1].unwrap().headline == "Text"

    def test_typed_item_without_text_says_what_it_is(self) -> None:
        """An event (or planning, composite) item with no headline, body or summary is refused naming its type."""
        with pytest.raises(newsitem.ValidationError, match="ninjs event item"):
            ninjs.loads(_doc(type="event", eventDetails={}))

    def test_located_ednote_and_links_carried(self) -> None:
        """located, edNote and links (as associations) are written in 3.1 and 2.2, schema-valid, and read back exactly."""
        story = Story(
            headline="H",
            guid="urn:x:1",
            dateline="LISBON",
            located="Lisbon, Portugal",
            ednote="Corrects a name.\nWith photos.",
            links=[
                newsitem.Link(
                    uri="https://x.example/p.jpg", rel="picture", media_type="image/jpeg", title="The crew"
                ),
                newsitem.Link(uri="https://x.example/a"),
            ],
        )
        assert ninjs.carried(story) == story
        for version in ("3.1", "2.2"):
            text = newsitem.dumps(story, format="ninjs", version=version)
            validator = _validator(version)
            assert validator is not None
            assert [e.message for e in validator.iter_errors(json.loads(text))] == []
            assert ninjs.loads(text) == story
        doc = json.loads(newsitem.dumps(story, format="ninjs"))
        assert (doc["located"], doc["edNote"], [a["rel"] for a in doc["associations"]]) == (
            "Lisbon, Portugal",
            story.ednote,
            ["picture", "related"],
        )

    def test_link_without_a_strict_uri_is_projected_away(self) -> None:
        """A link whose URI stock ninjs cannot hold (an IRI) is left out by carried() and refused by strict dumps."""
        story = Story(headline="H", guid="urn:x:1", links=[newsitem.Link(uri="https://bücher.example/a")])
        assert ninjs.carried(story).links == ()
        with pytest.raises(SerializeError):
            newsitem.dumps(story, format="ninjs")

    def test_content_created_is_published_without_first_created(self) -> None:
        """contentCreated is the published time when firstCreated is absent (as for NewsML-G2)."""
        story = ninjs.loads(_doc(headlines=[{"value": "H"}], contentCreated="2022-04-21T12:34:56+00:00"))
        assert story.published == datetime(2022, 4, 21, 12, 34, 56, tzinfo=UTC)

    def test_malformed_nitf_body_is_kept_not_fatal(self) -> None:
        """A NITF body that is not well-formed XML is kept in extras with a note, and one without a NITF body element reads as HTML."""
        broken = newsitem.read(
            _doc(
                headlines=[{"value": "H"}],
                bodies=[{"contentType": "text/vnd.IPTC.NITF", "value": "<nitf><body"}],
            ),
            layout="ninjs",
        )
        assert (broken.story.body, dict(broken.story.extras)) == ((), {"ninjs.bodies.0": "<nitf><body"})
        assert [(n.code, n.where) for n in broken.notes] == [("kept-in-extras", "$.bodies[0].value")]
        bare = ninjs.loads(
            _doc(bodies=[{"contentType": "text/vnd.IPTC.NITF", "value": "<p>Just <b>text</b></p>"}])
        )
        assert bare.body == (Paragraph(runs=["Just ", Run(text="text", strong=True)]),)

    def test_only_our_own_layout_is_read_exactly(self) -> None:
        """Our document keeps a paragraph's white space; another's declaring the same 3.1 schema has it collapsed as a browser would."""
        story = Story(headline="H", guid="urn:x:1", body=[Paragraph.plain("a  b\nc")])
        ours = newsitem.dumps(story, format="ninjs")
        assert ninjs.loads(ours) == story
        theirs = json.loads(ours)
        theirs = {"standard": theirs.pop("standard"), **theirs}  # the same content, laid out otherwise
        assert ninjs.loads(json.dumps(theirs)).body == (Paragraph.plain("a b c"),)

    @pytest.mark.parametrize("depth", [600, 1000, 1020])
    def test_deep_nesting_is_a_parse_error_or_kept(self, depth: int) -> None:
        """A property nested as deep as the JSON reader allows, in a 3.x, 1.x or our own document, is kept or a ParseError, never a RecursionError."""
        ours = '"standard": {"name": "ninjs", "version": "2.2", "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"}, "type": "text", "version": "1", '
        for head in (
            '"headlines": [{"value": "H"}]',
            '"headline": "H"',
            ours + '"headlines": [{"value": "H"}]',
        ):
            for inner in ("[" * depth + "]" * depth, '{"b": ' * depth + "1" + "}" * depth):
                text = '{"uri": "urn:x:1", ' + head + ', "a": ' + inner + "}"
                try:
                    assert ninjs.loads(text).headline == "H"
                except newsitem.ParseError as exc:
                    assert "nested too deeply" in exc.message

    def test_null_items_are_absent(self) -> None:
        """A null in headlines, bodies or descriptions is an absent item: no error, no note, nothing kept."""
        reading = newsitem.read(
            _doc(headlines=[None, {"value": "H"}], descriptions=[None], bodies=[None, {"value": "B"}]),
            layout="ninjs",
        )
        assert (reading.story.headline, reading.story.body, dict(reading.story.extras), reading.notes) == (
            "H",
            (Paragraph.plain("B"),),
            {},
            (),
        )
        assert ninjs.loads(_doc(headlines=[None], bodies=[{"value": "B"}])).headline is None

    def test_what_a_byline_says_beyond_the_model_is_kept(self) -> None:
        """A structured byline's or credited person's other properties (an e-mail, a URI) stay in extras."""
        story = ninjs.loads(
            _doc(
                headlines=[{"value": "H"}],
                bylines=[{"firstname": "Anna", "lastname": "Lind", "email": "anna@example.com", "phone": ""}],
                people=[{"name": "Lars Berg", "rel": "author", "uri": "https://example.com/people/lars"}],
            )
        )
        assert [b.name for b in story.bylines] == ["Anna Lind", "Lars Berg"]
        assert dict(story.extras) == {
            "ninjs.bylines.0": '{"email": "anna@example.com"}',
            "ninjs.people.0": '{"uri": "https://example.com/people/lars"}',
        }
