"""The draft a layout reader fills in: the story's fields, its extras and the notes,
each with the line it came from.

A layout reader is a list of named rules over a state (as markdown-it-py's block
rules run over its ``StateBlock``): each rule reads its part of the input from the
scanner's lines (:mod:`newsitem.formats.layouts._scanner`) and records what it
found in one :class:`Draft`. The draft does the bookkeeping every layout shares, the
same way for each:

``draft.set(field, value, line=, column=)``
    A :class:`~newsitem.model.Story` field, and where it was read.
``draft.add_extra(key, value, append=False, line=None)``
    Real data with no typed home, under the layout's prefix
    (``draft.add_extra("selector", "asian")`` is ``extras["anpa.selector"]``), in the order
    the rules meet it (never sorted); ``append=True`` joins a repeated key's values
    with LF.
``draft.note(code, message, line=, column=)``
    A diagnostic (:mod:`newsitem.notes`): never in extras. ``draft.charset(guess)``
    notes a guessed charset.
``draft.take_dateline(text, line=)``
    The dateline opening the first paragraph: sets ``dateline``, records
    ``dateline-agency`` and ``dateline-date``, and returns the paragraph's own text
    and the :class:`~newsitem.formats.layouts._conventions.Dateline`.
``draft.take_time(naive, zone, line=, column=)``
    A printed time (a trailer, a stamp) as ``published``: a known zone name gives its
    offset, else the caller's ``tz=`` applies; an unknown name is kept in extras
    (``zone_key``, ``trailer-zone`` by default).
``draft.error(message, line=, column=)``
    A :class:`~newsitem.errors.ParseError` at a line of the input, with its excerpt.
``run(rules, state)``
    Apply a layout's rules in order to its state (which holds the draft), then
    ``draft.story()``.
``draft.story()``
    The :class:`~newsitem.model.Story`. A value the model refuses raises its
    :class:`~newsitem.errors.ValidationError` located at the value's line and column
    (the format is the layout), never a ParseError string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import Any, Protocol, TypeVar

from newsitem import dates, notes
from newsitem.errors import ParseError, ValidationError
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _scanner
from newsitem.model import Story

__all__ = ["Draft", "HasDraft", "run"]

_EXTRAS_KEY = re.compile(r"[Ee]xtras\[['\"]([^'\"]+)['\"]\]")
_FIELD_OF_CLASS = {
    "Byline": "bylines",
    "Source": "source",
    "Rights": "rights",
    "Paragraph": "body",
    "Run": "body",
    "Extras": "extras",
}


class Draft:
    """What a layout reader has found so far, and where.

    Args:
        layout: The layout's registered name (the extras prefix and the errors' format).
        text: The decoded input (for the excerpts of errors).
        tz: The caller's zone for times printed without one.
    """

    __slots__ = ("_lines", "extras", "fields", "layout", "line", "positions", "text", "tz")

    def __init__(self, layout: str, text: str, *, tz: str | tzinfo | None = None) -> None:
        self.layout = layout
        self.text = text
        self.tz = tz
        self.fields: dict[str, Any] = {}
        """The Story keyword arguments gathered so far."""
        self.extras: dict[str, str] = {}
        """The extras, full keys, in the order found."""
        self.positions: dict[str, tuple[int, int]] = {}
        """Where each field (and each extra, by its full key) was read: its line and column."""
        self.line = 1
        """The line being read, for a model error with no recorded position."""
        self._lines: list[str] | None = None

    # --- what was found -------------------------------------------------------------------

    def set(self, field: str, value: Any, *, line: int | None = None, column: int = 1) -> None:
        """Set the Story field ``field`` to ``value``, read at ``line`` and ``column``."""
        self.fields[field] = value
        if line is not None:
            self.positions[field] = (line, column)

    def add_extra(self, key: str, value: str, *, append: bool = False, line: int | None = None) -> None:
        """Record ``value`` in ``extras["<layout>.<key>"]`` (``append`` joins a repeat with LF),
        read at ``line`` (kept in :attr:`positions` under the full key; the first line of a repeat)."""
        full = f"{self.layout}.{key}"
        if append and full in self.extras:
            self.extras[full] = f"{self.extras[full]}\n{value}"
            return
        self.extras[full] = value
        if line is not None:
            self.positions[full] = (line, 1)

    def get_extra(self, key: str) -> str | None:
        """The value recorded under ``<layout>.<key>``, or None."""
        return self.extras.get(f"{self.layout}.{key}")

    def note(self, code: str, message: str, *, line: int | None = None, column: int | None = None) -> None:
        """Add a reader note (:func:`newsitem.notes.add`) for this layout."""
        notes.add(notes.Note(code=code, message=message, format=self.layout, line=line, column=column))

    def charset(self, guess: str | None) -> None:
        """Note a guessed charset (``decode``'s fallback); nothing when there was none."""
        if guess:
            self.note("charset-guessed", f"the bytes are not UTF-8; read as {guess}")

    # --- what every layout takes the same way ---------------------------------------------

    def take_dateline(self, text: str, *, line: int | None = None) -> tuple[str, _wire.Dateline | None]:
        """The first paragraph's own text and its dateline (None when it has none).

        Sets ``dateline`` and records ``dateline-agency`` and ``dateline-date``."""
        found = _wire.find_dateline(text)
        if found is None:
            return text, None
        self.set("dateline", found.place, line=line)
        if found.agency:
            self.add_extra("dateline-agency", found.agency, line=line)
        if found.date:
            self.add_extra("dateline-date", found.date, line=line)
        return text[found.end :], found

    def take_time(
        self,
        naive: datetime,
        zone: str | None,
        *,
        line: int | None = None,
        column: int = 1,
        zone_key: str = "trailer-zone",
    ) -> None:
        """Set ``published`` from a printed wall time and the zone name printed with it.

        The one rule is :func:`newsitem.dates.zone_named`: a known name gives its
        offset; none, or an unknown one, leaves the time to the reader's ``tz`` (naive
        without it). An unknown name is kept in extras under ``zone_key`` and noted
        (``date-guessed``)."""
        published, guessed = dates.zone_named(naive, zone, self.tz)
        if zone is not None and guessed is not None:
            self.add_extra(zone_key, zone, line=line)
            self.note("date-guessed", guessed, line=line, column=column)
        self.set("published", published, line=line, column=column)

    # --- the end ---------------------------------------------------------------------------

    def error(self, message: str, *, line: int, column: int = 1) -> ParseError:
        """A ParseError at ``line`` and ``column`` of the input, with that line as the excerpt."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        text = self._lines[line - 1].rstrip("\r") if 0 < line <= len(self._lines) else ""
        return _scanner.line_error(self.layout, message, _scanner.Line(line, text), column)

    def locate(self, exc: ValidationError) -> ValidationError:
        """``exc`` located at the line and column of the value it is about."""
        path = exc.problems[0].path
        key = _EXTRAS_KEY.search(path)
        field = path.split("[", 1)[0].split(".")
        name = (
            field[1] if field[0] in ("Story", "$") and len(field) > 1 else _FIELD_OF_CLASS.get(field[0], "")
        )
        line, column = self.positions.get(key.group(1) if key else name, (self.line, 1))
        return exc.located(format=self.layout, line=line, column=column)

    def story(self) -> Story:
        """The Story of what was found, extras in input order.

        Raises:
            ValidationError: a value the model refuses, located at its line and column.
        """
        try:
            return Story(**self.fields, extras=self.extras)
        except ValidationError as exc:
            raise self.locate(exc) from None


_S = TypeVar("_S", bound="HasDraft")


class HasDraft(Protocol):
    """A layout's reading state: whatever its rules share, and the draft they fill in."""

    draft: Draft


def run(rules: Sequence[Callable[[_S], None]], state: _S) -> Story:
    """Apply the layout's ``rules`` to ``state`` in order, then build the story.

    A :class:`~newsitem.errors.ValidationError` raised by a rule (a Byline the model
    refuses) or by the Story is located at the value's line (:meth:`Draft.locate`).
    """
    try:
        for rule in rules:
            rule(state)
        return state.draft.story()
    except ValidationError as exc:
        if exc.format is not None:
            raise
        raise state.draft.locate(exc) from None
