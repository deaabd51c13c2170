"""Reading a NewsML-G2 item's ``contentMeta``: urgency, times, dateline, source, people,
classification, headlines, texts and extension properties."""

from __future__ import annotations

import re

from lxml import etree

from newsitem.formats._decode import is_number
from newsitem.formats._lenient import never
from newsitem.formats.layouts._conventions import is_organisation
from newsitem.formats.newsmlg2._links import LinkReader
from newsitem.formats.newsmlg2._names import PREFIX, T
from newsitem.formats.newsmlg2._values import Children, code_of
from newsitem.formats.newsmlg2._where import path, refused
from newsitem.model import Byline, BylineKind, Role, Subject, is_code, is_language, is_text, is_token

_AGENCY_TAG = re.compile(r"\s*\((?P<agency>[^()]{1,40})\)\s*(?P<dash>[-\u2013\u2014]+)?\s*$")
"""The agency tag that closes a printed dateline (``Waghäusel (dpa) -``)."""
_ROLE_FROM_QCODE = {f"nitm:{role.value}": role for role in Role}
_ROLE_FROM_QCODE.update({"cpprole:author": Role.AUTHOR, "cpprole:editor": Role.EDITOR})
_ORGANISATION_TYPES = frozenset(
    {"cpnat:organisation", "cpnat:organization", "http://cv.iptc.org/newscodes/cpnature/organisation"}
)
"""A party's ``@type`` (or ``@typeuri``) saying it is an organisation (IPTC's cpnature codes)."""
_HEADLINE_ROLES = frozenset({"title", "main", "headline"})
_SUBHEADLINE_ROLES = frozenset({"subtitle", "subheadline", "sub"})
"""The codes (after the scheme alias) of another agency's headline roles that name the
headline (``apahltype:title``) and the subheadline (``apahltype:subtitle``)."""


def kind_of(element: etree._Element) -> BylineKind:
    """Whether a ``creator`` or ``contributor`` is an organisation: its ``@type`` says so
    (``cpnat:organisation``), it has ``organisationDetails``, or its QCode is a news
    provider's (``nprov:``, IPTC's scheme of news providers)."""
    kind = element.get("type") or element.get("typeuri")
    if kind == "cpnat:person":  # our own items say which, always
        return BylineKind.PERSON
    if kind in _ORGANISATION_TYPES or element.find(T.organisationDetails) is not None:
        return BylineKind.ORGANISATION
    if kind is None and (element.get("qcode") or "").startswith("nprov:"):
        return BylineKind.ORGANISATION
    return BylineKind.PERSON


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

    def circumstances(self, content: Children) -> None:
        """Urgency, modification time, dateline and source."""
        urgency = content.find(T.urgency)
        text = None if urgency is None else urgency.text
        if urgency is not None and text is not None and text.strip():
            if is_number(text) and 1 <= int(text) <= 9:
                self.fields["urgency"] = int(text)
            else:
                self.refuse(text.strip(), urgency, None, "urgency", "expected an urgency from 1 to 9")
        updated = self.when(content.find(T.contentModified), "updated")
        if updated is not None:
            self.fields["updated"] = updated
        if self.fields.get("published") is None:  # a day (firstCreated needs a time), or no firstCreated
            self.fields["published"] = self.when(content.find(T.contentCreated), "published")
        located_at, dateline_at = content.find(T.located), content.find(T.dateline)
        if located_at is not None:
            self.set("located", self.name(located_at) or located_at.get("literal"), located_at)
        if dateline_at is not None:
            self.dateline(dateline_at)
        sources = content.findall(T.infoSource)
        origin = next(
            (e for e in sources if "origcont" in (e.get("role") or "")), sources[0] if sources else None
        )
        if origin is not None:
            self.fields["source"] = self.source(origin, "infoSource")

    def dateline(self, element: etree._Element) -> None:
        """The printed dateline; in another agency's item, its agency tag (``Athen (dpa) -``)
        split off into extras (``newsml-g2.dateline-agency``), as the wire layouts do."""
        text = self.text_of(element)
        if text is not None and not self.ours:
            found = _AGENCY_TAG.search(text)
            if found is not None and (found.group("dash") or is_organisation(found.group("agency"))):
                self.add(PREFIX + "dateline-agency", found.group("agency").strip())
                text = text[: found.start()].strip() or None
            else:
                text = text.rstrip(" -\u2013\u2014") or None
        self.set("dateline", text, element)

    def people(self, content: etree._Element) -> None:
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
        self.fields["bylines"] = bylines

    def person(self, element: etree._Element, role: Role) -> Byline | None:
        name = self.name(element)
        if name is None:
            return None
        title = None
        for note in element.findall(T.note):
            if note.get("role") == "nitm:bylineRole":
                title = self.text_of(note)
        if title is None and element.get("jobtitle"):
            self.add(PREFIX + path(element, "jobtitle", below=self.root), element.get("jobtitle"))
        affiliation = self.name(element.find(f"{T.personDetails}/{T.affiliation}"))
        return self.build(
            Byline, element, name=name, role=role, kind=kind_of(element), title=title, affiliation=affiliation
        )

    def classification(self, content: Children) -> None:
        """Language, genre, subjects, keywords and slugline."""
        language = content.find(T.language)
        if language is not None and language.get("tag"):
            self.set("language", self.lenient(language.get("tag"), is_language, language, "tag"), language)
        genre = content.find(T.genre)
        if genre is not None:
            self.set("genre", self.name(genre) or code_of(genre), genre)
        subjects = []
        for subject in content.findall(T.subject):
            attribute = "qcode" if subject.get("qcode") else "uri"
            code = self.lenient(code_of(subject), is_code, subject, attribute)
            name = self.name(subject)
            if code is not None or name is not None:
                subjects.append(self.build(Subject, subject, code=code, name=name))
        self.fields["subjects"] = subjects
        elements = content.findall(T.keyword)
        keywords = [(k, e) for k, e in ((self.text_of(e), e) for e in elements) if k]
        self.set("keywords", [k for k, _ in keywords], [e for _, e in keywords])
        slugline = content.find(T.slugline)
        if slugline is not None:
            self.set("slugline", self.text_of(slugline), slugline)

    def headlines(self, content: Children) -> None:
        """The headline without a role and the ``nitm:subheadline``; in another agency's item
        without them, a headline whose role names the title or the subtitle (APA's
        ``apahltype:title``); an empty headline is no headline."""
        elements = content.findall(T.headline)
        roles = None if self.ours else {e.get("role") for e in elements if self.text_of(e)}
        for headline in elements:
            role = headline.get("role")
            text = self.text_of(headline)
            if text is None:
                continue
            code = None if roles is None or role is None else _role_code(role)
            if self.fields.get("headline") is None and (
                role is None or (roles is not None and None not in roles and code in _HEADLINE_ROLES)
            ):
                self.set("headline", text, headline)
            elif self.fields.get("subheadline") is None and (
                role == "nitm:subheadline"
                or (roles is not None and "nitm:subheadline" not in roles and code in _SUBHEADLINE_ROLES)
            ):
                self.set("subheadline", text, headline)
            else:
                key = role if role is not None and is_token(role) else "other"
                self.add(f"{PREFIX}headline.{key}", text)

    def texts(self, content: Children) -> None:
        """Summary, by line and credit line."""
        for description in content.findall(T.description):
            if description.get("role") in (None, "drol:summary") and self.fields.get("summary") is None:
                self.set("summary", self.text_of(description, multiline=True), description)
        if not self.ours:
            self.add(PREFIX + "by", "\n".join(b for b in map(self.text_of, content.findall(T.by)) if b))
        credit = [c for c in map(self.text_of, content.findall(T.creditline)) if c]
        self.add(PREFIX + "creditline", "\n".join(credit))

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
