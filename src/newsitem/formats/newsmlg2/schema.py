"""Validate NewsML-G2 documents against the IPTC schemas, offline.

The schemas are not shipped with newsitem (they are IPTC's files). Point
:func:`validate` at a folder that holds ``NewsML-G2_2.35-spec-All-Power.xsd``
and ``xml.xsd`` (and, to check NITF bodies, ``nitf-3-6.xsd`` and
``nitf-3-6-ruby-include.xsd``), with ``schema_dir=`` or the environment
variable ``NEWSITEM_NEWSML_SCHEMA_DIR``. Nothing is ever fetched from the
network; each schema is loaded once per process. Documents given as bytes or text
are parsed as :func:`newsitem.loads` parses them (no DTD, no entities, 50 MB at
most).

Each problem is placed in the file: its line, the column of the element's start tag,
and the element's path (``newsMessage/itemSet/newsItem[2]/contentSet/inlineXML/nitf``);
a NITF body is checked where it stands in the document, so its errors carry the
file's lines too, not lines of the body alone. Each problem is reported once.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from pathlib import Path

from lxml import etree

from newsitem.errors import Problem, SchemaNotFoundError, ValidationError
from newsitem.formats.newsmlg2._names import NAME
from newsitem.formats.newsmlg2._parse import parse
from newsitem.formats.newsmlg2._where import line_of, path, reading, split_tag

__all__ = ["ENVIRONMENT_VARIABLE", "G2_SCHEMA", "NITF_SCHEMA", "validate"]

ENVIRONMENT_VARIABLE = "NEWSITEM_NEWSML_SCHEMA_DIR"
G2_SCHEMA = "NewsML-G2_2.35-spec-All-Power.xsd"
NITF_SCHEMA = "nitf-3-6.xsd"
_NITF = "{http://iptc.org/std/NITF/2006-10-18/}nitf"
_PREFIXED = re.compile(r"([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _folder(schema_dir: str | os.PathLike[str] | None) -> Path:
    chosen = schema_dir if schema_dir is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not chosen:
        raise SchemaNotFoundError(
            f"no NewsML-G2 schema folder given: pass schema_dir= or set {ENVIRONMENT_VARIABLE} to a folder "
            f"holding {G2_SCHEMA} and xml.xsd"
        )
    folder = Path(chosen)
    if not (folder / G2_SCHEMA).is_file() or not (folder / "xml.xsd").is_file():
        raise SchemaNotFoundError(f"{folder} does not hold {G2_SCHEMA} and xml.xsd")
    return folder


@functools.lru_cache(maxsize=8)
def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _element(top: etree._Element, schema_path: str) -> etree._Element | None:
    """The element at libxml2's path (``/*/*[4]/*[1]``, from the validated tree's root)
    below ``top``, the root of the validated tree (the document, or the body checked in place)."""
    if not schema_path.startswith("/"):
        return None
    # A step libxml2 writes with the document's prefix (``/n:nitf/n:body``) is matched by its
    # local name: the prefixes are not declared to XPath here.
    steps = _PREFIXED.sub(r"*[local-name()='\2']", schema_path[1:])
    steps = steps.split("/", 1)[1] if "/" in steps else ""
    try:
        found = top.xpath("./" + steps if steps else ".")
    except etree.XPathError:
        return None
    return found[0] if isinstance(found, list) and found and isinstance(found[0], etree._Element) else None


def _text(document: bytes | str, root: etree._Element) -> str | None:
    """The document as text, to find columns in (None when it cannot be decoded)."""
    if isinstance(document, str):
        return document
    declared = getattr(root.getroottree().docinfo, "encoding", None) or "utf-8"
    encoding = "utf-8-sig" if declared.lower().replace("_", "-") in ("utf-8", "utf8") else declared
    try:
        return document.decode(encoding, errors="replace")
    except LookupError:
        return None


class _Columns:
    """The column (1-based, in characters) of an element's start tag in the document text:
    the n-th ``<name`` on its line, n counting the elements of that name that start on the
    line before it. libxml2 gives schema errors a line only."""

    def __init__(self, text: str | None, root: etree._Element) -> None:
        self._lines = _LINE_BREAK.split(text) if text is not None else None
        self._root = root
        self._rank: dict[etree._Element, int] | None = None

    def _ranks(self) -> dict[etree._Element, int]:
        rank: dict[etree._Element, int] = {}
        seen: dict[tuple[int | None, str], int] = {}
        for element in self._root.iter(etree.Element):
            key = (line_of(element), _qname(element))
            rank[element] = seen.get(key, 0)
            seen[key] = rank[element] + 1
        return rank

    def of(self, element: etree._Element) -> int | None:
        """The column of ``element``'s ``<``, or None when its line does not show it."""
        line = line_of(element)
        if self._lines is None or line is None or not 0 < line <= len(self._lines):
            return None
        if self._rank is None:
            self._rank = self._ranks()
        pattern = re.compile("<" + re.escape(_qname(element)) + r"(?=[\s/>]|$)")
        found = list(
            itertools.islice(pattern.finditer(self._lines[line - 1]), self._rank.get(element, 0) + 1)
        )
        return found[-1].start() + 1 if len(found) == self._rank.get(element, 0) + 1 else None


def _qname(element: etree._Element) -> str:
    """The element's name as written: ``prefix:local`` or ``local``."""
    local = split_tag(element)[1]
    return f"{element.prefix}:{local}" if element.prefix else local


def _problems(log: etree._ListErrorLog, top: etree._Element, prefix: str, columns: _Columns) -> list[Problem]:
    problems = []
    with reading():  # each parent's children counted once for all the paths
        for entry in log:
            element = _element(top, entry.path)
            if element is None:
                where, line, column = entry.path, entry.line, (entry.column or None)
            else:
                where, line, column = path(element), line_of(element), columns.of(element)
            problems.append(Problem(where, prefix + entry.message, where=where, line=line, column=column))
    return problems


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once (the same element, line, column and message), in document order."""
    unique = {(p.line or 0, p.column or 0, p.where or "", p.message): p for p in problems}
    return [unique[key] for key in sorted(unique)]


def validate(
    document: bytes | str | etree._Element, *, schema_dir: str | os.PathLike[str] | None = None
) -> None:
    """Check a NewsML-G2 document (bytes, text or an lxml element) against the 2.35 Power
    schema, and its NITF body, if any, against NITF 3.6 (when that schema is in the folder).

    Raises:
        SchemaNotFoundError: no folder given, or it lacks the schema files.
        ParseError: the document is not well-formed XML.
        ValidationError: one problem per schema error, with its line and column in the
            file and its element path (``where``); errors in the body start ``NITF body:``.
    """
    folder = _folder(schema_dir)
    if isinstance(document, (bytes, str)):
        root = parse(document)
        columns = _Columns(_text(document, root), root)
    else:
        root, columns = document, _Columns(None, document)
    g2 = _schema(folder / G2_SCHEMA)
    problems = [] if g2.validate(root) else _problems(g2.error_log, root, "", columns)
    nitf_path = folder / NITF_SCHEMA
    if nitf_path.is_file():
        nitf = _schema(nitf_path)
        for body in root.iter(_NITF):
            # Checked in place (lxml validates the subtree as a document of its own), so
            # libxml2 reports the file's lines, and the paths start at the body.
            if not nitf.validate(body):
                problems.extend(_problems(nitf.error_log, body, "NITF body: ", columns))
    if problems:
        raise ValidationError(_once(problems), format=NAME)
