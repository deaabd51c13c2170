"""E-mail reading, the body side: which MIME part holds the text, and the
conventions of a mailed story or press release read off its lines.

Preamble (``Media release``, an organisation line, contacts and an embargo before the
dateline), an editor's note (the ednote), template fields (``Headline:``, ``Abstract:``), a
slug and ``By`` line (people, or organisations: ``By The Associated Press``), the
dateline, the body's blocks (paragraphs of soft-wrapped lines, and the text-block
conventions of ``layouts/_textblocks.py`` where the body has blank lines), the desk
sign-off, ``###`` and the contact block, a disclaimer and the ``-- `` signature.
What has no typed home goes to extras in the order it stands in the body. Forwarded
messages are found here too (:func:`forwarded`, :func:`quoted_message`).
"""

from __future__ import annotations

import email.message
import re
from collections.abc import Iterator
from typing import Any

from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _textblocks as _blocks
from newsitem.formats.layouts._draft import Draft
from newsitem.formats.layouts._email_headers import NAME, Notes, Place, decode_bytes
from newsitem.model import Block, Preformatted

_Unit = tuple[list[str], int, Block | None]
"""A unit of the body: its lines, the index of its first line, and the block it says
(None for paragraph lines)."""

_PREAMBLE = re.compile(
    r"(?i)(?:media release|press release|news release|for immediate release|media advisory|media statement|"
    r"statement|for immediate distribution)"
)
_EMBARGO = re.compile(
    r"(?i)(?:embargo(?:ed)?\b.*|(?:not for|hold for) (?:release|publication|broadcast)\b.*|"
    r"for release (?!immediately\b).+)"
)
_CONTACT = re.compile(
    r"(?i)(?:(?:(?:media|press|news|investor|public)\s+)?(?:contacts?|enquiries|inquiries)|"
    r"for (?:further|more) information)(?:\s*:.*|\s*)"
)
_CONTACT_TAIL = re.compile(
    r"(?i)(?:media|press|news)\s+(?:contacts?|enquiries|inquiries)\s*(?::.*)?|contacts?\s*:.*"
)
"""A contact block closing a release without ``###``: after a blank line, a few lines at the end."""
_CONTACT_LINES = 8
_EDNOTE = re.compile(
    r"(?i)(?:editor[’']?s[’']?\s+note|editorial\s+note|notes?\s+to\s+editors?)\s*(?::|--?|—|–)\s*(?=\S)"
)
"""An editor's note opening a paragraph before the story (``Editor's note:``, ``EDITOR'S NOTE —``)."""
_FORWARD_MARK = re.compile(
    r"-{2,}\s*(?:Forwarded [Mm]essage|Original Message)\s*-{2,}|Begin forwarded message:"
)
"""The line mail programs put before a forwarded or quoted message."""
_PREAMBLE_WIDTH = 80
"""The longest line of a release preamble before a dateline (an organisation, a contact)."""
_TEMPLATE = re.compile(
    r"(?P<key>Headline|Abstract|Summary|Slug|Byline|Dateline|Keywords?)\s*:\s*(?P<value>.*)"
)
_BY = re.compile(r"(?i)by\s")


def _is_by(line: str) -> bool:
    """Whether a head line is the by line: ``By ...``, or one in another language (``Von A und B``)."""
    return _BY.match(line) is not None or _wire.by_line(line) is not None


_SIGNATURE = re.compile(r"--\s*")
_DISCLAIMER = re.compile(r"_{20,}|-{20,}")
_END = re.compile(r"(?i)###|#\s#\s#|-ends?-|ends|-30-")
_HEAD_REACH = 12
_SLUG_WIDTH = 40
_HEAD_LINE_WIDTH = 60


def body_part(message: email.message.Message) -> tuple[email.message.Message | None, list[str]]:
    """The part holding the text (plain before HTML) and the attachments' descriptions."""
    plain = html = None
    attachments: list[str] = []
    for part in own_parts(message):
        kind = part.get_content_type()
        disposition = str(part.get("Content-Disposition") or "").lower()
        filename = _filename(part)
        if filename or disposition.startswith("attachment") or not kind.startswith("text/"):
            attachments.append(f"{filename or '(unnamed)'} ({kind})")
        elif kind == "text/plain" and plain is None:
            plain = part
        elif kind == "text/html" and html is None:
            html = part
    return plain or html, attachments


def own_parts(message: email.message.Message) -> Iterator[email.message.Message]:
    """The message's leaf parts in order, without those of a forwarded message (a
    ``message/rfc822`` part is read as a message of its own: :func:`forwarded`)."""
    stack = [message]
    while stack:
        part = stack.pop()
        if part.get_content_type() == "message/rfc822":
            continue
        if (
            part.is_multipart()
        ):  # (a leaf's payload is never asked for undecoded: its charset may be unusable)
            inner = part.get_payload()
            stack.extend(reversed([item for item in inner if isinstance(item, email.message.Message)]))
        else:
            yield part


def forwarded(message: email.message.Message) -> email.message.Message | None:
    """The message a ``message/rfc822`` part of ``message`` holds (the first one; the message
    itself when it is one), or None."""
    for part in message.walk():
        inner = (
            part.get_payload()
            if part.is_multipart() and part.get_content_type() == "message/rfc822"
            else None
        )
        if isinstance(inner, list) and inner and isinstance(inner[0], email.message.Message):
            return inner[0]
    return None


def own_text(text: str) -> str | None:
    """The forwarding message's own text as a note: its blank-line blocks, each joined into
    one line, without a ``-- `` signature or the forwarding marker line; None when blank."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = next((index for index, line in enumerate(lines) if _is_signature(line.rstrip())), len(lines))
    kept = [line for line in lines[:cut] if _FORWARD_MARK.fullmatch(line.strip()) is None]
    blocks = [_wire.join_wrapped(block) for block in _wire.blocks_of(kept)]
    return "\n".join(block for block in blocks if block.strip()) or None


_QUOTED_FIELD = re.compile(r"\*?(?P<name>From|Sent|Date|To|Cc|Reply-To|Subject)\*?:[ \t]*(?P<value>.*)")
_LONG_DATE = re.compile(
    r"(?:[A-Za-z]+,\s+)?(?P<month>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})(?:,?\s+at)?"
    r"\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<half>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s+(?P<zone>[A-Z]{2,5}|[+-]\d{4}))?"
)
"""The date a mail program prints in a forwarded message (``Tue, Nov 5, 2019 at 4:00 PM``,
``Tuesday, November 5, 2019 4:00 PM``), read into RFC 5322's form."""
_MAILTO = re.compile(r"\[mailto:(?P<address>[^\]\s]+)\]")


def quoted_message(text: str) -> tuple[bytes, int, str] | None:
    """A message forwarded in ``text``: its bytes (the quoted From, Subject, Date/Sent, To
    lines as its header fields, then what follows), the index of its first line in ``text``
    and the text before the forwarding mark; None without a mark followed by From and Subject."""
    if "orwarded" not in text and "Original Message" not in text:
        return None  # every forwarding mark holds one of these: the lines need no look
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    mark = next((index for index, line in enumerate(lines) if _FORWARD_MARK.fullmatch(line.strip())), None)
    if mark is None:
        return None
    first = mark + 1
    while first < len(lines) and first <= mark + 2 and not lines[first].strip():
        first += 1
    header: list[str] = []
    index = first
    while index < len(lines) and (field := _QUOTED_FIELD.fullmatch(lines[index].strip())) is not None:
        name, value = field.group("name").title(), field.group("value")
        if name in ("Sent", "Date"):
            name, value = "Date", _rfc_date(value)
        header.append(f"{name}: " + _MAILTO.sub(r"<\g<address>>", value))
        index += 1
    if not {"From", "Subject"} <= {line.split(":", 1)[0] for line in header}:
        return None
    raw = "\n".join([*header, "", *lines[index:]]).encode("utf-8", "surrogateescape")
    return raw, first, "\n".join(lines[:mark])


def _rfc_date(value: str) -> str:
    """A mail program's printed date in RFC 5322's form (no zone when none is printed);
    another form as it is."""
    found = _LONG_DATE.fullmatch(value.strip())
    if found is None:
        return value
    hour = int(found.group("hour"))
    half = (found.group("half") or "").lower()[:1]
    if half and hour <= 12:
        hour = hour % 12 + (12 if half == "p" else 0)
    second = found.group("second") or "00"
    zone = f" {found.group('zone')}" if found.group("zone") else ""
    return (
        f"{found.group('day')} {found.group('month').title()} {found.group('year')} "
        f"{hour:02d}:{found.group('minute')}:{second}{zone}"
    )


def _filename(part: email.message.Message) -> str | None:
    """The part's file name; an RFC 2231 name in an unusable charset is taken as sent."""
    try:
        return part.get_filename()
    except (LookupError, UnicodeError, ValueError):
        raw = part.get_param("filename", header="content-disposition")
        value = raw[2] if isinstance(raw, tuple) else raw
        return str(value) if value else None


def payload(part: email.message.Message, place: Place, found: Notes) -> str:
    """The part's text, its transfer encoding and charset undone."""
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    return decode_bytes(raw, part.get_content_charset(), place, found)


class Release:
    """The conventions of a mailed story or press release, read off the body's lines
    into a :class:`~newsitem.formats.layouts._draft.Draft` (fields with their lines,
    extras in body order, the dateline taken as every layout takes it).

    Args:
        text: The body text.
        first_line: The input line the body's first line stands on, when the body
            is the message's own unencoded text; otherwise every position is
            ``body_line``.
        body_line: The line where the message's body starts.
    """

    def __init__(self, text: str, *, first_line: int | None, body_line: int) -> None:
        self.draft = Draft(NAME, text)
        self.first_line = first_line
        self.body_line = body_line
        self.headline: str | None = None
        self.paragraphs: list[tuple[str | Block, int]] = []
        """The body's blocks (a paragraph as its text) and the lines they start on."""

    def field(self, name: str) -> Any:
        """A Story field the body set (None when it did not)."""
        return self.draft.fields.get(name)

    def line_of(self, field: str) -> int:
        """The line a field was read on (the body's first line when unknown)."""
        return self.draft.positions.get(field, (self.body_line, 1))[0]

    def _line(self, index: int) -> int:
        return self.body_line if self.first_line is None else self.first_line + index

    def read(self, *, flowed: bool, subject: str | None, sender: str | None = None) -> None:
        """Read the body (``flowed``: RFC 3676 format=flowed); ``subject`` may be repeated on top,
        and ``sender`` (the From field's name) may open a release as its organisation line."""
        text = self.draft.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        raw = _unflow(text) if flowed else text
        lines = [line.rstrip() for line in raw]
        tails = self._tails(lines)
        if not any(key == "contact" for key, _ in tails):
            tails = _contact_tail(lines, tails)
        story_lines = lines[: tails[0][1]] if tails else lines
        units = _units(story_lines, raw)
        head = _dated_head(units)
        if head is None:
            head = _head_length(units, sender)
        self._read_head(units[:head], subject)
        texts: list[tuple[str | Block, int]] = [
            (_wire.join_wrapped(block_lines) if block is None else block, start)
            for block_lines, start, block in units[head:]
        ]
        texts, sign_off = _split_sign_off(texts)
        repeated = {self.headline, subject} - {None}
        while texts and (texts[0][0] in repeated or self._ednote(texts[0][0], texts[0][1])):
            texts = texts[1:]  # the headline repeated at the top of the release; an editor's note
        if texts and isinstance(texts[0][0], str):
            own, _ = self.draft.take_dateline(texts[0][0], line=self._line(texts[0][1]))
            texts[0] = (own, texts[0][1])
        if sign_off:
            self.draft.add_extra("sign-off", sign_off[0])
            self._tail("signature", sign_off[1:])
        ends = [start for _, start in tails[1:]] + [len(lines)] * bool(tails)
        for (key, start), stop in zip(tails, ends, strict=True):
            self._tail(key, lines[start + 1 : stop])
        self.paragraphs = [
            (t, self._line(start)) for t, start in texts if not isinstance(t, str) or t.strip()
        ]

    @staticmethod
    def _tails(lines: list[str]) -> list[tuple[str, int]]:
        """Where the contact block (after ``###``), a disclaimer (after a rule) and the
        ``-- `` signature start, in body order: each cuts what follows it (never a line of
        fenced preformatted copy)."""
        fenced: set[int] = set()
        for segment in _blocks.segments(lines):
            if segment.fenced:
                fenced.update(range(segment.start, segment.start + len(segment.lines)))
        found: list[tuple[str, int]] = []
        end = len(lines)
        for key, ends in (("signature", _is_signature), ("disclaimer", _is_rule), ("contact", _is_end)):
            for index, line in enumerate(lines[:end]):
                if ends(line) and index not in fenced:
                    found.append((key, index))
                    end = index
                    break
        return sorted(found, key=lambda item: item[1])

    def _ednote(self, text: str | Block, start: int) -> bool:
        """Whether ``text`` is an editor's note (kept as the story's ``ednote``, its label gone)."""
        note = _note_of(text) if isinstance(text, str) else None
        if note is None:
            return False
        before = self.draft.fields.get("ednote")
        self.draft.set("ednote", f"{before}\n{note}" if before else note, line=self._line(start))
        return True

    def _read_head(self, units: list[_Unit], subject: str | None) -> None:
        """The head's units: template fields, slug and By line, release markers, contact and
        embargo lines, an editor's note; other lines are the preamble (the headline repeated goes)."""
        lines = [
            (line.strip(), start + offset, unit)
            for unit, (block, start, _) in enumerate(units)
            for offset, line in enumerate(block)
        ]
        noted = {
            unit
            for unit, (block, start, _) in enumerate(units)
            if self._ednote(_wire.join_wrapped(block), start)
        }
        contact = -1  # the unit whose lines are a contact block
        for position, (line, start, unit) in enumerate(lines):
            number = self._line(start)
            self.draft.line = number  # where a model error in this line is located
            if unit in noted:
                continue
            if unit == contact or (_CONTACT.fullmatch(line) and not _TEMPLATE.fullmatch(line)):
                contact = unit
                self.draft.add_extra("contact", line, append=True)
            elif line not in (self.headline, subject):
                following = lines[position + 1][0] if position + 1 < len(lines) else ""
                self._head_line(line, number, following)

    def _head_line(self, line: str, number: int, following: str) -> None:
        draft = self.draft
        template = _TEMPLATE.fullmatch(line)
        if template is not None:
            key, value = template.group("key").lower(), template.group("value").strip()
            if key == "headline" and value:
                self.headline = value
                draft.set("headline", value, line=number, column=template.start("value") + 1)
            elif key in ("abstract", "summary") and value:
                draft.set("summary", value, line=number, column=template.start("value") + 1)
            elif value:
                draft.add_extra(key, value, append=True)
        elif _is_by(line):
            persons, _organisation = _wire.credited(line)  # By The Associated Press: the agency
            draft.set("bylines", persons, line=number)
        elif _is_by(following) and len(line) <= _SLUG_WIDTH:
            draft.set("slugline", line, line=number)
        elif _PREAMBLE.fullmatch(line):
            draft.add_extra("release", line, append=True)
        elif _EMBARGO.fullmatch(line):
            draft.add_extra("embargo", line, append=True)
        else:
            draft.add_extra("preamble", line, append=True)

    def _tail(self, key: str, lines: list[str]) -> None:
        text = "\n".join(line.rstrip() for line in lines).strip("\n")
        text = re.sub(r"\n{2,}", "\n", text)
        if text.strip():
            self.draft.add_extra(key, text, append=True)


def _contact_tail(lines: list[str], tails: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``tails`` with a closing contact block (``Media contact`` after a blank line, at most
    :data:`_CONTACT_LINES` lines before the next tail or the end), cut from the line before it."""
    end = tails[0][1] if tails else len(lines)
    for index in range(max(2, end - _CONTACT_LINES), end):
        if (
            not lines[index - 1].strip()
            and _CONTACT_TAIL.fullmatch(lines[index].strip())
            and any(line.strip() for line in lines[: index - 1])
        ):
            return sorted([*tails, ("contact", index - 1)], key=lambda item: item[1])
    return tails


def _note_of(text: str) -> str | None:
    """The note of an editor's note opening ``text`` (the layouts' rule,
    :func:`~._conventions.ednote_of`, and ``Note to editors:``, ``Editorial note:``), or None."""
    note = _wire.ednote_of(text)
    if note is not None:
        return note
    label = _EDNOTE.match(text)
    return None if label is None else text[label.end() :].strip() or None


def _known(line: str) -> bool:
    """Whether a head line is one the release conventions name (not the preamble's free text)."""
    return any(
        rule.fullmatch(line) is not None for rule in (_TEMPLATE, _PREAMBLE, _EMBARGO, _CONTACT)
    ) or _is_by(line)


def _dated_head(units: list[_Unit]) -> int | None:
    """How many units stand before the first paragraph that opens with a dateline, when they
    are all a release's preamble (short lines: an organisation, markers, contacts, an embargo,
    the By line; an editor's note), else None."""
    for index, (block, _, said) in enumerate(units[:_HEAD_REACH]):
        if said is not None:
            return None
        text = _wire.join_wrapped(block)
        if _note_of(text) is not None:  # (``EDITOR'S NOTE —`` is no dateline)
            continue
        if _wire.find_dateline(text) is not None:
            return index or None
        if any(len(line.strip()) > _PREAMBLE_WIDTH and not _known(line.strip()) for line in block):
            return None
    return None


def _head_length(units: list[_Unit], sender: str | None) -> int:
    """How many units at the top are preamble, template fields, slug and By lines (a first
    line naming the sender, an organisation alone, is the release's preamble)."""
    last_known = -1
    for index, (block, _, said) in enumerate(units[:_HEAD_REACH]):
        line = block[0].strip()
        if said is not None or _wire.find_dateline(line) is not None:
            break
        if len(block) > 1 and not (_CONTACT.fullmatch(line) or all(_known(b.strip()) for b in block)):
            break
        if _known(line) or (index == 0 and _names_sender(line, sender)):
            last_known = index
        elif len(line) > _HEAD_LINE_WIDTH:
            break
    return last_known + 1


def _names_sender(line: str, sender: str | None) -> bool:
    """Whether ``line`` is the sender's name alone (the organisation heading its release)."""
    if not sender:
        return False
    words = re.findall(r"\w+", line.casefold())
    return bool(words) and words == re.findall(r"\w+", sender.casefold())


def _units(lines: list[str], raw: list[str]) -> list[_Unit]:
    """The body's units: without a blank line between its lines, each line a paragraph;
    else its blank-line blocks, each the block the text-block conventions say (a
    fenced block keeps its lines as sent, ``raw``) or paragraph lines, split as
    :func:`~._conventions.split_block` splits them."""
    content = [index for index, line in enumerate(lines) if line.strip()]
    segments = _blocks.segments(lines)
    if not content or (
        content[-1] - content[0] + 1 == len(content)
        and not (len(segments) == 1 and _blocks.recognise(segments[0]) is not None)
    ):  # (a body that is one block, a list alone, is that block)
        return [([lines[index]], index, None) for index in content]
    units: list[_Unit] = []
    for segment in segments:
        said = _blocks.recognise(segment)
        if said is not None:
            if segment.fenced:
                inner = raw[segment.start + 1 : segment.start + len(segment.lines) - 1]
                said = Preformatted(text="\n".join(inner))
            units.append((segment.lines, segment.start, said))
            continue
        start = segment.start
        for part in _wire.split_block(segment.lines):
            units.append((part, start, None))
            start += len(part)
    return units


def _split_sign_off(
    texts: list[tuple[str | Block, int]],
) -> tuple[list[tuple[str | Block, int]], list[str]]:
    """The paragraphs before a sign-off (desk initials), and the sign-off with what follows it
    (paragraphs only: a block after the initials leaves them in the body)."""
    for index in range(len(texts) - 1, max(-1, len(texts) - _HEAD_REACH), -1):
        text = texts[index][0]
        if not isinstance(text, str):
            break
        if _wire.end_matter_kind(text) == "initials":
            return texts[:index], [str(text) for text, _ in texts[index:]]
    return texts, []


def _is_signature(line: str) -> bool:
    return line.startswith("--") and _SIGNATURE.fullmatch(line) is not None


def _is_rule(line: str) -> bool:
    return _DISCLAIMER.fullmatch(line.strip()) is not None


def _is_end(line: str) -> bool:
    return _END.fullmatch(line.strip()) is not None


def _unflow(lines: list[str]) -> list[str]:
    # RFC 3676 format=flowed: a line ending in a space continues on the next.
    out: list[str] = []
    carry = ""
    for line in lines:
        if line.endswith(" ") and line != "-- ":
            carry += line
        else:
            out.append(carry + line)
            carry = ""
    if carry:
        out.append(carry)
    return out
