"""newsitem's canonical JSON.

A document is one JSON object: the format-version marker ``"newsitem": "1"``
first, then the story's fields in model order, a field at its default left out
(see :mod:`newsitem.formats._converter` for every encoding decision). ``dumps`` is
compact by default; ``indent=`` gives a document for people. The same story
always gives the same bytes, whichever JSON backend is used.

orjson is used when installed (``pip install 'newsitem[orjson]'``) for compact
output and for reading; the standard library's :mod:`json` otherwise, and for
``indent=``. Both give identical documents.

The JSON Schema of the format is :func:`newsitem.json_schema`.
"""

from __future__ import annotations

import json as _json
import math
import re
from datetime import tzinfo
from typing import Any, Literal

from newsitem.errors import ParseError, ValidationError
from newsitem.formats import _converter
from newsitem.formats._decode import json_text as _json_text
from newsitem.model import Story

__all__ = ["dumps", "loads", "sniff"]

_MARKER = "newsitem"
"""The key of the format-version marker, always the first key of a document."""
_FORMAT_VERSION = "1"
"""The version this module writes and reads."""

_NAME = "json"
_Backend = Literal["auto", "json", "orjson"]

try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the installation
    _orjson = None  # type: ignore[assignment]


def _backend(backend: _Backend) -> Literal["json", "orjson"]:
    if backend == "auto":
        return "orjson" if _orjson is not None else "json"
    if backend == "orjson" and _orjson is None:
        raise ImportError("the orjson backend needs orjson: pip install 'newsitem[orjson]'")
    if backend not in ("json", "orjson"):
        raise ValueError(f"backend must be 'auto', 'json' or 'orjson', got {backend!r}")
    return backend


def _to_builtins(story: Story) -> dict[str, Any]:
    """The document as a dict of JSON types (marker first)."""
    document: dict[str, Any] = {_MARKER: _FORMAT_VERSION}
    document.update(_converter.unstructure_story(story))
    return document


def dumps(story: Story, *, lossy: bool = False, indent: int | None = None, backend: _Backend = "auto") -> str:
    """Write ``story`` as canonical JSON.

    Args:
        story: The story.
        lossy: Accepted and ignored: canonical JSON carries every field.
        indent: Spaces per level for people; None (the default) is compact.
        backend: ``"auto"`` (orjson if installed), ``"json"`` or ``"orjson"``;
            both write the same document.
    """
    if not isinstance(story, Story):
        raise TypeError(f"dumps() takes a Story, got {type(story).__name__}")
    return _text(_to_builtins(story), indent=indent, backend=backend)


def _text(document: Any, *, indent: int | None = None, backend: _Backend = "auto") -> str:
    """``document`` (JSON types) as JSON text, compact unless ``indent`` is given: the
    one JSON writer of the JSON formats (``json`` and ``ninjs``); both backends give
    the same text."""
    if indent is None and _backend(backend) == "orjson":
        return _orjson.dumps(document).decode()
    if indent is None:
        return _json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return _json.dumps(document, ensure_ascii=False, indent=indent)


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a newsitem JSON document by its opening and marker."""
    head = text[:200].lstrip("\ufeff \t\r\n")
    if head.startswith("{") and f'"{_MARKER}"' in head:
        return 0.99, f'a JSON object with the "{_MARKER}" format-version marker'
    return None


_TOO_LARGE = "a number too large to read (more than 4300 digits, or beyond \u00b11.8e308)"
_INT_DIGITS = 4300
"""Python's limit on the digits of an integer read from text (``sys.get_int_max_str_digits``)."""
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity)|(-?\d+)(\.\d+)?([eE][-+]?\d+)?')
_ORJSON_WORDING = {
    "depth limit exceeded": "nested too deeply",
    "number is infinity when parsed as double": _TOO_LARGE,
}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(_TOO_LARGE)
    return value


def _refused_value(text: str) -> tuple[int, str] | None:
    """The offset and our message of the first value outside strings that the standard
    library parses and refuses (NaN, Infinity, a number too large), None if none."""
    for found in _TOKENS.finditer(text):
        constant, whole, fraction, exponent = found.groups()
        if constant is not None:
            return found.start(), f"{constant} is not a JSON value"
        if whole is None:
            continue
        digits = len(whole.lstrip("-"))
        if (fraction is None and exponent is None and digits > _INT_DIGITS) or math.isinf(
            float(found.group())
        ):
            return found.start(), _TOO_LARGE
    return None


def _parse(text: str, backend: Literal["json", "orjson"], format: str) -> Any:
    try:
        if backend == "orjson":
            return _orjson.loads(text)
        return _json.loads(text, parse_constant=_reject_constant, parse_float=_finite)
    except _json.JSONDecodeError as exc:
        # orjson's error is a subclass; its position is a character index as well.
        message = _ORJSON_WORDING.get(exc.msg, exc.msg)
        raise ParseError.at_offset(f"malformed JSON: {message}", text, exc.pos, format=format) from None
    except RecursionError:
        raise ParseError("malformed JSON: nested too deeply", format=format) from None
    except ValueError:  # NaN or Infinity, or a number too large: placed as orjson places them
        refused = _refused_value(text)
        if refused is None:  # pragma: no cover - every ValueError the parser raises is one above
            raise ParseError(f"malformed JSON: {_TOO_LARGE}", format=format) from None
        offset, message = refused
        raise ParseError.at_offset(f"malformed JSON: {message}", text, offset, format=format) from None


def _document(data: str | bytes, *, format: str, backend: _Backend = "auto") -> Any:
    """The JSON value of ``data`` (UTF-8 bytes or text): the one JSON reader of the
    JSON formats (``json`` and ``ninjs``).

    Raises:
        ParseError: bytes that are not UTF-8, or text that is not JSON (with line and
            column); NaN and Infinity are not JSON.
        TypeError: ``data`` is neither str nor bytes.
    """
    return _parse(_json_text(data, format=format), _backend(backend), format)


def _loads(data: str | bytes, backend: _Backend) -> Story:
    """:func:`loads` with a chosen backend (the tests and the benchmark compare them)."""
    try:
        return _read(data, backend)
    except ValidationError as exc:
        # JSON paths are both the document path and the model path.
        raise exc.placed(format=_NAME, place=lambda problem: (problem.path, None)) from None


def _read(data: str | bytes, backend: _Backend) -> Story:
    document = _document(data, format=_NAME, backend=backend)
    if type(document) is not dict:
        raise ValidationError.single("$", "expected a JSON object (a newsitem document)")
    version = document.pop(_MARKER, None)
    if version is None:
        raise ValidationError.single(
            f"$.{_MARKER}", f'missing the format-version marker ("{_MARKER}": "{_FORMAT_VERSION}")'
        )
    if version != _FORMAT_VERSION:
        raise ValidationError.single(
            f"$.{_MARKER}",
            f"unsupported format version {version!r}; this newsitem reads {_FORMAT_VERSION!r}",
        )
    return _converter.structure(document, Story)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a story from canonical JSON (with orjson when installed).

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is skipped).
        tz: Accepted and ignored: canonical JSON holds every time as it was, with
            its offset or naive.

    Raises:
        ParseError: the text is not JSON (with line and column), or bytes are
            not UTF-8.
        ValidationError: the JSON is not a newsitem document: a missing or
            unknown marker, a wrong type, a missing headline, an unknown key or
            a value the model refuses; one problem per failure, each with its JSON
            path (the document path and the model path are the same here).
    """
    return _loads(data, "auto")
