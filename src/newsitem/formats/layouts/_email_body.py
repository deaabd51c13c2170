"""E-mail reading, the body side: which MIME part holds the text, and the
conventions of a mailed story or press release read off its lines.

Preamble (``Media release``), template fields (``Headline:``, ``Abstract:``), a
slug and ``By`` line (people, or organisations: ``By The Associated Press``), the
dateline, the body's blocks (paragraphs of soft-wrapped lines, and the text-block
conventions of ``layouts/_textblocks.py`` where the body has blank lines), the desk
sign-off, ``###`` and the contact block, a disclaimer and the ``-- `` signature.
What has no typed home goes to extras in the order it stands in the body.
"""

from __future__ import annotations

import email.message
import re
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
    r"(?i)(?:media release|press release|news release|for immediate release|embargoed(?: until)?\b.*|"
    r"embargo\b.*|media advisory|media statement|statement)"
)
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
    for part in message.walk():
        if part.is_multipart():
            continue
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

    def read(self, *, flowed: bool, subject: str | None) -> None:
        """Read the body (``flowed``: RFC 3676 format=flowed); ``subject`` may be repeated on top."""
        text = self.draft.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        raw = _unflow(text) if flowed else text
        lines = [line.rstrip() for line in raw]
        tails = self._tails(lines)
        story_lines = lines[: tails[0][1]] if tails else lines
        units = _units(story_lines, raw)
        head = self._head_length(units)
        self._read_head([unit[0][0].strip() for unit in units[:head]], [unit[1] for unit in units[:head]])
        texts: list[tuple[str | Block, int]] = [
            (_wire.join_wrapped(block_lines) if block is None else block, start)
            for block_lines, start, block in units[head:]
        ]
        texts, sign_off = _split_sign_off(texts)
        repeated = {self.headline, subject} - {None}
        while texts and texts[0][0] in repeated:
            texts = texts[1:]  # the headline repeated at the top of the release
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

    @staticmethod
    def _head_length(units: list[_Unit]) -> int:
        """How many units at the top are preamble, template fields, slug and By lines."""
        last_known = -1
        for index, (block, _, said) in enumerate(units[:_HEAD_REACH]):
            line = block[0].strip()
            if said is not None or len(block) > 1 or _wire.find_dateline(line) is not None:
                break
            if _TEMPLATE.fullmatch(line) or _is_by(line) or _PREAMBLE.fullmatch(line):
                last_known = index
            elif len(line) > _HEAD_LINE_WIDTH:
                break
        return last_known + 1

    def _read_head(self, head: list[str], starts: list[int]) -> None:
        draft = self.draft
        for position, (line, start) in enumerate(zip(head, starts, strict=True)):
            number = self._line(start)
            draft.line = number  # where a model error in this line is located
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
            elif position + 1 < len(head) and _is_by(head[position + 1]) and len(line) <= _SLUG_WIDTH:
                draft.set("slugline", line, line=number)
            elif _PREAMBLE.fullmatch(line):
                draft.add_extra("release", line, append=True)
            else:
                draft.add_extra("preamble", line, append=True)

    def _tail(self, key: str, lines: list[str]) -> None:
        text = "\n".join(line.rstrip() for line in lines).strip("\n")
        text = re.sub(r"\n{2,}", "\n", text)
        if text.strip():
            self.draft.add_extra(key, text, append=True)


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
