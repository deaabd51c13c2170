"""newsitem.dates: the strict ISO 8601 profile and the offset rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given

from newsitem import dates
from newsitem.strategies import datetimes


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
