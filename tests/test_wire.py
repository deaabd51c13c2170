"""The wire layouts: ANPA-1312, IPTC 7901 and agency copy (e-mail: tests/test_email.py).

Corpus files have their expected values written out here (read off the files
by hand); our own samples sit in tests/data/<layout>/ beside their expected
stories. Then detection, bad input, fuzzing and the writers' round trips.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Byline, Paragraph, ParseError, SerializeError, Source, Story
from newsitem.formats.layouts import agency, anpa, iptc7901
from newsitem.strategies import stories

from .conftest import DATA, SHARED

CORPUS = SHARED / "corpus"
LAYOUTS = {"anpa": "anpa", "iptc7901": "iptc7901", "agency-copy": "agency-copy"}
SAMPLES = [
    (layout, path)
    for layout in LAYOUTS
    for path in sorted((DATA / layout).iterdir())
    if path.is_file() and not path.name.endswith(".expected.json")
]


def corpus(name: str) -> bytes:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"needs the shared corpus at {path} (CI has it; a user's clone does not)")
    return path.read_bytes()


def check(story: Story, **expected: Any) -> None:
    """Compare the named fields; ``first``/``last``/``paragraphs`` check the body, ``extras`` a subset."""
    for name, value in expected.items():
        if name == "first":
            assert story.body[0].text.startswith(value), story.body[0].text[:100]
        elif name == "last":
            assert story.body[-1].text.endswith(value), story.body[-1].text[-100:]
        elif name == "paragraphs":
            assert len(story.body) == value
        elif name == "extras":
            for key, item in value.items():
                assert story.extras.get(key) == item, key
        elif name == "names":
            assert [b.name for b in story.bylines] == value
        else:
            assert getattr(story, name) == value, name


class TestAnpaCorpus:
    def test_anpa_1(self) -> None:
        story = anpa.loads(corpus("anpa/anpa-1.tst"))
        check(
            story,
            headline="For Argentine chemo patients, mirrors can hurt",
            names=["PAUL BYRNE", "ALMUDENA CALATRAVA"],
            source=Source(name="Associated Press"),
            published=datetime(2013, 11, 13, 15, 9, tzinfo=UTC),
            dateline="BUENOS AIRES, Argentina",
            section="l",
            slugline="BC-LT--Argentina-CancerB",
            priority="f",
            urgency=1,
            first="For cancer patients dealing with the physical",
            last="from there on, it's all about getting better.''",
            paragraphs=13,
            extras={
                "anpa.service-level": "W",
                "anpa.story-number": "2870",
                "anpa.selector": "asian",
                "anpa.word-count": "1049",
                "anpa.file-date": "11-13",
                "anpa.slug-line": "BC-LT--Argentina-Cancer Beauty,466",
                "anpa.photos": "AP Photo XNP101, XNP102, XNP103, XNP104, XNP105, XNP106",
                "anpa.editor-note": "Eds: With AP Photos.",
                "anpa.dateline-agency": "AP",
                "anpa.end-notes": "APTN contributor Kacey Cherry in Buenos Aires helped with this story.",
                "anpa.format": "text",
            },
        )
        assert "``Look Good Feel Better'' is a program" in story.body[1].text  # escapes kept as sent

    def test_anpa_2_writethru_and_two_notes(self) -> None:
        story = anpa.loads(corpus("anpa/anpa-2.tst"))
        check(
            story,
            headline="Prairies vanish in the US push for green energy",
            names=["CHET BROKAW", "JACK GILLUM"],
            dateline="ROSCOE, South Dakota",
            published=datetime(2013, 11, 13, 7, 45, tzinfo=UTC),
            priority="r",
            urgency=5,
            section="a",
            extras={
                "anpa.version": "1stLd-Writethru",
                "anpa.word-count": "1693",
                "anpa.editor-note": "Eds: Restores reference in 3rd paragraph to years when fuel became No. 1 use"
                " for corn. Adds video link. With AP Photos. AP Video. For global distribution\n"
                "EDITOR'S NOTE _ This is part of an Associated Press investigation into the hidden costs of"
                " green energy.",
            },
        )
        assert story.extras["anpa.end-notes"].startswith("Gillum reported from Washington.")
        assert any(" _ more than Yellowstone" in p.text for p in story.body)

    def test_anpa_3_weather_table_is_preformatted(self) -> None:
        story = anpa.loads(corpus("anpa/anpa-3.tst"))
        check(
            story,
            headline="Global Weather-Fahrenheit",  # no headline line: from the slug line, recorded
            dateline="NEW YORK",
            section="i",
            priority="u",
            urgency=3,
            source=Source(name="AP"),
            published=datetime(2013, 11, 13, 7, 13, tzinfo=UTC),
            extras={"anpa.headline-from": "slug line", "anpa.format": "agate tabular"},
        )
        rows = story.body[0].text.split("\n")
        assert rows[1] == ";MIN;MAX;COND;PRECIP;MIN;MAX;COND;MIN;MAX;COND"
        assert rows[2] == "Amsterdam;42;50;rn;0.08;39;52;pc;39;48;rn"
        assert "Zurich;28;39;pc;0.00;28;43;pc;34;43;pc" in rows
        assert story.body[-1].text.endswith("Source: Weather Underground")
        assert all(p.text != "END" for p in story.body)

    def test_ap_anpa_1_title_line_and_notebook(self) -> None:
        story = anpa.loads(corpus("anpa/ap_anpa-1.tst"))
        check(
            story,
            headline="Deng has 30 points, short-handed Heat beat Hawks 115-111",
            bylines=(Byline(name="CHARLES ODUM", title="AP Sports Writer"),),
            source=Source(name="AP"),  # the credit line is a title; the dateline tag names the agency
            dateline="ATLANTA",
            published=datetime(2016, 2, 20, 3, 37, tzinfo=UTC),
            section="z",
            slugline="BC-BKN--Heat-Hawks",
            paragraphs=12,
            last="Atlanta scored the final seven points of the period.",
        )
        assert story.summary is not None and story.summary.startswith("Luol Deng scored 30 points")
        assert story.extras["anpa.end-notes"].startswith("TIP-INS\nHeat: The Heat won the season series 3-1.")
        assert story.extras["anpa.end-notes"].endswith("Hawks: Host Milwaukee on Saturday night.")

    def test_ap_anpa_2_agate_standings(self) -> None:
        story = anpa.loads(corpus("anpa/ap_anpa-2.tst"))
        check(
            story,
            headline="Baseball Expanded Standings",
            bylines=(),
            source=Source(name="The Associated Press"),
            published=datetime(2016, 5, 17, 6, 20, tzinfo=UTC),
            extras={"anpa.time-note": "All Times EDT", "anpa.format": "agate tabular"},
        )
        texts = [p.text for p in story.body]
        assert texts[:2] == ["AMERICAN LEAGUE", "East Division"]
        assert "Tampa Bay;17;19;.472;6;3{;5-5;W-1;10-11;7-8" in texts[2].split("\n")  # DLE space band
        assert "Tuesday's Games" in texts
        assert texts[-1].endswith("San Francisco at San Diego, 10:10 p.m.")

    def test_ap_anpa_3_short(self) -> None:
        story = anpa.loads(corpus("anpa/ap_anpa-3.tst"))
        check(
            story,
            headline="$210 lobster is found dead",
            dateline="CHATHAM, Mass.",
            body=(Paragraph.plain("A lobster died."),),
            published=datetime(2016, 8, 29, 16, 26, tzinfo=UTC),
            slugline="BC-US--GiantLobsterDeath",
            extras={
                "anpa.editor-note": "Eds: APNewsNow. Changes short headline. New approach.",
                "anpa.selector": "glbsm",
                "anpa.service-level": "G",
            },
        )

    def test_ap_anpa_4(self) -> None:
        story = anpa.loads(corpus("anpa/ap_anpa-4.tst"))
        check(
            story,
            headline="AP Exclusive: China lawyer's family says US helped them flee",
            names=["GERRY SHIH"],
            source=Source(name="Associated Press"),
            dateline="BEIJING",
            published=datetime(2017, 5, 9, 0, 56, tzinfo=UTC),
            paragraphs=24,
            last="``Now, what can they do?''",
            extras={"anpa.version": "3rdLd-Writethru", "anpa.photos": "AP Photo XHG401, XHG102, XBEJ101"},
        )
        assert story.extras["anpa.editor-note"].startswith("(Eds: Minor edits.")


class TestIptcCorpus:
    def test_generic(self) -> None:
        story = iptc7901.loads(corpus("iptc7901/IPTC7901.txt"))
        check(
            story,
            headline="Germany Social Democrats: Coalition talks with Merkel could fail",
            source=Source(name="dpa"),
            published=datetime(2013, 11, 13, 11, 37, tzinfo=UTC),
            dateline="Berlin",
            section="i",
            slugline="Germany-politics",
            priority="4",
            urgency=4,
            paragraphs=5,
            first="Negotiations between German conservatives headed by Chancellor Angela Merkel and",
            last="allow Merkel to be sworn in for a third term before Christmas.",
            extras={
                "iptc7901.service": "eca",
                "iptc7901.number": "062",
                "iptc7901.word-count": "211",
                "iptc7901.optional": "ccccb   dpa 061",
                "iptc7901.notebook": "# dpa NOTEBOOK",
                "iptc7901.initials": "dpa wsz jln npr",
            },
        )
        assert story.extras["iptc7901.not-for-publication"].startswith(
            "The following information is not for publication\n## dpa Contacts"
        )

    def test_dpa_four_line_title(self) -> None:
        story = iptc7901.loads(corpus("iptc7901/dpa_four_line.txt"))
        check(
            story,
            headline="Switzerland joins list of countries resisting UN migration pact",
            bylines=(),  # "By dpa correspondents" names no person
            source=Source(name="dpa"),
            published=datetime(2018, 11, 21, 23, 22, tzinfo=UTC),
            dateline="Geneva",
            slugline="Switzerland/migration/UN",
            priority="3",
            paragraphs=15,
            first="Switzerland is joining a growing number of countries that will refrain from",
            last="Austria, Australia, Bulgaria, Croatia, the Czech Republic, Estonia, Hungary, Israel, Poland"
            " and the United States.",
            extras={
                "iptc7901.take": "REFILE\n1ST LEAD",
                "iptc7901.byline": "dpa correspondents",
                "iptc7901.initials": "dpa al rmo hct rmo",
                "iptc7901.charset": "windows-1252",  # a 0xA0 byte: not UTF-8, recorded
            },
        )
        assert story.extras["iptc7901.notebook"].startswith("# Notebook\n## Refile")
        assert "Helen\u00a0Corbett" in story.extras["iptc7901.not-for-publication"]

    def test_dpa_two_line(self) -> None:
        story = iptc7901.loads(corpus("iptc7901/dpa_two_line.txt"))
        check(
            story,
            headline="Peace talks on Yemen to take place in Sweden next month, Mattis says",
            published=datetime(2018, 11, 21, 21, 1, tzinfo=UTC),
            dateline="Washington",
            slugline="Yemen/conflict",
            paragraphs=4,
            last="in recent days it has decreased considerably.",
            extras={
                "iptc7901.take": "EXTRA",
                "iptc7901.notebook": "# Notebook\n## Internet links\n- [DOD news](http://dpaq.de/3UXnb)",
                "iptc7901.initials": "dpa grj rmo",
                "iptc7901.word-count": "93",
            },
        )


class TestSamples:
    """tests/data/<layout>: at least eight samples per layout, each beside its expected story."""

    @pytest.mark.parametrize("layout", list(LAYOUTS))
    def test_enough_samples(self, layout: str) -> None:
        assert sum(1 for sample in SAMPLES if sample[0] == layout) >= 8

    @pytest.mark.parametrize(("layout", "path"), SAMPLES, ids=lambda p: getattr(p, "stem", p))
    def test_sample(self, layout: str, path: Path) -> None:
        expected_path = path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")
        expected = newsitem.loads(expected_path.read_bytes())
        assert newsitem.loads(path.read_bytes(), format=layout) == expected

    @pytest.mark.parametrize(("layout", "path"), SAMPLES, ids=lambda p: getattr(p, "stem", p))
    def test_sample_detected(self, layout: str, path: Path) -> None:
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
    found = newsitem.detect(corpus(name))
    assert found.layout == layout
    assert newsitem.parse(corpus(name)) == newsitem.loads(corpus(name), format=layout)


class TestDates:
    def test_cp_trailer_is_eastern_time_on_that_date(self) -> None:
        story = anpa.loads((DATA / "anpa" / "an04-cp-continuations.tst").read_bytes())
        assert story.published == datetime(2013, 11, 13, 14, 35, tzinfo=timezone(timedelta(hours=-5)))

    def test_sign_off_time_stays_naive_unless_a_zone_is_given(self) -> None:
        data = (DATA / "anpa" / "an05-baycity-sign-off.tst").read_bytes()
        assert anpa.loads(data).published == datetime(1995, 4, 21, 14, 22)
        pacific = anpa.loads(data, tz="America/Los_Angeles").published
        assert pacific == datetime(1995, 4, 21, 14, 22, tzinfo=timezone(timedelta(hours=-7)))

    def test_dtg_without_gmt_stays_naive(self) -> None:
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
        ],
    )
    def test_stamps(self, stamp: str, expected: datetime | None) -> None:
        """Agency copy's free-form stamps: zone names, day-first unless North American, no year no date."""
        assert agency._stamp_time(stamp)[0] == expected

    def test_impossible_day_first_is_swapped_with_a_note(self) -> None:
        """An impossible day-first date is read month-first, and a date-guessed note says so."""
        data = b"Headline\nPublished: 12/25/2021 9:00 AEDT\n\nSYDNEY (AAP) - Text of the story goes here.\n"
        reading = newsitem.read(data, layout="agency-copy")
        assert reading.story.published == datetime(2021, 12, 25, 9, 0, tzinfo=timezone(timedelta(hours=11)))
        assert [(n.code, n.line) for n in reading.notes] == [("date-guessed", 2)]
        assert "day-first" in reading.notes[0].message

    def test_reuters_date_without_year_is_no_date(self) -> None:
        story = newsitem.loads(
            (DATA / "agency-copy" / "ac02-reuters-update.txt").read_bytes(), format="agency-copy"
        )
        assert story.published is None
        assert story.extras["agency-copy.dateline-date"] == "Dec 22"


class TestBadInput:
    @pytest.mark.parametrize(
        ("layout", "data", "line", "column", "message"),
        [
            ("anpa", b"no soh here", 1, 1, "expected SOH"),
            (
                "anpa",
                b"\x16\x16\x01W2870\x1fasian\nr a\x13\x11 BC-X 11-13 0100\r\n\x02^Head<\r\n\tbody",
                4,
                6,
                "no ETX",
            ),
            ("anpa", b"\x16\x16\x01W2870\x1fasian\nr a\x13\x11 BC-X 11-13 0100\r\n", 3, 1, "no STX"),
            ("anpa", b"\x16\x16\x01hello\nr a", 1, 4, "line 1 is not"),
            ("anpa", b"\x16\x16\x01W2870\x1fasian\nnonsense\x02^H<\x03", 2, 1, "line 2 is not"),
            ("iptc7901", b"\x01not a header\r\n", 1, 2, "the header line is not"),
            ("iptc7901", b"\x01eca062 4 i 211  dpa 061\r\n\nKey/\r\n", 4, 1, "no title"),
            ("agency-copy", b"Headline only\n\nNo dateline here.\n", 1, 1, "no dateline paragraph"),
            ("agency-copy", b"PARIS (AFP) - Text follows here.\n", 1, 1, "no headline"),
        ],
    )
    def test_positions(self, layout: str, data: bytes, line: int, column: int, message: str) -> None:
        with pytest.raises(ParseError) as exc:
            newsitem.loads(data, format=layout)
        assert exc.value.line == line
        assert exc.value.column == column
        assert message in str(exc.value)

    def test_impossible_trailer_date(self) -> None:
        data = b"\x16\x16\x01W2870\x1fasian\nr a\x13\x11 BC-X 11-13 0100\r\n\x02^Head<\r\n\t   Text.\r\n\x03AP-WF-13-45-13 1509GMT<"
        with pytest.raises(ParseError, match="impossible date or time in the trailer"):
            anpa.loads(data)

    def test_nul_is_refused(self) -> None:
        with pytest.raises(ParseError, match="NUL"):
            iptc7901.loads(b"\x01eca062 4 i 211\x00")

    def test_load_names_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.tst"
        path.write_bytes(b"nothing")
        with pytest.raises(ParseError, match=r"bad\.tst:1:1: expected SOH"):
            newsitem.load(path, format="anpa")


READERS = [anpa.loads, iptc7901.loads, agency.loads]


@pytest.mark.parametrize("reader", READERS, ids=["anpa", "iptc7901", "agency-copy"])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_our_errors(reader: Any, data: bytes) -> None:
    try:
        reader(data)
    except ParseError:
        pass


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
    data = "".join(parts)
    for form in (data, data.encode("utf-8"), data.encode("utf-8").replace(b"\r\n", b"\n")):
        try:
            story = reader(form)
        except ParseError:
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
    story = module.carried(data.draw(strategy))
    written = module.dumps(story)  # strict: the projection loses nothing
    assert module.loads(written) == story
    assert newsitem.detect(written).layout == module.NAME


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
@given(story=stories())
def test_any_story_writes_lossy_and_reads_back_as_a_story(module: Any, story: Story) -> None:
    try:
        written = module.dumps(story, lossy=True)
    except SerializeError:
        return
    assert isinstance(module.loads(written), Story)


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
def test_strict_dumps_names_what_would_be_lost(module: Any) -> None:
    story = Story(headline="A headline", embargoed=datetime(2020, 1, 1, tzinfo=UTC), subheadline="sub")
    with pytest.raises(SerializeError, match="cannot carry subheadline, embargoed; pass lossy=True"):
        module.dumps(story)
    assert module.loads(module.dumps(story, lossy=True)).headline == "A headline"


def test_iptc_writer_wraps_at_69_with_crlf_soft_wraps() -> None:
    story = Story(
        headline="Wrap test", section="i", priority="3", body=[Paragraph.plain(" ".join(["word"] * 40))]
    )
    written = iptc7901.dumps(story)
    body = written.split(b"\x02", 1)[1].split(b"\x03", 1)[0]
    lines = body.split(b"\n")
    assert max(len(line.rstrip(b"\r")) for line in lines) <= 69
    assert b"word word\r\n" in body
