"""newsitem convert -j2 against -j1 (issue 19): a 20,000-story tar, the same as a tar.gz, a
folder of 4,000 files; and the per-story overhead of the batch engine against a plain loop
of ``parse`` and ``dumps``.

Run: ``python benchmarks/bench_parallel.py [N] [ROUNDS]`` (N stories in the archives,
default 20,000; the folder has N/5; each case ROUNDS times, default 3, -j1 and -j2
interleaved so each ratio compares runs moments apart). The stories are the ~600-word
canonical JSON sample of ``bench_json.py``, a different headline each, converted to
JSON Lines: CPU-bound work (one file per story is bound by the kernel here, see
/work/shared/docs/performance.md §3; one such case is printed for reference).

Printed: wall seconds and CPU seconds (the parent's and the workers', from
``getrusage``), median (min-max) over the rounds; the ratios are medians of the per-round
ratios. Goals: -j2 at least 1.8 times as fast as -j1 on 2 cores (benchmarked, not asserted); the
engine at -j1 within 1.3 times the plain loop's time. The load average before and after is
printed: other processes on the machine take cores from -j2 first, so the CPU-time
ratio (-j1 CPU / -j2 CPU per core used) says what -j2 would give on a quiet machine.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs

import newsitem
from bench_json import sample_story
from newsitem.batch import pool
from newsitem.batch.steps import Options
from newsitem.formats import json as canonical


def stories(count: int) -> list[bytes]:
    base = sample_story()
    return [
        canonical.dumps(attrs.evolve(base, headline=f"{base.headline} ({number})")).encode()
        for number in range(count)
    ]


def build_tar(path: Path, texts: list[bytes], mode: str) -> Path:
    with tarfile.open(path, mode) as archive:  # type: ignore[call-overload]
        for number, data in enumerate(texts):
            info = tarfile.TarInfo(f"wire/{number:06d}.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def build_folder(path: Path, texts: list[bytes]) -> Path:
    for number, data in enumerate(texts):
        (path / f"{number // 1000:02d}").mkdir(parents=True, exist_ok=True)
        (path / f"{number // 1000:02d}" / f"{number:06d}.json").write_bytes(data)
    return path


class Sample:
    """Wall and CPU seconds of one run (CPU: this process and its reaped children)."""

    def __init__(self, function: Callable[[], object]) -> None:
        before, children = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        start = time.perf_counter()
        function()
        self.wall = time.perf_counter() - start
        after, done = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        self.parent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        self.workers = done.ru_utime + done.ru_stime - children.ru_utime - children.ru_stime
        self.cpu = self.parent + self.workers


def spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def ratio(top: list[float], bottom: list[float]) -> str:
    each = [a / b for a, b in zip(top, bottom, strict=True)]
    return f"×{statistics.median(each):.2f} ({min(each):.2f}-{max(each):.2f})"


def plain_loop(archive: Path, target: Path) -> None:
    """The floor: read each member, ``parse`` it, ``dumps`` it as one JSON line."""
    with tarfile.open(archive) as tar, open(target, "w", encoding="utf-8") as out:
        for member in tar:
            handle = tar.extractfile(member)
            assert handle is not None
            story = newsitem.parse(handle.read(), layout="json")
            text = newsitem.dumps(story, format="json")
            assert isinstance(text, str)
            out.write(text + "\n")


def convert(source: Path, target: Path, jobs: int, to: tuple[str, ...], count: int) -> Callable[[], None]:
    def run() -> None:
        shutil.rmtree(target, ignore_errors=True)
        for made in (target, *target.parent.glob(f"{target.stem}.*jsonl*")):  # its manifest and errors too
            made.unlink(missing_ok=True)  # (a run refuses an output holding an earlier run's manifest)
        summary = pool.run([str(source)], Options(to=to, layout="json"), out=str(target), jobs=jobs)
        assert summary.failed == 0 and summary.converted == count, summary

    return run


def compare(
    name: str, one: Callable[[], None], two: Callable[[], None], count: int, rounds: int
) -> list[str]:
    """-j1 and -j2 interleaved ``rounds`` times: table rows and the ratios line."""
    j1: list[Sample] = []
    j2: list[Sample] = []
    for _ in range(rounds):
        j1.append(Sample(one))
        j2.append(Sample(two))
    rows = []
    for label, samples in (("-j1", j1), ("-j2", j2)):
        walls = [s.wall for s in samples]
        rows.append(
            f"| {name} {label} | {spread(walls)} | {count / statistics.median(walls):,.0f} "
            f"| {spread([s.parent for s in samples])} | {spread([s.workers for s in samples])} |"
        )
    wall = ratio([s.wall for s in j1], [s.wall for s in j2])
    # What -j2 gives when it has its two cores: -j1's CPU against -j2's CPU spread over 2 cores.
    cpu = ratio([s.cpu for s in j1], [s.cpu / 2 for s in j2])
    parent = statistics.median(s.parent / count * 1e6 for s in j2)
    rows.append(
        f"| **{name}: -j2 against -j1** | wall {wall} | CPU-bound ideal {cpu} "
        f"| parent {parent:.0f} µs/story | |"
    )
    return rows


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        texts = stories(count)
        tar = build_tar(folder / "stories.tar", texts, "w")
        tgz = build_tar(folder / "stories.tar.gz", texts, "w:gz")
        files = build_folder(folder / "folder", texts[: count // 5])
        del texts  # a small parent, as the command's: forking the workers copies its page tables
        out = folder / "out"
        target = out.with_suffix(".jsonl")

        loop: list[Sample] = []
        engine: list[Sample] = []
        for _ in range(rounds):
            loop.append(Sample(lambda: plain_loop(tar, folder / "plain.jsonl")))
            engine.append(Sample(convert(tar, target, 1, ("jsonl",), count)))
        lines.append("| case | wall s median (min-max) | stories/s | parent CPU s | workers CPU s |")
        lines.append("|---|---|---|---|---|")
        for label, samples in (
            (f"plain loop: parse + dumps, {count:,} stories (floor, 1 core)", loop),
            ("convert --to jsonl -j1, same tar", engine),
        ):
            walls = [s.wall for s in samples]
            lines.append(
                f"| {label} | {spread(walls)} | {count / statistics.median(walls):,.0f} "
                f"| {spread([s.parent for s in samples])} | |"
            )
        overhead_wall = ratio([s.wall for s in engine], [s.wall for s in loop])
        overhead_cpu = ratio([s.cpu for s in engine], [s.cpu for s in loop])
        per_story = statistics.median(
            (e.cpu - p.cpu) / count * 1e6 for e, p in zip(engine, loop, strict=True)
        )
        lines.append(
            f"| **engine -j1 against the plain loop** | wall {overhead_wall} | CPU {overhead_cpu} "
            f"| {per_story:+.0f} µs/story | goal ≤ ×1.3 |"
        )
        for name, source, number in (
            (f"tar of {count:,}", tar, count),
            (f"tar.gz of {count:,}", tgz, count),
            (f"folder of {count // 5:,} files", files, count // 5),
        ):
            lines += compare(
                name,
                convert(source, target, 1, ("jsonl",), number),
                convert(source, target, 2, ("jsonl",), number),
                number,
                rounds,
            )
        lines += compare(
            f"folder of {count // 5:,} files, --to json (a file per story, kernel-bound)",
            convert(files, out, 1, ("json",), count // 5),
            convert(files, out, 2, ("json",), count // 5),
            count // 5,
            1,
        )
    load_after = os.getloadavg()
    print(f"### newsitem convert -j2 against -j1, {cores} cores, {rounds} rounds\n")
    print(
        f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)};"
        f" after: {', '.join(f'{x:.2f}' for x in load_after)}.\n"
    )
    print("\n".join(lines))
    print(
        "\n- Goals: -j2 ≥ ×1.8 of -j1 on a CPU-bound archive (wall, on a quiet machine; the CPU-bound"
        " ideal is what the CPU time allows with two free cores); the engine at -j1 ≤ ×1.3 of the plain loop."
    )


if __name__ == "__main__":
    main()
