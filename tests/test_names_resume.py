"""Output names and resumes as an archivist meets them (review of issue 19: F6, F7, F8, F12,
F15, F17, F20): a resume never gives a finished story's name to another input, an input
named twice is one input, the output folder is never read as input, names are unique on the
full output file names (case-folded, container stories' ``#N`` included), and a second run
into an earlier run's folder is refused unless it resumes it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem.batch import inputs, names, pool, sink
from newsitem.batch.steps import Options, Outcome
from newsitem.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "archive"


def _json(headline: str) -> str:
    story = attrs.evolve(newsitem.load(EXAMPLES / "ferry.json"), headline=headline)
    text = newsitem.dumps(story, format="json")
    assert isinstance(text, str)
    return text


def _headline(path: Path) -> str:
    return str(json.loads(path.read_text())["headline"])


def _rows(out: Path) -> list[dict[str, Any]]:
    lines = (out / sink.MANIFEST).read_text().splitlines()
    return [row for row in map(json.loads, lines[1:]) if not row.get("batch_end")]


def _command(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsitem", *argv], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_resume_with_an_input_that_sorts_earlier_keeps_the_finished_files(tmp_path: Path) -> None:
    """F7: a resume that adds an input sorting before a finished one gives the new input ``~2``;
    the finished story's file keeps its bytes and the manifest records one name per input."""
    for year in ("1997", "1998"):
        (tmp_path / year / "wire").mkdir(parents=True)
        (tmp_path / year / "wire" / "ferry.json").write_text(_json(f"Ferry {year}"))
    out = tmp_path / "site"
    options = Options(to=("json", "html"))
    pool.run([str(tmp_path / "1998" / "wire")], options, out=str(out), jobs=1)
    first = (out / "wire" / "ferry.json.json").read_bytes()
    summary = pool.run(
        [str(tmp_path / "1997" / "wire"), str(tmp_path / "1998" / "wire")],
        options,
        out=str(out),
        jobs=1,
        resume=True,
    )
    assert (out / "wire" / "ferry.json.json").read_bytes() == first
    assert _headline(out / "wire" / "ferry.json~2.json") == "Ferry 1997"
    rows = _rows(out)
    assert sorted(row["relative"] for row in rows) == ["wire/ferry.json", "wire/ferry.json~2"]
    assert len({tuple(row["outputs"]) for row in rows}) == 2
    assert (summary.converted, summary.earlier, summary.total) == (1, 1, 2)


def test_resume_keeps_a_finished_containers_name(tmp_path: Path) -> None:
    """F7: a finished container's stories keep their unit's recorded name when a resume adds a
    file of the same name before it."""
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "feed.jsonl").write_text(
        "".join(_json(f"Line {n}").replace("\n", "") + "\n" for n in range(2))
    )
    (tmp_path / "a" / "feed.jsonl").write_text(_json("Alone").replace("\n", "") + "\n")
    out = tmp_path / "out"
    pool.run([str(tmp_path / "b" / "feed.jsonl")], Options(to=("json",)), out=str(out), jobs=1)
    before = {p.name: p.read_bytes() for p in out.glob("feed*")}
    pool.run(
        [str(tmp_path / "a" / "feed.jsonl"), str(tmp_path / "b" / "feed.jsonl")],
        Options(to=("json",)),
        out=str(out),
        jobs=1,
        resume=True,
    )
    assert {name: (out / name).read_bytes() for name in before} == before
    assert _headline(out / "feed.jsonl~2.json") == "Alone"


def test_an_input_named_twice_is_read_once_and_a_resume_agrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F20: a folder named twice is one input (said once on stderr); a run interrupted after
    its first batch and resumed counts what a fresh run counts."""
    folder = tmp_path / "dd"
    folder.mkdir()
    for number in range(8):
        (folder / f"s{number}.json").write_text(_json(f"Story {number}"))
    fresh = pool.run(
        [str(folder), str(folder), str(folder / "s1.json")],
        Options(to=("json",)),
        out=str(tmp_path / "a"),
        jobs=1,
        chunk=3,
    )
    said = capsys.readouterr().err
    assert said.count("named more than once") == 1

    def stop(outcomes: list[Outcome]) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pool.run(
            [str(folder), str(folder)],
            Options(to=("json",)),
            out=str(tmp_path / "b"),
            jobs=1,
            chunk=3,
            on_batch=stop,
        )
    resumed = pool.run(
        [str(folder), str(folder)],
        Options(to=("json",)),
        out=str(tmp_path / "b"),
        jobs=1,
        chunk=3,
        resume=True,
    )
    assert fresh.total == resumed.total == 8
    assert resumed.converted + resumed.earlier == 8
    assert not (tmp_path / "a" / "dd~2").exists()


def test_the_output_folder_inside_an_input_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F17: ``-o`` inside an input folder: the run and its resume leave the output folder out
    (said once on stderr), so the resume counts the same stories and adds no row."""
    archive = tmp_path / "ex"
    archive.mkdir()
    for number in range(3):
        (archive / f"s{number}.json").write_text(_json(f"Story {number}"))
    out = archive / "zz-out"
    first = pool.run([str(archive)], Options(to=("json", "html")), out=str(out), jobs=1)
    capsys.readouterr()
    again = pool.run([str(archive)], Options(to=("json", "html")), out=str(out), jobs=1, resume=True)
    assert capsys.readouterr().err.count("left out") == 1
    assert first.total == again.total == 3
    assert again.nothing_left
    assert not any("zz-out" in row["input"] for row in _rows(out))


def test_a_folder_an_earlier_run_wrote_is_left_out_below_an_argument(tmp_path: Path) -> None:
    """F17: a folder below an argument that holds a run's manifest is no input, by folder or by glob."""
    archive = tmp_path / "ex"
    (archive / "old-site").mkdir(parents=True)
    (archive / "s.json").write_text(_json("Kept"))
    (archive / "old-site" / sink.MANIFEST).write_text("")
    (archive / "old-site" / "s.json.json").write_text(_json("Copy"))
    told: list[str] = []
    listed = [unit.locator for unit in inputs.units([str(archive)], note=told.append)]
    globbed = [unit.locator for unit in inputs.units([f"{archive}/**"], note=told.append)]
    assert listed == globbed == [str(archive / "s.json")]
    assert len(told) == 2


def test_an_input_named_like_a_containers_story_gets_its_own_name(tmp_path: Path) -> None:
    """F8: the input ``feed.jsonl#1`` beside the container ``feed.jsonl`` (whose first story is
    ``feed.jsonl#1``) takes ``feed.jsonl#1~2``, whichever comes first; no file is written twice."""
    (tmp_path / "feed.jsonl").write_text(
        "".join(_json(f"Line {n}").replace("\n", "") + "\n" for n in range(2))
    )
    (tmp_path / "feed.jsonl#1").write_text(_json("Single"))
    for order, out in (((0, 1), tmp_path / "o1"), ((1, 0), tmp_path / "o2")):
        argv = [str(tmp_path / name) for name in (["feed.jsonl", "feed.jsonl#1"][i] for i in order)]
        summary = pool.run(argv, Options(to=("json",)), out=str(out), jobs=1)
        assert summary.total == 3
        assert _headline(out / "feed.jsonl#1.json") == "Line 0"
        assert _headline(out / "feed.jsonl#1~2.json") == "Single"
        outputs = [name for row in _rows(out) for name in row["outputs"]]
        assert len(outputs) == len(set(outputs)) == 3


def test_names_are_unique_on_the_full_output_names(tmp_path: Path) -> None:
    """F12: ``story`` and ``story.ninjs`` with ``--to json,ninjs`` write four files, not three;
    ``Index`` with HTML does not take a case-folded ``index.html``."""
    for name in ("story", "story.ninjs", "Index"):
        (tmp_path / name).write_text(_json(f"Called {name}"))
    out = tmp_path / "out"
    argv = [str(tmp_path / name) for name in ("story", "story.ninjs", "Index")]
    pool.run(argv, Options(to=("json", "ninjs", "html")), out=str(out), jobs=1)
    outputs = [name for row in _rows(out) for name in row["outputs"]]
    assert len({name.casefold() for name in outputs}) == len(outputs) == 9
    assert "index.html" not in {name.casefold() for name in outputs}
    assert _headline(out / "story.json") == "Called story"
    assert _headline(out / "story.ninjs~2.json") == "Called story.ninjs"
    ninjs = (out / "story.ninjs.json").read_text()  # story's ninjs, not replaced by story.ninjs's JSON
    assert "Called story" in ninjs and "Called story.ninjs" not in ninjs


def test_a_second_run_into_an_earlier_runs_folder_is_refused(tmp_path: Path) -> None:
    """F6: a run without --resume into a folder holding an earlier run's manifest is a usage
    error (exit 2, before any work) that says how to go on; nothing there changes."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.json").write_text(_json(f"From {name}"))
    first = _command("convert", "a/x.json", "--to", "json", "-o", "ov", "-q", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (tmp_path / "ov").rglob("*") if p.is_file()}
    second = _command("convert", "b/x.json", "--to", "json", "-o", "ov", cwd=tmp_path)
    assert second.returncode == 2
    assert "ov holds an earlier run of 1 story: --resume to go on with it, or give a new -o" in second.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "ov").rglob("*") if p.is_file()} == before
    with pytest.raises(UsageError, match="holds an earlier run"):
        sink.targets(Options(to=("jsonl",)), str(tmp_path / "ov"), False)


def test_a_resume_with_other_options_names_them_as_flags(tmp_path: Path) -> None:
    """F15: the refusal of a resume with other settings names the earlier run's options as
    flags (``--to json,html --strict``), not as a Python dict."""
    (tmp_path / "x.json").write_text(_json("One"))
    out = str(tmp_path / "out")
    pool.run(
        [str(tmp_path / "x.json")],
        Options(to=("json", "html"), strict=True, mint_guid=False),
        out=out,
        jobs=1,
    )
    with pytest.raises(UsageError) as refused:
        pool.run([str(tmp_path / "x.json")], Options(to=("json",)), out=out, jobs=1, resume=True)
    message = str(refused.value)
    assert "(--to json,html --strict --no-mint-guid)" in message
    assert not any(word in message for word in ("None", "False", "True", "{", "'"))


_NAMES = ["a", "A", "a~2", "a#1", "A#2", "a.ninjs", "b", "B~2", "c/d", "C/D", "c/d#1"]


@given(
    st.lists(st.sampled_from(_NAMES), max_size=10),
    st.lists(st.sampled_from(_NAMES), max_size=10),
    st.sampled_from([(), (".json",), (".json", ".ninjs.json"), (".html", ".json")]),
)
def test_names_given_while_listing_are_unique_and_keep_earlier_ones(
    done: list[str], relatives: list[str], suffixes: tuple[str, ...]
) -> None:
    """The names the lister hands out while listing equal names.unique's on the whole listing;
    all output names (case-folded) are distinct, no name of the form NAME#N sits beside a unit
    NAME, and a resumed run's units keep their recorded names."""
    recorded = names.unique([inputs.Unit(f"old/{n}", name) for n, name in enumerate(done)], suffixes=suffixes)
    earlier = {unit.locator: unit.relative for unit in recorded}  # what an earlier run gave
    units = [inputs.Unit(locator=f"old/{n}", relative="x") for n in range(len(done))]
    units += [inputs.Unit(locator=f"in/{n}/{r}", relative=r) for n, r in enumerate(relatives)]
    whole = names.unique(units, earlier=earlier, suffixes=suffixes)
    streamed = list(pool._Listing(iter(units)).named(earlier, suffixes))
    assert streamed == whole
    given_names = [unit.relative for unit in whole]
    outputs = [(name + suffix).casefold() for name in given_names for suffix in suffixes or ("",)]
    assert len(outputs) == len(set(outputs))
    folded = {name.casefold() for name in given_names}
    assert not any(
        name.casefold().rpartition("#")[0] in folded and name.rpartition("#")[2].isdigit()
        for name in given_names
    )
    assert all(unit.relative == earlier[unit.locator] for unit in whole if unit.locator in earlier)


def test_manifest_rows_record_each_units_name(tmp_path: Path) -> None:
    """F4/F7: every manifest row records the story's name (a container story's ``UNIT#N``), and
    a resumed sink maps each finished unit to it."""
    shutil.copy(EXAMPLES / "ferry.json", tmp_path / "one.json")
    (tmp_path / "feed.jsonl").write_text(
        "".join(_json(f"Line {n}").replace("\n", "") + "\n" for n in range(2))
    )
    out = tmp_path / "out"
    pool.run([str(tmp_path)], Options(to=("json",)), out=str(out), jobs=1)
    label = tmp_path.name
    assert sorted(row["relative"] for row in _rows(out)) == [
        f"{label}/feed.jsonl#1",
        f"{label}/feed.jsonl#2",
        f"{label}/one.json",
    ]
    resumed = sink.Sink(out, None, None, resume=True, settings=sink.settings(Options(to=("json",))))
    resumed.close(finished=False)
    assert resumed.names == {
        str(tmp_path / "feed.jsonl"): f"{label}/feed.jsonl",
        str(tmp_path / "one.json"): f"{label}/one.json",
    }


def test_a_resume_spelling_the_inputs_otherwise_finds_the_finished_stories(tmp_path: Path) -> None:
    """F31: a resume naming the inputs by another spelling (``.`` then an absolute path, then a
    symbolic link) converts nothing again and gives no ``~2`` names; the manifest rows keep the
    locators as the first run spelled them."""
    archive = tmp_path / "ex"
    shutil.copytree(EXAMPLES, archive)
    (tmp_path / "exlink").symlink_to(archive)
    first = _command("convert", ".", "--to", "json", "-o", "out", "-q", cwd=archive)
    assert first.returncode in (0, 1), first.stderr
    rows = _rows(archive / "out")
    for spelling in (str(archive), str(tmp_path / "exlink")):
        again = _command(
            "convert", spelling, "--to", "json", "-o", str(archive / "out"), "--resume", cwd=tmp_path
        )
        assert again.returncode in (0, 1, 2), again.stderr
        assert "nothing left to do" in again.stderr
        assert _rows(archive / "out") == rows
    assert not list((archive / "out").rglob("*~2*"))
    assert not any(row["input"].startswith("/") for row in rows)


def test_an_input_folder_inside_the_output_folder_is_refused(tmp_path: Path) -> None:
    """F28: ``-o .`` above an input folder is a usage error before any work (exit 2, nothing
    written into the input folder), so a resume never reads the outputs as inputs."""
    (tmp_path / "incoming").mkdir()
    shutil.copy(EXAMPLES / "ferry.json", tmp_path / "incoming" / "ferry.json")
    done = _command("convert", "incoming", "--to", "json", "-o", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "holds the input incoming: give an -o outside the inputs" in done.stderr
    assert sorted(p.name for p in (tmp_path / "incoming").iterdir()) == ["ferry.json"]
    assert not (tmp_path / sink.MANIFEST).exists()


def test_stdin_named_twice_is_read_once(tmp_path: Path) -> None:
    """F30: ``- -`` reads stdin once (one story, no false failure of an empty second read) and
    says the input was named more than once."""
    out = tmp_path / "sd"
    done = subprocess.run(
        [sys.executable, "-m", "newsitem", "convert", "-", "-", "--to", "json", "-o", str(out)],
        input=(EXAMPLES / "ferry.json").read_text(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "named more than once" in done.stderr
    assert len(_rows(out)) == 1
    assert not (out / "errors.jsonl").read_text().strip()


def test_a_manifest_of_version_3_is_refused_as_another_version(tmp_path: Path) -> None:
    """F27: a manifest of version 3 (rows without ``relative`` or ``key``) is refused on resume as
    another version, not resumed with names it never recorded."""
    (tmp_path / "x.json").write_text(_json("One"))
    out = tmp_path / "out"
    pool.run([str(tmp_path / "x.json")], Options(to=("json",)), out=str(out), jobs=1)
    manifest = out / sink.MANIFEST
    head, _, rest = manifest.read_text().partition("\n")
    settings = json.loads(head)
    assert settings["manifest"] == 4
    manifest.write_text(sink.record_line({**settings, "manifest": 3}) + rest)
    with pytest.raises(UsageError, match="another version of newsitem"):
        pool.run([str(tmp_path / "x.json")], Options(to=("json",)), out=str(out), jobs=1, resume=True)


def test_either_engine_refuses_the_other_engines_earlier_run(tmp_path: Path) -> None:
    """F29: an output folder holding the Dask engine's manifest shards refuses a pool run (and
    its resume), and one holding the pool's manifest refuses the Dask engine (which cannot resume)."""
    (tmp_path / "x.json").write_text(_json("One"))
    dasked = tmp_path / "dasked"
    dasked.mkdir()
    (dasked / ".newsitem-manifest-00000.jsonl").write_text("{}\n")
    with pytest.raises(UsageError, match=r"--engine dask, 1 manifest shards\): give a new -o"):
        sink.targets(Options(to=("json",)), str(dasked), False)
    with pytest.raises(UsageError, match="--engine dask"):
        sink.refuse_earlier(str(dasked))
    with pytest.raises(UsageError, match="--engine dask"):
        sink.targets(Options(to=("json",)), str(dasked), True)
    pooled = tmp_path / "pooled"
    pool.run([str(tmp_path / "x.json")], Options(to=("json",)), out=str(pooled), jobs=1)
    with pytest.raises(UsageError, match="holds an earlier run of 1 story"):
        sink.refuse_earlier(str(pooled))
    sink.refuse_earlier(str(tmp_path / "fresh"))  # nothing there: no refusal
