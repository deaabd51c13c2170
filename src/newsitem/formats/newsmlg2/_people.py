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
_PREFIX = re.compile(r"\s*(?:[Bb]y|BY|Von|VON|Par|PAR|Door|DOOR|Av|AV|Por|POR|Di|DI)\s+")
"""The word that opens a by line: English ``By``, German ``Von``, French ``Par``, Dutch
``Door``, Swedish and Norwegian ``Av``, Spanish ``Por``, Italian ``Di``; capitalised, as it
opens the line (``von`` in ``von Trotta`` is part of a name)."""
_AND = re.compile(r"(?<!\s)\s+(?:und|et|och|og|en)\s+")
"""``and`` in the languages of :data:`_PREFIX` (the shared rule splits on ``and``, ``&``);
not Spanish ``y`` nor Italian ``e``, which join the parts of one name (``Ortega y Gasset``)."""


_TITLE = re.compile(
    r"(?i)writer|correspondent|korrespondent|correspondant|editor|redakteur|rédact|reporter|columnist"
    r"|kolumnist|critic|kritiker|analyst|photographer|fotograf|producer|journalist|envoyé"
)
"""A job title closing a by line (``AP Business Writer``, ``dpa-Korrespondentin``): the title
of the persons it follows, not a person or an organisation."""


def is_login(name: str) -> bool:
    """Whether a ``creator``/``contributor`` name is a desk log-in or a system code."""
    if _NOT_IN_NAMES.search(name):
        return True
    if " " in name.strip() or is_organisation(name):
        return False
    return _LOGIN_WORD.fullmatch(name.strip()) is not None


def is_person(literal: str) -> bool:
    """Whether a party's ``@literal`` (it has no ``name``) names a person: words with a space
    between them, neither a log-in nor an organisation (``Max Musterman``, not ``Reuters``,
    ``VRG`` or ``Variety Media, LLC``)."""
    return " " in literal.strip() and not is_login(literal) and not is_organisation(literal)


def by_line(text: str) -> tuple[list[Byline], str | None]:
    """The authors a ``by`` line names (``Von Marco Krefting und Sunrita Sen, dpa``: two
    persons affiliated with dpa; ``By ASHOK SHARMA``: one; ``By A, AP Business Writer``: A with
    that job title), as the wire layouts split them,
    and the organisation it names when it names no person. A line without its ``By`` is
    read as the names alone (``Thomas Est``)."""
    found = _PREFIX.match(text)
    line = "By " + _AND.sub(" and ", text if found is None else text[found.end() :])
    head, comma, tail = line.rpartition(",")
    title = tail.strip() if comma and len(tail) <= 60 and _TITLE.search(tail) else None
    persons, organisation = credited(head if title else line, title=title)
    if persons and all(p.kind is BylineKind.ORGANISATION for p in persons):
        return [], organisation
    return persons, organisation


def key(name: str) -> str:
    """What two names of the same person share (case and spacing aside)."""
    return " ".join(name.split()).casefold()
