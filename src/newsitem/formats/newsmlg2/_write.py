"""Writing a Story as a NewsML-G2 2.35 newsItem (see the mapping in the module docstring of
:mod:`newsitem.formats.newsmlg2`)."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from newsitem import dates
from newsitem.errors import SerializeError
from newsitem.formats.newsmlg2 import _body
from newsitem.formats.newsmlg2._names import (
    CANONICAL,
    CATALOG,
    DEFAULT_PROVIDER,
    NAME,
    NAR,
    NITM,
    QCODE,
    REL,
    UNKNOWN_TIME,
    WORD,
    XML,
    N,
)
from newsitem.model import BylineKind, Rights, Role, Source, Story, is_uri, join_names

_URI_SCHEMES = frozenset({"http", "https", "urn", "tag", "mailto", "ftp", "file", "data", "info"})


def _sub(parent: etree._Element, local: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, N + local, attributes)
    if text is not None:
        element.text = text
    return element


def _named(parent: etree._Element, local: str, name: str | None, **attributes: str) -> etree._Element:
    element = _sub(parent, local, **attributes)
    if name is not None:
        _sub(element, "name", name)
    return element


def _code_attribute(code: str) -> dict[str, str]:
    """``@uri`` for an IRI with a URI scheme (``http:``, ``urn:``...), ``@qcode`` for the rest
    (``medtop:20000002``, ``FIEG_Categories:CRO``): every IRI also has a QCode's shape."""
    scheme = code.split(":", 1)[0].lower()
    return {"uri": code} if scheme in _URI_SCHEMES and is_uri(code) else {"qcode": code}


def _version_created(story: Story) -> str:
    """``versionCreated`` (a required date and time): updated, else published, that has a time."""
    for value in (story.updated, story.published):
        if isinstance(value, datetime):
            return dates.format_iso(value)
    return UNKNOWN_TIME


def _party(parent: etree._Element, local: str, source: Source, **attributes: str) -> None:
    if source.code is not None:
        attributes["literal"] = source.code
    if source.url is not None:
        attributes["uri"] = source.url
    _named(parent, local, source.name, **attributes)


def _rights(root: etree._Element, rights: Rights) -> None:
    info = _sub(root, "rightsInfo")
    if rights.holder is not None:
        _named(info, "copyrightHolder", rights.holder)
    if rights.notice is not None:
        _sub(info, "copyrightNotice", rights.notice)
    if rights.terms is not None or rights.license is not None:
        attributes = {} if rights.license is None else {"href": rights.license}
        _sub(info, "usageTerms", rights.terms, **attributes)


def _item_meta(root: etree._Element, story: Story, provider: Source | None) -> None:
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:text")
    if provider is None:
        _sub(meta, "provider", literal=DEFAULT_PROVIDER)
    else:
        _party(meta, "provider", provider)
    _sub(meta, "versionCreated", _version_created(story))
    if isinstance(story.published, datetime):  # firstCreated needs a time; a day is contentCreated
        _sub(meta, "firstCreated", dates.format_iso(story.published))
    if story.embargoed is not None:
        _sub(meta, "embargoed", dates.format_iso(story.embargoed))
    _sub(meta, "pubStatus", qcode=f"stat:{story.status.value}")
    if story.ednote is not None:
        _sub(meta, "edNote", story.ednote)
    if story.url is not None:
        _sub(meta, "link", rel=CANONICAL, contenttype="text/html", href=story.url)
    for link in story.links:
        attributes = rel_attributes(link.rel)
        attributes["href"] = link.uri
        if link.media_type is not None:
            attributes["contenttype"] = link.media_type
        if link.title is not None:
            attributes["title"] = link.title
        nsmap = {"nitm": NITM} if REL in attributes else None
        etree.SubElement(meta, N + "link", attributes, nsmap=nsmap)


def rel_attributes(rel: str) -> dict[str, str]:
    """The attributes that carry a link's relation: ``@rel`` itself where it is a QCode
    outside our scheme (``irel:seeAlso``), ``nitm:WORD`` for a plain word (``related``),
    else ``rel="nitm:other"`` with the relation as sent in ``@nitm:rel`` (any text; also the
    words ``canonical`` and ``other``, whose ``nitm:`` codes mean the url and this case)."""
    if QCODE.fullmatch(rel) and not rel.startswith("nitm:"):
        return {"rel": rel}
    if WORD.fullmatch(rel) and "nitm:" + rel not in (CANONICAL, "nitm:other"):  # those two say more
        return {"rel": "nitm:" + rel}
    return {"rel": "nitm:other", REL: rel}


def _people(content: etree._Element, story: Story) -> None:
    for byline in story.bylines:
        kind = "cpnat:organisation" if byline.kind is BylineKind.ORGANISATION else "cpnat:person"
        if byline.role is Role.AUTHOR:
            person = _named(content, "creator", byline.name, type=kind, role="cpprole:author")
        else:
            person = _named(content, "contributor", byline.name, type=kind, role=f"nitm:{byline.role.value}")
        if byline.title is not None:
            _sub(person, "note", byline.title, role="nitm:bylineRole")
        if byline.affiliation is not None:
            details = _sub(person, "personDetails")
            _named(details, "affiliation", byline.affiliation, type="cpnat:organisation")


def _classification(content: etree._Element, story: Story) -> None:
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


def _texts(content: etree._Element, story: Story) -> None:
    if story.headline is not None:
        _sub(content, "headline", story.headline)
    if story.subheadline is not None:
        _sub(content, "headline", story.subheadline, role="nitm:subheadline")
    if story.dateline is not None:
        _sub(content, "dateline", story.dateline)
    authors = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    if authors:
        _sub(content, "by", "By " + join_names(authors))
    if story.summary is not None:
        _sub(content, "description", story.summary, role="drol:summary")


def _properties(content: etree._Element, story: Story) -> None:
    if story.section is not None:
        _sub(content, "contentMetaExtProperty", rel="nitm:section", value=story.section)
    if story.priority is not None:
        _sub(content, "contentMetaExtProperty", rel="nitm:priority", value=story.priority)
    for key, value in story.extras.items():
        _sub(content, "contentMetaExtProperty", rel="nitm:extra", literal=key, value=value)


def _content_meta(root: etree._Element, story: Story) -> None:
    content = _sub(root, "contentMeta")
    if story.urgency is not None:
        _sub(content, "urgency", str(story.urgency))
    if story.published is not None and not isinstance(story.published, datetime):
        _sub(content, "contentCreated", story.published.isoformat())
    if story.updated is not None:
        _sub(content, "contentModified", dates.format_day_or_iso(story.updated))
    if story.located is not None:
        _named(content, "located", story.located, type="cpnat:geoArea")
    if story.source is not None:
        _party(content, "infoSource", story.source, role="cpprole:origcont")
    _people(content, story)
    _classification(content, story)
    _texts(content, story)
    _properties(content, story)


def to_tree(story: Story, *, provider: Source | None = None) -> etree._Element:
    """The newsItem of ``story`` as an lxml element (``provider`` overrides ``story.provider``).

    Raises:
        SerializeError: the story has no guid (NewsML-G2 requires one).
    """
    if story.guid is None:
        raise SerializeError(
            "NewsML-G2 requires a guid and the story has none: give it one, such as "
            "attrs.evolve(story, guid=newsitem.mint_guid(story))",
            format=NAME,
        )
    attributes = {
        "guid": story.guid,
        "standard": "NewsML-G2",
        "standardversion": "2.35",
        "conformance": "power",
    }
    if story.version != 1:
        attributes["version"] = str(story.version)
    if story.language is not None:
        attributes["{" + XML + "}lang"] = story.language
    root = etree.Element(N + "newsItem", attributes, nsmap={None: NAR})  # type: ignore[dict-item]
    _sub(root, "catalogRef", href=CATALOG)
    _sub(_sub(root, "catalog"), "scheme", alias="nitm", uri=NITM)
    if story.rights is not None:
        _rights(root, story.rights)
    _item_meta(root, story, provider if provider is not None else story.provider)
    _content_meta(root, story)
    if story.body:
        inline = _sub(_sub(root, "contentSet"), "inlineXML", contenttype="application/nitf+xml")
        _body.write(inline, story.body)
    return root
