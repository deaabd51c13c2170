"""ANPA-1312 copy nobody here wrote (issue 18): framing by the standard, end marks, the format
flag checked against the body, layout control bytes, headline conventions, tables, contributor
lines and editor's notes. The samples are tests/data/anpa/an12-... onwards (their expected
stories are checked by tests/test_wire.py); these tests state each rule on its own."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import newsitem
from newsitem import Byline, Heading, ListBlock, Paragraph, Source, Story, Table
from newsitem.formats.layouts import anpa

from .conftest import DATA

SYN, SOH, STX, ETX, EOT, US = "\x16", "\x01", "\x02", "\x03", "\x04", "\x1f"
DC1, DC2, DC3, DC4, TLI, DLE, RS = "\x11", "\x12", "\x13", "\x14", "\x08", "\x10", "\x1e"


def sample(name: str) -> bytes:
    return (DATA / "anpa" / f"{name}.tst").read_bytes()


def message(
    body: str, *, line2: str = "r a" + DC3 + DC1 + " BC-X--Test 05-06 0010", trailer: str = ""
) -> str:
    """A small ANPA-1312 message around ``body`` (CR LF lines), with ``trailer`` after ETX."""
    return f"{SYN}{SYN}{SOH}a0001{US}-----\n{line2}\r\n{STX}{body}{ETX}{trailer}\r\n{EOT}"


def test_padding_before_soh_is_skipped_and_noted() -> None:
    """DEL, line ends and junk before SYN SYN SOH are skipped, with a note naming what was skipped."""
    reading = newsitem.read(sample("an12-padding-noise"), layout="anpa")
    assert reading.story.headline == "Ferry workers strike in Seattle"
    assert any("padding before SOH" in str(n) and "DEL" in str(n) for n in reading.notes)


def test_standard_syn_fill_is_not_noted() -> None:
    """SYN fill and line ends before SOH are the grammar's own: no padding note."""
    text = "\r\n" + message("^Headline here<\r\n\t   Text of the story.\r\n")
    reading = newsitem.read(text.encode(), layout="anpa")
    assert not [n for n in reading.notes if "padding" in str(n)]


def test_noise_after_the_trailer_is_skipped_and_noted() -> None:
    """Line noise after the trailer and EOT is neither the trailer nor text; a note says it was skipped."""
    reading = newsitem.read(sample("an12-padding-noise"), layout="anpa")
    assert reading.story.published == datetime.fromisoformat("2019-04-02T14:10:00+00:00")
    assert any("after the trailer skipped" in str(n) for n in reading.notes)


def test_tabular_flag_with_prose_body_is_read_as_prose() -> None:
    """A body flagged tabular that is prose gives paragraphs, its slug and headline outside the body, and a note."""
    reading = newsitem.read(sample("an13-kyodo-tabular-prose"), layout="anpa")
    story = reading.story
    assert story.headline == "Japan's economy grows 0.7 pct in April-June quarter"
    assert story.extras["anpa.slug-line"] == "Japan-economy"
    assert all(isinstance(block, Paragraph) for block in story.body) and len(story.body) == 2
    assert not any(block.text == "Japan-economy" or "==Kyodo" in block.text for block in story.body)
    assert (story.dateline, story.source and story.source.name) == ("TOKYO", "Kyodo")
    assert any("format flag says tabular" in str(n) for n in reading.notes)


def test_sender_trailer_is_a_naive_time() -> None:
    """Kyodo's KWS-21:37-09-12-18 gives 21:37 on 12 September 2018, naive (no zone printed), sender kept."""
    story = anpa.loads(sample("an13-kyodo-tabular-prose"))
    assert story.published == datetime(2018, 9, 12, 21, 37)
    assert story.extras["anpa.trailer-sender"] == "KWS"


def test_sender_trailer_date_order_by_the_dateline_else_guessed() -> None:
    """The trailer's day and month follow the dateline's date; when nothing tells, day first is a noted guess."""
    dated = "^Headline here<\r\n\t   TOKYO, Dec. 9 Kyodo - Text of the story.\r\n"
    told = newsitem.read(message(dated, trailer="KWS-21:37-09-12-18").encode(), layout="anpa")
    assert told.story.published == datetime(2018, 12, 9, 21, 37)
    assert not any("date-guessed" in str(n) for n in told.notes)
    undated = "^Headline here<\r\n\t   Text of the story.\r\n"
    guessed = newsitem.read(message(undated, trailer="KWS-08:05-03-04-18").encode(), layout="anpa")
    assert guessed.story.published == datetime(2018, 4, 3, 8, 5)
    assert any("date-guessed" in str(n) for n in guessed.notes)
    over_twelve = newsitem.read(message(undated, trailer="KWS-08:05-04-30-18").encode(), layout="anpa")
    assert over_twelve.story.published == datetime(2018, 4, 30, 8, 5)
    assert not any("date-guessed" in str(n) for n in over_twelve.notes)


def test_record_separators_between_columns_are_table_cells() -> None:
    """0x1E between agate columns splits cells (TLI rows and TAB rows alike); no U+001E reaches the story."""
    story = anpa.loads(sample("an14-agate-record-separators"))
    (table,) = story.body
    assert isinstance(table, Table) and table.header_rows == 1
    assert table.rows[2] == ("Tampa Bay", "38", "27", ".585", "6{")
    assert table.rows[3][0] == "Boston"
    assert "\x1e" not in newsitem.dumps(story, format="json")


def test_record_separator_outside_agate_never_fails_the_message() -> None:
    """RS in paragraph lines of a text message makes table rows; the message reads and holds no U+001E."""
    text = message(f"^Headline here<\r\n\t   Cells{RS}in{RS}a row\r\n \r\n\t   Text with{RS}a stray RS.\r\n")
    story = anpa.loads(text.encode())
    assert story.body[0] == Table(rows=[("Cells", "in", "a row")])
    assert "\x1e" not in newsitem.dumps(story, format="json")


def test_dle_and_tli_inside_lines_are_spaces() -> None:
    """A DLE space band and a TLI inside a paragraph line are spaces between words, never text."""
    story = anpa.loads(sample("an19-dle-tli-spaces"))
    assert [block.text for block in story.body] == [
        "The new bridge opened to traffic on Friday morning.",
        "Tolls start next month.",
    ]


def test_slug_line_and_header_code_are_never_headlines() -> None:
    """AP's slug line with a word count and a header code (*9006< ...) are kept in extras, the headline is the next line."""
    story = anpa.loads(sample("an15-header-code-slug"))
    assert story.headline == "Film festival opens with a premiere in Cannes"
    assert story.extras["anpa.slug-line"] == "BC-10 Things to Know-Today,364"
    assert story.extras["anpa.header-code"].startswith("*9006<")


@pytest.mark.parametrize(
    "line", ["BC-10 Things to Know-Today,364", "*9006< ^AP-Top-Entertainment-Headlines,0176"]
)
def test_a_slug_or_code_alone_leaves_no_headline(line: str) -> None:
    """A story whose only caret line is a slug line or a header code has no headline, and its text is its body."""
    story = anpa.loads(message(f"^{line}<\r\n\t   The text of the story.\r\n").encode())
    assert story.headline is None
    assert [block.text for block in story.body] == ["The text of the story."]


def test_markers_are_never_headlines() -> None:
    """URGENT and BULLETIN lines are markers in extras; a story without a headline line has none."""
    story = anpa.loads(sample("an16-markers-no-headline"))
    assert story.headline is None
    assert story.extras["anpa.marker"] == "URGENT\nBULLETIN BULLETIN"
    assert story.body[0].text.startswith("A strong earthquake")


def test_contributor_lines_stay_the_last_paragraphs() -> None:
    """Contributor lines after AP's separator are the body's last paragraphs, not extras."""
    story = anpa.loads(sample("an17-contributors-ednote"))
    assert [block.text for block in story.body[-2:]] == [
        "Estrada reported from Salem, Oregon.",
        "Associated Press writer Gene Johnson contributed to this report.",
    ]
    assert "anpa.end-notes" not in story.extras


def test_contributor_line_survives_a_written_page() -> None:
    """The contributor line is in the HTML page written from the story (it once disappeared from every page)."""
    story = anpa.loads(sample("an17-contributors-ednote"))
    page = newsitem.dumps(story, format="html")
    assert "Estrada reported from Salem, Oregon." in page


def test_editors_note_before_the_story_is_the_ednote() -> None:
    """An (Eds: ...) line before the story is Story.ednote without its label, and is written back as a note."""
    story = anpa.loads(sample("an17-contributors-ednote"))
    assert story.ednote == "Updates with evacuation figures."
    again = anpa.loads(anpa.dumps(anpa.carried(story)))
    assert again.ednote == story.ednote


def test_end_marks_are_never_body_text() -> None:
    """A desk tag, ./. and NNNN close the text and stay out of the body; Reporting by stays its last paragraph."""
    story = anpa.loads(sample("an18-end-marks"))
    assert story.body[-1].text == "Reporting by Anna Keller"
    assert story.extras["anpa.end-mark"] == "(sj)\n./.\nNNNN"
    assert not any(mark in block.text for block in story.body for mark in ("NNNN", "./.", "(sj)"))


def test_ap_end_marks_and_kyodo_agency_mark() -> None:
    """AP's (END) and ENDIT leave the text; ==Kyodo names the source when nothing else does."""
    ap = anpa.loads(sample("an17-contributors-ednote"))
    assert ap.extras["anpa.end-mark"] == "(END)\nENDIT"
    text = message("^Headline here<\r\n\t   Text of the story.\r\n\t   ==Kyodo\r\n")
    assert anpa.loads(text.encode()).source == Source(name="Kyodo")


def test_results_copy_in_agate_is_a_table() -> None:
    """Results copy (columns set apart by runs of spaces) in an agate message is a Table."""
    story = anpa.loads(sample("an20-results-copy"))
    (table,) = story.body
    assert isinstance(table, Table)
    assert table.rows[0] == ("1.", "Noah Lyles, United States", "9.79")


def test_own_samples_are_detected_as_anpa_and_sniff_refuses_other_layouts() -> None:
    """Every ANPA sample is detected as anpa; anpa's sniff claims no sample of another text layout."""
    for path in sorted((DATA / "anpa").glob("an*.tst")):
        assert newsitem.detect(path.read_bytes()).layout == "anpa", path.name
    others = ["iptc7901", "agency-copy", "email", "web-story", "teleprinter"]
    for layout in others:
        folder = DATA / layout
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.is_file() and ".expected" not in path.name:
                text = path.read_bytes().decode("latin-1")
                assert anpa.sniff(text) is None, path


def test_bay_city_coded_headline_line_is_the_headline() -> None:
    """Bay City's first text line CODE:MARKER:HEADLINE is the headline; code, routing line and marker go to extras."""
    story = anpa.loads(sample("an21-baycity-coded-headline"))
    assert story.headline == "BRIDGE LANE CLOSURES PLANNED FOR WEEKEND"
    assert story.extras["anpa.header-code"] == "BCN61\nBCN61 -CORRECTS DATE IN 2ND PGH"
    assert story.extras["anpa.marker"] == "CORRECTION"
    assert story.body[0].text.startswith("Caltrans will close")


def test_bay_city_sign_off_with_the_hour_alone() -> None:
    """A Bay City sign-off printing the hour alone (J.Rivera4p5/2/95) is 4 p.m. that day, naive."""
    story = anpa.loads(sample("an21-baycity-coded-headline"))
    assert story.published == datetime(1995, 5, 2, 16, 0)


def test_nul_time_fill_is_dropped_and_noted() -> None:
    """A few NUL bytes of serial time fill are dropped with a note, not a refusal of the message."""
    text = message("^Headline here<\r\n\t   Text of the\x00 story.\r\n")
    reading = newsitem.read(text.encode(), layout="anpa")
    assert reading.story.body[0].text == "Text of the story."
    assert any("NUL bytes of time fill" in str(n) for n in reading.notes)


def test_tli_lines_without_separators_are_not_a_one_column_table() -> None:
    """TLI lines without cell separators: rules go, a boxed title is a subhead, fixed-width columns a table."""
    story = anpa.loads(sample("an22-tli-box-fixed-width"))
    heading, paragraph, table = story.body
    assert isinstance(heading, Heading) and heading.text == "Oregon Weather Roundup"
    assert isinstance(paragraph, Paragraph)
    assert isinstance(table, Table) and table.rows[2] == ("SALEM", "74", "49", "")


def test_a_package_of_headlines_is_a_list() -> None:
    """A message of header lines only: the headline, then the other headlines as a list (no summary)."""
    story = anpa.loads(sample("an23-headline-package"))
    assert story.headline == "AP Top Business News at 9:00 a.m. EST"
    assert story.summary is None
    (listing,) = story.body
    assert isinstance(listing, ListBlock) and len(listing.items) == 3


def test_kyodo_continuation_lines_read_as_prose() -> None:
    """Kyodo's untabbed lines flagged agate: slug and headline (its + mark gone) leave the text, indents open paragraphs."""
    story = anpa.loads(sample("an24-kyodo-continuation-day-first"))
    assert story.headline == "Baseball: Hawks win Japan Series for third straight year"
    assert story.dateline == "FUKUOKA, Japan"
    assert len(story.body) == 2
    assert story.published == datetime(2018, 11, 3, 22, 5)


def test_another_agencys_copy_gets_no_ap_urgency() -> None:
    """A BC- keyword on Kyodo's copy does not make AP's priority letters an urgency."""
    story = anpa.loads(sample("an24-kyodo-continuation-day-first"))
    assert (story.priority, story.urgency) == ("u", None)


def test_a_marker_before_the_headline_on_its_line_is_a_marker() -> None:
    """URGENT: before the headline on its line is a marker in extras, not part of the headline (nor a CP key)."""
    story = anpa.loads(message("^URGENT: Quake hits Chile<\r\n\t   Text of the story.\r\n").encode())
    assert story.headline == "Quake hits Chile"
    assert story.extras["anpa.marker"] == "URGENT"


def test_a_second_message_is_noted_not_taken_for_the_trailer() -> None:
    """A further message after EOT is neither trailer nor noise of this one: a note says one message is read."""
    one = message("^Headline here<\r\n\t   Text of the story.\r\n", trailer="AP-WF-05-06-22 1804GMT<")
    reading = newsitem.read((one + "\r\n" + one).encode(), layout="anpa")
    assert reading.story.published == datetime.fromisoformat("2022-05-06T18:04:00+00:00")
    assert [n.message for n in reading.notes if "another message" in n.message]
    assert "anpa.trailer" not in reading.story.extras


@pytest.mark.parametrize(
    "path",
    [path for path in sorted((DATA / "anpa").glob("an[0-9][0-9]-*.tst")) if int(path.name[2:4]) >= 12],
    ids=lambda path: path.name.split("-")[0],
)
def test_each_new_sample_written_back_reads_as_carried(path: Path) -> None:
    """Each sample of issue 18, written (lossy) and read again, is exactly what carried() says is kept."""
    story = anpa.loads(path.read_bytes())
    assert anpa.loads(anpa.dumps(story, lossy=True)) == anpa.carried(story)


def test_rule_lines_between_parts_are_not_paragraphs() -> None:
    """Bay City's rule lines of + (two runs set apart by spaces) are layout: no paragraph holds them."""
    story = anpa.loads(sample("an25-baycity-datebook-rules"))
    assert story.body[0].text == "BAY CITY NEWS SERVICE DATEBOOK FOR SATURDAY, APRIL 22"
    assert not any("+++" in block.text for block in story.body)


def test_an_abstract_and_one_caret_line_are_no_headline_package() -> None:
    """A header-only message of a headline, an abstract and one more caret line stays what it
    is (a package of headlines is three lines or more), so what carried() keeps writes strictly
    and reads back (a contract round trip Hypothesis found)."""
    hostile = "<script>alert(1)</script>"
    story = Story(
        headline=hostile,
        summary="0\xa00",
        bylines=[Byline(name=hostile, title=hostile)],
        source=Source(name=hostile),
    )
    kept = anpa.carried(story)
    assert not any(isinstance(block, ListBlock) for block in kept.body)
    assert anpa.loads(anpa.dumps(kept)) == kept
