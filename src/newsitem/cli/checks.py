"""Checks of ``newsitem validate`` beyond the model's rules, as functions the rules call
(:mod:`newsitem.cli.rules` turns each problem into a finding with its rule id):

- :func:`unknown_properties` (NI209 ``unknown-property``): a ninjs property the schema of the
  document's version does not define, as a misspelt ``headlnie`` (from
  :func:`newsitem.formats.ninjs.schema.unknown_properties`; no schema files needed);
- :func:`empty_body` (NI210 ``empty-body``): a story with no body text, in any format.

Both are warnings: a headline alone is a flash, and agencies add properties of their own.
"""

from __future__ import annotations

from typing import Any

from newsitem.errors import Problem
from newsitem.model import Figure, Story

__all__ = ["empty_body", "unknown_properties"]


def unknown_properties(data: bytes | str | dict[str, Any]) -> list[Problem]:
    """Each property of each ninjs object of ``data`` (a container's members too) that the
    schema of its version does not define, at its JSON path (``$.headlnie``), the message
    naming the nearest known property; none when ``data`` is not JSON objects."""
    from newsitem.formats.ninjs import schema

    return schema.unknown_properties(data)


def empty_body(story: Story) -> Problem | None:
    """A problem at ``body`` when the story has no body text (no block, or blocks without
    text and no figure); None otherwise."""
    if story.body and (story.text.strip() or any(isinstance(block, Figure) for block in story.body)):
        return None
    what = "no body" if not story.body else "a body without text"
    return Problem("body", f"the story has {what}: only its headline and metadata would be published")
