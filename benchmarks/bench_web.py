"""Reading real news pages: newsitem's html reader against lxml.html parsing alone (the floor)
and against trafilatura's ``extract`` on the same pages.

Run: ``python benchmarks/bench_web.py`` (``--rounds N``, default 5). The pages are the dev
pages of ../shared/corpus/html (skipped with a message when absent). For each page, the
harness (``_harness.bench``: calibrated samples, interleaved rounds) times

- floor: ``lxml.html.fromstring(page bytes)``, parsing alone;
- newsitem: ``newsitem.loads(page, format="html")``, the whole story (metadata from every
  source, the body found: by our own rules on pages marking ``itemprop=articleBody``, else by
  trafilatura, so on those pages newsitem's time includes trafilatura's);
- trafilatura: ``trafilatura.extract(page)`` with its defaults (the body as plain text).

It prints one row per page (median µs of each, the ratios), then the median over the pages
of each time and of each per-page ratio. A page newsitem refuses is left out and named.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import lxml.html

import newsitem
from _harness import bench
from newsitem.errors import NewsItemError

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html"


def _row(name: str, floor: float, ours: float, theirs: float) -> str:
    return (
        f"| {name} | {floor * 1e6:,.0f} | {ours * 1e6:,.0f} | {theirs * 1e6:,.0f} "
        f"| ×{ours / floor:.1f} | ×{theirs / floor:.1f} | ×{ours / theirs:.2f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Time every dev page and print the table (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per page")
    args = parser.parse_args(argv)
    if not PAGES.is_dir():
        print(f"skipped: no dev pages ({PAGES} is absent; it holds ../shared/corpus/html)")
        return 0
    try:
        import trafilatura
    except ImportError:
        print("skipped: trafilatura is not installed (pip install 'newsitem[web]')")
        return 0
    medians: dict[str, list[float]] = {"floor": [], "newsitem": [], "trafilatura": []}
    lines = [
        "### Reading a real page (µs per page, median of the rounds)",
        "",
        "| page | floor: lxml.html | newsitem loads | trafilatura extract | newsitem / floor"
        " | trafilatura / floor | newsitem / trafilatura |",
        "|---|---|---|---|---|---|---|",
    ]
    refused = []
    for path in sorted(PAGES.glob("*.html")):
        data = path.read_bytes()
        try:
            newsitem.loads(data, format="html")
        except NewsItemError as exc:
            refused.append(f"{path.name}: {type(exc).__name__}")
            continue
        samples = bench(
            {
                "floor": lambda data=data: lxml.html.fromstring(data),
                "newsitem": lambda data=data: newsitem.loads(data, format="html"),
                "trafilatura": lambda data=data: trafilatura.extract(data),
            },
            rounds=args.rounds,
        )
        times = {name: statistics.median(values) for name, values in samples.items()}
        for name, value in times.items():
            medians[name].append(value)
        lines.append(_row(path.stem, times["floor"], times["newsitem"], times["trafilatura"]))
    if not medians["floor"]:
        print("no page was read:", "; ".join(refused))
        return 1
    floor, ours, theirs = (medians[name] for name in ("floor", "newsitem", "trafilatura"))
    lines.append(
        f"| **median of {len(floor)} pages** | {statistics.median(floor) * 1e6:,.0f} "
        f"| {statistics.median(ours) * 1e6:,.0f} | {statistics.median(theirs) * 1e6:,.0f} "
        f"| ×{statistics.median(o / f for o, f in zip(ours, floor, strict=True)):.1f} "
        f"| ×{statistics.median(t / f for t, f in zip(theirs, floor, strict=True)):.1f} "
        f"| ×{statistics.median(o / t for o, t in zip(ours, theirs, strict=True)):.2f} |"
    )
    print("\n".join(lines))
    if refused:
        print("\nrefused (left out):", "; ".join(refused))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
