"""Validate ninjs documents against the IPTC ninjs JSON Schema of their version, offline.

The schemas are not shipped with newsitem (they are IPTC's files). Point
:func:`validate` at a folder that holds ``ninjs-schema_1.6.json``,
``ninjs-schema_2.2.json`` and ``ninjs-schema_3.1.json`` (those it needs), with
``schema_dir=`` or the environment variable ``NEWSITEM_NINJS_SCHEMA_DIR``. Each
document is checked against the schema of its version: the one it declares
(``standard.version`` in 3.x, ``$standard.version`` in 1.x, ``$schema``), else the
one its shape tells (see :func:`newsitem.formats.ninjs._versions.version`); a 1.x
document against 1.6, 2.x against 2.2, 3.x against 3.1 (the latest of each major
version, which accepts what the earlier ones wrote). Nothing is fetched from the
network (a schema the ninjs schema refers to elsewhere, GeoJSON's, accepts anything);
each schema is loaded once per process. Checking needs the ``jsonschema``
package (``pip install 'newsitem[schema]'``); without it :func:`validate`
raises a :class:`~newsitem.errors.SchemaNotFoundError` that says so.

:func:`unknown_properties` needs neither the schemas nor ``jsonschema``: it names each
property of a document that the schema of its version does not define (a misspelt
``headlnie``, a vendor's own key), from the property names of the three schemas
(:data:`PROPERTIES`), with the nearest known name when one is close.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from newsitem.errors import ParseError, Problem, SchemaNotFoundError, ValidationError
from newsitem.formats.ninjs._container import members, not_an_object
from newsitem.formats.ninjs._versions import NAME, version

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "PROPERTIES",
    "SCHEMAS",
    "schema_version",
    "unknown_properties",
    "validate",
]

ENVIRONMENT_VARIABLE = "NEWSITEM_NINJS_SCHEMA_DIR"
SCHEMAS = {"1": "ninjs-schema_1.6.json", "2": "ninjs-schema_2.2.json", "3": "ninjs-schema_3.1.json"}
"""The schema file each major version is checked against."""
_LONGEST = 300
"""A schema message quotes the value it is about: a longer message is cut there."""


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


PROPERTIES: dict[str, frozenset[str]] = {
    "1": _names(
        "$standard altids associations byline charcount contentcreated copyrightholder"
        " copyrightnotice digitalsourcetype ednote embargoed event expires firstcreated genre"
        " headline infosource language located mimetype object organisation person place profile"
        " pubstatus renditions representationtype rightsinfo slugline subject title trustindicator"
        " type urgency uri usageterms version versioncreated wordcount"
    ),
    "2": _names(
        "altids associations bodies by contentcreated copyrightholder copyrightnotice descriptions"
        " digitalsourcetype ednote embargoed events expires firstcreated genres headlines"
        " infosources language located objects organisations people places profile pubstatus"
        " renditions representationtype rightsinfo slugline standard subjects title trustindicators"
        " type urgency uri usageterms version versioncreated"
    ),
    "3": _names(
        "altIds associations bodies by contentCreated copyrightHolder copyrightNotice descriptions"
        " digitalSourceType edNote embargoedUntil eventDetails events expires firstCreated genres"
        " headlines infoSources language located objects organisations people places plannedCoverage"
        " profile pubStatus renditions representationType rightsInfo slugline standard subjects"
        " title trustIndicators type urgency uri usageTerms version versionCreated"
    ),
}
"""The top-level properties each major version's schema (1.6, 2.2, 3.1) defines; ``$schema``
(JSON Schema's own) is known to every version, and 1.x adds ``body_*``, ``description_*`` and
``headline_*``."""
_EVERY = PROPERTIES["1"] | PROPERTIES["2"] | PROPERTIES["3"]
_PATTERNS = {"1": re.compile(r"(?:body|description|headline)_[a-zA-Z0-9_]+")}
_INSTALL = "pip install 'newsitem[schema]' (or 'jsonschema[format-nongpl]')"


def schema_version(doc: dict[str, Any]) -> str:
    """The major version (``"1"``, ``"2"``, ``"3"``) whose schema checks ``doc``: the one it
    declares (``standard``, ``$standard``, ``$schema``) or its shape tells; 3 when unknown."""
    declared = version(doc)
    standard = doc.get("$standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        declared = standard["version"]
    major = declared.strip()[:1]
    return major if major in SCHEMAS else "3"


def _folder(schema_dir: str | os.PathLike[str] | None) -> Path:
    chosen = schema_dir if schema_dir is not None else os.environ.get(ENVIRONMENT_VARIABLE)
    if not chosen:
        raise SchemaNotFoundError(
            f"no ninjs schema folder given: pass schema_dir= or set {ENVIRONMENT_VARIABLE} to a folder "
            f"holding {', '.join(SCHEMAS.values())}"
        )
    folder = Path(chosen)
    if not folder.is_dir():
        raise SchemaNotFoundError(f"{folder} is not a folder (of {', '.join(SCHEMAS.values())})")
    return folder


@functools.lru_cache(maxsize=8)
def _validator(path: Path) -> Any:
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        raise SchemaNotFoundError(
            f"checking ninjs against its schema needs the jsonschema package: {_INSTALL}"
        ) from None
    try:
        schema = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise SchemaNotFoundError(f"{path}: not a readable JSON Schema ({exc})") from None
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def offline(uri: str) -> Resource[Any]:
        # Nothing is fetched: a schema the ninjs schema refers to elsewhere (GeoJSON's) accepts anything.
        return Resource.from_contents({}, default_specification=DRAFT202012)

    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER, registry=Registry(retrieve=offline))  # type: ignore[call-arg]


def _path(root: str, steps: Any) -> str:
    """A JSON path in the document's own names (``$.headlines[0].value``) below ``root``."""
    path = root
    for step in steps:
        path += f"[{step}]" if isinstance(step, int) else f".{step}"
    return path


def _problems(doc: dict[str, Any], folder: Path, root: str) -> list[Problem]:
    major = schema_version(doc)
    path = folder / SCHEMAS[major]
    if not path.is_file():
        raise SchemaNotFoundError(f"{folder} does not hold {SCHEMAS[major]} (for ninjs {major}.x)")
    checker = _validator(path)
    name = SCHEMAS[major][13:-5]
    try:
        errors = sorted(checker.iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    except RecursionError:
        return [Problem(root, f"nested too deeply to check against the ninjs {name} schema", where=root)]
    problems = []
    for error in errors:
        where = _path(root, error.absolute_path)
        message = error.message if len(error.message) <= _LONGEST else error.message[:_LONGEST] + "..."
        problems.append(Problem(where, f"{message} (ninjs {name} schema)", where=where))
    return problems


def _documents(document: bytes | str | dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each ninjs object of ``document`` with its place as the root of its paths (``$``, ``$[2]``).

    Raises:
        ParseError: not JSON (nor JSON Lines), or a member that is not an object.
    """
    if isinstance(document, dict):
        return [("$", document)]
    _shape, listed = members(document)
    found = []
    for where, value in listed:
        doc = value()
        if not isinstance(doc, dict):
            raise not_an_object(doc, where)
        found.append((where if where is not None and where.startswith("$") else "$", doc))
    return found


def _unknown(key: str, major: str) -> bool:
    if key in PROPERTIES[major] or key == "$schema":
        return False
    pattern = _PATTERNS.get(major)
    return pattern is None or pattern.fullmatch(key) is None


def unknown_properties(document: bytes | str | dict[str, Any]) -> list[Problem]:
    """Each top-level property of each ninjs object (of a container too) that the schema of its
    version does not define, at its JSON path (``$.headlnie``), with the nearest known name
    when one is close; none for input that is not JSON objects (the reader reports that)."""
    try:
        found = _documents(document)
    except ParseError:
        return []
    problems = []
    for root, doc in found:
        major = schema_version(doc)
        known = sorted(PROPERTIES[major])
        for key in doc:
            if not isinstance(key, str) or not _unknown(key, major):
                continue
            where = _path(root, [key])
            near = [name for name in known if name.lower() == key.lower()]
            near = near or difflib.get_close_matches(key, known, n=1, cutoff=0.75)
            near = near or difflib.get_close_matches(key, sorted(_EVERY), n=1, cutoff=0.75)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            message = f"{key!r} is not a property of ninjs {SCHEMAS[major][13:-5]}{hint}"
            problems.append(Problem(where, message, where=where))
    return problems


def validate(
    document: bytes | str | dict[str, Any], *, schema_dir: str | os.PathLike[str] | None = None
) -> None:
    """Check a ninjs document (bytes, text or a parsed JSON object) against the IPTC schema of
    its version; every ninjs object of a container (a JSON array, AP's ``data.item``, JSON
    Lines) is checked, with its place as the start of its paths.

    Raises:
        SchemaNotFoundError: no folder given, it lacks the schema the document needs, or the
            ``jsonschema`` package is not installed (the message says how to install it).
        ParseError: the document is not JSON (nor JSON Lines), or not an object.
        ValidationError: one problem per schema error, at its JSON path (``$.headlines[0]``).
    """
    folder = _folder(schema_dir)
    problems: list[Problem] = []
    for root, doc in _documents(document):
        problems += _problems(doc, folder, root)
    if problems:
        raise ValidationError(problems, format=NAME)
