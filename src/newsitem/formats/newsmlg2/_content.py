"""Reading a NewsML-G2 item's ``contentMeta``: urgency, times, dateline, source, people,
classification, headlines, texts and extension properties."""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs
from lxml import etree

from newsitem.formats._decode import is_number
from newsitem.formats._lenient import never
from newsitem.formats.layouts._conventions import dateline_parts
from newsitem.formats.newsmlg2._links import LinkReader
from newsitem.formats.newsmlg2._names import PREFIX, N, T
from newsitem.formats.newsmlg2._people import (
    by_line,
    is_login,
    is_organisation_party,
    is_person,
    key,
    supplies,
)
from newsitem.formats.newsmlg2._values import Children, below, code_of, first, value_of
from newsitem.formats.newsmlg2._where import path, refused, split_tag
from newsitem.model import Byline, BylineKind, Role, Subject, is_code, is_language, is_text, is_token

_READ = frozenset(
    N + local
    for local in [
        "urgency",
        "contentCreated",
        "contentModified",
        "located",
        "dateline",
        "infoSource",
        "creator",
        "contributor",
        "language",
        "genre",
        "subject",
        "keyword",
        "slugline",
        "headline",
        "by",
        "creditline",
        "description",
        "contentMetaExtProperty",
    ]
)
"""The ``contentMeta`` children read into the story (the others are kept in extras)."""
_SINGLE = frozenset(
    N + local
    for local in (
        "urgency",
        "contentCreated",
        "contentModified",
        "located",
        "dateline",
        "language",
        "genre",
        "slugline",
    )
)
"""The ``contentMeta`` children read once: a second one is kept in extras."""
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PLACEHOLDER = re.compile(r"(?i)no[-_ ]?data(?:[-_ ]available)?|n/?a|not available|unknown|none|null|[-?]+")
"""A value another agency sends for "none" (Reuters' ``located`` ``No-Data-Available``)."""
_ROLE_FROM_QCODE = {f"nitm:{role.value}": role for role in Role}
_ROLE_FROM_QCODE.update({"cpprole:author": Role.AUTHOR, "cpprole:editor": Role.EDITOR})
_ORGANISATION_TYPES = frozenset(
    {"cpnat:organisation", "cpnat:organization", "http://cv.iptc.org/newscodes/cpnature/organisation"}
)
"""A party's ``@type`` (or ``@typeuri``) saying it is an organisation (IPTC's cpnature codes)."""
_HEADLINE_ROLES = frozenset({"title", "main", "headline"})
_SUBHEADLINE_ROLES = frozenset({"subtitle", "subheadline", "sub", "kicker", "deck", "strapline", "overline"})
_SUMMARY_ROLES = frozenset(
    {"summary", "teaser", "abstract", "lead", "lede", "synopsis", "standfirst", "ingress"}
)
"""The codes (after the scheme alias) of another agency's description roles that give the
summary: ``drol:summary``, ``drol:teaser``, ``MWdrole:abstract``..."""
"""The codes (after the scheme alias) of another agency's headline roles that name the
headline (``apahltype:title``) and the subheadline (``apahltype:subtitle``)."""


def kind_of(element: etree._Element, name: str | None = None) -> BylineKind:
    """Whether a ``creator`` or ``contributor`` is an organisation: its ``@type`` says so
    (``cpnat:organisation``), it has ``organisationDetails``, its QCode is a news
    provider's (``nprov:``, IPTC's scheme of news providers), or, without a ``@type``, its
    role or its ``name`` says so (:func:`_people.is_organisation_party`: ``ANSA``)."""
    kind = element.get("type") or element.get("typeuri")
    if kind == "cpnat:person":  # our own items say which, always
        return BylineKind.PERSON
    if kind in _ORGANISATION_TYPES or first(element, T.organisationDetails) is not None:
        return BylineKind.ORGANISATION
    if kind is None and (element.get("qcode") or "").startswith("nprov:"):
        return BylineKind.ORGANISATION
    if kind is None and is_organisation_party(name, element.get("role")):
        return BylineKind.ORGANISATION
    return BylineKind.PERSON


def unique(bylines: list[Byline]) -> list[Byline]:
    """``bylines`` with each person once (the first time the name comes)."""
    kept: dict[str, Byline] = {}
    for byline in bylines:
        kept.setdefault(key(byline.name), byline)
    return list(kept.values())


def _first(
    found: list[tuple[etree._Element, str]],
    codes: list[str | None],
    wanted: Callable[[str | None], bool],
    besides: etree._Element | None = None,
) -> etree._Element | None:
    """The first headline element (other than ``besides``) whose role code is ``wanted``."""
    return next((e for (e, _), c in zip(found, codes, strict=True) if e is not besides and wanted(c)), None)


def _role_code(role: str | None) -> str | None:
    """The code of a role QCode (``title`` of ``apahltype:title``), lower-cased."""
    return None if role is None else role.rpartition(":")[2].rpartition("/")[2].lower()


class ContentMetaReader(LinkReader):
    """The ``contentMeta`` part of the item reader."""

    def content_meta(self, element: etree._Element) -> None:
        content = Children(element)
        self.circumstances(content)
        self.people(element)
        self.classification(content)
        self.headlines(content)
        self.texts(content)
        for prop in content.findall(T.contentMetaExtProperty):
            self.property(prop)
        self.rest(content, _READ, _SINGLE)

    def circumstances(self, content: Children) -> None:
        """Urgency, modification time, dateline and source."""
        urgency = content.find(T.urgency)
        text = None if urgency is None else urgency.text
        if urgency is not None and text is not None and text.strip():
            if is_number(text) and 1 <= int(text) <= 9:
                self.fields["urgency"] = int(text)
            else:
                self.refuse(text.strip(), urgency, None, "urgency", "expected an urgency from 1 to 9")
        modified = content.find(T.contentModified)
        updated = self.when(modified, "updated")
        if updated is not None and modified is not None:
            self.set("updated", updated, modified)  # another agency's: versionCreated wins (_read)
        if self.fields.get("published") is None:  # a day (firstCreated needs a time), or no firstCreated
            self.fields["published"] = self.when(content.find(T.contentCreated), "published")
        located_at, dateline_at = content.find(T.located), content.find(T.dateline)
        if located_at is not None:
            place = self.name(located_at) or (None if self.ours else self.line(located_at.get("literal")))
            if place is not None and not self.ours and _PLACEHOLDER.fullmatch(place):
                self.add(PREFIX + "located", place)  # Reuters' located "No-Data-Available": no place
                place = None
            self.set("located", place, located_at)
        if dateline_at is not None:
            self.dateline(dateline_at)
        sources = content.findall(T.infoSource)
        origin = next(
            (e for e in sources if "origcont" in (e.get("role") or "")), sources[0] if sources else None
        )
        if origin is not None:
            self.fields["source"] = self.source(origin, "infoSource")
        if not self.ours:  # the other sources (a supplier, a photo agency) have no field: kept
            chosen = None if origin is None else value_of(origin)
            others = (value_of(e) for e in sources if e is not origin)
            self.add(PREFIX + "infoSource", "\n".join(dict.fromkeys(v for v in others if v and v != chosen)))

    def dateline(self, element: etree._Element) -> None:
        """The printed dateline; in another agency's item, its agency tag (``Athen (dpa) -``)
        split off into extras (``newsml-g2.dateline-agency``), as the wire layouts do."""
        text = self.text_of(element)
        if text is not None and not self.ours:  # the one rule of a printed dateline
            parts = dateline_parts(text)
            self.add(PREFIX + "dateline-agency", parts.agency)
            self.add(PREFIX + "dateline-date", parts.date)
            text = parts.place
        self.set("dateline", text, element)

    def people(self, content: etree._Element) -> None:
        """The ``creator`` and ``contributor`` bylines; in another agency's item, without desk
        log-ins and system codes, and the authors of its ``by`` line in place of the creators."""
        bylines = []
        for element in content:
            if element.tag == T.creator:
                role = Role.AUTHOR
            elif element.tag == T.contributor:
                role = _ROLE_FROM_QCODE.get(element.get("role") or "", Role.CONTRIBUTOR)
            else:
                continue
            byline = self.person(element, role)
            if byline is not None:
                bylines.append(byline)
        if not self.ours:
            bylines = self.credited([e for e in content if e.tag == T.by], bylines)
        self.fields["bylines"] = bylines

    def credited(self, elements: list[etree._Element], bylines: list[Byline]) -> list[Byline]:
        """The bylines of another agency's item: the persons its ``by`` lines name, where they
        name any (with what a creator of the same name says), else the creators; every
        person once. Creators the ``by`` line does not name, and a ``by`` line that names
        no person, are kept in extras."""
        texts = [text for text in map(self.text_of, elements) if text]
        named = [person for text in texts for person in by_line(text)[0]]
        if not named:
            self.add(PREFIX + "by", "\n".join(texts))
            return unique(bylines)
        creators = {key(b.name): b for b in reversed(bylines) if b.role is Role.AUTHOR}
        authors = []
        for person in named:
            match = creators.get(key(person.name))
            authors.append(
                person
                if match is None
                else attrs.evolve(
                    person,
                    kind=match.kind,
                    title=person.title or match.title,
                    affiliation=person.affiliation or match.affiliation,
                )
            )
        said = {key(a.name) for a in authors}
        for byline in bylines:
            if byline.role is Role.AUTHOR and key(byline.name) not in said:
                self.add(PREFIX + "creator", byline.name)
        return unique([*authors, *(b for b in bylines if b.role is not Role.AUTHOR)])

    def person(self, element: etree._Element, role: Role) -> Byline | None:
        """A byline, or None: in another agency's item, a party without a name (a literal or
        a QCode only) or named by a log-in is no person; its value is kept in extras."""
        name = self.name(element)
        if not self.ours:
            code = element.get("literal") or (code_of(element) or "").rpartition(":")[2]
            literal = None if name is not None else self.line(element.get("literal"))
            if supplies(element.get("role")) and self.fields.get("source") is None:
                self.fields["source"] = self.source(element, split_tag(element)[1])  # ANSA's supplier
                return None
            if literal is not None and is_person(literal):  # APA: creator literal="Max Musterman"
                name = literal
            elif name is None or is_login(name) or self.repeats_code(element, name, code):
                self.add(PREFIX + split_tag(element)[1], name or literal or code_of(element))
                return None
        if name is None:
            return None
        title = None
        for note in element.iterchildren(T.note):
            if note.get("role") == "nitm:bylineRole":
                title = self.text_of(note)
            elif not self.ours:  # another agency's note on a person has no home: kept
                self.add(PREFIX + path(note, below=self.root), self.text_of(note, multiline=True))
        if title is None and element.get("jobtitle"):
            self.add(PREFIX + path(element, "jobtitle", below=self.root), element.get("jobtitle"))
        affiliation = self.name(below(element, T.personDetails, T.affiliation))
        return self.build(
            Byline,
            element,
            name=name,
            role=role,
            kind=kind_of(element, name),
            title=title,
            affiliation=affiliation,
        )

    @staticmethod
    def repeats_code(element: etree._Element, name: str, code: str) -> bool:
        """Whether a person's one-word name only repeats its party's code (ANSA's
        ``creator literal="VRG"`` named ``VRG``): a desk code, not a name. An organisation
        may be named as its code (``nprov:AFP`` named ``AFP``)."""
        return " " not in name and key(name) == key(code) and kind_of(element, name) is BylineKind.PERSON

    def classification(self, content: Children) -> None:
        """Language, genre, subjects, keywords and slugline."""
        language = content.find(T.language)
        if language is not None and language.get("tag"):
            self.set("language", self.lenient(language.get("tag"), is_language, language, "tag"), language)
        elif not self.ours and self.root.get(_XML_LANG):  # the item's own xml:lang
            tag = self.lenient(self.root.get(_XML_LANG), is_language, self.root, "xml:lang")
            self.set("language", tag, self.root)
        genre = content.find(T.genre)
        if genre is not None:
            self.set("genre", self.named(genre) or code_of(genre), genre)
        subjects = []
        for subject in content.findall(T.subject):
            attribute = "qcode" if subject.get("qcode") else "uri"
            code = self.lenient(code_of(subject), is_code, subject, attribute)
            name = self.named(subject)
            if code is not None or name is not None:
                subjects.append(self.build(Subject, subject, code=code, name=name))
        self.fields["subjects"] = subjects if self.ours else list(dict.fromkeys(subjects))  # STT: one thrice
        elements = content.findall(T.keyword)
        keywords = [(k, e) for k, e in ((self.text_of(e), e) for e in elements) if k]
        self.set("keywords", [k for k, _ in keywords], [e for _, e in keywords])
        slugline = content.find(T.slugline)
        if slugline is not None:
            self.set("slugline", self.text_of(slugline), slugline)

    def headlines(self, content: Children) -> None:
        """The headline without a role and the ``nitm:subheadline`` (our own items); in
        another agency's item, the first headline without a role or with role ``main``, else
        the first whose role names the title (APA's ``apahltype:title``), else the first; the
        subheadline is the first with a subtitle role (``subtitle``, ``kicker``...), else with
        another role. Other headlines go to extras; an empty headline is no headline."""
        found = [(e, text) for e in content.findall(T.headline) if (text := self.text_of(e)) is not None]
        if self.ours:
            main = next((e for e, _ in found if e.get("role") is None), None)
            sub = next((e for e, _ in found if e.get("role") == "nitm:subheadline"), None)
        else:
            codes = [_role_code(e.get("role")) for e, _ in found]
            main = _first(found, codes, lambda c: c is None or c == "main")
            if main is None:
                main = _first(found, codes, _HEADLINE_ROLES.__contains__)
            if main is None:
                main = _first(found, codes, lambda _: True)
            sub = _first(found, codes, _SUBHEADLINE_ROLES.__contains__, main)
            if sub is None:
                sub = _first(found, codes, lambda c: c is not None and c not in _HEADLINE_ROLES, main)
        for element, text in found:
            if element is main:
                self.set("headline", text, element)
            elif element is sub:
                self.set("subheadline", text, element)
            else:
                role = element.get("role")
                key = role if role is not None and is_token(role) else "other"
                self.add(f"{PREFIX}headline.{key}", text)

    def texts(self, content: Children) -> None:
        """Summary, by line and credit line."""
        for description in content.findall(T.description):
            role = description.get("role")
            if role in (None, "drol:summary") or (not self.ours and _role_code(role) in _SUMMARY_ROLES):
                text = self.summary_of(description)
                if self.fields.get("summary") is None and text is not None:
                    self.set("summary", text, description)
                    continue
            key = "description" if role is None or not is_token(role) else f"description.{role}"
            self.add(PREFIX + key, self.text_of(description, multiline=True))
        credit = [c for c in map(self.text_of, content.findall(T.creditline)) if c]
        self.add(PREFIX + "creditline", "\n".join(credit))

    def summary_of(self, description: etree._Element) -> str | None:
        """A summary: exact in our own items; in another agency's, its layout whitespace
        collapsed (a line for each block of markup it holds)."""
        if self.ours or len(description):
            return self.text_of(description, multiline=True)
        return self.line(description.text)

    def property(self, prop: etree._Element) -> None:
        """A ``contentMetaExtProperty``: section, priority, an extras entry, or another's value."""
        rel = prop.get("rel")
        if rel == "nitm:section":
            self.set("section", self.line(prop.get("value")), (prop, "value"))
        elif rel == "nitm:priority":
            self.set("priority", self.line(prop.get("value")), (prop, "value"))
        elif rel == "nitm:extra" and prop.get("literal"):
            key, value = prop.get("literal") or "", prop.get("value") or ""
            if is_token(key) and is_text(value) and key not in self.extras:
                self.extras[key] = value
            elif self.ours:
                if not is_token(key) or key in self.extras:
                    message = "an extras key holds no spaces and comes once"
                else:
                    message = f"an extras value is non-blank text, got {value!r}"
                raise refused(f"Story.extras[{key!r}]", message, prop)
            else:
                self.kept(f"{key}={value}", never, prop, None, "an extras entry the model refuses")
        elif rel:
            key = rel if is_token(rel) else path(prop, "rel", below=self.root)
            self.add(PREFIX + key, prop.get("value") or prop.get("literal") or prop.get("qcode"))
