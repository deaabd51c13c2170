"""The bytes-to-text policy of the text layouts (lines and their positions are in
:mod:`newsitem.formats.layouts._scanner`).

Decoding (every text layout): UTF-8 first (``utf-8-sig``: a byte-order mark is skipped); if the
bytes are not UTF-8, :func:`fallback`'s guess: charset-normalizer's answer where the evidence
trusts it (legacy Cyrillic, Greek, Chinese, Japanese... copy), else Windows-1252; if the bytes
are not that either (0x81, 0x8D, 0x8F, 0x90, 0x9D), ISO-8859-1, which decodes anything. The
charset of a guess is returned so the layout can note it (a ``charset-guessed`` note).
NUL bytes, and C0 control characters other than TAB, LF, FF and CR, mean the
input is not text (binary data, UTF-16 without a BOM): ParseError.

An encoding the caller names (``encoding=`` on :func:`newsitem.parse` and its siblings,
``--encoding`` on the command line) is set for the duration of a read by :func:`forced`;
:func:`decode` and :func:`decode_markup` read bytes in it and guess nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from collections.abc import Iterator
from contextvars import ContextVar

from newsitem import notes
from newsitem.errors import ParseError, UsageError

__all__ = [
    "blank_external_doctype",
    "codec_of",
    "decode",
    "decode_markup",
    "fallback",
    "forced",
    "forced_codec",
    "forced_text",
    "is_number",
    "json_text",
    "refuse_dtd",
    "refuse_nul",
    "utf16_without_bom",
    "wide_text",
    "xml_bytes",
    "xml_text",
]

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])


def decode(data: str | bytes, *, layout: str, controls: bool = False) -> tuple[str, str | None]:
    """The text of ``data`` and the charset guessed (None when UTF-8, already text, or the
    encoding given to :func:`forced`, which is no guess).

    ``controls=True`` lets C0 control characters through (wire layouts frame
    their messages with them); NUL bytes are refused either way.

    Raises:
        ParseError: NUL bytes, or control characters when not allowed: binary
            data, not text; bytes the encoding given does not decode, at the first.
    """
    charset: str | None = None
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        given = forced_text(raw, layout=layout)
        if given is not None:
            text = given
            refuse_nul(text, layout)
        else:
            refuse_nul(raw, layout)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text, charset = fallback(raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw)
    else:
        refuse_nul(data, layout)
        text = data
    if not controls:
        _check_controls(text, layout)
    return text, charset


def fallback(raw: bytes) -> tuple[str, str]:
    """The one guess for bytes whose charset is unknown or wrong, and what it was, for the
    caller's ``charset-guessed`` note: charset-normalizer's answer where it is trusted
    (:func:`detected`: ``"cp1251 (charset-normalizer, 0.98 sure)"``), else Windows-1252,
    else ISO-8859-1 (which decodes anything)."""
    found = detected(raw)
    if found is not None:
        return found
    try:
        return raw.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "iso-8859-1"


DETECT_BYTES = 64 * 1024
"""The most bytes charset-normalizer is given (the head of the input, cut after a line
break): it samples them, and what it finds is checked by decoding the whole input."""
TRUSTED = 0.8
"""The least confidence (1 - charset-normalizer's "chaos", the share of the reading that
looks wrong) at which its answer is taken."""
MARGIN = 0.3
"""How much more wrong the Windows-1252 reading of the same bytes must look (by
charset-normalizer's measure) before another answer replaces it. Text in a Latin script
reads well as Windows-1252 (measured at 0.0 to 0.11 on short French, German, Spanish,
Nordic and Icelandic copy, where the detector alone answers cp1250, cp1258, even Big5);
Cyrillic, Greek and CJK copy read as Windows-1252 is mojibake (0.9 to 6)."""
_NEVER_GUESSED = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii", "utf-8", "utf-7"})
"""Answers that are not taken from the detector: the Windows-1252 fallback says them itself,
UTF-8 was tried first, UTF-7 is no legacy charset (nor is any charset that is not
ASCII-compatible: EBCDIC, UTF-16, UTF-32, see :func:`_ascii_compatible`)."""
_UNDEFINED_1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
"""The bytes Windows-1252 leaves undefined."""
_STRAY = 2
"""The most of those bytes that are strays in Western copy (more: no Windows-1252 reading)."""
_last: tuple[bytes, tuple[str, str] | None] = (b"", None)
"""The last input :func:`detected` was asked about, and its answer (detection and the read
after it decode the same bytes)."""


def detected(raw: bytes) -> tuple[str, str] | None:
    """The text of non-UTF-8 ``raw`` and what it was read as, when charset-normalizer names
    a charset (other than Windows-1252 and ISO-8859-1) that decodes it all, with a
    confidence of at least :data:`TRUSTED`, and the Windows-1252 reading looks worse by at
    least :data:`MARGIN`; else None. Deterministic; linear (the detector sees at most
    :data:`DETECT_BYTES`); charset-normalizer is imported on first use."""
    global _last  # noqa: PLW0603 - a one-entry cache; a tuple is replaced whole
    if raw.isascii():
        return None
    if _last[0] == raw:
        return _last[1]
    answer = _detect(raw)
    _last = (raw, answer)
    return answer


def _head(raw: bytes) -> bytes:
    """At most :data:`DETECT_BYTES` of ``raw``, cut after a line break or a space (no
    multi-byte charset the detector knows uses either inside a character)."""
    if len(raw) <= DETECT_BYTES:
        return raw
    cut = max(raw.rfind(b"\n", 0, DETECT_BYTES), raw.rfind(b" ", 0, DETECT_BYTES))
    return raw[: cut + 1] if cut > 0 else raw[:DETECT_BYTES]


def _detect(raw: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # 70 ms to import: only for non-UTF-8 input
    from charset_normalizer.md import mess_ratio

    head = _head(raw)
    best = from_bytes(head).best()
    if best is None:
        return None
    try:
        codec = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    confidence = 1.0 - best.chaos
    if codec in _NEVER_GUESSED or not _ascii_compatible(codec) or confidence < TRUSTED:
        return None
    # Bytes Windows-1252 leaves undefined are left out of its reading here: they would make
    # Western copy with one stray byte look like mojibake (it falls back to ISO-8859-1). Bytes
    # with several of them have no Windows-1252 reading to compare (Shift_JIS lead bytes):
    # the margin is for a reading that exists.
    undefined = sum(head.count(byte) for byte in _UNDEFINED_1252)
    if undefined <= _STRAY and mess_ratio(head.decode("cp1252", "ignore"), 1.0) - best.chaos < MARGIN:
        return None
    try:
        text = raw.decode(codec)
    except (UnicodeError, ValueError):
        return None
    return text, f"{codec} (charset-normalizer, {confidence:.2f} sure)"


_PRINTABLE = bytes(range(0x20, 0x7F)) + b"\t\n\r"


@functools.cache
def _ascii_compatible(codec: str) -> bool:
    """Whether ``codec`` reads ASCII bytes as ASCII: the only charsets a guess may name (the
    layouts' framing is ASCII; EBCDIC, UTF-16 and UTF-32 are read when given, never guessed)."""
    try:
        return _PRINTABLE.decode(codec) == _PRINTABLE.decode("ascii")
    except (UnicodeError, ValueError, LookupError):
        return False


_FORCED: ContextVar[tuple[str, str] | None] = ContextVar("newsitem_encoding", default=None)
"""The encoding given for the read under way (its name as given, its codec), or None."""


def forced_codec(name: str) -> str:
    """The codec of an encoding a caller names (any case; ``latin-1`` means ISO-8859-1 here,
    not Windows-1252: the name is taken as given).

    Raises:
        UsageError: no text encoding of that name, naming it.
    """
    codec = codec_of(name, web=False) if isinstance(name, str) else None
    if codec is None:
        raise UsageError(
            f"unknown encoding {name!r}: expected a charset name such as utf-8, windows-1252,"
            " cp1251, koi8-r, iso-8859-7, shift_jis, gb18030 or big5"
        )
    return codec


@contextlib.contextmanager
def forced(name: str | None) -> Iterator[None]:
    """Read every byte input decoded inside the block in the encoding ``name`` (None: the
    usual policy). The override is a context variable, so format modules keep their
    ``loads(data, *, tz=None)`` and threads and tasks do not see each other's.

    Raises:
        UsageError: ``name`` is no known encoding (before the block runs).
    """
    if name is None:
        yield
        return
    token = _FORCED.set((name, forced_codec(name)))
    try:
        yield
    finally:
        _FORCED.reset(token)


def forced_text(raw: bytes, *, layout: str, line: int | None = None) -> str | None:
    """``raw`` read in the encoding given to :func:`forced` (a UTF-8 byte-order mark skipped
    when that is UTF-8), or None when none was given.

    Raises:
        ParseError: the bytes are not valid in that encoding: at the first bad byte (its
            line and column in the text before it), or at ``line`` when the caller knows
            only that (an e-mail part).
    """
    given = _FORCED.get()
    if given is None:
        return None
    name, codec = given
    try:
        return raw.decode("utf-8-sig" if codec == "utf-8" else codec)
    except (UnicodeError, ValueError) as exc:
        at = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        message = (
            f"byte 0x{raw[at]:02X} at offset {at} is not valid {name}"
            " (the encoding given with encoding= or --encoding)"
            if at < len(raw)
            else f"the bytes are not valid {name} (the encoding given with encoding= or --encoding)"
        )
        if line is not None:
            error = ParseError(message, format=layout, line=line, column=1)
        else:
            prefix = raw[:at].decode(codec, "replace")
            error = ParseError.at_offset(message, prefix, len(prefix), format=layout)
        error.offset = at
        raise error from None


# Codecs Python has that read no charset a document can declare (``base64``, ``rot13``
# and the like are not text encodings at all and are refused by the check below).
_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "unicode-internal"}
)


def codec_of(label: str | None, *, web: bool = True) -> str | None:
    """The codec that reads text labelled ``label`` (any case, spaces around ignored), or
    None for no label, an unknown one, or one that names no usable text charset
    (``undefined``, ``punycode``, ``base64``).

    With ``web`` (the default), ISO-8859-1 and ASCII labels mean Windows-1252, as in
    browsers (WHATWG Encoding) and in the mail of the wild.
    """
    name = (label or "").strip().lower()
    if not name:
        return None
    if web and name in _WEB_1252:
        return "cp1252"
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if info.name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def refuse_nul(data: str | bytes, layout: str, *, what: str = "a text layout") -> None:
    """Raise for a NUL in ``data``: no text layout has one (binary data, UTF-16 without a BOM).
    ``what`` names the kind of document in the message (markup readers pass ``"an HTML page"``).

    Raises:
        ParseError: with the NUL's position.
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, (bytes, bytearray)):
        nul = data.find(b"\x00")
        if nul != -1:
            raise ParseError.at_offset(
                f"NUL byte: this is binary data or UTF-16, not {what}",
                bytes(data[:nul]).decode("latin-1"),
                nul,
                format=layout,
            )
    elif isinstance(data, str):
        nul = data.find("\x00")
        if nul != -1:
            raise ParseError.at_offset(
                f"NUL character: this is binary data or UTF-16, not {what}", data, nul, format=layout
            )
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")


_SNIFF_BYTES = 1024
_SNIFF_SHARE = 0.9


def utf16_without_bom(raw: bytes) -> str | None:
    """The UTF-16 codec (``"utf-16-le"`` or ``"utf-16-be"``) of bytes that are UTF-16 without a
    byte-order mark, else None.

    The signal is NUL-interleaved ASCII: in the first kilobyte, at least 90 % of the
    two-byte units are an ASCII character beside a NUL, all on the same side, and the
    bytes decode as that codec. Markup starts with ASCII (``<!DOCTYPE``, ``<html``), so a
    page in UTF-16 shows it at once; no 8-bit text has NULs in every other byte. None
    under an encoding given to :func:`forced`.
    """
    if _FORCED.get() is not None:
        return None  # an encoding given (:func:`forced`) is not second-guessed
    sample = raw[: _SNIFF_BYTES - _SNIFF_BYTES % 2]
    units = len(sample) // 2
    if units < 2 or b"\x00" not in sample:
        return None
    little = sum(1 for i in range(0, units * 2, 2) if sample[i + 1] == 0 and 0 < sample[i] < 0x80)
    big = sum(1 for i in range(0, units * 2, 2) if sample[i] == 0 and 0 < sample[i + 1] < 0x80)
    for count, codec in ((little, "utf-16-le"), (big, "utf-16-be")):
        if count >= units * _SNIFF_SHARE:
            try:
                raw[: len(raw) - len(raw) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


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
        raw = bytes(data)
        return raw, _utf8_under_latin(raw, format)
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


_DECLARED = re.compile(
    rb"(?:\xef\xbb\xbf)?<\?xml[ \t\r\n][^<>]{0,200}?encoding[ \t\r\n]*=[ \t\r\n]*"
    rb"(?:\"([A-Za-z0-9._-]{1,40})\"|'([A-Za-z0-9._-]{1,40})')"
)
"""The encoding an XML declaration names (the declaration opens the document)."""
_SINGLE_BYTE_LATIN = frozenset({"iso8859-1", "cp1252", "iso8859-15", "ascii"})
"""Codec names (:func:`codecs.lookup`) of the single-byte Latin declarations a wire may put
over UTF-8 bytes: ISO-8859-1 (``latin-1``), Windows-1252, ISO-8859-15, US-ASCII."""


def _utf8_under_latin(raw: bytes, format: str) -> str | None:
    """``"utf-8"`` when ``raw`` declares a single-byte Latin encoding but is UTF-8 with
    multi-byte sequences (a ``charset-guessed`` note names both), else None (the
    declaration holds).

    Every non-ASCII byte being part of a valid UTF-8 sequence is no accident in Latin-1
    text (``Ã©`` for ``é``, two by two, throughout): such bytes were written as UTF-8 and
    labelled wrong, and read as declared they give mojibake (``DÃ©cÃ¨s``). Bytes that
    are not valid UTF-8 keep the charset declared; so do ASCII bytes (nothing to guess).
    """
    found = _DECLARED.match(raw)
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    if codec not in _SINGLE_BYTE_LATIN or raw.isascii():
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    message = (
        f"the document declares encoding {label!r} but its bytes are UTF-8 "
        f"(multi-byte sequences throughout): read as UTF-8, not {label}"
    )
    notes.add(notes.Note(code="charset-guessed", message=message, format=format, line=1))
    return "utf-8"


# XML 1.0 appendix F: a byte-order mark, else the first four bytes of "<?xml" (or of any
# markup: "<" and a character) in a wide encoding.
_XML_WIDE = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
)
_XML_WIDE_SNIFF = (
    (re.compile(rb"\x00\x00\x00[^\x00]", re.DOTALL), "utf-32-be"),
    (re.compile(rb"[^\x00]\x00\x00\x00", re.DOTALL), "utf-32-le"),
    (re.compile(rb"\x00[^\x00]\x00[^\x00]", re.DOTALL), "utf-16-be"),
    (re.compile(rb"[^\x00]\x00[^\x00]\x00", re.DOTALL), "utf-16-le"),
)


def xml_text(raw: bytes) -> str:
    """The text of an XML document's bytes, as far as a check of its markup needs.

    UTF-16 and UTF-32 (by byte-order mark, or without one by NULs in the first four
    bytes, XML 1.0 appendix F) are decoded; anything else is read as UTF-8, which keeps
    every ASCII character of an ASCII-compatible encoding in place. Undecodable bytes
    become U+FFFD: this is for finding markup, not for reading the document.
    """
    for bom, codec, size in _XML_WIDE:
        if raw.startswith(bom):
            return raw[size:].decode(codec, "replace")
    for pattern, codec in _XML_WIDE_SNIFF:
        if pattern.match(raw[:4]):
            return raw.decode(codec, "replace")
    return raw.decode("utf-8", "replace")


_DTD_MARKS = ("<!DOCTYPE", "<!ENTITY")
DTD_REFUSED = "a DOCTYPE or entity declaration: refused (no DTDs, no entity expansion)"
"""The message of :func:`refuse_dtd` (XML readers give it for a DOCTYPE only their parser saw)."""


def refuse_dtd(raw: bytes, *, format: str) -> None:
    """Refuse an XML document with a DOCTYPE or an entity declaration, in any encoding: the
    one rule of every XML reader (NewsML-G2 and the NITF or XHTML bodies inside it).

    The check is on the text (:func:`xml_text`), so UTF-16 and UTF-32 documents, with or
    without a byte-order mark, are refused like UTF-8 ones; a reader also refuses a
    DOCTYPE its parser reports (an encoding this check cannot read, such as UTF-7).

    Raises:
        ParseError: naming the DOCTYPE, at its line and column.
    """
    wide = raw.startswith((b"\xfe\xff", b"\xff\xfe")) or 0 in raw[:4]
    if not wide and all(raw.find(mark.encode("ascii")) == -1 for mark in _DTD_MARKS):
        return  # one fast pass over the bytes: the common case
    text = xml_text(raw)
    found = min((at for at in (text.find(mark) for mark in _DTD_MARKS) if at != -1), default=-1)
    if found != -1:
        raise ParseError.at_offset(DTD_REFUSED, text, found, format=format)


_S = r"[ \t\r\n]"
_QUOTED = r"(?:\"[^\"<>]*\"|'[^'<>]*')"
_EXTERNAL = rf"(?:SYSTEM|PUBLIC{_S}+{_QUOTED}){_S}+{_QUOTED}"
_PARAMETERS = (
    rf"\[(?:{_S}|<!ENTITY{_S}+%{_S}+[\w.-]+{_S}+{_EXTERNAL}{_S}*>|%[\w.-]+;|<!--(?:[^-]|-(?!-))*-->)*\]"
)
"""An internal subset that only declares and references external parameter entities
(``[<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf;]``, as ATS and Kyodo pull NITF's DTD into
NewsML 1.2). Each alternative starts with its own character, so matching is linear."""
_DOCTYPE_HEAD = 4096
"""How far into a document an external-only DOCTYPE is looked for (it precedes the root)."""
_EXTERNAL_DOCTYPES: dict[str, tuple[re.Pattern[str], re.Pattern[bytes]]] = {}


def _external_doctype(root: str) -> tuple[re.Pattern[str], re.Pattern[bytes]]:
    if root not in _EXTERNAL_DOCTYPES:
        pattern = rf"<!DOCTYPE{_S}+{re.escape(root)}(?:{_S}+{_EXTERNAL})?{_S}*(?:{_PARAMETERS}{_S}*)?>"
        _EXTERNAL_DOCTYPES[root] = (re.compile(pattern), re.compile(pattern.encode("ascii")))
    return _EXTERNAL_DOCTYPES[root]


def _spaces(doctype: str) -> str:
    """Spaces in place of every character of ``doctype`` but its line breaks."""
    return "".join(ch if ch in "\r\n" else " " for ch in doctype)


def blank_external_doctype(data: str | bytes, root: str) -> str | bytes:
    """``data`` with a DOCTYPE that names ``root`` and at most an external identifier (and an
    internal subset of external parameter entities only) replaced by spaces, lines and columns
    kept. Such a DOCTYPE defines nothing newsitem would load (``<!DOCTYPE nitf SYSTEM
    "nitf-3-2.dtd">``, NewsML 1.2's public identifier), so the documents that open with it are
    read; :func:`refuse_dtd` still refuses every other DOCTYPE. A UTF-16 or UTF-32 document is
    returned as it is (its DOCTYPE, if any, is refused)."""
    text_pattern, bytes_pattern = _external_doctype(root)
    if isinstance(data, str):
        found = text_pattern.search(data, 0, _DOCTYPE_HEAD)
        if found is None:
            return data
        return data[: found.start()] + _spaces(found.group()) + data[found.end() :]
    if data[:2] in (b"\xfe\xff", b"\xff\xfe") or 0 in data[:4]:
        return data
    match = bytes_pattern.search(data, 0, _DOCTYPE_HEAD)
    if match is None:
        return data
    blank = _spaces(match.group().decode("latin-1")).encode("latin-1")
    return data[: match.start()] + blank + data[match.end() :]


def json_text(data: str | bytes, *, format: str) -> str:
    """The text of a JSON document: text as it is; bytes as UTF-8 (RFC 8259), a
    byte-order mark skipped (``utf-8-sig``). JSON has no other charset, so the
    layouts' fallbacks above do not apply.

    Raises:
        ParseError: bytes that are not UTF-8, with the line, column and byte offset
            (after a byte-order mark) of the first bad byte; a UTF-16 or UTF-32
            byte-order mark, named.
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"loads() takes str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    for bom, codec in _WIDE_BOMS:
        if raw.startswith(bom):
            name = codec.upper()
            message = f"a {name} byte-order mark: JSON text must be UTF-8 (RFC 8259)"
            raise ParseError(message, format=format, line=1, column=1)
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


# WHATWG Encoding: these labels mean windows-1252 in a web page.
_WEB_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"})
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    *((bom, codec) for bom, codec in _BOMS if codec != "utf-8-sig"),
)


def decode_markup(data: str | bytes, *, declared: str | None = None) -> tuple[str, str | None]:
    """The text of an HTML page and the charset guessed (None when nothing was guessed).

    Text is taken as it is. Bytes follow, in order: a UTF-32 or UTF-16 byte-order mark
    (undecodable units replaced, as browsers do); the encoding given to :func:`forced`, if
    any, unless a UTF-8 byte-order mark opens the page (it overrides the page's ``<meta>``
    charset, not a byte-order mark, as in browsers); UTF-8 when they are UTF-8 (after a
    UTF-8 byte-order mark, if any); the charset the page ``declared`` (its ``<meta
    charset>``, found by the caller; ISO-8859-1 and ASCII labels mean Windows-1252, as in
    browsers); else the layouts' fallback (:func:`fallback`: charset-normalizer where
    trusted, Windows-1252, then ISO-8859-1), which is a guess: the charset is returned for a
    ``charset-guessed`` note. Bytes after a UTF-8 byte-order mark that are not UTF-8 are a
    guess too, whatever they are read as (the mark said otherwise). Control characters are
    left to the HTML parser (it replaces them).

    Raises:
        TypeError: ``data`` is neither str nor bytes.
    """
    if isinstance(data, str):
        return data, None
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    raw = bytes(data)
    for bom, bom_codec in _WIDE_BOMS:
        if raw.startswith(bom):
            return raw.decode(bom_codec, "replace"), None
    marked = raw.startswith(b"\xef\xbb\xbf")
    if marked:
        raw = raw[3:]
    else:
        given = forced_text(raw, layout="html")
        if given is not None:
            return given, None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared_codec = codec_of(declared)
    # A page that says UTF-16 without a byte-order mark is not UTF-16 (WHATWG).
    if declared_codec is not None and not declared_codec.startswith("utf-16"):
        try:
            return raw.decode(declared_codec), declared_codec if marked else None
        except (UnicodeError, ValueError):  # not valid in the charset declared
            pass
    return fallback(raw)


def wide_text(data: str | bytes) -> str | bytes:
    """``data`` decoded when it is bytes opening with a UTF-16 or UTF-32 byte-order mark
    (undecodable units replaced), else as it is: what a sniffer reads, since markup
    readers honour such a mark (:func:`decode_markup`, XML's own rules) where the text
    layouts refuse NULs (:func:`decode`)."""
    if isinstance(data, (bytes, bytearray)):
        for bom, codec in _WIDE_BOMS:
            if data.startswith(bom):
                return bytes(data).decode(codec, "replace")
    return data


def json_kind(value: object) -> str:
    """A JSON value's kind, as a message names it (``an array``, ``the string 'x'``); here, not
    in ``_converter``, so that the ninjs reader and detection do not load cattrs."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
