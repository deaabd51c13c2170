"""The reports of ``newsitem validate``: the same findings as text, JSON, JSON Lines,
GitHub workflow annotations, JUnit XML or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from newsitem.cli.rules import RULES, Finding

__all__ = ["OUTPUTS", "render"]

OUTPUTS = ("text", "json", "jsonl", "github", "junit", "sarif")
"""The report formats ``--output`` takes."""


def render(output: str, findings: Sequence[Finding], files: Sequence[str]) -> str:
    """The report of a run in one of :data:`OUTPUTS`."""
    return {
        "text": _text,
        "json": _json,
        "jsonl": _jsonl,
        "github": _github,
        "junit": _junit,
        "sarif": _sarif,
    }[output](findings, files)


def _counts(findings: Sequence[Finding]) -> tuple[int, int]:
    errors = sum(1 for p in findings if p.severity == "error")
    return errors, len(findings) - errors


def _where(finding: Finding) -> str:
    if finding.line is None:
        return finding.file
    return f"{finding.file}:{finding.line}:{finding.column or 1}"


def _label(finding: Finding) -> str:
    """`` [where]``, `` [model path]`` or `` [where; model: path]``: the finding's paths."""
    where, path = finding.where, finding.path
    if where and path and path != where:
        return f" [{where}; model: {path}]"
    return f" [{where or path}]" if where or path else ""


def _text(findings: Sequence[Finding], files: Sequence[str]) -> str:
    lines = [f"{_where(p)}: {p.severity} {p.rule} {p.message}{_label(p)}" for p in findings]
    errors, warnings = _counts(findings)
    noun = "file" if len(files) == 1 else "files"
    if findings:
        lines.append(
            f"{len(findings)} problems ({errors} errors, {warnings} warnings) in {len(files)} {noun}"
        )
    else:
        lines.append(f"no problems in {len(files)} {noun}")
    return "\n".join(lines) + "\n"


def _json(findings: Sequence[Finding], files: Sequence[str]) -> str:
    errors, warnings = _counts(findings)
    report = {
        "status": "fail" if findings else "ok",
        "files_checked": len(files),
        "errors": errors,
        "warnings": warnings,
        "problems": [p.as_dict() for p in findings],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _jsonl(findings: Sequence[Finding], files: Sequence[str]) -> str:
    return "".join(json.dumps(p.as_dict(), ensure_ascii=False) + "\n" for p in findings)


def _github_value(text: str, *, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(findings: Sequence[Finding], files: Sequence[str]) -> str:
    out = []
    for file in files:
        mine = [p for p in findings if p.file == file]
        if not mine:
            continue
        out.append(f"::group::{_github_value(file)}")
        for p in mine:
            props = [f"file={_github_value(p.file, property_=True)}"]
            if p.line is not None:
                props.append(f"line={p.line}")
                props.append(f"col={p.column or 1}")
            props.append(f"title={p.rule}")
            message = p.message + _label(p)
            out.append(f"::{p.severity} {','.join(props)}::{_github_value(message)}")
        out.append("::endgroup::")
    errors, warnings = _counts(findings)
    out.append(f"{len(findings)} problems ({errors} errors, {warnings} warnings) in {len(files)} files")
    return "\n".join(out) + "\n"


def _attr(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _junit(findings: Sequence[Finding], files: Sequence[str]) -> str:
    """One test case per file; its errors are failures (warnings are not reported, as is usual)."""
    errors, _ = _counts(findings)
    cases = []
    for file in files:
        failures = "".join(
            f'<failure type="{p.rule}" message="{_attr(p.message)}">'
            f"{xml_escape(_where(p))}: {p.rule} {xml_escape(p.message)}</failure>"
            for p in findings
            if p.file == file and p.severity == "error"
        )
        cases.append(
            f'<testcase classname="newsitem.cli.validate" name="{_attr(file)}">{failures}</testcase>'
        )
    suite = f'<testsuite name="newsitem validate" tests="{len(files)}" failures="{errors}" errors="0">'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f"{head}<testsuites>{suite}{''.join(cases)}</testsuite></testsuites>\n"


def _sarif(findings: Sequence[Finding], files: Sequence[str]) -> str:
    from newsitem import __version__

    rules = [
        {
            "id": rule,
            "name": name,
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": severity},
        }
        for rule, (severity, name, description) in RULES.items()
    ]
    results = []
    for p in findings:
        location: dict[str, Any] = {"artifactLocation": {"uri": p.file}}
        if p.line is not None:
            location["region"] = {"startLine": p.line, "startColumn": p.column or 1}
        place: dict[str, Any] = {"physicalLocation": location}
        if p.where is not None:  # the document path (a JSON path, an element path)
            place["logicalLocations"] = [{"fullyQualifiedName": p.where}]
        results.append(
            {
                "ruleId": p.rule,
                "level": p.severity,
                "message": {"text": p.message + _label(p)},
                "locations": [place],
            }
        )
    report = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newsitem",
                        "version": str(__version__),
                        "informationUri": "https://github.com/newsitem/newsitem",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
