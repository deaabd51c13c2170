"""HTML: the round trip, the semantics, safety against hostile stories, other people's
pages, bad input, and a real browser (headless Chromium) rendering hostile stories."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, date, datetime, timedelta, timezone
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import newsitem
from newsitem import (
    Byline,
    BylineKind,
    Figure,
    Heading,
    ListBlock,
    NewsItemError,
    Paragraph,
    ParseError,
    Preformatted,
    Quote,
    Rights,
    Role,
    Run,
    Source,
    Story,
    Subject,
    Table,
    ValidationError,
)
from newsitem.formats import _markup, html
from newsitem.strategies import stories

from .conftest import DATA, SHARED
from .examples import full_story

LIVE_SCHEMES = ("http:", "https:", "mailto:")  # the only schemes an href may have
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    '<a href="javascript:window.__pwned=4">click</a>',
    "&lt;b&gt; &amp;amp; <!-- comment --> <![CDATA[ x ]]>",
    "<style>body{display:none}</style>",
    "</p></div></article><p>broken",
    "' onmouseover='window.__pwned=5",
]


class _Tags(HTMLParser):
    """Every element and attribute of a page, as the browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def tags_of(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def hostile_story() -> Story:
    return Story(
        headline=HOSTILE[0],
        subheadline=HOSTILE[1],
        summary=HOSTILE[2],
        bylines=[Byline(name=HOSTILE[3], title=HOSTILE[7]), Byline(name=HOSTILE[4], role=Role.SUBMITTER)],
        source=Source(name=HOSTILE[5], url="javascript:window.__pwned=6"),
        dateline=HOSTILE[6],
        keywords=HOSTILE[:3],
        url="javascript:window.__pwned=7",
        rights=Rights(notice=HOSTILE[2], license="javascript:window.__pwned=8"),
        body=[Paragraph.plain(text) for text in HOSTILE]
        + [
            Paragraph(
                runs=[Run(text="a hostile link", link="javascript:window.__pwned=9"), Run(text=" and ")]
            )
        ],
        extras={"x.script": HOSTILE[0], "x.attr": HOSTILE[1]},
    )


class TestRoundTrip:
    """What tests/test_contract.py does not cover: the fragment, the full story, detection."""

    @given(stories())
    def test_fragment_reads_back_exactly(self, story: Story) -> None:
        """The <article> fragment alone reads back exactly too."""
        fragment = newsitem.dumps(story, format="html", fragment=True)
        assert isinstance(fragment, str)
        assert fragment.startswith("<article ") and fragment.rstrip().endswith("</article>")
        assert newsitem.loads(fragment, format="html") == story

    def test_full_story(self) -> None:
        """The sample story with every field reads back and is detected as html."""
        story = full_story()
        page = newsitem.dumps(story, format="html")
        assert newsitem.loads(page, format="html") == story
        assert newsitem.detect(page).layout == "html"

    @given(stories())
    def test_pages_are_detected(self, story: Story) -> None:
        """detect() recognises every page dumps writes."""
        assert newsitem.detect(html.dumps(story)).layout == "html"


class TestSemantics:
    def test_microdata_and_people(self) -> None:
        """The page carries schema.org microdata for every field, people with role and order."""
        page = html.dumps(full_story())
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-US">')
        article = page[page.index("<article") : page.index("</article>")]
        assert 'itemscope itemtype="https://schema.org/NewsArticle"' in article
        assert (
            '<h1 itemprop="headline">Council votes 5-4 to close &lt;Main St.&gt; &amp; &quot;Old&quot; bridge</h1>'
            in article
        )
        assert (
            '<span itemprop="author" itemscope itemtype="https://schema.org/Person" data-newsitem-role="author"'
            ' data-newsitem-index="0"><span itemprop="name">Ana María Ruiz</span> (<span itemprop="jobTitle">'
            'City Hall reporter</span>, <span itemprop="affiliation" itemscope itemtype="https://schema.org/'
            'Organization"><span itemprop="name">The Riverside Courier</span></span>)</span>'
        ) in article
        assert (
            '<time itemprop="datePublished" datetime="2024-05-01T09:30:00+05:45">1 May 2024, 09:30 (UTC+05:45)</time>'
            in article
        )
        assert '<time itemprop="dateModified" datetime="2024-05-01T11:05:12.250000-03:30">' in article
        for prop in (
            "articleSection",
            "genre",
            "inLanguage",
            "identifier",
            "version",
            "dateline",
            "abstract",
            "alternativeHeadline",
            "copyrightNotice",
            "usageInfo",
            "copyrightHolder",
            "publisher",
            "provider",
            "about",
        ):
            assert f'itemprop="{prop}"' in article, prop
        assert article.count('itemprop="keywords"') == 3
        assert (
            '<a rel="license" itemprop="license" href="https://creativecommons.org/licenses/by-nd/4.0/">'
            in article
        )

    def test_json_ld_is_derived_and_safe(self) -> None:
        """The JSON-LD block is derived metadata, escaped so no story text can end it."""
        story = hostile_story()
        page = html.dumps(story)
        scripts = tags_of(page).scripts
        assert len(scripts) == 1
        doc = json.loads(scripts[0])
        assert doc["@type"] == "NewsArticle"
        assert doc["headline"] == story.headline
        assert doc["author"][0]["name"] == HOSTILE[3]
        assert "articleBody" not in doc  # the body is in the microdata
        assert "url" not in doc and "license" not in doc  # javascript: URIs are not handed to search engines
        assert "</script" not in scripts[0] and "<" not in scripts[0]

    def test_for_people(self) -> None:
        """The page is for people: a stylesheet, no script, a CSP, bylines and dates in words."""
        page = html.dumps(full_story())
        assert "<style>" in page and "<script>" not in page and "<script " in page
        assert re.search(r"<link rel=\"stylesheet\"|@import|url\(|<img|<iframe|src=", page) is None
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        assert '<p class="byline">By ' in page
        assert "1 May 2024, 09:30 (UTC+05:45)" in page  # the date in words
        assert '<div class="rights">' in page


class TestSafety:
    def test_hostile_strings_never_become_markup(self) -> None:
        """Hostile strings in every field stay text: no new elements, handlers or live javascript: links."""
        page = html.dumps(hostile_story())
        parsed = tags_of(page)
        tags = {tag for tag, _ in parsed.elements}
        assert tags <= {
            "html", "head", "meta", "title", "style", "script", "body", "article", "header", "h1", "p", "span",
            "time", "div", "footer", "a", "em", "strong", "small", "dl", "dt", "dd", "link",
        }  # fmt: skip
        scripts = [attrs for tag, attrs in parsed.elements if tag == "script"]
        assert scripts == [{"type": "application/ld+json"}]
        for tag, attrs in parsed.elements:
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            for name in ("href", "src", "action"):
                value = attrs.get(name)
                assert value is None or value.startswith(LIVE_SCHEMES), (tag, attrs)
        assert "javascript:" not in "".join(str(attrs.get("href")) for _, attrs in parsed.elements)
        assert html.loads(page) == hostile_story()

    @given(stories())
    def test_no_story_makes_markup(self, story: Story) -> None:
        """No generated story makes a script, an event handler or a non-web href."""
        parsed = tags_of(html.dumps(story))
        assert [attrs for tag, attrs in parsed.elements if tag == "script"] == [
            {"type": "application/ld+json"}
        ]
        for _, attrs in parsed.elements:
            assert not any(name.startswith("on") for name in attrs)
            href = attrs.get("href")
            assert href is None or href.startswith(LIVE_SCHEMES)

    def test_other_schemes_are_kept_inert(self) -> None:
        """A URI of another scheme is written inert and still reads back."""
        story = Story(
            headline="h", body=[Paragraph(runs=[Run(text="x", link="tag:example.com,2024:a")])], url="urn:x:y"
        )
        page = html.dumps(story, fragment=True)
        assert '<span class="inert" data-newsitem-href="tag:example.com,2024:a">x</span>' in page
        assert '<meta itemprop="url" content="urn:x:y">' in page
        assert html.loads(page) == story


class TestOtherPages:
    @pytest.mark.parametrize("path", sorted((DATA / "html").glob("*.html")), ids=lambda p: p.stem)
    def test_sample(self, path: Path) -> None:
        """Each sample page in tests/data/html reads as its expected story and is detected."""
        expected = newsitem.loads(path.with_suffix(".expected.json").read_bytes())
        assert newsitem.loads(path.read_bytes(), format="html") == expected
        assert newsitem.detect(path.read_bytes()).layout == "html"

    @pytest.mark.parametrize(
        "name", sorted(p.name for p in (SHARED / "corpus" / "html").glob("*.html")) or ["(no corpus)"]
    )
    def test_corpus_pages_read_or_refuse(self, name: str) -> None:
        """Every real page of the shared corpus reads as a story (only notes of values kept in extras,
        a charset guessed, or a body read without the web extra)."""
        path = SHARED / "corpus" / "html" / name
        if not path.exists():
            pytest.skip(f"needs the shared corpus at {path.parent}")
        reading = newsitem.read(path.read_bytes(), layout="html")
        assert reading.story.headline or reading.story.body or reading.story.summary
        assert {note.code for note in reading.notes} <= {"kept-in-extras", "charset-guessed", "unreadable"}

    def test_shared_example(self) -> None:
        """The shared docs' example page (microdata by another publisher) reads field by field."""
        path = SHARED / "docs" / "html-newsarticle-example.html"
        if not path.exists():
            pytest.skip(f"needs the shared docs at {path} (CI has them; a user's clone does not)")
        story = html.loads(path.read_bytes())
        assert story.headline == "Climate talks stall over finance"
        assert story.subheadline == "Delegates fail to agree on a fund for poorer nations"
        assert story.bylines == (
            Byline(name="Jane Doe", title="Environment Correspondent", affiliation="Example Wire"),
            Byline(name="John Roe"),
            Byline(name="Sam Desk", role=Role.SUBMITTER),
        )
        assert story.published == datetime(2025, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
        assert story.updated == datetime(2025, 3, 1, 14, 5, tzinfo=timezone(timedelta(hours=1)))
        assert story.source == Source(name="The Daily Example")
        assert story.provider == Source(name="Example Wire", code="example-wire")
        assert story.keywords == ("climate", "United Nations")
        assert story.rights == Rights(
            notice="Copyright 2025 Example Wire Ltd. All rights reserved.",
            holder="Example Wire Ltd",
            license="https://creativecommons.org/licenses/by/4.0/",
            terms="Republication permitted with attribution.",
        )
        assert story.guid == "urn:newsml:wire.example:20250301:climate-talks-0042"
        assert story.version == 3
        assert story.body == (
            Paragraph(
                runs=[
                    Run(text="Talks in Geneva "),
                    Run(text="stalled", emphasis=True),
                    Run(text=" on Saturday, delegates said."),
                ]
            ),
            Paragraph(
                runs=[
                    Run(text="The "),
                    Run(text="draft text", strong=True),
                    Run(text=" is "),
                    Run(text="published online", link="https://news.example/draft.pdf"),
                    Run(text="."),
                ]
            ),
        )

    @pytest.mark.parametrize(
        "page",
        [
            '<script type="application/ld+json">{"@type": "WebPage", "name": "x"}</script>',
            '<script type="application/ld+json">{not json</script>',
            "<html><head><meta name=robots content=noindex></head><body></body></html>",
        ],
    )
    def test_page_with_nothing_to_read(self, page: str) -> None:
        """A page with no headline, body or summary from any source is a ParseError naming what it looked for."""
        with pytest.raises(
            ParseError, match=r"nothing to read as a story in this page: no headline \(no schema"
        ):
            html.loads(page)

    def test_empty_page(self) -> None:
        """An empty text is a ParseError saying the page is empty."""
        with pytest.raises(ParseError, match="the page is empty"):
            html.loads("")

    def test_article_without_headline(self) -> None:
        """A NewsArticle without a headline reads with headline None when it has a body; without a
        headline, body or summary from any source it is a ParseError at its line."""
        story = html.loads(
            '<div itemscope itemtype="https://schema.org/NewsArticle"><p itemprop="articleBody">x</p></div>'
        )
        assert (story.headline, story.body) == (None, (Paragraph.plain("x"),))
        with pytest.raises(ParseError, match="nothing to read as a story in this article"):
            html.loads(
                '<div itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="genre" content="x"></div>'
            )

    def test_damaged_own_page_gives_our_error(self) -> None:
        """A time of our own page that is not ISO 8601 breaks the model's time rule: a
        ValidationError at the itemprop and the line of its element, as in NewsML-G2."""
        page = html.dumps(full_story()).replace(
            'datetime="2024-05-01T09:30:00+05:45"', 'datetime="yesterday"'
        )
        with pytest.raises(ValidationError, match="expected an ISO 8601") as caught:
            html.loads(page)
        (problem,) = caught.value.problems
        assert (problem.path, problem.where, caught.value.format) == (
            "Story.published",
            "datePublished",
            "html",
        )
        assert problem.line is not None
        assert 'datetime="yesterday"' in page.splitlines()[problem.line - 1]

    def test_unknown_role_on_own_page(self) -> None:
        """An unknown data-newsitem-role on our own page is a located ValidationError; on
        another page it is ignored (the property's role)."""
        story = Story(headline="H", bylines=[Byline(name="A")])
        page = html.dumps(story).replace('data-newsitem-role="author"', 'data-newsitem-role="boss"')
        with pytest.raises(ValidationError, match="got 'boss'") as caught:
            html.loads(page)
        (problem,) = caught.value.problems
        assert (problem.path, problem.where) == ("Story.bylines[0].role", "author[0]/@data-newsitem-role")
        assert 'data-newsitem-role="boss"' in page.splitlines()[(problem.line or 0) - 1]
        foreign = page.replace('data-newsitem="1"', "")
        assert html.loads(foreign).bylines == (Byline(name="A"),)

    def test_nul_is_no_text(self) -> None:
        """A NUL in a page (text or bytes) is a ParseError at its line and column, not a U+FFFD."""
        page = html.dumps(Story(headline="Council approves")).replace(
            "Council approves", "Council\x00approves"
        )
        line = next(n for n, text in enumerate(page.splitlines(), 1) if "\x00" in text)
        for data in (page, page.encode("utf-8")):
            with pytest.raises(ParseError, match="NUL") as caught:
                html.loads(data)
            assert caught.value.line == line
            assert caught.value.column == page.splitlines()[line - 1].index("\x00") + 1

    def test_superscript_digits_are_no_number(self) -> None:
        """A '²' where our own page has a number (byline index, version) is our error or ignored, never a bare ValueError."""
        story = Story(headline="H", bylines=[Byline(name="A"), Byline(name="B")])
        page = html.dumps(story).replace('data-newsitem-index="0"', 'data-newsitem-index="²"')
        assert {b.name for b in html.loads(page).bylines} == {"A", "B"}
        with pytest.raises(ParseError, match="version: expected a number"):
            html.loads(
                html.dumps(story).replace('itemprop="version" content="1"', 'itemprop="version" content="²"')
            )

    def test_own_page_with_a_value_the_model_refuses(self) -> None:
        """A damaged own page raises the model's ValidationError located at the itemprop path."""
        page = html.dumps(Story(headline="h", language="en"), fragment=True)
        with pytest.raises(ValidationError) as caught:
            html.loads(page.replace('content="en"', 'content="e n"'))
        assert caught.value.format == "html"
        assert [(p.path, p.where) for p in caught.value.problems] == [("Story.language", "inLanguage")]

    def test_own_body_link_the_model_refuses(self) -> None:
        """A refused link in an own page's body names the paragraph it was in."""
        story = Story(
            headline="h", body=[Paragraph.plain("a"), Paragraph(runs=[Run(text="x", link="https://e.com/")])]
        )
        page = html.dumps(story, fragment=True).replace("https://e.com/", "https://e.com/100%zz")
        with pytest.raises(ValidationError) as caught:
            html.loads(page)
        assert caught.value.format == "html"
        assert caught.value.problems[0].where == "articleBody/p[1]"
        assert caught.value.problems[0].path.startswith("Story.body[1]")

    def test_json_ld_control_characters_read_as_replacement(self) -> None:
        """A control character in a JSON-LD value reads as U+FFFD, as it does in the page's HTML."""
        page = (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "h",'
            ' "author": ["a", {"name": "x", "jobTitle": "\\u0001"}]}</script>'
        )
        assert html.loads(page).bylines == (Byline(name="a"), Byline(name="x", title="\ufffd"))

    def test_deep_nesting(self) -> None:
        """Elements nested beyond the parser's limit are a ParseError, not a crash."""
        page = '<div itemscope itemtype="https://schema.org/NewsArticle">' + "<span>" * 100_000 + "x"
        with pytest.raises(ParseError, match="too deeply"):
            html.loads(page)

    @given(
        st.lists(
            st.sampled_from(
                [
                    '<article itemscope itemtype="https://schema.org/NewsArticle" data-newsitem="1">',
                    '<h1 itemprop="headline">',
                    "</h1>",
                    '<span itemprop="author" itemscope>',
                    '<span itemprop="name">',
                    "</span>",
                    '<time itemprop="datePublished" datetime="2024-01-01T00:00">',
                    "</time>",
                    '<div itemprop="articleBody">',
                    "<p>",
                    "</p>",
                    "<em>",
                    '<a href="javascript:x">',
                    "</a>",
                    '<dd data-newsitem-field="urgency">',
                    '<dd data-newsitem-field="status">',
                    "</dd>",
                    '<meta itemprop="version" content="0">',
                    '<dd data-newsitem-extra="a b">',
                    "text",
                    "&amp;",
                    '<script type="application/ld+json">',
                    "</script>",
                    '{"@type":"NewsArticle","headline":',
                    '"h"}',
                    "<!--",
                    "-->",
                    "<![CDATA[",
                    "<!DOCTYPE html>",
                    "\x00",
                    "\r\n",
                ]
            ),
            max_size=30,
        )
    )
    def test_arbitrary_arrangements(self, parts: list[str]) -> None:
        """Any arrangement of page fragments gives a Story or one of our errors."""
        try:
            story = html.loads("".join(parts))
        except NewsItemError:
            return
        assert isinstance(story, Story)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def hostile_blocks() -> Story:
    """A headline-less story with every block kind holding hostile text and URIs."""
    return Story(
        summary=HOSTILE[0],
        bylines=[Byline(name=HOSTILE[1], kind=BylineKind.ORGANISATION)],
        body=[
            Heading(runs=[HOSTILE[2]], level=4),
            Quote(body=[HOSTILE[3]], attribution=HOSTILE[4]),
            ListBlock(items=HOSTILE[5:7]),
            Table(rows=[[HOSTILE[7], ""], [HOSTILE[0]]], header_rows=1),
            Preformatted(text=HOSTILE[6] + "\n  " + HOSTILE[2]),
            Figure(uri="javascript:window.__pwned=10", caption=HOSTILE[1], credit=HOSTILE[3], alt=HOSTILE[4]),
            Figure(uri="https://example.com/x.jpg", caption="remote", alt=HOSTILE[0]),
        ],
    )


def visible_texts(block: object) -> list[str]:
    """The texts of ``block`` a reader sees on the page (list numbers and the quote's dash are CSS)."""
    if isinstance(block, Quote):
        return [p.text for p in block.body] + ([block.attribution] if block.attribution else [])
    if isinstance(block, ListBlock):
        return [item.text for item in block.items]
    if isinstance(block, Table):
        return [cell for row in block.rows for cell in row if cell.strip()]
    if isinstance(block, Figure):
        return [text for text in (block.caption, block.credit) if text]
    return [block.text]  # type: ignore[attr-defined]


class TestBrowser:
    """Generated pages in headless Chromium: no script runs, the visible text is the story's."""

    def test_hostile_pages_in_chromium(self) -> None:
        """In headless Chromium no script runs, nothing is fetched and the visible text is the story's."""
        sync_api = pytest.importorskip(
            "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
        )
        executable = _chromium()
        if executable is None:
            pytest.skip(
                "no Chromium on this machine (.ci/run installs the system package; apt-get install chromium)"
            )
        ARTIFACTS.mkdir(exist_ok=True)
        pages = [("hostile", hostile_story()), ("sample", full_story()), ("blocks", hostile_blocks())]
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                for name, story in pages:
                    page = browser.new_page()
                    dialogs: list[str] = []
                    page.on(
                        "dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss())
                    )
                    requests: list[str] = []
                    blocked: list[str] = []  # a figure's picture: the CSP (img-src data:) stops it
                    page.on("request", lambda request, seen=requests: seen.append(request.url))
                    page.on(
                        "requestfailed",
                        lambda request, seen=blocked: (
                            seen.append(request.url) if request.failure == "csp" else None
                        ),
                    )
                    page.set_content(html.dumps(story), wait_until="load")
                    assert page.evaluate("window.__pwned === undefined"), name
                    assert dialogs == []
                    fetched = [url for url in requests if url not in blocked]
                    assert [url for url in fetched if not url.startswith(("about:", "data:"))] == []
                    assert (
                        page.evaluate(
                            "document.querySelectorAll('script:not([type=\"application/ld+json\"])').length"
                        )
                        == 0
                    )
                    visible = " ".join(page.evaluate("document.querySelector('article').innerText").split())
                    for text in [
                        story.headline or "",
                        *(text for block in story.body for text in visible_texts(block)),
                        *(b.name for b in story.bylines),
                    ]:
                        assert " ".join(text.split()) in visible, (name, text)
                    assert " ".join(page.evaluate("document.title").split()) == " ".join(
                        story.display_title.split()
                    )
                    if name == "sample":
                        shot = ARTIFACTS / "html-sample.png"
                        page.screenshot(path=str(shot), full_page=True)
                        assert shot.stat().st_size > 10_000
                        print(f"screenshot of a sample page: {shot}")
                    page.close()
            finally:
                browser.close()


def test_published_in_words_handles_naive_and_utc() -> None:
    """A naive time is written in words without an offset, a UTC one with (UTC+00:00)."""
    naive = html.dumps(Story(headline="h", published=datetime(2024, 1, 2, 3, 4)), fragment=True)
    assert (
        '<time itemprop="datePublished" datetime="2024-01-02T03:04:00">2 January 2024, 03:04</time>' in naive
    )
    utc = html.dumps(Story(headline="h", published=datetime(2024, 1, 2, 3, 4, tzinfo=UTC)), fragment=True)
    assert "2 January 2024, 03:04 (UTC+00:00)" in utc


FOREIGN = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Bridge  reopens</h1>
<meta itemprop="inLanguage" content="{language}">
<link itemprop="url" href="{url}">
<meta itemprop="identifier" content="{guid}">
<time itemprop="datePublished" datetime="{published}">today</time>
<div itemprop="articleBody"><p>First.</p><p>Read <a href="{link}">the report</a> and
<a href="/relative">this</a>.</p></div>
</article></body></html>"""
GOOD = {
    "language": "en",
    "url": "https://example.com/a",
    "guid": "urn:x:1",
    "published": "2024-05-01T09:30:00+02:00",
    "link": "https://example.com/report",
}


class TestLeniency:
    """Other people's pages: a value the model refuses is kept in extras with a note."""

    def test_bad_link_in_the_body_reads(self) -> None:
        """The issue's example: a body link https://example.com/100%zz reads, its text a plain
        run, the href in extras under html.body[1].link[0], with a kept-in-extras note."""
        page = FOREIGN.format(**{**GOOD, "link": "https://example.com/100%zz"})
        reading = newsitem.read(page.encode(), layout="html")
        story = reading.story
        assert story.body[1] == Paragraph.plain("Read the report and this.")
        assert dict(story.extras) == {"html.body[1].link[0]": "https://example.com/100%zz"}
        assert [(n.code, n.format, n.where) for n in reading.notes] == [
            ("kept-in-extras", "html", "articleBody/p[1]/a[0]")
        ]
        assert "html.body[1].link[0]" in reading.notes[0].message

    def test_good_page_has_no_notes(self) -> None:
        """A foreign page whose values all fit reads with the link, no extras and no notes."""
        reading = newsitem.read(FOREIGN.format(**GOOD), layout="html")
        assert reading.notes == ()
        assert reading.story.extras == {}
        assert reading.story.headline == "Bridge reopens"
        assert reading.story.body[1].runs[1] == Run(text="the report", link="https://example.com/report")

    @pytest.mark.parametrize(
        ("field", "value", "key"),
        [
            ("language", "en_GB!", "html.inLanguage"),
            ("url", "https://example.com/a b", "html.url"),
            ("guid", "id with spaces", "html.identifier"),
            ("published", "the day before yesterday", "html.datePublished"),
        ],
    )
    def test_refused_values_are_kept(self, field: str, value: str, key: str) -> None:
        """A language tag, url, identifier or time the model refuses goes to extras, with a note (the
        language then is the page's ``<html lang>``)."""
        reading = newsitem.read(FOREIGN.format(**{**GOOD, field: value}), layout="html")
        assert dict(reading.story.extras) == {key: value}
        assert getattr(reading.story, field) == ("en" if field == "language" else None)  # <html lang>
        assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", key.removeprefix("html."))]

    def test_json_ld_values_are_kept(self) -> None:
        """JSON-LD values the model refuses are kept too, their notes at the JSON-LD path."""
        page = (
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "h",'
            ' "url": "https://e.com/100%zz", "inLanguage": "en_GB", "license": "not a uri",'
            ' "version": "2.1"}</script>'
        )
        reading = newsitem.read(page, layout="html")
        assert dict(reading.story.extras) == {
            "html.inLanguage": "en_GB",
            "html.url": "https://e.com/100%zz",
            "html.version": "2.1",
            "html.license": "not a uri",
        }
        assert {n.where for n in reading.notes} == {"$.inLanguage", "$.url", "$.version", "$.license"}
        assert reading.story.version == 1 and reading.story.rights is None

    @given(stories())
    def test_unmarked_pages_never_fail(self, story: Story) -> None:
        """Any page of ours without its marker reads leniently as a story, never an error; without a
        headline, the page's ``<title>`` is its headline."""
        page = html.dumps(story).replace(' data-newsitem="1"', "")
        reading = newsitem.read(page, layout="html")
        title = unescape(page.split("<title>", 1)[1].split("</title>", 1)[0])
        assert reading.story.headline == (" ".join((story.headline or title).split()) or None)
        assert all(note.code == "kept-in-extras" for note in reading.notes)

    def test_own_pages_stay_exact(self) -> None:
        """The same refused link in one of our own pages is an error, not extras."""
        story = Story(headline="h", body=[Paragraph(runs=[Run(text="x", link="https://e.com/")])])
        page = html.dumps(story).replace("https://e.com/", "https://e.com/100%zz")
        with pytest.raises(ValidationError):
            newsitem.read(page, layout="html")

    def test_charset_guess_is_a_note(self) -> None:
        """Bytes that are not UTF-8 and declare nothing read as Windows-1252 with a note, not extras."""
        page = FOREIGN.format(**GOOD).replace("Bridge", "Caf\u00e9").encode("cp1252")
        reading = newsitem.read(page, layout="html")
        assert reading.story.headline == "Caf\u00e9 reopens"
        assert reading.story.extras == {}
        assert [(n.code, n.format) for n in reading.notes] == [("charset-guessed", "html")]
        assert "windows-1252" in reading.notes[0].message

    def test_declared_charset_is_followed(self) -> None:
        """A page's meta charset decodes bytes that are not UTF-8, with no note."""
        page = FOREIGN.format(**GOOD).replace("<head>", '<head><meta charset="koi8-r">')
        reading = newsitem.read(
            page.replace("Bridge", "\u041c\u043e\u0441\u0442").encode("koi8-r"), layout="html"
        )
        assert reading.story.headline == "\u041c\u043e\u0441\u0442 reopens"
        assert reading.notes == ()

    def test_http_equiv_charset_is_followed(self) -> None:
        """A charset declared by a meta http-equiv Content-Type is followed too."""
        head = '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">'
        page = FOREIGN.format(**GOOD).replace("<head>", head).replace("Bridge", "\u20ac5 bridge")
        reading = newsitem.read(page.encode("iso-8859-15"), layout="html")
        assert reading.story.headline == "\u20ac5 bridge reopens"
        assert reading.notes == ()

    @pytest.mark.parametrize("label", ["undefined", "punycode", "idna", "rot13", "base64", "no-such-charset"])
    def test_unusable_declared_charset_is_guessed(self, label: str) -> None:
        """A declared charset Python cannot decode text with (undefined, punycode, a codec for bytes) is a guess with a note, never a UnicodeError."""
        page = FOREIGN.format(**GOOD).replace("<head>", f'<head><meta charset="{label}">')
        reading = newsitem.read(page.replace("Bridge", "Caf\u00e9").encode("cp1252"), layout="html")
        assert reading.story.headline == "Caf\u00e9 reopens"
        assert [n.code for n in reading.notes] == ["charset-guessed"]

    def test_byte_order_mark_wins(self) -> None:
        """A UTF-16 page with its byte-order mark reads."""
        page = FOREIGN.format(**GOOD).encode("utf-16")
        assert newsitem.loads(page, format="html").headline == "Bridge reopens"

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_byte_order_mark(self, codec: str) -> None:
        """A UTF-16 page without a byte-order mark (NUL-interleaved ASCII) reads, with a
        charset-guessed note naming the guess."""
        page = FOREIGN.format(**GOOD).replace("Bridge", "Caf\u00e9").encode(codec)
        reading = newsitem.read(page, layout="html")
        assert reading.story.headline == "Caf\u00e9 reopens"
        assert [(n.code, n.message[-8:]) for n in reading.notes] == [
            ("charset-guessed", codec.upper().replace("16-", "16"))
        ]


class TestMarkup:
    """The one markup module (formats/_markup) that html, ninjs and NewsML-G2 share."""

    def test_broken_marked_section_is_no_assertion(self) -> None:
        """A broken marked section (``<![x[``), which made the standard library's parser
        raise AssertionError, reads as the text around it."""
        assert _markup.body_html("<p>a</p><![x[ b") == [Paragraph.plain("a")]
        assert _markup.body_html("<p>a</p><![x[ b ]]> c") == [Paragraph.plain("a"), Paragraph.plain(" c")]

    def test_body_html_keeps_text_and_marks(self) -> None:
        """body_html keeps text exactly, with emphasis, strong, absolute links and line breaks."""
        found = _markup.body_html(
            ' lead<p>A <em>b</em> <strong>c</strong> <a href="https://x.org/">d</a>'
            ' <a href="/rel">e</a><br>f &amp; g</p>\n<div>h</div>'
        )
        assert found == [
            Paragraph.plain(" lead"),
            Paragraph(
                runs=[
                    Run(text="A "),
                    Run(text="b", emphasis=True),
                    Run(text=" "),
                    Run(text="c", strong=True),
                    Run(text=" "),
                    Run(text="d", link="https://x.org/"),
                    Run(text=" e\nf & g"),
                ]
            ),
            Paragraph.plain("h"),
        ]

    def test_scripts_and_styles_are_not_text(self) -> None:
        """Script and style content is never story text."""
        assert _markup.body_html("<p>a<script>x()</script><style>p{}</style></p>") == [Paragraph.plain("a")]

    def test_body_text_splits_on_blank_lines(self) -> None:
        """body_text makes one paragraph per block of lines."""
        assert _markup.body_text("a\r\nb\n \nc\n") == [Paragraph.plain("a\nb"), Paragraph.plain("c\n")]

    def test_tidy_collapses_layout_whitespace(self) -> None:
        """tidy=True collapses whitespace across runs and trims paragraph ends."""
        root = _markup.parse_html("<p>\n  a  <em> b </em>\n c </p>", format="html", fragment=True)
        assert root is not None
        assert _markup.paragraphs(root, tidy=True) == [
            Paragraph(runs=[Run(text="a "), Run(text="b ", emphasis=True), Run(text="c")])
        ]

    def test_link_rule_decides(self) -> None:
        """The link rule sees each href with its paragraph and link index."""
        seen: list[tuple[str, int, int]] = []

        def rule(href: str, paragraph: int, index: int) -> str | None:
            seen.append((href, paragraph, index))
            return None

        root = _markup.parse_html(
            '<p>x</p><p><a href="a:1">y</a> <a href="b:2">z</a></p>', format="html", fragment=True
        )
        assert root is not None
        assert _markup.paragraphs(root, link=rule) == [Paragraph.plain("x"), Paragraph.plain("y z")]
        assert seen == [("a:1", 1, 0), ("b:2", 1, 1)]

    def test_too_deep_is_a_parse_error(self) -> None:
        """Nesting beyond libxml2's limit is our ParseError, not a crash."""
        with pytest.raises(ParseError, match="too deeply"):
            _markup.body_html("<span>" * 1000 + "x")

    @given(stories(blocks=False))
    def test_paragraphs_round_trip_through_html(self, story: Story) -> None:
        """Paragraphs written as a fragment read back the same."""
        assert _markup.body_html(_markup.fragment_html(story.body)) == list(story.body)

    @given(stories(blocks=False))
    def test_paragraphs_round_trip_through_nitf(self, story: Story) -> None:
        """Paragraphs appended as NITF or XHTML elements read back the same."""
        for style in ("nitf", "xhtml"):
            parent = etree.Element("{urn:x}body.content")
            _markup.append_paragraphs(parent, story.body, namespace="{urn:x}", style=style)
            assert _markup.paragraphs(parent) == list(story.body)


def block_story(**fields: object) -> Story:
    """A story with one block of every kind, an organisation and a person credited, days and a QCode."""
    values: dict[str, object] = {
        "headline": "Storm closes coastal road",
        "bylines": [Byline(name="BBC News", kind=BylineKind.ORGANISATION), Byline(name="Ines Duarte")],
        "published": date(2017, 7, 27),
        "updated": date(2017, 7, 28),
        "subjects": [Subject(code="FIEG_Categories:CRO", name="Cronaca")],
        "body": [
            Paragraph.plain("The coast road closed."),
            Heading(runs=["What ", Run(text="drivers", emphasis=True), " should do"], level=3),
            Quote(body=["We will reopen it.", "Soon."], attribution="County council"),
            ListBlock(items=["Use the inland route.", "Check first."], ordered=True),
            Table(rows=[["Road", "Status"], [" A39 ", ""], ["B3234"]], header_rows=1),
            Preformatted(text="\nTide  06:12\n\tWind NW 8\n"),
            Figure(uri="https://herald.example/road.jpg", caption="Water", credit="Jo Park", alt="A road"),
            Figure(uri="urn:x:photo:1", caption="Inert"),
        ],
    }
    values.update(fields)
    return Story(**values)  # type: ignore[arg-type]


class TestBlocks:
    """Issue 15: body blocks, headline-less stories, organisations, days, QCodes, several articles."""

    def test_every_block_is_semantic_html(self) -> None:
        """Each block kind is written as its HTML element inside the articleBody and reads back exactly."""
        story = block_story()
        page = html.dumps(story)
        body = page[page.index('<div itemprop="articleBody">') : page.index("</article>")]
        for markup in (
            "<p>The coast road closed.</p>",
            "<h3>What <em>drivers</em> should do</h3>",
            "<blockquote><p>We will reopen it.</p><p>Soon.</p><footer>County council</footer></blockquote>",
            "<ol><li>Use the inland route.</li><li>Check first.</li></ol>",
            "<table><thead><tr><th>Road</th><th>Status</th></tr></thead>"
            "<tbody><tr><td> A39 </td><td></td></tr><tr><td>B3234</td></tr></tbody></table>",
            "<pre>\n\nTide  06:12\n\tWind NW 8\n</pre>",
            '<figure><img src="https://herald.example/road.jpg" alt="A road">'
            "<figcaption>Water<small>Jo Park</small></figcaption></figure>",
            '<figure><img data-newsitem-src="urn:x:photo:1"><figcaption>Inert</figcaption></figure>',
        ):
            assert markup in body, markup
        assert html.loads(page) == story

    def test_headline_less_story_has_a_title_and_no_h1(self) -> None:
        """A story without a headline has no <h1> and no headline in JSON-LD, a <title> from the first
        words of its summary (else its body), and reads back with headline None."""
        summary = (
            "A long summary of the storm that closed the coastal road on Thursday, said the council today."
        )
        story = block_story(headline=None, summary=summary)
        page = html.dumps(story)
        assert "<h1" not in page and 'itemprop="headline"' not in page
        assert "<title>A long summary of the storm that closed the coastal road on Thursday,…</title>" in page
        assert "headline" not in json.loads(tags_of(page).scripts[0])
        assert html.loads(page) == story
        poem = Story(body=[Paragraph.plain("Rain  on the\nroof")])
        assert "<title>Rain on the roof</title>" in html.dumps(poem)
        assert html.loads(html.dumps(poem)).headline is None

    def test_organisations_in_microdata_and_json_ld(self) -> None:
        """An organisation's byline is a schema.org Organization in microdata and in the derived JSON-LD,
        a person's a Person; both read back with their kind."""
        page = html.dumps(block_story())
        assert (
            '<span itemprop="author" itemscope itemtype="https://schema.org/Organization"'
            ' data-newsitem-role="author" data-newsitem-index="0"><span itemprop="name">BBC News</span>'
        ) in page
        assert (
            'itemtype="https://schema.org/Person" data-newsitem-role="author" data-newsitem-index="1"' in page
        )
        authors = json.loads(tags_of(page).scripts[0])["author"]
        assert [(a["@type"], a["name"]) for a in authors] == [
            ("Organization", "BBC News"),
            ("Person", "Ines Duarte"),
        ]
        kinds = [b.kind for b in html.loads(page).bylines]
        assert kinds == [BylineKind.ORGANISATION, BylineKind.PERSON]

    def test_organisations_on_other_pages(self) -> None:
        """Another site's JSON-LD author with @type Organization (or a subtype) reads as an organisation,
        one with @type Person or none as a person."""
        doc = {
            "@type": "NewsArticle",
            "headline": "H",
            "author": [
                {"@type": "Organization", "name": "CBS News"},
                {"@type": ["NewsMediaOrganization"], "name": "AFP"},
                {"@type": "Person", "name": "Ana"},
                "Bo",
            ],
        }
        page = f'<script type="application/ld+json">{json.dumps(doc)}</script>'
        bylines = html.loads(page).bylines
        assert [(b.name, b.kind) for b in bylines] == [
            ("CBS News", BylineKind.ORGANISATION),
            ("AFP", BylineKind.ORGANISATION),
            ("Ana", BylineKind.PERSON),
            ("Bo", BylineKind.PERSON),
        ]

    def test_days_are_written_and_read_as_days(self) -> None:
        """A day-only date is a <time datetime="YYYY-MM-DD"> in words and a day in JSON-LD, and reads back
        as a date (never midnight), on our pages and on others'."""
        page = html.dumps(block_story())
        assert '<time itemprop="datePublished" datetime="2017-07-27">27 July 2017</time>' in page
        assert json.loads(tags_of(page).scripts[0])["datePublished"] == "2017-07-27"
        other = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", "datePublished": " 2020-01-16 "}</script>'
        published = html.loads(other).published
        assert published == date(2020, 1, 16) and not isinstance(published, datetime)

    def test_impossible_day_on_another_page_is_kept(self) -> None:
        """An impossible day on another page is kept in extras with a note, never an error."""
        page = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", "datePublished": "2017-02-30"}</script>'
        reading = newsitem.read(page, layout="html")
        assert reading.story.published is None
        assert reading.story.extras["html.datePublished"] == "2017-02-30"

    def test_qcodes_are_kept(self) -> None:
        """A QCode subject code is written inert (not a link) and read back; another page's QCode in
        sameAs is taken, a code with a space is kept in extras."""
        page = html.dumps(block_story(), fragment=True)
        assert '<meta itemprop="sameAs" content="FIEG_Categories:CRO">' in page
        other = (
            '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">H</h1>'
            '<span itemprop="about" itemscope><meta itemprop="sameAs" content="FIEG_Categories:CRO"></span>'
            '<span itemprop="about" itemscope><span itemprop="name">X</span>'
            '<meta itemprop="sameAs" content="a b"></span></div>'
        )
        reading = newsitem.read(other, layout="html")
        assert reading.story.subjects == (Subject(code="FIEG_Categories:CRO"), Subject(name="X"))
        assert reading.story.extras["html.about[1].sameAs"] == "a b"

    def test_other_pages_body_blocks(self) -> None:
        """Another page's body gives headings, quotes, lists, tables and figures with layout whitespace
        collapsed; a relative picture is left out and an aside is not story text."""
        page = (
            '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">H</h1>'
            '<div itemprop="articleBody"><p>Lead\n  text</p><h2> Sub </h2><aside><p>Read more</p></aside>'
            '<figure><img src="/rel.jpg"><figcaption>Rel</figcaption></figure>'
            '<figure><img src="https://x.example/a.jpg"><figcaption>Abs <span class="credit">AP</span>'
            "</figcaption></figure></div></article>"
        )
        assert html.loads(page).body == (
            Paragraph.plain("Lead text"),
            Heading(runs=["Sub"]),
            Figure(uri="https://x.example/a.jpg", caption="Abs", credit="AP"),
        )

    @given(stories())
    def test_no_story_makes_a_live_non_web_source(self, story: Story) -> None:
        """No generated story makes an img src (or any src) of a scheme other than http, https or mailto."""
        for _, attrs in tags_of(html.dumps(story)).elements:
            src = attrs.get("src")
            assert src is None or src.startswith(LIVE_SCHEMES)


class TestSeveralArticles:
    """A page with several articles: ``loads_all`` gives one part each, ``loads`` the first."""

    PAGE = (
        "<html><body>"
        '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">One</h1></article>\n'
        '<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="genre" content="x"></article>\n'
        '<article itemscope itemtype="https://schema.org/ReportageNewsArticle">'
        '<h2 itemprop="headline">Three</h2></article>'
        "</body></html>"
    )

    def test_each_article_is_a_part(self) -> None:
        """Three top-level NewsArticles give three parts in order; the one with nothing to show is its
        part's error, the others stories; each part says its line."""
        found = list(newsitem.loads_all(self.PAGE, format="html", name="front.html"))
        assert [p.index for p in found] == [1, 2, 3]
        assert found[0].story is not None and found[0].story.headline == "One"
        assert isinstance(found[1].error, ParseError) and found[1].story is None
        assert found[2].story is not None and found[2].story.headline == "Three"
        assert [p.where for p in found] == ["line 1", "line 2", "line 3"]
        assert found[2].locator == "front.html#3"

    def test_loads_reads_the_first(self) -> None:
        """``loads`` on a page of several articles reads the first, as before."""
        assert html.loads(self.PAGE).headline == "One"

    def test_json_ld_articles_are_parts(self) -> None:
        """Without microdata, each JSON-LD NewsArticle (a @graph of two here) is a part."""
        doc = {
            "@graph": [
                {"@type": "NewsArticle", "headline": "A"},
                {"@type": "WebPage"},
                {"@type": "NewsArticle", "headline": "B"},
            ]
        }
        page = f'<script type="application/ld+json">{json.dumps(doc)}</script>'
        found = list(html.loads_all(page))
        assert [p.unwrap().headline for p in found] == ["A", "B"]

    def test_page_with_nothing_is_one_failed_part(self) -> None:
        """A page without any article is the page itself, one part: with nothing to read, its error."""
        (part,) = html.loads_all("<html><body><br></body></html>")
        assert isinstance(part.error, ParseError) and "nothing to read" in str(part.error)

    def test_written_page_is_one_part(self) -> None:
        """A page dumps wrote is one part holding the story."""
        story = block_story()
        (part,) = html.loads_all(html.dumps(story))
        assert part.unwrap() == story

    def test_charset_note_goes_with_every_part(self) -> None:
        """A page whose charset is guessed gives each part the charset-guessed note."""
        data = self.PAGE.replace("One", "Caf\u00e9").encode("latin-1")
        found = list(html.loads_all(data))
        assert all("charset-guessed" in {n.code for n in p.notes} for p in found)
