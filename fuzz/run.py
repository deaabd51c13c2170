"""Fuzz every reader, ``parse`` and the writers with atheris, and report per target.

    python fuzz/run.py [--seconds N | --runs N] [--target NAME ...] [--jobs J]

Each target runs in its own process (``fuzz/_main.py``) for N seconds (libFuzzer's
``-max_total_time``) or N inputs (``-runs``), seeded from ``tests/data`` and, where
it exists, ``../shared/corpus`` (copied at run time into a temporary folder, never
into the repository), with the corpus it grew before (``fuzz/corpus/<target>/``,
ignored by git) and a dictionary of its format's tokens (``fuzz/dicts/``). Printed
per target: inputs run, inputs per second, crashes, and the slowest call per 10 KB.

A crash (an exception that is not newsitem's own), a hang (a call slower than 1 s
per 10 KB, twice), a libFuzzer timeout or out-of-memory writes the reproducer to
``fuzz/crashes/<target>/``, prints its path and the exception, and makes the exit
status 1. Replay one with ``python fuzz/_main.py TARGET PATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(HERE))

import targets  # noqa: E402  (after the path is set: fuzz/ is not a package)

SHARED_FOLDERS = {
    "json": (),
    "newsml-g2": ("newsml-g2", "newsml-g2-conformance", "nitf", "newsml-1.2"),
    "ninjs": ("ninjs", "ninjs-conformance"),
    "nitf": ("nitf",),
    "newsml-1.2": ("newsml-1.2",),
    "html": ("html",),
    "warc": ("warc", "html"),
    "web-story": ("web-story",),
    "anpa": ("anpa",),
    "iptc7901": ("iptc7901",),
    "email": ("email",),
    "agency-copy": ("web-story",),
}
"""Which folders of ../shared/corpus seed which reader (a format not named takes none)."""
DICTS = {
    "json": ("json",),
    "ninjs": ("json",),
    "newsml-g2": ("xml",),
    "nitf": ("xml",),
    "newsml-1.2": ("xml",),
    "html": ("html",),
    "warc": ("warc", "html"),
    "email": ("email", "html"),
    "anpa": ("wire",),
    "iptc7901": ("wire",),
    "web-story": ("wire",),
    "agency-copy": ("wire",),
    "teleprinter": ("wire", "teleprinter"),
}
"""Which dictionaries of fuzz/dicts/ serve which reader (parse, write and story take them all)."""
TIMEOUT_SECONDS = 60
"""libFuzzer's own per-input limit: a backstop for a call that never returns."""


@dataclass
class Result:
    """What one target's run came to."""

    target: str
    runs: int = 0
    exec_per_second: int = 0
    seconds: float = 0.0
    slowest: dict[str, float | int | str] = field(default_factory=dict)
    reproducers: list[str] = field(default_factory=list)
    slow_units: list[str] = field(default_factory=list)
    """libFuzzer's wall-clock slow-unit reports: shown, never a failure (see :func:`read_log`)."""
    exception: str = ""
    status: int = 0
    log: str = ""

    @property
    def failed(self) -> bool:
        """A reproducer was written, or the process ended badly."""
        return bool(self.reproducers) or self.status != 0


def _seed_files(format: str) -> Iterator[Path]:
    """The files that seed one reader: its tests/data folder (valid and invalid cases, not the
    expected results) and its folders of ../shared/corpus; for json, every expected story."""
    folder = DATA / format
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and ".expected" not in path.name and path.name != "README.md":
                yield path
    if format == "json":
        yield from sorted(DATA.glob("*/*.expected.json"))
        yield from sorted((ROOT / "examples").glob("*.json"))
    if SHARED.is_dir():
        for name in SHARED_FOLDERS.get(format, ()):
            yield from sorted(path for path in (SHARED / name).rglob("*") if path.is_file())


def build_seeds(target: str, into: Path, max_len: int) -> int:
    """Write the seed inputs of ``target`` into ``into`` (each cut to ``max_len`` bytes);
    returns how many."""
    formats = {"parse": targets.readers(), "write": targets.readers(), "story": ["json"]}.get(
        target, [target]
    )
    count = 0
    for name in formats:
        prefix = targets.seed_prefix(name) if target == "write" else b""
        for path in _seed_files(name):
            count += 1
            (into / f"{count:05d}-{name}").write_bytes((prefix + path.read_bytes())[:max_len])
    return count


def build_dict(target: str, into: Path) -> Path | None:
    """One dictionary file for ``target`` (libFuzzer takes one), from fuzz/dicts/."""
    every = sorted({n for names in DICTS.values() for n in names})
    names = every if target in ("parse", "write", "story") else []
    names = names or list(DICTS.get(target, ()))
    if not names:
        return None
    path = into / f"{target}.dict"
    path.write_text("".join((HERE / "dicts" / f"{name}.dict").read_text("utf-8") for name in names), "utf-8")
    return path


_STAT = re.compile(r"^stat::(\w+):\s+(\d+)", re.MULTILINE)
_UNIT = re.compile(r"Test unit written to (\S+)")
_SANITIZER = re.compile(r"^==\d+== ", re.MULTILINE)
_DONE = re.compile(r"^Done (\d+) runs in (\d+) second", re.MULTILINE)


def _exception(log: str) -> str:
    """The Python exception (or libFuzzer's reason) a crashed run printed, shortened."""
    start = log.find("=== Uncaught Python exception: ===")
    if start >= 0:
        end = _SANITIZER.search(log, start)
        return "\n".join(log[start : end.start() if end else None].strip().splitlines()[:40])
    for marker in ("ALARM: working on the last Unit", "ERROR: libFuzzer: out-of-memory", "ERROR: libFuzzer"):
        found = log.find(marker)
        if found >= 0:
            return log[found : found + 300].strip()
    return log[-1500:].strip()


def run_target(target: str, options: argparse.Namespace, seeds_root: Path) -> Result:
    """Fuzz one target in its own process and read its figures from libFuzzer's output."""
    result = Result(target)
    corpus = HERE / "corpus" / target
    crashes = HERE / "crashes" / target
    seeds = seeds_root / target
    for folder in (corpus, crashes, seeds):
        folder.mkdir(parents=True, exist_ok=True)
    build_seeds(target, seeds, options.max_len)
    stats = seeds_root / f"{target}.stats.json"
    budget = f"-runs={options.runs}" if options.runs else f"-max_total_time={options.seconds}"
    command = [
        sys.executable,
        str(HERE / "_main.py"),
        target,
        budget,
        f"-artifact_prefix={crashes}/",
        f"-timeout={TIMEOUT_SECONDS}",
        f"-rss_limit_mb={options.rss_limit_mb}",
        f"-max_len={options.max_len}",
        "-print_final_stats=1",
    ]
    dictionary = build_dict(target, seeds_root)
    if dictionary is not None:
        command.append(f"-dict={dictionary}")
    command += [str(corpus), str(seeds)]
    environment = {**os.environ, "NEWSITEM_FUZZ_STATS": str(stats)}
    if options.ignore:
        environment["NEWSITEM_FUZZ_IGNORE"] = ",".join(options.ignore)
    start = time.monotonic()
    process = subprocess.run(  # noqa: S603  (this interpreter, our own script)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        env=environment,
        check=False,
    )
    result.seconds = time.monotonic() - start
    (crashes / "last.log").write_text(process.stdout, "utf-8")
    read_log(result, process.stdout, process.returncode)
    if stats.exists():
        result.slowest = json.loads(stats.read_text("utf-8"))
    return result


def read_log(result: Result, log: str, status: int) -> None:
    """Fill ``result`` from a libFuzzer log and exit status: inputs run, speed, reproducers written
    and, after a failure, the exception."""
    result.log, result.status = log, status
    found = {name: int(value) for name, value in _STAT.findall(log)}
    done = _DONE.search(log)
    result.runs = found.get("number_of_executed_units", int(done.group(1)) if done else 0)
    result.exec_per_second = found.get("average_exec_per_sec", 0)
    # libFuzzer's "slow-unit" files mark an input whose wall time passed 10 s: on a shared machine
    # a pause of the process, not a hang. Hangs are the targets' own CPU-time check (HangError).
    result.reproducers = [path for path in _UNIT.findall(log) if not Path(path).name.startswith("slow-unit-")]
    result.slow_units = [path for path in _UNIT.findall(log) if Path(path).name.startswith("slow-unit-")]
    if result.failed:
        result.exception = _exception(log)


def report(result: Result) -> str:
    """One line per target, and the reproducer and exception after a failure."""
    slow = result.slowest
    slowest = "-"
    if slow:
        slowest = f"{float(slow['per_10kb']):.3f} s/10KB ({float(slow['seconds']):.3f} s"
        slowest += f", {slow['size']} B, {slow['step']})"
    line = (
        f"{result.target:12} runs {result.runs:>9}  exec/s {result.exec_per_second:>6}  "
        f"crashes {len(result.reproducers)}  slowest {slowest}"
    )
    if result.slow_units:
        pauses = ", ".join(result.slow_units)
        line += f"\n  libFuzzer's wall-clock slow-unit reports (pauses, not hangs): {pauses}"
    if not result.failed:
        return line
    log = f"fuzz/crashes/{result.target}/last.log"
    where = ", ".join(result.reproducers) or f"(none written: exit status {result.status}; log {log})"
    return f"{line}\n  FAILED: reproducer {where}\n  {result.exception.replace(chr(10), chr(10) + '  ')}"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--seconds", type=int, default=None, help="seconds per target (default 60)")
    budget.add_argument("--runs", type=int, default=None, help="inputs per target instead of a time")
    parser.add_argument("--target", action="append", choices=list(targets.TARGETS), help="(repeatable)")
    parser.add_argument("--jobs", type=int, default=1, help="targets fuzzed at once (default 1)")
    parser.add_argument("--max-len", type=int, default=65536, help="largest input in bytes (default 64 KB)")
    parser.add_argument("--rss-limit-mb", type=int, default=2048, help="memory per target (default 2048)")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="SIGNATURE",
        help="a known finding to pass over while hunting for others: 'Type@file:line' or a part of it "
        "(the signature a finding prints); never in CI",
    )
    options = parser.parse_args(argv)
    if options.seconds is None and options.runs is None:
        options.seconds = 60
    return options


def main(argv: list[str] | None = None) -> int:
    """Fuzz the chosen targets, print a line each, and return 1 if any found something."""
    options = _arguments(argv)
    names = options.target or list(targets.TARGETS)
    if not SHARED.is_dir():
        print(f"note: {SHARED} is absent: seeding from tests/data only")
    seeds_root = Path(tempfile.mkdtemp(prefix="newsitem-fuzz-"))
    try:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            futures = [pool.submit(run_target, name, options, seeds_root) for name in names]
            results = []
            for future in futures:
                result = future.result()
                print(report(result), flush=True)
                results.append(result)
    finally:
        shutil.rmtree(seeds_root, ignore_errors=True)
    failed = [result.target for result in results if result.failed]
    total = sum(result.seconds for result in results)
    print(f"{len(results)} targets, {sum(r.runs for r in results)} inputs, {total:.0f} s of fuzzing", end="")
    print(f"; FAILED: {', '.join(failed)}" if failed else "; no crash, no hang")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
