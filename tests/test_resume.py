"""Resume is exactly once: hostile names and text in the manifest, torn and corrupted
manifests, short JSON Lines, stray temporary files, long and non-UTF-8 names, disk
full, and a series of ``kill -9`` that ends byte-identical to an uninterrupted run."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsitem.batch import pool
from newsitem.batch.steps import Options, Outcome

HOSTILE = "\u2028 \u2029 \x85"
"""The characters ``str.splitlines`` breaks at that JSON writes raw."""


def _story(headline: str, paragraph: str = "A paragraph.") -> bytes:
    return json.dumps({"newsitem": "1", "headline": headline, "body": [paragraph]}).encode()


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
