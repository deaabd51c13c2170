"""Memory and time of hostile batch inputs (issue 14, items 5 and 6): peak memory of
``newsitem convert`` on a zip bomb, a tar.gz with a huge member, an mbox with a huge
message and huge stdin, each beside a good story, against converting one small story
(the floor); and how long listing the two CPython tar CVE inputs takes.

Run: ``python benchmarks/bench_inputs_memory.py``. Each case runs in a fresh process
(peak RSS from ``getrusage``). Goals: every hostile case peaks within the floor plus
two ``--max-size`` (the inputs are 0.3 to 1 GiB when read), and each CVE input is
refused in under a second (CPython 3.11.7's tarfile: 40 s and forever).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_inputs import (  # the builders the tests use, so both measure the same bytes
    STORY,
    _cve_2024_6232,
    _cve_2025_8194,
    _zip_bomb,
)

MiB = 1024 * 1024
_CHILD = """
import resource, sys
from newsitem.cli import main
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _peak(args: list[str], stdin: Path | None = None) -> tuple[float, float]:
    """Seconds and peak resident MB of one ``newsitem`` run in a fresh process."""
    started = time.perf_counter()
    with open(stdin or os.devnull, "rb") as handle:
        done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-c", _CHILD, *args], stdin=handle, capture_output=True, text=True, check=False
        )
    seconds = time.perf_counter() - started
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def _cases(folder: Path) -> dict[str, tuple[list[str], Path | None]]:
    good = folder / "good.json"
    good.write_bytes(STORY)
    _zip_bomb(folder / "bomb.zip")
    box = folder / "box.mbox"
    with box.open("wb") as handle:
        handle.write(b"From huge Mon Jan  1 00:00:00 2024\nSubject: x\n\n")
        handle.seek(300 * 1000 * 1000, os.SEEK_CUR)
        handle.write(b"\n\nFrom good Mon Jan  1 00:00:00 2024\nSubject: y\n\nText.\n")
    big = folder / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(300 * 1000 * 1000)
    out = str(folder / "out")
    common = ["--to", "json", "-o", out, "-q", "-j", "1", "--resume"]
    return {
        "one small story (floor)": (["convert", str(good), *common], None),
        "zip: 300 bytes claimed, 1 GiB inflated": (["convert", str(folder / "bomb.zip"), *common], None),
        "mbox: a 300 MB message": (["convert", str(box), *common], None),
        "stdin: 300 MB (convert)": (["convert", "-", "--to", "jsonl", "-q"], big),
        "stdin: 300 MB (validate)": (["validate", "-", "--output", "json"], big),
    }


def _listing(build: object, folder: Path) -> float:
    path = folder / f"{build.__name__}.tar"  # type: ignore[attr-defined]
    build(path)  # type: ignore[operator]
    code = "import sys; from newsitem.batch import inputs; list(inputs.units([sys.argv[1]]))"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=120)  # noqa: S603 - ours
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print("### peak memory of hostile inputs (--max-size 50 MB)\n")
        print("| case | s | peak MB | over the floor, MB | goal: at most 100 MB over |")
        print("|---|---|---|---|---|")
        floor = None
        for case, (args, stdin) in _cases(folder).items():
            seconds, peak = _peak(args, stdin)
            floor = peak if floor is None else floor
            verdict = "floor" if "floor" in case else ("ok" if peak - floor <= 2 * 50 else "OVER")
            print(f"| {case} | {seconds:.1f} | {peak:.0f} | {peak - floor:.0f} | {verdict} |")
        print("\n### listing the CPython tar CVE inputs (interpreter start included)\n")
        print("| input | s | goal: under 1 s |")
        print("|---|---|---|")
        for build in (_cve_2024_6232, _cve_2025_8194):
            seconds = _listing(build, folder)
            what = (build.__doc__ or "").split(":")[0].strip()
            print(f"| {what} | {seconds:.2f} | {'ok' if seconds < 1 else 'SLOW'} |")


if __name__ == "__main__":
    main()
