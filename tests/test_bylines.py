"""The one by-line rule (src/newsitem/formats/layouts/_conventions.py: bylines_of, credited,
by_line): wire by lines in English, German, French, Nordic languages, Spanish, Portuguese,
Italian and Dutch split into persons, their job title and agency; sentences that open with
``By``/``Von``/``Par`` are no by lines; every format reads a by line by the same rule.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import newsitem
from newsitem import Byline, BylineKind, Story
from newsitem.formats import _nitf_body
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import anpa, iptc7901
from newsitem.formats.newsmlg2 import _people
from newsitem.model import Paragraph, Run

from .conftest import DATA

P, ORG = BylineKind.PERSON, BylineKind.ORGANISATION

Row = tuple[str, str | None, str | None, BylineKind]
"""A byline as (name, title, affiliation, kind)."""

BY_LINES: list[tuple[str, str, list[Row]]] = [
    ("en", "By ASHOK SHARMA", [("ASHOK SHARMA", None, None, P)]),
    (
        "en",
        "By PAUL BYRNE and ALMUDENA CALATRAVA",
        [("PAUL BYRNE", None, None, P), ("ALMUDENA CALATRAVA", None, None, P)],
    ),
    ("en", "By JANE DOE, AP Business Writer", [("JANE DOE", "AP Business Writer", None, P)]),
    ("en", "By John Smith (Reuters)", [("John Smith", None, "Reuters", P)]),
    ("en", "By Jane Doe of BBC News", [("Jane Doe", None, "BBC News", P)]),
    (
        "en",
        "BY Anna Lee, Tom Ng & Bo Li",
        [("Anna Lee", None, None, P), ("Tom Ng", None, None, P), ("Bo Li", None, None, P)],
    ),
    ("en", "By: Ursula von der Leyen", [("Ursula von der Leyen", None, None, P)]),
    ("en", "By The Associated Press", [("The Associated Press", None, None, ORG)]),
    ("en", "By AFP and dpa", [("AFP", None, None, ORG), ("dpa", None, None, ORG)]),
    (
        "de",
        "Von Marco Krefting und Sunrita Sen, dpa",
        [("Marco Krefting", None, "dpa", P), ("Sunrita Sen", None, "dpa", P)],
    ),
    ("de", "Von Anna Müller, dpa-Korrespondentin", [("Anna Müller", "dpa-Korrespondentin", None, P)]),
    ("de", "VON HANS-HERMANN NIKOLEI", [("HANS-HERMANN NIKOLEI", None, None, P)]),
    (
        "fr",
        "Par Jean Dupont et Marie Curie, AFP",
        [("Jean Dupont", None, "AFP", P), ("Marie Curie", None, "AFP", P)],
    ),
    ("fr", "par Jean-Luc d'Alembert", [("Jean-Luc d'Alembert", None, None, P)]),
    ("sv", "Av Sven Berg och Lisa Lund", [("Sven Berg", None, None, P), ("Lisa Lund", None, None, P)]),
    ("sv", "Martin Hardenberger/TT", [("Martin Hardenberger", None, "TT", P)]),
    (
        "no",
        "Av Kari Nordmann og Ola Nordmann, NTB",
        [("Kari Nordmann", None, "NTB", P), ("Ola Nordmann", None, "NTB", P)],
    ),
    ("da", "Af Lars Løkke, Ritzau", [("Lars Løkke", None, "Ritzau", P)]),
    (
        "fi",
        "Matti Virtanen ja Liisa Koski, STT",
        [("Matti Virtanen", None, "STT", P), ("Liisa Koski", None, "STT", P)],
    ),
    (
        "es",
        "Por María López y Juan Pérez, EFE",
        [("María López", None, "EFE", P), ("Juan Pérez", None, "EFE", P)],
    ),
    ("es", "Por José Ortega y Gasset", [("José Ortega y Gasset", None, None, P)]),
    (
        "pt",
        "Por Ana Costa e Rui Silva (Lusa)",
        [("Ana Costa", None, "Lusa", P), ("Rui Silva", None, "Lusa", P)],
    ),
    (
        "it",
        "Di Mario Rossi e Luca Bianchi, ANSA",
        [("Mario Rossi", None, "ANSA", P), ("Luca Bianchi", None, "ANSA", P)],
    ),
    (
        "nl",
        "Door Jan de Vries en Piet Jansen, ANP",
        [("Jan de Vries", None, "ANP", P), ("Piet Jansen", None, "ANP", P)],
    ),
    ("en", "By ASHOK SHARMA\nAssociated Press", [("ASHOK SHARMA", None, "Associated Press", P)]),
    (
        "en",
        "By ASHOK SHARMA and EMILY SCHMALL Associated Press",
        [("ASHOK SHARMA", None, "Associated Press", P), ("EMILY SCHMALL", None, "Associated Press", P)],
    ),
    (
        "en",
        "Aaron J. Staples, Michigan State University",
        [("Aaron J. Staples", None, "Michigan State University", P)],
    ),
    ("en", "By Lisa Baertlein, Reuters, 4 March", [("Lisa Baertlein", None, "Reuters", P)]),
    ("en", "Reuters, MAR 04", [("Reuters", None, None, ORG)]),
    ("en", "Mia Rabson and Jordan Press", [("Mia Rabson", None, None, P), ("Jordan Press", None, None, P)]),
    ("en", "By Shaun Tandon in Washington", [("Shaun Tandon", None, None, P)]),
    ("en", "by Emmanuelle MICHEL in Madrid, with AFP bureaus", [("Emmanuelle MICHEL", None, None, P)]),
    ("ar", "شون تشانغ, أمبر وانغ", [("شون تشانغ", None, None, P), ("أمبر وانغ", None, None, P)]),
]
"""By lines as agencies print them and the bylines they name (read from the lines themselves)."""
NAMES_ONLY = {
    "Martin Hardenberger/TT",
    "Matti Virtanen ja Liisa Koski, STT",
    "Aaron J. Staples, Michigan State University",
    "Reuters, MAR 04",
    "Mia Rabson and Jordan Press",
    "شون تشانغ, أمبر وانغ",
}
"""The lines of :data:`BY_LINES` without an opening ``By`` word (TT's and STT's by properties)."""

NOT_BY_LINES = [
    "By the end of the day, markets had fallen.",
    "By then it was too late",
    "Von heute an gilt die neue Regel.",
    "Von Berlin nach Hamburg",
    "Par ailleurs, le gouvernement a annoncé",
    "Por favor, no",
    "Door de regen viel de wedstrijd uit",
    "Av och till regnade det",
    "By Any Means Necessary.",
    "By 2030 the plant will close",
    "By Jane Doe: the full story",
    "By Jane Doe - WASHINGTON",
    "Di Stefano",
    "Tom Perry",
]
"""Paragraphs that open like a by line but are story text (or names without the opening word)."""


def _rows(bylines: list[Byline]) -> list[Row]:
    return [(b.name, b.title, b.affiliation, b.kind) for b in bylines]


@pytest.mark.parametrize(
    ("language", "line", "expected"), BY_LINES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_by_line_splits_into_its_bylines(language: str, line: str, expected: list[Row]) -> None:
    """Each by line gives its persons (or organisations), the closing job title and the agency."""
    assert _rows(_wire.credited(line)[0]) == expected, language


@pytest.mark.parametrize(
    ("language", "line", "expected"), BY_LINES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_guessed_by_line_is_taken(language: str, line: str, expected: list[Row]) -> None:
    """Each by line also passes the name test where a by line is guessed (the opening word optional for name-only lines)."""
    found = _wire.by_line(line, prefixed=line not in NAMES_ONLY)
    assert found is not None, language
    assert _rows(found[0]) == expected


@pytest.mark.parametrize("text", NOT_BY_LINES)
def test_sentence_is_no_by_line(text: str) -> None:
    """A sentence that opens with By/Von/Par/Door/Av/Por (or a name without the word) is no by line."""
    assert _wire.by_line(text) is None


def test_names_alone_are_a_by_line_where_one_is_expected() -> None:
    """Without the opening word, names pass where the by line is known to be one (``prefixed=False``)."""
    found = _wire.by_line("Tom Perry und Anna Berg", prefixed=False)
    assert found is not None
    assert [b.name for b in found[0]] == ["Tom Perry", "Anna Berg"]
    assert _wire.by_line("the end of the day", prefixed=False) is None


def test_given_title_wins_over_a_closing_one() -> None:
    """A title given by the format (NITF ``byttl``, ANPA's line under the byline) is the persons' title."""
    persons, _ = _wire.credited("By Jo Ray", title="AP Sports Writer")
    assert _rows(persons) == [("Jo Ray", "AP Sports Writer", None, P)]


def test_a_job_title_even_plural_is_the_title_a_newsroom_the_affiliation() -> None:
    """A closing job title (``AP Economics Writers``, ``Staff Writer``) is the title; ``AP Staff`` the affiliation."""
    assert _rows(_wire.credited("By JOSH BOAK and MARTIN CRUTSINGER, AP Economics Writers")[0]) == [
        ("JOSH BOAK", "AP Economics Writers", None, P),
        ("MARTIN CRUTSINGER", "AP Economics Writers", None, P),
    ]
    assert _rows(_wire.credited("By Jo Ray, Staff Writer")[0]) == [("Jo Ray", "Staff Writer", None, P)]
    assert _rows(_wire.credited("By Jo Ray, AP Staff")[0]) == [("Jo Ray", None, "AP Staff", P)]


@pytest.mark.parametrize(
    ("names", "affiliation", "back"),
    [
        (["Jane Doe"], None, True),
        (["Jane Doe", "Jo Ray"], "dpa", True),
        (["José Ortega y Gasset"], None, True),
        (["Ann und Bob"], None, False),
        (["Ann Lee y Bob Ray"], None, False),
        (["Von Trotta"], None, True),
        (["Jo Ray"], "AP Staff", True),
        (["Jo (AP)"], None, False),
        (["Jo/TT"], None, False),
        (["Jo Ray"], "Press Photographer Agency", False),
    ],
)
def test_prints_back_says_whether_a_written_by_line_reads_back(
    names: list[str], affiliation: str | None, back: bool
) -> None:
    """``prints_back`` is True exactly when ``By NAMES, AFFILIATION`` reads back as those persons and that affiliation."""
    assert _wire.prints_back(names, affiliation) is back


@pytest.mark.parametrize("module", [anpa, iptc7901], ids=["anpa", "iptc7901"])
@pytest.mark.parametrize(
    "story",
    [
        Story(headline="H", bylines=[Byline(name="Ann und Bob")], body=[Paragraph.plain("Text here.")]),
        Story(headline="H", bylines=[Byline(name="Jo Ray", affiliation="Press Photographer Agency")]),
        Story(headline="Von Marco Krefting", body=[Paragraph.plain("Text here.")]),
        Story(headline="Von Berlin nach Hamburg", summary="Par Jean Dupont", body=[Paragraph.plain("Text.")]),
    ],
    ids=["und-in-a-name", "title-like-affiliation", "by-line-headline", "sentence-headline"],
)
def test_layout_writers_carry_what_the_by_line_rule_reads_back(module: Any, story: Story) -> None:
    """A story whose names or header lines the multilingual rule would re-read is carried as it reads back."""
    kept = module.carried(story)
    assert module.loads(module.dumps(story, lossy=True)) == kept
    assert module.loads(module.dumps(kept)) == kept


def test_by_line_reading_is_linear() -> None:
    """A 100 KB by line of names joined by y, und, commas and slashes is read in well under two seconds (a quadratic step takes minutes)."""
    line = "By " + "Ab Cd y Ef und Gh, I/J (K) " * 4_000
    start = time.perf_counter()
    _wire.credited(line)
    _wire.by_line(line)
    _wire.prints_back([line], line)
    assert time.perf_counter() - start < 2.0


# --- every format reads a by line by the one rule ---------------------------------------------

LINE = "Par Jean Dupont et Marie Curie, AFP"
EXPECTED = [("Jean Dupont", None, "AFP", P), ("Marie Curie", None, "AFP", P)]

_NG2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:by" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EX"/>
    <versionCreated>2024-05-01T09:30:00Z</versionCreated></itemMeta>
  <contentMeta><headline>Harbour bridge reopens</headline><by>{by}</by></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content><p>Open.</p></body.content></body></nitf>
  </inlineXML></contentSet>
</newsItem>
"""
_NITF = (
    "<nitf><head/><body><body.head><hedline><hl1>Harbour bridge reopens</hl1></hedline>"
    "<byline>{by}</byline></body.head><body.content><p>Open.</p></body.content></body></nitf>"
)


def test_newsml_g2_by_element() -> None:
    """A NewsML-G2 ``by`` element is split by the shared rule."""
    story = newsitem.loads(_NG2.format(by=LINE), format="newsml-g2")
    assert _rows(list(story.bylines)) == EXPECTED
    assert _rows(_people.by_line(LINE)[0]) == EXPECTED


def test_nitf_byline_element() -> None:
    """A NITF ``byline`` is split by the shared rule; a sentence in it names no one."""
    story = newsitem.loads(_NITF.format(by=LINE), format="nitf")
    assert _rows(list(story.bylines)) == EXPECTED
    assert newsitem.loads(_NITF.format(by="Von heute an gilt die neue Regel."), format="nitf").bylines == ()


def test_leading_by_paragraph_of_a_body() -> None:
    """A body's leading by-line paragraph is taken by the shared rule; a leading sentence stays text."""
    taken = _nitf_body.credit_lines([Paragraph(runs=(Run(text=LINE),)), Paragraph(runs=(Run(text="Text."),))])
    assert _rows(taken.bylines) == EXPECTED
    assert taken.byline_text == LINE
    sentence = Paragraph(runs=(Run(text="By the end of the day, markets had fallen."),))
    kept = _nitf_body.credit_lines([sentence])
    assert (kept.blocks, kept.bylines) == ([sentence], [])
    assert _rows(_nitf_body.persons(LINE)) == EXPECTED


def test_ninjs_by_property() -> None:
    """A ninjs ``by`` of another's document is split by the shared rule."""
    document = {
        "uri": "urn:example:by",
        "type": "text",
        "headline": "Harbour bridge reopens",
        "by": LINE,
        "body_text": "Open.",
    }
    story = newsitem.loads(json.dumps(document), format="ninjs")
    assert [(b.name, b.affiliation) for b in story.bylines] == [(n, a) for n, _t, a, _k in EXPECTED]


def test_iptc7901_von_und_sample() -> None:
    """IPTC 7901's ``Von ... und ..., dpa`` line under the headline gives two persons of dpa (sample ip11)."""
    path = DATA / "iptc7901" / "ip11-dpa-von-und.txt"
    story = newsitem.read(path.read_bytes(), layout="iptc7901").story
    expected: Any = json.loads(path.with_name("ip11-dpa-von-und.expected.json").read_text("utf-8"))["bylines"]
    assert [{"name": b.name, "affiliation": b.affiliation} for b in story.bylines] == expected


_NEWSML1 = """<?xml version="1.0" encoding="UTF-8"?>
<NewsML Version="1.2"><NewsEnvelope><DateAndTime>20240501T080000Z</DateAndTime></NewsEnvelope>
  <NewsItem>
    <Identification><NewsIdentifier><ProviderId>example.com</ProviderId><DateId>20240501</DateId>
      <NewsItemId>N1</NewsItemId><RevisionId PreviousRevision="0" Update="N">1</RevisionId></NewsIdentifier></Identification>
    <NewsManagement><NewsItemType FormalName="News"/><Status FormalName="Usable"/></NewsManagement>
    <NewsComponent><NewsLines><HeadLine>Harbour bridge reopens</HeadLine><ByLine>{by}</ByLine></NewsLines>
      <ContentItem><MediaType FormalName="Text"/><DataContent><p>Open.</p></DataContent></ContentItem>
    </NewsComponent>
  </NewsItem>
</NewsML>"""


def test_newsml_1_2_by_line() -> None:
    """A NewsML 1.2 ``ByLine`` is split by the shared rule."""
    story = newsitem.loads(_NEWSML1.format(by=LINE), format="newsml-1.2")
    assert _rows(list(story.bylines)) == EXPECTED


def test_nitf_person_elements_joined_by_and() -> None:
    """A NITF ``person`` naming two people joined by ``and`` gives both, with the ``byttl`` title."""
    data = _NITF.format(by="<person>Mia Rabson and Jordan Press</person><byttl>The Canadian Press</byttl>")
    story = newsitem.loads(data, format="nitf")
    assert _rows(list(story.bylines)) == [
        ("Mia Rabson", "The Canadian Press", None, P),
        ("Jordan Press", "The Canadian Press", None, P),
    ]


def test_nitf_byline_of_two_lines() -> None:
    """A NITF ``byline`` whose second line is the agency gives the person affiliated with it."""
    story = newsitem.loads(_NITF.format(by="By ASHOK SHARMA\nAssociated Press"), format="nitf")
    assert _rows(list(story.bylines)) == [("ASHOK SHARMA", None, "Associated Press", P)]


@pytest.mark.parametrize(
    ("name", "organisation"),
    [
        ("Frankfurter Allgemeine Zeitung GmbH", True),
        ("Axel Springer Verlag", True),
        ("Tamedia AG", True),
        ("Guardian Media Group", True),
        ("Reach plc", True),
        ("Jörg Müller", False),
        ("Agatha Groves", False),
    ],
)
def test_company_forms_are_organisations(name: str, organisation: bool) -> None:
    """A name with a company form or a publisher's word (GmbH, AG, Verlag, Zeitung, Group, plc) is an
    organisation; a person's name holding those letters inside a word is not."""
    from newsitem.formats.layouts._conventions import is_organisation

    assert is_organisation(name) is organisation
