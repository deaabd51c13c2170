"""The web-story layout: a story page of an open-publishing newswire saved as text.

The grammar (see the docs page ``formats/web-story``)::

    [site chrome]       (the full page: banner, "printable version", "PDF version"; the
                         print view: its header, TITLE  ADDRESS)
    [HEADLINE]          (an untitled poem has none: the byline line opens the page, or
                         site chrome stands above it)
    by AUTHORS [via SUBMITTER] [- SOURCE] WEEKDAY, Mon D YYYY[, H:MMam] [CATEGORY START]
    REGION /            (or one line: REGION / TOPIC / TYPE; the plain variant starts
    TOPIC /              the path on the byline line, after the date)
    TYPE
    BODY, one paragraph per line, or (the print view) blank-line separated blocks:
          paragraphs, ``## subheads``, ``> quotes``, ``- lists``, ``| pipe | tables |``,
          fenced preformatted copy, ``Figure: URI`` (layouts/_textblocks.py)
    [RIGHTS]
    [URL]
    [<< back to stories
    |]
    [comments and footer]
    [TITLE  STORY ADDRESS]  (the print view's footer)

Mapping: authors are bylines (role author) in order, ``via`` a byline with role
submitter, ``- SOURCE`` the story's ``source``; the date is ``published``
(naive unless ``tz=`` is given; a day without a time when none is printed);
REGION is ``section``, TOPIC is ``genre`` and TYPE goes to
``extras["web-story.type"]``; the rights line is ``Rights.notice``
(and a Creative Commons statement gives ``Rights.license``); the URL line is
``url``; the print view's footer gives the ``url`` (or, on a repost whose URL line
gave it, a related ``Link``). An author's place in parentheses (``NAME (Perth, WA)``)
is kept in ``extras["web-story.byline-place"]`` (``Name: Place`` a line, as every
layout keeps by-line places: :func:`~._conventions.places_text`). Site chrome before
the headline and everything from the navigation chrome on is page furniture, not
content, and is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from newsitem import dates
from newsitem.errors import SerializeError
from newsitem.formats import _decode, _lenient
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _draft, _scanner
from newsitem.formats.layouts import _textblocks as _blocks
from newsitem.model import Block as _Block
from newsitem.model import Byline, Link, Paragraph, Rights, Role, Source, Story, is_uri

__all__ = ["carried", "dumps", "loads", "sniff"]

_NAME = "web-story"

_PART = r"[^/\s](?:[^/]{0,58}[^/\s])?"
"""One category token (60 characters at most, no slash)."""
_WHEN = re.compile(
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<day>\d{1,2}) (?P<year>\d{4})"
    r"(?:, (?P<hour>\d{1,2}):(?P<minute>\d{2})(?P<ampm>[ap]m))?"
    rf"(?:[ \t\u00a0]+(?P<category>{_PART}(?: / {_PART}){{2,8}}|{_PART}(?: / {_PART})? ?/))?$"
)
"""The date at the end of the byline line; in the plain variant the category path starts
on the same line (``... 8:14am international /`` or ``... 8:14am international / prose / post``)."""
_BY = re.compile(r"[Bb]y ")
_URL = re.compile(r"https?://\S+")
_RIGHTS_HINT = re.compile(r"(?i)copyright|copyleft|creative commons|public domain|©")
_NAV = ("<< back to stories", "|")
_CHROME = frozenset(
    (
        "printable version",
        "printer friendly version",
        "printer-friendly version",
        "print version",
        "print view",
        "print this page",
        "pdf version",
        "text size",
        "back to stories",
        "back to newswire",
        "jungle drum newswire",
        "independent publishing",
        "search comments",
        "advanced search",
        "add a comment",
        "email this story",
    )
)
"""Site furniture and navigation words of whole-page dumps (lower case): a line made only of
them (``PDF version``, ``[printable version | PDF version]``) is never a headline."""
_CHROME_SPLIT = re.compile(r"(?:[|\u00b7\u2022\u00bb\u00ab<>\[\]()*:+]|(?<!\w)-|-(?!\w))+")
"""What stands between (or around) navigation words on one line: bars, bullets, guillemets, brackets."""
_CHROME_LENGTH = 80
_HOST = r"[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}"
"""A host name: labels of 63 characters at most (bounded, so a long line cannot backtrack)."""
_ADDRESS = rf"(?:https?://\S+|{_HOST}(?:/\S*)?)"
_PRINT_HEADER = re.compile(
    rf"(?P<site>\S.{{0,{_CHROME_LENGTH}}}?\S)(?:\s{{2,}}(?P<bare>{_ADDRESS})"
    rf"|\s(?P<address>https?://\S+|{_HOST}/\S*))"
)
"""The print view's header (and, with the story's address, its footer): the site's title and
its address, apart by two or more spaces, tabs or NBSPs (``Jungle Drum Prose/Poetry
jungledrum.lingama.net/news``), or by one when the address says ``http(s)://`` or has a path:
never a headline, never body text."""

_RIGHTS_LICENSES = {
    "Creative Commons Attribution.": "https://creativecommons.org/licenses/by/4.0/",
    "Creative Commons Attribution-ShareAlike.": "https://creativecommons.org/licenses/by-sa/4.0/",
    "Creative Commons Attribution-NoDerivs.": "https://creativecommons.org/licenses/by-nd/4.0/",
    "Creative Commons Attribution-NonCommercial.": "https://creativecommons.org/licenses/by-nc/4.0/",
    "Creative Commons Attribution-NonCommercial-ShareAlike.": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "Creative Commons Attribution-NonCommercial-NoDerivs.": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "Public domain.": "https://creativecommons.org/publicdomain/mark/1.0/",
}
"""Rights statements that name a licence, and the licence URL they give.
``Copyright applies.`` and ``Anti-copyright.`` name none. Any other short last
line that mentions copyright, copyleft, Creative Commons, public domain or ©
is kept as the notice without a licence."""

_MAX_RIGHTS = 160
_MAX_CATEGORY_PART = 60
_MAX_CAPTION = 100


def _find_byline(lines: Iterable[_scanner.Line]) -> tuple[_scanner.Line, re.Match[str]] | None:
    """The first line that is a web-story byline line, with the match of its date part."""
    for line in lines:
        text = line.text.strip()
        if _BY.match(text):
            when = _WHEN.search(text)
            if when is not None and when.start() > 3:
                return line, when
    return None


def _category_tail(when: re.Match[str]) -> list[str]:
    """The category tokens the byline line ends with (the plain variant; ``[]`` when it ends
    with its date): the start of the three-line form (``international /``: the token or two
    ending `` /``, then ``""`` for the lines below) or the whole one-line form (three tokens
    or more)."""
    tail = when.group("category")
    if tail is None:
        return []
    opened = tail.endswith("/")
    parts = [part.strip() for part in (tail[:-1] if opened else tail).split(" / ")]
    return [*parts, ""] if opened else parts


_SNIFF_LINES = 200


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a web story by its byline line among the first 200 lines."""
    lines = _scanner.split_lines(text[:100_000])[:_SNIFF_LINES]
    found = _find_byline(lines)
    if found is None:
        return None
    line = found[0]
    if line.number == 2:
        return 0.95, "line 2 is a web-story byline line ('by ... Weekday, Mon D YYYY, H:MMam')"
    if line.number == 1:
        return 0.9, "line 1 is a web-story byline line (an untitled page: no headline above it)"
    return 0.8, f"line {line.number} is a web-story byline line, after {line.number - 2} lines of site chrome"


def _people(text: str) -> list[tuple[str, str | None]]:
    """The names of ``A``, ``A and B``, ``A, B and C``, each with the place it gives in
    parentheses after it (``Greg Maybury (Perth, WA)``: one author, whose place's comma
    does not split)."""
    parts: list[tuple[str, str | None]] = []
    start = 0
    for found in _PAREN.finditer(text):
        closes = found.end() == len(text) or _SPLIT.match(text, found.end()) is not None
        if found.start() < start or not closes or not _is_place(found.group("place")):
            continue  # a parenthesis inside a name, or no place: part of the name
        names = [name.strip() for name in _SPLIT.split(text[start : found.start()])]
        parts += [(name, None) for name in names[:-1]]
        parts.append((names[-1], found.group("place")))
        separator = _SPLIT.match(text, found.end())
        start = separator.end() if separator is not None else found.end()
    if start < len(text) or not parts:
        parts += [(name.strip(), None) for name in _SPLIT.split(text[start:])]
    return parts


_SPLIT = re.compile(r", | and ")
_PAREN = re.compile(r" \((?P<place>[^()]{1,80})\)")
_PLACE_WORD = r"[^\W\d_][\w.'’-]*"
_PLACE = re.compile(rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,4}}(?:, {_PLACE_WORD}(?: {_PLACE_WORD}){{0,4}})?")


def _is_place(text: str) -> bool:
    """Whether ``text`` (what stands in parentheses after a name) is a place: capitalised
    words of letters, with at most one comma (``Perth, WA``, ``Gaza City``, ``São Paulo``),
    that the shared by-line rule takes as one (:func:`~._conventions.place_of`: an agency,
    ``(Reuters)``, is none)."""
    return (
        text[:1].isupper()
        and _PLACE.fullmatch(text) is not None
        and _wire.place_of(f"Name ({text})")[1] is not None  # what the shared by-line rule takes
    )


def _category(lines: list[_scanner.Line], start: int, tail: list[str]) -> tuple[list[str], int]:
    """The category tokens after the byline line (``tail``: those it ends with itself, the
    plain variant), and the index of the first body line."""
    if tail and tail[-1]:  # the whole one-line path on the byline line
        return [tail[0], " / ".join(tail[1:-1]), tail[-1]], start
    parts: list[str] = tail[:-1]
    index = start
    while (
        index < len(lines)
        and (lines[index].text.endswith(" /") or lines[index].text == "/")
        and len(parts) < 2
    ):
        parts.append(lines[index].text[:-1].strip())
        index += 1
    if parts and index < len(lines):
        parts.append(lines[index].text.strip())
        return parts, index + 1
    if parts:
        return parts, index
    if start < len(lines):
        one = [part.strip() for part in lines[start].text.split(" / ")]
        if len(one) >= 3 and all(0 < len(part) <= _MAX_CATEGORY_PART for part in one):
            return [one[0], " / ".join(one[1:-1]), one[-1]], start + 1
    return [], start


def _drop_trailing_blanks(lines: list[_scanner.Line]) -> None:
    while lines and not lines[-1].text.strip():
        lines.pop()


def _is_rights(text: str) -> bool:
    return len(text) <= _MAX_RIGHTS and (
        text in _RIGHTS_LICENSES
        or text in ("Copyright applies.", "Anti-copyright.")
        or bool(_RIGHTS_HINT.search(text))
    )


def _paragraphs(body: list[_scanner.Line]) -> list[Paragraph]:
    _drop_trailing_blanks(body)
    print_view = any(not line.text.strip() for line in body)
    while body and not body[0].text.strip():
        body.pop(0)
    texts: list[str] = []
    if print_view:
        # Print view: blank lines separate paragraphs; lines inside one (verse) are kept.
        block: list[str] = []
        for line in body:
            if line.text.strip():
                block.append(line.text)
            elif block:
                texts.append("\n".join(block))
                block = []
        if block:
            texts.append("\n".join(block))
    else:
        for line in body:
            # Whole-page dumps repeat an image's alt text as its caption: keep one.
            if texts and line.text == texts[-1] and len(line.text) <= _MAX_CAPTION:
                continue
            texts.append(line.text)
    return [Paragraph.plain(text) for text in texts]


# --- reading: named rules over one state -------------------------------------------------------


class _State:
    """What the web-story rules share: the lines, the byline line found, the body left."""

    __slots__ = ("body", "by_line", "charset", "draft", "header", "lines", "when")

    def __init__(self, draft: _draft.Draft, lines: list[_scanner.Line], charset: str | None) -> None:
        self.draft = draft
        self.lines = lines
        self.charset = charset
        self.by_line: _scanner.Line = lines[0]
        self.when: re.Match[str] | None = None
        self.body: list[_scanner.Line] = []
        self.header: re.Match[str] | None = None
        """The print view's header line above the story (site title and address), if any."""


def _byline_line(state: _State) -> None:
    """Find the byline line (after any site chrome), or say why there is none."""
    lines = state.lines
    if not any(line.text.strip() for line in lines):
        raise _scanner.line_error(_NAME, "empty input: expected a headline line and a byline line", lines[0])
    found = _find_byline(lines)
    if found is None:
        broken = next((line for line in lines if _BY.match(line.text.strip())), None)
        if broken is not None:
            raise _scanner.line_error(
                _NAME,
                "the byline line has no date at its end (expected 'by NAME Weekday, Mon D YYYY, H:MMam')",
                broken,
                len(broken.text) + 1,
            )
        hint = (
            f"; the bytes are not UTF-8 and were read as {state.charset}, so this may be another encoding"
            " (EBCDIC, UTF-16)"
            if state.charset
            else ""
        )
        raise _scanner.line_error(
            _NAME,
            "no byline line ('by NAME Weekday, Mon D YYYY, H:MMam') below a headline, here or after"
            " site chrome" + hint,
            lines[1] if len(lines) > 1 else lines[0],
        )
    state.by_line, state.when = found
    state.draft.line = state.by_line.number


def _is_chrome(text: str, *, first: bool = False, spaced: bool = False) -> bool:
    """Whether a line is site furniture, never a headline: navigation words alone
    (``PDF version``, ``[ printable version | PDF version ]``) or the print view's header
    (the title and address apart by two spaces or more; by one when the line opens the
    page, ``first``, see :func:`_print_header`)."""
    text = text.strip()
    if len(text) <= _CHROME_LENGTH:
        words = [" ".join(part.split()) for part in _CHROME_SPLIT.split(text.lower())]
        words = [word for word in words if word]
        if words and all(word in _CHROME for word in words):
            return True
    return _print_header(text, first=first, spaced=spaced) is not None


def _print_header(text: str, *, first: bool, spaced: bool = False) -> re.Match[str] | None:
    """The print view's header (or footer) line's match: ``site`` and the address (``bare``
    after a wide gap; ``address`` after one space, which only the line opening the page may
    use, and then with a blank line under it or a site's address: a host and at most one
    path segment, ``https://jungledrum.example/news``)."""
    found = _PRINT_HEADER.fullmatch(text.strip())
    if found is None or found.group("bare") is not None:
        return found
    if first and (spaced or _SITE_ROOT.fullmatch(found.group("address")) is not None):
        return found
    return None


_SITE_ROOT = re.compile(rf"(?:https?://)?{_HOST}(?:/[\w.~-]*)?/?")
"""A site's own address (its host, perhaps one path segment): what a print header shows."""


def _headline(state: _State) -> None:
    """The headline: the last non-blank line above the byline line (site chrome above it is
    dropped). None when there is no line above, or the line above is site chrome (an
    untitled poem under the print header): a headline is never invented."""
    above = state.lines[: state.by_line.number - 1]
    filled = [line for line in above if line.text.strip()]
    # The print view opens with its header; a single-spaced header (``Site http://...``)
    # counts only there, so a headline ending in an article's URL stays one.
    spaced = bool(filled) and filled[0].number < len(above) and not above[filled[0].number].text.strip()
    if filled:
        state.header = _print_header(filled[0].text, first=True, spaced=spaced)
    headline = filled[-1] if filled else None
    if headline is not None and not _is_chrome(headline.text, first=headline is filled[0], spaced=spaced):
        state.draft.set("headline", headline.text.strip(), line=headline.number)


def _published(state: _State) -> None:
    """The byline line's date and 12-hour time; a weekday that does not match is noted."""
    when, line = state.when, state.by_line
    assert when is not None
    column = line.text.index(when.group()) + 1 if when.group() in line.text else 1
    try:
        if when.group("hour") is None:
            published: date = _day(when)
            warning = dates.weekday_mismatch(when.group("weekday"), published)
        else:
            stamp = {key: value for key, value in when.groupdict().items() if key != "category"}
            published, warning = dates.clock_stamp(tz=state.draft.tz, **stamp)
    except ValueError as exc:
        raise _scanner.line_error(_NAME, f"bad date in the byline line: {exc}", line, column) from None
    state.draft.set("published", published, line=line.number, column=column)
    if warning:
        state.draft.note("date-mismatch", warning, line=line.number, column=column)


def _day(when: re.Match[str]) -> date:
    """The day of a byline line that prints no time (a day, never an invented midnight)."""
    month = dates.MONTH_ABBREVIATIONS.index(when.group("month")) + 1
    return date(int(when.group("year")), month, int(when.group("day")))


def _bylines(state: _State) -> None:
    """Authors, ``via`` a submitter and ``- SOURCE``, from the head of the byline line."""
    line, when = state.by_line, state.when
    assert when is not None
    stamp = line.text.strip()
    head = stamp[: when.start()].strip()[3:]
    column = len(line.text) - len(line.text.lstrip()) + 4
    if " - " in head:
        head, source_name = head.split(" - ", 1)
        state.draft.set("source", Source(name=source_name.strip()), line=line.number, column=column)
    submitter = None
    if " via " in head:
        head, submitter = head.split(" via ", 1)
    people = _people(head)
    if not all(name for name, _ in people):
        raise _scanner.line_error(
            _NAME, "an empty author name in the byline line (expected 'by NAME[, NAME] [and NAME]')", line
        )
    _places(state, people)
    bylines = [Byline(name=name) for name, _ in people]
    if submitter is not None:
        bylines.append(Byline(name=submitter.strip(), role=Role.SUBMITTER))
    state.draft.set("bylines", bylines, line=line.number, column=column)


def _places(state: _State, people: list[tuple[str, str | None]]) -> None:
    """The authors' places (``(Perth, WA)``), where the author is (not where the story is:
    ``located``; a byline has no place): ``extras["web-story.byline-place"]``, ``Name:
    Place`` a line, as the shared by-line rule keeps them."""
    text = _wire.places_text([(name, place) for name, place in people if place])
    if text is not None:
        state.draft.add_extra("byline-place", text, line=state.by_line.number)


def _categories(state: _State) -> None:
    """REGION / TOPIC / TYPE under the byline line: section, genre and ``web-story.type``."""
    lines, draft = state.lines, state.draft
    start = state.by_line.number
    assert state.when is not None
    tail = _category_tail(state.when)
    category, body_start = _category(lines, start, tail)
    line = start + 1
    if category:
        draft.set("section", category[0] or None, line=line)
    if len(category) > 1:
        draft.set("genre", category[1] or None, line=line)
    if len(category) >= 3 and category[2]:
        draft.add_extra("type", category[2])
    state.body = lines[body_start:]


def _page_end(state: _State) -> None:
    """The navigation chrome ends the story; the URL and rights lines close it (a page
    without a headline keeps its one last line as its body: a story needs something)."""
    body = state.body
    for position, line in enumerate(body):
        if line.text.strip() == _NAV[0]:
            body = body[:position]
            break
    _drop_trailing_blanks(body)
    footer = _footer(state, body[-1]) if body else None
    if footer is not None:
        body.pop()
        _drop_trailing_blanks(body)
    untitled = "headline" not in state.draft.fields

    def closing() -> bool:
        return bool(body) and (not untitled or any(line.text.strip() for line in body[:-1]))

    if closing() and _URL.fullmatch(body[-1].text.strip()):
        line = body.pop()
        url = _lenient.keep(
            line.text.strip(),
            is_uri,
            extras=state.draft.extras,
            key=f"{_NAME}.url",
            format=_NAME,
            line=line.number,
            column=1,
            what="not a URI the model takes",
        )
        state.draft.set("url", url, line=line.number)
        _drop_trailing_blanks(body)
    if closing() and _is_rights(body[-1].text.strip()):
        line = body.pop()
        notice = line.text.strip()
        state.draft.line = line.number
        state.draft.set(
            "rights", Rights(notice=notice, license=_RIGHTS_LICENSES.get(notice)), line=line.number
        )
    if footer is not None:
        _page_address(state, *footer)
    state.body = body


_FOOTER = re.compile(
    rf"(?P<site>\S.{{0,{_CHROME_LENGTH}}}?\S)\s*(?:[:|\u2013\u2014-]\s*|\s)(?P<address>{_ADDRESS})"
)
"""The print view's footer, under a header of the same site: its title, a space, colon, dash
or bar, and the story's address."""


def _host(address: str) -> str:
    return address.split("://", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")


def _footer(state: _State, line: _scanner.Line) -> tuple[_scanner.Line, str, str] | None:
    """The print view's footer line (the site's title and the story's address), its site
    and address, or None: the last line of the page, set apart by a wide gap as the header
    is, or naming the site or host of the page's print header."""
    text = line.text.strip()
    wide = _print_header(text, first=False)
    if wide is not None and "/" in wide.group("bare"):  # a story's address has a path
        return line, wide.group("site"), wide.group("bare")
    header = state.header
    found = _FOOTER.fullmatch(text) if header is not None and len(text) <= _MAX_RIGHTS * 4 else None
    if header is None or found is None:
        return None
    site, address = found.group("site"), found.group("address")
    header_address = header.group("bare") or header.group("address")
    if site.lower() == header.group("site").lower() or _host(address) == _host(header_address):
        return line, site, address
    return None


def _page_address(state: _State, line: _scanner.Line, site: str, address: str) -> None:
    """The footer's address: the story's ``url``; a repost, whose URL line gave the original
    article as ``url``, keeps it as a link (``related``, titled with the site's name). An
    address the model refuses (no scheme) is kept in ``extras["web-story.url"]`` (on a
    repost ``extras["web-story.page"]``), noted."""
    draft = state.draft
    column = line.text.index(address) + 1
    repost = "url" in draft.fields  # a URL line was read (kept in extras if the model refused it)
    key = f"{_NAME}.page" if repost else f"{_NAME}.url"
    kept = _lenient.keep(
        address,
        is_uri,
        extras=draft.extras,
        key=key,
        format=_NAME,
        line=line.number,
        column=column,
        what="not a URI the model takes",
    )
    if kept is None:
        return
    if not repost:
        draft.set("url", kept, line=line.number, column=column)
    else:
        draft.set("links", [Link(uri=kept, rel="related", title=site)], line=line.number, column=column)


def _body(state: _State) -> None:
    """The paragraphs: one per line; or blank-line separated blocks (the print view), read
    by the text-block conventions (a paragraph's lines kept)."""
    body = state.body
    _drop_trailing_blanks(body)
    line = body[0].number if body else state.by_line.number
    if any(not ln.text.strip() for ln in body):  # the print view: a blank line opens the body
        blocks: list[_Block] = _blocks.parse([ln.text for ln in body])
        state.draft.set("body", blocks, line=line)
    else:
        state.draft.set("body", _paragraphs(body), line=line)


_RULES = (_byline_line, _headline, _published, _bylines, _categories, _page_end, _body)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a web-story page dump.

    Args:
        data: The text, or bytes (UTF-8, else Windows-1252, else ISO-8859-1; a
            fallback is a ``charset-guessed`` note, see :func:`newsitem.read`).
        tz: The site's zone (an IANA name or a tzinfo) for the byline's time;
            without it the time stays naive, as printed.

    Raises:
        ParseError: no byline line, a broken one, no headline above it, or
            input that is not text.
        ValidationError: a value the model refuses, located at its line.
    """
    text, charset = _decode.decode(data, layout=_NAME)
    draft = _draft.Draft(_NAME, text, tz=tz)
    draft.charset(charset)
    return _draft.run(_RULES, _State(draft, _scanner.split_lines(text), charset))


def _to_the_minute(when: date | None) -> date | None:
    if not isinstance(when, datetime):
        return when  # None, or a day: printed as a day
    return when.replace(second=0, microsecond=0, tzinfo=None)


def _bylines_carried(bylines: Iterable[Byline]) -> list[Byline]:
    """Authors (names only, as persons: the ``by`` line cannot say an organisation; without
    any, the other people credited, whom the ``by`` line names as authors), then the submitters."""
    names = [(_wire.one_line(b.name) or b.name, b.role) for b in bylines]
    authors = [name for name, role in names if role is Role.AUTHOR]
    if not authors:
        authors = [name for name, role in names if role is not Role.SUBMITTER]
    submitters = [name for name, role in names if role is Role.SUBMITTER]
    return [Byline(name=name) for name in authors] + [Byline(name=n, role=Role.SUBMITTER) for n in submitters]


def _rights_carried(rights: Rights | None) -> Rights | None:
    """The notice, when the reader takes its line as a rights line, with the licence it names."""
    notice = _wire.one_line(rights.notice) if rights is not None else None
    if notice is None or "\n" in notice or not _is_rights(notice):
        return None  # another line is read as a paragraph: not written
    return Rights(notice=notice, license=_RIGHTS_LICENSES.get(notice))


def carried(story: Story) -> Story:
    """The fields of ``story`` this layout carries; ``dumps(story, lossy=True)`` writes this.

    Kept: headline (None when there is none, or when it would read as site chrome),
    bylines (names only, as persons: an organisation's kind is not said; the authors,
    or without any the other people credited, read back as authors; then the
    submitter), the authors' places (``web-story.byline-place``, written in parentheses
    after their names: the lines naming an author, with a place the reader takes),
    source name, published (wall time to the minute, without an offset; a day as a
    day), section, genre, ``web-story.type``, a rights notice the reader
    takes as one (with the licence its statement names), an ``http(s)`` url, and the
    body: every block kind by the text-block conventions (layouts/_textblocks.py),
    inline marks dropped. A story left with neither a headline nor a body keeps its
    summary, or else its headline that reads as site chrome, as the body's one
    paragraph (a story needs one of them). One-line
    values lose white space at their ends (:func:`~._conventions.one_line`); what
    the reader's rules read otherwise (a paragraph that looks like a URL or a
    rights line at the end, a name with `` and `` in it) is stated as read
    (:func:`~._conventions.settle`).
    """
    return _carried(story)[0]


def _carried(story: Story) -> tuple[Story, str | None]:
    """The projection of :func:`carried`, and its text when it was written in settling it."""
    bylines = _bylines_carried(story.bylines)
    places = _places_carried(
        story.extras.get(_PLACES_KEY), [b.name for b in bylines if b.role is Role.AUTHOR]
    )
    kept = {} if places is None else {_PLACES_KEY: places}  # read first: the by line is above the category
    if type_ := _wire.one_line(story.extras.get("web-story.type")):
        kept["web-story.type"] = type_
    source = _wire.one_line(story.source.name) if story.source is not None else None
    url = story.url if story.url is not None and _URL.fullmatch(story.url) else None
    headline = _wire.one_line(story.headline) or story.headline
    body = [_blocks.plain(block) for block in story.body]
    chrome = headline is not None and _is_chrome(headline, first=True)
    if (headline is None or chrome) and not body:  # a story needs a headline or a body
        shown = story.summary if story.summary is not None else headline
        body = [] if shown is None else [Paragraph.plain(shown)]
    projected = Story(
        headline=None if chrome else headline,
        bylines=bylines,
        source=None if source is None else Source(name=source),
        published=_to_the_minute(story.published),
        section=_wire.one_line(story.section),
        genre=_wire.one_line(story.genre),
        rights=_rights_carried(story.rights),
        url=url,
        body=body,
        extras=kept,
    )
    return _wire.settle(projected, _write, loads, plain=_plain)


_PLACES_KEY = f"{_NAME}.byline-place"


def _writes_place(place: str) -> bool:
    """Whether a place can be written after an author's name and be read back as itself
    (a place the reader takes, without the byline's separators)."""
    return _is_place(place) and not _SEPARATOR_WORDS.search(f" {place} ")


def _places_of(text: str | None) -> dict[str, str]:
    """The ``Name: Place`` lines of ``extras["web-story.byline-place"]`` (the first place of a name)."""
    places: dict[str, str] = {}
    for line in (text or "").splitlines():
        name, colon, place = line.rpartition(": ")
        if colon and name not in places:
            places[name] = place
    return places


def _places_carried(text: str | None, authors: list[str]) -> str | None:
    """The byline places the writer carries: for each author in order, the place a line of
    ``text`` gives that name, when it reads back as one."""
    places = _places_of(text)
    return _wire.places_text([(a, places[a]) for a in authors if a in places and _writes_place(places[a])])


def _plain(story: Story) -> bool:
    """The quick pre-check of the settle: no value of ``story`` can be read as another part
    of the page (plain words; names without the byline's separators; no two equal
    paragraphs in a row, none that reads as a rights line; a four-digit year)."""
    names = [b.name for b in story.bylines]
    if any(type(block) is not Paragraph for block in story.body):
        return False  # blocks are read by their marks: written and read back
    texts = [p.text for p in story.body]
    return (
        (story.published is None or story.published.year >= 1000)
        and (
            story.headline is None
            or (not _BY.match(story.headline) and not _is_chrome(story.headline, first=True))
        )
        and all(
            _wire.is_plain(text)
            for text in (story.headline, story.section, story.genre, story.extras.get("web-story.type"))
        )
        and all(_wire.is_plain(text) and not _is_rights(text) for text in texts)
        and all(a != b for a, b in itertools.pairwise(texts))
        and all(
            _wire.is_plain(name)
            and "," not in name
            and "(" not in name
            and not _SEPARATOR_WORDS.search(f" {name} ")
            for name in names + ([story.source.name] if story.source and story.source.name else [])
        )
        and (story.rights is None or "/" not in (story.rights.notice or ""))
    )


_SEPARATOR_WORDS = re.compile(r" (?:and|via|-) ")


def dumps(story: Story, *, lossy: bool = False) -> str:
    """Write ``story`` as a web-story page dump (the three-line category form).

    The layout has no place for many fields (summary, dateline, keywords,
    offsets, inline marks...). By default a story that carries any of them is
    refused with SerializeError naming them; ``lossy=True`` writes what the
    layout carries (see :func:`carried`).

    Raises:
        SerializeError: a field would be lost (without ``lossy``), or a story
            without a published time or authors, which the byline line needs.
    """
    kept, written = _carried(story)
    if not lossy:
        _lenient.refuse_loss(_NAME, _lenient.lost_fields(story, kept))
    return _write(kept) if written is None else written


def _write(story: Story) -> str:
    """``story`` (a projection :func:`carried` made) as a page."""
    authors = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    submitters = [b.name for b in story.bylines if b.role is Role.SUBMITTER]
    if story.published is None or not authors or len(submitters) > 1:
        lacking = [
            what
            for what, missing in (("no published time", story.published is None), ("no author", not authors))
            if missing
        ] or [f"{len(submitters)} submitters"]
        raise SerializeError(
            "a web story needs a published time, at least one author and at most one submitter"
            f" for its byline line; this story has {' and '.join(lacking)}",
            format=_NAME,
        )
    if isinstance(story.published, datetime):
        stamp = dates.format_clock_stamp(story.published)
    else:  # a day: the stamp without its time
        day = story.published
        noon = datetime(day.year, day.month, day.day, 12)  # noqa: DTZ001 - only its date is printed
        stamp = dates.format_clock_stamp(noon).rsplit(", ", 1)[0]
    places = _places_of(story.extras.get(_PLACES_KEY))
    byline = "by " + _wire.join_names([f"{a} ({places[a]})" if a in places else a for a in authors])
    if submitters:
        byline += " via " + submitters[0]
    if story.source is not None and story.source.name is not None:
        byline += " - " + story.source.name
    lines = [] if story.headline is None else [story.headline]
    lines.append(f"{byline} {stamp}")
    if story.section is not None or story.genre is not None or "web-story.type" in story.extras:
        lines += [
            f"{story.section or ''} /",
            f"{story.genre or ''} /",
            story.extras.get("web-story.type", ""),
        ]
    if any(type(block) is not Paragraph or "\n" in block.text for block in story.body):
        # The print view: a blank line opens the body and separates its blocks.
        lines += ["", *_blocks.render(story.body)]
        if story.rights is not None or story.url is not None:
            lines.append("")
    else:
        lines += [p.text for p in story.body]
    if story.rights is not None and story.rights.notice is not None:
        lines.append(story.rights.notice)
    if story.url is not None:
        lines.append(story.url)
    lines += list(_NAV)
    return "\n".join(lines) + "\n"
