"""The front door's verbs: one call for every registered format."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

import attrs

from newsitem import formats, notes
from newsitem.errors import UnknownFormatError
from newsitem.formats import _contract
from newsitem.formats._contract import FileLike, FormatModule
from newsitem.model import Story

__all__ = [
    "dump",
    "dumps",
    "json_schema",
    "known_encoding",
    "load",
    "loads",
    "loads_all",
    "parse",
    "parse_all",
    "read",
]


def known_encoding(name: str | None) -> str | None:
    """``name`` when it names a text encoding (or is None), checked before any work.

    Raises:
        UsageError: no such encoding, naming it.
    """
    if name is not None:
        from newsitem.formats import _decode

        _decode.forced_codec(name)
    return name


def _forced(encoding: str | None) -> contextlib.AbstractContextManager[None]:
    """The override of :func:`newsitem.formats._decode.forced` for a read, imported only
    when an encoding is given (importing newsitem stays cheap)."""
    if encoding is None:
        return contextlib.nullcontext()
    from newsitem.formats import _decode

    return _decode.forced(encoding)


def _reader(format: str) -> FormatModule:
    if not formats.get(format).can_read:
        raise UnknownFormatError(format, [f.name for f in formats.available() if f.can_read], action="read")
    return formats.load_module(format)


def _writer(format: str) -> FormatModule:
    if not formats.get(format).can_write:
        raise UnknownFormatError(format, [f.name for f in formats.available() if f.can_write], action="write")
    return formats.load_module(format)


def dumps(story: Story, format: str = "json", *, lossy: bool = False, **format_options: Any) -> str | bytes:
    """Write ``story`` in ``format``.

    Args:
        story: The story.
        format: A registered format that can write (``newsitem formats`` lists them).
        lossy: Write what the format can carry and drop the rest; without it, a
            story the format cannot carry whole is refused. Lossless formats ignore it.
        format_options: That format's own options (``indent=`` for JSON,
            ``provider=`` for NewsML-G2, ``fragment=`` for HTML, ...).

    Returns:
        str or bytes, as the registry states for the format (``FormatInfo.binary``).

    Raises:
        UnknownFormatError: no such format, or it cannot write.
        SerializeError: the story cannot be expressed in that format.
    """
    return _writer(format).dumps(story, lossy=lossy, **format_options)


def loads(
    data: str | bytes, format: str = "json", *, tz: str | tzinfo | None = None, encoding: str | None = None
) -> Story:
    """Read one story from ``data`` in ``format``.

    Args:
        data: Text or bytes.
        format: A registered format that can read.
        tz: The zone of times printed without one (an IANA name or a tzinfo);
            without it such times stay naive. Formats whose times carry their own
            offsets ignore it.
        encoding: The charset of byte input, named as Python names it (``cp1251``,
            ``koi8-r``, ``iso-8859-7``, ``shift_jis``, ``gb18030``, ``big5``...), instead
            of the charset the reader would guess: no guess, so no note; bytes not
            valid in it are a ParseError at the first. It applies where a charset would
            be guessed: the text layouts, an HTML page (over its ``<meta>`` charset, not
            a byte-order mark), an e-mail part or header that declares none. JSON
            (UTF-8 by definition) and the XML formats (which declare their own) ignore it.

    Raises:
        UnknownFormatError: no such format, or it cannot read.
        UsageError: ``encoding`` names no known encoding.
        ParseError: the data is not well-formed (with its position).
        ValidationError: a value breaks a rule of the model (with the format, its
            document path and the model path).
    """
    module = _reader(format)
    with _forced(encoding):
        return module.loads(data, tz=tz)


def _format_for(fp: object, format: str | None) -> str:
    if format is not None:
        return format
    return formats.for_path(_contract.name_of(fp)).name


def dump(
    story: Story, fp: FileLike, format: str | None = None, *, lossy: bool = False, **format_options: Any
) -> None:
    """Write ``story`` to a path or a binary file object (text is encoded as UTF-8).

    Without ``format``, the file name's extension picks the writer from the extension
    table (:func:`newsitem.formats.extension_table`; the longest extension the name ends
    with wins): ``x.json`` is newsitem's JSON, ``x.ninjs.json`` ninjs, ``x.xml`` and
    ``x.newsml.xml`` NewsML-G2, ``x.nitf.xml`` NITF, ``x.web-story.txt`` a web story.

    Raises:
        UsageError: ``fp`` is a file object opened in text mode.
        UnknownFormatError: no ``format`` and the name's extension is not in the table
            (the message lists it), or a nameless stream; else as :func:`dumps`.
        SerializeError: as :func:`dumps`.
    """
    _contract.dump(_writer(_format_for(fp, format)), story, fp, lossy=lossy, **format_options)


@attrs.frozen
class _Detecting:
    """A reader for :func:`newsitem.formats._contract.load` that detects the layout of the bytes
    it is given (as :func:`parse` does), so a detection error names the file like any other."""

    encoding: str | None

    def loads(self, data: str | bytes, /, *, tz: str | tzinfo | None = None) -> Story:
        with _forced(self.encoding):
            name = formats.detect(data).layout
            return _reader(name).loads(data, tz=tz)

    def dumps(self, story: Story, /, *, lossy: bool = False, **format_options: Any) -> str | bytes:
        raise NotImplementedError  # pragma: no cover - a reader only


def load(
    fp: FileLike, format: str | None = None, *, tz: str | tzinfo | None = None, encoding: str | None = None
) -> Story:
    """Read a story from a path or a binary file object. Without ``format``, its layout is
    detected by content, as :func:`parse` detects it (a ``.txt`` web story and a ``.json``
    ninjs document load as they are); ``format`` forces one. Errors raised while reading
    name the file. ``tz`` and ``encoding`` as for :func:`loads`.

    Raises:
        UsageError: ``fp`` is a file object opened in text mode; an unknown ``encoding``.
        ParseError: no layout recognises the content (without ``format``), or as :func:`loads`.
        UnknownFormatError, ValidationError: as :func:`loads`.
    """
    if format is None:
        known_encoding(encoding)
        return _contract.load(_Detecting(encoding), fp, tz=tz)
    module = _reader(format)
    with _forced(encoding):
        return _contract.load(module, fp, tz=tz)


def read(
    data: str | bytes,
    *,
    layout: str | None = None,
    tz: str | tzinfo | None = None,
    encoding: str | None = None,
) -> notes.Reading:
    """Read one story whatever its layout, with what the reader noticed.

    Args:
        data: Text or bytes.
        layout: A registered format or layout name; None detects it (see :func:`detect`).
        tz: The zone of times printed without one (an IANA name or a tzinfo);
            without it such times stay naive. Formats whose times carry their own
            offsets ignore it.
        encoding: The charset of byte input, named as Python names it (``cp1251``,
            ``koi8-r``, ``iso-8859-7``, ``shift_jis``, ``gb18030``, ``big5``...), instead
            of the charset the reader would guess: no guess, so no note; bytes not
            valid in it are a ParseError at the first. It applies where a charset would
            be guessed: the text layouts, an HTML page (over its ``<meta>`` charset, not
            a byte-order mark), an e-mail part or header that declares none. JSON
            (UTF-8 by definition) and the XML formats (which declare their own) ignore it.

    Returns:
        A :class:`~newsitem.notes.Reading`: the story, the layout it was read as,
        and the reader's notes (a guessed charset, a value kept in extras, ...),
        each with its code and position.

    Raises:
        ParseError: the layout is not recognised, or the input is malformed.
        ValidationError: a value breaks a rule of the model.
        UnknownFormatError: ``layout`` names no registered format.
        UsageError: ``encoding`` names no known encoding.
    """
    with _forced(encoding), notes.collect() as found:
        name = layout if layout is not None else formats.detect(data).layout
        story = _reader(name).loads(data, tz=tz)
    return notes.Reading(story=story, layout=name, notes=tuple(found))


def parse(
    data: str | bytes,
    *,
    layout: str | None = None,
    tz: str | tzinfo | None = None,
    encoding: str | None = None,
) -> Story:
    """Read one story whatever its layout (:func:`read` without the notes).

    Args:
        data: Text or bytes.
        layout: A registered format or layout name; None detects it (see :func:`detect`).
        tz: As for :func:`read`.
        encoding: The charset of byte input, named as Python names it (``cp1251``,
            ``koi8-r``, ``iso-8859-7``, ``shift_jis``, ``gb18030``, ``big5``...), instead
            of the charset the reader would guess: no guess, so no note; bytes not
            valid in it are a ParseError at the first. It applies where a charset would
            be guessed: the text layouts, an HTML page (over its ``<meta>`` charset, not
            a byte-order mark), an e-mail part or header that declares none. JSON
            (UTF-8 by definition) and the XML formats (which declare their own) ignore it.

    Raises:
        ParseError: the layout is not recognised, or the input is malformed.
        ValidationError: a value breaks a rule of the model.
        UnknownFormatError: ``layout`` names no registered format.
        UsageError: ``encoding`` names no known encoding.
    """
    with _forced(encoding):
        name = layout if layout is not None else formats.detect(data).layout
        return _reader(name).loads(data, tz=tz)


def _named(parts: Iterator[notes.Part], name: str | None) -> Iterator[notes.Part]:
    for part in parts:
        yield part if name is None else attrs.evolve(part, source=name)


def _forced_parts(parts: Iterator[notes.Part], encoding: str | None) -> Iterator[notes.Part]:
    """``parts``, each read under the ``encoding`` given (set around each step of the
    iterator, so the caller's code between parts never runs under it)."""
    if encoding is None:
        yield from parts
        return
    while True:
        with _forced(encoding):
            part = next(parts, None)
        if part is None:
            return
        yield part


def loads_all(
    data: str | bytes,
    format: str = "json",
    *,
    tz: str | tzinfo | None = None,
    name: str | None = None,
    encoding: str | None = None,
) -> Iterator[notes.Part]:
    """Read every story of ``data`` in ``format``, one :class:`~newsitem.notes.Part` each.

    A container gives one part per story it holds, in order: every ``newsItem`` of
    a NewsML-G2 ``newsMessage``, every object of a ninjs list or envelope, every
    line of JSON Lines, every message of an mbox, every article of a page. A story
    that cannot be read gives a part with its error, and the next one is read, so
    no story of a container is lost; any other input gives one part.

    Args:
        data: Text or bytes.
        format: A registered format that can read.
        tz: As for :func:`loads`.
        name: The input's name (a file name), for each part's locator (``name#2``).
        encoding: The charset of byte input, named as Python names it (``cp1251``,
            ``koi8-r``, ``iso-8859-7``, ``shift_jis``, ``gb18030``, ``big5``...), instead
            of the charset the reader would guess: no guess, so no note; bytes not
            valid in it are a ParseError at the first. It applies where a charset would
            be guessed: the text layouts, an HTML page (over its ``<meta>`` charset, not
            a byte-order mark), an e-mail part or header that declares none. JSON
            (UTF-8 by definition) and the XML formats (which declare their own) ignore it.

    Raises:
        UnknownFormatError: no such format, or it cannot read.
        UsageError: ``encoding`` names no known encoding (raised at once).
        ParseError, ValidationError: the input as a whole cannot be read (it is not
            well-formed, or it holds one story and that story is invalid).
    """
    module = _reader(format)
    known_encoding(encoding)
    return _named(_forced_parts(_contract.loads_all(module, format, data, tz=tz), encoding), name)


def parse_all(
    data: str | bytes,
    *,
    layout: str | None = None,
    tz: str | tzinfo | None = None,
    name: str | None = None,
    encoding: str | None = None,
) -> Iterator[notes.Part]:
    """Every story of ``data`` whatever its layout (:func:`loads_all` after :func:`detect`);
    ``encoding`` as for :func:`loads_all`.

    Raises:
        ParseError: the layout is not recognised, or the input as a whole is malformed.
        ValidationError: the input holds one story and it breaks a rule of the model.
        UnknownFormatError: ``layout`` names no registered format.
        UsageError: ``encoding`` names no known encoding.
    """
    with _forced(encoding):
        chosen = layout if layout is not None else formats.detect(data).layout
    return loads_all(data, chosen, tz=tz, name=name, encoding=encoding)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of newsitem's canonical JSON, as a new dict."""
    from importlib import resources  # here: importlib.resources costs every command's startup

    text = resources.files("newsitem").joinpath("schemas/newsitem-2.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
