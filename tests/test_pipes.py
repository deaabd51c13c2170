"""Every command ends quietly with status 0 when its reader goes away (``| head``), as git and
ruff do: a real pipe whose reading end is closed, in a subprocess, and a run that stops."""

from __future__ import annotations

import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsitem.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARCHIVE = EXAMPLES / "archive"


def _into_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``newsitem ARGS`` with stdout a pipe whose reading end is already closed, so its
    first write meets a closed pipe whatever the timing (as ``| head -0`` would)."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [sys.executable, "-m", "newsitem", *args],
            stdout=writing,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writing)


@pytest.mark.parametrize(
    "args",
    [
        ["formats", "--json"],
        ["inspect", str(ARCHIVE / "mailbox.mbox")],
        ["convert", str(ARCHIVE), "--to", "jsonl", "-j", "1"],
        ["convert", str(ARCHIVE), "--to", "jsonl", "-j", "2"],
        ["validate", str(ARCHIVE)],
        ["convert", "--help"],
    ],
    ids=["formats-json", "inspect", "convert-j1", "convert-j2", "validate", "help"],
)
def test_closed_pipe_is_quiet(args: list[str]) -> None:
    """A command whose stdout is a closed pipe exits 0 and writes nothing on stderr (no traceback)."""
    done = _into_closed_pipe(args)
    assert (done.returncode, done.stderr.decode("utf-8", "replace")) == (0, "")


def test_head_reads_one_line_then_closes(tmp_path: Path) -> None:
    """As in ``newsitem convert ... --to jsonl | head -1``: the reader takes one line and closes;
    the run ends with status 0, nothing on stderr."""
    _small_stories(tmp_path, 600)  # the first batches fit the pipe, a later one meets it closed
    command = [sys.executable, "-m", "newsitem", "convert", str(tmp_path), "--to", "jsonl", "-j", "1"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()
        errors = child.stderr.read()
        code = child.wait(timeout=120)
    assert first.startswith(b"{")
    assert (code, errors.decode("utf-8", "replace")) == (0, "")


class _Stdout(io.StringIO):
    """A stdout that counts writes; once ``closed_pipe``, every write fails as a closed pipe does."""

    def __init__(self, *, closed_pipe: bool) -> None:
        super().__init__()
        self.closed_pipe = closed_pipe
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.closed_pipe:
            raise BrokenPipeError(32, "Broken pipe")
        return len(text)


def _small_stories(folder: Path, count: int) -> None:
    for number in range(count):
        story = {"newsitem": "1", "headline": f"Story {number}", "body": ["One line."]}
        (folder / f"s{number:04}.json").write_text(json.dumps(story))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_stops_at_a_closed_pipe(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert --to jsonl does not go on converting into a closed stdout: a run that writes in
    several batches writes once into a closed pipe and stops, with status 0 and stderr empty."""
    _small_stories(tmp_path, 600)
    argv = ["convert", str(tmp_path), "--to", "jsonl", "-j", jobs, "-q"]
    healthy = _Stdout(closed_pipe=False)
    monkeypatch.setattr(sys, "stdout", healthy)
    assert main(argv) == 0 and healthy.writes > 1  # the run writes batch by batch
    closed = _Stdout(closed_pipe=True)
    monkeypatch.setattr(sys, "stdout", closed)
    code = main(argv)
    assert (code, closed.writes, capsys.readouterr().err) == (0, 1, "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's answer is read on Linux")
def test_only_stdouts_broken_pipe_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken pipe that is not stdout's (stdout's reader still there) is an error, not ended
    quietly; stdout_gone tells a pipe with a reader from one without."""
    command = importlib.import_module("newsitem.cli.main")  # the module (newsitem.cli.main is the function)

    reading, writing = os.pipe()
    with open(writing, "w") as stdout, open(reading, "rb"):
        monkeypatch.setattr(sys, "stdout", stdout)
        assert command.stdout_gone() is False

        def broken(args: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        monkeypatch.setattr(command, "_formats", broken)
        with pytest.raises(BrokenPipeError):
            main(["formats"])
    reading, writing = os.pipe()
    os.close(reading)
    with open(writing, "w") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert command.stdout_gone() is True
