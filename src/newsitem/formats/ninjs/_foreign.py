"""What the ninjs reader needs for other people's documents: values that are absent,
items that are not text stories, by-lines, HTML read as a browser shows it, NITF bodies.

Everything here is linear in the size of its input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml import etree

from newsitem.errors import ParseError
from newsitem.formats import _markup, _nitf_body
from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.ninjs._versions import NAME
from newsitem.model import Block, Byline, Role

NOT_TEXT = {
    "picture": "a picture",
    "graphic": "a graphic",
    "video": "a video",
    "audio": "an audio item",
}
"""ninjs ``type`` values of items that are not text stories, as their refusal names them."""

_ROLE_WORDS = {
    "photographer": Role.PHOTOGRAPHER,
    "fotograf": Role.PHOTOGRAPHER,
    "photo": Role.PHOTOGRAPHER,
    "foto": Role.PHOTOGRAPHER,
    "editor": Role.EDITOR,
    "redaktör": Role.EDITOR,
    "contributor": Role.CONTRIBUTOR,
    "translator": Role.TRANSLATOR,
    "author": Role.AUTHOR,
    "writer": Role.AUTHOR,
    "reporter": Role.AUTHOR,
    "creator": Role.AUTHOR,
    "byline": Role.AUTHOR,
    "by": Role.AUTHOR,
}
"""What a structured byline's or a person's ``role``/``rel`` says they did (lower case)."""
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


_REACH = 8
"""How deep :func:`present` looks: every value the reader maps is within (``associations[0]
.renditions[0].contentType`` is at depth 5); what lies deeper is kept as sent, and no
document nested to the JSON reader's limit makes it recurse that far."""


def present(value: Any, rename: Mapping[str, str] | None = None, depth: int = 0) -> Any:
    """``value`` without the object properties that are absent: ``null``, an empty string or
    one of white space only (a foreign document's way of saying "none"), and with its
    line ends LF (a CR or CRLF in a string is an LF: JSON has no XML's line-end
    normalisation, and the model's texts end lines with LF), and with its
    property names renamed as ``rename`` maps them (2.x/1.x names in 3.x:
    :data:`~._versions.RENAMES`), in the same walk, down to
    :data:`_REACH` levels. Array items stay where they are, so every path into the document
    still names its own value."""
    if depth >= _REACH:
        return value
    if isinstance(value, dict):
        return _present_object(value, rename, depth + 1)
    if isinstance(value, list):
        return _present_array(value, rename, depth + 1)
    return value


def _present_object(value: dict[str, Any], rename: Mapping[str, str] | None, depth: int) -> dict[str, Any]:
    """:func:`present` of an object whose properties are at ``depth`` (one walk, no call for
    a scalar: most of a document is strings and numbers)."""
    out: dict[str, Any] = {}
    deeper = depth < _REACH
    for key, item in value.items():
        kept = item
        if item is None:
            continue
        if isinstance(item, str):
            if not item or item.isspace():  # what item.strip() leaves empty
                continue
            if deeper and "\r" in item:  # JSON has no XML line-end normalisation: the model's line end is LF
                kept = item.replace("\r\n", "\n").replace("\r", "\n")
        elif deeper and isinstance(item, dict):
            kept = _present_object(item, rename, depth + 1)
        elif deeper and isinstance(item, list):
            kept = _present_array(item, rename, depth + 1)
        out[key if rename is None else rename.get(key, key)] = kept
    return out


def _present_array(value: list[Any], rename: Mapping[str, str] | None, depth: int) -> list[Any]:
    """:func:`present` of an array whose items are at ``depth``: each item where it is."""
    if depth >= _REACH:
        return list(value)
    return [
        _present_object(item, rename, depth + 1)
        if isinstance(item, dict)
        else _present_array(item, rename, depth + 1)
        if isinstance(item, list)
        else item.replace("\r\n", "\n").replace("\r", "\n")
        if isinstance(item, str) and "\r" in item
        else item
        for item in value
    ]


def role_of(word: object) -> Role | None:
    """The byline role a ``role``/``rel`` word names (``author``, ``Fotograf``); an empty one
    is the author; None when it names none (``about``, ``Ansvarig``)."""
    if word is None:
        return Role.AUTHOR
    if not isinstance(word, str):
        return None
    lowered = word.strip().lower()
    return _ROLE_WORDS.get(lowered.rpartition(":")[2].rpartition("/")[2])


def split_by(line: str, *, title: str | None = None, role: Role = Role.AUTHOR) -> list[Byline]:
    """The bylines of a printed by-line, read by the one rule every format reads one by
    (:func:`newsitem.formats.layouts._conventions.credited`: ``By``/``Von``/``Par``...,
    ``and``/``und``/``et``...; an agency after a comma, in parentheses or after a slash is
    the affiliation, a closing job title the title; a line naming only organisations gives
    organisation bylines)."""
    people, _organisation = _wire.credited(line, title=title)
    return [
        Byline(name=p.name, role=role, kind=p.kind, title=p.title, affiliation=p.affiliation) for p in people
    ]


def _is_newsroom(title: str) -> bool:
    """Whether a structured byline's ``title`` names an organisation and no job (``Associated
    Press``, ``Wyoming Tribune Eagle``; not ``AP Business Writer``): then it is the affiliation."""
    return not _wire.is_title(title) and _wire.is_organisation(title)


def structured(item: dict[str, Any]) -> Byline | None:
    """A structured byline (TT's ``firstname``/``lastname``/``jobtitle``/``affiliation``,
    AP's ``by``/``title``: a title naming only a newsroom is the affiliation) as a byline;
    None when it names no one or no role the model has."""
    role = role_of(item.get("role"))
    if role is None:
        return None
    first, last = item.get("firstname"), item.get("lastname")
    title = item.get("jobtitle", item.get("title"))
    title = title if isinstance(title, str) else None
    affiliation = item.get("affiliation")
    if "jobtitle" not in item and title is not None and affiliation is None and _is_newsroom(title):
        title, affiliation = None, title  # AP's "title": "Associated Press" names who they write for
    names = [part.strip() for part in (first, last) if isinstance(part, str)]
    if names:
        kept = affiliation.strip() if isinstance(affiliation, str) else None
        return Byline(name=" ".join(names), role=role, title=title, affiliation=kept)
    printed = item.get("byline", item.get("by", item.get("name")))
    if not isinstance(printed, str):
        return None
    found = split_by(printed, title=title, role=role)
    if len(found) != 1:
        return None
    one = found[0]
    if isinstance(affiliation, str) and affiliation.strip() and one.affiliation is None:
        return Byline(
            name=one.name, role=role, kind=one.kind, title=one.title, affiliation=affiliation.strip()
        )
    return one


def tidy_html(value: str, link: _markup.LinkRule, labels: dict[str, str] | None = None) -> list[Block]:
    """The blocks of another's HTML body (a fragment or a whole page, TT's ``body_html5``),
    whitespace collapsed as a browser collapses it, and fields lines (:func:`_fields_lines`)
    read as their style lays them out: a leading one goes to ``labels``, not the body."""
    whole = value.lstrip()[:15].lower().startswith(("<html", "<!doctype"))
    root = _markup.parse_html(value, format=NAME, fragment=not whole)
    if root is None:
        return []
    body = next(root.iterchildren("body"), None)  # root.find("body"), without ElementPath
    _fields_lines(root if body is None else body, {} if labels is None else labels)
    return _markup.blocks(
        root if body is None else body,
        link=link,
        tidy=True,
        skip=_markup.BLOCK_SKIPPED,
        html=True,
        clean=True,
    )


def _fields(element: etree._Element) -> list[tuple[str, str]] | None:
    """The fields of a ``div`` that is a line of labelled fields: two or more ``span``
    children, each with a ``class`` and only text, and no text of the ``div``'s own between
    them (TT's ``<div class="dat"><span class="vignette">Fotboll</span><span
    class="source">TT</span></div>``); None for any other element."""
    if element.tag != "div" or len(element) < 2 or (element.text and not element.text.isspace()):
        return None
    found = []
    for child in element:
        label = child.get("class") if child.tag == "span" and not len(child) else None
        if not label or not child.text or (child.tail and not child.tail.isspace()):
            return None
        found.append((label.strip(), " ".join(child.text.split())))
    return found


def _fields_lines(root: etree._Element, labels: dict[str, str]) -> None:
    """Reads the lines of labelled fields in ``root`` as their page lays them out: the
    fields of each are set apart by its style, so their texts are separated by a space (a
    browser without the style would glue "Fotboll" and "TT"). A fields line before the first
    paragraph is the story's label line (as a ``header``: a section label, the source), not
    story text: it leaves the body and its fields go to ``labels`` by class. One pass."""
    found: list[tuple[etree._Element, list[tuple[str, str]], bool]] = []
    started = False
    for element in root.iter("p", "div", "li", "blockquote", "pre", "td"):
        fields = _fields(element) if element.tag == "div" else None
        if fields is not None:
            found.append((element, fields, not started))
        elif element.tag != "div" or (element.text and not element.text.isspace()):
            started = True  # a paragraph (or a div holding text as one): the story has begun
    for element, fields, leading in found:
        if not leading:
            for child in list(element):
                element.remove(child)
            element.text = " ".join(text for _, text in fields)
            continue
        for label, text in fields:
            labels[label] = f"{labels[label]} {text}" if label in labels else text
        parent = element.getparent()
        if parent is not None:
            tail = element.tail
            previous = element.getprevious()
            parent.remove(element)  # its tail (layout white space, at most) stays in the text
            if tail and previous is not None:
                previous.tail = (previous.tail or "") + tail
            elif tail:
                parent.text = (parent.text or "") + tail


def nitf_body(value: str, link: _markup.LinkRule) -> _nitf_body.BodyReading:
    """A NITF body (``text/vnd.IPTC.NITF``: a whole ``nitf`` document or its ``body``) read
    by the one NITF body reader.

    Raises:
        ParseError: not well-formed XML.
    """
    try:
        root = etree.fromstring(value.strip().encode("utf-8"), _XML)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"a NITF body that is not well-formed XML: {exc}", format=NAME) from None
    local = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if local != "body":
        found = [
            child for child in root if isinstance(child.tag, str) and etree.QName(child).localname == "body"
        ]
        root = found[0] if found else root
    return _nitf_body.read_body(root, link=link, tidy=True, credits=True)


def html_text(value: str) -> str | None:
    """The text of an HTML description (a summary), paragraphs one a line, whitespace collapsed."""
    root = _markup.parse_html(value, format=NAME, fragment=True)
    if root is None:
        return None
    lines = []
    for block in _markup.blocks(root, tidy=True, skip=_markup.BLOCK_SKIPPED, html=True, clean=True):
        runs = getattr(block, "runs", None)
        if runs is not None:
            lines.append("".join(run.text for run in runs).strip())
    text = "\n".join(line for line in lines if line)
    return text or None


_HTML_START = re.compile(r"\s*<(?:!--|!doctype|[a-z][a-z0-9]*[\s/>])", re.IGNORECASE)
_HTML_END_TAG = re.compile(r"</[a-z][a-z0-9]*\s*>", re.IGNORECASE)


def looks_like_html(value: str) -> bool:
    """Whether a plain-text value is clearly HTML (Fingerpost's ``body_text`` holding a
    ``<table>``): it opens with a tag or comment, ends with a tag's ``>`` and holds an end tag."""
    return (
        _HTML_START.match(value) is not None
        and value.rstrip().endswith(">")
        and _HTML_END_TAG.search(value) is not None
    )


def plain_paragraphs(value: str) -> list[str]:
    """The paragraphs of another's plain text: blocks between blank lines, or, in a text with
    no blank line, each line; layout white space collapsed."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(r"\n[ \t]*\n", text) if re.search(r"\n[ \t]*\n", text) else text.split("\n")
    return [" ".join(part.split()) for part in parts if part.strip()]
