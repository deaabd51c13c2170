"""E-mail copy nobody here had seen (issue 18): forwarded messages, release preambles,
datelines with dates, X-Priority's digit, editor's notes and end notes, headings written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import Heading, NewsItemError, Paragraph, Source, Story
from newsitem.formats import available, load_module
from newsitem.formats._decode import decode, wide_text
from newsitem.formats.layouts import email

from .conftest import DATA

HERE = DATA / "email"
OWN = sorted(p for p in HERE.glob("em*.eml") if int(p.name[2:4]) >= 13)
HEAD = b"From: Desk <desk@paper.example>\nSubject: Fwd: Library opens\nDate: Wed, 6 Nov 2019 09:12:00 -0500\n"


def read(data: bytes) -> newsitem.Reading:
    return newsitem.read(data, layout="email")


def expected(name: str) -> Story:
    return newsitem.load(HERE / f"{name}.expected.json")


def attached(inner: bytes, own: bytes = b"Please run this.\n") -> bytes:
    """A message forwarding ``inner`` as a message/rfc822 part, with ``own`` text before it."""
    return (
        HEAD + b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain\n\n"
        + own
        + b"\n--B\nContent-Type: message/rfc822\n\n"
        + inner
        + b"\n--B--\n"
    )


INNER = b"From: Library <press@library.example>\nSubject: Library opens\nDate: Tue, 5 Nov 2019 16:00:00 XYZT\n\nIt opened.\n"


# --- forwarded messages ------------------------------------------------------------------


def test_attached_forward_is_the_inner_story() -> None:
    """A message/rfc822 part gives the inner message's story; the outer text is the ednote, its fields extras."""
    reading = read(attached(INNER))
    story = reading.story
    assert (story.headline, story.source and story.source.name) == ("Library opens", "Library")
    assert story.body == (Paragraph.plain("It opened."),)
    assert story.ednote == "Please run this."
    assert story.extras["email.forwarding.from"] == "Desk <desk@paper.example>"
    assert story.extras["email.forwarding.subject"] == "Fwd: Library opens"
    assert [n.code for n in reading.notes if n.where == "header Subject"] == ["forwarded"]


def test_inner_notes_stand_at_the_inner_lines() -> None:
    """A note about the forwarded message (its unknown zone) names the line of its Date in the file."""
    data = attached(INNER)
    guessed = [n for n in read(data).notes if n.code == "date-guessed"]
    line = data.split(b"\n").index(b"Date: Tue, 5 Nov 2019 16:00:00 XYZT") + 1
    assert [(n.where, n.line) for n in guessed] == [("header Date", line)]


def test_attached_forward_without_own_text_has_no_ednote() -> None:
    """A message that is only a message/rfc822 part gives the inner story with no ednote."""
    data = HEAD + b"MIME-Version: 1.0\nContent-Type: message/rfc822\n\n" + INNER
    story = read(data).story
    assert story.headline == "Library opens"
    assert story.ednote is None


def test_unreadable_forward_falls_back_to_the_outer_message() -> None:
    """A forwarded message that gives no story (no Subject, no text) leaves the forwarding one read, with a note."""
    reading = read(attached(b"From: x@y.example\n\n"))
    assert reading.story.headline == "Fwd: Library opens"
    assert reading.story.body == (Paragraph.plain("Please run this."),)
    assert any(n.code == "unreadable" and "gives no story" in n.message for n in reading.notes)


def test_deeply_nested_forwards_are_bounded() -> None:
    """Forwards nested 40 deep read without recursion errors (the depth read is bounded)."""
    data = INNER
    for _ in range(40):
        data = attached(data, b"Fwd.\n")
    assert read(data).story.headline in ("Library opens", "Fwd: Library opens")


@pytest.mark.parametrize("name", ["em14-forwarded-quoted", "em15-forwarded-original-message"])
def test_quoted_forward_is_the_inner_story(name: str) -> None:
    """A message quoted after a Forwarded/Original Message mark is read as the story, its printed date read."""
    story = read((HERE / f"{name}.eml").read_bytes()).story
    assert story.headline == "Library opens new wing"
    assert story.source == expected(name).source
    assert str(story.published) == "2019-11-05 16:00:00"


def test_forward_mark_without_fields_is_text() -> None:
    """A forwarding mark not followed by From and Subject lines is text of the message."""
    data = HEAD + b"\nSee below.\n\n---------- Forwarded message ---------\nIt opened.\n"
    story = read(data).story
    assert story.headline == "Fwd: Library opens"
    assert "email.forwarding.from" not in story.extras


def test_mbox_gives_one_story_per_message() -> None:
    """An mbox of a forwarding message and a plain one gives two parts, each the story its message alone gives."""
    parts = list(email.loads_all((HERE / "mbox" / "two-one-forwarded.mbox").read_bytes()))
    assert [p.story for p in parts] == [expected("em13-forwarded-attached"), expected("em19-reporting-by")]


# --- release preambles and datelines -------------------------------------------------------


def test_preamble_lines_leave_the_body() -> None:
    """Organisation, release markers, Contact lines and an embargo go to extras; the dateline is read."""
    story = read((HERE / "em16-release-preamble.eml").read_bytes()).story
    assert story.dateline == "ITHACA, N.Y."
    assert story.extras["email.dateline-date"] == "Nov. 5"
    assert story.extras["email.embargo"].startswith("EMBARGOED UNTIL")
    assert "Media contact: Sam Poe" in story.extras["email.contact"]
    assert story.body[0] == Paragraph.plain("The public library opened its new reading wing on Tuesday.")


def test_sender_line_without_dateline_is_preamble() -> None:
    """A first line that is the sender's name alone is the preamble even when no dateline follows."""
    data = b"From: Acme Robotics <n@acme.example>\nSubject: New plant\n\nAcme Robotics\n\nThe plant opened.\n"
    story = read(data).story
    assert story.extras["email.preamble"] == "Acme Robotics"
    assert story.body == (Paragraph.plain("The plant opened."),)


def test_short_first_paragraph_without_dateline_stays() -> None:
    """A short first line that names no sender, with no dateline after it, stays the first paragraph."""
    data = b"From: Acme Robotics <n@acme.example>\nSubject: New plant\n\nGood news.\n\nThe plant opened.\n"
    assert read(data).story.body[0] == Paragraph.plain("Good news.")


def test_contact_word_in_a_sentence_stays_in_the_body() -> None:
    """Only a contact line after a blank line near the end is the contact block; a sentence is body."""
    data = (
        b"From: a@b.example\nSubject: s\n\nFirst paragraph.\n\n"
        b"Contacts between the towns grew, the mayor said on Tuesday.\n"
    )
    assert len(read(data).story.body) == 2


@pytest.mark.parametrize(
    ("first", "place", "date", "agency"),
    [
        ("ITHACA, N.Y., Nov. 5 --", "ITHACA, N.Y.", "Nov. 5", None),
        ("NEW YORK, March 3, 2024 /PRNewswire/ --", "NEW YORK", "March 3, 2024", "PRNewswire"),
        ("CAPE LISLE, Nov 5, 2019 -", "CAPE LISLE", "Nov 5, 2019", None),
    ],
)
def test_dated_dateline_is_split_off(first: str, place: str, date: str, agency: str | None) -> None:
    """A dateline with a date gives the place as dateline, the date (and a wire tag) in extras, and clean text."""
    data = f"From: a@b.example\nSubject: s\n\nNews Release\n\n{first} The plant opened.\n".encode()
    story = read(data).story
    assert story.dateline == place
    assert story.extras["email.dateline-date"] == date
    assert story.extras.get("email.dateline-agency") == agency
    assert story.body == (Paragraph.plain("The plant opened."),)


# --- X-Priority, editor's notes, end notes ---------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "priority", "urgency", "label"),
    [
        ("1 (Highest)", "1", 1, None),
        ("2 (High)", "2", 3, None),
        ("5", "5", 9, None),
        ("1 (Urgent)", "1", 1, "Urgent"),
        ("urgent", "urgent", None, None),
    ],
)
def test_x_priority_keeps_its_digit(sent: str, priority: str, urgency: int | None, label: str | None) -> None:
    """X-Priority keeps its digit with the urgency it maps to; an unusual label is kept apart; no digit is as sent."""
    story = read(f"From: a@b.example\nSubject: s\nX-Priority: {sent}\n\nText.\n".encode()).story
    assert (story.priority, story.urgency) == (priority, urgency)
    assert story.extras.get("email.priority-label") == label


def test_editors_note_before_the_story_is_the_ednote() -> None:
    """An editor's note before the By line and dateline is the ednote, not the first paragraph."""
    story = read((HERE / "em18-ednote-end-notes.eml").read_bytes()).story
    assert story.ednote == "This story contains details some readers may find distressing."
    assert story.dateline == "MOBILE, Ala."


@pytest.mark.parametrize(
    ("name", "last"),
    [
        (
            "em18-ednote-end-notes",
            "Associated Press writer Tom Reyes in New Orleans contributed to this report.",
        ),
        ("em19-reporting-by", "Reporting by Bart Meijer; Editing by Alison Williams"),
        ("em16-release-preamble", "Reporting by Ann Lee; editing by Tom Ko"),
    ],
)
def test_end_notes_stay_the_last_paragraph(name: str, last: str) -> None:
    """AP contributor lines and Reuters' Reporting by stay the body's last paragraph."""
    assert read((HERE / f"{name}.eml").read_bytes()).story.body[-1] == Paragraph.plain(last)


def test_ednote_reads_back() -> None:
    """A story's ednote is written as an Editor's note paragraph and reads back as the ednote."""
    story = Story(headline="H", ednote="Embargoed  photos\nfollow.", body=[Paragraph.plain("Text.")])
    kept = email.carried(story)
    assert kept.ednote == "Embargoed photos follow."
    assert email.loads(email.dumps(story, lossy=True)) == kept


def test_heading_with_line_break_reads_back_as_heading() -> None:
    """A heading whose text holds a line break is written on one line and reads back as that heading."""
    story = Story(body=[Heading(runs=[" \n<script>x</script>"], level=2)])
    back = email.loads(email.dumps(story, lossy=True))
    assert back.body == (Heading(runs=["<script>x</script>"], level=2),)
    assert back == email.carried(story)


# --- detection --------------------------------------------------------------------------------


def _claims(data: bytes) -> dict[str, tuple[float, str]]:
    """Every registered format whose ``sniff`` claims ``data`` (decoded as detect decodes it)."""
    text, _ = decode(wide_text(data), layout="detect", controls=True)
    found: dict[str, tuple[float, str]] = {}
    for info in available():
        sniff = getattr(load_module(info.name), "sniff", None)
        claim = None if sniff is None else sniff(text)
        if claim is not None:
            found[info.name] = claim
    return found


@pytest.mark.parametrize("path", [*OWN, HERE / "mbox" / "two-one-forwarded.mbox"], ids=lambda p: p.stem)
def test_own_samples_are_email_and_claimed_by_no_other(path: Path) -> None:
    """Each sample of this issue is detected as email, and no other format's sniff claims it."""
    data = path.read_bytes()
    assert newsitem.detect(data).layout == "email"
    assert set(_claims(data)) == {"email"}


OTHERS = sorted(
    path
    for folder in DATA.iterdir()
    if folder.is_dir() and folder.name in ("anpa", "iptc7901", "agency-copy", "web-story", "teleprinter")
    for path in folder.iterdir()
    if path.is_file() and ".expected" not in path.name and not path.name.startswith(".")
)


def test_email_sniff_refuses_the_other_layouts_samples() -> None:
    """The e-mail sniff claims none of the other text layouts' samples."""
    assert OTHERS
    claimed = [path.name for path in OTHERS if "email" in _claims(path.read_bytes())]
    assert claimed == []


# --- the writer's round trip with the new conventions in the way ------------------------------

PIECES = st.sampled_from(
    [
        "Acme Robotics",
        "NEWS RELEASE",
        "FOR IMMEDIATE RELEASE",
        "Contact: Jane Roe, 555-0100",
        "Media contact",
        "EMBARGOED UNTIL 6 A.M. EST",
        "Editor's note: photos follow.",
        "EDITOR'S NOTE — Corrects the date.",
        "By Maria Lopez",
        "ITHACA, N.Y., Nov. 5 -- The library opened.",
        "NEW YORK, March 3, 2024 /PRNewswire/ -- Acme said.",
        "---------- Forwarded message ---------",
        "From: Library <press@library.example>",
        "Subject: Library opens",
        "-----Original Message-----",
        "Reporting by Ann Lee; editing by Tom Ko",
        "The plant opened on Tuesday, the company said.",
    ]
)


@given(
    paragraphs=st.lists(PIECES, min_size=1, max_size=8),
    ednote=st.none() | st.sampled_from(["Photos follow.", "Corrects spelling\nof name.", "(See also x)"]),
    sender=st.none() | st.sampled_from(["Acme Robotics", "Desk"]),
)
def test_release_pieces_read_back_as_carried(
    paragraphs: list[str], ednote: str | None, sender: str | None
) -> None:
    """Stories whose paragraphs are preamble, contact, editor's note, dateline and forwarding lines
    read back as carried() says: loads(dumps(s, lossy=True)) == carried(s)."""
    story = Story(
        headline="Plant opens",
        ednote=ednote,
        source=None if sender is None else Source(name=sender, url="mailto:n@acme.example"),
        body=[Paragraph.plain(text) for text in paragraphs],
    )
    assert email.loads(email.dumps(story, lossy=True)) == email.carried(story)


FORWARD_PIECES = st.sampled_from(
    [
        "From: a@b.example\n",
        "Subject: s\n",
        "Date: Tue, 5 Nov 2019 16:00:00 -0500\n",
        "MIME-Version: 1.0\n",
        'Content-Type: multipart/mixed; boundary="B"\n',
        "Content-Type: message/rfc822\n",
        "Content-Type: text/plain; charset=undefined\n",
        "Content-Transfer-Encoding: base64\n",
        "--B\n",
        "--B--\n",
        "\n",
        "---------- Forwarded message ---------\n",
        "-----Original Message-----\n",
        "From: Library [mailto:p@l.example]\n",
        "Sent: Tuesday, November 5, 2019 4:00 PM\n",
        "Date: Tue, Nov 5, 2019 at 13:99 PM\n",
        "Editor's note: x\n",
        "Media contact\n",
        "ITHACA, N.Y., Nov. 5 -- Text.\n",
        "caf\xe9\n",
        "\x1b\n",
    ]
)


@given(parts=st.lists(FORWARD_PIECES, max_size=30))
def test_forward_arrangements_raise_only_our_errors(parts: list[str]) -> None:
    """Forwarding and preamble pieces in any order give a story or one of our errors."""
    data = "".join(parts).encode("utf-8")
    try:
        story = email.loads(data)
    except NewsItemError:
        return
    assert isinstance(story, Story)
