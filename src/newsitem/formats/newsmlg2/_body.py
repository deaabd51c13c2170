"""The story's body: a NITF 3.6 ``body.content`` in ``inlineXML``, written and read through
the one markup module, :mod:`newsitem.formats._markup`.

Every kind of block has its NITF element: ``p``, ``hl2`` (levels 3 to 6 as
``class="level-N"``), ``bq`` (a ``block`` of ``p`` and a ``credit``), ``ul``/``ol``,
``table``, ``pre`` and ``media`` (see :func:`newsitem.formats._markup.append_blocks`).
Emphasis is ``em class="italic"``, strong text ``em class="bold"`` (NITF has no
``strong``), links ``a href``. Other agencies' bodies may be NITF, XHTML (read from its
``body``: an HTML5 ``header`` is the item's metadata, not story text), or HTML left in the
NAR namespace or another vocabulary (every ``p`` of the first ``inlineXML`` is a
paragraph), or text or HTML sent as text in ``inlineData``. Our own items' links are read
as written (the model judges them); other agencies' follow the one rule for body links,
:func:`newsitem.formats._markup.lenient_links` (a link the model refuses is kept in extras
by the reader's ``LinkKeeper``, with a note).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.newsmlg2._names import NAME, NITF, F
from newsitem.formats.newsmlg2._where import located, refused
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


def _repeats(block: Block, titles: frozenset[str]) -> bool:
    """Whether ``block`` is a heading that repeats the headline or subheadline."""
    return isinstance(block, Heading) and " ".join(block.text.split()) in titles


def read_inline(
    inline: etree._Element, *, ours: bool, keep: LinkKeeper, titles: frozenset[str] = frozenset()
) -> list[Block]:
    """The blocks of an ``inlineXML``: those of each child of NITF's ``body.content`` (or of
    an XHTML ``body``), exact in our own items, layout whitespace collapsed in others';
    in another vocabulary, one paragraph per outermost ``p``. In another agency's item, a
    heading leading the body that repeats the headline or subheadline (``titles``) is left out.

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
