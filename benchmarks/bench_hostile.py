"""Hostile markup: the per-KB cost of each markup reader on each attack at 10 KB, 100 KB and 1 MB.

Run: ``python benchmarks/bench_hostile.py [reader ...] [--pattern NAME ...] [--rounds N]``.
The patterns and readers are those of ``tests/test_hostile_markup.py`` (issue 14, item 3:
HTML bodies in every markup reader, well-formed ones in a NewsML-G2 ``inlineXML``;
``<a `` repeated, runs of ``<!``, ``</``, ``<?``, marked sections, unmatched end tags
against a deep open stack, deep nesting, entity junk, a 1 MB attribute or text node,
thousands of paragraphs, links or JSON-LD blocks, deeply nested JSON-LD). Each cell
is the best of ``--rounds`` reads (CPU time of this process, so other work on the
machine barely moves it), divided by the input's size in KB.

Reading is linear when the per-KB cost stays flat: the last column, 1 MB per-KB over
10 KB per-KB, is about 1 or below (a fixed cost per read makes small inputs dearer
per KB). A quadratic reader shows about 100 there. The floor row of each reader
is an ordinary article of the same sizes (paragraphs of words); ``x floor`` is a
pattern's 1 MB per-KB cost over the floor's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.test_hostile_markup import ALL, read

SIZES = (10_000, 100_000, 1_000_000)
FLOOR = "(floor: ordinary article)"


def _ordinary(n: int) -> str:
    paragraph = "<p>" + "The council voted to close the bridge on Monday. " * 8 + "</p>\n"
    return paragraph * max(1, n // len(paragraph))


def per_kb(
    form: str, wrap: Callable[[str], bytes], make: Callable[[int], str], size: int, rounds: int
) -> float:
    """The best CPU µs per KB of input over ``rounds`` reads of the pattern at ``size``."""
    data = wrap(make(size))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        read(form, data)
        best = min(best, time.process_time() - start)
    return best * 1e6 / (len(data) / 1000)


def main() -> None:
    readers = {name: (reader, patterns) for group, patterns in ALL for name, reader in group.items()}
    names = sorted({name for _, patterns in ALL for name in patterns})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readers", nargs="*", choices=[[], *readers], default=[], metavar="reader")
    parser.add_argument("--pattern", action="append", choices=names, default=[])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("### Hostile markup: CPU µs per KB read (best of", args.rounds, "reads)\n")
    print("| reader | pattern | 10 KB | 100 KB | 1 MB | 1 MB / 10 KB | x floor |")
    print("|---|---|---|---|---|---|---|")
    worst = 0.0
    for reader in args.readers or readers:
        (form, wrap), own = readers[reader]
        patterns = {FLOOR: _ordinary} | {name: own[name] for name in args.pattern or own if name in own}
        floor = 0.0
        for name, make in patterns.items():
            costs = [per_kb(form, wrap, make, size, args.rounds) for size in SIZES]
            ratio = costs[-1] / costs[0]
            floor = floor or costs[-1]
            worst = max(worst, ratio)
            cells = " | ".join(f"{cost:,.1f}" for cost in costs)
            print(f"| {reader} | {name} | {cells} | ×{ratio:.2f} | ×{costs[-1] / floor:.2f} |", flush=True)
    print(f"\nWorst 1 MB / 10 KB per-KB ratio: ×{worst:.2f} (linear: about 1 or below; quadratic: about 100)")


if __name__ == "__main__":
    main()
