"""Issue 14, item 10: operator mistakes (an output that cannot be used) are one line on
stderr and exit 2 before any work starts; a disk that fills up during the run ends it with
one line and exit 2, the outputs consistent, and ``--resume`` finishes the job."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsitem
from newsitem.batch import index, pool, steps
from newsitem.cli import main


def stories(root: Path, count: int = 4) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = newsitem.dumps(newsitem.Story(headline=f"story {number}"))
        assert isinstance(text, str)
        (root / f"s{number}.json").write_text(text)
    return root


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Records any call of the converter: a mistake must be found before it starts."""
    calls: list[Any] = []
    monkeypatch.setattr(pool, "run", lambda *a, **k: calls.append(a))
    return calls


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], no_work: list[Any]) -> str:
    """Run ``argv``; check exit 2, one line on stderr, nothing converted; return the line."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsitem convert: error: -o ")
    assert "Traceback" not in err
    assert no_work == []
    return err


def test_out_naming_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: list[Any]
) -> None:
    """-o naming an existing regular file (not .jsonl) is refused and the file left alone."""
    taken = tmp_path / "notes.txt"
    taken.write_text("keep me")
    err = refused(
        capsys, ["convert", str(stories(tmp_path / "in")), "--to", "json", "-o", str(taken)], no_work
    )
    assert "not a directory" in err and taken.read_text() == "keep me"


def test_out_dev_full(capsys: pytest.CaptureFixture[str], no_work: list[Any]) -> None:
    """-o /dev/full (a device, not a folder) is refused."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    here = Path(__file__).resolve().parents[1] / "examples" / "archive" / "ferry.json"
    assert "not a directory" in refused(
        capsys, ["convert", str(here), "--to", "json", "-o", "/dev/full"], no_work
    )


def test_out_jsonl_that_is_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: list[Any]
) -> None:
    """-o existing_dir.jsonl is refused up front (it used to convert everything and fail at the rename)."""
    folder = tmp_path / "existing.jsonl"
    folder.mkdir()
    err = refused(
        capsys, ["convert", str(stories(tmp_path / "in")), "--to", "jsonl", "-o", str(folder)], no_work
    )
    assert "is a directory" in err and list(folder.iterdir()) == []


def test_out_that_cannot_be_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: list[Any]
) -> None:
    """An output folder under a regular file cannot be created: refused with the reason."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out in (blocker / "out", blocker / "out.jsonl"):
        argv = ["convert", str(stories(tmp_path / "in")), "--to", "jsonl", "-o", str(out)]
        assert "cannot create" in refused(capsys, argv, no_work)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_out(tmp_path: Path, capsys: pytest.CaptureFixture[str], no_work: list[Any]) -> None:
    """A folder that cannot be written in is refused before any work."""
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        err = refused(
            capsys, ["convert", str(stories(tmp_path / "in")), "--to", "json", "-o", str(out)], no_work
        )
    finally:
        out.chmod(0o755)
    assert "cannot write in" in err


def test_mistake_is_one_line_in_a_real_process(tmp_path: Path) -> None:
    """Run as a command, -o naming a file gives one line on stderr, exit 2, no traceback."""
    taken = tmp_path / "taken"
    taken.write_text("x")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsitem",
            "convert",
            str(stories(tmp_path / "in")),
            "--to",
            "json",
            "-o",
            str(taken),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def full_disk_after(count: int, real: Any) -> Any:
    """A write_atomic that fails with ENOSPC once ``count`` files are written."""
    written = []

    def write(path: Path, data: bytes, **kwargs: Any) -> None:
        if len(written) >= count:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        real(path, data, **kwargs)

    return write


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_disk_full_during_the_run(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while writing stories ends the run with one line and exit 2 (no error record
    per story); the outputs stay consistent and --resume finishes the job exactly once."""
    source = stories(tmp_path / "in", 6)
    out = tmp_path / "out"
    argv = ["convert", str(source), "--to", "json,jsonl", "-o", str(out), "-q", "-j", jobs]
    with monkeypatch.context() as patch:
        patch.setattr(steps, "write_atomic", full_disk_after(2, steps.write_atomic))
        assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "--resume" in err
    assert not (out / "stories.jsonl").exists()
    assert main([*argv, "--resume"]) == 0
    lines = (out / "stories.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["story"]["headline"] for line in lines) == [f"story {n}" for n in range(6)]
    assert not (out / "errors.jsonl").exists() or (out / "errors.jsonl").read_text() == ""


def test_disk_full_writing_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk when the HTML index is written is one line and exit 2, not a traceback."""
    out = tmp_path / "out"
    monkeypatch.setattr(index, "write_atomic", full_disk_after(0, index.write_atomic))
    assert (
        main(["convert", str(stories(tmp_path / "in")), "--to", "html", "-o", str(out), "-q", "-j", "1"]) == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err
    assert len(list(out.rglob("*.html"))) == 4


def test_stdout_on_a_full_disk(tmp_path: Path) -> None:
    """JSON Lines to a stdout that is full (/dev/full) end with one line naming standard output, exit 2."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    source = stories(tmp_path / "in")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "newsitem", "convert", str(source), "--to", "jsonl", "-q", "-j", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "No space left on device: standard output" in done.stderr and "Traceback" not in done.stderr
