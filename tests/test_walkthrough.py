"""The archivist's walkthrough in docs/cli.md runs as written: its commands, on a fresh copy, print what it shows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "docs" / "cli.md"
HEADING = "### An archivist's walkthrough"
BASH = shutil.which("bash") or "/bin/bash"
_TIMING = re.compile(r"; [\d.]+ s, [\d,]+/s$")


def _section() -> str:
    text = CLI.read_text("utf-8")
    start = text.index(HEADING)
    end = text.find("\n## ", start)
    return text[start : end if end != -1 else len(text)]


def _blocks(section: str, kind: str) -> list[str]:
    return re.findall(rf"^```{kind}\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)


def _session(block: str) -> list[tuple[str, list[str]]]:
    """The ``$ command`` lines of a console block, each with the output lines shown under it."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "LC_ALL": "C",
        "COLUMNS": "200",
    }
    return subprocess.run(
        [BASH, "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _shown(lines: list[str]) -> list[str]:
    return [_TIMING.sub("; TIME", line) for line in lines]


def test_the_walkthrough_covers_what_it_promises() -> None:
    """The walkthrough uses containers, a name collision, the loss report and a resume."""
    section = _section()
    for needed in ("mbox", "tar.gz", "~2", "losses.jsonl", "--resume", "nothing left to do"):
        assert needed in section


@pytest.mark.skipif(sys.platform == "win32", reason="the walkthrough is a POSIX shell session")
def test_the_walkthrough_runs_as_written(tmp_path: Path) -> None:
    """Each command of the walkthrough, run in order on a copy of the example archive, prints exactly what the page shows."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    section = _section()
    for block in _blocks(section, "sh"):
        for command in block.splitlines():
            if command.strip() and not command.startswith("#"):
                assert _shell(command, tmp_path).returncode == 0, command
    status = 0
    ran = 0
    for block in _blocks(section, "console"):
        for command, expected in _session(block):
            if command == "echo $?":
                assert [str(status)] == expected, "the exit status shown"
                continue
            done = _shell(command, tmp_path)
            status, ran = done.returncode, ran + 1
            printed = (done.stdout + done.stderr).splitlines()
            assert _shown(printed) == _shown(expected), command
    assert ran >= 7
