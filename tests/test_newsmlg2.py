"""NewsML-G2 2.35: exact round trip, schema-valid output, real agency items, safety."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import (
    Byline,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    ParseError,
    Preformatted,
    Quote,
    Role,
    Run,
    SchemaNotFoundError,
    SerializeError,
    Source,
    Story,
    Subject,
    Table,
    ValidationError,
)
from newsitem.formats.newsmlg2 import schema as newsml
from newsitem.strategies import stories

from . import pending
from .conftest import DATA, SHARED
from .examples import full_story

SCHEMA_DIR = SHARED / "schemas" / "newsml-g2-2.35"
CORPUS = SHARED / "corpus" / "newsml-g2"
EXPECTED = sorted((DATA / "newsml-g2").glob("*.expected.json"))
SAMPLES = DATA / "newsml-g2" / "samples"
GUID = "urn:newsml:example.com:20240501:story"


def _story(**fields: Any) -> Story:
    """A story with a guid (NewsML-G2 requires one)."""
    return Story(guid=GUID, **fields)


def _needs_schemas() -> Path:
    if not (SCHEMA_DIR / newsml.G2_SCHEMA).exists():
        pytest.skip(
            f"needs the NewsML-G2 schemas in {SCHEMA_DIR} (CI has ../shared; a user's clone does not)"
        )
    return SCHEMA_DIR


def _offsets(story: Story) -> list[object]:
    return [
        None if t is None else (t.tzinfo is None, t.utcoffset()) if isinstance(t, datetime) else t
        for t in (story.published, story.updated, story.embargoed)
    ]


def _with_guid(story: Story) -> Story:
    """The story with a guid where it has none (NewsML-G2 requires one)."""
    return story if story.guid is not None else attrs.evolve(story, guid=GUID)


GENERATED = stories().map(_with_guid)
"""Stories of every shape NewsML-G2 writes: headline-less, QCodes, organisations, days."""


class TestRoundTrip:
    """loads(dumps(s)) == s for every story, offsets included, naive still naive, marks kept."""

    @given(GENERATED)
    def test_every_document_validates(self, story: Story) -> None:
        """Each generated newsItem is valid NewsML-G2 2.35, and its body valid NITF 3.6."""
        newsml.validate(newsitem.dumps(story, format="newsml-g2"), schema_dir=_needs_schemas())

    @given(GENERATED)
    def test_reads_back_exactly(self, story: Story) -> None:
        """loads(dumps(s)) == s, each time with its offset (or naive), each day still a day."""
        back = newsitem.loads(newsitem.dumps(story, format="newsml-g2"), format="newsml-g2")
        assert back == story
        assert _offsets(back) == _offsets(story)

    def test_full_story(self) -> None:
        """The story that sets every field, including the derived elements' absence on reading."""
        data = newsitem.dumps(full_story(), format="newsml-g2")
        assert isinstance(data, bytes)
        assert b"<by>By Ana Mar\xc3\xada Ruiz and Tom O'Neil</by>" in data
        assert b'<em class="bold"><em class="italic">Closed Monday.</em></em>' in data
        assert newsitem.loads(data, format="newsml-g2") == full_story()

    def test_located_ednote_and_links_are_carried(self) -> None:
        """located, ednote and links are written as located/name, edNote and itemMeta/link, the
        url as a nitm:canonical link apart from them, and all read back exactly and validate."""
        links = (
            Link(uri="https://example.com/p.jpg", rel="irel:seeAlso", media_type="image/jpeg", title="A"),
            Link(uri="https://example.com/r"),
            Link(uri="https://example.com/s", rel="see also"),
            Link(uri="https://example.com/t", rel="nitm:other"),
            Link(uri="https://example.com/u", rel="canonical", media_type="text/html"),
            Link(uri="https://example.com/v", rel="other"),
        )
        story = _story(
            headline="H",
            dateline="FORT WASHINGTON, Pa.",
            located="Pittsburgh",
            ednote="Eds: adds detail.\n\tSecond line",
            url="https://example.com/story",
            links=links,
        )
        data = newsitem.dumps(story, format="newsml-g2")
        assert b'<located type="cpnat:geoArea"><name>Pittsburgh</name></located>' in data
        assert b"<dateline>FORT WASHINGTON, Pa.</dateline>" in data
        assert b"<edNote>Eds: adds detail.\n\tSecond line</edNote>" in data
        assert (
            b'<link rel="nitm:canonical" contenttype="text/html" href="https://example.com/story"/>' in data
        )
        assert (
            b'rel="irel:seeAlso" href="https://example.com/p.jpg" contenttype="image/jpeg" title="A"' in data
        )
        assert b'<link rel="nitm:related" href="https://example.com/r"/>' in data
        assert b'rel="nitm:other" nitm:rel="see also"' in data
        assert newsitem.loads(data, format="newsml-g2") == story
        newsml.validate(data, schema_dir=_needs_schemas())

    def test_provider(self) -> None:
        """provider= is written; without it and without story.provider a default reads back as None."""
        story = _story(headline="H")
        data = newsitem.dumps(story, format="newsml-g2")
        assert b'<provider literal="newsitem:unspecified"/>' in data
        assert newsitem.loads(data, format="newsml-g2").provider is None
        given_provider = Source(name="Wire", code="WIRE")
        with_provider = newsitem.dumps(story, format="newsml-g2", provider=given_provider)
        assert newsitem.loads(with_provider, format="newsml-g2").provider == given_provider

    def test_version_created_is_derived(self) -> None:
        """versionCreated is updated, else published; it is ignored on reading our own items."""
        published = datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
        data = newsitem.dumps(_story(headline="H", published=published), format="newsml-g2")
        assert b"<versionCreated>2024-05-01T09:30:00+02:00</versionCreated>" in data
        assert newsitem.loads(data, format="newsml-g2").updated is None


class TestValidateApi:
    """newsitem.formats.newsmlg2.schema.validate: offline, with a clear error when no schema is found."""

    def test_invalid_document_lists_problems(self) -> None:
        """A schema error names the line, the element and the rule."""
        data = newsitem.dumps(_story(headline="H", urgency=4), format="newsml-g2").replace(b">4<", b">12<")
        with pytest.raises(ValidationError, match="maxInclusive"):
            newsml.validate(data, schema_dir=_needs_schemas())

    def test_problems_are_located(self) -> None:
        """Each schema problem names the element's document path and its line."""
        data = newsitem.dumps(_story(headline="H", urgency=4), format="newsml-g2").replace(b">4<", b">12<")
        with pytest.raises(ValidationError) as exc:
            newsml.validate(data, schema_dir=_needs_schemas())
        (problem,) = exc.value.problems
        assert (problem.where, problem.line, exc.value.format) == (
            "newsItem/contentMeta/urgency",
            2,
            "newsml-g2",
        )

    def test_invalid_nitf_body(self) -> None:
        """The NITF body is checked too: NITF has no <strong>."""
        data = newsitem.dumps(full_story(), format="newsml-g2").replace(b'<em class="bold">', b"<strong>", 1)
        data = data.replace(b"</em></em>", b"</em></strong>", 1)
        with pytest.raises(ValidationError, match="NITF body"):
            newsml.validate(data, schema_dir=_needs_schemas())

    def test_no_schema(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Neither argument nor environment: SchemaNotFoundError naming the variable."""
        monkeypatch.delenv(newsml.ENVIRONMENT_VARIABLE, raising=False)
        with pytest.raises(SchemaNotFoundError, match="NEWSITEM_NEWSML_SCHEMA_DIR"):
            newsml.validate(b"<x/>")
        with pytest.raises(FileNotFoundError, match="does not hold"):
            newsml.validate(b"<x/>", schema_dir=tmp_path)

    def test_environment_variable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The folder may come from NEWSITEM_NEWSML_SCHEMA_DIR."""
        monkeypatch.setenv(newsml.ENVIRONMENT_VARIABLE, str(_needs_schemas()))
        newsml.validate(newsitem.dumps(full_story(), format="newsml-g2"))


NOT_STORIES = {
    "apa-NewsItemPicture_2.28": r"the item is a picture \(ninat:picture\), not a text story",
    "apa-NewsItem_2.18": r"the item is a picture \(ninat:picture\), not a text story",
    "dpa-image": r"no text newsItem in it \(found: a picture \(ninat:picture\)\)",
    "iptc-LISTING_16_Events_in_News_Item": r"the item is a composite item .* \(ninat:composite\), not a text",
    "iptc-LISTING_25_fragment_contentSet": r"the document is a fragment of a NewsML-G2 item \(<contentSet> alone\)",
    "iptc-LISTING_29_Hop_History": "no headline, body or summary: not a text story",
    "iptc-LISTING_3_Photo": r"the item is a picture \(ninat:picture\), not a text story",
    "iptc-LISTING_6_Package": r"the document is a packageItem \(a package of other items\), not a text story",
    "iptc-facet-example": "no headline, body or summary: not a text story",
    "pynewsmlg2-001_simplest_file": "no headline, body or summary: not a text story",
}
"""Corpus files that hold no text story, and what reading one says."""


class TestRealItems:
    """Every newsItem in ../shared/corpus/newsml-g2 reads into its expected story."""

    @pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".expected")[0])
    def test_corpus_file(self, expected: Path) -> None:
        """AP, ANSA, dpa, Reuters, STT and IPTC's listings, field by field (tests/data/newsml-g2)."""
        source = CORPUS / expected.name.replace(".expected.json", ".xml")
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source} (CI has it; a user's clone does not)")
        assert newsitem.load(source, format="newsml-g2") == newsitem.load(expected)

    @pytest.mark.parametrize(("stem", "message"), sorted(NOT_STORIES.items()))
    def test_corpus_file_without_a_story(self, stem: str, message: str) -> None:
        """A corpus file that holds no text story (a picture, a package, a listing without
        content) gives a clear error saying so, not a guessed story."""
        source = CORPUS / f"{stem}.xml"
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source}")
        with pytest.raises(ValidationError, match=message):
            newsitem.load(source, format="newsml-g2")

    def test_corpus_is_covered(self) -> None:
        """Every corpus file has expected values, is known to hold no story, or is listed as pending."""
        if not CORPUS.exists():
            pytest.skip(f"needs the shared corpus at {CORPUS}")
        names = {p.stem for p in CORPUS.glob("*.xml")}
        expected = {p.name.split(".expected")[0] for p in EXPECTED}
        expected |= {p.name.split(".fields")[0] for p in (DATA / "newsml-g2").glob("*.fields.json")}
        assert not expected & pending.NEWSML_G2, "a file with expected values is still listed as pending"
        assert not set(NOT_STORIES) & (expected | pending.NEWSML_G2)
        assert names == expected | pending.NEWSML_G2 | set(NOT_STORIES)

    def test_picture_item_is_refused(self) -> None:
        """An item that is not a text story says so."""
        data = newsitem.dumps(_story(headline="H"), format="newsml-g2").replace(
            b"ninat:text", b"ninat:picture"
        )
        with pytest.raises(
            ValidationError, match=r"the item is a picture \(ninat:picture\), not a text story"
        ):
            newsitem.loads(data, format="newsml-g2")

    def test_package_is_refused(self) -> None:
        """A packageItem is not a newsItem."""
        data = b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"/>'
        with pytest.raises(
            ValidationError, match=r"the document is a packageItem \(a package of other items\)"
        ):
            newsitem.loads(data, format="newsml-g2")


def _sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


class TestAgencyRules:
    """Other agencies' items: the reading rules of issue 16, one sample file each (samples/)."""

    @pytest.mark.parametrize("stem", ["wire-credits", "by-english", "links", "headline-roles", "literals"])
    def test_sample(self, stem: str) -> None:
        """Each rule sample reads, field by field, as its .expected.json (checked against the file)."""
        story = newsitem.loads(_sample(f"{stem}.xml"), format="newsml-g2")
        assert story == newsitem.load(SAMPLES / f"{stem}.expected.json")

    def test_log_ins_are_not_authors(self) -> None:
        """A desk log-in (loening.meyel, kunz_b) and a party with only a QCode are not bylines, but kept."""
        story = newsitem.loads(_sample("wire-credits.xml"), format="newsml-g2")
        assert "loening.meyel" not in [b.name for b in story.bylines]
        assert story.extras["newsml-g2.creator"] == "loening.meyel"
        assert story.extras["newsml-g2.contributor"] == "dpa-ad:sen.sunrita\nkunz_b"

    def test_by_line_names_the_authors_once(self) -> None:
        """'Von A und B, dpa' gives A and B (affiliated with dpa); the creator A is not listed twice."""
        story = newsitem.loads(_sample("wire-credits.xml"), format="newsml-g2")
        assert [(b.name, b.affiliation, b.role) for b in story.bylines] == [
            ("Marco Krefting", "dpa", Role.AUTHOR),
            ("Sunrita Sen", "dpa", Role.AUTHOR),
        ]

    def test_by_line_in_capitals(self) -> None:
        """'By ASHOK SHARMA' names the author as written; the creator of the same name is not repeated."""
        story = newsitem.loads(_sample("by-english.xml"), format="newsml-g2")
        assert [b.name for b in story.bylines] == ["ASHOK SHARMA"]

    @pytest.mark.parametrize(
        ("by", "bylines"),
        [
            ("By JANE DOE, AP Business Writer", [("JANE DOE", "AP Business Writer", None)]),
            ("Von Anna Müller, dpa-Korrespondentin", [("Anna Müller", "dpa-Korrespondentin", None)]),
            (
                "Par Jean Dupont et Marie Curie, AFP",
                [("Jean Dupont", None, "AFP"), ("Marie Curie", None, "AFP")],
            ),
            ("Av Sven Berg och Lisa Lund", [("Sven Berg", None, None), ("Lisa Lund", None, None)]),
            ("Tom Perry", [("Tom Perry", None, None)]),
        ],
    )
    def test_by_line_languages_titles_and_agencies(
        self, by: str, bylines: list[tuple[str, str | None, str | None]]
    ) -> None:
        """A by line in English, German, French or Swedish splits into its persons, a closing job
        title their title and a closing agency their affiliation."""
        data = FOREIGN.replace("a b", "a").replace("reopens</headline>", f"reopens</headline><by>{by}</by>")
        story = newsitem.loads(data, format="newsml-g2")
        assert [(b.name, b.title, b.affiliation) for b in story.bylines] == bylines

    def test_dateline_and_located_are_apart(self) -> None:
        """The printed dateline is the dateline (its agency tag split off); located is its own field."""
        wire = newsitem.loads(_sample("wire-credits.xml"), format="newsml-g2")
        assert (wire.dateline, wire.located) == ("Waghäusel", "Karlsruhe")
        assert wire.extras["newsml-g2.dateline-agency"] == "dpa"
        ap = newsitem.loads(_sample("by-english.xml"), format="newsml-g2")
        assert (ap.dateline, ap.located) == ("FORT WASHINGTON, Pa.", "Pittsburgh")

    def test_dateline_date_is_split_off(self) -> None:
        """A date printed after the place ('MADRID, 21 Nov. 2024 (Europa Press) -') goes to extras."""
        data = FOREIGN.replace("a b", "a").replace(
            "reopens</headline>",
            "reopens</headline><dateline>MADRID, 21 Nov. 2024 (Europa Press) -</dateline>",
        )
        story = newsitem.loads(data, format="newsml-g2")
        assert story.dateline == "MADRID"
        assert story.extras["newsml-g2.dateline-date"] == "21 Nov. 2024"
        assert story.extras["newsml-g2.dateline-agency"] == "Europa Press"

    def test_times(self) -> None:
        """published: firstCreated, else contentCreated, else the earliest date; updated: versionCreated."""
        wire = newsitem.loads(_sample("wire-credits.xml"), format="newsml-g2")
        cest = timezone(timedelta(hours=2))
        assert (wire.published, wire.updated) == (
            datetime(2024, 5, 1, 10, 0, tzinfo=cest),
            datetime(2024, 5, 1, 10, 15, tzinfo=cest),
        )
        ap = newsitem.loads(_sample("by-english.xml"), format="newsml-g2")
        assert (ap.published, ap.updated) == (
            datetime(2024, 5, 1, 11, tzinfo=UTC),
            datetime(2024, 5, 1, 12, tzinfo=UTC),
        )

    def test_naive_times_stay_naive(self) -> None:
        """A versionCreated without an offset reads as a naive time (offsets as sent)."""
        data = FOREIGN.replace("a b", "a").replace(
            "2024-05-01T09:30:00Z</versionCreated>", "2024-05-01T10:30:00</versionCreated>"
        )
        story = newsitem.loads(data, format="newsml-g2")
        assert story.updated == datetime(2024, 5, 1, 10, 30)
        assert story.published == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)

    def test_links_and_url(self) -> None:
        """Only the canonical text/html link is the url; pictures, related and source items are links."""
        reading = newsitem.read(_sample("links.xml"), layout="newsml-g2")
        story = reading.story
        assert story.url == "https://example.com/story.html"
        assert [link.rel for link in story.links] == [
            "irel:seeAlso",
            "x:shorturl",
            "irel:seeAlso",
            "irel:derivedFrom",
        ]
        assert story.links[2] == Link(
            uri="https://img.example.com/p.jpg",
            rel="irel:seeAlso",
            media_type="image/jpeg",
            title="The bridge at dawn",
        )
        assert story.extras["newsml-g2.itemMeta/link[5]/@residref"] == "tag_example_0001"
        assert [n.code for n in reading.notes] == ["kept-in-extras"]

    def test_see_also_is_never_the_url(self) -> None:
        """IPTC's irel:seeAlso web page is a related link, not the story's own page."""
        data = FOREIGN.replace("a b", "a").replace(
            'rel="irel:canonical" contenttype="text/html"', 'rel="irel:seeAlso"'
        )
        story = newsitem.loads(data, format="newsml-g2")
        assert story.url is None
        assert story.links == (Link(uri="https://example.com/a", rel="irel:seeAlso"),)

    def test_headline_by_role(self) -> None:
        """Without an unroled or main headline the title role is the headline, a kicker the subheadline."""
        story = newsitem.loads(_sample("headline-roles.xml"), format="newsml-g2")
        assert (story.headline, story.subheadline) == ("Saisonstart im Prater", "Wien")
        assert story.extras["newsml-g2.headline.apahltype:seo"] == "Prater Saisonstart 2024"

    def test_first_headline_without_known_roles(self) -> None:
        """With only unknown roles, the first headline is the headline and the next the subheadline."""
        story = newsitem.loads(_sample("literals.xml"), format="newsml-g2")
        assert (story.headline, story.subheadline) == (
            "Polen: EU agerar",
            "Kommissionen tar till storsläggan",
        )

    def test_summary_roles(self) -> None:
        """drol:teaser and an abstract role are the summary (layout whitespace collapsed); a caption is kept."""
        wire = newsitem.loads(_sample("wire-credits.xml"), format="newsml-g2")
        assert wire.summary == "Ein Feuer hat in der Nacht eine Lagerhalle zerstört."
        assert wire.extras["newsml-g2.description.drol:caption"] == "Die Halle am Morgen"
        assert (
            newsitem.loads(_sample("headline-roles.xml"), format="newsml-g2").summary == "Der Prater öffnet."
        )

    def test_literals_count_without_a_name(self) -> None:
        """@literal is the value of located, provider, source, copyrightHolder and subjects without a name."""
        story = newsitem.loads(_sample("literals.xml"), format="newsml-g2")
        assert story.located == "EU"
        assert (story.provider, story.source) == (Source(name="TT"), Source(name="Reuters"))
        assert story.rights is not None and story.rights.holder == "TT"
        assert story.subjects[0] == Subject(name="TT:11000000:POL")
        assert [b.name for b in story.bylines] == ["Anna Svensson"]
        assert story.extras["newsml-g2.creator"] == "VRG"
        assert story.language == "sv"

    def test_elements_without_a_field_are_kept(self) -> None:
        """itemMeta and contentMeta children with no model field, and a second genre, go to extras,
        with one note."""
        data = (
            FOREIGN.replace("a b", "a")
            .replace("</itemMeta>", '<memberOf literal="b"><name>Business</name></memberOf></itemMeta>')
            .replace("<language", "<altId>X-1</altId><altId>X-2</altId><language")
            .replace("<headline>", '<genre qcode="g:1"><name>A</name></genre><genre qcode="g:2"/><headline>')
        )
        reading = newsitem.read(data, layout="newsml-g2")
        assert (reading.story.genre, reading.story.extras["newsml-g2.genre"]) == ("A", "g:2")
        assert reading.story.extras["newsml-g2.memberOf"] == "Business"
        assert reading.story.extras["newsml-g2.altId"] == "X-1\nX-2"
        assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", "newsItem")]
        assert "memberOf, altId, genre" in reading.notes[0].message

    def test_other_sources_are_kept(self) -> None:
        """The origcont infoSource is the source; the other infoSources are kept in extras."""
        data = FOREIGN.replace("a b", "a").replace(
            "<language",
            '<infoSource role="isrol:supplier" qcode="x:ap"><name>AP</name></infoSource>'
            '<infoSource role="cpprole:origcont" literal="Wire"/><language',
        )
        story = newsitem.loads(data, format="newsml-g2")
        assert story.source == Source(name="Wire")
        assert story.extras["newsml-g2.infoSource"] == "AP"

    def test_ednote_markup_reads_line_by_line(self) -> None:
        """An edNote holding XHTML gives a line per block, each line once (dpa's notepad)."""
        data = FOREIGN.replace("a b", "a").replace(
            "</itemMeta>",
            '<edNote>Planungshinweis</edNote><edNote><section xmlns="http://www.w3.org/1999/xhtml">'
            "<h3>Notizblock</h3><ul><li>Planungshinweis</li><li>Autor: X</li></ul></section></edNote></itemMeta>",
        )
        assert newsitem.loads(data, format="newsml-g2").ednote == "Planungshinweis\nNotizblock\nAutor: X"

    @pytest.mark.parametrize(
        ("document", "words"),
        [
            (
                '<packageItem xmlns="{nar}" guid="p"/>',
                "the document is a packageItem (a package of other items)",
            ),
            ('<conceptItem xmlns="{nar}" guid="c"/>', "the document is a conceptItem (a concept"),
            (
                '<planningItem xmlns="{nar}" guid="p"/>',
                "the document is a planningItem (news coverage planned)",
            ),
            (
                '<catalog xmlns="{nar}"><scheme alias="a" uri="http://a/"/></catalog>',
                "the document is a catalog",
            ),
            (
                "<contentSet><inlineXML/></contentSet>",
                "the document is a fragment of a NewsML-G2 item (<contentSet> alone)",
            ),
            (
                '<?xml version="1.0"?>\n<!-- c --><contentMeta xmlns="{nar}"/>',
                "fragment of a NewsML-G2 item (<contentMeta> alone)",
            ),
        ],
    )
    def test_parse_says_what_it_is(self, document: str, words: str) -> None:
        """newsitem.parse (detection) and loads refuse another item or a fragment in the same words."""
        data = document.format(nar="http://iptc.org/std/nar/2006-10-01/")
        assert newsitem.detect(data).layout == "newsml-g2"
        for read in (lambda: newsitem.parse(data), lambda: newsitem.loads(data, format="newsml-g2")):
            with pytest.raises(ValidationError) as caught:
                read()
            assert words in str(caught.value)

    @pytest.mark.parametrize(
        ("code", "kind"),
        [("ninat:picture", "a picture"), ("ninat:video", "a video"), ("ninat:audio", "an audio item")],
    )
    def test_media_items_say_what_they_are(self, code: str, kind: str) -> None:
        """A picture, video or audio newsItem is refused saying what it is."""
        data = FOREIGN.replace("ninat:text", code)
        with pytest.raises(ValidationError, match=f"the item is {kind} \\({code}\\), not a text story"):
            newsitem.parse(data)


class TestIdentity:
    """A guid is required and never invented: no shared constant is written, none is minted on reading."""

    @pytest.mark.parametrize("lossy", [False, True])
    def test_no_guid_is_refused(self, lossy: bool) -> None:
        """A story without a guid is refused, strict or lossy, by a SerializeError naming newsitem.mint_guid."""
        with pytest.raises(SerializeError, match=r"newsitem\.mint_guid") as exc:
            newsitem.dumps(Story(headline="H"), format="newsml-g2", lossy=lossy)
        assert exc.value.format == "newsml-g2"

    def test_minted_guid_is_written(self) -> None:
        """The guid newsitem.mint_guid gives is written and read back as the story's."""
        story = Story(headline="H", url="https://example.com/h")
        minted = attrs.evolve(story, guid=newsitem.mint_guid(story))
        data = newsitem.dumps(minted, format="newsml-g2")
        assert newsitem.loads(data, format="newsml-g2").guid == minted.guid
        assert b"urn:newsitem:no-guid" not in data

    def test_missing_guid_reads_as_none(self) -> None:
        """An item without @guid reads as a story without a guid: reading never invents one."""
        data = FOREIGN.replace(' guid="urn:example:1"', "").replace("a b", "a")
        assert newsitem.loads(data, format="newsml-g2").guid is None

    def test_legacy_shared_guid_reads_as_none(self) -> None:
        """urn:newsitem:no-guid (written by older newsitem for every guid-less story) is no identity: None."""
        data = FOREIGN.replace("urn:example:1", "urn:newsitem:no-guid").replace("a b", "a")
        assert newsitem.loads(data, format="newsml-g2").guid is None


class TestHeadlineless:
    """A story without a headline is written without one and reads back as None."""

    def test_written_without_headline(self) -> None:
        """No headline element at all (not an empty one), and headline None on reading."""
        story = _story(body=[Paragraph.plain("An alert.")], subheadline="Deck")
        data = newsitem.dumps(story, format="newsml-g2")
        assert data.count(b"<headline") == 1  # the subheadline's
        assert newsitem.loads(data, format="newsml-g2") == story

    def test_empty_headline_sample(self) -> None:
        """An STT-like text item with an empty headline reads as a story with headline None."""
        story = newsitem.loads(_sample("empty-headline.xml"), format="newsml-g2")
        assert story.headline is None
        assert story == newsitem.load(SAMPLES / "empty-headline.expected.json")


class TestCodesAndKinds:
    """QCodes (any alias) and IRIs as subject codes; organisations credited as authors."""

    def test_qcode_with_underscore_reads(self) -> None:
        """FIEG_Categories:CRO is a subject code, not a failure or an extras entry."""
        reading = newsitem.read(_sample("qcode-alias.xml"), layout="newsml-g2")
        assert reading.notes == ()
        assert reading.story.subjects[0] == Subject(code="FIEG_Categories:CRO", name="Cronaca")
        assert reading.story == newsitem.load(SAMPLES / "qcode-alias.expected.json")

    def test_codes_are_written_by_kind(self) -> None:
        """A QCode is written as @qcode, an IRI with a URI scheme as @uri."""
        codes = ["FIEG_Categories:CRO", "medtop:20000002", "http://cv.iptc.org/newscodes/mediatopic/1"]
        story = _story(headline="H", subjects=[Subject(code=code) for code in codes])
        data = newsitem.dumps(story, format="newsml-g2")
        assert b'<subject qcode="FIEG_Categories:CRO"/>' in data
        assert b'<subject qcode="medtop:20000002"/>' in data
        assert b'<subject uri="http://cv.iptc.org/newscodes/mediatopic/1"/>' in data
        assert newsitem.loads(data, format="newsml-g2") == story

    def test_organisation_is_written_as_such(self) -> None:
        """An organisation byline is a creator (or contributor) of type cpnat:organisation, and back."""
        bylines = [
            Byline(name="BBC News", kind="organisation"),
            Byline(name="Reuters", kind="organisation", role=Role.EDITOR),
            Byline(name="Ana Ruiz"),
        ]
        story = _story(headline="H", bylines=bylines)
        data = newsitem.dumps(story, format="newsml-g2")
        assert b'<creator type="cpnat:organisation" role="cpprole:author"><name>BBC News' in data
        assert b'<contributor type="cpnat:organisation" role="nitm:editor"><name>Reuters' in data
        assert b'<creator type="cpnat:person" role="cpprole:author"><name>Ana Ruiz' in data
        assert newsitem.loads(data, format="newsml-g2") == story

    def test_organisation_sample(self) -> None:
        """Another agency's organisations (by @type, organisationDetails or an nprov: QCode) read as such."""
        story = newsitem.loads(_sample("organisation-author.xml"), format="newsml-g2")
        assert [b.kind.value for b in story.bylines] == [
            "organisation",
            "organisation",
            "organisation",
            "person",
            "organisation",
        ]
        assert story == newsitem.load(SAMPLES / "organisation-author.expected.json")


class TestDays:
    """A day without a time: contentCreated and contentModified take one (TruncatedDateTimeType)."""

    def test_day_is_written_where_the_schema_allows(self) -> None:
        """published as a day is contentCreated (firstCreated needs a time), updated contentModified."""
        story = _story(headline="H", published=date(2017, 7, 27), updated=date(2017, 7, 28))
        data = newsitem.dumps(story, format="newsml-g2")
        assert b"<contentCreated>2017-07-27</contentCreated>" in data
        assert b"<contentModified>2017-07-28</contentModified>" in data
        assert b"firstCreated" not in data
        assert b"<versionCreated>0001-01-01T00:00:00Z</versionCreated>" in data
        back = newsitem.loads(data, format="newsml-g2")
        assert back == story
        assert type(back.published) is date

    def test_version_created_takes_the_time_it_has(self) -> None:
        """versionCreated (a date and time) is derived from whichever of updated and published has a time."""
        published = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
        story = _story(headline="H", published=published, updated=date(2024, 5, 2))
        data = newsitem.dumps(story, format="newsml-g2")
        assert b"<versionCreated>2024-05-01T09:30:00+00:00</versionCreated>" in data
        assert newsitem.loads(data, format="newsml-g2") == story

    def test_day_sample(self) -> None:
        """Another agency's day-only contentCreated reads as a day, no midnight invented; updated is
        versionCreated, and the day-only contentModified is kept in extras."""
        story = newsitem.loads(_sample("day-only.xml"), format="newsml-g2")
        assert (story.published, story.updated) == (date(2017, 7, 27), datetime(2017, 7, 28, 6, tzinfo=UTC))
        assert story.extras["newsml-g2.contentModified"] == "2017-07-28"
        assert story == newsitem.load(SAMPLES / "day-only.expected.json")

    def test_day_for_a_time_is_kept(self) -> None:
        """An embargo given as a day (the model's embargo needs a time) is kept in extras with a note."""
        data = FOREIGN.replace("a b", "a").replace(
            "<firstCreated>", "<embargoed>2024-05-02</embargoed><firstCreated>"
        )
        reading = newsitem.read(data, layout="newsml-g2")
        assert reading.story.embargoed is None
        assert reading.story.extras == {"newsml-g2.itemMeta/embargoed": "2024-05-02"}
        assert [n.code for n in reading.notes] == ["kept-in-extras"]


def block_story() -> Story:
    """A story with a block of every kind, marks and a link inside them."""
    return _story(
        headline="Bridge vote",
        body=[
            Paragraph.plain("The council voted on Tuesday."),
            Heading(runs=["What was ", Run(text="decided", emphasis=True)]),
            Quote(body=["Repairs cannot wait.", "The ferry will run."], attribution="Ana Ruiz"),
            ListBlock(
                items=["Closed from Monday", Paragraph(runs=["Every ", Run(text="20", strong=True), " min"])]
            ),
            ListBlock(items=["Vote", "Repairs"], ordered=True),
            Table(rows=[["Vote", "For", "Against"], ["Closure", "5", ""], ["Notes"]], header_rows=1),
            Preformatted(text="Ferry times\n  06:00\t06:20\n"),
            Figure(uri="https://example.com/b.jpg", caption="The bridge", credit="Wire/Doe", alt="A bridge"),
            Heading(runs=["Next steps"], level=3),
            Paragraph(runs=["See ", Run(text="the report", link="https://example.com/r")]),
        ],
    )


class TestBlocks:
    """Every kind of block is its NITF element, written and read back; other agencies' bodies too."""

    def test_every_kind_is_its_element(self) -> None:
        """hl2 (class level-N), bq/block/credit, ul, ol, table/thead/tbody, pre and media, and back."""
        data = newsitem.dumps(block_story(), format="newsml-g2")
        for element in (
            b"<hl2>What was ",
            b'<hl2 class="level-3">Next steps</hl2>',
            b"<bq><block><p>Repairs cannot wait.</p><p>The ferry will run.</p></block><credit>Ana Ruiz</credit></bq>",
            b"<ul><li>Closed from Monday</li>",
            b"<ol><li>Vote</li><li>Repairs</li></ol>",
            b"<thead><tr><th>Vote</th><th>For</th><th>Against</th></tr></thead>",
            b"<pre>Ferry times\n  06:00\t06:20\n</pre>",
            b'<media-reference source="https://example.com/b.jpg" alternate-text="A bridge"/>',
            b"<media-caption>The bridge</media-caption><media-producer>Wire/Doe</media-producer>",
        ):
            assert element in data, element
        assert newsitem.loads(data, format="newsml-g2") == block_story()

    def test_every_kind_validates(self) -> None:
        """The story with every kind of block is valid NewsML-G2 2.35 with a valid NITF 3.6 body."""
        newsml.validate(newsitem.dumps(block_story(), format="newsml-g2"), schema_dir=_needs_schemas())

    def test_foreign_nitf_blocks(self) -> None:
        """Another agency's NITF blocks of every kind read as blocks (body.head is not the body)."""
        story = newsitem.loads(_sample("nitf-blocks.xml"), format="newsml-g2")
        assert [type(b).__name__ for b in story.body] == [
            "Paragraph",
            "Heading",
            "Quote",
            "ListBlock",
            "ListBlock",
            "Table",
            "Preformatted",
            "Figure",
            "Heading",
            "Paragraph",
        ]
        assert story == newsitem.load(SAMPLES / "nitf-blocks.expected.json")

    def test_our_block_error_is_located(self) -> None:
        """A blank heading in our own item is a ValidationError at its hl2, with its model path."""
        data = newsitem.dumps(block_story(), format="newsml-g2").replace(b"<hl2>What was ", b"<hl2> ", 1)
        data = data.replace(b'<em class="italic">decided</em></hl2>', b"</hl2>", 1)
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data, format="newsml-g2")
        problem = exc.value.problems[0]
        assert (problem.path, problem.where) == (
            "Story.body[1]",
            "newsItem/contentSet/inlineXML/nitf/body/body.content/hl2[1]",
        )
        assert "<hl2> holds no text" in problem.message

    def _corpus(self, stem: str) -> Story:
        source = CORPUS / f"{stem}.xml"
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source}")
        return newsitem.load(source, format="newsml-g2")

    def test_dpa_subheads(self) -> None:
        """dpa's h2 subheads are headings; its header (slugline list, time, h1 headline) is not the body."""
        story = self._corpus("dpa-with_infobox")
        assert [b.text for b in story.body if isinstance(b, Heading)] == ["Bewertung", "Fakten", "Links"]
        assert story.body[0].text.startswith("Einige behaupten")

    def test_dpa_reading_list(self) -> None:
        """dpa's reading list has no subheads: its paragraphs only, none of its header."""
        story = self._corpus("dpa-lesestuecke")
        assert all(isinstance(b, Paragraph) for b in story.body)
        assert story.body[0].text.startswith("Fragen-und-Antworten")
        assert len(story.body) == 8

    def test_dpa_results_tables(self) -> None:
        """dpa's results copy gives its fixtures and standings as tables, cells as sent."""
        story = self._corpus("dpa-spe_tab")
        tables = [b for b in story.body if isinstance(b, Table)]
        assert len(tables) == 3
        assert tables[0].rows[1] == ("FC Augsburg", "-", "Bor. Mönchengladbach", "2:1 (1:0)")
        assert tables[1].rows[0][:2] == ("1.", "Bayern München")

    def test_leading_title_is_not_a_subhead(self) -> None:
        """GlobeNewswire's h1 repeats the headline and is left out; its h2 is a subhead."""
        story = self._corpus("globenewswire-07ac")
        assert story.body[0] == Heading(
            runs=["AI Marketing Veteran to Position Company for Growth in New Markets"]
        )
        assert story.headline not in [b.text for b in story.body]


def _expected_parts(path: Path) -> list[dict[str, Any]]:
    """The expected parts of a container: each its ``where`` and its story (canonical JSON) or error."""
    parts: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return parts


def _parts_match(data: bytes, expected: Path) -> None:
    parts = list(newsitem.loads_all(data, "newsml-g2"))
    wanted = _expected_parts(expected)
    assert [p.index for p in parts] == list(range(1, len(wanted) + 1))
    assert [p.where for p in parts] == [w["where"] for w in wanted]
    for part, want in zip(parts, wanted, strict=True):
        if "story" in want:
            assert part.story == newsitem.loads(json.dumps(want["story"])), part.where
        else:
            assert type(part.error).__name__ == want["error"], part.where
            assert want["message"] in str(part.error), part.where


class TestContainers:
    """loads_all: every item of a newsMessage is its own part, non-text items reported, never skipped."""

    def test_ap_message_gives_three_stories(self) -> None:
        """AP's three-item newsMessage gives three stories, each with its document path."""
        source = CORPUS / "ap.xml"
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source}")
        parts = list(newsitem.loads_all(source.read_bytes(), "newsml-g2", name="ap.xml"))
        assert [p.locator for p in parts] == ["ap.xml#1", "ap.xml#2", "ap.xml#3"]
        assert all(p.story is not None for p in parts)
        assert parts[0].story == newsitem.load(DATA / "newsml-g2" / "ap.expected.json")
        _parts_match(source.read_bytes(), DATA / "newsml-g2" / "ap.parts.json")

    def test_mixed_message(self) -> None:
        """A picture newsItem and a packageItem give parts with a ParseError saying what they are."""
        _parts_match(_sample("message-mixed.xml"), SAMPLES / "message-mixed.parts.json")

    def test_error_part_is_located(self) -> None:
        """A non-text item's ParseError carries the item's line; its part the item's document path."""
        part = list(newsitem.loads_all(_sample("message-mixed.xml"), "newsml-g2"))[1]
        assert isinstance(part.error, ParseError)
        assert (part.where, part.error.line) == ("newsMessage/itemSet/newsItem[2]", 16)

    def test_loads_reads_the_first_text_item(self) -> None:
        """loads on a newsMessage gives its first text item; the others are a note, not extras."""
        reading = newsitem.read(_sample("message-mixed.xml"), layout="newsml-g2")
        assert reading.story.headline == "First story"
        assert not reading.story.extras
        (note,) = reading.notes
        assert "3 more items" in note.message
        assert "newsitem.loads_all" in note.message

    def test_single_item(self) -> None:
        """A newsItem alone is one part, read as loads reads it."""
        data = newsitem.dumps(full_story(), format="newsml-g2")
        (part,) = newsitem.loads_all(data, "newsml-g2")
        assert part.story == full_story()

    def test_single_item_error_raises(self) -> None:
        """A newsItem alone that cannot be read raises, as loads does (it is not a member of a container)."""
        data = newsitem.dumps(_story(headline="H"), format="newsml-g2").replace(b"ninat:text", b"ninat:video")
        with pytest.raises(ValidationError, match="ninat:video"):
            list(newsitem.loads_all(data, "newsml-g2"))

    def test_message_with_a_long_header_is_detected(self) -> None:
        """A newsMessage is recognised by its own element, however long its header before the items."""
        data = _sample("message-mixed.xml").replace(b"<header>", b"<header>" + b"<!-- padding -->" * 400)
        parts = list(newsitem.parse_all(data))
        assert [p.layout for p in parts] == ["newsml-g2"] * 4

    def test_empty_message_raises(self) -> None:
        """A newsMessage without any item is a malformed container: an error, not zero stories."""
        data = b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet/></newsMessage>'
        with pytest.raises(ValidationError, match="holds no item"):
            list(newsitem.loads_all(data, "newsml-g2"))


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" standard="NewsML-G2">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EX"/>
    <versionCreated>2024-05-01T09:30:00Z</versionCreated>
    <firstCreated>2024-05-01T09:30:00Z</firstCreated>
    <link rel="irel:canonical" contenttype="text/html" href="https://example.com/a b"/>
  </itemMeta>
  <contentMeta>
    <language tag="en"/>
    <subject qcode="medtop:20000002"><name>arts</name></subject>
    <headline>Harbour bridge reopens</headline>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/nitf+xml">
      <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>
        <p>The <a href="https://example.com/%7Emap">bridge</a> is open.</p>
      </body.content></body></nitf>
    </inlineXML>
  </contentSet>
</newsItem>
"""
"""Another agency's item (no ``nitm`` scheme declared), every value one the model takes."""


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


class TestErrorContract:
    """Model errors come back as ValidationError placed at the value's document path and line."""

    @pytest.mark.parametrize(
        ("story", "old", "new", "place", "tag"),
        [
            (
                _story(headline="H", summary="S"),
                b"<headline>H</headline>",
                b"\n<headline>H\tI</headline>",
                ("Story.headline", "newsItem/contentMeta/headline"),
                "<headline>",
            ),
            (
                _story(headline="H", url="https://example.com/a"),
                b"https://example.com/a",
                b"https://example.com/a b",
                ("Story.url", "newsItem/itemMeta/link/@href"),
                "<link ",
            ),
            (
                _story(
                    headline="H",
                    body=[Paragraph(runs=["See ", Run(text="this", link="https://example.com/a")])],
                ),
                b"https://example.com/a",
                b"/relative",
                ("Story.body[0].link", "newsItem/contentSet/inlineXML/nitf/body/body.content/p"),
                "<p>",
            ),
            (
                _story(headline="H", body=[Paragraph.plain("One"), Paragraph.plain("Two")]),
                b">Two<",
                b"> <",
                ("Story.body[1].runs", "newsItem/contentSet/inlineXML/nitf/body/body.content/p[2]"),
                "<p>",
            ),
        ],
        ids=["headline with a TAB", "link with a space", "relative body link", "blank paragraph"],
    )
    def test_our_errors_are_located(
        self, story: Story, old: bytes, new: bytes, place: tuple[str, str], tag: str
    ) -> None:
        """Our own items are read exactly: a value the model refuses fails at its document path and line, not kept."""
        data = newsitem.dumps(story, format="newsml-g2").replace(old, new)
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data, format="newsml-g2")
        problem = exc.value.problems[0]
        assert exc.value.format == "newsml-g2"
        assert (problem.path, problem.where) == place
        assert problem.line == _line_of(data.decode(), tag)

    def test_our_byline_error_is_located(self) -> None:
        """A model error inside a byline is placed at its creator element."""
        data = newsitem.dumps(_story(headline="H", bylines=[newsitem.Byline(name="Ana")]), format="newsml-g2")
        data = data.replace(b"<name>Ana</name>", b"<name>A\tna</name>")
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data, format="newsml-g2")
        assert exc.value.problems[0].where == "newsItem/contentMeta/creator"

    def test_our_extras_entry_error_is_located(self) -> None:
        """A blank extras value in our own item names its contentMetaExtProperty."""
        data = newsitem.dumps(_story(headline="H", extras={"a.b": "v"}), format="newsml-g2")
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data.replace(b'value="v"', b'value=" "'), format="newsml-g2")
        problem = exc.value.problems[0]
        assert (problem.path, problem.where) == (
            "Story.extras['a.b']",
            "newsItem/contentMeta/contentMetaExtProperty",
        )

    def test_lone_surrogate_is_a_parse_error(self) -> None:
        """Text holding a lone surrogate is our ParseError with its position, not UnicodeEncodeError."""
        with pytest.raises(ParseError) as exc:
            newsitem.loads("<x>\udcff</x>", format="newsml-g2")
        assert (exc.value.line, exc.value.column) == (1, 4)

    def test_text_overrides_its_declaration(self) -> None:
        """Text is text: an encoding named in its XML declaration does not re-decode it."""
        data = newsitem.dumps(_story(headline="Café"), format="newsml-g2").decode()
        data = data.replace("encoding='UTF-8'", "encoding='ISO-8859-1'")
        assert "ISO-8859-1" in data
        assert newsitem.loads(data, format="newsml-g2").headline == "Café"

    def test_no_headline_names_its_place(self) -> None:
        """An item without a headline, a body or a summary names the missing headline's path."""
        data = FOREIGN.replace("<headline>Harbour bridge reopens</headline>", "")
        data = data[: data.index("<contentSet>")] + data[data.index("</contentSet>") + 13 :]
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data, format="newsml-g2")
        assert exc.value.problems[0].where == "newsItem/contentMeta/headline"


class TestLeniency:
    """Another agency's value the model refuses is kept in extras with a note; the item still reads."""

    def test_link_href_with_a_space(self) -> None:
        """A link/@href with a space goes to extras with a kept-in-extras note at its path and line."""
        reading = newsitem.read(FOREIGN, layout="newsml-g2")
        assert reading.story.url is None
        assert reading.story.extras == {"newsml-g2.itemMeta/link/@href": "https://example.com/a b"}
        (note,) = reading.notes
        assert (note.code, note.format, note.where) == (
            "kept-in-extras",
            "newsml-g2",
            "newsItem/itemMeta/link/@href",
        )
        assert note.line == _line_of(FOREIGN, "<link ")

    @pytest.mark.parametrize(
        ("old", "new", "key", "kept"),
        [
            ("/a b", "/100%zz", "itemMeta/link/@href", "https://example.com/100%zz"),
            ('tag="en"', 'tag="en_GB"', "contentMeta/language/@tag", "en_GB"),
            ('"medtop:20000002"', '"medtop 2"', "contentMeta/subject/@qcode", "medtop 2"),
            ('"urn:example:1"', '"urn example 1"', "@guid", "urn example 1"),
            (
                "<firstCreated>2024-05-01T09:30:00Z",
                "<firstCreated>2024-05",
                "itemMeta/firstCreated",
                "2024-05",
            ),
            (
                "/%7Emap",
                "/%zz",
                "contentSet/inlineXML/nitf/body/body.content/p/a/@href",
                "https://example.com/%zz",
            ),
        ],
    )
    def test_refused_values_are_kept(self, old: str, new: str, key: str, kept: str) -> None:
        """A bad URI, language tag, QCode, guid, time or body link each lands in extras with a note."""
        data = FOREIGN.replace(old, new)
        reading = newsitem.read(data.encode(), layout="newsml-g2")
        assert reading.story.extras["newsml-g2." + key] == kept
        notes = [n for n in reading.notes if n.where == "newsItem/" + key]
        assert [n.code for n in notes] == ["kept-in-extras"]
        assert notes[0].line == _line_of(data, new)
        assert reading.story.headline == "Harbour bridge reopens"

    def test_link_in_html_sent_as_text(self) -> None:
        """A refused link inside HTML sent as text in inlineData is kept with its path into that HTML."""
        data = FOREIGN.replace("a b", "a")
        start, end = data.index("<inlineXML"), data.index("</contentSet>")
        html = "&lt;p&gt;See &lt;a href='https://example.com/%zz'&gt;this&lt;/a&gt;.&lt;/p&gt;"
        data = data[:start] + f"<inlineData>{html}</inlineData>" + data[end:]
        reading = newsitem.read(data, layout="newsml-g2")
        assert reading.story.text == "See this."
        assert reading.story.extras == {
            "newsml-g2.contentSet/inlineData/p[1]/a[1]/@href": "https://example.com/%zz"
        }
        assert [n.where for n in reading.notes] == ["newsItem/contentSet/inlineData/p[1]/a[1]/@href"]

    def test_foreign_item_reads(self) -> None:
        """The foreign sample with good values reads with no note and nothing in extras."""
        reading = newsitem.read(FOREIGN.replace("a b", "a"), layout="newsml-g2")
        assert reading.notes == ()
        assert reading.story.url == "https://example.com/a"
        assert reading.story.body[0].runs[1].link == "https://example.com/%7Emap"
        assert not reading.story.extras

    def test_other_items_are_a_note(self) -> None:
        """A newsMessage's items after the first text item are reported as a note, not kept in extras."""
        item = FOREIGN.replace("a b", "a").split("?>", 1)[1]
        message = (
            '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>'
            + item
            + item.replace("urn:example:1", "urn:example:2")
            + "</itemSet></newsMessage>"
        )
        reading = newsitem.read(message, layout="newsml-g2")
        assert not reading.story.extras
        (note,) = reading.notes
        assert note.code == "unreadable"
        assert "urn:example:2 (ninat:text)" in note.message


class TestSafety:
    """No network, no DTD, no entity expansion: hostile documents are refused (their time and
    memory are measured in benchmarks/bench_newsmlg2.py, not asserted here)."""

    def test_billion_laughs(self) -> None:
        """Nested entity definitions are refused before parsing."""
        lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
        data = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]><newsItem>&lol9;</newsItem>'
        with pytest.raises(ParseError, match="DOCTYPE or entity"):
            newsitem.loads(data.encode(), format="newsml-g2")

    def test_external_entity(self, tmp_path: Path) -> None:
        """An external entity is never resolved."""
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP SECRET")
        data = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]><newsItem>&xxe;</newsItem>'
        with pytest.raises(ParseError):
            newsitem.loads(data.encode(), format="newsml-g2")

    def test_hundred_megabytes(self) -> None:
        """A 100 MB document is refused by size, before any parsing."""
        data = b"<newsItem>" + b"x" * 100_000_000 + b"</newsItem>"
        with pytest.raises(ParseError, match="bytes; newsitem reads NewsML-G2 items up to"):
            newsitem.loads(data, format="newsml-g2")

    def test_malformed(self) -> None:
        """Broken XML gives line and column as fields and says in our words what was expected,
        without libxml2's wording or a repeat of the position."""
        with pytest.raises(ParseError) as exc:
            newsitem.loads(b"<newsItem>\n<itemMeta></newsItem>", format="newsml-g2")
        assert (exc.value.line, exc.value.column) == (2, 22)
        assert exc.value.message == (
            "malformed XML: the end tag </newsItem> does not close <itemMeta> (opened on line 2):"
            " expected </itemMeta>"
        )

    @pytest.mark.parametrize(
        "data",
        [b"<a>x & y</a>", b"<a>&foo;</a>", b"<a", b"<a></a><b/>", b"", b"<a x=1/>", b"<a>\x01</a>", b"<1a/>",
         b"<a>&#0;</a>", b"<a><b>", b'<a b="1"', b"<a>x</a", b"<a><!-- x -- y --></a>"],
    )  # fmt: skip
    def test_malformed_wording(self, data: bytes) -> None:
        """No malformed-XML message repeats libxml2's position or its function names."""
        with pytest.raises(ParseError) as exc:
            newsitem.loads(data, format="newsml-g2")
        assert exc.value.line is not None
        assert exc.value.column is not None
        assert ", line " not in exc.value.message
        assert "xmlParse" not in exc.value.message

    def test_declaration_is_placed(self) -> None:
        """A DOCTYPE or entity declaration is refused at its line and column."""
        data = b'<?xml version="1.0"?>\n  <!DOCTYPE x [<!ENTITY e "x">]><newsItem/>'
        with pytest.raises(ParseError, match="DOCTYPE or entity") as exc:
            newsitem.loads(data, format="newsml-g2")
        assert (exc.value.line, exc.value.column) == (2, 3)

    def test_detected(self) -> None:
        """detect() names NewsML-G2."""
        assert newsitem.detect(newsitem.dumps(_story(headline="H"), format="newsml-g2")).layout == "newsml-g2"


@st.composite
def mutated_items(draw: st.DrawFn) -> bytes:
    """Our own items with one element's text or one attribute replaced by arbitrary text."""
    from lxml import etree

    root = etree.fromstring(newsitem.dumps(draw(GENERATED), format="newsml-g2"))
    elements = list(root.iter())
    element = draw(st.sampled_from(elements))
    value = draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12))
    if element.attrib and draw(st.booleans()):
        element.set(draw(st.sampled_from(sorted(element.attrib))), value)
    else:
        element.text = value
    return etree.tostring(root)


@given(mutated_items())
def test_mutated_items_give_our_errors(data: bytes) -> None:
    """A damaged item (any text or attribute changed) gives a Story or our errors, nothing else."""
    try:
        result = newsitem.loads(data, format="newsml-g2")
    except (ParseError, ValidationError):
        return
    assert isinstance(result, Story)
