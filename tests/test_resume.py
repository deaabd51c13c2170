"""Resume is exactly once: hostile names and text in the manifest, torn and corrupted
manifests, short JSON Lines, stray temporary files, long and non-UTF-8 names, disk
full, and a series of ``kill -9`` that ends byte-identical to an uninterrupted run."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsitem.batch import pool
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
        assert "4 done by an earlier run" in capsys.readouterr().err

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
