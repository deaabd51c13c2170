"""newsitem.strategies reaches every corner of the model."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from newsitem import (
    BylineKind,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    PubStatus,
    Quote,
    Role,
    Story,
    Table,
)
from newsitem.model import is_uri
from newsitem.strategies import datetimes, lines, stories

# Generation only: shrinking a whole Story to a minimal example is slow and proves nothing here.
SEARCH = settings(max_examples=5000, database=None, phases=[Phase.generate], deadline=None)


def _lines(story: Story) -> list[str]:
    """The story's hostile-text carriers: its headline-like fields, names and keywords."""
    found = [story.headline, story.subheadline, story.dateline, *story.keywords]
    found += [b.name for b in story.bylines]
    return [text for text in found if text is not None]


def _paragraphs(story: Story) -> list[Paragraph]:
    return [block for block in story.body if isinstance(block, Paragraph)]


def _odd_offset(value: date | None) -> bool:
    if not isinstance(value, datetime):
        return False
    offset = value.utcoffset()
    return offset is not None and offset.seconds % 3600 != 0


CORNERS: list[tuple[str, Callable[[Story], bool]]] = [
    ("naive datetime", lambda s: isinstance(s.published, datetime) and s.published.tzinfo is None),
    ("aware datetime", lambda s: isinstance(s.published, datetime) and s.published.tzinfo is not None),
    ("a day without a time", lambda s: type(s.published) is date),
    ("offset with odd minutes", lambda s: _odd_offset(s.updated)),
    ("emphasis", lambda s: any(r.emphasis for p in _paragraphs(s) for r in p.runs)),
    ("link", lambda s: any(r.link for p in _paragraphs(s) for r in p.runs)),
    ("no headline", lambda s: s.headline is None),
    ("a heading", lambda s: any(isinstance(b, Heading) for b in s.body)),
    ("a quote with attribution", lambda s: any(isinstance(b, Quote) and b.attribution for b in s.body)),
    ("an ordered list", lambda s: any(isinstance(b, ListBlock) and b.ordered for b in s.body)),
    (
        "a table with a header and an empty cell",
        lambda s: any(isinstance(b, Table) and b.header_rows and "" in sum(b.rows, ()) for b in s.body),
    ),
    ("preformatted copy", lambda s: any(isinstance(b, Preformatted) for b in s.body)),
    ("a figure with a caption", lambda s: any(isinstance(b, Figure) and b.caption for b in s.body)),
    ("an organisation byline", lambda s: any(b.kind is BylineKind.ORGANISATION for b in s.bylines)),
    (
        "a QCode that is not a URI",
        lambda s: any(x.code is not None and not is_uri(x.code) for x in s.subjects),
    ),
    ("several bylines", lambda s: len(s.bylines) >= 2),
    ("a submitter", lambda s: any(b.role is Role.SUBMITTER for b in s.bylines)),
    ("a canceled story", lambda s: s.status is PubStatus.CANCELED),
    ("markup in a line", lambda s: any("<" in t for t in _lines(s))),
    ("right-to-left text", lambda s: any("\u0590" <= c <= "\u06ff" for t in _lines(s) for c in t)),
    ("a combining mark", lambda s: any("\u0301" in t for t in _lines(s))),
    ("a non-BMP character", lambda s: any(ord(c) > 0xFFFF for t in _lines(s) for c in t)),
    ("a leading space", lambda s: any(t.startswith(" ") for t in _lines(s))),
    ("extras", lambda s: len(s.extras) >= 2),
    ("rights with a licence", lambda s: s.rights is not None and s.rights.license is not None),
    ("many optional fields set", lambda s: None not in (s.summary, s.source, s.published, s.url, s.guid)),
    (
        "every optional field absent",
        lambda s: (
            (s.subheadline, s.summary, s.source, s.url, s.guid, s.urgency) == (None,) * 6 and not s.body
        ),
    ),
]


@pytest.mark.parametrize(("name", "condition"), CORNERS, ids=[c[0] for c in CORNERS])
def test_reaches(name: str, condition: Callable[[Story], bool]) -> None:
    """stories() can produce each kind of hard case."""
    found = find(stories(), condition, settings=SEARCH)
    assert condition(found)


def test_knobs() -> None:
    """aware-only and plain-only stories respect their knobs."""
    aware = find(stories(naive=False), lambda s: isinstance(s.published, datetime), settings=SEARCH)
    assert isinstance(aware.published, datetime) and aware.published.tzinfo is not None

    @given(stories(naive=False, marks=False, days=False, blocks=False))
    @settings(max_examples=50)
    def check(story: Story) -> None:
        for when in (story.published, story.updated, story.embargoed):
            assert when is None or (isinstance(when, datetime) and when.tzinfo is not None)
        assert all(isinstance(block, Paragraph) and block.is_plain for block in story.body)

    check()


@given(lines())
def test_lines_are_single_line(text: str) -> None:
    """lines() never yields CR, LF or TAB."""
    assert not set("\r\n\t") & set(text)


def test_datetimes_needs_a_kind() -> None:
    """Asking for neither naive nor aware is an error."""
    with pytest.raises(ValueError, match="needs naive or aware"):
        datetimes(naive=False, aware=False)


def test_from_type_uses_our_strategies() -> None:
    """The hypothesis entry point registers the model, so from_type gives valid stories."""
    story = find(st.from_type(Story), lambda s: isinstance(s.published, datetime), settings=SEARCH)
    assert isinstance(story.published, datetime)


def test_clear_import_error_without_hypothesis() -> None:
    """Without hypothesis, importing newsitem.strategies says what to install."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import newsitem.strategies\nexcept ImportError as e:\n    print(e)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "newsitem.strategies needs hypothesis: pip install hypothesis (or 'newsitem[test]')"
