"""Date and time policy, in one place.

The model holds a datetime either *aware*, with a fixed offset of whole minutes
within ±14:00 (what xs:dateTime and RFC 3339 can carry), or *naive*, when the
input gave no zone. Nothing here converts a time to another zone.

* :func:`check` states the rule and names what breaks it.
* :func:`format_iso` writes ISO 8601 exactly as held (``isoformat()``), and
  :func:`format_day_or_iso` a ``published``/``updated`` value: a day alone as
  ``YYYY-MM-DD``, a datetime as :func:`format_iso`.
* :func:`parse_day` reads a day alone (``YYYY-MM-DD``) as a :class:`~datetime.date`,
  never an invented midnight.
* :func:`parse_iso` reads the strict ISO 8601 / RFC 3339 profile our formats
  write: a full date, ``T``, a time to at least the minute, optional fractions
  of up to six digits, and an optional ``Z`` or ``±HH:MM``.
* :func:`clock_stamp` reads the parts of a printed date and 12-hour time (text
  layouts), and :func:`zone` resolves a caller's zone through python-dateutil.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

__all__ = [
    "MAX_OFFSET",
    "MONTH_ABBREVIATIONS",
    "check",
    "clock_stamp",
    "fixed_offset",
    "format_clock_stamp",
    "format_day_or_iso",
    "format_iso",
    "full_year",
    "hour_of_day",
    "in_named_zone",
    "in_printed_zone",
    "localize",
    "month_number",
    "parse_day",
    "parse_iso",
    "parse_lenient",
    "weekday_mismatch",
    "zone",
    "zone_named",
    "zone_of_name",
]

MAX_OFFSET = timedelta(hours=14)
"""The largest offset from UTC a datetime may carry (either sign)."""

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?", re.ASCII)
"""A full date (RFC 3339 ``full-date``), with the zone an ``xs:date`` may add."""
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


def format_day_or_iso(value: date) -> str:
    """Write a ``published``/``updated`` value: a day alone as ``YYYY-MM-DD``, a datetime
    as :func:`format_iso` (a datetime is a date too: it is never cut to its day)."""
    return format_iso(value) if isinstance(value, datetime) else value.isoformat()


def parse_day(text: str, *, zoned: bool = False) -> date | None:
    """Read a day alone: ``text`` of the form ``YYYY-MM-DD`` (ASCII digits, nothing around
    it) as a :class:`~datetime.date`; None when ``text`` is of another form (a date-time,
    say), for the caller to read as a time.

    ``zoned`` also takes the zone an XML Schema ``xs:date`` may carry (``2024-05-01Z``,
    ``2024-05-01+02:00``: NewsML-G2 and NITF). The zone is dropped, since a day without a
    time cannot hold one. JSON, ninjs and HTML read a day as RFC 3339 ``full-date``,
    which has no zone, so there the form is refused (None) as it always was.

    Raises:
        ValueError: of the form, but no day (``2017-02-30``); the message names ``text``.
    """
    found = _DAY.fullmatch(text)
    if found is None or (found.group(2) is not None and not zoned):
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError as exc:
        raise ValueError(f"{exc} in {text!r}") from None


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


MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)}
_WEEKDAYS = tuple(name.lower() for name in _WEEKDAY_NAMES)


def parse_lenient(text: str) -> datetime:
    """Read the ISO 8601 date-times other producers write (``Z``, ``+0000``, a space
    separator), with the model's offset rule (:func:`check`) as :func:`parse_iso` has it.

    Raises:
        ValueError: not an ISO 8601 date-time, or one the model cannot hold (the
            message says which).
    """
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 date-time, got {value[:40]!r}") from None
    reason = check(parsed)
    if reason is not None:
        raise ValueError(f"{reason} in {value[:40]!r}")
    return parsed


def format_clock_stamp(value: datetime) -> str:
    """A date and 12-hour time as newswire pages print them: ``Friday, Dec 22 2017, 2:02am``.

    The reverse of :func:`clock_stamp`; the offset, seconds and fractions are not printed.
    """
    hour = value.hour % 12 or 12
    return (
        f"{_WEEKDAY_NAMES[value.weekday()]}, {MONTH_ABBREVIATIONS[value.month - 1]} {value.day} "
        f"{value.year:04d}, "
        f"{hour}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"
    )


def zone(tz: str | tzinfo | None) -> tzinfo | None:
    """A tzinfo for ``tz``: an IANA name (``"Australia/Sydney"``) or offset string through
    python-dateutil, a tzinfo as is, or None.

    Raises:
        ValueError: the name is not a zone python-dateutil knows.
    """
    if tz is None or isinstance(tz, tzinfo):
        return tz
    from dateutil import tz as dateutil_tz  # only text layouts need it; keeps `import newsitem` light

    found = dateutil_tz.gettz(tz)
    if found is None:
        raise ValueError(f"unknown time zone {tz!r}")
    return found


def clock_stamp(
    *,
    weekday: str | None,
    month: str,
    day: str,
    year: str,
    hour: str,
    minute: str,
    ampm: str,
    tz: str | tzinfo | None = None,
) -> tuple[datetime, str | None]:
    """A date and 12-hour clock time as printed (``Friday, Dec 22 2017, 2:02am``).

    ``12:xxam`` is 00:xx and ``12:xxpm`` is 12:xx. Without ``tz`` the result is
    naive (nothing in the text says which zone); with it, the wall time is read
    in that zone (never converted). The weekday is checked against the date: a
    mismatch is not an error (the date is kept) but is returned as a warning for
    the caller to record.

    Returns:
        The datetime and a warning, or None.

    Raises:
        ValueError: an impossible date or time (``Feb 30``, ``13:00pm``).
    """
    hour_24 = hour_of_day(int(hour), ampm)
    month_number = _MONTHS.get(month[:3].lower())
    if month_number is None:
        raise ValueError(f"unknown month {month!r}")
    value = datetime(int(year), month_number, int(day), hour_24, int(minute))  # noqa: DTZ001 - naive on purpose
    warning = None if weekday is None else weekday_mismatch(weekday, value)
    return localize(value, tz), warning


def weekday_mismatch(printed: str, value: date) -> str | None:
    """The one weekday rule of printed dates: why the weekday ``printed`` beside
    ``value`` is wrong, or None when it is right.

    ``printed`` is an English weekday name or its first three letters, any case, a
    trailing dot or comma ignored; anything else is not a weekday and gives None. A
    mismatch is never an error: the date is kept, the message is for a
    ``date-mismatch`` note.
    """
    name = printed.strip().rstrip(".,").lower()
    number = next(
        (i for i, full in enumerate(_WEEKDAYS) if name == full or (len(name) == 3 and full.startswith(name))),
        None,
    )
    if number is None or number == value.weekday():
        return None
    return (
        f"the weekday {printed.strip().rstrip('.,')} does not match {value.isoformat()[:10]}, "
        f"a {_WEEKDAY_NAMES[value.weekday()]}; the date was kept"
    )


def hour_of_day(hour: int, ampm: str) -> int:
    """The 24-hour hour of a 12-hour clock reading: ``12am`` is 0, ``12pm`` is 12.
    ``ampm`` is ``am``/``pm`` or their first letter, any case.

    Raises:
        ValueError: ``hour`` is not between 1 and 12.
    """
    if not 1 <= hour <= 12:
        raise ValueError(f"hour {hour} is not on a 12-hour clock")
    return hour % 12 + (12 if ampm[:1].lower() == "p" else 0)


def localize(value: datetime, tz: str | tzinfo | None) -> datetime:
    """Naive wall time ``value`` read in the caller's zone ``tz`` (see :func:`zone`),
    with that zone's fixed offset on that date; naive again without ``tz``."""
    zone_info = zone(tz)
    return value if zone_info is None else fixed_offset(value.replace(tzinfo=zone_info))


_MONTH_WORDS = {
    **{name.lower(): number for number, name in enumerate(MONTH_ABBREVIATIONS, start=1)},
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "januar", "jän", "jänner"),
                ("february", "februar"),
                ("march", "märz", "mär", "maerz", "mrz"),
                ("april",),
                ("mai",),
                ("june", "juni"),
                ("july", "juli"),
                ("august", "aug."),
                ("sept", "september"),
                ("october", "okt", "oktober"),
                ("november",),
                ("december", "dez", "dezember"),
            ),
            start=1,
        )
        for name in names
    },
}


def month_number(name: str) -> int | None:
    """The month an English or German month name or abbreviation names (any case), or None.

    ``Jan``, ``January``, ``Sept``, ``Okt``, ``Dez``, ``Mär``, ``Mai``; a trailing dot is ignored.
    """
    return _MONTH_WORDS.get(name.strip().rstrip(".").lower())


def full_year(digits: str) -> int:
    """The year a printed year names. Four digits are taken as they are; two digits
    follow RFC 5322's rule (00-49 are 2000-2049, 50-99 are 1950-1999); three digits
    add 1900 (RFC 5322's obsolete form).

    Raises:
        ValueError: not 2 to 4 ASCII digits.
    """
    if not (digits.isascii() and digits.isdigit() and 2 <= len(digits) <= 4):
        raise ValueError(f"expected a year of 2 or 4 digits, got {digits!r}")
    year = int(digits)
    if len(digits) == 2:
        return year + (2000 if year < 50 else 1900)
    if len(digits) == 3:
        return year + 1900
    return year


_H = timedelta(hours=1)
ZONE_ABBREVIATIONS: dict[str, timedelta | str] = {
    "UT": timedelta(0),
    "UTC": timedelta(0),
    "GMT": timedelta(0),
    "Z": timedelta(0),
    "EST": -5 * _H,
    "EDT": -4 * _H,
    "CST": -6 * _H,
    "CDT": -5 * _H,
    "MST": -7 * _H,
    "MDT": -6 * _H,
    "PST": -8 * _H,
    "PDT": -7 * _H,
    "AKST": -9 * _H,
    "AKDT": -8 * _H,
    "HST": -10 * _H,
    "AST": -4 * _H,
    "ADT": -3 * _H,
    "NST": timedelta(hours=-3, minutes=-30),
    "NDT": timedelta(hours=-2, minutes=-30),
    "BST": _H,
    "IST": _H,
    "WET": timedelta(0),
    "WEST": _H,
    "CET": _H,
    "CEST": 2 * _H,
    "MEZ": _H,
    "MESZ": 2 * _H,
    "EET": 2 * _H,
    "EEST": 3 * _H,
    "MSK": 3 * _H,
    "SAST": 2 * _H,
    "JST": 9 * _H,
    "KST": 9 * _H,
    "HKT": 8 * _H,
    "SGT": 8 * _H,
    "AWST": 8 * _H,
    "ACST": timedelta(hours=9, minutes=30),
    "ACDT": timedelta(hours=10, minutes=30),
    "AEST": 10 * _H,
    "AEDT": 11 * _H,
    "NZST": 12 * _H,
    "NZDT": 13 * _H,
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AET": "Australia/Sydney",
    "NZT": "Pacific/Auckland",
}
"""Zone names printed in wire copy and what they mean. A name of a standard or
daylight time (``CST``, ``AEST``) is that fixed offset; a generic name (``ET``,
``PT``) is resolved with the tz database to the offset in force on the date.
``IST`` is Irish Summer Time here (the wire sense in Europe), not India's."""


def in_printed_zone(value: datetime, name: str | None, tz: str | tzinfo | None) -> tuple[datetime, bool]:
    """Naive wall time ``value`` with the zone name printed beside it: a known name
    gives its offset (:func:`in_named_zone`); no name, or an unknown one, leaves
    the time to the caller's ``tz`` (:func:`localize`). The flag says whether the
    name was known, so an unknown one can be recorded."""
    if name is not None:
        named = in_named_zone(value, name)
        if named is not None:
            return named, True
    return localize(value, tz), False


def in_named_zone(value: datetime, name: str) -> datetime | None:
    """``value`` (naive wall time) in the zone ``name`` (see :data:`ZONE_ABBREVIATIONS`),
    with its fixed offset; None when the name is not known. Nothing is converted."""
    found = zone_of_name(name)
    return None if found is None else fixed_offset(value.replace(tzinfo=found))


def zone_of_name(name: str) -> tzinfo | None:
    """The zone a printed name means (:data:`ZONE_ABBREVIATIONS`, any case), or None.

    A standard or daylight name is its fixed offset; a generic one (``ET``) the tz
    database's zone, whose offset depends on the date (apply :func:`fixed_offset`)."""
    meaning = ZONE_ABBREVIATIONS.get(name.upper())
    if meaning is None:
        return None
    return timezone(meaning) if isinstance(meaning, timedelta) else zone(meaning)


_NUMERIC_ZONE = re.compile(r"[+-]\d{4}", re.ASCII)


def zone_named(value: datetime, name: str | None, tz: str | tzinfo | None) -> tuple[datetime, str | None]:
    """The one rule for a zone printed beside a naive wall time ``value``.

    ``name`` is a zone name (:func:`zone_of_name`) or a numeric offset ``+HHMM``.
    A known name, or an offset the model can hold (:func:`check`, minutes under
    60), gives that offset; no name leaves the time to the caller's ``tz``
    (:func:`localize`). An unknown name or an unusable offset also leaves it to
    ``tz`` and returns why, for a ``date-guessed`` note (the caller keeps the
    printed zone in extras).

    Returns:
        The datetime and the note's message, or None.
    """
    if name is None:
        return localize(value, tz), None
    how = "without an offset" if tz is None else "in the zone given"
    if _NUMERIC_ZONE.fullmatch(name):
        hours, minutes = int(name[1:3]), int(name[3:5])
        offset = (-1 if name[0] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
        if minutes < 60 and hours < 24:  # timezone() takes under a day; check() states the model's rule
            candidate = value.replace(tzinfo=timezone(offset))
            if check(candidate) is None:
                return candidate, None
        why = "its minutes are 60 or more" if minutes >= 60 else "it is beyond ±14:00"
        return localize(value, tz), f"the offset {name} cannot be held ({why}); the time was read {how}"
    named = in_named_zone(value, name)
    if named is not None:
        return named, None
    return localize(value, tz), f"the zone {name!r} is not known; the time was read {how}"
