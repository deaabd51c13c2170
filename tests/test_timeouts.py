"""The per-story time limit (``--timeout``) of the batch: it holds for each story of a
container on its own, and when it runs out no reader can take it for a story's error."""

from __future__ import annotations

import importlib
import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import newsitem
from newsitem.batch import pool, sink, steps
from newsitem.batch.steps import Options
from newsitem.errors import ValidationError
from newsitem.formats import json as json_format

ROOT = Path(__file__).resolve().parents[1]
FERRY = ROOT / "examples" / "archive" / "ferry.json"

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="time limits need POSIX timers")


def _feed(path: Path, count: int) -> Path:
    """A JSON Lines file of ``count`` stories headlined ``Story 1``..``Story N``."""
    base = newsitem.load(FERRY)
    lines = []
    for number in range(1, count + 1):
        text = newsitem.dumps(attrs.evolve(base, headline=f"Story {number}"), format="json")
        assert isinstance(text, str)
        lines.append(json.dumps(json.loads(text)) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _slow_story(monkeypatch: pytest.MonkeyPatch, seconds: dict[str, float]) -> None:
    """Reading a story headlined as a key of ``seconds`` takes that long, inside an
    ``except Exception`` that turns whatever it catches into a ValidationError, as cattrs'
    structuring of a field does."""
    original = json_format._read

    def read(document: Any) -> newsitem.Story:
        delay = seconds.get(document.get("headline", "")) if isinstance(document, dict) else None
        if delay:
            try:
                time.sleep(delay)
            except Exception as exc:  # what a reader's field structuring does with an error
                raise ValidationError.single("$.bylines[0]", f"{type(exc).__name__}: {exc}") from None
        return original(document)

    monkeypatch.setattr(json_format, "_read", read)


def test_the_timeout_cannot_be_caught_as_a_readers_error() -> None:
    """The timeout exception is no Exception, so no reader's ``except Exception`` takes it."""
    assert issubclass(steps._ItemTimeoutError, BaseException)
    assert not issubclass(steps._ItemTimeoutError, Exception)


def test_a_slow_story_of_a_container_is_a_timeout_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A container's third story, too slow, is a Timeout record for ``#3`` (never a
    ValidationError), the stories before it are converted, and the record says the later
    ones were not read."""
    _slow_story(monkeypatch, {"Story 3": 5.0})
    feed = _feed(tmp_path / "feed.jsonl", 5)
    out = tmp_path / "out"
    summary = pool.run([str(feed)], Options(to=("json",), timeout=0.3), out=str(out), jobs=1)
    errors = [json.loads(line) for line in (out / sink.ERRORS).read_text().splitlines()]
    assert [(e["input"], e["error"]) for e in errors] == [(f"{feed}#3", "Timeout")]
    assert "longer than 0.3 s" in errors[0]["message"] and "later stories" in errors[0]["message"]
    assert (summary.converted, summary.failed, summary.total) == (2, 1, 3)
    assert sorted(p.name for p in out.glob("feed.jsonl#*.json")) == ["feed.jsonl#1.json", "feed.jsonl#2.json"]


def test_each_story_of_a_container_has_its_own_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight stories of 0.1 s each under a 0.5 s limit are all converted: the limit is per
    story, not for the whole container (0.8 s)."""
    _slow_story(monkeypatch, {f"Story {n}": 0.1 for n in range(1, 9)})
    feed = _feed(tmp_path / "feed.jsonl", 8)
    outcomes = steps.parse_one(str(feed), feed.read_bytes(), Options(to=("json",), timeout=0.5))
    assert [o.error for o in outcomes] == [None] * 8
    assert [o.locator for o in outcomes] == [f"{feed}#{n}" for n in range(1, 9)]


def test_a_slow_single_story_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A file of one story that takes too long is one Timeout record under the file's own
    name, and the time limit's handler is gone afterwards."""
    _slow_story(monkeypatch, {"Story 1": 5.0})
    feed = _feed(tmp_path / "one.json", 1)
    before = signal.getsignal(signal.SIGALRM)
    outcomes = steps.parse_one("one.json", feed.read_bytes(), Options(to=("json",), timeout=0.2))
    assert len(outcomes) == 1 and outcomes[0].error is not None
    assert (outcomes[0].locator, outcomes[0].error["error"]) == ("one.json", "Timeout")
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_timeout_waits_for_an_import_under_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A time limit running out while a module is being imported waits for the import to end
    (a module left half imported stays broken: orjson's re-import crashed the process), then
    stops the story."""
    (tmp_path / "f2_slow_import.py").write_text("import time\ntime.sleep(0.4)\nDONE = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "f2_slow_import", raising=False)
    feed = _feed(tmp_path / "one.json", 1)  # before the patch: reading FERRY would import it untimed
    original = json_format._read

    def read(document: Any) -> newsitem.Story:
        importlib.import_module("f2_slow_import")
        time.sleep(5)
        return original(document)

    monkeypatch.setattr(json_format, "_read", read)
    started = time.monotonic()
    (outcome,) = steps.parse_one("one.json", feed.read_bytes(), Options(to=("json",), timeout=0.1))
    assert outcome.error is not None and outcome.error["error"] == "Timeout"
    assert sys.modules["f2_slow_import"].DONE is True
    assert time.monotonic() - started < 3
