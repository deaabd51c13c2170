"""HTML: a semantic, safe article page with schema.org NewsArticle microdata.

``dumps`` writes a complete HTML5 document (``fragment=True``: the ``<article>``
alone) whose microdata carries every field of the story; ``loads`` reads such a
page back exactly, and reads other people's pages leniently, with schema.org
article markup (any article type, microdata or JSON-LD) or none: metadata from
every source the page offers, merged by one precedence rule, the body from the page
itself where the markup does not carry it; a value the model refuses, or one a
richer source overrules, is kept in extras under ``html.`` with a note.

The package: ``_write`` (the page), ``_jsonld`` (the derived block, and JSON-LD
reading), ``_microdata`` (items and their values), ``_own`` (our own page's story,
exactly), ``_meta`` (another page's
tags, title, canonical link, language), ``_merge`` (the precedence rule), ``_page``
(another page's article: sources merged, body found), ``_people`` (plain-text
authors), ``_body`` (a page's own body), ``_policy`` (exact values for our pages,
the leniency rule for others) and ``_read`` (bytes, tree, dispatch); the body's
markup is :mod:`newsitem.formats._markup`.

Safety: every value is escaped; the page has no JavaScript, a Content Security
Policy that forbids scripts and outside requests, and the JSON-LD block is
escaped so ``</script>`` cannot end it. Only ``http``, ``https`` and ``mailto``
URIs become live links (``href``); any other URI the story holds (a
``javascript:`` link, a ``urn:`` url, a ``tag:`` licence) is written inert, as
plain text with the URI in a ``data-newsitem-href`` or ``content`` attribute, so
nothing is lost and nothing is clickable. See the docs page ``formats/html``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import tzinfo

from newsitem.model import Story
from newsitem.notes import Part

__all__ = ["dumps", "loads", "loads_all", "sniff"]


_HEAD = 65_536
"""How much of a text detection looks at: its cost is bounded whatever the page's size."""
_LEAD = re.compile(r"(?:\s+|<!--.*?-->|<\?xml\b[^>]*>|<!doctype\s+html\b[^>]*>)*", re.IGNORECASE | re.DOTALL)
"""White space, comments, an XML declaration and an HTML doctype before the first element."""
_FIRST = re.compile(r"<([A-Za-z][A-Za-z0-9]*)[\s/>]")
_DOCUMENT = frozenset({"html", "head", "body"})
_FRAGMENT = frozenset(
    {"article", "main", "section", "div", "header", "p", "h1", "h2", "span", "figure", "meta", "link",
     "title", "script", "style", "nav", "aside", "a", "time", "ul", "table", "noscript"}
)  # fmt: skip
"""Elements a saved fragment of a page may open with (a feed's root, ``nitf``, ``newsItem``,
``NewsML``, is none of them)."""


def sniff(text: str) -> tuple[float, str] | None:
    """Any HTML document: a doctype, or ``<html>``, ``<head>`` or ``<body>`` first (after white
    space, comments and an XML declaration), or a fragment of page elements holding an article
    (``<article>``, ``itemscope``, JSON-LD). Looks at the first 64 KiB only. XML feeds (their own
    root elements), JSON, e-mail and the text layouts do not open with such markup."""
    head = text[:_HEAD].lstrip("\ufeff")
    lead = _LEAD.match(head)
    rest = head[lead.end() if lead else 0 :]
    lowered = head.lower()
    if 'data-newsitem="1"' in lowered and rest.startswith("<"):
        return 0.99, "an <article> written by newsitem (data-newsitem marker)"
    doctype = lead is not None and "<!doctype" in lead.group(0).lower()
    first = _FIRST.match(rest)
    name = None if first is None else first.group(1).lower()
    if doctype or name in _DOCUMENT:
        return 0.97, "an HTML document (a doctype or an <html>, <head> or <body> element first)"
    marked = "<article" in lowered or "itemscope" in lowered or "application/ld+json" in lowered
    if name in _FRAGMENT and marked:
        return 0.9, f"a fragment of an HTML page (<{name}> first) holding an article"
    return None


def dumps(story: Story, *, lossy: bool = False, fragment: bool = False) -> str:
    """Write ``story`` as an HTML5 page (``fragment=True``: the ``<article>`` alone).

    The page carries every field (schema.org microdata where schema.org has a
    property, ``data-newsitem-*`` attributes where it has none), so
    :func:`loads` gives the story back exactly. HTML is lossless: ``lossy`` is
    accepted (the contract of every format) and ignored.
    """
    from newsitem.formats.html import _write  # here: detection loads no reader nor writer

    return _write.fragment(story) if fragment else _write.page(story)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a story from an HTML page or fragment.

    A page written by :func:`dumps` (``data-newsitem="1"``) reads back exactly.
    Other pages are read leniently (their first article: microdata, else JSON-LD,
    else the page itself), from every source they offer (microdata, JSON-LD, Open
    Graph and ``article:`` tags, Dublin Core and ``citation_`` tags, ``name=`` tags,
    ``<title>``/``<h1>``, canonical link, ``<html lang>``) merged by the precedence
    of the docs page ``formats/html``; the body from ``articleBody``, else the page
    itself, else the JSON-LD ``articleBody``. Whitespace in values is collapsed,
    unknown parts are ignored, and a value the model refuses (a link such as
    ``https://example.com/100%zz``, a language tag, an identifier with spaces, a
    time newsitem cannot read) is kept in the story's extras under ``html.`` with
    a ``kept-in-extras`` note (see :func:`newsitem.read`); it never fails the page.
    Bytes that are not UTF-8 follow the page's ``<meta charset>``, else a guess
    (a ``charset-guessed`` note). Times carry their own offsets (or none): ``tz``
    is accepted (the contract of every format) and ignored.

    UTF-16 without a byte-order mark is recognised by its NUL-interleaved ASCII (a
    ``charset-guessed`` note).

    Raises:
        ParseError: an empty page; a page or article from which no source yields a
            headline, body or summary (the message says what was looked for, at the line
            of its element or JSON-LD block); elements nested too deeply, a NUL
            character (at its line and column), or a number or status of our own page
            that is none (at its line).
        ValidationError: a value of our own page breaks a rule of the model (a time that
            is not ISO 8601 and an unknown ``data-newsitem-role`` included); it names the
            format (``html``), the model path, the itemprop path (``author[0]``,
            ``articleBody/p[2]``) and the line of the element.
        MissingExtraError: the page's body needs trafilatura (the ``web`` extra), which is
            not installed, and the page has no JSON-LD ``articleBody`` to fall back on.
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    from newsitem.formats.html import _read

    return _read.read(data)


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """Every story of an HTML page: one part per article, in document order.

    The parts are the page's top-level microdata articles of any schema.org article type
    (each read as :func:`loads` reads the first: our own exactly, others leniently); a
    page without one gives one part per JSON-LD article (``@graph``, ``mainEntity`` and
    lists searched), and a page without either is one part, the page itself. Each part's ``where``
    is the line of its element or JSON-LD block; a charset guessed for the page is a note
    of every part. An article that cannot be read (no headline, body or summary; a value
    of our own page the model refuses) is its part's error, and the next is read.
    ``tz`` is accepted and ignored, as in :func:`loads`.

    Raises:
        ParseError: the page is empty, holds a NUL character or nests its elements too
            deeply.
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    from newsitem.formats.html import _read

    return _read.read_all(data)
