"""Converting many stories on one machine: the process pool behind ``newsitem convert``.

The data flow: :mod:`~newsitem.batch.inputs` lists the work (units); :func:`run`
feeds them to worker processes in chunks; each worker reads its own units and runs
the per-story steps of :mod:`~newsitem.batch.steps` on them (writing per-story files
itself); the outcomes come back in input order and go to the
:class:`~newsitem.batch.sink.Sink` (JSON Lines, ``errors.jsonl``, the manifest that
``resume`` reads); :mod:`~newsitem.batch.index` writes the HTML index at the end.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Protocol

import attrs

from newsitem.batch import index, inputs, sink, steps
from newsitem.batch.steps import Options, Outcome

__all__ = ["Progress", "Summary", "run"]


@attrs.frozen(kw_only=True)
class Summary:
    """Counts of a run, for the summary line and the exit code."""

    total: int
    converted: int
    failed: int
    skipped: int
    seconds: float
    out: str | None
    errors_path: str | None

    @property
    def exit_code(self) -> int:
        """1 when any story failed, else 0."""
        return 1 if self.failed else 0


class Progress(Protocol):
    """Told how a run goes after every batch (``final`` once, at the end)."""

    def __call__(self, done: int, failed: int, total: int, *, final: bool = False) -> None: ...


_READER: inputs.Reader | None = None


def _convert_batch(
    batch: list[tuple[inputs.Unit, bytes | None]], options: Options, out: str | None
) -> list[Outcome]:
    """Worker side: a chunk of units in (stdin's bytes read by the parent), outcomes out, in
    order. Each process reads its own inputs, keeping its current archive open between chunks."""
    global _READER  # noqa: PLW0603 - one reader per process, kept across chunks
    if _READER is None:
        _READER = inputs.Reader()
    target = None if out is None else Path(out)
    outcomes = []
    for unit, given in batch:
        data = given if given is not None else steps.read_unit(_READER, unit, options)
        if isinstance(data, Outcome):
            outcomes.append(data)
        else:
            outcomes.append(steps.convert_one(unit.locator, unit.relative, data, options=options, out=target))
    return outcomes


def _close_reader() -> None:
    global _READER  # noqa: PLW0603 - see _convert_batch
    if _READER is not None:
        _READER.close()
        _READER = None


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _chunks(
    pending: list[inputs.Unit], stdin: IO[bytes] | None, size: int
) -> Iterator[list[tuple[inputs.Unit, bytes | None]]]:
    """Chunks of units for the workers; only stdin is read here (workers cannot reach it)."""
    batch: list[tuple[inputs.Unit, bytes | None]] = []
    for unit in pending:
        given = None
        if unit.kind == "stdin":
            given = (stdin or sys.stdin.buffer).read()
        batch.append((unit, given))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_Batches = Iterator[list[tuple[inputs.Unit, bytes | None]]]


def _serial(
    batches: _Batches, options: Options, out: str | None, record: Callable[[list[Outcome]], None]
) -> None:
    try:
        for batch in batches:
            record(_convert_batch(batch, options, out))
    finally:
        _close_reader()


def _parallel(
    batches: _Batches,
    options: Options,
    out: str | None,
    record: Callable[[list[Outcome]], None],
    workers: int,
) -> None:
    """Up to three chunks per worker in flight; outcomes are taken in input order."""
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        window: deque[Future[list[Outcome]]] = deque()
        for batch in batches:
            window.append(pool.submit(_convert_batch, batch, options, out))
            if len(window) >= workers * 3:
                record(window.popleft().result())
        while window:
            record(window.popleft().result())


@attrs.define
class _Tally:
    """What a run has done so far; takes each batch of outcomes to the sink."""

    destination: sink.Sink
    total: int
    progress: Progress | None
    on_batch: Callable[[list[Outcome]], None] | None
    done: int = 0
    failed: int = 0

    def __call__(self, outcomes: list[Outcome]) -> None:
        self.destination.take(outcomes)
        if self.on_batch is not None:
            self.on_batch(outcomes)
        self.done += len(outcomes)
        self.failed += sum(1 for o in outcomes if o.error is not None)
        if self.progress is not None:
            self.progress(self.done, self.failed, self.total)


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
    units = list(inputs.units(arguments, stdin_name=stdin_name))
    where = sink.Sink(
        out_dir, jsonl_path, stdout if out is None else None, resume=resume, settings=sink.settings(options)
    )
    pending = [u for u in units if u.locator not in where.done]
    tally = _Tally(where, len(pending), progress, on_batch)
    started = time.monotonic()
    workers = jobs or os.cpu_count() or 1
    target = None if out_dir is None else str(out_dir)
    finished = False
    try:
        batches = _chunks(pending, stdin, chunk)
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
    return Summary(
        total=len(units),
        converted=tally.done - tally.failed,
        failed=tally.failed + where.failed_before,
        skipped=len(units) - len(pending),
        seconds=time.monotonic() - started,
        out=out,
        errors_path=None if where.errors_path is None else str(where.errors_path),
    )
