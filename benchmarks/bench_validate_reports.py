"""newsitem validate's reports at 5,000, 20,000 and 40,000 findings (one per file): the cost
per finding of each report, which stays flat when every report is linear in findings.

Run: ``python benchmarks/bench_validate_reports.py``. Before issue 14 the github and junit
reports scanned every finding for each file: 20,000 broken files took 11-14 s and 40,000
took 46-50 s (quadratic); the ratio column is each size's per-finding cost against 5,000's.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from newsitem.cli import reports, rules

SIZES = (5_000, 20_000, 40_000)


def findings_over(count: int) -> tuple[list[rules.Finding], list[str]]:
    files = [f"incoming/{number:06d}.txt" for number in range(count)]
    found = [rules.Finding(rule="NI002", file=f, message="malformed", line=1, column=1) for f in files]
    return found, files


def per_finding(output: str, count: int, rounds: int = 5) -> float:
    findings, files = findings_over(count)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        reports.render(output, findings, files)
        samples.append((time.perf_counter() - start) / count)
    return statistics.median(samples)


def main() -> None:
    print("### validate reports: µs per finding (ratio to 5,000)\n")
    print("| report | " + " | ".join(f"{size:,}" for size in SIZES) + " |")
    print("|---|" + "---|" * len(SIZES))
    for output in reports.OUTPUTS:
        costs = [per_finding(output, size) for size in SIZES]
        cells = [f"{cost * 1e6:.2f} (x{cost / costs[0]:.2f})" for cost in costs]
        print(f"| {output} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
