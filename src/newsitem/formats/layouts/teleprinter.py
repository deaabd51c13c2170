"""Teleprinter copy: messages framed ``ZCZC`` ... ``NNNN``, as AAP and other agencies still send it.

The grammar (see the docs page ``formats/teleprinter``)::

    [noise]                           line noise or padding before the first ZCZC: skipped, noted
    ZCZC [header]                     start of message, at the start of a line
    header                            CHANNEL+SEQUENCE PRIORITY CATEGORY [KEYWORD] [WORDS]
    {take marker} [EDS: note]         URGENT, CORRECTION, NEW LEAD...; the editor's note
    headline [By line]                the title block, ended by a blank line
    body                              blank-line paragraphs; the first opens with the dateline
    [MORE | end lines] [DTG]          MORE: the next message is the next take; ENDS, AAP ab/cd
    NNNN                              end of message

A message whose last line is ``MORE`` continues in the next message (its take line,
``TAKE 2``, ``2ND TAKE``, ``ADD``, is dropped): the takes are one story. A message
without ``NNNN`` (the input ends, or the next ``ZCZC`` comes first) is read to there
with a note: the end-of-message signal was lost, the copy may be incomplete.
"""

from __future__ import annotations

import re
import textwrap
import typing
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo

from newsitem import dates, notes
from newsitem.errors import ParseError, SerializeError
from newsitem.formats import _contract, _decode, _lenient
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _draft, _scanner, _textblocks
from newsitem.model import (
    Byline,
    BylineKind,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Role,
    Source,
    Story,
    Table,
)

if typing.TYPE_CHECKING:
    from newsitem.model import Block
    from newsitem.notes import Part

__all__ = ["carried", "dumps", "loads", "loads_all", "sniff"]

_NAME = "teleprinter"

_CONTROLS = {code: None for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)}
"""Control characters of the line (padding, DEL, SYN, bell): telex noise, never text (TAB stays)."""
_CR = re.compile(r"\r+\n?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_START = re.compile(r"ZCZC(?:[ \t]+(?P<rest>.*))?")
_END = "NNNN"
_HEADER = re.compile(
    r"(?P<channel>[A-Za-z]{1,4})(?P<sequence>\d{2,5}) +(?P<priority>[FBURDAfburda]) +"
    r"(?P<category>[A-Za-z]{1,3})(?: +(?P<keyword>(?!\d+(?: |$))\S{1,40}))?(?: +(?P<words>\d{1,6}))?"
)
_PRIORITIES = {"F": 1, "B": 2, "U": 3, "R": 5, "D": 6, "A": 7}
"""Flash, bulletin, urgent, routine, deferred, advance: the urgency (1-9) each letter gives."""
_MARKERS = re.compile(
    r"(?i)(?:URGENT|FLASH|BULLETIN|ALERT|CORRECTION|CORRECTED|CORRECTS|REFILE|REPEAT|NEW LEAD|"
    r"\d+(?:ST|ND|RD|TH) LEAD|UPDATE(?: \d+)?|ADVISORY|EMBARGOED|WITHDRAWN|KILL)"
)
_EDS = re.compile(r"(?i)EDS?:\s*(?P<note>\S.*)")
_MORE = re.compile(r"(?i)\(?-*MORE(?: TO COME| FOLLOWS)?-*\)?")
_TAKE = re.compile(r"(?i)(?:TAKE \d+|\d+(?:ST|ND|RD|TH) TAKE|ADD(?: \d+)?|\d+(?:ST|ND|RD|TH) ADD)")
_DTG = re.compile(
    r"(?P<day>\d\d)(?P<hour>\d\d)(?P<minute>\d\d) (?P<zone>[A-Z]{2,5}) (?P<month>[A-Za-z]{3}) (?P<year>\d\d)"
)
_REACH = 4000
"""How far into the input the sniffer looks for ZCZC (padding and noise may come first)."""


# --- framing ---------------------------------------------------------------------------------


class _Message(typing.NamedTuple):
    """One ZCZC ... NNNN message: its ZCZC line, the header on it (if any) and its lines."""

    start: _scanner.Line
    header: str | None
    lines: list[_scanner.Line]
    ended: bool


def _clean(text: str) -> str:
    return text.translate(_CONTROLS).rstrip()


def _frame(text: str) -> tuple[list[_Message], list[notes.Note]]:
    """The messages of ``text``, and notes on what lies outside them (noise, a lost NNNN).

    Raises:
        ParseError: no line of the input opens with ZCZC.
    """
    messages: list[_Message] = []
    found: list[notes.Note] = []
    current: tuple[_scanner.Line, str | None, list[_scanner.Line]] | None = None
    outside: list[_scanner.Line] = []
    if "\r" in text:  # CR LF, the teleprinter's CR CR LF and a lone CR each end one line
        text = _CR.sub("\n", text)
    if _CONTROL.search(text) is not None:
        text = text.translate(_CONTROLS)
    for number, raw in enumerate(text.split("\n"), 1):
        bare = raw.rstrip()  # framing starts at column 1: an indented ZCZC or NNNN is text
        line = _scanner.Line(number, bare)
        start = _START.fullmatch(bare) if bare.startswith("ZCZC") else None
        if start is not None:
            if current is not None:
                messages.append(_Message(current[0], current[1], current[2], False))
                found.append(_lost_end(current[0], line.number))
            _outside(outside, found)
            outside = []
            current = (line, (start.group("rest") or "").strip() or None, [])
        elif bare == _END and current is not None:
            messages.append(_Message(current[0], current[1], current[2], True))
            current = None
        elif current is not None:
            current[2].append(line)
        else:
            outside.append(line)
    if current is not None:
        messages.append(_Message(current[0], current[1], current[2], False))
        found.append(_lost_end(current[0], None))
    if not messages:
        raise ParseError(
            "no ZCZC start-of-message line: this is not teleprinter copy", format=_NAME, line=1, column=1
        )
    _outside(outside, found)
    return messages, found


def _lost_end(start: _scanner.Line, next_start: int | None) -> notes.Note:
    where = "the input ends" if next_start is None else f"line {next_start} starts the next message"
    return notes.Note(
        code="unreadable",
        message=f"the message of line {start.number} has no NNNN end-of-message line ({where});"
        " read to there: the copy may be incomplete",
        format=_NAME,
        line=start.number,
    )


def _outside(lines: list[_scanner.Line], found: list[notes.Note]) -> None:
    """A note for text outside every message (line noise, padding), which is skipped."""
    visible = [line for line in lines if line.text.strip()]
    if visible:
        found.append(
            notes.Note(
                code="unreadable",
                message=f"{len(visible)} line(s) of noise outside ZCZC ... NNNN skipped",
                format=_NAME,
                line=visible[0].number,
            )
        )


def _continues(message: _Message) -> bool:
    """Whether the message's last line is MORE: its story goes on in the next message."""
    last = next((line.text.lstrip("\t") for line in reversed(message.lines) if line.text.strip()), "")
    return not _set_off(last) and _MORE.fullmatch(last.lstrip()) is not None


def _set_off(line: str) -> bool:
    """Whether ``line`` is set off by one space: text as it stands, never a marker, By line or end
    line (the writer sets off so a line its reader would take for one)."""
    return line.startswith(" ") and not line.startswith("  ")


def _stories(messages: list[_Message]) -> list[list[_Message]]:
    """The messages grouped into stories: a message after one ending in MORE is its next take."""
    out: list[list[_Message]] = []
    for message in messages:
        if out and _continues(out[-1][-1]):
            out[-1].append(message)
        else:
            out.append([message])
    return out


def sniff(text: str) -> tuple[float, str] | None:
    """Teleprinter copy: a line ``ZCZC`` (noise before it allowed) and a teleprinter header line."""
    head = text[:_REACH]
    for raw in head.split("\n")[:60]:
        start = _START.fullmatch(_clean(raw))
        if start is None:
            continue
        rest = start.group("rest")
        after = head[head.find(raw) + len(raw) + 1 :]
        header = rest if rest else next((_clean(line) for line in after.split("\n") if line.strip()), "")
        if _HEADER.fullmatch(header.strip()):
            return (
                0.97,
                "a ZCZC start-of-message line and a teleprinter header (channel+sequence, priority, ...)",
            )
        return 0.6, "a ZCZC start-of-message line (its header line is not a teleprinter header)"
    return None


# --- reading: named rules over one state ----------------------------------------------------


class _State:
    """What the rules share: the story's messages, the lines of the title block and the body."""

    def __init__(self, draft: _draft.Draft, messages: list[_Message]) -> None:
        self.draft = draft
        self.messages = messages
        self.lines: list[_scanner.Line] = []
        self.body: list[_scanner.Line] = []


def _error(draft: _draft.Draft, message: str, line: int) -> ParseError:
    return draft.error(message, line=line)


def _header_of(draft: _draft.Draft, message: _Message) -> tuple[re.Match[str], int, list[_scanner.Line]]:
    """The header of a message (on the ZCZC line or the next non-blank one), its line, the lines after it."""
    lines = message.lines
    if message.header is not None:
        text, number, rest = message.header, message.start.number, lines
    else:
        index = next((i for i, line in enumerate(lines) if line.text.strip()), None)
        if index is None:
            raise _error(draft, "no header line after ZCZC: the message is empty", message.start.number)
        text, number, rest = lines[index].text.strip(), lines[index].number, lines[index + 1 :]
    header = _HEADER.fullmatch(text)
    if header is None:
        raise _error(
            draft,
            "the header line is not 'channel+sequence priority category [keyword] [word-count]'"
            " (as in 'SYA0042 U G BUDGET 412')",
            number,
        )
    return header, number, rest


def _header(state: _State) -> None:
    """Channel and sequence number, priority letter, category, keyword (the slugline), word count."""
    draft = state.draft
    header, line, rest = _header_of(draft, state.messages[0])
    draft.add_extra("channel", header.group("channel"), line=line)
    draft.add_extra("sequence", header.group("sequence"), line=line)
    priority = header.group("priority")
    draft.set("priority", priority, line=line)
    draft.set("urgency", _PRIORITIES[priority.upper()], line=line)
    draft.set("section", header.group("category"), line=line)
    if header.group("keyword"):
        draft.set("slugline", header.group("keyword"), line=line)
    if header.group("words"):
        draft.add_extra("word-count", header.group("words"), line=line)
    state.lines = rest


def _later_takes(state: _State) -> None:
    """The lines of the takes after the first: header and take line dropped, a blank line between."""
    draft = state.draft
    lines = list(state.lines)
    for message in state.messages[1:]:
        _header_found, _line, rest = _header_of(draft, message)
        index = next((i for i, line in enumerate(rest) if line.text.strip()), len(rest))
        if index < len(rest) and _TAKE.fullmatch(rest[index].text.strip()):
            rest = rest[index + 1 :]
        lines = _without_more(lines)
        lines.append(_scanner.Line(message.start.number, ""))
        lines.extend(rest)
    state.lines = lines


def _without_more(lines: list[_scanner.Line]) -> list[_scanner.Line]:
    out = list(lines)
    while out and not out[-1].text.strip():
        out.pop()
    if out and _end_like(out[-1].text) and _MORE.fullmatch(out[-1].text.strip()):
        out.pop()
    return out


def _title(state: _State) -> None:
    """The title block up to the first blank line: take markers, ``EDS:``, the headline, the By line.

    A block that opens with a dateline is the body: the story has no headline. A line
    indented by a space is text as it stands (the writer sets off a headline that would
    read as a marker, a By line or a dateline so)."""
    draft, lines = state.draft, state.lines
    start = next((i for i, line in enumerate(lines) if line.text.strip()), len(lines))
    end = next((i for i in range(start, len(lines)) if not lines[i].text.strip()), len(lines))
    block = list(lines[start:end])
    markers: list[str] = []
    while block and not _set_off(block[0].text) and _MARKERS.fullmatch(block[0].text.strip()):
        markers.append(block.pop(0).text.strip())
    note = _ednote(block[0].text) if block else None
    if note is not None:
        draft.set("ednote", note, line=block.pop(0).number)
    if markers:
        draft.add_extra("take", "\n".join(markers))
    if not block or _wire.find_dateline(block[0].text.strip()) is not None or len(block) > 3:
        state.body = block + lines[end:]
        return
    by = None if _set_off(block[-1].text) else _wire.by_line(block[-1].text.strip())
    if by is not None:
        draft.set("bylines", by[0], line=block.pop().number)
    if block:
        draft.set("headline", _wire.join_wrapped(line.text for line in block), line=block[0].number)
    state.body = lines[end:]


def _ednote(line: str) -> str | None:
    """The editor's note of a title-block line: ``EDS: ...`` (the teleprinter desk's form) or
    the shared rule's ``EDITOR'S NOTE —``, ``Editor's note: ...``; None when it is none or set off."""
    if _set_off(line):
        return None
    eds = _EDS.fullmatch(line.strip())
    return " ".join(eds.group("note").split()) if eds is not None else _wire.ednote_of(line)


def _end_like(text: str) -> bool:
    """Whether a line at the end of a message is an end line (unless indented: then it is text)."""
    line = text.strip()
    return bool(
        line
        and not _set_off(text)
        and (_DTG.fullmatch(line) or _MORE.fullmatch(line) or _wire.sign_off_kind(line) is not None)
    )


def _end_lines(state: _State) -> None:
    """Lines before NNNN: the date-time group is ``published``; ENDS, MORE, sign-offs go to extras."""
    body, draft = list(state.body), state.draft
    ends: list[str] = []
    while body:
        text = body[-1].text
        if not text.strip():
            body.pop()
            continue
        when = None if _set_off(text) else _DTG.fullmatch(text.strip())
        if when is not None and "published" not in draft.fields:
            _take_dtg(draft, when, body.pop().number)
            continue
        if not _end_like(text) or when is not None:
            break
        ends.insert(0, body.pop().text.strip())
    if ends:
        draft.add_extra("end", "\n".join(ends))
    state.body = body


def _take_dtg(draft: _draft.Draft, when: re.Match[str], line: int) -> None:
    month = dates.month_number(when.group("month"))
    try:
        naive = datetime(  # noqa: DTZ001 - the printed zone is applied by the draft
            dates.full_year(when.group("year")),
            month or 0,
            int(when.group("day")),
            int(when.group("hour")),
            int(when.group("minute")),
        )
    except ValueError as exc:
        raise draft.error(f"impossible date-time group {when.group()!r}: {exc}", line=line) from None
    draft.take_time(naive, when.group("zone"), line=line)


def _results(lines: list[str]) -> list[Block] | None:
    """Results or agate copy, by the wire layouts' shared column rule (:func:`._conventions.columns`):
    a table, or a caption line of one column (``Scores:``) over a table."""
    rows = _wire.columns(lines)
    if rows is not None:
        return [Table(rows=rows)]
    caption = lines[0].strip()
    if len(lines) < 3 or "\t" in caption or "  " in caption:
        return None
    rows = _wire.columns(lines[1:])
    return None if rows is None else [Paragraph.plain(caption), Table(rows=rows)]


def _paragraphs(state: _State) -> None:
    """The body's blocks; the first paragraph opens with the dateline (its agency tag the source);
    a first block that is a By line alone gives the bylines."""
    draft = state.draft
    texts = [line.text for line in state.body]
    blocks: list[Block] = []
    first = next((line.number for line in state.body if line.text.strip()), None)
    agency = None
    for segment in _textblocks.segments(texts):
        said = _textblocks.recognise(segment)
        table = None if said is not None else _results(segment.lines)
        if said is not None or table is not None:
            blocks.extend([said] if said is not None else table or [])
            continue
        text = _wire.join_wrapped(segment.lines)
        by = (
            None if blocks or _set_off(segment.lines[0]) or "bylines" in draft.fields else _wire.by_line(text)
        )
        if by is not None:
            draft.set("bylines", by[0], line=first)
            continue
        if not blocks and (found := _wire.find_dateline(text)) and text[found.end :].strip():
            text, _found = draft.take_dateline(text, line=first)
            agency = found.agency
        if text.strip():
            blocks.append(Paragraph.plain(text))
    draft.set("body", blocks, line=first)
    if draft.fields.get("headline") is None and not blocks:
        raise _error(
            draft, "no headline and no text: the message says nothing", state.messages[0].start.number
        )
    if agency is not None:
        draft.set("source", Source(name=agency))


_RULES: tuple[Callable[[_State], None], ...] = (_header, _later_takes, _title, _end_lines, _paragraphs)


def _read(text: str, messages: list[_Message], tz: str | tzinfo | None) -> Story:
    draft = _draft.Draft(_NAME, text, tz=tz)
    return _draft.run(_RULES, _State(draft, messages))


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read the first story of teleprinter copy (its takes joined).

    Args:
        data: The copy, as bytes (UTF-8, else the detected charset, a note) or text;
            CR LF, CR CR LF and LF line ends alike.
        tz: The zone of a date-time group printed without a known zone name.

    Raises:
        ParseError: no ZCZC line, a header that is not a teleprinter header, nothing
            after the header, or an impossible date-time group.
        ValidationError: a value the model refuses, located at its line.
    """
    text, charset = _decode.decode(data, layout=_NAME, controls=True)
    draft = _draft.Draft(_NAME, text, tz=tz)
    draft.charset(charset)
    messages, found = _frame(text)
    stories = _stories(messages)
    for note in found:
        notes.add(note)
    if len(stories) > 1:
        draft.note(
            "unreadable",
            f"{len(stories) - 1} more stor{'y' if len(stories) == 2 else 'ies'} after this one not read"
            " (loads_all reads every story)",
            line=stories[1][0].start.number,
        )
    return _read(text, stories[0], tz)


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """Every story of the copy, one part each (a message after a MORE is the same story's next take)."""
    text, charset = _decode.decode(data, layout=_NAME, controls=True)
    messages, found = _frame(text)
    if charset:
        found.insert(
            0,
            notes.Note(
                code="charset-guessed", message=f"the bytes are not UTF-8; read as {charset}", format=_NAME
            ),
        )
    members = [
        (f"line {group[0].start.number}", (lambda g=group: _read(text, g, tz)))
        for group in _stories(messages)
    ]
    yield from _contract.parts(_NAME, members, found)


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = ("channel", "sequence", "word-count", "take", "dateline-agency", "dateline-date", "end")
_VALUES = {
    "channel": re.compile(r"[A-Za-z]{1,4}"),
    "sequence": re.compile(r"\d{2,5}"),
    "word-count": re.compile(r"\d{1,6}"),
}


def carried(story: Story) -> Story:
    """The fields of ``story`` teleprinter copy carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (one line; none when absent), the editor's note (one line),
    author bylines (persons with one shared affiliation, else the organisations
    credited), the source as the dateline's agency tag, published in UTC to the
    minute (the date-time group is GMT; a day without a time is not printed),
    dateline (with the first paragraph), section (the category, 1-3 letters, ``G``
    when absent), priority (one of F B U R D A, ``R`` when absent) and the urgency it
    gives, slugline (the keyword: one word of at most 40 characters), and the
    ``teleprinter.*`` extras the writer prints (channel, sequence, word count, take
    markers, dateline agency and date, end lines). The body: paragraphs (white space
    collapsed), subheads, quotes, lists, pipe tables, preformatted copy and figures
    as the lines of :mod:`._textblocks`. What the reader's conventions read
    otherwise is found by writing and reading back.
    """
    return _carried(story)[0]


def _carried(story: Story) -> tuple[Story, str | None]:
    extras = {
        key.removeprefix(f"{_NAME}."): value
        for key, value in story.extras.items()
        if key.startswith(f"{_NAME}.")
    }
    for key, pattern in _VALUES.items():
        if key in extras and pattern.fullmatch(extras[key]) is None:
            del extras[key]
    extras.setdefault("channel", "TLX")
    extras.setdefault("sequence", "0001")
    body = _blocks_of(story)
    dateline = story.dateline if body and isinstance(body[0], Paragraph) else None
    wanted = story.source.name if story.source is not None else None
    tag = _wire.dateline_agency(extras.pop("dateline-agency", None), dateline, wanted, dash="-")
    if tag is not None:
        extras["dateline-agency"] = tag
    if dateline is None:
        extras.pop("dateline-date", None)
    priority = (
        story.priority
        if story.priority is not None and story.priority in "FBURDAfburda" and story.priority
        else "R"
    )
    slug = story.slugline if story.slugline and _keyword(story.slugline) else None
    section = story.section if story.section and re.fullmatch(r"[A-Za-z]{1,3}", story.section) else "G"
    kept = Story(
        headline=_wire.one_line(story.headline),
        ednote=_wire.collapsed(story.ednote),
        bylines=_bylines(story),
        source=Source(name=tag) if tag is not None else None,
        published=_wire.gmt_minute(story.published),
        dateline=dateline,
        section=section,
        slugline=slug,
        priority=priority,
        urgency=_PRIORITIES[priority.upper()],
        body=body,
        extras=[(f"{_NAME}.{key}", extras[key]) for key in _KEEP_EXTRAS if key in extras],
    )
    return _wire.settle(kept, _write, loads)


def _keyword(slugline: str) -> bool:
    """Whether ``slugline`` is read back as the header's keyword (one word, not all digits)."""
    found = _HEADER.fullmatch(f"A00 R G {slugline}")
    return found is not None and found.group("keyword") == slugline


def _bylines(story: Story) -> list[Byline]:
    authors = [b for b in story.bylines if b.role is Role.AUTHOR]
    persons = [b for b in authors if b.kind is BylineKind.PERSON]
    affiliations = {b.affiliation for b in persons}
    affiliation = affiliations.pop() if len(affiliations) == 1 else None
    return [Byline(name=b.name, affiliation=affiliation) for b in persons] or [
        Byline(name=b.name, kind=BylineKind.ORGANISATION) for b in authors
    ]


def _blocks_of(story: Story) -> list[Block]:
    """The body as the copy says it: marks dropped, paragraphs and one-line items collapsed."""
    out: list[Block] = []
    if story.headline is None and story.summary is not None and (summary := _wire.collapsed(story.summary)):
        out.append(Paragraph.plain(summary))
    for block in story.body:
        if isinstance(block, Paragraph | Heading):
            text = _wire.collapsed(block.text)
            if text is not None:
                out.append(
                    Paragraph.plain(text)
                    if isinstance(block, Paragraph)
                    else Heading(runs=[text], level=block.level)
                )
        elif isinstance(block, Quote):
            body = [Paragraph.plain(_wire.collapsed(p.text) or "") for p in block.body]
            out.append(Quote(body=body, attribution=_wire.one_line(block.attribution)))
        elif isinstance(block, ListBlock):
            out.append(
                ListBlock(items=[_wire.collapsed(p.text) or "" for p in block.items], ordered=block.ordered)
            )
        else:
            out.append(_textblocks.plain(block))
    return out


def dumps(story: Story, *, lossy: bool = False) -> str:
    """Write ``story`` as one teleprinter message (LF line ends, paragraphs wrapped at 69 columns).

    Raises:
        SerializeError: a field the layout cannot carry would be lost (pass ``lossy=True``
            to write what :func:`carried` keeps), or the story has nothing to print.
    """
    kept, written = _carried(story)
    if not lossy:
        _lenient.refuse_loss("teleprinter", _lenient.lost_fields(story, kept))
    return _write(kept) if written is None else written


def _write(kept: Story) -> str:
    """``kept`` (a projection :func:`carried` made) as a message."""
    if kept.headline is None and not kept.body:
        raise SerializeError("teleprinter copy needs a headline or a body to print")
    x = {key.removeprefix(f"{_NAME}."): value for key, value in kept.extras.items()}
    header = f"{x['channel']}{x['sequence']} {kept.priority} {kept.section}"
    header += f" {kept.slugline}" if kept.slugline else ""
    header += f" {x['word-count']}" if "word-count" in x else ""
    out = ["ZCZC", header, *_title_lines(kept, x), *_body_lines(kept, x), ""]
    out.extend(x["end"].split("\n") if "end" in x else [])
    if isinstance(kept.published, datetime):
        p = kept.published
        month = dates.MONTH_ABBREVIATIONS[p.month - 1]
        out.append(f"{p.day:02d}{p.hour:02d}{p.minute:02d} GMT {month} {p.year % 100:02d}")
    # a line the reader would take for framing is set off by a space (framing starts at column 1)
    out = [out[0], *(f" {line}" if _is_frame(line) else line for line in out[1:]), _END]
    return "\n".join(out) + "\n"


def _title_lines(kept: Story, x: dict[str, str]) -> list[str]:
    """Take markers, ``EDS:``, the headline (set off when it reads as a marker, a note or a By
    line), the By line."""
    out = x["take"].split("\n") if "take" in x else []
    out.extend([f"EDS: {kept.ednote}"] if kept.ednote else [])
    if kept.headline:
        headline = kept.headline
        if (
            _MARKERS.fullmatch(headline)
            or _ednote(headline) is not None
            or _wire.by_line(headline) is not None
        ):
            headline = " " + headline
        out.append(headline)
    if kept.bylines:
        affiliation = kept.bylines[0].affiliation
        names = _wire.join_names([b.name for b in kept.bylines])
        out.append(f"By {names}, {affiliation}" if affiliation else f"By {names}")
    return out


def _body_lines(kept: Story, x: dict[str, str]) -> list[str]:
    """The blocks, a blank line before each; a first paragraph that reads as a By line and a last
    line that reads as an end line are set off by a space."""
    out: list[str] = []
    for index, block in enumerate(kept.body):
        out.append("")
        if not isinstance(block, Paragraph):
            out.extend(_textblocks.render_block(block))
            continue
        text = block.text
        if index == 0 and kept.dateline is not None:
            text = _with_dateline(text, kept.dateline, x.get("dateline-date"), x.get("dateline-agency"))
        lines = textwrap.wrap(text, 69, break_long_words=False, break_on_hyphens=False) or [""]
        if index == 0 and not kept.bylines and _wire.by_line(text) is not None:
            lines[0] = " " + lines[0]
        out.extend(lines)
    if out and _end_like(out[-1]):
        out[-1] = " " + out[-1]
    return out


def _is_frame(line: str) -> bool:
    """Whether the reader would take ``line`` for a ZCZC or NNNN line."""
    cleaned = _clean(line)
    return _START.fullmatch(cleaned) is not None or cleaned == _END


def _with_dateline(text: str, place: str, date: str | None, agency: str | None) -> str:
    """``PLACE, DATE AAP - text`` (AAP's form), ``PLACE (AGENCY) - text``, ``PLACE — text``."""
    printed = f"{place}, {date}" if date else place
    if agency == "AAP":
        return f"{printed} AAP - {text}"
    if agency:
        return f"{printed} ({agency}) - {text}"
    return f"{printed} - {text}" if date else _wire.with_dateline(text, place, None, dash="-")
