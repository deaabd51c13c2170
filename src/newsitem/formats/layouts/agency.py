"""Plain agency copy: datelined text as agencies file it (AP, Reuters, AFP, dpa, AAP, Belga, CP).

The grammar (see the docs page ``formats/wire``)::

    [slug or version line]
    [HEADLINE]                     ("UPDATE 2-", "REFILE-" prefixes are split off; an
                                    alert has none: a slug or a BULLETIN mark is no headline)
    [By NAMES                      (people, or organisations: "By The Associated Press")
    [credit or title line]]
    [Updated|Published: time, date and zone]
    PLACE[, date] (AGENCY) — first paragraph
    paragraphs (blank-line blocks of soft-wrapped lines, or one line each; with blank
    lines, also the text blocks of layouts/_textblocks.py: ## subheads, > quotes,
    - lists, | pipe | tables |, fenced preformatted copy, Figure: lines)
    [___ contributor notes] [(Reporting by ...)] [desk initials] [© YEAR AGENCY] [MORE]

This layout is read-only: it has no framing of its own to write back.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import datetime, tzinfo

from newsitem import dates
from newsitem.errors import ParseError
from newsitem.formats._decode import decode as _decode
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _scanner
from newsitem.formats.layouts import _textblocks as _blocks
from newsitem.formats.layouts._draft import Draft as _Draft
from newsitem.formats.layouts._draft import run as _run
from newsitem.formats.layouts._scanner import Line as _Line
from newsitem.formats.layouts._scanner import split_lines as _split_lines
from newsitem.model import Block as _Block
from newsitem.model import ListBlock, Paragraph, Rights, Source, Story, Table

__all__ = ["loads", "sniff"]

_NAME = "agency-copy"

_SNIFF_LINES = 15
_STAMP = re.compile(
    r"(?i)(?P<label>updated|published|posted|first published)(?:\s*+:)?\s++(?P<when>[^\d\n]*+\d.*)"
)
"""A time stamp line. Possessive runs: ``\\s+`` giving back spaces for ``.*\\d.*`` to rescan
was quadratic in a long line of spaces."""
_CLOCK = re.compile(r"(?i)\b\d{1,2}[:.]\d\d\b")
_DOT_CLOCK = re.compile(r"\b(\d{1,2})\.(\d\d)\b(?!\.\d)")
_NUMBER_DATE = re.compile(r"(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4}|\d{2})\b")
_AMERICAN = frozenset(
    {"ET", "CT", "MT", "PT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST"}
)
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b")
_BY = re.compile(r"(?i)by\s+\S")
_SLUG = re.compile(
    r"(?:(?:BC|AP|AM|PM)-\S+|\S+--\S+|BULLETIN|URGENT|FLASH|ALERT|APNewsAlert|EILT|EIL|Eilmeldung|"
    r"[:*^<>=#\\].*|\S*[:^<]\S.*[:^<]\S.*|[A-Z0-9]{2,}-[^,\n]{1,60},\d{2,5})"
)
"""A line above the dateline that is a slug (``BC-US--Weather``, ``BC-Things to Know,364``), a
header code (``:POTTED :Eagle Farm MARKET DAY``, ``*9006< ^AP-Top``) or an alert's mark
(``BULLETIN``): never a headline. With no headline line above it, the story has none; the
lines are kept as the slug."""
_NO_YEAR = datetime(1, 1, 1)  # noqa: DTZ001 - dateutil's default: year 1 means none was printed
_NO_DAY = datetime(1, 1, 2)  # noqa: DTZ001 - and day 2 where day 1 was read tells a printed day from none


_FRAMED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]|\A\s*[{\[<]|(?:\A|[\r\n])[ \t]*(?:ZCZC|NNNN)\b")
"""What says another layout frames the text: control bytes (an IPTC 7901 or ANPA message,
damaged or not, a teleprinter's), ``ZCZC``/``NNNN`` teleprinter framing at a line's start
(after LF or a lone CR: old teleprinter files end their lines with CR only), JSON or markup."""


def sniff(text: str) -> tuple[float, str] | None:
    """Agency copy, on positive evidence only: a paragraph opening with a dateline that carries
    an agency's or press-release wire's tag (``CITY (AP) —``, Moscow's Cyrillic ``(TASS) -``,
    ``/PRNewswire/ --``), or a by line above a datelined paragraph. Text another layout frames
    (control bytes, ``ZCZC``...``NNNN``, JSON, markup) is never agency copy."""
    head = text[:20_000]
    if _FRAMED.search(head) is not None or _mail_headers(head) or _wire_header(head):
        return None
    bylined = None
    for line in _split_lines(head)[: _SNIFF_LINES * 3]:
        content = line.text.strip()
        if not content:
            continue
        lone = _wire.lone_dateline(content)
        if lone is not None:  # its tag is a known agency's or wire's
            return 0.6, f"line {line.number} is a press release's dateline ({content[:30]}...)"
        found = _datelined(content)
        if found is not None and len(content) > 40:
            if _wire.known_agency(found.agency):
                return 0.6, f"line {line.number} opens with a dateline and its agency tag ({content[:30]}...)"
            if bylined is not None:
                return 0.5, f"a by line (line {bylined}) above a datelined paragraph (line {line.number})"
            return None
        if bylined is None and _is_byline(content):
            bylined = line.number
    return None


_HEADER_FIELD = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9-]{0,40}):(?:[ \t]|$)|[ \t]\S|From \S")
_MAIL_FIELDS = frozenset(
    {"from", "to", "date", "subject", "message-id", "content-type", "mime-version", "received"}
)


def _mail_headers(head: str) -> bool:
    """Whether the text opens with an e-mail's header block (the e-mail layout's): every line up
    to the first blank one a header field, a folded line or an mbox ``From`` line, two of them
    fields every message has (From, Date, Subject...)."""
    known = 0
    for line in _split_lines(head[:8_000])[:60]:
        if not line.text.strip():
            break
        found = _HEADER_FIELD.match(line.text)
        if found is None:
            return False
        known += (found.group("name") or "").lower() in _MAIL_FIELDS
    return known >= 2


_WIRE_HEADER = re.compile(
    r"[A-Za-z]{2,4}\d{3,5} +\d +[A-Za-z]{1,3}\b.*"  # IPTC 7901: eca00075 3 pl 245
    r"|\+*[a-zA-Z]\d{4}[\w-]{0,10}$"  # ANPA: a1234asian, f0007-----
    r"|[a-z] [a-z] \S.*\b\d\d-\d\d +\d{4}\b.*"  # ANPA: r a BC-US--Ferry-Vote 11-05 0312
)
"""The header line of an IPTC 7901 or ANPA message that lost its control bytes."""


def _wire_header(head: str) -> bool:
    """Whether one of the first three lines is an IPTC 7901 or ANPA header line (a damaged
    message is that layout's, or nobody's: never agency copy because nothing else claimed it)."""
    lines = [line.text.strip() for line in _split_lines(head[:2_000])[:12] if line.text.strip()]
    return any(_WIRE_HEADER.fullmatch(line) for line in lines[:3])


def _is_byline(content: str) -> bool:
    """Whether a head line is a by line (``By``, ``Von``, ``Par``... and names)."""
    return (_BY.match(content) is not None and len(content) <= 120) or _wire.by_line(content) is not None


def _datelined(content: str) -> _wire.Dateline | None:
    """The dateline opening a line, or None (an editor's note label is none: ``EDITOR'S NOTE —``)."""
    if not content or _EDNOTE_LABEL.match(content):
        return None
    return _wire.find_dateline(content, tag_only=True)


def _error(message: str, line: _Line) -> ParseError:
    return _scanner.line_error(_NAME, message, line)


def _zone_of(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's ``tzinfos``: the zone names of :func:`newsitem.dates.zone_of_name`."""
    return None if name is None else dates.zone_of_name(name)


def _stamp_time(text: str, tz: str | tzinfo | None = None) -> tuple[datetime | None, str | None]:
    """The time a web copy's ``Updated``/``Published`` stamp gives, and a note on a guess.

    The stamp is free-form (``3:45 p.m. CST, Tue March 5, 2024``, ``03/05/2022 10:15
    AEST``): dateutil's parser reads it, with the wire's zone names as ``tzinfos``.
    Numeric dates are day-first (``03/05/2022`` is 3 May) unless the stamp's zone is
    North American (then month-first); an impossible reading is read the other way
    and that is returned as the note. A stamp without a year, day or time gives None.
    """
    if _CLOCK.search(text) is None:
        return None, None
    text = _DOT_CLOCK.sub(r"\1:\2", text)  # 12.30 BST: dateutil reads a dotted clock as a date
    first_zone = next(
        (word for word in re.findall(r"\b[A-Z]{1,5}\b", text) if dates.zone_of_name(word) is not None), None
    )
    month_first = first_zone in _AMERICAN
    from dateutil import parser as _dateutil  # here: detection never loads dateutil

    try:
        value = _dateutil.parse(
            text, dayfirst=not month_first, fuzzy=True, tzinfos=_zone_of, default=_NO_YEAR
        )
        if value.day == 1 and _dateutil.parse(text, fuzzy=True, tzinfos=_zone_of, default=_NO_DAY).day != 1:
            return None, None  # the day was dateutil's default: none was printed
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation on a clock's long fraction
        return None, None
    if value.year == 1:
        return None, None
    note = None
    numbers = _NUMBER_DATE.search(text)
    if numbers is not None and int(numbers.group("first" if month_first else "second")) > 12:
        order = "month" if month_first else "day"
        note = f"the numeric date {numbers.group()} cannot be {order}-first; read the other way"
    if value.tzinfo is not None:
        return dates.fixed_offset(value), note
    return dates.localize(value, tz), note


# --- reading: named rules over one state -------------------------------------------------------


class _State:
    """What the agency-copy rules share: the lines, where the dateline paragraph starts,
    the lines above it and the paragraphs below it."""

    __slots__ = ("credit", "draft", "head", "lines", "lone", "release", "start", "texts")

    def __init__(self, draft: _Draft, lines: list[_Line]) -> None:
        self.draft = draft
        self.lines = lines
        self.start = 0
        self.lone: _wire.Dateline | None = None
        """A dateline alone on its line above the first paragraph (a press release's)."""
        self.release = False
        """Whether the copy is a press release (a release marker above, or a wire's lone dateline)."""
        self.head: list[_Line] = []
        self.credit: str | None = None
        self.texts: list[str | _Block] = []


def _dateline_paragraph(state: _State) -> None:
    """The first line that opens with a dateline starts the story's text; the lines above are its head."""
    lines = state.lines
    if not any(line.text.strip() for line in lines):
        raise _error("empty input: expected a headline and a dateline paragraph", lines[0])
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if _wire.lone_dateline(line.text) or _datelined(line.text.strip())
        ),
        None,
    )
    if start is not None and (lone := _wire.lone_dateline(lines[start].text)) is not None:
        state.lone, state.release = lone, True
        state.head = [line for line in lines[:start] if line.text.strip()]
        state.start = start + 1
        return
    if start is None:
        raise _error(
            "no dateline paragraph (expected 'CITY (AP) — ...', 'LONDON, Dec 22 (Reuters) - ...' or similar)",
            next(line for line in lines if line.text.strip()),
        )
    state.start = start
    state.head = [line for line in lines[:start] if line.text.strip()]


def _byline(state: _State, index: int) -> int:
    """The ``By`` line at ``index`` and the title or credit line under it; the index after them."""
    head, draft = state.head, state.draft
    line = head[index]
    follow = head[index + 1].text.strip() if index + 1 < len(head) else ""
    title = None
    if follow and not _STAMP.fullmatch(follow) and _wire.is_title(follow):
        title = follow
        index += 1
    elif follow and not _STAMP.fullmatch(follow) and _wire.is_organisation(follow):
        state.credit = follow
        index += 1
    draft.line = line.number
    persons, organisation = _wire.credited(line.text.strip(), title=title)  # By The Associated Press
    draft.set("bylines", persons, line=line.number)
    places = _wire.places_text(_wire.byline_places(line.text))
    if places is not None:  # a Byline has no place: kept beside it (docs/formats/wire.md, By lines)
        draft.add_extra("byline-place", places, line=line.number)
    if organisation is not None:
        state.credit = state.credit or organisation
    return index + 1


def _head(state: _State) -> None:
    """Editor's note, slug, headline, ``By`` line with its title or credit, and an ``Updated:`` stamp."""
    draft = state.draft
    unclassified: list[_Line] = []
    stamp: tuple[_Line, re.Match[str]] | None = None
    _ednote(state)
    _release_preamble(state)
    index = 0
    while index < len(state.head):
        line = state.head[index]
        content = line.text.strip()
        found = _STAMP.fullmatch(content)
        by_line = unclassified or len(state.head) == 1  # alone, "By ..." is no headline either
        by = _BY.match(content) is not None or _wire.by_line(content) is not None  # Von A und B, dpa
        if by and not draft.fields.get("bylines") and by_line:
            index = _byline(state, index)
            continue
        if found is not None and unclassified:
            stamp = (line, found)
        else:
            unclassified.append(line)
        index += 1
    _credit_under_name(state, unclassified)
    if unclassified:
        _headline(draft, unclassified, wrapped=state.release)
    if stamp is not None:
        _stamp(draft, *stamp)


def _release_preamble(state: _State) -> None:
    """A press release's marker (``MEDIA RELEASE PR67276``) and the lines above it (``Source:
    ORGANISATION``) are its preamble, kept in extras (``release``, ``preamble``: the e-mail
    reader's names); the lines under it are the headline's."""
    head = state.head
    index = next((i for i, line in enumerate(head) if _wire.release_mark(line.text)), None)
    if index is None:
        return
    state.release = True
    for line in head[:index]:
        state.draft.add_extra("preamble", line.text.strip(), append=True, line=line.number)
    state.draft.add_extra("release", head[index].text.strip(), append=True, line=head[index].number)
    del head[: index + 1]


def _ednote(state: _State) -> None:
    """An editor's note above the story (``EDITOR'S NOTE — ...``, with its soft-wrapped lines up
    to a blank line) is the story's ``ednote``: neither headline nor slug."""
    head = state.head
    index = next((i for i, line in enumerate(head) if _EDNOTE_LABEL.match(line.text.strip())), None)
    if index is None:
        return
    end = index + 1
    while end < len(head) and head[end].number == head[end - 1].number + 1:
        end += 1
    note = _wire.ednote_of(_wire.join_wrapped(line.text for line in head[index:end]))
    if note is not None:
        state.draft.set("ednote", note, line=head[index].number)
        del head[index:end]


_EDNOTE_LABEL = re.compile(r"(?i)(?:editor['’]?s|eds?\.?)\s*note\b")


def _credit_under_name(state: _State, unclassified: list[_Line]) -> None:
    """A line that is only an agency's name (``Associated Press``, ``Reuters``) last above the
    dateline is a credit, never the headline: the source. A name line of two to four words
    right above it is a by line printed without ``By`` (``MARIA LOPEZ`` / ``Associated Press``)."""
    if not unclassified or state.draft.fields.get("bylines") or state.credit is not None:
        return
    credit = unclassified[-1]
    if not _wire.known_agency(credit.text.strip()):
        return
    state.credit = credit.text.strip()
    unclassified.pop()
    if not unclassified or unclassified[-1].number + 1 != credit.number:
        return
    name = unclassified[-1].text.strip()
    if 2 <= len(name.split()) <= 4 and _wire.is_name(name) and not _wire.is_organisation(name):
        state.draft.set("bylines", _wire.credited(name)[0], line=unclassified[-1].number)
        unclassified.pop()


def _headline(draft: _Draft, unclassified: list[_Line], *, wrapped: bool = False) -> None:
    """The last unclassified line is the headline (take prefix, version split off); lines above:
    the slug. A last line that is a slug or an alert's mark is no headline: all are the slug.
    A press release's (``wrapped``) headline is the last run of lines without a blank line
    between them: a long headline wrapped over lines, joined."""
    line = unclassified[-1]
    if _SLUG.fullmatch(line.text.strip()):
        draft.add_extra("slug", "\n".join(line.text.strip() for line in unclassified))
        return
    if len(line.text) <= _PROSE_LENGTH and _PROSE.fullmatch(
        line.text.strip()
    ):  # a promo or standfirst line: sentences, no headline
        draft.add_extra("head-text", "\n".join(line.text.strip() for line in unclassified), line=line.number)
        return
    first = len(unclassified) - 1
    while wrapped and first > 0 and unclassified[first - 1].number + 1 == unclassified[first].number:
        first -= 1
    line = unclassified[first]
    if first > 0:
        draft.add_extra("slug", "\n".join(line.text.strip() for line in unclassified[:first]))
    joined = _wire.join_wrapped(line.text for line in unclassified[first:])
    headline, prefix = _wire.split_prefix(" ".join(joined.split()))
    if prefix:
        draft.add_extra("prefix", prefix)
    headline, version = _wire.split_version(headline)
    if version:
        draft.add_extra("version", version)
    draft.set("headline", headline, line=line.number, column=len(line.text) - len(line.text.lstrip()) + 1)


_PROSE_LENGTH = 400
_PROSE = re.compile(r".{10,}?[.!?][\"”’]? +[A-Z\"“].*[.!]")
"""A head line of two sentences or more that ends with a full stop (``Are you in the storm?
Please share your videos at iReport.``): text over the story, never its headline."""


def _stamp(draft: _Draft, line: _Line, found: re.Match[str]) -> None:
    """``Updated: ...`` is kept as printed and read as ``published``; a wrong weekday is a note."""
    draft.add_extra("stamp", line.text.strip(), line=line.number)
    published, note = _stamp_time(found.group("when"), draft.tz)
    draft.set("published", published, line=line.number)
    if note:
        draft.note("date-guessed", note, line=line.number)
    weekday = _WEEKDAY.search(found.group("when"))
    if weekday is None or published is None:
        return
    mismatch = dates.weekday_mismatch(weekday.group(), published)
    if mismatch:
        column = line.text.index(found.group("when")) + weekday.start() + 1
        draft.note("date-mismatch", mismatch, line=line.number, column=column)


def _units(lines: list[str]) -> list[str | _Block]:
    """The body: without a blank line between its lines, a paragraph per line (runs of agate
    lines a table); else its blank-line blocks, each the text block it says (a heading, a
    list...), a table of agate or results columns, or paragraphs of soft-wrapped lines
    (:func:`~._conventions.split_block`)."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    if not content or content[-1] - content[0] + 1 == len(content):
        return _agate_runs([lines[index] for index in content])
    units: list[str | _Block] = []
    for segment in _blocks.segments(lines):
        said = _blocks.recognise(segment)
        rows = None if said is not None or segment.fenced else _wire.columns(segment.lines)
        if said is not None:
            units.append(said)
        elif rows is not None:
            units.append(Table(rows=rows))
        elif (bulleted := _bullets(segment.lines)) is not None:
            units.extend(bulleted)
        else:
            for block in _indented(segment.lines):
                units.extend(_wire.join_wrapped(part) for part in _wire.split_block(block))
    return units


_BULLET = re.compile(r"\s*[•▪●]\s+(?P<item>\S.*)")


def _bullets(lines: list[str]) -> list[str | _Block] | None:
    """A block of ``•`` bullet lines (under a label line, ``Key Highlights``) as a list, or None.
    An item's soft-wrapped lines (not opening with a bullet) join it."""
    label = [] if _BULLET.fullmatch(lines[0]) else [_wire.join_wrapped(lines[:1])]
    items: list[list[str]] = []
    for line in lines[len(label) :]:
        found = _BULLET.fullmatch(line)
        if found is not None:
            items.append([found.group("item")])
        elif items:
            items[-1].append(line)
        else:
            return None
    if len(items) < 2:  # one bullet is a paragraph's mark, not a list
        return None
    return [*label, ListBlock(items=[_wire.join_wrapped(item) for item in items])]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _indented(block: list[str]) -> list[list[str]]:
    """A block whose paragraphs open with an indented line and run on without blank lines
    (press releases: ``    Four engineers...``) as those paragraphs: a line indented under
    one that is not opens a paragraph, when two lines or more of the block are so indented."""
    starts = [i for i in range(1, len(block)) if _indent(block[i]) > 0 and _indent(block[i - 1]) == 0]
    if len(starts) + (_indent(block[0]) > 0) < 2:
        return [block]
    bounds = [0, *starts, len(block)]
    return [block[a:b] for a, b in itertools.pairwise(bounds) if a < b]


def _agate_runs(lines: list[str]) -> list[str | _Block]:
    """One line a paragraph, but a run of two lines or more in columns is a table (each line
    split once: the longest run of lines with cells, then :func:`~._conventions.columns` on it)."""
    units: list[str | _Block] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _wire.cells(lines[end]) is not None:
            end += 1
        rows = _wire.columns(lines[index:end]) if end - index >= 2 else None
        if rows is not None:
            units.append(Table(rows=rows))
        else:
            units.extend(lines[index : max(end, index + 1)])
        index = max(end, index + 1)
    return units


def _paragraphs(state: _State) -> None:
    """Blank-line blocks of soft-wrapped lines (or one line each) and text blocks; the first
    opens with the dateline."""
    texts = _units([line.text for line in state.lines[state.start :]])
    found = state.lone
    number = state.lines[state.start - (found is not None)].number
    if found is not None:
        _record_dateline(state.draft, found, number)
    elif texts and isinstance(texts[0], str):  # (a dateline line read as a block, a list item, keeps it)
        found = _wire.find_dateline(texts[0], tag_only=True)
        if found is not None:
            _record_dateline(state.draft, found, number)
            texts[0] = texts[0][found.end :]
    if state.credit is None and found is not None:
        state.credit = found.agency
    day = _wire.dateline_day(found.date) if found is not None else None
    if day is not None and "published" not in state.draft.fields:  # printed with its year only
        state.draft.set("published", day, line=number)
    state.texts = texts


def _record_dateline(draft: _Draft, found: _wire.Dateline, line: int) -> None:
    """Set ``dateline`` (a tag printed without a place, ``(CNN) --``, sets none) and keep the
    tag and date as printed in ``dateline-agency`` and ``dateline-date``."""
    if found.place:
        draft.set("dateline", found.place, line=line)
    if found.agency:
        draft.add_extra("dateline-agency", found.agency, line=line)
    if found.date:
        draft.add_extra("dateline-date", found.date, line=line)


def _end_matter(state: _State) -> None:
    """Rights, desk initials and an end mark close the text; notes follow a ``___``. Agency end
    notes (``X contributed to this report.``, ``(Reporting by ...; Editing by ...)``) are story
    text: they stay the body's last paragraphs, after a ``___`` too."""
    texts, draft = state.texts, state.draft
    if state.release:
        _release_end(state)
        _standfirst(state)
    found: list[tuple[str, str]] = []
    while len(texts) > 1:
        last = texts[-1]
        kind = _wire.end_matter_kind(last) if isinstance(last, str) else None
        if kind is None or kind == "reporting" or not isinstance(last, str):
            break
        found.append((kind, last))
        texts.pop()
    _notes_after_separator(state)
    for kind, text in reversed(found):  # in input order; the first of a kind is kept
        if kind == "rights" and "rights" not in draft.fields:
            holder = re.sub(r"^(?:©|\([Cc]\)|Copyright)\s*\d{0,4}\s*", "", text).strip() or None
            draft.set("rights", Rights(notice=text, holder=holder))
        elif kind in _END_KEYS and draft.get_extra(_END_KEYS[kind]) is None:
            draft.add_extra(_END_KEYS[kind], text)
    draft.set(
        "body",
        [
            Paragraph.plain(t) if isinstance(t, str) else t
            for t in texts
            if not isinstance(t, str) or t.strip()
        ],
    )
    if state.credit is not None:
        draft.set("source", Source(name=state.credit))


_RELEASE_SOURCE = re.compile(r"(?i)source:?\s+\S.{0,100}")
_MEDIA_LINK = re.compile(
    r"(?i)\(?(?:logo|photo|video|image|multimedia)\s*\d*\s*(?:[-:–]\s*)+https?://\S+?\s*\)?"
)
_CONTACT = re.compile(
    r"(?i)(?:(?:media|press|news|investor(?: relations)?|public)\s+)?"
    r"(?:contacts?|enquiries|inquiries)(?:\s+information)?\s*(?::.*)?"
)
_CONTACT_UNITS = 12
"""The most paragraphs (lines of a contact card) a release's closing contact block holds."""
_CONTACT_WIDTH = 120
_CARD_WORDS = 8


def _release_end(state: _State) -> None:
    """A press release's closing matter leaves the body for extras, as the e-mail reader keeps
    it: the wire's ``SOURCE ORGANISATION`` line (``release-source``), logo and photo links
    (``media``) and the contact block from its label (``Contact:``, ``Investor relations
    contact:``) to the end (``contact``); ``###`` is the end mark."""
    texts, draft = state.texts, state.draft
    headline = draft.fields.get("headline")
    if len(texts) > 1 and isinstance(texts[0], str) and headline and " ".join(texts[0].split()) == headline:
        del texts[0]  # the headline repeated under the dateline
    inner = texts[1:-1]  # logo and photo links between paragraphs: media, never text
    links = [t for t in inner if isinstance(t, str) and _MEDIA_LINK.fullmatch(t)]
    if links:  # (the first and last paragraphs stay: the loop below reads the last)
        draft.add_extra("media", "\n".join(links))
        taken = {id(link) for link in links}
        texts[1:-1] = [t for t in inner if id(t) not in taken]
    while len(texts) > 1:
        last = texts[-1]
        if not isinstance(last, str):
            return
        if _RELEASE_SOURCE.fullmatch(last) and draft.get_extra("release-source") is None:
            draft.add_extra("release-source", last.strip())
        elif _MEDIA_LINK.fullmatch(last):
            before = draft.get_extra("media")
            draft.add_extra("media", last if before is None else f"{last}\n{before}")
        elif _wire.end_matter_kind(last) == "end" and draft.get_extra("end") is None:
            draft.add_extra("end", last)
        elif not _contact_block(state):
            return
        else:
            continue
        texts.pop()


_DASHED = re.compile(r"(?:--?|–|—)\s+(?P<text>\S.*)")


def _standfirst(state: _State) -> None:
    """A release's first paragraphs that open with a dash (``-- Company continues strong
    growth``, ``- New Appointment Helps...``) are its subheadline: one is the ``subheadline``,
    several a list opening the body."""
    texts = state.texts
    first = texts[0] if len(texts) > 1 else None
    if isinstance(first, ListBlock) and not first.ordered and len(first.items) == 1:  # "- text" alone
        state.draft.set("subheadline", first.items[0].text)
        del texts[0]
        return
    items: list[str] = []
    for text in texts[:-1]:
        found = _DASHED.fullmatch(text) if isinstance(text, str) else None
        if found is None:
            break
        items.append(found.group("text"))
    count = len(items)
    if count == 0:
        return
    if count == 1:
        state.draft.set("subheadline", items[0])
        del texts[0]
    else:
        texts[:count] = [ListBlock(items=items)]


def _card_line(text: str) -> bool:
    """Whether a paragraph may be a line of a contact card: short, and a few words or an
    address or number (a sentence about the company is none)."""
    return len(text) <= _CONTACT_WIDTH and (
        len(text.split()) <= _CARD_WORDS or "@" in text or any(c.isdigit() for c in text)
    )


def _contact_block(state: _State) -> bool:
    """Move a closing contact block (its label and the short lines after it) to ``contact``."""
    texts = state.texts
    tail = range(max(1, len(texts) - _CONTACT_UNITS), len(texts))
    short = [i for i in tail if isinstance(texts[i], str) and _card_line(str(texts[i]))]
    start = next((i for i in reversed(short) if _CONTACT.fullmatch(str(texts[i]))), None)
    if start is None or any(i not in short for i in range(start, len(texts))):
        return False
    lines = [str(t) for t in texts[start:]]
    before = state.draft.get_extra("contact")
    state.draft.add_extra("contact", "\n".join(lines if before is None else [*lines, before]))
    del texts[start:]
    return True


def _notes_after_separator(state: _State) -> None:
    """What follows the last ``___`` line (and earlier ones that only set off end notes): its
    end notes stay in the body, in order; the rest (links, follow-us lines) is kept in the
    ``end-notes`` extra; the separators go."""
    texts = state.texts
    marks = [i for i, t in enumerate(texts) if i and isinstance(t, str) and _wire.is_separator(t)]
    if not marks:
        return
    start = marks.pop()
    while marks and all(_end_note_or_separator(t) for t in texts[marks[-1] + 1 : start]):
        start = marks.pop()
    after = [t for t in texts[start + 1 :] if not (isinstance(t, str) and _wire.is_separator(t))]
    kept = [t for t in after if isinstance(t, str) and _wire.end_note_kind(t) is not None]
    notes = [t if isinstance(t, str) else t.text for t in after if not any(t is k for k in kept)]
    if notes:
        state.draft.add_extra("end-notes", "\n".join(notes))
    texts[start:] = kept


def _end_note_or_separator(text: str | _Block) -> bool:
    """Whether a paragraph between two ``___`` lines is an end note (or another separator)."""
    return isinstance(text, str) and (_wire.is_separator(text) or _wire.end_note_kind(text) is not None)


_END_KEYS = {"initials": "initials", "end": "end"}
_RULES: tuple[Callable[[_State], None], ...] = (_dateline_paragraph, _head, _paragraphs, _end_matter)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one story of plain agency copy.

    Args:
        data: Text, or bytes (UTF-8, else Windows-1252, else ISO-8859-1, the
            fallback a ``charset-guessed`` note).
        tz: The zone of a stamp printed without one; without it the time stays naive.

    Raises:
        ParseError: no dateline paragraph. (Nothing above it is no error: the
            story has no headline, as an alert has none; none is made up.)
        ValidationError: a value the model refuses, located at its line.
    """
    text, charset = _decode(data, layout=_NAME)
    draft = _Draft(_NAME, text, tz=tz)
    draft.charset(charset)
    return _run(_RULES, _State(draft, _split_lines(text)))
