"""Hostile lines through the text layouts' readers: per-KB cost at 10 KB, 100 KB and 1 MB.

Run: ``python benchmarks/bench_hostile_wire.py``. Issue 14 (item 3): ANPA took 39 s
for a 3 KB body line of spaces ending in ``<`` (a backtracking end-mark pattern);
each layout's worst line (found by ``tests/test_linear_layouts.py``: every
character class in every place) is read at three sizes. Linear time means a flat
per-KB cost: the ratio column is the per-KB cost against the same input at 10 KB.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import newsitem
from _harness import bench
from newsitem.errors import NewsItemError

_ANPA = "\x16\x16\x01a1234\x1fasian\nr a\x13\x11 BC-US--Ferry-Vote 11-05 0312\r\n\x02^Ferry<\r\n{}\r\n\x04"
CASES: dict[str, tuple[str, Callable[[str], str]]] = {
    "anpa paragraph: spaces then <": ("anpa", lambda t: _ANPA.format(f"\t   Voters{t}<")),
    "anpa byline: spaces": ("anpa", lambda t: _ANPA.format(f"^By {t}=")),
    "iptc7901 optional field: tabs then <": (
        "iptc7901",
        lambda t: f"\x01eca0101 3 i 120  {t}<\r\n\x02Train =\r\n\nBerlin.\r\n\x03051423 GMT Mar 24\r\n\x04",
    ),
    "email subject: mixed": (
        "email",
        lambda t: f"From: a@b.example\r\nSubject: {t.replace(' ', 'a <=@-,1(.')}\r\n\r\nBody.\r\n",
    ),
    "email body By line: words": ("email", lambda t: f"From: a@b.example\r\nSubject: Hi\r\n\r\nBy {t}\r\n"),
    "agency-copy stamp: spaces then <": (
        "agency-copy",
        lambda t: f"Harbor town\n\nUpdated: {t}<\n\nPORTLAND, Ore. (AP) — Voters.\n",
    ),
    "web-story by line: spaces": (
        "web-story",
        lambda t: f"Library\nby {t}\ninternational /\nprose /\npost\nThe library.\n<< back to stories\n|\n",
    ),
}
SIZES = {"10 KB": 10 << 10, "100 KB": 100 << 10, "1 MB": 1 << 20}


def _read(layout: str, data: bytes) -> object:
    try:
        return newsitem.loads(data, format=layout)
    except NewsItemError as error:  # a refusal is an answer too: its time counts the same
        return error


def main() -> None:
    print("| input | " + " | ".join(f"µs/KB at {size}" for size in SIZES) + " | 1 MB against 10 KB |")
    print("|---|" + "---|" * (len(SIZES) + 1))
    for name, (layout, build) in CASES.items():
        inputs = {size: build(" " * n).encode("utf-8") for size, n in SIZES.items()}
        cases = {size: (lambda d=data, f=layout: _read(f, d)) for size, data in inputs.items()}
        samples = bench(cases, rounds=3)
        per_kb = {size: statistics.median(samples[size]) * 1e6 / (SIZES[size] / 1024) for size in SIZES}
        ratio = per_kb["1 MB"] / per_kb["10 KB"]
        print(f"| {name} | " + " | ".join(f"{v:.1f}" for v in per_kb.values()) + f" | ×{ratio:.2f} |")


if __name__ == "__main__":
    main()
