"""What wire copy shares across layouts: datelines, bylines, headline prefixes,
end matter and the paragraphs of soft-wrapped text.

ANPA-1312, IPTC 7901, e-mailed copy and plain agency copy all carry the same
newsroom conventions inside their framing; each layout module frames, this
module reads the conventions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import NamedTuple, TypeVar

from newsitem import notes
from newsitem.errors import NewsItemError, SerializeError
from newsitem.model import Byline, BylineKind, Story

__all__ = [
    "OF",
    "PLAIN",
    "Dateline",
    "blocks_of",
    "bylines_of",
    "collapsed",
    "credited",
    "dateline_agency",
    "end_matter_kind",
    "find_dateline",
    "gmt_minute",
    "is_organisation",
    "is_plain",
    "is_separator",
    "join_names",
    "join_wrapped",
    "one_line",
    "settle",
    "split_names",
    "split_prefix",
    "split_version",
    "tag_fits",
    "with_dateline",
]

_DASH = r"(?:—|–|--|-|_|=|â€”|â€“)"
_PLACE_WORD = r"(?:[A-ZÀ-Þ][\w'’.-]*|de|del|la|le|los|las|am|an|der|den|upon|on|of|sur|en|di|do|da)"
_PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,4}}(?:, {_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})?"
_DATE_PART = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
_TAGGED = re.compile(
    rf"(?P<place>{_PLACE}?)(?:,? (?P<date>{_DATE_PART}))? "
    rf"(?:\((?P<agency>[A-Za-z][A-Za-z/&.-]{{0,39}}(?: [A-Za-z][A-Za-z/&.-]*){{0,3}})\)|(?P<bare>AAP))"
    rf" ?(?P<dash>{_DASH}) +"
)
# Press releases: the place, a date with or without its year, and a dash.
_DATED = re.compile(
    rf"(?P<place>{_PLACE}?), "
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]{2,8} \d{4})"
    r" (?P<dash>—|–|--|-) +"
)
# Canadian Press and some others print the place alone: upper case, then a dash.
_UNTAGGED = re.compile(
    r"(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)"
    r" (?P<dash>—|–|--|_) +"
)


_DATELINE_REACH = 160


class Dateline(NamedTuple):
    """A dateline found at the start of a paragraph."""

    place: str
    """The place as printed (``PORTLAND, Ore.``)."""
    date: str | None
    """A date part printed with it (``Dec 22``, ``14/06``), or None."""
    agency: str | None
    """The agency tag (``AP``, ``tca/dpa``, ``AFP-DPA-REUTER``), or None."""
    end: int
    """Where the paragraph's own text starts, after the dash."""


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text``, or None."""
    text = text[:_DATELINE_REACH]  # a dateline is short; bounding the search bounds the regex work
    found = _TAGGED.match(text)
    if found is not None:
        agency = found.group("agency") or found.group("bare")
        return Dateline(found.group("place"), found.group("date"), agency, found.end())
    found = _DATED.match(text)
    if found is not None:
        return Dateline(found.group("place"), found.group("date"), None, found.end())
    found = _UNTAGGED.match(text)
    if found is not None and len(found.group("place")) >= 3:
        return Dateline(found.group("place"), None, None, found.end())
    return None


_AGENCIES = frozenset(
    name.lower()
    for name in (
        "AP",
        "Associated Press",
        "The Associated Press",
        "Reuters",
        "Thomson Reuters",
        "AFP",
        "Agence France-Presse",
        "dpa",
        "Deutsche Presse-Agentur",
        "AAP",
        "Australian Associated Press",
        "CP",
        "The Canadian Press",
        "Canadian Press",
        "Belga",
        "UPI",
        "United Press International",
        "Bloomberg",
        "Bloomberg News",
        "ANSA",
        "EFE",
        "Kyodo",
        "Kyodo News",
        "Xinhua",
        "PA",
        "PA Media",
        "Press Association",
        "NZPA",
        "AP Staff",
    )
)
_ORG_WORDS = re.compile(
    r"(?i)\b(?:correspondents?|staff|reporters|writers|desk|news service|agency|press|wire|newswire|"
    r"bureau|news|media|times|post|herald|tribune|journal|gazette|radio|television)\b"
)
_TITLE_WORDS = re.compile(
    r"(?i)\b(?:writer|correspondent|editor|reporter|columnist|critic|analyst|photographer|producer)s?\b"
)


def is_organisation(name: str) -> bool:
    """True when ``name`` names an agency, a newsroom or a group (``dpa
    correspondents``, ``The Associated Press``) rather than a person."""
    lowered = name.lower().strip()
    return lowered in _AGENCIES or bool(_ORG_WORDS.search(lowered))


def is_title(line: str) -> bool:
    """True when the line under a byline is a job title (``AP Sports Writer``)."""
    return bool(_TITLE_WORDS.search(line)) and len(line) <= 60


_BY = re.compile(r"(?i)by\s+")
_SEPARATORS = re.compile(r",\s+(?:and\s+)?|(?<!\s)\s+(?:and|&)\s+")
"""Where a ``By`` line splits. A match starts only where a run of white space does
(the look-behind): ``split`` tries every position, and ``\\s+and`` from each space of
a long run would scan the rest of it (quadratic); the matches are the same."""


OF = re.compile(r"(?<!\s)\s+of\s+")
"""Where a name says its organisation (``Jane Doe of BBC News``); the look-behind as for
:data:`_SEPARATORS`."""


def _person_of(part: str) -> tuple[str, str | None]:
    """A person's name and the organisation it is ``of`` (``Jane Doe of BBC News``), or
    ``part`` and None when it names no person of an organisation."""
    found = OF.search(part)
    if found is None:
        return part, None
    name, organisation = part[: found.start()].strip(), part[found.end() :].strip()
    if name and organisation and is_organisation(organisation) and not is_organisation(name):
        return name, organisation
    return part, None


def bylines_of(line: str, *, title: str | None = None) -> tuple[list[Byline], str | None]:
    """The persons of a ``By ...`` line, as written, and the organisation it names.

    ``By PAUL BYRNE and ALMUDENA CALATRAVA`` gives two bylines; ``By Henrike
    Vogt, dpa`` one, with affiliation ``dpa``, as does ``By Henrike Vogt of dpa``
    (a person ``of`` an organisation); ``By The Associated Press`` none, and
    ``The Associated Press`` as the organisation.
    """
    text = _BY.sub("", line.strip(), count=1).strip()
    parts = [part.strip() for part in _SEPARATORS.split(text) if part.strip()]
    if not parts:
        return [], None
    affiliation = None
    if len(parts) > 1 and is_organisation(parts[-1]):
        affiliation = parts.pop()
    people = [_person_of(part) for part in parts]
    if all(of is None and is_organisation(name) for name, of in people):
        return [], text
    return [Byline(name=name, title=title, affiliation=of or affiliation) for name, of in people], None


def credited(line: str, *, title: str | None = None) -> tuple[list[Byline], str | None]:
    """The author bylines of a ``By ...`` line, as every layout reads them, and the
    organisation it names.

    The persons of :func:`bylines_of`; a line that names only organisations (``By The
    Associated Press``, ``By AFP and dpa``) gives one organisation byline for each
    name, and the organisation text (a credit, where the layout keeps one).
    """
    persons, organisation = bylines_of(line, title=title)
    if organisation is None:
        return persons, None
    names = split_names(organisation)
    return [Byline(name=name, kind=BylineKind.ORGANISATION) for name in names], organisation


def split_names(text: str) -> list[str]:
    """The names of a credit (``AP and Reuters``, ``AFP, dpa``) as :func:`bylines_of` splits them."""
    return [part.strip() for part in _SEPARATORS.split(text.strip()) if part.strip()]


_PREFIX = re.compile(
    r"(?P<prefix>(?:(?:UPDATE \d+|REFILE|CORRECTED|CORRECTION|WRAPUP(?: \d+)?|RPT|REPEAT|RECASTS?|"
    r"\d+(?:ST|ND|RD|TH) LEAD|LEAD|URGENT|FLASH)-)+)(?=\S)"
)


def split_prefix(headline: str) -> tuple[str, str | None]:
    """A headline without its take or version prefix (``UPDATE 2-``, ``REFILE-``),
    and the prefix without its final hyphen (``UPDATE 2``, ``REFILE-UPDATE 1``)."""
    found = _PREFIX.match(headline)
    if found is None:
        return headline, None
    return headline[found.end() :], found.group("prefix")[:-1]


_SEPARATOR = re.compile(r"_{3,}|-{3,}|\*(?: \*){2,}")
_END_MATTER = (
    ("reporting", re.compile(r"\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\b.*\)")),
    ("initials", re.compile(r"(?:[A-Z]{2,6} )?[a-z]{1,4}(?:/[a-z]{1,4})+/?|[A-Z]{2,6} [a-z]{1,4}/")),
    ("rights", re.compile(r"(?:©|\([Cc]\)|Copyright)\s*\d{0,4}\s*\S.{0,80}")),
    ("end", re.compile(r"MORE|ENDS?|-ends?-|###|-30-|\(END\)|\(MORE\)")),
    ("separator", _SEPARATOR),
)


def is_separator(line: str) -> bool:
    """True for a separator line (``___``, ``---``, ``* * *``): what follows is notes, not story."""
    return _SEPARATOR.fullmatch(line.strip()) is not None


def end_matter_kind(line: str) -> str | None:
    """What kind of end matter a line is (``reporting``, ``initials``, ``rights``,
    ``end``, ``separator``), or None for story text."""
    text = line.strip()
    for kind, pattern in _END_MATTER:
        if pattern.fullmatch(text):
            return kind
    return None


def join_wrapped(lines: Iterable[str]) -> str:
    """Soft-wrapped lines as one paragraph: joined with one space, runs of
    whitespace collapsed, ends trimmed."""
    return " ".join(" ".join(lines).split())


def blocks_of(lines: list[str]) -> list[list[str]]:
    """Blank-line separated blocks; without any blank line, each line is a paragraph."""
    content = [line for line in lines if line.strip()]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    last = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    inner = lines[first : last + 1]
    if not any(not line.strip() for line in inner):
        return [[line] for line in content]
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in inner:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [part for block in blocks for part in split_block(block)]


def split_block(block: list[str]) -> list[list[str]]:
    """A blank-line block as paragraphs: a block of short lines (a slug, a By line, a
    contact card) is lines, not one paragraph; so is a block whose lines are longer
    than a hard wrap (one line per paragraph); else the block is one paragraph."""
    if len(block) > 1 and (
        all(len(line) < 45 for line in block) or any(len(line) > 80 for line in block[:-1])
    ):
        return [[line] for line in block]
    return [block]


_VERSION = re.compile(r"(?P<headline>.*\S) \((?P<version>\d+|\d*[A-Z]{2,}[A-Z0-9 ]*)\)")


def split_version(headline: str) -> tuple[str, str | None]:
    """A headline without a trailing version mark (Belga's ``(2)``, ``(3DER)``,
    ``(CORRECT)``), and the mark without its parentheses."""
    found = _VERSION.fullmatch(headline)
    if found is None:
        return headline, None
    return found.group("headline"), found.group("version")


def join_names(names: Sequence[str]) -> str:
    """Names as a byline prints them: ``A``, ``A and B``, ``A, B and C`` (the inverse of
    the splitting :func:`bylines_of` does)."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def with_dateline(text: str, place: str, agency: str | None, *, dash: str, untagged_dash: str = "—") -> str:
    """A first paragraph with its dateline put back: ``PLACE (AGENCY) - text``, or
    ``PLACE — text`` without an agency tag (the form :func:`find_dateline` reads)."""
    return f"{place} ({agency}) {dash} {text}" if agency else f"{place} {untagged_dash} {text}"


def tag_fits(place: str, agency: str, dash: str) -> bool:
    """Whether ``PLACE (AGENCY) dash text`` reads back as that place and agency."""
    found = find_dateline(with_dateline("text", place, agency, dash=dash))
    return found is not None and found.place == place and found.agency == agency


def dateline_agency(tag: str | None, dateline: str | None, source: str | None, *, dash: str) -> str | None:
    """The agency tag a wire writer prints in the dateline (the ``*.dateline-agency`` extra).

    None without a dateline (a writer drops the dateline of a story without a body);
    else the tag read (``tag``), else ``source`` where ``PLACE (SOURCE) dash`` reads
    back as the dateline and that tag (pass None when another line carries the source)."""
    if dateline is None:
        return None
    if tag is not None:
        return tag
    return source if source is not None and tag_fits(dateline, source, dash) else None


def gmt_minute(when: date | None) -> datetime | None:
    """A time as a GMT trailer with a two-digit year prints it: in UTC to the minute, for
    years 1950-2049; None for a naive time, a day without a time or one outside those years."""
    if not isinstance(when, datetime) or when.utcoffset() is None:
        return None
    if not 1949 <= when.year <= 2050:  # year 1, 9999: no UTC
        return None
    moved = when.astimezone(UTC).replace(second=0, microsecond=0)
    return moved if 1950 <= moved.year <= 2049 else None


# --- what the writers' projections share (``carried``) ------------------------------------------


def one_line(text: str | None) -> str | None:
    """A one-line value as a line-based reader gives it back: without white space at its
    ends (``str.strip``: spaces, tabs, NBSP, NEL, U+2028...), None when nothing is left."""
    if text is None:
        return None
    return text.strip() or None


def collapsed(text: str | None) -> str | None:
    """A text as a reader that joins soft-wrapped lines gives it back: runs of white space
    (line ends and Unicode separators included) one space, ends trimmed; None when blank."""
    if text is None:
        return None
    return " ".join(text.split()) or None


_T = TypeVar("_T")

_PLAIN_CHARACTERS = "\\w'’‘\"“”«».,;:!?()&%$€£-"
PLAIN = re.compile(rf"[{_PLAIN_CHARACTERS}]+(?: [{_PLAIN_CHARACTERS}]+)*")
"""Words of letters, digits, quotes and sentence punctuation, one space apart: text that
holds no slash, caret, angle or square bracket, symbol or control, and no white
space at its ends (:func:`is_plain` also refuses ``_`` and ``--``). A layout's pre-check adds
its own separators (``, `` and `` and `` in a byline...)."""


def is_plain(text: str | None) -> bool:
    """Whether ``text`` is absent or :data:`PLAIN`."""
    return text is None or (PLAIN.fullmatch(text) is not None and "_" not in text and "--" not in text)


def settle(
    kept: Story,
    write: Callable[[Story], _T],
    read: Callable[[_T], Story],
    *,
    plain: Callable[[Story], bool] | None = None,
    rounds: int = 4,
) -> tuple[Story, _T | None]:
    """``kept`` as the layout's reader takes it back, found by reading what is written;
    and what was written of it (None when the pre-check let it stand unwritten, or the
    writer refused it).

    The layouts' conventions are read by rules (a paragraph that opens with a place
    and a dash is a dateline, a ``By`` line splits names at commas and "and", a line
    of underscores ends the story...), so text that happens to fit one is read as it:
    a projection (``carried``) states what comes back by writing ``kept`` and
    reading it, until it stands (at most ``rounds`` times). The reader's notes are
    dropped. A story the writer refuses is left as it was (the writer's own error then
    says why when ``dumps`` writes it). The writer's text of a story that stood is
    returned so that ``dumps`` need not write it again.

    ``plain`` is the layout's quick pre-check: True when no value of ``kept`` can be
    read as one of its conventions (:func:`is_plain` words, none of the
    separators); ``kept`` then stands without being written and read.

    Raises:
        SerializeError: the reader refuses what the writer wrote, or what is written
            does not stand within ``rounds``: no text of the story reads back as
            itself, so nothing is carried (and a writer never emits text its own
            reader refuses).
    """
    if plain is not None and plain(kept):
        return kept, None
    with notes.collect():
        for _ in range(rounds):
            try:
                written = write(kept)
            except SerializeError:
                return kept, None
            try:
                back = read(written)
            except NewsItemError as exc:
                layout = getattr(exc, "format", None)
                raise SerializeError(
                    f"what would be written reads back with an error: {exc}", format=layout
                ) from exc
            if back == kept:
                return kept, written
            kept = back
    raise SerializeError(f"what would be written does not read back as itself in {rounds} rounds")
