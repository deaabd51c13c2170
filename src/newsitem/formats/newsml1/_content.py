"""The NewsComponents of a NewsML 1.2 NewsItem: which ContentItem is the story's text, which are
its pictures (and their captions), and the text's body.

A ContentItem's kind is its ``MediaType`` (``Text``, ``Photo``, ``Graphic``, ``Video``,
``Audio``...), else its ``MimeType``, its ``Format`` or its component's class. A text
ContentItem is a caption when its component's role is ``Caption``, when its component holds a
media ContentItem too, or when a component around it has a media role (``Photo``, ``Video``).
A media component is an outermost component (the item's top one included) holding a media
ContentItem at any depth and no text but captions: a component tree holding the story's text
is a text story, and the pictures beside the text (Business Wire's ``Logo`` beside its
``Body``) are its links. The story's text is the first other text ContentItem in a body role
(``Main``, ``Body``...), else the first in no title or lead role. Each media component gives
one link of the story: its largest rendition with an ``Href``, titled by its headline or
caption.

A text ContentItem's ``DataContent`` holds a whole ``nitf`` document (read by the ``nitf``
format's reader), a NITF ``body`` or ``body.content``, or other block markup (``p``...: read
by the one NITF body reader, :mod:`newsitem.formats._nitf_body`), or plain text (paragraphs
at blank lines, else at line breaks).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import NamedTuple

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup, _nitf_body
from newsitem.formats.newsml1._parse import NAME
from newsitem.formats.newsml1._values import Gathered, collapsed, formal, kid, kids, local, text_of
from newsitem.formats.newsmlg2._where import line_of
from newsitem.model import Block, Link, Paragraph, is_uri

MEDIA = {
    "photo": "picture",
    "picture": "picture",
    "image": "picture",
    "graphic": "graphic",
    "video": "video",
    "audio": "audio",
    "sound": "audio",
    "animation": "video",
}
"""``MediaType/@FormalName`` (lower case) of media, and the kind it is (``Text`` is text;
``ComplexData`` says nothing: the MIME type, format or component class decide)."""
_MIME = (("image/", "picture"), ("video/", "video"), ("audio/", "audio"))
_FORMATS = (
    *((word, "picture") for word in ("jpeg", "jpg", "png", "gif", "tif", "bmp", "webp", "photo", "image")),
    *((word, "graphic") for word in ("graphic", "svg", "eps")),
    *((word, "video") for word in ("mpeg4", "mp4", "mpeg2", "mov", "avi", "wmv", "flv", "h264", "video")),
    *((word, "audio") for word in ("mpeg3", "mp3", "wav", "aac", "ogg", "audio", "sound")),
    *((word, "text") for word in ("nitf", "text", "xhtml", "html", "xml")),
)
"""Words of a ``Format/@FormalName`` (``JPEG Baseline``, ``NITF3.1``, Belga's ``Mpeg4``) or a
component class, and the kind they name."""
_CAPTION_ROLES = frozenset({"caption", "legend", "photocaption"})
_NOT_MEDIA = frozenset({"text", "unknown", "data"})
_BODY_ROLES = frozenset({"main", "main text", "maintext", "body", "text", "article", "story", "content"})
_TITLE_ROLES = frozenset({"title", "headline", "head"})
_LEAD_ROLES = frozenset({"lead", "summary", "abstract", "intro", "teaser", "standfirst"})


class Content(NamedTuple):
    """A ContentItem and the NewsComponents around it, outermost first."""

    item: etree._Element
    chain: tuple[etree._Element, ...]
    kind: str


def _named(words: str) -> str | None:
    words = words.lower()
    return next((kind for word, kind in _FORMATS if word in words), None) if words else None


def _component_class(component: etree._Element) -> str:
    """Belga's ``DescriptiveMetadata/Property FormalName="ComponentClass"`` of ``component``."""
    for prop in kids(kid(component, "DescriptiveMetadata"), "Property"):
        if prop.get("FormalName") == "ComponentClass":
            return prop.get("Value") or ""
    return ""


def kind_of(item: etree._Element, component: etree._Element) -> str:
    """``text``, a media kind (``picture``, ``video``...), ``data`` or ``unknown``: by the
    ``MediaType``, else the ``MimeType``, the ``Format``, the component's class, and text where
    there is ``DataContent``."""
    media = (formal(kid(item, "MediaType")) or "").lower()
    if media == "text" or media in MEDIA:
        return "text" if media == "text" else MEDIA[media]
    mime = (formal(kid(item, "MimeType")) or "").lower()
    for start, kind in _MIME:
        if mime.startswith(start):
            return kind
    if mime.startswith("text/") or "nitf" in mime or "xml" in mime or "html" in mime:
        return "text"
    named = _named(formal(kid(item, "Format")) or "") or _named(_component_class(component))
    if named is not None:
        return named
    if kid(item, "DataContent") is not None:
        return "text"
    return "data" if media == "complexdata" else media or "unknown"


def contents(component: etree._Element | None) -> list[Content]:
    """Every ContentItem below ``component``, in document order (a nested NewsItem is its own)."""
    found: list[Content] = []
    if component is not None:
        _walk(component, (component,), found)
    return found


def _walk(component: etree._Element, chain: tuple[etree._Element, ...], found: list[Content]) -> None:
    for child in kids(component, "NewsComponent", "ContentItem"):
        if local(child) == "ContentItem":
            found.append(Content(child, chain, kind_of(child, chain[-1])))
        else:
            _walk(child, (*chain, child), found)


def role(component: etree._Element) -> str:
    """The component's ``Role/@FormalName``, lower case ('' without one)."""
    return (formal(kid(component, "Role")) or "").lower()


def _is_caption(content: Content, direct: dict[etree._Element, set[str]]) -> bool:
    """Whether a text ContentItem belongs to a picture (or a clip...): in a ``Caption`` role, in
    one component with a media ContentItem (its rendition's words), or inside a component whose
    role names a medium (``Photo``, ``Video``: the clip's description, not a story)."""
    own = content.chain[-1]
    if role(own) in _CAPTION_ROLES or direct.get(own, set()) - _NOT_MEDIA:
        return True
    return any(role(component) in MEDIA for component in content.chain)


def _media_at(found: list[Content]) -> set[etree._Element]:
    """The media components: the outermost components (the top one included) holding a media
    ContentItem at any depth and no text ContentItem but captions. A component whose tree holds
    the story's text (a text ContentItem that is not a caption) is text: its pictures (Business
    Wire's ``Logo`` components beside the ``Body``) are media components of their own."""
    direct: dict[etree._Element, set[str]] = {}
    for content in found:
        direct.setdefault(content.chain[-1], set()).add(content.kind)
    holds_media: set[etree._Element] = set()
    holds_text: set[etree._Element] = set()
    for content in found:
        if content.kind == "text" and not _is_caption(content, direct):
            holds_text.update(content.chain)
        elif content.kind not in _NOT_MEDIA:
            holds_media.update(content.chain)
    media: set[etree._Element] = set()
    for content in found:
        if content.kind in _NOT_MEDIA:
            continue
        outer = next((c for c in content.chain if c in holds_media and c not in holds_text), None)
        if outer is not None:
            media.add(outer)
    return media


class Split(NamedTuple):
    """The ContentItems of a NewsItem, sorted."""

    story: Content | None
    """The story's text."""
    title: Content | None
    """A text beside it in the ``Title`` role (the headline where NewsLines has none)."""
    lead: Content | None
    """A text beside it in the ``Lead`` role (the summary where nothing else gives one)."""
    others: list[Content]
    """Other texts with words in them that are not captions (equivalents, another language...)."""
    media: list[tuple[etree._Element, list[Content]]]
    """Each media component with its ContentItems (renditions and captions)."""


def has_text(content: Content) -> bool:
    """Whether the ContentItem's DataContent holds any text."""
    data = kid(content.item, "DataContent")
    return data is not None and text_of(data) is not None


def _story(texts: list[Content]) -> Content | None:
    """The body: a text in a body role (``Main``, ``Body``...) that has words, else the first text
    in no title or lead role, else the first text."""
    for content in texts:
        if any(role(c) in _BODY_ROLES for c in content.chain) and has_text(content):
            return content
    plain = (c for c in texts if role(c.chain[-1]) not in _TITLE_ROLES | _LEAD_ROLES)
    return next(plain, texts[0] if texts else None)


def _beside(story: Content, texts: list[Content], roles: frozenset[str]) -> Content | None:
    """A text with words in one of ``roles``, in a component beside the story's."""
    if len(story.chain) < 2:
        return None
    parent = story.chain[-2]
    beside = (c for c in texts if len(c.chain) > 1 and c.chain[-2] is parent and role(c.chain[-1]) in roles)
    return next((c for c in beside if has_text(c)), None)


def split(found: list[Content]) -> Split:
    """The story's text ContentItem (or None), its title and lead, the other texts, and each media
    component."""
    media = _media_at(found)
    texts = [
        c
        for c in found
        if c.kind == "text"
        and not any(component in media for component in c.chain)
        and role(c.chain[-1]) not in _CAPTION_ROLES
    ]
    story = _story(texts)
    title = lead = None
    if story is not None:
        title, lead = _beside(story, texts, _TITLE_ROLES), _beside(story, texts, _LEAD_ROLES)
    used = {id(c) for c in (story, title, lead) if c is not None}
    others = [c for c in texts if id(c) not in used and has_text(c)]
    groups: dict[etree._Element, list[Content]] = {}
    for content in found:
        top = next((component for component in content.chain if component in media), None)
        if top is not None:
            groups.setdefault(top, []).append(content)
    return Split(story, title, lead, others, list(groups.items()))


def _size(item: etree._Element) -> int:
    size = text_of(kid(kid(item, "Characteristics"), "SizeInBytes")) or ""
    return int(size) if size.isdigit() and len(size) < 19 else -1


def media_link(gathered: Gathered, component: etree._Element, members: list[Content]) -> Link | None:
    """The link of one media component: its largest rendition with an Href, titled by the
    component's headline or its caption (a refused Href is kept in extras with a note)."""
    renditions = [c for c in members if c.kind not in _NOT_MEDIA and c.item.get("Href")]
    if not renditions:
        return None
    best = max(renditions, key=lambda c: _size(c.item))
    href = gathered.lenient(collapsed(best.item.get("Href")), is_uri, best.item, "Href")
    if href is None:
        return None
    title = text_of(kid(kid(component, "NewsLines"), "HeadLine"))
    if title is None:
        caption = next((c for c in members if c.kind == "text"), None)
        title = None if caption is None else text_of(kid(caption.item, "DataContent"))
    rel = "picture" if best.kind in ("picture", "graphic") else best.kind
    return Link(uri=href, rel=rel, media_type=formal(kid(best.item, "MimeType")), title=title)


def nitf_of(data: etree._Element) -> etree._Element | None:
    """A whole ``nitf`` document inside ``DataContent``."""
    return next(kids(data, "nitf"), None)


def body_of(data: etree._Element) -> etree._Element | None:
    """The NITF ``body`` to read from ``DataContent``: its own ``body``, or one made around its
    ``body.content``, its block elements or an XHTML page's body (None when it holds no element)."""
    own = kid(data, "body")
    if own is not None:
        return own
    page = kid(kid(data, "html"), "body")  # an XHTML page: its body's blocks
    elements = [child for child in (data if page is None else page) if isinstance(child.tag, str)]
    if not elements:
        return None
    body = etree.Element("body")
    if all(local(child) == "body.content" for child in elements):
        body.extend(copy.deepcopy(child) for child in elements)
    else:
        content = etree.SubElement(body, "body.content")
        content.extend(copy.deepcopy(child) for child in elements)
    return body


_MARKUP = re.compile(r"</?(?:p|br|b|i|em|strong|a|ul|ol|li|h[2-6]|blockquote)\b[^<>]{0,200}>", re.IGNORECASE)
"""An HTML tag in text (feeds that send their HTML escaped inside a plain DataContent)."""


def text_blocks(gathered: Gathered, data: etree._Element) -> list[Block]:
    """The blocks of a plain DataContent: HTML sent as text (Belga's) is read as HTML, its
    whitespace collapsed as a browser collapses it; else plain text."""
    text = data.text or ""
    if _MARKUP.search(text) is not None:
        root = _markup.parse_html(text, format=NAME, fragment=True)
        body = None if root is None else next(root.iterchildren("body"), root)
        if body is not None:
            blocks = _markup.blocks(
                body,
                link=_lenient_links(gathered, data),
                tidy=True,
                skip=_markup.BLOCK_SKIPPED,
                html=True,
                clean=True,
            )
            if blocks:
                return blocks
    return list(plain_text(text))


def _lenient_links(gathered: Gathered, at: etree._Element) -> _markup.LinkRule:
    """A link rule keeping a link the model refuses in extras (placed at ``at``) with a note."""

    def refused(href: str, paragraph: int, index: int) -> None:
        gathered.lenient(href, lambda _: False, at)

    return _markup.lenient_links(refused)


def plain_text(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: at blank lines, else (no blank line) at each line break; layout
    whitespace collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    return [Paragraph.plain(" ".join(block.split())) for block in blocks if block.strip()]


def read_body(gathered: Gathered, body: etree._Element) -> _nitf_body.BodyReading:
    """A NITF body read by the one NITF body reader, with others' links kept leniently."""

    def located(error: ValidationError, element: etree._Element) -> Exception:
        """A block's error placed at its element."""
        where = gathered.at(element) if element.getroottree() is gathered.item.getroottree() else None
        return error.located(format=NAME, where=where, line=line_of(element))

    return _nitf_body.read_body(
        body, link=_lenient_links(gathered, body), tidy=True, credits=True, located=located
    )


def other_items(found: list[Content]) -> Iterator[str]:
    """The kinds of the media ContentItems of ``found``, each once, in order."""
    seen: list[str] = []
    for content in found:
        if content.kind not in _NOT_MEDIA and content.kind not in seen:
            seen.append(content.kind)
            yield content.kind


def packaged(component: etree._Element | None) -> tuple[int, list[etree._Element]]:
    """How many NewsItems the components of ``component`` hold, and their NewsItemRefs, in
    document order."""
    items, refs = 0, []
    names = ("NewsComponent", "NewsItem", "NewsItemRef")
    stack = [] if component is None else [kids(component, *names)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif local(child) == "NewsComponent":
            stack.append(kids(child, *names))
        elif local(child) == "NewsItem":
            items += 1
        else:
            refs.append(child)
    return items, refs
