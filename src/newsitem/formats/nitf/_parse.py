"""Parsing NITF safely: the NewsML-G2 parser (no network, no DTD, no entity expansion, a size
limit), after a DOCTYPE that only names NITF's external DTD (``<!DOCTYPE nitf SYSTEM
"nitf-3-2.dtd">``, common in NITF 3.x) is blanked out: that DTD is never loaded, so it defines
nothing. A DOCTYPE with an internal subset, or naming another root, is refused as NewsML-G2
refuses every DOCTYPE."""

from __future__ import annotations

import re

from lxml import etree

from newsitem.formats.newsmlg2 import _parse
from newsitem.formats.nitf._names import NAME

_DOCTYPE = (
    r"<!DOCTYPE[ \t\r\n]+nitf(?:[ \t\r\n]+(?:SYSTEM|PUBLIC[ \t\r\n]+(?:\"[^\"<>]*\"|'[^'<>]*'))"
    r"[ \t\r\n]+(?:\"[^\"<>]*\"|'[^'<>]*'))?[ \t\r\n]*>"
)
_TEXT = re.compile(_DOCTYPE)
_BYTES = re.compile(_DOCTYPE.encode("ascii"))
"""A DOCTYPE naming the ``nitf`` root and at most an external identifier, no internal subset."""
_HEAD = 4096
"""How far into the document a DOCTYPE is looked for (it precedes the root)."""


def _spaces(doctype: str) -> str:
    """Spaces in place of every character of ``doctype`` but its line breaks."""
    return "".join(ch if ch in "\r\n" else " " for ch in doctype)


def _blanked(data: str | bytes) -> str | bytes:
    """``data`` with an external-only NITF DOCTYPE replaced by spaces (lines and columns kept)."""
    if isinstance(data, str):
        text = _TEXT.search(data, 0, _HEAD)
        if text is None:
            return data
        return data[: text.start()] + _spaces(text.group()) + data[text.end() :]
    if data[:2] in (b"\xfe\xff", b"\xff\xfe") or 0 in data[:4]:
        return data  # a wide encoding: the DOCTYPE, if any, is refused
    found = _BYTES.search(data, 0, _HEAD)
    if found is None:
        return data
    return (
        data[: found.start()]
        + _spaces(found.group().decode("latin-1")).encode("latin-1")
        + data[found.end() :]
    )


def parse(data: str | bytes) -> etree._Element:
    """The root element of ``data``.

    Raises:
        ParseError: too large, a DOCTYPE with an internal subset or an entity declaration,
            a lone surrogate in text, or not well-formed XML (with line and column).
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"loads() takes str or bytes, got {type(data).__name__}")
    return _parse.parse(
        _blanked(bytes(data) if isinstance(data, bytearray) else data), format=NAME, items="NITF documents"
    )
