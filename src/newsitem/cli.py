"""The ``newsitem`` command.

Exit codes follow the convention of CI linters: 0 success, 1 invalid input,
2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main"]

EPILOG = """\
examples:
  newsitem formats            list the formats and what each can read and write
  newsitem formats --json     the same, as JSON for scripts
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
                "description": info.description,
            }
            for info in infos
        ]
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len("FORMAT"), *(len(info.name) for info in infos))
    print(f"{'FORMAT':<{width}}  READ  WRITE  EXTENSIONS  DESCRIPTION")
    for info in infos:
        read = "yes" if info.can_read else "no"
        write = "yes" if info.can_write else "no"
        exts = ",".join(info.extensions) or "-"
        print(f"{info.name:<{width}}  {read:<4}  {write:<5}  {exts:<10}  {info.description}")
    return 0


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
    return parser


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
    code: int = args.run(args)
    return code
