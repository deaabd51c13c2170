"""newsitem convert: archives in, one file per story or JSON Lines out, failures reported,
atomic writes, resume, parallel runs identical to serial ones, limits and progress."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

import newsitem
from newsitem import Story
from newsitem.batch import pool, steps
from newsitem.batch.sink import write_atomic
from newsitem.batch.steps import Options, Outcome
from newsitem.cli import main
from newsitem.cli.progress import Bar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
ARCHIVE_STORIES = 16  # 13 files, of which an mbox with 2 messages, a tar with 2 and a zip with 1; one broken


def outputs(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


class TestArchive:
    def test_example_archive_to_json_and_html(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The example archive converts to JSON and HTML files mirroring its names, with one error record for the broken file."""
        out = tmp_path / "out"
        assert main(["convert", str(EXAMPLES), "--to", "json,html", "-o", str(out), "-j", "1"]) == 1
        err = capsys.readouterr().err
        assert f"converted {ARCHIVE_STORIES - 1} stories this run (1 failed; {ARCHIVE_STORIES} in all)" in err
        errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
        assert errors == [
            {
                "input": str(EXAMPLES / "broken.txt"),
                "error": "ParseError",
                "message": errors[0]["message"],
                "line": 1,
                "column": 1,
                "step": "parse",
                "format": None,  # the story itself failed, not one of its formats (issue 19)
            }
        ]
        assert errors[0]["message"].startswith("no known layout recognises this input")
        files = outputs(out)
        for name in (
            "archive/ferry.json.json",
            "archive/rowing.tst.html",
            "archive/wire-bundle.tar.gz/wire/a.json.json",
            "archive/photo-desk.zip/desk/marina.html.json",
            "archive/mailbox.mbox/00002.eml.html",
            "index.html",
            "errors.jsonl",
        ):
            assert name in files, name
        stories = [
            newsitem.load(out / f) for f in files if f.endswith(".json.json") or f.endswith(".eml.json")
        ]
        assert all(isinstance(s, Story) for s in stories)
        assert newsitem.load(out / "archive/ferry.json.json") == newsitem.load(EXAMPLES / "ferry.json")
        assert not [f for f in files if ".tmp" in f]

    def test_index_lists_every_story_by_date(self, tmp_path: Path) -> None:
        """The month pages of the site (index/*.html) link every converted story once; index.html shows
        the latest, newest first, with byline and source, and no script."""
        out = tmp_path / "out"
        main(["convert", str(EXAMPLES), "--to", "html", "-o", str(out), "-j", "1", "-q"])
        index = (out / "index.html").read_text()
        months = [
            p
            for p in (out / "index").iterdir()
            if re.fullmatch(r"(\d{4}-\d\d|undated)(\.\d+)?\.html", p.name)
        ]
        links = [
            link for p in months for link in re.findall(r'class="hed"><a href="\.\./([^"]+)">', p.read_text())
        ]
        assert len(set(links)) == len(links) == ARCHIVE_STORIES - 1
        assert all((out / href).is_file() for href in links)
        stamps = re.findall(r'<time datetime="([^"]*)">', index)
        assert stamps[0] == "2024-03-24T18:45:00"  # the regatta, newest
        assert "By Tomás Ortega · Harbour Weekly" in index
        assert "<script" not in index

    def test_jsonl_to_stdout(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--to jsonl without -o writes one record per story to stdout, in input order."""
        assert main(["convert", str(EXAMPLES / "wire-bundle.tar.gz"), "--to", "jsonl", "-q", "-j", "1"]) == 0
        lines = capsys.readouterr().out.splitlines()
        records = [json.loads(line) for line in lines]
        assert [r["input"] for r in records] == [
            f"{EXAMPLES / 'wire-bundle.tar.gz'}!wire/a.json",
            f"{EXAMPLES / 'wire-bundle.tar.gz'}!wire/b.json",
        ]
        assert (
            newsitem.loads(json.dumps(records[0]["story"])).headline
            == "Harbour ferry returns after a two-year refit"
        )

    def test_jsonl_to_a_file_with_errors_beside_it(self, tmp_path: Path) -> None:
        """-o FILE.jsonl writes the stories there and the failures to FILE.errors.jsonl, leaving no partial file."""
        target = tmp_path / "all.jsonl"
        assert main(["convert", str(EXAMPLES), "--to", "jsonl", "-o", str(target), "-q", "-j", "1"]) == 1
        assert len(target.read_text().splitlines()) == ARCHIVE_STORIES - 1
        assert len((tmp_path / "all.errors.jsonl").read_text().splitlines()) == 1
        assert not (tmp_path / "all.jsonl.partial").exists()

    def test_parallel_equals_serial(self, tmp_path: Path) -> None:
        """-j2 writes byte-for-byte the same JSON Lines and errors as -j1."""
        serial, parallel = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
        assert main(["convert", str(EXAMPLES), "--to", "jsonl", "-o", str(serial), "-q", "-j", "1"]) == 1
        assert main(["convert", str(EXAMPLES), "--to", "jsonl", "-o", str(parallel), "-q", "-j", "2"]) == 1
        assert serial.read_bytes() == parallel.read_bytes()
        assert (tmp_path / "one.errors.jsonl").read_bytes() == (tmp_path / "two.errors.jsonl").read_bytes()

    def test_stdin(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """A story on stdin is converted and named by --stdin-filename."""
        data = (EXAMPLES / "rowing.tst").read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert main(["convert", "-", "--to", "jsonl", "--stdin-filename", "wire/rowing.tst", "-q"]) == 0
        record = json.loads(capsys.readouterr().out)
        assert record["input"] == "wire/rowing.tst"
        assert record["story"]["headline"] == "School rowing crew wins the estuary race"

    def test_lossy(self, tmp_path: Path) -> None:
        """A story a layout cannot hold whole is written with what it keeps by default (--lossy
        too) and its loss listed; --strict fails it naming the fields and the option (issue 19)."""
        strict = tmp_path / "strict"
        args = ["convert", str(EXAMPLES / "ferry.json"), "--to", "anpa", "-q"]
        assert main([*args, "-o", str(strict), "--strict"]) == 1
        error = json.loads((strict / "errors.jsonl").read_text())
        assert error["error"] == "SerializeError" and "rights" in error["message"]
        assert error["format"] == "anpa"
        assert "--strict" in error["message"] and "strict=True" not in error["message"]
        for flags in ([], ["--lossy"]):
            lossy = tmp_path / f"lossy{len(flags)}"
            assert main([*args, *flags, "-o", str(lossy)]) == 0
            assert (
                newsitem.load(lossy / "ferry.json.tst", format="anpa").headline
                == "Harbour ferry returns after a two-year refit"
            )
            (loss,) = [json.loads(line) for line in (lossy / "losses.jsonl").read_text().splitlines()]
            assert loss["format"] == "anpa" and "rights" in loss["lost"]

    def test_lossy_is_worded_as_the_option(self, tmp_path: Path) -> None:
        """A strict refusal says --strict on the command line and strict=True in Python."""
        out = tmp_path / "cli"
        run = ["convert", str(EXAMPLES / "ferry.json"), "--to", "anpa", "-o", str(out), "-q", "-j", "1"]
        assert main([*run, "--strict"]) == 1
        message = json.loads((out / "errors.jsonl").read_text())["message"]
        assert (
            message.startswith("anpa cannot carry ") and "without --strict it writes what it keeps" in message
        )
        options = Options(to=("anpa",), strict=True)
        pool.run([str(EXAMPLES / "ferry.json")], options, out=str(tmp_path / "py"), jobs=1)
        message = json.loads((tmp_path / "py" / "errors.jsonl").read_text())["message"]
        assert "without strict=True it writes" in message and "--strict" not in message

    def test_convert_one_is_the_step_other_engines_call(self) -> None:
        """convert_one gives the JSON Lines record of each story of a unit, or its error record, as Outcomes."""
        options = Options(to=("jsonl",))
        data = (EXAMPLES / "ferry.json").read_bytes()
        (good,) = steps.convert_one("ferry.json", "ferry.json", data, options=options, out=None)
        assert isinstance(good, Outcome) and good.error is None and good.story is None
        assert good.line is not None and json.loads(good.line)["input"] == "ferry.json"
        (bad,) = steps.convert_one("x.txt", "x.txt", b"\x00", options=options, out=None)
        assert bad.line is None and bad.error is not None and bad.error["input"] == "x.txt"

    def test_two_formats_with_one_extension(self, tmp_path: Path) -> None:
        """Two formats sharing an extension are told apart by a format-named suffix."""
        assert steps.suffix_for(["json", "ninjs"]) == {"json": ".json", "ninjs": ".ninjs.json"}
        assert steps.suffix_for(["newsml-g2", "html"]) == {"newsml-g2": ".xml", "html": ".html"}


class TestUsage:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["convert", "nowhere/at/all", "--to", "json", "-o", "x"], "no such file or directory"),
            (["convert", "no-*-match-*.txt", "--to", "json", "-o", "x"], "matches no file"),
            (["convert", str(EXAMPLES), "--to", "json"], "need an output directory"),
            (["convert", str(EXAMPLES), "--to", "jsonl", "--resume"], "--resume needs -o"),
            (["convert", str(EXAMPLES), "--to", "agency-copy", "-o", "x"], "cannot be written"),
            (["convert", str(EXAMPLES), "--to", "yaml", "-o", "x"], "yaml"),
            (
                ["convert", str(EXAMPLES), "--to", "json", "--tz", "Mars/Olympus", "-o", "x"],
                "unknown time zone",
            ),
            (["convert", str(EXAMPLES), "--to", "json,jsonl", "-o", "x.jsonl"], "takes --to jsonl alone"),
            (["convert", str(EXAMPLES)], "required"),
        ],
    )
    def test_exit_2(
        self,
        argv: list[str],
        message: str,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Each impossible request is a usage error (exit 2) with a message saying why."""
        monkeypatch.chdir(tmp_path)
        assert main(argv) == 2
        assert message in capsys.readouterr().err


class TestResume:
    def test_interrupted_run_resumes_without_loss_or_duplicates(self, tmp_path: Path) -> None:
        """A run interrupted after two batches resumes to the same files a fresh run writes."""
        out = tmp_path / "out"
        options = Options(to=("json", "jsonl"))
        batches = []

        def stop_after_two(outcomes: list[Outcome]) -> None:
            batches.append(len(outcomes))
            if len(batches) == 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            pool.run([str(EXAMPLES)], options, out=str(out), jobs=1, chunk=3, on_batch=stop_after_two)
        assert (out / "stories.jsonl.partial").exists() and not (out / "stories.jsonl").exists()
        first = len((out / "stories.jsonl.partial").read_text().splitlines())
        assert first == 6 - sum(1 for line in (out / "errors.jsonl").read_text().splitlines() if line)
        summary = pool.run([str(EXAMPLES)], options, out=str(out), jobs=1, chunk=3, resume=True)
        assert summary.skipped == 6 and summary.total == ARCHIVE_STORIES
        assert summary.failed == 1 and summary.exit_code == 1
        lines = (out / "stories.jsonl").read_text().splitlines()
        inputs = [json.loads(line)["input"] for line in lines]
        assert len(inputs) == len(set(inputs)) == ARCHIVE_STORIES - 1
        fresh = tmp_path / "fresh"
        pool.run([str(EXAMPLES)], options, out=str(fresh), jobs=1)
        assert (out / "stories.jsonl").read_bytes() == (fresh / "stories.jsonl").read_bytes()
        assert (out / "errors.jsonl").read_bytes() == (fresh / "errors.jsonl").read_bytes()
        assert outputs(out) == outputs(fresh)

    def test_a_crash_mid_batch_is_redone(self, tmp_path: Path) -> None:
        """A batch without its end mark in the manifest is redone and its half-written lines truncated."""
        out = tmp_path / "out"
        options = Options(to=("jsonl",))
        pool.run([str(EXAMPLES)], options, out=str(out), jobs=1, chunk=4)
        final = (out / "stories.jsonl").read_bytes()
        # Pretend the run died after writing lines the manifest does not yet account for.
        (out / "stories.jsonl").rename(out / "stories.jsonl.partial")
        manifest = (out / ".newsitem-manifest.jsonl").read_text().splitlines()
        (out / ".newsitem-manifest.jsonl").write_text("\n".join(manifest[:5]) + '\n{"input": "cut sh')
        with open(out / "stories.jsonl.partial", "ab") as handle:
            handle.write(b'{"input":"half a li')
        pool.run([str(EXAMPLES)], options, out=str(out), jobs=1, chunk=4, resume=True)
        assert (out / "stories.jsonl").read_bytes() == final

    def test_resuming_a_finished_jsonl_run_keeps_its_file(self, tmp_path: Path) -> None:
        """Resuming a finished JSON Lines run skips everything and keeps its file as it was."""
        target = tmp_path / "all.jsonl"
        options = Options(to=("jsonl",))
        pool.run([str(EXAMPLES)], options, out=str(target), jobs=1)
        finished = target.read_bytes()
        summary = pool.run([str(EXAMPLES)], options, out=str(target), jobs=1, resume=True)
        assert summary.skipped == ARCHIVE_STORIES
        assert target.read_bytes() == finished

    def test_resume_with_other_options_is_a_usage_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--resume with other --to than the run it continues is refused with exit 2."""
        out = tmp_path / "out"
        main(["convert", str(EXAMPLES), "--to", "json", "-o", str(out), "-q"])
        assert main(["convert", str(EXAMPLES), "--to", "json,html", "-o", str(out), "--resume"]) == 2
        assert "--resume with other options" in capsys.readouterr().err

    def test_resume_with_everything_done(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Resuming a finished run says nothing is left, counts every story of the earlier run and
        still exits 1 for its failure (issue 19: the status of the whole run)."""
        out = tmp_path / "out"
        main(["convert", str(EXAMPLES), "--to", "json", "-o", str(out), "-q"])
        assert (
            main(["convert", str(EXAMPLES), "--to", "json", "-o", str(out), "--resume"]) == 1
        )  # the broken file still failed
        err = capsys.readouterr().err
        assert "nothing left" in err and f"{ARCHIVE_STORIES:,} stories" in err and "1 failed" in err


class TestAtomicAndLimits:
    def test_write_atomic_keeps_the_old_file_when_the_rename_fails(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failed atomic write leaves the old file and no temporary file."""
        target = tmp_path / "story.json"
        target.write_bytes(b"old")

        def fail(*_args: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", fail)
        with pytest.raises(OSError, match="disk full"):
            write_atomic(target, b"new and longer")
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["story.json"]

    def test_size_limit(self, tmp_path: Path) -> None:
        """An input over --max-size is a failure record, not read."""
        summary = pool.run(
            [str(EXAMPLES / "ferry.json")], Options(to=("json",), max_size=100), out=str(tmp_path), jobs=1
        )
        assert summary.failed == 1
        error = json.loads((tmp_path / "errors.jsonl").read_text())
        assert error["error"] == "Unreadable" and "over the limit of 100" in error["message"]

    @pytest.mark.skipif(
        not hasattr(__import__("signal"), "setitimer"), reason="per-story time limits need POSIX timers"
    )
    def test_time_limit(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A story slower than --timeout is stopped and recorded as a Timeout failure."""
        from newsitem import _api

        def slow(*_args: object, **_kwargs: object) -> Story:
            time.sleep(2)
            raise AssertionError("the time limit did not stop the story")

        monkeypatch.setattr(_api, "loads_all", slow)
        summary = pool.run(
            [str(EXAMPLES / "ferry.json")], Options(to=("json",), timeout=0.2), out=str(tmp_path), jobs=1
        )
        assert summary.failed == 1
        error = json.loads((tmp_path / "errors.jsonl").read_text())
        assert error["error"] == "Timeout" and "longer than 0.2 s" in error["message"]

    def test_a_broken_archive_is_a_failure_not_a_crash(self, tmp_path: Path) -> None:
        """An unreadable archive is one failure record and the run goes on."""
        bad = tmp_path / "in" / "bad.tar.gz"
        bad.parent.mkdir()
        bad.write_bytes(b"\x1f\x8b not really gzip")
        summary = pool.run([str(bad.parent)], Options(to=("json",)), out=str(tmp_path / "out"), jobs=1)
        assert summary.failed == 1
        assert "not a readable tar archive" in (tmp_path / "out" / "errors.jsonl").read_text()

    def test_member_names_cannot_escape_the_output(self, tmp_path: Path) -> None:
        """An archive member named ../../x is written inside the output directory."""
        archive = tmp_path / "evil.tar"
        data = (EXAMPLES / "ferry.json").read_bytes()
        with tarfile.open(archive, "w") as tar:
            info = tarfile.TarInfo("../../escaped.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        out = tmp_path / "out"
        assert pool.run([str(archive)], Options(to=("json",)), out=str(out), jobs=1).failed == 0
        assert outputs(out) == [
            ".newsitem-manifest.jsonl",
            "errors.jsonl",
            "evil.tar/escaped.json.json",
            "losses.jsonl",
        ]


class TestProgress:
    class _Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def test_bar_on_a_terminal(self) -> None:
        """On a terminal the progress bar shows done/total, rate, failures and time left."""
        stream = self._Terminal()
        pool.run([str(EXAMPLES)], Options(to=("jsonl",)), stdout=io.StringIO(), jobs=1, progress=Bar(stream))
        text = stream.getvalue()
        assert re.search(rf"\[#+\] {ARCHIVE_STORIES}/{ARCHIVE_STORIES} [\d,]+/s, 1 failed, 0:00 left", text)

    def test_none_on_a_pipe(self) -> None:
        """On a pipe the progress bar writes nothing."""
        stream = io.StringIO()
        pool.run([str(EXAMPLES)], Options(to=("jsonl",)), stdout=io.StringIO(), jobs=1, progress=Bar(stream))
        assert stream.getvalue() == ""


def test_installed_command(tmp_path: Path) -> None:
    """The console script and python -m run the same conversion."""
    script = shutil.which("newsitem", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip(f"no newsitem script beside {sys.executable} (install the package: pip install -e .)")
    out = tmp_path / "out"
    result = subprocess.run(
        [script, "convert", str(EXAMPLES), "--to", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "1 failed" in result.stderr and result.stdout == ""
    module = subprocess.run(
        [sys.executable, "-m", "newsitem", "convert", str(EXAMPLES / "ferry.json"), "--to", "jsonl", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == 0
    assert json.loads(module.stdout)["story"]["headline"] == "Harbour ferry returns after a two-year refit"
