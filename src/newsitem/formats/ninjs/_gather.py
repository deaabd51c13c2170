"""Where the ninjs reader puts what it reads: story fields with their document paths,
extras as sent, and values the model refuses kept in extras with a note."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from newsitem import dates
from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats import _lenient
from newsitem.formats._lenient import never
from newsitem.formats.ninjs._versions import NAME, Paths
from newsitem.model import is_text, is_token

_UNESCAPED = json.JSONEncoder(ensure_ascii=False)
"""What ``json.dumps(value, ensure_ascii=False)`` uses, made once (not per value kept)."""


def _as_text(value: Any) -> str | None:
    """``value`` as extras text: a string as it is (LF line ends), anything else as JSON
    text; JSON with escapes where the model's text cannot hold a character; None when blank.

    Raises:
        ParseError: a value nested too deeply to be written back as JSON text (the JSON
            reader takes a little more nesting than Python's JSON writer can write).
    """
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return None
        if is_text(text):
            return text
    try:
        if not isinstance(value, str):
            text = _UNESCAPED.encode(value)
            if is_text(text):
                return text
        return json.dumps(value)
    except RecursionError:
        raise ParseError("malformed JSON: nested too deeply to keep in extras", format=NAME) from None


def string(item: object, key: str) -> str | None:
    """``item[key]`` when ``item`` is an object and that is a string (a role, a rel)."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _extras_key(key: str) -> str:
    full = f"ninjs.{key}"
    return full if is_token(full) else "ninjs." + quote(key, safe="", errors="backslashreplace")


_SINGLE_LINE = frozenset({"headline", "subheadline", "dateline", "located", "section", "genre", "slugline"})
"""Story fields of one line that a document may wrap."""
_LAYOUT_BREAK = re.compile("[ \t\n\r\f]*[\t\n\r\f][ \t\n\r\f]*")
"""A line break or TAB with the ASCII white space around it (not NBSP or ideographic space)."""


class Gathered:
    """What the reader has gathered from a 3.x-shaped document ``doc`` (whose
    properties it pops as it maps them): story ``fields``, ``extras``, and ``where``.

    ``where`` maps a model path below the story (``headline``, ``bylines[0]``) to the
    3.x path it was read from; ``paths`` gives that in the document's own names.
    """

    def __init__(self, doc: dict[str, Any], paths: Paths, *, ours: bool = False) -> None:
        self.doc = doc
        self.ours = ours
        """Whether the document declares the schema newsitem writes: its bodies are read exactly."""
        self.paths = paths
        self.fields: dict[str, Any] = {}
        self.where: dict[str, str] = {}
        self.extras: dict[str, str] = {}

    # --- what goes where ------------------------------------------------------------

    def keep(self, key: str, value: Any) -> None:
        """Keep a property without a home in extras, as sent."""
        text = _as_text(value)
        if text is not None:
            self.extras[_extras_key(key)] = text

    def lenient(
        self,
        value: Any,
        ok: Callable[[object], bool],
        path: str,
        what: str,
        *,
        key: str | None = None,
        inner: str = "",
    ) -> Any:
        """``value`` when the model takes it; else None, with the value kept in extras
        (under ``key``, else ``path``) and a note placed at ``path`` (plus ``inner``, a
        place inside the value such as a body link's ``/p[0]/a[1]``)."""
        if value is None or ok(value):
            return value
        _lenient.keep(
            _as_text(value) or repr(value),
            never,
            extras=self.extras,
            key=_extras_key(key or path[2:]),
            format=NAME,
            where=self.paths(path) + inner,
            what=what,
        )
        return None

    def take(self, field: str, value: Any, path: str) -> None:
        """Set a story field (None leaves it at its default), remembering its path.

        In another's document, a single-line field's line breaks and TABs are layout: they
        are collapsed with the spaces around them to one space, as a browser shows them
        (``"Council approves\nbudget"`` is the headline ``Council approves budget``), so one
        wrapped headline does not fail the document. Our own documents are read exactly."""
        if value is not None and not self.ours and field in _SINGLE_LINE and isinstance(value, str):
            value = _LAYOUT_BREAK.sub(" ", value).strip(" ") or None
        if value is not None:
            self.fields[field] = value
            self.where[field] = path

    def build(
        self, cls: Callable[..., Any], model: str, path: str, names: dict[str, str], **kwargs: Any
    ) -> Any:
        """``cls(**kwargs)``; a rule broken is raised at ``path`` plus the document name
        (``names``) of the attribute, under the model path ``model``."""
        try:
            return cls(**kwargs)
        except ValidationError as exc:

            def place(problem: Problem) -> tuple[str, None]:
                attribute = problem.path[len(model) :].lstrip(".")
                name = names.get(attribute.partition("[")[0], attribute) if attribute else ""
                return self.paths(f"{path}.{name}" if name else path), None

            raise exc.prefixed(model).placed(format=NAME, place=place) from None

    def time(self, value: Any, path: str, *, day: bool = False) -> datetime | date | None:
        """A date-time read leniently (``Z``, ``+0000``); with ``day``, a date alone
        (``2017-07-27``, which ninjs does not allow but some files hold) is a date,
        never midnight. An unreadable one is kept in extras."""
        reason = "expected a date-time string"
        if isinstance(value, str):
            try:
                found = dates.parse_day(value.strip())
                if found is None:
                    return dates.parse_lenient(value)
                if day:
                    return found
                reason = f"a date without a time in {value.strip()!r}; this field needs a time"
            except ValueError as exc:
                reason = str(exc)
        self.lenient(value, never, path, f"not a date-time the model takes ({reason})")
        return None

    def items(self, key: str) -> list[Any]:
        """The list under ``key`` (popped); anything else there is kept in extras as sent."""
        value = self.doc.pop(key, None)
        if value is None or isinstance(value, list):
            return value or []
        self.keep(key, value)
        return []

    def where_of(self, model_path: str) -> str | None:
        """The document path a model path (``Story.bylines[1].name``) was read from, if known."""
        if model_path == "Story":  # a rule of the whole story (it needs a headline, body or summary)
            return self.paths("$")
        below = model_path.removeprefix("Story.")
        found = [key for key in self.where if below == key or below.startswith((key + ".", key + "["))]
        return self.paths(self.where[max(found, key=len)]) if found else None
