"""The index page of a batch written as HTML: ``OUT/index.html`` lists every story by
date (newest first) with its headline, byline and source, linking to its page."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from newsitem.batch.sink import write_atomic
from newsitem.model import Role, join_names

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["meta", "write_index"]

_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
    "li{margin:.4rem 0}time{color:#666;font-size:.85em;margin-right:.5em}span{color:#555;font-size:.9em}"
)


def meta(story: Story) -> dict[str, str]:
    """What the index shows of a story: headline, byline, source, published."""
    names = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    row = {"headline": story.display_title}
    if names:
        row["byline"] = "By " + join_names(names)
    if story.source is not None and story.source.name is not None:
        row["source"] = story.source.name
    if story.published is not None:
        row["published"] = story.published.isoformat()
    return row


_MICROSECOND = timedelta(microseconds=1)


def _sort_key(row: dict[str, Any]) -> tuple[int, int]:
    """Undated rows first (last once reversed), then the instant in microseconds, by integer
    arithmetic: converting to UTC overflows ``datetime`` for year
    1 at +14:00 or 9999-12-31 at -12:00. A time without a zone counts as UTC, as printed."""
    published = row.get("published")
    if not published:
        return (0, 0)
    try:
        value = datetime.fromisoformat(published)
    except ValueError:  # not written by meta(): shown, sorted as undated
        return (0, 0)
    offset = value.utcoffset() or timedelta(0)
    seconds = value.toordinal() * 86_400 + value.hour * 3_600 + value.minute * 60 + value.second
    return (1, seconds * 1_000_000 + value.microsecond - offset // _MICROSECOND)


def _href(page: str) -> str:
    """A relative output path as a link: its bytes percent-encoded (a name's undecodable
    bytes, which Python holds as lone surrogates, included)."""
    try:
        raw = os.fsencode(page)
    except UnicodeEncodeError:
        raw = page.encode("utf-8", "surrogatepass")
    return quote(raw)


def _item(row: dict[str, Any], page: str) -> str:
    details = " · ".join(escape(row[k]) for k in ("byline", "source") if row.get(k))
    when = escape(row.get("published", "undated"))
    return (
        f'<li><time datetime="{escape(row.get("published", ""))}">{when}</time> '
        f'<a href="{escape(_href(page))}">{escape(row["headline"])}</a>'
        + (f" <span>{details}</span>" if details else "")
        + "</li>"
    )


def write_index(out: Path, rows: Iterable[dict[str, Any]], suffix: str) -> None:
    """``OUT/index.html``: every row (a story's :func:`meta` and its ``outputs``) by date,
    newest first, linking to its output ending in ``suffix``. Times are shown as printed;
    undated stories come last."""
    items = []
    for row in sorted(rows, key=_sort_key, reverse=True):
        page = next((o for o in row.get("outputs", []) if o.endswith(suffix)), None)
        if page is not None:
            items.append(_item(row, page))
    body = "\n".join(items)
    page_text = (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{len(items):,} stories</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{len(items):,} stories</h1>\n<ol>\n{body}\n</ol>\n</body>\n</html>\n"
    )
    write_atomic(out / "index.html", page_text.encode("utf-8"))
