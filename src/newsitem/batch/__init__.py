"""Whole archives: every story of files, folders, archives and containers, and their
conversion, for scripts as for ``newsitem convert`` and the Dask engine.

Two calls are the public batch API (:doc:`/batch` shows them at work):

* :func:`stories` reads every story the inputs name, in order, each with its locator
  (``a/b.txt``, ``x.tar.gz!m.txt``, ``box.mbox#3``, ``feed.xml#2``) and either the story or
  the error record saying why it could not be read;
* :func:`convert` converts them all to other formats under an output folder, with the
  accounting of ``newsitem convert`` (the manifest, ``errors.jsonl``, ``losses.jsonl``,
  ``--resume``), and returns the run's :class:`~newsitem.batch.summary.Summary`.

Both run the same code as the command: :mod:`~newsitem.batch.inputs` lists the units,
:mod:`~newsitem.batch.names` gives each a unique output name, the per-story steps of
:mod:`~newsitem.batch.steps` read, parse and render them, :mod:`~newsitem.batch.pool`
schedules a conversion on worker processes and :mod:`~newsitem.batch.sink` writes it.
:mod:`~newsitem.batch.dask` runs the same steps on Dask. Importing this package is cheap:
the engine is imported by the first call.

>>> import pathlib, tempfile
>>> import newsitem, newsitem.batch
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> newsitem.dump(newsitem.Story(headline="Ferry back"), folder / "ferry.json")
>>> _ = (folder / "noise.txt").write_text("not a story")
>>> [(record.locator.replace(str(folder), "IN"), record.story and record.story.headline,
...   record.error and record.error["error"]) for record in newsitem.batch.stories([folder])]
[('IN/ferry.json', 'Ferry back', None), ('IN/noise.txt', None, 'ParseError')]

Nothing here imports a private module of :mod:`newsitem.formats`: every format is
called through the front door (``parse``/``read``/``dumps``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from newsitem.batch.inputs import Reader, Unit
    from newsitem.batch.steps import Options, Outcome
    from newsitem.batch.summary import Progress, Summary

__all__ = ["convert", "stories"]

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One input (a file, folder, glob, archive, mbox, web archive, or ``-`` for standard
input) or several."""

MAX_SIZE = 50 * 1024 * 1024
"""The largest input read when none is named (bytes), as ``newsitem convert --max-size 50``."""


def _arguments(paths: Paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(path) for path in paths]


def _checked(options: Options) -> Options:
    """``options`` with its names checked before any work (a typo is one error, not a
    failure per story).

    Raises:
        UnknownFormatError: ``layout`` or a format of ``to`` is not registered.
        UsageError: an unknown ``encoding`` or ``tz``.
    """
    from newsitem import _api, dates, formats
    from newsitem.batch.steps import JSONL
    from newsitem.errors import UsageError

    for name in options.to:
        if name != JSONL:
            formats.get(name)
    if options.layout is not None:
        formats.get(options.layout)
    _api.known_encoding(options.encoding)
    if options.tz is not None:
        try:
            dates.zone(options.tz)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    if options.max_size < 1:
        raise UsageError(f"max_size must be at least 1 byte, not {options.max_size}")
    if not options.timeout >= 0:  # NaN too
        raise UsageError(f"timeout must be 0 (no limit) or more seconds, not {options.timeout}")
    return options


def read_units(reader: Reader, units: Iterable[Unit], options: Options) -> Iterator[Outcome]:
    """Every story of ``units``, in order: each unit read by ``reader``
    (:func:`~newsitem.batch.steps.read_unit`), then parsed into its stories
    (:func:`~newsitem.batch.steps.parse_one`); a unit that cannot be read is one failed
    outcome. The one reading loop of :func:`stories` and the Dask engine."""
    from newsitem.batch import steps

    for unit in units:
        data = steps.read_unit(reader, unit, options)
        if isinstance(data, steps.Outcome):
            yield data
            continue
        yield from steps.parse_one(
            unit.locator, data, steps.unit_options(unit, options), relative=unit.relative
        )


def stories(
    paths: Paths,
    *,
    layout: str | None = None,
    tz: str | None = None,
    encoding: str | None = None,
    max_size: int = MAX_SIZE,
    timeout: float = 30.0,
    stdin: IO[bytes] | None = None,
) -> Iterator[Outcome]:
    """Every story the inputs name, in input order, read as ``newsitem convert`` reads them.

    The inputs are listed at once (so a missing one is an error before anything is read);
    each story is read as the iterator reaches it. Each record is an
    :class:`~newsitem.batch.steps.Outcome` with:

    * ``locator``: where the story is (``a/b.txt``, ``x.tar.gz!m.txt``, ``box.mbox#3``,
      ``crawl.warc.gz#1234``; a container's stories ``feed.xml#1``, ``feed.xml#2``...);
    * ``relative``: the unique name its outputs take under an output folder
      (:mod:`~newsitem.batch.names`: two inputs never share one);
    * ``story``: the :class:`~newsitem.Story`, or None when it could not be read;
    * ``error``: then, the record ``newsitem convert`` writes to ``errors.jsonl``
      (``{"input", "error", "message", "line", "column", "step", ...}``).

    A file that is no story, a broken archive member or a story over ``max_size`` is a
    record with its error; the next story is read all the same.

    Args:
        paths: Files, folders (walked), globs, tar and zip archives, mbox files, web
            archives, ``-`` for ``stdin``; one or several.
        layout: Read every input as this registered format or layout instead of
            detecting it (a web archive's pages are still read as ``warc``).
        tz: The zone (IANA name) of times printed without one, as for :func:`newsitem.parse`.
        encoding: The charset of the input bytes, as for :func:`newsitem.parse`.
        max_size: Inputs larger than this many bytes are errors, not read.
        timeout: Seconds one story may take to parse (0: no limit; Unix, main thread only).
        stdin: Where ``-`` reads from (default: the process's standard input).

    Raises:
        newsitem.batch.inputs.InputNotFoundError: a path or glob names nothing.
        UnknownFormatError: ``layout`` names no registered format.
        UsageError: an unknown ``encoding`` or ``tz``, or ``max_size`` under 1.

    >>> import io, newsitem, newsitem.batch
    >>> wire = newsitem.dumps(newsitem.Story(headline="Storm closes port"), format="json")
    >>> [(r.locator, r.story.headline) for r in newsitem.batch.stories("-", stdin=io.BytesIO(wire.encode()))]
    [('<stdin>', 'Storm closes port')]
    """
    import sys

    from newsitem.batch import inputs, names
    from newsitem.batch.steps import Options

    options = _checked(
        Options(to=(), layout=layout, tz=tz, encoding=encoding, max_size=max_size, timeout=timeout)
    )
    units = names.unique(inputs.units(_arguments(paths), timeout=timeout))
    source = stdin if stdin is not None or not any(u.kind == "stdin" for u in units) else sys.stdin.buffer
    return _stories(units, options, source)


def _stories(units: list[Unit], options: Options, stdin: IO[bytes] | None) -> Iterator[Outcome]:
    from newsitem.batch import inputs

    with inputs.Reader(stdin=stdin, max_size=options.max_size) as reader:
        yield from read_units(reader, units, options)


def convert(
    paths: Paths,
    *,
    to: Sequence[str] | str,
    out: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    resume: bool = False,
    strict: bool = False,
    mint_guid: bool | None = None,
    layout: str | None = None,
    tz: str | None = None,
    encoding: str | None = None,
    max_size: int = MAX_SIZE,
    timeout: float = 30.0,
    progress: Progress | None = None,
    stdout: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> Summary:
    """Convert every story the inputs name, as ``newsitem convert`` does (the same engine:
    :func:`newsitem.batch.pool.run`), and return the run's summary.

    Per-story files go under ``out`` with unique names (:mod:`~newsitem.batch.names`),
    beside the run's manifest (which a later ``resume=True`` reads), ``errors.jsonl``
    (one record per story, or per (story, format), that failed) and ``losses.jsonl``
    (the fields each format left out). ``jsonl`` writes ``out/stories.jsonl``, or the
    file ``out`` itself when it ends in ``.jsonl``, or ``stdout`` without ``out``.

    Args:
        paths: As for :func:`stories`.
        to: Output formats (``"json"``, ``["json", "ninjs", "html"]``, ``"jsonl"``): any
            format that can write, and ``jsonl``.
        out: The output folder (or a ``.jsonl`` file).
        jobs: Worker processes (None or 0: one per core; 1: none, all in this process).
        resume: Go on with an earlier run into ``out`` with the same settings: what it
            finished is not redone, what it left is.
        strict: A story a format cannot carry whole fails for that format instead of
            being written without what it cannot hold (and listed in ``losses.jsonl``).
        mint_guid: Give a story without a guid :func:`newsitem.mint_guid`'s: None for the
            formats that require one (ninjs, NewsML-G2), True for every format, False never.
        layout, tz, encoding, max_size, timeout: As for :func:`stories`.
        progress: Told ``(done, failed, total)`` after each batch of stories.
        stdout: Where ``jsonl`` goes without ``out`` (default: the process's standard output).
        stdin: As for :func:`stories`.

    Returns:
        The :class:`~newsitem.batch.summary.Summary`: ``converted``, ``failed``, ``earlier``,
        ``total``, ``losses``, ``format_failures``, ``minted`` and ``exit_code``.

    Raises:
        newsitem.batch.inputs.InputNotFoundError: a path or glob names nothing.
        UnknownFormatError: a format of ``to`` or ``layout`` is not registered.
        UsageError: the request cannot be carried out (no format in ``to``, one that cannot
            write, per-story files without ``out``, a resume with other settings, an unknown
            ``tz``, a negative ``jobs`` or ``timeout``...).

    >>> import pathlib, tempfile, newsitem, newsitem.batch
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "in").mkdir()
    >>> newsitem.dump(newsitem.Story(headline="Ferry back"), folder / "in" / "ferry.json")
    >>> summary = newsitem.batch.convert([folder / "in"], to=["json", "html"], out=folder / "out", jobs=1)
    >>> summary.converted, summary.failed, summary.exit_code
    (1, 0, 0)
    >>> sorted(p.name for p in (folder / "out" / "in").iterdir())
    ['ferry.json.html', 'ferry.json.json']
    """
    import sys

    from newsitem.batch import pool
    from newsitem.batch.steps import Options
    from newsitem.errors import UsageError

    names = (to,) if isinstance(to, str) else tuple(to)
    if not names or not all(names):
        raise UsageError(f"to names no format ({to!r}): name one or more, such as to=['json', 'html']")
    if jobs is not None and jobs < 0:
        raise UsageError(f"jobs must be 0 or more (0 or None: one process per core), not {jobs}")
    options = _checked(
        Options(
            to=names,
            layout=layout,
            tz=tz,
            encoding=encoding,
            strict=strict,
            mint_guid=mint_guid,
            max_size=max_size,
            timeout=timeout,
        )
    )
    target = None if out is None else os.fspath(out)
    return pool.run(
        _arguments(paths),
        options,
        out=target,
        jobs=jobs,
        resume=resume,
        progress=progress,
        stdout=stdout if stdout is not None or target is not None else sys.stdout,
        stdin=stdin,
    )
