"""newsitem.dates: the strict ISO 8601 profile and the offset rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given

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
