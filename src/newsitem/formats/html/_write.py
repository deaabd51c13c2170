"""Writing: the article page and its ``<article>`` (see :mod:`newsitem.formats.html`).

Every value goes through :func:`~newsitem.formats._markup.escape`; only
:data:`_LIVE_SCHEMES` URIs become live links, any other URI is written inert (plain
text with the URI in a ``data-newsitem-href`` or ``content`` attribute).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from newsitem import dates
from newsitem.formats._markup import block_html
from newsitem.formats._markup import escape as _e
from newsitem.formats.html._jsonld import derived
from newsitem.formats.html._policy import SCHEMA_TYPES
from newsitem.formats.html.theme import CSP, STYLE, section_words, when_words
from newsitem.model import Byline, Link, PubStatus, Rights, Role, Source, Story, Subject, join_names

SCHEMA = "https://schema.org/"
_LIVE_SCHEMES = ("http:", "https:", "mailto:")
"""The URI schemes written as live links; any other URI is written inert."""
_ROLE_LABELS = {
    Role.SUBMITTER: "Submitted by",
    Role.CONTRIBUTOR: "With contributions from",
    Role.EDITOR: "Edited by",
    Role.PHOTOGRAPHER: "Photographs by",
    Role.TRANSLATOR: "Translated by",
}


def live(uri: str) -> bool:
    """Whether ``uri`` may be a live link (``http``, ``https`` or ``mailto``)."""
    return uri[:7].lower().startswith(_LIVE_SCHEMES)


def _time(prop: str, value: date) -> str:
    """A ``<time>``: a datetime in words, or a day alone (``datetime="YYYY-MM-DD"``)."""
    words = when_words(value)
    return f'<time itemprop="{prop}" datetime="{_e(dates.format_day_or_iso(value))}">{_e(words)}</time>'


def _uri(prop: str, uri: str, label: str | None = None) -> str:
    """A URI property: a live link for web schemes, else inert text with the URI kept."""
    shown = _e(label if label is not None else uri)
    if live(uri):
        return f'<a itemprop="{prop}" href="{_e(uri)}">{shown}</a>'
    return f'<span class="inert"><meta itemprop="{prop}" content="{_e(uri)}">{shown}</span>'


def _person(byline: Byline, index: int) -> str:
    prop = {Role.AUTHOR: "author", Role.EDITOR: "editor"}.get(byline.role, "contributor")
    parts = [f'<span itemprop="name">{_e(byline.name)}</span>']
    if byline.title is not None:
        parts.append(f'<span itemprop="jobTitle">{_e(byline.title)}</span>')
    if byline.affiliation is not None:
        parts.append(
            f'<span itemprop="affiliation" itemscope itemtype="{SCHEMA}Organization">'
            f'<span itemprop="name">{_e(byline.affiliation)}</span></span>'
        )
    shown = parts[0] if len(parts) == 1 else f"{parts[0]} ({', '.join(parts[1:])})"
    return (
        f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}{SCHEMA_TYPES[byline.kind]}"'
        f' data-newsitem-role="{byline.role.value}" data-newsitem-index="{index}">{shown}</span>'
    )


def _thing(prop: str, kind: str, name: str | None, *parts: str | None) -> str:
    """A schema.org item of type ``kind``: its name, then the other ``parts`` given."""
    shown = [] if name is None else [f'<span itemprop="name">{_e(name)}</span>']
    shown.extend(part for part in parts if part is not None)
    return f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}{kind}">{" ".join(shown)}</span>'


def _organisation(prop: str, source: Source) -> str:
    return _thing(
        prop,
        "Organization",
        source.name,
        None if source.url is None else _uri("url", source.url),
        None if source.code is None else f'<meta itemprop="identifier" content="{_e(source.code)}">',
    )


def _article(story: Story) -> Iterator[str]:
    lang = f' lang="{_e(story.language)}"' if story.language is not None else ""
    yield f'<article itemscope itemtype="{SCHEMA}NewsArticle" data-newsitem="1"{lang}>'
    yield from _metadata(story)
    indexed = list(enumerate(story.bylines))
    yield from _header(story, indexed)
    if story.summary is not None:
        yield f'<p class="summary" itemprop="abstract">{_e(story.summary)}</p>'
    yield '<div itemprop="articleBody">'
    for block in story.body:
        yield block_html(block, live=live)
    yield "</div>"
    yield from _footer(story, indexed)
    yield "</article>"


def _metadata(story: Story) -> Iterator[str]:
    """The properties nobody reads on the page: identifier, version, language, url."""
    if story.guid is not None:
        yield f'<meta itemprop="identifier" content="{_e(story.guid)}">'
    yield f'<meta itemprop="version" content="{story.version}">'
    if story.language is not None:
        yield f'<meta itemprop="inLanguage" content="{_e(story.language)}">'
    if story.url is not None:
        yield (
            f'<link itemprop="url" href="{_e(story.url)}">'
            if live(story.url)
            else f'<meta itemprop="url" content="{_e(story.url)}">'
        )


def _header(story: Story, indexed: list[tuple[int, Byline]]) -> Iterator[str]:
    """Kicker, headline, subheadline, authors and the dateline with its times."""
    yield "<header>"
    yield from _kicker(story)
    if story.headline is not None:
        yield f'<h1 itemprop="headline">{_e(story.headline)}</h1>'
    if story.subheadline is not None:
        yield f'<p class="subheadline" itemprop="alternativeHeadline">{_e(story.subheadline)}</p>'
    authors = [_person(b, i) for i, b in indexed if b.role is Role.AUTHOR]
    if authors:
        yield f'<p class="byline">By {join_names(authors)}</p>'
    when = []
    if story.dateline is not None:
        when.append(f'<span itemprop="dateline">{_e(story.dateline)}</span>')
    if story.published is not None:
        when.append(_time("datePublished", story.published))
    if story.updated is not None:
        when.append("updated " + _time("dateModified", story.updated))
    if when:
        yield f'<p class="dateline">{" — ".join(when)}</p>'
    yield "</header>"


def _kicker(story: Story) -> Iterator[str]:
    """Section and genre; a wire category code (``a``, ``s``) is kept in a ``<meta>`` and shown
    as its words, or not at all (:func:`~newsitem.formats.html.theme.section_words`)."""
    hidden, shown = "", []
    if story.section is not None:
        words = section_words(story)
        if words == story.section:
            shown.append(f'<span itemprop="articleSection">{_e(words)}</span>')
        else:
            hidden = f'<meta itemprop="articleSection" content="{_e(story.section)}">'
            shown.extend([] if words is None else [f'<span title="{_e(story.section)}">{_e(words)}</span>'])
    if story.genre is not None:
        shown.append(f'<span itemprop="genre">{_e(story.genre)}</span>')
    if hidden or shown:
        yield f'<p class="kicker">{hidden}{" · ".join(shown)}</p>'


def _subject(subject: Subject) -> str:
    code = subject.code
    shown = None if code is None else _uri("sameAs", code, f"({code})" if subject.name else None)
    return _thing("about", "Thing", subject.name, shown)


def _footer(story: Story, indexed: list[tuple[int, Byline]]) -> Iterator[str]:
    """Other credits, keywords, subjects, source, provider, rights, fields and extras."""
    yield "<footer>"
    others = [(i, b) for i, b in indexed if b.role is not Role.AUTHOR]
    for role, label in _ROLE_LABELS.items() if others else ():
        people = [_person(b, i) for i, b in others if b.role is role]
        if people:
            yield f'<p class="credits">{label} {join_names(people)}</p>'
    if story.keywords:
        spans = ", ".join(f'<span itemprop="keywords">{_e(k)}</span>' for k in story.keywords)
        yield f'<p class="keywords">Keywords: {spans}</p>'
    if story.subjects:
        yield f'<p class="subjects">Subjects: {", ".join(map(_subject, story.subjects))}</p>'
    if story.source is not None:
        yield f'<p class="source">Source: {_organisation("publisher", story.source)}</p>'
    if story.provider is not None:
        yield f'<p class="provider">Distributed by: {_organisation("provider", story.provider)}</p>'
    if story.rights is not None:
        yield from _rights(story.rights)
    fields = _fields(story)
    if fields:
        yield '<dl class="newsitem-fields">' + "".join(fields) + "</dl>"
    if story.extras:
        extras = "".join(
            f'<dt>{_e(key)}</dt><dd data-newsitem-extra="{_e(key)}">{_e(value)}</dd>'
            for key, value in story.extras.items()
        )
        yield f'<dl class="newsitem-extras">{extras}</dl>'
    yield "</footer>"


def _rights(rights: Rights) -> Iterator[str]:
    yield '<div class="rights">'
    if rights.notice is not None:
        yield f'<p class="notice" itemprop="copyrightNotice">{_e(rights.notice)}</p>'
    if rights.holder is not None:
        yield (
            f'<p>Rights holder: <span itemprop="copyrightHolder" itemscope itemtype="{SCHEMA}Organization">'
            f'<span itemprop="name">{_e(rights.holder)}</span></span></p>'
        )
    if rights.terms is not None:
        yield (
            f'<p itemprop="usageInfo" itemscope itemtype="{SCHEMA}CreativeWork">'
            f'<span class="terms" itemprop="text">{_e(rights.terms)}</span></p>'
        )
    if rights.license is not None:
        if live(rights.license):
            href = _e(rights.license)
            yield f'<p>Licence: <a rel="license" itemprop="license" href="{href}">{href}</a></p>'
        else:
            yield f"<p>Licence: {_uri('license', rights.license)}</p>"
    yield "</div>"


def _fields(story: Story) -> list[str]:
    """Fields schema.org has no property for, as a definition list for people and for ``loads``."""
    out = []
    for label, name, value in (
        ("Slugline", "slugline", story.slugline),
        ("Priority", "priority", story.priority),
        ("Located", "located", story.located),
        ("Editor's note", "ednote", story.ednote),
        ("Urgency", "urgency", None if story.urgency is None else str(story.urgency)),
        ("Status", "status", None if story.status is PubStatus.USABLE else story.status.value),
    ):
        if value is not None:
            out.append(f'<dt>{label}</dt><dd data-newsitem-field="{name}">{_e(value)}</dd>')
    if story.embargoed is not None:
        out.append(
            f'<dt>Embargoed until</dt><dd data-newsitem-field="embargoed">'
            f'<time datetime="{_e(dates.format_iso(story.embargoed))}">'
            f"{_e(when_words(story.embargoed))}</time></dd>"
        )
    if story.links:
        items = "".join(map(_link, story.links))
        out.append(f'<dt>Links</dt><dd data-newsitem-field="links"><ul>{items}</ul></dd>')
    return out


def _link(link: Link) -> str:
    """One of the story's links: its parts in ``data-`` attributes (read back exactly), shown as
    its title or URI, a live link only for web schemes."""
    attributes = f' data-uri="{_e(link.uri)}" data-rel="{_e(link.rel)}"'
    if link.media_type is not None:
        attributes += f' data-type="{_e(link.media_type)}"'
    if link.title is not None:
        attributes += f' data-title="{_e(link.title)}"'
    shown = f"{_e(link.title or link.uri)} ({_e(link.rel)})"
    if live(link.uri):
        shown = f'<a href="{_e(link.uri)}">{shown}</a>'
    return f"<li{attributes}>{shown}</li>"


def page(story: Story) -> str:
    """The complete HTML5 page."""
    article = "\n".join(_article(story))
    lang = f' lang="{_e(story.language)}"' if story.language is not None else ""
    canonical = f'<link rel="canonical" href="{_e(story.url)}">\n' if story.url and live(story.url) else ""
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(story.display_title)}</title>\n{canonical}<style>\n{STYLE}\n</style>\n"
        f'<script type="application/ld+json">\n{derived(story, live=live)}\n</script>\n'
        f"</head>\n<body>\n{article}\n</body>\n</html>\n"
    )


def fragment(story: Story) -> str:
    """The ``<article>`` alone."""
    return "\n".join(_article(story)) + "\n"
