"""Plain agency copy: datelined text as agencies file it (AP, Reuters, AFP, dpa, AAP, Belga, CP).

The grammar (see the docs page ``formats/agency-copy``)::

    [slug or version line]
    HEADLINE                       ("UPDATE 2-", "REFILE-" prefixes are split off)
    [By NAMES
    [credit or title line]]
    [Updated|Published: time, date and zone]
    PLACE[, date] (AGENCY) — first paragraph
    paragraphs (blank-line blocks of soft-wrapped lines, or one line each)
    [___ contributor notes] [(Reporting by ...)] [desk initials] [© YEAR AGENCY] [MORE]

This layout is read-only: it has no framing of its own to write back.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from newsitem import dates
from newsitem.errors import ParseError, ValidationError
from newsitem.formats._decode import Line, decode, split_lines
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Byline, Paragraph, Rights, Source, Story

__all__ = ["loads", "sniff"]

NAME = "agency-copy"

_SNIFF_LINES = 15
_STAMP = re.compile(r"(?i)(?P<label>updated|published|posted|first published)\s*:?\s+(?P<when>.*\d.*)")
_CLOCK = re.compile(r"(?i)(?P<hour>\d{1,2})[:.](?P<minute>\d\d)\s*(?:(?P<ampm>[ap])\.?\s?m\.?)?")
_ZONE = re.compile(r"\b(?P<zone>[A-Z]{1,5})\b")
_WORD_DATE = re.compile(
    r"(?:(?P<month1>[A-Za-z]{3,9})\.? (?P<day1>\d{1,2}),? (?P<year1>\d{4})|"
    r"(?P<day2>\d{1,2}) (?P<month2>[A-Za-z]{3,9})\.?,? (?P<year2>\d{4}))"
)
_NUMBER_DATE = re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_AMERICAN = frozenset(
    {"ET", "CT", "MT", "PT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST"}
)
_BY = re.compile(r"(?i)by\s+\S")


def sniff(text: str) -> tuple[float, str] | None:
    """A dateline (``CITY (AP) —``, ``LONDON, Dec 22 (Reuters) -``...) opening one of the first lines."""
    for line in split_lines(text[:20_000])[: _SNIFF_LINES * 3]:
        content = line.text.strip()
        if content and _wire.find_dateline(content) is not None and len(content) > 40:
            return 0.6, f"line {line.number} opens with a dateline ({content[:30]}...)"
    return None


def _error(message: str, line: Line) -> ParseError:
    return ParseError(message, format=NAME, line=line.number, column=1, excerpt=line.text[:80])


def stamp_time(text: str, tz: str | tzinfo | None = None) -> tuple[datetime | None, str | None]:
    """The time a web copy's ``Updated``/``Published`` stamp gives, and a warning.

    Numeric dates are day-first (``03/05/2022`` is 3 May) unless the stamp's
    zone is North American (then month-first); an impossible reading is
    swapped and the swap returned as a warning. A stamp without a year, day or
    time gives None.
    """
    zone_name = next((z.group() for z in _ZONE.finditer(text) if z.group() in dates.ZONE_ABBREVIATIONS), None)
    clock = _CLOCK.search(text)
    words = _WORD_DATE.search(text)
    numbers = _NUMBER_DATE.search(text)
    warning = None
    if clock is None or (words is None and numbers is None):
        return None, None
    if words is not None:
        month = dates.month_number(words.group("month1") or words.group("month2") or "")
        day = int(words.group("day1") or words.group("day2"))
        year = int(words.group("year1") or words.group("year2"))
        if month is None:
            return None, None
    else:
        assert numbers is not None
        first, second = int(numbers.group("first")), int(numbers.group("second"))
        year = dates.full_year(numbers.group("year"))
        month_first = zone_name in _AMERICAN
        month, day = (first, second) if month_first else (second, first)
        if month > 12 >= day:
            month, day = day, month
            order = "month" if month_first else "day"
            warning = f"the numeric date {numbers.group()} cannot be {order}-first; read the other way"
    hour = int(clock.group("hour"))
    try:
        if clock.group("ampm"):
            hour = dates.hour_of_day(hour, clock.group("ampm"))
        naive = datetime(year, month, day, hour, int(clock.group("minute")))  # noqa: DTZ001 - zone applied below
    except ValueError:
        return None, None
    return dates.in_printed_zone(naive, zone_name, tz)[0], warning


def _story(text: str, tz: str | tzinfo | None, extras: dict[str, str]) -> Story:  # noqa: PLR0915 - one pass
    lines = split_lines(text)
    if not any(line.text.strip() for line in lines):
        raise _error("empty input: expected a headline and a dateline paragraph", lines[0])
    start = None
    for index, line in enumerate(lines):
        content = line.text.strip()
        if content and _wire.find_dateline(content) is not None:
            start = index
            break
    if start is None:
        raise _error(
            "no dateline paragraph (expected 'CITY (AP) — ...', 'LONDON, Dec 22 (Reuters) - ...' or similar)",
            next(line for line in lines if line.text.strip()),
        )
    head = [line for line in lines[:start] if line.text.strip()]
    if not head:
        raise _error("no headline above the dateline paragraph", lines[start])
    bylines: list[Byline] = []
    credit = None
    published: datetime | None = None
    unclassified: list[str] = []
    index = 0
    while index < len(head):
        content = head[index].text.strip()
        stamp = _STAMP.fullmatch(content)
        if _BY.match(content) and not bylines and unclassified:
            title = None
            follow = head[index + 1].text.strip() if index + 1 < len(head) else ""
            if follow and _wire.is_title(follow) and not _STAMP.fullmatch(follow):
                title = follow
                index += 1
            elif follow and _wire.is_organisation(follow) and not _STAMP.fullmatch(follow):
                credit = follow
                index += 1
            persons, organisation = _wire.bylines_of(content, title=title)
            bylines = persons
            if organisation is not None:
                credit = credit or organisation
        elif stamp is not None and unclassified:
            extras[f"{NAME}.stamp"] = content
            published, warning = stamp_time(stamp.group("when"), tz)
            if warning:
                extras[f"{NAME}.warning"] = warning
        else:
            unclassified.append(content)
        index += 1
    if not unclassified:
        raise _error("no headline above the byline and dateline", head[0])
    headline = unclassified[-1]
    if len(unclassified) > 1:
        extras[f"{NAME}.slug"] = "\n".join(unclassified[:-1])
    headline, prefix = _wire.split_prefix(" ".join(headline.split()))
    if prefix:
        extras[f"{NAME}.prefix"] = prefix
    headline, version = _wire.split_version(headline)
    if version:
        extras[f"{NAME}.version"] = version

    blocks = _wire.blocks_of([line.text for line in lines[start:]])
    texts = [_wire.join_wrapped(block) for block in blocks]
    found = _wire.find_dateline(texts[0])
    assert found is not None
    texts[0] = texts[0][found.end :]
    if found.agency:
        extras[f"{NAME}.dateline-agency"] = found.agency
    if found.date:
        extras[f"{NAME}.dateline-date"] = found.date
    rights = None
    notes: list[str] = []
    while len(texts) > 1:
        kind = _wire.end_matter_kind(texts[-1])
        if kind is None:
            break
        last = texts.pop()
        if kind == "rights":
            holder = re.sub(r"^(?:©|\([Cc]\)|Copyright)\s*\d{0,4}\s*", "", last).strip() or None
            rights = Rights(notice=last, holder=holder)
        elif kind == "reporting":
            extras[f"{NAME}.credits"] = last
        elif kind == "initials":
            extras[f"{NAME}.initials"] = last
        elif kind == "end":
            extras[f"{NAME}.end"] = last
    # Contributor notes after a ___ separator.
    for index in range(len(texts) - 1, 0, -1):
        if _wire.is_separator(texts[index]):
            notes = texts[index + 1 :]
            texts = texts[:index]
            break
    if notes:
        extras[f"{NAME}.end-notes"] = "\n".join(notes)
    source_name = credit or found.agency
    return Story(
        headline=headline,
        bylines=bylines,
        source=None if source_name is None else Source(name=source_name),
        published=published,
        dateline=found.place,
        rights=rights,
        body=[Paragraph.plain(t) for t in texts if t.strip()],
        extras=sorted(extras.items()),
    )


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one story of plain agency copy.

    Args:
        data: Text, or bytes (UTF-8, else Windows-1252, else ISO-8859-1, the
            fallback recorded in ``extras["agency-copy.charset"]``).
        tz: The zone of a stamp printed without one; without it the time stays naive.

    Raises:
        ParseError: no dateline paragraph, or no headline above it.
    """
    text, charset = decode(data, layout=NAME)
    extras: dict[str, str] = {}
    if charset:
        extras[f"{NAME}.charset"] = charset
    try:
        return _story(text, tz, extras)
    except ValidationError as exc:
        raise ParseError(f"the story does not fit the model: {exc}", format=NAME) from None
