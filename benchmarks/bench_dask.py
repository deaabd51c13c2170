"""20,000 stories to JSON Lines: the CLI's process pool, dask's local process scheduler and a
distributed LocalCluster, in stories per second.

Run: ``python benchmarks/bench_dask.py [N]`` (needs ``newsitem[dask]``). The input is the
tar of ``bench_cli.py``: N canonical JSON stories of about 600 words. Goal (issue 9):
Dask within 1.3x of the plain pool on one machine.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from distributed import Client, LocalCluster

import newsitem.batch.dask as nd
from bench_cli import build
from newsitem.batch import pool
from newsitem.batch.steps import Options


def main() -> None:
    logging.getLogger("distributed").setLevel(logging.ERROR)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        archive = str(build(folder, count))
        options = Options(to=("jsonl",), layout="json")

        start = time.perf_counter()
        summary = pool.run([archive], options, out=str(folder / "pool.jsonl"), jobs=cores)
        pool_seconds = time.perf_counter() - start
        assert summary.converted == count
        rows.append((f"process pool (-j{cores})", pool_seconds))

        bag = nd.read_stories([archive], layout="json", files_per_partition=256)
        start = time.perf_counter()
        counts = nd.write(
            bag, format="jsonl", path=str(folder / "processes"), scheduler="processes", num_workers=cores
        )
        rows.append((f"dask local process scheduler ({cores} workers)", time.perf_counter() - start))
        assert counts["converted"] == count

        with (
            LocalCluster(
                n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            start = time.perf_counter()
            counts = nd.write(bag, format="jsonl", path=str(folder / "cluster"), scheduler=client)
            rows.append((f"distributed LocalCluster ({cores} workers)", time.perf_counter() - start))
        assert counts["converted"] == count
        print(f"partitions: {bag.npartitions} (an archive's members in slices of 1,024)")

    print(f"### {count:,} stories to JSON Lines, {cores} cores\n")
    print("| engine | seconds | stories/s | time against the pool |")
    print("|---|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {count / seconds:,.0f} | ×{seconds / pool_seconds:.2f} |")
    print("\nGoal: Dask within 1.3x of the pool's time.")


if __name__ == "__main__":
    main()
