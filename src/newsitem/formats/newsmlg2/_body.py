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

from collections.abc import Callable, Sequence

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.newsmlg2._names import NAME, NITF, F
from newsitem.formats.newsmlg2._where import located
from newsitem.model import Paragraph

LinkKeeper = Callable[[str, etree._Element, str | None], None]
"""Keeps a link the model refuses in another agency's item in extras with a note:
``(href, element, path below the element or None)``."""

_NO_BLOCKS: frozenset[str] = frozenset()


def write(inline: etree._Element, body: Sequence[Paragraph]) -> None:
    """Write ``body`` as a NITF document inside ``inline`` (an ``inlineXML`` element)."""
    nitf = etree.SubElement(inline, F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    _markup.append_paragraphs(body_content, body, namespace=F, style="nitf")


def _anchor(p: etree._Element, index: int) -> etree._Element:
    """The ``index``-th element of ``p`` that the markup walker counts as a link."""
    found = [e for e in p.iter() if e is not p and _markup.link_of(e) is not None]
    return found[index] if index < len(found) else p


def _inline_rule(p: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    return _markup.lenient_links(lambda href, paragraph, index: keep(href, _anchor(p, index), None))


def read_inline(inline: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Paragraph]:
    """The paragraphs of an ``inlineXML`` (NITF, XHTML, or HTML in the NAR namespace):
    one per ``p``, exact in our own items, layout whitespace collapsed in others'.

    Raises:
        ValidationError: a paragraph the model refuses, placed at its ``p`` (model path
            ``Story.body[N]``).
    """
    out: list[Paragraph] = []
    for p in inline.iter("{*}p"):
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
