"""The e-mail layout (RFC 822 / 5322 with MIME): corpus files and samples against
their expected stories, invalid samples against their positioned errors, notes,
dates, foreign input, and the writer's round trip on its projection."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import newsitem
from newsitem import (
    Byline,
    Figure,
    Heading,
    ListBlock,
    NewsItemError,
    Paragraph,
    ParseError,
    Preformatted,
    Quote,
    SerializeError,
    Source,
    Story,
    Table,
)
from newsitem.errors import ValidationError
from newsitem.formats.layouts import email
from newsitem.strategies import stories

from .conftest import DATA, SHARED

CORPUS = SHARED / "corpus" / "email"
HERE = DATA / "email"
SAMPLES = sorted(HERE.glob("*.eml"))
CORPUS_EXPECTED = sorted((HERE / "corpus").glob("*.expected.json"))
BASE = b"From: a@b.example\r\nSubject: s\r\nDate: %s\r\n\r\nbody\r\n"


def expected_of(path: Path) -> Path:
    return path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json")


def expected_notes(expected: Path) -> list[str]:
    """The notes written beside an expected story (``<name>.expected.notes``, one per line), or none."""
    notes = expected.with_name(expected.name.removesuffix(".expected.json") + ".expected.notes")
    return notes.read_text("utf-8").splitlines() if notes.exists() else []


def corpus_file(expected: Path) -> Path:
    source = CORPUS / expected.name.replace(".expected.json", ".txt")
    if not source.exists():
        pytest.skip(f"needs the shared corpus at {source} (CI has it; a user's clone does not)")
    return source


def codes(data: bytes, **options: Any) -> list[str]:
    return [note.code for note in newsitem.read(data, layout="email", **options).notes]


# --- corpus files, samples and invalid samples -----------------------------------------------


@pytest.mark.parametrize("expected", CORPUS_EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_email_corpus_file(expected: Path) -> None:
    """Each file in ../shared/corpus/email reads into its expected story and notes (tests/data/email/corpus)."""
    reading = newsitem.read(corpus_file(expected).read_bytes(), layout="email")
    assert reading.story == newsitem.load(expected)
    assert [str(note) for note in reading.notes] == expected_notes(expected)


def test_email_corpus_is_covered() -> None:
    """Every e-mail corpus file has its expected story."""
    if not CORPUS.exists():
        pytest.skip(f"needs the shared corpus at {CORPUS}")
    assert {p.name for p in CORPUS.glob("*.txt")} == {
        p.name.replace(".expected.json", ".txt") for p in CORPUS_EXPECTED
    }


@pytest.mark.parametrize("expected", CORPUS_EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_email_corpus_detected(expected: Path) -> None:
    """Detection takes each corpus file for e-mail, and parse reads it as loads does."""
    data = corpus_file(expected).read_bytes()
    assert newsitem.detect(data).layout == "email"
    assert newsitem.parse(data) == email.loads(data)


def test_email_enough_samples() -> None:
    """tests/data/email holds at least eight samples beside their expected stories."""
    assert len(SAMPLES) >= 8


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_email_sample(path: Path) -> None:
    """Each sample reads into its expected story (extras in input order) and its expected notes."""
    reading = newsitem.read(path.read_bytes(), layout="email")
    assert reading.story == newsitem.load(expected_of(path))
    assert [str(note) for note in reading.notes] == expected_notes(expected_of(path))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_email_sample_detected(path: Path) -> None:
    """Detection takes each sample for e-mail, with a reason."""
    found = newsitem.detect(path.read_bytes())
    assert found.layout == "email", found.reason
    assert found.reason


def test_email_validation_error_names_the_field() -> None:
    """A model rule broken by a header value is a ValidationError naming the field and the model path."""
    with pytest.raises(ValidationError) as caught:
        email.loads((HERE / "invalid" / "control-in-subject.eml").read_bytes())
    problem = caught.value.problems[0]
    assert (problem.where, problem.path) == ("header Subject", "Story.headline")


# --- notes: diagnostics beside the story, not in its extras ----------------------------------


def test_email_mislabelled_charset_is_a_note() -> None:
    """A Subject labelled windows-1252 holding UTF-8 is read as UTF-8, with a charset-guessed note at its line."""
    reading = newsitem.read(corpus_file(HERE / "corpus" / "odd_charset_email.expected.json").read_bytes())
    guessed = [note for note in reading.notes if note.code == "charset-guessed"]
    assert guessed and "read as UTF-8" in guessed[0].message
    assert guessed[0].where == "header Subject" and guessed[0].line is not None
    assert not any("charset" in key for key in reading.story.extras)


def test_email_latin1_with_c1_bytes_is_a_note() -> None:
    """A body labelled ISO-8859-1 with bytes 0x80-0x9F is read as windows-1252 and says so in a note."""
    reading = newsitem.read((HERE / "em05-mislabelled-latin1.eml").read_bytes(), layout="email")
    assert [(n.code, n.where) for n in reading.notes] == [("charset-guessed", "body")]
    assert "–" in reading.story.body[0].text


def test_email_headline_line_is_a_note() -> None:
    """A 'Headline:' line in the body is the headline (the Subject kept in extras), with a note."""
    data = (HERE / "em08-no-date-minus-zero.eml").read_bytes()
    assert codes(data) == ["headline-elsewhere"]
    assert email.loads(data).extras["email.subject"] == "Zoo welcomes twin red pandas"


def test_email_extras_keep_input_order() -> None:
    """Header fields with no typed home stay in extras in the order they come, never sorted."""
    data = b"From: a@b.example\r\nSubject: s\r\nX-Zulu: z\r\nTo: t@b.example\r\nX-Alpha: a\r\n\r\nbody\r\n"
    assert list(email.loads(data).extras) == [
        "email.header.X-Zulu",
        "email.header.To",
        "email.header.X-Alpha",
    ]


def test_email_refused_values_are_kept_with_a_note() -> None:
    """A Message-ID with a space, a bad Content-Language and a From address that is no URI go to extras with notes."""
    data = (
        b"From: Desk <a%zz@b.example>\r\nSubject: s\r\nMessage-ID: <a b@c>\r\n"
        b"Content-Language: not a tag\r\n\r\nbody\r\n"
    )
    reading = newsitem.read(data, layout="email")
    assert reading.story.guid is None and reading.story.language is None
    assert reading.story.source == Source(name="Desk")
    assert dict(reading.story.extras) == {
        "email.from-address": "a%zz@b.example",
        "email.message-id": "a b@c",
        "email.content-language": "not a tag",
    }
    assert [n.code for n in reading.notes] == ["kept-in-extras"] * 3


def test_email_html_link_the_model_refuses_is_kept_with_a_note() -> None:
    """A link in an HTML-only message that the model refuses stays text, its href in extras with a note."""
    data = (
        b"From: a@b.example\r\nSubject: s\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b'<p>See <a href="https://example.com/100%zz">this</a> and <a href="https://ok.example/">that</a>.</p>\r\n'
    )
    reading = newsitem.read(data, layout="email")
    first = reading.story.body[0]
    assert isinstance(first, Paragraph)
    assert [run.link for run in first.runs] == [None, "https://ok.example/", None]
    assert reading.story.extras["email.body[0].link[0]"] == "https://example.com/100%zz"
    assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", "body/p[0]/a[0]")]


def test_email_unholdable_extra_is_left_out_with_a_note() -> None:
    """A foreign header whose value extras cannot hold (a control character) is left out, not a failure."""
    reading = newsitem.read(b"From: a@b.example\r\nSubject: s\r\nX-Odd: \x1b\r\n\r\nbody\r\n", layout="email")
    assert "email.header.X-Odd" not in reading.story.extras
    assert [n.code for n in reading.notes] == ["unreadable"]


# --- dates -------------------------------------------------------------------------------------


def test_email_zone_names() -> None:
    """Zone names beyond RFC 822's US ones are read, and two-digit years follow RFC 5322."""
    nzdt = email.loads(BASE % b"Sat, 6 Jan 2024 09:00 NZDT").published
    assert nzdt == datetime(2024, 1, 6, 9, 0, tzinfo=timezone(timedelta(hours=13)))
    assert email.loads(BASE % b"6 Jan 49 09:00 +0000").published == datetime(2049, 1, 6, 9, tzinfo=UTC)
    assert email.loads(BASE % b"6 Jan 50 09:00 +0000").published == datetime(1950, 1, 6, 9, tzinfo=UTC)
    assert email.loads(BASE % b"6 Jan 999 09:00 +0000").published == datetime(2899, 1, 6, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date", "kept", "code"),
    [
        (b"30 Feb 2020 10:00 +0000", "email.date", "unreadable"),
        (b"1 Feb 2020 25:00 +0000", "email.date", "unreadable"),
        (b"no date at all", "email.date", "unreadable"),
        (b"1 Feb 2020 10:00 +9999", "email.date-zone", "date-guessed"),
        (b"Mon, 9 Sep 2019 11:22:00 -9000", "email.date-zone", "date-guessed"),
        (b"Mon, 9 Sep 2019 11:22:00 -1500", "email.date-zone", "date-guessed"),
        (b"Mon, 9 Sep 2019 11:22:00 +0160", "email.date-zone", "date-guessed"),
        (b"1 Feb 2020 10:00 XYZT", "email.date-zone", "date-guessed"),
    ],
)
def test_email_impossible_date_is_no_date_and_kept(date: bytes, kept: str, code: str) -> None:
    """An impossible date is no date (or a naive one) with its text kept in extras and a note."""
    reading = newsitem.read(BASE % date, layout="email")
    assert kept in reading.story.extras
    assert not isinstance(reading.story.published, datetime) or reading.story.published.tzinfo is None
    assert [n.code for n in reading.notes] == [code]


def test_email_minus_zero_is_naive_or_in_the_zone_given() -> None:
    """-0000 (zone unknown) reads naive without a note, or in the tz given with a date-guessed note."""
    data = BASE % b"Mon, 9 Sep 2019 11:22 -0000"
    assert email.loads(data).published == datetime(2019, 9, 9, 11, 22)
    assert codes(data) == []
    reading = newsitem.read(data, layout="email", tz="Europe/Paris")
    assert reading.story.published == datetime(2019, 9, 9, 11, 22, tzinfo=timezone(timedelta(hours=2)))
    assert [n.code for n in reading.notes] == ["date-guessed"]


def test_email_weekday_mismatch_is_a_note() -> None:
    """A printed weekday that is not the date's is a date-mismatch note; the date stands."""
    data = BASE % b"Mon, 1 Jan 2019 10:00 +0000"
    assert email.loads(data).published == datetime(2019, 1, 1, 10, tzinfo=UTC)
    assert codes(data) == ["date-mismatch"]


@given(st.text(max_size=60).filter(lambda t: not {"\n", "\r", "\x00"} & set(t)))
def test_email_any_date_header_gives_a_story(date: str) -> None:
    """Whatever the Date field holds (NUL aside), the message reads, the date at worst kept in extras."""
    assert isinstance(email.loads(BASE % date.encode("utf-8")), Story)


# --- foreign input -----------------------------------------------------------------------------

_FROM = b"From: a@b.example\r\nDate: Tue, 1 Jan 2019 00:00 +0000\r\n"


@pytest.mark.parametrize(
    "data",
    [
        _FROM + b"Subject: s\r\nContent-Type: text/plain; charset=undefined\r\n\r\nbody \xe9\r\n",
        _FROM + b"Subject: =?undefined?q?x?=\r\n\r\nbody\r\n",
        _FROM + b"Subject: =?\xff?q?x?=\r\n\r\nbody\r\n",
        _FROM + b"Subject: =?base64?q?x?=\r\n\r\nbody\r\n",
        _FROM + b"Subject: s\r\nContent-Disposition: \xe9\r\n\r\nbody\r\n",
        _FROM + b"Subject: s\r\nContent-Type: text/pl\xe9in; charset=\xe9\r\n\r\nbody\r\n",
        _FROM + b"Subject: s\r\nContent-Disposition: attachment; filename*=undefined''x\r\n\r\nbody\r\n",
    ],
    ids=[
        "charset-undefined",
        "encoded-word-undefined",
        "encoded-word-8bit-charset",
        "encoded-word-base64-codec",
        "8bit-disposition",
        "8bit-content-type",
        "rfc2231-undefined",
    ],
)
def test_email_foreign_exceptions_do_not_escape(data: bytes) -> None:
    """Charsets Python cannot use and raw 8-bit MIME fields give a story, not a stdlib exception."""
    story = email.loads(data)
    assert story.headline in ("s", "x")


_PIECES = st.sampled_from(
    [
        "From: a@b\r\n",
        "From: =?utf-8?q?J=C3=A9?= <j@b.example>\r\n",
        "Subject: =?utf-8?q?x?=\r\n",
        "Subject: =?iso-8859-1?q?caf=E9?=\r\n",
        "Subject: plain\r\n",
        "Date: Tue, 1 Jan 2019 00:00 +0000\r\n",
        "Content-Type: multipart/mixed; boundary=B\r\n",
        "Content-Type: text/html; charset=latin1\r\n",
        "Content-Transfer-Encoding: base64\r\n",
        "Content-Transfer-Encoding: quoted-printable\r\n",
        "--B\r\n",
        "--B--\r\n",
        "\r\n",
        "\n",
        " folded\r\n",
        "Headline: Head\n",
        "By Jane Doe\n",
        "LONDON (AP) - Text.\n",
        "<p>para <b>bold</b></p>\n",
        "-- \n",
        "###\n",
        "caf\xe9=E9=\r\n",
        "Content-Type: text/plain; charset=undefined\r\n",
        "Content-Type: text/plain; charset*=undefined''x\r\n",
        "Content-Disposition: attachment; filename*=undefined''x\r\n",
        "Subject: =?undefined?q?x?=\r\n",
        "Subject: =?base64?b?eA==?=\r\n",
        "Date: Mon, 31 Feb 2019 25:61 +9999\r\n",
        "Date: Mon, 9 Sep 2019 11:22:00 -9000\r\n",
        "Message-ID: <a b>\r\n",
        "Content-Language: not a tag\r\n",
        "X-Odd: \x1b\r\n",
        "x",
    ]
)


@given(parts=st.lists(_PIECES, max_size=25))
def test_email_arbitrary_arrangements_raise_only_our_errors(parts: list[str]) -> None:
    """Message-shaped pieces in any order give a story or one of our errors, as text or bytes."""
    data = "".join(parts)
    for form in (data, data.encode("utf-8"), data.encode("utf-8").replace(b"\r\n", b"\n")):
        try:
            story = email.loads(form)
        except NewsItemError:
            continue
        assert isinstance(story, Story)


# --- writing: the round trip on the layout's projection ----------------------------------------

WORD = st.from_regex(r"[a-zà-ÿ]{1,7}", fullmatch=True)
TEXT = st.lists(WORD, min_size=3, max_size=14).map(" ".join)
NAME = st.tuples(
    st.from_regex(r"[A-Z][a-zé]{1,7}", fullmatch=True), st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True)
).map(" ".join)
PLACE = st.from_regex(r"[A-Z]{3,8}(?: [A-Z]{3,8})?(?:, [A-Z][a-z]{2,7})?", fullmatch=True)
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@st.composite
def email_stories(draw: st.DrawFn) -> Story:
    names = draw(st.lists(NAME, max_size=3))
    when = draw(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 30)))
    return Story(
        headline=draw(TEXT),
        summary=draw(st.none() | TEXT),
        bylines=[Byline(name=n) for n in names],
        source=draw(
            st.none()
            | NAME.map(lambda n: Source(name=n))
            | st.builds(
                lambda n, a: Source(name=n, url=f"mailto:{a}"),
                NAME,
                st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.example", fullmatch=True),
            )
        ),
        published=draw(st.none() | st.just(when.replace(microsecond=0, tzinfo=draw(st.none() | OFFSETS)))),
        dateline=draw(st.none() | PLACE),
        slugline=draw(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)) if names else None,
        keywords=draw(st.lists(TEXT, max_size=3, unique=True)),
        priority=draw(st.none() | st.sampled_from("12345")),
        language=draw(st.none() | st.sampled_from(["en", "de-AT", "fr"])),
        guid=draw(st.none() | st.from_regex(r"[a-z0-9.]{1,12}@[a-z]{1,8}\.example", fullmatch=True)),
        body=[Paragraph.plain(text) for text in draw(st.lists(TEXT, min_size=1, max_size=4))],
    )


@given(story=email_stories())
def test_email_round_trip_of_the_projection(story: Story) -> None:
    """A projected story written strictly reads back equal, and is detected as e-mail."""
    kept = email.carried(story)
    written = email.dumps(kept)
    assert email.loads(written) == kept
    assert newsitem.detect(written).layout == "email"


@given(story=stories())
@example(story=Story(body=("By AFP",)))
@example(story=Story(body=("By John Smith",)))
@example(story=Story(body=("-- ", "sig")))
def test_email_any_story_writes_lossy_and_reads_back_as_its_projection(story: Story) -> None:
    """Any story written with lossy=True reads back as carried() says (blocks, days, organisations
    and headline-less stories included): loads(dumps(s, lossy=True)) == carried(s)."""
    assert email.loads(email.dumps(story, lossy=True)) == email.carried(story)


@pytest.mark.parametrize(
    ("body", "summary", "kept"),
    [
        (("By AFP",), "By AFP", ()),
        (("By John Smith",), "By John Smith", ()),
        (("-- ", "sig"), "--", (Paragraph.plain("sig"),)),
        (("By AFP", "-- ", "sig"), "By AFP", ()),
    ],
    ids=["organisation-by-line", "person-by-line", "signature", "by-line-and-signature"],
)
def test_email_headline_less_story_of_head_or_tail_lines_keeps_its_first_paragraph_as_summary(
    body: tuple[str, ...], summary: str, kept: tuple[Paragraph, ...]
) -> None:
    """A headline-less body that would read back as a By line or a signature alone is carried with
    its first paragraph as the summary, written lossy and read back as that; strict refuses the loss."""
    story = Story(body=body)
    carried = email.carried(story)
    assert (carried.headline, carried.summary, carried.body) == (None, summary, kept)
    written = email.dumps(story, lossy=True)
    assert f"Abstract: {summary}".encode() in written
    assert email.loads(written) == carried
    with pytest.raises(SerializeError, match="cannot carry"):
        email.dumps(story)


def test_email_person_of_an_organisation_is_a_person_byline() -> None:
    """``By Jane Doe of BBC News`` reads as the person Jane Doe with affiliation BBC News."""
    message = (
        b"From: desk@example.com\r\nSubject: Floods\r\n\r\nBy Jane Doe of BBC News\r\n\r\nRivers rose.\r\n"
    )
    story = email.loads(message)
    assert story.bylines == (Byline(name="Jane Doe", affiliation="BBC News"),)
    assert story.body == (Paragraph.plain("Rivers rose."),)


def test_email_strict_dumps_names_what_would_be_lost() -> None:
    """A strict write refuses a story with fields e-mail cannot carry, naming them; lossy writes it."""
    story = Story(headline="A headline", embargoed=datetime(2020, 1, 1, tzinfo=UTC), subheadline="sub")
    with pytest.raises(
        SerializeError, match="cannot carry subheadline, embargoed; pass lossy=True"
    ) as caught:
        email.dumps(story)
    assert caught.value.lost == ("subheadline", "embargoed")
    assert email.loads(email.dumps(story, lossy=True)).headline == "A headline"


def test_email_naive_time_round_trips_without_extras() -> None:
    """A time without an offset is written -0000 and read back naive, with nothing added to extras."""
    story = Story(
        headline="Naive", published=datetime(2020, 5, 1, 8, 30), body=[Paragraph.plain("Text here.")]
    )
    back = email.loads(email.dumps(story))
    assert back == story


@pytest.mark.parametrize(
    "text",
    [
        "=?utf-8?q?x?= is text here",
        "two  spaces and a trailing one ",
        " a leading space",
        "line\u2028separator and next\x85line",
        "Café, Zoë and Ægir " * 6,
        "plain ASCII headline that is long enough to be folded by the policy at some point, surely",
    ],
    ids=[
        "literal-encoded-word",
        "space-runs",
        "leading-space",
        "line-separators",
        "long-non-ascii",
        "long-ascii",
    ],
)
def test_email_header_text_reads_back_exactly(text: str) -> None:
    """Subject, Keywords and the From name read back exactly, whatever the policy would do to them."""
    story = Story(
        headline=text,
        source=Source(name=text.replace(",", ";"), url="mailto:desk@agency.example"),
        keywords=[text.strip().replace(",", ";"), "second"],
        body=[Paragraph.plain("The text.")],
    )
    assert email.carried(story) == story
    assert email.loads(email.dumps(story)) == story


def test_email_written_by_the_policy() -> None:
    """The message is written by EmailMessage under the SMTP policy: CRLF, MIME headers, QP body."""
    story = Story(
        headline="Café opens",
        source=Source(name="Desk", url="mailto:desk@agency.example"),
        published=datetime(2020, 5, 1, 8, 30, tzinfo=UTC),
        guid="abc@agency.example",
        body=[Paragraph.plain("Zoë said so.")],
    )
    written = email.dumps(story)
    head, _, body = written.partition(b"\r\n\r\n")
    assert head.startswith(b"Subject: =?utf-8?q?Caf=C3=A9_opens?=\r\n")
    assert b"From: Desk <desk@agency.example>" in head
    assert b"Date: Fri, 01 May 2020 08:30:00 +0000" in head
    assert b"Message-ID: <abc@agency.example>" in head
    assert b'Content-Type: text/plain; charset="utf-8"' in head
    assert b"Content-Transfer-Encoding: quoted-printable" in head
    assert b"Zo=C3=AB said so." in body
    assert all(line.endswith(b"\r") for line in written.split(b"\n")[:-1])


class TestIssue15:
    """Messages without a Subject, body blocks, days, organisations and mbox files (issue 15)."""

    STORY = Story(
        headline="Budget passed",
        source=Source(name="Desk", url="mailto:desk@agency.example"),
        published=datetime(2020, 9, 2, 14, 5, tzinfo=UTC),
        dateline="RIVERSIDE",
        body=[
            Paragraph.plain("The council passed its budget."),
            Heading(runs=["What changes"], level=3),
            ListBlock(items=["Bus fares fall", "Library hours grow"], ordered=True),
            Quote(body=["We listened.", "Every ward gains."], attribution="Mayor Ana Ruiz"),
            Table(rows=[["Item", "2020"], ["Buses", "12.5"], ["Libraries", ""]], header_rows=1),
            Preformatted(text="WARD   VOTES\n  1      312  \n\n  2       17"),
            Figure(uri="https://courier.example/a.jpg", caption="The vote", credit="J. Doe", alt="Hands up"),
            Paragraph.plain("The budget takes effect in October."),
        ],
        extras={"email.dateline-agency": "Desk"},
    )

    def test_every_block_kind_reads_back(self) -> None:
        """A body with every block kind is written by the text-block conventions and reads back exactly."""
        assert email.carried(self.STORY) == self.STORY
        written = email.dumps(self.STORY)
        assert b"\r\n## What changes\r\n" not in written  # level 3
        assert b"\r\n### What changes\r\n" in written
        assert email.loads(written) == self.STORY

    def test_a_story_without_headline_is_a_message_without_subject(self) -> None:
        """No Subject field is written, and the message reads back with headline None."""
        story = attrs.evolve(self.STORY, headline=None)
        written = email.dumps(story)
        assert b"Subject:" not in written
        assert email.loads(written) == story
        assert newsitem.detect(written).layout == "email"

    def test_a_day_is_refused_strictly_and_dropped_lossy(self) -> None:
        """Date needs a time: a day-only published is refused by strict dumps and left out by lossy."""
        story = attrs.evolve(self.STORY, published=date(2020, 9, 2))
        with pytest.raises(SerializeError, match="cannot carry published"):
            email.dumps(story)
        assert email.loads(email.dumps(story, lossy=True)).published is None

    def test_an_organisation_byline_reads_back(self) -> None:
        """By The Associated Press is an organisation's byline, both ways; another name is a person."""
        org = Byline(name="The Associated Press", kind="organisation")
        story = attrs.evolve(self.STORY, bylines=[org])
        assert email.loads(email.dumps(story)).bylines == (org,)
        unknown = attrs.evolve(self.STORY, bylines=[Byline(name="Acme Widgets", kind="organisation")])
        assert email.carried(unknown).bylines == (Byline(name="Acme Widgets"),)
        with pytest.raises(SerializeError, match="cannot carry bylines"):
            email.dumps(unknown)

    @pytest.mark.parametrize("index", range(1, 7))
    def test_a_body_of_one_block_alone_reads_back(self, index: int) -> None:
        """A body that is one block and nothing else (no blank line in it) is that block, not lines."""
        story = Story(headline="H", body=[self.STORY.body[index]])
        assert email.carried(story) == story
        assert email.loads(email.dumps(story)) == story

    def test_a_signature_line_inside_preformatted_copy_is_copy(self) -> None:
        """'-- ', '###' and a rule inside a fenced block are lines of the copy, not its end."""
        block = Preformatted(text="a\n-- \n###\n" + "_" * 30)
        story = Story(headline="H", body=[Paragraph.plain("Text."), block, Paragraph.plain("More.")])
        assert email.loads(email.dumps(story)) == story

    def test_a_first_block_that_is_no_paragraph_takes_no_dateline(self) -> None:
        """The dateline is written before a first paragraph only: before a heading it is not carried."""
        story = attrs.evolve(self.STORY, body=self.STORY.body[1:])
        assert email.carried(story).dateline is None


MBOX = HERE / "mbox" / "three-one-broken.mbox"


class TestMbox:
    """loads_all reads an mbox file, one part per message."""

    def test_three_messages_one_broken(self) -> None:
        """Each message is a part with its line; the broken one gives its error and the next is read."""
        parts = list(newsitem.loads_all(MBOX.read_bytes(), format="email", name="feed.mbox"))
        assert [(p.index, p.where, p.locator) for p in parts] == [
            (1, "line 1", "feed.mbox#1"),
            (2, "line 10", "feed.mbox#2"),
            (3, "line 13", "feed.mbox#3"),
        ]
        for part in parts:
            stem = f"{MBOX.stem}.{part.index}.expected"
            if part.story is not None:
                assert part.story == newsitem.load(MBOX.parent / f"{stem}.json")
            else:
                error = part.error
                assert isinstance(error, ParseError)
                expected = (MBOX.parent / f"{stem}.error").read_text("utf-8")
                assert f"{error.line}:{error.column}: {error.message}\n" == expected

    def test_from_escapes_are_undone(self) -> None:
        """mboxrd: '>From ' in a body is 'From ' and '>>From ' is '>From '; a From line inside a
        paragraph (no blank line before it) does not start a message."""
        data = (
            b"From a@b Mon Sep  9 11:22:00 2019\nFrom: a@b.example\nSubject: One\n\n"
            b"A line that is long enough to be a wrapped line of text,\nFrom nowhere it came.\n\n"
            b">From here on.\n\n>>From the top.\n"
        )
        parts = list(email.loads_all(data))
        assert len(parts) == 1
        assert parts[0].unwrap().body == (
            Paragraph.plain("A line that is long enough to be a wrapped line of text, From nowhere it came."),
            Paragraph.plain("From here on."),
            Paragraph.plain(">From the top."),
        )

    def test_one_message_is_one_part_and_its_error_is_raised(self) -> None:
        """An input that opens with no From line is one message: a story, or its error raised."""
        data = b"From: a@b.example\nSubject: One\n\nText.\n"
        assert [p.unwrap() for p in email.loads_all(data)] == [email.loads(data)]
        with pytest.raises(ParseError, match="no RFC 822 header block"):
            list(email.loads_all(b"no message\n"))

    def test_loads_reads_the_first_message(self) -> None:
        """loads() of an mbox file is its first message, not the file as one message."""
        first = next(email.loads_all(MBOX.read_bytes())).unwrap()
        assert email.loads(MBOX.read_bytes()) == first
        assert newsitem.loads(MBOX.read_bytes(), format="email") == first

    def test_many_messages_read_in_linear_time(self) -> None:
        """Ten thousand messages are ten thousand parts, read in a few seconds at most."""
        one = b"From a@b Mon Sep  9 11:22:00 2019\nFrom: a@b.example\nSubject: S\n\nText.\n\n"
        started = time.perf_counter()
        parts = list(email.loads_all(one * 10_000))
        assert len(parts) == 10_000 and parts[-1].where == "line 59995"
        assert time.perf_counter() - started < 30
