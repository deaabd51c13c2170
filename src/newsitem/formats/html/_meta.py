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
    ``date``, ``pubdate``, ``publish-date``, ``lastmod``, ``last-modified``, ``section``,
    ``copyright``, ``application-name`` (the HTML standard's name of the site: the source),
    and ``http-equiv=content-language``.
``itemprop``
    A ``<meta itemprop>`` that belongs to no item (in a ``<head>``, describing the page's
    article): headline, name, description, author, datePublished, dateCreated,
    dateModified, inLanguage, articleSection, keywords, copyrightNotice, url.
``page``
    The document itself: ``<link rel=canonical>``, ``<html lang>``, a headline from the
    page's one ``<h1>`` (inside the article when it has one) else its ``<title>``; the
    first ``<time datetime>`` (or ``content``) of the article's element (else of the page's
    first ``<article>``: a byline's time) as the published time, a guess (the ``guess``
    source: used only when no other source has a time, never kept when it loses); the ``rel=tag`` links
    (microformats) as keywords; the page's copyright statement (an element of class
    ``copyright`` opening with ©, (c) or Copyright) as the rights' notice.
The ``visible`` source, what the page shows its readers when no markup says it (a byline
element, a date element near the headline), is :mod:`._visible`'s.

Names are matched in any case (``DC.Title``, ``og:Title``); an author that is a URL (a
profile page) is no name; a time or language the model cannot hold is kept in extras
under ``html.<the tag's name>`` with a note.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from newsitem import dates
from newsitem.formats._lenient import keep
from newsitem.formats._markup import cleaned
from newsitem.formats.html._people import dedupe, from_text
from newsitem.formats.html._policy import NAME, Lenient, is_page_url, keywords
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
    "prism.section": ("dc", "section"),
    "prism.publicationdate": ("dc", "published"),
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
    "pubdate": ("meta", "published"),
    "publish-date": ("meta", "published"),
    "lastmod": ("meta", "updated"),
    "last-modified": ("meta", "updated"),
    "section": ("meta", "section"),
    "application-name": ("meta", "source"),
    "content-language": ("meta", "language"),
}
"""A meta tag's name (lower case; ``og:article:...`` is read as ``article:...``) -> its source
and the model field it offers."""
_MANY = frozenset({"bylines", "keywords"})
"""Fields a source gathers from every tag that offers them (the others take the first)."""


_ITEMPROPS = {
    "headline": "headline",
    "name": "headline",
    "description": "summary",
    "author": "bylines",
    "datepublished": "published",
    "datecreated": "published",
    "datemodified": "updated",
    "inlanguage": "language",
    "articlesection": "section",
    "keywords": "keywords",
    "copyrightnotice": "rights",
    "url": "url",
}
"""schema.org properties of a ``<meta itemprop>`` that belongs to no item (in the ``<head>``,
describing the page's article): the ``itemprop`` source."""


def _in_item(element: etree._Element) -> bool:
    return any(parent.get("itemscope") is not None for parent in element.iterancestors())


def _tags(root: etree._Element) -> list[tuple[str, str]]:
    """The page's ``<meta>`` tags as (name, content), names lower case, in document order; a
    ``<meta itemprop>`` of no item as ``itemprop:<name>``."""
    found: list[tuple[str, str]] = []
    for meta in root.iter("meta"):
        content = meta.get("content")
        prop = (meta.get("itemprop") or "").strip().lower()
        if content is not None and prop in _ITEMPROPS and not _in_item(meta):
            found.append((f"itemprop:{prop}", _line(content)))
        name = meta.get("property") or meta.get("name") or meta.get("http-equiv")
        if name is None or content is None:
            continue
        name = name.strip().lower()
        found.append((name[3:] if name.startswith("og:article:") else name, _line(content)))
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
        if field == "keywords":  # separated by commas, or semicolons (citation_keywords)
            return keywords([text.replace(";", ",")], split=True)
        if field == "language":
            return self._keep(text.replace("_", "-"), is_language, tag, "not a BCP 47 language tag")
        if field == "url":
            return self._keep(text, is_page_url, tag, "not the URL of a web page")
        if field == "source":
            return Source(name=text)
        if field == "rights":
            return Rights(license=text) if is_uri(text) else Rights(notice=text)
        return text


_BLOCKS = frozenset({"ul", "ol", "nav", "div", "p", "table", "form", "button", "script", "style", "img"})
"""Elements inside an ``<h1>`` that are no part of its heading (a breadcrumb list, a logo)."""


_HOME_WORDS = re.compile(
    r"(?i)\b(?:home\s*page|homepage|home|portada|startseite|accueil|inicio|página inicial|"
    r"strona główna|logo)\b"
)
"""A link's title, label or class saying it leads to the front page (or is the logo)."""


def _is_home(element: etree._Element) -> bool:
    """Whether ``element`` is a link to the site's home page (``href="/"``, ``rel=home``, the
    address of a site's root) or holds its logo (an image)."""
    if element.tag != "a":
        return False
    href = (element.get("href") or "").strip()
    rels = (element.get("rel") or "").lower().split()
    root_link = re.fullmatch(r"(?i)(?:https?:)?(?://[^/?#]+)?/?(?:index\.\w+)?", href) is not None
    named = _HOME_WORDS.search(" ".join(element.get(key) or "" for key in ("title", "aria-label", "class")))
    home = "home" in rels or named is not None or (bool(href) and root_link)
    return home or next(element.iter("img"), None) is not None


def _heading(h1: etree._Element) -> str:
    """An ``<h1>``'s heading text: without its block children (a breadcrumb list), links to
    the home page and logos, whose tails are kept; pieces a block or link separated are
    separated by a space."""
    parts: list[str] = [h1.text or ""]
    for child in h1:
        if isinstance(child.tag, str) and child.tag not in _BLOCKS and not _is_home(child):
            parts.append(_words(child))
        else:
            parts.append(" ")
        parts.append(child.tail or "")
    return _line("".join(parts))


def headings(root: etree._Element, article: etree._Element | None) -> tuple[str | None, str | None]:
    """The page's ``<h1>`` that is its headline, and its ``<title>``: the one ``<h1>`` with a
    heading of the article (or of the page), else the one the ``<title>`` opens with."""
    title_element = next(root.iter("title"), None)
    title = None if title_element is None else _words(title_element) or None
    for top in (article, root):
        if top is None:
            continue
        found = [text for text in (_heading(h1) for h1 in top.iter("h1")) if text]
        if len(found) == 1:
            return found[0], title
        opening = [text for text in found if title and title.casefold().startswith(text.casefold())]
        if opening:
            return max(opening, key=len), title
    return None, title


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def _line(text: str) -> str:
    """One line of another page's text: white space collapsed, characters XML cannot carry
    made ones it can (:func:`newsitem.formats._markup.cleaned`)."""
    return " ".join(cleaned(text).split())


def _words(element: etree._Element) -> str:
    return _line("".join(str(part) for part in element.itertext()))


def _stamp(element: etree._Element) -> str:
    return _line(element.get("datetime") or element.get("content") or "")


_QUIET = frozenset({"style", "script", "noscript", "template"})
"""Elements whose text no reader sees."""
_NOT_SENTENCE = frozenset({"a", "form", "input", "button", "select", "ul", "ol", "nav", "iframe", "svg"})
"""Elements that are no part of a copyright sentence (a link once a holder is named, a form,
a list of links): the notice stops at the first. A logo's ``alt`` is its holder's name."""
_PICTURE = frozenset({"figure", "picture", "figcaption", "picimage"})
_CREDIT_CLASS = re.compile(r"(?i)caption|credit|photo|image|bild|foto")
_RIGHTS_SENTENCE = re.compile(
    r"(?i)©|\(c\)|copyright|rights|reserved|company|\binc\b|\bltd\b|\bllc\b|gmbh|licen|trademark|\b(?:19|20)\d\d\b"
)
"""What a sentence after the first of a copyright statement says when it is part of it."""
_HOLDERLESS = re.compile(r"(?i)©|\(c\)|copyright|\d|[\s.,:;|\u2013\u2014-]")


def _in_picture(element: etree._Element) -> bool:
    """Whether ``element`` is inside a picture or its caption: its copyright is a photo credit."""
    return any(
        parent.tag in _PICTURE or _CREDIT_CLASS.search(parent.get("class") or "")
        for parent in element.iterancestors()
        if isinstance(parent.tag, str) and parent.tag not in ("body", "html")
    )


_NOTICE_MOST = 400
"""The most characters (and pieces of text) of a copyright statement: longer is none."""


def _notice(element: etree._Element) -> str:
    """A copyright element's notice: its text up to the first element that is no part of the
    copyright sentence (a link after the holder is named, a form, a list), without the
    sentences after the first that say nothing of rights (``All times AEDT``); "" for a text
    too long to be one."""
    parts: list[str] = []
    quiet: etree._Element | None = None  # a style or script being passed over
    named = False  # whether the text so far names a holder (more than ©, Copyright, years)
    for event, node in _walk(element):
        if quiet is not None and node is not quiet:
            continue
        piece = ""
        if not isinstance(node.tag, str):  # a comment: only its tail is text
            piece = node.tail or "" if event == "end" else ""
        elif event == "end":
            quiet = None
            piece = "" if node is element else node.tail or ""
        elif node is not element and node.tag in _QUIET:
            quiet = node
        elif node is not element and node.tag in _NOT_SENTENCE and (node.tag != "a" or named):
            break
        else:
            piece = f" {node.get('alt') or ''} " if node.tag == "img" else node.text or ""
        parts.append(piece)
        named = named or bool(_HOLDERLESS.sub("", piece))
        if len(parts) > _NOTICE_MOST or sum(map(len, parts[-1:])) > _NOTICE_MOST:
            return ""
    text = _line("".join(parts))
    if len(text) > _NOTICE_MOST:
        return ""  # a long text is no copyright statement
    sentences = re.split(r"(?<=[.!])\s+(?=[A-Z][a-z])", text)
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if not _RIGHTS_SENTENCE.search(sentence):
            break
        kept.append(sentence)
    return " ".join(kept).strip(" |\u00b7")


def _walk(element: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """``("start", node)`` and ``("end", node)`` for ``element`` and each node under it,
    comments too, in document order, without recursion."""
    yield "start", element
    stack = [(element, iter(element))]
    while stack:
        parent, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "end", parent
            continue
        yield "start", child
        stack.append((child, iter(child)))


def _copyright(element: etree._Element) -> str | None:
    """The page's copyright statement if ``element`` is it: an element of class ``copyright``
    (not inside a picture or its caption: that is a photo credit) whose short notice
    (:func:`_notice`) opens with ©, (c) or Copyright."""
    if not isinstance(element.tag, str) or "copyright" not in (element.get("class") or "").lower().split():
        return None
    if _in_picture(element):
        return None
    text = _notice(element)
    return text if 0 < len(text) <= 200 and _COPYRIGHT.match(text) is not None else None


def _page(
    root: etree._Element, article: etree._Element | None, reader: _Reader, guess: dict[str, Any]
) -> dict[str, Any]:
    """What the document itself offers: canonical link, ``<html lang>``, a headline, keywords,
    a copyright statement; the time of the article's ``<time>`` goes to ``guess``."""
    h1, title = headings(root, article)
    homes = (a for h1 in root.iter("h1") for a in h1.iter("a") if _is_home(a))
    outlets = [text for text in (_words(a) or (a.get("title") or "").strip() for a in homes) if text]
    found: dict[str, Any] = {"headline": h1 or title, "titles": [h1 or "", title or ""], "outlets": outlets}
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            found["url"] = reader.value("url", "link[rel=canonical]", _line(link.get("href", "")))
            break
    scope = article if article is not None else next(root.iter("article"), None)
    stamp = None if scope is None else next((t for t in scope.iter("time") if _stamp(t)), None)
    if stamp is not None:
        with contextlib.suppress(ValueError):  # a guess: a time it cannot read is no claim of the page
            guess["published"] = dates.parse_web(_stamp(stamp))
    tags = [_words(a) for a in root.iter("a") if "tag" in (a.get("rel") or "").lower().split()]
    found["keywords"] = list(dict.fromkeys(tag for tag in tags if tag))
    notice = next((text for e in root.iter() if (text := _copyright(e))), None)
    if notice:
        found["rights"] = Rights(notice=notice)
    return found | _lang(root, reader)


def _lang(root: etree._Element, reader: _Reader) -> dict[str, Any]:
    """The document's language (``<html lang>``), as the ``language`` field, if it has one."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if root.tag == "html" and lang and lang.strip():
        return {"language": reader.value("language", "html[lang]", _line(lang))}
    return {}


def language(root: etree._Element, policy: Lenient) -> dict[str, dict[str, Any]]:
    """What the document says of every article of it, one of several: its language
    (``<html lang>``), as a ``guess`` (an article's own language wins over it, and it is not
    kept when it loses: it is the page's default, no claim about that article)."""
    return {"guess": _lang(root, _Reader(policy))}


def sources(
    root: etree._Element, article: etree._Element | None, policy: Lenient
) -> dict[str, dict[str, Any]]:
    """The fields each source of the page's metadata offers (``og``, ``dc``, ``meta``,
    ``page``; see the module), for the merge. ``article`` is the article's element, where
    its ``<h1>`` is looked for first."""
    reader = _Reader(policy)
    found: dict[str, dict[str, Any]] = {"itemprop": {}, "og": {}, "dc": {}, "meta": {}}
    for tag, text in _tags(root):
        where = ("itemprop", _ITEMPROPS[tag[9:]]) if tag.startswith("itemprop:") else _TAGS.get(tag)
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
    found["guess"] = {}
    found["page"] = _page(root, article, reader, found["guess"])
    return found
