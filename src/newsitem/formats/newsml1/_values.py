"""What every part of the NewsML 1.2 reader shares: element access by local name, the text
rules (layout whitespace collapsed), the fields and extras gathered, the leniency rule and
ISO 8601 basic times."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, TypeVar

from lxml import etree

from newsitem import dates
from newsitem.formats import _lenient
from newsitem.formats.newsml1._parse import NAME
from newsitem.formats.newsmlg2._where import line_of, path

PREFIX = NAME + "."
"""The prefix of the extras keys this format reads (``newsml-1.2.NewsEnvelope.TransmissionId``)."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_T = TypeVar("_T")
_ANY = "{*}"
"""lxml's tag wildcard: any namespace, or none."""
_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})", re.ASCII)


def local(element: etree._Element) -> str:
    """The element's local name ('' for a comment or processing instruction)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def kids(element: etree._Element | None, *names: str) -> Iterator[etree._Element]:
    """The child elements of ``element`` named one of ``names`` in any namespace or none (every
    element without), filtered by lxml."""
    if element is None:
        return iter(())
    if names:
        return element.iterchildren(*(_ANY + name for name in names))
    return element.iterchildren(etree.Element)


def kid(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child element named ``name``."""
    return next(kids(element, name), None)


def collapsed(text: str | None) -> str | None:
    """``text`` with runs of whitespace as one space, trimmed; None when nothing is left."""
    return " ".join(text.split()) or None if text else None


def text_of(element: etree._Element | None) -> str | None:
    """The text of ``element`` and its descendants (comments left out), collapsed."""
    if element is None:
        return None
    return collapsed("".join(_texts(element)))


def _texts(element: etree._Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for sub in element:
        if isinstance(sub.tag, str):
            yield from _texts(sub)
        if sub.tail:
            yield sub.tail


def formal(element: etree._Element | None) -> str | None:
    """The ``FormalName`` of ``element`` (NewsML 1.2's value of a topic), collapsed."""
    return None if element is None else collapsed(element.get("FormalName"))


class Gathered:
    """The fields and extras gathered for one story, with the leniency rule."""

    def __init__(self, item: etree._Element, where: str) -> None:
        self.item = item
        self.where = where
        """The item's document path (``NewsML/NewsItem[2]``): paths below it are counted from
        the item, so reading every item of a document stays linear in its size."""
        self.fields: dict[str, Any] = {}
        self.extras: dict[str, str] = {}
        self._kept: dict[str, set[str]] = {}

    def set(self, field: str, value: object) -> None:
        """Take ``value`` for ``field`` unless it is None or empty, or the field is set."""
        if value is not None and value != [] and field not in self.fields:
            self.fields[field] = value

    def keep(self, key: str, value: str | None) -> None:
        """Keep ``value`` in extras under ``newsml-1.2.<key>`` (repeated keys gather, one a line)."""
        if not value:
            return
        key = PREFIX + "_".join(key.split())  # a key holds no space (Business Wire's "Ticker Symbol")
        seen = self._kept.setdefault(key, set())
        if value in seen:
            return
        seen.add(value)
        self.extras[key] = f"{self.extras[key]}\n{value}" if key in self.extras else value

    def lenient(
        self,
        value: _T | None,
        ok: Callable[[object], bool],
        element: etree._Element,
        attribute: str | None = None,
    ) -> _T | None:
        """``value`` if the model takes it; else None, with the value kept in extras (under its
        document path within the item) and a note."""
        if value is None or ok(value):
            return value
        inner = self.path(element, attribute)
        return _lenient.keep(
            value,
            ok,
            extras=self.extras,
            key=PREFIX + inner,
            format=NAME,
            where=f"{self.where}/{inner}" if inner else self.where,
            line=line_of(element),
        )

    def path(self, element: etree._Element, attribute: str | None = None) -> str:
        """The path of ``element`` (and ``attribute``) below the item ('' for the item itself)."""
        if element is self.item:
            return "" if attribute is None else "@" + attribute
        return path(element, attribute, below=self.item)

    def at(self, element: etree._Element) -> str:
        """The document path of ``element``, through the item's."""
        inner = self.path(element)
        return f"{self.where}/{inner}" if inner else self.where

    def when(self, element: etree._Element | None) -> datetime | date | None:
        """The time written in ``element``: ISO 8601 basic (``20180315T103000+0100``) or
        extended, the offset as written (naive stays naive); a day alone is a date. A time
        that is none is kept in extras with a note."""
        text = text_of(element)
        if element is None or text is None:
            return None
        try:
            day = _DAY.fullmatch(text)
            if day is not None:
                return date(*(int(part) for part in day.groups()))
            return dates.parse_lenient(text)
        except ValueError:
            self.lenient(text, _lenient.never, element)
            return None
