"""The flags the subcommands share, in one place: one name and one meaning each
(the input format, the charset, the size limit, stdin's name), and the checks that
make a wrong value a usage error before any work starts.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Sequence
from typing import Any

from newsitem.errors import UsageError

__all__ = [
    "add_deprecated_alias",
    "add_encoding",
    "add_input_format",
    "add_max_size",
    "check_encoding",
    "check_language",
    "check_zone",
    "jobs",
    "known_format",
    "language_tag",
    "megabytes",
    "seconds",
    "split_formats",
]

_PRIMARY = re.compile(r"[A-Za-z]{2,3}(?:-|$)|[xXiI]-")


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
        raise UsageError(f"--tz: {exc}") from None
    return value


def check_encoding(value: str | None) -> str | None:
    """Check an ``--encoding`` value early: an unknown name is a usage error, named."""
    from newsitem import _api

    try:
        return _api.known_encoding(value)
    except UsageError as exc:
        raise UsageError(f"--encoding: {exc}") from None


def known_format(name: str, option: str, *, read: bool = False, write: bool = False) -> str:
    """Check a format name given to ``option`` (``--from``, ``--to``) before any work: a
    registered format that can be read (``read``) or written (``write``).

    Raises:
        UsageError: an unknown name (the known ones listed) or one that cannot do it, naming ``option``.
    """
    from newsitem import formats
    from newsitem.errors import UnknownFormatError

    try:
        info = formats.get(name)
    except UnknownFormatError as exc:
        raise UsageError(f"{option}: {exc}") from None
    if read and not info.can_read:
        raise UsageError(f"{option} {name}: {name} cannot be read (see 'newsitem formats')")
    if write and not info.can_write:
        raise UsageError(f"{option} {name}: {name} cannot be written (see 'newsitem formats')")
    return name


def add_encoding(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--encoding",
        metavar="CHARSET",
        help="the charset of the input bytes (cp1251, koi8-r, shift_jis, ...) instead of the one"
        " guessed; where an e-mail part or a page's byte-order mark says its own, that is kept",
    )


def jobs(text: str) -> int:
    """``-j N``: a whole number of worker processes, 0 for one per core.

    Raises:
        argparse.ArgumentTypeError: anything else (``-j -3``), said with the option's name by argparse.
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 1 or more processes (0: one per core), not {value}")
    return value


def seconds(text: str) -> float:
    """``--timeout S``: a finite number of seconds, 0 or more (0: no limit).

    Raises:
        argparse.ArgumentTypeError: a negative, non-finite or non-numeric value (``--timeout -1``).
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (no limit) or more seconds, not {text}")
    return value


def megabytes(text: str) -> int:
    """``--max-size MB``: a whole number of megabytes, 1 or more.

    Raises:
        argparse.ArgumentTypeError: 0, negative or not a whole number (``--max-size 0``).
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of megabytes, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 MB or more, not {value}")
    return value


def check_language(value: str, option: str = "--language") -> str:
    """Check a language tag early: the model's BCP 47 shape (:func:`newsitem._rules.is_language`)
    with a primary subtag of two or three letters (or ``x``/``i``), so ``english`` is refused
    and ``en``, ``en-GB``, ``zh-Hant-TW`` pass. ``option`` names where the value came from
    (``--language``, or a key of a configuration file).

    Raises:
        UsageError: not a language tag, with ``option`` named.
    """
    from newsitem._rules import is_language

    if not (is_language(value) and _PRIMARY.match(value)):
        raise UsageError(f"{option} {value!r}: expected a BCP 47 language tag, as in en, en-GB or pt-BR")
    return value


def language_tag(text: str) -> str:
    """:func:`check_language` as an argparse ``type=`` (the option is named by argparse).

    Raises:
        argparse.ArgumentTypeError: not a language tag.
    """
    try:
        return check_language(text)
    except UsageError:
        raise argparse.ArgumentTypeError(
            f"expected a BCP 47 language tag, as in en, en-GB or pt-BR, not {text!r}"
        ) from None


def add_input_format(command: argparse.ArgumentParser, *, dest: str = "layout", alias: bool = True) -> None:
    """The input format, one name in every command: ``--from`` (and ``--format``, the name
    validate and inspect had, kept as an alias where ``alias``)."""
    flags = ("--from", "--format") if alias else ("--from",)
    command.add_argument(
        *flags,
        dest=dest,
        metavar="FORMAT",
        help="the input format or layout (default: detected per story)",
    )


class _Deprecated(argparse.Action):
    """Stores the value under the new option's ``dest`` and says, once, on stderr, which
    option to use instead."""

    def __init__(self, option_strings: Sequence[str], dest: str, instead: str = "", **kwargs: Any) -> None:
        self.instead = instead
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        print(
            f"{parser.prog}: warning: {option_string} is deprecated; use {self.instead} {values}",
            file=sys.stderr,
        )
        setattr(namespace, self.dest, values)


def add_deprecated_alias(
    command: argparse.ArgumentParser, flag: str, *, instead: str, dest: str, **kwargs: Any
) -> None:
    """Keep an old flag working as a hidden alias of ``instead`` (same ``dest``), with a one-line
    warning on stderr each time it is used (``--output`` of validate: ``--output-format``)."""
    command.add_argument(
        flag, action=_Deprecated, instead=instead, dest=dest, help=argparse.SUPPRESS, **kwargs
    )


def add_max_size(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-size",
        type=megabytes,
        default=50,
        metavar="MB",
        help="largest input story, stdin too (default 50 MB)",
    )
