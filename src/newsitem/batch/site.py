"""The pages of the archive site :mod:`newsitem.batch.index` writes: an index page's HTML (the
story pages' typography from :mod:`newsitem.formats.html.theme`, ``lang``, a viewport, the CSP,
no script), its entries, and the ``<nav>`` a story page gets: back to its index page, previous
and next story.

A story page written by :func:`newsitem.dumps` has no ``<nav>``; the site puts one before its
``<article>`` and one after it, and replaces them when the site is written again. The html
reader reads the ``<article>`` alone, so the page still reads back exactly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any
from urllib.parse import quote

from newsitem.batch._site_names import FRONT
from newsitem.formats.html.theme import CSP, STYLE

__all__ = ["Entry", "document", "entries", "href", "link", "pager", "story_navs", "with_navs"]

Entry = dict[str, Any]
"""An index row (:func:`newsitem.batch.index.meta` and ``outputs``) with its ``page`` (the
story page's path), its ``home`` (the index page that lists it) and ``anchor``."""

_SITE_STYLE = """
main{max-width:42rem;margin:1.5rem auto 2.5rem;padding:0 1.25rem;overflow-wrap:break-word}
main h2{font-size:1.35rem;line-height:1.25;margin:2rem 0 .4rem}
main h3{font-size:1.1rem;margin:1rem 0 .2rem}
ol.entries{list-style:none;margin:0;padding:0}
.entry{border-bottom:1px solid #d8d6cf;padding:.9rem 0}
.entry .hed{font-size:1.2rem;line-height:1.3;margin:.15rem 0 .25rem;font-weight:700}
.entry .hed a{color:inherit;text-decoration:none}.entry .hed a:hover{text-decoration:underline}
.when,.by,.tally,.pager,.count{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
.when{color:#5f5e58;font-size:.8rem;margin:0}
.when .sec{color:#8a3b12;text-transform:uppercase;letter-spacing:.05em}
.by{font-size:.85rem;margin:0;color:#44443f}
.gist{margin:.3rem 0 0;color:#33332f}
ul.tally{list-style:none;margin:.2rem 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.35rem 1.2rem}
.count{color:#5f5e58;font-size:.85rem}
nav.pager{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;margin:1.5rem 0;font-size:.9rem}
""".strip()


def href(page: str) -> str:
    """A relative output path as a link: its bytes percent-encoded (a name's undecodable
    bytes, which Python holds as lone surrogates, included)."""
    try:
        raw = os.fsencode(page)
    except UnicodeEncodeError:
        raw = page.encode("utf-8", "surrogatepass")
    return quote(raw)


def link(target: str, start: str, anchor: str = "") -> str:
    """The escaped relative link from the page at ``start`` to the page ``target`` (both
    relative to the output folder), with ``#anchor`` when given. Every character of the
    page's name is the name's: a story of a container (``feed.xml#2.html``) gets ``%23``."""
    here = start.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    relative = "../" * (len(here) - common) + "/".join(there[common:])
    return escape(href(relative) + (f"#{anchor}" if anchor else ""))


def document(title: str, body: str, *, crumbs: str = "") -> str:
    """An index page: ``lang``, viewport, the CSP, the story pages' style and no script."""
    nav = f'<nav class="site" aria-label="Archive">{crumbs}</nav>\n' if crumbs else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLE}\n{_SITE_STYLE}\n</style>\n</head>\n"
        f"<body>\n{nav}<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _entry(entry: Entry, at: str, level: int) -> str:
    """One story in a list: date in words and section, headline, byline and source, summary."""
    lang = f' lang="{escape(entry["language"])}"' if entry.get("language") else ""
    when = ["Undated"]
    if entry.get("published"):
        when = [f'<time datetime="{escape(entry["published"])}">{escape(entry["when"])}</time>']
    if entry.get("section"):
        when.append(f'<span class="sec">{escape(entry["section"])}</span>')
    by = " · ".join(escape(entry[k]) for k in ("byline", "source") if entry.get(k))
    parts = [
        f'<li class="entry" id="{entry["anchor"]}"{lang}>',
        f'<p class="when">{" · ".join(when)}</p>',
        f'<h{level} class="hed"><a href="{link(entry["page"], at)}">'
        f"{escape(entry['headline'])}</a></h{level}>",
    ]
    if by:
        parts.append(f'<p class="by">{by}</p>')
    if entry.get("summary"):
        parts.append(f'<p class="gist">{escape(entry["summary"])}</p>')
    return "\n".join([*parts, "</li>"])


def entries(rows: Iterable[Entry], at: str, *, level: int = 2) -> str:
    """A list of stories as the index page at ``at`` shows them."""
    return '<ol class="entries">\n' + "\n".join(_entry(row, at, level) for row in rows) + "\n</ol>"


def story_navs(entry: Entry, before: Entry | None, after: Entry | None, label: str) -> tuple[str, str]:
    """A story page's two ``<nav>``: back to the index and to its index page (``label``, at the
    story's place); previous and next story."""
    at = entry["page"]
    top = (
        f'<nav class="site" aria-label="Archive"><a href="{link(FRONT, at)}">All stories</a>'
        f' &rsaquo; <a href="{link(entry["home"], at, entry["anchor"])}">{escape(label)}</a></nav>\n'
    )
    turn = []
    for rel, word, other in (("prev", "← Previous", before), ("next", "Next →", after)):
        if other is None:
            turn.append("<span></span>")
        else:
            target = link(other["page"], at)
            turn.append(
                f'<a rel="{rel}" href="{target}"><small>{word}</small>{escape(other["headline"])}</a>'
            )
    if before is None and after is None:
        return top, ""
    bottom = f'<nav class="site turn" aria-label="Previous and next story">{"".join(turn)}</nav>\n'
    return top, bottom


_OPEN = '<nav class="site'


def with_navs(text: str, top: str, bottom: str) -> str | None:
    """A story page's text with its navigation ``top`` (before the article) and ``bottom``
    (after it), any earlier ones replaced; None for a page not written by the html writer."""
    head, body, rest = text.partition("<body>\n")
    if not body or "</article>\n" not in rest:
        return None
    if rest.startswith(_OPEN):
        rest = rest[rest.index("</nav>\n") + len("</nav>\n") :]
    article, close, tail = rest.rpartition("</article>\n")
    end = tail.find("</body>")
    if end < 0 or (tail[:end] and not tail.startswith(_OPEN)):
        return None
    return head + body + top + article + close + bottom + tail[end:]


def pager(
    pages: Sequence[str], current: int, at: str, before: tuple[str, str] | None, after: tuple[str, str] | None
) -> str:
    """Links to the other pages of a list (the first, the last and three either side of
    ``current``) and to the lists ``before`` and ``after`` it (the months around, as
    ``(page, label)``)."""
    parts = []
    if before is not None:
        parts.append(f'<a rel="prev" href="{link(before[0], at)}">← {escape(before[1])}</a>')
    if len(pages) > 1:
        shown = sorted({0, len(pages) - 1, *range(max(0, current - 3), min(len(pages), current + 4))})
        numbers, last = [], -1
        for n in shown:
            if n > last + 1:
                numbers.append("…")
            page = pages[n]
            numbers.append(
                f"<strong>{n + 1}</strong>" if n == current else f'<a href="{link(page, at)}">{n + 1}</a>'
            )
            last = n
        parts.append(f"<span>Page {' '.join(numbers)}</span>")
    if after is not None:
        parts.append(f'<a rel="next" href="{link(after[0], at)}">{escape(after[1])} →</a>')
    return f'<nav class="pager" aria-label="Pages">{"".join(parts)}</nav>' if parts else ""
