"""Web archives: pages per second through ``newsitem convert`` reading a WARC with ``-j2`` and
``-j1``, against the same pages read as separate files; and the memory of listing a large WARC.

Run: ``python benchmarks/bench_warc.py [REPEAT] [--rounds N] [--memory MB]``. The WARC
(``.warc.gz``, one gzip member per record) holds each dev page of ../shared/corpus/html (when
present; else the pages of tests/data/warc/build.py) REPEAT times (default 4), each capture
as a crawler writes it: a ``request`` record, then its ``response`` (a distinct target URI
each time), and one ``metadata`` record per page. The same pages (REPEAT copies) are also
written as ``.html`` files in a folder, read with ``--from html``. Each run is the command
(``python -m newsitem convert ... --to json``, a fresh process as a user runs it: start-up
included), the four cases interleaved, N rounds (default 3), medians; the CPU seconds of
each run (its workers included) show what a loaded machine hides in wall time. Rates count
HTML pages (the responses), not stories, so the WARC and the files compare like for like.
``--memory MB`` also writes an uncompressed WARC of about MB megabytes (1 MiB non-HTML
responses, a page every 30 records) and prints the peak Python heap of listing it and reading
its pages' records, in a fresh interpreter.

Issue 17 asks for WARC throughput in pages per second on 2 cores with ``-j2``.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsitem.batch import inputs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "html"


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("warc_build", ROOT / "tests" / "data" / "warc" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


def pages() -> tuple[str, list[tuple[str, bytes]]]:
    """(where the pages come from, [(name, bytes)])."""
    if CORPUS.is_dir():
        found = sorted(CORPUS.glob("*.html"))
        if found:
            return f"{len(found)} dev pages of {CORPUS}", [(p.stem, p.read_bytes()) for p in found]
    own = [("bridge", BUILD.ARTICLE_ONE), ("briefs", BUILD.TWO_ARTICLES)]
    return "the pages of tests/data/warc/build.py", [(name, text.encode()) for name, text in own]


def build_warc(path: Path, source: list[tuple[str, bytes]], repeat: int) -> int:
    """Write the WARC; return how many HTML responses it holds."""
    number = 0
    count = 0
    with path.open("wb") as out:
        for copy in range(repeat):
            for name, page in source:
                uri = f"https://pages.example/{copy}/{name}"
                host = ("Host", "pages.example")
                specs = [
                    {"type": "request", "uri": uri, "http": (f"GET /{copy}/{name} HTTP/1.1", [host])},
                    {
                        "type": "response",
                        "uri": uri,
                        "payload": page,
                        "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html")]),
                    },
                    {"type": "metadata", "uri": uri, "payload": b"via: bench_warc\r\n"},
                ]
                for spec in specs:
                    number += 1
                    out.write(gzip.compress(BUILD._record(number, spec), compresslevel=6))
                count += 1
    return count


def build_files(folder: Path, source: list[tuple[str, bytes]], repeat: int) -> None:
    for copy in range(repeat):
        for name, page in source:
            (folder / f"{copy:03d}-{name}.html").write_bytes(page)


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far, their workers included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


MEMORY_PROBE = """
import sys, time, tracemalloc
from collections import Counter
from newsitem.batch import inputs

tracemalloc.start()
started = time.perf_counter()
skipped = Counter()
units = list(inputs.units([sys.argv[1]], skipped=skipped))
with inputs.Reader() as reader:
    total = sum(len(reader.read(unit)) for unit in units)
print(len(units), sum(skipped.values()), tracemalloc.get_traced_memory()[1], time.perf_counter() - started)
"""


def memory(folder: Path, megabytes: int) -> str:
    """The peak Python heap of listing and reading a WARC of about ``megabytes`` MB."""
    path = folder / "large.warc"
    blob = {
        "type": "response",
        "uri": "https://a.example/v.mp4",
        "payload": os.urandom(1024 * 1024),
        "http": ("HTTP/1.1 200 OK", [("Content-Type", "video/mp4")]),
    }
    record = BUILD._record(1, blob)
    page = BUILD._record(
        2,
        {
            "type": "response",
            "uri": "https://a.example/news",
            "payload": BUILD.ARTICLE_ONE.encode(),
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html")]),
        },
    )
    with path.open("wb") as out:
        for number in range(megabytes):
            out.write(page if number % 30 == 0 else record)
    size = path.stat().st_size
    done = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", textwrap.dedent(MEMORY_PROBE), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    units, skipped, peak, seconds = done.stdout.split()
    path.unlink()
    return (
        f"listing + reading a {size / 2**20:,.0f} MiB WARC ({units} pages, {skipped} records skipped): "
        f"peak Python heap {int(peak) / 2**20:.1f} MiB, {float(seconds):.1f} s"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(args[0]) if args else 4
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    megabytes = int(sys.argv[sys.argv.index("--memory") + 1]) if "--memory" in sys.argv else 0
    origin, source = pages()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        crawl = folder / "crawl.warc.gz"
        count = build_warc(crawl, source, repeat)
        files = folder / "pages"
        files.mkdir()
        build_files(files, source, repeat)

        def run(target: str, jobs: int, out: str, *extra: str) -> None:
            command = [sys.executable, "-m", "newsitem", "convert", target, "--to", "json", "-q"]
            command += ["-o", str(folder / out), "-j", str(jobs), *extra]
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
            assert done.returncode in (0, 1), done.stderr  # 1: some page is no article

        cases = {
            "WARC, convert --to json -j2": lambda n: run(str(crawl), 2, f"w2-{n}"),
            "files, convert --from html --to json -j2": lambda n: run(
                str(files), 2, f"f2-{n}", "--from", "html"
            ),
            "WARC, convert --to json -j1": lambda n: run(str(crawl), 1, f"w1-{n}"),
            "files, convert --from html --to json -j1": lambda n: run(
                str(files), 1, f"f1-{n}", "--from", "html"
            ),
        }
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        seconds: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        for number in range(rounds):  # interleaved: a busy machine weighs on every case alike
            for name, case in cases.items():
                before = children_cpu()
                seconds[name].append(timed(functools.partial(case, number)))
                cpu[name].append(children_cpu() - before)
        rows = [(name, statistics.median(values)) for name, values in seconds.items()]
        listing = timed(lambda: list(inputs.units([str(crawl)])))
        print(f"## WARC throughput ({count} pages: {origin} x {repeat}; {os.cpu_count()} cores)\n")
        size = crawl.stat().st_size / 2**20
        print(f"WARC: {size:.1f} MiB, {count * 3} records; listing it: {listing:.2f} s\n")
        print(f"load average before: {load}\n")
        print("| run | wall s (median) | pages/s | CPU s (median, workers included) | CPU ms/page |")
        print("|---|---|---|---|---|")
        for name, median in rows:
            used = statistics.median(cpu[name])
            print(
                f"| {name} | {median:.1f} | {count / median:.1f} | {used:.1f} | {1000 * used / count:.0f} |"
            )
        w2, f2, w1, _ = (median for _, median in rows)
        print(f"\n-j2 over -j1 on the WARC: {w1 / w2:.2f}x; the WARC at -j2: {f2 / w2:.2f}x the files' rate")
        if megabytes:
            print("\n" + memory(folder, megabytes))


if __name__ == "__main__":
    main()
