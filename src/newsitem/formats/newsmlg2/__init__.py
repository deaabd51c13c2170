"""NewsML-G2 2.35: a newsItem (conformance power) with a NITF 3.6 body, written and read.

Every model field has one authoritative place (the docs page
``formats/newsml-g2`` has the table); the ``by`` line, ``versionCreated`` and
the root ``xml:lang`` are derived for consumers and ignored on reading. Fields
NewsML-G2 has no element for use our own scheme ``nitm`` (declared inline):
the subheadline (``headline role="nitm:subheadline"``), a byline's job title
(``note role="nitm:bylineRole"``), non-author roles (``contributor
role="nitm:submitter"``...), and ``contentMetaExtProperty`` for the section,
the priority code and each ``extras`` entry.

Parsing uses lxml with no network, no DTD and no entity expansion.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime, tzinfo
from types import SimpleNamespace
from typing import Any

from lxml import etree

from newsitem import dates
from newsitem.errors import ParseError, SerializeError, ValidationError
from newsitem.formats._decode import is_number as _is_number
from newsitem.formats._markup import body_html, body_text
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.newsmlg2._names import (
    CATALOG,
    DEFAULT_PROVIDER,
    NAME,
    NAR,
    NITF,
    NITM,
    NO_GUID,
    UNKNOWN_TIME,
    XML,
    F,
    N,
)
from newsitem.model import Byline, Paragraph, PubStatus, Rights, Role, Run, Source, Story, Subject

__all__ = ["dumps", "loads", "sniff"]

_N = N
_F = F
_URI_SCHEMES = frozenset({"http", "https", "urn", "tag", "mailto", "ftp", "file", "data", "info"})
_MAX_BYTES = 50_000_000


def _q(tag: str) -> str:
    return _N + tag


def _sub(parent: Any, local: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, _N + local, attributes)
    if text is not None:
        element.text = text
    return element


def _named(parent: Any, local: str, name: str | None, **attributes: str) -> Any:
    element = _sub(parent, local, **attributes)
    if name is not None:
        _sub(element, "name", name)
    return element


def _code_attribute(code: str) -> dict[str, str]:
    scheme = code.split(":", 1)[0].lower()
    return {"uri": code} if scheme in _URI_SCHEMES else {"qcode": code}


def _time(value: datetime) -> str:
    return dates.format_iso(value)


# --- writing -------------------------------------------------------------------------------


def _party(parent: Any, local: str, source: Source, **attributes: str) -> None:
    if source.code is not None:
        attributes["literal"] = source.code
    if source.url is not None:
        attributes["uri"] = source.url
    _named(parent, local, source.name, **attributes)


def _rights(root: Any, rights: Rights) -> None:
    info = _sub(root, "rightsInfo")
    if rights.holder is not None:
        _named(info, "copyrightHolder", rights.holder)
    if rights.notice is not None:
        _sub(info, "copyrightNotice", rights.notice)
    if rights.terms is not None or rights.license is not None:
        attributes = {} if rights.license is None else {"href": rights.license}
        _sub(info, "usageTerms", rights.terms, **attributes)


def _item_meta(root: Any, story: Story, provider: Source | None) -> None:
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:text")
    if provider is None:
        _sub(meta, "provider", literal=DEFAULT_PROVIDER)
    else:
        _party(meta, "provider", provider)
    derived = story.updated or story.published
    _sub(meta, "versionCreated", UNKNOWN_TIME if derived is None else _time(derived))
    if story.published is not None:
        _sub(meta, "firstCreated", _time(story.published))
    if story.embargoed is not None:
        _sub(meta, "embargoed", _time(story.embargoed))
    _sub(meta, "pubStatus", qcode=f"stat:{story.status.value}")
    if story.url is not None:
        _sub(meta, "link", rel="irel:seeAlso", contenttype="text/html", href=story.url)


def _people(content: Any, story: Story) -> None:
    for byline in story.bylines:
        if byline.role is Role.AUTHOR:
            person = _named(content, "creator", byline.name, type="cpnat:person", role="cpprole:author")
        else:
            person = _named(
                content, "contributor", byline.name, type="cpnat:person", role=f"nitm:{byline.role.value}"
            )
        if byline.title is not None:
            _sub(person, "note", byline.title, role="nitm:bylineRole")
        if byline.affiliation is not None:
            details = _sub(person, "personDetails")
            _named(details, "affiliation", byline.affiliation, type="cpnat:organisation")


def _content_meta(root: Any, story: Story) -> None:
    content = _sub(root, "contentMeta")
    if story.urgency is not None:
        _sub(content, "urgency", str(story.urgency))
    if story.updated is not None:
        _sub(content, "contentModified", _time(story.updated))
    if story.dateline is not None:
        _named(content, "located", story.dateline, type="cpnat:geoArea")
    if story.source is not None:
        _party(content, "infoSource", story.source, role="cpprole:origcont")
    _people(content, story)
    if story.language is not None:
        _sub(content, "language", tag=story.language)
    if story.genre is not None:
        _named(content, "genre", story.genre)
    for subject in story.subjects:
        attributes = {} if subject.code is None else _code_attribute(subject.code)
        _named(content, "subject", subject.name, **attributes)
    for keyword in story.keywords:
        _sub(content, "keyword", keyword)
    if story.slugline is not None:
        _sub(content, "slugline", story.slugline)
    _sub(content, "headline", story.headline)
    if story.subheadline is not None:
        _sub(content, "headline", story.subheadline, role="nitm:subheadline")
    authors = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    if authors:
        _sub(content, "by", "By " + _wire.join_names(authors))
    if story.summary is not None:
        _sub(content, "description", story.summary, role="drol:summary")
    if story.section is not None:
        _sub(content, "contentMetaExtProperty", rel="nitm:section", value=story.section)
    if story.priority is not None:
        _sub(content, "contentMetaExtProperty", rel="nitm:priority", value=story.priority)
    for key, value in story.extras.items():
        _sub(content, "contentMetaExtProperty", rel="nitm:extra", literal=key, value=value)


def _nitf_run(parent: Any, run: Run) -> None:
    target = parent
    if run.link is not None:
        target = etree.SubElement(target, _F + "a", href=run.link)
    if run.strong:
        target = etree.SubElement(target, _F + "em", {"class": "bold"})
    if run.emphasis:
        target = etree.SubElement(target, _F + "em", {"class": "italic"})
    if target is parent:
        children = len(parent)
        if children:
            last = parent[children - 1]
            last.tail = (last.tail or "") + run.text
        else:
            parent.text = (parent.text or "") + run.text
    else:
        target.text = run.text


def _body(root: Any, story: Story) -> None:
    if not story.body:
        return
    content_set = _sub(root, "contentSet")
    inline = _sub(content_set, "inlineXML", contenttype="application/nitf+xml")
    nitf = etree.SubElement(inline, _F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, _F + "body"), _F + "body.content")
    for paragraph in story.body:
        p = etree.SubElement(body_content, _F + "p")
        for run in paragraph.runs:
            _nitf_run(p, run)


def to_tree(story: Story, *, provider: Source | None = None) -> Any:
    """The newsItem as an lxml element tree (see :func:`dumps`)."""
    attributes = {
        "guid": story.guid or NO_GUID,
        "standard": "NewsML-G2",
        "standardversion": "2.35",
        "conformance": "power",
    }
    if story.version != 1:
        attributes["version"] = str(story.version)
    if story.language is not None:
        attributes["{" + XML + "}lang"] = story.language
    root = etree.Element(_q("newsItem"), attributes, nsmap={None: NAR})  # type: ignore[dict-item]
    _sub(root, "catalogRef", href=CATALOG)
    _sub(_sub(root, "catalog"), "scheme", alias="nitm", uri=NITM)
    if story.rights is not None:
        _rights(root, story.rights)
    _item_meta(root, story, provider if provider is not None else story.provider)
    _content_meta(root, story)
    _body(root, story)
    return root


def dumps(story: Story, *, lossy: bool = False, provider: Source | None = None) -> bytes:
    """Write ``story`` as a NewsML-G2 2.35 newsItem (UTF-8 bytes with an XML declaration).

    Args:
        story: The story.
        lossy: Accepted and ignored: NewsML-G2 carries every field of the model
            (``loads(dumps(story)) == story``).
        provider: The provider to name (NewsML-G2 requires one); defaults to
            ``story.provider``, else the literal ``newsitem:unspecified``, which
            reads back as no provider.
    """
    if not isinstance(story, Story):
        raise TypeError(f"dumps() takes a Story, got {type(story).__name__}")
    root = to_tree(story, provider=provider)
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    except ValueError as exc:  # pragma: no cover - the model admits only XML-safe text
        raise SerializeError(str(exc)) from None
    return data


# --- reading ---------------------------------------------------------------------------

# Clark names of the elements read, computed once.
_T = SimpleNamespace(
    **{
        local: _N + local
        for local in (
            "by",
            "catalog",
            "contentMeta",
            "contentMetaExtProperty",
            "contentModified",
            "contributor",
            "copyrightHolder",
            "copyrightNotice",
            "creator",
            "creditline",
            "dateline",
            "description",
            "embargoed",
            "firstCreated",
            "genre",
            "headline",
            "infoSource",
            "inlineData",
            "inlineXML",
            "itemMeta",
            "keyword",
            "language",
            "link",
            "located",
            "name",
            "newsItem",
            "newsMessage",
            "note",
            "provider",
            "pubStatus",
            "rightsInfo",
            "scheme",
            "slugline",
            "subject",
            "urgency",
            "usageTerms",
            "versionCreated",
        )
    }
)


_PARSERS = threading.local()


def _parse(data: str | bytes) -> Any:
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > _MAX_BYTES:
        raise ParseError(
            f"the document is {len(raw):,} bytes; newsitem reads NewsML-G2 items up to {_MAX_BYTES:,}",
            format=NAME,
        )
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise ParseError(
            "a DOCTYPE or entity declaration: refused (no DTDs, no entity expansion)", format=NAME
        )
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:  # lxml parsers are not shared between threads
        parser = _PARSERS.parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
        )
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ParseError(f"malformed XML: {exc.msg}", format=NAME, line=line, column=column) from None


_SPACE = re.compile(r"\s+")
_ROLE_FROM_QCODE = {f"nitm:{role.value}": role for role in Role}
_ROLE_FROM_QCODE.update({"cpprole:author": Role.AUTHOR, "cpprole:editor": Role.EDITOR})


def _code(element: Any) -> str | None:
    return element.get("qcode") or element.get("uri")  # type: ignore[no-any-return]


def _item_class(item: Any) -> str | None:
    element = item.find(f"{_q('itemMeta')}/{_q('itemClass')}")
    return None if element is None else _code(element)


def _is_text(item: Any) -> bool:
    # ninat:text, its URI, and older codes such as icls:text
    code = _item_class(item)
    return code is None or re.split(r"[:/]", code)[-1] == "text"


_STATUSES = frozenset(status.value for status in PubStatus)
_KEPT_META = ("edNote", "profile", "service", "title", "signal")


class _Children:
    """An element's children grouped by tag in one pass, answering find/findall and iteration."""

    def __init__(self, element: Any) -> None:
        self.element = element
        self.groups: dict[str, list[Any]] = {}
        for child in element:
            self.groups.setdefault(child.tag, []).append(child)

    def find(self, tag: str) -> Any:
        found = self.groups.get(tag)
        return found[0] if found else None

    def findall(self, tag: str) -> list[Any]:
        return self.groups.get(tag, [])

    def __iter__(self) -> Any:
        return iter(self.element)


class _Reader:
    """One newsItem into a Story.

    Our own documents (they declare the ``nitm`` scheme) are read exactly. In
    other agencies' items, whitespace that is layout (indentation, line breaks
    inside one-line values) is collapsed, empty values are absent, and what
    has no home in the model goes to ``extras`` under ``g2.``.
    """

    def __init__(self, root: Any) -> None:
        self.root = root
        catalog = root.find(_T.catalog)
        self.ours = catalog is not None and any(
            s.get("alias") == "nitm" and s.get("uri") == NITM for s in catalog.iter(_T.scheme)
        )
        self.fields: dict[str, Any] = {}
        self.extras: dict[str, str] = {}

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

    def text_of(self, element: Any, *, multiline: bool = False) -> str | None:
        if element is None:
            return None
        text = "".join(element.itertext()) if len(element) else element.text
        return self.block(text) if multiline else self.line(text)

    def name(self, element: Any) -> str | None:
        return None if element is None else self.text_of(element.find(_T.name))

    def when(self, element: Any, where: str) -> datetime | None:
        text = None if element is None else element.text
        if text is None or not text.strip():
            return None
        value = text.strip()
        try:
            parsed = dates.parse_lenient(value)
        except ValueError:
            self.extras[f"g2.{where}"] = value  # a truncated date (2024-05) is no datetime: kept as sent
            return None
        reason = dates.check(parsed)
        if reason is not None:
            raise ValidationError.single(where, reason)
        return parsed

    def source(self, element: Any, where: str) -> Source | None:
        name = self.name(element)
        code = element.get("literal") or element.get("qcode")
        url = element.get("uri")
        if name is None and code is None:
            if url is not None:
                self.extras[f"g2.{where}"] = url
            return None
        return Source(name=name, code=code, url=url)

    def person(self, element: Any, role: Role) -> Byline | None:
        name = self.name(element)
        if name is None:
            return None
        title = None
        for note in element.findall(_T.note):
            if note.get("role") == "nitm:bylineRole":
                title = self.text_of(note)
        if title is None and element.get("jobtitle"):
            self.extras[f"g2.jobtitle.{name}"] = element.get("jobtitle")
        affiliation = self.name(element.find(f"{_q('personDetails')}/{_q('affiliation')}"))
        return Byline(name=name, role=role, title=title, affiliation=affiliation)

    def story(self) -> Story:
        root, fields = self.root, self.fields
        guid = root.get("guid")
        fields["guid"] = None if guid == NO_GUID else guid
        version = root.get("version")
        if version is not None:
            if not _is_number(version):
                raise ValidationError.single(
                    "newsItem/@version", f"expected a positive integer, got {version!r}"
                )
            fields["version"] = int(version)
        meta = root.find(_T.itemMeta)
        if meta is None:
            raise ValidationError.single("newsItem", "no itemMeta: not a NewsML-G2 newsItem")
        if not _is_text(root):
            raise ValidationError.single(
                "newsItem/itemMeta/itemClass",
                f"the item is a {_item_class(root)}, not a text story; newsitem reads text items",
            )
        self.item_meta(meta)
        content = root.find(_T.contentMeta)
        if content is not None:
            self.content_meta(content)
        if "updated" not in fields and not self.ours:
            version_created = self.when(meta.find(_T.versionCreated), "versionCreated")
            if version_created != fields.get("published"):
                fields["updated"] = version_created
        rights = root.find(_T.rightsInfo)
        if rights is not None:
            self.rights(rights)
        fields["body"] = self.paragraphs()
        if fields.get("headline") is None:
            raise ValidationError.single("newsItem/contentMeta/headline", "no headline: not a text story")
        return Story(**fields, extras=self.extras)

    def item_meta(self, meta: Any) -> None:
        fields = self.fields
        meta = _Children(meta)
        provider = meta.find(_T.provider)
        if provider is not None and provider.get("literal") != DEFAULT_PROVIDER:
            fields["provider"] = self.source(provider, "provider")
        fields["published"] = self.when(meta.find(_T.firstCreated), "firstCreated")
        fields["embargoed"] = self.when(meta.find(_T.embargoed), "embargoed")
        status = meta.find(_T.pubStatus)
        if status is not None:
            code = (_code(status) or "").rsplit(":", 1)[-1].rsplit("/", 1)[-1]
            if code in _STATUSES:
                fields["status"] = code
            else:
                self.extras["g2.pubStatus"] = _code(status) or ""
        for link in meta.findall(_T.link):
            if link.get("rel") == "irel:seeAlso" and link.get("href") and "url" not in fields:
                fields["url"] = link.get("href")
        for tag in _KEPT_META:
            found = [self.text_of(e) or _code(e) for e in meta.findall(_N + tag)]
            values = [v for v in found if v]
            if values:
                self.extras[f"g2.{tag}"] = "\n".join(values)

    def content_meta(self, content: Any) -> None:  # noqa: PLR0915 - field by field
        fields, extras = self.fields, self.extras
        content = _Children(content)
        urgency = content.find(_T.urgency)
        if urgency is not None and urgency.text and _is_number(urgency.text):
            fields["urgency"] = int(urgency.text)
        updated = self.when(content.find(_T.contentModified), "contentModified")
        if updated is not None:
            fields["updated"] = updated
        located = self.name(content.find(_T.located))
        dateline = self.text_of(content.find(_T.dateline))
        fields["dateline"] = located or dateline
        if located is not None and dateline is not None:
            extras["g2.dateline"] = dateline
        sources = content.findall(_T.infoSource)
        origin = next(
            (e for e in sources if "origcont" in (e.get("role") or "")), sources[0] if sources else None
        )
        if origin is not None:
            fields["source"] = self.source(origin, "infoSource")
        bylines = []
        for element in content:
            if element.tag == _T.creator:
                role = Role.AUTHOR
            elif element.tag == _T.contributor:
                role = _ROLE_FROM_QCODE.get(element.get("role") or "", Role.CONTRIBUTOR)
            else:
                continue
            byline = self.person(element, role)
            if byline is not None:
                bylines.append(byline)
        fields["bylines"] = bylines
        language = content.find(_T.language)
        if language is not None and language.get("tag"):
            fields["language"] = language.get("tag")
        genre = content.find(_T.genre)
        if genre is not None:
            fields["genre"] = self.name(genre) or _code(genre)
        fields["subjects"] = [
            Subject(code=_code(subject), name=self.name(subject))
            for subject in content.findall(_T.subject)
            if _code(subject) or self.name(subject)
        ]
        fields["keywords"] = [k for k in (self.text_of(e) for e in content.findall(_T.keyword)) if k]
        fields["slugline"] = self.text_of(content.find(_T.slugline))
        self.headlines(content)
        for description in content.findall(_T.description):
            if description.get("role") in (None, "drol:summary") and fields.get("summary") is None:
                fields["summary"] = self.text_of(description, multiline=True)
        by = [b for b in (self.text_of(e) for e in content.findall(_T.by)) if b]
        if by and not self.ours:
            extras["g2.by"] = "\n".join(by)
        credit = [c for c in (self.text_of(e) for e in content.findall(_T.creditline)) if c]
        if credit:
            extras["g2.creditline"] = "\n".join(credit)
        for prop in content.findall(_T.contentMetaExtProperty):
            rel = prop.get("rel")
            if rel == "nitm:section":
                fields["section"] = prop.get("value")
            elif rel == "nitm:priority":
                fields["priority"] = prop.get("value")
            elif rel == "nitm:extra" and prop.get("literal"):
                extras[prop.get("literal")] = prop.get("value") or ""
            elif rel:
                extras[f"g2.{rel}"] = prop.get("value") or prop.get("literal") or prop.get("qcode") or ""

    def headlines(self, content: Any) -> None:
        for headline in content.findall(_T.headline):
            role = headline.get("role")
            text = self.text_of(headline)
            if role is None and self.fields.get("headline") is None:
                self.fields["headline"] = text
            elif role == "nitm:subheadline" and self.fields.get("subheadline") is None:
                self.fields["subheadline"] = text
            elif text:
                self.extras[f"g2.headline.{role or 'other'}"] = text

    def rights(self, rights: Any) -> None:
        terms = rights.find(_T.usageTerms)
        values = {
            "holder": self.name(rights.find(_T.copyrightHolder)),
            "notice": self.text_of(rights.find(_T.copyrightNotice), multiline=True),
            "terms": self.text_of(terms, multiline=True),
            "license": None if terms is None else terms.get("href"),
        }
        if any(v is not None for v in values.values()):
            self.fields["rights"] = Rights(**values)

    def paragraphs(self) -> list[Paragraph]:
        paragraphs = self.inline_xml()
        if paragraphs:
            return paragraphs
        for data in self.root.iter(_T.inlineData):
            # Some agencies send the body as text (or HTML as text) in inlineData.
            text = data.text or ""
            found = body_html(text) if "<p" in text else body_text(text)
            return [Paragraph(runs=_tidy(list(p.runs))) for p in found if _tidy(list(p.runs))]
        return []

    def inline_xml(self) -> list[Paragraph]:
        paragraphs = []
        for inline in self.root.iter(_T.inlineXML):
            # NITF, XHTML, or HTML left in the NAR namespace (as some agencies send it)
            for p in inline.iter("{*}p"):
                if len(p) == 0 and self.ours and p.text:
                    paragraphs.append(Paragraph.plain(p.text))  # a plain paragraph: no runs to gather
                    continue
                runs: list[Run] = []
                _runs(p, (False, False, None), runs)
                if not self.ours:
                    runs = _tidy(runs)
                if "".join(r.text for r in runs).strip():
                    paragraphs.append(Paragraph(runs=runs))
            break  # the first inlineXML is the story's body
        return paragraphs


def _tidy(runs: list[Run]) -> list[Run]:
    """Collapse layout whitespace in another agency's paragraph, keeping the marks."""
    out = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if run is runs[0]:
            text = text.lstrip()
        if run is runs[-1]:
            text = text.rstrip()
        if text:
            out.append(Run(text=text, emphasis=run.emphasis, strong=run.strong, link=run.link))
    return out


def _runs(element: Any, marks: tuple[bool, bool, str | None], out: list[Run]) -> None:
    emphasis, strong, link = marks
    if element.text:
        out.append(Run(text=element.text, emphasis=emphasis, strong=strong, link=link))
    for child in element:
        if isinstance(child.tag, str):
            local = etree.QName(child).localname
            child_marks = marks
            if local == "em":
                css = (child.get("class") or "italic").split()
                child_marks = (emphasis or "bold" not in css, strong or "bold" in css, link)
            elif local in ("strong", "b"):
                child_marks = (emphasis, True, link)
            elif local == "i":
                child_marks = (True, strong, link)
            elif local == "a" and ":" in (child.get("href") or ""):
                child_marks = (emphasis, strong, child.get("href"))
            elif local == "br":
                out.append(Run(text="\n", emphasis=emphasis, strong=strong, link=link))
            _runs(child, child_marks, out)
        if child.tail:
            out.append(Run(text=child.tail, emphasis=emphasis, strong=strong, link=link))


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a NewsML-G2 newsItem."""
    head = text[:4000]
    if "<newsItem" in head and NAR in head:
        return 0.99, "an XML newsItem in the NewsML-G2 namespace"
    return None


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a NewsML-G2 newsItem, or the first text item of a newsMessage.

    Args:
        data: The document, as bytes (their XML declaration or byte-order mark
            names the encoding, UTF-8 otherwise) or text.
        tz: Accepted and ignored: NewsML-G2 times carry their own offsets (a time
            written without one stays naive).

    Raises:
        ParseError: not well-formed XML, a DTD or entity declaration, or too large.
        ValidationError: not a text newsItem, or a value the model refuses.
    """
    root = _parse(data)
    if root.tag == _T.newsMessage:
        items = list(root.iter(_T.newsItem))
        text_items = [item for item in items if _is_text(item)]
        if not text_items:
            kinds = sorted({_item_class(item) or "?" for item in items}) or ["no newsItem at all"]
            raise ValidationError.single("newsMessage", f"no text newsItem in it (found: {', '.join(kinds)})")
        reader = _Reader(text_items[0])
        others = [f"{item.get('guid')} ({_item_class(item)})" for item in items if item is not text_items[0]]
        if others:
            reader.extras["g2.otherItems"] = "\n".join(others)
        return reader.story()
    if root.tag != _T.newsItem:
        found = etree.QName(root)
        raise ValidationError.single(
            "/",
            f"expected a NewsML-G2 newsItem, got <{found.localname}> ({found.namespace}); not a text story",
        )
    return _Reader(root).story()
