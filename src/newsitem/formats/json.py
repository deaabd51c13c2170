"""newsitem's canonical JSON.

A document is one JSON object: the format-version marker ``"newsitem": "2"``
first, then the story's fields in model order, a field at its default left out
(see :mod:`newsitem.formats._converter` for every encoding decision). ``dumps`` is
compact by default; ``indent=`` gives a document for people. The same story
always gives the same bytes, whichever JSON backend is used: the document is
deterministic, which :func:`newsitem.mint_guid` relies on.

Version 1 documents (paragraph-only bodies, a headline required, no day-only
dates, no byline kind, subject codes as URIs) still read, as the same stories;
a version-1 document that uses what only version 2 can say is refused. Other
versions are refused.

:func:`loads_all` reads containers: JSON Lines (one document per line, blank lines
skipped) and a JSON array of documents, one :class:`~newsitem.notes.Part` each.

orjson is used when installed (``pip install 'newsitem[orjson]'``) for compact
output and for reading; the standard library's :mod:`json` otherwise, and for
``indent=``. Both give identical documents.

The JSON Schema of the format is :func:`newsitem.json_schema`.
"""

from __future__ import annotations

import json as _json
import math
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, tzinfo
from typing import Any, Literal

from newsitem import notes
from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats import _contract
from newsitem.formats._decode import json_text as _json_text
from newsitem.model import Paragraph, Story, is_uri

__all__ = ["dumps", "loads", "loads_all", "sniff"]

_MARKER = "newsitem"
"""The key of the format-version marker, always the first key of a document."""
_FORMAT_VERSION = "2"
"""The version this module writes."""
_VERSION_1 = "1"
"""The earlier version it still reads."""

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
    from newsitem.formats import _converter  # here: detection and ninjs never load cattrs

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
    """Recognise a newsitem JSON document, JSON Lines of them or an array of them by the
    opening and the marker."""
    head = text[:200].lstrip("\ufeff \t\r\n")
    if f'"{_MARKER}"' not in head:
        return None
    if head.startswith("{"):
        return 0.99, f'a JSON object with the "{_MARKER}" format-version marker'
    if head.startswith("[") and head[1:].lstrip(" \t\r\n").startswith("{"):
        return 0.99, f'a JSON array of objects with the "{_MARKER}" format-version marker'
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
    text = _json_text(data, format=_NAME)
    try:
        document = _parse(text, _backend(backend), _NAME)
    except ParseError as exc:
        if exc.message.endswith(_TRAILING) and _lines_of_documents(text) is not None:
            raise _with_hint(exc, "JSON Lines (one document per line)") from None
        raise
    if type(document) is list:
        raise _placed(
            ValidationError.single(
                "$",
                "expected a JSON object (a newsitem document), got an array: an array of documents"
                " is read with newsitem.loads_all",
            )
        )
    return _story(document)


_TRAILING = ("Extra data", "unexpected content after document")
"""How the two backends say that text follows a complete JSON value."""


def _with_hint(exc: ParseError, what: str) -> ParseError:
    return ParseError(
        f"{exc.message}: {what} is read with newsitem.loads_all",
        format=exc.format,
        line=exc.line,
        column=exc.column,
        offset=exc.offset,
        excerpt=exc.excerpt,
    )


def _placed(exc: ValidationError, line: int | None = None) -> ValidationError:
    # JSON paths are both the document path and the model path.
    return exc.placed(format=_NAME, place=lambda problem: (problem.path, line))


def _story(document: Any, line: int | None = None) -> Story:
    """The story of one parsed document, its errors placed (on ``line`` of JSON Lines)."""
    try:
        return _read(document)
    except ValidationError as exc:
        raise _placed(exc, line) from None


def _read(document: Any) -> Story:
    if type(document) is not dict:
        raise ValidationError.single("$", "expected a JSON object (a newsitem document)")
    version = document.pop(_MARKER, None)
    if version is None:
        raise ValidationError.single(
            f"$.{_MARKER}", f'missing the format-version marker ("{_MARKER}": "{_FORMAT_VERSION}")'
        )
    if version == _FORMAT_VERSION:
        from newsitem.formats import _converter

        return _converter.structure(document, Story)
    if version == _VERSION_1:
        return _read_version_1(document)
    raise ValidationError.single(
        f"$.{_MARKER}",
        f"unsupported format version {_shown(version)}; this newsitem reads {_FORMAT_VERSION!r}"
        f" and {_VERSION_1!r}",
    )


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_ONLY_2 = 'is format version 2; this document says "newsitem": "1"'


def _read_version_1(document: dict[str, Any]) -> Story:
    """A version-1 document: version 2's reader, then version 1's narrower rules."""
    from newsitem.formats import _converter

    problems: list[Problem] = []
    try:
        story = _converter.structure(document, Story)
    except ValidationError as exc:
        problems.extend(exc.problems)
        story = None
    if "headline" not in document:
        problems.insert(0, Problem("$.headline", "required field missing"))
        problems = [problem for problem in problems if problem.path != "$"]
    if story is not None:
        problems.extend(_beyond_version_1(story))
    if problems or story is None:
        raise ValidationError(problems)
    return story


def _beyond_version_1(story: Story) -> Iterator[Problem]:
    """What a version-1 document may not say (it reads as version 2 would read it)."""
    for index, byline in enumerate(story.bylines):
        if byline.kind != "person":
            yield Problem(f"$.bylines[{index}].kind", f"a byline's kind {_ONLY_2}")
    for name in ("published", "updated"):
        value: date | None = getattr(story, name)
        if value is not None and not isinstance(value, datetime):
            yield Problem(f"$.{name}", f"a day without a time {_ONLY_2}")
    for index, subject in enumerate(story.subjects):
        if subject.code is not None and not is_uri(subject.code):
            yield Problem(f"$.subjects[{index}].code", f"a QCode that is not a URI {_ONLY_2}")
    for index, block in enumerate(story.body):
        if block.__class__ is not Paragraph:
            yield Problem(f"$.body[{index}]", f"a {type(block).__name__} block {_ONLY_2}")
    for name in ("located", "ednote", "links"):
        if getattr(story, name):
            yield Problem(f"$.{name}", f"{name} {_ONLY_2}")


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a story from canonical JSON (with orjson when installed).

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is skipped).
        tz: Accepted and ignored: canonical JSON holds every time as it was, with
            its offset or naive.

    Raises:
        ParseError: the text is not JSON (with line and column), or bytes are
            not UTF-8; JSON Lines, with a message naming :func:`loads_all`.
        ValidationError: the JSON is not a newsitem document: a missing or
            unknown marker, a wrong type, an unknown key or a value the model
            refuses (a story with no headline, body or summary); one problem per
            failure, each with its JSON path (the document path and the model path
            are the same here). An array of documents is refused with a message
            naming :func:`loads_all`.
    """
    return _loads(data, "auto")


def loads_all(data: str | bytes, *, tz: str | tzinfo | None = None) -> Iterator[notes.Part]:
    """Every story of ``data``: JSON Lines, a JSON array of documents, or one document.

    JSON Lines give one part per non-blank line (``where`` is ``line 3``); a line
    that cannot be read gives its part a ParseError at its line and column in the
    whole input, or a ValidationError whose problems carry the line. An array gives
    one part per element (``where`` is ``$[2]``, and each problem's path starts
    there). Each part's error is its own: the next one is still read.

    Args:
        data: Text or UTF-8 bytes.
        tz: Accepted and ignored, as for :func:`loads`.

    Raises:
        ParseError: the input is neither JSON nor JSON Lines of documents.
        ValidationError: the input is a single document, and it is invalid.
    """
    text = _json_text(data, format=_NAME)
    backend = _backend("auto")
    try:
        document = _parse(text, backend, _NAME)
    except ParseError:
        lines = _lines_of_documents(text)
        if lines is None:
            raise
        return _contract.parts(_NAME, _line_members(text, lines, backend))
    if type(document) is list:
        return _contract.parts(_NAME, _array_members(document))
    with notes.collect() as found:
        story = _story(document)
    return iter([notes.Part(index=1, layout=_NAME, story=story, notes=tuple(found))])


_Lines = list[tuple[int, int, int]]
"""The non-blank lines of a text: (1-based number, start offset, end offset)."""


def _lines_of_documents(text: str) -> _Lines | None:
    """The non-blank lines of ``text`` when it is JSON Lines of documents (some line parses
    alone as an object with the marker), else None (one document, malformed)."""
    lines: _Lines = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        end = start + len(line)
        if line.strip():
            lines.append((number, start, end))
        start = end + 1
    parse = _orjson.loads if _orjson is not None else _json.loads
    for _, start, end in lines:
        try:  # only whether the line is a document: no error of ours is built
            value = parse(text[start:end])
        except (ValueError, RecursionError):
            continue
        return lines if type(value) is dict and _MARKER in value else None
    return None


def _line_members(text: str, lines: _Lines, backend: Literal["json", "orjson"]) -> Iterator[_contract.Member]:
    for number, start, end in lines:
        yield f"line {number}", _line_reader(text, number, start, end, backend)


def _line_reader(
    text: str, number: int, start: int, end: int, backend: Literal["json", "orjson"]
) -> Callable[[], Story]:
    def read() -> Story:
        try:
            document = _parse(text[start:end], backend, _NAME)
        except ParseError as exc:
            # The slice is the whole line: its column and excerpt hold; only the line and
            # offset move (not at_offset on the whole text, which would scan from its start).
            raise ParseError(
                exc.message,
                format=_NAME,
                line=number,
                column=exc.column,
                offset=None if exc.offset is None else start + exc.offset,
                excerpt=exc.excerpt,
            ) from None
        return _story(document, number)

    return read


def _array_members(documents: list[Any]) -> Iterator[_contract.Member]:
    for index, document in enumerate(documents):
        yield f"$[{index}]", _element_reader(document, f"$[{index}]")


def _element_reader(document: Any, where: str) -> Callable[[], Story]:
    def read() -> Story:
        try:
            return _read(document)
        except ValidationError as exc:
            raise _placed(exc.prefixed(where)) from None

    return read
