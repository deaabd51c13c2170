"""Runs to and from an HTML or XHTML fragment: the one markup module (on lxml).

Every format that holds a body as markup goes through here: ``html`` (the
``articleBody`` of a page), ``ninjs`` (``body_html``) and the NITF or XHTML body of
NewsML-G2 (``inlineXML``, or HTML sent as text in ``inlineData``).

Parsing (:func:`parse_html`) uses libxml2's HTML parser through lxml with no
network access, no external entities (the HTML parser loads none), comments and
processing instructions dropped, and libxml2's default limits (no "huge tree":
an element nested deeper than 256 levels is a :class:`~newsitem.errors.ParseError`).
Malformed markup (``<![x[``, stray end tags) is repaired, never an exception; a
lone surrogate in the text is a ParseError. Reading takes time linear in the
input: libxml2's parser is, the walk visits each element once, and a
paragraph's texts are joined into runs once (the model never merges them one by
one).

Reading
    :func:`paragraphs` walks an element (from :func:`parse_html` or any lxml tree,
    HTML or namespaced XML: only local names count) and returns the story's
    paragraphs. Block elements (:data:`BLOCKS`) start and end a paragraph;
    ``em``/``i`` mark emphasis, ``strong``/``b`` (and NITF's ``<em class="bold">``)
    strong; ``a href`` (and newsitem's inert ``data-newsitem-href``) a link, which
    ``link`` decides on (:func:`as_written` for our own documents,
    :func:`lenient_links`, the one leniency rule for body links, for other people's;
    by default the links the model takes, the others left as plain text); ``br`` is
    a line break; ``script``, ``style`` and the other :data:`SKIPPED` elements are
    left out (``blocks`` and ``skip`` change the sets). ``tidy=True`` collapses
    layout whitespace (other people's markup); without it text is kept exactly.
    :func:`runs` gives the runs of one element, exactly.
    :func:`body_html` and :func:`body_text` read a fragment or plain text in one call
    (the names ninjs, NewsML-G2 and e-mail have used since before this module).

Writing
    :func:`paragraph_html` writes one paragraph as ``<p>`` markup (a string, with
    ``&``, ``<``, ``>`` and ``"`` escaped); ``live`` says which links may be live
    ``<a href>``; the others are written inert (``<span class="inert"
    data-newsitem-href>``). :func:`fragment_html` joins paragraphs.
    :func:`append_paragraphs` adds ``<p>`` elements to an lxml (XML) parent:
    ``style="nitf"`` marks with ``<em class="bold|italic">``, ``"xhtml"`` with
    ``<strong>``/``<em>``.
"""

from __future__ import annotations

import itertools
import operator
import re
import threading
from collections.abc import Callable, Iterable

from lxml import etree

from newsitem.errors import ParseError
from newsitem.model import Paragraph, Run, is_uri

__all__ = [
    "BLOCKS",
    "SKIPPED",
    "LinkRule",
    "append_paragraphs",
    "as_written",
    "body_html",
    "body_text",
    "escape",
    "fragment_html",
    "lenient_links",
    "link_of",
    "paragraph_html",
    "paragraphs",
    "parse_html",
    "runs",
]

BLOCKS = frozenset({"p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption"})
"""Elements that start and end a paragraph."""
SKIPPED = frozenset({"script", "style", "template", "noscript", "figure", "aside", "nav", "head", "title"})
"""Elements whose content is not story text in a page."""
_FRAGMENT_BLOCKS = BLOCKS - {"figcaption"}
_FRAGMENT_SKIPPED = frozenset({"script", "style"})

LinkRule = Callable[[str, int, int], str | None]
"""Decides on a link: ``(href, paragraph index, link index in the paragraph) -> the URI
to keep, or None for a run without a link``."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SPACE = re.compile(r"\s+")
_local = threading.local()
_Marks = tuple[bool, bool, str | None]
"""A text's marks: (emphasis, strong, link)."""
_Piece = tuple[str, _Marks]
"""A text and its marks, before it is a :class:`Run`."""
_PLAIN: _Marks = (False, False, None)


def as_written(href: str, paragraph: int, index: int) -> str | None:
    """The :data:`LinkRule` for our own documents: every link as written (the model
    judges it)."""
    return href


def lenient_links(refused: Callable[[str, int, int], object]) -> LinkRule:
    """The :data:`LinkRule` for links in other people's markup (html, ninjs and
    NewsML-G2 bodies): the one leniency rule for body links.

    A link the model takes (:func:`newsitem.model.is_uri`, surrounding whitespace
    removed) is kept; a relative one is dropped (the model holds absolute URIs only);
    any other is handed to ``refused(href, paragraph, index)``, which keeps it in the
    format's extras with a note (:func:`newsitem.formats._lenient.keep`), and its text
    stays a plain run. ``paragraph`` and ``index`` count from 0: the paragraph read
    so far and the link within it.
    """

    def rule(href: str, paragraph: int, index: int) -> str | None:
        href = href.strip()
        if is_uri(href):
            return href
        if _SCHEME.match(href) is not None:
            refused(href, paragraph, index)
        return None

    return rule


def _unkept(href: str, paragraph: int, index: int) -> None:
    """A refused link nobody keeps (the default rule's)."""


_MODEL_LINKS = lenient_links(_unkept)
"""The default :data:`LinkRule`: links the model takes; the others are plain text."""


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_local, "parser", None)
    if parser is None:  # one per thread: lxml parsers are not shared between threads
        parser = etree.HTMLParser(
            encoding="utf-8",  # text is parsed as its UTF-8 bytes: no declaration inside it counts
            no_network=True,
            remove_comments=True,
            remove_pis=True,
            huge_tree=False,
            compact=True,
        )
        _local.parser = parser
    return parser


def parse_html(text: str, *, format: str, fragment: bool = False) -> etree._Element | None:
    """The root (``<html>``) of ``text`` parsed as HTML, or None when it holds nothing.

    ``fragment=True`` parses ``text`` as the content of ``<body>`` (whitespace at its
    start is kept).

    Raises:
        ParseError: a lone surrogate in ``text`` (no character: libxml2 would stop
            there and drop the rest), the elements nest deeper than libxml2's limit
            (256), or another of its limits (a text node over 10 MB) is passed.
    """
    prefix = "<body>" if fragment else ""
    try:
        # Bytes, not text: lxml refuses text holding an XML declaration that names an
        # encoding, and libxml2 would stop at a lone surrogate and drop the rest silently.
        data = (prefix + text).encode("utf-8")
    except UnicodeEncodeError as exc:
        at = exc.start - len(prefix)
        raise ParseError.at_offset(
            f"lone surrogate U+{ord(text[at]):04X}: not a character, so not HTML",
            text,
            at,
            format=format,
        ) from None
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:  # pragma: no cover - the HTML parser recovers
        root = None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            deep = "depth" in entry.message.lower()
            message = (
                "nests its elements too deeply"
                if deep
                else f"exceeds a parser limit ({entry.message.strip()})"
            )
            raise ParseError(f"the page {message} to read", format=format, line=entry.line)
    return root


def _local_name(element: etree._Element) -> str:
    """The element's name without its namespace ("" for comments and the like)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if "}" in tag else tag


def link_of(element: etree._Element) -> str | None:
    """The link ``element`` makes, as the readers count links: an ``a`` element's
    ``href``, or newsitem's inert ``data-newsitem-href``, when not blank."""
    name = _local_name(element)
    href = element.get("href") if name == "a" else element.get("data-newsitem-href")
    return href if href is not None and href.strip() else None


class _Walker:
    """Gathers paragraphs of runs from an element tree (see :func:`paragraphs`)."""

    def __init__(
        self, link: LinkRule, *, tidy: bool, blocks: frozenset[str], skip: frozenset[str] = SKIPPED
    ) -> None:
        self.link = link
        self.tidy = tidy
        self.blocks = blocks
        self.skip = skip
        self.paragraphs: list[Paragraph] = []
        self.pending: list[_Piece] = []
        self.parts: list[str] = []  # the text of the piece being gathered (joined once: linear)
        self.current: _Marks = (False, False, None)
        self.links = 0

    def close(self) -> None:
        """End the piece of text being gathered (adjacent texts with the same marks are one)."""
        if self.parts:
            self.pending.append(("".join(self.parts), self.current))
            self.parts = []

    def flush(self) -> None:
        if not self.parts and not self.pending:  # a block's end just after its start: nothing
            self.links = 0
            return
        self.close()
        pieces = self.pending
        self.pending = []
        self.links = 0
        if not "".join(text for text, _ in pieces).strip():
            return
        if self.tidy:
            pieces = _tidied(pieces)
        if len(pieces) == 1 and pieces[0][1] == _PLAIN:
            self.paragraphs.append(Paragraph.plain(pieces[0][0]))  # the model's fast path
        else:
            self.paragraphs.append(Paragraph(runs=_as_runs(pieces)))

    def text(self, text: str | None, marks: _Marks) -> None:
        if text:
            if self.parts and marks != self.current:
                self.close()
            self.current = marks
            self.parts.append(text)

    def walk(self, element: etree._Element, marks: _Marks) -> None:
        self.text(element.text, marks)
        for child in element:
            name = _local_name(child)
            if name and name not in self.skip:
                if name in self.blocks:
                    self.flush()
                    self.walk(child, marks)
                    self.flush()
                elif name == "br":
                    self.text(" " if self.tidy else "\n", marks)
                else:
                    self.walk(child, self.marks(child, name, marks))
            self.text(child.tail, marks)

    def marks(self, child: etree._Element, name: str, marks: _Marks) -> _Marks:
        emphasis, strong, link = marks
        if name == "em":
            css = (child.get("class") or "").split()
            return (emphasis or "bold" not in css, strong or "bold" in css, link)
        if name == "i":
            return (True, strong, link)
        if name in ("strong", "b"):
            return (emphasis, True, link)
        href = link_of(child)
        if href is not None:
            index = self.links
            self.links += 1
            return (emphasis, strong, self.link(href, len(self.paragraphs), index))
        return marks


def _tidied(pieces: list[_Piece]) -> list[_Piece]:
    """Layout whitespace collapsed to one space (across pieces too), none at the ends."""
    out: list[_Piece] = []
    for raw, marks in pieces:
        text = _SPACE.sub(" ", raw)
        if (not out or out[-1][0].endswith(" ")) and text.startswith(" "):
            text = text[1:]
        if text:
            out.append((text, marks))
    while out:
        text, marks = out[-1]
        text = text.rstrip()
        if text:
            out[-1] = (text, marks)
            break
        out.pop()
    return out


def _as_runs(pieces: list[_Piece]) -> list[Run]:
    """The runs of ``pieces``, adjacent ones with the same marks joined (tidying can drop the
    piece between two): the model never merges runs one by one, which re-validates a growing
    text (quadratic in a paragraph of many links)."""
    return [
        Run(text="".join(text for text, _ in group), emphasis=marks[0], strong=marks[1], link=marks[2])
        for marks, group in itertools.groupby(pieces, key=operator.itemgetter(1))
    ]


def paragraphs(
    element: etree._Element,
    *,
    link: LinkRule = _MODEL_LINKS,
    tidy: bool = False,
    blocks: frozenset[str] = BLOCKS,
    skip: frozenset[str] = SKIPPED,
) -> list[Paragraph]:
    """The paragraphs in ``element`` (see the module docstring); blank ones are dropped.

    Raises:
        ValidationError: a text or link the model refuses (``link`` can keep it out).
    """
    walker = _Walker(link, tidy=tidy, blocks=blocks, skip=skip)
    walker.walk(element, (False, False, None))
    walker.flush()
    return walker.paragraphs


def runs(element: etree._Element, *, link: LinkRule = _MODEL_LINKS) -> list[Run]:
    """The runs of ``element`` exactly, block elements inside it included as inline."""
    walker = _Walker(link, tidy=False, blocks=frozenset())
    walker.walk(element, (False, False, None))
    walker.close()
    return _as_runs(walker.pending)


def _body(root: etree._Element | None) -> etree._Element | None:
    if root is None:
        return None
    body = root.find("body")
    return root if body is None else body


def body_html(value: str, *, format: str = "html", link: LinkRule = _MODEL_LINKS) -> list[Paragraph]:
    """The paragraphs of an HTML fragment, text exact (``link`` decides on links:
    by default those the model takes).

    As before this module was built on lxml: ``figure``, ``aside`` and ``nav`` are
    text like any other and ``figcaption`` is inline; only ``script`` and ``style``
    are left out.

    Raises:
        ParseError: elements nested too deeply (``format`` names the caller's format).
    """
    body = _body(parse_html(value, format=format, fragment=True))
    if body is None:
        return []
    return paragraphs(body, link=link, blocks=_FRAGMENT_BLOCKS, skip=_FRAGMENT_SKIPPED)


def body_text(value: str) -> list[Paragraph]:
    """The paragraphs of plain text: blocks separated by blank lines."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return [Paragraph.plain(block) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


# --- writing ---------------------------------------------------------------------------


def escape(text: str) -> str:
    """``text`` safe as element text and inside a double-quoted attribute."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run_html(run: Run, live: Callable[[str], bool] | None) -> str:
    text = escape(run.text)
    if run.emphasis:
        text = f"<em>{text}</em>"
    if run.strong:
        text = f"<strong>{text}</strong>"
    if run.link is not None:
        if live is None or live(run.link):
            text = f'<a href="{escape(run.link)}">{text}</a>'
        else:
            text = f'<span class="inert" data-newsitem-href="{escape(run.link)}">{text}</span>'
    return text


def paragraph_html(paragraph: Paragraph, *, live: Callable[[str], bool] | None = None) -> str:
    """``paragraph`` as ``<p>`` markup; links ``live`` refuses are written inert (all live
    when ``live`` is None)."""
    runs = paragraph.runs
    if len(runs) == 1 and runs[0].plain:  # canonical runs: a plain paragraph is one plain run
        return f"<p>{escape(runs[0].text)}</p>"
    return f"<p>{''.join(_run_html(run, live) for run in runs)}</p>"


def fragment_html(
    paragraphs: Iterable[Paragraph], *, live: Callable[[str], bool] | None = None, sep: str = "\n"
) -> str:
    """Paragraphs as an HTML fragment of ``<p>`` elements joined by ``sep``."""
    return sep.join(paragraph_html(paragraph, live=live) for paragraph in paragraphs)


def _marked(parent: etree._Element, run: Run, namespace: str, style: str) -> etree._Element:
    target = parent
    if run.link is not None:
        target = etree.SubElement(target, namespace + "a", href=run.link)
    if style == "nitf":
        if run.strong:
            target = etree.SubElement(target, namespace + "em", {"class": "bold"})
        if run.emphasis:
            target = etree.SubElement(target, namespace + "em", {"class": "italic"})
    else:
        if run.strong:
            target = etree.SubElement(target, namespace + "strong")
        if run.emphasis:
            target = etree.SubElement(target, namespace + "em")
    return target


def append_paragraphs(
    parent: etree._Element, paragraphs: Iterable[Paragraph], *, namespace: str = "", style: str = "nitf"
) -> None:
    """Append one ``<p>`` per paragraph to ``parent`` (``namespace``: ``"{uri}"`` or ``""``)."""
    for paragraph in paragraphs:
        p = etree.SubElement(parent, namespace + "p")
        for run in paragraph.runs:
            target = _marked(p, run, namespace, style)
            if target is not p:
                target.text = run.text
            elif len(p):
                last = p[len(p) - 1]
                last.tail = (last.tail or "") + run.text
            else:
                p.text = (p.text or "") + run.text
