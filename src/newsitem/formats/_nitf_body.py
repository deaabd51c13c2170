"""A NITF ``<body>`` read into a story's parts, and the wire credit lines of any body.

The one home of reading a NITF 3.x ``body``, for every format that carries one (the
``nitf`` format, NewsML 1.2, a NewsML-G2 ``inlineXML``):

- ``body.head``: ``hedline/hl1`` is the headline, the first ``hl2`` the subheadline;
  ``byline`` gives bylines (its ``person`` elements, or its text split as the wire layouts
  split a ``By ...`` line, :func:`newsitem.formats.layouts._conventions.credited`), ``byttl``
  their title; ``dateline`` (``location``, ``story.date``) is the dateline as printed;
  ``abstract`` is the summary; ``distributor`` and ``series`` are kept as values.
- ``body.content``: the blocks, through :mod:`newsitem.formats._markup` (``p``, ``hl2``,
  ``bq``, ``ul``/``ol``, ``table``, ``pre``, ``media``; ``block`` is a container). A first
  paragraph repeating the abstract is left out: the abstract is the summary.
- ``body.end``: ``tagline`` (and any other text there) is kept as a value.

The wire credit lines (:func:`credit_lines`, applied to other people's bodies of any
vocabulary): a leading ``By ...`` (``Von``, ``Par``) paragraph is the byline, not story
text; Reuters' leading ``(Adds ...)``/``(Updates ...)`` paragraphs and trailing
``(Reporting by ...)``/``(Editing by ...)``/``(Writing by ...)`` parentheses (a paragraph
of their own or the end of the last paragraph) are the editor's note, one a line, without
their parentheses. The desk's sign-off closing the body (AFP's ``bur/nr/gr`` initials, PA's
``ends``, AAP's ``AAP RTV ar``, ``==Kyodo``, ``/ritzau/``: the one rule,
:func:`newsitem.formats.layouts._conventions.sign_off_kind`) is not story text: it is kept as
a value (:attr:`BodyReading.sign_off`). A dateline printed at the start of the first paragraph
(``WASHINGTON, March 3 (Reuters) - ...``) gives :attr:`BodyReading.opening_dateline` (the
paragraph keeps its text as printed). Everything here is linear in the size of the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, cast

import attrs
from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Block, Byline, Paragraph, Role, Run

__all__ = [
    "BodyReading",
    "Credits",
    "credit_lines",
    "persons",
    "read_body",
    "reporters",
    "text_of",
]

Located = Callable[[ValidationError, etree._Element], Exception]
"""Turns a block's ValidationError (prefixed ``Story.body[N]``) into the error to raise,
placed at the element that made the block."""


@attrs.frozen(kw_only=True)
class BodyReading:
    """What a NITF ``body`` (or another agency's body) says: blocks and the values around them."""

    blocks: list[Block] = attrs.field(factory=list)
    headline: str | None = None
    subheadline: str | None = None
    bylines: list[Byline] = attrs.field(factory=list)
    byline_text: str | None = None
    """The byline as printed, one a line (for extras when it names no one)."""
    dateline: str | None = None
    """The dateline as printed (its ``location`` and ``story.date``)."""
    location: str | None = None
    """The dateline's ``location`` alone (the place, without the date)."""
    summary: str | None = None
    ednote: str | None = None
    """Credit and advisory lines taken out of the body, one a line."""
    tagline: str | None = None
    distributor: str | None = None
    series: str | None = None
    genre: str | None = None
    """A genre label printed with the body (dpa's XHTML ``header``)."""
    extras: dict[str, str] = attrs.field(factory=dict)
    """Values without a home in the story, by their full extras key."""
    sign_off: str | None = None
    """The desk's sign-off lines taken from the end of the body, one a line."""
    opening_dateline: str | None = None
    """The place of a dateline printed at the start of the first paragraph
    (:func:`opening_dateline`), when the body has no ``dateline`` element."""


class Credits(NamedTuple):
    """A body without its wire credit lines, and what they said."""

    blocks: list[Block]
    bylines: list[Byline]
    byline_text: str | None
    ednote: str | None
    sign_off: str | None = None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _collapsed(text: str) -> str | None:
    return " ".join(_markup.cleaned(text).split()) or None


def _all_text(element: etree._Element) -> str:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return ""
    return "".join(cast("Iterator[str]", element.itertext()))


def _own_text(byline: etree._Element) -> str:
    """The text of a ``byline`` without its ``byttl`` (the title)."""
    parts = [byline.text or ""]
    for child in byline:
        parts.append(("" if _local(child) == "byttl" else _all_text(child)) + (child.tail or ""))
    return "".join(parts)


def text_of(element: etree._Element | None) -> str | None:
    """The text of ``element`` (its descendants' too), layout whitespace collapsed."""
    return None if element is None else _collapsed(_all_text(element))


def _children(element: etree._Element, name: str) -> Iterable[etree._Element]:
    return (child for child in element if _local(child) == name)


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next(iter(_children(element, name)), None)


_BYLINE_LENGTH = 100

_ADVISORY = re.compile(
    r"\((?:Adds|Updates|Recasts|Corrects|Refiles|Repeats|Changes|Fixes|Removes|Inserts|Rewrites|"
    r"Combines|Deletes|Clarifies|Moves|Writes through|Releads|Re-?issues|Amends|Restores|Edits)"
    r"\b[^()]*\)"
)
"""A Reuters advisory paragraph leading the body: ``(Adds quotes, byline)``."""
_CREDIT = re.compile(
    r"\((?:[Aa]dditional |[Ff]urther )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Ee]dited|[Cc]ompiled|"
    r"[Rr]eported|[Ww]ritten)\b[^()]*\)"
)
"""A Reuters credit in parentheses: ``(Reporting by A; Editing by B)``."""
_CREDITS = 6
"""The most credits (and credit paragraphs) that end a body: more is story text."""
_CREDIT_LENGTH = 400
"""The longest credit in parentheses (longer is story text)."""
_LEADING_REACH = 8
"""How many leading paragraphs may be advisories, summary bullets or the by-line."""
_BULLETS = frozenset({"* ", "\u2022 ", "- "})


def persons(text: str) -> list[Byline]:
    """The bylines of a printed by-line (``Von Marco Krefting und Sunrita Sen, dpa``), or none
    when ``text`` is not one (:func:`newsitem.formats.layouts._conventions.by_line`, the rule
    every format reads a by line by)."""
    found = _wire.by_line(text)
    return [] if found is None else found[0]


def _leading(blocks: list[Block]) -> tuple[list[int], list[Byline], list[str], list[str]]:
    """Which leading blocks are credit lines (their indexes), their bylines, the by-lines as
    printed and the advisories (without parentheses). Reuters' summary bullets (``* ...``)
    between them stay story text."""
    bylines: list[Byline] = []
    printed: list[str] = []
    notes: list[str] = []
    taken: list[int] = []
    for index, block in enumerate(blocks[:_LEADING_REACH]):
        if block.__class__ is not Paragraph:
            break
        text = " ".join(block.text.split())
        by = None if bylines or printed else _wire.by_line(text)
        if _ADVISORY.fullmatch(text):
            notes.append(text[1:-1].strip())
        elif by is not None:
            bylines.extend(by[0])
            printed.append(text)
        elif text[:2] not in _BULLETS:
            break
        else:
            continue
        taken.append(index)
    return taken, bylines, printed, notes


def _trailing(paragraph: Paragraph) -> tuple[Paragraph | None, list[str]] | None:
    """The last paragraph without the credits that end it, and the credits (in order); None
    when it ends with none."""
    text = paragraph.text
    end = len(text.rstrip())
    found: list[str] = []
    while len(found) < _CREDITS and end and text[end - 1] == ")":
        start = text.rfind("(", max(0, end - _CREDIT_LENGTH), end)
        if start < 0 or _CREDIT.fullmatch(text, start, end) is None:
            break
        found.append(" ".join(text[start + 1 : end - 1].split()))
        end = start
        while end and text[end - 1].isspace():
            end -= 1
    if not found:
        return None
    found.reverse()
    return _cut(paragraph, end), found


def _cut(paragraph: Paragraph, length: int) -> Paragraph | None:
    """The first ``length`` characters of ``paragraph``, its runs' marks kept; None if blank."""
    runs: list[Run] = []
    left = length
    for run in paragraph.runs:
        if left <= 0:
            break
        runs.append(run if len(run.text) <= left else attrs.evolve(run, text=run.text[:left]))
        left -= len(run.text)
    if not runs or not "".join(run.text for run in runs).strip():
        return None
    return Paragraph(runs=runs)


_CREDIT_ROLE = re.compile(
    r"(?i)(?:[;,]\s*)?\b(?P<role>(?:additional |further )?reporting|reported|writing|written|editing|edited|"
    r"compiled|graphics|photos?)\s+by\s+"
)
"""Where a credit names its people: ``Reporting by``, ``Editing by``..."""
_PLACE = re.compile(r"(?<!\s)\s+in\s+[^\W\d_].*$")
"""Where the credited name says where (``Arpan Varghese in Bengaluru``)."""
_REPORTERS = {
    "reporting": Role.AUTHOR,
    "reported": Role.AUTHOR,
    "writing": Role.AUTHOR,
    "written": Role.AUTHOR,
}


def reporters(credit: str) -> list[Byline]:
    """The people a Reuters credit names as reporting or writing the story (``Reporting by
    A and B; Editing by C`` gives A and B; ``Additional reporting by D`` a contributor D)."""
    found = list(_CREDIT_ROLE.finditer(credit))
    out: list[Byline] = []
    for index, match in enumerate(found):
        role_words = match.group("role").lower().split()
        role = _REPORTERS.get(role_words[-1])
        if role is None:
            continue
        if len(role_words) > 1:
            role = Role.CONTRIBUTOR
        end = found[index + 1].start() if index + 1 < len(found) else len(credit)
        for written in _wire.split_names(credit[match.end() : end].strip(" ;,.")):
            name = _PLACE.sub("", written).strip()
            if name and len(name) <= _BYLINE_LENGTH:
                out.append(Byline(name=name, role=role))
    return out


_SIGN_OFFS = 3
"""The most sign-off paragraphs that end a body."""


def _signed_off(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """``blocks`` without the sign-off paragraphs that end them (never all of them), and
    the sign-off lines in order (:func:`newsitem.formats.layouts._conventions.sign_off_kind`)."""
    count = 0
    while count < _SIGN_OFFS and count + 1 < len(blocks):
        last = blocks[-1 - count]
        if last.__class__ is not Paragraph or _wire.sign_off_kind(last.text) is None:
            break
        count += 1
    if not count:
        return blocks, None
    lines = [" ".join(block.text.split()) for block in blocks[-count:] if isinstance(block, Paragraph)]
    return blocks[:-count], "\n".join(lines)


def opening_dateline(blocks: list[Block]) -> str | None:
    """The place of the dateline printed at the start of the first paragraph
    (:func:`newsitem.formats.layouts._conventions.opening_dateline`), or None."""
    first = blocks[0] if blocks else None
    if first is None or first.__class__ is not Paragraph:
        return None
    found = _wire.opening_dateline(first.text)
    return None if found is None else found.place


def credit_lines(blocks: list[Block]) -> Credits:
    """``blocks`` without their wire credit lines and sign-off (see the module's docstring),
    and what the lines said: the by-line's bylines and text, the editor's note, the sign-off."""
    taken, bylines, printed, notes = _leading(blocks)
    skipped = set(taken)
    out = [block for index, block in enumerate(blocks) if index not in skipped] if taken else blocks
    out, sign_off = _signed_off(out)
    ending: list[list[str]] = []
    while out and len(ending) < _CREDITS:
        last = out[-1]
        found = _trailing(last) if isinstance(last, Paragraph) else None
        if found is None:
            break
        rest, lines = found
        out = out[:-1] if rest is None else [*out[:-1], rest]
        ending.append(lines)
        if rest is not None:
            break
    trailing = [line for lines in reversed(ending) for line in lines]
    names = {byline.name for byline in bylines}
    for line in trailing:
        for byline in reporters(line):
            if byline.name not in names:
                names.add(byline.name)
                bylines.append(byline)
    notes.extend(trailing)
    return Credits(out, bylines, "\n".join(printed) or None, "\n".join(notes) or None, sign_off)


_TRIM = " ,;/|-\u2013\u2014\t\n\r"
"""Left off a byline's text: the punctuation that separated it from its title."""


def _bylines(head: etree._Element) -> tuple[list[Byline], list[str]]:
    """The bylines of ``body.head``'s ``byline`` elements and their printed text: each
    ``person`` a byline (``byttl`` its title), or the text split as a ``By ...`` line."""
    bylines: list[Byline] = []
    printed: list[str] = []
    for byline in _children(head, "byline"):
        title = text_of(next((e for e in byline.iter() if _local(e) == "byttl"), None))
        text = _collapsed(_own_text(byline).strip(_TRIM))
        if text is None and title is None:
            continue
        printed.append(", ".join(part for part in (text, title) if part))
        persons = [name for name in map(text_of, (e for e in byline.iter() if _local(e) == "person")) if name]
        if persons:  # Mia Rabson and Jordan Press: two persons
            bylines.extend(Byline(name=one, title=title) for name in persons for one in _wire.split_and(name))
            continue
        if text is None:
            continue
        by = _wire.by_line(_own_text(byline).strip(_TRIM), title=title, prefixed=False)  # its lines apart
        if by is not None:
            bylines.extend(by[0])
    return bylines, printed


def _abstract(head: etree._Element) -> list[str]:
    """The paragraphs of ``body.head``'s ``abstract`` (its text when it has no ``p``)."""
    abstract = _first(head, "abstract")
    if abstract is None:
        return []
    found = [text for text in map(text_of, (e for e in abstract.iter() if _local(e) == "p")) if text]
    if found:
        return found
    text = text_of(abstract)
    return [text] if text else []


def _head(head: etree._Element | None) -> dict[str, object]:
    """The values of ``body.head``: headline, subheadline, bylines, dateline, summary..."""
    if head is None:
        return {}
    hedline = _first(head, "hedline")
    if hedline is None:  # AP's inline NITF says headline
        hedline = _first(head, "headline")
    subtitles = [] if hedline is None else [t for t in map(text_of, _children(hedline, "hl2")) if t]
    bylines, printed = _bylines(head)
    series, dateline = _first(head, "series"), _first(head, "dateline")
    return {
        "headline": None if hedline is None else text_of(_first(hedline, "hl1")),
        "subheadline": subtitles[0] if subtitles else None,
        "bylines": bylines,
        "byline_text": "\n".join(printed) or None,
        "dateline": text_of(dateline),
        "location": None if dateline is None else text_of(_first(dateline, "location")),
        "distributor": text_of(_first(head, "distributor")),
        "ednote": _joined(
            text_of(note) for note in _children(head, "note") if note.get("noteclass") == "editorsnote"
        ),
        "series": None if series is None else _collapsed(series.get("series.name") or ""),
    }


def _content(
    contents: Iterable[etree._Element],
    *,
    link: _markup.LinkRule,
    media: _markup.LinkRule | None,
    tidy: bool,
    located: Located | None,
) -> list[Block]:
    """The blocks of the ``body.content`` elements, one child at a time (an error is placed
    at the child that made it)."""
    out: list[Block] = []
    for content in contents:
        for child in content:
            if not isinstance(child.tag, str):
                continue
            try:
                if tidy and not len(child) and _local(child) == "p":  # text only: no walker
                    out.extend(_markup.text_paragraph(child.text))
                    continue
                out.extend(
                    _markup.element_blocks(
                        child, link=link, media=media, tidy=tidy, skip=_markup.BLOCK_SKIPPED
                    )
                )
            except ValidationError as exc:
                error = exc.prefixed(f"Story.body[{len(out)}]")
                raise (error if located is None else located(error, child)) from None
    return out


def _unrepeated(blocks: list[Block], abstract: list[str]) -> list[Block]:
    """``blocks`` without the leading paragraphs that repeat the abstract's, in order."""
    count = 0
    for block, text in zip(blocks, abstract, strict=False):
        if block.__class__ is not Paragraph or " ".join(block.text.split()) != text:
            break
        count += 1
    return blocks[count:] if count else blocks


def _joined(lines: Iterable[str | None]) -> str | None:
    return "\n".join(line for line in lines if line) or None


def read_body(
    body: etree._Element,
    *,
    link: _markup.LinkRule,
    media: _markup.LinkRule | None = None,
    tidy: bool = True,
    credits: bool = True,
    located: Located | None = None,
) -> BodyReading:
    """Read a NITF ``body`` (any namespace: only local names count).

    ``link`` and ``media`` are the markup module's rules for link and figure URIs,
    ``tidy`` collapses layout whitespace (other people's documents), ``credits`` applies
    the wire credit lines (:func:`credit_lines`), ``located`` places a block's error.

    Raises:
        ValidationError: a block the model refuses (or what ``located`` makes of it).
    """
    head = _first(body, "body.head")
    values = _head(head)
    abstract = [] if head is None else _abstract(head)
    contents = _children(body, "body.content")
    blocks = _unrepeated(_content(contents, link=link, media=media, tidy=tidy, located=located), abstract)
    ednote = values.pop("ednote", None)
    bylines = values.pop("bylines", [])
    assert isinstance(bylines, list)
    printed = values.pop("byline_text", None)
    sign_off = None
    if credits:
        found = credit_lines(blocks)
        blocks, sign_off = found.blocks, found.sign_off
        ednote = _joined([ednote if isinstance(ednote, str) else None, found.ednote])
        bylines = bylines or found.bylines
        printed = _joined([printed if isinstance(printed, str) else None, found.byline_text])
    end = _first(body, "body.end")
    tagline = None if end is None else _joined(text_of(child) for child in end if isinstance(child.tag, str))
    if end is not None and tagline is None:
        tagline = text_of(end)
    return BodyReading(
        blocks=blocks,
        bylines=bylines,
        byline_text=printed if isinstance(printed, str) else None,
        summary=_joined(abstract),
        ednote=ednote if isinstance(ednote, str) else None,
        tagline=tagline,
        sign_off=sign_off,
        opening_dateline=None if values.get("dateline") else opening_dateline(blocks),
        **values,  # type: ignore[arg-type]
    )
