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

* a label before the names (``Analysis by``, ``Posted by``, ``Текст:``) is dropped, and a
  by line stops at its date (``Jeff Foust Monday, November 18, 2019``); after a comma a
  job title is the title and an outlet (``CNN Business``, ``Cleveland.com``) the
  affiliation, as is an outlet after a name's full stop (``Jane Doe. Example Daily``) and a
  parenthesized web address (the outlet itself when it is its name's: ``Deutsche Welle
  (www.dw.com)``); ``&`` with a one-word side joins one organisation (``Mac & i``), and
  what follows an organisation after commas and names none is its address, no byline;
  a ``@handle`` or a URL names no one.

:func:`settle` is what the merge does with the bylines that win, whatever their source: a
Person's name that is a whole by line read as above; the page's outlet, a newsroom or a
known agency made an organisation; handles, URLs and site accounts dropped.
:func:`dedupe` keeps one byline per person when a page names its authors in several places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from newsitem.formats.layouts._conventions import agency_name, credited, is_agency, is_organisation, is_title
from newsitem.model import Byline, BylineKind

__all__ = ["dedupe", "from_text", "settle", "squeezed"]

_LABEL = re.compile(
    r"(?i)^(?:(?:analysis|commentary|opinion|review|posted|written|reported|story|words|text|report|"
    r"interview|photos?|video)\s+by\b\s*:?\s*|(?:text|texte|текст|автор|autor|auteur|authors?|"
    r"written by|reporter|redakteur)\s*:\s*)"
)
"""A label before the names that is not the by-line word itself (``Analysis by``, ``Posted
by``, ``Текст:``, ``Author:``); ``By``/``Von``/``Par``... are the shared rule's."""
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_ON = re.compile(
    r"(?is)[\s,]*(?:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:" + _MONTHS + r")\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}\.?\s+(?:" + _MONTHS + r")\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b).*$"
)
"""Where a visible by line runs on into its date: a weekday, a month and day, a numeric date
or a time (a name holds none of them)."""
_ADDRESS = re.compile(r"(?i)^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$")
"""A web address (``www.dw.com``, ``https://...``, ``cleveland.com``)."""
_URL = re.compile(r"(?i)^(?:https?://|www\.)\S+$")
"""A URL (a profile page): no name. A bare domain (``domradio.de``) may be an outlet's name."""
_HANDLE = re.compile(r"^@\w{1,40}$")
"""A social-media handle (``@NatGeoUK``): an account, no byline."""
_ACCOUNT = re.compile(r"(?i)^(?:\w{0,12}admin|administrator|webmaster|root|guest|user\d*)$")
"""A site's account name (``admin``, ``jdadmin``, ``webmaster``): names no one, no byline."""
_NEWSROOM = re.compile(
    r"(?i)\b(?:staff|redaktion|redacci[oó]n|r[ée]daction|redazione|reda[cç][aã]o|redakcja|editorial|"
    r"editors|letters to the editor|wire|newsroom|online|sport)\b"
)
"""Newsroom words that make a name a desk, not a person (``Our Foreign Staff``,
``Redacción Confidencial``, ``Letters To The Editor``, ``CNN Wire``, ``SPIEGEL ONLINE``,
``Telegraph Sport``)."""
_OUTLET_WORD = re.compile(r"^(?:[A-Z]{2,6}\b(?!$)|\S+\.[a-z]{2,6}\b)")
"""What opens an outlet's name after a comma: an acronym before more words (``CNN
Business``), or a web address (``Cleveland.com``)."""
_DOT_OUTLET = re.compile(r"^(\S+(?:\s+\S+)+?[^\s.]{2})\.\s+([A-Z][^.,]{1,58})$")
"""``Name Surname. Outlet``: an outlet after a full stop that closes a name of two words or
more (an initial's dot, ``Troy L. Smith``, is no such stop)."""

_OUTLET_LENGTH = 60
"""The longest outlet or title after a bar or dash (longer is part of the names)."""
_SHORT = 200
"""The longest by line the outlet-after-a-full-stop rule is tried on (longer is no by line)."""
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
        return _after_comma(text)
    head, tail = text[: last.start()].strip(), text[last.end() :].strip()
    if not head or not tail or len(tail) > _OUTLET_LENGTH or "\n" in tail:
        return text, None
    return head, tail


def _after_comma(text: str) -> tuple[str, str | None]:
    """``text`` without an outlet or job title after its last comma or a closing full stop
    (``Jill Disis, CNN Business``, ``Chris Cillizza, CNN Editor-at-large``, ``Finian
    Cunningham. Sputnik International``), or a closing acronym, and that part (or None)."""
    dotted = _DOT_OUTLET.match(text) if len(text) <= _SHORT else None  # bounded: no long search
    if dotted is not None and "," not in text:
        return dotted.group(1), dotted.group(2)
    comma = text.rfind(",")
    tail = text[comma + 1 :].strip()
    named = is_title(tail) or (_OUTLET_WORD.match(tail) is not None and not tail.isupper())
    if comma > 0 and 0 < len(tail) <= _OUTLET_LENGTH and " and " not in tail and named:
        return text[:comma].strip(), tail
    acronym = _ACRONYM_AT_END.search(text)
    if acronym is None or acronym.group(1) in _DEGREES or not text[: acronym.start()].strip():
        return text, None
    return text[: acronym.start()].strip(), acronym.group(1)


def _without_places(text: str, addresses: list[str] | None = None) -> tuple[str, list[str]]:
    """``text`` without parenthesized parts that name no agency (``(Perth, WA)``), and the
    co-authors a parenthesized ``with`` names (``(avec Damien Leloup et Morgane Tual)``); a
    parenthesized web address goes to ``addresses``."""
    others: list[str] = []

    def replace(found: re.Match[str]) -> str:
        inner = found.group(1).strip()
        joint = _WITH.match(inner)
        if joint is not None:
            others.append(inner[joint.end() :])
            return ""
        if addresses is not None and _ADDRESS.match(inner):
            addresses.append(inner)
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
    line = _DATE_ON.sub("", _LABEL.sub("", _printable(text).strip(" |\u2013\u2014-"))).strip(" ,|")
    if _HANDLE.match(line) or _URL.match(line):
        return []  # an account or a profile page: no name
    head, tail = _outlet(line)
    title = tail if tail is not None and is_title(tail) else None
    outlet = tail if title is None else None
    addresses: list[str] = []
    named, others = _without_places(head, addresses)
    if addresses:
        return _addressed(named, addresses[0], title)
    if _is_firm(named):
        return [Byline(name=named, kind=BylineKind.ORGANISATION)]
    persons = _no_places(credited(named, title=title)[0] if named else [])
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


def _is_firm(text: str) -> bool:
    """Whether ``text`` names one organisation with ``&`` in it (``Mac & i``, ``Procter &
    Gamble``): a side of one word is no person's name, so ``&`` joins no two people."""
    if "&" not in text or "," in text or re.search(r"(?i)\s(?:and|und|et|y|e)\s", text):
        return False
    sides = [side.split() for side in text.split("&")]
    return all(sides) and any(len(side) == 1 for side in sides)


def _no_places(bylines: list[Byline]) -> list[Byline]:
    """``bylines`` without what follows an organisation's name after commas but names no
    organisation itself: its address (``Süddeutsche.de GmbH, Munich, Germany``)."""
    if not bylines or bylines[0].kind is not BylineKind.ORGANISATION:
        return bylines
    return bylines[:1] + [b for b in bylines[1:] if b.kind is BylineKind.PERSON or is_organisation(b.name)]


def _addressed(named: str, address: str, title: str | None) -> list[Byline]:
    """A name followed by a web address: the outlet itself when the address is its name's
    (``Deutsche Welle (www.dw.com)``: initials or the name squeezed), else a person of it."""
    host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", address).split("/")[0].split(".")[0].casefold()
    words = re.findall(r"\w+", named.casefold())
    if not words:
        return []
    if host in ("".join(w[0] for w in words), "".join(words)) or len(words) == 1:
        return [Byline(name=named, kind=BylineKind.ORGANISATION)]
    return [Byline(name=named, kind=BylineKind.PERSON, title=title, affiliation=address)]


def squeezed(name: str) -> str:
    """A name to compare with an outlet's: letters and digits only, lower case, without a
    web address's ``www.`` and domain ending (``NDR.de`` and ``NDR`` are the same)."""
    name = re.sub(
        r"(?i)^(?:https?://)?(?:www\.)|\.(?:com|de|org|net|co\.uk|co|fr|es|it|at|ch|ru|pl)$", "", name.strip()
    )
    return "".join(c for c in name.casefold() if c.isalnum())


_SURNAME_FIRST = re.compile(r"^[^\s,]+,\s*[^\s,]+$")
"""``Doe, Jane``: a person's name written surname first, not two names."""


def _reread(byline: Byline) -> list[Byline]:
    """A person byline whose name is a whole by line (``By TOM KRISHER, AP Auto Writer``,
    ``Analysis by Jane Doe, CNN``, a JSON-LD or microdata Person's ``name``) read as the
    plain-text rule reads it; another as it is."""
    if (
        byline.kind is not BylineKind.PERSON
        or "(" in byline.name
        or _SURNAME_FIRST.match(byline.name.strip())
    ):
        return [byline]
    found = from_text(byline.name)
    if not found or [b.name for b in found] == [byline.name]:
        return [byline]  # the markup's kind stands: only settle()'s rules overrule it
    return [
        attrs.evolve(
            b,
            role=byline.role,
            title=b.title or byline.title,
            affiliation=b.affiliation or byline.affiliation,
        )
        for b in found
    ]


def settle(bylines: list[Byline], outlets: Iterable[str]) -> list[Byline]:
    """``bylines`` as a page's merge leaves them: a name that is one of the page's
    ``outlets`` (its publisher, site name, copyright holder), a newsroom (``Staff``,
    ``Redaktion``, ``Wire``) or an agency is an organisation even where the markup says
    Person, and so is a one-word name within an outlet's (``Beachbody`` of
    ``beachbodyondemand.com``) or an acronym of three letters or more alone (``NDR``; two
    may be a person's initials); a handle (``@NatGeoUK``), a web address or a site's
    account name (``admin``) is no byline."""
    names = {squeezed(outlet) for outlet in outlets} - {""}
    settled: list[Byline] = []
    for byline in [b for one in bylines for b in _reread(one)]:
        name = byline.name.strip()
        if _HANDLE.match(name) or _URL.match(name) or _ACCOUNT.match(name):
            continue
        own = squeezed(name)
        word = " " not in name and len(own) >= 4 and any(own in outlet for outlet in names)
        acronym = re.fullmatch(r"[A-Z]{3,6}", name) is not None  # NDR, ZDF: no one's name
        outlet = own in names or word or acronym or _NEWSROOM.search(name) or agency_name(name)
        if byline.kind is BylineKind.PERSON and outlet:
            settled.append(attrs.evolve(byline, kind=BylineKind.ORGANISATION, title=None, affiliation=None))
        else:
            settled.append(byline)
    return settled


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
