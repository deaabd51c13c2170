"""A page's body by trafilatura (the extra ``web``), mapped onto newsitem's blocks.

trafilatura is imported lazily (:func:`newsitem._extras.need`) and given a serialised
copy of the page (it changes the tree it reads), so the page's tree is never touched. Its
XML output keeps the structure (``output_format="xml"`` with formatting, links, tables
and images); :func:`blocks_of` renames its elements to HTML (``head`` to ``h2``..,
``quote`` to ``blockquote``, ``list``/``item`` to ``ul``/``li``, ``row``/``cell`` to
``tr``/``td``, ``graphic`` to ``img``, ``hi`` to ``b``/``i``, ``ref`` to ``a``, ``lb`` to
``br``, ``code`` to ``pre``) and reads it with the one markup module, as any body is read.

trafilatura drops a space standing alone between two inline elements (``<a>Jair</a>
<a>Bolsonaro</a>`` comes out as "JairBolsonaro"); such a space is given to it as
U+FFFC (OBJECT REPLACEMENT CHARACTER, a placeholder that is no text of a page) and made
a space again in its output (so is a U+FFFC the page itself holds).

Only pages of at most :data:`MAX_ELEMENTS` elements and :data:`MAX_TEXT` characters of
text are given to trafilatura: its cost grows faster than the page (a page of 5 000
paragraphs takes it about 3 s, one of 20 000 about 40 s; the largest dev page has about
2 000 elements and 135 000 characters of text). Both are counted by libxml2 (XPath
``count`` and ``string-length``) before anything is copied; a larger page is read by our
own rules alone.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml import etree

from newsitem import _extras, notes
from newsitem.formats import _markup
from newsitem.formats.html._policy import Lenient
from newsitem.model import Block

__all__ = ["MAX_ELEMENTS", "MAX_TEXT", "PURPOSE", "blocks_of", "extracted", "split_blank_lines", "within_cap"]

MAX_ELEMENTS = 10_000
"""The most elements a page trafilatura is given may have."""
MAX_TEXT = 500_000
"""The most characters of text a page trafilatura is given may have."""
_COUNT = etree.XPath("count(//*)")
_LENGTH = etree.XPath("string-length(.)")
PURPOSE = "finding the body of a page without article markup"
_RENAMES = {
    "quote": "blockquote",
    "item": "li",
    "row": "tr",
    "lb": "br",
    "code": "pre",
    "ref": "a",
    "graphic": "img",
    "main": "div",
    "doc": "div",
}
_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6"}
_INLINE = frozenset(
    {"a", "b", "strong", "i", "em", "span", "u", "s", "small", "sup", "sub", "mark", "abbr", "cite", "q"}
    | {"code", "time", "font", "del", "ins", "dfn", "kbd", "var", "bdi", "bdo", "data"}
)
"""Inline elements: a space after one is a space between words."""
_SPACE = "\ufffc"
"""A space trafilatura would drop, as given to it (a placeholder, no text of a page)."""
_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _renamed(element: etree._Element) -> None:
    """trafilatura's element renamed to the HTML one the markup module reads."""
    tag = element.tag
    if tag == "head":
        element.tag = _LEVELS.get(element.get("rend") or "", "h2")
    elif tag == "list":
        element.tag = "ol" if (element.get("rend") or "") in ("ol", "1") else "ul"
    elif tag == "cell":
        element.tag = "th" if element.get("role") == "head" else "td"
    elif tag == "hi":
        rend = element.get("rend") or ""
        element.tag = "b" if "b" in rend else "i" if "i" in rend else "span"
    elif tag == "ref":
        element.tag = "a"
        target = element.get("target")
        if target is not None:
            element.set("href", target)
    elif isinstance(tag, str):
        element.tag = _RENAMES.get(tag, tag)


_UNSEEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_POPUP = re.compile(r"tooltip|popover|hover-?card|popup|rollover", re.IGNORECASE)


def _unseen(element: etree._Element) -> bool:
    """Whether the inline ``element`` is not shown with the text around it: ``hidden``,
    ``aria-hidden="true"``, an inline style hiding it, or the card of a tooltip, pop-over or
    hover card: an element (not a link) whose class names one, inside its trigger, whose class
    names one too (``<span class="rollover-people"><a>Kristi Noem</a><span
    class="rollover-people-block">`` full name, related headline ``</span></span>``)."""
    get = element.get
    if get("hidden") is not None or (get("aria-hidden") or "").strip().lower() == "true":
        return True
    if _UNSEEN_STYLE.search(get("style") or ""):
        return True
    parent = element.getparent()
    return (
        element.tag != "a"
        and parent is not None
        and _POPUP.search(get("class") or "") is not None
        and _POPUP.search(parent.get("class") or "") is not None
    )


def drop_unseen(root: etree._Element) -> None:
    """Inline elements of ``root`` not shown with their text (:func:`_unseen`: a hover card,
    a tooltip, hidden text inside a run) removed, their tails kept; ``root`` is changed."""
    for element in [element for element in root.iter(*_INLINE) if _unseen(element)]:
        _drop(element)


def _drop(element: etree._Element) -> None:
    """``element`` removed with its content, its tail kept in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _spaced(root: etree._Element) -> etree._Element:
    """A copy of ``root`` whose spaces standing alone after an inline element are U+FFFC,
    whose paragraphs are split at blank lines (:func:`split_blank_lines`), and whose spans
    inside a paragraph have no class or id (trafilatura takes a ``span class="link"`` around
    a link for boilerplate and drops the words)."""
    page = copy.deepcopy(root)
    split_blank_lines(page)  # trafilatura makes a blank line one line break
    drop_unseen(page)
    for element in page.iter(*_INLINE):
        parent = element.getparent()
        if element.tag == "span" and parent is not None and parent.tag == "p":
            for name in ("class", "id"):  # a name of a span in a paragraph is no boilerplate's
                if name in element.attrib:
                    del element.attrib[name]
        tail = element.tail
        if tail and tail.isascii() and tail.isspace():
            element.tail = _SPACE
    return page


def blocks_of(xml: str, policy: Lenient) -> list[Block]:
    """The blocks of trafilatura's XML output (``<doc><main>...``); comments left out."""
    try:
        doc = etree.fromstring(xml.replace(_SPACE, " ").encode("utf-8"), _XML)
    except etree.XMLSyntaxError:
        return []
    main = next(doc.iterchildren("main"), None)
    if main is None:
        return []
    for element in main.iter():
        _renamed(element)
    split_blank_lines(main)
    return _markup.blocks(main, link=policy.link, media=policy.media, tidy=True, html=True)


_BLANK_LINES = etree.XPath("descendant-or-self::p[br]")
"""The paragraphs holding a ``br`` (selected by libxml2: no Python step per other paragraph;
``following-sibling::*[1]`` would be quadratic in libxml2, so runs are found in Python)."""


def _select_blank(root: etree._Element) -> list[etree._Element]:
    found = _BLANK_LINES(root)
    return [p for p in found if isinstance(p, etree._Element)] if isinstance(found, list) else []


def _blank(text: str | None) -> bool:
    return text is None or (text.isascii() and text.isspace()) or not text


def split_blank_lines(root: etree._Element) -> None:
    """Each ``p`` below ``root`` holding a blank line (two ``<br>`` or more with only white
    space between them) split there into paragraphs, as a browser shows them: text set
    apart by a blank line is a paragraph of its own. One pass over the paragraphs' children."""
    for paragraph in _select_blank(root):
        children = list(paragraph)
        groups: list[tuple[str | None, list[etree._Element]]] = [(paragraph.text, [])]
        i = 0
        while i < len(children):
            j = i
            while (
                j + 1 < len(children)
                and children[j].tag == "br" == children[j + 1].tag
                and _blank(children[j].tail)
            ):
                j += 1
            if j > i:  # a run of <br> from i to j: a blank line
                groups.append((children[j].tail, []))
                for br in children[i : j + 1]:
                    br.tail = None
                    paragraph.remove(br)
                i = j + 1
                continue
            groups[-1][1].append(children[i])
            i += 1
        if len(groups) == 1:
            continue
        paragraph.text = groups[0][0]
        for text, parts in reversed(groups[1:]):
            new = etree.Element("p")
            new.text = text
            new.extend(parts)
            paragraph.addnext(new)


def within_cap(root: etree._Element) -> bool:
    """Whether the page is small enough to give to trafilatura (:data:`MAX_ELEMENTS`,
    :data:`MAX_TEXT`), counted without a Python step per element."""
    count = _COUNT(root)
    if not isinstance(count, float) or count > MAX_ELEMENTS:
        return False
    length = _LENGTH(root)
    return isinstance(length, float) and length <= MAX_TEXT


def extracted(root: etree._Element, policy: Lenient) -> list[Block] | None:
    """trafilatura's body of the page (``root``, from :func:`~newsitem.formats._markup.parse_html`,
    left untouched), or None when the page is over the cap (:func:`within_cap`).

    trafilatura failing on a page (its own parser refusing what it made of hostile markup)
    is no failure of ours: the page is read by our own rules (None) with an ``unreadable``
    note naming what trafilatura raised.

    Raises:
        MissingExtraError: trafilatura is not installed (the message names the extra ``web``).
    """
    if not within_cap(root):
        return None
    trafilatura = _extras.need("trafilatura", PURPOSE)
    page = etree.tostring(_spaced(root), encoding="unicode", method="html")
    try:
        xml = _run(trafilatura, page)
    except Exception as exc:  # a third-party extractor's failure on one page: our own rules read it
        name = type(exc).__name__
        message = f"trafilatura could not read this page ({name}); its body was found by newsitem's own rules"
        notes.add(notes.Note(code="unreadable", message=message, format="html"))
        return None
    return [] if not xml else blocks_of(xml, policy)


def _run(trafilatura: Any, page: str) -> str | None:
    """trafilatura's XML for ``page`` (structure kept; see :func:`extracted`)."""
    xml: str | None = trafilatura.extract(
        page,
        output_format="xml",
        include_comments=False,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        include_images=False,  # with images, it takes far more of some pages' boilerplate
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    return xml
