"""The story's body: a NITF 3.6 ``body.content`` in ``inlineXML``, written and read.

Emphasis is ``em class="italic"``, strong text ``em class="bold"`` (NITF has no
``strong``), links ``a href``. Other agencies' bodies may be XHTML, or HTML left in
the NAR namespace (``em``, ``strong``, ``b``, ``i``, ``a``, ``br`` are read), or
text in ``inlineData`` (read by :mod:`newsitem.formats._markup`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats._markup import body_html, body_text
from newsitem.formats.newsmlg2._names import NITF, F
from newsitem.formats.newsmlg2._where import located
from newsitem.model import Paragraph, Run

LinkRule = Callable[[str, etree._Element], "str | None"]
"""What the reader makes of an ``a/@href``: the link, or None (kept elsewhere)."""

_Marks = tuple[bool, bool, str | None]
_SPACE = re.compile(r"\s+")


def _write_run(parent: etree._Element, run: Run) -> None:
    target = parent
    if run.link is not None:
        target = etree.SubElement(target, F + "a", href=run.link)
    if run.strong:
        target = etree.SubElement(target, F + "em", {"class": "bold"})
    if run.emphasis:
        target = etree.SubElement(target, F + "em", {"class": "italic"})
    if target is parent:
        children = len(parent)
        if children:
            last = parent[children - 1]
            last.tail = (last.tail or "") + run.text
        else:
            parent.text = (parent.text or "") + run.text
    else:
        target.text = run.text


def write(inline: etree._Element, body: Sequence[Paragraph]) -> None:
    """Write ``body`` as a NITF document inside ``inline`` (an ``inlineXML`` element)."""
    nitf = etree.SubElement(inline, F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    body_content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    for paragraph in body:
        p = etree.SubElement(body_content, F + "p")
        for run in paragraph.runs:
            _write_run(p, run)


def tidy(runs: list[Run]) -> list[Run]:
    """Collapse layout whitespace in another agency's paragraph, keeping the marks."""
    out = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if run is runs[0]:
            text = text.lstrip()
        if run is runs[-1]:
            text = text.rstrip()
        if text:
            out.append(Run(text=text, emphasis=run.emphasis, strong=run.strong, link=run.link))
    return out


def _child_marks(child: etree._Element, marks: _Marks, link_rule: LinkRule) -> _Marks:
    emphasis, strong, link = marks
    local = etree.QName(child).localname
    if local == "em":
        css = (child.get("class") or "italic").split()
        return (emphasis or "bold" not in css, strong or "bold" in css, link)
    if local in ("strong", "b"):
        return (emphasis, True, link)
    if local == "i":
        return (True, strong, link)
    href = child.get("href") if local == "a" else None
    if href is not None and ":" in href:  # a relative link has no home in the model
        return (emphasis, strong, link_rule(href, child))
    return marks


def _runs(element: etree._Element, marks: _Marks, out: list[Run], link_rule: LinkRule) -> None:
    emphasis, strong, link = marks
    if element.text:
        out.append(Run(text=element.text, emphasis=emphasis, strong=strong, link=link))
    for child in element:
        if isinstance(child.tag, str):
            if etree.QName(child).localname == "br":
                out.append(Run(text="\n", emphasis=emphasis, strong=strong, link=link))
            _runs(child, _child_marks(child, marks, link_rule), out, link_rule)
        if child.tail:
            out.append(Run(text=child.tail, emphasis=emphasis, strong=strong, link=link))


def _paragraph(p: etree._Element, *, ours: bool, link_rule: LinkRule) -> Paragraph | None:
    if len(p) == 0 and ours and p.text:
        return Paragraph.plain(p.text)  # a plain paragraph: no runs to gather
    runs: list[Run] = []
    _runs(p, (False, False, None), runs, link_rule)
    if not ours:
        runs = tidy(runs)
    if not "".join(r.text for r in runs).strip():
        return None
    return Paragraph(runs=runs)


def read_inline(inline: etree._Element, *, ours: bool, link_rule: LinkRule) -> list[Paragraph]:
    """The paragraphs of an ``inlineXML`` (NITF, XHTML, or HTML in the NAR namespace).

    Raises:
        ValidationError: a paragraph the model refuses, placed at its ``p``.
    """
    paragraphs = []
    for p in inline.iter("{*}p"):
        try:
            paragraph = _paragraph(p, ours=ours, link_rule=link_rule)
        except ValidationError as exc:
            raise located(exc, p) from None
        if paragraph is not None:
            paragraphs.append(paragraph)
    return paragraphs


def read_data(data: etree._Element) -> list[Paragraph]:
    """The paragraphs of an ``inlineData``: text, or HTML sent as text.

    Raises:
        ValidationError: a paragraph the model refuses, placed at the ``inlineData``.
    """
    text = data.text or ""
    try:
        found = body_html(text) if "<p" in text else body_text(text)
        gathered = (tidy(list(p.runs)) for p in found)
        return [Paragraph(runs=runs) for runs in gathered if "".join(r.text for r in runs).strip()]
    except ValidationError as exc:
        raise located(exc, data) from None
