"""The story's body: a NITF 3.6 ``body.content`` in ``inlineXML``, written and read through
the one markup module, :mod:`newsitem.formats._markup`.

Every kind of block has its NITF element: ``p``, ``hl2`` (levels 3 to 6 as
``class="level-N"``), ``bq`` (a ``block`` of ``p`` and a ``credit``), ``ul``/``ol``,
``table``, ``pre`` and ``media`` (see :func:`newsitem.formats._markup.append_blocks`).
Emphasis is ``em class="italic"``, strong text ``em class="bold"`` (NITF has no
``strong``), links ``a href``. Our own items read back exactly (:func:`read_inline`).

Other agencies' bodies (:func:`read_body`, a :class:`BodyReading` that :func:`merge`
takes into the item reader) may be NITF (its ``body.head`` read by the one NITF body
reader, :mod:`newsitem.formats._nitf_body`), XHTML (read from its ``body``: dpa's HTML5
``header`` gives the headline, kicker, by-line and genre label, not paragraphs), HTML
without its ``html``, an agency's own vocabulary (TT's ``BODY/TEXT/P``: the children of
the elements holding its paragraphs, with a note), or text or HTML sent as text in
``inlineData``; the wire credit lines (a ``By ...`` paragraph, Reuters' ``(Adds ...)`` and
``(Reporting by ...)``) go to the bylines and the editor's note. Our own items' links are
read as written (the model judges them); other agencies' follow the one rule for body
links, :func:`newsitem.formats._markup.lenient_links` (a link the model refuses is kept in
extras by the reader's ``LinkKeeper``, with a note).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from types import UnionType

import attrs
from lxml import etree

from newsitem import notes
from newsitem.errors import ValidationError
from newsitem.formats import _markup, _nitf_body
from newsitem.formats.newsmlg2._names import NAME, NITF, PREFIX, F, T
from newsitem.formats.newsmlg2._where import line_of, located, path, refused
from newsitem.model import Block, Heading, Paragraph

LinkKeeper = Callable[[str, etree._Element, str | None], None]
"""Keeps a link the model refuses in another agency's item in extras with a note:
``(href, element, path below the element or None)``."""

_NO_BLOCKS: frozenset[str] = frozenset()
_HEADER = frozenset({"header"})
"""Left out of an XHTML body: an HTML5 ``header`` holds the item's metadata (dpa's slugline
list, time and ``h1`` headline), not story text."""
_OWN_SKIPPED = frozenset({"script", "style"})
"""Left out of our own NITF bodies (newsitem writes neither): not story text."""
_P = F + "p"


def write(inline: etree._Element, body: Sequence[Block]) -> None:
    """Write ``body`` as a NITF document inside ``inline`` (an ``inlineXML`` element): a
    plain paragraph is a ``p`` holding its text (as the markup module writes it, without a
    walk over one run), every other block is written by the markup module."""
    nitf = etree.SubElement(inline, F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    for block in body:
        if block.__class__ is Paragraph and len(block.runs) == 1 and block.runs[0].plain:
            etree.SubElement(body_content, _P).text = block.runs[0].text
        else:
            _markup.append_block(body_content, block, namespace=F, style="nitf")


def _placed(
    element: etree._Element, keep: LinkKeeper, found: Callable[[etree._Element], bool]
) -> _markup.LinkRule:
    """The link (or media) rule of another agency's ``element``: a refused URI is kept at
    its element, the n-th that ``found`` picks, as the markup walker meets them in document
    order, once each (they are listed once per element: once per link was quadratic)."""
    elements: list[etree._Element] | None = None
    seen = 0

    def refused(href: str, paragraph: int, index: int) -> None:
        nonlocal elements
        if elements is None:
            elements = [e for e in element.iter() if isinstance(e.tag, str) and found(e)]
        keep(href, elements[seen - 1] if 0 < seen <= len(elements) else element, None)

    lenient = _markup.lenient_links(refused)

    def rule(href: str, paragraph: int, index: int) -> str | None:
        nonlocal seen
        seen += 1
        return lenient(href, paragraph, index)

    return rule


def _is_link(element: etree._Element) -> bool:
    return _markup.link_of(element) is not None


def _is_media(element: etree._Element) -> bool:
    return _local(element) in ("img", "media-reference")


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _roots(inline: etree._Element) -> tuple[list[etree._Element], bool] | None:
    """Where the blocks of an ``inlineXML`` are: NITF's ``body.content`` elements, or an
    XHTML ``body`` (and whether it is XHTML); None for another vocabulary."""
    for child in inline:
        name = _local(child)
        if name == "nitf":
            bodies = (body for body in child if _local(body) == "body")
            return [e for body in bodies for e in body if _local(e) == "body.content"], False
        if name == "html":
            return [e for e in child if _local(e) == "body"], True
        if name == "body.content":
            return [child], False
    return None


_WIRE_BREAKS = 2
"""How many paragraph starts make a ``p`` wire copy (one indented line may be layout)."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _wire_copy(element: etree._Element) -> list[Block] | None:
    """The paragraphs of wire copy sent whole in one text-only ``p``, or None when
    ``element`` is no such ``p``. As in Reuters' copy, a paragraph starts after a blank line
    or on a line indented deeper than the least indented of the lines after the first (its
    soft-wrapped lines); lines indented alike are layout (a pretty-printed ``p``)."""
    text = element.text
    if _local(element) != "p" or len(element) or not text or text.count("\n") < _WIRE_BREAKS:
        return None
    lines = text.strip().split("\n")
    least = min((_indent(line) for line in lines[1:] if line.strip()), default=0)
    paragraphs: list[list[str]] = [[lines[0]]]
    starts = 0
    for line in lines[1:]:
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
                starts += 1
        elif _indent(line) > least and paragraphs[-1]:
            paragraphs.append([line])
            starts += 1
        else:
            paragraphs[-1].append(line)
    if starts < _WIRE_BREAKS:
        return None
    found = (" ".join(_markup.cleaned(" ".join(lines)).split()) for lines in paragraphs)
    return [Paragraph.plain(piece) for piece in found if piece]


def _repeats(block: Block, titles: frozenset[str]) -> bool:
    """Whether ``block`` is a heading that repeats the headline or subheadline."""
    return isinstance(block, Heading) and " ".join(block.text.split()) in titles


def read_inline(
    inline: etree._Element,
    *,
    ours: bool,
    keep: LinkKeeper,
    titles: frozenset[str] = frozenset(),
    wire_copy: bool = False,
) -> list[Block]:
    """The blocks of an ``inlineXML``: those of each child of NITF's ``body.content`` (or of
    an XHTML ``body``), exact in our own items, layout whitespace collapsed in others';
    in another vocabulary, one paragraph per outermost ``p``. In another agency's item, a
    heading leading the body that repeats the headline or subheadline (``titles``) is left out,
    and with ``wire_copy`` a text-only ``p`` holding wire copy (indented paragraph starts)
    gives its paragraphs.

    Raises:
        ValidationError: a block the model refuses, placed at its element (model path
            ``Story.body[N]``).
    """
    found = _roots(inline)
    if found is None:
        return _paragraphs(inline, ours=ours, keep=keep)
    roots, xhtml = found
    skip = _markup.BLOCK_SKIPPED | _HEADER if xhtml else _markup.BLOCK_SKIPPED
    out: list[Block] = []
    for root in roots:
        for child in root:
            if not isinstance(child.tag, str):
                continue
            try:
                if ours and child.tag == _P:
                    if len(child) == 0 and child.text:
                        out.append(Paragraph.plain(child.text))  # a plain paragraph: no runs to gather
                        continue
                    blocks: list[Block] = [
                        *_markup.paragraphs(child, link=_markup.as_written, blocks=_NO_BLOCKS)
                    ]
                elif ours:
                    blocks = _markup.element_blocks(child, link=_markup.as_written, skip=_OWN_SKIPPED)
                elif wire_copy and (wire := _wire_copy(child)) is not None:
                    blocks = wire
                elif not len(child) and _local(child) == "p":  # text only: no walker, no link to place
                    blocks = [*_markup.text_paragraph(child.text)]
                else:
                    link, media = _placed(child, keep, _is_link), _placed(child, keep, _is_media)
                    blocks = _markup.element_blocks(child, link=link, media=media, tidy=True, skip=skip)
            except ValidationError as exc:
                raise located(exc.prefixed(f"Story.body[{len(out)}]"), child) from None
            if ours and not blocks:
                what = f"<{_local(child)}> holds no text: the model has no empty block"
                raise refused(f"Story.body[{len(out)}]", what, child)
            if not ours and titles:
                while blocks and not out and _repeats(blocks[0], titles):
                    blocks.pop(0)
            out.extend(blocks)
    return out


def _outermost_ps(inline: etree._Element) -> Iterator[etree._Element]:
    """The ``p`` elements (any namespace) of ``inline`` that are not inside another ``p``, in
    document order: a ``p`` inside a ``p`` is read as part of it, once (reading each ``p`` of
    a nest read its text once per level, 256 times at libxml2's depth limit)."""
    stack = [iter(inline)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child.tag, str):
            if child.tag == "p" or child.tag.endswith("}p"):
                yield child
            else:
                stack.append(iter(child))


def _paragraphs(inline: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Block]:
    """One paragraph per outermost ``p`` of a body in a vocabulary other than NITF and XHTML."""
    out: list[Block] = []
    for p in _outermost_ps(inline):
        try:
            rule = _markup.as_written if ours else _placed(p, keep, _is_link)
            out.extend(_markup.paragraphs(p, link=rule, tidy=not ours, blocks=_NO_BLOCKS))
        except ValidationError as exc:
            raise located(exc.prefixed(f"Story.body[{len(out)}]"), p) from None
    return out


def _data_rule(data: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    return _markup.lenient_links(
        lambda href, paragraph, index: keep(href, data, f"p[{paragraph + 1}]/a[{index + 1}]/@href")
    )


def read_data(data: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Block]:
    """The blocks of an ``inlineData``: HTML sent as text (read as :func:`read_inline` reads
    XHTML), or plain text (paragraphs separated by blank lines), layout whitespace collapsed.

    Raises:
        ParseError: HTML nested deeper than the markup parser's limit.
        ValidationError: a paragraph the model refuses, placed at the ``inlineData``.
    """
    text = data.text or ""
    try:
        if "<p" in text:
            root = _markup.parse_html(text, format=NAME, fragment=True)
            body = None if root is None else root.find("body")
            if body is None:
                return []
            rule = _markup.as_written if ours else _data_rule(data, keep)
            return _markup.blocks(body, link=rule, tidy=True, skip=_markup.BLOCK_SKIPPED | _HEADER, html=True)
        blocks = (" ".join(p.text.split()) for p in _markup.body_text(text))
        return [Paragraph.plain(block) for block in blocks if block]
    except ValidationError as exc:
        raise located(exc.prefixed("Story.body"), data) from None


BodyReading = _nitf_body.BodyReading
"""What a body says (:class:`newsitem.formats._nitf_body.BodyReading`): blocks, and in
another agency's item the values printed with them (headline, bylines, dateline,
summary, editor's note, genre) for the item reader to take where the metadata has none."""

VOCABULARY_CODE = "unknown-vocabulary"
"""The note code of a body in a vocabulary newsitem does not know."""
_PARAGRAPH_NAMES = frozenset({"p", "para", "paragraph"})
"""Local names (any case) of a paragraph in a vocabulary newsitem does not know."""
_SUBTITLES = frozenset({"h2", "h3", "h4", "h5", "h6"})
_HTML_ROOTS = _markup.BLOCKS | frozenset(
    {"html", "body.content", "body", "section", "article", "main", "ul", "ol", "table"}
)
"""Local names of an ``inlineXML`` child that make it HTML sent without its ``html``."""


def read_body(
    element: etree._Element, *, ours: bool, keep: LinkKeeper, titles: frozenset[str] = frozenset()
) -> BodyReading:
    """The body of an ``inlineXML`` or ``inlineData`` ``element`` and, in another agency's
    item, the values printed with it: NITF's ``body.head`` (:mod:`newsitem.formats._nitf_body`),
    an XHTML ``header`` (dpa's byline and genre label: not paragraphs), the wire credit lines
    (a ``By ...`` paragraph, Reuters' ``(Adds ...)`` and ``(Reporting by ...)``); a body in
    an unknown vocabulary is read as paragraphs of text, with a note. Our own items read
    exactly as :func:`read_inline` reads them.

    Raises:
        ParseError: HTML in ``inlineData`` nested deeper than the markup parser's limit.
        ValidationError: a block the model refuses, placed at its element.
    """
    if element.tag == T.inlineData:
        blocks = read_data(element, ours=ours, keep=keep)
        return BodyReading(blocks=blocks) if ours else _credited(BodyReading(blocks=blocks))
    if ours:
        return BodyReading(blocks=read_inline(element, ours=True, keep=keep, titles=titles))
    child = next((c for c in element if isinstance(c.tag, str)), None)
    if child is None:
        return BodyReading()
    name = _local(child)
    if name == "nitf":
        body = next((b for b in child if _local(b) == "body"), None)
        reading = BodyReading() if body is None else _nitf(body, keep)
        return attrs.evolve(reading, blocks=_untitled(reading.blocks, titles, Heading))
    if name in _HTML_ROOTS:
        blocks = read_inline(element, ours=False, keep=keep, titles=titles, wire_copy=True)
        reading = _credited(BodyReading(blocks=blocks))
        header = _header(child) if name == "html" else None
        return reading if header is None else _with_header(reading, header)
    return _credited(
        BodyReading(blocks=_untitled(_vocabulary(element, child, keep), titles, Heading | Paragraph))
    )


def _nitf(body: etree._Element, keep: LinkKeeper) -> BodyReading:
    """Another agency's NITF ``body``; a refused link or figure URI kept at its element."""
    content = next((c for c in body if _local(c) == "body.content"), body)
    return _nitf_body.read_body(
        body,
        link=_placed(content, keep, _is_link),
        media=_placed(content, keep, _is_media),
        tidy=True,
        located=located,
    )


def _untitled(blocks: list[Block], titles: frozenset[str], kinds: type | UnionType) -> list[Block]:
    """``blocks`` without leading blocks of ``kinds`` (headings; in an unknown vocabulary,
    paragraphs too) that repeat the headline or subheadline."""
    count = 0
    for block in blocks:
        if (
            not titles
            or not isinstance(block, kinds)
            or not isinstance(block, Heading | Paragraph)
            or " ".join(block.text.split()) not in titles
        ):
            break
        count += 1
    return blocks[count:] if count else blocks


def _credited(reading: BodyReading) -> BodyReading:
    """``reading`` with the wire credit lines and sign-off taken out of its blocks, and the
    place of a dateline printed at the start of its first paragraph."""
    found = _nitf_body.credit_lines(reading.blocks)
    opening = _nitf_body.opening_dateline(found.blocks)
    if found.blocks is reading.blocks:
        return reading if opening is None else attrs.evolve(reading, opening_dateline=opening)
    return attrs.evolve(
        reading,
        opening_dateline=opening,
        blocks=found.blocks,
        bylines=[*reading.bylines, *found.bylines],
        byline_text=found.byline_text,
        ednote=found.ednote,
        sign_off=found.sign_off,
    )


def _header(html: etree._Element) -> etree._Element | None:
    """The first HTML5 ``header`` of an XHTML ``body``, at any depth (dpa's: slugline, time,
    headline, byline, genre label), or None."""
    body = next((b for b in html if _local(b) == "body"), None)
    return None if body is None else next(body.iter("{*}header"), None)  # any namespace or none


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _with_header(reading: BodyReading, header: etree._Element) -> BodyReading:
    """``reading`` with the values of an XHTML ``header``: its ``h1`` the headline, its first
    ``h2``-``h6`` the subheadline, a ``class="byline"`` element the bylines, a
    ``class="genre"`` element the genre label; other text is kept in extras."""
    values: dict[str, str] = {}
    other: list[str] = []
    for element in header:
        if not isinstance(element.tag, str):
            continue
        name, classes = _local(element), _classes(element)
        text = _nitf_body.text_of(element)
        if text is None:
            continue
        key = (
            "byline"
            if "byline" in classes
            else "genre"
            if "genre" in classes
            else "headline"
            if name == "h1"
            else "subheadline"
            if name in _SUBTITLES
            else None
        )
        if key is not None:
            values.setdefault(key, text)
        elif name not in ("time", "ul"):  # the slugline and time are the item's metadata
            other.append(text)
    bylines, printed = list(reading.bylines), reading.byline_text
    if "byline" in values:
        names = {b.name for b in bylines}
        bylines.extend(p for p in _nitf_body.persons(values["byline"]) if p.name not in names)
        printed = "\n".join(t for t in (values["byline"], printed) if t)
    extras = dict(reading.extras)
    if other:
        extras[PREFIX + "body.header"] = "\n".join(other)
    return attrs.evolve(
        reading,
        headline=values.get("headline"),
        subheadline=values.get("subheadline"),
        bylines=bylines,
        byline_text=printed,
        genre=values.get("genre"),
        extras=extras,
    )


def _is_paragraph(element: etree._Element) -> bool:
    return _local(element).lower() in _PARAGRAPH_NAMES


def _containers(root: etree._Element) -> tuple[set[etree._Element], set[etree._Element]]:
    """The elements holding paragraphs (``p``, ``P``, ``para``) of an unknown vocabulary,
    and the elements holding those: one walk, each ancestor marked once."""
    containers: set[etree._Element] = set()
    holders: set[etree._Element] = set()
    for element in root.iter():
        if not isinstance(element.tag, str) or not _is_paragraph(element):
            continue
        parent = element.getparent()
        if parent is None or parent in containers:
            continue
        containers.add(parent)
        up = parent.getparent()
        while up is not None and up not in holders:
            holders.add(up)
            up = up.getparent()
    return containers, holders


def _own_text(element: etree._Element) -> bool:
    """Whether ``element`` has text of its own (not only inside its children)."""
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def _text_blocks(root: etree._Element) -> Iterator[etree._Element]:
    """The text blocks of an unknown vocabulary, in document order: every child of an
    element that holds paragraphs (its paragraphs and their siblings: quotes, subheads;
    a sibling without text of its own, a list, gives each of its children); none where
    there are no paragraphs (data such as SportsML's statistics is no story text)."""
    containers, holders = _containers(root)
    stack: list[tuple[Iterator[etree._Element], bool]] = [(iter([root]), False)]
    while stack:
        element = next(stack[-1][0], None)
        if element is None:
            stack.pop()
            continue
        if not isinstance(element.tag, str):
            continue
        inside = stack[-1][1] or element.getparent() in containers
        if element in containers or element in holders:
            stack.append((iter(element), False))
        elif inside and len(element) and not _own_text(element):
            stack.append((iter(element), True))
        elif inside:
            yield element
        else:
            stack.append((iter(element), False))


_PHRASE = 4
"""The fewest words of a phrase in an unknown vocabulary's leaf elements: fewer is data (a
team's name, a width), not story text."""


def _leaf_blocks(root: etree._Element) -> list[etree._Element]:
    """The text blocks of an unknown vocabulary without paragraph elements (Infomaker's IDF
    ``group/element``): the outermost elements with text of their own (their children are
    inline: links, emphasis), of the one name that most often holds a phrase (four words or
    more: data fields such as ``width`` or a team's name hold fewer; none, no blocks), in
    document order. One walk."""
    blocks: list[etree._Element] = []
    phrases: dict[str, int] = {}
    stack = [iter([root])]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif isinstance(element.tag, str) and _local(element) not in _markup.BLOCK_SKIPPED:
            if _own_text(element):
                blocks.append(element)
                text = _nitf_body.text_of(element) or ""
                phrases[element.tag] = phrases.get(element.tag, 0) + (len(text.split()) >= _PHRASE)
            else:
                stack.append(iter(element))
    if not phrases or not max(phrases.values()):
        return []
    name = max(phrases, key=lambda tag: phrases[tag])
    return [element for element in blocks if element.tag == name]


def _vocabulary(inline: etree._Element, root: etree._Element, keep: LinkKeeper) -> list[Block]:
    """The paragraphs of a body in a vocabulary newsitem does not know (TT's ``BODY/TEXT/P``;
    without paragraph elements, its leaf text blocks, :func:`_leaf_blocks`), with a note
    saying so (never emptied silently)."""
    out: list[Block] = []
    elements = list(_text_blocks(root))
    leaves = not elements
    for element in _leaf_blocks(root) if leaves else elements:
        try:
            out.extend(
                _markup.paragraphs(
                    element, link=_placed(element, keep, _is_link), tidy=True, blocks=_NO_BLOCKS
                )
            )
        except ValidationError as exc:
            raise located(exc.prefixed(f"Story.body[{len(out)}]"), element) from None
    namespace = root.tag.partition("}")[0][1:] if root.tag.startswith("{") else None
    kind = inline.get("contenttype")
    notes.add(
        notes.Note(
            code=VOCABULARY_CODE,
            message=f"the body is <{_local(root)}> ({namespace or 'no namespace'}"
            f"{', ' + kind if kind else ''}), a vocabulary newsitem does not know: read as"
            f" {len(out)} paragraphs of text ("
            + (
                "it has no p, P or para elements: its leaf elements holding phrases"
                if leaves
                else "its p, P or para elements and their siblings"
            )
            + "), other markup left out",
            format=NAME,
            where=path(root),
            line=line_of(root),
        )
    )
    return out


_FALLBACKS = ("headline", "subheadline", "summary", "genre")
"""The story fields a body's values fill only where the item's metadata gave none."""


def merge(reading: BodyReading, fields: dict[str, object], add: Callable[[str, str | None], None]) -> None:
    """Take ``reading``'s values into an item reader's ``fields`` (``add`` keeps a value in
    extras): the body's blocks; its headline, subheadline, dateline (a NITF dateline's
    place, without its date), summary and genre where the metadata has none; its bylines
    after the metadata's, a name never twice; its editor's note after ``edNote``'s; the
    printed by-line (when it names no one), the tagline, distributor and series in extras."""
    fields["body"] = reading.blocks
    if fields.get("dateline") is None and (reading.location or reading.dateline):
        fields["dateline"] = reading.location or reading.dateline  # the place, as the metadata's
    elif fields.get("dateline") is None:
        fields["dateline"] = reading.opening_dateline  # printed in the first paragraph, kept there
    for name in _FALLBACKS:
        value = getattr(reading, name)
        if value is not None and fields.get(name) is None:
            fields[name] = value
    bylines = fields.get("bylines")
    known = list(bylines) if isinstance(bylines, list | tuple) else []
    names = {getattr(byline, "name", "").casefold() for byline in known}
    for byline in reading.bylines:
        if byline.name.casefold() not in names:
            names.add(byline.name.casefold())
            known.append(byline)
    fields["bylines"] = known
    if reading.ednote is not None:
        before = fields.get("ednote")
        fields["ednote"] = (
            f"{before}\n{reading.ednote}" if isinstance(before, str) and before else reading.ednote
        )
    if not reading.bylines:
        add(PREFIX + "body.byline", reading.byline_text)
    add(PREFIX + "body.tagline", reading.tagline)
    add(PREFIX + "body.distributor", reading.distributor)
    add(PREFIX + "body.series", reading.series)
    add(PREFIX + "sign-off", reading.sign_off)
    for key, value in reading.extras.items():
        add(key, value)
