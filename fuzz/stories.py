"""A story built from fuzzed bytes, field by field, for the ``story`` target (the writers).

Reading a story out of a format finds readers' bugs; the writers' bugs are in values
(a year-1 time at +14:00, a non-ASCII ``mailto:`` source, a name with a comma and
quotes), which a reader rarely hands over. :func:`story_from` spends the bytes on
the model's fields directly: which fields are set, their text, times anywhere in
years 1-9999 at any offset, URLs of several schemes, bylines, subjects, rights,
paragraphs of runs with marks and links, every other kind of body block (headings,
quotes, lists, tables with empty and ragged cells, preformatted copy, figures),
organisation bylines, QCodes, days without a time, stories without a headline,
extras. A value the model refuses is left
out (the model's refusal is its own business; the writers only ever see stories the
model accepts). Nothing here imports atheris.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from newsitem.errors import ValidationError
from newsitem.model import (
    Byline,
    BylineKind,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    PubStatus,
    Quote,
    Rights,
    Role,
    Run,
    Source,
    Story,
    Subject,
    Table,
)

__all__ = ["Draw", "story_from"]

PIECES = (
    ",", '"', "'", "<", ">", "&", "=", "@", ";", ":", "\\", "\n", "\r\n", "\t", " ", "  ",
    "\u2028", "\u2029", "\u0085", "\u00a0", "\u200b", "\u202e", "\ufeff", "\U0001f4f0",
    "\u2014", "\u2013", "\u2019", "é", "ü", "ß", "Ж", "中", "\u05d0", "=?utf-8?q?x?=", "-- ",
    "(AP) --", "ZCZC", "NNNN", "^", "\x7f", "Müller, Hans", 'O"Neil', "dpa", "AP", "WASHINGTON", "End", "#",
)  # fmt: skip
"""Text the writers have to quote, escape or keep apart, drawn whole."""
SCHEMES = (
    "https://", "http://", "mailto:", "urn:", "ftp://", "tel:", "",
    "https://example.org/", "FIEG_Categories:",
)  # fmt: skip
LANGUAGES = ("en", "de", "en-US", "pt-BR", "zh-Hant-TW", "x-klingon", "i-default", "ar")


class Draw:
    """Values taken one after another from the fuzzer's bytes (zeros once they run out)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def byte(self) -> int:
        """The next byte, 0 after the end."""
        if self.at >= len(self.data):
            return 0
        self.at += 1
        return self.data[self.at - 1]

    def number(self, below: int) -> int:
        """A number in range(below), from two bytes."""
        return (self.byte() << 8 | self.byte()) % below

    def flag(self) -> bool:
        """True or False."""
        return self.byte() & 1 == 1

    def choice(self, options: tuple[Any, ...]) -> Any:
        """One of ``options``."""
        return options[self.byte() % len(options)]

    def text(self, limit: int = 40) -> str:
        """Text: raw bytes decoded as UTF-8 mixed with whole PIECES; control characters and
        lone surrogates (which the model refuses everywhere) become spaces."""
        parts: list[str] = []
        for _ in range(1 + self.byte() % 4):
            if self.flag():
                parts.append(self.choice(PIECES))
            else:
                size = self.byte() % limit
                raw = self.data[self.at : self.at + size]
                self.at += size
                parts.append(raw.decode("utf-8", "replace"))
        text = "".join(parts)
        cleaned = "".join(" " if ord(c) < 32 and c not in "\n\t" else c for c in text)
        return cleaned if cleaned.strip() else "x"

    def maybe_text(self, limit: int = 40) -> str | None:
        """Text or None."""
        return self.text(limit) if self.flag() else None

    def url(self) -> str | None:
        """None, or a scheme from SCHEMES followed by text."""
        return self.choice(SCHEMES) + self.text(20).replace(" ", "") if self.flag() else None

    def day_or_when(self) -> date | datetime | None:
        """A day without a time (one draw in four), else :meth:`when`."""
        if self.byte() % 4 == 0:
            return date(1 + self.number(9999), 1 + self.byte() % 12, 1 + self.byte() % 28)
        return self.when()

    def when(self) -> datetime | None:
        """None, or a time anywhere in years 1-9999: naive, UTC, or at any offset within a day."""
        kind = self.byte() % 6
        if kind == 0:
            return None
        if kind == 1:  # the extremes the writers overflowed on
            extreme: datetime = self.choice(
                (
                    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
                    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
                    datetime(1, 1, 1),  # noqa: DTZ001  (naive on purpose: a time printed without a zone)
                    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
                )
            )
            return extreme
        moment = datetime(  # noqa: DTZ001  (the zone is chosen below, or none)
            1 + self.number(9999), 1 + self.byte() % 12, 1 + self.byte() % 28,
            self.byte() % 24, self.byte() % 60, self.byte() % 60, self.choice((0, 0, 250000, 999999)),
        )  # fmt: skip
        if kind == 2:
            return moment
        if kind == 3:
            return moment.replace(tzinfo=UTC)
        return moment.replace(tzinfo=timezone(timedelta(minutes=self.number(2879) - 1439)))


def _made(cls: type[Any], **fields: Any) -> Any:
    """``cls(**fields)``, or None where the model refuses a value."""
    try:
        return cls(**fields)
    except ValidationError:
        return None


def _block(draw: Draw, runs: list[Run]) -> Any:
    """One body block of any kind (None where the model refuses what was drawn)."""
    some = runs[: 1 + draw.byte() % len(runs)]
    kind = draw.byte() % 8
    if kind == 1:
        return _made(Heading, runs=some, level=draw.choice((2, 3, 6)))
    if kind == 2:
        return _made(Quote, body=[Paragraph(runs=some)], attribution=draw.maybe_text())
    if kind == 3:
        return _made(ListBlock, items=[draw.text() for _ in range(1 + draw.byte() % 3)], ordered=draw.flag())
    if kind == 4:
        rows = [[draw.choice(("", " ", draw.text(12))) for _ in range(1 + draw.byte() % 3)] for _ in range(3)]
        return _made(Table, rows=rows, header_rows=draw.byte() % 2)
    if kind == 5:
        return _made(Preformatted, text=draw.text(60))
    if kind == 6:
        return _made(Figure, uri=draw.url(), caption=draw.maybe_text(), credit=draw.maybe_text())
    return _made(Paragraph, runs=some)


def _parts(draw: Draw) -> dict[str, Any]:
    """The story's nested values: bylines, source, provider, subjects, rights, body."""
    bylines = [
        _made(Byline, name=draw.text(), role=draw.choice(tuple(Role)), kind=draw.choice(tuple(BylineKind)),
              title=draw.maybe_text(), affiliation=draw.maybe_text())
        for _ in range(draw.byte() % 4)
    ]  # fmt: skip
    made = (
        _made(Run, text=draw.text(60), emphasis=draw.flag(), strong=draw.flag(), link=draw.url())
        for _ in range(1 + draw.byte() % 6)
    )
    runs = [run for run in made if run is not None] or [Run(text="x")]
    body = [_block(draw, runs) for _ in range(draw.byte() % 5)]
    return {
        "bylines": tuple(b for b in bylines if b is not None),
        "source": _made(Source, name=draw.maybe_text(), url=draw.url(), code=draw.maybe_text(8)),
        "provider": _made(Source, name=draw.maybe_text(), url=draw.url()) if draw.flag() else None,
        "subjects": tuple(
            s
            for s in (_made(Subject, code=draw.url(), name=draw.maybe_text()) for _ in range(draw.byte() % 3))
            if s is not None
        ),
        "rights": _made(Rights, notice=draw.maybe_text(), holder=draw.maybe_text(), license=draw.url())
        if draw.flag()
        else None,
        "body": tuple(p for p in body if p is not None),
    }


def story_from(data: bytes) -> Story | None:
    """A story spending ``data`` on its fields; fields the model refuses are left out
    (None only when even the headline alone is refused)."""
    draw = Draw(data)
    fields: dict[str, Any] = {"headline": draw.text(80) if draw.byte() % 5 else None}
    for name in ("subheadline", "summary", "dateline", "section", "genre", "slugline", "priority"):
        fields[name] = draw.maybe_text()
    for name in ("published", "updated"):
        fields[name] = draw.day_or_when()
    fields["embargoed"] = draw.when()
    fields.update(_parts(draw))
    fields["keywords"] = tuple(draw.text(15) for _ in range(draw.byte() % 4))
    fields["urgency"] = draw.choice((None, 1, 5, 9, 0, 10))
    fields["status"] = draw.choice(tuple(PubStatus))
    fields["language"] = draw.choice((None, *LANGUAGES))
    fields["url"] = draw.url()
    fields["guid"] = draw.choice(("urn:newsitem:1", "tag:example.org,2024:x", None, draw.text(20)))
    fields["version"] = draw.choice((1, 2, 99, 0))
    fields["extras"] = {f"x.{draw.text(6).replace(' ', '')}": draw.text() for _ in range(draw.byte() % 3)}
    for _ in range(len(fields)):
        try:
            return Story(**{key: value for key, value in fields.items() if value is not None})
        except ValidationError as error:
            refused = {
                problem.path.split(".")[1].split("[")[0] for problem in error.problems if "." in problem.path
            }
            if not refused & fields.keys() - {"headline"}:
                if fields.get("headline") is None:  # nothing to show: give it a headline once
                    fields["headline"] = "x"
                    continue
                return None
            for name in refused:
                fields.pop(name, None)
    return None
