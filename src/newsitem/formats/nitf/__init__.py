"""NITF 3.x (News Industry Text Format): read, and written as NITF 3.6.

Reading takes a NITF 3.x document with or without the NITF 3.6 namespace (and with a DOCTYPE
that only names NITF's DTD, which is never loaded): ``head`` (title, meta, tobject,
docdata, pubdata), ``body.head`` (hedline, byline, distributor, dateline, abstract),
``body.content`` (every block kind) and ``body.end``. Writing gives a document that validates
against IPTC's ``nitf-3-6.xsd``; :func:`carried` is what it keeps of a story. The docs page
``formats/nitf`` has the table of fields.

The package's modules: ``_names`` (the format's constants), ``_parse`` (safe parsing, through
the NewsML-G2 parser), ``_write`` (a Story as NITF), ``_read`` (the document and its head),
``_docdata`` (``head/docdata``) and ``_body`` (``body``).
"""

from __future__ import annotations

import re
from datetime import tzinfo

import attrs

from newsitem.errors import SerializeError, UsageError
from newsitem.formats import _lenient
from newsitem.formats.nitf import _names
from newsitem.model import Story

# The reader, the writer and lxml are imported by the functions that use them: detection
# (sniff) needs none of them.

__all__ = ["carried", "dumps", "loads", "sniff"]


def carried(story: Story) -> Story:
    """What NITF keeps of ``story``: everything but the links, a rights licence, a byline's
    affiliation and a provider's web address (extras are ``meta`` elements, their keys
    escaped into XML name tokens where needed)."""
    rights = story.rights
    if rights is not None and rights.license is not None:
        rights = (
            None
            if (rights.notice, rights.holder, rights.terms) == (None, None, None)
            else attrs.evolve(rights, license=None)
        )
    provider = story.provider
    if provider is not None and provider.url is not None:
        provider = attrs.evolve(provider, url=None)
    return attrs.evolve(
        story,
        links=(),
        rights=rights,
        bylines=tuple(
            b if b.affiliation is None else attrs.evolve(b, affiliation=None) for b in story.bylines
        ),
        provider=provider,
    )


def dumps(story: Story, *, lossy: bool = False) -> bytes:
    """Write ``story`` as a NITF 3.6 document (UTF-8 bytes with an XML declaration).

    Args:
        story: The story.
        lossy: Drop what NITF cannot carry (see :func:`carried`) instead of refusing.

    Raises:
        UsageError: ``story`` is not a Story.
        SerializeError: ``lossy`` is false and the story holds what NITF cannot carry
            (the error names the fields).
    """
    if not isinstance(story, Story):
        raise UsageError(f"dumps() takes a Story, got {type(story).__name__}")
    from lxml import etree

    from newsitem.formats.nitf import _write

    kept = carried(story)
    if not lossy:
        _lenient.refuse_loss(_names.NAME, _lenient.lost_fields(story, kept))
    try:
        data: bytes = etree.tostring(_write.to_tree(kept), xml_declaration=True, encoding="UTF-8")
    except ValueError as exc:  # pragma: no cover - the model admits only XML-safe text
        raise SerializeError(str(exc)) from None
    return data


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a NITF 3.x document.

    Another's value the model refuses (a ``doc-id`` with a space, a malformed time) is kept
    in ``extras`` under ``nitf.`` and its document path, with a note; so is what has no home
    in the model. newsitem's own documents are read exactly.

    Args:
        data: The document, as bytes (their byte-order mark or XML declaration names the
            encoding, UTF-8 otherwise) or text.
        tz: Accepted and ignored: NITF times carry their own offsets (a time written
            without one stays naive).

    Raises:
        ParseError: not well-formed XML, a DOCTYPE with an internal subset or an entity
            declaration, a lone surrogate in text, or too large.
        ValidationError: not a NITF document, nothing to show (no headline, summary or
            body), or a value the model refuses in newsitem's own document.
    """
    from newsitem.formats.newsmlg2 import _where
    from newsitem.formats.nitf import _parse, _read

    root = _parse.parse(data)
    with _where.reading():  # each parent's children counted once for the paths of extras keys
        return _read.read(root)


_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<\?[^>]{0,400}\?>\s*|<!--(?:[^-]|-(?!->)){0,2000}-->\s*|<!DOCTYPE\s+nitf[^>\[]{0,400}>\s*)*"
    r"<(?:[A-Za-z_][\w.\-]*:)?nitf[\s>/]"
)
"""A document whose root element is ``nitf`` (any prefix), after a declaration, comments and
a DOCTYPE."""


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a NITF document: its root element is ``nitf`` (NewsML-G2 and NewsML 1.2
    documents carry NITF inside another root, and are not claimed)."""
    if _ROOT.match(text[:4000]) is not None:
        return 0.95, "an XML document whose root element is <nitf>"
    return None
