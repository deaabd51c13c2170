"""A Story as a NITF 3.6 document (valid against IPTC's ``nitf-3-6.xsd``).

Where each field goes (the docs page ``formats/nitf`` has the table): ``head/tobject``
(section as its type, genre as its property), ``head/docdata`` (guid ``doc-id``, urgency,
``date.issue`` = published, ``date.release`` = embargo, ``du-key`` = slugline and version,
``ed-msg`` = editor's note, copyright and rights, ``key-list``, ``identified-content``:
subjects as ``classifier`` and the located place as ``location``), ``head/pubdata`` (the
source; the story's web page as a ``web`` pubdata), ``head/revision-history`` (the update
time), ``body.head`` (headline ``hl1``,
subheadline ``hl2``, rights notice, bylines, distributor = provider, dateline, abstract =
summary) and ``body.content`` (the blocks, through :mod:`newsitem.formats._markup`). Extras
are ``head/meta`` elements. :func:`newsitem.formats.nitf.carried` says what is left out.
"""

from __future__ import annotations

from datetime import date, datetime

from lxml import etree

from newsitem.formats import _markup
from newsitem.formats.nitf._names import GENERATOR, NITF, SUBJECT, VERSION, F, meta_name
from newsitem.model import Byline, BylineKind, Paragraph, Role, Story

_P = F + "p"


def when(value: date) -> str:
    """A time as NITF's ``norm`` attributes write it: ISO 8601 basic (``20180226T212036Z``,
    ``20020315T000000+0100``), the offset as held (a naive time stays naive); a day alone as
    ``YYYYMMDD``."""
    day = f"{value.year:04d}{value.month:02d}{value.day:02d}"
    if not isinstance(value, datetime):
        return day
    text = f"{day}T{value.hour:02d}{value.minute:02d}{value.second:02d}"
    if value.microsecond:
        text += f".{value.microsecond:06d}"
    offset = value.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return text + "Z"
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, F + tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def to_tree(story: Story) -> etree._Element:
    """The ``nitf`` element of ``story`` (what it cannot carry already projected away)."""
    attributes = {"version": VERSION}
    if story.language is not None:
        attributes["baselang"] = story.language
    root = etree.Element(F + "nitf", attributes, nsmap={None: NITF})  # type: ignore[dict-item]
    _head(etree.SubElement(root, F + "head"), story)
    body = etree.SubElement(root, F + "body")
    _body_head(body, story)
    content = etree.SubElement(body, F + "body.content")
    for block in story.body:
        if block.__class__ is Paragraph and len(block.runs) == 1 and block.runs[0].plain:
            etree.SubElement(content, _P).text = block.runs[0].text
        else:
            _markup.append_block(content, block, namespace=F, style="nitf")
    return root


def _head(head: etree._Element, story: Story) -> None:
    if story.headline is not None:
        _sub(head, "title", story.headline)
    _sub(head, "meta", name="generator", content=GENERATOR)
    if story.priority is not None:
        _sub(head, "meta", name="priority", content=story.priority)
    for key, value in story.extras.items():
        _sub(head, "meta", name=meta_name(key), content=value)
    if story.genre is not None:
        _sub(_sub(head, "tobject"), "tobject.property").set("tobject.property.type", story.genre)
    _docdata(_sub(head, "docdata", management_status=story.status.value), story)
    source = story.source
    if (
        source is not None and (source.name is not None or source.url is not None)
    ) or story.section is not None:
        pubdata = _sub(head, "pubdata", type="print")
        if source is not None and source.name is not None:
            pubdata.set("name", source.name)
        if story.section is not None:
            pubdata.set("position.section", story.section)
        if source is not None and source.url is not None:
            pubdata.set("ex-ref", source.url)
    if story.url is not None:
        _sub(head, "pubdata", type="web", ex_ref=story.url)
    if story.updated is not None:
        _sub(head, "revision-history", norm=when(story.updated))


def _docdata(docdata: etree._Element, story: Story) -> None:
    code = None if story.source is None else story.source.code
    if story.guid is not None or code is not None:
        doc_id = _sub(docdata, "doc-id")
        if code is not None:
            doc_id.set("regsrc", code)
        if story.guid is not None:
            doc_id.set("id-string", story.guid)
    if story.urgency is not None:
        _sub(docdata, "urgency", ed_urg=str(story.urgency))
    if story.published is not None:
        _sub(docdata, "date.issue", norm=when(story.published))
    if story.embargoed is not None:
        _sub(docdata, "date.release", norm=when(story.embargoed))
    if story.slugline is not None or story.version != 1:
        du_key = _sub(docdata, "du-key", version=str(story.version))
        if story.slugline is not None:
            du_key.set("key", story.slugline)
    if story.ednote is not None:
        _sub(docdata, "ed-msg", info=story.ednote)
    rights = story.rights
    if rights is not None and rights.holder is not None:
        _sub(docdata, "doc.copyright", holder=rights.holder)
    if rights is not None and rights.terms is not None:
        _sub(docdata, "doc.rights", limitations=rights.terms)
    if story.keywords:
        keys = _sub(docdata, "key-list")
        for keyword in story.keywords:
            _sub(keys, "keyword", key=keyword)
    if story.subjects or story.located is not None:
        content = _sub(docdata, "identified-content")
        if story.located is not None:
            _sub(content, "location", story.located)
        for subject in story.subjects:
            classifier = _sub(content, "classifier", subject.name, type=SUBJECT)
            if subject.code is not None:
                classifier.set("value", subject.code)


def _body_head(body: etree._Element, story: Story) -> None:
    head = _sub(body, "body.head")
    if story.headline is not None or story.subheadline is not None:
        hedline = _sub(head, "hedline")
        _sub(hedline, "hl1", story.headline)  # required: empty for a subheadline alone
        if story.subheadline is not None:
            _sub(hedline, "hl2", story.subheadline)
    if story.rights is not None and story.rights.notice is not None:
        _sub(head, "rights", story.rights.notice)
    for byline in story.bylines:
        _byline(head, byline)
    if story.provider is not None:
        distributor = _sub(head, "distributor")
        org = _sub(distributor, "org", story.provider.name)
        if story.provider.code is not None:
            org.set("value", story.provider.code)
    if story.dateline is not None:
        _sub(head, "dateline", story.dateline)
    if story.summary is not None:
        _sub(_sub(head, "abstract"), "p", story.summary)


def _byline(head: etree._Element, byline: Byline) -> None:
    """A ``byline``: a person's name in ``person`` (an organisation's as the text), the job
    title in ``byttl``; a role other than author and the organisation kind as ``class``
    tokens (``editor``, ``organisation``)."""
    element = _sub(head, "byline")
    classes = [] if byline.role is Role.AUTHOR else [byline.role.value]
    if byline.kind is BylineKind.ORGANISATION:
        classes.append(byline.kind.value)
        element.text = byline.name
    else:
        _sub(element, "person", byline.name)
    if classes:
        element.set("class", " ".join(classes))
    if byline.title is not None:
        _sub(element, "byttl", byline.title)
