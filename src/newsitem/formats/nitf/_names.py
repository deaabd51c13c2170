"""The names NITF documents use: the format's name, the NITF 3.6 namespace, and the marks
newsitem writes."""

from __future__ import annotations

import re

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


_UNSAFE = re.compile(r"[^A-Za-z0-9.:\-]|^(?=generator$|priority$)[a-z]")
_ESCAPE = re.compile(r"_([0-9a-f]{1,6})_")
RESERVED = frozenset({"generator", "priority"})
"""``meta`` names that carry fields, not extras."""


def meta_name(key: str) -> str:
    """The ``meta/@name`` of an extras key: an ASCII XML name token, each other character
    (``/``, ``@``, ``[``, ``_``, non-ASCII letters) as ``_`` and its hexadecimal code point
    and ``_``; the reserved names ``generator`` and ``priority`` have their first letter so
    escaped."""
    return _UNSAFE.sub(lambda found: f"_{ord(found.group()):x}_", key)


def _unescaped(found: re.Match[str]) -> str:
    code = int(found.group(1), 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else found.group()


def extras_key(name: str) -> str:
    """The extras key a ``meta/@name`` written by :func:`meta_name` stands for."""
    return _ESCAPE.sub(_unescaped, name) if "_" in name else name
