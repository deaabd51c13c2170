"""Charsets: legacy Cyrillic, Greek, Japanese and Chinese copy detected (charset-normalizer,
a note with its confidence), Western copy still read as Windows-1252, and the ``encoding=``
override through the front door and ``--encoding`` on convert, validate and inspect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsitem
from newsitem.cli import main
from newsitem.formats import _decode

from .conftest import DATA

AGENCY = DATA / "agency-copy"
SAMPLES = {
    "cs-cp1251-tass": ("cp1251", "cp1251"),
    "cs-koi8r-tass": ("koi8-r", "koi8-r"),
    "cs-iso8859-7-ape": ("iso-8859-7", "iso8859-7"),
    "cs-shift-jis-kyodo": ("shift_jis", "cp932"),
    "cs-gb18030-xinhua": ("gb18030", "gb18030"),
    "cs-big5-cna": ("big5", "big5"),
}
"""Each sample of ours: the charset it was written in, and the codec the note names (the
detector names Microsoft's Shift_JIS, cp932, which reads Shift_JIS text the same)."""
CP1251 = AGENCY / "cs-cp1251-tass.txt"
LATIN_DATELINE = (
    "Россия и Казахстан договорились о поставках зерна\n\n"
    "MOSCOW (Reuters) - Россия и Казахстан подписали соглашение о поставках зерна.\n"
).encode("cp1251")
"""Cyrillic copy in cp1251 whose dateline is ASCII: read in another charset, it is still agency copy."""

WESTERN = [
    "Café owners protest rent rises\n\nLYON (AFP) - Dozens of café owners gathered.",
    "Über 200 Menschen demonstrierten in München gegen die Schließung des Krankenhauses.",
    "El presidente español visitó Málaga el miércoles; «Es un día histórico», dijo.",
    "Il governo italiano ha approvato la riforma, così ha detto il premier lunedì.",
    "Göteborg: Regeringen säger att skatten höjs nästa år för de flesta hushåll.",
    "Bergen (NTB) \u2013 Statsministeren sier at økonomien går bedre enn ventet i år.",
    "Ísland: Forsætisráðherra sagði að þjóðin þyrfti að spara í ár.",
    "He said \u201cno\u201d \u2013 and left \u2014 quickly\u2026 at 5\u00b0C for \u20ac20.",
    "naïve résumé",
    "The quick brown fox éè",
    "Zürich",
]
"""Short Western European copy for which charset-normalizer alone answers wrongly (cp1250,
cp1258, cp1006, Big5, UTF-16-BE were its answers when this was written)."""


@pytest.fixture(autouse=True)
def _fresh_detector() -> None:
    _decode._last = (b"", None)  # no answer carried over from another test


@pytest.mark.parametrize("stem", sorted(SAMPLES))
def test_each_legacy_sample_is_detected(stem: str) -> None:
    """Each legacy-charset sample reads exactly as the text written, and the guess names its charset."""
    raw = (AGENCY / f"{stem}.txt").read_bytes()
    written, named = SAMPLES[stem]
    text, guess = _decode.fallback(raw)
    assert text == raw.decode(written)
    assert guess.startswith(f"{named} (charset-normalizer, ")


@pytest.mark.parametrize("stem", ["cs-cp1251-tass", "cs-koi8r-tass", "cs-iso8859-7-ape"])
def test_a_cyrillic_or_greek_headline_alone_is_detected(stem: str) -> None:
    """One line of Cyrillic or Greek (40 to 50 bytes) is enough for the detector (CJK this short is not: see docs/charsets.md)."""
    raw = (AGENCY / f"{stem}.txt").read_bytes().split(b"\n")[0]
    written, named = SAMPLES[stem]
    text, guess = _decode.fallback(raw)
    assert text == raw.decode(written)
    assert guess.startswith(f"{named} (charset-normalizer, ")


@pytest.mark.parametrize("stem", sorted(SAMPLES))
def test_guess_is_a_note_with_its_confidence(stem: str) -> None:
    """Reading a sample notes the charset guessed with charset-normalizer's confidence, between 0.8 and 1."""
    reading = newsitem.read((AGENCY / f"{stem}.txt").read_bytes())
    (note,) = [note for note in reading.notes if note.code == "charset-guessed"]
    confidence = float(note.message.split(", ")[-1].split()[0])
    assert _decode.TRUSTED <= confidence <= 1.0
    assert reading.layout == "agency-copy"


def _encodable(texts: list[str], charset: str) -> list[str]:
    out = []
    for text in texts:
        try:
            text.encode(charset)
        except UnicodeEncodeError:
            continue
        out.append(text)
    return out


@pytest.mark.parametrize(
    ("text", "charset"),
    [(text, "cp1252") for text in WESTERN] + [(text, "latin-1") for text in _encodable(WESTERN, "latin-1")],
)
def test_western_copy_stays_windows_1252(text: str, charset: str) -> None:
    """Short Western European copy is read as Windows-1252, as before the detector, whatever it answers."""
    raw = text.encode(charset)
    assert _decode.fallback(raw) == (raw.decode("cp1252"), "windows-1252")


def test_undefined_windows_1252_bytes_still_read_as_latin_1() -> None:
    """Bytes Windows-1252 leaves undefined (0x81) in Western copy still fall back to ISO-8859-1."""
    raw = "Café \x81 crème".encode("latin-1")
    assert _decode.fallback(raw) == (raw.decode("latin-1"), "iso-8859-1")


def test_utf8_and_ascii_never_ask_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8 and ASCII input is read without calling the detector."""

    def refuse(raw: bytes) -> None:
        raise AssertionError("the detector was asked")

    monkeypatch.setattr(_decode, "_detect", refuse)
    story = newsitem.parse(CP1251.read_bytes().decode("cp1251").encode("utf-8"))
    assert story.dateline == "МОСКВА"
    assert _decode.decode(b"plain ASCII", layout="agency-copy") == ("plain ASCII", None)


def test_import_and_utf8_reads_do_not_import_the_detector() -> None:
    """Importing newsitem and reading UTF-8 copy leave charset-normalizer unimported; legacy bytes import it."""
    code = (
        "import sys, newsitem\n"
        f"raw = open({str(CP1251)!r}, 'rb').read()\n"
        "newsitem.parse(raw.decode('cp1251').encode('utf-8'))\n"
        "print('charset_normalizer' in sys.modules)\n"
        "newsitem.parse(raw)\n"
        "print('charset_normalizer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_detector_sees_a_bounded_head(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a megabyte of Shift_JIS the detector is given at most DETECT_BYTES, cut at a line end, and the whole is read."""
    import charset_normalizer

    seen: list[bytes] = []
    real = charset_normalizer.from_bytes

    def spy(head: bytes) -> charset_normalizer.CharsetMatches:
        seen.append(head)
        return real(head)

    monkeypatch.setattr(charset_normalizer, "from_bytes", spy)
    paragraph = (AGENCY / "cs-shift-jis-kyodo.txt").read_bytes()
    raw = paragraph * (1024 * 1024 // len(paragraph))
    text, guess = _decode.fallback(raw)
    assert text == raw.decode("shift_jis")
    assert guess.startswith("cp932 ")
    (head,) = seen
    assert len(head) <= _decode.DETECT_BYTES
    assert head.endswith(b"\n")


def test_answer_that_does_not_decode_the_whole_is_not_taken() -> None:
    """A charset the head fits but a later byte does not (0x98, undefined in cp1251) gives Windows-1252."""
    head = CP1251.read_bytes() * (_decode.DETECT_BYTES // len(CP1251.read_bytes()) + 1)
    raw = head + b"\x98"
    assert _decode.fallback(raw)[1] == "windows-1252"


def test_detection_is_deterministic() -> None:
    """The same bytes give the same reading and note each time (no answer cached between the two)."""
    raw = (AGENCY / "cs-big5-cna.txt").read_bytes()
    first = _decode.fallback(raw)
    _decode._last = (b"", None)
    assert _decode.fallback(raw) == first


# --- the override: encoding= -----------------------------------------------------------


def test_parse_with_encoding_reads_as_told_and_notes_nothing() -> None:
    """encoding= reads bytes in that charset, with no charset note (an override is no guess)."""
    raw = CP1251.read_bytes()
    reading = newsitem.read(raw, encoding="cp1251")
    assert reading.story == newsitem.parse(raw)
    assert [note for note in reading.notes if note.code == "charset-guessed"] == []
    # Another charset is obeyed too: KOI8-R reads every byte, so the same bytes give other letters.
    assert newsitem.parse(LATIN_DATELINE).headline == LATIN_DATELINE.split(b"\n")[0].decode("cp1251")
    other = newsitem.parse(LATIN_DATELINE, encoding="koi8-r")
    assert other.headline == LATIN_DATELINE.split(b"\n")[0].decode("koi8-r")


@pytest.mark.parametrize(
    "call",
    [
        lambda raw: newsitem.parse(raw, encoding="cp1251").headline,
        lambda raw: newsitem.read(raw, encoding="cp1251").story.headline,
        lambda raw: newsitem.loads(raw, "agency-copy", encoding="cp1251").headline,
        lambda raw: next(newsitem.parse_all(raw, encoding="cp1251")).unwrap().headline,
        lambda raw: next(newsitem.loads_all(raw, "agency-copy", encoding="cp1251")).unwrap().headline,
    ],
    ids=["parse", "read", "loads", "parse_all", "loads_all"],
)
def test_every_verb_takes_the_override(call: object) -> None:
    """parse, read, loads, parse_all and loads_all read in the encoding given, and refuse bytes it lacks."""
    raw = CP1251.read_bytes()
    assert callable(call)
    assert call(raw) == "Россия и Казахстан договорились о поставках зерна"
    with pytest.raises(newsitem.ParseError, match="byte 0x98 at offset 0 is not valid cp1251"):
        call(b"\x98" + raw)  # 0x98 is the one byte cp1251 leaves undefined


def test_load_and_detect_take_the_override(tmp_path: Path) -> None:
    """load() and detect() read bytes in the encoding given."""
    path = tmp_path / "story.txt"
    path.write_bytes(CP1251.read_bytes())
    assert newsitem.load(path, "agency-copy", encoding="cp1251").dateline == "МОСКВА"
    assert newsitem.detect(CP1251.read_bytes(), encoding="cp1251").layout == "agency-copy"


def test_loads_all_applies_the_override_only_while_reading() -> None:
    """Between the parts loads_all yields, the caller's code runs without the override."""
    parts = newsitem.loads_all(CP1251.read_bytes(), "agency-copy", encoding="cp1251")
    for part in parts:
        assert part.story is not None
        assert _decode._FORCED.get() is None


@pytest.mark.parametrize("name", ["klingon", "base64", "rot13", "undefined", ""])
def test_unknown_encoding_is_a_usage_error_naming_it(name: str) -> None:
    """An encoding no text charset answers to is a UsageError naming it, raised before reading."""
    with pytest.raises(newsitem.UsageError, match=f"unknown encoding {name!r}"):
        newsitem.parse(CP1251.read_bytes(), encoding=name)
    with pytest.raises(newsitem.UsageError, match=f"unknown encoding {name!r}"):
        newsitem.loads_all(CP1251.read_bytes(), "agency-copy", encoding=name)


def test_bytes_not_in_the_encoding_are_an_error_at_the_first() -> None:
    """Bytes the encoding given does not decode are a ParseError at the first of them (line, column, offset)."""
    raw = b"Ferry resumes\n\nLONDON (Reuters) - The caf\xe9 reopened.\n"
    with pytest.raises(newsitem.ParseError) as caught:
        newsitem.parse(raw, layout="agency-copy", encoding="ascii")
    error = caught.value
    assert (error.line, error.column, error.offset) == (3, 27, raw.index(b"\xe9"))
    assert "byte 0xE9" in error.message
    assert "ascii" in error.message


def test_utf16_is_read_when_given() -> None:
    """UTF-16 copy, refused as binary by the guess (NUL bytes), is read when encoding='utf-16' says so."""
    raw = CP1251.read_bytes().decode("cp1251").encode("utf-16")
    with pytest.raises(newsitem.ParseError, match="NUL"):
        newsitem.parse(raw, layout="agency-copy")
    assert newsitem.parse(raw, encoding="utf-16").dateline == "МОСКВА"


# --- e-mail and HTML -------------------------------------------------------------------

_MAIL = (
    "From: desk@example.org\nSubject: {subject}\nDate: Tue, 25 Mar 2025 10:00:00 +0300\n"
    "MIME-Version: 1.0\nContent-Type: text/plain{charset}\nContent-Transfer-Encoding: 8bit\n\n"
    "МОСКВА, 25 марта (ТАСС) - Соглашение подписано.\n"
)


def _mail(charset: str, subject: str = "Grain deal") -> bytes:
    return _MAIL.format(subject=subject, charset=charset).encode("koi8-r")


def test_email_part_without_charset_takes_the_override() -> None:
    """An e-mail part that declares no charset is read in the encoding given."""
    story = newsitem.parse(_mail(""), layout="email", encoding="koi8-r")
    assert "Соглашение подписано." in story.body[0].text


def test_email_declared_charset_wins_over_the_override() -> None:
    """An e-mail part's declared charset is kept: the override applies only where none is declared."""
    story = newsitem.parse(_mail("; charset=koi8-r"), layout="email", encoding="cp1251")
    assert "Соглашение подписано." in story.body[0].text


def test_email_raw_header_takes_the_override() -> None:
    """A raw 8-bit header (no encoded-word, so no charset) is read in the encoding given."""
    story = newsitem.parse(_mail("", subject="Зерно"), layout="email", encoding="koi8-r")
    assert story.headline == "Зерно"


def test_email_part_not_in_the_override_is_an_error_at_its_line() -> None:
    """An e-mail part the encoding given does not decode is a ParseError at the part's first line."""
    with pytest.raises(newsitem.ParseError, match="byte 0xED at offset 0 is not valid ascii") as caught:
        newsitem.parse(_mail(""), layout="email", encoding="ascii")
    assert caught.value.line == 8


_PAGE = (
    '<html><head><meta charset="{declared}"><title>Зерно</title></head><body>'
    '<article itemscope itemtype="https://schema.org/NewsArticle">'
    '<h1 itemprop="headline">Россия и Казахстан договорились о поставках зерна</h1>'
    '<div itemprop="articleBody"><p>Россия и Казахстан подписали соглашение о поставках зерна.</p></div>'
    "</article></body></html>"
)


def test_html_override_beats_the_meta_charset() -> None:
    """An HTML page's <meta> charset gives way to the encoding given."""
    raw = _PAGE.format(declared="koi8-r").encode("cp1251")
    assert newsitem.parse(raw, layout="html").headline != "Россия и Казахстан договорились о поставках зерна"
    reading = newsitem.read(raw, layout="html", encoding="cp1251")
    assert reading.story.headline == "Россия и Казахстан договорились о поставках зерна"
    assert [note for note in reading.notes if note.code == "charset-guessed"] == []


def test_html_byte_order_mark_beats_the_override() -> None:
    """A page opening with a UTF-8 byte-order mark is read as UTF-8 whatever encoding is given, as browsers do."""
    raw = b"\xef\xbb\xbf" + _PAGE.format(declared="utf-8").encode("utf-8")
    story = newsitem.parse(raw, layout="html", encoding="cp1251")
    assert story.headline == "Россия и Казахстан договорились о поставках зерна"


def test_html_without_meta_uses_the_detector() -> None:
    """A page in cp1251 that declares no charset is detected, with the guess noted."""
    raw = _PAGE.replace('<meta charset="{declared}">', "").encode("cp1251")
    reading = newsitem.read(raw, layout="html")
    assert reading.story.headline == "Россия и Казахстан договорились о поставках зерна"
    assert any("cp1251 (charset-normalizer" in note.message for note in reading.notes)


# --- the command line ------------------------------------------------------------------


def test_convert_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """convert --encoding reads each story in that charset (here KOI8-R over the cp1251 guess)."""
    out, story = tmp_path / "out.jsonl", tmp_path / "story.txt"
    story.write_bytes(LATIN_DATELINE)
    argv = ["convert", str(story), "--to", "jsonl", "-o", str(out), "-q", "-j", "1"]
    assert main([*argv, "--encoding", "koi8-r"]) == 0
    headline = json.loads(out.read_text("utf-8"))["story"]["headline"]
    assert headline == LATIN_DATELINE.split(b"\n")[0].decode("koi8-r")
    again = tmp_path / "again.jsonl"  # a new -o: a run into an earlier run's output is refused
    assert main([*argv[:5], str(again), *argv[6:]]) == 0
    headline = json.loads(again.read_text("utf-8"))["story"]["headline"]
    assert headline == LATIN_DATELINE.split(b"\n")[0].decode("cp1251")


def test_validate_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    """validate --encoding reads in that charset, so the charset warning (NI201) is gone."""
    assert main(["validate", str(CP1251), "--output", "text", "--strict"]) == 1
    assert "NI201" in capsys.readouterr().out
    assert main(["validate", str(CP1251), "--output", "text", "--strict", "--encoding", "cp1251"]) == 0
    assert "NI201" not in capsys.readouterr().out


def test_inspect_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    """inspect --encoding shows the story read in that charset, without the charset note."""
    assert main(["inspect", str(CP1251)]) == 0
    assert "charset-guessed" in capsys.readouterr().out
    assert main(["inspect", str(CP1251), "--encoding", "cp1251"]) == 0
    shown = capsys.readouterr().out
    assert "МОСКВА" in shown
    assert "charset-guessed" not in shown


def test_resume_with_another_encoding_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """convert --resume refuses to continue a run made with another --encoding (exit 2)."""
    out = tmp_path / "out"
    argv = ["convert", str(CP1251), "--to", "json", "-o", str(out), "-q", "-j", "1"]
    assert main([*argv, "--encoding", "cp1251"]) == 0
    assert main([*argv, "--encoding", "cp1251", "--resume"]) == 0
    capsys.readouterr()
    assert main([*argv, "--resume"]) == 2
    assert "--encoding" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["convert", "validate", "inspect"])
def test_unknown_encoding_option_exits_2_naming_it(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --encoding is a usage error (exit 2) naming it, for each command."""
    argv = [command, str(CP1251), "--encoding", "klingon"]
    if command == "convert":
        argv += ["--to", "jsonl", "-q"]
    assert main(argv) == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_ebcdic_is_never_guessed_but_read_when_given() -> None:
    """EBCDIC copy is not guessed (the detector may name it; the guess names only ASCII-compatible charsets) but is read with encoding='cp037'."""
    raw = "Ferry resumes\n\nLONDON (Reuters) - The ferry resumed on Monday.\n".encode("cp037")
    assert _decode.fallback(raw)[1] in {"windows-1252", "iso-8859-1"}
    assert newsitem.parse(raw, layout="agency-copy", encoding="cp037").dateline == "LONDON"


def test_shift_jis_full_of_bytes_windows_1252_leaves_undefined_is_read_as_shift_jis() -> None:
    """Shift_JIS copy whose punctuation leads with 0x81 (undefined in Windows-1252) is read as
    Shift_JIS, not compared against a Windows-1252 reading that does not exist (the fallback
    would give ISO-8859-1 mojibake: a reviewer's finding on chardet's Shift_JIS text)."""
    text = (
        "========================================\n"
        "TOKYO (Kyodo) -- universalchardet: 文字コード自動判別の概要\n"
        "========================================\n"
        "The library (version 1.0, 2024) detects the charset: 判別、速度、精度。\n"
        "Mozilla universalchardet は、多くの文字コードを判別する。\n"
    )  # mostly ASCII: the Windows-1252 reading without its undefined bytes looks clean
    raw = text.encode("shift_jis")
    assert sum(raw.count(byte) for byte in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")) > 2
    read, charset = _decode.decode(raw, layout="agency-copy")
    assert read == text
    assert charset is not None
    assert charset.startswith(("shift_jis", "cp932"))
