"""The faster ways the ninjs reader takes give what the slower ones gave.

Each speed-up (issue 16's benchmark goal: ninjs ``loads`` within 3x of canonical JSON
``loads``) replaced a general tool by a narrower one: one walk without a call per scalar
for the absent-value walk (``present``), one JSON encoder made once for extras text, a
text-only ``p`` of an exactly read body made a paragraph without a walker, and
``iterchildren`` for ``find("body")``. Each is checked here against the tool it replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from newsitem.errors import ValidationError
from newsitem.formats import _markup
from newsitem.formats.ninjs import _foreign, _gather
from newsitem.formats.ninjs._versions import RENAMES, renamed
from newsitem.model import Paragraph, is_text

from .conftest import SHARED

CORPUS = SHARED / "corpus" / "ninjs"


def _reference_present(value: Any, rename: Callable[[str], str] | None = None, depth: int = 0) -> Any:
    """``present`` as it was before its speed-up: one recursive call per value."""
    if depth >= _foreign._REACH:
        return value
    if isinstance(value, dict):
        return {
            (key if rename is None else rename(key)): _reference_present(item, rename, depth + 1)
            for key, item in value.items()
            if item is not None and not (isinstance(item, str) and not item.strip())
        }
    if isinstance(value, list):
        return [_reference_present(item, rename, depth + 1) for item in value]
    if isinstance(value, str) and depth:  # a CR or CRLF in a string is an LF (issue 16, fix-ninjs)
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


_KEYS = st.sampled_from(["a", "pubstatus", "versioncreated", "headline", "x", "infosources"])
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(["", " ", "\t\n", "\u3000", "x", " y ", "a\r\nb\rc"])
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=40,
)


def _nested(depth: int) -> Any:
    """An object nested ``depth`` levels, an absent value and a 2.x name at each."""
    value: Any = {"pubstatus": "usable", "gone": None, "blank": " "}
    for level in range(depth):
        value = {"versioncreated": value, "list": [value, None, ""], "level": level, "empty": ""}
    return value


@given(_JSON)
def test_present_is_the_recursive_walk(value: Any) -> None:
    """present() gives what the one-call-per-value walk gave, with and without renaming."""
    assert _foreign.present(value) == _reference_present(value)
    assert _foreign.present(value, RENAMES) == _reference_present(value, renamed)


@pytest.mark.parametrize("depth", [0, 1, 6, 7, 8, 9, 12])
def test_present_stops_where_it_stopped(depth: int) -> None:
    """present() leaves values below its reach as sent, at the same depth as before."""
    value = _nested(depth)
    assert _foreign.present(value, RENAMES) == _reference_present(value, renamed)
    assert _foreign.present([value]) == _reference_present([value])


def test_present_on_the_corpus() -> None:
    """present() gives what the recursive walk gave on every real ninjs document."""
    if not CORPUS.is_dir():
        pytest.skip("no shared corpus")
    for path in sorted(CORPUS.glob("*.json")):
        value = json.loads(path.read_bytes())
        assert _foreign.present(value, RENAMES) == _reference_present(value, renamed), path.name


@given(_JSON)
def test_extras_text_is_json_dumps(value: Any) -> None:
    """Extras text of a non-string value is what json.dumps(ensure_ascii=False) wrote."""
    if isinstance(value, str) or value is None:
        return
    text = json.dumps(value, ensure_ascii=False)
    assert _gather._as_text(value) == (text if is_text(text) else json.dumps(value))


@given(st.text(max_size=80), st.booleans())
def test_exact_text_paragraph_is_what_the_walker_makes(text: str, clean: bool) -> None:
    """A text-only p read exactly (our own bodies) is the paragraph the paragraph walker made
    of it, or none, or the same refusal."""
    p = etree.Element("p")
    try:
        p.text = text
    except ValueError:  # not XML text: no such p can be read
        return
    try:
        expected: list[object] = list(_markup.paragraphs(p, clean=clean))
    except ValidationError as exc:
        with pytest.raises(ValidationError) as raised:
            _markup.element_blocks(p, clean=clean)
        assert str(raised.value) == str(exc)
        return
    assert _markup.element_blocks(p, clean=clean) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p>",
        "<html><head><title>t</title></head><body><p>a</p></body></html>",
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>b</p></body></html>',
        "<html><head><title>t</title></head></html>",
    ],
)
def test_body_is_what_find_found(html: str) -> None:
    """The body a parsed HTML body is read from is the element root.find("body") gave."""
    root = _markup.parse_html(html, format="ninjs", fragment=not html.startswith("<html"))
    assert root is not None
    found = root.find("body")
    assert _markup._body(root) is (root if found is None else found)


def _reference_flush(self: Any) -> None:
    """The walker's flush before its whitespace-only shortcut (the full path for every text)."""
    if not self.parts and not self.pending:
        if self.base is None:
            self.links = 0
        return
    self.close()
    pieces = self.pending
    self.pending = []
    if self.base is None:
        self.links = 0
    if not "".join(text for text, _ in pieces).strip():
        return
    if self.tidy:
        pieces = _markup._tidied(pieces)
    if len(pieces) == 1 and pieces[0][1] == _markup._PLAIN:
        self.paragraphs.append(Paragraph.plain(pieces[0][0]))
    else:
        self.paragraphs.append(Paragraph(runs=_markup._as_runs(pieces)))


_TAGS = st.sampled_from(["p", "div", "em", "a", "blockquote", "li", "ul", "h2", "br", "span", "pre"])
_TEXTS = st.sampled_from(["", " ", "\n", "\n  ", "word", " two words ", "\t", "x\x0b"])


@st.composite
def _fragments(draw: st.DrawFn, depth: int = 0) -> str:
    """A small HTML fragment of blocks and inline elements with layout whitespace between them."""
    parts = [draw(_TEXTS)]
    for _ in range(draw(st.integers(0, 4 if depth < 2 else 0))):
        tag = draw(_TAGS)
        href = ' href="http://example.com/x"' if tag == "a" else ""
        parts.append(f"<{tag}{href}>{draw(_fragments(depth + 1))}</{tag}>{draw(_TEXTS)}")
    return "".join(parts)


@given(_fragments(), st.booleans())
def test_whitespace_tails_read_as_before(html: str, tidy: bool) -> None:
    """Blocks read with the whitespace-only flush shortcut are the blocks the full flush gave,
    tidy (another's markup) or exact (our own)."""
    root = _markup.parse_html(html, format="ninjs", fragment=True)
    body = _markup._body(root)
    if body is None:
        return
    fast = _markup.blocks(body, tidy=tidy, clean=True, html=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_markup._Walker, "flush", _reference_flush)
        slow = _markup.blocks(body, tidy=tidy, clean=True, html=True)
    assert fast == slow
