"""Every story of every input is accounted for (issue 19): the summary, the manifest and
errors.jsonl add up to the stories in the inputs, containers' stories one by one, with
duplicate names and broken members, on -j1 and -j2 and after a resume; output names are
unique and stable."""

from __future__ import annotations

import json
import mailbox
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

import newsitem
from newsitem.batch import inputs, names, pool, sink
from newsitem.batch.steps import Options, Outcome
from newsitem.batch.summary import Summary

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "archive"
MESSAGE = ROOT / "tests" / "data" / "newsml-g2" / "samples" / "message-mixed.xml"


def _story(headline: str, **more: Any) -> newsitem.Story:
    return attrs.evolve(newsitem.load(EXAMPLES / "ferry.json"), headline=headline, **more)


def _json(headline: str) -> str:
    text = newsitem.dumps(_story(headline), format="json")
    assert isinstance(text, str)
    return text


def _tree(tmp_path: Path) -> tuple[list[str], int]:
    """Inputs with containers, duplicate names and broken members; the arguments and the
    number of stories they hold, counted as they are built."""
    stories = 0
    one, two = tmp_path / "one" / "wire", tmp_path / "two" / "wire"  # two folders named wire
    for number, folder in enumerate((one, two)):
        folder.mkdir(parents=True)
        (folder / "x.json").write_text(_json(f"Wire story {number}"))
        stories += 1
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "Story.json").write_text(_json("Upper case"))
    (cases / "story.json").write_text(_json("Lower case"))
    (cases / "broken.txt").write_text("\x00 nothing a reader knows\n")
    stories += 3
    shutil.copy(MESSAGE, cases / "message.xml")  # a newsMessage of four items, two broken
    stories += 4
    (cases / "feed.jsonl").write_text("".join(_json(f"Line {n}").replace("\n", "") + "\n" for n in range(3)))
    stories += 3
    ninjs = [
        json.loads(
            newsitem.dumps(_story(f"Ninjs {n}", guid=f"urn:test:{n}", priority=None), "ninjs", lossy=True)
        )
        for n in range(2)
    ]
    (cases / "list.json").write_text(json.dumps(ninjs))
    stories += 2
    box = mailbox.mbox(str(cases / "two.mbox"))
    for number in range(2):
        box.add(newsitem.dumps(_story(f"Mail {number}"), "email", lossy=True))
    box.close()
    stories += 2
    return [str(one), str(two), str(cases)], stories


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _rows(out: Path) -> list[dict[str, Any]]:
    return [row for row in _lines(out / sink.MANIFEST)[1:] if not row.get("batch_end")]


def _check_sums(summary: Summary, out: Path, stories: int) -> None:
    """The summary, the manifest and errors.jsonl add up to ``stories``."""
    rows = _rows(out)
    errors = _lines(out / sink.ERRORS)
    assert summary.total == stories == len(rows) == len({row["input"] for row in rows})
    assert summary.converted + summary.earlier + summary.failed == stories
    assert summary.failed == sum(1 for row in rows if not row["ok"])
    story_errors = [e for e in errors if e["format"] is None]
    format_errors = [e for e in errors if e["format"] is not None]
    assert len(story_errors) + len(format_errors) == len(errors)
    assert (
        summary.format_failures == len(format_errors) == sum(len(r.get("failed_formats", ())) for r in rows)
    )
    assert {e["input"] for e in story_errors} <= {r["input"] for r in rows if not r["ok"]}
    outputs = [name for row in rows for name in row.get("outputs", ())]
    assert len(outputs) == len({name.casefold() for name in outputs})  # no output named twice
    assert all((out / name).is_file() for name in outputs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_story_is_accounted_for(tmp_path: Path, jobs: int) -> None:
    """With containers, duplicate names and broken members, summary, manifest and errors.jsonl add up to every story."""
    arguments, stories = _tree(tmp_path)
    out = tmp_path / "out"
    summary = pool.run(arguments, Options(to=("json", "jsonl")), out=str(out), jobs=jobs, chunk=3)
    _check_sums(summary, out, stories)
    assert summary.failed == 3  # broken.txt and the newsMessage's two broken items
    assert len(_lines(out / "stories.jsonl")) == summary.converted


def test_the_same_names_on_one_and_two_workers(tmp_path: Path) -> None:
    """-j1 and -j2 give the same manifest rows and the same files, byte for byte."""
    arguments, _stories = _tree(tmp_path)
    for jobs in (1, 2):
        pool.run(arguments, Options(to=("json",)), out=str(tmp_path / f"j{jobs}"), jobs=jobs, chunk=2)
    assert _rows(tmp_path / "j1") == _rows(tmp_path / "j2")
    for row in _rows(tmp_path / "j1"):
        for name in row.get("outputs", ()):
            assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes()


def test_a_resumed_run_adds_up(tmp_path: Path) -> None:
    """A run stopped after one batch and resumed counts every story once, earlier ones included."""
    arguments, stories = _tree(tmp_path)
    out = tmp_path / "out"

    def stop(_outcomes: list[Outcome]) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pool.run(arguments, Options(to=("json",)), out=str(out), jobs=1, chunk=2, on_batch=stop)
    first = _rows(out)
    assert 0 < len(first) < stories
    summary = pool.run(arguments, Options(to=("json",)), out=str(out), jobs=1, chunk=2, resume=True)
    _check_sums(summary, out, stories)
    assert summary.earlier + summary.failed_earlier == len(first)
    assert summary.converted == stories - summary.failed - summary.earlier
    again = pool.run(arguments, Options(to=("json",)), out=str(out), jobs=2, resume=True)
    assert again.nothing_left and again.converted == 0
    assert (again.total, again.failed, again.exit_code) == (
        stories,
        summary.failed,
        1,
    )  # earlier failures count


def test_two_inputs_with_one_name_both_get_written(tmp_path: Path) -> None:
    """col/*/x.txt and two folders of one base name write distinct files, recorded in the manifest (issue 19)."""
    for number, folder in enumerate(("col/a", "col/b")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.json").write_text(_json(f"Story {number}"))
    out = tmp_path / "out"
    files = [str(tmp_path / "col/a/x.json"), str(tmp_path / "col/b/x.json")]  # what the shell expands
    summary = pool.run(files, Options(to=("json",)), out=str(out), jobs=1)
    assert (summary.converted, summary.exit_code) == (2, 0)
    rows = {row["input"]: row["outputs"] for row in _rows(out)}
    assert rows == {files[0]: ["x.json.json"], files[1]: ["x.json~2.json"]}
    headlines = {newsitem.load(out / name, format="json").headline for (name,) in rows.values()}
    assert headlines == {"Story 0", "Story 1"}
    for number, folder in enumerate(("d1/wire", "d2/wire")):  # two folder arguments named wire
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.json").write_text(_json(f"Wire {number}"))
    folders = [str(tmp_path / "d1/wire"), str(tmp_path / "d2/wire")]
    pool.run(folders, Options(to=("json",)), out=str(tmp_path / "out2"), jobs=1)
    written = sorted(p.relative_to(tmp_path / "out2").as_posix() for p in (tmp_path / "out2").rglob("*.json"))
    assert written == ["wire/x.json.json", "wire/x.json~2.json"]


def test_names_are_unique_case_folded_and_keep_order() -> None:
    """names.unique keeps the first name, gives later clashes ~2, ~3 (compared case-folded), skipping taken names."""
    units = [
        inputs.Unit(locator=f"in{n}", relative=relative)
        for n, relative in enumerate(["x.txt", "X.TXT", "x.txt~2", "x.txt", "y.txt"])
    ]
    named = names.unique(units)
    assert [u.relative for u in named] == ["x.txt", "X.TXT~3", "x.txt~2", "x.txt~4", "y.txt"]
    assert [u.locator for u in named] == [u.locator for u in units]
    assert names.unique(units) == named  # the same every time
    many = names.unique(inputs.Unit(locator=str(n), relative="a") for n in range(2000))
    assert len({u.relative for u in many}) == 2000
