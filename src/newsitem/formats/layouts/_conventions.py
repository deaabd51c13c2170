"""What wire copy shares across layouts: datelines, bylines, headline prefixes,
end matter and the paragraphs of soft-wrapped text.

ANPA-1312, IPTC 7901, e-mailed copy and plain agency copy all carry the same
newsroom conventions inside their framing; each layout module frames, this
module reads the conventions. Its by-line rule (:func:`credited`, :func:`by_line`:
``By``/``Von``/``Par``..., ``and``/``und``/``et``..., agency and job-title suffixes, the
name test) is every format's: NewsML-G2, NITF, ninjs and NewsML 1.2 read by lines by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import NamedTuple, TypeVar

from newsitem import dates, notes
from newsitem._rules import _lazy
from newsitem.errors import NewsItemError, SerializeError
from newsitem.model import Byline, BylineKind, Story

__all__ = [
    "OF",
    "PLAIN",
    "Dateline",
    "PrintedDateline",
    "blocks_of",
    "by_line",
    "byline_places",
    "bylines_of",
    "cells",
    "collapsed",
    "columns",
    "credited",
    "dateline_agency",
    "dateline_day",
    "dateline_parts",
    "ednote_of",
    "end_matter_kind",
    "end_note_kind",
    "find_dateline",
    "gmt_minute",
    "is_agency",
    "is_name",
    "is_organisation",
    "is_plain",
    "is_separator",
    "join_names",
    "join_wrapped",
    "known_agency",
    "lone_dateline",
    "one_line",
    "opening_dateline",
    "place_of",
    "places_text",
    "prints_back",
    "release_mark",
    "settle",
    "sign_off_kind",
    "split_and",
    "split_names",
    "split_prefix",
    "split_version",
    "tag_fits",
    "with_dateline",
]

_DASH = r"(?:—|–|--|-|_|=|â€”|â€“)"
_CAPITAL = "A-ZÀ-ÞА-ЯЁЄІЇҐΑ-ΩΆ-Ώ"
"""Capitals of the Latin, Cyrillic and Greek scripts: a place's word opens with one."""
_PLACE_WORD = rf"(?:[{_CAPITAL}][\w'’./-]*|de|del|la|le|los|las|am|an|der|den|upon|on|of|sur|en|di|do|da)"
_PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,4}}(?:, {_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})?"
_DATE_PART = (
    r"(?:(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}\.? [^\W\d_]{3,10}\.?)(?:,? \d{4})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
)
"""A date in a dateline: ``Dec 22``, ``Nov. 5``, ``March 5, 2024``, ``25 марта``, ``5. März 2024``,
``14/06``."""
_TAG_WORD = r"[^\W\d_](?:[^\W\d_]|[/&.-]){0,39}"
_TAGGED = _lazy(
    rf"(?P<place>{_PLACE}?)(?:,? (?P<date>{_DATE_PART}))?(?: |--)"
    rf"(?:[(（](?P<agency>{_TAG_WORD}(?: {_TAG_WORD}){{0,3}})[)）]|(?P<bare>AAP|Kyodo)"
    rf"|/(?P<slash>[A-Za-z][A-Za-z]{{1,20}}(?:-[A-Za-z]{{2,20}}){{0,2}})/)"
    rf" ?\.?(?P<dash>{_DASH})(?: +|(?<=--)(?=\S))"
)
"""``PLACE[, date] (AGENCY) —``: an agency tag in parentheses (any script: ``(ТАСС)``,
``(新华社)``), a bare ``AAP`` or ``Kyodo`` (``SAITAMA, Japan, Dec. 9 Kyodo -``), or a
press-release wire between slashes (``/PRNewswire/ --``,
``/PRNewswire-AsiaNet/ --``); Business Wire's ``SAN FRANCISCO--(BUSINESS WIRE)--`` and EFE's
``(EFE).-`` too."""
# Press releases: the place, a date with or without its year, and a dash.
_DATED = _lazy(
    rf"(?P<place>{_PLACE}?), "
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?|\d{1,2} [A-Z][a-z]{2,8} \d{4})"
    r" (?P<dash>—|–|--|-) +"
)
# Canadian Press and some others print the place alone: upper case, then a dash.
_UNTAGGED = _lazy(
    r"(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)"
    r" (?P<dash>—|–|--|_) +"
)
_CJK_AGENCIES = (
    "新华社|新華社|中新社|中央社|共同社|共同通信|共同|時事|韩联社|法新社|路透社|美联社|塔斯社|德新社"
)
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_CJK_DATE = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
_XINHUA = _lazy(
    rf"(?P<agency>{_CJK_AGENCIES})(?P<place>[{_CJK}]{{1,12}}?)(?P<date>{_CJK_DATE})电"
    rf"(?:[（(][^（()）]{{0,40}}[)）])?\s*"
)
"""Xinhua's own dateline: ``新华社北京3月25日电（记者 张三）`` (agency, place, date, ``电``)."""
_CJK_TAGGED = _lazy(
    rf"(?P<place>[{_CJK}]{{1,12}}?)(?:[,，]\s?(?P<date>{_CJK_DATE}))?\s?[(（](?P<agency>{_CJK_AGENCIES})[)）]"
    r"\s?(?:——|—|–|--|-|:|：)?\s*"
)
"""A Chinese place with an agency tag: ``北京，3月25日（新华社）——``."""


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


_TAG_ONLY = _lazy(
    rf"\((?P<agency>{_TAG_WORD}(?: {_TAG_WORD}){{0,3}})\) ?(?P<dash>{_DASH})(?: +|(?<=--)(?=\S))"
)
"""A tag with no place (``(CNN) -- The official...``): a dateline only when the tag is known."""


def find_dateline(text: str, *, tag_only: bool = False) -> Dateline | None:
    """The dateline that opens ``text``, or None. With ``tag_only``, a known tag with no
    place (``(CNN) -- The official...``) is a dateline whose place is empty."""
    text = text[:_DATELINE_REACH]  # a dateline is short; bounding the search bounds the regex work
    alone = _TAG_ONLY.match(text) if tag_only else None
    if alone is not None and known_agency(alone.group("agency")):
        return Dateline("", None, alone.group("agency"), alone.end())
    found = _TAGGED.match(text)
    if found is not None:
        agency = found.group("agency") or found.group("bare") or found.group("slash")
        return Dateline(found.group("place"), found.group("date"), agency, found.end())
    found = _DATED.match(text)
    if found is not None:
        return Dateline(found.group("place"), found.group("date"), None, found.end())
    found = _UNTAGGED.match(text)
    if found is not None and len(found.group("place")) >= 3:
        return Dateline(found.group("place"), None, None, found.end())
    found = _XINHUA.match(text) or _CJK_TAGGED.match(text)
    if found is not None and found.end() < len(text):
        return Dateline(found.group("place"), found.group("date"), found.group("agency"), found.end())
    return None


_LONE = _lazy(
    r"(?P<place>(?:[^\W\d_][^/()\n]{0,80}?)?)(?:,? (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, ?\d{4})?))?"
    r" ?(?:/ ?(?P<slash>[^\W\d_][\w .&-]{0,40}?) ?/|\((?P<paren>[^\W\d_][\w .&/-]{0,40}?)\))"
    rf" ?\.?(?:{_DASH})?"
)
"""A dateline alone on its line, as press releases print it above their first paragraph:
``AUSTIN, Texas, Feb. 1, 2017 /PRNewswire-AsiaNet/ --``, ``/Kyodo JBN-AsiaNet/ --``,
``LONDON, Feb. 1 /PRNewswire-AsiaNet / --``, ``MUMBAI, India, July 25, 2018/PRNewswire-AsiaNet/``."""


def lone_dateline(line: str) -> Dateline | None:
    """The dateline that is all of ``line`` (a press release's, above its first paragraph),
    or None; its tag must be a known agency's or wire's (nothing else marks the line)."""
    text = line.strip()
    if len(text) > _DATELINE_REACH or not text:
        return None
    found = _LONE.fullmatch(text)
    if found is None:
        return None
    agency = (found.group("slash") or found.group("paren") or "").strip()
    if not known_agency(agency):
        return None
    return Dateline(found.group("place").strip(" ,"), found.group("date"), agency, len(line))


_RELEASE_MARK = _lazy(
    r"(?i)(?:(?:media|press|news) release|for immediate (?:release|distribution)"
    r"|media (?:advisory|statement))"
    r"(?:\s*[:#-]?\s*[A-Z]{0,4}-?\d{2,10})?"
)


def release_mark(line: str) -> bool:
    """Whether a line is a press release's marker (``MEDIA RELEASE PR67276``, ``Press release``,
    ``FOR IMMEDIATE RELEASE``), with the release's number if printed: preamble, never a headline."""
    return _RELEASE_MARK.fullmatch(line.strip()) is not None


def known_agency(tag: str | None) -> bool:
    """Whether a dateline's tag names an agency or press-release wire in use (``AP``,
    ``Reuters``, ``dpa``, TASS in Cyrillic, ``新华社``, ``PRNewswire-AsiaNet``,
    ``BUSINESS WIRE``, ``tca/dpa``):
    a part between slashes or hyphens naming a known agency is enough."""
    if not tag:
        return False
    lowered = " ".join(tag.split()).lower()
    if lowered in _AGENCIES or lowered in _WIRES or lowered in _BROADCASTERS:
        return True
    return any(part.strip() in _AGENCIES or part.strip() in _WIRES for part in re.split(r"[/-]", lowered))


_BROADCASTERS = frozenset({"cnn", "cnn business", "cnnmoney", "cnn money", "cnn español", "cnn espanol"})
"""Broadcasters and newspapers whose own copy is datelined in the wire form (``WASHINGTON (CNN) —``,
``(CNN) --``, ``NEW YORK (CNNMoney) --``): only tags seen in real datelines. Known as dateline
tags, not as agencies (a ``CNN`` line is no agency's credit or sign-off)."""


_WIRES = frozenset(
    {
        *("prnewswire", "pr newswire", "business wire", "businesswire", "globe newswire", "globenewswire"),
        *("accesswire", "marketwired", "marketwire", "einpresswire", "newswire", "cision", "ots"),
        *("asianet", "kyodo jbn", "jbn", "cnw", "cnw telbec", "jcn newswire", "acn newswire"),
    }
)
"""Press-release wires whose tag stands in a release's dateline (``/PRNewswire/``, ``(BUSINESS WIRE)``)."""

_MONTHS_RU = {
    name: number
    for number, name in enumerate(
        (
            *("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа"),
            *("сентября", "октября", "ноября", "декабря"),
        ),
        start=1,
    )
}
_DAY_MONTH = _lazy(r"(?P<day>\d{1,2})\.? (?P<month>[^\W\d_]{3,10})\.?(?:,? (?P<year>\d{4}))?")
_MONTH_DAY = _lazy(r"(?P<month>[^\W\d_]{3,9})\.? (?P<day>\d{1,2})(?:,? (?P<year>\d{4}))?")
_CJK_YMD = _lazy(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def dateline_day(text: str | None) -> date | None:
    """The day a dateline's date part names (``March 5, 2024``, ``25 марта 2024``,
    ``2024年3月25日``), or None: a date printed without its year (``Nov. 5``, ``25 марта``)
    names no day, as none is made up; nor does a numeric one (``14/06``: which order?)."""
    if not text:
        return None
    text = " ".join(text.split())
    found = _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text) or _CJK_YMD.fullmatch(text)
    if found is None or found.group("year") is None:
        return None
    month_text = found.group("month")
    month = int(month_text) if month_text.isdigit() else _month(month_text)
    try:
        return date(int(found.group("year")), month or 0, int(found.group("day")))
    except ValueError:
        return None


def _month(name: str) -> int | None:
    """A month's number from its name in the languages :mod:`newsitem.dates` knows, or Russian."""
    return dates.month_number(name) or _MONTHS_RU.get(name.lower())


# An agency tag without parentheses (``SEOUL, Nov 26 AFP -``) or between slashes
# (``MOSCOW, January 21. /TASS/.``, ``København /ritzau/:``).
_BARE_TAGGED = _lazy(
    rf"(?P<place>{_PLACE}?)(?:,? (?P<date>{_DATE_PART})\.?)? "
    rf"(?:/(?P<slash>[^\W\d_]{{2,12}})/\.?:?|(?P<bare>[A-Z]{{2,6}}) ?{_DASH}) +"
)


def opening_dateline(text: str) -> Dateline | None:
    """The dateline printed at the start of another agency's first paragraph, or None.

    :func:`find_dateline`'s forms and agency tags without parentheses (``SEOUL, Nov 26 AFP -``,
    ``MOSCOW, January 21. /TASS/.``); stricter than the wire layouts' rule, as nothing else
    marks the line: an agency tag must name a known agency or stand after an upper-case
    place or a date (``The President (Trump) - said`` is no dateline)."""
    found = find_dateline(text)
    if found is not None:
        tag = found.agency
        if tag is None or found.date or found.place.isupper() or tag.lower() in _AGENCIES:
            return found
        return None
    bare = _BARE_TAGGED.match(text[:_DATELINE_REACH])
    if bare is None or not bare.group("place"):
        return None
    agency = bare.group("slash") or bare.group("bare")
    if agency.lower() not in _AGENCIES:
        return None
    return Dateline(bare.group("place"), bare.group("date"), agency, bare.end())


class PrintedDateline(NamedTuple):
    """A printed dateline line split (:func:`dateline_parts`)."""

    place: str | None
    date: str | None
    agency: str | None


_TAG_AT_END = _lazy(r"(?:\((?P<paren>[^()]{1,40})\)|/(?P<slash>[^/\s]{2,20})/)$")
_WORD_AT_END = _lazy(r"\s(?P<word>[^\W\d_]{2,12})$")
_DATE_AT_END = _lazy(
    r"\s(?:[^\W\d_]{3,10}\.? \d{1,2}(?:st|nd|rd|th)?|\d{1,2}\.? [^\W\d_]{3,10}\.?)(?: \d{4})?$"
)
_CLOSING = " -\u2013\u2014:=_"
_MONTH_DATE = _lazy(
    r"(?i)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?"
)
"""A dateline that is only a date (Reuters video's ``MARCH 04, 2013``): no place."""


def _spelled(tag: str) -> bool:
    """Whether ``tag`` is an abbreviation spelled in spaced letters (AFP Arabic's ``أ ف ب``)."""
    words = tag.split()
    return len(words) > 1 and all(len(word) <= 2 for word in words)


def dateline_parts(text: str) -> PrintedDateline:
    """The one rule for a printed dateline (a NewsML-G2 ``dateline``, NITF's, NewsML 1.2's
    ``DateLine``): its place, date and agency tag. The closing dash goes, then the agency tag
    (in parentheses or slashes after a dash, or naming an agency: ``(AFP)``, ``/TASS/``,
    a bare ``AAP``, AFP Arabic's spelled ``(أ ف ب)``; ``Kiev (Ukraine)`` keeps its region),
    then the date (from the first comma-separated part holding a digit, or a day and month
    closing the line; a line that is only a date, ``MARCH 04, 2013``, has no place):
    ``STOCKHOLM, Aug 29, 2014 (AFP) -``, ``BEIJING, July 23`` and ``SYDNEY March 22 AAP -``
    all give the place alone."""
    line = " ".join(text.split())
    rest = line.rstrip(_CLOSING)
    dashed = len(rest) < len(line)
    if rest.endswith((").", "/.")):
        rest = rest[:-1]
    agency = None
    found = _TAG_AT_END.search(rest)
    if found is not None:
        tag = (found.group("paren") or found.group("slash")).strip()
        if dashed or found.group("slash") or is_agency(tag) or _spelled(tag):
            agency, rest = tag, rest[: found.start()].rstrip()
    else:
        word = _WORD_AT_END.search(rest)
        if word is not None and word.group("word").lower() in _AGENCIES:
            agency, rest = word.group("word"), rest[: word.start()]
    rest = rest.rstrip(" ,")
    if _MONTH_DATE.fullmatch(rest):
        return PrintedDateline(None, rest, agency)
    date = None
    parts = rest.split(",")
    dated = next((i for i, part in enumerate(parts) if i and any(c.isdigit() for c in part)), None)
    if dated is not None:
        date, rest = ",".join(parts[dated:]).strip(), ",".join(parts[:dated])
    else:
        at_end = _DATE_AT_END.search(rest)
        if at_end is not None and at_end.start() > 0:
            date, rest = at_end.group().strip(), rest[: at_end.start()]
    return PrintedDateline(rest.strip(" ,") or None, date, agency)


_AGENCY_NAMES = (
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
    "TT",
    "NTB",
    "STT",
    "Ritzau",
    "ANP",
    "APA",
    "Lusa",
    "Europa Press",
    "Keystone-SDA",
    "SDA",
    "KNA",
    "epd",
    "TASS",
    "PAP",
    "ČTK",
    "CTK",
    "MTI",
    "Yonhap",
    "PTI",
    "Jiji",
    "ANA-MPE",
    "Anadolu",
    "Agenzia Nova",
    "AP Staff",
    *("RIA", "RIA Novosti", "Interfax", "ТАСС", "РИА Новости", "Интерфакс", "УНИАН", "Укрінформ"),
    *("ANA", "ΑΠΕ", "ΑΠΕ-ΜΠΕ", "Xinhua News Agency", "CNA", "Yonhap News Agency", "Kyodo News Agency"),
    *("新华社", "新華社", "中新社", "中央社", "共同社", "共同通信", "共同", "時事", "韩联社", "法新社"),
    *("路透社", "美联社", "塔斯社", "德新社"),
)
_AGENCIES = frozenset(name.lower() for name in _AGENCY_NAMES)
_SHORT_ACRONYMS = frozenset(name.lower() for name in _AGENCY_NAMES if name.isupper() and len(name) <= 3)
"""Agencies known by three capitals or fewer (ANA, RIA, PAP): written as a given name (``Ana``,
``Ria``) in a by line, the word is a person's name, not the agency."""
_ORG_WORDS = _lazy(
    r"(?i)\b(?:correspondents?|staff|reporters|writers|desk|news service|agency|press|wire|newswire|"
    r"bureau|news|media|times|post|herald|tribune|journal|gazette|radio|television|university|universität|"
    r"université|universidad|college|institute|institut|school|database|foundation|council|ministry|"
    r"association|society|centre|center|inc|ltd|llc|plc|gmbh|ag|verlag|zeitung|group|corporation|health)\b"
)
_TITLE_WORDS = _lazy(
    r"(?i)\b(?:writer|correspondent|editor|reporter|columnist|critic|analyst|photographer|producer)s?\b"
)


def is_organisation(name: str) -> bool:
    """True when ``name`` names an agency, a newsroom or a group (``dpa
    correspondents``, ``The Associated Press``) rather than a person."""
    lowered = name.lower().strip()
    return agency_name(name) or bool(_ORG_WORDS.search(lowered))


def agency_name(name: str) -> bool:
    """Whether ``name`` is a known agency's name (``dpa``, ``The Associated Press``, ``TASS``);
    an agency known by three capitals or fewer written as a given name (``Ana``, ``Ria``) is not."""
    stripped = name.strip()
    lowered = stripped.lower()
    return lowered in _AGENCIES and not (lowered in _SHORT_ACRONYMS and stripped.istitle())


def is_title(line: str) -> bool:
    """True when the line under a byline is a job title (``AP Sports Writer``)."""
    return bool(_TITLE_WORDS.search(line)) and len(line) <= 60


# --- by lines: the one home of the rule every format reads a by line by ----------------------------

_BY = _lazy(r"(?i)(?:by|von|par|door|av|af|por|di)(?:\s*:\s*|\s+)")
"""The word that opens a by line, in any case: English ``By`` (``By:``), German ``Von``,
French ``Par``, Dutch ``Door``, Swedish and Norwegian ``Av``, Danish ``Af``, Spanish and
Portuguese ``Por``, Italian ``Di``."""
_AND = "and|und|et|och|og|en|ja"
"""``and`` in English, German, French, Swedish, Norwegian and Danish, Dutch, Finnish."""
_SEPARATORS = _lazy(rf",\s+(?:(?:{_AND})\s+)?|(?<!\s)\s+(?:{_AND}|&)\s+")
"""Where a by line splits: commas, ``and`` in the languages of :data:`_BY`, ``&``. A match
starts only where a run of white space does (the look-behind): ``split`` tries every
position, and ``\\s+and`` from each space of a long run would scan the rest of it
(quadratic); the matches are the same."""
_ALSO = _lazy(r"(?<!\s)\s+[ye]\s+")
"""Spanish ``y``, Italian and Portuguese ``e``: ``and`` between two names of two words or
more, part of one name otherwise (``José Ortega y Gasset``)."""
_JOB = _lazy(
    r"(?i)writer|correspondent|korrespondent|correspondant|editor|redakteur|rédact|reporter|columnist"
    r"|kolumnist|critic|kritiker|analyst|photographer|fotograf|producer|journalist|envoyé|redaktör"
)
"""A job title closing a by line after a comma (``AP Business Writer``, ``dpa-Korrespondentin``):
the title of the persons it follows, not a person or an organisation."""
_CREDIT_LENGTH = 40
_BYLINE_LENGTH = 120
"""The longest by line :func:`by_line` takes for one (longer is story text)."""
_NAME_WORDS = 7
_PARTICLES = frozenset(
    {
        *("von", "van", "vom", "zu", "zum", "der", "den", "des", "de", "del", "della", "delle", "di"),
        *("da", "das", "do", "dos", "du", "la", "le", "les", "ter", "ten", "te", "y", "e", "bin", "ibn"),
        *("al", "el", "af", "av"),
    }
)
"""The lower-case words a person's name holds (``Ursula von der Leyen``, ``Ortega y Gasset``)."""
_NOT_IN_BY_LINES = _lazy(r"[!?;\"“”„«»()\[\]{}<>|*#@=+\d]|:\s|\s[-\u2013\u2014]\s|[.!?]\s+[a-z]")
"""What a by line's names never hold: a sentence's punctuation, a dateline's dash, brackets, digits."""


def _particle(word: str) -> bool:
    """A lower-case word of a name: a particle (``von``), or one joined to a capitalised
    name (``d'Alembert``, ``al-Sharif``)."""
    if word in _PARTICLES:
        return True
    for mark in "'’-":
        head, joined, rest = word.partition(mark)
        if joined and head in _PARTICLES | {"d", "l"} and rest[:1].isupper():
            return True
    return False


def _capital(letter: str) -> bool:
    """A capital, or a letter of a script without case (Arabic, Chinese...)."""
    return letter.isupper() or (letter.isalpha() and letter.lower() == letter.upper())


def is_name(text: str) -> bool:
    """Whether ``text`` is written as a person's name: one to seven words, each capitalised
    (``ASHOK``, ``O'Neil``, ``J.``) or a name's particle (``von``, ``de``, ``d'Alembert``),
    the last no bare particle, no digits (``Marco Krefting``, ``Ursula von der Leyen``; not
    ``the end of the day`` nor ``heute an``)."""
    words = text.split()
    if not words or len(words) > _NAME_WORDS or words[-1] in _PARTICLES:
        return False
    return all(
        (_capital(word[0]) and all(c.isalpha() or c in ".'’-" for c in word)) or _particle(word)
        for word in words
    )


def is_agency(text: str) -> bool:
    """Whether a by line's closing credit names an agency or another organisation: a known
    agency (``dpa``, ``The Associated Press``, ``TT``, ``NTB``) or a newsroom, company or
    institution by its words (``dpa correspondents``, ``Michigan State University``). The
    same test as :func:`is_organisation`, so that the layout writers carry every affiliation
    their reader gives."""
    return is_organisation(text.strip())


OF = _lazy(r"(?<!\s)\s+of\s+")
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


class _Reading(NamedTuple):
    """A by line taken apart: what :func:`bylines_of` and :func:`by_line` build on."""

    text: str
    """The line without its opening word."""
    names: list[tuple[str, str | None]]
    """Each name and the organisation it is ``of`` (``Jane Doe of BBC News``)."""
    affiliation: str | None
    """The closing agency (``, dpa``, ``(Reuters)``, ``/TT``)."""
    title: str | None
    """The closing job title, or the title given."""
    named: str
    """The names as printed, without the agency and title (what :func:`by_line` tests)."""


def _without_by(line: str) -> str:
    """``line`` without the word that opens a by line (Italian ``Di`` only before a name of
    two words or more: ``Di Stefano`` is a name)."""
    found = _BY.match(line)
    if found is None:
        return line
    rest = line[found.end() :]
    if found.group()[:2].lower() == "di" and len(rest.split(",", 1)[0].split()) < 2:
        return line
    return rest.strip()


def _closing_credit(text: str) -> tuple[str, str | None]:
    """``text`` without a closing agency in parentheses, after a slash or, when it is an
    agency's name of two words or more, after the names with no comma (``John Smith
    (Reuters)``, ``Martin Hardenberger/TT``, ``ASHOK SHARMA Associated Press``: a by line's
    two lines run together), and the agency."""
    if text.endswith(")"):
        start = text.rfind("(", max(0, len(text) - _CREDIT_LENGTH - 2))
        if start > 0 and is_agency(text[start + 1 : -1]):
            return text[:start].strip(), text[start + 1 : -1].strip()
    names, slash, credit = text.rpartition("/")
    if slash and names.strip() and len(credit) <= _CREDIT_LENGTH and is_agency(credit):
        return names.strip(), credit.strip()
    window = text[-_CREDIT_LENGTH:]
    spans = [found.start() for found in _WORD.finditer(window)]
    for size in (4, 3, 2):  # By ASHOK SHARMA Associated Press: its two lines run together
        if len(spans) > size and " ".join(window[spans[-size] :].split()).lower() in _AGENCIES:
            head = text[: len(text) - len(window) + spans[-size]].strip()
            if len(head.split()) >= 2 and not head.endswith(","):
                return head, " ".join(window[spans[-size] :].split())
    return text, None


def _split_also(part: str) -> list[str]:
    """``part`` split at each Spanish ``y``/Italian ``e`` that stands between two names of two
    words or more (the words since the last split, and up to the next ``y``/``e``)."""
    segments: list[str] = []
    start = 0
    for found in _ALSO.finditer(part):
        segments.append(part[start : found.start()])
        start = found.end()
    if not segments:
        return [part]
    segments.append(part[start:])
    names: list[str] = []
    current, words = [segments[0]], len(segments[0].split())
    for segment, joint in zip(segments[1:], _ALSO.finditer(part), strict=True):
        count = len(segment.split())
        if words >= 2 and count >= 2:
            names.append("".join(current).strip())
            current, words = [segment], count
        else:
            current += [joint.group(), segment]
            words += count + 1
    names.append("".join(current).strip())
    return names


_COMMA = _lazy(r",\s*")
_WORD = _lazy(r"\S+")
_LINE_BREAK = _lazy(r"\r\n?|\n")
_AND_ONLY = _lazy(rf"(?<!\s)\s+(?:{_AND}|&)\s+")
"""Where names joined by ``and`` (in the languages of :data:`_BY`) or ``&`` split."""
_AND_FIRST = _lazy(rf"(?:{_AND}|&)\s+(?=\S)")
"""``and`` opening a part after a comma (``A, B, and C``)."""
_DATE = _lazy(
    r"(?i)(?:\d{1,2}\.?\s+)?(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zé]*\.?"
    r"(?:\s+\d{1,2})?(?:\s+\d{4})?|\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?|\d{4}"
)
"""A date closing a by line (``MAR 04``, ``4 March``, ``04.03.2024``): no name, dropped."""
_WITH = _lazy(r"(?i)(?:with|avec|mit|con|med)\s")
"""A closing ``with AFP bureaus``: a credit, not a name (dropped)."""
_IN_PLACE = _lazy(r"(?<!\s)\s+(?:in|à|au|aux)\s+[^\W\d_].*$")
"""Where a name says where its writer is (``Shaun Tandon in Washington``): not the name."""


def _personal(segment: str) -> bool:
    """Whether a part after a comma is another person's name (two to five name words, no
    organisation, agency or date): ``Aaron J. Staples, Michigan State University`` is one
    person and an affiliation, ``شون تشانغ, أمبر وانغ`` two persons."""
    words = segment.split()
    return (
        2 <= len(words) <= 5
        and is_name(segment)
        and not is_organisation(segment)
        and not any(word.lower() in _AGENCIES for word in words)
    )


def _one_line(line: str) -> str:
    """A by line of several lines (``By ASHOK SHARMA`` / ``Associated Press``) as one: a line
    break is a comma."""
    if "\n" not in line and "\r" not in line:
        return line.strip()
    return ", ".join(part.strip() for part in _LINE_BREAK.split(line) if part.strip())


_PAREN = _lazy(r"\((?P<inner>[^()]{1,60})\)")
"""A part of a by line in parentheses: an agency (a credit) or the author's place."""


def _without_places(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without the places in parentheses after its names (``Greg Maybury (Perth, WA)``),
    and each place with the name it follows. An agency in parentheses (``(Reuters)``) stays:
    it is a credit, not a place; so does anything not written as a place (capitalised words
    between commas)."""
    if "(" not in text:
        return text, []
    kept: list[str] = []
    places: list[tuple[str, str]] = []
    last = 0
    for found in _PAREN.finditer(text):
        inner = " ".join(found.group("inner").split())
        if is_agency(inner) or not all(is_name(part) for part in inner.split(",")):
            continue
        chunk = text[last : found.start()].rstrip()  # since the last place: each character split once
        kept.append(chunk)
        last = found.end()
        name = _SEPARATORS.split(chunk)[-1].strip() if chunk.strip() else ""
        if name:
            places.append((name, inner))
    kept.append(text[last:])
    return "".join(kept).strip(), places


def byline_places(line: str) -> list[tuple[str, str]]:
    """The places a by line prints in parentheses after its authors' names, each with its
    name (``By Greg Maybury (Perth, WA)``: ``[("Greg Maybury", "Perth, WA")]``).

    :func:`bylines_of` leaves them out of the names (a place is no second author); a
    :class:`~newsitem.model.Byline` has no place of its own, so a layout keeps them in
    its extras (``<layout>.byline-place``, :func:`places_text`)."""
    return _without_places(_without_by(_one_line(line)))[1]


def place_of(name: str) -> tuple[str, str | None]:
    """A name and the place printed after it in parentheses (``Greg Maybury (Perth, WA)``:
    ``("Greg Maybury", "Perth, WA")``); ``(name, None)`` without one. An agency in parentheses
    (``(Reuters)``) is no place."""
    places = _without_places(name)
    if len(places[1]) == 1 and places[1][0][0] == places[0]:
        return places[0], places[1][0][1]
    return name.strip(), None


def places_text(places: Sequence[tuple[str, str]]) -> str | None:
    """Byline places as one extras value: ``Name: Place`` per line, None when there is none."""
    return "\n".join(f"{name}: {place}" for name, place in places) or None


def _read(line: str, title: str | None) -> _Reading:
    """``line`` taken apart as a by line (see :func:`bylines_of`)."""
    text, _ = _without_places(_without_by(_one_line(line)))
    named, affiliation = _closing_credit(text)
    segments = [part.strip() for part in _COMMA.split(named)]
    kept = [part for part in segments if part and not _DATE.fullmatch(part) and not _WITH.match(part)]
    joined = [index for index, part in enumerate(kept) if _AND_ONLY.search(part) or _AND_FIRST.match(part)]
    kept = [part[found.end() :] if (found := _AND_FIRST.match(part)) else part for part in kept]  # A, and B
    count = joined[-1] + 1 if joined else 1  # A, B and C: persons through the last "and"
    while not joined and count < len(kept) and _personal(kept[count]):
        count += 1
    for part in kept[count:]:  # after the names: a job title, an organisation; a place is left out
        if title is None and len(part) <= 60 and _JOB.search(part):
            title = part
        elif affiliation is None and is_agency(part):
            affiliation = part
    persons = ", ".join(kept[:count])
    parts = [
        _IN_PLACE.sub("", name).strip() or name
        for part in kept[:count]
        for half in _AND_ONLY.split(part)
        for name in _split_also(half.strip())
    ]
    parts = [part for part in parts if part]
    if affiliation is None and len(parts) > 1 and _closing_agency(parts[-1]):  # A and dpa
        affiliation = parts.pop()
    if len(kept) < len(segments):  # a date or "with ..." left out
        text = ", ".join(kept + ([affiliation] if affiliation and affiliation not in kept else []))
    return _Reading(text, [_person_of(part) for part in parts], affiliation, title, persons)


def _closing_agency(part: str) -> bool:
    """Whether the last name after ``and`` is an agency (``A and dpa``), not a person whose
    surname is an organisation's word (``Mia Rabson and Jordan Press``)."""
    return part.lower() in _AGENCIES or (is_organisation(part) and not is_name(part))


def bylines_of(line: str, *, title: str | None = None) -> tuple[list[Byline], str | None]:
    """The persons of a by line, as written, and the organisation it names.

    The line may open with ``By`` or its word in another language (``Von``, ``Par``,
    ``Door``, ``Av``, ``Af``, ``Por``, ``Di``; any case) or with the names alone; names split
    at commas, ``and``/``und``/``et``/``och``/``og``/``en``, ``&``, and Spanish ``y``/Italian
    ``e`` between two names of two words or more. A closing agency is the persons'
    affiliation (``, dpa``, ``(Reuters)``, ``/TT``), as is an organisation a person is
    ``of`` (``Jane Doe of BBC News``); a closing job title after a comma (``, AP Business
    Writer``) their title, unless ``title`` is given. ``By PAUL BYRNE and ALMUDENA
    CALATRAVA`` gives two bylines; ``Von Marco Krefting und Sunrita Sen, dpa`` two, with
    affiliation ``dpa``; ``By The Associated Press`` none, and ``The Associated Press`` as
    the organisation.
    """
    reading = _read(line, title)
    if not reading.names:
        return [], None
    if all(of is None and is_organisation(name) for name, of in reading.names):
        return [], reading.text
    return [
        Byline(name=name, title=reading.title, affiliation=of or reading.affiliation)
        for name, of in reading.names
    ], None


def credited(line: str, *, title: str | None = None) -> tuple[list[Byline], str | None]:
    """The author bylines of a by line, as every format reads them, and the organisation
    it names.

    The persons of :func:`bylines_of`; a line that names only organisations (``By The
    Associated Press``, ``By AFP and dpa``) gives one organisation byline for each
    name, and the organisation text (a credit, where the layout keeps one).
    """
    persons, organisation = bylines_of(line, title=title)
    if organisation is None:
        return persons, None
    names = split_names(organisation)
    return [Byline(name=name, kind=BylineKind.ORGANISATION) for name in names], organisation


def by_line(
    text: str, *, title: str | None = None, prefixed: bool = True
) -> tuple[list[Byline], str | None] | None:
    """What :func:`credited` reads of ``text`` when ``text`` is a by line, else None.

    The test where a by line is guessed (a paragraph opening a body): with ``prefixed``,
    ``text`` must open with ``By`` or its word in another language; it holds at most
    120 characters and no sentence punctuation, and each name is written as one
    (:func:`is_name`) or names an organisation. ``By the end of the day...`` and ``Von heute
    an gilt...`` are no by lines.
    """
    line = " ".join(_one_line(text).split())
    if not line or len(line) > _BYLINE_LENGTH or (prefixed and _without_by(line) == line):
        return None
    reading = _read(line, title)
    if not reading.names or _NOT_IN_BY_LINES.search(reading.named) is not None:
        return None
    if reading.named.endswith(".") and len(reading.named.rsplit(None, 1)[-1]) > 3:
        return None  # a sentence's full stop, not an initial's (J.) or Jr.
    for name, of in reading.names:
        if not is_name(name) and not (of is None and is_organisation(name)):
            return None
    return credited(line, title=title)


def prints_back(names: Sequence[str], affiliation: str | None) -> bool:
    """Whether the by line a layout writer prints (``By A, B and C, AFFILIATION``) reads back as
    those persons with that affiliation: a writer's pre-check, so that a name holding a
    separator (``und``, ``y``...), an opening by-line word, a closing credit or job title goes
    through :func:`settle`."""
    if not names:
        return True
    line = "By " + join_names(names) + (f", {affiliation}" if affiliation else "")
    persons, organisation = bylines_of(line)
    return organisation is None and [(b.name, b.affiliation, b.title) for b in persons] == [
        (name, affiliation, None) for name in names
    ]


def split_and(text: str) -> list[str]:
    """The names ``text`` joins by ``and`` in the languages of a by line or ``&`` (``Mia Rabson
    and Jordan Press``: two), commas left alone (a ``person`` may be ``Doe, Jane``)."""
    return [part.strip() for part in _AND_ONLY.split(text) if part.strip()] or [text]


def split_names(text: str) -> list[str]:
    """The names of a credit (``AP and Reuters``, ``AFP, dpa``, ``A und B``) as :func:`bylines_of`
    splits them."""
    return [part.strip() for part in _SEPARATORS.split(text.strip()) if part.strip()]


_PREFIX = _lazy(
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


_SEPARATOR = _lazy(r"_{3,}|-{3,}|\*(?: \*){2,}")
_END_MATTER = (
    ("reporting", _lazy(r"\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)\b.*\)")),
    ("initials", _lazy(r"(?:[A-Z]{2,6} )?[a-z]{1,4}(?:/[a-z]{1,4})+/?|[A-Z]{2,6} [a-z]{1,4}/")),
    ("rights", _lazy(r"(?:©|\([Cc]\)|Copyright)\s*\d{0,4}\s*\S.{0,80}")),
    ("end", _lazy(r"MORE|ENDS?|-ends?-|###|-30-|\(END\)|\(MORE\)")),
    ("separator", _SEPARATOR),
)


_CONTRIBUTED = _lazy(
    r"(?s)[^\W\d_].{0,400}?\b(?:contributed|helped|reported|wrote)\b"
    r"(?: (?:to|from|for|with|reporting|this)\b.{0,300})?\.?\)?"
)
_PLACE_CLOSING = r"[A-Z][\w.'’-]*(?:,? (?:[A-Z][\w.'’-]*|and|de|la|del))*"
_CONTRIBUTED_VERB = _lazy(
    r"\b(?:contributed (?:to this (?:report|story)|reporting\b|this report)|helped with this (?:report|story)"
    rf"|(?:contributed|reported)(?: this story)? from {_PLACE_CLOSING}(?=\.?$|\.?\)$|\.? [A-Z]))"
)
"""The verb of a contributor note: ``contributed to this report``, ``reported from PLACE`` (the
place closing the sentence: ``Smith reported from Kyiv last year that...`` is story text)."""
_CREDITS = _lazy(
    r"\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Gg]raphics|[Rr]esearch)"
    r" by\b.{1,400}"
)


def end_note_kind(text: str) -> str | None:
    """What kind of agency end note a last paragraph is, or None for story text.

    ``contributors``: AP's contributor notes (``Associated Press writer Tom Reyes in Salem
    contributed to this report.``, ``X contributed from Y.``, ``Estrada reported from Salem,
    Oregon.``); ``credits``: Reuters' (``(Reporting by Anna Berg; Editing by Paul Mears)``,
    ``Reporting by ...; Editing by ...``). They are part of the story as printed: a layout
    keeps them as the body's last paragraph (never in extras, which no page prints)."""
    line = " ".join(text.split())
    if not line or len(line) > 500:
        return None
    if _CREDITS.fullmatch(line) is not None and (not line.startswith("(") or line.endswith(")")):
        return "credits"
    if line[-1] not in ".)" or not _capital(line[0]) or find_dateline(line) is not None:
        return None
    if _CONTRIBUTED.fullmatch(line) is not None and _CONTRIBUTED_VERB.search(line) is not None:
        return "contributors"
    return None


_EDNOTE = _lazy(r"(?i)\(?(?:editor['’]?s|eds?\.?|ed)\s*note\s*(?:[:.]|\s[—–-]+|[—–-]+)\s*(?P<note>.+?)\)?")


def ednote_of(text: str) -> str | None:
    """The note of an editor's note printed before a story (``EDITOR'S NOTE — This story
    contains...``, ``Editor's note: ...``, ``Eds: ...`` is not one), without its label; None
    for other text."""
    found = _EDNOTE.fullmatch(" ".join(text.split()))
    return found.group("note").strip() or None if found is not None else None


_COLUMN_GAP = _lazy(r"\t+ *| {2,}\t*")
_CELL_LENGTH = 40


def cells(line: str) -> list[str] | None:
    """The cells of one agate or results line (split at TABs or runs of two spaces or more),
    or None when it has fewer than two or a cell longer than 40 characters."""
    row = _COLUMN_GAP.split(line.strip())
    if len(row) < 2 or any(len(cell) > _CELL_LENGTH for cell in row):
        return None
    return row


def columns(lines: Sequence[str]) -> list[list[str]] | None:
    """Agate or results lines as rows of cells, or None when they are no table.

    Columns are where the layout makes them clear: TABs or runs of two spaces or more. At
    least two rows, every row of two cells or more (:func:`cells`), at least half of them of
    the same number (a race's title row may have fewer), no cell longer than 40 characters
    (prose with two spaces after its full stops is no table), and numbers in at least half
    of the rows (agate and results are figures)."""
    if len(lines) < 2:
        return None
    rows = [cells(line) for line in lines]
    if any(row is None for row in rows):
        return None
    widths = [len(row) for row in rows if row is not None]
    if 2 * widths.count(max(set(widths), key=widths.count)) < len(rows):
        return None
    if 2 * sum(1 for line in lines if any(c.isdigit() for c in line)) < len(lines):
        return None
    return [row for row in rows if row is not None]


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


_DESK_PART = r"(?:[^\W\d_]{1,5}|[^\W\d_]{1,2}(?: [^\W\d_]{1,2}){1,2})"
_DESK_MARK = rf"{_DESK_PART}(?:-{_DESK_PART}){{0,5}}"
_DESK = _lazy(rf"(?:[A-Z]{{2,6}} )?{_DESK_MARK}(?:/{_DESK_MARK}){{1,8}}/?")
"""Desk initials in any script (``asl/tib/pid/cac``; AFP Arabic's ``بور/نور/غ ر``, ``سب-لال/كام/شي``,
``ا ف ب/جص``): marks of a few letters (or spaced single letters) joined by hyphens, between slashes."""
_SET_OFF = _lazy(r"={1,4} ?[^\W\d_][\w.&-]{1,24}|/[^\W\d_][\w.&-]{1,24}/|\([^\W\d_][\w.&-]{1,24}\)")
"""An agency's name set off alone (Kyodo's ``==Kyodo``, Ritzau's ``/ritzau/``, ``(BusinessDesk)``)."""
_DESK_CODES = _lazy(r"(?P<agency>[^\W\d_][\w-]{1,24})(?: [A-Z]{2,4})?(?: [a-z]{1,4})?")
"""A known agency's name and its desk codes (AAP's ``AAP RTV ar``, ``AFP sn``)."""
_ENDS = _lazy(r"(?i)-*ends?-*|NNNN|ENDIT|\./\.")
"""PA's closing ``ends`` (any case), the teleprinter's ``NNNN``, ``ENDIT`` and dpa's ``./.``."""
_DESK_TAG = _lazy(r"\([a-z]{1,4}(?:/[a-z]{1,4})*\)")
"""A desk's initials in parentheses (``(sj)``): initials, not an agency's name."""
_SIGN_OFF_LENGTH = 32
"""The longest sign-off: a longer line is story text."""


def sign_off_kind(line: str) -> str | None:
    """What kind of sign-off a last paragraph of a story's body is, or None for story text.

    The one rule for the desk marks that close another agency's body, in any format:
    ``initials`` (desk initials in any script, ``asl/tib/pid``, ``بور/نور/غ ر``, ``AFP sn/ar``),
    ``agency`` (the agency's name alone, set off or with desk codes: ``==Kyodo``,
    ``/ritzau/``, ``(BusinessDesk)``, ``AAP RTV ar``, ``AFP sn``), ``end`` (``ends``,
    ``MORE``, ``-30-``). Only a short line of one of these shapes: a sentence is never one."""
    text = " ".join(line.split())
    if not text or len(text) > _SIGN_OFF_LENGTH:
        return None
    kind = end_matter_kind(text)
    if kind in ("initials", "end"):
        return kind
    if _DESK.fullmatch(text):
        return "initials"
    if _ENDS.fullmatch(text):
        return "end"
    if _DESK_TAG.fullmatch(text):
        return "initials"
    if _SET_OFF.fullmatch(text):
        return "agency"
    found = _DESK_CODES.fullmatch(text)
    return "agency" if found is not None and found.group("agency").lower() in _AGENCIES else None


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


_VERSION = _lazy(r"(?P<headline>.*\S) \((?P<version>\d+|\d*[A-Z]{2,}[A-Z0-9 ]*)\)")


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
PLAIN = _lazy(rf"[{_PLAIN_CHARACTERS}]+(?: [{_PLAIN_CHARACTERS}]+)*")
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
