"""ninjs, IPTC's news in JSON: 3.1 written (or the 2.2 shape), 3.x, 2.x and 1.x read.

Writing follows the mapping of the docs page ``formats/ninjs``. Stock ninjs has
no place for a byline's job title or affiliation, the priority code, a
source's or provider's URL-less code beyond ``literal``, or ``extras``; those
are the projection :func:`carried` leaves out, and ``dumps`` refuses a story
that carries them unless ``lossy=True``. ninjs times need an offset: a naive
time is refused unless ``tz=`` names the zone it was in (never UTC by default).

Reading tells the version from ``standard.version`` (3.x, 2.x), ``$standard``
(1.x) or the document's shape, maps what the model holds, and keeps every other
property in ``extras`` as ``ninjs.<name>`` with its JSON text, so nothing is
silently dropped.
"""

from __future__ import annotations

import html
import json as _json
import re
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any, Literal

import attrs

from newsitem import dates
from newsitem.errors import ParseError, SerializeError, ValidationError
from newsitem.formats._decode import is_number as _is_number
from newsitem.formats._markup import body_html as _body_html
from newsitem.formats._markup import body_text as _body_text
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Byline, Paragraph, PubStatus, Rights, Role, Source, Story, Subject

__all__ = ["SCHEMA_URIS", "carried", "dumps", "loads", "sniff"]

NAME = "ninjs"
SCHEMA_URIS = {
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    "2.2": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
}
"""The schema each written version declares in ``standard.schema``."""

# A strict RFC 3986 URI (ASCII only): what ninjs' "format": "uri" accepts.
_STRICT_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")
_ROLES = {role.value for role in Role}
_SOURCE_FIELDS = {"origcont": "source", "provider": "provider"}


# --- writing -----------------------------------------------------------------------------


def carried(story: Story) -> Story:
    """The part of ``story`` stock ninjs carries: what ``loads(dumps(story, lossy=True))`` gives
    (for a story whose times have offsets)."""

    def plain(value: str | None) -> str | None:
        return value if _plain_uri(value) else None

    def source(value: Source | None) -> Source | None:
        return None if value is None else attrs.evolve(value, url=plain(value.url))

    rights = story.rights
    if rights is not None and not _plain_uri(rights.license):
        rights = (
            None
            if (rights.notice, rights.holder, rights.terms) == (None,) * 3
            else attrs.evolve(rights, license=None)
        )
    return attrs.evolve(
        story,
        bylines=[Byline(name=b.name, role=b.role) for b in story.bylines],
        priority=None,
        extras={},
        url=plain(story.url),
        rights=rights,
        source=source(story.source),
        provider=source(story.provider),
    )


def _plain_uri(value: str | None) -> bool:
    return value is None or _STRICT_URI.fullmatch(value) is not None


def _html(paragraph: Paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text, quote=False)
        if run.emphasis:
            text = f"<em>{text}</em>"
        if run.strong:
            text = f"<strong>{text}</strong>"
        if run.link is not None:
            text = f'<a href="{html.escape(run.link)}">{text}</a>'
        parts.append(text)
    return "<p>" + "".join(parts) + "</p>"


def _when(value: datetime | None, field: str, zone: tzinfo | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        if zone is None:
            raise SerializeError(
                f"ninjs needs an offset on every time, and {field} is naive;"
                " pass tz= to say which zone it is in"
            )
        value = dates.fixed_offset(value.replace(tzinfo=zone))
    return value.isoformat()


def _by(bylines: list[str]) -> str:
    return "By " + _wire.join_names(bylines)


def _uri_or_literal(value: str) -> dict[str, str]:
    return {"uri": value} if _STRICT_URI.fullmatch(value) else {"literal": value}


def _to_builtins(story: Story, zone: tzinfo | None) -> dict[str, Any]:
    if story.guid is None or not _STRICT_URI.fullmatch(story.guid):
        raise SerializeError(f"ninjs needs the story's guid as a URI (its 'uri'), got {story.guid!r}")
    doc: dict[str, Any] = {
        "uri": story.guid,
        "standard": {"name": "ninjs", "version": "3.1", "schema": SCHEMA_URIS["3.1"]},
        "type": "text",
        "version": str(story.version),
    }
    for key, value, field in (
        ("firstCreated", story.published, "published"),
        ("versionCreated", story.updated, "updated"),
        ("embargoedUntil", story.embargoed, "embargoed"),
    ):
        text = _when(value, field, zone)
        if text is not None:
            doc[key] = text
    doc["pubStatus"] = story.status.value
    if story.urgency is not None:
        doc["urgency"] = story.urgency
    if story.language is not None:
        doc["language"] = story.language
    doc["headlines"] = [{"role": "main", "value": story.headline}]
    if story.subheadline is not None:
        doc["headlines"].append({"role": "subhead", "value": story.subheadline})
    _write_people(story, doc)
    if story.dateline is not None:
        doc["located"] = story.dateline
    _write_subjects(story, doc)
    if story.slugline is not None:
        doc["slugline"] = story.slugline
    _write_texts(story, doc)
    return doc


def _write_people(story: Story, doc: dict[str, Any]) -> None:
    authors = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    if authors:
        doc["by"] = _by(authors)
    sources = [{"name": b.name, "role": b.role.value} for b in story.bylines]
    for source, role in ((story.source, "origcont"), (story.provider, "provider")):
        if source is not None:
            item: dict[str, str] = {"role": role}
            if source.name is not None:
                item["name"] = source.name
            if source.url is not None and _STRICT_URI.fullmatch(source.url):
                item["uri"] = source.url
            if source.code is not None:
                item["literal"] = source.code
            sources.append(item)
    if sources:
        doc["infoSources"] = sources


def _write_subjects(story: Story, doc: dict[str, Any]) -> None:
    if story.genre is not None:
        doc["genres"] = [{"name": story.genre}]
    subjects: list[dict[str, str]] = []
    for subject in story.subjects:
        item = {"rel": "about"}
        if subject.name is not None:
            item["name"] = subject.name
        if subject.code is not None:
            item.update(_uri_or_literal(subject.code))
        subjects.append(item)
    if story.section is not None:
        subjects.append({"name": story.section, "rel": "section"})
    subjects.extend({"name": keyword, "rel": "keyword"} for keyword in story.keywords)
    if subjects:
        doc["subjects"] = subjects


def _write_texts(story: Story, doc: dict[str, Any]) -> None:
    if story.summary is not None:
        doc["descriptions"] = [{"role": "summary", "contentType": "text/plain", "value": story.summary}]
    if story.body:
        doc["bodies"] = [
            {"role": "main", "contentType": "text/html", "value": "".join(_html(p) for p in story.body)}
        ]
    rights = story.rights
    if rights is not None:
        if rights.holder is not None:
            doc["copyrightHolder"] = rights.holder
        if rights.notice is not None:
            doc["copyrightNotice"] = rights.notice
        if rights.terms is not None:
            doc["usageTerms"] = rights.terms
        if rights.license is not None and _STRICT_URI.fullmatch(rights.license):
            doc["rightsInfo"] = {"linkedRights": rights.license}
    if story.url is not None and _STRICT_URI.fullmatch(story.url):
        doc["renditions"] = [{"name": "web", "href": story.url, "contentType": "text/html"}]


def _lowercase(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            ("embargoed" if key == "embargoedUntil" else key.lower()): _lowercase(v)
            for key, v in value.items()
        }
    if isinstance(value, list):
        return [_lowercase(v) for v in value]
    return value


def dumps(
    story: Story,
    *,
    version: Literal["3.1", "2.2"] = "3.1",
    tz: str | tzinfo | None = None,
    lossy: bool = False,
    indent: int | None = None,
) -> str:
    """Write ``story`` as a ninjs document.

    Args:
        story: The story.
        version: ``"3.1"`` (camelCase) or ``"2.2"`` (the 2.x lowercase shape).
        tz: The zone of naive times (an IANA name or a tzinfo); without it a
            naive time is refused.
        lossy: Write what stock ninjs carries and leave the rest out (see
            :func:`carried`); without it such a story is refused.
        indent: Spaces per level for people; None is compact.

    Raises:
        SerializeError: no URI-shaped guid, a naive time without ``tz``, or
            (without ``lossy``) a field ninjs cannot carry.
    """
    if not lossy:
        lost = [
            name
            for name, kept in (
                (
                    "bylines (title, affiliation)",
                    all(b.title is None and b.affiliation is None for b in story.bylines),
                ),
                ("priority", story.priority is None),
                ("extras", not story.extras),
                ("url (not a plain URI)", _plain_uri(story.url)),
                (
                    "rights.license (not a plain URI)",
                    story.rights is None or _plain_uri(story.rights.license),
                ),
                ("source.url (not a plain URI)", story.source is None or _plain_uri(story.source.url)),
                ("provider.url (not a plain URI)", story.provider is None or _plain_uri(story.provider.url)),
            )
            if not kept
        ]
        if lost:
            raise SerializeError(
                f"stock ninjs cannot carry {', '.join(lost)}; pass lossy=True to write without them"
            )
    try:
        zone = dates.zone(tz)
    except ValueError as exc:
        raise SerializeError(str(exc)) from None
    doc = _to_builtins(story, zone)
    if version == "2.2":
        doc = _lowercase(doc)
        doc["standard"] = {"name": "ninjs", "version": "2.2", "schema": SCHEMA_URIS["2.2"]}
    elif version != "3.1":
        raise ValueError(f"version must be '3.1' or '2.2', got {version!r}")
    if indent is None:
        return _json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return _json.dumps(doc, ensure_ascii=False, indent=indent)


# --- reading ------------------------------------------------------------------------------


def _lenient_time(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise ValidationError.single(f"$.{field}", f"expected a date-time string, got {value!r}")
    try:
        parsed = dates.parse_lenient(value)
    except ValueError as exc:
        raise ValidationError.single(f"$.{field}", str(exc)) from None
    reason = dates.check(parsed)
    if reason is not None:
        raise ValidationError.single(f"$.{field}", reason)
    return parsed


# 2.x names (all lowercase) and 1.x names that differ, mapped to the 3.x names.
_FROM_2X = {
    name.lower(): name
    for name in [
        "representationType",
        "firstCreated",
        "versionCreated",
        "contentCreated",
        "pubStatus",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "edNote",
        "infoSources",
        "altIds",
        "trustIndicators",
        "rightsInfo",
        "digitalSourceType",
        "contentType",
        "charCount",
        "wordCount",
        "linkedRights",
        "encodedRights",
        "langId",
    ]
}
_FROM_2X["embargoed"] = "embargoedUntil"


def _camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {_FROM_2X.get(key, key): _camel(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _from_1x(doc: dict[str, Any]) -> dict[str, Any]:
    """Reshape a 1.x (or superdesk-dialect) document into the 3.x names; the rest stays as it is."""
    out: dict[str, Any] = _camel(dict(doc))
    headlines = []
    if "headline" in out:
        headlines.append({"role": "main", "value": out.pop("headline")})
    for key in [k for k in out if k.startswith("headline_")]:
        headlines.append({"role": "subhead" if key == "headline_subhead" else key[9:], "value": out.pop(key)})
    if headlines:
        out["headlines"] = headlines
    # One body and one description have a home; the other renderings stay under
    # their 1.x names and so land in extras as sent.
    for key, content_type in (
        ("body_html", "text/html"),
        ("body_xhtml", "application/xhtml+xml"),
        ("body_text", "text/plain"),
    ):
        if key in out:
            out["bodies"] = [{"role": "main", "contentType": content_type, "value": out.pop(key)}]
            break
    for key, content_type in (("description_text", "text/plain"), ("description_html", "text/html")):
        if key in out:
            out["descriptions"] = [{"role": "summary", "contentType": content_type, "value": out.pop(key)}]
            break
    if "byline" in out:
        out["by"] = out.pop("byline")
    for old, new in (("subject", "subjects"), ("genre", "genres"), ("infosource", "infoSources")):
        if isinstance(out.get(old), list):
            items = []
            for original in out.pop(old):
                item = dict(original) if isinstance(original, dict) else original
                if isinstance(item, dict) and "code" in item:
                    code = item.pop("code")
                    scheme = item.pop("scheme", None)
                    item["literal" if scheme is None else "uri"] = (
                        code if scheme is None else f"{scheme}{code}"
                    )
                items.append(item)
            out[new] = items
    return out


_SCHEMA_VERSION = re.compile(r"ninjs-schema_(\d+(?:\.\d+)*)")


def _version(doc: dict[str, Any]) -> str:
    standard = doc.get("standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        return str(standard["version"])
    declared = _SCHEMA_VERSION.search(str(doc.get("$schema", "")))
    if declared is not None:
        return declared.group(1)
    if "$standard" in doc or any(
        k in doc for k in ("headline", "byline", "body_text", "body_html", "body_xhtml")
    ):
        return "1.x"
    if any(
        k in doc for k in ("versioncreated", "firstcreated", "infosources", "pubstatus", "copyrightnotice")
    ):
        return "2.x"
    return "3.x"


class _Reader:
    """Takes what the model holds out of a 3.x-shaped document; the rest goes to extras."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.fields: dict[str, Any] = {}
        self.extras: dict[str, str] = {}

    def keep(self, key: str, value: Any) -> None:
        self.extras[f"ninjs.{key}"] = (
            value if isinstance(value, str) else _json.dumps(value, ensure_ascii=False)
        )

    def story(self) -> Story:
        for step in (
            self._identity,
            self._headlines,
            self._people,
            self._subjects,
            self._texts,
            self._rights,
        ):
            step(self.doc, self.fields, self.keep)
        for key, value in self.doc.items():
            self.keep(key, value)
        return Story(**self.fields, extras=self.extras)

    @staticmethod
    def _identity(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """Identifier, version, type, times, status and one-line values."""
        uri = doc.pop("uri", None)
        guid = doc.pop("guid", None)
        fields["guid"] = uri if uri is not None else guid
        if uri is not None and guid is not None:
            keep("guid", guid)
        doc.pop("standard", None)
        doc.pop("$standard", None)
        doc.pop("$schema", None)
        kind = doc.pop("type", "text")
        if kind != "text":
            keep("type", kind)
        version = doc.pop("version", None)
        if isinstance(version, str) and _is_number(version) and int(version) >= 1:
            fields["version"] = int(version)
        elif version is not None:
            keep("version", version)
        for key, field in (
            ("firstCreated", "published"),
            ("versionCreated", "updated"),
            ("embargoedUntil", "embargoed"),
        ):
            if key in doc:
                fields[field] = _lenient_time(doc.pop(key), key)
        if "pubStatus" in doc:
            status = doc.pop("pubStatus")
            if status in {s.value for s in PubStatus}:
                fields["status"] = status
            else:
                keep("pubStatus", status)
        for key, field in (
            ("urgency", "urgency"),
            ("language", "language"),
            ("slugline", "slugline"),
            ("located", "dateline"),
        ):
            if key in doc:
                fields[field] = doc.pop(key)

    @staticmethod
    def _headlines(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """The main headline and the subheadline."""
        headlines = doc.pop("headlines", [])
        rest_headlines = []
        for item in headlines if isinstance(headlines, list) else []:
            role = item.get("role") if isinstance(item, dict) else None
            if role == "main" and "headline" not in fields:
                fields["headline"] = item.get("value")
            elif role == "subhead" and "subheadline" not in fields:
                fields["subheadline"] = item.get("value")
            else:
                rest_headlines.append(item)
        if rest_headlines:
            keep("headlines", rest_headlines)
        if "headline" not in fields:
            raise ValidationError.single("$.headlines", "no main headline (role 'main', or 1.x 'headline')")

    @staticmethod
    def _people(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """Bylines, source and provider from infoSources; the by-line; priority."""
        bylines: list[Byline] = []
        sources = doc.pop("infoSources", [])
        rest_sources = []
        for item in sources if isinstance(sources, list) else []:
            role = item.get("role") if isinstance(item, dict) else None
            if role in _ROLES and isinstance(item.get("name"), str) and set(item) <= {"name", "role"}:
                bylines.append(Byline(name=item["name"], role=role))
            elif (
                role in ("origcont", "provider")
                and _SOURCE_FIELDS[role] not in fields
                and set(item) <= {"name", "role", "uri", "literal"}
            ):
                fields[_SOURCE_FIELDS[role]] = Source(
                    name=item.get("name"), url=item.get("uri"), code=item.get("literal")
                )
            else:
                rest_sources.append(item)
        if rest_sources:
            keep("infoSources", rest_sources)
        fields["bylines"] = bylines
        by = doc.pop("by", None)
        authors = [b.name for b in bylines if b.role is Role.AUTHOR]
        if by is not None and (not authors or by != _by(authors)):
            keep("by", by)
        if "source" in doc and "source" not in fields and isinstance(doc["source"], str):
            fields["source"] = Source(name=doc.pop("source"))
        if (
            "priority" in doc
            and isinstance(doc["priority"], (int, str))
            and not isinstance(doc["priority"], bool)
        ):
            fields["priority"] = str(doc.pop("priority"))

    @staticmethod
    def _subjects(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """Genre, subjects, section and keywords."""
        genres = doc.pop("genres", [])
        if isinstance(genres, list) and genres and isinstance(genres[0], dict) and "name" in genres[0]:
            fields["genre"] = genres[0]["name"]
            if genres != [{"name": genres[0]["name"]}]:
                keep("genres", genres)  # codes and further genres, as sent
        elif genres:
            keep("genres", genres)
        subjects: list[Subject] = []
        keywords: list[str] = []
        rest_subjects: list[Any] = []
        for item in doc.pop("subjects", []) or []:
            rel = item.get("rel") if isinstance(item, dict) else None
            name = item.get("name") if isinstance(item, dict) else None
            if rel == "section" and set(item) == {"name", "rel"} and "section" not in fields:
                fields["section"] = name
            elif rel == "keyword" and set(item) == {"name", "rel"}:
                keywords.append(str(name))
            elif (
                isinstance(item, dict)
                and rel in (None, "about")
                and set(item) <= {"name", "rel", "uri", "literal"}
            ):
                code = item.get("uri", item.get("literal"))
                if code is not None and not (isinstance(code, str) and ":" in code):
                    keep(f"subjects.{len(subjects)}.code", code)
                    code = None
                subjects.append(Subject(code=code, name=name))
            else:
                rest_subjects.append(item)
        if rest_subjects:
            keep("subjects", rest_subjects)
        fields["subjects"] = subjects
        fields["keywords"] = keywords

    @staticmethod
    def _texts(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """Summary and body."""
        descriptions = doc.pop("descriptions", [])
        for index, item in enumerate(descriptions if isinstance(descriptions, list) else []):
            if index == 0 and isinstance(item, dict) and item.get("role") == "summary":
                fields["summary"] = item.get("value")
            else:
                keep(f"descriptions.{index}", item)
        bodies = doc.pop("bodies", [])
        for index, item in enumerate(bodies if isinstance(bodies, list) else []):
            if index == 0 and isinstance(item, dict) and isinstance(item.get("value"), str):
                content_type = item.get("contentType", "text/plain")
                value = item["value"]
                fields["body"] = _body_text(value) if content_type == "text/plain" else _body_html(value)
            else:
                keep(f"bodies.{index}", item)

    @staticmethod
    def _rights(doc: dict[str, Any], fields: dict[str, Any], keep: Callable[[str, Any], None]) -> None:
        """Rights, and the original URL from renditions."""
        rights = {
            field: doc.pop(key)
            for key, field in (
                ("copyrightHolder", "holder"),
                ("copyrightNotice", "notice"),
                ("usageTerms", "terms"),
            )
            if key in doc
        }
        info = doc.pop("rightsInfo", None)
        if isinstance(info, dict) and set(info) == {"linkedRights"}:
            rights["license"] = info["linkedRights"]
        elif info is not None:
            keep("rightsInfo", info)
        if rights:
            fields["rights"] = Rights(**rights)
        renditions = doc.pop("renditions", None)
        if isinstance(renditions, list):
            rest = []
            for item in renditions:
                if (
                    isinstance(item, dict)
                    and item.get("name") == "web"
                    and "url" not in fields
                    and set(item)
                    == {
                        "name",
                        "href",
                        "contentType",
                    }
                ):
                    fields["url"] = item["href"]
                else:
                    rest.append(item)
            renditions = rest or None
        if renditions is not None:
            keep("renditions", renditions)


def _story(doc: dict[str, Any]) -> Story:
    return _Reader(doc).story()


def sniff(text: str) -> tuple[float, str] | None:
    """Recognise a ninjs document: a JSON object with ninjs' names and no newsitem marker."""
    head = text[:2000].lstrip("\ufeff \t\r\n")
    if not head.startswith("{") or '"newsitem"' in head[:200]:
        return None
    if '"ninjs"' in head or "ninjs-schema" in head:
        return 0.95, "a JSON object declaring the ninjs standard"
    hits = [
        name
        for name in (
            '"headlines"',
            '"versionCreated"',
            '"versioncreated"',
            '"body_html"',
            '"body_text"',
            '"byline"',
            '"pubstatus"',
            '"pubStatus"',
        )
        if name in head
    ]
    if len(hits) >= 2:
        return 0.7, f"a JSON object with ninjs properties ({', '.join(h.strip(chr(34)) for h in hits)})"
    return None


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a ninjs 3.x, 2.x or 1.x document.

    Raises:
        ParseError: not JSON, or not a JSON object.
        ValidationError: a value the model refuses (with its path where known),
            or no headline.
    """
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"invalid UTF-8 at byte {exc.start}; JSON text must be UTF-8", format=NAME
            ) from None
    else:
        text = data
    try:
        doc = _json.loads(text)
    except _json.JSONDecodeError as exc:
        raise ParseError.at_offset(f"malformed JSON: {exc.msg}", text, exc.pos, format=NAME) from None
    except (RecursionError, ValueError) as exc:
        raise ParseError(f"malformed JSON: {exc}", format=NAME) from None
    if not isinstance(doc, dict):
        raise ParseError("a ninjs document is a JSON object", format=NAME, line=1, column=1)
    version = _version(doc)
    if version.startswith("1"):
        doc = _from_1x(doc)
    elif version.startswith("2"):
        doc = _camel(doc)
    try:
        return _story(doc)
    except ValidationError:
        raise
    except (TypeError, AttributeError, KeyError) as exc:
        raise ValidationError.single("$", f"not a ninjs document newsitem can read: {exc}") from None
