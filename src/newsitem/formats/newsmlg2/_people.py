"""Who wrote another agency's item: which ``creator``/``contributor`` names are persons or
organisations and which are desk log-ins or system codes, and the authors its ``by`` line names.

The rule for a log-in (documented in ``docs/formats/newsml-g2.md``): a name is an identifier,
not a person's or an organisation's name, when it holds a character names do not (a digit,
``@``, ``_``, ``/``, ``\\``, ``:`` or ``=``), or when it is one word (no space) that is written
like a log-in: lower case letters only (``brockt``, ``dw``) or words joined by dots
(``loening.meyel``, ``nikolei.hans-hermann``). An agency's short name (``dpa``, ``AP``) is an
organisation, not a log-in.
"""

from __future__ import annotations

import re

from newsitem.formats.layouts._conventions import credited, is_organisation
from newsitem.model import Byline, BylineKind

_NOT_IN_NAMES = re.compile(r"[\d@_/\\:=]")
_LOGIN_WORD = re.compile(r"[a-zß-ÿ-]+|[\w-]+(?:\.[\w-]+)+")


def is_login(name: str) -> bool:
    """Whether a ``creator``/``contributor`` name is a desk log-in or a system code."""
    if _NOT_IN_NAMES.search(name):
        return True
    if " " in name.strip() or is_organisation(name):
        return False
    return _LOGIN_WORD.fullmatch(name.strip()) is not None


_SUPPLIER_ROLES = frozenset({"supplier", "source", "provider", "distributor", "publisher", "agency"})
"""Role codes (after the scheme alias, any case) saying a ``creator``/``contributor`` is the
organisation that supplied the item: ANSA's ``ctrol:supplier``, Reuters' ``cRole:source``."""


def supplies(role: str | None) -> bool:
    """Whether a party's ``@role`` says it supplied the item (``ctrol:supplier``): the source
    agency, not a by-line."""
    return role is not None and role.rpartition(":")[2].rpartition("/")[2].lower() in _SUPPLIER_ROLES


def is_organisation_party(name: str | None, role: str | None) -> bool:
    """Whether a ``creator``/``contributor`` that does not say its kind (no ``@type``) is an
    organisation: its role says it supplied the item (:func:`supplies`), or its name is a
    known agency or newsroom (``ANSA``, ``Reuters``, ``dpa correspondents``: the shared
    :func:`~newsitem.formats.layouts._conventions.is_organisation`)."""
    return supplies(role) or (name is not None and is_organisation(name))


def is_person(literal: str) -> bool:
    """Whether a party's ``@literal`` (it has no ``name``) names a person: words with a space
    between them, neither a log-in nor an organisation (``Max Musterman``, not ``Reuters``,
    ``VRG`` or ``Variety Media, LLC``)."""
    return " " in literal.strip() and not is_login(literal) and not is_organisation(literal)


def by_line(text: str) -> tuple[list[Byline], str | None]:
    """The authors a ``by`` line names, read by the one rule of every format
    (:func:`newsitem.formats.layouts._conventions.credited`: ``Von Marco Krefting und Sunrita
    Sen, dpa`` gives two persons affiliated with dpa, ``By A, AP Business Writer`` A with that
    job title; a line without its ``By`` is the names alone, ``Thomas Est``), and the
    organisation it names when it names no person (no organisation bylines: the item's
    ``creator`` says who the organisation is)."""
    persons, organisation = credited(text)
    if persons and all(p.kind is BylineKind.ORGANISATION for p in persons):
        return [], organisation
    return persons, organisation


def key(name: str) -> str:
    """What two names of the same person share (case and spacing aside)."""
    return " ".join(name.split()).casefold()
