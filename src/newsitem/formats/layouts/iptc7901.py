"""IPTC 7901 wire messages (generic, dpa, SDA and Belga variants).

The grammar (see the docs page ``formats/wire``)::

    [fill] [SOH] service+number SP priority SP category [SP word-count] [SP optional] EOL
    {EOL} {keyword line EOL}          (every line before STX; without STX, lines ending "/")
    [STX] {take marker EOL} headline [EOL By NAME, AFFILIATION] [" ="] EOL
    [editor's note] body (paragraph 1 opens with the dateline) [end note]
    [end matter] [desk tag] [NNNN | (END)] [ETX] date-time group [DEL...] [EOT] [noise]

Fill before SOH (DEL, NUL, SYN, CR, LF) and noise after the date-time group are
skipped with a note. Lines whose columns are set apart by TAB, FS, GS, RS or US
are table rows; any other control byte in text is a space.

Paragraphs: a blank line, a bare LF where soft wraps end in CR LF (dpa), or a
new indentation (Belga) ends a paragraph; soft-wrapped lines are joined with
one space. End matter (``# Notebook`` sections, ``* * * *``, "not for
publication", ``./.``, the desk initials) goes to ``extras``.
"""

from __future__ import annotations

import re
import textwrap
import typing
from collections.abc import Callable
from datetime import datetime, tzinfo

from newsitem import dates
from newsitem.errors import ParseError, SerializeError
from newsitem.formats import _decode, _lenient
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

__all__ = ["carried", "dumps", "loads", "sniff"]

_NAME = "iptc7901"

_HEADER = re.compile(
    r"(?P<service>[A-Za-z]{2,6})(?P<number>\d{2,6}) (?P<priority>\d) (?P<category>[A-Za-z]{1,3})"
    r"(?: (?P<words>\d*))?(?: ++(?P<optional>(?:.*\S)?))?\s*"
)
"""The header line, field by field: the source identifier (2-6 letters) and message number
(2-6 digits: the standard's four, dpa's three, SDA's five ``eca00075``), the priority digit,
the category (1-3 letters), the word count (digits, may be empty) and the optional field.
The optional field ends at its last visible character: a lazy ``.*?``
before ``\\s*`` rescanned the white space at the end from every character (quadratic)."""
_SESSION = re.compile(r"\[\d\d-[A-Za-z]{3}-\d\d +\d\d:\d\d\]")
_AGENCY = re.compile(r"(?:^|\s)(?P<agency>[A-Za-z][A-Za-z-]*?)[ -](?P<number>\d{2,6})(?:\s|$)")
_BELGA_OPTIONAL = re.compile(r"(?P<language>[A-Z]) (?P<agency>[A-Z]+)-(?P<number>\d+)(?: (?P<rest>.*))?")
_DTG = re.compile(
    r"(?P<day>\d\d)(?P<hour>\d\d)(?P<minute>\d\d)(?: (?P<zone>GMT|UTC|MEZ|MESZ|CET|CEST))?"
    r" (?P<month>[^\W\d_]{3,9}\.?) (?P<year>\d\d(?:\d\d)?)"
)
_MARKER = (
    r"(?:REFILE|(?:\d+(?:ST|ND|RD|TH)|\d+\.)"
    r" (?:LEAD|WRITETHRU|NET|ADD|CORRECTION|CORRECTED|REFILE|UPDATE|TAKE|Zusammenfassung)"
    r"|LEAD|EXTRA|CORRECTION|"
    r"CORRECTED|URGENT|EIL(?:T|MELDUNG)?|ALERT|BULLETIN|UPDATE(?: \d+)?|FLASH|WRITETHRU|ADVISORY|"
    r"Zusammenfassung|WDH|Wiederholung|KORREKTUR|Berichtigung|Achtung|PRIORITY)"
)
_MARKERS = re.compile(rf"(?i)\(?{_MARKER} ?\)?(?:(?: - | |-)\(?{_MARKER} ?\)?)*")
"""Take and priority markers, alone or several on a line (``URGENT 2ND LEAD``, ``(Eil )``, ``EIL``,
``ALERT``): never a headline. An ordinal with ``LEAD``, ``NET``, ``ADD``, ``WRITETHRU``,
``CORRECTION``... (``2ND LEAD``, ``3RD NET``) numbers a version or take of the story."""
_PADDING = "\r\n\x16\x7f\x00 \t"
"""What may come before SOH: line ends, SYN, DEL and NUL fill (SDA sends ``DEL DEL CR LF DEL``)."""
_END_MARK = re.compile(r"NNNN|\((?:END|ENDE|FIN|FINE)\)|=?END=?")
"""Marks that end the text (the teleprinter's ``NNNN``, ``(END)``): never body text."""
_DESK_TAG = re.compile(
    r"\((?P<agency>[A-Za-z][A-Za-z-]{1,11})\\?/(?P<desk>[a-zß-ÿ]{1,4}(?:/[a-zß-ÿ]{1,4}){0,3})\)"
)
"""The closing agency/desk tag (SDA's ``(SDA/sj)``, ``(dpa/xx)``; the slash may come escaped,
``(SDA\\/sj)``, as a JSON-minded system writes it): the desk initials, and the source where the
header and the dateline name none."""
_BYTE_NAMES = {"\r": "CR", "\n": "LF", "\x16": "SYN", "\x7f": "DEL", "\x00": "NUL", " ": "SP", "\t": "TAB"}
_GLUED_TAG = re.compile(rf"(?P<text>.*\S)\s+(?P<tag>{_DESK_TAG.pattern})")
_KEYWORD_LINE = re.compile(r"[^\s/]+(?:/[^\s/]+)+/?|\S.*/")
"""A keyword line inside the title block (``Schweiz/Politik``, ``Germany-politics/``)."""
_EDNOTE = re.compile(
    r"(?i)\(?(?:eds?\.?:|(?:editor'?s'? note|note to editors|achtung,? redaktion(?:en)?"
    r"|an die redaktion(?:en)?|hinweis für (?:die )?redaktion(?:en)?|note aux rédactions"
    r"|à l'attention des rédactions)\b)"
)
"""An editor's note before the story (``Editor's note:``, ``Achtung Redaktionen:``): the ednote."""
_SEPARATOR_CONTROLS = "\t\x1c\x1d\x1e\x1f"
"""Column separators of agate and results copy: a line holding them is a table row."""
_SEPARATED = re.compile(r"[\t\x1c-\x1f]")
_COLUMNS = re.compile(f"[{_SEPARATOR_CONTROLS}]+")
_ROW = re.compile(r"\S[\t\x1c-\x1f]+ *\S")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NOTEBOOK = re.compile(r"# \S.*")
"""The heading that opens dpa's notebook (``# Notebook``, ``# dpa NOTEBOOK``): one ``#``; the
sections inside it have more (``## Internet links``), as a subhead of the body does."""
_NOT_FOR_PUBLICATION = re.compile(
    r"(?i)(?:the following information is not (?:intended )?for publication|"
    r"nicht zur veröffentlichung.*)"
)
_STARS = re.compile(r"\*(?: \*){2,}")
_AGENCY_MNEMONICS = (
    "dpa", "afp", "apa", "sda", "ats", "kna", "ap", "rtr", "belga", "anp", "ansa", "awp", "efe", "epa",
)  # fmt: skip
_TAG_DATELINE = re.compile(
    rf"(?P<place>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){{0,3}}) \((?P<agency>(?i:{'|'.join(_AGENCY_MNEMONICS)})"
    rf"(?:[ /](?i:{'|'.join(_AGENCY_MNEMONICS)})){{0,3}})\) +(?=\S)"
)
"""SDA's dateline: the place and the agency tag, no dash (``Paris (ats afp) Les violences``,
``Bern (sda) Der``); the tag's words are agency mnemonics, the first the reporting agency."""
_INITIALS = re.compile(
    rf"(?:{'|'.join(_AGENCY_MNEMONICS)})(?: [a-z]{{2,4}})+|\./\.\s*[A-Za-z]*|{_DESK_TAG.pattern}"
)
_BLOCK_START = re.compile(r"[#>*•|\d-]|(?:Figure|Photo|Picture|Image): ")
"""How the first line of a block in the lines of :mod:`._textblocks` opens (subhead ``##``,
quote ``>``, list ``- `` or ``1. ``, pipe table ``|``, ``Figure:``): other paragraphs are not
offered to ``recognise`` (they are text, and trying costs a pass of five patterns)."""
_BYLINE = re.compile(r"(?i)by \S")
_ONE_WORD = re.compile(r"[^\W\d_][\w-]*")
"""A keyword line of one word (SDA's ``Situation``): letters, no closing punctuation."""


def sniff(text: str) -> tuple[float, str] | None:
    """IPTC 7901: SOH and the header line, or (Belga text files) the header line
    followed by a keyword line ending in ``/``."""
    head = text[:2000]
    if _SESSION.match(head):
        head = head.split("\n", 1)[-1]
    padded = head.lstrip(_PADDING)
    if padded.startswith("\x01") and _HEADER.fullmatch(padded[1:].split("\n", 1)[0].rstrip("\r")):
        return 0.98, "SOH and an IPTC 7901 header line (service+number, priority, category, word count)"
    lines = [line.strip() for line in head.split("\n")[:6]]
    if lines and _HEADER.fullmatch(lines[0]):
        keyword = next((line for line in lines[1:] if line), "")
        if keyword.endswith("/"):
            return 0.9, "an IPTC 7901 header line and a keyword line ending in '/' (no control characters)"
    return None


def _optional_agency(optional: str) -> str | None:
    """The agency the header's optional field names (``dpa 0419``, ``F BELGA-0087``)."""
    belga = _BELGA_OPTIONAL.fullmatch(optional)
    if belga is not None:
        return belga.group("agency")
    agency = _AGENCY.search(optional)
    return None if agency is None else agency.group("agency")


def _error(message: str, text: str, offset: int) -> ParseError:
    return ParseError.at_offset(message, text, offset, format=_NAME)


def _fences(lines: list[_scanner.Line]) -> dict[int, int]:
    """Where each fenced (preformatted) block of the body starts, and the index after it
    (none without a line opening with a fence's backticks: no segmenting then)."""
    if not any(line.text.startswith("```") for line in lines):
        return {}
    found = _textblocks.segments([line.text.rstrip() for line in lines])
    return {segment.start: segment.start + len(segment.lines) for segment in found if segment.fenced}


def _paragraphs(lines: list[_scanner.Line]) -> list[tuple[list[str], str | None]]:
    """Group body lines into paragraphs by the three conventions (kind None); a fenced block
    (``fenced``) or the rows of agate copy (``table``) whole, their lines as sent."""
    joined = "\n".join(line.text for line in lines)
    fences = _fences(lines) if "```" in joined else {}
    if fences:
        inside = {index for start, end in fences.items() for index in range(start, end)}
        plain = [line for index, line in enumerate(lines) if index not in inside]
        indented = any(line.text.startswith("   ") for line in plain)
    else:
        plain = lines
        indented = joined.startswith("   ") or "\n   " in joined
    mixed = any(line.crlf for line in plain) and any(not line.crlf and line.text.strip() for line in plain)
    separated = _SEPARATED.search(joined) is not None  # agate rows may follow
    controlled = _CONTROLS.search(joined) is not None  # control bytes in text become spaces
    if not fences and not separated:
        return _text_paragraphs(lines, mixed=mixed, indented=indented, controlled=controlled)
    blocks: list[tuple[list[str], str | None]] = []
    current: list[str] = []
    index = 0
    while index < len(lines):
        rows = _table_rows(lines, index) if separated else index
        if index in fences or rows > index:
            if current:
                blocks.append((current, None))
                current = []
            kind = "fenced" if index in fences else "table"
            stop = fences.get(index, rows)
            blocks.append(([line.text for line in lines[index:stop]], kind))
            index = stop
            continue
        line = lines[index]
        index += 1
        content = line.text.rstrip()
        if not content.strip():
            if current:
                blocks.append((current, None))
                current = []
            continue
        if current and indented and content.startswith("   "):
            blocks.append((current, None))
            current = []
        stripped = content.strip()
        current.append(" ".join(_CONTROLS.sub(" ", stripped).split()) if controlled else stripped)
        if mixed and not line.crlf:
            blocks.append((current, None))
            current = []
    if current:
        blocks.append((current, None))
    return blocks


def _text_paragraphs(
    lines: list[_scanner.Line], *, mixed: bool, indented: bool, controlled: bool
) -> list[tuple[list[str], str | None]]:
    """:func:`_paragraphs` of a body with no fence and no column separator: text paragraphs
    only, cut by the three conventions, in one pass."""
    blocks: list[tuple[list[str], str | None]] = []
    current: list[str] = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            if current:
                blocks.append((current, None))
                current = []
            continue
        if current and indented and line.text.startswith("   "):
            blocks.append((current, None))
            current = []
        current.append(" ".join(_CONTROLS.sub(" ", stripped).split()) if controlled else stripped)
        if mixed and not line.crlf:
            blocks.append((current, None))
            current = []
    if current:
        blocks.append((current, None))
    return blocks


def _drop_trailing_blanks(lines: list[_scanner.Line]) -> None:
    while lines and not lines[-1].text.strip():
        lines.pop()


_END_MATTER = re.compile(
    rf"{_NOTEBOOK.pattern}|{_STARS.pattern}|{_NOT_FOR_PUBLICATION.pattern.removeprefix('(?i)')}"
    r"|\./\..*",
    re.IGNORECASE,
)
"""What opens the end matter, in one pattern: the notebook heading, ``* * * *``, "not for
publication", ``./.``. (``# `` and ``* `` are matched case-blind: they have no case.)"""
_END_MATTER_FIRST = frozenset("#*.tTnN")
"""The characters an end-matter line can start with: lines starting otherwise are not tried."""


def _is_end_matter(stripped: str) -> bool:
    return stripped[:1] in _END_MATTER_FIRST and _END_MATTER.fullmatch(stripped) is not None


# --- reading: named rules over one state -------------------------------------------------------


class _State:
    """What the IPTC 7901 rules share: the header, the lines up to ETX, the title and the body."""

    def __init__(self, draft: _draft.Draft, text: str) -> None:
        self.draft = draft
        self.text = text
        self.header_end = 0
        self.header_agency: str | None = None
        self.etx = -1
        self.end = len(text)
        self.lines: list[_scanner.Line] = []
        self.index = 0
        self.body: list[_scanner.Line] = []
        self.tail: list[str] = []
        self.late_trailer = ""
        self.end_marks: list[str] = []


def _header(state: _State) -> None:
    """[session stamp] [SOH] service+number priority category word-count [optional]."""
    text, draft = state.text, state.draft
    here = 0
    session = _SESSION.match(text)
    if session is not None:
        draft.add_extra("session", session.group())
        here = text.find("\n", session.end()) + 1 if "\n" in text[session.end() :] else len(text)
    padded = here
    while here < len(text) and text[here] in _PADDING:
        here += 1
    if here < len(text) and text[here] == "\x01":
        if here > padded:
            names = dict.fromkeys(_BYTE_NAMES.get(char, f"U+{ord(char):04X}") for char in text[padded:here])
            draft.note(
                "unreadable",
                f"{here - padded} padding bytes before SOH skipped ({', '.join(names)})",
                line=1,
            )
        here += 1
    header_end = text.find("\n", here)
    header_end = len(text) if header_end == -1 else header_end
    header = _HEADER.fullmatch(text[here:header_end].rstrip("\r"))
    if header is None:
        raise _error(
            "the header line is not 'service+number priority category word-count [optional]'"
            " (as in 'eca062 4 i 211  dpa 061')",
            text,
            here,
        )
    line = _scanner.position(text, here)[0]
    draft.add_extra("service", header.group("service"))
    draft.add_extra("number", header.group("number"))
    priority = header.group("priority")
    draft.set("priority", priority, line=line)
    draft.set("urgency", int(priority) if priority != "0" else None, line=line)
    draft.set("section", header.group("category"), line=line)
    if header.group("words"):
        draft.add_extra("word-count", header.group("words"))
    optional = (header.group("optional") or "").strip()
    state.header_agency = _optional_agency(optional)
    if optional:
        draft.add_extra("optional", optional)
    state.header_end = header_end
    state.etx = text.find("\x03", header_end)
    state.end = state.etx if state.etx != -1 else len(text)
    state.lines = _scan(text, header_end + 1, state.end)


def _scan(text: str, start: int, end: int) -> list[_scanner.Line]:
    """:func:`._scanner.scan` of ``text[start:end]`` (the same lines, numbers, offsets and CR LF
    flags) in one split instead of a search per line: the message's lines after its header."""
    if start >= end:
        return []
    chunk = text[start:end]
    parts = chunk.split("\n")
    if chunk.endswith("\n"):
        parts.pop()  # an LF at the end opens no line
    number = text.count("\n", 0, start) + 1
    out: list[_scanner.Line] = []
    here = start
    make = tuple.__new__  # a NamedTuple's own __new__ is a Python call per line
    for line in parts:
        if line.endswith("\r"):
            out.append(make(_scanner.Line, (number, line.rstrip("\r"), here, True)))
        else:
            out.append(make(_scanner.Line, (number, line, here, False)))
        number += 1
        here += len(line) + 1
    return out


def _keywords(state: _State) -> None:
    """The keyword lines are the slugline: every line between the header and STX (the standard's
    framing, with or without the closing ``/``; a take marker there is a take), or without STX
    (Belga text files) the lines ending in ``/`` (``Germany-politics/``)."""
    lines = state.lines
    index = state.index
    keywords: list[str] = []
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    first = lines[index].number if index < len(lines) else None
    stx = next((i for i in range(index, min(index + 8, len(lines))) if "\x02" in lines[i].text), None)
    while index < len(lines) and (
        (stx is not None and index < stx) or (stx is None and lines[index].text.strip().endswith("/"))
    ):
        line = _CONTROLS.sub(" ", lines[index].text).strip()
        if _MARKERS.fullmatch(line):
            state.draft.add_extra("take", line, append=True)
        elif line:
            keywords.append(line)
        index += 1
    while index < len(lines) and not lines[index].text.strip():
        index += 1
    if index >= len(lines):
        raise _error(
            "no title after the header and keyword lines: the message is truncated", state.text, state.end
        )
    if keywords:
        slugline = "/".join(keyword.rstrip("/").strip() for keyword in keywords)
        state.draft.set("slugline", slugline or None, line=first)
    state.index = index


def _clean(text: str) -> str:
    """A title line as read: STX gone, other control bytes spaces, trimmed."""
    return _CONTROLS.sub(" ", text.replace("\x02", "")).strip()


def _title_end(lines: list[_scanner.Line], start: int) -> int:
    """The last line of the title block: the line ending `` =`` (dpa) within eight lines; else
    the take markers from STX and the one headline line after them (none when the line after
    them is blank or opens the body with its dateline: a story without a headline has none)."""
    for probe in range(start, min(start + 8, len(lines))):
        if lines[probe].text.rstrip().endswith(" =") or lines[probe].text.rstrip() == "=":
            return probe
    probe = start
    while probe < min(start + 4, len(lines) - 1) and _MARKERS.fullmatch(_clean(lines[probe].text)):
        probe += 1
    line = _clean(lines[probe].text)
    dateline = _wire.find_dateline(line)
    if not line or _MARKERS.fullmatch(line) or (dateline is not None and dateline.agency is not None):
        return probe if _MARKERS.fullmatch(line) else probe - 1
    return probe


def _is_title_keyword(rest: list[str], taken: int) -> bool:
    """Whether the first of the title lines left is a keyword line, not the headline's: a keyword
    path (``Schweiz/Politik``), or (SDA, Belga) the one word on the first line after STX over a
    headline line that is not a By line (``Situation``): a soft-wrapped headline fills its line."""
    first = rest[0]
    if _KEYWORD_LINE.fullmatch(first):
        return True
    return (
        taken == 0
        and _ONE_WORD.fullmatch(first) is not None
        and len(rest) > 2 - (_BYLINE.match(rest[-1]) is None and _wire.by_line(rest[-1]) is None)
    )


def _title(state: _State) -> None:
    """From STX to the line ending `` =`` (dpa), else the markers and one line: take markers,
    keyword lines (never the headline), headline, ``By`` line."""
    lines, draft = state.lines, state.draft
    start = state.index
    end = _title_end(lines, start)
    title = [_clean(lines[i].text) for i in range(start, end + 1)]
    if title:
        title[-1] = title[-1].removesuffix("=").rstrip()
    markers = [line for line in title if line and _MARKERS.fullmatch(line)]
    rest = [line for line in title if line and not _MARKERS.fullmatch(line)]
    keywords: list[str] = []
    while len(rest) > 1 and _is_title_keyword(rest, len(keywords)):  # never the last line: the headline's
        keywords.append(rest.pop(0))
    if keywords:
        slug = [draft.fields["slugline"]] if draft.fields.get("slugline") else []
        joined = "/".join(k.rstrip("/").strip() for k in [*slug, *keywords])
        draft.set("slugline", joined or None, line=lines[start].number)
    draft.line = lines[min(start, len(lines) - 1)].number
    # the By line under the headline, or under an empty headline line (STX, then "By ... =")
    under_empty = len(title) > 1 and title[-2] == "" and bool(rest) and title[-1] == rest[-1]
    by_line = (
        rest.pop()
        if (len(rest) > 1 or under_empty)
        and (_BYLINE.match(rest[-1]) or _wire.by_line(rest[-1]) is not None)  # Von A und B, dpa
        else None
    )
    # no headline text (STX " =", or only take markers) is a story without a headline
    headline: str | None = _wire.join_wrapped(rest) or None
    if headline is not None:  # a version or prefix split off never leaves a marker as the headline
        version_split = _wire.split_version(headline) if not markers else (headline, None)
        if version_split[1] is not None and not _MARKERS.fullmatch(version_split[0]):
            headline = version_split[0]
            draft.add_extra("version", version_split[1])
        rest_of, prefix = _wire.split_prefix(headline)
        if prefix and not _MARKERS.fullmatch(rest_of):
            headline = rest_of
            markers.append(prefix)
    if markers:
        draft.add_extra("take", "\n".join(markers), append=True)
    draft.set("headline", headline, line=draft.line)
    if by_line is not None:
        bylines, _organisation = _wire.credited(by_line)  # By dpa correspondents: the agency
        draft.set("bylines", bylines, line=lines[end].number)
    state.body = [
        line._replace(text=line.text.replace("\x02", "")) if "\x02" in line.text else line
        for line in lines[end + 1 :]
    ]


def _end_matter(state: _State) -> None:
    """Notebook sections, ``* * * *`` and what is not for publication, desk initials; the late trailer."""
    body = _end_marks(state)
    end_at = next(
        (
            i
            for i, line in enumerate(body)
            if (opening := line.text.lstrip())[:1] in _END_MATTER_FIRST and _is_end_matter(opening.rstrip())
        ),
        len(body),
    )
    tail = [line.text.strip() for line in body[end_at:] if line.text.strip()]
    body = body[:end_at]
    if state.etx == -1:
        # No ETX (Belga text files): the date-time group is the last line, if it is one.
        if tail and _DTG.fullmatch(tail[-1]):
            state.late_trailer = tail.pop()
        elif not tail:
            _drop_trailing_blanks(body)
            if body and _DTG.fullmatch(body[-1].text.strip()):
                state.late_trailer = body.pop().text.strip()
    if not tail:
        # No notebook: the initials line may still close the body.
        _drop_trailing_blanks(body)
        if len(body) > 1 and _INITIALS.fullmatch(body[-1].text.strip()) and not body[-2].text.strip():
            tail = [body.pop().text.strip()]  # a line of its own, after a paragraph break
    state.body, state.tail = body, tail


def _end_marks(state: _State) -> list[_scanner.Line]:
    """The body without its closing end marks (``NNNN``, ``(END)``: kept in extras, never text)
    and with a desk tag glued to its last line (``... Armee. (SDA/sj)``) on a line of its own."""
    body = list(state.body)
    marks: list[str] = []
    while body and (not body[-1].text.strip() or _END_MARK.fullmatch(body[-1].text.strip())):
        line = body.pop()
        if line.text.strip():
            marks.insert(0, line.text.strip())
    state.end_marks = marks  # in extras after the body's (input order)
    glued = _GLUED_TAG.fullmatch(body[-1].text.strip()) if body else None
    if glued is not None:
        last = body.pop()
        blank = last._replace(text="")
        body += [last._replace(text=glued.group("text")), blank, last._replace(text=glued.group("tag"))]
    return body


def _table_rows(lines: list[_scanner.Line], index: int) -> int:
    """The index after the rows of agate or results copy from ``index`` (lines holding column
    separators: TAB, FS, GS, RS, US); ``index`` itself when there is no such line."""
    end = index
    while end < len(lines) and _ROW.search(lines[end].text):
        end += 1
    return end if end - index > 1 else index


def _table(lines: list[str]) -> Table:
    """Rows split at their column separators, each cell trimmed, other control bytes spaces."""
    rows = [
        [" ".join(_CONTROLS.sub(" ", cell).split()) for cell in _COLUMNS.split(line.strip())]
        for line in lines
    ]
    return Table(rows=rows)


def _paragraphs_rule(state: _State) -> None:
    """The paragraphs (agate rows a table); editor's notes before the story are the ednote;
    the first paragraph opens with the dateline, whose agency tag is the source (else the
    header's agency, else the closing desk tag's)."""
    draft = state.draft
    blocks: list[Block] = []
    ednotes: list[str] = []
    agency_tag = None
    opened = False
    first = state.body[0].number if state.body else None
    for lines, kind in _paragraphs(state.body):
        if kind == "table":
            blocks.append(_table(lines))
            continue
        if kind == "fenced":
            lines[:] = [_CONTROLS.sub(" ", line) for line in lines]
        said = (
            _textblocks.recognise(_textblocks.Segment(0, lines, kind == "fenced"))
            if kind == "fenced" or _BLOCK_START.match(lines[0])
            else None
        )
        if isinstance(said, Heading) and "\n" in said.text:  # a subhead soft-wrapped, as a paragraph is
            said = Heading(runs=[_wire.join_wrapped(said.text.split("\n"))], level=said.level)
        if said is not None:  # a subhead, quote, list, table... in the plain-text conventions
            blocks.append(said)
            continue
        text = _wire.join_wrapped(lines)
        if not blocks and not opened and _EDNOTE.match(text):
            ednotes.append(text)
            continue
        if not blocks and not opened:  # the first paragraph opens with the dateline
            text, agency_tag = _take_dateline(draft, text, first)
        opened = True
        if text.strip():
            blocks.append(Paragraph.plain(text))
    draft.set("body", blocks, line=first)
    if ednotes:
        draft.set("ednote", "\n".join(ednotes), line=first)
    if draft.fields.get("headline") is None and not blocks:
        raise _error("no headline and no text: the message says nothing", state.text, state.end)
    closing = _DESK_TAG.fullmatch(state.tail[-1]) if state.tail else None
    source_name = agency_tag or state.header_agency or (closing.group("agency") if closing else None)
    if source_name is not None:
        draft.set("source", Source(name=source_name))


def _take_dateline(draft: _draft.Draft, text: str, line: int | None) -> tuple[str, str | None]:
    """The first paragraph without its dateline, and the reporting agency of its tag: the shared
    wire forms (``Luxembourg (dpa) -``), else SDA's tag with no dash (``Paris (ats afp) Les``)."""
    text, found = draft.take_dateline(text, line=line)
    if found is not None:
        return text, None if found.agency is None else found.agency.split(" ")[0]
    sda = _TAG_DATELINE.match(text)
    if sda is None or not sda.group("place")[0].isupper():
        return text, None
    draft.set("dateline", sda.group("place"), line=line)
    draft.add_extra("dateline-agency", sda.group("agency"), line=line)
    return text[sda.end() :], sda.group("agency").split(" ")[0]


def _tail(state: _State) -> None:
    """The end matter into extras: notebook, not for publication, initials."""
    tail, draft = state.tail, state.draft
    if not tail:
        _end_mark_extra(state)
        return
    initials = tail.pop() if _INITIALS.fullmatch(tail[-1]) else None
    split = next((i for i, line in enumerate(tail) if _STARS.fullmatch(line)), None)
    notebook, private = (tail, []) if split is None else (tail[:split], tail[split + 1 :])
    if notebook:
        draft.add_extra("notebook", "\n".join(notebook))
    if private:
        draft.add_extra("not-for-publication", "\n".join(private))
    if initials is not None:
        draft.add_extra("initials", initials)
    _end_mark_extra(state)


def _end_mark_extra(state: _State) -> None:
    """The end marks (``NNNN``, ``(END)``) into extras, after what the body gave."""
    if state.end_marks:
        state.draft.add_extra("end-mark", "\n".join(state.end_marks))


def _trailer(state: _State) -> None:
    """The date-time group after ETX (``131137 GMT Nov 13``) is ``published``; another trailer is kept."""
    text, draft = state.text, state.draft
    line, column = _scanner.position(text, state.end)
    trailer = _after_etx(state, line) if state.etx != -1 else state.late_trailer
    if not trailer:
        return
    when = _DTG.fullmatch(trailer.split("\n", 1)[0].strip())
    month = dates.month_number(when.group("month")) if when is not None else None
    if when is None or month is None:
        draft.add_extra("trailer", trailer)
        draft.note(
            "unreadable",
            "the trailer is not a date-time group; kept in extras['iptc7901.trailer']",
            line=line,
        )
        return
    try:
        naive = datetime(  # noqa: DTZ001 - a printed zone is applied by the draft
            dates.full_year(when.group("year")),
            month,
            int(when.group("day")),
            int(when.group("hour")),
            int(when.group("minute")),
        )
    except ValueError as exc:
        raise _error(f"impossible date-time group {when.group()!r}: {exc}", text, state.end) from None
    draft.take_time(naive, when.group("zone"), line=line, column=column)


def _after_etx(state: _State, line: int) -> str:
    """The trailer after ETX: its date-time group line, the fill (DEL, NUL, EOT) dropped; the
    noise after a date-time group (or after EOT) skipped with a note."""
    after = state.text[state.end + 1 :]
    eot = after.find("\x04")
    noise = after[eot + 1 :] if eot != -1 else ""
    trailer = (after[:eot] if eot != -1 else after).translate(_FILL).strip()
    first, _, rest = trailer.partition("\n")
    if _DTG.fullmatch(first.strip()):
        noise, trailer = rest + noise, first.strip()
    skipped = len(noise.translate(_FILL).strip())
    if skipped:
        state.draft.note(
            "unreadable",
            f"{skipped} characters of noise after the end of the message (ETX) skipped",
            line=line,
        )
    return trailer


_FILL = str.maketrans("", "", "\x7f\x00\x04\x16")

_RULES: tuple[Callable[[_State], None], ...] = (
    _header,
    _keywords,
    _title,
    _end_matter,
    _paragraphs_rule,
    _tail,
    _trailer,
)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one IPTC 7901 message.

    Args:
        data: The message, as bytes (UTF-8, else Windows-1252, else ISO-8859-1,
            the fallback a ``charset-guessed`` note) or text.
            Bytes keep the CR LF / LF distinction dpa's paragraphs depend on.
        tz: The zone of a date-time group printed without ``GMT``; without it
            the time stays naive.

    Raises:
        ParseError: no header line, no title, or an impossible date-time group.
        ValidationError: a value the model refuses, located at its line.
    """
    text, charset = _decode.decode(data, layout=_NAME, controls=True)
    draft = _draft.Draft(_NAME, text, tz=tz)
    draft.charset(charset)
    return _draft.run(_RULES, _State(draft, text))


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = (  # in the order the reader meets them
    "service",
    "number",
    "word-count",
    "optional",
    "take",
    "dateline-agency",
    "notebook",
    "not-for-publication",
    "initials",
)


def carried(story: Story) -> Story:
    """The fields of ``story`` an IPTC 7901 message carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (none: an empty headline line), author bylines (persons
    with one shared affiliation, else the organisations credited as authors;
    none under a headline ending in `` =``, which ends the title block),
    source name (as the agency of the optional header field, or of a closing
    ``(SDA/sj)`` desk tag kept in ``iptc7901.initials``), published in
    UTC to the minute (the date-time group is GMT; years 1950-2049; a day
    without a time is not printed), dateline (with the first paragraph, when
    a paragraph opens the body), section (1-3 letters, ``i`` when absent),
    priority (one digit, ``3`` when absent) and urgency equal to it,
    slugline, and the ``iptc7901.*`` extras the writer uses (a header field
    that does not fit its place takes the default or goes). Without a
    headline, the summary is the body's first paragraph; with one, it goes.
    A headline that reads as a take marker (``BULLETIN``, ``URGENT``) is kept
    as the last take marker (``iptc7901.take``) of a story without a headline;
    a story with nothing else (no body or summary) is a SerializeError.

    The body, marks dropped: paragraphs soft-wrapped at 69 columns (white
    space collapsed); subheads (``##``, the level kept), quotes, lists, pipe
    tables, fenced preformatted copy and figures as the lines of
    :mod:`._textblocks` (a subhead, a quote's paragraphs and a list's items
    on one line each). What the reader's conventions would read otherwise
    (a paragraph opening ``- ``, a line ``* * *`` that starts the end
    matter...) is stated by writing and reading back.
    """
    return _carried(story)[0]


def _carried(story: Story) -> tuple[Story, bytes | None]:
    """The projection of :func:`carried`, and its text when it was written in settling it."""
    headline = _wire.one_line(story.headline)
    marker = headline if headline is not None and _MARKERS.fullmatch(headline) else None
    if marker is not None:  # BULLETIN reads as a take marker: kept as one, under no headline
        headline = None
    # a headline that ends the title block (`` =``) leaves no line for a By line under it
    ends_title = headline is not None and (headline == "=" or headline.endswith(" ="))
    authors = [] if ends_title else [b for b in story.bylines if b.role is Role.AUTHOR]
    persons = [b for b in authors if b.kind is BylineKind.PERSON]
    affiliations = {b.affiliation for b in persons}
    affiliation = affiliations.pop() if len(affiliations) == 1 else None
    bylines = [Byline(name=b.name, affiliation=affiliation) for b in persons] or [
        Byline(name=b.name, kind=BylineKind.ORGANISATION) for b in authors
    ]
    body = _blocks_of(story, headline_less=headline is None)
    extras = {f"{_NAME}.service": "nit", f"{_NAME}.number": "0001"}
    extras.update(
        (key, value) for key, value in story.extras.items() if key.removeprefix(f"{_NAME}.") in _KEEP_EXTRAS
    )
    if marker is not None:
        if not body:
            raise SerializeError(
                f"IPTC 7901 cannot print the headline {marker!r}: it reads as a take marker,"
                " and the story has no body or summary to carry"
            )
        take = extras.get(f"{_NAME}.take")
        extras[f"{_NAME}.take"] = f"{take}\n{marker}" if take else marker
    for key, default in (("service", "nit"), ("number", "0001"), ("word-count", None)):
        value = extras.get(f"{_NAME}.{key}")  # header fields that do not fit take the default or go
        if value is not None and _HEADER_VALUES[key].fullmatch(value) is None:
            extras[f"{_NAME}.{key}"] = default or ""
            if default is None:
                del extras[f"{_NAME}.{key}"]
    optional = extras.get(f"{_NAME}.optional")
    if optional is not None and not (optional.isprintable() and optional == optional.strip() and optional):
        del extras[f"{_NAME}.optional"]  # the header line's free field holds one trimmed line
    # the agency the header's optional field names is the source read back: the tag follows it
    closing = _DESK_TAG.fullmatch(extras.get(f"{_NAME}.initials", ""))
    wanted = (
        story.source.name
        if story.source is not None
        else _optional_agency(extras.get(f"{_NAME}.optional", ""))
        or (closing.group("agency") if closing else None)
    )
    dateline = story.dateline if body and isinstance(body[0], Paragraph) else None  # it opens paragraph 1
    # the dateline names the agency, as dpa copy does
    by_tag = closing is not None and closing.group("agency") == wanted  # (SDA/sj) names it: no more
    tag = _wire.dateline_agency(
        extras.pop(f"{_NAME}.dateline-agency", None), dateline, None if by_tag else wanted, dash="-"
    )
    if tag is not None:
        extras[f"{_NAME}.dateline-agency"] = tag
    if (
        wanted is not None
        and f"{_NAME}.optional" not in extras
        and wanted not in (tag, (tag or "").split(" ")[0])  # (ats afp) reads back as source ats
        and not by_tag
        and _optional_agency(f"{wanted} 0001") == wanted
    ):
        extras[f"{_NAME}.optional"] = f"{wanted} {extras[f'{_NAME}.number']}"
    published = _wire.gmt_minute(story.published)
    priority = story.priority if story.priority is not None and story.priority in "123456789" else "3"
    closing = _DESK_TAG.fullmatch(extras.get(f"{_NAME}.initials", ""))  # (SDA/sj): the last word
    source_name = (
        extras.get(f"{_NAME}.dateline-agency", "").split(" ")[0]  # (ats afp): SDA reports, from AFP
        or _optional_agency(extras.get(f"{_NAME}.optional", ""))
        or (closing.group("agency") if closing else None)
    )
    kept = Story(
        headline=headline,
        bylines=bylines,
        source=None if source_name is None else Source(name=source_name),
        published=published,
        dateline=dateline,
        section=story.section if story.section and _CATEGORY.fullmatch(story.section) else "i",
        slugline=story.slugline,
        priority=priority,
        urgency=int(priority),
        body=body,
        extras=[
            (f"{_NAME}.{key}", extras[f"{_NAME}.{key}"]) for key in _KEEP_EXTRAS if f"{_NAME}.{key}" in extras
        ],
    )
    try:
        return _wire.settle(kept, _write, loads, plain=_plain, rounds=6)  # by-line splits may take 5
    except SerializeError as exc:
        if "says nothing" not in str(exc):
            raise
        if marker is None:  # a summary of control bytes (DEL), text that reads as end matter (./.)
            raise SerializeError(
                "IPTC 7901 cannot print the story: it has no body or summary to carry (its text"
                " reads as end matter or control bytes, so the message says nothing)"
            ) from exc
        raise SerializeError(  # BULLETIN over a text that reads as end matter (# Notebook, ./.)
            f"IPTC 7901 cannot print the headline {marker!r}: it reads as a take marker,"
            " and the story has no body or summary to carry (its text reads as end matter)"
        ) from exc


def _blocks_of(story: Story, *, headline_less: bool) -> list[Block]:
    """The body as the layout says it: paragraphs soft-wrapped, the other blocks in the lines
    of :mod:`._textblocks` (subheads ``##``, quotes, lists, pipe tables, fenced preformatted
    copy, ``Figure:`` lines), marks dropped; a subhead, quote paragraph or list item on one line.
    Without a headline, an abstract has no line: it is the first paragraph."""
    out: list[Block] = []
    if headline_less and story.summary is not None and (summary := _wire.collapsed(story.summary)):
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
            out.append(
                Quote(
                    body=[Paragraph.plain(_wire.collapsed(p.text) or "") for p in block.body],
                    attribution=_wire.one_line(block.attribution),
                )
            )
        elif isinstance(block, ListBlock):
            out.append(
                ListBlock(items=[_wire.collapsed(p.text) or "" for p in block.items], ordered=block.ordered)
            )
        else:
            out.append(_textblocks.plain(block))
    return out


_CATEGORY = re.compile(r"[A-Za-z]{1,3}")
_HEADER_VALUES = {  # extras printed on the header line, as the reader reads them back
    "service": re.compile(r"[A-Za-z]{2,6}"),
    "number": re.compile(r"\d{2,6}"),
    "word-count": re.compile(r"\d{1,9}"),
}


def _plain_lines(value: str) -> list[str] | None:
    """The lines of an end-matter extra when each is printable, non-blank and trimmed; else None."""
    lines = value.split("\n")
    fits = all(line and line.isprintable() and line == line.strip() for line in lines)
    return lines if fits and not any(_STARS.fullmatch(line) for line in lines) else None


def _plain_extras(extras: dict[str, str], has_body: bool) -> bool:
    """Whether the ``iptc7901.*`` extras the writer prints read back as themselves: header
    fields that fit, and end matter the reader finds where the writer puts it."""
    for key, pattern in _HEADER_VALUES.items():
        if key in extras and pattern.fullmatch(extras[key]) is None:
            return False
    optional = extras.get("optional")
    if optional is not None and not (
        optional.isprintable() and optional == optional.strip() and optional and not optional[0].isdigit()
    ):
        return False
    notebook = _plain_lines(extras["notebook"]) if "notebook" in extras else []
    private = _plain_lines(extras["not-for-publication"]) if "not-for-publication" in extras else []
    initials = extras.get("initials")
    if notebook is None or private is None or (notebook and not _NOTEBOOK.fullmatch(notebook[0])):
        return False
    if initials is not None and (_INITIALS.fullmatch(initials) is None or initials != initials.strip()):
        return False
    last = (notebook + private)[-1:] if initials is None else []
    known = {"service", "number", "word-count", "optional", "notebook", "not-for-publication", "initials"}
    return (
        set(extras) <= known
        and not any(_INITIALS.fullmatch(line) for line in last)
        and (has_body or initials is None or bool(notebook or private))
    )


_SEPARATORS = re.compile(r",| and | & ")
_END_WORDS = re.compile(r"(?i)publication|nicht zur ver")


def _plain_first_paragraph(story: Story, agency: str | None) -> bool:
    """The first paragraph, with the dateline written before it, reads back as the dateline and itself."""
    text = story.body[0].text
    if story.dateline is None:  # neither the wire forms nor SDA's dash-less tag (Paris (ats afp) Les)
        return _wire.find_dateline(text) is None and _TAG_DATELINE.match(text) is None
    written = _wire.with_dateline(text, story.dateline, agency, dash="-")
    found = _wire.find_dateline(written)
    return (
        found is not None
        and (found.place, found.agency, found.date) == (story.dateline, agency, None)
        and written[found.end :] == text
    )


def _plain(story: Story) -> bool:
    """The quick pre-check of the settle: a story of plain words, the writer's default extras
    only (and the dateline's tag), no take, version or end matter look-alikes, reads back as itself."""
    extras = dict(story.extras)
    agency = extras.pop(f"{_NAME}.dateline-agency", None)
    affiliation = story.bylines[0].affiliation if story.bylines else None
    if not all(isinstance(block, Paragraph) for block in story.body):
        return False  # subheads, tables and the rest: written and read back (the settle)
    texts = [p.text for p in story.body]
    headline = story.headline or ""
    return (
        _plain_extras({key.removeprefix(f"{_NAME}."): value for key, value in extras.items()}, bool(texts))
        and _wire.is_plain(story.headline)
        and _MARKERS.fullmatch(headline) is None
        and _wire.split_version(headline)[1] is None
        and _wire.split_prefix(headline)[1] is None
        and _wire.is_plain(story.slugline)
        and all(
            b.kind is BylineKind.PERSON
            and _wire.is_plain(b.name)
            and not _wire.is_organisation(b.name)
            and _wire.OF.search(b.name) is None  # Jane Doe of BBC News: a person and an affiliation
            and not _SEPARATORS.search(f" {b.name} ")
            for b in story.bylines
        )
        and (affiliation is None or _wire.is_organisation(affiliation))
        and (
            affiliation is None
            or (_wire.is_plain(affiliation) and not _SEPARATORS.search(f" {affiliation} "))
        )
        and _wire.prints_back([b.name for b in story.bylines], affiliation)  # Ann und Bob: two persons
        and all(
            _wire.is_plain(text)
            and not _END_WORDS.search(text)
            and _textblocks.recognise(_textblocks.Segment(0, [text], False)) is None
            for text in texts
        )
        and (not texts or _INITIALS.fullmatch(texts[-1]) is None)
        and (not texts or _END_MARK.fullmatch(texts[-1]) is None)  # NNNN, (END): end marks
        and (not texts or _EDNOTE.match(texts[0]) is None)  # Eds: an editor's note
        and _DESK_TAG.fullmatch(extras.get(f"{_NAME}.initials", "")) is None  # (SDA/sj): a source
        and (not texts or _plain_first_paragraph(story, agency))
        and (agency is None or story.dateline is not None)
    )


def _wrap(text: str, width: int = 69) -> list[str]:
    """Soft wraps at ``width`` columns, between words only (a longer word stands alone)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def dumps(story: Story, *, lossy: bool = False) -> bytes:
    """Write ``story`` as a dpa-style IPTC 7901 message (UTF-8; soft wraps at 69
    columns end in CR LF, paragraphs are separated by a bare LF).

    Raises:
        SerializeError: a field the layout cannot carry would be lost (pass
            ``lossy=True`` to write what :func:`carried` keeps).
    """
    kept, written = _carried(story)
    if not lossy:
        _lenient.refuse_loss("IPTC 7901", _lenient.lost_fields(story, kept))
    return _write(kept) if written is None else written


def _write(kept: Story) -> bytes:
    """``kept`` (a projection :func:`carried` made) as a message."""
    x = {key.removeprefix(f"{_NAME}."): value for key, value in kept.extras.items()}
    header = f"{x['service']}{x['number']} {kept.priority} {kept.section} {x.get('word-count', '')}"
    if "optional" in x:
        header += "  " + x["optional"]
    out = ["\x01" + header.rstrip() + "\r\n", "\n"]
    if kept.slugline is not None:
        out.append(kept.slugline + "/\r\n")
    out.append(_title_block(kept, x))
    for index, block in enumerate(kept.body):
        out.append("\n")
        if not isinstance(block, Paragraph):  # the lines of _textblocks, as they are (tables are not wrapped)
            out.append("".join(line + "\r\n" for line in _textblocks.render_block(block)))
            continue
        text = block.text
        if index == 0 and kept.dateline is not None:
            text = _wire.with_dateline(text, kept.dateline, x.get("dateline-agency"), dash="-")
        out.append("".join(line + "\r\n" for line in _wrap(" ".join(text.split()))))
    out.extend(_end_matter_lines(x))
    out.append("\r\n\x03")
    if isinstance(kept.published, datetime):  # carried() keeps a time in UTC, never a day
        p = kept.published
        month = dates.MONTH_ABBREVIATIONS[p.month - 1]
        out.append(f"{p.day:02d}{p.hour:02d}{p.minute:02d} GMT {month} {p.year % 100:02d}\r\n")
    out.append("\x7f\n\x7f\x04")
    return "".join(out).encode("utf-8")


def _title_block(kept: Story, x: dict[str, str]) -> str:
    """STX, the take markers, the headline and the By line, ended by `` =``.

    Raises:
        SerializeError: the headline would read as a take marker (or as nothing).
    """
    seen = kept.headline or ""  # the headline line as the reader sees it: its own " =" ends the title block
    if kept.bylines and (seen.endswith(" =") or seen == "="):
        seen = seen.removesuffix("=").rstrip()
    if kept.headline is not None and (not seen or _MARKERS.fullmatch(seen)):
        raise SerializeError(
            f"IPTC 7901 cannot print the headline {kept.headline!r}: it reads as a take marker"
        )
    headline = kept.headline or ""  # no headline: an empty headline line (STX, then " =")
    title = [*x.get("take", "").split("\n"), headline] if "take" in x else [headline]
    if kept.bylines:
        joined = _wire.join_names([b.name for b in kept.bylines])
        affiliation = kept.bylines[0].affiliation
        title.append(f"By {joined}, {affiliation}" if affiliation else f"By {joined}")
    return "\x02" + "\n".join(title) + " =\r\n"


def _end_matter_lines(x: dict[str, str]) -> list[str]:
    """The notebook, the not-for-publication block after ``* * * *`` and the desk initials."""
    out: list[str] = []
    if "notebook" in x:
        out.append("\n" + "".join(line + "\r\n" for line in x["notebook"].split("\n")))
    if "not-for-publication" in x:
        out.append("\n* * * *\r\n" + "".join(line + "\r\n" for line in x["not-for-publication"].split("\n")))
    if "initials" in x:
        out.append("\n" + x["initials"] + "\r\n")
    return out
