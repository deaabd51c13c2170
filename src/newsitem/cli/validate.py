"""Validating incoming stories: the rules behind ``newsitem validate`` and its reports.

Every problem has a stable rule id, a severity, the file, a line and column where
the input gives one, the field path where there is one, and a message. Rules:

=======  ========  ==========================================================
NI001    error     the input is not recognised as any layout or format
NI002    error     the input is malformed (a ParseError, with its position)
NI003    error     a value breaks a rule of the model (a ValidationError)
NI004    error     the file cannot be read
NI101    error     a field required by ``--require`` is missing
NI102    error     a time has no zone (``--require-timezone``)
NI103    error     the language is not the one ``--language`` asks for
NI104    error     the story is older than ``--max-age`` (or has no date)
NI105    warning   ``--max-age`` cannot be checked: the time has no zone
NI201    warning   the charset was guessed (recorded by the reader)
NI202    warning   the reader recorded a warning (a weekday that does not match...)
NI203    warning   the headline was taken from elsewhere (no headline line)
NI301    error     the NewsML-G2 document is not valid against the 2.35 schema
=======  ========  ==========================================================
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import attrs

from newsitem import formats
from newsitem.errors import NewsItemError, ParseError, ValidationError
from newsitem.model import Story

__all__ = ["OUTPUTS", "RULES", "Policy", "Problem", "check", "parse_age", "render"]

RULES: dict[str, tuple[str, str, str]] = {
    "NI001": ("error", "unknown-layout", "the input is not recognised as any layout or format"),
    "NI002": ("error", "parse-error", "the input is malformed"),
    "NI003": ("error", "model-rule", "a value breaks a rule of the model"),
    "NI004": ("error", "unreadable", "the file cannot be read"),
    "NI101": ("error", "required-field", "a required field is missing"),
    "NI102": ("error", "timezone-required", "a time has no zone"),
    "NI103": ("error", "language", "the language is not the one asked for"),
    "NI104": ("error", "too-old", "the story is older than allowed"),
    "NI105": ("warning", "age-unknown", "the age cannot be checked: the time has no zone"),
    "NI201": ("warning", "charset-guess", "the charset was guessed"),
    "NI202": ("warning", "reader-warning", "the reader recorded a warning"),
    "NI203": ("warning", "headline-guess", "the headline was taken from elsewhere"),
    "NI301": ("error", "newsml-schema", "the NewsML-G2 document is not schema-valid"),
}
"""Rule id: (severity, short name, description)."""
OUTPUTS = ("text", "json", "jsonl", "github", "junit", "sarif")
_FIELD_ALIASES = {
    "byline": "bylines",
    "author": "bylines",
    "authors": "bylines",
    "date": "published",
    "body": "body",
}
_STORY_FIELDS = frozenset(field.name for field in attrs.fields(Story))


@attrs.frozen(kw_only=True)
class Problem:
    """One finding."""

    rule: str
    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": RULES[self.rule][1],
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class Policy:
    """The rules chosen on the command line beyond the model's own."""

    require: tuple[str, ...] = ()
    require_timezone: bool = False
    language: str | None = None
    max_age: timedelta | None = None
    now: datetime | None = None
    newsml_schema: str | None = None

    def __attrs_post_init__(self) -> None:
        for name in self.require:
            if _FIELD_ALIASES.get(name, name) not in _STORY_FIELDS:
                raise ValueError(
                    f"--require {name}: not a story field (one of {', '.join(sorted(_STORY_FIELDS))})"
                )


def parse_age(text: str) -> timedelta:
    """``90m``, ``36h``, ``7d`` or ``2w`` as a duration.

    Raises:
        ValueError: not a number followed by m, h, d or w.
    """
    found = re.fullmatch(r"(\d+)\s*([mhdw])", text.strip())
    if found is None:
        raise ValueError(f"--max-age {text!r}: expected a number and a unit, as in 90m, 36h, 7d or 2w")
    amount, unit = int(found.group(1)), found.group(2)
    return {"m": timedelta(minutes=amount), "h": timedelta(hours=amount), "d": timedelta(days=amount)}.get(
        unit, timedelta(weeks=amount)
    )


def check(name: str, data: bytes, policy: Policy, *, layout: str | None = None) -> list[Problem]:
    """Every problem of one input: parsing, the model's rules, then the policy's."""
    from newsitem import _api
    from newsitem.formats import detect

    try:
        chosen = layout or detect(data).layout
    except ParseError as exc:
        return [Problem(rule="NI001", file=name, message=exc.message, line=exc.line, column=exc.column)]
    try:
        story = _api.parse(data, layout=chosen)
    except ParseError as exc:
        return [
            Problem(
                rule="NI002", file=name, message=f"{exc.message} ({chosen})", line=exc.line, column=exc.column
            )
        ]
    except ValidationError as exc:
        return [Problem(rule="NI003", file=name, message=p.message, path=p.path) for p in exc.problems]
    except NewsItemError as exc:
        return [Problem(rule="NI002", file=name, message=f"{exc} ({chosen})")]
    problems = _policy(name, story, policy)
    problems += _recorded(name, story)
    if chosen == "newsml-g2" and policy.newsml_schema is not None:
        problems += _schema(name, data, policy.newsml_schema)
    return problems


def _policy(name: str, story: Story, policy: Policy) -> list[Problem]:
    problems = []
    for wanted in policy.require:
        field = _FIELD_ALIASES.get(wanted, wanted)
        value = getattr(story, field)
        if value is None or value == () or (field == "extras" and not value):
            problems.append(
                Problem(rule="NI101", file=name, path=field, message=f"{field} is required and missing")
            )
    times = {key: getattr(story, key) for key in ("published", "updated", "embargoed")}
    if policy.require_timezone:
        for key, value in times.items():
            if value is not None and value.tzinfo is None:
                problems.append(
                    Problem(
                        rule="NI102", file=name, path=key, message=f"{key} {value.isoformat()} has no zone"
                    )
                )
    if policy.language is not None and (story.language or "").lower() != policy.language.lower():
        problems.append(
            Problem(
                rule="NI103",
                file=name,
                path="language",
                message=f"language is {story.language or 'not given'}, expected {policy.language}",
            )
        )
    if policy.max_age is not None:
        now = policy.now or datetime.now(UTC)
        published = story.published
        if published is None:
            problems.append(
                Problem(
                    rule="NI104", file=name, path="published", message="no published time to check the age of"
                )
            )
        elif published.tzinfo is None:
            problems.append(
                Problem(
                    rule="NI105",
                    file=name,
                    path="published",
                    message=f"published {published.isoformat()} has no zone",
                )
            )
        elif now - published > policy.max_age:
            problems.append(
                Problem(
                    rule="NI104",
                    file=name,
                    path="published",
                    message=f"published {published.isoformat()} is older than {policy.max_age}",
                )
            )
    return problems


def _recorded(name: str, story: Story) -> list[Problem]:
    """Guesses and warnings the readers recorded in extras."""
    problems = []
    for key, value in story.extras.items():
        suffix = key.rsplit(".", 1)[-1]
        if suffix in ("charset", "charset-guess"):
            problems.append(
                Problem(rule="NI201", file=name, path=f"extras.{key}", message=f"charset guessed: {value}")
            )
        elif suffix == "warning":
            problems.append(Problem(rule="NI202", file=name, path=f"extras.{key}", message=value))
        elif suffix == "headline-from":
            problems.append(
                Problem(
                    rule="NI203",
                    file=name,
                    path="headline",
                    message=f"the headline was taken from the {value}",
                )
            )
    return problems


_SCHEMA_WHERE = re.compile(r"(?P<prefix>NITF body: )?line (?P<line>\d+), (?P<path>.*)")


def _schema(name: str, data: bytes, schema_dir: str) -> list[Problem]:
    """Schema errors of a NewsML-G2 document (SchemaNotFoundError propagates: a usage error)."""
    from newsitem.formats.newsmlg2 import schema as newsml

    try:
        newsml.validate(data, schema_dir=schema_dir)
    except ValidationError as exc:
        problems = []
        for problem in exc.problems:
            where = _SCHEMA_WHERE.fullmatch(problem.path)
            line = int(where.group("line")) if where else None
            path = where.group("path") if where else problem.path
            prefix = (where.group("prefix") or "") if where else ""
            problems.append(
                Problem(rule="NI301", file=name, message=prefix + problem.message, line=line, path=path)
            )
        return problems
    except ParseError as exc:
        return [Problem(rule="NI002", file=name, message=exc.message, line=exc.line, column=exc.column)]
    return []


# --- reports ---------------------------------------------------------------------------------


def render(output: str, problems: Sequence[Problem], files: Sequence[str]) -> str:
    """The report of a run in one of :data:`OUTPUTS`."""
    return {
        "text": _text,
        "json": _json,
        "jsonl": _jsonl,
        "github": _github,
        "junit": _junit,
        "sarif": _sarif,
    }[output](problems, files)


def _counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


def _where(problem: Problem) -> str:
    if problem.line is None:
        return problem.file
    return f"{problem.file}:{problem.line}:{problem.column or 1}"


def _text(problems: Sequence[Problem], files: Sequence[str]) -> str:
    lines = [
        f"{_where(p)}: {p.severity} {p.rule} {p.message}" + (f" [{p.path}]" if p.path else "")
        for p in problems
    ]
    errors, warnings = _counts(problems)
    noun = "file" if len(files) == 1 else "files"
    if problems:
        lines.append(
            f"{len(problems)} problems ({errors} errors, {warnings} warnings) in {len(files)} {noun}"
        )
    else:
        lines.append(f"no problems in {len(files)} {noun}")
    return "\n".join(lines) + "\n"


def _json(problems: Sequence[Problem], files: Sequence[str]) -> str:
    errors, warnings = _counts(problems)
    report = {
        "status": "fail" if problems else "ok",
        "files_checked": len(files),
        "errors": errors,
        "warnings": warnings,
        "problems": [p.as_dict() for p in problems],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _jsonl(problems: Sequence[Problem], files: Sequence[str]) -> str:
    return "".join(json.dumps(p.as_dict(), ensure_ascii=False) + "\n" for p in problems)


def _github_value(text: str, *, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(problems: Sequence[Problem], files: Sequence[str]) -> str:
    out = []
    for file in files:
        mine = [p for p in problems if p.file == file]
        if not mine:
            continue
        out.append(f"::group::{_github_value(file)}")
        for p in mine:
            props = [f"file={_github_value(p.file, property_=True)}"]
            if p.line is not None:
                props.append(f"line={p.line}")
                props.append(f"col={p.column or 1}")
            props.append(f"title={p.rule}")
            message = p.message + (f" [{p.path}]" if p.path else "")
            out.append(f"::{p.severity} {','.join(props)}::{_github_value(message)}")
        out.append("::endgroup::")
    errors, warnings = _counts(problems)
    out.append(f"{len(problems)} problems ({errors} errors, {warnings} warnings) in {len(files)} files")
    return "\n".join(out) + "\n"


def _attr(text: str) -> str:
    return xml_escape(text, {'"': "&quot;"})


def _junit(problems: Sequence[Problem], files: Sequence[str]) -> str:
    """One test case per file; its errors are failures (warnings are not reported, as is usual)."""
    errors, _ = _counts(problems)
    cases = []
    for file in files:
        failures = "".join(
            f'<failure type="{p.rule}" message="{_attr(p.message)}">'
            f"{xml_escape(_where(p))}: {p.rule} {xml_escape(p.message)}</failure>"
            for p in problems
            if p.file == file and p.severity == "error"
        )
        cases.append(
            f'<testcase classname="newsitem.cli.validate" name="{_attr(file)}">{failures}</testcase>'
        )
    suite = f'<testsuite name="newsitem validate" tests="{len(files)}" failures="{errors}" errors="0">'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f"{head}<testsuites>{suite}{''.join(cases)}</testsuite></testsuites>\n"


def _sarif(problems: Sequence[Problem], files: Sequence[str]) -> str:
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
    for p in problems:
        location: dict[str, Any] = {"artifactLocation": {"uri": p.file}}
        if p.line is not None:
            location["region"] = {"startLine": p.line, "startColumn": p.column or 1}
        results.append(
            {
                "ruleId": p.rule,
                "level": p.severity,
                "message": {"text": p.message + (f" [{p.path}]" if p.path else "")},
                "locations": [{"physicalLocation": location}],
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


def known_format(name: str) -> str:
    """Check a ``--format`` value: a registered reader."""
    if not formats.get(name).can_read:
        raise ValueError(f"{name} cannot be read")
    return name
