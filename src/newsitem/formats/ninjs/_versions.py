"""ninjs versions: telling 3.x, 2.x and 1.x apart, reshaping 2.x and 1.x into the 3.x
names the reader maps, and giving a value's path back in the document's own names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsitem.model import join_names

NAME = "ninjs"
SCHEMA_URIS = {
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    "2.2": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
}
"""The schema each written version declares in ``standard.schema``."""


def by_line(authors: list[str]) -> str:
    """The ``by`` property derived from the authors' names (``By A and B``)."""
    return "By " + join_names(authors)


# 2.x names (all lowercase) and 1.x names that differ, mapped to the 3.x names.
_FROM_2X = {
    name.lower(): name
    for name in [
        "representationType",
        "firstCreated",
        "versionCreated",
        "contentCreated",
        "pubStatus",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "edNote",
        "infoSources",
        "altIds",
        "trustIndicators",
        "rightsInfo",
        "digitalSourceType",
        "contentType",
        "charCount",
        "wordCount",
        "linkedRights",
        "encodedRights",
        "langId",
    ]
}
_FROM_2X["embargoed"] = "embargoedUntil"
_TO_2X = {new: old for old, new in _FROM_2X.items()}
RENAMES: Mapping[str, str] = _FROM_2X
"""2.x/1.x property names that differ in 3.x, by their old name (:func:`renamed` as a mapping)."""
_NAME_IN_PATH = re.compile(r"(?<=\.)([A-Za-z_$][A-Za-z0-9_]*)")
_SCHEMA_VERSION = re.compile(r"ninjs-schema_(\d+(?:\.\d+)*)")


_1X_NAMES = frozenset(("headline", "byline", "subject", "genre", "person", "organisation", "infosource"))
"""Names only 1.x has (2.x and 3.x have ``headlines``, ``by``, ``subjects``...)."""
_1X_PREFIXES = ("body_", "description_", "headline_")
"""1.x's named renderings: ``body_html``, ``description_text``, ``headline_<name>``."""


def version(doc: dict[str, Any]) -> str:
    """The version a document declares (``standard.version``, ``$schema``), or the one
    its shape tells (``1.x``, ``2.x``, ``3.x``)."""
    standard = doc.get("standard")
    if isinstance(standard, dict) and isinstance(standard.get("version"), str):
        return str(standard["version"])
    declared = _SCHEMA_VERSION.search(str(doc.get("$schema", "")))
    if declared is not None:
        return declared.group(1)
    if "$standard" in doc or any(k in doc for k in _1X_NAMES) or any(k.startswith(_1X_PREFIXES) for k in doc):
        return "1.x"
    if any(
        k in doc for k in ("versioncreated", "firstcreated", "infosources", "pubstatus", "copyrightnotice")
    ):
        return "2.x"
    return "3.x"


class Paths:
    """Gives a 3.x path the reader uses (``$.copyrightHolder``) in the names of the
    document read (``$.copyrightholder`` in 2.x, ``$.headline`` for a 1.x headline)."""

    def __init__(self, *, lowercase: bool, origins: dict[str, str] | None = None) -> None:
        self.lowercase = lowercase
        # Longest first, so "$.headlines[1].value" wins over a shorter prefix.
        self.origins = sorted((origins or {}).items(), key=lambda item: -len(item[0]))
        self.root = "$"
        """Where the document is in its input (``$[2]``, ``$.data.item``): paths start there."""

    def __call__(self, path: str) -> str:
        return self.root + self._own(path)[1:]

    def _own(self, path: str) -> str:
        for prefix, original in self.origins:
            if path == prefix or path.startswith((prefix + ".", prefix + "[")):
                return original + path[len(prefix) :]
        if self.lowercase:
            return _NAME_IN_PATH.sub(lambda found: _TO_2X.get(found.group(1), found.group(1)), path)
        return path


def lowercase(declared: str) -> bool:
    """Whether a document of version ``declared`` has the lowercase names of 2.x and 1.x."""
    return declared.startswith(("1", "2"))


def renamed(key: str) -> str:
    """A 2.x/1.x property name in 3.x (``versioncreated`` -> ``versionCreated``)."""
    return _FROM_2X.get(key, key)


def reshape(doc: dict[str, Any], declared: str, *, named: bool = False) -> tuple[dict[str, Any], Paths]:
    """``doc`` in the 3.x names, and the way back to its own names for paths; ``named``
    when its 2.x/1.x names have already been renamed (:func:`renamed`, at every level)."""
    if declared.startswith("1"):
        origins: dict[str, str] = {}
        return _from_1x(doc if named else _camel(doc), origins), Paths(lowercase=True, origins=origins)
    if declared.startswith("2"):
        return (doc if named else _camel(doc)), Paths(lowercase=True)
    return doc, Paths(lowercase=False)


def _camel(value: Any, depth: int = 0) -> Any:
    """``value`` with 2.x names in 3.x, down to 8 levels (deeper is kept as sent: no
    document nested to the JSON reader's limit makes this recurse that far)."""
    if depth >= 8:
        return value
    if isinstance(value, dict):
        return {_FROM_2X.get(key, key): _camel(v, depth + 1) for key, v in value.items()}
    if isinstance(value, list):
        return [_camel(v, depth + 1) for v in value]
    return value


_BODY_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "html5": "text/html",
    "richtext": "text/html",
    "xhtml": "application/xhtml+xml",
    "nitf": "text/vnd.IPTC.NITF",
}
"""The content type a 1.x ``body_<name>``/``description_<name>`` names by its last word."""
_PLURALS = {
    "person": "people",
    "place": "places",
    "organisation": "organisations",
    "object": "objects",
    "event": "events",
    "trustindicator": "trustIndicators",
}
"""1.x names of the 3.x arrays that only changed their name (``scheme``/``code`` become ``uri``)."""


def body_rank(item: object) -> int:
    """How much a body is the story's text: HTML and NITF (by role or content type) 2, plain
    text 1, anything else 0; the highest wins, the first of equals."""
    if not isinstance(item, dict) or not isinstance(item.get("value"), str):
        return 0
    kind = content_type(item)
    return 2 if kind in ("html", "nitf") else 1


def content_type(item: dict[str, Any]) -> str:
    """``html``, ``nitf`` or ``text``: how a body or description is read, by its content type,
    else its role (``html``, ``html5``, ``richtext``, ``xhtml``, ``nitf``), else plain text."""
    declared = str(item.get("contentType") or "").lower()
    role = str(item.get("role") or "").lower()
    if "nitf" in declared or role == "nitf":
        return "nitf"
    if "html" in declared or (not declared and role in ("html", "html5", "richtext", "xhtml")):
        return "html"
    return "text"


def _renderings(out: dict[str, Any], prefix: str) -> list[tuple[str, dict[str, Any]]]:
    """The 1.x ``<prefix>_<name>`` renderings of ``out``, as 3.x items with role and content type."""
    found = []
    for key, value in out.items():
        if key.startswith(prefix):
            words = key[len(prefix) :].split("_")
            kind = _BODY_TYPES.get(words[-1])
            role = "_".join(words[:-1] if kind else words) or None
            item: dict[str, Any] = {"value": value, "contentType": kind or "text/plain"}
            if role is not None:
                item["role"] = role
            found.append((key, item))
    return found


def _from_1x(doc: dict[str, Any], origins: dict[str, str]) -> dict[str, Any]:
    """Reshape a 1.x (or superdesk-dialect) document into the 3.x names, recording in
    ``origins`` where each moved value came from; the rest stays as it is."""
    out: dict[str, Any] = dict(doc)
    headlines: list[dict[str, Any]] = []
    keys = [k for k in out if k.startswith("headline_")]
    for key in ["headline", *keys] if "headline" in out else keys:
        role = "main" if key == "headline" else "subhead" if key == "headline_subhead" else key[9:]
        origins[f"$.headlines[{len(headlines)}].value"] = f"$.{key}"
        headlines.append({"role": role, "value": out.pop(key)})
    if headlines:
        out["headlines"] = headlines
    # The best body (HTML or NITF over plain text) and the summary-like description have a
    # home; the other renderings stay under their 1.x names and so land in extras as sent.
    bodies = _renderings(out, "body_")
    if bodies:
        key, item = max(bodies, key=lambda found: body_rank(found[1]))  # the first of the best
        out["bodies"] = [item]
        del out[key]
        origins["$.bodies[0].value"] = f"$.{key}"
        origins["$.bodies[0]"] = f"$.{key}"
    descriptions = [found for found in _renderings(out, "description_") if found[1].get("role") is None]
    if descriptions:
        key, item = min(descriptions, key=lambda found: content_type(found[1]) != "text")
        out["descriptions"] = [item]
        del out[key]
        origins["$.descriptions[0].value"] = f"$.{key}"
    if "byline" in out:
        out["by"] = out.pop("byline")
        origins["$.by"] = "$.byline"
    for old, new in (
        ("subject", "subjects"),
        ("genre", "genres"),
        ("infosource", "infoSources"),
        *_PLURALS.items(),
    ):
        if isinstance(out.get(old), list) and new not in out:
            out[new] = [
                _coded(item, f"$.{new}[{index}]", f"$.{old}[{index}]", origins)
                for index, item in enumerate(out.pop(old))
            ]
            origins[f"$.{new}"] = f"$.{old}"
    return out


def _coded(original: Any, path: str, old_path: str, origins: dict[str, str]) -> Any:
    """A 1.x ``{code, scheme}`` item with the code as a 3.x ``uri`` (scheme + code) or ``literal``."""
    if not isinstance(original, dict) or "code" not in original:
        return original
    item = dict(original)
    code = item.pop("code")
    scheme = item.get("scheme")
    joined = isinstance(scheme, str) and isinstance(code, str) and scheme.endswith(("/", "#", ":", "="))
    if joined:
        del item["scheme"]  # a scheme ending in a separator: scheme and code make the URI
    name = "uri" if joined else "literal"
    item[name] = f"{scheme}{code}" if joined else code
    origins[f"{path}.{name}"] = f"{old_path}.code"
    return item
