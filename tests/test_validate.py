"""newsitem validate and inspect: rules, every output format, exit codes, stdin, schema checks."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import newsitem
from newsitem.cli import main, validate

from .conftest import DATA, SHARED

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
BROKEN = str(EXAMPLES / "broken.txt")
NAIVE = str(EXAMPLES / "regatta.txt")  # a web story: its time has no zone
CLEAN = str(EXAMPLES / "ferry.json")
CP1252 = str(DATA / "web-story" / "ws14-windows-1252.txt")  # read with a recorded charset guess


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestRulesAndExitCodes:
    def test_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(["validate", CLEAN, "--output", "text"], capsys) == (0, "no problems in 1 file\n", "")

    def test_problems_exit_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            ["validate", BROKEN, NAIVE, CLEAN, "--require-timezone", "--output", "text"], capsys
        )
        assert code == 1
        assert out.splitlines() == [
            f"{BROKEN}:1:1: error NI001 no known layout recognises this input (tried json, newsml-g2, ninjs, html,"
            " web-story, anpa, iptc7901, email, agency-copy)",
            f"{NAIVE}: error NI102 published 2024-03-24T18:45:00 has no zone [published]",
            "2 problems (2 errors, 0 warnings) in 3 files",
        ]

    def test_warnings_fail_only_with_strict(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["validate", CP1252, "--output", "text"], capsys)
        assert code == 0
        assert "warning NI201 charset guessed: windows-1252 [extras.web-story.charset]" in out
        assert run(["validate", CP1252, "--output", "text", "--strict"], capsys)[0] == 1

    def test_exit_zero(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(["validate", BROKEN, "--exit-zero", "--output", "jsonl"], capsys)[0] == 0

    def test_require(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            ["validate", CLEAN, "--require", "byline", "--require", "subjects", "--output", "jsonl"], capsys
        )
        assert code == 1
        records = [json.loads(line) for line in out.splitlines()]
        assert [(r["rule"], r["path"]) for r in records] == [("NI101", "subjects")]

    def test_language(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["validate", CLEAN, "--language", "de", "--output", "jsonl"], capsys)
        assert code == 1
        assert json.loads(out)["message"] == "language is en, expected de"
        assert run(["validate", CLEAN, "--language", "EN", "--output", "jsonl"], capsys)[0] == 0

    def test_max_age(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["validate", CLEAN, NAIVE, "--max-age", "7d", "--output", "jsonl"], capsys)
        assert code == 1
        rules = [json.loads(line)["rule"] for line in out.splitlines()]
        assert rules == ["NI104", "NI105"]  # the ferry story is from 2024; the regatta's time has no zone

    def test_max_age_against_a_fixed_now(self) -> None:
        story = Path(CLEAN).read_bytes()
        published = newsitem.loads(story).published
        assert published is not None
        recent = validate.Policy(max_age=timedelta(hours=2), now=published + timedelta(hours=1))
        old = validate.Policy(max_age=timedelta(hours=2), now=published + timedelta(hours=3))
        assert validate.check(CLEAN, story, recent) == []
        assert [p.rule for p in validate.check(CLEAN, story, old)] == ["NI104"]

    def test_model_rule_and_parse_error_positions(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad_value = tmp_path / "bad.json"
        bad_value.write_text('{"newsitem": "1", "headline": "x", "urgency": 12}')
        malformed = tmp_path / "cut.json"
        malformed.write_text('{"newsitem": "1",\n "headline": ')
        code, out, _ = run(["validate", str(bad_value), str(malformed), "--output", "jsonl"], capsys)
        assert code == 1
        first, second = (json.loads(line) for line in out.splitlines())
        assert (first["rule"], first["path"]) == ("NI003", "$.urgency")
        assert (second["rule"], second["line"], second["column"]) == ("NI002", 2, 14)

    @pytest.mark.parametrize("age", ["90m", "36h", "7d", "2w"])
    def test_ages(self, age: str) -> None:
        assert validate.parse_age(age) > timedelta(0)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["validate", CLEAN, "--require", "colour"], "not a story field"),
            (["validate", CLEAN, "--max-age", "soon"], "expected a number and a unit"),
            (["validate", CLEAN, "--format", "yaml"], "yaml"),
            (["validate", "nowhere.txt"], "no such file"),
            (["validate", CLEAN, "--output", "xml"], "invalid choice"),
        ],
    )
    def test_usage_errors(self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(argv, capsys)
        assert code == 2
        assert message in err


class TestOutputs:
    ARGV: tuple[str, ...] = ("validate", BROKEN, NAIVE, CLEAN, CP1252, "--require-timezone")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run([*self.ARGV, "--output", "json"], capsys)
        report = json.loads(out)
        assert code == 1
        assert (report["status"], report["files_checked"], report["errors"], report["warnings"]) == (
            "fail",
            4,
            3,  # the cp1252 web story also has a time without a zone
            1,
        )
        assert report["problems"][0] == {
            "file": BROKEN,
            "line": 1,
            "column": 1,
            "rule": "NI001",
            "name": "unknown-layout",
            "severity": "error",
            "path": None,
            "message": report["problems"][0]["message"],
        }

    def test_github(self, capsys: pytest.CaptureFixture[str]) -> None:
        out = run([*self.ARGV, "--output", "github"], capsys)[1].splitlines()
        assert out[0] == f"::group::{BROKEN}"
        assert out[1].startswith(f"::error file={BROKEN},line=1,col=1,title=NI001::no known layout")
        assert (
            f"::error file={NAIVE},title=NI102::published 2024-03-24T18:45:00 has no zone [published]" in out
        )
        assert any(line.startswith(f"::warning file={CP1252},title=NI201::") for line in out)
        assert out.count("::endgroup::") == 3

    def test_github_is_the_default_under_actions(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        assert run(["validate", BROKEN], capsys)[1].startswith("::group::")
        monkeypatch.setenv("GITHUB_ACTIONS", "false")
        assert run(["validate", BROKEN], capsys)[1].startswith(f"{BROKEN}:1:1: error NI001")

    def test_github_escapes(self) -> None:
        problem = validate.Problem(rule="NI002", file="a,b:c.txt", message="100%\nbad", line=2, column=3)
        text = validate.render("github", [problem], ["a,b:c.txt"])
        assert "::error file=a%2Cb%3Ac.txt,line=2,col=3,title=NI002::100%25%0Abad" in text

    def test_junit(self, capsys: pytest.CaptureFixture[str]) -> None:
        out = run([*self.ARGV, "--output", "junit"], capsys)[1]
        root = ET.fromstring(out)  # noqa: S314 - our own report, checked to be well-formed
        suite = root.find("testsuite")
        assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "3"
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [BROKEN, NAIVE, CLEAN, CP1252]
        failures = [f.get("type") for c in cases for f in c.findall("failure")]
        assert failures == ["NI001", "NI102", "NI102"]  # warnings are not failures

    def test_sarif(self, capsys: pytest.CaptureFixture[str]) -> None:
        report = json.loads(run([*self.ARGV, "--output", "sarif"], capsys)[1])
        assert report["version"] == "2.1.0"
        run_ = report["runs"][0]
        assert run_["tool"]["driver"]["name"] == "newsitem"
        assert {rule["id"] for rule in run_["tool"]["driver"]["rules"]} == set(validate.RULES)
        first = run_["results"][0]
        assert first["ruleId"] == "NI001" and first["level"] == "error"
        assert first["locations"][0]["physicalLocation"] == {
            "artifactLocation": {"uri": BROKEN},
            "region": {"startLine": 1, "startColumn": 1},
        }
        assert [r["level"] for r in run_["results"]] == ["error", "error", "error", "warning"]

    def test_jsonl_and_text_agree(self, capsys: pytest.CaptureFixture[str]) -> None:
        records = [
            json.loads(line) for line in run([*self.ARGV, "--output", "jsonl"], capsys)[1].splitlines()
        ]
        text = run([*self.ARGV, "--output", "text"], capsys)[1].splitlines()
        assert len(records) == len(text) - 1
        assert all(f" {r['severity']} {r['rule']} " in line for r, line in zip(records, text, strict=False))


class TestInputs:
    def test_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(NAIVE).read_bytes())))
        code, out, _ = run(
            [
                "validate",
                "-",
                "--stdin-filename",
                "incoming/regatta.txt",
                "--require-timezone",
                "--output",
                "text",
            ],
            capsys,
        )
        assert code == 1
        assert out.startswith("incoming/regatta.txt: error NI102")

    def test_directories_and_archives(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["validate", str(EXAMPLES), "--output", "json"], capsys)
        report = json.loads(out)
        assert code == 1 and report["files_checked"] == 15 and report["errors"] == 1

    def test_forced_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["validate", CLEAN, "--format", "anpa", "--output", "jsonl"], capsys)
        assert code == 1
        record = json.loads(out)
        assert record["rule"] == "NI002" and record["message"].endswith("(anpa)")


class TestNewsmlSchema:
    def schema_dir(self) -> Path:
        folder = SHARED / "schemas" / "newsml-g2-2.35"
        if not folder.exists():
            pytest.skip(f"needs the NewsML-G2 schemas at {folder} (CI has them; a user's clone does not)")
        return folder

    def test_valid_and_invalid(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        folder = self.schema_dir()
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        assert (
            run(["validate", str(good), "--newsml-schema", str(folder), "--output", "text"], capsys)[0] == 0
        )
        bad = tmp_path / "bad.xml"
        bad.write_bytes(good.read_bytes().replace(b"<contentMeta>", b"<contentMeta><bogus/>", 1))
        code, out, _ = run(
            ["validate", str(bad), "--newsml-schema", str(folder), "--output", "jsonl"], capsys
        )
        assert code == 1
        records = [json.loads(line) for line in out.splitlines()]
        assert records and all(r["rule"] == "NI301" and isinstance(r["line"], int) for r in records)

    def test_from_the_environment(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        folder = self.schema_dir()
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        monkeypatch.setenv("NEWSITEM_NEWSML_SCHEMA_DIR", str(folder))
        assert run(["validate", str(good), "--output", "text"], capsys)[0] == 0

    def test_missing_schema_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        code, _, err = run(["validate", str(good), "--newsml-schema", str(tmp_path / "none")], capsys)
        assert code == 2 and "schema" in err.lower()


class TestInspect:
    def test_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["inspect", str(EXAMPLES / "rowing.tst")], capsys)
        assert code == 0
        lines = out.splitlines()
        assert lines[1].startswith("layout:      anpa (SYN SYN SOH")
        assert "headline:    School rowing crew wins the estuary race" in lines
        assert "published:   2024-03-17T17:20:00+00:00" in lines
        assert "body:        2 paragraphs, 22 words" in lines

    def test_naive_time_is_marked(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert "published:   2024-03-24T18:45:00 (no zone)" in run(["inspect", NAIVE], capsys)[1]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(["inspect", CLEAN, "--json"], capsys)
        assert code == 0 and newsitem.loads(out) == newsitem.load(CLEAN)

    def test_each_story_of_an_archive(self, capsys: pytest.CaptureFixture[str]) -> None:
        out = run(["inspect", str(EXAMPLES / "mailbox.mbox")], capsys)[1]
        assert out.count("layout:      email") == 2

    def test_broken_and_missing(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(["inspect", BROKEN], capsys)
        assert code == 1 and "no known layout" in err
        assert run(["inspect", "nowhere.txt"], capsys)[0] == 2


def test_installed_validate_command() -> None:
    script = shutil.which("newsitem", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip(f"no newsitem script beside {sys.executable} (install the package: pip install -e .)")
    result = subprocess.run(
        [script, "validate", BROKEN, CLEAN, "--output", "json"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == 1


def test_pre_commit_hook_is_published() -> None:
    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text()
    assert "- id: newsitem-validate" in text
    assert "entry: newsitem validate" in text
    assert "language: python" in text


def test_problem_dates_are_not_guessed() -> None:
    naive = validate.check(
        NAIVE,
        Path(NAIVE).read_bytes(),
        validate.Policy(max_age=timedelta(days=1), now=datetime(2030, 1, 1, tzinfo=UTC)),
    )
    assert [p.rule for p in naive] == ["NI105"]
