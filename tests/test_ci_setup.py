"""Setting newsitem validate up in CI: the pre-commit hook matches only what newsitem reads, every
snippet of docs/ci.md parses and runs as written (its commands against the real command line, its
configuration through the configuration reader, its pinned revision in the repository), and
validating one file imports only what that file's format needs."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

import newsitem
from newsitem.cli import config, files
from newsitem.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI_DOC = ROOT / "docs" / "ci.md"
SHARED = ROOT.parent / "shared" / "corpus"

# --- the pre-commit hook ----------------------------------------------------------------------

STORIES = [
    "stories/2024/ap-0001.xml",
    "stories/2024/nitf/story.nitf",
    "stories/wire/AP-1.tst",
    "stories/wire/x.anpa",
    "stories/wire/AAP.zczc",
    "stories/wire/aap.teleprinter.txt",
    "stories/web/indymedia.web-story.txt",
    "stories/wire/dpa.ipt",
    "stories/wire/belga.iptc",
    "stories/mail/release.eml",
    "stories/mail/list.mbox",
    "stories/web/page.html",
    "stories/web/old.htm",
    "stories/ninjs/item.json",
    "crawl/site.warc",
    "crawl/site.warc.gz",
]
"""Files of the formats newsitem reads: the hook hands each of them to newsitem."""
OTHERS = [
    "requirements.txt",
    "docs/NOTES.txt",
    "package.json",
    "web/package-lock.json",
    "tsconfig.json",
    "tsconfig.base.json",
    "composer.json",
    "README.md",
    "config.yaml",
    ".pre-commit-config.yaml",
    "pyproject.toml",
    "logo.png",
    "out/errors.jsonl",
    ".github/workflows/ci.json",
    ".vscode/settings.json",
    "node_modules/lib/story.xml",
    "stories/archive.tar.gz",
    "notes.xml.bak",
]
"""Files newsitem does not read (or that only look like stories): the hook never names them."""


def _json(story: newsitem.Story) -> str:
    text = newsitem.dumps(story, format="json")
    assert isinstance(text, str)
    return text


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "newsitem-validate"]
    assert isinstance(hook, dict)
    return hook


def _matches(hook: dict[str, Any], path: str) -> bool:
    """Whether pre-commit hands ``path`` to the hook: ``files`` searched, ``exclude`` not
    found, and each of ``types`` (``file`` is every file here) met; ``types_or`` unused."""
    assert set(hook.get("types", ["file"])) <= {"file"}, "a tag this test cannot decide"
    assert "types_or" not in hook, "types_or depends on identify's tags: keep the hook to files/exclude"
    included = re.search(hook.get("files", ""), path) is not None
    excluded = re.search(hook["exclude"], path) is not None if hook.get("exclude") else False
    return included and not excluded


def test_hook_matches_exactly_the_story_files() -> None:
    """Run against a sample tree, the hook's patterns match every story file and nothing else
    (before: requirements.txt, docs/NOTES.txt and package.json matched)."""
    hook = _hook()
    matched = sorted(path for path in STORIES + OTHERS if _matches(hook, path))
    assert matched == sorted(STORIES)


def test_hook_extensions_are_the_walks() -> None:
    """The hook matches every extension the validate walk always checks, and the shared ones
    (.json, .xml, .html, .htm) except .txt, which is opt-in (documented in docs/ci.md)."""
    hook = _hook()
    wanted = set(files.story_suffixes()) | (set(files.SNIFFED_SUFFIXES) - {".txt"})
    for suffix in sorted(wanted):
        assert _matches(hook, f"stories/a{suffix}"), suffix
    assert not _matches(hook, "stories/a.txt")


def test_hook_entry_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The hook's entry is a valid command line: run as pre-commit runs it (file names appended),
    --force-exclude and all, it lists the file and exits 0."""
    story = tmp_path / "story.json"
    story.write_text(_json(newsitem.Story(headline="Pay talks resume")), "utf-8")
    argv = shlex.split(_hook()["entry"])
    assert argv[:2] == ["newsitem", "validate"]
    assert main([*argv[1:], "--isolated", "--show-files", str(story)]) == 0
    assert capsys.readouterr().out.strip().endswith("story.json")


def test_hook_patterns_ignore_case() -> None:
    """The hook's patterns ignore case as the walk does: Story.JSON, X.XML and WIRE.TST are handed
    to newsitem, PACKAGE.JSON and a file in .GitHub/ are not (before: the upper-case names were
    never checked by the hook, though a walk checks them)."""
    hook = _hook()
    for path in ("stories/Story.JSON", "wire/X.XML", "wire/WIRE.TST", "web/Page.HTM", "aap.Teleprinter.TXT"):
        assert _matches(hook, path), path
    for path in ("PACKAGE.JSON", ".GitHub/workflows/ci.json", "Node_Modules/x.xml", "REQUIREMENTS.TXT"):
        assert not _matches(hook, path), path


_SITE = {
    "data/authors.json": '{"authors": [{"name": "Ana Lee", "beat": "courts"}]}\n',
    "public/sitemap.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/</loc>'
        "</url></urlset>\n"
    ),
    "public/feed.XML": '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title></channel></rss>\n',
    "templates/base.html": "<!doctype html><html><head><title>{{ title }}</title></head><body>{{ body }}</body></html>\n",
    "config/settings.json": '{"debug": false, "port": 8080}\n',
    "package.json": '{"name": "site", "version": "1.0.0"}\n',
    "README.md": "# a news site\n",
    "content/bad.json": '{"newsitem": "2", "headline": " "}',
}
"""A news site's repository: stories beside JSON data, a sitemap, a feed and a template (before: the
hook handed authors.json, sitemap.xml, settings.json and feed.XML to newsitem, which reported each
as NI001, while a walk of the same tree skipped them)."""


def _site(root: Path) -> list[str]:
    for name, text in _SITE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    story = newsitem.Story(headline="Pay talks resume", body=(newsitem.Paragraph(runs=["Talks resumed."]),))
    (root / "content" / "Story.JSON").write_text(_json(story), "utf-8")
    return [*_SITE, "content/Story.JSON"]


def _findings(
    argv: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[str, str]]:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("TF_BUILD", raising=False)
    monkeypatch.chdir(cwd)
    capsys.readouterr()
    code = main([*argv, "--output-format", "json"])
    problems = json.loads(capsys.readouterr().out)["problems"]
    found = sorted((p["file"], p["rule"]) for p in problems)
    assert code == (1 if any(p["severity"] == "error" for p in problems) else 0), (code, found)
    return found


@pytest.mark.parametrize("tree", ["site", "tests/data/validate"])
def test_hook_finds_what_the_walk_finds(
    tree: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """pre-commit's run of the hook (its files/exclude patterns over the repository's tracked files,
    then its entry with those files appended) reports exactly what `newsitem validate` (a walk of
    the same tree) reports on the files the hook names, and the walk reports nothing on a file the
    hook leaves out but a bare .txt story (opt-in)."""
    hook = _hook()
    if tree == "site":
        root, tracked = tmp_path, _site(tmp_path)
    else:
        root = ROOT / tree
        tracked = [
            p.relative_to(root).as_posix()
            for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).as_posix().startswith("generated/")  # .gitignore'd
        ]
    named = sorted(path for path in tracked if _matches(hook, path))
    walked = _findings(["validate"], root, monkeypatch, capsys)
    hooked = _findings([*shlex.split(hook["entry"])[1:], *named], root, monkeypatch, capsys)
    assert hooked == [f for f in walked if f[0] in named]
    assert {f[0] for f in walked} - set(named) <= {f[0] for f in walked if f[0].endswith(".txt")}
    if tree == "site":
        assert "data/authors.json" in named and "public/sitemap.xml" in named  # handed over, then skipped
        assert {f[0] for f in hooked} == {"content/bad.json"}  # the broken story, and no NI001 for the others


# --- docs/ci.md ------------------------------------------------------------------------------


def _snippets(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", CI_DOC.read_text("utf-8"), re.DOTALL)


def _tree(root: Path) -> None:
    """A small repository: a clean story and a broken one under stories/, and a README."""
    (root / "stories").mkdir()
    story = newsitem.Story(headline="Pay talks resume", body=(newsitem.Paragraph(runs=["Talks resumed."]),))
    (root / "stories" / "good.json").write_text(_json(story), "utf-8")
    (root / "stories" / "bad.json").write_text('{"newsitem": "2", "headline": " "}', "utf-8")
    (root / "README.md").write_text("# stories\n", "utf-8")


def _run(command: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.chdir(cwd)
    argv = shlex.split(command)
    assert argv[0] == "newsitem"
    return main(argv[1:])


def _commands(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("newsitem ")]


def test_github_actions_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The GitHub Actions workflow parses; its annotation step fails on the broken story with
    ::error annotations, its SARIF step writes the file upload-sarif uploads and exits 0."""
    (workflow,) = [s for s in _snippets("yaml") if "upload-sarif" in s]
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(upload) == 1
    annotate, sarif = _commands([s["run"] for s in steps if "run" in s])
    _tree(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert _run(annotate, tmp_path, monkeypatch) == 1
    assert _run(sarif, tmp_path, monkeypatch) == 0
    report = json.loads((tmp_path / upload[0]["with"]["sarif_file"]).read_text("utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["results"]


def test_github_annotations_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The annotation step prints workflow commands GitHub turns into annotations."""
    (workflow,) = [s for s in _snippets("yaml") if "upload-sarif" in s]
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    annotate = _commands([s["run"] for s in steps if "run" in s])[0]
    _tree(tmp_path)
    _run(annotate, tmp_path, monkeypatch)
    assert re.search(r"^::error file=stories/bad\.json", capsys.readouterr().out, re.MULTILINE)


def test_gitlab_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The GitLab job parses; its command writes the code quality report its artifacts name: a
    JSON array of issues with a path and a fingerprint."""
    (job,) = [s for s in _snippets("yaml") if "codequality" in s]
    spec = yaml.safe_load(job)["newsitem"]
    (command,) = _commands(spec["script"])
    _tree(tmp_path)
    assert _run(command, tmp_path, monkeypatch) == 1
    report = json.loads((tmp_path / spec["artifacts"]["reports"]["codequality"]).read_text("utf-8"))
    assert [issue["location"]["path"] for issue in report] == ["stories/bad.json"]
    assert all(issue["fingerprint"] for issue in report)


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    git = shutil.which("git")
    if git is None:
        pytest.skip("needs git")
    return subprocess.run([git, "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


def test_pre_commit_snippet_pins_a_revision_that_exists() -> None:
    """The pre-commit snippet uses this repository's hook id at a full commit hash of this history
    whose .pre-commit-hooks.yaml is the current one, and names as the tag to come pyproject's version
    (before: rev v0.1.0, which does not exist; then a commit with an older hook than the page
    describes)."""
    (snippet,) = [s for s in _snippets("yaml") if "rev:" in s]
    (repo,) = yaml.safe_load(snippet)["repos"]
    assert [hook["id"] for hook in repo["hooks"]] == ["newsitem-validate"]
    rev = str(repo["rev"])
    assert re.fullmatch(r"[0-9a-f]{40}", rev), (
        f"pin a full commit hash until a release is tagged, not {rev!r}"
    )
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8"), re.MULTILINE)
    assert version is not None
    release = re.sub(r"\.dev\d+$", "", version.group(1))
    assert f"until v{release} is tagged" in snippet
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() != "false":
        pytest.skip("needs the repository's history (not a shallow clone or an unpacked sdist)")
    assert _git("cat-file", "-e", f"{rev}^{{commit}}").returncode == 0, f"{rev} is not in the repository"
    assert _git("merge-base", "--is-ancestor", rev, "HEAD").returncode == 0, f"{rev} is not in this history"
    shown = _git("show", f"{rev}:.pre-commit-hooks.yaml")
    assert shown.returncode == 0
    assert shown.stdout == HOOKS.read_text("utf-8"), (
        f"{rev} has another hook: pin the commit that last changed it"
    )


def test_txt_override_snippet_parses() -> None:
    """The opt-in for .txt stories is a hook entry whose files pattern is a regular expression."""
    (override,) = [s for s in _snippets("yaml") if "files:" in s and "repos:" not in s]
    (hook,) = yaml.safe_load(override)
    assert hook["id"] == "newsitem-validate"
    assert re.search(hook["files"], "wire/AP-1.txt") and not re.search(hook["files"], "requirements.txt")


def test_pyproject_example_loads(tmp_path: Path) -> None:
    """The pyproject.toml example is read by the configuration reader, every key as written."""
    (example,) = _snippets("toml")
    (tmp_path / "pyproject.toml").write_text(example, "utf-8")
    settings = config.read(tmp_path / "pyproject.toml")
    assert settings.get("require") == ("byline", "published")
    assert settings.get("per-file-ignores") == {"stories/archive/**": ("NI104",), "*.eml": ("NI2",)}
    assert settings.get("output-format") == "text"


def test_pyproject_example_walk_checks_only_stories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the pyproject.toml example as the repository's configuration, a walk checks the stories
    and every .txt under stories/ (include adds them), and leaves out the README, a JSON index and an
    image beside the stories (before: include = ["stories/**"] made each of them an NI001 error)."""
    (example,) = _snippets("toml")
    (tmp_path / "pyproject.toml").write_text(example, "utf-8")
    _tree(tmp_path)
    (tmp_path / "stories" / "README.md").write_text("# our stories\n", "utf-8")
    (tmp_path / "stories" / "index.json").write_text('{"pages": ["good.json"]}\n', "utf-8")
    (tmp_path / "stories" / "images").mkdir()
    (tmp_path / "stories" / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "stories" / "wire").mkdir()
    (tmp_path / "stories" / "wire" / "cut.txt").write_text("PAY TALKS\n\ncut off in tr\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["validate", "--show-files"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "# skipped" not in line]
    assert listed == ["stories/bad.json", "stories/good.json", "stories/wire/cut.txt"]


def test_ci_page_is_in_the_docs() -> None:
    """docs/ci.md is in the toctree and the command's page links to it."""
    assert re.search(r"^ci\s*$", (ROOT / "docs" / "index.md").read_text("utf-8"), re.MULTILINE)
    assert "(ci.md)" in (ROOT / "docs" / "cli.md").read_text("utf-8")


# --- startup: only what the file's format needs ------------------------------------------------

_NEVER = (
    "cattrs",
    "dateutil.parser",
    "importlib.metadata",
    "newsitem.batch.steps",
    "newsitem.batch.pool",
    "newsitem.formats.html._read",
    "newsitem.formats.html._write",
    "newsitem.formats.nitf._read",
    "newsitem.formats.newsml1._read",
    "newsitem.formats.newsmlg2._write",
    "newsitem.formats.ninjs._write",
    "newsitem.formats.layouts.webstory",
    "newsitem.formats.layouts.email",
    "newsitem.formats.layouts.anpa",
)
"""Modules no `validate` of a ninjs or NewsML-G2 file needs (before: all were imported; the
text layouts are not asked to detect markup or JSON a format claims)."""
_READERS = {
    "ninjs": "newsitem.formats.ninjs._read",
    "newsml-g2": "newsitem.formats.newsmlg2._read",
    "anpa": "newsitem.formats.layouts.anpa",
}
_TEXT_NEVER = (
    "cattrs",
    "lxml.etree",
    "email.generator",
    "importlib.metadata",
    "newsitem._identity",
    "newsitem.batch.steps",
    "newsitem.batch.pool",
    "newsitem.formats.ninjs._read",
    "newsitem.formats.newsmlg2._read",
    "newsitem.formats.nitf._read",
    "newsitem.formats.html._write",
    "newsitem.formats.ninjs._write",
)
"""Modules no `validate` of a text layout's file needs (the text layouts themselves are all asked
whether they recognise it; before, the e-mail layout's import brought lxml and email's generator)."""


@pytest.mark.parametrize(
    ("name", "layout"),
    [
        ("ninjs/iptc-doc-3.1-005_complex_text_article.json", "ninjs"),
        ("newsml-g2/dpa.xml", "newsml-g2"),
        ("tests/data/validate/wire/rowing.tst", "anpa"),
    ],
)
def test_validate_imports_only_what_the_format_needs(name: str, layout: str, tmp_path: Path) -> None:
    """`newsitem validate FILE` imports the reader of FILE's format and not the others' readers,
    the writers, cattrs, dateutil's parser, the batch engine or importlib.metadata."""
    source = ROOT / name if name.startswith("tests/") else SHARED / name
    if not source.is_file():
        pytest.skip(f"needs {source} (CI has ../shared)")
    script = (
        "import sys\n"
        "from newsitem.cli.main import main\n"
        f"main(['validate', '--isolated', '--quiet', {str(source)!r}])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    loaded = set(run.stdout.split())
    assert _READERS[layout] in loaded
    never = {*_TEXT_NEVER} if layout == "anpa" else {*_NEVER, *_READERS.values()} - {_READERS[layout]}
    assert sorted(loaded & never) == []
    assert len(loaded) < 260, "a one-file run imports more modules than it did (208 to 233 here)"


def _every_sniffer(data: bytes) -> str:
    """The layout detection chose before the short path: the most confident of every sniffer."""
    from newsitem import formats
    from newsitem.formats._decode import decode, wide_text

    binary = formats._detect_bytes(data[:65536])
    if binary is not None:
        return binary.layout
    text, _ = decode(formats._time_fill_removed(wide_text(data)), layout="detect", controls=True)
    found = formats._most_confident(text, list(formats.available()))
    return "none" if found is None else found.layout


def test_detection_short_path_agrees_with_every_sniffer() -> None:
    """On every sample of the test data and the examples, detection (which no longer asks the text
    layouts about markup or JSON a format claims) names what asking every sniffer names."""
    samples = [
        p for folder in (ROOT / "tests" / "data", ROOT / "examples") for p in folder.rglob("*") if p.is_file()
    ]
    assert len(samples) > 500
    differ = []
    for path in samples:
        data = path.read_bytes()
        try:
            chosen = newsitem.detect(data).layout
        except newsitem.NewsItemError:
            chosen = "none"
        try:
            every = _every_sniffer(data)
        except newsitem.NewsItemError:
            every = "none"
        if chosen != every:
            differ.append((path.name, chosen, every))
    assert differ == []


def test_import_newsitem_leaves_uuid_for_mint_guid() -> None:
    """`import newsitem` does not import mint_guid's module (and uuid), which nothing but minting
    needs; `newsitem.mint_guid` and `from newsitem import mint_guid` still give it."""
    script = (
        "import sys, newsitem\n"
        "print('newsitem._identity' in sys.modules, 'mint_guid' in dir(newsitem))\n"
        "from newsitem import mint_guid\n"
        "print(mint_guid is newsitem.mint_guid, mint_guid(newsitem.Story(headline='x')).startswith('urn:uuid:'))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True", "True", "True"]


def test_version_still_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """--version (read from the installed metadata only when asked) prints the version."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsitem {newsitem.__version__}"


def test_model_and_conventions_compile_no_pattern_at_import() -> None:
    """Importing the model's rules and the wire conventions compiles none of their regular
    expressions (before: ~60 patterns, 60 ms of a one-file run); they compile on first use."""
    script = (
        "import re, sys\n"
        "compiled = []\n"
        "real = re.compile\n"
        "def counting(pattern, flags=0):\n"
        "    compiled.append(sys._getframe(1).f_code.co_filename)\n"
        "    return real(pattern, flags)\n"
        "re.compile = counting\n"
        "import newsitem._rules, newsitem.model, newsitem.formats.layouts._conventions\n"
        "print(sorted({f for f in compiled if '_rules' in f or '_conventions' in f}))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_lazy_patterns_work_as_compiled_ones() -> None:
    """A pattern compiled on first use answers as re.compile's would, and its source is known
    before it is compiled (other patterns are built from it)."""
    from newsitem._rules import _lazy

    lazy = _lazy(r"(?P<word>[a-z]+)(\d)?", re.IGNORECASE)
    assert lazy.pattern == r"(?P<word>[a-z]+)(\d)?"
    real = re.compile(lazy.pattern, re.IGNORECASE)
    for text in ("Ferry7", "7", "ferry back"):
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
        assert bool(lazy.fullmatch(text)) == bool(real.fullmatch(text))
        assert lazy.sub("-", text) == real.sub("-", text)
    assert (lazy.groups, dict(lazy.groupindex), lazy.flags) == (
        real.groups,
        dict(real.groupindex),
        real.flags,
    )


def test_xml_character_classes_are_xml_1_0() -> None:
    """The model's character rules (written as the classes of the characters left out, which compile
    ten times faster) take exactly XML 1.0's characters: text also TAB and LF, a line neither, CR never."""
    from newsitem import _rules

    def xml(code: int) -> bool:
        return 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000

    every = "".join(map(chr, range(0x110000)))
    text = "".join(c for c in every if xml(ord(c)) or c in "\t\n")
    line = "".join(c for c in every if xml(ord(c)))
    assert _rules._BAD_TEXT.sub("", every) == text
    assert _rules._BAD_LINE.sub("", every) == line
    assert "".join(_rules._OK_RUN.findall(every)) == text
    assert _rules._OK_TEXT.fullmatch("a" + text) and not _rules._OK_TEXT.fullmatch("a\r")
    assert _rules._OK_LINE.fullmatch("a" + line) and not _rules._OK_LINE.fullmatch("a\tb")
    assert not _rules._OK_LINE.fullmatch(" \u3000") and not _rules._OK_TEXT.fullmatch("\n")
