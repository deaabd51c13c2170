"""File plumbing shared by every format's ``load`` and ``dump``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsitem.errors import ParseError, ValidationError

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["load_with", "name_of", "read", "write"]


def name_of(fp: object) -> str:
    """The file name to show in errors: the path, a file object's name, or ``<stream>``."""
    if isinstance(fp, (str, Path)):
        return str(fp)
    name = getattr(fp, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read(fp: IO[str] | IO[bytes] | str | Path) -> str | bytes:
    """The whole content of a path (as bytes) or a file object (as it reads)."""
    if isinstance(fp, (str, Path)):
        return Path(fp).read_bytes()
    return fp.read()


def write(fp: IO[str] | IO[bytes] | str | Path, data: str | bytes) -> None:
    """Write ``data`` to a path (str as UTF-8) or a file object."""
    if isinstance(fp, (str, Path)):
        Path(fp).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    else:
        fp.write(data)  # type: ignore[arg-type]  # the caller opened it in the right mode


def load_with(loads: Callable[..., Story], fp: IO[str] | IO[bytes] | str | Path, **options: Any) -> Story:
    """``loads`` over the content of ``fp``; a ParseError or ValidationError names the file."""
    try:
        return loads(read(fp), **options)
    except (ParseError, ValidationError) as exc:
        raise exc.with_source(name_of(fp)) from None
