"""Canonical JSON dumps/loads per story: a paragraph-only story, and a story with every block kind.

Run: ``python benchmarks/bench_json_blocks.py``. The paragraph-only story is
bench_json.py's (about 600 words in 8 paragraphs, 3 bylines); the script runs
unchanged on a newsitem without body blocks (it then times that story only), so
the same command gives the "before" figure of issue 15 on the pre-change tree.
Goal (issue 15): format version 2 is no slower than version 1 for the
paragraph-only story; the figures for the every-block story are reported.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import newsitem
from _harness import bench, table
from bench_json import WORDS, sample_story
from newsitem import Story
from newsitem.formats import json as njson


def _sentence(start: int, count: int) -> str:
    return " ".join(WORDS[(start + k) % len(WORDS)] for k in range(count)).capitalize() + "."


def block_story() -> Story | None:
    """The paragraph-only story with a heading, quote, list, table, preformatted copy and a
    figure between its paragraphs, a day-only date and an organisation byline (None before
    issue 15)."""
    if not hasattr(newsitem, "Heading"):
        return None
    from newsitem import Byline, Figure, Heading, ListBlock, Preformatted, Quote, Run, Table

    story = sample_story()
    paragraphs = list(story.body)
    blocks = [
        *paragraphs[:2],
        Heading(runs=["What the ", Run(text="council", strong=True), " decided"]),
        *paragraphs[2:4],
        Quote(body=[_sentence(3, 25), _sentence(9, 18)], attribution="Mayor Lee Chan"),
        ListBlock(items=[_sentence(k, 8) for k in range(5)], ordered=True),
        Heading(runs=["The cost"], level=3),
        Table(
            rows=[("Item", "Cost", "Done")]
            + [(f"Section {k}", f"{k * 125_000:,}", "spring") for k in range(1, 9)],
            header_rows=1,
        ),
        Preformatted(text="BRIDGE   CLOSED  MON\nFERRY    EVERY   20 MIN\nDETOUR   ROUTE   9"),
        Figure(
            uri="https://courier.example/img/bridge.jpg",
            caption="The old bridge at dawn",
            credit="Courier/Jane Doe",
            alt="A steel bridge over a river",
        ),
        *paragraphs[4:],
    ]
    return Story(
        headline=story.headline,
        summary=story.summary,
        bylines=[*story.bylines, Byline(name="Courier Staff", kind="organisation")],
        source=story.source,
        published=date(2024, 5, 1),
        updated=story.updated,
        dateline=story.dateline,
        keywords=story.keywords,
        subjects=story.subjects,
        language=story.language,
        rights=story.rights,
        guid=story.guid,
        body=blocks,
    )


def _cases(label: str, story: Story) -> dict[str, Callable[[], object]]:
    text = njson.dumps(story)
    data = text.encode()
    assert njson.loads(data) == story
    return {
        f"{label}: dumps, orjson": lambda: njson.dumps(story, backend="orjson"),
        f"{label}: dumps, stdlib json": lambda: njson.dumps(story, backend="json"),
        f"{label}: loads, orjson": lambda: njson._loads(data, "orjson"),
        f"{label}: loads, stdlib json": lambda: njson._loads(text, "json"),
    }


def least_cpu(cases: dict[str, Callable[[], object]], samples: int = 200, calls: int = 20) -> str:
    """A Markdown table of the least CPU time per call of each case (robust on a shared machine)."""
    lines = ["### least CPU time per call", "", "| case | µs |", "|---|---|"]
    for name, fn in cases.items():
        best = float("inf")
        for _ in range(samples):
            start = time.process_time()
            for _ in range(calls):
                fn()
            best = min(best, (time.process_time() - start) / calls)
        lines.append(f"| {name} | {best * 1e6:.1f} |")
    return "\n".join(lines)


def main() -> None:
    paragraphs = sample_story()
    blocks = block_story()
    version = json.loads(njson.dumps(paragraphs))["newsitem"]
    print(f"Python {platform.python_version()} on {platform.machine()}; canonical JSON version {version}")
    cases = _cases("paragraphs", paragraphs)
    sizes = [f"paragraph-only story: {len(njson.dumps(paragraphs).encode()):,} bytes"]
    if blocks is not None:
        cases.update(_cases("every block", blocks))
        sizes.append(f"every-block story: {len(njson.dumps(blocks).encode()):,} bytes")
    print("; ".join(sizes) + "\n")
    samples = bench(cases)
    print(table(samples, "paragraphs: dumps, orjson", "canonical JSON per story (ratios to paragraph dumps)"))
    print()
    print(least_cpu(cases))


if __name__ == "__main__":
    main()
