"""The model's new shapes: body blocks, organisation bylines, QCodes, days, containers and minted guids."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from datetime import UTC, date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import (
    Byline,
    BylineKind,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Part,
    Preformatted,
    Quote,
    Run,
    Story,
    Subject,
    Table,
    ValidationError,
)
from newsitem.errors import ParseError, UsageError
from newsitem.model import is_code, is_uri
from newsitem.strategies import blocks, stories


def problem(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str]:
    """The one problem's path and message."""
    (only,) = exc.value.problems
    return only.path, only.message


class TestHeadline:
    def test_headline_is_optional_when_there_is_a_body(self) -> None:
        """A poem without a headline is a story with headline None."""
        story = Story(body=[Paragraph.plain("Two roads diverged")])
        assert story.headline is None and story.text == "Two roads diverged"

    def test_a_summary_alone_is_enough(self) -> None:
        """An alert with only a summary is a story."""
        assert Story(summary="Quake hits").summary == "Quake hits"

    def test_blank_headline_still_refused(self) -> None:
        """An empty headline is an absent one, so it is None, never ''."""
        with pytest.raises(ValidationError) as exc:
            Story(headline="", body=["x"])
        assert problem(exc)[0] == "Story.headline"


class TestDisplayTitle:
    def test_headline_first(self) -> None:
        """A story with a headline shows it."""
        assert Story(headline="Rain", summary="x").display_title == "Rain"

    def test_first_words_cut_between_words(self) -> None:
        """Without a headline, the first words of the summary or body, cut at 70 characters."""
        words = "Two roads diverged in a yellow wood, and sorry I could not travel both and be one traveler"
        title = Story(body=[Heading(runs=["Poem"]), Paragraph.plain(words)]).display_title
        assert title.endswith("…") and len(title) <= 71 and ("Poem " + words).startswith(title[:-1])
        assert title.startswith("Poem Two roads")
        assert Story(summary="Quake\nhits").display_title == "Quake hits"

    def test_a_figure_without_words(self) -> None:
        """A story with nothing to say in words still has a title."""
        assert Story(body=[Figure(uri="https://example.com/a.jpg")]).display_title == "(untitled)"


class TestBlocks:
    def test_heading_takes_strings_and_merges_runs(self) -> None:
        """A heading canonicalises its runs as a paragraph does."""
        heading = Heading(runs=["What ", "next", Run(text="?", strong=True)], level=3)
        assert heading.runs == (Run(text="What next"), Run(text="?", strong=True))
        assert heading.text == "What next?"

    @pytest.mark.parametrize("level", [1, 7, "2", True])
    def test_heading_level_range(self, level: object) -> None:
        """A heading's level is an integer from 2 to 6."""
        with pytest.raises(ValidationError) as exc:
            Heading(runs=["x"], level=level)  # type: ignore[arg-type]
        assert problem(exc)[0] == "Heading.level"

    def test_quote_and_list_take_strings_as_paragraphs(self) -> None:
        """Strings stand for plain paragraphs in quotes and lists."""
        quote = Quote(body=["a", Paragraph.plain("b")], attribution="Mary Oliver")
        assert quote.body == (Paragraph.plain("a"), Paragraph.plain("b"))
        assert quote.text == "a\n\nb\n\n— Mary Oliver"
        assert ListBlock(items=["x", "y"], ordered=True).text == "1. x\n2. y"
        assert ListBlock(items=["x"]).text == "- x"

    @pytest.mark.parametrize(
        ("build", "path", "message"),
        [
            (lambda: Quote(body=()), "Quote.body", "must hold at least one Paragraph"),
            (lambda: ListBlock(items=[]), "ListBlock.items", "must hold at least one Paragraph"),
            (lambda: ListBlock(items=[5]), "ListBlock.items[0]", "expected a Paragraph"),
            (lambda: ListBlock(items=["x"], ordered=1), "ListBlock.ordered", "expected True or False"),
            (lambda: Table(rows=[]), "Table.rows", "at least one row"),
            (lambda: Table(rows=[[]]), "Table.rows[0]", "at least one cell"),
            (lambda: Table(rows=[["", " "]]), "Table.rows", "must hold some text"),
            (lambda: Table(rows=[["a\tb"]]), "Table.rows[0][0]", "U+0009 (TAB) at index 1"),
            (lambda: Table(rows=[["a", 1]]), "Table.rows[0][1]", "expected a string"),
            (
                lambda: Table(rows=[["a"]], header_rows=2),
                "Table.header_rows",
                "from 0 to the number of rows (1)",
            ),
            (lambda: Table(rows="ab"), "Table.rows", "expected a sequence of rows"),
            (lambda: Table(rows=["ab"]), "Table.rows[0]", "expected a sequence of cells"),
            (lambda: Preformatted(text=" \n "), "Preformatted.text", "blank"),
            (lambda: Preformatted(text="a\rb"), "Preformatted.text", "CR"),
            (lambda: Figure(uri="not a uri"), "Figure.uri", "absolute URI"),
            (lambda: Figure(uri=None), "Figure.uri", "needs the URI"),  # type: ignore[arg-type]
            (lambda: Story(body=[{"text": "x"}]), "Story.body[0]", "expected a body block"),
        ],
    )
    def test_rules(self, build: Any, path: str, message: str) -> None:
        """Each block refuses what it cannot hold, naming the field and the rule."""
        with pytest.raises(ValidationError) as exc:
            build()
        got_path, got_message = problem(exc)
        assert got_path == path and message in got_message, got_message

    def test_table_keeps_cells_as_sent(self) -> None:
        """Empty cells, spaces and ragged rows are kept; the text is TAB-separated rows."""
        table = Table(rows=[["Team", "W", "L"], ["  Ajax", "", "3"], ["note"]], header_rows=1)
        assert table.rows[1] == ("  Ajax", "", "3") and table.text == "Team\tW\tL\n  Ajax\t\t3\nnote"

    def test_preformatted_keeps_spacing(self) -> None:
        """Preformatted text keeps leading spaces and TABs."""
        assert Preformatted(text="  a\tb\n   c").text == "  a\tb\n   c"

    def test_story_body_takes_strings_as_paragraphs(self) -> None:
        """A string in a story's body is a plain paragraph, as in quotes and lists."""
        assert Story(body=["a", Heading(runs=["h"])]).body == (Paragraph.plain("a"), Heading(runs=["h"]))

    def test_story_text_renders_every_block(self) -> None:
        """Story.text is a plain rendering of every block, a figure by its caption."""
        story = Story(
            body=[
                Heading(runs=["Sub"]),
                Paragraph.plain("P"),
                Figure(uri="https://example.com/a.jpg", caption="A dog"),
                Figure(uri="https://example.com/b.jpg"),
                Table(rows=[["a", "b"]]),
            ]
        )
        assert story.text == "Sub\n\nP\n\nA dog\n\na\tb"

    @given(blocks())
    def test_blocks_are_frozen_hashable_and_pickle(self, block: Any) -> None:
        """Every generated block is frozen, hashable, equal to its pickled copy and rebuilt by evolve."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            block.text = "x"
        assert hash(block) == hash(pickle.loads(pickle.dumps(block)))
        assert attrs.evolve(block) == block


class TestBylineKind:
    @pytest.mark.parametrize("value", ["organisation", "organization", BylineKind.ORGANISATION])
    def test_strings_are_accepted(self, value: object) -> None:
        """Both spellings and the member give an organisation."""
        assert Byline(name="Reuters", kind=value).kind is BylineKind.ORGANISATION  # type: ignore[arg-type]

    def test_default_is_person_and_others_refused(self) -> None:
        """A byline is a person unless said otherwise; another kind names the allowed values."""
        assert Byline(name="Ana").kind is BylineKind.PERSON
        with pytest.raises(ValidationError) as exc:
            Byline(name="Ana", kind="robot")  # type: ignore[arg-type]
        assert problem(exc) == (
            "Byline.kind",
            "expected a BylineKind ('person', 'organisation'), got 'robot' (str)",
        )


class TestCodes:
    @pytest.mark.parametrize(
        "code",
        [
            "FIEG_Categories:CRO",
            "medtop:20000002",
            "a.b:c:d",
            "ñ:ü",
            "http://cv.iptc.org/newscodes/x/1",
            "urn:x:y",
        ],
    )
    def test_qcodes_and_iris(self, code: str) -> None:
        """QCodes whose alias a URI scheme could not hold, and IRIs, are subject codes."""
        assert is_code(code) and Subject(code=code).code == code

    def test_a_qcode_is_not_a_uri(self) -> None:
        """The ANSA QCode is a code but not a URI, which is why codes have their own rule."""
        assert not is_uri("FIEG_Categories:CRO")

    @pytest.mark.parametrize("code", ["politics", ":x", "x:", "a b:c", "a:b c", "a:\x00", 5])
    def test_not_codes(self, code: object) -> None:
        """A code needs an alias, a colon and a code, with no white space or control characters."""
        assert not is_code(code)


class TestDays:
    def test_a_day_is_kept_as_a_day(self) -> None:
        """published and updated hold a date without inventing midnight."""
        story = Story(headline="x", published=date(2017, 7, 27), updated=date(2020, 1, 16))
        assert type(story.published) is date and type(story.updated) is date

    def test_a_day_never_equals_midnight(self) -> None:
        """A day and the midnight starting it are different stories."""
        day = Story(headline="x", published=date(2017, 7, 27))
        assert day != Story(headline="x", published=datetime(2017, 7, 27))
        assert day == Story(headline="x", published=date(2017, 7, 27))

    def test_embargo_needs_a_time(self) -> None:
        """An embargo is a moment, so a day alone is refused."""
        with pytest.raises(ValidationError) as exc:
            Story(headline="x", embargoed=date(2017, 7, 27))  # type: ignore[arg-type]
        assert problem(exc)[0] == "Story.embargoed"


def test_validate_require_headline_insists(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A headline-less story is valid, and validate --require headline is how a pipeline insists on one."""
    from newsitem.cli import main

    path = tmp_path / "poem.json"
    path.write_text(newsitem.dumps(Story(body=["Two roads diverged"])))  # type: ignore[arg-type]
    assert main(["validate", str(path), "--output", "jsonl"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path), "--require", "headline", "--output", "jsonl"]) == 1
    (finding,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (finding["rule"], finding["path"]) == ("NI101", "headline")


class TestPart:
    def test_exactly_one_of_story_and_error(self) -> None:
        """A part holds a story or an error, never both or neither."""
        with pytest.raises(UsageError):
            Part(index=1, layout="json")
        with pytest.raises(UsageError):
            Part(index=1, layout="json", story=Story(headline="x"), error=ParseError("bad"))

    def test_locator_and_unwrap(self) -> None:
        """The locator is name#index, and unwrap raises the part's error."""
        error = ParseError("not a text item")
        part = Part(index=2, layout="newsml-g2", error=error, source="feed.xml")
        assert part.locator == "feed.xml#2"
        with pytest.raises(ParseError, match="not a text item"):
            part.unwrap()
        good = Part(index=1, layout="json", story=Story(headline="x"))
        assert good.locator == "#1" and good.unwrap() == Story(headline="x")

    def test_loads_all_of_a_single_story_gives_one_named_part(self) -> None:
        """A format without containers gives one part, numbered 1, with the caller's name."""
        data = newsitem.dumps(Story(headline="One"), format="html")
        (part,) = newsitem.loads_all(data, format="html", name="one.html")
        assert (part.locator, part.layout, part.unwrap().headline) == ("one.html#1", "html", "One")


# Pinned: the recipe is a contract (see newsitem._identity); a change here is a breaking change.
PINNED = [
    (Story(headline="Rain", url="https://example.com/rain"), "urn:uuid:259abb5b-5ab5-5d65-80b1-911fba8a7398"),
    (
        Story(
            body=["Two roads diverged"],
            published=date(2020, 1, 16),
            bylines=[Byline(name="Reuters", kind="organisation")],
        ),
        "urn:uuid:3c8228b0-9392-5384-8463-4af5ffef85a8",
    ),
]


class TestMintGuid:
    @pytest.mark.parametrize(("story", "expected"), PINNED)
    def test_pinned_values(self, story: Story, expected: str) -> None:
        """mint_guid gives the documented value for a known story."""
        assert newsitem.mint_guid(story) == expected

    def test_url_names_every_version(self) -> None:
        """Two versions of a story at one URL share the guid; the story's own guid is ignored."""
        first = Story(headline="Rain", url="https://example.com/rain")
        later = attrs.evolve(first, headline="Heavy rain", version=2, guid="urn:x")
        assert newsitem.mint_guid(first) == newsitem.mint_guid(later)

    def test_content_guid_ignores_guid_and_tells_stories_apart(self) -> None:
        """Without a URL the guid comes from the content: equal stories agree, different ones differ."""
        a = Story(headline="Rain", published=datetime(2024, 5, 1, 9, tzinfo=UTC))
        assert newsitem.mint_guid(a) == newsitem.mint_guid(attrs.evolve(a, guid="urn:already"))
        assert newsitem.mint_guid(a) != newsitem.mint_guid(attrs.evolve(a, headline="Snow"))
        assert newsitem.mint_guid(a).startswith("urn:uuid:")

    def test_stable_across_processes(self) -> None:
        """Another interpreter (another hash seed) mints the same guid for the same story."""
        code = (
            "import newsitem, datetime as d\n"
            "s = newsitem.Story(headline='Rain', body=['a'], published=d.date(2020, 1, 16))\n"
            "print(newsitem.mint_guid(s))"
        )
        runs = {
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
            ).stdout
            for seed in ("1", "2")
        }
        here = newsitem.mint_guid(Story(headline="Rain", body=["a"], published=date(2020, 1, 16)))
        assert runs == {here + "\n"}

    @given(stories(), stories())
    def test_different_stories_differ(self, a: Story, b: Story) -> None:
        """Stories that differ in more than their guid get different guids."""
        if attrs.evolve(a, guid=None) != attrs.evolve(b, guid=None) and a.url is None and b.url is None:
            assert newsitem.mint_guid(a) != newsitem.mint_guid(b)


@given(st.data())
def test_every_generated_story_is_valid(data: st.DataObject) -> None:
    """stories() only builds stories the model accepts, with something to show."""
    story = data.draw(stories())
    assert story.headline is not None or story.body or story.summary is not None
