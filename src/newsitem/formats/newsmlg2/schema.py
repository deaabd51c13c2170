"""Validate NewsML-G2 documents against the IPTC schemas, offline.

The schemas are not shipped with newsitem (they are IPTC's files). Point
:func:`validate` at a folder that holds ``NewsML-G2_2.35-spec-All-Power.xsd``
and ``xml.xsd`` (and, to check NITF bodies, ``nitf-3-6.xsd`` and
``nitf-3-6-ruby-include.xsd``), with ``schema_dir=`` or the environment
variable ``NEWSITEM_NEWSML_SCHEMA_DIR``. Nothing is ever fetched from the
network; each schema is loaded once per process. Documents given as bytes or text
are parsed as :func:`newsitem.loads` parses them (no DTD, no entities, 50 MB at
most).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from lxml import etree

from newsitem.errors import Problem, SchemaNotFoundError, ValidationError
from newsitem.formats.newsmlg2._names import NAME
from newsitem.formats.newsmlg2._parse import parse
from newsitem.formats.newsmlg2._where import line_of, path, reading

__all__ = ["ENVIRONMENT_VARIABLE", "G2_SCHEMA", "NITF_SCHEMA", "validate"]

ENVIRONMENT_VARIABLE = "NEWSITEM_NEWSML_SCHEMA_DIR"
G2_SCHEMA = "NewsML-G2_2.35-spec-All-Power.xsd"
NITF_SCHEMA = "nitf-3-6.xsd"
_NITF = "{http://iptc.org/std/NITF/2006-10-18/}nitf"


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
    below ``top``, which holds the same tree (the document, or the body it was copied from)."""
    if not schema_path.startswith("/*"):
        return None
    try:
        found = top.xpath("." + schema_path[2:])
    except etree.XPathError:
        return None
    return found[0] if isinstance(found, list) and found and isinstance(found[0], etree._Element) else None


def _problems(log: etree._ListErrorLog, top: etree._Element, prefix: str) -> list[Problem]:
    problems = []
    with reading():  # each parent's children counted once for all the paths
        for entry in log:
            element = _element(top, entry.path)
            where = entry.path if element is None else path(element)
            line = entry.line if element is None else line_of(element)
            problems.append(Problem(where, prefix + entry.message, where=where, line=line))
    return problems


def validate(
    document: bytes | str | etree._Element, *, schema_dir: str | os.PathLike[str] | None = None
) -> None:
    """Check a NewsML-G2 document (bytes, text or an lxml element) against the 2.35 Power
    schema, and its NITF body, if any, against NITF 3.6 (when that schema is in the folder).

    Raises:
        SchemaNotFoundError: no folder given, or it lacks the schema files.
        ParseError: the document is not well-formed XML.
        ValidationError: one problem per schema error, with its line and element path
            (``where``); errors in the body start ``NITF body:``.
    """
    folder = _folder(schema_dir)
    root = parse(document) if isinstance(document, (bytes, str)) else document
    g2 = _schema(folder / G2_SCHEMA)
    problems = [] if g2.validate(root) else _problems(g2.error_log, root, "")
    nitf_path = folder / NITF_SCHEMA
    if nitf_path.is_file():
        nitf = _schema(nitf_path)
        for body in root.iter(_NITF):
            copy = etree.fromstring(etree.tostring(body))
            if not nitf.validate(copy):
                problems.extend(_problems(nitf.error_log, body, "NITF body: "))
    if problems:
        raise ValidationError(problems, format=NAME)
