"""Reading ``itemMeta/link``: the story's own web page (``Story.url``) and every other link
(pictures, related stories, source items) as :class:`~newsitem.model.Link`, none dropped."""

from __future__ import annotations

from lxml import etree

from newsitem.formats.newsmlg2._names import CANONICAL, REL, T
from newsitem.formats.newsmlg2._values import ValueReader, first
from newsitem.model import Link, is_uri

_PAGE_RELATIONS = frozenset({"canonical", "original", "webpage", "permalink"})
"""The codes (after the scheme alias, or the last step of a ``reluri``) of a relation naming
the story's own web page: ``irel:canonical``, ``nitm:canonical``, ``x:original``..."""
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _code(rel: str) -> str:
    return rel.rpartition(":")[2].rpartition("/")[2].lower()


class LinkReader(ValueReader):
    """The links of ``itemMeta``."""

    def links(self, elements: list[etree._Element]) -> None:
        links: list[Link] = []
        origins: list[etree._Element] = []
        for element in elements:
            for link in element.iter(T.link):  # a link and the links it holds (dpa's short URLs)
                found = self.link_of(link)
                if found is not None:
                    links.append(found)
                    origins.append(link)
        if links:
            self.set("links", links, origins)

    def is_page(self, link: etree._Element, rel: str) -> bool:
        """Whether ``link`` names the story's own web page (the first such is the url)."""
        parent = link.getparent()
        if "url" in self.fields or parent is None or parent.tag == T.link:
            return False
        if self.ours:
            return rel == CANONICAL
        kind = (link.get("contenttype") or "text/html").split(";")[0].strip().lower()
        return _code(rel) in _PAGE_RELATIONS and kind in _PAGE_TYPES

    def link_of(self, link: etree._Element) -> Link | None:
        rel = link.get("rel") or link.get("reluri") or ""
        href = link.get("href")
        if href and self.is_page(link, rel):
            self.set("url", self.lenient(href, is_uri, link, "href"), (link, "href"))
            return None
        attribute = "href" if href else "residref" if link.get("residref") else "guidref"
        uri = self.lenient(link.get(attribute), is_uri, link, attribute)
        if uri is None:
            return None
        if self.ours:
            sent = link.get(REL)
            rel = sent if sent is not None else rel.removeprefix("nitm:")
            title = link.get("title")
            media_type = link.get("contenttype")
        else:
            named = first(link, T.title)
            title = self.line(link.get("title")) or self.text_of(named)
            media_type = self.line(link.get("contenttype"))
            rel = self.line(rel) or "related"
        return self.build(Link, link, uri=uri, rel=rel, media_type=media_type, title=title)
