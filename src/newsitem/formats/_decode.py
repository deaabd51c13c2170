"""The bytes-to-text policy of the text layouts (lines and their positions are in
:mod:`newsitem.formats.layouts._scanner`).

Decoding (every text layout): UTF-8 first (``utf-8-sig``: a byte-order mark is skipped); if the
bytes are not UTF-8, Windows-1252; if they are not that either (bytes 0x81, 0x8D,
0x8F, 0x90, 0x9D), ISO-8859-1, which decodes anything. The charset of a fallback
is returned so the layout can record it: that is a guess, and guesses are kept.
NUL bytes, and C0 control characters other than TAB, LF, FF and CR, mean the
input is not text (binary data, UTF-16 without a BOM): ParseError.
"""

from __future__ import annotations

import re

from newsitem.errors import ParseError

__all__ = ["decode", "is_number", "json_text", "refuse_nul", "xml_bytes"]

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


def decode(data: str | bytes, *, layout: str, controls: bool = False) -> tuple[str, str | None]:
    """The text of ``data`` and the fallback charset used (None when UTF-8 or already text).

    ``controls=True`` lets C0 control characters through (wire layouts frame
    their messages with them); NUL bytes are refused either way.

    Raises:
        ParseError: NUL bytes, or control characters when not allowed: binary
            data, not text.
    """
    charset: str | None = None
    refuse_nul(data, layout)
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text, charset = raw.decode("cp1252"), "windows-1252"
            except UnicodeDecodeError:
                text, charset = raw.decode("latin-1"), "iso-8859-1"
    else:
        text = data
    if not controls:
        _check_controls(text, layout)
    return text, charset


def refuse_nul(data: str | bytes, layout: str) -> None:
    """Raise for a NUL in ``data``: no text layout has one (binary data, UTF-16 without a BOM).

    Raises:
        ParseError: with the NUL's position.
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, (bytes, bytearray)):
        nul = data.find(b"\x00")
        if nul != -1:
            raise ParseError.at_offset(
                "NUL byte: this is binary data or UTF-16, not a text layout",
                bytes(data[:nul]).decode("latin-1"),
                nul,
                format=layout,
            )
    elif isinstance(data, str):
        nul = data.find("\x00")
        if nul != -1:
            raise ParseError.at_offset(
                "NUL character: this is binary data or UTF-16, not a text layout", data, nul, format=layout
            )
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")


def _check_controls(text: str, layout: str) -> None:
    # Deleting the control bytes from the UTF-8 form and comparing lengths is one
    # fast C pass (control bytes never occur inside a multi-byte sequence); only
    # input that has some is searched, to say where.
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw.translate(None, _CONTROL_BYTES)) == len(raw):
        return
    found = _CONTROL.search(text)
    if found is not None:
        raise ParseError.at_offset(
            f"control character U+{ord(found.group()):04X}: this is binary data, not a text layout",
            text,
            found.start(),
            format=layout,
        )


def is_number(text: str) -> bool:
    """ASCII digits only, spaces around allowed (str.isdigit() also takes '²', which int() refuses)."""
    return text.isascii() and text.strip().isdigit()


def xml_bytes(data: str | bytes, *, format: str) -> tuple[bytes, str | None]:
    """The bytes an XML parser reads for ``data``, and the encoding it must impose (None: the
    document's own).

    XML names its own encoding, so the layouts' fallbacks above do not apply: bytes
    go as they are, and the parser follows their byte-order mark or XML
    declaration (UTF-8 without either, XML 1.0 appendix F). Text is encoded as
    UTF-8 and ``"utf-8"`` is imposed: a declaration inside text names the encoding
    of bytes it no longer has.

    Raises:
        ParseError: text holding a lone surrogate (no character, so no XML), at its position.
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, (bytes, bytearray)):
        return bytes(data), None
    if not isinstance(data, str):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    try:
        return data.encode("utf-8"), "utf-8"
    except UnicodeEncodeError as exc:
        raise ParseError.at_offset(
            f"lone surrogate U+{ord(data[exc.start]):04X}: not a character, so not XML",
            data,
            exc.start,
            format=format,
        ) from None


def json_text(data: str | bytes, *, format: str) -> str:
    """The text of a JSON document: text as it is; bytes as UTF-8 (RFC 8259), a
    byte-order mark skipped (``utf-8-sig``). JSON has no other charset, so the
    layouts' fallbacks above do not apply.

    Raises:
        ParseError: bytes that are not UTF-8, with the line, column and byte offset
            (after a byte-order mark) of the first bad byte.
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"loads() takes str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        prefix = body[: exc.start].decode("utf-8")
        error = ParseError.at_offset(
            f"invalid UTF-8 at byte {exc.start} ({exc.reason}); JSON text must be UTF-8",
            prefix,
            len(prefix),
            format=format,
        )
        error.offset = exc.start
        raise error from None
