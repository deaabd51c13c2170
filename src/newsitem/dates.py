"""Date and time policy, in one place.

The model holds a datetime either *aware*, with a fixed offset of whole minutes
within ±14:00 (what xs:dateTime and RFC 3339 can carry), or *naive*, when the
input gave no zone. Nothing here converts a time to another zone.

* :func:`check` states the rule and names what breaks it.
* :func:`format_iso` writes ISO 8601 exactly as held (``isoformat()``).
* :func:`parse_iso` reads the strict ISO 8601 / RFC 3339 profile our formats
  write: a full date, ``T``, a time to at least the minute, optional fractions
  of up to six digits, and an optional ``Z`` or ``±HH:MM``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["MAX_OFFSET", "check", "fixed_offset", "format_iso", "parse_iso"]

MAX_OFFSET = timedelta(hours=14)
"""The largest offset from UTC a datetime may carry (either sign)."""

_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?",
    re.ASCII,
)


def check(value: datetime) -> str | None:
    """Return why ``value`` cannot be held by the model, or None if it can."""
    offset = value.utcoffset()
    if offset is None:
        return None
    if offset % timedelta(minutes=1):
        return f"the offset {offset} is not a whole number of minutes"
    if abs(offset) > MAX_OFFSET:
        return f"the offset {offset} is beyond ±14:00"
    return None


def fixed_offset(value: datetime) -> datetime:
    """Return ``value`` with its tzinfo replaced by a fixed :class:`~datetime.timezone`.

    The wall time and the offset stay as they are; only a named zone's name is
    dropped, which no format can carry anyway. Naive values are returned as is.
    """
    tzinfo = value.tzinfo
    if tzinfo is None or type(tzinfo) is timezone:
        return value
    offset = value.utcoffset()
    if offset is None:
        return value.replace(tzinfo=None)
    return value.replace(tzinfo=timezone(offset))


def format_iso(value: datetime) -> str:
    """Write ``value`` as ISO 8601 exactly as held: offset kept, naive stays naive."""
    return value.isoformat()


def parse_iso(text: str) -> datetime:
    """Read a strict ISO 8601 date-time.

    Raises:
        ValueError: ``text`` is not of the form above, or names an impossible
            date or time (the message says which).
    """
    if not _ISO.fullmatch(text):
        raise ValueError(f"expected an ISO 8601 date-time like 2024-05-01T09:30:00+02:00, got {text[:40]!r}")
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{exc} in {text!r}") from None
    reason = check(value)
    if reason is not None:
        raise ValueError(f"{reason} in {text!r}")
    return value
