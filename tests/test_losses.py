"""Per format, not per story; losses reported, not fatal; guids minted where a format needs
one (issue 19): a story one format cannot carry is written in the others, the fields a
format leaves out are listed in losses.jsonl (exactly once across a resume), --strict
makes a loss a failure, and the command line's messages name its options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import newsitem
from newsitem.batch import pool, sink
from newsitem.batch.steps import Options, Outcome
from newsitem.batch.summary import Summary
from newsitem.errors import SerializeError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "archive"
THREE = ("json", "html", "ninjs")


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _rows(out: Path) -> list[dict[str, Any]]:
    return [row for row in _lines(out / sink.MANIFEST)[1:] if not row.get("batch_end")]


def _run(out: Path, *, resume: bool = False, **options: Any) -> Summary:
    to = options.pop("to", THREE)
    return pool.run([str(EXAMPLES)], Options(to=to, **options), out=str(out), jobs=1, chunk=4, resume=resume)


def test_a_format_that_cannot_carry_a_story_leaves_the_others_written(tmp_path: Path) -> None:
    """--to json,html,ninjs writes JSON and HTML of every story read, whatever ninjs does with it."""
    summary = _run(tmp_path / "out", command_line=True)
    rows = _rows(tmp_path / "out")
    read = [row for row in rows if row["ok"]]
    assert len(read) == summary.converted == summary.total - 1  # broken.txt alone is not read
    for row in read:
        suffixes = {Path(name).suffix for name in row["outputs"]}
        assert {".json", ".html"} <= suffixes, row
    errors = _lines(tmp_path / "out" / sink.ERRORS)
    by_format = [e for e in errors if e["format"] is not None]
    assert by_format and {e["format"] for e in by_format} == {"ninjs"}
    assert summary.format_failures == len(by_format) and summary.exit_code == 1
    for error in by_format:  # worded with the command line's options
        assert "naive_tz" not in error["message"] and "lossy=True" not in error["message"]


def test_losses_are_listed_by_the_formats_own_rule(tmp_path: Path) -> None:
    """Each losses.jsonl record names the fields a strict write of that story refuses (SerializeError.lost), and the summary counts them."""
    out = tmp_path / "out"
    summary = _run(out, to=("json", "anpa"))
    losses = _lines(out / sink.LOSSES)
    assert losses and summary.losses == len(losses)
    for loss in losses:
        story = newsitem.load(out / loss["output"].replace(".tst", ".json"), format="json")
        with pytest.raises(SerializeError) as refused:
            newsitem.dumps(story, format=loss["format"])
        assert list(refused.value.lost) == loss["lost"]
        assert (out / loss["output"]).is_file()
    lost_in_rows = {row["input"]: row["lost"] for row in _rows(out) if "lost" in row}
    assert lost_in_rows == {loss["input"]: {loss["format"]: loss["lost"]} for loss in losses}


def test_strict_makes_a_loss_a_failure_of_that_format(tmp_path: Path) -> None:
    """--strict records each loss as a failure of its format, says --strict, and still writes the other formats."""
    lossy, strict = tmp_path / "lossy", tmp_path / "strict"
    _run(lossy, to=("json", "anpa"))
    summary = _run(strict, to=("json", "anpa"), strict=True, command_line=True)
    expected = {(loss["input"], loss["format"]) for loss in _lines(lossy / sink.LOSSES)}
    errors = [e for e in _lines(strict / sink.ERRORS) if e["format"] is not None]
    assert {(e["input"], e["format"]) for e in errors} == expected
    assert all("without --strict" in e["message"] for e in errors)
    assert _lines(strict / sink.LOSSES) == [] and summary.losses == 0
    assert summary.format_failures == len(expected) and summary.converted == summary.total - 1


def test_ninjs_of_a_story_without_guid_gets_a_minted_one(tmp_path: Path) -> None:
    """A guid-less story is written as ninjs with newsitem.mint_guid's guid, listed in the manifest; --no-mint-guid refuses naming the option."""
    story = attrs.evolve(newsitem.load(EXAMPLES / "ferry.json"), guid=None)
    source = tmp_path / "in"
    source.mkdir()
    text = newsitem.dumps(story, format="json")
    assert isinstance(text, str)
    (source / "s.json").write_text(text)
    out = tmp_path / "out"
    summary = pool.run([str(source)], Options(to=("json", "ninjs")), out=str(out), jobs=1)
    (row,) = _rows(out)
    assert row["minted"] == newsitem.mint_guid(story) and summary.minted == 1
    ninjs = json.loads((out / "in" / "s.json.ninjs.json").read_text())
    assert ninjs["uri"] == row["minted"]
    assert newsitem.load(out / "in" / "s.json.json", format="json").guid is None  # only where needed
    everywhere = tmp_path / "everywhere"
    pool.run([str(source)], Options(to=("json",), mint_guid=True), out=str(everywhere), jobs=1)
    assert newsitem.load(everywhere / "in" / "s.json.json", format="json").guid == row["minted"]
    refused = tmp_path / "refused"
    options = Options(to=("json", "ninjs"), mint_guid=False, command_line=True)
    summary = pool.run([str(source)], options, out=str(refused), jobs=1)
    (error,) = _lines(refused / sink.ERRORS)
    assert error["format"] == "ninjs" and "--no-mint-guid" in error["message"]
    assert (summary.converted, summary.format_failures, summary.minted) == (1, 1, 0)
    assert (summary.failed, summary.exit_code) == (0, 1)  # a format's failure alone fails the run
    alone = tmp_path / "alone"  # no asked format can write it: the story fails, counted once
    options = Options(to=("ninjs",), mint_guid=False)
    summary = pool.run([str(source)], options, out=str(alone), jobs=1)
    (error,) = _lines(alone / sink.ERRORS)
    assert (error["format"], "mint_guid=False" in error["message"]) == ("ninjs", True)
    assert (summary.total, summary.converted, summary.failed, summary.format_failures) == (1, 0, 1, 0)
    assert [row["ok"] for row in _rows(alone)] == [False]
    both = tmp_path / "both"  # two formats, neither can: one failed story, two records, no format failure
    options = Options(to=("ninjs", "newsml-g2"), mint_guid=False)
    summary = pool.run([str(source)], options, out=str(both), jobs=1)
    assert [e["format"] for e in _lines(both / sink.ERRORS)] == ["ninjs", "newsml-g2"]
    assert (summary.failed, summary.format_failures, summary.exit_code) == (1, 0, 1)
    resumed = pool.run([str(source)], options, out=str(both), jobs=1, resume=True)
    assert (resumed.nothing_left, resumed.failed, resumed.format_failures) == (True, 1, 0)


def test_losses_are_resumed_exactly_once(tmp_path: Path) -> None:
    """A run stopped mid-way, with a batch's loss records written but not marked done, resumes to the losses.jsonl of a straight run."""
    straight, stopped = tmp_path / "straight", tmp_path / "stopped"
    _run(straight, to=("json", "anpa"))
    batches = 0

    def stop(_outcomes: list[Outcome]) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            raise KeyboardInterrupt

    options = Options(to=("json", "anpa"))
    with pytest.raises(KeyboardInterrupt):
        pool.run([str(EXAMPLES)], options, out=str(stopped), jobs=1, chunk=4, on_batch=stop)
    with open(stopped / sink.LOSSES, "ab") as handle:  # what a kill between data and end mark leaves
        handle.write(b'{"input": "half a batch", "format": "anpa"')
    summary = pool.run([str(EXAMPLES)], options, out=str(stopped), jobs=1, chunk=4, resume=True)
    assert (stopped / sink.LOSSES).read_bytes() == (straight / sink.LOSSES).read_bytes()
    assert summary.losses == len(_lines(straight / sink.LOSSES))


def test_a_changed_strictness_is_not_resumed(tmp_path: Path) -> None:
    """A resume with another --strict than the run it continues is refused, as other settings are."""
    _run(tmp_path / "out", to=("json",))
    with pytest.raises(newsitem.errors.UsageError, match="--strict"):
        _run(tmp_path / "out", to=("json",), strict=True, resume=True)


def test_errors_are_in_input_order_whatever_the_batches(tmp_path: Path) -> None:
    """errors.jsonl is the same bytes on -j1 in one batch and -j2 in batches of three, each
    story's own record before its formats' records, in input order."""
    options = Options(to=("json", "ninjs", "newsml-g2"), mint_guid=False)
    later = tmp_path / "later"
    later.mkdir()
    (later / "unreadable.txt").write_text("\x00 nothing a reader knows\n")
    arguments = [str(EXAMPLES), str(later)]
    one, two = tmp_path / "one", tmp_path / "two"
    pool.run(arguments, options, out=str(one), jobs=1, chunk=256)
    pool.run(arguments, options, out=str(two), jobs=2, chunk=3)
    errors = _lines(one / sink.ERRORS)
    kinds = [e["format"] is None for e in errors]
    assert kinds[-1] and False in kinds  # the last input's story error comes after the format errors
    assert (two / sink.ERRORS).read_bytes() == (one / sink.ERRORS).read_bytes()
    order = [row["input"] for row in _rows(one)]
    assert [order.index(e["input"]) for e in errors] == sorted(order.index(e["input"]) for e in errors)


def test_dask_counts_a_story_no_format_could_write_once(tmp_path: Path) -> None:
    """Dask counts a story neither asked format could write as one failed story and no format
    failure, as the pool does."""
    dask_engine = pytest.importorskip("newsitem.batch.dask")
    source = tmp_path / "in" / "s.json"
    source.parent.mkdir()
    text = newsitem.dumps(attrs.evolve(newsitem.load(EXAMPLES / "ferry.json"), guid=None))
    source.write_text(text if isinstance(text, str) else text.decode())
    to = ("ninjs", "newsml-g2")
    bag = dask_engine.read_stories([str(source)], to=to, out=str(tmp_path / "out"))
    counts = dask_engine.write(
        bag, format=to, path=str(tmp_path / "out"), mint_guid=False, scheduler="synchronous"
    )
    assert (counts["converted"], counts["failed"], counts["format_failures"]) == (0, 1, 0)


def test_web_story_refuses_wire_copy_naming_the_field_it_lacks(tmp_path: Path) -> None:
    """A story without an author is a web-story failure (a refusal, nothing invented) whose
    record says the story has no author; JSON is still written."""
    source = tmp_path / "in" / "wire.json"
    source.parent.mkdir()
    text = newsitem.dumps(attrs.evolve(newsitem.load(EXAMPLES / "ferry.json"), bylines=()))
    source.write_text(text if isinstance(text, str) else text.decode())
    out = tmp_path / "out"
    summary = pool.run(
        [str(source)], Options(to=("json", "web-story"), command_line=True), out=str(out), jobs=1
    )
    (error,) = _lines(out / sink.ERRORS)
    assert error["format"] == "web-story" and "this story has no author" in error["message"]
    assert (summary.converted, summary.format_failures, summary.losses) == (1, 1, 0)
