"""Body blocks to and from markup: the one markup module (:mod:`newsitem.formats._markup`).

HTML fragments (``blocks_html`` / ``body_blocks``), lxml XML trees in NITF 3.6 and
XHTML style (``append_blocks`` / ``blocks``), other people's markup, and the NITF
schema: every tree ``append_blocks`` writes in NITF style is valid.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsitem import Figure, Heading, ListBlock, Paragraph, Preformatted, Quote, Run, Table
from newsitem.errors import NewsItemError, ValidationError
from newsitem.formats import _markup
from newsitem.strategies import blocks as any_block

from .conftest import SHARED

NITF = "http://iptc.org/std/NITF/2006-10-18/"
F = "{" + NITF + "}"
XSD = SHARED / "schemas" / "newsml-g2-2.35" / "nitf-3-6.xsd"


def _fragment(markup: str, *, tidy: bool = False) -> list[object]:
    root = _markup.parse_html(markup, format="html", fragment=True)
    assert root is not None
    body = root.find("body")
    assert body is not None
    return list(_markup.blocks(body, tidy=tidy, html=True))


def _nitf(markup: str) -> list[object]:
    root = etree.fromstring(f'<body.content xmlns="{NITF}">{markup}</body.content>')
    return list(_markup.blocks(root, link=_markup.as_written))


@given(st.lists(any_block(), max_size=5))
def test_blocks_html_reads_back_exactly(blocks: list[object]) -> None:
    """Every list of blocks written by ``blocks_html`` reads back equal through ``body_blocks``
    (links and figure URIs as written): whitespace in cells and ``pre``, empty cells, ragged rows."""
    markup = _markup.blocks_html(blocks)  # type: ignore[arg-type]
    assert _markup.body_blocks(markup, link=_markup.as_written) == blocks


@given(st.lists(any_block(), max_size=5), st.sampled_from(["nitf", "xhtml"]))
def test_append_blocks_reads_back_exactly(blocks: list[object], style: str) -> None:
    """Every list of blocks appended to an XML tree (NITF or XHTML style), serialised and parsed,
    reads back equal through ``blocks``."""
    root = etree.Element(F + "body.content")
    _markup.append_blocks(root, blocks, namespace=F, style=style)  # type: ignore[arg-type]
    parsed = etree.fromstring(etree.tostring(root))
    assert _markup.blocks(parsed, link=_markup.as_written) == blocks


@pytest.mark.skipif(not XSD.exists(), reason="needs ../shared/schemas")
@given(st.lists(any_block(), min_size=1, max_size=5))
def test_nitf_blocks_are_schema_valid(blocks: list[object]) -> None:
    """Every body ``append_blocks`` writes in NITF style validates against the NITF 3.6 XSD."""
    schema = _schema()
    nitf = etree.Element(F + "nitf", nsmap={None: NITF})  # type: ignore[dict-item]
    content = etree.SubElement(etree.SubElement(nitf, F + "body"), F + "body.content")
    _markup.append_blocks(content, blocks, namespace=F, style="nitf")  # type: ignore[arg-type]
    assert schema.validate(nitf), str(schema.error_log)


_SCHEMAS: list[etree.XMLSchema] = []


def _schema() -> etree.XMLSchema:
    if not _SCHEMAS:
        _SCHEMAS.append(etree.XMLSchema(etree.parse(str(XSD))))
    return _SCHEMAS[0]


def test_nitf_names_are_written() -> None:
    """NITF style writes hl2 (a level above 2 as a class), bq/block/credit, ol/li, table with
    thead/tbody, pre and media with its reference (the alt text as NITF 3.6's alternate-text),
    caption and producer."""
    root = etree.Element(F + "body.content")
    _markup.append_blocks(
        root,
        [
            Heading(runs=["Sub"], level=3),
            Quote(body=["Q"], attribution="Ana"),
            ListBlock(items=["a"], ordered=True),
            Table(rows=[["h"], ["c", ""]], header_rows=1),
            Preformatted(text=" x\n\ty"),
            Figure(uri="https://x/p.jpg", caption="Cap", credit="AP", alt="Alt"),
        ],
        namespace=F,
    )
    text = etree.tostring(root, encoding=str).replace(f' xmlns="{NITF}"', "").replace("ns0:", "")
    assert '<hl2 class="level-3">Sub</hl2>' in text
    assert "<bq><block><p>Q</p></block><credit>Ana</credit></bq>" in text
    assert "<ol><li>a</li></ol>" in text
    assert "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>c</td><td/></tr></tbody></table>" in text
    assert "<pre> x\n\ty</pre>" in text
    assert (
        '<media media-type="image"><media-reference source="https://x/p.jpg" alternate-text="Alt"/>'
        "<media-caption>Cap</media-caption><media-producer>AP</media-producer></media>"
    ) in text


def test_blocks_html_markup() -> None:
    """``blocks_html`` writes the documented elements, inert for a URI ``live`` refuses."""
    markup = _markup.blocks_html(
        [
            Quote(body=["Q"], attribution="Ana"),
            Preformatted(text="\nx"),
            Figure(uri="urn:x:1", caption="C", credit="AP"),
            Table(rows=[["a"]], header_rows=1),
        ],
        live=lambda uri: uri.startswith("https:"),
        sep="",
    )
    assert markup == (
        "<blockquote><p>Q</p><footer>Ana</footer></blockquote><pre>\n\nx</pre>"
        '<figure><img data-newsitem-src="urn:x:1"><figcaption>C<small>AP</small></figcaption></figure>'
        "<table><thead><tr><th>a</th></tr></thead></table>"
    )


def test_nitf_body_is_read_as_blocks() -> None:
    """Another agency's NITF body: hl2, bq with block and credit, lists, a table of th and td,
    pre, media with reference, caption and producer, and paragraphs between them."""
    found = _nitf(
        "<p>Lead</p><hl2>Sub <em class='bold'>head</em></hl2>"
        "<bq><block><p>One</p><p>Two</p></block><credit>Ana Lima</credit></bq>"
        "<ul><li>a</li><li>b</li></ul><table><tr><th>T</th><th>P</th></tr><tr><td>X</td><td>3</td></tr></table>"
        "<pre>  1\n  2</pre><media media-type='image'><media-reference source='https://x/p.jpg' name='Alt'/>"
        "<media-caption>Cap</media-caption><media-producer>AP Photo</media-producer></media>"
    )
    assert found == [
        Paragraph.plain("Lead"),
        Heading(runs=["Sub ", Run(text="head", strong=True)]),
        Quote(body=["One", "Two"], attribution="Ana Lima"),
        ListBlock(items=["a", "b"]),
        Table(rows=[["T", "P"], ["X", "3"]], header_rows=1),
        Preformatted(text="  1\n  2"),
        Figure(uri="https://x/p.jpg", caption="Cap", credit="AP Photo", alt="Alt"),
    ]


def test_nitf_figure_alternate_text_and_source_credit() -> None:
    """A NITF media-reference's alternate-text is the alt text (before name, which our earlier
    output used and still reads); its source-credit is the credit only when no media-producer
    gives one."""
    found = _nitf(
        "<media media-type='image'><media-reference source='https://x/1.jpg' alternate-text='Alt'"
        " name='file.jpg' source-credit='Reuters'/></media>"
        "<media media-type='image'><media-reference source='https://x/2.jpg' name='Old alt'"
        " source-credit='Reuters'/><media-producer>AP Photo</media-producer></media>"
    )
    assert found == [
        Figure(uri="https://x/1.jpg", credit="Reuters", alt="Alt"),
        Figure(uri="https://x/2.jpg", credit="AP Photo", alt="Old alt"),
    ]


CONTROLS = ["\x0c", "\x0b", "\x1f", "\x01", "\ufffe", "\uffff"]
"""Characters XML 1.0 cannot carry (nor the model): whitespace controls first, then the others
(U+0000 aside: libxml2 reads a NUL, raw or as a reference, as U+FFFD or nothing itself)."""


@pytest.mark.parametrize("char", [*CONTROLS, "\x00"])
def test_cleaned_makes_what_the_model_refuses_a_space_or_a_replacement(char: str) -> None:
    """``cleaned`` makes a whitespace control a space and any other character XML cannot carry
    U+FFFD, keeping TAB, LF, CR and every character the model holds."""
    expected = " " if char.isspace() else "\ufffd"
    assert _markup.cleaned(f"a{char}\tb\n\rc\x7f\x85") == f"a{expected}\tb\n\rc\x7f\x85"


@pytest.mark.parametrize("char", CONTROLS)
def test_control_characters_in_pre_are_cleaned_as_in_paragraphs(char: str) -> None:
    """In other people's HTML a character the model refuses is cleaned by one rule in a ``pre``
    (lines and spaces still as sent) as in a paragraph, heading, cell, caption and alt text;
    read exactly (our own documents) it is still a ValidationError naming the block."""
    ref = f"&#{ord(char)};"
    expected = " " if char.isspace() else "\ufffd"
    markup = (
        f"<pre>a{ref}b\n  c{ref}</pre><p>p{ref}q</p><h2>h{ref}</h2><table><tr><td>t{ref}d</td></tr></table>"
        f'<figure><img src="https://x/a.jpg" alt="x{ref}y"><figcaption>c{ref}d</figcaption></figure>'
    )
    assert _fragment(markup, tidy=True) == [
        Preformatted(text=f"a{expected}b\n  c{expected}"),
        Paragraph.plain(f"p{expected}q".replace("  ", " ")),
        Heading(runs=[f"h{expected}".strip()]),
        Table(rows=[[f"t{expected}d".replace("  ", " ")]]),
        Figure(uri="https://x/a.jpg", caption=f"c{expected}d", alt=f"x{expected}y"),
    ]
    assert _markup.body_blocks(f"<pre>a{ref}b</pre>")[0] == Preformatted(text=f"a{expected}b")
    with pytest.raises(ValidationError, match=r"Preformatted\.text"):
        _fragment(f"<pre>a{ref}b</pre>")


def test_other_html_is_read_as_blocks() -> None:
    """Other people's HTML, tidied: h1 as a level-2 heading, a quote's cite as its attribution
    (dash dropped), a nested list flattened, a thead row and a th-only row as headers, a caption
    as a paragraph, pre exact after its first line break, a figure with its credit, a bare img."""
    found = _fragment(
        "<h1>Top</h1><h4> Four </h4><blockquote><p>Said</p><cite>— Mary Oliver</cite></blockquote>"
        "<ol><li>a<ul><li>b</li></ul></li></ol>"
        "<table><caption>Results</caption><thead><tr><td>A</td></tr></thead><tr><th>B</th></tr>"
        "<tr><td> 1 </td><td></td></tr></table>"
        "<pre>\n  x\n\ty</pre>"
        '<figure><img src="https://x/a.jpg" alt=" A  b "><figcaption> The  scene <small>AP</small>'
        '</figcaption></figure><img src="https://x/b.jpg"><p>End</p>',
        tidy=True,
    )
    assert found == [
        Heading(runs=["Top"], level=2),
        Heading(runs=["Four"], level=4),
        Quote(body=["Said"], attribution="Mary Oliver"),
        ListBlock(items=["a", "b"], ordered=True),
        Paragraph.plain("Results"),
        Table(rows=[["A"], ["B"], ["1", ""]], header_rows=2),
        Preformatted(text="  x\n\ty"),
        Figure(uri="https://x/a.jpg", caption="The scene", credit="AP", alt="A b"),
        Figure(uri="https://x/b.jpg"),
        Paragraph.plain("End"),
    ]


def test_images_inside_text_and_relative_figures() -> None:
    """An img inside a paragraph's text stays out of the blocks (an emoji, an icon); a figure whose
    URI the model refuses (relative) is left out, caption and all."""
    found = _fragment(
        '<p>Hi <img src="https://x/e.png"> there</p><figure><img src="/a.jpg">'
        "<figcaption>Cap</figcaption></figure>",
        tidy=True,
    )
    assert found == [Paragraph.plain("Hi there")]


def test_cells_are_one_line_in_exact_reading() -> None:
    """A cell holding line breaks or a br in markup read exactly becomes one line (the model's
    cells are single-line): each TAB, LF and break a space, other spaces kept."""
    assert _markup.body_blocks("<table><tr><td> a\nb<br>c </td></tr></table>") == [Table(rows=[[" a b c "]])]


def test_old_paragraph_api_is_unchanged() -> None:
    """``fragment_html``, ``body_html`` and ``append_paragraphs`` still write and read paragraphs
    only (``body_html`` reads a table's cells and a figure's caption as paragraphs, as before)."""
    paragraphs = [Paragraph.plain("a"), Paragraph(runs=[Run(text="b", emphasis=True)])]
    assert _markup.fragment_html(paragraphs, sep="") == "<p>a</p><p><em>b</em></p>"
    assert _markup.body_html("<h2>H</h2><figure><figcaption>C</figcaption></figure>") == [
        Paragraph.plain("H"),
        Paragraph.plain("C"),
    ]
    root = etree.Element("body")
    _markup.append_paragraphs(root, paragraphs, style="xhtml")
    assert etree.tostring(root, encoding=str) == "<body><p>a</p><p><em>b</em></p></body>"


HOSTILE_BLOCKS = {
    "deep-lists": lambda n: "<ul><li>x" * 120 + "word " * (n // 5),
    "deep-quotes": lambda n: "<blockquote><p>q" * 80 + "word " * (n // 5),
    "deep-tables": lambda n: "<table><tr><td>" * 80 + "word " * (n // 5),
    "deep-figures": lambda n: "<figure><figcaption>c" * 120 + "word " * (n // 5),
    "deep-headings": lambda n: "<h2><em>" * 120 + "word " * (n // 5),
    "huge-table": lambda n: "<table>" + "<tr><td>1</td><td>2</td></tr>" * (n // 29) + "</table>",
    "wide-table": lambda n: "<table><tr>" + "<td>x</td>" * (n // 10) + "</tr></table>",
    "stray-cells": lambda n: "<td>x" * (n // 5),
    "many-items": lambda n: "<ul>" + "<li>x</li>" * (n // 10) + "</ul>",
    "many-images": lambda n: "<p>x" + '<img src="https://x/y.jpg">' * (n // 27) + "</p>",
    "bare-images": lambda n: '<img src="https://x/y.jpg">' * (n // 27),
}
"""Block markup of about ``n`` characters that a quadratic walker would choke on."""


@pytest.mark.parametrize("pattern", list(HOSTILE_BLOCKS))
def test_hostile_blocks_at_one_megabyte_are_bounded(pattern: str) -> None:
    """Each hostile block pattern at 1 MB reads as blocks (or our error) within 5 CPU seconds."""
    markup = HOSTILE_BLOCKS[pattern](1_000_000)
    cpu = time.process_time()
    try:
        found: object = _markup.body_blocks(markup, link=_markup.as_written)
    except NewsItemError as exc:
        found = exc
    assert time.process_time() - cpu < 5.0
    assert isinstance(found, list | NewsItemError)


# --- inline whitespace as a browser renders it (other people's markup: tidy) -------------


def test_space_between_inline_elements_is_one_space() -> None:
    """``<a>Jair</a> <a>Bolsonaro</a>`` reads "Jair Bolsonaro", the space between the links kept."""
    found = _fragment(
        '<p>eleito <a href="https://a.example/1">Jair</a> <a href="https://a.example/2">Bolsonaro</a>,'
        "</p><p><b>Jair</b>\n   <i>Bolsonaro</i></p>",
        tidy=True,
    )
    assert [block.text for block in found if isinstance(block, Paragraph)] == [
        "eleito Jair Bolsonaro,",
        "Jair Bolsonaro",
    ]


def test_ascii_whitespace_collapses_and_other_spaces_are_kept() -> None:
    """Runs of ASCII whitespace (newlines, TABs) are one space; NBSP and U+3000 are text, kept."""
    found = _fragment("<p>  a \t\n b\u00a0\u00a0c\u3000d  </p><h2>e\u00a0 f</h2><p>\u00a0</p>", tidy=True)
    assert found == [
        Paragraph.plain("a b\u00a0\u00a0c\u3000d"),
        Heading(runs=[Run(text="e\u00a0 f")], level=2),
    ]


def test_ideographic_space_is_kept_in_one_line_values() -> None:
    """Captions and cells keep non-ASCII spaces while their layout whitespace collapses."""
    found = _fragment(
        '<figure><img src="https://a.example/p.jpg"><figcaption> 東京\u3000駅 \n</figcaption></figure>'
        "<table><tr><td>1\u00a0000\n  km</td></tr></table>",
        tidy=True,
    )
    assert found == [
        Figure(uri="https://a.example/p.jpg", caption="東京\u3000駅"),
        Table(rows=[["1\u00a0000 km"]]),
    ]


def test_br_is_a_line_break_without_the_spaces_around_it() -> None:
    """``<br>`` is a line break in other people's markup; spaces around it and breaks at the
    paragraph's ends go, as a browser renders them."""
    found = _fragment("<p> <br> a <b>b </b><br> <br> c <br> </p>", tidy=True)
    assert found == [Paragraph(runs=[Run(text="a "), Run(text="b", strong=True), Run(text="\n\nc")])]


def test_content_after_an_empty_element_is_moved_back_after_it() -> None:
    """What libxml2 nests inside an element HTML5 knows to be empty (embed, source, track...) is moved
    back after it in order, text and tails included, as a browser has it."""
    from lxml import etree

    from newsitem.formats._markup import parse_html

    root = parse_html("<div>a<embed src=x>b<i>c</i>d<p>rest</p>e</div>", format="html")
    assert root is not None
    div = root.find(".//div")
    assert div is not None
    assert etree.tostring(div, encoding="unicode") == '<div>a<embed src="x"/>b<i>c</i>d<p>rest</p>e</div>'
    assert [child.tag for child in div] == ["embed", "i", "p"]
