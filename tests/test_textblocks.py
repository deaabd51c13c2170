"""Body blocks as plain text lines (layouts/_textblocks): the renderings, reading them back, projections."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsitem import (
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Run,
    Table,
)
from newsitem.formats.layouts import _textblocks as tb
from newsitem.model import Block
from newsitem.strategies import blocks

WORDS = st.text(alphabet="abcdefghijKLMNOPQR0123456789", min_size=1, max_size=8)
LINE = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)
TEXT = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
CELL = st.one_of(st.just(""), LINE, st.sampled_from(["a|b", "---", " pad ", "back\\slash", ":--:"]))


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    rows = draw(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=4))
    if not any(cell.strip() for row in rows for cell in row):
        rows[0][0] = "x"
    return Table(rows=rows, header_rows=draw(st.integers(0, len(rows))))


WELL_FORMED = st.one_of(
    TEXT.map(Paragraph.plain),
    st.builds(lambda t, n: Heading(runs=[t], level=n), LINE, st.integers(2, 6)),
    st.builds(
        lambda body, who: Quote(body=body, attribution=who),
        st.lists(TEXT, min_size=1, max_size=3),
        st.none() | LINE,
    ),
    st.builds(lambda items: ListBlock(items=items), st.lists(TEXT, min_size=1, max_size=4)),
    st.builds(lambda items: ListBlock(items=items, ordered=True), st.lists(TEXT, min_size=2, max_size=12)),
    _tables(),
    st.builds(
        Preformatted,
        text=st.lists(st.sampled_from(["  a\tb", "", "```", "x  ", "    ", "````"]), min_size=1, max_size=6)
        .map("\n".join)
        .filter(str.strip),
    ),
    st.builds(
        lambda c, cr, a: Figure(uri="https://example.com/p.jpg", caption=c, credit=cr, alt=a),
        st.none() | LINE,
        st.none() | LINE,
        st.none() | LINE,
    ),
)
"""Blocks whose text holds none of the marks: each reads back exactly."""


class TestRendering:
    """What each block kind looks like as lines."""

    @pytest.mark.parametrize(
        ("block", "lines"),
        [
            (Paragraph.plain("One.\nTwo."), ["One.", "Two."]),
            (Heading(runs=["Next steps"], level=3), ["### Next steps"]),
            (
                Quote(body=["We will.", "Soon."], attribution="Mary Oliver"),
                ["> We will.", ">", "> Soon.", "— Mary Oliver"],
            ),
            (ListBlock(items=["eggs", "milk\nfresh"]), ["- eggs", "- milk", "  fresh"]),
            (ListBlock(items=["a", "b"], ordered=True), ["1. a", "2. b"]),
            (
                Table(rows=[["Team", "W"], ["Ajax", ""], ["a|b"]], header_rows=1),
                ["| Team | W |", "|---|---|", "| Ajax |  |", "| a\\|b |"],
            ),
            (Preformatted(text="  a\tb\n\n```"), ["````", "  a\tb", "", "```", "````"]),
            (
                Figure(uri="https://e.org/p.jpg", caption="A cat", alt="cat"),
                ["Figure: https://e.org/p.jpg", "Caption: A cat", "Alt: cat"],
            ),
        ],
    )
    def test_each_kind_renders_by_its_convention_and_reads_back(self, block: Block, lines: list[str]) -> None:
        """A block's lines are the documented convention, and they read back as the block."""
        assert tb.render_block(block) == lines
        assert tb.parse(lines) == [block]

    def test_render_puts_one_blank_line_between_blocks(self) -> None:
        """Two blocks are separated by exactly one blank line, with none at the ends."""
        assert tb.render([Paragraph.plain("a"), Heading(runs=["b"])]) == ["a", "", "## b"]

    def test_marks_are_dropped(self) -> None:
        """Inline marks are not written: a text layout carries plain text."""
        block = Paragraph(runs=[Run(text="bold", strong=True), " text"])
        assert tb.render_block(block) == ["bold text"]
        assert tb.plain(block) == Paragraph.plain("bold text")


class TestReading:
    """Lines of real-looking copy back to blocks."""

    def test_paragraph_lines_go_through_the_layouts_hook(self) -> None:
        """A block of paragraph lines is read by the layout's hook (here: soft wraps joined)."""
        got = tb.parse(["a wrapped", "line", "", "- x"], paragraph=lambda ls: [" ".join(ls)])
        assert got == [Paragraph.plain("a wrapped line"), ListBlock(items=["x"])]

    def test_star_and_bullet_lists_read(self) -> None:
        """``*`` and ``•`` bullets (press-release mail) read as a bulleted list."""
        assert tb.parse(["* a", "* b"]) == [ListBlock(items=["a", "b"])]
        assert tb.parse(["• a"]) == [ListBlock(items=["a"])]

    def test_a_paragraph_opening_with_a_number_is_not_a_list(self) -> None:
        """``1. FC Köln ...`` is a paragraph: a numbered list counts 1, 2, ... over two items at least."""
        assert tb.parse(["1. FC Köln gewinnt."]) == [Paragraph.plain("1. FC Köln gewinnt.")]
        assert tb.parse(["1. a", "3. b"]) == [Paragraph.plain("1. a\n3. b")]

    def test_an_unclosed_fence_is_text(self) -> None:
        """A fence line no line closes is paragraph text, not the start of preformatted copy."""
        assert tb.parse(["```", "x"]) == [Paragraph.plain("```\nx")]

    def test_a_figure_needs_a_uri(self) -> None:
        """``Photo: AP`` (a credit) is text; ``Photo: https://...`` is a figure."""
        assert tb.parse(["Photo: AP"]) == [Paragraph.plain("Photo: AP")]
        assert tb.parse(["Photo: https://e.org/a.jpg"]) == [Figure(uri="https://e.org/a.jpg")]

    def test_a_cell_the_model_refuses_leaves_the_lines_text(self) -> None:
        """A pipe row holding a TAB is not a table the model takes: the block stays a paragraph."""
        assert tb.parse(["| a\tb |"]) == [Paragraph.plain("| a\tb |")]

    def test_numbered_gives_each_blocks_first_line(self) -> None:
        """parse_numbered gives the index of each block's first line (for the draft's positions)."""
        got = tb.parse_numbered(["a", "", "", "```", "x", "", "```", "", "## h"])
        assert [index for _, index in got] == [0, 3, 8]

    def test_reading_is_linear_in_fences(self) -> None:
        """Many unclosed fences do not make reading quadratic (each line is looked at a bounded number of times)."""
        lines = ["````", ""] + ["```", "x", "```", ""] * 20_000
        started = time.process_time()
        got = tb.parse(lines)
        assert time.process_time() - started < 2  # about 0.2 s; a rescan per fence is 10^9 steps
        assert got == [Paragraph.plain("````")] + [Preformatted(text="x")] * 20_000

    def test_a_fence_around_blank_lines_is_text(self) -> None:
        """Fences around nothing but blank lines are no preformatted copy (the model refuses blank text)."""
        assert tb.parse(["```", "", "```"]) == [Paragraph.plain("```")] * 2


class TestRoundTrip:
    """Properties over blocks."""

    @given(st.lists(WELL_FORMED, min_size=1, max_size=5))
    def test_well_formed_blocks_read_back_exactly(self, body: list[Block]) -> None:
        """Blocks whose text holds none of the conventions' marks read back as themselves."""
        assert tb.parse(tb.render(body)) == body

    @given(st.lists(blocks(), min_size=1, max_size=5))
    def test_any_blocks_settle_after_one_reading(self, body: list[Block]) -> None:
        """Whatever the text holds, what is read back once reads back as itself (a projection stands)."""
        once = tb.parse(tb.render(body))
        assert tb.parse(tb.render(once)) == once

    @given(blocks())
    def test_projection_keeps_the_kind_when_the_layout_can_say_it(self, block: Block) -> None:
        """With every kind kept, the projection is the block without marks; with paragraphs only, plain paragraphs."""
        assert tb.projection(block) == (tb.plain(block),)
        projected = tb.projection(block, keeps={Paragraph})
        assert all(type(p) is Paragraph and p.is_plain for p in projected)
        assert "\n\n".join(p.text for p in projected).split() == block.text.split()
