"""The faster ways the NewsML-G2 and NITF readers take give what the slower ones gave.

Each speed-up (issue 16's benchmark goal) replaced a general tool by a narrower one: a
walk over children for ``iterwalk`` (``lines_of``), ``iterchildren`` for ``find``
(``first``/``below``), plain dicts for ``Counter`` (document paths), a paragraph made
without a block walker (``text_paragraph``). Each is checked here against the tool it
replaced, on every element of the shared corpus and on small documents of our own.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.newsmlg2 import _values, _where

from .conftest import SHARED

CORPUS = SHARED / "corpus"
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
_OWN = [
    b"<a>x<!-- c -->tail<b>t<?pi z?>pt<c/>ct</b>bt<p>para</p>pt&#65;</a>",
    b"<r><p>a<br/>b</p><!--only--><li>x</li>tail<p>a</p><p>b</p><q><p/></q></r>",
    b'<n xmlns="urn:n" xmlns:o="urn:o"><m><k/><o:k/><k/></m><m><i>1</i></m><o:m><i>2</i></o:m></n>',
]


def _roots() -> list[etree._Element]:
    documents = list(_OWN)
    if CORPUS.is_dir():
        documents += [path.read_bytes() for path in sorted(CORPUS.glob("*/*.xml"))]
    roots = []
    for data in documents:
        try:
            roots.append(etree.fromstring(data, _PARSER))
        except etree.XMLSyntaxError:
            continue  # the corpus holds malformed samples on purpose
    return roots


ROOTS = _roots()


def _elements() -> list[etree._Element]:
    return [e for root in ROOTS for e in root.iter() if isinstance(e.tag, str)]


def _iterwalk_pieces(element: etree._Element) -> list[str]:
    """The pieces ``lines_of`` gathered with ``iterwalk`` before (the reference)."""
    pieces: list[str] = []
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag
        block = isinstance(tag, str) and tag.rpartition("}")[2] in _values._BLOCKS
        if event == "start":
            if block:
                pieces.append("\n")
            if node.text and isinstance(tag, str):
                pieces.append(node.text)
        else:
            if block:
                pieces.append("\n")
            if node.tail and node is not element:
                pieces.append(node.tail)
    return pieces


def test_lines_of_gathers_what_iterwalk_gathered() -> None:
    """The child walk behind lines_of gives iterwalk's pieces for every element (comments
    and processing instructions left out with their tails, as iterwalk leaves them)."""
    elements = _elements()
    assert len(elements) > 100
    for element in elements:
        pieces: list[str] = []
        _values._gather(element, pieces)
        assert pieces == _iterwalk_pieces(element), element.tag


def test_first_and_below_find_what_find_finds() -> None:
    """first(e, tag) is e.find(tag) and below(e, a, b) is e.find('a/b'), for every element
    and every tag of its children and grandchildren (a second parent searched too)."""
    checked = 0
    for element in _elements():
        tags = {c.tag for c in element if isinstance(c.tag, str)}
        for tag in tags:
            assert _values.first(element, tag) is element.find(tag)
            inner = {g.tag for c in element.iterchildren(tag) for g in c if isinstance(g.tag, str)}
            for deeper in inner:
                assert _values.below(element, tag, deeper) is element.find(f"{tag}/{deeper}")
                checked += 1
        assert _values.first(element, "{urn:none}absent") is None
    assert checked > 100


def _reference_step(element: etree._Element) -> str:
    """An element's path step as Counter-based counting gave it."""
    parent = element.getparent()
    local = _where.split_tag(element)[1]
    if parent is None:
        return local
    same = [c for c in parent if c.tag == element.tag]
    counts = Counter(c.tag for c in parent if isinstance(c.tag, str))
    return local if counts[element.tag] == 1 else f"{local}[{same.index(element) + 1}]"


def test_paths_number_siblings_as_before() -> None:
    """Document paths, with and without the per-read cache (asked again, with an attribute,
    below the root), give each element its local name and, where siblings share its name,
    its 1-based position among them."""
    for root in ROOTS[:20]:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            steps = []
            node: etree._Element | None = element
            while node is not None:
                steps.append(_reference_step(node))
                node = node.getparent()
            expected = "/".join(reversed(steps))
            assert _where.path(element) == expected
            with _where.reading():  # the steps and the path cached: asked twice, with an attribute
                assert _where.path(element) == expected
                assert _where.path(element, "id") == f"{expected}/@id"
                assert _where.path(element, below=root) == expected.partition("/")[2]
                assert _where.path(element, "id", below=root).endswith("@id")
                assert _where.path(element) == expected


@given(st.text(max_size=80))
def test_text_paragraph_is_what_the_block_walker_makes(text: str) -> None:
    """text_paragraph(text) is what the paragraph walker (and element_blocks) makes of a p
    holding only that text, read as another's markup (tidy): the same paragraph, or none,
    or the same refusal."""
    p = etree.Element("p")
    try:
        p.text = text
    except ValueError:  # not XML text: no such p can be read
        return
    try:
        expected: list[object] = list(_markup.paragraphs(p, tidy=True))
    except ValidationError as exc:
        with pytest.raises(ValidationError) as raised:
            _markup.text_paragraph(text)
        assert str(raised.value) == str(exc)
        return
    assert _markup.text_paragraph(text) == expected
    assert _markup.element_blocks(p, tidy=True) == expected
