"""Identity: a guid minted from what identifies a story, the same on every machine.

The minted guid is a name-based UUID (RFC 9562 version 5, SHA-1) written as a
``urn:uuid:`` URN, which every system that takes a URI accepts:

* a story with a ``url`` gets ``uuid5(NAMESPACE_URL, url)``: the URL names the
  story, so every version of it gets the same guid;
* a story without one gets ``uuid5(STORY_NAMESPACE, document)``, where
  ``document`` is the story's canonical JSON (format ``"newsitem": "2"``) without
  its ``guid``, compact, keys sorted, UTF-8: two stories get the same guid exactly
  when they are equal.

The namespace and the recipe are part of the contract: a later version of newsitem
that changes either mints under a new name.
"""

from __future__ import annotations

import json
import uuid

import attrs

from newsitem.model import Story

__all__ = ["STORY_NAMESPACE", "mint_guid"]

STORY_NAMESPACE = uuid.UUID("8fbe25a4-dff8-5e25-8766-6ad7e56a8230")
"""The namespace of guids minted from content: ``uuid5(NAMESPACE_URL, "urn:newsitem:story")``."""


def mint_guid(story: Story) -> str:
    """A stable ``urn:uuid:`` guid for ``story``: from its URL when it has one, else its content.

    The story's own ``guid`` is ignored, so a story and the same story with a
    minted guid give the same answer. Reading never calls this: a guid is minted
    only when asked for, typically before writing a guid-less story as NewsML-G2
    or ninjs, which refuse one::

        story = attrs.evolve(story, guid=story.guid or newsitem.mint_guid(story))

    >>> mint_guid(Story(headline="Rain", url="https://example.com/rain"))
    'urn:uuid:259abb5b-5ab5-5d65-80b1-911fba8a7398'
    """
    if story.url is not None:
        return uuid.uuid5(uuid.NAMESPACE_URL, story.url).urn
    from newsitem.formats import json as canonical  # cattrs loads only when content is hashed

    document = json.loads(canonical.dumps(attrs.evolve(story, guid=None)))
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return uuid.uuid5(STORY_NAMESPACE, text).urn
