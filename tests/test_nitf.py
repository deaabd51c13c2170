"""NITF: the registered format ``nitf`` (src/newsitem/formats/nitf/): NITF 3.x read into a Story,
NITF 3.6 written that validates against IPTC's XSD, and an exact round trip on its projection."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import newsitem
from newsitem import Byline, Link, Role, Story, formats, notes
from newsitem.errors import ParseError, SerializeError, ValidationError
from newsitem.formats import _markup, nitf
from newsitem.formats.nitf import _write
from newsitem.model import BylineKind, Paragraph, Rights, Source, Subject
from newsitem.strategies import stories

from .conftest import DATA, SHARED

SAMPLES = DATA / "nitf" / "samples"
CORPUS = SHARED / "corpus" / "nitf"
XSD = SHARED / "schemas" / "newsml-g2-2.35" / "nitf-3-6.xsd"
DOCUMENTS = sorted(SAMPLES.glob("*.nitf"))


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """IPTC's NITF 3.6 schema, from ../shared (the test is skipped without it)."""
    if not XSD.is_file():
        pytest.skip(f"the NITF 3.6 XSD is not at {XSD} (../shared is absent)")
    return etree.XMLSchema(etree.parse(str(XSD)))


def _full() -> Story:
    """A story using every field NITF carries."""
    return Story(
        headline="Ferry  resumes service",
        subheadline="Repairs took a week",
        summary="The ferry sailed again.\nIt had been in dock.",
        bylines=(
            Byline(name="Ana Lima", title="Transport Reporter"),
            Byline(name="Ben Cole", role=Role.EDITOR),
            Byline(name="Example Agency", kind=BylineKind.ORGANISATION),
        ),
        source=Source(name="The Example Times", code="EXA", url="https://example.com/"),
        provider=Source(name="Example Wire", code="EXW"),
        published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=12))),
        updated=datetime(2024, 5, 1, 10, 15, tzinfo=timezone(timedelta(hours=12))),
        embargoed=datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=12))),
        dateline="WELLINGTON",
        located="Wellington Harbour",
        section="Local",
        genre="Analysis",
        keywords=("ferry", "transport"),
        subjects=(Subject(code="medtop:20000587", name="transport"), Subject(name="Ferries")),
        slugline="FERRY-RESUMES",
        priority="r",
        ednote="Corrects the ferry's name.\nAdds a quote.",
        urgency=3,
        status="withheld",
        language="en-NZ",
        url="https://example.com/news/ferry",
        rights=Rights(notice="© 2024 Example", holder="Example Agency", terms="No archive use"),
        guid="urn:example:ferry:1",
        version=2,
        body=(Paragraph.plain("The ferry sailed again on Wednesday."),),
        extras={"desk.code": "metro"},
    )


class TestSamples:
    """Small NITF documents of our own, each for a rule, read as the values written beside them."""

    @pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
    def test_sample_reads_as_expected(self, document: Path) -> None:
        """Each sample reads, field by field, as its .expected.json (written from the file by hand)."""
        story = newsitem.load(document, format="nitf")
        assert story == newsitem.load(document.with_suffix(".expected.json"))

    def test_every_sample_has_expected_values(self) -> None:
        """Every .nitf sample has its .expected.json and every .expected.json its sample."""
        expected = sorted(p.name.removesuffix(".expected.json") for p in SAMPLES.glob("*.expected.json"))
        assert [p.stem for p in DOCUMENTS] == expected and expected

    def test_refused_values_are_noted(self) -> None:
        """A doc-id with spaces and a word as urgency are kept in extras, each with a kept-in-extras note."""
        reading = newsitem.read((SAMPLES / "release-only.nitf").read_bytes(), layout="nitf")
        kept = [note for note in reading.notes if note.code == "kept-in-extras"]
        assert [note.where for note in kept] == [
            "nitf/head/docdata/doc-id/@id-string",
            "nitf/head/docdata/urgency/@ed-urg",
        ]

    def test_a_relative_figure_source_is_kept_with_a_note(self) -> None:
        """A media-reference naming a file, not an absolute URI, is kept in extras with a note (the model's figures need one)."""
        document = (
            "<nitf><body><body.content><media media-type='image'><media-reference source='tide.jpg'/>"
            "<media-caption>High tide</media-caption></media><p>Text.</p></body.content></body></nitf>"
        )
        reading = newsitem.read(document, layout="nitf")
        assert reading.story.extras == {"nitf.body/body.content/figure[1]": "tide.jpg"}
        assert [note.code for note in reading.notes] == ["kept-in-extras"]
        assert reading.story.body == (Paragraph.plain("Text."),)

    def test_title_is_the_headline_only_without_hl1(self) -> None:
        """head/title is the headline when there is no hl1; a title differing from hl1 is kept in extras."""
        body = "<body><body.head><hedline><hl1>Hedline</hl1></hedline></body.head></body>"
        alone = nitf.loads("<nitf><head><title>Page  title</title></head><body/></nitf>")
        both = nitf.loads(f"<nitf><head><title>Page title</title></head>{body}</nitf>")
        assert alone.headline == "Page title"
        assert both.headline == "Hedline" and both.extras == {"nitf.head/title": "Page title"}

    def test_root_attributes_and_repeated_meta(self) -> None:
        """xml:lang is the language (not also extras), other root attributes and every meta value are kept in extras."""
        document = (
            '<nitf uno="U1" xml:lang="de"><head><meta name="desk" content="a"/><meta name="desk" content="b"/>'
            "</head><body><body.content><p>x</p></body.content></body></nitf>"
        )
        story = nitf.loads(document)
        assert story.language == "de"
        assert story.extras == {"nitf.@uno": "U1", "nitf.meta.desk": "a\nb"}

    @pytest.mark.parametrize(
        ("dateline", "place", "extras"),
        [
            (
                "<location>ROME</location>, <story.date>May 1</story.date>",
                "ROME",
                {"nitf.body/body.head/dateline/story.date": "May 1"},
            ),
            (
                "WELLINGTON, <story.date norm='20240501'>May 1</story.date>",
                "WELLINGTON",
                {"nitf.body/body.head/dateline/story.date": "20240501"},
            ),
            (
                "<story.date norm='20190121T103600+0000'>20190121T103600+0000</story.date>",
                None,
                {"nitf.body/body.head/dateline/story.date": "20190121T103600+0000"},
            ),
        ],
    )
    def test_the_dateline_is_a_place(self, dateline: str, place: str | None, extras: dict[str, str]) -> None:
        """The dateline is its location, else its text without the story.date (kept in extras); a date alone is no dateline."""
        document = (
            f"<nitf><body><body.head><hedline><hl1>H</hl1></hedline><dateline>{dateline}</dateline>"
            "</body.head></body></nitf>"
        )
        story = nitf.loads(document)
        assert (story.dateline, dict(story.extras)) == (place, extras)


class TestTimes:
    """NITF dates are ISO 8601 basic, read and written exactly, offsets as sent."""

    @pytest.mark.parametrize(
        ("norm", "expected"),
        [
            ("20180226T212036Z", datetime(2018, 2, 26, 21, 20, 36, tzinfo=UTC)),
            ("20020315T000000+0100", datetime(2002, 3, 15, tzinfo=timezone(timedelta(hours=1)))),
            ("20020225T143000-0500", datetime(2002, 2, 25, 14, 30, tzinfo=timezone(timedelta(hours=-5)))),
            ("20240501T073000", datetime(2024, 5, 1, 7, 30)),
            (
                "2016-05-12T00:05:13+02:00",
                datetime(2016, 5, 12, 0, 5, 13, tzinfo=timezone(timedelta(hours=2))),
            ),
            ("20020315", date(2002, 3, 15)),
        ],
    )
    def test_date_issue_is_published_as_written(self, norm: str, expected: date) -> None:
        """date.issue becomes published with its own offset; a naive time stays naive, a day a date."""
        document = f'<nitf><head><docdata><date.issue norm="{norm}"/></docdata></head><body><body.content><p>x</p></body.content></body></nitf>'
        published = nitf.loads(document).published
        assert published == expected and type(published) is type(expected)
        if isinstance(expected, datetime):
            assert isinstance(published, datetime) and published.utcoffset() == expected.utcoffset()

    @pytest.mark.parametrize(
        ("value", "norm"),
        [
            (datetime(2018, 2, 26, 21, 20, 36, tzinfo=UTC), "20180226T212036Z"),
            (
                datetime(2002, 3, 15, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
                "20020315T000000-0330",
            ),
            (datetime(7, 1, 2, 3, 4, 5, 6), "00070102T030405.000006"),
            (date(2024, 5, 1), "20240501"),
        ],
    )
    def test_times_are_written_in_basic_form(self, value: date, norm: str) -> None:
        """Times are written ISO 8601 basic with the offset as held (years padded to four digits)."""
        assert _write.when(value) == norm

    def test_a_later_release_is_the_embargo(self) -> None:
        """In another's document a date.release later than date.issue is the embargo; an equal one is no news."""
        head = '<nitf><head><docdata><date.issue norm="20240501T090000Z"/><date.release norm="{}"/></docdata></head>'
        tail = "<body><body.content><p>x</p></body.content></body></nitf>"
        later = nitf.loads(head.format("20240501T120000Z") + tail)
        same = nitf.loads(head.format("20240501T090000Z") + tail)
        assert later.embargoed == datetime(2024, 5, 1, 12, tzinfo=UTC)
        assert same.embargoed is None and not same.extras


class TestWriting:
    """dumps writes NITF 3.6 that validates, refuses what it would lose, and reads back exactly."""

    def test_a_full_story_validates_and_reads_back(self, schema: etree.XMLSchema) -> None:
        """A story with every field NITF carries validates against nitf-3-6.xsd and reads back equal."""
        story = _full()
        data = nitf.dumps(story)
        assert schema.validate(etree.fromstring(data)), schema.error_log
        assert nitf.loads(data) == story

    def test_strict_dumps_names_what_it_would_lose(self) -> None:
        """A strict write of links, a licence or an affiliation is refused naming them; lossy drops them."""
        story = attrs.evolve(
            _full(),
            links=(Link(uri="https://example.com/pic.jpg", rel="picture"),),
            rights=Rights(license="https://creativecommons.org/licenses/by/4.0/"),
            bylines=(Byline(name="Ana Lima", affiliation="Example Agency"),),
        )
        with pytest.raises(SerializeError) as raised:
            nitf.dumps(story)
        assert set(raised.value.lost) == {"links", "rights", "bylines"}
        back = nitf.loads(nitf.dumps(story, lossy=True))
        assert back == nitf.carried(story)
        assert (back.links, back.rights, back.bylines) == ((), None, (Byline(name="Ana Lima"),))

    def test_a_subheadline_alone_is_carried(self, schema: etree.XMLSchema) -> None:
        """A story with a subheadline and no headline is written with an empty hl1 (valid) and reads back equal."""
        story = Story(subheadline="Repairs took a week", body=(Paragraph.plain("The ferry sailed."),))
        data = nitf.dumps(story)
        assert schema.validate(etree.fromstring(data)), schema.error_log
        assert nitf.loads(data) == story

    def test_every_extras_key_is_carried(self, schema: etree.XMLSchema) -> None:
        """Extras are meta elements: a key meta/@name cannot hold as it is (a path, brackets, non-ASCII, a reserved name) is escaped and reads back."""
        extras = {
            "nitf.head/docdata/date.expire/@norm": "20240601",
            "ninjs.renditions[0].href": "https://example.com/a.jpg",
            "iĲq_5f_x": "odd",
            "generator": "not ours",
            "priority": "not the field",
        }
        story = Story(headline="h", priority="r", extras=extras)
        assert nitf.carried(story) == story
        data = nitf.dumps(story)
        assert schema.validate(etree.fromstring(data)), schema.error_log
        assert nitf.loads(data) == story

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(story=stories())
    def test_round_trip_on_the_projection(self, story: Story) -> None:
        """loads(dumps(s, lossy=True)) == carried(s) for every story, offsets included."""
        kept = nitf.carried(story)
        back = nitf.loads(nitf.dumps(story, lossy=True))
        assert back == kept
        times = ("published", "updated", "embargoed")
        assert [getattr(back, n).utcoffset() for n in times if isinstance(getattr(back, n), datetime)] == [
            getattr(kept, n).utcoffset() for n in times if isinstance(getattr(kept, n), datetime)
        ]

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(story=stories())
    def test_every_document_validates(self, schema: etree.XMLSchema, story: Story) -> None:
        """Whatever the story, the document dumps writes validates against IPTC's nitf-3-6.xsd."""
        document = etree.fromstring(nitf.dumps(story, lossy=True))
        assert schema.validate(document), schema.error_log


class TestDetection:
    """sniff claims documents whose root is nitf, never NewsML-G2 or NewsML 1.2 holding NITF."""

    @pytest.mark.parametrize(
        "text",
        [
            "<nitf><body/></nitf>",
            '<?xml version="1.0"?>\n<!-- a feed -->\n<!DOCTYPE nitf SYSTEM "nitf-3-2.dtd">\n<nitf version="3.2">',
            '\ufeff<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">',
            '<n:nitf xmlns:n="http://iptc.org/std/NITF/2006-10-18/">',
        ],
    )
    def test_a_nitf_root_is_claimed(self, text: str) -> None:
        """A nitf root, after a declaration, comments or a DOCTYPE, with or without a namespace, is NITF."""
        found = nitf.sniff(text)
        assert found is not None and found[0] >= 0.9 and "nitf" in found[1]

    @pytest.mark.parametrize(
        "text",
        [
            '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentSet><inlineXML><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">',
            "<NewsML><NewsItem><NewsComponent><ContentItem><DataContent><nitf><body/></nitf>",
            "<html><body><p>&lt;nitf&gt;</p></body></html>",
        ],
    )
    def test_nitf_inside_another_root_is_not_claimed(self, text: str) -> None:
        """NewsML-G2 and NewsML 1.2 documents carrying NITF, and pages mentioning it, are not NITF."""
        assert nitf.sniff(text) is None

    def test_detect_picks_nitf(self) -> None:
        """newsitem's detection names nitf for each sample."""
        for document in DOCUMENTS:
            assert formats.detect(document.read_text("utf-8")).layout == "nitf", document.name


class TestRefusals:
    """What NITF reading refuses, with our errors."""

    def test_an_internal_subset_is_refused(self) -> None:
        """A DOCTYPE with an internal subset (entities) is refused as NewsML-G2 refuses DOCTYPEs."""
        document = '<!DOCTYPE nitf [<!ENTITY x "boom">]><nitf><body><body.content><p>&x;</p></body.content></body></nitf>'
        with pytest.raises(ParseError, match="DOCTYPE") as raised:
            nitf.loads(document)
        assert raised.value.format == "nitf"

    def test_an_external_only_doctype_keeps_lines(self) -> None:
        """An external-only NITF DOCTYPE is blanked, so a later fault is still placed on its own line."""
        document = '<!DOCTYPE nitf\n SYSTEM "nitf.dtd">\n<nitf>\n<body>\n</nitf>'
        with pytest.raises(ParseError) as raised:
            nitf.loads(document)
        assert raised.value.line == 5

    @pytest.mark.parametrize(
        ("docdata", "where"),
        [('<du-key version="abc"/>', "du-key/@version"), ('<urgency ed-urg="x"/>', "urgency/@ed-urg")],
    )
    def test_our_own_bad_value_is_an_error(self, docdata: str, where: str) -> None:
        """In newsitem's own document a value the model cannot hold is a ValidationError placed at it, not extras."""
        document = (
            '<nitf><head><meta name="generator" content="newsitem"/>'
            f"<docdata>{docdata}</docdata></head><body><body.content><p>x</p></body.content></body></nitf>"
        )
        with pytest.raises(ValidationError, match=re.escape(where)):
            nitf.loads(document)

    @pytest.mark.parametrize(
        "doctype",
        [
            '<!DOCTYPE nitf SYSTEM "nitf-3-2.dtd">',
            "<!DOCTYPE nitf PUBLIC '-//IPTC//DTD NITF 3.4//EN' 'http://www.nitf.org/site/nitf-documentation/nitf-3-4.dtd'>",
            "<!DOCTYPE nitf>",
        ],
    )
    def test_an_external_only_doctype_is_read(self, doctype: str) -> None:
        """A DOCTYPE naming only NITF's DTD (never loaded) does not stop the reading, as text or bytes."""
        document = f'<?xml version="1.0"?>\n{doctype}\n<nitf><body><body.content><p>Text.</p></body.content></body></nitf>'
        assert nitf.loads(document).body == (Paragraph.plain("Text."),)
        assert nitf.loads(document.encode("utf-8")).body == (Paragraph.plain("Text."),)

    def test_a_huge_version_is_kept_not_read(self) -> None:
        """A du-key version of thousands of digits (beyond Python's integer reading) is kept in extras, not an error."""
        digits = "9" * 5000
        document = f'<nitf><head><docdata><du-key version="{digits}"/></docdata></head><body><body.content><p>x</p></body.content></body></nitf>'
        assert nitf.loads(document).extras == {"nitf.head/docdata/du-key/@version": digits}

    def test_another_root_is_not_a_nitf_document(self) -> None:
        """A document whose root is not nitf is refused, as a ParseError at the root's line, saying what it is."""
        with pytest.raises(ParseError, match="not <nitf>"):
            nitf.loads("<newsItem><p>x</p></newsItem>")

    def test_nothing_to_show_is_refused(self) -> None:
        """A NITF document with no headline, abstract or body is a ParseError saying where the text was expected."""
        with pytest.raises(ParseError, match="nothing to show: no headline, body or summary"):
            nitf.loads("<nitf><head><docdata><urgency ed-urg='1'/></docdata></head><body/></nitf>")


_WHITE_OR_TEXT = st.sampled_from(
    [*" \t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2028\u3000\u200b\ufeff", "a", "é", "\ufffe"]
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_WHITE_OR_TEXT, max_size=12).map("".join), clean=st.sampled_from([None, True, False]))
def test_a_text_only_paragraph_reads_as_the_walker_reads_it(text: str, clean: bool | None) -> None:
    """The markup module's shortcut for another's p holding only text gives what its paragraph walker gives."""
    block = etree.Element("block")
    try:
        block.text = text
        for part in (text, text[::-1]):
            etree.SubElement(block, "p").text = part
        block[0].tail = text
    except ValueError:  # lxml refuses text XML cannot carry, as the parser does
        return
    for element in (block[0], block):
        walked = _markup.paragraphs(element, link=_markup.as_written, tidy=True, clean=clean)
        assert _markup.element_blocks(element, tidy=True, clean=clean) == walked


def _cpu(document: str) -> float:
    """The least CPU time of three reads of ``document``."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        nitf.loads(document)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    "element",
    ['<meta name="desk" content="metro"/>', '<revision-history name="n" comment="c"/>'],
)
def test_repeated_head_elements_read_in_linear_time(element: str) -> None:
    """Four times as many repeated head elements (one extras key gathering them) take at most about four times as long."""

    def document(count: int) -> str:
        return (
            f"<nitf><head>{element * count}</head><body><body.content><p>x</p></body.content></body></nitf>"
        )

    small, large = _cpu(document(5000)), _cpu(document(20000))
    assert large < 8 * small + 0.05


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/nitf is absent")
def test_every_corpus_file_reads() -> None:
    """Every real NITF file of the corpus reads into a story with a headline and a body."""
    files = sorted(CORPUS.glob("*.xml"))
    assert files
    for path in files:
        with notes.collect():
            story = newsitem.load(path, format="nitf")
        assert story.headline and story.body, path.name
