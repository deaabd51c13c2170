"""newsitem convert on 20,000 stories: serial and parallel rates, overhead against a plain
loop, JSON Lines throughput, and what one file per story costs.

Run: ``python benchmarks/bench_cli.py [N]``. The input is one uncompressed tar of N
(default 20,000) canonical JSON stories of about 600 words (the sample of
``bench_json.py`` with a different headline each). Goals (issue 7): ``-j2`` at
least 1.8x ``-j1``; per-story overhead within 1.3x of calling the library in a
plain loop; at least 5,000 stories per second to JSON Lines on 2 cores.
"""

from __future__ import annotations

import io
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs

import newsitem
from bench_json import sample_story
from newsitem.batch import pool
from newsitem.batch.steps import Options
from newsitem.formats import json as canonical


def build(folder: Path, count: int) -> Path:
    base = sample_story()
    path = folder / "stories.tar"
    with tarfile.open(path, "w") as archive:
        for number in range(count):
            data = canonical.dumps(attrs.evolve(base, headline=f"{base.headline} ({number})")).encode()
            info = tarfile.TarInfo(f"wire/{number:06d}.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def timed(function: object) -> float:
    start = time.perf_counter()
    function()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        archive = build(folder, count)
        options = Options(to=("jsonl",), layout="json")

        def plain_loop() -> None:
            with tarfile.open(archive) as tar, open(folder / "plain.jsonl", "w", encoding="utf-8") as out:
                for member in tar:
                    handle = tar.extractfile(member)
                    assert handle is not None
                    story = newsitem.parse(handle.read(), layout="json")
                    out.write(canonical.dumps(story) + "\n")

        def run(jobs: int, to: tuple[str, ...], target: str) -> None:
            summary = pool.run([str(archive)], attrs.evolve(options, to=to), out=target, jobs=jobs)
            assert summary.failed == 0 and summary.converted == count

        rows = []
        loop = timed(plain_loop)
        rows.append(("plain loop: parse + canonical JSON line (1 core)", loop))
        one = timed(lambda: run(1, ("jsonl",), str(folder / "j1.jsonl")))
        rows.append(("convert --to jsonl -j1", one))
        two = timed(lambda: run(2, ("jsonl",), str(folder / "j2.jsonl")))
        rows.append(("convert --to jsonl -j2", two))
        files = timed(lambda: run(2, ("json",), str(folder / "files")))
        rows.append(("convert --to json -j2 (one file per story)", files))

        def bare_files() -> None:
            target = folder / "bare"
            target.mkdir()
            payload = b"x" * 4096
            for number in range(count):
                with open(target / f"{number:06d}.json", "wb") as handle:
                    handle.write(payload)

        bare = timed(bare_files)
        rows.append(("(reference: create N 4 KiB files, 1 core)", bare))

    print(f"### newsitem convert, {count:,} stories of ~600 words, {cores} cores\n")
    print("| case | seconds | stories/s |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {count / seconds:,.0f} |")
    print()
    print(f"- -j2 against -j1: ×{one / two:.2f} (goal ≥ 1.8)")
    print(f"- -j1 against the plain loop: ×{one / loop:.2f} of its time per story (goal ≤ 1.3)")
    print(f"- JSON Lines on {cores} cores: {count / two:,.0f} stories/s (goal ≥ 5,000)")
    print(
        f"- one file per story: {files / count * 1e3:.3f} ms per story on 2 cores;"
        f" creating a bare 4 KiB file costs {bare / count * 1e3:.3f} ms here"
    )


if __name__ == "__main__":
    main()
