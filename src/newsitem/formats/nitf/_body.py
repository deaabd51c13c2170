"""The ``body`` of a NITF document: ``body.head`` (headline, subheadline, rights notice,
bylines, distributor, dateline, abstract), ``body.content`` (the blocks) and ``body.end``.

Other producers' bodies are read by the one NITF body reader,
:func:`newsitem.formats._nitf_body.read_body` (shared with NewsML-G2 and NewsML 1.2), and its
reading mapped to the story's fields. newsitem's own are read exactly, as the inverse of
:mod:`newsitem.formats.nitf._write`: the head here, the blocks as NewsML-G2 reads its own NITF
body (:func:`newsitem.formats.newsmlg2._body.read_inline`), since the shared reader collapses
whitespace and leaves out a first paragraph that repeats the abstract."""

from __future__ import annotations

from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _lenient, _markup, _nitf_body
from newsitem.formats.layouts._conventions import dateline_parts
from newsitem.formats.newsmlg2 import _body
from newsitem.formats.newsmlg2._where import line_of, path
from newsitem.formats.nitf._names import NAME, PREFIX
from newsitem.formats.nitf._read import Reader, child, children, local
from newsitem.model import Byline, BylineKind, Role, Source, is_uri

_ROLES = {role.value: role for role in Role}


def read(reader: Reader, body: etree._Element | None) -> None:
    """The fields of ``body`` into ``reader``: our own documents exactly (the inverse of the
    writer), others' through the one NITF body reader, :func:`newsitem.formats._nitf_body.read_body`."""
    if body is None:
        return
    if not reader.ours:
        _theirs(reader, body)
        return
    head = child(body, "body.head")
    if head is not None:
        _head(reader, head)

    blocks = _body.read_inline(body, ours=True, keep=_unkept)
    if blocks:
        reader.fields["body"] = tuple(blocks)


_STORY_DATE = frozenset({"story.date"})


def _place(reader: Reader, dateline: etree._Element | None) -> str | None:
    """The place of another's ``dateline`` without a ``location``: its text without the
    ``story.date``, by the one rule of a printed dateline (no dash, agency tag or date:
    ``SYDNEY March 22 AAP -`` is ``SYDNEY``); None when only a date."""
    if dateline is None:
        return None
    text = reader.text(dateline, skip=_STORY_DATE)
    return None if text is None else dateline_parts(text.rstrip(" ,;")).place


def _unkept(href: str, element: etree._Element, inner: str | None) -> None:
    """The link keeper of our own documents, never called: their links are read as written
    (the model judges them)."""


def _theirs(reader: Reader, body: etree._Element) -> None:
    """Another's ``body``: blocks and head values as :mod:`newsitem.formats._nitf_body` reads
    them, mapped to the story's fields (what has no field goes to extras)."""

    def refused(href: str, paragraph: int, index: int) -> None:
        key = f"{PREFIX}body/body.content/p[{paragraph + 1}]/a[{index + 1}]/@href"
        _lenient.keep(
            href, _lenient.never, extras=reader.extras, key=key, format=NAME, what="not an absolute URI"
        )

    def located(error: ValidationError, element: etree._Element) -> Exception:
        return error.located(format=NAME, where=path(element), line=line_of(element))

    figures = 0

    def media(uri: str, block: int, index: int) -> str | None:
        """A figure's URI: kept when the model takes it; else (a relative name such as
        ``high-tide.jpg``) kept in extras with a note, and the figure left out."""
        nonlocal figures
        figures += 1
        uri = uri.strip()
        if is_uri(uri):
            return uri
        key = f"{PREFIX}body/body.content/figure[{figures}]"
        _lenient.keep(
            uri, _lenient.never, extras=reader.extras, key=key, format=NAME, what="not an absolute URI"
        )
        return None

    reading = _nitf_body.read_body(body, link=_markup.lenient_links(refused), media=media, located=located)
    for field in ("headline", "summary", "genre"):
        reader.set(field, getattr(reading, field))
    if reading.subheadline is not None and reading.subheadline == reading.headline:
        reader.extras[PREFIX + "hl2"] = reading.subheadline  # AP's originalHeadline repeats it
    else:
        reader.set("subheadline", reading.subheadline)
    dateline = child(child(body, "body.head"), "dateline")
    for date in children(dateline, "story.date"):
        reader.add(date, date.get("norm") or reader.text(date))  # the dateline's date, as printed
    reader.set("dateline", reading.location or _place(reader, dateline) or reading.opening_dateline)
    if reading.bylines:
        reader.fields.setdefault("bylines", []).extend(reading.bylines)
    elif reading.byline_text is not None:
        reader.extras[PREFIX + "byline"] = reading.byline_text
    if reading.ednote is not None:
        reader.fields.setdefault("ednotes", []).append(reading.ednote)
    head = child(body, "body.head")
    _rest_of_head(reader, head)
    for content in children(body, "body.content"):
        for lang in children(content, "lang"):
            reader.rest(lang)  # a language mark among the blocks (Belga's): no block, kept
    org = child(child(head, "distributor"), "org")
    code = None if org is None else reader.line(org.get("value"))
    if reading.distributor is not None or code is not None:
        reader.set("provider", Source(name=reading.distributor, code=code))
    for key, value in (
        ("tagline", reading.tagline),
        ("series", reading.series),
        ("sign-off", reading.sign_off),
    ):
        if value is not None:
            reader.extras[PREFIX + key] = value
    reader.extras.update(reading.extras)
    if reading.blocks:
        reader.fields["body"] = tuple(reading.blocks)


_READ_BY_BODY = frozenset({"hedline", "byline", "distributor", "dateline", "abstract", "series"})
"""The ``body.head`` elements :func:`newsitem.formats._nitf_body.read_body` reads."""


def _rest_of_head(reader: Reader, head: etree._Element | None) -> None:
    """Another's ``body.head`` beyond the body reader's: ``rights`` is the rights notice; a
    ``note`` other than an editor's note, and anything else, is kept in extras."""
    for element in children(head):
        name = local(element)
        if name == "rights":
            reader.set("rights.notice", reader.text(element))
        elif (name == "note" and element.get("noteclass") == "editorsnote") or name in _READ_BY_BODY:
            continue
        else:
            reader.add(element, reader.text(element))


def _head(reader: Reader, head: etree._Element) -> None:
    """Our own ``body.head``, exactly as :mod:`newsitem.formats.nitf._write` writes it."""
    for element in children(head):
        name = local(element)
        if name == "hedline":
            for part in children(element):
                field = {"hl1": "headline", "hl2": "subheadline"}.get(local(part))
                if field is not None:
                    reader.set(field, part.text)
        elif name == "byline":
            _byline(reader, element)
        elif name == "distributor":
            org = child(element, "org")
            if org is not None and (org.text is not None or org.get("value") is not None):
                reader.set("provider", Source(name=org.text, code=org.get("value")))
        elif name == "dateline":
            reader.set("dateline", element.text)
        elif name == "abstract":
            paragraph = child(element, "p")
            reader.set("summary", None if paragraph is None else paragraph.text)
        elif name == "rights":
            reader.set("rights.notice", element.text)


def _byline(reader: Reader, element: etree._Element) -> None:
    """One of our ``byline`` elements: the name in ``person`` (an organisation's as the text),
    the job title in ``byttl``, the role and kind as ``class`` tokens."""
    classes = (element.get("class") or "").split()
    role = next((_ROLES[c] for c in classes if c in _ROLES), Role.AUTHOR)
    kind = BylineKind.ORGANISATION if BylineKind.ORGANISATION.value in classes else BylineKind.PERSON
    person = child(element, "person")
    title = child(element, "byttl")
    name = element.text if person is None else person.text
    if name is not None:
        byline = Byline(name=name, role=role, kind=kind, title=None if title is None else title.text)
        reader.fields.setdefault("bylines", []).append(byline)
