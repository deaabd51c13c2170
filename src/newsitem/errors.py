"""The one error hierarchy of newsitem.

Every error newsitem raises on bad input is a :class:`NewsItemError`:

* :class:`ParseError` — the input is not well-formed for its format or layout; it
  carries the position (line, column, offset), a short excerpt and the file name.
* :class:`ValidationError` — the input is well-formed but a value breaks a rule
  of the model; it carries one :class:`Problem` (path and message) per failure.
* :class:`SerializeError` — a story cannot be expressed in the requested format.
* :class:`UnknownFormatError` — no format or layout of that name is registered.
* :class:`UsageError` — a call asks for something that cannot be done as asked
  (a text-mode file object where bytes are read or written).
* :class:`SchemaNotFoundError` — a schema for validation is not where it was
  looked for (also a :class:`FileNotFoundError`).
* :class:`MissingExtraError` — the input needs an optional part of newsitem that is
  not installed (``pip install 'newsitem[web]'``); also an :class:`ImportError`.

``ParseError``, ``ValidationError`` and ``SerializeError`` are also
:class:`ValueError`, and ``UnknownFormatError`` is a :class:`LookupError`, so
callers who catch the builtins keep working.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple, Self

__all__ = [
    "MissingExtraError",
    "NewsItemError",
    "ParseError",
    "Problem",
    "SchemaNotFoundError",
    "SerializeError",
    "UnknownFormatError",
    "UsageError",
    "ValidationError",
]

_EXCERPT_CHARS = 40
_PATH_HEAD = re.compile(r"^(\$|[A-Za-z_][A-Za-z0-9_]*)")
_FIELD = re.compile(r"(?:\$|[A-Za-z_][A-Za-z0-9_]*)\.(\w+)(?:\[(\d+)\])?")


class NewsItemError(Exception):
    """Base class of every error newsitem raises on purpose."""


class ParseError(NewsItemError, ValueError):
    """The input is not well-formed for its format or layout.

    Args:
        message: What was wrong and what was expected, without the position.
        format: The format or layout being read (``"json"``, ``"anpa-1312"``).
        line: 1-based line of the fault, if known.
        column: 1-based column (in characters) of the fault, if known.
        offset: 0-based character (or byte, for undecodable input) offset.
        excerpt: A short piece of the input around the fault; trimmed to 40
            characters.
        source: The file name (or ``"<stdin>"``), when the caller knows it.

    ``str(err)`` reads ``source:line:column: message (format) near 'excerpt'``,
    the shape editors and CI logs link to.
    """

    def __init__(
        self,
        message: str,
        *,
        format: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
        excerpt: str | None = None,
        source: str | None = None,
    ) -> None:
        self.message = message
        self.format = format
        self.line = line
        self.column = column
        self.offset = offset
        self.excerpt = None if excerpt is None else excerpt[:_EXCERPT_CHARS]
        self.source = source
        super().__init__(self._render())

    @classmethod
    def at_offset(
        cls,
        message: str,
        text: str,
        offset: int,
        *,
        format: str | None = None,
        source: str | None = None,
    ) -> ParseError:
        """Build a ParseError for a character offset into ``text``.

        Line and column are computed from the offset (both 1-based) and the
        excerpt is the text from the start of the fault's line, trimmed.
        """
        offset = max(0, min(offset, len(text)))
        line = text.count("\n", 0, offset) + 1
        line_start = text.rfind("\n", 0, offset) + 1
        start = max(line_start, offset - _EXCERPT_CHARS // 2)
        end = text.find("\n", offset)
        if end == -1 or end - start > _EXCERPT_CHARS:
            end = start + _EXCERPT_CHARS
        return cls(
            message,
            format=format,
            line=line,
            column=offset - line_start + 1,
            offset=offset,
            excerpt=text[start:end],
            source=source,
        )

    def with_source(self, source: str) -> Self:
        """Return a copy of this error that names the file it came from."""
        return type(self)(
            self.message,
            format=self.format,
            line=self.line,
            column=self.column,
            offset=self.offset,
            excerpt=self.excerpt,
            source=source,
        )

    def _render(self) -> str:
        where = [str(part) for part in (self.source, self.line, self.column) if part is not None]
        text = ":".join(where) + ": " + self.message if where else self.message
        if self.format is not None:
            text += f" ({self.format})"
        if self.excerpt is not None:
            text += f" near {self.excerpt!r}"
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self._state()))

    def _state(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "line": self.line,
            "column": self.column,
            "offset": self.offset,
            "excerpt": self.excerpt,
            "source": self.source,
        }


def position(line: int | None, column: int | None, where: str | None) -> str:
    """A place in the input as people read it: ``line:column document/path`` (parts omitted when unknown)."""
    place = ":".join(str(part) for part in (line, column) if part is not None)
    return " ".join(part for part in (place, where) if part)


class Problem(NamedTuple):
    """One rule a value broke: the model path (``$.bylines[1].role``), what, and where in the input.

    ``where`` is the value's path in the document read (``$.renditions[0].href`` in
    JSON, ``newsItem/contentMeta/headline`` in XML); ``line`` and ``column`` (1-based)
    place it in a text layout or an XML file. They are None for a story built in code.
    """

    path: str
    message: str
    where: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def field(self) -> tuple[str, int | None]:
        """The top-level field the problem is in and, for a tuple field, the item's index:
        ``("bylines", 1)`` for ``Story.bylines[1].name`` (or ``$.bylines[1].name``)."""
        found = _FIELD.match(self.path)
        if found is None:
            return self.path, None
        return found.group(1), None if found.group(2) is None else int(found.group(2))

    def __str__(self) -> str:
        head = position(self.line, self.column, self.where)
        model = f" (model: {self.path})" if head and self.where != self.path else ""
        return f"{head or self.path}: {self.message}{model}"


class ValidationError(NewsItemError, ValueError):
    """A value breaks a rule of the model.

    Args:
        problems: One or more :class:`Problem`; each names the path of the
            offending value (``$.bylines[1].role``; a model field alone for a
            direct constructor call, e.g. ``Story.headline``) and the rule.
        source: The file name, when known.

    ``str(err)`` lists one problem per line.
    """

    def __init__(
        self, problems: Iterable[Problem], *, source: str | None = None, format: str | None = None
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        self.source = source
        self.format = format
        super().__init__(self._render())

    @classmethod
    def single(cls, path: str, message: str) -> ValidationError:
        """Build an error with one problem."""
        return cls([Problem(path, message)])

    def prefixed(self, prefix: str) -> Self:
        """Return a copy with every path re-rooted under ``prefix``.

        The head of each path (``$`` or a class name) is replaced: a problem at
        ``Byline.name`` (or ``$.name``) under the prefix ``$.bylines[1]``
        becomes ``$.bylines[1].name``.
        """
        problems = [
            problem._replace(path=prefix + _PATH_HEAD.sub("", problem.path, count=1))
            for problem in self.problems
        ]
        return type(self)(problems, source=self.source, format=self.format)

    def located(
        self,
        *,
        format: str,
        where: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> Self:
        """Return a copy that says where in the input (format, document path, line and
        column) the offending value was read; positions a problem already has are kept."""
        problems = [
            problem._replace(
                where=problem.where or where,
                line=problem.line if problem.line is not None else line,
                column=problem.column if problem.column is not None else column,
            )
            for problem in self.problems
        ]
        return type(self)(problems, source=self.source, format=format)

    def placed(
        self,
        *,
        format: str,
        place: Callable[[Problem], tuple[str | None, int | None] | tuple[str | None, int | None, int | None]],
    ) -> Self:
        """Return a copy whose problems without a document path are placed by the reader:
        ``place(problem)`` gives the document path and line the problem's value was read
        from (``(None, None)`` when unknown), and optionally its column (a text layout's
        ``(where, line, column)``); the format is recorded."""
        problems = []
        for problem in self.problems:
            if problem.where is not None:
                problems.append(problem)
                continue
            where, line, *column = place(problem)
            problems.append(
                problem._replace(
                    where=where,
                    line=problem.line if line is None else line,
                    column=problem.column if not column or column[0] is None else column[0],
                )
            )
        return type(self)(problems, source=self.source, format=format)

    def with_source(self, source: str) -> Self:
        """Return a copy of this error that names the file it came from."""
        return type(self)(self.problems, source=source, format=self.format)

    def _render(self) -> str:
        head = f"{self.source}: " if self.source else ""
        tail = f" ({self.format})" if self.format else ""
        if len(self.problems) == 1:
            return head + str(self.problems[0]) + tail
        lines = [f"{head}{len(self.problems)} problems{tail}:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_validation, (type(self), self.problems, self.source, self.format))


class SerializeError(NewsItemError, ValueError):
    """A story cannot be expressed in the requested format (say, a naive
    datetime in a format that requires an offset).

    Args:
        message: What cannot be written, and why.
        lost: When the format could write a projection of the story (``lossy=True``),
            the fields it would drop; empty otherwise.
        format: The format being written, when known.
    """

    def __init__(self, message: str, *, lost: Iterable[str] = (), format: str | None = None) -> None:
        self.message = message
        self.lost = tuple(lost)
        self.format = format
        super().__init__(message)

    @classmethod
    def refusing(cls, format: str, lost: Iterable[str], *, option: str = "lossy=True") -> Self:
        """The refusal of a strict write that would lose ``lost``, in its one wording:
        ``anpa cannot carry rights; pass lossy=True to write what it keeps``. ``option``
        is how the caller asks for a lossy write: ``"lossy=True"`` in Python, ``"--lossy"``
        on the command line (``use --lossy``)."""
        lost = tuple(lost)
        advice = f"use {option}" if option.startswith("-") else f"pass {option}"
        return cls(
            f"{format} cannot carry {', '.join(lost)}; {advice} to write what it keeps",
            lost=lost,
            format=format,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_serialize, (type(self), self.message, self.lost, self.format))


class UsageError(NewsItemError, TypeError):
    """A call or a command asks for something that cannot be done as asked: a text-mode
    file where bytes are read or written, a resume with other settings, a bad option.

    Also a :class:`TypeError`, what Python raises for an argument of the wrong kind."""


class SchemaNotFoundError(NewsItemError, FileNotFoundError):
    """A schema needed for validation is not where it was looked for (nothing is fetched)."""


class MissingExtraError(NewsItemError, ImportError):
    """Reading this input needs an optional extra of newsitem that is not installed.

    The message names the extra and the command that installs it (``pip install
    'newsitem[web]'``); ``extra`` holds its name. Also an :class:`ImportError`, what Python
    raises for a module that is not there.

    Args:
        extra: The extra's name (``web``).
        purpose: What needs it (``finding the body of a page without article markup``).
        module: The module that could not be imported (``trafilatura``).
    """

    def __init__(self, extra: str, purpose: str, module: str) -> None:
        super().__init__(
            f"{purpose} needs the {module} package, in newsitem's extra {extra!r}:"
            f" pip install 'newsitem[{extra}]'",
            name=module,
        )
        self.extra = extra

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its arguments in a worker's parent process (convert -j2).
        purpose, _, rest = str(self).partition(" needs the ")
        return (type(self), (self.extra, purpose, self.name or rest.split(" ", 1)[0]))


class UnknownFormatError(NewsItemError, LookupError):
    """No format or layout of that name is registered, or it cannot do what was asked.

    Args:
        name: The name asked for.
        known: The names that would have worked, listed in the message.
        action: ``"read"`` or ``"write"`` when the format exists but cannot do that.
    """

    def __init__(self, name: str, known: Iterable[str] = (), *, action: str | None = None) -> None:
        self.name = name
        self.known = tuple(known)
        self.action = action
        if action is None:
            message = f"unknown format {name!r}"
            hint = "known formats"
        else:
            message = f"format {name!r} cannot {action}"
            hint = f"formats that can {action}"
        if self.known:
            message += f"; {hint}: {', '.join(self.known)}"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_unknown, (type(self), self.name, self.known, self.action))


def _rebuild(cls: type[ParseError], message: str, state: dict[str, Any]) -> ParseError:
    return cls(message, **state)


def _rebuild_validation(
    cls: type[ValidationError], problems: tuple[Problem, ...], source: str | None, format: str | None
) -> ValidationError:
    return cls(problems, source=source, format=format)


def _rebuild_serialize(
    cls: type[SerializeError], message: str, lost: tuple[str, ...], format: str | None = None
) -> SerializeError:
    return cls(message, lost=lost, format=format)


def _rebuild_unknown(
    cls: type[UnknownFormatError], name: str, known: tuple[str, ...], action: str | None
) -> UnknownFormatError:
    return cls(name, known, action=action)
