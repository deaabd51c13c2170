"""Parsing NewsML-G2 safely: lxml with no network, no DTD and no entity expansion, a size limit,
and the XML rules of :mod:`newsitem.formats._decode` for bytes and text (:func:`xml_bytes`) and
for a DOCTYPE (:func:`refuse_dtd`, on the decoded text: UTF-16 and UTF-32 documents too)."""

from __future__ import annotations

import re
import threading

from lxml import etree

from newsitem.errors import ParseError
from newsitem.formats._decode import DTD_REFUSED, refuse_dtd, xml_bytes
from newsitem.formats.newsmlg2._names import NAME

MAX_BYTES = 50_000_000
"""The largest document read (in UTF-8 bytes)."""

_PARSERS = threading.local()
_TAIL = re.compile(r",? line \d+, column \d+$")
_WORDING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), wording)
    for pattern, wording in (
        (
            r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
            r"the end tag </\3> does not close <\1> (opened on line \2): expected </\1>",
        ),
        (
            r"Premature end of data in tag (\S+) line (\d+)",
            r"the document ends inside <\1> (opened on line \2)",
        ),
        (r"Couldn't find end of Start Tag (\S+)", r"the start tag <\1> is not closed: expected '>'"),
        (
            r"xmlParseEntityRef: no name",
            "'&' starts no reference: expected a name and ';' after it (write &amp; for an ampersand)",
        ),
        (
            r"Entity '([^']*)' not defined",
            r"unknown entity &\1;: expected &amp; &lt; &gt; &quot; &apos; or a character reference",
        ),
        (r"Extra content at the end of the document", "more after the root element ends: expected one root"),
        (
            r"Document is empty|Start tag expected, '<' not found",
            "no root element: expected '<' to start one",
        ),
        (r"AttValue: \" or ' expected", "an attribute value without quotes: expected \" or '"),
        (r"Attribute (\S+) redefined", r"the attribute \1 is given twice"),
        (r"PCDATA invalid Char value (\d+)", r"a control character (code \1): not allowed in XML"),
        (
            r"StartTag: invalid element name",
            "an element name that is no name: expected a letter or '_' after '<'",
        ),
        (r"(?:xmlParseCharRef: )?invalid xmlChar value (\d+)", r"&#\1; names no XML character"),
        (r"Double hyphen within comment", "'--' inside a comment: not allowed in XML"),
        (r"attributes construct error", "malformed attributes: expected name=\"value\" pairs, then '>'"),
        (
            r"Invalid bytes in character encoding",
            "bytes not in the document's encoding (UTF-8 unless its declaration names another)",
        ),
    )
)
"""libxml2's wording of common faults -> ours (what was found and what was expected)."""


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


def parse(data: str | bytes, *, format: str = NAME, items: str = "NewsML-G2 items") -> etree._Element:
    """The root element of ``data``; errors name ``format`` (NITF reads its documents here
    too) and the limit names what it reads (``items``).

    Raises:
        ParseError: too large, a DOCTYPE or entity declaration, a lone surrogate in
            text, or not well-formed XML (with line and column).
    """
    raw, encoding = xml_bytes(data, format=format)
    if len(raw) > MAX_BYTES:
        raise ParseError(
            f"the document is {len(raw):,} bytes; newsitem reads {items} up to {MAX_BYTES:,}",
            format=format,
        )
    refuse_dtd(raw, format=format)
    try:
        root = etree.fromstring(raw, _parser(encoding))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise ParseError(
            f"malformed XML: {_worded(exc.msg)}", format=format, line=line, column=column
        ) from None
    doctype: str = getattr(root.getroottree().docinfo, "doctype", "")  # not in lxml-stubs
    if doctype:  # one the check above cannot read (UTF-7, say)
        raise ParseError(DTD_REFUSED, format=format, line=1)
    return root


def _worded(message: str) -> str:
    """libxml2's message in our words, without the position it repeats (the error carries it)."""
    message = _TAIL.sub("", message.strip())
    for pattern, wording in _WORDING:
        found = pattern.match(message)
        if found is not None:
            return found.expand(wording)
    message = re.sub(r"^xml\w+: ", "", message)
    return message[:1].lower() + message[1:]
