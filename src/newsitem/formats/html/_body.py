"""The body of another's page when its markup does not carry one (see docs/web-bodies.md).

:func:`page_body` finds the article's own element and reads it as blocks with the one
markup module (:func:`newsitem.formats._markup.blocks`, whitespace as a browser renders
it), boilerplate left out:

1. The element the page marks as the body: ``itemprop="articleBody"`` anywhere (matched
   as browsers match names: case-insensitively), else a well-known body container
   (``article-body``, ``story-body``, ``entry-content``... as a class or id), inside the
   microdata article first.
2. Else the page's ``<article>``, ``<main>`` or ``role="main"`` holding most paragraph
   text, when it holds enough of it; and trafilatura (:mod:`._extract`), the field's
   reference, for a page that marks nothing, or when its body holds far more text.

Inside the element, navigation, share bars, newsletter forms, related links, promos,
comment counts, ads and asides are left out, by element (``nav``, ``aside``, ``form``,
``button``...) and by class or id (``share``, ``newsletter``, ``related``, ``promo``,
``comment``, ``ad``...), as are short promo lines ("Reuse this content", "Advertisement")
and the bylines, timestamps and headline a page repeats at the top of the body.

Cost: every step visits each element of the page a bounded number of times (text sizes
are summed bottom-up once); trafilatura is only given pages of at most
:data:`~._extract.MAX_ELEMENTS` elements and :data:`~._extract.MAX_TEXT` characters of text.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin

import attrs
from lxml import etree

from newsitem.formats import _markup
from newsitem.formats.html import _extract, _microdata
from newsitem.formats.html._policy import Lenient
from newsitem.model import Block, Figure, Heading, Paragraph

__all__ = ["container", "own_body", "page_body"]

_BODY_NAMES = re.compile(
    r"(?:^|\s)(?:(?:article|story|entry|post|news|blog|body)[-_]*(?:body|content|text|copy)"
    r"(?:[-_]*(?:main|text|content|inner|wrapper|container|\d+))?"
    r"|articlebody|storybody|articletext|bodytext|body-copy|rich-text|caas-body|content[-_]*body"
    r"|c-entry-content|article__body|article__content|content__article-body|story-text|entry)(?=\s|$)",
    re.IGNORECASE,
)
"""Class or id tokens of the usual body containers."""
_BOILERPLATE = re.compile(
    r"share|sharing|social|newsletter|related|promo|comment|advert|sponsor|subscri|signup|sign-up"
    r"|breadcrumb|byline|author|timestamp|dateline|toolbar|sidebar|recommend|outbrain|taboola"
    r"|popular|most-read|trending|footer|masthead|nav|menu|tags|topics|paywall-prompt|modal|popup"
    r"|cookie|consent|print|read-more|readmore|more-from|also-read|see-also|hidden|visually-hidden"
    r"|sr-only|^ads?$|^ad[-_]|[-_]ads?$|[-_]ad[-_]|inline-ad|^dfp|gpt-|banner|widget|meta$|kicker"
    r"|headline|^header|[-_]header|article-header|rating|disclaimer|follow|bio$|skip",
    re.IGNORECASE,
)
"""Class or id tokens of boilerplate inside a body (left out unless it holds most of the text)."""
_NOT_BOILERPLATE = re.compile(r"body|content|text|figure|caption|image|photo|media|table", re.IGNORECASE)
"""Tokens of a body part: an element with one of them as well is kept (``article-body share`` is
rare; ``image-caption`` is not the caption of an ad)."""
SKIP = _markup.BLOCK_SKIPPED | {
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "iframe",
    "svg",
    "canvas",
    "video",
    "audio",
    "object",
    "embed",
    "dialog",
    "menu",
    "footer",
    "header",
    "label",
}
"""Elements whose content is not story text inside a page's body."""
_PROMO = re.compile(
    r"^(?:advertisement|advertising|anzeige|publicidade|publicidad|publicité|reuse this content"
    r"|read more|read next|continue reading|more on this story|related|related articles|related stories"
    r"|see also|share|share this|share this article|share on \w+|comments?|\d+ comments?"
    r"|skip advertisement|story continues below(?: advertisement)?|sign up|subscribe"
    r"|click here to .*|follow us on .*|all rights reserved\.?|image|photo|video|getty images"
    r"|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|à lire aussi|lire aussi"
    r"|leia também|leia mais|lee también|lea también|más información)"
    r"[\s.:!»>\u203a]*$",
    re.IGNORECASE,
)
"""Promo lines and labels that are not story text."""
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|af)\s+\S", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"\d{1,2}:\d{2}|\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b.*\b(?:updated|published|am|pm)\b"
    r"|\b(?:updated|published|aktualisiert|atualizado|publié|mis à jour)\b",
    re.IGNORECASE,
)
_SLUG = re.compile(r"[\w.]*[\d_-][\w.-]*(?:\.(?:jpe?g|png|gif|webp))?", re.ASCII)
"""A file name or slug standing as an image's text alternative (no space, a digit, ``_`` or ``-``)."""
_TOP_WORDS = 25
"""A leading paragraph of at most this many words may be a repeated byline or timestamp."""
ENOUGH_WORDS = 80
"""An ``<article>`` or ``<main>`` is taken as the body when it holds this many words of
paragraph text (and trafilatura's body is not much larger)."""
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-srcset", "srcset")


def _text(element: etree._Element) -> str:
    """The text of ``element`` and its descendants."""
    return "".join(text for text in element.itertext() if isinstance(text, str))


_PROPS = etree.XPath("descendant-or-self::*[@itemprop]")
_NAMED = etree.XPath("descendant-or-self::*[@class or @id]")


def _select(path: etree.XPath, scope: etree._Element) -> list[etree._Element]:
    """The elements ``path`` selects in ``scope`` (in C: no Python step per element)."""
    found = path(scope)
    return (
        [element for element in found if isinstance(element, etree._Element)]
        if isinstance(found, list)
        else []
    )


def _names(element: etree._Element) -> str:
    """The class and id of ``element``, space-separated."""
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _tokens(element: etree._Element) -> list[str]:
    return f"{element.get('class') or ''} {element.get('id') or ''}".split()


def _has_prop(element: etree._Element, name: str) -> bool:
    return name in (element.get("itemprop") or "").lower().split()


def _elements(root: etree._Element) -> Iterator[etree._Element]:
    """The elements below ``root`` (itself included), comments and the like left out."""
    return (element for element in root.iter() if isinstance(element.tag, str))


def _paragraph_words(root: etree._Element) -> dict[etree._Element, int]:
    """Per element, the words of the ``p`` elements inside it (and its own, for a ``p``),
    summed bottom-up in one pass: linear."""
    words: dict[etree._Element, int] = {}
    order = list(_elements(root))
    for element in reversed(order):
        own = len(_text(element).split()) if element.tag == "p" else 0
        words[element] = own + sum(words.get(child, 0) for child in element)
    return words


_ITEMS = etree.XPath("//*[@itemscope]")


def _several(root: etree._Element, article: etree._Element) -> bool:
    """Whether the page holds another article item than ``article`` (neither inside it nor
    around it): then the page's body is not that article's."""
    around = set(article.iterancestors())
    for item in _select(_ITEMS, root):
        if item is article or item in around or not _microdata.is_article(item):
            continue
        if not any(parent is article for parent in item.iterancestors()):
            return True
    return False


_FEW = 16
"""Up to this many candidate elements are measured one by one (their ``p`` elements: at most
this many visits of each element); more are measured bottom-up in one pass over the page."""


def _measure(scope: etree._Element, found: list[etree._Element]) -> dict[etree._Element, int]:
    """The paragraph words of each of ``found`` (elements inside ``scope``)."""
    if len(found) > _FEW:
        return _paragraph_words(scope)
    return {element: sum(len(_text(p).split()) for p in element.iter("p")) for element in found}


def _marked(root: etree._Element, article: etree._Element | None) -> etree._Element | None:
    """The element the page marks as its body: ``itemprop=articleBody``, else a well-known
    body container (inside ``article`` first), the one with most paragraph text."""
    for scope in (article, root):
        if scope is None:
            continue
        found = [element for element in _select(_PROPS, scope) if _has_prop(element, "articlebody")] or [
            element for element in _select(_NAMED, scope) if _BODY_NAMES.search(_names(element))
        ]
        if found:
            words = _measure(scope, found)
            best = max(found, key=lambda element: words.get(element, 0))
            if words.get(best, 0) or _has_prop(best, "articlebody"):
                return best
    return None


def _semantic(root: etree._Element, words: dict[etree._Element, int]) -> etree._Element | None:
    """The ``<article>``, ``<main>`` or ``role=main`` with most paragraph words, or None."""
    found = [
        element
        for element in _elements(root)
        if element.tag in ("article", "main") or (element.get("role") or "").lower() == "main"
    ]
    return max(found, key=lambda element: words.get(element, 0), default=None)


def _densest(root: etree._Element, words: dict[etree._Element, int]) -> etree._Element | None:
    """The element whose own ``p`` children hold most words (readability's idea, simplified)."""
    best: etree._Element | None = None
    score = 0
    for element in _elements(root):
        own = sum(words.get(child, 0) for child in element if child.tag == "p")
        if own > score:
            best, score = element, own
    return best


def container(root: etree._Element, article: etree._Element | None) -> tuple[etree._Element | None, str]:
    """The element holding the body by our own rules, and how it was found: ``articleBody``
    (``itemprop``), ``marked`` (a body class or id), ``semantic`` (``article``, ``main``),
    ``densest`` (most ``p`` text), or ``none``."""
    marked = _marked(root, article)
    if marked is not None:
        return marked, "articleBody" if _has_prop(marked, "articlebody") else "marked"
    words = _paragraph_words(root)
    semantic = _semantic(root, words)
    if semantic is not None and words.get(semantic, 0) >= ENOUGH_WORDS:
        return semantic, "semantic"
    densest = _densest(root, words)
    return densest, "none" if densest is None else "densest"


def _boilerplate(element: etree._Element) -> bool:
    tokens = _tokens(element)
    if any(_NOT_BOILERPLATE.search(token) for token in tokens):
        return False
    if (element.get("role") or "").lower() in ("navigation", "complementary", "banner", "contentinfo"):
        return True
    if (element.get("aria-hidden") or "").lower() == "true" or element.get("hidden") is not None:
        return True
    return any(_BOILERPLATE.search(token) for token in tokens)


def _base(root: etree._Element) -> str | None:
    """The page's own address, to make relative links and images absolute: ``<base href>``,
    ``<link rel=canonical>`` or ``og:url``."""
    for element in _elements(root):
        if element.tag == "base" and element.get("href"):
            return element.get("href")
        if element.tag == "link" and "canonical" in (element.get("rel") or "").lower().split():
            return element.get("href")
        if element.tag == "meta" and (element.get("property") or "").lower() == "og:url":
            return element.get("content")
        if element.tag == "body":
            break
    return None


def _absolute(element: etree._Element, base: str | None) -> None:
    """Lazy images get their real source; with a base, relative links and sources become absolute."""
    for node in _elements(element):
        if node.tag == "img":
            src = node.get("src") or ""
            if not src.strip() or src.startswith("data:"):
                for name in _LAZY_SOURCES:
                    value = (node.get(name) or "").strip().split(" ")[0].strip(",")
                    if value and not value.startswith("data:"):
                        node.set("src", value)
                        break
        if base is not None:
            for name in ("href", "src"):
                link = node.get(name)
                if link and link.strip() and not link.startswith(("#", "data:", "javascript:")):
                    try:
                        node.set(name, urljoin(base, link.strip()))
                    except ValueError:
                        continue


def _text_words(root: etree._Element) -> dict[etree._Element, int]:
    """Per element, about how many words of text it holds, summed bottom-up in one pass."""
    words: dict[etree._Element, int] = {}
    for element in reversed(list(_elements(root))):
        own = len((element.text or "").split()) + sum(len((child.tail or "").split()) for child in element)
        words[element] = own + sum(words.get(child, 0) for child in element)
    return words


def _cleaned_copy(element: etree._Element, base: str | None) -> etree._Element:
    """A copy of ``element`` without its boilerplate parts (the page's tree is not touched)."""
    body = copy.deepcopy(element)
    words = _text_words(body)
    total = words.get(body, 0)
    doomed = [
        node
        for node in _elements(body)
        if node is not body and _boilerplate(node) and words.get(node, 0) * 2 <= total
    ]  # an element holding most of the body's text is the body, whatever its class says
    for node in doomed:
        parent = node.getparent()
        if parent is None:  # pragma: no cover - never the copy's root
            continue
        previous = node.getprevious()
        if node.tail:  # the text after it stays
            if previous is not None:
                previous.tail = (previous.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    _absolute(body, base)
    return body


def _headline(root: etree._Element) -> str | None:
    for element in _elements(root):
        if element.tag == "h1":
            return " ".join(_text(element).split()) or None
    return None


def _trimmed(blocks: list[Block], headline: str | None) -> list[Block]:
    """Promo lines left out; the headline, bylines and timestamps repeated at the top dropped."""
    out = [_named(block) for block in blocks if not _promo(block)]
    start = 0
    while start < len(out):
        block = out[start]
        text = " ".join(block.text.split())
        repeated = (
            isinstance(block, Heading) and headline is not None and text.casefold() == headline.casefold()
        )
        if not repeated and not (
            isinstance(block, Paragraph) and len(text.split()) <= _TOP_WORDS and _top_line(text)
        ):
            break
        start += 1
    return out[start:]


def _named(block: Block) -> Block:
    """A figure whose text alternative is a file name or slug (``0225-lupita-getty-01``,
    ``update_graphic_red_bar``: what a CMS fills in) without it: no text for a reader."""
    if isinstance(block, Figure) and block.alt is not None and _SLUG.fullmatch(block.alt) is not None:
        return attrs.evolve(block, alt=None)
    return block


def _promo(block: Block) -> bool:
    if not isinstance(block, Paragraph | Heading):
        return False
    text = " ".join(block.text.split())
    return len(text) <= 80 and _PROMO.match(text) is not None


def _top_line(text: str) -> bool:
    return _BYLINE.match(text) is not None or _TIMESTAMP.search(text) is not None


def _read(element: etree._Element | None, root: etree._Element, policy: Lenient) -> list[Block]:
    """The blocks of the body ``element`` (of the page ``root``), boilerplate left out."""
    if element is None:
        return []
    body = _cleaned_copy(element, _base(root))
    found = _markup.blocks(body, link=policy.link, media=policy.media, tidy=True, skip=SKIP, html=True)
    return _trimmed(found, _headline(root))


def own_body(
    root: etree._Element, article: etree._Element | None, policy: Lenient
) -> tuple[list[Block], str]:
    """The body by our own rules alone, and how its element was found (see :func:`container`)."""
    element, how = container(root, article)
    return _read(element, root, policy), how


def _words(blocks: Iterable[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks)


def page_body(root: etree._Element, article: etree._Element | None, policy: Lenient) -> list[Block]:
    """The body of a page whose markup does not carry one (see the module docstring): our own
    rules where the page marks its body with ``itemprop=articleBody``, trafilatura elsewhere
    (unless it finds less than half the words our rules find in a body container, or the page
    is over its size cap); [] when the page has none. ``article`` (the microdata article, if
    any) is searched first; when the page holds other article items, only ``article`` is
    searched, by our own rules (the page's body is not one article's of several). ``root`` is
    not changed.

    Raises:
        MissingExtraError: trafilatura is needed (no ``itemprop=articleBody`` with text) and
            absent; the message names the extra ``web``.
    """
    if article is not None and _several(root, article):
        element, _ = container(article, None)  # one of several articles: its own element only
        return _read(element, root, policy)
    marked = _marked(root, article)
    own = None if marked is None else _read(marked, root, policy)
    if own and marked is not None and _has_prop(marked, "articlebody"):
        return own
    theirs = _extract.extracted(root, policy)
    if theirs and (not own or 2 * _words(theirs) >= _words(own)):
        return _trimmed(theirs, None)
    if own:
        return own  # over the size cap, or trafilatura found too little
    element, _ = container(root, article)
    return [] if element is marked else _read(element, root, policy)
