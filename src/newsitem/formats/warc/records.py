"""Walking a WARC file record by record with warcio (the ``warc`` format reads its pages,
``newsitem convert`` lists a web archive with :func:`scan`): each record's place, type and whether
it is an HTML page to read, its payload where asked, and where the file is damaged.

warcio reads one record at a time from a binary stream (a gzip member per record, or an
uncompressed file), so nothing here holds more than one record's payload. It raises many
kinds of exceptions on bad input (its own, ``zlib.error``, ``ValueError``, bare
``Exception``): every one of them becomes the damage of the walk, at the offset of the
record being read, and the walk ends there.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from typing import IO, Any

import attrs

from newsitem import _extras

__all__ = ["HTML_TYPES", "MAX_PAYLOAD", "Record", "scan", "walk"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""The media types of a response read as a page."""

MAX_PAYLOAD = 64 * 1024 * 1024
"""The largest page read from one record, in bytes, after its transfer and content encodings
are undone; a larger one is that record's error."""

_CHUNK = 1 << 16


@attrs.frozen(kw_only=True)
class Record:
    """One record of a WARC file, or the damage that ended the walk."""

    offset: int
    """Where the record starts in the file (of its gzip member, in a ``.warc.gz``)."""
    length: int = 0
    """Its length in the file (its gzip member's, in a ``.warc.gz``)."""
    type: str = ""
    """Its ``WARC-Type`` (``response``, ``request``, ``warcinfo``...), lower case."""
    uri: str | None = None
    """Its ``WARC-Target-URI``."""
    date: str | None = None
    """Its ``WARC-Date`` as written (the capture time)."""
    skip: str | None = None
    """Why it is no page to read, as the key it is counted under (``request``, ``non-HTML
    response``...); None for an HTML response."""
    charset: str | None = None
    """The charset its HTTP ``Content-Type`` names, when Python knows it."""
    payload: bytes | None = None
    """The page (HTML responses, when the walk was asked for payloads)."""
    truncated: str | None = None
    """The ``WARC-Truncated`` reason when the crawler kept only part of the page (``length``,
    ``time``...)."""
    problem: str | None = None
    """Why this page cannot be read although the file goes on (its payload is too large)."""
    damage: str | None = None
    """Set on the last item of a walk that met a damaged or truncated file: what is wrong
    at ``offset``; nothing after it is read."""


_MAX_LINE = 64 * 1024
"""The longest line warcio is let read at once (a header line, a chunk size): a longer one
comes in pieces, so a line of gigabytes takes neither the memory nor the quadratic time of
warcio joining it piece by piece."""


def _iterator(stream: IO[bytes]) -> Any:
    _extras.need("warcio", "reading a web archive")
    from warcio.archiveiterator import WARCIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class Capped(DecompressingBufferedReader):  # type: ignore[misc]  # warcio is untyped
        def readline(self, length: int | None = None) -> bytes:
            return bytes(super().readline(_MAX_LINE if length is None else min(length, _MAX_LINE)))

    iterator = WARCIterator(stream, arc2warc=False)
    iterator.reader = Capped(iterator.fh, block_size=_CHUNK)  # before anything is read
    return iterator


def walk(stream: IO[bytes], *, payloads: bool = False) -> Iterator[Record]:
    """Every record of the WARC file ``stream`` in order, read one at a time (the HTML
    pages' payloads too, with ``payloads``); a damaged or truncated file ends with one
    :class:`Record` whose ``damage`` says what is wrong where.

    Raises:
        MissingExtraError: warcio is not installed (the extra ``web``).
    """
    iterator = _iterator(stream)
    records = iter(iterator)
    while True:
        at = iterator.offset
        try:
            record = next(records)
        except StopIteration:  # warcio ends quietly where a record's header is cut short
            if _position(iterator) > at:
                yield Record(offset=at, damage="the file ends inside a record's header")
            return
        except Exception as exc:  # warcio's errors are of many types, bare Exception among them
            yield Record(offset=at, damage=_damage_text(exc, "not a WARC record"))
            return
        try:
            found = _read(iterator, record, at, payloads)
        except Exception as exc:  # as above: a truncated or corrupt record
            yield Record(offset=at, damage=_damage_text(exc, "the record cannot be read"))
            return
        yield found
        if found.damage is not None:
            return


def _position(iterator: Any) -> int:
    """How far into the file warcio has read."""
    try:
        return int(iterator.fh.tell())
    except (OSError, ValueError, AttributeError):
        return 0


def scan(stream: IO[bytes]) -> Iterator[Record]:
    """The records of a WARC file, read one at a time from a binary stream (payloads are
    not kept): each with its ``offset`` and ``length`` in the file, its ``type``, and
    ``skip``, the kind it is counted under when it is no HTML page (None when it is one).
    A damaged or truncated file ends with a record whose ``damage`` says what is wrong.
    ``newsitem convert`` lists a web archive with it.

    Raises:
        MissingExtraError: warcio is not installed (the extra ``web``).
    """
    return walk(stream, payloads=False)


def _damage_text(exc: BaseException, what: str) -> str:
    """What is wrong, for people: warcio's and zlib's own messages say it; another exception
    (warcio tripping over a record cut short) is named, not quoted."""
    text = " ".join(str(exc).split())
    if "non-chunked gzip" in text:
        return (
            "the file is one gzip stream, not a gzip member per record as WARC requires "
            "(warcio recompress fixes it)"
        )
    if text and (type(exc).__module__.startswith("warcio") or isinstance(exc, zlib.error)):
        return f"{what}: {text[:200]}"
    return f"{what}: the file ends or is corrupt here (warcio raised {type(exc).__name__})"


def _read(iterator: Any, record: Any, at: int, payloads: bool) -> Record:
    """One record read to its end; the damage it shows (no or a wrong Content-Length, the
    file ending inside it) makes it the walk's last item."""
    headers = record.rec_headers
    declared = headers.get_header("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return Record(offset=at, damage="a record without a valid Content-Length")
    kind = (headers.get_header("WARC-Type") or "").strip().lower()
    skip, charset = _classify(kind, record)
    payload = problem = None
    if skip is None and payloads:
        try:
            payload = _payload(record)
        except Exception as exc:  # a Content-Encoding that fails part way: this page's, not the file's
            problem = f"its page cannot be decoded ({_damage_text(exc, 'Content-Encoding')})"
        else:
            if payload is None:
                problem = f"its page is over {MAX_PAYLOAD:,} bytes once decoded: not read"
    errors = iterator.err_count
    iterator.read_to_end()
    left = getattr(record.raw_stream, "limit", 0)
    if left:
        return Record(offset=at, damage=f"the file ends inside the record ({left:,} bytes of it missing)")
    if iterator.err_count != errors:
        return Record(
            offset=at, damage="the record is not followed by a blank line (its Content-Length is wrong)"
        )
    return Record(
        offset=at,
        length=iterator.get_record_length(),
        type=kind or "untyped",
        uri=headers.get_header("WARC-Target-URI"),
        date=headers.get_header("WARC-Date"),
        skip=skip,
        charset=charset,
        truncated=headers.get_header("WARC-Truncated"),
        payload=payload,
        problem=problem,
    )


def _classify(kind: str, record: Any) -> tuple[str | None, str | None]:
    """(the key a skipped record is counted under, or None for an HTML page; the charset
    its HTTP Content-Type names)."""
    if kind != "response":
        return kind or "untyped", None
    http = record.http_headers
    if http is None:
        return "non-HTML response", None
    media, _, parameters = (http.get_header("Content-Type") or "").partition(";")
    if media.strip().lower() not in HTML_TYPES:
        return "non-HTML response", None
    status = (http.get_statuscode() or "").strip()
    if not (len(status) == 3 and status.startswith("2") and status.isdigit()):
        return "non-2xx response", None
    return None, _charset(parameters)


def _charset(parameters: str) -> str | None:
    """The ``charset`` parameter of a Content-Type, when Python has a codec of that name."""
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            label = value.strip().strip("\"'").lower()
            try:
                codec = codecs.lookup(label)
            except (LookupError, ValueError):
                return None
            # base64, rot13, zlib... are codecs of Python, not charsets
            return codec.name if getattr(codec, "_is_text_encoding", True) else None
    return None


def _payload(record: Any) -> bytes | None:
    """The page, its chunked transfer and content encoding undone as warcio does it; None
    when it is over :data:`MAX_PAYLOAD`."""
    stream = record.content_stream()
    parts = []
    total = 0
    while total <= MAX_PAYLOAD:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > MAX_PAYLOAD:
        return None
    return b"".join(parts)
