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
and the bylines, timestamps and headline a page repeats at the top of the body. At
either edge of the body, what is no story text is trimmed (:func:`_edge`: reading UI and
badges, a date alone, sign-offs and end marks, references, calls to readers, promos,
orphaned captions, caption-less images). Hidden elements (inline styles) are left out;
captions, credits, ``noscript`` images and image boxes make figures; a blank line
(``<br><br>``) in a paragraph splits it.

Cost: every step visits each element of the page a bounded number of times (text sizes
are summed bottom-up once); trafilatura is only given pages of at most
:data:`~._extract.MAX_ELEMENTS` elements and :data:`~._extract.MAX_TEXT` characters of text.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin

import attrs
from lxml import etree

from newsitem import dates
from newsitem.formats import _markup
from newsitem.formats.html import _extract, _microdata
from newsitem.formats.html._policy import Lenient
from newsitem.model import Block, Figure, Heading, ListBlock, Paragraph

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
    style = element.get("style")
    if style and _hidden(style):
        return True
    return any(_BOILERPLATE.search(token) for token in tokens)


_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NO_HEIGHT = re.compile(r"(?:^|[;\s])height\s*:\s*0(?:px)?\s*(?:;|$)", re.IGNORECASE)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.IGNORECASE)


def _hidden(style: str) -> bool:
    """Whether an inline style shows nothing: ``display: none``, ``visibility: hidden``, or no
    height with its overflow hidden (an ad slot waiting to be filled). Linear: three scans."""
    if _HIDDEN.search(style) is not None:
        return True
    return _NO_HEIGHT.search(style) is not None and _OVERFLOW_HIDDEN.search(style) is not None


_CREDIT_TEXT = re.compile(
    r"^\s*(?:credits?|photo(?:graph)?s?|image|picture|source|illustration|bild|foto|fotos|crédits?"
    r"|crédito|créditos|fuente|quelle|写真|사진)\s*:",
    re.IGNORECASE,
)
"""The start of a credit printed inside a caption ("Credit: ...", "Photo: ...", "Bild: ...")."""
_IMAGE_BOX = re.compile(r"photo|image|img|picture|media|figure|visual", re.IGNORECASE)
_CAPTION_WORDS = 60
"""The most words of text an image box may hold for it to be a captioned figure."""


def _outermost(elements: list[etree._Element]) -> list[etree._Element]:
    """Of ``elements`` (of one tag, in document order), those inside none of the others: each
    one kept covers the ones of its tag inside it (found by libxml2 in its subtree, and the
    subtrees of the ones kept are apart), so the work is linear in the page."""
    covered: set[etree._Element] = set()
    out: list[etree._Element] = []
    for element in elements:
        if element in covered:
            continue
        out.append(element)
        covered.update(element.iterdescendants(element.tag))
    return out


def _figure_parts(body: etree._Element) -> None:
    """In each ``figure``: an image given only inside ``noscript`` (a lazy loader's fallback,
    what a browser without scripts shows) becomes the figure's image, and without a
    ``figcaption``, the part whose class names a caption (``caption``, ``asset-embed__caption``)
    is its caption. A figure inside another is part of that one."""
    for figure in _outermost(list(body.iter("figure"))):
        images = list(figure.iter("img"))
        if images and all(_inside(image, "noscript", figure) for image in images):
            fallback = images[0]
            holder = fallback.getparent()
            while holder is not None and holder.tag != "noscript":
                holder = holder.getparent()
            if holder is not None and holder.getparent() is not None:
                fallback.tail = None
                holder.addprevious(fallback)
        if figure.find(".//figcaption") is None:
            for part in figure.iterdescendants():
                if isinstance(part.tag, str) and any(_is_caption(token) for token in _tokens(part)):
                    part.tag = "figcaption"
                    break


def _is_caption(name: str) -> bool:
    name = name.lower()
    return name == "caption" or name.endswith(("__caption", "-caption", "_caption"))


def _inside(element: etree._Element, tag: str, stop: etree._Element) -> bool:
    """Whether ``element`` is inside a ``tag`` element below ``stop``."""
    for parent in element.iterancestors():
        if parent is stop:
            return False
        if parent.tag == tag:
            return True
    return False


def _credits(body: etree._Element) -> None:
    """Inside each caption, a part whose class names a credit (``caption-credit``) or whose
    text starts as a credit ("Credit: ...", "Bild: ...") becomes the figure's credit
    (``small``, as the markup module reads it), apart from the caption's own text."""
    for caption in _outermost(list(body.iter("figcaption"))):
        for part in list(caption.iterdescendants()):
            if not isinstance(part.tag, str) or part.tag in ("a", "br"):
                continue
            named = any("credit" in token.lower() for token in _tokens(part))
            if named or (len(part) == 0 and _CREDIT_TEXT.match(part.text or "")):
                part.tag = "small"


_IMAGES = etree.XPath("count(.//img)")
_LENGTH = etree.XPath("string-length(.)")
_CAPTION_CHARS = 2000
"""An image box holding more characters of text than this is no captioned picture (checked
by libxml2 before any Python step over its text)."""


def _figures(body: etree._Element) -> None:
    """An image box (a ``div`` or ``span`` whose class names a photo, image or media) holding
    one image and a short text, and no figure or paragraph of its own, becomes a ``figure``
    whose caption is that text: what a browser shows as a captioned picture. Each box is
    measured by libxml2 (its images and text length); only a short one is read in Python."""
    gone: set[etree._Element] = set()  # the boxes inside a box made a figure (no longer in the page)
    for box in list(body.iter("div", "span")):
        if not _IMAGE_BOX.search(_names(box)) or _IMAGES(box) != 1:
            continue
        length = _LENGTH(box)
        if not isinstance(length, float) or length > _CAPTION_CHARS or box in gone:
            continue
        if box.find(".//figure") is not None or box.find(".//p") is not None:
            continue
        text = " ".join(_text(box).split())
        if not text or len(text.split()) > _CAPTION_WORDS:
            continue
        gone.update(box.iterdescendants("div", "span"))
        image = next(box.iter("img"))
        caption = etree.Element("figcaption")
        caption.text = text
        tail = box.tail
        box.clear()
        box.tag = "figure"
        box.append(image)
        image.tail = None
        box.append(caption)
        box.tail = tail


def _headers(body: etree._Element) -> None:
    """A ``header`` inside the body holding text alone (a standfirst, no heading, no links
    or navigation) is a paragraph of the body; other headers stay left out."""
    for header in list(body.iter("header")):
        if header is body or any(isinstance(child.tag, str) for child in header.iterdescendants()):
            continue
        if len(_text(header).split()) >= 5:
            header.tag = "p"


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
    _extract.split_blank_lines(body)
    _extract.drop_unseen(body)
    _figure_parts(body)
    _credits(body)
    _figures(body)
    _headers(body)
    _absolute(body, base)
    return body


def _headline(root: etree._Element) -> str | None:
    for element in _elements(root):
        if element.tag == "h1":
            return " ".join(_text(element).split()) or None
    return None


def _trimmed(blocks: list[Block], headline: str | None) -> list[Block]:
    """Promo lines left out; the headline, bylines and timestamps repeated at the top dropped;
    what is no story text trimmed from both edges (:func:`_edge`), unless nothing would be
    left (a page whose only text is such a line keeps it)."""
    out = [_named(block, headline) for block in blocks if not _promo(block)]
    start = 0
    while start < len(out):
        block = out[start]
        text = " ".join(block.text.split())
        if not _repeated(block, headline) and not (
            isinstance(block, Paragraph) and len(text.split()) <= _TOP_WORDS and _top_line(text)
        ):
            break
        start += 1
    first, end = start, len(out)
    while first < end:  # _menu only where _edge fails: it jumps past its lists or ends the loop
        if _edge(out[first]) or _repeated(out[first], headline) or _dateline_alone(out[first]):
            first += 1
            continue
        if first + 1 < end and _label(out[first]) and _repeated(out[first + 1], headline):
            first += 2  # a kicker, then the headline again
            continue
        menu = _menu(out, range(first, end))
        if menu is None:
            break
        first = menu + 1
    while end > first:
        if _edge(out[end - 1]) or _header_alone(out[end - 1]):
            end -= 1
            continue
        menu = _menu(out, range(end - 1, first - 1, -1))
        if menu is None:
            break
        end = menu
    return out[first:end] if first < end else out[start:]


def _dateline_alone(block: Block) -> bool:
    """Whether ``block`` is a dateline standing alone at the start ("New York CNN \u2014",
    "Ormalingen,"): a few words ending with a comma or a dash, the story's first sentence apart."""
    text = block.text.strip() if isinstance(block, Paragraph) else ""
    return 0 < len(text.split()) <= _KICKER_WORDS and text[-1] in ",\u2014\u2013-"


def _label(block: Block) -> bool:
    """Whether ``block`` is a short label: a few words with no sentence punctuation."""
    text = block.text.strip() if isinstance(block, Paragraph | Heading) else ""
    return 0 < len(text.split()) <= _KICKER_WORDS and _KICKER.fullmatch(text + " ") is not None


def _header_alone(block: Block) -> bool:
    """Whether ``block``, last in the body, is a short label ending with a colon ("Editors'
    Recommendations:", "Lesen Sie auch:"): the header of a list that is not story and is gone."""
    if isinstance(block, Heading):
        return True  # a heading with nothing after it heads no story text
    text = block.text.strip() if isinstance(block, Paragraph) else ""
    return 0 < len(text.split()) <= _LABEL_WORDS and text[-1] in ":\uff1a"


_LABEL_WORDS = 6
"""A label ending with a colon, last in a body, has at most this many words."""


def _menu(blocks: list[Block], order: range) -> int | None:
    """The index of the farthest list of links (in ``order``, from an edge inward) reached
    through only lists of links and labels (paragraphs of at most ``_PROMO_WORDS`` words that
    end with no sentence stop): a site's menu or a related-links section with its labels
    ("Dow Jones" / Barron's, MarketWatch...), left at an edge; None when there is none.
    Stops at the first other block (the whole scan is bounded by the edge's run of labels)."""
    found = None
    for i in order:
        block = blocks[i]
        if isinstance(block, ListBlock) and block.items and all(_linked(item) for item in block.items):
            found = i
            continue
        text = block.text.strip() if isinstance(block, Paragraph) else ""
        if not text or len(text.split()) > _PROMO_WORDS or text[-1] in _STOPS:
            break
    return found


_STOPS = frozenset('.!?\u3002\uff01\uff1f"\u201d\u2019')
"""Characters that end a sentence (a label has none at its end)."""


def _repeated(block: Block, headline: str | None) -> bool:
    return isinstance(block, Heading | Paragraph) and _repeats(" ".join(block.text.split()), headline)


def _repeats(text: str, headline: str | None) -> bool:
    """Whether ``text`` is the headline again, alone or after a kicker of a few words
    ("Germany Berlin confronts ..." before "Berlin confronts ...")."""
    if headline is None or not headline.strip():
        return False
    line, wanted = text.casefold(), " ".join(headline.split()).casefold()
    if line == wanted:
        return True
    kicker = line[: -len(wanted)] if line.endswith(wanted) else ""
    return bool(kicker) and len(kicker.split()) <= _KICKER_WORDS and _KICKER.fullmatch(kicker) is not None


_KICKER_WORDS = 4
_KICKER = re.compile(r"[^\W_]+(?:[\s'&\u2019-]+[^\W_]+)*\s+")
"""A kicker: words of letters and digits, no sentence punctuation ("Nobody said:" is no kicker)."""
"""A kicker (section label) before a repeated headline has at most this many words."""
_EDGE_WORDS = 12
"""A line at an edge of the body of at most this many words may be reading-UI text."""
_UI = re.compile(
    r"^(?:continue reading(?: the main story| below| (?:the )?(?:full )?(?:story|article))?"
    r"|loading\b.{0,40}|(?:exclusive|update[ds]?|breaking(?: news)?|live|watch|listen|developing)"
    r"|(?:see|read) also|related(?: (?:content|coverage|links?|topics?))?|more from .{1,40}"
    r"|\d+\s*(?:min(?:ute)?s?\.?|minutes?)(?: read| lesezeit| de lecture)?"
    r"|weiterlesen|mehr lesen|lire la suite|leia mais|seguir leyendo|続きを読む|関連記事|더보기)"
    r"[\s.:!\u2026»>\u203a]*$",
    re.IGNORECASE,
)
"""Reading-UI phrases and badges standing alone (several languages)."""
_CLICK = re.compile(
    r"\bclick here\b|\bklicken sie hier\b|\bcliquez ici\b|\bhaga clic aqu[ií]\b", re.IGNORECASE
)
_PROMO_WORDS = 30
"""A paragraph at an edge of at most this many words may be a promo pointing elsewhere."""
_POINTER = re.compile(
    r"\b(?:here|hier|ici|aquí|aqui|this link)\W*$|\b(?:check it out|find out more|learn more|more here)\b",
    re.IGNORECASE,
)
"""A promo's end: a pointer to another page ("... Check it out here.", "... Here.")."""
_CALL = re.compile(
    r"\b(?:share|send)(?: us)? your (?:videos?|photos?|pictures?|stories|story|tips?|thoughts)\b"
    r"|\b(?:sign up|subscribe|subscribing) (?:for|to) (?:our|the)\b|\bfollow us on\b"
    r"|\bfollow (?:\w+ ){0,3}on (?:facebook|twitter|instagram|youtube|linkedin)\b"
    r"|\bsubscri(?:be|bing|ption) (?:to|of) (?:our|\S+['\u2019]s)\b|\b(?:to|in|right in) your inbox\b"
    r"|\bjoin our\b|\blet us know\b.{0,40}\bcomments\b|\bin the comments(?: below)?\b"
    r"|\breceba em seu e-?mail\b|\bdatenschutzerklärung habe ich zur kenntnis genommen\b"
    r"|^(?:atenção|atención|atencion|attention|achtung):? (?:os |los |les )?coment[aá]rios?\b"
    r"|\bse reserva el derecho\b|\b(?:views|opinions) expressed (?:below|in the comments)\b"
    r"|الآراء الواردة أدناه"
    r"|\ball rights reserved\b|未经(?:授权|许可).{0,12}不得转载",
    re.IGNORECASE,
)
"""A call to readers (to send pictures, to subscribe, to follow): no story text."""
_REFERENCE = re.compile(
    r"(?:doi:?\s*10\.\S+|https?://\S+|[\w .&]{2,60} \d+, [\d\u2013-]+ \(\d{4}\)"
    r"|[\w .&:,'\u2019-]{2,100}\s?\((?:19|20)\d{2}\)\.?)",
    re.IGNORECASE,
)
"""A reference alone: a DOI, an address, a journal citation ("Nature 574, 16-17 (2019)")."""
_CAPTION_LINE = re.compile(
    r"(?:^|[.!?]\s+|\s)(?:bild|foto|fotos|photo|photograph|credit|image|crédit|crédito|imagen|quelle)"
    r"\s*:\s*[^.!?]{1,60}$",
    re.IGNORECASE,
)
"""A caption left as a paragraph (its image not kept): text ending in a credit ("... Bild: dpa",
"... Photo: Getty Images")."""
_EDGE_LINE = re.compile(
    r"^(?:"
    # sharing and following
    r"share this on \w+(?: \w+)?|share (?:it )?with (?:a friend|your friends)|like this (?:story|article)\b.*"
    r"|(?:facebook|twitter|instagram|youtube|linkedin|whatsapp)(?: offizielles logo)?"
    r"|(?:\w+ )?(?:news )?on (?:facebook|twitter|instagram|youtube)(?: [\d./-]+)?"
    r"|follow @\w+ on twitter(?: [\d./-]+)?|compartilhe|compartir|teilen|partager|このニュースをシェア"
    # subscribing, paywalls, membership, newsletters, consent
    r"|subscribe(?: now)?(?: sign in)?|sign in|log in|jetzt unterstützen!?|join \w+"
    r"|become a (?:member|subscriber|patron)\b.*|support (?:us|our journalism)\b.*"
    r"|sign up for \w+(?: \w+){0,4}|newsletter"
    r"|.*\bnewsletters?\b.*\b(?:sign up|subscribe|abonnieren|inscrivez)\b.*"
    r"|.*datenschutzerklärung habe ich zur kenntnis genommen\.?|.*会員限定.*"
    r"|dow jones, a news corp company|to read the full (?:story|article)|already a (?:subscriber|member)\b.*"
    r"|subscribe to (?:continue|read|keep reading)\b.*"
    r"|this (?:article|content) is for (?:subscribers|members)\b.*"
    # comments and moderation
    r"|loading comments.*|tell us what you think.*|leave a (?:comment|reply)|comments? (?:are )?closed"
    r"|be the first to comment.*|(?:atenção|atencion|atención|attention|achtung):? (?:os )?coment[aá]rios?.*"
    r"|.* se reserva el derecho .*|.* reserves the right to (?:remove|delete|edit) .*"
    # related lists
    r"|(?:- )?(?:you may also like|you might also like|related videos?|recent slide ?shows?"
    r"|recommended(?: for you)?"
    r"|more stories|trending(?: now)?|most (?:read|popular)|popular (?:stories|posts)|top stories"
    r"|diese artikel könnten (?:dich|sie) (?:ebenfalls|auch) interessieren"
    r"|das könnte (?:dich|sie) auch interessieren"
    r"|vous aimerez aussi|à voir aussi|te puede interessar|te puede interesar|você também pode gostar"
    r"|精彩视频推荐|相关阅读|関連ニュース)\b.*"
    r"|filed under:? .*"
    # reading aids, ratings, credits
    r"|text size|(?:tempo de leitura|reading time|lesezeit|temps de lecture|tiempo de lectura):? .*"
    r"|\d+(?:[.,]\d+)? (?:bewertungen|ratings?|reviews?|avaliações|valoraciones|votes?)"
    r"|(?:©|\(c\)|copyright\b) ?.*|image (?:copyright|caption|source|credit)\b.*|media caption.*"
    r"|meist ?gelesen|most viewed|(?:write to|contact|e-?mail) .{0,60}@\S+"
    r")[\s.:!\u2026»>\u203a|]*$",
    re.IGNORECASE,
)
"""Lines of page furniture at an edge (several languages): share and follow calls, subscribe,
paywall, membership, newsletter and consent lines, comment prompts and moderation notices,
headers of related lists, reading times, ratings, picture or page credits."""
_CITATION = re.compile(r"\(\d{4}, \w+ \d{1,2}\) retrieved .{1,80} from https?://\S+", re.IGNORECASE)
"""A citation line a page prints under its article ("... (2019, October 22) retrieved 20 January
2020 from https://...")."""
_EDGE_CHARS = 200
"""An edge line is matched against the phrase list only up to this length (bounded cost)."""
_LINKED_SHARE = 0.8
"""An edge line of at most ``_PROMO_WORDS`` words whose text is this share of links is a related
headline or a list of links, not story text."""
_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_END_MARK = re.compile(r"\(?(?:end|ends|ende|fin|fim|finis)\)?|/fin/|-30-|#{3}|\*{3}", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
"""A word of a name: letters (an apostrophe or hyphen inside), no digit, no punctuation."""


def _edge(block: Block) -> bool:
    """Whether ``block`` at an edge of the body is no story text: a figure with no caption,
    credit or text alternative; a short line of reading UI or a badge ("Continue reading the main
    story", "Loading ...", "EXCLUSIVE"); a date or time alone; lines that are each an e-mail
    address or an agency end mark ("(END)", "/FIN/"); a link alone whose text is one or two
    words of letters, without punctuation (a byline's or a credit's remains: "Kevin")."""
    if isinstance(block, Figure):
        if block.credit:
            return False
        if block.caption:  # a logo captioned with a furniture line ("Follow @news on Twitter")
            return len(block.caption) <= _EDGE_CHARS and _edge(Paragraph.plain(block.caption))
        return not block.alt
    if isinstance(block, ListBlock):
        return all(_linked(item) or _edge(item) for item in block.items)
    if not isinstance(block, Paragraph | Heading):
        return False
    lines = [line for line in block.text.splitlines() if line.strip()]
    if len(lines) > 1 and len(lines) <= _EDGE_WORDS and all(_edge(Paragraph.plain(line)) for line in lines):
        return True  # a block of furniture lines ("Facebook" / "DW News on Facebook 11.07.2017")
    text = " ".join(block.text.split())
    words = text.split()
    if not words:
        return True
    if len(words) > _PROMO_WORDS:
        return False
    if _POINTER.search(text) or _CALL.search(text) or _linked(block):
        return True
    if len(text) <= 2 * _EDGE_CHARS and _CITATION.search(text):
        return True
    if len(words) > _EDGE_WORDS:
        return False
    if len(text) <= _EDGE_CHARS and _EDGE_LINE.match(text):
        return True
    if _UI.match(text) or _CLICK.search(text) or _moment(text):
        return True
    if _REFERENCE.fullmatch(text) or _CALL.search(text) or _CAPTION_LINE.search(text):
        return True
    lines = [line.strip() for line in block.text.splitlines() if line.strip()]
    if all(_MAIL.fullmatch(line) or _END_MARK.fullmatch(line) for line in lines):
        return True
    linked = isinstance(block, Paragraph) and all(run.link is not None for run in block.runs)
    return linked and len(words) <= 2 and all(_NAME_WORD.fullmatch(word) for word in words)


def _linked(block: Paragraph | Heading) -> bool:
    """Whether most of ``block``'s text is link text (a related headline, a list of links)."""
    linked = sum(len(run.text) for run in block.runs if run.link is not None)
    total = sum(len(run.text.strip()) for run in block.runs)
    return total > 0 and linked >= _LINKED_SHARE * total


def _moment(text: str) -> bool:
    """Whether ``text`` is a date or a time alone (as news sites print them), or a few of them
    separated by ``|`` ("29 November 2018 | 20 January 2019": teaser dates left behind)."""
    if "|" in text and len(text) <= 4 * 40:
        parts = [part.strip() for part in text.split("|")]
        return all(part and _moment(part) for part in parts)
    if len(text) > 40:
        return False
    try:
        dates.parse_web(text)
    except ValueError:
        return re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{1,5})?", text, re.I) is not None
    return True


_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]{0,500})?/?>")
"""A start or end tag written as text (bounded: linear on any text)."""


def _named(block: Block, headline: str | None = None) -> Block:
    """A figure whose text alternative is a file name or slug (``0225-lupita-getty-01``,
    ``update_graphic_red_bar``: what a CMS fills in) or the page's headline repeated, without
    it: no text for a reader. A text alternative that is itself markup (an attribute holding
    escaped HTML: ``<span style="...">Nintendo/Apple</span>``) is read to its text first."""
    if not isinstance(block, Figure) or block.alt is None:
        return block
    raw = block.alt
    if _TAG.search(raw) is not None:
        raw = " ".join(html.unescape(_TAG.sub("", raw)).split())
        block = attrs.evolve(block, alt=raw or None)
        if not raw:
            return block
    alt = " ".join(raw.split()).casefold()
    if _SLUG.fullmatch(raw) is not None or (headline is not None and alt == headline.casefold()):
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


def _alike(root: etree._Element, marked: etree._Element) -> list[etree._Element]:
    """The page's body containers marked by a body class or id that ``marked`` has too (a body
    split in parts: ``story-body story-body-1``, ``story-body story-body-2``...), in document
    order, none inside another; ``[marked]`` when it has no such name."""
    names = {token for token in _tokens(marked) if _BODY_NAMES.search(token)}
    if not names:
        return [marked]
    covered: set[etree._Element] = set()
    out: list[etree._Element] = []
    for element in _select(_NAMED, root):
        if element not in covered and names & set(_tokens(element)):
            out.append(element)
            covered.update(element.iterdescendants())  # the parts kept are apart: linear
    return out


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _with_figures(theirs: list[Block], own: list[Block]) -> list[Block]:
    """trafilatura's blocks with the figures with a caption or credit of the page's marked
    body element (which trafilatura, read without images, leaves out), each put before the first of
    trafilatura's blocks that follows it in the page; a paragraph of trafilatura's that is
    a figure's caption becomes that figure. A figure after the last block both readers
    share is left out (its place is unknown)."""
    index = {_key(block.text): i for i, block in enumerate(theirs) if not isinstance(block, Figure)}
    before: dict[int, list[Block]] = {}
    replaced: dict[int, Block] = {}
    pending: list[Block] = []
    for block in own:
        if isinstance(block, Figure):
            if block.caption or block.credit:
                at = index.get(_key(block.caption)) if block.caption else None
                if at is None:
                    pending.append(block)
                else:
                    replaced[at] = block
            continue
        at = index.get(_key(block.text))
        if at is not None and pending:
            before.setdefault(at, []).extend(pending)
            pending = []
    out: list[Block] = []
    for i, block in enumerate(theirs):
        out.extend(before.get(i, ()))
        out.append(replaced.get(i, block))
    return out


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
        if marked is not None and own:
            parts = _alike(root, marked)
            own = [block for part in parts for block in _read(part, root, policy)] if len(parts) > 1 else own
        return _trimmed(_with_figures(theirs, own or []), _headline(root))
    if own:
        return own  # over the size cap, or trafilatura found too little
    element, _ = container(root, article)
    return [] if element is marked else _read(element, root, policy)
