"""The ``newsitem`` command.

Exit codes follow the convention of CI linters: 0 success, 1 invalid input,
2 a usage error (an operator mistake, found before any work starts) or output that
cannot be written during the run (a full disk).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsitem.batch.steps import FATAL_ERRNOS, JSONL, Options
from newsitem.cli import rules
from newsitem.cli.reports import OUTPUTS, visible
from newsitem.errors import NewsItemError, SchemaNotFoundError, UnknownFormatError, UsageError

if TYPE_CHECKING:
    from newsitem.batch.pool import Summary

__all__ = ["main"]

EPILOG = """\
examples:
  newsitem convert archive/ --to json,html -o out     one file per story and format, and out/index.html
  newsitem convert wire.tar.gz --to jsonl > out.jsonl  JSON Lines on stdout
  newsitem validate incoming/*.txt --require byline --require-timezone
  newsitem inspect story.eml                           a readable summary of one story
  newsitem formats                                     the formats and what each can read and write
"""


def _version() -> str:
    import newsitem

    return str(newsitem.__version__)


def _formats(args: argparse.Namespace) -> int:
    from newsitem import formats

    infos = list(formats.available())
    if args.json:
        rows = [
            {
                "name": info.name,
                "read": info.can_read,
                "write": info.can_write,
                "media_type": info.media_type,
                "extensions": list(info.extensions),
                "binary": info.binary,
                "kind": "layout" if info.layout else "format",
                "description": info.description,
            }
            for info in infos
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len("FORMAT"), *(len(info.name) for info in infos))
    print(f"{'FORMAT':<{width}}  READ  WRITE  EXTENSIONS  KIND    DESCRIPTION")
    for info in infos:
        read = "yes" if info.can_read else "no"
        write = "yes" if info.can_write else "no"
        exts = ",".join(info.extensions) or "-"
        kind = "layout" if info.layout else "format"
        print(f"{info.name:<{width}}  {read:<4}  {write:<5}  {exts:<10}  {kind:<6}  {info.description}")
    return 0


def _split_formats(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("expected FORMAT[,FORMAT]")
    return names


def _zone(value: str | None) -> str | None:
    """Check a ``--tz`` value early, so a typo is a usage error and not 20,000 failures."""
    if value is None:
        return None
    from newsitem import dates

    try:
        dates.zone(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return value


def _encoding(value: str | None) -> str | None:
    """Check an ``--encoding`` value early: an unknown name is a usage error, named."""
    from newsitem import _api

    return _api.known_encoding(value)


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
        tz=_zone(args.tz),
        encoding=_encoding(args.encoding),
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


def _convert(args: argparse.Namespace) -> int:
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


def _policy(args: argparse.Namespace) -> rules.Policy:
    return rules.Policy(
        require=tuple(args.require),
        require_timezone=args.require_timezone,
        language=args.language,
        max_age=None if args.max_age is None else rules.parse_age(args.max_age),
        newsml_schema=args.newsml_schema or os.environ.get("NEWSITEM_NEWSML_SCHEMA_DIR"),
        ninjs_schema=args.ninjs_schema or os.environ.get("NEWSITEM_NINJS_SCHEMA_DIR"),
    )


def _validate(args: argparse.Namespace) -> int:
    from newsitem.batch import inputs
    from newsitem.cli import reports

    output = args.output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    policy = _policy(args)
    encoding = _encoding(args.encoding)
    if args.format is not None:
        rules.known_format(args.format)
    try:
        units = list(inputs.units(args.files, stdin_name=args.stdin_filename))
    except inputs.InputNotFoundError as exc:
        raise UsageError(str(exc)) from None
    findings: list[rules.Finding] = []
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=args.max_size * 1024 * 1024) as reader:
        for unit in units:
            try:
                data = reader.read(unit)
            except inputs.UnreadableInputError as exc:
                findings.append(rules.Finding(rule="NI004", file=unit.locator, message=str(exc)))
                continue
            except Exception as exc:  # the backstop: one file never ends the run
                findings.append(rules.internal_finding(unit.locator, exc))
                continue
            try:
                findings += rules.check(unit.locator, data, policy, layout=args.format, encoding=encoding)
            except SchemaNotFoundError as exc:
                raise UsageError(str(exc)) from None
    sys.stdout.write(reports.render(output, findings, [unit.locator for unit in units]))
    errors = sum(1 for f in findings if f.severity == "error")
    failing = errors + (len(findings) - errors if args.strict else 0)
    return 0 if args.exit_zero or not failing else 1


def _inspect(args: argparse.Namespace) -> int:
    from newsitem.batch import inputs
    from newsitem.cli import inspect

    encoding = _encoding(args.encoding)
    try:
        units = list(inputs.units([args.file], stdin_name=args.stdin_filename))
    except inputs.InputNotFoundError as exc:
        raise UsageError(str(exc)) from None
    code = 0
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=args.max_size * 1024 * 1024) as reader:
        for unit in units:
            try:
                shown = inspect.show(
                    reader.read(unit), unit.locator, layout=args.format, as_json=args.json, encoding=encoding
                )
                print(shown)
            except (NewsItemError, inputs.UnreadableInputError) as exc:
                print(visible(f"{unit.locator}: {_one_line(str(exc))}"), file=sys.stderr)
                code = 1
            except Exception as exc:  # the backstop: one line, no traceback, the next member goes on
                message = rules.internal_finding(unit.locator, exc).message
                print(visible(f"{unit.locator}: {message}"), file=sys.stderr)
                code = 1
    return code


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsitem",
        description="Read, convert and validate news stories.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    listing = commands.add_parser("formats", help="list the formats and what each can read and write")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=_formats)
    _add_convert(commands)
    _add_validate(commands)
    _add_inspect(commands)
    return parser


def _add_convert(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    conv.add_argument("--to", required=True, type=_split_formats, metavar="FORMAT[,FORMAT]",
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
    _add_encoding(conv)
    _add_max_size(conv)
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
    conv.set_defaults(run=_convert)


def _add_encoding(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--encoding",
        metavar="CHARSET",
        help="the charset of the input bytes (cp1251, koi8-r, shift_jis, ...) instead of the one"
        " guessed; where an e-mail part or a page's byte-order mark says its own, that is kept",
    )


def _add_max_size(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-size",
        type=int,
        default=50,
        metavar="MB",
        help="largest input story, stdin too (default 50 MB)",
    )


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "validate",
        help="check stories against the model and policy rules; exit 1 on problems",
        description="Parse each file, apply the model's rules and the chosen policy rules, and report every"
        " problem with a stable rule id. Exit 0 clean, 1 problems, 2 usage error.",
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="files, directories, globs, archives; - for stdin"
    )
    check.add_argument("--format", metavar="FORMAT", help="the input format or layout (default: detected)")
    check.add_argument(
        "--require",
        action="append",
        default=[],
        metavar="FIELD",
        help="a field that must be present (repeatable)",
    )
    check.add_argument("--require-timezone", action="store_true", help="every time must carry a zone")
    check.add_argument("--language", metavar="LANG", help="the language every story must declare")
    check.add_argument("--max-age", metavar="AGE", help="published no longer ago than this: 90m, 36h, 7d, 2w")
    check.add_argument(
        "--output", choices=OUTPUTS, help="report format (default: text; github under GitHub Actions)"
    )
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument(
        "--newsml-schema", metavar="DIR", help="NewsML-G2 2.35 schema folder ($NEWSITEM_NEWSML_SCHEMA_DIR)"
    )
    check.add_argument(
        "--ninjs-schema",
        metavar="DIR",
        help="folder of the IPTC ninjs JSON Schemas 1.6, 2.2, 3.1 ($NEWSITEM_NINJS_SCHEMA_DIR)",
    )
    check.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name of stdin in reports"
    )
    _add_encoding(check)
    _add_max_size(check)
    check.set_defaults(run=_validate)


def _add_inspect(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser(
        "inspect", help="show one story (or each story of an archive) as a readable summary"
    )
    show.add_argument("file", metavar="FILE", help="a file, an archive, or - for stdin")
    show.add_argument("--format", metavar="FORMAT", help="the input format or layout (default: detected)")
    show.add_argument("--json", action="store_true", help="print the story as canonical JSON instead")
    show.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name of stdin in reports"
    )
    _add_encoding(show)
    _add_max_size(show)
    show.set_defaults(run=_inspect)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code: int = args.run(args)
    except (UsageError, UnknownFormatError) as exc:
        print(f"newsitem {args.command}: error: {exc}", file=sys.stderr)
        return 2
    return code
