"""Which layout is this? Each format module that can recognise its input offers
``sniff(text) -> (confidence, reason) | None``; :func:`detect` asks them all and
keeps the most confident answer."""

from __future__ import annotations

import attrs

from newsitem import formats
from newsitem.errors import ParseError
from newsitem.formats._text import decode

__all__ = ["Detection", "detect"]


@attrs.frozen(kw_only=True)
class Detection:
    """The outcome of :func:`detect`."""

    layout: str
    """The format or layout name, as registered (``"web-story"``)."""
    confidence: float
    """From 0 to 1: how sure the sniffer is."""
    reason: str
    """What gave it away, for people (``line 2 is a web-story byline line``)."""


def detect(data: str | bytes) -> Detection:
    """Name the layout of ``data`` by its content.

    Raises:
        ParseError: no registered layout recognises the input (or it is not text).
    """
    text, _ = decode(data, layout="detect", controls=True)
    best: Detection | None = None
    for info in formats.available():
        sniff = getattr(formats.load_module(info.name), "sniff", None)
        if sniff is None:
            continue
        found = sniff(text)
        if found is not None and (best is None or found[0] > best.confidence):
            best = Detection(layout=info.name, confidence=found[0], reason=found[1])
    if best is None:
        names = ", ".join(info.name for info in formats.available())
        raise ParseError(
            f"no known layout recognises this input (tried {names})", format="detect", line=1, column=1
        )
    return best
