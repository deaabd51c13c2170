"""The kill series: ``kill -9`` during ``newsitem convert`` and during ``--resume``, and the
outputs must end byte-identical to an uninterrupted run (issue 14: resume is exactly once).

Run: ``python benchmarks/kill_series.py [--trials 10] [--stories 400] [--seed 14]
[--jobs 2] [--chunk 16]``.

It builds a hostile input folder (``--stories`` small stories in every writable format,
named with U+2028, with non-UTF-8 bytes and with 255-byte names; broken files; a tar
with members named likewise), converts it once without interruption as the reference,
then, for each trial and for each of two modes (``--to jsonl -o OUT/stories.jsonl`` and
``--to json,html -o OUT``):

1. starts ``newsitem convert`` in its own process group and kills the group with SIGKILL
   at a random moment: once its manifest has recorded a random number of the
   reference's batches (0: once it exists), plus 0-50 ms into the next;
2. runs it again with ``--resume``; in every other trial that run is killed too, at a
   random moment (after at least one batch of its own where there is one left), and
   resumed once more to completion;
3. compares every output file (stories.jsonl, every per-story file, index.html,
   errors.jsonl; the manifest may differ) with the reference, byte for byte, and
   counts duplicate and missing JSON Lines records.

Every run uses a snapshot of the ``newsitem`` package taken at the start (others may be
editing the working tree meanwhile). ``--chunk`` sets the batch size of the command's
process pool (the command line keeps its default of 256; a smaller one gives a few
hundred stories many batches to be cut in) through a few-line wrapper that then calls
``newsitem.cli.main``; ``--chunk 0`` keeps the command's default. One line per trial,
then a summary; the exit status is 1 when any trial differs. ``tests/test_resume.py``
runs a small version (3 trials, a few dozen stories) on every test run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newsitem
from newsitem import formats

MODES = {
    "jsonl": ["--to", "jsonl", "-o", "{out}/stories.jsonl"],
    "files": ["--to", "json,html", "-o", "{out}"],
}
"""The two ways a run is cut: one JSON Lines file, or one file per story and format."""

_RUNNER = (
    "import sys\n"
    "sys.path.insert(0, sys.argv.pop(1))\n"
    "chunk = int(sys.argv.pop(1))\n"
    "from newsitem.batch import pool\n"
    "if chunk:\n"
    "    pool.run.__kwdefaults__['chunk'] = chunk\n"
    "from newsitem.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
"""``newsitem convert`` from the snapshot of the code, with the batch size asked for."""
_HOSTILE = "\u2028\u2029\x85"
_WRITERS = [f.name for f in formats.available() if f.can_write and f.name != "web-story"]
_SUFFIX = {f.name: (f.extensions or (".txt",))[0] for f in formats.available() if f.can_write}
_SUFFIX["ninjs"] = ".ninjs"  # ninjs claims no extension of its own (.json is canonical JSON's)


def _story(rng: random.Random, number: int) -> newsitem.Story:
    words = ["harbour", "ferry", "Müller", "naïve", "東京", "🙂", "O'Brien", "a&b", "<x>", _HOSTILE]
    record = {
        "newsitem": "1",
        "headline": f"Story {number}: {' '.join(rng.choices(words[:-1], k=4))}",
        "bylines": [{"name": rng.choice(["Ana Li", "Jürgen Groß", "Zoë Adams"])}],
        "source": {"name": "Harbour Weekly"},
        "guid": f"urn:example:story-{number}",
        "published": f"2024-03-{1 + number % 28:02d}T{number % 24:02d}:15:00+01:00",
        "language": "en",
        "body": [f"Paragraph {k} {' '.join(rng.choices(words, k=8))}." for k in range(rng.randint(1, 4))],
    }
    return newsitem.loads(json.dumps(record), format="json")


def _name(rng: random.Random, number: int, suffix: str) -> bytes:
    """A file name: plain, with U+2028, with a non-UTF-8 byte, or 255 bytes long."""
    kind = number % 4
    if kind == 1:
        return f"line{_HOSTILE}sep-{number}{suffix}".encode()
    if kind == 2:
        return f"caf-{number}-".encode() + bytes([0xE9, rng.randrange(0x80, 0x100)]) + suffix.encode()
    if kind == 3:
        stem = f"long-{number}-".encode()
        return stem + b"x" * (255 - len(stem) - len(suffix)) + suffix.encode()
    return f"plain-{number}{suffix}".encode()


def build(folder: Path, stories: int, seed: int) -> Path:
    """The hostile input folder: ``stories`` files (a tenth of them broken) and a tar."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible input, not a secret
    source = folder / "in"
    (source / "sub").mkdir(parents=True)
    base = os.fsencode(source)
    members: list[tuple[bytes, bytes]] = []
    for number in range(stories):
        fmt = _WRITERS[number % len(_WRITERS)]
        data = newsitem.dumps(_story(rng, number), format=fmt, lossy=True)
        payload = data.encode() if isinstance(data, str) else data
        if number % 10 == 9:
            payload = payload[: len(payload) // 3] if number % 20 == 9 else rng.randbytes(40)
        name = _name(rng, number, _SUFFIX[fmt])
        if number % 7 == 6:
            members.append((name, payload))
            continue
        folder_bytes = base + (b"/sub" if number % 3 else b"")
        with open(folder_bytes + b"/" + name, "wb") as handle:
            handle.write(payload)
    with tarfile.open(source / "bundle.tar", "w", encoding="utf-8", errors="surrogateescape") as tar:
        for name, payload in members:
            info = tarfile.TarInfo(os.fsdecode(name))
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    return source


def _command(source: Path, out: Path, mode: str, jobs: int, chunk: int) -> list[str]:
    tail = [part.format(out=out) for part in MODES[mode]]
    code = str(out.parent / "code")
    return [
        sys.executable,
        "-c",
        _RUNNER,
        code,
        str(chunk),
        "convert",
        str(source),
        *tail,
        "-j",
        str(jobs),
        "-q",
    ]


def snapshot(work: Path) -> None:
    """Copy the newsitem package being tested to ``work/code``: every run of the series uses
    that copy, so an edit of the working tree during the series cannot change its outputs."""
    package = Path(newsitem.__file__).parent
    shutil.copytree(package, work / "code" / "newsitem", ignore=shutil.ignore_patterns("__pycache__"))


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - this interpreter with arguments built here
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def _run(command: list[str]) -> int:
    process = _start(command)
    _, err = process.communicate()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[-8:])} exited {process.returncode}: {err.decode()}")
    return process.returncode


def _killed(command: list[str], out: Path, batches: int, delay: float) -> bool:
    """Run ``command``; once its manifest counts ``batches`` end marks, wait ``delay`` s more
    (into the next batch) and SIGKILL its process group; False if it ended first."""
    process = _start(command)
    while _batches_done(out) < batches and process.poll() is None:
        time.sleep(0.005)
    try:
        process.communicate(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return True


def _batches_done(out: Path) -> int:
    """End marks in the manifest of a run into ``out`` (either mode); -1 before it has one."""
    for name in ("stories.jsonl..newsitem-manifest.jsonl", ".newsitem-manifest.jsonl"):
        with contextlib.suppress(FileNotFoundError):
            return (out / name).read_bytes().count(b'"batch_end"')
    return -1


def outputs(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` but the manifest, by relative path (bytes of the name)."""
    found = {}
    for root, _dirs, files in os.walk(os.fsencode(out)):
        for name in files:
            if name.endswith(b".newsitem-manifest.jsonl"):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                found[os.fsdecode(os.path.relpath(path, os.fsencode(out)))] = handle.read()
    return found


@dataclass
class Trial:
    """What one trial did and found."""

    mode: str
    number: int
    killed: bool
    resume_killed: bool | None
    batches: list[int]
    """Batches the manifest recorded as done after each kill."""
    identical: bool
    duplicates: int
    missing: int
    differing: list[str]
    seconds: float

    def __str__(self) -> str:
        resume = {
            None: "resumed",
            True: f"resume killed at {self.batches[-1]}, resumed",
            False: "resume ended before its kill",
        }
        cut = f"killed at {self.batches[0]} batches" if self.killed else "ended before its kill"
        verdict = "identical" if self.identical else f"DIFFERENT: {', '.join(self.differing[:4])}"
        return (
            f"{self.mode:5} trial {self.number:2}: {cut}; {resume[self.resume_killed]}; {verdict};"
            f" duplicates {self.duplicates}, missing {self.missing} ({self.seconds:.1f} s)"
        )


def _lines(found: dict[str, bytes]) -> Counter[bytes]:
    data = b"".join(v for k, v in found.items() if k.endswith("stories.jsonl"))
    return Counter(line for line in data.split(b"\n") if line)


def trial(
    source: Path, work: Path, mode: str, number: int, *, reference: dict[str, bytes], batches: int,
    rng: random.Random, jobs: int, chunk: int,
) -> Trial:  # fmt: skip
    """One trial (see the module docstring)."""
    started = time.monotonic()
    out = work / f"{mode}-{number}"
    command = _command(source, out, mode, jobs, chunk)
    killed = _killed(command, out, rng.randrange(batches), rng.uniform(0, 0.05))
    done = [_batches_done(out)]
    resume_killed = None
    if number % 2:
        target = rng.randint(min(done[0] + 1, batches - 1), max(done[0], batches - 1))
        resume_killed = _killed([*command, "--resume"], out, target, rng.uniform(0, 0.05))
        done.append(_batches_done(out))
    _run([*command, "--resume"])
    found = outputs(out)
    wanted, got = _lines(reference), _lines(found)
    differing = sorted(k for k in reference.keys() | found.keys() if reference.get(k) != found.get(k))
    shutil.rmtree(out)
    return Trial(
        mode, number, killed, resume_killed, done, found == reference,
        sum((got - wanted).values()), sum((wanted - got).values()), differing, time.monotonic() - started,
    )  # fmt: skip


def series(work: Path, *, trials: int, stories: int, seed: int, jobs: int, chunk: int) -> Iterator[Trial]:
    """Build the input, the two references, then ``trials`` trials of each mode."""
    source = build(work, stories, seed)
    snapshot(work)
    rng = random.Random(seed)  # noqa: S311 - reproducible kill points, not a secret
    for mode in MODES:
        out = work / f"{mode}-reference"
        _run(_command(source, out, mode, jobs, chunk))
        batches = _batches_done(out)
        reference = outputs(out)
        for number in range(1, trials + 1):
            yield trial(
                source,
                work,
                mode,
                number,
                reference=reference,
                batches=batches,
                rng=rng,
                jobs=jobs,
                chunk=chunk,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=10, help="trials per mode (default 10)")
    parser.add_argument("--stories", type=int, default=400, help="stories in the input (default 400)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--jobs", type=int, default=2, help="-j of the runs (default 2)")
    parser.add_argument("--chunk", type=int, default=16, help="batch size (default 16; 0: the command's)")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="kill-series-") as folder:
        for result in series(
            Path(folder), trials=args.trials, stories=args.stories, seed=args.seed, jobs=args.jobs,
            chunk=args.chunk,
        ):  # fmt: skip
            print(result, flush=True)
            results.append(result)
    same = sum(r.identical for r in results)
    print(
        f"\n{same} of {len(results)} trials byte-identical to the uninterrupted run;"
        f" {sum(r.killed for r in results)} runs killed mid-conversion,"
        f" {sum(bool(r.resume_killed) for r in results)} killed mid-resume;"
        f" duplicates {sum(r.duplicates for r in results)}, missing {sum(r.missing for r in results)}"
    )
    return 0 if same == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
