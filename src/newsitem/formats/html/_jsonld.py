"""JSON-LD: the block derived for search engines when writing, and other pages'
NewsArticle read leniently when they carry no microdata.

Writing: :func:`derived` is the metadata search engines read (headline, authors,
dates, publisher...), never the body, and never read back; ``<``, ``>`` and ``&``
are escaped as ``\\u003c``... so ``</script>`` in a story cannot end the block.

Reading: :func:`articles` finds the NewsArticle objects of the page's blocks
(``@graph`` and lists searched); :func:`story_from` reads one leniently (the
policy's rule: a value the model refuses goes to extras as ``html.<key>``, with a
note at ``$.<key>``). Control characters, which JSON can carry and the model
refuses, become U+FFFD as in the page's HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from newsitem import dates
from newsitem.errors import ParseError, ValidationError
from newsitem.formats.html._microdata import is_news, kind_of
from newsitem.formats.html._policy import NAME, SCHEMA_TYPES, Lenient, keywords, locate_story, located
from newsitem.formats.json import _text
from newsitem.model import Byline, Paragraph, Rights, Role, Source, Story

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINES = re.compile(r"\n\s*\n|\n")
_END = object()


def _person(byline: Byline) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": SCHEMA_TYPES[byline.kind], "name": byline.name}
    if byline.title:
        person["jobTitle"] = byline.title
    if byline.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": byline.affiliation}
    return person


def _organisation(source: Source | None) -> dict[str, str] | None:
    if source is None or source.name is None:
        return None
    return {"@type": "Organization", "name": source.name}


def derived(story: Story, *, live: Callable[[str], bool]) -> str:
    """The derived JSON-LD for search engines (never read back), safe inside <script>: the
    metadata search engines read (headline, authors, dates, publisher...), not the body."""
    rights = story.rights
    licence = None if rights is None else rights.license
    shown = (
        ("alternativeHeadline", story.subheadline),
        ("abstract", story.summary),
        ("author", [_person(b) for b in story.bylines if b.role is Role.AUTHOR] or None),
        ("datePublished", None if story.published is None else dates.format_day_or_iso(story.published)),
        ("dateModified", None if story.updated is None else dates.format_day_or_iso(story.updated)),
        ("dateline", story.dateline),
        ("articleSection", story.section),
        ("genre", story.genre),
        ("inLanguage", story.language),
        ("identifier", story.guid),
        ("keywords", list(story.keywords) or None),
        ("url", story.url if story.url is not None and live(story.url) else None),
        ("publisher", _organisation(story.source)),
        ("license", licence if licence is not None and live(licence) else None),
        ("copyrightNotice", None if rights is None else rights.notice),
    )
    doc: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle"}
    if story.headline is not None:
        doc["headline"] = story.headline
    doc.update((key, value) for key, value in shown if value is not None)
    doc["version"] = story.version  # the body is in the page's microdata; search engines need no copy
    text = _text(doc)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _news_objects(value: Any) -> Iterator[dict[str, Any]]:
    """The NewsArticle objects in a parsed block (lists and ``@graph`` searched), in document
    order, with a stack of its own: a block nests as deep as the JSON parser allows, which
    may be deeper than Python's recursion limit."""
    stack: list[Iterator[Any]] = [iter((value,))]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, list):
            stack.append(iter(item))
        elif isinstance(item, dict):
            if is_news(item.get("@type", [])):
                yield item
            stack.append(iter((item.get("@graph", []),)))


def articles(blocks: list[tuple[str, int | None]]) -> Iterator[tuple[dict[str, Any], int | None]]:
    """The NewsArticle objects of JSON-LD ``blocks`` (each its text and the line of its
    ``<script>``) in document order, each with its block's line (bad JSON skipped)."""
    for block, line in blocks:
        try:
            parsed = json.loads(block)
        except (ValueError, RecursionError):
            continue
        yield from ((doc, line) for doc in _news_objects(parsed))


def _clean(value: str) -> str | None:
    return _NOT_XML.sub("\ufffd", " ".join(value.split())) or None


def _named(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return _named(value.get("name"))
    return None


class _Doc:
    """A JSON-LD object's values as single-line text."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    def text(self, key: str) -> str | None:
        value = self.doc.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        return _clean(value) if isinstance(value, str) else None

    def bylines(self) -> list[Byline]:
        authors = self.doc.get("author")
        bylines: list[Byline] = []
        for index, author in enumerate(authors if isinstance(authors, list) else [authors]):
            name = _named(author)
            if name is None:
                continue
            details = author if isinstance(author, dict) else {}
            with located(f"Story.bylines[{len(bylines)}]", f"$.author[{index}]"):
                bylines.append(
                    Byline(
                        name=name,
                        role=Role.AUTHOR,
                        kind=kind_of(details.get("@type")),
                        title=_named(details.get("jobTitle")),
                        affiliation=_named(details.get("affiliation")),
                    )
                )
        return bylines

    def keywords(self) -> list[str]:
        value = self.doc.get("keywords")
        texts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return keywords(
            [_clean(text) or "" for text in texts if isinstance(text, str)], split=isinstance(value, str)
        )

    def body(self) -> list[Paragraph]:
        text = self.doc.get("articleBody")
        if not isinstance(text, str):
            return []
        return [Paragraph.plain(block) for block in map(_clean, _LINES.split(text)) if block]

    def rights(self, policy: Lenient) -> Rights | None:
        notice = self.text("copyrightNotice")
        license_uri = policy.uri(self.text("license"), "license")
        if notice is None and license_uri is None:
            return None
        with located("Story.rights", "$.copyrightNotice"):
            return Rights(notice=notice, license=license_uri)


def story_from(doc: dict[str, Any], line: int | None = None) -> Story:
    """The story of a JSON-LD NewsArticle, read leniently (``line``: its block's).

    Raises:
        ParseError: the article has no headline, at the line of its block.
    """
    values, policy = _Doc(doc), Lenient("$.")
    headline = values.text("headline") or values.text("name")
    summary = values.text("abstract") or values.text("description")
    body = values.body()
    if headline is None and summary is None and not body:
        message = (
            'the JSON-LD NewsArticle has no headline, body or summary (expected "headline", "name",'
            ' "articleBody", "abstract" or "description" with text)'
        )
        raise ParseError(message, format=NAME, line=line)

    def place(field: str) -> tuple[str | None, int | None]:
        keys = {"subheadline": "alternativeHeadline", "summary": "abstract", "source": "publisher"}
        return "$." + keys.get(field, field), line

    publisher = _named(doc.get("publisher"))
    try:
        return Story(
            headline=headline,
            subheadline=values.text("alternativeHeadline"),
            summary=summary,
            bylines=values.bylines(),
            source=None if publisher is None else Source(name=publisher),
            published=policy.when(values.text("datePublished"), "datePublished"),
            updated=policy.when(values.text("dateModified"), "dateModified"),
            dateline=values.text("dateline"),
            section=values.text("articleSection"),
            genre=values.text("genre"),
            keywords=values.keywords(),
            language=policy.language(values.text("inLanguage")),
            url=policy.uri(values.text("url"), "url"),
            guid=policy.token(values.text("identifier"), "identifier"),
            version=policy.version(values.text("version")),
            rights=values.rights(policy),
            body=body,
            extras=policy.extras,
        )
    except ValidationError as exc:  # pragma: no cover - every value is made to fit above
        raise locate_story(exc, place) from None
