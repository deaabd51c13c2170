"""ANPA-1312 wire messages (AP, Canadian Press and Bay City variants).

The grammar (see the docs page ``formats/anpa``)::

    {SYN} SOH service-level story-number [UPI] US selector EOL
    priority SP category format SP keyword SP [version] SP [reference] SP file-date SP word-count EOL
    STX ^header lines< ... TAB + 3 spaces paragraphs ... ETX trailer {EOL | FF} EOT

Header lines (a caret, an end mark ``<``, ``=`` or ``@<``) are read by what they
say, not where they stand: the slug line, ``HL:`` and the other CP keys, ``AP
Photo``, ``Eds:`` and ``EDITOR'S NOTE``, ``All Times ...``, the ``By`` line and
the title and credit lines under it; the first other line is the headline and
the next one before the byline the abstract (``summary``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from newsitem import dates
from newsitem.errors import ParseError, SerializeError, ValidationError
from newsitem.formats._decode import decode
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Byline, Paragraph, Role, Source, Story

__all__ = ["PRIORITIES", "carried", "dumps", "loads", "sniff"]

NAME = "anpa"

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
    r"(?P<initials>[A-Za-z][A-Za-z.]*?)(?P<hour>\d{1,2})(?P<minute>\d\d)(?P<ampm>[ap])"
    r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d\d)"
)
_CODE = re.compile(r"code:\s*\S+<?")
_SLUG = re.compile(r"(?:[A-Z]{2}-)?[A-Za-z]{1,6}--\S")
_KEY = re.compile(r"(?P<key>[A-Z][A-Za-z]{1,9}):\s*(?P<value>.*)")
_END_MARK = re.compile(r"\s*(?:@<|<|=|@)?\s*$")
_FORMATS = {
    "\x13\x11": "text",
    "\x13\x12": "tabular",
    "\x14\x11": "agate",
    "\x14\x12": "agate tabular",
}
_FORMAT_CODES = {name: code for code, name in _FORMATS.items()}

PRIORITIES = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "h": 6, "a": 7, "s": 7, "y": 8}
"""AP's priority letters and the urgency (1-9) they give. Other agencies use the
letters differently, so urgency is set only for AP copy (keyword ``BC-``/``AP-``
or an AP trailer)."""

_CONTROL_RUBBISH = str.maketrans({c: None for c in "\x11\x12\x13\x14\x16\x0c\x04\x01\x02\x1f\x7f\x00"})


def sniff(text: str) -> tuple[float, str] | None:
    """ANPA-1312 opens with SYN SYN SOH (after any line ends) and a story number."""
    head = text[:200].lstrip("\x16\r\n")
    if head.startswith("\x01") and _LINE1.match(head[1:].split("\n", 1)[0]):
        return 0.99, "SYN SYN SOH and an ANPA-1312 line 1 (service level, story number, US, selector)"
    return None


def _error(message: str, text: str, offset: int) -> ParseError:
    return ParseError.at_offset(message, text, offset, format=NAME)


class _Header:
    """The fields of the caret lines, gathered in order."""

    def __init__(self) -> None:
        self.headline: str | None = None
        self.summary: str | None = None
        self.bylines: list[Byline] = []
        self.byline_seen = False
        self.credit: str | None = None
        self.subheads: list[str] = []
        self.extras: dict[str, str] = {}

    def add_extra(self, key: str, value: str) -> None:
        key = f"{NAME}.{key}"
        self.extras[key] = f"{self.extras[key]}\n{value}" if key in self.extras else value

    def read(self, lines: list[str], keyword: str) -> None:
        pending_title: str | None = None
        after_byline = 0
        for index, line in enumerate(lines):
            lowered = line.lower()
            key = _KEY.fullmatch(line)
            if index == 0 and (_SLUG.match(line) or (keyword and line.startswith(keyword[:6]))):
                self.add_extra("slug-line", line)
            elif lowered.startswith(
                ("eds:", "(eds:", "eds.", "editor's note", "editors note", "editor’s note")
            ):
                self.add_extra("editor-note", line)
            elif key is not None and key.group("key") == "HL":
                self.headline = key.group("value").strip()
            elif key is not None and (key.group("key").isupper() or key.group("key") == "Update"):
                self.add_extra(key.group("key").lower(), key.group("value").strip())
            elif lowered.startswith("ap photo"):
                self.add_extra("photos", line)
            elif lowered.startswith("all times "):
                self.add_extra("time-note", line)
            elif re.match(r"(?i)by\s", line) and not self.byline_seen:
                self.byline_seen = True
                persons, organisation = _wire.bylines_of(line)
                self.bylines = persons
                if organisation is not None:
                    self.credit = organisation
                after_byline = 0
            elif self.byline_seen and after_byline == 0 and self.bylines and _wire.is_title(line):
                pending_title = line
                after_byline += 1
            elif (
                self.byline_seen
                and self.credit is None
                and after_byline < 2
                and (self.bylines or _wire.is_organisation(line))
            ):
                self.credit = line  # the credit line right under the byline (and its title)
                after_byline = 2
            elif not self.byline_seen and self.credit is None and line.lower() in _CREDITS:
                self.credit = line
            elif self.headline is None:
                self.headline = line
            elif not self.byline_seen and self.summary is None:
                self.summary = line
            else:
                self.subheads.append(line)
        if pending_title is not None:
            self.bylines = [
                Byline(name=b.name, title=pending_title, affiliation=b.affiliation) for b in self.bylines
            ]


_CREDITS = frozenset({"the canadian press", "associated press", "the associated press"})


def _header_text(line: str) -> str:
    return _END_MARK.sub("", line.lstrip()[1:]).strip()


def _paragraph_text(line: str) -> str:
    text = line[1:] if line.startswith("\t") else line
    if text.startswith("   "):
        text = text[3:]
    return _END_MARK.sub("", text.rstrip()) if text.rstrip().endswith(("<", "=")) else text.rstrip()


class _Body:
    """Paragraphs, preformatted blocks and subheads of the text between STX and ETX."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []  # ("p" | "pre", lines)
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


def _story_parts(text: str, tz: str | tzinfo | None, extras: dict[str, str]) -> Story:  # noqa: PLR0915 - one pass over a message
    start = len(text) - len(text.lstrip("\x16\r\n"))
    if start >= len(text) or text[start] != "\x01":
        raise _error("expected SOH (after SYN SYN) opening an ANPA-1312 message", text, start)
    line1_end = text.find("\n", start)
    if line1_end == -1:
        raise _error("the message ends inside line 1 (expected line 2 and STX)", text, len(text))
    line1 = text[start + 1 : line1_end].rstrip("\r")
    found1 = _LINE1.fullmatch(line1)
    if found1 is None:
        raise _error(
            "line 1 is not 'service-level + 4-digit story number, US, selector' (as in 'W2870<US>asian')",
            text,
            start + 1,
        )
    stx = text.find("\x02", line1_end)
    if stx == -1:
        raise _error("no STX (start of text) after the header: the message is truncated", text, len(text))
    line2_raw = text[line1_end + 1 : stx]
    line2 = line2_raw.strip("\r\n").split("\n", 1)[0].rstrip("\r")
    found2 = _LINE2.fullmatch(line2.rstrip())
    if found2 is None:
        raise _error(
            "line 2 is not 'priority category format keyword [version] [reference] MM-DD word-count'",
            text,
            line1_end + 1,
        )
    etx = text.find("\x03", stx)
    if etx == -1:
        raise _error("no ETX (end of text) after the body: the message is truncated", text, len(text))
    fields = found2.group("fields").split()
    keyword = fields[0] if fields else ""
    version = reference = None
    for field in fields[1:]:
        if _REFERENCE.fullmatch(field) and reference is None:
            reference = field
        elif version is None:
            version = field
        else:
            version += " " + field
    extras[f"{NAME}.service-level"] = found1.group("level")
    extras[f"{NAME}.story-number"] = found1.group("number")
    extras[f"{NAME}.format"] = _FORMATS[found2.group("format")]
    extras[f"{NAME}.file-date"] = found2.group("date")
    if found1.group("selector"):
        extras[f"{NAME}.selector"] = found1.group("selector")
    if found1.group("upi").strip():
        extras[f"{NAME}.upi"] = found1.group("upi").strip()
    if version:
        extras[f"{NAME}.version"] = version
    if reference:
        extras[f"{NAME}.reference"] = reference
    if found2.group("words"):
        extras[f"{NAME}.word-count"] = found2.group("words")
    tabular = found2.group("format")[1] == "\x12"

    header_lines: list[str] = []
    body = _Body()
    header_done = False
    sign_off: re.Match[str] | None = None
    for raw in text[stx + 1 : etx].replace("\x0b", "~").translate(_CONTROL_RUBBISH).split("\n"):
        line = raw.strip("\r")
        if line.startswith("\x08"):
            header_done = True
            row = line[1:].replace("\x10", "").rstrip()
            body.add("pre", _END_MARK.sub("", row) if row.endswith("<") else row, join=True)
            continue
        line = line.replace("\x10", "").replace("\x08", "")
        stripped = line.strip()
        if stripped.startswith("^"):
            content = _header_text(line)
            if not header_done:
                header_lines.append(content)
            elif content and content != "END":
                body.close()
                body.add("sub", content)
                body.close()
            continue
        if stripped.startswith("code:") and _CODE.fullmatch(stripped):
            extras[f"{NAME}.code"] = _END_MARK.sub("", stripped[5:]).strip()
            continue
        if not stripped:
            body.close()
            continue
        header_done = True
        content = _paragraph_text(line)
        if not body.in_notes and _wire.is_separator(content):
            body.close()
            if not tabular:
                body.in_notes = True
            continue
        maybe_sign_off = _SIGN_OFF.fullmatch(stripped) if stripped[-1:].isdigit() else None
        if maybe_sign_off is not None:
            sign_off = maybe_sign_off
            extras[f"{NAME}.sign-off"] = stripped
            continue
        if line.startswith("\t"):
            body.add("pre" if tabular else "p", content, join=tabular)
        else:  # a continuation line of a soft-wrapped paragraph (CP, Bay City)
            body.add(body.open[0] if body.open else ("pre" if tabular else "p"), content.strip(), join=True)
    body.close()

    header = _Header()
    header.read([line for line in header_lines if line], keyword)
    extras.update(header.extras)

    published: datetime | None = None
    trailer = text[etx + 1 :].translate(_CONTROL_RUBBISH).strip()
    trailer_line = trailer.split("\n", 1)[0].strip() if trailer else ""
    trailer_agency = None
    ap_trailer = _AP_TRAILER.fullmatch(trailer_line)
    cp_trailer = _CP_TRAILER.fullmatch(trailer_line)
    when = ap_trailer or cp_trailer or sign_off
    if when is not None:
        try:
            hour = int(when.group("hour"))
            naive = datetime(  # noqa: DTZ001 - the zone, if printed, is applied below
                dates.full_year(when.group("year")),
                int(when.group("month")),
                int(when.group("day")),
                dates.hour_of_day(hour, when.group("ampm")) if when is sign_off else hour,
                int(when.group("minute")),
            )
        except ValueError as exc:
            raise _error(
                f"impossible date or time in the trailer {when.group()!r}: {exc}", text, etx
            ) from None
        zone_name = None if when is sign_off else when.group("zone")
        published, known = dates.in_printed_zone(naive, zone_name, tz)
        if zone_name is not None and not known:
            extras[f"{NAME}.trailer-zone"] = zone_name
        if ap_trailer is not None:
            extras[f"{NAME}.trailer-prefix"] = ap_trailer.group("prefix")
            trailer_agency = ap_trailer.group("prefix").split("-")[0]
    elif trailer_line:
        extras[f"{NAME}.trailer"] = trailer_line

    paragraphs: list[Paragraph] = [Paragraph.plain(text) for text in header.subheads]
    dateline = None
    first = True
    for kind, lines in body.blocks:
        if kind == "p":
            content = _wire.join_wrapped(lines)
        else:
            content = "\n".join(line for line in lines if line.strip())
            if not content:
                continue
        if first and kind in ("p", "pre"):
            first = False
            found = _wire.find_dateline(content)
            if found is not None:
                dateline = found.place
                if found.agency:
                    extras[f"{NAME}.dateline-agency"] = found.agency
                if found.date:
                    extras[f"{NAME}.dateline-date"] = found.date
                content = content[found.end :]
        if content.strip():
            paragraphs.append(Paragraph.plain(content))
    if body.notes:
        extras[f"{NAME}.end-notes"] = "\n".join(body.notes)

    headline = header.headline
    if headline is None:
        slug = extras.get(f"{NAME}.slug-line", keyword)
        if paragraphs and len(paragraphs[0].text) <= 150 and "\n" not in paragraphs[0].text:
            headline = paragraphs[0].text
            extras[f"{NAME}.headline-from"] = "first paragraph"
        else:
            headline = slug.split("--", 1)[-1].split(",", 1)[0].strip() or keyword
            extras[f"{NAME}.headline-from"] = "slug line"
    if not headline:
        raise _error("no headline: no caret headline line, paragraph or slug", text, stx)

    source_name = header.credit or extras.get(f"{NAME}.dateline-agency") or trailer_agency
    priority = found2.group("priority")
    is_ap = keyword[:3].upper() in ("BC-", "AP-") or trailer_agency == "AP"
    return Story(
        headline=headline,
        summary=header.summary,
        bylines=header.bylines,
        source=None if source_name is None else Source(name=source_name),
        published=published,
        dateline=dateline,
        section=found2.group("category"),
        slugline=keyword or None,
        priority=priority,
        urgency=PRIORITIES.get(priority.lower()) if is_ap else None,
        body=paragraphs,
        extras=sorted(extras.items()),
    )


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read one ANPA-1312 message.

    Args:
        data: The message, as bytes (UTF-8, else Windows-1252, else ISO-8859-1,
            the fallback recorded in ``extras["anpa.charset"]``) or text.
        tz: The zone of a time printed without one (a Bay City sign-off);
            without it such a time stays naive.

    Raises:
        ParseError: the framing (SOH, line 1, line 2, STX, ETX) is missing or
            broken, with its line and column.
    """
    text, charset = decode(data, layout=NAME, controls=True)
    try:
        return _story_parts(text, tz, {f"{NAME}.charset": charset} if charset else {})
    except ValidationError as exc:
        raise ParseError(f"the message does not fit the model: {exc}", format=NAME) from None


# --- writing ---------------------------------------------------------------------------------

_KEEP_EXTRAS = (
    "service-level",
    "story-number",
    "selector",
    "format",
    "version",
    "reference",
    "word-count",
    "slug-line",
    "photos",
    "editor-note",
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

    Kept: headline, summary (the abstract line), author bylines with one
    shared title, source name (the credit line under the bylines; without
    bylines, the dateline's agency tag), published in UTC to the minute
    (the trailer is GMT: AP's form where the story has a trailer prefix,
    else Canadian Press's), dateline (with
    the first paragraph), section and priority (one letter each; ``a`` and
    ``r`` when absent), slugline (the keyword, 24 characters at most),
    urgency as AP's table gives it, the body as plain text, and the
    ``anpa.*`` extras the writer uses. Line 2's file date and the service
    level, story number and format have defaults.
    """
    persons = [b for b in story.bylines if b.role is Role.AUTHOR]
    titles = {b.title for b in persons}
    title = titles.pop() if len(titles) == 1 else None
    bylines = [Byline(name=b.name, title=title) for b in persons]
    extras = {f"{NAME}.{key}": value for key, value in _DEFAULT_EXTRAS.items()}
    extras.update(
        (key, value) for key, value in story.extras.items() if key.removeprefix(f"{NAME}.") in _KEEP_EXTRAS
    )
    published = None
    if story.published is not None and story.published.utcoffset() is not None:
        candidate = story.published.astimezone(UTC).replace(second=0, microsecond=0)
        published = candidate if 1950 <= candidate.year <= 2049 else None
    extras[f"{NAME}.file-date"] = f"{published:%m-%d}" if published else "01-01"
    if published is None:
        extras.pop(f"{NAME}.trailer-prefix", None)
    priority = story.priority if story.priority and _ONE_LETTER.fullmatch(story.priority) else "r"
    section = story.section if story.section and _ONE_LETTER.fullmatch(story.section) else "a"
    keyword = story.slugline if story.slugline and _KEYWORD.fullmatch(story.slugline) else None
    dateline = story.dateline if story.body else None
    wanted = story.source.name if story.source is not None else None
    source_name = None
    if wanted is not None and bylines and not _wire.is_title(wanted):
        source_name = wanted  # the credit line under the byline
    if dateline is None:
        extras.pop(f"{NAME}.dateline-agency", None)
    elif (
        f"{NAME}.dateline-agency" not in extras
        and wanted is not None
        and _wire.tag_fits(dateline, wanted, "_")
    ):
        extras[f"{NAME}.dateline-agency"] = wanted  # no byline to credit it: the dateline names it
    prefix = extras.get(f"{NAME}.trailer-prefix")
    trailer_agency = prefix.split("-")[0] if prefix else None
    source_name = source_name or extras.get(f"{NAME}.dateline-agency") or trailer_agency
    is_ap = (keyword or "")[:3].upper() in ("BC-", "AP-") or trailer_agency == "AP"
    return Story(
        headline=story.headline,
        summary=story.summary,
        bylines=bylines,
        source=None if source_name is None else Source(name=source_name),
        published=published,
        dateline=dateline,
        section=section,
        slugline=keyword,
        priority=priority,
        urgency=PRIORITIES.get(priority.lower()) if is_ap else None,
        body=[Paragraph.plain(p.text) for p in story.body],
        extras=sorted(extras.items()),
    )


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
    kept = carried(story)
    if not lossy:
        lost = _wire.lost_fields(story, kept)
        if lost:
            raise SerializeError(
                f"the ANPA-1312 layout cannot carry {', '.join(lost)}; pass lossy=True to write without them"
            )
    x = {key.removeprefix(f"{NAME}."): value for key, value in kept.extras.items()}
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
    header = []
    if "slug-line" in x:
        header.append(x["slug-line"])
    header.append(kept.headline)
    for key in ("photos", "editor-note", "time-note"):
        if key in x:
            header.extend(x[key].split("\n"))
    if kept.summary is not None:
        header.append(kept.summary)
    out.append("\x02")
    out.extend(_crlf(f"^{line}<") for line in header)
    if kept.bylines:
        out.append(_crlf(f"^By {_wire.join_names([b.name for b in kept.bylines])}="))
        if kept.bylines[0].title is not None:
            out.append(_crlf(f"^{kept.bylines[0].title}="))
        if kept.source is not None and kept.source.name is not None:
            out.append(_crlf(f"^{kept.source.name}="))
    for index, paragraph in enumerate(kept.body):
        text = paragraph.text
        if index == 0 and kept.dateline is not None:
            text = _wire.with_dateline(
                text, kept.dateline, x.get("dateline-agency"), dash="_", untagged_dash="_"
            )
        if "\n" in text:  # preformatted lines: table rows
            out.extend(_crlf("\x08" + line) for line in text.split("\n"))
        else:
            out.append(_crlf("\t   " + text))
        out.append(_crlf(" "))
    if "end-notes" in x:
        out.append(_crlf("\t   ___"))
        out.extend(_crlf("\t   " + line) for line in x["end-notes"].split("\n"))
    trailer = ""
    if kept.published is not None and "trailer-prefix" in x:
        trailer = f"{x['trailer-prefix']}-{kept.published:%m-%d-%y %H%M}GMT<"
    elif kept.published is not None:  # no agency to name: the Canadian Press form, in GMT
        trailer = f"{kept.published:%H:%M}GMT {kept.published:%d-%m-%y}<"
    out.append("\t   \x03" + trailer + "\r\n\r\n\x0c\r\n\x04")
    return "".join(out).encode("utf-8")
