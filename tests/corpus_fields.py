"""Field checks of real corpus files: what a reader must get right, field by field.

A corpus file of ``../shared/corpus`` that has no full expected story
(``tests/data/<format>/<stem>.expected.json``) may have a field-check file
``tests/data/<format>/<stem>.fields.json`` instead (``<format>`` is the corpus
folder: ``newsml-g2``, ``ninjs``, ``nitf``, ``newsml-1.2``). Each value in it was
written by reading the raw file and applying the rules of the issue "Agency feeds
as agencies send them", never by copying a reader's output. Its keys:

``source``
    The file's path under ``../shared/corpus`` (``newsml-g2/dpa-eil.xml``).
``format``
    The registered format that reads it (``newsml-g2``, ``ninjs``, ``nitf``,
    ``newsml-1.2``). While it is not registered the check skips, saying so.
``part`` (optional)
    Which story of ``newsitem.loads_all`` is checked (1-based); without it the
    file is read whole with ``newsitem.loads``.
``refused``
    For an input that is not a text story (a picture, a video, a package): words
    the error's message must contain (the error is a ParseError or ValidationError).
``fields``
    Otherwise, the checked fields and their values (``null`` means absent; only the
    fields listed are checked):

    - ``headline``, ``subheadline``, ``summary``, ``dateline``, ``located``, ``url``,
      ``guid``, ``language``, ``section``, ``genre``, ``slugline``, ``ednote``,
      ``rights_notice`` (the Rights notice): text, compared after collapsing runs of
      whitespace to one space;
    - ``version``, ``urgency``: integers;
    - ``bylines``: the authors' names in order (bylines of role ``author``; editors,
      contributors and others are not checked); ``byline_kinds``: their kinds
      (``person``, ``organisation``);
    - ``published``, ``updated``: ISO strings as canonical JSON writes them (offsets
      as sent, ``+00:00`` for UTC; a day is ``YYYY-MM-DD``);
    - ``source``, ``provider``: the name;
    - ``keywords``: the list; ``subjects``: each subject's code, or its name where it
      has no code; ``links``: ``[rel, uri]`` pairs, in order;
    - ``body_first``, ``body_last``: the text of the first and last body block;
      ``body_blocks``: how many blocks; ``body_kinds``: how many blocks of each kind
      (``heading``, ``quote``, ``list``, ``table``, ``preformatted``, ``figure``,
      ``paragraph``): the kinds named are compared, and the body may have no block of
      another kind than those named and ``paragraph``; ``body_words``: the number of
      words (whitespace-separated) of ``Story.text``, exactly or as ``[least, most]``
      where reading the page leaves a margin (which caption or byline line counts).
``overlap`` (optional)
    The least word-level ``precision`` and ``recall`` of ``Story.text`` against the
    expected body text, ``<stem>.body.txt`` beside the check (default 0.9 each; used
    where such a file exists, as for the news pages of ``html/``). The words are
    word runs (``\\w+``), case folded, compared as multisets: precision is the share of the
    story's words that are in the expected text, recall the share of the expected
    text's words that the story has.
``wrong`` (optional)
    ``{"field": "why the reader is known to get it wrong"}``: such a field must STILL
    be wrong (so a fix forces the file's update); used sparingly.

:func:`observed` maps a Story to these fields, :func:`check` compares, and
``python -m tests.corpus_report`` prints the figures per corpus folder.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import newsitem
from newsitem import formats
from newsitem.errors import NewsItemError, UnknownFormatError
from newsitem.model import (
    Block,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Role,
    Story,
    Table,
)

from .conftest import DATA, SHARED

CORPUS = SHARED / "corpus"
FOLDERS = ("newsml-g2", "ninjs", "nitf", "newsml-1.2", "html")
"""The corpus folders whose files this checks."""

TEXT_FIELDS = frozenset(
    {
        "headline",
        "subheadline",
        "summary",
        "dateline",
        "located",
        "url",
        "guid",
        "language",
        "section",
        "genre",
        "slugline",
        "ednote",
        "rights_notice",
        "body_first",
        "body_last",
        "source",
        "provider",
    }
)
FIELDS = TEXT_FIELDS | {
    "version",
    "urgency",
    "bylines",
    "byline_kinds",
    "published",
    "updated",
    "keywords",
    "subjects",
    "links",
    "body_blocks",
    "body_kinds",
    "body_words",
}
"""Every field a check may name."""

_KINDS: dict[type, str] = {
    Paragraph: "paragraph",
    Heading: "heading",
    Quote: "quote",
    ListBlock: "list",
    Table: "table",
    Preformatted: "preformatted",
    Figure: "figure",
}


def _when(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def _kind(block: Block) -> str:
    return _KINDS.get(type(block), type(block).__name__.lower())


def observed(story: Story) -> dict[str, Any]:
    """The checked fields of ``story``, as a field-check file writes them."""
    body = story.body
    authors = [b for b in story.bylines if b.role is Role.AUTHOR]
    return {
        "headline": story.headline,
        "subheadline": story.subheadline,
        "summary": story.summary,
        "bylines": [b.name for b in authors],
        "byline_kinds": [str(b.kind) for b in authors],
        "published": _when(story.published),
        "updated": _when(story.updated),
        "dateline": story.dateline,
        "located": story.located,
        "url": story.url,
        "guid": story.guid,
        "version": story.version,
        "language": story.language,
        "section": story.section,
        "genre": story.genre,
        "slugline": story.slugline,
        "urgency": story.urgency,
        "ednote": story.ednote,
        "source": story.source.name if story.source else None,
        "provider": story.provider.name if story.provider else None,
        "keywords": list(story.keywords),
        "subjects": [s.code if s.code is not None else s.name for s in story.subjects],
        "links": [[link.rel, link.uri] for link in story.links],
        "rights_notice": story.rights.notice if story.rights else None,
        "body_first": body[0].text if body else None,
        "body_last": body[-1].text if body else None,
        "body_blocks": len(body),
        "body_kinds": dict(Counter(_kind(block) for block in body)),
        "body_words": len(story.text.split()),
    }


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, list):
        return [_norm(item) for item in value]
    return value


def same(name: str, expected: Any, got: Any) -> bool:
    """Whether field ``name`` of a story (``got``) matches the check (``expected``)."""
    if name == "body_words" and isinstance(expected, list):
        return bool(expected[0] <= got <= expected[1])
    if name == "body_kinds":
        counts = dict(got)
        extra = {kind for kind, n in counts.items() if n and kind != "paragraph" and kind not in expected}
        return not extra and all(counts.get(kind, 0) == n for kind, n in expected.items())
    if name == "language" and isinstance(expected, str) and isinstance(got, str):
        return expected.casefold() == got.casefold()  # BCP 47: case carries no meaning (RFC 5646 2.1.1)
    return bool(_norm(expected) == _norm(got))


@dataclass(frozen=True)
class Check:
    """One field-check file, read."""

    path: Path
    source: str
    format: str
    part: int | None = None
    refused: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    wrong: dict[str, str] = field(default_factory=dict)
    overlap: dict[str, float] = field(default_factory=dict)

    @property
    def body_text(self) -> Path:
        """The expected body text beside the check (``<stem>.body.txt``), when there is one."""
        return self.path.with_name(self.stem + ".body.txt")

    def least(self, measure: str) -> float:
        """The least ``precision`` or ``recall`` the check accepts."""
        return float(self.overlap.get(measure, 0.9))

    @property
    def stem(self) -> str:
        """The corpus file's name without ``.fields.json``'s folder: ``dpa-eil``."""
        return self.path.name.removesuffix(".fields.json")

    @property
    def folder(self) -> str:
        """The corpus folder (``newsml-g2``)."""
        return self.source.split("/", 1)[0]

    @property
    def corpus_file(self) -> Path:
        """The raw file in ``../shared/corpus``."""
        return CORPUS / self.source


def load_check(path: Path) -> Check:
    """Read and validate a field-check file (unknown keys or fields are errors)."""
    data = json.loads(path.read_text("utf-8"))
    unknown = set(data) - {"source", "format", "part", "refused", "fields", "wrong", "overlap"}
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    if ("refused" in data) == ("fields" in data):
        raise ValueError(f"{path.name}: needs exactly one of 'refused' and 'fields'")
    fields_ = data.get("fields", {})
    bad = (set(fields_) | set(data.get("wrong", {}))) - FIELDS
    if bad:
        raise ValueError(f"{path.name}: unknown fields {sorted(bad)}")
    if not set(data.get("wrong", {})) <= set(fields_):
        raise ValueError(f"{path.name}: a 'wrong' field is not checked")
    return Check(
        path=path,
        source=data["source"],
        format=data["format"],
        part=data.get("part"),
        refused=data.get("refused"),
        fields=fields_,
        wrong=data.get("wrong", {}),
        overlap=data.get("overlap", {}),
    )


def checks() -> list[Check]:
    """Every field-check file of tests/data, sorted by path."""
    found: list[Check] = []
    for folder in FOLDERS:
        found.extend(load_check(p) for p in sorted((DATA / folder).glob("*.fields.json")))
    return found


def registered(name: str) -> bool:
    """Whether ``name`` is a registered format (NITF and NewsML 1.2 are being added)."""
    try:
        formats.get(name)
    except UnknownFormatError:
        return False
    return True


@dataclass
class Outcome:
    """What reading a checked file gave."""

    check: Check
    status: str
    """``read`` (a story), ``refused`` (the expected refusal), ``failed`` (anything else)."""
    error: str | None = None
    wrong: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Field -> (expected, got) for each field that differs."""
    right: int = 0
    precision: float | None = None
    """Word-level precision of the story's text against ``<stem>.body.txt`` (when present)."""
    recall: float | None = None
    """Word-level recall of the story's text against ``<stem>.body.txt`` (when present)."""

    @property
    def checked(self) -> int:
        """How many fields were checked."""
        return len(self.check.fields)


def _story(check: Check) -> Story:
    data = check.corpus_file.read_bytes()
    if check.part is None:
        return newsitem.loads(data, format=check.format)
    for part in newsitem.loads_all(data, check.format):
        if part.index == check.part:
            if part.error is not None:
                raise part.error
            assert part.story is not None
            return part.story
    raise LookupError(f"no part {check.part} in {check.source}")


def run(check: Check) -> Outcome:
    """Read the check's corpus file and compare (the caller ensures file and format exist)."""
    try:
        story = _story(check)
    except (NewsItemError, LookupError) as exc:
        message = str(exc)
        if check.refused is not None and check.refused.lower() in message.lower():
            return Outcome(check, "refused")
        return Outcome(check, "failed", error=f"{type(exc).__name__}: {message}")
    if check.refused is not None:
        return Outcome(check, "failed", error=f"read a story, expected a refusal: {check.refused!r}")
    got = observed(story)
    outcome = Outcome(check, "read")
    if check.body_text.exists():
        outcome.precision, outcome.recall = overlap(story.text, check.body_text.read_text("utf-8"))
    for name, expected in check.fields.items():
        if same(name, expected, got[name]):
            outcome.right += 1
        else:
            outcome.wrong[name] = (expected, got[name])
    return outcome


def words(text: str) -> Counter[str]:
    """The ``\\w+`` words of ``text``, case folded, with their counts."""
    return Counter(word.casefold() for word in re.findall(r"\w+", text))


def overlap(got: str, expected: str) -> tuple[float, float]:
    """Word-level (precision, recall) of ``got`` against ``expected`` (multisets of words);
    an empty side counts as 0 unless both are empty."""
    mine, theirs = words(got), words(expected)
    common = sum((mine & theirs).values())
    size_mine, size_theirs = sum(mine.values()), sum(theirs.values())
    if not size_mine and not size_theirs:
        return 1.0, 1.0
    return (common / size_mine if size_mine else 0.0, common / size_theirs if size_theirs else 0.0)


def covered() -> dict[str, set[str]]:
    """Per folder, the corpus file names that have a field-check file."""
    names: dict[str, set[str]] = {folder: set() for folder in FOLDERS}
    for check in checks():
        names[check.folder].add(Path(check.source).name)
    return names


def outcomes() -> Iterator[Outcome]:
    """Each check's outcome, skipping those whose file or format is missing."""
    for check in checks():
        if check.corpus_file.exists() and registered(check.format):
            yield run(check)
