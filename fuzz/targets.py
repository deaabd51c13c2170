"""The fuzz targets: one callable per reader, one for detection (``parse``), one for the writers.

Each target takes the fuzzer's bytes and returns nothing. It raises only when it
finds something wrong:

* :class:`ForeignError` when newsitem raised an exception that is not one of its
  own (:class:`newsitem.errors.NewsItemError`); the original is its ``__cause__``;
* :class:`UnreadableError` when a writer wrote what its own reader refuses (the
  ``write`` and ``story`` targets read every output back);
* :class:`HangError` when one call took longer than the time budget: 1 s per
  10 KB of its input, and at least :data:`FLOOR_SECONDS`. A slow call is timed a
  second time before it counts, so a busy machine does not report a hang.

These are the callables atheris runs (``fuzz/run.py`` starts them through
``fuzz/_main.py``) and the ones ``tests/test_fuzz.py`` calls directly, so the
targets are tested without atheris. Nothing here imports atheris.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

import attrs
import stories

import newsitem
from newsitem.errors import NewsItemError
from newsitem.formats import available

__all__ = [
    "FLOOR_SECONDS",
    "SECONDS_PER_10KB",
    "TARGETS",
    "ForeignError",
    "HangError",
    "Slowest",
    "UnreadableError",
    "budget",
    "readers",
    "signature",
    "slowest",
    "writers",
]

SECONDS_PER_10KB = 1.0
"""The issue's bound: no input slower than 1 s per 10 KB."""
FLOOR_SECONDS = 1.0
"""Inputs under 10 KB get a whole second: a budget of milliseconds would time the machine."""

Target = Callable[[bytes], None]


class ForeignError(Exception):
    """newsitem raised an exception that is not a NewsItemError (the original is the cause)."""


class UnreadableError(Exception):
    """A writer wrote what its own reader refuses (the reader's NewsItemError is the cause):
    the format contract says every story ``dumps`` returns reads back."""


class HangError(Exception):
    """One call took longer than its budget, twice in a row."""


class Slowest:
    """The slowest call seen so far, in seconds per 10 KB of its input (for the runner's report)."""

    def __init__(self) -> None:
        self.per_10kb = 0.0
        self.seconds = 0.0
        self.size = 0
        self.step = ""
        self.listeners: list[Callable[[Slowest], None]] = []

    def record(self, step: str, size: int, seconds: float) -> None:
        """Keep this call if it is the slowest per 10 KB so far, and tell the listeners."""
        per_10kb = seconds * 10240 / max(size, 10240)
        if per_10kb > self.per_10kb:
            self.per_10kb, self.seconds, self.size, self.step = per_10kb, seconds, size, step
            for listener in self.listeners:
                listener(self)

    def as_dict(self) -> dict[str, Any]:
        """The record as JSON-ready values."""
        return {"per_10kb": self.per_10kb, "seconds": self.seconds, "size": self.size, "step": self.step}


slowest = Slowest()
"""The process's slowest call; fuzz/_main.py writes it to the runner's stats file."""


def budget(size: int) -> float:
    """The seconds a call on ``size`` bytes may take: 1 s per 10 KB, at least FLOOR_SECONDS."""
    return max(FLOOR_SECONDS, SECONDS_PER_10KB * size / 10240)


def signature(error: BaseException) -> str:
    """``Type@file:line`` of the frame that raised ``error``: what a finding is known by."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return type(error).__name__
    frame = frames[-1]
    return f"{type(error).__name__}@{os.path.basename(frame.filename)}:{frame.lineno}"


def _frames(error: BaseException, count: int = 6) -> str:
    """The last frames of ``error``'s traceback, one line each (atheris prints only the outer
    exception's traceback, so the ForeignError's message carries these)."""
    frames = traceback.extract_tb(error.__traceback__)[-count:]
    return "".join(f"\n    at {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)


def _ignored() -> tuple[str, ...]:
    """Signatures (or parts of them) to pass over while hunting: NEWSITEM_FUZZ_IGNORE, comma-separated."""
    return tuple(part for part in os.environ.get("NEWSITEM_FUZZ_IGNORE", "").split(",") if part)


IGNORED = _ignored()


def _known(error: BaseException) -> bool:
    """Whether ``error`` is a finding passed over while hunting (its signature holds an IGNORED part)."""
    return any(part in signature(error) for part in IGNORED)


def readers() -> list[str]:
    """Every registered format that reads, in registry order."""
    return [info.name for info in available() if info.can_read]


def writers() -> list[str]:
    """Every registered format that writes, in registry order."""
    return [info.name for info in available() if info.can_write]


def _call(step: str, size: int, function: Callable[[], Any]) -> Any:
    """Run ``function`` (a newsitem call on ``size`` bytes): our errors come back as the
    result, any other exception is a ForeignError, a call over budget twice a HangError.

    The budget is CPU time of this process, not wall time: a fuzzer niced beside other work
    (or paused) saw a 4 ms call take 2 s of wall time and reported a false hang."""
    limit = budget(size)
    for attempt in (1, 2):
        start = time.process_time()
        try:
            result = function()
        except NewsItemError as error:
            result = error
        except Exception as error:
            known = signature(error)
            if _known(error):
                return error
            raise ForeignError(f"{step}: {known}: {str(error)[:300]}{_frames(error)}") from error
        elapsed = time.process_time() - start
        if attempt == 1:
            slowest.record(step, size, elapsed)
        if elapsed <= limit:
            return result
    raise HangError(f"{step}: {elapsed:.2f} s on {size} bytes (budget {limit:.2f} s), twice")


def reader_target(format: str) -> Target:
    """The target of one reader: ``loads`` of the bytes, then of the same bytes as text
    (decoded as UTF-8 with surrogate escapes, the str half of the API)."""

    def target(data: bytes) -> None:
        _call(f"loads({format}, bytes)", len(data), lambda: newsitem.loads(data, format=format))
        text = data.decode("utf-8", "surrogateescape")
        _call(f"loads({format}, str)", len(data), lambda: newsitem.loads(text, format=format))

    target.__name__ = f"fuzz_{format}"
    return target


_ENCODINGS = ("cp1251", "koi8-r", "iso-8859-7", "shift_jis", "gb18030", "big5", "utf-16", "cp037")
"""Encodings ``parse`` also reads under (``encoding=``, ``--encoding``): legacy charsets,
a wide one and an EBCDIC one."""


def parse_target(data: bytes) -> None:
    """Detection and reading: ``newsitem.read`` (parse with the notes) of the bytes; for one
    input in 32 (a last byte from 0xF8), also with an encoding given, picked by that byte."""
    _call("read(detect)", len(data), lambda: newsitem.read(data))
    if data and data[-1] >= 0x100 - len(_ENCODINGS):
        encoding = _ENCODINGS[data[-1] - (0x100 - len(_ENCODINGS))]
        _call(f"read(detect, {encoding})", len(data), lambda: newsitem.read(data, encoding=encoding))


def write_target(data: bytes) -> None:
    """The writers: the first byte picks a reader, which reads the rest; a story that comes
    out is written in every format (lossless first, lossy when refused) and read back."""
    if not data:
        return
    names = readers()
    source, rest = names[data[0] % len(names)], data[1:]
    story = _call(f"loads({source})", len(rest), lambda: newsitem.loads(rest, format=source))
    if isinstance(story, newsitem.Story):
        _write_all(story, source, len(rest))


def story_target(data: bytes) -> None:
    """The writers on a story built field by field from the bytes (:func:`stories.story_from`:
    extreme times, URLs of every scheme, text the writers must quote), written in every
    format and read back."""
    story = _call("story_from", len(data), lambda: stories.story_from(data))
    if isinstance(story, newsitem.Story):
        _write_all(story, "fields", len(data))


def _write_all(story: newsitem.Story, origin: str, size: int) -> None:
    """``story`` written in every format (lossless, then lossy when refused), each output read back.
    A story without a guid is given its minted one first (the formats that need a guid refuse
    it otherwise, and the writers would go untested)."""
    if story.guid is None:
        minted = _call("mint_guid", size, partial(newsitem.mint_guid, story))
        if isinstance(minted, str):
            story = attrs.evolve(story, guid=minted)
    for name in writers():
        step = f"dumps({origin} -> {name})"
        written = _call(step, size, partial(newsitem.dumps, story, name))
        if isinstance(written, NewsItemError):
            written = _call(f"{step[:-1]}, lossy)", size, partial(newsitem.dumps, story, name, lossy=True))
        if isinstance(written, str | bytes):
            step = f"loads({name}, written from {origin})"
            back = _call(step, len(written), partial(newsitem.loads, written, format=name))
            if isinstance(back, NewsItemError) and not _known(back):
                raise UnreadableError(f"{step}: {signature(back)}: {str(back)[:300]}") from back


def seed_prefix(format: str) -> bytes:
    """The first byte that makes :func:`write_target` read the rest as ``format``."""
    return bytes([readers().index(format)])


def _targets() -> dict[str, Target]:
    found: dict[str, Target] = {name: reader_target(name) for name in readers()}
    found["parse"] = parse_target
    found["write"] = write_target
    found["story"] = story_target
    return found


TARGETS: dict[str, Target] = _targets()
"""Every target by name: each reader's format name, ``parse``, ``write`` and ``story``."""
