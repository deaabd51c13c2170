"""One home for "how many workers" (``-j``): the cores this process may use (its CPU
affinity, not the host's count), never more workers than units of work, for convert and
validate alike."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from newsitem.batch import _cores as cores
from newsitem.batch import pool
from newsitem.batch.steps import Options
from newsitem.cli import validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "archive"


@pytest.fixture
def one_core_of_64(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process pinned to one core of a 64-core host (a container, ``taskset``)."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ``max_workers`` of every process pool convert starts."""
    sizes: list[int] = []
    real = ProcessPoolExecutor

    def recording(*args: Any, **kwargs: Any) -> Any:
        sizes.append(kwargs.get("max_workers", args[0] if args else 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", recording)
    return sizes


@pytest.mark.usefixtures("one_core_of_64")
def test_the_default_is_the_cores_this_process_may_use(tmp_path: Path, started: list[int]) -> None:
    """Pinned to one core, convert's and validate's default is one worker, not 64."""
    assert cores.usable() == 1
    pool.run([str(EXAMPLES)], Options(to=("json",)), out=str(tmp_path / "out"), jobs=None)
    assert started == []  # one worker: the run is serial
    assert validate._workers(0, 10_000) == 1


def test_never_more_workers_than_units(tmp_path: Path, started: list[int]) -> None:
    """-j 50 on three files starts at most three worker processes (validate: at most the files)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ferry.json", "regatta.txt", "rowing.tst"):
        (folder / name).write_bytes((EXAMPLES / name).read_bytes())
    summary = pool.run([str(folder)], Options(to=("json",)), out=str(tmp_path / "out"), jobs=50)
    assert summary.total == 3
    assert started and max(started) <= 3
    assert validate._workers(50, 3) == 3
    assert cores.workers(50, units=3) == 3 and cores.workers(0, units=0) == 1
