"""Paragraphs with inline marks out of an HTML fragment or plain text (ninjs bodies,
NewsML-G2 inlineData): the standard library's HTML parser, no network, no scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from newsitem.model import Paragraph, Run

__all__ = ["body_html", "body_text"]

_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


class _BodyReader(HTMLParser):
    """Paragraphs with emphasis, strong and links out of an HTML fragment."""

    _BLOCKS = frozenset({"p", "div", "blockquote", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[Run | str]] = []
        self._runs: list[Run | str] = []
        self._em = 0
        self._strong = 0
        self._links: list[str | None] = []

    def _flush(self) -> None:
        if "".join(r.text if isinstance(r, Run) else r for r in self._runs).strip():
            self.paragraphs.append(self._runs)
        self._runs = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self._flush()
        elif tag in ("em", "i"):
            self._em += 1
        elif tag in ("strong", "b"):
            self._strong += 1
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self._flush()
        elif tag in ("em", "i"):
            self._em = max(0, self._em - 1)
        elif tag in ("strong", "b"):
            self._strong = max(0, self._strong - 1)
        elif tag == "a" and self._links:
            self._links.pop()

    def handle_data(self, data: str) -> None:
        if not data:
            return
        link = next((href for href in reversed(self._links) if href), None)
        if link is not None and not _ABSOLUTE.fullmatch(link):
            link = None  # a relative link has no home in the model
        if self._em or self._strong or link is not None:
            self._runs.append(Run(text=data, emphasis=self._em > 0, strong=self._strong > 0, link=link))
        else:
            self._runs.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def body_html(value: str) -> list[Paragraph]:
    reader = _BodyReader()
    reader.feed(value.replace("\r\n", "\n").replace("\r", "\n"))
    reader.close()
    return [Paragraph(runs=runs) for runs in reader.paragraphs]


def body_text(value: str) -> list[Paragraph]:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return [Paragraph.plain(block) for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
