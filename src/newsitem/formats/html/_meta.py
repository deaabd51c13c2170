"""A page's metadata outside its article markup: ``<meta>`` tags, ``<title>``, ``<h1>``,
``<link rel=canonical>`` and ``<html lang>``.

:func:`sources` gives the model fields each kind of source offers, by the names the
merge knows them by (:mod:`newsitem.formats.html._merge`):

``og``
    Open Graph and its ``article:`` tags (``og:title``, ``og:description``, ``og:url``,
    ``og:locale``, ``og:site_name``, ``article:published_time``, ``article:modified_time``,
    ``article:author``, ``article:section``, ``article:tag``; ``og:type`` names the kind
    of page and is no field).
``dc``
    Dublin Core (``DC.title``, ``dcterms.*``: title, description, abstract, creator, date,
    issued, created, modified, language, publisher, rights, subject) and Highwire
    ``citation_`` tags (title, author, publication_date, date, publisher, language,
    keywords, abstract).
``meta``
    The plain ``name=`` tags: ``author``, ``description``, ``keywords``, ``news_keywords``,
    ``date``, ``copyright``, and ``http-equiv=content-language``.
``page``
    The document itself: ``<link rel=canonical>``, ``<html lang>``, and a headline from the
    page's one ``<h1>`` (inside the article when it has one) else its ``<title>``.

Names are matched in any case (``DC.Title``, ``og:Title``); an author that is a URL (a
profile page) is no name; a time or language the model cannot hold is kept in extras
under ``html.<the tag's name>`` with a note.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from newsitem.formats._lenient import keep
from newsitem.formats.html._policy import NAME, Lenient, dedupe, from_text, is_page_url, keywords
from newsitem.model import Rights, Source, is_language, is_uri

_TAGS: dict[str, tuple[str, str]] = {
    "og:title": ("og", "headline"),
    "og:description": ("og", "summary"),
    "og:url": ("og", "url"),
    "og:locale": ("og", "language"),
    "og:site_name": ("og", "source"),
    "article:published_time": ("og", "published"),
    "article:published": ("og", "published"),
    "article:modified_time": ("og", "updated"),
    "article:modified": ("og", "updated"),
    "og:updated_time": ("og", "updated"),
    "article:author": ("og", "bylines"),
    "article:section": ("og", "section"),
    "article:tag": ("og", "keywords"),
    "dc.title": ("dc", "headline"),
    "dcterms.title": ("dc", "headline"),
    "citation_title": ("dc", "headline"),
    "dc.description": ("dc", "summary"),
    "dcterms.description": ("dc", "summary"),
    "dcterms.abstract": ("dc", "summary"),
    "citation_abstract": ("dc", "summary"),
    "dc.creator": ("dc", "bylines"),
    "dcterms.creator": ("dc", "bylines"),
    "citation_author": ("dc", "bylines"),
    "dc.date": ("dc", "published"),
    "dcterms.date": ("dc", "published"),
    "dcterms.issued": ("dc", "published"),
    "dcterms.created": ("dc", "published"),
    "citation_publication_date": ("dc", "published"),
    "citation_date": ("dc", "published"),
    "dcterms.modified": ("dc", "updated"),
    "dc.language": ("dc", "language"),
    "dcterms.language": ("dc", "language"),
    "citation_language": ("dc", "language"),
    "dc.publisher": ("dc", "source"),
    "dcterms.publisher": ("dc", "source"),
    "citation_publisher": ("dc", "source"),
    "dc.rights": ("dc", "rights"),
    "dcterms.rights": ("dc", "rights"),
    "dc.subject": ("dc", "keywords"),
    "dcterms.subject": ("dc", "keywords"),
    "citation_keywords": ("dc", "keywords"),
    "author": ("meta", "bylines"),
    "description": ("meta", "summary"),
    "keywords": ("meta", "keywords"),
    "news_keywords": ("meta", "keywords"),
    "date": ("meta", "published"),
    "copyright": ("meta", "rights"),
    "content-language": ("meta", "language"),
}
"""A meta tag's name (lower case; ``og:article:...`` is read as ``article:...``) -> its source
and the model field it offers."""
_MANY = frozenset({"bylines", "keywords"})
"""Fields a source gathers from every tag that offers them (the others take the first)."""


def _tags(root: etree._Element) -> list[tuple[str, str]]:
    """The page's ``<meta>`` tags outside microdata (no ``itemprop``) as (name, content),
    names lower case, in document order."""
    found: list[tuple[str, str]] = []
    for meta in root.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("http-equiv")
        content = meta.get("content")
        if name is None or content is None or meta.get("itemprop") is not None:
            continue
        name = name.strip().lower()
        found.append((name[3:] if name.startswith("og:article:") else name, " ".join(content.split())))
    return found


class _Reader:
    """Tag values to model values, leniently: what the model refuses goes to extras."""

    def __init__(self, policy: Lenient) -> None:
        self.policy = policy

    def _keep(self, value: str, ok: Callable[[object], bool], tag: str, what: str) -> str | None:
        return keep(
            value, ok, extras=self.policy.extras, key=f"html.{tag}", format=NAME, where=tag, what=what
        )

    def value(self, field: str, tag: str, text: str) -> Any:
        """The model value of ``text``, offered for ``field`` by ``tag`` (None: none)."""
        if field in ("published", "updated"):
            return self.policy.when(text, tag)
        if field == "bylines":
            return [] if text.lower().startswith(("http://", "https://", "www.")) else from_text(text)
        if field == "keywords":
            return keywords([text], split=True)
        if field == "language":
            return self._keep(text.replace("_", "-"), is_language, tag, "not a BCP 47 language tag")
        if field == "url":
            return self._keep(text, is_page_url, tag, "not the URL of a web page")
        if field == "source":
            return Source(name=text)
        if field == "rights":
            return Rights(license=text) if is_uri(text) else Rights(notice=text)
        return text


def _headline(root: etree._Element, article: etree._Element | None) -> str | None:
    """The page's headline as its document shows it: the one ``<h1>`` of the article (or of
    the page), else the ``<title>``."""
    for top in (article, root):
        if top is not None:
            found = [" ".join("".join(str(part) for part in h1.itertext()).split()) for h1 in top.iter("h1")]
            if len(found) == 1 and found[0]:
                return found[0]
    title = next(root.iter("title"), None)
    if title is None:
        return None
    return " ".join("".join(str(part) for part in title.itertext()).split()) or None


def _page(root: etree._Element, article: etree._Element | None, reader: _Reader) -> dict[str, Any]:
    """What the document itself offers: canonical link, ``<html lang>``, a headline."""
    found: dict[str, Any] = {"headline": _headline(root, article)}
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found["url"] = reader.value("url", "link[rel=canonical]", link.get("href", "").strip())
            break
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if root.tag == "html" and lang and lang.strip():
        found["language"] = reader.value("language", "html[lang]", lang.strip())
    return found


def sources(
    root: etree._Element, article: etree._Element | None, policy: Lenient
) -> dict[str, dict[str, Any]]:
    """The fields each source of the page's metadata offers (``og``, ``dc``, ``meta``,
    ``page``; see the module), for the merge. ``article`` is the article's element, where
    its ``<h1>`` is looked for first."""
    reader = _Reader(policy)
    found: dict[str, dict[str, Any]] = {"og": {}, "dc": {}, "meta": {}}
    for tag, text in _tags(root):
        where = _TAGS.get(tag)
        if where is None or not text:
            continue
        source, field = where
        offered = found[source]
        if field in _MANY:
            offered.setdefault(field, []).extend(reader.value(field, tag, text))
        elif offered.get(field) is None:
            offered[field] = reader.value(field, tag, text)
    for offered in found.values():
        if "bylines" in offered:
            offered["bylines"] = dedupe(offered["bylines"])
        if "keywords" in offered:
            offered["keywords"] = list(dict.fromkeys(offered["keywords"]))
    found["page"] = _page(root, article, reader)
    return found
