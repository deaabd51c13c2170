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
``unknown-vocabulary``
    A body in a markup vocabulary newsitem does not know (an agency's own inline XML,
    TT's ``BODY/TEXT/P``) was read as plain paragraphs of its text (the message names it).
``forwarded``
    The story is a forwarded message's (an e-mail forwarded attached or quoted): the
    message names the forwarding sender and subject and where the forwarding is kept.
``captured``
    The story was read from a web archive: the message gives its capture time
    (``WARC-Date``) and the address it was captured from (``WARC-Target-URI``).

A container (a NewsML-G2 ``newsMessage``, a ninjs list, an mbox, JSON Lines, a page
with several articles) is read with :func:`newsitem.loads_all` or
:func:`newsitem.parse_all`, which yield one :class:`Part` per story it holds: the
story and its notes, or the error that kept it from being read, with its locator.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, cast

import attrs

from newsitem.errors import NewsItemError, UsageError, position

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["CODES", "Note", "Part", "Reading", "add", "collect"]

CODES = frozenset(
    {
        "charset-guessed",
        "kept-in-extras",
        "date-guessed",
        "date-mismatch",
        "headline-elsewhere",
        "unreadable",
        "unknown-vocabulary",
        "captured",
        "forwarded",
    }
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


@attrs.frozen(kw_only=True)
class Part:
    """One story of an input that may hold several, or why it could not be read.

    Exactly one of ``story`` and ``error`` is set. Every story of a container
    gives a part, in input order: a member that is not a text story (a picture
    item in a ``newsMessage``) gives a part with its error, never nothing.
    """

    index: int
    """The story's 1-based position in the input."""
    layout: str
    """The registered format or layout it was read as."""
    story: Story | None = None
    """The story, when it could be read."""
    error: NewsItemError | None = None
    """Why it could not be read (a ParseError or ValidationError with its position)."""
    notes: tuple[Note, ...] = ()
    """What the reader noticed, in input order."""
    where: str | None = None
    """Where the story is in the input (``/newsMessage/itemSet/newsItem[2]``, ``$[1]``, ``line 3``)."""
    source: str | None = None
    """The input's name (a file name), when the caller gave one."""

    @property
    def locator(self) -> str:
        """``file.xml#2``: the input's name, ``#`` and the 1-based index (``#2`` without a name)."""
        return f"{self.source or ''}#{self.index}"

    def __attrs_post_init__(self) -> None:
        if (self.story is None) == (self.error is None):
            raise UsageError("a Part holds a story or an error: exactly one of the two")

    def unwrap(self) -> Story:
        """The story, or raise the error that kept it from being read."""
        if self.error is not None:
            raise self.error
        return cast("Story", self.story)


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
