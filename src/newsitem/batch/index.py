"""The archive site of a batch written as HTML: ``OUT/index.html`` (the latest stories, and
every month, source and section with its count) and the pages of ``OUT/index/``: a page per
month (``index/2024-03.html``; ``index/2024-03.2.html`` and on past :data:`PAGE_SIZE` stories;
``index/undated.html``), per source (``index/source-<name>.html``) and per section
(``index/section-<name>.html``). Each entry shows the story's date in words, section,
headline, byline, source and summary. Every story page gets a ``<nav>``: back to the index
and to its month's page, previous and next story (:mod:`newsitem.batch.site`).

The site is written at the end of a run from the index rows (:func:`meta`, kept in the
manifest), so a resumed run writes the same site as one that was never interrupted; a story
page is rewritten (atomically) only when its navigation changes. Time and memory are linear in
the number of stories.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from html import escape
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsitem.batch import site
from newsitem.batch._site_names import FOLDER, FRONT, SITE
from newsitem.batch.sink import write_atomic
from newsitem.formats.html.theme import MONTHS, section_words, when_words
from newsitem.model import Paragraph, Role, join_names

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["FOLDER", "FRONT", "PAGE_SIZE", "SITE", "meta", "write_index"]

# FOLDER (``OUT/index/``), FRONT (``OUT/index.html``) and SITE (both) live in _site_names, the
# one home the output names of steps.py and validate's walk take them from too.
PAGE_SIZE = 100
"""Stories per index page: a month (a source, a section) with more gets more pages."""
_LATEST = 20
_GIST = 240
_UNDATED = "undated"
_THREADS = 4


def meta(story: Story) -> dict[str, str]:
    """What the site shows of a story: headline, byline, source, published (ISO 8601) and
    ``when`` (in words), section (in words: a wire code is none), summary (the story's, else
    its first paragraph; at most 240 characters), language."""
    names = [b.name for b in story.bylines if b.role is Role.AUTHOR]
    row = {"headline": story.display_title}
    if names:
        row["byline"] = "By " + join_names(names)
    if story.source is not None and story.source.name is not None:
        row["source"] = story.source.name
    if story.published is not None:
        row["published"] = story.published.isoformat()
        row["when"] = when_words(story.published)
    section = section_words(story)
    if section:
        row["section"] = section
    gist = _gist(story)
    if gist:
        row["summary"] = gist
    if story.language is not None:
        row["language"] = story.language
    return row


def _gist(story: Story) -> str | None:
    """The summary, else the first paragraph, white space collapsed, cut at a word to fit."""
    text = story.summary
    if text is None:
        text = next((block.text for block in story.body if isinstance(block, Paragraph)), None)
    if not text:
        return None
    words = " ".join(text[: _GIST * 4].split())
    if len(words) <= _GIST:
        return words
    return words[: _GIST - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_MICROSECOND = timedelta(microseconds=1)


def _sort_key(row: dict[str, Any]) -> tuple[int, int]:
    """Undated rows (0, 0), else (1, the instant in microseconds), by integer arithmetic:
    converting to UTC overflows ``datetime`` for year 1 at +14:00 or 9999-12-31 at -12:00.
    A time without a zone counts as UTC, as printed."""
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


def _when(published: str) -> str:
    """A row's time in words, for a row written before ``meta`` kept them."""
    value: date = date.fromisoformat(published) if len(published) == 10 else datetime.fromisoformat(published)
    return when_words(value)


def _ordered(rows: Iterable[dict[str, Any]], suffix: str) -> list[site.Entry]:
    """The stories with a page ending in ``suffix``, by month as printed, then by instant, then
    by page name (the same whichever run wrote which story); undated last. Each is its row
    with ``page``, ``month`` and ``when``. A page named by more than one row is listed once,
    from the last row naming it (the story its file holds): one page, one entry, one writer."""
    last: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, row in enumerate(rows):
        page = next((o for o in row.get("outputs", []) if o.endswith(suffix)), None)
        if page is not None:
            last[page] = (number, row)
    keyed = []
    for page, (number, row) in last.items():
        dated, instant = _sort_key(row)
        entry = {**row, "page": page, "month": row["published"][:7] if dated else _UNDATED}
        if dated:
            entry["when"] = row.get("when") or _when(row["published"])
        else:
            entry.pop("published", None)
        keyed.append((1 - dated, entry["month"], instant, page, number, entry))
    keyed.sort(key=lambda item: item[:5])
    return [item[5] for item in keyed]


def _label(month: str) -> str:
    return "Undated" if month == _UNDATED else f"{MONTHS[int(month[5:7]) - 1]} {int(month[:4])}"


def _pages(base: str, count: int) -> list[str]:
    """The names of a list's pages: ``index/base.html``, ``index/base.2.html``..."""
    return [
        f"{FOLDER}/{base}{'' if n == 0 else f'.{n + 1}'}.html" for n in range((count - 1) // PAGE_SIZE + 1)
    ]


_SLUG = 40
_UNSAFE = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    """The name a source or section is grouped by: NFKC, case-folded (``dpa`` is ``DPA``)."""
    return unicodedata.normalize("NFKC", name).casefold()


def _slug(key: str) -> str:
    """A file-name part for a grouping key that keeps its words, in any script: letters and
    digits, each run of anything else one ``-``, at most 40 characters. When that loses
    something (punctuation, a cut, ``_``) a short hash of the key follows, so the part depends
    on the key alone: adding a name never renames another's page."""
    words = _UNSAFE.sub("-", key).strip("-")
    slug = words[:_SLUG].strip("-")
    if slug and slug == key.replace(" ", "-"):
        return slug
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug or 'x'}-{digest}"


def _slugs(names: Iterable[str]) -> dict[str, str]:
    """A file-name part for each grouping key (:func:`_slug`), unique: the rare keys that share
    one (``a b`` and ``a-b``) get ``-2``... in sorted order, a counter per part (linear)."""
    counts: dict[str, int] = {}
    taken: set[str] = set()
    out = {}
    for name in sorted(names):
        slug = _slug(name)
        candidate, n = slug, counts.get(slug, 1)
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        counts[slug] = n
        taken.add(candidate)
        out[name] = candidate
    return out


def _write_list(
    out: Path,
    pages: Sequence[str],
    stories: Sequence[site.Entry],
    *,
    title: str,
    crumbs: str,
    around: tuple[tuple[str, str] | None, tuple[str, str] | None] = (None, None),
) -> None:
    """One list of stories over its pages, each page with its pager."""
    for number, name in enumerate(pages):
        chunk = stories[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        pager = site.pager(pages, number, name, *around)
        count = f"{len(stories):,} {'story' if len(stories) == 1 else 'stories'}"
        heading = f'<header><p class="kicker">Archive</p><h1>{escape(title)}</h1><p class="dateline">{count}'
        heading += f" · page {number + 1} of {len(pages)}</p></header>" if len(pages) > 1 else "</p></header>"
        body = "\n".join([heading, site.entries(chunk, name), pager])
        text = site.document(f"{title} · Archive", body, crumbs=crumbs.format(root=site.link(FRONT, name)))
        write_atomic(out / name, text.encode("utf-8"), sync=False)


def _months(out: Path, order: list[site.Entry]) -> list[tuple[str, list[str], int]]:
    """A page per month (more past :data:`PAGE_SIZE`); each story's ``home`` and ``anchor``."""
    months = []
    for position, entry in enumerate(order):
        entry["anchor"] = f"s{position + 1}"
    for month, group in groupby(order, key=lambda entry: entry["month"]):
        stories = list(group)
        pages = _pages(month, len(stories))
        for number, entry in enumerate(stories):
            entry["home"] = pages[number // PAGE_SIZE]
        months.append((month, pages, stories))
    for n, (month, pages, stories) in enumerate(months):
        before = None if n == 0 else (months[n - 1][1][0], _label(months[n - 1][0]))
        after = None if n + 1 == len(months) else (months[n + 1][1][0], _label(months[n + 1][0]))
        year = "" if month == _UNDATED else f' &rsaquo; <a href="{{root}}#y{month[:4]}">{int(month[:4])}</a>'
        crumbs = '<a href="{root}">All stories</a>' + year
        _write_list(out, pages, stories, title=_label(month), crumbs=crumbs, around=(before, after))
    return [(month, pages, len(stories)) for month, pages, stories in months]


def _topics(out: Path, order: list[site.Entry], field: str) -> list[tuple[str, list[str], int]]:
    """A list per source (``field``) or section, newest first: (name, its pages, count)."""
    newest = [e for e in reversed(order) if e["month"] != _UNDATED] + [
        e for e in order if e["month"] == _UNDATED
    ]
    groups: dict[str, list[site.Entry]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for entry in newest:
        if entry.get(field):
            key = _key(entry[field])
            groups.setdefault(key, []).append(entry)
            seen = spellings.setdefault(key, {})
            seen[entry[field]] = seen.get(entry[field], 0) + 1
    slugs = _slugs(groups)
    shown = {key: min(seen, key=lambda name: (-seen[name], name)) for key, seen in spellings.items()}
    listed = []
    for key, stories in sorted(groups.items(), key=lambda item: (-len(item[1]), shown[item[0]])):
        name = shown[key]
        pages = _pages(f"{field}-{slugs[key]}", len(stories))
        crumbs = (
            f'<a href="{{root}}">All stories</a> &rsaquo; <a href="{{root}}#{field}">{field.title()}s</a>'
        )
        _write_list(out, pages, stories, title=name, crumbs=crumbs)
        listed.append((name, pages, len(stories)))
    return listed


def _tally(items: Iterable[tuple[str, list[str], int]]) -> str:
    """Links to lists (the first of their pages) with their counts."""
    links = [
        f'<li><a href="{site.link(pages[0], FRONT)}">{escape(label)}</a>'
        f' <span class="count">{count:,}</span></li>'
        for label, pages, count in items
    ]
    return f'<ul class="tally">{"".join(links)}</ul>'


def _front(
    order: list[site.Entry],
    months: list[tuple[str, list[str], int]],
    topics: dict[str, list[tuple[str, list[str], int]]],
) -> str:
    """``index.html``: the latest stories, then every month by year, every source and section."""
    dated = [month for month in months if month[0] != _UNDATED]
    span = f"From {_label(dated[0][0])} to {_label(dated[-1][0])}" if dated else "Undated"
    count = f"{len(order):,} {'story' if len(order) == 1 else 'stories'}"
    parts = [f'<header><p class="kicker">Archive</p><h1>{count}</h1><p class="dateline">{span}</p></header>']
    latest = [entry for entry in reversed(order) if entry["month"] != _UNDATED][:_LATEST]
    if latest:
        parts += ["<h2>Latest</h2>", site.entries(latest, FRONT, level=3)]
    parts.append("<h2>By month</h2>")
    for year, group in groupby(reversed(dated), key=lambda month: month[0][:4]):
        parts.append(f'<h3 id="y{year}">{int(year)}</h3>')
        parts.append(_tally((MONTHS[int(m[5:7]) - 1], pages, n) for m, pages, n in reversed(list(group))))
    if len(dated) < len(months):
        parts.append(_tally([("Undated", months[-1][1], months[-1][2])]))
    for field, title in (("source", "By source"), ("section", "By section")):
        if topics[field]:
            parts += [f'<h2 id="{field}">{title}</h2>', _tally(topics[field])]
    return site.document(f"{count} · Archive", "\n".join(parts))


def _navigate(out: Path, order: list[site.Entry]) -> int:
    """Put each story page's navigation in (previous and next in ``order``); return how many
    pages changed. A page that is missing or was not written by the html writer is left alone.
    The pages are read and written by :data:`_THREADS` threads: the time goes to the file
    system (an atomic replace costs a millisecond or two), not to Python."""

    def one(position: int) -> int:
        entry = order[position]
        before = order[position - 1] if position else None
        after = order[position + 1] if position + 1 < len(order) else None
        top, bottom = site.story_navs(entry, before, after, _label(entry["month"]))
        path = out / entry["page"]
        try:
            text = path.read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            return 0
        new = site.with_navs(text, top, bottom)
        if new is None or new == text:
            return 0
        write_atomic(path, new.encode("utf-8", "surrogateescape"), sync=False)
        return 1

    with ThreadPoolExecutor(max_workers=_THREADS) as threads:
        return sum(threads.map(one, range(len(order))))


_OURS = re.compile(r"(?:\d{4}-\d\d|undated|(?:source|section)-[^/]+)(?:\.\d+)?\.html")


def _sweep(out: Path, written: set[str], outputs: set[str]) -> None:
    """Remove index pages an earlier run wrote that this site has no more (a resumed run's
    site is the same as an uninterrupted one's); never a story's output."""
    folder = out / FOLDER
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        name = f"{FOLDER}/{path.name}"
        if _OURS.fullmatch(path.name) and name not in written and name not in outputs and path.is_file():
            path.unlink()


def write_index(out: Path, rows: Iterable[dict[str, Any]], suffix: str) -> None:
    """The archive site: ``OUT/index.html`` and the pages of ``OUT/index/`` from every row (a
    story's :func:`meta` and its ``outputs``) with an output ending in ``suffix``, and the
    navigation of each story page. Times are shown as printed and grouped by the month they
    were printed in; within a month by instant; undated stories come last."""
    order = _ordered(rows, suffix)
    months = _months(out, order)
    topics = {field: _topics(out, order, field) for field in ("source", "section")}
    written = {page for _, pages, _ in [*months, *topics["source"], *topics["section"]] for page in pages}
    write_atomic(out / FRONT, _front(order, months, topics).encode("utf-8"), sync=False)
    _sweep(out, written, {entry["page"] for entry in order})
    _navigate(out, order)
    os.sync()  # the pages were written without a sync each: one for all
