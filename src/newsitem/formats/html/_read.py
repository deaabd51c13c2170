"""Reading a page: bytes to text, the element tree, and which reading applies.

Bytes are decoded by the one policy (:func:`newsitem.formats._decode.decode_markup`,
with the page's ``<meta charset>`` as its declared charset); a guess is a
``charset-guessed`` note. UTF-16 without a byte-order mark is recognised by its
NUL-interleaved ASCII (:func:`newsitem.formats._decode.utf16_without_bom`, also a
guess). A NUL character left in the text is no text: a ParseError at its position
(:func:`newsitem.formats._decode.refuse_nul`, the text layouts' rule). The tree is
libxml2's (:func:`newsitem.formats._markup.parse_html`).
A page over :data:`MAX_CHARACTERS` characters or :data:`MAX_ELEMENTS` elements is refused
with a ParseError saying its size and the limit, before any of its text is read: news pages
are far smaller (the largest of 322 real pages tried is 0.9 MB, the most elements 2,953), and reading
is linear, so the limits bound the time and memory a hostile page can take.
The articles of a page (:func:`_articles`): its top-level microdata articles (our own,
``data-newsitem="1"``, read exactly; another's by :mod:`._page`), else its JSON-LD
articles, else the page itself as one article (unless its address is a site's front page:
then no article, a ParseError saying so).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from lxml import etree

from newsitem import notes
from newsitem.errors import ParseError
from newsitem.formats import _markup
from newsitem.formats._contract import parts
from newsitem.formats._decode import decode_markup, refuse_nul, utf16_without_bom
from newsitem.formats.html import _jsonld, _microdata, _own, _page
from newsitem.formats.html._policy import NAME, Exact, line_of
from newsitem.model import Story
from newsitem.notes import Part

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
"""Byte-order marks (UTF-8 first): a page with one is read as it says, never sniffed."""
MAX_CHARACTERS = 16 * 1024 * 1024
"""The most characters (bytes, before decoding) of a page that is read: 16 MiB."""
MAX_ELEMENTS = 50_000
"""The most elements of a page that is read (counted by libxml2 after parsing)."""
_NOTHING = "the page is empty: no element, no text (expected an HTML document or fragment)"


def _declared(data: str | bytes) -> str | None:
    """The charset a page's bytes declare in a ``<meta>`` within their first 1024 bytes."""
    if isinstance(data, str):
        return None
    found = _META_CHARSET.search(bytes(data[:1024]))
    return None if found is None else found.group(1).decode("ascii")


def text_of(data: str | bytes) -> str:
    """The page as text (a guessed charset is a note).

    Raises:
        ParseError: a NUL character in the page, at its position; a page over
            :data:`MAX_CHARACTERS`.
    """
    if len(data) > MAX_CHARACTERS:
        unit = "characters" if isinstance(data, str) else "bytes"
        message = (
            f"the page is {len(data):,} {unit}: pages over {MAX_CHARACTERS:,} are not read"
            " (a news page is far smaller; split or trim it)"
        )
        raise ParseError(message, format=NAME, line=1, column=1)
    raw = None if isinstance(data, str) else bytes(data)
    utf16 = None if raw is None or raw.startswith(_MARKS) else utf16_without_bom(raw)
    if raw is not None and utf16 is not None:
        text = raw.decode(utf16, "replace")
        name = utf16.upper().replace("16-", "16")
        message = f"the page has no byte-order mark but is NUL-interleaved ASCII: read as {name}"
    else:
        text, guessed = decode_markup(data, declared=_declared(data))
        message = f"the page is not UTF-8 and declares no charset that fits: read as {guessed}"
        if raw is not None and raw.startswith(_MARKS[0]):
            message = f"the page opens with a UTF-8 byte-order mark but is not UTF-8: read as {guessed}"
        if guessed is None:
            message = ""
    if message:
        notes.add(notes.Note(code="charset-guessed", message=message, format=NAME))
    refuse_nul(text, NAME, what="an HTML page")
    return text


def _own_story(element: etree._Element) -> Story:
    """The story of our own article (``data-newsitem="1"``), read exactly."""
    return _own.story_from(element, Exact())


def _top_articles(root: etree._Element) -> list[etree._Element]:
    """The page's article items (any schema.org article type) that are inside no other, in
    document order (an article that is a page's ``mainEntity`` included)."""
    if _microdata.is_article(root):  # <html itemscope itemtype=".../NewsArticle">: the page is the item
        return [root]
    found: list[etree._Element] = []
    stack: list[Iterator[etree._Element]] = [iter(root)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif isinstance(element.tag, str) and _microdata.is_article(element):
            found.append(element)
        else:
            stack.append(iter(element))
    return found


def _articles(text: str) -> Iterator[tuple[str, Callable[[], Story]]]:
    """The articles of a page, each with where it is and how to read it: every top-level
    microdata article in document order (our own exactly), else every JSON-LD one (a page's
    JSON-LD usually describes its microdata article again), else the page itself.

    Raises:
        ParseError: the page is empty, nests its elements too deeply, or has over
            :data:`MAX_ELEMENTS` elements.
    """
    root = _markup.parse_html(text, format=NAME)
    if root is None:
        raise ParseError(_NOTHING, format=NAME, line=1, column=1)
    count = root.xpath("count(//*)")
    if isinstance(count, float) and count > MAX_ELEMENTS:
        message = f"the page has {int(count):,} elements: pages over {MAX_ELEMENTS:,} are not read"
        raise ParseError(message, format=NAME, line=1, column=1)
    blocks = [
        (script.text or "", line_of(script))
        for script in root.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
    ]
    etree.strip_elements(root, "script", "style", "template", with_tail=False)
    items = _top_articles(root)
    ours = bool(items) and all(_microdata.is_own(item) for item in items)  # read exactly
    if not ours and _markup.holds_not_xml(text):
        _markup.clean_tree(root)  # another's page: its control characters cleaned, as in its blocks
    graph = _jsonld.Graph(blocks)
    alone = len(items) + (0 if items else len(graph.articles)) == 1
    for element in items:
        read = (
            _own_story if _microdata.is_own(element) else functools.partial(_page.story, root, graph, alone)
        )
        yield f"line {line_of(element)}", _noted(graph, functools.partial(read, element))
    if items:
        return
    for doc, line in graph.articles:
        story = functools.partial(_page.jsonld_story, root, graph, doc, line, alone)
        yield f"ld+json line {line}", _noted(graph, story)
    if not graph.articles:
        front = _front_page(root)
        if front is not None:
            message = (
                f"the page has no article markup and its address {front} is a site's front page: no article"
            )
            raise ParseError(message, format=NAME, line=1, column=1)
        yield "line 1", _noted(graph, functools.partial(_page.story, root, graph, True, None))


def _front_page(root: etree._Element) -> str | None:
    """The page's own address (canonical link, else ``og:url``) when it is a site's front page
    (an absolute URL whose path is ``/`` or empty), else None: a page without article markup
    there is a front page of teasers, not an article."""
    found = root.xpath(
        "(//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
        " | //meta[@property='og:url']/@content)[1]"
    )
    address = str(found[0]).strip() if isinstance(found, list) and found else ""
    parts = urlsplit(address)
    if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/") and not parts.query:
        return address[:200]
    return None


def _noted(graph: _jsonld.Graph, read: Callable[[], Story]) -> Callable[[], Story]:
    """``read`` with what reading the page's JSON-LD noticed added to its story's notes."""

    def story() -> Story:
        for note in graph.notes:
            notes.add(note)
        return read()

    return story


def read(data: str | bytes) -> Story:
    """The story of an HTML page or fragment (see :func:`newsitem.formats.html.loads`): its
    first article."""
    for _, story in _articles(text_of(data)):
        return story()
    raise ParseError(_NOTHING, format=NAME, line=1, column=1)  # pragma: no cover - _articles raises or yields


def read_all(data: str | bytes) -> Iterator[Part]:
    """One part per article of a page (see :func:`newsitem.formats.html.loads_all`); a note
    on the page's charset goes with every part."""
    with notes.collect() as page_notes:
        text = text_of(data)

    def member(read: Callable[[], Story]) -> Callable[[], Story]:
        def story() -> Story:
            for note in page_notes:
                notes.add(note)
            return read()

        return story

    yield from parts(NAME, [(where, member(read)) for where, read in _articles(text)])
