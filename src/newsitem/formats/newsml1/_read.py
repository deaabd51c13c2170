"""Reading one NewsML 1.2 NewsItem into a Story: the envelope, ``Identification``,
``NewsManagement``, and the metadata of the NewsComponents around the story's text (the
innermost component's value wins), then the text itself (:mod:`._content`).

Others' documents: layout whitespace is collapsed, a value the model refuses is kept in
extras (``newsml-1.2.`` and its document path) with a note, and what has no home in the
model is kept in extras under ``newsml-1.2.`` and its element's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

import attrs
from lxml import etree

from newsitem import notes
from newsitem.errors import NewsItemError, ParseError, ValidationError
from newsitem.formats.layouts import _conventions
from newsitem.formats.newsml1 import _content
from newsitem.formats.newsml1._parse import NAME
from newsitem.formats.newsml1._values import (
    PREFIX,
    XML_LANG,
    Gathered,
    collapsed,
    formal,
    kid,
    kids,
    local,
    text_of,
)
from newsitem.formats.newsmlg2._where import line_of, path
from newsitem.model import (
    Byline,
    BylineKind,
    Link,
    Paragraph,
    PubStatus,
    Rights,
    Role,
    Source,
    Story,
    Subject,
    is_language,
    is_token,
    is_uri,
)

_STATUS = {
    "usable": PubStatus.USABLE,
    "withheld": PubStatus.WITHHELD,
    "canceled": PubStatus.CANCELED,
    "cancelled": PubStatus.CANCELED,
}
_IPTC_SUBJECT = re.compile(r"\d{8}", re.ASCII)
_PERSON = re.compile(r"[^\W\d_]+\.?(?:[ '\u2019-]+[^\W\d_]+\.?)+")
"""A name of two words or more, letters only: a person (a desk log-in such as ``daa/mt/msr``
or a system code is not)."""
_DASHES = "-\u2013\u2014:"
"""The dashes (and colon) that close a printed dateline."""
_ALERTS = frozenset({"alert", "flash", "bulletin"})
"""``NewsItemType``s (lower case) of a one-line alert: its text is its headline."""
_EDNOTE_PROPERTIES = frozenset({"editorialinfo", "editorialnote", "ednote", "editornote", "notetoeditor"})
"""Property names (lower case) of an editor's note: Belga's ``EditorialInfo``."""


_COMPONENT_PARTS = frozenset(
    {
        "Comment",
        "Catalog",
        "TopicSet",
        "Role",
        "BasisForChoice",
        "NewsLines",
        "AdministrativeMetadata",
        "RightsMetadata",
        "DescriptiveMetadata",
        "DescriptiveMetada",
        "Metadata",
        "NewsItem",
        "NewsItemRef",
        "NewsComponent",
        "ContentItem",
    }
)
"""What NewsML 1.2 defines in a NewsComponent (and TASS's misspelling)."""
_LINES = frozenset(
    {
        "HeadLine",
        "SubHeadLine",
        "ByLine",
        "ByLineTitle",
        "DateLine",
        "CreditLine",
        "CopyrightLine",
        "RightsLine",
        "SeriesLine",
        "SlugLine",
        "KeywordLine",
        "NewsLine",
    }
)
_PLACE_ORDER = ("City", "Region", "CountryArea", "Province", "State", "Country")


_DATE_ONLY = re.compile(
    r"(?:[^\W\d_]{3,9}\.? \d{1,2}|\d{1,2}\.? [^\W\d_]{3,9}\.?)(?:,? \d{4})?|[\dT:+.Z/-]{6,30}"
)
"""A printed date without a place (``January 21``, ``21 jan``, ``20190121T103600+0000``)."""


def is_time(text: str) -> bool:
    """Whether a would-be dateline is only a date or a time (a dateline is a place)."""
    return _DATE_ONLY.fullmatch(text) is not None


def _when_first(values: list[datetime | date | None]) -> datetime | date | None:
    """The earliest of ``values`` that are comparable with the first one present."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    same = [v for v in present if type(v) is type(present[0]) and _aware(v) == _aware(present[0])]
    return min(same)


def _aware(value: datetime | date) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


class ItemReader:
    """One NewsItem read into the fields and extras of a Story."""

    def __init__(self, root: etree._Element, item: etree._Element, where: str) -> None:
        self.root = root
        self.item = item
        self.got = Gathered(item, where)
        self.bylines: list[Byline] = []
        self.named: set[str] = set()
        """The bylines' names, case-folded (nobody is listed twice)."""
        self.not_people: set[str] = set()
        """Names of parties that are desk log-ins or codes, not authors."""
        self.alert = False
        """Whether the item is an alert (``NewsItemType`` ``Alert``, ``Flash``)."""
        self.ednotes: list[str] = []
        """Editor's notes: NewsManagement ``Instruction``s, then ``EditorialInfo`` properties."""

    # --- envelope, identification, management ---------------------------------------

    def envelope(self) -> None:
        envelope = kid(self.root, "NewsEnvelope") if local(self.root) == "NewsML" else None
        if envelope is None:
            return
        got = self.got
        priority = kid(envelope, "Priority")
        got.set("priority", formal(priority))
        for element in kids(envelope, "TransmissionId", "DateAndTime", "SentTo"):
            got.keep(f"NewsEnvelope.{local(element)}", text_of(element) or formal(kid(element, "Party")))
        for element in kids(envelope, "NewsService", "NewsProduct"):
            got.keep(f"NewsEnvelope.{local(element)}", formal(element))
        sender = formal(kid(kid(envelope, "SentFrom"), "Party"))
        got.keep("NewsEnvelope.SentFrom", sender)
        got.fields["envelope.sender"] = sender
        got.fields["envelope.sent"] = got.when(kid(envelope, "DateAndTime"))

    def identification(self) -> None:
        for comment in kids(self.item, "Comment"):  # EFE's version of its profile
            self.got.keep(f"Comment.{comment.get('FormalName') or 'text'}", text_of(comment))
        ident = kid(self.item, "Identification")
        news_id = kid(ident, "NewsIdentifier")
        got = self.got
        parts = {name: text_of(kid(news_id, name)) for name in ("ProviderId", "DateId", "NewsItemId")}
        revision = kid(news_id, "RevisionId")
        number = text_of(revision)
        public = text_of(kid(news_id, "PublicIdentifier"))
        guid = public
        if public is not None and number is not None:
            update = (revision.get("Update") or "N").strip() if revision is not None else "N"
            suffix = f":{number}{'' if update == 'N' else update}"
            if public.endswith(suffix) and len(public) > len(suffix):
                guid = public[: -len(suffix)]
                got.keep("PublicIdentifier", public)
        if guid is None and all(parts.values()):
            guid = f"urn:newsml:{parts['ProviderId']}:{parts['DateId']}:{parts['NewsItemId']}"
        if news_id is not None:
            public_element = kid(news_id, "PublicIdentifier")
            at = news_id if public_element is None else public_element
            got.set("guid", got.lenient(guid, is_token, at))
        if number is not None and revision is not None:
            version = int(number) if number.isascii() and number.isdigit() and int(number) >= 1 else None
            got.set("version", version)
            if version is None:
                got.keep("RevisionId", number)
        got.fields["name_label"] = text_of(kid(ident, "NameLabel"))
        for element in kids(ident, "DateLabel", "Label"):
            got.keep(f"Identification.{local(element)}", text_of(element))

    def management(self) -> None:
        manage = kid(self.item, "NewsManagement")
        if manage is None:
            return
        got = self.got
        item_type = formal(kid(manage, "NewsItemType"))
        self.alert = (item_type or "").lower() in _ALERTS
        if item_type is not None and item_type.lower() != "news":
            got.keep("NewsItemType", item_type)
        got.fields["first_created"] = got.when(kid(manage, "FirstCreated"))
        got.fields["revision_created"] = got.when(kid(manage, "ThisRevisionCreated"))
        self.status(manage)
        urgency = formal(kid(manage, "Urgency")) or text_of(kid(manage, "Urgency"))
        if urgency is not None:
            ok = urgency.isascii() and urgency.isdigit() and 1 <= int(urgency) <= 9
            got.set("urgency", int(urgency) if ok else None)
            if not ok:
                got.keep("Urgency", urgency)
        instructions = [formal(e) or text_of(e) for e in kids(manage, "Instruction")]
        self.ednotes[:0] = [n for n in instructions if n and n not in self.ednotes]
        self.associations(manage)
        for element in kids(manage, "Property"):
            got.keep(f"NewsManagement.Property.{element.get('FormalName')}", collapsed(element.get("Value")))

    def status(self, manage: etree._Element) -> None:
        got = self.got
        status = formal(kid(manage, "Status"))
        if status is None:
            return
        later = kid(manage, "StatusWillChange")
        if status.lower() == "embargoed":
            at = got.when(kid(later, "DateAndTime"))
            if isinstance(at, datetime):
                got.set("embargoed", at)
            else:
                got.keep("Status", status)
            return
        if status.lower() in _STATUS:
            got.set("status", _STATUS[status.lower()])
        else:
            got.keep("Status", status)
        if later is not None:
            got.keep(
                "StatusWillChange",
                " ".join(
                    filter(None, (formal(kid(later, "FutureStatus")), text_of(kid(later, "DateAndTime"))))
                ),
            )

    def associations(self, manage: etree._Element) -> None:
        got = self.got
        links = got.fields.setdefault("links", [])
        for element in kids(manage, "AssociatedWith", "DerivedFrom"):
            target = collapsed(element.get("NewsItem"))
            if target is not None:
                uri = got.lenient(target, is_uri, element, "NewsItem")
                if uri is not None:
                    rel = "source" if local(element) == "DerivedFrom" else "related"
                    links.append(Link(uri=uri, rel=rel))
            got.keep(f"{local(element)}", formal(element))

    # --- the components ---------------------------------------------------------------

    def component(self, component: etree._Element) -> None:
        """The metadata of one NewsComponent (values not set by an inner one); the text of an
        element NewsML 1.2 does not define there is kept in extras under its name."""
        self.news_lines(kid(component, "NewsLines"))
        self.administrative(kid(component, "AdministrativeMetadata"))
        self.rights(kid(component, "RightsMetadata"))
        # TASS writes "DescriptiveMetada"
        self.descriptive(next(kids(component, "DescriptiveMetadata", "DescriptiveMetada"), None))
        for element in kids(component):
            if local(element) not in _COMPONENT_PARTS:
                self.got.keep(local(element), text_of(element))
        for metadata in kids(component, "Metadata"):
            kind = formal(kid(metadata, "MetadataType")) or "Metadata"
            for prop in kids(metadata, "Property"):
                self.got.keep(f"Metadata.{kind}.{prop.get('FormalName')}", collapsed(prop.get("Value")))

    def news_lines(self, lines: etree._Element | None) -> None:
        if lines is None:
            return
        got = self.got
        simple = {"HeadLine": "headline", "SubHeadLine": "subheadline", "SlugLine": "slugline"}
        keywords: list[str] = []
        title = text_of(kid(lines, "ByLineTitle"))
        for element in kids(lines):
            name, text = local(element), text_of(element)
            if name in simple:
                got.set(simple[name], text)
            elif name == "ByLine" and text is not None:
                self.by_line(text, title)
            elif name == "DateLine" and text is not None:
                self.dateline(text)
            elif name == "CopyrightLine":
                got.set("rights.notice", text)
            elif name == "RightsLine":
                got.set("rights.terms", text)
            elif name == "KeywordLine" and text is not None:
                keywords.append(text)
            elif name == "NewsLine":
                kind = formal(kid(element, "NewsLineType")) or "NewsLine"
                got.keep(f"NewsLine.{kind}", text_of(kid(element, "NewsLineText")))
            elif name in ("CreditLine", "SeriesLine"):
                got.keep(name, text)
                if name == "CreditLine":
                    got.set("credit", text)
            elif name not in _LINES:  # an agency's own line (TASS's MoreLink)
                got.keep(f"NewsLines.{name}", text)
        got.set("keywords", keywords)

    def by_line(self, text: str, title: str | None) -> None:
        found, organisation = _conventions.credited(text, title=title)
        self.add_bylines(found)
        if not found or organisation is not None:
            self.got.keep("ByLine", text)

    def add_bylines(self, found: list[Byline]) -> None:
        names = self.named
        for byline in found:
            if byline.name.casefold() not in names:
                names.add(byline.name.casefold())
                self.bylines.append(byline)

    def dateline(self, text: str) -> None:
        """The place of a printed ``DateLine`` (``Paris, 21 jan 2019 (AFP) -``): without the
        dash, the agency tag and the date, by the one rule of a printed dateline
        (:func:`~newsitem.formats.layouts._conventions.dateline_parts`); the line as printed
        is kept when it says more."""
        place = collapsed(_conventions.dateline_parts(text).place) or ""
        is_place = bool(place) and not is_time(place)
        if is_place:
            self.got.set("dateline", place)
        if place != text or not is_place:
            self.got.keep("DateLine", text)

    def parties(self, element: etree._Element | None) -> Iterator[str]:
        for party in kids(element, "Party"):
            name = formal(party) or text_of(party)
            if name is not None:
                yield name

    def administrative(self, admin: etree._Element | None) -> None:
        if admin is None:
            return
        got = self.got
        got.set("provider.name", next(self.parties(kid(admin, "Provider")), None))
        got.set("source.name", next(self.parties(kid(admin, "Source")), None))
        for element, role in (
            (kid(admin, "Creator"), Role.AUTHOR),
            (kid(admin, "Contributor"), Role.CONTRIBUTOR),
        ):
            for name in self.parties(element):
                self.party(name, role, "Creator" if element is None else local(element))
        for element in kids(admin, "FileName", "SystemIdentifier"):
            got.keep(local(element), text_of(element))
        for element in kids(admin, "Property"):
            name, value = element.get("FormalName") or "", collapsed(element.get("Value"))
            if name.lower() in ("author", "byline") and value is not None:
                self.party(value, Role.AUTHOR, "Property.author")  # ANP's and ATS's authors
            elif not self.ednote(name, value):
                got.keep(f"Property.{name}", value)

    def ednote(self, name: str, value: str | None) -> bool:
        """Whether the property ``name`` is an editor's note (Belga's ``EditorialInfo``): its
        value, once, is then one of the story's."""
        if name.lower() not in _EDNOTE_PROPERTIES:
            return False
        if value is not None and value not in self.ednotes:
            self.ednotes.append(value)
        return True

    def party(self, name: str, role: Role, key: str) -> None:
        """A person named as author or contributor is a byline (an agency, as author, an
        organisation byline); a desk log-in or code (``daa/mt/msr``, ``lm``) is kept under ``key``."""
        if _PERSON.fullmatch(name) and not _conventions.is_organisation(name):
            self.add_bylines([Byline(name=name, role=role)])
        elif role is Role.AUTHOR and _conventions.is_organisation(name):
            self.add_bylines([Byline(name=name, kind=BylineKind.ORGANISATION)])
        else:  # not an author
            self.not_people.add(name.casefold())
            self.got.keep(key, name)

    def rights(self, rights: etree._Element | None) -> None:
        if rights is None:
            return
        copyright_ = kid(rights, "Copyright")
        holder = kid(copyright_, "CopyrightHolder")
        self.got.set("rights.holder", text_of(holder) or formal(kid(holder, "Party")))
        self.got.keep("CopyrightDate", text_of(kid(copyright_, "CopyrightDate")))
        terms = [text_of(e) for e in kids(rights, "UsageRights")]
        self.got.set("rights.terms", "\n".join(t for t in terms if t) or None)

    def descriptive(self, described: etree._Element | None) -> None:
        if described is None:
            return
        got = self.got
        language = kid(described, "Language")
        if language is not None:
            got.set("language", got.lenient(formal(language), is_language, language, "FormalName"))
        got.set("genre", formal(kid(described, "Genre")))
        subjects: list[Subject] = []
        seen: set[Subject] = set()
        for code in kids(described, "SubjectCode"):
            for element in kids(code):
                subject = _subject(element)
                if subject is not None and subject not in seen:
                    seen.add(subject)
                    subjects.append(subject)
                got.keep("SubjectCode.cat", collapsed(element.get("cat")))
        got.set("subjects", subjects)
        location = kid(described, "Location")
        if location is not None:
            got.set("located", _place(location))
        else:  # ANA's City and Country properties beside the Language
            got.set("located", _place(described))
        keywords: list[str] = []
        for element in kids(described, "Property"):
            name, value = element.get("FormalName") or "", collapsed(element.get("Value"))
            if name.lower() == "keyword" and value is not None:
                keywords.append(value)
            elif name in _PLACE_ORDER and location is None:
                continue  # the place, read above
            elif not self.ednote(name, value):
                got.keep(f"Property.{name}", value)
        got.set("keywords", keywords)
        for element in kids(described, "OfInterestTo", "TopicOccurrence"):
            got.keep(local(element), formal(element) or collapsed(element.get("Topic")))
        got.fields.setdefault("dateline_date", got.when(kid(described, "DateLineDate")))


def _subject(element: etree._Element) -> Subject | None:
    """An IPTC subject code (eight digits) as ``subj:``; another scheme's value as a name."""
    name = formal(element)
    if name is None:
        return None
    scheme = (element.get("Scheme") or "IptcSubjectCodes").strip()
    if _IPTC_SUBJECT.fullmatch(name) and scheme.lower().startswith("iptc"):
        return Subject(code=f"subj:{name}")
    return Subject(name=name)


def _place(location: etree._Element) -> str | None:
    """``City, Country`` (the parts a Location names, from the smallest)."""
    values = {e.get("FormalName"): collapsed(e.get("Value")) for e in kids(location, "Property")}
    parts = [values[name] for name in _PLACE_ORDER if values.get(name)]
    return ", ".join(p for p in parts if p) or None


def refusal(item: etree._Element, found: list[_content.Content]) -> ParseError:
    """Why a NewsItem without story text is not a story: what it is."""
    line = line_of(item)
    kinds = list(_content.other_items(found))
    if kinds:
        what = " and ".join(kinds)
        return ParseError(
            f"a NewsML 1.2 {what} item, not a text story (newsitem reads text items)", format=NAME, line=line
        )
    items, refs = _content.packaged(kid(item, "NewsComponent"))
    if items or refs:
        held = ", ".join(
            part
            for part in (
                f"{items} NewsItem(s), each read as its own part" if items else "",
                f"{len(refs)} reference(s) to other NewsItems" if refs else "",
            )
            if part
        )
        return ParseError(f"a NewsML 1.2 package ({held}), not a text story", format=NAME, line=line)
    for name, what in (
        ("Update", "an Update of another NewsItem (changes to apply), not a story"),
        ("TopicSet", "a TopicSet item (a vocabulary of concepts), not a story"),
    ):
        if kid(item, name) is not None:
            return ParseError(f"{what}", format=NAME, line=line)
    return ParseError(
        "a NewsML 1.2 NewsItem without text content (no headline, body or summary)", format=NAME, line=line
    )


def read(root: etree._Element, item: etree._Element, where: str) -> Story:
    """The story of ``item``, a NewsItem of the document ``root`` at ``where``.

    Raises:
        ParseError: the item is not a text story (a picture, an Update...): the message says
            what it is.
        ValidationError: a value the model refuses (placed at its document path).
    """
    reader = ItemReader(root, item, where)
    top = kid(item, "NewsComponent")
    found = _content.contents(top)
    parts = _content.split(found)
    text, others, media = parts.story, parts.others, parts.media
    if text is None and (media or text_of(kid(kid(top, "NewsLines"), "HeadLine")) is None):
        raise refusal(item, found)  # media with a headline is still media
    chain = text.chain if text is not None else ((top,) if top is not None else ())
    for component in reversed(chain):
        reader.component(component)
    reader.identification()
    reader.management()
    reader.envelope()
    got = reader.got
    links = got.fields.setdefault("links", [])
    for component, members in media:
        link = _content.media_link(got, component, members)
        if link is not None:
            links.append(link)
    for ref in _content.packaged(top)[1]:
        uri = got.lenient(collapsed(ref.get("NewsItem")), is_uri, ref, "NewsItem")
        if uri is not None:
            links.append(Link(uri=uri, rel="related"))
    got.set("ednote", "\n".join(reader.ednotes) or None)
    inner = (text.item,) if text is not None else ()
    for element in (*inner, *reversed(chain), item):  # no Language: the innermost xml:lang
        language = element.get(XML_LANG)
        if language is not None and "language" not in got.fields:
            got.set("language", got.lenient(collapsed(language), is_language, element, "xml:lang"))
    if others:
        notes.add(
            notes.Note(
                code="unreadable",
                message=f"{len(others)} more text ContentItem(s) beside the story's (equivalents, "
                "another language or format): not read",
                format=NAME,
                where=got.at(others[0].item),
                line=line_of(others[0].item),
            )
        )
    for field, beside in (("headline", parts.title), ("summary", parts.lead)):
        if beside is not None:
            got.set(field, text_of(kid(beside.item, "DataContent")))
    nitf = _story_text(reader, text)
    return _story(reader, nitf)


def _story_text(reader: ItemReader, text: _content.Content | None) -> Story | None:
    """The body (and, from a whole nitf document, its story) of the text ContentItem."""
    if text is None:
        return None
    data = kid(text.item, "DataContent")
    got = reader.got
    if data is None:
        href = collapsed(text.item.get("Href"))
        if href is not None:
            got.keep("ContentItem.Href", href)
        return None
    if kid(text.item, "Encoding") is not None:
        got.keep("ContentItem.Encoding", formal(kid(text.item, "Encoding")) or "encoded")
        return None
    whole = _content.nitf_of(data)
    if whole is not None:
        from newsitem.formats.nitf import _read as nitf_read

        try:
            return nitf_read.read(whole)
        except ValidationError as exc:
            if any("needs a headline" in p.message for p in exc.problems):
                return None  # an empty nitf: the story is the NewsML metadata's
            raise
    body = _content.body_of(data)
    if body is None:
        got.set("body", _content.text_blocks(got, data))
        return None
    reading = _content.read_body(got, body)
    got.set("body", reading.blocks)
    for field in ("headline", "subheadline", "summary"):
        got.set(field, getattr(reading, field))
    printed = reading.location or reading.dateline  # the place, by the one dateline rule
    got.set("dateline", _conventions.dateline_parts(printed).place if printed else reading.opening_dateline)
    got.keep("sign-off", reading.sign_off)
    got.set("ednote", reading.ednote)
    reader.add_bylines(reading.bylines)
    got.keep("body.end", reading.tagline)
    return None


def _story(reader: ItemReader, nitf: Story | None) -> Story:
    got = reader.got
    fields = got.fields
    first, revised = fields.pop("first_created", None), fields.pop("revision_created", None)
    sent, dated = fields.pop("envelope.sent", None), fields.pop("dateline_date", None)
    published = first if first is not None else _when_first([revised, dated])
    fields["published"] = published if published is not None else sent
    fields["updated"] = revised
    sender, credit = fields.pop("envelope.sender", None), fields.pop("credit", None)
    provider = fields.pop("provider.name", None) or sender
    fields["provider"] = Source(name=provider) if provider else None
    source = fields.pop("source.name", None) or credit
    fields["source"] = Source(name=source) if source else None
    rights = {k: fields.pop(f"rights.{k}") for k in ("notice", "holder", "terms") if f"rights.{k}" in fields}
    fields["rights"] = Rights(**rights) if rights else None
    label = fields.pop("name_label", None)
    fields.setdefault("slugline", label)
    if label is not None and fields["slugline"] != label:
        got.keep("NameLabel", label)
    fields["bylines"] = tuple(reader.bylines)
    fields = {k: v for k, v in fields.items() if v is not None and v not in ([], ())}
    for many in ("links", "keywords", "subjects", "body"):
        if many in fields:
            fields[many] = tuple(fields[many])
    extras = dict(got.extras)
    if nitf is not None:
        extras = {**dict(nitf.extras), **extras}
        _merge(fields, nitf, reader.not_people)
    _sign_off(fields, extras)
    _front_and_back(fields, extras)
    if reader.alert:
        _alert_headline(fields, reader)
    try:
        return Story(**fields, extras=extras)
    except ValidationError as exc:
        raise exc.located(format=NAME, where=reader.got.where, line=line_of(reader.item)) from None


def _merge(fields: dict[str, object], nitf: Story, not_people: set[str]) -> None:
    """The NITF document's values where the NewsML metadata gave none (rights field by field);
    its bylines without the desk log-ins the metadata named as such."""
    for field in attrs.fields(Story):
        value = getattr(nitf, field.name)
        if field.name == "bylines":
            value = tuple(b for b in nitf.bylines if b.name.casefold() not in not_people)
        if field.name == "dateline" and value is not None and is_time(value):
            continue  # a NITF dateline of its story.date alone: a time, not a place
        if field.name not in fields and field.name != "extras" and value != field.default:
            fields[field.name] = value
    rights = fields.get("rights")
    if isinstance(rights, Rights) and nitf.rights is not None:
        filled = {k: getattr(nitf.rights, k) for k in ("notice", "holder", "license", "terms")}
        fields["rights"] = attrs.evolve(
            rights, **{k: v for k, v in filled.items() if getattr(rights, k) is None}
        )


def _sign_off(fields: dict[str, object], extras: dict[str, str]) -> None:
    """A last paragraph of desk initials (``asl/tib/pid/cac``) moved to extras: the one
    sign-off rule (:func:`~newsitem.formats.layouts._conventions.sign_off_kind`), for a body
    the NITF body reader did not read (text, or a whole NITF document)."""
    if "nitf.sign-off" in extras:  # a whole NITF document's, read by the NITF reader
        extras[PREFIX + "sign-off"] = extras.pop("nitf.sign-off")
    body = fields.get("body")
    if not isinstance(body, tuple) or len(body) < 2 or PREFIX + "sign-off" in extras:
        return
    last = body[-1]
    if isinstance(last, Paragraph) and _conventions.sign_off_kind(last.text) is not None:
        fields["body"] = body[:-1]
        extras[PREFIX + "sign-off"] = " ".join(last.text.split())


_SPACED = re.compile(r"(?:[^\W\d_] ){3,}[^\W\d_](?=[\s,.:;]|$)")
"""A word letter-spaced (``N i e u w bericht``): a wire's service line, not story text."""
_COPYRIGHT = re.compile(r"(?:\u00a9|\([cC]\)|[cC]opyright\b)")
"""The start of a copyright notice."""


def _front_and_back(fields: dict[str, object], extras: dict[str, str]) -> None:
    """A first paragraph opening with a letter-spaced word (ANP's ``N i e u w bericht,
    vervangt: ...``) is a service line: the editor's note; a last paragraph that is a copyright
    notice (ANA's ``\u00a9 ...``) is the rights notice (kept in extras when the item has one)."""
    body = fields.get("body")
    if not isinstance(body, tuple) or len(body) < 2:
        return
    first, last = body[0], body[-1]
    if isinstance(first, Paragraph) and _SPACED.match(first.text) is not None:
        spaced = _SPACED.match(first.text)
        assert spaced is not None
        note = spaced.group().replace(" ", "") + first.text[spaced.end() :]
        ednote = fields.get("ednote")
        fields["ednote"] = f"{ednote}\n{note}" if isinstance(ednote, str) else note
        body = body[1:]
    if len(body) > 1 and isinstance(last, Paragraph) and _COPYRIGHT.match(last.text.strip()):
        notice = " ".join(last.text.split())
        body = body[:-1]
        rights = fields.get("rights")
        if rights is None:
            fields["rights"] = Rights(notice=notice)
        elif isinstance(rights, Rights) and rights.notice is None:
            fields["rights"] = attrs.evolve(rights, notice=notice)
        else:
            extras[PREFIX + "body.copyright"] = notice
    fields["body"] = body


def _alert_headline(fields: dict[str, object], reader: ItemReader) -> None:
    """An alert without a headline (AFP's empty ``HeadLine``) whose text is one line: that line
    is its headline (a note says where it came from), not a body."""
    body = fields.get("body")
    if "headline" in fields or not isinstance(body, tuple) or len(body) != 1:
        return
    only = body[0]
    if not isinstance(only, Paragraph) or "\n" in only.text or len(only.text) > 300:
        return
    fields["headline"] = " ".join(only.text.split())
    del fields["body"]
    notes.add(
        notes.Note(
            code="headline-elsewhere",
            message="an alert without a headline: its one line of text is the headline",
            format=NAME,
            where=reader.got.where,
            line=line_of(reader.item),
        )
    )


def members(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Every NewsItem of the document, with its document path (a NewsItem alone is one)."""
    if local(root) == "NewsItem":
        yield path(root), root
        return
    for item in root.iter("{*}NewsItem", "NewsItem"):
        yield path(item), item


__all__ = ["NewsItemError", "members", "read", "refusal"]
