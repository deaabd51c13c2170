"""Issue 14, item 1: one guard around every per-story step of every engine (the serial path,
the process pool, Dask, ``--resume``, ``validate``, ``inspect``): any exception a reader or
writer raises becomes an error record (or a finding, or one line) for that story, with its
step and type, and the run goes on."""

from __future__ import annotations

import faulthandler
import json
import multiprocessing
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsitem
from newsitem import _api
from newsitem.batch import inputs, pool, steps
from newsitem.batch.steps import Options
from newsitem.cli import main
from newsitem.errors import ParseError

KINDS: list[Callable[[], BaseException]] = [
    lambda: ValueError("injected"),
    lambda: AssertionError("injected"),
    lambda: UnicodeError("injected"),
    lambda: KeyError("injected"),
    MemoryError,
    lambda: RecursionError("injected"),
    lambda: ParseError("injected", format="json", line=1, column=1),
]
KIND_NAMES = [
    "ValueError",
    "AssertionError",
    "UnicodeError",
    "KeyError",
    "MemoryError",
    "RecursionError",
    "ParseError",
]

needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the injected fault reaches worker processes only when they are forked",
)


def story_bytes(headline: str) -> bytes:
    text = newsitem.dumps(newsitem.Story(headline=headline))
    assert isinstance(text, str)
    return text.encode()


def folder(root: Path, names: list[str]) -> Path:
    """A folder of JSON stories, each headed by its name."""
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / f"{name}.json").write_bytes(story_bytes(name))
    return root


def inject_parse(monkeypatch: pytest.MonkeyPatch, make: Callable[[], BaseException]) -> None:
    """The story whose headline is BOOM makes the reader raise ``make()`` (every reading path,
    parse_all included, goes through ``_api.loads_all``)."""
    real = _api.loads_all

    def loads_all(data: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if b"BOOM" in (data if isinstance(data, bytes) else data.encode()):
            raise make()
        return real(data, *args, **kwargs)

    monkeypatch.setattr(_api, "loads_all", loads_all)


def convert(inputs_: list[str], out: Path, *extra: str) -> int:
    return main(["convert", *inputs_, "--to", "json,jsonl", "-o", str(out), "-q", *extra])


def check_run(out: Path, code: int, kind: str, step: str, converted: list[str]) -> None:
    """Exit 1, one error record naming BOOM with its step and type, every other story written."""
    assert code == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1
    assert errors[0]["input"].endswith("BOOM.json")
    assert (errors[0]["error"], errors[0]["step"]) == (kind, step)
    assert (out / "stories.jsonl").exists() and not (out / "stories.jsonl.partial").exists()
    lines = [json.loads(line) for line in (out / "stories.jsonl").read_text().splitlines()]
    assert sorted(line["story"]["headline"] for line in lines) == sorted(converted)
    for name in converted:
        assert (out / "in" / f"{name}.json.json").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("make", KINDS, ids=KIND_NAMES)
def test_any_exception_of_a_reader_is_an_error_record(
    make: Callable[[], BaseException], jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each kind of exception from a reader, serially and in worker processes, is one error
    record with step and type, and the other stories are converted."""
    if jobs != "1" and multiprocessing.get_start_method() != "fork":
        pytest.skip("the injected fault reaches worker processes only when they are forked")
    inject_parse(monkeypatch, make)
    source = folder(tmp_path / "in", ["a", "BOOM", "c", "d"])
    out = tmp_path / "out"
    code = convert([str(source)], out, "-j", jobs)
    check_run(out, code, type(make()).__name__, "parse", ["a", "c", "d"])


def test_read_render_and_write_steps_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while reading bytes, rendering or writing a story's file is a record naming that step."""
    source = folder(tmp_path / "in", ["a", "BOOM", "c"])
    real_read, real_dumps, real_write = inputs.Reader.read, _api.dumps, steps.write_atomic

    def read(self: inputs.Reader, unit: inputs.Unit) -> bytes:
        if "BOOM" in unit.locator:
            raise KeyError("no such member")
        return real_read(self, unit)

    def dumps(story: newsitem.Story, format: str = "json", **kwargs: Any) -> str | bytes:
        if story.headline == "BOOM":
            raise AttributeError("injected")
        return real_dumps(story, format, **kwargs)

    def write(path: Path, data: bytes, **kwargs: Any) -> None:
        if "BOOM" in path.name:
            raise PermissionError(13, "Permission denied", str(path))
        real_write(path, data, **kwargs)

    for target, name, fake, kind, step in (
        (inputs.Reader, "read", read, "KeyError", "read"),
        (_api, "dumps", dumps, "AttributeError", "render"),
        (steps, "write_atomic", write, "PermissionError", "write"),
    ):
        with monkeypatch.context() as patch:
            patch.setattr(target, name, fake)
            out = tmp_path / f"out-{step}"
            check_run(out, convert([str(source)], out, "-j", "1"), kind, step, ["a", "c"])


@needs_fork
@pytest.mark.parametrize("how", ["exit", "segfault"])
def test_a_worker_that_dies_loses_no_story(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that ends its worker process (os._exit, or a segfault: SIGSEGV) gives that story a
    WorkerDied record; the batch is redone one story at a time and every other story is converted."""

    def die() -> BaseException:
        if how == "segfault":
            faulthandler.disable()  # pytest's, inherited by the worker: no stack dump on the run's stderr
            os.kill(os.getpid(), signal.SIGSEGV)
        os._exit(3)

    inject_parse(monkeypatch, die)
    source = folder(tmp_path / "in", ["a", "b", "BOOM", "c", "d", "e"])
    out = tmp_path / "out"
    summary = pool.run([str(source)], Options(to=("json", "jsonl")), out=str(out), jobs=2, chunk=2)
    assert (summary.converted, summary.failed) == (5, 1)
    check_run(out, summary.exit_code, "WorkerDied", "convert", ["a", "b", "c", "d", "e"])


@needs_fork
def test_a_dead_worker_through_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert -j2 with a story that kills its worker: exit 1, one record, the summary counts it, no traceback."""
    inject_parse(monkeypatch, lambda: os._exit(9))
    source = folder(tmp_path / "in", ["a", "BOOM", "c"])
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "json,jsonl", "-o", str(out), "-j", "2"]) == 1
    err = capsys.readouterr().err
    assert "converted 2 stories this run (1 failed; 3 in all)" in err and "Traceback" not in err
    check_run(out, 1, "WorkerDied", "convert", ["a", "c"])


def test_resume_goes_past_a_story_that_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A resumed run meeting a story whose reader raises records it and finishes the rest."""
    source = folder(tmp_path / "in", ["a", "b"])
    out = tmp_path / "out"
    assert convert([str(source)], out, "-j", "1") == 0
    folder(source, ["BOOM", "c"])
    inject_parse(monkeypatch, lambda: AssertionError("injected"))
    code = convert([str(source)], out, "-j", "1", "--resume")
    check_run(out, code, "AssertionError", "parse", ["a", "b", "c"])


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_dask_engine_records_any_exception(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Dask, a reader raising MemoryError or ValueError gives an error shard record; the job goes on."""
    nd = pytest.importorskip("newsitem.batch.dask")
    source = folder(tmp_path / "in", ["a", "BOOM", "c"])
    for make in (MemoryError, lambda: ValueError("injected")):
        inject_parse(monkeypatch, make)
        out = tmp_path / f"out-{type(make()).__name__}"
        counts = nd.write(nd.read_stories([str(source)]), format="jsonl", path=str(out), scheduler=scheduler)
        assert (counts["converted"], counts["failed"]) == (2, 1)
        errors = [
            json.loads(line)
            for p in sorted(out.glob("errors-*.jsonl"))
            for line in p.read_text().splitlines()
        ]
        assert [(e["error"], e["step"]) for e in errors] == [(type(make()).__name__, "parse")]


@pytest.mark.parametrize("make", KINDS, ids=KIND_NAMES)
def test_validate_reports_any_exception_as_a_finding(
    make: Callable[[], BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """validate turns any exception of a reader into a finding (NI005, NI002 for deep nesting) and checks the other files."""
    source = folder(tmp_path / "in", ["a", "BOOM", "c"])
    inject_parse(monkeypatch, make)
    assert main(["validate", str(source), "--output", "jsonl", "--ignore", "NI210"]) == 1
    captured = capsys.readouterr()
    findings = [json.loads(line) for line in captured.out.splitlines()]
    assert "Traceback" not in captured.err
    assert len(findings) == 1 and findings[0]["file"].endswith("BOOM.json")
    expected = {"RecursionError": "NI002", "ParseError": "NI002"}.get(type(make()).__name__, "NI005")
    assert findings[0]["rule"] == expected and findings[0]["severity"] == "error"


def test_validate_read_failure_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An exception while fetching a file's bytes is an NI005 finding; the other files are checked."""
    source = folder(tmp_path / "in", ["a", "BOOM"])
    real = inputs.Reader.read

    def read(self: inputs.Reader, unit: inputs.Unit) -> bytes:
        if "BOOM" in unit.locator:
            raise MemoryError
        return real(self, unit)

    monkeypatch.setattr(inputs.Reader, "read", read)
    assert main(["validate", str(source), "--output", "jsonl", "--ignore", "NI210"]) == 1
    findings = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(f["rule"], Path(f["file"]).name) for f in findings] == [("NI005", "BOOM.json")]
    assert "MemoryError" in findings[0]["message"]


@pytest.mark.parametrize("make", KINDS, ids=KIND_NAMES)
def test_inspect_says_one_line_and_exits_1(
    make: Callable[[], BaseException],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """inspect reports any exception of a reader as one line on stderr, exit 1, no traceback."""
    path = folder(tmp_path / "in", ["BOOM"]) / "BOOM.json"

    inject_parse(monkeypatch, make)
    assert main(["inspect", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(str(path)) and "Traceback" not in err


def test_keyboard_interrupt_is_not_swallowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard keeps KeyboardInterrupt going: Ctrl-C still stops a run."""
    inject_parse(monkeypatch, KeyboardInterrupt)
    source = folder(tmp_path / "in", ["a", "BOOM"])
    with pytest.raises(KeyboardInterrupt):
        pool.run([str(source)], Options(to=("jsonl",)), out=str(tmp_path / "o.jsonl"), jobs=1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("command", ["validate", "inspect"])
def test_a_fifo_is_reported_and_the_run_goes_on(command: str, tmp_path: Path) -> None:
    """A FIFO beside a good file is reported (NI004 finding, or one error line) and the good file
    is still checked; the command finishes promptly instead of blocking on the FIFO."""
    source = folder(tmp_path / "in", ["good"])
    os.mkfifo(source / "pipe")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsitem",
            command,
            str(source),
            *(["--output", "jsonl", "--ignore", "NI210"] if command == "validate" else []),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    if command == "validate":
        findings = [json.loads(line) for line in done.stdout.splitlines()]
        assert [(f["rule"], Path(f["file"]).name) for f in findings] == [("NI004", "pipe")]
    else:
        assert "good" in done.stdout
        assert done.stderr.count("\n") == 1 and done.stderr.startswith(str(source / "pipe"))


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are a Linux matter")
def test_dask_error_shard_with_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """On Dask, a failed file named with a byte that is not UTF-8 is an error record (ASCII JSON), not a failed job."""
    nd = pytest.importorskip("newsitem.batch.dask")
    source = folder(tmp_path / "in", ["a"])
    (source / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"not a story")
    out = tmp_path / "out"
    counts = nd.write(nd.read_stories([str(source)]), format="jsonl", path=str(out), scheduler="synchronous")
    assert (counts["converted"], counts["failed"]) == (1, 1)
    records = [
        json.loads(line) for p in sorted(out.glob("errors-*.jsonl")) for line in p.read_text().splitlines()
    ]
    assert [os.fsencode(r["input"]).endswith(b"caf\xe9.txt") for r in records] == [True]
