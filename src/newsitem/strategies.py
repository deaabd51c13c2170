"""Hypothesis strategies for every valid value of the model.

Use them to test code that consumes or produces stories::

    from hypothesis import given
    from newsitem.strategies import stories

    @given(stories())
    def test_my_exporter_never_crashes(story):
        my_exporter(story)

The text is hostile on purpose: markup and entities (``<script>``, ``&amp;``,
``]]>``), quotes, non-BMP characters, right-to-left and bidi controls,
combining marks, non-breaking and leading or trailing spaces. Datetimes are
naive and aware, with odd offsets (``+05:45``, ``-00:01``, ``±14:00``). Optional
fields are absent or present in every combination.

Bodies hold every kind of block (paragraphs, headings, quotes, lists, tables,
preformatted copy, figures); stories come with and without a headline; bylines
credit people and organisations; subject codes are QCodes (``FIEG_Categories:CRO``)
and IRIs; ``published`` and ``updated`` may be a day without a time.

Knobs let a format exclude what it cannot carry: ``stories(naive=False)`` for a
format that needs an offset, ``stories(marks=False)`` for plain-text formats,
``stories(days=False)`` for a format that needs a time, ``stories(blocks=False)``
for paragraph-only bodies.

Importing this module needs hypothesis (``pip install hypothesis``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(
        "newsitem.strategies needs hypothesis: pip install hypothesis (or 'newsitem[test]')"
    ) from exc

from newsitem.model import (
    Block,
    Byline,
    BylineKind,
    Extras,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Preformatted,
    PubStatus,
    Quote,
    Rights,
    Role,
    Run,
    Source,
    Story,
    Subject,
    Table,
    is_code,
    is_uri,
)

__all__ = [
    "blocks",
    "bylines",
    "codes",
    "datetimes",
    "days",
    "extras",
    "figures",
    "headings",
    "languages",
    "lines",
    "links",
    "lists",
    "offsets",
    "paragraphs",
    "preformatted",
    "quotes",
    "rights",
    "runs",
    "sources",
    "stories",
    "subjects",
    "tables",
    "texts",
    "tokens",
    "uris",
]

HOSTILE = (
    "<script>alert(1)</script>",
    "</script>",
    "<b onmouseover=alert(1)>",
    "&amp;",
    "&",
    "&#0;",
    "<",
    ">",
    "]]>",
    "<!--",
    '"',
    "'",
    "\\",
    "{{x}}",
    "${x}",
    "javascript:alert(1)",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "שלום עולם",
    "مرحبا",
    "e\u0301",  # combining acute accent
    "\u0301",
    "\U0001d573",  # mathematical bold fraktur
    "\U0001f600",
    "\u2028",  # line separator: not LF, so allowed on one line
    "\ufeff",
    "\u00a0",
    " ",
    "  ",
    "\u00ad",  # soft hyphen
    "\x85",
)

_LINE_CHARS = st.characters(min_codepoint=0x20, exclude_categories=["Cs"], exclude_characters="\ufffe\uffff")
_TEXT_CHARS = st.characters(
    min_codepoint=0x20,
    exclude_categories=["Cs"],
    exclude_characters="\ufffe\uffff",
    include_characters="\t\n",
)
_TOKEN_CHARS = st.characters(
    min_codepoint=0x21,
    exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"],
    exclude_characters="\ufffe\uffff",
)
_ALIAS_CHARS = st.characters(
    min_codepoint=0x21,
    exclude_categories=["Cs", "Cc", "Zs", "Zl", "Zp"],
    exclude_characters="\ufffe\uffff:",
)


def _non_blank(value: str) -> bool:
    return bool(value.strip())


def _hostile(chars: st.SearchStrategy[str], max_pieces: int) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(HOSTILE), st.text(chars, min_size=1, max_size=12))
    return st.lists(piece, min_size=1, max_size=max_pieces).map("".join)


def lines(*, max_pieces: int = 5) -> st.SearchStrategy[str]:
    """Non-blank single-line text (no CR, LF or TAB), hostile pieces mixed in."""
    return _hostile(_LINE_CHARS, max_pieces).filter(_non_blank)


def texts(*, max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Non-blank multi-line text (LF and TAB allowed, never CR)."""
    chars = _TEXT_CHARS
    piece = st.one_of(
        st.sampled_from((*HOSTILE, "\n", "\n\n", "\t")), st.text(chars, min_size=1, max_size=12)
    )
    return st.lists(piece, min_size=1, max_size=max_pieces).map("".join).filter(_non_blank)


def tokens() -> st.SearchStrategy[str]:
    """Non-empty text without whitespace or control characters (guids, extras keys)."""
    return st.one_of(
        st.from_regex(r"[a-z]{2,8}\.[A-Za-z][A-Za-z0-9_.-]{0,15}", fullmatch=True),
        st.text(_TOKEN_CHARS, min_size=1, max_size=20),
    )


def uris() -> st.SearchStrategy[str]:
    """Absolute URIs: web addresses, QCodes, URNs, tags, odd schemes and hostile queries."""
    scheme = st.from_regex(r"[a-zA-Z][a-zA-Z0-9+.-]{0,6}", fullmatch=True)
    return st.one_of(
        st.sampled_from(
            (
                "https://example.com/news/2024/05/01/story.html",
                'http://example.org/?a=1&b=<2>&c="3"',
                "https://例え.jp/ニュース",
                "mailto:desk@example.com",
                "javascript:alert(1)",
                "medtop:20000002",
                "http://cv.iptc.org/newscodes/mediatopic/20000002",
                "urn:newsml:example.com:20240501:abc",
                "tag:example.com,2024:story-1",
                "https://creativecommons.org/licenses/by-sa/4.0/",
            )
        ),
        st.builds(
            lambda s, rest: f"{s}:{rest}", scheme, st.text(_TOKEN_CHARS, min_size=1, max_size=30)
        ).filter(is_uri),
        st.sampled_from(
            ("http://[2001:db8::1]/path", "https://example.com/a%20b#frag", "urn:isbn:0451450523")
        ),
    )


def languages() -> st.SearchStrategy[str]:
    """BCP 47-shaped language tags, case as given."""
    return st.one_of(
        st.sampled_from(("en", "en-GB", "pt-BR", "zh-Hant-TW", "sr-Latn", "de-CH-1996", "x-klingon", "EN")),
        st.from_regex(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True),
    )


def offsets() -> st.SearchStrategy[timezone]:
    """Fixed offsets of whole minutes within ±14:00, odd ones favoured."""
    minutes = st.one_of(
        st.sampled_from((0, 60, -300, 330, 345, 765, -570, 840, -840, 1, -1)),
        st.integers(min_value=-840, max_value=840),
    )
    return minutes.map(lambda m: timezone(timedelta(minutes=m)))


def datetimes(*, naive: bool = True, aware: bool = True) -> st.SearchStrategy[datetime]:
    """Datetimes the model holds: naive, or aware with a fixed whole-minute offset."""
    if not (naive or aware):
        raise ValueError("datetimes() needs naive or aware (or both)")
    zones: st.SearchStrategy[timezone | None]
    if naive and aware:
        zones = st.one_of(st.none(), offsets())
    elif aware:
        zones = offsets()
    else:
        zones = st.none()
    return st.datetimes(timezones=zones)


def days() -> st.SearchStrategy[date]:
    """Days without a time (``datetime.date``), for sources that give only the day."""
    return st.dates()


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


def bylines() -> st.SearchStrategy[Byline]:
    """Bylines with every role, with and without title and affiliation."""
    return st.builds(
        Byline,
        name=lines(),
        role=st.sampled_from(Role),
        kind=st.sampled_from(BylineKind),
        title=_optional(lines()),
        affiliation=_optional(lines()),
    )


def sources() -> st.SearchStrategy[Source]:
    """Sources with a name, a code or both, with or without a URL."""
    return st.one_of(
        st.builds(Source, name=lines(), url=_optional(uris()), code=_optional(lines())),
        st.builds(Source, name=st.none(), url=_optional(uris()), code=lines()),
    )


def rights() -> st.SearchStrategy[Rights]:
    """Rights with any non-empty combination of notice, holder, licence and terms."""
    parts = st.tuples(_optional(texts()), _optional(lines()), _optional(uris()), _optional(texts()))
    return parts.filter(lambda p: any(v is not None for v in p)).map(
        lambda p: Rights(notice=p[0], holder=p[1], license=p[2], terms=p[3])  # type: ignore[arg-type]
    )


def codes() -> st.SearchStrategy[str]:
    """Subject codes: QCodes (aliases with ``_``, ``.``, non-ASCII; codes with colons) and IRIs."""
    alias = st.text(_ALIAS_CHARS, min_size=1, max_size=12)
    return st.one_of(
        uris(),
        st.sampled_from(("FIEG_Categories:CRO", "medtop:20000002", "subj:15000000", "a.b_c:x:y:z", "ñ:ü")),
        st.builds(lambda a, c: f"{a}:{c}", alias, st.text(_TOKEN_CHARS, min_size=1, max_size=12)).filter(
            is_code
        ),
    )


def subjects() -> st.SearchStrategy[Subject]:
    """Subjects with a code, a name or both."""
    return st.one_of(
        st.builds(Subject, code=codes(), name=_optional(lines())),
        st.builds(Subject, code=st.none(), name=lines()),
    )


def runs(*, marks: bool = True) -> st.SearchStrategy[Run]:
    """Runs of text, whitespace-only ones included, with any marks."""
    text = st.one_of(_hostile(_TEXT_CHARS, 4), st.sampled_from((" ", "\n", "\t ")))
    if not marks:
        return st.builds(Run, text=text)
    return st.builds(
        Run,
        text=text,
        emphasis=st.booleans(),
        strong=st.booleans(),
        link=_optional(uris()),
    )


def paragraphs(*, marks: bool = True) -> st.SearchStrategy[Paragraph]:
    """Paragraphs of one or more runs (canonicalised by the model)."""
    return (
        st.lists(runs(marks=marks), min_size=1, max_size=6)
        .filter(lambda rs: _non_blank("".join(r.text for r in rs)))
        .map(lambda rs: Paragraph(runs=rs))
    )


def headings(*, marks: bool = True) -> st.SearchStrategy[Heading]:
    """Subheads of levels 2 to 6, with the runs of a paragraph."""
    return st.builds(
        lambda p, level: Heading(runs=p.runs, level=level),
        paragraphs(marks=marks),
        st.integers(min_value=2, max_value=6),
    )


def quotes(*, marks: bool = True) -> st.SearchStrategy[Quote]:
    """Block quotes of one to three paragraphs, with or without an attribution."""
    return st.builds(
        Quote,
        body=st.lists(paragraphs(marks=marks), min_size=1, max_size=3).map(tuple),
        attribution=_optional(lines()),
    )


def lists(*, marks: bool = True) -> st.SearchStrategy[ListBlock]:
    """Bulleted and numbered lists of one to four items."""
    return st.builds(
        ListBlock,
        items=st.lists(paragraphs(marks=marks), min_size=1, max_size=4).map(tuple),
        ordered=st.booleans(),
    )


def _cells() -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), lines(max_pieces=2), st.sampled_from((" ", "12", "3-1", "W 2-0")))


def tables() -> st.SearchStrategy[Table]:
    """Tables of one to four rows, ragged ones and empty cells included, with 0 or more header rows."""

    def build(rows: list[list[str]], header: int) -> Table:
        return Table(rows=rows, header_rows=min(header, len(rows)))

    rows = st.lists(st.lists(_cells(), min_size=1, max_size=4), min_size=1, max_size=4).filter(
        lambda rs: any(cell.strip() for row in rs for cell in row)
    )
    return st.builds(build, rows, st.integers(min_value=0, max_value=2))


def preformatted() -> st.SearchStrategy[Preformatted]:
    """Preformatted copy: lines with their spaces and TABs."""
    return st.builds(Preformatted, text=texts())


def figures() -> st.SearchStrategy[Figure]:
    """Figures by URI, with or without caption, credit and text alternative."""
    return st.builds(
        Figure, uri=uris(), caption=_optional(lines()), credit=_optional(lines()), alt=_optional(lines())
    )


def links() -> st.SearchStrategy[Link]:
    """Links by URI, with the default or another relation, with or without media type and title."""
    rels = st.one_of(
        st.just("related"), st.sampled_from(["irel:seeAlso", "irel:source", "picture"]), lines(max_pieces=2)
    )
    return st.builds(
        Link, uri=uris(), rel=rels, media_type=_optional(lines(max_pieces=1)), title=_optional(lines())
    )


def blocks(*, marks: bool = True) -> st.SearchStrategy[Block]:
    """Body blocks of every kind, paragraphs the most often."""
    return st.one_of(
        paragraphs(marks=marks),
        headings(marks=marks),
        quotes(marks=marks),
        lists(marks=marks),
        tables(),
        preformatted(),
        figures(),
    )


def extras() -> st.SearchStrategy[Extras]:
    """Extras with unique keys, in any order."""
    pairs = st.lists(st.tuples(tokens(), texts()), max_size=4, unique_by=lambda kv: kv[0])
    return pairs.map(Extras)


def _story(**fields: object) -> Story:
    # A story needs a headline, a body or a summary; give the rare draw without any a headline.
    if fields["headline"] is None and not fields["body"] and fields["summary"] is None:
        fields["headline"] = "Headline"
    return Story(**fields)  # type: ignore[arg-type]


def stories(
    *, naive: bool = True, aware: bool = True, marks: bool = True, days: bool = True, blocks: bool = True
) -> st.SearchStrategy[Story]:
    """Every valid story, optional fields absent and present in all combinations.

    Args:
        naive: Generate naive datetimes.
        aware: Generate aware datetimes.
        marks: Generate inline marks (emphasis, strong, links) in paragraphs.
        days: Generate days without a time for ``published`` and ``updated``.
        blocks: Generate every kind of body block (False: paragraphs only).
    """
    when = _optional(datetimes(naive=naive, aware=aware))
    day_or_when = st.one_of(when, _days()) if days else when
    body = _blocks(marks=marks) if blocks else paragraphs(marks=marks)
    return st.builds(
        _story,
        headline=_optional(lines()),
        subheadline=_optional(lines()),
        summary=_optional(texts()),
        bylines=st.lists(bylines(), max_size=3).map(tuple),
        source=_optional(sources()),
        provider=_optional(sources()),
        published=day_or_when,
        updated=day_or_when,
        embargoed=when,
        dateline=_optional(lines()),
        located=_optional(lines()),
        section=_optional(lines()),
        genre=_optional(lines()),
        keywords=st.lists(lines(max_pieces=2), max_size=4).map(tuple),
        subjects=st.lists(subjects(), max_size=3).map(tuple),
        slugline=_optional(lines()),
        priority=_optional(lines(max_pieces=1)),
        ednote=_optional(texts()),
        urgency=_optional(st.integers(min_value=1, max_value=9)),
        status=st.sampled_from(PubStatus),
        language=_optional(languages()),
        url=_optional(uris()),
        links=st.lists(links(), max_size=3).map(tuple),
        rights=_optional(rights()),
        guid=_optional(tokens()),
        version=st.one_of(st.just(1), st.integers(min_value=1, max_value=2**31)),
        body=st.lists(body, max_size=4).map(tuple),
        extras=extras(),
    )


_days = days
_blocks = blocks
