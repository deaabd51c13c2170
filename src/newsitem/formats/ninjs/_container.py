"""Inputs that hold several ninjs objects: a JSON array, an API envelope, JSON Lines.

:func:`members` finds the ninjs objects of an input, each with where it is (a JSON
path such as ``$[2]`` or ``$.data.items[0].item``, or ``line 3`` of JSON Lines)
and how to read it; a single ninjs object is the one member of its input, with no
place. The shapes, tried in this order:

* a JSON object that is not itself a ninjs object (no ``uri``, ``guid``,
  ``headlines`` or ``headline``) and holds ``data.item`` (an AP Media API item
  response), ``data.items`` (a feed or search response), ``items``, ``item``
  or ``_items`` (a list): an
  envelope; a member that is itself ``{"item": {...}, "meta": ...}`` (AP's feed
  entries) is the object under ``item``. A search result listing its items
  under ``item`` (superdesk's content API: ``{"total", "limit", "offset",
  "item": [...]}``) or ``_items`` (Eve's) is an envelope too. The envelope's own properties (the
  API's version, the request, ``meta``) describe the response, not a story, and
  are not read, but for the story's text a response may carry beside its item
  (``nitf.body_html``);
* a JSON array: each element;
* text that is not one JSON value but whose first non-blank line is: JSON Lines,
  each non-blank line a member.

A member that is not a JSON object, or a JSON Lines line that is not JSON, gives
that member's :class:`~newsitem.errors.ParseError` when it is read; the others
still read. A container that cannot be told apart (the first line of a text is
not JSON) raises at once, as a single malformed document does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsitem.errors import ParseError
from newsitem.formats._decode import json_kind as _kind
from newsitem.formats._decode import json_text
from newsitem.formats.json import _backend, _parse
from newsitem.formats.ninjs._versions import NAME

Found = tuple[str | None, Callable[[], Any]]
"""A member: where it is, and a function giving its JSON value (or raising its ParseError)."""

_OWN = ("uri", "guid", "headlines", "headline")
_LISTS = ("items", "item", "_items")
"""Where a search or feed response lists its items: ``items``, superdesk content API's
``item`` (beside ``total``, ``limit``, ``offset``) and Eve's ``_items``."""


def _value(value: Any) -> Callable[[], Any]:
    return lambda: value


def _raising(error: ParseError) -> Callable[[], Any]:
    def read() -> Any:
        raise error

    return read


def _listed(path: str, items: list[Any]) -> list[Found]:
    found: list[Found] = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        if isinstance(item, dict) and isinstance(item.get("item"), dict) and not any(k in item for k in _OWN):
            found.append((f"{where}.item", _value(item["item"])))
        else:
            found.append((where, _value(item)))
    return found


def _with_story(item: dict[str, Any], story: Any) -> dict[str, Any]:
    """An AP item with the text of its story rendition when the response carries it beside the
    item (``nitf.body_html``, as superdesk's AP ingest stores the downloaded story) and the
    item has no body of its own."""
    text = story.get("body_html") if isinstance(story, dict) else None
    if not isinstance(text, str) or any(key.startswith("body") for key in item):
        return item
    return {**item, "body_html": text}


def _envelope(doc: dict[str, Any]) -> tuple[str, list[Found]] | None:
    """The members of an envelope, and its shape for messages; None when ``doc`` is no envelope."""
    if any(key in doc for key in _OWN):
        return None
    data = doc.get("data")
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return "an envelope (data.item)", [
            ("$.data.item", _value(_with_story(data["item"], doc.get("nitf"))))
        ]
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return "an envelope (data.items)", _listed("$.data.items", data["items"])
    for key in _LISTS:  # a search result: {"total", "limit", "offset", "item": [...]}, {"_items": [...]}
        if isinstance(doc.get(key), list):
            return f"an envelope ({key})", _listed(f"$.{key}", doc[key])
    return None


def _json_lines(text: str, backend: Any, first_error: ParseError) -> list[Found]:
    """The members of JSON Lines; ``first_error`` (the whole text's) when the first
    non-blank line is not JSON either: then the text is one malformed document."""
    found: list[Found] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = _parse(line, backend, NAME)
        except ParseError as exc:
            if not found:
                raise first_error from None
            error = ParseError(
                exc.message, format=NAME, line=number, column=exc.column, offset=None, excerpt=exc.excerpt
            )
            found.append((f"line {number}", _raising(error)))
            continue
        found.append((f"line {number}", _value(value)))
    return found


def members(data: str | bytes) -> tuple[str | None, list[Found]]:
    """The ninjs objects of ``data``: its shape (None for a single document) and its members.

    Raises:
        ParseError: not UTF-8, not JSON (nor JSON Lines), or a JSON value that is
            neither an object nor an array.
    """
    text = json_text(data, format=NAME)
    backend = _backend("auto")
    try:
        doc = _parse(text, backend, NAME)
    except ParseError as exc:
        if "\n" not in text.strip():
            raise
        found = _json_lines(text, backend, exc)
        return f"JSON Lines of {len(found)}", found
    if isinstance(doc, dict):
        envelope = _envelope(doc)
        if envelope is None:
            return None, [(None, _value(doc))]
        shape, found = envelope
        return f"{shape} of {len(found)}", found
    if isinstance(doc, list):
        return f"a JSON array of {len(doc)}", [(f"$[{i}]", _value(item)) for i, item in enumerate(doc)]
    raise ParseError(f"a ninjs document is a JSON object, got {_kind(doc)}", format=NAME, line=1, column=1)


def not_an_object(value: Any, where: str | None) -> ParseError:
    """The error of a member that is not a JSON object."""
    at = f" at {where}" if where else ""
    return ParseError(f"a ninjs document is a JSON object, got {_kind(value)}{at}", format=NAME)
