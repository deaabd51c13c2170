"""NewsML 1.2 (AFP, EFE, ANA-MPE): samples of our own against their expected parts, one small
document per rule, the real corpus files, detection and hostile input."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import formats
from newsitem.errors import NewsItemError, ParseError
from newsitem.formats import newsml1
from newsitem.model import Byline

from .conftest import DATA, SHARED

SAMPLES = DATA / "newsml-1.2" / "samples"
CORPUS = SHARED / "corpus" / "newsml-1.2"
FORMAT = "newsml-1.2"


def _item(component: str = "", *, management: str = "", identifier: str = "", envelope: str = "") -> str:
    """A NewsML document with one NewsItem around ``component``'s content."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2">
  <NewsEnvelope><DateAndTime>20240501T080000Z</DateAndTime>{envelope}</NewsEnvelope>
  <NewsItem>
    <Identification><NewsIdentifier>
      <ProviderId>example.com</ProviderId><DateId>20240501</DateId><NewsItemId>N1</NewsItemId>
      <RevisionId PreviousRevision="0" Update="N">1</RevisionId>{identifier}
    </NewsIdentifier></Identification>
    <NewsManagement><NewsItemType FormalName="News"/>{management}<Status FormalName="Usable"/></NewsManagement>
    <NewsComponent>{component}</NewsComponent>
  </NewsItem>
</NewsML>"""


TEXT = """<ContentItem><MediaType FormalName="Text"/><DataContent><p>Body text.</p></DataContent></ContentItem>"""


def _lines(lines: str, *, admin: str = "", content: str = TEXT) -> str:
    return _item(f"<NewsLines>{lines}</NewsLines>{admin}{content}")


def _parts(data: bytes) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for part in newsitem.loads_all(data, FORMAT):
        if part.story is not None:
            out.append({"where": part.where, "story": part.story})
        else:
            out.append({"where": part.where, "error": part.error})
    return out


@pytest.mark.parametrize(
    "name", ["text-photo", "multi-item", "release-logos", "belga-html-lang", "ana-place-copyright"]
)
def test_samples_read_into_their_expected_parts(name: str) -> None:
    """Each sample gives its expected parts: stories equal, refusals of the expected type and words."""
    wanted = json.loads((SAMPLES / f"{name}.parts.json").read_text(encoding="utf-8"))
    got = _parts((SAMPLES / f"{name}.xml").read_bytes())
    assert [g["where"] for g in got] == [w["where"] for w in wanted]
    for part, want in zip(got, wanted, strict=True):
        if "story" in want:
            assert part.get("story") == newsitem.loads(json.dumps(want["story"])), part["where"]
        else:
            error = part.get("error")
            assert type(error).__name__ == want["error"], part["where"]
            assert want["message"] in str(error), part["where"]


class TestIdentityAndTimes:
    """Identification and NewsManagement."""

    def test_public_identifier_gives_guid_and_version(self) -> None:
        """The guid is the PublicIdentifier without its revision (and Update letter); the version is RevisionId."""
        data = _lines("<HeadLine>H</HeadLine>", content=TEXT).replace(
            '<RevisionId PreviousRevision="0" Update="N">1</RevisionId>',
            '<RevisionId PreviousRevision="2" Update="U">3</RevisionId>'
            "<PublicIdentifier>urn:newsml:example.com:20240501:N1:3U</PublicIdentifier>",
        )
        story = newsitem.loads(data, FORMAT)
        assert (story.guid, story.version) == ("urn:newsml:example.com:20240501:N1", 3)
        assert story.extras["newsml-1.2.PublicIdentifier"] == "urn:newsml:example.com:20240501:N1:3U"

    def test_guid_built_from_the_identifier_parts_without_public_identifier(self) -> None:
        """Without a PublicIdentifier the guid is the NewsML URN of ProviderId, DateId and NewsItemId."""
        story = newsitem.loads(_lines("<HeadLine>H</HeadLine>"), FORMAT)
        assert story.guid == "urn:newsml:example.com:20240501:N1"

    def test_iso_basic_times_keep_their_offsets(self) -> None:
        """FirstCreated and ThisRevisionCreated in ISO 8601 basic are published and updated, offsets as sent."""
        management = "<FirstCreated>20180315T103000+0100</FirstCreated><ThisRevisionCreated>20180315T1200</ThisRevisionCreated>"
        story = newsitem.loads(_item(TEXT, management=management), FORMAT)
        assert isinstance(story.published, datetime) and story.published.utcoffset() == timedelta(hours=1)
        assert str(story.published) == "2018-03-15 10:30:00+01:00"
        assert str(story.updated) == "2018-03-15 12:00:00"  # naive as written

    def test_a_day_alone_is_a_date_and_a_bad_time_is_kept(self) -> None:
        """A DateId-like day is a date; a time that is none goes to extras with a note."""
        management = "<FirstCreated>20180315</FirstCreated><ThisRevisionCreated>soon</ThisRevisionCreated>"
        reading = newsitem.read(_item(TEXT, management=management), layout=FORMAT)
        assert reading.story.published == date(2018, 3, 15)
        assert reading.story.updated is None
        assert "soon" in reading.story.extras.values()
        assert [n.code for n in reading.notes] == ["kept-in-extras"]

    def test_urgency_priority_status_and_instruction(self) -> None:
        """Urgency, the envelope's Priority, Withheld status and Instruction land in their fields."""
        management = '<Urgency FormalName="2"/><Instruction FormalName="Kill"/>'
        data = _item(TEXT, management=management, envelope='<Priority FormalName="1"/>')
        story = newsitem.loads(data.replace('"Usable"', '"Withheld"'), FORMAT)
        assert (story.urgency, story.priority, story.status.value, story.ednote) == (
            2,
            "1",
            "withheld",
            "Kill",
        )


class TestNewsLinesAndMetadata:
    """NewsLines, AdministrativeMetadata, DescriptiveMetadata and RightsMetadata."""

    def test_byline_split_and_creator_not_repeated(self) -> None:
        """A ByLine is split as the wire layouts split it; a Creator it already names is not listed twice."""
        admin = '<AdministrativeMetadata><Creator><Party FormalName="Jane Doe"/></Creator></AdministrativeMetadata>'
        story = newsitem.loads(_lines("<ByLine>By Jane Doe and Max Mustermann</ByLine>", admin=admin), FORMAT)
        assert [b.name for b in story.bylines] == ["Jane Doe", "Max Mustermann"]

    def test_desk_login_creator_is_not_an_author(self) -> None:
        """A Creator that is a desk log-in (``daa/mt/msr``) is kept in extras, not made a byline,
        and a NITF byline repeating it is dropped too."""
        admin = '<AdministrativeMetadata><Creator><Party FormalName="daa/mt/msr"/></Creator></AdministrativeMetadata>'
        nitf = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.head>'
            "<byline>daa/mt/msr</byline></body.head><body.content><p>Text.</p></body.content></body></nitf>"
            "</DataContent></ContentItem>"
        )
        story = newsitem.loads(_lines("<HeadLine>H</HeadLine>", admin=admin, content=nitf), FORMAT)
        assert story.bylines == ()
        assert story.extras["newsml-1.2.Creator"] == "daa/mt/msr"

    def test_a_dateline_of_a_date_alone_is_no_place(self) -> None:
        """``January 21`` (TASS) is a date, not a place: no dateline, the printed line kept in extras."""
        story = newsitem.loads(_lines("<DateLine>January 21</DateLine><HeadLine>H</HeadLine>"), FORMAT)
        assert story.dateline is None and story.extras["newsml-1.2.DateLine"] == "January 21"

    def test_author_initials_are_not_authors(self) -> None:
        """``author`` properties that are desk initials (ATS's ``lm``) are kept in extras, not bylines."""
        admin = (
            '<AdministrativeMetadata><Property FormalName="author" Value="lm"/>'
            '<Property FormalName="author" Value="me"/></AdministrativeMetadata>'
        )
        story = newsitem.loads(_lines("<HeadLine>H</HeadLine>", admin=admin), FORMAT)
        assert story.bylines == () and story.extras["newsml-1.2.Property.author"] == "lm\nme"

    def test_an_agencys_own_elements_are_kept(self) -> None:
        """Elements NewsML 1.2 does not define in a component or its NewsLines keep their text in extras,
        as do generic Metadata properties and the item's Comment."""
        data = _lines("<HeadLine>H</HeadLine><MoreLink>http://x.example/</MoreLink>").replace(
            "</NewsLines>", "</NewsLines><item_keywords><item_keyword>URGENT</item_keyword></item_keywords>"
        )
        data = data.replace(
            "</NewsLines>",
            '</NewsLines><Metadata><MetadataType FormalName="Sport"/><Property FormalName="Score" Value="2-1"/>'
            "</Metadata>",
        ).replace("<Identification>", '<Comment FormalName="ProfileVersion">1.0.1</Comment><Identification>')
        story = newsitem.loads(data, FORMAT)
        assert story.extras["newsml-1.2.NewsLines.MoreLink"] == "http://x.example/"
        assert story.extras["newsml-1.2.item_keywords"] == "URGENT"
        assert story.extras["newsml-1.2.Metadata.Sport.Score"] == "2-1"
        assert story.extras["newsml-1.2.Comment.ProfileVersion"] == "1.0.1"

    def test_dateline_is_the_place_and_the_printed_line_is_kept(self) -> None:
        """``Paris, 21 jan 2019 (AFP) -`` gives the dateline ``Paris``; the printed line stays in extras."""
        story = newsitem.loads(_lines("<DateLine>Paris, 21 jan 2019 (AFP) -</DateLine>"), FORMAT)
        assert story.dateline == "Paris"
        assert story.extras["newsml-1.2.DateLine"] == "Paris, 21 jan 2019 (AFP) -"
        plain = newsitem.loads(_lines("<DateLine>PORTLAND, Ore.</DateLine>"), FORMAT)
        assert plain.dateline == "PORTLAND, Ore." and "newsml-1.2.DateLine" not in plain.extras

    def test_descriptive_metadata(self) -> None:
        """Language, Genre, SubjectCode (IPTC codes as subj:, others as names, once each), Location
        (located, smallest part first) and Keyword properties."""
        described = """<DescriptiveMetadata><Language FormalName="de"/><Genre FormalName="Interview"/>
          <SubjectCode><Subject FormalName="15000000"/></SubjectCode>
          <SubjectCode><SubjectMatter FormalName="15000000"/></SubjectCode>
          <SubjectCode><SubjectDetail FormalName="Fussball" Scheme="HouseCodes"/></SubjectCode>
          <Location HowPresent="Event"><Property FormalName="Country" Value="DEU"/>
            <Property FormalName="City" Value="Berlin"/></Location>
          <Property FormalName="Keyword" Value="Bundesliga"/></DescriptiveMetadata>"""
        story = newsitem.loads(_item(described + TEXT), FORMAT)
        assert (story.language, story.genre, story.located) == ("de", "Interview", "Berlin, DEU")
        assert [(s.code, s.name) for s in story.subjects] == [("subj:15000000", None), (None, "Fussball")]
        assert story.keywords == ("Bundesliga",)

    def test_rights_provider_source_and_slug(self) -> None:
        """CopyrightLine, CopyrightHolder, Provider, Source and SlugLine (NameLabel when there is none)."""
        meta = """<AdministrativeMetadata><Provider><Party FormalName="AFP"/></Provider>
          <Source><Party FormalName="Reuters"/></Source></AdministrativeMetadata>
          <RightsMetadata><Copyright><CopyrightHolder>AFP</CopyrightHolder></Copyright></RightsMetadata>"""
        data = _lines("<CopyrightLine>(c) AFP 2024</CopyrightLine>", admin=meta)
        story = newsitem.loads(
            data.replace("</NewsIdentifier>", "</NewsIdentifier><NameLabel>slug-x</NameLabel>"), FORMAT
        )
        assert story.rights is not None and (story.rights.notice, story.rights.holder) == (
            "(c) AFP 2024",
            "AFP",
        )
        assert story.provider is not None and story.provider.name == "AFP"
        assert story.source is not None and story.source.name == "Reuters"
        assert story.slugline == "slug-x"

    def test_author_properties_and_subject_categories(self) -> None:
        """An ``author`` Property (ANP) is a byline; the agencies' ``cat`` of subject codes is kept in extras."""
        admin = '<AdministrativeMetadata><Property FormalName="author" Value="Piet de Vries"/></AdministrativeMetadata>'
        described = (
            '<DescriptiveMetadata><SubjectCode><SubjectMatter FormalName="02001000" cat="CLJ"/></SubjectCode>'
            '<SubjectCode><SubjectMatter FormalName="02003000" cat="CLJ"/></SubjectCode>'
            '<SubjectCode><Subject FormalName="04000000" cat="ECO"/></SubjectCode></DescriptiveMetadata>'
        )
        story = newsitem.loads(_item(admin + described + TEXT), FORMAT)
        assert [b.name for b in story.bylines] == ["Piet de Vries"]
        assert story.extras["newsml-1.2.SubjectCode.cat"] == "CLJ\nECO"

    def test_component_xml_lang_is_the_language_without_a_language_element(self) -> None:
        """Without a Language element the innermost NewsComponent's xml:lang is the language; a
        Language element wins over any xml:lang."""
        inner = f'<NewsComponent xml:lang="nl-BE">{TEXT}</NewsComponent>'
        data = _item(inner).replace("<NewsItem>", '<NewsItem xml:lang="fr">')
        assert newsitem.loads(data, FORMAT).language == "nl-BE"
        described = '<DescriptiveMetadata><Language FormalName="de"/></DescriptiveMetadata>'
        assert newsitem.loads(_item(described + inner), FORMAT).language == "de"

    def test_editorial_info_is_the_ednote_after_instructions(self) -> None:
        """An EditorialInfo property is the editor's note, after the NewsManagement Instructions, each once."""
        admin = (
            '<AdministrativeMetadata><Property FormalName="EditorialInfo" Value="Check the figures."/>'
            "</AdministrativeMetadata>"
        )
        described = '<DescriptiveMetadata><Property FormalName="EditorialInfo" Value="Check the figures."/></DescriptiveMetadata>'
        story = newsitem.loads(
            _item(admin + described + TEXT, management='<Instruction FormalName="Correction"/>'), FORMAT
        )
        assert story.ednote == "Correction\nCheck the figures."
        assert not any("EditorialInfo" in key for key in story.extras)

    def test_place_properties_without_a_location_are_located(self) -> None:
        """City and Country properties straight in DescriptiveMetadata (no Location) give ``located``."""
        described = (
            '<DescriptiveMetadata><Language FormalName="EN"/><Property FormalName="Country" Value="GRC"/>'
            '<Property FormalName="City" Value="Athens"/><Property FormalName="Desk" Value="ECO"/></DescriptiveMetadata>'
        )
        story = newsitem.loads(_item(described + TEXT), FORMAT)
        assert story.located == "Athens, GRC"
        assert story.extras["newsml-1.2.Property.Desk"] == "ECO"
        assert "newsml-1.2.Property.City" not in story.extras

    def test_a_refused_language_is_kept_in_extras(self) -> None:
        """A Language the model refuses is kept in extras under its document path, with a note."""
        described = '<DescriptiveMetadata><Language FormalName="not a tag"/></DescriptiveMetadata>'
        reading = newsitem.read(_item(described + TEXT), layout=FORMAT)
        assert reading.story.language is None
        assert "not a tag" in reading.story.extras.values()
        assert [n.code for n in reading.notes] == ["kept-in-extras"]


class TestContent:
    """Which ContentItem is the story, its body, and what is not a story."""

    def test_plain_text_splits_at_blank_lines(self) -> None:
        """Plain text with blank lines splits there; single line breaks inside a paragraph are spaces."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><MimeType FormalName="text/plain"/>'
            "<DataContent>One line\nwrapped.\n\nTwo.</DataContent></ContentItem>"
        )
        story = newsitem.loads(_item(content), FORMAT)
        assert [b.text for b in story.body] == ["One line wrapped.", "Two."]

    def test_nitf_body_head_gives_headline_and_summary_not_repeated(self) -> None:
        """A NITF body's hedline is the headline when NewsLines has none; its abstract is the summary,
        not repeated as the first paragraph."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><body><body.head><hedline><hl1>NITF head</hl1>'
            "</hedline><abstract><p>Short.</p></abstract></body.head><body.content><p>Short.</p><p>Long.</p>"
            "</body.content></body></DataContent></ContentItem>"
        )
        story = newsitem.loads(_item(content), FORMAT)
        assert (story.headline, story.summary) == ("NITF head", "Short.")
        assert [b.text for b in story.body] == ["Long."]

    def test_whole_nitf_document_fills_what_newsml_lacks(self) -> None:
        """A whole nitf document is read by the NITF reader; NewsLines win, the NITF fills the rest."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><nitf><head><title>T</title></head><body>'
            "<body.head><hedline><hl1>NITF headline</hl1><hl2>NITF deck</hl2></hedline></body.head>"
            "<body.content><p>Text.</p></body.content></body></nitf></DataContent></ContentItem>"
        )
        story = newsitem.loads(_lines("<HeadLine>NewsML headline</HeadLine>", content=content), FORMAT)
        assert (story.headline, story.subheadline) == ("NewsML headline", "NITF deck")
        assert [b.text for b in story.body] == ["Text."]

    def test_kinds_from_format_and_component_class_and_complex_data_by_mime(self) -> None:
        """Without a MediaType, the Format (``Jpeg``, ``Mpeg4``) or the component class names the kind;
        ComplexData with a NITF MIME type is text."""
        video = (
            '<NewsComponent><Role FormalName="Clip"/><ContentItem Href="https://x.example/c.mp4">'
            '<Format FormalName="Mpeg4"/></ContentItem></NewsComponent>'
            '<NewsComponent><Role FormalName="Body"/><DescriptiveMetadata><Property FormalName="ComponentClass" '
            'Value="Text"/></DescriptiveMetadata><ContentItem><Format FormalName=""/><DataContent>What the clip '
            "shows.</DataContent></ContentItem></NewsComponent>"
        )
        with pytest.raises(ParseError, match="video item"):
            newsitem.loads(_item(f'<NewsComponent><Role FormalName="Video"/>{video}</NewsComponent>'), FORMAT)
        complex_data = (
            '<ContentItem><MediaType FormalName="ComplexData"/><MimeType FormalName="text/vnd.IPTC.NITF"/>'
            "<DataContent><nitf><body><body.content><p>Text.</p></body.content></body></nitf></DataContent>"
            "</ContentItem>"
        )
        assert [b.text for b in newsitem.loads(_item(complex_data), FORMAT).body] == ["Text."]

    def test_title_lead_and_body_components(self) -> None:
        """Components in the Title, Lead and Body roles (Belga) give the headline, summary and body."""

        def part(role: str, text: str) -> str:
            return f'<NewsComponent><Role FormalName="{role}"/><ContentItem><DataContent>{text}</DataContent></ContentItem></NewsComponent>'

        story = newsitem.loads(
            _item(part("Title", "The title") + part("Lead", "The lead.") + part("Body", "The body.")), FORMAT
        )
        assert (story.headline, story.summary, [b.text for b in story.body]) == (
            "The title",
            "The lead.",
            ["The body."],
        )

    def test_escaped_html_in_text_is_read_as_html(self) -> None:
        """Plain DataContent carrying escaped HTML (``&lt;p&gt;``) gives the HTML's paragraphs, not tags as text."""
        content = "<ContentItem><DataContent>&lt;p&gt;One &lt;b&gt;bold&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</DataContent></ContentItem>"
        story = newsitem.loads(_item(content), FORMAT)
        assert [b.text for b in story.body] == ["One bold.", "Two."]

    def test_pictures_beside_the_body_are_links_of_a_text_story(self) -> None:
        """A component holding a Body text and a Logo picture beside it is a text story, the picture its
        link (the component between them does not make the text a caption)."""
        logo = (
            '<NewsComponent><Role FormalName="Logo"/><ContentItem Href="https://x.example/l.jpg">'
            '<MimeType FormalName="image/jpeg"/></ContentItem></NewsComponent>'
        )
        body = (
            '<NewsComponent><Role FormalName="Body"/><ContentItem><MimeType FormalName="text/xhtml"/>'
            "<DataContent><p>The release.</p></DataContent></ContentItem></NewsComponent>"
        )
        story = newsitem.loads(_item(f"<NewsComponent>{logo}{body}</NewsComponent>"), FORMAT)
        assert [b.text for b in story.body] == ["The release."]
        assert [(link.uri, link.rel) for link in story.links] == [("https://x.example/l.jpg", "picture")]

    def test_a_photo_component_with_only_its_caption_is_still_a_picture_item(self) -> None:
        """A component whose texts are all captions of its pictures is a picture item, nested or not."""
        photo = (
            '<NewsComponent><NewsComponent><Role FormalName="Caption"/><ContentItem><MediaType FormalName="Text"/>'
            "<DataContent><p>A caption.</p></DataContent></ContentItem></NewsComponent>"
            '<NewsComponent><Role FormalName="HighDef"/><ContentItem Href="https://x.example/p.jpg">'
            '<MediaType FormalName="Photo"/></ContentItem></NewsComponent></NewsComponent>'
        )
        with pytest.raises(ParseError, match="picture item"):
            newsitem.loads(_item(f"<NewsComponent>{photo}</NewsComponent>"), FORMAT)

    def test_escaped_html_whitespace_is_collapsed_as_a_browser_does(self) -> None:
        """Runs of spaces and line breaks in HTML sent as text read as one space, none at the ends."""
        content = "<ContentItem><DataContent>A &lt;b&gt;bold&lt;/b&gt;   word.\n      Next    line.</DataContent></ContentItem>"
        story = newsitem.loads(_item(content), FORMAT)
        assert [b.text for b in story.body] == ["A bold word. Next line."]

    def test_a_letter_spaced_opening_line_is_the_ednote(self) -> None:
        """A first paragraph opening with a letter-spaced word (a wire's service line) is the editor's note."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><p>C o r r e c t i e: replaces the 10:02 story</p>'
            "<p>Text.</p><p>More.</p></DataContent></ContentItem>"
        )
        story = newsitem.loads(_item(content), FORMAT)
        assert story.ednote == "Correctie: replaces the 10:02 story"
        assert [b.text for b in story.body] == ["Text.", "More."]

    def test_a_closing_copyright_paragraph_is_the_rights_notice(self) -> None:
        """A last paragraph that is a copyright notice is the rights notice, or kept in extras when
        the item has a CopyrightLine of its own."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><p>Text.</p>'
            "<p>\u00a9 Example Agency. All rights reserved.</p></DataContent></ContentItem>"
        )
        story = newsitem.loads(_lines("<HeadLine>H</HeadLine>", content=content), FORMAT)
        assert [b.text for b in story.body] == ["Text."]
        assert (
            story.rights is not None and story.rights.notice == "\u00a9 Example Agency. All rights reserved."
        )
        lines = "<HeadLine>H</HeadLine><CopyrightLine>(c) 2018 Example</CopyrightLine>"
        story = newsitem.loads(_lines(lines, content=content), FORMAT)
        assert story.rights is not None and story.rights.notice == "(c) 2018 Example"
        assert story.extras["newsml-1.2.body.copyright"] == "\u00a9 Example Agency. All rights reserved."
        assert [b.text for b in story.body] == ["Text."]

    def test_an_alert_without_a_headline_has_its_one_line_as_headline(self) -> None:
        """An Alert item with an empty HeadLine and one line of text has that line as its headline, with a note;
        an ordinary item keeps the line as its body."""
        content = '<ContentItem><MediaType FormalName="Text"/><DataContent><p>Quake hits   city</p></DataContent></ContentItem>'
        alert = _lines("<HeadLine/>", content=content).replace('"News"', '"Alert"')
        reading = newsitem.read(alert, layout=FORMAT)
        assert (reading.story.headline, reading.story.body) == ("Quake hits city", ())
        assert [n.code for n in reading.notes] == ["headline-elsewhere"]
        story = newsitem.loads(_lines("<HeadLine/>", content=content), FORMAT)
        assert (story.headline, [b.text for b in story.body]) == (None, ["Quake hits city"])

    def test_a_media_item_with_a_headline_is_still_refused(self) -> None:
        """An audio package with a HeadLine of its own is refused as an audio item, not read as a headline."""
        audio = (
            '<ContentItem Href="https://x.example/a.mp3"><MimeType FormalName="audio/mpeg3"/></ContentItem>'
        )
        with pytest.raises(ParseError, match="audio item"):
            newsitem.loads(_lines("<HeadLine>Sound bites</HeadLine>", content=audio), FORMAT)

    def test_a_photo_only_item_is_refused_saying_so(self) -> None:
        """loads on an item of photo renditions raises a ParseError naming a picture item."""
        photo = '<ContentItem Href="https://x.example/p.jpg"><MediaType FormalName="Photo"/></ContentItem>'
        with pytest.raises(ParseError, match="picture item, not a text story"):
            newsitem.loads(_item(photo), FORMAT)

    def test_video_item_is_refused_saying_so(self) -> None:
        """A video ContentItem (known by its MIME type) is refused as a video item."""
        video = '<ContentItem Href="https://x.example/v.mp4"><MimeType FormalName="video/mp4"/></ContentItem>'
        with pytest.raises(ParseError, match="video item"):
            newsitem.loads(_item(video), FORMAT)

    def test_pictures_of_a_story_are_its_links_and_captions_are_not_its_text(self) -> None:
        """A photo component beside the text gives a picture link titled by its caption; the caption
        is not the body."""
        photo = """<NewsComponent><Role FormalName="Photo"/>
          <NewsComponent><Role FormalName="Caption"/><ContentItem><MediaType FormalName="Text"/>
          <DataContent>Caption words</DataContent></ContentItem></NewsComponent>
          <ContentItem Href="https://x.example/p.jpg"><MediaType FormalName="Photo"/>
          <MimeType FormalName="image/jpeg"/></ContentItem></NewsComponent>"""
        story = newsitem.loads(_item(photo + f"<NewsComponent>{TEXT}</NewsComponent>"), FORMAT)
        assert [b.text for b in story.body] == ["Body text."]
        assert [(k.uri, k.rel, k.media_type, k.title) for k in story.links] == [
            ("https://x.example/p.jpg", "picture", "image/jpeg", "Caption words")
        ]

    def test_pictures_inside_the_storys_own_component_do_not_hide_it(self) -> None:
        """A component holding the story's text itself, with photo components inside it, is the story's,
        not a media component: the text is read and the photo is its link."""
        photo = (
            '<NewsComponent><Role FormalName="Photo"/><ContentItem Href="https://x.example/p.jpg">'
            '<MediaType FormalName="Photo"/></ContentItem></NewsComponent>'
        )
        story = newsitem.loads(_item(f"<NewsComponent>{TEXT}{photo}</NewsComponent>"), FORMAT)
        assert [b.text for b in story.body] == ["Body text."]
        assert [(k.uri, k.rel) for k in story.links] == [("https://x.example/p.jpg", "picture")]

    def test_an_equivalent_text_is_noted_not_dropped_silently(self) -> None:
        """A second text ContentItem (another language) is not read, and a note says so; the Main one
        is the story."""
        french = TEXT.replace("Body text.", "Texte.")
        data = _item(
            f'<NewsComponent>{french}</NewsComponent><NewsComponent><Role FormalName="Main"/>{TEXT}</NewsComponent>'
        )
        reading = newsitem.read(data, layout=FORMAT)
        assert [b.text for b in reading.story.body] == ["Body text."]
        assert [n.code for n in reading.notes] == ["unreadable"]
        assert "1 more text ContentItem" in reading.notes[0].message

    def test_an_xhtml_page_in_data_content_gives_its_body(self) -> None:
        """DataContent holding an XHTML page gives the blocks of its body, not its head's title."""
        page = (
            '<ContentItem><MimeType FormalName="application/xhtml+xml"/><DataContent>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page</title></head>'
            "<body><h2>Sub</h2><p>One.</p></body></html></DataContent></ContentItem>"
        )
        story = newsitem.loads(_item(page), FORMAT)
        assert [(type(b).__name__, b.text) for b in story.body] == [("Heading", "Sub"), ("Paragraph", "One.")]

    def test_a_package_item_is_refused_and_its_news_items_read(self) -> None:
        """An item holding only other NewsItems (and references) is refused as a package, saying how
        many it holds; each nested NewsItem is its own part."""
        inner = _item(f"<NewsLines><HeadLine>Inner</HeadLine></NewsLines>{TEXT}")
        nested = inner[inner.index("<NewsItem>") : inner.index("</NewsML>")]
        outer = _item(
            f'<NewsItemRef NewsItem="urn:newsml:example.com:1"/><NewsComponent>{nested}</NewsComponent>'
        )
        parts = list(newsitem.loads_all(outer, FORMAT))
        assert isinstance(parts[0].error, ParseError)
        assert "package (1 NewsItem(s), each read as its own part, 1 reference(s)" in parts[0].error.message
        assert [p.story.headline for p in parts[1:] if p.story is not None] == ["Inner"]

    def test_news_item_refs_of_a_story_are_related_links(self) -> None:
        """A NewsItemRef beside the story's text is a related link; a relative one is kept in extras."""
        refs = '<NewsItemRef NewsItem="urn:newsml:example.com:2"/><NewsItemRef NewsItem="photo 2.xml"/>'
        reading = newsitem.read(_item(refs + TEXT), layout=FORMAT)
        assert [(k.uri, k.rel) for k in reading.story.links] == [("urn:newsml:example.com:2", "related")]
        assert "photo 2.xml" in reading.story.extras.values()
        assert [n.code for n in reading.notes] == ["kept-in-extras"]

    def test_parse_all_gives_every_item_of_the_document(self) -> None:
        """parse_all (detection, then loads_all) gives each of the four NewsItems its part, named."""
        parts = list(newsitem.parse_all((SAMPLES / "multi-item.xml").read_bytes(), name="feed.xml"))
        assert [(p.locator, p.layout, p.story is not None) for p in parts] == [
            ("feed.xml#1", FORMAT, False),
            ("feed.xml#2", FORMAT, True),
            ("feed.xml#3", FORMAT, False),
            ("feed.xml#4", FORMAT, True),
        ]

    def test_loads_reads_the_first_text_item_and_notes_the_rest(self) -> None:
        """loads skips a picture item, reads the next text item, and a note says items were left."""
        data = (SAMPLES / "multi-item.xml").read_bytes()
        reading = newsitem.read(data, layout=FORMAT)
        assert reading.story.headline == "Harbour reopens"
        assert [n.code for n in reading.notes] == ["unreadable"]
        assert "loads_all" in reading.notes[0].message

    def test_a_sign_off_of_desk_initials_is_not_body_text(self) -> None:
        """AFP's closing desk initials (``asl/tib``) leave the body for extras."""
        content = (
            '<ContentItem><MediaType FormalName="Text"/><DataContent><p>Text.</p><p>asl/tib</p>'
            "</DataContent></ContentItem>"
        )
        story = newsitem.loads(_item(content), FORMAT)
        assert [b.text for b in story.body] == ["Text."]
        assert story.extras["newsml-1.2.sign-off"] == "asl/tib"


class TestDocument:
    """Parsing, refusals, detection and the registry."""

    def test_external_doctype_is_read_and_internal_subset_refused(self) -> None:
        """NewsML's own external DOCTYPE is blanked out and read; one with an internal subset is refused."""
        data = _lines("<HeadLine>H</HeadLine>")
        external = data.replace(
            "<NewsML ",
            '<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20031010:NewsMLv1.2:1" "NewsML_1.2.dtd">\n<NewsML ',
        )
        assert newsitem.loads(external.encode(), FORMAT).headline == "H"
        internal = data.replace("<NewsML ", '<!DOCTYPE NewsML [<!ENTITY x "y">]>\n<NewsML ')
        with pytest.raises(ParseError, match="DOCTYPE"):
            newsitem.loads(internal, FORMAT)

    def test_a_doctype_pulling_nitf_by_parameter_entity_is_read(self) -> None:
        """An internal subset that only declares and references an external parameter entity (NITF's
        DTD, as ATS and Kyodo send it) is blanked out and read; a general entity in it is refused."""
        data = _lines("<HeadLine>H</HeadLine>")
        doctype = (
            '<!DOCTYPE NewsML PUBLIC "urn:newsml:iptc.org:20001006:NewsMLv1.0.dtd:1" "NewsMLv1.0.dtd" [\n'
            '\t<!ENTITY % nitf SYSTEM "nitf-3-0.dtd">\n\t<!-- NITF -->\n\t%nitf;\n]>\n'
        )
        assert newsitem.loads(data.replace("<NewsML ", doctype + "<NewsML "), FORMAT).headline == "H"
        general = doctype.replace("%nitf;", '<!ENTITY x "y">')
        with pytest.raises(ParseError, match="DOCTYPE"):
            newsitem.loads(data.replace("<NewsML ", general + "<NewsML "), FORMAT)

    def test_other_roots_are_refused(self) -> None:
        """A document whose root is not NewsML or NewsItem is refused, naming it."""
        with pytest.raises(ParseError, match=r"<nitf>, not <NewsML>"):
            newsitem.loads("<nitf/>", FORMAT)
        with pytest.raises(ParseError, match="without a NewsItem"):
            newsitem.loads("<NewsML><NewsEnvelope/></NewsML>", FORMAT)

    def test_detection_claims_newsml_1_and_not_g2(self) -> None:
        """detect names newsml-1.2 for a NewsML 1.2 document; a NewsML-G2 item or a page that only
        mentions NewsML is not claimed (the root element decides)."""
        assert formats.detect((SAMPLES / "text-photo.xml").read_bytes()).layout == FORMAT
        g2 = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><NewsML/></newsItem>'
        assert newsml1.sniff(g2) is None
        assert newsml1.sniff("<html><body><p>About &lt;NewsML&gt; and <NewsML></p></body></html>") is None
        assert newsml1.sniff('<?xml version="1.0"?>\n<!-- <p> -->\n<NewsML Version="1.2"/>') is not None

    def test_registered_read_only_and_claims_no_extension(self) -> None:
        """The registry lists newsml-1.2 as read-only and binary; .xml stays NewsML-G2's."""
        info = formats.get(FORMAT)
        assert (info.can_read, info.can_write, info.binary, info.extensions) == (True, False, True, ())
        assert formats.for_path("x.xml").name == "newsml-g2"

    @given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: "<NewsML>" + t))
    def test_arbitrary_input_raises_only_our_errors(self, data: bytes | str) -> None:
        """Any bytes or text give a story or one of newsitem's errors, never a foreign exception."""
        try:
            list(newsitem.loads_all(data, FORMAT))
            newsitem.loads(data, FORMAT)
        except NewsItemError:
            pass

    def test_many_items_and_components_read_in_linear_time(self) -> None:
        """Four times as many NewsItems (each with photo components) take about four times as long, not sixteen."""

        def doc(n: int) -> bytes:
            photo = '<NewsComponent><ContentItem Href="https://x.example/p.jpg"><MediaType FormalName="Photo"/></ContentItem></NewsComponent>'
            item = _item(photo * 5 + f"<NewsComponent>{TEXT}</NewsComponent>")
            inner = item[item.index("<NewsItem>") : item.index("</NewsML>")]
            return ("<NewsML>" + inner * n + "</NewsML>").encode()

        def cost(data: bytes) -> float:
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                assert all(p.story is not None for p in newsitem.loads_all(data, FORMAT))
                best = min(best, time.process_time() - start)
            return best

        small, large = cost(doc(80)), cost(doc(320))
        assert large < small * 4 * 2.5

    def test_a_long_dateline_of_dashes_reads_in_linear_time(self) -> None:
        """A DateLine with a long run of dashes not at its end takes four times as long for four
        times the dashes, not sixteen (its closing dash is found without backtracking)."""

        def cost(n: int) -> float:
            data = _lines(f"<DateLine>Paris {'-' * n} x</DateLine>")
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                newsitem.loads(data, FORMAT)
                best = min(best, time.process_time() - start)
            return best

        small, large = cost(20_000), cost(80_000)
        assert large < small * 4 * 2.5

    def test_long_metadata_lists_read_in_linear_time(self) -> None:
        """Four times as many subject codes, creators and OfInterestTo values (all distinct) take
        about four times as long, not sixteen: nothing is deduplicated by rescanning."""

        def doc(n: int) -> str:
            meta = "".join(
                f'<SubjectCode><SubjectMatter FormalName="{i:08d}" cat="C{i}"/></SubjectCode>'
                f'<OfInterestTo FormalName="T{i}"/>'
                for i in range(n)
            )
            creators = "".join(f'<Party FormalName="Person Number{chr(65 + i % 26)}{i}"/>' for i in range(n))
            admin = f"<AdministrativeMetadata><Creator>{creators}</Creator></AdministrativeMetadata>"
            return _item(f"{admin}<DescriptiveMetadata>{meta}</DescriptiveMetadata>{TEXT}")

        def cost(data: str) -> float:
            best = float("inf")
            for _ in range(3):
                start = time.process_time()
                story = newsitem.loads(data, FORMAT)
                best = min(best, time.process_time() - start)
            assert len(story.subjects) > 1
            return best

        small, large = cost(doc(1000)), cost(doc(4000))
        assert large < small * 4 * 2.5


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else [None])
def test_corpus_files_read_as_stories_through_detection(path: Path | None) -> None:
    """Every real NewsML 1.2 file is detected as newsml-1.2 and each of its items read into a story."""
    if path is None:
        pytest.skip(f"needs the shared corpus at {CORPUS} (CI has it; a clone does not)")
    parts = list(newsitem.parse_all(path.read_bytes()))
    assert parts and all(p.layout == FORMAT and p.story is not None for p in parts), [p.error for p in parts]
    story = parts[0].story
    assert story is not None and story.guid is not None and story.body
    assert all(isinstance(b, Byline) for b in story.bylines)
