"""ANPA-1312 wire messages (AP, Canadian Press and Bay City variants).

The grammar (see the docs page ``formats/wire``)::

    {SYN} SOH service-level story-number [UPI] US selector EOL
    priority SP category format SP keyword SP [version] SP [reference] SP file-date SP word-count EOL
    STX ^header lines< ... TAB + 3 spaces paragraphs ... ETX trailer {EOL | FF} EOT

Header lines (a caret, an end mark ``<``, ``=`` or ``@<``) are read by what they
say, not where they stand: the slug line, a priority marker (``BULLETIN``),
``HL:`` and the other CP keys, ``AP Photo``, ``Eds:`` and ``EDITOR'S NOTE``,
``All Times ...``, the ``By`` line and the title and credit lines under it; the
first other line before the byline is the headline (none: no headline) and the
next one the abstract (``summary``); later ones, and caret lines in the text,
are subheads. A blank line after the header ends it.

The text: TAB and three spaces open a paragraph (continuation lines join it);
TLI rows, lines holding RS, and in a tabular message TAB lines holding ``;``,
are agate rows (cells split at RS, else ``;``, a caret opening a header row): a
``Table``; TLI lines without separators are rules, boxed subheads, fixed-width
tables or paragraphs; TAB lines indented further are preformatted lines, or
results copy (a ``Table``) in a tabular message; a paragraph in the lines of
:mod:`._textblocks` (a quote, list or figure) is that block. DLE and TLI inside
a line are spaces; no other control byte reaches the text.

Framing by the standard, not the samples (issue 18): padding before SOH and
noise after the trailer are skipped and noted; end marks closing the text
(``NNNN``, ``./.``, ``(END)``, ``ENDIT``, desk tags, ``==Kyodo``) leave it; the
format flag is checked against the body (prose flagged tabular is read as prose,
noted); slug lines, header codes and markers are never headlines; editor's notes
are ``Story.ednote`` and contributor lines the body's last paragraphs.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from datetime import datetime, tzinfo

import attrs

from newsitem import dates
from newsitem.errors import ParseError, SerializeError
from newsitem.formats import _decode, _lenient
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _draft, _scanner, _textblocks
from newsitem.model import (
    Byline,
    BylineKind,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Role,
    Source,
    Story,
    Table,
)

if typing.TYPE_CHECKING:
    from newsitem.model import Block

__all__ = ["carried", "dumps", "loads", "sniff"]

_NAME = "anpa"

_LINE1 = re.compile(r"(?P<level>[A-Za-z])(?P<number>\d{4})(?P<upi>[^\x1f]{0,15}?)\x1f(?P<selector>[^\s]*)\s*")
_LINE2 = re.compile(
    r"(?P<priority>[A-Za-z]) (?P<category>[A-Za-z])(?P<format>[\x13\x14][\x11\x12]) ?(?P<fields>.*?)"
    r" *(?P<date>\d\d-\d\d) ?(?P<words>\d{1,5})?\s*"
)
_ONE_LETTER = re.compile(r"[A-Za-z]")
_KEYWORD = re.compile(r"[!-~]{1,24}")
_REFERENCE = re.compile(r"[A-Z]{2}\d{2}")
_AP_TRAILER = re.compile(
    r"(?P<prefix>[A-Z]{1,4}-[A-Z]{1,4})-(?P<month>\d\d)-(?P<day>\d\d)-(?P<year>\d\d) "
    r"(?P<hour>\d\d)(?P<minute>\d\d) ?(?P<zone>[A-Z]{1,4})<?"
)
_CP_TRAILER = re.compile(
    r"(?P<hour>\d{1,2}):(?P<minute>\d\d) ?(?P<zone>[A-Z]{1,4}) (?P<day>\d\d)-(?P<month>\d\d)-(?P<year>\d\d)<?"
)
_SIGN_OFF = re.compile(
    r"(?P<initials>[A-Za-z][A-Za-z.]*?) ?(?P<hour>\d{1,2}?)(?::?(?P<minute>\d\d))? ?(?P<ampm>[ap])m? ?"
    r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d\d(?:\d\d)?)"
)
_TRAILER_PREFIX = re.compile(r"[A-Z]{1,4}-[A-Z]{1,4}")
_CODE = re.compile(r"code:\s*\S+<?")
_SLUG = re.compile(r"(?:[A-Z]{2}-)?[A-Za-z]{1,6}--\S")
_KEY = re.compile(r"(?P<key>[A-Z][A-Za-z]{1,9}):\s*(?P<value>.*)")
_END_MARKS = ("@<", "<", "=", "@")
_MARKER = re.compile(
    r"(?:AP[ -]?)?(?:(?:NEWS ?)?ALERT|BULLETIN|URGENT|FLASH)"
    r"(?:[ -](?:BULLETIN|URGENT|FLASH|ALERT)){0,3}[ .!:-]*",
    re.IGNORECASE,
)
"""A caret line that is a priority marker, not a headline: AP bulletins print ``BULLETIN``
where a story's headline would be."""
_MARKER_PREFIX = re.compile(
    r"(?P<marker>(?:AP )?(?:BULLETIN|URGENT|FLASH|(?:NEWS ?)?ALERT))"
    r"\s*(?:[:\u2014\u2013]|--?)\s*(?P<rest>\S.*)"
)
"""A marker before the headline on its line (``URGENT: Quake hits Chile``), in capitals."""
_FORMATS = {
    "\x13\x11": "text",
    "\x13\x12": "tabular",
    "\x14\x11": "agate",
    "\x14\x12": "agate tabular",
}
_FORMAT_CODES = {name: code for code, name in _FORMATS.items()}

_PRIORITIES = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "h": 6, "a": 7, "s": 7, "y": 8}
"""AP's priority letters and the urgency (1-9) they give. Other agencies use the
letters differently, so urgency is set only for AP copy (keyword ``BC-``/``AP-``
or an AP trailer)."""

_LAYOUT_CONTROLS = "\t\n\r\x08\x0b\x10\x1e"
"""The control characters that are layout inside the text: TAB, line ends, TLI (a table row;
a space inside a line), VT (``~`` in the Spanish feeds), DLE (a space band) and RS (a column
separator in agate rows). Every other C0 character, and DEL, is framing or noise and goes."""
_CONTROL_RUBBISH = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in (*range(0x20), 0x7F) if chr(c) not in _LAYOUT_CONTROLS) + "]+"
)
_PADDING_REACH = 256
"""How far before SOH padding and line noise may reach (SYN, CR LF, DEL, a modem's junk)."""
_STANDARD_PADDING = "\x16\r\n"
"""What the grammar allows before SOH without a note: SYN fill and line ends."""
_HEADER_CODE = re.compile(r"\*\d{1,6}(?:<|\s|$).*")
"""A header code line (``*9006< ^AP-Top-Entertainment-Headlines,0176``): the service's routing code."""
_SLUG_LINE = re.compile(r"(?:[A-Z]{2,3}-)[^\s,][^,]{0,60}(?:, ?[A-Za-z0-9 -]{1,30})*,\s?\d{1,5}")
"""The full slug line AP prints first: keyword, version, word count (``BC-10 Things to Know-Today,364``)."""
_END_LINE = re.compile(r"NNNN|\./\.|ENDIT|\(END\)|END|-30-|#{3}|\(MORE\)|MORE", re.IGNORECASE)
"""End marks closing a text: teleprinter ``NNNN``, ``./.``, AP's ``(END)`` and ``ENDIT``, ``-30-``."""
_SET_OFF_AGENCY = re.compile(r"={1,4} ?(?P<agency>[^\W\d_][\w.&-]{1,24})")
"""Kyodo's ``==Kyodo``: the agency's name set off at the end of the text."""
_DESK_TAG = re.compile(r"\((?P<desk>[a-z]{1,4}(?:/[a-z]{1,4})*)\)")
"""A desk's initials in parentheses (``(sj)``, ``(sj/ab)``)."""
_KYODO_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z .'-]{1,40}(?:, [A-Z][A-Za-z .'-]{1,30})?), (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}) "
    r"(?P<agency>[A-Z][A-Za-z]{1,20}) [-_\u2013\u2014] "
)
"""Kyodo's dateline, the agency's name without parentheses after the date (``TOKYO, Sept. 12 Kyodo -``)."""
_SENDER_TRAILER = re.compile(
    r"(?P<initials>[A-Z]{2,4})-(?P<hour>\d\d):(?P<minute>\d\d)-(?P<a>\d\d)-(?P<b>\d\d)-(?P<year>\d\d)"
)
"""Kyodo's trailer: the sender's initials, the time (HH:MM, no zone) and the date (two digits each)."""


def _soh(text: str) -> int:
    """Where SOH opens the message: after SYN fill, line ends and any padding (no STX or ETX
    before it), within the first 256 characters; -1 when it does not."""
    soh = text.find("\x01", 0, _PADDING_REACH)
    if soh == -1 or "\x02" in text[:soh] or "\x03" in text[:soh]:
        return -1
    return soh


def sniff(text: str) -> tuple[float, str] | None:
    """ANPA-1312 opens with SYN SYN SOH (after any line ends or padding) and a story number."""
    soh = _soh(text)
    if soh != -1 and _LINE1.match(text[soh + 1 : soh + 200].split("\n", 1)[0]):
        return 0.99, "SYN SYN SOH and an ANPA-1312 line 1 (service level, story number, US, selector)"
    return None


def _shown(char: str) -> str:
    """A padding character as a reader names it: ``DEL``, ``0x1B``, or itself."""
    if char == "\x7f":
        return "DEL"
    return f"0x{ord(char):02X}" if not char.isprintable() else repr(char)


def _error(message: str, text: str, offset: int) -> ParseError:
    return ParseError.at_offset(message, text, offset, format=_NAME)


class _Header:
    """The fields of the caret lines, gathered in order (each line with its number)."""

    def __init__(self, draft: _draft.Draft) -> None:
        self.draft = draft
        self.headline: tuple[int, str] | None = None
        self.summary: str | None = None
        self.bylines: list[Byline] = []
        self.persons = False
        self.byline_seen = False
        self.credit: str | None = None
        self.subheads: list[str] = []
        self.pending_title: str | None = None
        self.after_byline = 0
        self.ednotes: list[str] = []

    def read(self, lines: list[tuple[int, str]], keyword: str) -> None:
        for index, (number, line) in enumerate(lines):
            self.draft.line = number
            if (index == 0 and (_SLUG.match(line) or (keyword and line.startswith(keyword[:6])))) or (
                _SLUG_LINE.fullmatch(line) and self.headline is None
            ):
                self.draft.add_extra("slug-line", line, append=True)
            elif _HEADER_CODE.fullmatch(line):
                self.draft.add_extra("header-code", line, append=True)
            elif _MARKER.fullmatch(line):
                self.draft.add_extra("marker", line, append=True)
            elif self.headline is None and not self.byline_seen and _MARKER_PREFIX.fullmatch(line):
                self._person_or_text(number, line)  # URGENT: the headline (no CP key)
            elif not self._furniture(line):
                self._person_or_text(number, line)
        if self.pending_title is not None:
            self.bylines = [attrs.evolve(b, title=self.pending_title) for b in self.bylines]

    def _furniture(self, line: str) -> bool:
        """Editor's notes, the CP keys, photo and time notes: True when ``line`` was one."""
        lowered = line.lower()
        key = _KEY.fullmatch(line)
        if key is not None and not key.group("value").strip():
            key = None  # a key without a value ("HL:") is text, not an empty field
        if lowered.startswith(("eds:", "(eds:", "eds.", "editor's note", "editors note", "editor’s note")):
            self.ednotes.append(_ednote_text(line))
        elif key is not None and key.group("key") == "HL":
            self.headline = (self.draft.line, key.group("value").strip())
        elif key is not None and (key.group("key").isupper() or key.group("key") == "Update"):
            self.draft.add_extra(key.group("key").lower(), key.group("value").strip(), append=True)
        elif lowered.startswith("ap photo"):
            self.draft.add_extra("photos", line, append=True)
        elif lowered.startswith("all times "):
            self.draft.add_extra("time-note", line, append=True)
        else:
            return False
        return True

    def _person_or_text(self, number: int, line: str) -> None:
        """The byline and the title and credit lines under it, else the headline, abstract or a subhead."""
        if (re.match(r"(?i)by\s", line) or _wire.by_line(line) is not None) and not self.byline_seen:
            self.byline_seen = True
            self.bylines, organisation = _wire.credited(line)  # By The Associated Press: the agency
            self.persons = organisation is None and bool(self.bylines)
            self.after_byline = 0
        elif self.byline_seen and self.after_byline == 0 and self.persons and _wire.is_title(line):
            self.pending_title = line
            self.after_byline += 1
        elif (
            self.byline_seen
            and self.credit is None
            and self.after_byline < 2
            and (self.persons or _wire.is_organisation(line))
        ):
            self.credit = line  # the credit line right under the byline (and its title)
            self.after_byline = 2
        elif not self.byline_seen and self.credit is None and line.lower() in _CREDITS:
            self.credit = line
        elif self.headline is None and not self.byline_seen:  # the headline stands above the byline
            marked = _MARKER_PREFIX.fullmatch(line)
            if marked is not None:  # URGENT: Quake hits Chile
                self.draft.add_extra("marker", marked.group("marker"), append=True)
                line = marked.group("rest")
            self.headline = (number, line)
        elif not self.byline_seen and self.summary is None:
            self.summary = line
        else:
            self.subheads.append(line)


_CREDITS = frozenset({"the canadian press", "associated press", "the associated press"})


_EDNOTE_PREFIX = re.compile(r"(?i)\(?\s*(?:eds?\s*[:.]|editor[’']?s?\s+note\s*[:_\u2013\u2014-]?)\s*")


def _ednote_text(line: str) -> str:
    """An editor's note without its label (``Eds:``, ``EDITOR'S NOTE _``) and the parentheses
    around it (``(Eds: ...)``); the line itself when nothing is left."""
    found = _EDNOTE_PREFIX.match(line)
    if found is None:
        return line
    text = line[found.end() :].strip()
    if line.startswith("(") and text.endswith(")"):
        text = text[:-1].strip()
    return text or line


def _without_end_mark(text: str) -> str:
    """``text`` without its trailing white space, end mark (``@<``, ``<``, ``=`` or ``@``)
    and the white space before the mark.

    String methods, not a pattern: ``\\s*(?:@<|<|=|@)?\\s*$`` applied with ``sub``
    backtracks over every split of a run of spaces at every start position (cubic:
    a 3 KB line of spaces took 39 s); this is linear.
    """
    text = text.rstrip()
    if not text.endswith(_END_MARKS):  # most lines: one C call, not one per mark
        return text
    for mark in _END_MARKS:
        if text.endswith(mark):
            return text[: -len(mark)].rstrip()
    return text


def _header_text(line: str) -> str:
    return _without_end_mark(line.lstrip()[1:]).strip()


def _paragraph_text(line: str) -> str:
    text = line[1:] if line.startswith("\t") else line
    if text.startswith("   "):
        text = text[3:]
    return _without_end_mark(text) if text.rstrip().endswith(("<", "=")) else text.rstrip()


class _Body:
    """Paragraphs, table rows, preformatted lines and subheads of the text between STX and ETX."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []  # ("p" | "pre" | "row" | "sub", lines)
        self.open: tuple[str, list[str]] | None = None
        self.notes: list[str] = []
        self.in_notes = False

    def close(self) -> None:
        if self.open is not None and self.open[1]:
            self.blocks.append(self.open)
        self.open = None

    def add(self, kind: str, text: str, *, join: bool = False) -> None:
        if self.in_notes:
            if text.strip():
                self.notes.append(text.strip())
            return
        if join and self.open is not None and self.open[0] == kind:
            self.open[1].append(text)
            return
        self.close()
        self.open = (kind, [text])


# --- reading: named rules over one state -------------------------------------------------------


class _State:
    """What the ANPA-1312 rules share: the framing found, the caret lines and the body."""

    def __init__(self, draft: _draft.Draft, text: str) -> None:
        self.draft = draft
        self.text = text
        self.start = 0
        self.line1_end = 0
        self.stx = 0
        self.etx = 0
        self.keyword = ""
        self.tabular = False
        self.header_lines: list[tuple[int, str]] = []
        self.header = _Header(draft)
        self.body = _Body()
        self.first_line = 1
        self.code: str | None = None
        self.sign_off: re.Match[str] | None = None
        self.trailer_agency: str | None = None
        self.end_agency: str | None = None
        self.inner_trailer: str | None = None
        self.flagged_prose = False
        self.control_rows = False
        self.header_list: list[str] = []


def _line1(state: _State) -> None:
    """SYN SYN SOH, then line 1: service level, story number, UPI's field, US and the selector."""
    text = state.text
    start = _soh(text)
    if start == -1:
        start = len(text) - len(text.lstrip(_STANDARD_PADDING))
        raise _error("expected SOH (after SYN SYN) opening an ANPA-1312 message", text, start)
    padding = text[:start]
    if padding.strip(_STANDARD_PADDING):
        shown = ", ".join(sorted({_shown(c) for c in padding if c not in _STANDARD_PADDING}))
        state.draft.note(
            "unreadable",
            f"{len(padding)} characters of padding before SOH skipped (besides SYN and line ends: {shown})",
            line=1,
        )
    line1_end = text.find("\n", start)
    if line1_end == -1:
        raise _error("the message ends inside line 1 (expected line 2 and STX)", text, len(text))
    found = _LINE1.fullmatch(text[start + 1 : line1_end].rstrip("\r"))
    if found is None:
        raise _error(
            "line 1 is not 'service-level + 4-digit story number, US, selector' (as in 'W2870<US>asian')",
            text,
            start + 1,
        )
    state.start, state.line1_end = start, line1_end
    state.draft.add_extra("service-level", found.group("level"))
    state.draft.add_extra("story-number", found.group("number"))
    if found.group("upi").strip():
        state.draft.add_extra("upi", found.group("upi").strip())
    if found.group("selector"):
        state.draft.add_extra("selector", found.group("selector"))


def _line2(state: _State) -> None:
    """Line 2 before STX: priority, category, format, keyword, version, reference, file date, word count."""
    text, draft = state.text, state.draft
    stx = text.find("\x02", state.line1_end)
    if stx == -1:
        raise _error("no STX (start of text) after the header: the message is truncated", text, len(text))
    line2 = text[state.line1_end + 1 : stx].strip("\r\n").split("\n", 1)[0].rstrip("\r")
    found = _LINE2.fullmatch(line2.rstrip())
    if found is None:
        raise _error(
            "line 2 is not 'priority category format keyword [version] [reference] MM-DD word-count'",
            text,
            state.line1_end + 1,
        )
    state.etx = text.find("\x03", stx)
    if state.etx == -1:
        raise _error("no ETX (end of text) after the body: the message is truncated", text, len(text))
    state.stx = stx
    number = text.count("\n", 0, state.line1_end) + 2
    fields = found.group("fields").split()
    state.keyword = fields[0] if fields else ""
    draft.set("priority", found.group("priority"), line=number)
    draft.set("section", found.group("category"), line=number, column=3)
    draft.set("slugline", state.keyword or None, line=number)
    draft.add_extra("format", _FORMATS[found.group("format")])
    _version_and_reference(draft, fields[1:])
    draft.add_extra("file-date", found.group("date"))
    if found.group("words"):
        draft.add_extra("word-count", found.group("words"))
    state.tabular = found.group("format")[1] == "\x12"


def _version_and_reference(draft: _draft.Draft, fields: list[str]) -> None:
    version = reference = None
    for field in fields:
        if _REFERENCE.fullmatch(field) and reference is None:
            reference = field
        elif version is None:
            version = field
        else:
            version += " " + field
    if version:
        draft.add_extra("version", version)
    if reference:
        draft.add_extra("reference", reference)


def _text(state: _State) -> None:
    """The lines between STX and ETX: caret lines, paragraphs, tables, ``code:`` and a sign-off."""
    text, body = state.text, state.body
    first = text.count("\n", 0, state.stx) + 1
    header_done = False
    raw_lines = _CONTROL_RUBBISH.sub("", text[state.stx + 1 : state.etx].replace("\x0b", "~")).split("\n")
    for number, raw in enumerate(raw_lines, start=first):
        line = raw.strip("\r")
        if line.startswith("\x08") or "\x1e" in line:  # TLI or RS: a table row, cells at ';' or RS
            header_done = _first_body_line(state, header_done, number)
            row = _spaced(line[1:] if line.startswith("\x08") else line.strip(), keep="\x1e").rstrip()
            body.add("row", _without_end_mark(row) if row.endswith("<") else row, join=True)
            state.control_rows = True
            continue
        line = _spaced(line)
        stripped = line.strip()
        if stripped.startswith("^"):
            _caret_line(state, _header_text(line), number, header_done=header_done)
        elif (
            stripped.startswith("code:")
            and _CODE.fullmatch(stripped)
            and _without_end_mark(stripped[5:]).strip()
        ):
            state.code = _without_end_mark(stripped[5:]).strip()
        elif not stripped:
            body.close()
            if not header_done and (state.header_lines or line):
                # a blank line after the caret header, or a spacer before it, ends the header:
                # caret lines after it are subheads (an empty line is STX's own line end)
                header_done = _first_body_line(state, header_done, number)
        else:
            header_done = _first_body_line(state, header_done, number)
            _body_line(state, line, stripped)
    body.close()


def _spaced(line: str, *, keep: str = "") -> str:
    """``line`` with its DLE space bands and TLI (and RS, unless kept) as spaces: a band
    before a space is that space."""
    if "\x10" in line:
        line = line.replace("\x10 ", " ").replace("\x10", " ")
    if "\x08" in line:
        line = line.replace("\x08", " ")
    if "\x1e" in line and not keep:
        line = line.replace("\x1e", " ")
    return line


def _first_body_line(state: _State, header_done: bool, number: int) -> bool:
    if not header_done:
        state.first_line = number
    return True


def _caret_line(state: _State, content: str, number: int, *, header_done: bool) -> None:
    """A caret line: a header line before the text, a subhead inside it (``^END`` ends a table)."""
    if not header_done:
        if content:
            state.header_lines.append((number, content))
    elif content and content != "END":
        state.body.close()
        state.body.add("sub", content)
        state.body.close()


def _body_line(state: _State, line: str, stripped: str) -> None:
    """A paragraph line (TAB and three spaces), a continuation, a separator or the sign-off."""
    body = state.body
    content = _paragraph_text(line)
    if not body.in_notes and _wire.is_separator(content):
        body.close()
        if not state.tabular:
            body.in_notes = True
        return
    if _RULE_LINE.fullmatch(content.strip()):  # a rule of +, =, * or ~ between parts: layout, not text
        body.close()
        return
    signed = _without_end_mark(stripped)
    sign_off = _SIGN_OFF.fullmatch(signed) if signed[-1:].isdigit() else None
    if sign_off is not None:
        state.sign_off = sign_off
        return
    if not line.startswith("\t"):  # a continuation line of a soft-wrapped paragraph (CP, Bay City)
        body.add("p", content.rstrip(), join=True)  # the indent kept: a prose check reads it
    elif state.tabular and ";" in content:  # a row of agate copy sent as a paragraph line
        body.add("row", content.strip(), join=True)
    elif line.startswith("\t    "):  # indented past the paragraph's three spaces: lines kept as sent
        body.add("pre", content, join=True)
    else:
        body.add("p", content)


_HEADER_REACH = 3
"""At most this many lines open a prose text as its header lines (slug, headline, abstract)."""
_SENTENCE_END = (".", "?", "!", '"', "'", "\u201d", "\u2019", ")")


def _format_check(state: _State) -> None:
    """The format flag checked against the body: a body flagged tabular or agate that holds
    no TLI or RS rows and is mostly lines of words is prose, read as paragraphs (noted)."""
    fmt = state.draft.get_extra("format")
    if fmt == "text" or state.control_rows:
        return
    lines = [
        x for kind, group in state.body.blocks if kind in ("p", "pre", "row") for x in group if x.strip()
    ]
    if not lines or sum(_prose_line(x) for x in lines) * 5 < len(lines) * 3:
        return
    state.flagged_prose = True
    blocks: list[tuple[str, list[str]]] = []
    for kind, group in state.body.blocks:
        if kind == "row":
            blocks.extend(("p", [x.strip()]) for x in group)
        elif kind in ("pre", "p"):
            blocks.extend(("p", part) for part in _prose_paragraphs(group, opening=not blocks))
        else:
            blocks.append((kind, group))
    if not state.header_lines:
        taken = 0
        while (
            taken < _HEADER_REACH
            and taken < len(blocks)
            and blocks[taken][0] == "p"
            and len(blocks[taken][1]) == 1
            and _heading_like(blocks[taken][1][0])
        ):
            line = blocks[taken][1][0].strip()
            taken += 1
            state.header_lines.append((state.first_line, line.removesuffix("+").rstrip()))
            state.first_line += 1
        del blocks[:taken]
    state.body.blocks = blocks
    state.draft.note(
        "kept-in-extras",
        f"the format flag says {fmt} but the text is prose: read as paragraphs "
        f"(the flag kept in extras['anpa.format'])",
        line=_line2_number(state),
    )


def _prose_line(line: str) -> bool:
    """A line of running words: six or more, no columns set apart by runs of spaces."""
    return len(line.split()) >= 6 and _COLUMN_GAP.search(line.strip()) is None


def _opens_dateline(lines: list[str]) -> bool:
    """Whether the (one) line given opens with a dateline."""
    return bool(lines) and (
        _wire.find_dateline(lines[0].strip()) is not None
        or _KYODO_DATELINE.match(lines[0].strip()) is not None
    )


def _line2_number(state: _State) -> int:
    """The line of line 2 (where the format flag stands)."""
    return state.text.count("\n", 0, state.line1_end) + 2


def _heading_like(line: str) -> bool:
    """A short line of words that ends no sentence and opens no dateline: a slug or headline
    line at the top of a prose text without caret lines."""
    text = line.strip()
    return (
        0 < len(text) <= 120
        and not text.endswith(_SENTENCE_END)
        and _wire.find_dateline(text + " x") is None
        and _KYODO_DATELINE.match(text + " ") is None
    )


def _prose_paragraphs(lines: list[str], *, opening: bool) -> list[list[str]]:
    """Lines sent as one block, as paragraphs: a line indented deeper than the block's least
    indent opens one, and a short line ending a sentence closes one. At the top of the text
    (``opening``), lines that end no sentence and open no dateline stand alone (slug and
    headline) while they are short, end in ``+`` or come right before the dateline."""
    indent = min(len(x) - len(x.lstrip()) for x in lines)
    width = max(len(x.strip()) for x in lines)
    out: list[list[str]] = []
    current: list[str] = []
    for number, raw in enumerate(lines):
        text = raw.strip()
        if current and len(raw) - len(raw.lstrip()) > indent:
            out.append(current)
            current = []
        current.append(text)
        short = len(text) < width * 0.85
        if (
            opening
            and number < _HEADER_REACH
            and not current[:-1]
            and _heading_like(text)
            and (short or text.endswith("+") or _opens_dateline(lines[number + 1 : number + 2]))
        ):
            out.append(current)
            current = []
            continue
        opening = False
        if short and text.endswith(_SENTENCE_END):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _header(state: _State) -> None:
    """The caret lines by what they say: slug line, keys, notes, headline, abstract, byline, credit."""
    header, draft = state.header, state.draft
    header.read(state.header_lines, state.keyword)
    if header.headline is None and not header.byline_seen:
        _coded_headline(state)
    if not state.body.blocks and header.summary is not None and len(header.subheads) >= 2:
        # a message of header lines only (AP's headline packages): the lines under the
        # headline are a list of items, not an abstract and subheads (a package is three
        # lines or more: an abstract and one subhead stay what they are)
        state.header_list = [header.summary, *header.subheads]
        header.summary, header.subheads = None, []
    if header.summary is not None:
        draft.set("summary", header.summary)
    if header.ednotes:
        draft.set("ednote", "\n".join(header.ednotes))
    if header.bylines:
        draft.set("bylines", header.bylines)
    if state.code is not None:
        draft.add_extra("code", state.code)


_CODED = re.compile(r"(?P<code>[A-Z]{2,5}\d{1,5}):(?P<markers>(?:[A-Z]{3,12}:)*)(?P<headline>[^:\s].*)")
"""Bay City's headline line, the first line of the text: a story code, markers and the
headline (``BCN43:UPDATE:POLICE SEEK HELP IDENTIFYING LOS GATOS BONES``)."""


def _coded_headline(state: _State) -> None:
    """A first text line ``CODE:[MARKER:]HEADLINE`` is the headline, its code and markers
    kept in extras; it leaves the body."""
    blocks = state.body.blocks
    if not blocks or blocks[0][0] != "p":
        return
    found = _CODED.fullmatch(blocks[0][1][0].strip())
    if found is None or len(found.group("headline")) > 200:
        return
    state.header.headline = (state.first_line, found.group("headline").strip())
    state.draft.add_extra("header-code", found.group("code"), append=True)
    for marker in found.group("markers").split(":")[:-1]:
        state.draft.add_extra("marker", marker, append=True)
    blocks[0][1].pop(0)
    if not blocks[0][1]:
        blocks.pop(0)
    state.first_line += 1
    code = found.group("code")
    if blocks and blocks[0][0] == "p" and blocks[0][1][0].strip().startswith((f"{code} ", f"{code}-")):
        # the story code again, with what the message is (BCN56 -ADVISORY): a routing line
        state.draft.add_extra("header-code", blocks[0][1].pop(0).strip(), append=True)
        if not blocks[0][1]:
            blocks.pop(0)
        state.first_line += 1


_RULE_LINE = re.compile(r"[-=_*~+]{3,}(?:[ \t]+[-=_*~+]{3,})*")
"""A rule line in the text (Bay City's ``+++++  +++++``): layout between parts, never a paragraph."""
_RULE = re.compile(r"[-=_*~+.]{3,}")
_BOXED = re.compile(r"[!|*] *(?P<text>\S.*?) *[!|*]")


def _box_lines(rows: list[str]) -> list[Block]:
    """TLI lines without cell separators (AP state packages, weather tables): rules of dashes
    go, a boxed line (``! Hawaii SportsMinute !``) is a subhead, two or more lines in a row
    with columns set apart by runs of spaces are a table (fixed-width columns), any other
    line a paragraph."""
    out: list[Block] = []
    run: list[str] = []
    for row in [*rows, ""]:
        text = _without_end_mark(row.lstrip("^").replace("\t", " ")).rstrip()
        if text.strip() and _columned(text):
            run.append(text)
            continue
        if len(run) >= 2:
            out.append(_fixed_width(run))
        else:
            out.extend(Paragraph.plain(" ".join(line.split())) for line in run)
        run = []
        if not text.strip() or _RULE.fullmatch(text.strip()):
            continue
        boxed = _BOXED.fullmatch(text.strip())
        out.append(Heading(runs=[boxed.group("text")]) if boxed else Paragraph.plain(" ".join(text.split())))
    return out


def _fixed_width(lines: list[str]) -> Table:
    """Lines of fixed-width columns as a table: a column boundary where every line has a
    space (or has ended); under four lines, where runs of spaces set the columns apart."""
    if len(lines) < 4 or max(map(len, lines)) > 400:  # short runs, and wide lines: by gaps
        return Table(rows=[tuple(_COLUMN_GAP.split(line.strip())) for line in lines])
    width = max(map(len, lines))
    blank = [all(i >= len(line) or line[i] == " " for line in lines) for i in range(width)]
    spans: list[tuple[int, int]] = []
    for i, empty in enumerate(blank):
        if not empty and (i == 0 or blank[i - 1]):
            spans.append((i, i + 1))
        elif not empty:
            spans[-1] = (spans[-1][0], i + 1)
    return Table(rows=[tuple(line[a:b].strip() for a, b in spans) for line in lines])


def _tables(rows: list[str]) -> list[Table]:
    """Agate rows as tables: cells split at ``;``; a row opening with ``^`` is a header row,
    and one after the rows of a table starts the next table."""
    found: list[tuple[list[tuple[str, ...]], int]] = []
    current: list[tuple[str, ...]] = []
    headers = 0
    for row in rows:
        header = row.startswith("^")
        if header and len(current) > headers:
            found.append((current, headers))
            current, headers = [], 0
        content = row[1:] if header else row
        separated = content.strip("\x1e \t").split("\x1e") if "\x1e" in content else content.split(";")
        cells = tuple(
            [cell.replace("\t", " ").strip() for cell in separated]
            if "\t" in content
            else map(str.strip, separated)  # no TAB to make a space: the same cells, faster
        )
        current.append(cells)
        headers += header
    found.append((current, headers))
    return [
        Table(rows=table, header_rows=headers)
        for table, headers in found
        if any(cell for row in table for cell in row)  # a table of empty cells says nothing
    ]


def _end_mark(line: str) -> tuple[str, str] | None:
    """What an end mark closing the text is: ``("end", mark)`` (``NNNN``, ``./.``, ``(END)``,
    ``ENDIT``), ``("agency", name)`` (``==Kyodo``) or ``("desk", tag)`` (``(sj)``); None for text."""
    text = " ".join(line.split()).rstrip("<")
    if not text or len(text) > 32:
        return None
    if _END_LINE.fullmatch(text):
        return "end", text
    if (found := _SET_OFF_AGENCY.fullmatch(text)) is not None:
        return "agency", found.group("agency")
    if _DESK_TAG.fullmatch(text):
        return "desk", text
    kind = _wire.sign_off_kind(text)
    if kind == "agency":
        name = text.strip("=/() ").split()[0]
        return ("agency", name) if _wire.is_agency(name) else ("desk", text)
    if kind is not None:
        return ("end" if kind == "end" else "desk"), text
    return None


def _trailing_marks(state: _State) -> None:
    """The end marks (and a sender's time stamp) closing the text leave it: kept in extras,
    an agency's name the source when nothing else names one."""
    blocks = state.body.blocks
    lines = state.body.notes if state.body.notes else None
    marks: list[str] = []
    while True:
        holder = lines if lines else (blocks[-1][1] if blocks and blocks[-1][0] in ("p", "pre") else None)
        if not holder:
            break
        last = holder[-1].strip()
        mark = _end_mark(last)
        if mark is None and _SENDER_TRAILER.fullmatch(last) and state.inner_trailer is None:
            state.inner_trailer = last
        elif mark is None:
            break
        else:
            marks.append(last)
            if mark[0] == "agency" and state.end_agency is None:
                state.end_agency = mark[1]
        holder.pop()
        if not holder and holder is not lines:
            blocks.pop()
        while blocks and blocks[-1][0] in ("p", "pre") and not any(x.strip() for x in blocks[-1][1]):
            blocks.pop()
    for mark_line in reversed(marks):  # in the order they were sent
        state.draft.add_extra("end-mark", mark_line, append=True)


def _contributors(state: _State) -> list[str]:
    """The contributor lines among the notes after the separator (``X contributed to this
    report.``, ``Reporting by ...``): taken out of the notes, for the body's last paragraphs."""
    kept: list[str] = []
    taken: list[str] = []
    for line in state.body.notes:
        (taken if _wire.end_note_kind(line) is not None else kept).append(line)
    state.body.notes = kept
    return taken


_COLUMN_GAP = re.compile(r" {2,}|\t")


def _columned(line: str) -> bool:
    """A line of two or more columns set apart by runs of spaces (or a TAB)."""
    return _COLUMN_GAP.search(line.strip()) is not None


def _column_runs(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Results copy in an agate or tabular message: paragraph and indented blocks whose
    every line has columns set apart by runs of spaces, two lines or more in a row, are
    one ``cols`` block (a table)."""
    out: list[tuple[str, list[str]]] = []
    run: list[tuple[str, list[str]]] = []
    for block in [*blocks, ("end", [])]:
        lines = [line for line in block[1] if line.strip()]
        if block[0] in ("p", "pre") and lines and all(_columned(line) for line in lines):
            run.append(block)
            continue
        if sum(len(b[1]) for b in run) >= 2:
            out.append(("cols", [line for b in run for line in b[1] if line.strip()]))
        else:
            out.extend(run)
        run = []
        if block[0] != "end":
            out.append(block)
    return out


def _agency_after_date(draft: _draft.Draft, text: str, line: int) -> str:
    """Kyodo's dateline (``TOKYO, Sept. 12 Kyodo -``: a known agency's name after the date,
    without parentheses) taken off the first paragraph; the text itself without one."""
    found = _KYODO_DATELINE.match(text)
    if found is None or not _wire.is_agency(found.group("agency")):
        return text
    draft.set("dateline", found.group("place"), line=line)
    draft.add_extra("dateline-agency", found.group("agency"), line=line)
    draft.add_extra("dateline-date", found.group("date"), line=line)
    return text[found.end() :]


def _preformatted(lines: list[str]) -> Preformatted:
    """Lines indented past the paragraph indent, without the indentation they share."""
    indent = min(len(line) - len(line.lstrip(" ")) for line in lines)
    return Preformatted(text="\n".join(line[indent:] for line in lines))


def _paragraphs(state: _State) -> None:
    """Subheads from the header, then the body's blocks; the first paragraph opens with the dateline."""
    draft = state.draft
    _trailing_marks(state)
    contributors = _contributors(state)
    blocks: list[Block] = [Heading(runs=[text]) for text in state.header.subheads]
    if state.header_list:
        blocks.append(ListBlock(items=state.header_list))
    first = True
    if draft.get_extra("format") != "text" and not state.flagged_prose:
        state.body.blocks = _column_runs(state.body.blocks)
    for kind, lines in state.body.blocks:
        if kind == "sub":
            blocks.append(Heading(runs=lines))
            continue
        if kind == "row" and not any(";" in row or "\x1e" in row for row in lines):
            blocks.extend(_box_lines(lines))  # one column: rules, box titles and lines, no table
        elif kind == "row":
            blocks.extend(_tables(lines))
        elif kind == "pre":
            kept = [line for line in lines if line.strip()]  # a line that was only an end mark says nothing
            if kept:
                blocks.append(_preformatted(kept))
        elif kind == "cols":
            blocks.append(Table(rows=[tuple(_COLUMN_GAP.split(line.strip())) for line in lines]))
        elif (
            said := _textblocks.recognise(_textblocks.Segment(0, [x.strip() for x in lines], False))
        ) is not None:
            blocks.append(said)  # a quote, list, figure... in the plain-text conventions
        else:
            content = _wire.join_wrapped(lines)
            if first:
                content, found = draft.take_dateline(content, line=state.first_line)
                if found is None:
                    content = _agency_after_date(draft, content, state.first_line)
            if content.strip():
                blocks.append(Paragraph.plain(content))
        first = False
    blocks.extend(Paragraph.plain(line) for line in contributors)
    draft.set("body", blocks, line=state.first_line)
    if state.body.notes:
        draft.add_extra("end-notes", "\n".join(state.body.notes))
    if state.sign_off is not None:
        draft.add_extra("sign-off", state.sign_off.group())


def _trailer(state: _State) -> None:
    """After ETX: AP's or CP's time stamp (else a Bay City sign-off) is ``published``."""
    text, draft = state.text, state.draft
    trailer_line = _after_etx(state) or state.inner_trailer or ""
    ap_trailer = _AP_TRAILER.fullmatch(trailer_line)
    when = ap_trailer or _CP_TRAILER.fullmatch(trailer_line) or state.sign_off
    line, column = _scanner.position(text, state.etx)
    if when is None and (sender := _SENDER_TRAILER.fullmatch(trailer_line)) is not None:
        _sender_time(state, sender, line, column)
        return
    if when is None:
        if trailer_line:
            draft.add_extra("trailer", trailer_line)
            draft.note(
                "unreadable",
                "the trailer is not a known time stamp; kept in extras['anpa.trailer']",
                line=line,
            )
        return
    signed = when is state.sign_off
    try:
        hour = int(when.group("hour"))
        naive = datetime(  # noqa: DTZ001 - the zone, if printed, is applied by the draft
            dates.full_year(when.group("year")),
            int(when.group("month")),
            int(when.group("day")),
            dates.hour_of_day(hour, when.group("ampm")) if signed else hour,
            int(when.group("minute") or 0),  # a Bay City sign-off may print the hour alone (4p)
        )
    except ValueError as exc:
        raise _error(
            f"impossible date or time in the trailer {when.group()!r}: {exc}", text, state.etx
        ) from None
    draft.take_time(naive, None if signed else when.group("zone"), line=line, column=column)
    if ap_trailer is not None:
        draft.add_extra("trailer-prefix", ap_trailer.group("prefix"))
        state.trailer_agency = ap_trailer.group("prefix").split("-")[0]


def _after_etx(state: _State) -> str:
    """The trailer line after ETX (its first line of text); end marks there are kept in
    extras, and what follows the trailer (FF and EOT aside) is skipped and noted."""
    following = state.text.find("\x01", state.etx)  # SOH: a further message, not read by this one
    end = len(state.text) if following == -1 else following
    after = _CONTROL_RUBBISH.sub("", state.text[state.etx + 1 : end])
    lines = [line.strip() for line in _spaced(after).replace("\x0b", " ").split("\n") if line.strip()]
    trailer, noise = "", []
    for text in lines:
        mark = _end_mark(text) if not trailer else None
        if mark is not None:
            state.draft.add_extra("end-mark", text, append=True)
            state.end_agency = state.end_agency or (mark[1] if mark[0] == "agency" else None)
        elif not trailer:
            trailer = text
        else:
            noise.append(text)
    line, _ = _scanner.position(state.text, state.etx)
    if noise:
        state.draft.note(
            "unreadable",
            f"{sum(map(len, noise))} characters after the trailer skipped (line noise, not the message's)",
            line=line,
        )
    if following != -1:
        state.draft.note(
            "unreadable",
            f"another message follows (SOH at character {following}): one message is read",
            line=line,
        )
    return trailer


def _dateline_day(draft: _draft.Draft) -> tuple[int, int] | None:
    """The month and day of the dateline's date (``Dec. 9``), when it prints one."""
    printed = (draft.get_extra("dateline-date") or "").replace(".", " ").split()
    if len(printed) != 2 or not printed[1].isdigit():
        return None
    month = dates.month_number(printed[0])
    return None if month is None else (month, int(printed[1]))


def _sender_time(state: _State, found: re.Match[str], line: int, column: int) -> None:
    """Kyodo's ``KWS-21:37-09-12-18``: the sender's initials, a wall time without a zone and
    a date of two two-digit fields. The dateline's date (``Dec. 9``) tells their order; else a
    field over 12 does; else day first, the sender's order, is a guess and noted. (Line 2's
    file date cannot tell: the same sender writes it in the same order.)"""
    draft = state.draft
    first, second = found.group("a"), found.group("b")
    told = _dateline_day(draft)
    guessed = False
    if told == (int(first), int(second)) or int(second) > 12:
        month, day = first, second
    elif told == (int(second), int(first)) or int(first) > 12 or first == second:
        month, day = second, first
    else:
        month, day, guessed = second, first, True
    try:
        naive = datetime(  # noqa: DTZ001 - no zone is printed: the reader's tz, else naive
            dates.full_year(found.group("year")),
            int(month),
            int(day),
            int(found.group("hour")),
            int(found.group("minute")),
        )
    except ValueError as exc:
        raise _error(
            f"impossible date or time in the trailer {found.group()!r}: {exc}", state.text, state.etx
        ) from None
    draft.take_time(naive, None, line=line, column=column)
    draft.add_extra("trailer-sender", found.group("initials"))
    if guessed:
        draft.note(
            "date-guessed",
            f"the trailer's date {first}-{second} read day first, the sender's order (no dateline date)",
            line=line,
            column=column,
        )


def _headline_and_source(state: _State) -> None:
    """The headline (else a short first paragraph or the slug, noted); source, urgency for AP copy."""
    draft, header = state.draft, state.header
    if header.headline is not None:
        draft.set("headline", header.headline[1], line=header.headline[0])
    elif not draft.fields["body"] and header.summary is None:
        raise _error("no headline, abstract or text: the message says nothing", state.text, state.stx)
    credit = header.credit or draft.get_extra("dateline-agency") or state.trailer_agency or state.end_agency
    if credit is not None:
        draft.set("source", Source(name=credit))
    priority = draft.fields["priority"]
    other = draft.get_extra("dateline-agency") or state.end_agency  # Kyodo sends BC- keywords too
    if (state.keyword[:3].upper() in ("BC-", "AP-") or state.trailer_agency == "AP") and other in (
        None,
        "AP",
    ):
        draft.set("urgency", _PRIORITIES.get(priority.lower()))


_RULES: tuple[Callable[[_State], None], ...] = (
    _line1,
    _line2,
    _text,
    _format_check,
    _header,
    _paragraphs,
    _trailer,
    _headline_and_source,
)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one ANPA-1312 message.

    Args:
        data: The message, as bytes (UTF-8, else Windows-1252, else ISO-8859-1,
            the fallback a ``charset-guessed`` note) or text.
        tz: The zone of a time printed without one (a Bay City sign-off);
            without it such a time stays naive.

    Raises:
        ParseError: the framing (SOH, line 1, line 2, STX, ETX) is missing or
            broken, with its line and column.
        ValidationError: a value the model refuses, located at its line.
    """
    data, fill = _without_time_fill(data)
    text, charset = _decode.decode(data, layout=_NAME, controls=True)
    draft = _draft.Draft(_NAME, text, tz=tz)
    draft.charset(charset)
    if fill:
        draft.note("unreadable", f"{fill} NUL bytes of time fill (line noise) dropped")
    return _draft.run(_RULES, _State(draft, text))


def _without_time_fill(data: str | bytes) -> tuple[str | bytes, int]:
    """``data`` without the NUL bytes a serial wire leaves as time fill, and how many went.
    Only a few: text with NUL in every other byte is UTF-16 (or binary), refused as it is."""
    count = data.count("\x00") if isinstance(data, str) else data.count(b"\x00")
    if not count or count * 50 > len(data):
        return data, 0
    if isinstance(data, str):
        return data.replace("\x00", ""), count
    return data.replace(b"\x00", b""), count


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = (  # in the order the reader meets them
    "service-level",
    "story-number",
    "selector",
    "format",
    "version",
    "reference",
    "file-date",
    "word-count",
    "slug-line",
    "header-code",
    "marker",
    "photos",
    "time-note",
    "dateline-agency",
    "end-notes",
    "trailer-prefix",
)
_DEFAULT_EXTRAS = {
    "service-level": "a",
    "story-number": "0000",
    "format": "text",
}


def carried(story: Story) -> Story:
    """The fields of ``story`` an ANPA-1312 message carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (none: no headline line, as AP's alerts print), summary
    (the abstract line; without a headline it is the body's first
    paragraph), author bylines: persons with one shared title and one shared
    affiliation naming an organisation, else the organisations credited as
    authors (``By The Associated Press``; a name the reader does not know for
    an organisation's comes back as a person), source name (the credit line
    under the persons; else the dateline's agency tag), published in UTC to
    the minute (the trailer is GMT: AP's form where the story has a trailer
    prefix, else Canadian Press's; a day without a time is not printed, and
    line 2's file date keeps its month and day), dateline (with the first
    paragraph, when a paragraph opens the body), section and priority (one
    letter each; ``a`` and ``r`` when absent), slugline (the keyword, 24
    characters at most), urgency as AP's table gives it, and the ``anpa.*``
    extras the writer uses.

    The body, marks dropped: paragraphs (one line each, white space
    collapsed), subheads (caret lines, level 2), tables (agate rows, cells
    trimmed; the format is agate tabular, DC4 DC2, when the story names none),
    preformatted copy (lines indented past the paragraph indent: a blank line
    splits it, trailing white space and shared indentation go); quotes, lists
    and figures as the lines of :mod:`._textblocks` (a quote's paragraphs and
    a list's items on one line each). What the reader's conventions would
    read otherwise (a paragraph with ``;`` in agate copy is a row, a cell
    holding ``;`` is two...) is stated by writing and reading back.

    Line 2's file date and the service level, story number and format have
    defaults; a line 1 or line 2 field that does not fit its place (a service
    level of more than a letter, a version with a line break...) is the
    default or goes, as does a trailer prefix that is not AP's ``XX-YY``.
    """
    return _carried(story)[0]


def _bylines_of(story: Story) -> list[Byline]:
    """The author bylines a By line carries: the persons, with one shared title and one shared
    affiliation naming an organisation; else the organisations credited as authors."""
    authors = [b for b in story.bylines if b.role is Role.AUTHOR]
    persons = [b for b in authors if b.kind is BylineKind.PERSON]
    if not persons:
        return [Byline(name=b.name, kind=BylineKind.ORGANISATION) for b in authors]
    titles = {b.title for b in persons}
    title = titles.pop() if len(titles) == 1 else None
    affiliations = {b.affiliation for b in persons}
    affiliation = affiliations.pop() if len(affiliations) == 1 else None
    if affiliation is not None and not _wire.is_organisation(affiliation):
        affiliation = None  # the By line's last name is an affiliation only when it names an organisation
    return [Byline(name=b.name, title=title, affiliation=affiliation) for b in persons]


def _cells(row: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(cell.replace("\t", " ").strip() for cell in row)


def _blocks_of(story: Story) -> list[Block]:
    """The body as the layout says it, marks dropped: paragraphs on one line, subheads as caret
    lines (level 2), tables as agate rows (cells trimmed), preformatted lines indented; quotes,
    lists and figures in the lines of :mod:`._textblocks`. Without a headline the abstract is
    the first paragraph."""
    out: list[Block] = []
    for block in story.body:
        if isinstance(block, Paragraph | Heading):
            text = _wire.collapsed(block.text)
            if text is not None:
                out.append(Paragraph.plain(text) if isinstance(block, Paragraph) else Heading(runs=[text]))
        elif isinstance(block, Table):
            rows = [_cells(row) for row in block.rows]
            if any(cell for row in rows for cell in row):
                out.append(Table(rows=rows, header_rows=block.header_rows))
        elif isinstance(block, Preformatted):
            out.extend(_preformatted_blocks(block.text))
        else:
            out.append(_one_line_items(block))
    if story.headline is None and (summary := _wire.collapsed(story.summary)) is not None:
        out.insert(0, Paragraph.plain(summary))  # no headline line: the abstract has no line of its own
    return out


def _one_line_items(block: Quote | ListBlock | Figure) -> Block:
    """A quote, list or figure with each paragraph, item and value on one line, marks dropped
    (the lines of :mod:`._textblocks` after a paragraph line)."""
    if isinstance(block, Quote):
        return Quote(
            body=[Paragraph.plain(_wire.collapsed(p.text) or "") for p in block.body],
            attribution=_wire.one_line(block.attribution),
        )
    if isinstance(block, ListBlock):
        return ListBlock(items=[_wire.collapsed(p.text) or "" for p in block.items], ordered=block.ordered)
    return block


def _preformatted_blocks(text: str) -> list[Preformatted]:
    """Preformatted text as the reader gives it back: blank lines split it, and each part
    loses trailing white space and the indentation its lines share."""
    parts: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            parts[-1].append(line.rstrip())
        elif parts[-1]:
            parts.append([])
    return [_preformatted(lines) for lines in parts if lines]


def _carried(story: Story) -> tuple[Story, bytes | None]:
    """The projection of :func:`carried`, and its text when it was written in settling it."""
    bylines = _bylines_of(story)
    body = _blocks_of(story)
    persons = [b for b in bylines if b.kind is BylineKind.PERSON]
    extras = {f"{_NAME}.{key}": value for key, value in _DEFAULT_EXTRAS.items()}
    extras.update(
        (key, value) for key, value in story.extras.items() if key.removeprefix(f"{_NAME}.") in _KEEP_EXTRAS
    )
    published = _wire.gmt_minute(story.published)
    day = published or story.published  # a day without a time: the file date only
    if day is not None:
        extras[f"{_NAME}.file-date"] = f"{day:%m-%d}"
    elif not _DATE_LIKE.fullmatch(extras.get(f"{_NAME}.file-date", "")):
        extras[f"{_NAME}.file-date"] = "01-01"
    for key in ("service-level", "story-number", "selector", "word-count", "version", "reference"):
        # the fields of lines 1 and 2 that fit them (the defaults, else none)
        if not _FRAMING_VALUES[key].fullmatch(extras.get(f"{_NAME}.{key}", _DEFAULT_EXTRAS.get(key, "0"))):
            extras[f"{_NAME}.{key}"] = _DEFAULT_EXTRAS.get(key, "")
            if not extras[f"{_NAME}.{key}"]:
                del extras[f"{_NAME}.{key}"]
    if f"{_NAME}.format" not in story.extras and any(isinstance(block, Table) for block in body):
        extras[f"{_NAME}.format"] = "agate tabular"  # agate copy: DC4 DC2
    if extras[f"{_NAME}.format"] not in _FORMAT_CODES:
        extras[f"{_NAME}.format"] = "text"  # the writer prints an unknown format as text
    if published is None or not _TRAILER_PREFIX.fullmatch(extras.get(f"{_NAME}.trailer-prefix", "AP-X")):
        extras.pop(f"{_NAME}.trailer-prefix", None)  # printed only before a time, and only as AP's prefix
    priority = story.priority if story.priority and _ONE_LETTER.fullmatch(story.priority) else "r"
    section = story.section if story.section and _ONE_LETTER.fullmatch(story.section) else "a"
    keyword = story.slugline if story.slugline and _KEYWORD.fullmatch(story.slugline) else None
    if (
        keyword is None
    ):  # line 2's version and reference follow the keyword: without one, the first reads as it
        extras.pop(f"{_NAME}.version", None)
        extras.pop(f"{_NAME}.reference", None)
    opening = next((block for block in body if not isinstance(block, Heading)), None)
    dateline = story.dateline if isinstance(opening, Paragraph) else None  # it opens the first paragraph
    wanted = story.source.name if story.source is not None else None
    source_name = None
    if wanted is not None and persons and not _wire.is_title(wanted):
        source_name = wanted  # the credit line under the byline
    # no credit line under the bylines to carry the source: the dateline's tag names it
    tag = extras.pop(f"{_NAME}.dateline-agency", None)
    tag = _wire.dateline_agency(tag, dateline, wanted if source_name is None else None, dash="_")
    if tag is not None:
        extras[f"{_NAME}.dateline-agency"] = tag
    prefix = extras.get(f"{_NAME}.trailer-prefix")
    trailer_agency = prefix.split("-")[0] if prefix else None
    source_name = source_name or extras.get(f"{_NAME}.dateline-agency") or trailer_agency
    is_ap = ((keyword or "")[:3].upper() in ("BC-", "AP-") or trailer_agency == "AP") and extras.get(
        f"{_NAME}.dateline-agency"
    ) in (None, "AP")  # AP's letters: not for another agency's copy
    headline = _wire.one_line(story.headline)
    ednote = "\n".join(
        line for line in (_wire.collapsed(part) for part in (story.ednote or "").split("\n")) if line
    )
    kept = Story(
        headline=headline,
        ednote=ednote or None,
        summary=_wire.one_line(story.summary) if headline is not None else None,
        bylines=bylines,
        source=None if source_name is None else Source(name=source_name),
        published=published,
        dateline=dateline,
        section=section,
        slugline=keyword,
        priority=priority,
        urgency=_PRIORITIES.get(priority.lower()) if is_ap else None,
        body=body,
        extras=[
            (f"{_NAME}.{key}", extras[f"{_NAME}.{key}"]) for key in _KEEP_EXTRAS if f"{_NAME}.{key}" in extras
        ],
    )
    return _wire.settle(kept, _write, loads, plain=_plain)


_SEPARATORS = re.compile(r",| and | & ")
_DATE_LIKE = re.compile(r"\d\d-\d\d")
_EDITORS = ("eds:", "(eds:", "eds.", "editor's note", "editors note", "editor’s note")
_FRAMING_VALUES = {  # extras printed on lines 1 and 2 and after ETX, as the reader reads them back
    "service-level": re.compile(r"[A-Za-z]"),
    "story-number": re.compile(r"\d{4}"),
    "selector": re.compile(r"\S+"),
    "format": re.compile(r"text"),
    "reference": _REFERENCE,
    "word-count": re.compile(r"\d{1,5}"),
    "trailer-prefix": _TRAILER_PREFIX,
    "version": re.compile(r"[A-Za-z0-9][!-~]*(?: [!-~]+)*"),
}
_FURNITURE = {  # header lines the reader takes as the extra they are kept in, by how they start
    "photos": ("ap photo",),
    "time-note": ("all times ",),
}


def _plain_line(line: str) -> bool:
    """A line the reader gives back as written: printable, no white space at its ends or runs of it
    inside, no end mark (``<``, ``=``, ``@``) at its end."""
    return (
        bool(line)
        and line.isprintable()
        and " ".join(line.split()) == line
        and not line.endswith(("<", "=", "@"))
    )


def _plain_extra(key: str, value: str, keyword: str) -> bool:
    """Whether an ``anpa.*`` extra the writer prints reads back as itself."""
    pattern = _FRAMING_VALUES.get(key)
    if pattern is not None:
        if key in ("version", "reference"):  # line 2's fields after the keyword
            words = value.split(" ")
            return (
                bool(keyword)
                and pattern.fullmatch(value) is not None
                and not _DATE_LIKE.search(value)
                and (key == "reference" or not any(_REFERENCE.fullmatch(word) for word in words))
            )
        return pattern.fullmatch(value) is not None
    lines = value.split("\n")
    if key == "slug-line":
        return (
            len(lines) == 1
            and _plain_line(value)
            and (_SLUG.match(value) is not None or bool(keyword and value.startswith(keyword[:6])))
        )
    if key == "header-code":
        return all(_plain_line(line) and _HEADER_CODE.fullmatch(line) for line in lines)
    if key == "marker":  # printed first without a slug line: not one the keyword would take for it
        return all(
            _MARKER.fullmatch(line) and not (keyword and line.startswith(keyword[:6])) for line in lines
        )
    if key in _FURNITURE:
        return all(
            _plain_line(line)
            and line.lower().startswith(_FURNITURE[key])
            and (
                key == "editor-note"
                or (not line.lower().startswith(_EDITORS) and _KEY.fullmatch(line) is None)
            )
            for line in lines
        )
    if key == "end-notes":
        return all(_plain_paragraph(line) for line in lines)
    return False


def _plain_paragraph(text: str) -> bool:
    """A paragraph line (TAB and three spaces) the reader gives back as written: no caret,
    ``code:``, separator or sign-off look-alike."""
    return (
        _plain_line(text)
        and not text.startswith(("^", "code:"))
        and not _wire.is_separator(text)
        and _SIGN_OFF.fullmatch(text) is None
        and _end_mark(text) is None
        and _SENDER_TRAILER.fullmatch(text) is None
        and _wire.end_note_kind(text) is None
        and _CODED.fullmatch(text) is None  # Bay City's CODE:HEADLINE line
        and _RULE_LINE.fullmatch(text) is None
        and _textblocks.recognise(_textblocks.Segment(0, [text], False)) is None
    )


def _is_furniture(line: str) -> bool:
    """Whether the reader takes a header line for a note, a key or a photo or time line."""
    return line.lower().startswith((*_EDITORS, "ap photo", "all times ")) or _KEY.fullmatch(line) is not None


def _plain_header_line(line: str, keyword: str) -> bool:
    """A caret line of plain words the reader takes as the text it holds."""
    return _wire.is_plain(line) and _reads_as_text(line, keyword)


def _reads_as_text(line: str, keyword: str) -> bool:
    """Whether the reader takes a caret line as the text it holds (no slug, key, note, byline or credit)."""
    lowered = line.lower()
    return (
        not (keyword and line.startswith(keyword[:6]))
        and _SLUG.match(line) is None
        and _KEY.fullmatch(line) is None
        and not lowered.startswith(("eds", "(eds", "editor", "ap photo", "all times ", "by"))
        and lowered not in _CREDITS
        and _MARKER.fullmatch(line) is None
        and _MARKER_PREFIX.fullmatch(line) is None
        and _SLUG_LINE.fullmatch(line) is None
        and _HEADER_CODE.fullmatch(line) is None
        and _wire.by_line(line) is None  # Von A und B: a by line in another language
    )


def _plain_first_paragraph(story: Story, agency: str | None) -> bool:
    """The first paragraph, with the dateline written before it, reads back as the dateline and itself."""
    text = story.body[0].text
    if story.dateline is None:
        return _wire.find_dateline(text) is None
    written = _wire.with_dateline(text, story.dateline, agency, dash="_", untagged_dash="_")
    found = _wire.find_dateline(written)
    return (
        found is not None
        and (found.place, found.agency, found.date) == (story.dateline, agency, None)
        and written[found.end :] == text
    )


def _plain(story: Story) -> bool:
    """The quick pre-check of the settle: a story of plain header lines, paragraphs and
    extras (each as the reader gives it back) and the dateline's own tag reads back as itself."""
    extras = dict(story.extras)
    agency = extras.pop(f"{_NAME}.dateline-agency", None)
    extras.pop(f"{_NAME}.file-date", None)  # the projection's, from published
    keyword = story.slugline or ""
    if not all(isinstance(block, Paragraph) for block in story.body):
        return False  # subheads, tables and the rest: written and read back (the settle)
    persons = [b for b in story.bylines if b.kind is BylineKind.PERSON]
    if len(persons) < len(story.bylines):
        return False
    names = [b.name for b in persons]
    title = story.bylines[0].title if story.bylines else None
    affiliation = story.bylines[0].affiliation if story.bylines else None
    source = story.source.name if story.source else None
    return (
        all(_plain_extra(key.removeprefix(f"{_NAME}."), value, keyword) for key, value in extras.items())
        and (not keyword or (_KEYWORD.fullmatch(keyword) is not None and not _DATE_LIKE.search(keyword)))
        and all(
            _plain_header_line(line, keyword)
            for line in (story.headline, story.summary, title, None if names else source)
            if line is not None
        )
        and (not names or source is None or _plain_credit(source))
        and all(
            _wire.is_plain(name)
            and not _wire.is_organisation(name)
            and _wire.OF.search(name) is None  # Jane Doe of BBC News: a person and an affiliation
            and "," not in name
            and " and " not in f" {name} "
            and "&" not in name
            for name in names
        )
        and (affiliation is None or _wire.is_plain(affiliation))
        and (affiliation is None or not _SEPARATORS.search(f" {affiliation} "))
        and _wire.prints_back(names, affiliation)  # Ann und Bob: two persons
        and (title is None or _wire.is_title(title))
        and all(_plain_paragraph(p.text) for p in story.body)
        and (not story.body or _plain_first_paragraph(story, agency))
        and (agency is None or story.dateline is not None)
        and all(_plain_ednote(line) for line in (story.ednote or "").split("\n") if story.ednote)
    )


def _plain_ednote(line: str) -> bool:
    """A line of an editor's note that reads back as itself after ``Eds:``."""
    return _plain_line(line) and not line.endswith(")") and _ednote_text(f"Eds: {line}") == line


def _plain_credit(source: str) -> bool:
    """The credit line under the byline (and its title) reads back as the source."""
    return _wire.is_plain(source) and not _wire.is_title(source) and not _is_furniture(source)


def _crlf(line: str) -> str:
    return line + "\r\n"


def dumps(story: Story, *, lossy: bool = False) -> bytes:
    """Write ``story`` as an AP-style ANPA-1312 message (UTF-8, CR LF line ends).

    Raises:
        SerializeError: a field the layout cannot carry would be lost (pass
            ``lossy=True`` to write what :func:`carried` keeps), or a value
            cannot be written on its line (a one-letter priority or section
            is needed, and the keyword may not hold spaces).
    """
    kept, written = _carried(story)
    if not lossy:
        _lenient.refuse_loss("ANPA-1312", _lenient.lost_fields(story, kept))
    return _write(kept) if written is None else written


def _write(kept: Story) -> bytes:
    """``kept`` (a projection :func:`carried` made) as a message."""
    x = {key.removeprefix(f"{_NAME}."): value for key, value in kept.extras.items()}
    keyword = kept.slugline or ""
    if " " in keyword or not (kept.priority or "").isalpha() or not (kept.section or "").isalpha():
        raise SerializeError(
            "ANPA-1312 line 2 needs a one-letter priority and section and a keyword without spaces"
        )
    fields = " ".join(part for part in (keyword, x.get("version", ""), x.get("reference", "")) if part)
    out = ["\x16\x16\x01" + x["service-level"] + x["story-number"] + "\x1f" + x.get("selector", "") + "\n"]
    out.append(
        _crlf(
            f"{kept.priority} {kept.section}{_FORMAT_CODES.get(x['format'], chr(0x13) + chr(0x11))} "
            f"{fields} {x['file-date']} {x.get('word-count', '')}".rstrip()
        )
    )
    out.append("\x02")
    out.extend(_crlf(f"^{line}<") for line in _header_lines(kept, x, keyword))
    out.extend(_byline_lines(kept))
    out.extend(_body_lines(kept, x))
    out.append("\t   \x03" + _trailer_of(kept, x) + "\r\n\r\n\x0c\r\n\x04")
    return "".join(out).encode("utf-8")


def _header_lines(kept: Story, x: dict[str, str], keyword: str) -> list[str]:
    """The caret lines before the byline: slug line, headline, notes and the abstract."""
    header = [x["slug-line"]] if "slug-line" in x else []
    if "header-code" in x:
        header.extend(x["header-code"].split("\n"))
    if "marker" in x:  # BULLETIN where the headline would be
        header.extend(x["marker"].split("\n"))
    if kept.headline is not None:  # a story without one has no line for it (as AP's alerts)
        # A headline the reader would take for another header line goes under Canadian Press's HL: key.
        plain = _reads_as_text(kept.headline, keyword if "slug-line" not in x else "")
        header.append(kept.headline if plain else f"HL: {kept.headline}")
    for key in ("photos", "time-note"):
        if key in x:
            header.extend(x[key].split("\n"))
    if kept.ednote is not None:  # before the story: Eds: and the note
        header.extend(f"Eds: {line}" for line in kept.ednote.split("\n"))
    if kept.summary is not None:
        header.append(kept.summary)
    return header


def _byline_lines(kept: Story) -> list[str]:
    """The By line, the shared title and the credit line under it (none without bylines)."""
    if not kept.bylines:
        return []
    names = _wire.join_names([b.name for b in kept.bylines])
    if kept.bylines[0].kind is BylineKind.ORGANISATION:  # By The Associated Press
        return [_crlf(f"^By {names}=")]
    affiliation = kept.bylines[0].affiliation
    out = [_crlf(f"^By {names}, {affiliation}=" if affiliation else f"^By {names}=")]
    if kept.bylines[0].title is not None:
        out.append(_crlf(f"^{kept.bylines[0].title}="))
    if kept.source is not None and kept.source.name is not None:
        out.append(_crlf(f"^{kept.source.name}="))
    return out


def _body_lines(kept: Story, x: dict[str, str]) -> list[str]:
    """The blocks, each followed by a spacer line (the first paragraph after its dateline;
    a spacer before a subhead that opens the body ends the header), then the end notes."""
    out: list[str] = [_crlf(" ")] if kept.body and isinstance(kept.body[0], Heading) else []
    dateline = kept.dateline
    for block in kept.body:
        if isinstance(block, Paragraph) and dateline is not None:
            text = _wire.with_dateline(
                block.text, dateline, x.get("dateline-agency"), dash="_", untagged_dash="_"
            )
            out.append(_crlf(_ended("\t   " + text)))
        else:
            out.extend(_crlf(line) for line in _block_lines(block))
        if not isinstance(block, Heading):  # caret lines follow each other without a spacer
            dateline = None
            out.append(_crlf(" "))
    if "end-notes" in x:
        out.append(_crlf("\t   ___"))
        out.extend(_crlf("\t   " + line) for line in x["end-notes"].split("\n"))
    return out


def _block_lines(block: Block) -> list[str]:
    """One block as ANPA lines: a paragraph line, a caret subhead, TLI rows (a caret opens a
    header row; DLE before a space inside a cell), lines indented past the paragraph
    indent; a quote, list or figure as a paragraph line and its continuation lines."""
    if isinstance(block, Paragraph):
        return [_ended("\t   " + block.text)]
    if isinstance(block, Heading):
        return [f"^{block.text}="]  # the reader takes one end mark off a caret line
    if isinstance(block, Table):
        return [
            _ended("\x08" + ("^" if number < block.header_rows else "") + ";".join(row).replace(" ", "\x10 "))
            for number, row in enumerate(block.rows)
        ]
    if isinstance(block, Preformatted):
        return [_ended("\t      " + line) for line in block.text.split("\n")]
    first, *rest = _textblocks.render_block(block)
    return [_ended(line) for line in ("\t   " + first, *rest)]


def _ended(line: str) -> str:
    """A text line that ends in what the reader would take for an end mark (``<``, ``=``,
    ``@``), with a real one after it: the reader takes that off, and only that."""
    return f"{line} <" if line.endswith(("<", "=", "@")) else line


def _trailer_of(kept: Story, x: dict[str, str]) -> str:
    """The GMT time stamp after ETX: AP's form with the story's trailer prefix, else Canadian Press's."""
    if kept.published is None:
        return ""
    if "trailer-prefix" in x:
        return f"{x['trailer-prefix']}-{kept.published:%m-%d-%y %H%M}GMT<"
    return f"{kept.published:%H:%M}GMT {kept.published:%d-%m-%y}<"  # no agency to name
