"""Agency copy nobody here wrote (issue 18): detection on positive evidence only, datelines
in any script with the agency and press-release wire tags, by lines in six languages with
their authors' places, end notes kept as the body's last paragraphs, editor's notes, and
agate copy as tables.

The samples are tests/data/agency-copy/ac16-... (each read against its expected story by
tests/test_wire.py too); tests/data/agency-copy/not/ holds text agency copy must not claim.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

import newsitem
from newsitem import NewsItemError, Paragraph, Table
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import agency

from .conftest import DATA

SAMPLES = DATA / "agency-copy"
NOT_AGENCY = sorted((SAMPLES / "not").iterdir())


def read(name: str) -> newsitem.Story:
    """The story of one of our samples."""
    return newsitem.read((SAMPLES / name).read_bytes(), layout="agency-copy").story


# --- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOT_AGENCY, ids=lambda p: p.name)
def test_not_agency_copy(path: Path) -> None:
    """Teleprinter copy, JSON, race results, damaged IPTC 7901 and ANPA messages and untagged prose are never agency copy."""
    data = path.read_bytes()
    assert agency.sniff(data.decode("utf-8", "replace")) is None
    try:
        found = newsitem.detect(data)
    except NewsItemError:
        return
    assert found.layout != "agency-copy", found.reason


def test_negative_samples_cover_the_issue() -> None:
    """The negative samples hold the issue's cases: teleprinter, JSON, results and damaged framed messages."""
    names = {path.stem for path in NOT_AGENCY}
    assert {
        *("teleprinter-zczc", "json-story", "race-results", "iptc7901-damaged", "anpa-damaged"),
        *("iptc7901-no-controls", "anpa-no-controls"),
    } <= names


DATELINED = "WASHINGTON (AP) — The Senate passed the budget bill on Tuesday after a long night of votes."


@pytest.mark.parametrize(
    "text",
    [
        f"ZCZC\n{DATELINED}\n",
        f"Headline\n\n{DATELINED}\n\nNNNN\n",
        f"\x01Headline\n\n{DATELINED}\n",
        f"\x7f\x7f\r\nHeadline\n\n{DATELINED}\n",
        f'{{"body": "{DATELINED}"}}',
        f'[\n"{DATELINED}"]',
        f"<p>{DATELINED}</p>",
    ],
    ids=["zczc", "nnnn", "soh", "del-padding", "json", "json-array", "markup"],
)
def test_framed_text_refused(text: str) -> None:
    """A dateline with an agency tag inside another layout's framing (control bytes, ZCZC/NNNN, JSON, markup) is not agency copy."""
    assert agency.sniff(text) is None


def test_mail_headers_refused() -> None:
    """A message opening with e-mail header fields is the e-mail layout's, even with an agency dateline inside."""
    message = f"From: Desk <desk@example.org>\nSubject: Budget\nDate: Tue, 5 Nov 2019 21:40:00 +0000\n\n{DATELINED}\n"
    assert agency.sniff(message) is None
    assert agency.sniff(message.replace("Date:", "X-Date:").replace("From:", "X-From:")) is not None


def test_positive_evidence() -> None:
    """An untagged dateline claims nothing alone; with a by line above it, or a known agency tag, it does."""
    untagged = (
        "Harbor votes\n\nPORTLAND, Ore. — Voters in the harbor town approved a levy on Tuesday night.\n"
    )
    assert agency.sniff(untagged) is None
    bylined = untagged.replace("\n\nPORTLAND", "\n\nBy Maria Lopez\n\nPORTLAND")
    found = agency.sniff(bylined)
    assert found is not None
    assert found[0] < 0.6
    assert "by line" in found[1]
    tagged = untagged.replace("Ore. —", "Ore. (AP) —")
    assert agency.sniff(tagged) is not None


def test_unknown_tag_is_no_evidence() -> None:
    """A word in parentheses that names no agency or wire is no agency tag (``The President (Trump) -``)."""
    text = "Minutes\n\nThe Chair (Smith) - opened the meeting at seven and read the agenda to members.\n"
    assert agency.sniff(text) is None


def test_own_samples_detected() -> None:
    """Every new sample (ac16 onwards) is detected as agency copy."""
    paths = sorted(SAMPLES.glob("ac[1-9][0-9]-*.txt"))
    news = [path for path in paths if int(path.name[2:4]) >= 16]
    assert len(news) >= 18
    for path in news:
        assert newsitem.detect(path.read_bytes()).layout == "agency-copy", path.name


# --- datelines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "when", "tag"),
    [
        ("WASHINGTON (AP) — The", "WASHINGTON", None, "AP"),
        ("LONDON, Dec 22 (Reuters) - Dock", "LONDON", "Dec 22", "Reuters"),
        ("BERLIN (dpa) - Der", "BERLIN", None, "dpa"),
        ("FRANKFURT/MAIN (dpa) - Der", "FRANKFURT/MAIN", None, "dpa"),
        ("NEW YORK, March 5, 2024 /PRNewswire/ -- Acme", "NEW YORK", "March 5, 2024", "PRNewswire"),
        (
            "SINGAPORE, March 5, 2024 /PRNewswire-AsiaNet/ -- Acme",
            "SINGAPORE",
            "March 5, 2024",
            "PRNewswire-AsiaNet",
        ),
        ("SAN FRANCISCO--(BUSINESS WIRE)--Acme", "SAN FRANCISCO", None, "BUSINESS WIRE"),
        ("TORONTO, Feb. 12, 2025 (GLOBE NEWSWIRE) -- Acme", "TORONTO", "Feb. 12, 2025", "GLOBE NEWSWIRE"),
        ("МОСКВА, 25 марта (ТАСС) - Президент", "МОСКВА", "25 марта", "ТАСС"),
        ("ΑΘΗΝΑ (ΑΠΕ-ΜΠΕ) - Ο", "ΑΘΗΝΑ", None, "ΑΠΕ-ΜΠΕ"),
        ("新华社北京3月25日电（记者张三）国务院", "北京", "3月25日", "新华社"),
        ("臺北，3月25日（中央社）——臺北", "臺北", "3月25日", "中央社"),
        ("東京（共同）気象庁は", "東京", None, "共同"),
        ("MADRID, 5 mar (EFE).- El", "MADRID", "5 mar", "EFE"),
        ("ROMA, 2 aprile 2024 (ANSA) - Il", "ROMA", "2 aprile 2024", "ANSA"),
        ("SEOUL, March 25 (Yonhap) -- South", "SEOUL", "March 25", "Yonhap"),
        ("TOKYO (Kyodo) -- Japan", "TOKYO", None, "Kyodo"),
        ("PARIS (AFP) - Les", "PARIS", None, "AFP"),
        ("BEIJING, March 25 (Xinhua) -- China", "BEIJING", "March 25", "Xinhua"),
        ("SYDNEY, March 3 AAP - The", "SYDNEY", "March 3", "AAP"),
        ("SAITAMA, Japan, Dec. 9 Kyodo - Police", "SAITAMA, Japan", "Dec. 9", "Kyodo"),
        ("ITHACA, N.Y., Nov. 5 -- Researchers", "ITHACA, N.Y.", "Nov. 5", None),
    ],
)
def test_datelines_in_any_script(text: str, place: str, when: str | None, tag: str | None) -> None:
    """The dateline's place, date and agency or wire tag are split off, in Latin, Cyrillic, Greek and CJK copy."""
    found = _wire.find_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, when, tag)
    assert tag is None or _wire.known_agency(tag)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("March 5, 2024", date(2024, 3, 5)),
        ("Feb. 12, 2025", date(2025, 2, 12)),
        ("2 aprile 2024", date(2024, 4, 2)),
        ("25 марта 2024", date(2024, 3, 25)),
        ("2024年3月25日", date(2024, 3, 25)),
        ("Nov. 5", None),
        ("25 марта", None),
        ("3月25日", None),
        ("14/06", None),
        ("Feb. 30, 2025", None),
        (None, None),
    ],
)
def test_dateline_day(text: str | None, day: date | None) -> None:
    """A dateline's date is a day only when its year is printed: none is made up."""
    assert _wire.dateline_day(text) == day


def test_dateline_date_read_as_published() -> None:
    """A press release's dated dateline gives the story's day (a date, no time); a year-less one gives none."""
    assert read("ac17-prnewswire-asianet.txt").published == date(2024, 3, 5)
    assert read("ac30-ansa-di.txt").published == date(2024, 4, 2)
    tass = read("ac16-tass-cyrillic.txt")
    assert tass.published is None
    assert tass.extras["agency-copy.dateline-date"] == "25 марта"
    assert read("ac32-byline-dated-no-tag.txt").published is None


def test_cyrillic_and_chinese_samples() -> None:
    """TASS's Cyrillic dateline and Xinhua's own form give place, agency and source."""
    tass = read("ac16-tass-cyrillic.txt")
    assert (tass.dateline, tass.source and tass.source.name) == ("МОСКВА", "ТАСС")
    xinhua = read("ac20-xinhua-chinese.txt")
    assert (xinhua.dateline, xinhua.source and xinhua.source.name) == ("武汉", "新华社")
    assert xinhua.body[0].text.startswith("长江中游")


# --- by lines ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Maria Lopez and Dean Okafor", ["Maria Lopez", "Dean Okafor"]),
        ("Von Jörg Müller", ["Jörg Müller"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Por Lucía Fernández y Marta Ruiz Gómez", ["Lucía Fernández", "Marta Ruiz Gómez"]),
        ("Di Giulia Bianchi", ["Giulia Bianchi"]),
        ("Av Anna Svensson", ["Anna Svensson"]),
        ("Door Jan de Vries", ["Jan de Vries"]),
        ("Af Mette Hansen", ["Mette Hansen"]),
    ],
)
def test_by_line_words(line: str, names: list[str]) -> None:
    """A by line opening with By, Von, Par, Por, Di, Av, Door or Af gives its persons."""
    found = _wire.by_line(line)
    assert found is not None
    assert [byline.name for byline in found[0]] == names


def test_von_byline_is_no_headline() -> None:
    """A German ``Von`` by line with its agency is the byline and affiliation, the line above it the headline."""
    story = read("ac21-dpa-von.txt")
    assert story.headline == "Bahnstreik legt Fernverkehr lahm"
    assert [(b.name, b.affiliation) for b in story.bylines] == [("Jörg Müller", "dpa")]


def test_byline_place_is_no_author() -> None:
    """A place in parentheses after a name stays that author's place, never a second author."""
    assert _wire.byline_places("By Greg Maybury (Perth, WA)") == [("Greg Maybury", "Perth, WA")]
    assert _wire.place_of("Greg Maybury (Perth, WA)") == ("Greg Maybury", "Perth, WA")
    assert _wire.place_of("John Smith (Reuters)") == ("John Smith (Reuters)", None)
    persons, _ = _wire.bylines_of("By Greg Maybury (Perth, WA)")
    assert [b.name for b in persons] == ["Greg Maybury"]
    credit, agency_name = _wire.bylines_of("By John Smith (Reuters)")
    assert [(b.name, b.affiliation) for b in credit] == [("John Smith", "Reuters")]
    assert agency_name is None


def test_byline_places_in_extras() -> None:
    """Agency copy keeps each author's place beside the bylines (a Byline has no place)."""
    story = read("ac24-byline-place.txt")
    assert [b.name for b in story.bylines] == ["Greg Maybury", "Ann Lee"]
    assert story.extras["agency-copy.byline-place"] == "Greg Maybury: Perth, WA\nAnn Lee: Sydney"


def test_byline_place_linear() -> None:
    """A 100 KB by line of names and places in parentheses is read in well under two seconds."""
    line = "By " + "Ab Cd (Ef, Gh) and " * 5_000 + "Ij Kl"
    start = time.perf_counter()
    _wire.byline_places(line)
    _wire.credited(line)
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("name", "credit"),
    [("ac22-credit-line-cp.txt", "The Canadian Press"), ("ac23-credit-line-no-by.txt", "Reuters")],
)
def test_credit_line_is_no_headline(name: str, credit: str) -> None:
    """The credit line under a by line (with or without ``By``) is the source, the headline stays the headline."""
    story = read(name)
    assert story.headline is not None
    assert story.headline != credit
    assert story.source is not None
    assert story.source.name == credit
    assert len(story.bylines) == 1


@pytest.mark.parametrize(
    ("head", "headline", "names"),
    [
        ("KELLY NGUYEN\nReuters", None, ["KELLY NGUYEN"]),
        ("Storm hits the coast\nReuters", "Storm hits the coast", []),
        ("Reuters", None, []),
        ("Storm hits the coast\n\nBy Kelly Nguyen\n\nReuters", "Storm hits the coast", ["Kelly Nguyen"]),
    ],
    ids=["name-credit", "headline-credit", "credit-alone", "blank-lines"],
)
def test_agency_name_line_is_never_a_headline(head: str, headline: str | None, names: list[str]) -> None:
    """A line that is only an agency's name above the dateline is the credit, whatever stands above it."""
    text = f"{head}\n\nPERTH (Reuters) - A bushfire forced the evacuation of 300 homes east of Perth on Saturday.\n"
    story = agency.loads(text)
    assert story.headline == headline
    assert [b.name for b in story.bylines] == names
    assert story.source is not None
    assert story.source.name == "Reuters"


# --- end notes and editor's notes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Associated Press writer Tom Reyes in Salem contributed to this report.", "contributors"),
        ("AP writer Jane Doe contributed from Paris.", "contributors"),
        ("Estrada reported from Salem, Oregon.", "contributors"),
        ("(Reporting by Anna Berg; Editing by Paul Mears)", "credits"),
        ("Reporting by Anna Berg in London; Editing by Paul Mears", "credits"),
        ("Smith reported from Kyiv last year that the war had changed the town.", None),
        ("He said she contributed a lot to the team's success this season.", None),
        ("WASHINGTON (AP) — Estrada reported from Salem, Oregon.", None),
        ("The measure passed 1,204 to 877.", None),
    ],
)
def test_end_note_kind(text: str, kind: str | None) -> None:
    """Contributor and reporting notes are recognised; story sentences that mention reporting are not."""
    assert _wire.end_note_kind(text) == kind


def test_end_notes_stay_in_the_body() -> None:
    """End notes stay the body's last paragraphs, after one ``___`` or more; other notes go to extras."""
    ap = read("ac25-ap-end-notes.txt")
    assert ap.body[-1].text.startswith("Estrada reported from Salem, Oregon.")
    assert "___" not in [block.text for block in ap.body]
    assert ap.extras["agency-copy.end-notes"].startswith("Follow AP's coverage")
    reuters = read("ac26-reuters-reporting.txt")
    assert reuters.body[-1].text.startswith("Reporting by Anna Berg")
    assert read("ac02-reuters-update.txt").body[-1].text == "(Reporting by Anna Berg; Editing by Paul Mears)"


def test_ednote_before_the_story() -> None:
    """An editor's note above the headline is the story's ednote, not its headline nor its dateline."""
    story = read("ac27-ednote.txt")
    assert (
        story.ednote == "This story contains descriptions of violence that some readers may find disturbing."
    )
    assert story.headline == "Survivors recount night of the flood"
    assert story.dateline == "BERLIN"


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("EDITOR'S NOTE — This story contains graphic details.", "This story contains graphic details."),
        ("Editor's note: An earlier version misspelled a name.", "An earlier version misspelled a name."),
        ("Eds: adds byline", None),
        ("Editors say the plan works.", None),
    ],
)
def test_ednote_of(text: str, note: str | None) -> None:
    """The editor's note label is dropped; text without one is no editor's note."""
    assert _wire.ednote_of(text) == note


@pytest.mark.parametrize(
    ("line", "kind"),
    [("NNNN", "end"), ("./.", "end"), ("ENDIT", "end"), ("(sj)", "initials"), ("(BusinessDesk)", "agency")],
)
def test_sign_off_end_marks(line: str, kind: str) -> None:
    """Teleprinter and dpa end marks close a body as ends, a desk's initials in parentheses as initials."""
    assert _wire.sign_off_kind(line) == kind


# --- headlines, agate and results ------------------------------------------------------------------------


def test_header_code_is_no_headline() -> None:
    """A header code line above the dateline (``:POTTED :Eagle Farm MARKET DAY``) is the slug; the story has no headline."""
    story = read("ac28-aap-results-table.txt")
    assert story.headline is None
    assert story.extras["agency-copy.slug"] == ":POTTED :Eagle Farm MARKET DAY"


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("BC-10 Things to Know-Today,364", None),
        ("*9006< ^AP-Top-Entertainment-Headlines,0176", None),
        (":POTTED :Eagle Farm MARKET DAY", None),
        ("BULLETIN", None),
        ("Von Jörg Müller", None),
        ("Budget passes, 51-49", "Budget passes, 51-49"),
    ],
)
def test_only_a_headline_line_is_the_headline(line: str, headline: str | None) -> None:
    """Slugs, header codes, alert marks and a by line alone above the dateline are no headline; a headline is."""
    text = f"{line}\n\nWASHINGTON (AP) — The Senate passed the budget bill on Tuesday night.\n"
    assert agency.loads(text).headline == headline


def test_results_become_tables() -> None:
    """Results blocks in clear columns are Table blocks, prose around them paragraphs."""
    story = read("ac28-aap-results-table.txt")
    kinds = [type(block) for block in story.body]
    assert kinds == [Paragraph, Table, Table, Paragraph]
    first = story.body[1]
    assert isinstance(first, Table)
    assert first.rows[1] == ("1", "Silver Comet", "(4)", "$3.40")


def test_agate_lines_without_blank_lines() -> None:
    """In copy of one line per paragraph, a run of agate lines in the same columns is one table."""
    text = (
        "Standings\n"
        "AUCKLAND (AAP) - The standings after round five of the competition are:\n"
        "Team\tP\tPts\n"
        "Reds\t5\t18\n"
        "Blues\t5\t14\n"
        "The next round starts on Friday.\n"
    )
    story = agency.loads(text)
    table = story.body[1]
    assert isinstance(table, Table)
    assert table.rows == (("Team", "P", "Pts"), ("Reds", "5", "18"), ("Blues", "5", "14"))
    assert story.body[2].text == "The next round starts on Friday."


@pytest.mark.parametrize(
    "lines",
    [
        ["This is prose.  It has two spaces after a full stop.", "And more prose.  Again here."],
        ["Only one line  with  gaps 1"],
        ["a  b", "c  d"],
    ],
    ids=["prose", "one-line", "no-figures"],
)
def test_columns_refused(lines: list[str]) -> None:
    """Prose with wide spaces, a single line, or columns without figures are no table."""
    assert _wire.columns(lines) is None


def test_rules_are_linear() -> None:
    """Datelines, end notes and columns read hostile long lines in well under two seconds."""
    long = "A" + " (" * 20_000 + "x" * 20_000
    start = time.perf_counter()
    _wire.find_dateline(long)
    _wire.end_note_kind("Smith " + "reported from " * 40)
    _wire.ednote_of("Editor's note " + "- " * 20_000)
    _wire.columns(["1  " * 5_000] * 20)
    agency.sniff(("WASHINGTON " * 2_000 + "\n") * 50)
    assert time.perf_counter() - start < 2.0


def test_long_agate_run_is_linear() -> None:
    """Twenty thousand agate lines without blank lines read as one table in well under two seconds."""
    text = (
        "AUCKLAND (AAP) - The results of the day at the track were as follows today:\n"
        + "Reds  5  18\n" * 20_000
    )
    start = time.perf_counter()
    story = agency.loads(text)
    assert time.perf_counter() - start < 2.0
    assert isinstance(story.body[1], Table)
    assert len(story.body[1].rows) == 20_000
