"""A story as a readable summary for people (``newsitem inspect``)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from newsitem import _api, formats
from newsitem.model import Story
from newsitem.notes import Note

__all__ = ["describe", "show"]

_WIDTH = 100


def _line(label: str, value: object) -> str:
    return f"{label + ':':<12} {value}"


def show(data: bytes, source: str, *, layout: str | None = None, as_json: bool = False) -> str:
    """What ``newsitem inspect`` prints for one input: :func:`describe`, or canonical JSON.

    Raises:
        newsitem.errors.NewsItemError: the input cannot be read as a story.
    """
    if layout is not None:
        reason = "as asked (--format)"
    else:
        detection = formats.detect(data)
        layout, reason = detection.layout, detection.reason
    reading = _api.read(data, layout=layout)
    if as_json:
        text = _api.dumps(reading.story, format="json", indent=2)
        return text if isinstance(text, str) else text.decode("utf-8")
    return describe(reading.story, source=source, layout=layout, reason=reason, notes=reading.notes)


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
    lines = [_line("headline", story.headline)]
    if story.subheadline:
        lines.append(_line("subheadline", story.subheadline))
    for byline in story.bylines:
        details = ", ".join(x for x in (byline.title, byline.affiliation) if x)
        lines.append(_line(byline.role.value, byline.name + (f" ({details})" if details else "")))
    for label, organisation in (("source", story.source), ("provider", story.provider)):
        if organisation is not None:
            parts = [p for p in (organisation.name, organisation.code, organisation.url) if p]
            lines.append(_line(label, " · ".join(parts)))
    for label in ("published", "updated", "embargoed"):
        value = getattr(story, label)
        if value is not None:
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


def _body_and_extras(story: Story) -> list[str]:
    lines = []
    words = sum(len(p.text.split()) for p in story.body)
    lines.append(_line("body", f"{len(story.body)} paragraphs, {words:,} words"))
    if story.body:
        first = textwrap.shorten(" ".join(story.body[0].text.split()), width=_WIDTH * 2, placeholder=" ...")
        lines.extend("  " + line for line in textwrap.wrap(first, width=_WIDTH - 2))
    if story.extras:
        width = max(len(key) for key in story.extras)
        lines.append(_line("extras", f"{len(story.extras)}"))
        for key, value in story.extras.items():
            shown = textwrap.shorten(value.replace("\n", " / "), width=_WIDTH - width - 4, placeholder=" ...")
            lines.append(f"  {key:<{width}}  {shown}")
    return lines
