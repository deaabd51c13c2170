"""The line scanner every text layout reads with: lines that know where they stand.

API (for layout readers):

:class:`Line`
    One line: its 1-based ``number``, its ``text`` (without the line end), the
    character ``offset`` of its first character in the decoded input, and ``crlf``
    (whether it ended in CR LF, which dpa's IPTC 7901 paragraphs depend on).
:func:`split_lines`
    ``text`` as a list of :class:`Line`, any line end (CR LF, CR, LF) normalised
    and trailing spaces and tabs removed: the view of the layouts whose grammar
    is by line (web story, agency copy).
:func:`scan`
    The raw lines of ``text[start:end]`` (only LF ends a line; CRs before it are
    removed and recorded in ``crlf``), numbered from the line ``start`` stands on:
    the view of the framed wire layouts (ANPA-1312, IPTC 7901).
:func:`position`
    The 1-based line and column of a character offset.
:func:`line_error`
    The :class:`~newsitem.errors.ParseError` at a :class:`Line` (and column), with the
    line as its excerpt: the one line-error helper of the layouts.

A rule that finds a value reports the line (and column) it read it from to the
draft (:mod:`newsitem.formats.layouts._draft`), which uses it for notes and for a
:class:`~newsitem.errors.ValidationError` located at that value.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsitem.errors import ParseError

__all__ = ["Line", "line_error", "position", "scan", "split_lines"]

_NEWLINE = re.compile("\r\n?")


class Line(NamedTuple):
    """One line of the input."""

    number: int
    """1-based line number."""
    text: str
    """The line without its line end."""
    offset: int = 0
    """Character offset of the line's start in the decoded input (:func:`scan` only)."""
    crlf: bool = False
    """Whether the line ended in CR LF (:func:`scan` only)."""


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (CR LF, CR or LF end a line), trailing spaces and tabs removed."""
    if "\r" in text:
        text = _NEWLINE.sub("\n", text)
    return [Line(number, line.rstrip(" \t\f")) for number, line in enumerate(text.split("\n"), start=1)]


def scan(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The raw lines of ``text[start:end]``: LF ends a line, CRs before it are dropped
    and recorded in :attr:`Line.crlf`; nothing else is changed. Numbers and offsets
    are those of ``text``."""
    stop_at = len(text) if end is None else end
    number = text.count("\n", 0, start) + 1
    out: list[Line] = []
    here = start
    while here < stop_at:
        newline = text.find("\n", here, stop_at)
        stop = stop_at if newline == -1 else newline
        line = text[here:stop]
        crlf = line.endswith("\r")
        out.append(Line(number, line.rstrip("\r") if crlf else line, here, crlf))
        number += 1
        here = stop + 1
    return out


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of character ``offset`` in ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def line_error(layout: str, message: str, line: Line, column: int = 1) -> ParseError:
    """A ParseError of ``layout`` at ``line`` and ``column``, the line as its excerpt
    (:class:`~newsitem.errors.ParseError` trims it to its excerpt length)."""
    return ParseError(message, format=layout, line=line.number, column=column, excerpt=line.text)
