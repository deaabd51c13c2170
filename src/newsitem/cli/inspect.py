"""``newsitem inspect``: a story as a readable summary for people."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from newsitem import _api, formats
from newsitem.cli import rules
from newsitem.cli.options import add_encoding, add_input_format, add_max_size, check_encoding, known_format
from newsitem.cli.reports import visible
from newsitem.errors import NewsItemError, UsageError
from newsitem.model import Block, BylineKind, Story
from newsitem.notes import Note

__all__ = ["add", "describe", "run", "show"]

_WIDTH = 100


def _line(label: str, value: object) -> str:
    return f"{label + ':':<12} {value}"


def show(
    data: bytes, source: str, *, layout: str | None = None, as_json: bool = False, encoding: str | None = None
) -> str:
    """What ``newsitem inspect`` prints for one input: :func:`describe`, or canonical JSON;
    for an input of several stories, each in turn (named ``source#N``), a story that
    cannot be read said in its place. ``encoding`` as for :func:`newsitem.parse`.

    Raises:
        newsitem.errors.NewsItemError: the input cannot be read (as a whole, or its only story).
    """
    if layout is not None:
        reason = "as asked (--from)"
    else:
        detection = formats.detect(data, encoding=encoding)
        layout, reason = detection.layout, detection.reason
    parts = list(_api.loads_all(data, format=layout, name=source, encoding=encoding))
    if len(parts) == 1:
        parts[0].unwrap()  # the only story: its error is the input's
    shown = []
    for part in parts:
        name = source if len(parts) == 1 else part.locator
        if part.story is None:
            shown.append(_line("file", name) + "\n" + _line("error", " ".join(str(part.error).split())))
        elif as_json:
            text = _api.dumps(part.story, format="json", indent=2)
            shown.append(text if isinstance(text, str) else text.decode("utf-8"))
        else:
            shown.append(describe(part.story, source=name, layout=layout, reason=reason, notes=part.notes))
    return "\n\n".join(shown)


def describe(
    story: Story,
    *,
    source: str | None = None,
    layout: str | None = None,
    reason: str | None = None,
    notes: Sequence[Note] = (),
) -> str:
    """Every field that has a value, one per line; the body as paragraph count, word
    count and the first paragraph; extras as a table; then the reader's notes."""
    lines = []
    if source is not None:
        lines.append(_line("file", source))
    if layout is not None:
        lines.append(_line("layout", layout + (f" ({reason})" if reason else "")))
    lines += _fields(story)
    lines += _body_and_extras(story)
    lines += [_line("note", str(note)) for note in notes]
    return "\n".join(lines)


def _fields(story: Story) -> list[str]:
    """The story's fields with a value, one per line, body and extras left out."""
    lines = [_line("headline", story.headline if story.headline is not None else "(none)")]
    if story.subheadline:
        lines.append(_line("subheadline", story.subheadline))
    for byline in story.bylines:
        kind = [byline.kind.value] if byline.kind is not BylineKind.PERSON else []
        details = ", ".join(x for x in (*kind, byline.title, byline.affiliation) if x)
        lines.append(_line(byline.role.value, byline.name + (f" ({details})" if details else "")))
    for label, organisation in (("source", story.source), ("provider", story.provider)):
        if organisation is not None:
            parts = [p for p in (organisation.name, organisation.code, organisation.url) if p]
            lines.append(_line(label, " · ".join(parts)))
    for label in ("published", "updated", "embargoed"):
        value = getattr(story, label)
        if value is not None:
            if not isinstance(value, datetime):
                lines.append(_line(label, value.isoformat() + " (day only)"))
                continue
            zone = "" if value.tzinfo is not None else " (no zone)"
            lines.append(_line(label, value.isoformat() + zone))
    for label in (
        "dateline",
        "section",
        "genre",
        "slugline",
        "priority",
        "urgency",
        "language",
        "url",
        "guid",
    ):
        value = getattr(story, label)
        if value is not None:
            lines.append(_line(label, value))
    return lines + _classification(story)


def _classification(story: Story) -> list[str]:
    """Status, version, keywords, subjects, summary and rights, where they say something."""
    lines = []
    if story.status.value != "usable":
        lines.append(_line("status", story.status.value))
    if story.version != 1:
        lines.append(_line("version", story.version))
    if story.keywords:
        lines.append(_line("keywords", ", ".join(story.keywords)))
    for subject in story.subjects:
        lines.append(_line("subject", " · ".join(x for x in (subject.name, subject.code) if x)))
    if story.summary:
        lines.append(_line("summary", story.summary.replace("\n", " / ")))
    if story.rights is not None:
        rights = story.rights
        parts = [p for p in (rights.notice, rights.holder, rights.license, rights.terms) if p]
        lines.append(_line("rights", " · ".join(p.replace("\n", " / ") for p in parts)))
    return lines


_BLOCK_NAMES = {
    "Paragraph": ("paragraph", "paragraphs"),
    "Heading": ("heading", "headings"),
    "Quote": ("quote", "quotes"),
    "ListBlock": ("list", "lists"),
    "Table": ("table", "tables"),
    "Preformatted": ("preformatted block", "preformatted blocks"),
    "Figure": ("figure", "figures"),
}


def _blocks(body: Sequence[Block]) -> str:
    """``3 paragraphs, 1 table``: the body's blocks counted by kind, paragraphs first."""
    counts = Counter(type(block).__name__ for block in body)
    if not counts:
        return "0 paragraphs"
    return ", ".join(
        f"{counts[kind]} {names[0] if counts[kind] == 1 else names[1]}"
        for kind, names in _BLOCK_NAMES.items()
        if counts[kind]
    )


def _body_and_extras(story: Story) -> list[str]:
    lines = []
    words = sum(len(block.text.split()) for block in story.body)
    lines.append(_line("body", f"{_blocks(story.body)}, {words:,} words"))
    first_text = next((block.text for block in story.body if block.text.strip()), "")
    if first_text:
        first = textwrap.shorten(" ".join(first_text.split()), width=_WIDTH * 2, placeholder=" ...")
        lines.extend("  " + line for line in textwrap.wrap(first, width=_WIDTH - 2))
    if story.extras:
        width = max(len(key) for key in story.extras)
        lines.append(_line("extras", f"{len(story.extras)}"))
        for key, value in story.extras.items():
            shown = textwrap.shorten(value.replace("\n", " / "), width=_WIDTH - width - 4, placeholder=" ...")
            lines.append(f"  {key:<{width}}  {shown}")
    return lines


def run(args: argparse.Namespace) -> int:
    from newsitem.batch import inputs

    encoding = check_encoding(args.encoding)
    if args.layout is not None:
        known_format(args.layout, "--from", read=True)
    try:
        units = list(inputs.units([args.file], stdin_name=args.stdin_filename))
    except inputs.InputNotFoundError as exc:
        raise UsageError(str(exc)) from None
    code = 0
    with inputs.Reader(stdin=sys.stdin.buffer, max_size=args.max_size * 1024 * 1024) as reader:
        for unit in units:
            try:
                shown = show(
                    reader.read(unit), unit.locator, layout=args.layout, as_json=args.json, encoding=encoding
                )
            except (NewsItemError, inputs.UnreadableInputError) as exc:
                print(visible(f"{unit.locator}: {_one_line(str(exc))}"), file=sys.stderr)
                code = 1
            except Exception as exc:  # the backstop: one line, no traceback, the next member goes on
                message = rules.internal_finding(unit.locator, exc).message
                print(visible(f"{unit.locator}: {message}"), file=sys.stderr)
                code = 1
            else:  # outside the backstop: a closed stdout ends the command (cli.main says so quietly)
                print(shown)
    return code


def _one_line(text: str) -> str:
    return " ".join(text.split())


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser(
        "inspect", help="show one story (or each story of an archive) as a readable summary"
    )
    show.add_argument("file", metavar="FILE", help="a file, an archive, or - for stdin")
    add_input_format(show)
    show.add_argument("--json", action="store_true", help="print the story as canonical JSON instead")
    show.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="the name of stdin in reports"
    )
    add_encoding(show)
    add_max_size(show)
    show.set_defaults(run=run)
