"""Reading ninjs 3.x, 2.x and 1.x: what the model holds, and the rest in extras.

A value the model refuses in a foreign document (a URI with a space, a malformed
language tag, an unreadable time) is kept in extras with a ``kept-in-extras`` note
(:func:`newsitem.formats._lenient.keep`); a text the model refuses (a blank
headline) is a :class:`~newsitem.errors.ValidationError` that names the value's
path in the document read and its model path.
"""

from __future__ import annotations

from collections import deque
from datetime import tzinfo
from typing import Any

from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats._converter import _kind
from newsitem.formats._decode import is_number
from newsitem.formats._lenient import never
from newsitem.formats._markup import body_blocks, body_text, lenient_links
from newsitem.formats.ninjs._container import members, not_an_object
from newsitem.formats.ninjs._gather import Gathered, string
from newsitem.formats.ninjs._versions import NAME, by_line, reshape, version
from newsitem.model import (
    Byline,
    BylineKind,
    PubStatus,
    Rights,
    Role,
    Source,
    Story,
    Subject,
    is_code,
    is_language,
    is_token,
    is_uri,
)

_ROLES = {role.value for role in Role}
_STATUSES = {status.value for status in PubStatus}
_SOURCE_FIELDS = {"origcont": "source", "provider": "provider"}
_NOT_A_URI = "not an absolute URI the model takes"
_NOT_A_CODE = "not a subject code the model takes (a QCode or an absolute IRI)"


def _is_version(value: object) -> bool:
    """A version number: a string as ninjs has it, or an integer as AP's API sends it."""
    if type(value) is int:
        return value >= 1
    return isinstance(value, str) and is_number(value) and int(value) >= 1


def _is_status(value: object) -> bool:
    return isinstance(value, str) and value in _STATUSES


def _is_urgency(value: object) -> bool:
    return type(value) is int and 1 <= value <= 9


def _is_summary(item: object) -> bool:
    """Whether the first description is the summary: role ``summary``, or plain text
    with no role or the role ``text`` (ninjs' simple description; IPTC's examples)."""
    if not isinstance(item, dict):
        return False
    role, content_type = item.get("role"), item.get("contentType", "text/plain")
    return role == "summary" or (role in (None, "text") and content_type == "text/plain")


class _Reader(Gathered):
    """Takes what the model holds out of a 3.x-shaped document; the rest goes to extras."""

    # --- the story ------------------------------------------------------------------

    def story(self) -> Story:
        """The story: each step maps its properties, everything left is kept in extras.

        Raises:
            ValidationError: a rule of the model broken, at the value's document path.
        """
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
            raise exc.placed(format=NAME, place=lambda problem: (self.where_of(problem.path), None)) from None

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
                value = self.time(doc.pop(key), f"$.{key}", day=field != "embargoed")
                self.take(field, value, f"$.{key}")
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
        """The main headline (role ``main``, else the first without a role: ninjs' "simple
        headline") and the subheadline; a story without one, or with an empty one, has none.

        Raises:
            ValidationError: ``headlines`` is not an array of objects, and no headline
                could be read from it.
        """
        sent = self.doc.get("headlines")
        if sent is not None and not isinstance(sent, list):
            self._no_headline(f"expected an array of objects (role and value), got {_kind(sent)}")
        items = self.items("headlines")
        roles = [string(item, "role") if isinstance(item, dict) else None for item in items]
        main = roles.index("main") if "main" in roles else None
        if main is None:
            main = next(
                (i for i, item in enumerate(items) if isinstance(item, dict) and "role" not in item), None
            )
        rest = []
        for index, item in enumerate(items):
            field = "headline" if index == main else "subheadline" if roles[index] == "subhead" else None
            if field is not None and field not in self.fields and isinstance(item, dict):
                value = item.get("value")
                if isinstance(value, str) and not value.strip():
                    continue  # an empty headline (STT's, a wire alert's) is no headline
                self.take(field, value, f"$.headlines[{index}].value")
            else:
                rest.append(item)
        if rest:
            self.keep("headlines", rest)
        if "headline" not in self.fields:
            other = next((item for item in rest if not isinstance(item, dict)), None)
            if other is not None:
                self._no_headline(f"no main headline: expected an array of objects, got {_kind(other)} in it")

    def _no_headline(self, message: str) -> None:
        problem = Problem("Story.headline", message, where=self.paths("$.headlines"))
        raise ValidationError([problem], format=NAME)

    def _credited(self) -> tuple[dict[tuple[str, str], deque[int]], list[Any]]:
        """The ``organisations`` credited for the content (``{name, rel}`` with a byline
        role as ``rel``): their indexes by (name, role), in order; and the other organisations."""
        credited: dict[tuple[str, str], deque[int]] = {}
        others: list[Any] = []
        for index, item in enumerate(self.items("organisations")):
            rel = string(item, "rel")
            if rel in _ROLES and set(item) == {"name", "rel"} and isinstance(item["name"], str):
                credited.setdefault((item["name"], str(rel)), deque()).append(index)
            else:
                others.append(item)
        return credited, others

    def _byline(self, bylines: list[Byline], path: str, name: object, role: str, kind: BylineKind) -> None:
        model = f"Story.bylines[{len(bylines)}]"
        self.where[model[6:]] = path
        bylines.append(self.build(Byline, model, path, {}, name=name, role=role, kind=kind))

    def _people(self) -> None:
        """Bylines (an organisation where ``organisations`` credits it with the same name
        and role), source and provider from infoSources; the by-line; priority."""
        bylines: list[Byline] = []
        credited, others = self._credited()
        rest = []
        for index, item in enumerate(self.items("infoSources")):
            path = f"$.infoSources[{index}]"
            role = string(item, "role")
            if role in _ROLES and isinstance(item.get("name"), str) and set(item) <= {"name", "role"}:
                same = credited.get((item["name"], str(role)))
                kind = BylineKind.ORGANISATION if same else BylineKind.PERSON
                if same:
                    same.popleft()
                self._byline(bylines, path, item["name"], str(role), kind)
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
        alone = sorted((index, name, role) for (name, role), left in credited.items() for index in left)
        for index, name, role in alone:  # credited in organisations only
            self._byline(bylines, f"$.organisations[{index}]", name, role, BylineKind.ORGANISATION)
        if others:
            self.keep("organisations", others)
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
            rel = string(item, "rel")
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
        code = self.lenient(
            item.get(key), is_code, f"{path}.{key}", _NOT_A_CODE, key=f"subjects.{number}.code"
        )
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
            if index == 0 and _is_summary(item):
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
            elif index == 0 and isinstance(item, dict):  # the body, but not a text: kept, with a note
                what = f"a body whose value is not a string ({_kind(item.get('value'))})"
                self.lenient(item, never, "$.bodies[0].value", what, key="bodies.0")
            elif index == 0:
                what = f"a body that is not an object with a value ({_kind(item)})"
                self.lenient(item, never, "$.bodies[0]", what, key="bodies.0")
            else:
                self.keep(f"bodies.{index}", item)

    def _body(self, value: str, content_type: object) -> list[Any]:
        """The body: plain text, or HTML whose links follow the one rule for body links
        (one the model refuses is kept in extras as ``ninjs.body[P].link[I]``)."""
        path = "$.bodies[0].value"
        where = self.paths(path)
        links = lenient_links(
            lambda href, paragraph, index: self.lenient(
                href,
                is_uri,
                path,
                "a link that is " + _NOT_A_URI,
                key=f"body[{paragraph}].link[{index}]",
                inner=f"/p[{paragraph}]/a[{index}]",
            )
        )
        try:
            if content_type == "text/plain":
                return body_text(value)
            return body_blocks(value, format=NAME, link=links)
        except ValidationError as exc:
            raise exc.prefixed("Story.body").located(format=NAME, where=where) from None

    def _rights(self) -> None:
        """Rights, and the original URL from renditions."""
        names = {"holder": "copyrightHolder", "notice": "copyrightNotice", "terms": "usageTerms"}
        rights = {}
        for field, key in names.items():
            value = self.doc.pop(key, None)
            if isinstance(value, list) and value and all(isinstance(line, str) for line in value):
                value = "\n".join(value)  # AP's usageterms: a list of statements, one per line
            if value is None or isinstance(value, str):
                rights.update({field: value} if value is not None else {})
            else:
                self.keep(key, value)
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


def read_member(value: Any, where: str | None = None) -> Story:
    """The story of one ninjs object (a JSON value) found at ``where`` in its input;
    the document paths of its errors and notes start there (``$[2].headlines``).

    Raises:
        ParseError: ``value`` is not a JSON object.
        ValidationError: as :func:`loads`.
    """
    if not isinstance(value, dict):
        raise not_an_object(value, where)
    shaped, paths = reshape(value, version(value))
    if where is not None and where.startswith("$"):
        paths.root = where  # errors and notes name the place in the whole input
    return _Reader(shaped, paths).story()


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a ninjs 3.x, 2.x or 1.x document.

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is skipped).
        tz: Accepted and ignored: ninjs times carry their own offsets.

    A value the model refuses in somebody else's document (a rendition ``href``
    with a space, a malformed ``language``, an unreadable time) does not fail the
    item: it is kept in extras under ``ninjs.`` with a ``kept-in-extras`` note
    (see :func:`newsitem.read`).

    An input that holds ninjs objects (a JSON array, an envelope such as AP's
    ``data.item``, JSON Lines; see :mod:`._container`) is read when it holds
    exactly one; one with several is refused: :func:`newsitem.loads_all` reads
    them all.

    Raises:
        ParseError: not UTF-8, not JSON, not a JSON object, or a container of
            other than one object.
        ValidationError: a text the model refuses (a blank or multi-line
            headline), with its document path (``$.headlines[0].value``) and
            model path (``Story.headline``), or a story with no headline, body
            nor summary.
    """
    shape, found = members(data)
    if shape is not None and len(found) != 1:
        raise ParseError(
            f"a ninjs document is a JSON object, and this is {shape}:"
            " read its stories with newsitem.loads_all (or parse_all)",
            format=NAME,
            line=1,
            column=1,
        )
    where, value = found[0]
    return read_member(value(), where)
