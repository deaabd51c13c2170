"""Writing ninjs 3.1 (or the 2.2 shape), and the projection stock ninjs carries."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import Any, Literal

import attrs

from newsitem import dates
from newsitem.errors import SerializeError, UsageError
from newsitem.formats._lenient import lost_fields, refuse_loss
from newsitem.formats._markup import blocks_html
from newsitem.formats.json import _text
from newsitem.formats.ninjs._versions import NAME, SCHEMA_URIS, by_line
from newsitem.model import Byline, BylineKind, Role, Source, Story

# What stock ninjs' "format": "uri" accepts: a strict RFC 3986 URI, ASCII only.
# This is not the model's rule (newsitem.model.is_uri also takes IRIs and what
# browsers take): it decides what a story may keep when written to stock ninjs.
_STRICT_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")


def _plain_uri(value: str | None) -> bool:
    return value is None or _STRICT_URI.fullmatch(value) is not None


def _projection(story: Story) -> dict[str, Any]:
    """The fields stock ninjs may not carry as they are, each as ninjs carries it: bylines
    without title or affiliation (organisations first among bylines of the same name and
    role), no priority, no extras, no day without a time in ``published``/``updated``, and
    URIs only where they are strict RFC 3986 URIs (a rights statement left with nothing goes,
    and so does a link)."""

    def plain(value: str | None) -> str | None:
        return value if _plain_uri(value) else None

    def source(value: Source | None) -> Source | None:
        return value if value is None or _plain_uri(value.url) else attrs.evolve(value, url=None)

    rights = story.rights
    if rights is not None and not _plain_uri(rights.license):
        rights = (
            None
            if (rights.notice, rights.holder, rights.terms) == (None,) * 3
            else attrs.evolve(rights, license=None)
        )
    return {
        "bylines": _bylines(story.bylines),
        "published": _timed(story.published),
        "updated": _timed(story.updated),
        "priority": None,
        "links": tuple(link for link in story.links if _plain_uri(link.uri)),
        "extras": {},
        "url": plain(story.url),
        "rights": rights,
        "source": source(story.source),
        "provider": source(story.provider),
    }


def _timed(value: date | None) -> datetime | None:
    """A time as ninjs holds it: a day alone has no place (ninjs needs a date-time)."""
    return value if value is None or isinstance(value, datetime) else None


def _bylines(bylines: tuple[Byline, ...]) -> tuple[Byline, ...]:
    """Name, role and kind of each byline; among bylines of the same name and role, the
    organisations first (``organisations`` says which of them are organisations, not where)."""
    kept = [Byline(name=b.name, role=b.role, kind=b.kind) for b in bylines]
    groups: dict[tuple[str, Role], list[int]] = {}
    for index, byline in enumerate(kept):
        groups.setdefault((byline.name, byline.role), []).append(index)
    for places in groups.values():
        kinds = sorted((kept[i].kind for i in places), key=lambda kind: kind is not BylineKind.ORGANISATION)
        for place, kind in zip(places, kinds, strict=True):
            kept[place] = attrs.evolve(kept[place], kind=kind)
    return tuple(kept)


def carried(story: Story) -> Story:
    """The part of ``story`` stock ninjs carries: what ``loads(dumps(story, lossy=True))`` gives
    (for a story whose times have offsets); ``story`` itself when that is all of it.

    This projection is the one rule of what ninjs keeps: a strict :func:`dumps` refuses
    exactly the fields where it differs from the story (:func:`~newsitem.formats._lenient.lost_fields`).
    Every body block is carried (``body_html``: ``h2``..``h6``, ``blockquote``, ``ul``/``ol``,
    ``table``, ``pre``, ``figure``), and so are a headline-less story, QCode subject codes
    (as ``literal``), organisation bylines (also in ``organisations``), ``located``,
    ``ednote`` (``edNote``), the dateline (a description with the role ``dateline``) and
    links (``associations``) whose URI is a plain URI.
    """
    changed = {name: value for name, value in _projection(story).items() if value != getattr(story, name)}
    return attrs.evolve(story, **changed) if changed else story


def _when(value: date | None, field: str, zone: tzinfo | None) -> str | None:
    if not isinstance(value, datetime):  # None, or a day (carried() has left it out)
        return None
    if value.tzinfo is None:
        if zone is None:
            raise SerializeError(
                f"ninjs needs an offset on every time, and {field} is naive;"
                " pass naive_tz= to say which zone it is in"
            )
        value = dates.fixed_offset(value.replace(tzinfo=zone))
    return value.isoformat()


def _uri_or_literal(value: str) -> dict[str, str]:
    return {"uri": value} if _plain_uri(value) else {"literal": value}


def _document(story: Story, zone: tzinfo | None) -> dict[str, Any]:
    if story.guid is None:
        raise SerializeError(
            "ninjs needs the story's guid as a URI (its 'uri'), and the story has none;"
            " give it one, or mint one from its URL or content with newsitem.mint_guid(story)",
            format=NAME,
        )
    if not _plain_uri(story.guid):
        raise SerializeError(
            f"ninjs needs the story's guid as a URI (its 'uri'), got {story.guid!r};"
            " newsitem.mint_guid(story) gives one from its URL or content",
            format=NAME,
        )
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
    headlines = [{"role": "main", "value": story.headline}] if story.headline is not None else []
    if story.subheadline is not None:
        headlines.append({"role": "subhead", "value": story.subheadline})
    if headlines:
        doc["headlines"] = headlines
    _write_people(story, doc)
    if story.located is not None:
        doc["located"] = story.located
    if story.ednote is not None:
        doc["edNote"] = story.ednote
    _write_subjects(story, doc)
    if story.slugline is not None:
        doc["slugline"] = story.slugline
    _write_texts(story, doc)
    return doc


def _write_people(story: Story, doc: dict[str, Any]) -> None:
    authors = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    if authors:
        doc["by"] = by_line(authors)
    sources = [{"name": b.name, "role": b.role.value} for b in story.bylines]
    for source, role in ((story.source, "origcont"), (story.provider, "provider")):
        if source is not None:
            item: dict[str, str] = {"role": role}
            if source.name is not None:
                item["name"] = source.name
            if source.url is not None and _plain_uri(source.url):
                item["uri"] = source.url
            if source.code is not None:
                item["literal"] = source.code
            sources.append(item)
    if sources:
        doc["infoSources"] = sources
    organisations = [
        {"name": b.name, "rel": b.role.value} for b in story.bylines if b.kind is BylineKind.ORGANISATION
    ]
    if organisations:
        doc["organisations"] = organisations


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
    descriptions = [
        {"role": role, "contentType": "text/plain", "value": value}
        for role, value in (("summary", story.summary), ("dateline", story.dateline))
        if value is not None
    ]
    if descriptions:  # ninjs has no dateline of its own: a description with that role
        doc["descriptions"] = descriptions
    if story.body:
        doc["bodies"] = [
            {"role": "main", "contentType": "text/html", "value": blocks_html(story.body, sep="")}
        ]
    rights = story.rights
    if rights is not None:
        if rights.holder is not None:
            doc["copyrightHolder"] = rights.holder
        if rights.notice is not None:
            doc["copyrightNotice"] = rights.notice
        if rights.terms is not None:
            doc["usageTerms"] = rights.terms
        if rights.license is not None and _plain_uri(rights.license):
            doc["rightsInfo"] = {"linkedRights": rights.license}
    if story.url is not None and _plain_uri(story.url):
        doc["renditions"] = [{"name": "web", "href": story.url, "contentType": "text/html"}]
    associations = []
    for link in story.links:  # carried() has kept only those with a strict URI
        item: dict[str, Any] = {"name": link.rel, "rel": link.rel, "uri": link.uri}
        if link.title is not None:
            item["title"] = link.title
        if link.media_type is not None:
            item["renditions"] = [{"name": "main", "href": link.uri, "contentType": link.media_type}]
        associations.append(item)
    if associations:
        doc["associations"] = associations


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
    lossy: bool = False,
    version: Literal["3.1", "2.2"] = "3.1",
    naive_tz: str | tzinfo | None = None,
    indent: int | None = None,
) -> str:
    """Write ``story`` as a ninjs document.

    Args:
        story: The story.
        lossy: Write what stock ninjs carries and leave the rest out (see
            :func:`carried`); without it such a story is refused.
        version: ``"3.1"`` (camelCase) or ``"2.2"`` (the 2.x lowercase shape).
        naive_tz: The zone the story's naive times are in (an IANA name or a
            tzinfo), written with that zone's offset; without it a naive time is
            refused (UTC is never assumed). Times with an offset keep theirs.
        indent: Spaces per level for people; None is compact.

    Raises:
        UsageError: ``version`` is neither ``"3.1"`` nor ``"2.2"``, or ``naive_tz`` names
            no zone (the caller's mistakes, raised before the story is looked at).
        SerializeError: no guid, or one that is not a plain URI (the message names
            :func:`newsitem.mint_guid`; ``lossy`` does not help: ``uri`` is required),
            a naive time without ``naive_tz``, or (without ``lossy``) a field ninjs
            cannot carry, such as a day without a time (named in ``.lost``).
    """
    if version not in ("3.1", "2.2"):
        raise UsageError(f"version must be '3.1' or '2.2', got {version!r}")
    try:
        zone = dates.zone(naive_tz)
    except ValueError as exc:
        raise UsageError(f"naive_tz: {exc}") from None
    kept = carried(story)
    if not lossy:
        refuse_loss(NAME, lost_fields(story, kept))
    doc = _document(kept, zone)
    if version == "2.2":
        for item in doc.get("associations", ()):
            del item["rel"]  # 2.2 has no rel: the name says it
        doc = _lowercase(doc)
        doc["standard"] = {"name": "ninjs", "version": "2.2", "schema": SCHEMA_URIS["2.2"]}
    return _text(doc, indent=indent)
