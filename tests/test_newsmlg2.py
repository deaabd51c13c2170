"""NewsML-G2 2.35: exact round trip, schema-valid output, real agency items, safety."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Paragraph, ParseError, Run, SchemaNotFoundError, Source, Story, ValidationError
from newsitem.formats.newsmlg2 import schema as newsml
from newsitem.strategies import stories

from . import pending
from .conftest import DATA, SHARED
from .examples import full_story

SCHEMA_DIR = SHARED / "schemas" / "newsml-g2-2.35"
CORPUS = SHARED / "corpus" / "newsml-g2"
EXPECTED = sorted((DATA / "newsml-g2").glob("*.expected.json"))


def _needs_schemas() -> Path:
    if not (SCHEMA_DIR / newsml.G2_SCHEMA).exists():
        pytest.skip(
            f"needs the NewsML-G2 schemas in {SCHEMA_DIR} (CI has ../shared; a user's clone does not)"
        )
    return SCHEMA_DIR


def _offsets(story: Story) -> list[object]:
    return [
        None if t is None else (t.tzinfo is None, t.utcoffset())
        for t in (story.published, story.updated, story.embargoed)
    ]


class TestRoundTrip:
    """loads(dumps(s)) == s for every story, offsets included, naive still naive, marks kept."""

    @given(stories())
    def test_every_document_validates(self, story: Story) -> None:
        """Each generated newsItem is valid NewsML-G2 2.35, and its body valid NITF 3.6."""
        newsml.validate(newsitem.dumps(story, format="newsml-g2"), schema_dir=_needs_schemas())

    def test_full_story(self) -> None:
        """The story that sets every field, including the derived elements' absence on reading."""
        data = newsitem.dumps(full_story(), format="newsml-g2")
        assert isinstance(data, bytes)
        assert b"<by>By Ana Mar\xc3\xada Ruiz and Tom O'Neil</by>" in data
        assert b'<em class="bold"><em class="italic">Closed Monday.</em></em>' in data
        assert newsitem.loads(data, format="newsml-g2") == full_story()

    def test_provider(self) -> None:
        """provider= is written; without it and without story.provider a default reads back as None."""
        story = Story(headline="H")
        data = newsitem.dumps(story, format="newsml-g2")
        assert b'<provider literal="newsitem:unspecified"/>' in data
        assert newsitem.loads(data, format="newsml-g2").provider is None
        given_provider = Source(name="Wire", code="WIRE")
        with_provider = newsitem.dumps(story, format="newsml-g2", provider=given_provider)
        assert newsitem.loads(with_provider, format="newsml-g2").provider == given_provider

    def test_version_created_is_derived(self) -> None:
        """versionCreated is updated, else published; it is ignored on reading our own items."""
        published = datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
        data = newsitem.dumps(Story(headline="H", published=published), format="newsml-g2")
        assert b"<versionCreated>2024-05-01T09:30:00+02:00</versionCreated>" in data
        assert newsitem.loads(data, format="newsml-g2").updated is None


class TestValidateApi:
    """newsitem.formats.newsmlg2.schema.validate: offline, with a clear error when no schema is found."""

    def test_invalid_document_lists_problems(self) -> None:
        """A schema error names the line, the element and the rule."""
        data = newsitem.dumps(Story(headline="H", urgency=4), format="newsml-g2").replace(b">4<", b">12<")
        with pytest.raises(ValidationError, match="maxInclusive"):
            newsml.validate(data, schema_dir=_needs_schemas())

    def test_problems_are_located(self) -> None:
        """Each schema problem names the element's document path and its line."""
        data = newsitem.dumps(Story(headline="H", urgency=4), format="newsml-g2").replace(b">4<", b">12<")
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


class TestRealItems:
    """Every newsItem in ../shared/corpus/newsml-g2 reads into its expected story."""

    @pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.split(".expected")[0])
    def test_corpus_file(self, expected: Path) -> None:
        """AP, ANSA, dpa, Reuters, STT and IPTC's listings, field by field (tests/data/newsml-g2)."""
        source = CORPUS / expected.name.replace(".expected.json", ".xml")
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source} (CI has it; a user's clone does not)")
        assert newsitem.load(source, format="newsml-g2") == newsitem.load(expected)

    def test_hop_history_listing_has_no_story(self) -> None:
        """IPTC's hop-history listing carries no contentMeta: a clear error, not a guessed story."""
        source = CORPUS / "iptc-LISTING_29_Hop_History.xml"
        if not source.exists():
            pytest.skip(f"needs the shared corpus at {source}")
        with pytest.raises(ValidationError, match="no headline: not a text story"):
            newsitem.load(source, format="newsml-g2")

    def test_corpus_is_covered(self) -> None:
        """Every corpus file but the hop-history listing has expected values or is listed as pending."""
        if not CORPUS.exists():
            pytest.skip(f"needs the shared corpus at {CORPUS}")
        names = {p.stem for p in CORPUS.glob("*.xml")} - {"iptc-LISTING_29_Hop_History"}
        expected = {p.name.split(".expected")[0] for p in EXPECTED}
        assert not expected & pending.NEWSML_G2, "a file with expected values is still listed as pending"
        assert names == expected | pending.NEWSML_G2

    def test_picture_item_is_refused(self) -> None:
        """An item that is not a text story says so."""
        data = newsitem.dumps(Story(headline="H"), format="newsml-g2").replace(
            b"ninat:text", b"ninat:picture"
        )
        with pytest.raises(ValidationError, match="the item is a ninat:picture, not a text story"):
            newsitem.loads(data, format="newsml-g2")

    def test_package_is_refused(self) -> None:
        """A packageItem is not a newsItem."""
        data = b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"/>'
        with pytest.raises(ValidationError, match="got <packageItem>"):
            newsitem.loads(data, format="newsml-g2")


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" standard="NewsML-G2">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EX"/>
    <versionCreated>2024-05-01T09:30:00Z</versionCreated>
    <firstCreated>2024-05-01T09:30:00Z</firstCreated>
    <link rel="irel:seeAlso" href="https://example.com/a b"/>
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
                Story(headline="H", summary="S"),
                b"<headline>H</headline>",
                b"\n<headline>H\tI</headline>",
                ("Story.headline", "newsItem/contentMeta/headline"),
                "<headline>",
            ),
            (
                Story(headline="H", url="https://example.com/a"),
                b"https://example.com/a",
                b"https://example.com/a b",
                ("Story.url", "newsItem/itemMeta/link/@href"),
                "<link ",
            ),
            (
                Story(
                    headline="H",
                    body=[Paragraph(runs=["See ", Run(text="this", link="https://example.com/a")])],
                ),
                b"https://example.com/a",
                b"/relative",
                ("Story.body[0].link", "newsItem/contentSet/inlineXML/nitf/body/body.content/p"),
                "<p>",
            ),
            (
                Story(headline="H", body=[Paragraph.plain("One"), Paragraph.plain("Two")]),
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
        data = newsitem.dumps(Story(headline="H", bylines=[newsitem.Byline(name="Ana")]), format="newsml-g2")
        data = data.replace(b"<name>Ana</name>", b"<name>A\tna</name>")
        with pytest.raises(ValidationError) as exc:
            newsitem.loads(data, format="newsml-g2")
        assert exc.value.problems[0].where == "newsItem/contentMeta/creator"

    def test_our_extras_entry_error_is_located(self) -> None:
        """A blank extras value in our own item names its contentMetaExtProperty."""
        data = newsitem.dumps(Story(headline="H", extras={"a.b": "v"}), format="newsml-g2")
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
        data = newsitem.dumps(Story(headline="Café"), format="newsml-g2").decode()
        data = data.replace("encoding='UTF-8'", "encoding='ISO-8859-1'")
        assert "ISO-8859-1" in data
        assert newsitem.loads(data, format="newsml-g2").headline == "Café"

    def test_no_headline_names_its_place(self) -> None:
        """An item without a headline names the missing element's path."""
        data = FOREIGN.replace("<headline>Harbour bridge reopens</headline>", "")
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
        assert newsitem.detect(newsitem.dumps(Story(headline="H"), format="newsml-g2")).layout == "newsml-g2"


@st.composite
def mutated_items(draw: st.DrawFn) -> bytes:
    """Our own items with one element's text or one attribute replaced by arbitrary text."""
    from lxml import etree

    root = etree.fromstring(newsitem.dumps(draw(stories()), format="newsml-g2"))
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
