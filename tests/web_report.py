"""Bodies of the dev news pages: our reader against trafilatura run alone, side by side.

Run: ``python -m tests.web_report`` (``--variants`` adds the body-finding rules measured
one by one: our own rules alone, trafilatura alone as mapped onto our blocks, and the
combination ``page_body`` uses; ``--held-out`` limits the table to the pages kept back
while tuning). For each page of ../shared/corpus/html that has an expected body text
(``tests/data/html/<stem>.body.txt``, written by reading the page) it prints whether the
body is non-empty and the word-level precision and recall (``tests.corpus_fields.overlap``)
of

- ``ours``: ``Story.text`` of ``newsitem.loads(page, format="html")`` (the whole reader;
  a refused page counts as an empty body);
- ``trafilatura``: ``trafilatura.extract(page)`` with its defaults (plain text).

then the share of pages with a non-empty body and the median and mean of each measure.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from lxml import etree

import newsitem
from newsitem.errors import NewsItemError
from newsitem.formats import _markup
from newsitem.formats.html import _body, _extract, _read
from newsitem.formats.html._policy import Lenient

from .corpus_fields import overlap

DATA = Path(__file__).parent / "data" / "html"
PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"
HELD_OUT = frozenset(
    {
        "readability-lemonde-1",
        "readability-nytimes-2",
        "trafilatura-zeit.de.zugverkehr",
        "trafilatura-theverge.com.ios13",
        "readability-la-nacion",
    }
)
"""Pages kept back while the body rules were tuned (docs/web-bodies.md): the rules were
measured on them only once, at the end."""

Reader = Callable[[bytes], str]


def ours(page: bytes) -> str:
    """The text of the story newsitem reads from ``page`` ("" when it refuses the page)."""
    try:
        return newsitem.loads(page, format="html").text
    except NewsItemError:
        return ""


def trafilatura_alone(page: bytes) -> str:
    """trafilatura's ``extract`` of ``page`` with its defaults ("" for nothing)."""
    import trafilatura  # measured only: the extra web

    return trafilatura.extract(page) or ""


def _variant(name: str) -> Reader:
    """One body-finding rule of :mod:`newsitem.formats.html._body` on the page's tree."""

    def read(page: bytes) -> str:
        root = _markup.parse_html(_read.text_of(page), format="html")
        if root is None:
            return ""
        etree.strip_elements(root, "script", "style", "template", with_tail=False)
        policy = Lenient()
        if name == "own rules":
            found = _body.own_body(root, None, policy)[0]
        elif name == "trafilatura (blocks)":
            found = _extract.extracted(root, policy) or []
        else:
            found = _body.page_body(root, None, policy)
        return "\n\n".join(block.text for block in found)

    return read


def pages(held_out: bool = False) -> list[tuple[str, Path, str]]:
    """(stem, page, expected text) of each dev page with an expected body text."""
    found = []
    for expected in sorted(DATA.glob("*.body.txt")):
        stem = expected.name.removesuffix(".body.txt")
        page = PAGES / f"{stem}.html"
        if page.exists() and (not held_out or stem in HELD_OUT):
            found.append((stem, page, expected.read_text("utf-8")))
    return found


def measure(
    readers: dict[str, Reader], chosen: list[tuple[str, Path, str]]
) -> dict[str, list[tuple[float, float, bool]]]:
    """Per reader, (precision, recall, non-empty) of each page."""
    scores: dict[str, list[tuple[float, float, bool]]] = {name: [] for name in readers}
    for _, page, expected in chosen:
        data = page.read_bytes()
        for name, reader in readers.items():
            got = reader(data)
            precision, recall = overlap(got, expected)
            scores[name].append((precision, recall, bool(got.strip())))
    return scores


def report(readers: dict[str, Reader], chosen: list[tuple[str, Path, str]]) -> str:
    """The table: one row per page, then the share of non-empty bodies, medians and means."""
    scores = measure(readers, chosen)
    names = list(readers)
    head = "| page | " + " | ".join(f"{name} P / R" for name in names) + " |"
    lines = [head, "|---|" + "---|" * len(names)]
    for index, (stem, _, _) in enumerate(chosen):
        cells = []
        for name in names:
            precision, recall, filled = scores[name][index]
            cells.append(f"{precision:.2f} / {recall:.2f}" if filled else "empty")
        lines.append(f"| {stem} | " + " | ".join(cells) + " |")
    if not chosen:
        return "\n".join(lines)
    filled = " | ".join(f"{sum(s[2] for s in scores[n]) / len(chosen):.0%}" for n in names)
    lines.append(f"| non-empty body | {filled} |")
    for label, average in (("median", statistics.median), ("mean", statistics.fmean)):
        cells = [
            f"{average([s[0] for s in scores[n]]):.2f} / {average([s[1] for s in scores[n]]):.2f}"
            for n in names
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tests.web_report", description=__doc__.splitlines()[0])
    parser.add_argument("--variants", action="store_true", help="also each body-finding rule alone")
    parser.add_argument("--held-out", action="store_true", help="only the pages kept back while tuning")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        print(f"no dev pages: {PAGES} is absent", file=sys.stderr)
        return 1
    readers: dict[str, Reader] = {"ours": ours, "trafilatura": trafilatura_alone}
    if args.variants:
        for name in ("own rules", "trafilatura (blocks)", "page_body"):
            readers[name] = _variant(name)
    chosen = pages(held_out=args.held_out)
    print(f"{len(chosen)} dev pages with an expected body (tests/data/html/*.body.txt)\n")
    print(report(readers, chosen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
