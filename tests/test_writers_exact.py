"""Issue 14, items 2 and 11: the e-mail reader and the layout writers give a story or our
error, never a foreign exception, and never change a value silently.

A lossy write reads back as the layout's ``carried`` projection says
(``loads(dumps(s, lossy=True)) == carried(s)``, offsets included); a strict write of
a story the layout cannot carry whole refuses with a SerializeError naming the field.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from types import ModuleType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Paragraph, SerializeError, Source, Story
from newsitem.formats.layouts import anpa, email, iptc7901, webstory
from newsitem.model import Byline
from newsitem.strategies import stories

_HEAD = b"From: a@b.example\r\nSubject: hi\r\nDate: Mon, 4 Mar 2024 07:15:00 +0000\r\n"
_MULTIPART = b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
MESSAGES = {
    "charset=undefined": _HEAD + b"Content-Type: text/plain; charset=undefined\r\n\r\nhello\r\n",
    "charset=punycode": _HEAD + b"Content-Type: text/plain; charset=punycode\r\n\r\n\\ x\r\n",
    "encoded-word charset undefined": _HEAD.replace(b"Subject: hi", b"Subject: =?undefined?q?x?=")
    + b"\r\nbody\r\n",
    "encoded-word charset 8-bit": _HEAD.replace(b"Subject: hi", b"Subject: =?\xff?q?x?=") + b"\r\nbody\r\n",
    "filename* charset undefined": _HEAD
    + _MULTIPART
    + b"Content-Type: text/plain\r\n\r\nbody\r\n--XX\r\nContent-Type: application/octet-stream\r\n"
    + b"Content-Disposition: attachment; filename*=undefined''x\r\n\r\nabc\r\n--XX--\r\n",
    "8-bit Content-Disposition in a part": _HEAD
    + _MULTIPART
    + b"Content-Type: text/plain\r\nContent-Disposition: \xe9\r\n\r\nbody\r\n--XX--\r\n",
    "8-bit Content-Disposition": _HEAD + b"Content-Disposition: \xe9\r\n\r\nbody\r\n",
    "From with nested comments": _HEAD.replace(b"From: a@b.example", b"From: " + b"(" * 2000)
    + b"\r\nbody\r\n",
}


@pytest.mark.parametrize("name", MESSAGES)
def test_hostile_email_reads_as_a_story(name: str) -> None:
    """Each e-mail of issue 14 item 2 (unknown or odd charsets, 8-bit MIME parameters,
    comments nested past the stack) reads as a story, by name and by sniffing."""
    for story in (newsitem.loads(MESSAGES[name], format="email"), newsitem.parse(MESSAGES[name])):
        assert isinstance(story, Story)
        assert story.headline in ("hi", "x")


EXTREMES = [
    datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=14))),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
]
LAYOUTS: dict[str, ModuleType] = {"anpa": anpa, "iptc7901": iptc7901, "email": email}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("when", EXTREMES, ids=["year-1-plus-14", "year-9999-minus-12"])
def test_extreme_published_writes_or_refuses(layout: str, when: datetime) -> None:
    """A published time with no UTC year (year 1 at +14:00, 9999-12-31 at -12:00) is
    written lossy as carried says, and strictly either exactly or refused naming published."""
    story = Story(headline="H", body=[Paragraph.plain("Text.")], published=when)
    written = newsitem.dumps(story, format=layout, lossy=True)
    assert newsitem.loads(written, format=layout) == LAYOUTS[layout].carried(story)
    try:
        strict = newsitem.dumps(story, format=layout)
    except SerializeError as error:
        assert error.lost == ("published",) or "published" in error.lost
    else:
        assert newsitem.loads(strict, format=layout) == story


@pytest.mark.parametrize("layout", ["anpa", "iptc7901"])
def test_offset_change_is_a_loss(layout: str) -> None:
    """Item 11: a published time at +14:00 that a GMT trailer can only print in UTC is
    refused by a strict write (naming published) and converted by a lossy one."""
    when = datetime(2024, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=14)))
    story = Story(headline="H", body=[Paragraph.plain("Text.")], published=when)
    with pytest.raises(SerializeError) as caught:
        newsitem.dumps(story, format=layout)
    assert "published" in caught.value.lost
    back = newsitem.loads(newsitem.dumps(story, format=layout, lossy=True), format=layout)
    assert back.published == when
    assert back.published is not None and back.published.utcoffset() == timedelta(0)


def test_non_ascii_mailto_is_not_a_foreign_exception() -> None:
    """Item 2: a source whose mailto: URL is not ASCII is refused strictly (naming
    source) and written lossy without its URL, never with a UnicodeEncodeError."""
    story = Story(
        headline="H", body=[Paragraph.plain("Text.")], source=Source(name="dpa", url="mailto:müller@x.de")
    )
    with pytest.raises(SerializeError) as caught:
        newsitem.dumps(story, format="email")
    assert "source" in caught.value.lost
    written = newsitem.dumps(story, format="email", lossy=True)
    assert newsitem.loads(written, format="email").source == Source(name="dpa")


NAMES = [
    "dpa",
    "Müller, Hans",
    'Hans "Hansi" Müller',
    "O'Brien \\ Sons",
    "Reuters (Berlin)",
    "<Agency>",
    "a:;",
    "Jürgen <j@x.de>",
    "=?utf-8?q?x?=",
    "Ζεύς",
]


@pytest.mark.parametrize("url", [None, "mailto:desk@agency.example"])
@pytest.mark.parametrize("name", NAMES)
def test_sender_names_round_trip(name: str, url: str | None) -> None:
    """Item 11: a sender's name (commas, quotes, backslashes, parentheses, angle brackets,
    non-ASCII) is written as RFC 5322 says and read back as it was, with or without an
    address; a sender without one is an empty group (``dpa:;``), never ``dpa <>``."""
    story = Story(headline="H", body=[Paragraph.plain("Text.")], source=Source(name=name, url=url))
    written = newsitem.dumps(story, format="email")
    assert newsitem.loads(written, format="email") == story
    header = written.split(b"\r\n\r\n", 1)[0]
    assert b"<>" not in header
    if url is None:
        assert b":;" in header


def test_long_subject_reads_back() -> None:
    """Fuzz finding F3: a Subject of thousands of encoded-words (header block past 20 KB)
    reads back."""
    story = Story(headline="ü" * 5831, body=[Paragraph.plain("a")])
    assert newsitem.loads(newsitem.dumps(story, format="email"), format="email") == story


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("source", [None, Source(name="dpa")], ids=["no-source", "source"])
def test_dateline_is_carried_honestly(layout: str, source: Source | None) -> None:
    """Item 11: a dateline the layout cannot print where its reader finds it is what
    ``carried`` says (in the body), so ``loads(dumps(s, lossy=True)) == carried(s)``."""
    story = Story(
        headline="H", body=[Paragraph.plain("Voters approved a levy.")], source=source, dateline="Washington"
    )
    back = newsitem.loads(newsitem.dumps(story, format=layout, lossy=True), format=layout)
    assert back == LAYOUTS[layout].carried(story)
    if source is None:  # no agency to tag it: "Washington - ..." is body text (carried says so)
        assert back.dateline is None and back.body[0].text.startswith("Washington")
    else:  # the source tags the dateline: "Washington (dpa) - ..." reads back as the dateline
        assert back.dateline == "Washington"
        assert back.body[0].text == "Voters approved a levy."


def _web_fit(story: Story) -> Story:
    authors = [b for b in story.bylines if b.role.value == "author"] or [Byline(name="A. Writer")]
    return attrs.evolve(
        story, published=story.published or datetime(2020, 1, 2, 3, 4, tzinfo=UTC), bylines=authors
    )


WRITERS: dict[str, tuple[ModuleType, object]] = {
    "email": (email, lambda s: s),
    "anpa": (anpa, lambda s: s),
    "iptc7901": (iptc7901, lambda s: s),
    "web-story": (webstory, _web_fit),
}


@pytest.mark.parametrize("layout", WRITERS)
@given(data=st.data())
def test_lossy_write_reads_back_as_carried(layout: str, data: st.DataObject) -> None:
    """Item 11: every story written lossy reads back, and as ``carried`` says
    (``loads(dumps(s, lossy=True)) == carried(s)``, offsets included)."""
    module, fit = WRITERS[layout]
    story = fit(data.draw(stories()))  # type: ignore[operator]
    try:
        written = newsitem.dumps(story, format=layout, lossy=True)
    except SerializeError:
        assert layout == "web-story"  # its grammar needs parts a story may lack (said by the error)
        return
    back = newsitem.loads(written, format=layout)
    kept = module.carried(story)
    assert back == kept
    assert [t.utcoffset() for t in (back.published, back.updated) if isinstance(t, datetime)] == [
        t.utcoffset() for t in (kept.published, kept.updated) if isinstance(t, datetime)
    ]
