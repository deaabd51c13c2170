"""E-mail reading, the header side: where each field is, charsets, encoded-words and the Date.

The reader keeps its own decoding (the standard library's strict decoders fail on
the mislabelled mail of the wild): a label of ISO-8859-1 or US-ASCII on bytes that
are UTF-8 is undone, ISO-8859-1 with bytes 0x80-0x9F is read as windows-1252, an
unknown or unusable charset (``undefined``, ``base64``) falls back to
windows-1252. Each guess is a ``charset-guessed`` note (:mod:`newsitem.notes`).

Dates follow RFC 5322's grammar through :func:`email.utils.parsedate_tz` (the
obsolete forms included), with two corrections: a two-digit year follows RFC 5322
(00-49 are 2000-2049, 50-99 are 1950-1999; the standard library takes 69 as the
pivot) and a zone name is read with :data:`newsitem.dates.ZONE_ABBREVIATIONS`
(``NZDT``, ``AEST``), not only the US names RFC 822 lists.
"""

from __future__ import annotations

import binascii
import email.utils
import re
from datetime import datetime, tzinfo
from typing import NamedTuple

from newsitem import dates, notes
from newsitem.formats import _decode

NAME = "email"

_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]*):[ \t]*")
_ENCODED_WORD = re.compile(
    r"=\?(?P<charset>[^?*\s]+)(?:\*[^?]*)?\?(?P<encoding>[BbQq])\?(?P<payload>[^?]*)\?="
)
_BETWEEN_WORDS = re.compile(r"(?<=\?=)\s+(?==\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_SPACES = re.compile(r"[ \t\r\n]+")
_BREAKS = re.compile(r"[\t\r\n]")
_SINGLE_BYTE = re.compile(r"(?i)(?:windows-125\d|cp125\d|iso-8859-\d+|iso8859-\d+|latin-?1|us-ascii|ascii)")
_ZONE = re.compile(r"[+-]\d{4}|[A-Za-z]{1,5}")
_YEAR = re.compile(r"(?<![\d:])(?P<year>\d{2,4})\s+\d{1,2}:\d")
_WEEKDAY = re.compile(r"\s*(?P<weekday>[A-Za-z]{3})[A-Za-z]*\s*,")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Place(NamedTuple):
    """Where a value was read: ``header Subject`` or ``body``, with its 1-based line and column."""

    where: str
    line: int | None = None
    column: int | None = None


class Notes:
    """The reader's notes for one message, each said once."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, str, str]] = set()

    def add(self, code: str, message: str, place: Place) -> None:
        """Add a note with ``code`` and ``message`` at ``place`` (once)."""
        key = (code, message, place.where)
        if key not in self._seen:
            self._seen.add(key)
            notes.add(
                notes.Note(
                    code=code,
                    message=message,
                    format=NAME,
                    where=place.where,
                    line=place.line,
                    column=place.column,
                )
            )


def field_places(raw: bytes, first_line: int) -> tuple[list[tuple[str, Place]], int]:
    """The header fields of ``raw`` in order (name and place of the value) and the
    line where the body starts; ``first_line`` is the line number of ``raw``'s first line."""
    places: list[tuple[str, Place]] = []
    number = first_line
    for number, line in enumerate(raw.split(b"\n"), start=first_line):
        text = line.rstrip(b"\r")
        if not text:
            return places, number + 1
        if text[:1] in b" \t":
            continue
        found = _FIELD.match(text)
        if found is None:
            return places, number  # not a field: the body starts here (as the parser takes it)
        name = found.group(1).decode("ascii")
        places.append((name, Place(f"header {name}", number, found.end() + 1)))
    return places, number + 1


def decode_bytes(raw: bytes, label: str | None, place: Place, found: Notes) -> str:
    """Bytes in a declared charset, with the mislabels seen in the wild undone.

    The charset rules are :mod:`newsitem.formats._decode`'s (:func:`~newsitem.formats._decode.codec_of`,
    :func:`~newsitem.formats._decode.fallback`); the mislabel of UTF-8 is e-mail's own."""
    label = (label or "").strip().lower()
    given = None if label else _decode.forced_text(raw, layout=NAME, line=place.line)
    if given is not None:  # the encoding the caller gave: where the message declares none
        return given
    text = _utf8_mislabelled(raw, label, place, found)
    if text is not None:
        return text
    if not label:
        text, charset = _decode.fallback(raw)
        if not raw.isascii():
            found.add("charset-guessed", f"no charset, not UTF-8, read as {charset}", place)
        return text
    codec = _decode.codec_of(label)
    if codec is None:
        text, charset = _decode.fallback(raw)
        found.add("charset-guessed", f"unknown charset {label!r}, read as {charset}", place)
        return text
    if codec != _decode.codec_of(label, web=False) and any(0x80 <= byte <= 0x9F for byte in raw):
        found.add(
            "charset-guessed",
            f"labelled {label}, read as {_codec_name(codec)} (it has bytes 0x80-0x9F)",
            place,
        )
    try:
        return raw.decode(codec)
    except (UnicodeError, ValueError):
        text, charset = _decode.fallback(raw)
        found.add("charset-guessed", f"not valid {label}, read as {charset}", place)
        return text


def _codec_name(codec: str) -> str:
    """The charset name a note gives for a Python codec (``cp1252`` is ``windows-1252``)."""
    return "windows-1252" if codec == "cp1252" else codec


def _utf8_mislabelled(raw: bytes, label: str, place: Place, found: Notes) -> str | None:
    """The text of 8-bit bytes that are UTF-8 under no label or a single-byte one, else None."""
    if raw.isascii() or (label and not _SINGLE_BYTE.fullmatch(label)):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if label:
        found.add("charset-guessed", f"labelled {label}, read as UTF-8 (the bytes are UTF-8)", place)
    return text


def header_value(value: str, place: Place, found: Notes) -> str:
    """A raw header value with its folding undone and its encoded-words decoded (all of them).

    Outside encoded-words, runs of spaces and tabs are one space and the ends are
    trimmed (they are folding and layout); inside them the text is kept as sent
    (a tab or line break made a space), so a value written as encoded-words reads
    back exactly.
    """
    text = _BETWEEN_WORDS.sub("", unfold(value))  # whitespace between encoded-words is not text (RFC 2047)
    out: list[str] = []
    position = 0
    for word in _ENCODED_WORD.finditer(text):
        out.append(_SPACES.sub(" ", raw_text(text[position : word.start()], place, found)))
        payload = word.group("payload").encode("ascii", "surrogateescape")
        try:
            if word.group("encoding") in "Qq":
                raw = binascii.a2b_qp(payload, header=True)
            else:
                raw = binascii.a2b_base64(payload + b"=" * (-len(payload) % 4))
        except (binascii.Error, ValueError):
            out.append(word.group())
            found.add("unreadable", "a broken encoded-word kept as sent", place)
        else:
            out.append(_BREAKS.sub(" ", decode_bytes(raw, word.group("charset"), place, found)))
        position = word.end()
    out.append(_SPACES.sub(" ", raw_text(text[position:], place, found)))
    if position == 0:
        return out[0].strip(" ")
    out[0], out[-1] = out[0].lstrip(" "), out[-1].rstrip(" ")
    return "".join(out)


def unfold(value: str) -> str:
    """A header value with its folding (a line break before a space or tab) undone."""
    return _FOLD.sub("", value)


def raw_text(text: str, place: Place, found: Notes) -> str:
    """Header text as the parser gave it (raw 8-bit bytes as surrogates) decoded."""
    if text.isascii():
        return text
    return decode_bytes(text.encode("utf-8", "surrogateescape"), None, place, found)


def read_date(
    value: str, tz: str | tzinfo | None, place: Place, found: Notes
) -> tuple[datetime | None, dict[str, str]]:
    """The time a Date field names and what it leaves in extras.

    An unreadable or impossible date is no date, its text kept in
    ``email.date`` (an ``unreadable`` note); a zone that cannot be applied
    (:func:`newsitem.dates.zone_named`: an unknown name, an offset the model
    refuses) is kept in ``email.date-zone`` and the
    time read as naive, or in ``tz`` when given (a ``date-guessed`` note); ``-0000``
    (RFC 5322: local time, zone unknown) and no zone are naive, or in ``tz``.
    """
    try:
        fields = email.utils.parsedate_tz(value)
    except (ValueError, TypeError, IndexError, OverflowError):
        fields = None
    naive = None
    if fields is not None:
        year = _printed_year(value, fields[0])
        try:
            naive = datetime(year, *fields[1:6])  # noqa: DTZ001 - the printed zone is applied below
        except (ValueError, OverflowError, TypeError):
            naive = None
    if naive is None:
        found.add("unreadable", f"no date could be read; the text is kept in extras['{NAME}.date']", place)
        return None, {f"{NAME}.date": value}
    _check_weekday(value, naive, place, found)
    zone = _zone_of(value)
    if zone is None or zone.lower() in _WEEKDAYS:
        return _guessed(naive, tz, "no zone", place, found), {}
    if zone == "-0000":
        return _guessed(naive, tz, "-0000 (the sender's zone is unknown)", place, found), {}
    published, why = dates.zone_named(naive, zone, tz)
    if why is None:
        return published, {}
    found.add("date-guessed", why, place)
    return published, {f"{NAME}.date-zone": zone}


def _zone_of(value: str) -> str | None:
    """The zone a Date field ends with (``+0100``, ``GMT``), before any comments (``(CET)``).

    String methods and a bounded pattern: a search for ``(?:^|\\s)zone\\s*(?:\\([^()]*\\)\\s*)*$``
    rescans the comments from every word (quadratic in a long field)."""
    rest = value.rstrip()
    while rest.endswith(")"):
        start = rest.rfind("(")
        if start < 0 or ")" in rest[start + 1 : -1]:
            return None  # a parenthesis that is not a comment's (comments do not nest)
        rest = rest[:start].rstrip()
    words = rest.split()
    return words[-1] if words and _ZONE.fullmatch(words[-1]) else None


def _guessed(naive: datetime, tz: str | tzinfo | None, why: str, place: Place, found: Notes) -> datetime:
    published = dates.localize(naive, tz)
    if published.tzinfo is not None:
        found.add("date-guessed", f"{why}: read in the zone given ({tz})", place)
    return published


def _printed_year(value: str, year: int) -> int:
    """The year as RFC 5322 reads what was printed (the parser's own two-digit pivot undone)."""
    printed = _YEAR.search(value)
    if printed is None or int(printed.group("year")) % 100 != year % 100:
        return year
    digits = printed.group("year")
    return int(digits) if len(digits) == 4 else dates.full_year(digits)


def _check_weekday(value: str, naive: datetime, place: Place, found: Notes) -> None:
    printed = _WEEKDAY.match(value)
    why = None if printed is None else dates.weekday_mismatch(printed.group("weekday"), naive)
    if why is not None:
        found.add("date-mismatch", why, place)
