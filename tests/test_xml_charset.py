"""A single-byte Latin XML declaration over UTF-8 bytes (``_decode.xml_bytes``, the one home of
XML bytes): read as UTF-8 with a ``charset-guessed`` note, in NewsML-G2, NITF and NewsML 1.2
alike; bytes that are not UTF-8 keep the charset they declare."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem.errors import ParseError
from newsitem.formats.newsmlg2._parse import parse

from .conftest import DATA

SAMPLES = DATA / "newsml-g2" / "samples"

NITF = """<?xml version="1.0" encoding="{encoding}"?>
<nitf><body><body.head><hedline><hl1>København: en 41-årig mand anholdt</hl1></hedline></body.head>
<body.content><p>Politiet i København oplyser, at manden er løsladt.</p></body.content></body></nitf>"""

NEWSML12 = """<?xml version="1.0" encoding="{encoding}"?>
<NewsML Version="1.2">
  <NewsEnvelope><DateAndTime>20240710T130037Z</DateAndTime></NewsEnvelope>
  <NewsItem>
    <Identification><NewsIdentifier>
      <ProviderId>afp.com</ProviderId><DateId>20240710</DateId><NewsItemId>N1</NewsItemId>
      <RevisionId PreviousRevision="0" Update="N">1</RevisionId>
    </NewsIdentifier></Identification>
    <NewsManagement><NewsItemType FormalName="News"/><Status FormalName="Usable"/></NewsManagement>
    <NewsComponent>
      <NewsLines><HeadLine>Décès de Naomi Musenga</HeadLine></NewsLines>
      <ContentItem><MediaType FormalName="Text"/><DataContent><p>L'opératrice condamnée.</p></DataContent></ContentItem>
    </NewsComponent>
  </NewsItem>
</NewsML>"""


def _guessed(reading: newsitem.Reading) -> list[str]:
    return [note.message for note in reading.notes if note.code == "charset-guessed"]


@pytest.mark.parametrize("stem", ["charset-utf8-declared-latin1", "charset-latin1"])
def test_samples(stem: str) -> None:
    """A NewsML-G2 item in UTF-8 declared ISO-8859-1, and one in Windows-1252 declared so, read as
    their .expected.json (the same accented words)."""
    story = newsitem.loads((SAMPLES / f"{stem}.xml").read_bytes(), format="newsml-g2")
    assert story == newsitem.load(SAMPLES / f"{stem}.expected.json")


def test_utf8_under_latin1_is_noted_naming_both() -> None:
    """Reading UTF-8 bytes against their declaration is a guess: a note names the declared charset and UTF-8."""
    reading = newsitem.read((SAMPLES / "charset-utf8-declared-latin1.xml").read_bytes())
    [message] = _guessed(reading)
    assert "iso-8859-1" in message and "UTF-8" in message
    assert "Ã" not in (reading.story.headline or "")


def test_declared_charset_kept_without_note() -> None:
    """Bytes that really are in the Latin charset declared are read in it, with no note."""
    reading = newsitem.read((SAMPLES / "charset-latin1.xml").read_bytes())
    assert reading.story.headline == "Décès de Naomi Musenga : l'opératrice condamnée"
    assert _guessed(reading) == []


@pytest.mark.parametrize("encoding", ["iso-8859-1", "ISO-8859-1", "latin1", "windows-1252", "us-ascii"])
@pytest.mark.parametrize(
    ("template", "layout", "words"),
    [
        (NITF, "nitf", "København: en 41-årig mand anholdt"),
        (NEWSML12, "newsml-1.2", "Décès de Naomi Musenga"),
    ],
)
def test_every_xml_reader(template: str, layout: str, words: str, encoding: str) -> None:
    """NITF and NewsML 1.2 documents (Ritzau, AFP) in UTF-8 under any single-byte Latin label read
    as UTF-8, with the note."""
    reading = newsitem.read(template.format(encoding=encoding).encode("utf-8"), layout=layout)
    assert reading.story.headline == words
    assert len(_guessed(reading)) == 1


def test_latin1_bytes_are_never_read_as_utf8() -> None:
    """The reverse never: Latin-1 bytes declared Latin-1 (not valid UTF-8) keep their charset."""
    data = NITF.format(encoding="iso-8859-1").encode("latin-1")
    reading = newsitem.read(data, layout="nitf")
    assert reading.story.headline == "København: en 41-årig mand anholdt"
    assert _guessed(reading) == []


def test_mixed_bytes_keep_the_declared_charset() -> None:
    """One byte that is no UTF-8 among UTF-8 sequences means the bytes are not UTF-8: the
    declaration holds (each byte one character)."""
    data = NITF.format(encoding="iso-8859-1").encode("utf-8").replace(b"anholdt", b"anholdt \xe9")
    reading = newsitem.read(data, layout="nitf")
    assert reading.story.headline == "KÃ¸benhavn: en 41-Ã¥rig mand anholdt é"
    assert _guessed(reading) == []


def test_other_charsets_are_not_second_guessed() -> None:
    """A declaration of a charset other than the single-byte Latin ones (ISO-8859-2 here) is
    followed even over UTF-8 bytes: only the common wire mislabel is corrected."""
    data = NITF.format(encoding="iso-8859-2").encode("utf-8")
    reading = newsitem.read(data, layout="nitf")
    assert reading.story.headline == data.decode("iso-8859-2").split("<hl1>")[1].split("</hl1>")[0]
    assert _guessed(reading) == []


def test_ascii_document_under_latin1_has_no_note() -> None:
    """Bytes all ASCII read the same in either charset: nothing was guessed."""
    data = NITF.format(encoding="iso-8859-1").replace("ø", "o").replace("å", "a").encode("ascii")
    assert _guessed(newsitem.read(data, layout="nitf")) == []


def test_undeclared_bytes_that_are_not_utf8_still_fail() -> None:
    """Without a declaration the document is UTF-8 (XML 1.0): Latin-1 bytes are a ParseError, as before."""
    data = NITF.format(encoding="UTF-8").encode("latin-1")
    with pytest.raises(ParseError, match="bytes not in the document's encoding"):
        newsitem.loads(data, format="nitf")


def test_text_input_is_untouched() -> None:
    """Text (str) declaring ISO-8859-1 is already decoded: read as it is, no note."""
    reading = newsitem.read(NITF.format(encoding="iso-8859-1"), layout="nitf")
    assert reading.story.headline == "København: en 41-årig mand anholdt"
    assert _guessed(reading) == []


def test_every_part_carries_the_note() -> None:
    """Read with loads_all, each part of a newsMessage and of a NewsML 1.2 document carries the
    document's charset note (a guess about the whole input)."""
    item = (SAMPLES / "charset-utf8-declared-latin1.xml").read_text("utf-8")
    body = item[item.index("<newsItem") :]
    message = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2024-07-10T13:00:00Z</sent>'
        f"</header><itemSet>{body}{body.replace(':1', ':2')}</itemSet></newsMessage>"
    )
    cases = [
        (message.encode("utf-8"), "newsml-g2", 2),
        (item.encode("utf-8"), "newsml-g2", 1),
        (NEWSML12.format(encoding="iso-8859-1").encode("utf-8"), "newsml-1.2", 1),
    ]
    for data, layout, count in cases:
        parts = list(newsitem.loads_all(data, layout))
        assert len(parts) == count
        for part in parts:
            assert part.story is not None and part.story.headline is not None
            assert "Ã" not in part.story.headline
            assert [n.code for n in part.notes].count("charset-guessed") == 1


_LATIN_TEXT = st.text(  # printable Latin-1, where ISO-8859-1 and Windows-1252 agree (no C1 controls)
    alphabet=st.characters(
        min_codepoint=0x20,
        max_codepoint=0xFF,
        exclude_characters="<&>" + "".join(map(chr, range(0x7F, 0xA0))),
    ),
    max_size=40,
)


@given(_LATIN_TEXT, st.sampled_from(["iso-8859-1", "windows-1252", "latin1"]))
def test_any_text_reads_back_in_either_form(text: str, label: str) -> None:
    """Any Latin-1 text under a Latin-1 label reads back from its UTF-8 bytes, and from its Latin-1
    bytes unless those happen to be valid UTF-8 (the one case read as UTF-8)."""
    document = f'<?xml version="1.0" encoding="{label}"?><a>{text}</a>'
    assert (parse(document.encode("utf-8")).text or "") == text
    raw = document.encode("latin-1")
    latin = parse(raw).text or ""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert latin == text
    else:
        assert latin == raw.decode("utf-8").split("<a>")[1].removesuffix("</a>")
