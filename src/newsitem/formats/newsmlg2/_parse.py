"""Parsing NewsML-G2 safely: lxml with no network, no DTD and no entity expansion, a size limit,
and the XML rule of :mod:`newsitem.formats._decode` for bytes and text."""

from __future__ import annotations

import threading

from lxml import etree

from newsitem.errors import ParseError
from newsitem.formats._decode import xml_bytes
from newsitem.formats.newsmlg2._names import NAME

MAX_BYTES = 50_000_000
"""The largest document read (in UTF-8 bytes)."""

_PARSERS = threading.local()


def _parser(encoding: str | None) -> etree.XMLParser:
    # lxml parsers are not shared between threads: one per thread and imposed encoding.
    parsers: dict[str | None, etree.XMLParser] | None = getattr(_PARSERS, "parsers", None)
    if parsers is None:
        parsers = _PARSERS.parsers = {}
    parser = parsers.get(encoding)
    if parser is None:
        parser = parsers[encoding] = etree.XMLParser(
            encoding=encoding,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
        )
    return parser


def parse(data: str | bytes) -> etree._Element:
    """The root element of ``data``.

    Raises:
        ParseError: too large, a DOCTYPE or entity declaration, a lone surrogate in
            text, or not well-formed XML (with line and column).
    """
    raw, encoding = xml_bytes(data, format=NAME)
    if len(raw) > MAX_BYTES:
        raise ParseError(
            f"the document is {len(raw):,} bytes; newsitem reads NewsML-G2 items up to {MAX_BYTES:,}",
            format=NAME,
        )
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:
        raise ParseError(
            "a DOCTYPE or entity declaration: refused (no DTDs, no entity expansion)", format=NAME
        )
    try:
        return etree.fromstring(raw, _parser(encoding))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ParseError(f"malformed XML: {exc.msg}", format=NAME, line=line, column=column) from None
