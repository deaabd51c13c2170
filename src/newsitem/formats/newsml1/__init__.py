"""NewsML 1.2 (IPTC's NewsML before NewsML-G2, as AFP, EFE and ANA-MPE send it): read only.

A ``NewsML`` document holds a ``NewsEnvelope`` and one or more ``NewsItem`` elements; each
NewsItem has its ``Identification`` (``PublicIdentifier`` -> guid and version),
``NewsManagement`` (created and revised times, status, urgency, instructions) and a tree of
``NewsComponent`` elements carrying ``NewsLines``, metadata and ``ContentItem`` elements.
The story is the text ContentItem (a NITF document or body, block markup or plain text,
read by the NITF readers); photo, graphic, video and audio components are the story's links
(``rel="picture"``...), and an item that has only those is refused, saying what it is. The
docs page ``formats/newsml-1.2`` has the table of fields.

The package's modules: ``_parse`` (safe parsing through the NewsML-G2 parser), ``_values``
(element access, text rules, gathering, times), ``_read`` (one NewsItem) and ``_content``
(the components: which ContentItem is the text, pictures, the body).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import TYPE_CHECKING as _TYPE_CHECKING

from newsitem import notes
from newsitem.errors import ParseError, ValidationError
from newsitem.formats import _contract
from newsitem.model import Story

if _TYPE_CHECKING:
    from lxml import etree

# The reader and lxml are imported by the functions that use them: detection (sniff) needs
# neither.

__all__ = ["loads", "loads_all", "sniff"]

_NAME = "newsml-1.2"  # newsml1._parse.NAME
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def _root(data: str | bytes) -> etree._Element:
    from newsitem.formats.newsml1 import _parse, _values
    from newsitem.formats.newsmlg2 import _where

    root = _parse.parse(data)
    if _values.local(root) not in ("NewsML", "NewsItem"):
        raise ParseError(
            f"the root element is <{_values.local(root) or root.tag}>, not <NewsML> or <NewsItem>: "
            "not a NewsML 1.2 document",
            format=_NAME,
            line=_where.line_of(root),
        )
    return root


def _items(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """The NewsItems of the document with their paths (counted once: linear in their number)."""
    from newsitem.formats.newsml1 import _read
    from newsitem.formats.newsmlg2 import _where

    with _where.reading():
        items = list(_read.members(root))
    if not items:
        raise ParseError(
            "a NewsML document without a NewsItem: nothing to read", format=_NAME, line=_where.line_of(root)
        )
    return items


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read the first text NewsItem of a NewsML 1.2 document (a note names the items left:
    :func:`loads_all` reads every one).

    Args:
        data: The document, as bytes (their byte-order mark or XML declaration names the
            encoding, UTF-8 otherwise) or text.
        tz: Accepted and ignored: NewsML 1.2 times carry their own offsets (a time written
            without one stays naive).

    Raises:
        ParseError: not well-formed XML, a DOCTYPE beyond NewsML's own external one, not a
            NewsML document, or no NewsItem is a text story (the message says what the
            first one is: a picture item, an Update...).
        ValidationError: a value the model refuses where it cannot be kept aside.
    """
    from newsitem.formats.newsml1 import _read
    from newsitem.formats.newsmlg2 import _where

    root = _root(data)
    items = _items(root)
    first: ParseError | ValidationError | None = None
    with _where.reading():
        for index, (where, item) in enumerate(items):
            try:
                story = _read.read(root, item, where)
            except (ParseError, ValidationError) as exc:
                first = first or exc
                continue
            if len(items) > index + 1:
                notes.add(
                    notes.Note(
                        code="unreadable",
                        message=f"the document holds {len(items) - index - 1} more NewsItem(s), not read "
                        "(newsitem.loads_all reads every one)",
                        format=_NAME,
                        line=_where.line_of(items[index + 1][1]),
                    )
                )
            return story
    assert first is not None
    raise first


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[notes.Part]:
    """Every NewsItem of the document as its own part, in order, ``where`` its document path
    (``NewsML/NewsItem[2]``). An item that is not a text story (a picture, an Update) gives a
    part whose ParseError says what it is.

    Raises:
        ParseError: not well-formed XML, not a NewsML document, or one without a NewsItem.
    """
    from newsitem.formats.newsml1 import _read
    from newsitem.formats.newsmlg2 import _where

    with notes.collect() as document:  # notes on the whole document (a charset guessed): every part's
        root = _root(data)
    items = _items(root)

    def member(where: str, item: etree._Element) -> Callable[[], Story]:
        def read() -> Story:
            with _where.reading():
                return _read.read(root, item, where)

        return read

    return _contract.parts(_NAME, [(where, member(where, item)) for where, item in items], document)


_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.:-]*)")
"""The first element's name (after the declaration, comments and a DOCTYPE, which start ``<?``
or ``<!``)."""


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a NewsML 1.x document: its root element is ``NewsML`` (or a ``NewsItem`` with a
    ``NewsIdentifier``), outside the NewsML-G2 namespace."""
    head = text[:4000]
    if "http://iptc.org/std/nar/2006-10-01/" in head:
        return None
    first = _FIRST_TAG.search(_COMMENTS.sub("", head))
    if first is None:
        return None
    if first.group(1) == "NewsML":
        return 0.97, "an XML document whose root element is <NewsML> (NewsML 1.x)"
    if first.group(1) == "NewsItem" and "<NewsIdentifier" in text[:8000]:
        return 0.9, "an XML NewsItem with a NewsIdentifier (NewsML 1.x)"
    return None
