"""NewsML-G2 items as other agencies send them, the smaller findings of the issue 16 review: a
headline only in the inline document's title, a placeholder ``located``, a subject sent twice,
and what a refused non-text item is called."""

from __future__ import annotations

import attrs
import pytest

import newsitem
from newsitem.errors import ValidationError
from newsitem.model import Subject

from .conftest import DATA

SAMPLES = DATA / "newsml-g2" / "samples"
SAMPLE = (SAMPLES / "inline-title.xml").read_text("utf-8")
FORMAT = "newsml-g2"


def _read(data: str) -> newsitem.Reading:
    return newsitem.read(data, layout=FORMAT)


def test_sample() -> None:
    """The sample reads as its .expected.json: the NITF head's title as the headline, no placeholder
    place, each subject once."""
    story = newsitem.loads((SAMPLES / "inline-title.xml").read_bytes(), format=FORMAT)
    assert story == newsitem.load(SAMPLES / "inline-title.expected.json")


def test_inline_title_is_noted() -> None:
    """Taking the headline from the inline document's title is a headline-elsewhere note at the title."""
    reading = _read(SAMPLE)
    [note] = [n for n in reading.notes if n.code == "headline-elsewhere"]
    assert note.where is not None and note.where.endswith("nitf/head/title")


def test_xhtml_title_and_its_repeat() -> None:
    """An XHTML body's head/title is the headline too, and an h1 repeating it is not the first block."""
    xhtml = (
        '<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Allies split on goal</title></head>"
        "<body><h1>Allies split on goal</h1><p>The coalition remains divided.</p></body></html></inlineXML>"
    )
    start, end = SAMPLE.index("<inlineXML"), SAMPLE.index("</inlineXML>") + len("</inlineXML>")
    story = _read(SAMPLE[:start] + xhtml + SAMPLE[end:]).story
    assert story.headline == "Allies split on goal"
    assert [block.text for block in story.body] == ["The coalition remains divided."]


def test_contentmeta_headline_wins() -> None:
    """A headline in contentMeta is the headline; the inline title is not read and nothing is noted."""
    data = SAMPLE.replace("<contentMeta>", "<contentMeta><headline>Chain for sale</headline>")
    reading = _read(data)
    assert reading.story.headline == "Chain for sale"
    assert all(n.code != "headline-elsewhere" for n in reading.notes)


@pytest.mark.parametrize("placeholder", ["No-Data-Available", "n/a", "Unknown"])
def test_placeholder_located_is_no_place(placeholder: str) -> None:
    """A located that says there is no data is no place (kept in extras as sent)."""
    story = _read(SAMPLE.replace("No-Data-Available", placeholder)).story
    assert story.located is None
    assert story.extras["newsml-g2.located"] == placeholder


def test_real_located_is_kept() -> None:
    """A located naming a place is the place."""
    assert _read(SAMPLE.replace("No-Data-Available", "Auckland")).story.located == "Auckland"


def test_duplicate_subjects_once() -> None:
    """The same subject sent three times (STT) is one subject; a different name keeps its own."""
    twice = '<subject qcode="medtop:20000344"><name>retail sales</name></subject>'
    story = _read(SAMPLE.replace("</contentMeta>", twice + "</contentMeta>")).story
    assert [(s.code, s.name) for s in story.subjects] == [
        ("medtop:04000000", "economy, business and finance"),
        ("medtop:20000344", "retail"),
        ("medtop:20000344", "retail sales"),
    ]


def test_own_items_keep_repeated_subjects() -> None:
    """Our own item carries a subject twice exactly (read back as written)."""
    story = newsitem.loads(SAMPLE, format=FORMAT)
    subject = Subject(code="medtop:04000000", name="economy, business and finance")
    ours = attrs.evolve(story, subjects=(subject, subject), extras={})
    assert newsitem.loads(newsitem.dumps(ours, format=FORMAT), format=FORMAT).subjects == (subject, subject)


@pytest.mark.parametrize(
    ("item_class", "words"),
    [
        ("ninat:graphics", r"a graphic \(ninat:graphics\)"),
        ("ninat:picture", r"a picture \(ninat:picture\)"),
        ("apa:weather", r"an item of class apa:weather"),
    ],
)
def test_non_text_item_says_what_it_is(item_class: str, words: str) -> None:
    """A non-text newsItem is refused naming its kind in words (a plural class code too)."""
    data = SAMPLE.replace('qcode="ninat:text"', f'qcode="{item_class}"')
    with pytest.raises(ValidationError, match=words):
        newsitem.loads(data, format=FORMAT)


def test_closing_line_and_contacts_are_not_the_editors_note() -> None:
    """dpa's closing line is the sign-off and its contacts are kept apart, both in extras; the notes
    to editors stay the editor's note, without the lines the notepad repeats from the others."""
    notes = (
        '<edNote role="dpaednoterole:notepad">Notizblock\nBilder im Archiv\ndpa er xx z2 wom</edNote>'
        '<edNote role="dpaednoterole:closingline">dpa er xx z2 wom</edNote>'
        '<edNote pubconstraint="dpapconstraint:nonpublic" role="dpaednoterole:contacts">'
        "Rike Werner, Pressesprecherin, +49 531 4882250</edNote>"
        '<edNote role="dpaednoterole:correction">Aktualisiert im zweiten Absatz</edNote>'
    )
    story = _read(SAMPLE.replace("</itemMeta>", notes + "</itemMeta>")).story
    assert story.ednote == "Notizblock\nBilder im Archiv\nAktualisiert im zweiten Absatz"
    assert story.extras["newsml-g2.sign-off"] == "dpa er xx z2 wom"
    assert story.extras["newsml-g2.edNote.contacts"] == "Rike Werner, Pressesprecherin, +49 531 4882250"


def test_only_a_closing_line_gives_no_ednote() -> None:
    """An item whose one edNote is its closing line has no editor's note."""
    closing = '<edNote role="aparole:closing">Schluss</edNote>'
    story = _read(SAMPLE.replace("</itemMeta>", closing + "</itemMeta>")).story
    assert story.ednote is None
    assert story.extras["newsml-g2.sign-off"] == "Schluss"
