"""A tiny container format for tests of the batch path: one story per line, ``BAD`` is a broken one.

Registered by tests (never by the package) as ``box``; its ``loads_all`` uses the
contract's :func:`~newsitem.formats._contract.parts`, as the real containers do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo

from newsitem.errors import ParseError
from newsitem.formats import FormatInfo, _contract
from newsitem.model import Story
from newsitem.notes import Part

INFO = FormatInfo(
    name="box",
    module="tests.boxformat",
    description="test container: one headline per line",
    media_type="text/x-box",
    extensions=(".box",),
    can_write=False,
)


def _one(line: str, number: int) -> Story:
    if line == "BAD":
        raise ParseError("a broken story", line=number, column=1)
    return Story(headline=line)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """The first story only (as single-story readers do)."""
    return next(loads_all(data, tz=tz)).unwrap()


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[Part]:
    """One part per non-empty line."""
    text = data.decode() if isinstance(data, bytes) else data
    if text.startswith("MALFORMED"):
        raise ParseError("not a box at all", line=1, column=1)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    return _contract.parts("box", ((f"line {n}", lambda line=line, n=n: _one(line, n)) for n, line in lines))
