"""E-mail reading, the body side: which MIME part holds the text, and the
conventions of a mailed story or press release read off its lines.

Preamble (``Media release``), template fields (``Headline:``, ``Abstract:``), a
slug and ``By`` line, the dateline, the desk sign-off, ``###`` and the contact
block, a disclaimer and the ``-- `` signature. What has no typed home goes to
extras in the order it stands in the body.
"""

from __future__ import annotations

import email.message
import re

from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts._email_headers import NAME, Notes, Place, decode_bytes
from newsitem.model import Byline

_PREAMBLE = re.compile(
    r"(?i)(?:media release|press release|news release|for immediate release|embargoed(?: until)?\b.*|"
    r"embargo\b.*|media advisory|media statement|statement)"
)
_TEMPLATE = re.compile(
    r"(?P<key>Headline|Abstract|Summary|Slug|Byline|Dateline|Keywords?)\s*:\s*(?P<value>.*)"
)
_BY = re.compile(r"(?i)by\s")
_SIGNATURE = re.compile(r"--\s*")
_DISCLAIMER = re.compile(r"_{20,}|-{20,}")
_END = re.compile(r"(?i)###|#\s#\s#|-ends?-|ends|-30-")
_HEAD_REACH = 12
_SLUG_WIDTH = 40
_HEAD_LINE_WIDTH = 60

Rank = tuple[int, int]
"""Where an extra stands in the body: (section, position), sorted to give input order."""


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
    """The conventions of a mailed story or press release, read off its lines."""

    def __init__(self) -> None:
        self.extras: dict[str, tuple[Rank, str]] = {}
        self.headline: str | None = None
        self.summary: str | None = None
        self.slugline: str | None = None
        self.bylines: list[Byline] = []
        self.dateline: str | None = None
        self.paragraphs: list[str] = []

    def add(self, key: str, value: str, rank: Rank, *, front: bool = False) -> None:
        """Record ``value`` under ``email.<key>``; a second value joins the first on a new line."""
        key = f"{NAME}.{key}"
        if key in self.extras:
            old_rank, old = self.extras[key]
            value = f"{value}\n{old}" if front else f"{old}\n{value}"
            rank = min(rank, old_rank)
        self.extras[key] = (rank, value)

    def ordered_extras(self) -> list[tuple[str, str]]:
        """The extras in the order they stand in the body."""
        return [(key, value) for key, (_, value) in sorted(self.extras.items(), key=lambda kv: kv[1][0])]

    def read(self, text: str, *, flowed: bool, subject: str | None) -> None:
        """Read the body ``text`` (``flowed``: RFC 3676 format=flowed)."""
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        if flowed:
            lines = _unflow(lines)
        lines = self._cut_tails(lines)
        blocks = _wire.blocks_of(lines)
        head = self._head_length(blocks)
        self._read_head([block[0].strip() for block in blocks[:head]])
        texts = [_wire.join_wrapped(block) for block in blocks[head:]]
        texts = self._cut_sign_off(texts)
        repeated = {self.headline, subject} - {None}
        while texts and texts[0] in repeated:
            texts = texts[1:]  # the headline repeated at the top of the release
        if texts:
            found = _wire.find_dateline(texts[0])
            if found is not None:
                self.dateline = found.place
                if found.agency:
                    self.add("dateline-agency", found.agency, (1, 0))
                if found.date:
                    self.add("dateline-date", found.date, (1, 1))
                texts[0] = texts[0][found.end :]
        self.paragraphs = [t for t in texts if t.strip()]

    def _cut_tails(self, lines: list[str]) -> list[str]:
        """Cut the ``-- `` signature, then a disclaimer after a rule, then the contact block after ``###``."""
        for key, ends in (("signature", _is_signature), ("disclaimer", _is_rule), ("contact", _is_end)):
            for index, line in enumerate(lines):
                if ends(line):
                    self._tail(key, lines[index + 1 :], (3, index))
                    lines = lines[:index]
                    break
        return lines

    @staticmethod
    def _head_length(blocks: list[list[str]]) -> int:
        """How many blocks at the top are preamble, template fields, slug and By lines."""
        last_known = -1
        for index, block in enumerate(blocks[:_HEAD_REACH]):
            line = block[0].strip()
            if len(block) > 1 or _wire.find_dateline(line) is not None:
                break
            if _TEMPLATE.fullmatch(line) or _BY.match(line) or _PREAMBLE.fullmatch(line):
                last_known = index
            elif len(line) > _HEAD_LINE_WIDTH:
                break
        return last_known + 1

    def _read_head(self, head: list[str]) -> None:
        for position, line in enumerate(head):
            rank = (0, position)
            template = _TEMPLATE.fullmatch(line)
            if template is not None:
                key, value = template.group("key").lower(), template.group("value").strip()
                if key == "headline" and value:
                    self.headline = value
                elif key in ("abstract", "summary") and value:
                    self.summary = value
                elif value:
                    self.add(key, value, rank)
            elif _BY.match(line):
                persons, organisation = _wire.bylines_of(line)
                self.bylines = persons
                if organisation is not None:
                    self.add("byline", organisation, rank)
            elif position + 1 < len(head) and _BY.match(head[position + 1]) and len(line) <= _SLUG_WIDTH:
                self.slugline = line
            elif _PREAMBLE.fullmatch(line):
                self.add("release", line, rank)
            else:
                self.add("preamble", line, rank)

    def _cut_sign_off(self, texts: list[str]) -> list[str]:
        """The end: a sign-off (desk initials), then whatever follows it is signature."""
        for index in range(len(texts) - 1, max(-1, len(texts) - _HEAD_REACH), -1):
            if _wire.end_matter_kind(texts[index]) == "initials":
                self.add("sign-off", texts[index], (2, 0))
                if texts[index + 1 :]:
                    self._tail("signature", texts[index + 1 :], (2, 1), front=True)
                return texts[:index]
        return texts

    def _tail(self, key: str, lines: list[str], rank: Rank, *, front: bool = False) -> None:
        text = "\n".join(lines).strip("\n")
        text = re.sub(r"\n{2,}", "\n", text)
        if text.strip():
            self.add(key, text, rank, front=front)


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
