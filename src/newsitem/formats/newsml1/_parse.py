"""Parsing NewsML 1.2 safely: the NewsML-G2 parser (no network, no DTD, no entity expansion, a
size limit), after a DOCTYPE that only names NewsML's external DTD (``<!DOCTYPE NewsML PUBLIC
"urn:newsml:iptc.org:20001006:NewsMLv1.2:1" "NewsML_1.2.dtd">``, as NewsML 1.x documents
commonly open) is blanked out: that DTD is never loaded, so it defines nothing; nor does an
internal subset that only declares and references external parameter entities (NITF's DTD,
as ATS and Kyodo include it). Any other internal subset (an entity of the document's own), or a
DOCTYPE naming another root, is refused as NewsML-G2 refuses every DOCTYPE."""

from __future__ import annotations

import re

from lxml import etree

from newsitem.formats.newsmlg2 import _parse

NAME = "newsml-1.2"
"""The format's registered name (errors and notes carry it)."""

_S = r"[ \t\r\n]"
_QUOTED = r"(?:\"[^\"<>]*\"|'[^'<>]*')"
_EXTERNAL = rf"(?:SYSTEM|PUBLIC{_S}+{_QUOTED}){_S}+{_QUOTED}"
_PARAMETERS = (
    rf"\[(?:{_S}|<!ENTITY{_S}+%{_S}+[\w.-]+{_S}+{_EXTERNAL}{_S}*>|%[\w.-]+;|<!--(?:[^-]|-(?!-))*-->)*\]"
)
"""An internal subset that only declares and references external parameter entities
(``[<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf;]``: ATS and Kyodo pull NITF's DTD into
NewsML's this way). Each alternative starts with its own character, so matching is linear."""
_DOCTYPE = rf"<!DOCTYPE{_S}+NewsML(?:{_S}+{_EXTERNAL})?{_S}*(?:{_PARAMETERS}{_S}*)?>"
_TEXT = re.compile(_DOCTYPE)
_BYTES = re.compile(_DOCTYPE.encode("ascii"))
"""A DOCTYPE naming the ``NewsML`` root, at most an external identifier, and no internal subset
but external parameter entities."""
_HEAD = 4096
"""How far into the document a DOCTYPE is looked for (it precedes the root)."""


def _spaces(doctype: str) -> str:
    """Spaces in place of every character of ``doctype`` but its line breaks (lines and
    columns of the rest stay as they were)."""
    return "".join(ch if ch in "\r\n" else " " for ch in doctype)


def blanked(data: str | bytes) -> str | bytes:
    """``data`` with an external-only NewsML DOCTYPE replaced by spaces."""
    if isinstance(data, str):
        found = _TEXT.search(data, 0, _HEAD)
        if found is None:
            return data
        return data[: found.start()] + _spaces(found.group()) + data[found.end() :]
    if data[:2] in (b"\xfe\xff", b"\xff\xfe") or 0 in data[:4]:
        return data  # a wide encoding: a DOCTYPE, if any, is refused
    match = _BYTES.search(data, 0, _HEAD)
    if match is None:
        return data
    blank = _spaces(match.group().decode("latin-1")).encode("latin-1")
    return data[: match.start()] + blank + data[match.end() :]


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
    return _parse.parse(blanked(raw), format=NAME, items="NewsML 1.2 documents")
