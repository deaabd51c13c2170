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

from newsitem.cli.options import (
    add_encoding,
    add_input_format,
    add_max_size,
    check_encoding,
    check_zone,
    jobs,
    known_format,
    seconds,
    split_formats,
)
from newsitem.errors import UsageError

if TYPE_CHECKING:
    from newsitem.batch.steps import Options
    from newsitem.batch.summary import Summary

__all__ = ["add", "run"]


def _options(args: argparse.Namespace) -> Options:
    """The per-story options of ``convert``, each format name checked."""
    from newsitem.batch.steps import JSONL, Options  # here: `newsitem validate` never loads the batch

    for name in args.to:
        if name != JSONL:
            known_format(name, "--to", write=True)
    if args.layout is not None:
        known_format(args.layout, "--from", read=True)
    return Options(
        to=args.to,
        layout=args.layout,
        tz=check_zone(args.tz),
        encoding=check_encoding(args.encoding),
        lossy=args.lossy,
        strict=args.strict,
        mint_guid=args.mint_guid,
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
    from newsitem.batch.steps import FATAL_ERRNOS

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
    except BrokenPipeError:
        if args.out is None:  # stdout's reader has gone: the run stops, cli.main ends it quietly
            raise
        return _output_failed(BrokenPipeError(32, "Broken pipe"), args.out)
    except OSError as exc:
        return _output_failed(exc, args.out)
    except KeyboardInterrupt:
        advice = "finished stories are kept; run again with --resume to go on" if args.out else "stopped"
        print(f"\ninterrupted: {advice}", file=sys.stderr)
        return 130
    if not args.quiet:
        print(_summary_line(summary), file=sys.stderr)
    return summary.exit_code


def _summary_line(summary: Summary) -> str:
    """The run in one line whose numbers add up (converted + earlier + failed = in all)::

    converted 1,304 stories this run (1,280 earlier; 200 failed; 4,000 in all); ...; 12.3 s, 106/s
    nothing left to do: earlier runs converted 3,800 of 4,000 stories (200 failed)
    """
    if summary.nothing_left:
        head = (
            f"nothing left to do: earlier runs converted {summary.earlier:,} of {summary.total:,} stories"
            f" ({summary.failed:,} failed)"
        )
    else:
        counts = [f"{summary.earlier:,} earlier"] if summary.earlier else []
        counts += [f"{summary.failed:,} failed", f"{summary.total:,} in all"]
        stories = "story" if summary.converted == 1 else "stories"
        head = f"converted {summary.converted:,} {stories} this run ({'; '.join(counts)})"
    return "; ".join([head, *_details(summary)])


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _details(summary: Summary) -> list[str]:
    """What the summary line says after the counts: losses, format failures, minted guids,
    records passed over, where the errors are, and the time (for a run that did something)."""
    parts = []
    if summary.format_failures:
        parts.append(_count(summary.format_failures, "format failure"))
    if summary.losses:
        where = f" (see {summary.losses_path})" if summary.losses_path else ""
        parts.append(f"{_count(summary.losses, 'file')} written with fields left out{where}")
    if summary.minted:
        parts.append(f"{_count(summary.minted, 'guid')} minted (listed in the manifest)")
    if summary.records_skipped:
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(summary.records_skipped.items()))
        parts.append(f"skipped {sum(summary.records_skipped.values()):,} records ({kinds})")
    if summary.failed or summary.format_failures:
        parts.append(f"errors in {summary.errors_path or 'stderr'}")
    if not summary.nothing_left:
        done = summary.converted + summary.failed - summary.failed_earlier
        rate = done / summary.seconds if summary.seconds else 0.0
        parts.append(f"{summary.seconds:.1f} s, {rate:,.0f}/s")
    return parts


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    conv = commands.add_parser(
        "convert",
        help="convert stories (files, directories, globs, tar, zip, mbox, WARC, stdin) to other formats",
        description="Convert every story the inputs name, each format on its own. Failures go to"
        " OUT/errors.jsonl, the fields a format cannot carry to OUT/losses.jsonl, and the run goes on."
        " Exit 0 when all converted, 1 when a story or one of its formats failed (earlier runs of a"
        " --resume included), 2 on a usage error.",
    )
    conv.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, directories, globs, archives; - for stdin"
    )
    conv.add_argument("--to", required=True, type=split_formats, metavar="FORMAT[,FORMAT]",
                      help="output formats (see 'newsitem formats'), or jsonl for JSON Lines")  # fmt: skip
    conv.add_argument(
        "-o", "--out", metavar="OUT", help="output directory (or FILE.jsonl); default: stdout for jsonl"
    )
    add_input_format(conv, alias=False)  # no --format here: beside --to it would be ambiguous
    conv.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=None,
        metavar="N",
        help="worker processes (default, or 0: one per core)",
    )
    conv.add_argument("--resume", action="store_true", help="skip what a previous run into OUT finished")
    conv.add_argument(
        "--tz", metavar="ZONE", help="zone of times printed without one (IANA name); default: naive"
    )
    strictness = conv.add_mutually_exclusive_group()
    strictness.add_argument(
        "--lossy",
        action="store_true",
        help="write what each format can carry and list what it leaves out in OUT/losses.jsonl (the default)",
    )
    strictness.add_argument(
        "--strict", action="store_true", help="a story a format cannot carry whole fails for that format"
    )
    identity = conv.add_mutually_exclusive_group()
    identity.add_argument(
        "--mint-guid",
        dest="mint_guid",
        action="store_const",
        const=True,
        default=None,
        help="give every story without a guid a minted one, in every format (default: only for the"
        " formats that need one: ninjs, newsml-g2)",
    )
    identity.add_argument(
        "--no-mint-guid",
        dest="mint_guid",
        action="store_const",
        const=False,
        help="never mint a guid: a story without one fails for the formats that need one",
    )
    add_encoding(conv)
    add_max_size(conv)
    conv.add_argument(
        "--timeout", type=seconds, default=30.0, metavar="S", help="seconds per story (default 30; 0: none)"
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
