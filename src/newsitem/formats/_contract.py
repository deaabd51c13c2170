"""What every registered format offers, and the file verbs derived from it once.

A format module defines ``loads(data, *, tz=None) -> Story`` where it can read and
``dumps(story, *, lossy=False, **format_options) -> str | bytes`` where it can write
(the registry states which of str and bytes). Formats whose times carry their own
offsets accept ``tz`` and ignore it; lossless formats accept ``lossy`` and ignore
it. ``load`` and ``dump`` are not written per format: :func:`load` and :func:`dump`
here read and write bytes through a path or a binary file object for all of them.

An input may hold several stories (a NewsML-G2 ``newsMessage``, a ninjs list, JSON
Lines, an mbox). A format that reads such containers also defines
``loads_all(data, *, tz=None) -> Iterator[Part]``, building its parts with
:func:`parts`, which holds the one rule for a member: its notes are its own, and an
error of ours while reading it becomes that part's error, so the next member is
still read. A format without ``loads_all`` reads one story per input
(:func:`loads_all` here gives it one part).

Detection asks each format's ``sniff(text) -> (confidence, reason) | None``; a format
whose inputs are binary (a gzip web archive) also defines ``sniff_bytes(head)``, asked
with the first 64 KiB before any decoding.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from datetime import tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from newsitem import notes
from newsitem.errors import NewsItemError, ParseError, UsageError, ValidationError
from newsitem.notes import Part

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["FileLike", "FormatModule", "dump", "load", "loads_all", "name_of", "parts"]

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


Member = tuple[str | None, Callable[[], "Story"]]
"""A member of a container: where it is (a document path) and how to read it."""


def parts(layout: str, members: Iterable[Member], document: Iterable[notes.Note] = ()) -> Iterator[Part]:
    """One :class:`~newsitem.notes.Part` per member, numbered from 1, in order.

    Each member is read inside its own :func:`~newsitem.notes.collect`, so its
    notes are its own; a :class:`~newsitem.errors.NewsItemError` raised while
    reading it becomes the part's error and the next member is read. An error
    raised while finding the members (the container is malformed) propagates.
    ``document``: notes on the whole input (a charset guessed while parsing it),
    each part's first.
    """
    document = tuple(document)
    for index, (where, read) in enumerate(members, 1):
        with notes.collect() as found:
            found.extend(document)
            try:
                story = read()
            except NewsItemError as exc:
                yield Part(index=index, layout=layout, error=exc, notes=tuple(found), where=where)
                continue
        yield Part(index=index, layout=layout, story=story, notes=tuple(found), where=where)


def loads_all(
    module: FormatModule, layout: str, data: str | bytes, *, tz: str | tzinfo | None = None
) -> Iterator[Part]:
    """Every story of ``data``: the module's ``loads_all`` where it has one, else one part.

    A single-story input that cannot be read raises, as ``loads`` does: the error
    is about the whole input, not one member of it.
    """
    own = getattr(module, "loads_all", None)
    if own is not None:
        yield from own(data, tz=tz)
        return
    with notes.collect() as found:
        story = module.loads(data, tz=tz)
    yield Part(index=1, layout=layout, story=story, notes=tuple(found))
