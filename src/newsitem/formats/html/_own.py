"""Our own page's article (``data-newsitem="1"``), read exactly.

Every value is taken as written through the :class:`~._policy.Exact` policy: a value the
model refuses is a :class:`~newsitem.errors.ValidationError` located at its itemprop path
(``author[1]``, ``articleBody/p[2]``) and the line of its element; the fields schema.org
has no property for are read from ``data-newsitem-field`` and ``data-newsitem-extra``.
The items and the values they share with other pages are :mod:`._microdata`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from lxml import etree

from newsitem.errors import ParseError, ValidationError
from newsitem.formats._decode import is_number
from newsitem.formats.html._microdata import (
    Item,
    _body,
    _keywords,
    _organisation,
    _people,
    _rights,
    _subjects,
    _text,
)
from newsitem.formats.html._policy import NAME, Exact, Policy, line_of, locate_story
from newsitem.model import Link, PubStatus, Story

_WHERE = {
    "headline": "headline",
    "subheadline": "alternativeHeadline",
    "summary": "abstract",
    "published": "datePublished",
    "updated": "dateModified",
    "dateline": "dateline",
    "section": "articleSection",
    "genre": "genre",
    "keywords": "keywords",
    "language": "inLanguage",
    "url": "url",
    "guid": "identifier",
    "version": "version",
}
"""Model field -> itemprop, for the document path of a ValidationError."""


def _marked(top: etree._Element) -> Iterator[etree._Element]:
    """The elements below ``top`` with a ``data-newsitem-field`` or ``data-newsitem-extra``, in
    document order, none inside another (its text is the outer one's: our pages never nest
    them, and taking each of a deep nest took the text once per level)."""
    stack = [iter(top)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif element.get("data-newsitem-field") is not None or element.get("data-newsitem-extra") is not None:
            yield element
        else:
            stack.append(iter(element))


def _own_fields(item: Item, extras: dict[str, str], links: list[Link]) -> dict[str, str]:
    """The fields schema.org has no property for (``data-newsitem-field``), and the extras;
    the story's links go to ``links``."""
    fields: dict[str, str] = {}
    for element in _marked(item.element):
        field = element.get("data-newsitem-field")
        if field == "links":
            links.extend(
                Link(
                    uri=li.get("data-uri", ""),
                    rel=li.get("data-rel", ""),
                    media_type=li.get("data-type"),
                    title=li.get("data-title"),
                )
                for li in element.iter("li")
            )
        elif field == "embargoed":
            time = next((c for c in element if c.tag == "time"), None)
            fields[field] = _text(element) if time is None else time.get("datetime", "")
        elif field is not None:
            fields[field] = _text(element)
        key = element.get("data-newsitem-extra")
        if key is not None:
            extras[key] = _text(element)
    return fields


def _place(item: Item) -> Callable[[str], tuple[str | None, int | None]]:
    """Model field -> the itemprop (or ``data-newsitem-field``) it was read from, and its line."""

    def place(field: str) -> tuple[str | None, int | None]:
        prop = _WHERE.get(field)
        return (prop, item.line(prop)) if prop else (f"data-newsitem-field={field}", item.line(field))

    return place


def story_from(element: etree._Element, policy: Policy) -> Story:
    """The story of a NewsArticle item.

    Raises:
        ParseError: no headline, or a value of our own page newsitem cannot read.
        ValidationError: a value (of our own page) the model refuses, located.
    """
    item = Item(element, exact=policy.exact)
    headline = item.value("headline") or (None if policy.exact else item.value("name"))
    links: list[Link] = []
    fields = _own_fields(item, policy.extras, links) if policy.exact else {}
    summary = item.value("abstract") or (None if policy.exact else item.value("description"))
    body = _body(item, policy)
    if not headline and not body and not summary:
        message = (
            "the NewsArticle has no headline, body or summary (expected an itemprop headline, name,"
            " articleBody or abstract with text)"
        )
        raise ParseError(message, format=NAME, line=line_of(element))
    try:
        return Story(
            headline=headline or None,
            subheadline=item.value("alternativeHeadline"),
            summary=summary,
            bylines=_people(item, policy),
            source=_organisation(item.item("publisher"), "publisher", policy),
            provider=_organisation(item.item("provider"), "provider", policy),
            published=policy.when(item.value("datePublished"), "datePublished", item.line("datePublished")),
            updated=policy.when(item.value("dateModified"), "dateModified", item.line("dateModified")),
            embargoed=_embargo(policy, fields.get("embargoed"), item.line("embargoed")),
            dateline=item.value("dateline"),
            located=fields.get("located"),
            section=item.value("articleSection"),
            genre=item.value("genre"),
            keywords=_keywords(item, exact=policy.exact),
            subjects=_subjects(item, policy),
            slugline=fields.get("slugline"),
            priority=fields.get("priority"),
            ednote=fields.get("ednote"),
            urgency=_urgency(fields.get("urgency"), item.line("urgency")),
            status=_status(fields.get("status"), item.line("status")),
            language=policy.language(item.value("inLanguage")),
            url=policy.uri(item.value("url"), "url"),
            links=links,
            rights=_rights(item, policy),
            guid=policy.token(item.value("identifier"), "identifier"),
            version=policy.version(item.value("version"), item.line("version")),
            body=body,
            extras=policy.extras,
        )
    except ValidationError as exc:
        raise locate_story(exc, _place(item)) from None


def _embargo(policy: Policy, text: str | None, line: int | None) -> datetime | None:
    """The embargo of our own page (a time: never a day); other pages carry none."""
    return policy.time(text, "embargoed", line) if isinstance(policy, Exact) else None


def _urgency(text: str | None, line: int | None) -> int | None:
    if text is None:
        return None
    if not is_number(text):
        raise ParseError(f"urgency: expected a number, got {text[:40]!r}", format=NAME, line=line)
    return int(text)


def _status(text: str | None, line: int | None) -> PubStatus:
    try:
        return PubStatus(text or "usable")
    except ValueError:
        message = f"status: expected usable, withheld or canceled, got {text!r}"
        raise ParseError(message, format=NAME, line=line) from None
