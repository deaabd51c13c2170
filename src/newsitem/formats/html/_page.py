"""Another page's article as a story: its sources merged, its body found.

An article of a page not written by newsitem is read from every source the page offers:
its microdata item (:func:`._microdata.fields`), its JSON-LD object
(:func:`._jsonld.fields`), and, when it is the page's only article, the JSON-LD article
that describes it and the page's tags, title, canonical link and language
(:func:`._meta.sources`), merged by the one precedence rule (:mod:`._merge`).

Its body, in order: where the microdata article marks one (``articleBody``), the page's
own body (:func:`._body.page_body`, which reads that element by its own rules, leaving
out the boilerplate sites put inside it: measured on the dev pages, 291 fields right of
323 against 281 for the element read as it is, word precision 0.987 against 0.962),
else that element as it is; without one, the page's own body (inside the article
element first; one of several microdata articles looks only inside its element); else
the JSON-LD ``articleBody`` text, which also wins when it holds more than twice the
words of the page's (a page whose text a script renders). When finding the page's body
needs the ``web`` extra and it is absent, the JSON-LD text is read with an
``unreadable`` note naming the extra, and without that text the
:class:`~newsitem.errors.MissingExtraError` propagates. A block that opens the page's
body and repeats the headline (the page's ``<h1>``) is left out.
"""

from __future__ import annotations

import contextlib
from typing import Any

from lxml import etree

from newsitem import notes
from newsitem.errors import MissingExtraError, ParseError, ValidationError
from newsitem.formats.html import _body as _body_module
from newsitem.formats.html import _jsonld, _merge, _meta, _microdata, _visible
from newsitem.formats.html._policy import NAME, Lenient, line_of, locate_story
from newsitem.model import Block, Story


def _body(
    root: etree._Element,
    article: etree._Element | None,
    offered: dict[str, dict[str, Any]],
    policy: Lenient,
    headline: str | None,
    *,
    alone: bool,
) -> list[Block]:
    """The body by the order of the module: the page's own body where the microdata article
    marks one (else that ``articleBody`` as it is), the page's own body, the JSON-LD
    ``articleBody``."""
    if article is not None and _microdata.has_body(article):
        with contextlib.suppress(MissingExtraError):
            found = _body_module.page_body(root if alone else article, article, policy)
            if found:
                return found
        return _microdata.article_body(article, policy)
    told: list[Block] = offered.get("jsonld", {}).get("body", [])
    if article is None and not alone:
        return told  # one of several JSON-LD articles: the page's body is none of theirs alone
    scope = root if alone or article is None else article  # one of several: its own text only
    try:
        found = _body_module.page_body(scope, article, policy)
    except MissingExtraError as exc:
        if not told:
            raise
        message = f"the page's body was not looked for ({exc}); the JSON-LD articleBody was read instead"
        notes.add(notes.Note(code="unreadable", message=message, format=NAME))
        return told
    if found and _same(found[0].text, headline):
        found = found[1:]  # the page's <h1> above its text: the headline, not the body
    return told if _words(told) > 2 * _words(found) else found


def _same(text: str, headline: str | None) -> bool:
    return headline is not None and " ".join(text.casefold().split()) == " ".join(headline.casefold().split())


def _words(body: list[Block]) -> int:
    return sum(len(block.text.split()) for block in body)


def _nothing(where: str) -> str:
    """What a page without a headline, body or summary lacks, precisely."""
    return (
        f"nothing to read as a story in {where}: no headline (no schema.org article headline or name,"
        " og:title, DC.title, <h1> or <title>), no body (no articleBody, no article text in the page)"
        " and no summary (no abstract, description, og:description or meta description)"
    )


def _story(
    root: etree._Element,
    graph: _jsonld.Graph,
    offered: dict[str, dict[str, Any]],
    article: etree._Element | None,
    line: int | None,
    *,
    alone: bool,
) -> Story:
    """The story of the merged sources ``offered`` (``article``: the microdata element, if
    any; ``line``: where the article is; ``alone``: it is the page's only article).

    Raises:
        ParseError: no headline, body or summary from any source, at ``line``.
    """
    policy, extras = Lenient(), dict[str, str]()
    merged = _merge.merge(offered, extras)
    body = _body(root, article, offered, policy, merged.get("headline"), alone=alone)
    if not merged.get("headline") and not body and not merged.get("summary"):
        where = "this page" if article is None and "jsonld" not in offered else "this article"
        raise ParseError(_nothing(where), format=NAME, line=line or 1)
    for source in offered.values():
        extras.update(source.pop("extras", {}))
    extras.update(policy.extras)
    try:
        return Story(**merged, body=body, extras=extras)
    except ValidationError as exc:
        raise locate_story(exc, lambda field: (field, line)) from None


def _sources(
    root: etree._Element, graph: _jsonld.Graph, doc: dict[str, Any] | None, article: etree._Element | None
) -> dict[str, dict[str, Any]]:
    """Every source of one article, each with the extras its reading kept."""
    offered: dict[str, dict[str, Any]] = {}
    if article is not None:
        policy = Lenient()
        offered["microdata"] = _microdata.fields(article, policy) | {"extras": policy.extras}
    if doc is not None:
        policy = Lenient("$.")
        offered["jsonld"] = _jsonld.fields(doc, graph, policy) | {"extras": policy.extras}
    return offered


def _document(
    root: etree._Element, article: etree._Element | None, alone: bool, offered: dict[str, dict[str, Any]]
) -> None:
    """Add what the document offers to ``offered``: for the page's only article every source of
    :func:`._meta.sources`, and what the page shows (:func:`._visible.source`) for the fields
    no other source offers; for one of several, the document's language alone, as a guess
    (:func:`._meta.language`)."""
    policy = Lenient()
    found = _meta.sources(root, article, policy) if alone else _meta.language(root, policy)
    offered.update(found)
    offered["page" if alone else "guess"]["extras"] = policy.extras
    if alone:  # what the page shows, for the fields no markup offers (the last source)
        missing = [
            f
            for f, given in _visible.FIELDS.items()
            if not any(s.get(g) for s in offered.values() for g in given)
        ]
        if missing:
            offered["visible"] = _visible.source(root, article, missing)


def story(root: etree._Element, graph: _jsonld.Graph, alone: bool, article: etree._Element | None) -> Story:
    """The story of another page's microdata ``article`` (None: the page without article
    markup); ``alone``: it is the page's only article, so the page's JSON-LD article (when
    the page has one only) and its tags describe it too.

    Raises:
        ParseError: no headline, body or summary from any source.
    """
    doc = graph.articles[0][0] if alone and len(graph.articles) == 1 else None  # several: which is it?
    offered = _sources(root, graph, doc, article)
    _document(root, article, alone, offered)
    return _story(root, graph, offered, article, line_of(article) if article is not None else 1, alone=alone)


def jsonld_story(
    root: etree._Element, graph: _jsonld.Graph, doc: dict[str, Any], line: int | None, alone: bool
) -> Story:
    """The story of a JSON-LD article ``doc`` (its block at ``line``) of a page without
    microdata articles; the page's tags and its body join it when it is the only one."""
    offered = _sources(root, graph, doc, None)
    _document(root, None, alone, offered)
    return _story(root, graph, offered, None, line, alone=alone)
