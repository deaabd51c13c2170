"""NewsML-G2 2.35: a newsItem (conformance power) with a NITF 3.6 body, written and read.

Every model field has one authoritative place (the docs page
``formats/newsml-g2`` has the table); the ``by`` line, ``versionCreated`` and
the root ``xml:lang`` are derived for consumers and ignored on reading. Fields
NewsML-G2 has no element for use our own scheme ``nitm`` (declared inline):
the subheadline (``headline role="nitm:subheadline"``), a byline's job title
(``note role="nitm:bylineRole"``), non-author roles (``contributor
role="nitm:submitter"``...), and ``contentMetaExtProperty`` for the section,
the priority code and each ``extras`` entry.

Parsing uses lxml with no network, no DTD and no entity expansion. The package's
modules: ``_names`` (namespaces, Clark names, constants), ``_parse`` (safe
parsing), ``_write`` (a Story as a newsItem), ``_read`` (the item, itemMeta,
rights, body), ``_content`` (contentMeta), ``_links`` (the url and the other
links of itemMeta), ``_people`` (desk log-ins, by-line authors), ``_values`` (the rules for single
values: exact or collapsed text, times, the leniency rule), ``_body`` (the NITF
body, through :mod:`newsitem.formats._markup`), ``_where`` (document paths and
lines for errors and notes), and :mod:`.schema` (the check against IPTC's
schemas).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import tzinfo

from newsitem import notes
from newsitem.errors import SerializeError, UsageError
from newsitem.formats import _contract
from newsitem.formats.newsmlg2 import _names
from newsitem.model import Source, Story

# The reader, the writer and lxml are imported by the functions that use them: detection
# (sniff) needs none of them, and `newsitem validate` of a ninjs file never loads them.

__all__ = ["dumps", "loads", "loads_all", "sniff"]


def dumps(story: Story, *, lossy: bool = False, provider: Source | None = None) -> bytes:
    """Write ``story`` as a NewsML-G2 2.35 newsItem (UTF-8 bytes with an XML declaration).

    Args:
        story: The story.
        lossy: Accepted and ignored: NewsML-G2 carries every field of the model
            (``loads(dumps(story)) == story``). A guid is not optional information:
            a story without one is refused even with ``lossy=True``.
        provider: The provider to name (NewsML-G2 requires one); defaults to
            ``story.provider``, else the literal ``newsitem:unspecified``, which
            reads back as no provider.

    Raises:
        UsageError: ``story`` is not a Story.
        SerializeError: the story has no guid (NewsML-G2 requires one; give it
            ``newsitem.mint_guid(story)``).
    """
    if not isinstance(story, Story):
        raise UsageError(f"dumps() takes a Story, got {type(story).__name__}")
    from lxml import etree

    from newsitem.formats.newsmlg2 import _write

    root = _write.to_tree(story, provider=provider)
    try:
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    except ValueError as exc:  # pragma: no cover - the model admits only XML-safe text
        raise SerializeError(str(exc)) from None
    return data


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a NewsML-G2 newsItem, or the first text item of a newsMessage (a note lists the
    others: :func:`loads_all` reads every item).

    Another agency's value the model refuses (a ``link/@href`` with a space, a
    malformed language tag, a truncated time) is kept in ``extras`` under
    ``newsml-g2.`` with a note (see :func:`newsitem.read`); our own items are
    read exactly.

    Args:
        data: The document, as bytes (their byte-order mark or XML declaration
            names the encoding, UTF-8 otherwise) or text.
        tz: Accepted and ignored: NewsML-G2 times carry their own offsets (a time
            written without one stays naive).

    Raises:
        ParseError: not well-formed XML, a DTD or entity declaration, a lone
            surrogate in text, or too large.
        ValidationError: not a text newsItem, or a value the model refuses in our
            own item; each problem names its document path and line.
    """
    from newsitem.formats.newsmlg2 import _parse, _read

    return _read.read(_parse.parse(data))


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[notes.Part]:
    """Every item of a newsMessage as its own part, in order, ``where`` its document path
    (``newsMessage/itemSet/newsItem[2]``); a newsItem alone gives one part.

    An item that is not a text story (a picture or video newsItem, a packageItem, a
    conceptItem...) gives a part whose error, a ParseError, says what it is.

    Raises:
        ParseError: not well-formed XML (or any refusal of :func:`loads` before an item
            is read).
        ValidationError: a newsItem alone that cannot be read (as :func:`loads`), or a
            newsMessage without any item.
    """
    from newsitem.formats.newsmlg2 import _parse, _read

    with notes.collect() as document:  # notes on the whole document (a charset guessed): every part's
        root = _parse.parse(data)
    if root.tag != _names.T.newsMessage:
        with notes.collect() as found:
            story = _read.read(root)
        return iter([notes.Part(index=1, layout=_names.NAME, story=story, notes=(*document, *found))])
    return _contract.parts(_names.NAME, _read.members(root), document)


_ROOT = re.compile(r"(?:\ufeff)?\s*(?:<\?[^>]*\?>\s*|<!--(?:[^-]|-(?!->))*-->\s*)*<(?:[\w.-]+:)?([\w.-]+)")
"""The local name of a document's root element, after the XML declaration and comments."""
_OTHER_ITEMS = frozenset(
    {"packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem", "catalog"}
)


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a NewsML-G2 newsItem, or a newsMessage (its header may be long); also the
    other items (packageItem, conceptItem, planningItem...) and fragments of an item (a bare
    ``contentSet``), which :func:`loads` then refuses saying what they are."""
    head = text[:4000]
    if "<newsItem" in head and _names.NAR in head:
        return 0.99, "an XML newsItem in the NewsML-G2 namespace"
    if "<newsMessage" in head and _names.NAR in head:
        return 0.99, "an XML newsMessage in the NewsML-G2 namespace"
    found = _ROOT.match(head)
    root = None if found is None else found.group(1)
    if root in _OTHER_ITEMS and _names.NAR in head:
        return 0.99, f"a NewsML-G2 {root} (not a text story: reading it says so)"
    if root in _names.FRAGMENTS:
        return 0.7, f"a fragment of a NewsML-G2 item (<{root}> as the root)"
    return None
