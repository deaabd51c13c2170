"""Archive conversion on Dask: the same per-story steps as ``newsitem convert``, run by
Dask's schedulers (threads, processes, or a ``distributed`` cluster).

Install with ``pip install 'newsitem[dask]'``; ``import newsitem`` never imports dask.

* :func:`read_stories` lists the inputs on the client and returns a ``dask.bag.Bag``
  partitioned by files: an archive's members stay in one partition, plain files are
  grouped. Each item is an :class:`~newsitem.batch.steps.Outcome` (the pool's own
  type, the records of :func:`newsitem.batch.stories`): its locator, its unique output
  name (:mod:`~newsitem.batch.names`, as the pool names it) and either a Story or the
  error record (``input``, ``error``, ``message``, ``line``, ``column``), exactly as
  ``newsitem convert`` writes it to ``errors.jsonl``. The reading loop is the one of
  :func:`newsitem.batch.stories`.
* :func:`write` writes each partition as it is computed: JSON Lines shards
  (``stories-00000.jsonl``...) or one file per story, the errors to their own
  shards (``errors-00000.jsonl``: a story that failed, and each (story, format) that
  failed, with its ``format``), the fields each format left out to
  ``losses-00000.jsonl`` (the lines of ``losses.jsonl``) and a manifest row per story to
  ``.newsitem-manifest-00000.jsonl`` (the pool's rows: its input, its name, the files
  written for it, the formats that failed or lost fields, the guid minted for it). One
  broken file never fails the job.
* :func:`convert` is what ``newsitem convert --engine dask`` runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsitem import formats
from newsitem.batch import _checked, index, inputs, names, read_units, sink, steps
from newsitem.batch.steps import Options, Outcome
from newsitem.batch.summary import Summary
from newsitem.errors import UsageError

if TYPE_CHECKING:
    import dask.bag

__all__ = ["Record", "convert", "read_stories", "write"]

FILES_PER_PARTITION = 256
"""Plain files grouped into one partition; an archive is one partition (of at most this
many members times 16)."""

Record = Outcome
"""The items of a bag: the batch's one :class:`~newsitem.batch.steps.Outcome` type,
carrying the story read (``story``) or why there is none (``error``) and the
``partition`` it was read in (which names its output shard)."""


def _require_dask() -> Any:
    try:
        import dask.bag
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("newsitem.batch.dask needs dask: pip install 'newsitem[dask]'") from None
    return dask.bag


def _groups(units: list[inputs.Unit], size: int) -> list[list[inputs.Unit]]:
    """Partitions by files: an archive's members together (slices of 4 x size), plain files in groups."""
    groups: list[list[inputs.Unit]] = []
    loose: list[inputs.Unit] = []
    for unit in units:
        if unit.container is None:
            loose.append(unit)
            if len(loose) >= size:
                groups.append(loose)
                loose = []
            continue
        if loose:
            groups.append(loose)
            loose = []
        if groups and groups[-1][0].container == unit.container and len(groups[-1]) < size * 4:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    if loose:
        groups.append(loose)
    return groups


def _read_group(units: Iterable[inputs.Unit], options: Options, partition: int) -> list[Outcome]:
    with inputs.Reader(max_size=options.max_size) as reader:
        return [record._replace(partition=partition) for record in read_units(reader, units, options)]


def read_stories(
    paths_or_globs: Sequence[str] | str,
    *,
    layout: str | None = None,
    tz: str | None = None,
    max_size: int = 50 * 1024 * 1024,
    timeout: float = 30.0,
    files_per_partition: int = FILES_PER_PARTITION,
    encoding: str | None = None,
    to: Sequence[str] = (),
    out: str | None = None,
) -> dask.bag.Bag:
    """A bag of :class:`Record` for every story the paths, directories, globs and
    archives name (listed now, on the client; read and parsed by the workers);
    ``encoding`` as for :func:`newsitem.parse`. ``to``: the formats the bag will be
    written in, so each story's output names are unique as the pool makes them (two
    inputs ``story`` and ``story.ninjs`` written as json and ninjs); ``out``: the folder
    it will be written to, left out of the listing as the pool leaves it out.

    Raises:
        newsitem.batch.inputs.InputNotFoundError: a path or glob names nothing.
        UnknownFormatError: ``layout`` names no registered format.
        UsageError: stdin (``-``) among the inputs; an unknown ``encoding`` or ``tz``.
    """
    bag = _require_dask()
    arguments = [paths_or_globs] if isinstance(paths_or_globs, str) else list(paths_or_globs)
    if inputs.STDIN in arguments:
        raise UsageError("newsitem.batch.dask reads files, not stdin")
    options = _checked(
        Options(to=(), layout=layout, tz=tz, encoding=encoding, max_size=max_size, timeout=timeout)
    )
    listed = inputs.units(arguments, timeout=timeout, exclude=[] if out is None else [out])
    suffixes = list(steps.suffix_for([name for name in to if name != steps.JSONL]).values())
    units = names.unique(listed, suffixes=suffixes)  # the pool's names, whatever the engine
    groups = _groups(units, files_per_partition)
    if not groups:
        return bag.from_sequence([], npartitions=1)
    numbered = [(index, group) for index, group in enumerate(groups)]
    return bag.from_sequence(numbered, npartitions=len(groups)).map_partitions(_flatten_read, options)


def _flatten_read(groups: Iterable[tuple[int, list[inputs.Unit]]], options: Options) -> list[Outcome]:
    records: list[Outcome] = []
    for number, group in groups:
        records.extend(_read_group(group, options, number))
    return records


def _write_partition(records: Iterable[Outcome], number: int, path: str, options: Options) -> dict[str, Any]:
    """Write one partition's outputs, errors and losses; return its counts (and index rows for
    HTML), counted as the pool's :class:`~newsitem.batch.summary.Tally` counts them."""
    out = Path(path)
    lines: list[str] = []
    errors: list[dict[str, Any]] = []
    losses: list[dict[str, Any]] = []
    manifest: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    counts = dict.fromkeys(("converted", "failed", "format_failures", "losses", "minted"), 0)
    for record in records:
        outcome = steps.render_one(record, options=options, out=out if options.files else None)
        manifest.append(sink._row(outcome))  # the pool's manifest row: the same record of each story
        failed = [e for e in (outcome.error, *outcome.format_errors) if e is not None]
        errors += failed
        losses += outcome.losses
        counts["format_failures"] += outcome.format_failures  # a failed story counts once, as failed
        counts["losses"] += len(outcome.losses)
        counts["minted"] += outcome.minted is not None
        if outcome.error is not None:
            counts["failed"] += 1
            continue
        counts["converted"] += 1
        if outcome.line is not None:
            lines.append(outcome.line)
        if outcome.meta is not None and outcome.outputs:
            rows.append({**outcome.meta, "outputs": list(outcome.outputs)})
    if steps.JSONL in options.to:
        sink.write_atomic(
            out / f"stories-{number:05d}.jsonl", "".join(f"{line}\n" for line in lines).encode()
        )
    shards = ((f"errors-{number:05d}.jsonl", errors), (f"losses-{number:05d}.jsonl", losses))
    for name, found in (*shards, (manifest_shard(number), manifest)):
        text = "".join(sink.record_line(e) for e in found)
        sink.write_atomic(out / name, text.encode("utf-8"))
    return {**counts, "rows": rows}


def manifest_shard(partition: int) -> str:
    """The name of a partition's manifest shard (``.newsitem-manifest-00000.jsonl``): a row per
    story, as the pool's manifest has them (minted guids and names included)."""
    return f"{sink.MANIFEST.removesuffix('.jsonl')}-{partition:05d}.jsonl"


def _write_own(records: Iterable[Outcome], path: str, options: Options) -> list[dict[str, Any]]:
    items = list(records)
    numbers = {record.partition for record in items}
    if not items:
        return []
    if len(numbers) != 1 or None in numbers:
        raise ValueError(
            "write() needs records as read_stories makes them (one partition number each); "
            "after repartitioning, give each record its partition with record._replace(partition=...)"
        )
    return [_write_partition(items, numbers.pop() or 0, path, options)]


def write(
    bag: dask.bag.Bag,
    *,
    format: Sequence[str] | str = "jsonl",
    path: str,
    lossy: bool = False,
    strict: bool = False,
    mint_guid: bool | None = None,
    **compute: Any,
) -> dict[str, int]:
    """Write a bag of :class:`~newsitem.batch.steps.Outcome` under ``path`` and compute it.

    ``format`` is ``jsonl`` (shards ``stories-NNNNN.jsonl``, one per partition, in order),
    any writable format (one file per story, named as ``newsitem convert`` names them),
    or several. Errors go to ``errors-NNNNN.jsonl``, the fields a format left out to
    ``losses-NNNNN.jsonl``; ``strict`` and ``mint_guid`` as for
    :func:`newsitem.batch.convert` (``lossy`` is accepted and is the default). Keyword
    arguments go to ``dask.compute`` (``scheduler=``...). Returns the counts:
    ``converted``, ``failed``, ``format_failures``, ``losses``, ``minted``, ``partitions``.

    Raises:
        newsitem.errors.UsageError: a format that cannot be written.
    """
    formats_asked = (format,) if isinstance(format, str) else tuple(format)
    options = Options(to=formats_asked, lossy=lossy, strict=strict, mint_guid=mint_guid)
    return _write(bag, options, path, **compute)


def _write(bag: dask.bag.Bag, options: Options, path: str, **compute: Any) -> dict[str, int]:
    for name in options.files:
        if not formats.get(name).can_write:
            raise UsageError(f"{name} cannot be written (see 'newsitem formats')")
    Path(path).mkdir(parents=True, exist_ok=True)
    # Each partition is written by the task that reads it, so the stories never leave their
    # worker: the shard is named by the partition its records were read in.
    results = bag.map_partitions(_write_own, path, options).compute(**compute)
    rows = [row for result in results for row in result["rows"]]
    if "html" in options.files:
        index.write_index(Path(path), rows, steps.suffix_for(options.files)["html"])
    keys = ("converted", "failed", "format_failures", "losses", "minted")
    return {**{key: sum(r[key] for r in results) for key in keys}, "partitions": len(results)}


def convert(arguments: Sequence[str], options: Options, *, out: str, scheduler: str | None = None) -> Summary:
    """``newsitem convert --engine dask``: read, convert and write on a Dask cluster (the one
    at ``scheduler``, else a local one with a worker per core), with the same per-story
    steps, names and error records as the process pool.

    Raises:
        newsitem.errors.UsageError: no output directory (shards need one).
    """
    import time

    from distributed import Client, LocalCluster

    if out.endswith(".jsonl"):
        raise UsageError("--engine dask writes JSON Lines shards: give -o a directory")
    sink.refuse_earlier(out)  # an earlier run of either engine: never written over
    started = time.monotonic()
    bag = read_stories(
        arguments,
        layout=options.layout,
        tz=options.tz,
        max_size=options.max_size,
        timeout=options.timeout,
        encoding=options.encoding,
        to=options.to,
        out=out,
    )
    cluster = (
        None if scheduler else LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
    )
    try:
        with Client(scheduler or cluster) as client:
            counts = _write(bag, options, out, scheduler=client)
    finally:
        if cluster is not None:
            cluster.close()
    return Summary(
        total=counts["converted"] + counts["failed"],
        converted=counts["converted"],
        failed=counts["failed"],
        skipped=0,
        seconds=time.monotonic() - started,
        out=out,
        errors_path=str(Path(out) / "errors-*.jsonl"),
        format_failures=counts["format_failures"],
        losses=counts["losses"],
        losses_path=str(Path(out) / "losses-*.jsonl"),
        minted=counts["minted"],
    )
