"""Resume is exactly once: hostile names and text in the manifest, torn and corrupted
manifests, short JSON Lines, stray temporary files, long and non-UTF-8 names, disk
full, and a series of ``kill -9`` that ends byte-identical to an uninterrupted run."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from newsitem.batch import pool, sink
from newsitem.batch.sink import NAME_MAX, fit_name, temporary_name
from newsitem.batch.steps import Options, Outcome
from newsitem.cli import main

HOSTILE = "\u2028 \u2029 \x85"
"""The characters ``str.splitlines`` breaks at that JSON writes raw."""


def _story(headline: str, paragraph: str = "A paragraph.") -> bytes:
    story = {"newsitem": "1", "headline": headline, "guid": f"urn:x:{len(headline)}", "body": [paragraph]}
    return json.dumps(story).encode()


def _inputs(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(names):
        (folder / name).write_bytes(_story(f"Story {number} {HOSTILE}", f"Text {HOSTILE} {number}."))
    return folder


def _files(root: Path) -> dict[str, bytes]:
    """Every output file by relative path, the manifest left out (it may differ between runs)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".newsitem-manifest.jsonl"
    }


def _stop_after(batches: int) -> Callable[[list[Outcome]], None]:
    seen: list[int] = []

    def stop(outcomes: list[Outcome]) -> None:
        seen.append(len(outcomes))
        if len(seen) == batches:
            raise KeyboardInterrupt

    return stop


class TestManifestText:
    def test_line_separators_in_names_and_stories_are_not_converted_twice(self, tmp_path: Path) -> None:
        """An input named with U+2028 holding a story with U+2028/U+2029/U+0085 is converted once over two resumes."""
        source = _inputs(
            tmp_path / "in", [f"a{HOSTILE}.json", "b.json", f"c{HOSTILE}.json", "d.json", "e.json"]
        )
        options = Options(to=("jsonl", "json", "html"))
        out = tmp_path / "out"
        with pytest.raises(KeyboardInterrupt):
            pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, on_batch=_stop_after(1))
        with pytest.raises(KeyboardInterrupt):
            pool.run(
                [str(source)], options, out=str(out), jobs=1, chunk=1, resume=True, on_batch=_stop_after(2)
            )
        summary = pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True)
        assert summary.skipped == 4 and summary.failed == 0
        inputs = [
            json.loads(line)["input"] for line in (out / "stories.jsonl").read_bytes().split(b"\n")[:-1]
        ]
        assert len(inputs) == len(set(inputs)) == 5
        fresh = tmp_path / "fresh"
        pool.run([str(source)], options, out=str(fresh), jobs=1)
        assert _files(out) == _files(fresh)


class TestNames:
    def test_undecodable_and_255_byte_names_convert_end_to_end(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Non-UTF-8 and 255-byte input names convert (surrogate-escaped in JSON, output names shortened) and resume."""
        long_name = "x" * 250 + ".json"  # 255 bytes: the old temporary name was 266
        names = ["caf\udce9.json", long_name, "y" * 240 + "\udcff.json", "broken-\udce9.json"]
        source = _inputs(tmp_path / "in", names[:3])
        (source / names[3]).write_bytes(b"{not json")
        out = tmp_path / "out"
        argv = ["convert", str(source), "--to", "jsonl,json,ninjs", "-o", str(out), "-j", "1", "-q"]
        assert main(argv) == 1  # the broken file, and nothing else
        records = [json.loads(line) for line in (out / "stories.jsonl").read_bytes().split(b"\n")[:-1]]
        assert sorted(r["input"] for r in records) == sorted(str(source / n) for n in names[:3])
        (error,) = [json.loads(line) for line in (out / "errors.jsonl").read_bytes().split(b"\n")[:-1]]
        assert error["input"] == str(source / names[3])
        assert b"\\udce9" in (out / "errors.jsonl").read_bytes()  # surrogate-escaped, valid UTF-8
        written = list((out / "in").iterdir())
        assert len(written) == 6 and all(len(os.fsencode(p.name)) <= NAME_MAX for p in written)
        assert (out / "in" / "caf\udce9.json.ninjs.json").is_file()
        assert {p.suffixes[-2:] == [".ninjs", ".json"] for p in written} == {True, False}
        assert not list(out.rglob(".nt-*"))
        capsys.readouterr()
        assert main([*argv[:-1], "--resume"]) == 1
        assert (
            "nothing left to do: earlier runs converted 3 of 4 stories (1 failed)" in capsys.readouterr().err
        )

    def test_fit_name_is_deterministic_and_keeps_names_apart(self) -> None:
        """Over-long parts are cut to NAME_MAX bytes with a hash of the whole part; short ones stay."""
        assert fit_name("a/b", ".json") == "a/b.json"
        one, two = (
            fit_name("d/" + "é" * 200 + "1", ".ninjs.json"),
            fit_name("d/" + "é" * 200 + "2", ".ninjs.json"),
        )
        assert one != two and one == fit_name("d/" + "é" * 200 + "1", ".ninjs.json")
        assert one.startswith("d/é") and one.endswith(".ninjs.json")
        assert all(
            len(os.fsencode(part)) <= NAME_MAX for part in (one + "/" + fit_name("z" * 300)).split("/")
        )
        assert len(temporary_name("x" * 255)) < 40


MANIFEST_NAME = ".newsitem-manifest.jsonl"


def _finished(tmp_path: Path, count: int = 8, to: tuple[str, ...] = ("jsonl",)) -> tuple[Path, Path, Options]:
    """A finished run over ``count`` stories in batches of 2, as the one to damage and resume."""
    source = _inputs(tmp_path / "in", [f"s{n:02d}.json" for n in range(count)])
    (source / "zz-broken.json").write_bytes(b"{broken")
    options = Options(to=to)
    out = tmp_path / "out"
    pool.run([str(source)], options, out=str(out), jobs=1, chunk=2)
    return source, out, options


def _fresh(tmp_path: Path, source: Path, options: Options) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    pool.run([str(source)], options, out=str(fresh), jobs=1)
    return _files(fresh)


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")[:-1]


class TestDamage:
    def test_a_manifest_cut_inside_a_row_is_cut_back_before_appending(self, tmp_path: Path) -> None:
        """A manifest a kill cut inside a row loses that batch only: two resumes give each story once."""
        source, out, options = _finished(tmp_path)
        (out / "stories.jsonl").rename(out / "stories.jsonl.partial")
        manifest = out / MANIFEST_NAME
        rows = _lines(manifest)
        manifest.write_bytes(b"".join(r + b"\n" for r in rows[:4]) + rows[4][:20])  # 1 batch, half a row
        pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True)
        assert pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True).skipped == 9
        assert _files(out) == _fresh(tmp_path, source, options)
        assert all(json.loads(row) for row in _lines(manifest))

    def test_json_lines_shorter_than_recorded_redo_their_batches(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """JSON Lines shorter than the manifest records are never zero-padded: the batches past the cut are redone and said."""
        source, out, options = _finished(tmp_path)
        data = (out / "stories.jsonl").read_bytes()
        kept = b"".join(line + b"\n" for line in data.split(b"\n")[:3])  # 1.5 batches of 2
        (out / "stories.jsonl").write_bytes(kept)
        capsys.readouterr()
        summary = pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True)
        assert summary.skipped == 2
        assert b"\0" not in (out / "stories.jsonl").read_bytes()
        assert _files(out) == _fresh(tmp_path, source, options)
        assert "is shorter than its manifest records" in capsys.readouterr().err

    @pytest.mark.parametrize("target", ["stories.jsonl", "errors.jsonl", MANIFEST_NAME])
    def test_corrupted_bytes_are_caught_by_checksums(
        self, tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A byte changed in the JSON Lines, errors file or a manifest row fails its CRC: that batch on is redone."""
        source, out, options = _finished(tmp_path)
        path = out / target
        data = bytearray(path.read_bytes())
        spot = data.index(b"s02.json") if target != "errors.jsonl" else data.index(b"broken")
        data[spot] ^= 0x01  # a flipped bit that keeps the JSON valid
        path.write_bytes(bytes(data))
        capsys.readouterr()
        pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True)
        assert "checksum" in capsys.readouterr().err
        assert _files(out) == _fresh(tmp_path, source, options)

    def test_stray_temporary_files_of_dead_runs_are_removed(self, tmp_path: Path) -> None:
        """Resume removes .nt-HASH.PID.tmp files of processes that are gone, and nothing else."""
        source, out, options = _finished(tmp_path, to=("json",))
        gone, zombie = _dead_pid(), _zombie()
        ours = [out / "in" / f".nt-{'0' * 16}.{gone}.tmp", out / f".nt-{'3' * 16}.{zombie.pid}.tmp"]
        living = out / "in" / f".nt-{'1' * 16}.{os.getppid()}.tmp"
        others = [out / "in" / ".s01.json.json.123.tmp", out / f".nt-{'2' * 16}.x.tmp", out / "in" / "n.tmp"]
        for path in [*ours, living, *others]:
            path.write_bytes(b"half")
        pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True)
        zombie.wait()
        assert not any(p.exists() for p in ours) and living.exists() and all(p.exists() for p in others)


def _zombie() -> subprocess.Popen[bytes]:
    """A process killed and not yet reaped (its pid still answers os.kill(pid, 0))."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child.kill()
    stat = Path(f"/proc/{child.pid}/stat")
    for _ in range(500):
        if not stat.exists() or stat.read_bytes().rpartition(b")")[2].split()[0] == b"Z":
            break
        time.sleep(0.01)
    return child


def _dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", ""])
    child.wait()
    return child.pid


class TestDurability:
    @pytest.mark.parametrize("to", [("jsonl",), ("jsonl", "json")])
    def test_data_is_synced_before_each_end_mark_and_the_manifest_after(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, to: tuple[str, ...]
    ) -> None:
        """Each end mark is written after the batch's data is synced (fsync, or sync() for per-story files), and fsync'ed itself."""
        events: list[tuple[str, str]] = []
        write_all, fsync = sink._write_all, sink._fsync

        def logged_write(handle: io.FileIO, data: bytes) -> None:
            events.append(("end mark" if b'"batch_end"' in data else "write", Path(str(handle.name)).name))
            write_all(handle, data)

        def logged_fsync(handle: io.FileIO | None) -> None:
            events.append(("fsync", "" if handle is None else Path(str(handle.name)).name))
            fsync(handle)

        monkeypatch.setattr(sink, "_write_all", logged_write)
        monkeypatch.setattr(sink, "_fsync", logged_fsync)
        monkeypatch.setattr(os, "sync", lambda: events.append(("sync", "")))
        _finished(tmp_path, count=4, to=to)
        marks = [n for n, event in enumerate(events) if event[0] == "end mark"]
        assert len(marks) == 3  # 5 inputs in batches of 2
        previous, ways = 0, []
        for mark in marks:
            batch = events[previous:mark]
            last_write = max(n for n, e in enumerate(batch) if e[0] == "write")
            synced = {e[1] for e in batch[last_write:] if e[0] in ("fsync", "sync")}
            assert synced in ({"stories.jsonl.partial", "errors.jsonl", "losses.jsonl"}, {""}), batch
            ways.append(synced == {""})
            assert events[mark + 1] == ("fsync", MANIFEST_NAME)
            previous = mark + 1
        assert any(ways) == ("json" in to)  # per-story files written: one sync() covers them all


class TestKillSeries:
    def test_kill_9_during_convert_and_resume_ends_byte_identical(self, tmp_path: Path) -> None:
        """Three seeded kill -9 trials per mode (JSON Lines, per-story files) on hostile input end byte-identical to an uninterrupted run."""
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
        try:
            import kill_series
        finally:
            sys.path.pop(0)
        results = list(kill_series.series(tmp_path, trials=3, stories=36, seed=7, jobs=2, chunk=3))
        assert len(results) == 6
        assert [str(r) for r in results if not r.identical] == []
        assert sum(r.duplicates + r.missing for r in results) == 0


class TestDiskFull:
    def test_a_full_disk_raises_enospc_and_records_no_batch(self, tmp_path: Path) -> None:
        """Writing JSON Lines to a full disk (/dev/full) raises OSError ENOSPC naming the file, with no batch marked done."""
        if not Path("/dev/full").exists():
            pytest.skip("needs /dev/full")
        source = _inputs(tmp_path / "in", [f"s{n}.json" for n in range(4)])
        options, out = Options(to=("jsonl",)), tmp_path / "out"
        out.mkdir()
        (out / "stories.jsonl.partial").symlink_to("/dev/full")
        with pytest.raises(OSError) as caught:
            pool.run([str(source)], options, out=str(out), jobs=1, chunk=2)
        assert caught.type is OSError and caught.value.errno == errno.ENOSPC
        assert caught.value.filename is not None and "stories.jsonl.partial" in str(caught.value.filename)
        assert b"batch_end" not in (out / MANIFEST_NAME).read_bytes()
        (out / "stories.jsonl.partial").unlink()
        assert pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True).skipped == 0
        assert _files(out) == _fresh(tmp_path, source, options)

    @pytest.mark.parametrize("target", ["stories.jsonl.partial", "errors.jsonl", MANIFEST_NAME])
    def test_a_disk_filling_mid_batch_leaves_consistent_outputs(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
    ) -> None:
        """A disk filling up halfway through a batch's write of any file: ENOSPC, that batch not done, and resume completes it exactly."""
        source = _inputs(tmp_path / "in", [f"s{n}.json" for n in range(6)])
        (source / "s3.json").write_bytes(b"{broken")
        options, out = Options(to=("jsonl",)), tmp_path / "out"
        write_all, writes = sink._write_all, Counter[str]()

        def filling(handle: io.FileIO, data: bytes) -> None:
            name = Path(str(handle.name)).name
            writes[name] += 1
            if name == target and writes[name] == 2 + (name == MANIFEST_NAME):  # the second batch
                write_all(handle, data[: len(data) // 2])
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            write_all(handle, data)

        monkeypatch.setattr(sink, "_write_all", filling)
        with pytest.raises(OSError) as caught:
            pool.run([str(source)], options, out=str(out), jobs=1, chunk=2)
        assert caught.type is OSError and caught.value.errno == errno.ENOSPC
        monkeypatch.undo()
        assert pool.run([str(source)], options, out=str(out), jobs=1, chunk=2, resume=True).skipped == 2
        assert _files(out) == _fresh(tmp_path, source, options)


class TestVersion:
    def test_a_manifest_of_another_version_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--resume over a manifest without this version's layout is a usage error (exit 2), not a wrong resume."""
        source, out, _options = _finished(tmp_path, count=2, to=("json",))
        manifest = out / MANIFEST_NAME
        head, *rows = _lines(manifest)
        settings = json.loads(head)["settings"]
        manifest.write_bytes(
            b"".join(r + b"\n" for r in [json.dumps({"settings": settings}).encode(), *rows])
        )
        assert main(["convert", str(source), "--to", "json", "-o", str(out), "--resume", "-q"]) == 2
        assert "another version of newsitem" in capsys.readouterr().err
