"""The teleprinter layout: copy framed ZCZC ... NNNN (AAP and others), read and written.

Samples of our own are tests/data/teleprinter/<stem>.txt beside <stem>.expected.json
(and <stem>.expected.notes); bad input is tests/data/teleprinter/invalid/ (checked by
tests/test_invalid.py). Here: the samples, detection both ways, each reading rule on
a small input of its own, the writer's text, and the round trip
``loads(dumps(s)) == carried(s)`` over newsitem.strategies and over wire-like stories.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Byline, Heading, Paragraph, ParseError, SerializeError, Source, Story, Table
from newsitem.formats.layouts import teleprinter
from newsitem.strategies import stories

from .conftest import DATA

FOLDER = DATA / "teleprinter"
SAMPLES = sorted(path for path in FOLDER.iterdir() if path.is_file() and ".expected" not in path.name)
CLASSIC = [path for path in SAMPLES if path.stem < "tp11"]
"""The samples in the classic header form, the form the writer prints (tp11 on: AAP's sigil,
FMG and News Bites variants, whose located, genre, subjects... the classic form cannot carry;
their round trip is in test_teleprinter_aap.py)."""
OTHER_LAYOUTS = ("anpa", "iptc7901", "agency-copy", "email", "web-story")
OTHERS = [
    path
    for layout in OTHER_LAYOUTS
    for path in sorted((DATA / layout).iterdir())
    if path.is_file() and ".expected" not in path.name
]


def read(text: str | bytes) -> newsitem.Reading:
    """The reading of ``text`` as teleprinter copy, with its notes."""
    return newsitem.read(text, layout="teleprinter")


def notes_of(text: str | bytes) -> list[str]:
    return [str(note) for note in read(text).notes]


# --- samples and detection ------------------------------------------------------------------


def test_enough_samples() -> None:
    """The layout has at least eight samples of its own."""
    assert len(SAMPLES) >= 8


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample(path: Path) -> None:
    """The sample reads to exactly its hand-written expected story, with its expected notes."""
    expected = path.with_name(path.stem + ".expected.json")
    notes = path.with_name(path.stem + ".expected.notes")
    reading = read(path.read_bytes())
    assert reading.story == newsitem.load(expected)
    assert [str(n) for n in reading.notes] == (
        notes.read_text("utf-8").splitlines() if notes.exists() else []
    )


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_detected(path: Path) -> None:
    """Every sample is detected as teleprinter copy, with a reason naming ZCZC."""
    found = newsitem.detect(path.read_bytes())
    assert found.layout == "teleprinter"
    assert "ZCZC" in found.reason


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_other_layouts_samples_are_not_claimed(path: Path) -> None:
    """The sniffer claims no sample of another text layout (it wants a ZCZC line)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        text = path.read_bytes().decode("latin-1")
    assert teleprinter.sniff(text) is None


def test_sniff_refuses_zczc_inside_a_line() -> None:
    """ZCZC inside running text is no start-of-message line."""
    assert teleprinter.sniff("Operators once typed ZCZC to start a message.\nNNNN\n") is None


def test_sniff_takes_a_zczc_line_with_an_odd_header_at_lower_confidence() -> None:
    """A ZCZC line without a teleprinter header is still claimed, less surely, so its reader says why."""
    found = teleprinter.sniff("ZCZC\nNOT A HEADER\nText\nNNNN\n")
    assert found is not None and found[0] < 0.9


# --- the header line ------------------------------------------------------------------------

_STORY = "Headline here\n\nSome text of the story.\nNNNN\n"


@pytest.mark.parametrize(("letter", "urgency"), [("F", 1), ("B", 2), ("U", 3), ("R", 5), ("D", 6), ("A", 7)])
def test_priority_letter_gives_urgency(letter: str, urgency: int) -> None:
    """Each priority letter is kept as sent and gives its urgency."""
    story = read(f"ZCZC\nSYA0001 {letter} A KEY\n{_STORY}").story
    assert (story.priority, story.urgency) == (letter, urgency)


def test_header_fields() -> None:
    """Channel and sequence, category, keyword and word count each land in their place."""
    story = read(f"ZCZC\nPEA00077 R SP CRICKET-TEST 412\n{_STORY}").story
    assert (story.section, story.slugline) == ("SP", "CRICKET-TEST")
    assert dict(story.extras) == {
        "teleprinter.channel": "PEA",
        "teleprinter.sequence": "00077",
        "teleprinter.word-count": "412",
    }


def test_header_without_keyword_or_word_count() -> None:
    """Keyword and word count are optional; a number alone is the word count, never the keyword."""
    story = read(f"ZCZC\nSYA0001 R A 99\n{_STORY}").story
    assert story.slugline is None
    assert story.extras["teleprinter.word-count"] == "99"


def test_header_on_the_zczc_line() -> None:
    """The header may follow ZCZC on its own line."""
    assert read(f"ZCZC SYA0001 R A KEY\n{_STORY}").story.slugline == "KEY"


def test_bad_header_is_an_error_at_its_line() -> None:
    """A header that is not channel+sequence, priority, category is a ParseError at its line."""
    with pytest.raises(ParseError) as caught:
        newsitem.loads(f"\nZCZC\nSYA0001 X A KEY\n{_STORY}", format="teleprinter")
    assert (caught.value.line, caught.value.column) == (3, 1)


# --- framing: noise, a missing NNNN, takes, several stories -----------------------------------


def test_noise_before_zczc_is_skipped_and_noted() -> None:
    """Padding and line noise before ZCZC are not read, and a note says how much was skipped."""
    text = "\x7f\x7f\r\n+++ RY RY RY +++\r\n\x16\x16ZCZC\r\nSYA0001 R A KEY\r\n" + _STORY.replace(
        "\n", "\r\n"
    )
    reading = read(text)
    assert reading.story.headline == "Headline here"
    assert [str(n) for n in reading.notes] == [
        "2: 1 line(s) of noise outside ZCZC ... NNNN skipped [unreadable]"
    ]


def test_control_bytes_are_removed_from_lines() -> None:
    """DEL, bell and other control bytes inside a line are telex noise, never text."""
    story = read("ZCZC\nSYA0001 R A KEY\nHead\x07line\x7f\n\nThe\x7f text.\nNNNN\n").story
    assert (story.headline, story.body[0].text) == ("Headline", "The text.")


def test_missing_nnnn_at_the_end_is_read_with_a_note() -> None:
    """A message cut off before NNNN is read to the end of the input, and noted as maybe incomplete."""
    notes = notes_of("ZCZC\nSYA0001 R A KEY\nHeadline here\n\nSome text.\n")
    assert notes == [
        "1: the message of line 1 has no NNNN end-of-message line (the input ends); read to there:"
        " the copy may be incomplete [unreadable]"
    ]


def test_missing_nnnn_before_the_next_message() -> None:
    """A message whose NNNN was lost ends where the next ZCZC starts, with a note naming that line."""
    text = "ZCZC\nSYA0001 R A ONE\nFirst\n\nText one.\nZCZC\nSYA0002 R A TWO\nSecond\n\nText two.\nNNNN\n"
    parts = list(newsitem.loads_all(text, format="teleprinter"))
    assert [p.story.headline for p in parts if p.story] == ["First", "Second"]
    assert "line 6 starts the next message" in str(parts[0].notes[0])


def test_takes_after_more_are_one_story() -> None:
    """A message ending MORE continues in the next one; its take line and MORE are dropped."""
    text = (
        "ZCZC\nSYA0001 R A FIRE\nHeadline\n\nFirst take text.\n\nMORE\nNNNN\n"
        "ZCZC\nSYA0002 R A FIRE\n2ND TAKE\n\nSecond take text.\n\nENDS\nNNNN\n"
    )
    story = read(text).story
    assert [p.text for p in story.body] == ["First take text.", "Second take text."]
    assert story.extras["teleprinter.end"] == "ENDS"
    assert story.extras["teleprinter.sequence"] == "0001"


def test_several_stories_loads_all_and_a_note_from_loads() -> None:
    """Messages that do not follow a MORE are separate stories: loads_all gives each, loads notes the rest."""
    text = "".join(f"ZCZC\nSYA000{i} R A K{i}\nStory {i}\n\nText {i}.\nNNNN\n" for i in (1, 2, 3))
    parts = list(newsitem.loads_all(text, format="teleprinter"))
    assert [(p.where, p.story.headline if p.story else None) for p in parts] == [
        ("line 1", "Story 1"),
        ("line 7", "Story 2"),
        ("line 13", "Story 3"),
    ]
    assert notes_of(text) == [
        "7: 2 more stories after this one not read (loads_all reads every story) [unreadable]"
    ]


def test_no_zczc_is_an_error() -> None:
    """Without a ZCZC line the input is not teleprinter copy: a ParseError at 1:1."""
    with pytest.raises(ParseError, match="no ZCZC"):
        newsitem.loads("Headline\n\nText.\nNNNN\n", format="teleprinter")


# --- the title block and the text -------------------------------------------------------------


@pytest.mark.parametrize("marker", ["URGENT", "FLASH", "BULLETIN", "ALERT", "CORRECTION", "NEW LEAD"])
def test_take_markers_are_never_headlines(marker: str) -> None:
    """A take marker above the headline goes to teleprinter.take; the next line is the headline."""
    story = read(f"ZCZC\nSYA0001 U A KEY\n{marker}\nReal headline\n\nText.\nNNNN\n").story
    assert (story.headline, story.extras["teleprinter.take"]) == ("Real headline", marker)


def test_a_marker_alone_leaves_no_headline() -> None:
    """A title block of only a marker, then a datelined paragraph: the story has no headline."""
    story = read("ZCZC\nSYA0001 F A\nFLASH\n\nSYDNEY, May 1 AAP - Quake hits.\nNNNN\n").story
    assert story.headline is None
    assert (story.dateline, story.body[0].text) == ("SYDNEY", "Quake hits.")


def test_a_dateline_first_is_text_not_headline() -> None:
    """When the first line after the header opens with a dateline, there is no headline."""
    story = read("ZCZC\nSYA0001 R A\nPERTH, May 1 AAP - Rain fell\nall day.\nNNNN\n").story
    assert story.headline is None
    assert story.body[0].text == "Rain fell all day."


def test_eds_line_is_the_editors_note() -> None:
    """An EDS: line in the title block is the editor's note, not the headline."""
    story = read("ZCZC\nSYA0001 R A\nEDS: fixes a typo\nHeadline\n\nText.\nNNNN\n").story
    assert (story.ednote, story.headline) == ("fixes a typo", "Headline")


def test_shared_editors_note_forms_are_read_too() -> None:
    """The shared rule's ``EDITOR'S NOTE —`` line in the title block is the editor's note as well."""
    story = read("ZCZC\nSYA0001 R A\nEDITOR'S NOTE — graphic content\nHeadline\n\nText.\nNNNN\n").story
    assert (story.ednote, story.headline) == ("graphic content", "Headline")


def test_by_line_with_agency_affiliation() -> None:
    """A By line names persons; a closing agency is their affiliation (the shared by-line rule)."""
    story = read("ZCZC\nSYA0001 R A\nHeadline\nBy Ann Lee and Bob Marsh, AAP\n\nText.\nNNNN\n").story
    assert story.bylines == (
        Byline(name="Ann Lee", affiliation="AAP"),
        Byline(name="Bob Marsh", affiliation="AAP"),
    )


def test_aap_dateline_with_a_date() -> None:
    """AAP's dateline ``SYDNEY, March 3 AAP -`` gives place, date, agency and the source."""
    story = read("ZCZC\nSYA0001 R A\nHeadline\n\nSYDNEY, March 3 AAP - Text.\nNNNN\n").story
    assert (story.dateline, story.source) == ("SYDNEY", Source(name="AAP"))
    assert story.extras["teleprinter.dateline-date"] == "March 3"
    assert story.body[0].text == "Text."


def test_results_are_a_table() -> None:
    """Lines of columns set apart by two spaces, with figures, are a Table; prose is not."""
    text = "ZCZC\nSYA0001 R S\nResults\n\n1  Alpha  10.5\n2  Beta   11.0\n\nProse  with  two  spaces.\nNNNN\n"
    body = read(text).story.body
    assert body[0] == Table(rows=[["1", "Alpha", "10.5"], ["2", "Beta", "11.0"]])
    assert isinstance(body[1], Paragraph)


def test_a_caption_line_over_a_table() -> None:
    """A one-column line over columns (``Scores:``) is a paragraph and the rows a Table."""
    text = "ZCZC\nSYA0001 R S\nScores\n\nScores:\nQueensland\t5-312\nVictoria\t2-40\nNNNN\n"
    assert read(text).story.body == (
        Paragraph.plain("Scores:"),
        Table(rows=[["Queensland", "5-312"], ["Victoria", "2-40"]]),
    )


def test_end_lines_and_date_time_group() -> None:
    """ENDS and the sign-off go to teleprinter.end; the date-time group is published, in its zone."""
    text = "ZCZC\nSYA0001 R A\nHeadline\n\nText.\n\nENDS\nAAP ab/cd\n011015 AEST Jun 25\nNNNN\n"
    story = read(text).story
    assert story.extras["teleprinter.end"] == "ENDS\nAAP ab/cd"
    assert story.published == datetime(2025, 6, 1, 10, 15, tzinfo=timezone(timedelta(hours=10)))
    assert story.published.utcoffset() == timedelta(hours=10)


def test_contributor_line_stays_in_the_body() -> None:
    """An end note in a sentence ("X contributed from Y") is body, not an end line."""
    text = "ZCZC\nSYA0001 R A\nHeadline\n\nText.\n\nJane Doe contributed from Perth.\n\nAAP jd\nNNNN\n"
    assert read(text).story.body[-1].text == "Jane Doe contributed from Perth."


def test_cr_cr_lf_line_ends() -> None:
    """The teleprinter's CR CR LF line ends read as LF."""
    text = "ZCZC\r\r\nSYA0001 R A\r\r\nHeadline\r\r\n\r\r\nOne\r\r\nline.\r\r\nNNNN\r\r\n"
    story = read(text.encode("ascii")).story
    assert (story.headline, story.body[0].text) == ("Headline", "One line.")


# --- writing ---------------------------------------------------------------------------------


def test_written_text() -> None:
    """The writer's message, line by line, as the docs page shows it."""
    story = Story(
        headline="Ferry resumes service",
        bylines=[Byline(name="Jane Doe", affiliation="AAP")],
        source=Source(name="AAP"),
        dateline="HOBART",
        published=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        section="A",
        slugline="FERRY",
        priority="U",
        urgency=3,
        body=[Paragraph.plain("The ferry sailed again."), Heading(runs=["Next"], level=2)],
        extras={"teleprinter.dateline-date": "May 1", "teleprinter.end": "AAP jd/ab"},
    )
    assert newsitem.dumps(story, format="teleprinter", lossy=True) == (
        "ZCZC\nTLX0001 U A FERRY\nFerry resumes service\nBy Jane Doe, AAP\n\n"
        "HOBART, May 1 AAP - The ferry sailed again.\n\n## Next\n\nAAP jd/ab\n"
        "010930 GMT May 24\nNNNN\n"
    )


def test_strict_dumps_refuses_loss() -> None:
    """A field the layout cannot carry (a subheadline) makes a strict dumps refuse, naming it."""
    story = Story(headline="Head", subheadline="Sub", body=[Paragraph.plain("Text.")])
    with pytest.raises(SerializeError) as caught:
        newsitem.dumps(story, format="teleprinter")
    assert "subheadline" in caught.value.lost
    written = newsitem.dumps(story, format="teleprinter", lossy=True)
    assert newsitem.loads(written, format="teleprinter") == teleprinter.carried(story)


def test_framing_lines_in_the_text_are_set_off() -> None:
    """A headline or paragraph that reads as ZCZC or NNNN is written indented by a space and reads back."""
    story = Story(headline="NNNN", body=[Paragraph.plain("ZCZC is how a message starts.")])
    written = newsitem.dumps(story, format="teleprinter", lossy=True)
    assert "\n NNNN\n" in written
    assert "\n ZCZC is how" in written
    back = newsitem.loads(written, format="teleprinter")
    assert (back.headline, back.body) == (story.headline, story.body)


@pytest.mark.parametrize(
    "when",
    [
        datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
        datetime(2024, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=14))),
    ],
    ids=["year-1", "year-9999", "plus-14"],
)
def test_a_time_the_gmt_group_cannot_print_as_is_is_refused_strictly(when: datetime) -> None:
    """A published time the GMT date-time group cannot print as it is is refused strictly, naming
    published, and written lossy as carried says."""
    story = Story(headline="H", body=[Paragraph.plain("Text.")], published=when)
    with pytest.raises(SerializeError) as caught:
        newsitem.dumps(story, format="teleprinter")
    assert "published" in caught.value.lost
    written = newsitem.dumps(story, format="teleprinter", lossy=True)
    assert newsitem.loads(written, format="teleprinter") == teleprinter.carried(story)


@pytest.mark.parametrize("path", CLASSIC, ids=lambda p: p.stem)
def test_sample_round_trip(path: Path) -> None:
    """Each sample's story is carried whole (its time the same instant, in GMT) and written reads back as it."""
    story = read(path.read_bytes()).story
    kept = teleprinter.carried(story)
    assert kept == attrs.evolve(story, published=kept.published)  # the date-time group is printed in GMT
    assert kept.published == story.published  # the same instant
    assert newsitem.loads(newsitem.dumps(kept, format="teleprinter"), format="teleprinter") == kept


@given(stories())
def test_round_trip_over_strategies(story: Story) -> None:
    """loads(dumps(carried(s))) == carried(s) over newsitem.strategies, offsets included; a story
    whose every printed character is a control the copy drops (a headline of DEL alone) is
    refused by carried() and by a lossy write alike, never written as a message saying nothing."""
    try:
        kept = teleprinter.carried(story)
    except SerializeError as exc:
        assert "no headline and no text" in str(exc)
        with pytest.raises(SerializeError, match="no headline and no text"):
            newsitem.dumps(story, format="teleprinter", lossy=True)
        return
    back = newsitem.loads(newsitem.dumps(kept, format="teleprinter"), format="teleprinter")
    assert back == kept
    if isinstance(kept.published, datetime):
        assert isinstance(back.published, datetime)
        assert back.published.utcoffset() == kept.published.utcoffset()


_NAMES = st.sampled_from(["Jane Citizen", "Tom Jones", "Ann Lee", "Bob Marsh", "AAP"])
_PLACES = st.sampled_from(["SYDNEY", "MELBOURNE", "PERTH", "Hobart", "WELLINGTON"])
_WORDS = st.lists(
    st.sampled_from(["rain", "fell", "MORE", "ENDS", "ZCZC", "NNNN", "By", "AAP", "-", "2.5"]),
    min_size=1,
    max_size=12,
)


@st.composite
def wire_stories(draw: st.DrawFn) -> Story:
    """Stories of the shapes teleprinter copy has: names, places, agency tags and end-line words."""
    paragraphs = [" ".join(words) for words in draw(st.lists(_WORDS, max_size=4))]
    return Story(
        headline=draw(st.none() | _WORDS.map(" ".join)),
        bylines=[Byline(name=name) for name in draw(st.lists(_NAMES, max_size=2, unique=True))],
        source=draw(st.none() | st.sampled_from(["AAP", "Reuters", "AP"]).map(lambda n: Source(name=n))),
        dateline=draw(st.none() | _PLACES),
        published=draw(st.none() | st.datetimes(timezones=st.just(UTC))),
        priority=draw(st.none() | st.sampled_from(list("FBURDA"))),
        slugline=draw(st.none() | st.sampled_from(["KEY", "A-B", "12", "two words"])),
        ednote=draw(st.none() | _WORDS.map(" ".join)),
        body=[Paragraph.plain(text) for text in paragraphs] or [Paragraph.plain("Text.")],
        extras=draw(
            st.dictionaries(
                st.sampled_from(["teleprinter.take", "teleprinter.end", "teleprinter.word-count"]),
                st.sampled_from(["URGENT", "ENDS", "AAP ab/cd", "12", "MORE"]),
            )
        ),
    )


@given(wire_stories())
def test_round_trip_over_wire_like_stories(story: Story) -> None:
    """loads(dumps(carried(s))) == carried(s) over stories full of the layout's own conventions."""
    kept = teleprinter.carried(story)
    assert newsitem.loads(newsitem.dumps(kept, format="teleprinter"), format="teleprinter") == kept


# --- robustness -----------------------------------------------------------------------------


@given(st.text(alphabet="ZCN \r\n\x7fAB01RU-", max_size=300))
def test_frame_like_text_gives_a_story_or_our_error(text: str) -> None:
    """Text made of framing characters gives a Story or a ParseError/ValidationError, nothing else."""
    try:
        result = newsitem.loads(text, format="teleprinter")
    except newsitem.NewsItemError:
        return
    assert isinstance(result, Story)


@pytest.mark.parametrize(
    "text",
    [
        "ZCZC\n" * 20000,
        "\n" * 200000 + "ZCZC\nSYA0001 R A\nHead\n\nText.\nNNNN\n",
        "ZCZC\nSYA0001 R A\nHead\n\n" + "word  " * 40000 + "\nNNNN\n",
        "ZCZC\nSYA0001 R A\nHead\n\n" + "MORE\n" * 40000 + "NNNN\n",
    ],
    ids=["many-zczc", "many-newlines", "long-spaced-line", "many-more"],
)
def test_large_inputs_are_linear(text: str) -> None:
    """Inputs of a few hundred kilobytes built from the framing's pieces are read in well under a second."""
    start = time.process_time()
    try:
        newsitem.loads(text, format="teleprinter")
    except newsitem.NewsItemError:
        pass
    assert time.process_time() - start < 2.0
