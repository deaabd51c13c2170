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
* :func:`parse_web` reads one time or day as news sites print it (ISO 8601 and its
  variants, RFC 822, ``January 16, 2020``, ``Tue Jan 28 15:28:56 CET 2020``), zone
  names resolved on that date, ambiguous ones refused.
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
    "parse_web",
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
                ("january", "januar", "jän", "jänner", "janvier", "enero", "janeiro", "gennaio", "januari"),
                (
                    "february",
                    "februar",
                    "février",
                    "fevrier",
                    "févr",
                    "febrero",
                    "fevereiro",
                    "febbraio",
                    "februari",
                ),
                ("march", "märz", "mär", "maerz", "mrz", "mars", "marzo", "março", "marco", "maart"),
                ("april", "avril", "abril", "aprile"),
                ("mai", "mayo", "maio", "maggio", "mei"),
                ("june", "juni", "juin", "junio", "junho", "giugno"),
                ("july", "juli", "juillet", "juil", "julio", "julho", "luglio"),
                ("august", "aug.", "août", "aout", "agosto", "augustus"),
                ("sept", "september", "septembre", "septiembre", "setembro", "settembre"),
                ("october", "okt", "oktober", "octobre", "octubre", "outubro", "ottobre"),
                ("november", "novembre", "noviembre", "novembro"),
                (
                    "december",
                    "dez",
                    "dezember",
                    "décembre",
                    "decembre",
                    "déc",
                    "diciembre",
                    "dezembro",
                    "dicembre",
                ),
            ),
            start=1,
        )
        for name in names
    },
}


def month_number(name: str) -> int | None:
    """The month a month name or abbreviation names (any case), or None: English, German,
    French, Spanish, Portuguese, Italian and Dutch full names, and the abbreviations wire
    copy and pages print.

    ``Jan``, ``January``, ``Sept``, ``Okt``, ``Dez``, ``Mär``, ``Mai``, ``janvier``, ``févr``,
    ``enero``, ``março``, ``gennaio``, ``maart``; a trailing dot is ignored.
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


# --- Dates as web pages print them -------------------------------------------------

_WEB_LIMIT = 200
"""The longest text :func:`parse_web` reads (a printed date is far shorter): bounds the work."""
_WEB_ISO = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?P<fraction>[.,]\d+)?"
    r"\s*(?P<zone>\S.*)?",
    re.ASCII,
)
_BRACKETED_ZONE = re.compile(
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?\[!?(?P<name>[A-Za-z][\w/+-]{0,60})\]", re.ASCII
)
"""A zone name in brackets after the offset (RFC 9557, Java's ``ZonedDateTime``)."""
_AMPM_BEFORE_ZONE = re.compile(r"([AaPp])\.?[Mm]\.?(?:\s+(?P<zone>\S.*))?")
"""``AM``/``PM`` after an ISO 8601 time some sites print, and the zone after it."""
_WEB_BASIC = re.compile(
    r"(?P<day>\d{8})(?:T?(?P<time>\d{4}(?:\d{2})?)(?P<rest>(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?))?", re.ASCII
)
"""ISO 8601's basic form: a day of eight digits, a time of four or six after ``T`` (or, as some
sites write it, right after the day), fractions and an offset."""
_WEB_TOKEN = re.compile(
    r"(?P<dmy>\d{1,2}\.\d{1,2}\.\d{4})(?!\d)"
    r"|(?P<ymd>\d{4}[/.]\d{1,2}[/.]\d{1,2})(?!\d)"
    r"|(?P<slashed>\d{1,2}/\d{1,2}/\d{2,4})"
    r"|(?P<time>\d{1,2}[:h]\d{2}(?::\d{2}(?:[.,]\d+)?)?)"
    r"|(?P<offset>(?:GMT|UTC|UT)?[+-]\d{1,2}(?::?\d{2})?)(?![\d:])"
    r"|(?P<ampm>[AaPp]\.?[Mm]\.?)(?![^\W\d_])"
    r"|(?P<number>\d+)(?:st|nd|rd|th|er|º|\.)?(?:(?![^\W_])|(?=[AaPp]\.?[Mm]\.?(?![^\W\d_])))"
    r"|(?P<iana>[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+)"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<comment>\([^()]*\))"
    r"|(?P<gap>[\s,|;:]+|(?<=\s)[-\u2013\u2014@](?=\s))"
)
_WEB_FILLERS = frozenset(
    {"at", "on", "um", "uhr", "le", "à", "de", "del", "published", "updated", "posted", "modified", "last"}
    | {
        "stand",
        "aktualisiert",
        "publié",
        "mis",
        "jour",
        "publicado",
        "actualizado",
        "atualizado",
        "pubblicato",
    }
)
"""Words printed between the parts of a date that say nothing about it."""
_AMBIGUOUS_ZONES = {
    "IST": "India (+05:30), Ireland (+01:00) or Israel (+02:00)",
    "BT": "Baghdad (+03:00) or Bhutan (+06:00)",
    "SST": "Samoa (-11:00) or Singapore (+08:00)",
    "CAT": "Central Africa (+02:00) or, once, Alaska",
}
"""Zone names a web page may print whose meaning depends on the site: refused by
:func:`parse_web` (the wire layouts, which have one region each, read ``IST`` as Irish)."""
_LONG_ZONE_NAMES = {
    "eastern time": "ET",
    "eastern standard time": "EST",
    "eastern daylight time": "EDT",
    "central time": "CT",
    "central standard time": "CST",
    "central daylight time": "CDT",
    "mountain time": "MT",
    "mountain standard time": "MST",
    "mountain daylight time": "MDT",
    "pacific time": "PT",
    "pacific standard time": "PST",
    "pacific daylight time": "PDT",
    "greenwich mean time": "GMT",
    "coordinated universal time": "UTC",
    "british summer time": "BST",
    "central european time": "CET",
    "central european standard time": "CET",
    "central european summer time": "CEST",
    "eastern european time": "EET",
    "eastern european standard time": "EET",
    "eastern european summer time": "EEST",
    "japan standard time": "JST",
}
"""Zone names spelt out, as sites and ``Date.toString()`` print them, and the name they stand for."""
_LONG_ZONE = re.compile(
    "|".join(sorted(map(re.escape, _LONG_ZONE_NAMES), key=len, reverse=True)), re.IGNORECASE
)


def parse_web(text: str) -> datetime | date:
    """Read one time or day as news sites print it.

    The forms read:

    * ISO 8601 and what sites make of it: ``2020-01-16T10:00:00.000Z``,
      ``2019-08-30 14:35:00 +0200``, ``2020-01-16T10:00:00+01:00``, ``2017-11-03
      03:01:00.000000``, a zone name after the time (``2021-01-03T17:40:00EET``,
      ``2020-07-01T12:00:00 Europe/Berlin``), or in brackets after the offset (RFC 9557,
      Java: ``2020-07-01T12:00:00+02:00[Europe/Paris]``: the offset is taken). Fractions
      beyond six digits are cut to microseconds, the model's precision.
    * ISO 8601's basic form: ``20160729`` (a day), ``20160729T164234Z``, and the
      ``20160729164234`` some sites print (New York Times ``ptime``).
    * A day alone, ``2020-01-16`` (:func:`parse_day`), ``January 16, 2020``,
      ``16 January 2020``, ``16. Januar 2020``, ``16.01.2020`` and ``2020/01/16``:
      a :class:`~datetime.date`, never an invented midnight.
    * Printed dates with a time: RFC 822/1123 (``Tue, 28 Jan 2020 15:28:56 +0100``,
      ``28 Jan 2020 15:28:56 GMT``), Unix ``date`` (``Tue Jan 28 15:28:56 CET 2020``),
      JavaScript's ``Date.toString()`` (``Tue Jan 28 2020 15:28:56 GMT+0100 (Central
      European Standard Time)``: the parenthesized name is a comment), and ``January
      16, 2020 10:00 AM ET``, ``Jan 16, 2020 3pm``, ``16.01.2020 10:00``, ``16 janvier 2020
      10h30``, ``2020-01-16 10:00 AM``. A 12-hour time takes ``am``/``pm``
      (:func:`hour_of_day`). Month names are those :func:`month_number` knows (``16 de
      enero de 2020``, ``jeudi 16 janvier 2020``, ``1er mars 2020``).
      A printed weekday is not checked against the date (the date is kept, as
      :func:`weekday_mismatch` has it for the wire).

    Zones: no zone leaves the time naive; ``Z``, ``+0200``, ``+02:00``, ``+02``,
    ``GMT+1``, ``UTC+01:00`` are that offset (the model's rule, :func:`zone_named`); a
    name of :data:`ZONE_ABBREVIATIONS` with one meaning is its fixed offset whatever the
    date (``CET`` is +01:00 even in July, ``EDT`` -04:00 even in January: the page said
    so); a generic name (``ET``, ``PT``, ``Eastern Time``) or an IANA name
    (``America/New_York``, read with :mod:`zoneinfo`) takes the offset in force on that
    date and wall time (``ET`` is -05:00 in January, -04:00 in July; a wall time in a
    daylight-saving gap or fold takes the offset in force before the change). ``CST``
    is US Central (-06:00), ``BST`` British Summer Time and ``AST`` Atlantic, as the wire
    reads them. A name whose meaning depends on the site (``IST``: India, Ireland or
    Israel; see ``_AMBIGUOUS_ZONES``) is refused, never guessed.

    Numeric dates with slashes are read only when one reading alone is a day
    (``2/26/2015 7:11 AM PST``, ``26/02/2015``, ``12/12/2015``): ``03/04/2020`` is March
    or April depending on the site, and refused. Two-digit years are refused, except
    RFC 822's ``28 Jan 20``.

    Raises:
        ValueError: none of these forms, an impossible date or time, an unknown or
            ambiguous zone, or an offset the model cannot hold; the message quotes
            ``text`` and says what was expected.
    """
    value = text.strip()
    if len(value) > _WEB_LIMIT:
        raise ValueError(f"expected a date of at most {_WEB_LIMIT} characters, got {len(value)}")
    if not value:
        raise ValueError("expected a date, got an empty text")
    basic = _WEB_BASIC.fullmatch(value)
    if basic is None:
        return _web_extended(value)
    digits, clock = basic.group("day"), basic.group("time") or ""  # 20160729T164234Z, 20160729164234
    extended = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    if clock:
        extended += f"T{clock[:2]}:{clock[2:4]}{':' + clock[4:] if clock[4:] else ''}{basic.group('rest')}"
    try:
        return _web_extended(extended)
    except ValueError as exc:
        raise ValueError(f"{exc}, read from ISO 8601's basic form {value!r}") from None


def _web_extended(value: str) -> datetime | date:
    """:func:`parse_web` of a text other than ISO 8601's basic form."""
    day = parse_day(value)
    if day is not None:
        return day
    iso = _WEB_ISO.fullmatch(value)
    if iso is not None:
        fraction = (iso.group("fraction") or "")[:7].replace(",", ".")
        naive = parse_iso(f"{iso.group('day')}T{iso.group('time')}{fraction}")
        zone_name = iso.group("zone")
        twelve = None if zone_name is None else _AMPM_BEFORE_ZONE.fullmatch(zone_name)
        if twelve is not None:  # 2020-01-16 10:00 AM (ET)
            try:
                naive = naive.replace(hour=hour_of_day(naive.hour, twelve.group(1)))
            except ValueError as exc:
                raise ValueError(f"{exc} in {value[:60]!r}") from None
            zone_name = twelve.group("zone")
        return _in_web_zone(naive, zone_name, value)
    return _printed_web_date(value)


def _in_web_zone(naive: datetime, name: str | None, text: str) -> datetime:
    """``naive`` in the zone ``name`` printed beside it in ``text`` (see :func:`parse_web`)."""
    if name is None:
        return naive
    name = name.strip()
    bracketed = _BRACKETED_ZONE.fullmatch(name)
    if bracketed is not None:  # RFC 9557, Java: +01:00[Europe/Paris]: the offset says it, or the name alone
        name = bracketed.group("offset") or bracketed.group("name")
    spelt = _LONG_ZONE_NAMES.get(name.lower())
    if spelt is not None:
        name = spelt
    upper = name.upper()
    if upper in _AMBIGUOUS_ZONES:
        raise ValueError(
            f"the zone {name} is ambiguous ({_AMBIGUOUS_ZONES[upper]}): "
            f"give an offset instead, in {text[:60]!r}"
        )
    numeric = re.fullmatch(r"(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?", upper, re.ASCII)
    if numeric is not None:
        sign, hours, minutes = numeric.groups()
        value, why = zone_named(naive, f"{sign}{int(hours):02d}{minutes or '00'}", None)
        if why is not None:
            raise ValueError(f"{why.split(';')[0]} in {text[:60]!r}")
        return value
    if "/" in name:
        return _in_iana_zone(naive, name, text)
    found = in_named_zone(naive, name) if name.isascii() and name.isalpha() else None
    if found is None:
        raise ValueError(
            f"expected a zone (an offset like +02:00, a name like CET or ET, or an IANA name "
            f"like Europe/Paris), got {name[:40]!r} in {text[:60]!r}"
        )
    return found


def _in_iana_zone(naive: datetime, name: str, text: str) -> datetime:
    """``naive`` in the tz database's zone ``name``, with its offset on that date and wall time."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only dates with IANA names need it

    try:
        found = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"the zone {name[:40]!r} is not in the tz database, in {text[:60]!r}") from None
    value = fixed_offset(naive.replace(tzinfo=found))
    reason = check(value)
    if reason is not None:
        raise ValueError(f"{reason} in {text[:60]!r}")
    return value


_OTHER_WEEKDAYS = frozenset(
    {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag"}
    | {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
    | {"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"}
    | {"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"}
)
"""Weekdays in German, French, Spanish and Italian (a printed weekday is skipped)."""


def _is_weekday(word: str) -> bool:
    """Whether ``word`` (lower case) is a weekday: English, full or of three or four letters, or another's."""
    return word in _OTHER_WEEKDAYS or any(
        word == full or (3 <= len(word) <= 4 and full.startswith(word)) for full in _WEEKDAYS
    )


class _Printed:
    """The parts of a printed date, gathered token by token (see :func:`parse_web`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ymd: tuple[int, int, int] | None = None
        self.month: int | None = None
        self.month_at = -1
        self.numbers: list[tuple[str, int]] = []
        self.time: str | None = None
        self.ampm: str | None = None
        self.ampm_at = -1
        self.zone: str | None = None
        self.comments: list[str] = []

    def fail(self, why: str) -> ValueError:
        """The error for this text: what was expected, and why it is not that."""
        return ValueError(
            f"expected a date like 'January 16, 2020', 'Tue, 28 Jan 2020 15:28:56 +0100' or "
            f"'2020-01-16T10:00:00+01:00', got {self.text[:60]!r}: {why}"
        )

    def once(self, current: object, what: str) -> None:
        """Refuse a second part of the same kind (two times, two zones...)."""
        if current is not None:
            raise self.fail(f"it has two {what}s")

    def take(self, kind: str, found: re.Match[str], index: int) -> None:
        """Record one token of ``kind``; ``index`` is its place among the tokens."""
        token = found.group(kind)
        if kind in ("dmy", "ymd"):
            self.once(self.ymd, "date")
            first, middle, last = map(int, re.split(r"[/.]", token))
            self.ymd = (first, middle, last) if kind == "ymd" else (last, middle, first)
        elif kind == "slashed":
            self.once(self.ymd, "date")
            self.ymd = self.slashed(token)
        elif kind == "time":
            self.once(self.time, "time")
            self.time = token
        elif kind == "ampm":
            self.once(self.ampm, "am/pm")
            self.ampm, self.ampm_at = token, index
        elif kind in ("offset", "iana"):
            self.once(self.zone, "zone")
            self.zone = token
        elif kind == "number":
            self.numbers.append((token, index))
        elif kind == "comment":
            self.comments.append(token[1:-1].strip())
        elif kind == "word":
            self.word(token, index)

    def slashed(self, token: str) -> tuple[int, int, int]:
        """The day a numeric date with slashes names, when only one reading of it is a day
        (``2/26/2015``, ``26/02/2015``, ``12/12/2015``); ``03/04/2020`` is refused."""
        first, second, year = token.split("/")
        if len(year) != 4:
            raise self.fail(f"{token} has a year of two digits")
        readings = set()
        for month, day in ((first, second), (second, first)):
            try:
                readings.add(date(int(year), int(month), int(day)))
            except ValueError:
                continue
        if len(readings) != 1:
            why = "day/month or month/day depending on the site" if readings else "no day"
            raise self.fail(f"{token} is {why}")
        (found,) = readings
        return found.year, found.month, found.day

    def word(self, token: str, index: int) -> None:
        """A word: a month, a weekday, a zone name, a filler, or not part of a date."""
        lower = token.lower()
        month = month_number(lower)
        if month is not None:
            self.once(self.month, "month")
            self.month, self.month_at = month, index
        elif token.upper() in ZONE_ABBREVIATIONS or token.upper() in _AMBIGUOUS_ZONES:
            self.once(self.zone, "zone")
            self.zone = token
        elif not (_is_weekday(lower) or lower in _WEB_FILLERS):
            raise self.fail(f"{token[:20]!r} is not part of a date")

    def day(self) -> tuple[int, int, int]:
        """The year, month and day."""
        if self.ymd is not None:
            if self.numbers or self.month is not None:
                raise self.fail("it has numbers beside its date")
            return self.ymd
        if self.month is None:
            raise self.fail("it has no month")
        years = [digits for digits, _ in self.numbers if len(digits) == 4]
        days = [(digits, at) for digits, at in self.numbers if len(digits) <= 2]
        if len(years) == 1 and len(days) == 1 and len(self.numbers) == 2:
            return int(years[0]), self.month, int(days[0][0])
        if not years and len(days) == 2 and days[0][1] < self.month_at < days[1][1]:
            return full_year(days[1][0]), self.month, int(days[0][0])  # RFC 822: 28 Jan 20
        raise self.fail("expected one day and one year of four digits beside the month")

    def hour_alone(self) -> None:
        """An hour without minutes right before am/pm (``10am``, ``3 p.m.``) is the time."""
        before = [(digits, at) for digits, at in self.numbers if at == self.ampm_at - 1 and len(digits) <= 2]
        if self.time is None and self.ampm is not None and before:
            self.time = f"{before[0][0]}:00"
            self.numbers.remove(before[0])

    def value(self) -> datetime | date:
        """The date, or the time in its zone."""
        self.hour_alone()
        year, month, day = self.day()
        if self.zone is None:
            named = [
                c for c in self.comments if c.upper() in ZONE_ABBREVIATIONS or c.upper() in _AMBIGUOUS_ZONES
            ]
            self.zone = named[0] if len(named) == 1 else None
        try:
            if self.time is None:
                if self.ampm is not None:
                    raise self.fail("it has am/pm but no time")
                return date(year, month, day)
            hour, minute, *rest = self.time.replace("h", ":").split(":")
            second, _, fraction = (rest[0] if rest else "0").replace(",", ".").partition(".")
            hours = int(hour) if self.ampm is None else hour_of_day(int(hour), self.ampm)
            micro = int((fraction + "000000")[:6])
            naive = datetime(year, month, day, hours, int(minute), int(second), micro)  # noqa: DTZ001 - zone below
        except ValueError as exc:
            if str(exc).startswith("expected a date"):
                raise
            raise ValueError(f"{exc} in {self.text[:60]!r}") from None
        return _in_web_zone(naive, self.zone, self.text)


def _printed_web_date(text: str) -> datetime | date:
    """A date printed in words and numbers (see :func:`parse_web`), read token by token."""
    value = _LONG_ZONE.sub(lambda found: _LONG_ZONE_NAMES[found.group().lower()], text)
    printed = _Printed(text)
    position, index = 0, 0
    while position < len(value):
        found = _WEB_TOKEN.match(value, position)
        if found is None or found.end() == position:
            raise printed.fail(f"{value[position : position + 10]!r} is not part of a date")
        kind = found.lastgroup
        if kind is not None and kind != "gap":
            printed.take(kind, found, index)
            index += 1
        position = found.end()
    return printed.value()
