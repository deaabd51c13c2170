"""HTML: a semantic, safe article page with schema.org NewsArticle microdata.

``dumps`` writes a complete HTML5 document (``fragment=True``: the ``<article>``
alone) whose microdata carries every field of the story; ``loads`` reads such a
page back exactly, and reads other people's pages that carry a schema.org
NewsArticle as microdata or JSON-LD (leniently: unknown parts are ignored).

Safety: every value is escaped; the page has no JavaScript, a Content Security
Policy that forbids scripts and outside requests, and the JSON-LD block is
escaped so ``</script>`` cannot end it. Only ``http``, ``https`` and ``mailto``
URIs become live links (``href``); any other URI the story holds (a
``javascript:`` link, a ``urn:`` url, a ``tag:`` licence) is written inert, as
plain text with the URI in a ``data-newsitem-href`` or ``content`` attribute, so
nothing is lost and nothing is clickable. See the docs page ``formats/html``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo
from html.parser import HTMLParser
from typing import Any

from newsitem import dates
from newsitem.errors import ParseError, ValidationError
from newsitem.formats.layouts import _conventions as _wire
from newsitem.model import Byline, Paragraph, PubStatus, Rights, Role, Run, Source, Story, Subject

__all__ = ["dumps", "loads", "sniff"]

NAME = "html"
SCHEMA = "https://schema.org/"
_LIVE_SCHEMES = ("http:", "https:", "mailto:")
"""The URI schemes written as live links; any other URI is written inert."""

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ROLE_LABELS = {
    Role.SUBMITTER: "Submitted by",
    Role.CONTRIBUTOR: "With contributions from",
    Role.EDITOR: "Edited by",
    Role.PHOTOGRAPHER: "Photographs by",
    Role.TRANSLATOR: "Translated by",
}
_STYLE = """
body{margin:0;background:#fafaf7;color:#1d1d1b;font:17px/1.6 Georgia,'Times New Roman',serif}
article{max-width:42rem;margin:2.5rem auto;padding:0 1.25rem}
header{border-bottom:1px solid #d8d6cf;margin-bottom:1.5rem;padding-bottom:1rem}
h1{font-size:2.1rem;line-height:1.2;margin:.3rem 0 .6rem}
.kicker,.byline,.dateline,footer{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#8a3b12;margin:0}
.subheadline{font-size:1.25rem;color:#44443f;margin:.2rem 0 .8rem}
.byline{font-weight:600;margin:.2rem 0}
.dateline{color:#5f5e58;font-size:.9rem;margin:.2rem 0}
.summary{font-size:1.1rem;font-style:italic;color:#33332f}
.summary,[itemprop=articleBody] p,dd,.notice,.terms{white-space:pre-line}
a{color:#1a4f8b}
.inert{border-bottom:1px dotted #999}
footer{border-top:1px solid #d8d6cf;margin-top:2rem;padding-top:1rem;font-size:.85rem;color:#55544e}
footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
footer dt{font-weight:600}footer dd{margin:0}
""".strip()
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def sniff(text: str) -> tuple[float, str] | None:
    """An HTML page or fragment carrying a schema.org NewsArticle (microdata or JSON-LD)."""
    head = text[:200_000]
    if "<" not in head[:2000]:
        return None
    lowered = head.lower()
    if 'data-newsitem="1"' in lowered:
        return 0.99, "an <article> written by newsitem (data-newsitem marker)"
    if "newsarticle" in lowered and ("itemscope" in lowered or "application/ld+json" in lowered):
        return 0.9, "HTML with a schema.org NewsArticle (microdata or JSON-LD)"
    return None


# --- writing ---------------------------------------------------------------------------------


def _e(text: str) -> str:
    """``text`` safe as element text and inside a double-quoted attribute (every attribute
    we write is double-quoted, so ``'`` needs no escape)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _live(uri: str) -> bool:
    return uri[:7].lower().startswith(_LIVE_SCHEMES)


def _words(value: datetime) -> str:
    words = f"{value.day} {_MONTHS[value.month - 1]} {value.year}, {value.hour:02d}:{value.minute:02d}"
    offset = value.utcoffset()
    if offset is None:
        return words
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{words} (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def _time(prop: str, value: datetime) -> str:
    return f'<time itemprop="{prop}" datetime="{_e(dates.format_iso(value))}">{_e(_words(value))}</time>'


def _uri(prop: str, uri: str, label: str | None = None) -> str:
    """A URI property: a live link for web schemes, else inert text with the URI kept."""
    shown = _e(label if label is not None else uri)
    if _live(uri):
        return f'<a itemprop="{prop}" href="{_e(uri)}">{shown}</a>'
    return f'<span class="inert"><meta itemprop="{prop}" content="{_e(uri)}">{shown}</span>'


def _run(run: Run) -> str:
    text = _e(run.text)
    if run.emphasis:
        text = f"<em>{text}</em>"
    if run.strong:
        text = f"<strong>{text}</strong>"
    if run.link is not None:
        if _live(run.link):
            text = f'<a href="{_e(run.link)}">{text}</a>'
        else:
            text = f'<span class="inert" data-newsitem-href="{_e(run.link)}">{text}</span>'
    return text


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
        f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}Person"'
        f' data-newsitem-role="{byline.role.value}" data-newsitem-index="{index}">{shown}</span>'
    )


def _organisation(prop: str, source: Source) -> str:
    parts = []
    if source.name is not None:
        parts.append(f'<span itemprop="name">{_e(source.name)}</span>')
    if source.url is not None:
        parts.append(_uri("url", source.url))
    if source.code is not None:
        parts.append(f'<meta itemprop="identifier" content="{_e(source.code)}">')
    return f'<span itemprop="{prop}" itemscope itemtype="{SCHEMA}Organization">{" ".join(parts)}</span>'


def _article(story: Story) -> Iterator[str]:
    lang = f' lang="{_e(story.language)}"' if story.language is not None else ""
    yield f'<article itemscope itemtype="{SCHEMA}NewsArticle" data-newsitem="1"{lang}>'
    if story.guid is not None:
        yield f'<meta itemprop="identifier" content="{_e(story.guid)}">'
    yield f'<meta itemprop="version" content="{story.version}">'
    if story.language is not None:
        yield f'<meta itemprop="inLanguage" content="{_e(story.language)}">'
    if story.url is not None:
        yield (
            f'<link itemprop="url" href="{_e(story.url)}">'
            if _live(story.url)
            else f'<meta itemprop="url" content="{_e(story.url)}">'
        )
    yield "<header>"
    if story.section is not None or story.genre is not None:
        kicker = []
        if story.section is not None:
            kicker.append(f'<span itemprop="articleSection">{_e(story.section)}</span>')
        if story.genre is not None:
            kicker.append(f'<span itemprop="genre">{_e(story.genre)}</span>')
        yield f'<p class="kicker">{" · ".join(kicker)}</p>'
    yield f'<h1 itemprop="headline">{_e(story.headline)}</h1>'
    if story.subheadline is not None:
        yield f'<p class="subheadline" itemprop="alternativeHeadline">{_e(story.subheadline)}</p>'
    indexed = list(enumerate(story.bylines))
    authors = [_person(b, i) for i, b in indexed if b.role is Role.AUTHOR]
    if authors:
        yield f'<p class="byline">By {_wire.join_names(authors)}</p>'
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
    if story.summary is not None:
        yield f'<p class="summary" itemprop="abstract">{_e(story.summary)}</p>'
    yield '<div itemprop="articleBody">'
    for paragraph in story.body:
        runs = paragraph.runs
        if len(runs) == 1 and runs[0].plain:  # canonical runs: a plain paragraph is one plain run
            yield f"<p>{_e(runs[0].text)}</p>"
        else:
            yield f"<p>{''.join(_run(run) for run in paragraph.runs)}</p>"
    yield "</div>"
    yield from _footer(story, indexed)
    yield "</article>"


def _footer(story: Story, indexed: list[tuple[int, Byline]]) -> Iterator[str]:
    yield "<footer>"
    others = [(i, b) for i, b in indexed if b.role is not Role.AUTHOR]
    for role, label in _ROLE_LABELS.items() if others else ():
        people = [_person(b, i) for i, b in others if b.role is role]
        if people:
            yield f'<p class="credits">{label} {_wire.join_names(people)}</p>'
    if story.keywords:
        spans = ", ".join(f'<span itemprop="keywords">{_e(k)}</span>' for k in story.keywords)
        yield f'<p class="keywords">Keywords: {spans}</p>'
    if story.subjects:
        items = []
        for subject in story.subjects:
            parts = []
            if subject.name is not None:
                parts.append(f'<span itemprop="name">{_e(subject.name)}</span>')
            if subject.code is not None:
                parts.append(_uri("sameAs", subject.code, f"({subject.code})" if subject.name else None))
            items.append(
                f'<span itemprop="about" itemscope itemtype="{SCHEMA}Thing">{" ".join(parts)}</span>'
            )
        yield f'<p class="subjects">Subjects: {", ".join(items)}</p>'
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
        if _live(rights.license):
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
        ("Urgency", "urgency", None if story.urgency is None else str(story.urgency)),
        ("Status", "status", None if story.status is PubStatus.USABLE else story.status.value),
    ):
        if value is not None:
            out.append(f'<dt>{label}</dt><dd data-newsitem-field="{name}">{_e(value)}</dd>')
    if story.embargoed is not None:
        out.append(
            f'<dt>Embargoed until</dt><dd data-newsitem-field="embargoed">'
            f'<time datetime="{_e(dates.format_iso(story.embargoed))}">'
            f"{_e(_words(story.embargoed))}</time></dd>"
        )
    return out


def _json_ld(story: Story) -> str:
    """The derived JSON-LD for search engines (never read back), safe inside <script>: the
    metadata search engines read (headline, authors, dates, publisher...), not the body."""
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
    }
    if story.subheadline is not None:
        doc["alternativeHeadline"] = story.subheadline
    if story.summary is not None:
        doc["abstract"] = story.summary
    authors = [b for b in story.bylines if b.role is Role.AUTHOR]
    if authors:
        doc["author"] = [
            {
                "@type": "Person",
                "name": b.name,
                **({"jobTitle": b.title} if b.title else {}),
                **(
                    {"affiliation": {"@type": "Organization", "name": b.affiliation}} if b.affiliation else {}
                ),
            }
            for b in authors
        ]
    for key, value in (("datePublished", story.published), ("dateModified", story.updated)):
        if value is not None:
            doc[key] = dates.format_iso(value)
    for key, text in (
        ("dateline", story.dateline),
        ("articleSection", story.section),
        ("genre", story.genre),
        ("inLanguage", story.language),
        ("identifier", story.guid),
    ):
        if text is not None:
            doc[key] = text
    if story.keywords:
        doc["keywords"] = list(story.keywords)
    if story.url is not None and _live(story.url):
        doc["url"] = story.url
    if story.source is not None and story.source.name is not None:
        doc["publisher"] = {"@type": "Organization", "name": story.source.name}
    if story.rights is not None:
        if story.rights.license is not None and _live(story.rights.license):
            doc["license"] = story.rights.license
        if story.rights.notice is not None:
            doc["copyrightNotice"] = story.rights.notice
    doc["version"] = story.version  # the body is in the page's microdata; search engines need no copy
    text = _JSON.encode(doc)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def dumps(story: Story, *, lossy: bool = False, fragment: bool = False) -> str:
    """Write ``story`` as an HTML5 page (``fragment=True``: the ``<article>`` alone).

    The page carries every field (schema.org microdata where schema.org has a
    property, ``data-newsitem-*`` attributes where it has none), so
    :func:`loads` gives the story back exactly. HTML is lossless: ``lossy`` is
    accepted (the contract of every format) and ignored.
    """
    article = "\n".join(_article(story))
    if fragment:
        return article + "\n"
    lang = f' lang="{_e(story.language)}"' if story.language is not None else ""
    canonical = f'<link rel="canonical" href="{_e(story.url)}">\n' if story.url and _live(story.url) else ""
    return (
        f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(story.headline)}</title>\n{canonical}<style>\n{_STYLE}\n</style>\n"
        f'<script type="application/ld+json">\n{_json_ld(story)}\n</script>\n'
        f"</head>\n<body>\n{article}\n</body>\n</html>\n"
    )


# --- reading ---------------------------------------------------------------------------------

_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_CLOSES_P = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "section", "article", "header",
     "footer", "blockquote", "pre", "figure", "aside", "nav", "dl", "form", "hr", "main"}
)  # fmt: skip
_BLOCKS = frozenset({"p", "div", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption"})
_ROLES = frozenset(role.value for role in Role)
_NEWS_TYPES = frozenset(
    {"NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle", "BackgroundNewsArticle",
     "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle"}
)  # fmt: skip


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children:
            if isinstance(child, _Node):
                yield from child.walk()


class _TreeBuilder(HTMLParser):
    """A forgiving element tree (the standard library's tokenizer; no scripts run, nothing fetched)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack = [self.root]
        self.json_ld: list[str] = []
        self._raw: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P and self.stack[-1].tag == "p":
            self.stack.pop()
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag == "script":
            self._raw = "" if node.attrs.get("type", "").lower() == "application/ld+json" else None
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._raw is not None:
            self.json_ld.append(self._raw)
            self._raw = None
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        top = self.stack[-1].tag
        if top == "script":
            if self._raw is not None:
                self._raw += data
            return
        if top in ("style", "title", "template"):
            return
        self.stack[-1].children.append(data)


def _tree(text: str) -> _TreeBuilder:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder


class _Item:
    """A microdata item: its type and its properties in document order."""

    def __init__(self, node: _Node) -> None:
        self.node = node
        self.types = node.attrs.get("itemtype", "").split()
        self.props: list[tuple[str, _Node]] = []
        self._collect(node)

    def _collect(self, node: _Node) -> None:
        for child in node.children:
            if not isinstance(child, _Node):
                continue
            for name in child.attrs.get("itemprop", "").split():
                self.props.append((name, child))
            if "itemscope" not in child.attrs:
                self._collect(child)

    def nodes(self, name: str) -> list[_Node]:
        return [node for prop, node in self.props if prop == name]

    def value(self, name: str, *, exact: bool) -> str | None:
        found = self.nodes(name)
        return None if not found else _value(found[0], exact=exact)

    def values(self, name: str, *, exact: bool) -> list[str]:
        return [v for v in (_value(node, exact=exact) for node in self.nodes(name)) if v]

    def items(self, name: str) -> list[_Item]:
        return [_Item(node) for node in self.nodes(name) if "itemscope" in node.attrs]


def _value(node: _Node, *, exact: bool) -> str | None:
    if node.tag == "meta":
        value = node.attrs.get("content")
    elif node.tag in ("a", "link", "area"):
        value = node.attrs.get("href")
    elif node.tag == "time" and "datetime" in node.attrs:
        value = node.attrs["datetime"]
    elif node.tag in ("data", "meter"):
        value = node.attrs.get("value")
    elif node.tag in ("img", "audio", "video", "source", "iframe", "embed"):
        value = node.attrs.get("src")
    else:
        value = node.text()
    if value is None:
        return None
    return value if exact else " ".join(value.split()) or None


def _is_news(types: list[str] | str) -> bool:
    names = [types] if isinstance(types, str) else types
    return any(name.rsplit("/", 1)[-1] in _NEWS_TYPES for name in names if isinstance(name, str))


def _runs(node: _Node, *, em: bool = False, strong: bool = False, link: str | None = None) -> Iterator[Run]:
    for child in node.children:
        if isinstance(child, str):
            if child:
                yield Run(text=child, emphasis=em, strong=strong, link=link)
            continue
        tag = child.tag
        href = child.attrs.get("href") if tag == "a" else child.attrs.get("data-newsitem-href")
        yield from _runs(
            child,
            em=em or tag in ("em", "i"),
            strong=strong or tag in ("strong", "b"),
            link=href if href is not None and _wire_uri(href) else link,
        )


_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


def _wire_uri(href: str) -> bool:
    return _ABSOLUTE.fullmatch(href) is not None


def _when(text: str | None, *, exact: bool) -> datetime | None:
    if text is None:
        return None
    if exact:
        return dates.parse_iso(text)
    try:
        value = dates.parse_lenient(text)
    except ValueError:
        return None
    return value if dates.check(value) is None else None


def _organisation_of(item: _Item | None, *, exact: bool) -> Source | None:
    if item is None:
        return None
    name = item.value("name", exact=exact)
    url = item.value("url", exact=exact)
    code = item.value("identifier", exact=exact) or (
        None if exact else item.node.attrs.get("data-newsitem-id")
    )
    if name is None and code is None:
        return None
    return Source(name=name, url=url if url is None or _wire_uri(url) else None, code=code)


def _person_of(item: _Item, role: Role, *, exact: bool) -> Byline | None:
    name = item.value("name", exact=exact)
    if not name:
        return None
    affiliation = next(iter(item.items("affiliation")), None)
    return Byline(
        name=name,
        role=role,
        title=item.value("jobTitle", exact=exact),
        affiliation=None if affiliation is None else affiliation.value("name", exact=exact),
    )


def _people(item: _Item, *, exact: bool) -> list[Byline]:
    """The persons of an article item in byline order (``data-newsitem-index`` where written)."""
    people: list[tuple[int, Byline]] = []
    for position, (prop, node) in enumerate(item.props):
        if prop not in ("author", "editor", "contributor", "creator") or "itemscope" not in node.attrs:
            continue
        default = {"author": Role.AUTHOR, "creator": Role.AUTHOR, "editor": Role.EDITOR}.get(
            prop, Role.CONTRIBUTOR
        )
        role = node.attrs.get("data-newsitem-role", default)
        if role not in _ROLES:
            role = default
        with _located(f"$.bylines[{len(people)}]", f"{prop}[{position}]"):
            person = _person_of(_Item(node), Role(role), exact=exact)
        if person is not None:
            index = node.attrs.get("data-newsitem-index", "")
            people.append((int(index) if exact and index.isdigit() else position, person))
    people.sort(key=lambda pair: pair[0])
    return [person for _, person in people]


def _rights_of(item: _Item, *, exact: bool) -> Rights | None:
    notice = item.value("copyrightNotice", exact=exact)
    holder = next(iter(item.items("copyrightHolder")), None)
    usage = next(iter(item.items("usageInfo")), None)
    license_uri = item.value("license", exact=exact)
    terms = usage.value("text", exact=exact) if usage is not None else None
    holder_name = holder.value("name", exact=exact) if holder is not None else None
    if license_uri is not None and not _wire_uri(license_uri):
        license_uri = None
    if notice or holder_name or terms or license_uri:
        return Rights(notice=notice, holder=holder_name, license=license_uri, terms=terms)
    return None


def _story_from_microdata(item: _Item, exact: bool) -> Story:
    body_nodes = item.nodes("articleBody")
    body: list[Paragraph] = []
    if body_nodes:
        if exact:
            nodes = [p for p in body_nodes[0].children if isinstance(p, _Node)]
            for index, p in enumerate(nodes):
                with _located(f"$.body[{index}]", f"articleBody/p[{index}]"):
                    body.append(Paragraph(runs=list(_runs(p))))
        else:
            body = _foreign_body(body_nodes[0])
    subjects: list[Subject] = []
    for index, about in enumerate(item.items("about")):
        name = about.value("name", exact=exact)
        code = about.value("sameAs", exact=exact)
        if name or code:
            with _located(f"$.subjects[{len(subjects)}]", f"about[{index}]"):
                subjects.append(Subject(name=name, code=code if code is None or _wire_uri(code) else None))
    with _located("$.rights", "copyrightNotice"):
        rights = _rights_of(item, exact=exact)
    fields: dict[str, str] = {}
    extras: list[tuple[str, str]] = []
    if exact:
        for node in item.node.walk():
            field = node.attrs.get("data-newsitem-field")
            if field == "embargoed":
                time = next((c for c in node.children if isinstance(c, _Node) and c.tag == "time"), None)
                fields[field] = node.text() if time is None else time.attrs.get("datetime", "")
            elif field is not None:
                fields[field] = node.text()
            key = node.attrs.get("data-newsitem-extra")
            if key is not None:
                extras.append((key, node.text()))
    with _located("$.source", "publisher"):
        source = _organisation_of(next(iter(item.items("publisher")), None), exact=exact)
    with _located("$.provider", "provider"):
        provider = _organisation_of(next(iter(item.items("provider")), None), exact=exact)
    version = item.value("version", exact=exact)
    url = item.value("url", exact=exact)
    headline = item.value("headline", exact=exact) or item.value("name", exact=exact)
    if not headline:
        raise ParseError("the NewsArticle has no headline", format=NAME)
    with _located_story(_MICRODATA_WHERE):
        return Story(
            headline=headline,
            subheadline=item.value("alternativeHeadline", exact=exact),
            summary=item.value("abstract", exact=exact)
            or (None if exact else item.value("description", exact=False)),
            bylines=_people(item, exact=exact),
            source=source,
            provider=provider,
            published=_when(item.value("datePublished", exact=exact), exact=exact),
            updated=_when(item.value("dateModified", exact=exact), exact=exact),
            embargoed=_when(fields.get("embargoed"), exact=True),
            dateline=item.value("dateline", exact=exact),
            section=item.value("articleSection", exact=exact),
            genre=item.value("genre", exact=exact),
            keywords=_keywords(item.values("keywords", exact=exact), exact=exact),
            subjects=subjects,
            slugline=fields.get("slugline"),
            priority=fields.get("priority"),
            urgency=int(fields["urgency"]) if "urgency" in fields else None,
            status=PubStatus(fields.get("status", "usable")),
            language=item.value("inLanguage", exact=exact)
            if exact
            else _language(item.value("inLanguage", exact=False)),
            url=url if url is None or _wire_uri(url) else None,
            rights=rights,
            guid=item.value("identifier", exact=exact)
            if exact
            else _token(item.value("identifier", exact=False)),
            version=int(version) if version is not None and version.isascii() and version.isdigit() else 1,
            body=body,
            extras=extras,
        )


# Where a model field is read from: the microdata itemprop (or newsitem's data attribute)
# and the JSON-LD key, for the document path of a ValidationError.
_MICRODATA_WHERE = {
    "headline": "headline",
    "subheadline": "alternativeHeadline",
    "summary": "abstract",
    "bylines": "author",
    "source": "publisher",
    "provider": "provider",
    "published": "datePublished",
    "updated": "dateModified",
    "embargoed": "data-newsitem-field=embargoed",
    "dateline": "dateline",
    "section": "articleSection",
    "genre": "genre",
    "keywords": "keywords",
    "subjects": "about",
    "slugline": "data-newsitem-field=slugline",
    "priority": "data-newsitem-field=priority",
    "urgency": "data-newsitem-field=urgency",
    "status": "data-newsitem-field=status",
    "language": "inLanguage",
    "url": "url",
    "rights": "copyrightNotice",
    "guid": "identifier",
    "version": "version",
    "body": "articleBody",
    "extras": "data-newsitem-extra",
}
_JSON_LD_WHERE = {
    field: "$." + key
    for field, key in {
        **_MICRODATA_WHERE,
        "summary": "abstract",
        "source": "publisher",
        "body": "articleBody",
        "rights": "copyrightNotice",
    }.items()
    if not key.startswith("data-")
}


@contextmanager
def _located(path: str, where: str) -> Iterator[None]:
    """Raise a ValidationError from inside the block re-rooted at the model ``path`` and
    located at the document path ``where``."""
    try:
        yield
    except ValidationError as exc:
        raise exc.prefixed(path).located(format=NAME, where=where) from None


@contextmanager
def _located_story(table: dict[str, str]) -> Iterator[None]:
    """Locate a ValidationError from a Story constructor by its field (``table``: field -> place)."""
    try:
        yield
    except ValidationError as exc:
        problems = []
        for problem in exc.prefixed("$").problems:
            field = problem.path[2:].split(".", 1)[0].split("[", 1)[0]
            problems.append(problem._replace(where=problem.where or table.get(field)))
        raise ValidationError(problems, source=exc.source, format=NAME) from None


def _keywords(values: list[str], *, exact: bool) -> list[str]:
    if exact:
        return values
    out: list[str] = []
    for value in values:
        for part in value.split(",") if len(values) == 1 else [value]:
            keyword = part.strip()
            if keyword and keyword not in out:
                out.append(keyword)
    return out


_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def _language(value: str | None) -> str | None:
    return value if value is not None and _LANGUAGE.fullmatch(value) else None


def _token(value: str | None) -> str | None:
    return value if value is not None and " " not in value and value.isprintable() else None


def _foreign_body(node: _Node) -> list[Paragraph]:
    blocks: list[list[Run]] = []

    def visit(current: _Node) -> None:
        pending: list[Run] = []
        for child in current.children:
            if isinstance(child, _Node) and child.tag in _BLOCKS:
                if pending:
                    blocks.append(pending)
                    pending = []
                visit(child)
            elif isinstance(child, _Node):
                if child.tag in ("script", "style", "figure", "aside", "nav"):
                    continue
                pending.extend(_runs(_wrap(child)))
            elif child.strip():
                pending.append(Run(text=child))
        if pending:
            blocks.append(pending)

    visit(node)
    paragraphs = []
    for runs in blocks:
        cleaned = [
            Run(text=_SPACE.sub(" ", r.text), emphasis=r.emphasis, strong=r.strong, link=r.link) for r in runs
        ]
        text = "".join(r.text for r in cleaned).strip()
        if text:
            paragraphs.append(_trimmed(cleaned))
    return paragraphs


_SPACE = re.compile(r"\s+")


def _wrap(node: _Node) -> _Node:
    holder = _Node("#wrap", {})
    holder.children.append(node)
    return holder


def _trimmed(runs: list[Run]) -> Paragraph:
    while runs and not runs[0].text.strip():
        runs = runs[1:]
    while runs and not runs[-1].text.strip():
        runs = runs[:-1]
    first, last = runs[0], runs[-1]
    runs[0] = Run(text=first.text.lstrip(), emphasis=first.emphasis, strong=first.strong, link=first.link)
    last = runs[-1]
    runs[-1] = Run(text=last.text.rstrip(), emphasis=last.emphasis, strong=last.strong, link=last.link)
    return Paragraph(runs=runs)


def _story_from_json_ld(doc: dict[str, Any]) -> Story:
    def text(key: str) -> str | None:
        value = doc.get(key)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        return " ".join(value.split()) or None if isinstance(value, str) else None

    def named(value: Any) -> str | None:
        if isinstance(value, str):
            return " ".join(value.split()) or None
        if isinstance(value, dict):
            return named(value.get("name"))
        return None

    headline = text("headline") or text("name")
    if headline is None:
        raise ParseError("the JSON-LD NewsArticle has no headline", format=NAME)
    authors = doc.get("author")
    authors = authors if isinstance(authors, list) else [authors]
    bylines: list[Byline] = []
    for index, author in enumerate(authors):
        name = named(author)
        if name is not None:
            title = named(author.get("jobTitle")) if isinstance(author, dict) else None
            affiliation = named(author.get("affiliation")) if isinstance(author, dict) else None
            with _located(f"$.bylines[{len(bylines)}]", f"$.author[{index}]"):
                bylines.append(Byline(name=name, title=title, affiliation=affiliation))
    keywords = doc.get("keywords")
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    keyword_list = (
        [" ".join(k.split()) for k in keywords if isinstance(k, str) and k.strip()]
        if isinstance(keywords, list)
        else []
    )
    publisher = named(doc.get("publisher"))
    body_text = doc.get("articleBody")
    body = []
    if isinstance(body_text, str):
        body = [
            Paragraph.plain(" ".join(block.split()))
            for block in re.split(r"\n\s*\n|\n", body_text)
            if block.strip()
        ]
    license_uri = text("license")
    url = text("url")
    notice = text("copyrightNotice")
    version = text("version")
    with _located_story(_JSON_LD_WHERE):
        return Story(
            headline=headline,
            subheadline=text("alternativeHeadline"),
            summary=text("abstract") or text("description"),
            bylines=bylines,
            source=None if publisher is None else Source(name=publisher),
            published=_when(text("datePublished"), exact=False),
            updated=_when(text("dateModified"), exact=False),
            dateline=text("dateline"),
            section=text("articleSection"),
            genre=text("genre"),
            keywords=list(dict.fromkeys(keyword_list)),
            language=_language(text("inLanguage")),
            url=url if url is not None and _wire_uri(url) and " " not in url else None,
            guid=_token(text("identifier")),
            version=int(version)
            if version is not None and version.isascii() and version.isdigit() and int(version) > 0
            else 1,
            rights=Rights(
                notice=notice, license=license_uri if license_uri and _wire_uri(license_uri) else None
            )
            if notice or (license_uri and _wire_uri(license_uri))
            else None,
            body=body,
        )


def _json_ld_articles(blocks: list[str]) -> Iterator[dict[str, Any]]:
    def visit(value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, list):
            for item in value:
                yield from visit(item)
        elif isinstance(value, dict):
            if _is_news(value.get("@type", [])):
                yield value
            yield from visit(value.get("@graph", []))

    for block in blocks:
        try:
            parsed = json.loads(block)
        except (ValueError, RecursionError):
            continue
        yield from visit(parsed)


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a story from an HTML page or fragment.

    A page written by :func:`dumps` reads back exactly. Other pages are read
    leniently from their schema.org NewsArticle: microdata first, else JSON-LD;
    whitespace in values is collapsed and unknown parts are ignored. Times
    carry their own offsets (or none): ``tz`` is accepted (the contract of every
    format) and ignored.

    Raises:
        ParseError: no NewsArticle as microdata or JSON-LD, or one without a headline.
        ValidationError: a value breaks a rule of the model; it names the format
            (``html``), the model path and the document path (the itemprop path
            such as ``author[0]``, or the JSON-LD path such as ``$.author[0]``).
    """
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            text = bytes(data).decode("windows-1252", "replace")
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"expected str or bytes, got {type(data).__name__}")
    try:
        tree = _tree(text)
        for node in tree.root.walk():
            if (
                "itemscope" in node.attrs
                and "itemprop" not in node.attrs
                and _is_news(node.attrs.get("itemtype", "").split())
            ):
                exact = node.attrs.get("data-newsitem") == "1"
                return _story_from_microdata(_Item(node), exact)
        for doc in _json_ld_articles(tree.json_ld):
            return _story_from_json_ld(doc)
    except RecursionError:
        raise ParseError("the page nests its elements too deeply to read", format=NAME) from None
    except ValidationError:
        raise
    except ValueError as exc:
        raise ParseError(f"the article has a value newsitem cannot read: {exc}", format=NAME) from None
    raise ParseError(
        "no schema.org NewsArticle in this page (expected itemscope itemtype=.../NewsArticle or a JSON-LD"
        " block with @type NewsArticle)",
        format=NAME,
        line=1,
        column=1,
    )
