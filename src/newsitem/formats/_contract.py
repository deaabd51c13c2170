"""What every registered format offers, and the file verbs derived from it once.

A format module defines ``loads(data, *, tz=None) -> Story`` where it can read and
``dumps(story, *, lossy=False, **format_options) -> str | bytes`` where it can write
(the registry states which of str and bytes). Formats whose times carry their own
offsets accept ``tz`` and ignore it; lossless formats accept ``lossy`` and ignore
it. ``load`` and ``dump`` are not written per format: :func:`load` and :func:`dump`
here read and write bytes through a path or a binary file object for all of them.
"""

from __future__ import annotations

import io
from datetime import tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from newsitem.errors import ParseError, UsageError, ValidationError

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["FileLike", "FormatModule", "dump", "load", "name_of"]

FileLike = str | Path | IO[bytes]
"""A path, or a file object opened in binary mode."""


class FormatModule(Protocol):
    """The verbs of a format module; a one-way format lacks one of the two."""

    def loads(self, data: str | bytes, /, *, tz: str | tzinfo | None = None) -> Story: ...

    def dumps(self, story: Story, /, *, lossy: bool = False, **format_options: Any) -> str | bytes: ...


def name_of(fp: object) -> str:
    """The file name to show in errors: the path, a file object's name, or ``<stream>``."""
    if isinstance(fp, (str, Path)):
        return str(fp)
    name = getattr(fp, "name", None)
    return name if isinstance(name, str) else "<stream>"


def _text_mode(fp: object, verb: str) -> UsageError:
    return UsageError(
        f"{name_of(fp)} is open in text mode; newsitem {verb} bytes: open it with "
        f"'{verb[0]}b' (or pass a path)"
    )


def load(module: FormatModule, fp: FileLike, *, tz: str | tzinfo | None = None) -> Story:
    """``module.loads`` over the bytes of a path or binary file object; errors name the file.

    Raises:
        UsageError: ``fp`` is a text-mode file object.
        ParseError, ValidationError: as ``loads``, with the file name.
    """
    if isinstance(fp, (str, Path)):
        data = Path(fp).read_bytes()
    else:
        if isinstance(fp, io.TextIOBase):
            raise _text_mode(fp, "reads")
        data = fp.read()
        if isinstance(data, str):
            raise _text_mode(fp, "reads")
    try:
        return module.loads(data, tz=tz)
    except (ParseError, ValidationError) as exc:
        raise exc.with_source(name_of(fp)) from None


def dump(module: FormatModule, story: Story, fp: FileLike, *, lossy: bool = False, **options: Any) -> None:
    """``module.dumps`` written to a path or binary file object; text is encoded as UTF-8
    and ends with a newline.

    Raises:
        UsageError: ``fp`` is a text-mode file object, or its ``write`` refuses bytes
            (the message names its error).
        SerializeError: as ``dumps``.
    """
    if not isinstance(fp, (str, Path)) and isinstance(fp, io.TextIOBase):
        raise _text_mode(fp, "writes")
    output = module.dumps(story, lossy=lossy, **options)
    if isinstance(output, str):
        # A text file ends with a newline (POSIX); every reader ignores it.
        data = (output if output.endswith("\n") else output + "\n").encode("utf-8")
    else:
        data = output
    if isinstance(fp, (str, Path)):
        Path(fp).write_bytes(data)
        return
    try:
        fp.write(data)
    except TypeError as exc:
        if isinstance(getattr(fp, "encoding", None), str):  # text streams name their encoding
            raise _text_mode(fp, "writes") from None
        raise UsageError(
            f"{name_of(fp)} did not take bytes ({exc}); newsitem writes bytes to a binary file "
            "object or a path"
        ) from exc
