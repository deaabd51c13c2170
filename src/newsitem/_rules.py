"""The model's rules for single values, in one place.

The model validates with these; formats ask the same questions (is this a URI the
model takes? a language tag? a token?) through the public predicates
:func:`is_uri`, :func:`is_language`, :func:`is_token`, :func:`is_line` and
:func:`is_text`, re-exported by :mod:`newsitem.model`, instead of keeping their
own regular expressions. This module imports the standard library only.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["is_code", "is_language", "is_line", "is_text", "is_token", "is_uri"]


class _LazyPattern:
    """A regular expression compiled on its first use, not at import.

    Compiling the character classes below (every XML character but a few) costs more than
    the rest of importing newsitem, and most runs never need them: the fast paths decide
    first. The first attribute read compiles the pattern and copies its methods onto this
    object, so later calls cost what a compiled pattern's cost. ``pattern`` and ``flags``
    are known without compiling (other patterns are built from them).
    """

    _METHODS = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split", "scanner")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self.pattern, self.flags)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        self.flags = compiled.flags
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"_lazy({self.pattern!r})"


def _lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used (see :class:`_LazyPattern`)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))


# XML 1.0 Char (https://www.w3.org/TR/xml/#charsets: TAB, LF, CR, U+0020-U+D7FF,
# U+E000-U+FFFD, U+10000-U+10FFFF) without CR; single-line text additionally without TAB
# and LF. Written as the classes of the characters left out (C0 controls, surrogates,
# U+FFFE, U+FFFF): the same sets, but a class of a few small ranges compiles ten times
# faster than one reaching U+10FFFF.
_NOT_TEXT = "\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_LINE = "\x00-\x1f\ud800-\udfff\ufffe\uffff"
_BAD_TEXT = _lazy(f"[{_NOT_TEXT}]")
_BAD_LINE = _lazy(f"[{_NOT_LINE}]")
# Fast paths: one C-level match that is true exactly when the slow checks below pass.
_OK_LINE = _lazy(rf"(?=\s*\S)[^{_NOT_LINE}]*")
_OK_TEXT = _lazy(rf"(?=\s*\S)[^{_NOT_TEXT}]*")
_OK_RUN = _lazy(rf"[^{_NOT_TEXT}]+")
_NOT_TOKEN = "\\s\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff"  # noqa: S105 - a character class, not a password
_URI_CHAR = rf"(?:[^{_NOT_TOKEN}\[\]%#]|%[0-9A-Fa-f]{{2}})"
# A scheme, a colon, then no spaces; "%" only as an escape, at most one "#", and
# brackets only around an IPv6 host: what xs:anyURI, RFC 3987 and browsers all take.
_OK_URI = _lazy(rf"[A-Za-z][A-Za-z0-9+.\-]*:(?=.)(?://\[[0-9A-Fa-f:.]+\])?{_URI_CHAR}*(?:#{_URI_CHAR}*)?")
_OK_TOKEN = _lazy(rf"[^{_NOT_TOKEN}]+")
# NewsML-G2's QCodeType (the 2.35 XSD): <qcode> ::= <scheme> ":" <code>, the alias any
# characters but white space and ":", the code any characters but white space (colons
# allowed). An absolute IRI (scheme ":" rest, no spaces) has the same shape, so one
# pattern takes both; control characters and surrogates are refused as everywhere.
_OK_CODE = _lazy(rf"[^{_NOT_TOKEN}:]+:[^{_NOT_TOKEN}]+")


def _printable(value: str) -> bool:
    # str.isprintable is a C loop that stops early; a printable, non-blank string
    # passes every text rule, so the regular expressions run only for the rest.
    return value.isprintable() and bool(value) and not value.isspace()


def _ok_line(value: object) -> bool:
    return type(value) is str and (_printable(value) or _OK_LINE.fullmatch(value) is not None)


def _ok_text(value: object) -> bool:
    return type(value) is str and (_printable(value) or _OK_TEXT.fullmatch(value) is not None)


# xs:language, which is the shape of a BCP 47 tag; case is kept as given.
_LANGUAGE = _lazy(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", re.ASCII)


def is_uri(value: object) -> bool:
    """Whether ``value`` is an absolute URI the model takes (a scheme, no spaces, ``%`` only as an escape)."""
    return type(value) is str and _OK_URI.fullmatch(value) is not None


def is_code(value: object) -> bool:
    """Whether ``value`` is a subject code the model takes: a QCode or an absolute IRI.

    A QCode is NewsML-G2's ``alias:code`` (``medtop:20000002``,
    ``FIEG_Categories:CRO``): the grammar of the 2.35 schema's ``QCodeType`` is
    ``<scheme> ":" <code>``, where the scheme alias holds any character but white
    space and ``:`` and the code any character but white space. An absolute IRI
    (``http://cv.iptc.org/newscodes/mediatopic/20000002``, ``urn:isbn:0451450523``)
    has the same shape. Control characters and unpaired surrogates are refused.
    """
    return type(value) is str and _OK_CODE.fullmatch(value) is not None


def is_language(value: object) -> bool:
    """Whether ``value`` has the shape of a BCP 47 language tag (``en``, ``pt-BR``)."""
    return type(value) is str and _LANGUAGE.fullmatch(value) is not None


def is_token(value: object) -> bool:
    """Whether ``value`` is a token: no spaces or control characters (codes, ids, extras keys)."""
    return type(value) is str and _OK_TOKEN.fullmatch(value) is not None


def is_line(value: object) -> bool:
    """Whether ``value`` is a non-blank single line of XML-safe characters (no CR, LF or TAB)."""
    return _ok_line(value)


def is_text(value: object) -> bool:
    """Whether ``value`` is non-blank XML-safe text whose line breaks are LF (no CR)."""
    return _ok_text(value)
