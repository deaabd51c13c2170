"""What a page shows its readers about its article, read when no markup says it: the
``visible`` source, the last of the precedence (:mod:`._merge`), used only when no other
source offers the field.

Where: inside the article's element, else the page's first ``<article>``, else near the
headline (the element two levels above the page's one ``<h1>``); never elsewhere in the page
(its navigation, its lists of other stories).

Bylines, from the first of:

* ``<a rel="author">`` links (the HTML standard's author link): their texts;
* an element whose ``class``, ``id`` or ``data-testid`` names a byline (a token containing
  ``byline``): its author links' texts (``<a>`` inside it), else its text, which must open
  with ``By``, ``Von``, ``Par`` or ``Por``; the first such element whose text opens so is
  taken before one that only has links (a column's name linked above the byline); its
  times (``<time>``, an element naming a date or time) are no part of its names;
* an element without ``itemprop`` whose ``class`` or ``id`` token is an author's
  (``author``, ``author-name``, ``article_author``, ``authorName``...; not ``author-bio``
  or ``author-image``): its short text.

Each text is split into people as a plain-text author value is
(:func:`._people.from_text`); a URL, a text over :data:`LONGEST` characters (a byline
element's whole text too), a name with a digit or a handle (``@JonPorty``) is none.

The published time: the first element there whose
``class`` or ``id`` names a date or time (a token containing ``date``, ``time``,
``timestamp``, ``published`` or ``posted``) and whose short text holds a time or day
:func:`newsitem.dates.parse_web` reads (``2/26/2015 7:11 AM PST BY TMZ STAFF`` gives
2015-02-26T07:11-08:00: the longest run of its first 12 words that reads, the earliest
first); a ``<time datetime>`` there is read by its attribute, which carries the offset.
At most :data:`MOST_TRIED` elements of each kind are read in each place: the cost is bounded.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import Any

from lxml import etree

from newsitem import dates
from newsitem.formats._markup import cleaned
from newsitem.formats.html._people import dedupe, from_text
from newsitem.model import Byline

LONGEST = 120
"""The most characters of a byline's or a date's text (a longer one is a paragraph)."""
_MOST_WORDS = 12
"""The most words of a date's text tried (the runs tried grow as its square)."""
MOST_TRIED = 10
"""The most elements naming a byline, an author or a date (and ``rel=author`` links) that are
read, in all: a hostile page of thousands costs no more than a real one."""
_BY = re.compile(r"^(?:by|von|par|por)\b[\s:]*", re.IGNORECASE)
_BYLINE = re.compile(r"byline", re.IGNORECASE)
_AUTHOR = re.compile(r"^(?:article|post|entry|story|news)?[-_]?author(?:[-_]?name|s)?$", re.IGNORECASE)
_BAD = re.compile(r"\d|^@")
"""What no name holds: a digit; what no name opens with: ``@`` (a social media handle)."""
_WHEN = re.compile(r"date|time|published|posted", re.IGNORECASE)


def _line(text: str) -> str:
    return " ".join(cleaned(text).split())


def _text(element: etree._Element) -> str:
    """An element's text as shown: white space collapsed, a space between its parts."""
    return _line(" ".join(str(part) for part in element.itertext()))


def _named(scope: etree._Element, test: str) -> list[etree._Element]:
    """The elements of ``scope`` (itself included) with the attributes ``test`` names: found by
    libxml2, so a page of thousands of plain elements costs little."""
    found = scope.xpath(f"descendant-or-self::*[{test}]")
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def _tokens(element: etree._Element, attributes: tuple[str, ...]) -> list[str]:
    return [token for name in attributes for token in (element.get(name) or "").split()]


def _scopes(root: etree._Element, article: etree._Element | None) -> Iterator[etree._Element]:
    """Where the article's visible parts are looked for, nearest first."""
    if article is not None:
        yield article
    first = next(root.iter("article"), None)
    if first is not None and first is not article:
        yield first
    headings = list(root.iter("h1"))
    if len(headings) == 1:  # near the headline: the element two levels above it
        near = [headings[0], *headings[0].iterancestors()][:3]
        yield near[-1]


def _people(texts: list[str]) -> list[Byline]:
    found: list[Byline] = []
    for text in texts:
        if not text or len(text) > LONGEST or text.lower().startswith(("http://", "https://", "www.")):
            continue
        found.extend(b for b in from_text(text) if not _BAD.search(b.name))
    return dedupe(found)


def _byline_of(element: etree._Element, *, by: bool) -> list[Byline]:
    """The people a short byline element names: its links' texts, else its ``By ...`` text;
    ``by``: only an element whose text opens with By (else one with links)."""
    text = _text(element)
    if len(text) > LONGEST or (by and not _BY.match(text)):
        return []  # a block that only mentions bylines (a page, a list of stories)
    links = [_text(a) for a in element.iter("a")]
    if any(links):
        return _people(links)
    return _people([_untimed(element)]) if _BY.match(text) else []


def _untimed(element: etree._Element) -> str:
    """A short element's text without its times (``<time>``, an element naming a date or time):
    ``By JANE DOE <time>JULY 29, 2016</time>`` is ``By JANE DOE``."""
    shown = copy.deepcopy(element)
    for inner in list(shown.iterdescendants()):
        if isinstance(inner.tag, str) and (
            inner.tag == "time" or any(_WHEN.search(t) for t in _tokens(inner, ("class", "id")))
        ):
            _drop(inner)
    return _text(shown)


def _drop(element: etree._Element) -> None:
    """Take ``element`` out of its tree, keeping the text after it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        before = element.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _in(scope: etree._Element) -> list[Byline]:
    """The bylines one scope shows (see the module), else none."""
    elements = _named(scope, "@class or @id or @data-testid")
    anchors = _named(scope, "@rel")
    links = [_text(a) for a in anchors if a.tag == "a" and "author" in _tokens(a, ("rel",))]
    if links:
        return _people(links[:MOST_TRIED])
    named = [
        e for e in elements if any(_BYLINE.search(t) for t in _tokens(e, ("class", "id", "data-testid")))
    ][:MOST_TRIED]
    for by in (True, False):  # one that opens with By first (not a column's name above it)
        for element in named:
            found = _byline_of(element, by=by)
            if found:
                return found
    authors = (
        e
        for e in elements
        if e.get("itemprop") is None and any(_AUTHOR.match(t) for t in _tokens(e, ("class", "id")))
    )
    for element in islice(authors, MOST_TRIED):
        found = _people([_BY.sub("", _text(element))])
        if found:
            return found
    return []


def bylines(root: etree._Element, article: etree._Element | None) -> list[Byline]:
    """The bylines the page shows for its article (see the module), else none."""
    for scope in _scopes(root, article):
        found = _in(scope)
        if found:
            return found
    return []


def _when(text: str) -> datetime | date | None:
    """The longest run of the words of ``text`` that reads as a time or day, the earliest first."""
    words = text.split()[:_MOST_WORDS]
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if not any(c.isdigit() for c in run):
                continue
            try:
                return dates.parse_web(run)
            except ValueError:
                continue
    return None


def published(root: etree._Element, article: etree._Element | None) -> datetime | date | None:
    """The published time the page shows near its headline (see the module), else None."""
    named = (
        element
        for scope in _scopes(root, article)
        for element in _named(scope, "@class or @id")
        if any(_WHEN.search(t) for t in _tokens(element, ("class", "id")))
    )
    for element in islice(named, MOST_TRIED):
        found = _machine_time(element)
        if found is None:
            text = _text(element)
            found = _when(text) if 0 < len(text) <= LONGEST else None
        if found is not None:
            return found
    return None


def _machine_time(element: etree._Element) -> datetime | date | None:
    """The time a ``<time datetime>`` (the element, else its first such descendant) states
    for machines: it carries the offset its printed text leaves out."""
    time = element if element.tag == "time" else next(element.iter("time"), None)
    stamp = None if time is None else time.get("datetime")
    if not stamp or len(stamp) > LONGEST:
        return None
    try:
        return dates.parse_web(stamp)
    except ValueError:
        return None


FIELDS = {"bylines": ("bylines",), "published": ("published", "updated")}
"""The fields the page's visible text offers, each with the fields whose value from markup
makes it not looked for (a page whose markup gives any time: its shown date may be that one)."""


def source(
    root: etree._Element, article: etree._Element | None, fields: Iterable[str] = tuple(FIELDS)
) -> dict[str, Any]:
    """The ``fields`` the page shows (of :data:`FIELDS`), for the merge: only those asked for
    are looked for (the reader asks for those no markup source offers)."""
    found: dict[str, Any] = {}
    if "bylines" in fields:
        found["bylines"] = bylines(root, article)
    when = published(root, article) if "published" in fields else None
    if when is not None:
        found["published"] = when
    return found
