"""Parsing NewsML 1.2 safely: the NewsML-G2 parser (no network, no DTD, no entity expansion, a
size limit), after a DOCTYPE that only names NewsML's external DTD (``<!DOCTYPE NewsML PUBLIC
"urn:newsml:iptc.org:20001006:NewsMLv1.2:1" "NewsML_1.2.dtd">``, as NewsML 1.x documents
commonly open) is blanked out: that DTD is never loaded, so it defines nothing; nor does an
internal subset that only declares and references external parameter entities (NITF's DTD,
as ATS and Kyodo include it). Any other internal subset (an entity of the document's own), or a
DOCTYPE naming another root, is refused as NewsML-G2 refuses every DOCTYPE. The rule is
:func:`~newsitem.formats._decode.blank_external_doctype`, shared with NITF."""

from __future__ import annotations

from lxml import etree

from newsitem.formats._decode import blank_external_doctype
from newsitem.formats.newsmlg2 import _parse

NAME = "newsml-1.2"
"""The format's registered name (errors and notes carry it)."""


def parse(data: str | bytes) -> etree._Element:
    """The root element of ``data``.

    Raises:
        ParseError: too large, a DOCTYPE with an internal subset or an entity declaration,
            a lone surrogate in text, or not well-formed XML (with line and column).
        TypeError: ``data`` is neither str nor bytes.
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"loads() takes str or bytes, got {type(data).__name__}")
    raw = bytes(data) if isinstance(data, bytearray) else data
    return _parse.parse(blank_external_doctype(raw, "NewsML"), format=NAME, items="NewsML 1.2 documents")
