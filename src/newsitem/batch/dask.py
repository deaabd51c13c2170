"""Archive conversion on Dask: the same per-story steps as ``newsitem convert``, run by
Dask's schedulers (threads, processes, or a ``distributed`` cluster).

Install with ``pip install 'newsitem[dask]'``; ``import newsitem`` never imports dask.

* :func:`read_stories` lists the inputs on the client and returns a ``dask.bag.Bag``
  partitioned by files: an archive's members stay in one partition, plain files are
  grouped. Each item is a :class:`Record`: its locator and either a Story or the
  error record (``input``, ``error``, ``message``, ``line``, ``column``), exactly as
  ``newsitem convert`` writes it to ``errors.jsonl``.
* :func:`write` writes each partition as it is computed: JSON Lines shards
  (``stories-00000.jsonl``...) or one file per story, and the errors to their own
  shards (``errors-00000.jsonl``). One broken file never fails the job.
* :func:`convert` is what ``newsitem convert --engine dask`` runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from newsitem.batch import inputs
from newsitem.batch import pool as _convert

if TYPE_CHECKING:
    import dask.bag

    from newsitem.model import Story

__all__ = ["Record", "convert", "read_stories", "write"]

FILES_PER_PARTITION = 256
"""Plain files grouped into one partition; an archive is one partition (of at most this
many members times 16)."""


class Record(NamedTuple):
    """One story of a bag: where it came from, and the story or why there is none."""

    locator: str
    relative: str
    story: Story | None
    error: dict[str, Any] | None
    partition: int | None = None
    """The partition of :func:`read_stories` it was read in (names its output shard)."""


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


def _read_group(units: Iterable[inputs.Unit], options: _convert.Options) -> list[Record]:
    records = []
    with inputs.Reader() as reader:
        for unit in units:
            data = _convert.read_unit(reader, unit, options)
            story = data if isinstance(data, dict) else _convert.parse_one(unit.locator, data, options)
            if isinstance(story, dict):
                records.append(Record(unit.locator, unit.relative, None, story))
            else:
                records.append(Record(unit.locator, unit.relative, story, None))
    return records


def read_stories(
    paths_or_globs: Sequence[str] | str,
    *,
    layout: str | None = None,
    tz: str | None = None,
    max_size: int = 50 * 1024 * 1024,
    timeout: float = 30.0,
    files_per_partition: int = FILES_PER_PARTITION,
) -> dask.bag.Bag:
    """A bag of :class:`Record` for every story the paths, directories, globs and
    archives name (listed now, on the client; read and parsed by the workers).

    Raises:
        newsitem.batch.inputs.InputNotFoundError: a path or glob names nothing.
    """
    bag = _require_dask()
    arguments = [paths_or_globs] if isinstance(paths_or_globs, str) else list(paths_or_globs)
    if inputs.STDIN in arguments:
        raise ValueError("newsitem.batch.dask reads files, not stdin")
    units = list(inputs.units(arguments))
    options = _convert.Options(to=(), layout=layout, tz=tz, max_size=max_size, timeout=timeout)
    groups = _groups(units, files_per_partition)
    if not groups:
        return bag.from_sequence([], npartitions=1)
    numbered = [(index, group) for index, group in enumerate(groups)]
    return bag.from_sequence(numbered, npartitions=len(groups)).map_partitions(_flatten_read, options)


def _flatten_read(groups: Iterable[tuple[int, list[inputs.Unit]]], options: _convert.Options) -> list[Record]:
    records: list[Record] = []
    for index, group in groups:
        records.extend(record._replace(partition=index) for record in _read_group(group, options))
    return records


def _write_partition(
    records: Iterable[Record], index: int, path: str, options: _convert.Options
) -> dict[str, Any]:
    """Write one partition's outputs and errors; return its counts (and index rows for HTML)."""
    out = Path(path)
    lines: list[str] = []
    errors: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    converted = 0
    files_out = out if options.files else None
    for record in records:
        if record.story is None:
            assert record.error is not None
            errors.append(record.error)
            continue
        outcome = _convert.render_one(
            record.story, record.locator, record.relative, options=options, out=files_out
        )
        if outcome.error is not None:
            errors.append(outcome.error)
            continue
        converted += 1
        if outcome.line is not None:
            lines.append(outcome.line)
        if outcome.meta is not None:
            rows.append({**outcome.meta, "outputs": list(outcome.outputs)})
    if _convert.JSONL in options.to:
        _convert.write_atomic(
            out / f"stories-{index:05d}.jsonl", "".join(f"{line}\n" for line in lines).encode("utf-8")
        )
    _convert.write_atomic(
        out / f"errors-{index:05d}.jsonl",
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors).encode("utf-8"),
    )
    return {"converted": converted, "failed": len(errors), "rows": rows}


def _write_own(records: Iterable[Record], path: str, options: _convert.Options) -> list[dict[str, Any]]:
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
    **compute: Any,
) -> dict[str, int]:
    """Write a bag of :class:`Record` under ``path`` and compute it.

    ``format`` is ``jsonl`` (shards ``stories-NNNNN.jsonl``, one per partition, in order),
    any writable format (one file per story, named as ``newsitem convert`` names them),
    or several. Errors go to ``errors-NNNNN.jsonl``. Keyword arguments go to
    ``dask.compute`` (``scheduler=``...). Returns the counts.
    """
    names = (format,) if isinstance(format, str) else tuple(format)
    options = _convert.Options(to=names, lossy=lossy)
    for name in options.files:
        from newsitem import formats

        if not formats.get(name).can_write:
            raise _convert.UsageError(f"{name} cannot be written (see 'newsitem formats')")
    Path(path).mkdir(parents=True, exist_ok=True)
    # Each partition is written by the task that reads it, so the stories never leave their
    # worker: the shard is named by the partition its records were read in.
    results = bag.map_partitions(_write_own, path, options).compute(**compute)
    rows = [row for result in results for row in result["rows"]]
    if "html" in options.files:
        _convert.write_index(Path(path), rows, _convert.suffix_for(options.files)["html"])
    return {
        "converted": sum(r["converted"] for r in results),
        "failed": sum(r["failed"] for r in results),
        "partitions": len(results),
    }


def convert(
    arguments: Sequence[str], options: _convert.Options, *, out: str, scheduler: str | None = None
) -> _convert.Summary:
    """``newsitem convert --engine dask``: read, convert and write on a Dask cluster (the one
    at ``scheduler``, else a local one with a worker per core), with the same per-story
    steps, names and error records as the process pool.

    Raises:
        newsitem.batch.pool.UsageError: no output directory (shards need one).
    """
    import time

    from distributed import Client, LocalCluster

    if out.endswith(".jsonl"):
        raise _convert.UsageError("--engine dask writes JSON Lines shards: give -o a directory")
    started = time.monotonic()
    bag = read_stories(
        arguments, layout=options.layout, tz=options.tz, max_size=options.max_size, timeout=options.timeout
    )
    cluster = (
        None if scheduler else LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None)
    )
    try:
        with Client(scheduler or cluster) as client:
            counts = write(bag, format=options.to, path=out, lossy=options.lossy, scheduler=client)
    finally:
        if cluster is not None:
            cluster.close()
    total = counts["converted"] + counts["failed"]
    return _convert.Summary(
        total=total,
        converted=counts["converted"],
        failed=counts["failed"],
        skipped=0,
        seconds=time.monotonic() - started,
        out=out,
        errors_path=str(Path(out) / "errors-*.jsonl"),
    )
