"""NewsML-G2 dumps and loads per story: a paragraph-only story, and one with every kind of block.

Run: ``python benchmarks/bench_newsmlg2_blocks.py`` (``--json`` prints the figures as
JSON). The script needs nothing but newsitem and this folder's harness, so the same
file runs against an older checkout to compare (``/path/to/old/.venv/bin/python
benchmarks/bench_newsmlg2_blocks.py``): the story with every kind of block is
measured only where the model has them. The paragraph-only story is the 600-word
one of bench_json.py, copied here so that both checkouts time the same story.
On a shared machine, compare the least CPU time per call (``time.process_time``):
other processes inflate wall-clock figures far more. Goal (issue 15): dumps and loads
of the paragraph-only story no slower than before body blocks; the figures for the
story with every kind of block are reported.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import newsitem
from _harness import bench
from newsitem import Byline, Paragraph, Rights, Run, Source, Story, Subject

PROSE = (
    "the council said on Tuesday that repairs to the old bridge & its approaches would cost more "
    'than "expected" <and> take until spring while ferries carry commuters across the river'
)
WORDS = PROSE.split()


def _paragraphs() -> list[Paragraph]:
    paragraphs = []
    for index in range(8):
        words = [WORDS[(index * 7 + k) % len(WORDS)] for k in range(74)]
        if index == 3:
            runs: list[Run | str] = [
                " ".join(words[:30]) + " ",
                Run(text="emphasis", emphasis=True),
                " " + " ".join(words[30:]),
            ]
            paragraphs.append(Paragraph(runs=runs))
        else:
            paragraphs.append(Paragraph.plain(" ".join(words).capitalize() + "."))
    return paragraphs


def paragraph_story(body: list[Any] | None = None) -> Story:
    """The 600-word story of bench_json.py (8 paragraphs, 3 bylines), or with ``body``."""
    return Story(
        headline="Council votes to close the old bridge for repairs",
        summary="Repairs will take until spring.",
        bylines=[
            Byline(name="Ana Ruiz", title="Reporter"),
            Byline(name="Tom O'Neil"),
            Byline(name="Lee Chan", affiliation="Courier"),
        ],
        source=Source(name="The Riverside Courier", code="RC"),
        published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        updated=datetime(2024, 5, 1, 11, 0, tzinfo=timezone(timedelta(hours=2))),
        dateline="RIVERSIDE",
        section="Local",
        keywords=["bridge", "council", "transport", "repairs", "ferry"],
        subjects=[Subject(code="medtop:20000002", name="politics"), Subject(code="medtop:11000000")],
        language="en",
        rights=Rights(notice="© 2024 The Riverside Courier", holder="The Riverside Courier"),
        guid="urn:newsml:courier.example:20240501:bridge",
        body=_paragraphs() if body is None else body,
    )


def block_story() -> Story | None:
    """The same story with a block of every kind between its paragraphs (None before blocks)."""
    try:
        from newsitem import Figure, Heading, ListBlock, Preformatted, Quote, Table
    except ImportError:
        return None
    paragraphs = _paragraphs()
    blocks: list[Any] = [
        Heading(runs=["What the council decided"]),
        Quote(body=["Repairs cannot wait another winter.", "The ferry will run."], attribution="Ana Ruiz"),
        ListBlock(items=["Closed from Monday", "Ferry every 20 minutes", "Reopens in spring"]),
        Table(rows=[["Vote", "For", "Against"], ["Closure", "5", "4"], ["Budget", "7", "2"]], header_rows=1),
        Preformatted(text="Ferry times\n  06:00  06:20\n  06:40  07:00"),
        Figure(
            uri="https://courier.example/bridge.jpg",
            caption="The old bridge",
            credit="Courier",
            alt="A bridge",
        ),
        Heading(runs=["What happens next"], level=3),
    ]
    body: list[Any] = []
    for paragraph, block in zip(paragraphs, [*blocks, None], strict=False):
        body.append(paragraph)
        if block is not None:
            body.append(block)
    return paragraph_story(body)


def cpu_min(fn: Callable[[], object], samples: int = 60, calls: int = 20) -> float:
    """The least CPU time (``time.process_time``) per call over ``samples`` runs of ``calls``
    calls: on a shared machine, other processes inflate wall time, far less CPU time."""
    best = float("inf")
    for _ in range(samples):
        start = time.process_time()
        for _ in range(calls):
            fn()
        best = min(best, (time.process_time() - start) / calls)
    return best


def measure(story: Story) -> dict[str, float]:
    """µs per dumps and per loads of ``story`` as NewsML-G2: wall-clock median and least
    (the harness's interleaved samples) and least CPU time."""
    data = newsitem.dumps(story, format="newsml-g2")
    assert newsitem.loads(data, format="newsml-g2") == story
    cases: dict[str, Callable[[], object]] = {
        "dumps": lambda: newsitem.dumps(story, format="newsml-g2"),
        "loads": lambda: newsitem.loads(data, format="newsml-g2"),
    }
    samples = bench(cases)
    figures = {name: statistics.median(values) * 1e6 for name, values in samples.items()}
    figures.update({f"{name} min": min(values) * 1e6 for name, values in samples.items()})
    figures.update({f"{name} cpu": cpu_min(fn) * 1e6 for name, fn in cases.items()})
    figures["bytes"] = len(data)
    return figures


def main() -> None:
    results = {"paragraphs only": measure(paragraph_story())}
    blocks = block_story()
    if blocks is not None:
        results["every kind of block"] = measure(blocks)
    if "--json" in sys.argv:
        print(json.dumps(results))
        return
    print(f"newsitem at {Path(newsitem.__file__).parent}\n")
    print("| story | bytes | dumps µs median (min) [least CPU] | loads µs median (min) [least CPU] |")
    print("|---|---|---|---|")
    for name, f in results.items():
        print(
            f"| {name} | {f['bytes']:,.0f} | {f['dumps']:.1f} ({f['dumps min']:.1f}) [{f['dumps cpu']:.1f}] "
            f"| {f['loads']:.1f} ({f['loads min']:.1f}) [{f['loads cpu']:.1f}] |"
        )


if __name__ == "__main__":
    main()
