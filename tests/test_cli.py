"""The newsitem command: --version and formats, called in-process and as a program."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import newsitem
from newsitem import formats
from newsitem.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version and exits 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsitem {newsitem.__version__}"


def test_formats_table(capsys: pytest.CaptureFixture[str]) -> None:
    """formats lists every registered format with what it can read and write."""
    assert main(["formats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["FORMAT", "READ", "WRITE", "EXTENSIONS"]
    expected = [
        [
            info.name,
            "yes" if info.can_read else "no",
            "yes" if info.can_write else "no",
            ",".join(info.extensions) or "-",
        ]
        for info in formats.available()
    ]
    assert [line.split()[:4] for line in lines[1:]] == expected
    assert expected[0] == ["json", "yes", "yes", ".json"]
    kinds = {line.split()[0]: line.split()[4] for line in lines[1:]}
    assert kinds["json"] == "format" and kinds["anpa"] == "layout" and kinds["web-story"] == "layout"


def test_formats_json(capsys: pytest.CaptureFixture[str]) -> None:
    """formats --json is machine-readable."""
    assert main(["formats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["name"]: (row["read"], row["write"]) for row in rows} == {
        info.name: (info.can_read, info.can_write) for info in formats.available()
    }
    assert {"json", "web-story", "ninjs"} <= {row["name"] for row in rows}


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command: help on stderr, exit 2."""
    assert main([]) == 2
    assert "usage: newsitem" in capsys.readouterr().err


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command is a usage error (exit 2)."""
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_and_module() -> None:
    """python -m newsitem runs the same command line."""
    result = subprocess.run(
        [sys.executable, "-m", "newsitem", "formats"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.split()[:1]) == (0, ["FORMAT"])


@pytest.mark.parametrize("command", ["validate", "inspect"])
def test_validate_and_inspect_cap_stdin(command: str) -> None:
    """validate and inspect read at most --max-size of stdin: more is one error, exit 1, not a memory hog."""
    done = subprocess.run(
        [sys.executable, "-m", "newsitem", command, "-", "--max-size", "1"],
        input=b" " * (3 * 1024 * 1024),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert b"over the limit of 1,048,576 bytes" in done.stdout + done.stderr
