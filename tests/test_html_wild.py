"""Other sites' pages as a review of unseen real pages found them: JSON-LD as CMSs write it,
one article described twice, front pages, placeholder dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newsitem
from newsitem import ParseError

_BODY = (
    "<article><p>" + "The ferry sailed again on Wednesday after a week of repairs. " * 8 + "</p></article>"
)


def _page(*blocks: str, head: str = "", body: str = _BODY) -> str:
    scripts = "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)
    return f"<html><head><title>Ferry resumes</title>{head}{scripts}</head><body>{body}</body></html>"


def test_one_article_described_twice_is_one_story_with_its_body() -> None:
    """A CMS block and an SEO plugin's graph describing the same article (same url) are one
    article: one story, with the page's body (it was an empty body, silently)."""
    first = '{"@type": "BlogPosting", "headline": "Ferry resumes", "url": "https://x.example/ferry"}'
    second = (
        '{"@graph": [{"@type": "Article", "@id": "https://x.example/ferry#a", "mainEntityOfPage":'
        ' "https://x.example/ferry", "headline": "Ferry resumes", "datePublished": "2024-05-01T09:30:00Z"}]}'
    )
    parts = list(newsitem.loads_all(_page(first, second), "html"))
    assert len(parts) == 1
    story = parts[0].unwrap()
    assert story.published == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert "repairs" in story.text


def test_two_different_articles_stay_two() -> None:
    """Two JSON-LD articles with different addresses and headlines are two stories."""
    first = '{"@type": "NewsArticle", "headline": "Ferry resumes", "url": "https://x.example/ferry"}'
    second = '{"@type": "NewsArticle", "headline": "Bridge closes", "url": "https://x.example/bridge"}'
    heads = [part.unwrap().headline for part in newsitem.loads_all(_page(first, second), "html")]
    assert heads == ["Ferry resumes", "Bridge closes"]


@pytest.mark.parametrize(
    "block",
    [
        '{"@type": "NewsArticle", "headline": "Ferry resumes", "datePublished": "2024-05-01T09:30:00Z",}',
        '{"@type": "NewsArticle", // the article\n "headline": "Ferry resumes", /* when */'
        ' "datePublished": "2024-05-01T09:30:00Z"}',
        '{"@type": "WebSite", "name": "x"}{"@type": "NewsArticle", "headline": "Ferry resumes",'
        ' "datePublished": "2024-05-01T09:30:00Z"}',
    ],
)
def test_json_ld_as_pages_write_it_is_read(block: str) -> None:
    """JSON-LD with a trailing comma, comments or two values one after the other is read."""
    story = newsitem.loads(_page(block), format="html")
    assert story.published == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def test_json_ld_that_no_reading_takes_is_a_note() -> None:
    """A JSON-LD block that is not JSON even read leniently is skipped with an unreadable note."""
    reading = newsitem.read(_page("{'@type': 'NewsArticle', 'headline': 'x'}"), layout="html")
    assert reading.story.headline == "Ferry resumes"
    assert [note.code for note in reading.notes if "JSON-LD" in note.message] == ["unreadable"]


@pytest.mark.parametrize("address", ["https://www.example.com/", "http://edition.example.com"])
def test_front_page_without_article_markup_is_no_article(address: str) -> None:
    """A page without article markup whose own address is a site's front page is refused as no article."""
    page = _page(head=f'<link rel="canonical" href="{address}">')
    with pytest.raises(ParseError, match="front page: no article"):
        newsitem.loads(page, format="html")


def test_article_page_or_marked_front_page_is_read() -> None:
    """A page at a deeper address, or one whose JSON-LD marks an article, is read."""
    deeper = _page(head='<link rel="canonical" href="https://www.example.com/2024/ferry">')
    assert newsitem.loads(deeper, format="html").headline == "Ferry resumes"
    marked = _page(
        '{"@type": "NewsArticle", "headline": "Ferry resumes"}',
        head='<link rel="canonical" href="https://www.example.com/">',
    )
    assert newsitem.loads(marked, format="html").headline == "Ferry resumes"


def test_placeholder_date_is_not_the_story_date() -> None:
    """A null date a CMS prints (0001-01-01) is kept in extras with a note, and the next source's time wins."""
    block = '{"@type": "NewsArticle", "headline": "Ferry resumes", "datePublished": "0001-01-01T00:00:00Z"}'
    head = '<meta property="article:published_time" content="2024-05-01T09:30:00Z">'
    reading = newsitem.read(_page(block, head=head), layout="html")
    assert reading.story.published == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert any("placeholder" in note.message for note in reading.notes)
