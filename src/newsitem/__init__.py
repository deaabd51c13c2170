"""newsitem: news stories in one typed, trustworthy shape.

Build a :class:`Story`, write it with :func:`dumps` and read it back with
:func:`loads` in any registered format (``newsitem formats`` lists them);
:func:`parse` detects the layout first and :func:`read` also returns what the
reader noticed. Format modules load on first use, so importing newsitem stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsitem._api import dump, dumps, json_schema, load, loads, loads_all, parse, parse_all, read
from newsitem.errors import (
    MissingExtraError,
    NewsItemError,
    ParseError,
    Problem,
    SchemaNotFoundError,
    SerializeError,
    UnknownFormatError,
    UsageError,
    ValidationError,
)
from newsitem.formats import Detection, detect
from newsitem.model import (
    Block,
    Byline,
    BylineKind,
    Extras,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Preformatted,
    PubStatus,
    Quote,
    Rights,
    Role,
    Run,
    Source,
    Story,
    Subject,
    Table,
)
from newsitem.notes import Note, Part, Reading

if TYPE_CHECKING:
    from newsitem._identity import mint_guid

__all__ = [
    "Block",
    "Byline",
    "BylineKind",
    "Detection",
    "Extras",
    "Figure",
    "Heading",
    "Link",
    "ListBlock",
    "MissingExtraError",
    "NewsItemError",
    "Note",
    "Paragraph",
    "ParseError",
    "Part",
    "Preformatted",
    "Problem",
    "PubStatus",
    "Quote",
    "Reading",
    "Rights",
    "Role",
    "Run",
    "SchemaNotFoundError",
    "SerializeError",
    "Source",
    "Story",
    "Subject",
    "Table",
    "UnknownFormatError",
    "UsageError",
    "ValidationError",
    "detect",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "loads_all",
    "mint_guid",
    "parse",
    "parse_all",
    "read",
]


def __dir__() -> list[str]:
    # What the front door offers, not what it imported to build it (Any, annotations).
    return [*__all__, "__version__"]


def __getattr__(name: str) -> Any:
    # The version comes from the installed metadata, read only when asked for.
    if name == "__version__":
        from importlib.metadata import version

        return version("newsitem")
    # mint_guid is imported on first use: its module needs uuid (with platform and random),
    # which nothing else a one-file `newsitem validate` runs does.
    if name == "mint_guid":
        from newsitem._identity import mint_guid

        globals()["mint_guid"] = mint_guid
        return mint_guid
    raise AttributeError(f"module 'newsitem' has no attribute {name!r}")
