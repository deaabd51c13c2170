# ruff: noqa: N815 - the Clark names mirror the XML element names
"""The names NewsML-G2 documents use: namespaces, Clark names of the elements read,
and the constants newsitem writes where the model has no value."""

from __future__ import annotations

import re

NAME = "newsml-g2"
"""The format's registered name (errors and notes carry it)."""
PREFIX = "newsml-g2."
"""The prefix of the extras keys this format reads into a story."""
NAR = "http://iptc.org/std/nar/2006-10-01/"
"""The NewsML-G2 (NAR) namespace."""
NITF = "http://iptc.org/std/NITF/2006-10-18/"
"""The NITF namespace of the body."""
XML = "http://www.w3.org/XML/1998/namespace"
NITM = "https://newsitem.example/cv/"
"""The URI of newsitem's own scheme (alias ``nitm``); a placeholder until the project owns one."""
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml"
DEFAULT_PROVIDER = "newsitem:unspecified"
"""The provider literal written when neither ``provider=`` nor ``story.provider`` names one;
it reads back as no provider."""
LEGACY_NO_GUID = "urn:newsitem:no-guid"
"""The guid newsitem wrote for every story without one, before it refused such stories; it is
no identity (every such item shared it), so it reads back as None."""
CANONICAL = "nitm:canonical"
"""The ``link/@rel`` newsitem writes for the story's own web page (``Story.url``); IPTC's
item relations have no code for it (``irel:seeAlso`` is a related resource)."""
REL = "{" + NITM + "}rel"
"""The attribute (``nitm:rel``) that carries a link relation that is no QCode (``see also``)."""
QCODE = re.compile(r"[^\s:]+:\S+")
"""The shape of a QCode (NewsML-G2's ``QCodeType``)."""
WORD = re.compile(r"[^\s:]+")
"""A link relation that is one plain word (``related``, ``picture``)."""
UNKNOWN_TIME = "0001-01-01T00:00:00Z"
"""``versionCreated`` (required) for a story with neither an updated nor a published time."""

N = "{" + NAR + "}"
"""The Clark-notation prefix of NAR elements."""
F = "{" + NITF + "}"
"""The Clark-notation prefix of NITF elements."""


class T:
    """Clark names of the NAR elements read (``T.headline``), computed once."""

    by = N + "by"
    catalog = N + "catalog"
    contentMeta = N + "contentMeta"
    contentCreated = N + "contentCreated"
    contentMetaExtProperty = N + "contentMetaExtProperty"
    contentModified = N + "contentModified"
    contributor = N + "contributor"
    copyrightHolder = N + "copyrightHolder"
    copyrightNotice = N + "copyrightNotice"
    creator = N + "creator"
    creditline = N + "creditline"
    dateline = N + "dateline"
    edNote = N + "edNote"
    description = N + "description"
    embargoed = N + "embargoed"
    firstCreated = N + "firstCreated"
    genre = N + "genre"
    headline = N + "headline"
    infoSource = N + "infoSource"
    inlineData = N + "inlineData"
    inlineXML = N + "inlineXML"
    itemClass = N + "itemClass"
    itemMeta = N + "itemMeta"
    itemSet = N + "itemSet"
    keyword = N + "keyword"
    language = N + "language"
    link = N + "link"
    title = N + "title"
    located = N + "located"
    name = N + "name"
    newsItem = N + "newsItem"
    newsMessage = N + "newsMessage"
    note = N + "note"
    organisationDetails = N + "organisationDetails"
    personDetails = N + "personDetails"
    affiliation = N + "affiliation"
    provider = N + "provider"
    pubStatus = N + "pubStatus"
    rightsInfo = N + "rightsInfo"
    scheme = N + "scheme"
    slugline = N + "slugline"
    subject = N + "subject"
    urgency = N + "urgency"
    usageTerms = N + "usageTerms"
    versionCreated = N + "versionCreated"


FRAGMENTS = frozenset(
    {"contentSet", "contentMeta", "itemMeta", "rightsInfo", "inlineXML", "inlineData", "itemSet"}
    | {"groupSet", "partMeta", "newsCoverageSet", "assert", "concept", "remoteContent"}
)
"""Local names of NewsML-G2 elements that, as a document's root, make it a fragment of an item
(here, not in ``_read``, so that detection loads no reader)."""
