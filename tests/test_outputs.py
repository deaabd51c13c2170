"""Issue 20, outputs: every report writes file paths as its consumer reads them, whatever the names
hold (quotes, newlines, `::`, `%`, bytes that are not UTF-8): SARIF valid against the SARIF 2.1.0
schema with format checking, its URIs relative to %SRCROOT% or file://; JUnit through a strict XML
parser; GitHub and Azure commands read back as their runners parse them; GitLab's code quality
report; --statistics."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes, urljoin

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newsitem.cli import reports, rules

from .conftest import SHARED

ROOT = "/work/repo"
HOSTILE = [
    "say \"hi\" 'there'.txt",
    "two\nlines\r.txt",
    "a::b,c:d.txt",
    "100% sure %0A %25.txt",
    "caf\udce9.txt",  # the byte 0xE9, as os.fsdecode gives a name that is not UTF-8
    "we ird#name?.txt",
    "sub dir/ümlaut ☃.txt",
    "wire.tar!in/a b.txt",
    "<stdin>",
    f"{ROOT}/inside/x.txt",
    "/elsewhere/a b.txt",
    "../outside.txt",
    "c:odd.txt",
]
"""Names of files as validate gives them (relative to ROOT, absolute, archive members, stdin)."""


def hostile_findings() -> tuple[list[rules.Finding], list[str]]:
    found = []
    for number, name in enumerate(HOSTILE):
        found.append(
            rules.Finding(
                rule="NI002", file=name, message=f"bad: 50% off\n::x, y: {name}", line=number + 1, column=2
            )
        )
        found.append(rules.Finding(rule="NI201", file=name, message="guessed; [sic]", where="$.a"))
    return found, list(HOSTILE)


def render(output: str) -> str:
    findings, files = hostile_findings()
    text = reports.render(output, findings, files, root=ROOT)
    text.encode("utf-8")  # strict: no lone surrogate reaches the output
    return text


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    """The SARIF 2.1.0 schema with every format checked."""
    path = SHARED / "schemas" / "sarif-2.1.0" / "sarif-schema-2.1.0.json"
    if not path.exists():
        pytest.skip(f"needs the SARIF schema at {path} (CI has it)")
    checker = jsonschema.FormatChecker()  # every format: Draft 4's own checker lacks uri-reference
    assert {"uri", "uri-reference"} <= set(checker.checkers)
    return jsonschema.Draft4Validator(json.loads(path.read_text("utf-8")), format_checker=checker)


class TestSarif:
    def test_valid_against_the_schema_with_formats_checked(
        self, validator: jsonschema.protocols.Validator
    ) -> None:
        """The report of hostile names validates against SARIF 2.1.0, formats included."""
        validator.validate(json.loads(render("sarif")))

    def test_the_format_checker_is_active(self, validator: jsonschema.protocols.Validator) -> None:
        """A space in a URI reference, or a relative helpUri, fails: the check above can fail."""
        report = json.loads(render("sarif"))
        report["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b"
        assert not validator.is_valid(report)
        report = json.loads(render("sarif"))
        report["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "rules.html#ni001"
        assert not validator.is_valid(report)

    def test_uris_resolve_back_to_the_files(self) -> None:
        """Each URI, resolved against its base, gives back the file's path bytes; outside ROOT it is file://."""
        run = json.loads(render("sarif"))["runs"][0]
        base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        assert base == f"file://{ROOT}/"
        results = run["results"][::2]
        for name, result in zip(HOSTILE, results, strict=True):
            artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
            uri = artifact["uri"]
            assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri), uri
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] == "%SRCROOT%" and not uri.startswith(("/", "file:"))
                uri = urljoin(base, uri)
            assert uri.startswith("file:///")
            wanted = name if name.startswith("/") else os.path.normpath(os.path.join(ROOT, name))
            if name == "<stdin>":
                wanted = f"{ROOT}/<stdin>"
            assert unquote_to_bytes(uri.removeprefix("file://")) == os.fsencode(wanted)
        outside = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert "file:///elsewhere/a%20b.txt" in outside and "file:///work/outside.txt" in outside
        assert "inside/x.txt" in outside and "c%3Aodd.txt" in outside and "we%20ird%23name%3F.txt" in outside

    def test_every_rule_has_metadata_and_a_help_uri(self) -> None:
        """Each rule in the driver has its name, descriptions, help text and help URI into the docs."""
        listed = json.loads(render("sarif"))["runs"][0]["tool"]["driver"]["rules"]
        assert [r["id"] for r in listed] == list(rules.RULES)
        for entry in listed:
            assert entry["helpUri"] == f"{rules.DOCS_URL}rules.html#{entry['id'].lower()}"
            assert entry["fullDescription"]["text"] and entry["help"]["markdown"]
            assert entry["defaultConfiguration"]["level"] == rules.RULES[entry["id"]][0]


def test_junit_parses_with_a_strict_parser() -> None:
    """JUnit with hostile names parses with lxml's strict parser, one test case a file, names kept visibly."""
    root = etree.fromstring(render("junit").encode("utf-8"), etree.XMLParser(recover=False))
    cases = root.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == [reports.visible(name) for name in HOSTILE]
    assert len(root.findall("testsuite/testcase/failure")) == len(HOSTILE)  # the errors; warnings are not
    assert cases[0].find("failure").get("message") == f"bad: 50% off\\x0a::x, y: {HOSTILE[0]}"


_GITHUB_DATA = {"%25": "%", "%0D": "\r", "%0A": "\n"}
_GITHUB_PROPERTY = {**_GITHUB_DATA, "%3A": ":", "%2C": ","}


def _unescape(text: str, table: dict[str, str]) -> str:
    return re.sub("|".join(map(re.escape, table)), lambda m: table[m.group()], text)


def _github_commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """The workflow commands of a log as the runner reads them: ``::name k=v,k=v::data`` per line."""
    commands = []
    for line in text.split("\n"):
        if not line.startswith("::"):
            continue
        head, _, data = line[2:].partition("::")
        name, _, props = head.partition(" ")
        pairs = dict(p.split("=", 1) for p in props.split(",") if p)
        commands.append(
            (
                name,
                {k: _unescape(v, _GITHUB_PROPERTY) for k, v in pairs.items()},
                _unescape(data, _GITHUB_DATA),
            )
        )
    return commands


def test_github_annotations_read_back() -> None:
    """Each finding is one annotation whose file, line, title and message the runner reads back intact."""
    findings, _ = hostile_findings()
    annotations = [c for c in _github_commands(render("github")) if c[0] in ("error", "warning")]
    assert len(annotations) == len(findings)
    for finding, (level, props, data) in zip(findings, annotations, strict=True):
        assert level == finding.severity and props["title"] == finding.rule
        assert props["file"] == reports.visible(finding.file, keep="\r\n")  # CR, LF escaped, read back
        assert data.startswith(reports.visible(finding.message, keep="\r\n"))
        if finding.line is not None:
            assert (props["line"], props["col"]) == (str(finding.line), "2")
    groups = [data for name, _, data in _github_commands(render("github")) if name == "group"]
    assert groups == [reports.visible(name, keep="\r\n") for name in HOSTILE]


_AZURE_DATA = {"%AZP25": "%", "%0D": "\r", "%0A": "\n"}
_AZURE_PROPERTY = {**_AZURE_DATA, "%5D": "]", "%3B": ";"}


def _azure_issues(text: str) -> list[tuple[dict[str, str], str]]:
    """The ``task.logissue`` commands of a log as the agent reads them: properties up to the first ``]``."""
    issues = []
    for line in text.split("\n"):
        if line.startswith("##vso[task.logissue "):
            props, _, data = line.removeprefix("##vso[task.logissue ").partition("]")
            pairs = dict(p.split("=", 1) for p in props.split(";") if p)
            issues.append(
                ({k: _unescape(v, _AZURE_PROPERTY) for k, v in pairs.items()}, _unescape(data, _AZURE_DATA))
            )
    return issues


def test_azure_logging_commands_read_back() -> None:
    """Each finding is one logissue command with its type, absolute source path, position and code intact."""
    findings, _ = hostile_findings()
    issues = _azure_issues(render("azure"))
    assert len(issues) == len(findings)
    for finding, (props, data) in zip(findings, issues, strict=True):
        absolute = finding.file if finding.file.startswith(("/", "<")) else f"{ROOT}/{finding.file}"
        assert props["type"] == finding.severity and props["code"] == finding.rule
        assert props["sourcepath"] == reports.visible(absolute, keep="\r\n")
        assert data.startswith(reports.visible(finding.message, keep="\r\n"))
        assert ("linenumber" in props) == (finding.line is not None)
    assert (
        "%AZP25" in render("azure") and "%3B" not in render("azure").split("]", 1)[1].split("\n")[0][:0] + "x"
    )


def test_gitlab_code_quality() -> None:
    """GitLab's report: one issue a finding with the fields GitLab reads, paths relative to the root, fingerprints unique."""
    findings, _ = hostile_findings()
    twice = [*findings, findings[0]]  # the same finding twice still gets two fingerprints
    issues: list[dict[str, Any]] = json.loads(reports.render("gitlab", twice, HOSTILE, root=ROOT))
    assert len(issues) == len(twice)
    assert len({issue["fingerprint"] for issue in issues}) == len(twice)
    for finding, issue in zip(twice, issues, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding.rule
        assert issue["severity"] == {"error": "major", "warning": "minor"}[finding.severity]
        assert issue["location"]["lines"] == {"begin": finding.line or 1}
        assert isinstance(issue["description"], str) and "\n" not in issue["description"]
    paths = [issue["location"]["path"] for issue in issues[::2]]
    assert paths[HOSTILE.index(f"{ROOT}/inside/x.txt")] == "inside/x.txt"
    assert paths[HOSTILE.index("caf\udce9.txt")] == "caf\\xe9.txt"
    assert paths[HOSTILE.index("/elsewhere/a b.txt")] == "/elsewhere/a b.txt"
    assert reports.render("gitlab", [], [], root=ROOT) == "[]\n"


def test_fingerprints_are_stable_when_lines_move() -> None:
    """A GitLab fingerprint does not change when the finding moves to another line."""
    one = rules.Finding(rule="NI003", file="a.json", message="m", line=3)
    moved = rules.Finding(rule="NI003", file="a.json", message="m", line=9)
    first, second = (
        json.loads(reports.render("gitlab", [f], ["a.json"], root=ROOT))[0] for f in (one, moved)
    )
    assert first["fingerprint"] == second["fingerprint"]


def test_statistics() -> None:
    """--statistics counts findings by rule, most frequent first, as text lines or a JSON array."""
    found = [
        rules.Finding(rule=r, file="a", message="m") for r in ("NI201", "NI003", "NI201", "NI101", "NI201")
    ]
    assert reports.statistics(found) == [("NI201", 3), ("NI003", 1), ("NI101", 1)]
    text = reports.render_statistics("text", found)
    assert text.splitlines() == [
        "3\tNI201\t[warning] charset-guess",
        "1\tNI003\t[error] model-rule",
        "1\tNI101\t[error] required-field",
    ]
    listing = json.loads(reports.render_statistics("json", found))
    assert listing[0] == {"code": "NI201", "name": "charset-guess", "severity": "warning", "count": 3}
    assert (
        reports.render_statistics("text", []) == ""
        and json.loads(reports.render_statistics("json", [])) == []
    )


@pytest.mark.parametrize("output", ["text", "github", "azure"])
def test_quiet_leaves_out_the_summary(output: str) -> None:
    """quiet drops the summary line and nothing else."""
    findings, files = hostile_findings()
    loud = reports.render(output, findings, files, root=ROOT)
    quiet = reports.render(output, findings, files, root=ROOT, quiet=True)
    assert loud.startswith(quiet) and loud[len(quiet) :].count("\n") == 1 and "problems" in loud[len(quiet) :]


def test_every_output_is_offered() -> None:
    """The eight outputs: today's six, gitlab and azure."""
    assert reports.OUTPUTS == ("text", "json", "jsonl", "github", "junit", "sarif", "gitlab", "azure")


def test_root_defaults_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without root, SARIF's base is the current folder, and a file in it is a relative reference."""
    monkeypatch.chdir(tmp_path)
    finding = rules.Finding(rule="NI001", file=str(tmp_path / "a b.txt"), message="m")
    run = json.loads(reports.render("sarif", [finding], [finding.file]))["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == reports.file_uri(str(tmp_path) + "/")
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "a%20b.txt", "uriBaseId": "%SRCROOT%"}


@pytest.mark.skipif(os.name != "posix", reason="file names of any bytes are a POSIX matter")
@pytest.mark.parametrize("output", reports.OUTPUTS)
def test_validate_with_hostile_file_names(
    output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate over real files named with quotes, CR/LF, ::, % and a non-UTF-8 byte: each report is read by its consumer's parser, one finding a file."""
    from newsitem.cli import main

    names = ["q\"uo'te.txt", "new\nline.txt", "a::b,c.txt", "100%25 %0A.txt", os.fsdecode(b"caf\xe9.txt")]
    for name in names:
        (tmp_path / name).write_bytes(b"not a story\n")
    monkeypatch.chdir(tmp_path)
    code = main(["validate", *names, "--isolated", "--output-format", output])
    out = capsys.readouterr().out
    out.encode("utf-8")  # strict
    assert code == 1
    if output == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
        assert [unquote_to_bytes(u) for u in uris] == [os.fsencode(n) for n in names]
    elif output == "junit":
        root = etree.fromstring(out.encode("utf-8"), etree.XMLParser(recover=False))
        assert len(root.findall("testsuite/testcase/failure")) == len(names)
    elif output == "github":
        files = [props["file"] for name, props, _ in _github_commands(out) if name == "error"]
        assert files == [reports.visible(n, keep="\r\n") for n in names]
    elif output == "azure":
        assert [p["sourcepath"] for p, _ in _azure_issues(out)] == [
            reports.visible(str(tmp_path / n), keep="\r\n") for n in names
        ]
    elif output == "gitlab":
        assert [i["location"]["path"] for i in json.loads(out)] == [reports.visible(n) for n in names]
    elif output in ("json", "jsonl"):
        records = (
            json.loads(out)["problems"] if output == "json" else [json.loads(x) for x in out.splitlines()]
        )
        assert [r["file"] for r in records] == names
    else:
        assert len(out.splitlines()) == len(names) + 1  # one line a finding, and the summary


_NAMES = st.text(min_size=1, max_size=30).filter(lambda n: n not in (".", "..") and "\x00" not in n)


@settings(max_examples=60)  # each example renders four reports; 60 keep the file under 20 s in CI
@given(name=_NAMES, message=st.text(max_size=30))
def test_any_name_reads_back_in_every_command_report(name: str, message: str) -> None:
    """For any name and message, text keeps one line a finding, and the GitHub and Azure commands and the
    JUnit XML read back the name and message as shown (CR and LF escaped by the runner's own rules)."""
    finding = rules.Finding(rule="NI003", file=name, message=message, line=1)
    text = reports.render("text", [finding], [name], root=ROOT)
    assert len(text.splitlines()) == 2
    ((_, props, data),) = [
        c for c in _github_commands(reports.render("github", [finding], [name])) if c[0] == "error"
    ]
    assert props["file"] == reports.visible(name, keep="\r\n") and data == reports.visible(
        message, keep="\r\n"
    )
    ((props, data),) = _azure_issues(reports.render("azure", [finding], [name], root=ROOT))
    assert props["code"] == "NI003" and data == reports.visible(message, keep="\r\n")
    root = etree.fromstring(
        reports.render("junit", [finding], [name]).encode("utf-8"), etree.XMLParser(recover=False)
    )
    assert root.find("testsuite/testcase").get("name") == reports.visible(name)


@settings(max_examples=60)
@given(name=_NAMES)
def test_any_name_is_a_sarif_uri_of_its_bytes(name: str) -> None:
    """For any name, SARIF's URI (resolved against %SRCROOT%) holds exactly the path's bytes, percent-encoded."""
    finding = rules.Finding(rule="NI003", file=name, message="m")
    run = json.loads(reports.render("sarif", [finding], [name], root=ROOT))["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    assert re.fullmatch(r"[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+", uri)
    if "uriBaseId" in artifact:
        uri = urljoin(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], uri)
    wanted = f"{ROOT}/{name}" if name.startswith("<") else os.path.normpath(os.path.join(ROOT, name))
    assert unquote_to_bytes(uri.removeprefix("file://")) == reports._name_bytes(wanted)


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ((1, 0, 1, 0), "1 problem (1 error, 0 warnings) in 1 file"),
        ((0, 1, 2, 0), "1 problem (0 errors, 1 warning) in 2 files"),
        (
            (2, 1, 3, 1),
            "3 problems (2 errors, 1 warning) in 3 files; 1 file skipped, not recognised as a story",
        ),
        ((0, 0, 2, 7), "no problems in 2 files; 7 files skipped, not recognised as stories"),
    ],
)
def test_summary_line_agrees_in_number(counts: tuple[int, int, int, int], line: str) -> None:
    """The summary line of text, github and azure says "1 problem (1 error, 0 warnings) in 1 file",
    and counts the files a walk skipped (review20 R3, R1)."""
    errors, warnings, checked, skipped = counts
    found = [rules.Finding(rule="NI002", file="a.txt", message="m")] * errors
    found += [rules.Finding(rule="NI201", file="a.txt", message="m")] * warnings
    files = [f"f{i}.txt" for i in range(checked)]
    gone = [f"s{i}.txt" for i in range(skipped)]
    hint = " (--show-files lists them)" if skipped else ""
    for output in ("text", "github", "azure"):
        assert reports.render(output, found, files, skipped=gone).splitlines()[-1] == line + hint, output
    assert json.loads(reports.render("json", found, files, skipped=gone))["files_skipped"] == skipped


def test_azure_only_stdin_is_a_pseudo_name() -> None:
    """A file whose name starts with `<` is an absolute sourcepath like any other; only the run's
    stdin name is written as it is (review20 R4)."""
    found = [
        rules.Finding(rule="NI002", file="<tag>&.json", message="m"),
        rules.Finding(rule="NI002", file="<stdin>", message="m"),
        rules.Finding(rule="NI002", file="piped.json", message="m"),
    ]
    issues = _azure_issues(reports.render("azure", found, ["x"], root=ROOT, stdin_name="<stdin>"))
    assert [props["sourcepath"] for props, _ in issues] == [
        f"{ROOT}/<tag>&.json",
        "<stdin>",
        f"{ROOT}/piped.json",
    ]
    issues = _azure_issues(reports.render("azure", found[2:], ["x"], root=ROOT, stdin_name="piped.json"))
    assert [props["sourcepath"] for props, _ in issues] == [f"{ROOT}/piped.json"]


@pytest.mark.parametrize("marker", ["git", "config"])
def test_reports_are_relative_to_the_project_root(
    marker: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run from a subfolder, gitlab's path and SARIF's uri are relative to the project root (the
    configuration file's folder, else the git top level), as GitLab and code scanning read them (review20 R2)."""
    from newsitem.cli import main

    if marker == "git":
        (tmp_path / ".git").mkdir()
    else:
        (tmp_path / "pyproject.toml").write_text("[tool.newsitem.validate]\nstrict = false\n")
    story = tmp_path / "content" / "2024" / "newsml" / "ap.json"
    story.parent.mkdir(parents=True)
    story.write_text('{"newsitem": "1", "headline": "Rain", "urgency": 12, "body": ["It rained."]}\n')
    monkeypatch.chdir(tmp_path / "content" / "2024")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["validate", "--output-format", "gitlab"]) == 1
    (issue,) = json.loads(capsys.readouterr().out)
    assert issue["location"]["path"] == "content/2024/newsml/ap.json"
    assert main(["validate", "--output-format", "sarif"]) == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "content/2024/newsml/ap.json"
    assert run["originalUriBaseIds"][location["uriBaseId"]]["uri"] == tmp_path.as_uri() + "/"


def test_sarif_places_a_file_level_finding_on_line_one() -> None:
    """A finding without a line (NI101, NI210) still has region.startLine, 1, as code scanning needs
    to place it (review20 R15); a finding with one keeps its line and column."""
    found = [
        rules.Finding(rule="NI101", file="a.json", message="m"),
        rules.Finding(rule="NI002", file="a.json", message="m", line=4, column=7),
    ]
    results = json.loads(reports.render("sarif", found, ["a.json"], root=ROOT))["runs"][0]["results"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    assert regions == [{"startLine": 1}, {"startLine": 4, "startColumn": 7}]


def test_strict_warnings_fail_in_junit_and_json() -> None:
    """With --strict a warning fails the run, so JUnit counts it as a failure and json's status is
    fail; without it, JUnit leaves warnings out and a warnings-only status is ok (review20 R9)."""
    found = [rules.Finding(rule="NI210", file="a.json", message="no body")]
    for strict, failures, status in ((True, 1, "fail"), (False, 0, "ok")):
        suite = etree.fromstring(reports.render("junit", found, ["a.json"], strict=strict).encode())[0]
        assert int(suite.get("failures")) == len(suite.findall(".//failure")) == failures
        assert json.loads(reports.render("json", found, ["a.json"], strict=strict))["status"] == status
