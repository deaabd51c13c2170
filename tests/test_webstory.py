"""The web-story layout: the seed, the samples, the round trip, detection and bad input."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import newsitem
from newsitem import (
    Byline,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    ParseError,
    Preformatted,
    Quote,
    Rights,
    Role,
    SerializeError,
    Source,
    Story,
    Table,
    ValidationError,
)
from newsitem.formats.layouts import webstory
from newsitem.strategies import lines, stories

from .conftest import DATA, SHARED

SAMPLES = sorted((DATA / "web-story").glob("*.txt"))
SEED = SHARED / "corpus" / "web-story" / "russia-syria.txt"


class TestSeed:
    """The document the project started from."""

    def test_seed_parses_to_the_expected_story(self) -> None:
        """Every field of the seed, written out."""
        if not SEED.exists():
            pytest.skip(f"needs the shared corpus at {SEED} (CI has it; a user's clone does not)")
        expected = Story(
            headline="Russia Tells U.S. Military to Get Out of Syria",
            bylines=(Byline(name="John Haltiwanger"), Byline(name="jaxie", role=Role.SUBMITTER)),
            source=Source(name="Newsweek"),
            published=datetime(2017, 12, 22, 2, 2),
            section="international",
            genre="prose",
            rights=Rights(notice="Copyright applies."),
            url="http://www.newsweek.com/russia-tells-us-military-get-out-syria-756463",
            body=(
                Paragraph.plain(
                    "Russia ramped up its calls for the U.S. military to depart from Syria on Thursday, "
                    'contending it has no substantial reasons to be in the country and its presence there "must '
                    'end." \u201cAny reasons cited by the Americans to justify their further military presence... '
                    'are just excuses and we think their presence must end," Alexander Lavrentiev, Russian '
                    "President Vladimir Putin's envoy to Syria, told reporters. Lavrentiev was in Astana, "
                    "Kazakhstan, on Thursday ahead of peace talks regarding the Syria conflict between Russia, "
                    "Iran and Turkey, Reuters reports. Russia, a major ally of Syrian President Bashar al-Assad, "
                    "has played a significant role in the Syria conflict."
                ),
                Paragraph.plain(
                    "This is not the first time the Russian government has expressed such views in recent weeks. "
                    "Russia seemingly feels the U.S. military has no purpose in Syria now that the the Islamic "
                    "State militant group (ISIS) has largely lost its foothold in Syria and Iraq. The envoy's "
                    "remarks also come after the U.S. and Russia have sparred over airspace in Syria. In "
                    "mid-December, two U.S. warplanes in Syria were diverted from supporting ground operations "
                    "against ISIS to intercept Russian fighter jets that allegedly crossed into U.S. coalition "
                    "airspace."
                ),
                Paragraph.plain(
                    "But the Pentagon has signified it has no plans to withdraw U.S. troops from Syria any time "
                    'in the near future. "We are going to maintain our commitment on the ground as long as we need '
                    'to, to support our partners and prevent the return of terrorist groups," Pentagon '
                    'spokesperson Eric Pahon told Agence France-Presse earlier this month. "To ensure an enduring '
                    "defeat of ISIS, the coalition must ensure it cannot regenerate, reclaim lost ground or plot "
                    'external attacks," he added. There are currently nearly 2,000 U.S. troops in Syria, according '
                    "to numbers from the Pentagon."
                ),
            ),
            extras={"web-story.type": "post"},
        )
        story = newsitem.parse(SEED.read_bytes())
        assert story == expected
        assert isinstance(story.published, datetime) and story.published.tzinfo is None

    def test_seed_writes_back_as_it_was(self) -> None:
        """dumps of the parsed seed gives the seed's text (plus a final newline)."""
        if not SEED.exists():
            pytest.skip(f"needs the shared corpus at {SEED} (CI has it; a user's clone does not)")
        text = SEED.read_text("utf-8")
        assert newsitem.dumps(newsitem.parse(text), format="web-story") == text.rstrip("\n") + "\n"

    def test_seed_with_a_site_zone(self) -> None:
        """tz= reads the printed wall time in the site's zone, unconverted."""
        if not SEED.exists():
            pytest.skip(f"needs the shared corpus at {SEED} (CI has it; a user's clone does not)")
        story = newsitem.parse(SEED.read_bytes(), tz="Australia/Sydney")
        assert story.published == datetime(2017, 12, 22, 2, 2, tzinfo=timezone(timedelta(hours=11)))
        assert isinstance(story.published, datetime) and story.published.utcoffset() == timedelta(hours=11)


class TestSamples:
    """tests/data/web-story: each sample beside its expected story (canonical JSON)."""

    def test_enough_samples(self) -> None:
        """At least 15 samples, covering the variants of the layout."""
        assert len(SAMPLES) >= 15

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_sample(self, path: Path) -> None:
        """The sample parses to exactly its expected story, with the notes in <name>.expected.notes."""
        expected = newsitem.load(path.with_suffix(".expected.json"))
        assert newsitem.parse(path.read_bytes()) == expected
        reading = newsitem.read(path.read_bytes(), layout="web-story")
        assert reading.story == expected
        notes = path.with_suffix(".expected.notes")
        assert [str(n) for n in reading.notes] == (
            notes.read_text("utf-8").splitlines() if notes.exists() else []
        )

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_sample_round_trip(self, path: Path) -> None:
        """What the layout carries of each sample writes and reads back unchanged."""
        story = webstory.carried(newsitem.load(path.with_suffix(".expected.json")))
        assert newsitem.loads(newsitem.dumps(story, format="web-story"), format="web-story") == story

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_sample_detected(self, path: Path) -> None:
        """Every sample is recognised as a web story."""
        assert newsitem.detect(path.read_bytes()).layout == "web-story"


class TestMapping:
    """Rules of the mapping worth stating on their own."""

    def test_charset_fallback_noted(self) -> None:
        """Windows-1252 bytes decode, and the guess is a charset-guessed note, not an extra."""
        reading = newsitem.read(b"Caf\xe9\nby x Monday, Aug 3 2015, 10:10am\n\x93Quoted\x94\n")
        story = reading.story
        assert (story.headline, story.text) == ("Caf\u00e9", "\u201cQuoted\u201d")
        assert [(n.code, n.format) for n in reading.notes] == [("charset-guessed", "web-story")]
        assert "windows-1252" in reading.notes[0].message
        assert not story.extras

    def test_byte_order_mark_is_skipped(self) -> None:
        """A UTF-8 byte-order mark is not part of the headline, and reading it is no guess."""
        reading = newsitem.read(b"\xef\xbb\xbfH\xc3\xa9\nby x Monday, Aug 3 2015, 10:10am\nBody\n")
        assert (reading.story.headline, reading.notes) == ("H\u00e9", ())

    def test_latin1_last_resort(self) -> None:
        """Bytes that are not Windows-1252 either (0x81) fall back to ISO-8859-1, noted."""
        reading = newsitem.read(b"H\x81\nby x Monday, Aug 3 2015, 10:10am\nBody\n")
        assert "iso-8859-1" in reading.notes[0].message

    @pytest.mark.parametrize(
        ("stamp", "expected"),
        [
            ("12:00am", (0, 0)),
            ("12:59am", (0, 59)),
            ("12:00pm", (12, 0)),
            ("1:05pm", (13, 5)),
            ("11:59pm", (23, 59)),
        ],
    )
    def test_twelve_hour_clock(self, stamp: str, expected: tuple[int, int]) -> None:
        """12am is midnight, 12pm is noon."""
        story = webstory.loads(f"H\nby x Monday, Aug 3 2015, {stamp}\nBody\n")
        assert isinstance(story.published, datetime)
        assert (story.published.hour, story.published.minute) == expected

    def test_weekday_mismatch_is_a_note(self) -> None:
        """A wrong weekday keeps the date and says so in a date-mismatch note at the date's position."""
        reading = newsitem.read("H\nby x Tuesday, Aug 3 2015, 1:00am\nBody\n")
        assert reading.story.published == datetime(2015, 8, 3, 1, 0)
        assert not reading.story.extras
        assert [str(note) for note in reading.notes] == [
            "2:6: the weekday Tuesday does not match 2015-08-03, a Monday; the date was kept [date-mismatch]"
        ]

    def test_model_error_is_located(self) -> None:
        """A value the model refuses is a ValidationError at its line, not a ParseError string."""
        with pytest.raises(ValidationError) as exc:
            webstory.loads("H\nby x Monday, Aug 3 2015, 1:00am\nBody\nCopyright \ufffe\n")
        problem = exc.value.problems[0]
        assert (exc.value.format, problem.path, problem.line) == ("web-story", "Rights.notice", 4)

    def test_strict_dumps_names_what_would_be_lost(self) -> None:
        """Writing a story with fields the layout cannot carry is refused unless lossy=True."""
        story = Story(
            headline="H",
            bylines=[Byline(name="A")],
            published=datetime(2015, 8, 3, 1, 0),
            summary="S",
            urgency=2,
        )
        with pytest.raises(SerializeError, match="cannot carry summary, urgency; pass lossy=True"):
            newsitem.dumps(story, format="web-story")
        assert newsitem.loads(newsitem.dumps(story, format="web-story", lossy=True), format="web-story") == (
            webstory.carried(story)
        )

    def test_what_the_reader_would_not_take_is_not_written(self) -> None:
        """A non-http url and a rights notice the reader would read as a paragraph are neither carried nor written."""
        story = Story(
            headline="H",
            bylines=[Byline(name="A")],
            published=datetime(2015, 8, 3, 1, 0),
            url="urn:isbn:0451450523",
            rights=Rights(notice="All mine"),
        )
        kept = webstory.carried(story)
        assert (kept.url, kept.rights, kept.body) == (None, None, ())
        written = newsitem.dumps(story, format="web-story", lossy=True)
        assert "urn:isbn" not in written and "All mine" not in written

    def test_without_authors_the_people_credited_make_the_by_line(self) -> None:
        """A story credited only to an editor is written with the editor in the by line, read back as author."""
        story = Story(
            headline="H", bylines=[Byline(name="Ed", role=Role.EDITOR)], published=datetime(2015, 8, 3, 1, 0)
        )
        assert webstory.carried(story).bylines == (Byline(name="Ed"),)
        assert "\nby Ed Monday" in newsitem.dumps(story, format="web-story", lossy=True)

    def test_a_paragraph_read_as_the_page_end_is_stated(self) -> None:
        """A last paragraph that reads as the url line is carried as the url, and a strict write refuses it."""
        story = Story(
            headline=" H",
            bylines=[Byline(name="A")],
            published=datetime(2015, 8, 3, 1, 0),
            body=[Paragraph.plain("Text."), Paragraph.plain("https://example.com/a")],
        )
        kept = webstory.carried(story)
        assert (kept.headline, kept.url, kept.body) == (
            "H",
            "https://example.com/a",
            (Paragraph.plain("Text."),),
        )
        with pytest.raises(SerializeError, match="cannot carry headline, body; pass lossy=True"):
            newsitem.dumps(story, format="web-story")

    def test_dumps_needs_author_and_time(self) -> None:
        """Without a time or an author there is no byline line to write."""
        with pytest.raises(SerializeError, match="needs a published time"):
            newsitem.dumps(Story(headline="H", bylines=[Byline(name="A")]), format="web-story")


@given(stories())
def test_strict_dumps_refuses_exactly_what_carried_changes(story: Story) -> None:
    """dumps() without lossy refuses a story iff carried() would change a value it has, naming those fields."""
    kept = webstory.carried(story)
    lost = [
        f.name
        for f in Story.__attrs_attrs__
        if getattr(kept, f.name) != getattr(story, f.name) and getattr(story, f.name) != f.default
    ]
    try:
        newsitem.dumps(story, format="web-story")
    except SerializeError as exc:
        message = str(exc)
    else:
        message = ""
    if lost:
        assert f"cannot carry {', '.join(lost)};" in message
    else:
        assert "cannot carry" not in message


class TestErrors:
    """Bad input gives ParseError with a position and a message a person understands.

    The cases with their positions and messages are tests/data/web-story/invalid/
    (checked with every format's in tests/test_invalid.py); arbitrary bytes are
    tests/test_contract.py::TestArbitraryInput's.
    """

    def test_load_names_the_file(self, tmp_path: Path) -> None:
        """Errors from load() lead with the file name."""
        path = tmp_path / "story.txt"
        path.write_bytes(b"Headline\nno byline\n")
        with pytest.raises(ParseError, match=re.escape(f"{path}:2:1: no byline line")):
            newsitem.load(path, format="web-story")

    @given(st.text(max_size=400))
    def test_arbitrary_text(self, text: str) -> None:
        """Any text (lone surrogates and line separators included) gives a Story or one of our errors."""
        try:
            story = webstory.loads(text)
        except (ParseError, ValidationError):
            return
        assert isinstance(story, Story)

    @given(
        st.lists(
            st.sampled_from(
                [
                    "Headline",
                    "by A and B via C - D Friday, Dec 22 2017, 2:02am",
                    "by x",
                    "international /",
                    "a / b / c",
                    "Copyright applies.",
                    "https://x.example/",
                    "<< back to stories",
                    "|",
                    "",
                    "  ",
                    "by",
                    "\u2028",
                    "x /",
                ]
            ),
            max_size=12,
        )
    )
    def test_arbitrary_arrangements(self, parts: list[str]) -> None:
        """Any arrangement of the layout's own lines gives a Story or one of our errors."""
        try:
            story = webstory.loads("\n".join(parts))
        except (ParseError, ValidationError):
            return
        assert isinstance(story, Story)


def _clean_line(text: str) -> bool:
    return text == text.strip() and not text.endswith("/") and not text.lower().startswith("by ")


NAMES = lines(max_pieces=3).filter(
    lambda n: (
        _clean_line(n) and not any(sep in n for sep in (", ", " and ", " via ", " - ")) and "," not in n[-1:]
    )
)
VERSE = lines(max_pieces=3).filter(
    lambda t: (
        t == t.rstrip(" \t")
        and t.strip() != "<< back to stories"
        and not webstory._URL.fullmatch(t.strip())
        and not webstory._RIGHTS_HINT.search(t)
        and not t.endswith("/")
        and " / " not in t
    )
)


@st.composite
def web_stories(draw: st.DrawFn) -> Story:
    """Stories the web-story layout carries, drawn from newsitem.strategies' text."""
    authors = draw(st.lists(NAMES, min_size=1, max_size=3))
    submitter = draw(st.none() | NAMES)
    bylines = [Byline(name=a) for a in authors] + (
        [Byline(name=submitter, role=Role.SUBMITTER)] if submitter else []
    )
    verse = draw(st.booleans())
    paragraph = (st.lists(VERSE, min_size=1, max_size=3).map("\n".join) if verse else VERSE).map(
        Paragraph.plain
    )
    body = draw(st.lists(paragraph, max_size=4))
    texts = [p.text for p in body]
    assume(all(a != b for a, b in itertools.pairwise(texts)))
    category = lines(max_pieces=2).filter(_clean_line)
    notice = draw(
        st.none() | st.sampled_from(["Copyright applies.", "Anti-copyright.", *webstory._RIGHTS_LICENSES])
    )
    when = draw(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))
    type_ = draw(st.none() | category)
    return Story(
        headline=draw(lines().filter(_clean_line)),
        bylines=bylines,
        source=draw(st.none() | lines().filter(lambda s: s == s.strip()).map(lambda s: Source(name=s))),
        published=when.replace(second=0, microsecond=0),
        section=draw(st.none() | category),
        genre=draw(st.none() | category),
        rights=None
        if notice is None
        else Rights(notice=notice, license=webstory._RIGHTS_LICENSES.get(notice)),
        url=draw(
            st.none() | st.from_regex(r"https?://[a-z0-9.]{1,20}/[A-Za-z0-9/?=&._~-]{0,30}", fullmatch=True)
        ),
        body=body,
        extras={} if type_ is None else {"web-story.type": type_},
    )


class TestRoundTrip:
    """loads(dumps(s)) == s for every story the layout carries."""

    @given(web_stories())
    def test_round_trip(self, story: Story) -> None:
        """Headline, people, source, time, category, rights, url and body come back."""
        assert newsitem.loads(newsitem.dumps(story, format="web-story"), format="web-story") == story

    @given(web_stories())
    def test_detected(self, story: Story) -> None:
        """Whatever it carries, a written web story is detected as one."""
        assert newsitem.detect(str(newsitem.dumps(story, format="web-story"))).layout == "web-story"


_TRICKY_WORDS = st.sampled_from(
    ["by", "By", "and", "via", "-", "--", "Copyright", "©", "Creative", "Commons", "Attribution.", "Public",
     "domain.", "Monday,", "Jan", "2", "2020,", "3:04am", "(AP)", "PARIS", "http://a.b", "/", "_", "Ann,",
     "x:y", '"q"', "“q”", "5%", "«x»", "Ed"]
)  # fmt: skip
_TRICKY_LINES = st.lists(_TRICKY_WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def tricky_stories(draw: st.DrawFn) -> Story:
    """Stories whose values are made of the words the page's rules look for."""
    authors = [Byline(name=draw(_TRICKY_LINES)) for _ in range(draw(st.integers(1, 3)))]
    submitter = [Byline(name=draw(_TRICKY_LINES), role=Role.SUBMITTER)] if draw(st.booleans()) else []
    return Story(
        headline=draw(_TRICKY_LINES),
        bylines=authors + submitter,
        source=draw(st.none() | _TRICKY_LINES.map(lambda name: Source(name=name))),
        published=datetime(2020, 1, 2, 3, 4),
        section=draw(st.none() | _TRICKY_LINES),
        genre=draw(st.none() | _TRICKY_LINES),
        rights=draw(st.none() | _TRICKY_LINES.map(lambda notice: Rights(notice=notice))),
        url=draw(st.none() | st.just("http://x.y/z")),
        body=[Paragraph.plain(text) for text in draw(st.lists(_TRICKY_LINES, max_size=4))],
        extras=draw(st.sampled_from([{}, {"web-story.type": "post"}])),
    )


@given(tricky_stories())
def test_the_settles_pre_check_skips_only_stories_that_stand(story: Story) -> None:
    """A projection the quick pre-check passes without reading it back does read back as itself."""
    kept = webstory.carried(story)
    assert newsitem.loads(newsitem.dumps(kept, format="web-story"), format="web-story") == kept
    if webstory._plain(kept):
        assert webstory._write(kept) == newsitem.dumps(kept, format="web-story")


def _fit(story: Story) -> Story:
    """``story`` with what the byline line needs: a published time (or day) and an author."""
    others = tuple(b for b in story.bylines if b.role is not Role.SUBMITTER)
    submitters = tuple(b for b in story.bylines if b.role is Role.SUBMITTER)[:1]
    author = () if any(b.role is Role.AUTHOR for b in others) else (Byline(name="A. Writer"),)
    return attrs.evolve(
        story, published=story.published or datetime(2020, 1, 2, 3, 4), bylines=author + others + submitters
    )


@given(stories().map(_fit))
def test_any_story_reads_back_as_its_projection(story: Story) -> None:
    """loads(dumps(s, lossy=True)) == carried(s) for every story with an author and a date: blocks,
    days, organisations and headline-less stories included."""
    written = webstory.dumps(story, lossy=True)
    assert webstory.loads(written) == webstory.carried(story)


class TestIssue15:
    """Headline-less pages, body blocks, days and organisations (issue 15)."""

    STORY = Story(
        headline="Results",
        bylines=[Byline(name="jessie")],
        published=datetime(2014, 9, 8, 7, 20),
        body=[
            Paragraph.plain("Two games were played."),
            Heading(runs=["Table"], level=3),
            Table(rows=[["Team", "W"], ["Kauri", "5"], ["Rata", ""]], header_rows=1),
            ListBlock(items=["Kauri v Rata", "Totara v Rimu"], ordered=True),
            Quote(body=["We will be back."], attribution="the coach"),
            Preformatted(text="  1  Kauri\n\n  2  Rata"),
            Figure(uri="https://e.org/a.jpg", caption="The final", credit="J. Doe"),
        ],
    )

    def test_every_block_kind_reads_back(self) -> None:
        """A body with every block kind is written in the print view and reads back exactly."""
        text = webstory.dumps(self.STORY)
        assert "\n| Team | W |\n|---|---|\n" in text and "\n1. Kauri v Rata\n2. Totara v Rimu\n" in text
        assert webstory.loads(text) == self.STORY

    @pytest.mark.parametrize("index", range(1, 7))
    def test_a_body_of_one_block_alone_reads_back(self, index: int) -> None:
        """A body that is one block alone is written in the print view and reads back as that block."""
        story = attrs.evolve(self.STORY, body=[self.STORY.body[index]])
        assert webstory.carried(story) == story
        assert webstory.loads(webstory.dumps(story)) == story

    def test_a_story_without_headline_opens_with_its_byline_line(self) -> None:
        """No headline line is written, and the page reads back with headline None."""
        story = attrs.evolve(self.STORY, headline=None)
        text = webstory.dumps(story)
        assert text.startswith("by jessie Monday, Sep 8 2014, 7:20am\n")
        assert webstory.loads(text) == story

    @pytest.mark.parametrize(
        "chrome",
        ["PDF version", "printable version", "Jungle Drum Prose/Poetry     jungledrum.lingama.net/news"],
    )
    def test_site_chrome_above_the_byline_is_no_headline(self, chrome: str) -> None:
        """The print header or a 'PDF version' link above the byline line is never taken as a headline."""
        story = webstory.loads(f"{chrome}\n\nby jessie Monday, Sep 8 2014, 7:20am\nA line of verse.\n")
        assert story.headline is None
        assert story.body == (Paragraph.plain("A line of verse."),)

    def test_a_headline_that_reads_as_chrome_is_refused(self) -> None:
        """carried() drops a headline the reader would take for site chrome; strict dumps refuses it."""
        story = attrs.evolve(self.STORY, headline="PDF version")
        assert webstory.carried(story).headline is None
        with pytest.raises(SerializeError, match="cannot carry headline"):
            webstory.dumps(story)

    def test_a_day_is_printed_without_a_time(self) -> None:
        """A day-only date is printed as the day and reads back as a date, not midnight."""
        story = attrs.evolve(self.STORY, published=date(2014, 9, 8))
        text = webstory.dumps(story)
        assert "by jessie Monday, Sep 8 2014\n" in text
        assert webstory.loads(text).published == date(2014, 9, 8)

    def test_an_organisation_byline_is_projected_to_a_person(self) -> None:
        """The by line cannot say an organisation: carried() makes it a person and strict dumps refuses."""
        story = attrs.evolve(self.STORY, bylines=[Byline(name="Reuters", kind="organisation")])
        assert webstory.carried(story).bylines == (Byline(name="Reuters"),)
        with pytest.raises(SerializeError, match="cannot carry bylines"):
            webstory.dumps(story)
        assert webstory.loads(webstory.dumps(story, lossy=True)).bylines == (Byline(name="Reuters"),)

    def test_an_untitled_page_keeps_its_only_line_as_body(self) -> None:
        """Without a headline, a page whose one body line looks like a rights line keeps it as the body."""
        story = webstory.loads("by jessie Monday, Sep 8 2014, 7:20am\nCopyright applies.\n")
        assert story.rights is None and story.body == (Paragraph.plain("Copyright applies."),)
