"""JSON-LD: the block derived for search engines when writing, and other pages'
articles read leniently (every schema.org article type).

Writing: :func:`derived` is the metadata search engines read (headline, authors,
dates, publisher...), never the body, and never read back; ``<``, ``>`` and ``&``
are escaped as ``\\u003c``... so ``</script>`` in a story cannot end the block.

Reading: :class:`Graph` finds the article objects of the page's blocks (``@graph``,
``mainEntity`` and lists searched; CDATA wrappers removed) and resolves ``@id``
references; :func:`fields` reads one leniently (the policy's rule: a value the model
refuses goes to extras as ``html.<key>``, with a note at ``$.<key>``). HTML entities
left inside strings are decoded; control characters, which JSON can carry and the
model refuses, become U+FFFD as in the page's HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from newsitem import dates, notes
from newsitem.formats.html._microdata import kind_of
from newsitem.formats.html._people import from_text
from newsitem.formats.html._policy import (
    SCHEMA_TYPES,
    Lenient,
    is_article_type,
    is_page_url,
    keywords,
    located,
)
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


_CDATA = re.compile(r"^\s*(?://\s*|/\*\s*)?<!\[CDATA\[(?:\s*\*/)?|(?://\s*|/\*\s*)?\]\]>(?:\s*\*/)?\s*$")
"""A block's CDATA wrapper, bare, ``//``-commented or ``/* */``-commented (WordPress, Yoast)."""
_TAG = re.compile(r"<[^<>]*>")
"""An HTML tag inside a JSON-LD name (``Jane <b>Doe</b>``): no part of the name."""
_GRAPH_KEYS = ("@graph", "mainEntity")
"""Where a block nests the articles it describes: a ``@graph``, a page's ``mainEntity``."""


def _walk(value: Any, inside: Callable[[dict[str, Any]], Any]) -> Iterator[dict[str, Any]]:
    """The objects of a parsed block in document order, descending into lists and into what
    ``inside`` gives of each object, with a stack of its own: a block nests as deep as the
    JSON parser allows, which may be deeper than Python's recursion limit."""
    stack: list[Iterator[Any]] = [iter((value,))]
    while stack:
        item = next(stack[-1], _END)
        if item is _END:
            stack.pop()
        elif isinstance(item, list):
            stack.append(iter(item))
        elif isinstance(item, dict):
            yield item
            stack.append(iter(inside(item)))


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every object of a parsed block, in document order."""
    return _walk(value, lambda item: item.values())


def _articles_in(value: Any) -> Iterator[dict[str, Any]]:
    """The article objects of a parsed block: the block itself, a list's members, a
    ``@graph``'s and a ``mainEntity``'s (not an article quoted inside another's values)."""
    inside = _walk(value, lambda item: [item.get(key, []) for key in _GRAPH_KEYS])
    return (item for item in inside if is_article_type(item.get("@type", [])))


class Graph:
    """The JSON-LD of a page: its article objects in document order (each with its block's
    line), and every object with an ``@id`` to resolve references by.

    A block's ``<![CDATA[`` ... ``]]>`` wrapper (``//``- or ``/* */``-commented too) is removed before
    parsing; a block that is not JSON is skipped."""

    def __init__(self, blocks: list[tuple[str, int | None]]) -> None:
        self.articles: list[tuple[dict[str, Any], int | None]] = []
        self.ids: dict[str, dict[str, Any]] = {}
        self.notes: list[notes.Note] = []
        """What reading the blocks noticed (a block no JSON reading could take)."""
        found: list[tuple[dict[str, Any], int | None]] = []
        for block, line in blocks:
            for parsed in self._parsed(block, line):
                for node in _nodes(parsed):
                    key = node.get("@id")
                    if isinstance(key, str) and len(node) > 1:
                        self.ids.setdefault(key, node)
                found.extend((doc, line) for doc in _articles_in(parsed))
        self.articles = _one_per_article(found)

    def _parsed(self, block: str, line: int | None) -> list[Any]:
        """The JSON values of one block: strict JSON, else as pages really write it (trailing
        commas, ``//`` and ``/* */`` comments, several values one after another); a block
        neither reading takes is skipped with an ``unreadable`` note at its line."""
        text = _CDATA.sub("", block.strip())
        if not text:
            return []
        try:
            return [json.loads(text, strict=False)]
        except (ValueError, RecursionError):
            pass
        try:
            return _values(_uncommented(text))
        except (ValueError, RecursionError) as exc:
            message = f"a JSON-LD block is not JSON ({str(exc)[:80]}): skipped"
            self.notes.append(notes.Note(code="unreadable", message=message, format="html", line=line))
            return []

    def resolve(self, value: Any) -> Any:
        """``value``, or the object its ``{"@id": ...}`` reference names (one step: no cycle)."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
            return self.ids.get(value["@id"], value)
        return value


_DECODER = json.JSONDecoder(strict=False)


def _uncommented(text: str) -> str:
    """``text`` without ``//`` and ``/* */`` comments and trailing commas outside strings (one
    pass, linear)."""
    out: list[str] = []
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char == '"':
            end = index + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[index : end + 1])
            index = end + 1
        elif text.startswith("//", index):
            newline = text.find("\n", index)
            index = size if newline < 0 else newline
        elif text.startswith("/*", index):
            close = text.find("*/", index + 2)
            index = size if close < 0 else close + 2
        elif char in "}]":
            while out and out[-1].isspace():
                out.pop()
            if out and out[-1] == ",":
                out.pop()
            out.append(char)
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _values(text: str) -> list[Any]:
    """Every JSON value of ``text``, one after another (``{...}{...}``)."""
    values: list[Any] = []
    index = 0
    while True:
        while index < len(text) and text[index] in " \t\r\n;,":
            index += 1
        if index >= len(text):
            return values
        value, index = _DECODER.raw_decode(text, index)
        values.append(value)


def _identities(doc: dict[str, Any]) -> set[str]:
    """What names the article an object describes: its ``@id``, ``url``, ``mainEntityOfPage``
    (or that object's ``@id``) and its headline."""
    found: set[str] = set()
    main = doc.get("mainEntityOfPage")
    for value in (doc.get("@id"), doc.get("url"), main.get("@id") if isinstance(main, dict) else main):
        if isinstance(value, str) and value.strip():
            found.add("id:" + value.strip().rstrip("/"))
    headline = doc.get("headline")
    if isinstance(headline, str) and headline.strip():
        found.add("headline:" + " ".join(headline.split()).casefold())
    return found


def _one_per_article(
    found: list[tuple[dict[str, Any], int | None]],
) -> list[tuple[dict[str, Any], int | None]]:
    """The article objects with those describing the same article (a shared ``@id``, url,
    ``mainEntityOfPage`` or headline: a CMS block and an SEO plugin's graph) merged into the
    first, whose values win; in document order."""
    merged: list[tuple[dict[str, Any], int | None]] = []
    owner: dict[str, int] = {}
    for doc, line in found:
        keys = _identities(doc)
        index = next((owner[key] for key in keys if key in owner), None)
        if index is None:
            index = len(merged)
            merged.append((dict(doc), line))
        else:
            first = merged[index][0]
            first.update((key, value) for key, value in doc.items() if key not in first)
        for key in keys:
            owner.setdefault(key, index)
    return merged


def _clean(value: str) -> str | None:
    """One line of text: HTML entities a page left in a JSON string decoded (``&amp;``,
    ``&#8217;``), runs of white space one space, characters XML cannot hold U+FFFD."""
    if "&" in value:
        value = html.unescape(value)
    return _NOT_XML.sub("\ufffd", " ".join(value.split())) or None


class _Doc:
    """A JSON-LD article's values as single-line text, references resolved."""

    def __init__(self, doc: dict[str, Any], graph: Graph) -> None:
        self.doc = doc
        self.graph = graph

    def get(self, key: str) -> Any:
        value = self.graph.resolve(self.doc.get(key))
        return [self.graph.resolve(v) for v in value] if isinstance(value, list) else value

    def text(self, key: str) -> str | None:
        value = self.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        return _clean(value) if isinstance(value, str) else None

    def named(self, key: str) -> str | None:
        """The name of the object (or the text) at ``key``; the first of a list."""
        value = self.get(key)
        for one in value if isinstance(value, list) else [value]:
            name = _named(self.graph.resolve(one))
            if name is not None:
                return name
        return None

    def link(self, key: str) -> str | None:
        """A URL at ``key``: text, or an object's ``url`` or ``@id``."""
        value = self.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id")
        return _clean(value) if isinstance(value, str) else None

    def bylines(self) -> list[Byline]:
        authors = self.get("author")
        bylines: list[Byline] = []
        for index, author in enumerate(authors if isinstance(authors, list) else [authors]):
            if isinstance(author, str):  # plain text: split into people as the wire layouts do
                bylines.extend(from_text(_clean(author) or ""))
                continue
            name = _clean(_TAG.sub("", _named(author) or ""))  # a name is text: markup left out
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
                        affiliation=_named(self.graph.resolve(details.get("affiliation"))),
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
        if "&" in text:
            text = html.unescape(text)
        return [Paragraph.plain(block) for block in map(_clean, _LINES.split(text)) if block]

    def rights(self, policy: Lenient) -> Rights | None:
        notice = self.text("copyrightNotice")
        holder = self.named("copyrightHolder")
        license_uri = policy.uri(self.link("license"), "license")
        if notice is None and license_uri is None and holder is None:
            return None
        with located("Story.rights", "$.copyrightNotice"):
            return Rights(notice=notice, holder=holder, license=license_uri)

    def url(self, policy: Lenient) -> str | None:
        """The article's page: ``url``, else ``mainEntityOfPage`` (text, ``@id`` or ``url``);
        a picture's or logo's URL is no page (kept in extras)."""
        found = [self.link("url"), self.link("mainEntityOfPage")]
        for value in found:
            if is_page_url(value):
                return value
        return policy.page_url(found[0], "url")


def _named(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, dict):
        return _named(value.get("name"))
    if isinstance(value, list):
        return next((name for name in map(_named, value) if name), None)
    return None


def fields(doc: dict[str, Any], graph: Graph, policy: Lenient) -> dict[str, Any]:
    """A JSON-LD article as model fields for the merge (:mod:`._merge`); its ``articleBody``
    as ``body`` (plain text split on lines). ``dateCreated`` stands for an absent
    ``datePublished``."""
    values = _Doc(doc, graph)
    created = "datePublished" if values.text("datePublished") else "dateCreated"
    publisher = values.named("publisher")
    return {
        "headline": values.text("headline") or values.text("name"),
        "subheadline": values.text("alternativeHeadline"),
        "summary": values.text("abstract") or values.text("description"),
        "bylines": values.bylines(),
        "source": None if publisher is None else Source(name=publisher),
        "published": policy.when(values.text(created), created),
        "updated": policy.when(values.text("dateModified"), "dateModified"),
        "dateline": values.text("dateline"),
        "section": values.text("articleSection"),
        "genre": values.text("genre"),
        "keywords": values.keywords(),
        "language": policy.language(values.text("inLanguage")),
        "url": values.url(policy),
        "guid": policy.token(values.text("identifier"), "identifier"),
        "version": policy.version(values.text("version")),
        "rights": values.rights(policy),
        "body": values.body(),
    }
