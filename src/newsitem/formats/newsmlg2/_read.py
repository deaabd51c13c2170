"""Reading a NewsML-G2 newsItem into a Story.

Our own documents (they declare the ``nitm`` scheme) are read exactly: a value the
model refuses is a :class:`~newsitem.errors.ValidationError` placed at its document
path and line. In other agencies' items, whitespace that is layout (indentation,
line breaks inside one-line values) is collapsed, empty values are absent, what
has no home in the model goes to ``extras`` under ``newsml-g2.``, and a value the
model refuses (a URI with a space, a malformed language tag, a time that is no
time) is kept there too, with a note (:func:`newsitem.formats._lenient.keep`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar, cast

from lxml import etree

from newsitem import dates, notes
from newsitem.errors import ValidationError
from newsitem.formats import _lenient
from newsitem.formats._decode import is_number
from newsitem.formats.newsmlg2 import _body
from newsitem.formats.newsmlg2._names import DEFAULT_PROVIDER, NAME, NITM, NO_GUID, PREFIX, N, T
from newsitem.formats.newsmlg2._where import line_of, located, path, refused
from newsitem.model import (
    Byline,
    Paragraph,
    PubStatus,
    Rights,
    Role,
    Source,
    Story,
    Subject,
    is_language,
    is_text,
    is_token,
    is_uri,
)

_T = TypeVar("_T")
_Origin = etree._Element | tuple[etree._Element, str] | list[etree._Element]

_SPACE = re.compile(r"\s+")
_FIELD = re.compile(r"Story\.(\w+)(?:\[(\d+)\])?")
_ROLE_FROM_QCODE = {f"nitm:{role.value}": role for role in Role}
_ROLE_FROM_QCODE.update({"cpprole:author": Role.AUTHOR, "cpprole:editor": Role.EDITOR})
_STATUSES = frozenset(status.value for status in PubStatus)
_KEPT_META = ("edNote", "profile", "service", "title", "signal")
_NOT_URI = "not an absolute URI"


def _never(value: object) -> bool:
    return False


def code_of(element: etree._Element) -> str | None:
    """The element's ``@qcode``, else its ``@uri``."""
    return element.get("qcode") or element.get("uri")


def item_class(item: etree._Element) -> str | None:
    """The code of the item's ``itemMeta/itemClass``."""
    element = item.find(f"{T.itemMeta}/{T.itemClass}")
    return None if element is None else code_of(element)


def is_text_item(item: etree._Element) -> bool:
    """Whether the item is a text item (``ninat:text``, its URI, older codes such as ``icls:text``)."""
    code = item_class(item)
    return code is None or re.split(r"[:/]", code)[-1] == "text"


class _Children:
    """An element's children grouped by tag in one pass, answering find and findall."""

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.groups: dict[str, list[etree._Element]] = {}
        for child in element:
            self.groups.setdefault(child.tag, []).append(child)

    def find(self, tag: str) -> etree._Element | None:
        found = self.groups.get(tag)
        return found[0] if found else None

    def findall(self, tag: str) -> list[etree._Element]:
        return self.groups.get(tag, [])


class _Reader:
    """One newsItem into a Story (see the module docstring for what is exact and what lenient)."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        catalog = root.find(T.catalog)
        self.ours = catalog is not None and any(
            s.get("alias") == "nitm" and s.get("uri") == NITM for s in catalog.iter(T.scheme)
        )
        self.fields: dict[str, Any] = {}
        self.origins: dict[str, _Origin] = {}
        self.extras: dict[str, str] = {}

    # --- text, places and the leniency rule ------------------------------------------

    def line(self, value: str | None) -> str | None:
        if value is None or self.ours:
            return value
        value = _SPACE.sub(" ", value).strip()
        return value or None

    def block(self, value: str | None) -> str | None:
        if value is None or self.ours:
            return value
        lines = [_SPACE.sub(" ", part).strip() for part in value.replace("\r", "\n").split("\n")]
        value = "\n".join(line for line in lines if line)
        return value or None

    def text_of(self, element: etree._Element | None, *, multiline: bool = False) -> str | None:
        if element is None:
            return None
        text = "".join(cast("Iterator[str]", element.itertext())) if len(element) else element.text
        return self.block(text) if multiline else self.line(text)

    def name(self, element: etree._Element | None) -> str | None:
        return None if element is None else self.text_of(element.find(T.name))

    def set(self, field: str, value: object, origin: _Origin) -> None:
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
        self.kept(value, ok, element, attribute, _NOT_URI if ok is is_uri else "a value the model refuses")
        return None

    def kept(
        self,
        value: _T,
        ok: Callable[[object], bool],
        element: etree._Element,
        attribute: str | None,
        what: str,
    ) -> None:
        _lenient.keep(
            value,
            ok,
            extras=self.extras,
            key=PREFIX + path(element, attribute, below=self.root),
            format=NAME,
            where=path(element, attribute),
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
        self.kept(value, _never, element, attribute, what)

    def build(self, cls: Callable[..., _T], element: etree._Element, **values: Any) -> _T:
        """``cls(**values)``, its ValidationError placed at ``element``."""
        try:
            return cls(**values)
        except ValidationError as exc:
            raise located(exc, element) from None

    def when(self, element: etree._Element | None, field: str) -> datetime | None:
        text = None if element is None else element.text
        if element is None or text is None or not text.strip():
            return None
        value = text.strip()
        try:
            parsed = dates.parse_lenient(value)
        except ValueError:
            reason: str | None = "not an ISO 8601 date and time"  # a truncated date (2024-05)
        else:
            reason = dates.check(parsed)
            if reason is None:
                return parsed
        self.refuse(value, element, None, field, reason or "")
        return None

    # --- the item ---------------------------------------------------------------------

    def story(self) -> Story:
        root = self.root
        self.identity()
        meta = root.find(T.itemMeta)
        if meta is None:
            raise refused("Story", "no itemMeta: not a NewsML-G2 newsItem", root, missing="itemMeta")
        if not is_text_item(root):
            found = meta.find(T.itemClass)
            raise refused(
                "Story",
                f"the item is a {item_class(root)}, not a text story; newsitem reads text items",
                meta if found is None else found,
            )
        self.item_meta(meta)
        content = root.find(T.contentMeta)
        if content is not None:
            self.content_meta(content)
        if "updated" not in self.fields and not self.ours:
            version_created = self.when(meta.find(T.versionCreated), "updated")
            if version_created != self.fields.get("published"):
                self.fields["updated"] = version_created
        rights = root.find(T.rightsInfo)
        if rights is not None:
            self.rights(rights)
        self.fields["body"] = self.paragraphs()
        if self.fields.get("headline") is None:
            missing = "headline" if content is not None else "contentMeta/headline"
            at = content if content is not None else root
            raise refused("Story.headline", "no headline: not a text story", at, missing=missing)
        try:
            return Story(**self.fields, extras=self.extras)
        except ValidationError as exc:
            raise self.placed(exc) from None

    def placed(self, error: ValidationError) -> ValidationError:
        """``error`` (from the Story) with each problem placed where its field was read."""
        problems = []
        for found_problem in error.problems:
            problem = found_problem
            found = _FIELD.match(problem.path)
            origin = None if found is None else self.origins.get(found.group(1))
            if isinstance(origin, list):
                index = int(found.group(2) or 0) if found is not None else 0
                origin = origin[index] if index < len(origin) else None
            element, attribute = origin if isinstance(origin, tuple) else (origin, None)
            if element is not None:
                problem = problem._replace(where=path(element, attribute), line=line_of(element))
            problems.append(problem)
        return ValidationError(problems, format=NAME)

    def identity(self) -> None:
        root = self.root
        guid = root.get("guid")
        if guid != NO_GUID:
            self.set("guid", self.lenient(guid, is_token, root, "guid"), (root, "guid"))
        version = root.get("version")
        if version is not None:
            if is_number(version) and int(version) >= 1:
                self.fields["version"] = int(version)
            else:
                self.refuse(version, root, "version", "version", "expected a positive integer")

    def item_meta(self, element: etree._Element) -> None:
        meta = _Children(element)
        provider = meta.find(T.provider)
        if provider is not None and provider.get("literal") != DEFAULT_PROVIDER:
            self.fields["provider"] = self.source(provider, "provider")
        self.fields["published"] = self.when(meta.find(T.firstCreated), "published")
        self.fields["embargoed"] = self.when(meta.find(T.embargoed), "embargoed")
        status = meta.find(T.pubStatus)
        qcode = None if status is None else code_of(status)
        if status is not None and qcode:
            code = qcode.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
            if code in _STATUSES:
                self.fields["status"] = code
            else:
                attribute = "qcode" if status.get("qcode") else "uri"
                self.refuse(qcode, status, attribute, "status", "not a publishing status (stat:usable...)")
        for link in meta.findall(T.link):
            href = link.get("href")
            if link.get("rel") == "irel:seeAlso" and href:
                self.set("url", self.lenient(href, is_uri, link, "href"), (link, "href"))
                break
        for tag in _KEPT_META:
            found = [self.text_of(e) or code_of(e) for e in meta.findall(N + tag)]
            self.add(PREFIX + tag, "\n".join(v for v in found if v))

    def source(self, element: etree._Element, key: str) -> Source | None:
        name = self.name(element)
        code = element.get("literal") or element.get("qcode")
        url = self.lenient(element.get("uri"), is_uri, element, "uri")
        if name is None and code is None:
            self.add(PREFIX + key, url)  # a party known only by its URI
            return None
        return self.build(Source, element, name=name, code=code, url=url)

    def rights(self, element: etree._Element) -> None:
        terms = element.find(T.usageTerms)
        values = {
            "holder": self.name(element.find(T.copyrightHolder)),
            "notice": self.text_of(element.find(T.copyrightNotice), multiline=True),
            "terms": self.text_of(terms, multiline=True),
            "license": None if terms is None else self.lenient(terms.get("href"), is_uri, terms, "href"),
        }
        if any(v is not None for v in values.values()):
            self.fields["rights"] = self.build(Rights, element, **values)

    def paragraphs(self) -> list[Paragraph]:
        for inline in self.root.iter(T.inlineXML):
            paragraphs = _body.read_inline(inline, ours=self.ours, keep=self.link)
            if paragraphs:
                return paragraphs
            break  # the first inlineXML is the story's body
        for data in self.root.iter(T.inlineData):
            # Some agencies send the body as text (or HTML as text) in inlineData.
            return _body.read_data(data, keep=self.link)
        return []

    def link(self, href: str, element: etree._Element, inner: str | None) -> str | None:
        """A body link the model refuses: kept with a note (another agency's item), or
        left for the model to refuse (ours); ``inner`` is its path inside text markup."""
        if self.ours:
            return href
        if inner is None:
            self.kept(href, is_uri, element, "href", _NOT_URI)
            return None
        where = f"{path(element)}/{inner}"
        _lenient.keep(
            href,
            is_uri,
            extras=self.extras,
            key=f"{PREFIX}{path(element, below=self.root)}/{inner}",
            format=NAME,
            where=where,
            line=line_of(element),
            what=_NOT_URI,
        )
        return None

    # --- contentMeta ------------------------------------------------------------------

    def content_meta(self, element: etree._Element) -> None:
        content = _Children(element)
        self.circumstances(content)
        self.people(element)
        self.classification(content)
        self.headlines(content)
        self.texts(content)
        for prop in content.findall(T.contentMetaExtProperty):
            self.property(prop)

    def circumstances(self, content: _Children) -> None:
        """Urgency, modification time, dateline and source."""
        urgency = content.find(T.urgency)
        text = None if urgency is None else urgency.text
        if urgency is not None and text is not None and text.strip():
            if is_number(text) and 1 <= int(text) <= 9:
                self.fields["urgency"] = int(text)
            else:
                self.refuse(text.strip(), urgency, None, "urgency", "expected an urgency from 1 to 9")
        updated = self.when(content.find(T.contentModified), "updated")
        if updated is not None:
            self.fields["updated"] = updated
        located_at, dateline_at = content.find(T.located), content.find(T.dateline)
        place, dateline = self.name(located_at), self.text_of(dateline_at)
        if place is not None and located_at is not None:
            self.set("dateline", place, located_at)
            self.add(PREFIX + "dateline", dateline)
        elif dateline_at is not None:
            self.set("dateline", dateline, dateline_at)
        sources = content.findall(T.infoSource)
        origin = next(
            (e for e in sources if "origcont" in (e.get("role") or "")), sources[0] if sources else None
        )
        if origin is not None:
            self.fields["source"] = self.source(origin, "infoSource")

    def people(self, content: etree._Element) -> None:
        bylines = []
        for element in content:
            if element.tag == T.creator:
                role = Role.AUTHOR
            elif element.tag == T.contributor:
                role = _ROLE_FROM_QCODE.get(element.get("role") or "", Role.CONTRIBUTOR)
            else:
                continue
            byline = self.person(element, role)
            if byline is not None:
                bylines.append(byline)
        self.fields["bylines"] = bylines

    def person(self, element: etree._Element, role: Role) -> Byline | None:
        name = self.name(element)
        if name is None:
            return None
        title = None
        for note in element.findall(T.note):
            if note.get("role") == "nitm:bylineRole":
                title = self.text_of(note)
        if title is None and element.get("jobtitle"):
            self.add(PREFIX + path(element, "jobtitle", below=self.root), element.get("jobtitle"))
        affiliation = self.name(element.find(f"{T.personDetails}/{T.affiliation}"))
        return self.build(Byline, element, name=name, role=role, title=title, affiliation=affiliation)

    def classification(self, content: _Children) -> None:
        """Language, genre, subjects, keywords and slugline."""
        language = content.find(T.language)
        if language is not None and language.get("tag"):
            self.set("language", self.lenient(language.get("tag"), is_language, language, "tag"), language)
        genre = content.find(T.genre)
        if genre is not None:
            self.set("genre", self.name(genre) or code_of(genre), genre)
        subjects = []
        for subject in content.findall(T.subject):
            attribute = "qcode" if subject.get("qcode") else "uri"
            code = self.lenient(code_of(subject), is_uri, subject, attribute)
            name = self.name(subject)
            if code is not None or name is not None:
                subjects.append(self.build(Subject, subject, code=code, name=name))
        self.fields["subjects"] = subjects
        elements = content.findall(T.keyword)
        keywords = [(k, e) for k, e in ((self.text_of(e), e) for e in elements) if k]
        self.set("keywords", [k for k, _ in keywords], [e for _, e in keywords])
        slugline = content.find(T.slugline)
        if slugline is not None:
            self.set("slugline", self.text_of(slugline), slugline)

    def headlines(self, content: _Children) -> None:
        for headline in content.findall(T.headline):
            role = headline.get("role")
            text = self.text_of(headline)
            if role is None and self.fields.get("headline") is None:
                self.set("headline", text, headline)
            elif role == "nitm:subheadline" and self.fields.get("subheadline") is None:
                self.set("subheadline", text, headline)
            else:
                key = role if role is not None and is_token(role) else "other"
                self.add(f"{PREFIX}headline.{key}", text)

    def texts(self, content: _Children) -> None:
        """Summary, by line and credit line."""
        for description in content.findall(T.description):
            if description.get("role") in (None, "drol:summary") and self.fields.get("summary") is None:
                self.set("summary", self.text_of(description, multiline=True), description)
        if not self.ours:
            self.add(PREFIX + "by", "\n".join(b for b in map(self.text_of, content.findall(T.by)) if b))
        credit = [c for c in map(self.text_of, content.findall(T.creditline)) if c]
        self.add(PREFIX + "creditline", "\n".join(credit))

    def property(self, prop: etree._Element) -> None:
        """A ``contentMetaExtProperty``: section, priority, an extras entry, or another's value."""
        rel = prop.get("rel")
        if rel == "nitm:section":
            self.set("section", self.line(prop.get("value")), (prop, "value"))
        elif rel == "nitm:priority":
            self.set("priority", self.line(prop.get("value")), (prop, "value"))
        elif rel == "nitm:extra" and prop.get("literal"):
            key, value = prop.get("literal") or "", prop.get("value") or ""
            if is_token(key) and is_text(value) and key not in self.extras:
                self.extras[key] = value
            elif self.ours:
                problem = "a key without spaces, once," if not is_token(key) or key in self.extras else "text"
                raise refused(f"Story.extras[{key!r}]", f"expected {problem} got {value!r}", prop)
            else:
                self.kept(f"{key}={value}", _never, prop, None, "an extras entry the model refuses")
        elif rel:
            key = rel if is_token(rel) else path(prop, "rel", below=self.root)
            self.add(PREFIX + key, prop.get("value") or prop.get("literal") or prop.get("qcode"))


def read(root: etree._Element) -> Story:
    """The story of a newsItem, or of the first text item of a newsMessage (the others are
    noted as not read).

    Raises:
        ValidationError: not a text item, or a value the model refuses in our own item.
    """
    if root.tag == T.newsMessage:
        items = list(root.iter(T.newsItem))
        text_items = [item for item in items if is_text_item(item)]
        if not text_items:
            kinds = sorted({item_class(item) or "?" for item in items}) or ["no newsItem at all"]
            raise refused("Story", f"no text newsItem in it (found: {', '.join(kinds)})", root)
        others = [f"{item.get('guid')} ({item_class(item)})" for item in items if item is not text_items[0]]
        if others:
            notes.add(
                notes.Note(
                    code="unreadable",
                    message=f"the newsMessage holds {len(others)} more items, not read: {'; '.join(others)}",
                    format=NAME,
                    where=path(root),
                    line=line_of(root),
                )
            )
        return _Reader(text_items[0]).story()
    if root.tag != T.newsItem:
        found = etree.QName(root)
        what = f"<{found.localname}> ({found.namespace})"
        raise refused("Story", f"expected a NewsML-G2 newsItem, got {what}; not a text story", root)
    return _Reader(root).story()
