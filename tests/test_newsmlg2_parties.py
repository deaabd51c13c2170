"""NewsML-G2 ``creator``/``contributor`` parties of other agencies that are organisations, not
persons (review of issue 16, finding 14): a supplier role makes the party the source, a known
agency's name an organisation byline; our own items keep the kind they write."""

from __future__ import annotations

import attrs
import pytest

import newsitem
from newsitem.model import Byline, BylineKind, Role, Source

from .conftest import DATA

SAMPLES = DATA / "newsml-g2" / "samples"
SAMPLE = (SAMPLES / "organisation-names.xml").read_text("utf-8")
PARTIES = SAMPLE[SAMPLE.index('    <creator literal="VR-COM">') : SAMPLE.index("  </contentMeta>")]


def _with(parties: str) -> newsitem.Story:
    """The sample item with ``parties`` in place of its creators and contributor."""
    return newsitem.loads(SAMPLE.replace(PARTIES, parties), format="newsml-g2")


def test_sample() -> None:
    """ANSA's supplier is the source, a creator named Reuters an organisation, Marta Rossi a person
    (organisation-names.expected.json, checked against the file)."""
    story = newsitem.loads((SAMPLES / "organisation-names.xml").read_bytes(), format="newsml-g2")
    assert story == newsitem.load(SAMPLES / "organisation-names.expected.json")


def test_supplier_is_never_a_person() -> None:
    """A ``ctrol:supplier`` contributor is the source agency, not a person byline."""
    story = _with('<contributor role="ctrol:supplier"><name>ANSA</name></contributor>')
    assert story.source == Source(name="ANSA")
    assert story.bylines == ()


def test_supplier_beside_an_info_source_is_an_organisation() -> None:
    """When ``infoSource`` already gives the source, a supplier of another name is an organisation
    byline (kept, never a person)."""
    story = _with(
        '<infoSource role="cRole:source" literal="Reuters"/>'
        '<contributor role="ctrol:supplier"><name>ANSA</name></contributor>'
    )
    assert story.source == Source(name="Reuters")
    assert story.bylines == (Byline(name="ANSA", role=Role.CONTRIBUTOR, kind=BylineKind.ORGANISATION),)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("ANSA", BylineKind.ORGANISATION),
        ("The Associated Press", BylineKind.ORGANISATION),
        ("dpa", BylineKind.ORGANISATION),
        ("Kyodo News", BylineKind.ORGANISATION),
        ("Marta Rossi", BylineKind.PERSON),
        ("ASHOK SHARMA", BylineKind.PERSON),
    ],
)
def test_kind_from_the_name(name: str, kind: BylineKind) -> None:
    """A party without ``@type`` named as a known agency or newsroom is an organisation; a person's
    name stays a person."""
    story = _with(f"<creator><name>{name}</name></creator>")
    assert [(b.name, b.kind) for b in story.bylines] == [(name, kind)]


def test_type_person_wins_over_the_name() -> None:
    """A party that says ``cpnat:person`` is a person whatever its name (our own items say which)."""
    story = _with('<creator type="cpnat:person"><name>Reuters</name></creator>')
    assert [b.kind for b in story.bylines] == [BylineKind.PERSON]


def test_own_items_keep_their_kinds() -> None:
    """Our own item round-trips a person named like an agency and an organisation named like a person."""
    story = newsitem.loads(SAMPLE, format="newsml-g2")
    people = (Byline(name="Reuters"), Byline(name="Marta Rossi", kind=BylineKind.ORGANISATION))
    ours = attrs.evolve(story, bylines=people, source=None, extras={})
    back = newsitem.loads(newsitem.dumps(ours, format="newsml-g2"), format="newsml-g2")
    assert back.bylines == ours.bylines


def test_agency_creator_beside_a_by_line() -> None:
    """A creator named as an agency the by line does not name is not listed beside the by line's
    persons (kept in extras)."""
    story = _with("<creator><name>Reuters</name></creator><by>By Tom Perry</by>")
    assert [(b.name, b.kind) for b in story.bylines] == [("Tom Perry", BylineKind.PERSON)]
    assert story.extras["newsml-g2.creator"] == "Reuters"
