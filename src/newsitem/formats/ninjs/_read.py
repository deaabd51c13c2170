"""Reading ninjs 3.x, 2.x and 1.x: what the model holds, and the rest in extras.

A value the model refuses in a foreign document (a URI with a space, a malformed
language tag, an unreadable time) is kept in extras with a ``kept-in-extras`` note
(:func:`newsitem.formats._lenient.keep`); a text the model refuses (a blank
headline) is a :class:`~newsitem.errors.ValidationError` that names the value's
path in the document read and its model path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import quote

from newsitem import dates
from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats import _lenient
from newsitem.formats._decode import is_number
from newsitem.formats._markup import body_html, body_text
from newsitem.formats.json import _document
from newsitem.formats.ninjs._versions import NAME, Paths, by_line, reshape, version
from newsitem.model import (
    Byline,
    PubStatus,
    Rights,
    Role,
    Source,
    Story,
    Subject,
    is_language,
    is_text,
    is_token,
    is_uri,
)

_ROLES = {role.value for role in Role}
_STATUSES = {status.value for status in PubStatus}
_SOURCE_FIELDS = {"origcont": "source", "provider": "provider"}
_NOT_A_URI = "not an absolute URI the model takes"


def _is_version(value: object) -> bool:
    return isinstance(value, str) and is_number(value) and int(value) >= 1


def _is_status(value: object) -> bool:
    return isinstance(value, str) and value in _STATUSES


def _is_urgency(value: object) -> bool:
    return type(value) is int and 1 <= value <= 9


def _never(value: object) -> bool:
    return False


def _as_text(value: Any) -> str | None:
    """``value`` as extras text: a string as it is (LF line ends), anything else as JSON
    text; JSON with escapes where the model's text cannot hold a character; None when blank."""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            return None
        if is_text(text):
            return text
    else:
        text = json.dumps(value, ensure_ascii=False)
        if is_text(text):
            return text
    return json.dumps(value)


def _string(item: object, key: str) -> str | None:
    """``item[key]`` when ``item`` is an object and that is a string (a role, a rel)."""
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _extras_key(key: str) -> str:
    full = f"ninjs.{key}"
    return full if is_token(full) else "ninjs." + quote(key, safe="", errors="backslashreplace")


class _Reader:
    """Takes what the model holds out of a 3.x-shaped document; the rest goes to extras.

    ``where`` maps a model path below the story (``headline``, ``bylines[0]``) to the
    3.x path it was read from; ``paths`` gives that in the document's own names.
    """

    def __init__(self, doc: dict[str, Any], paths: Paths) -> None:
        self.doc = doc
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
        self, value: Any, ok: Callable[[object], bool], path: str, what: str, *, key: str | None = None
    ) -> Any:
        """``value`` when the model takes it; else None, with the value kept in extras and a note."""
        if value is None or ok(value):
            return value
        _lenient.keep(
            _as_text(value) or repr(value),
            _never,
            extras=self.extras,
            key=_extras_key(key or path[2:]),
            format=NAME,
            where=self.paths(path),
            what=what,
        )
        return None

    def take(self, field: str, value: Any, path: str) -> None:
        """Set a story field (None leaves it at its default), remembering its path."""
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
            problems = []
            for problem in exc.problems:
                attribute = problem.path.partition(".")[2]
                name = names.get(attribute.partition("[")[0], attribute) if attribute else ""
                where = f"{path}.{name}" if name else path
                problems.append(
                    Problem(f"{model}.{attribute}".rstrip("."), problem.message, where=self.paths(where))
                )
            raise ValidationError(problems, format=NAME) from None

    def time(self, value: Any, path: str) -> datetime | None:
        """A date-time read leniently (``Z``, ``+0000``); an unreadable one is kept in extras."""
        reason = "expected a date-time string"
        if isinstance(value, str):
            try:
                parsed = dates.parse_lenient(value)
            except (ValueError, OverflowError) as exc:
                reason = str(exc)
            else:
                checked = dates.check(parsed)
                if checked is None:
                    return parsed
                reason = checked
        self.lenient(value, _never, path, f"not a date-time the model takes ({reason})")
        return None

    def items(self, key: str) -> list[Any]:
        """The list under ``key`` (popped); anything else there is kept in extras as sent."""
        value = self.doc.pop(key, None)
        if value is None or isinstance(value, list):
            return value or []
        self.keep(key, value)
        return []

    # --- the story ------------------------------------------------------------------

    def story(self) -> Story:
        for step in (
            self._identity,
            self._headlines,
            self._people,
            self._subjects,
            self._texts,
            self._rights,
        ):
            step()
        for key, value in self.doc.items():
            self.keep(key, value)
        try:
            return Story(**self.fields, extras=self.extras)
        except ValidationError as exc:
            raise ValidationError(
                [
                    problem._replace(where=problem.where or self._where_of(problem.path))
                    for problem in exc.problems
                ],
                format=NAME,
            ) from None

    def _where_of(self, model_path: str) -> str | None:
        below = model_path.removeprefix("Story.")
        found = [key for key in self.where if below == key or below.startswith((key + ".", key + "["))]
        return self.paths(self.where[max(found, key=len)]) if found else None

    def _identity(self) -> None:
        """Identifier, version, type, times, status and one-line values."""
        doc = self.doc
        uri, guid = doc.pop("uri", None), doc.pop("guid", None)
        if uri is not None and guid is not None:
            self.keep("guid", guid)
        path = "$.uri" if uri is not None else "$.guid"
        self.take(
            "guid",
            self.lenient(guid if uri is None else uri, is_token, path, "not an identifier (no spaces)"),
            path,
        )
        for name in ("standard", "$standard", "$schema"):
            doc.pop(name, None)
        kind = doc.pop("type", "text")
        if kind != "text":
            self.keep("type", kind)
        number = self.lenient(doc.pop("version", None), _is_version, "$.version", "not a version number")
        self.take("version", None if number is None else int(number), "$.version")
        for key, field in (
            ("firstCreated", "published"),
            ("versionCreated", "updated"),
            ("embargoedUntil", "embargoed"),
        ):
            if key in doc:
                self.take(field, self.time(doc.pop(key), f"$.{key}"), f"$.{key}")
        for key, field, ok, what in (
            ("pubStatus", "status", _is_status, "not a publication status (usable, withheld, canceled)"),
            ("urgency", "urgency", _is_urgency, "not an urgency from 1 to 9"),
            ("language", "language", is_language, "not a BCP 47 language tag"),
        ):
            self.take(field, self.lenient(doc.pop(key, None), ok, f"$.{key}", what), f"$.{key}")
        for key, field in (("slugline", "slugline"), ("located", "dateline")):
            if key in doc:
                self.take(field, doc.pop(key), f"$.{key}")

    def _headlines(self) -> None:
        """The main headline and the subheadline."""
        rest = []
        for index, item in enumerate(self.items("headlines")):
            role = _string(item, "role")
            field = {"main": "headline", "subhead": "subheadline"}.get(str(role))
            if field is not None and field not in self.fields and isinstance(item, dict):
                self.take(field, item.get("value"), f"$.headlines[{index}].value")
            else:
                rest.append(item)
        if rest:
            self.keep("headlines", rest)
        if "headline" not in self.fields:
            where = self.paths("$.headlines")
            problem = Problem(
                "Story.headline", "no main headline (role 'main', or 1.x 'headline')", where=where
            )
            raise ValidationError([problem], format=NAME)

    def _people(self) -> None:
        """Bylines, source and provider from infoSources; the by-line; priority."""
        bylines: list[Byline] = []
        rest = []
        for index, item in enumerate(self.items("infoSources")):
            path = f"$.infoSources[{index}]"
            role = _string(item, "role")
            if role in _ROLES and isinstance(item.get("name"), str) and set(item) <= {"name", "role"}:
                model = f"Story.bylines[{len(bylines)}]"
                self.where[model[6:]] = path
                bylines.append(self.build(Byline, model, path, {}, name=item["name"], role=role))
            elif (
                role in _SOURCE_FIELDS
                and _SOURCE_FIELDS[role] not in self.fields
                and set(item) <= {"name", "role", "uri", "literal"}
                and (item.get("name") is not None or item.get("literal") is not None)
            ):
                field = _SOURCE_FIELDS[role]
                url = self.lenient(item.get("uri"), is_uri, f"{path}.uri", _NOT_A_URI)
                names = {"url": "uri", "code": "literal"}
                source = self.build(
                    Source,
                    f"Story.{field}",
                    path,
                    names,
                    name=item.get("name"),
                    url=url,
                    code=item.get("literal"),
                )
                self.take(field, source, path)
            else:
                rest.append(item)
        if rest:
            self.keep("infoSources", rest)
        self.fields["bylines"] = bylines
        by = self.doc.pop("by", None)
        authors = [b.name for b in bylines if b.role is Role.AUTHOR]
        if by is not None and (not authors or by != by_line(authors)):
            self.keep("by", by)
        if isinstance(self.doc.get("source"), str) and "source" not in self.fields:
            self.take(
                "source",
                self.build(Source, "Story.source", "$.source", {"name": ""}, name=self.doc.pop("source")),
                "$.source",
            )
        priority = self.doc.get("priority")
        if isinstance(priority, (int, str)) and not isinstance(priority, bool):
            self.take("priority", str(self.doc.pop("priority")), "$.priority")

    def _subjects(self) -> None:
        """Genre, subjects, section and keywords."""
        genres = self.doc.pop("genres", None)
        if isinstance(genres, list) and genres and isinstance(genres[0], dict) and "name" in genres[0]:
            self.take("genre", genres[0]["name"], "$.genres[0].name")
            if genres != [{"name": genres[0]["name"]}]:
                self.keep("genres", genres)  # codes and further genres, as sent
        elif genres is not None and genres != []:
            self.keep("genres", genres)
        subjects: list[Subject] = []
        keywords: list[str] = []
        rest: list[Any] = []
        for index, item in enumerate(self.items("subjects")):
            path = f"$.subjects[{index}]"
            rel = _string(item, "rel")
            name = item.get("name") if isinstance(item, dict) else None
            if rel == "section" and set(item) == {"name", "rel"} and "section" not in self.fields:
                self.take("section", name, f"{path}.name")
            elif rel == "keyword" and set(item) == {"name", "rel"} and isinstance(name, str):
                self.where[f"keywords[{len(keywords)}]"] = f"{path}.name"
                keywords.append(name)
            elif (
                isinstance(item, dict)
                and rel in (None, "about")
                and set(item) <= {"name", "rel", "uri", "literal"}
            ):
                subject = self._subject(item, path, len(subjects))
                if subject is not None:
                    subjects.append(subject)
            else:
                rest.append(item)
        if rest:
            self.keep("subjects", rest)
        self.fields["subjects"] = subjects
        self.fields["keywords"] = keywords

    def _subject(self, item: dict[str, Any], path: str, number: int) -> Subject | None:
        """One ``about`` subject; a code the model refuses is kept in extras as ``subjects.<n>.code``."""
        key = "uri" if "uri" in item else "literal"
        code = self.lenient(item.get(key), is_uri, f"{path}.{key}", _NOT_A_URI, key=f"subjects.{number}.code")
        name = item.get("name")
        if code is None and name is None:
            return None
        model = f"Story.subjects[{number}]"
        self.where[model[6:]] = path
        subject: Subject = self.build(Subject, model, path, {"code": key}, code=code, name=name)
        return subject

    def _texts(self) -> None:
        """Summary and body."""
        for index, item in enumerate(self.items("descriptions")):
            if index == 0 and isinstance(item, dict) and item.get("role") == "summary":
                self.take("summary", item.get("value"), "$.descriptions[0].value")
            else:
                self.keep(f"descriptions.{index}", item)
        for index, item in enumerate(self.items("bodies")):
            if index == 0 and isinstance(item, dict) and isinstance(item.get("value"), str):
                self.take(
                    "body",
                    self._body(item["value"], item.get("contentType", "text/plain")),
                    "$.bodies[0].value",
                )
            else:
                self.keep(f"bodies.{index}", item)

    def _body(self, value: str, content_type: object) -> list[Any]:
        where = self.paths("$.bodies[0].value")
        try:
            return body_text(value) if content_type == "text/plain" else body_html(value)
        except ValidationError as exc:
            raise exc.prefixed("Story.body").located(format=NAME, where=where) from None
        except ParseError as exc:
            raise ParseError(f"{exc.message} (in {where})", format=NAME, line=exc.line) from None

    def _rights(self) -> None:
        """Rights, and the original URL from renditions."""
        names = {"holder": "copyrightHolder", "notice": "copyrightNotice", "terms": "usageTerms"}
        rights = {field: self.doc.pop(key) for field, key in names.items() if self.doc.get(key) is not None}
        info = self.doc.pop("rightsInfo", None)
        if isinstance(info, dict) and set(info) == {"linkedRights"}:
            path = "$.rightsInfo.linkedRights"
            linked = self.lenient(info["linkedRights"], is_uri, path, _NOT_A_URI)
            if linked is not None:
                rights["license"] = linked
        elif info is not None:
            self.keep("rightsInfo", info)
        if rights:
            names["license"] = "rightsInfo.linkedRights"
            self.take("rights", self.build(Rights, "Story.rights", "$", names, **rights), "$")
        rest = []
        web = False
        for index, item in enumerate(self.items("renditions")):
            if (
                not web
                and isinstance(item, dict)
                and item.get("name") == "web"
                and set(item) == {"name", "href", "contentType"}
            ):
                web = True
                path = f"$.renditions[{index}].href"
                self.take("url", self.lenient(item["href"], is_uri, path, _NOT_A_URI), path)
            else:
                rest.append(item)
        if rest:
            self.keep("renditions", rest)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a ninjs 3.x, 2.x or 1.x document.

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is skipped).
        tz: Accepted and ignored: ninjs times carry their own offsets.

    A value the model refuses in somebody else's document (a rendition ``href``
    with a space, a malformed ``language``, an unreadable time) does not fail the
    item: it is kept in extras under ``ninjs.`` with a ``kept-in-extras`` note
    (see :func:`newsitem.read`).

    Raises:
        ParseError: not UTF-8, not JSON, or not a JSON object.
        ValidationError: no main headline, or a text the model refuses (a blank or
            multi-line headline), with its document path (``$.headlines[0].value``)
            and model path (``Story.headline``).
    """
    doc = _document(data, format=NAME)
    if not isinstance(doc, dict):
        raise ParseError("a ninjs document is a JSON object", format=NAME, line=1, column=1)
    shaped, paths = reshape(doc, version(doc))
    return _Reader(shaped, paths).story()
