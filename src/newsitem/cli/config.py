"""The configuration of ``newsitem validate``: a ``[tool.newsitem.validate]`` table in
``pyproject.toml``, or the ``[validate]`` table of a ``newsitem.toml``.

The file is found upward from the current directory: the first folder that holds a
``newsitem.toml``, or a ``pyproject.toml`` with a ``[tool.newsitem]`` table, gives it
(``newsitem.toml`` first when a folder has both). ``--config PATH`` names the file instead;
``--isolated`` reads none. Flags on the command line override the file's values.

Every key is checked: an unknown key or a value of the wrong type is a usage error (exit
2) naming the file, the key and what was expected. Globs (``include``, ``exclude``, the
keys of ``per-file-ignores``) are ``.gitignore`` patterns relative to the file's folder;
schema folders are paths relative to it. The JSON Schema of the table ships as
``newsitem/schemas/validate-config.schema.json``.

Only :mod:`tomllib` is imported, and only when a file is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from newsitem.errors import UsageError

__all__ = ["KEYS", "Settings", "find", "load", "read"]

_LIST = "a list of strings"
_BOOL = "true or false"
_STR = "a string"
_TABLE = "a table of glob = [rule ids or prefixes]"
_INT = "a whole number, 0 or more"

KEYS: dict[str, str] = {
    "include": _LIST,
    "exclude": _LIST,
    "force-exclude": _BOOL,
    "respect-gitignore": _BOOL,
    "select": _LIST,
    "ignore": _LIST,
    "per-file-ignores": _TABLE,
    "require": _LIST,
    "require-timezone": _BOOL,
    "language": _STR,
    "max-age": _STR,
    "output-format": _STR,
    "format": _STR,
    "output": _STR,
    "strict": _BOOL,
    "exit-zero": _BOOL,
    "jobs": _INT,
    "newsml-schema": _STR,
    "ninjs-schema": _STR,
}
"""Every key of the table, and what its value must be."""

_PATHS = frozenset({"newsml-schema", "ninjs-schema"})
_MENTION = re.compile(r"""\btool\s*\.\s*["']?newsitem\b|^\s*tool\s*=|^\s*\[\s*tool\s*\]""", re.MULTILINE)
"""Where a pyproject.toml may hold a ``[tool.newsitem]`` table (also a ``[tool]`` table, or an
inline ``tool = {...}``): a file without any is not parsed."""


@attrs.frozen(kw_only=True)
class Settings:
    """The table read from one file (a key left out is ``None``)."""

    source: Path
    """The file read (relative to the current folder when below it), as messages name it."""
    root: Path
    """Its folder: globs and schema folders are relative to it."""
    values: Mapping[str, Any] = attrs.field(factory=dict)
    """Each key given, under its name in the file (``max-age``), checked; schema folders
    made absolute, ``output`` under ``output-format``."""

    def get(self, key: str) -> Any:
        """The value of ``key`` (a name of :data:`KEYS`), or ``None`` when the file leaves it out."""
        return self.values.get(key)


def find(start: Path) -> Path | None:
    """The configuration file for a run started in ``start``: the nearest folder upward
    holding a ``newsitem.toml``, or a ``pyproject.toml`` with a ``[tool.newsitem]`` table."""
    for folder in (start, *start.parents):
        own = folder / "newsitem.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and _has_table(project):
            return project
    return None


def _has_table(path: Path) -> bool:
    """Whether a pyproject.toml has a ``[tool.newsitem]`` table (a cheap text test first)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if not _MENTION.search(text):
        return False  # no [tool.newsitem...] header or tool.newsitem key: no need to parse
    return "newsitem" in _parse(path, text).get("tool", {})


def load(start: Path, *, path: str | None = None, isolated: bool = False) -> Settings | None:
    """The settings for a run started in ``start``: from ``path`` when given, else the file
    :func:`find` finds; ``None`` when ``isolated`` or there is none.

    Raises:
        UsageError: both ``path`` and ``isolated``; the file cannot be read, is not TOML,
            or its table holds an unknown key or a value of the wrong type.
    """
    if path is not None and isolated:
        raise UsageError("--config and --isolated cannot be given together")
    if isolated:
        return None
    if path is not None:
        chosen = Path(path)
        if not chosen.is_file():
            raise UsageError(f"--config {path}: no such file")
    else:
        found = find(start)
        if found is None:
            return None
        chosen = found
    return read(chosen)


def _shown(path: Path) -> str:
    """``path`` for messages: relative to the current folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def read(path: Path) -> Settings:
    """The validate table of one file (``pyproject.toml``: ``[tool.newsitem.validate]``;
    any other name: the ``[validate]`` table of a ``newsitem.toml``).

    Raises:
        UsageError: as :func:`load`.
    """
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{shown}: cannot be read: {exc}") from None
    document = _parse(shown, text)
    if path.name == "pyproject.toml":
        where = "[tool.newsitem]"
        outer = document.get("tool", {}).get("newsitem", {})
        table_name = "[tool.newsitem.validate]"
    else:
        where = "the file"
        outer = document
        table_name = "[validate]"
    if not isinstance(outer, dict):
        raise UsageError(f"{shown}: {where} must be a table")
    unknown = sorted(set(outer) - {"validate"})
    if unknown:
        raise UsageError(f"{shown}: {where}: unknown key {unknown[0]!r} (expected the table 'validate')")
    table = outer.get("validate", {})
    if not isinstance(table, dict):
        raise UsageError(f"{shown}: {table_name} must be a table")
    root = path.resolve().parent
    return Settings(source=Path(shown), root=root, values=_checked(shown, table_name, table, root))


def _parse(path: Path | str, text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None


def _checked(path: str, table_name: str, table: dict[str, Any], root: Path) -> dict[str, Any]:
    """The table's values, each checked against :data:`KEYS`."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        expected = KEYS.get(key)
        if expected is None:
            known = ", ".join(KEYS)
            raise UsageError(f"{path}: {table_name} key {key!r}: unknown key (expected one of {known})")
        if not _fits(value, expected):
            shown = type(value).__name__
            raise UsageError(f"{path}: {table_name} key {key!r}: expected {expected}, not {shown} {value!r}")
        if key == "output" and "output-format" in table:
            raise UsageError(f"{path}: {table_name}: give 'output-format' or 'output', not both")
        name = "output-format" if key == "output" else key
        if key in _PATHS:
            values[name] = str(root / value)
        else:
            values[name] = tuple(value) if expected == _LIST else value
    if "per-file-ignores" in values:
        values["per-file-ignores"] = {
            glob: tuple(codes) for glob, codes in values["per-file-ignores"].items()
        }
    return values


def _fits(value: Any, expected: str) -> bool:
    if expected == _BOOL:
        return isinstance(value, bool)
    if expected == _STR:
        return isinstance(value, str)
    if expected == _INT:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if expected == _LIST:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, dict) and all(
        isinstance(codes, list) and all(isinstance(code, str) for code in codes) for codes in value.values()
    )
