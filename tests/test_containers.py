"""Containers through the batch path: every story of an input is converted, validated or
inspected, each under its own locator, and none is lost on a resumed run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsitem
from newsitem import formats
from newsitem.batch import pool, steps
from newsitem.batch.steps import Options
from newsitem.cli import main
from newsitem.errors import ParseError
from tests import boxformat


@pytest.fixture(autouse=True)
def box() -> Iterator[None]:
    """The test container format, registered for the test and removed after it."""
    formats.register(boxformat.INFO, replace=True)
    yield
    formats._registry.pop("box", None)  # undo the registration


def test_parts_number_and_isolate_members() -> None:
    """loads_all numbers the parts from 1, a broken member gives its error and the next is read."""
    parts = list(newsitem.loads_all("One\nBAD\nThree\n", format="box", name="feed.box"))
    assert [p.locator for p in parts] == ["feed.box#1", "feed.box#2", "feed.box#3"]
    assert [p.story.headline if p.story else None for p in parts] == ["One", None, "Three"]
    assert isinstance(parts[1].error, ParseError) and parts[1].where == "line 2"


def test_a_malformed_container_raises() -> None:
    """A container that cannot be read at all raises, since no story of it can be named."""
    with pytest.raises(ParseError, match="not a box"):
        list(newsitem.loads_all("MALFORMED", format="box"))


def test_parse_one_gives_an_outcome_per_story() -> None:
    """A unit of three stories gives three outcomes named LOCATOR#N, each carrying the unit."""
    outcomes = steps.parse_one(
        "in/feed.box", b"One\nBAD\nThree", Options(to=("json",), layout="box"), relative="in/feed"
    )
    assert [o.locator for o in outcomes] == ["in/feed.box#1", "in/feed.box#2", "in/feed.box#3"]
    assert [o.relative for o in outcomes] == ["in/feed#1", "in/feed#2", "in/feed#3"]
    assert {o.unit for o in outcomes} == {"in/feed.box"}
    assert outcomes[1].error is not None and outcomes[1].error["line"] == 2


def test_a_single_story_keeps_its_name() -> None:
    """A unit of one story keeps its locator and path, with no #1."""
    (outcome,) = steps.parse_one("a.box", b"Only", Options(to=("json",), layout="box"), relative="a")
    assert (outcome.locator, outcome.relative, outcome.unit) == ("a.box", "a", None)


def _convert(folder: Path, out: Path, *, resume: bool = False) -> pool.Summary:
    options = Options(to=("json", "jsonl"), layout="box")
    return pool.run([str(folder)], options, out=str(out), jobs=1, resume=resume)


def test_convert_writes_every_story_and_reports_the_broken_one(tmp_path: Path) -> None:
    """convert writes one file per story of a container and one error record for its broken member."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.box").write_text("One\nBAD\nThree\n")
    (folder / "single.box").write_text("Alone\n")
    summary = _convert(folder, tmp_path / "out")
    assert (summary.total, summary.converted, summary.failed) == (4, 3, 1)
    written = sorted(p.name for p in (tmp_path / "out").rglob("*.json"))
    assert written == ["feed.box#1.json", "feed.box#3.json", "single.box.json"]
    lines = [json.loads(line) for line in (tmp_path / "out" / "stories.jsonl").read_text().splitlines()]
    assert sorted(line["input"] for line in lines) == [
        str(folder / "feed.box") + "#1",
        str(folder / "feed.box") + "#3",
        str(folder / "single.box"),
    ]
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [(e["input"], e["line"]) for e in errors] == [(str(folder / "feed.box") + "#2", 2)]


def test_resume_skips_a_finished_container_whole(tmp_path: Path) -> None:
    """A resumed run counts a container done by its unit, so none of its stories is written twice."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.box").write_text("One\nTwo\n")
    out = tmp_path / "out"
    _convert(folder, out)
    (folder / "later.box").write_text("Three\n")
    summary = _convert(folder, out, resume=True)
    assert (summary.converted, summary.skipped) == (1, 1)
    inputs = [json.loads(line)["input"] for line in (out / "stories.jsonl").read_text().splitlines()]
    assert sorted(inputs) == sorted(
        [str(folder / "feed.box") + "#1", str(folder / "feed.box") + "#2", str(folder / "later.box")]
    )


def test_validate_labels_each_story_of_a_container(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate reports a container's broken member by its number and place, at the file's path."""
    path = tmp_path / "feed.box"
    path.write_text("One\nBAD\n")
    assert main(["validate", str(path), "--format", "box", "--output", "json", "--ignore", "NI210"]) == 1
    found = json.loads(capsys.readouterr().out)["problems"]
    assert [(f["file"], f["line"], f["message"]) for f in found] == [
        (str(path), 2, "story 2 (line 2): a broken story (box)")
    ]


def test_inspect_shows_every_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """inspect describes each story of a container under its locator, and the broken one's error."""
    path = tmp_path / "feed.box"
    path.write_text("One\nBAD\nThree\n")
    main(["inspect", str(path), "--format", "box"])
    out = capsys.readouterr().out
    assert f"{path}#1" in out and f"{path}#3" in out and "a broken story" in out
    assert out.index("One") < out.index("a broken story") < out.index("Three")


def test_dask_reads_every_story_of_a_container(tmp_path: Path) -> None:
    """The Dask engine's bag holds one record per story of a container, the broken one as an error."""
    pytest.importorskip("dask", reason="dask is not installed (pip install -e '.[dask]')")
    from newsitem.batch import dask as nd

    (tmp_path / "feed.box").write_text("One\nBAD\nThree\n")
    records = nd.read_stories([str(tmp_path)], layout="box").compute(scheduler="synchronous")
    assert [(r.locator.rsplit("/", 1)[-1], r.error is None) for r in records] == [
        ("feed.box#1", True),
        ("feed.box#2", False),
        ("feed.box#3", True),
    ]
