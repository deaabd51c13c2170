"""Issue 19, "parallelism that pays": with ``-j2`` the parent process only lists, schedules
and writes (reading, parsing and rendering happen in the workers), work starts while the
inputs are still being listed, the last batches are cut so the workers end together, and
the output is the same, byte for byte, whatever ``-j`` (resume and a dying worker included)."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import tarfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import _api
from newsitem.batch import inputs, names, pool, steps
from newsitem.batch.steps import Options

needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="what the parent patches reaches the workers only when they are forked",
)


def story_text(headline: str) -> str:
    text = newsitem.dumps(newsitem.Story(headline=headline, summary=f"The story of {headline}."))
    assert isinstance(text, str)
    return text


def tree(root: Path) -> Path:
    """A folder of 22 inputs making 24 stories: plain stories, a JSON Lines container of
    three, a broken file and a tar.gz of five members."""
    source = root / "in"
    (source / "sub").mkdir(parents=True)
    for number in range(15):
        (source / ("sub" if number % 3 else "") / f"s{number:02d}.json").write_text(
            story_text(f"Story {number}")
        )
    (source / "box.jsonl").write_text("".join(story_text(f"Boxed {n}") + "\n" for n in range(3)))
    (source / "broken.json").write_text('{"headline": ')
    with tarfile.open(source / "wire.tar.gz", "w:gz") as archive:
        for number in range(5):
            data = story_text(f"Wire {number}").encode()
            info = tarfile.TarInfo(f"wire/w{number}.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return source


def files(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` by its relative path, with its bytes; the manifest without its
    batches' end marks (its rows, in order: where batches end depends on -j)."""
    found = {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }
    manifest = found[".newsitem-manifest.jsonl"].splitlines(keepends=True)
    found[".newsitem-manifest.jsonl"] = b"".join(row for row in manifest if b'"batch_end"' not in row)
    return found


OPTIONS = Options(to=("jsonl", "json", "html"))


def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    """-j2 writes the same files, JSON Lines, errors and manifest rows, in the same order and
    byte for byte, as -j1, with batches small enough that both workers take part."""
    source = tree(tmp_path)
    runs = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        summary = pool.run([str(source)], OPTIONS, out=str(out), jobs=jobs, chunk=3)
        assert (summary.converted, summary.failed, summary.total) == (23, 1, 24)
        runs[jobs] = files(out)
    assert runs[1].keys() == runs[2].keys()
    assert [name for name in runs[1] if runs[1][name] != runs[2][name]] == []
    assert len([name for name in runs[1] if name.endswith(".json.json")]) == 15 + 5  # stories, wire members


@needs_fork
def test_the_parent_neither_reads_parses_nor_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With -j2, reading a unit, parsing and rendering a story are never called in the parent
    process (a guard records every such call made there), and every story is converted."""
    parent = os.getpid()
    in_parent: list[str] = []

    def guard(owner: Any, name: str) -> None:
        real = getattr(owner, name)

        def guarded(*args: Any, **kwargs: Any) -> Any:
            if os.getpid() == parent:
                in_parent.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, guarded)

    for owner, name in (
        (_api, "parse_all"),
        (_api, "loads_all"),
        (_api, "dumps"),
        (inputs.Reader, "read"),
        (steps, "convert_one"),
        (steps, "render_one"),
    ):
        guard(owner, name)
    source = tree(tmp_path)
    summary = pool.run([str(source)], OPTIONS, out=str(tmp_path / "out"), jobs=2, chunk=4)
    assert (summary.converted, summary.failed) == (23, 1)
    assert in_parent == []
    steps.convert_one("x.json", "x.json", story_text("In the parent").encode(), options=OPTIONS, out=None)
    assert "convert_one" in in_parent and "parse_all" in in_parent  # the guard does see the parent's calls


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_starts_before_the_listing_ends(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first batch is converted and recorded while the parent has listed only part of the
    inputs: listing a large archive no longer keeps the workers waiting."""
    source = tree(tmp_path)
    listed: list[str] = []
    real = inputs.units

    def units(*args: Any, **kwargs: Any) -> Any:
        for unit in real(*args, **kwargs):
            listed.append(unit.locator)
            yield unit

    monkeypatch.setattr(inputs, "units", units)
    at_first_batch: list[int] = []

    def on_batch(outcomes: list[steps.Outcome]) -> None:
        at_first_batch.append(len(listed))

    summary = pool.run(
        [str(source)], OPTIONS, out=str(tmp_path / "out"), jobs=jobs, chunk=1, on_batch=on_batch
    )
    assert len(listed) == 22 and summary.total == 24
    assert at_first_batch[0] < len(listed)


def test_a_tar_is_listed_member_by_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first member of a compressed tar is handed out after reading its header, not after
    decompressing the whole archive."""
    path = tmp_path / "big.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for number in range(200):
            data = os.urandom(2048).hex().encode()  # incompressible: the archive is large
            info = tarfile.TarInfo(f"m{number:03d}.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    read: list[int] = []
    real = inputs._Stream.read

    def counted(self: inputs._Stream, size: int) -> bytes:
        data = real(self, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(inputs._Stream, "read", counted)
    found = inputs.units([str(path)])
    first = next(found)
    assert first.member == "m000.json"
    assert sum(read) < 10 * 4096 * 2  # the first header and member, not 200 members (800 KiB)
    assert len(list(found)) == 199


@given(st.lists(st.sampled_from(["a", "A", "a~2", "a~3", "b", "B~2", "c/d", "C/D"]), max_size=12))
def test_names_given_while_listing_are_those_of_the_whole_listing(relatives: list[str]) -> None:
    """The names the scheduler hands out while still listing are exactly names.unique's on the
    whole listing, whatever the clashes (case-folded names, later literal NAME~N)."""
    units = [inputs.Unit(locator=f"in/{n}/{r}", relative=r) for n, r in enumerate(relatives)]
    streamed = list(pool._Listing(iter(units)).named())
    assert [(u.locator, u.relative) for u in streamed] == [
        (u.locator, u.relative) for u in names.unique(units)
    ]


def test_the_last_batches_are_cut_so_the_workers_end_together() -> None:
    """Full batches while more than two a worker are left, then four smaller ones a worker; every
    unit once, in order; -j1 keeps full batches."""
    units = [inputs.Unit(locator=f"u{n}", relative=f"u{n}") for n in range(3000)]
    sizes = [len(batch) for batch in pool._chunks(iter(units), None, 256, workers=2)]
    assert sum(sizes) == 3000 and max(sizes) == 256
    assert sizes[-8:] == [119] * 8 and set(sizes[:-8]) == {256}
    again = [unit for batch in pool._chunks(iter(units), None, 256, workers=2) for unit, _ in batch]
    assert again == units
    assert [len(b) for b in pool._chunks(iter(units), None, 256, workers=1)] == [256] * 11 + [184]
    small = [len(b) for b in pool._chunks(iter(units[:3]), None, 256, workers=2)]
    assert small == [1, 1, 1]  # a tiny run: every worker gets some


class StopRunError(Exception):
    pass


@pytest.mark.parametrize("jobs", [2])
def test_a_resumed_parallel_run_writes_each_story_once(jobs: int, tmp_path: Path) -> None:
    """A -j2 run stopped after its second batch, resumed with -j2, ends with the files, JSON
    Lines and errors of an uninterrupted -j1 run, and the manifest names each story once."""
    source = tree(tmp_path)
    whole = tmp_path / "whole"
    pool.run([str(source)], OPTIONS, out=str(whole), jobs=1, chunk=3)
    out = tmp_path / "out"
    batches: list[int] = []

    def stop(outcomes: list[steps.Outcome]) -> None:
        batches.append(len(outcomes))
        if len(batches) == 2:
            raise StopRunError

    with pytest.raises(StopRunError):
        pool.run([str(source)], OPTIONS, out=str(out), jobs=jobs, chunk=3, on_batch=stop)
    summary = pool.run([str(source)], OPTIONS, out=str(out), jobs=jobs, chunk=3, resume=True)
    assert summary.skipped > 0 and summary.total == 24
    manifest, expected = files(out), files(whole)
    assert manifest == expected
    rows = [json.loads(line) for line in manifest[".newsitem-manifest.jsonl"].splitlines()]
    stories = [row["input"] for row in rows if "input" in row]
    assert len(stories) == len(set(stories)) == 24


@needs_fork
def test_a_worker_dying_in_the_last_round_gives_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story that ends its worker (os._exit) in a cut-down last batch of a -j2 run becomes one
    WorkerDied record; every other story is written, in the order of -j1."""
    real = _api.loads_all

    def loads_all(data: str | bytes, *args: Any, **kwargs: Any) -> Any:
        if b"Story 14" in (data if isinstance(data, bytes) else data.encode()):
            os._exit(3)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(_api, "loads_all", loads_all)
    source = tree(tmp_path)
    summary = pool.run(
        [str(source)], attrs.evolve(OPTIONS, to=("jsonl",)), out=str(tmp_path / "o.jsonl"), jobs=2
    )
    assert (summary.converted, summary.failed) == (22, 2)
    errors = [json.loads(line) for line in (tmp_path / "o.errors.jsonl").read_text().splitlines()]
    assert [(e["input"].rsplit("/", 1)[-1], e["error"]) for e in errors][1:] == [("s14.json", "WorkerDied")]
    lines = [
        json.loads(line)["story"]["headline"] for line in (tmp_path / "o.jsonl").read_text().splitlines()
    ]
    assert "Story 14" not in lines and len(lines) == 22
