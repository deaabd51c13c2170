"""WARC (web archives, ISO 28500: WARC/1.0 and WARC/1.1): read only, through warcio
(the extra ``web``: ``pip install 'newsitem[web]'``).

Every HTML ``response`` record (HTTP status 2xx, ``Content-Type`` ``text/html`` or
``application/xhtml+xml``, its chunked transfer and content encoding undone) is read by
the HTML reader (:func:`newsitem.formats.html.loads_all`: a page with several articles
gives several parts). Its ``WARC-Target-URI`` is the story's ``url`` when the page names
none, and its ``WARC-Date`` a ``captured`` note. Other records (``warcinfo``, ``request``,
``metadata``, ``revisit``, ``resource``, non-HTML or non-2xx responses) are no parts: they
are counted, by kind, in the ``skipped`` counter of what :func:`loads_all` returns. A page
that is no article is its part's error; a damaged or truncated file gives the parts of
the records before the damage, then one part whose error says what is wrong at which
byte. Records are read one at a time (``.warc.gz`` holds one gzip member per record), and
``newsitem convert`` reads a WARC file record by record from the disk (see
:mod:`newsitem.batch.inputs`), never whole.
The docs page ``formats/warc`` has the details; :mod:`newsitem.formats.warc.records`
walks a file.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import tzinfo
from typing import IO

import attrs

from newsitem import notes
from newsitem.errors import NewsItemError, ParseError, ValidationError
from newsitem.formats import _lenient, html
from newsitem.formats.warc import records
from newsitem.model import Story, is_uri
from newsitem.notes import Part

__all__ = ["loads", "loads_all", "sniff", "sniff_bytes"]

_NAME = "warc"
_VERSIONS = (b"WARC/1.0", b"WARC/1.1")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


class _Parts(Iterator[Part]):
    """The parts of a WARC file, read as they are asked for; ``skipped`` counts the
    records that are no page, by kind (``{"request": 3, "warcinfo": 1}``), so far."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.skipped: Counter[str] = Counter()
        self._parts = self._read(stream)

    def __next__(self) -> Part:
        return next(self._parts)

    def _read(self, stream: IO[bytes]) -> Iterator[Part]:
        index = 1
        for record in records.walk(stream, payloads=True):
            if record.skip is not None and record.damage is None:
                self.skipped[record.skip] += 1
                continue
            for part in _record_parts(record, index):
                yield part
                index += 1


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """Every story of a WARC file, one :class:`~newsitem.notes.Part` each, in file order
    (see the module docstring); each part's ``where`` is ``byte N``, the offset of its
    record. The iterator returned has a ``skipped`` counter: the records that are no page,
    by kind (``{"request": 3, "warcinfo": 1}``), as far as the parts have been read. ``tz``
    is accepted and ignored: WARC and HTML times carry their zones.

    Raises:
        MissingExtraError: warcio is not installed (the extra ``web``).
    """
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    return _Parts(io.BytesIO(raw))


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """The first story of a WARC file (:func:`loads_all` reads every one).

    Raises:
        ParseError: no HTML response record gives a story (the first one's error, or one
            saying the file holds no HTML response), or the file is damaged before one does.
        MissingExtraError: warcio is not installed (the extra ``web``).
    """
    parts = _Parts(io.BytesIO(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data))
    first: NewsItemError | None = None
    for part in parts:
        if part.story is not None:
            for note in part.notes:
                notes.add(note)
            return part.story
        first = first or part.error
    if first is not None:
        raise first
    kinds = ", ".join(f"{count} {kind}" for kind, count in parts.skipped.items()) or "no record"
    raise ParseError(f"the web archive holds no HTML response record ({kinds})", format=_NAME)


def _record_parts(record: records.Record, index: int) -> list[Part]:
    """The parts one record gives: its page's articles, or its error."""
    where = f"byte {record.offset}"
    if record.damage is not None:
        message = f"the web archive is damaged at byte {record.offset:,}: {record.damage}"
        error = ParseError(message, format=_NAME, offset=record.offset)
        return [Part(index=index, layout=_NAME, error=error, where=where)]
    if record.problem is not None or record.payload is None:
        error = ParseError(record.problem or "no page", format=_NAME, offset=record.offset)
        return [Part(index=index, layout=_NAME, error=error, where=where)]
    with notes.collect() as page:
        try:
            found = list(html.loads_all(_page(record.payload, record.charset)))
        except NewsItemError as exc:
            return [Part(index=index, layout=_NAME, error=exc, notes=tuple(page), where=where)]
    parts = []
    for number, part in enumerate(found):
        place = f"{where}, {part.where}" if len(found) > 1 and part.where else where
        if part.story is None:
            parts.append(attrs.evolve(part, index=index + number, layout=_NAME, where=place))
            continue
        with notes.collect() as added:
            try:
                story = _stamped(part.story, record, place)
            except NewsItemError as exc:  # the rule of every container: this part's error
                failed = Part(index=index + number, layout=_NAME, error=exc, notes=tuple(added), where=place)
                parts.append(failed)
                continue
        found_notes = (*page, *part.notes, *added)
        parts.append(Part(index=index + number, layout=_NAME, story=story, notes=found_notes, where=place))
    return parts


def _page(payload: bytes, charset: str | None) -> str | bytes:
    """The page as the HTML reader takes it: decoded by the charset its HTTP header names
    (which browsers put before the page's own ``<meta charset>``), unless a byte-order mark
    says otherwise; else the bytes."""
    if charset is None or payload.startswith(_BOMS):
        return payload
    try:
        return payload.decode(charset, "replace")
    except (LookupError, ValueError, TypeError):  # a codec that takes no "replace" (none known)
        return payload


def _stamped(story: Story, record: records.Record, where: str) -> Story:
    """``story`` with the record's target URI as its url when the page named none, a
    ``captured`` note of the record's date, and an ``unreadable`` note when the crawler
    truncated the capture (``WARC-Truncated``)."""
    notes.add(
        notes.Note(
            code="captured",
            message=f"captured {record.date or '(no WARC-Date)'} from {record.uri or '(no target URI)'}",
            format=_NAME,
            where=where,
        )
    )
    if record.truncated is not None:
        notes.add(
            notes.Note(
                code="unreadable",
                message=f"the crawler kept only part of this page (WARC-Truncated: {record.truncated}): "
                "its end is missing",
                format=_NAME,
                where=where,
            )
        )
    if story.url is not None or not record.uri:
        return story
    return _with_url(story, record.uri, where)


def _with_url(story: Story, uri: str, where: str) -> Story:
    """``story`` with ``uri`` as its url; one the model refuses kept in extras with a note,
    or, when extras cannot hold it either (a control character), left out with a note."""
    extras = dict(story.extras)
    with notes.collect() as said:
        url = _lenient.keep(
            uri,
            is_uri,
            extras=extras,
            key="warc.target-uri",
            format=_NAME,
            where=where,
            what="a WARC-Target-URI that is not an absolute URI",
        )
        try:
            found = attrs.evolve(story, url=url, extras=extras)
        except ValidationError:
            found = None
    if found is None:
        message = f"a WARC-Target-URI holding characters no story can: {uri[:80]!r} left out"
        notes.add(notes.Note(code="unreadable", message=message, format=_NAME, where=where))
        return story
    for note in said:
        notes.add(note)
    return found


def sniff(text: str) -> tuple[float, str] | None:
    """A WARC file read as text: it opens with a ``WARC/1.0`` or ``WARC/1.1`` line."""
    if text.startswith(("WARC/1.0\r\n", "WARC/1.1\r\n", "WARC/1.0\n", "WARC/1.1\n")):
        return 0.99, f"a {text[:8]} record (a web archive)"
    return None


def sniff_bytes(data: bytes) -> tuple[float, str] | None:
    """A WARC file as bytes: it opens with a ``WARC/1.0`` or ``WARC/1.1`` line, or is
    gzip whose first member opens with one (a ``.warc.gz``). Looks at 4 KiB at most."""
    head = bytes(data[:4096])
    if head.startswith(_VERSIONS):
        return sniff(head[:10].decode("ascii", "replace"))
    if not head.startswith(b"\x1f\x8b"):
        return None
    try:
        opened = zlib.decompressobj(wbits=31).decompress(head, 10)
    except zlib.error:
        return None
    if opened.startswith(_VERSIONS):
        return 0.99, f"gzip whose first member is a {opened[:8].decode('ascii')} record (a .warc.gz)"
    return None
