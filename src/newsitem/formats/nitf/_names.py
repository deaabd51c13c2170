"""The names NITF documents use: the format's name, the NITF 3.6 namespace, and the marks
newsitem writes."""

from __future__ import annotations

NAME = "nitf"
"""The format's registered name (errors and notes carry it)."""
PREFIX = "nitf."
"""The prefix of the extras keys this format reads into a story from others' documents."""
NITF = "http://iptc.org/std/NITF/2006-10-18/"
"""The NITF 3.6 namespace (NITF 3.x documents without one are read the same way)."""
F = "{" + NITF + "}"
"""The Clark-notation prefix of NITF elements."""
VERSION = "-//IPTC//DTD NITF 3.6//EN"
"""The ``nitf/@version`` newsitem writes."""
GENERATOR = "newsitem"
"""The ``head/meta[@name='generator']/@content`` that marks newsitem's own documents, which are
read exactly (others' have their layout whitespace collapsed)."""
SUBJECT = "subject"
"""The ``classifier/@type`` of a subject newsitem writes."""
