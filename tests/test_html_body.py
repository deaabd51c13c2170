"""The body of another's page when its markup carries none (:mod:`newsitem.formats.html._body`).

Samples of our own in ``tests/data/html/body-samples/``: each ``<name>.html`` with
``<name>.expected.json`` beside it (``how`` the body element is found, and the blocks our
own rules read, each as ``[kind, text]``; a figure as ``[kind, uri, caption, credit, alt]``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import newsitem
from newsitem.errors import MissingExtraError, NewsItemError, ParseError
from newsitem.formats import _markup
from newsitem.formats.html import _body, _extract
from newsitem.formats.html._policy import Lenient
from newsitem.model import Block, Figure, Heading, ListBlock, Paragraph, Quote, Run, Table

SAMPLES = Path(__file__).parent / "data" / "html" / "body-samples"
NAMES = sorted(path.stem for path in SAMPLES.glob("*.html"))
_KINDS = {Paragraph: "paragraph", Heading: "heading", ListBlock: "list", Quote: "quote", Table: "table"}


def _root(markup: str) -> etree._Element:
    """The page's tree as the reader gives it to page_body (scripts and styles stripped)."""
    root = _markup.parse_html(markup, format="html")
    assert root is not None
    etree.strip_elements(root, "script", "style", "template", with_tail=False)
    return root


def _as_json(block: Block) -> list[Any]:
    if isinstance(block, Figure):
        return ["figure", block.uri, block.caption, block.credit, block.alt]
    return [_KINDS[type(block)], block.text]


def _page(paragraphs: int, *, marked: bool) -> str:
    prop = ' itemprop="articleBody"' if marked else ""
    body = "".join(
        f"<p>Sentence number {n} of the story, long enough to be text.</p>" for n in range(paragraphs)
    )
    return f"<html><body><nav><a href='/'>Home</a></nav><div{prop}>{body}</div></body></html>"


@pytest.mark.parametrize("name", NAMES)
def test_samples_read_by_our_own_rules(name: str) -> None:
    """Each sample's body element is found as expected and read into the expected blocks,
    boilerplate (share bars, forms, related links, promo lines, repeated bylines) left out."""
    expected = json.loads((SAMPLES / f"{name}.expected.json").read_text("utf-8"))
    root = _root((SAMPLES / f"{name}.html").read_text("utf-8"))
    blocks, how = _body.own_body(root, None, Lenient())
    assert how == expected["how"]
    assert [_as_json(block) for block in blocks] == expected["blocks"]


def test_article_body_is_read_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page marking its body with itemprop=articleBody is read by our rules alone (trafilatura
    is not even imported)."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    root = _root((SAMPLES / "itemprop-body.html").read_text("utf-8"))
    blocks = _body.page_body(root, None, Lenient())
    assert blocks[0].text.startswith("The harbour of Porto Novo reopened")


def test_missing_trafilatura_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page without articleBody markup needs trafilatura: absent, the error names the extra."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura raises ImportError
    root = _root((SAMPLES / "article-element.html").read_text("utf-8"))
    with pytest.raises(MissingExtraError) as caught:
        _body.page_body(root, None, Lenient())
    assert caught.value.extra == "web"
    assert "pip install 'newsitem[web]'" in str(caught.value)
    assert "finding the body of a page without article markup" in str(caught.value)


def test_trafilatura_failing_is_our_rules_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura raising on a page (lxml's XMLSyntaxError, as a mutated page once made it) is
    no failure of the reader: the body comes from our own rules and an ``unreadable`` note says so."""
    trafilatura = pytest.importorskip("trafilatura")

    def broken(*args: object, **kwargs: object) -> str:
        raise etree.XMLSyntaxError("error parsing attribute name", 0, 1, 1)

    monkeypatch.setattr(trafilatura, "extract", broken)
    reading = newsitem.read((SAMPLES / "article-element.html").read_bytes(), layout="html")
    assert any(block.text.startswith("Nach dem Sturm fahren die Züge") for block in reading.story.body)
    assert [note.code for note in reading.notes if "trafilatura" in note.message] == ["unreadable"]


def test_unmarked_page_is_read_by_trafilatura_onto_blocks() -> None:
    """A page without articleBody markup is read by trafilatura, its structure mapped onto our
    blocks (a heading stays a heading), boilerplate left out."""
    pytest.importorskip("trafilatura")
    root = _root((SAMPLES / "article-element.html").read_text("utf-8"))
    blocks = _body.page_body(root, None, Lenient())
    texts = [block.text for block in blocks]
    assert any(text.startswith("Nach dem Sturm fahren die Züge") for text in texts)
    assert Heading(runs=[Paragraph.plain("Ersatzverkehr").runs[0]], level=2) in blocks
    assert not any("Kaufen Sie" in text or "Meistgelesen" in text for text in texts)


def test_trafilatura_xml_is_mapped_onto_blocks() -> None:
    """trafilatura's XML elements become our blocks: head, list, quote, table, hi, ref and lb."""
    xml = (
        "<doc><main><head rend='h3'>Sub</head><p>A <hi rend='#b'>bold</hi> "
        "<ref target='https://a.example/'>link</ref><lb/>next</p>"
        "<list><item>one</item><item>two</item></list><quote><p>Said.</p></quote>"
        "<table><row><cell role='head'>k</cell></row><row><cell>v</cell></row></table></main>"
        "<comments><p>a comment</p></comments></doc>"
    )
    blocks = _extract.blocks_of(xml, Lenient())
    assert [_as_json(block) for block in blocks] == [
        ["heading", "Sub"],
        ["paragraph", "A bold link\nnext"],
        ["list", "- one\n- two"],
        ["quote", "Said."],
        ["table", "k\nv"],
    ]
    assert blocks[0] == Heading(runs=blocks[0].runs, level=3)
    assert isinstance(blocks[1], Paragraph)
    assert [run.link for run in blocks[1].runs if run.link] == ["https://a.example/"]


def test_the_page_tree_is_not_changed() -> None:
    """page_body reads a copy: the page's tree is the same before and after."""
    pytest.importorskip("trafilatura")
    for name in NAMES:
        root = _root((SAMPLES / f"{name}.html").read_text("utf-8"))
        before = etree.tostring(root)
        _body.page_body(root, None, Lenient())
        assert etree.tostring(root) == before


def test_the_article_element_is_searched_first() -> None:
    """A body container inside the microdata article wins over a larger one elsewhere."""
    words = " ".join(["word"] * 50)
    root = _root(
        f"<html><body><div class='article-body'><p>{words} {words}</p></div>"
        f"<div id='item'><div class='story-body'><p>Mine: {words}</p></div></div></body></html>"
    )
    article = next(element for element in root.iter("div") if element.get("id") == "item")
    blocks, how = _body.own_body(root, article, Lenient())
    assert how == "marked"
    assert blocks[0].text.startswith("Mine:")


def test_page_without_body_gives_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with no text at all has no body: [] (trafilatura finds nothing either)."""
    monkeypatch.setattr(_extract, "extracted", lambda root, policy: [])
    root = _root("<html><body><nav><a href='/'>Home</a></nav><div></div></body></html>")
    assert _body.page_body(root, None, Lenient()) == []


@pytest.mark.parametrize("cap", ["MAX_TEXT", "MAX_ELEMENTS"])
def test_pages_over_the_cap_are_read_by_our_rules(cap: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page over trafilatura's size cap (text or elements) is read by our own rules,
    trafilatura never imported."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setattr(_extract, cap, 8)
    root = _root(_page(5, marked=False))
    blocks = _body.page_body(root, None, Lenient())
    assert len(blocks) == 5
    assert blocks[0].text == "Sentence number 0 of the story, long enough to be text."


def test_deep_nesting_is_our_parse_error_first() -> None:
    """A 100 000-deep nest is the ParseError of parse_html before any body is looked for."""
    with pytest.raises(ParseError):
        _markup.parse_html("<div class='share'>" * 100_000 + "x", format="html")


@pytest.mark.parametrize(
    "pattern",
    [
        lambda n: "<div class='share'><p>x y</p>" * 250 + "<p>text</p>" * n,
        lambda n: "<div class='article-body'><p>x</p></div>" * n,
        lambda n: "<article><p>word word</p></article>" * n,
    ],
)
def test_large_pages_are_bounded(pattern: Any) -> None:
    """Hostile pages of about a megabyte (nested boilerplate, thousands of candidate
    containers: over trafilatura's cap) are read by our own rules within a few CPU seconds,
    or give our error."""
    markup = "<html><body>" + pattern(30_000) + "</body></html>"
    cpu = time.process_time()
    try:
        found: object = _body.page_body(_root(markup), None, Lenient())
    except NewsItemError as exc:
        found = exc
    assert time.process_time() - cpu < 10.0
    assert isinstance(found, list | NewsItemError)


def test_a_page_at_the_cap_is_bounded() -> None:
    """A page just under trafilatura's element cap (3 000 paragraphs of links and marks) is
    read through it within a few CPU seconds."""
    pytest.importorskip("trafilatura")
    paragraphs = "".join(
        f"<p>Sentence {n} of the story, <a href='https://a.example/{n}'>a link</a> <b>and</b> words.</p>"
        for n in range(3_000)
    )
    root = _root(f"<html><body><article>{paragraphs}</article></body></html>")
    assert _extract.within_cap(root)
    cpu = time.process_time()
    found = _body.page_body(root, None, Lenient())
    assert time.process_time() - cpu < 10.0
    assert len(found) == 3_000


def test_file_name_alternative_text_is_no_text() -> None:
    """An image whose alt is a file name or slug (what a CMS fills in) is a figure without alt;
    a real text alternative is kept."""
    root = _root(
        "<html><body><div itemprop='articleBody'><p>Text of the story.</p>"
        "<img src='https://a.example/1.jpg' alt='0225-lupita-getty-01'>"
        "<img src='https://a.example/2.jpg' alt='Lupita at the Oscars'></div></body></html>"
    )
    blocks, _ = _body.own_body(root, None, Lenient())
    assert blocks[1:] == [
        Figure(uri="https://a.example/1.jpg"),
        Figure(uri="https://a.example/2.jpg", alt="Lupita at the Oscars"),
    ]


def test_space_between_links_survives_trafilatura() -> None:
    """trafilatura drops a space standing alone between two inline elements; read through it,
    ``<a>Jair</a> <a>Bolsonaro</a>`` is still "Jair Bolsonaro", links and marks kept."""
    pytest.importorskip("trafilatura")
    filler = "<p>" + "A sentence of the article that is long enough to be its text. " * 12 + "</p>"
    root = _root(
        f"<html><body><nav><a href='/'>Home</a></nav><article>{filler}"
        "<p>Eleito <a href='https://a.example/1'>Jair</a> <a href='https://a.example/2'>Bolsonaro</a>"
        " e <b>Jair</b>\n<i>Bolsonaro</i>, o técnico declarou.</p>"
        f"{filler}</article></body></html>"
    )
    found = [block for block in _extract.extracted(root, Lenient()) or [] if "Eleito" in block.text]
    assert [block.text for block in found] == ["Eleito Jair Bolsonaro e Jair Bolsonaro, o técnico declarou."]
    assert isinstance(found[0], Paragraph)
    assert [run.link for run in found[0].runs if run.link] == ["https://a.example/1", "https://a.example/2"]


def test_web_report_puts_readers_side_by_side(tmp_path: Path) -> None:
    """The web report gives each reader's precision and recall per page, the share of non-empty
    bodies, and the medians and means (readers here: fixed texts against a page of our own)."""
    from tests import web_report

    page = tmp_path / "page.html"
    page.write_bytes(b"<html></html>")
    chosen = [("one", page, "alpha beta gamma delta"), ("two", page, "alpha beta")]
    readers = {"half": lambda data: "alpha beta", "none": lambda data: ""}
    table = web_report.report(readers, chosen).splitlines()
    assert table[2] == "| one | 1.00 / 0.50 | empty |"
    assert table[3] == "| two | 1.00 / 1.00 | empty |"
    assert table[4] == "| non-empty body | 100% | 0% |"
    assert table[5] == "| median | 1.00 / 0.75 | 0.00 / 0.00 |"
    assert table[6] == "| mean | 1.00 / 0.75 | 0.00 / 0.00 |"


def test_one_of_several_articles_gets_only_its_own_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a page of several article items, an article's body is looked for inside it only (by
    our own rules): one without text has none, not the page's."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # never needed here
    item = '<article itemscope itemtype="https://schema.org/NewsArticle">'
    root = _root(
        f"<html><body>{item}<h1>One</h1><p>First story text.</p></article>"
        f"{item}<meta itemprop='genre' content='x'></article></body></html>"
    )
    first, second = (element for element in root.iter("article"))
    assert _body.page_body(root, second, Lenient()) == []
    assert _body.page_body(root, first, Lenient()) == [Paragraph.plain("First story text.")]


@pytest.mark.parametrize(
    "line",
    [
        "Continue reading the main story",
        "Loading weather data ...",
        "EXCLUSIVE",
        "Update:",
        "More from Sports",
        "Weiterlesen",
        "4 Min.",
        "April 12, 2018",
        "12:00 PM",
        "kokobj@yna.co.kr\n(END)",
        "/FIN/",
        "doi: 10.1038/d41586-019-02790-3",
        "Nature 574, 16-17 (2019)",
        "If you're on the app, click here to watch live",
        "Please share your videos, pictures and stories with us.",
        "Auch Herbert Grönemeyer gehört zu den Unterstützern. Bild: dpa",
        "Tech Enabled: Our series on accessibility. Check it out here.",
    ],
)
def test_edge_lines_are_no_story_text(line: str) -> None:
    """A reading-UI phrase, badge, date alone, address and end mark, reference, call to readers,
    orphaned caption or promo pointer is trimmed from either edge of a body, and kept inside it."""
    story = [Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")]
    junk = Paragraph.plain(line)
    assert _body._trimmed([junk, *story, junk], None) == story
    middle = [story[0], junk, story[0]]
    assert _body._trimmed(middle, None) == middle


def test_edge_rules_keep_short_story_lines() -> None:
    """A short line of text that is no UI (a one-word paragraph, a label and value) is kept at
    an edge, and a body made only of edge lines is kept rather than emptied."""
    lines = [Paragraph.plain("Before"), Paragraph.plain("Section: Local"), Paragraph.plain("Yes.")]
    assert _body._trimmed(lines, None) == lines
    alone = [Paragraph.plain("April 12, 2018")]
    assert _body._trimmed(alone, None) == alone


def test_edge_figures_without_text_are_trimmed_credited_ones_kept() -> None:
    """A figure with no caption, credit or alt at an edge is decoration and trimmed; one with
    a credit (a real picture of the story) stays."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    bare = Figure(uri="https://x.example/a.jpg")
    credited = Figure(uri="https://x.example/b.jpg", credit="Kevin")
    assert _body._trimmed([bare, text, bare], None) == [text]
    assert _body._trimmed([credited, text], None) == [credited, text]


def test_figure_alt_repeating_the_headline_is_no_text() -> None:
    """An image whose alt only repeats the page's headline has no text alternative of its own."""
    figure = Figure(uri="https://x.example/a.jpg", alt="Harbour  wall rebuilt", credit="A. Roe")
    (read,) = _body._trimmed([figure], "harbour wall rebuilt")
    assert isinstance(read, Figure) and read.alt is None and read.credit == "A. Roe"


@pytest.mark.parametrize(
    ("style", "hidden"),
    [
        ("display:none;", True),
        ("visibility: hidden", True),
        ("height: 0px; text-align: center; overflow: hidden;", True),
        ("max-height: 0px; overflow: hidden", False),
        ("height: 0px", False),
        ("color: red", False),
    ],
)
def test_hidden_styles(style: str, hidden: bool) -> None:
    """An inline style showing nothing (display none, visibility hidden, no height with hidden
    overflow) marks boilerplate; other styles do not."""
    assert _body._hidden(style) is hidden


def test_blank_lines_split_paragraphs() -> None:
    """Two <br> in a row inside a <p> (white space between them) split it into paragraphs, the
    text and inline marks of each part kept; a single <br> stays a line break."""
    root = _markup.parse_html(
        "<div><p>One <b>a</b><br> <br>Two<br>two b<br><br><br>Three</p></div>", format="html"
    )
    assert root is not None
    _extract.split_blank_lines(root)
    found = [etree.tostring(p, encoding="unicode", with_tail=False) for p in root.iter("p")]
    assert found == ["<p>One <b>a</b></p>", "<p>Two<br/>two b</p>", "<p>Three</p>"]


def test_blank_lines_split_before_trafilatura() -> None:
    """A page read by trafilatura keeps its blank-line paragraphs (trafilatura would make a
    blank line one line break): each becomes a paragraph."""
    sentence = "This sentence is part of a long story about the harbour and its new tide tables"
    parts = [f"{sentence}, part {n}." for n in range(6)]
    page = f"<html><body><main><div class='x'><p>{'<br><br>'.join(parts)}</p></div></main></body></html>"
    blocks = _body.page_body(_root(page), None, Lenient())
    assert [block.text for block in blocks] == parts


def test_link_in_a_classed_span_survives_trafilatura() -> None:
    """A link wrapped in <span class="link"> inside a paragraph keeps its words on a page read by
    trafilatura (which took such a span for boilerplate)."""
    text = "The stakes are high for all of the candidates in the debate this week, and for one most"
    page = (
        "<html><body><main><div class='story'>"
        f"<p>{text} of all: <span class='link'><a href='https://x.example/jb'>Joe Biden</a></span>.</p>"
        + "".join(f"<p>{text}, said observer number {n} of the race.</p>" for n in range(5))
        + "</div></main></body></html>"
    )
    blocks = _body.page_body(_root(page), None, Lenient())
    assert blocks[0].text == f"{text} of all: Joe Biden."


def test_captioned_figures_of_the_marked_body_join_trafilatura_blocks() -> None:
    """On a page read by trafilatura, the captioned figures of the page's marked body element
    come back in their place; a caption-less one does not, and a paragraph that is a figure's
    caption becomes that figure."""
    words = "of the story about the harbour wall, long enough for any extractor to keep it"
    page = (
        "<html><body><div class='article-body'>"
        f"<p>First paragraph {words}.</p>"
        "<figure><img src='https://x.example/a.jpg'><figcaption>The wall at dawn.</figcaption></figure>"
        f"<p>Second paragraph {words}.</p>"
        "<figure><img src='https://x.example/b.jpg'></figure>"
        f"<p>Third paragraph {words}.</p>"
        "</div></body></html>"
    )
    blocks = _body.page_body(_root(page), None, Lenient())
    kinds = [(type(block).__name__, block.text[:16]) for block in blocks]
    assert kinds == [
        ("Paragraph", "First paragraph "),
        ("Figure", "The wall at dawn"),
        ("Paragraph", "Second paragraph"),
        ("Paragraph", "Third paragraph "),
    ]
    caption = Paragraph.plain("The wall at dawn.")
    figure = Figure(uri="https://x.example/a.jpg", caption="The wall at dawn.")
    own = [figure, Paragraph.plain("Text.")]
    assert _body._with_figures([caption, Paragraph.plain("Text.")], own) == own


_NESTED = {
    "nested-figures": "<figure>" * 250 + "<img src='https://x.example/y.jpg'>" * 60_000,
    "nested-captions": "<figure><img src='https://x.example/y.jpg'><figcaption>"
    + "<figcaption>" * 250
    + "<span>x</span>" * 40_000,
    "nested-image-boxes": "<div class='photo'>" * 250
    + "<img src='https://x.example/y.jpg'>"
    + "word " * 200_000,
    "deep-flat-image-boxes": "<div>" * 250
    + "<div class='photo'><img src='https://x.example/y.jpg'>c</div>" * 25_000,
    "blank-lines": "<p>" + "a<br><br>" * 30_000 + "</p>",
    "long-style": "<p style='" + "height:0;" * 100_000 + "'>x</p>",
    "long-edge-words": "<p>" + "se reserva el derecho x" * 50_000 + "</p><p>a</p>" * 1000,
    "labels-and-menus": ("<p>Label</p><ul><li><a href='https://x.example/'>a</a></li></ul>" * 20_000),
    "many-edge-lines": "<p>Text size</p>" * 25_000 + "<p>April 12, 2018</p>" * 25_000,
}


@pytest.mark.parametrize("name", list(_NESTED))
def test_figure_and_blank_line_rules_are_bounded(name: str) -> None:
    """The figure, caption, credit, image-box, blank-line and hidden-style rules stay linear on
    megabyte pages nested to libxml2's depth (each element's subtree is walked once, not once
    per enclosing figure or box)."""
    markup = f"<html><body><div itemprop='articleBody'>{_NESTED[name]}</div></body></html>"
    root = _root(markup)
    cpu = time.process_time()
    try:
        found: object = _body.page_body(root, None, Lenient())
    except NewsItemError as exc:
        found = exc
    assert time.process_time() - cpu < 5.0, name
    assert isinstance(found, list | NewsItemError)


def test_figures_of_a_body_split_in_parts_join_trafilatura_blocks() -> None:
    """A body split in containers marked alike (story-body-1, story-body-2) gives trafilatura's
    blocks the figures of every part, a credited figure without caption included."""
    words = "of the story about the harbour wall, long enough for any extractor to keep it"
    page = (
        "<html><body>"
        "<div class='story-body story-body-1'>"
        "<figure><img src='https://x.example/a.jpg'><figcaption><small>A. Roe</small></figcaption></figure>"
        f"<p>First paragraph {words}.</p></div>"
        "<div class='ad'>Advertisement</div>"
        "<div class='story-body story-body-2'>"
        + "".join(f"<p>Paragraph {n} {words}, and then some more words.</p>" for n in range(4))
        + "</div></body></html>"
    )
    root = _root(page)
    marked = _body._marked(root, None)
    assert marked is not None and len(_body._alike(root, marked)) == 2
    blocks = _body.page_body(root, None, Lenient())
    assert isinstance(blocks[0], Figure) and blocks[0].credit == "A. Roe"
    assert blocks[1].text.startswith("First paragraph")


@pytest.mark.parametrize(
    "line",
    [
        "Share this on Telegram",
        "Like this article? Share it with your friends!",
        "このニュースをシェア",
        "Instagram Offizielles Logo",
        "Follow @harbournews on Twitter 03.02.2020",
        "Subscribe Sign In",
        "Jetzt unterstützen!",
        "Become a member and read without limits",
        "この記事は会員限定です。登録すると続きをお読みいただけます。",
        "Ich möchte den Newsletter abonnieren. Die Datenschutzerklärung habe ich zur Kenntnis genommen.",
        "Loading Comments...",
        "Tell us what you think below",
        "Atenção: comentários ofensivos serão apagados.",
        "El diario se reserva el derecho de borrar los comentarios.",
        "You might also like",
        "- Related Video",
        "Filed under: Harbour |",
        "Diese Artikel könnten Sie auch interessieren:",
        "Tempo de leitura: 3 minutos",
        "Reading time: 4 min",
        "1.204 Bewertungen",
        "Text size",
        "© Anna Roe/Harbour Press",
        "To Read the Full Article",
        "Already a subscriber? Log in",
        "29 November 2018 | 20 January 2019",
        "Follow Harbour News on Instagram, Facebook and Twitter.",
        "Get the day's top headlines right in your inbox. Subscribe to our newsletter.",
        "Want more? Get a subscription to our sister magazine for the latest news from the coast.",
        "What do you think? Let us know down below in the comments or on social media.",
        "Atenção: comentários ofensivos não serão aprovados pelo moderador da página, que pode bloquear.",
        "Copyright 2020 Harbour Press. All rights reserved. This material may not be redistributed.",
        "Image copyright Harbour Press",
        "Write to Kim Lee at kim.lee@news.example",
        "Handbook of Coastal Engineering (2018).",
        "Harbour wall (2020, March 2) retrieved 4 March 2020 from https://news.example/harbour-wall.html",
    ],
)
def test_page_furniture_lines_are_trimmed_at_edges(line: str) -> None:
    """A share or follow call, subscribe, paywall, membership or consent line, comment prompt
    or moderation notice, related-list header, reading time, rating, credit or citation line
    (several languages) is trimmed from either edge of a body, and kept inside it."""
    story = [Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")]
    junk = Paragraph.plain(line)
    assert _body._trimmed([junk, *story, junk], None) == story
    middle = [story[0], junk, story[0]]
    assert _body._trimmed(middle, None) == middle


def test_story_lines_like_furniture_are_kept() -> None:
    """Story sentences that merely mention sharing, members or comments are no furniture."""
    lines = [
        Paragraph.plain("Members of the council will share the cost with the port."),
        Paragraph.plain("Comments from residents were mostly positive, the mayor said."),
        Paragraph.plain("The new wall will be finished in 2021."),
    ]
    assert _body._trimmed(lines, None) == lines


def test_repeated_headline_with_a_kicker_is_trimmed() -> None:
    """The page's headline repeated as the body's first paragraph, alone or after a kicker of a
    few words, is dropped; a paragraph that only contains the headline in a sentence stays."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    headline = "Harbour wall to be rebuilt"
    for first in ("Harbour wall to be rebuilt", "Local news Harbour wall to be rebuilt"):
        assert _body._trimmed([Paragraph.plain(first), text], headline) == [text]
    sentence = Paragraph.plain("Nobody expected the news: harbour wall to be rebuilt")
    assert _body._trimmed([sentence, text], headline) == [sentence, text]


def _links(*titles: str) -> ListBlock:
    return ListBlock(
        items=tuple(
            Paragraph(runs=(Run(text=t, link=f"https://x.example/{i}"),)) for i, t in enumerate(titles)
        )
    )


def test_link_lists_and_their_labels_at_edges_are_trimmed() -> None:
    """A site menu or related-links section at an edge (lists of links with their unpunctuated
    labels, a related headline that is mostly link text) is trimmed; a list of links in the
    middle, and a label before story text, stay."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    label = Paragraph.plain("Our network")
    menu = _links("Harbour Times", "Coast Weekly")
    related = Paragraph(
        runs=(
            Run(text="Ferry timetable cut for the winter", link="https://x.example/f"),
            Run(text=" Aug. 18"),
        )
    )
    assert _body._trimmed([label, menu, label, menu, text, related, menu], None) == [text]
    assert _body._trimmed([text, menu, text], None) == [text, menu, text]
    assert _body._trimmed([label, text], None) == [label, text]


def test_hidden_inline_cards_are_not_given_to_trafilatura() -> None:
    """An inline element a browser does not show with its text (``aria-hidden``, ``hidden``,
    ``display: none``, a tooltip or hover card) is left out of trafilatura's copy of the page,
    the text after it kept in place."""
    page = (
        "<html><body><p>Gov. <span class='hovercard'><a class='hovercard-link' href='/noem'>Kristi Noem</a>"
        "<span class='hovercard-block'>Kristi Lynn Noem Governor doubles down</span></span> said <span aria-hidden='true'>x</span>no"
        "<span style='display:none'>secret</span> more.</p></body></html>"
    )
    copy = _extract._spaced(_root(page))
    assert " ".join("".join(copy.itertext()).split()) == "Gov. Kristi Noem said no more."


def test_a_label_with_a_colon_last_in_the_body_is_trimmed() -> None:
    """A short label ending with a colon is trimmed at the body's end (its list is gone), and
    kept at its start or inside it (a list may follow it there)."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    label = Paragraph.plain("Editors' Recommendations:")
    assert _body._trimmed([text, label], None) == [text]
    assert _body._trimmed([label, text, text], None) == [label, text, text]


def test_alternative_text_that_is_markup_is_read_to_text() -> None:
    """An image's text alternative that is itself escaped markup (a CMS's attribute holding a
    ``<span>``) becomes the text a reader would see; one that is only tags becomes none."""
    figure = Figure(
        uri="https://x.example/a.jpg", alt='<span style="font-size:13px;">Harbour &amp; pier</span>'
    )
    assert _body._trimmed([figure], None)[0].alt == "Harbour & pier"
    empty = Figure(uri="https://x.example/a.jpg", alt="<br/>", credit="A. Roe")
    assert _body._trimmed([empty], None)[0].alt is None


def test_furniture_blocks_headings_and_datelines_at_edges() -> None:
    """A block whose lines are each furniture ("Facebook Offizielles Logo" / "Harbour News on
    Facebook 11.07.2017"), a list of furniture lines, a heading last in the body, a dateline
    alone at the start ("Ormalingen,") and a kicker before the headline again are trimmed."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    social = Paragraph.plain("Facebook Offizielles Logo\nHarbour News on Facebook 11.07.2017")
    notice = ListBlock(items=(Paragraph.plain("- The site reserves the right to delete any comment."),))
    heading = Heading(runs=(Run(text="Tell us what you think"),))
    dateline = Paragraph.plain("New York CNN \u2014")
    kicker, again = Paragraph.plain("Germany"), Paragraph.plain("Harbour wall to be rebuilt")
    blocks = [dateline, kicker, again, text, social, notice, heading]
    assert _body._trimmed(blocks, "Harbour wall to be rebuilt") == [text]
    assert _body._trimmed([kicker, text], "Harbour wall to be rebuilt") == [kicker, text]


def test_a_figure_captioned_with_a_furniture_line_is_trimmed_at_an_edge() -> None:
    """A picture at an edge whose caption is only a furniture line (a network's logo captioned
    "Follow @harbournews on Twitter") is trimmed; a captioned picture of the story stays."""
    text = Paragraph.plain("The council voted on Monday to rebuild the harbour wall.")
    logo = Figure(uri="https://x.example/t.png", caption="Follow @harbournews on Twitter", alt="Logo")
    photo = Figure(uri="https://x.example/p.jpg", caption="The harbour wall after the storm.")
    assert _body._trimmed([photo, text, logo], None) == [photo, text]
