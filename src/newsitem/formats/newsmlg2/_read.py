"""Reading a NewsML-G2 newsItem into a Story: the item, its ``itemMeta``, rights and body
(``contentMeta`` is :mod:`._content`; the rules for single values are :mod:`._values`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time

from lxml import etree

from newsitem import notes
from newsitem.errors import ParseError, ValidationError
from newsitem.formats._decode import is_number
from newsitem.formats.newsmlg2 import _body
from newsitem.formats.newsmlg2._content import ContentMetaReader
from newsitem.formats.newsmlg2._names import DEFAULT_PROVIDER, FRAGMENTS, LEGACY_NO_GUID, NAME, PREFIX, N, T
from newsitem.formats.newsmlg2._values import Children, below, code_of, first
from newsitem.formats.newsmlg2._where import line_of, path, reading, refused, split_tag
from newsitem.model import Block, PubStatus, Rights, Story, is_token, is_uri

_STATUSES = frozenset(status.value for status in PubStatus)
_KEPT_META = ("profile", "service", "title", "signal")
_READ_META = frozenset(
    N + local
    for local in (
        *_KEPT_META,
        *[
            "itemClass",
            "provider",
            "versionCreated",
            "firstCreated",
            "embargoed",
            "pubStatus",
            "edNote",
            "link",
        ],
    )
)
"""The ``itemMeta`` children read into the story or kept by name (the others: extras)."""
_SINGLE_META = frozenset(
    N + local
    for local in ("itemClass", "provider", "versionCreated", "firstCreated", "embargoed", "pubStatus")
)
"""The ``itemMeta`` children read once: a second one is kept in extras."""


_SIGN_OFF_ROLES = frozenset({"closingline", "closing", "signoff", "sign-off"})
"""``edNote`` role codes (after the scheme alias, any case) of a closing line (dpa, APA)."""
_CONTACT_ROLES = frozenset({"contacts", "contact", "dpacontacts"})
"""``edNote`` role codes of contacts for the newsroom (dpa): not an editor's note."""


def _instant(when: date) -> datetime:
    """A time to order by (a day is its midnight)."""
    return when if isinstance(when, datetime) else datetime.combine(when, time(0), tzinfo=None)


def item_class(item: etree._Element) -> str | None:
    """The code of the item's ``itemMeta/itemClass``."""
    element = below(item, T.itemMeta, T.itemClass)
    return None if element is None else code_of(element)


_KINDS = {
    "picture": "a picture",
    "video": "a video",
    "audio": "an audio item",
    "graphic": "a graphic",
    "composite": "a composite item (several media in one)",
    "interactive": "an interactive item",
    "animation": "an animation",
}
"""What a newsItem of each item class (``ninat:picture``...) is, for the message that refuses it."""


def _described(code: str | None) -> str:
    """An item class in words and as sent: ``a picture (ninat:picture)``, ``a graphic
    (ninat:graphics)`` (a plural code is its kind), ``an item of class x:y`` for a class of
    no known kind."""
    word = re.split(r"[:/]", (code or "").rstrip("/"))[-1].lower()
    kind = _KINDS.get(word) or _KINDS.get(word.removesuffix("s"))
    return f"an item of class {code}" if kind is None else f"{kind} ({code})"


def not_text(code: str | None) -> str:
    """Why an item of class ``code`` is refused: what it is, in words and as sent."""
    return f"the item is {_described(code)}, not a text story; newsitem reads text items"


def _kind(item: etree._Element) -> str:
    """What an item of a newsMessage is: ``a picture (ninat:picture)``, ``packageItem``."""
    if item.tag == T.newsItem:
        code = item_class(item)
        return "newsItem" if code is None else _described(code)
    return split_tag(item)[1]


def is_text_item(item: etree._Element) -> bool:
    """Whether the item is a text item (``ninat:text``, its URI, older codes such as ``icls:text``)."""
    code = item_class(item)
    return code is None or re.split(r"[:/]", code)[-1] == "text"


class _Reader(ContentMetaReader):
    """One newsItem into a Story (see :mod:`._values` for what is exact and what lenient)."""

    def story(self) -> Story:
        root = self.root
        self.identity()
        meta = first(root, T.itemMeta)
        if meta is None:
            raise refused("Story", "no itemMeta: not a NewsML-G2 newsItem", root, missing="itemMeta")
        if not is_text_item(root):
            found = first(meta, T.itemClass)
            raise refused("Story", not_text(item_class(root)), meta if found is None else found)
        self.item_meta(meta)
        content = first(root, T.contentMeta)
        if content is not None:
            self.content_meta(content)
        if not self.ours:
            self.times(first(meta, T.versionCreated))
        rights = first(root, T.rightsInfo)
        if rights is not None:
            self.rights(rights)
        if not self.ours and self.fields.get("headline") is None:
            self.inline_title()
        self.fields["body"] = self.body()
        if (
            self.fields.get("headline") is None
            and not self.fields["body"]
            and self.fields.get("summary") is None
        ):
            missing = "headline" if content is not None else "contentMeta/headline"
            at = content if content is not None else root
            message = "no headline, body or summary: not a text story"
            raise refused("Story.headline", message, at, missing=missing)
        if self.unread:
            notes.add(
                notes.Note(
                    code="kept-in-extras",
                    message="elements newsitem has no field for, kept in extras under 'newsml-g2.': "
                    + ", ".join(dict.fromkeys(self.unread)),
                    format=NAME,
                    where=path(root),
                    line=line_of(root),
                )
            )
        try:
            return Story(**self.fields, extras=self.extras)
        except ValidationError as exc:
            raise self.placed(exc) from None

    def times(self, version_created: etree._Element | None) -> None:
        """Another agency's times: ``updated`` is ``versionCreated`` (else ``contentModified``,
        kept in extras when it differs); ``published`` is ``firstCreated``, else
        ``contentCreated``, else the earliest of the two."""
        version = self.when(version_created, "updated")
        modified = self.fields.get("updated")
        if version is not None and version_created is not None:
            if modified is not None and modified != version:
                self.add(PREFIX + "contentModified", modified.isoformat())
            self.set("updated", version, version_created)
        if self.fields.get("published") is None:
            known = [t for t in (version, modified) if t is not None]
            try:
                self.fields["published"] = min(known, key=_instant) if known else None
            except TypeError:  # a naive time and one with an offset: no order, take the first
                self.fields["published"] = known[0]

    def identity(self) -> None:
        root = self.root
        guid = root.get("guid")
        if guid != LEGACY_NO_GUID:
            self.set("guid", self.lenient(guid, is_token, root, "guid"), (root, "guid"))
        version = root.get("version")
        if version is not None:
            if is_number(version) and int(version) >= 1:
                self.fields["version"] = int(version)
            else:
                self.refuse(version, root, "version", "version", "expected a positive integer")

    def item_meta(self, element: etree._Element) -> None:
        meta = Children(element)
        provider = meta.find(T.provider)
        if provider is not None and provider.get("literal") != DEFAULT_PROVIDER:
            self.fields["provider"] = self.source(provider, "provider")
        self.fields["published"] = self.when(meta.find(T.firstCreated), "published")
        self.fields["embargoed"] = self.when(meta.find(T.embargoed), "embargoed", day=False)
        status = meta.find(T.pubStatus)
        qcode = None if status is None else code_of(status)
        if status is not None and qcode:
            code = qcode.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
            if code in _STATUSES:
                self.fields["status"] = code
            else:
                attribute = "qcode" if status.get("qcode") else "uri"
                self.refuse(qcode, status, attribute, "status", "not a publishing status (stat:usable...)")
        self.ednote(meta.findall(T.edNote))
        self.links(meta.findall(T.link))
        for tag in _KEPT_META:
            found = [self.text_of(e) or code_of(e) for e in meta.findall(N + tag)]
            self.add(PREFIX + tag, "\n".join(v for v in found if v))
        self.rest(meta, _READ_META, _SINGLE_META)

    def ednote(self, ednotes: list[etree._Element]) -> None:
        """The editor's note: the ``edNote`` texts, one a line; in another agency's item each
        line once (dpa repeats its notes inside a notepad), without closing lines and contacts
        (:meth:`editorial`), nor their lines repeated in the notepad."""
        moved: set[str] = set()
        if not self.ours:
            kept = [e for e in ednotes if self.editorial(e)]
            for element in ednotes:
                if element not in kept:
                    moved.update((self.text_of(element, multiline=True) or "").split("\n"))
            ednotes = kept
        texts = [t for t in (self.text_of(e, multiline=True) for e in ednotes) if t]
        if not texts:
            return
        text = "\n".join(texts)
        if not self.ours:
            text = "\n".join(line for line in dict.fromkeys(text.split("\n")) if line not in moved)
        if text:
            self.set("ednote", text, ednotes[0])

    def editorial(self, note: etree._Element) -> bool:
        """Whether another agency's ``edNote`` is a note to editors. A closing line (dpa's
        ``dpaednoterole:closingline``, ``dpa er xx z2 wom``: desk and editor codes) is the
        sign-off, kept in extras as ``newsml-g2.sign-off``; contacts (``dpaednoterole:contacts``,
        names and telephone numbers) are kept as ``newsml-g2.edNote.<role>``."""
        code = (note.get("role") or "").rpartition(":")[2].rpartition("/")[2].lower()
        if code in _SIGN_OFF_ROLES:
            self.add(PREFIX + "sign-off", self.text_of(note, multiline=True))
        elif code in _CONTACT_ROLES:
            self.add(f"{PREFIX}edNote.{code}", self.text_of(note, multiline=True))
        else:
            return True
        return False

    def rights(self, element: etree._Element) -> None:
        terms = first(element, T.usageTerms)
        values = {
            "holder": self.named(first(element, T.copyrightHolder)),
            "notice": self.text_of(first(element, T.copyrightNotice), multiline=True),
            "terms": self.text_of(terms, multiline=True),
            "license": None if terms is None else self.lenient(terms.get("href"), is_uri, terms, "href"),
        }
        if any(v is not None for v in values.values()):
            self.fields["rights"] = self.build(Rights, element, **values)

    def inline_title(self) -> None:
        """The headline of another agency's item that has none: the title of the document its
        first ``inlineXML`` holds (``nitf/head/title``, an XHTML ``html/head/title``), with a
        ``headline-elsewhere`` note."""
        inline = next(self.root.iter(T.inlineXML), None)
        document = None if inline is None else next(inline.iterchildren(etree.Element), None)
        head = None if document is None else _child(document, "head")
        title = None if head is None else _child(head, "title")
        text = self.text_of(title)
        if title is None or text is None:
            return
        self.set("headline", text, title)
        notes.add(
            notes.Note(
                code="headline-elsewhere",
                message="no headline in contentMeta: the headline is the title of the inline document",
                format=NAME,
                where=path(title),
                line=line_of(title),
            )
        )

    def body(self) -> list[Block]:
        titles: frozenset[str] = frozenset()
        if not self.ours:  # another agency's body may open by repeating them
            found = (self.fields.get("headline"), self.fields.get("subheadline"))
            titles = frozenset(" ".join(title.split()) for title in found if isinstance(title, str))
        reading = None
        inline = next(self.root.iter(T.inlineXML), None)  # the first inlineXML is the story's body
        if inline is not None:
            reading = _body.read_body(inline, ours=self.ours, keep=self.link, titles=titles)
        if reading is None or not reading.blocks:
            data = next(self.root.iter(T.inlineData), None)  # text, or HTML as text, in inlineData
            if data is not None:
                reading = _body.read_body(data, ours=self.ours, keep=self.link, titles=titles)
        if reading is None:
            return []
        if not self.ours:  # what the body prints where the metadata says nothing; a name never twice
            _body.merge(reading, self.fields, self.add)
        return reading.blocks


def _child(element: etree._Element, local: str) -> etree._Element | None:
    """The first child of ``element`` named ``local`` in any namespace (or none)."""
    return next((c for c in element.iterchildren(etree.Element) if etree.QName(c).localname == local), None)


_ITEMS = {
    "packageItem": "a packageItem (a package of other items)",
    "conceptItem": "a conceptItem (a concept: a person, an organisation, a subject...)",
    "knowledgeItem": "a knowledgeItem (a set of concepts)",
    "planningItem": "a planningItem (news coverage planned)",
    "catalogItem": "a catalogItem (a catalog of schemes)",
    "catalog": "a catalog (the schemes an item's codes use)",
}
"""What each NewsML-G2 item other than a newsItem is, for the message that refuses it."""


def _not_a_story(item: etree._Element) -> str | None:
    """Why ``item`` (a child of a newsMessage's itemSet) is not a text story, or None."""
    namespace, local = split_tag(item)
    if item.tag == T.newsItem:
        return None if is_text_item(item) else not_text(item_class(item))
    if namespace == N[1:-1] and local in _ITEMS:
        return f"the item is {_ITEMS[local]}, not a text story; newsitem reads text newsItems"
    return f"the item is <{local}> ({namespace or 'no namespace'}), not a NewsML-G2 item"


def _items(message: etree._Element) -> list[etree._Element]:
    """The items of a newsMessage: the element children of its ``itemSet`` elements."""
    return [
        item
        for item_set in message
        if item_set.tag == T.itemSet
        for item in item_set
        if isinstance(item.tag, str)
    ]


def read(root: etree._Element) -> Story:
    """The story of a newsItem, or of the first text item of a newsMessage (the others are
    noted as not read: :func:`members` reads each).

    Raises:
        ValidationError: not a text item, or a value the model refuses in our own item.
    """
    with reading():
        return _read(root)


def _read(root: etree._Element) -> Story:
    if root.tag == T.newsMessage:
        items = _items(root)
        text_items = [item for item in items if _not_a_story(item) is None]
        if not text_items:
            kinds = sorted({_kind(item) for item in items}) or ["no item at all"]
            raise refused("Story", f"no text newsItem in it (found: {', '.join(kinds)})", root)
        others = [f"{item.get('guid')} ({item_class(item) or split_tag(item)[1]})" for item in items]
        others.pop(items.index(text_items[0]))
        if others:
            notes.add(
                notes.Note(
                    code="unreadable",
                    message=f"the newsMessage holds {len(others)} more items, not read (newsitem.loads_all"
                    f" reads each): {'; '.join(others)}",
                    format=NAME,
                    where=path(root),
                    line=line_of(root),
                )
            )
        return _Reader(text_items[0]).story()
    if root.tag != T.newsItem:
        raise refused("Story", not_an_item(root), root)
    return _Reader(root).story()


def not_an_item(root: etree._Element) -> str:
    """Why a document whose root is not a newsItem or newsMessage is refused: what it is."""
    namespace, local = split_tag(root)
    if namespace == N[1:-1] and local in _ITEMS:
        return f"the document is {_ITEMS[local]}, not a text story; newsitem reads text newsItems"
    if namespace in (N[1:-1], None) and local in FRAGMENTS:
        return (
            f"the document is a fragment of a NewsML-G2 item (<{local}> alone), not a newsItem;"
            " newsitem reads whole newsItems"
        )
    what = f"<{local}> ({namespace or 'no namespace'})"
    return f"expected a NewsML-G2 newsItem, got {what}; not a text story"


def _member(item: etree._Element) -> Callable[[], Story]:
    def read_item() -> Story:
        why = _not_a_story(item)
        if why is not None:
            raise ParseError(why, format=NAME, line=line_of(item))
        with reading():
            return _Reader(item).story()

    return read_item


def members(message: etree._Element) -> list[tuple[str | None, Callable[[], Story]]]:
    """One member per item of a newsMessage, in order: its document path and its reader.
    An item that is no text story (a picture, a package, a concept) reads as a ParseError
    saying what it is.

    Raises:
        ValidationError: the message holds no item at all.
    """
    items = _items(message)
    if not items:
        raise refused("Story", "the newsMessage holds no item (expected itemSet/newsItem)", message)
    with reading():
        return [(path(item), _member(item)) for item in items]
