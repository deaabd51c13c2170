"""newsitem.formats.html._people: a page's plain-text author value split into bylines, and bylines deduplicated."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsitem.formats.html import _people
from newsitem.model import Byline, BylineKind, Role

PERSON, ORGANISATION = BylineKind.PERSON, BylineKind.ORGANISATION


def _seen(bylines: list[Byline]) -> list[tuple[str, BylineKind, str | None, str | None]]:
    """Each byline as (name, kind, title, affiliation), for comparing."""
    return [(b.name, b.kind, b.title, b.affiliation) for b in bylines]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Doe and John Roe", [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)]),
        ("Jane Doe, John Roe", [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)]),
        ("Jane Doe & John Roe", [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)]),
        (
            "Von Jörg Müller und Anna Schmidt",
            [("Jörg Müller", PERSON, None, None), ("Anna Schmidt", PERSON, None, None)],
        ),
        (
            "Par Jean Dupont et Marie Curie",
            [("Jean Dupont", PERSON, None, None), ("Marie Curie", PERSON, None, None)],
        ),
        (
            "Por Juan Pérez y María López",
            [("Juan Pérez", PERSON, None, None), ("María López", PERSON, None, None)],
        ),
        ("Reuters", [("Reuters", ORGANISATION, None, None)]),
        ("Associated Press", [("Associated Press", ORGANISATION, None, None)]),
        ("By The Associated Press", [("The Associated Press", ORGANISATION, None, None)]),
        ("By JANE DOE, Reuters", [("JANE DOE", PERSON, None, "Reuters")]),
        ("Jane Doe (Reuters)", [("Jane Doe", PERSON, None, "Reuters")]),
        ("By ASHOK SHARMA\nAssociated Press", [("ASHOK SHARMA", PERSON, None, "Associated Press")]),
        ("Greg Maybury (Perth, WA)", [("Greg Maybury", PERSON, None, None)]),
        (
            "Jane Doe (Perth) and John Roe (London)",
            [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)],
        ),
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            [(name, PERSON, None, None) for name in ("Martin Untersinger", "Damien Leloup", "Morgane Tual")],
        ),
        ("Jane Doe (with John Roe)", [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)]),
        ("Jane Doe (with AFP)", [("Jane Doe", PERSON, None, None)]),
        ("Jane Doe | CNN", [("Jane Doe", PERSON, None, "CNN")]),
        ("Jane Doe - CNN", [("Jane Doe", PERSON, None, "CNN")]),
        ("Jane Doe \u2013 Staff Writer", [("Jane Doe", PERSON, "Staff Writer", None)]),
        ("Reuters | CNN", [("Reuters", ORGANISATION, None, None), ("CNN", ORGANISATION, None, None)]),
        ("Jean-Pierre Dupont", [("Jean-Pierre Dupont", PERSON, None, None)]),
        ("Jane Doe, CNN", [("Jane Doe", PERSON, None, "CNN")]),
        ("Jane Doe, MD", [("Jane Doe", PERSON, None, None)]),
        (
            "Jane Doe and John Roe, BBC",
            [("Jane Doe", PERSON, None, "BBC"), ("John Roe", PERSON, None, "BBC")],
        ),
        (
            "Dana A. Ford, Chien-Ming Wang, and Tom Watkins, CNN",
            [(name, PERSON, None, "CNN") for name in ("Dana A. Ford", "Chien-Ming Wang", "Tom Watkins")],
        ),
        (
            "Dana A. Ford, James S.A. Corey, Chien-Ming Wang, and Tom Watkins",
            [
                (name, PERSON, None, None)
                for name in ("Dana A. Ford", "James S.A. Corey", "Chien-Ming Wang", "Tom Watkins")
            ],
        ),
        ("  Jane \t Doe \u00a0 ", [("Jane Doe", PERSON, None, None)]),
        ("Jane\x00 Doe\u200b", [("Jane Doe", PERSON, None, None)]),
        ("| CNN", [("CNN", PERSON, None, None)]),
        ("Jane <b onclick=alert(1)>Doe</b>", [("Jane Doe", PERSON, None, None)]),
        (
            '<a href="/by/jane">Jane Doe</a> and <a href="/by/john">John Roe</a>',
            [("Jane Doe", PERSON, None, None), ("John Roe", PERSON, None, None)],
        ),
        ("Jane Doe <jane@example.com>", [("Jane Doe", PERSON, None, None)]),
    ],
)
def test_from_text(text: str, expected: list[tuple[str, BylineKind, str | None, str | None]]) -> None:
    """A page's author value gives the persons and organisations the wire rule reads, with what pages add."""
    assert _seen(_people.from_text(text)) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00"])
def test_from_text_empty(text: str) -> None:
    """A value with nothing printable names no one."""
    assert _people.from_text(text) == []


@given(st.text(max_size=200))
def test_from_text_any_text(text: str) -> None:
    """Any text gives valid bylines (or none) whose names are single printable lines, never an exception."""
    for byline in _people.from_text(text):
        assert byline.name.isprintable()
        assert byline.name.strip() == byline.name != ""


def test_from_text_long_value_is_linear() -> None:
    """A long value of separators and parentheses is read, once, into bylines the model holds."""
    text = "Jane Doe (Perth), " * 2000 + "| " * 2000 + "and " * 2000
    bylines = _people.from_text(text)
    assert all(b.name.isprintable() for b in bylines)


class TestDedupe:
    """dedupe keeps one byline per person and role, the richer one, in order of first appearance."""

    def test_case_and_space_insensitive(self) -> None:
        """The same name in other case or spacing is one byline, in its first place."""
        bylines = [Byline(name="Jane Doe"), Byline(name="John Roe"), Byline(name="JANE  DOE")]
        assert _seen(_people.dedupe(bylines)) == [
            ("Jane Doe", PERSON, None, None),
            ("John Roe", PERSON, None, None),
        ]

    def test_richer_kept_in_first_place(self) -> None:
        """A later byline with a title or affiliation replaces a bare one, at the bare one's place."""
        bylines = [
            Byline(name="Jane Doe"),
            Byline(name="John Roe"),
            Byline(name="jane doe", affiliation="Reuters"),
            Byline(name="Jane Doe", title="Correspondent", affiliation="Reuters"),
            Byline(name="Jane Doe", affiliation="AP"),
        ]
        assert _seen(_people.dedupe(bylines)) == [
            ("Jane Doe", PERSON, "Correspondent", "Reuters"),
            ("John Roe", PERSON, None, None),
        ]

    def test_person_over_organisation(self) -> None:
        """A person wins over an organisation of the same name, whichever comes first."""
        bylines = [Byline(name="Grist", kind=ORGANISATION), Byline(name="Grist")]
        assert _seen(_people.dedupe(bylines)) == [("Grist", PERSON, None, None)]
        assert _seen(_people.dedupe(reversed(bylines))) == [("Grist", PERSON, None, None)]

    def test_other_roles_stay(self) -> None:
        """The same person as author and as photographer keeps both bylines."""
        bylines = [Byline(name="Jane Doe"), Byline(name="Jane Doe", role=Role.PHOTOGRAPHER)]
        assert _people.dedupe(bylines) == bylines

    @given(st.lists(st.sampled_from(["Jane Doe", "jane doe", "John Roe", "Reuters", "REUTERS"]), max_size=8))
    def test_idempotent_and_unique(self, names: list[str]) -> None:
        """Deduplicating twice changes nothing, and no two kept bylines share a name but for case."""
        once = _people.dedupe(Byline(name=name) for name in names)
        assert _people.dedupe(once) == once
        keys = [b.name.casefold() for b in once]
        assert len(keys) == len(set(keys)) == len({name.casefold() for name in names})
