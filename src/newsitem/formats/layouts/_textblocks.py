"""Body blocks as plain text: the one rendering the text layouts write and read back.

A text layout (web-story, agency copy, e-mail, and the framed wire layouts where they can)
writes a story's body as blocks of lines separated by one blank line, and reads
such lines back to the same blocks. The conventions are those readers already know
from e-mail and plain-text press copy (Markdown, RFC 3676 quoting), chosen so that
each block kind has a mark no ordinary paragraph of wire copy opens with:

======================  ==========================================================
block                   lines
======================  ==========================================================
Paragraph               its text, lines as in the text (the layout decides how it
                        joins a block of lines: kept, or soft wraps joined)
Heading (level 2..6)    ``## Text`` (one ``#`` per level): the ATX subhead of
                        Markdown; a one-line block in plain copy reads as a subhead
                        and keeps its level
Quote                   ``> `` before each line, a bare ``>`` between its paragraphs,
                        then ``— Attribution`` (em dash, as :attr:`Quote.text
                        <newsitem.model.Quote.text>` prints it): e-mail's quoting
ListBlock               ``- item`` or ``1. item`` per item (continuation lines
                        indented to the text); ``*`` and ``•`` bullets read too
Table                   ``| a | b |`` per row; ``|---|---|`` after the header rows;
                        ``\\|``, ``\\\\`` and ``\\-`` escape inside a cell: the pipe table of
                        GitHub Markdown. Not TAB-separated: a row of empty cells
                        would be a blank line, a one-cell row would hold no TAB,
                        and line readers drop trailing TABs
Preformatted            between two fence lines of backticks (three, or more than the
                        longest backtick line inside), every line kept exactly,
                        blank ones included: Markdown's fenced code block
Figure                  ``Figure: URI`` then optional ``Caption: ``, ``Credit: `` and
                        ``Alt: `` lines (``Photo:``, ``Picture:``, ``Image:`` read
                        too: the labels of press-release mail)
======================  ==========================================================

Inline marks (emphasis, strong, links) are not written: text layouts carry plain text.

API:

:func:`render`
    Blocks as lines, one blank line (``""``) between blocks.
:func:`render_block`
    One block's lines.
:func:`segments`
    Raw lines cut into blocks: ``(start index, lines, fenced)``; a fenced block keeps
    its blank lines.
:func:`recognise`
    The block a segment's lines say (a Heading, Quote, ...), or None for paragraph lines.
:func:`parse` / :func:`parse_numbered`
    Lines back to blocks (with the index of each block's first line), the layout
    turning paragraph lines into texts through ``paragraph=``.
:func:`plain`
    A block as a text layout keeps it: marks dropped.
:func:`projection`
    What a block becomes in a layout that cannot say its kind: the model's own
    plain rendering (``block.text``) as paragraphs, for ``carried()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from newsitem.errors import ValidationError
from newsitem.model import (
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
    is_uri,
)

__all__ = [
    "ALL",
    "Segment",
    "parse",
    "parse_numbered",
    "plain",
    "projection",
    "recognise",
    "render",
    "render_block",
    "segments",
]

ALL: frozenset[type] = frozenset((Paragraph, Heading, Quote, ListBlock, Table, Preformatted, Figure))
"""Every block kind: what :func:`render` and :func:`parse` say."""

_HEADING = re.compile(r"(#{2,6}) (?=.*\S)(.*)", re.DOTALL)
_FENCE = re.compile(r"`{3,}")
_BULLET = re.compile(r"[-*•] ")
_NUMBER = re.compile(r"\d{1,9}\. ")
_QUOTE = re.compile(r">(?: |$)")
_ATTRIBUTION = "— "
_FIGURE = re.compile(r"(?:Figure|Photo|Picture|Image): (\S+)")
_LABELS = ("Caption", "Credit", "Alt")
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_OPENERS = frozenset("FPI#>-*•|")
"""The first characters a recognised block's first line can have (Figure/Photo/Picture/Image,
a heading, a quote, a bullet, a table row), a decimal digit aside (a numbered list)."""


# --- writing -------------------------------------------------------------------------------


def render(blocks: Iterable[Block]) -> list[str]:
    """``blocks`` as lines, one blank line between two blocks (none at the ends)."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(render_block(block))
    return lines


def render_block(block: Block) -> list[str]:
    """The lines of one block, by the conventions of this module (marks dropped)."""
    if isinstance(block, Paragraph):
        return block.text.split("\n")
    if isinstance(block, Heading):
        return ("#" * block.level + " " + block.text).split("\n")
    if isinstance(block, Quote):
        return _quote_lines(block)
    if isinstance(block, ListBlock):
        return _list_lines(block)
    if isinstance(block, Table):
        return _table_lines(block)
    if isinstance(block, Preformatted):
        fence = _fence_for(block.text)
        return [fence, *block.text.split("\n"), fence]
    return _figure_lines(block)


def _quote_lines(block: Quote) -> list[str]:
    lines: list[str] = []
    for paragraph in block.body:
        if lines:
            lines.append(">")
        lines.extend(f"> {line}" if line else ">" for line in paragraph.text.split("\n"))
    if block.attribution is not None:
        lines.append(_ATTRIBUTION + block.attribution)
    return lines


def _list_lines(block: ListBlock) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(block.items, 1):
        marker = f"{number}. " if block.ordered else "- "
        first, *rest = item.text.split("\n")
        lines.append(marker + first)
        lines.extend(" " * len(marker) + line for line in rest)
    return lines


def _escape_cell(cell: str) -> str:
    cell = cell.replace("\\", "\\\\").replace("|", "\\|")
    return "\\" + cell if _RULE_CELL.fullmatch(cell) else cell


def _table_lines(block: Table) -> list[str]:
    lines = ["| " + " | ".join(_escape_cell(cell) for cell in row) + " |" for row in block.rows]
    if block.header_rows:
        width = max(len(row) for row in block.rows)
        lines.insert(block.header_rows, "|" + "---|" * width)
    return lines


def _fence_for(text: str) -> str:
    longest = max((len(line) for line in text.split("\n") if _FENCE.fullmatch(line)), default=2)
    return "`" * max(3, longest + 1)


def _figure_lines(block: Figure) -> list[str]:
    lines = [f"Figure: {block.uri}"]
    for label, value in zip(_LABELS, (block.caption, block.credit, block.alt), strict=True):
        if value is not None:
            lines.append(f"{label}: {value}")
    return lines


# --- reading -------------------------------------------------------------------------------


class Segment(NamedTuple):
    """A block of lines as :func:`segments` cuts them."""

    start: int
    """The index of its first line in the lines given."""
    lines: list[str]
    """Its lines: non-blank ones, or a fenced block's lines with both fences."""
    fenced: bool
    """Whether it is a fenced (preformatted) block."""


def segments(lines: Sequence[str]) -> list[Segment]:
    """``lines`` cut at blank lines into blocks; a fence line opens a block that runs to
    the same fence line, blank lines kept. A fence that no line closes, or that
    closes around blank lines only, is text."""
    out: list[Segment] = []
    current: list[str] = []
    start = 0
    index = 0
    closes = _Closes(lines)
    while index < len(lines):
        line = lines[index]
        end = closes.of(index) if _FENCE.fullmatch(line) and not current else None
        if end is not None and any(inner.strip() for inner in lines[index + 1 : end]):
            out.append(Segment(index, list(lines[index : end + 1]), True))
            index = end + 1
            continue
        if line.strip():
            if not current:
                start = index
            current.append(line)
        elif current:
            out.append(Segment(start, current, False))
            current = []
        index += 1
    if current:
        out.append(Segment(start, current, False))
    return out


class _Closes:
    """Where each fence line is closed, found in one pass (linear in the lines)."""

    __slots__ = ("_next",)

    def __init__(self, lines: Sequence[str]) -> None:
        self._next: dict[int, int] = {}
        last: dict[str, int] = {}
        for index in range(len(lines) - 1, -1, -1):
            line = lines[index]
            if _FENCE.fullmatch(line):
                if line in last:
                    self._next[index] = last[line]
                last[line] = index

    def of(self, index: int) -> int | None:
        return self._next.get(index)


def recognise(segment: Segment) -> Block | None:
    """The block ``segment`` says, or None when its lines are paragraph text (or say a
    block the model refuses: a bad URI, a cell with a control character)."""
    lines = segment.lines
    opener = lines[0][:1] if lines else ""
    if not segment.fenced and opener and opener not in _OPENERS and not opener.isdecimal():
        return None  # paragraph text: no block opens with this character (as \d, isdecimal is Nd)
    try:
        if segment.fenced:
            inner = "\n".join(lines[1:-1])
            return Preformatted(text=inner) if inner.strip() else None
        return _figure(lines) or _heading(lines) or _quote(lines) or _list(lines) or _table(lines)
    except ValidationError:
        return None


def _heading(lines: list[str]) -> Heading | None:
    found = _HEADING.fullmatch("\n".join(lines))
    if found is None:
        return None
    return Heading(runs=[found.group(2)], level=len(found.group(1)))


def _quote(lines: list[str]) -> Quote | None:
    attribution = None
    if len(lines) > 1 and lines[-1].startswith(_ATTRIBUTION):
        attribution = lines[-1][len(_ATTRIBUTION) :]
        lines = lines[:-1]
    if not all(_QUOTE.match(line) for line in lines):
        return None
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        content = line[2:]
        if content:
            paragraphs[-1].append(content)
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = ["\n".join(p) for p in paragraphs if p]
    if not texts:
        return None
    return Quote(body=[Paragraph.plain(t) for t in texts], attribution=attribution)


def _list(lines: list[str]) -> ListBlock | None:
    first = _BULLET.match(lines[0]) or _NUMBER.match(lines[0])
    if first is None:
        return None
    marker = _BULLET if first.re is _BULLET else _NUMBER
    items: list[list[str]] = []
    width = 0
    for line in lines:
        found = marker.match(line)
        if found is not None:
            width = found.end()
            items.append([line[width:]])
        elif line.startswith(" " * width) and line[width:].strip():
            items[-1].append(line[width:])
        else:
            return None
    if marker is _NUMBER and (
        len(items) < 2 or [int(n) for n in _numbers(lines, marker)] != list(range(1, len(items) + 1))
    ):
        return None  # "1. FC Köln spielt ..." is a paragraph: a numbered list counts 1, 2, ...
    return ListBlock(items=["\n".join(item) for item in items], ordered=marker is _NUMBER)


def _numbers(lines: list[str], marker: re.Pattern[str]) -> list[str]:
    return [found.group()[:-2] for line in lines if (found := marker.match(line)) is not None]


def _cells(line: str) -> list[str] | None:
    """The cells of ``| a | b |`` (escapes undone; one space kept off each side), or None."""
    if len(line) < 2 or not line.startswith("|") or not line.endswith("|"):
        return None
    cells: list[str] = []
    cell: list[str] = []
    escaped = False
    for char in line[1:]:
        if escaped:
            cell.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            text = "".join(cell)
            text = text[1:] if text.startswith(" ") else text
            cells.append(text[:-1] if text.endswith(" ") else text)
            cell = []
        else:
            cell.append(char)
    return None if escaped or cell else cells


def _is_rule(line: str) -> bool:
    parts = line.strip().strip("|").split("|")
    return line.startswith("|") and all(_RULE_CELL.fullmatch(part) for part in parts)


def _table(lines: list[str]) -> Table | None:
    rows: list[list[str]] = []
    header_rows = 0
    for line in lines:
        if not header_rows and rows and _is_rule(line):
            header_rows = len(rows)
            continue
        cells = _cells(line)
        if cells is None:
            return None
        rows.append(cells)
    if not rows:
        return None
    return Table(rows=rows, header_rows=header_rows)


def _figure(lines: list[str]) -> Figure | None:
    found = _FIGURE.fullmatch(lines[0])
    if found is None or not is_uri(found.group(1)):
        return None
    values: dict[str, str] = {}
    labels = list(_LABELS)
    for line in lines[1:]:
        label, _, value = line.partition(": ")
        if label not in labels or not value:
            return None
        labels = labels[labels.index(label) + 1 :]
        values[label.lower()] = value
    return Figure(uri=found.group(1), **values)


def _as_is(lines: list[str]) -> list[str]:
    return ["\n".join(lines)]


def parse_numbered(
    lines: Sequence[str], *, paragraph: Callable[[list[str]], list[str]] = _as_is
) -> list[tuple[Block, int]]:
    """The blocks ``lines`` say, each with the index of its first line.

    Args:
        lines: The body's lines (no line ends).
        paragraph: How the layout reads a block of paragraph lines: the paragraph
            texts it holds (by default one, the lines joined with LF; an agency
            reader joins soft-wrapped lines). Blank texts are dropped.
    """
    out: list[tuple[Block, int]] = []
    for segment in segments(lines):
        block = recognise(segment)
        if block is not None:
            out.append((block, segment.start))
            continue
        for text in paragraph(segment.lines):
            if text.strip():
                out.append((Paragraph.plain(text), segment.start))
    return out


def parse(lines: Sequence[str], *, paragraph: Callable[[list[str]], list[str]] = _as_is) -> list[Block]:
    """The blocks ``lines`` say (see :func:`parse_numbered`)."""
    return [block for block, _ in parse_numbered(lines, paragraph=paragraph)]


# --- projections -----------------------------------------------------------------------------


def plain(block: Block) -> Block:
    """``block`` with its inline marks dropped (what a text layout writes of it)."""
    if isinstance(block, Paragraph):
        return block if block.is_plain else Paragraph.plain(block.text)
    if isinstance(block, Heading):
        return Heading(runs=[block.text], level=block.level)
    if isinstance(block, Quote):
        return Quote(body=[Paragraph.plain(p.text) for p in block.body], attribution=block.attribution)
    if isinstance(block, ListBlock):
        return ListBlock(items=[Paragraph.plain(p.text) for p in block.items], ordered=block.ordered)
    return block


def projection(block: Block, keeps: Collection[type] = ALL) -> tuple[Block, ...]:
    """What ``block`` becomes in a layout that can say the kinds in ``keeps`` (a
    Paragraph always): itself without marks when its kind is kept, else the model's
    plain rendering (``block.text``: a heading's text, a quote's paragraphs and
    ``— attribution``, ``- item`` lines, TAB-separated rows, the preformatted lines, a
    figure's caption or alt) as paragraphs split at blank lines; nothing for a
    figure with neither caption nor alt."""
    if type(block) in keeps:
        return (plain(block),)
    texts = [text for text in re.split(r"\n[ \t]*\n", block.text) if text.strip()]
    return tuple(Paragraph.plain(text) for text in texts)
