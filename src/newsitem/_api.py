"""The front door's verbs: one call for every registered format."""

from __future__ import annotations

import json
from datetime import tzinfo
from importlib import resources
from pathlib import Path
from typing import IO, Any

from newsitem import formats
from newsitem.errors import UnknownFormatError
from newsitem.formats import _contract as _files
from newsitem.formats import detect
from newsitem.model import Story

__all__ = ["dump", "dumps", "json_schema", "load", "loads", "parse"]


def _reader(format: str) -> formats.FormatModule:
    if not formats.get(format).can_read:
        raise UnknownFormatError(format, [f.name for f in formats.available() if f.can_read], action="read")
    return formats.load_module(format)


def _writer(format: str) -> formats.FormatModule:
    if not formats.get(format).can_write:
        raise UnknownFormatError(format, [f.name for f in formats.available() if f.can_write], action="write")
    return formats.load_module(format)


def dumps(story: Story, format: str = "json", **options: Any) -> str | bytes:
    """Write ``story`` in ``format``; options go to that format's ``dumps``.

    Returns:
        str for text formats, bytes for binary ones (see ``newsitem formats``).

    Raises:
        UnknownFormatError: no such format, or it cannot write.
        SerializeError: the story cannot be expressed in that format.
    """
    return _writer(format).dumps(story, **options)


def loads(data: str | bytes, format: str = "json", **options: Any) -> Story:
    """Read one story from ``data`` in ``format``; options go to that format's ``loads``.

    Raises:
        UnknownFormatError: no such format, or it cannot read.
        ParseError: the data is not well-formed (with its position).
        ValidationError: a value breaks a rule of the model (with its path).
    """
    return _reader(format).loads(data, **options)


def _format_for(fp: object, format: str | None) -> str:
    if format is not None:
        return format
    name = _files.name_of(fp)
    return formats.for_path(name).name


def dump(
    story: Story, fp: IO[str] | IO[bytes] | str | Path, format: str | None = None, **options: Any
) -> None:
    """Write ``story`` to a path or file object; without ``format``, the file's extension decides."""
    _writer(_format_for(fp, format)).dump(story, fp, **options)


def load(fp: IO[str] | IO[bytes] | str | Path, format: str | None = None, **options: Any) -> Story:
    """Read a story from a path or file object; without ``format``, the file's extension decides.

    Errors raised while reading name the file.
    """
    return _reader(_format_for(fp, format)).load(fp, **options)


def parse(data: str | bytes, *, layout: str | None = None, tz: str | tzinfo | None = None) -> Story:
    """Read one story whatever its layout: detected by content unless ``layout`` names it.

    Args:
        data: Text or bytes.
        layout: A registered format or layout name; None detects it (see :func:`detect`).
        tz: For text layouts, the zone of times printed without one (an IANA name
            or a tzinfo); without it such times stay naive. Formats whose times
            carry their own offsets (JSON) ignore it.

    Raises:
        ParseError: the layout is not recognised, or the input is malformed.
        ValidationError: a value breaks a rule of the model.
        UnknownFormatError: ``layout`` names no registered format.
    """
    name = layout if layout is not None else detect(data).layout
    reader = _reader(name)
    if formats.get(name).layout:
        return reader.loads(data, tz=tz)
    return reader.loads(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of newsitem's canonical JSON, as a new dict."""
    text = resources.files("newsitem").joinpath("schemas/newsitem-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
