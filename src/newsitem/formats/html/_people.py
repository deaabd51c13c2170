"""Who wrote a web page: a plain-text author value split into bylines, and bylines from
several sources made one per person.

Pages name their authors as text in many places (a JSON-LD ``author`` string, ``<meta
name="author">``, ``byl``, ``parsely-author``, ``dc.creator``). :func:`from_text` reads such a
value by the one rule every format reads a by line by
(:func:`newsitem.formats.layouts._conventions.credited`: ``By``/``Von``/``Par``/``Por``/
``Di``/``Av`` opening it, names split at commas, ``and``/``und``/``et``/``&``, an agency
after a comma, in parentheses or after a slash the persons' affiliation, a value naming
only agencies organisation bylines). What pages add to it, read here before that rule:

* an outlet after a bar or a spaced dash (``Jane Doe | CNN``, ``Jane Doe - CNN``), or an
  acronym closing the names after a comma (CNN's ``Dana A. Ford, ..., and Tom Watkins,
  CNN``; not a degree or suffix such as ``MD`` or ``JR``), is the affiliation of the
  persons before it (an organisation byline when it follows no person), a job title after
  a bar or dash (``Jane Doe - Staff Writer``) their title;
* a place in parentheses is not an author (``Greg Maybury (Perth, WA)``): dropped, where
  an agency in parentheses stays the affiliation (``Jane Doe (Reuters)``), and persons
  a parenthesized ``with`` names are authors too (Le Monde's ``Martin Untersinger (avec
  Damien Leloup et Morgane Tual)``: three; ``(with AFP)`` names no person and is dropped);
* tags written into the value (``Jane <b>Doe</b>``), an address in angle brackets
  (``Jane Doe <jane@example.com>``) and characters a byline cannot hold
  (controls, invisible format characters) are dropped.

:func:`dedupe` keeps one byline per person when a page names its authors in several places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsitem.formats.layouts._conventions import credited, is_agency, is_title
from newsitem.model import Byline, BylineKind

__all__ = ["dedupe", "from_text"]

_OUTLET_LENGTH = 60
"""The longest outlet or title after a bar or dash (longer is part of the names)."""
_OUTLET_MARK = re.compile(r"\s[|\u2013\u2014-]\s")
"""A bar or a dash with a space on each side: what sites put before their name."""
_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,200}>")
"""A tag written into a name (``Jane <b>Doe</b>``): markup, not part of the name."""
_WITH = re.compile(r"(?i)(?:with|avec|mit|con|com|med|met)\s+(?=\S)")
"""``with`` opening a parenthesized list of co-authors, in the by-line languages."""
_ACRONYM_AT_END = re.compile(r",\s*([A-Z]{2,6})$")
"""An outlet's acronym closing the names after a comma (``..., and Tom Watkins, CNN``)."""
_DEGREES = frozenset(
    {"MD", "DO", "RN", "NP", "PA", "DDS", "DVM", "JD", "MBA", "CPA", "ESQ", "JR", "SR", "II", "III", "IV"}
)
"""Letters after a name that are a degree or a suffix, not an outlet (``Jane Doe, MD``)."""
_PARENTHESES = re.compile(r"\s*\(([^()]{0,80})\)")
"""A short parenthesized part: a place (dropped) or an agency (kept)."""


def _printable(text: str) -> str:
    """``text`` without tags, white space runs made one space per line, unprintable characters dropped."""
    lines = ("".join(c if c.isprintable() else " " for c in line) for line in _TAG.sub("", text).splitlines())
    return "\n".join(kept for line in lines if (kept := " ".join(line.split())))


def _outlet(text: str) -> tuple[str, str | None]:
    """``text`` without what follows its last spaced bar or dash, or without a closing
    acronym after a comma, and that part (or None)."""
    last = None
    for last in _OUTLET_MARK.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    if last is None:
        acronym = _ACRONYM_AT_END.search(text)
        if acronym is None or acronym.group(1) in _DEGREES or not text[: acronym.start()].strip():
            return text, None
        return text[: acronym.start()].strip(), acronym.group(1)
    head, tail = text[: last.start()].strip(), text[last.end() :].strip()
    if not head or not tail or len(tail) > _OUTLET_LENGTH or "\n" in tail:
        return text, None
    return head, tail


def _without_places(text: str) -> tuple[str, list[str]]:
    """``text`` without parenthesized parts that name no agency (``(Perth, WA)``), and the
    co-authors a parenthesized ``with`` names (``(avec Damien Leloup et Morgane Tual)``)."""
    others: list[str] = []

    def replace(found: re.Match[str]) -> str:
        inner = found.group(1).strip()
        joint = _WITH.match(inner)
        if joint is not None:
            others.append(inner[joint.end() :])
            return ""
        return found.group() if is_agency(inner) else ""

    return _PARENTHESES.sub(replace, text).strip(), others


def from_text(text: str) -> list[Byline]:
    """The bylines a plain-text author value names, in order (see the module's rules).

    ``By Jane Doe and John Roe`` and ``Jane Doe, John Roe`` give two persons; ``Von Jörg
    Müller und Anna Schmidt`` two; ``Reuters`` and ``Associated Press`` one organisation
    each; ``By JANE DOE, Reuters`` Jane Doe (as printed) affiliated with Reuters; ``Jane Doe |
    CNN`` Jane Doe affiliated with CNN; ``Greg Maybury (Perth, WA)`` Greg Maybury. An empty
    value gives none.
    """
    line = _printable(text).strip(" |\u2013\u2014-")
    head, tail = _outlet(line)
    title = tail if tail is not None and is_title(tail) else None
    outlet = tail if title is None else None
    named, others = _without_places(head)
    persons = credited(named, title=title)[0] if named else []
    persons += [b for text in others for b in credited(text)[0] if b.kind is BylineKind.PERSON]
    bylines = [
        Byline(name=b.name, kind=b.kind, title=b.title, affiliation=b.affiliation or outlet)
        if b.kind is BylineKind.PERSON and outlet is not None
        else b
        for b in persons
    ]
    if outlet is not None and not any(b.kind is BylineKind.PERSON for b in bylines):
        bylines.append(Byline(name=outlet, kind=BylineKind.ORGANISATION))
    return bylines


def _key(byline: Byline) -> tuple[str, str]:
    """What two bylines of the same person share: the name, case and spacing aside, and the role."""
    return " ".join(byline.name.split()).casefold(), byline.role.value


def _richness(byline: Byline) -> tuple[bool, int]:
    """How much a byline says: a person over an organisation, then each of title and affiliation."""
    return byline.kind is BylineKind.PERSON, (byline.title is not None) + (byline.affiliation is not None)


def dedupe(bylines: Iterable[Byline]) -> list[Byline]:
    """One byline per person and role, in the order of first appearance.

    Two bylines are of the same person when their names are equal but for case and
    spacing (``Jane Doe``, ``JANE  DOE``) and their roles are the same (an author who also
    took the photographs keeps both). Of those, the richer is kept: a person over an
    organisation of the same name, then the one with more of title and affiliation; on a
    tie, the first.
    """
    kept: dict[tuple[str, str], Byline] = {}
    for byline in bylines:
        key = _key(byline)
        found = kept.get(key)
        if found is None or _richness(byline) > _richness(found):
            kept[key] = byline  # a dict keeps the first key's place when its value changes
    return list(kept.values())
