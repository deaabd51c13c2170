"""The one precedence rule for another page's metadata: which source's value a field takes,
and where the others go.

Each source offers model fields (:func:`._microdata.fields`, :func:`._jsonld.fields`,
:func:`._meta.sources`). For each field the sources are tried in its order
(:data:`ORDER`, or the field's own in :data:`ORDERS`); the first with a value wins, unless
a later one is *richer* (:func:`rank`): a time with an offset over a naive time over a day
alone, bylines naming a person over bylines of organisations only. A value of another
source that disagrees with the winner (:func:`agrees`) is kept as text in extras under
``html.<source>.<field>`` with a ``kept-in-extras`` note; one that says the same, or
only more (a site name after the headline), is dropped. Rights are merged part by part
(notice, holder, licence, terms: each part by the same order). The bylines that win are
deduplicated (:func:`._people.dedupe`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from newsitem.formats._lenient import keep, never
from newsitem.formats.html._people import dedupe, settle, squeezed
from newsitem.formats.html._policy import NAME
from newsitem.model import Byline, BylineKind, Rights, Source

ORDER = ("microdata", "itemprop", "jsonld", "og", "dc", "meta", "page", "guess", "visible")
"""The sources, the richest markup first: microdata, ``<meta itemprop>`` of no item, JSON-LD,
Open Graph and ``article:`` tags, Dublin Core and ``citation_`` tags, plain ``name=`` tags,
the document itself, and last what is a guess: the article's ``<time>``, then what the page
shows its readers (:mod:`._visible`: a byline element, a date element). A guess is used only
when no other source has the field (the first guess in the order then), never kept in extras
when it loses."""
GUESSES = ("guess", "visible")
"""The sources that only guess (see :data:`ORDER`)."""
ORDERS = {
    "url": ("page", "og", "microdata", "itemprop", "jsonld"),
    "language": ("microdata", "itemprop", "jsonld", "page", "og", "dc", "meta", "guess"),
}
"""Fields whose order is their own: the url is the page's canonical link first (the
article's ``url`` may be an AMP or print copy); the language is the article's, else the
document's ``lang``, else the tags' (an article of several: its own, else the document's
``lang``, a guess)."""
FIELDS = (
    "headline", "subheadline", "summary", "bylines", "source", "provider", "published", "updated",
    "dateline", "section", "genre", "keywords", "subjects", "language", "url", "guid", "version",
)  # fmt: skip
_RIGHTS = ("notice", "holder", "license", "terms")


def rank(field: str, value: Any) -> int:
    """How rich ``value`` is for ``field`` (higher wins over the order): a time with an offset
    3, a naive time 2, a day 1; bylines with a person 2, organisations only 1; else 0."""
    if isinstance(value, datetime):
        return 3 if value.utcoffset() is not None else 2
    if isinstance(value, date):
        return 1
    if field == "bylines":
        return 2 if any(byline.kind is BylineKind.PERSON for byline in value) else 1
    return 0


def _words(value: str) -> str:
    return " ".join(value.casefold().split()).rstrip(".…")


def agrees(value: Any, winner: Any) -> bool:
    """Whether ``value`` says nothing against ``winner``: the same text (case and spacing
    aside) or one within the other; the same time (a naive one: the same wall clock), or a
    day that is the other's; the same names, or some of them."""
    if isinstance(value, date) and isinstance(winner, date):
        if isinstance(value, datetime) and isinstance(winner, datetime):
            if (value.utcoffset() is None) != (winner.utcoffset() is None):
                return value.replace(tzinfo=None) == winner.replace(tzinfo=None)
            return value == winner
        return _day(value) == _day(winner)
    if isinstance(value, list) and isinstance(winner, list):
        return {_shown(one).casefold() for one in value} <= {_shown(one).casefold() for one in winner}
    mine, theirs = _words(_shown(value)), _words(_shown(winner))
    return mine in theirs or theirs in mine


_CUT = ("...", "…")
_SUFFIX = re.compile("\\s*[-|\u2013\u2014:\u00b7\u2022(\uff08\\[]")
"""What opens a site's name after a headline: a dash, bar, colon, dot or bracket (fullwidth too)."""


def _whole(offered: list[tuple[str, Any]], winner: str, value: str) -> tuple[str, str]:
    """The headline that is whole: a winner cut short (``...``) gives way to the value it
    begins; a winner that is another value and a site's name after it (``Headline - Site``,
    ``Headline (Agency) - Portal``, fullwidth brackets too) gives way to that value."""
    stem = _words(value).rstrip(".… ")
    for name, other in offered:
        text = _words(other)
        if value.rstrip().endswith(_CUT) and text.startswith(stem) and len(text) > len(stem):
            return name, other
    for name, other in offered:
        text, whole = _words(other), _words(value)
        if len(text) < len(whole) and whole.startswith(text) and _SUFFIX.match(whole, len(text)):
            return name, other
    return winner, value


_MARK = re.compile("\\s+(?:[-|\u2013\u2014\u203a\u00bb~/:@\u00b7\u2022]|::)\\s+|\\s*[\uff1a\uff5c]\\s*")
"""A separator in a headline (`` - ``, `` | ``, ``\u203a``, ``\u00bb``, `` : ``, `` @ ``, ``::``,
the fullwidth colon and bar): where sites put their name."""


def _headline(
    sources: Mapping[str, Mapping[str, Any]], offered: list[tuple[str, Any]], winner: str, value: str
) -> tuple[str, str]:
    """The headline: the whole one (:func:`_whole`, the document's ``<h1>`` and ``<title>``
    offered too); the document's ``<h1>`` when the ``<title>`` is it (or it and a site's
    name) and the winner says another thing (a site-wide ``og:title``), unless the ``<h1>``
    is the outlet's name; without the part from a separator on that names the page's
    outlet (``Headline - Site``, ``Headline \u203a Site``)."""
    titles = [text if isinstance(text, str) else "" for text in sources.get("page", {}).get("titles", [])]
    h1, title = [*titles, "", ""][:2]
    winner, value = _whole(offered + [("page", text) for text in (h1, title) if text], winner, value)
    outlets = {squeezed(name) for name in _outlets(sources)} - {""}
    if squeezed(h1) not in outlets and _heads(h1, title) and not agrees(value, h1):
        winner, value = "page", h1
    if len(value) > _LONGEST:
        return winner, value  # no headline: its parts are not looked through
    return winner, _untailed(value, {outlet for outlet in outlets if len(outlet) >= 3})


_LONGEST = 400
"""The longest headline whose separators are looked at (each costs a look at the rest)."""


def _heads(head: str, text: str) -> bool:
    """Whether ``head`` is ``text`` or opens it before a separator (a site's name after it)."""
    mine, whole = _words(head), _words(text)
    if not mine:
        return False
    return mine == whole or (whole.startswith(mine) and _SUFFIX.match(whole, len(mine)) is not None)


def _untailed(value: str, outlets: set[str]) -> str:
    """``value`` cut at the first separator after which the page's outlet is named: the
    outlet or part of its name (``Headline - Site``, ``Headline : Site | Motto | Year``,
    ``Headline @ Blog :: Host ::``), a phrase ending in it (``... - See it on site.pl``) or
    one word opening with it (``... - CNNPolitics``)."""
    for mark in _MARK.finditer(value):
        segment = _MARK.split(value[mark.end() :], maxsplit=1)[0].strip()
        rest, word = squeezed(segment), " " not in segment
        head = value[: mark.start()].strip()
        named = any(
            rest in outlet or rest.endswith(outlet) or (word and rest.startswith(outlet))
            for outlet in outlets
        )
        if rest and len(head) >= 4 and named:
            return head
    return value


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _shown(value: Any) -> str:
    """A value as text for extras: names of bylines, a source's name, a time in ISO 8601."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Byline):
        return value.name
    if isinstance(value, Source):
        return value.name or value.code or ""
    if isinstance(value, list):
        return "; ".join(_shown(one) for one in value)
    return str(value)


def _present(value: Any) -> bool:
    return value not in (None, [], "")


def merge(sources: Mapping[str, Mapping[str, Any]], extras: dict[str, str]) -> dict[str, Any]:
    """The fields of a story from its ``sources`` (name -> fields offered) by the precedence
    rule (the module); disagreeing values go to ``extras`` with a note."""
    merged: dict[str, Any] = {}
    for field in FIELDS:
        offered = [
            (name, sources[name][field])
            for name in ORDERS.get(field, ORDER)
            if name in sources and _present(sources[name].get(field))
        ]
        if field == "summary" and merged.get("headline"):  # a description that only repeats the
            heading = _words(merged["headline"])  # headline (or its start) is no summary
            offered = [(name, text) for name, text in offered if _words(text) not in heading]
        if not offered:
            continue
        sure = [(name, value) for name, value in offered if name not in GUESSES]
        offered = sure or offered[:1]
        best = max(rank(field, value) for _, value in offered)
        winner, value = next((name, value) for name, value in offered if rank(field, value) == best)
        if field == "headline":
            winner, value = _headline(sources, offered, winner, value)
        merged[field] = dedupe(settle(value, _outlets(sources))) if field == "bylines" else value
        if field == "language":
            merged[field] = language_case(value)
        for name, other in offered:
            if name != winner and not agrees(other, value):
                _kept(extras, f"{name}.{field}", _shown(other), f"{field} of {name} differs from {winner}'s")
    rights = _rights(sources, extras)
    if rights is not None:
        merged["rights"] = rights
    return merged


def language_case(tag: str) -> str:
    """A BCP 47 tag in its canonical case (RFC 5646 section 2.1.1): the language lower case
    (``EN`` -> ``en``), a script title case (``hant`` -> ``Hant``), a region upper case
    (``en-us`` -> ``en-US``), everything after a singleton (``x-...``, ``u-...``) lower case.
    Web pages write tags in every case; the model keeps the case a format gives, so only
    another site's page, whose case carries no meaning, is normalised here."""
    parts = tag.split("-")
    cased = [parts[0].lower()]
    extension = len(parts[0]) == 1  # a private-use tag (``x-klingon``) from its start
    for part in parts[1:]:
        if extension or len(part) == 1:
            extension = True
            cased.append(part.lower())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            cased.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            cased.append(part.title())
        else:
            cased.append(part.lower())
    return "-".join(cased)


def _outlets(sources: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The names the page gives its outlet: each source's publisher or site name, provider
    and copyright holder (a byline of one of them is the outlet, not a person)."""
    found: list[str] = []
    for offered in sources.values():
        found.extend(name for name in offered.get("outlets", []) if isinstance(name, str))
        for key in ("source", "provider"):
            value = offered.get(key)
            if isinstance(value, Source) and value.name:
                found.append(value.name)
        rights = offered.get("rights")
        if isinstance(rights, Rights) and rights.holder:
            found.append(rights.holder)
        url = offered.get("url")
        if isinstance(url, str):
            found.append(_site(url))
    return found


def _site(url: str) -> str:
    """The name in a page's address: its host's label before the public suffix
    (``https://www.przepisy.pl/x`` -> ``przepisy``, ``www.bbc.co.uk`` -> ``bbc``), or ""."""
    try:
        labels = (urlsplit(url).hostname or "").split(".")
    except ValueError:
        return ""
    while len(labels) > 2 and len(labels[-1]) <= 3 and labels[-2] in _SECOND_LEVEL:
        labels.pop()  # co.uk, com.au: one suffix
    return labels[-2] if len(labels) >= 2 else ""


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne", "edu"})
"""Labels that make a public suffix with a country's (``co.uk``, ``com.br``)."""


def _rights(sources: Mapping[str, Mapping[str, Any]], extras: dict[str, str]) -> Rights | None:
    """The rights, part by part, each part by the order; disagreeing parts in extras."""
    parts: dict[str, str] = {}
    for name in ORDER:
        rights = sources.get(name, {}).get("rights")
        if not isinstance(rights, Rights):
            continue
        for part in _RIGHTS:
            value = getattr(rights, part)
            if value is None:
                continue
            if part not in parts:
                parts[part] = value
            elif not agrees(value, parts[part]):
                _kept(extras, f"{name}.rights.{part}", value, f"the rights' {part} of {name} differs")
    return Rights(**parts) if parts else None


def _kept(extras: dict[str, str], key: str, text: str, what: str) -> None:
    if text.strip():
        keep(
            text, never, extras=extras, key=f"html.{key}", format=NAME, where=key.split(".", 1)[0], what=what
        )
