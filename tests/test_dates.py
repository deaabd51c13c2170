"""newsitem.dates: the strict ISO 8601 profile and the offset rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsitem import dates
from newsitem.strategies import datetimes, days


class TestParseIso:
    """parse_iso reads exactly what format_iso writes, and refuses the rest."""

    @pytest.mark.parametrize(
        ("text", "expected", "offset"),
        [
            (
                "2024-05-01T09:30:00+02:00",
                datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
                120,
            ),
            ("2024-05-01T09:30:00Z", datetime(2024, 5, 1, 9, 30, tzinfo=UTC), 0),
            ("2024-05-01T09:30", datetime(2024, 5, 1, 9, 30), None),
            (
                "2024-05-01T09:30:00.123456-00:01",
                datetime(2024, 5, 1, 9, 30, 0, 123456, tzinfo=timezone(timedelta(minutes=-1))),
                -1,
            ),
            ("0001-01-01T00:00:00+14:00", datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))), 840),
        ],
    )
    def test_valid(self, text: str, expected: datetime, offset: int | None) -> None:
        """Offsets are kept; no offset stays naive."""
        value = dates.parse_iso(text)
        assert value == expected
        got = value.utcoffset()
        assert (None if got is None else got // timedelta(minutes=1)) == offset

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2024-05-01", "expected an ISO 8601 date-time like 2024-05-01T09:30:00+02:00, got '2024-05-01'"),
            ("2024-05-01 09:30:00", "expected an ISO 8601 date-time"),
            ("May 1, 2024", "expected an ISO 8601 date-time"),
            ("2024-05-01T09:30:00+0200", "expected an ISO 8601 date-time"),
            ("2024-13-01T09:30:00", "month must be in 1..12 in '2024-13-01T09:30:00'"),
            ("2024-02-30T09:30:00", "day is out of range for month"),
            ("2024-05-01T25:00:00", "hour must be in 0..23"),
            (
                "2024-05-01T09:30:00+14:30",
                "the offset 14:30:00 is beyond ±14:00 in '2024-05-01T09:30:00+14:30'",
            ),
            ("2024-05-01T09:30:00.1234567", "expected an ISO 8601 date-time"),
        ],
    )
    def test_invalid(self, text: str, message: str) -> None:
        """The message quotes the input and names the fault."""
        with pytest.raises(
            ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")
        ):
            dates.parse_iso(text)

    @given(datetimes())
    def test_round_trip(self, value: datetime) -> None:
        """format_iso then parse_iso gives back the value and its offset."""
        back = dates.parse_iso(dates.format_iso(value))
        assert (back, back.utcoffset(), back.tzinfo is None) == (
            value,
            value.utcoffset(),
            value.tzinfo is None,
        )


def test_fixed_offset_keeps_wall_time() -> None:
    """fixed_offset swaps a named zone for its offset; naive values pass through."""
    from zoneinfo import ZoneInfo

    named = datetime(2024, 7, 1, 12, 0, tzinfo=ZoneInfo("Australia/Adelaide"))
    fixed = dates.fixed_offset(named)
    assert (fixed.hour, fixed.tzinfo) == (12, timezone(timedelta(hours=9, minutes=30)))
    naive = datetime(2024, 7, 1, 12, 0)
    assert dates.fixed_offset(naive) is naive


class TestWeekdayMismatch:
    """weekday_mismatch is the one weekday rule of printed dates."""

    @pytest.mark.parametrize("printed", ["Monday", "mon", "MON.", "Mon,", "Foo", "Mo", ""])
    def test_right_or_not_a_weekday(self, printed: str) -> None:
        """The right weekday, in any spelling, or a word that is no weekday gives no message."""
        assert dates.weekday_mismatch(printed, datetime(2019, 9, 9)) is None

    def test_wrong_weekday(self) -> None:
        """A wrong weekday names the date and its real weekday and keeps the date."""
        assert dates.weekday_mismatch("Tue", date(2019, 9, 9)) == (
            "the weekday Tue does not match 2019-09-09, a Monday; the date was kept"
        )

    @given(datetimes())
    def test_own_weekday_always_matches(self, value: datetime) -> None:
        """The weekday a date has, full or abbreviated, never mismatches."""
        name = value.strftime("%A")
        assert dates.weekday_mismatch(name, value) is None
        assert dates.weekday_mismatch(name[:3], value) is None


class TestZoneNamed:
    """zone_named is the one rule for a zone printed beside a wall time."""

    WALL = datetime(2019, 9, 9, 11, 22)

    @pytest.mark.parametrize(
        ("name", "minutes"),
        [("+1400", 840), ("-0530", -330), ("-1400", -840), ("nzdt", 780), ("CST", -360), ("ET", -240)],
    )
    def test_known(self, name: str, minutes: int) -> None:
        """A known name (any case) or an offset the model holds gives that offset, no note."""
        value, note = dates.zone_named(self.WALL, name, None)
        offset = value.utcoffset()
        assert note is None
        assert offset is not None
        assert (value.replace(tzinfo=None), offset // timedelta(minutes=1)) == (self.WALL, minutes)

    @pytest.mark.parametrize(
        ("name", "why"),
        [
            ("-9000", "the offset -9000 cannot be held (it is beyond ±14:00)"),
            ("-1500", "the offset -1500 cannot be held (it is beyond ±14:00)"),
            ("+1401", "the offset +1401 cannot be held (it is beyond ±14:00)"),
            ("+0160", "the offset +0160 cannot be held (its minutes are 60 or more)"),
            ("XYZ", "the zone 'XYZ' is not known"),
        ],
    )
    def test_unusable(self, name: str, why: str) -> None:
        """An unknown name or an offset the model refuses leaves the time to tz and says why."""
        assert dates.zone_named(self.WALL, name, None) == (
            self.WALL,
            why + "; the time was read without an offset",
        )
        value, note = dates.zone_named(self.WALL, name, "UTC")
        assert value == self.WALL.replace(tzinfo=UTC)
        assert note == why + "; the time was read in the zone given"

    def test_no_zone(self) -> None:
        """No zone is the caller's tz, without a note."""
        assert dates.zone_named(self.WALL, None, None) == (self.WALL, None)

    def test_zone_of_name_any_case(self) -> None:
        """zone_of_name reads the wire's zone names in any case; an unknown one is None."""
        assert dates.zone_of_name("aest") == timezone(timedelta(hours=10))
        assert dates.zone_of_name("Nowhere") is None


class TestDay:
    """parse_day and format_day_or_iso: the one rule for a day without a time."""

    @pytest.mark.parametrize(
        ("text", "zoned", "expected"),
        [
            ("2017-07-27", False, date(2017, 7, 27)),
            ("2017-07-27", True, date(2017, 7, 27)),
            ("2017-07-27Z", True, date(2017, 7, 27)),
            ("2017-07-27+02:00", True, date(2017, 7, 27)),
            ("2017-07-27-05:30", True, date(2017, 7, 27)),
            ("2017-07-27Z", False, None),
            ("2017-07-27+02:00", False, None),
            ("2017-07-27T09:30:00", True, None),
            ("2017-07-27 ", False, None),
            (" 2017-07-27", True, None),
            ("2017-7-27", False, None),
            ("20170727", False, None),
            ("\u0662\u0660\u0661\u0667-07-27", True, None),
            ("", False, None),
        ],
    )
    def test_parse_day(self, text: str, zoned: bool, expected: date | None) -> None:
        """A day alone is a date (a zone only where zoned allows it); any other form is None."""
        got = dates.parse_day(text, zoned=zoned)
        assert got == expected
        assert not isinstance(got, datetime)

    @pytest.mark.parametrize("text", ["2017-02-30", "2017-13-01", "2017-02-30+01:00"])
    def test_parse_day_impossible(self, text: str) -> None:
        """A day of the form that names no day raises ValueError quoting the input."""
        with pytest.raises(ValueError, match=f" in {text!r}$".replace("+", r"\+")):
            dates.parse_day(text, zoned=True)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (date(2017, 7, 27), "2017-07-27"),
            (datetime(2017, 7, 27), "2017-07-27T00:00:00"),
            (datetime(2017, 7, 27, 9, 30, tzinfo=timezone(timedelta(hours=-5))), "2017-07-27T09:30:00-05:00"),
        ],
    )
    def test_format_day_or_iso(self, value: date, expected: str) -> None:
        """A day is written as YYYY-MM-DD; a datetime, even at midnight, keeps its time and offset."""
        assert dates.format_day_or_iso(value) == expected

    @given(days())
    def test_day_round_trip(self, value: date) -> None:
        """format_day_or_iso then parse_day gives back every day."""
        assert dates.parse_day(dates.format_day_or_iso(value)) == value

    @given(datetimes())
    def test_datetime_is_no_day(self, value: datetime) -> None:
        """A written datetime is never read as a day, so it goes on to the time rule."""
        assert dates.parse_day(dates.format_day_or_iso(value), zoned=True) is None


def _offset_minutes(value: date) -> int | None:
    """The offset of a parsed value in minutes; None when naive or a day."""
    if not isinstance(value, datetime):
        return None
    offset = value.utcoffset()
    return None if offset is None else offset // timedelta(minutes=1)


class TestParseWeb:
    """parse_web reads one time or day as news sites print it, and refuses what it cannot know."""

    @pytest.mark.parametrize(
        ("text", "wall", "minutes"),
        [
            ("2021-01-03T17:40:00EET", datetime(2021, 1, 3, 17, 40), 120),
            ("Tue Jan 28 15:28:56 CET 2020", datetime(2020, 1, 28, 15, 28, 56), 60),
            ("2017-11-03 03:01:00.000000", datetime(2017, 11, 3, 3, 1), None),
            ("2020-01-16T10:00:00.000Z", datetime(2020, 1, 16, 10), 0),
            ("2019-08-30 14:35:00 +0200", datetime(2019, 8, 30, 14, 35), 120),
            ("2019-08-30T14:35:00+02:00", datetime(2019, 8, 30, 14, 35), 120),
            ("2019-08-30T14:35:00-0430", datetime(2019, 8, 30, 14, 35), -270),
            ("2019-08-30T14:35:00+02", datetime(2019, 8, 30, 14, 35), 120),
            ("2019-08-30T14:35", datetime(2019, 8, 30, 14, 35), None),
            ("Tue, 28 Jan 2020 15:28:56 +0100", datetime(2020, 1, 28, 15, 28, 56), 60),
            ("Tue, 28 Jan 2020 15:28:56 GMT", datetime(2020, 1, 28, 15, 28, 56), 0),
            ("28 Jan 20 15:28 GMT", datetime(2020, 1, 28, 15, 28), 0),
            (
                "Tue Jan 28 2020 15:28:56 GMT+0100 (Central European Standard Time)",
                datetime(2020, 1, 28, 15, 28, 56),
                60,
            ),
            ("Jan. 16, 2020 at 3:05 p.m. EST", datetime(2020, 1, 16, 15, 5), -300),
            ("January 16, 2020 12:30 AM ET", datetime(2020, 1, 16, 0, 30), -300),
            ("Donnerstag, 16. Januar 2020, 10:00 Uhr", datetime(2020, 1, 16, 10), None),
            ("16.01.2020 10:00", datetime(2020, 1, 16, 10), None),
            ("2020-01-16T10:00:00.1234567+01:00", datetime(2020, 1, 16, 10, 0, 0, 123456), 60),
            ("2020-01-16T10:00:00,5Z", datetime(2020, 1, 16, 10, 0, 0, 500000), 0),
            ("2020-01-16T10:00:00 UTC+05:30", datetime(2020, 1, 16, 10), 330),
            ("20160729164234", datetime(2016, 7, 29, 16, 42, 34), None),
            ("Updated: January 16, 2020 10:00 AM ET", datetime(2020, 1, 16, 10), -300),
            ("2/26/2015 7:11 AM PST", datetime(2015, 2, 26, 7, 11), -480),
            ("2020-01-16 10:00 PM ET", datetime(2020, 1, 16, 22), -300),
            ("2020-07-01T12:00:00+02:00[Europe/Paris]", datetime(2020, 7, 1, 12), 120),
            ("2020-07-01T12:00:00Z[UTC]", datetime(2020, 7, 1, 12), 0),
            ("2020-07-01T12:00:00[America/New_York]", datetime(2020, 7, 1, 12), -240),
            ("2020-01-16 12:30 AM", datetime(2020, 1, 16, 0, 30), None),
            ("Jan 16, 2020 3pm", datetime(2020, 1, 16, 15), None),
            ("Jan 16 2020 12 a.m. ET", datetime(2020, 1, 16, 0), -300),
            ("16 janvier 2020 10h30", datetime(2020, 1, 16, 10, 30), None),
            ("Publié le 16 janvier 2020 à 10:00", datetime(2020, 1, 16, 10), None),
            ("16 de março de 2020 10:00", datetime(2020, 3, 16, 10), None),
            ("Stand: 16.01.2020 10:00 Uhr", datetime(2020, 1, 16, 10), None),
            ("20160729T164234Z", datetime(2016, 7, 29, 16, 42, 34), 0),
            ("20160729T1642+0200", datetime(2016, 7, 29, 16, 42), 120),
            ("Thu, 09 Nov 2023 03:30:00 -0800", datetime(2023, 11, 9, 3, 30), -480),
            ("2023-06-07 15:00:26 +00:00", datetime(2023, 6, 7, 15, 0, 26), 0),
        ],
    )
    def test_times(self, text: str, wall: datetime, minutes: int | None) -> None:
        """Each printed form gives its wall time, with the offset it names or naive when it names none."""
        value = dates.parse_web(text)
        assert isinstance(value, datetime)
        assert (value.replace(tzinfo=None), _offset_minutes(value)) == (wall, minutes)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2020-01-16", date(2020, 1, 16)),
            ("January 16, 2020", date(2020, 1, 16)),
            ("16 January 2020", date(2020, 1, 16)),
            ("Thursday, January 16th, 2020", date(2020, 1, 16)),
            ("16. Januar 2020", date(2020, 1, 16)),
            ("Sept. 3, 2019", date(2019, 9, 3)),
            ("16.01.2020", date(2020, 1, 16)),
            ("2020/01/16", date(2020, 1, 16)),
            ("2/26/2015", date(2015, 2, 26)),
            ("26/02/2015", date(2015, 2, 26)),
            ("12/12/2015", date(2015, 12, 12)),
            ("20160729", date(2016, 7, 29)),
            ("jeudi 16 janvier 2020", date(2020, 1, 16)),
            ("jueves, 16 de enero de 2020", date(2020, 1, 16)),
            ("giovedì 16 gennaio 2020", date(2020, 1, 16)),
            ("1er mars 2020", date(2020, 3, 1)),
            ("16 maart 2020", date(2020, 3, 16)),
            ("Published on Jan 16, 2020", date(2020, 1, 16)),
            ("  March 1, 2021\n", date(2021, 3, 1)),
        ],
    )
    def test_days(self, text: str, expected: date) -> None:
        """A day printed without a time stays a date, never an invented midnight."""
        value = dates.parse_web(text)
        assert not isinstance(value, datetime)
        assert value == expected

    @pytest.mark.parametrize(
        ("text", "minutes"),
        [
            ("2020-07-15T12:00:00 CET", 60),  # CET means +01:00 whatever the season
            ("2020-01-15T12:00:00 CEST", 120),
            ("July 15, 2020 12:00 EST", -300),
            ("2020-07-15T12:00:00 ET", -240),  # generic: daylight time in July
            ("2020-01-15T12:00:00 ET", -300),
            ("July 15, 2020 9:00 am Pacific Time", -420),
            ("2020-07-15T12:00:00 Europe/Berlin", 120),
            ("2020-01-15T12:00:00 Europe/Berlin", 60),
            ("2020-03-08T01:59:00 America/New_York", -300),  # a minute before the spring change
            ("2020-03-08T03:00:00 America/New_York", -240),
            ("2020-11-01T01:30:00 ET", -240),  # the fold: the offset before the change
            ("2020-11-01T02:30:00 ET", -300),
            ("2020-07-15T12:00:00 CST", -360),  # documented: US Central
        ],
    )
    def test_zone_on_that_date(self, text: str, minutes: int) -> None:
        """A fixed name keeps its offset in any season; a generic or IANA name takes the one in force that day."""
        assert _offset_minutes(dates.parse_web(text)) == minutes

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("", "expected a date, got an empty text"),
            ("yesterday", "'yesterday' is not part of a date"),
            ("03/04/2020", "03/04/2020 is day/month or month/day depending on the site"),
            ("2020-07-01T12:00:00 IST", "the zone IST is ambiguous"),
            ("July 1, 2020 10:00 IST", "the zone IST is ambiguous"),
            ("2020-02-30T10:00:00", "day is out of range for month in '2020-02-30T10:00:00'"),
            ("Feb 30, 2020", "day is out of range for month in 'Feb 30, 2020'"),
            ("January 2020", "expected one day and one year of four digits beside the month"),
            ("2020-01-16T10:00:00+15:00", "the offset \\+1500 cannot be held"),
            ("2020-01-16T10:00:00 Mars/Olympus", "the zone 'Mars/Olympus' is not in the tz database"),
            ("2020-01-16T10:00:00 ../../etc/passwd", "not in the tz database"),
            ("2020-01-16T10:00:00 XYZ", "expected a zone"),
            ("13:00 pm Jan 1 2020", "hour 13 is not on a 12-hour clock"),
            ("10:00 11:00 Jan 1 2020", "it has two times"),
            ("Jan 1 2020 10:00 CET EST", "it has two zones"),
            ("pm Jan 1 2020", "it has am/pm but no time"),
            ("2020-01-16T25:00:00", "hour must be in 0..23"),
            ("1" * 300, "at most 200 characters"),
            (
                "20161329",
                "month must be in 1..12 in '2016-13-29', read from ISO 8601's basic form '20161329'",
            ),
            ("2016072916", "it has no month"),
            ("3 days ago", "'days' is not part of a date"),
            ("2020-01-16 13:00 PM", "hour 13 is not on a 12-hour clock in '2020-01-16 13:00 PM'"),
            ("Jan 16, 2020 3pmx", "'3pmx' is not part of a date"),
            ("2/26/15", "2/26/15 has a year of two digits"),
            ("13/13/2015", "13/13/2015 is no day"),
            ("3/4/2020 10:00", "3/4/2020 is day/month or month/day depending on the site"),
            ("Updated", "it has no month"),
            ("2020-01-10T00:59:47ZZ", "expected a zone"),
        ],
    )
    def test_refused(self, text: str, message: str) -> None:
        """What is not a date, or not one date for sure, raises ValueError saying why."""
        with pytest.raises(ValueError, match=message):
            dates.parse_web(text)

    @given(datetimes())
    def test_own_iso_reads_back(self, value: datetime) -> None:
        """Every datetime the model holds, written as ISO 8601, reads back with its offset."""
        back = dates.parse_web(dates.format_iso(value))
        assert isinstance(back, datetime)
        assert (back, back.utcoffset()) == (value, value.utcoffset())

    @given(days())
    def test_own_day_reads_back(self, value: date) -> None:
        """Every day, written as YYYY-MM-DD, reads back as that date."""
        assert dates.parse_web(value.isoformat()) == value

    def test_linear_on_long_repetitive_text(self) -> None:
        """Text near the length limit made of date-like pieces is refused with ValueError, not matched forever."""
        for piece in ("1 ", "Jan ", "1:00 ", "+01 ", "(", "a/"):
            with pytest.raises(ValueError):
                dates.parse_web((piece * 200)[:200])


_WEB_ALPHABET = st.sampled_from(
    [
        *"0123456789:-+.,/ TZ()",
        "Jan",
        "January",
        "Tue",
        "CET",
        "ET",
        "IST",
        "am",
        "pm",
        "GMT",
        "de",
        "Europe/Paris",
    ]
)


class TestParseWebProperties:
    """parse_web on generated texts: printed forms of any time read back, anything else is ValueError."""

    @given(st.text(max_size=80) | st.lists(_WEB_ALPHABET, max_size=30).map("".join))
    def test_any_text_is_a_value_or_value_error(self, text: str) -> None:
        """Any text gives a date, a datetime the model holds, or ValueError: never another exception."""
        try:
            value = dates.parse_web(text)
        except ValueError:
            return
        assert isinstance(value, date)
        if isinstance(value, datetime):
            assert dates.check(value) is None

    @given(datetimes(naive=False).filter(lambda v: v.year >= 1000))
    def test_rfc_822_reads_back(self, value: datetime) -> None:
        """A time written as RFC 822 (email.utils.format_datetime) reads back to the second, with its offset."""
        import email.utils

        back = dates.parse_web(email.utils.format_datetime(value.replace(microsecond=0)))
        assert isinstance(back, datetime)
        assert (back, back.utcoffset()) == (value.replace(microsecond=0), value.utcoffset())

    @given(
        days().filter(lambda d: d.year >= 1000),
        st.sampled_from(["%B %d, %Y", "%d %B %Y", "%A, %b %d %Y", "%d.%m.%Y"]),
    )
    def test_printed_day_reads_back(self, value: date, form: str) -> None:
        """A day printed as sites print it (``January 16, 2020``, ``16 January 2020``, ``16.01.2020``) is that date."""
        back = dates.parse_web(value.strftime(form))
        assert (back, type(back)) == (value, date)
