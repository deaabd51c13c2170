"""IPTC 7901 rules from the reviewer's round on real files (issue 18): SDA's title keyword lines,
dash-less agency datelines with several agencies, escaped desk tags, and ordinal take markers."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsitem
from newsitem.formats.layouts import iptc7901
from newsitem.model import Paragraph, Source, Story

DATA = Path(__file__).parent / "data" / "iptc7901"
SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"


def sda(title: str, body: str) -> bytes:
    """An SDA-style message: a keyword line before STX, ``title`` after it, ``body`` as given."""
    return (
        f"{SOH}bsf101 3 ec 80   etf 101\r\n\r\nSuisse\r\n\r\n{STX}{title}\r\n \r\n{body} \r\n{ETX}091223 dec 26\r\n{EOT}"
    ).encode()


def test_one_word_line_after_stx_is_a_keyword_and_the_kicker_stays_with_the_headline() -> None:
    """SDA's first title line of one word is a keyword (slugline), the ``Pays:`` kicker opens the headline."""
    story = iptc7901.loads(sda("Votations \r\nBerne:  \r\nLe peuple dit oui = ", "   Berne (ats) Le texte."))
    assert story.headline == "Berne: Le peuple dit oui"
    assert story.slugline == "Suisse/Votations"


def test_a_one_word_headline_alone_stays_the_headline() -> None:
    """A title of one word and nothing else is the headline, never a keyword line."""
    story = iptc7901.loads(sda("Votations = ", "   Berne (ats) Le texte."))
    assert story.headline == "Votations"
    assert story.slugline == "Suisse"


def test_a_one_word_line_over_a_by_line_is_the_headline() -> None:
    """A one-word headline above a By line is kept as the headline (the By line is no headline line)."""
    story = iptc7901.loads(sda("Brexit \r\nBy Ann Lee, dpa = ", "London (dpa) - Text."))
    assert story.headline == "Brexit"
    assert [b.name for b in story.bylines] == ["Ann Lee"]


@pytest.mark.parametrize(
    ("opening", "place", "tag", "source"),
    [
        ("   Paris (ats afp) Les violences", "Paris", "ats afp", "ats"),
        ("   Bern (sda) Der Rat", "Bern", "sda", "sda"),
        ("   Genf (SDA/dpa) Die Konferenz", "Genf", "SDA/dpa", "SDA/dpa"),
    ],
)
def test_agency_tag_without_dash_is_the_dateline(opening: str, place: str, tag: str, source: str) -> None:
    """SDA's dateline (place and agency tag, no dash) is split off; the tag's first agency is the source."""
    story = iptc7901.loads(sda("Titre = ", opening + " sont en cours."))
    assert story.dateline == place
    assert story.extras["iptc7901.dateline-agency"] == tag
    assert story.source == Source(name=source)
    assert isinstance(story.body[0], Paragraph)
    assert not story.body[0].text.startswith(place)


def test_a_parenthesis_of_no_agency_is_no_dateline() -> None:
    """A place followed by a parenthesis that names no agency (``Paris (France)``) stays text."""
    story = iptc7901.loads(sda("Titre = ", "   Paris (France) Les manifestants."))
    assert story.dateline is None
    assert story.body[0].text.startswith("Paris (France)")


def test_an_escaped_desk_tag_closes_the_message() -> None:
    """A desk tag written with a backslash before its slash (``(SDA\\/sj)``) is the initials, not a paragraph."""
    story = iptc7901.loads(sda("Titre = ", "   Bern (sda) Der Rat tagt. \r\n \r\n(SDA\\/sj)"))
    assert [block.text for block in story.body] == ["Der Rat tagt."]
    assert story.extras["iptc7901.initials"] == "(SDA\\/sj)"


@pytest.mark.parametrize(
    "marker", ["3RD NET", "2ND ADD", "4TH WRITETHRU", "1ST CORRECTION", "5TH LEAD", "2nd net"]
)
def test_ordinal_take_markers_are_takes_not_headline(marker: str) -> None:
    """An ordinal with NET, ADD, WRITETHRU, CORRECTION or LEAD on the title's first line is a take marker."""
    data = (
        f"{SOH}eca00201 3 i 90  dpa 0201\r\n\n/world/\r\n{STX}{marker}\r\nCourt rules on appeal =\r\n\n"
        f"Berlin (dpa) - Text.\r\n{ETX}010930 GMT Jan 26\r\n{EOT}"
    ).encode()
    story = iptc7901.loads(data)
    assert story.headline == "Court rules on appeal"
    assert story.extras["iptc7901.take"] == marker


def test_a_two_agency_dateline_round_trips() -> None:
    """A story whose dateline names two agencies is written and read back as carried() says."""
    story = Story(
        headline="Titre",
        dateline="Paris",
        body=[Paragraph.plain("Les violences continuent.")],
        extras={"iptc7901.dateline-agency": "ats afp"},
    )
    assert iptc7901.loads(iptc7901.dumps(story, lossy=True)) == iptc7901.carried(story)
    assert iptc7901.carried(story).source == Source(name="ats")


@pytest.mark.parametrize("name", ["ip20-sda-keyword-kicker-tag-dateline.txt", "ip21-dpa-ordinal-net-add.txt"])
def test_review_samples_are_detected_as_iptc7901(name: str) -> None:
    """The samples of this review's rules are claimed by IPTC 7901 detection."""
    assert newsitem.detect((DATA / name).read_bytes()).layout == "iptc7901"


def test_ordinal_markers_in_a_belga_text_file_are_takes() -> None:
    """In a Belga text file (no control bytes) the ``2ND LEAD`` and ``3RD NET`` lines over the headline are takes."""
    data = (
        b"eca00311 3 i 120    dpa 0311\n\n/sport/football/\n2ND LEAD\n3RD NET\n"
        b"Cup final moved to Sunday\nBy Jan Berg, dpa  =\n \nMadrid (dpa) - The final was moved.\n"
    )
    story = iptc7901.loads(data)
    assert story.headline == "Cup final moved to Sunday"
    assert story.extras["iptc7901.take"] == "2ND LEAD\n3RD NET"
    assert story.slugline == "/sport/football"
