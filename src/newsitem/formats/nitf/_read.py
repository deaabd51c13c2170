"""Reading a NITF 3.x document (any namespace or none): the document-level ``head`` here
(``title``, ``meta``, ``tobject``, ``docdata``, ``pubdata``), the ``body`` through
:mod:`newsitem.formats.nitf._body`.

newsitem's own documents (``head/meta name="generator" content="newsitem"``) are read
exactly; others' have their layout whitespace collapsed, a value the model refuses is kept
in extras (``nitf.`` and its document path) with a note, and whatever has no home in the
model is kept in extras too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

from lxml import etree

from newsitem import dates
from newsitem.errors import ParseError, ValidationError
from newsitem.formats import _lenient
from newsitem.formats.newsmlg2._where import line_of, path
from newsitem.formats.nitf._names import GENERATOR, NAME, PREFIX, extras_key
from newsitem.model import PubStatus, Rights, Source, Story, Subject, is_language, is_uri

_T = TypeVar("_T")
_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})", re.ASCII)
STATUS = {status.value: status for status in PubStatus} | {"cancelled": PubStatus.CANCELED}
"""``docdata/@management-status`` values -> the model's status."""
_IPTC_SUBJECT = re.compile(r"\d{8}", re.ASCII)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local(element: etree._Element) -> str:
    """The element's local name ('' for a comment or processing instruction)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(element: etree._Element | None, *names: str) -> Iterator[etree._Element]:
    """The child elements of ``element`` with one of ``names`` in any namespace or none (every
    child element without names), filtered by lxml."""
    if element is None:
        return iter(())
    if names:
        return element.iterchildren(*("{*}" + name for name in names))
    return element.iterchildren(etree.Element)


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child element named ``name``."""
    return None if element is None else next(element.iterchildren("{*}" + name), None)


class Reader:
    """What every part of the document reader shares: the fields and extras gathered, the
    text rules and the leniency rule."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.head = child(root, "head")
        self.ours = any(
            m.get("name") == "generator" and m.get("content") == GENERATOR
            for m in children(self.head, "meta")
        )
        self.fields: dict[str, Any] = {}
        self.extras: dict[str, str] = {}
        self.more: dict[str, list[str]] = {}

    # --- text rules ------------------------------------------------------------------

    def line(self, value: str | None) -> str | None:
        """A single-line value: as written in our documents, whitespace collapsed in others'."""
        if value is None or self.ours:
            return value or None
        return " ".join(value.split()) or None

    def block(self, value: str | None) -> str | None:
        """A multi-line value: each line's whitespace collapsed in others', blank lines dropped."""
        if value is None or self.ours:
            return value or None
        lines = (" ".join(part.split()) for part in value.replace("\r", "\n").split("\n"))
        return "\n".join(line for line in lines if line) or None

    def text(self, element: etree._Element | None, *, skip: frozenset[str] = frozenset()) -> str | None:
        """The element's text (its descendants' too, comments and ``skip`` left out), as a line."""
        if element is None:
            return None
        return self.line("".join(text_of(element, skip)))

    # --- gathering -------------------------------------------------------------------

    def set(self, field: str, value: object) -> None:
        """Take ``value`` for ``field`` unless it is None or the field is already set."""
        if value is not None and field not in self.fields:
            self.fields[field] = value

    def add(self, element: etree._Element, value: str | None, attribute: str | None = None) -> None:
        """Keep another's ``value`` in extras under its path (repeated paths gather, one a line)."""
        value = None if value is None else self.block(value)
        if value is None:
            return
        self.gather(PREFIX + path(element, attribute, below=self.root), value)

    def gather(self, key: str, value: str) -> None:
        """Keep ``value`` in extras under ``key``; a repeated key gathers its values, one a
        line, joined once by :meth:`finish` (joining on each repeat was quadratic)."""
        if key not in self.extras:
            self.extras[key] = value
        elif key in self.more:
            self.more[key].append(value)
        else:
            self.more[key] = [self.extras[key], value]

    def finish(self) -> dict[str, str]:
        """The extras gathered, repeated keys' values joined."""
        for key, values in self.more.items():
            self.extras[key] = "\n".join(values)
        return self.extras

    def rest(self, element: etree._Element, *, but: tuple[str, ...] = ()) -> None:
        """Keep the attributes of another's ``element`` (those not in ``but``) in extras."""
        if self.ours:
            return
        for name, value in element.attrib.items():
            if name not in but:
                self.add(element, str(value), str(name).rpartition("}")[2])

    def lenient(
        self, value: _T | None, ok: Callable[[object], bool], element: etree._Element, attribute: str | None
    ) -> _T | None:
        """``value`` if the model takes it; in another's document, else None with the value
        kept in extras and a note. Our own documents keep it for the model to judge."""
        if value is None or self.ours or ok(value):
            return value
        _lenient.keep(
            value,
            ok,
            extras=self.extras,
            key=PREFIX + path(element, attribute, below=self.root),
            format=NAME,
            where=path(element, attribute),
            line=line_of(element),
            what="a value the model refuses",
        )
        return None

    def refuse(self, value: str, element: etree._Element, attribute: str, field: str, what: str) -> None:
        """A value the reader cannot make a model value of: an error in our own documents,
        kept in extras with a note in others'.

        Raises:
            ValidationError: in our own document, naming the field and placed at the value.
        """
        if self.ours:
            error = ValidationError.single(f"Story.{field}", f"{what}, got {value!r}")
            raise error.located(format=NAME, where=path(element, attribute), line=line_of(element))
        self.lenient(value, _lenient.never, element, attribute)

    def when(self, element: etree._Element, field: str, attribute: str = "norm") -> date | None:
        """The time of ``element``'s ``norm``: ISO 8601 basic or extended, the offset as
        written (naive stays naive), a day alone as a date."""
        value = element.get(attribute)
        if value is None or not value.strip():
            return None
        text = value.strip()
        try:
            day = _DAY.fullmatch(text)
            if day is not None:
                return date(*(int(part) for part in day.groups()))
            return dates.parse_lenient(text)
        except ValueError:
            what = "expected an ISO 8601 date or time (20240501T093000+0200, 2024-05-01T09:30:00+02:00)"
            self.refuse(text, element, attribute, field, what)
            return None

    # --- the head --------------------------------------------------------------------

    def head_fields(self) -> None:
        """The fields of ``head``: title, meta, tobject, docdata, pubdata, revision-history."""
        head = self.head
        if head is None:
            return
        from newsitem.formats.nitf import _docdata  # docdata's reader imports this module

        revisions = [e for e in children(head, "revision-history") if (e.get("norm") or "").strip()]
        if revisions:
            self.set("updated", self.when(revisions[-1], "updated"))
        for element in children(head):
            name = local(element)
            if name == "meta":
                self.meta(element)
            elif name == "tobject":
                self.tobject(element)
            elif name == "docdata":
                _docdata.read(self, element)
            elif name == "pubdata":
                self.pubdata(element)
            elif name == "revision-history" and revisions and element is revisions[-1]:
                self.rest(element, but=("norm",))  # the latest change is the update time
            elif name != "title" and not self.ours:
                self.rest(element)

    def meta(self, element: etree._Element) -> None:
        name, content = element.get("name"), element.get("content")
        if name is None or content is None or (name == "generator" and content == GENERATOR):
            return
        if name == "priority":
            self.set("priority", self.line(content))
        elif self.ours:
            self.extras[extras_key(name)] = content
        elif content.strip():
            key = PREFIX + "meta." + "_".join(name.split())
            self.gather(key, self.block(content) or content.strip())

    def tobject(self, element: etree._Element) -> None:
        self.rest(element)
        for part in children(element):
            if local(part) == "tobject.property":
                genre = self.line(part.get("tobject.property.type"))
                if "genre" in self.fields:
                    self.add(part, genre, "tobject.property.type")
                self.set("genre", genre)
            elif local(part) == "tobject.subject":
                self.tobject_subject(part)

    def tobject_subject(self, element: etree._Element) -> None:
        refnum = (element.get("tobject.subject.refnum") or "").strip()
        names = ("tobject.subject.detail", "tobject.subject.matter", "tobject.subject.type")
        name = next((n for n in (self.line(element.get(a)) for a in names) if n), None)
        code = f"subj:{refnum}" if _IPTC_SUBJECT.fullmatch(refnum) else None
        if code is None:
            self.add(element, refnum or None, "tobject.subject.refnum")
        self.rest(element, but=("tobject.subject.refnum", *names))
        if code is not None or name is not None:
            self.fields.setdefault("subjects", []).append(Subject(code=code, name=name))

    def pubdata(self, element: etree._Element) -> None:
        web = element.get("type") == "web"
        ref = self.line(element.get("ex-ref"))
        field = "url" if web else "source.url"
        name = self.line(element.get("name"))
        taken = [f for f, v in ((field, ref), ("source.name", name)) if v is not None and f in self.fields]
        if taken and not self.ours:
            self.rest(element)  # a second publication: kept whole in extras
            return
        if ref is not None:
            self.set(field, self.lenient(ref, is_uri, element, "ex-ref"))
        self.set("source.name", name)
        self.set("section", self.line(element.get("position.section")))
        but: tuple[str, ...] = ("type", "ex-ref", "name", "position.section", "date.publication")
        if not self.ours and element.get("date.publication") and "published" not in self.fields:
            self.fields["pubdata.published"] = self.when(element, "published", "date.publication")
        elif not self.ours:
            but = but[:-1]  # the publication date, when date.issue gives the time, is kept
        self.rest(element, but=but)


def text_of(element: etree._Element, skip: frozenset[str]) -> Iterator[str]:
    """The text of ``element`` and its descendants, in order, comments and ``skip`` left out."""
    if element.text:
        yield element.text
    for sub in element:
        if isinstance(sub.tag, str) and local(sub) not in skip:
            yield from text_of(sub, skip)
        if sub.tail:
            yield sub.tail


def read(root: etree._Element) -> Story:
    """The story of a ``nitf`` element.

    Raises:
        ParseError: not a NITF document, or one with nothing to show.
        ValidationError: a story the model refuses
            or a value the model refuses in our own document.
    """
    from newsitem.formats.nitf import _body  # the body's reader imports this module

    if local(root) != "nitf":
        message = f"the root element is <{local(root) or root.tag}>, not <nitf>: not a NITF document"
        raise ParseError(message, format=NAME, line=line_of(root))
    reader = Reader(root)
    if not reader.ours:
        reader.rest(root, but=("version", "change.date", "change.time", "baselang", _XML_LANG))
    language = root.get(_XML_LANG) or root.get("baselang")
    reader.set("language", reader.lenient(reader.line(language), is_language, root, "baselang"))
    reader.head_fields()
    _body.read(reader, child(root, "body"))
    title = child(reader.head, "title")
    if title is not None:
        text = reader.text(title)
        if "headline" not in reader.fields:
            reader.set("headline", text)
        elif not reader.ours and text != reader.fields["headline"]:
            reader.add(title, text)  # a page title of its own
    return _story(reader)


def _story(reader: Reader) -> Story:
    fields = reader.fields
    published = fields.pop("pubdata.published", None)
    if published is not None and "published" not in fields:
        fields["published"] = published
    ednotes = fields.pop("ednotes", None)
    if ednotes:
        fields["ednote"] = "\n".join(ednotes)
    evloc = fields.pop("evloc", None)
    if evloc is not None and "located" not in fields:
        fields["located"] = evloc
    name, url = fields.pop("source.name", None), fields.pop("source.url", None)
    code = fields.pop("source.code", None)
    if name is not None or code is not None:
        fields["source"] = Source(name=name, code=code, url=url)
    elif url is not None:
        reader.extras[PREFIX + "source.url"] = url
    rights = {k: fields.pop(f"rights.{k}") for k in ("notice", "holder", "terms") if f"rights.{k}" in fields}
    if rights:
        fields["rights"] = Rights(**rights)
    for many in ("subjects", "keywords", "bylines"):
        if many in fields:
            fields[many] = tuple(fields[many])
    if fields.get("headline") is None and not fields.get("body") and fields.get("summary") is None:
        message = (
            "the NITF document has nothing to show: no headline, body or summary (expected text in"
            " body.head/hedline/hl1, head/title, body.content or body.head/abstract)"
        )
        raise ParseError(message, format=NAME, line=line_of(reader.root))
    try:
        return Story(**fields, extras=reader.finish())
    except ValidationError as exc:
        raise exc.located(format=NAME) from None
