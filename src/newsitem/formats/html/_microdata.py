"""Reading a schema.org article from microdata (our own pages and other people's).

An :class:`Item` is an element with ``itemscope`` and its properties in document
order (on another page, names in any case). Its values are taken through the policy
(:mod:`newsitem.formats.html._policy`): exactly for our own pages (whose story
:func:`newsitem.formats.html._own.story_from` builds), leniently for others
(:func:`fields`, for the merge). Document paths are itemprop paths (``author[1]``,
``publisher.url``, ``articleBody/p[2]``).
"""

from __future__ import annotations

from typing import Any

from attrs import evolve
from lxml import etree

from newsitem.errors import Problem, ValidationError
from newsitem.formats import _markup
from newsitem.formats._decode import is_number
from newsitem.formats.html._people import from_text
from newsitem.formats.html._policy import (
    NAME,
    Lenient,
    Policy,
    is_article_type,
    is_page_url,
    keywords,
    line_of,
    located,
    type_names,
)
from newsitem.model import (
    Block,
    Byline,
    BylineKind,
    Paragraph,
    Rights,
    Role,
    Source,
    Subject,
)

_ROLES = frozenset(role.value for role in Role)
_ORGANISATIONS = frozenset(
    {"Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization", "NGO",
     "EducationalOrganization", "MediaOrganization", "OnlineBusiness", "Project", "Consortium"}
)  # fmt: skip
"""schema.org types of an organisation credited as author (``@type`` or ``itemtype``, last
path segment); any other (``Person``, none) is a person."""
_PERSON_PROPS = {"author": Role.AUTHOR, "creator": Role.AUTHOR, "editor": Role.EDITOR, "contributor": None}


def kind_of(types: object) -> BylineKind:
    """A byline's kind from its schema.org type(s): an organisation type, else a person."""
    organisation = any(name in _ORGANISATIONS for name in type_names(types))
    return BylineKind.ORGANISATION if organisation else BylineKind.PERSON


def is_article(element: etree._Element) -> bool:
    """An item (``itemscope``) of a schema.org article type (:data:`~._policy.ARTICLE_TYPES`)."""
    return element.get("itemscope") is not None and is_article_type(element.get("itemtype") or "")


def is_own(element: etree._Element) -> bool:
    """Our own article (``data-newsitem="1"``, top-level), read exactly."""
    return element.get("data-newsitem") == "1" and element.get("itemprop") is None


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _value(element: etree._Element, *, exact: bool) -> str | None:
    """A property's value: its ``content``, ``href``, ``datetime``... or its text."""
    tag = element.tag
    if tag == "meta" or (not exact and element.get("content") is not None):  # content="" on any
        value = element.get("content")  # element of another page, as search engines read it
    elif tag in ("a", "link", "area"):
        value = element.get("href")
    elif tag == "time" and element.get("datetime") is not None:
        value = element.get("datetime")
    elif tag in ("data", "meter"):
        value = element.get("value")
    elif tag in ("img", "audio", "video", "source", "iframe", "embed"):
        value = element.get("src")
    else:
        value = _text(element)
    if value is None:
        return None
    return value if exact else " ".join(_markup.cleaned(value).split()) or None


class Item:
    """A microdata item: its element and its properties in document order."""

    def __init__(self, element: etree._Element, *, exact: bool) -> None:
        self.element = element
        self.exact = exact
        self.props: list[tuple[str, etree._Element]] = []
        self._collect(element)

    def _collect(self, element: etree._Element, inside: frozenset[str] = frozenset()) -> None:
        """The properties below ``element`` in document order; a property inside an element of
        the same property (``inside``) is part of its text, not a value of its own (taking
        each of a 250-deep nest took the text 250 times)."""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            names = (child.get("itemprop") or "").split()
            if not self.exact:  # another page's names in any case: itemprop="Headline" is headline
                names = [name.lower() for name in names]
            self.props.extend((name, child) for name in names if name not in inside)
            if child.get("itemscope") is None:
                self._collect(child, inside.union(names) if names else inside)

    def elements(self, name: str) -> list[etree._Element]:
        """The elements of property ``name`` (on another page, whatever its case)."""
        name = name if self.exact else name.lower()
        return [element for prop, element in self.props if prop == name]

    def value(self, name: str) -> str | None:
        """The first value of property ``name``."""
        found = self.elements(name)
        return None if not found else _value(found[0], exact=self.exact)

    def values(self, name: str) -> list[str]:
        """Every non-empty value of property ``name``."""
        return [v for v in (_value(e, exact=self.exact) for e in self.elements(name)) if v]

    def items(self, name: str) -> list[Item]:
        """The items (``itemscope``) of property ``name``."""
        return [Item(e, exact=self.exact) for e in self.elements(name) if e.get("itemscope") is not None]

    def item(self, name: str) -> Item | None:
        """The first item of property ``name``."""
        return next(iter(self.items(name)), None)

    def line(self, name: str) -> int | None:
        """The line of property ``name`` (or of our ``data-newsitem-field`` ``name``); else
        the item's own line."""
        found = self.elements(name) or self.element.xpath(".//*[@data-newsitem-field=$name][1]", name=name)
        return line_of(found[0] if isinstance(found, list) and found else self.element)


def _organisation(item: Item | None, prop: str, policy: Policy) -> Source | None:
    if item is None:
        return None
    name = item.value("name")
    code = item.value("identifier") or (None if policy.exact else item.element.get("data-newsitem-id"))
    if name is None and code is None:
        return None
    with located(f"Story.{'source' if prop == 'publisher' else prop}", prop, line_of(item.element)):
        return Source(name=name, url=policy.uri(item.value("url"), f"{prop}.url"), code=code)


def _people(item: Item, policy: Policy) -> list[Byline]:
    """The persons of the article in byline order (``data-newsitem-index`` where written);
    document paths count each property's elements (``author[1]``: its second)."""
    people: list[tuple[int, Byline]] = []
    seen: dict[str, int] = {}
    for position, (prop, element) in enumerate(item.props):
        if prop not in _PERSON_PROPS:
            continue
        seen[prop] = count = seen.get(prop, -1) + 1
        if element.get("itemscope") is None:
            if not policy.exact:  # another page's plain-text author: split into people
                role = _PERSON_PROPS[prop] or Role.CONTRIBUTOR
                people.extend((position, evolve(b, role=role)) for b in from_text(_text(element)))
            continue
        person = Item(element, exact=item.exact)
        name = person.value("name")
        if not name:
            continue
        affiliation = person.item("affiliation")
        where = f"{prop}[{count}]"
        role = _role(element, prop, f"Story.bylines[{len(people)}].role", where, exact=policy.exact)
        with located(f"Story.bylines[{len(people)}]", where, line_of(element)):
            byline = Byline(
                name=name,
                role=role,
                kind=kind_of((element.get("itemtype") or "").split()),
                title=person.value("jobTitle"),
                affiliation=None if affiliation is None else affiliation.value("name"),
            )
        index = element.get("data-newsitem-index", "")
        people.append((int(index) if policy.exact and is_number(index) else position, byline))
    people.sort(key=lambda pair: pair[0])
    return [person for _, person in people]


def _role(element: etree._Element, prop: str, path: str, where: str, *, exact: bool) -> Role:
    """A person's ``data-newsitem-role``; absent, or unknown on another page: the property's.

    Raises:
        ValidationError: an unknown role on our own page, located at the attribute.
    """
    default = _PERSON_PROPS[prop] or Role.CONTRIBUTOR
    role = element.get("data-newsitem-role")
    if role is None or role in _ROLES:
        return default if role is None else Role(role)
    if not exact:
        return default
    known = ", ".join(repr(known.value) for known in Role)
    problem = Problem(
        path,
        f"expected one of {known}, got {role[:40]!r}",
        where=f"{where}/@data-newsitem-role",
        line=line_of(element),
    )
    raise ValidationError([problem], format=NAME)


def _rights(item: Item, policy: Policy) -> Rights | None:
    holder, usage = item.item("copyrightHolder"), item.item("usageInfo")
    notice = item.value("copyrightNotice")
    if not policy.exact and item.elements("copyrightNotice"):  # Text: a link's words, not its href
        notice = " ".join(_markup.cleaned(_text(item.elements("copyrightNotice")[0])).split()) or notice
    values = {
        "notice": notice,
        "holder": item.value("copyrightHolder") if holder is None else holder.value("name"),
        "license": policy.uri(item.value("license"), "license"),
        "terms": None if usage is None else usage.value("text"),
    }
    if not any(values.values()):
        return None
    with located("Story.rights", "copyrightNotice", item.line("copyrightNotice")):
        return Rights(**values)


def _subjects(item: Item, policy: Policy) -> list[Subject]:
    subjects: list[Subject] = []
    for index, about in enumerate(item.items("about")):
        name = about.value("name")
        code = policy.code(about.value("sameAs"), f"about[{index}].sameAs")
        if name or code:
            with located(f"Story.subjects[{len(subjects)}]", f"about[{index}]", line_of(about.element)):
                subjects.append(Subject(name=name, code=code))
    return subjects


def _body(item: Item, policy: Policy) -> list[Block]:
    """The body blocks (:func:`newsitem.formats._markup.blocks`): our own page's exactly, one
    child element of ``articleBody`` at a time (a refused value located at it); another
    page's with layout whitespace collapsed."""
    found = item.elements("articleBody")
    if not found:
        return []
    if not policy.exact:
        return _markup.blocks(found[0], link=policy.link, media=policy.media, tidy=True, html=True)
    body: list[Block] = []
    for child in found[0]:
        if isinstance(child.tag, str):
            where = f"articleBody/{child.tag}[{len(body)}]"
            with located(f"Story.body[{len(body)}]", where, line_of(child)):
                if child.tag == "p":  # the common block, read as before blocks (no walker to set up)
                    body.append(Paragraph(runs=_markup.runs(child, link=policy.link)))
                else:
                    body.extend(
                        _markup.element_blocks(child, link=policy.link, media=policy.media, html=True)
                    )
    return body


def _keywords(item: Item, *, exact: bool) -> list[str]:
    values = item.values("keywords")
    return values if exact else keywords(values, split=len(values) == 1)


def _url(item: Item, policy: Lenient) -> str | None:
    """Another page's url: its ``url``, else its ``mainEntityOfPage`` (``itemid``, ``href`` or
    ``content``), a page's URL only (a picture's is kept in extras)."""
    found = [item.value("url")]
    found.extend(
        element.get("itemid") or _value(element, exact=False) for element in item.elements("mainEntityOfPage")
    )
    for value in found:
        if is_page_url(value):
            return value
    return policy.page_url(found[0], "url")


_TIMES = ("datepublished", "datecreated", "datemodified")
"""The article's times: properties a ``Person`` or an ``Organization`` cannot have."""


def _adopt_times(item: Item) -> None:
    """The article's times that a page put inside its author's or publisher's item (CNET's
    ``<time itemprop="datePublished">`` in the author's ``<li itemscope>``): a person or an
    organisation has no such property, so they are the article's, when it has none."""
    if any(item.elements(name) for name in _TIMES):
        return
    for nested in (element for prop, element in item.props if element.get("itemscope") is not None):
        types = nested.get("itemtype") or ""
        if "Person" in type_names(types) or kind_of(types) is BylineKind.ORGANISATION:
            inner = Item(nested, exact=False)
            item.props.extend((prop, found) for prop, found in inner.props if prop in _TIMES)


def fields(element: etree._Element, policy: Lenient) -> dict[str, Any]:
    """Another page's article item as model fields for the merge (:mod:`._merge`), its body
    (``articleBody``) included: names in any case, ``dateCreated`` when there is no
    ``datePublished``, times put inside the author's or publisher's item adopted, a
    plain-text author split into people, a publisher given as text."""
    item = Item(element, exact=False)
    _adopt_times(item)
    created = "datePublished" if item.value("datePublished") else "dateCreated"
    publisher = _organisation(item.item("publisher"), "publisher", policy)
    if publisher is None and item.item("publisher") is None and item.value("publisher"):
        publisher = Source(name=item.value("publisher"))
    return {
        "headline": item.value("headline") or item.value("name"),
        "subheadline": item.value("alternativeHeadline"),
        "summary": item.value("abstract") or item.value("description"),
        "bylines": _people(item, policy),
        "source": publisher,
        "provider": _organisation(item.item("provider"), "provider", policy),
        "published": policy.when(item.value(created), created, item.line(created)),
        "updated": policy.when(item.value("dateModified"), "dateModified", item.line("dateModified")),
        "dateline": item.value("dateline"),
        "section": item.value("articleSection"),
        "genre": item.value("genre"),
        "keywords": _keywords(item, exact=False),
        "subjects": _subjects(item, policy),
        "language": policy.language(item.value("inLanguage")),
        "url": _url(item, policy),
        "rights": _rights(item, policy),
        "guid": policy.token(item.value("identifier"), "identifier"),
        "version": policy.version(item.value("version"), item.line("version")),
    }


def has_body(element: etree._Element) -> bool:
    """Whether another page's article item marks its body (``articleBody``, in any case)."""
    return bool(Item(element, exact=False).elements("articleBody"))


def article_body(element: etree._Element, policy: Lenient) -> list[Block]:
    """Another page's ``articleBody`` as it is (its blocks, layout whitespace collapsed)."""
    return _body(Item(element, exact=False), policy)
