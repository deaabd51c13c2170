"""IPTC 7901 copy nobody here wrote (issue 18): framing by the standard, end marks, datelines,
headlines from the title conventions only, control bytes that are layout, notes before and after."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem.errors import NewsItemError, SerializeError
from newsitem.formats.layouts import iptc7901
from newsitem.model import Heading, Paragraph, Story, Table

DATA = Path(__file__).parent / "data"
SOH, STX, ETX, EOT, DEL = "\x01", "\x02", "\x03", "\x04", "\x7f"


def message(
    title: str,
    body: str,
    *,
    header: str = "eca0101 3 i 50  dpa 0101",
    keywords: str = "World/\r\n",
    before: str = "",
    after: str = f"{DEL}{EOT}",
) -> bytes:
    """A message in the standard's framing around ``title`` and ``body`` (lines as given)."""
    return (
        f"{before}{SOH}{header}\r\n\n{keywords}{STX}{title}\r\n\n{body}{ETX}010930 GMT Jan 24\r\n{after}"
    ).encode()


def read(data: bytes) -> newsitem.Reading:
    return newsitem.read(data, layout="iptc7901")


# --- framing ------------------------------------------------------------------------------------


def test_padding_before_soh_is_skipped_and_noted() -> None:
    """SDA's ``DEL DEL CR LF DEL`` before SOH is skipped, with a note naming the bytes."""
    reading = read(message("Headline =", "Bern (SDA) - Text.\r\n", before=f"{DEL}{DEL}\r\n{DEL}"))
    assert reading.story.headline == "Headline"
    assert [str(note) for note in reading.notes] == [
        "1: 5 padding bytes before SOH skipped (DEL, CR, LF) [unreadable]"
    ]


def test_a_padded_message_is_detected_as_iptc7901_not_agency_copy() -> None:
    """Detection claims a padded message with a five-digit number, so agency copy never invents a byline for it."""
    data = (DATA / "iptc7901" / "ip12-sda-padding-five-digit.txt").read_bytes()
    assert newsitem.detect(data).layout == "iptc7901"
    assert read(data).story.bylines == ()


@pytest.mark.parametrize(
    ("header", "service", "number", "words", "optional"),
    [
        ("eca00075 3 pl 245  sda 0075", "eca", "00075", "245", "sda 0075"),  # SDA: five digits
        ("eca062 4 i 211 ccccb   dpa 061", "eca", "062", "211", "ccccb   dpa 061"),  # dpa older: three
        (
            "INT0087 3 POL 0043 F BELGA-0087",
            "INT",
            "0087",
            "0043",
            "F BELGA-0087",
        ),  # Belga: the standard's four
        ("sdafra123456 5 w", "sdafra", "123456", None, None),  # no word count, no optional field
        ("ab12 2 e   afp 0012", "ab", "12", None, "afp 0012"),  # an empty word count
    ],
)
def test_header_fields_at_the_widths_the_standard_allows(
    header: str, service: str, number: str, words: str | None, optional: str | None
) -> None:
    """Each header field is read at any width the standard and the agencies use."""
    extras = read(message("Headline =", "Text.\r\n", header=header)).story.extras
    assert (extras["iptc7901.service"], extras["iptc7901.number"]) == (service, number)
    assert extras.get("iptc7901.word-count") == words
    assert extras.get("iptc7901.optional") == optional


def test_noise_after_etx_is_skipped_and_noted() -> None:
    """Bytes after the date-time group and EOT are never story text, and their skipping is noted."""
    reading = read(message("Headline =", "Text.\r\n", after=f"{DEL}{EOT}{DEL}+++ LINE 17 +++\r\n"))
    assert reading.story.body == (Paragraph.plain("Text."),)
    assert any("noise after the end of the message" in str(note) for note in reading.notes)


def test_a_clean_trailer_has_no_note() -> None:
    """A date-time group followed only by DEL fill and EOT is read without a note."""
    reading = read(message("Headline =", "Text.\r\n"))
    assert len(reading.notes) == 0
    assert reading.story.published is not None


# --- end marks, desk tags, datelines --------------------------------------------------------------


@pytest.mark.parametrize("mark", ["NNNN", "(END)", "./.", "(SDA/sj)", "(dpa/xx)"])
def test_end_marks_are_never_body_text(mark: str) -> None:
    """An end mark on the last line is never a paragraph of the body."""
    story = read(message("Headline =", f"Berlin (dpa) - Text.\r\n\n{mark}\r\n")).story
    assert story.body == (Paragraph.plain("Text."),)
    assert mark in "\n".join(story.extras.values())


def test_the_closing_desk_tag_gives_the_source_where_nothing_else_does() -> None:
    """With no agency in the header or the dateline, the ``(SDA/sj)`` tag names the source."""
    story = read(message("Headline =", "Text. (SDA/sj)\r\n", header="eca00112 4 wi 180")).story
    assert story.source is not None and story.source.name == "SDA"
    assert story.body == (Paragraph.plain("Text."),)
    assert story.extras["iptc7901.initials"] == "(SDA/sj)"


def test_the_dateline_tag_wins_over_the_closing_desk_tag() -> None:
    """The dateline's agency stays the source when a desk tag closes the text too."""
    story = read(
        message("Headline =", "Bern (SDA/AFP) - Text.\r\n\n(SDA/sj)\r\n", header="eca0101 3 i")
    ).story
    assert story.source is not None and story.source.name == "SDA/AFP"


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("Bern (SDA) - ", "Bern", "SDA"),
        ("ZÜRICH (sda) - ", "ZÜRICH", "sda"),
        ("Berlin (dpa) - ", "Berlin", "dpa"),
    ],
)
def test_datelines_are_found(opening: str, place: str, agency: str) -> None:
    """The dateline opening the first paragraph is the dateline, its tag the source."""
    story = read(message("Headline =", f"   {opening}Der Text.\r\n", header="eca00075 3 pl 20")).story
    assert story.dateline == place
    assert story.source is not None and story.source.name == agency
    assert story.body == (Paragraph.plain("Der Text."),)


# --- headlines ------------------------------------------------------------------------------------


def test_keyword_lines_before_stx_are_the_slugline_without_a_slash() -> None:
    """Every line between the header and STX is a keyword line, with or without its closing ``/``."""
    story = read(message("Headline", "\nText.\r\n", keywords="Schweiz\r\nUnfall/Bahn\r\n")).story
    assert story.slugline == "Schweiz/Unfall/Bahn"
    assert story.headline == "Headline"


def test_a_keyword_line_in_the_title_block_never_merges_into_the_headline() -> None:
    """A keyword line after STX (``Verkehr/Streik``) joins the slugline, not the headline."""
    story = read(
        message("Verkehr/Streik\nLokführer streiken =", "Text.\r\n", keywords="Deutschland/\r\n")
    ).story
    assert story.headline == "Lokführer streiken"
    assert story.slugline == "Deutschland/Verkehr/Streik"


@pytest.mark.parametrize(
    "marker", ["BULLETIN", "URGENT", "FLASH", "EIL", "ALERT", "URGENT 2ND LEAD", "(Eil )"]
)
def test_a_marker_is_never_a_headline(marker: str) -> None:
    """A marker alone on the STX line is a take, and the datelined text after it has no headline."""
    story = read(message(marker, "Berlin (dpa) - Text.\r\n")).story
    assert story.headline is None
    assert story.extras["iptc7901.take"] == marker
    assert story.body == (Paragraph.plain("Text."),)


@pytest.mark.parametrize("marker", ["BULLETIN", "FLASH", "EIL"])
def test_the_line_after_a_take_marker_line_is_the_headline(marker: str) -> None:
    """With no `` =``, the take marker line is skipped and the next line is the headline."""
    story = read(message(f"{marker}\r\nStrong quake hits Japan", "Tokyo (dpa) - Text.\r\n")).story
    assert story.headline == "Strong quake hits Japan"
    assert story.extras["iptc7901.take"] == marker


def test_a_story_without_a_headline_has_none() -> None:
    """STX followed at once by the datelined paragraph is a story without a headline."""
    story = read(message("Bern (SDA) - Der Bundesrat hat entschieden.", "")).story
    assert story.headline is None
    assert story.dateline == "Bern"
    assert story.body == (Paragraph.plain("Der Bundesrat hat entschieden."),)


# --- control bytes that are layout ----------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\x1e", "\x1f", "\t", "\x1e\x1e"])
def test_control_separated_rows_are_a_table(separator: str) -> None:
    """Rows of results whose columns are separated by RS, US or TAB are a Table block."""
    rows = f"1.{separator}Odermatt{separator}SUI\r\n2.{separator}Paris{separator}ITA\r\n"
    story = read(message("Results =", f"Wengen (dpa) - Results:\r\n\n{rows}\n")).story
    assert story.body == (
        Paragraph.plain("Results:"),
        Table(rows=[["1.", "Odermatt", "SUI"], ["2.", "Paris", "ITA"]]),
    )


def test_a_tab_indented_paragraph_is_not_a_table() -> None:
    """A TAB that indents a line (nothing before it) is white space, not a column separator."""
    story = read(message("Headline =", "\tBerlin (dpa) - Text.\r\n\n\tMore text.\r\n")).story
    assert story.body == (Paragraph.plain("Text."), Paragraph.plain("More text."))


@pytest.mark.parametrize("control", ["\x0e", "\x16", "\x1a", "\x0b", "\x7f"])
def test_stray_control_bytes_in_text_are_spaces(control: str) -> None:
    """A control byte inside a line of text reads as a space, never as text."""
    story = read(message(f"Head{control}line =", f"Some{control}text here.\r\n")).story
    assert story.headline == "Head line"
    assert story.body == (Paragraph.plain("Some text here."),)


# --- notes before and after the story --------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "Reporting by Jane Doe; editing by John Smith.",
        "Anna Berg in Brussels contributed to this report.",
        "(Reporting by Jane Doe in London)",
    ],
)
def test_agency_end_notes_stay_the_bodys_last_paragraph(note: str) -> None:
    """An agency end note is the last paragraph of the body, not end matter."""
    story = read(message("Headline =", f"London (dpa) - Text.\n\n{note}\r\n\ndpa jd\r\n")).story
    assert story.body[-1] == Paragraph.plain(note)
    assert story.extras["iptc7901.initials"] == "dpa jd"


@pytest.mark.parametrize(
    "note",
    [
        "Editor's note: Contains strong language.",
        "Eds: Updates with quote.",
        "Achtung Redaktionen: Sperrfrist 12 Uhr.",
    ],
)
def test_an_editors_note_before_the_story_is_the_ednote(note: str) -> None:
    """An editor's note before the datelined paragraph is the ednote, and the dateline is still found."""
    story = read(message("Headline =", f"{note}\n\nLondon (dpa) - Text.\r\n")).story
    assert story.ednote == note
    assert story.dateline == "London"
    assert story.body == (Paragraph.plain("Text."),)


# --- writing and robustness ------------------------------------------------------------------------


def test_the_header_agency_dateline_round_trip_is_exact() -> None:
    """The story the settle pre-check failed on (an optional field naming dpa, a dateline) reads back exactly."""
    story = Story(dateline="PARIS", body=["by"], extras={"iptc7901.optional": "dpa 061"})
    kept = iptc7901.carried(story)
    assert iptc7901.carried(kept) == kept
    assert iptc7901.loads(iptc7901.dumps(kept)) == kept


@pytest.mark.parametrize("path", sorted((DATA / "iptc7901").glob("ip1[2-9]-*.txt")), ids=lambda p: p.stem)
def test_what_is_carried_of_the_new_samples_reads_back(path: Path) -> None:
    """What the writer keeps of each new sample (desk tags, five-digit numbers, tables) reads back as itself."""
    kept = iptc7901.carried(iptc7901.loads(path.read_bytes()))
    assert iptc7901.loads(iptc7901.dumps(kept)) == kept


def test_the_sniff_refuses_the_other_layouts_samples() -> None:
    """No sample of another text layout is claimed by the IPTC 7901 sniff."""
    claimed = []
    for folder in ("anpa", "agency-copy", "email", "web-story", "teleprinter"):
        for path in sorted((DATA / folder).glob("*")):
            sample = path.is_file() and ".expected" not in path.name
            if sample and iptc7901.sniff(path.read_bytes().decode("utf-8", "replace")) is not None:
                claimed.append(path.name)
    assert claimed == []


_PIECES = st.sampled_from(
    [
        SOH,
        STX,
        ETX,
        EOT,
        DEL,
        "\r\n",
        "\n",
        "\x1e",
        "\t",
        "eca00075 3 pl 245  sda 0075",
        "Schweiz/Politik",
        "NNNN",
        "(SDA/sj)",
        "(END)",
        "URGENT",
        "EIL",
        "Bern (SDA) - ",
        "Editor's note: x",
        "Text",
        " =",
        "./.",
        "021234 DEZ 26",
        "+++",
    ]
)


@given(st.lists(_PIECES, max_size=30))
def test_arrangements_of_the_new_framing_raise_only_our_errors(pieces: list[str]) -> None:
    """Any arrangement of padding, end marks, desk tags, markers and separators reads or raises a newsitem error."""
    try:
        iptc7901.loads(("".join(pieces)).encode())
    except NewsItemError:
        pass


def test_a_desk_tag_source_is_written_as_the_closing_line_only() -> None:
    """A source named by the ``(SDA/sj)`` tag alone is written back as that tag, not added to the header."""
    story = read(message("Headline =", "Text.\r\n\n(SDA/sj)\r\n", header="eca00112 4 wi 180")).story
    written = iptc7901.dumps(story, lossy=True)
    assert written.startswith(b"\x01eca00112 4 wi 180\r\n")
    assert b"\n(SDA/sj)\r\n" in written
    back = iptc7901.loads(written)
    assert back.source == story.source
    assert back.extras["iptc7901.initials"] == "(SDA/sj)"


def test_a_co_credit_in_capitals_is_text_not_a_desk_tag() -> None:
    """``(dpa/AFP)`` after a sentence is a co-credit of the text, not desk initials: it stays in the paragraph."""
    story = read(message("Headline =", "Text of the story. (dpa/AFP)\r\n", header="eca0101 3 i")).story
    assert story.body == (Paragraph.plain("Text of the story. (dpa/AFP)"),)
    assert "iptc7901.initials" not in story.extras


_NEW_WORDS = st.sampled_from(
    ["NNNN", "(END)", "(SDA/sj)", "(dpa/xx)", "EIL", "ALERT", "FLASH", "LEAD", "WDH", "Eds:", "Editor's", "note:",
     "Schweiz/Politik", "x/", "Bern", "(SDA)", "-", "Reporting", "by", "Text", "ZÜRICH", "(sda)", "./.", "END", "sj"]
)  # fmt: skip
_NEW_LINES = st.lists(_NEW_WORDS, min_size=1, max_size=5).map(" ".join)


@st.composite
def unseen_stories(draw: st.DrawFn) -> Story:
    """Stories made of the words the issue-18 rules look for, with the extras those rules fill."""
    body = draw(st.lists(_NEW_LINES.map(Paragraph.plain), max_size=3))
    keys = ["iptc7901.initials", "iptc7901.optional", "iptc7901.number", "iptc7901.service", "iptc7901.take"]
    values = st.sampled_from(
        ["(SDA/sj)", "sda 0075", "00075", "eca", "EIL", "dpa xx", "ALERT\nURGENT", "NNNN"]
    )
    return Story(
        headline=draw(_NEW_LINES) if not body else draw(st.none() | _NEW_LINES),
        dateline=draw(st.none() | st.sampled_from(["Bern", "ZÜRICH", "PARIS"])),
        slugline=draw(st.none() | st.sampled_from(["Schweiz/Politik", "Schweiz", "EIL", "NNNN"])),
        body=body,
        extras=draw(st.dictionaries(st.sampled_from(keys), values)),
    )


@given(story=unseen_stories())
def test_what_is_carried_of_stories_in_the_new_conventions_reads_back(story: Story) -> None:
    """What carried() keeps of text made of end marks, desk tags, markers and keyword lines reads back as itself."""
    try:
        kept = iptc7901.carried(story)
    except SerializeError as exc:
        assert "no body or summary to carry" in str(exc) or "says nothing" in str(exc), str(exc)
        return
    assert iptc7901.carried(kept) == kept
    assert iptc7901.loads(iptc7901.dumps(kept)) == kept


def test_a_take_marker_headline_over_end_matter_only_is_refused() -> None:
    """A take-marker headline whose text all reads as end matter (``# by``) is refused as having nothing to carry."""
    with pytest.raises(SerializeError, match="no body or summary to carry"):
        iptc7901.carried(Story(headline="REFILE", summary="# by", body=["by"]))


@pytest.mark.parametrize("story", [Story(summary="\x7f"), Story(body=["./."])])
def test_a_story_whose_text_reads_as_nothing_is_refused(story: Story) -> None:
    """A story whose only text is a control byte or an end mark has nothing to carry, even lossy."""
    with pytest.raises(SerializeError, match="no body or summary to carry"):
        iptc7901.dumps(story, lossy=True)


def test_a_subhead_wrapped_onto_two_lines_is_joined_as_a_paragraph_is() -> None:
    """A ``##`` subhead whose text runs onto a second line reads as one line of text, as the writer prints it."""
    story = read(message("Headline =", "Text.\r\n\n## Part one\r\n- and two\r\n")).story
    assert story.body[-1] == Heading(runs=["Part one - and two"], level=2)
    assert iptc7901.loads(iptc7901.dumps(iptc7901.carried(story))) == iptc7901.carried(story)
