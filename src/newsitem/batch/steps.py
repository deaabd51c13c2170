"""The per-story steps of a batch, the same for every engine (the process pool, Dask,
Spark or Ray): :func:`read_unit` fetches a unit's bytes, :func:`parse_one` reads
them into its stories (a container holds several), :func:`render_one` writes one
story's outputs, :func:`convert_one` does both. Each step returns an :class:`Outcome`,
the one record of what became of a story: the pool sends it between processes, Dask
keeps it in its bags, and a failed outcome's ``error`` is the line written to
``errors.jsonl``.

Every format is called the same way, through the front door:
``_api.parse_all(data, layout=, tz=, encoding=)`` and ``_api.dumps(story, format=, lossy=)``.

Each asked format is written on its own: a format that cannot write a story fails for that
story alone (an ``errors.jsonl`` record naming the ``format``) and the others are written. A
format that cannot carry every field writes what it can and the outcome lists the fields
left out (``losses.jsonl``), unless :attr:`Options.strict` makes that a failure too.

A unit that holds several stories (a ``newsMessage``, a ninjs list, an mbox, JSON
Lines) gives one outcome per story, each named ``LOCATOR#N`` with its outputs at
``RELATIVE#N``; every outcome of a unit carries the unit's locator in ``unit``, so a
resumed run counts the unit done only with all of them. A unit of one story keeps
its own locator and path.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs

from newsitem import _api, _identity, formats
from newsitem.batch import index, inputs
from newsitem.batch.sink import ERRORS, LOSSES, MANIFEST, STORIES, fit_name, write_atomic
from newsitem.errors import NewsItemError, ParseError, SerializeError, ValidationError

if TYPE_CHECKING:
    from newsitem.model import Story
    from newsitem.notes import Part

__all__ = [
    "JSONL",
    "NEEDS_GUID",
    "Options",
    "Outcome",
    "convert_one",
    "failure",
    "jsonl_line",
    "output_name",
    "parse_one",
    "read_unit",
    "render_one",
    "suffix_for",
    "unit_options",
]

JSONL = "jsonl"
"""The pseudo-format: one canonical JSON story per line, wrapped with its input locator."""

RESERVED = frozenset({index.FRONT, ERRORS, LOSSES, STORIES, MANIFEST, STORIES + ".partial"})
"""Names at the top of the output folder that the run writes itself; no story's file takes one."""
RESERVED_FOLDERS = frozenset({index.FOLDER})
"""Folders at the top of the output folder that the run writes itself (the site's index pages)."""
_SHARD = re.compile(r"(?:stories|errors|losses)-\d{5}\.jsonl")


@attrs.frozen(kw_only=True)
class Options:
    """What to do with each story."""

    to: tuple[str, ...]
    """Output formats, ``jsonl`` included where asked."""
    layout: str | None = None
    """Force this input layout instead of detecting it."""
    tz: str | None = None
    """The zone of times printed without one."""
    encoding: str | None = None
    """The charset of the input bytes, instead of the one the readers would guess
    (``encoding=`` of :func:`newsitem.parse`)."""
    lossy: bool = False
    """Accepted for compatibility: writing what each format can carry (and reporting the rest in
    ``losses.jsonl``) is the default now; only :attr:`strict` changes it."""
    strict: bool = False
    """A story a format cannot carry whole fails for that format (an ``errors.jsonl`` record
    with its ``format``) instead of being written without the fields it cannot hold."""
    mint_guid: bool | None = None
    """Give a story without a guid :func:`newsitem.mint_guid`'s: None for the formats that
    need one (:data:`NEEDS_GUID`), True for every format, False never (those formats then
    fail for it)."""
    max_size: int = 50 * 1024 * 1024
    """Inputs larger than this many bytes are failures, not read."""
    timeout: float = 30.0
    """Seconds one story may take (0: no limit; Unix only)."""
    command_line: bool = False
    """Word advice in error records as command-line options (``--lossy``), not keywords."""

    @property
    def files(self) -> tuple[str, ...]:
        """The formats written one file per story."""
        return tuple(name for name in self.to if name != JSONL)


class Outcome(NamedTuple):
    """What became of one story (a named tuple: it crosses process boundaries by the thousand).

    Read and not yet written, it carries the ``story``; written, its ``outputs``, its
    JSON Lines ``line`` and its index ``meta``; failed, its ``error``: the record
    ``{"input", "error", "message", "line", "column"}`` (plus ``"paths"`` and
    ``"where"`` for a model rule) that ``errors.jsonl`` holds.
    """

    locator: str
    """Names the story in reports (``a/b.txt``, ``x.tar!m.txt``, ``box.mbox#3``)."""
    relative: str = ""
    """The path its outputs take under the output directory."""
    story: Story | None = None
    """The story read, until it is written."""
    outputs: tuple[str, ...] = ()
    """Relative paths of the files written."""
    line: str | None = None
    """The JSON Lines record, when ``jsonl`` is asked for."""
    meta: dict[str, str] | None = None
    """Headline, byline, source, published: for the HTML index."""
    error: dict[str, Any] | None = None
    """The failure record written to ``errors.jsonl``."""
    partition: int | None = None
    """The Dask partition it was read in (names its output shard)."""
    unit: str | None = None
    """The locator of the input unit it came from, when that unit held several stories."""
    format_errors: tuple[dict[str, Any], ...] = ()
    """One ``errors.jsonl`` record per asked format that could not write the story (the record
    of :attr:`error` plus ``"format"``); the other formats were written."""
    losses: tuple[dict[str, Any], ...] = ()
    """One ``losses.jsonl`` record per format written without some of the story's fields:
    ``{"input", "format", "output", "lost"}``."""
    minted: str | None = None
    """The guid :func:`newsitem.mint_guid` gave the story for the formats written that needed
    one: it had none, or one a format cannot use (ninjs needs a URI)."""

    @property
    def failed(self) -> bool:
        """Whether the story failed as a whole: not read, or no asked format written."""
        return self.error is not None

    @property
    def format_failures(self) -> int:
        """The asked formats that could not write the story while others did; 0 for a story
        that failed as a whole (counted once, as failed, whatever formats its records name)."""
        return 0 if self.error is not None else len(self.format_errors)


_BY_MEDIA_TYPE = {"application/json": ".json", "text/html": ".html", "message/rfc822": ".eml"}


def suffix_for(names: Sequence[str]) -> dict[str, str]:
    """The file suffix of each output format: its first extension, prefixed by the
    format name where two asked-for formats would share one (``.ninjs.json``)."""
    plain = {}
    for name in names:
        info = formats.get(name)
        plain[name] = info.extensions[0] if info.extensions else _BY_MEDIA_TYPE.get(info.media_type, ".txt")
    out = {}
    for name, suffix in plain.items():
        shared = sum(1 for other in plain.values() if other == suffix) > 1
        out[name] = f".{name}{suffix}" if shared and name != "json" else suffix
    return out


class _ItemTimeoutError(BaseException):
    """A story's time ran out. A BaseException, as KeyboardInterrupt is, so that no reader's
    ``except Exception`` (cattrs structuring a field, a container keeping one story's error
    from losing the others) can take it for that story's own error: only :func:`_guarded`
    catches it."""


def _alarm(_signum: int, frame: FrameType | None) -> None:
    if _importing(
        frame
    ):  # a module left half imported stays broken (a Rust extension crashes on the next import)
        signal.setitimer(signal.ITIMER_REAL, _IMPORT_GRACE)
        return
    raise _ItemTimeoutError


_IMPORT_GRACE = 0.01
"""Seconds the time limit waits, again and again, for an import under way to end."""


def _importing(frame: FrameType | None) -> bool:
    """Whether ``frame`` or one of its callers is importing a module."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


_HANDLING = False
"""Whether :func:`_alarm` is SIGALRM's handler now (inside :func:`_timed`)."""


def _can_time(seconds: float) -> bool:
    # no POSIX timers, or a worker thread (Dask's): signals reach only the main thread
    return (
        seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )


@contextlib.contextmanager
def _timed(seconds: float) -> Iterator[None]:
    """:func:`_alarm` as SIGALRM's handler for a unit's stories (installed once, not per story)."""
    global _HANDLING  # noqa: PLW0603 - one handler per process, as signals are
    if _HANDLING or not _can_time(seconds):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    _HANDLING = True
    try:
        yield
    finally:
        _HANDLING = False
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """One story's (or one format's) timer: :class:`_ItemTimeoutError` after ``seconds``."""
    if not _can_time(seconds):
        yield
        return
    with _timed(seconds):
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


STEPS = ("read", "parse", "render", "write")
"""The per-story steps an error record's ``step`` names (``convert``: the process converting
it ended abruptly, so which step is not known)."""

FATAL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})
"""An output write failing with one of these (disk full, quota, read-only file system) ends
the run (exit 2): every later story would fail the same way."""


def failure(
    locator: str,
    kind: str,
    message: str,
    exc: BaseException | None = None,
    *,
    relative: str = "",
    step: str = "parse",
) -> Outcome:
    """The failed outcome of one story: its ``errors.jsonl`` record, with the step that
    failed (``format`` null: the story as a whole; :func:`render_one` names the format of a
    format's failure) and the position (line, column) a ParseError or a located ValidationError gives."""
    record: dict[str, Any] = {
        "input": locator,
        "error": kind,
        "message": message,
        "line": None,
        "column": None,
        "step": step,
        "format": None,
    }
    if isinstance(exc, ParseError):
        record["line"], record["column"] = exc.line, exc.column
        record["message"] = exc.message
    if isinstance(exc, ValidationError):
        record["paths"] = [problem.path for problem in exc.problems]
        located = next((p for p in exc.problems if p.line is not None), None)
        if located is not None:
            record["line"], record["column"] = located.line, located.column
        where = [problem.where for problem in exc.problems if problem.where is not None]
        if where:
            record["where"] = where
    return Outcome(locator=locator, relative=relative, error=record)


_T = TypeVar("_T")

_DOING = {"read": "reading", "parse": "reading", "render": "writing", "write": "saving"}


def internal_message(exc: BaseException, step: str) -> str:
    """One line naming an unexpected exception: what was being done, its type and text."""
    text = " ".join(str(exc).split())
    return f"internal error while {_DOING.get(step, step)} it: {type(exc).__name__}" + (
        f": {text}" if text else ""
    )


def _guarded(
    locator: str, options: Options, work: Callable[[], _T], *, relative: str = "", step: str = "parse"
) -> _T | Outcome:
    """``work()`` under the time limit; any failure becomes its failed outcome (the one guard
    of every per-story step: our errors, the timeout, MemoryError, RecursionError, and any
    other exception as an internal error), except KeyboardInterrupt and SystemExit, and an
    output write failing for lack of space (see :data:`FATAL_ERRNOS`), which end the run."""
    try:
        # Reading is not timed: the first member of an archive pays for opening it (inputs
        # bounds the listing itself).
        with _time_limit(0 if step == "read" else options.timeout):
            return work()
    except _ItemTimeoutError:
        return failure(
            locator, "Timeout", f"took longer than {options.timeout:g} s", relative=relative, step=step
        )
    except NewsItemError as exc:
        return failure(locator, type(exc).__name__, str(exc), exc, relative=relative, step=step)
    except RecursionError:
        return failure(locator, "RecursionError", "nested too deeply to read", relative=relative, step=step)
    except MemoryError:
        return failure(locator, "MemoryError", "ran out of memory", relative=relative, step=step)
    except inputs.UnreadableInputError as exc:
        return failure(locator, "Unreadable", str(exc), relative=relative, step=step)
    except OSError as exc:
        if step == "write" and exc.errno in FATAL_ERRNOS:
            raise
        return failure(locator, type(exc).__name__, internal_message(exc, step), relative=relative, step=step)
    except Exception as exc:  # the backstop: one story never ends the run
        return failure(locator, type(exc).__name__, internal_message(exc, step), relative=relative, step=step)


def read_unit(reader: inputs.Reader, unit: inputs.Unit, options: Options) -> bytes | Outcome:
    """One unit's bytes, or its failed outcome: over ``max_size`` (not read), unreadable, too
    slow, or any other failure of the reader."""
    if unit.size is not None and unit.size > options.max_size:
        message = f"{unit.size:,} bytes is over the limit of {options.max_size:,} (not read)"
        return failure(unit.locator, "Unreadable", message, relative=unit.relative, step="read")
    return _guarded(unit.locator, options, lambda: reader.read(unit), relative=unit.relative, step="read")


def unit_options(unit: inputs.Unit, options: Options) -> Options:
    """The options one unit is read with: a web archive's record (a ``warc`` unit) is read by
    the ``warc`` format whatever layout the run forces (``--from html`` reads its pages)."""
    if unit.kind != "warc" or options.layout == "warc":
        return options
    return attrs.evolve(options, layout="warc")


def parse_one(locator: str, data: bytes, options: Options, *, relative: str = "") -> list[Outcome]:
    """Every story of one unit's bytes (layout forced or detected, ``tz`` and ``encoding``
    applied), in order:
    an outcome carrying each story, or the failed outcome saying why not (too large, too
    slow, malformed, against the model). A container gives one outcome per story it holds
    (see the module docstring); a container that cannot be read at all gives one failure.

    ``timeout`` holds for each story on its own: the stories of a container are read one by
    one, each under its own timer (the first one's also bounds detecting and decoding the
    container). A story that takes too long is a ``Timeout`` record naming it
    (``LOCATOR#N``); a container cannot go on past it, so its later stories are not read,
    and the record says so."""
    if len(data) > options.max_size:
        message = f"{len(data):,} bytes is over the limit of {options.max_size:,}"
        return [failure(locator, "TooLarge", message, relative=relative)]
    with _timed(options.timeout):
        opened = _guarded(locator, options, functools.partial(_open, data, options), relative=relative)
        if isinstance(opened, Outcome):
            return [opened]
        parts, first = opened
        if first is None:
            return []
        second = _next(parts, locator, relative, first.index + 1, options)
        if second is None:
            return [_outcome(first, locator, relative)]
        named = _outcome(first, f"{locator}#{first.index}", f"{relative}#{first.index}")._replace(
            unit=locator
        )
        return [named, *_rest(parts, locator, relative, second, options)]


def _open(data: bytes, options: Options) -> tuple[Iterator[Part], Part | None]:
    """The stories of ``data`` (detected, decoded) and the first of them, read."""
    parts = _api.parse_all(data, layout=options.layout, tz=options.tz, encoding=options.encoding)
    return parts, next(parts, None)


def _next(
    parts: Iterator[Part], locator: str, relative: str, index: int, options: Options
) -> Part | Outcome | None:
    """The next story of a container under its own timer, None at the end, or the failed
    outcome of story ``index`` (too slow, or the container broke there: it cannot go on)."""
    found = _guarded(
        f"{locator}#{index}",
        options,
        lambda: next(parts, None),
        relative=f"{relative}#{index}",
    )
    if not isinstance(found, Outcome):
        return found
    assert found.error is not None
    message = f"{found.error['message']}; the container's later stories, if any, were not read"
    return found._replace(error={**found.error, "message": message}, unit=locator)


def _rest(
    parts: Iterator[Part], locator: str, relative: str, latest: Part | Outcome | None, options: Options
) -> list[Outcome]:
    """The outcomes of a container's stories from ``latest`` (read), the rest one at a time."""
    outcomes: list[Outcome] = []
    while latest is not None:
        if isinstance(latest, Outcome):  # its container cannot go on
            outcomes.append(latest)
            break
        index = latest.index
        outcomes.append(_outcome(latest, f"{locator}#{index}", f"{relative}#{index}")._replace(unit=locator))
        latest = _next(parts, locator, relative, index + 1, options)
    return outcomes


def _outcome(part: Part, locator: str, relative: str) -> Outcome:
    exc = part.error
    if exc is not None:
        return failure(locator, type(exc).__name__, str(exc), exc, relative=relative)
    return Outcome(locator=locator, relative=relative, story=part.story)


def jsonl_line(locator: str, story: Story) -> str:
    """The JSON Lines record of one story: ``{"input": LOCATOR, "story": {canonical JSON}}``."""
    text = _api.dumps(story, format="json")
    assert isinstance(text, str)
    # ASCII: a name's undecodable bytes surrogate-escaped
    return f'{{"input":{json.dumps(locator)},"story":{text}}}'


NEEDS_GUID = frozenset({"ninjs", "newsml-g2"})
"""The formats that refuse a story without a guid (``--mint-guid`` is on for them by default)."""


def _strict_refusal(name: str, lost: Sequence[str], options: Options) -> SerializeError:
    option = "--strict" if options.command_line else "strict=True"
    return SerializeError(
        f"{name} cannot carry {', '.join(lost)}; without {option} it writes what it keeps"
        " and lists the rest in losses.jsonl",
        lost=lost,
        format=name,
    )


def _no_guid_refusal(name: str, options: Options) -> SerializeError:
    option = "--no-mint-guid" if options.command_line else "mint_guid=False"
    return SerializeError(
        f"{name} needs a guid and the story has none; {option} was given, so none is minted", format=name
    )


def _dumps(story: Story, name: str, options: Options) -> tuple[bytes, tuple[str, ...]]:
    """One format's file of one story and the fields it left out: written strictly first (one
    call when nothing is lost), else, unless :attr:`Options.strict`, what the format can carry,
    the fields left out being the ones its refusal names (:attr:`SerializeError.lost`, found
    by the format's own rule, :func:`newsitem.formats._lenient.lost_fields`)."""
    lost: tuple[str, ...] = ()
    try:
        try:
            text = _api.dumps(story, format=name)
        except SerializeError as exc:
            if not exc.lost:
                raise
            if options.strict:
                raise _strict_refusal(name, exc.lost, options) from None
            lost = exc.lost
            text = _api.dumps(story, format=name, lossy=True)
    except SerializeError as exc:
        if exc.lost:
            raise
        raise _worded(exc, story, name, options) from None
    return (text.encode("utf-8") if isinstance(text, str) else text), lost


def _worded(exc: SerializeError, story: Story, name: str, options: Options) -> SerializeError:
    """A format's refusal (other than a loss) worded with the option that helps, on the command line."""
    if story.guid is None and name in NEEDS_GUID and options.mint_guid is False:
        return _no_guid_refusal(name, options)
    message = exc.message
    if options.command_line and "naive_tz=" in message:
        message = re.sub(r"pass naive_tz=?", "use --tz ZONE", message)
    if options.command_line and "mint_guid(" in message:  # a Python call the command line cannot make
        message = re.split(r";|: give", message)[0] + "; --mint-guid gives it one"
    return exc if message == exc.message else SerializeError(message, format=name)


def _unusable_guid(name: str, guid: str, options: Options) -> SerializeError:
    option = "--no-mint-guid" if options.command_line else "mint_guid=False"
    return SerializeError(
        f"{name} cannot use the story's guid {guid!r} (it needs a URI); {option} was given,"
        " so none is minted in its place",
        format=name,
    )


def _mintable(name: str, options: Options) -> bool:
    """Whether a guid may be minted for ``name`` (see :attr:`Options.mint_guid`)."""
    return options.mint_guid is True or (options.mint_guid is None and name in NEEDS_GUID)


def _format(
    story: Story, name: str, options: Options, mint: Callable[[], str]
) -> tuple[bytes, tuple[str, ...], str | None]:
    """One format's file of ``story``, the fields it left out and the guid minted for it (None:
    the story's own). A story without a guid gets ``mint()`` where :func:`_mintable`; one whose
    guid the format cannot use (ninjs needs a URI: an e-mail's Message-ID, a NITF doc-id) gets
    it in that format alone, which then leaves the story's own guid out (a loss)."""
    if story.guid is None:
        guid = mint() if _mintable(name, options) else None
        given = story if guid is None else attrs.evolve(story, guid=guid)
        return (*_dumps(given, name, options), guid)
    lenient = attrs.evolve(options, strict=False) if options.strict else options
    try:
        data, lost = _dumps(story, name, lenient)
        guid = None
    except SerializeError as exc:
        if exc.lost or name not in NEEDS_GUID:
            raise
        guid = mint()
        data, lost = _dumps(attrs.evolve(story, guid=guid), name, lenient)  # refused again: not the guid
        if not _mintable(name, options):
            raise _unusable_guid(name, story.guid, options) from None
        lost = ("guid", *lost)
    if options.strict and lost:
        raise _strict_refusal(name, lost, options)
    return data, lost, guid


class _Rendered(NamedTuple):
    files: dict[str, bytes]
    lost: dict[str, tuple[str, ...]]
    failed: list[Outcome]
    minted: str | None


def _render(locator: str, story: Story, options: Options, relative: str) -> _Rendered:
    """Every per-story file of one story, by format, each format on its own: one that refuses
    the story becomes a failed outcome of that format and the others are still written."""
    files: dict[str, bytes] = {}
    lost: dict[str, tuple[str, ...]] = {}
    failed: list[Outcome] = []
    minted: str | None = None
    mint = functools.cache(functools.partial(_identity.mint_guid, story))  # hashed once, if at all
    for name in options.files:
        done = _guarded(
            locator,
            options,
            functools.partial(_format, story, name, options, mint),
            relative=relative,
            step="render",
        )
        if isinstance(done, Outcome):
            assert done.error is not None
            failed.append(done._replace(error={**done.error, "format": name}))
            continue
        files[name], lost_here, minted_here = done
        minted = minted or minted_here
        if lost_here:
            lost[name] = lost_here
    return _Rendered(files, lost, failed, minted)


def _line_and_meta(
    locator: str, story: Story, options: Options, html: bool
) -> tuple[str | None, dict[str, str] | None]:
    """A story's JSON Lines line (when asked for) and its HTML index row (when written as HTML)."""
    line = jsonl_line(locator, story) if JSONL in options.to else None
    return line, index.meta(story) if html else None


def output_name(relative: str, suffixes: Sequence[str]) -> str:
    """The relative path a story's outputs take: ``relative``, or ``_relative`` when a file of it
    at the top of the output folder would take a name the run writes itself (:data:`RESERVED`:
    ``index.html``, ``errors.jsonl``...), or its first folder one the run writes
    (:data:`RESERVED_FOLDERS`: ``index/``), compared case-folded (``Index.html`` too: the output
    may be copied to a file system that folds case); a name that already starts with ``_`` gets one more."""
    if "/" in relative:
        head = relative.split("/", 1)[0]
        # the site's folder of index pages (index/2024-03.html...): no story's folder takes it
        return "_" + relative if head.lstrip("_").casefold() in RESERVED_FOLDERS else relative
    names = [relative + suffix for suffix in suffixes]
    if any(name.casefold() in RESERVED or _SHARD.fullmatch(name.casefold()) for name in names) or (
        relative.startswith("_") and output_name(relative[1:], suffixes) != relative[1:]
    ):
        return "_" + relative
    return relative


def _write(out: Path, relative: str, rendered: dict[str, bytes], suffixes: dict[str, str]) -> dict[str, str]:
    """Write a story's files; the relative path of each, by format."""
    written = {}
    for name, payload in rendered.items():
        target = fit_name(relative, suffixes[name])  # no part over NAME_MAX bytes
        write_atomic(out / target, payload, sync=False)  # the sink syncs the batch before its end mark
        written[name] = target
    return written


def render_one(read: Outcome, *, options: Options, out: Path | None) -> Outcome:
    """One read story's outputs: files under ``out`` (written atomically), its JSON Lines
    record and its index row, as an outcome without the story; a failed outcome is
    returned as it is. A format that cannot write the story is a failure of that format
    (:attr:`Outcome.format_errors`), the others are still written; a story no asked format
    could write has its first format's record as its :attr:`Outcome.error`. The unit it came
    from (``unit``) is kept."""
    if read.story is None:
        return read
    done = _render_one(read, options=options, out=out)
    return done if read.unit is None else done._replace(unit=read.unit)


def _render_one(read: Outcome, *, options: Options, out: Path | None) -> Outcome:
    assert read.story is not None  # render_one checked
    story, locator, relative = read.story, read.locator, read.relative
    rendered = _render(locator, story, options, relative)
    html = "html" in rendered.files
    extra = _guarded(
        locator,
        options,
        lambda: _line_and_meta(locator, story, options, html),
        relative=relative,
        step="render",
    )
    if isinstance(extra, Outcome):
        return extra
    line, meta = extra
    errors = tuple(failed.error for failed in rendered.failed if failed.error is not None)
    if not rendered.files and line is None and errors:  # nothing at all written: the story failed
        return Outcome(locator=locator, relative=relative, error=errors[0], format_errors=errors[1:])
    written: dict[str, str] = {}
    if out is not None and rendered.files:
        suffixes = suffix_for(options.files)
        name = output_name(relative, list(suffixes.values()))
        wrote = _guarded(
            locator,
            options,
            lambda: _write(out, name, rendered.files, suffixes),
            relative=relative,
            step="write",
        )
        if isinstance(wrote, Outcome):
            return wrote
        written = wrote
    losses = tuple(
        {"input": locator, "format": fmt, "output": written.get(fmt), "lost": list(fields)}
        for fmt, fields in rendered.lost.items()
    )
    return Outcome(
        locator=locator,
        relative=relative,
        outputs=tuple(written.values()),
        line=line,
        meta=meta,
        format_errors=errors,
        losses=losses,
        minted=rendered.minted,
    )


def convert_one(
    locator: str, relative: str, data: bytes, *, options: Options, out: Path | None
) -> list[Outcome]:
    """Read one unit's stories and write their outputs (:func:`parse_one`, then
    :func:`render_one` for each); every failure becomes a failed outcome."""
    with _timed(options.timeout):  # one SIGALRM handler for all its stories and formats
        return [
            render_one(read, options=options, out=out)
            for read in parse_one(locator, data, options, relative=relative)
        ]
