"""Issue 19: the archive site of ``convert --to html`` (index pages by month, source and section;
each entry's date in words, headline, byline, source and summary; the story pages' typography;
a way back, previous and next on every story page; wire codes are no kickers), checked in
headless Chromium at a phone's and a desktop's width."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings

import newsitem
from newsitem import Byline, Source, Story
from newsitem.batch import index, pool, site
from newsitem.batch.steps import Options
from newsitem.formats import html
from newsitem.strategies import stories

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
ROWING = ROOT / "examples" / "archive" / "rowing.tst"  # ANPA-1312, category "a"
UTC = timezone.utc  # noqa: UP017 (the name reads the same on 3.11)


def _story(number: int, when: datetime | None, **fields: object) -> Story:
    return Story(
        headline=f"Harbour story number {number} about the ferries, the quay and the weather"
        + (" and " + "supercalifragilistic" * 5 if number == 2 else ""),  # a word wider than a phone
        summary=f"The summary of story {number}: what happened at the harbour, and why it matters.",
        body=[f"The first paragraph of story {number}.", "A second paragraph."],
        bylines=[Byline(name=f"Writer {number % 3}")],
        source=Source(name=("Harbour Weekly", "Coast Wire")[number % 2]),
        section=("Local", "Sport", None)[number % 3],
        language="en",
        published=when,
        **fields,  # type: ignore[arg-type]
    )


def _inputs(folder: Path, count: int) -> Path:
    """``count`` stories over three months, one undated."""
    folder.mkdir(parents=True)
    start = datetime(2024, 1, 30, 9, 0, tzinfo=UTC)
    for n in range(count):
        when = None if n == count - 1 else start + timedelta(days=7 * n, minutes=n)
        (folder / f"s{n:02d}.json").write_text(newsitem.dumps(_story(n, when)))  # type: ignore[arg-type]
    return folder


def _site(tmp_path: Path, count: int = 9, **run: object) -> Path:
    out = tmp_path / "out"
    pool.run([str(_inputs(tmp_path / "in", count))], Options(to=("html",)), out=str(out), jobs=1, **run)  # type: ignore[arg-type]
    return out


def _feed(folder: Path, count: int = 3) -> Path:
    """A JSON Lines file of ``count`` stories (a container: its stories' pages are named
    ``feed.jsonl#1.html``...), one folder down."""
    folder.mkdir(parents=True)
    start = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
    lines = [
        str(newsitem.dumps(_story(n, start + timedelta(hours=n)))).replace("\n", "") for n in range(count)
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".newsitem-manifest.jsonl"
    }


def _links(page: Path) -> list[str]:
    return re.findall(r'<a (?:rel="\w+" )?href="([^"]+)"', page.read_text())


def _resolves(page: Path, target: str) -> bool:
    """Whether a relative link of ``page`` names an existing file (and, with ``#id``, an element)."""
    path, _, anchor = target.partition("#")
    found = (page.parent / unquote(path)).resolve()
    return found.is_file() and (not anchor or f'id="{anchor}"' in found.read_text())


class TestRows:
    """The index row a worker computes, kept in the manifest for resume."""

    def test_meta_has_what_an_entry_shows(self) -> None:
        """A row holds the date in words, section, byline, source, summary and language of its story."""
        story = _story(0, datetime(2024, 3, 4, 7, 15, tzinfo=timezone(timedelta(hours=1))))
        row = index.meta(story)
        assert row["when"] == "4 March 2024, 07:15 (UTC+01:00)"
        assert (row["section"], row["byline"], row["source"], row["language"]) == (
            "Local",
            "By Writer 0",
            "Harbour Weekly",
            "en",
        )
        assert row["summary"] == story.summary

    def test_a_long_first_paragraph_is_cut_at_a_word(self) -> None:
        """Without a summary, the first paragraph stands in, cut at a word to at most 240 characters."""
        row = index.meta(Story(headline="h", body=["word " * 200]))
        assert len(row["summary"]) <= 240
        assert row["summary"].endswith("word…")

    def test_a_wire_category_code_is_no_section(self) -> None:
        """ANPA's "a" shows as Domestic news; a code the site cannot name is left out."""
        rowing = newsitem.parse(ROWING.read_bytes())
        assert rowing.section == "a"
        assert index.meta(rowing)["section"] == "Domestic news"
        assert "section" not in index.meta(Story(headline="h", section="z"))


class TestKicker:
    """The story page's kicker: words for wire codes, the code kept for the reader."""

    def test_an_anpa_category_shows_in_words_and_reads_back(self) -> None:
        """The ANPA category "a" is shown as "Domestic news", not "a", and the page reads back exactly."""
        rowing = newsitem.parse(ROWING.read_bytes())
        page = html.dumps(rowing)
        kicker = re.search(r'<p class="kicker">(.*?)</p>', page)
        assert kicker is not None
        assert re.sub(r"<[^>]+>", "", kicker.group(1)) == "Domestic news"
        assert html.loads(page) == rowing

    def test_an_unknown_code_is_not_a_kicker(self) -> None:
        """A one-letter section shows nothing; a section in words shows as before."""
        coded = html.dumps(Story(headline="h", section="z", genre="Analysis"))
        assert re.sub(r"<[^>]+>", "", re.findall(r'<p class="kicker">(.*?)</p>', coded)[0]) == "Analysis"
        assert html.loads(coded).section == "z"
        assert '<span itemprop="articleSection">Local</span>' in html.dumps(
            Story(headline="h", section="Local")
        )

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(stories())
    def test_a_page_with_the_site_navigation_reads_back_exactly(self, story: Story) -> None:
        """Any story's page with the site's two <nav> put in (twice) reads back as the story."""
        entry = {"page": "a/b.html", "home": "index/2024-03.html", "anchor": "s1", "headline": "<x>"}
        top, bottom = site.story_navs(entry, entry, None, "March 2024")
        page = site.with_navs(html.dumps(story), top, bottom)
        assert page is not None
        again = site.with_navs(page, top, bottom)
        assert again == page
        assert html.loads(page) == story


class TestSite:
    """The pages of OUT/index/ and the navigation of the story pages."""

    def test_a_month_with_more_stories_than_a_page_gets_more_pages(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Past PAGE_SIZE stories a month, a source and a section each get more pages, and every link of
        every index page names an existing file (and element)."""
        monkeypatch.setattr(index, "PAGE_SIZE", 2)
        out = _site(tmp_path)
        names = sorted(p.relative_to(out).as_posix() for p in (out / "index").iterdir())
        assert "index/2024-02.html" in names
        assert "index/2024-02.2.html" in names
        assert "index/undated.html" in names
        assert "index/source-harbour-weekly.html" in names
        assert "index/section-local.html" in names
        front = (out / "index.html").read_text()
        assert '<html lang="en">' in front
        assert 'name="viewport"' in front
        assert "Content-Security-Policy" in front
        assert "<script" not in front
        march = (out / "index" / "2024-03.html").read_text()
        assert "5 March 2024, 09:05 (UTC+00:00)" in march  # the date in words
        assert "By Writer 2 · Coast Wire" in march
        assert "The summary of story 5: what happened" in march
        assert '<span class="sec">Sport</span>' in (out / "index" / "2024-03.2.html").read_text()  # story 7
        for page in [out / "index.html", *(out / "index").iterdir()]:
            links = _links(page)
            assert links
            assert [link for link in links if not _resolves(page, link)] == [], page

    def test_story_pages_link_back_and_to_previous_and_next(self, tmp_path: Path) -> None:
        """Each story page links to the index, to its place on its month's page, and to the stories
        before and after it in the site's order (chronological, undated last)."""
        out = _site(tmp_path)
        chain = []
        for n in range(9):
            page = out / "in" / f"s{n:02d}.json.html"
            links = _links(page)
            assert all(_resolves(page, link) for link in links)
            assert links[0] == "../index.html"
            chain.append(re.findall(r'rel="(prev|next)" href="([^"]+)"', page.read_text()))
            assert newsitem.loads(page.read_bytes(), format="html") == _story(
                n, None if n == 8 else datetime(2024, 1, 30, 9, n, tzinfo=UTC) + timedelta(days=7 * n)
            )
        assert chain[0] == [("next", "s01.json.html")]
        assert chain[4] == [("prev", "s03.json.html"), ("next", "s05.json.html")]
        assert chain[8] == [("prev", "s07.json.html")]
        assert _links(out / "in" / "s03.json.html")[1] == "../index/2024-02.html#s4"

    def test_a_resumed_run_writes_the_same_site(self, tmp_path: Path) -> None:
        """A run stopped after two batches and resumed leaves the same files as one never stopped, and
        writing the site again changes nothing."""

        def stop(outcomes: object, seen: list[int] = []) -> None:  # noqa: B006
            seen.append(1)
            if len(seen) == 2:
                raise KeyboardInterrupt

        stopped = tmp_path / "stopped"
        with pytest.raises(KeyboardInterrupt):
            _site(stopped, chunk=2, on_batch=stop)
        assert not (stopped / "out" / "index.html").exists()
        pool.run([str(stopped / "in")], Options(to=("html",)), out=str(stopped / "out"), jobs=1, resume=True)
        fresh = _site(tmp_path / "fresh")
        assert _files(stopped / "out") == _files(fresh)
        before = _files(fresh)
        pool.run([str(tmp_path / "fresh" / "in")], Options(to=("html",)), out=str(fresh), jobs=1, resume=True)
        assert _files(fresh) == before

    def test_an_index_page_of_an_earlier_run_that_the_site_no_longer_has_is_removed(
        self, tmp_path: Path
    ) -> None:
        """index/ holds exactly the pages of the last site written: a stale source page goes."""
        rows = [{"headline": "h", "source": "Old Wire", "outputs": ["a.html"]}]
        index.write_index(tmp_path, rows, ".html")
        assert (tmp_path / "index" / "source-old-wire.html").exists()
        index.write_index(tmp_path, [{"headline": "h", "outputs": ["a.html"]}], ".html")
        assert sorted(p.name for p in (tmp_path / "index").iterdir()) == ["undated.html"]

    def test_sources_with_the_same_file_name_get_distinct_pages(self, tmp_path: Path) -> None:
        """Sources whose names make the same words (``A.B``, ``a b``, ``a-b``) get a page each, each
        listing its own story."""
        rows = [
            {"headline": "one", "source": "A.B", "outputs": ["1.html"]},
            {"headline": "two", "source": "a b", "outputs": ["2.html"]},
            {"headline": "three", "source": "a-b", "outputs": ["3.html"]},
        ]
        index.write_index(tmp_path, rows, ".html")
        pages = sorted((tmp_path / "index").glob("source-*.html"))
        assert len(pages) == 3
        assert sorted(heds(page) for page in pages) == [["../1.html"], ["../2.html"], ["../3.html"]]

    def test_the_stories_of_a_container_are_linked(self, tmp_path: Path) -> None:
        """A container's stories (``feed.jsonl#2.html``) are reached from every index page and from
        each other's previous and next: the ``#`` of the name is written ``%23``, never read as an
        anchor."""
        out = tmp_path / "out"
        pool.run([str(_feed(tmp_path / "in"))], Options(to=("html",)), out=str(out), jobs=1)
        assert sorted(p.name for p in (out / "in").iterdir()) == [f"feed.jsonl#{n}.html" for n in (1, 2, 3)]
        assert heds(out / "index" / "2024-03.html") == [f"../in/feed.jsonl%23{n}.html" for n in (1, 2, 3)]
        pages = [out / "index.html", *(out / "index").iterdir(), *(out / "in").iterdir()]
        for page in pages:
            links = _links(page)
            assert links
            assert [link for link in links if not _resolves(page, link)] == [], page
        middle = (out / "in" / "feed.jsonl#2.html").read_text()
        assert re.findall(r'rel="(?:prev|next)" href="([^"]+)"', middle) == [
            "feed.jsonl%231.html",
            "feed.jsonl%233.html",
        ]

    def test_a_link_escapes_the_name_and_keeps_the_anchor_apart(self) -> None:
        """``link`` percent-encodes every ``#`` of a page's name and adds the anchor it is given."""
        assert site.link("in/a#1.html", "index/2024-03.html") == "../in/a%231.html"
        assert site.link("index/2024-03.html", "in/a#1.html", "s4") == "../index/2024-03.html#s4"
        assert site.link("a#b#c.html", "index.html") == "a%23b%23c.html"

    def test_two_rows_naming_one_page_make_one_entry(self, tmp_path: Path) -> None:
        """When rows name the same page (an input ``a.xml#1`` beside story 1 of ``a.xml``), the
        page is listed and navigated once, from the last row naming it, and the threads that put the
        navigation in never write one page twice (the run used to end on a missing temporary file)."""
        (tmp_path / "p").mkdir()
        rows = []
        for n in range(40):
            page = f"p/{n % 8}.html"
            (tmp_path / page).write_text(html.dumps(Story(headline=f"story {n % 8}")))
            rows.append({"headline": f"row {n}", "outputs": [page]})
        index.write_index(tmp_path, rows, ".html")
        listed = heds(tmp_path / "index" / "undated.html")
        assert sorted(listed) == [f"../p/{n}.html" for n in range(8)]
        text = (tmp_path / "index" / "undated.html").read_text()
        assert [f">row {n}<" in text for n in range(40)] == [n >= 32 for n in range(40)]
        assert not [p for p in tmp_path.rglob(".nt-*")]

    def test_the_site_builds_in_linear_time(self, tmp_path: Path) -> None:
        """The index pages of 4,000 rows take no more than about 4 times as long as those of 1,000
        (linear; a quadratic step would take 16 times)."""
        start = datetime(2020, 1, 1, tzinfo=UTC)

        def build(count: int, folder: Path) -> float:
            rows = [
                {
                    "headline": f"story {n}",
                    "published": (start + timedelta(hours=7 * n)).isoformat(),
                    "source": f"wire {n % 7}",
                    "section": f"desk {n % 11}",
                    "summary": "words " * 30,
                    "outputs": [f"s/{n}.html"],
                }
                for n in range(count)
            ]
            began = time.process_time()  # CPU time: a loaded machine slows the wall clock, not this
            index.write_index(folder, rows, ".html")
            return time.process_time() - began

        small = min(build(1_000, tmp_path / "a"), build(1_000, tmp_path / "b"))
        large = min(build(4_000, tmp_path / "c"), build(4_000, tmp_path / "d"))
        assert large < 4 * small * 2, (small, large)


def heds(page: Path) -> list[str]:
    """The stories an index page lists, as the links of their headlines, in order."""
    return re.findall(r'class="hed"><a href="([^"]+)">', page.read_text())


def _chromium() -> str | None:
    import shutil

    return next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)


class TestBrowser:
    """The site in headless Chromium at 390x844 and 1280x900."""

    def test_index_and_story_pages_in_chromium(self, tmp_path: Path) -> None:
        """At phone and desktop widths the front page and story pages (one with a word wider than a
        phone) do not overflow
        sideways, their text is at least 16 px, no script runs, nothing is fetched, and every link
        names an existing file; screenshots go to test-artifacts/."""
        sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
        executable = _chromium()
        if executable is None:
            pytest.skip("no Chromium on this machine (apt-get install chromium)")
        out = _site(tmp_path)
        pool.run([str(ROWING)], Options(to=("html",)), out=str(tmp_path / "wire"), jobs=1)
        feed = tmp_path / "feed"  # a container: its stories' pages are named feed.jsonl#N.html
        pool.run([str(_feed(tmp_path / "feed-in"))], Options(to=("html",)), out=str(feed), jobs=1)
        ARTIFACTS.mkdir(exist_ok=True)
        pages = {
            "index": out / "index.html",
            "story": out / "in" / "s03.json.html",
            "long": out / "in" / "s02.json.html",  # a headline with a word wider than a phone
            "wire": tmp_path / "wire" / "rowing.tst.html",
            "feed-month": feed / "index" / "2024-03.html",
            "feed-story": feed / "feed-in" / "feed.jsonl#2.html",
        }
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            try:
                for size, (width, height) in {"phone": (390, 844), "desktop": (1280, 900)}.items():
                    for name, path in pages.items():
                        self._check(browser, path, name, size, (width, height))
            finally:
                browser.close()

    @staticmethod
    def _check(browser: object, path: Path, name: str, size: str, viewport: tuple[int, int]) -> None:
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})  # type: ignore[attr-defined]
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda request: requests.append(request.url))

        def dialog(opened: Any) -> None:
            dialogs.append(opened.message)
            opened.dismiss()

        page.on("dialog", dialog)
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (name, size)
        sizes = page.evaluate(
            "[...document.querySelectorAll('.gist, [itemprop=articleBody] p, .hed')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes
        assert min(sizes) >= 16, (name, size, sizes)
        assert (
            page.evaluate("document.querySelectorAll('script:not([type=\"application/ld+json\"])').length")
            == 0
        )
        assert dialogs == []
        assert requests == [path.as_uri()], (name, requests)
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert hrefs, name
        for href in hrefs:
            target = urlsplit(href)  # as Chromium resolved it: a '#' of a file name is the fragment
            assert target.scheme == "file", href
            assert Path(unquote(target.path)).is_file(), href
        if name == "wire":
            assert page.evaluate("document.querySelector('.kicker').innerText") == "DOMESTIC NEWS"
        shot = ARTIFACTS / f"site-{name}-{size}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5_000
        page.close()
