"""newsitem validate: which files a walk checks (only what newsitem reads, hidden folders,
.gitignore, --include/--exclude, --force-exclude, named files), the report flags
(--output-file, -q, --statistics, --show-files, --select/--ignore) and -j."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newsitem.cli import files, main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
STORIES = {
    "regatta.txt": "regatta.txt",  # a web story: a .txt recognised as one
    "ferry.json": "ferry.json",  # newsitem JSON
    "fish-market.ninjs.json": "fish-market.ninjs.json",  # ninjs
    "museum.newsml.xml": "museum.newsml.xml",  # NewsML-G2
    "rowing.tst": "rowing.tst",  # ANPA: an extension only stories have
    "footbridge.eml": "footbridge.eml",  # e-mail
    "storm.html": "storm.html",  # an article page
    "ferry-fares.txt": "wire-copy",  # a story with no extension
}
NOT_STORIES = {
    "README.md": b"# Our archive\n\nStories live here.\n",
    "package.json": b'{"name": "site", "version": "1.0.0", "dependencies": {}}\n',
    "config.yaml": b"feeds:\n  - ap\n",
    "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40),
    "errors.jsonl": b'{"locator": "x.txt", "error": "cannot parse"}\n',
    "losses.jsonl": b'{"locator": "x.txt", "format": "ninjs", "lost": ["priority"]}\n',
    ".newsitem-manifest.jsonl": b'{"settings": {}}\n',
    "requirements.txt": b"requests>=2\nattrs==23.1\n",
    "NOTES.txt": b"Some notes\n\nabout what we do.\n",
    "pom.xml": b'<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>',
    "LICENSE": b"Permission is hereby granted, free of charge, to any person obtaining a copy.\n",
    "Makefile": b"all:\n\techo hi\n",
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


SKIPPED = "  # skipped: not recognised as a story"


def listing(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Every line --show-files prints for ``argv`` (skipped files marked)."""
    code, out, err = run(["validate", "--isolated", "--show-files", *argv], capsys)
    assert (code, err) == (0, "")
    return out.splitlines()


def shown(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The files --show-files lists as checked for ``argv`` (not those it marks skipped)."""
    return [line for line in listing(argv, capsys) if not line.endswith(SKIPPED)]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository-like tree: stories beside files that are not stories; the current folder."""
    root = tmp_path / "repo"
    root.mkdir()
    for source, name in STORIES.items():
        shutil.copy(EXAMPLES / source, root / name)
    for name, data in NOT_STORIES.items():
        (root / name).write_bytes(data)
    monkeypatch.chdir(root)
    return root


STORY_NAMES = sorted(STORIES.values())


class TestWhatAWalkChecks:
    def test_only_stories_are_checked(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A walk checks the stories and skips README.md, package.json, config.yaml, images, requirements.txt,
        newsitem's own errors.jsonl, losses.jsonl and manifest: no NI001 for any of them, exit 0."""
        assert shown(["."], capsys) == STORY_NAMES
        code, out, _ = run(["validate", "--isolated", "--output-format", "json", "."], capsys)
        report = json.loads(out)
        assert code == 0, out
        assert report["files_checked"] == len(STORIES) and report["problems"] == []

    def test_no_argument_means_the_current_folder(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`newsitem validate` with no file walks the current folder, as ruff does."""
        assert shown([], capsys) == STORY_NAMES

    def test_a_named_file_is_always_checked(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file named on the command line is checked whatever its name: README.md is an NI001 error."""
        code, out, _ = run(["validate", "--isolated", "--output-format", "jsonl", "README.md"], capsys)
        assert code == 1
        assert [json.loads(line)["rule"] for line in out.splitlines()] == ["NI001"]

    def test_a_story_extension_is_checked_even_when_broken(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file with an extension only stories have (.tst) is checked by a walk even when it is no story;
        a .txt that is no story is skipped."""
        (repo / "cut-off.tst").write_bytes((EXAMPLES / "broken.txt").read_bytes())
        (repo / "cut-off.txt").write_bytes((EXAMPLES / "broken.txt").read_bytes())
        code, out, _ = run(["validate", "--isolated", "--output-format", "jsonl", "."], capsys)
        assert code == 1
        assert {json.loads(line)["file"] for line in out.splitlines()} == {"cut-off.tst"}

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
    def test_an_unreadable_candidate_is_reported_not_skipped(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A .txt a walk cannot read (a FIFO) is listed and reported as NI004, never silently skipped."""
        os.mkfifo(repo / "pipe.txt")
        assert "pipe.txt" in shown(["."], capsys)
        code, out, _ = run(["validate", "--isolated", "--output-format", "jsonl", "."], capsys)
        assert code == 1 and [(f["file"], f["rule"]) for f in map(json.loads, out.splitlines())] == [
            ("pipe.txt", "NI004")
        ]

    def test_hidden_folders_and_files_are_skipped(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A walk enters no hidden folder and reads no hidden file, though they hold stories."""
        (repo / ".cache").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / ".cache" / "rowing.tst")
        shutil.copy(EXAMPLES / "rowing.tst", repo / ".hidden.tst")
        (repo / "sub" / ".git").mkdir(parents=True)
        shutil.copy(EXAMPLES / "rowing.tst", repo / "sub" / ".git" / "x.tst")
        assert shown(["."], capsys) == STORY_NAMES

    def test_a_named_hidden_folder_is_walked(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A hidden folder named on the command line is walked (only what is below it is filtered)."""
        (repo / ".stories").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / ".stories" / "rowing.tst")
        assert shown([".stories"], capsys) == [".stories/rowing.tst"]

    def test_archives_found_by_a_walk_give_their_story_members(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A zip found by a walk gives the members the walk's rules choose (not its README.md); named, every member."""
        with zipfile.ZipFile(repo / "bundle.zip", "w") as bundle:
            bundle.writestr("desk/rowing.tst", (EXAMPLES / "rowing.tst").read_bytes())
            bundle.writestr("desk/README.md", b"# not a story\n")
            bundle.writestr("desk/package.json", NOT_STORIES["package.json"])
        assert "bundle.zip!desk/rowing.tst" in shown(["."], capsys)
        assert not any("README" in name or "package" in name for name in shown(["."], capsys))
        code, out, _ = run(["validate", "--isolated", "--output-format", "jsonl", "bundle.zip"], capsys)
        assert code == 1
        assert {json.loads(line)["file"] for line in out.splitlines()} == {
            "bundle.zip!desk/README.md",
            "bundle.zip!desk/package.json",
        }

    def test_a_convert_output_folder_gives_its_stories_only(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In a folder convert wrote, a walk checks the story pages and JSON, not the archive site's index pages,
        the manifest, stories.jsonl or errors.jsonl."""
        from newsitem.batch import index, sink

        assert (files._MANIFEST, files._SITE) == (sink.MANIFEST, ("index.html", index.FOLDER))
        assert main(["convert", "regatta.txt", "rowing.tst", "--to", "html,json", "-o", "out"]) == 0
        capsys.readouterr()
        assert (repo / "out" / "index.html").is_file() and (repo / "out" / index.FOLDER).is_dir()
        listed = shown(["out"], capsys)
        assert len(listed) == 4 and all(name.endswith((".txt.html", ".tst.html", ".json")) for name in listed)

    def test_suffixes_come_from_the_registry(self) -> None:
        """The extensions a walk always checks are the registry's, less the shared ones, with the containers."""
        always = files.story_suffixes()
        assert {".tst", ".eml", ".iptc", ".warc.gz", ".mbox"} <= set(always)
        assert not set(always) & set(files.SNIFFED_SUFFIXES)


class TestGitignore:
    @pytest.fixture
    def git_repo(self, repo: Path) -> Path:
        (repo / ".git").mkdir()
        (repo / "build").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / "build" / "out.tst")
        (repo / "sub" / "deeper").mkdir(parents=True)
        for name in ("a.tst", "local.tst", "keep.draft.tst", "other.draft.tst"):
            shutil.copy(EXAMPLES / "rowing.tst", repo / "sub" / name)
        shutil.copy(EXAMPLES / "rowing.tst", repo / "sub" / "deeper" / "local.tst")
        (repo / ".gitignore").write_text("build/\n*.draft.tst\n")
        (repo / "sub" / ".gitignore").write_text("local.tst\n!keep.draft.tst\n")
        return repo

    def test_nested_gitignore_files(self, git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The root .gitignore skips build/ and *.draft.tst; sub/.gitignore skips local.tst at any depth
        below it and re-includes keep.draft.tst."""
        listed = [name for name in shown(["."], capsys) if name.startswith(("sub/", "build/"))]
        assert listed == ["sub/a.tst", "sub/keep.draft.tst"]

    def test_gitignore_above_the_walked_folder(
        self, git_repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Walking sub/ alone still honours the .gitignore of the repository's root above it."""
        assert shown(["sub"], capsys) == ["sub/a.tst", "sub/keep.draft.tst"]

    def test_git_info_exclude(self, git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """.git/info/exclude is honoured like a .gitignore at the root."""
        (git_repo / ".git" / "info").mkdir()
        (git_repo / ".git" / "info" / "exclude").write_text("sub/a.tst\n")
        assert shown(["sub"], capsys) == ["sub/keep.draft.tst"]

    def test_respect_gitignore_false(self, git_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """respect-gitignore = false in the configuration turns .gitignore off."""
        (git_repo / "newsitem.toml").write_text("[validate]\nrespect-gitignore = false\n")
        code, out, _ = run(["validate", "--show-files", "sub"], capsys)
        assert code == 0 and len(out.splitlines()) == 5

    def test_a_named_ignored_file_is_checked(
        self, git_repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file .gitignore ignores is still checked when named."""
        assert shown(["build/out.tst"], capsys) == ["build/out.tst"]

    def test_a_named_ignored_folder_is_walked(
        self, git_repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder .gitignore ignores (build/) is walked when named; the other patterns still apply inside it."""
        shutil.copy(EXAMPLES / "rowing.tst", git_repo / "build" / "x.draft.tst")
        assert shown(["build"], capsys) == ["build/out.tst"]


class TestIncludeExclude:
    def test_include_checks_whatever_it_matches(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--include makes a walk check files it would skip, without the recognition test: NOTES.txt is NI001."""
        code, out, _ = run(
            ["validate", "--isolated", "--include", "*.txt", "--output-format", "jsonl", "."], capsys
        )
        assert code == 1
        assert {json.loads(line)["file"] for line in out.splitlines()} == {"NOTES.txt", "requirements.txt"}

    def test_exclude_patterns(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--exclude skips folders (drafts/) and files (*.ninjs.json) in a walk."""
        (repo / "drafts").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / "drafts" / "rowing.tst")
        listed = shown(["--exclude", "drafts/", "--exclude", "*.ninjs.json", "."], capsys)
        assert listed == [name for name in STORY_NAMES if name != "fish-market.ninjs.json"]

    def test_a_named_excluded_folder(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder an exclude pattern matches is walked when named, and skipped with --force-exclude."""
        (repo / "drafts").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / "drafts" / "rowing.tst")
        shutil.copy(EXAMPLES / "ferry.json", repo / "drafts" / "old.sample.json")
        argv = ["--exclude", "drafts/", "--exclude", "*.sample.json", "drafts"]
        assert shown(argv, capsys) == ["drafts/rowing.tst"]
        assert shown([*argv, "--force-exclude"], capsys) == []

    def test_anchored_exclude_pattern(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A pattern with a leading / is anchored at the folder it is relative to (here the current one)."""
        (repo / "a").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / "a" / "rowing.tst")
        listed = shown(["--exclude", "/rowing.tst", "."], capsys)
        assert "a/rowing.tst" in listed and "rowing.tst" not in listed

    def test_force_exclude(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A named file is checked though excluded, unless --force-exclude (as pre-commit names files)."""
        (repo / "drafts").mkdir()
        shutil.copy(EXAMPLES / "rowing.tst", repo / "drafts" / "rowing.tst")
        assert shown(["--exclude", "drafts/", "drafts/rowing.tst"], capsys) == ["drafts/rowing.tst"]
        assert shown(["--exclude", "drafts/", "--force-exclude", "drafts/rowing.tst"], capsys) == []

    def test_a_missing_file_is_a_usage_error(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that names nothing is a usage error (exit 2), said on stderr."""
        code, _, err = run(["validate", "--isolated", "nothing-here.txt"], capsys)
        assert code == 2 and "nothing-here.txt: no such file or directory" in err


class TestNothingSilentlyPassed:
    """review20 R1, R5: a story damaged past recognition is never passed without a word."""

    @pytest.fixture
    def damaged(self, repo: Path) -> Path:
        """content/: a web story without its byline line, a cut-off file, and a real web story."""
        (repo / "content").mkdir()
        lines = (EXAMPLES / "regatta.txt").read_text("utf-8").splitlines(keepends=True)
        (repo / "content" / "no-byline.txt").write_text("".join(lines[:1] + lines[2:]), "utf-8")
        shutil.copy(EXAMPLES / "broken.txt", repo / "content" / "cut-off.txt")
        shutil.copy(EXAMPLES / "regatta.txt", repo / "content" / "regatta.txt")
        return repo / "content"

    def test_a_walk_counts_what_it_skips(self, damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The summary line counts the files a walk skipped, --show-files marks them, and --select NI006
        reports each as a warning (failing with --strict)."""
        code, out, _ = run(["validate", "--isolated", "content"], capsys)
        assert (code, out) == (
            0,
            "no problems in 1 file; 2 files skipped, not recognised as stories (--show-files lists them)\n",
        )
        assert listing(["content"], capsys) == [
            "content/cut-off.txt" + SKIPPED,
            "content/no-byline.txt" + SKIPPED,
            "content/regatta.txt",
        ]
        code, out, _ = run(
            ["validate", "--isolated", "--select", "NI006", "--output-format", "jsonl", "content"], capsys
        )
        found = [(f["file"], f["rule"], f["severity"]) for f in map(json.loads, out.splitlines())]
        assert code == 0
        assert found == [
            ("content/cut-off.txt", "NI006", "warning"),
            ("content/no-byline.txt", "NI006", "warning"),
        ]
        assert run(["validate", "--isolated", "--select", "NI006", "--strict", "content"], capsys)[0] == 1

    def test_from_checks_every_shared_extension_file(
        self, damaged: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --from (or format in the configuration) a walk checks every .txt it finds as that
        format: the damaged web stories are errors, none skipped."""
        code, out, _ = run(
            ["validate", "--isolated", "--from", "web-story", "--output-format", "json", "content"], capsys
        )
        report = json.loads(out)
        assert code == 1 and (report["files_checked"], report["files_skipped"]) == (3, 0)
        assert sorted(p["file"] for p in report["problems"] if p["severity"] == "error") == [
            "content/cut-off.txt",
            "content/no-byline.txt",
        ]
        assert shown(["--from", "web-story", "content"], capsys) == sorted(
            f"content/{name}" for name in ("cut-off.txt", "no-byline.txt", "regatta.txt")
        )
        (damaged.parent / "newsitem.toml").write_text('[validate]\nformat = "web-story"\n')
        code, out, _ = run(["validate", "--output-format", "json", "content"], capsys)
        assert code == 1 and json.loads(out)["files_skipped"] == 0

    def test_an_unknown_format_names_its_option(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """validate --from nope names the option, as convert does; a bad format in the file names the key (F22)."""
        code, _, err = run(["validate", "--isolated", "--from", "nope", "ferry.json"], capsys)
        assert code == 2 and "newsitem validate: error: --from: unknown format 'nope'" in err
        (repo / "newsitem.toml").write_text('[validate]\nformat = "nope"\n')
        code, _, err = run(["validate", "ferry.json"], capsys)
        assert code == 2 and "format in newsitem.toml: unknown format 'nope'" in err

    @pytest.mark.parametrize("named_first", [True, False])
    def test_a_file_named_and_walked_is_checked(
        self, damaged: Path, named_first: bool, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file named on the command line is checked even when a folder walked before it holds it
        (review20 R16): the order of the arguments does not matter."""
        argv = ["content/cut-off.txt", "content"] if named_first else ["content", "content/cut-off.txt"]
        code, out, _ = run(["validate", "--isolated", "--output-format", "json", *argv], capsys)
        report = json.loads(out)
        assert code == 1 and (report["files_checked"], report["files_skipped"]) == (2, 1)
        assert [(p["file"], p["rule"]) for p in report["problems"]] == [("content/cut-off.txt", "NI001")]

    def test_a_large_file_that_is_no_story_is_skipped(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A walked file over --max-size is told from a story by its head (review20 R18): a search
        index and a binary are skipped and counted, not NI004; a story over the limit is still NI004."""
        (repo / "big").mkdir()
        entries = ",".join(json.dumps({"title": "x" * 40, "id": i}) for i in range(25_000))
        (repo / "big" / "search-index.json").write_text('{"docs": [' + entries + "]}")
        (repo / "big" / "gradlew-bin").write_bytes(bytes(1_200_000))
        story = json.loads((EXAMPLES / "ferry.json").read_text("utf-8"))
        story["body"] = [*story["body"], "x" * 1_200_000]
        (repo / "big" / "long.json").write_text(json.dumps(story))
        argv = ["validate", "--isolated", "--max-size", "1", "--output-format", "json", "big"]
        code, out, _ = run(argv, capsys)
        report = json.loads(out)
        assert code == 1 and (report["files_checked"], report["files_skipped"]) == (1, 2)
        assert [(p["file"], p["rule"]) for p in report["problems"]] == [("big/long.json", "NI004")]
        assert listing(["--max-size", "1", "big"], capsys) == [
            "big/gradlew-bin" + SKIPPED,
            "big/long.json",
            "big/search-index.json" + SKIPPED,
        ]

    def test_a_quoted_glob_honours_gitignore_and_exclude(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A glob newsitem expands itself leaves out what .gitignore and exclude leave out of a walk
        (review20 R14); the rest it matches is checked as named (package.json: NI001)."""
        (repo / ".git").mkdir()
        (repo / ".gitignore").write_text("node_modules/\n")
        (repo / "node_modules" / "pkg").mkdir(parents=True)
        (repo / "node_modules" / "pkg" / "package.json").write_text('{"name": "pkg"}\n')
        (repo / "drafts").mkdir()
        shutil.copy(EXAMPLES / "ferry.json", repo / "drafts" / "ferry.json")
        assert shown(["--exclude", "drafts/", "**/*.json"], capsys) == [
            "ferry.json",
            "fish-market.ninjs.json",
            "package.json",
        ]

    def test_config_named_by_option_is_relative_to_the_current_folder(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --config ci/newsitem.toml, its patterns are relative to the current folder, as ruff
        reads them, so an anchored exclude works (review20 R13)."""
        (repo / "content" / "broken").mkdir(parents=True)
        shutil.copy(EXAMPLES / "rowing.tst", repo / "content" / "broken" / "a.tst")
        shutil.copy(EXAMPLES / "rowing.tst", repo / "content" / "b.tst")
        (repo / "ci").mkdir()
        (repo / "ci" / "newsitem.toml").write_text('[validate]\nexclude = ["content/broken/"]\n')
        code, out, _ = run(["validate", "--config", "ci/newsitem.toml", "--show-files", "content"], capsys)
        assert (code, out) == (0, "content/b.tst\n")

    def test_installed_packages_are_never_walked(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A walk skips node_modules/, venv/, site-packages/ and any virtual environment (pyvenv.cfg),
        even where no .gitignore lists them (review20 R19); a folder named on the command line is walked."""
        for folder in (
            "node_modules/pkg",
            "venv/lib",
            "env/lib/python3/site-packages/x",
            "tools/site-packages",
        ):
            (repo / folder).mkdir(parents=True)
            shutil.copy(EXAMPLES / "rowing.tst", repo / folder / "rowing.tst")
        (repo / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")
        (repo / "env" / "lib" / "rowing.tst").write_bytes((EXAMPLES / "rowing.tst").read_bytes())
        assert shown(["."], capsys) == STORY_NAMES
        assert shown(["node_modules"], capsys) == ["node_modules/pkg/rowing.tst"]

    def test_force_exclude_chooses_named_files_as_a_walk(
        self, repo: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --force-exclude (pre-commit's way) named files are chosen as a walk chooses them: a
        .json that is no story is skipped and counted, not NI001; a .gitignore'd or hidden one is
        skipped; a story is checked. Without it, a named file is always checked."""
        (repo / ".git").mkdir()
        (repo / ".gitignore").write_text("build/\n")
        for folder in ("data", "build", ".github"):
            (repo / folder).mkdir()
        (repo / "data" / "authors.json").write_text('{"authors": [{"name": "Lee Chan"}]}\n')
        shutil.copy(EXAMPLES / "rowing.tst", repo / "build" / "out.tst")
        (repo / ".github" / "labels.json").write_text('{"labels": []}\n')
        named = ["data/authors.json", "build/out.tst", ".github/labels.json", "ferry.json", "README.md"]
        code, out, _ = run(["validate", "--isolated", "--force-exclude", *named], capsys)
        assert (code, out) == (
            0,
            "no problems in 1 file; 1 file skipped, not recognised as a story (--show-files lists them)\n",
        )
        assert listing(["--force-exclude", *named], capsys) == ["data/authors.json" + SKIPPED, "ferry.json"]
        code, out, _ = run(["validate", "--isolated", "--output-format", "jsonl", *named], capsys)
        assert code == 1
        assert {json.loads(line)["file"] for line in out.splitlines() if '"NI001"' in line} >= {
            "data/authors.json",
            "README.md",
        }


class TestReportFlags:
    def test_output_file(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o writes the report to a file, nothing to stdout; the exit code is the run's."""
        code, out, _ = run(
            ["validate", "--isolated", "README.md", "--output-format", "json", "-o", "report.json"], capsys
        )
        assert (code, out) == (1, "")
        assert json.loads((repo / "report.json").read_text())["problems"][0]["rule"] == "NI001"
        assert not list(repo.glob(".report.json*"))

    def test_output_file_in_a_missing_folder(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o into a folder that does not exist is a usage error naming the option."""
        code, _, err = run(["validate", "--isolated", "rowing.tst", "-o", "no/such/report.txt"], capsys)
        assert code == 2 and "--output-file no/such/report.txt" in err

    def test_quiet(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-q prints the findings only: a clean run prints nothing, a failing one no summary line."""
        assert run(["validate", "--isolated", "-q", "rowing.tst"], capsys) == (0, "", "")
        code, out, _ = run(["validate", "--isolated", "-q", "README.md", "NOTES.txt"], capsys)
        assert code == 1 and len(out.splitlines()) == 2 and "NI001" in out and "problems" not in out

    def test_statistics(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--statistics counts the findings per rule instead of listing them; the exit code is unchanged."""
        code, out, _ = run(
            ["validate", "--isolated", "--statistics", "--output-format", "json", "README.md", "NOTES.txt"],
            capsys,
        )
        assert code == 1
        assert [(row["code"], row["count"]) for row in json.loads(out)] == [("NI001", 2)]

    def test_select_and_ignore(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--select and --ignore choose the rules reported by id or prefix; a run whose errors are ignored passes."""
        argv = ["validate", "--isolated", "--require-timezone", "--output-format", "jsonl", "regatta.txt"]
        code, out, _ = run(argv, capsys)
        assert code == 1 and {json.loads(line)["rule"] for line in out.splitlines()} == {"NI102"}
        assert run([*argv, "--ignore", "NI1"], capsys)[:2] == (0, "")
        assert run([*argv, "--select", "NI2"], capsys)[:2] == (0, "")

    def test_a_bad_rule_code_is_a_usage_error(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--select with a code no rule has is a usage error naming the flag."""
        code, _, err = run(["validate", "--isolated", "--select", "NX9", "rowing.tst"], capsys)
        assert code == 2 and "--select NX9" in err

    def test_show_files_escapes_hostile_names(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--show-files prints a name with a newline or ESC as visible escapes, one file a line."""
        shutil.copy(EXAMPLES / "rowing.tst", repo / "odd\nname\x1b.tst")
        listed = shown(["."], capsys)
        assert "odd\\x0aname\\x1b.tst" in listed and len(listed) == len(STORIES) + 1


def make_tree(root: Path, count: int) -> None:
    """``count`` small files of several formats, some with findings, in folders of 50."""
    sources = [
        EXAMPLES / n for n in ("regatta.txt", "ferry.json", "rowing.tst", "broken.txt", "footbridge.eml")
    ]
    for number in range(count):
        source = sources[number % len(sources)]
        folder = root / f"d{number // 50:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = ".tst" if source.name == "broken.txt" else source.suffix  # checked, and an error
        (folder / f"{number:05d}{suffix}").write_bytes(source.read_bytes())


class TestJobs:
    def test_workers_give_the_same_report(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-j 2 gives exactly the report of -j 1, in the same order, stdin included in its place."""
        make_tree(tmp_path / "tree", 240)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO((EXAMPLES / "regatta.txt").read_bytes()))
        )
        base = ["validate", "--isolated", "--require-timezone", "--output-format", "jsonl", "tree/d000", "-"]
        one = run([*base, "tree", "-j", "1"], capsys)
        monkeypatch.setattr(
            sys, "stdin", io.TextIOWrapper(io.BytesIO((EXAMPLES / "regatta.txt").read_bytes()))
        )
        two = run([*base, "tree", "-j", "2"], capsys)
        assert one == two
        assert one[0] == 1 and "<stdin>" in one[1] and one[1].count("NI002") + one[1].count("NI001") >= 48

    def test_default_jobs_start_workers_only_for_large_runs(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without -j a run of 200 files or more asks for one worker per usable core; a smaller run starts none."""
        from newsitem.cli import validate

        asked: list[int] = []
        monkeypatch.setattr(validate, "_pool", asked.append)  # returns None: then checked here
        make_tree(tmp_path / "tree", 200)
        monkeypatch.chdir(tmp_path)
        assert run(["validate", "--isolated", "-q", "tree/d000"], capsys)[0] == 1  # 50 files
        assert asked == []
        assert run(["validate", "--isolated", "-q", "tree"], capsys)[0] == 1  # 200 files
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        assert asked == ([min(cores or 1, 8)] if (cores or 1) > 1 else [])

    def test_no_pool_on_this_platform_checks_here(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Where no process pool can start (no semaphores), -j 2 checks every file in this process."""
        import concurrent.futures

        def refuse(*args: object, **kwargs: object) -> None:
            raise OSError(38, "Function not implemented")

        make_tree(tmp_path / "tree", 20)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
        code, out, _ = run(["validate", "--isolated", "-j", "2", "-q", "tree"], capsys)
        assert code == 1 and len(out.splitlines()) == 4

    def test_negative_jobs_is_a_usage_error(self, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-j -3 is a usage error before any work."""
        code, _, err = run(["validate", "--isolated", "-j", "-3", "."], capsys)
        assert code == 2 and "-j" in err

    def test_the_command_in_a_real_process(self, tmp_path: Path) -> None:
        """The installed command with -j 2 on a tree exits 1 with the findings of the broken files (a real pool)."""
        make_tree(tmp_path / "tree", 100)
        done = subprocess.run(
            [sys.executable, "-m", "newsitem", "validate", "--isolated", "-j", "2", "-q", "tree"],
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1, done.stderr
        assert len(done.stdout.decode().splitlines()) == 20  # one of every five files is broken
