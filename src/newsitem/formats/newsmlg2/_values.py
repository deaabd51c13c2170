"""The reader's rules for single values in a NewsML-G2 item: text (exact in our own items,
layout whitespace collapsed in others'), times, parties, where a value was read, and the
one leniency rule.

Our own documents (they declare the ``nitm`` scheme) are read exactly: a value the
model refuses is a :class:`~newsitem.errors.ValidationError` placed at its document
path and line. In other agencies' items, what has no home in the model goes to
``extras`` under ``newsml-g2.``, and a value the model refuses (a URI with a space,
a malformed language tag, a time that is no time) is kept there too, with a note
(:func:`newsitem.formats._lenient.keep`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar, cast

from lxml import etree

from newsitem import dates
from newsitem.errors import Problem, ValidationError
from newsitem.formats import _lenient
from newsitem.formats._lenient import never
from newsitem.formats.newsmlg2._names import NAME, NITM, PREFIX, T
from newsitem.formats.newsmlg2._where import line_of, located, path, refused
from newsitem.model import Source, is_code, is_language, is_token, is_uri

_T = TypeVar("_T")
Origin = etree._Element | tuple[etree._Element, str] | list[etree._Element]
"""Where a field was read: an element, an element and attribute, or one element per item."""

NOT_URI = "not an absolute URI"
_WHAT: dict[Callable[[object], bool], str] = {
    is_language: "not a BCP 47 language tag",
    is_token: "not a token (it holds spaces)",
    is_code: "not a QCode (alias:code) or an absolute IRI",
}


def first(element: etree._Element, tag: str) -> etree._Element | None:
    """``element.find(tag)`` for a tag (no path): its first child ``tag``, found twice as fast."""
    return next(element.iterchildren(tag), None)


def below(element: etree._Element, tag: str, inner: str) -> etree._Element | None:
    """``element.find(f"{tag}/{inner}")``: the first ``inner`` of its ``tag`` children."""
    for child in element.iterchildren(tag):
        found = next(child.iterchildren(inner), None)
        if found is not None:
            return found
    return None


def code_of(element: etree._Element) -> str | None:
    """The element's ``@qcode``, else its ``@uri``."""
    return element.get("qcode") or element.get("uri")


_BLOCKS = frozenset(
    {"p", "div", "section", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "br"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hl1", "hl2", "block", "note"}
)
"""Local names of markup elements whose start and end break a line (XHTML, NITF)."""


def _gather(element: etree._Element, pieces: list[str]) -> None:
    """The texts of ``element`` and its descendants in document order (its own tail left
    out), a line break at each start and end of a block; comments and processing
    instructions left out with their tails (as ``iterwalk`` leaves them). A walk over the
    children, as fast as ``iterwalk`` is slow (the tree is at most libxml2's 256 levels deep)."""
    block = element.tag.rpartition("}")[2] in _BLOCKS
    if block:
        pieces.append("\n")
    if element.text:
        pieces.append(element.text)
    for child in element:
        if child.tag.__class__ is str:
            _gather(child, pieces)
            if child.tail:
                pieces.append(child.tail)
    if block:
        pieces.append("\n")


def lines_of(element: etree._Element) -> str:
    """The text of markup inside a value (dpa's XHTML in ``edNote``), a line for each block
    (``p``, ``li``, ``h3``...) with repeated lines once: blocks must not run together."""
    pieces: list[str] = []
    _gather(element, pieces)
    seen: set[str] = set()
    kept = []
    for raw in "".join(pieces).splitlines():
        line = " ".join(raw.split())
        if line and line not in seen:
            seen.add(line)
            kept.append(line)
    return "\n".join(kept)


_VALUE_ATTRIBUTES = ("literal", "qcode", "uri", "value", "href", "guid", "residref")


def value_of(element: etree._Element) -> str | None:
    """What an element with no home in the model says: its ``name``, its text, else the
    first of its ``@literal``, ``@qcode``, ``@uri``, ``@value``... (None when it says nothing)."""
    name = first(element, T.name)
    text = "".join(cast("Iterator[str]", (element if name is None else name).itertext()))
    if text.strip():
        return text
    return next((element.get(a) for a in _VALUE_ATTRIBUTES if element.get(a)), None)


class Children:
    """An element's children grouped by tag in one pass, answering find and findall."""

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        groups: dict[str, list[etree._Element]] = {}
        for child in element:
            found = groups.get(child.tag)
            if found is None:
                groups[child.tag] = [child]
            else:
                found.append(child)
        self.groups = groups

    def find(self, tag: str) -> etree._Element | None:
        found = self.groups.get(tag)
        return found[0] if found else None

    def findall(self, tag: str) -> list[etree._Element]:
        return self.groups.get(tag, [])


class ValueReader:
    """What every part of the item reader shares: the fields and extras gathered, where
    each field was read, the text rules and the leniency rule."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        catalog = first(root, T.catalog)
        self.ours = catalog is not None and any(
            s.get("alias") == "nitm" and s.get("uri") == NITM for s in catalog.iter(T.scheme)
        )
        self.fields: dict[str, Any] = {}
        self.origins: dict[str, Origin] = {}
        self.extras: dict[str, str] = {}
        self.unread: list[str] = []
        """Local names of elements kept in extras by :meth:`rest`, for one note."""

    def line(self, value: str | None) -> str | None:
        if value is None or self.ours:
            return value
        value = " ".join(value.split())
        return value or None

    def block(self, value: str | None) -> str | None:
        if value is None or self.ours:
            return value
        lines = [" ".join(part.split()) for part in value.replace("\r", "\n").split("\n")]
        value = "\n".join(line for line in lines if line)
        return value or None

    def text_of(self, element: etree._Element | None, *, multiline: bool = False) -> str | None:
        if element is None:
            return None
        if len(element) and multiline and not self.ours:
            return self.block(lines_of(element))
        text = "".join(cast("Iterator[str]", element.itertext())) if len(element) else element.text
        return self.block(text) if multiline else self.line(text)

    def name(self, element: etree._Element | None) -> str | None:
        return None if element is None else self.text_of(first(element, T.name))

    def named(self, element: etree._Element | None) -> str | None:
        """The element's ``name``; in another agency's item without one, its ``@literal``
        (a literal is the value itself: ``copyrightHolder literal="TT"``)."""
        name = self.name(element)
        if name is None and element is not None and not self.ours:
            return self.line(element.get("literal"))
        return name

    def rest(self, children: Children, read: frozenset[str], single: frozenset[str] = frozenset()) -> None:
        """Keep in extras the children of another agency's ``itemMeta`` or ``contentMeta``
        the reader has no field for (``altId``, ``memberOf``, ``audience``...), and those
        after the first of the ones read once (``single``: a second ``genre``): under
        ``newsml-g2.`` and the element's local name, each value its name, text or code;
        :meth:`unread` lists them for one note."""
        if self.ours:
            return
        for tag, elements in children.groups.items():
            if not isinstance(tag, str) or (tag in read and tag not in single):
                continue
            local = tag.rpartition("}")[2]
            rest = elements[1:] if tag in single else elements
            values = [v for v in map(value_of, rest) if v is not None]
            if values:
                self.add(PREFIX + local, "\n".join(" ".join(v.split()) for v in values))
                self.unread.append(local)

    def set(self, field: str, value: object, origin: Origin) -> None:
        """Take ``value`` for the story's ``field``, remembering where it was read."""
        self.fields[field] = value
        self.origins[field] = origin

    def add(self, key: str, value: str | None) -> None:
        """Keep ``value`` in extras (repeated keys gather their values, one a line)."""
        if value is None or not value.strip():
            return
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        self.extras[key] = f"{self.extras[key]}\n{value}" if key in self.extras else value

    def lenient(
        self, value: _T | None, ok: Callable[[object], bool], element: etree._Element, attribute: str | None
    ) -> _T | None:
        """``value`` if the model takes it; in another agency's item, else None with the
        value kept in extras and a note. Our own items keep it for the model to judge."""
        if value is None or self.ours or ok(value):
            return value
        self.kept(value, ok, element, attribute, _WHAT.get(ok, NOT_URI))
        return None

    def kept(
        self,
        value: _T,
        ok: Callable[[object], bool],
        element: etree._Element,
        attribute: str | None,
        what: str,
        *,
        inner: str = "",
    ) -> None:
        """Keep a refused ``value`` in extras with a note, placed at ``element`` (and
        ``attribute``, or ``inner``: a path inside text markup such as ``/p[1]/a[1]/@href``)."""
        _lenient.keep(
            value,
            ok,
            extras=self.extras,
            key=PREFIX + path(element, attribute, below=self.root) + inner,
            format=NAME,
            where=path(element, attribute) + inner,
            line=line_of(element),
            what=what,
        )

    def refuse(
        self, value: str, element: etree._Element, attribute: str | None, field: str, what: str
    ) -> None:
        """A value the reader cannot make a model value of: an error in our own items,
        kept in extras with a note in other agencies'."""
        if self.ours:
            raise refused(f"Story.{field}", f"{what}, got {value!r}", element, attribute)
        self.kept(value, never, element, attribute, what)

    def build(self, cls: Callable[..., _T], element: etree._Element, **values: Any) -> _T:
        """``cls(**values)``, its ValidationError placed at ``element``."""
        try:
            return cls(**values)
        except ValidationError as exc:
            raise located(exc, element) from None

    def when(self, element: etree._Element | None, field: str, *, day: bool = True) -> date | None:
        """The date and time of ``element``; a day (an ``xs:date``) is a :class:`~datetime.date`
        where ``day`` allows one, never an invented midnight."""
        text = None if element is None else element.text
        if element is None or text is None or not text.strip():
            return None
        value = text.strip()
        try:
            found = dates.parse_day(value, zoned=True)  # an xs:date may carry a zone
            if found is None:
                return dates.parse_lenient(value)
            if day:
                return found
            what = "a time, only a day"
        except ValueError:
            what = "an ISO 8601 date and time the model takes"
        self.refuse(value, element, None, field, f"not {what}")
        return None

    def placed(self, error: ValidationError) -> ValidationError:
        """``error`` (from the Story) with each problem placed where its field was read."""
        return error.placed(format=NAME, place=self._origin_of)

    def _origin_of(self, problem: Problem) -> tuple[str | None, int | None]:
        name, index = problem.field
        origin = self.origins.get(name)
        if isinstance(origin, list):
            origin = origin[index or 0] if (index or 0) < len(origin) else None
        element, attribute = origin if isinstance(origin, tuple) else (origin, None)
        return (None, None) if element is None else (path(element, attribute), line_of(element))

    def source(self, element: etree._Element, key: str) -> Source | None:
        name = self.name(element)
        code = element.get("literal") or element.get("qcode")
        if name is None and not self.ours and element.get("literal"):  # the literal is the name
            name, code = self.line(element.get("literal")), element.get("qcode")
        url = self.lenient(element.get("uri"), is_uri, element, "uri")
        if name is None and code is None:
            self.add(PREFIX + key, url)  # a party known only by its URI
            return None
        return self.build(Source, element, name=name, code=code, url=url)

    def link(self, href: str, element: etree._Element, inner: str | None) -> None:
        """A body link the model refuses in another agency's item: kept in extras with a
        note; ``inner`` is its path inside text markup (None: the element's ``href``)."""
        if inner is None:
            self.kept(href, is_uri, element, "href", NOT_URI)
        else:
            self.kept(href, is_uri, element, None, NOT_URI, inner=f"/{inner}")
