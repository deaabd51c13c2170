"""The reports of ``newsitem validate``: the same findings as text, JSON, JSON Lines,
GitHub workflow annotations, JUnit XML, SARIF 2.1.0, a GitLab code quality report or
Azure Pipelines logging commands; and ``--statistics``, the findings counted by rule.

Every report takes time linear in the findings (they are grouped by file once), and
every report is safe whatever the file names hold:

* text, github and JUnit show a control character (C0, DEL, C1, a line or paragraph
  separator, a bidirectional override) as a visible escape, ``\\x1b`` or ``\\u202e``,
  and a byte of a name that is not UTF-8 (which Python reads as a lone surrogate) as
  ``\\xe9``: nothing reaches a terminal raw, and the XML is well-formed;
* json and jsonl are valid UTF-8: such a byte is written as the JSON escape of its
  surrogate (``"caf\\udce9.txt"``, which ``json.loads`` and ``os.fsencode`` turn back
  into the name's bytes);
* SARIF gives the file as a URI: the name's bytes percent-encoded, relative to the
  ``%SRCROOT%`` base (the ``root`` folder, by default the current one: a relative
  reference with ``uriBaseId``), an absolute path outside it as a ``file://`` URI;
* github and azure escape what their runners read as syntax (``%``, CR and LF in the
  message; also ``:`` and ``,`` in a GitHub property, ``;`` and ``]`` in an Azure one);
* gitlab gives the path relative to ``root`` as the merge request shows it (with the
  visible escapes, as JSON that is valid UTF-8 without lone surrogates).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

from newsitem.cli.rules import DOCS_URL, RULES, Finding, help_uri

__all__ = [
    "OUTPUTS",
    "file_uri",
    "relative_uri",
    "render",
    "render_statistics",
    "statistics",
    "summary",
    "visible",
]

OUTPUTS = ("text", "json", "jsonl", "github", "junit", "sarif", "gitlab", "azure")
"""The report formats ``--output-format`` takes."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep: str = "") -> str:
    """``text`` with control characters and undecodable bytes as visible escapes (``\\x1b``,
    ``\\xe9``, ``\\u202e``), safe to print to a terminal and to put in XML; ``keep``
    names control characters to leave as they are."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


def _dumps(value: Any, **options: Any) -> str:
    """JSON that is valid UTF-8: lone surrogates (undecodable name bytes) as ``\\udcXX`` escapes."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _dumps_listing(skeleton: dict[str, Any], key: str, items: list[Any], depth: int) -> str:
    """``skeleton`` indented, its one empty list ``key`` (at ``depth`` levels of indentation)
    filled with ``items``, one compact line each: the C encoder does the items, which are
    most of the work (``indent`` makes ``json`` use its pure-Python encoder)."""
    text = _dumps(skeleton, indent=2)
    if not items:
        return text
    pad = " " * (2 * depth)
    listing = ",\n".join(pad + "  " + _dumps(item, separators=(", ", ": ")) for item in items)
    return text.replace(f'"{key}": []', f'"{key}": [\n{listing}\n{pad}]', 1)


def _by_file(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """The findings of each file, in order: one pass, so reports stay linear in findings."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.file, []).append(finding)
    return grouped


def render(
    output: str,
    findings: Sequence[Finding],
    files: Sequence[str],
    *,
    root: str | None = None,
    quiet: bool = False,
    skipped: Sequence[str] = (),
    stdin_name: str = "<stdin>",
    here: str | None = None,
    strict: bool = False,
) -> str:
    """The report of a run in one of :data:`OUTPUTS`; ``root`` is the folder the paths of the
    sarif, gitlab and azure reports are relative to (default: the current folder); ``quiet``
    leaves out the summary line of the text, github and azure reports; ``skipped`` are the
    files a walk found but did not check (not recognised as stories), counted in the summary
    line and in json's ``files_skipped``; ``stdin_name`` is the name stdin's findings carry
    (a name, not a path: azure writes it as it is); ``here`` is the folder the findings'
    relative paths are relative to (default: ``root``; the command gives the current folder
    and ``root`` the project's); ``strict``: warnings fail the run too, so JUnit reports
    them as failures and json's ``status`` is ``fail`` for them."""
    base = os.path.abspath(root if root is not None else os.getcwd())
    where = os.path.abspath(here) if here is not None else base
    if where != base and output in ("sarif", "gitlab", "azure"):
        findings = [_anchored(p, where, stdin_name) for p in findings]
    if output == "sarif":
        return _sarif(findings, base)
    if output == "gitlab":
        return _gitlab(findings, base)
    if output == "azure":
        text = _azure(findings, files, base, skipped, stdin_name)
    elif output == "json":
        text = _json(findings, files, skipped, strict=strict)
    elif output == "junit":
        text = _junit(findings, files, strict=strict)
    else:
        text = _RENDERERS[output](findings, files, skipped)
    if quiet and output in ("text", "github", "azure"):
        text = text[: text.rstrip("\n").rfind("\n") + 1]
    return text


def _anchored(finding: Finding, here: str, stdin_name: str) -> Finding:
    """A finding whose relative path (relative to ``here``) is made absolute; stdin's name kept."""
    if finding.file.startswith("/") or finding.file == stdin_name:
        return finding
    import attrs

    return attrs.evolve(finding, file=posixpath.join(here, finding.file))


def statistics(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    """The number of findings of each rule: the most frequent first, then by id."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render_statistics(output: str, findings: Sequence[Finding]) -> str:
    """``--statistics``: the findings counted by rule, as a JSON array when ``output`` is json
    (``code``, ``name``, ``severity``, ``count``), else one line a rule as ruff prints them
    (``   12  NI003  [error] model-rule``)."""
    rows = statistics(findings)
    if output == "json":
        listing = [
            {"code": rule, "name": RULES[rule][1], "severity": RULES[rule][0], "count": count}
            for rule, count in rows
        ]
        return json.dumps(listing, indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0][1]))
    return "".join(f"{count:>{width}}\t{rule}\t[{RULES[rule][0]}] {RULES[rule][1]}\n" for rule, count in rows)


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


def _count(number: int, noun: str) -> str:
    """``1 error``, ``2 errors``, ``1,304 files``."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def summary(findings: Sequence[Finding], files: Sequence[str], skipped: Sequence[str] = ()) -> str:
    """The summary line: ``1 problem (1 error, 0 warnings) in 1 file``, or ``no problems in
    2 files``, then what a walk skipped (``; 7 files skipped, not recognised as stories
    (--show-files lists them)``)."""
    errors, warnings = _counts(findings)
    checked = _count(len(files), "file")
    if findings:
        line = (
            f"{_count(len(findings), 'problem')} ({_count(errors, 'error')},"
            f" {_count(warnings, 'warning')}) in {checked}"
        )
    else:
        line = f"no problems in {checked}"
    if skipped:
        what = "not recognised as a story" if len(skipped) == 1 else "not recognised as stories"
        line += f"; {_count(len(skipped), 'file')} skipped, {what} (--show-files lists them)"
    return line


def _text(findings: Sequence[Finding], files: Sequence[str], skipped: Sequence[str] = ()) -> str:
    lines = [visible(f"{_where(p)}: {p.severity} {p.rule} {p.message}{_label(p)}") for p in findings]
    lines.append(summary(findings, files, skipped))
    return "\n".join(lines) + "\n"


def _json(
    findings: Sequence[Finding], files: Sequence[str], skipped: Sequence[str] = (), *, strict: bool = False
) -> str:
    errors, warnings = _counts(findings)
    report: dict[str, Any] = {
        "status": "fail" if errors or (strict and warnings) else "ok",
        "files_checked": len(files),
        "files_skipped": len(skipped),
        "errors": errors,
        "warnings": warnings,
        "problems": [],
    }
    return _dumps_listing(report, "problems", [p.as_dict() for p in findings], 1) + "\n"


def _jsonl(findings: Sequence[Finding], files: Sequence[str], skipped: Sequence[str] = ()) -> str:
    return "".join(_dumps(p.as_dict()) + "\n" for p in findings)


def _github_value(text: str, *, property_: bool = False) -> str:
    text = visible(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(findings: Sequence[Finding], files: Sequence[str], skipped: Sequence[str] = ()) -> str:
    out = []
    grouped = _by_file(findings)
    for file in files:
        mine = grouped.pop(file, [])
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
    out.append(summary(findings, files, skipped))
    return "\n".join(out) + "\n"


def _attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;")


def _xml_text(text: str) -> str:
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _junit(findings: Sequence[Finding], files: Sequence[str], *, strict: bool = False) -> str:
    """One test case per file; its errors are failures (warnings are not reported, as is usual,
    unless ``strict`` makes them fail the run: then they are failures too)."""
    failing = {"error", "warning"} if strict else {"error"}
    errors = sum(1 for p in findings if p.severity in failing)
    cases = []
    grouped = _by_file(findings)
    for file in files:
        failures = "".join(
            f'<failure type="{p.rule}" message="{_attr(p.message)}">'
            f"{_xml_text(_where(p))}: {p.rule} {_xml_text(p.message)}</failure>"
            for p in grouped.pop(file, [])
            if p.severity in failing
        )
        cases.append(
            f'<testcase classname="newsitem.cli.validate" name="{_attr(file)}">{failures}</testcase>'
        )
    suite = f'<testsuite name="newsitem validate" tests="{len(files)}" failures="{errors}" errors="0">'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f"{head}<testsuites>{suite}{''.join(cases)}</testsuite></testsuites>\n"


_Renderer = Callable[[Sequence[Finding], Sequence[str], Sequence[str]], str]
_RENDERERS: dict[str, _Renderer] = {"text": _text, "jsonl": _jsonl, "github": _github}
"""The reports that need no more than the findings, the files checked and those skipped."""

_URI_SAFE = "/!$&'()*+,;=@~"


def _name_bytes(name: str) -> bytes:
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate os.fsdecode does not make
        return name.encode("utf-8", "surrogatepass")


def file_uri(name: str) -> str:
    """A locator as a URI: its bytes percent-encoded (``#`` and ``?`` too), an absolute path as
    ``file://``, a relative one as a relative reference (a ``:`` in it encoded, so it cannot
    read as a scheme)."""
    encoded = quote(_name_bytes(name), safe=_URI_SAFE)
    return f"file://{encoded}" if name.startswith("/") else encoded


def _inside(name: str, base: str) -> str | None:
    """``name`` relative to the folder ``base`` (POSIX separators), or None when it is outside."""
    if not name.startswith("/"):
        name = posixpath.join(base, name)
    path = posixpath.normpath(name)
    if path == base or not path.startswith(base.rstrip("/") + "/"):
        return None
    return path[len(base.rstrip("/")) + 1 :]


def relative_uri(name: str, base: str) -> tuple[str, bool]:
    """A locator as SARIF writes it: a relative reference under ``base`` (True: give it
    ``uriBaseId``) or, outside it, a ``file://`` URI (False)."""
    inside = _inside(name, base)
    if inside is None:
        return file_uri(posixpath.normpath(posixpath.join(base, name))), False
    return file_uri(inside), True


def _base_uri(base: str) -> str:
    return file_uri(base.rstrip("/") + "/")


def _sarif_rules() -> list[dict[str, Any]]:
    from newsitem.cli.rule import EXPLANATIONS

    listing = []
    for rule, (severity, name, description) in RULES.items():
        explained = EXPLANATIONS.get(rule)
        entry: dict[str, Any] = {
            "id": rule,
            "name": name,
            "shortDescription": {"text": description},
            "helpUri": help_uri(rule),
            "defaultConfiguration": {"level": severity},
        }
        if explained is not None:
            entry["fullDescription"] = {"text": explained.why}
            entry["help"] = {"text": explained.text(rule), "markdown": explained.markdown(rule)}
        listing.append(entry)
    return listing


def _sarif_result(p: Finding, base: str) -> dict[str, Any]:
    uri, relative = relative_uri(p.file, base)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    location: dict[str, Any] = {"artifactLocation": artifact}
    if p.line is not None:
        location["region"] = {"startLine": p.line, "startColumn": p.column or 1}
    else:  # a finding about the whole file: code scanning needs a line to place it (GH1003)
        location["region"] = {"startLine": 1}
    place: dict[str, Any] = {"physicalLocation": location}
    if p.where is not None:  # the document path (a JSON path, an element path)
        place["logicalLocations"] = [{"fullyQualifiedName": p.where}]
    return {
        "ruleId": p.rule,
        "level": p.severity,
        "message": {"text": p.message + _label(p)},
        "locations": [place],
    }


def _sarif(findings: Sequence[Finding], base: str) -> str:
    from newsitem import __version__

    report = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newsitem",
                        "version": str(__version__),
                        "informationUri": DOCS_URL,
                        "rules": _sarif_rules(),
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _base_uri(base)}},
                "results": [],
            }
        ],
    }
    return _dumps_listing(report, "results", [_sarif_result(p, base) for p in findings], 3) + "\n"


_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def _shown_path(name: str, base: str) -> str:
    """A locator as a CI service shows it: relative to ``base`` when inside it, visible escapes."""
    inside = _inside(name, base)
    return visible(inside if inside is not None else name)


def _gitlab(findings: Sequence[Finding], base: str) -> str:
    """GitLab's code quality report (the Code Climate subset GitLab reads): one object a finding,
    its fingerprint a hash of the path, rule, message and document path (not the line, so a
    finding keeps its identity when lines move), with a count for repeats."""
    import hashlib

    seen: dict[str, int] = {}
    issues = []
    for p in findings:
        path = _shown_path(p.file, base)
        key = "\x00".join((path, p.rule, p.message, p.where or ""))
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(f"{key}\x00{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()
        issues.append(
            {
                "description": visible(f"{p.rule} {p.message}{_label(p)}"),
                "check_name": p.rule,
                "fingerprint": digest[:32],
                "severity": _GITLAB_SEVERITY[p.severity],
                "location": {"path": path, "lines": {"begin": p.line or 1}},
            }
        )
    if not issues:
        return "[]\n"
    return "[\n" + ",\n".join("  " + _dumps(issue, separators=(", ", ": ")) for issue in issues) + "\n]\n"


def _azure_data(text: str) -> str:
    return visible(text, keep="\r\n").replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def _azure_property(text: str) -> str:
    return _azure_data(text).replace("]", "%5D").replace(";", "%3B")


def _azure(
    findings: Sequence[Finding], files: Sequence[str], base: str, skipped: Sequence[str], stdin_name: str
) -> str:
    """Azure Pipelines ``task.logissue`` logging commands, escaped as the agent reads them
    (azure-pipelines-task-lib's ``escape`` and ``escapeData``); paths absolute, as Azure asks."""
    out = []
    for p in findings:
        pseudo = p.file == stdin_name and stdin_name.startswith("<")  # <stdin>: a name, not a path
        path = p.file if p.file.startswith("/") or pseudo else posixpath.join(base, p.file)
        props = [f"type={p.severity}", f"sourcepath={_azure_property(path)}"]
        if p.line is not None:
            props += [f"linenumber={p.line}", f"columnnumber={p.column or 1}"]
        props.append(f"code={p.rule}")
        out.append(f"##vso[task.logissue {';'.join(props)};]{_azure_data(p.message + _label(p))}")
    out.append(summary(findings, files, skipped))
    return "\n".join(out) + "\n"
