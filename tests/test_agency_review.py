"""Agency copy after the issue 18 review: press releases whose dateline stands alone on its line
under a release preamble (AsiaNet's ``/PRNewswire-AsiaNet/ --`` forms), and broadcasters' copy in
the wire form (``WASHINGTON (CNN) —``, a tag with no place ``(CNN) --``).

The samples are tests/data/agency-copy/ac34-... (each read against its expected story by
tests/test_wire.py too).
"""

from __future__ import annotations

import pytest

import newsitem
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import agency

from .conftest import DATA

SAMPLES = DATA / "agency-copy"


def read(name: str) -> newsitem.Story:
    """The story of one of our samples."""
    return newsitem.read((SAMPLES / name).read_bytes(), layout="agency-copy").story


@pytest.mark.parametrize(
    ("line", "place", "date", "tag"),
    [
        (
            "AUSTIN, Texas, Feb. 1, 2017 /PRNewswire-AsiaNet/ --",
            "AUSTIN, Texas",
            "Feb. 1, 2017",
            "PRNewswire-AsiaNet",
        ),
        ("/PRNewswire/ --", "", None, "PRNewswire"),
        (
            "KYOTO, Japan, Feb. 1, 2017 /Kyodo JBN-AsiaNet/ --",
            "KYOTO, Japan",
            "Feb. 1, 2017",
            "Kyodo JBN-AsiaNet",
        ),
        ("LONDON, Feb. 1 /PRNewswire-AsiaNet / --", "LONDON", "Feb. 1", "PRNewswire-AsiaNet"),
        (
            "MUMBAI, India, July 25, 2018/PRNewswire-AsiaNet/",
            "MUMBAI, India",
            "July 25, 2018",
            "PRNewswire-AsiaNet",
        ),
        (
            "NEW YORK, LONDON and PARIS, Feb. 2, 2017 /PRNewswire/ --",
            "NEW YORK, LONDON and PARIS",
            "Feb. 2, 2017",
            "PRNewswire",
        ),
        ("TORONTO, Jan. 5, 2017 /CNW/ -", "TORONTO", "Jan. 5, 2017", "CNW"),
    ],
)
def test_lone_dateline_forms(line: str, place: str, date: str | None, tag: str) -> None:
    """Each press-release dateline form printed alone on its line reads as its place, date and wire tag."""
    found = _wire.lone_dateline(line)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, tag)


@pytest.mark.parametrize(
    "line", ["Read more at /news/ --", "and/or", "LONDON, Feb. 1 /Thames/ --", "Prices rose (sharply) --", ""]
)
def test_lone_dateline_needs_a_known_tag(line: str) -> None:
    """A line with an unknown tag between slashes or parentheses is no lone dateline."""
    assert _wire.lone_dateline(line) is None


def test_release_preamble_and_wrapped_headline() -> None:
    """A release's Source line and marker go to extras and its headline wrapped over two lines is joined."""
    story = read("ac34-release-asianet.txt")
    assert story.headline == (
        "Harbour Lights Trust Opens Night Ferry Museum on the Wellington Waterfront With a Free Weekend for Families"
    )
    assert story.extras["agency-copy.preamble"] == "Source: Harbour Lights Trust"
    assert story.extras["agency-copy.release"] == "MEDIA RELEASE PR80112"


def test_release_dateline_gives_place_day_and_wire() -> None:
    """The lone dateline gives the dateline place, the published day and the wire tag as the source."""
    story = read("ac34-release-asianet.txt")
    assert story.dateline == "WELLINGTON, New Zealand"
    assert str(story.published) == "2025-03-03"
    assert story.source is not None
    assert story.source.name == "PRNewswire-AsiaNet"


def test_release_read_as_windows_1252() -> None:
    """A release in Windows-1252 keeps its bullet (byte 0x95) as a bullet."""
    assert "NZ$25 \u2022 children" in read("ac34-release-asianet.txt").body[-1].text


def test_release_end_matter_leaves_the_body() -> None:
    """The closing SOURCE line and contact block go to extras, not the body."""
    story = read("ac34-release-asianet.txt")
    assert story.extras["agency-copy.release-source"] == "SOURCE Harbour Lights Trust"
    assert story.extras["agency-copy.contact"].startswith("Contact:\nAroha Tane")
    assert all("Aroha" not in block.text and "SOURCE" not in block.text for block in story.body)


def test_release_logo_and_end_mark() -> None:
    """A logo link and the ### end mark close a release in extras."""
    story = read("ac35-release-kyodo-jbn.txt")
    assert story.extras["agency-copy.media"].startswith("Logo - http")
    assert story.extras["agency-copy.end"] == "###"
    assert story.source is not None
    assert story.source.name == "Kyodo JBN-AsiaNet"


def test_indented_paragraphs_without_blank_lines() -> None:
    """Paragraphs that open with an indented line and have no blank line between them are split there."""
    body = read("ac35-release-kyodo-jbn.txt").body
    assert [block.text[:20] for block in body] == ["Minato Ceramics Co.,", "The tiles set in a p"]


@pytest.mark.parametrize(
    "name",
    [
        "ac34-release-asianet.txt",
        "ac35-release-kyodo-jbn.txt",
        "ac36-release-no-dashes.txt",
        "ac37-release-space-slash.txt",
    ],
)
def test_releases_are_detected(name: str) -> None:
    """Detection names agency copy for a release whose only evidence is its lone wire-tagged dateline."""
    assert newsitem.detect((SAMPLES / name).read_bytes()).layout == "agency-copy"


def test_cnn_dateline_is_evidence() -> None:
    """A ``PLACE (CNN) —`` dateline on the first line is positive evidence for sniff."""
    text = (SAMPLES / "ac38-cnn-dateline.txt").read_text(encoding="utf-8")
    assert agency.sniff(text) is not None
    story = read("ac38-cnn-dateline.txt")
    assert (story.dateline, story.source.name if story.source else None) == ("ATLANTA", "CNN")


def test_tag_only_dateline() -> None:
    """``(CNN) --`` with no place is a dateline without a place: the tag is the source, the text the body."""
    story = read("ac39-cnn-tag-only.txt")
    assert story.dateline is None
    assert story.source is not None
    assert story.source.name == "CNN"
    assert story.body[0].text.startswith("The storm that closed roads")


def test_promo_line_is_no_headline() -> None:
    """A head line of two sentences (a promo) is kept as head text, never made the headline."""
    story = read("ac39-cnn-tag-only.txt")
    assert story.headline is None
    assert story.extras["agency-copy.head-text"].startswith("Stuck in the snow?")


def test_tag_only_needs_a_known_tag() -> None:
    """A parenthesis opening a line with an unknown word is no tag-only dateline."""
    assert _wire.find_dateline("(Trump) -- said he would go.", tag_only=True) is None
    assert _wire.find_dateline("(CNN) -- The storm moved east.") is None  # only where asked for


def test_cnn_is_no_agency_credit() -> None:
    """CNN is known as a dateline tag, not as an agency (no credit line or sign-off of the wire rules)."""
    assert _wire.known_agency("CNN")
    assert _wire.sign_off_kind("CNN") is None


def test_release_headline_repeated_under_the_dateline_goes() -> None:
    """A release that repeats its headline as the first line under the dateline does not open its body with it."""
    body = read("ac40-release-highlights.txt").body
    assert body[0].text == "Highlights"


def test_release_bullets_are_a_list() -> None:
    """A block of bullet lines under a label is a list, an item's wrapped line joined to it."""
    body = read("ac40-release-highlights.txt").body
    assert isinstance(body[1], newsitem.ListBlock)
    assert body[1].text == "- Output up 8 per cent on the half\n- A second desalination plant opened in June"


def test_release_photo_link_in_the_body_is_media() -> None:
    """A photo link between paragraphs of a release goes to the media extra, not the body."""
    story = read("ac40-release-highlights.txt")
    assert story.extras["agency-copy.media"] == "(Photo: http://example.com/media/kestrel_plant.jpg )"
    assert all("http" not in block.text for block in story.body)


def test_only_the_closing_contact_block_leaves_the_body() -> None:
    """The last contact block goes to extras; an earlier one, followed by a sentence about a company, stays text."""
    story = read("ac40-release-highlights.txt")
    assert story.extras["agency-copy.contact"] == "Media contact:\nOwen Lee\nowen@pbp.example"
    assert story.body[-1].text.startswith("About Perth Basin Partners")


def test_release_dash_line_is_the_subheadline() -> None:
    """One dash-led paragraph under a release's dateline is its subheadline, not the first paragraph."""
    story = read("ac37-release-space-slash.txt")
    assert story.subheadline == "Track open to other makers on weekdays"
    assert story.body[0].text.startswith("Thames Robotics has opened")
