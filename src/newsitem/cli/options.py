"""The flags the subcommands share, in one place: one name and one meaning each
(the input format, the charset, the size limit, stdin's name), and the checks that
make a wrong value a usage error before any work starts.
"""

from __future__ import annotations

import argparse

from newsitem.errors import UsageError

__all__ = ["add_encoding", "add_max_size", "check_encoding", "check_zone", "split_formats"]


def split_formats(value: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in value.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("expected FORMAT[,FORMAT]")
    return names


def check_zone(value: str | None) -> str | None:
    """Check a ``--tz`` value early, so a typo is a usage error and not 20,000 failures."""
    if value is None:
        return None
    from newsitem import dates

    try:
        dates.zone(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return value


def check_encoding(value: str | None) -> str | None:
    """Check an ``--encoding`` value early: an unknown name is a usage error, named."""
    from newsitem import _api

    return _api.known_encoding(value)


def add_encoding(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--encoding",
        metavar="CHARSET",
        help="the charset of the input bytes (cp1251, koi8-r, shift_jis, ...) instead of the one"
        " guessed; where an e-mail part or a page's byte-order mark says its own, that is kept",
    )


def add_max_size(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-size",
        type=int,
        default=50,
        metavar="MB",
        help="largest input story, stdin too (default 50 MB)",
    )
