"""RFC 822 / 5322 e-mail: press releases and mailed wire copy.

Reading parses with the standard library's :mod:`email` package under a
``compat32`` policy that hands header values back raw (8-bit bytes reach us
undamaged), then decodes them itself (``layouts/_email_headers.py``: mislabelled
charsets undone, every encoded-word decoded, the Date by RFC 5322's grammar):

* headline: ``Subject``, or a ``Headline:`` line at the top of the body (the
  Subject is then kept in ``email.subject``; a ``headline-elsewhere`` note);
  None without either (a message without a Subject);
* source: the sender's display name, with ``mailto:`` and the address as its
  URL; guid: ``Message-ID``; published: ``Date`` with its own offset (``-0000``,
  no zone and unknown zone names are naive, or in ``tz``);
* priority: the digit of ``X-Priority`` (``1 (Highest)`` is ``1``; a label other than
  the digit's usual one is kept in ``email.priority-label``), else ``Importance`` as
  sent; urgency mapped;
* body: the text/plain part (else the HTML part, through
  the shared markup module), with press-release conventions read
  (``layouts/_email_body.py``): preamble, ``Abstract:``, ``By`` line (people or
  organisations), dateline (taken by the layouts' shared draft), the body's blocks
  (``layouts/_textblocks.py``), ``###`` and contact block, sign-off, ``"-- "``
  signature, disclaimer.

A forwarded message (a ``message/rfc822`` part, or one quoted after a mail program's
``Forwarded message`` / ``Original Message`` mark with its From and Subject lines) gives
its own story; the forwarding message's fields are kept in ``email.forwarding.*`` and
its text is the ednote, with a ``forwarded`` note.

An mbox file (messages after ``From`` lines) is read by :func:`loads_all`, one part
per message.

Other header fields stay in ``extras["email.header.<Name>"]`` in the order they
come, then what the body leaves, in body order. Guesses and what could not be
read are notes (:func:`newsitem.read`), not extras. Writing goes through
:class:`email.message.EmailMessage` and the SMTP policy (``layouts/_email_write.py``).
The rules in full: docs page ``formats/wire``.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
import io
import re
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from typing import NamedTuple

import attrs

from newsitem import notes
from newsitem.errors import NewsItemError, ParseError, Problem, SerializeError, ValidationError
from newsitem.formats import _contract, _lenient
from newsitem.formats._decode import refuse_nul as _refuse_nul
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _email_write
from newsitem.formats.layouts import _textblocks as _blocks
from newsitem.formats.layouts._email_body import Release as _Release
from newsitem.formats.layouts._email_body import body_part as _body_part
from newsitem.formats.layouts._email_body import forwarded as _forwarded
from newsitem.formats.layouts._email_body import own_text as _own_text_of
from newsitem.formats.layouts._email_body import payload as _payload
from newsitem.formats.layouts._email_body import quoted_message as _quoted_message
from newsitem.formats.layouts._email_headers import NAME as _NAME
from newsitem.formats.layouts._email_headers import Notes as _Notes
from newsitem.formats.layouts._email_headers import Place as _Place
from newsitem.formats.layouts._email_headers import field_places as _field_places
from newsitem.formats.layouts._email_headers import header_value as _header_value
from newsitem.formats.layouts._email_headers import read_date as _read_date
from newsitem.formats.layouts._email_headers import unfold as _unfold
from newsitem.model import Block as _Block
from newsitem.model import (
    Byline,
    Heading,
    Paragraph,
    Role,
    Source,
    Story,
    is_language,
    is_text,
    is_token,
    is_uri,
)
from newsitem.notes import Part

__all__ = ["carried", "dumps", "loads", "loads_all", "sniff"]

_FIELD = re.compile(r"[!-9;-~]+:")
_SNIFF_NEEDS = ("date", "from", "subject")
_TYPED = frozenset(
    name.lower()
    for name in (
        "Received",
        "Return-Path",
        "Delivered-To",
        "DKIM-Signature",
        "X-Google-DKIM-Signature",
        "Authentication-Results",
        "Received-SPF",
        "ARC-Seal",
        "ARC-Message-Signature",
        "ARC-Authentication-Results",
        "X-Received",
        "X-Gm-Message-State",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "X-Originating-IP",
        "Date",
        "From",
        "Subject",
        "Message-ID",
        "X-Priority",
        "Importance",
        "Keywords",
        "Content-Language",
        "X-MS-Has-Attach",
        "X-MS-TNEF-Correlator",
        "Thread-Index",
        "Thread-Topic",
        "X-Google-Smtp-Source",
        "X-Spam-Status",
        "X-Spam-Score",
    )
)
"""Header fields that are transport or MIME framing (or have a typed home); the
others are kept in ``extras["email.header.<Name>"]``, in the order they come."""

_PRIORITY_URGENCY = {"1": 1, "2": 3, "3": 5, "4": 7, "5": 9}
_IMPORTANCE_URGENCY = {"high": 1, "normal": 5, "low": 9}
_X_PRIORITY = re.compile(r"(?P<digit>[1-5])(?![\d.])\s*(?P<label>.{0,60})")
"""An X-Priority value: its digit, then the label mail programs print with it (``1 (Highest)``)."""
_PRIORITY_LABELS = {"1": "highest", "2": "high", "3": "normal", "4": "low", "5": "lowest"}
"""The label each digit is sent with; another label is kept in ``extras["email.priority-label"]``."""
_BODY_FIELDS = frozenset({"summary", "bylines", "dateline", "slugline", "ednote", "body"})


class _RawHeaders(email.policy.Compat32):
    """compat32 that hands header values back as the raw text parsed (8-bit bytes as
    surrogates, never an :class:`email.header.Header`): the reader decodes them itself."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_PARSE_POLICY = _RawHeaders()


def sniff(text: str) -> tuple[float, str] | None:
    """An optional mbox ``"From "`` line, then header fields including Date, From
    and Subject, then a blank line (the first 20,000 characters and 400 lines tell)."""
    return _header_block(text[:20_000], 400)


def _header_block(text: str, reach: int | None) -> tuple[float, str] | None:
    """What :func:`sniff` finds in ``text``, looking at ``reach`` lines of the header block
    (all of it when None: the reader, told the format, reads a header block of any length,
    such as the writer's Subject of thousands of encoded-words)."""
    text = text.replace("\r\n", "\n")
    cut = text.find("\n\n")  # the first blank line after line 1: the loop stops there
    lines = (text if cut == -1 else text[: cut + 1]).split("\n")  # the body is not split
    start = 0
    if lines and not lines[0].strip() and len(lines) > 1:
        start = 1
    if start < len(lines) and lines[start].startswith("From "):
        start += 1
    seen: set[str] = set()
    for line in lines[start : None if reach is None else start + reach]:
        if not line:
            break
        if line[0] in " \t":
            continue
        if not _FIELD.match(line):
            return None
        seen.add(line.split(":", 1)[0].lower())
    if all(name in seen for name in _SNIFF_NEEDS):
        return 0.95, "a block of RFC 822 header fields with Date, From and Subject"
    if {"from", "subject"} <= seen:
        return 0.7, "a block of RFC 822 header fields with From and Subject (no Date)"
    if "subject" in seen and seen & {"date", "mime-version", "message-id"}:
        return 0.7, "a block of RFC 822 header fields with a Subject and MIME-Version, Date or Message-ID"
    if {"from", "date"} <= seen:
        return 0.7, "a block of RFC 822 header fields with From and Date (no Subject)"
    if {"mime-version", "content-type"} <= seen:
        return 0.5, "a block of MIME header fields (no Subject, From or Date)"
    return None


def _message_bytes(data: str | bytes) -> tuple[bytes, int]:
    """The message's bytes without a leading blank line or mbox envelope, and the
    number of lines skipped before them."""
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    whole = raw
    raw = raw.lstrip(b"\r\n")
    first, _, rest = raw.partition(b"\n")
    if not first.strip():
        raw = rest
    mbox = raw.startswith(b"From ")
    if mbox:  # an mbox message: its envelope line goes, and its body's ">From " escapes are undone
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    skipped = whole[: len(whole) - len(raw)].count(b"\n")
    if mbox:
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)
    return raw, skipped


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one e-mail message (RFC 822 / 5322 with MIME).

    Args:
        data: The message as bytes (or text); an mbox ``"From "`` line and a
            blank first line are skipped. Of an mbox file, the first message is
            read (:func:`loads_all` reads them all).
        tz: The zone of a Date without one (or with ``-0000``); without it
            such a time stays naive.

    What the reader guesses (a charset, a zone) or could not read is a note
    (:func:`newsitem.read`); header fields with no typed home are kept in
    ``extras`` under ``email.header.<Name>`` in the order they come, then what
    the body's conventions leave, in body order.

    Raises:
        ParseError: no header block.
        ValidationError: a value breaks a rule of the model (a control character
            in the Subject; a message with no Subject, summary or body: a story
            needs one); it names the header field or the body, with its line.
    """
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    lead = len(raw) - len(raw.lstrip(b"\r\n"))
    if raw.startswith(b"From ", lead):
        first = next(_mbox_members(raw[lead:]))
        raw = raw[: lead + first[1]]
    return _read(raw, tz)


def _read(data: str | bytes, tz: str | tzinfo | None, lines_before: int = 0) -> Story:
    """:func:`loads` of a message that stands ``lines_before`` lines into its file (an mbox)."""
    _refuse_nul(data, _NAME)
    raw, skipped = _message_bytes(data)
    skipped += lines_before
    if _header_block(raw.decode("latin-1"), None) is None:
        raise ParseError(
            "no RFC 822 header block (expected 'Name: value' lines with From and Subject or Date, then a"
            " blank line)",
            format=_NAME,
            line=skipped + 1,
            column=1,
        )
    try:
        message = email.message_from_bytes(raw, policy=_PARSE_POLICY)
    except Exception as exc:
        raise ParseError(f"the message cannot be read: {exc}", format=_NAME) from None
    return _read_message(message, raw, skipped + 1, tz)


_FORWARD_DEPTH = 8
"""Forwarded messages read inside each other; a deeper one is an attachment of the last read."""


def _read_message(
    message: email.message.Message, raw: bytes, first_line: int, tz: str | tzinfo | None, depth: int = 0
) -> Story:
    """The story of ``message``: its own, or the story of the message it forwards (a
    ``message/rfc822`` part, else a forwarded message quoted in its text), with the
    forwarding kept (:func:`_forward`)."""
    reader = _Reader(message, raw, first_line, tz)
    if depth < _FORWARD_DEPTH:
        found = _attached(reader) or _quoted(reader)
        if found is not None:
            story = _forward(reader, found, depth)
            if story is not None:
                return story
    return reader.story()


class _Forwarded(NamedTuple):
    """A forwarded message found in another: the message, its bytes, the line it starts on
    and the forwarding message's own text."""

    message: email.message.Message
    raw: bytes
    first_line: int
    own: str | None
    how: str
    """How it was forwarded, for the note."""


def _attached(outer: _Reader) -> _Forwarded | None:
    """The message of a ``message/rfc822`` part, the line it starts on found in the outer bytes."""
    inner = _forwarded(outer.message)
    if inner is None:
        return None
    raw = _flattened(inner)
    start = outer.raw.lower().find(b"message/rfc822")
    at = outer.raw.find(raw.split(b"\n", 1)[0], max(start, 0)) if raw else -1
    first_line = outer.first_line + (outer.raw.count(b"\n", 0, at) if at >= 0 else 0)
    return _Forwarded(inner, raw, first_line, _own_text(outer), "attached (message/rfc822)")


def _quoted(outer: _Reader) -> _Forwarded | None:
    """A message forwarded in the text (``---------- Forwarded message ---------`` or
    ``-----Original Message-----``, then its From and Subject lines): the text before the
    mark is the forwarding message's own."""
    part, _ = outer.body_part()
    if part is None or part.get_content_type() != "text/plain":
        return None
    found = _quoted_message(outer.text_of(part))
    if found is None:
        return None
    raw, index, before = found
    try:
        inner = email.message_from_bytes(raw, policy=_PARSE_POLICY)
    except Exception:  # the stdlib parser's own failures: the message is then read as one
        return None
    own = _own_text_of(before)
    line = (outer.body_place.line or 1) + index
    return _Forwarded(inner, raw, line, own if own and is_text(own) else None, "quoted in its text")


def _flattened(message: email.message.Message) -> bytes:
    """A parsed message as bytes again (its fields as parsed, unfolded ones kept unfolded)."""
    import email.generator  # here, not at import: detection imports this module to sniff any text

    out = io.BytesIO()
    generator = email.generator.BytesGenerator(out, mangle_from_=False, maxheaderlen=0, policy=_PARSE_POLICY)
    try:
        generator.flatten(message, linesep="\n")
    except (LookupError, TypeError, ValueError, UnicodeError):
        return b""
    return out.getvalue()


def _forward(outer: _Reader, found: _Forwarded, depth: int) -> Story | None:
    """The forwarded message's story, the forwarding kept: the outer From, Subject, Date and
    Message-ID and its other fields in ``extras["email.forwarding.*"]``, its own text as the
    ednote (before the inner message's own), a ``forwarded`` note. None (and an
    ``unreadable`` note) when the forwarded message gives no story: the outer one is read."""
    outer.read_headers()
    subject, place = outer.value("Subject")
    sender, _ = outer.value("From")
    try:
        with notes.collect() as said:
            story = _read_message(found.message, found.raw, found.first_line, outer.tz, depth + 1)
    except NewsItemError as exc:
        outer.notes.add(
            "unreadable",
            f"the message forwarded {found.how} gives no story ({exc}); the forwarding one is read",
            place,
        )
        return None
    for note in said:
        notes.add(note)
    kept = [
        (f"{_NAME}.forwarding.{key}", value)
        for key, name in (
            ("from", "From"),
            ("subject", "Subject"),
            ("date", "Date"),
            ("message-id", "Message-ID"),
        )
        if (value := outer.value(name)[0]) is not None and is_text(value)
    ]
    ordered = sorted(outer.extras.items(), key=lambda item: item[1][0])
    kept += [(key.replace(f"{_NAME}.", f"{_NAME}.forwarding.", 1), value) for key, (_, value) in ordered]
    own = found.own
    outer.notes.add(
        "forwarded",
        f"the story is the message forwarded {found.how} by {sender or 'an unnamed sender'}"
        f" with Subject {subject!r}: the forwarding message is kept in extras['{_NAME}.forwarding.*']"
        + (" and its text as the ednote" if own else ""),
        place,
    )
    ednote = "\n".join(text for text in (own, story.ednote) if text) or None
    return attrs.evolve(story, ednote=ednote, extras=[*kept, *story.extras.items()])


def _own_text(outer: _Reader) -> str | None:
    """The forwarding message's own text (plain, else HTML made text), or None; text the model
    cannot hold is left out with a note."""
    part, _ = outer.body_part()
    if part is None:
        return None
    text = outer.text_of(part)
    if part.get_content_type() == "text/html":
        from newsitem.formats import _markup  # lxml, imported for HTML mail only

        try:
            blocks = list(_markup.body_html(text, format=_NAME))
        except NewsItemError:
            blocks = []
        text = "\n\n".join(block.text for block in blocks if isinstance(block, Paragraph))
    own = _own_text_of(text)
    if own is not None and not is_text(own):
        outer.notes.add(
            "unreadable",
            "the forwarding message's text holds characters the model refuses; left out",
            outer.body_place,
        )
        return None
    return own


_FROM_LINE = re.compile(rb"(?m)^From ")


def _mbox_members(raw: bytes) -> Iterator[tuple[int, int, int]]:
    """Each message of an mbox: its start, its end and the number of lines before it.

    A message starts at a ``From`` line that opens the file or follows a blank line
    (RFC 4155); the blank line before the next one belongs to neither. One pass."""
    starts: list[int] = []
    for found in _FROM_LINE.finditer(raw):
        at = found.start()
        if at == 0 or raw.endswith((b"\n\n", b"\n\r\n"), 0, at):
            starts.append(at)
    lines = 0
    previous = 0
    for index, start in enumerate(starts):
        lines += raw.count(b"\n", previous, start)
        previous = start
        end = starts[index + 1] if index + 1 < len(starts) else len(raw)
        yield start, end, lines


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """Every message of an mbox file (mboxo or mboxrd: each after its ``From`` line, a
    ``>From`` escape undone), one :class:`~newsitem.notes.Part` each, in order.

    A part's ``where`` is ``line N``, the line of its ``From`` line; the line numbers
    of its notes and error count from the file's first line. A message that cannot be
    read gives its part's error and the next one is read. An input that is no mbox
    (it does not open with a ``From`` line) is one message, read as :func:`loads`
    reads it (its error is raised).
    """
    _refuse_nul(data, _NAME)
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    lead = len(raw) - len(raw.lstrip(b"\r\n"))
    if not raw.startswith(b"From ", lead):
        with notes.collect() as found:
            story = _read(raw, tz)
        yield Part(index=1, layout=_NAME, story=story, notes=tuple(found))
        return
    body = raw[lead:]
    blank = raw[:lead].count(b"\n")
    members = (
        (f"line {blank + before + 1}", _member(body[start:end], tz, blank + before))
        for start, end, before in _mbox_members(body)
    )
    yield from _contract.parts(_NAME, members)


def _member(message: bytes, tz: str | tzinfo | None, before: int) -> Callable[[], Story]:
    return lambda: _read(message, tz, before)


_COMMENT_DEPTH = 64
"""Nested comments ``(a (b (...)))`` the stdlib's address parser reads by recursion, one
call per level: deeper ones are read as plain text (a RecursionError otherwise)."""


_ADDRESS_REACH = 4096
"""A From field longer than this is no address (RFC 5322 lines stop at 998 characters): it
is read as a name. The stdlib's address parser is slower than linear (a 1 MB field: minutes)."""


def _parseaddr(text: str) -> tuple[str, str]:
    """:func:`email.utils.parseaddr`, with comments nested deeper than :data:`_COMMENT_DEPTH`
    taken as text (their parentheses become spaces); a field longer than
    :data:`_ADDRESS_REACH` is a name without an address."""
    if len(text) > _ADDRESS_REACH:
        return " ".join(text.split()), ""
    depth = deepest = 0
    for character in re.findall(r"[()]", text):
        depth = depth + 1 if character == "(" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if deepest > _COMMENT_DEPTH:
        text = text.replace("(", " ").replace(")", " ")
    display, address = email.utils.parseaddr(text)
    group = text.strip()
    if not (display or address) and group.endswith(";") and group[:-1].rstrip().endswith(":"):
        # an empty group, ``dpa:;`` (RFC 6854): the writer's form of a sender without an address
        phrase = group[:-1].rstrip()[:-1].strip()
        if len(phrase) > 1 and phrase[0] == phrase[-1] == '"':
            phrase = re.sub(r"\\(.)", r"\1", phrase[1:-1])
        return phrase, ""
    return display, address


def _located(exc: ValidationError, place: _Place) -> ValidationError:
    """The model's error, saying where in the message the value was read."""
    return exc.located(format=_NAME, where=place.where, line=place.line, column=place.column)


class _Reader:
    """One message being read: its fields with their places, extras in input order, notes."""

    def __init__(self, message: email.message.Message, raw: bytes, first_line: int, tz: str | tzinfo | None):
        self.message = message
        self.raw = raw
        self.headers_read = False
        self.decoded: tuple[email.message.Message, str] | None = None
        self.tz = tz
        self.notes = _Notes()
        fields, body_line = _field_places(raw, first_line)
        self.fields = fields
        self.first_line = first_line
        self.body_place = _Place("body", body_line, 1)
        self.extras: dict[str, tuple[tuple[int, int, int], str]] = {}
        self.values: dict[str, tuple[str, str, _Place]] = {}
        self.places: dict[str, _Place] = {}
        self.release: _Release | None = None
        self.parts: tuple[email.message.Message | None, list[str]] | None = None

    def body_part(self) -> tuple[email.message.Message | None, list[str]]:
        """The message's text part and its attachments' descriptions, found once
        (the forwarding rules and the body both ask)."""
        if self.parts is None:
            self.parts = _body_part(self.message)
        return self.parts[0], list(self.parts[1])

    def text_of(self, part: email.message.Message) -> str:
        """A part's text, decoded once (the forwarding rules look at it before the body is read)."""
        if self.decoded is None or self.decoded[0] is not part:
            self.decoded = (part, _payload(part, self.body_place, self.notes))
        return self.decoded[1]

    def put(self, key: str, value: str, place: _Place, rank: tuple[int, int] = (0, 0)) -> None:
        """Keep ``value`` in extras at its place in the input (a repeated field joins the first);
        a value extras cannot hold (control characters, blank) is left out with a note."""
        order = (place.line or 0, *rank)
        if not is_text(value):
            self.notes.add("unreadable", f"a value the model cannot hold left out of extras[{key!r}]", place)
            return
        if key in self.extras:
            old_order, old = self.extras[key]
            self.extras[key] = (old_order, f"{old}\n{value}")
        else:
            self.extras[key] = (order, value)
        self.places.setdefault(f"Story.extras[{key!r}]", place)  # the model's path of the value

    def read_headers(self) -> None:
        """Decode every field; typed and transport ones are looked up, the others kept (once)."""
        if self.headers_read:
            return
        self.headers_read = True
        items = self.message.raw_items()
        for index, (name, value) in enumerate(items):
            place = self._field_place(index, name)
            decoded = _header_value(str(value), place, self.notes)
            lowered = name.lower()
            if lowered in _TYPED:
                self.values.setdefault(lowered, (str(value), decoded, place))
            elif decoded:
                self.put(f"{_NAME}.header.{name}", decoded, place)

    def _field_place(self, index: int, name: str) -> _Place:
        if index < len(self.fields) and self.fields[index][0].lower() == name.lower():
            return self.fields[index][1]
        return _Place(f"header {name}")

    def value(self, name: str) -> tuple[str | None, _Place]:
        """A typed field's decoded value (None when absent) and its place."""
        found = self.values.get(name.lower())
        if found is None:
            return None, _Place(f"header {name}")
        return found[1] or None, found[2]

    def source(self) -> Source | None:
        """The sender's display name, with ``mailto:`` and the address as its URL."""
        raw, _, place = self.values.get("from", ("", "", _Place("header From")))
        self.places["source"] = place
        display, address = _parseaddr(_unfold(raw))  # the address first, then the name decoded
        display = _header_value(display, place, self.notes)
        address = _header_value(address, place, self.notes)
        if not (display or address):
            return None
        extras: dict[str, str] = {}
        kept = _lenient.keep(
            address or None,
            lambda a: is_uri(f"mailto:{a}"),
            extras=extras,
            key=f"{_NAME}.from-address",
            format=_NAME,
            where=place.where,
            line=place.line,
            column=place.column,
            what="an address that is no mailto: URI",
        )
        for key, item in extras.items():
            self.put(key, item, place)
        try:
            return Source(name=display or address, url=f"mailto:{kept}" if kept else None)
        except ValidationError as exc:
            raise _located(exc.prefixed("Story.source"), place) from None

    def published(self) -> datetime | None:
        """The Date field's time (what it leaves is kept at the field's place)."""
        text, place = self.value("Date")
        if text is None:
            return None
        published, left = _read_date(text, self.tz, place, self.notes)
        for key, item in left.items():
            self.put(key, item, place)
        return published

    def kept(self, name: str, key: str, ok: Callable[[object], bool], what: str) -> str | None:
        """A typed field's value when the model takes it; else kept in extras with a note."""
        text, place = self.value(name)
        if name == "Message-ID" and text is not None:
            text = text.strip().strip("<>").strip() or None
        elif name == "Content-Language" and text is not None:
            text = text.split(",")[0].strip() or None
        extras: dict[str, str] = {}
        value = _lenient.keep(
            text,
            ok,
            extras=extras,
            key=key,
            format=_NAME,
            where=place.where,
            line=place.line,
            column=place.column,
            what=what,
        )
        for extra_key, item in extras.items():
            self.put(extra_key, item, place)
        return value

    def priority(self) -> tuple[str | None, int | None]:
        """X-Priority (else Importance) as sent, and the urgency it maps to."""
        x_priority, place = self.value("X-Priority")
        importance, importance_place = self.value("Importance")
        priority = x_priority or importance
        self.places["priority"] = place if x_priority else importance_place
        if not priority:
            return None, None
        numbered = _X_PRIORITY.fullmatch(priority.strip()) if x_priority else None
        if numbered is not None:  # ``1 (Highest)``: the number; a label other than its usual one is kept
            digit, label = numbered.group("digit"), numbered.group("label")
            label = label.strip("() ")
            if label and label.lower() != _PRIORITY_LABELS[digit]:
                self.put(f"{_NAME}.priority-label", label, place)
            return digit, _PRIORITY_URGENCY[digit]
        return priority, _IMPORTANCE_URGENCY.get(priority.strip().lower())

    def body(self, subject: str | None, sender: str | None) -> tuple[_Release, list[_Block]]:
        """The text part read with the press-release conventions (or the HTML part's paragraphs)."""
        part, attachments = self.body_part()
        text = "" if part is None else self.text_of(part)
        own_lines = part is self.message and str(
            part.get("Content-Transfer-Encoding") or ""
        ).strip().lower() in (
            "",
            "7bit",
            "8bit",
            "binary",
        )
        body_line = self.body_place.line or 1
        release = _Release(text, first_line=body_line if own_lines else None, body_line=body_line)
        paragraphs: list[_Block] = []
        if part is not None and part.get_content_type() == "text/html":
            from newsitem.formats import _markup  # lxml, imported for HTML mail only

            links = _markup.lenient_links(self._refused_link)
            try:
                paragraphs = list(_markup.body_html(text, format=_NAME, link=links))
            except ValidationError as exc:
                raise _located(exc.prefixed("Story.body"), self.body_place) from None
        elif part is not None:
            try:
                flowed = str(part.get_param("format") or "").lower() == "flowed"
                release.read(flowed=flowed, subject=subject, sender=sender)
            except ValidationError as exc:  # a By line's name the model refuses
                raise _located(exc.prefixed("Story.bylines"), _Place("body", release.draft.line, 1)) from None
            paragraphs = [self._paragraph(index, *item) for index, item in enumerate(release.paragraphs)]
        for key, value in release.draft.extras.items():
            self.put(key, value, self.body_place, (1, len(self.extras)))
        if attachments:
            self.put(f"{_NAME}.attachments", "\n".join(attachments), self.body_place, (2, 0))
        return release, paragraphs

    def _refused_link(self, href: str, paragraph: int, index: int) -> None:
        """A link of the HTML body the model refuses: kept in extras with a note, its text a plain run."""
        extras: dict[str, str] = {}
        key = f"{_NAME}.body[{paragraph}].link[{index}]"
        place = self.body_place
        _lenient.keep(
            href,
            is_uri,
            extras=extras,
            key=key,
            format=_NAME,
            where=f"body/p[{paragraph}]/a[{index}]",
            line=place.line,
            column=place.column,
            what="a link that is no URI the model takes",
        )
        for extra_key, item in extras.items():
            self.put(extra_key, item, place, (1, len(self.extras)))

    @staticmethod
    def _paragraph(index: int, text: str | _Block, line: int) -> _Block:
        if not isinstance(text, str):
            return text
        try:
            return Paragraph.plain(text)
        except ValidationError as exc:
            raise _located(exc.prefixed(f"Story.body[{index}]"), _Place("body", line, 1)) from None

    def headline(self, release: _Release, subject: str | None, place: _Place) -> str | None:
        """The Subject, or a ``Headline:`` line (the Subject then kept), without a take prefix;
        None without either (a message without a Subject has no headline: none is made up)."""
        headline = release.headline or subject
        self.places["headline"] = place
        if headline is None:
            return None
        if release.headline is not None:
            self.places["headline"] = _Place("body", release.line_of("headline"), 1)
            self.notes.add(
                "headline-elsewhere", "the headline is the body's 'Headline:' line", self.places["headline"]
            )
            if subject is not None and subject != release.headline:
                self.put(f"{_NAME}.subject", subject, place)
        headline, prefix = _wire.split_prefix(headline)
        if prefix:
            self.put(f"{_NAME}.prefix", prefix, self.places["headline"])
        return headline

    def story(self) -> Story:
        """The story, or the model's ValidationError located at the field or the body."""
        self.read_headers()
        subject, subject_place = self.value("Subject")
        source = self.source()
        published = self.published()
        guid = self.kept("Message-ID", f"{_NAME}.message-id", is_token, "a Message-ID that is no token")
        language = self.kept(
            "Content-Language", f"{_NAME}.content-language", is_language, "not a language tag"
        )
        priority, urgency = self.priority()
        keywords_text, self.places["keywords"] = self.value("Keywords")
        keywords = [k.strip() for k in (keywords_text or "").split(",") if k.strip()]
        release, paragraphs = self.body(subject, None if source is None else source.name)
        self.release = release
        headline = self.headline(release, subject, subject_place)
        extras = [(key, value) for key, (_, value) in sorted(self.extras.items(), key=lambda kv: kv[1][0])]
        try:
            return Story(
                headline=headline,
                summary=release.field("summary"),
                bylines=release.field("bylines") or (),
                source=source,
                published=published,
                dateline=release.field("dateline"),
                slugline=release.field("slugline"),
                ednote=release.field("ednote"),
                keywords=keywords,
                priority=priority,
                urgency=urgency,
                language=language,
                guid=guid,
                body=paragraphs,
                extras=extras,
            )
        except ValidationError as exc:
            raise exc.placed(format=_NAME, place=self._place) from None

    def _place(self, problem: Problem) -> _Place:
        """Where the value a model problem is about was read: its header field, its line
        of the body, or the body when nothing closer is known."""
        field, _ = problem.field
        if problem.path in self.places:  # an extra, by the model's path of its value
            return self.places[problem.path]
        if field in _BODY_FIELDS and self.release is not None:
            return _Place("body", self.release.line_of(field), 1)
        return self.places.get(field, self.body_place)


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = ("dateline-agency", "sign-off", "signature")
_GUID = re.compile(r"(?![<>])[!-~]+(?<![<>])", re.ASCII)
"""A Message-ID written in angle brackets reads back as it is (ASCII, no bracket at either end)."""
_KEPT_KEYS = frozenset(f"{_NAME}.{key}" for key in _KEEP_EXTRAS)


def carried(story: Story) -> Story:
    """The fields of ``story`` a plain-text e-mail carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (Subject; none is written for a story without one, which reads
    back as None), summary (``Abstract:``), author bylines (names, and their kind:
    the ``By`` line says an organisation the reader knows as one, ``By The
    Associated Press``; another name is read as a person), source (display name,
    and a ``mailto:`` URL with a plain ``local@domain`` address), published to the
    second (a time without an offset is written ``-0000`` and read back without
    one; a day alone is not kept: ``Date`` needs a time), ednote (an ``Editor's note:``
    paragraph before the body, white space runs one space), dateline (before a first
    paragraph), slugline (with bylines), keywords (without commas or spaces at
    their ends), priority (an X-Priority digit 1-5) and its urgency, language,
    guid (an ASCII Message-ID), the body: paragraphs and headings as plain text (runs of
    white space one space, as the reader joins wrapped lines) and every other block kind
    by the text-block conventions (``layouts/_textblocks.py``), inline marks
    dropped; then the dateline agency, sign-off and signature, in that order.

    A story with neither headline nor summary whose body would read back as head or
    tail lines alone (a first paragraph ``By AFP`` is the By line, ``-- `` opens the
    signature), leaving nothing a story needs, keeps its first paragraph as the
    summary (``Abstract: By AFP``, which the reader cannot take for anything else).
    """
    source = None
    if story.source is not None and story.source.name is not None:
        url = story.source.url
        address = url.removeprefix("mailto:") if url and url.startswith("mailto:") else None
        fits = address is not None and _email_write.ADDRESS.fullmatch(address) is not None
        source = Source(name=story.source.name, url=url if fits else None)
    priority = story.priority if story.priority in ("1", "2", "3", "4", "5") else None
    persons = [Byline(name=b.name, kind=b.kind) for b in story.bylines if b.role is Role.AUTHOR]
    extras = {
        f"{_NAME}.{key}": story.extras[f"{_NAME}.{key}"]
        for key in _KEEP_EXTRAS
        if f"{_NAME}.{key}" in story.extras
    }
    body = [kept for block in story.body if (kept := _body_block(block)) is not None]
    datelined = bool(body) and isinstance(body[0], Paragraph)
    if story.dateline is None or not datelined:
        extras.pop(f"{_NAME}.dateline-agency", None)
    else:  # the sender tags the dateline (``Washington (dpa) -``), which then reads back as one
        tag = _wire.dateline_agency(
            extras.pop(f"{_NAME}.dateline-agency", None),
            story.dateline,
            None if source is None else source.name,
            dash="-",
        )
        extras = {f"{_NAME}.dateline-agency": tag, **extras} if tag is not None else extras
    published = story.published.replace(microsecond=0) if isinstance(story.published, datetime) else None
    summary = _wire.collapsed(story.summary)
    projected = Story(
        headline=story.headline,
        summary=summary or None,
        bylines=persons,
        source=source,
        published=published,
        dateline=story.dateline if datelined else None,
        slugline=story.slugline if persons else None,
        ednote=_wire.collapsed(story.ednote) or None,
        keywords=[k for k in story.keywords if "," not in k and k == k.strip()],
        priority=priority,
        urgency=None if priority is None else _PRIORITY_URGENCY[priority],
        language=story.language,
        guid=story.guid if story.guid is not None and _GUID.fullmatch(story.guid) else None,
        body=body,
        extras=extras,
    )
    try:
        return _settled(projected)
    except SerializeError:
        first = projected.body[0] if projected.body else None
        if (
            projected.headline is not None
            or projected.summary is not None
            or not isinstance(first, Paragraph)
        ):
            raise
    extras.pop(f"{_NAME}.dateline-agency", None)  # the dateline goes with the first paragraph
    return _settled(
        attrs.evolve(projected, summary=first.text, body=projected.body[1:], dateline=None, extras=extras)
    )


def _settled(kept: Story) -> Story:
    """``kept`` as the reader takes back its body fields (:func:`~._conventions.settle`)."""
    return _wire.settle(
        kept,
        lambda kept: kept,  # the body is written and read back by _read_back alone, without MIME
        _read_back,
    )[0]


def _body_block(block: _Block) -> _Block | None:
    """A block as the body carries it: a paragraph's text collapsed (None when blank),
    another block without its marks."""
    if isinstance(block, Paragraph | Heading):  # a heading's text is one line (``## Text``), as a paragraph's
        text = _wire.collapsed(block.text)
        if text is None:
            return None
        return (
            Paragraph.plain(text) if isinstance(block, Paragraph) else Heading(runs=[text], level=block.level)
        )
    return _blocks.plain(block)


def _read_back(kept: Story) -> Story:
    """``kept`` with its body fields as the reader takes them back from the body written
    (a few paragraphs, without MIME: :func:`~._conventions.settle` runs it until it stands)."""
    release = _Release(_email_write.body_text(kept), first_line=None, body_line=1)
    release.read(
        flowed=False, subject=kept.headline, sender=None if kept.source is None else kept.source.name
    )
    return attrs.evolve(
        kept,
        summary=release.field("summary"),
        ednote=release.field("ednote"),
        slugline=release.field("slugline"),
        bylines=release.field("bylines") or (),
        dateline=release.field("dateline"),
        body=[Paragraph.plain(text) if isinstance(text, str) else text for text, _ in release.paragraphs],
        extras=[(key, value) for key, value in release.draft.extras.items() if key in _KEPT_KEYS],
    )


def dumps(story: Story, *, lossy: bool = False) -> bytes:
    """Write ``story`` as a MIME e-mail through :class:`email.message.EmailMessage` and
    the SMTP policy: text/plain in UTF-8, quoted-printable, CRLF, encoded-word fields
    where needed, one paragraph per blank-line block.

    Raises:
        SerializeError: a field a plain-text e-mail cannot carry would be lost
            (pass ``lossy=True`` to write what :func:`carried` keeps).
    """
    kept = carried(story)
    if not lossy:
        _lenient.refuse_loss(_NAME, _lenient.lost_fields(story, kept))
    return _email_write.write(kept)
