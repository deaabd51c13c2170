"""The public batch API: newsitem.batch.stories and newsitem.batch.convert, shared with the command and Dask."""

from __future__ import annotations

import doctest
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsitem
import newsitem.batch
from newsitem import formats
from newsitem.batch import inputs, pool
from newsitem.batch.steps import Options, Outcome
from newsitem.errors import UnknownFormatError, UsageError

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples" / "archive"

FEED = (
    b'{"newsitem": "2", "headline": "Tide tables out"}\n'
    b'{"newsitem": "2", "headline": 7}\n'
    b'{"newsitem": "2", "headline": "Pier reopens", "priority": "2"}\n'
)


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """Two folders named wire (a name collision), a container of three stories (one broken) and noise."""
    root = tmp_path / "col"
    for year, headline in (("2023", "Old ferry"), ("2024", "New ferry")):
        (root / year / "wire").mkdir(parents=True)
        newsitem.dump(newsitem.Story(headline=headline), root / year / "wire" / "ferry.json")
    (root / "2024" / "wire" / "feed.jsonl").write_bytes(FEED)
    (root / "2024" / "wire" / "notes.txt").write_text("not a story at all")
    return root


def _arguments(root: Path) -> list[str]:
    return [str(root / "2023" / "wire"), str(root / "2024" / "wire")]


def test_importing_the_batch_api_is_cheap() -> None:
    """import newsitem.batch imports neither lxml nor cattrs nor the engine, and offers stories and convert."""
    heavy = "('cattrs', 'lxml', 'newsitem.batch.steps', 'newsitem.batch.pool', 'dask')"
    code = (
        f"import sys, newsitem.batch; print(sorted(m for m in {heavy} if m in sys.modules),"
        " callable(newsitem.batch.stories), callable(newsitem.batch.convert))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] True True"


def test_every_story_with_its_locator(collection: Path) -> None:
    """Every story of files and a container comes with its locator and its story or error record, in input order."""
    records = list(newsitem.batch.stories(_arguments(collection)))
    assert all(isinstance(r, Outcome) for r in records)
    wire23, wire24 = (str(collection / year / "wire") for year in ("2023", "2024"))
    assert [r.locator for r in records] == [
        f"{wire23}/ferry.json",
        f"{wire24}/feed.jsonl#1",
        f"{wire24}/feed.jsonl#2",
        f"{wire24}/feed.jsonl#3",
        f"{wire24}/ferry.json",
        f"{wire24}/notes.txt",
    ]
    assert [r.story.headline if r.story else r.error["error"] for r in records if True] == [  # type: ignore[index]
        "Old ferry",
        "Tide tables out",
        "ValidationError",
        "Pier reopens",
        "New ferry",
        "ParseError",
    ]
    assert all((r.story is None) != (r.error is None) for r in records)


def test_colliding_names_are_made_unique(collection: Path) -> None:
    """Two inputs with the same relative name get distinct, deterministic output names, as convert gives them."""
    records = list(newsitem.batch.stories(_arguments(collection)))
    relatives = [r.relative for r in records]
    assert len(set(relatives)) == len(relatives)
    assert relatives[0] == "wire/ferry.json" and relatives[4] == "wire/ferry.json~2"
    assert relatives == [r.relative for r in newsitem.batch.stories(_arguments(collection))]


def test_the_same_stories_as_the_command(tmp_path: Path, collection: Path) -> None:
    """stories() gives the stories and failures pool.run (newsitem convert) writes, locator for locator, in order."""
    out = tmp_path / "all.jsonl"
    summary = pool.run([str(EXAMPLES), *_arguments(collection)], Options(to=("jsonl",)), out=str(out), jobs=1)
    records = list(newsitem.batch.stories([EXAMPLES, *_arguments(collection)]))
    written = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    errors = [json.loads(line) for line in (tmp_path / "all.errors.jsonl").read_text("utf-8").splitlines()]
    assert [w["input"] for w in written] == [r.locator for r in records if r.story is not None]
    assert [w["story"] for w in written] == [
        json.loads(str(newsitem.dumps(r.story))) for r in records if r.story is not None
    ]
    assert [e["input"] for e in errors] == [r.locator for r in records if r.error is not None]
    assert [{**e, "format": None} for e in errors] == [
        {**r.error, "format": None} for r in records if r.error
    ]
    assert summary.total == len(records) == 22


def test_stdin_and_the_size_limit() -> None:
    """'-' reads the stdin given; a story over max_size is an error record, not read, and the next is read."""
    small = b'{"newsitem": "2", "headline": "Short"}'
    assert [r.story.headline for r in newsitem.batch.stories("-", stdin=io.BytesIO(small))] == ["Short"]  # type: ignore[union-attr]
    over = list(newsitem.batch.stories("-", stdin=io.BytesIO(small), max_size=10))
    assert (
        over[0].story is None and over[0].error is not None and "over the limit" in over[0].error["message"]
    )


def test_arguments_are_checked_before_any_reading(tmp_path: Path) -> None:
    """A missing input, an unknown layout, zone or encoding is an error at the call, before any story is read."""
    with pytest.raises(inputs.InputNotFoundError):
        newsitem.batch.stories([tmp_path / "nowhere"])
    with pytest.raises(UnknownFormatError, match="web-stroy"):
        newsitem.batch.stories([EXAMPLES], layout="web-stroy")
    with pytest.raises(UsageError, match="Mars/Olympus"):
        newsitem.batch.stories([EXAMPLES], tz="Mars/Olympus")
    with pytest.raises(UsageError, match="klingon"):
        newsitem.batch.convert([EXAMPLES], to="json", out=tmp_path / "o", encoding="klingon")
    with pytest.raises(UnknownFormatError, match="nijns"):
        newsitem.batch.convert([EXAMPLES], to=["json", "nijns"], out=tmp_path / "o")
    with pytest.raises(UsageError, match="to names no format"):
        newsitem.batch.convert([EXAMPLES], to=[], out=tmp_path / "o")
    with pytest.raises(UsageError, match="jobs must be 0 or more"):
        newsitem.batch.convert([EXAMPLES], to="json", out=tmp_path / "o", jobs=-3)
    with pytest.raises(UsageError, match="timeout must be"):
        newsitem.batch.convert([EXAMPLES], to="json", out=tmp_path / "o", timeout=-1)
    assert not (tmp_path / "o").exists()


def test_layout_and_zone_reach_the_reader(tmp_path: Path) -> None:
    """layout= forces the reader and tz= dates naive times, as for newsitem.parse."""
    source = EXAMPLES / "regatta.txt"
    [record] = newsitem.batch.stories(source, layout="web-story", tz="Pacific/Auckland")
    assert record.story == newsitem.parse(source.read_bytes(), layout="web-story", tz="Pacific/Auckland")
    assert record.story is not None and record.story.published is not None
    assert record.story.published.utcoffset() is not None
    [forced] = newsitem.batch.stories(source, layout="agency-copy")
    assert forced.error is not None and forced.error["error"] == "ParseError"


def test_convert_accounts_for_every_story_and_resumes(tmp_path: Path, collection: Path) -> None:
    """convert writes unique files, errors and losses; a resume finds nothing left and says the earlier counts."""
    out = tmp_path / "out"
    first = newsitem.batch.convert(_arguments(collection), to=["json", "ninjs"], out=out, jobs=1)
    assert (first.converted, first.failed, first.total, first.exit_code) == (4, 2, 6, 1)
    assert (out / "wire" / "ferry.json.ninjs.json").is_file() and (
        out / "wire" / "ferry.json~2.ninjs.json"
    ).is_file()
    assert newsitem.load(out / "wire" / "ferry.json~2.json").headline == "New ferry"
    assert first.losses == len((out / "losses.jsonl").read_text().splitlines()) >= 1
    assert first.minted == 4  # ninjs needs a guid: each story got newsitem.mint_guid's
    again = newsitem.batch.convert(_arguments(collection), to=["json", "ninjs"], out=out, jobs=1, resume=True)
    assert (again.converted, again.earlier, again.failed, again.total) == (0, 4, 2, 6)
    assert again.nothing_left and again.exit_code == 1


def test_convert_is_the_commands_engine(tmp_path: Path, collection: Path) -> None:
    """convert's files are byte for byte those pool.run writes with the same options, strict and mint_guid included."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    kwargs = {"strict": True, "mint_guid": False}
    mine = newsitem.batch.convert(_arguments(collection), to=("json", "ninjs"), out=ours, jobs=1, **kwargs)
    options = Options(to=("json", "ninjs"), strict=True, mint_guid=False)
    pools = pool.run(_arguments(collection), options, out=str(theirs), jobs=1)
    assert (mine.converted, mine.failed, mine.format_failures) == (
        pools.converted,
        pools.failed,
        pools.format_failures,
    )
    assert mine.format_failures == 4  # no guid and none minted: ninjs fails each story, json is written
    files = sorted(p.relative_to(ours) for p in ours.rglob("*") if p.is_file() and p.name != "manifest.jsonl")
    assert files == sorted(
        p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file() and p.name != "manifest.jsonl"
    )
    assert all(
        (ours / f).read_bytes() == (theirs / f).read_bytes() for f in files if f.name != "errors.jsonl"
    )


def test_convert_to_json_lines_on_stdout(collection: Path) -> None:
    """Without out, jsonl goes to the stdout given, one line per story read."""
    stdout = io.StringIO()
    summary = newsitem.batch.convert(_arguments(collection), to="jsonl", jobs=1, stdout=stdout)
    lines = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert len(lines) == summary.converted == 4
    assert lines[0]["story"]["headline"] == "Old ferry"


def test_the_dask_engine_reads_the_same_records(collection: Path) -> None:
    """Dask's bag holds the records stories() yields (same locators, unique names, stories and errors)."""
    pytest.importorskip("dask")
    from newsitem.batch import dask as nd

    bag = nd.read_stories(_arguments(collection), files_per_partition=2)
    on_dask = [r._replace(partition=None) for r in bag.compute(scheduler="synchronous")]
    assert on_dask == list(newsitem.batch.stories(_arguments(collection)))


def test_the_dask_engine_keeps_names_apart_and_reports_losses(tmp_path: Path, collection: Path) -> None:
    """On Dask two inputs of one name get both their files, and losses and per-format failures get their shards."""
    pytest.importorskip("dask")
    from newsitem.batch import dask as nd

    out = tmp_path / "dask"
    bag = nd.read_stories(_arguments(collection))
    counts = nd.write(bag, format=("json", "ninjs"), path=str(out), mint_guid=False, scheduler="synchronous")
    assert newsitem.load(out / "wire" / "ferry.json.json").headline == "Old ferry"
    assert newsitem.load(out / "wire" / "ferry.json~2.json").headline == "New ferry"
    errors = [
        json.loads(line) for p in sorted(out.glob("errors-*.jsonl")) for line in p.read_text().splitlines()
    ]
    assert counts["format_failures"] == sum(1 for e in errors if e["format"] == "ninjs") == 4
    assert counts["failed"] == sum(1 for e in errors if not e["format"]) == 2
    losses = [
        json.loads(line) for p in sorted(out.glob("losses-*.jsonl")) for line in p.read_text().splitlines()
    ]
    assert counts["losses"] == len(losses)
    rows = [
        json.loads(line)
        for p in sorted(out.glob(".newsitem-manifest-*.jsonl"))
        for line in p.read_text().splitlines()
    ]
    assert len(rows) == 6 and [r["outputs"] for r in rows if "ferry" in r["input"]] == [
        ["wire/ferry.json.json"],
        ["wire/ferry.json~2.json"],
    ]


def test_dask_lists_minted_guids_in_its_manifest_shards(tmp_path: Path, collection: Path) -> None:
    """Each guid Dask mints is in its manifest shards, one row per story, as the pool's manifest lists it."""
    pytest.importorskip("dask")
    from newsitem.batch import dask as nd

    out = tmp_path / "dask"
    counts = nd.write(
        nd.read_stories(_arguments(collection)), format="ninjs", path=str(out), scheduler="synchronous"
    )
    rows = [
        json.loads(line)
        for p in sorted(out.glob(".newsitem-manifest-*.jsonl"))
        for line in p.read_text().splitlines()
    ]
    minted = [row["minted"] for row in rows if "minted" in row]
    assert counts["minted"] == len(minted) == 4 and all(guid.startswith("urn:") for guid in minted)
    written = [json.loads((out / row["outputs"][0]).read_text())["uri"] for row in rows if "minted" in row]
    assert written == minted


@pytest.mark.parametrize(
    ("module", "examples"), [(newsitem.batch, 15), (formats, 2)], ids=["newsitem.batch", "newsitem.formats"]
)
def test_docstring_examples_run(module: object, examples: int) -> None:
    """The examples in the batch API's and the registry's docstrings run and give what they show."""
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted >= examples and result.failed == 0


def test_dask_names_outputs_as_the_pool_does(tmp_path: Path) -> None:
    """Given the formats, Dask names inputs whose output files would meet (story, story.ninjs) as the pool does, and skips its own output folder."""
    pytest.importorskip("dask")
    from newsitem.batch import dask as nd

    folder = tmp_path / "in"
    folder.mkdir()
    newsitem.dump(newsitem.Story(headline="One", guid="urn:x:1"), folder / "story", format="json")
    newsitem.dump(newsitem.Story(headline="Two", guid="urn:x:2"), folder / "story.ninjs", format="json")
    pools = tmp_path / "pool"
    pool.run([str(folder)], Options(to=("json", "ninjs")), out=str(pools), jobs=1)
    out = folder / "dask"  # inside the input folder: not read back as stories
    out.mkdir()
    (out / "left.json").write_bytes((folder / "story").read_bytes())
    bag = nd.read_stories([str(folder)], to=("json", "ninjs"), out=str(out))
    nd.write(bag, format=("json", "ninjs"), path=str(out), scheduler="synchronous")
    written = sorted(p.relative_to(pools).as_posix() for p in pools.rglob("*.json") if p.parent != pools)
    assert len(written) == 4
    assert all((out / name).read_bytes() == (pools / name).read_bytes() for name in written)
    rows = [
        json.loads(line)
        for p in sorted(out.glob(".newsitem-manifest-*.jsonl"))
        for line in p.read_text().splitlines()
    ]
    assert len(rows) == 2
