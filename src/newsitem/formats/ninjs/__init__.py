"""ninjs, IPTC's news in JSON: 3.1 written (or the 2.2 shape), 3.x, 2.x and 1.x read.

Writing follows the mapping of the docs page ``formats/ninjs``. Stock ninjs has
no place for a byline's job title or affiliation, the priority code, a day
without a time, a source's or provider's URL-less code beyond ``literal``, a URI
that is not a plain RFC 3986 URI (a link with one is left out), or ``extras``; those
are the projection :func:`carried` leaves out, and ``dumps``
refuses a story that carries them unless ``lossy=True``. A story needs a guid
(ninjs' required ``uri``): without one ``dumps`` refuses it, naming
:func:`newsitem.mint_guid`; reading never invents one. ninjs times need an offset: a naive
time is refused unless ``naive_tz=`` names the zone it was in (never UTC by default).

Reading tells the version from ``standard.version`` (3.x, 2.x), ``$standard``
(1.x) or the document's shape, maps what the model holds, and keeps every other
property in ``extras`` as ``ninjs.<name>`` with its JSON text, so nothing is
silently dropped. A value the model refuses (a rendition ``href`` with a space, a
malformed language tag, an unreadable time) is kept there too, with a note.
Other people's documents are read as agencies send them (:mod:`._foreign`): an
empty or null value is absent, HTML and NITF bodies win over plain text, by-lines
are split as the wire layouts split them, and pictures, graphics, video and audio
are refused saying what they are. :mod:`.schema` checks a document against the
IPTC schema of its version.

An input may hold several ninjs objects (a JSON array, an API envelope such as
AP's ``data.item``/``data.items``, JSON Lines): :func:`loads_all` gives one part
per object, :func:`loads` reads such an input when it holds exactly one.

The package: :mod:`._write` (``dumps``, ``carried``), :mod:`._read` (``loads``: the
mapping steps), :mod:`._container` (the ninjs objects of an input), :mod:`._gather`
(where read values go: fields, extras, and values the model refuses kept with a
note), :mod:`._versions` (telling versions apart and reshaping 2.x and 1.x). Body
HTML, every block kind, is read and written by :mod:`newsitem.formats._markup`;
JSON by the ``json`` format's reader and writer.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from datetime import tzinfo
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any

from newsitem.formats._contract import parts as _parts
from newsitem.formats.ninjs._versions import NAME as _NAME
from newsitem.model import Story
from newsitem.notes import Part

if _TYPE_CHECKING:
    from newsitem.formats.ninjs._read import loads
    from newsitem.formats.ninjs._write import carried, dumps

_LAZY = {
    "loads": "newsitem.formats.ninjs._read",
    "carried": "newsitem.formats.ninjs._write",
    "dumps": "newsitem.formats.ninjs._write",
}
"""The reader's and the writer's functions, imported on first use: detection (:func:`sniff`)
needs neither, and `newsitem validate` of an XML file never loads them."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = ["carried", "dumps", "loads", "loads_all", "sniff"]

_NAMES = (
    # 3.x and 2.x (camelCase and lower case)
    "headlines|bodies|descriptions|versionCreated|versioncreated|firstCreated|firstcreated"
    "|contentCreated|contentcreated|infoSources|infosources|copyrightNotice|copyrightnotice"
    "|copyrightHolder|copyrightholder|usageTerms|usageterms|renditions|associations|altIds|altids"
    "|pubStatus|pubstatus|edNote|ednote|embargoedUntil|representationType|representationtype"
    "|trustIndicators|rightsInfo|rightsinfo"
    # 1.x's own names
    "|body_html|body_text|body_xhtml|description_text|description_html|byline|headline"
    "|infosource|representationtype|trustindicator|mimetype"
)
_PROPERTY = re.compile(rf'"({_NAMES})"\s*:')
"""A property of ninjs (any version) that newsitem's own JSON never uses at its top level."""
_IDENTIFIER = re.compile(r'"(?:uri|guid)"\s*:\s*"')
"""ninjs' one required property, ``uri`` (superdesk's 1.x dialect: ``guid``), as a string."""
_TYPED = re.compile(r'"type"\s*:\s*"(?:text|audio|video|picture|graphic|composite|component|event|planning)"')
"""ninjs' ``type``, a news object's nature (the ninjs schemas' enumeration, 1.x to 3.x): with a
``uri`` it counts as one more hint. newsitem's own JSON has ``type`` only on body blocks, with
other values (``heading``, ``figure``...)."""
_ENVELOPE = re.compile(r'"api_version"\s*:|"data"\s*:\s*\{')
"""AP's Media API response: its item (a ninjs-based object) is under ``data.item``."""


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """Every story of ``data``: one part per ninjs object of a JSON array, an envelope
    (``data.item``, ``data.items``, ``items``) or JSON Lines, with its JSON path
    (``$[2]``, ``$.data.items[0].item``) or line (``line 3``) as ``where``; a single
    ninjs object gives one part. A member that cannot be read gives its part's error
    and the others still read.

    Args:
        data: The input, as text or UTF-8 bytes.
        tz: Accepted and ignored: ninjs times carry their own offsets.

    Raises:
        ParseError: the input itself is malformed (not UTF-8, not JSON nor JSON Lines).
    """
    from newsitem.formats.ninjs._container import members as _members
    from newsitem.formats.ninjs._read import read_member as _read_member

    _shape, found = _members(data)

    def reader(where: str | None, value: Callable[[], Any]) -> Callable[[], Story]:
        return lambda: _read_member(value(), where)

    return _parts(_NAME, [(where, reader(where, value)) for where, value in found])


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise ninjs: a JSON object (or an array, an envelope, JSON Lines of them) with no
    newsitem marker that declares the ninjs standard, or has ninjs' identifier (``uri``, or
    superdesk's ``guid``) and two of ninjs' property names (:data:`_PROPERTY`; a ninjs
    ``type`` counts as one) anywhere in it. JSON without the identifier (dpa's digitalwires,
    other APIs that happen to say ``headline`` or ``byline``) is not claimed."""
    head = text[:2000].lstrip("\ufeff \t\r\n")
    if head.startswith("["):  # a JSON array of ninjs objects
        head = head[1:].lstrip(" \t\r\n")
    if not head.startswith("{") or '"newsitem"' in head[:200]:
        return None
    if '"ninjs"' in head or "ninjs-schema" in head:
        return 0.95, "a JSON object declaring the ninjs standard"
    if _IDENTIFIER.search(text) is None:
        return None
    hits = sorted({found.group(1) for found in _PROPERTY.finditer(text)})
    if _TYPED.search(text) is not None:
        hits.append("type")
    if len(hits) < 2:
        return None
    shown = ", ".join(hits[:6]) + (", ..." if len(hits) > 6 else "")
    if _ENVELOPE.search(head) is not None and '"item"' in text:
        return 0.75, f"an API response (data.item) holding a ninjs object ({shown})"
    return 0.7, f"a JSON object with ninjs' uri and properties ({shown})"
