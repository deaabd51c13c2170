"""The cattrs converter behind newsitem's JSON, and the hooks other formats reuse.

:func:`configure_converter` registers these decisions on any cattrs
``Converter``; :func:`make_converter` makes a new one with them:

* A field at its default (None, an empty tuple, empty extras, ``usable``,
  version 1, ``author``, ``person``, a heading's level 2, ...) is omitted; every
  other field is written in model order.
* Datetimes are ISO 8601 strings exactly as held: the offset kept, naive stays
  naive (:func:`newsitem.dates.format_iso`); reading takes the strict profile
  of :func:`newsitem.dates.parse_iso`. A day (a :class:`~datetime.date` in
  ``published`` or ``updated``) is ``"YYYY-MM-DD"``, and only that form reads
  as a day: a date-time always has its ``T``.
* Enums are their values (``"author"``, ``"canceled"``, ``"organisation"``).
* A plain paragraph is a string; a paragraph with marks is an array of runs,
  each a string (plain) or an object ``{"text", "emphasis", "strong", "link"}``
  carrying only the marks that are set. A heading's ``runs`` take the same
  two shapes.
* Every other body block is an object tagged by its first key ``"type"``
  (:data:`BLOCK_TAGS`: ``heading``, ``quote``, ``list``, ``table``,
  ``preformatted``, ``figure``), then its fields in model order; a paragraph
  is never an object, so the JSON type alone tells a paragraph from a block.
* ``extras`` is an object whose key order is the model's order.
* Reading is strict: a string is never coerced from a number, an integer is
  never a bool or a float, ``null`` is not accepted for an absent field (leave
  the key out), an unknown key is an error. Every failure is collected as a
  :class:`~newsitem.errors.Problem` with its JSON path and raised together as
  one :class:`~newsitem.errors.ValidationError`.
"""

from __future__ import annotations

import enum
import functools
import operator
import re
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from newsitem import dates, model
from newsitem.errors import Problem, ValidationError
from newsitem.formats._decode import json_kind

__all__ = ["BLOCK_TAGS", "configure_converter", "make_converter", "structure", "unstructure_story"]

T = TypeVar("T")

_RUN_KEYS = frozenset({"text", "emphasis", "strong", "link"})
_PARAGRAPH_HEAD = re.compile(r"^(Paragraph\.runs|Run\.text)")


_kind = json_kind


def _expected(what: str, value: object) -> ValidationError:
    return ValidationError.single("$", f"expected {what}, got {_kind(value)}")


def problems_of(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten a structuring failure into problems with JSON paths under ``path``."""
    if isinstance(exc, ValidationError):
        return list(exc.prefixed(path).problems)
    if isinstance(exc, ForbiddenExtraKeysError):
        return [Problem(_key_path(path, key), "unknown key") for key in sorted(exc.extra_fields)]
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        found: list[Problem] = []
        for sub, note in with_notes:
            found.extend(problems_of(sub, _key_path(path, note.name)))
        for sub in others:
            found.extend(problems_of(sub, path))
        return found
    if isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        found = []
        for sub, index_note in with_index:
            found.extend(problems_of(sub, f"{path}[{index_note.index}]"))
        for sub in rest:
            found.extend(problems_of(sub, path))
        return found
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    return [Problem(path, f"{type(exc).__name__}: {exc}")]


def _key_path(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


# --- strict leaves ------------------------------------------------------------------------


_NULL = "null is not a value here: leave the key out"


def _exactly(kind: type[T], what: str) -> Callable[[object, object], T]:
    """The strict leaf for ``kind``: the JSON value must be exactly of that type."""

    def structure(value: object, _: object) -> T:
        if type(value) is not kind:
            raise _expected(what, value)
        return value

    return structure


_structure_str = _exactly(str, "a string")
_structure_int = _exactly(int, "an integer")
_structure_bool = _exactly(bool, "true or false")


def _exactly_or_null(kind: type[T], what: str) -> Callable[[object, object], T]:
    """The leaf of an optional ``kind``: one call, null refused with its own message."""

    def structure(value: object, _: object) -> T:
        if type(value) is kind:
            return value
        if value is None:
            raise ValidationError.single("$", _NULL)
        raise _expected(what, value)

    return structure


def _null_refused(value: object, what: str) -> ValidationError:
    return ValidationError.single("$", _NULL) if value is None else _expected(what, value)


# Every datetime of the model is optional: these two leaves refuse null themselves, so an
# optional one needs no wrapper (see _optional_hook).
def _structure_datetime(value: object, _: object) -> datetime:
    if type(value) is not str:
        raise _null_refused(value, "an ISO 8601 date-time string")
    try:
        return dates.parse_iso(value)
    except ValueError as exc:
        raise ValidationError.single("$", str(exc)) from None


_DAY_OR_TIME = datetime | date
"""The type of ``Story.published`` and ``Story.updated`` (None aside)."""


def _structure_day_or_datetime(value: object, _: object) -> date:
    """A ``YYYY-MM-DD`` string is a day (:func:`newsitem.dates.parse_day`, no zone: RFC 3339
    ``full-date``); every other string must be a strict ISO 8601 date-time."""
    if type(value) is not str:
        raise _null_refused(value, "an ISO 8601 date-time string or a day (YYYY-MM-DD)")
    try:
        day = dates.parse_day(value)
        if day is not None:
            return day
        return dates.parse_iso(value)
    except ValueError as exc:
        message = str(exc)
        if message.startswith("expected"):  # not of the form: name both forms
            message = (
                "expected an ISO 8601 date-time like 2024-05-01T09:30:00+02:00 or a day like"
                f" 2024-05-01, got {value[:40]!r}"
            )
        raise ValidationError.single("$", message) from None


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in cls)

    def structure(value: object, _: object) -> enum.Enum:
        if type(value) is str:
            try:
                return cls(value)
            except ValueError:
                pass
        raise _expected(f"one of {allowed}", value)

    return structure


# --- containers ---------------------------------------------------------------------------


def _is_optional(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return type(None) in typing.get_args(tp)
    return False


def _inner_of_optional(tp: Any) -> Any:
    """``X`` of ``X | None``; ``X | Y`` of ``X | Y | None``."""
    return functools.reduce(operator.or_, [arg for arg in typing.get_args(tp) if arg is not type(None)])


def _tuple_unstructure_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[tuple[Any, ...]], Any]]:
    def factory(tp: Any) -> Callable[[tuple[Any, ...]], Any]:
        handler = converter.get_unstructure_hook(typing.get_args(tp)[0])
        if handler is identity:
            return list
        return lambda values: [handler(value) for value in values]

    return factory


_OPTIONAL_LEAVES: dict[Callable[[object, object], Any], Callable[[object, object], Any]] = {
    _structure_str: _exactly_or_null(str, "a string"),
    _structure_int: _exactly_or_null(int, "an integer"),
    _structure_bool: _exactly_or_null(bool, "true or false"),
    _structure_datetime: _structure_datetime,
    _structure_day_or_datetime: _structure_day_or_datetime,
}
"""Where an optional field's inner hook is one of these leaves, the optional hook is the
leaf that also refuses null: one call per value instead of two."""


def _optional_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, object], Any]]:
    def factory(tp: Any) -> Callable[[object, object], Any]:
        inner = _inner_of_optional(tp)
        handler = converter.get_structure_hook(inner)
        leaf = _OPTIONAL_LEAVES.get(handler)
        if leaf is not None:
            return leaf

        def structure(value: object, _: object) -> Any:
            if value is None:
                raise ValidationError.single("$", _NULL)
            return handler(value, inner)

        return structure

    return factory


def _is_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[object, object], tuple[Any, ...]]]:
    def factory(tp: Any) -> Callable[[object, object], tuple[Any, ...]]:
        inner = typing.get_args(tp)[0]
        handler = converter.get_structure_hook(inner)
        strings = handler is _structure_str  # keywords, a table's cells

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _expected("an array", value)
            if strings and all(type(item) is str for item in value):
                return tuple(value)
            items = []
            problems: list[Problem] = []
            for index, item in enumerate(value):
                try:
                    items.append(handler(item, inner))
                except (cattrs.BaseValidationError, ValidationError, KeyError, TypeError, ValueError) as exc:
                    problems.extend(problems_of(exc, f"$[{index}]"))
            if problems:
                raise ValidationError(problems)
            return tuple(items)

        return structure

    return factory


def _class_hook(converter: cattrs.Converter) -> Callable[[type[T]], Callable[[object, object], T]]:
    def factory(cls: type[T]) -> Callable[[object, object], T]:
        generated = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
        what = f"an object ({cls.__name__})"

        def structure(value: object, _: object) -> T:
            if type(value) is not dict:
                raise _expected(what, value)
            return generated(value, cls)

        return structure

    return factory


# --- paragraphs and extras ----------------------------------------------------------------

_RUN_LEAVES = (
    ("text", _structure_str),
    ("link", _structure_str),
    ("emphasis", _structure_bool),
    ("strong", _structure_bool),
)


def _structure_run(value: object, path: str) -> model.Run | str:
    if type(value) is str:
        if not value:
            raise ValidationError.single(path, "a run must not be empty")
        return value
    if type(value) is not dict:
        raise ValidationError.single(path, f"expected a string or a run object, got {_kind(value)}")
    unknown = value.keys() - _RUN_KEYS
    if unknown:
        raise ValidationError([Problem(_key_path(path, key), "unknown key") for key in sorted(unknown)])
    if "text" not in value:
        raise ValidationError.single(f"{path}.text", "required field missing")
    for key, leaf in _RUN_LEAVES:
        if key in value:
            try:
                leaf(value[key], None)
            except ValidationError as exc:
                raise exc.prefixed(f"{path}.{key}") from None
    try:
        return model.Run(**value)
    except ValidationError as exc:
        raise exc.prefixed(path) from None


def _structure_runs(value: object, what: str) -> list[model.Run | str]:
    """The runs of a paragraph or heading (``what``): a string, or a non-empty array of runs."""
    if type(value) is str:
        return [value]
    if type(value) is not list:
        raise _expected("a string or an array of runs", value)
    if not value:
        raise ValidationError.single("$", f"a {what} must hold some text, got an empty array")
    runs = []
    problems: list[Problem] = []
    for index, item in enumerate(value):
        try:
            runs.append(_structure_run(item, f"$[{index}]"))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return runs


def _structure_paragraph(value: object, _: object) -> model.Paragraph:
    if type(value) is str:
        try:
            return model.Paragraph.plain(value)
        except ValidationError as exc:
            raise _in_paragraph(exc) from None
    return _paragraph(_structure_runs(value, "paragraph"))


def _structure_heading_runs(value: object, _: object) -> tuple[model.Run | str, ...]:
    # The heading checks its own runs (Heading.runs, placed as $.runs by the class hook).
    return tuple(_structure_runs(value, "heading"))


def _paragraph(runs: Sequence[model.Run | str]) -> model.Paragraph:
    try:
        return model.Paragraph(runs=runs)
    except ValidationError as exc:
        raise _in_paragraph(exc) from None


def _in_paragraph(exc: ValidationError) -> ValidationError:
    # The model speaks of Paragraph.runs[i] and Run.text; in JSON the paragraph *is* the array.
    return ValidationError(
        Problem(_PARAGRAPH_HEAD.sub("$", problem.path, count=1), problem.message) for problem in exc.problems
    )


def _unstructure_runs(runs: tuple[model.Run, ...]) -> str | list[Any]:
    if len(runs) == 1 and runs[0].plain:
        return runs[0].text
    out: list[Any] = []
    for run in runs:
        if run.plain:
            out.append(run.text)
            continue
        item: dict[str, Any] = {"text": run.text}
        if run.emphasis:
            item["emphasis"] = True
        if run.strong:
            item["strong"] = True
        if run.link is not None:
            item["link"] = run.link
        out.append(item)
    return out


def _unstructure_paragraph(paragraph: model.Paragraph) -> str | list[Any]:
    return _unstructure_runs(paragraph.runs)


# --- body blocks --------------------------------------------------------------------------

BLOCK_TAGS: dict[type, str] = {
    model.Heading: "heading",
    model.Quote: "quote",
    model.ListBlock: "list",
    model.Table: "table",
    model.Preformatted: "preformatted",
    model.Figure: "figure",
}
"""The ``"type"`` of each body block but the paragraph (a string or an array of runs)."""
_TAG_KEY = "type"
_TAGS_LISTED = ", ".join(repr(tag) for tag in BLOCK_TAGS.values())


def _block_hooks(
    converter: cattrs.Converter,
) -> tuple[Callable[[object, object], model.Block], Callable[[model.Block], Any]]:
    """The structure and unstructure hooks of the ``Block`` union."""
    structure_of: dict[str, tuple[type, Callable[[object, object], model.Block]]] = {
        tag: (cls, _class_hook(converter)(cls)) for cls, tag in BLOCK_TAGS.items()
    }
    unstructure_of: dict[type, tuple[str, Callable[[Any], dict[str, Any]]]] = {
        cls: (tag, make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True))
        for cls, tag in BLOCK_TAGS.items()
    }
    paragraph = model.Paragraph

    def structure(value: object, _: object) -> model.Block:
        if type(value) is not dict:
            return _structure_paragraph(value, paragraph)
        tag = value.get(_TAG_KEY)
        if tag is None:
            raise ValidationError.single(
                f"$.{_TAG_KEY}",
                f"required field missing: a block object names its type ({_TAGS_LISTED});"
                " a paragraph is a string or an array of runs",
            )
        found = structure_of.get(tag) if type(tag) is str else None
        if found is None:
            raise ValidationError.single(
                f"$.{_TAG_KEY}",
                f"expected one of {_TAGS_LISTED} (a paragraph is a string or an array of runs),"
                f" got {_kind(tag)}",
            )
        cls, hook = found
        # Errors are placed by the caller (the body's tuple hook) under $.body[i].
        return hook({key: item for key, item in value.items() if key != _TAG_KEY}, cls)

    def unstructure(block: model.Block) -> Any:
        if block.__class__ is paragraph:
            return _unstructure_runs(block.runs)
        tag, fields = unstructure_of[block.__class__]
        document = {_TAG_KEY: tag}
        document.update(fields(block))
        return document

    return structure, unstructure


def _body_structure_hook(converter: cattrs.Converter) -> Callable[[object, object], tuple[model.Block, ...]]:
    """The body's reader: a plain paragraph (a string) inline, every other block by its hook;
    problems collected under ``$[i]`` as for any array."""
    block = converter.get_structure_hook(model.Block)
    plain = model.Paragraph.plain
    union = model.Block

    def structure(value: object, _: object) -> tuple[model.Block, ...]:
        if type(value) is not list:
            raise _expected("an array", value)
        items: list[model.Block] = []
        problems: list[Problem] = []
        for index, item in enumerate(value):
            try:
                items.append(plain(item) if type(item) is str else block(item, union))
            except ValidationError as exc:
                found = _in_paragraph(exc) if type(item) is str else exc
                problems.extend(problems_of(found, f"$[{index}]"))
            except (cattrs.BaseValidationError, KeyError, TypeError, ValueError) as exc:
                problems.extend(problems_of(exc, f"$[{index}]"))
        if problems:
            raise ValidationError(problems)
        return tuple(items)

    return structure


def _body_unstructure_hook(
    converter: cattrs.Converter,
) -> Callable[[tuple[model.Block, ...]], list[Any]]:
    """The body's writer: a plain paragraph inline (the common case), every other block by its hook."""
    block = converter.get_unstructure_hook(model.Block)
    paragraph = model.Paragraph

    def unstructure(blocks: tuple[model.Block, ...]) -> list[Any]:
        out: list[Any] = []
        for item in blocks:
            if item.__class__ is paragraph:
                runs = item.runs
                if len(runs) == 1:
                    run = runs[0]
                    if not run.emphasis and not run.strong and run.link is None:
                        out.append(run.text)
                        continue
            out.append(block(item))
        return out

    return unstructure


def _structure_extras(value: object, _: object) -> model.Extras:
    if type(value) is not dict:
        raise _expected("an object of strings", value)
    try:
        return model.Extras(value)
    except ValidationError as exc:
        raise exc.prefixed("$") from None


def _unstructure_extras(extras: model.Extras) -> dict[str, str]:
    return dict(extras)


# --- the converter --------------------------------------------------------------------------

_MODEL_CLASSES = (model.Story, model.Byline, model.Source, model.Rights, model.Subject, model.Link)
_RUNS = tuple[model.Run, ...]


def _is(expected: Any) -> Callable[[Any], bool]:
    """A hook predicate: the type is ``expected`` (a union or a parametrised tuple)."""
    return lambda tp: bool(tp == expected)


def configure_converter(converter: cattrs.Converter) -> None:
    """Register newsitem's hooks on ``converter`` (see the module docstring)."""
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, dates.format_iso)
    converter.register_structure_hook_func(_is(_DAY_OR_TIME), _structure_day_or_datetime)
    converter.register_unstructure_hook_func(_is(_DAY_OR_TIME), dates.format_day_or_iso)
    for enum_cls in (model.Role, model.BylineKind, model.PubStatus):
        converter.register_structure_hook(enum_cls, _enum_hook(enum_cls))
        converter.register_unstructure_hook(enum_cls, lambda member: member.value)
    converter.register_structure_hook(model.Paragraph, _structure_paragraph)
    converter.register_unstructure_hook(model.Paragraph, _unstructure_paragraph)
    converter.register_structure_hook(model.Extras, _structure_extras)
    converter.register_unstructure_hook(model.Extras, _unstructure_extras)
    converter.register_structure_hook_factory(_is_optional, _optional_hook(converter))
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook(converter))
    for cls in (*_MODEL_CLASSES, *BLOCK_TAGS):
        attrs.resolve_types(cls)
    # Writing: a field at its default (None included) is left out before its hook
    # is called, so an optional field takes its inner type's hook (identity for
    # str and int, which cattrs then inlines); tuples become lists.
    converter.register_unstructure_hook_factory(
        _is_optional, lambda tp: converter.get_unstructure_hook(_inner_of_optional(tp))
    )
    converter.register_unstructure_hook_factory(_is_tuple, _tuple_unstructure_hook(converter))
    # A heading's runs: the shapes of a paragraph (registered after the tuple hooks, so first).
    converter.register_structure_hook_func(_is(_RUNS), _structure_heading_runs)
    converter.register_unstructure_hook_func(_is(_RUNS), _unstructure_runs)
    structure_block, unstructure_block = _block_hooks(converter)
    converter.register_structure_hook_func(_is(model.Block), structure_block)
    converter.register_unstructure_hook_func(_is(model.Block), unstructure_block)
    converter.register_structure_hook_func(_is(tuple[model.Block, ...]), _body_structure_hook(converter))
    converter.register_unstructure_hook_func(_is(tuple[model.Block, ...]), _body_unstructure_hook(converter))
    is_model = _MODEL_CLASSES.__contains__
    converter.register_structure_hook_factory(is_model, _class_hook(converter))
    converter.register_unstructure_hook_factory(
        is_model, lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)
    )


def make_converter() -> cattrs.Converter:
    """A new cattrs ``Converter`` configured with :func:`configure_converter`."""
    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    configure_converter(converter)
    return converter


_converter: cattrs.Converter | None = None


def _default() -> cattrs.Converter:
    global _converter  # noqa: PLW0603 - one converter per process, built on first use
    if _converter is None:
        _converter = make_converter()
    return _converter


def structure(value: object, cls: type[T]) -> T:
    """Build a ``cls`` (a model class) from JSON-shaped builtins.

    Raises:
        ValidationError: with one problem per failure, each with its JSON path.
    """
    try:
        return _default().structure(value, cls)
    except (cattrs.BaseValidationError, ValidationError, KeyError, TypeError, ValueError) as exc:
        raise ValidationError(problems_of(exc)) from None


def unstructure_story(story: model.Story) -> dict[str, Any]:
    """The story as JSON-shaped builtins (fields at their default left out)."""
    result: dict[str, Any] = _default().unstructure(story, model.Story)
    return result
