"""The rules behind ``newsitem validate``: what is checked, and each finding with its rule id.

Every :class:`Finding` has a stable rule id, a severity, the file, a line and column
where the input gives one, the document path (``where``) and the model path
(``path``) where there are some, and a message. Rules:

=======  ========  ==========================================================
NI001    error     the input is not recognised as any layout or format
NI002    error     the input is malformed (a ParseError, with its position)
NI003    error     a value breaks a rule of the model (a ValidationError, with
                   its document path or line and column, and its model path)
NI004    error     the file cannot be read
NI005    error     reading the input failed unexpectedly (an internal error: the
                   exception's type and message; please report it)
NI006    warning   a file a walk found is not recognised as a story, so it was not
                   checked (off unless selected: ``--select NI006``)
NI101    error     a field required by ``--require`` is missing
NI102    error     a time has no zone (``--require-timezone``)
NI103    error     the language is not the one ``--language`` asks for
NI104    error     the story is older than ``--max-age`` (or has no date)
NI105    warning   ``--max-age`` cannot be checked: the time has no zone
NI201    warning   the charset was guessed (note ``charset-guessed``)
NI202    warning   the reader noted something no other rule names
NI203    warning   the headline was taken from elsewhere (note ``headline-elsewhere``)
NI204    warning   a value the model refuses was kept in extras (note ``kept-in-extras``)
NI205    warning   a date was read by a guess (note ``date-guessed``)
NI206    warning   a printed date disagrees with the date read (note ``date-mismatch``)
NI207    warning   a part of the input could not be read (note ``unreadable``)
NI208    warning   a body in an unknown vocabulary was read as plain text (note ``unknown-vocabulary``)
NI209    warning   a ninjs document has a property its version does not define (a misspelt key)
NI210    warning   the story has no body text
NI301    error     the NewsML-G2 document is not valid against the 2.35 schema
NI302    error     the ninjs document is not valid against its version's IPTC schema
=======  ========  ==========================================================

Rules in :data:`OFF_BY_DEFAULT` are reported only when ``select`` names them (by id, by a
prefix, or ``ALL``), not by the default selection.

Rule ids are stable: a rule is never renumbered, and a new rule takes the next free id of
its series. ``newsitem rule NI003`` explains one (what, why, an input that fails and one
that passes), and ``docs/rules.md`` lists them all. ``--select`` and ``--ignore`` take ids
or prefixes of ids (:func:`codes`, :class:`Selection`).

The NI2xx warnings are the reader's notes (:attr:`newsitem.notes.Reading.notes`),
reported with the positions the reader gives them. A note that records where a story
came from rather than a problem (``captured``: a web archive's capture time and address;
``forwarded``: the e-mail that forwarded the story) is no finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from newsitem import _api, formats
from newsitem.errors import NewsItemError, ParseError, SchemaNotFoundError, UsageError, ValidationError
from newsitem.model import Story
from newsitem.notes import Note, Part

__all__ = [
    "DOCS_URL",
    "NOTE_RULES",
    "OFF_BY_DEFAULT",
    "RULES",
    "Finding",
    "Policy",
    "Selection",
    "check",
    "codes",
    "glob_regex",
    "help_uri",
    "in_words",
    "internal_finding",
    "known_format",
    "parse_age",
]

RULES: dict[str, tuple[str, str, str]] = {
    "NI001": ("error", "unknown-layout", "the input is not recognised as any layout or format"),
    "NI002": ("error", "parse-error", "the input is malformed"),
    "NI003": ("error", "model-rule", "a value breaks a rule of the model"),
    "NI004": ("error", "unreadable", "the file cannot be read"),
    "NI005": ("error", "internal-error", "reading the input failed unexpectedly (an internal error)"),
    "NI006": ("warning", "not-a-story", "a file a walk found is not recognised as a story: not checked"),
    "NI101": ("error", "required-field", "a required field is missing"),
    "NI102": ("error", "timezone-required", "a time has no zone"),
    "NI103": ("error", "language", "the language is not the one asked for"),
    "NI104": ("error", "too-old", "the story is older than allowed"),
    "NI105": ("warning", "age-unknown", "the age cannot be checked: the time has no zone"),
    "NI201": ("warning", "charset-guess", "the charset was guessed"),
    "NI202": ("warning", "reader-warning", "the reader noted something"),
    "NI203": ("warning", "headline-guess", "the headline was taken from elsewhere"),
    "NI204": ("warning", "kept-in-extras", "a value the model refuses was kept in extras"),
    "NI205": ("warning", "date-guess", "a date was read by a guess"),
    "NI206": ("warning", "date-mismatch", "a printed date disagrees with the date read"),
    "NI207": ("warning", "part-unreadable", "a part of the input could not be read"),
    "NI208": ("warning", "unknown-vocabulary", "a body in an unknown vocabulary was read as plain text"),
    "NI209": ("warning", "unknown-property", "a ninjs document has a property its version does not define"),
    "NI210": ("warning", "empty-body", "the story has no body text"),
    "NI301": ("error", "newsml-schema", "the NewsML-G2 document is not schema-valid"),
    "NI302": ("error", "ninjs-schema", "the ninjs document is not valid against its version's IPTC schema"),
}
"""Rule id: (severity, short name, description)."""
OFF_BY_DEFAULT = frozenset({"NI006"})
"""Rules the default selection leaves out: reported only when ``select`` names them."""
NOTE_RULES: dict[str, str] = {
    "charset-guessed": "NI201",
    "headline-elsewhere": "NI203",
    "kept-in-extras": "NI204",
    "date-guessed": "NI205",
    "date-mismatch": "NI206",
    "unreadable": "NI207",
    "unknown-vocabulary": "NI208",
}
"""Reader note code: rule id (a code not listed is NI202)."""
RECORD_NOTES = frozenset({"captured", "forwarded"})
"""Note codes that record provenance, not a problem: never a finding."""
DOCS_URL = "https://newsitem.readthedocs.io/en/latest/"
"""Where the documentation is published: each rule's help is ``DOCS_URL + "rules.html#ni003"``."""


def help_uri(rule: str) -> str:
    """The address of a rule's explanation in the published documentation."""
    return f"{DOCS_URL}rules.html#{rule.lower()}"


_FIELD_ALIASES = {"byline": "bylines", "author": "bylines", "authors": "bylines", "date": "published"}
_STORY_FIELDS = frozenset(field.name for field in attrs.fields(Story))


@attrs.frozen(kw_only=True)
class Finding:
    """One thing ``validate`` found in one file."""

    rule: str
    """The rule id (``NI003``), a key of :data:`RULES`."""
    file: str
    """The input's locator."""
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None
    """The model path of the value (``$.bylines[0].role``, ``published``)."""
    where: str | None = None
    """The value's path in the document read (``$.renditions[0].href``, ``newsItem/itemMeta/link``)."""

    @property
    def severity(self) -> str:
        """``error`` or ``warning``, as the rule says."""
        return RULES[self.rule][0]

    def as_dict(self) -> dict[str, Any]:
        """The finding as a JSON object (the ``json`` and ``jsonl`` reports)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "name": RULES[self.rule][1],
            "severity": self.severity,
            "path": self.path,
            "where": self.where,
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class Policy:
    """The rules chosen on the command line beyond the model's own.

    Raises:
        UsageError: ``require`` names something that is not a story field.
    """

    require: tuple[str, ...] = ()
    require_timezone: bool = False
    language: str | None = None
    max_age: timedelta | None = None
    now: datetime | None = None
    newsml_schema: str | None = None
    ninjs_schema: str | None = None

    def __attrs_post_init__(self) -> None:
        for name in self.require:
            if _FIELD_ALIASES.get(name, name) not in _STORY_FIELDS:
                raise UsageError(
                    f"--require {name}: not a story field (one of {', '.join(sorted(_STORY_FIELDS))})"
                )


_CODE = re.compile(r"ALL|NI\d{0,3}")


def codes(values: str | Iterable[str], option: str = "--select") -> tuple[str, ...]:
    """Rule codes as given to ``--select``, ``--ignore`` or a configuration list: ids or
    prefixes of ids (``NI003``, ``NI2``, ``NI``) or ``ALL``, separated by commas or given
    one by one, in any case; ``option`` names where they came from in an error.

    Raises:
        UsageError: a code no rule id starts with.
    """
    items = [values] if isinstance(values, str) else list(values)
    found: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise UsageError(f"{option}: expected rule codes as text, not {item!r}")
        for part in item.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not _CODE.fullmatch(code) or not (code == "ALL" or any(r.startswith(code) for r in RULES)):
                raise UsageError(
                    f"{option} {part.strip()}: no rule id starts with it"
                    " (ids such as NI003, or prefixes such as NI2; newsitem rule --all lists them)"
                )
            if code not in found:
                found.append(code)
    return tuple(found)


def _specificity(rule: str, chosen: Iterable[str]) -> int:
    """The length of the longest code in ``chosen`` matching ``rule`` (-1: none; ALL: 0)."""
    best = -1
    for code in chosen:
        if code == "ALL":
            best = max(best, 0)
        elif rule.startswith(code):
            best = max(best, len(code))
    return best


_GLOB_PART = re.compile(r"\*\*/?|\*|\?|\[[^]/]*\]|[^*?\[]+|\[")


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regular expression: ``*`` and ``?`` stay within a folder, ``**``
    crosses folders, ``[abc]`` is a class."""
    out = []
    for piece in _GLOB_PART.findall(pattern.replace("\\", "/")):
        if piece.startswith("**"):
            out.append("(?:.*/)?" if piece.endswith("/") else ".*")
        elif piece == "*":
            out.append("[^/]*")
        elif piece == "?":
            out.append("[^/]")
        elif piece.startswith("[") and len(piece) > 2:
            body = piece[1:-1]
            out.append("[^" + re.escape(body[1:]) + "]" if body[:1] == "!" else "[" + re.escape(body) + "]")
        else:
            out.append(re.escape(piece))
    return re.compile("".join(out), re.DOTALL)


class Selection:
    """Which rules are reported, as ruff chooses them: ``select`` and ``ignore`` hold rule ids,
    prefixes of ids or ``ALL`` (see :func:`codes`); of the codes matching a rule the most
    specific wins, and ``ignore`` wins a tie; without ``select``, every rule but those
    :data:`OFF_BY_DEFAULT`. ``per_file_ignores`` pairs a path glob with the
    codes ignored in the files it matches (the whole locator, or its last part when the glob
    has no ``/``), whatever ``select`` says.
    """

    __slots__ = ("_default", "_globs", "ignore", "per_file_ignores", "select")

    def __init__(
        self,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
    ) -> None:
        self._default = select is None
        """No ``select`` given: every rule but those :data:`OFF_BY_DEFAULT`."""
        self.select = ("ALL",) if select is None else tuple(select)
        self.ignore = tuple(ignore)
        self.per_file_ignores = tuple((pattern, tuple(ignored)) for pattern, ignored in per_file_ignores)
        self._globs = tuple(
            (glob_regex(pattern), "/" in pattern.replace("\\", "/"), ignored)
            for pattern, ignored in self.per_file_ignores
        )

    def __repr__(self) -> str:
        return (
            f"Selection(select={self.select!r}, ignore={self.ignore!r},"
            f" per_file_ignores={self.per_file_ignores!r})"
        )

    def enabled(self, rule: str, file: str | None = None) -> bool:
        """Whether findings of ``rule`` (in ``file``, when given) are reported."""
        if self._default and rule in OFF_BY_DEFAULT:
            return False
        selected = _specificity(rule, self.select)
        if selected < 0 or _specificity(rule, self.ignore) >= selected:
            return False
        if file is None or not self._globs:
            return True
        posix = file.replace("\\", "/")
        base = posix.rstrip("/").rsplit("/", 1)[-1]
        for regex, anchored, ignored in self._globs:
            matched = regex.fullmatch(posix) or (not anchored and regex.fullmatch(base))
            if matched and _specificity(rule, ignored) >= 0:
                return False
        return True

    def filter(
        self, findings: Iterable[Finding], path_of: Callable[[str], str] | None = None
    ) -> list[Finding]:
        """The findings of the rules enabled, in order; ``path_of`` gives the path the
        per-file globs are matched against from a finding's file (default: the file as it is,
        e.g. made relative to the folder of the configuration file)."""
        if not self._globs:
            return [f for f in findings if self.enabled(f.rule)]
        shown = path_of or (lambda file: file)
        return [f for f in findings if self.enabled(f.rule, shown(f.file))]


def parse_age(text: str) -> timedelta:
    """``90m``, ``36h``, ``7d`` or ``2w`` as a duration.

    Raises:
        UsageError: not a number followed by m, h, d or w.
    """
    found = re.fullmatch(r"(\d+)\s*([mhdw])", text.strip())
    if found is None:
        raise UsageError(f"--max-age {text!r}: expected a number and a unit, as in 90m, 36h, 7d or 2w")
    amount, unit = int(found.group(1)), found.group(2)
    return {"m": timedelta(minutes=amount), "h": timedelta(hours=amount), "d": timedelta(days=amount)}.get(
        unit, timedelta(weeks=amount)
    )


def in_words(age: timedelta) -> str:
    """A duration as ``--max-age`` takes it, in words: ``30 days``, ``1 week``, ``36 hours``."""
    minutes = int(age.total_seconds()) // 60
    for size, unit in ((7 * 24 * 60, "week"), (24 * 60, "day"), (60, "hour"), (1, "minute")):
        if minutes and minutes % size == 0:
            count = minutes // size
            return f"{count:,} {unit}" + ("" if count == 1 else "s")
    return str(age)


def known_format(name: str) -> str:
    """Check a ``--format`` value: a registered reader.

    Raises:
        UnknownFormatError: no such format.
        UsageError: it cannot be read.
    """
    if not formats.get(name).can_read:
        raise UsageError(f"{name} cannot be read")
    return name


def internal_finding(name: str, exc: BaseException, doing: str = "reading") -> Finding:
    """NI005: an exception no rule expects, as one finding (its type and one-line message)."""
    text = " ".join(str(exc).split())
    message = f"internal error while {doing} it: {type(exc).__name__}" + (f": {text}" if text else "")
    return Finding(rule="NI005", file=name, message=message)


def check(
    name: str, data: bytes, policy: Policy, *, layout: str | None = None, encoding: str | None = None
) -> list[Finding]:
    """Every finding of one input: parsing, the model's rules, the reader's notes, the policy's
    rules; any exception no rule expects is an NI005 finding (too deep nesting: NI002).

    Raises:
        newsitem.errors.SchemaNotFoundError: the policy names a NewsML-G2 schema folder that
            does not hold the schema.
    """
    try:
        return _check(name, data, policy, layout=layout, encoding=encoding)
    except SchemaNotFoundError:
        raise
    except RecursionError:
        return [Finding(rule="NI002", file=name, message="nested too deeply to read")]
    except Exception as exc:  # the backstop: one file never ends the run
        return [internal_finding(name, exc)]


def _check(
    name: str, data: bytes, policy: Policy, *, layout: str | None, encoding: str | None = None
) -> list[Finding]:
    try:
        chosen = layout or formats.detect(data, encoding=encoding).layout
    except ParseError as exc:
        return [Finding(rule="NI001", file=name, message=exc.message, line=exc.line, column=exc.column)]
    try:
        parts = list(_api.parse_all(data, layout=chosen, encoding=encoding))
    except NewsItemError as exc:
        return _error_findings(name, exc, chosen)
    findings: list[Finding] = []
    for part in parts:
        found = _part_findings(name, part, policy, chosen)
        if len(parts) > 1:  # say which story of the container each finding is about
            label = f"story {part.index}" + (f" ({part.where})" if part.where else "")
            found = [attrs.evolve(f, message=f"{label}: {f.message}") for f in found]
        findings += found
    if chosen == "ninjs":
        findings += _unknown_properties(name, data)
    if chosen == "newsml-g2" and policy.newsml_schema is not None:
        findings += _schema(name, data, policy.newsml_schema)
    if chosen == "ninjs" and policy.ninjs_schema is not None:
        findings += _ninjs_schema(name, data, policy.ninjs_schema)
    return findings


def _error_findings(name: str, exc: NewsItemError, chosen: str) -> list[Finding]:
    if isinstance(exc, ParseError):
        message = f"{exc.message} ({chosen})"
        return [Finding(rule="NI002", file=name, message=message, line=exc.line, column=exc.column)]
    if isinstance(exc, ValidationError):
        return model_findings(name, exc)
    return [Finding(rule="NI002", file=name, message=f"{exc} ({chosen})")]


def _part_findings(name: str, part: Part, policy: Policy, chosen: str) -> list[Finding]:
    """One story's findings: its error, or the policy's rules and the reader's notes."""
    if part.error is not None:
        return _error_findings(name, part.error, chosen)
    assert part.story is not None  # a Part holds a story or an error
    from newsitem.cli import checks

    notes = [note_finding(name, note) for note in part.notes if note.code not in RECORD_NOTES]
    empty = checks.empty_body(part.story)
    if empty is not None:
        notes.append(Finding(rule="NI210", file=name, message=empty.message, path=empty.path))
    return _policy(name, part.story, policy) + notes


def _unknown_properties(name: str, data: bytes) -> list[Finding]:
    """NI209: each property of a ninjs document its version does not define."""
    from newsitem.cli import checks

    return [
        Finding(rule="NI209", file=name, message=p.message, where=p.where, line=p.line, column=p.column)
        for p in checks.unknown_properties(data)
    ]


def model_findings(name: str, exc: ValidationError) -> list[Finding]:
    """NI003: one finding per problem, with its document path, line and column and model path."""
    return [
        Finding(
            rule="NI003",
            file=name,
            message=p.message,
            path=p.path,
            where=p.where,
            line=p.line,
            column=p.column,
        )
        for p in exc.problems
    ]


def note_finding(name: str, note: Note) -> Finding:
    """A reader's note as an NI2xx warning, at the position the reader gave it."""
    return Finding(
        rule=NOTE_RULES.get(note.code, "NI202"),
        file=name,
        message=note.message,
        line=note.line,
        column=note.column,
        where=note.where,
    )


def _policy(name: str, story: Story, policy: Policy) -> list[Finding]:
    findings = []
    for wanted in policy.require:
        field = _FIELD_ALIASES.get(wanted, wanted)
        value = getattr(story, field)
        if value is None or value == () or (field == "extras" and not value):
            findings.append(
                Finding(rule="NI101", file=name, path=field, message=f"{field} is required and missing")
            )
    if policy.require_timezone:
        for key in ("published", "updated", "embargoed"):
            value = getattr(story, key)
            if value is not None and not isinstance(value, datetime):
                message = f"{key} {value.isoformat()} is a day, without a time or zone"
                findings.append(Finding(rule="NI102", file=name, path=key, message=message))
            elif value is not None and value.tzinfo is None:
                message = f"{key} {value.isoformat()} has no zone"
                findings.append(Finding(rule="NI102", file=name, path=key, message=message))
    if policy.language is not None and (story.language or "").lower() != policy.language.lower():
        message = f"language is {story.language or 'not given'}, expected {policy.language}"
        findings.append(Finding(rule="NI103", file=name, path="language", message=message))
    if policy.max_age is not None:
        findings += _age(name, story, policy.max_age, policy.now or datetime.now(UTC))
    return findings


def _age(name: str, story: Story, max_age: timedelta, now: datetime) -> list[Finding]:
    published = story.published
    if published is None:
        message = "no published time to check the age of"
        return [Finding(rule="NI104", file=name, path="published", message=message)]
    if not isinstance(published, datetime):
        # A day: its age is at least the days since it ended, wherever it was that day.
        if now.date() - published - timedelta(days=1) > max_age:
            message = f"published {published.isoformat()} is older than {in_words(max_age)}"
            return [Finding(rule="NI104", file=name, path="published", message=message)]
        return []
    if published.tzinfo is None:
        message = f"published {published.isoformat()} has no zone"
        return [Finding(rule="NI105", file=name, path="published", message=message)]
    if now - published > max_age:
        message = f"published {published.isoformat()} is older than {in_words(max_age)}"
        return [Finding(rule="NI104", file=name, path="published", message=message)]
    return []


_SCHEMA_WHERE = re.compile(r"(?P<prefix>NITF body: )?line (?P<line>\d+), (?P<path>.*)")


def _ninjs_schema(name: str, data: bytes, schema_dir: str) -> list[Finding]:
    """Schema errors of a ninjs document, at their JSON paths (SchemaNotFoundError propagates)."""
    from newsitem.formats.ninjs import schema as ninjs

    try:
        ninjs.validate(data, schema_dir=schema_dir)
    except ValidationError as exc:
        return [Finding(rule="NI302", file=name, message=p.message, where=p.where) for p in exc.problems]
    except ParseError as exc:
        return [Finding(rule="NI002", file=name, message=exc.message, line=exc.line, column=exc.column)]
    return []


def _schema(name: str, data: bytes, schema_dir: str) -> list[Finding]:
    """Schema errors of a NewsML-G2 document (SchemaNotFoundError propagates: a usage error)."""
    from newsitem.formats.newsmlg2 import schema as newsml

    try:
        newsml.validate(data, schema_dir=schema_dir)
    except ValidationError as exc:
        findings = []
        for problem in exc.problems:
            found = _SCHEMA_WHERE.fullmatch(problem.path)
            line = problem.line if problem.line is not None else (int(found.group("line")) if found else None)
            where = problem.where or (found.group("path") if found else problem.path)
            prefix = (found.group("prefix") or "") if found else ""
            findings.append(
                Finding(
                    rule="NI301",
                    file=name,
                    message=prefix + problem.message,
                    line=line,
                    column=problem.column,
                    where=where,
                )
            )
        return findings
    except ParseError as exc:
        return [Finding(rule="NI002", file=name, message=exc.message, line=exc.line, column=exc.column)]
    return []
