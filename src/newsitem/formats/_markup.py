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
    left out (``blocks`` and ``skip`` change the sets). ``tidy=True`` (other people's
    markup) renders whitespace as a browser does: runs of ASCII whitespace (space, TAB,
    LF, CR, FF) are one space, across elements too (``<a>Jair</a> <a>Bolsonaro</a>`` is
    "Jair Bolsonaro"), none at a paragraph's ends nor around a ``br``'s line break;
    U+00A0, U+3000 and the other non-ASCII spaces are text and kept. Without it text is
    kept exactly.
    :func:`runs` gives the runs of one element, exactly. Characters XML 1.0 cannot
    carry (C0 controls but TAB, LF and CR; U+FFFE, U+FFFF) in other people's markup
    are cleaned by one rule, :func:`cleaned`, in every block and value; our own
    documents never hold them, so reading them exactly refuses them.
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
from newsitem.model import (
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Run,
    Table,
    is_uri,
)

__all__ = [
    "BLOCKS",
    "SKIPPED",
    "LinkRule",
    "append_paragraphs",
    "as_written",
    "body_html",
    "body_text",
    "cleaned",
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
_SPACE = re.compile(r"[ \t\n\r\f]+")
"""Layout whitespace, as a browser collapses it: ASCII only (U+00A0, U+3000 and the other
non-ASCII spaces are characters of the text, rendered and kept)."""
_AROUND_BREAK = re.compile(r" *\n *")
_local = threading.local()
_Marks = tuple[bool, bool, str | None]
"""A text's marks: (emphasis, strong, link)."""
_Piece = tuple[str, _Marks]
"""A text and its marks, before it is a :class:`Run`."""
_PLAIN: _Marks = (False, False, None)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""The characters XML 1.0 cannot carry, lone surrogates aside (:func:`parse_html` refuses those)."""


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else "\ufffd"


def cleaned(text: str) -> str:
    """``text`` with each character XML 1.0 cannot carry (so neither can the model) made one
    the model holds: a space for a control that is whitespace (U+000B, U+000C, U+001C to
    U+001F: a form feed in a ``<pre>`` is a break in the copy, not text), U+FFFD for the
    others (U+0000 to U+0008, U+000E to U+001B, U+FFFE, U+FFFF), as the html reader does
    for JSON-LD values. The one rule for other people's markup, in every block (paragraphs,
    headings, cells, captions, ``pre``) and value (``alt``); TAB, LF and CR are kept."""
    return _NOT_XML.sub(_replacement, text) if _NOT_XML.search(text) is not None else text


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
    if root is not None:
        _unnest_voids(root)
    return root


_NOT_XML_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[1-9]|2[0-9]|3[01]|6553[45])(?![0-9])"
    r"|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF][fF][fF][eEfF])(?![0-9a-fA-F]))"
)
"""A numeric character reference to a character :data:`_NOT_XML` matches (libxml2's HTML
parser decodes ``&#1;`` to U+0001 in the tree)."""


def holds_not_xml(text: str) -> bool:
    """Whether the tree :func:`parse_html` makes of ``text`` may hold a character XML 1.0
    cannot carry (written as it is, or as a numeric character reference)."""
    return _NOT_XML.search(text) is not None or _NOT_XML_REFERENCE.search(text) is not None


def clean_tree(root: etree._Element) -> None:
    """Every text, tail and attribute value below ``root`` made :func:`cleaned`: libxml2's
    HTML parser keeps control characters in its tree, and lxml refuses them when a reader
    moves such a text to another node (one pass; call it only when :func:`holds_not_xml`)."""
    for node in root.iter():
        if node.text and _NOT_XML.search(node.text) is not None:
            node.text = cleaned(node.text)
        if node.tail and _NOT_XML.search(node.tail) is not None:
            node.tail = cleaned(node.tail)
        if isinstance(node.tag, str):
            for name, value in node.attrib.items():
                if isinstance(value, str) and _NOT_XML.search(value) is not None:
                    node.set(name, cleaned(value))


_VOIDS = ("embed", "source", "track", "wbr", "keygen", "param")
"""Elements HTML5 knows to be empty that libxml2's HTML parser (older than HTML5) may give
the content that follows them, up to their parent's end."""


def _unnest_voids(root: etree._Element) -> None:
    """What libxml2 put inside an empty element (:data:`_VOIDS`) moved back after it, in
    order, as a browser has it: ``<embed><p>rest</p>`` is ``<embed/><p>rest</p>``. Each
    element moves once per such ancestor (the parser's depth limit bounds those)."""
    for element in list(root.iter(*_VOIDS)):
        children = list(element)
        if not children and not element.text:
            continue
        if element.getparent() is None:
            continue
        text, tail = element.text, element.tail
        element.text = element.tail = None
        for child in reversed(children):
            element.addnext(child)
        if children:
            element.tail = text
            children[-1].tail = (children[-1].tail or "") + (tail or "") or None
        else:
            element.tail = (text or "") + (tail or "") or None


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
        self,
        link: LinkRule,
        *,
        tidy: bool,
        blocks: frozenset[str],
        skip: frozenset[str] = SKIPPED,
        clean: bool | None = None,
    ) -> None:
        self.link = link
        self.tidy = tidy
        self.clean = tidy if clean is None else clean  # other people's markup: see cleaned()
        self.blocks = blocks
        self.skip = skip
        self.paragraphs: list[Paragraph] = []
        self.pending: list[_Piece] = []
        self.parts: list[str] = []  # the text of the piece being gathered (joined once: linear)
        self.current: _Marks = (False, False, None)
        self.links = 0
        self.base: int | None = None  # a fixed paragraph index for the link rule (a block's)

    def close(self) -> None:
        """End the piece of text being gathered (adjacent texts with the same marks are one)."""
        if self.parts:
            self.pending.append(("".join(self.parts), self.current))
            self.parts = []

    def flush(self) -> None:
        if not self.parts and not self.pending:  # a block's end just after its start: nothing
            if self.base is None:
                self.links = 0
            return
        if not self.pending and len(self.parts) == 1 and self.parts[0].isspace():
            self.parts = []  # only layout whitespace between blocks (a tail): nothing, as below
            if self.base is None:
                self.links = 0
            return
        self.close()
        pieces = self.pending
        self.pending = []
        if self.base is None:
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
            if self.clean:
                text = cleaned(text)
            if self.tidy:  # collapsed at once: a line break left in the text is a br's
                text = _SPACE.sub(" ", text)
            self.append(text, marks)

    def append(self, text: str, marks: _Marks) -> None:
        """Add ``text`` as it is (``br``'s line break, never collapsed)."""
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
                self.child(child, name, marks)
            self.text(child.tail, marks)

    def child(self, child: etree._Element, name: str, marks: _Marks) -> None:
        """Take ``child`` (named ``name``, not skipped), its tail aside."""
        if name in self.blocks:
            self.flush()
            self.walk(child, marks)
            self.flush()
        elif name == "br":
            self.append("\n", marks)
        else:
            self.walk(child, self.marks(child, name, marks))

    def index(self) -> int:
        """The paragraph index a link rule is told: the paragraph being read (or ``base``)."""
        return len(self.paragraphs) if self.base is None else self.base

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
            return (emphasis, strong, self.link(href, self.index(), index))
        return marks


def _tidied(pieces: list[_Piece]) -> list[_Piece]:
    """Whitespace as a browser renders it: layout whitespace (ASCII; each text already
    collapsed by the walker) one space across pieces too, none around a ``br``'s line
    break nor at the ends (line breaks at the ends dropped too); non-ASCII spaces kept."""
    out: list[_Piece] = []
    for raw, marks in pieces:
        text = _AROUND_BREAK.sub("\n", _SPACE.sub(lambda m: "\n" * m.group().count("\n") or " ", raw))
        if text.startswith("\n") and out and out[-1][0].endswith(" "):
            last = out[-1][0].rstrip(" ")  # no space before a line break
            if last:
                out[-1] = (last, out[-1][1])
            else:
                out.pop()
        if not out:
            text = text.lstrip(" \n")
        elif out[-1][0].endswith((" ", "\n")):
            text = text.lstrip(" ")
        if text:
            out.append((text, marks))
    while out:
        text, marks = out[-1]
        text = text.rstrip(" \n")
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
    clean: bool | None = None,
) -> list[Paragraph]:
    """The paragraphs in ``element`` (see the module docstring); blank ones are dropped.
    ``clean`` (by default ``tidy``) applies :func:`cleaned` to every text.

    Raises:
        ValidationError: a text or link the model refuses (``link`` can keep it out).
    """
    walker = _Walker(link, tidy=tidy, blocks=blocks, skip=skip, clean=clean)
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
    body = next(root.iterchildren("body"), None)  # root.find("body"), without ElementPath
    return root if body is None else body


def body_html(value: str, *, format: str = "html", link: LinkRule = _MODEL_LINKS) -> list[Paragraph]:
    """The paragraphs of an HTML fragment, text exact but :func:`cleaned` (``link`` decides
    on links: by default those the model takes).

    As before this module was built on lxml: ``figure``, ``aside`` and ``nav`` are
    text like any other and ``figcaption`` is inline; only ``script`` and ``style``
    are left out.

    Raises:
        ParseError: elements nested too deeply (``format`` names the caller's format).
    """
    body = _body(parse_html(value, format=format, fragment=True))
    if body is None:
        return []
    return paragraphs(body, link=link, blocks=_FRAGMENT_BLOCKS, skip=_FRAGMENT_SKIPPED, clean=True)


def body_text(value: str) -> list[Paragraph]:
    """The paragraphs of plain text: blocks separated by blank lines."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return [Paragraph.plain(block) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


# --- blocks ----------------------------------------------------------------------------

_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "hl2": 2}
"""Heading elements and their level (an ``h1`` inside a body is a subhead: level 2)."""
_LEVEL_CLASS = re.compile(r"(?:^|\s)level-([2-6])(?:\s|$)")
"""NITF has one subhead element, ``hl2``: newsitem writes levels 3 to 6 as ``class="level-N"``."""
_QUOTES = frozenset({"blockquote", "bq"})
_ATTRIBUTIONS = frozenset({"footer", "cite", "credit"})
"""Children of a quote that name who is quoted (HTML ``footer``/``cite``, NITF ``credit``)."""
_LISTS = {"ul": False, "ol": True}
_FIGURES = frozenset({"figure", "media"})
_SOURCES = frozenset({"img", "media-reference"})
_CAPTIONS = frozenset({"figcaption", "media-caption"})
_CREDITS = frozenset({"small", "media-producer"})
_CELLS = frozenset({"td", "th"})
_BREAKS = BLOCKS | {"block", "dl", "dt", "dd", "caption", "tr", "td", "th"}
"""Elements that start and end a paragraph in a body read as blocks (NITF ``block`` included)."""
_INNER = (
    _BREAKS
    | _QUOTES
    | _FIGURES
    | _CAPTIONS
    | _LISTS.keys()
    | _HEADINGS.keys()
    | {
        "table",
        "footer",
        "media-producer",
    }
)
"""Inside a quote or list (the model nests no blocks): every block element is a paragraph break."""
BLOCK_SKIPPED = SKIPPED - {"figure"}
"""Elements whose content is not story text in a page read as blocks (figures are blocks)."""
_LINE_BREAKS = re.compile(r"[\t\n\r]")
_DASH = re.compile(r"^[\s\u2014\u2013\u2015-]+")


def _one_line(text: str, *, tidy: bool, clean: bool) -> str | None:
    """``text`` as a single-line value (None when blank): :func:`cleaned` when ``clean``,
    layout whitespace collapsed when ``tidy``, else only TAB, LF and CR made spaces
    (newsitem never writes them there)."""
    if clean:
        text = cleaned(text)
    line = _SPACE.sub(" ", text).strip(" ") if tidy else _LINE_BREAKS.sub(" ", text)
    return line if line.strip() else None


def _cell(text: str, *, tidy: bool, clean: bool) -> str:
    """A table cell's text on one line ("" for an empty cell; blank kept when exact)."""
    if clean:
        text = cleaned(text)
    return _SPACE.sub(" ", text).strip(" ") if tidy else _LINE_BREAKS.sub(" ", text)


def _text_of(element: etree._Element, skip: frozenset[str], br: str) -> str:
    """The text of ``element`` and its descendants (``skip`` left out, ``br`` for a break)."""
    parts: list[str] = []

    def gather(parent: etree._Element) -> None:
        if parent.text:
            parts.append(parent.text)
        for child in parent:
            name = _local_name(child)
            if name == "br":
                parts.append(br)
            elif name and name not in skip:
                gather(child)
            if child.tail:
                parts.append(child.tail)

    gather(element)
    return "".join(parts)


class _Table:
    """Rows of cells gathered in one pass over a table (a table inside a cell is its text)."""

    def __init__(self, skip: frozenset[str]) -> None:
        self.skip = skip
        self.rows: list[tuple[list[str], bool]] = []  # (cells, a header row)
        self.row: list[str] | None = None
        self.header = False  # the row being read is in a thead or holds only th cells
        self.caption: list[str] = []

    def end_row(self) -> None:
        if self.row:
            self.rows.append((self.row, self.header))
        self.row = None

    def walk(self, parent: etree._Element, head: bool) -> None:
        for child in parent:
            name = _local_name(child)
            if not name or name in self.skip:
                continue
            if name in _CELLS:
                if self.row is None:  # a cell outside a row: a row of its own
                    self.row, self.header = [], True
                self.row.append(_text_of(child, self.skip, " "))
                self.header = self.header and (head or name == "th")
            elif name == "tr":
                self.end_row()
                self.row, self.header = [], True
                self.walk(child, head)
                self.end_row()
            elif name == "caption":
                self.caption.append(_text_of(child, self.skip, " "))
            else:  # thead, tbody, tfoot, or markup around the rows
                self.walk(child, head or name == "thead")

    def blocks(self, *, tidy: bool, clean: bool) -> list[Block]:
        self.end_row()
        out: list[Block] = []
        caption = _one_line(" ".join(self.caption), tidy=True, clean=clean)
        if caption is not None:
            out.append(Paragraph.plain(caption))
        rows = [tuple(_cell(cell, tidy=tidy, clean=clean) for cell in row) for row, _ in self.rows]
        if any(cell.strip() for row in rows for cell in row):
            header = 0
            while header < len(self.rows) and self.rows[header][1]:
                header += 1
            out.append(Table(rows=rows, header_rows=header))
        return out


class _Figure:
    """The media, alternative text, caption and credit of a figure, in one pass."""

    def __init__(self, skip: frozenset[str]) -> None:
        self.skip = skip
        self.src: str | None = None
        self.alt: str | None = None
        self.source_credit: str | None = None  # NITF media-reference/@source-credit
        self.texts: dict[str, list[str]] = {"caption": [], "credit": []}

    def take(self, element: etree._Element) -> None:
        """The first media reference: ``img src`` (or newsitem's inert ``data-newsitem-src``),
        NITF ``media-reference source``; its alternative text (``alt``, NITF
        ``alternate-text``, else ``name`` as newsitem wrote it before 3.6's attribute) and
        NITF ``source-credit``."""
        if self.src is None:
            src = element.get("src") or element.get("data-newsitem-src") or element.get("source")
            if src is not None and src.strip():
                self.src = src
                self.alt = next(
                    (v for v in map(element.get, ("alt", "alternate-text", "name")) if v is not None), None
                )
                self.source_credit = element.get("source-credit")

    def walk(self, parent: etree._Element, where: str | None) -> None:
        if where is not None and parent.text:
            self.texts[where].append(parent.text)
        for child in parent:
            name = _local_name(child)
            if name in _SOURCES:
                self.take(child)
            elif name == "br" and where is not None:
                self.texts[where].append(" ")
            elif name and name not in self.skip:
                inner = where
                if name in _CAPTIONS and where is None:
                    inner = "caption"
                elif name in _CREDITS or "credit" in (child.get("class") or "").split():
                    inner = "credit"
                self.walk(child, inner)
            if where is not None and child.tail:
                self.texts[where].append(child.tail)


class _BlockWalker(_Walker):
    """Gathers body blocks (see :func:`blocks`): paragraphs as :class:`_Walker` does, and
    headings, quotes, lists, tables, preformatted copy and figures, each read in one pass
    over its elements (the model nests no blocks: what is inside is text)."""

    def __init__(
        self,
        link: LinkRule,
        media: LinkRule,
        *,
        tidy: bool,
        skip: frozenset[str],
        html: bool,
        clean: bool | None = None,
    ) -> None:
        super().__init__(link, tidy=tidy, blocks=_BREAKS, skip=skip, clean=clean)
        self.media = media
        self.html = html
        self.out: list[Block] = []
        self.filled = False  # the paragraph being gathered holds some text

    def index(self) -> int:
        return len(self.out) + len(self.paragraphs)

    def text(self, text: str | None, marks: _Marks) -> None:
        if text:
            self.filled = self.filled or not text.isspace()
            super().text(text, marks)

    def flush(self) -> None:
        super().flush()
        self.filled = False
        if self.paragraphs:
            self.out.extend(self.paragraphs)
            self.paragraphs.clear()

    def child(self, child: etree._Element, name: str, marks: _Marks) -> None:
        if name == "p" and self.tidy and not len(child) and marks == _PLAIN:
            self.flush()  # another's p holding only text (most wire copy): no walk
            self.out.extend(_tidy_text_paragraph(child.text, clean=self.clean))
        elif name in _HEADINGS:
            self.flush()
            self.heading(child, name, marks)
        elif name in _QUOTES:
            self.flush()
            self.quote(child, marks)
        elif name in _LISTS:
            self.flush()
            self.out.extend(
                self.inner(child, marks, lambda items: ListBlock(items=items, ordered=_LISTS[name]))
            )
        elif name == "table":
            self.flush()
            table = _Table(self.skip)
            table.walk(child, False)
            self.out.extend(table.blocks(tidy=self.tidy, clean=self.clean))
        elif name == "pre":
            self.flush()
            self.pre(child)
        elif name in _FIGURES or (name == "img" and not self.filled and not (child.tail or "").strip()):
            self.flush()
            self.figure(child, name)
        elif name == "p" and not len(child) and marks == _PLAIN:
            self.flush()  # our own p holding only text: no walk either
            self.out.extend(_exact_text_paragraph(child.text, clean=self.clean))
        else:
            super().child(child, name, marks)

    def sub(self, blocks: frozenset[str]) -> _Walker:
        walker = _Walker(self.link, tidy=self.tidy, blocks=blocks, skip=self.skip, clean=self.clean)
        walker.base = self.index()
        return walker

    def heading(self, element: etree._Element, name: str, marks: _Marks) -> None:
        level = _HEADINGS[name]
        found = _LEVEL_CLASS.search(element.get("class") or "") if name == "hl2" else None
        walker = self.sub(frozenset())
        walker.walk(element, marks)
        walker.flush()
        for paragraph in walker.paragraphs:
            self.out.append(
                Heading(runs=paragraph.runs, level=level if found is None else int(found.group(1)))
            )

    def inner(
        self, element: etree._Element, marks: _Marks, build: Callable[[list[Paragraph]], Block]
    ) -> list[Block]:
        """``build`` of the paragraphs inside ``element`` (every block inside a break), if any."""
        walker = self.sub(frozenset(_INNER))
        walker.walk(element, marks)
        walker.flush()
        return [build(walker.paragraphs)] if walker.paragraphs else []

    def quote(self, element: etree._Element, marks: _Marks) -> None:
        walker = self.sub(frozenset(_INNER))
        attribution: str | None = None
        walker.text(element.text, marks)
        for child in element:
            name = _local_name(child)
            if name in _ATTRIBUTIONS and attribution is None:
                attribution = _one_line(_text_of(child, self.skip, " "), tidy=self.tidy, clean=self.clean)
                if attribution is not None and self.tidy:
                    attribution = _DASH.sub("", attribution) or None
            elif name and name not in self.skip:
                walker.child(child, name, marks)
            walker.text(child.tail, marks)
        walker.flush()
        if walker.paragraphs:
            self.out.append(Quote(body=walker.paragraphs, attribution=attribution))
        elif attribution is not None:
            self.out.append(Paragraph.plain(attribution))

    def pre(self, element: etree._Element) -> None:
        text = _text_of(element, self.skip, "\n").replace("\r\n", "\n").replace("\r", "\n")
        if self.clean:  # lines, spaces and TABs as sent: only what the model cannot hold changes
            text = cleaned(text)
        if self.html and text.startswith("\n"):
            text = text[1:]  # HTML drops a line break just after <pre>; newsitem writes one there
        if text.strip():
            self.out.append(Preformatted(text=text))

    def figure(self, element: etree._Element, name: str) -> None:
        if name == "figure" and any(_local_name(child) == "table" for child in element):
            self.table_figure(element)
            return
        figure = _Figure(self.skip)
        if name == "img":
            figure.take(element)
        else:
            figure.walk(element, None)
        uri = None if figure.src is None else self.media(figure.src, self.index(), 0)
        if uri is None:
            return  # no media the model can hold (a relative src): its caption is not story text
        caption = _one_line("".join(figure.texts["caption"]), tidy=self.tidy, clean=self.clean)
        credit = _one_line("".join(figure.texts["credit"]), tidy=self.tidy, clean=self.clean)
        if credit is None and figure.source_credit is not None:  # NITF: no media-producer
            credit = _one_line(figure.source_credit, tidy=self.tidy, clean=self.clean)
        alt = None if figure.alt is None else _one_line(figure.alt, tidy=self.tidy, clean=self.clean)
        self.out.append(Figure(uri=uri, caption=caption, credit=credit, alt=alt))

    def table_figure(self, element: etree._Element) -> None:
        """A ``figure`` holding a table (dpa's and WordPress's ``figure class="table"``): its
        tables, and its caption as a paragraph, are story text (not a figure without media)."""
        for child in element:
            name = _local_name(child)
            if name == "table" or (name in _CAPTIONS and name not in self.skip):
                self.child(child, name, _PLAIN)


def blocks(
    element: etree._Element,
    *,
    link: LinkRule = _MODEL_LINKS,
    media: LinkRule | None = None,
    tidy: bool = False,
    skip: frozenset[str] = BLOCK_SKIPPED,
    html: bool = False,
    clean: bool | None = None,
) -> list[Block]:
    """The body blocks in ``element`` (an HTML, XHTML or NITF tree: only local names count).

    ``h1``..``h6`` and NITF ``hl2`` are headings (``h1`` is level 2: the headline is
    the story's; ``hl2 class="level-N"`` is level N); ``blockquote`` and NITF ``bq`` a
    quote (its paragraphs, and the attribution from a ``footer``, ``cite`` or ``credit``
    child); ``ul``/``ol`` a list (each ``li``, and each paragraph inside one, an item);
    ``table`` a table (header rows: the leading rows in a ``thead`` or of ``th`` cells
    only; a ``caption`` is a paragraph before it); ``pre`` preformatted copy, text exact
    (``html=True``: one line break just after ``<pre>`` dropped, as HTML parsers do);
    ``figure`` and NITF ``media`` a figure (``img src``/``alt`` or ``media-reference
    source``/``alternate-text`` (else ``name``), ``figcaption``/``media-caption``, a
    ``small``, ``class="credit"`` or ``media-producer`` as the credit, else the
    reference's ``source-credit``), and so is an ``img`` standing alone between
    paragraphs. ``media`` decides on a figure's URI as ``link`` does on a link (by
    default the same rule); a figure without one is left out (as a page's figures were
    before blocks: its caption is not story text). Everything else is read as
    :func:`paragraphs` reads it. Blocks inside a quote or a list are paragraphs of it;
    what is inside a heading, a cell, a caption or ``pre`` is text. Single-line values
    (cells, captions, attributions) have layout whitespace collapsed when ``tidy``, else
    only TAB and line breaks made spaces. ``clean`` (by default ``tidy``: other people's
    markup) applies :func:`cleaned` to every text and value, ``pre`` included (its lines,
    spaces and TABs still as sent); without it a character the model refuses is a
    ValidationError (our own documents never hold one).
    Each element is visited once: linear in the input.

    Raises:
        ValidationError: a text or URI the model refuses (``link``/``media`` can keep it out).
    """
    walker = _BlockWalker(
        link, link if media is None else media, tidy=tidy, skip=skip, html=html, clean=clean
    )
    walker.walk(element, _PLAIN)
    walker.flush()
    return walker.out


def element_blocks(
    element: etree._Element,
    *,
    link: LinkRule = _MODEL_LINKS,
    media: LinkRule | None = None,
    tidy: bool = False,
    skip: frozenset[str] = BLOCK_SKIPPED,
    html: bool = False,
    clean: bool | None = None,
) -> list[Block]:
    """The blocks ``element`` itself makes (a ``p``, an ``h2``, a ``table``...), as
    :func:`blocks` would read it among its siblings (its tail left out)."""
    walker = _BlockWalker(
        link, link if media is None else media, tidy=tidy, skip=skip, html=html, clean=clean
    )
    name = _local_name(element)
    if name and name not in skip:
        walker.child(element, name, _PLAIN)
    walker.flush()
    return walker.out


def text_paragraph(text: str | None) -> list[Paragraph]:
    """What :func:`element_blocks` with ``tidy`` makes of another's ``p`` holding only text
    (no child element), without a walker: one plain paragraph, layout whitespace collapsed
    and :func:`cleaned`; none for blank text."""
    return _tidy_text_paragraph(text, clean=True)


def _tidy_text_paragraph(text: str | None, *, clean: bool) -> list[Paragraph]:
    """What the walker makes of another's ``p`` holding only text (:func:`paragraphs` with
    ``tidy``), without walking it: one plain paragraph, layout whitespace collapsed (none
    for blank text)."""
    if not text:
        return []
    collapsed = _SPACE.sub(" ", cleaned(text) if clean else text).strip(" ")
    return [Paragraph.plain(collapsed)] if collapsed.strip() else []


def _exact_text_paragraph(text: str | None, *, clean: bool) -> list[Paragraph]:
    """What the walker makes of a ``p`` holding only text read exactly (:func:`paragraphs`
    without ``tidy``), without walking it: one plain paragraph of the text as written (none
    for blank text)."""
    if not text:
        return []
    if clean:
        text = cleaned(text)
    return [Paragraph.plain(text)] if text.strip() else []


def body_blocks(value: str, *, format: str = "html", link: LinkRule = _MODEL_LINKS) -> list[Block]:
    """The blocks of an HTML fragment (:func:`blocks`, text exact but :func:`cleaned`;
    ``script`` and ``style`` left out): what :func:`blocks_html` writes reads back as it
    was (it never writes a character :func:`cleaned` changes), and a control character in
    another's fragment (ninjs ``body_html``) is cleaned, not a refused story.

    Raises:
        ParseError: elements nested too deeply (``format`` names the caller's format).
    """
    body = _body(parse_html(value, format=format, fragment=True))
    if body is None:
        return []
    return blocks(body, link=link, skip=_FRAGMENT_SKIPPED, html=True, clean=True)


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
        _append_runs(etree.SubElement(parent, namespace + "p"), paragraph.runs, namespace, style)


def _runs_html(runs: tuple[Run, ...], live: Callable[[str], bool] | None) -> str:
    if len(runs) == 1 and runs[0].plain:
        return escape(runs[0].text)
    return "".join(_run_html(run, live) for run in runs)


def _row_html(row: tuple[str, ...], cell: str) -> str:
    return "<tr>" + "".join(f"<{cell}>{escape(text)}</{cell}>" for text in row) + "</tr>"


def _table_html(table: Table) -> str:
    head, rest = table.rows[: table.header_rows], table.rows[table.header_rows :]
    parts = ["<table>"]
    if head:
        parts.append("<thead>" + "".join(_row_html(row, "th") for row in head) + "</thead>")
    if rest:
        parts.append("<tbody>" + "".join(_row_html(row, "td") for row in rest) + "</tbody>")
    parts.append("</table>")
    return "".join(parts)


def _figure_html(figure: Figure, live: Callable[[str], bool] | None) -> str:
    uri = escape(figure.uri)
    alt = "" if figure.alt is None else f' alt="{escape(figure.alt)}"'
    img = (
        f'<img src="{uri}"{alt}>'
        if live is None or live(figure.uri)
        else f'<img data-newsitem-src="{uri}"{alt}>'
    )
    caption = "" if figure.caption is None else escape(figure.caption)
    if figure.credit is not None:
        caption += f"<small>{escape(figure.credit)}</small>"
    return (
        f"<figure>{img}<figcaption>{caption}</figcaption></figure>" if caption else f"<figure>{img}</figure>"
    )


def block_html(block: Block, *, live: Callable[[str], bool] | None = None) -> str:
    """``block`` as HTML markup (see :func:`blocks_html`)."""
    if isinstance(block, Paragraph):
        return paragraph_html(block, live=live)
    if isinstance(block, Heading):
        return f"<h{block.level}>{_runs_html(block.runs, live)}</h{block.level}>"
    if isinstance(block, Quote):
        body = "".join(paragraph_html(paragraph, live=live) for paragraph in block.body)
        footer = "" if block.attribution is None else f"<footer>{escape(block.attribution)}</footer>"
        return f"<blockquote>{body}{footer}</blockquote>"
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{_runs_html(item.runs, live)}</li>" for item in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _table_html(block)
    if isinstance(block, Preformatted):
        lead = "\n" if block.text.startswith("\n") else ""  # an HTML parser drops the first
        return f"<pre>{lead}{escape(block.text)}</pre>"
    return _figure_html(block, live)


def blocks_html(
    blocks: Iterable[Block], *, live: Callable[[str], bool] | None = None, sep: str = "\n"
) -> str:
    """Body blocks as an HTML fragment joined by ``sep``, read back exactly by :func:`body_blocks`
    (and :func:`blocks`): ``<p>``; ``<h2>``..``<h6>``; ``<blockquote>`` of ``<p>`` with the
    attribution in a ``<footer>``; ``<ul>``/``<ol>`` of ``<li>`` (an item's runs directly
    inside); ``<table>`` with the header rows as ``<th>`` cells in a ``<thead>``, the
    others as ``<td>`` in a ``<tbody>`` (cells exact, empty ones empty); ``<pre>`` (a line
    break added after the tag when the text starts with one: HTML parsers drop the first);
    ``<figure><img src alt><figcaption>caption<small>credit</small></figcaption></figure>``.
    A link or figure URI ``live`` refuses is written inert (``data-newsitem-href``,
    ``data-newsitem-src``); all are live when ``live`` is None."""
    return sep.join(block_html(block, live=live) for block in blocks)


def _append_runs(element: etree._Element, runs: Iterable[Run], namespace: str, style: str) -> None:
    for run in runs:
        target = _marked(element, run, namespace, style)
        if target is not element:
            target.text = run.text
        elif len(element):
            last = element[len(element) - 1]
            last.tail = (last.tail or "") + run.text
        else:
            element.text = (element.text or "") + run.text


def _append_table(parent: etree._Element, table: Table, namespace: str) -> None:
    element = etree.SubElement(parent, namespace + "table")
    for group, rows, cell in (
        ("thead", table.rows[: table.header_rows], "th"),
        ("tbody", table.rows[table.header_rows :], "td"),
    ):
        if rows:
            container = etree.SubElement(element, namespace + group)
            for row in rows:
                tr = etree.SubElement(container, namespace + "tr")
                for text in row:
                    etree.SubElement(tr, namespace + cell).text = text or None


def _append_figure(parent: etree._Element, figure: Figure, namespace: str, style: str) -> None:
    if style == "nitf":
        media = etree.SubElement(parent, namespace + "media", {"media-type": "image"})
        reference = etree.SubElement(media, namespace + "media-reference", source=figure.uri)
        if figure.alt is not None:  # NITF 3.6: a plain-text substitute for the media object
            reference.set("alternate-text", figure.alt)
        if figure.caption is not None:
            etree.SubElement(media, namespace + "media-caption").text = figure.caption
        if figure.credit is not None:
            etree.SubElement(media, namespace + "media-producer").text = figure.credit
        return
    element = etree.SubElement(parent, namespace + "figure")
    img = etree.SubElement(element, namespace + "img", src=figure.uri)
    if figure.alt is not None:
        img.set("alt", figure.alt)
    if figure.caption is not None or figure.credit is not None:
        caption = etree.SubElement(element, namespace + "figcaption")
        caption.text = figure.caption
        if figure.credit is not None:
            etree.SubElement(caption, namespace + "small").text = figure.credit


def _append_quote(parent: etree._Element, quote: Quote, namespace: str, style: str) -> None:
    nitf = style == "nitf"
    element = etree.SubElement(parent, namespace + ("bq" if nitf else "blockquote"))
    append_paragraphs(
        etree.SubElement(element, namespace + "block") if nitf else element,
        quote.body,
        namespace=namespace,
        style=style,
    )
    if quote.attribution is not None:
        etree.SubElement(element, namespace + ("credit" if nitf else "footer")).text = quote.attribution


def append_block(parent: etree._Element, block: Block, *, namespace: str = "", style: str = "nitf") -> None:
    """Append ``block`` to ``parent`` (see :func:`append_blocks`)."""
    if isinstance(block, Paragraph):
        append_paragraphs(parent, (block,), namespace=namespace, style=style)
    elif isinstance(block, Heading):
        if style == "nitf":
            heading = etree.SubElement(parent, namespace + "hl2")
            if block.level != 2:
                heading.set("class", f"level-{block.level}")
        else:
            heading = etree.SubElement(parent, f"{namespace}h{block.level}")
        _append_runs(heading, block.runs, namespace, style)
    elif isinstance(block, Quote):
        _append_quote(parent, block, namespace, style)
    elif isinstance(block, ListBlock):
        element = etree.SubElement(parent, namespace + ("ol" if block.ordered else "ul"))
        for item in block.items:
            _append_runs(etree.SubElement(element, namespace + "li"), item.runs, namespace, style)
    elif isinstance(block, Table):
        _append_table(parent, block, namespace)
    elif isinstance(block, Preformatted):
        etree.SubElement(parent, namespace + "pre").text = block.text
    else:
        _append_figure(parent, block, namespace, style)


def append_blocks(
    parent: etree._Element, blocks: Iterable[Block], *, namespace: str = "", style: str = "nitf"
) -> None:
    """Append body blocks to ``parent`` (an lxml XML element; ``namespace``: ``"{uri}"`` or
    ``""``), read back exactly by :func:`blocks`.

    ``style="nitf"`` (NITF 3.6 ``body.content``, valid against its schema): ``p``; ``hl2``
    (levels 3 to 6 as ``class="level-N"``: NITF has one subhead element); ``bq`` holding a
    ``block`` of ``p`` and a ``credit``; ``ul``/``ol`` of ``li``; ``table`` with ``thead``
    (``th`` cells) and ``tbody`` (``td``); ``pre``; ``media media-type="image"`` with a
    ``media-reference`` (``source``: the URI, ``alternate-text``: the text alternative), a
    ``media-caption`` and a ``media-producer`` (the credit: NITF's "byline of media
    producer, also used as a credit"; ``source-credit`` is read when there is none).
    Marks: ``em class="bold|italic"``.

    ``style="xhtml"``: ``p``; ``h2``..``h6``; ``blockquote`` of ``p`` with a ``footer``;
    ``ul``/``ol``/``li``; ``table``/``thead``/``tbody``/``tr``/``th``/``td``; ``pre``;
    ``figure`` with ``img src alt`` and a ``figcaption`` (the credit in a ``small``).
    Marks: ``strong``/``em``.
    """
    for block in blocks:
        append_block(parent, block, namespace=namespace, style=style)
