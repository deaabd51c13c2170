"""What a reader noticed while reading: typed notes beside the story, never in it.

A reader that guesses (a charset, a day-first date), keeps a value the model
refuses in the story's extras, or takes the headline from somewhere unusual says so
with a :class:`Note`. :func:`newsitem.read` returns the notes with the story in a
:class:`Reading`; :func:`newsitem.loads` and :func:`newsitem.parse` return the story
alone; ``newsitem validate`` reports notes as warnings with their positions.

Readers call :func:`add` wherever they are; the notes go to the innermost
:func:`collect` block of the current thread or task (a :mod:`contextvars` variable),
and nowhere when nobody collects, so reading without notes costs one lookup.

Codes (stable, kebab-case; ``newsitem validate`` maps them to its NI2xx rules):

``charset-guessed``
    Bytes were not UTF-8 and the charset was guessed (the message names it).
``kept-in-extras``
    A value the model refuses (a URI with a space, a malformed language tag) was
    kept as text in the story's extras (the message names the key).
``date-guessed``
    A date was read by a guess: its day and month order, its year or its zone.
``date-mismatch``
    The printed weekday, or another date in the input, disagrees with the date read.
``headline-elsewhere``
    The headline was taken from another part of the input than its usual place.
``unreadable``
    A part of the input could not be read and was left out or kept as text
    (the message says which and where it went).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

import attrs

from newsitem.errors import position

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["CODES", "Note", "Reading", "add", "collect"]

CODES = frozenset(
    {"charset-guessed", "kept-in-extras", "date-guessed", "date-mismatch", "headline-elsewhere", "unreadable"}
)
"""The note codes readers use (documented above)."""


@attrs.frozen(kw_only=True)
class Note:
    """One thing a reader noticed: a code, a message for people, and where in the input."""

    code: str = attrs.field(validator=attrs.validators.in_(CODES))
    """One of :data:`CODES`."""
    message: str
    """What was noticed and what was done about it."""
    format: str | None = None
    """The format or layout being read."""
    where: str | None = None
    """The document path of the value (``$.renditions[0].href``, ``newsItem/itemMeta/link``)."""
    line: int | None = None
    """1-based line in the input, when known."""
    column: int | None = None
    """1-based column in the input, when known."""

    def __str__(self) -> str:
        head = position(self.line, self.column, self.where)
        return f"{head}: {self.message} [{self.code}]" if head else f"{self.message} [{self.code}]"


@attrs.frozen(kw_only=True)
class Reading:
    """What :func:`newsitem.read` returns: the story, the layout it was read as, and the notes."""

    story: Story
    """The story read."""
    layout: str
    """The registered format or layout name it was read as."""
    notes: tuple[Note, ...] = ()
    """What the reader noticed, in input order."""


_sink: ContextVar[list[Note] | None] = ContextVar("newsitem_notes", default=None)


def add(note: Note) -> None:
    """Record ``note`` in the innermost :func:`collect` block; dropped when none is open."""
    sink = _sink.get()
    if sink is not None:
        sink.append(note)


@contextmanager
def collect() -> Iterator[list[Note]]:
    """Collect the notes readers add inside the block into the list it yields."""
    notes: list[Note] = []
    token = _sink.set(notes)
    try:
        yield notes
    finally:
        _sink.reset(token)
