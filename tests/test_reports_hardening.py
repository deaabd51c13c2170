"""Issue 14, items 7 and 12: validate's reports are linear in findings (20,000 broken files
used to take 11-14 s in github and junit), and safe whatever the file names hold: valid
UTF-8 JSON for names with undecodable bytes, percent-encoded SARIF URIs, well-formed JUnit,
and no raw ESC or other control character on a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsitem.cli import reports, rules
from newsitem.cli.reports import OUTPUTS

HOSTILE = "caf\udce9\x1b[31m.txt"
"""A name with a byte that is not UTF-8 (as os.fsdecode gives it) and a terminal escape."""
_RAW_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def findings_over(count: int) -> tuple[list[rules.Finding], list[str]]:
    files = [f"in/{number:06d}.txt" for number in range(count)]
    return [rules.Finding(rule="NI002", file=f, message="malformed", line=1, column=1) for f in files], files


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_report_is_linear(output: str) -> None:
    """20,000 findings over 20,000 files render in well under 5 s in every report (about 0.1 s)."""
    findings, files = findings_over(20_000)
    start = time.perf_counter()
    text = reports.render(output, findings, files)
    assert time.perf_counter() - start < 5.0
    assert files[-1] in text


def hostile_report(output: str, name: str = HOSTILE) -> str:
    problem = rules.Finding(rule="NI002", file=name, message="bad \x1b]0;title\x07 here", line=2, column=3)
    text = reports.render(output, [problem], [name])
    text.encode("utf-8")  # raises on a lone surrogate: the report must be valid UTF-8
    return text


@pytest.mark.parametrize("output", ["text", "github"])
def test_terminal_reports_show_controls_visibly(output: str) -> None:
    """text and github output escape ESC, BEL and undecodable bytes visibly instead of passing them on."""
    text = hostile_report(output)
    assert not any(c in text for c in _RAW_CONTROLS)
    assert "caf\\xe9\\x1b[31m.txt" in text and "\\x1b]0;title\\x07" in text


@pytest.mark.parametrize("output", ["json", "jsonl"])
def test_json_reports_are_utf8_and_keep_the_name(output: str) -> None:
    """json and jsonl are valid UTF-8 and give back the exact name (its bytes via os.fsencode)."""
    text = hostile_report(output)
    record = json.loads(text)["problems"][0] if output == "json" else json.loads(text.splitlines()[0])
    assert record["file"] == HOSTILE and os.fsencode(record["file"]) == b"caf\xe9\x1b[31m.txt"
    assert "\\udce9" in text


def test_junit_is_well_formed() -> None:
    """JUnit XML with a hostile name parses, with the controls shown as escapes."""
    text = hostile_report("junit")
    root = ET.fromstring(text.encode("utf-8"))  # noqa: S314 - our own report
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "caf\\xe9\\x1b[31m.txt"
    failure = case.find("failure")
    assert failure is not None and "\\x1b]0;title\\x07" in (failure.get("message") or "")


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        (HOSTILE, "caf%E9%1B%5B31m.txt"),
        ("/srv/in/" + HOSTILE, "file:///srv/in/caf%E9%1B%5B31m.txt"),
        ("box.mbox#3", "box.mbox%233"),
        ("wire.tar!a b.txt", "wire.tar!a%20b.txt"),
        ("c:odd.txt", "c%3Aodd.txt"),
    ],
)
def test_sarif_uris_are_percent_encoded(name: str, uri: str) -> None:
    """SARIF's artifactLocation.uri holds the name's bytes percent-encoded; absolute paths are file:// URIs."""
    report = json.loads(hostile_report("sarif", name))
    location = report["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == uri


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are a Linux matter")
def test_validate_end_to_end_with_a_hostile_file_name(tmp_path: Path) -> None:
    """validate over a real file named with a non-UTF-8 byte and ESC: every report is valid UTF-8, text has no ESC."""
    path = tmp_path / os.fsencode(HOSTILE).decode("utf-8", "surrogateescape")
    path.write_bytes(b"not a story")
    for output in OUTPUTS:
        done = subprocess.run(  # named, so checked (a walk leaves out what is no story)
            [sys.executable, "-m", "newsitem", "validate", str(path), "--output-format", output],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        shown = done.stdout.decode("utf-8")  # raises on invalid UTF-8
        if output in ("text", "github", "junit", "gitlab", "azure"):
            assert "\x1b" not in shown and "\\xe9" in shown


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are a Linux matter")
def test_inspect_error_line_shows_controls_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """inspect's error line for a file named with ESC and a non-UTF-8 byte passes neither raw to the terminal."""
    from newsitem.cli import main

    path = tmp_path / HOSTILE
    path.write_bytes(b"not a story")
    assert main(["inspect", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "caf\\xe9\\x1b[31m.txt" in err
    err.encode("utf-8")
