"""AAP's real teleprinter variants (issue 18, the reviewer's 21 superdesk-aap files): sigil header
lines, the BOB and Medianet feeds, FMG racing copy, News Bites, desk sign-offs, CR-only line ends,
indented or lower-case ZCZC, control bytes that are layout. Each rule on a few lines of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsitem
from newsitem.formats.layouts import teleprinter
from newsitem.model import Paragraph, Preformatted, Subject

FOLDER = Path(__file__).parent / "data" / "teleprinter"
AAP = sorted(path for path in FOLDER.glob("tp1[1-9]*.txt"))


def read(text: str | bytes) -> newsitem.Reading:
    """The reading of ``text`` as teleprinter copy, with its notes."""
    return newsitem.read(text, layout="teleprinter")


def test_there_are_samples_of_each_variant() -> None:
    """Our own samples model the sigil, BOB, Medianet, FMG and News Bites variants."""
    assert len(AAP) >= 5


@pytest.mark.parametrize("path", AAP, ids=lambda p: p.stem)
def test_aap_sample_round_trip(path: Path) -> None:
    """What the writer keeps of each AAP-variant sample reads back as it: loads(dumps(s)) == carried(s)."""
    story = read(path.read_bytes()).story
    written = newsitem.dumps(story, format="teleprinter", lossy=True)
    assert newsitem.loads(written, format="teleprinter") == teleprinter.carried(story)


def test_sigil_header_fields() -> None:
    """Each sigil lands in its field: category, keyword, take key, headline, format, service level,
    IPTC subject code, place, genre."""
    story = read(
        "ZCZC\n$S\n:CRICKET\n=2nd take\n^Rain stops play\n*X\n&B\n+15017000\n@VIC\n~Report\nText.\nNNNN\n"
    ).story
    assert (story.section, story.slugline, story.headline) == ("S", "CRICKET", "Rain stops play")
    assert (story.located, story.genre, story.subjects) == ("VIC", "Report", (Subject(code="subj:15017000"),))
    assert story.extras["teleprinter.take-key"] == "2nd take"
    assert story.extras["teleprinter.service-level"] == "B"
    assert story.body == (Paragraph.plain("Text."),)


def test_blank_lines_inside_the_header_are_skipped() -> None:
    """A blank line between sigil lines does not end the header."""
    story = read("ZCZC\n$S\n\n^Headline\nText.\nNNNN\n").story
    assert (story.section, story.headline) == ("S", "Headline")


def test_bob_feed_dollar_is_the_headline_and_colon_a_place() -> None:
    """After a # keyword line, $ carries the headline; :(PLACE) is the dateline; *NNNNNNNN a subject code."""
    story = read("ZCZC AAP\n%A\n#Key_BC1\n$A headline here\n:(PERTH)\n*01000000\nText.\nNNNN\n").story
    assert (story.section, story.slugline, story.headline, story.dateline) == (
        "A",
        "Key_BC1",
        "A headline here",
        "PERTH",
    )
    assert story.subjects == (Subject(code="subj:01000000"),)


def test_a_body_line_starting_with_a_dollar_ends_the_header() -> None:
    """``$`` with a figure is no category (outside the BOB feed): the header ends there, the line is text."""
    story = read("ZCZC\n^Prices\n$5 a kilo for tomatoes.\nNNNN\n").story
    assert story.headline == "Prices"
    assert story.body == (Paragraph.plain("$5 a kilo for tomatoes."),)


@pytest.mark.parametrize(
    "sign_off", ["AAP RTV", "AAP RESULTS", "AAP BETTING", "AAP COMMENT", "AAP FIELDS", "AAP"]
)
def test_desk_sign_offs_are_the_source_never_body(sign_off: str) -> None:
    """A desk sign-off before NNNN is the source and an end line, never body text."""
    story = read(f"ZCZC\n^Headline\nText.\n\n{sign_off}\nNNNN\n").story
    assert story.body == (Paragraph.plain("Text."),)
    assert story.source is not None and story.source.name == "AAP"
    assert story.extras["teleprinter.end"] == sign_off


def test_cr_only_line_ends_with_a_cr_first() -> None:
    """CR-only line ends each end one line (blank lines kept), a CR before ZCZC included."""
    story = read("\rZCZC\r^Headline\rOne.\r\rTwo.\rNNNN\r").story
    assert story.body == (Paragraph.plain("One."), Paragraph.plain("Two."))


def test_indented_and_lower_case_zczc() -> None:
    """``   ZCZC AAP`` and ``zczc`` open a message; the rest of the line is kept."""
    assert read("   ZCZC AAP\n^Headline\nText.\nNNNN\n").story.extras["teleprinter.zczc"] == "AAP"
    assert read("zczc\n^Headline\nText.\nNNNN\n").story.headline == "Headline"


def test_results_control_bytes_are_layout() -> None:
    """SI and EM at the end of results lines are dropped, never text."""
    story = read("ZCZC\n#Results\nTITLE\x0f\nRace 1: 1 2 3.\x19\nRace 2: 4 5 6.\x19\nNNNN\n").story
    assert story.body == (Preformatted(text="TITLE\nRace 1: 1 2 3.\nRace 2: 4 5 6."),)


def test_tabular_format_keeps_lines() -> None:
    """``*T`` copy is kept line for line (preformatted) where it is no table."""
    story = read("ZCZC\n^Draw\n*T\nLine one\nLine two\nNNNN\n").story
    assert story.body == (Preformatted(text="Line one\nLine two"),)


def test_fmg_routing_and_title_lines() -> None:
    """An FMG routing line, ``:POTTED :slug`` and ``:SPORT - headline``; a plain ``RACING :`` title."""
    story = read("ZCZC FMG000\nYY TDR\n:POTTED :Slug here\n:SPORT - Headline here\nRow 1\nNNNN\n").story
    assert (story.slugline, story.headline) == ("Slug here", "Headline here")
    assert story.extras["teleprinter.routing"] == "YY TDR"
    story = read("ZCZC FMG000\nHH TDCom\nRACING : Rosehill FIELDS Saturday\nRow 1\nNNNN\n").story
    assert story.headline == "Rosehill FIELDS Saturday"


def test_fmg_typesetting_codes_are_dropped() -> None:
    """``<!`` and ``=!`` at the end of FMG lines are typesetting codes, not text."""
    story = read("ZCZC FMG000\nYY TDA\nDoomben WEIGHTS DOOMBEN<!\nCUP 1400M .=!\nA Horse 58.0\nNNNN\n").story
    assert story.headline == "Doomben WEIGHTS DOOMBEN"
    assert story.body == (Preformatted(text="CUP 1400M .\nA Horse 58.0"),)


def test_news_bites_fields() -> None:
    """News Bites: TI# headline, AB# summary, KN# source, KY# keyword, each text line a paragraph."""
    story = read(
        "zczc\nAN#1\nKN#News Bites\nKY#Key\nTI#Title\nAB#Abstract.\nTX#\nLine one.\nLine two.\n"
    ).story
    assert (story.headline, story.summary, story.slugline) == ("Title", "Abstract.", "Key")
    assert story.source is not None and story.source.name == "News Bites"
    assert story.body == (Paragraph.plain("Line one."), Paragraph.plain("Line two."))


def test_medianet_trailer_lines() -> None:
    """A release's ``SOURCE:`` line is the source and its URL line the story's page, not body text."""
    story = read("ZCZC\n%MNETALL\n$J\n:Org\n*X\nText.\n\nhttp://example.com/r/1\nSOURCE: Org\nNNNN\n").story
    assert story.body == (Paragraph.plain("Text."),)
    assert story.url == "http://example.com/r/1"
    assert story.source is not None and story.source.name == "Org"
    assert story.extras["teleprinter.take-key"] == "Org"


@pytest.mark.parametrize(
    "text",
    [
        "\r   ZCZC AAP\r%A\r#K\r$H h\rText.\r",
        "zczc\rAN#1\rTI#T\rTX#\rText.\r",
        "ZCZC FMG000\nYY TDR\n:T\nx\n",
    ],
    ids=["bob-cr", "bites-cr", "fmg"],
)
def test_sniff_claims_the_variants(text: str) -> None:
    """sniff claims each variant surely, with a reason naming ZCZC and the variant's header."""
    found = teleprinter.sniff(text)
    assert found is not None and found[0] >= 0.9 and "ZCZC" in found[1]


def test_dollar_letters_are_the_category_over_percent_codes() -> None:
    """Medianet's ``%MGD`` codes go to extras; its ``$K`` is the category, never a headline."""
    story = read("ZCZC\n%MGD\n$K\n:\n:Org\n*X\nText.\nNNNN\n").story
    assert (story.section, story.headline) == ("K", None)
    assert story.extras["teleprinter.category-codes"] == "MGD"


def test_nnnn_after_a_tab_ends_the_message() -> None:
    """An ``NNNN`` set in by tabs (as FMG comment copy has it) still ends the message, with no note."""
    reading = read("ZCZC FMG000\nHH TDCom\nTitle here\nText.\n\t   AAP COMMENT\n\tNNNN\n")
    assert list(reading.notes) == []
    assert reading.story.extras["teleprinter.end"] == "AAP COMMENT"


def test_potted_slug_is_the_headline_without_a_title() -> None:
    """``:POTTED :X`` alone gives both slugline and headline (superdesk-aap's racing rule)."""
    story = read("ZCZC FMG000\nYY TDR\n:POTTED :Doomben MARKET DAY\nRow\nNNNN\n").story
    assert (story.slugline, story.headline) == ("Doomben MARKET DAY", "Doomben MARKET DAY")


_LONG = "The first paragraph is a sentence that runs well past sixty characters."


def test_one_paragraph_a_line() -> None:
    """Copy set one paragraph a line (no blank lines) gives a paragraph per line."""
    story = read(
        f"ZCZC\n^Head\n{_LONG}\nA second paragraph that also runs well past the sixty characters.\nNNNN\n"
    ).story
    assert len(story.body) == 2


def test_a_wrapped_paragraph_stays_one() -> None:
    """Lines wrapped mid-sentence (the next line in lower case) are one paragraph."""
    story = read(
        f"ZCZC\n^Head\n{_LONG[:-1]} and then\ngoes on to a second line that is long enough to count.\nNNNN\n"
    ).story
    assert len(story.body) == 1
