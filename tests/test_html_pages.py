"""Other people's pages (issue 17, "Reading a page"): article types, metadata from every source
merged by one precedence rule, bylines, dates, rights and url, pages without article markup,
detection, and pages of several articles.

The pages are tests/data/html/samples/<name>.html, each with its expected story (canonical JSON,
or a list of them for a page of several articles) in <name>.expected.json beside it, written
from the page by the rules of docs/formats/html.md.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import newsitem
from newsitem import Byline, BylineKind, MissingExtraError, ParseError, Rights, Source
from newsitem.formats import html
from newsitem.formats.html import _body, _merge

from .conftest import DATA

SAMPLES = DATA / "html" / "samples"
PAGES = sorted(SAMPLES.glob("*.html"))


def expected(path: Path) -> list[newsitem.Story]:
    """The expected stories of a sample page (one, or a list for a page of several)."""
    data = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
    return [newsitem.loads(json.dumps(one)) for one in (data if isinstance(data, list) else [data])]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_sample_page(path: Path) -> None:
    """Each sample page reads, part by part, as the stories written beside it."""
    found = [part.unwrap() for part in newsitem.loads_all(path.read_bytes(), format="html")]
    assert found == expected(path)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_sample_page_is_detected(path: Path) -> None:
    """Every sample page, with article markup or none, is detected as html."""
    assert newsitem.detect(path.read_bytes()).layout == "html"


def test_samples_exist() -> None:
    """The samples folder holds pages, each with its expected values."""
    assert len(PAGES) >= 10
    assert all(path.with_suffix(".expected.json").exists() for path in PAGES)


@pytest.mark.parametrize(
    "kind",
    [
        "Article",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "LiveBlogPosting",
        "TechArticle",
        "OpinionNewsArticle",
    ],
)
@pytest.mark.parametrize("scheme", ["http", "https"])
def test_every_article_type_is_an_article(kind: str, scheme: str) -> None:
    """Any schema.org article type, by the last segment of an http or https type, is read as an article
    in microdata and in JSON-LD (its headline taken over the page's title)."""
    micro = f'<title>t</title><div itemscope itemtype="{scheme}://schema.org/{kind}"><b itemprop="headline">H</b></div>'
    ld = f'<title>t</title><script type="application/ld+json">{{"@type": "{kind}", "headline": "H"}}</script>'
    assert html.loads(micro).headline == "H"
    assert html.loads(ld).headline == "H"


def test_property_names_in_any_case() -> None:
    """An itemprop is matched whatever its case (Le Monde's itemprop="Headline")."""
    page = (
        '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="Headline">H</h1>'
        '<p itemprop="ARTICLEBODY">Text.</p><meta itemprop="InLanguage" content="fr"></div>'
    )
    story = html.loads(page)
    assert (story.headline, story.body[0].text, story.language) == ("H", "Text.", "fr")


def test_own_pages_stay_case_sensitive() -> None:
    """Our own pages are read exactly: a property in another case is not ours and is not read."""
    story = newsitem.Story(headline="Exact", summary="S")
    page = html.dumps(story)
    assert html.loads(page) == story
    assert html.loads(page.replace('itemprop="abstract"', 'itemprop="Abstract"')).summary is None


def test_richer_value_wins_and_the_other_is_kept() -> None:
    """Where sources disagree the richer value wins (a person over an organisation), the other goes to
    extras under html.<source>.<field> with a kept-in-extras note."""
    reading = newsitem.read((SAMPLES / "org-vs-person.html").read_bytes(), layout="html")
    assert reading.story.bylines == (Byline(name="Tom Hale"),)
    assert reading.story.extras["html.jsonld.bylines"] == "Valley News"
    assert [(n.code, n.where) for n in reading.notes] == [("kept-in-extras", "jsonld")]


@pytest.mark.parametrize(
    ("values", "winner"),
    [
        ([date(2020, 1, 16), datetime(2020, 1, 16, 9)], datetime(2020, 1, 16, 9)),
        (
            [datetime(2020, 1, 16, 9), datetime(2020, 1, 16, 9, tzinfo=timezone(timedelta(hours=1)))],
            datetime(2020, 1, 16, 9, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            [[Byline(name="AP", kind=BylineKind.ORGANISATION)], [Byline(name="Jo Li")]],
            [Byline(name="Jo Li")],
        ),
        (["Microdata headline", "JSON-LD headline"], "Microdata headline"),
    ],
)
def test_merge_rule(values: list[object], winner: object) -> None:
    """The precedence rule: the first source wins unless a later one is richer (a time over a day, an
    offset over none, a person over an organisation)."""
    names = ("microdata", "jsonld")
    field = "bylines" if isinstance(winner, list) else "headline" if isinstance(winner, str) else "published"
    extras: dict[str, str] = {}
    merged = _merge.merge({name: {field: value} for name, value in zip(names, values, strict=True)}, extras)
    assert merged[field] == winner


def test_agreeing_values_are_not_kept() -> None:
    """A value that says the same as the winner (a title with the site name after the headline, the
    same day, a naive time at the same wall clock) is no disagreement: nothing goes to extras."""
    extras: dict[str, str] = {}
    sources = {
        "microdata": {"headline": "Mine reopens", "published": datetime(2020, 1, 16, 9, tzinfo=UTC)},
        "og": {"headline": "Mine reopens | Valley News", "published": datetime(2020, 1, 16, 9)},
        "page": {"published": date(2020, 1, 16)},
    }
    merged = _merge.merge(sources, extras)
    assert merged["headline"] == "Mine reopens" and extras == {}


def test_rights_part_by_part() -> None:
    """Rights come part by part from the sources (the page's copyright notice, the article's holder)."""
    extras: dict[str, str] = {}
    merged = _merge.merge(
        {"jsonld": {"rights": Rights(holder="Trust")}, "meta": {"rights": Rights(notice="© Trust")}}, extras
    )
    assert merged["rights"] == Rights(notice="© Trust", holder="Trust")


def test_url_is_never_a_picture() -> None:
    """The url is the page's (canonical first); an article url that is a picture or a logo is kept in
    extras, never the story's url."""
    story = html.loads((SAMPLES / "report-microdata.html").read_bytes())
    assert story.url == "https://river.example/reports/2019"
    page = '<script type="application/ld+json">{"@type": "Article", "headline": "h", "url": "https://x.example/a.PNG"}</script>'
    assert html.loads(page).url is None


def test_rights_never_from_the_body() -> None:
    """A copyright line in the body is not the story's rights; the page's copyright meta is."""
    page = (
        '<html><head><meta name="copyright" content="© Daily"></head><body>'
        '<article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">H</h1>'
        '<div itemprop="articleBody"><p>Text.</p><p>Copyright 2020 Someone Else</p></div></article></body></html>'
    )
    assert html.loads(page).rights == Rights(notice="© Daily")


def test_unreadable_date_is_kept_as_sent() -> None:
    """A date that cannot be read is kept as sent in extras, with a note; the story still reads."""
    page = '<script type="application/ld+json">{"@type": "Article", "headline": "h", "datePublished": "soon"}</script>'
    reading = newsitem.read(page, layout="html")
    assert reading.story.published is None
    assert reading.story.extras["html.datePublished"] == "soon"
    assert [n.code for n in reading.notes] == ["kept-in-extras"]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("", ""), ("<![CDATA[", "]]>"), ("//<![CDATA[\n", "\n//]]>"), ("/*<![CDATA[*/", "/*]]>*/")],
)
def test_json_ld_in_any_cdata_wrapper_is_read(opening: str, closing: str) -> None:
    """A JSON-LD block wrapped in CDATA markers, bare or commented as CMSs print them, is read."""
    doc = (
        '{"@type": "NewsArticle", "headline": "Ferry resumes", "datePublished": "2024-05-01T09:30:00+02:00"}'
    )
    page = f'<html><head><script type="application/ld+json">{opening} {doc} {closing}</script></head></html>'
    story = newsitem.loads(page, format="html")
    assert (story.headline, story.published) == (
        "Ferry resumes",
        datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
    )


def test_date_created_stands_for_date_published() -> None:
    """dateCreated is the published time when datePublished is absent, and a day alone stays a day."""
    story = html.loads((SAMPLES / "blogposting-jsonld.html").read_bytes())
    assert story.published == date(2020, 1, 16)


def test_plain_text_authors_are_split_and_deduplicated() -> None:
    """A plain-text author is split into people, and the same person from two sources is one byline."""
    story = html.loads((SAMPLES / "blogposting-jsonld.html").read_bytes())
    assert [b.name for b in story.bylines] == ["Jane Doe", "John Roe"]
    story = html.loads((SAMPLES / "graph-ids.html").read_bytes())
    assert story.bylines == (Byline(name="Mara Lindqvist", title="Harbour reporter"),)
    assert story.source == Source(name="The Coast Times")


def test_page_without_article_markup() -> None:
    """A page without any article markup is one article from its tags and title (no error)."""
    story = html.loads((SAMPLES / "og-only.html").read_bytes())
    assert story.headline == "Storm warning for the coast"
    assert story.url == "https://radio.example/news/storm"


def test_page_with_nothing_says_what_it_lacks() -> None:
    """A page yielding no headline, body or summary is a ParseError naming what was looked for."""
    with pytest.raises(ParseError) as caught:
        html.loads("<html><head><meta charset=utf-8></head><body><img src=x.png></body></html>")
    message = str(caught.value)
    assert "no headline (" in message and "og:title" in message and "no summary (" in message


def test_several_articles_in_document_order() -> None:
    """Each top-level article item of a page is one story, in document order; loads reads the first."""
    data = (SAMPLES / "two-articles.html").read_bytes()
    assert [p.unwrap().headline for p in html.loads_all(data)] == ["First post", "Second post", "Terceiro"]
    assert html.loads(data).headline == "First post"


def test_several_json_ld_articles() -> None:
    """Without microdata articles, each JSON-LD article (a list of two here) is one story, with its own body."""
    doc = [
        {"@type": "BlogPosting", "headline": "A", "articleBody": "a."},
        {"@type": "Report", "headline": "B", "articleBody": "b."},
    ]
    page = f'<script type="application/ld+json">{json.dumps(doc)}</script><p>page text</p>'
    assert [(s.headline, s.text) for s in (p.unwrap() for p in html.loads_all(page))] == [
        ("A", "a."),
        ("B", "b."),
    ]


def test_nested_article_is_not_another_story() -> None:
    """An article item inside another (a related article quoted in the page's article) is not a story
    of its own; an article that is a web page's mainEntity is."""
    page = (
        '<div itemscope itemtype="https://schema.org/WebPage"><article itemprop="mainEntity" itemscope'
        ' itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Main</h1>'
        '<div itemscope itemtype="https://schema.org/Article" itemprop="hasPart"><b itemprop="headline">Inner</b></div>'
        "</article></div>"
    )
    assert [p.unwrap().headline for p in html.loads_all(page)] == ["Main"]


def test_headline_cut_short_or_with_a_site_name_gives_way() -> None:
    """A headline cut short (``...``) gives way to the whole one it begins; one with a site's name
    after it (a dash, bar or bracket) gives way to the headline alone."""
    extras: dict[str, str] = {}
    cut = {
        "jsonld": {"headline": "Tsai's playbook should be read..."},
        "page": {"headline": "Tsai's playbook should be read by Lam"},
    }
    assert _merge.merge(cut, extras)["headline"] == "Tsai's playbook should be read by Lam"
    site = {
        "og": {"headline": "Mayor elected \uff08City Wire\uff09 - Portal"},
        "page": {"headline": "Mayor elected"},
    }
    assert _merge.merge(site, extras)["headline"] == "Mayor elected"
    longer = {"og": {"headline": "Mayor elected in a landslide"}, "page": {"headline": "Mayor elected"}}
    assert _merge.merge(longer, extras)["headline"] == "Mayor elected in a landslide"


def test_summary_repeating_the_headline_is_none() -> None:
    """A description that only repeats the headline (or its start) is no summary; the next source's is."""
    extras: dict[str, str] = {}
    sources = {
        "jsonld": {"headline": "Mayor elected in a landslide", "summary": "Mayor elected"},
        "og": {"summary": "The vote was counted overnight."},
    }
    assert _merge.merge(sources, extras)["summary"] == "The vote was counted overnight."


def test_page_level_sources() -> None:
    """The page's own statements: <meta itemprop> of no item, the article's <time>, rel=tag links and
    the class=copyright statement, each read by its rule."""
    story = html.loads((SAMPLES / "page-item-head-props.html").read_bytes())
    assert story.keywords == ("ferry", "strike")
    assert story.rights == Rights(notice="\u00a9 2013 Harbour Herald Ltd.")
    story = html.loads((SAMPLES / "orphan-itemprop-and-time.html").read_bytes())
    assert story.language == "en-US"
    assert story.published == datetime(2015, 4, 16, 20, 2, 1, tzinfo=UTC)


def test_missing_extra_falls_back_to_json_ld(monkeypatch: pytest.MonkeyPatch) -> None:
    """When finding the page's body needs the web extra and it is absent, the JSON-LD articleBody is the
    body, with an unreadable note naming the extra; without that text the MissingExtraError propagates."""

    def absent(*args: object) -> list[object]:
        raise MissingExtraError("web", "finding the body of a page without article markup", "trafilatura")

    monkeypatch.setattr(_body, "page_body", absent)
    reading = newsitem.read((SAMPLES / "blogposting-jsonld.html").read_bytes(), layout="html")
    assert reading.story.body[0].text == "The tomatoes are late this year."
    assert [n.code for n in reading.notes] == ["unreadable"] and "newsitem[web]" in reading.notes[0].message
    with pytest.raises(MissingExtraError, match="web"):
        html.loads((SAMPLES / "og-only.html").read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        "<!doctype html><title>x</title>",
        "\ufeff  <!-- saved --> <HTML><p>hi</p></HTML>",
        "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
        "<head><meta charset=utf-8></head>",
        "<body>text</body>",
        '<div class="x"><article><p>A fragment.</p></article></div>',
        "<!DOCTYPE html>" + "<p>x</p>" * 200_000,
    ],
)
def test_any_html_document_is_detected(text: str) -> None:
    """Any HTML document (doctype, <html>, <head>, <body>, or a fragment holding an <article>), whatever
    its size, is detected as html."""
    assert html.sniff(text) is not None
    assert newsitem.detect(text).layout == "html"


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?>\n<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><html/></newsItem>',
        '<?xml version="1.0"?>\n<!DOCTYPE nitf SYSTEM "nitf.dtd">\n<nitf><body><article/></body></nitf>',
        "<NewsML><NewsItem><p>article</p></NewsItem></NewsML>",
        '{"headline": "<html><article>x</article></html>"}',
        "From: desk@example.com\nSubject: x\nContent-Type: text/html\n\n<html><body>x</body></html>",
        "HEADLINE\nBy Jane Doe\n\n<article> is a word here",
        "",
    ],
)
def test_other_formats_are_not_claimed(text: str) -> None:
    """XML feeds with their own roots, JSON, e-mail and text layouts are not claimed as html."""
    assert html.sniff(text) is None


def test_detection_cost_is_bounded() -> None:
    """Detection looks at a bounded head: a 50 MB text is sniffed as fast as a small one."""
    import time

    big = "<!DOCTYPE html><body>" + "<p>word</p>" * 5_000_000
    start = time.process_time()
    for _ in range(20):
        html.sniff(big)
    assert time.process_time() - start < 1.0


def test_characters_xml_cannot_carry_never_fail_the_page() -> None:
    """Control characters and U+FFFE in another page's tags, title and copyright statement are made
    characters the model holds (a space or U+FFFD, the one rule for others' markup): the page reads."""
    page = (
        '<html lang="en"><head><title>Bad\x01 title</title><meta property="og:site_name" content="Site\ufffe">'
        '<meta name="keywords" content="a\x0bb, c"><meta name="pubdate" content="\x01soon"></head>'
        '<body><p>Text.</p><div class="copyright">\u00a9 Me\x02</div></body></html>'
    )
    reading = newsitem.read(page, layout="html")
    story = reading.story
    assert story.headline == "Bad\ufffd title"
    assert story.source == Source(name="Site\ufffd")
    assert story.keywords == ("a b", "c")
    assert story.extras["html.pubdate"] == "\ufffdsoon"
    assert story.rights == Rights(notice="\u00a9 Me\ufffd")


def test_markup_in_a_json_ld_name_is_no_part_of_it() -> None:
    """An author's name in JSON-LD holding HTML tags (escaped or not) is the name's text alone."""
    page = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "h", "author": ['
        '{"@type": "Person", "name": "Jane <b onclick=x>Doe</b>"}, {"@type": "Person", "name": "&lt;i&gt;Jo&lt;/i&gt; Li"}]}'
        "</script>"
    )
    assert [b.name for b in html.loads(page).bylines] == ["Jane Doe", "Jo Li"]


def test_json_ld_of_several_articles_is_not_merged_into_one() -> None:
    """A page's one microdata article takes its JSON-LD article's values only when the page has one
    JSON-LD article (of several, which one describes it is unknown)."""
    doc = [{"@type": "Article", "headline": "A", "author": "Jo Li"}, {"@type": "Article", "headline": "B"}]
    page = (
        f'<script type="application/ld+json">{json.dumps(doc)}</script>'
        '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">M</h1></div>'
    )
    story = html.loads(page)
    assert (story.headline, story.bylines, dict(story.extras)) == ("M", (), {})
    one = page.replace(', {"@type": "Article", "headline": "B"}', "")
    assert html.loads(one).bylines == (Byline(name="Jo Li"),)


def test_times_inside_the_authors_item_are_the_articles() -> None:
    """A datePublished put inside the author's Person item (a person has none) is the article's; one
    inside an image's item (a CreativeWork with its own dates) is not."""
    page = (
        '<article itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">H</h1>'
        '<li itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">Jo Li</span>'
        '<meta itemprop="datePublished" content="2017-01-18T23:00:00-0800"></li></article>'
    )
    assert html.loads(page).published == datetime(2017, 1, 18, 23, tzinfo=timezone(timedelta(hours=-8)))
    image = page.replace("http://schema.org/Person", "https://schema.org/ImageObject").replace(
        '"author"', '"image"'
    )
    assert html.loads(image).published is None


def test_pages_over_the_limits_are_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page over the size or element limit is our ParseError saying its size and the limit."""
    from newsitem.formats.html import _read

    monkeypatch.setattr(_read, "MAX_CHARACTERS", 1000)
    with pytest.raises(ParseError, match=r"1,0[0-9][0-9] bytes: pages over 1,000 are not read"):
        html.loads(b"<p>" + b"x" * 1000 + b"</p>")
    with pytest.raises(ParseError, match="characters: pages over 1,000"):
        html.loads("<p>" + "x" * 1000 + "</p>")
    monkeypatch.setattr(_read, "MAX_CHARACTERS", 16 * 1024 * 1024)
    monkeypatch.setattr(_read, "MAX_ELEMENTS", 50)
    page = "<html><body><article><h1>Title</h1>" + "<p>word</p>" * 60 + "</article></body></html>"
    with pytest.raises(ParseError, match=r"has 6[0-9] elements: pages over 50 are not read"):
        html.loads(page)
    assert html.loads(page.replace("<p>word</p>" * 60, "<p>word</p>" * 40)).headline == "Title"


def test_html_lang_is_each_of_several_articles_language() -> None:
    """On a page of several articles, <html lang> is the language of each that states none of its own."""
    data = (SAMPLES / "two-articles.html").read_bytes()
    assert [p.unwrap().language for p in html.loads_all(data)] == ["en", "en", "pt-BR"]
    ld = [{"@type": "BlogPosting", "headline": "A"}, {"@type": "Report", "headline": "B", "inLanguage": "fr"}]
    page = f'<html lang="de"><script type="application/ld+json">{json.dumps(ld)}</script></html>'
    assert [p.unwrap().language for p in html.loads_all(page)] == ["de", "fr"]


def _page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Ferry returns</title>{head}</head><body>{body}</body></html>"


_TEXT = "<p>The ferry sails again on Monday after repairs to its engine.</p>"


@pytest.mark.parametrize(
    ("markup", "names"),
    [
        ('<p>By <a rel="author" href="/a/jo">Jo Lee</a></p>', ["Jo Lee"]),
        (
            '<p><a rel="author" href="/a/jo">Jo Lee</a> and <a rel="author" href="/a/al">Al Ray</a></p>',
            ["Jo Lee", "Al Ray"],
        ),
        (
            '<div class="c-byline"><span>By</span><a href="/a/jo">Jo Lee</a><time>May 1</time></div>',
            ["Jo Lee"],
        ),
        ('<div id="storyByline">By Jo Lee and Al Ray</div>', ["Jo Lee", "Al Ray"]),
        ('<p class="byline">Von Jörg Müller</p>', ["Jörg Müller"]),
        ('<p class="byline">Par Jeanne Roux</p>', ["Jeanne Roux"]),
        ('<p class="byline">Por Ana Silva, 3 de mayo</p>', ["Ana Silva"]),
        (
            '<div class="x-byline"><p class="byline-column"><a href="/c">Deal Maker</a></p>'
            '<p class="byline">By JO LEE <time class="dateline">JULY 29, 2016</time></p></div>',
            ["JO LEE"],
        ),
        ('<span class="author-name">Jo Lee</span>', ["Jo Lee"]),
        ('<p class="byline">Updated 3 hours ago</p>', []),
        ('<div class="author-bio">Jo Lee writes about ferries.</div>', []),
        ('<span class="author" itemprop="author">Jo Lee</span>', []),
        ('<p class="byline">By <a href="https://twitter.com/jo">@jolee</a></p>', []),
        ('<div class="byline">' + "By Jo Lee " + "word " * 40 + "</div>", []),
    ],
)
def test_visible_byline_rules(markup: str, names: list[str]) -> None:
    """A byline the page shows (rel=author links, an element naming a byline opening with By/Von/Par/Por,
    an author element) gives its people; a byline element with no name in it, an author's biography,
    an itemprop'd element (markup, read as such), a handle or a long block give none."""
    found = html.loads(_page("", f"<article><h1>Ferry returns</h1>{markup}{_TEXT}</article>"))
    assert [b.name for b in found.bylines if b.kind is BylineKind.PERSON] == names


def test_visible_byline_only_near_the_article() -> None:
    """A byline element outside the article and away from its headline (a navigation item, a list of
    other stories) is not the article's."""
    body = '<nav><li id="navBylines"><a href="/b">Bylines</a></li></nav><div><div><div><h1>Ferry returns</h1></div></div></div>'
    assert html.loads(_page("", body + '<ul><li class="byline">By Al Ray</li></ul>' + _TEXT)).bylines == ()
    near = '<div><div class="head"><h1>Ferry returns</h1></div><p class="byline">By Jo Lee</p></div>'
    assert [b.name for b in html.loads(_page("", near + _TEXT)).bylines] == ["Jo Lee"]


def test_visible_byline_and_date_lose_to_any_markup() -> None:
    """The page's visible byline and date are used only when no markup source offers the field (for
    the date: no markup time at all, published or updated), and are not kept in extras when they lose."""
    story = newsitem.loads((SAMPLES / "visible-loses-to-markup.html").read_bytes(), format="html")
    assert [b.name for b in story.bylines] == ["Maria Costa"]
    assert story.published == datetime(2024, 3, 1, 8, tzinfo=UTC)
    assert not any("visible" in key for key in story.extras)
    modified = '<meta property="article:modified_time" content="2024-03-04T08:00:00+00:00">'
    shown = '<article><h1>Ferry returns</h1><p class="date">March 2, 2024</p>' + _TEXT + "</article>"
    assert html.loads(_page(modified, shown)).published is None
    assert html.loads(_page("", shown)).published == date(2024, 3, 2)


@pytest.mark.parametrize(
    ("markup", "when"),
    [
        ('<div class="article-posted-date">2/26/2015 7:11 AM PST BY TMZ STAFF</div>',
         datetime(2015, 2, 26, 7, 11, tzinfo=timezone(timedelta(hours=-8)))),
        ('<span class="timestamp">Published: January 16, 2020</span>', date(2020, 1, 16)),
        ('<p id="publishedAt">Tue Jan 28 15:28:56 CET 2020 | Berlin</p>',
         datetime(2020, 1, 28, 15, 28, 56, tzinfo=timezone(timedelta(hours=1)))),
        ('<p class="date">Updated a while ago</p>', None),
        ('<p class="teaser">January 16, 2020</p>', None),
        ('<time class="entry-published" datetime="2019-11-20T10:03:33+01:00">November 20, 2019</time>',
         datetime(2019, 11, 20, 10, 3, 33, tzinfo=timezone(timedelta(hours=1)))),
        ('<span class="date">Posted <time datetime="2019-11-20T10:03:33Z">Nov 20</time></span>',
         datetime(2019, 11, 20, 10, 3, 33, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_visible_published_time(markup: str, when: datetime | date | None) -> None:
    """An element near the headline whose class or id names a date or time gives the published time
    its text holds (read by dates.parse_web, words around it left out); one of another class gives none."""
    story = html.loads(_page("", f"<article><h1>Ferry returns</h1>{markup}{_TEXT}</article>"))
    assert story.published == when


def test_application_name_is_the_source_last() -> None:
    """<meta name="application-name"> (the HTML standard's name of the site) is the source when no richer
    tag names it; og:site_name wins over it."""
    name = '<meta name="application-name" content="Coast Radio">'
    assert html.loads(_page(name, _TEXT)).source == Source(name="Coast Radio")
    og = '<meta property="og:site_name" content="Coast Radio News">'
    assert html.loads(_page(name + og, _TEXT)).source == Source(name="Coast Radio News")


def test_visible_source_reads_a_bounded_number_of_elements(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of thousands of date and byline elements costs the visible source no more dates tried and
    no more bylines split than a page of ten: its cost is bounded, not linear in such elements times their words."""
    from newsitem.formats.html import _visible

    calls = {"dates": 0, "people": 0}
    parse, split = _visible.dates.parse_web, _visible.from_text

    def counted_parse(text: str) -> datetime | date:
        calls["dates"] += 1
        return parse(text)

    def counted_split(text: str) -> list[Byline]:
        calls["people"] += 1
        return split(text)

    monkeypatch.setattr(_visible.dates, "parse_web", counted_parse)
    monkeypatch.setattr(_visible, "from_text", counted_split)
    words = " ".join(["a1b"] * 30)
    many = f'<p class="date">{words}</p><p class="byline">By 12 34</p>' * 3000
    html.loads(_page("", f"<article><h1>Ferry returns</h1>{many}{_TEXT}</article>"))
    most = 3 * _visible.MOST_TRIED * 12 * 13 // 2  # each of 3 places: every run of 12 words
    assert 0 < calls["dates"] <= most
    assert 0 < calls["people"] <= 3 * 3 * _visible.MOST_TRIED  # each of 3 places: 3 passes
