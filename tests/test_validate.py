"""newsitem validate and inspect: rules, every output format, exit codes, stdin, schema checks."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest

import newsitem
from newsitem import formats, notes
from newsitem.cli import main, reports, rules

from .conftest import DATA, SHARED

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
BROKEN = str(EXAMPLES / "broken.txt")
NAIVE = str(EXAMPLES / "regatta.txt")  # a web story: its time has no zone
CLEAN = str(EXAMPLES / "ferry.json")
CP1252 = str(DATA / "web-story" / "ws14-windows-1252.txt")  # read with a recorded charset guess


TRIED = ", ".join(info.name for info in formats.available())
"""Every registered format, in the order detection tries them (as NI001 names them)."""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestRulesAndExitCodes:
    def test_clean(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A clean story gives no problems and exit 0."""
        assert run(["validate", CLEAN, "--output-format", "text"], capsys) == (
            0,
            "no problems in 1 file\n",
            "",
        )

    def test_problems_exit_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Unrecognised input and a zoneless time are errors with their rule ids, and the exit code is 1."""
        code, out, _ = run(
            ["validate", BROKEN, NAIVE, CLEAN, "--require-timezone", "--output-format", "text"], capsys
        )
        assert code == 1
        assert out.splitlines() == [
            f"{BROKEN}:1:1: error NI001 no known layout recognises this input (tried {TRIED})",
            f"{NAIVE}: error NI102 published 2024-03-24T18:45:00 has no zone [published]",
            "2 problems (2 errors, 0 warnings) in 3 files",
        ]

    def test_warnings_fail_only_with_strict(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A guessed charset is an NI201 warning: exit 0, and 1 with --strict."""
        code, out, _ = run(["validate", CP1252, "--output-format", "text"], capsys)
        assert code == 0
        assert re.match(rf"{re.escape(CP1252)}(:\d+:\d+)?: warning NI201 .*windows-1252", out)
        assert run(["validate", CP1252, "--output-format", "text", "--strict"], capsys)[0] == 1

    def test_exit_zero(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--exit-zero reports problems and exits 0."""
        assert run(["validate", BROKEN, "--exit-zero", "--output-format", "jsonl"], capsys)[0] == 0

    def test_require(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--require names each missing field with NI101 and its path."""
        code, out, _ = run(
            ["validate", CLEAN, "--require", "byline", "--require", "subjects", "--output-format", "jsonl"],
            capsys,
        )
        assert code == 1
        records = [json.loads(line) for line in out.splitlines()]
        assert [(r["rule"], r["path"]) for r in records] == [("NI101", "subjects")]

    def test_language(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--language compares the story's language case-insensitively (NI103)."""
        code, out, _ = run(["validate", CLEAN, "--language", "de", "--output-format", "jsonl"], capsys)
        assert code == 1
        assert json.loads(out)["message"] == "language is en, expected de"
        assert run(["validate", CLEAN, "--language", "EN", "--output-format", "jsonl"], capsys)[0] == 0

    def test_max_age(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--max-age flags an old story (NI104) and a zoneless one it cannot judge (NI105)."""
        code, out, _ = run(["validate", CLEAN, NAIVE, "--max-age", "7d", "--output-format", "jsonl"], capsys)
        assert code == 1
        rules = [json.loads(line)["rule"] for line in out.splitlines()]
        assert rules == ["NI104", "NI105"]  # the ferry story is from 2024; the regatta's time has no zone

    def test_max_age_against_a_fixed_now(self) -> None:
        """The age check measures against the policy's now."""
        story = Path(CLEAN).read_bytes()
        published = newsitem.loads(story).published
        assert published is not None
        recent = rules.Policy(max_age=timedelta(hours=2), now=published + timedelta(hours=1))
        old = rules.Policy(max_age=timedelta(hours=2), now=published + timedelta(hours=3))
        assert rules.check(CLEAN, story, recent) == []
        assert [p.rule for p in rules.check(CLEAN, story, old)] == ["NI104"]

    def test_model_rule_and_parse_error_positions(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A model error carries its path (NI003) and malformed JSON its line and column (NI002)."""
        bad_value = tmp_path / "bad.json"
        bad_value.write_text('{"newsitem": "1", "headline": "x", "urgency": 12}')
        malformed = tmp_path / "cut.json"
        malformed.write_text('{"newsitem": "1",\n "headline": ')
        code, out, _ = run(["validate", str(bad_value), str(malformed), "--output-format", "jsonl"], capsys)
        assert code == 1
        first, second = (json.loads(line) for line in out.splitlines())
        assert (first["rule"], first["path"]) == ("NI003", "$.urgency")
        assert (second["rule"], second["line"], second["column"]) == ("NI002", 2, 14)

    @pytest.mark.parametrize("age", ["90m", "36h", "7d", "2w"])
    def test_ages(self, age: str) -> None:
        """Each documented age unit parses to a positive duration."""
        assert rules.parse_age(age) > timedelta(0)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["validate", CLEAN, "--require", "colour"], "not a story field"),
            (["validate", CLEAN, "--max-age", "soon"], "expected a number and a unit"),
            (["validate", CLEAN, "--format", "yaml"], "yaml"),
            (["validate", "nowhere.txt"], "no such file"),
            (["validate", CLEAN, "--output-format", "xml"], "invalid choice"),
        ],
    )
    def test_usage_errors(self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Bad options and missing files are usage errors (exit 2) with a message."""
        code, _, err = run(argv, capsys)
        assert code == 2
        assert message in err


def _mutated(format: str, old: str, new: str, **changes: object) -> bytes:
    """The example story written in ``format`` by our writer, with ``old`` replaced by ``new``."""
    story = attrs.evolve(newsitem.load(CLEAN), **changes)  # type: ignore[misc]
    written = newsitem.dumps(story, format=format, lossy=True)
    text = written.decode("utf-8") if isinstance(written, bytes) else written
    assert old in text, f"{old!r} is not in the {format} the writer wrote"
    return text.replace(old, new, 1).encode("utf-8")


def _agency_copy(old: str, new: str) -> bytes:
    text = (DATA / "agency-copy" / "ac01-ap-em-dash.txt").read_text(encoding="utf-8")
    return text.replace(old, new, 1).encode("utf-8")


_NOT_XML = "\ufffe"  # a character XML 1.0 cannot carry: no story field may hold it
_HEADLINE = "Harbour ferry returns"
_LINE = "line:column"
_REFUSED = [
    (
        "json",
        lambda: b'{"newsitem": "1", "headline": "x", "bylines": [{"name": "A", "role": "boss"}]}',
        "$.bylines[0].role",
    ),
    ("ninjs", lambda: _mutated("ninjs", _HEADLINE, f"Harbour {_NOT_XML}"), "$.headlines[0].value"),
    (
        "newsml-g2",
        lambda: _mutated("newsml-g2", "<urgency>3</urgency>", "<urgency>12</urgency>", urgency=3),
        "newsItem/contentMeta/urgency",
    ),
    (
        "html",
        lambda: _mutated(
            "html", 'data-newsitem-field="urgency">3<', 'data-newsitem-field="urgency">12<', urgency=3
        ),
        "data-newsitem-field=urgency",
    ),
    ("web-story", lambda: _mutated("web-story", _HEADLINE, f"Harbour {_NOT_XML}"), _LINE),
    ("anpa", lambda: _mutated("anpa", _HEADLINE, f"Harbour {_NOT_XML}"), _LINE),
    ("iptc7901", lambda: _mutated("iptc7901", _HEADLINE, f"Harbour {_NOT_XML}"), _LINE),
    ("email", lambda: _mutated("email", _HEADLINE, f"Harbour {_NOT_XML}"), _LINE),
    ("agency-copy", lambda: _agency_copy("Harbor town", f"Harbor {_NOT_XML}"), _LINE),
]
"""Per format family: the input, and the document path its NI003 finding must name (or _LINE:
a text layout places it by line and column)."""


class TestModelErrorsAreLocated:
    @pytest.mark.parametrize(("layout", "make", "where"), _REFUSED, ids=[case[0] for case in _REFUSED])
    def test_every_format_reports_where(self, layout: str, make: object, where: str | None) -> None:
        """A value the model refuses is an NI003 error with its model path and its document path or line."""
        findings = rules.check(f"bad.{layout}", make(), rules.Policy(), layout=layout)  # type: ignore[operator]
        assert [f.rule for f in findings] == ["NI003"], findings
        found = findings[0]
        assert found.path is not None, found
        if where == _LINE:
            assert found.line is not None and found.column is not None, found
        else:
            assert found.where == where, found

    def test_text_report_shows_the_document_path_and_the_model_path(self) -> None:
        """The text report prints a finding's line, column, document path and model path; SARIF its document path."""
        finding = rules.Finding(
            rule="NI003",
            file="a.xml",
            message="bad",
            line=4,
            column=2,
            path="$.urgency",
            where="newsItem/urgency",
        )
        text = reports.render("text", [finding], ["a.xml"])
        assert text.startswith("a.xml:4:2: error NI003 bad [newsItem/urgency; model: $.urgency]\n")
        sarif = json.loads(reports.render("sarif", [finding], ["a.xml"]))["runs"][0]["results"][0]
        assert sarif["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "newsItem/urgency"}]

    def test_errors_jsonl_carries_the_position(self, tmp_path: Path) -> None:
        """convert writes a model error's document path and model path to errors.jsonl."""
        bad = tmp_path / "in" / "bad.json"
        bad.parent.mkdir()
        bad.write_text('{"newsitem": "1", "headline": "x", "bylines": [{"name": "A", "role": "boss"}]}')
        assert main(["convert", str(bad), "--to", "json", "-o", str(tmp_path / "out"), "-q", "-j", "1"]) == 1
        record = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
        assert record["error"] == "ValidationError"
        assert record["paths"] == ["$.bylines[0].role"] and record["where"] == ["$.bylines[0].role"]


_FOREIGN_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>'
    '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Harbour ferry returns</h1>'
    '<div itemprop="articleBody"><p>Text with <a href="https://example.com/100%zz">a link</a>.</p></div>'
    "</article></body></html>\n"
)


class TestNotes:
    def test_every_note_code_has_a_rule(self) -> None:
        """Every reader note code maps to its own NI2xx warning rule, or records provenance and is no finding."""
        assert set(rules.NOTE_RULES) | rules.RECORD_NOTES == set(notes.CODES)
        assert not set(rules.NOTE_RULES) & rules.RECORD_NOTES
        assert all(rules.RULES[rule][0] == "warning" for rule in rules.NOTE_RULES.values())
        assert len(set(rules.NOTE_RULES.values())) == len(rules.NOTE_RULES)

    def test_a_note_is_a_warning_at_its_position(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A weekday that does not match the date is an NI206 warning at the line and column the reader gives."""
        mismatch = str(DATA / "web-story" / "ws15-weekday-mismatch.txt")
        code, out, _ = run(["validate", mismatch, "--output-format", "jsonl"], capsys)
        record = json.loads(out)
        assert code == 0
        assert (record["rule"], record["severity"], record["line"]) == ("NI206", "warning", 2)
        assert record["column"] is not None and "Monday" in record["message"]

    def test_a_value_kept_in_extras_is_a_warning_with_its_path(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A foreign page's link the model refuses (the issue's 100%zz) is an NI204 warning at its element, not an error."""
        page = tmp_path / "zz.html"
        page.write_text(_FOREIGN_PAGE, encoding="utf-8")
        code, out, _ = run(["validate", str(page), "--output-format", "jsonl"], capsys)
        record = json.loads(out)
        assert code == 0
        assert (record["rule"], record["severity"]) == ("NI204", "warning")
        assert record["where"] is not None and "100%zz" in record["message"]
        shown = run(["inspect", str(page)], capsys)[1]
        assert any(line.startswith("note:") and "kept-in-extras" in line for line in shown.splitlines())

    def test_note_finding_keeps_the_document_path(self) -> None:
        """A note with a document path becomes a finding with that path and the rule of its code."""
        note = notes.Note(code="kept-in-extras", message="kept", format="ninjs", where="$.renditions[0].href")
        finding = rules.note_finding("a.json", note)
        assert (finding.rule, finding.where, finding.severity) == ("NI204", "$.renditions[0].href", "warning")


class TestOutputs:
    ARGV: tuple[str, ...] = ("validate", BROKEN, NAIVE, CLEAN, CP1252, "--require-timezone")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON report has the status, counts and one object per problem."""
        code, out, _ = run([*self.ARGV, "--output-format", "json"], capsys)
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
            "where": None,
            "message": report["problems"][0]["message"],
        }

    def test_github(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The github report groups annotations per file with line, column and rule."""
        out = run([*self.ARGV, "--output-format", "github"], capsys)[1].splitlines()
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
        """Under GitHub Actions the github report is the default, elsewhere text."""
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
        assert run(["validate", BROKEN], capsys)[1].startswith("::group::")
        monkeypatch.setenv("GITHUB_ACTIONS", "false")
        assert run(["validate", BROKEN], capsys)[1].startswith(f"{BROKEN}:1:1: error NI001")

    def test_github_escapes(self) -> None:
        """GitHub annotation properties and messages are escaped."""
        problem = rules.Finding(rule="NI002", file="a,b:c.txt", message="100%\nbad", line=2, column=3)
        text = reports.render("github", [problem], ["a,b:c.txt"])
        assert "::error file=a%2Cb%3Ac.txt,line=2,col=3,title=NI002::100%25%0Abad" in text

    def test_junit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JUnit report has a test case per file and errors (not warnings) as failures."""
        out = run([*self.ARGV, "--output-format", "junit"], capsys)[1]
        root = ET.fromstring(out)  # noqa: S314 - our own report, checked to be well-formed
        suite = root.find("testsuite")
        assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "3"
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [BROKEN, NAIVE, CLEAN, CP1252]
        failures = [f.get("type") for c in cases for f in c.findall("failure")]
        assert failures == ["NI001", "NI102", "NI102"]  # warnings are not failures

    def test_sarif(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The SARIF report lists every rule and places each result in its file."""
        report = json.loads(run([*self.ARGV, "--output-format", "sarif"], capsys)[1])
        assert report["version"] == "2.1.0"
        run_ = report["runs"][0]
        assert run_["tool"]["driver"]["name"] == "newsitem"
        assert {rule["id"] for rule in run_["tool"]["driver"]["rules"]} == set(rules.RULES)
        first = run_["results"][0]
        assert first["ruleId"] == "NI001" and first["level"] == "error"
        assert first["locations"][0]["physicalLocation"] == {
            "artifactLocation": {"uri": os.path.relpath(BROKEN), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 1},
        }
        assert [r["level"] for r in run_["results"]] == ["error", "error", "error", "warning"]

    def test_jsonl_and_text_agree(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The jsonl and text reports list the same problems in the same order."""
        records = [
            json.loads(line) for line in run([*self.ARGV, "--output-format", "jsonl"], capsys)[1].splitlines()
        ]
        text = run([*self.ARGV, "--output-format", "text"], capsys)[1].splitlines()
        assert len(records) == len(text) - 1
        assert all(f" {r['severity']} {r['rule']} " in line for r, line in zip(records, text, strict=False))


class TestInputs:
    def test_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """A story on stdin is validated under the --stdin-filename name."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(NAIVE).read_bytes())))
        code, out, _ = run(
            [
                "validate",
                "-",
                "--stdin-filename",
                "incoming/regatta.txt",
                "--require-timezone",
                "--output-format",
                "text",
            ],
            capsys,
        )
        assert code == 1
        assert out.startswith("incoming/regatta.txt: error NI102")

    def test_directories_and_archives(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A directory with archives is validated story by story; the walk leaves out broken.txt, which
        no reader recognises (issue 20)."""
        code, out, _ = run(["validate", str(EXAMPLES), "--output-format", "json"], capsys)
        report = json.loads(out)
        assert code == 0 and report["files_checked"] == 15 and report["errors"] == 0

    def test_forced_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format forces the layout, and a mismatch is NI002 naming it."""
        code, out, _ = run(["validate", CLEAN, "--format", "anpa", "--output-format", "jsonl"], capsys)
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
        """Our NewsML-G2 is schema-valid; an unknown element is NI301 with its line."""
        folder = self.schema_dir()
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        assert (
            run(["validate", str(good), "--newsml-schema", str(folder), "--output-format", "text"], capsys)[0]
            == 0
        )
        bad = tmp_path / "bad.xml"
        bad.write_bytes(good.read_bytes().replace(b"<contentMeta>", b"<contentMeta><bogus/>", 1))
        code, out, _ = run(
            ["validate", str(bad), "--newsml-schema", str(folder), "--output-format", "jsonl"], capsys
        )
        assert code == 1
        records = [json.loads(line) for line in out.splitlines()]
        assert records and all(r["rule"] == "NI301" and isinstance(r["line"], int) for r in records)

    def test_from_the_environment(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """NEWSITEM_NEWSML_SCHEMA_DIR turns the schema check on."""
        folder = self.schema_dir()
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        monkeypatch.setenv("NEWSITEM_NEWSML_SCHEMA_DIR", str(folder))
        assert run(["validate", str(good), "--output-format", "text"], capsys)[0] == 0

    def test_missing_schema_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A schema folder without the schema is a usage error (exit 2)."""
        good = tmp_path / "good.xml"
        good.write_bytes(newsitem.dumps(newsitem.load(CLEAN), format="newsml-g2"))  # type: ignore[arg-type]
        code, _, err = run(["validate", str(good), "--newsml-schema", str(tmp_path / "none")], capsys)
        assert code == 2 and "schema" in err.lower()


class TestNinjsSchema:
    def schema_dir(self) -> Path:
        folder = SHARED / "schemas" / "ninjs"
        if not folder.exists():
            pytest.skip(f"needs the ninjs schemas at {folder} (CI has them; a user's clone does not)")
        return folder

    def test_valid_and_invalid(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Our ninjs is valid under the 3.1 schema; a 1.x document breaking 1.6 gives NI302 at its own JSON path."""
        folder = self.schema_dir()
        good = tmp_path / "good.json"
        story = attrs.evolve(newsitem.load(CLEAN), guid="urn:newsitem:test:1", bylines=())
        good.write_text(newsitem.formats.ninjs.dumps(newsitem.formats.ninjs.carried(story)))
        argv = ["validate", "--format", "ninjs", "--ninjs-schema", str(folder), "--output-format", "jsonl"]
        assert run([*argv, str(good)], capsys)[0] == 0
        bad = tmp_path / "bad.json"
        bad.write_text(
            json.dumps({"uri": "urn:x:1", "headline": "H", "pubstatus": "cancelled", "urgency": "3"})
        )
        code, out, _ = run([*argv, str(bad)], capsys)
        records = [r for r in map(json.loads, out.splitlines()) if r["rule"] == "NI302"]
        assert code == 1
        assert sorted(r["where"] for r in records) == ["$.pubstatus", "$.urgency"]
        assert all("ninjs 1.6 schema" in r["message"] for r in records)

    def test_version_chooses_the_schema(self) -> None:
        """A document is checked against the schema of its version: 3.x camelCase is wrong under 2.2 and right under 3.1."""
        from newsitem.formats.ninjs import schema

        folder = self.schema_dir()
        camel = {"uri": "urn:x:1", "versionCreated": "2024-01-01T00:00:00Z"}
        schema.validate({**camel, "standard": {"name": "ninjs", "version": "3.1"}}, schema_dir=folder)
        with pytest.raises(newsitem.ValidationError, match=r"2\.2 schema"):
            schema.validate({**camel, "standard": {"name": "ninjs", "version": "2.2"}}, schema_dir=folder)
        assert schema.schema_version({"uri": "u", "headline": "H"}) == "1"

    def test_deep_or_long_values(self) -> None:
        """A document nested deeper than the checker recurses is one problem at its root (never a
        RecursionError: Python 3.11 reports it nested too deeply, 3.12 refuses the property first);
        a long quoted value is cut in the message."""
        from newsitem.formats.ninjs import schema

        folder = self.schema_dir()
        deep = '{"uri": "urn:x:1", "a": ' + "[" * 1020 + "]" * 1020 + "}"
        with pytest.raises(newsitem.ValidationError, match=r"nested too deeply|'a' was unexpected") as found:
            schema.validate(deep, schema_dir=folder)
        assert [p.where for p in found.value.problems] == ["$"]
        long = {"uri": "urn:x:1", "headlines": [{"value": ["y"] * 500}]}
        with pytest.raises(newsitem.ValidationError) as cut:
            schema.validate(long, schema_dir=folder)
        assert all(len(p.message) < 400 for p in cut.value.problems)

    def test_from_the_environment(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """NEWSITEM_NINJS_SCHEMA_DIR turns the ninjs schema check on."""
        folder = self.schema_dir()
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"uri": "urn:x:1", "headlines": [{"value": "H"}], "urgency": 12}))
        assert run(["validate", "--format", "ninjs", str(bad)], capsys)[0] == 0
        monkeypatch.setenv("NEWSITEM_NINJS_SCHEMA_DIR", str(folder))
        code, out, _ = run(["validate", "--format", "ninjs", str(bad), "--output-format", "text"], capsys)
        assert code == 1 and "NI302" in out

    def test_missing_schema_or_package_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """No schema folder, or no jsonschema package, is a usage error (exit 2) saying what is missing."""
        from newsitem.formats.ninjs import schema

        good = tmp_path / "good.json"
        good.write_text(json.dumps({"uri": "urn:x:1", "headlines": [{"value": "H"}]}))
        code, _, err = run(
            ["validate", "--format", "ninjs", str(good), "--ninjs-schema", str(tmp_path / "none")], capsys
        )
        assert code == 2 and "schema" in err.lower()
        empty = tmp_path / "empty"
        empty.mkdir()
        (empty / "ninjs-schema_3.1.json").write_text("{}")
        schema._validator.cache_clear()
        monkeypatch.setitem(sys.modules, "jsonschema", None)
        code, out, err = run(
            ["validate", "--format", "ninjs", str(good), "--ninjs-schema", str(empty)], capsys
        )
        schema._validator.cache_clear()
        assert code == 2 and "newsitem[schema]" in err, out + err


class TestInspect:
    def test_summary(self, capsys: pytest.CaptureFixture[str]) -> None:
        """inspect shows the layout, the fields and a body summary."""
        code, out, _ = run(["inspect", str(EXAMPLES / "rowing.tst")], capsys)
        assert code == 0
        lines = out.splitlines()
        assert lines[1].startswith("layout:      anpa (SYN SYN SOH")
        assert "headline:    School rowing crew wins the estuary race" in lines
        assert "published:   2024-03-17T17:20:00+00:00" in lines
        assert "body:        2 paragraphs, 22 words" in lines

    def test_naive_time_is_marked(self, capsys: pytest.CaptureFixture[str]) -> None:
        """inspect marks a time without a zone."""
        assert "published:   2024-03-24T18:45:00 (no zone)" in run(["inspect", NAIVE], capsys)[1]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON report has the status, counts and one object per problem."""
        code, out, _ = run(["inspect", CLEAN, "--json"], capsys)
        assert code == 0 and newsitem.loads(out) == newsitem.load(CLEAN)

    def test_each_story_of_an_archive(self, capsys: pytest.CaptureFixture[str]) -> None:
        """inspect shows each message of an mbox."""
        out = run(["inspect", str(EXAMPLES / "mailbox.mbox")], capsys)[1]
        assert out.count("layout:      email") == 2

    def test_broken_and_missing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """inspect exits 1 on unreadable input and 2 on a missing file."""
        code, _, err = run(["inspect", BROKEN], capsys)
        assert code == 1 and "no known layout" in err
        assert run(["inspect", "nowhere.txt"], capsys)[0] == 2


def test_installed_validate_command() -> None:
    """The installed newsitem script validates and prints the JSON report."""
    script = shutil.which("newsitem", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip(f"no newsitem script beside {sys.executable} (install the package: pip install -e .)")
    result = subprocess.run(
        [script, "validate", BROKEN, CLEAN, "--output-format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"] == 1


def test_pre_commit_hook_is_published() -> None:
    """The repository publishes the newsitem-validate pre-commit hook."""
    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text()
    assert "- id: newsitem-validate" in text
    assert "entry: newsitem validate" in text
    assert "language: python" in text


def test_problem_dates_are_not_guessed() -> None:
    """A zoneless time is NI105, never guessed into an age."""
    naive = rules.check(
        NAIVE,
        Path(NAIVE).read_bytes(),
        rules.Policy(max_age=timedelta(days=1), now=datetime(2030, 1, 1, tzinfo=UTC)),
    )
    assert [p.rule for p in naive] == ["NI105"]


class TestRuleChoice:
    """Issue 20: --select/--ignore by id or prefix, --statistics, and the new reports, on the command line."""

    ARGV: tuple[str, ...] = ("validate", BROKEN, NAIVE, CP1252, "--require-timezone", "--isolated")

    def rules_of(self, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
        code, out, err = run([*self.ARGV, *extra, "--output-format", "jsonl"], capsys)
        assert code in (0, 1), err
        return [json.loads(line)["rule"] for line in out.splitlines()]

    def test_select_and_ignore(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--select and --ignore keep the rules chosen by id or prefix, the most specific winning."""
        assert self.rules_of(capsys) == ["NI001", "NI102", "NI102", "NI201"]
        assert self.rules_of(capsys, "--select", "NI1") == ["NI102", "NI102"]
        assert self.rules_of(capsys, "--ignore", "NI0,NI2") == ["NI102", "NI102"]
        assert self.rules_of(capsys, "--select", "NI201", "--ignore", "NI2") == ["NI201"]
        assert self.rules_of(capsys, "--select", "NI001", "--select", "NI201") == ["NI001", "NI201"]

    def test_an_unknown_code_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A code no rule id starts with stops the run before any work with exit 2, naming the flag."""
        code, out, err = run([*self.ARGV, "--ignore", "NI9"], capsys)
        assert (code, out) == (2, "") and "--ignore NI9" in err

    def test_statistics(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--statistics prints the findings counted by rule instead of the findings; the exit code stays."""
        code, out, _ = run([*self.ARGV, "--statistics"], capsys)
        assert code == 1
        assert out.splitlines() == [
            "2\tNI102\t[error] timezone-required",
            "1\tNI001\t[error] unknown-layout",
            "1\tNI201\t[warning] charset-guess",
        ]

    def test_gitlab_and_azure(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The gitlab and azure reports of a run carry every finding with its rule and place."""
        code, out, _ = run([*self.ARGV, "--output-format", "gitlab"], capsys)
        issues = json.loads(out)
        assert code == 1 and [i["check_name"] for i in issues] == ["NI001", "NI102", "NI102", "NI201"]
        assert issues[0]["location"] == {"path": os.path.relpath(BROKEN), "lines": {"begin": 1}}
        code, out, _ = run([*self.ARGV, "--output-format", "azure"], capsys)
        first = out.splitlines()[0]
        assert code == 1 and first.startswith(
            f"##vso[task.logissue type=error;sourcepath={BROKEN};linenumber=1;"
        )
        assert ";code=NI001;]no known layout" in first
