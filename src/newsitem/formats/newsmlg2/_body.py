"""The story's body: a NITF 3.6 ``body.content`` in ``inlineXML``, written and read through
the one markup module, :mod:`newsitem.formats._markup`.

Emphasis is ``em class="italic"``, strong text ``em class="bold"`` (NITF has no
``strong``), links ``a href``. Other agencies' bodies may be XHTML, or HTML left in
the NAR namespace (every ``p`` of the first ``inlineXML`` is a paragraph), or text
or HTML sent as text in ``inlineData``. Our own items' links are read as written
(the model judges them); other agencies' follow the one rule for body links,
:func:`newsitem.formats._markup.lenient_links` (a link the model refuses is kept
in extras by the reader's ``LinkKeeper``, with a note).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.newsmlg2._names import NAME, NITF, F
from newsitem.formats.newsmlg2._where import located
from newsitem.model import Block, Paragraph

LinkKeeper = Callable[[str, etree._Element, str | None], None]
"""Keeps a link the model refuses in another agency's item in extras with a note:
``(href, element, path below the element or None)``."""

_NO_BLOCKS: frozenset[str] = frozenset()


def write(inline: etree._Element, body: Sequence[Block]) -> None:
    """Write ``body`` as a NITF document inside ``inline`` (an ``inlineXML`` element)."""
    nitf = etree.SubElement(inline, F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    paragraphs = [block for block in body if isinstance(block, Paragraph)]  # until blocks are written
    _markup.append_paragraphs(body_content, paragraphs, namespace=F, style="nitf")


def _inline_rule(p: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    """The link rule of another agency's ``p``: a refused link is kept at its element, the
    ``index``-th that the markup walker counts as a link (found once per ``p``: once per
    link was quadratic in a paragraph of many links)."""
    anchors: list[etree._Element] | None = None

    def refused(href: str, paragraph: int, index: int) -> None:
        nonlocal anchors
        if anchors is None:
            anchors = [e for e in p.iter() if e is not p and _markup.link_of(e) is not None]
        keep(href, anchors[index] if index < len(anchors) else p, None)

    return _markup.lenient_links(refused)


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


def read_inline(inline: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Paragraph]:
    """The paragraphs of an ``inlineXML`` (NITF, XHTML, or HTML in the NAR namespace):
    one per outermost ``p``, exact in our own items, layout whitespace collapsed in others'.

    Raises:
        ValidationError: a paragraph the model refuses, placed at its ``p`` (model path
            ``Story.body[N]``).
    """
    out: list[Paragraph] = []
    for p in _outermost_ps(inline):
        try:
            if ours and len(p) == 0 and p.text:
                out.append(Paragraph.plain(p.text))  # a plain paragraph: no runs to gather
                continue
            rule = _markup.as_written if ours else _inline_rule(p, keep)
            out.extend(_markup.paragraphs(p, link=rule, tidy=not ours, blocks=_NO_BLOCKS))
        except ValidationError as exc:
            raise located(exc.prefixed(f"Story.body[{len(out)}]"), p) from None
    return out


def _data_rule(data: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    return _markup.lenient_links(
        lambda href, paragraph, index: keep(href, data, f"p[{paragraph + 1}]/a[{index + 1}]/@href")
    )


def read_data(data: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Paragraph]:
    """The paragraphs of an ``inlineData``: HTML sent as text, or plain text (blocks
    separated by blank lines), layout whitespace collapsed.

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
            return _markup.paragraphs(body, link=rule, tidy=True)
        blocks = (" ".join(p.text.split()) for p in _markup.body_text(text))
        return [Paragraph.plain(block) for block in blocks if block]
    except ValidationError as exc:
        raise located(exc.prefixed("Story.body"), data) from None
