"""``newsitem validate``: check stories against the model and policy rules, and report
(the rules are :mod:`newsitem.cli.rules`, the reports :mod:`newsitem.cli.reports`, the
files a walk checks :mod:`newsitem.cli.files`, the configuration file :mod:`newsitem.cli.config`).

Settings come from the command line, else the configuration file, else the defaults.
A large run is checked by ``-j N`` worker processes, each reading and checking chunks of
files; the findings come back in the order of the files. Nothing heavy is imported
before a run starts: the rules, the reports and the pool are imported by :func:`run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from newsitem.cli.options import (
    add_deprecated_alias,
    add_encoding,
    add_input_format,
    add_max_size,
    check_encoding,
    check_language,
    jobs,
    known_format,
    language_tag,
)
from newsitem.errors import SchemaNotFoundError, UsageError

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from newsitem.batch.inputs import Reader, Unit
    from newsitem.cli import config, files, rules
    from newsitem.cli.rules import Finding

__all__ = ["add", "run"]

_PARALLEL_FROM = 200
"""With ``-j 0`` (the default), a run of fewer files than this is checked in this process
(starting workers costs more than it saves)."""
_ARCHIVES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip")
_CONTAINERS = (*_ARCHIVES, ".mbox", ".mbx", ".warc", ".warc.gz")


@attrs.frozen(kw_only=True)
class _Job:
    """What every worker needs to check a unit (picklable)."""

    policy: rules.Policy
    layout: str | None
    encoding: str | None
    max_size: int


def _setting(args: argparse.Namespace, settings: config.Settings | None, name: str, key: str) -> Any:
    """A flag's value, else the configuration file's, else ``None``."""
    value = getattr(args, name, None)
    if value is None and settings is not None:
        value = settings.get(key)
    return value


def _origin(settings: config.Settings | None, key: str, flag: str, given: bool) -> str:
    """Where a value came from, for messages (``--select``, ``select in pyproject.toml``)."""
    if given or settings is None:
        return flag
    return f"{key} in {settings.source}"


def _policy(args: argparse.Namespace, settings: config.Settings | None) -> rules.Policy:
    """The policy rules, each value checked before any file is read (a bad one from the
    configuration file is a usage error naming the file and the key)."""
    from newsitem.cli import rules

    language = _setting(args, settings, "language", "language")
    if language is not None and args.language is None:
        check_language(language, _origin(settings, "language", "--language", False))
    max_age = _setting(args, settings, "max_age", "max-age")
    require = tuple(_setting(args, settings, "require", "require") or ())
    try:
        age = None if max_age is None else rules.parse_age(max_age)
        rules.Policy(require=require)
    except UsageError as exc:
        if settings is None or (args.max_age is not None and args.require is not None):
            raise
        raise UsageError(f"{settings.source}: {exc}") from None
    return rules.Policy(
        require=require,
        require_timezone=bool(_setting(args, settings, "require_timezone", "require-timezone")),
        language=language,
        max_age=age,
        newsml_schema=_setting(args, settings, "newsml_schema", "newsml-schema")
        or os.environ.get("NEWSITEM_NEWSML_SCHEMA_DIR"),
        ninjs_schema=_setting(args, settings, "ninjs_schema", "ninjs-schema")
        or os.environ.get("NEWSITEM_NINJS_SCHEMA_DIR"),
    )


def _codes(args: argparse.Namespace, settings: config.Settings | None, key: str) -> tuple[str, ...] | None:
    from newsitem.cli import rules

    given = getattr(args, key)
    value = given if given is not None else (settings.get(key) if settings is not None else None)
    if value is None:
        return None
    return rules.codes(value, _origin(settings, key, f"--{key}", given is not None))


def _selection(args: argparse.Namespace, settings: config.Settings | None) -> rules.Selection:
    """The rules reported: ``--select``/``--ignore`` replace the file's lists; the file's
    per-file-ignores apply (their globs relative to the file's folder)."""
    from newsitem.cli import rules

    select = _codes(args, settings, "select")
    ignore = _codes(args, settings, "ignore")
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if settings is not None:
        for glob, listed in (settings.get("per-file-ignores") or {}).items():
            where = f"per-file-ignores {glob!r} in {settings.source}"
            per_file += ((glob, rules.codes(listed, where)),)
    # No select: every rule but those off by default (NI006), which only a select names.
    return rules.Selection(select=select or None, ignore=ignore or (), per_file_ignores=per_file)


def _file_selection(args: argparse.Namespace, settings: config.Settings | None) -> files.Selection:
    """Which files a walk takes: the file's include/exclude patterns and the flags' (both apply)."""
    from newsitem.cli import files

    include: list[files.Patterns] = []
    exclude: list[files.Patterns] = []
    for key, found in (("include", include), ("exclude", exclude)):
        if settings is not None and settings.get(key):
            where = f"{key} in {settings.source}"
            found.append(files.Patterns.compile(str(settings.root), settings.get(key), where))
        if getattr(args, key):
            found.append(files.Patterns.compile(os.getcwd(), getattr(args, key), f"--{key}"))
    force = _setting(args, settings, "force_exclude", "force-exclude")
    gitignore = _setting(args, settings, "respect_gitignore", "respect-gitignore")
    return files.Selection(
        include=tuple(include),
        exclude=tuple(exclude),
        force_exclude=bool(force),
        respect_gitignore=gitignore is not False,
    )


def _units(chosen: Sequence[files.Candidate], stdin_name: str) -> Iterator[tuple[Unit, bool]]:
    """The units to read (an archive's members, an mbox file's messages), each with
    whether it is checked only when recognised as a story (a walk's archive: its members
    chosen by their names, as a walk chooses files)."""
    import glob

    from newsitem.batch import inputs
    from newsitem.cli import files

    always = files.story_suffixes()
    for candidate in chosen:
        path = candidate.path
        if path == "-":
            yield from ((unit, False) for unit in inputs.units(["-"], stdin_name=stdin_name))
        elif path.lower().endswith(_CONTAINERS):
            try:
                members = list(inputs.units([glob.escape(path)]))
            except inputs.InputNotFoundError as exc:
                raise UsageError(str(exc)) from None
            for unit in members:
                kind = (
                    files.member_kind(unit.member or "", always) if candidate.sniff and unit.member else False
                )
                if unit.kind == "broken" or kind is not None:
                    yield unit, bool(kind) and unit.kind != "broken"
        else:
            yield inputs.Unit(locator=path, relative=os.path.basename(path)), candidate.sniff


def _check_unit(reader: Reader, unit: Unit, sniff: bool, job: _Job) -> list[Finding] | None:
    """The findings of one unit, or ``None`` for a file the walk offered only if it is a
    story (``sniff``) and that is not one (never with ``--from``: then it is checked as that
    format)."""
    from newsitem import formats
    from newsitem.batch import inputs
    from newsitem.cli import rules
    from newsitem.errors import ParseError

    if sniff and job.layout is None and _large_non_story(unit, job):
        return None  # not a story by its head: skipped, never read whole (nor over --max-size)
    try:
        data = reader.read(unit)
    except inputs.UnreadableInputError as exc:
        return [rules.Finding(rule="NI004", file=unit.locator, message=str(exc))]
    except Exception as exc:  # the backstop: one file never ends the run
        return [rules.internal_finding(unit.locator, exc)]
    layout = job.layout
    if sniff and layout is None:  # with --from, every file offered is checked as that format
        try:
            layout = formats.detect(data, encoding=job.encoding).layout
        except ParseError:
            return None  # not a story: skipped, counted, and NI006 when selected
        except Exception:  # the check reports what it is
            layout = None
    return rules.check(unit.locator, data, job.policy, layout=layout, encoding=job.encoding)


_HEAD = 64 * 1024
"""How much of a file over ``--max-size`` a walk reads to tell whether it is a story."""


def _large_non_story(unit: Unit, job: _Job) -> bool:
    """Whether a walked file (not an archive member) is over ``--max-size`` and its first
    :data:`_HEAD` bytes are recognised as no story: a search index or a binary a walk skips
    rather than reporting as unreadable (a story over the limit stays an NI004 finding)."""
    from newsitem import formats
    from newsitem.errors import ParseError

    if unit.kind != "file" or unit.member is not None:
        return False
    try:
        if os.stat(unit.locator).st_size <= job.max_size:
            return False
        with open(unit.locator, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return False  # reading it reports the problem
    try:
        formats.detect(head, encoding=job.encoding)
    except ParseError:
        return True
    except Exception:  # the check reports what it is
        return False
    return False


_READER: Reader | None = None


def _check_chunk(chunk: list[tuple[Unit, bool]], job: _Job) -> list[list[Finding] | None]:
    """Worker side: one chunk of units checked, in order; each process keeps one reader."""
    global _READER  # noqa: PLW0603 - one reader per worker process, kept across chunks
    from newsitem.batch import inputs

    if _READER is None:
        _READER = inputs.Reader(max_size=job.max_size)
    return [_check_unit(_READER, unit, sniff, job) for unit, sniff in chunk]


def _chunks(work: list[tuple[Unit, bool]], workers: int) -> Iterator[list[tuple[Unit, bool]]]:
    """Chunks of about 1/8 of a worker's share (50 to 500 units), an archive's members kept
    together where they fall in one chunk's span."""
    size = max(50, min(500, len(work) // (workers * 8) or 1))
    chunk: list[tuple[Unit, bool]] = []
    for item in work:
        if len(chunk) >= size and (item[0].container is None or item[0].container != chunk[-1][0].container):
            yield chunk
            chunk = []
        chunk.append(item)
    if chunk:
        yield chunk


def _workers(requested: int, count: int) -> int:
    """``-j``: as asked, or for 0 one per core this process may use (at most 8) when the
    run is large enough to pay for starting them; never more than the files (one home for
    the rule: :func:`newsitem.batch._cores.workers`)."""
    if not requested and count < _PARALLEL_FROM:
        return 1
    from newsitem.batch import _cores

    return _cores.workers(requested, count, most=8)


def _check_all(work: list[tuple[Unit, bool]], job: _Job, workers: int) -> list[list[Finding] | None]:
    """Every unit's findings, in order: stdin and small runs here, the rest in ``workers`` processes."""
    from newsitem.batch import inputs

    results: list[list[Finding] | None] = []
    pool = _pool(workers) if workers > 1 and len(work) > 1 else None
    if pool is None:
        with inputs.Reader(stdin=sys.stdin.buffer, max_size=job.max_size) as reader:
            return [_check_unit(reader, unit, sniff, job) for unit, sniff in work]
    from concurrent.futures.process import BrokenProcessPool

    here = [(i, item) for i, item in enumerate(work) if item[0].kind == "stdin"]
    there = [item for item in work if item[0].kind != "stdin"]
    try:
        with pool:
            for done in pool.map(_check_chunk, _chunks(there, workers), _repeat(job)):
                results.extend(done)
    except BrokenProcessPool:
        raise UsageError(
            f"a worker process died (out of memory?); try fewer with -j (was {workers})"
        ) from None
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=job.max_size) as reader:
        for index, (unit, sniff) in here:
            results.insert(index, _check_unit(reader, unit, sniff, job))
    return results


def _pool(workers: int) -> Executor | None:
    """A pool of ``workers`` processes, or ``None`` where the platform cannot start one (no
    working semaphores, as in some sandboxes): the run is then checked in this process."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
    except (OSError, NotImplementedError, ImportError):
        return None


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _repeat(job: _Job) -> Iterator[_Job]:
    while True:
        yield job


SKIPPED_MARK = "  # skipped: not recognised as a story"
"""What ``--show-files`` writes after a file a run would skip."""


def _show_files(work: Iterable[tuple[Unit, bool]], job: _Job) -> int:
    """``--show-files``: the files a run would check, one a line, sorted; a walked file that
    is not recognised as a story, which a run skips, marked with :data:`SKIPPED_MARK`; exit 0."""
    from newsitem import formats
    from newsitem.batch import inputs
    from newsitem.cli.reports import visible
    from newsitem.errors import ParseError

    shown = []
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=job.max_size) as reader:
        for unit, sniff in work:
            mark = ""
            if sniff and job.layout is None and _large_non_story(unit, job):
                mark = SKIPPED_MARK
            elif sniff and job.layout is None:
                try:
                    formats.detect(reader.read(unit), encoding=job.encoding)
                except ParseError:
                    mark = SKIPPED_MARK  # not a story: a run skips it (and counts it)
                except Exception:  # noqa: S110 - unreadable or worse: a run reports it, so it is listed
                    pass
            shown.append((unit.locator, mark))
    sys.stdout.write("".join(visible(name) + mark + "\n" for name, mark in sorted(shown)))
    return 0


def run(args: argparse.Namespace) -> int:
    from newsitem.cli import config, files

    settings = config.load(Path.cwd(), path=args.config, isolated=args.isolated)
    if settings is not None and args.config is not None:
        # A file named by --config may live anywhere (ci/newsitem.toml): its patterns and
        # per-file-ignores are relative to the current folder, as ruff reads them.
        settings = attrs.evolve(settings, root=Path.cwd())
    output = _output(args, settings)
    job = _Job(
        policy=_policy(args, settings),
        layout=_layout(args, settings),
        encoding=check_encoding(args.encoding),
        max_size=args.max_size * 1024 * 1024,
    )
    selection = _selection(args, settings)
    chosen = files.candidates(args.files or ["."], _file_selection(args, settings))
    work = list(_units(chosen, args.stdin_filename))
    if args.show_files:
        return _show_files(work, job)
    requested = _setting(args, settings, "jobs", "jobs")
    try:
        results = _check_all(work, job, _workers(requested or 0, len(work)))
    except SchemaNotFoundError as exc:
        raise UsageError(str(exc)) from None
    checked = [unit.locator for (unit, _), found in zip(work, results, strict=True) if found is not None]
    skipped = [unit.locator for (unit, _), found in zip(work, results, strict=True) if found is None]
    found_all = [finding for found in results if found for finding in found]
    found_all += [_not_a_story(name) for name in skipped]
    root = str(settings.root) if settings is not None else None
    findings = selection.filter(found_all, _relative_to(root))
    strict = bool(_setting(args, settings, "strict", "strict"))
    _report(
        args,
        output,
        findings=findings,
        checked=checked,
        skipped=skipped,
        root=_project_root(None if args.config else settings),
        strict=strict,
    )
    errors = sum(1 for f in findings if f.severity == "error")
    failing = errors + (len(findings) - errors if strict else 0)
    return 0 if _setting(args, settings, "exit_zero", "exit-zero") or not failing else 1


def _output(args: argparse.Namespace, settings: config.Settings | None) -> str:
    """The report format: the flag's, the file's (checked), else github under GitHub Actions, else text."""
    from newsitem.cli import reports

    output = _setting(args, settings, "output_format", "output-format")
    if output is None:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output not in reports.OUTPUTS:
        where = settings.source if settings is not None else "the configuration"
        raise UsageError(f"{where}: output-format {output!r}: expected one of {', '.join(reports.OUTPUTS)}")
    return str(output)


def _layout(args: argparse.Namespace, settings: config.Settings | None) -> str | None:
    """``--from`` (or the file's ``format``), checked before any file is read, naming where it came from."""
    name = _setting(args, settings, "format", "format")
    if name is None:
        return None
    return known_format(name, _origin(settings, "format", "--from", args.format is not None), read=True)


def _not_a_story(name: str) -> Finding:
    """NI006: a file a walk found and skipped (reported only when selected)."""
    from newsitem.cli import rules

    message = "not recognised as a story, so not checked (name it, include it, or give --from to check it)"
    return rules.Finding(rule="NI006", file=name, message=message)


def _project_root(settings: config.Settings | None) -> str:
    """The folder report paths are relative to: the configuration file's, else the git
    repository's top level (the nearest folder above holding ``.git``), else the current one."""
    if settings is not None:
        return str(settings.root)
    here = os.getcwd()
    folder = here
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def _report(
    args: argparse.Namespace,
    output: str,
    *,
    findings: list[Finding],
    checked: list[str],
    skipped: list[str],
    root: str,
    strict: bool,
) -> None:
    from newsitem.cli import reports

    if args.statistics:
        report = reports.render_statistics(output, findings)
    else:
        report = reports.render(
            output,
            findings,
            checked,
            quiet=args.quiet,
            root=root,
            skipped=skipped,
            stdin_name=args.stdin_filename,
            here=os.getcwd(),
            strict=strict,
        )
    _write(report, args.output_file)


def _relative_to(root: str | None) -> Any:
    """The path per-file-ignores globs are matched against: a file's path relative to the
    configuration file's folder when it is below it (an archive member: the archive's)."""
    if root is None:
        return None
    base = os.path.join(root, "")

    def path_of(file: str) -> str:
        absolute = os.path.abspath(file)
        return absolute[len(base) :] if absolute.startswith(base) else file

    return path_of


def _write(report: str, path: str | None) -> None:
    """The report to stdout, or to ``path`` (written whole, then renamed into place)."""
    if path is None:
        sys.stdout.write(report)
        return
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(report, encoding="utf-8", errors="surrogateescape")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UsageError(f"--output-file {path}: cannot be written: {exc.strerror or exc}") from None


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsitem.cli.reports import OUTPUTS

    check = commands.add_parser(
        "validate",
        help="check stories against the model and policy rules; exit 1 on problems",
        description="Parse each file, apply the model's rules and the chosen policy rules, and report every"
        " problem with a stable rule id. Settings come from the flags, else [tool.newsitem.validate] in"
        " pyproject.toml or newsitem.toml (found upward). Exit 0 clean, 1 problems, 2 usage error.",
    )
    check.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files, folders (walked: only what newsitem reads), globs, archives; - for stdin (default: .)",
    )
    add_input_format(check, dest="format")  # --from, and --format as an alias
    _add_policy(check)
    _add_report(check, OUTPUTS)
    _add_selection(check)
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
    check.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        metavar="N",
        help="worker processes (default 0: one per core for large runs)",
    )
    add_encoding(check)
    add_max_size(check)
    check.set_defaults(run=run)


def _add_policy(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--require", action="append", metavar="FIELD", help="a field that must be present (repeatable)"
    )
    check.add_argument(
        "--require-timezone",
        action=argparse.BooleanOptionalAction,
        help="every time must carry a zone",
    )
    check.add_argument(
        "--language", type=language_tag, metavar="LANG", help="the language every story must declare"
    )
    check.add_argument("--max-age", metavar="AGE", help="published no longer ago than this: 90m, 36h, 7d, 2w")
    check.add_argument("--strict", action=argparse.BooleanOptionalAction, help="warnings fail too")
    check.add_argument(
        "--exit-zero", action=argparse.BooleanOptionalAction, help="exit 0 even when problems are found"
    )


def _add_report(check: argparse.ArgumentParser, outputs: Sequence[str]) -> None:
    check.add_argument(
        "--output-format",
        choices=outputs,
        metavar="FORMAT",
        help=f"report format: {', '.join(outputs)} (default: text; github under GitHub Actions)",
    )
    add_deprecated_alias(check, "--output", instead="--output-format", dest="output_format", choices=outputs)
    check.add_argument("-o", "--output-file", metavar="PATH", help="write the report to PATH, not stdout")
    check.add_argument("-q", "--quiet", action="store_true", help="the findings only: no summary line")
    check.add_argument(
        "--statistics", action="store_true", help="the number of findings of each rule, not the findings"
    )
    check.add_argument(
        "--show-files", action="store_true", help="list the files a run would check, then exit 0"
    )


def _add_selection(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--select", action="append", metavar="CODES", help="rule ids or prefixes to report (NI1,NI003; ALL)"
    )
    check.add_argument(
        "--ignore", action="append", metavar="CODES", help="rule ids or prefixes not to report"
    )
    check.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="a walk also checks files this matches (repeatable)",
    )
    check.add_argument(
        "--exclude", action="append", metavar="GLOB", help="a walk skips what this matches (repeatable)"
    )
    check.add_argument(
        "--force-exclude",
        action=argparse.BooleanOptionalAction,
        help="choose files named on the command line as a walk would: exclude, .gitignore, and the story"
        " test for .json/.xml/.html/.txt (skipped, counted: for pre-commit, which names files)",
    )
    check.add_argument("--config", metavar="PATH", help="the configuration file (default: found upward)")
    check.add_argument("--isolated", action="store_true", help="read no configuration file")
