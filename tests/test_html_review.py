"""Rules from the review of real pages the reader was not built on (issue 17): bylines, headlines
and rights as other sites write them, checked on small sample pages of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsitem
from newsitem.formats.html import _merge, _people
from newsitem.model import Byline, BylineKind, Role

SAMPLES = Path(__file__).parent / "data" / "html" / "review-samples"
PERSON, ORGANISATION = BylineKind.PERSON, BylineKind.ORGANISATION


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.html")), ids=lambda p: p.stem)
def test_sample_page(path: Path) -> None:
    """Each review sample page reads with the headline, bylines and rights notice written beside it."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    story = newsitem.read(path.read_bytes(), layout="html").story
    got = {
        "headline": story.headline,
        "bylines": [[b.name, b.kind.value, b.title, b.affiliation] for b in story.bylines],
        "rights": None if story.rights is None else story.rights.notice,
    }
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Analysis by Jane Doe, Example Editor-at-large",
            [("Jane Doe", PERSON, "Example Editor-at-large", None)],
        ),
        ("Posted by Jane Doe", [("Jane Doe", PERSON, None, None)]),
        ("Текст: Венера Ерофеева", [("Венера Ерофеева", PERSON, None, None)]),
        ("By Jill Disis, CNN Business", [("Jill Disis", PERSON, None, "CNN Business")]),
        ("Troy L. Smith, Cleveland.com", [("Troy L. Smith", PERSON, None, "Cleveland.com")]),
        ("Finian Smith. Example International", [("Finian Smith", PERSON, None, "Example International")]),
        ("Deutsche Welle (www.dw.com)", [("Deutsche Welle", ORGANISATION, None, None)]),
        ("Jane Doe (www.example.org)", [("Jane Doe", PERSON, None, "www.example.org")]),
        ("Mac & i", [("Mac & i", ORGANISATION, None, None)]),
        ("Jane Doe & John Roe", [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)]),
        ("Beispiel Verlag GmbH, Munich, Germany", [("Beispiel Verlag GmbH", ORGANISATION, None, None)]),
        ("Jeff Foster Monday, November 18, 2019", [("Jeff Foster", PERSON, None, None)]),
        ("Jane Doe 12.03.2021 14:05", [("Jane Doe", PERSON, None, None)]),
        ("@ExampleDaily", []),
        ("https://example.com/authors/jane", []),
    ],
)
def test_from_text_review_forms(
    text: str, expected: list[tuple[str, BylineKind, str | None, str | None]]
) -> None:
    """A plain-text author value as the reviewed pages write it gives these bylines (labels, titles,
    outlets, dates and places taken out)."""
    assert [(b.name, b.kind, b.title, b.affiliation) for b in _people.from_text(text)] == expected


def test_settle_makes_outlets_newsrooms_and_agencies_organisations() -> None:
    """A Person named as the page's outlet, a newsroom or a known agency becomes an organisation;
    so does a one-word name within an outlet's, an acronym alone and a sports desk; a handle or an account name
    (admin) is dropped; a person stays a person (even one whose surname is an organisation word)."""
    bylines = [
        Byline(name="Example Daily"),
        Byline(name="Redacción Confidencial"),
        Byline(name="The Associated Press"),
        Byline(name="@ExampleDaily"),
        Byline(name="Sam Desk", role=Role.SUBMITTER),
        Byline(name="By JOHN ROE, AP Auto Writer"),
        Byline(name="admin"),
        Byline(name="Bodyshop"),
        Byline(name="Example Sport"),
        Byline(name="XYZ"),
    ]
    settled = _people.settle(bylines, ["example-daily.com", "EXAMPLE DAILY", "bodyshopondemand"])
    assert [(b.name, b.kind, b.title) for b in settled] == [
        ("Example Daily", ORGANISATION, None),
        ("Redacción Confidencial", ORGANISATION, None),
        ("The Associated Press", ORGANISATION, None),
        ("Sam Desk", PERSON, None),
        ("JOHN ROE", PERSON, "AP Auto Writer"),
        ("Bodyshop", ORGANISATION, None),
        ("Example Sport", ORGANISATION, None),
        ("XYZ", ORGANISATION, None),
    ]
    assert settled[3].role is Role.SUBMITTER


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en-us", "en-US"),
        ("EN", "en"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("de-ch-1996", "de-CH-1996"),
        ("es-419", "es-419"),
        ("x-Klingon", "x-klingon"),
        ("en-US-x-Foo", "en-US-x-foo"),
    ],
)
def test_language_case(tag: str, expected: str) -> None:
    """Another site's language tag takes BCP 47's canonical case (language lower, script title, region upper)."""
    assert _merge.language_case(tag) == expected


def test_page_language_in_canonical_case() -> None:
    """A page's ``<html lang="en-us">`` reads as ``en-US`` (other sources agreeing but for case are not kept)."""
    page = (
        b'<!DOCTYPE html><html lang="en-us"><head><title>Bridge opens</title>'
        b'<meta property="og:locale" content="en_US"></head>'
        b"<body><p>The bridge opened on Monday after two years of work.</p></body></html>"
    )
    reading = newsitem.read(page, layout="html")
    assert reading.story.language == "en-US"
    assert not any(key.endswith("language") for key in reading.story.extras)
