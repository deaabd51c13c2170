"""The registry of formats and layouts.

Each format is one module with the same verbs (the contract in
:mod:`newsitem.formats._contract`): ``loads(data, *, tz=None) -> Story`` where it
can read, ``dumps(story, *, lossy=False, **format_options) -> str | bytes`` where
it can write, ``sniff(text)`` where it can recognise its input, and ``carried(story)``
where it writes a projection. The registry maps a short name to that module's
dotted path and imports it on first use, so ``import newsitem`` never pays for lxml
or cattrs. :func:`detect` asks every sniffer and keeps the most confident answer.

Later formats register themselves by adding a :class:`FormatInfo` to
``_BUILTIN`` (or, from outside the package, with :func:`register`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import PurePath
from typing import cast

import attrs

from newsitem.errors import ParseError, UnknownFormatError
from newsitem.formats._contract import FormatModule

__all__ = [
    "Detection",
    "FormatInfo",
    "available",
    "detect",
    "extension_table",
    "for_path",
    "get",
    "load_module",
    "register",
]


@attrs.frozen(kw_only=True)
class FormatInfo:
    """What the registry knows of a format without importing it."""

    name: str
    """The name users pass as ``format=`` (``"json"``, ``"newsml-g2"``)."""
    module: str
    """The dotted path of the module implementing it."""
    description: str
    """One line for people."""
    media_type: str
    """The IANA media type of its documents."""
    extensions: tuple[str, ...] = ()
    """File extensions, with the dot, that name this format (``".json"``, ``".ninjs.json"``): its
    rows of the extension table (:func:`extension_table`) that :func:`newsitem.dump` reads. The
    first is the one ``newsitem convert`` gives its files."""
    can_read: bool = True
    """Whether ``loads`` exists."""
    can_write: bool = True
    """Whether ``dumps`` exists."""
    binary: bool = False
    """Whether ``dumps`` returns bytes (True) or str (False)."""
    layout: bool = False
    """Whether this is a text layout (listed as such by ``newsitem formats``): its
    times are printed, so ``tz=`` matters to it. Every format accepts ``tz``."""


_BUILTIN = (
    FormatInfo(
        name="json",
        module="newsitem.formats.json",
        description="newsitem's canonical JSON (cattrs); a JSON Schema ships with the package",
        media_type="application/vnd.newsitem+json",
        extensions=(".json",),
    ),
    FormatInfo(
        name="newsml-g2",
        module="newsitem.formats.newsmlg2",
        description="an IPTC NewsML-G2 2.35 newsItem with a NITF 3.6 body",
        media_type="application/vnd.iptc.g2.newsitem+xml",
        extensions=(".xml", ".newsml.xml"),
        binary=True,
    ),
    FormatInfo(
        name="nitf",
        module="newsitem.formats.nitf",
        description="IPTC NITF (News Industry Text Format): reads 3.x, writes 3.6",
        media_type="application/vnd.iptc.nitf+xml",
        extensions=(".nitf", ".nitf.xml"),
        binary=True,
    ),
    FormatInfo(
        name="newsml-1.2",
        module="newsitem.formats.newsml1",
        description="IPTC NewsML 1.2 (AFP, EFE, ANA-MPE): every NewsItem, its NITF text, pictures; read-only",
        media_type="application/xml",
        can_write=False,
        binary=True,
    ),
    FormatInfo(
        name="ninjs",
        module="newsitem.formats.ninjs",
        description="IPTC ninjs (news in JSON): writes 3.1 (or the 2.2 shape), reads 3.x, 2.x and 1.x",
        media_type="application/json",
        extensions=(".ninjs.json",),
    ),
    FormatInfo(
        name="html",
        module="newsitem.formats.html",
        description="a semantic HTML5 article page with schema.org NewsArticle microdata (reads others' too)",
        media_type="text/html",
        extensions=(".html", ".htm"),
    ),
    FormatInfo(
        name="warc",
        module="newsitem.formats.warc",
        description="a web archive (WARC 1.0/1.1, .warc or .warc.gz): each HTML page a story; read-only",
        media_type="application/warc",
        extensions=(".warc", ".warc.gz"),
        can_write=False,
        binary=True,
    ),
    FormatInfo(
        name="web-story",
        module="newsitem.formats.layouts.webstory",
        description="a story page of an open-publishing newswire saved as text",
        media_type="text/plain",
        extensions=(".web-story.txt",),
        layout=True,
    ),
    FormatInfo(
        name="anpa",
        module="newsitem.formats.layouts.anpa",
        description="an ANPA-1312 wire message (AP, Canadian Press and Bay City variants)",
        media_type="text/plain",
        extensions=(".tst", ".anpa"),
        binary=True,
        layout=True,
    ),
    FormatInfo(
        name="iptc7901",
        module="newsitem.formats.layouts.iptc7901",
        description="an IPTC 7901 wire message (generic, dpa and Belga variants)",
        media_type="text/plain",
        extensions=(".ipt", ".iptc"),
        binary=True,
        layout=True,
    ),
    FormatInfo(
        name="email",
        module="newsitem.formats.layouts.email",
        description="an RFC 822 / 5322 e-mail with MIME: press releases and mailed copy",
        media_type="message/rfc822",
        extensions=(".eml",),
        binary=True,
        layout=True,
    ),
    FormatInfo(
        name="agency-copy",
        module="newsitem.formats.layouts.agency",
        description="plain agency copy: a headline, a byline and datelined paragraphs (read-only)",
        media_type="text/plain",
        can_write=False,
        layout=True,
    ),
    FormatInfo(
        name="teleprinter",
        module="newsitem.formats.layouts.teleprinter",
        description="teleprinter copy framed ZCZC ... NNNN (AAP and others): header, takes, end lines",
        media_type="text/plain",
        extensions=(".zczc", ".teleprinter.txt"),
        layout=True,
    ),
)

_registry: dict[str, FormatInfo] = {info.name: info for info in _BUILTIN}
_modules: dict[str, FormatModule] = {}


def register(info: FormatInfo, *, replace: bool = False) -> None:
    """Add a format to the registry.

    Raises:
        ValueError: a format of that name exists and ``replace`` is false.
    """
    if info.name in _registry and not replace:
        raise ValueError(f"a format named {info.name!r} is already registered")
    _registry[info.name] = info
    _modules.pop(info.name, None)


def available() -> Iterator[FormatInfo]:
    """Every registered format, in registration order."""
    return iter(tuple(_registry.values()))


def get(name: str) -> FormatInfo:
    """The :class:`FormatInfo` registered under ``name``.

    Raises:
        UnknownFormatError: nothing is registered under that name.
    """
    try:
        return _registry[name]
    except (KeyError, TypeError):
        raise UnknownFormatError(str(name), _registry) from None


def load_module(name: str) -> FormatModule:
    """Import (once) and return the module implementing format ``name``."""
    module = _modules.get(name)
    if module is None:
        module = cast(FormatModule, importlib.import_module(get(name).module))
        _modules[name] = module
    return module


def extension_table() -> dict[str, str]:
    """The extension table: each extension a registered format claims, with that format's
    name, longest first (the order :func:`for_path` tries them in). Two-part extensions tell
    formats that share a last one apart: ``.ninjs.json`` is ninjs, ``.json`` newsitem's JSON;
    ``.newsml.xml`` and ``.xml`` NewsML-G2, ``.nitf.xml`` NITF.

    >>> table = extension_table()
    >>> table[".ninjs.json"], table[".json"], table[".nitf.xml"], table[".web-story.txt"]
    ('ninjs', 'json', 'nitf', 'web-story')
    """
    pairs = [(extension.lower(), info.name) for info in _registry.values() for extension in info.extensions]
    table: dict[str, str] = {}
    for extension, name in sorted(pairs, key=lambda pair: -len(pair[0])):  # stable: registry order on ties
        table.setdefault(extension, name)
    return table


def for_path(path: str | PurePath) -> FormatInfo:
    """The format a file name names by its extension: the longest extension of the
    :func:`extension_table` the name ends with (case aside), so ``story.ninjs.json`` is
    ninjs and ``story.json`` newsitem's JSON.

    Raises:
        UnknownFormatError: no extension of the table ends the name (the message lists the table).
    """
    name = PurePath(path).name.lower()
    table = extension_table()
    for extension, format_name in table.items():
        if name.endswith(extension) and len(name) > len(extension):
            return _registry[format_name]
    suffix = PurePath(path).suffix.lower()
    raise UnknownFormatError(
        f"(extension {suffix or 'none'!r} of {str(path)!r} is not in the extension table; pass format=)",
        [f"{extension} ({format_name})" for extension, format_name in table.items()],
    )


# --- detection ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Detection:
    """The outcome of :func:`detect`."""

    layout: str
    """The format or layout name, as registered (``"web-story"``)."""
    confidence: float
    """From 0 to 1: how sure the sniffer is."""
    reason: str
    """What gave it away, for people (``line 2 is a web-story byline line``)."""


def detect(data: str | bytes, *, encoding: str | None = None) -> Detection:
    """Name the layout of ``data`` by its content.

    Bytes are read as the formats read them: a UTF-16 or UTF-32 byte-order mark
    names the charset (HTML and XML honour it), else the text layouts' rules apply,
    or ``encoding`` when given (as for :func:`newsitem.parse`). An input that opens with
    ``<``, ``{`` or ``[`` (markup or JSON) and that a format claims is not offered to the
    text layouts, which are then not imported.

    Raises:
        ParseError: no registered layout recognises the input (or it is not text).
        UsageError: ``encoding`` names no known encoding.
    """
    from newsitem.formats._decode import decode, forced, wide_text

    if isinstance(data, (bytes, bytearray)):  # binary inputs (a .warc.gz) before any decoding
        binary = _detect_bytes(bytes(data[:65536]))
        if binary is not None:
            return binary
    # A UTF-16 or UTF-32 byte-order mark is honoured as the markup readers honour it.
    with forced(encoding):
        text, _ = decode(_time_fill_removed(wide_text(data)), layout="detect", controls=True)
    best: Detection | None = None
    if text.lstrip("\ufeff \t\r\n")[:1] in ("<", "{", "["):
        # Markup or JSON: a format (not a text layout) that claims it is the answer, and the
        # text layouts are not even imported (`newsitem validate FILE` starts faster).
        best = _most_confident(text, [info for info in available() if not info.layout])
    if best is None:
        best = _most_confident(text, list(available()))
    if best is None:
        names = ", ".join(info.name for info in available())
        raise ParseError(
            f"no known layout recognises this input (tried {names})", format="detect", line=1, column=1
        )
    return best


def _most_confident(text: str, infos: list[FormatInfo]) -> Detection | None:
    """The most confident answer of the ``sniff(text)`` of ``infos``, the first on a tie."""
    best: Detection | None = None
    for info in infos:
        sniff = getattr(load_module(info.name), "sniff", None)
        found = None if sniff is None else sniff(text)
        if found is not None and (best is None or found[0] > best.confidence):
            best = Detection(layout=info.name, confidence=found[0], reason=found[1])
    return best


def _time_fill_removed(data: str | bytes) -> str | bytes:
    """``data`` without its NUL bytes when it opens with a wire transmission's framing (SYN or
    SOH after any SYN, CR and LF): there a NUL is time fill or line noise, which the wire
    layouts drop with a note, not binary data (which still stops detection)."""
    if isinstance(data, (bytes, bytearray)) and b"\x00" in data:
        head = bytes(data[:64]).lstrip(b"\r\n\x00")
        if head[:1] in (b"\x01", b"\x16"):
            return bytes(data).replace(b"\x00", b"")
    return data


def _detect_bytes(data: bytes) -> Detection | None:
    """The most confident ``sniff_bytes(head)`` of the formats that have one (``head``: the
    first 64 KiB): formats whose input is binary (a gzip web archive) say so before the
    bytes are decoded as text. Text layouts read text: they are not asked (nor imported)."""
    best: Detection | None = None
    for info in available():
        if info.layout:
            continue
        sniff = getattr(load_module(info.name), "sniff_bytes", None)
        found = None if sniff is None else sniff(data)
        if found is not None and (best is None or found[0] > best.confidence):
            best = Detection(layout=info.name, confidence=found[0], reason=found[1])
    return best
