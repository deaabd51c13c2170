"""The wire layouts: ANPA-1312, IPTC 7901 and agency copy (e-mail: tests/test_email.py).

Corpus files (../shared/corpus) and our own samples have their expected stories
in tests/data/<layout>/<name>.expected.json (and their notes, when any, in
<name>.expected.notes); bad input is tests/data/<layout>/invalid/<case> with its
``line:column: message`` in <case>.expected (checked for every format by
tests/test_invalid.py; arbitrary bytes by tests/test_contract.py). Then detection,
dates, fuzzing of the layouts' own pieces and the writers' round trips.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Byline, Paragraph, ParseError, SerializeError, Source, Story, ValidationError
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import agency, anpa, iptc7901
from newsitem.strategies import stories

from .conftest import DATA, SHARED

CORPUS = SHARED / "corpus"
LAYOUTS = {"anpa": "anpa", "iptc7901": "iptc7901", "agency-copy": "agency-copy"}
SAMPLES = [
    (layout, path)
    for layout in LAYOUTS
    for path in sorted((DATA / layout).iterdir())
    if path.is_file() and ".expected" not in path.name
]


def corpus(name: str) -> bytes:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"needs the shared corpus at {path} (CI has it; a user's clone does not)")
    return path.read_bytes()


def expected_notes(path: Path) -> list[str]:
    """The notes written beside an expected story (``<name>.expected.notes``, one per line), or none."""
    notes = path.with_name(path.name.removesuffix(".expected.json") + ".expected.notes")
    return notes.read_text("utf-8").splitlines() if notes.exists() else []


CORPUS_FILES = (
    [
        (layout, name)
        for layout in ("anpa", "iptc7901")
        for name in sorted(p.name for p in (CORPUS / layout).iterdir() if p.is_file())
    ]
    if (CORPUS / "anpa").exists()
    else []
)


@pytest.mark.parametrize(("layout", "name"), CORPUS_FILES, ids=str)
def test_corpus_file(layout: str, name: str) -> None:
    """A corpus file reads to exactly its expected story in tests/data/<layout>/, with its expected notes."""
    expected_path = DATA / layout / (name.rsplit(".", 1)[0] + ".expected.json")
    reading = newsitem.read(corpus(f"{layout}/{name}"), layout=layout)
    assert reading.story == newsitem.load(expected_path)
    assert [str(note) for note in reading.notes] == expected_notes(expected_path)


def test_every_corpus_file_has_an_expected_story() -> None:
    """Each ANPA and IPTC 7901 corpus file has its expected story written out (none pending)."""
    assert CORPUS_FILES or not CORPUS.exists()
    for layout, name in CORPUS_FILES:
        assert (DATA / layout / (name.rsplit(".", 1)[0] + ".expected.json")).exists(), name


class TestSamples:
    """tests/data/<layout>: at least eight samples per layout, each beside its expected story."""

    @pytest.mark.parametrize("layout", list(LAYOUTS))
    def test_enough_samples(self, layout: str) -> None:
        """Each layout has at least eight samples of its own."""
        assert sum(1 for sample in SAMPLES if sample[0] == layout) >= 8

    @pytest.mark.parametrize(("layout", "path"), SAMPLES, ids=lambda p: getattr(p, "stem", p))
    def test_sample(self, layout: str, path: Path) -> None:
        """The sample reads to exactly its expected story, with its expected notes."""
        expected_path = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
        reading = newsitem.read(path.read_bytes(), layout=layout)
        assert reading.story == newsitem.load(expected_path)
        assert [str(note) for note in reading.notes] == expected_notes(expected_path)

    @pytest.mark.parametrize(("layout", "path"), SAMPLES, ids=lambda p: getattr(p, "stem", p))
    def test_sample_detected(self, layout: str, path: Path) -> None:
        """Every sample is recognised as its layout, with a reason."""
        found = newsitem.detect(path.read_bytes())
        assert found.layout == layout, found.reason
        assert found.reason


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        *(
            (f"anpa/{n}", "anpa")
            for n in ("anpa-1.tst", "anpa-2.tst", "anpa-3.tst", "ap_anpa-1.tst", "ap_anpa-4.tst")
        ),
        *((f"iptc7901/{n}", "iptc7901") for n in ("IPTC7901.txt", "dpa_four_line.txt", "dpa_two_line.txt")),
        ("anpa/ap_anpa-2.tst", "anpa"),
        ("anpa/ap_anpa-3.tst", "anpa"),
    ],
)
def test_corpus_detected(name: str, layout: str) -> None:
    """Corpus files are detected as their layout, and parse() reads them as loads() does."""
    found = newsitem.detect(corpus(name))
    assert found.layout == layout
    assert newsitem.parse(corpus(name)) == newsitem.loads(corpus(name), format=layout)


class TestDates:
    def test_cp_trailer_is_eastern_time_on_that_date(self) -> None:
        """A Canadian Press trailer's ET is the New York offset on that date."""
        story = anpa.loads((DATA / "anpa" / "an04-cp-continuations.tst").read_bytes())
        assert story.published == datetime(2013, 11, 13, 14, 35, tzinfo=timezone(timedelta(hours=-5)))

    def test_sign_off_time_stays_naive_unless_a_zone_is_given(self) -> None:
        """A Bay City sign-off has no zone: naive, or read in tz= when given."""
        data = (DATA / "anpa" / "an05-baycity-sign-off.tst").read_bytes()
        assert anpa.loads(data).published == datetime(1995, 4, 21, 14, 22)
        pacific = anpa.loads(data, tz="America/Los_Angeles").published
        assert pacific == datetime(1995, 4, 21, 14, 22, tzinfo=timezone(timedelta(hours=-7)))

    def test_dtg_without_gmt_stays_naive(self) -> None:
        """An IPTC 7901 date-time group without GMT is naive, or read in tz= when given."""
        data = (DATA / "iptc7901" / "ip05-german-month-naive.txt").read_bytes()
        assert iptc7901.loads(data).published == datetime(2021, 12, 1, 10, 30)
        assert iptc7901.loads(data, tz="Europe/Berlin").published == datetime(
            2021, 12, 1, 10, 30, tzinfo=timezone(timedelta(hours=1))
        )

    @pytest.mark.parametrize(
        ("stamp", "expected"),
        [
            (
                "3:45 p.m. CST, Tue March 5, 2024",
                datetime(2024, 3, 5, 15, 45, tzinfo=timezone(timedelta(hours=-6))),
            ),
            ("03/05/2022 10:15 AEST", datetime(2022, 5, 3, 10, 15, tzinfo=timezone(timedelta(hours=10)))),
            ("03/05/2022 10:15 ET", datetime(2022, 3, 5, 10, 15, tzinfo=timezone(timedelta(hours=-5)))),
            ("07/05/2022 10:15 ET", datetime(2022, 7, 5, 10, 15, tzinfo=timezone(timedelta(hours=-4)))),
            ("25/12/2021 9:00", datetime(2021, 12, 25, 9, 0)),
            ("Dec 22 2:02 p.m. ET", None),  # no year: no date
            ("March 2024 10:15 GMT", None),  # no day: no date
            ("1 March 2024 10:15 GMT", datetime(2024, 3, 1, 10, 15, tzinfo=UTC)),
            ("12.30 BST 6 Jan 2022", datetime(2022, 1, 6, 12, 30, tzinfo=timezone(timedelta(hours=1)))),
        ],
    )
    def test_stamps(self, stamp: str, expected: datetime | None) -> None:
        """Agency copy's free-form stamps: zone names, day-first unless North American, no year no date."""
        assert agency._stamp_time(stamp)[0] == expected

    @given(st.text(max_size=60))
    def test_any_stamp_gives_a_time_or_none(self, text: str) -> None:
        """Whatever follows a clock in a stamp, dateutil's reading gives a time or None, never an exception."""
        value, note = agency._stamp_time("10:15 " + text)
        assert value is None or isinstance(value, datetime)
        assert note is None or "first" in note

    def test_impossible_day_first_is_swapped_with_a_note(self) -> None:
        """An impossible day-first date is read month-first, and a date-guessed note says so."""
        data = b"Headline\nPublished: 12/25/2021 9:00 AEDT\n\nSYDNEY (AAP) - Text of the story goes here.\n"
        reading = newsitem.read(data, layout="agency-copy")
        assert reading.story.published == datetime(2021, 12, 25, 9, 0, tzinfo=timezone(timedelta(hours=11)))
        assert [(n.code, n.line) for n in reading.notes] == [("date-guessed", 2)]
        assert "day-first" in reading.notes[0].message

    def test_reuters_date_without_year_is_no_date(self) -> None:
        """A dateline date without a year (Reuters' Dec 22) is kept in extras, not read as published."""
        story = newsitem.loads(
            (DATA / "agency-copy" / "ac02-reuters-update.txt").read_bytes(), format="agency-copy"
        )
        assert story.published is None
        assert story.extras["agency-copy.dateline-date"] == "Dec 22"


class TestBadInput:
    """Errors name the file they came from."""

    def test_load_names_the_file(self, tmp_path: Path) -> None:
        """load() puts the file name before the position."""
        path = tmp_path / "bad.tst"
        path.write_bytes(b"nothing")
        with pytest.raises(ParseError, match=r"bad\.tst:1:1: expected SOH"):
            newsitem.load(path, format="anpa")


READERS = [anpa.loads, iptc7901.loads, agency.loads]


_WIRE_PIECES = st.sampled_from(
    [
        "\x16\x16\x01",
        "W2870\x1fasian\n",
        "r a\x13\x11 BC-US--X 11-13 0100\r\n",
        "\x02",
        "\x03",
        "\x04",
        "\x01",
        "^By A and B=\r\n",
        "^Head<\r\n",
        "\t   PARIS (AP) _ Text.\r\n",
        "AP-WF-11-13-13 1509GMT<",
        " \r\n",
        "\x08a;b\x10 \r\n",
        "eca062 4 i 211  dpa 061\r\n",
        "Key/word/\r\n",
        "\n",
        "Title =\r\n",
        "Berlin (dpa) - Text\r\n",
        "# Notebook\r\n",
        "* * * *\r\n",
        "131137 GMT Nov 13",
        "\x7f",
        "From: a@b\r\n",
        "Subject: =?utf-8?q?x?=\r\n",
        "Date: Tue, 1 Jan 2019 00:00 +0000\r\n",
        "\r\n",
        "By Jane Doe\n",
        "LONDON, Dec 22 (Reuters) - Text.\n",
        "© 2021 AFP\n",
        "___\n",
        "lb/jh\n",
        "x",
    ]
)


@pytest.mark.parametrize("reader", READERS, ids=["anpa", "iptc7901", "agency-copy"])
@given(parts=st.lists(_WIRE_PIECES, max_size=25))
def test_arbitrary_arrangements_raise_only_our_errors(reader: Any, parts: list[str]) -> None:
    """Any arrangement of the layouts' own pieces, as text or bytes, gives a Story or one of our errors."""
    data = "".join(parts)
    for form in (data, data.encode("utf-8"), data.encode("utf-8").replace(b"\r\n", b"\n")):
        try:
            story = reader(form)
        except (ParseError, ValidationError):
            continue
        assert isinstance(story, Story)


# --- writers: the round trip on each layout's projection -------------------------------------

WORD = st.from_regex(r"[a-zà-ÿ]{1,7}", fullmatch=True)
TEXT = (
    st.lists(WORD, min_size=3, max_size=14)
    .filter(lambda words: words[0] not in iptc7901._AGENCY_MNEMONICS)  # "dpa ab cd" is a desk-initials line
    .map(" ".join)
)
NAME = st.tuples(
    st.from_regex(r"[A-Z][a-zé]{1,7}", fullmatch=True), st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
).map(" ".join)
PLACE = st.from_regex(r"[A-Z]{3,8}(?: [A-Z]{3,8})?(?:, [A-Z][a-z]{2,7})?", fullmatch=True)
MINUTES = st.datetimes(
    min_value=datetime(1950, 1, 2), max_value=datetime(2049, 12, 30), timezones=st.just(UTC)
).map(lambda d: d.replace(second=0, microsecond=0))


def _body(draw: st.DrawFn, *, tables: bool = False) -> list[Paragraph]:
    paragraph = TEXT
    if tables:
        paragraph = paragraph | st.lists(
            st.from_regex(r"[A-Za-z]{1,6}(?:;[0-9]{1,3}){1,4}", fullmatch=True), min_size=2, max_size=4
        ).map("\n".join)
    return [Paragraph.plain(text) for text in draw(st.lists(paragraph, min_size=1, max_size=4))]


@st.composite
def anpa_stories(draw: st.DrawFn) -> Story:
    names = draw(st.lists(NAME, max_size=3))
    title = draw(st.none() | st.sampled_from(["AP Sports Writer", "Associated Press Writer"]))
    source = draw(
        st.none() | st.sampled_from(["Associated Press", "The Canadian Press", "Harbour Weekly", "AP"]) | NAME
    )
    agency = draw(st.none() | st.just("AP"))
    story = Story(
        headline=draw(TEXT),
        summary=draw(st.none() | TEXT),
        bylines=[Byline(name=n, title=title) for n in names],
        source=None if source is None else Source(name=source),
        published=draw(st.none() | MINUTES),
        dateline=draw(st.none() | PLACE),
        section=draw(st.sampled_from("aeifs")),
        slugline=draw(st.none() | st.from_regex(r"BC-[A-Z]{2}--[A-Za-z]{1,10}", fullmatch=True)),
        priority=draw(st.sampled_from("fbur")),
        body=_body(draw, tables=True),
        extras={"anpa.dateline-agency": agency} if agency else {},
    )
    return story


@st.composite
def iptc_stories(draw: st.DrawFn) -> Story:
    names = draw(st.lists(NAME, max_size=3))
    affiliation = draw(st.none() | st.sampled_from(["dpa", "AFP"]))
    return Story(
        headline=draw(TEXT),
        bylines=[Byline(name=n, affiliation=affiliation) for n in names],
        source=draw(
            st.none() | st.sampled_from(["dpa", "Belga", "Harbour Weekly"]).map(lambda n: Source(name=n))
        ),
        published=draw(st.none() | MINUTES),
        dateline=draw(st.none() | PLACE),
        section=draw(st.from_regex(r"[a-z]{1,3}", fullmatch=True)),
        slugline=draw(st.none() | st.from_regex(r"[A-Za-z]{1,8}(?:/[A-Za-z-]{1,8}){0,3}", fullmatch=True)),
        priority=draw(st.sampled_from("123456789")),
        body=_body(draw),
        extras={"iptc7901.dateline-agency": "dpa"} if draw(st.booleans()) else {},
    )


WRITERS = [(anpa, anpa_stories()), (iptc7901, iptc_stories())]


@pytest.mark.parametrize(("module", "strategy"), WRITERS, ids=["anpa", "iptc7901"])
@given(data=st.data())
def test_round_trip_of_the_projection(
    module: Any, strategy: st.SearchStrategy[Story], data: st.DataObject
) -> None:
    """What a layout carries of a story writes strictly, reads back equal and is detected as that layout."""
    story = module.carried(data.draw(strategy))
    written = module.dumps(story)  # strict: the projection loses nothing
    assert module.loads(written) == story
    assert newsitem.detect(written).layout == module.__name__.rsplit(".", 1)[-1]


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
@given(story=stories())
def test_any_story_writes_lossy_and_reads_back_as_a_story(module: Any, story: Story) -> None:
    """Any story written with lossy=True (or refused with SerializeError) reads back as a Story."""
    try:
        written = module.dumps(story, lossy=True)
    except SerializeError:
        return
    assert isinstance(module.loads(written), Story)


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
def test_strict_dumps_names_what_would_be_lost(module: Any) -> None:
    """A strict write of fields the layout cannot carry is refused, naming them; lossy=True writes."""
    story = Story(headline="A headline", embargoed=datetime(2020, 1, 1, tzinfo=UTC), subheadline="sub")
    with pytest.raises(SerializeError, match="cannot carry subheadline, embargoed; pass lossy=True"):
        module.dumps(story)
    assert module.loads(module.dumps(story, lossy=True)).headline == "A headline"


def test_iptc_writer_wraps_at_69_with_crlf_soft_wraps() -> None:
    """IPTC 7901 body lines are soft-wrapped at 69 columns with CR LF."""
    story = Story(
        headline="Wrap test", section="i", priority="3", body=[Paragraph.plain(" ".join(["word"] * 40))]
    )
    written = iptc7901.dumps(story)
    body = written.split(b"\x02", 1)[1].split(b"\x03", 1)[0]
    lines = body.split(b"\n")
    assert max(len(line.rstrip(b"\r")) for line in lines) <= 69
    assert b"word word\r\n" in body


class TestCarried:
    """carried() states what the reader gives back of a written story, its conventions included."""

    @pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
    def test_a_paragraph_read_as_a_dateline_is_stated(self, module: Any) -> None:
        """A first paragraph that opens like a dateline is carried as the dateline and tag it reads back as."""
        story = Story(headline="  H  ", body=[Paragraph.plain("PARIS (AFP) - Text here.")])
        kept = module.carried(story)
        assert (kept.headline, kept.dateline, kept.body) == ("H", "PARIS", (Paragraph.plain("Text here."),))
        assert kept.source == Source(name="AFP")
        assert module.loads(module.dumps(story, lossy=True)) == kept

    @pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
    def test_strict_write_refuses_what_the_reader_would_reinterpret(self, module: Any) -> None:
        """A strict write names the fields the reader's conventions would change instead of changing them."""
        story = Story(headline="  H  ", body=[Paragraph.plain("PARIS (AFP) - Text here.")])
        with pytest.raises(SerializeError, match="cannot carry headline, body; pass lossy=True"):
            module.dumps(story)

    def test_settle_returns_the_text_of_a_story_that_stood(self) -> None:
        """The shared settle gives the writer's text back only for a story that reads back as itself."""
        story = anpa.carried(Story(headline="Ferry resumes service", body=[Paragraph.plain("It sailed.")]))
        kept, written = _wire.settle(story, anpa._write, anpa.loads)
        assert kept == story
        assert written == anpa.dumps(story)
        moved = attrs.evolve(anpa.carried(Story(headline="H")), body=[Paragraph.plain("PARIS (AFP) - Text.")])
        settled, text = _wire.settle(moved, anpa._write, anpa.loads, rounds=2)
        assert (settled.dateline, text is not None) == ("PARIS", True)
        assert text is not None and anpa.loads(text) == settled

    def test_settle_refuses_a_story_that_does_not_stand(self) -> None:
        """A story whose text still reads back otherwise after the last round is a SerializeError, not returned."""
        moved = attrs.evolve(anpa.carried(Story(headline="H")), body=[Paragraph.plain("PARIS (AFP) - Text.")])
        with pytest.raises(SerializeError, match="does not read back as itself in 1 rounds"):
            _wire.settle(moved, anpa._write, anpa.loads, rounds=1)

    def test_settle_refuses_a_story_whose_text_its_reader_refuses(self) -> None:
        """Text the layout's reader refuses is a SerializeError naming the reader's error, never a carried story."""
        story = anpa.carried(Story(headline="Ferry resumes service", body=[Paragraph.plain("It sailed.")]))
        with pytest.raises(SerializeError, match=r"reads back with an error: .*expected SOH") as caught:
            _wire.settle(story, anpa._write, lambda _: anpa.loads(b"nothing"))
        assert caught.value.format == "anpa"

    def test_settle_leaves_a_refused_story_as_it_was(self) -> None:
        """A story the writer refuses is returned unchanged, without text, by the shared settle."""
        story = Story(headline="H", priority="12")
        assert _wire.settle(story, anpa._write, anpa.loads) == (story, None)

    @pytest.mark.parametrize(
        ("text", "line"), [("  a  b  ", "a  b"), ("a\u2028b\x85", "a\u2028b"), (" \xa0", None), (None, None)]
    )
    def test_one_line_values_lose_white_space_at_their_ends(self, text: str | None, line: str | None) -> None:
        """one_line trims what a line reader trims (Unicode white space included) and gives None for a blank."""
        assert _wire.one_line(text) == line

    def test_collapsed_text_is_what_a_wrapped_reader_joins(self) -> None:
        """collapsed turns runs of white space, separators included, into one space and a blank into None."""
        assert _wire.collapsed(" a\u2029\tb \n") == "a b"
        assert _wire.collapsed("\u2028 ") is None


_TRICKY_WORDS = st.sampled_from(
    ["by", "By", "and", "&", "-", "--", "_", "Eds:", "HL:", "Note:", "code:", "AP", "Photo", "All", "Times",
     "The", "Associated", "Press", "PARIS", "(AP)", "(AFP)", "Dec", "22", "News", "Staff", "Writer", "Ferry",
     "BC-Ferry", "x.", "./.", "dpa", "ab", "#", "* * *", "=", "<", "UPDATE", "2-", "(2)", "REFILE", "von", "Von",
     "Jan,", "14/06", "Ed", "Ann,", '"q"', "MORE", "URGENT", "(Eil)", "ap", "/", "wx", "GMT"]
)  # fmt: skip
_TRICKY_LINES = st.lists(_TRICKY_WORDS, min_size=1, max_size=6).map(" ".join)
_TRICKY_EXTRAS = st.dictionaries(
    st.sampled_from(
        [f"anpa.{key}" for key in ("service-level", "story-number", "selector", "format", "version", "reference",
                                   "word-count", "slug-line", "photos", "editor-note", "time-note", "end-notes",
                                   "trailer-prefix")]
        + [f"iptc7901.{key}" for key in ("service", "number", "word-count", "optional", "notebook",
                                         "not-for-publication", "initials")]
    ),
    _TRICKY_LINES
    | st.sampled_from(["AP Photo X1", "Eds: With photos.", "All times EST", "AP-WF", "BC-Ferry--x,466", "W", "2870",
                       "asian", "text", "tabular", "AB12", "1049", "1st Ld-Writethru", "A\nB", "x<", "ab1234p1/2/34",
                       "Eds: a\nAll times b", "Note: x", "12-34", " x", "^x", "code: 1", "eca", "062", "dpa 061",
                       "ccccb   dpa 061", "# dpa NOTEBOOK", "## x\n- y", "The following information is not for "
                       "publication\n## dpa Contacts", "dpa wsz jln", "./. ab", "* * *", "a\n\nb", "dpa ab"]),
    max_size=4,
)  # fmt: skip


@st.composite
def tricky_stories(draw: st.DrawFn) -> Story:
    """Stories whose values (and ANPA and IPTC 7901 extras) are made of the words the wire layouts' rules look for."""
    people = draw(st.integers(0, 3))
    return Story(
        headline=draw(_TRICKY_LINES),
        summary=draw(st.none() | _TRICKY_LINES),
        bylines=[
            Byline(name=draw(_TRICKY_LINES), title=draw(st.none() | _TRICKY_LINES)) for _ in range(people)
        ],
        source=draw(st.none() | _TRICKY_LINES.map(lambda name: Source(name=name))),
        published=draw(st.none() | st.just(datetime(2020, 1, 2, 3, 4, tzinfo=UTC))),
        dateline=draw(st.none() | st.sampled_from(["PARIS", "NEW YORK", "Paris", "BC-X"])),
        slugline=draw(st.none() | st.sampled_from(["Ferry", "BC-Ferry", "AP-X", "Ferry resumes"])),
        body=[Paragraph.plain(text) for text in draw(st.lists(_TRICKY_LINES, max_size=4))],
        extras=draw(_TRICKY_EXTRAS),
    )


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
@given(story=tricky_stories())
def test_the_settles_pre_check_skips_only_stories_that_stand(module: Any, story: Story) -> None:
    """What carried() keeps of text made of the conventions' own words reads back as itself, pre-checked or settled."""
    kept = module.carried(story)
    try:
        written = module.dumps(kept)
    except SerializeError as exc:  # an IPTC 7901 headline that is a take marker cannot be printed
        assert module is iptc7901 and "reads as a take marker" in str(exc)
        return
    assert module.loads(written) == kept


def test_iptc_refuses_a_headline_it_would_read_as_a_take_marker() -> None:
    """An IPTC 7901 headline that is a take marker ("UPDATE") is refused, even lossy, not written unreadable."""
    with pytest.raises(SerializeError, match="reads as a take marker"):
        iptc7901.dumps(Story(headline="UPDATE"), lossy=True)


def test_anpa_writes_a_headline_it_would_read_as_another_line_under_hl() -> None:
    """An ANPA headline that looks like a By line or a key goes under HL: and reads back as the headline."""
    for headline in ("By the river", "Note: rates rise", "Eds: a headline"):
        story = anpa.carried(Story(headline=headline))
        assert b"^HL: " in anpa.dumps(story)
        assert anpa.loads(anpa.dumps(story)).headline == headline
