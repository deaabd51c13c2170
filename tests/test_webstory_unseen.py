"""Issue 18: web-story pages nobody here wrote: the three page variants, the print view's
header and footer, untitled pages and an author's place."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import newsitem
from newsitem import Byline, Link, Paragraph, Role, SerializeError, Source, Story
from newsitem.formats import available, load_module
from newsitem.formats._decode import decode, wide_text
from newsitem.formats.layouts import webstory

from .conftest import DATA

SAMPLES = DATA / "web-story"
OWN = sorted(SAMPLES.glob("ws2[5-9]-*.txt")) + sorted(SAMPLES.glob("ws3[0-9]-*.txt"))
OTHER_TEXT_LAYOUTS = tuple(info.name for info in available() if info.layout and info.name != "web-story")


def _text(path: Path) -> str:
    """The file's text as detection decodes it."""
    return decode(wide_text(path.read_bytes()), layout="detect", controls=True)[0]


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


BYLINE = "by baz Friday, Dec 22 2017, 2:02am"


class TestVariants:
    """The full page, the print view and the plain variant read alike."""

    def test_plain_variant_category_starts_on_the_byline_line(self) -> None:
        """The plain variant's category path, begun on the byline line, is read over the next lines."""
        story = webstory.loads(_page("Headline", BYLINE + " international /", "prose /", "post", "Body."))
        assert (story.headline, story.section, story.genre) == ("Headline", "international", "prose")
        assert story.extras["web-story.type"] == "post"
        assert story.body == (Paragraph.plain("Body."),)

    def test_plain_variant_whole_category_on_the_byline_line(self) -> None:
        """A whole one-line path after the byline's date gives region, topic and type."""
        story = webstory.loads(
            _page("Headline", BYLINE + " national / politics / elections / press release", "Body.")
        )
        assert (story.section, story.genre) == ("national", "politics / elections")
        assert story.extras["web-story.type"] == "press release"
        assert story.published == datetime(2017, 12, 22, 2, 2)

    def test_text_after_the_date_that_is_no_category_is_no_byline(self) -> None:
        """A 'by' line whose date is followed by prose, not a category path, is not a byline line."""
        assert webstory.sniff(_page("Headline", BYLINE + " and then we left")) is None

    def test_source_holding_a_date_still_reads(self) -> None:
        """A source name holding a stamp of its own leaves the byline's own date at the end."""
        story = webstory.loads(
            _page("H", "by a - Monday, Jan 2 2017, 3:04am Friday, Dec 22 2017, 2:02am", "Body.")
        )
        assert story.source == Source(name="Monday, Jan 2 2017, 3:04am")
        assert story.published == datetime(2017, 12, 22, 2, 2)

    @pytest.mark.parametrize(
        ("name", "variant"),
        [
            ("ws25-plain-category-on-byline-line", "plain"),
            ("ws26-plain-untitled-one-line-category", "plain, untitled"),
            ("ws27-print-view-header-and-footer", "print view"),
            ("ws31-full-page", "full page"),
        ],
    )
    def test_each_variant_has_a_sample_detected_as_web_story(self, name: str, variant: str) -> None:
        """Each page variant's own sample is detected as a web story and read to its expected story."""
        path = SAMPLES / f"{name}.txt"
        assert newsitem.detect(path.read_bytes()).layout == "web-story", variant
        assert newsitem.parse(path.read_bytes()) == newsitem.load(path.with_suffix(".expected.json"))

    def test_untitled_page_on_line_one_sniffs_with_its_reason(self) -> None:
        """A byline line opening the page is claimed, and the reason says the page is untitled."""
        found = webstory.sniff(_page(BYLINE, "Body."))
        assert found is not None
        assert found[0] == 0.9
        assert "untitled" in found[1]


class TestPrintView:
    """The print view's header and footer are page furniture, never headline or body."""

    @pytest.mark.parametrize(
        "header",
        [
            "Jungle Drum Prose/Poetry     jungledrum.lingama.net/news",
            "Jungle Drum Prose/Poetry\tjungledrum.lingama.net/news",
            "Jungle Drum Prose/Poetry\u00a0\u00a0jungledrum.lingama.net/news",
            "Independent Media Centre Ireland     http://www.indymedia.ie",
        ],
    )
    def test_header_of_an_untitled_page_is_no_headline(self, header: str) -> None:
        """A print header (title and address apart by spaces, a tab or NBSPs) above an untitled story is dropped."""
        story = webstory.loads(_page(header, "", BYLINE, "international / prose / poem", "", "A verse."))
        assert story.headline is None
        assert story.body == (Paragraph.plain("A verse."),)

    def test_single_spaced_header_opening_the_page(self) -> None:
        """A header with one space before its http address, opening the page above a blank line, is no headline."""
        story = webstory.loads(_page("Jungle Drum https://jungledrum.example/news", "", BYLINE, "", "Verse."))
        assert story.headline is None

    @pytest.mark.parametrize(
        "header",
        ["Jungle Drum Prose/Poetry https://jungledrum.example/news", "Jungle Drum jungledrum.example/news/"],
    )
    def test_single_spaced_site_header_right_above_the_byline(self, header: str) -> None:
        """A one-space header showing a site's own address, opening an untitled page, is no headline."""
        story = webstory.loads(_page(header, BYLINE, "international / prose / poem", "", "Verse."))
        assert story.headline is None
        assert story.body == (Paragraph.plain("Verse."),)

    def test_headline_like_a_site_header_is_written_as_the_body(self) -> None:
        """A headline that would read back as a print header is carried as the body when the story has none."""
        story = Story(
            headline="Read https://site.example/news",
            bylines=[Byline(name="A")],
            published=datetime(2016, 2, 7),
        )
        kept = webstory.carried(story)
        assert (kept.headline, kept.body) == (None, (Paragraph.plain("Read https://site.example/news"),))
        assert webstory.loads(webstory.dumps(story, lossy=True)) == kept

    def test_headline_ending_in_an_address_stays_a_headline(self) -> None:
        """A headline right above the byline that ends in a URL is still the headline."""
        story = webstory.loads(_page("Petition launched https://petition.example/p/1", BYLINE, "Body."))
        assert story.headline == "Petition launched https://petition.example/p/1"

    def test_footer_is_the_url_and_no_body(self) -> None:
        """The footer (site name, wide gap, story URL) becomes the url and leaves the body."""
        story = webstory.loads(
            _page(
                "Site Title     site.example/news",
                "",
                "Headline",
                BYLINE,
                "",
                "First.",
                "",
                "Copyright applies.",
                "",
                "Site Title     https://site.example/news/story-1.html",
            )
        )
        assert story.url == "https://site.example/news/story-1.html"
        assert story.body == (Paragraph.plain("First."),)
        assert story.rights is not None and story.rights.notice == "Copyright applies."

    @pytest.mark.parametrize("separator", [": ", " - ", " | ", " "])
    def test_footer_naming_the_header_site(self, separator: str) -> None:
        """Under a print header, a last line naming the same site and an address is the footer."""
        story = webstory.loads(
            _page(
                "Site Title     site.example/news",
                "",
                "Headline",
                BYLINE,
                "",
                "First.",
                "",
                f"Site Title{separator}https://site.example/news/story-2.html",
            )
        )
        assert story.url == "https://site.example/news/story-2.html"
        assert story.body == (Paragraph.plain("First."),)

    def test_last_paragraph_with_a_link_is_body_without_a_header(self) -> None:
        """Without a print header, a last paragraph that ends in a URL after one space stays body."""
        story = webstory.loads(_page("Headline", BYLINE, "First.", "Read more: https://x.example/a"))
        assert story.url is None
        assert story.body[-1] == Paragraph.plain("Read more: https://x.example/a")

    def test_wide_gap_before_a_bare_domain_at_the_end_stays_body(self) -> None:
        """Without a print header, a last line ending in a host without a path after a wide gap is body, not a footer."""
        story = webstory.loads(_page("Headline", BYLINE, "First.", "Write to us  letters.example.org"))
        assert story.url is None
        assert story.body[-1] == Paragraph.plain("Write to us  letters.example.org")

    def test_refused_url_line_and_a_footer(self) -> None:
        """A URL line the model refuses stays in extras['web-story.url']; the footer's page is then a link."""
        story = webstory.loads(
            _page(
                "Headline",
                BYLINE,
                "",
                "First.",
                "",
                "https://a.example/100%zz",
                "",
                "Site     https://s.example/st/1",
            )
        )
        assert story.url is None
        assert story.extras["web-story.url"] == "https://a.example/100%zz"
        assert story.links == (Link(uri="https://s.example/st/1", title="Site"),)

    def test_repost_keeps_the_article_url_and_links_the_page(self) -> None:
        """A repost's URL line stays the url; the footer's story page becomes a related link."""
        story = newsitem.parse((SAMPLES / "ws28-print-view-repost-footer-link.txt").read_bytes())
        assert story.url == "https://harbour-weekly.example/2015/05/09/strike"
        assert story.links == (
            Link(
                uri="https://jungledrum.lingama.example/news/story-3980.html",
                title="Jungle Drum Prose/Poetry",
            ),
        )

    def test_footer_address_without_scheme_is_kept_and_noted(self) -> None:
        """A footer address with no scheme, which the model refuses as a URI, is kept in extras with a note."""
        reading = newsitem.read(
            _page("Headline", BYLINE, "", "First.", "", "Site Title     site.example/news/story-3.html"),
            layout="web-story",
        )
        assert reading.story.url is None
        assert reading.story.extras["web-story.url"] == "site.example/news/story-3.html"
        assert [note.code for note in reading.notes] == ["kept-in-extras"]


class TestUntitled:
    """A page without a headline has none; navigation words are never one."""

    @pytest.mark.parametrize(
        "chrome",
        [
            "PDF version",
            "printable version",
            "Printable Version",
            "[ printable version | PDF version ]",
            "» PDF version «",
            "<< back to stories",
            "search comments",
            "Printer-friendly version",
        ],
    )
    def test_navigation_words_are_no_headline(self, chrome: str) -> None:
        """A line of navigation words right above the byline leaves the page untitled."""
        story = webstory.loads(_page("Jungle Drum NEWSWIRE", chrome, "", BYLINE, "The poem."))
        assert story.headline is None
        assert story.body == (Paragraph.plain("The poem."),)

    def test_headline_holding_a_navigation_word_stays(self) -> None:
        """A real headline that merely mentions a version is kept."""
        story = webstory.loads(_page("PDF version of the budget leaked", BYLINE, "Body."))
        assert story.headline == "PDF version of the budget leaked"

    def test_chrome_headline_without_body_is_carried_as_the_body(self) -> None:
        """A headline the reader would take for site chrome, on a story with no body, is written as its one paragraph."""
        story = Story(headline="PDF version", bylines=[Byline(name="A")], published=datetime(2016, 2, 7))
        kept = webstory.carried(story)
        assert (kept.headline, kept.body) == (None, (Paragraph.plain("PDF version"),))
        assert webstory.loads(webstory.dumps(story, lossy=True)) == kept

    def test_untitled_sample(self) -> None:
        """The untitled whole-page sample reads with no headline and its poem as the body."""
        story = newsitem.parse((SAMPLES / "ws29-untitled-navigation-words.txt").read_bytes())
        assert story.headline is None
        assert story.body == (Paragraph.plain("Salt on the window,"), Paragraph.plain("salt in the bread."))


class TestPlaces:
    """A place in parentheses after a name is the author's place, not another author."""

    def test_place_and_poster(self) -> None:
        """'Name (City, ST) via poster' is one author with a place, and the poster as submitter."""
        story = webstory.loads(
            _page("H", "by Greg Maybury (Perth, WA) via stacy Sunday, Feb 7 2016, 8:50pm", "Body.")
        )
        assert story.bylines == (Byline(name="Greg Maybury"), Byline(name="stacy", role=Role.SUBMITTER))
        assert story.extras["web-story.byline-place"] == "Greg Maybury: Perth, WA"
        assert story.located is None

    def test_places_of_several_authors(self) -> None:
        """Authors in different places stay separate authors, each place on its own line of the extra."""
        story = webstory.loads(_page("H", "by A Ba (Perth, WA) and C Da (Hobart) " + BYLINE[7:], "Body."))
        assert [b.name for b in story.bylines] == ["A Ba", "C Da"]
        assert story.extras["web-story.byline-place"] == "A Ba: Perth, WA\nC Da: Hobart"

    @pytest.mark.parametrize(
        "name",
        ["javascript:alert(1)", "Jo (the elder) Smith", "Ann (2nd)", "Kim (aka k)", "Lee Chan (Reuters)"],
    )
    def test_parentheses_that_are_no_place_stay_in_the_name(self, name: str) -> None:
        """Parentheses inside a name, with digits, lower case or an agency are part of the name."""
        story = webstory.loads(_page("H", f"by {name} {BYLINE[7:]}", "Body."))
        assert [b.name for b in story.bylines] == [name]
        assert "web-story.byline-place" not in story.extras

    def test_places_round_trip(self) -> None:
        """Byline places are written after their authors' names and read back as the same extra."""
        story = Story(
            headline="H",
            bylines=[
                Byline(name="Dana Whitlock"),
                Byline(name="Lu Wen"),
                Byline(name="marlo", role=Role.SUBMITTER),
            ],
            published=datetime(2016, 2, 7, 20, 50),
            body=["Body."],
            extras={"web-story.byline-place": "Dana Whitlock: Fremantle, WA\nLu Wen: Hobart"},
        )
        written = webstory.dumps(story)
        assert "by Dana Whitlock (Fremantle, WA) and Lu Wen (Hobart) via marlo Sunday" in written
        assert webstory.loads(written) == story

    @pytest.mark.parametrize("places", ["A: x via y", "Nobody: Perth", "A: Reuters", "A:Perth"])
    def test_places_the_byline_cannot_hold_are_refused(self, places: str) -> None:
        """A place that is no author's, no place, or not 'Name: Place' is not carried, so strict dumps refuses it."""
        story = Story(
            headline="H",
            bylines=[Byline(name="A")],
            published=datetime(2016, 2, 7),
            extras={"web-story.byline-place": places},
        )
        assert "web-story.byline-place" not in webstory.carried(story).extras
        with pytest.raises(SerializeError):
            webstory.dumps(story)
        assert webstory.loads(webstory.dumps(story, lossy=True)) == webstory.carried(story)


class TestDetection:
    """The samples of issue 18 are web stories and no other layout's."""

    def test_own_samples_are_claimed_by_no_other_layout_higher(self) -> None:
        """No other layout's sniff claims one of these samples at a higher confidence than web-story's."""
        assert len(OWN) >= 7
        for path in OWN:
            text = _text(path)
            mine = webstory.sniff(text)
            assert mine is not None, path.name
            for other in OTHER_TEXT_LAYOUTS:
                sniff = getattr(load_module(other), "sniff", None)
                found = None if sniff is None else sniff(text)
                assert found is None or found[0] < mine[0], (path.name, other)

    def test_other_layouts_samples_are_refused(self) -> None:
        """web-story's sniff claims no sample of another text layout."""
        samples = [
            path
            for layout in OTHER_TEXT_LAYOUTS
            for path in sorted((DATA / layout).glob("*"))
            if path.is_file() and ".expected" not in path.name
        ]
        assert samples
        assert [path.name for path in samples if webstory.sniff(_text(path)) is not None] == []


def test_sample_files_exist_for_the_docs() -> None:
    """The docs page's samples for each variant are files of the test data."""
    docs = Path(__file__).parent.parent / "docs" / "formats" / "web-story.md"
    text = docs.read_text("utf-8")
    for path in OWN:
        assert path.name in text, path.name
