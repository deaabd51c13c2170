"""The ``head/docdata`` of a NITF document: identity, urgency, times, the dynamic use key,
the editor's message, copyright and rights, keywords and identified content."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from newsitem.formats import _lenient
from newsitem.formats.nitf._names import SUBJECT
from newsitem.formats.nitf._read import STATUS, Reader, children, local
from newsitem.model import Subject, is_code, is_token

_URGENCIES = frozenset(str(n) for n in range(1, 10))


def _is_version(value: object) -> bool:
    """A version number: ASCII digits (at most 18, far below Python's limit on reading
    integers), not zero."""
    return (
        isinstance(value, str)
        and len(value) <= 18
        and value.isascii()
        and value.isdigit()
        and int(value) >= 1
    )


def read(reader: Reader, docdata: etree._Element) -> None:
    """Every child of ``docdata`` into ``reader``'s fields (or extras)."""
    status = docdata.get("management-status")
    if status is not None:
        found = STATUS.get(status.strip().lower())
        reader.set(
            "status",
            found
            if found is not None
            else reader.lenient(status, _lenient.never, docdata, "management-status"),
        )
    reader.rest(docdata, but=("management-status",))
    for element in children(docdata):
        handler = _HANDLERS.get(local(element))
        if handler is not None:
            handler(reader, element)
        elif not reader.ours:
            reader.rest(element)
            reader.add(element, reader.text(element))
    _release(reader)


def _doc_id(reader: Reader, element: etree._Element) -> None:
    guid = element.get("id-string")
    guid = None if guid is None else guid if reader.ours else guid.strip() or None
    reader.set("guid", reader.lenient(guid, is_token, element, "id-string"))
    reader.set("source.code", reader.line(element.get("regsrc")))
    reader.rest(element, but=("id-string", "regsrc"))


def _urgency(reader: Reader, element: etree._Element) -> None:
    value = element.get("ed-urg")
    if value is None or not value.strip():
        return
    if value.strip() in _URGENCIES:
        reader.set("urgency", int(value))
    else:
        reader.refuse(value, element, "ed-urg", "urgency", "expected an urgency from 1 to 9")


def _issue(reader: Reader, element: etree._Element) -> None:
    reader.set("published", reader.when(element, "published"))


def _release_time(reader: Reader, element: etree._Element) -> None:
    reader.fields["date.release"] = (reader.when(element, "embargoed"), element)


def _release(reader: Reader) -> None:
    """``date.release``: the embargo in our documents; in others', the embargo when it is
    later than ``date.issue``, the publication time when there is no ``date.issue``, nothing
    (it repeats the issue) otherwise."""
    found = reader.fields.pop("date.release", None)
    if found is None or found[0] is None:
        return
    release, element = found
    if reader.ours:
        reader.set("embargoed", release)
        return
    issued = reader.fields.get("published")
    if issued is None:
        reader.set("published", release)
    elif _later(release, issued) and isinstance(release, datetime):
        reader.set("embargoed", release)
    elif release != issued:
        reader.add(element, element.get("norm"), "norm")


def _later(one: object, other: object) -> bool:
    """Whether time ``one`` is after ``other`` (False when they cannot be compared)."""
    if not isinstance(one, datetime) or not isinstance(other, datetime):
        return False
    if (one.utcoffset() is None) != (other.utcoffset() is None):
        return False
    return one > other


def _du_key(reader: Reader, element: etree._Element) -> None:
    reader.set("slugline", reader.line(element.get("key")))
    version = element.get("version")
    if version is not None and version.strip():
        if _is_version(version.strip()):
            reader.set("version", int(version))
        else:
            reader.refuse(version, element, "version", "version", "expected a version number from 1")
    reader.rest(element, but=("key", "version"))


def _ed_msg(reader: Reader, element: etree._Element) -> None:
    note = reader.block(element.get("info"))
    if note is not None:  # each ed-msg a line (or more) of the editor's note
        reader.fields.setdefault("ednotes", []).append(note)
    reader.rest(element, but=("info",))


def _copyright(reader: Reader, element: etree._Element) -> None:
    reader.set("rights.holder", reader.line(element.get("holder")))
    reader.rest(element, but=("holder",))


def _rights(reader: Reader, element: etree._Element) -> None:
    owner = reader.line(element.get("owner"))
    if owner is not None and reader.fields.get("rights.holder", owner) != owner:
        reader.add(element, owner, "owner")  # a second holder has no home
    reader.set("rights.holder", owner)
    reader.set("rights.terms", reader.block(element.get("limitations")))
    reader.rest(element, but=("owner", "limitations"))


def _keywords(reader: Reader, element: etree._Element) -> None:
    for keyword in children(element, "keyword"):
        key = reader.line(keyword.get("key"))
        if key is not None:
            reader.fields.setdefault("keywords", []).append(key)


def _identified(reader: Reader, element: etree._Element) -> None:
    for part in children(element):
        name = local(part)
        if name == "location" and "located" not in reader.fields:
            reader.set("located", reader.text(part))
            if reader.text(part) is None:
                reader.rest(part)
        elif name in ("classifier", "person", "org", "event", "object.title", "function", "location"):
            _subject(reader, part)
        else:
            reader.rest(part)


def _subject(reader: Reader, element: etree._Element) -> None:
    """A subject: the code in ``value`` (a QCode or IRI, or ``idsrc:value``), the name its text."""
    value, source = element.get("value"), element.get("idsrc")
    code = None
    if value is not None and value.strip():
        value = value if reader.ours else value.strip()
        if reader.ours or is_code(value):
            code = value
        elif source is not None and is_code(f"{source.strip()}:{value}"):
            code = f"{source.strip()}:{value}"
        else:
            reader.add(element, value, "value")
    name = reader.text(element)
    if code is None and name is None:
        return
    if not reader.ours and element.get("type") not in (None, SUBJECT):
        reader.add(element, element.get("type"), "type")
    reader.fields.setdefault("subjects", []).append(Subject(code=code, name=name))


def _evloc(reader: Reader, element: etree._Element) -> None:
    names = ("city", "county-dist", "state-prov", "region", "iso-cc")
    place = ", ".join(p for p in (reader.line(element.get(n)) for n in names) if p)
    if place and "located" not in reader.fields and "evloc" not in reader.fields:
        reader.fields["evloc"] = place
    else:
        reader.rest(element)


_HANDLERS = {
    "doc-id": _doc_id,
    "urgency": _urgency,
    "date.issue": _issue,
    "date.release": _release_time,
    "du-key": _du_key,
    "ed-msg": _ed_msg,
    "doc.copyright": _copyright,
    "doc.rights": _rights,
    "key-list": _keywords,
    "identified-content": _identified,
    "evloc": _evloc,
}
