"""``newsitem convert``: every story of the inputs to other formats (the batch engine is
:mod:`newsitem.batch`; this module is its options and its summary)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newsitem.batch.steps import FATAL_ERRNOS, JSONL, Options
from newsitem.cli.options import add_encoding, add_max_size, check_encoding, check_zone, split_formats
from newsitem.errors import UsageError

if TYPE_CHECKING:
    from newsitem.batch.summary import Summary

__all__ = ["add", "run"]


def _options(args: argparse.Namespace) -> Options:
    """The per-story options of ``convert``, each format name checked."""
    from newsitem import formats

    for name in args.to:
        if name != JSONL:
            formats.get(name)
    if args.layout is not None:
        formats.get(args.layout)
    return Options(
        to=args.to,
        layout=args.layout,
        tz=check_zone(args.tz),
        encoding=check_encoding(args.encoding),
        lossy=args.lossy,
        max_size=args.max_size * 1024 * 1024,
        timeout=args.timeout,
        command_line=True,
    )


def _on_dask(args: argparse.Namespace, options: Options) -> Summary:
    if args.out is None:
        raise UsageError("--engine dask writes shards: give -o a directory")
    if args.resume:
        raise UsageError("--resume is for the process pool; Dask re-runs failed tasks itself")
    try:
        from newsitem.batch import dask as on_dask
    except ImportError as exc:
        raise UsageError(f"{exc}") from None
    return on_dask.convert(args.inputs, options, out=args.out, scheduler=args.scheduler)


def _check_out(out: str) -> None:
    """Check ``-o`` before any work: a folder (or, for ``FILE.jsonl``, a regular file's
    folder) that exists or can be created and can be written in.

    Raises:
        UsageError: it cannot be used, and why (one line).
    """
    path = Path(out)
    if out.endswith(".jsonl"):
        if path.is_dir():
            raise UsageError(
                f"-o {out}: is a directory; -o FILE.jsonl names the JSON Lines file to write"
                " (a folder takes a name without .jsonl)"
            )
        if path.exists() and not path.is_file():
            raise UsageError(f"-o {out}: exists and is not a regular file")
        folder = path.parent
    else:
        if path.exists() and not path.is_dir():
            raise UsageError(f"-o {out}: exists and is not a directory")
        folder = path
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"-o {out}: cannot create {folder}: {exc.strerror or exc}") from None
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".newsitem-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"-o {out}: cannot write in {folder}: {exc.strerror or exc}") from None


def _output_failed(exc: OSError, out: str | None) -> int:
    """Exit 2 with one line when writing the outputs fails during a run (a full disk...)."""
    where = f": {exc.filename}" if exc.filename else (": standard output" if out is None else "")
    hint = ""
    if exc.errno in FATAL_ERRNOS and out is not None:
        hint = "; the stories finished are kept: make room and run again with --resume"
    if out is None:  # stdout failed: nothing more may go to it, not even at exit
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    print(f"newsitem convert: error: {exc.strerror or exc}{where}{hint}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from newsitem.batch import inputs, pool
    from newsitem.cli.progress import Bar

    options = _options(args)
    if args.out is not None:
        _check_out(args.out)
    try:
        if args.engine == "dask":
            summary = _on_dask(args, options)
        else:
            summary = pool.run(
                args.inputs,
                options,
                out=args.out,
                jobs=args.jobs,
                resume=args.resume,
                progress=None if args.quiet else Bar(sys.stderr),
                stdout=sys.stdout,
                stdin=sys.stdin.buffer,
                stdin_name=args.stdin_filename,
            )
    except inputs.InputNotFoundError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        return _output_failed(exc, args.out)
    except KeyboardInterrupt:
        print("\ninterrupted: finished stories are kept; run again with --resume to go on", file=sys.stderr)
        return 130
    if not args.quiet:
        print(_summary_line(summary), file=sys.stderr)
    return summary.exit_code


def _summary_line(summary: Summary) -> str:
    rate = (summary.converted + summary.failed) / summary.seconds if summary.seconds else 0.0
    parts = [f"converted {summary.converted:,} of {summary.total:,} stories"]
    if summary.failed:
        parts.append(f"{summary.failed:,} failed (see {summary.errors_path or 'stderr'})")
    if summary.skipped:
        parts.append(f"{summary.skipped:,} done by an earlier run")
    if summary.records_skipped:
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(summary.records_skipped.items()))
        parts.append(f"skipped {sum(summary.records_skipped.values()):,} records ({kinds})")
    return f"{', '.join(parts)}; {summary.seconds:.1f} s, {rate:,.0f}/s"


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    conv = commands.add_parser(
        "convert",
        help="convert stories (files, directories, globs, tar, zip, mbox, WARC, stdin) to other formats",
        description="Convert every story the inputs name. Failures go to OUT/errors.jsonl and the run"
        " goes on."
        " Exit 0 when all converted, 1 when some failed, 2 on a usage error.",
    )
    conv.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories, globs, archives; - for stdin"
    )
    conv.add_argument("--to", required=True, type=split_formats, metavar="FORMAT[,FORMAT]",
                      help="output formats (see 'newsitem formats'), or jsonl for JSON Lines")  # fmt: skip
    conv.add_argument(
        "-o", "--out", metavar="OUT", help="output directory (or FILE.jsonl); default: stdout for jsonl"
    )
    conv.add_argument(
        "--from", dest="layout", metavar="LAYOUT", help="the input layout (default: detected per story)"
    )
    conv.add_argument(
        "-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default: all cores)"
    )
    conv.add_argument("--resume", action="store_true", help="skip what a previous run into OUT finished")
    conv.add_argument(
        "--tz", metavar="ZONE", help="zone of times printed without one (IANA name); default: naive"
    )
    conv.add_argument("--lossy", action="store_true", help="write what a format can carry instead of failing")
    add_encoding(conv)
    add_max_size(conv)
    conv.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds per story (default 30; 0: none)"
    )
    conv.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name of stdin in reports"
    )
    conv.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    conv.add_argument(
        "--engine", choices=("pool", "dask"), default="pool", help="a process pool here (default), or Dask"
    )
    conv.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: a cluster (default: a local one)"
    )
    conv.set_defaults(run=run)
