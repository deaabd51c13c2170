"""The fuzz harness (fuzz/): its targets, called directly as atheris calls them, and its runner.

Every invalid-input regression file goes through the targets without a foreign
exception; a reader or writer that raises one, or is too slow, is flagged, so the
check can fail. atheris itself is needed only by the one test that starts it.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import newsitem
from newsitem.errors import ParseError
from newsitem.formats import load_module

from .conftest import DATA

FUZZ = Path(__file__).resolve().parents[1] / "fuzz"
if not (FUZZ / "targets.py").is_file():
    pytest.skip("no fuzz/ beside tests/ (a source distribution without the harness)", allow_module_level=True)


def _module(name: str) -> ModuleType:
    """fuzz/<name>.py as module ``name`` (fuzz/ is scripts, not a package; run.py imports targets)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, FUZZ / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


stories = _module("stories")
targets = _module("targets")
runner = _module("run")

REGRESSIONS = sorted(
    (folder.parent.name, path)
    for folder in DATA.glob("*/invalid")
    for path in folder.iterdir()
    if path.is_file() and path.suffix != ".expected"
)
FUZZ_REGRESSIONS = sorted(
    (path.parent.name, path) for path in (FUZZ / "regressions").glob("*/*") if path.is_file()
)
"""Inputs that once failed a target and are not an invalid input of one format (a writer's
crash on a story read from a valid file): fuzz/regressions/<target>/NAME."""

ATHERIS_LOG = """\
INFO: seed corpus: files: 1 min: 3b max: 3b total: 3b rss: 40Mb

 === Uncaught Python exception: ===
KeyError: 'boom'
Traceback (most recent call last):
  File "/tmp/crash.py", line 4, in t
    raise KeyError("boom")
KeyError: 'boom'

==5807== ERROR: libFuzzer: fuzz target exited
SUMMARY: libFuzzer: fuzz target exited
artifact_prefix='fuzz/crashes/json/'; Test unit written to fuzz/crashes/json/crash-66b27417
stat::number_of_executed_units: 2
stat::average_exec_per_sec:     0
"""


def _raising(error: BaseException) -> Callable[..., Any]:
    def raiser(*args: object, **kwargs: object) -> Any:
        raise error

    return raiser


def test_one_target_per_reader_plus_parse_and_the_writers() -> None:
    """The harness has a target for every registered reader, plus parse, write and story, and no other."""
    readers = [info.name for info in newsitem.formats.available() if info.can_read]
    assert sorted(targets.TARGETS) == sorted([*readers, "parse", "write", "story"])


@pytest.mark.parametrize(("format", "path"), [pytest.param(f, p, id=f"{f}-{p.name}") for f, p in REGRESSIONS])
def test_regression_files_pass_every_target(format: str, path: Path) -> None:
    """A regression file goes through its reader's target, parse and the writers with no foreign exception."""
    data = path.read_bytes()
    if format in targets.TARGETS and format not in ("parse", "write"):
        targets.TARGETS[format](data)
        targets.write_target(targets.seed_prefix(format) + data)
    targets.parse_target(data)


@pytest.mark.parametrize(
    ("target", "path"), [pytest.param(t, p, id=f"{t}-{p.name}") for t, p in FUZZ_REGRESSIONS]
)
def test_fuzz_regressions_pass_their_target(target: str, path: Path) -> None:
    """An input kept in fuzz/regressions/<target>/ (F2: a year-1 or year-9999 time in ANPA and IPTC 7901) passes."""
    targets.TARGETS[target](path.read_bytes())


def test_fuzz_regressions_exist_for_every_target_they_name() -> None:
    """Every folder of fuzz/regressions/ is a target's name, and the writers' findings are kept there."""
    assert {target for target, _ in FUZZ_REGRESSIONS} <= set(targets.TARGETS)
    assert any(target == "write" for target, _ in FUZZ_REGRESSIONS)


@pytest.mark.parametrize(
    "error",
    [
        KeyError("x"),
        AssertionError(),
        UnicodeEncodeError("ascii", "é", 0, 1, "no"),
        MemoryError(),
        RecursionError("deep"),
        OverflowError("year"),
    ],
)
def test_reader_target_flags_a_foreign_exception(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """A reader raising anything but a NewsItemError makes its target raise ForeignError, the original as cause."""
    monkeypatch.setattr(load_module("anpa"), "loads", _raising(error))
    with pytest.raises(targets.ForeignError, match=type(error).__name__) as caught:
        targets.TARGETS["anpa"](b"\x01anything")
    assert caught.value.__cause__ is error


def test_reader_target_passes_our_own_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader refusing its input with a ParseError is what a reader should do: the target returns."""
    monkeypatch.setattr(load_module("anpa"), "loads", _raising(ParseError("no", format="anpa")))
    assert targets.TARGETS["anpa"](b"\x01anything") is None


def test_write_target_flags_a_writer_foreign_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer raising a foreign exception on a story read from the fuzzed bytes is flagged."""
    monkeypatch.setattr(load_module("iptc7901"), "dumps", _raising(OverflowError("date value out of range")))
    story = (DATA / "json" / "valid" / "full.json").read_bytes()
    with pytest.raises(targets.ForeignError, match=r"dumps\(json -> iptc7901\).*OverflowError"):
        targets.write_target(targets.seed_prefix("json") + story)


def test_story_target_flags_a_writer_foreign_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    """The story target writes a story built from the bytes in every format: a writer's foreign exception is flagged."""
    monkeypatch.setattr(load_module("email"), "dumps", _raising(UnicodeEncodeError("ascii", "ü", 0, 1, "no")))
    with pytest.raises(targets.ForeignError, match=r"dumps\(fields -> email\).*UnicodeEncodeError"):
        targets.story_target(b"headline bytes")


def test_story_target_flags_output_its_own_reader_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer's output that its own reader refuses (with our own error) is flagged: every dumps reads back."""
    monkeypatch.setattr(load_module("json"), "loads", _raising(ParseError("refused", format="json")))
    with pytest.raises(targets.UnreadableError, match=r"loads\(json, written from fields\).*refused"):
        targets.story_target(b"headline bytes")


def test_stories_spend_the_bytes_on_the_fields() -> None:
    """story_from is a function of the bytes: the same bytes give the same story, and most bytes give one."""
    samples = [bytes(range(seed, 256)) + bytes(range(seed)) for seed in range(0, 256, 8)]
    made = [stories.story_from(sample) for sample in samples]
    assert made == [stories.story_from(sample) for sample in samples]
    assert sum(story is not None for story in made) > len(samples) // 2
    assert len({story for story in made if story is not None}) > 1


def test_parse_target_flags_a_foreign_exception_from_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception from detection (parse's first step) is flagged like a reader's."""
    monkeypatch.setattr(newsitem.formats, "detect", _raising(IndexError("sniff")))
    with pytest.raises(targets.ForeignError, match="IndexError"):
        targets.parse_target(b"anything")


def _burn(seconds: float) -> None:
    """Spend ``seconds`` of CPU time (the hang budget counts CPU time: sleeping costs none)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_a_sleeping_reader_is_no_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wall time a reader spends waiting (a niced fuzzer, a paused process) is not counted against its
    budget: each call is timed once (no retry) and no HangError is raised."""
    monkeypatch.setattr(targets, "FLOOR_SECONDS", 0.01)
    calls: list[int] = []

    def sleepy(data: object, tz: object = None) -> None:
        calls.append(1)
        time.sleep(0.05)
        raise ParseError("no", format="web-story")

    monkeypatch.setattr(load_module("web-story"), "loads", sleepy)
    targets.TARGETS["web-story"](b"x" * 100)
    assert len(calls) == 2  # bytes once, str once: neither over the budget


def test_a_slow_reader_is_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader over its budget (1 s per 10 KB, floor lowered here) on two timings is a HangError."""
    monkeypatch.setattr(targets, "FLOOR_SECONDS", 0.01)
    monkeypatch.setattr(load_module("web-story"), "loads", lambda data, tz=None: _burn(0.05))
    with pytest.raises(targets.HangError, match="twice"):
        targets.TARGETS["web-story"](b"x" * 100)


def test_one_slow_timing_is_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A call slow once and quick when timed again (a busy machine) is not reported, but is the slowest."""
    monkeypatch.setattr(targets, "FLOOR_SECONDS", 0.01)
    monkeypatch.setattr(targets, "slowest", targets.Slowest())
    calls: list[int] = []

    def slow_first(data: object, tz: object = None) -> None:
        calls.append(1)
        if len(calls) == 1:
            _burn(0.05)
        raise ParseError("no", format="web-story")

    monkeypatch.setattr(load_module("web-story"), "loads", slow_first)
    targets.TARGETS["web-story"](b"x" * 100)
    assert len(calls) == 3  # bytes twice (slow, then quick), then str once
    assert targets.slowest.seconds >= 0.05


def test_budget_is_one_second_per_10kb_with_a_floor() -> None:
    """The hang bound is the issue's 1 s per 10 KB, and a whole second for smaller inputs."""
    assert targets.budget(100) == 1.0
    assert targets.budget(1024 * 1024) == pytest.approx(102.4)


def test_ignored_signature_passes_a_known_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """While hunting, a finding named by --ignore (its Type@file:line, or a part) is passed over."""
    monkeypatch.setattr(load_module("anpa"), "loads", _raising(KeyError("x")))
    monkeypatch.setattr(targets, "IGNORED", ("KeyError@test_fuzz.py",))
    targets.TARGETS["anpa"](b"x")
    monkeypatch.setattr(targets, "IGNORED", ("ValueError",))
    with pytest.raises(targets.ForeignError, match=r"KeyError@test_fuzz\.py:\d+"):
        targets.TARGETS["anpa"](b"x")


def test_runner_reads_a_crash_from_the_log() -> None:
    """The runner takes the inputs run, the reproducer and the exception from an atheris crash log, and fails."""
    result = runner.Result("json")
    runner.read_log(result, ATHERIS_LOG, 77)
    assert result.failed
    assert result.runs == 2
    assert result.reproducers == ["fuzz/crashes/json/crash-66b27417"]
    assert "KeyError: 'boom'" in result.exception
    printed = runner.report(result)
    assert "FAILED: reproducer fuzz/crashes/json/crash-66b27417" in printed
    assert 'raise KeyError("boom")' in printed


def test_runner_passes_a_clean_run() -> None:
    """A run that ends with its final stats and exit 0 is not a failure, and its figures are read."""
    result = runner.Result("json")
    runner.read_log(
        result,
        "Done 500 runs in 2 second(s)\nstat::number_of_executed_units: 500\n"
        "stat::average_exec_per_sec:     250\n",
        0,
    )
    assert not result.failed
    assert (result.runs, result.exec_per_second) == (500, 250)


def test_a_wall_clock_slow_unit_is_no_failure() -> None:
    """libFuzzer's slow-unit report (wall time over 10 s: a pause of a niced process on a shared machine)
    is kept apart and fails nothing; a crash reproducer in the same log still does."""
    log = (
        "Slowest unit: 17 s:\nTest unit written to fuzz/crashes/email/slow-unit-a68f\n"
        "Done 1000000 runs in 9173 second(s)\nstat::number_of_executed_units: 1000000\n"
    )
    result = runner.Result("email")
    runner.read_log(result, log, 0)
    assert not result.failed
    assert result.slow_units == ["fuzz/crashes/email/slow-unit-a68f"]
    crashed = runner.Result("email")
    runner.read_log(crashed, log + "Test unit written to fuzz/crashes/email/crash-1\n", 0)
    assert crashed.failed and crashed.reproducers == ["fuzz/crashes/email/crash-1"]


def test_seeds_and_dictionaries(tmp_path: Path) -> None:
    """Every target gets seeds from tests/data (the write target's prefixed with their reader) and a dictionary."""
    for name in targets.TARGETS:
        into = tmp_path / name
        into.mkdir()
        assert runner.build_seeds(name, into, 65536) > 0, name
        assert runner.build_dict(name, tmp_path) is not None, name
    first = sorted((tmp_path / "write").iterdir())[0]
    assert first.read_bytes()[:1] == targets.seed_prefix(first.name.split("-", 1)[1])
    assert all(".expected" not in p.name for p in (tmp_path / "anpa").iterdir())


def test_dictionaries_are_libfuzzer_syntax() -> None:
    """Every dictionary line is a comment or a quoted token with only libFuzzer's escapes (\\\\, \\", \\xNN)."""
    quoted = re.compile(r'^"(?:[^"\\]|\\\\|\\"|\\x[0-9a-fA-F]{2})+"$')
    for path in sorted((FUZZ / "dicts").glob("*.dict")):
        for line in path.read_text("utf-8").splitlines():
            assert not line or line.startswith("#") or quoted.match(line), (path.name, line)


def test_atheris_runs_a_target_on_a_reproducer() -> None:
    """fuzz/_main.py replays a file through a target under atheris (how a reproducer is checked), exit 0."""
    pytest.importorskip("atheris", reason="atheris is the fuzz extra: pip install -e '.[fuzz]'")
    seed = DATA / "anpa" / "invalid" / "no-etx.tst"
    done = subprocess.run(
        [sys.executable, str(FUZZ / "_main.py"), "anpa", str(seed)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Executed" in done.stderr
