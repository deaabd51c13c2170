"""The body of other agencies' NewsML-G2 items and NITF bodies: headers, heads, credit lines
and unknown vocabularies (src/newsitem/formats/newsmlg2/_body.py, formats/_nitf_body.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import newsitem
from newsitem import notes
from newsitem.formats import _markup, _nitf_body
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.newsmlg2 import _body
from newsitem.formats.newsmlg2._names import T
from newsitem.model import Block, Byline, Heading, Paragraph, Role, Run, Table

from .conftest import DATA, SHARED

SAMPLES = DATA / "newsml-g2" / "samples"
CORPUS = SHARED / "corpus" / "newsml-g2"
NITF_CORPUS = SHARED / "corpus" / "nitf"
READINGS = sorted(SAMPLES.glob("body-*.reading.json"))


def _kept(href: str, element: etree._Element, inner: str | None) -> None:
    """A link keeper that keeps nothing (the samples' links are all good)."""


def _block(block: Block) -> list[Any]:
    if isinstance(block, Heading):
        return ["Heading", block.level, block.text]
    return [type(block).__name__, getattr(block, "text", None)]


def _byline(byline: Byline) -> list[Any]:
    return [byline.name, byline.role.value, byline.title, byline.affiliation]


def _read(path: Path, *, ours: bool = False) -> tuple[_nitf_body.BodyReading, list[str]]:
    """The body reading of the item at ``path`` and its note codes, titled by its headlines."""
    reading, found = _noted(path, ours=ours)
    return reading, [note.code for note in found]


def _noted(path: Path, *, ours: bool = False) -> tuple[_nitf_body.BodyReading, list[notes.Note]]:
    """The body reading of the item at ``path`` and its notes, titled by its headlines."""
    root = etree.parse(str(path)).getroot()
    titles = frozenset(" ".join((h.text or "").split()) for h in root.iter(T.headline))
    element = next(root.iter(T.inlineXML), None)
    if element is None:
        element = next(root.iter(T.inlineData))
    with notes.collect() as found:
        reading = _body.read_body(element, ours=ours, keep=_kept, titles=titles)
    return reading, found


def _projection(reading: _nitf_body.BodyReading, codes: list[str]) -> dict[str, Any]:
    return {
        "blocks": [_block(block) for block in reading.blocks],
        "headline": reading.headline,
        "subheadline": reading.subheadline,
        "bylines": [_byline(byline) for byline in reading.bylines],
        "byline_text": reading.byline_text,
        "dateline": reading.dateline,
        "location": reading.location,
        "summary": reading.summary,
        "ednote": reading.ednote,
        "tagline": reading.tagline,
        "genre": reading.genre,
        "extras": reading.extras,
        "sign_off": reading.sign_off,
        "opening_dateline": reading.opening_dateline,
        "notes": codes,
    }


@pytest.mark.parametrize("expected", READINGS, ids=lambda p: p.name.removesuffix(".reading.json"))
def test_sample_reads_as_expected(expected: Path) -> None:
    """Each body sample reads into the blocks and values written beside it by hand."""
    reading, codes = _read(expected.with_name(expected.name.replace(".reading.json", ".xml")))
    defaults: dict[str, Any] = {"bylines": [], "extras": {}, "notes": []}
    want = {key: defaults.get(key) for key in _projection(reading, codes)}
    want.update(json.loads(expected.read_text(encoding="utf-8")))
    assert _projection(reading, codes) == want


def test_samples_have_their_expected_values() -> None:
    """Every body-*.xml sample has its .reading.json (none is silently left out)."""
    xml = sorted(p.name.removesuffix(".xml") for p in SAMPLES.glob("body-*.xml"))
    assert xml == sorted(p.name.removesuffix(".reading.json") for p in READINGS)
    assert len(xml) >= 5


def test_our_own_items_read_exactly_as_before() -> None:
    """In our own items read_body gives read_inline's blocks and no other value."""
    path = SAMPLES / "nitf-blocks.xml"
    root = etree.parse(str(path)).getroot()
    inline = next(root.iter(T.inlineXML))
    reading = _body.read_body(inline, ours=True, keep=_kept)
    assert reading.blocks == _body.read_inline(inline, ours=True, keep=_kept)
    assert (reading.summary, reading.bylines, reading.ednote, reading.headline) == (None, [], None, None)


def _paragraphs(*texts: str) -> list[Block]:
    return [Paragraph.plain(text) for text in texts]


class TestCreditLines:
    """The wire credit lines: what is a by-line or a credit, and what stays story text."""

    def test_a_sentence_starting_by_is_story_text(self) -> None:
        """A paragraph that starts with "By" but is a sentence is not a by-line."""
        blocks = _paragraphs("By the end of the day, the bridge was closed.", "More.")
        found = _nitf_body.credit_lines(blocks)
        assert (found.blocks, found.bylines, found.byline_text) == (blocks, [], None)

    def test_a_dateline_paragraph_is_not_a_credit(self) -> None:
        """A last paragraph ending with a parenthesis that credits no one stays whole."""
        blocks = _paragraphs("One.", "The pound was flat. ($1 = 0.8 pounds)")
        assert _nitf_body.credit_lines(blocks) == (blocks, [], None, None, None)

    def test_a_credit_paragraph_of_its_own_goes(self) -> None:
        """A last paragraph that is only credits leaves the body; the one before stays whole."""
        blocks = _paragraphs("LIMA (Reuters) - One.", "(Reporting by Ana Ruiz, editing by Bo Li)")
        found = _nitf_body.credit_lines(blocks)
        assert found.blocks == blocks[:1]
        assert found.ednote == "Reporting by Ana Ruiz, editing by Bo Li"
        assert found.bylines == [Byline(name="Ana Ruiz")]

    def test_cutting_a_credit_keeps_the_marks(self) -> None:
        """The credit cut from a marked paragraph leaves the earlier runs' marks as they were."""
        last = Paragraph(
            runs=(
                Run(text="Read "),
                Run(text="this", link="https://example.com/"),
                Run(text=" (Writing by Al Fox)"),
            )
        )
        found = _nitf_body.credit_lines([last])
        assert found.blocks == [
            Paragraph(runs=(Run(text="Read "), Run(text="this", link="https://example.com/")))
        ]
        assert found.bylines == [Byline(name="Al Fox")]

    def test_von_und_is_split_like_by_and(self) -> None:
        """A German by-line names each person (Von ... und ..., agency suffix as affiliation)."""
        assert _nitf_body.persons("Von Marco Krefting und Sunrita Sen, dpa") == [
            Byline(name="Marco Krefting", affiliation="dpa"),
            Byline(name="Sunrita Sen", affiliation="dpa"),
        ]

    def test_reporters_of_a_credit(self) -> None:
        """Reporting and writing credits are authors, additional reporting a contributor, editing no one."""
        found = _nitf_body.reporters(
            "Reporting by A Bo in Rome; Writing by C Di; Additional reporting by E Fa"
        )
        assert [(b.name, b.role) for b in found] == [
            ("A Bo", Role.AUTHOR),
            ("C Di", Role.AUTHOR),
            ("E Fa", Role.CONTRIBUTOR),
        ]


def _nitf(xml: str) -> _nitf_body.BodyReading:
    return _nitf_body.read_body(etree.fromstring(xml), link=_markup.as_written)


def test_a_byline_that_names_no_one_is_kept_as_text() -> None:
    """A NITF byline holding a subtitle (ANSA's) gives no byline, its text kept as printed."""
    reading = _nitf(
        "<body><body.head><byline>Situation serious, ready for all scenarios</byline></body.head></body>"
    )
    assert (reading.bylines, reading.byline_text) == ([], "Situation serious, ready for all scenarios")


def test_an_abstract_that_differs_from_the_lead_leaves_it() -> None:
    """The first paragraph stays when it does not repeat the abstract."""
    reading = _nitf(
        "<body><body.head><abstract><p>Short.</p></abstract></body.head>"
        "<body.content><p>Long lead.</p></body.content></body>"
    )
    assert (reading.summary, [b.text for b in reading.blocks if isinstance(b, Paragraph)]) == (
        "Short.",
        ["Long lead."],
    )


def test_an_unknown_vocabulary_note_names_it() -> None:
    """The note of an unknown vocabulary names its element and namespace, and where it is."""
    _, found = _noted(SAMPLES / "body-data-vocabulary.xml")
    assert len(found) == 1
    assert "<scores> (urn:example:scores" in found[0].message
    assert found[0].where is not None and found[0].where.endswith("inlineXML/scores")


def _big_vocabulary(n: int) -> etree._Element:
    rows = "".join(
        f"<SECTION><P>Paragraph {i} text.</P><CITAT>Quote {i}.</CITAT></SECTION>" for i in range(n)
    )
    return etree.fromstring(
        f'<inlineXML xmlns="{T.inlineXML[1:].partition("}")[0]}"><BODY xmlns="">{rows}</BODY></inlineXML>'
    )


def _cpu(call: Any) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        call()
        best = min(best, time.process_time() - start)
    return best


def test_reading_an_unknown_vocabulary_is_linear() -> None:
    """Ten times the paragraphs costs far less than a hundred times the time (no re-scan per paragraph)."""
    small, large = _big_vocabulary(500), _big_vocabulary(5000)
    assert len(_body.read_body(large, ours=False, keep=_kept).blocks) == 10000
    ratio = _cpu(lambda: _body.read_body(large, ours=False, keep=_kept)) / max(
        _cpu(lambda: _body.read_body(small, ours=False, keep=_kept)), 1e-4
    )
    assert ratio < 30


def test_credit_lines_on_a_long_body_are_linear() -> None:
    """The credit lines of a long body cost time in proportion to it (no re-scan per paragraph)."""
    small = _paragraphs(
        *(["By Ana Ruiz"] + [f"Line {i}." for i in range(2000)] + ["(Reporting by Ana Ruiz)"])
    )
    large = _paragraphs(
        *(["By Ana Ruiz"] + [f"Line {i}." for i in range(20000)] + ["(Reporting by Ana Ruiz)"])
    )
    assert len(_nitf_body.credit_lines(large).blocks) == 20000
    ratio = _cpu(lambda: _nitf_body.credit_lines(large)) / max(
        _cpu(lambda: _nitf_body.credit_lines(small)), 1e-4
    )
    assert ratio < 30


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"needs the shared corpus ({path})")
    return path


class TestCorpus:
    """Real agency files show each rule."""

    def test_reuters_by_line_is_the_byline(self) -> None:
        """Reuters' "By Daniel Holloway" first paragraph is the byline, not body text."""
        reading, _ = _read(_corpus("reuters-byline_startswith_by.xml"))
        assert [b.name for b in reading.bylines] == ["Daniel Holloway"]
        assert reading.blocks[0].text.startswith("LOS ANGELES (Variety.com) - ")

    def test_reuters_credits_end_the_body_no_more(self) -> None:
        """Reuters' "(Reporting by ...; Editing by ...)" ending the last paragraph is the ednote; the reporters are bylines."""
        reading, _ = _read(_corpus("reuters-newsml.xml"))
        assert reading.ednote == "Reporting by Caroline Stauffer and Philip Pullella; Editing by Paul Simao"
        assert [b.name for b in reading.bylines] == ["Caroline Stauffer", "Philip Pullella"]
        assert reading.blocks[-1].text.endswith("tackle sexual abuse in the Church.")

    def test_reuters_currency_note_stays(self) -> None:
        """The "($1 = ... euros)" note before Reuters' credits stays story text."""
        reading, _ = _read(_corpus("reuters-no_byline.xml"))
        assert reading.blocks[-1].text.endswith("per ounce. ($1 = 0.8794 euros)")
        assert [b.name for b in reading.bylines] == ["Andrew Galbraith"]

    def test_tt_vocabulary_is_read_with_a_note(self) -> None:
        """TT's own BODY/TEXT vocabulary gives its paragraphs (ingress first) and a note, not an empty body."""
        reading, codes = _read(_corpus("ntb-tt_newsml_test.xml"))
        assert reading.blocks[0].text.startswith("För första gången sedan EU:s Lissabonfördrag")
        assert reading.blocks[-1].text == "Källa: Lissabonfördraget."
        assert codes == [_body.VOCABULARY_CODE]

    def test_dpa_header_is_not_body(self) -> None:
        """dpa's header (headline, kicker, "Von Thomas Est") gives values, and no paragraph."""
        reading, _ = _read(_corpus("dpa-rubix_multimedia_testartikel.xml"))
        assert [b.name for b in reading.bylines] == ["Thomas Est"]
        assert reading.headline == "Labwire-Testartikel veröffentlicht"
        texts = {getattr(b, "text", None) for b in reading.blocks}
        assert not texts & {
            "Von Thomas Est",
            "Labwire-Testartikel veröffentlicht",
            "Alle Features auf einen Blick",
        }

    def test_dpa_genre_label(self) -> None:
        """dpa's header genre label ("Extra") is the genre, not a paragraph."""
        reading, _ = _read(_corpus("dpa.xml"))
        assert reading.genre == "Extra"
        assert "Extra" not in {getattr(b, "text", None) for b in reading.blocks}

    def test_sportsml_makes_no_body(self) -> None:
        """SportsML statistics (no paragraphs) give no body text and a note."""
        reading, codes = _read(_corpus("iptc-LISTING_21_SportsML.xml"))
        assert (reading.blocks, codes) == ([], [_body.VOCABULARY_CODE])

    def test_nitf_head_of_a_sample_article(self) -> None:
        """The NITF sample article's head gives byline with title, dateline, abstract and tagline."""
        path = NITF_CORPUS / "nitf-fishing.xml"
        if not path.exists():
            pytest.skip(f"needs the shared corpus ({path})")
        body = next(e for e in etree.parse(str(path)).getroot() if e.tag == "body")
        reading = _nitf_body.read_body(body, link=_markup.lenient_links(lambda *_: None))
        assert reading.bylines == [Byline(name="Alan Karben", title="NITF Network News Online")]
        assert (reading.dateline, reading.tagline) == (
            "Newport News, VA",
            "Stewart Klometers contributed to this article.",
        )
        assert reading.summary == "Superb weather in Norfolk today. Tides coming in and out as per usual."


def test_merge_fills_only_what_the_metadata_lacks() -> None:
    """merge() adds body bylines after the metadata's without repeating a name, appends the
    editor's note, fills a missing summary but keeps the metadata's headline."""
    reading = _nitf_body.BodyReading(
        blocks=_paragraphs("Text."),
        headline="Body headline",
        summary="The abstract.",
        bylines=[Byline(name="ANA RUIZ"), Byline(name="Bo Li")],
        ednote="Reporting by Bo Li",
        tagline="Ben Cole contributed.",
    )
    fields: dict[str, object] = {
        "headline": "Meta headline",
        "bylines": [Byline(name="Ana Ruiz")],
        "ednote": "Embargo",
    }
    extras: dict[str, str | None] = {}
    _body.merge(reading, fields, extras.__setitem__)
    assert fields["headline"] == "Meta headline"
    assert fields["summary"] == "The abstract."
    assert fields["bylines"] == [Byline(name="Ana Ruiz"), Byline(name="Bo Li")]
    assert fields["ednote"] == "Embargo\nReporting by Bo Li"
    assert fields["body"] == reading.blocks
    assert extras["newsml-g2.body.tagline"] == "Ben Cole contributed."


def test_inline_data_text_has_its_credit_lines_taken() -> None:
    """A body sent as plain text in inlineData loses its By line and trailing credit to the byline and ednote."""
    data = etree.Element(T.inlineData, contenttype="text/plain")
    data.text = "By Ana Ruiz\n\nPARIS (Reuters) - The bridge closed.\n\nMore.\n(Reporting by Ana Ruiz; Editing by Bo Li)"
    reading = _body.read_body(data, ours=False, keep=_kept)
    assert [b.text for b in reading.blocks if isinstance(b, Paragraph)] == [
        "PARIS (Reuters) - The bridge closed.",
        "More.",
    ]
    assert [b.name for b in reading.bylines] == ["Ana Ruiz"]
    assert reading.ednote == "Reporting by Ana Ruiz; Editing by Bo Li"


def test_a_pretty_printed_paragraph_is_one_paragraph() -> None:
    """A p whose soft-wrapped lines are all indented alike (pretty-printed XHTML, STT's) stays one paragraph."""
    inline = etree.fromstring(
        f'<inlineXML xmlns="{T.inlineXML[1:].partition("}")[0]}"><html><body>'
        "<p>One line\n          two line\n          three line\n          four.</p>"
        "<p>Next\n          para.</p></body></html></inlineXML>"
    )
    reading = _body.read_body(inline, ours=False, keep=_kept)
    assert [b.text for b in reading.blocks if isinstance(b, Paragraph)] == [
        "One line two line three line four.",
        "Next para.",
    ]


def test_many_trailing_credits_cost_linear_time() -> None:
    """A body ending with thousands of credits (in one paragraph, or one a paragraph) is read in
    time proportional to it: only the last few are credits, the rest stays text."""

    def body(n: int) -> list[Block]:
        return [Paragraph.plain("x " + "(Reporting by A B)" * n), *_paragraphs(*["(Reporting by C D)"] * n)]

    small, large = body(2000), body(20000)
    found = _nitf_body.credit_lines(large)
    assert len(found.blocks) == 1 + 20000 - 6
    ratio = _cpu(lambda: _nitf_body.credit_lines(large)) / max(
        _cpu(lambda: _nitf_body.credit_lines(small)), 1e-4
    )
    assert ratio < 30


def test_a_table_in_a_figure_is_a_table() -> None:
    """A figure holding a table (dpa's figure class="table") gives the table, not a dropped media-less figure."""
    inline = etree.fromstring(
        f'<inlineXML xmlns="{T.inlineXML[1:].partition("}")[0]}"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        '<p>Results:</p><figure class="table"><table><thead><tr><th>Team</th><th>Goals</th></tr></thead>'
        "<tbody><tr><td>Reds</td><td>3</td></tr></tbody></table></figure></body></html></inlineXML>"
    )
    blocks = _body.read_body(inline, ours=False, keep=_kept).blocks
    assert blocks[1:] == [Table(rows=(("Team", "Goals"), ("Reds", "3")), header_rows=1)]


def test_dpa_test_article_keeps_its_table() -> None:
    """dpa's test article's table (sent in a figure) is in the body, after the paragraph announcing it."""
    reading, _ = _read(_corpus("dpa-rubix_multimedia_testartikel.xml"))
    texts = [type(b).__name__ for b in reading.blocks]
    announced = next(
        i
        for i, b in enumerate(reading.blocks)
        if getattr(b, "text", "") == "Tabellen sind ebenfalls möglich:"
    )
    assert texts[announced + 1] == "Table"


def test_a_header_inside_an_article_gives_its_values() -> None:
    """An XHTML header nested in an article is read for its by-line and genre, and is not body text."""
    inline = etree.fromstring(
        f'<inlineXML xmlns="{T.inlineXML[1:].partition("}")[0]}"><html xmlns="http://www.w3.org/1999/xhtml"><body>'
        '<article><header><p class="genre">Analyse</p><p class="byline">Par Jean Dupont et Marie Curie</p></header>'
        "<p>Texte.</p></article></body></html></inlineXML>"
    )
    reading = _body.read_body(inline, ours=False, keep=_kept)
    assert [b.text for b in reading.blocks if isinstance(b, Paragraph)] == ["Texte."]
    assert (reading.genre, [b.name for b in reading.bylines]) == ("Analyse", ["Jean Dupont", "Marie Curie"])


class TestSignOff:
    """The one end-of-body rule (``_conventions.sign_off_kind``) as every XML reader applies it."""

    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("asl/tib/pid/cac", "initials"),
            ("بور/نور/غ ر", "initials"),
            ("سب-لال/نور-كام-ريم-كبج-ود/سام", "initials"),
            ("ا ف ب/جص/ح س", "initials"),
            ("ends", "end"),
            ("ENDS", "end"),
            ("AAP RTV ar", "agency"),
            ("AFP sn", "agency"),
            ("==Kyodo", "agency"),
            ("/ritzau/", "agency"),
            ("(BusinessDesk)", "agency"),
        ],
    )
    def test_agency_sign_offs_are_recognised(self, line: str, kind: str) -> None:
        """Each agency's closing desk mark is a sign-off of its kind."""
        assert _wire.sign_off_kind(line) == kind

    @pytest.mark.parametrize(
        "line",
        [
            "It ends.",
            "Thank you",
            "NEW YORK",
            "and/or the",
            "AP reported the sale on Monday.",
            "Reuters could not confirm it.",
            "The Kyodo agency said so.",
            "Quelle: Reuters/oraise",
            "24/7",
            "(Reporting by Ana Ruiz)",
        ],
    )
    def test_a_real_last_sentence_is_never_a_sign_off(self, line: str) -> None:
        """Story text, however short, is never taken for a sign-off."""
        assert _wire.sign_off_kind(line) is None

    def test_a_body_of_only_a_sign_off_keeps_it(self) -> None:
        """A body is never emptied: a lone sign-off-shaped paragraph stays."""
        blocks = _paragraphs("ends")
        assert _nitf_body.credit_lines(blocks).blocks == blocks

    def test_sign_off_lines_are_taken_in_order_before_the_credits(self) -> None:
        """Two closing sign-off paragraphs leave in order, then the credit before them goes too."""
        found = _nitf_body.credit_lines(_paragraphs("One.", "(Editing by Bo Li)", "AAP RTV ar", "ends"))
        assert [b.text for b in found.blocks] == ["One."]
        assert (found.sign_off, found.ednote) == ("AAP RTV ar\nends", "Editing by Bo Li")

    def test_nitf_document_keeps_its_sign_off_in_extras(self) -> None:
        """A NITF document's closing ``/ritzau/`` paragraph leaves the body for ``nitf.sign-off``."""
        story = newsitem.loads(
            "<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
            "<p>Det oplyser politiet.</p><p>/ritzau/</p></body.content></body></nitf>",
            "nitf",
        )
        assert [b.text for b in story.body] == ["Det oplyser politiet."]
        assert story.extras["nitf.sign-off"] == "/ritzau/"


class TestDateline:
    """One rule for a printed dateline, and the dateline printed in the first paragraph."""

    @pytest.mark.parametrize(
        ("line", "place"),
        [
            ("STOCKHOLM, Aug 29, 2014 (AFP) -", "STOCKHOLM"),
            ("BEIJING, July 23", "BEIJING"),
            ("SYDNEY March 22 AAP -", "SYDNEY"),
            ("كييف (أوكرانيا), 25-11-2023 (أ ف ب) -", "كييف (أوكرانيا)"),
            ("MADRID (EFE).-", "MADRID"),
            ("MOSCOW, January 21. /TASS/.", "MOSCOW"),
            ("PORTLAND, Ore.", "PORTLAND, Ore."),
            ("Kiev (Ukraine)", "Kiev (Ukraine)"),
            ("Berlin, 14.06.", "Berlin"),
            ("تاي شانغ (تايوان) (أ ف ب)", "تاي شانغ (تايوان)"),
            ("MARCH 04, 2013", None),
        ],
    )
    def test_a_printed_dateline_gives_its_place_only(self, line: str, place: str | None) -> None:
        """Date and agency tag leave the place, whatever the agency's order of them; a date alone is no place."""
        assert _wire.dateline_parts(line).place == place

    @pytest.mark.parametrize(
        ("text", "place"),
        [
            ("WASHINGTON, March 3 (Reuters) - The Fed held.", "WASHINGTON"),
            ("SEOUL, Nov 26 AFP - Shares fell.", "SEOUL"),
            ("Moskau (dpa) \u2013 Der Besuch endet.", "Moskau"),
            ("København /ritzau/: En mand er løsladt.", "København"),
            ("The President (Trump) - said no.", None),
            ("He said (quoting) - no.", None),
        ],
    )
    def test_the_first_paragraphs_dateline(self, text: str, place: str | None) -> None:
        """A dateline printed in paragraph 1 is read; a parenthesis in a sentence is not one."""
        found = _wire.opening_dateline(text)
        assert (None if found is None else found.place) == place

    def test_merge_takes_the_printed_dateline_only_without_one(self) -> None:
        """merge() fills a missing dateline from paragraph 1 and never replaces the metadata's."""
        reading = _body.read_body(
            _html_inline("<p>LIMA (Reuters) - The bridge closed.</p>"), ours=False, keep=_kept
        )
        fields: dict[str, object] = {}
        _body.merge(reading, fields, lambda key, value: None)
        assert fields["dateline"] == "LIMA"
        assert [b.text for b in reading.blocks] == ["LIMA (Reuters) - The bridge closed."]
        fields = {"dateline": "Callao"}
        _body.merge(reading, fields, lambda key, value: None)
        assert fields["dateline"] == "Callao"

    def test_nitf_dateline_element_and_paragraph(self) -> None:
        """A NITF ``dateline`` with a bare agency tag gives the place; without one, paragraph 1's."""
        tagged = newsitem.loads(
            "<nitf><body><body.head><hedline><hl1>H</hl1></hedline><dateline>SYDNEY March 22 AAP -"
            "</dateline></body.head><body.content><p>Text.</p></body.content></body></nitf>",
            "nitf",
        )
        printed = newsitem.loads(
            "<nitf><body><body.head><hedline><hl1>H</hl1></hedline></body.head><body.content>"
            "<p>NEW YORK, Jan 21 (Reuters) - The statue reopened.</p></body.content></body></nitf>",
            "nitf",
        )
        assert (tagged.dateline, printed.dateline) == ("SYDNEY", "NEW YORK")
        assert printed.body[0].text == "NEW YORK, Jan 21 (Reuters) - The statue reopened."

    def test_newsml_1_2_dateline_loses_date_and_agency(self) -> None:
        """A NewsML 1.2 ``DateLine`` with month, day and year gives the place alone, as Kyodo's does."""
        document = (
            '<NewsML Version="1.2"><NewsItem><Identification><NewsIdentifier><ProviderId>example.com'
            "</ProviderId><DateId>20140829</DateId><NewsItemId>N1</NewsItemId><RevisionId>1</RevisionId>"
            "</NewsIdentifier></Identification><NewsComponent><NewsLines><HeadLine>H</HeadLine>"
            "<DateLine>STOCKHOLM, Aug 29, 2014 (AFP) -</DateLine></NewsLines><ContentItem>"
            '<MediaType FormalName="Text"/><DataContent><p>Text.</p></DataContent></ContentItem>'
            "</NewsComponent></NewsItem></NewsML>"
        )
        assert newsitem.loads(document, "newsml-1.2").dateline == "STOCKHOLM"


def _html_inline(body: str) -> etree._Element:
    """An ``inlineXML`` holding an XHTML document with ``body``'s markup."""
    return etree.fromstring(
        f'<inlineXML xmlns="{T.inlineXML[1:].partition("}")[0]}">'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html></inlineXML>'
    )


def test_an_unknown_vocabulary_without_paragraphs_gives_its_leaf_text() -> None:
    """Without p elements, the leaf elements of the name that holds phrases are the paragraphs, with a note saying so."""
    reading, found = _noted(SAMPLES / "body-leaf-vocabulary.xml")
    assert len(reading.blocks) == 3
    assert [note.code for note in found] == [_body.VOCABULARY_CODE]
    assert "no p, P or para elements" in found[0].message
