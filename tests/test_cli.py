"""The newsitem command: --version and formats, called in-process and as a program."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

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


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_LINE = re.compile(
    r"converted (?P<converted>[\d,]+) stor(?:y|ies) this run \((?:(?P<earlier>[\d,]+) earlier; )?"
    r"(?P<failed>[\d,]+) failed; (?P<total>[\d,]+) in all\)"
)


def _counts(err: str) -> dict[str, int]:
    found = _LINE.search(err)
    assert found is not None, err
    return {key: int((value or "0").replace(",", "")) for key, value in found.groupdict().items()}


def _stories(folder: Path, names: list[str]) -> None:
    """Copies of the example story under ``names`` (``*.txt`` ones unreadable)."""
    folder.mkdir(exist_ok=True)
    for name in names:
        data = b"\x00 not a story" if name.endswith(".txt") else (EXAMPLES / "story.json").read_bytes()
        (folder / name).write_bytes(data)


def test_summary_adds_up_over_a_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A resumed run's line says this run's, the earlier runs' and the failed stories, and they add
    up to the stories in all: the failures are the lines of errors.jsonl."""
    source, out = tmp_path / "in", tmp_path / "out"
    _stories(source, ["a.json", "b.json"])
    assert main(["convert", str(source), "--to", "json", "-o", str(out), "-j", "1"]) == 0
    assert _counts(capsys.readouterr().err) == {"converted": 2, "earlier": 0, "failed": 0, "total": 2}
    _stories(source, ["c.json", "d.txt"])
    assert main(["convert", str(source), "--to", "json", "-o", str(out), "-j", "1", "--resume"]) == 1
    counts = _counts(capsys.readouterr().err)
    assert counts == {"converted": 1, "earlier": 2, "failed": 1, "total": 4}
    assert counts["converted"] + counts["earlier"] + counts["failed"] == counts["total"]
    assert len((out / "errors.jsonl").read_text().splitlines()) == counts["failed"]


@pytest.mark.parametrize(("names", "status"), [(["a.json", "b.json"], 0), (["a.json", "b.txt"], 1)])
def test_a_resume_with_nothing_left_says_so(
    names: list[str], status: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A resume that finds everything done says 'nothing left to do' with the earlier runs' counts
    and exits with the status of the whole run (1 when an earlier run had a failure)."""
    source, out = tmp_path / "in", tmp_path / "out"
    _stories(source, names)
    argv = ["convert", str(source), "--to", "json", "-o", str(out), "-j", "1", "-q"]
    assert main(argv) == status
    assert main([*argv[:-1], "--resume"]) == status
    failed = sum(name.endswith(".txt") for name in names)
    expected = f"nothing left to do: earlier runs converted {2 - failed} of 2 stories ({failed} failed)"
    assert capsys.readouterr().err.splitlines()[0].split("; ")[0] == expected


def test_strict_makes_a_loss_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """By default a format that cannot carry every field is written and counted in the summary;
    --strict makes it a failure of that format, worded with the flag, not a Python keyword."""
    story = str(EXAMPLES / "story.json")
    assert main(["convert", story, "--to", "json,anpa", "-o", str(tmp_path / "lossy"), "-j", "1"]) == 0
    assert "1 file written with fields left out" in capsys.readouterr().err
    out = tmp_path / "strict"
    assert main(["convert", story, "--to", "json,anpa", "-o", str(out), "-j", "1", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "converted 1 story this run (0 failed; 1 in all); 1 format failure" in err
    record = json.loads((out / "errors.jsonl").read_text())
    assert record["format"] == "anpa" and "--strict" in record["message"]
    assert "strict=" not in record["message"] and "lossy=" not in record["message"]


def test_mint_guid_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A story without a guid gets a minted one for ninjs by default (counted in the summary);
    --no-mint-guid refuses instead (a ninjs failure), --mint-guid gives one to every format."""
    data = json.loads((EXAMPLES / "story.json").read_text())
    del data["guid"]
    story = tmp_path / "noguid.json"
    story.write_text(json.dumps(data))
    base = ["convert", str(story), "--to", "json,ninjs", "-j", "1"]
    assert main([*base, "-o", str(tmp_path / "default")]) == 0
    assert "1 guid minted" in capsys.readouterr().err
    assert "guid" not in json.loads((tmp_path / "default" / "noguid.json.json").read_text())
    assert main([*base, "-o", str(tmp_path / "never"), "--no-mint-guid"]) == 1
    assert json.loads((tmp_path / "never" / "errors.jsonl").read_text())["format"] == "ninjs"
    capsys.readouterr()
    assert main([*base, "-o", str(tmp_path / "always"), "--mint-guid"]) == 0
    assert "guid" in json.loads((tmp_path / "always" / "noguid.json.json").read_text())


def test_messages_name_options_not_keywords(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every error convert records or prints, for every writable format, strict or not, names the
    command-line option (--strict, --tz, --no-mint-guid), never a Python keyword (lossy=, naive_tz=)."""
    targets = ",".join(info.name for info in formats.available() if info.can_write)
    messages = []
    for name, extra in (("default", []), ("strict", ["--strict", "--no-mint-guid"])):
        out = tmp_path / name
        main(["convert", str(EXAMPLES / "archive"), "--to", targets, "-o", str(out), "-j", "1", *extra])
        messages += [json.loads(line)["message"] for line in (out / "errors.jsonl").read_text().splitlines()]
    messages += capsys.readouterr().err.splitlines()
    keywords = [m for m in messages if re.search(r"\b[a-z][a-z_]*=", m)]
    assert keywords == []
    assert any("--strict" in m for m in messages) and any("--tz" in m for m in messages)


def test_formats_table_columns_line_up(capsys: pytest.CaptureFixture[str]) -> None:
    """The table's columns line up whatever the extensions' length (.xml,.newsml.xml): every row's
    kind starts under KIND."""
    assert main(["formats"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    column = header.index("KIND")
    assert {row[column:].split()[0] for row in rows} == {"format", "layout"}


@pytest.mark.parametrize(
    ("out", "advice"), [(False, "interrupted: stopped"), (True, "run again with --resume")]
)
def test_interrupted_advice_fits_the_run(
    out: bool,
    advice: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Ctrl-C advises --resume only where a resume can go on (a run with -o), exit 130 either way."""
    from newsitem.batch import pool

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pool, "run", interrupted)
    argv = ["convert", str(EXAMPLES / "story.json"), "--to", "jsonl"]
    assert main([*argv, "-o", str(tmp_path / "out")] if out else argv) == 130
    err = capsys.readouterr().err
    assert advice in err and ("--resume" in err) == out
