"""Parsing NITF safely: the NewsML-G2 parser (no network, no DTD, no entity expansion, a size
limit), after a DOCTYPE that only names NITF's external DTD (``<!DOCTYPE nitf SYSTEM
"nitf-3-2.dtd">``, common in NITF 3.x) is blanked out: that DTD is never loaded, so it defines
nothing. The rule is :func:`~newsitem.formats._decode.blank_external_doctype`, shared with
NewsML 1.2; any other DOCTYPE (an entity of the document's own, another root) is refused as
NewsML-G2 refuses every DOCTYPE."""

from __future__ import annotations

from lxml import etree

from newsitem.formats._decode import blank_external_doctype
from newsitem.formats.newsmlg2 import _parse
from newsitem.formats.nitf._names import NAME


def parse(data: str | bytes) -> etree._Element:
    """The root element of ``data``.

    Raises:
        ParseError: too large, a DOCTYPE with an internal subset or an entity declaration,
            a lone surrogate in text, or not well-formed XML (with line and column).
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"loads() takes str or bytes, got {type(data).__name__}")
    return _parse.parse(
        blank_external_doctype(bytes(data) if isinstance(data, bytearray) else data, "nitf"),
        format=NAME,
        items="NITF documents",
    )
