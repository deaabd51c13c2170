"""newsitem.batch.dask: the same results as the single-machine path, item for item, errors included,
on dask's synchronous scheduler, its local process scheduler and a distributed LocalCluster."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsitem.batch import pool
from newsitem.batch.steps import Options, Outcome
from newsitem.cli import main

dask = pytest.importorskip("dask", reason="dask is not installed (pip install -e '.[dask]')")
nd = pytest.importorskip("newsitem.batch.dask")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
DATA = Path(__file__).resolve().parent / "data"


def shards(folder: Path, prefix: str) -> str:
    return "".join(p.read_text() for p in sorted(folder.glob(f"{prefix}-*.jsonl")))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The single-machine path: newsitem convert's process pool, serial."""
    out = tmp_path_factory.mktemp("pool")
    pool.run(
        [str(EXAMPLES), str(DATA / "anpa"), str(DATA / "html")],
        Options(to=("jsonl",)),
        out=str(out),
        jobs=1,
    )
    return out


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip(
        "distributed", reason="distributed is not installed (pip install -e '.[dask]')"
    )
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


INPUTS = [str(EXAMPLES), str(DATA / "anpa"), str(DATA / "html")]


@pytest.mark.parametrize("scheduler", ["synchronous", "processes", "cluster"])
def test_identical_to_the_pool(
    scheduler: str, reference: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """On each scheduler the JSON Lines and error shards concatenate to the pool's files, item for item."""
    chosen: Any = request.getfixturevalue("cluster") if scheduler == "cluster" else scheduler
    bag = nd.read_stories(INPUTS, files_per_partition=3)
    assert bag.npartitions > 3
    counts = nd.write(bag, format="jsonl", path=str(tmp_path), scheduler=chosen)
    expected = (reference / "stories.jsonl").read_text()
    assert shards(tmp_path, "stories") == expected
    assert shards(tmp_path, "errors") == (reference / "errors.jsonl").read_text()
    assert counts["converted"] == len(expected.splitlines())
    assert counts["failed"] == len((reference / "errors.jsonl").read_text().splitlines())


def test_records_carry_story_or_error() -> None:
    """Each record of a bag is an Outcome carrying a story or the error record with its position."""
    records = nd.read_stories([str(EXAMPLES)]).compute(scheduler="synchronous")
    assert len(records) == 16 and all(isinstance(r, Outcome) for r in records)
    broken = [r for r in records if r.error is not None]
    assert [r.locator for r in broken] == [str(EXAMPLES / "broken.txt")]
    assert broken[0].error["line"] == 1 and broken[0].error["column"] == 1 and broken[0].story is None
    assert all(r.story is not None for r in records if r.error is None)


def test_one_file_per_story_and_index(tmp_path: Path) -> None:
    """Per-story files and index.html written on Dask equal the pool's byte for byte."""
    single = tmp_path / "pool"
    pool.run([str(EXAMPLES)], Options(to=("json", "html")), out=str(single), jobs=1)
    on_dask = tmp_path / "dask"
    nd.write(
        nd.read_stories([str(EXAMPLES)]), format=("json", "html"), path=str(on_dask), scheduler="processes"
    )
    stories = sorted(p.relative_to(single).as_posix() for p in single.rglob("*.json") if p.is_file())
    assert stories == sorted(
        p.relative_to(on_dask).as_posix() for p in on_dask.rglob("*.json") if p.is_file()
    )
    assert all((single / s).read_bytes() == (on_dask / s).read_bytes() for s in stories)
    assert (single / "index.html").read_text() == (on_dask / "index.html").read_text()


def test_a_broken_archive_does_not_fail_the_job(tmp_path: Path) -> None:
    """An unreadable archive is an error record and the other files are still converted."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.tar").write_bytes(b"not a tar at all" * 64)
    (folder / "good.json").write_bytes((EXAMPLES / "ferry.json").read_bytes())
    counts = nd.write(
        nd.read_stories([str(folder)]), format="jsonl", path=str(tmp_path / "out"), scheduler="processes"
    )
    assert counts == {
        "converted": 1,
        "failed": 1,
        "format_failures": 0,
        "losses": 0,
        "minted": 0,
        "partitions": counts["partitions"],
    }
    error = json.loads(shards(tmp_path / "out", "errors"))
    assert error["error"] == "Unreadable" and "not a readable tar archive" in error["message"]


def test_cli_engine_dask(tmp_path: Path, cluster: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """convert --engine dask on a cluster writes the shards and the pool's summary line."""
    address = cluster.scheduler.address
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            str(EXAMPLES),
            "--to",
            "jsonl",
            "-o",
            str(out),
            "--engine",
            "dask",
            "--scheduler",
            address,
        ]
    )
    assert code == 1
    assert "converted 15 stories this run (1 failed; 16 in all)" in capsys.readouterr().err
    assert len(shards(out, "stories").splitlines()) == 15


def test_cli_engine_dask_usage(capsys: pytest.CaptureFixture[str]) -> None:
    """--engine dask without -o, or with --resume, is a usage error (exit 2)."""
    assert main(["convert", str(EXAMPLES), "--to", "jsonl", "--engine", "dask"]) == 2
    assert "give -o a directory" in capsys.readouterr().err
    assert main(["convert", str(EXAMPLES), "--to", "jsonl", "-o", "x", "--engine", "dask", "--resume"]) == 2


def test_cli_engine_dask_refuses_an_earlier_runs_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F29: --engine dask into an OUT holding a pool run's manifest, and a pool run into an OUT
    holding Dask manifest shards, stop with a usage error (exit 2) and change nothing there."""
    pooled = tmp_path / "pooled"
    pool.run([str(EXAMPLES / "ferry.json")], Options(to=("json",)), out=str(pooled), jobs=1)
    before = {p: p.read_bytes() for p in pooled.rglob("*") if p.is_file()}
    assert main(["convert", str(EXAMPLES), "--to", "json", "-o", str(pooled), "--engine", "dask"]) == 2
    assert "holds an earlier run of 1 story" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in pooled.rglob("*") if p.is_file()} == before
    dasked = tmp_path / "dasked"
    dasked.mkdir()
    (dasked / nd.manifest_shard(0)).write_text("{}\n")
    for resume in ([], ["--resume"]):
        assert main(["convert", str(EXAMPLES), "--to", "json", "-o", str(dasked), *resume]) == 2
        assert "--engine dask, 1 manifest shards" in capsys.readouterr().err
    assert sorted(p.name for p in dasked.iterdir()) == [nd.manifest_shard(0)]


def test_import_newsitem_does_not_import_dask() -> None:
    """Importing newsitem, its CLI and the pool does not import dask."""
    code = (
        "import sys, newsitem, newsitem.cli, newsitem.batch.pool;"
        " print(any(m == 'dask' or m.startswith('dask.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_write_needs_records_from_one_partition(tmp_path: Path) -> None:
    """write() accepts filtered bags and refuses records mixed by a repartition."""
    bag = nd.read_stories([str(EXAMPLES)], files_per_partition=3)
    assert bag.npartitions > 1
    filtered = bag.filter(lambda record: record.error is None)  # filtering keeps partitions: fine
    assert (
        nd.write(filtered, format="jsonl", path=str(tmp_path / "ok"), scheduler="synchronous")["failed"] == 0
    )
    with pytest.raises(ValueError, match="one partition number each"):
        nd.write(bag.repartition(1), format="jsonl", path=str(tmp_path / "no"), scheduler="synchronous")
