"""Converting many stories on one machine: the process pool behind ``newsitem convert``.

The data flow: :mod:`~newsitem.batch.inputs` lists the work (units); :func:`run`
feeds them to worker processes in chunks while it is still listing (the workers start
on the first members of a large archive at once); each worker reads its own units and
runs the per-story steps of :mod:`~newsitem.batch.steps` on them (writing per-story
files itself); the outcomes come back in input order and go to the
:class:`~newsitem.batch.sink.Sink` (JSON Lines, ``errors.jsonl``, the manifest that
``resume`` reads); :mod:`~newsitem.batch.index` writes the HTML index at the end.

With ``-j2`` and more, the parent process only lists, schedules and writes: reading,
detecting, parsing and rendering happen in the workers (stdin, which workers cannot
reach, is read by the parent and its bytes sent). Batches are ``chunk`` units until
two a worker are left; those are cut into four a worker, so the workers end together.
The output does not depend on ``-j``: the same files, lines and manifest rows in the
same order (only where the manifest's batches end differs).
"""

from __future__ import annotations

import itertools
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import IO

import attrs

from newsitem.batch import _cores, index, inputs, names, sink, steps
from newsitem.batch.steps import Options, Outcome
from newsitem.batch.summary import Progress, Summary, Tally

__all__ = ["run"]


_READER: inputs.Reader | None = None


def _convert_batch(
    batch: list[tuple[inputs.Unit, bytes | None]], options: Options, out: str | None
) -> list[Outcome]:
    """Worker side: a chunk of units in (stdin's bytes read by the parent), outcomes out, in
    order. Each process reads its own inputs, keeping its current archive open between chunks."""
    global _READER  # noqa: PLW0603 - one reader per process, kept across chunks
    if _READER is None:
        _READER = inputs.Reader(max_size=options.max_size)
    target = None if out is None else Path(out)
    outcomes = []
    for unit, given in batch:
        data = given if given is not None else steps.read_unit(_READER, unit, options)
        if isinstance(data, Outcome):
            outcomes.append(data)
        else:
            read_as = steps.unit_options(unit, options)
            outcomes += steps.convert_one(unit.locator, unit.relative, data, options=read_as, out=target)
    return outcomes


def _close_reader() -> None:
    global _READER  # noqa: PLW0603 - see _convert_batch
    if _READER is not None:
        _READER.close()
        _READER = None


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


class _Listing:
    """The units of a run, handed to the scheduler while the parent is still listing them
    (a 20,000-member tar takes half a second to list: the workers convert meanwhile).

    Names are :func:`names.unique`'s: a unit whose output names (case-folded) no earlier
    unit took keeps them whatever comes later, so units go out as they are listed until the
    first that does not (:class:`names.Streaming`); from there the rest waits for the whole
    listing and takes its names from :func:`names.unique` on all of it. On resume, the names
    the earlier run gave stay taken and its finished units keep theirs. Units an earlier run
    finished (``done``) are left out and counted in :attr:`skipped`; each unit handed out
    adds one to the tally's total.
    """

    def __init__(self, found: Iterator[inputs.Unit]) -> None:
        self._found = found
        # The first unit lists the arguments: an argument that names nothing raises here,
        # before the sink touches the output.
        self._first = next(found, None)
        self.skipped = 0
        """Units an earlier run finished, passed over."""
        self.complete = False
        """Whether every unit has been listed."""

    def named(
        self, earlier: dict[str, str] | None = None, suffixes: Sequence[str] = ()
    ) -> Iterator[inputs.Unit]:
        """Every unit, named as :func:`names.unique` names the whole listing (``earlier``: the
        names a resumed run gave, by :func:`names.identity`; ``suffixes``: the output files' suffixes)."""
        earlier = earlier or {}
        listed: list[inputs.Unit] = []
        streaming = names.Streaming(earlier, suffixes)
        sent = 0
        found = self._found if self._first is None else itertools.chain([self._first], self._found)
        for unit in found:
            listed.append(unit)
            if streaming.keeps(unit):
                sent += 1
                given = earlier.get(names.identity(unit.locator)) if earlier else None
                yield unit if given in (None, unit.relative) else attrs.evolve(unit, relative=given)
        self.complete = True
        if sent < len(listed):
            yield from names.unique(listed, earlier=earlier, suffixes=suffixes)[sent:]

    def pending(
        self,
        done: set[str],
        tally: Tally,
        earlier: dict[str, str] | None = None,
        suffixes: Sequence[str] = (),
    ) -> Iterator[inputs.Unit]:
        """The units left to convert, in order."""
        for unit in self.named(earlier, suffixes):
            if done and names.identity(unit.locator) in done:
                self.skipped += 1
                continue
            tally.total += 1
            yield unit


_Item = tuple[inputs.Unit, bytes | None]
_Batches = Iterator[list[_Item]]

_AHEAD = 2
"""Units listed for each unit handed out, until the listing ends (the progress total is
right from then on, and the last batches can be cut to fit)."""


def _sizes(chunk: int, workers: int, left: int) -> Iterator[int]:
    """The sizes of the batches of the last ``left`` units: ``chunk`` while more than two
    batches a worker are left, then what is left cut into four batches a worker, so the
    workers end at about the same time, and a small run gives every worker some (at 256 a
    chunk, a web archive of 300 costly pages would keep one of two workers idle)."""
    while left > chunk * workers * 2:
        yield chunk
        left -= chunk
    size = max(1, -(-left // (workers * 4)))
    while left > 0:
        yield min(size, left)
        left -= size


def _chunks(
    pending: Iterator[inputs.Unit] | Sequence[inputs.Unit],
    stdin: IO[bytes] | None,
    chunk: int,
    limit: int = inputs.DEFAULT_MAX_SIZE,
    workers: int = 1,
) -> _Batches:
    """Batches of units for the workers, listing ahead of them (:data:`_AHEAD`); once the
    listing has ended, the last round is cut to fit (:func:`_sizes`). Only stdin is read
    here (workers cannot reach it)."""
    source = iter(pending)
    ahead: deque[inputs.Unit] = deque()
    complete = False
    planned: Iterator[int] | None = None
    while True:
        if not complete:
            want = max(chunk, len(ahead) + chunk * _AHEAD) if workers > 1 else chunk
            ahead.extend(itertools.islice(source, want - len(ahead)))
            complete = len(ahead) < want
        if not ahead:
            return
        size = chunk
        if complete and workers > 1:
            planned = planned or _sizes(chunk, workers, len(ahead))
            size = next(planned, chunk)
        batch = [ahead.popleft() for _ in range(min(size, len(ahead)))]
        yield [(unit, _given(unit, stdin, limit)) for unit in batch]


def _given(unit: inputs.Unit, stdin: IO[bytes] | None, limit: int) -> bytes | None:
    if unit.kind != "stdin":
        return None
    return (stdin or sys.stdin.buffer).read(limit + 1)  # more than limit: refused unread


def _serial(
    batches: _Batches, options: Options, out: str | None, record: Callable[[list[Outcome]], None]
) -> None:
    try:
        for batch in batches:
            record(_convert_batch(batch, options, out))
    finally:
        _close_reader()


def _died(item: _Item, exc: BaseException) -> Outcome:
    """The error record of a story whose worker process ended abruptly (a crash in a
    library, ``os._exit``, killed for memory) or whose outcome could not come back."""
    unit = item[0]
    if isinstance(exc, BrokenProcessPool):
        message = (
            "the process converting it ended abruptly (a crash in a library, or killed); the run went on"
        )
        return steps.failure(unit.locator, "WorkerDied", message, relative=unit.relative, step="convert")
    message = steps.internal_message(exc, "convert")
    return steps.failure(unit.locator, type(exc).__name__, message, relative=unit.relative, step="convert")


def _isolate(batch: list[_Item], options: Options, out: str | None) -> list[Outcome]:
    """A batch whose worker died, redone one story at a time, each in a fresh process where
    the last one died: the story that kills its process becomes an error record, the others
    are converted."""
    outcomes: list[Outcome] = []
    alone: ProcessPoolExecutor | None = None
    try:
        for item in batch:
            if alone is None:
                alone = ProcessPoolExecutor(max_workers=1, initializer=_worker_init)
            try:
                outcomes.extend(alone.submit(_convert_batch, [item], options, out).result())
            except BrokenProcessPool as exc:
                outcomes.append(_died(item, exc))
                alone.shutdown(wait=True)
                alone = None
            except Exception as exc:  # an outcome that could not come back: that story's record
                if isinstance(exc, OSError) and exc.errno in steps.FATAL_ERRNOS:
                    raise
                outcomes.append(_died(item, exc))
    finally:
        if alone is not None:
            alone.shutdown(wait=True)
    return outcomes


def _take(
    window: deque[tuple[list[_Item], Future[list[Outcome]]]],
    options: Options,
    out: str | None,
    record: Callable[[list[Outcome]], None],
) -> bool:
    """Record the oldest batch in flight; False when its worker died (the pool is broken, and
    the batch was redone story by story)."""
    batch, future = window.popleft()
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        record(_isolate(batch, options, out))
        return False
    except OSError as exc:
        if exc.errno in steps.FATAL_ERRNOS:
            raise
        record(_isolate(batch, options, out))
        return True
    except Exception:  # the batch's outcomes could not come back: find the story that fails
        record(_isolate(batch, options, out))
        return True
    record(outcomes)
    return True


def _parallel(
    batches: _Batches,
    options: Options,
    out: str | None,
    record: Callable[[list[Outcome]], None],
    workers: int,
) -> None:
    """Up to three chunks per worker in flight; outcomes are taken in input order. When a
    worker dies, every batch in flight is redone story by story and a fresh pool goes on."""
    pending = iter(batches)
    window: deque[tuple[list[_Item], Future[list[Outcome]]]] = deque()
    while True:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
            healthy = True
            for batch in pending:
                window.append((batch, pool.submit(_convert_batch, batch, options, out)))
                if len(window) >= workers * 3:
                    healthy = _take(window, options, out, record)
                    if not healthy:
                        break
            while window and healthy:
                healthy = _take(window, options, out, record)
        while window:  # the pool broke: what was in flight, story by story
            _take(window, options, out, record)
        if healthy:
            return


def run(
    arguments: Sequence[str],
    options: Options,
    *,
    out: str | None = None,
    jobs: int | None = None,
    resume: bool = False,
    chunk: int = 256,
    progress: Progress | None = None,
    stdout: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
    stdin_name: str = "<stdin>",
    on_batch: Callable[[list[Outcome]], None] | None = None,
) -> Summary:
    """Convert every story the arguments name (see the module docstring).

    Raises:
        newsitem.errors.UsageError: the request cannot be carried out (no output for
            per-story files, a resume with other settings...).
        inputs.InputNotFoundError: an argument names nothing.
    """
    out_dir, jsonl_path = sink.targets(options, out, resume)
    records_skipped: Counter[str] = Counter()
    started = time.monotonic()
    listing = _Listing(
        inputs.units(
            arguments,
            stdin_name=stdin_name,
            timeout=options.timeout,
            skipped=records_skipped,
            exclude=[] if out_dir is None else [out_dir],
            note=lambda message: print(f"newsitem: {message}", file=sys.stderr),
        )
    )
    where = sink.Sink(
        out_dir, jsonl_path, stdout if out is None else None, resume=resume, settings=sink.settings(options)
    )
    tally = Tally(where, 0, progress, on_batch)  # the total grows as the units are listed
    workers = _cores.workers(jobs)
    target = None if out_dir is None else str(out_dir)
    finished = False
    try:
        suffixes = list(steps.suffix_for(options.files).values())
        pending = listing.pending(where.done, tally, where.names, suffixes)
        batches = _chunks(pending, stdin, chunk, options.max_size, workers)
        if workers > 1:  # never more workers than units: a listing ended in the first look-ahead is counted
            first = list(itertools.islice(batches, 1))
            workers = _cores.workers(jobs, tally.total if listing.complete else None)
            batches = itertools.chain(first, batches)
        if workers <= 1:
            _serial(batches, options, target, tally)
        else:
            _parallel(batches, options, target, tally, workers)
        finished = True
    finally:
        where.close(finished=finished)
        if progress is not None:
            progress(tally.done, tally.failed, tally.total, final=True)
    if out_dir is not None and "html" in options.files:
        index.write_index(out_dir, where.index_rows, steps.suffix_for(options.files)["html"])
    return tally.summary(
        skipped=listing.skipped,
        seconds=time.monotonic() - started,
        out=out,
        records_skipped=dict(records_skipped),
    )
