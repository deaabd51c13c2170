"""A small timing harness: calibrated samples, interleaved rounds, medians and per-round ratios."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def _per_call(fn: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def calibrate(fn: Callable[[], object], target: float = 0.025) -> int:
    """Calls per sample so that one sample lasts about ``target`` seconds."""
    n = 1
    while True:
        elapsed = _per_call(fn, n) * n
        if elapsed >= target / 4:
            return max(1, int(n * target / elapsed))
        n *= 4


def bench(cases: dict[str, Callable[[], object]], rounds: int = 15) -> dict[str, list[float]]:
    """Per-call seconds of each case, one sample per case per round, interleaved."""
    sizes = {name: calibrate(fn) for name, fn in cases.items()}
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, fn in cases.items():
            samples[name].append(_per_call(fn, sizes[name]))
    return samples


def table(samples: dict[str, list[float]], floor: str, title: str) -> str:
    """A Markdown table: median µs (min-max), items/s, and the median per-round ratio to ``floor``."""
    lines = [
        f"### {title}",
        "",
        "| case | µs median (min-max) | items/s | ratio to floor (min-max) |",
        "|---|---|---|---|",
    ]
    base = samples[floor]
    for name, values in samples.items():
        med = statistics.median(values)
        ratios = [v / b for v, b in zip(values, base, strict=True)]
        ratio = (
            "floor"
            if name == floor
            else (f"×{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
        )
        lines.append(
            f"| {name} | {med * 1e6:.1f} ({min(values) * 1e6:.1f}-{max(values) * 1e6:.1f}) "
            f"| {1 / med:,.0f} | {ratio} |"
        )
    return "\n".join(lines)
