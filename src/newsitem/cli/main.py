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
from collections.abc import Sequence
from typing import Any

from newsitem.cli import convert, inspect, rule, validate
from newsitem.errors import UnknownFormatError, UsageError

__all__ = ["main"]

EPILOG = """\
examples:
  newsitem convert archive/ --to json,html -o out     one file per story and format, and out/index.html
  newsitem convert wire.tar.gz --to jsonl > out.jsonl  JSON Lines on stdout
  newsitem validate incoming/*.txt --require byline --require-timezone
  newsitem rule NI003                                  what a rule of validate checks, why, and examples
  newsitem inspect story.eml                           a readable summary of one story
  newsitem formats                                     the formats and what each can read and write
"""


class _Version(argparse._VersionAction):
    """``--version``: the installed version, read (importlib.metadata) only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        self.version = f"%(prog)s {_version()}"
        super().__call__(parser, *args, **kwargs)


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
    extensions = {info.name: ",".join(info.extensions) or "-" for info in infos}
    wide = max(len("EXTENSIONS"), *(len(exts) for exts in extensions.values()))
    print(f"{'FORMAT':<{width}}  READ  WRITE  {'EXTENSIONS':<{wide}}  KIND    DESCRIPTION")
    for info in infos:
        read = "yes" if info.can_read else "no"
        write = "yes" if info.can_write else "no"
        kind = "layout" if info.layout else "format"
        exts = extensions[info.name]
        print(f"{info.name:<{width}}  {read:<4}  {write:<5}  {exts:<{wide}}  {kind:<6}  {info.description}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsitem",
        description="Read, convert and validate news stories.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    listing = commands.add_parser("formats", help="list the formats and what each can read and write")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=_formats)
    convert.add(commands)
    validate.add(commands)
    inspect.add(commands)
    rule.add(commands)
    for command in commands.choices.values():  # no prefix abbreviations (--res is not --resume): a flag
        command.allow_abbrev = False  # added later never changes what an existing script means
    return parser


def _subcommand(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of the subcommand ``name`` (for its usage line), or ``parser`` itself."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = action.choices.get(name)
            if isinstance(chosen, argparse.ArgumentParser):
                return chosen
    return parser


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # said with the usage of the subcommand they were given to, not the main one
            _subcommand(parser, args.command or "").error(f"unrecognized arguments: {' '.join(unknown)}")
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


def stdout_gone() -> bool:
    """Whether standard output is a pipe whose reader has gone. Where the kernel says so
    (Linux: ``POLLERR`` on a pipe without readers) the answer is checked; elsewhere, or when
    stdout is no file, a broken pipe met while writing is taken to be stdout's."""
    if not sys.platform.startswith("linux"):
        return True
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):
        return True
    return any(event & (select.POLLERR | select.POLLHUP) for _, event in events)


def _stdout_to_devnull() -> None:
    """Point file descriptor 1 at the null device, so what is still buffered for a closed pipe
    goes nowhere at exit instead of raising again (the recipe of Python's signal docs)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    A reader that stops early (``newsitem formats --json | head -1``) ends the command quietly
    with status 0, as git and ruff do: what it asked for, it got.
    """
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        if not stdout_gone():  # another pipe broke (not stdout's): an error, not a reader that stopped
            raise
        _stdout_to_devnull()
        return 0
    return code
