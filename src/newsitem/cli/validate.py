"""``newsitem validate``: check stories against the model and policy rules, and report
(the rules are :mod:`newsitem.cli.rules`, the reports :mod:`newsitem.cli.reports`)."""

from __future__ import annotations

import argparse
import os
import sys

from newsitem.cli import rules
from newsitem.cli.options import add_encoding, add_max_size, check_encoding
from newsitem.cli.reports import OUTPUTS
from newsitem.errors import SchemaNotFoundError, UsageError

__all__ = ["add", "run"]


def _policy(args: argparse.Namespace) -> rules.Policy:
    return rules.Policy(
        require=tuple(args.require),
        require_timezone=args.require_timezone,
        language=args.language,
        max_age=None if args.max_age is None else rules.parse_age(args.max_age),
        newsml_schema=args.newsml_schema or os.environ.get("NEWSITEM_NEWSML_SCHEMA_DIR"),
        ninjs_schema=args.ninjs_schema or os.environ.get("NEWSITEM_NINJS_SCHEMA_DIR"),
    )


def run(args: argparse.Namespace) -> int:
    from newsitem.batch import inputs
    from newsitem.cli import reports

    output = args.output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    policy = _policy(args)
    encoding = check_encoding(args.encoding)
    if args.format is not None:
        rules.known_format(args.format)
    try:
        units = list(inputs.units(args.files, stdin_name=args.stdin_filename))
    except inputs.InputNotFoundError as exc:
        raise UsageError(str(exc)) from None
    findings: list[rules.Finding] = []
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=args.max_size * 1024 * 1024) as reader:
        for unit in units:
            try:
                data = reader.read(unit)
            except inputs.UnreadableInputError as exc:
                findings.append(rules.Finding(rule="NI004", file=unit.locator, message=str(exc)))
                continue
            except Exception as exc:  # the backstop: one file never ends the run
                findings.append(rules.internal_finding(unit.locator, exc))
                continue
            try:
                findings += rules.check(unit.locator, data, policy, layout=args.format, encoding=encoding)
            except SchemaNotFoundError as exc:
                raise UsageError(str(exc)) from None
    sys.stdout.write(reports.render(output, findings, [unit.locator for unit in units]))
    errors = sum(1 for f in findings if f.severity == "error")
    failing = errors + (len(findings) - errors if args.strict else 0)
    return 0 if args.exit_zero or not failing else 1


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "validate",
        help="check stories against the model and policy rules; exit 1 on problems",
        description="Parse each file, apply the model's rules and the chosen policy rules, and report every"
        " problem with a stable rule id. Exit 0 clean, 1 problems, 2 usage error.",
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="files, directories, globs, archives; - for stdin"
    )
    check.add_argument("--format", metavar="FORMAT", help="the input format or layout (default: detected)")
    check.add_argument(
        "--require",
        action="append",
        default=[],
        metavar="FIELD",
        help="a field that must be present (repeatable)",
    )
    check.add_argument("--require-timezone", action="store_true", help="every time must carry a zone")
    check.add_argument("--language", metavar="LANG", help="the language every story must declare")
    check.add_argument("--max-age", metavar="AGE", help="published no longer ago than this: 90m, 36h, 7d, 2w")
    check.add_argument(
        "--output", choices=OUTPUTS, help="report format (default: text; github under GitHub Actions)"
    )
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    check.add_argument(
        "--newsml-schema", metavar="DIR", help="NewsML-G2 2.35 schema folder ($NEWSITEM_NEWSML_SCHEMA_DIR)"
    )
    check.add_argument(
        "--ninjs-schema",
        metavar="DIR",
        help="folder of the IPTC ninjs JSON Schemas 1.6, 2.2, 3.1 ($NEWSITEM_NINJS_SCHEMA_DIR)",
    )
    check.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name of stdin in reports"
    )
    add_encoding(check)
    add_max_size(check)
    check.set_defaults(run=run)
