"""RFC 822 / 5322 e-mail: press releases and mailed wire copy.

Read with the standard library's :mod:`email` package (raw, ``compat32``
policy, so mislabelled and raw 8-bit headers reach us undamaged), then:

* headline: ``Subject`` with every encoded-word decoded, or a ``Headline:``
  line at the top of the body (the Subject is then kept in ``email.subject``);
* source: the sender's display name (or RFC 822 comment), with ``mailto:``
  and the address as its URL; guid: ``Message-ID``; published: ``Date`` with
  its own offset (``-0000`` and unknown zone names stay naive, recorded);
* priority: ``X-Priority`` (else ``Importance``) as sent, urgency mapped;
* body: the text/plain part (else the HTML part), with press-release
  conventions read: preamble, ``Abstract:``, ``By`` line, dateline, ``###``
  and contact block, sign-off, ``-- `` signature, disclaimer.
"""

from __future__ import annotations

import binascii
import email
import email.message
import email.policy
import email.utils
import quopri
import re
from datetime import datetime, timedelta, timezone, tzinfo
from email.header import Header

from newsitem import dates
from newsitem.errors import ParseError, SerializeError, ValidationError
from newsitem.formats import _markup as _htmlbody
from newsitem.formats._decode import refuse_nul
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Byline, Paragraph, Role, Source, Story

__all__ = ["carried", "dumps", "loads", "sniff"]

NAME = "email"

_FIELD = re.compile(r"[!-9;-~]+:")
_SNIFF_NEEDS = ("date", "from", "subject")
_ENCODED_WORD = re.compile(
    r"=\?(?P<charset>[^?*\s]+)(?:\*[^?]*)?\?(?P<encoding>[BbQq])\?(?P<payload>[^?]*)\?="
)
_BETWEEN_WORDS = re.compile(r"(?<=\?=)\s+(?==\?)")
_DATE = re.compile(
    r"\s*(?:(?P<weekday>[A-Za-z]{3}),\s*)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{2,4})"
    r"\s+(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    r"(?:\s*(?P<zone>[+-]\d{4}|[A-Za-z]{1,5}))?\s*(?:\((?P<comment>[^)]*)\))?\s*"
)
_TRANSPORT = frozenset(
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
others are kept in ``extras["email.header.<Name>"]``."""

_PREAMBLE = re.compile(
    r"(?i)(?:media release|press release|news release|for immediate release|embargoed(?: until)?\b.*|"
    r"embargo\b.*|media advisory|media statement|statement)"
)
_TEMPLATE = re.compile(
    r"(?P<key>Headline|Abstract|Summary|Slug|Byline|Dateline|Keywords?)\s*:\s*(?P<value>.*)"
)
_SIGNATURE = re.compile(r"--\s*")
_DISCLAIMER = re.compile(r"_{20,}|-{20,}")
_END = re.compile(r"(?i)###|#\s#\s#|-ends?-|ends|-30-")
_PRIORITY_URGENCY = {"1": 1, "2": 3, "3": 5, "4": 7, "5": 9}
_IMPORTANCE_URGENCY = {"high": 1, "normal": 5, "low": 9}
_SINGLE_BYTE = re.compile(r"(?i)(?:windows-125\d|cp125\d|iso-8859-\d+|latin-?1|us-ascii|ascii)")


def sniff(text: str) -> tuple[float, str] | None:
    """An optional mbox ``From `` line, then header fields including Date, From
    and Subject, then a blank line."""
    lines = text[:20_000].replace("\r\n", "\n").split("\n")
    start = 0
    if lines and not lines[0].strip() and len(lines) > 1:
        start = 1
    if start < len(lines) and lines[start].startswith("From "):
        start += 1
    seen: set[str] = set()
    for line in lines[start : start + 400]:
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
    return None


class _Guesses:
    """Charset guesses made while decoding, recorded in ``email.charset-guess``."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _decode_bytes(raw: bytes, label: str | None, where: str, guesses: _Guesses) -> str:
    """Bytes in a declared charset, with the mislabels seen in the wild undone."""
    label = (label or "").strip().lower()
    if label in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", ""):
        effective = "windows-1252" if label else ""
    else:
        effective = label
    if not raw.isascii() and (not effective or _SINGLE_BYTE.fullmatch(effective)):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if effective:
                guesses.note(f"{where}: labelled {label}, read as UTF-8 (the bytes are UTF-8)")
            return text
    if label in ("iso-8859-1", "latin-1", "latin1") and any(0x80 <= byte <= 0x9F for byte in raw):
        guesses.note(f"{where}: labelled {label}, read as windows-1252 (it has bytes 0x80-0x9F)")
    if not effective:
        if not raw.isascii():
            guesses.note(f"{where}: no charset, not UTF-8, read as windows-1252")
        effective = "windows-1252"
    try:
        return raw.decode(effective)
    except LookupError:
        guesses.note(f"{where}: unknown charset {label!r}, read as windows-1252")
    except UnicodeDecodeError:
        guesses.note(f"{where}: not valid {label}, read as windows-1252")
    try:
        return raw.decode("windows-1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _header_value(value: str | Header, name: str, guesses: _Guesses) -> str:
    """A raw header value with its encoded-words decoded (all of them) and its folding undone."""
    text = str(value) if isinstance(value, Header) else value
    text = re.sub(r"\r?\n(?=[ \t])", "", text)
    text = _BETWEEN_WORDS.sub("", text)  # whitespace between encoded-words is not text (RFC 2047)
    out: list[str] = []
    position = 0
    for word in _ENCODED_WORD.finditer(text):
        out.append(_raw_text(text[position : word.start()], name, guesses))
        payload = word.group("payload").encode("ascii", "surrogateescape")
        try:
            if word.group("encoding") in "Qq":
                raw = binascii.a2b_qp(payload, header=True)
            else:
                raw = binascii.a2b_base64(payload + b"=" * (-len(payload) % 4))
        except (binascii.Error, ValueError):
            out.append(word.group())
            guesses.note(f"{name}: a broken encoded-word kept as sent")
        else:
            out.append(_decode_bytes(raw, word.group("charset"), name, guesses))
        position = word.end()
    out.append(_raw_text(text[position:], name, guesses))
    return " ".join("".join(out).split())


def _raw_text(text: str, name: str, guesses: _Guesses) -> str:
    if text.isascii():
        return text
    return _decode_bytes(text.encode("utf-8", "surrogateescape"), None, name, guesses)


def _date(value: str, tz: str | tzinfo | None, extras: dict[str, str]) -> datetime | None:
    found = _DATE.fullmatch(value)
    month = dates.month_number(found.group("month")) if found is not None else None
    if found is None or month is None:
        extras[f"{NAME}.date"] = value
        return None
    try:
        naive = datetime(  # noqa: DTZ001 - the printed zone is applied below
            dates.full_year(found.group("year")),
            month,
            int(found.group("day")),
            int(found.group("hour")),
            int(found.group("minute")),
            int(found.group("second") or 0),
        )
    except ValueError:  # an impossible date or time (30 Feb, 25:00): kept as sent, no date
        extras[f"{NAME}.date"] = value
        return None
    zone = found.group("zone")
    if zone is not None and zone[0] in "+-":
        if zone == "-0000":
            extras[f"{NAME}.date-zone"] = "-0000 (unknown local time)"
        else:
            sign = -1 if zone[0] == "-" else 1
            offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            if offset <= dates.MAX_OFFSET:
                return naive.replace(tzinfo=timezone(offset))
            extras[f"{NAME}.date-zone"] = zone
        return dates.localize(naive, tz)
    published, known = dates.in_printed_zone(naive, zone, tz)
    if zone is not None and not known:
        extras[f"{NAME}.date-zone"] = zone
    return published


def _body_part(message: email.message.Message) -> tuple[email.message.Message | None, list[str]]:
    """The part holding the text (plain before HTML) and the attachments' descriptions."""
    plain = html = None
    attachments: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").lower()
        filename = part.get_filename()
        if filename or disposition.startswith("attachment") or not kind.startswith("text/"):
            attachments.append(f"{filename or '(unnamed)'} ({kind})")
        elif kind == "text/plain" and plain is None:
            plain = part
        elif kind == "text/html" and html is None:
            html = part
    return plain or html, attachments


def _payload(part: email.message.Message, guesses: _Guesses) -> str:
    raw = part.get_payload(decode=True)
    if not isinstance(raw, bytes):
        return ""
    return _decode_bytes(raw, part.get_content_charset(), "body", guesses)


class _Release:
    """The conventions of a mailed story or press release, read off its lines."""

    def __init__(self) -> None:
        self.extras: dict[str, str] = {}
        self.headline: str | None = None
        self.summary: str | None = None
        self.slugline: str | None = None
        self.bylines: list[Byline] = []
        self.dateline: str | None = None
        self.paragraphs: list[str] = []

    def add(self, key: str, value: str) -> None:
        key = f"{NAME}.{key}"
        self.extras[key] = f"{self.extras[key]}\n{value}" if key in self.extras else value

    def read(self, text: str, flowed: bool, subject: str | None) -> None:  # noqa: PLR0915 - one convention per branch
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        if flowed:
            lines = _unflow(lines)
        for index, line in enumerate(lines):
            if _SIGNATURE.fullmatch(line) and line.startswith("--"):
                self._tail("signature", lines[index + 1 :])
                lines = lines[:index]
                break
        for index, line in enumerate(lines):
            if _DISCLAIMER.fullmatch(line.strip()):
                self._tail("disclaimer", lines[index + 1 :])
                lines = lines[:index]
                break
        for index, line in enumerate(lines):
            if _END.fullmatch(line.strip()):
                self._tail("contact", lines[index + 1 :])
                lines = lines[:index]
                break
        blocks = _wire.blocks_of(lines)
        # The top: preamble, template fields, slug and By lines, before the dateline paragraph.
        head: list[str] = []
        last_known = -1
        for index, block in enumerate(blocks[:12]):
            line = block[0].strip()
            if len(block) > 1 or _wire.find_dateline(line) is not None:
                break
            if _TEMPLATE.fullmatch(line) or re.match(r"(?i)by\s", line) or _PREAMBLE.fullmatch(line):
                last_known = index
            elif len(line) > 60:
                break
        head = [block[0].strip() for block in blocks[: last_known + 1]]
        del blocks[: last_known + 1]
        for position, line in enumerate(head):
            template = _TEMPLATE.fullmatch(line)
            if template is not None:
                key, value = template.group("key").lower(), template.group("value").strip()
                if key == "headline" and value:
                    self.headline = value
                elif key in ("abstract", "summary") and value:
                    self.summary = value
                elif value:
                    self.add(key, value)
            elif re.match(r"(?i)by\s", line):
                persons, organisation = _wire.bylines_of(line)
                self.bylines = persons
                if organisation is not None:
                    self.add("byline", organisation)
            elif position + 1 < len(head) and re.match(r"(?i)by\s", head[position + 1]) and len(line) <= 40:
                self.slugline = line
            elif _PREAMBLE.fullmatch(line):
                self.add("release", line)
            else:
                self.add("preamble", line)
        texts = [_wire.join_wrapped(block) for block in blocks]
        # The end: sign-off (desk initials), then whatever follows it is signature.
        for index in range(len(texts) - 1, max(-1, len(texts) - 12), -1):
            if _wire.end_matter_kind(texts[index]) == "initials":
                self.add("sign-off", texts[index])
                if texts[index + 1 :]:
                    self._tail("signature", texts[index + 1 :], front=True)
                texts = texts[:index]
                break
        repeated = {self.headline, subject} - {None}
        while texts and texts[0] in repeated:
            texts = texts[1:]  # the headline repeated at the top of the release
        if texts:
            found = _wire.find_dateline(texts[0])
            if found is not None:
                self.dateline = found.place
                if found.agency:
                    self.add("dateline-agency", found.agency)
                if found.date:
                    self.add("dateline-date", found.date)
                texts[0] = texts[0][found.end :]
        self.paragraphs = [t for t in texts if t.strip()]

    def _tail(self, key: str, lines: list[str], *, front: bool = False) -> None:
        text = "\n".join(lines).strip("\n")
        text = re.sub(r"\n{2,}", "\n", text)
        if text.strip():
            full = f"{NAME}.{key}"
            if front and full in self.extras:
                self.extras[full] = text + "\n" + self.extras[full]
            else:
                self.add(key, text)


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


def _message_bytes(data: str | bytes) -> bytes:
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else bytes(data)
    raw = raw.lstrip(b"\r\n")
    first, _, rest = raw.partition(b"\n")
    if not first.strip():
        raw = rest
    if raw.startswith(b"From "):
        # An mbox message: its envelope line goes, and its body's ">From " escapes are undone.
        raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
        raw = re.sub(rb"(?m)^>(>*From )", rb"\1", raw)
    return raw


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:  # noqa: PLR0915 - one field after another
    """Read one e-mail message (RFC 822 / 5322 with MIME).

    Args:
        data: The message as bytes (or text); an mbox ``From `` line and a
            blank first line are skipped.
        tz: The zone of a Date without one (or with ``-0000``); without it
            such a time stays naive.

    Raises:
        ParseError: no header block, or no headline (no Subject and no
            ``Headline:`` line).
    """
    refuse_nul(data, NAME)
    raw = _message_bytes(data)
    found = sniff(raw[:20_000].decode("latin-1"))
    if found is None:
        raise ParseError(
            "no RFC 822 header block (expected 'Name: value' lines with From and Subject, then a blank line)",
            format=NAME,
            line=1,
            column=1,
        )
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception as exc:
        raise ParseError(f"the message cannot be read: {exc}", format=NAME) from None
    guesses = _Guesses()
    extras: dict[str, str] = {}
    values: dict[str, str] = {}
    for name, value in message.raw_items():
        lowered = name.lower()
        decoded = _header_value(value, name, guesses)
        if lowered in _TRANSPORT:
            values.setdefault(lowered, decoded)
        elif decoded:
            key = f"{NAME}.header.{name}"
            extras[key] = f"{extras[key]}\n{decoded}" if key in extras else decoded
    subject = values.get("subject") or None
    display, address = email.utils.parseaddr(values.get("from", ""))
    source = None
    if display or address:
        url = f"mailto:{address}" if address and " " not in address and "%" not in address else None
        source = Source(name=display or address, url=url)
    published = _date(values["date"], tz, extras) if "date" in values else None
    guid = values.get("message-id", "").strip().strip("<>").strip() or None
    if guid is not None and (" " in guid or not guid.isprintable()):
        extras[f"{NAME}.message-id"] = guid
        guid = None
    priority = values.get("x-priority") or values.get("importance")
    urgency = None
    if priority:
        first = priority.strip()[:1]
        urgency = _PRIORITY_URGENCY.get(first) if "x-priority" in values else None
        urgency = urgency or _IMPORTANCE_URGENCY.get(priority.strip().lower())
    keywords = [k.strip() for k in values.get("keywords", "").split(",") if k.strip()]
    language = values.get("content-language", "").split(",")[0].strip() or None

    part, attachments = _body_part(message)
    if attachments:
        extras[f"{NAME}.attachments"] = "\n".join(attachments)
    release = _Release()
    paragraphs: list[Paragraph] = []
    if part is not None:
        text = _payload(part, guesses)
        if part.get_content_type() == "text/html":
            paragraphs = _htmlbody.body_html(text)
            extras[f"{NAME}.body-from"] = "text/html"
        else:
            flowed = str(part.get_param("format") or "").lower() == "flowed"
            release.read(text, flowed, subject)
            paragraphs = [Paragraph.plain(t) for t in release.paragraphs]
    extras.update(release.extras)
    headline = release.headline or subject
    if headline is None:
        raise ParseError(
            "no headline: no Subject field and no 'Headline:' line", format=NAME, line=1, column=1
        )
    if release.headline is not None and subject is not None and subject != release.headline:
        extras[f"{NAME}.subject"] = subject
    headline, prefix = _wire.split_prefix(headline)
    if prefix:
        extras[f"{NAME}.prefix"] = prefix
    if guesses.notes:
        extras[f"{NAME}.charset-guess"] = "\n".join(guesses.notes)
    try:
        return Story(
            headline=headline,
            summary=release.summary,
            bylines=release.bylines,
            source=source,
            published=published,
            dateline=release.dateline,
            slugline=release.slugline,
            keywords=keywords,
            priority=priority or None,
            urgency=urgency,
            language=language
            if language and re.fullmatch(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*", language)
            else None,
            guid=guid,
            body=paragraphs,
            extras=sorted(extras.items()),
        )
    except ValidationError as exc:
        raise ParseError(f"the message does not fit the model: {exc}", format=NAME) from None


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = ("dateline-agency", "sign-off", "signature")


def carried(story: Story) -> Story:
    """The fields of ``story`` a plain-text e-mail carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (Subject), summary (``Abstract:``), author bylines (names),
    source (display name and a ``mailto:`` URL), published to the second,
    dateline, slugline (with bylines), keywords, priority (an X-Priority digit
    1-5) and its urgency, language, guid (Message-ID), the body as plain text,
    the dateline agency, sign-off and signature.
    """
    source = None
    if story.source is not None and story.source.name is not None:
        url = story.source.url if story.source.url and story.source.url.startswith("mailto:") else None
        source = Source(name=story.source.name, url=url)
    priority = story.priority if story.priority in ("1", "2", "3", "4", "5") else None
    persons = [Byline(name=b.name) for b in story.bylines if b.role is Role.AUTHOR]
    extras = {k: v for k, v in story.extras.items() if k.removeprefix(f"{NAME}.") in _KEEP_EXTRAS}
    if story.dateline is None or not story.body:
        extras.pop(f"{NAME}.dateline-agency", None)
    body = [Paragraph.plain(p.text) for p in story.body]
    while body and body[0].text == story.headline and story.dateline is None:
        body = body[1:]  # it would read as the headline repeated at the top
    published = story.published.replace(microsecond=0) if story.published is not None else None
    if published is not None and published.tzinfo is None:
        extras[f"{NAME}.date-zone"] = "-0000 (unknown local time)"
    return Story(
        headline=story.headline,
        summary=story.summary,
        bylines=persons,
        source=source,
        published=published,
        dateline=story.dateline if body else None,
        slugline=story.slugline if persons else None,
        keywords=story.keywords,
        priority=priority,
        urgency=None if priority is None else _PRIORITY_URGENCY[priority],
        language=story.language,
        guid=story.guid if story.guid is not None and story.guid.isascii() else None,
        body=body,
        extras=sorted(extras.items()),
    )


def dumps(story: Story, *, lossy: bool = False) -> bytes:
    """Write ``story`` as a MIME e-mail: text/plain in UTF-8, quoted-printable,
    encoded-word headers where needed, one paragraph per blank-line block.

    Raises:
        SerializeError: a field a plain-text e-mail cannot carry would be lost
            (pass ``lossy=True`` to write what :func:`carried` keeps).
    """
    kept = carried(story)
    if not lossy:
        lost = _wire.lost_fields(story, kept)
        if lost:
            raise SerializeError(
                f"the e-mail layout cannot carry {', '.join(lost)}; pass lossy=True to write without them"
            )
    headers: list[tuple[str, str]] = [("Subject", _encoded(kept.headline))]
    if kept.source is not None and kept.source.name is not None:
        address = kept.source.url.removeprefix("mailto:") if kept.source.url else ""
        name = kept.source.name
        shown = email.utils.formataddr((name, "x@x"))[: -len(" <x@x>")] if name.isascii() else _encoded(name)
        headers.append(("From", f"{shown} <{address}>"))  # "<>" with no address: the name stays a name
    if kept.published is not None:
        headers.append(("Date", email.utils.format_datetime(kept.published)))
    if kept.guid is not None:
        headers.append(("Message-ID", f"<{kept.guid}>"))
    if kept.priority is not None:
        headers.append(("X-Priority", kept.priority))
    if kept.keywords:
        headers.append(("Keywords", _encoded(", ".join(kept.keywords))))
    if kept.language is not None:
        headers.append(("Content-Language", kept.language))
    headers += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    x = {key.removeprefix(f"{NAME}."): value for key, value in kept.extras.items()}
    blocks: list[str] = []
    if kept.summary is not None:
        blocks.append(f"Abstract: {kept.summary}")
    if kept.slugline is not None:
        blocks.append(kept.slugline)
    if kept.bylines:
        blocks.append("By " + _wire.join_names([b.name for b in kept.bylines]))
    for index, paragraph in enumerate(kept.body):
        text = paragraph.text
        if index == 0 and kept.dateline is not None:
            text = _wire.with_dateline(text, kept.dateline, x.get("dateline-agency"), dash="-")
        blocks.append(text)
    if "sign-off" in x:
        blocks.append(x["sign-off"])
    body = "\n\n".join(blocks)
    if "signature" in x:
        body += "\n\n-- \n" + x["signature"]
    encoded = quopri.encodestring((body + "\n").encode("utf-8")).replace(b"\n", b"\r\n")
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return head.encode("ascii") + b"\r\n" + encoded


def _encoded(value: str) -> str:
    """A header value as is when ASCII, else RFC 2047 base64 encoded-words of at
    most 45 bytes each, folded; every character, spaces included, sits inside a word."""
    if value.isascii() and "=?" not in value:
        return value
    words: list[str] = []
    chunk = ""
    for char in value:
        if len((chunk + char).encode("utf-8")) > 45:  # keeps folded lines under 76 characters
            words.append(chunk)
            chunk = ""
        chunk += char
    words.append(chunk)
    return "\r\n ".join(
        "=?utf-8?b?" + binascii.b2a_base64(word.encode("utf-8"), newline=False).decode("ascii") + "?="
        for word in words
    )
