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

import itertools
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
    Preformatted,
    Quote,
    Role,
    Source,
    Story,
    Subject,
    Table,
)

if typing.TYPE_CHECKING:
    from newsitem.model import Block
    from newsitem.notes import Part

__all__ = ["carried", "dumps", "loads", "loads_all", "sniff"]

_NAME = "teleprinter"

_CONTROLS = {code: None for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)}
"""Control characters of the line (padding, DEL, SYN, bell): telex noise, never text (TAB stays)."""
_CRLF = re.compile(r"\r+\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_START = re.compile(r"(?i:ZCZC)(?:[ \t]+(?P<rest>.*))?")
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
_SIGILS = frozenset("$:=^*&+@~%#")
"""The first characters of AAP's header field lines (superdesk-aap's ZCZC parsers)."""
_FORMAT = re.compile(r"[XT]|\d{8}")
_CODE = re.compile(r"\d{8}")
_SHORT = re.compile(r"[A-Za-z]{1,3}")
_ROUTING = re.compile(r"(?P<code>[A-Z]{2})(?: +[A-Za-z0-9()]+){1,8}")
_BITES = re.compile(r"(?P<tag>[A-Z]{2})#(?P<value>.*)")
_PLACE = re.compile(r"\((?P<place>[^()]{1,60})\)")
_POTTED = re.compile(r":POTTED *:(?P<value>.*)")
_SPORT = re.compile(r":SPORT *- *(?P<value>.*)")
_RACING = re.compile(r"RACING *: *(?P<value>.*)")
_CODA = ("<!", "=!")
"""A typesetting code at the end of an FMG line (``EAGLE FARM<!``, ``1400M .=!``): layout."""


def _without_coda(text: str) -> str:
    """``text`` without its closing typesetting code and the white space before it (a suffix
    test and one strip: a pattern ``\\s*[<=]!$`` backtracks quadratically on a line of spaces)."""
    return text[:-2].rstrip() if text.endswith(_CODA) else text


_DESK = re.compile(r"AAP(?: [A-Z]{2,12})?")
"""An AAP desk sign-off (``AAP RTV``, ``AAP RESULTS``, ``AAP BETTING``, ``AAP``)."""
_SOURCE_LINE = re.compile(r"SOURCE: *(?P<name>\S.{0,100})")
_URL_LINE = re.compile(r"https?://\S{1,300}")
_CLOSES = frozenset(".!?:;\"')”’")
"""What a line that closes a paragraph ends with."""
_KINDS = {
    "classic": "a classic header line (channel+sequence, priority, category, ...)",
    "sigil": "sigil header lines ($ category, : keyword, ^ headline, ...)",
    "fmg": "an FMG routing line (YY TDR, HH TDCom, ...)",
    "bites": "News Bites fields (AN#, TI#, TX#, ...)",
}
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
    text = _lines_of(text)
    for number, raw in enumerate(text.split("\n"), 1):
        bare = raw.rstrip()
        line = _scanner.Line(number, bare)
        start = _opens(bare, inside=current is not None)
        if start is not None:
            if current is not None:
                messages.append(_Message(current[0], current[1], current[2], False))
                found.append(_lost_end(current[0], line.number))
            _outside(outside, found)
            outside = []
            current = (line, (start.group("rest") or "").strip() or None, [])
        elif bare.lstrip("\t") == _END and current is not None:
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


def _lines_of(text: str) -> str:
    """``text`` with one LF per line end and its control bytes dropped.

    CR LF and the teleprinter's CR CR LF end one line; a CR alone (AAP's CR-only files, a CR
    before ZCZC) ends one line too. Control bytes (DEL, SYN, bell, and the SI and EM that AAP
    results set at line ends) are layout or noise, never text; TAB stays."""
    if "\r" in text:
        text = _CRLF.sub("\n", text).replace("\r", "\n")
    if _CONTROL.search(text) is not None:
        text = text.translate(_CONTROLS)
    return text


def _opens(bare: str, *, inside: bool) -> re.Match[str] | None:
    """The ZCZC match of a line that opens a message: ``ZCZC`` or ``zczc`` at column 1, or
    indented by spaces (``   ZCZC AAP``) where no message is open (inside one, an indented
    ZCZC is text: the writer sets a framing-like line of text off by a space)."""
    head = bare if inside else bare.lstrip(" ")
    return _START.fullmatch(head) if head[:4].upper() == "ZCZC" else None


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
    """Teleprinter copy: a line ``ZCZC`` (or ``zczc``, indented or after a CR or noise) and the
    header of one of the variants after it (sigil field lines, an FMG routing line, News Bites
    fields, a classic header line); a ZCZC line alone is claimed less surely."""
    head = _lines_of(text[:_REACH])
    lines = head.split("\n")[:60]
    for index, raw in enumerate(lines):
        start = _opens(raw.rstrip(), inside=False)
        if start is None:
            continue
        rest = (start.group("rest") or "").strip()
        after = [line.rstrip() for line in lines[index + 1 :] if line.strip()]
        kind = _kind_of(rest or None, after[0] if after else "")
        if kind is not None:
            return 0.97, f"a ZCZC start-of-message line and {_KINDS[kind]}"
        return 0.6, "a ZCZC start-of-message line (no header of a known variant after it)"
    return None


# --- reading: named rules over one state ----------------------------------------------------


class _State:
    """What the rules share: the story's messages, the lines of the title block and the body."""

    def __init__(self, draft: _draft.Draft, messages: list[_Message]) -> None:
        self.draft = draft
        self.messages = messages
        self.lines: list[_scanner.Line] = []
        self.body: list[_scanner.Line] = []
        self.kind = "classic"
        self.tabular = False


def _error(draft: _draft.Draft, message: str, line: int) -> ParseError:
    return draft.error(message, line=line)


def _sigil(text: str, *, loose: bool) -> bool:
    """Whether ``text`` is a sigil header line (``loose``: a ``#`` or ``%`` line came first, so
    ``$`` may carry a headline as in AAP's BOB feed, not only a category letter)."""
    if not text or text[0] not in _SIGILS or len(text) > 300:
        return False
    sigil, value = text[0], text[1:].strip()
    if sigil == "*":
        return _FORMAT.fullmatch(value) is not None
    if sigil == "+":
        return _CODE.fullmatch(value) is not None
    if sigil == "$":
        return _SHORT.fullmatch(value) is not None or (loose and bool(value))
    return bool(value) or sigil != "^"


def _kind_of(rest: str | None, first: str) -> str | None:
    """The header variant of a message from its ZCZC line's rest and its first line."""
    if (rest and _HEADER.fullmatch(rest)) or _HEADER.fullmatch(first.strip()):
        return "classic"
    if _BITES.fullmatch(first):
        return "bites"
    routing = _ROUTING.fullmatch(first)
    if routing and (routing.group("code") in ("YY", "HH") or (rest or "").upper().startswith("FMG")):
        return "fmg"
    return "sigil" if _sigil(first, loose=False) else None


class _Split(typing.NamedTuple):
    kind: str
    header: list[_scanner.Line]
    rest: list[_scanner.Line]


def _split(draft: _draft.Draft, message: _Message) -> _Split:
    """A message's header variant, its header lines and the lines after them."""
    lines = message.lines
    index = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    first = lines[index].text if index is not None else ""
    kind = _kind_of(message.header, first)
    if kind == "classic" and message.header and _HEADER.fullmatch(message.header):
        return _Split(kind, [_scanner.Line(message.start.number, message.header)], lines)
    if index is None:
        raise _error(draft, "no header line after ZCZC: the message is empty", message.start.number)
    if kind is None:
        raise _error(
            draft,
            "the header is none of the teleprinter variants: sigil lines ('^headline', ':keyword', ...),"
            " an FMG routing line ('YY TDR'), News Bites fields ('TI#...') or a classic header line"
            " ('SYA0042 U G BUDGET 412')",
            lines[index].number,
        )
    if kind == "classic":
        return _Split(kind, [lines[index]], lines[index + 1 :])
    end = {"bites": _bites_end, "fmg": _fmg_end, "sigil": _sigil_end}[kind](lines, index)
    header = [line for line in lines[index:end] if line.text.strip()]
    return _Split(kind, header, lines[end:])


def _sigil_end(lines: list[_scanner.Line], index: int) -> int:
    """Where the sigil header lines end (blank lines inside the header are skipped)."""
    loose = False
    while index < len(lines):
        text = lines[index].text
        if text.strip() and not _sigil(text, loose=loose):
            break
        loose = loose or text[:1] in ("#", "%")
        index += 1
    return index


def _fmg_end(lines: list[_scanner.Line], index: int) -> int:
    """After the routing line: the ``:`` title lines, else one plain title line."""
    index += 1
    titles = index
    while titles < len(lines) and lines[titles].text.startswith(":"):
        titles += 1
    if titles > index:
        return titles
    return index + 1 if index < len(lines) and lines[index].text.strip() else index


def _bites_end(lines: list[_scanner.Line], index: int) -> int:
    """The News Bites field lines, to the ``TX#`` line (whose value is the text's first line)."""
    while index < len(lines):
        found = _BITES.fullmatch(lines[index].text)
        if found is None:
            return index
        index += 1
        if found.group("tag") == "TX":
            return index
    return index


def _header(state: _State) -> None:
    """The first message's header, read by its variant (see the docs page)."""
    draft = state.draft
    message = state.messages[0]
    split = _split(draft, message)
    state.kind = split.kind
    if split.kind != "classic" and message.header:
        draft.add_extra("zczc", message.header, line=message.start.number)
    {"classic": _classic, "sigil": _sigils, "fmg": _fmg, "bites": _bites}[split.kind](state, split)
    state.lines = split.rest


def _classic(state: _State, split: _Split) -> None:
    """Channel and sequence number, priority letter, category, keyword (the slugline), word count."""
    draft = state.draft
    line = split.header[0].number
    header = _HEADER.fullmatch(split.header[0].text.strip())
    if header is None:  # _split matched it
        raise _error(draft, "no classic header line", line)
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


def _sigils(state: _State, split: _Split) -> None:
    """AAP's sigil lines: ``$`` category (BOB: the headline), ``:`` keyword (take key where a
    ``#`` keyword or ``%`` codes line is present; ``:(PLACE)`` the dateline), ``=`` take key,
    ``^`` headline, ``*`` format X/T (BOB: a subject code), ``&`` service level, ``+`` IPTC
    subject reference number, ``@`` place, ``~`` genre, ``%`` category (codes), ``#`` keyword."""
    draft = state.draft
    bob = any(line.text[0] in "#%" for line in split.header)
    subjects: list[Subject] = []
    for line in split.header:
        sigil, value, number = line.text[0], line.text[1:].strip(), line.number
        if not value:
            continue
        if (sigil == "$" and _SHORT.fullmatch(value)) or (
            sigil == "%" and len(value) == 1 and value.isalpha() and "section" not in draft.fields
        ):
            draft.set("section", value, line=number)
        elif sigil == "%":
            draft.add_extra("category-codes", value, append=True, line=number)
        elif sigil in "^$":
            draft.set("headline", " ".join(value.split()), line=number)
        elif sigil == ":" and (place := _PLACE.fullmatch(value)):
            draft.set("dateline", place.group("place").strip(), line=number)
        elif sigil in ":#" and not (bob and sigil == ":") and "slugline" not in draft.fields:
            draft.set("slugline", value, line=number)
        elif sigil in ":=":
            draft.add_extra("take-key", value, append=True, line=number)
        elif sigil in "*+" and _CODE.fullmatch(value):
            subjects.append(Subject(code=f"subj:{value}"))
        elif sigil == "*":
            draft.add_extra("format", value, line=number)
            state.tabular = value == "T"
        else:
            _sigil_field(draft, sigil, value, number)
    if subjects:
        draft.set("subjects", subjects)


def _sigil_field(draft: _draft.Draft, sigil: str, value: str, number: int) -> None:
    """``@`` place (located), ``~`` genre, ``&`` service level or desk, a second keyword."""
    if sigil == "@":
        draft.set("located", value, line=number)
    elif sigil == "~":
        draft.set("genre", value, line=number)
    elif sigil == "&":
        draft.add_extra("service-level", value, line=number)
    else:
        draft.add_extra("keyword", value, append=True, line=number)


def _fmg(state: _State, split: _Split) -> None:
    """FMG racing and results copy: the routing line, then ``:POTTED :slug``, ``:SPORT - headline``,
    ``RACING : headline`` or a title line (the headline; a second one-word title the slugline)."""
    draft = state.draft
    state.tabular = True
    routing, *titles = split.header
    draft.add_extra("routing", routing.text.strip(), line=routing.number)
    split.rest[:] = [_scanner.Line(line.number, _without_coda(line.text)) for line in split.rest]
    for line in titles:
        text, number = _without_coda(line.text).strip(), line.number
        potted, sport = _POTTED.fullmatch(text), _SPORT.fullmatch(text)
        racing = _RACING.fullmatch(text)
        if potted is not None:
            draft.set("slugline", potted.group("value").strip(), line=number)
        elif sport is not None or racing is not None or "headline" not in draft.fields:
            found = sport or racing
            value = found.group("value") if found is not None else text.removeprefix(":")
            draft.set("headline", " ".join(value.split()), line=number)
        elif " " not in text.strip(": ") and "slugline" not in draft.fields:
            draft.set("slugline", text.strip(": "), line=number)
        else:
            draft.add_extra("take-key", text.removeprefix(":").strip(), append=True, line=number)
    if "headline" not in draft.fields and "slugline" in draft.fields:  # as superdesk-aap's racing feed
        draft.set("headline", draft.fields["slugline"], line=titles[0].number)


_BITE_FIELDS = {"AN": "item", "CO": "company", "SO": "exchange", "SF": "sf"}


def _bites(state: _State, split: _Split) -> None:
    """News Bites fields: ``KN#`` the source, ``PD#`` published (the feed's wall time), ``BY#``
    the byline, ``KY#`` the keyword (slugline), ``TI#`` headline, ``AB#`` the summary,
    ``TX#`` the text; ``AN#``, ``CO#``, ``SO#``, ``SF#`` to extras. Each text line is a paragraph."""
    draft = state.draft
    first: list[_scanner.Line] = []
    for line in split.header:
        found = _BITES.fullmatch(line.text)
        if found is None:
            continue
        tag, value, number = found.group("tag"), found.group("value").strip(), line.number
        if tag == "TX":
            first = [_scanner.Line(number, value)] if value else []
        elif not value:
            continue
        elif tag == "KN":
            draft.set("source", Source(name=value), line=number)
        elif tag == "PD":
            _bites_time(draft, value, number)
        elif tag in ("TI", "KY", "AB", "BY"):
            field = {"TI": "headline", "KY": "slugline", "AB": "summary"}.get(tag)
            draft.set(field or "bylines", [Byline(name=value)] if field is None else value, line=number)
        else:
            draft.add_extra(_BITE_FIELDS.get(tag, tag.lower()), value, append=True, line=number)
    lines: list[_scanner.Line] = []
    for line in first + split.rest:
        lines.extend([line, _scanner.Line(line.number, "")])
    split.rest[:] = lines


def _bites_time(draft: _draft.Draft, value: str, number: int) -> None:
    for form in ("%d %B %Y %H:%M:%S", "%d %b %Y %H:%M:%S"):
        try:
            naive = datetime.strptime(value, form)  # noqa: DTZ007 - the reader's tz applies
        except ValueError:
            continue
        draft.take_time(naive, None, line=number)
        return
    draft.add_extra("date", value, line=number)


def _later_takes(state: _State) -> None:
    """The lines of the takes after the first: header and take line dropped, a blank line between."""
    draft = state.draft
    lines = list(state.lines)
    for message in state.messages[1:]:
        rest = _split(draft, message).rest
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
    if state.kind != "classic":  # the headline is a header field: the lines are the body
        state.body = lines
        return
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
        and (
            _DTG.fullmatch(line)
            or _MORE.fullmatch(line)
            or _DESK.fullmatch(line)
            or _wire.sign_off_kind(line) is not None
        )
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
        if state.kind != "classic" and _trailer(draft, text):
            body.pop()
            continue
        if not _end_like(text) or when is not None:
            break
        ends.insert(0, body.pop().text.strip())
        if state.kind != "classic" and _DESK.fullmatch(ends[0]) and "source" not in draft.fields:
            draft.set("source", Source(name="AAP"))
    if ends:
        draft.add_extra("end", "\n".join(ends))
    state.body = body


def _trailer(draft: _draft.Draft, text: str) -> bool:
    """A release's trailer line (AAP Medianet): ``SOURCE: org`` the source, its URL the story's page."""
    line = text.strip()
    source, url = _SOURCE_LINE.fullmatch(line), _URL_LINE.fullmatch(line)
    if source is not None and "source" not in draft.fields:
        draft.set("source", Source(name=source.group("name").strip()))
        return True
    if url is not None and "url" not in draft.fields:
        draft.set("url", line)
        return True
    return False


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


def _units(state: _State, found: list[_textblocks.Segment]) -> Iterator[_textblocks.Segment]:
    """The blocks to read: a block of AAP copy written one paragraph a line (Medianet, BOB) is
    cut into its lines; other blocks stand as they are."""
    for segment in found:
        if state.kind == "classic" or state.tabular or not _per_line(segment.lines):
            yield segment
            continue
        for offset, line in enumerate(segment.lines):
            yield _textblocks.Segment(segment.start + offset, [line], False)


def _per_line(lines: list[str]) -> bool:
    """Whether a block is prose set one paragraph a line: no line runs on mid-sentence into the
    next (open at its end, the next in lower case), most lines are long, none is indented by
    more than three spaces or a tab, no column gaps."""
    if len(lines) < 2 or any(line.startswith(("    ", "\t")) or "  " in line.strip() for line in lines):
        return False
    if any(
        line.rstrip()[-1:] not in _CLOSES and after.lstrip()[:1].islower()
        for line, after in itertools.pairwise(lines)
    ):
        return False  # a line wrapped mid-sentence: the block is one paragraph
    return sum(len(line.strip()) >= 60 for line in lines) * 2 > len(lines)


def _as_sent(state: _State, lines: list[str], *, opening: bool) -> bool:
    """Whether a block of AAP copy is kept line for line (preformatted): every block of
    tabular copy (``*T``, FMG) but a datelined opening paragraph, and a block of several
    lines that are not wrapped prose (results, odds, one record a line)."""
    if state.kind == "classic" or opening:
        return False
    if state.tabular:
        return True
    return len(lines) > 1 and any(
        len(line.strip()) < 45 or line.rstrip()[-1] in ".:!?" for line in lines[:-1]
    )


def _paragraphs(state: _State) -> None:
    """The body's blocks; the first paragraph opens with the dateline (its agency tag the source);
    a first block that is a By line alone gives the bylines."""
    draft = state.draft
    texts = [line.text for line in state.body]
    blocks: list[Block] = []
    first = next((line.number for line in state.body if line.text.strip()), None)
    agency = None
    for segment in _units(state, _textblocks.segments(texts)):
        said = _textblocks.recognise(segment)
        table = None if said is not None else _results(segment.lines)
        if said is not None or table is not None:
            blocks.extend([said] if said is not None else table or [])
            continue
        text = _wire.join_wrapped(segment.lines)
        if _as_sent(state, segment.lines, opening=not blocks and _wire.find_dateline(text) is not None):
            blocks.append(Preformatted(text=textwrap.dedent("\n".join(segment.lines))))
            continue
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
    text = _lines_of(text)
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
    text = _lines_of(text)
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
    return _START.fullmatch(cleaned) is not None or cleaned.lstrip("\t") == _END


def _with_dateline(text: str, place: str, date: str | None, agency: str | None) -> str:
    """``PLACE, DATE AAP - text`` (AAP's form), ``PLACE (AGENCY) - text``, ``PLACE — text``."""
    printed = f"{place}, {date}" if date else place
    if agency == "AAP":
        return f"{printed} AAP - {text}"
    if agency:
        return f"{printed} ({agency}) - {text}"
    return f"{printed} - {text}" if date else _wire.with_dateline(text, place, None, dash="-")
