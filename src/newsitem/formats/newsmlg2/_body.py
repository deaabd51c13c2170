"""The story's body: a NITF 3.6 ``body.content`` in ``inlineXML``, written and read through
the one markup module, :mod:`newsitem.formats._markup`.

Emphasis is ``em class="italic"``, strong text ``em class="bold"`` (NITF has no
``strong``), links ``a href``. Other agencies' bodies may be XHTML, or HTML left in
the NAR namespace (every ``p`` of the first ``inlineXML`` is a paragraph), or text
or HTML sent as text in ``inlineData``. A link is kept when the model takes it; a
relative one has no home in the model and is dropped; what the reader's
``LinkKeeper`` refuses is kept elsewhere by the reader (another agency's item) or
left for the model to refuse (ours).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.newsmlg2._names import NAME, NITF, F
from newsitem.formats.newsmlg2._where import located
from newsitem.model import Paragraph, is_uri

LinkKeeper = Callable[[str, etree._Element, str | None], "str | None"]
"""The reader's rule for a link: ``(href, element, path below the element or None) -> the
link, or None`` (the value then kept in extras with a note)."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_SPACE = re.compile(r"\s+")
_NO_BLOCKS: frozenset[str] = frozenset()


def write(inline: etree._Element, body: Sequence[Paragraph]) -> None:
    """Write ``body`` as a NITF document inside ``inline`` (an ``inlineXML`` element)."""
    nitf = etree.SubElement(inline, F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    _markup.append_paragraphs(body_content, body, namespace=F, style="nitf")


def _anchor(p: etree._Element, index: int) -> etree._Element:
    """The ``index``-th element of ``p`` that the markup walker counts as a link."""
    found = [
        e
        for e in p.iter()
        if e is not p
        and isinstance(e.tag, str)
        and (
            (e.get("href") if etree.QName(e).localname == "a" else e.get("data-newsitem-href")) or ""
        ).strip()
    ]
    return found[index] if index < len(found) else p


def _inline_rule(p: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    def rule(href: str, paragraph: int, index: int) -> str | None:
        if is_uri(href):
            return href
        if _SCHEME.match(href) is None:
            return None  # a relative link has no home in the model
        return keep(href, _anchor(p, index), None)

    return rule


def read_inline(inline: etree._Element, *, ours: bool, keep: LinkKeeper) -> list[Paragraph]:
    """The paragraphs of an ``inlineXML`` (NITF, XHTML, or HTML in the NAR namespace):
    one per ``p``, exact in our own items, layout whitespace collapsed in others'.

    Raises:
        ValidationError: a paragraph the model refuses, placed at its ``p``.
    """
    out: list[Paragraph] = []
    for p in inline.iter("{*}p"):
        if ours and len(p) == 0 and p.text:
            out.append(Paragraph.plain(p.text))  # a plain paragraph: no runs to gather
            continue
        try:
            rule = _inline_rule(p, keep)
            out.extend(_markup.paragraphs(p, link=rule, tidy=not ours, blocks=_NO_BLOCKS))
        except ValidationError as exc:
            raise located(exc, p) from None
    return out


def _data_rule(data: etree._Element, keep: LinkKeeper) -> _markup.LinkRule:
    def rule(href: str, paragraph: int, index: int) -> str | None:
        if is_uri(href):
            return href
        if _SCHEME.match(href) is None:
            return None
        return keep(href, data, f"p[{paragraph + 1}]/a[{index + 1}]/@href")

    return rule


def read_data(data: etree._Element, *, keep: LinkKeeper) -> list[Paragraph]:
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
            return _markup.paragraphs(body, link=_data_rule(data, keep), tidy=True)
        blocks = (_SPACE.sub(" ", p.text).strip() for p in _markup.body_text(text))
        return [Paragraph.plain(block) for block in blocks if block]
    except ValidationError as exc:
        raise located(exc, data) from None
