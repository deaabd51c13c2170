"""The NewsComponents of a NewsML 1.2 NewsItem: which ContentItem is the story's text, which are
its pictures (and their captions), and the text's body.

A ContentItem's kind is its ``MediaType`` (``Text``, ``Photo``, ``Graphic``, ``Video``,
``Audio``...), else its ``MimeType``. A component holding a media ContentItem (at any depth
below the item's own top component) is a media component: a text ContentItem inside it is
a caption, not the story. The story's text is the first other text ContentItem (one whose
component has the ``Main`` role first). Each media component gives one link of the story:
its largest rendition with an ``Href``, titled by its headline or caption.

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
from newsitem.model import Link, Paragraph, is_uri

MEDIA = {
    "photo": "picture",
    "picture": "picture",
    "image": "picture",
    "graphic": "graphic",
    "video": "video",
    "audio": "audio",
    "animation": "video",
    "complexdata": "data",
}
"""``MediaType/@FormalName`` (lower case) of media, and the kind it is."""
_MIME = (("image/", "picture"), ("video/", "video"), ("audio/", "audio"))
_CAPTION_ROLES = frozenset({"caption", "legend", "photocaption"})


class Content(NamedTuple):
    """A ContentItem and the NewsComponents around it, outermost first."""

    item: etree._Element
    chain: tuple[etree._Element, ...]
    kind: str


def kind_of(item: etree._Element) -> str:
    """``text``, a media kind (``picture``, ``video``...), or ``unknown``."""
    media = (formal(kid(item, "MediaType")) or "").lower()
    if media:
        return "text" if media == "text" else MEDIA.get(media, media)
    mime = (formal(kid(item, "MimeType")) or "").lower()
    for start, kind in _MIME:
        if mime.startswith(start):
            return kind
    if mime.startswith("text/") or "nitf" in mime or "xml" in mime or kid(item, "DataContent") is not None:
        return "text"
    return "unknown"


def contents(component: etree._Element | None) -> list[Content]:
    """Every ContentItem below ``component``, in document order (a nested NewsItem is its own)."""
    found: list[Content] = []
    if component is not None:
        _walk(component, (component,), found)
    return found


def _walk(component: etree._Element, chain: tuple[etree._Element, ...], found: list[Content]) -> None:
    for child in kids(component, "NewsComponent", "ContentItem"):
        if local(child) == "ContentItem":
            found.append(Content(child, chain, kind_of(child)))
        else:
            _walk(child, (*chain, child), found)


def role(component: etree._Element) -> str:
    """The component's ``Role/@FormalName``, lower case ('' without one)."""
    return (formal(kid(component, "Role")) or "").lower()


def _media_at(found: list[Content]) -> set[etree._Element]:
    """The components (below the top one) holding a media ContentItem at any depth, and a top
    component holding one directly."""
    media: set[etree._Element] = set()
    for content in found:
        if content.kind not in ("text", "unknown"):
            media.update(content.chain[1:] if len(content.chain) > 1 else content.chain)
    return media


class Split(NamedTuple):
    """The ContentItems of a NewsItem, sorted."""

    story: Content | None
    """The story's text."""
    others: list[Content]
    """Other text ContentItems that are not captions (equivalents, another language...)."""
    media: list[tuple[etree._Element, list[Content]]]
    """Each media component with its ContentItems (renditions and captions)."""


def split(found: list[Content]) -> Split:
    """The story's text ContentItem (or None), the other texts, and each media component."""
    media = _media_at(found)
    texts = [
        c
        for c in found
        if c.kind == "text"
        and not any(component in media for component in c.chain)
        and role(c.chain[-1]) not in _CAPTION_ROLES
    ]
    main = next((c for c in texts if any(role(component) == "main" for component in c.chain)), None)
    story = main or (texts[0] if texts else None)
    groups: dict[etree._Element, list[Content]] = {}
    for content in found:
        top = next((component for component in content.chain if component in media), None)
        if top is not None:
            groups.setdefault(top, []).append(content)
    return Split(story, [c for c in texts if c is not story], list(groups.items()))


def _size(item: etree._Element) -> int:
    size = text_of(kid(kid(item, "Characteristics"), "SizeInBytes")) or ""
    return int(size) if size.isdigit() and len(size) < 19 else -1


def media_link(gathered: Gathered, component: etree._Element, members: list[Content]) -> Link | None:
    """The link of one media component: its largest rendition with an Href, titled by the
    component's headline or its caption (a refused Href is kept in extras with a note)."""
    renditions = [c for c in members if c.kind not in ("text", "unknown") and c.item.get("Href")]
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


def plain_text(text: str) -> list[Paragraph]:
    """Paragraphs of plain text: at blank lines, else (no blank line) at each line break; layout
    whitespace collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    return [Paragraph.plain(" ".join(block.split())) for block in blocks if block.strip()]


def read_body(gathered: Gathered, body: etree._Element) -> _nitf_body.BodyReading:
    """A NITF body read by the one NITF body reader, with others' links kept leniently."""

    def refused(href: str, paragraph: int, index: int) -> None:
        gathered.lenient(href, lambda _: False, body)

    def located(error: ValidationError, element: etree._Element) -> Exception:
        """A block's error placed at its element."""
        where = gathered.at(element) if element.getroottree() is gathered.item.getroottree() else None
        return error.located(format=NAME, where=where, line=line_of(element))

    return _nitf_body.read_body(
        body, link=_markup.lenient_links(refused), tidy=True, credits=True, located=located
    )


def other_items(found: list[Content]) -> Iterator[str]:
    """The kinds of the media ContentItems of ``found``, each once, in order."""
    seen: list[str] = []
    for content in found:
        if content.kind not in ("text", "unknown") and content.kind not in seen:
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
