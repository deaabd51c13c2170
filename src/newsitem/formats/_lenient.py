"""The two rules on what a format may drop, in one place.

Reading: a foreign document's value that the model refuses (a URI with a space, a
malformed language tag, a token with spaces, an impossible time) never fails the
item. :func:`keep` returns it when the model takes it; otherwise it stores the
text in the story's extras under the format's prefix and adds a
``kept-in-extras`` note (:mod:`newsitem.notes`) saying where it came from. Our own
documents are read exactly and never go through here.

Writing: a format that cannot carry every field refuses the story unless the
caller asked for ``lossy=True``; :func:`refuse_loss` raises the one
:class:`~newsitem.errors.SerializeError` that names what would be lost.
:func:`lost_fields` compares a story with its carried projection.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from typing import Any, TypeVar

from newsitem import notes
from newsitem.errors import SerializeError
from newsitem.model import Story

__all__ = ["keep", "lost_fields", "never", "refuse_loss"]

_T = TypeVar("_T")


def never(value: object) -> bool:
    """The predicate of a value a reader has already found wanting (for :func:`keep`)."""
    return False


def keep(
    value: _T | None,
    ok: Callable[[object], bool],
    *,
    extras: MutableMapping[str, str],
    key: str,
    format: str,
    where: str | None = None,
    line: int | None = None,
    column: int | None = None,
    what: str = "a value the model refuses",
) -> _T | None:
    """``value`` when ``ok(value)`` holds (or it is None); else None, with the value's
    text kept in ``extras[key]`` and a ``kept-in-extras`` note.

    Args:
        value: The value read from the document.
        ok: The model's predicate for it (:func:`newsitem.model.is_uri`, ...).
        extras: The extras being gathered for the story (insertion order is kept).
        key: The extras key, under the format's prefix (``ninjs.renditions[0].href``).
        format: The format or layout being read.
        where: The value's document path; ``line`` and ``column`` its position.
        what: How the note names the rule broken (``"not an absolute URI"``).
    """
    if value is None or ok(value):
        return value
    text = str(value)
    if text.strip():
        extras[key] = text.replace("\r\n", "\n").replace("\r", "\n")
    notes.add(
        notes.Note(
            code="kept-in-extras",
            message=f"{what}: {text[:80]!r} kept in extras[{key!r}]",
            format=format,
            where=where,
            line=line,
            column=column,
        )
    )
    return None


def lost_fields(story: Story, kept: Story) -> list[str]:
    """The fields with a value in ``story`` that its projection ``kept`` does not hold
    as they are. Defaults the projection fills in (an urgency derived from the
    priority where the story has none) are not losses."""
    lost = []
    for field in Story.__attrs_attrs__:
        name = field.name
        value = getattr(story, name)
        if value == field.default or (name == "extras" and not value):
            continue
        if name == "extras":
            if any(kept.extras.get(key) != item for key, item in value.items()):
                lost.append(name)
        elif _key(field, getattr(kept, name)) != _key(field, value):
            lost.append(name)
    return lost


def _key(field: Any, value: object) -> object:
    """``value`` as story equality compares it: a time with its offset (the field's
    ``eq`` key), not only the instant ``datetime.__eq__`` compares."""
    return value if field.eq_key is None else field.eq_key(value)


def refuse_loss(format: str, lost: Sequence[str]) -> None:
    """Raise the SerializeError of a strict write that would lose ``lost`` (nothing when empty).

    The message says ``lossy=True``; the command line words it as ``--lossy``
    (the error carries the fields in ``lost``).
    """
    if lost:
        raise SerializeError.refusing(format, lost)
